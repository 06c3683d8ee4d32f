"""Extraction time against article length: one article made of bench/synth.py articles
joined, at 1, 5, 10 and 20 MB, extracted once each. Seconds per MB should stay flat.

    python bench/bench_growth.py [--sizes 1 5 10 20] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import synth  # noqa: E402

from bot.corpus import parse_article  # noqa: E402
from bot.extract.pipeline import extract  # noqa: E402


def long_article(mb: float, seed: int = 3) -> str:
    """Synthetic news articles, their titles dropped, joined into one of about mb MB."""
    parts: list[str] = []
    size = 0
    arts = [t for _, t in synth.corpus(2000, seed, 10)]
    i = 0
    while size < mb * 1e6:
        body = arts[i % len(arts)].split("\n", 1)[1]
        parts.append(body)
        size += len(body)
        i += 1
    return "A long article\n\n" + "\n".join(parts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 5, 10, 20])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    extract(parse_article("warm.txt", long_article(0.05)))  # lexicons and the model loaded
    rows = []
    for mb in args.sizes:
        art = parse_article("long.txt", long_article(mb))
        t = time.process_time()
        n = len(extract(art))
        s = time.process_time() - t
        rows.append({"mb": mb, "seconds": round(s, 2), "s_per_mb": round(s / mb, 3), "quotes": n})
    if args.json:
        print(json.dumps(rows))
    else:
        for r in rows:
            print(f"{r['mb']:>5} MB  {r['seconds']:>7.2f} s  {r['s_per_mb']:.3f} s/MB  {r['quotes']} quotes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
