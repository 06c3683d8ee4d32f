"""The trained speaker ranker: its model file, loaded once, and the choice it makes.

The model is a linear scorer over the sparse features of features.py (a logistic
regression trained on PolNeAR train by `train/train_ranker.py`), plus calibration
maps from the chosen candidate's share of the probability to how often such a choice was
right (isotonic, fitted on cross-validated predictions; one per kind of statement where
the model file has them, since a quotation and a reported statement at the same share
are right at different rates). It is a small JSON file beside
this module; no pickle, nothing executed on load.
"""

from __future__ import annotations

import hashlib
import json
import math
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from bot.extract.candidates import Candidate
from bot.extract.places import is_place

MODEL_PATH = Path(__file__).resolve().parent / "speaker_ranker.json"
FORMAT = "quotebot-speaker-ranker"
VERSION = 1


class ModelError(ValueError):
    """The model file is missing, unreadable or of another format."""


@dataclass(slots=True)
class Ranker:
    weights: dict[str, float]
    calib_x: list[float]
    calib_y: list[float]
    digest: str
    keep_rule: float = 0.0  # another candidate replaces the rules' only when this much likelier
    # where the rules alone decide: their answer from a phrase of this kind at this
    # confidence or above, with the measured accuracy of such answers by statement kind
    settle_kind: str | None = None
    settle_from: float = 2.0
    settle_confidence: dict[str, float] = field(default_factory=dict)
    settle_places: bool = True  # False: a name that is a place ("Ohio") goes to the model
    # the measured accuracy of a lone candidate that is not the rules' answer (a name near
    # a statement no source phrase introduces): a guess, not a choice
    lone_confidence: float | None = None
    # statement kind → its own calibration map (x, y); kinds not listed use calib_x/y
    calib_by_kind: dict[str, tuple[list[float], list[float]]] = field(default_factory=dict)
    _by_conj: dict[str, dict[str, float]] = field(default_factory=dict)

    def settled(self, kind: str, mention_kind: str | None, rule_confidence: float,
                speaker: str = "") -> float | None:
        """The confidence of the rules' answer where the model need not be asked."""
        if mention_kind != self.settle_kind or rule_confidence < self.settle_from:
            return None
        if not self.settle_places and is_place(speaker):
            return None
        return self.settle_confidence.get(kind)

    def score(self, c: Candidate) -> float:
        return self._score(c, self._folded(c.conj), (self.digest, c.conj))

    def _score(self, c: Candidate, w: dict[str, float], key: tuple[str, str]) -> float:
        """score(), given the weights folded for c's conjunction class and its key."""
        total = _weighed(w, c.features)
        for sh in c.shared:
            got = sh.scores.get(key)
            if got is None:
                got = sh.scores[key] = _weighed(w, sh.features)
            total += got
        return total

    def _folded(self, conj: str) -> dict[str, float]:
        """The weights of a feature and of its conjunction with `conj`, added: the score
        of features.conjoined(c) without building it."""
        got = self._by_conj.get(conj)
        if got is None:
            got = {k: v for k, v in self.weights.items() if "|" not in k}
            prefix = conj + "|"
            for k, v in self.weights.items():
                if k.startswith(prefix):
                    base = k[len(prefix):]
                    got[base] = got.get(base, 0.0) + v
            self._by_conj[conj] = got
        return got

    def choose(self, cands: list[Candidate], kind: str = "") -> tuple[Candidate | None, float]:
        """The best candidate and the calibrated probability that it is the speaker of a
        statement of this kind (direct, continued, partial, reported)."""
        if not cands:
            return None, 0.0
        if len(cands) == 1:
            if not cands[0].rule and self.lone_confidence is not None:
                return cands[0], self.lone_confidence
            return cands[0], self.calibrate(1.0, kind)
        # (a statement's candidates share their conjunction class: its weights are looked
        # up once)
        conj: str | None = None
        w: dict[str, float] = {}
        key = ("", "")
        for c in cands:
            if c.conj != conj:
                conj = c.conj
                w, key = self._folded(conj), (self.digest, conj)
            c.score = self._score(c, w, key)
        top = max(cands, key=lambda c: (c.score, c.rule))
        total = sum(math.exp(c.score - top.score) for c in cands)
        share = 1.0 / total
        rule = next((c for c in cands if c.rule), None)
        if rule is not None and rule is not top:
            rule_share = math.exp(rule.score - top.score) / total
            if share - rule_share <= self.keep_rule:
                top, share = rule, rule_share
        return top, self.calibrate(share, kind)

    def calibrate(self, p: float, kind: str = "") -> float:
        xs, ys = self.calib_by_kind.get(kind) or (self.calib_x, self.calib_y)
        if not xs:
            return p
        if p <= xs[0]:
            return ys[0]
        if p >= xs[-1]:
            return ys[-1]
        k = bisect_right(xs, p)
        x0, x1, y0, y1 = xs[k - 1], xs[k], ys[k - 1], ys[k]
        return y0 if x1 == x0 else y0 + (y1 - y0) * (p - x0) / (x1 - x0)


