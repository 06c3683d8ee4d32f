"""Train the speaker ranker on PolNeAR train and write bot/extract/speaker_ranker.json.

    python train/train_ranker.py [--folds 5] [--c 0.3] [--dev]   (or: make train)

1. The engine finds every statement of the 840 training articles, and for each its
   candidate sources with their features (bot/extract/candidates.py, features.py).
   Statements matched to an annotated one with a judgeable source become groups; a
   candidate is right where the shared scorer would accept its name.
2. A logistic regression scores candidates; the best-scored one of a group is the
   speaker. The regularisation C is chosen by grouped 5-fold cross-validation on train
   (folds by article, so no article is on both sides), on direct speaker accuracy.
3. Calibration: the chosen candidate's softmax share, out of fold, against whether it was
   right, fitted by isotonic regression on the statements the model decides (not those
   the rules settle alone) — the model's `confidence`.
4. The final model is fitted on all of train. Deterministic: same data, same file.
dev is read only with --dev, to report once the model is chosen.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "train")]

from polnear import DEV, TRAIN, Group, groups, judged, scorer  # noqa: E402

from bot.extract import ranker  # noqa: E402

C_GRID = (0.03, 0.1, 0.3, 1.0)
# how much more probable than the rules' answer another candidate must be to replace it
KEEPS = (0.0, 0.1, 0.2, 0.3, 0.5)
MIN_COUNT = 20


def _need_sklearn():
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.isotonic import IsotonicRegression
    except ImportError:
        sys.exit("training needs scikit-learn: pip install -e '.[train]'")
    return DictVectorizer, IsotonicRegression


def _fit(X, y: np.ndarray, owner: np.ndarray, c: float) -> np.ndarray:
    """A conditional logit: one softmax over each statement's candidates, trained to put
    the probability on the right ones (log of their summed share), with an L2 penalty
    1/(2C)·|w|². Only preferences within a statement are learned, which is the choice
    the engine makes (a plain per-candidate logistic regression also learns how often a
    kind of candidate is right across statements, and so mis-weighs a rule answer that is
    often wrong but still the best on offer). Rows of a statement are contiguous."""
    from scipy.optimize import minimize

    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    pos = y.astype(float)
    Xt = X.T.tocsr()

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = X @ w
        m = np.maximum.reduceat(s, starts)
        e = np.exp(s - np.repeat(m, np.diff(np.r_[starts, len(s)])))
        z_all = np.add.reduceat(e, starts)
        z_pos = np.add.reduceat(e * pos, starts)
        ll = float(np.sum(np.log(z_pos) - np.log(z_all)))
        rep = np.diff(np.r_[starts, len(s)])
        p = e / np.repeat(z_all, rep)
        q = e * pos / np.repeat(z_pos, rep)
        grad = Xt @ (p - q) + w / c
        return -ll + float(w @ w) / (2 * c), grad

    res = minimize(loss, np.zeros(X.shape[1]), jac=True, method="L-BFGS-B",
                   options={"maxiter": 2000})
    return res.x


def _rows(gs: list[Group]) -> tuple[list[dict[str, float]], np.ndarray, np.ndarray, np.ndarray]:
    feats, labels, scored, owner = [], [], [], []
    for i, g in enumerate(gs):
        feats += g.features
        labels += g.labels
        scored += g.scored
        owner += [i] * len(g.features)
    return feats, np.array(labels, dtype=int), np.array(scored, dtype=int), np.array(owner)


def _choose(scores: np.ndarray, owner: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Per group: the index of its best row (-1 for none) and that row's softmax share."""
    best = np.full(n, -1)
    share = np.zeros(n)
    start = 0
    for i in range(n):
        end = start
        while end < len(owner) and owner[end] == i:
            end += 1
        if end > start:
            s = scores[start:end]
            k = int(np.argmax(s))
            best[i] = start + k
            share[i] = 1.0 / float(np.exp(s - s[k]).sum())
        start = end
    return best, share


def _accuracy(gs: list[Group], right: np.ndarray, which: str) -> tuple[float, int]:
    sel = [i for i, g in enumerate(gs) if which == "all" or g.direct]
    return (float(np.mean(right[sel])) if sel else 0.0), len(sel)


