"""Scores extraction on the shared gold: the seed gold (score_gold.py) and PolNeAR dev
(score_quotes.py). Both live in ../shared, which is never copied into the project.

    python bench/evaluate.py [--show-errors] [--polnear-only | --seeds-only]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def run(cmd: list[str], out: Path | None = None) -> str:
    res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{res.stderr}")
    if out is not None:
        out.write_text(res.stdout, encoding="utf-8")
    return res.stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--seeds-only", action="store_true")
    ap.add_argument("--polnear-only", action="store_true")
    args = ap.parse_args()
    if not SHARED.exists():
        sys.exit(f"{SHARED} is missing: the gold and scorers live there")
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        if not args.polnear_only:
            # The quotations and the reported statements apart: the hand gold lists quotations
            # in full but only some reported statements, so one line over both would count
            # every true statement it does not list as a false positive of the quotations.
            for label, kinds in (("quotations (direct, partial)", ["--kinds", "direct,partial"]),
                                 ("everything, reported statements included", [])):
                pred = Path(tmp) / "seeds.jsonl"
                run([py, "-m", "bot", "extract", "seeds", "--format", "jsonl", *kinds], pred)
                cmd = [py, str(SHARED / "eval/score_gold.py"), str(SHARED / "eval/seeds-gold.yaml"),
                       "seeds", str(pred)]
                out = run(cmd + (["--show-errors"] if args.show_errors else []))
                print(f"== seeds gold: {label}\n" + out)
        if not args.seeds_only:
            pred = Path(tmp) / "polnear.jsonl"
            dev = SHARED / "eval/polnear/dev.jsonl"
            run([py, "-m", "bot", "extract", "--input-jsonl", str(dev), "--format", "jsonl"], pred)
            print("== PolNeAR dev\n" + run([py, str(SHARED / "eval/score_quotes.py"), str(dev),
                                            str(pred)]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
