"""The fast word finders agree with the plain regular expressions they stand for."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bot.extract.lexicon import CUE_FORMS
from bot.extract.wordfind import occurrences, word_starts

_TEXT = st.text(alphabet=st.sampled_from(list("aAsS cCoOrdinNgt’'-_.,\n1é")), max_size=80)


@given(_TEXT)
def test_word_starts_is_the_look_behind(text: str) -> None:
    slow = re.compile(r"(?<![\w’'-])[A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*)+")
    fast = re.compile(r"[A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*)+")
    assert [m.span() for m in word_starts(fast, text, 0, "_’'-")] == \
        [m.span() for m in slow.finditer(text)]


@given(_TEXT, st.integers(min_value=0, max_value=10))
def test_word_starts_from_an_offset(text: str, pos: int) -> None:
    slow = re.compile(r"(?<![\w-])[Aa](?:ccording to|s)\s+")
    fast = re.compile(r"[Aa](?:ccording to|s)\s+")
    assert [m.span() for m in word_starts(fast, text, pos, "_-")] == \
        [m.span() for m in slow.finditer(text, pos)]


def test_occurrences_finds_whole_words_and_two_word_forms() -> None:
    text = "He said it; the unsaid part, she points out."
    got = [(s, form) for s, _, form in occurrences(text, CUE_FORMS)]
    assert (text.index(" said") + 1, "said") in got
    assert all(s != text.index("unsaid") + 2 for s, _ in got)  # not inside a word
    assert (text.index("points out"), "points out") in got  # the two-word form wins
