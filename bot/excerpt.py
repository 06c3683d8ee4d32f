"""Where to cut a long quotation so that what matched a phrase shows: one window, shared
by the CLI, the console and Discord."""

from __future__ import annotations

from collections.abc import Sequence


def window(text: str, marks: Sequence[tuple[int, int]], limit: int) -> tuple[int, int]:
    """(start, end) of at most `limit` characters of text, centred where the marked words
    cluster (not merely on the first of them), cut at spaces."""
    if len(text) <= limit:
        return 0, len(text)
    if not marks:
        lo = 0
    else:
        span = limit // 2
        centre = max((a for a, _ in marks), key=lambda a: sum(1 for b, _ in marks if a <= b < a + span))
        lo = max(0, centre - limit // 3)
    hi = min(len(text), lo + limit)
    lo = max(0, hi - limit)
    if lo > 0:
        sp = text.find(" ", lo, lo + 40)
        lo = sp + 1 if sp >= 0 else lo
    if hi < len(text):
        sp = text.rfind(" ", hi - 40, hi)
        hi = sp if sp > lo else hi
    return lo, hi
