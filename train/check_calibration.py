"""Is the deployed confidence calibrated on articles the model never saw? A nested check
on PolNeAR train, of the whole procedure `make train` follows.

    python train/check_calibration.py [--folds 5]

Outer folds of whole articles: each in turn is held out. On the rest, exactly what
train_ranker.py does: out-of-fold shares from inner folds fit the calibration maps (one for
quotations, one for partial quotations and reported statements, on the statements the
model decides), the rules settle what they settle at their measured accuracy there, and
a model is fitted on all of it. The held-out fold is then answered as the engine answers,
and its confidences are binned against how often they were right.

Why: dev's mid-scale has been right more often than its confidence in every session
since the model came, while the maps are fitted on train. This tells whether that is
the procedure (an out-of-fold map applied to a model fitted on all the data) or dev (the
articles the rules were written against). dev is not read.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "train")]

import train_ranker as T  # noqa: E402
from polnear import TRAIN, groups, scorer  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=5, help="outer and inner folds (default 5)")
    ap.add_argument("--c", type=float, default=None, help="C (default: the committed model's)")
    args = ap.parse_args()
    DictVectorizer, IsotonicRegression = T._need_sklearn()
    import json

    from bot.extract import ranker

    model = json.loads(ranker.MODEL_PATH.read_text(encoding="utf-8"))
    c = args.c or model["c"]
    keep = model["keep_rule_within"]
    gs = list(groups(TRAIN, scorer()))
    seen: Counter[str] = Counter(k for g in gs for f in g.features for k in f)
    vec = DictVectorizer(sort=True)
    vec.fit([{k: 1.0 for k, n in seen.items() if n >= model.get("min_count", T.MIN_COUNT)}])
    feats, labels, scored, owner = T._rows(gs)
    rules = np.array([f.get("rule", 0.0) > 0 for f in feats])
    X = vec.transform(feats)
    quoted = np.array([g.kind in T.QUOTED_KINDS for g in gs])
    rule_right = np.array([g.rule_correct for g in gs])
    order: dict[str, int] = {}
    article = np.array([order.setdefault(g.article, len(order)) for g in gs])
    k = args.folds

    def fit(on: np.ndarray) -> np.ndarray:
        """A model fitted on the groups `on` (those holding a right candidate)."""
        has_pos = np.zeros(len(gs), dtype=bool)
        has_pos[owner[on[owner] & (labels == 1)]] = True
        rows = np.flatnonzero(on[owner] & has_pos[owner])
        return T._fit(X[rows], labels[rows], owner[rows], c)

    def answer(w: np.ndarray, on: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Whether the model's choice is right, and its share, for the groups `on`."""
        rows = np.flatnonzero(on[owner])
        scores, own = X[rows] @ w, owner[rows]
        right, share = np.zeros(len(gs), dtype=bool), np.zeros(len(gs))
        for idx in np.split(np.arange(len(rows)), np.flatnonzero(np.diff(own)) + 1):
            g = own[idx[0]]
            j, share[g] = T._decide(scores[idx], rules[rows][idx], keep)
            right[g] = scored[rows][idx[j]] == 1
        return right, share

    conf, right = np.zeros(len(gs)), np.zeros(len(gs), dtype=bool)
    for o in range(k):
        held = article % k == o
        rest = ~held
        # inside the rest, as make train does: out-of-fold shares, the rules' settling,
        # the maps, and the model on all of it
        oof_right, oof_share = np.zeros(len(gs), dtype=bool), np.zeros(len(gs))
        for i in range(k):
            inner = rest & ((article // k) % k == i)
            r, s = answer(fit(rest & ~inner), inner)
            oof_right[inner], oof_share[inner] = r[inner], s[inner]
        sub = [g for g, on in zip(gs, rest, strict=True) if on]
        settle = T._settle(sub, oof_right[rest])
        settled = T._settled(gs, settle)
        r, s = answer(fit(rest), held)
        right[held] = np.where(settled, rule_right, r)[held]
        for cls in (True, False):
            fit_on = rest & ~settled & (quoted == cls)
            iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip", increasing=True)
            iso.fit(oof_share[fit_on], oof_right[fit_on].astype(float))
            sel = held & ~settled & (quoted == cls)
            conf[sel] = iso.predict(s[sel])
        for q in ("direct", "partial", "reported", "continued"):
            sel = held & settled & np.array([g.kind == q for g in gs])
            conf[sel] = (settle or {}).get("confidence", {}).get(q, 0.0)
    direct = np.array([g.direct for g in gs])
    print(f"\nheld-out folds, every judgeable statement ({len(gs)}), confidence as the engine gives it:")
    print(T.reliability(conf, right))
    print(f"\ndirect quotations ({int(direct.sum())}):")
    print(T.reliability(conf[direct], right[direct]))
    y = right.astype(float)
    print(f"\nBrier {np.mean((conf - y) ** 2):.4f}; held-out direct accuracy {right[direct].mean():.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
