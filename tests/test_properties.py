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


def test_ten_thousand_stray_marks_stay_bounded() -> None:
    # Linear, not quadratic: the same input ten times larger must not take a hundred
    # times longer. (A loose ratio, not a timing threshold.)
    def run(n: int) -> float:
        text = "Title\n\n" + ('He said " and ' * n) + "\n"
        t0 = time.perf_counter()
        extract(parse_article("m.txt", text))
        return time.perf_counter() - t0

    small, big = run(1000), run(10000)
    assert big < max(small, 0.01) * 40
