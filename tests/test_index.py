"""The index's questions, on hand-made quote records so each answer is known."""

from __future__ import annotations

import datetime as dt
import random
import string
from pathlib import Path

import pytest

from bot.index import AmbiguousSpeaker, ArticleInfo, NoSuchSpeaker, QueryError, QuoteIndex
from bot.models import Quote
from bot.people import Directory, SpeakerSpec


def _q(aid: str, text: str, speaker: str | None, kind: str = "direct", role: str | None = None,
       speaker_kind: str = "person", start: int = 0) -> Quote:
    return Quote(aid, [(start, start + len(text))], text, kind, speaker=speaker,  # type: ignore[arg-type]
                 speaker_role=role, speaker_kind=speaker_kind)  # type: ignore[arg-type]


def _art(aid: str, day: int | None) -> ArticleInfo:
    return ArticleInfo(aid, f"Title {aid}", "Outlet", dt.date(2022, 1, day) if day else None, None)


ENTRIES = [
    (_art("a", 4), [_q("a", "NATO's open door policy stays open.", "Jens Stoltenberg",
                       role="NATO Secretary General"),
                    _q("a", "We are ready to talk.", "Stoltenberg", "reported", start=50)]),
    (_art("b", 12), [_q("b", "The door to dialogue is open, but not for ultimatums.", "Alexander Gruschko"),
                     _q("b", "Every country has the sovereign right to choose its own path.",
                        "Wendy Sherman", "partial", role="US Deputy Secretary of State"),
                     _q("b", "security guarantees", "Alexander Grushko", "partial", start=90)]),
    (_art("c", 10), [_q("c", "Our talks will give impetus to conflict prevention.", "Alexander Grushko"),
                     _q("c", "Bill said it.", "Bill Clinton"), _q("c", "Hillary said it.", "Hillary Clinton"),
                     _q("c", "Quoted by a document.", "NATO", speaker_kind="organisation")]),
    (_art("d", None), [_q("d", "An undated remark about the open door.", "Jens Stoltenberg")]),
]


@pytest.fixture
def ix() -> QuoteIndex:
    return QuoteIndex.build(ENTRIES, Directory([SpeakerSpec("NATO", ["North Atlantic Alliance"],
                                                            kind="organisation")]))


@pytest.mark.parametrize("typed", ["Jens Stoltenberg", "stoltenberg", "STOLTENBERG", "Stoltenburg",
                                   "  jens   stoltenberg ", "Støltenberg"])
def test_a_name_as_people_type_it(ix: QuoteIndex, typed: str) -> None:
    assert ix.quote(typed).speaker.name == "Jens Stoltenberg"


def test_spelling_variants_are_one_speaker_found_by_either(ix: QuoteIndex) -> None:
    a = ix.quote("Gruschko")
    assert a.speaker.name == "Alexander Grushko"
    assert len(a.statements) == 3
    assert ix.quote("Grushko").speaker == a.speaker


def test_alias_from_config(ix: QuoteIndex) -> None:
    assert ix.quote("north atlantic alliance").speaker.name == "NATO"


def test_ambiguous_and_unknown_names_say_what_was_found(ix: QuoteIndex) -> None:
    with pytest.raises(AmbiguousSpeaker) as amb:
        ix.quote("Clinton")
    assert set(amb.value.candidates) == {"Bill Clinton", "Hillary Clinton"}
    with pytest.raises(NoSuchSpeaker) as unknown:
        ix.quote("Wendy Smithers")
    assert "Wendy Sherman" in unknown.value.suggestions
    with pytest.raises(NoSuchSpeaker) as nothing:
        ix.quote("Zbigniew")
    assert nothing.value.suggestions == []


