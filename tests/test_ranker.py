"""The trained speaker ranker: its committed model file, its loader's checks, and what
the learned choice does on text no rule was written for."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from support import quotes_of

from bot.corpus import parse_article
from bot.extract import ranker
from bot.extract.candidates import Candidate
from bot.extract.pipeline import _analyse


def test_the_committed_model_loads_with_its_shape_and_version() -> None:
    path = ranker.MODEL_PATH
    assert path.stat().st_size < 5_000_000
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == ranker.FORMAT and doc["version"] == ranker.VERSION
    model = ranker.load(path)
    assert len(model.weights) > 100
    xs, ys = model.calib_x, model.calib_y
    assert len(xs) == len(ys) >= 2 and xs == sorted(xs)
    assert ys == sorted(ys) and ys[0] >= 0.0 and ys[-1] <= 1.0
    assert 0.0 <= model.keep_rule <= 1.0


def test_asked_about_a_name_next_to_its_cue_the_model_agrees_with_the_rules() -> None:
    # (the rules settle such names without asking it: asked all the same, it must not
    # prefer a name the statement does not attribute)
    model = dataclasses.replace(ranker.load(), settle_kind=None)
    text = ("Title\n\nCoach Ola Berg met striker Tom Hale in Leeds on Monday.\n\n"
            "“We will fight for the title,” said Hale, who signed in May.\n\n"
            "Mayor Ana Ruiz welcomed the team. “The city is proud of them,” Ruiz said.\n")
    recs = _analyse(parse_article("t", text), model)
    got = [(r.kind, r.resolved.speaker if r.resolved else None) for r in recs if r.kind == "direct"]
    assert got == [("direct", "Tom Hale"), ("direct", "Ana Ruiz")]
    assert all(len(r.candidates) > 1 for r in recs if r.kind == "direct")


@pytest.mark.parametrize(("raw", "says"), [
    (b"not json", "not JSON"),
    (b'{"format": "other"}', "not a quotebot-speaker-ranker file"),
    (b'{"format": "quotebot-speaker-ranker", "version": 99, "weights": {}}', "model version 99"),
    (b'{"format": "quotebot-speaker-ranker", "version": 1, "weights": {"a": "x"}}', "'weights'"),
    (b'{"format": "quotebot-speaker-ranker", "version": 1, "weights": {},'
     b' "calibration": {"x": [0.5, 0.1], "y": [0, 1]}}', "'calibration'"),
])
def test_a_bad_model_file_is_refused_naming_the_file(tmp_path: Path, raw: bytes, says: str) -> None:
    p = tmp_path / "m.json"
    p.write_bytes(raw)
    with pytest.raises(ranker.ModelError) as e:
        ranker.load(p)
    assert str(p) in str(e.value) and says in str(e.value)


def test_a_missing_model_file_says_how_to_rebuild_it(tmp_path: Path) -> None:
    with pytest.raises(ranker.ModelError, match="make train"):
        ranker.load(tmp_path / "nowhere.json")


def _cand(name: str, **features: float) -> Candidate:
    return Candidate(name, "person", None, None, features=features)


def test_the_choice_is_the_best_scored_candidate_with_a_calibrated_probability() -> None:
    model = ranker.Ranker({"a": 2.0, "b": -1.0}, [0.0, 1.0], [0.1, 0.9], "x")
    top, p = model.choose([_cand("B", b=1.0), _cand("A", a=1.0)])
    assert top is not None and top.name == "A"
    share = 1 / (1 + pow(2.718281828, -3.0))
    assert p == pytest.approx(0.1 + 0.8 * share, rel=1e-3)
    assert model.choose([]) == (None, 0.0)


def test_each_kind_of_statement_is_calibrated_by_its_own_map() -> None:
    model = ranker.Ranker({"a": 2.0, "b": -1.0}, [0.0, 1.0], [0.1, 0.9], "x",
                          calib_by_kind={"direct": ([0.0, 1.0], [0.0, 0.5])})
    cands = [_cand("B", b=1.0), _cand("A", a=1.0)]
    share = 1 / (1 + pow(2.718281828, -3.0))
    assert model.choose(cands, "direct")[1] == pytest.approx(0.5 * share, rel=1e-3)
    assert model.choose(cands, "reported")[1] == pytest.approx(0.1 + 0.8 * share, rel=1e-3)
    # the committed model has a map for every kind the engine gives
    assert set(ranker.load().calib_by_kind) == {"direct", "continued", "partial", "reported"}


def test_a_bad_calibration_by_kind_is_refused_naming_the_kind(tmp_path: Path) -> None:
    p = tmp_path / "m.json"
    p.write_text(json.dumps({"format": ranker.FORMAT, "version": ranker.VERSION, "weights": {},
                             "calibration_by_kind": {"direct": {"x": [1, 0], "y": [0, 1]}}}))
    with pytest.raises(ranker.ModelError, match=r"calibration_by_kind\.direct"):
        ranker.load(p)


def test_the_rules_settle_a_name_but_not_a_place() -> None:
    model = ranker.Ranker({}, [], [], "x", settle_kind="name", settle_from=0.0,
                          settle_confidence={"direct": 0.97}, settle_places=False)
    assert model.settled("direct", "name", 0.9, "Ana Ruiz") == 0.97
    assert model.settled("direct", "name", 0.9, "New Hampshire") is None
    assert model.settled("direct", "pronoun", 0.9, "Ana Ruiz") is None
    assert ranker.load().settle_places is False  # as measured on train: places go to the model


def test_the_rules_answer_stands_unless_another_is_clearly_likelier() -> None:
    rule = _cand("R", r=1.0)
    rule.rule = True
    model = ranker.Ranker({"a": 1.0, "r": 0.9}, [], [], "x", keep_rule=0.2)
    top, _ = model.choose([_cand("A", a=1.0), rule])
    assert top is rule
    model.keep_rule = 0.0
    top, _ = model.choose([_cand("A", a=1.0), rule])
    assert top is not None and top.name == "A"


def test_a_lone_guess_is_given_its_measured_confidence_and_a_lone_rule_answer_its_calibrated_one() -> None:
    model = ranker.Ranker({"a": 1.0}, [0.0, 1.0], [0.1, 0.9], "x", lone_confidence=0.5)
    top, p = model.choose([_cand("A", a=1.0)])
    assert top is not None and top.name == "A" and p == 0.5
    rule = _cand("R")
    rule.rule = True
    assert model.choose([rule]) == (rule, pytest.approx(0.9))
    assert ranker.load().lone_confidence is not None  # the committed model measures it


def test_a_reporting_verb_outside_the_lexicon_still_finds_its_speaker() -> None:
    qs = quotes_of("T\n\nThe match ended late on Saturday.\n\n"
                   "\"Nobody expected that,\" Jane Roe chortled after the final whistle.\n")
    assert [(q.text, q.speaker) for q in qs] == [("Nobody expected that,", "Jane Roe")]


def _met(first: str, second: str, pronoun: str) -> list[str | None]:
    return [q.speaker for q in quotes_of(f"T\n\n{first} met {second} on Monday to discuss the "
                                         f"budget.\n\n\"It went well,\" {pronoun} said.\n")]


@pytest.mark.parametrize(("first", "second", "pronoun", "speaker"), [
    ("Tom Baker", "Mary Okafor", "she", "Mary Okafor"),  # the object, when only she fits
    ("Mary Okafor", "Tom Baker", "she", "Mary Okafor"),
    ("Tom Baker", "Mary Okafor", "he", "Tom Baker"),
    ("Mary Okafor", "Tom Baker", "he", "Tom Baker"),
])
def test_a_pronoun_goes_to_the_person_of_its_gender(first: str, second: str, pronoun: str,
                                                     speaker: str) -> None:
    assert _met(first, second, pronoun) == [speaker]


def test_confidence_is_a_probability() -> None:
    qs = quotes_of("T\n\nMary Okafor spoke on Monday.\n\n\"We will win,\" Okafor said. "
                   "\"Maybe,\" someone said.\n")
    assert qs and all(0.0 <= q.confidence <= 1.0 for q in qs)
    assert qs[0].speaker == "Mary Okafor" and qs[0].confidence > 0.8


def test_an_organisation_is_named_in_full_and_its_acronym_expanded() -> None:
    qs = quotes_of("T\n\nThe Department for Education (DfE) has written to every school.\n\n"
                   "\"We are giving schools the certainty they need,\" the DfE said.\n\n"
                   "\"We will look closely at the plans,\" Leeds City Council said.\n")
    assert [q.speaker for q in qs if q.kind == "direct"] == ["Department for Education",
                                                             "Leeds City Council"]


def test_an_owner_before_a_possessive_is_no_part_of_the_name() -> None:
    qs = quotes_of("T\n\nVancouver Whitecaps' Vanni Sartini was delighted. \"How beautiful it "
                   "was,\" Sartini said after the win.\n")
    assert [q.speaker for q in qs] == ["Vanni Sartini"]
