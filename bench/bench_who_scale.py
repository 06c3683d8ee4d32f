"""/who at scale: a synthetic corpus of N quotation records (bench_index.records), phrases
of 4-5 words that occur in exactly one quotation, half with two adjacent letters of one
word swapped. Reports whether the source comes first and in the top five, query latency
(p50, p99; wall and the querying thread's CPU time), the build time (wall and the
process's CPU) and the process's resident memory.

    python bench/bench_who_scale.py --quotes 1000000 [--phrases 200] [--json]
    python bench/bench_who_scale.py --quotes 1000000 --plain   # Tantivy's own top five

With --plain the top five are Tantivy's BM25 ranking of the same query (fuzzy terms,
phrase boost), without quotebot's final ranking. Run the script from an older checkout
(PYTHONPATH=that checkout) to measure the index it had: the API is the same.
"""

from __future__ import annotations

import argparse
import gc
import inspect
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_index import pct, records, rss_mb  # noqa: E402

from bot.index import QueryError, QuoteIndex  # noqa: E402
from bot.textnorm import STOPWORDS, fold  # noqa: E402


def swap(rng: random.Random, w: str) -> str:
    i = rng.randrange(0, len(w) - 1)
    return w[:i] + w[i + 1] + w[i] + w[i + 2:]


def unique_phrases(ix: QuoteIndex, rng: random.Random, n: int,
                   occurrences: Callable[[list[str]], int],
                   lengths: tuple[int, ...] = (4, 5)) -> list[tuple[str, int, bool]]:
    """n phrases (every other one with a slip) from quotations, each found in exactly one:
    (phrase, id of its quotation, with a slip)."""
    out: list[tuple[str, int, bool]] = []
    while len(out) < n:
        gid = rng.randrange(len(ix))
        ws = fold(ix.statement(gid).text).split()
        k = rng.choice(lengths)
        if len(ws) < k:
            continue
        j = rng.randrange(len(ws) - k + 1)
        ph = ws[j:j + k]
        if all(w in STOPWORDS for w in ph) or occurrences(ph) != 1:
            continue
        typo = len(out) % 2 == 1
        if typo:
            long = [i for i, w in enumerate(ph) if len(w) >= 4 and w not in STOPWORDS]
            if not long:
                continue
            i = rng.choice(long)
            ph = ph[:i] + [swap(rng, ph[i])] + ph[i + 1:]
        out.append((" ".join(ph), gid, typo))
    return out


def exact_counter(ix: QuoteIndex, folded: list[str] | None = None) -> Callable[[list[str]], int]:
    """How many quotations hold these words in a row: an exact phrase query where the
    index has one, else a scan of the folded texts (an older checkout)."""
    if folded is None and not hasattr(ix, "phrases"):
        folded = [" " + fold(ix.statement(i).text) + " " for i in range(len(ix))]
    if folded is None:
        import tantivy

        from bot.phrases import SCHEMA
        searcher = ix.phrases.snapshot.searcher
        return lambda ph: int(searcher.search(tantivy.Query.phrase_query(SCHEMA, "text", ph), 1,
                                              count=True).count)
    return lambda ph: sum(1 for t in folded if " " + " ".join(ph) + " " in t)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quotes", type=int, default=1_000_000)
    ap.add_argument("--phrases", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--plain", action="store_true", help="Tantivy's own ranking, no re-ranking")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    out: dict[str, object] = {"quotes": args.quotes}
    with tempfile.TemporaryDirectory() as tmp:
        # (making the synthetic records is no part of the build: timed apart, subtracted)
        t, c = time.perf_counter(), time.process_time()
        for _ in records(args.quotes, args.seed):
            pass
        making, making_cpu = time.perf_counter() - t, time.process_time() - c
        t, c = time.perf_counter(), time.process_time()
        if "phrase_dir" in inspect.signature(QuoteIndex.build).parameters:
            ix = QuoteIndex.build(records(args.quotes, args.seed), phrase_dir=Path(tmp) / "phrases")
            out["index"] = "tantivy" if not args.plain else "plain tantivy"
        else:
            ix = QuoteIndex.build(records(args.quotes, args.seed))
            out["index"] = "hand-written postings"
        out["build_s"] = round(time.perf_counter() - t - making, 1)
        # (CPU of every thread of the process, Tantivy's too: neighbours on a shared
        # machine do not inflate it)
        out["build_cpu_s"] = round(time.process_time() - c - making_cpu, 1)
        out["records_s"] = round(making, 1)
        gc.collect()
        out["rss_mb"] = round(rss_mb(), 1)
        folded = None if hasattr(ix, "phrases") else \
            [" " + fold(ix.statement(i).text) + " " for i in range(len(ix))]
        qs = unique_phrases(ix, random.Random(args.seed), args.phrases, exact_counter(ix, folded))
        del folded
        gc.collect()

        def top5(ph: str) -> list[int]:
            if args.plain:
                return [g for g, _ in ix.phrases.snapshot.candidates(ph, 5)]
            try:
                return [h.statement.id for h in ix.who(ph, limit=5, min_score=0)]
            except QueryError:
                return []

        for ph, _, _ in qs[:20]:
            top5(ph)  # warm up
        lat: list[float] = []
        cpu: list[float] = []  # (the querying thread's own CPU time)
        ranks: dict[bool, list[int | None]] = {False: [], True: []}
        for ph, gid, typo in qs:
            t, c = time.perf_counter(), time.thread_time()
            ids = top5(ph)
            lat.append(time.perf_counter() - t)
            cpu.append(time.thread_time() - c)
            ranks[typo].append(ids.index(gid) + 1 if gid in ids else None)
        for typo, name in ((False, "verbatim"), (True, "typo")):
            r = ranks[typo]
            out[f"{name}_first"] = round(sum(1 for x in r if x == 1) / len(r), 3)
            out[f"{name}_top5"] = round(sum(1 for x in r if x is not None) / len(r), 3)
        allr = ranks[False] + ranks[True]
        out["top5"] = round(sum(1 for x in allr if x is not None) / len(allr), 3)
        out["p50_ms"] = round(1000 * statistics.median(lat), 2)
        out["p99_ms"] = round(1000 * pct(lat, 99), 2)
        out["cpu_p50_ms"] = round(1000 * statistics.median(cpu), 2)
        out["cpu_p99_ms"] = round(1000 * pct(cpu, 99), 2)
    print(json.dumps(out) if args.json else "\n".join(f"{k}: {v}" for k, v in out.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