def test_newest_first_with_kind_and_dates(ix: QuoteIndex) -> None:
    a = ix.quote("Grushko")
    assert [s.date for s in a.statements] == [dt.date(2022, 1, 12), dt.date(2022, 1, 12),
                                              dt.date(2022, 1, 10)]
    assert [s.kind for s in ix.quote("Grushko", kind="partial").statements] == ["partial"]
    since = ix.quote("Grushko", since=dt.date(2022, 1, 11)).statements
    assert {s.article.id for s in since} == {"b"}
    until = ix.quote("Stoltenberg", until=dt.date(2022, 1, 5)).statements
    assert {s.article.id for s in until} == {"a"}  # the undated statement is left out
    assert ix.quote("Stoltenberg").statements[-1].date is None  # undated comes last
    with pytest.raises(QueryError):
        ix.quote("Grushko", kind="rumour")
    with pytest.raises(QueryError):
        ix.quote("Grushko", since=dt.date(2022, 2, 1), until=dt.date(2022, 1, 1))


@pytest.mark.parametrize("phrase", ["open door", "opne door", "door open", "NATO’s open door",
                                    "OPEN-DOOR!", "open dor"])
def test_who_finds_the_phrase_however_typed(ix: QuoteIndex, phrase: str) -> None:
    hits = ix.who(phrase)
    assert hits[0].statement.speaker == "Jens Stoltenberg"
    top = hits[0]
    marked = {top.statement.text[a:b].lower() for a, b in top.marks}
    assert {"open", "door"} <= marked


def test_who_labels_kinds_and_leaves_weak_matches_out(ix: QuoteIndex) -> None:
    hits = ix.who("sovereign right to choose")
    assert [(h.statement.speaker, h.statement.kind) for h in hits] == [("Wendy Sherman", "partial")]
    assert ix.who("submarine cables") == []


@pytest.mark.parametrize("phrase", ["", "   ", "!!!", "the of and"])
def test_who_without_words_is_a_clear_error(ix: QuoteIndex, phrase: str) -> None:
    with pytest.raises(QueryError):
        ix.who(phrase)


@pytest.mark.parametrize("typed", ["x", "a", "a" * 10_000, ".*[(", "**bold** `code` @everyone",
                                   "\x00\x07\u202e", "door " * 3000, "the Norwegian"])
def test_any_input_gets_a_fitting_answer_or_a_clear_error(ix: QuoteIndex, typed: str) -> None:
    # none of these names a speaker: never an unrelated one
    with pytest.raises(QueryError) as e:
        ix.quote(typed)
    assert str(e.value)
    for ask in (ix.who, ix.complete_speaker):
        try:
            got = ask(typed)
        except QueryError as err:
            assert str(err)
        else:
            assert isinstance(got, list)


def test_a_name_with_a_word_more_or_a_slip_still_finds_the_speaker(ix: QuoteIndex) -> None:
    assert ix.quote("Mr Jens Stoltenberg").speaker.name == "Jens Stoltenberg"
    assert ix.quote("Wendy Sherrman").speaker.name == "Wendy Sherman"
    # words of three different people are no one of them (each is suggested)
    with pytest.raises(NoSuchSpeaker) as e:
        ix.quote("Jens Sherman Gruschkowitz")
    assert "Wendy Sherman" in str(e.value)


def test_complete_speaker(ix: QuoteIndex) -> None:
    assert ix.complete_speaker("sto")[0] == "Jens Stoltenberg"
    assert ix.complete_speaker("gru") == ["Alexander Grushko"]
    assert ix.complete_speaker("clin") == ["Bill Clinton", "Hillary Clinton"]
    # nothing typed: the most quoted first, ties by name
    assert ix.complete_speaker("")[:2] == ["Alexander Grushko", "Jens Stoltenberg"]
    assert "Jens Stoltenberg" in ix.complete_speaker("stoltenbreg")


def test_complete_speaker_gives_at_most_25() -> None:
    rng = random.Random(7)
    surnames = {"".join(rng.choice(string.ascii_lowercase) for _ in range(9)).title() for _ in range(60)}
    many = [(_art(f"x{i}", 1), [_q(f"x{i}", "Words here.", f"Sam {n}")]) for i, n in enumerate(surnames)]
    got = QuoteIndex.build(many).complete_speaker("sam")
    assert len(got) == 25 and len(set(got)) == 25


