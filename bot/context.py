"""A quotation in its article: the paragraphs around it, with the quotation and its
attribution (the cue and the speaker as the article wrote them: “...,” said the
Norwegian) marked. Pure: the service reads the article and hands its text here.

The extraction records the cue and the mention as text, not where they stand, so they
are found here: the occurrence nearest the quotation, outside its quoted words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.index import Statement

# a paragraph is a line, as the extraction reads articles (bot/extract/marks.py)
_LINE = re.compile(r"[^\n]+")
# how far around the quotation the attribution is looked for
_REACH = 400
# neighbouring paragraphs are shown whole up to this length, else cut to it
_NEIGHBOUR = 700
# of a very long paragraph, this much before and after the quotation is shown
_AROUND = 600

Mark = tuple[int, int, str]  # (start, end, "quote" | "cue" | "mention"), offsets in Context.text


@dataclass(frozen=True, slots=True)
class Context:
    statement: Statement
    # the paragraphs shown, as the article has them
    text: str
    # where text starts and ends in the article (text = article[start:end])
    start: int
    end: int
    marks: tuple[Mark, ...]
    # text begins or ends inside a paragraph (a very long one)
    cut_before: bool = False
    cut_after: bool = False
    # who the model named, where the admins corrected it
    model_speaker: str | None = None
    # the article changed since the last reload; the quotation was found in it by its words
    moved: bool = False

    @property
    def cue(self) -> str | None:
        return next((self.text[a:b] for a, b, k in self.marks if k == "cue"), None)

    @property
    def mention(self) -> str | None:
        return next((self.text[a:b] for a, b, k in self.marks if k == "mention"), None)

    def to_json(self) -> dict[str, object]:
        return {"quote": self.statement.to_json(), "text": self.text, "start": self.start, "end": self.end,
                "marks": [{"start": a, "end": b, "kind": k} for a, b, k in self.marks],
                "cue": self.cue, "mention": self.mention, "model_speaker": self.model_speaker,
                "hidden": self.statement.hidden, "moved": self.moved}


def _lines(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _LINE.finditer(text) if text[m.start():m.end()].strip()]


def _line_at(lines: list[tuple[int, int]], pos: int) -> int:
    """Index of the line holding pos, or of the nearest line before it."""
    best = 0
    for k, (a, _) in enumerate(lines):
        if a <= pos:
            best = k
        else:
            break
    return best


def _occurrences(text: str, phrase: str, lo: int, hi: int) -> list[tuple[int, int]]:
    if not phrase.strip():
        return []
    body = re.escape(phrase.strip())
    # whole words only where the phrase begins or ends with one ("said" is not in "unsaid")
    pattern = (r"\b" if phrase.strip()[0].isalnum() else "") + body + \
        (r"\b" if phrase.strip()[-1].isalnum() else "")
    found = [m.span() for m in re.finditer(pattern, text[lo:hi])]
    if not found:
        found = [m.span() for m in re.finditer(pattern, text[lo:hi], re.IGNORECASE)]
    return [(lo + a, lo + b) for a, b in found]


def _distance(a: int, b: int, spans: Sequence[tuple[int, int]]) -> int:
    return min(max(s - b, a - e, 0) for s, e in spans)


def _overlaps(a: int, b: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a < e and s < b for s, e in spans)


def _nearest(text: str, phrase: str | None, near: Sequence[tuple[int, int]],
             avoid: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    if not phrase:
        return None
    lo = max(0, min(s for s, _ in near) - _REACH)
    hi = min(len(text), max(e for _, e in near) + _REACH)
    found = [o for o in _occurrences(text, phrase, lo, hi) if not _overlaps(*o, avoid)]
    return min(found, key=lambda o: (_distance(*o, near), o[0])) if found else None


def _word_cut(text: str, pos: int, forward: bool) -> int:
    """pos moved to the nearest space, in the direction that shows less."""
    if forward:
        k = text.find(" ", pos)
        return pos if k < 0 or k - pos > 40 else k + 1
    k = text.rfind(" ", 0, pos)
    return pos if k < 0 or pos - k > 40 else k


def locate(text: str, spans: Sequence[tuple[int, int]], cue: str | None, mention: str | None
           ) -> tuple[int, int, list[Mark]]:
    """(start, end, marks): the stretch of text to show around a quotation whose quoted
    words are at spans, and the marks in it (offsets relative to start)."""
    spans = sorted(spans)
    lines = _lines(text)
    if not lines:
        return 0, len(text), [(s, e, "quote") for s, e in spans]
    m = _nearest(text, mention, spans, spans)
    c = _nearest(text, cue, [m] if m else spans, [*spans, *([m] if m else [])])
    inner = [*spans, *([m] if m else []), *([c] if c else [])]
    first = _line_at(lines, min(a for a, _ in inner))
    last = _line_at(lines, max(b for _, b in inner) - 1)
    lo, hi = lines[first][0], lines[last][1]
    # a wall of text: only so much of it before and after what is marked
    lo = max(lo, _word_cut(text, min(a for a, _ in inner) - _AROUND, True)) \
        if min(a for a, _ in inner) - lo > _AROUND else lo
    hi = min(hi, _word_cut(text, max(b for _, b in inner) + _AROUND, False)) \
        if hi - max(b for _, b in inner) > _AROUND else hi
    if lo == lines[first][0] and first > 0:
        a, b = lines[first - 1]
        lo = a if b - a <= _NEIGHBOUR else _word_cut(text, b - _NEIGHBOUR, True)
    if hi == lines[last][1] and last + 1 < len(lines):
        a, b = lines[last + 1]
        hi = b if b - a <= _NEIGHBOUR else _word_cut(text, a + _NEIGHBOUR, False)
    marks = [(s - lo, e - lo, "quote") for s, e in spans]
    if m:
        marks.append((m[0] - lo, m[1] - lo, "mention"))
    if c:
        marks.append((c[0] - lo, c[1] - lo, "cue"))
    return lo, hi, sorted(marks)


def find_again(text: str, quoted: str, near: int) -> tuple[int, int] | None:
    """Where a quotation stands in an article that changed since it was indexed: its text,
    nearest its old place (spacing may differ)."""
    words = quoted.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    found = [m.span() for m in re.finditer(pattern, text)]
    return min(found, key=lambda o: abs(o[0] - near)) if found else None
