"""Finding quotation spans: where quotation marks open and close, paragraph by paragraph.

The marks are curly and straight double quotes, ``''`` used as a double quote, guillemets
and the low-9 opener; in a headline single quotes too, since headlines use them for
quotations. Apostrophes (’ and a ‘ misused as one) never open or close a quotation in
body text. A mark left open runs to the end of its paragraph and no further, which is
also how a quotation over several paragraphs is written (each paragraph opens with a
mark, only the last one closes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "“«„"
CLOSERS = "”»"
# (written to open with one set of characters, the second apostrophe of "''" asked for
# after it: a pattern opening with an alternation is tried at every character of the
# text, one opening with a set only where a character of it stands; same matches as
# ''|[“”"«»„] and ''|[“”"«»„‘’'])
_BODY_MARK = re.compile(r"[“”\"«»„'](?:(?<=')'|(?<!'))")
_HEADLINE_MARK = re.compile(r"[“”\"«»„‘’'](?:(?<=')'?|(?<!'))")
_PARA = re.compile(r"[^\n]+")
# a single mark opening a quotation: at a word's start, before a letter or a digit
# (the mark first, what stands before it asked after it, so that the regex engine skips
# to the marks: the same matches as (?:^|(?<=[\s(—–-]))[‘'](?=[A-Za-z0-9]) under re.M, a
# line break being a space)
_SINGLE_OPENER = re.compile(r"[‘'](?<![^\s(—–-][‘'])(?=[A-Za-z0-9])", re.M)
# Markup left in a scraped text ('<tweet author="..." date="...">'): its attribute values
# are no quotations
_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>\n]*)?>")


@dataclass(slots=True)
class Paragraph:
    start: int
    end: int
    index: int

    # (written out: mypyc compiles this __init__, while the one @dataclass generates runs
    # interpreted, several times slower; the fields above stay the reference)
    def __init__(self, start: int, end: int, index: int) -> None:
        self.start = start
        self.end = end
        self.index = index


@dataclass(slots=True)
class Mark:
    """One quotation: content is text[start:end] (marks excluded, whitespace trimmed)."""

    open: int  # offset of the opening mark
    close: int | None  # offset of the closing mark; None when the paragraph ends first
    start: int
    end: int
    para: int
    close_end: int  # offset just past the closing mark (or the content end)
    continues: bool = False  # the next paragraph carries on this quotation

    # (written out: mypyc compiles this __init__, while the one @dataclass generates runs
    # interpreted, several times slower; the fields above stay the reference)
    def __init__(self, open: int, close: int | None, start: int, end: int, para: int, close_end: int,
                 continues: bool = False) -> None:
        self.open = open
        self.close = close
        self.start = start
        self.end = end
        self.para = para
        self.close_end = close_end
        self.continues = continues


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Paragraph]:
    out: list[Paragraph] = []
    for m in _PARA.finditer(text, start, len(text) if end is None else end):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Paragraph(s, e, len(out)))
    return out


def _is_space_or_edge(text: str, i: int, lo: int, hi: int) -> bool:
    return i < lo or i >= hi or text[i].isspace()


def _quotes_in(text: str, para: Paragraph, headline: bool) -> list[Mark]:
    lo, hi = para.start, para.end
    found: list[Mark] = []
    open_at: tuple[int, int] | None = None  # (mark start, mark end)
    pattern = _HEADLINE_MARK if headline else _BODY_MARK
    tags = [t.span() for t in _TAG.finditer(text, lo, hi)] if "<" in text[lo:hi] else []
    for m in pattern.finditer(text, lo, hi):
        ch, i, j = m.group(), m.start(), m.end()
        if tags and any(a < i < b for a, b in tags):
            continue
        prev = text[i - 1] if i > lo else " "
        nxt = text[j] if j < hi else " "
        if ch in "‘’'":
            # In a headline a single quote is a mark only where it cannot be an
            # apostrophe: an opener follows a space, a closer precedes one.
            if open_at is None and (ch in "‘'") and not prev.isalnum() and nxt.isalnum():
                open_at = (i, j)
            elif open_at is not None and text[open_at[0]:open_at[1]] in "‘'" and ch in "’'" \
                    and not nxt.isalnum() and prev != " ":
                found.append(_mark(text, open_at, (i, j), para.index))
                open_at = None
            continue
        if ch == '"' and open_at is None and prev.isdigit() and not nxt.isalpha():
            continue  # inches: 5' 10"
        if open_at is None:
            if ch in CLOSERS and not (prev.isspace() or i == lo or prev in "([—–-") :
                continue  # a stray closer opens nothing
            open_at = (i, j)
            continue
        if ch in "“”" and text[open_at[0]] == '"' and text.find('"', j, hi) >= 0:
            continue  # curly marks inside a straight-quoted quotation quote within it
        if ch in OPENERS and not (nxt.isspace() or nxt in ",.;:!?)" or j >= hi):
            # An opener while one is open: the earlier mark was stray. Start again here
            # so that one bad mark swallows as little as possible.
            open_at = (i, j)
            continue
        if text[open_at[0]:open_at[1]] in ("‘", "'"):
            continue  # a single-quote opener in a headline closes only with a single quote
        found.append(_mark(text, open_at, (i, j), para.index))
        open_at = None
    if open_at is not None:
        mk = _mark(text, open_at, None, para.index, hi)
        if mk.end > mk.start:
            found.append(mk)
    return [q for q in found if q.end > q.start]


def _mark(text: str, opened: tuple[int, int], closed: tuple[int, int] | None, para: int,
          para_end: int = 0) -> Mark:
    s = opened[1]
    e = closed[0] if closed else para_end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Mark(open=opened[0], close=closed[0] if closed else None, start=s, end=e,
                para=para, close_end=closed[1] if closed else e)


def single_quoted(text: str, paras: list[Paragraph], headline_index: int | None = None) -> bool:
    """Does the article quote with single marks ('‘We will fight,’ she said'), as some
    British, Irish and South African papers do? Only where its body has no double mark
    at all and single marks open quotations at least twice: elsewhere a single mark is an
    apostrophe or a quotation inside a quotation."""
    opened = 0
    for p in paras:
        if p.index == headline_index:
            continue
        if _BODY_MARK.search(text, p.start, p.end):
            return False
        opened += len(_SINGLE_OPENER.findall(text, p.start, p.end))
    return opened >= 2


def find_quotes(text: str, paras: list[Paragraph], headline_index: int | None = None
                ) -> list[Mark]:
    """All quotations, in text order, with multi-paragraph continuations linked."""
    out: list[Mark] = []
    per_para: list[list[Mark]] = []
    # (an article that quotes with single marks reads them as a headline's are read)
    single = single_quoted(text, paras, headline_index)
    for p in paras:
        qs = _quotes_in(text, p, headline=single or p.index == headline_index)
        per_para.append(qs)
        out.extend(qs)
    for k, qs in enumerate(per_para[:-1]):
        if not qs or qs[-1].close is not None:
            continue
        nxt_para = paras[k + 1]
        nxt = per_para[k + 1]
        # Continued only when the next paragraph opens with a mark; otherwise the open
        # mark was stray and stays confined to its paragraph.
        if nxt and nxt[0].open == nxt_para.start and text[nxt[0].open] not in CLOSERS:
            qs[-1].continues = True
    return out
