"""When something was said: "said on Monday", "on January 10", "yesterday", resolved
against the article's date."""

from __future__ import annotations

import datetime as dt
import re

from bot.extract.lexicon import MONTH_ABBR, MONTHS, WEEKDAYS

_MONTH = r"(?:" + "|".join(m.title() for m in MONTHS) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_WHEN = re.compile(
    r"\b(?:(?:on|last|this)\s+(?P<wd>" + "|".join(w.title() for w in WEEKDAYS) + r")"
    r"|(?:on\s+)?(?P<md_m>" + _MONTH + r")\s+(?P<md_d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<md_y>\d{4}))?"
    r"|(?:on\s+)?(?P<dm_d>\d{1,2})\s+(?P<dm_m>" + _MONTH + r")(?:\s+(?P<dm_y>\d{4}))?"
    r"|(?P<rel>yesterday|today|tonight|this morning|this afternoon|this evening))\b"
)

# every expression _WHEN finds holds one of these: a digit (dates), "day" (weekdays,
# "yesterday", "today"), "tonight" or "this " ("this morning")
# (as one set of first characters and what each opens, so that the regex engine skips to
# them rather than trying the alternation \d|day|tonight|this  at every character)
_MAYBE_WHEN = re.compile(r"[\ddt](?:(?<=d)ay|(?<=t)(?:onight|his )|(?<![dt]))")


def month_number(name: str) -> int:
    return MONTH_ABBR[name.lower().rstrip(".")[:4] if name.lower().startswith("sept")
                      else name.lower()[:3]]


def resolve_near(text: str, start: int, end: int, article_date: dt.date | None) -> dt.date | None:
    """The date a time expression in text[start:end] names, or None."""
    if _MAYBE_WHEN.search(text, start, end) is None:
        return None  # most windows name no time: the full pattern is several times slower
    m = _WHEN.search(text, start, end)
    if not m:
        return None
    return resolve_match(m, article_date)


def resolve_match(m: re.Match[str], ref: dt.date | None) -> dt.date | None:
    if m.group("wd"):
        if ref is None:
            return None
        wd = WEEKDAYS.index(m.group("wd").lower())
        back = (ref.weekday() - wd) % 7
        return ref - dt.timedelta(days=back)
    if m.group("rel"):
        if ref is None:
            return None
        return ref - dt.timedelta(days=1) if m.group("rel") == "yesterday" else ref
    mon = m.group("md_m") or m.group("dm_m")
    day = m.group("md_d") or m.group("dm_d")
    year = m.group("md_y") or m.group("dm_y")
    try:
        month = month_number(mon)
        if year:
            return dt.date(int(year), month, int(day))
        if ref is None:
            return None
        cand = dt.date(ref.year, month, int(day))
        # a date without a year is the one nearest the article's
        for alt in (dt.date(ref.year - 1, month, int(day)), dt.date(ref.year + 1, month, int(day))):
            if abs((alt - ref).days) < abs((cand - ref).days):
                cand = alt
        return cand
    except (ValueError, KeyError):
        return None
