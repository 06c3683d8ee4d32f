"""Web boilerplate around an article: comment forms, share widgets, related-post lists,
stray site tags. It stays in the text (offsets index the file as read) but is marked so
that it never yields a quote, a speaker or a title."""

from __future__ import annotations

import re

# A line that starts the page furniture after an article: everything from it on is
# boilerplate.
_TAIL_START = re.compile(
    r"^\s*(?:Leave a (?:Reply|Comment)|Related (?:Posts|Articles|Stories)|Share this:?|"
    r"Like this:?|Comments?(?: \(\d+\))?|Post navigation|You may also like|Read more:?|"
    r"Recommended|More from|Subscribe to|Sign up for|Tags?:|Filed under:?|Fill in your "
    r"details below|Your email address will not be published)\s*$",
    re.I | re.M)
# Single lines of furniture wherever they stand.
_LINE = re.compile(
    r"^\s*(?:source site-\d+|\.|Read the rest here\.?|Advertisement|ADVERTISEMENT|"
    r"Continue reading.*|Click here.*|Share on (?:Facebook|Twitter).*|Connecting to %s|"
    r"WordPress\.com Logo|Facebook photo|Twitter picture|Google photo|"
    r"You are commenting using your .* account.*|Notify me of .*|"
    r"Required fields are marked \*|\(?Log Out /\s*Change \)?|_{2,}\.?|[-=*]{3,})\s*$",
    re.I | re.M)


# A marker ends the article only where what follows it is the smaller part of the page:
# "Related Posts" between two halves of an article is a widget, not the end of it.
_TAIL_SHARE = 1 / 3
_LEAST_ARTICLE = 200


def find(text: str, start: int = 0) -> tuple[tuple[int, int], ...]:
    """Character ranges of boilerplate in text[start:]."""
    return find_with_tail(text, start)[0]


def find_with_tail(text: str, start: int = 0) -> tuple[tuple[tuple[int, int], ...], re.Match[str] | None]:
    """The ranges of boilerplate, and the marker line from which the rest of the page is
    furniture (None if there is none)."""
    ranges: list[tuple[int, int]] = []
    body = len(text) - start
    tail = None
    for m in _TAIL_START.finditer(text, start):
        # (or what stands before it is too little to be an article: a page of furniture)
        if len(text) - m.start() <= _TAIL_SHARE * body or len(text[start:m.start()].strip()) < _LEAST_ARTICLE:
            tail = m
            break
        ranges.append((m.start(), m.end()))  # the marker line alone
    cut = tail.start() if tail else len(text)
    for m in _LINE.finditer(text, start, cut):
        if m.end() > m.start():
            ranges.append((m.start(), m.end()))
    if cut < len(text):
        ranges.append((cut, len(text)))
    return tuple(sorted(ranges)), tail
