"""Is a name a place? Countries and their first-level divisions (states, provinces,
regions, counties) from pycountry's ISO 3166 data: "Ohio", "New Hampshire", "Selangor",
"Philippines"; and a name of two words or more ending in a word for a road or a feature
of the land ("Old Craigie Road", "Pitkerro Road", "Lake Tahoe" is not one: the head comes
last). A place is no "he" or "she": the ranker otherwise took "Michigan" or "New
Zealand" for the person a pronoun meant, and the rules made such names people. Loaded
on first use, once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from bot.extract.gender import of_given_name

_names: frozenset[str] | None = None


def _load() -> frozenset[str]:
    global _names
    if _names is None:
        try:
            import pycountry
        except ImportError:  # an install without it still runs, knowing no places
            _names = frozenset()
            return _names
        got: set[str] = set()
        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                v: Any = getattr(c, attr, None)
                if v:
                    got.add(str(v).casefold())
        for s in pycountry.subdivisions:
            # ("Wales; Cymru": a name in each language)
            got.update(part.strip().casefold() for part in str(s.name).split(";"))
        # (the short forms news writes)
        got.update({"united states", "us", "u.s.", "america", "britain", "uk", "russia",
                    "south korea", "north korea", "iran", "syria", "vietnam", "taiwan",
                    "the philippines"})
        _names = frozenset(got)
    return _names


# the last word of a road's or a landmark's name ("Nathan Lane", "Grace Park" are people:
# a given name first rules the name out)
_PLACE_HEADS = frozenset({"road", "street", "avenue", "lane", "drive", "boulevard", "highway",
                          "motorway", "roundabout", "square", "bridge", "airport", "river", "island",
                          "islands", "mountain", "mountains", "lake", "bay", "beach", "valley",
                          "park", "junction", "terrace", "crescent"})


@lru_cache(maxsize=8192)
def is_place(name: str) -> bool:
    """(Not a given name alone: "Jordan", "Victoria" and "Chad" said something.)"""
    low = name.casefold()
    if low.startswith("the "):
        low = low[4:]
    if low in _load():
        return " " in low or of_given_name(name) is None
    words = low.split()
    return len(words) > 1 and words[-1] in _PLACE_HEADS and of_given_name(name.split()[0]) is None
