"""Sentences within a paragraph, never breaking inside a quotation."""

from __future__ import annotations

import re
from bisect import bisect_right

from bot.extract.lexicon import SPEECH_FORMS, caps
from bot.extract.marks import Mark, Paragraph

# A sentence ends at . ! ? (and any closing marks after it) followed by space and a
# capital, digit or opening mark.
# ([.!?][.!?]* rather than [.!?]+: a pattern opening with a set, not a repeat, lets the
# regex engine skip to the stops instead of trying every character)
_BOUNDARY = re.compile(caps(r"[.!?][.!?]*[\"”’»)\]']*\s+(?=(?:''|[\"“‘«(\[']?)[A-Z0-9])"))
ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Adm|Capt|Maj|Rev|St|Jr|Sr|Hon|"
    r"Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|No|Nos|Vol|vs|etc|Inc|Corp|Co|Ltd|Ave|Blvd|"
    r"Mt|Ft|Gens|Reps|Sens|approx|est|Fla|Calif|Mass|Ill|Penn|Wash|Va|Md|Ga|Ky|Tenn|Tex|"
    r"Ariz|Colo|Conn|Del|Ind|Kan|Mich|Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore|Wis|Wyo)|"
    r"\b[A-Z]|(?:\b[A-Za-z]\.)+[A-Za-z])\.$"
)


_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _may_end_abbreviation(text: str, lo: int, dot: int) -> bool:
    """Can ABBREV match text[max(lo, dot - 12):dot + 1], text[dot] being a full stop (or
    "!", "?")? Each of its forms ends in one to six ASCII letters and the stop (an
    abbreviation, an initial): a longer word or none before the stop rules it out
    without running the pattern."""
    k = dot
    while k > lo and dot - k <= 6 and text[k - 1] in _ASCII_LETTERS:
        k -= 1
    return 1 <= dot - k <= 6


def sentences(text: str, para: Paragraph, quotes: list[Mark]) -> list[tuple[int, int]]:
    """(start, end) of each sentence of the paragraph; `quotes` may be the article's or
    only the paragraph's own (callers that walk every paragraph pass its own: filtering
    all of an article's quotes per paragraph grows with their product)."""
    inside = [(q.open, q.close_end) for q in quotes if q.para == para.index]
    starts = [s for s, _ in inside]
    out: list[tuple[int, int]] = []
    cur = para.start
    for m in _BOUNDARY.finditer(text, para.start, para.end):
        dot = m.start()
        cut = m.end()
        # Inside a quotation is not a boundary, unless the closing mark is in this match.
        k = bisect_right(starts, dot) - 1
        if k >= 0 and inside[k][0] < dot and inside[k][1] > m.end() - _trail(m):
            continue
        if _may_end_abbreviation(text, para.start, dot) and \
                ABBREV.search(text[max(para.start, dot - 12):dot + 1]):
            continue
        if m.group().rstrip()[-1:] in _CLOSERS and _attribution_follows(text, cut, para.end) \
                and not _has_own_cue(text, cur, inside[k][0] if k >= 0 and inside[k][0] >= cur else dot):
            continue  # '“Why now?” Clinton said.' is one sentence
        end = cut
        while end > cur and text[end - 1].isspace():
            end -= 1
        if end > cur:
            out.append((cur, end))
        cur = cut
    if para.end > cur:
        out.append((cur, para.end))
    return out


_CLOSERS = "\"”’'»"
_CLAUSE_AFTER = re.compile(r"\s+(?:that|it|he|she|they|we|i|you|the|a|an|his|her|their|its)\b")
_NEXT_WORDS = re.compile(r"[\w.’'-]+")


def _attribution_follows(text: str, at: int, end: int) -> bool:
    """Does a quotation's attribution start at `at`: a few capitalised words (a name,
    a title) and then a speech verb?"""
    for i, m in enumerate(_NEXT_WORDS.finditer(text, at, min(end, at + 80))):
        w = m.group().rstrip(".")
        if w.lower() in SPEECH_FORMS and i > 0:
            # '“Why now?” Clinton said.' — but not a new sentence whose verb takes a
            # clause: '... him.” She says it underscores that ...'
            return not _CLAUSE_AFTER.match(text, m.end())
        if i >= 5 or not (w[:1].isupper() or w.lower() in ("the", "of", "de", "van", "von")):
            return False
    return False


_WORD = re.compile(r"[a-z]+")


def _has_own_cue(text: str, start: int, end: int) -> bool:
    """Does the sentence already carry a reporting verb before its quotation ('Russia
    insisted that Pyongyang "stop."')? Then what follows is a sentence of its own."""
    return any(w in SPEECH_FORMS for w in _WORD.findall(text, start, end))


def _trail(m: re.Match[str]) -> int:
    g = m.group()
    return len(g) - len(g.rstrip())