def test_speakers_and_sources(ix: QuoteIndex) -> None:
    sps = {s.name: s for s in ix.speakers()}
    assert sps["Jens Stoltenberg"].count == 3
    assert sps["Jens Stoltenberg"].role == "NATO Secretary General"
    assert dict(sps["Alexander Grushko"].kinds) == {"direct": 2, "partial": 1}
    assert [a.id for a in ix.sources()] == ["b", "c", "a", "d"]
    assert ix.date_range() == (dt.date(2022, 1, 4), dt.date(2022, 1, 12))


def test_changes_make_a_new_snapshot_and_leave_the_old_one_whole(ix: QuoteIndex) -> None:
    changed = {"a": (_art("a", 20), [_q("a", "A new remark on submarine cables.", "Jens Stoltenberg")]),
               "e": (_art("e", 21), [_q("e", "Fresh words from a fresh voice.", "Ann Lee")])}
    new = ix.with_changes(changed, removed=["c"], delta_entries={})
    assert len(ix.quote("Stoltenberg").statements) == 3  # the old snapshot is unchanged
    assert [s.text for s in new.quote("Stoltenberg").statements] == [
        "A new remark on submarine cables.", "An undated remark about the open door."]
    assert new.who("submarine cables")[0].statement.article.id == "a"
    assert ix.who("submarine cables") == []
    with pytest.raises(NoSuchSpeaker):
        new.quote("Bill Clinton")
    assert new.quote("Ann Lee").statements[0].date == dt.date(2022, 1, 21)
    assert {a.id for a in new.sources()} == {"a", "b", "d", "e"}
    # the same corpus built from scratch answers the same
    fresh = QuoteIndex.build([ENTRIES[1], changed["a"], ENTRIES[3], changed["e"]], ix.directory)
    for name in ("Stoltenberg", "Grushko", "Ann Lee", "Sherman"):
        assert [s.text for s in new.quote(name).statements] == [s.text for s in fresh.quote(name).statements]
    assert [s.to_json() for s in new.speakers()] == [s.to_json() for s in fresh.speakers()]


def test_a_speaker_below_min_confidence_is_uncertain_and_nobody_s() -> None:
    sure = _q("a", "The bridge opens in May.", "Ann Lee")
    sure.confidence = 0.9
    unsure = _q("a", "The river will flood.", "Ann Lee", start=40)
    unsure.confidence = 0.3
    entries = [(_art("a", 4), [sure, unsure])]
    ix = QuoteIndex.build(entries, min_confidence=0.5)
    # /quote counts only what she more likely than not said
    assert [st.text for st in ix.quote("Ann Lee").statements] == ["The bridge opens in May."]
    assert ix.speakers()[0].count == 1
    [hit] = ix.who("river flood")
    assert hit.statement.speaker is None and hit.statement.speaker_guess == "Ann Lee"
    assert hit.statement.to_json()["speaker_guess"] == "Ann Lee"
    # the same quotes with no threshold: both hers, nothing uncertain
    loose = ix.with_settings(ix.directory, 0.0)
    assert loose.speakers()[0].count == 2
    assert loose.who("river flood")[0].statement.speaker == "Ann Lee"


def test_the_words_together_in_the_order_typed_come_first_among_many_that_hold_them() -> None:
    rng = random.Random(5)
    filler = ["budget", "river", "council", "market", "season", "winter", "bridge", "school"]
    quotes = [_q("m", f"The {rng.choice(filler)} door was {rng.choice(filler)} and open to "
                      f"{rng.choice(filler)} {i}.", "Bo Park", start=i * 100) for i in range(300)]
    quotes.append(_q("m", "We keep the open door policy for every nation.", "Ann Lee", start=40_000))
    ix = QuoteIndex.build([(_art("m", 5), quotes)])
    for typed in ("open door policy", "opne door policy", "the open door"):
        assert ix.who(typed)[0].statement.speaker == "Ann Lee", typed