def _weighed(weights: dict[str, float], features: dict[str, float]) -> float:
    """The weighted sum of the features, in their order. (A feature the model lacks is
    skipped rather than added as 0.0: the same sum, without its multiplication and
    addition.)"""
    total = 0.0
    for k, v in features.items():
        w = weights.get(k)
        if w is not None:
            total += w * v
    return total


def parse(raw: bytes, where: str = "model") -> Ranker:
    try:
        doc = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ModelError(f"{where}: not JSON ({e})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ModelError(f"{where}: not a {FORMAT} file")
    if doc.get("version") != VERSION:
        raise ModelError(f"{where}: model version {doc.get('version')!r}, this engine reads {VERSION}")
    weights = doc.get("weights")
    calib = doc.get("calibration") or {}
    if not isinstance(weights, dict) or not all(isinstance(v, (int, float)) for v in weights.values()):
        raise ModelError(f"{where}: 'weights' must map feature names to numbers")
    xs, ys = _calibration_map(calib, f"{where}: 'calibration'")
    raw_by_kind = doc.get("calibration_by_kind") or {}
    if not isinstance(raw_by_kind, dict):
        raise ModelError(f"{where}: 'calibration_by_kind' must map statement kinds to maps")
    by_kind = {str(k): _calibration_map(m, f"{where}: 'calibration_by_kind.{k}'")
               for k, m in raw_by_kind.items()}
    keep = doc.get("keep_rule_within", 0.0)
    if not isinstance(keep, (int, float)) or not 0.0 <= keep <= 1.0:
        raise ModelError(f"{where}: 'keep_rule_within' must be a number from 0 to 1")
    settle = doc.get("rules_settle") or {}
    if not isinstance(settle, dict) or settle and not (
            isinstance(settle.get("mention_kind"), str)
            and isinstance(settle.get("from_rule_confidence"), (int, float))
            and isinstance(settle.get("confidence"), dict)
            and all(isinstance(v, (int, float)) and 0 <= v <= 1 for v in settle["confidence"].values())
            and isinstance(settle.get("places", True), bool)):
        raise ModelError(f"{where}: 'rules_settle' needs mention_kind, from_rule_confidence and "
                         "confidence by statement kind (0 to 1), and places true or false")
    lone = doc.get("lone_guess_confidence")
    if lone is not None and not (isinstance(lone, (int, float)) and 0 <= lone <= 1):
        raise ModelError(f"{where}: 'lone_guess_confidence' must be a number from 0 to 1")
    return Ranker({str(k): float(v) for k, v in weights.items()}, xs, ys,
                  hashlib.sha256(raw).hexdigest()[:16], keep_rule=float(keep),
                  settle_kind=settle.get("mention_kind"),
                  settle_from=float(settle.get("from_rule_confidence", 2.0)),
                  settle_confidence={str(k): float(v) for k, v in (settle.get("confidence") or {}).items()},
                  settle_places=bool(settle.get("places", True)),
                  lone_confidence=None if lone is None else float(lone), calib_by_kind=by_kind)


def _calibration_map(m: object, what: str) -> tuple[list[float], list[float]]:
    xs, ys = (m.get("x", []), m.get("y", [])) if isinstance(m, dict) else (None, None)
    if not (isinstance(xs, list) and isinstance(ys, list) and len(xs) == len(ys)
            and all(isinstance(v, (int, float)) for v in xs + ys) and xs == sorted(xs)):
        raise ModelError(f"{what} needs x (ascending) and y of one length")
    return [float(x) for x in xs], [float(y) for y in ys]


_loaded: Ranker | None = None


def load(path: Path = MODEL_PATH) -> Ranker:
    global _loaded
    if path == MODEL_PATH and _loaded is not None:
        return _loaded
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ModelError(f"{path}: cannot read the speaker model ({e.strerror}); "
                         "rebuild it with `make train`") from None
    got = parse(raw, str(path))
    if path == MODEL_PATH:
        _loaded = got
    return got
