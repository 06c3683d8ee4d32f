"""Text folded for matching: case, accents, curly quotes and punctuation don't count.

Shared by the people directory and the index, so that a name or phrase typed by a person
meets the corpus in the same form."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+")
_WORD = re.compile(r"[^\W_]+")
# Words too common to find anything by; a phrase of only these is asked to say more.
_COMMON = """
a an and are as at be been but by for from had has have he her his i if in into is it its
me my no not of on or our s she so that the their them they this to us was we were what
when which who will with would you your"""
STOPWORDS = frozenset(_COMMON.split())


_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def without_suffix(words: list[str]) -> list[str]:
    """A name's words without a generational suffix: "John G. Roberts Jr." is a Roberts."""
    while len(words) > 1 and words[-1].strip(".,").lower() in _NAME_SUFFIXES:
        words = words[:-1]
    return words


def fold(s: str) -> str:
    """Case- and accent-insensitive form: "Gruschko" → "gruschko", "NATO’s" → "nato s"."""
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s)
        s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(_NON_WORD.split(s.casefold())).strip()


def words(s: str) -> list[str]:
    """The folded words of a text, in order."""
    return fold(s).split()


def word_spans(s: str) -> list[tuple[int, int, str]]:
    """(start, end, folded word) for each word of s, offsets into s as given."""
    out = []
    plain = s.isascii()
    for m in _WORD.finditer(s):
        w = m.group().lower() if plain else fold(m.group())
        if w:
            out.append((m.start(), m.end(), w.replace(" ", "")))
    return out
