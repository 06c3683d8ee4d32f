"""One canonical name per speaker across the corpus."""

from __future__ import annotations

from bot.models import Quote
from bot.people import Directory, SpeakerSpec


def _q(speaker: str, role: str | None = None, kind: str = "person") -> Quote:
    return Quote("a", [(0, 1)], "x", "direct", speaker=speaker, speaker_role=role,
                 speaker_kind=kind)  # type: ignore[arg-type]


def test_surname_and_spelling_variants_merge() -> None:
    qs = [_q("Alexander Grushko"), _q("Alexander Gruschko"), _q("Alexander Grushko"),
          _q("Stoltenberg", "NATO boss"), _q("Jens Stoltenberg", "NATO Secretary General"),
          _q("Jens Stoltenberg", "NATO Secretary General")]
    Directory().apply(qs)
    assert {q.speaker for q in qs} == {"Alexander Grushko", "Jens Stoltenberg"}
    assert {q.speaker_role for q in qs if q.speaker == "Jens Stoltenberg"} == {
        "NATO Secretary General"}


def test_aliases_and_keep_apart_from_config() -> None:
    qs = [_q("US", kind="organisation"), _q("Bill Clinton"), _q("Hillary Clinton"),
          _q("Clinton")]
    Directory([SpeakerSpec("United States", ["US"], kind="organisation")],
              [["Bill Clinton", "Hillary Clinton"]]).apply(qs)
    assert [q.speaker for q in qs] == ["United States", "Bill Clinton", "Hillary Clinton",
                                       "Clinton"]


def test_short_or_differently_initialled_names_are_no_spelling_variants() -> None:
    qs = [_q("Chad Bown"), _q("Own"), _q("Paul Ryan"), _q("Bryan")]
    Directory().apply(qs)
    assert [q.speaker for q in qs] == ["Chad Bown", "Own", "Paul Ryan", "Bryan"]


def test_a_generational_suffix_is_no_surname() -> None:
    qs = [_q("John G. Roberts Jr."), _q("Joseph R. Biden Jr."), _q("Roberts")]
    Directory().apply(qs)
    assert [q.speaker for q in qs] == ["John G. Roberts Jr.", "Joseph R. Biden Jr.",
                                       "John G. Roberts Jr."]
