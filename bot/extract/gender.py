"""The gender a given name usually carries, for agreement with "he" and "she".

From gender-guesser (the name lists of Jörg Michael's `gender` program, some 45,000 given
names from many countries), with the lexicon's short list as a fallback; loaded on first
use, once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from bot.extract.lexicon import GIVEN_NAME_GENDER

_detector: Any = None
_ANSWERS = {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}


def _guesser() -> Any:
    global _detector
    if _detector is None:
        try:
            import gender_guesser.detector as gd  # type: ignore[import-untyped]
        except ImportError:  # an install without it still runs, on the short list
            _detector = False
        else:
            _detector = gd.Detector(case_sensitive=False)
    return _detector


@lru_cache(maxsize=16384)
def of_given_name(name: str) -> str | None:
    """"m", "f" or None (unknown, or used for both)."""
    low = name.lower().strip(".’'")
    if len(low) < 2 or not low.isalpha():
        return None
    det = _guesser()
    if det:
        got = _ANSWERS.get(det.get_gender(low))
        if got is not None:
            return got
    return GIVEN_NAME_GENDER.get(low)
