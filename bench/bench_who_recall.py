"""/who recall on real text: does the quotation that holds a remembered phrase come first?

The engine's quotations of the PolNeAR articles in ../shared (train and dev: some 12,000)
go into one index; phrases of 3-5 words are taken from quotations, each occurring in
exactly one quotation of the index (folded), half of them with two adjacent letters of
one word swapped. For each: the rank of the quotation it came from.

    python bench/bench_who_recall.py [--phrases 300] [--seed 1] [--json]

Prints rank-1 and top-5 recall for verbatim and typo'd phrases, and query latency
(median, p99).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "train"), str(ROOT / "bench")]

from bench_who_scale import exact_counter, unique_phrases  # noqa: E402
from polnear import DEV, TRAIN, articles, as_article  # noqa: E402

from bot.extract.pipeline import extract  # noqa: E402
from bot.index import ArticleInfo, QueryError, QuoteIndex  # noqa: E402


def corpus() -> list[tuple[ArticleInfo, list]]:
    entries = []
    for path in (TRAIN, DEV):
        for rec in articles(path):
            art = as_article(rec)
            qs = extract(art)
            entries.append((ArticleInfo.of(art, len(qs)), qs))
    return entries


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--phrases", type=int, default=300, help="of each kind (verbatim, typo'd)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    t0 = time.perf_counter()
    ix = QuoteIndex.build(corpus())
    built = time.perf_counter() - t0
    rng = random.Random(args.seed)
    qs = unique_phrases(ix, rng, 2 * args.phrases, exact_counter(ix), (3, 4, 5))
    ranks: dict[bool, list[int | None]] = {False: [], True: []}
    lat = []
    for ph, gid, typo in qs:
        t = time.perf_counter()
        try:
            hits = ix.who(ph, limit=5, min_score=0)
        except QueryError:
            hits = []
        lat.append(time.perf_counter() - t)
        ids = [h.statement.id for h in hits]
        ranks[typo].append(ids.index(gid) + 1 if gid in ids else None)
    lat.sort()
    out = {"quotations": len(ix), "build_s": round(built, 1), "phrases": len(qs)}
    for typo, name in ((False, "verbatim"), (True, "typo")):
        r = ranks[typo]
        out[f"{name}_first"] = round(sum(1 for x in r if x == 1) / len(r), 3)
        out[f"{name}_top5"] = round(sum(1 for x in r if x is not None) / len(r), 3)
    out["p50_ms"] = round(1000 * statistics.median(lat), 2)
    out["p99_ms"] = round(1000 * lat[min(len(lat) - 1, int(0.99 * (len(lat) - 1)))], 2)
    if args.json:
        print(json.dumps(out))
    else:
        for k, v in out.items():
            print(f"{k}: {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
