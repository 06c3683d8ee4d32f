"""The window of a long quotation shown around what matched a phrase."""

from __future__ import annotations

from bot.excerpt import window


def test_a_long_quotation_is_cut_around_where_the_matches_cluster() -> None:
    text = "word " * 200 + "the open door stays open " + "word " * 200
    a = text.index("open")
    marks = [(5, 9), (a, a + 4), (a + 5, a + 9), (a + 16, a + 20)]  # one stray match early
    lo, hi = window(text, marks, 120)
    assert hi - lo <= 120
    assert lo <= a and a + 20 <= hi  # the cluster, not the stray first match
    assert text[lo - 1] == " " and text[hi] == " "  # cut between words


def test_a_short_quotation_is_shown_whole() -> None:
    assert window("We keep the door open.", [(12, 16)], 120) == (0, 22)
