"""Article metadata written into the text itself: datelines and source lines such as
"BRUSSELS, January 4. / TASS /:", "Ru-Main, 12.01.2022" + "Source: Sputnik", or a byline
"Brussels 12.01.2022 Anna van Densky"."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass

from bot.extract.dates import month_number

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|"
          r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
# BRUSSELS, January 4. / TASS /:   or   BRUSSELS, January 10. /TASS/.
DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'-]{1,40}),\s+(?P<month>" + _MONTH + r")\s+(?P<day>\d{1,2})"
    r"(?:,\s*(?P<year>\d{4}))?\s*[./]?\s*(?:/\s*(?P<agency>[A-Za-z][\w .-]{0,30}?)\s*/)?\s*[:.\-–—]?",
    re.M)
# Ru-Main, 12.01.2022   /  Brussels 12.01.2022 Anna van Densky
NUMERIC_DATE = re.compile(r"(?<!\d)(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})(?!\d)")
PUBLISHER_LINE = re.compile(r"^\s*(?P<name>[A-Z][\w .&-]{1,40}),\s*(?P<date>\d{1,2}[./]\d{1,2}[./]\d{4})\s*$",
                            re.M)
SOURCE_LINE = re.compile(r"^\s*(?:Source|Via|Quelle)\s*:\s*(?P<name>[^\n]{2,60}?)\s*$", re.M | re.I)
BYLINE = re.compile(r"^\s*(?P<place>[A-Z][a-z]+)\s+(?P<date>\d{1,2}[./]\d{1,2}[./]\d{4})\s+"
                    r"(?P<author>[A-Z][a-z]+(?:\s+(?:van|von|de|der|[A-Z][a-z]+)){1,3})\s+(?=[A-Z])",
                    re.M)
FULL_DATE = re.compile(
    r"\b(?:(?P<m1>" + _MONTH + r")\s+(?P<d1>\d{1,2}),\s+(?P<y1>\d{4})|(?P<d2>\d{1,2})\s+(?P<m2>"
    + _MONTH + r")\s+(?P<y2>\d{4}))\b")


@dataclass(slots=True)
class Found:
    outlet: str | None = None
    date: dt.date | None = None
    author: str | None = None
    place: str | None = None
    dateline_end: int = 0  # where the body text after a dateline starts


def _numeric(s: str) -> dt.date | None:
    m = NUMERIC_DATE.search(s)
    if not m:
        return None
    try:
        return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None


def full_dates(text: str) -> list[dt.date]:
    out = []
    for m in FULL_DATE.finditer(text):
        mon, day, year = (m.group("m1"), m.group("d1"), m.group("y1")) if m.group("m1") else \
            (m.group("m2"), m.group("d2"), m.group("y2"))
        try:
            out.append(dt.date(int(year), month_number(mon), int(day)))
        except (ValueError, KeyError):
            continue
    return out


def _year_for(month: int, day: int, text: str) -> int | None:
    """A dateline without a year takes the year that puts it nearest the article's own
    full dates (an article from early January mostly cites December of the year before)."""
    known = full_dates(text)
    if not known:
        return None
    best: tuple[int, int] | None = None
    for y in sorted({d.year for d in known} | {d.year + 1 for d in known}):
        try:
            cand = dt.date(y, month, day)
        except ValueError:
            continue
        dist = sorted(abs((cand - d).days) for d in known)
        score = dist[len(dist) // 2]
        if best is None or score < best[0]:
            best = (score, y)
    return best[1] if best else None


def find(text: str, head_end: int) -> Found:
    """Metadata from the text; the dateline is looked for near the start (before
    head_end), publisher and source lines anywhere."""
    f = Found()
    m = DATELINE.search(text, 0, head_end)
    if m:
        f.place = m.group("place").strip().title()
        if m.group("agency"):
            f.outlet = m.group("agency").strip()
        month, day = month_number(m.group("month")), int(m.group("day"))
        year = int(m.group("year")) if m.group("year") else _year_for(month, day, text)
        if year:
            with contextlib.suppress(ValueError):
                f.date = dt.date(year, month, day)
        f.dateline_end = m.end()
    b = BYLINE.search(text, 0, head_end)
    if b:
        f.place = f.place or b.group("place")
        f.date = f.date or _numeric(b.group("date"))
        f.author = b.group("author")
        f.dateline_end = max(f.dateline_end, b.end())
    pub = None
    for pm in PUBLISHER_LINE.finditer(text):
        pub = pm
    src = None
    for sm in SOURCE_LINE.finditer(text):
        src = sm
    if pub:
        f.date = f.date or _numeric(pub.group("date"))
    if src:
        name = src.group("name").strip()
        f.outlet = f.outlet or (f"{name} (via {pub.group('name').strip()})" if pub else name)
    elif pub:
        f.outlet = f.outlet or pub.group("name").strip()
    return f
