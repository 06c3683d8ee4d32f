"""Acceptance on the hand-made seed gold (tests/data/seeds-gold.yaml, copied from
../shared/eval): every direct quotation found, with the right canonical speaker, and no
name or scare quote taken for a quotation."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "seeds-gold.yaml"


def _tokens(s: str | None) -> list[str]:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return "".join(c if c.isalnum() else " " for c in s).split()


def _speaker_ok(gold: str, pred: str | None) -> bool:
    if gold.startswith("["):
        # an unnamed source must stay unnamed: no person's name from elsewhere
        return not pred or pred.startswith("[")
    g, p = _tokens(gold), _tokens(pred)
    return set(g) <= set(p) and len(p) <= len(g) + 1


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


@pytest.fixture(scope="module")
def predictions() -> dict[str, dict]:
    out = subprocess.run([sys.executable, "-m", "bot", "extract", "seeds", "--format", "jsonl"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return {json.loads(line)["id"]: json.loads(line) for line in out.splitlines()}


def test_gold_file_schema() -> None:
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    assert isinstance(gold, list) and gold
    for art in gold:
        assert set(art) <= {"file", "outlet", "date", "quotes", "not_quotes", "reported"}
        text = (ROOT / "seeds" / art["file"]).read_text(encoding="utf-8")
        for q in art.get("quotes") or []:
            assert q["kind"] in ("direct", "partial", "continued")
            assert q["text"] in text
        for q in (art.get("reported") or []) + (art.get("not_quotes") or []):
            assert q["text"] in text


def _found(predictions: dict[str, dict], section: str) -> tuple[list, list, int]:
    """What of the gold section was missed, and what was given a wrong speaker (shown or
    withheld alike)."""
    missed, wrong, withheld, n = _judged(predictions, section)
    return missed, wrong + withheld, n


def _judged(predictions: dict[str, dict], section: str) -> tuple[list, list, list, int]:
    """Missed; given a wrong speaker the bot would name; given a wrong best guess it
    withholds (at or below the default min_confidence: shown as "speaker uncertain")."""
    from bot.config import BotSettings

    shown_from = BotSettings().min_confidence
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    missed, wrong, withheld, n = [], [], [], 0
    for art in gold:
        text = (ROOT / "seeds" / art["file"]).read_bytes().decode("utf-8")
        pieces = [(tuple(sp), q["speaker"], q["confidence"]) for q in predictions[art["file"]]["quotes"]
                  for sp in q["spans"]]
        for g in art.get(section) or []:
            n += 1
            s = text.index(g["text"])
            span = (s, s + len(g["text"]))
            hits = [(sp, who, conf) for sp, who, conf in pieces
                    if _overlap(sp, span) >= 0.5 * min(sp[1] - sp[0], span[1] - span[0]) > 0]
            if not hits:
                missed.append(g["text"][:50])
            elif not _speaker_ok(g["speaker"], hits[0][1]):
                (withheld if hits[0][2] <= shown_from else wrong).append(
                    (g["text"][:40], g["speaker"], hits[0][1]))
    return missed, wrong, withheld, n


def test_every_quotation_found_with_its_speaker(predictions: dict[str, dict]) -> None:
    # direct, continued and partial: everything in quotation marks
    missed, wrong, _ = _found(predictions, "quotes")
    assert missed == []
    assert wrong == []


def test_reported_speech_found_with_its_speaker(predictions: dict[str, dict]) -> None:
    missed, wrong, withheld, n = _judged(predictions, "reported")
    assert wrong == []  # no wrong name that the bot would show
    # one the model doubts (0.42: "The Russian leader warned", three sentences after the
    # Kremlin aide spoke) is withheld as "speaker uncertain" rather than named wrongly
    assert len(withheld) <= 1, withheld
    # one reported statement of the 19 is still missed: a sentence standing alone after the
    # quotation whose speaker it continues ("The discussion was not easy, but ...")
    assert len(missed) <= 1, missed


def test_no_name_or_scare_quote_is_taken_for_a_quote(predictions: dict[str, dict]) -> None:
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    for art in gold:
        text = (ROOT / "seeds" / art["file"]).read_bytes().decode("utf-8")
        for nq in art.get("not_quotes") or []:
            s = text.index(nq["text"])
            span = (s, s + len(nq["text"]))
            for q in predictions[art["file"]]["quotes"]:
                if q["kind"] == "reported":
                    continue  # a reported statement may contain the scare quote
                for sp in q["spans"]:
                    ov = _overlap(tuple(sp), span)
                    assert not (ov and ov >= 0.5 * min(sp[1] - sp[0], span[1] - span[0])), q


def test_seed_metadata(predictions: dict[str, dict]) -> None:
    dates = {k: v["date"] for k, v in predictions.items()}
    assert dates == {"000_954b1a173f995320.txt": "2022-01-12",
                     "001_08fce08e132a00d2.txt": "2022-01-12",
                     "002_f0f680ebbbff51f4.txt": "2022-01-04",
                     "003_d5667f6fddca29ea.txt": "2022-01-10",
                     "004_6165ee64924b9baf.txt": "2022-01-12"}
    assert predictions["002_f0f680ebbbff51f4.txt"]["outlet"] == "TASS"