def _decide(scores: np.ndarray, rule: np.ndarray, keep: float) -> tuple[int, float]:
    """The ranker's choice among one group's scores (as bot.extract.ranker.Ranker.choose):
    the rules' candidate stands unless another's softmax share beats its own by more
    than `keep`."""
    p = np.exp(scores - scores.max())
    p /= p.sum()
    k = int(np.argmax(p))
    r = np.flatnonzero(rule)
    if len(r) and k != r[0] and p[k] - p[r[0]] <= keep:
        k = int(r[0])
    return k, float(p[k])


def article_folds(gs: list[Group], owner: np.ndarray, folds: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Folds of whole articles, dealt out in the order of the training file. Fixed by the
    articles alone: sklearn's GroupKFold balances folds by rows, so a change that adds or
    drops a few candidates moved articles between folds, and two versions of the engine
    were compared on different splits (CV moved by a third of a point for three changed
    statements)."""
    order: dict[str, int] = {}
    for g in gs:
        order.setdefault(g.article, len(order))
    fold = np.array([order[gs[i].article] % folds for i in owner])
    rows = np.arange(len(owner))
    return [(rows[fold != k], rows[fold == k]) for k in range(folds)]


def cross_validate(gs: list[Group], folds: int, c: float, vec,
                   keeps: tuple[float, ...]) -> dict[float, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Out-of-fold, for each rule margin: whether each group's chosen candidate is right,
    its share, and which candidate it is."""
    feats, labels, scored, owner = _rows(gs)
    rules = np.array([f.get("rule", 0.0) > 0 for f in feats])
    X = vec.transform(feats)
    out = {k: (np.zeros(len(gs), dtype=bool), np.zeros(len(gs)), np.full(len(gs), -1)) for k in keeps}
    for tr, te in article_folds(gs, owner, folds):
        # only groups that hold a right candidate teach the ranking
        has_pos = np.zeros(len(gs), dtype=bool)
        has_pos[owner[tr][labels[tr] == 1]] = True
        tr = tr[has_pos[owner[tr]]]
        w = _fit(X[tr], labels[tr], owner[tr], c)
        scores = X[te] @ w
        own = owner[te]
        bounds = np.flatnonzero(np.diff(own)) + 1
        for idx in np.split(np.arange(len(te)), bounds):
            g = own[idx[0]]
            for keep in keeps:
                k, share = _decide(scores[idx], rules[te][idx], keep)
                out[keep][0][g] = scored[te][idx[k]] == 1
                out[keep][1][g] = share
                out[keep][2][g] = k
    return out


# where the rules alone may decide: their answer from a name at this confidence or above
SETTLE_OPTIONS = (("name", 0.95), ("name", 0.85), ("name", 0.0))


def _settle(gs: list[Group], right: np.ndarray) -> dict | None:
    """Where asking the model is not worth its time: the widest set of rule answers (a
    name next to its cue, by the rules' confidence) whose handing back to the rules costs
    direct speaker accuracy no more than one standard error, out of fold. Its confidence
    is how often such answers were right on train, by statement kind."""
    direct = np.array([g.direct for g in gs])
    base = right[direct].mean()
    se = np.sqrt(base * (1 - base) / direct.sum())
    rules = np.array([g.rule_correct for g in gs])
    place = np.array([_rule_is_place(g) for g in gs])
    print(f"  the rules' names that are places: {int(place.sum())}, right "
          f"{rules[place].mean():.3f} (other names {rules[~place].mean():.3f}): never settled")
    chosen = None
    for kind, lo in SETTLE_OPTIONS:
        sel = np.array([g.mention_kind == kind and g.rule_confidence >= lo for g in gs]) & ~place
        acc = np.where(sel, rules, right)[direct].mean()
        print(f"  rules settle {kind} >= {lo}: {sel.mean():.1%} of statements, CV direct {acc:.4f}"
              f" (model alone {base:.4f}, one standard error {se:.4f})")
        if base - acc <= se:
            chosen = (kind, lo, sel)
    if chosen is None:
        return None
    kind, lo, sel = chosen
    by_kind = {}
    for q in ("direct", "partial", "reported"):
        pick = sel & np.array([g.kind == q for g in gs])
        if pick.any():
            by_kind[q] = round(float(rules[pick].mean()), 4)
    return {"mention_kind": kind, "from_rule_confidence": lo, "confidence": by_kind, "places": False}


def _rule_is_place(g: Group) -> bool:
    """Is the rules' answer a place ("Ohio", "South West")? Right about half the time where
    other names are right nineteen times in twenty: the model weighs those."""
    return any(f.get("rule") and f.get("place") for f in g.features)


def _lone_confidence(gs: list[Group]) -> float:
    """How often a statement's only candidate is right where the rules found no source
    (a name nearby, taken for want of another): Laplace-smoothed, as such statements are
    few in PolNeAR (the engine otherwise calls a lone candidate certain)."""
    lone = [g.scored[0] for g in gs if len(g.names) == 1 and not g.features[0].get("rule")]
    got = (sum(lone) + 1) / (len(lone) + 2)
    print(f"  a lone candidate the rules did not give: {sum(lone)}/{len(lone)} right, confidence {got:.3f}")
    return round(got, 4)


def _settled(gs: list[Group], settle: dict | None) -> np.ndarray:
    if not settle:
        return np.zeros(len(gs), dtype=bool)
    return np.array([g.mention_kind == settle["mention_kind"]
                     and g.rule_confidence >= settle["from_rule_confidence"]
                     and (settle.get("places", True) or not _rule_is_place(g)) for g in gs])


def reliability(conf: np.ndarray, right: np.ndarray, edges=(0, .3, .5, .6, .7, .8, .9, .95, 1.0001)) -> str:
    lines = ["| confidence | speakers | mean confidence | observed accuracy |", "| --- | --- | --- | --- |"]
    for lo, hi in zip(edges, edges[1:], strict=False):
        sel = (conf >= lo) & (conf < hi)
        if sel.sum():
            lines.append(f"| {lo:.2f}–{min(hi, 1):.2f} | {int(sel.sum())} | {conf[sel].mean():.3f} | "
                         f"{right[sel].mean():.3f} |")
    return "\n".join(lines)


# the statement kinds in quotation marks throughout (a partial quotation is most often
# part of a reported statement)
QUOTED_KINDS = ("direct", "continued")


def _map(iso) -> dict[str, list[float]]:
    return {"x": [round(float(x), 6) for x in iso.X_thresholds_],
            "y": [round(float(y), 6) for y in iso.y_thresholds_]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--c", type=float, help="skip the search: use this C")
    ap.add_argument("--min-count", type=int, default=MIN_COUNT,
                    help=f"features seen on fewer candidates are dropped (default {MIN_COUNT})")
    ap.add_argument("--dev", action="store_true", help="also report on PolNeAR dev (once, at the end)")
    ap.add_argument("--out", type=Path, default=ranker.MODEL_PATH)
    ap.add_argument("--errors", type=Path, help="write the out-of-fold wrong speakers here (JSONL)")
    args = ap.parse_args()
    DictVectorizer, IsotonicRegression = _need_sklearn()
    sq = scorer()
    t0 = time.time()
    gs = list(groups(TRAIN, sq))
    print(f"train: {len(gs)} judgeable statements matched ({sum(g.direct for g in gs)} direct), "
          f"{sum(len(g.features) for g in gs)} candidates, {time.time() - t0:.0f} s")
    recall = np.array([any(g.scored) for g in gs])
    rules = np.array([g.rule_correct for g in gs])
    for which in ("direct", "all"):
        print(f"  {which}: candidate recall {_accuracy(gs, recall, which)[0]:.3f}, "
              f"rules alone {_accuracy(gs, rules, which)[0]:.3f}")
    # a feature seen on few candidates is a word's accident, not a sign: left out
    seen: Counter[str] = Counter(k for g in gs for f in g.features for k in f)
    vec = DictVectorizer(sort=True)
    vec.fit([{k: 1.0 for k, n in seen.items() if n >= args.min_count}])
    cs = [args.c] if args.c else list(C_GRID)
    results = {}
    for c in cs:
        for keep, (right, share, chosen) in cross_validate(gs, args.folds, c, vec, KEEPS).items():
            results[c, keep] = (right, share, chosen)
            d, a = _accuracy(gs, right, "direct")[0], _accuracy(gs, right, "all")[0]
            print(f"  C={c:g} keep={keep:g}: {args.folds}-fold CV speaker accuracy direct {d:.4f}, "
                  f"all {a:.4f}")
    # the one-standard-error rule: the most regularised C whose best accuracy is within one
    # standard error of the best of all (which C wins by less is the folds' noise, and a
    # retraining that flips between them flips answers with it), then its best margin
    acc = {ck: _accuracy(gs, results[ck][0], "direct")[0] for ck in results}
    top = max(acc.values())
    n_direct = sum(g.direct for g in gs)
    se = float(np.sqrt(top * (1 - top) / n_direct))
    best_c = min(c for c, _ in acc if max(acc[c, k] for k in KEEPS if (c, k) in acc) >= top - se)
    best_keep = max((k for c, k in acc if c == best_c), key=lambda k: (acc[best_c, k], k))
    print(f"chosen by the one-standard-error rule (best {top:.4f}, SE {se:.4f})")
    right, share, chosen = results[best_c, best_keep]
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as f:
            for g, ok, sh, k in zip(gs, right, share, chosen, strict=True):
                if not ok:
                    f.write(json.dumps({"article": g.article, "direct": g.direct, "kind": g.kind,
                                        "text": g.text, "mention": g.mention, "share": round(sh, 3),
                                        "chosen": g.names[k] if k >= 0 else None,
                                        "candidates": g.names, "right": g.scored,
                                        "rule_correct": g.rule_correct}, ensure_ascii=False) + "\n")
    settle = _settle(gs, right)
    # the calibration is fitted on the statements the model decides: those the rules
    # settle have their own measured confidence (and are easier at the same share)
    asked = ~_settled(gs, settle)

    def isotonic(rows: np.ndarray):
        iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip", increasing=True)
        return iso.fit(share[rows], right[rows].astype(float))

    iso = isotonic(asked)
    # a quotation and a reported statement chosen at the same share are right at different
    # rates (one curve over both was 0.11 over-confident for quotations at 0.70-0.80 and
    # under-confident above 0.80, out of fold): a map for each
    quoted = np.array([g.kind in QUOTED_KINDS for g in gs])
    by_class = {cls: isotonic(asked & (quoted == (cls == "quoted"))) for cls in ("quoted", "reported")}
    conf = np.where(quoted, by_class["quoted"].predict(share), by_class["reported"].predict(share))
    print(f"chosen C={best_c:g}, keep={best_keep:g}; out-of-fold reliability on train "
          f"(the {int(asked.sum())} statements the model decides; calibration fitted on them, "
          "so in-sample), quotations and the rest:")
    print(reliability(conf[asked & quoted], right[asked & quoted]))
    print(reliability(conf[asked & ~quoted], right[asked & ~quoted]))
    feats, labels, _, owner = _rows(gs)
    has_pos = np.zeros(len(gs), dtype=bool)
    has_pos[owner[labels == 1]] = True
    keep = has_pos[owner]
    X = vec.transform(feats)
    coef = _fit(X[keep], labels[keep], owner[keep], best_c)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 5) for n, w in zip(names, coef, strict=True)
               if abs(w) >= 1e-5}
    doc = {
        "format": ranker.FORMAT, "version": ranker.VERSION,
        "trained_on": "PolNeAR train (840 articles)",
        "c": best_c, "keep_rule_within": best_keep, "min_count": args.min_count, "groups": len(gs),
        "cv_direct_accuracy": round(_accuracy(gs, right, "direct")[0], 4),
        "cv_all_accuracy": round(_accuracy(gs, right, "all")[0], 4),
        "rules_settle": settle,
        "lone_guess_confidence": _lone_confidence(gs),
        "weights": dict(sorted(weights.items())),
        "calibration": _map(iso),
        "calibration_by_kind": {kind: _map(by_class["quoted" if kind in QUOTED_KINDS else "reported"])
                                for kind in ("direct", "continued", "partial", "reported")},
    }
    args.out.write_text(json.dumps(doc, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(weights)} weights, {args.out.stat().st_size / 1e3:.0f} kB) "
          f"in {time.time() - t0:.0f} s")
    if args.dev:
        ranker._loaded = None
        dev = list(groups(DEV, sq))
        # what the engine now answers: the model's choice, judged as the scorer does
        right_dev, conf_dev, direct_dev = judged(DEV, sq)
        r, cf, dr = np.array(right_dev), np.array(conf_dev), np.array(direct_dev)
        print(f"dev: rules alone direct {np.mean([g.rule_correct for g in dev if g.direct]):.4f}; "
              f"model direct {r[dr].mean():.4f}, all {r.mean():.4f}")
        print(reliability(cf, r))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