def test_at_an_equal_score_a_direct_quotation_comes_before_reported_speech() -> None:
    ix = QuoteIndex.build([(_art("r", 5), [
        _q("r", "the harbour will reopen in spring", "Bo Park", "reported"),
        _q("r", "The harbour will reopen in spring", "Ann Lee", "direct", start=100)])])
    assert [h.statement.kind for h in ix.who("harbour will reopen")] == ["direct", "reported"]


def test_successive_changes_leave_no_stale_phrase_behind(ix: QuoteIndex) -> None:
    one = ix.with_changes({"e": (_art("e", 21), [_q("e", "Lighthouses guide the ships.", "Ann Lee")])},
                          removed=[], delta_entries={})
    delta = {"e": (_art("e", 21), [_q("e", "Lighthouses guide the ships.", "Ann Lee")])}
    two = one.with_changes({"e": (_art("e", 22), [_q("e", "Harbours shelter the boats.", "Ann Lee")])},
                           removed=[], delta_entries=delta)
    assert two.who("lighthouses guide ships") == []
    assert two.who("harbours shelter boats")[0].statement.article.id == "e"
    assert one.who("lighthouses guide ships")[0].statement.text == "Lighthouses guide the ships."


def test_a_change_that_fails_half_way_leaves_the_phrase_index_as_it_was(ix: QuoteIndex) -> None:
    # (the second article's quotation is not text: the delta fails after the deletes and
    # the first article's adds)
    not_text = Quote("f", [(0, 1)], None, "direct", speaker="Ann Lee")  # type: ignore[arg-type]
    broken = {"a": (_art("a", 20), [_q("a", "Lighthouses guide the ships.", "Ann Lee")]),
              "f": (_art("f", 20), [not_text])}
    with pytest.raises(AttributeError):
        ix.with_changes(broken, removed=[], delta_entries={})
    good = ix.with_changes({"e": (_art("e", 21), [_q("e", "Harbours shelter the boats.", "Bo Park")])},
                           removed=[], delta_entries={})
    # neither the failed change's deletes nor its adds reached the next commit
    assert good.who("lighthouses guide ships") == []
    assert good.who("open door policy")[0].statement.article.id == "a"
    assert good.who("harbours shelter boats")[0].statement.article.id == "e"


def test_near_spellings_are_marked_only_where_the_word_itself_is_missing() -> None:
    text = "Russian troops and Russian ships, but Russia has no veto on that."
    ix = QuoteIndex.build([(_art("v", 3), [_q("v", text, "Jens Stoltenberg")])])
    [hit] = ix.who("Russia has no veto")
    assert [text[a:b] for a, b in hit.marks] == ["Russia", "veto"]
    [typo] = ix.who("Rusia has no veto")
    assert "Russia" in [text[a:b] for a, b in typo.marks]


def test_articles_kept_column_by_column_come_back_whole(tmp_path: Path) -> None:
    infos = [ArticleInfo("x/1.txt", "Plain title", "Reuters", dt.date(2022, 1, 3), "https://e.x/1", 1),
             ArticleInfo("x/2.txt", "", None, None, None, 1),
             ArticleInfo("x/3.txt", "Støltenberg’s “door”", "Reuters", dt.date(1999, 12, 31), "", 1)]
    entries = [(a, [_q(a.id, f"Words number {k} about harbours.", "Ann Lee")]) for k, a in enumerate(infos)]
    for folder in (None, tmp_path / "phrases"):
        ix = QuoteIndex.build(entries, phrase_dir=folder)
        assert sorted(ix.sources(), key=lambda a: a.id) == infos
        assert [ix.statement(i).article for i in range(3)] == infos
        assert ix.date_range() == (dt.date(1999, 12, 31), dt.date(2022, 1, 3))
        assert ix.segments[0].texts.on_disk is (folder is not None)


