"""How far the speaker confidence can be trusted, on PolNeAR dev (needs ../shared):
confidence bins against observed accuracy, and for each min_confidence the accuracy of
the speakers the bot names and the share it withholds ("speaker uncertain").

    python bench/reliability.py [--split dev|train] [--kinds direct,partial,reported]

Judged as the shared scorer judges (its functions, imported from ../shared)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "train")]

from polnear import DEV, TRAIN, judged, scorer  # noqa: E402

from bot.config import BotSettings  # noqa: E402

EDGES = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=["dev", "train"], default="dev")
    ap.add_argument("--kinds", default="direct,partial,reported")
    args = ap.parse_args()
    kinds = set(args.kinds.split(","))
    sq = scorer()
    right, conf, direct = judged(DEV if args.split == "dev" else TRAIN, sq, kinds)
    r, c, d = np.array(right), np.array(conf), np.array(direct)
    print(f"PolNeAR {args.split}: {len(r)} matched statements with a judgeable source "
          f"({int(d.sum())} direct); speaker accuracy {r.mean():.3f} (direct {r[d].mean():.3f})")
    print("\n| confidence | speakers | mean confidence | observed accuracy |\n| --- | --- | --- | --- |")
    for lo, hi in zip(EDGES, EDGES[1:], strict=False):
        sel = (c >= lo) & (c < hi)
        if sel.any():
            print(f"| {lo:.2f}–{min(hi, 1):.2f} | {int(sel.sum())} | {c[sel].mean():.3f} | {r[sel].mean():.3f} |")
    default = BotSettings().min_confidence
    print("\n| min_confidence | named: accuracy | withheld | direct named: accuracy | direct withheld |"
          "\n| --- | --- | --- | --- | --- |")
    for t in sorted({0.0, 0.3, 0.4, 0.5, 0.6, 0.7, default}):
        named = c > t if t > 0 else np.ones(len(c), dtype=bool)  # (as bot/index.py names them)
        dn = named & d
        mark = " (default)" if t == default else ""
        print(f"| {t:.2f}{mark} | {r[named].mean():.3f} | {1 - named.mean():.1%} | "
              f"{r[dn].mean():.3f} | {1 - dn.sum() / d.sum():.1%} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
