"""Extraction never raises and every offset is valid, whatever the text."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.corpus import parse_article
from bot.extract.pipeline import extract

_PIECES = st.sampled_from(['"', "“", "”", "''", "‘", "’", "'", " said ", " he ", ", ",
                           ". ", "\n", "\n\n", "According to ", "Mr. ", "Jens Stoltenberg",
                           "the statement reads", ":", "—", "(", ")", "that ", "a source"])
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_extraction_never_raises_and_offsets_are_valid(text: str) -> None:
    art = parse_article("h.txt", text)
    for q in extract(art):
        assert 0 <= q.start < q.end <= len(text)
        for s, e in q.spans:
            assert 0 <= s < e <= len(text)
        assert q.kind in ("direct", "partial", "reported")


def _cpu_pair(small_text: str, big_text: str, runs: int = 5) -> tuple[float, float]:
    """The least CPU time of a few runs of each article, the two taken in turn: on a
    shared machine a run can be slowed by the neighbours (caches, frequency), and a slow
    spell that fell on the larger article's runs alone would read as growth."""
    small_art, big_art = parse_article("s.txt", small_text), parse_article("b.txt", big_text)
    small = big = float("inf")
    for _ in range(runs):
        for art in (small_art, big_art):
            t0 = time.process_time()
            extract(art)
            took = time.process_time() - t0
            if art is small_art:
                small = min(small, took)
            else:
                big = min(big, took)
    return small, big


def test_ten_thousand_stray_marks_stay_linear() -> None:
    # the same input four times larger takes about four times as long, not sixteen (a
    # growth ratio on generated text, not a timing threshold)
    def text(n: int) -> str:
        return "Title\n\n" + ('He said " and ' * n) + "\n"

    small, big = _cpu_pair(text(2500), text(10000))
    assert big < max(small, 0.005) * 8


def test_a_long_article_full_of_people_stays_linear() -> None:
    # Many people, each named, then a pronoun and a description: what made speaker
    # resolution ask every earlier person about every later statement.
    given = ["Anna", "Boris", "Clara", "David", "Elena", "Frank", "Grace", "Henry"]

    def article(n: int) -> str:
        paras = []
        for i in range(n):
            first = given[i % len(given)]
            pron = "she" if i % 2 == 0 else "he"
            paras.append(f"{first} Surname{i}, a director at Firm{i}, met the council on Monday.\n\n"
                         f"\u201cThe plan number {i} will work,\u201d {pron} said. The director added "
                         f"that the board would decide.\n\n\u201cWe are ready,\u201d said Surname{i}.")
        return "Title\n\n" + "\n\n".join(paras) + "\n"

    # (sizes whose smaller one takes a tenth of a second: a few hundredths are mostly
    # the timer's and the neighbours' noise)
    small, big = _cpu_pair(article(200), article(800))
    assert big < max(small, 0.01) * 8
