"""A speaker's role as users see it ("Jens Stoltenberg — NATO Secretary General"). The
engine keeps the words it found before or around a name as the role, for the ranker and
for resolving "the senator"; what reaches a user must be a role, so a role is shown
only where it is a noun phrase naming an office, a job or a standing. Otherwise the
bot shows nothing, never a fragment. Left out: a dateline ("HYDERABAD"), a styling
("Sir", "Datuk Seri", "Mr."), a dangling "of" or "to the", an owner with nothing owned
("Syria’s"), a clause ("will assist needy civilians in ...", "According to")."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.extract.lexicon import (
    EPITHET_HEADS,
    GENERIC_PERSON_HEADS,
    ROLE_GENDER,
    TITLE_WORDS,
    UNNAMED_HEADS,
)

# styling that goes with a name, not an office ("United manager Sir Alex Ferguson")
_STYLING = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "datuk", "dato", "dato'",
            "datin", "seri", "sri", "tan", "puan", "tun", "tunku", "tengku", "haji", "hajjah",
            "alhaji", "alhaja", "shri", "smt", "hon"}
# what cannot end a noun phrase
_DANGLING = {"of", "to", "the", "for", "in", "and", "from", "at", "on", "with", "a", "an", "by",
             "as", "or", "is", "who", "that", "his", "her", "their", "its"}
# words of a clause, not of a role
_CLAUSE = {"is", "are", "was", "were", "will", "would", "have", "has", "had", "be", "been",
           "can", "could", "should", "may", "might", "must", "did", "does", "do", "said", "says",
           "according", "which", "whose"}
_PREPOSITIONS = {"of", "in", "for", "at", "to", "on", "with", "from", "by"}
# a person's noun that says nothing alone
_BARE = {"man", "woman", "person", "people", "men", "women"}
# nouns of a person by what they do: "shareholder", "filmmaker", "co-author", "headteacher"
_AGENT = re.compile(r"(?:er|or|ist|ian|ant|ent|man|woman|person|ess|eur|ee|ive|ary|ier)$")
_ROLE_WORDS = TITLE_WORDS | GENERIC_PERSON_HEADS | EPITHET_HEADS | UNNAMED_HEADS | set(ROLE_GENDER)
_TOKEN = re.compile(r"\S+")
_DATELINE = re.compile(r"^\s*[A-Z][A-Z'.]+(?:[ \t]+[A-Z][A-Z'.]+)*[ \t]*[-–—―]+[ \t]*")  # "ANKARA - "
_EDGE = " \t\n,.;:–—―-’'\"“”‘()[]"


@lru_cache(maxsize=4096)
def shown(role: str | None) -> str | None:
    """The role as a user should see it, or None where the words are no role. (Kept per
    role: a speaker's role recurs with each of their statements.)"""
    if not role:
        return None
    words = [w for w in _TOKEN.findall(_DATELINE.sub("", role)) if w.strip(_EDGE)]
    # a dateline opening it ("BHUBANESWAR Indian women’s hockey chief coach"): a word in
    # capitals too long for an acronym ("UNHCR spokesman", "NATO chief")
    while len(words) > 1 and _shouted(words[0]) and len(words[0].strip(_EDGE)) >= 7:
        words.pop(0)
    if len(words) == 1 and _shouted(words[0]) and len(words[0].strip(_EDGE)) >= 4:
        return None
    if any(w.strip(_EDGE).lower() in _CLAUSE for w in words):
        return None
    if len(words) > 3 and words[0].endswith("ing") and words[0][:1].isupper() and \
            any(w in _PREPOSITIONS for w in words):
        return None  # "Speaking at a meeting with ...", "Addressing the forum in ..."
    while words and (words[-1].strip(_EDGE).lower() in _STYLING
                     or words[-1].strip(_EDGE).lower() in _DANGLING):
        words.pop()
    while words and words[0].strip(_EDGE) in _DANGLING:
        words.pop(0)
    words = [w for w in words if w.strip(_EDGE)]
    if not words:
        return None
    last = words[-1].strip(_EDGE)
    if last.endswith(("’s", "'s", "’", "'")) or words[-1].endswith(("’", "'")):
        return None  # "Syria’s", "Sinn Fein's": whose, but not what
    # the head: the last word before "of", "in" ... ("director of elective care")
    k = next((i for i, w in enumerate(words) if i and w in _PREPOSITIONS), len(words))
    head = words[k - 1].strip(_EDGE)
    low = head.lower()
    if len(words) == 1 and low in _BARE or low.endswith("ing"):
        return None  # "Man", "Examining": no role
    agent = _AGENT.search(low.removesuffix("s")) is not None and not low.endswith(("ment", "ments"))
    if not (low in _ROLE_WORDS or low.removesuffix("s") in _ROLE_WORDS or head[:1].isupper() or agent):
        return None  # "game", "emotional", "HIV medicine at ...": no noun of a person
    out = " ".join(words).lstrip(_EDGE)
    # (a closing stop goes, but not an abbreviation's: "Massachusetts Sen.")
    abbreviation = len(last) <= 4 and last[:1].isupper() and words[-1].rstrip(_EDGE + ".").endswith(last)
    return (out.rstrip(" ,;:") if abbreviation else out.rstrip(_EDGE)) or None


def _shouted(word: str) -> bool:
    w = word.strip(_EDGE)
    return w.isupper() and w.replace("-", "").isalpha()
