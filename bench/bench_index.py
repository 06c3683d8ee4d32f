"""Index benchmark on a synthetic corpus (bench/synth.py): build time, reload after one
changed file, query latency (median and p99) and resident memory.

    python bench/bench_index.py --quotes 100000 --json            # files: extraction + index
    python bench/bench_index.py --quotes 1000000 --mode records   # index only, from records

`--mode files` (the default up to 200,000 quotes) writes article files and measures the
real path: extraction on all cores, the sqlite cache, the index; `build_s` is a cold build
with an empty cache. `--mode records` feeds quote records straight into the index (no
extraction), for sizes where writing and extracting the files would take too long; its
`build_s` is the index build with the making of the records (which overlaps Tantivy's
indexing). Both keep the phrase index and the texts on disk, as the service does.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import contextlib

import synth  # noqa: E402

from bot.index import ArticleInfo, QueryError, QuoteIndex  # noqa: E402
from bot.models import Quote  # noqa: E402
from bot.service import Service  # noqa: E402

QUOTES_PER_ARTICLE = 10


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def pct(xs: Sequence[float], p: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def records(n_quotes: int, seed: int) -> Iterator[tuple[ArticleInfo, list[Quote]]]:
    rng = random.Random(seed)
    cast = synth.people(rng, max(50, n_quotes // 200))
    kinds = ("direct", "direct", "partial", "reported")
    made = 0
    i = 0
    while made < n_quotes:
        aid = f"{i:07d}.txt"
        day = synth.dt.date(2020, 1, 1) + synth.dt.timedelta(days=rng.randrange(1500))
        info = ArticleInfo(aid, f"Article {i}", rng.choice(synth.OUTLETS), day, None,
                           QUOTES_PER_ARTICLE)
        qs = []
        pos = 0
        for _ in range(min(QUOTES_PER_ARTICLE, n_quotes - made)):
            p = rng.choice(cast)
            text = synth.quote_text(rng)
            qs.append(Quote(aid, [(pos, pos + len(text))], text, rng.choice(kinds),  # type: ignore[arg-type]
                            speaker=p.name if rng.random() < 0.8 else p.last, speaker_kind="person",
                            speaker_role=p.role, cue="said"))
            pos += len(text) + 40
        made += len(qs)
        i += 1
        yield info, qs


def timed(fn: Callable[[object], object], args: Sequence[object]) -> list[float]:
    out = []
    for a in args:
        t = time.perf_counter()
        with contextlib.suppress(QueryError):
            fn(a)
        out.append((time.perf_counter() - t) * 1000)
    return out


def typo(rng: random.Random, w: str) -> str:
    if len(w) < 5:
        return w
    i = rng.randrange(1, len(w) - 2)
    return w[:i] + w[i + 1] + w[i] + w[i + 2:]  # two letters swapped


def queries(ix: QuoteIndex, rng: random.Random, n: int) -> tuple[list[str], list[str], list[str]]:
    texts = [ix.statement(i).text for i in rng.sample(range(len(ix)), min(n, len(ix)))]
    phrases = []
    for t in texts:
        ws = t.replace(",", "").replace(".", "").split()
        k = rng.choice((2, 3, 4))
        j = rng.randrange(max(1, len(ws) - k))
        ph = ws[j:j + k]
        if rng.random() < 0.3:
            ph = [typo(rng, w) for w in ph]
        phrases.append(" ".join(ph))
    sps = ix.speakers()
    names = []
    for _ in range(n):
        sp = rng.choice(sps)
        form = rng.random()
        names.append(sp.name if form < 0.4 else sp.name.split()[-1] if form < 0.8
                     else typo(rng, sp.name.split()[-1]))
    prefixes = [rng.choice(sps).name.split()[-1][:rng.randint(1, 6)] for _ in range(n)]
    return phrases, names, prefixes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quotes", type=int, default=100_000)
    ap.add_argument("--mode", choices=["files", "records"])
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    mode = args.mode or ("files" if args.quotes <= 200_000 else "records")
    rng = random.Random(args.seed)
    result: dict[str, object] = {"mode": mode}
    with tempfile.TemporaryDirectory() as tmp:
        if mode == "files":
            folder = Path(tmp) / "corpus"
            folder.mkdir()
            n_articles = max(1, args.quotes // (QUOTES_PER_ARTICLE + 1))
            names = []
            for name, text in synth.corpus(n_articles, args.seed, QUOTES_PER_ARTICLE):
                (folder / name).write_text(text, encoding="utf-8")
                names.append(name)
            (Path(tmp) / "config").mkdir()
            service = Service(folder, Path(tmp) / "config", Path(tmp) / "cache.sqlite3")
            t = time.perf_counter()
            report = service.reload()
            result["build_s"] = round(time.perf_counter() - t, 3)
            result["articles"] = report.quotes_after and len(names)
            reloads = []
            for k in range(5):
                victim = folder / rng.choice(names)
                victim.write_text(victim.read_text(encoding="utf-8") + f"\n“Revision {k} of the text,” "
                                  "Jens Stoltenberg said.\n", encoding="utf-8")
                t = time.perf_counter()
                service.reload()
                reloads.append(time.perf_counter() - t)
            result["reload_one_s"] = round(statistics.median(reloads), 3)
            result["reload_one_max_s"] = round(max(reloads), 3)
            ix = service.index
        else:
            t = time.perf_counter()
            # (on disk, as the service keeps it: the phrase index and the texts in a folder)
            ix = QuoteIndex.build(records(args.quotes, args.seed), phrase_dir=Path(tmp) / "phrases")
            result["build_s"] = round(time.perf_counter() - t, 3)
            result["articles"] = ix.article_count
        gc.collect()
        result["quotes"] = len(ix)
        result["speakers"] = len(ix.speakers())
        result["text_mb"] = round(sum(len(ix.statement(i).text.encode()) for seg in ix.segments
                                      for i in range(seg.base, seg.end) if i not in ix.dead) / 1e6, 1)
        result["rss_mb"] = round(rss_mb(), 1)
        phrases, names, prefixes = queries(ix, rng, args.queries)
        timed(ix.who, phrases[:50])  # warm up
        who = timed(ix.who, phrases)
        quote = timed(ix.quote, names)
        comp = timed(ix.complete_speaker, prefixes)
        def answered(p: str) -> bool:
            try:
                return bool(ix.who(p))
            except QueryError:
                return False

        found = sum(1 for p in phrases[:200] if answered(p))
        result.update({
            "who_p50_ms": round(statistics.median(who), 2), "who_p99_ms": round(pct(who, 99), 2),
            "quote_p50_ms": round(statistics.median(quote), 3), "quote_p99_ms": round(pct(quote, 99), 3),
            "complete_p50_ms": round(statistics.median(comp), 3),
            "complete_p99_ms": round(pct(comp, 99), 3),
            "who_found_share": round(found / min(200, len(phrases)), 3),
        })
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:>18}: {v}")


if __name__ == "__main__":
    main()
