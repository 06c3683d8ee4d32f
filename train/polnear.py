"""PolNeAR as training data: the engine's statements matched to the annotated ones, and
each candidate source labelled right or wrong the way the shared scorer judges it
(`../shared/eval/score_quotes.py`, imported from there, never copied). Used by
train_ranker.py and bench/reliability.py; needs ../shared beside the project."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TRAIN = SHARED / "eval/polnear/train.jsonl"
DEV = SHARED / "eval/polnear/dev.jsonl"


def scorer() -> ModuleType:
    path = SHARED / "eval/score_quotes.py"
    if not path.exists():
        sys.exit(f"{path} is missing: PolNeAR and its scorer live in ../shared")
    spec = importlib.util.spec_from_file_location("score_quotes", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def articles(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def as_article(rec: dict):
    from bot.corpus.reader import parse_article

    fields = {k: rec[k] for k in ("title", "date", "author") if rec.get(k)}
    if rec.get("source_outlet"):
        fields["outlet"] = rec["source_outlet"]
    return parse_article(str(rec["id"]), rec["text"], fields=fields)


@dataclass
class Group:
    """One statement the engine found that matches a judgeable annotated one."""

    article: str
    direct: bool
    kind: str
    features: list[dict[str, float]]
    names: list[str]
    labels: list[bool]  # what the model learns: the scorer's verdict, and a clean name
    scored: list[bool]  # the scorer's verdict alone: what accuracy is measured by
    rule_correct: bool
    text: str = ""
    mention: str | None = None
    mention_kind: str = "none"  # of the rules' source phrase
    rule_confidence: float = 0.0


def right(sq: ModuleType, unit: dict, name: str, vocab: set[str]) -> bool:
    """Would the scorer accept this name — and is it a name? The scorer is lenient where a
    name carries a stray word ("Hillary Clinton Speaks" holds "Clinton"); to learn names
    the model must not be taught that: an ordinary word of the article in a candidate
    makes it wrong."""
    if not sq.speaker_correct(unit, name):
        return False
    if name.startswith("["):
        return True
    if not unit["names"] and not unit["antecedent"]:
        # an unnamed source ("the NATO official"): the scorer takes a word of the
        # description, but a name from it ("NATO") names someone else
        return False
    return not any(t in vocab for t in sq.norm_tokens(name) if t[:1].isalpha() and len(t) > 2
                   and t not in sq.TITLES_STOP)


def groups(path: Path, sq: ModuleType) -> Iterator[Group]:
    """The training groups of a split, in file order (deterministic)."""
    from bot.extract.features import conjoined
    from bot.extract.pipeline import extract_candidates

    for rec in articles(path):
        gold = sq.GoldArticle(rec)
        vocab = sq.lower_vocab(rec["text"])
        got = extract_candidates(as_article(rec))
        pairs, _ = sq.match_article(gold.units, [list(q.spans) for q, _ in got])
        for pi, gi in sorted(pairs.items()):
            unit = gold.units[gi]
            if not unit["judgeable"]:
                continue
            quote, cands = got[pi]
            yield Group(rec["id"], unit["direct"], quote.kind, [conjoined(c) for c in cands],
                        [c.name for c in cands],
                        [right(sq, unit, c.name, vocab) for c in cands],
                        [sq.speaker_correct(unit, c.name) for c in cands],
                        sq.speaker_correct(unit, quote.speaker), quote.text[:160], quote.mention,
                        cands[0].conj.split(":")[0] if cands else "none",
                        next((c.rule_confidence for c in cands if c.rule), 0.0))


def judged(path: Path, sq: ModuleType, kinds: set[str] | None = None) -> tuple[list[bool], list[float], list[bool]]:
    """What the engine answers now, judged as the scorer judges it: for each of its
    statements matched to an annotated one with a judgeable source, whether the speaker is
    right, its confidence, and whether the statement is a direct quotation."""
    from bot.extract.pipeline import extract

    right, conf, direct = [], [], []
    for rec in articles(path):
        gold = sq.GoldArticle(rec)
        qs = [q for q in extract(as_article(rec)) if kinds is None or q.kind in kinds]
        pairs, _ = sq.match_article(gold.units, [list(q.spans) for q in qs])
        for pi, gi in pairs.items():
            u = gold.units[gi]
            if u["judgeable"]:
                right.append(sq.speaker_correct(u, qs[pi].speaker))
                conf.append(qs[pi].confidence)
                direct.append(u["direct"])
    return right, conf, direct