def test_ids_corrections_outlets_and_facts_over_texts_on_disk_and_a_delta(tmp_path: Path) -> None:
    # (the quote ids, the corrections layer and the article lookups of /who filters,
    # /timeline and /add read the texts file and the article columns, base and delta alike)
    from bot.corrections import Correction

    def art(aid: str, outlet: str, day: int) -> ArticleInfo:
        return ArticleInfo(aid, f"Title {aid}", outlet, dt.date(2022, 1, day), None)

    entries = [(art("a", "TASS", 4), [_q("a", "The open door stays open.", "Ann Lee"),
                                       _q("a", "The open door stays open.", "Ann Lee", start=60)]),
               (art("b", "Reuters", 5), [_q("b", "Harbours shelter the boats.", "Bo Park"),
                                          _q("b", "Bridges are worth building.", "Bo Park", start=40)])]
    fixes = [Correction("b", "harbours shelter the boats", speaker="Ann Lee"),
             Correction("c", "Lighthouses guide the ships.", hide=True)]
    one = QuoteIndex.build(entries, phrase_dir=tmp_path / "phrases", corrections=fixes)
    assert one.segments[0].texts.on_disk
    twice = [st.qid for st in one.article_statements("a")]
    assert len(set(twice)) == 2  # (the same words twice in an article: two ids)
    bridges = one.who("bridges worth building")[0].statement
    harbours = one.find_quote(one.who("harbours shelter boats")[0].statement.qid)
    assert (harbours.speaker, harbours.corrected) == ("Ann Lee", True)
    assert [c.article for c in one.unmatched] == ["c"]
    assert one.outlets() == [("Reuters", 1), ("TASS", 1)]
    # b moves to another outlet and c arrives: both in the delta, its texts on disk too
    b2 = (art("b", "Sputnik", 6), [_q("b", "Bridges are worth building.", "Bo Park"),
                                    _q("b", "Harbours shelter the boats.", "Bo Park", start=30)])
    c = (art("c", "Sputnik", 7), [_q("c", "Lighthouses guide the ships.", "Cy Moss"),
                                   _q("c", "Ports never sleep.", "Cy Moss", start=30)])
    two = one.with_changes({"b": b2, "c": c}, removed=[], delta_entries={})
    assert len(two.segments) == 2 and two.segments[1].texts.on_disk
    assert two.outlets() == [("Sputnik", 2), ("TASS", 1)]
    moved = two.find_quote(bridges.qid)  # (same article, same words: the same id)
    assert moved.id >= two.segments[1].base and moved.article.outlet == "Sputnik"
    assert [st.text for st in two.article_statements("b")] == ["Bridges are worth building.",
                                                               "Harbours shelter the boats."]
    assert two.find_quote(harbours.qid).corrected  # (the correction follows the text)
    assert two.who("lighthouses guide ships") == []  # (hidden)
    assert [h.statement.text for h in two.who("ports sleep", outlet="sputnik")] == ["Ports never sleep."]
    with pytest.raises(QueryError, match="^outlet: no outlet called “reuters”"):
        two.who("open door", outlet="reuters")  # (its one article moved)
    ids = two.quote("Cy Moss").statements.ids
    assert [(d, k, a.id) for d, k, a in two.facts(ids)] == [(dt.date(2022, 1, 7), "direct", "c")]
    hidden = one.with_changes({"c": c}, removed=[], delta_entries={}).statement(one.segments[0].end)
    assert hidden.hidden and two.find_quote(hidden.qid, hidden_ok=True).text == hidden.text
    with pytest.raises(QueryError):
        two.find_quote(hidden.qid)


def test_a_speaker_at_exactly_min_confidence_is_uncertain() -> None:
    # (0.5 is what a lone guess near a statement is worth: a coin's toss, which the
    # default names no one on)
    toss = _q("a", "The river will flood.", "Ann Lee")
    toss.confidence = 0.5
    ix = QuoteIndex.build([(_art("a", 4), [toss])], min_confidence=0.5)
    assert ix.speakers() == []
    [hit] = ix.who("river flood")
    assert hit.statement.speaker is None and hit.statement.speaker_guess == "Ann Lee"
    assert [sp.name for sp in ix.with_settings(ix.directory, 0.49).speakers()] == ["Ann Lee"]
