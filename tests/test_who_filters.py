"""/who speaker, outlet, since, until and /quote about: filters that select the right
statements, searched inside the phrase index (not picked from the unfiltered best), and
errors that name the option."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot import index as index_mod
from bot.discord import answers
from bot.index import ArticleInfo, QueryError, QuoteIndex
from bot.models import Quote

ROOT = Path(__file__).resolve().parents[1]
D = dt.date


def _q(aid: str, text: str, speaker: str, n: int, kind: str = "direct") -> Quote:
    return Quote(aid, [(n * 200, n * 200 + len(text))], text, kind,  # type: ignore[arg-type]
                 speaker=speaker, speaker_kind="person", confidence=0.9)


def corpus() -> list[tuple[ArticleInfo, list[Quote]]]:
    """Ann Lee and Bo Park on the open door in two outlets over three dates; and 200
    statements by Cy Moss that match 'open door policy' better than anything of Bo's."""
    arts = [
        (ArticleInfo("a1.txt", "A1", "TASS", D(2022, 1, 4), None),
         [_q("a1.txt", "The open door stays open.", "Ann Lee", 0),
          _q("a1.txt", "An open door is our policy.", "Bo Park", 1, "reported")]),
        (ArticleInfo("a2.txt", "A2", "Sputnik (via Ru-Main)", D(2022, 1, 10), None),
         [_q("a2.txt", "We keep the open door for all.", "Ann Lee", 0)]),
        (ArticleInfo("a3.txt", "A3", "Sputnik", D(2022, 1, 12), None),
         [_q("a3.txt", "The door is open, as it has always been.", "Bo Park", 0)]),
        (ArticleInfo("a4.txt", "A4", "Reuters", None, None),
         [_q("a4.txt", "Open door, open minds.", "Ann Lee", 0)]),
    ]
    many = [_q("m.txt", f"The open door policy stands, as point {i} of the open door policy says.", "Cy Moss", i)
            for i in range(200)]
    arts.append((ArticleInfo("m.txt", "M", "Politico", D(2022, 1, 5), None), many))
    return arts


@pytest.fixture(scope="module")
def ix() -> QuoteIndex:
    return QuoteIndex.build(corpus())


def said(hits) -> list[tuple[str, str]]:
    return sorted((h.statement.speaker, h.statement.text) for h in hits)


def test_each_filter_selects_its_statements(ix: QuoteIndex) -> None:
    by_ann = ix.who("open door", speaker="Lee", limit=50)
    assert {h.statement.speaker for h in by_ann} == {"Ann Lee"} and len(by_ann) == 3
    tass = ix.who("open door", outlet="tass", limit=50)
    assert said(tass) == [("Ann Lee", "The open door stays open."), ("Bo Park", "An open door is our policy.")]
    # an outlet's words: every outlet whose name holds them
    sputnik = ix.who("open door", outlet="Sputnik", limit=50)
    assert {h.statement.article.id for h in sputnik} == {"a2.txt", "a3.txt"}
    since = ix.who("open door", since=D(2022, 1, 10), limit=50)
    assert {h.statement.article.id for h in since} == {"a2.txt", "a3.txt"}  # (the undated a4 is in no stretch)
    until = ix.who("open door", until=D(2022, 1, 4), limit=50)
    assert {h.statement.article.id for h in until} == {"a1.txt"}
    both = ix.who("open door", speaker="Bo Park", outlet="sputnik", since=D(2022, 1, 11), until=D(2022, 1, 12))
    assert said(both) == [("Bo Park", "The door is open, as it has always been.")]
    assert ix.who("open door", speaker="Bo Park", outlet="Reuters") == []


def test_a_filter_finds_what_the_unfiltered_best_would_crowd_out(ix: QuoteIndex) -> None:
    top = ix.who("open door policy", limit=10)
    assert {h.statement.speaker for h in top} == {"Cy Moss"}  # Bo's statement is not among the best
    first = ix.who("open door policy", speaker="Bo Park")[0]
    assert (first.statement.speaker, first.statement.text) == ("Bo Park", "An open door is our policy.")
    [hit] = ix.who("door policy", outlet="tass")
    assert hit.statement.text == "An open door is our policy."


