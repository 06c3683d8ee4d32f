"""Where the words of a lexicon occur in a text, fast: one C-level pass lists the words
present, and only the few lexicon words among them are then located (str.find). A regex
alternation of thousands of verb forms, or a Python loop over every word, costs several
times more on news text, where cue words are rare."""

from __future__ import annotations

import re
from collections.abc import Mapping

_LOWER_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))  # bytes.translate table
_indexes: dict[int, tuple[Mapping[str, str], dict[str, list[str]], frozenset[str]]] = {}


_last_words: tuple[str, set[str]] | None = None


def words_of(text: str) -> set[str]:
    """The lower-case letter runs of a text: every word written in lower case somewhere
    in it. Kept for the last text (the lexicons and the coreference model of one article
    ask for it one after another)."""
    global _last_words
    if _last_words is None or _last_words[0] is not text:
        # (not in a file's front matter: its url's slug writes every name of the headline
        # in lower case, "serena-williams-beats-...", and "Serena" is no ordinary word)
        start = 0
        if text.startswith("---"):
            end = text.find("\n---", 3)
            start = end + 4 if end >= 0 else 0
        # the runs of [a-z]: every byte but a-z made a space, then split (UTF-8 writes
        # any other character, a lone surrogate too, with bytes outside a-z): 60% of the
        # time of re.findall
        low = text[start:].encode("utf-8", "surrogatepass").translate(_LOWER_ONLY).decode("ascii")
        _last_words = (text, set(low.split()))
    return _last_words[1]


def _is_word(c: str) -> bool:
    return c.isalnum() or c in "’'-_"


def word_starts(pattern: re.Pattern[str], text: str, pos: int = 0,
                joiners: str = "’'-_") -> list[re.Match[str]]:
    """pattern.finditer, keeping only matches that start a word (no letter, digit or one
    of `joiners` right before). Stands for a look-behind such as (?<![\\w’'-]): a
    pattern that opens with a look-behind loses the regex engine's prefix search and
    runs about twice as slow over a whole article. A match inside a word is searched
    again from the character after its start (it may hide one that starts a word:
    "iPhone Maker" holds "Maker"); elsewhere finditer runs on in C."""
    out: list[re.Match[str]] = []
    while True:
        for m in pattern.finditer(text, pos):
            a = m.start()
            if a and (text[a - 1].isalnum() or text[a - 1] in joiners):
                pos = a + 1
                break
            out.append(m)
        else:
            return out


def _index(forms: Mapping[str, str]) -> tuple[dict[str, list[str]], frozenset[str]]:
    """first word → the rest of each form starting with it ("" for one-word forms),
    longest first, and the first words as a set (a set meets a set by its smaller side;
    dict keys are made a set first). Kept per lexicon (the lexicons are module constants)."""
    got = _indexes.get(id(forms))
    if got is not None and got[0] is forms:
        return got[1], got[2]
    index: dict[str, list[str]] = {}
    for form in forms:
        first, _, rest = form.partition(" ")
        index.setdefault(first, []).append(rest)
    for rests in index.values():
        rests.sort(key=len, reverse=True)
    firsts = frozenset(index)
    _indexes[id(forms)] = (forms, index, firsts)
    return index, firsts


def occurrences(text: str, forms: Mapping[str, str]) -> list[tuple[int, int, str]]:
    """(start, end, form) of every lower-case occurrence of a form, whole words only,
    in text order. Two-word forms ("point out", "call for") win over their first word."""
    index, firsts = _index(forms)
    out: list[tuple[int, int, str]] = []
    n = len(text)
    for first in words_of(text) & firsts:
        rests = index[first]
        i = text.find(first)
        while i >= 0:
            j = i + len(first)
            if (i == 0 or not _is_word(text[i - 1])) and (j >= n or not _is_word(text[j])):
                for rest in rests:
                    if not rest:
                        out.append((i, j, first))
                        break
                    k = j + 1 + len(rest)
                    if j < n and text[j].isspace() and text.startswith(rest, j + 1) and \
                            (k >= n or not _is_word(text[k])):
                        out.append((i, k, f"{first} {rest}"))
                        break
            i = text.find(first, j)
    out.sort()
    return out
