"""Extraction throughput in MB of text per second, on one core.

Reads the PolNeAR dev texts from ../shared when present (never copied into the
project), else the bundled seeds, and reports the median of several runs.

    python bench/bench_extract.py [--runs 7] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.corpus import parse_article, read_corpus  # noqa: E402
from bot.extract.pipeline import extract  # noqa: E402
from bot.models import Article  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "polnear" / "dev.jsonl"


def load() -> tuple[str, list[Article]]:
    if DEV.exists():
        with DEV.open(encoding="utf-8") as f:
            recs = [json.loads(line) for line in f if line.strip()]
        return "PolNeAR dev", [parse_article(r["id"], r["text"]) for r in recs]
    return "seeds", read_corpus([ROOT / "seeds"]).articles


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    name, articles = load()
    mb = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6
    times = []
    quotes = 0
    for _ in range(args.runs):
        t0 = time.perf_counter()
        quotes = sum(len(extract(a)) for a in articles)
        times.append(time.perf_counter() - t0)
    med = statistics.median(times)
    out = {"corpus": name, "articles": len(articles), "text_mb": round(mb, 3),
           "quotes": quotes, "runs": args.runs, "median_s": round(med, 4),
           "mb_per_s": round(mb / med, 3)}
    print(json.dumps(out) if args.json else
          f"{name}: {len(articles)} articles, {mb:.2f} MB, {quotes} quotes; "
          f"median {med:.3f} s over {args.runs} runs = {mb / med:.2f} MB/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