def test_a_wide_filter_is_sifted_from_more_candidates(ix: QuoteIndex, monkeypatch) -> None:
    narrow = said(ix.who("open door", outlet="tass", limit=50))
    monkeypatch.setattr(index_mod, "WITHIN_MAX", 0)  # (every filter counts as wide)
    assert said(ix.who("open door", outlet="tass", limit=50)) == narrow
    assert said(ix.who("door policy", outlet="tass")) == [("Bo Park", "An open door is our policy.")]


def test_statements_of_a_removed_article_are_not_found_through_a_filter(ix: QuoteIndex) -> None:
    entries = corpus()
    base = QuoteIndex.build(entries)
    after = base.with_changes({}, ["a1.txt"], {})
    assert after.who("open door", until=D(2022, 1, 4)) == []  # (a1's rows are still in the base, masked)
    with pytest.raises(QueryError, match="^outlet: no outlet called “tass”"):
        after.who("open door", outlet="tass")  # (its only article is gone)
    assert {h.statement.article.id for h in after.who("open door", speaker="Lee", limit=50)} == {"a2.txt", "a4.txt"}


def test_wrong_filters_are_errors_that_name_the_option(ix: QuoteIndex) -> None:
    with pytest.raises(QueryError, match="^outlet: no outlet called “BBC”"):
        ix.who("open door", outlet="BBC")
    assert [h.statement.article.outlet for h in ix.who("open door", outlet="Reutres")] == ["Reuters"]  # a slip
    with pytest.raises(QueryError, match="did you mean “Politico”"):
        ix.who("open door", outlet="Polity")
    with pytest.raises(QueryError, match="No speaker called “Zed Nobody”"):
        ix.who("open door", speaker="Zed Nobody")
    with pytest.raises(QueryError, match="“since” is after “until”"):
        ix.who("open door", since=D(2022, 2, 1), until=D(2022, 1, 1))


def test_quote_about_lists_what_they_said_on_it_best_first(ix: QuoteIndex) -> None:
    ans = ix.quote("Ann Lee", about="open door")
    texts = [st.text for st in ans.statements]
    assert set(texts) == {"The open door stays open.", "We keep the open door for all.", "Open door, open minds."}
    scores = [ans.scores[st.id] for st in ans.statements]
    assert scores == sorted(scores, reverse=True) and ans.about == "open door"
    for st in ans.statements:
        assert {st.text[a:b].lower() for a, b in ans.marks[st.id]} >= {"open", "door"}
    only = ix.quote("Bo Park", about="open door", kind="reported")
    assert [st.text for st in only.statements] == ["An open door is our policy."]
    assert len(ix.quote("Ann Lee", about="bananas").statements) == 0
    assert len(ix.quote("Ann Lee", about="door", since=D(2022, 1, 5)).statements) == 1
    with pytest.raises(QueryError, match="^about:"):
        ix.quote("Ann Lee", about="the of and")


class _Service:
    def __init__(self, ix: QuoteIndex) -> None:
        from bot.config import Settings

        self.index = ix
        self.settings = Settings()


def test_the_console_and_the_bot_read_the_options_alike(ix: QuoteIndex) -> None:
    inv = answers.parse_line("/who open door speaker:Ann Lee outlet:Sputnik (via Ru-Main) since:2022-01-05")
    assert inv.options == {"phrase": "open door", "speaker": "Ann Lee", "outlet": "Sputnik (via Ru-Main)",
                           "since": "2022-01-05"}
    inv = answers.parse_line("/quote Jens Stoltenberg kind:direct about:open door")
    assert inv.options == {"speaker": "Jens Stoltenberg", "kind": "direct", "about": "open door"}
    with pytest.raises(QueryError, match="^since:"):
        answers.answer(_Service(ix), answers.parse_line("/who open door since:2022-13-01"))
    with pytest.raises(QueryError, match="^until:"):
        answers.answer(_Service(ix), answers.parse_line("/quote Ann Lee about:door until:yesterday"))
    [page] = answers.answer(_Service(ix), answers.parse_line("/who open door outlet:tass"))
    assert page["embeds"][0]["footer"]["text"].endswith("outlet: tass")
    [page] = answers.answer(_Service(ix), answers.parse_line("/who open door speaker:Bo Park outlet:Reuters"))
    assert "Nobody with these options" in page["embeds"][0]["description"]
