"""Extraction throughput in MB of text per second, on one core.

Reads the PolNeAR dev texts from ../shared when present (never copied into the
project), else the bundled seeds, and reports the median of several runs. Measures the
build of the engine installed in the running interpreter's environment: `make bench`
runs it in .venv (pure Python) and in .venv-fast (compiled by mypyc), back to back.

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
try:
    import bot  # noqa: F401  (the installed build, whichever it is)
except ImportError:  # not installed: the source tree
    sys.path.insert(0, str(ROOT))

from bot.corpus import parse_article, read_corpus  # noqa: E402
from bot.extract import build  # noqa: E402
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
    times: list[float] = []
    cpu: list[float] = []
    quotes = 0
    for _ in range(args.runs):
        t0, c0 = time.perf_counter(), time.process_time()
        quotes = sum(len(extract(a)) for a in articles)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    med = statistics.median(times)
    # the process's own CPU time: on a shared machine the wall clock also counts the
    # neighbours' work
    cpu_med = statistics.median(cpu)
    out = {"corpus": name, "build": build(), "articles": len(articles), "text_mb": round(mb, 3),
           "quotes": quotes, "runs": args.runs, "median_s": round(med, 4),
           "mb_per_s": round(mb / med, 3), "cpu_median_s": round(cpu_med, 4),
           "cpu_mb_per_s": round(mb / cpu_med, 3)}
    print(json.dumps(out) if args.json else
          f"{build()}, {name}: {len(articles)} articles, {mb:.2f} MB, {quotes} quotes; "
          f"median {med:.3f} s over {args.runs} runs = {mb / med:.2f} MB/s "
          f"(CPU time {cpu_med:.3f} s = {mb / cpu_med:.2f} MB/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
