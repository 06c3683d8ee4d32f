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


def find(text: str, start: int = 0) -> tuple[tuple[int, int], ...]:
    """Character ranges of boilerplate in text[start:]."""
    ranges: list[tuple[int, int]] = []
    tail = _TAIL_START.search(text, start)
    cut = tail.start() if tail else len(text)
    for m in _LINE.finditer(text, start, cut):
        if m.end() > m.start():
            ranges.append((m.start(), m.end()))
    if cut < len(text):
        ranges.append((cut, len(text)))
    return tuple(ranges)
