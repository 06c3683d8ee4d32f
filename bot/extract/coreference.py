"""Resolving who a "he", "the Norwegian", "the Kremlin aide" or "the statement" is.

A small discourse model per article: the people and organisations named so far, their
roles, who spoke last. Resolution prefers no answer to a guess: an unnamed source stays
unnamed, a description that fits nobody stays unresolved.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import OSA

from bot.extract import mentions
from bot.extract.gender import of_given_name
from bot.extract.lexicon import (
    CUE_FORMS,
    DOCUMENT_NOUNS,
    EPITHET_HEADS,
    GENERIC_PERSON_HEADS,
    GIVEN_NAME_GENDER,
    HONORIFICS,
    NATIONALITY_RE,
    NON_NAME_CAPS,
    ORG_NOUNS,
    PERSONAL_PRONOUNS,
    PLACE_HEADS,
    PLACE_OR_MEDIA_HEADS,
    PREPOSITIONS,
    ROLE_GENDER,
    ROLE_SYNONYMS,
    TITLE_WORDS,
    UNNAMED_HEADS,
    caps,
)
from bot.extract.mentions import Mention
from bot.extract.places import is_place
from bot.extract.wordfind import words_of
from bot.textnorm import without_suffix

# single organisation nouns a source may stand for in full ("Police", "the council"):
# not "the House" or "the government", which news uses on their own
_FULL_ORG_HEADS = {"police", "constabulary", "council", "ministry", "department", "commission",
                   "agency", "authority", "company", "club", "court", "board", "committee",
                   "service", "university", "hospital", "school", "union", "association",
                   "federation", "society", "trust", "institute", "foundation", "bank"}
_POLICE_OF_PLACE = re.compile(caps(r"(?<![\w’'-])Police[ \t]+([A-Z][\w’'-]*(?:[ \t]+[A-Z][\w’'-]*)?)(?![\w’'-])"))
_ORG_SYNONYMS = {"police": ("Police", "Constabulary", "Police Service", "Police Force"),
                 "constabulary": ("Constabulary",)}


@lru_cache(maxsize=64)
def _org_ending(word: str) -> re.Pattern[str]:
    """Two to seven capitalised words (with "and", "of", "for" between) ending in word."""
    return re.compile(caps(r"(?<![\w’'-])(?:[A-Z][\w’'.-]*[ \t]+(?:(?:and|of|for|the|on)[ \t]+)?){1,6}")
                      + re.escape(word) + r"(?![\w’'-])")


# what an unnamed source's description drops ("one of the fans" keeps its "one")
_LEADING_DETERMINER = re.compile(r"^(?:the|a|an|another|one(?!\s+of\b)|this|that)\s+", re.I)
_NAME_RUN = re.compile(caps(
    r"(?<![\w’'-])(?:[A-Z][\w’'.-]*|(?:van|von|de|der|du|al|bin)(?![\w’'-]))"
    r"(?:[ \t]+(?:[A-Z][\w’'.-]*|(?:van|von|de|der|du|da|dos|di|del|al|bin|ibn|of|to|the|for)(?![\w’'-])))*"
))
_WORD = re.compile(r"\S+")
_PLACE_APPOSITION = re.compile(r",\s+(?:the|a|an)\s+(?:[a-z-]+\s+){0,3}(?:" +
                               "|".join(sorted(PLACE_HEADS)) + r")(?=\s*[,.;:)]|\s+(?:in|of|on|near)\b)")
DESCRIPTION_REACH = 40_000
# title words that only qualify a role ("former", "deputy", "then"): never its head
_ROLE_MODIFIERS = {"then", "first", "late", "under", "private", "field", "state", "house", "white",
                   "security", "national", "policy", "political", "staff", "member", "elect",
                   "acting", "interim", "incoming", "outgoing", "ex", "rival", "fellow", "former",
                   "senior", "deputy", "vice", "press", "foreign", "defense", "defence", "interior",
                   "finance", "campaign", "communications", "ranking", "majority", "minority",
                   "assistant", "executive", "presidential", "vice-presidential", "congressional",
                   "republican", "democrat", "democratic", "independent", "gop", "emeritus",
                   "department", "official", "senate", "major", "general", "chief", "head", "prime"}
# Words a title-case headline capitalises that are never part of a name
_HEADLINE_WORDS = {"as", "after", "before", "the", "a", "an", "at", "of", "for", "to", "in",
                   "on", "with", "over", "against", "new", "old", "big", "why", "how", "what",
                   "who", "is", "are", "was", "will", "can", "could", "would", "not", "and",
                   "or", "but", "from", "by", "into", "up", "down", "out", "goes", "gets",
                   "takes", "makes", "wins", "loses", "its", "his", "her", "their", "this",
                   "that", "more", "less", "than", "about", "amid", "vs", "vs."}
# Runs of two words or more: the prescan's only concern (a surname alone is looked up in
# the text when a pronoun needs it, see _mentioned_before)
# (the run must open a word: a look-behind after its first capital, as in
# candidates._RUN — the matches of word_starts(..., "_’'-") without a Python loop over them)
_MULTI_NAME_RUN = re.compile(caps(
    r"[A-Z](?<![\w’'-][A-Z])[\w’'.-]*"
    # (a joiner only before another capitalised word: "President Uhuru Kenyatta to jail"
    # is no name ending in "to"; that look-ahead first, which rules most lower-case words
    # out before the alternation is tried)
    r"(?:[ \t]+(?:[A-Z][\w’'.-]*|(?=[a-z]{2,3}[ \t]+(?:[A-Z]|[a-z]{2,3}[ \t]+[A-Z]))"
    r"(?:v[ao]n|d(?:e[rl]?|[aiu]|os)|al|bin|ibn|of|to|the|for)(?=[ \t])))+"
))
# where a sentence or paragraph starts
# (a stop, or a line break, then what follows each: the pattern opens with one set of
# characters, so that the regex engine skips to them; the same matches as
# (?:[.!?]["”’']*\s+|\n\s*)(?=...), which it tried at every character)
_SENTENCE_START = re.compile(caps(r"[.!?\n](?:(?<=\n)\s*|(?<!\n)[\"”’']*\s+)(?=[\"“‘'(]?[A-Z])"))
_SUBORDINATE = re.compile(r"(?:While|Although|Though|Because|If|Unless|Whereas|Since|When|As|After|"
                          r"Before|Once|Until)\s")
_INTRO = re.compile(r"(?:(?:On|In|At|During|After|Before|Later|Earlier|Meanwhile|However|But|And|"
                    r"Still|Then|Despite|With|Following|Like|Unlike|Under|For)\b[^,]{0,40},\s*)")
# How many sentences back the subject of the passage is looked for. Measured on PolNeAR
# dev (direct attribution accuracy): 1: 0.797, 2: 0.819, 3: 0.824, 4: 0.830, 5: 0.826,
# 8: 0.826; without it (the last speaker first) 0.788.
SUBJECT_REACH = 4
_QUOTE_THEN_SOURCE = re.compile(r"[\"“][^\"“”]{1,400}[\"”]\s*,?\s*")
_SENTENCE_END = re.compile(r"(?<=[a-z]{3})\.\s+")
# (its first capital, then the look-behind: the regex engine skips to capitals; the same
# matches as (?<![\w-])[A-Z]{2,6}(?![\w-]))
_ACRONYM = re.compile(r"[A-Z](?<![\w-][A-Z])[A-Z]{1,5}(?![\w-])")
_PLACE_PREP = re.compile(r"(?:\bin|\bfrom|\bto|\bof|\bwith|\bagainst|\bon)\s+$")
_COUNTED = re.compile(r"(?:two|three|four|five|several|many|some|few|both|\d+)\b", re.I)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+$")
_AGE = re.compile(r"\d+-year-old$")
_ROLE_QUALIFIERS = {"vice", "deputy", "assistant", "acting", "associate", "lieutenant",
                    "under", "sub"}
_GENERIC_DESC = {"the", "a", "an", "former", "then", "current", "new", "old"}


# offices, jobs and players' positions, in the shape of a person's noun ("mayor",
# "minister", "striker"; not "democrat", "campaign", "senate" of the title lexicon)
_OFFICE_NOUNS = frozenset(w for w in TITLE_WORDS | GENERIC_PERSON_HEADS | EPITHET_HEADS
                          if len(w) > 3 and w.isalpha() and w not in HONORIFICS and
                          w.endswith(("er", "or", "ist", "ian", "man", "woman", "ant", "ent", "ess", "eer")))

def _has_title(role: str) -> bool:
    return any(w.lower().strip(".,") in TITLE_WORDS or w.lower().strip(".,") in HONORIFICS
               for w in role.split())


@lru_cache(maxsize=4096)
def _tokens(name: str) -> list[str]:
    # "John G. Roberts Jr." is a Roberts: no surname "Jr."
    return without_suffix([t.lower() for t in name.replace("-", " ").split()])


@lru_cache(maxsize=4096)
def _honorific(text: str) -> str | None:
    return next((t.lower().rstrip(".") for t in text.split()
                 if t.lower().rstrip(".") in HONORIFICS), None)


@dataclass(slots=True)
class Entity:
    name: str
    kind: str  # "person" | "organisation"
    role: str | None = None
    gender: str | None = None
    first: int = 0
    last_mention: int = -1
    last_spoke: int = -1
    confirmed: bool = False  # seen with a title, an honorific or as a speaker
    # where the text names them, in order (kept sorted: asked "the last before pos"
    # for every pronoun of a long article, a scan of them all grew with its square)
    mentions: list[int] = field(default_factory=list)
    # role_tokens for the role they were made of (asked for every description of an
    # article, about everyone in it)
    _rt_of: str | None = field(default=None, repr=False, compare=False)
    _rt: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    # (written out: mypyc compiles this __init__, while the one @dataclass generates runs
    # interpreted, several times slower; the fields above stay the reference)
    def __init__(self, name: str, kind: str, role: str | None = None, gender: str | None = None,
                 first: int = 0, last_mention: int = -1, last_spoke: int = -1, confirmed: bool = False,
                 mentions: list[int] | None = None) -> None:
        self.name = name
        self.kind = kind
        self.role = role
        self.gender = gender
        self.first = first
        self.last_mention = last_mention
        self.last_spoke = last_spoke
        self.confirmed = confirmed
        self.mentions = [] if mentions is None else mentions
        self._rt_of = None
        self._rt = frozenset()

    def mentioned(self, pos: int) -> None:
        insort(self.mentions, pos)

    def mentioned_before(self, pos: int) -> int:
        k = bisect_left(self.mentions, pos)
        return self.mentions[k - 1] if k else -1

    @property
    def tokens(self) -> list[str]:
        return _tokens(self.name)

    @property
    def role_tokens(self) -> frozenset[str]:
        if self._rt_of != self.role:
            self._rt = frozenset(t.lower().strip(".,()") for t in (self.role or "").split())
            self._rt_of = self.role
        return self._rt


@dataclass(slots=True)
class Resolved:
    speaker: str | None
    role: str | None
    kind: str | None  # "person" | "organisation" | "unnamed" | None
    confidence: float
    entity: Entity | None = None

    # (written out: mypyc compiles this __init__, while the one @dataclass generates runs
    # interpreted, several times slower; the fields above stay the reference)
    def __init__(self, speaker: str | None, role: str | None, kind: str | None, confidence: float,
                 entity: Entity | None = None) -> None:
        self.speaker = speaker
        self.role = role
        self.kind = kind
        self.confidence = confidence
        self.entity = entity


@dataclass
class Discourse:
    text: str
    outlet_tokens: set[str] = field(default_factory=set)
    body_start: int = 0  # names are gathered from here on
    headline_end: int = 0  # where a headline in title case ends (0: none)
    entities: list[Entity] = field(default_factory=list)
    _by_last: dict[str, list[Entity]] = field(default_factory=dict)
    # people of two words or more by their other words than the last: a given name alone
    # ("Anwar" for "Anwar Ibrahim", "Hillary"), or the name in the middle ("Lula" for "Luiz
    # Inácio Lula da Silva") is how many articles refer to them
    _by_part: dict[str, list[Entity]] = field(default_factory=dict)
    # (where each person was first named, with their index: who was introduced in a
    # stretch of text is found by position, not by asking everyone)
    _firsts: list[tuple[int, int]] = field(default_factory=list)
    _sentence_starts: list[int] | None = None
    _surnames: dict[str, list[int]] = field(default_factory=dict)
    # (position, head, modifiers, description as first written)
    unnamed: list[tuple[int, str, set[str], str]] = field(default_factory=list)
    # the last organisation or group that spoke, and whether it is plural
    _last_group: tuple[int, Resolved, bool] | None = None
    # the last statement, release or report whose author the article gave
    _last_document: tuple[int, Resolved] | None = None

    def prescan(self) -> None:
        """Every person named with a first name or a title, anywhere in the article, so
        that "Antonov said" finds "Russian Ambassador to the US Anatoly Antonov"."""
        # A name recurs through an article: what a run resolved to is kept, so that each
        # later occurrence costs a dictionary lookup. (Single words are kept only once
        # found: the full name they belong to may come later.)
        known: dict[str, Entity | None] = {}
        missing: dict[str, int] = {}
        for run, run_start in self._runs():
            first, _, rest = run.partition(" ")
            if rest and self._ordinary_opener(first, run_start, rest):
                # "Notice Trump sniffing ...", "New Mitt Romney": a capital that only opens
                # a sentence or a quotation is no part of the name
                run_start += len(first) + 1
                run = rest
            if run in known:
                ent = known[run]
                if ent is not None:
                    ent.mentioned(run_start)
                    if " " in run:
                        ent.last_mention = max(ent.last_mention, run_start)
                continue
            if " " not in run:
                # a surname alone keeps a known person in view: "Christie" after
                # "Chris Christie"
                if missing.get(run) == len(self.entities):
                    continue  # not found, and no one has been named since
                ent = self._find(run.strip(".,’'")) if run[:1].isupper() else None
                if ent is not None and ent.kind == "person":
                    ent.mentioned(run_start)
                    known[run] = ent
                else:
                    missing[run] = len(self.entities)
                continue
            known[run] = None
            mention = mentions.parse_shared(run)
            if mention is None or mention.kind != "name" or mention.name is None:
                continue
            words = mention.name.split()
            if mention.role is None:
                # a role written in lower case before the name: "Kremlin spokesman Dmitri
                # Peskov" (the run holds the name alone)
                lead = self._role_start(run_start)
                if lead < run_start:
                    fuller = mentions.parse_shared(self.text[lead:run_start] + run)
                    if fuller is not None and fuller.kind == "name" and fuller.name == mention.name \
                            and fuller.role:
                        mention = fuller
            if len(words) < 2 and not (mention.role and _has_title(mention.role)):
                continue  # "Whether Russia" is no person with the role "Whether"
            if any(w.lower() in ORG_NOUNS for w in words):
                continue
            ent = self.add_name(mention, run_start, speaking=False)
            if ent is not None and mention.role:
                ent.confirmed = True
            if ent is not None and ent.kind == "person" and not ent.role and \
                    _PLACE_APPOSITION.match(self.text, run_start + len(run)):
                ent.kind = "organisation"  # "Birnin Kebbi, the state capital": a place
            known[run] = ent

    def _role_start(self, pos: int) -> int:
        """Where a role written before pos begins, if one does: the lower-case title words
        right before it and the capitalised words before them ("Kremlin spokesman ",
        "party chairman "); pos where there is none."""
        text = self.text
        start = k = pos
        titled = False
        for _ in range(6):
            j = k
            while j > 0 and text[j - 1] in " \t":
                j -= 1
            if j == k:
                break  # punctuation or a line break before: no role runs on over it
            i = j
            if titled and j > 1 and text[j - 1] == "." and text[j - 2].isalpha():
                i -= 1  # an abbreviation in what qualifies it: "Cornwall Ont. mayor"
            while i > 0 and (text[i - 1].isalnum() or text[i - 1] in "-’'"):
                i -= 1
            word = text[i:j].rstrip(".")
            if not word:
                break
            if word.islower() and word in TITLE_WORDS and (titled or word not in _ROLE_MODIFIERS):
                # (the word next to the name must be a role's head: "spokesman", not "then")
                titled, start = True, i
            elif titled and word.lower() not in NON_NAME_CAPS and word.lower() not in CUE_FORMS:
                # what qualifies it: "chief financial officer", "Kremlin spokesman"
                start = i
            else:
                break
            k = i
        return start if titled else pos

    def _runs(self) -> Iterator[tuple[str, int]]:
        """Runs of capitalised words (run, start) that may be names."""
        ordinary = words_of(self.text)
        for m in _MULTI_NAME_RUN.finditer(self.text, self.body_start):
            group = m.group()
            if "." in group and _SENTENCE_END.search(group):
                # a run never crosses a sentence end: each sentence's part is a run ("...
                # toppling No.5 seed Caroline Wozniacki. The Spaniard", "... with Moscow.
                # Russian Ambassador Anatoly Antonov")
                at = 0
                for end in _SENTENCE_END.finditer(group):
                    if end.start() > at:
                        yield from self._run_parts(group[at:end.start()], m.start() + at, ordinary)
                    at = end.end()
                yield from self._run_parts(group[at:], m.start() + at, ordinary)
            elif m.start() >= self.headline_end:
                yield group, m.start()  # (most runs: no generator of parts for them)
            else:
                yield from self._run_parts(group, m.start(), ordinary)

    def _run_parts(self, run: str, run_start: int, ordinary: set[str]) -> Iterator[tuple[str, int]]:
        """The run, or in a title-case headline the names among its words."""
        if run_start >= self.headline_end:
            yield run, run_start
            return
        # a headline in title case is one run: its ordinary words part the names
        # ("Hillary Clinton Goes After Donald Trump As The New Mitt Romney")
        part: list[re.Match[str]] = []
        for w in [*_WORD.finditer(run), None]:
            low = w.group().lower().strip(".,:;!?") if w else ""
            if w and (low not in ordinary and low not in _HEADLINE_WORDS and
                      low not in CUE_FORMS or low in GIVEN_NAME_GENDER or
                      low in TITLE_WORDS):
                part.append(w)
                continue
            sub = run[part[0].start():part[-1].end()] if len(part) >= 2 else ""
            first = part[0].group().lower() if part else ""
            if sub and (first in GIVEN_NAME_GENDER or first in TITLE_WORDS or
                        self.text.find(sub, self.headline_end) >= 0):
                yield sub, run_start + part[0].start()
            part = []

    def _find(self, name: str) -> Entity | None:
        toks = _tokens(name)
        if not toks:
            return None
        best = None
        # only entities sharing the last word can match; the index keeps this cheap
        for ent in self._by_last.get(toks[-1], ()):
            et = ent.tokens
            if toks == et:
                return ent
            # "Stoltenberg" / "Jens Stoltenberg": a surname alone, or a fuller form
            if toks[-1] == et[-1] and (len(toks) == 1 or len(et) == 1 or toks[0] == et[0]
                                       or toks[0][:1] == et[0][:1] or self._tail_of(toks, ent)):
                if best is None:
                    best = ent
                elif len(et) > 1 and not self._in_body(best) and self._in_body(ent):
                    # "Lewis": the "Lennox Lewis" of the body, not the "Stunned Lewis" of
                    # a headline's title case
                    best = ent
        if best is None and len(toks) == 1:
            # a given name alone: the one person the article named with it (a given name
            # by the lexicon, or a person named with a role: not "Obama Sees" of a headline)
            same = self._by_part.get(toks[0], ())
            if len(same) == 1 and same[0].kind == "person" and toks[0] not in TITLE_WORDS and \
                    (same[0].role or of_given_name(toks[0]) is not None or
                     # a family name written first ("Feng Yujun" ... "Feng said"), the
                     # full name written past the first line (a headline's title case
                     # makes names of any words: "Obama Sees")
                     same[0].tokens[0] == toks[0] and len(same[0].tokens) > 1
                     and self._in_body(same[0])):
                return same[0]
        return best

    def _in_body(self, ent: Entity) -> bool:
        """Is the entity named past the first line (the headline)?"""
        return bool(ent.mentions) and ent.mentions[-1] > self.text.find("\n", self.body_start)

    def _tail_of(self, toks: list[str], ent: Entity) -> bool:
        """Is a name of two words or more the end of the entity's ("Sarkin-Fada" of "Aminu
        Sarkin-Fada", "Suu Kyi" of "Aung San Suu Kyi")? Not where the words before it are
        a title ("Billionaire Donald Trump") or the fuller form is only a headline's title
        case ("McCain Challenger Kelli Ward")."""
        et = ent.tokens
        if len(et) <= len(toks) or et[-len(toks):] != toks:
            return False
        if any(t in TITLE_WORDS or t in GENERIC_PERSON_HEADS for t in et[:-len(toks)]):
            return False
        return self._in_body(ent)

    def add_name(self, mention: Mention, pos: int, speaking: bool) -> Entity | None:
        assert mention.name is not None
        name = mention.name
        ent = self._find(name)
        if ent is None and speaking and " " not in name:
            ent = self.misspelt(name)
        if ent is None:
            kind = "person"
            if len(name.split()) == 1 and not mention.role and \
                    self._looks_like_place_or_org(name) or \
                    name.split()[-1].lower() in PLACE_OR_MEDIA_HEADS or \
                    not mention.role and self.text[max(0, pos - 4):pos].lower() == "the " and \
                    name.split()[0].lower().rstrip(".") not in HONORIFICS or \
                    not mention.role and is_place(name) or \
                    mention.role is not None and mention.role.split()[-1].lower() in PLACE_HEADS:
                # ("the Old Bailey", "the Cape Times": no person is written after "the";
                # "Birnin Kebbi, the state capital": a place by its apposition)
                kind = "organisation"
            ent = Entity(name=name, kind=kind, role=mention.role, first=pos)
            self.entities.append(ent)
            insort(self._firsts, (pos, len(self.entities) - 1))
            self._by_last.setdefault(ent.tokens[-1], []).append(ent)
            self._index_parts(ent)
        elif len(name.split()) > len(ent.name.split()):
            ent.name = name
            last = ent.tokens[-1]
            if ent not in self._by_last.get(last, ()):
                self._by_last.setdefault(last, []).append(ent)
            self._index_parts(ent)
        if mention.role and not ent.role:
            ent.role = mention.role
        honor = _honorific(mention.text)
        if honor in ("mr",):
            ent.gender = "m"
        elif honor in ("mrs", "ms", "miss"):
            ent.gender = "f"
        if ent.gender is None and len(ent.tokens) > 1:
            ent.gender = GIVEN_NAME_GENDER.get(ent.tokens[0])
        if ent.gender is None and mention.role:
            ent.gender = next((ROLE_GENDER[w] for w in _tokens(mention.role) if w in ROLE_GENDER),
                              None)
        if honor or mention.role or len(ent.name.split()) > 1:
            ent.confirmed = True
        ent.last_mention = max(ent.last_mention, pos)
        ent.mentioned(pos)
        if speaking:
            ent.last_spoke = pos
        return ent

    def misspelt(self, word: str) -> Entity | None:
        """The one person whose surname this speaker's name misspells by a letter
        ("Cobahm said" of Martins Cobham): a name the article gives once, beside a full
        name it gives, is a typo far more often than a new person."""
        low = word.lower()
        if len(low) < 5 or not low.isalpha():
            return None
        # (surnames first, by the index of last words: most names have no near spelling,
        # and the checks on the text cost more)
        found: list[Entity] = []
        for last, ents in self._by_last.items():
            if last[:1] == low[:1] and abs(len(last) - len(low)) <= 1 and last != low and \
                    OSA.distance(last, low) == 1:
                found.extend(e for e in ents if e.kind == "person" and len(e.tokens) > 1
                             and e.tokens[-1] == last)
        if len(found) != 1 or low in words_of(self.text) or self.text.count(word) > 2:
            return None
        return found[0]

    def _index_parts(self, ent: Entity) -> None:
        for tok in ent.tokens[:-1]:
            if len(tok) > 2 and tok.isalpha() and tok not in mentions.PARTICLES:
                same = self._by_part.setdefault(tok, [])
                # (only whether one person or several share it is asked: two are kept, and
                # compared by identity, the dataclass's == comparing every field)
                if len(same) < 2 and not any(x is ent for x in same):
                    same.append(ent)

    def _ordinary_opener(self, word: str, pos: int, rest: str) -> bool:
        low = word.lower()
        if low in TITLE_WORDS or low.rstrip(".") in HONORIFICS or low in GIVEN_NAME_GENDER:
            return False
        before = self.text[max(0, pos - 3):pos]
        opens = pos == 0 or before.endswith("\n") or before.rstrip()[-1:] in ".!?\"“‘'(:" \
            or before.endswith("''")
        if not opens:
            return False
        if of_given_name(word) is not None and low not in words_of(self.text):
            return False  # "Lennox Lewis" opening a sentence: a given name, no ordinary word
        # or the rest already names someone ("Notice Trump" after "Donald Trump")
        if self._find(rest) is not None:
            return True
        # a given name that is also a word opens many a sentence too: "Will Williams, of
        # the bookshop, said" (but "Will Trump ..." was cut above)
        return low in words_of(self.text) and of_given_name(word) is None

    def _common_noun(self, word: str) -> bool:
        if self._find(word) is not None:
            return False
        low = word.lower()
        # ("Mayors", "Governors", "Strikers": the plural of an office or a player's
        # position is people, even where the article writes it nowhere else)
        return low in words_of(self.text) or len(low) > 4 and low.endswith("s") and \
            (low[:-1] in _OFFICE_NOUNS or low.endswith("es") and low[:-2] in _OFFICE_NOUNS)

    def _looks_like_place_or_org(self, name: str) -> bool:
        if name.isupper():
            return True
        start = self.text.find(name)
        while start >= 0:
            if _PLACE_PREP.search(self.text, max(0, start - 9), start):
                return True
            start = self.text.find(name, start + 1)
        return False

    def resolve(self, mention: Mention, pos: int) -> Resolved:
        got = self._resolve(mention, pos)
        if got.speaker and got.kind != "unnamed" and mention.head in DOCUMENT_NOUNS:
            # "a press statement issued by the residents' committee": what "the release"
            # says next is the committee's too
            self._last_document = (pos, got)
        if got.speaker and got.kind in ("organisation", "unnamed") and mention.kind != "pronoun":
            # what "it" and "they" may refer to next: "the Times wrote ... it added"
            plural = (mention.head or "").endswith("s") and got.kind == "unnamed"
            self._last_group = (pos, got, plural)
        elif got.speaker and got.kind == "person":
            self._last_group = None
        return got

    def _resolve(self, mention: Mention, pos: int) -> Resolved:
        if mention.kind == "name" and mention.name and " " not in mention.name.strip() \
                and self._common_noun(mention.name):
            # "Demonstrators said": a capitalised plural at a sentence start, not a name
            return self._unnamed(Mention(mention.text, "unnamed", head=mention.name.lower()),
                                 pos)
        if mention.kind == "name" and mention.name:
            ent = self.add_name(mention, pos, speaking=True)
            assert ent is not None
            conf = 0.95 if len(ent.name.split()) > 1 else 0.85
            return Resolved(ent.name, ent.role, ent.kind, conf, ent)
        if mention.kind == "org" and mention.name:
            ent = self._find(mention.name)
            if ent is not None and ent.kind == "person":
                ent.last_spoke = pos
                return Resolved(ent.name, ent.role, "person", 0.85, ent)
            if " " not in mention.name and mention.name.lower() in _FULL_ORG_HEADS:
                # "Police said" after "Greater Manchester Police are appealing ...": the
                # organisation as the article named it in full
                full = self._full_organisation(mention.name.lower(), pos)
                if full is not None:
                    return Resolved(full, None, "organisation", 0.85)
            return Resolved(mention.name, None, "organisation", 0.9)
        if mention.kind == "pronoun":
            return self._pronoun(mention, pos)
        if mention.kind == "document":
            return self._document(mention, pos)
        if mention.kind == "unnamed":
            return self._unnamed(mention, pos)
        if mention.kind == "description":
            return self._description(mention, pos)
        return Resolved(None, None, None, 0.0)

    def _mentioned_before(self, e: Entity, pos: int) -> int:
        """Where the text last names this person before pos: in full, or by surname."""
        best = e.mentioned_before(pos)
        surname = e.name.split()[-1]
        at = self._surname_positions(surname)
        k = bisect_right(at, pos - len(surname))  # (the whole word before pos)
        return max(best, at[k - 1]) if k else best

    def _times_before(self, e: Entity, pos: int) -> int:
        surname = e.name.split()[-1]
        return bisect_right(self._surname_positions(surname), pos - len(surname))

    def _surname_positions(self, surname: str) -> list[int]:
        """Every place the text writes the word, found once per article (a search back
        from each pronoun grew with the square of the article's length)."""
        got = self._surnames.get(surname)
        if got is None:
            got = []
            n = len(surname)
            i = self.text.find(surname)
            while i >= 0:
                j = i + n
                if (i == 0 or not self.text[i - 1].isalnum()) and \
                        (j >= len(self.text) or not self.text[j].isalnum()):
                    got.append(i)
                i = self.text.find(surname, i + 1)
            self._surnames[surname] = got
        return got

    def _recent_people(self, pos: int) -> list[Entity]:
        # (a description reaches back DESCRIPTION_REACH characters at most: the whole of
        # any article of PolNeAR or an ordinary paper, not every person of a book-length one)
        since = pos - DESCRIPTION_REACH
        people = [e for e in self.entities if e.kind == "person" and e.first < pos and e.confirmed
                  and (e.first >= since or e.last_spoke >= since or e.last_mention >= since)]
        return sorted(people, key=lambda e: max(e.last_spoke, -1), reverse=True)

    def _pronoun(self, mention: Mention, pos: int) -> Resolved:
        p = mention.head
        gender = PERSONAL_PRONOUNS.get(p)
        if p in ("they", "it", "we", "i", "who", "which", "that"):
            if p in ("who", "which", "that"):
                return self._relative(pos)
            # plural and neuter pronouns: only an organisation or group that spoke last
            last = self._last_speaker(pos)
            if last is not None and last.kind == "organisation" and p in ("they", "it", "we"):
                last.last_spoke = pos
                return Resolved(last.name, last.role, "organisation", 0.6, last)
            group = self._last_group
            if group is not None and p in ("they", "it", "we") and pos - group[0] < 1500 and \
                    (last is None or last.last_spoke < group[0]) and \
                    (group[2] == (p == "they") and p != "we" or group[1].kind == "organisation"):
                # ("we" is a group only as an organisation: "Many of his supporters ...
                # We asked" is the newspaper)
                return Resolved(group[1].speaker, group[1].role, group[1].kind, 0.55)
            return Resolved(None, None, None, 0.0)
        # a person introduced right before the quotation outranks the subjects of older
        # sentences, not the subject of the introducing sentence itself
        newcomer = self._newcomer(pos, gender)
        # (two sentences: the quotation's own and the one before it)
        subject = self._recent_subject(pos, gender, sentences=2 if newcomer else SUBJECT_REACH)
        if subject is not None:
            subject.last_spoke = pos
            return Resolved(subject.name, subject.role, "person", 0.75, subject)
        if newcomer is not None:
            newcomer.last_spoke = pos
            return Resolved(newcomer.name, newcomer.role, "person", 0.7, newcomer)
        window = 2500  # characters: a pronoun reaches back a few paragraphs, no further
        # (each person with where the text last names them, looked up once)
        near: list[tuple[Entity, int]] = []
        for e in self.entities:
            if e.kind == "person" and e.first < pos:
                named_at = self._mentioned_before(e, pos)
                if max(e.last_spoke, named_at) > pos - window:
                    near.append((e, named_at))
        spoke = sorted((e for e, _ in near if e.last_spoke >= 0 and e.last_spoke < pos),
                       key=lambda e: e.last_spoke, reverse=True)
        if spoke:
            mentioned = [e for e, _ in sorted(((e, named_at) for e, named_at in near if e.confirmed),
                                              key=lambda x: max(x[1], x[0].last_spoke), reverse=True)]
        else:
            # no one has spoken yet: the person the article has named most so far, not the
            # one named last ("It was Hamilton's 83rd win, within eight of Michael
            # Schumacher's record. | '...,' he said")
            mentioned = [e for e, _ in sorted(((e, named_at) for e, named_at in near if e.confirmed),
                                              key=lambda x: (self._times_before(x[0], pos), x[1]),
                                              reverse=True)]
        # No named subject nearby: the last speaker first; measured on PolNeAR dev and the
        # seeds, it beats the last person mentioned.
        # then, past anyone of the other gender, the next in line
        seen: list[Entity] = []
        for e in spoke[:1] + mentioned[:1] + spoke[1:2] + mentioned[1:3]:
            if any(e is x for x in seen):
                continue
            seen.append(e)
            if e.gender and gender in ("m", "f") and e.gender != gender:
                continue
            if gender in ("m", "f") and not e.gender:
                e.gender = gender
            e.last_spoke = pos
            conf = 0.8 if spoke and e is spoke[0] else 0.65
            return Resolved(e.name, e.role, "person", conf, e)
        return Resolved(None, None, None, 0.0)

    def _starts(self) -> list[int]:
        """Where the article's sentences start, found once."""
        if self._sentence_starts is None:
            self._sentence_starts = [m.end() for m in _SENTENCE_START.finditer(self.text)]
        return self._sentence_starts

    def _newcomer(self, pos: int, gender: str | None) -> Entity | None:
        """'... which concerns Henry Crespo, president of the Florida Democratic Black
        Caucus. | "No one is writing songs for Hillary," he said.': a paragraph that opens
        with a quotation quotes the person last introduced (first named) in the closing
        sentence of the paragraph before, if that person has not spoken yet."""
        text = self.text
        para = text.rfind("\n", 0, pos) + 1
        if para == 0 or text[para:para + 1] not in "\"“" or "\n" not in text[para - 2:para]:
            return None
        prev_end = para  # (the end of the paragraph before, without copying all before it)
        while prev_end > 0 and text[prev_end - 1].isspace():
            prev_end -= 1
        prev = text.rfind("\n", 0, prev_end) + 1
        starts = self._starts()
        k = bisect_left(starts, prev_end)
        last = max(prev, starts[k - 1] if k else 0)
        if any(c in text[last:prev_end] for c in "\"“”"):
            return None  # the paragraph before ends with a quotation: no introduction
        lo = bisect_left(self._firsts, (last, -1))
        hi = bisect_left(self._firsts, (prev_end, -1))
        found = [e for e in (self.entities[i] for _, i in self._firsts[lo:hi])
                 if e.kind == "person" and last <= e.first < prev_end
                 and e.last_spoke < 0 and e.confirmed
                 and not (e.gender and gender in ("m", "f") and e.gender != gender)
                 and not self._possessive_at(e) and not self._after_preposition(e)]
        # the last one introduced: "While Governor Hale had ..., which concerns Henry Crespo"
        return max(found, key=lambda e: e.first) if found else None

    def _after_preposition(self, e: Entity) -> bool:
        """Is the person first named as the object of a preposition ("in the absence of
        Robin van Persie", "since Walter Crickmer back in 1931")?"""
        m = _WORD_BEFORE.search(self.text, max(0, e.first - 20), e.first)
        return m is not None and m.group(1).lower() in PREPOSITIONS

    def _possessive_at(self, e: Entity) -> bool:
        """Is the person first named as an owner ("within eight of Michael Schumacher's
        record")? That introduces the record, not someone about to be quoted."""
        end = self.text.find(e.name, e.first)
        if end < 0:
            return False
        end += len(e.name)
        return self.text[end:end + 2] in ("'s", "’s") or self.text[end:end + 1] in ("'", "’") \
            and self.text[end - 1:end] == "s"

    def _recent_subject(self, pos: int, gender: str | None, sentences: int = SUBJECT_REACH) -> Entity | None:
        """The person the passage is about: the named subject of one of the last few
        sentences ("Scott joked that ... | "I've always been insulted," he said").
        Sentences that open with a pronoun of the same gender carry the chain back."""
        starts = self._starts()
        k = bisect_left(starts, pos)
        counted = 0
        pronoun = {"m": "he", "f": "she"}.get(gender or "")
        # sentences inside the quotation that this pronoun attributes speak of others:
        # '"... Obama had will.i.am. Hillary has nobody like that," he said'
        para = self.text.rfind("\n", 0, pos) + 1
        quoted_to = -1
        if self.text[para:para + 1] in ("\"", "“"):
            quoted_to = max(self.text.rfind("”", para, pos), self.text.rfind("\"", para + 1, pos))
        for i in range(k - 1, -1, -1):
            st = starts[i]
            if st < pos - 1500:
                break
            if para < st < quoted_to:
                continue
            head = self.text[st:min(pos, st + 200)]
            # a sentence opening with the same pronoun is about the same person: it
            # carries the chain back without using up the reach
            if pronoun is None or head[:len(pronoun) + 1].lower() != pronoun + " ":
                counted += 1
                if counted > sentences:
                    break
            if head[:1] in "\"“" and (close := _QUOTE_THEN_SOURCE.match(head)) is not None:
                # '"I am not in the habit ...," Cruz said.': the speaker is the subject
                head = head[close.end():]
            head = head.lstrip("\"“‘'( ")
            intro = _INTRO.match(head)
            if intro:
                head = head[intro.end():]
            if _SUBORDINATE.match(head):
                # "While Obama had ..., that has not been happening for Clinton": the
                # subject of the sentence stands after the subordinate clause
                comma = head.find(", ")
                if comma < 0:
                    continue
                head = head[comma + 2:]
            got = mentions.clause_subject(head)  # "Kremlin spokesman Dmitri Peskov had ..."
            if got is None:
                continue
            m = got[0]
            name = m.name
            if m.kind == "description" and " " not in m.text and m.text[:1].isupper():
                name = m.text  # "Dean" after "Howard Dean": a surname that is also a title
            elif m.kind != "name":
                continue
            if name is None:
                continue
            ent = self._find(name)
            if ent is None and " " not in name and name.lower() in GIVEN_NAME_GENDER:
                # "Melanie thought the whole thing was outrageous. She ...": a person the
                # article calls by her given name alone
                ent = self.add_name(m, st, speaking=False)
                if ent is not None and ent.gender is None:
                    ent.gender = GIVEN_NAME_GENDER[name.lower()]
            if ent is None or ent.kind != "person":
                continue
            if ent.gender and gender in ("m", "f") and ent.gender != gender:
                continue
            return ent
        return None

    def _relative(self, pos: int) -> Resolved:
        # "..., Donald Tusk, who said": the name right before the relative pronoun
        before = self.text[max(0, pos - 120):pos]
        runs = list(_NAME_RUN.finditer(before))
        if runs:
            m = mentions.parse(runs[-1].group())
            if m is not None and m.kind == "name":
                return self.resolve(m, pos)
        return Resolved(None, None, None, 0.0)

    def _last_speaker(self, pos: int) -> Entity | None:
        spoke = [e for e in self.entities if 0 <= e.last_spoke < pos]
        return max(spoke, key=lambda e: e.last_spoke) if spoke else None

    def _description(self, mention: Mention, pos: int) -> Resolved:
        """"the Norwegian", "the NATO Secretary General", "the Russian leader"."""
        mods = {m for m in mention.modifiers if m not in _GENERIC_DESC}
        head = mention.head
        if head is not None and (_AGE.match(head) or any(_AGE.match(m) for m in mods)):
            # "the 23-year-old stated": an age is how news refers back to the person it is
            # about, like "he"
            got = self._recent_subject(pos, None)
            if got is None:
                last = self._last_speaker(pos)
                got = last if last is not None and last.kind == "person" else None
            if got is not None:
                got.last_spoke = pos
                return Resolved(got.name, got.role, "person", 0.6, got)
            return self._as_described(mention)
        if head in ORG_NOUNS or _COUNTED.match(mention.text):
            # "the campaign" is no person of that campaign; "two Democratic speechwriters"
            # are no one person; "the council" is the one the article named in full
            if not mods and head in _FULL_ORG_HEADS and (mention.text[:4].lower() == "the "
                                                         or mention.text.strip() == head):
                full = self._full_organisation(head, pos)
                if full is not None:
                    return Resolved(full, None, "organisation", 0.75)
            return self._as_described(mention)
        best: tuple[float, int, Entity] | None = None
        for e in self._recent_people(pos):
            rt = e.role_tokens
            if not rt:
                continue
            if (rt & _ROLE_QUALIFIERS) - mods:
                continue  # "the president" is not the "Vice President"
            score = 0.0
            held = head in rt or not rt.isdisjoint(ROLE_SYNONYMS.get(head, ()))
            if held:
                score += 2
            overlap = len(mods & rt)
            score += overlap
            if mods and overlap == 0:
                continue
            if not held and (head not in GENERIC_PERSON_HEADS and
                                   not NATIONALITY_RE.match(head.title()) or overlap < len(mods)):
                continue  # "the state attorney general" is not the "City Attorney"
            if score <= 0:
                continue
            key = (score, max(e.last_spoke, e.last_mention), e)
            if best is None or key[:2] > best[:2]:
                best = key
        if best is not None:
            e = best[2]
            e.last_spoke = pos
            return Resolved(e.name, e.role, "person", 0.75, e)
        if not mods and (NATIONALITY_RE.match(head.title()) or head in GENERIC_PERSON_HEADS):
            # "the Norwegian", "the leader": whoever the passage is about
            last = self._last_speaker(pos)
            if last is not None and last.kind == "person" and pos - last.last_spoke < 1500:
                last.last_spoke = pos
                return Resolved(last.name, last.role, "person", 0.6, last)
            if last is None and mention.text[:4].lower() == "the ":
                # "said the Greek after the match", before anyone has spoken: the person the
                # last sentences are about
                got = self._recent_subject(pos, None, 2)
                if got is not None:
                    got.last_spoke = pos
                    return Resolved(got.name, got.role, "person", 0.55, got)
        elif head in EPITHET_HEADS and 0 < len(mods) <= 3 and mention.text[:4].lower() == "the ":
            # "the London Marathon champion said", "the Czech player said": an epithet
            # the article gave no one, for the person the last sentences are about, where
            # no role of theirs says otherwise
            got = self._recent_subject(pos, None, 2)
            if got is not None and got.kind == "person" and not (got.role_tokens & TITLE_WORDS):
                got.last_spoke = pos
                return Resolved(got.name, got.role, "person", 0.55, got)
        elif head not in UNNAMED_HEADS and head not in DOCUMENT_NOUNS and (not mods or (
                len(mods) <= 3 and head not in TITLE_WORDS and head not in GENERIC_PERSON_HEADS
                and mention.text[:4].lower() == "the ")):
            # "the former schoolteacher admitted", "the world number one told reporters": a
            # definite description the article gave no one (an epithet, not a title), for
            # the person the last sentences are about
            got = self._recent_subject(pos, None, 2)
            if got is not None:
                got.last_spoke = pos
                return Resolved(got.name, got.role, "person", 0.55, got)
        return self._as_described(mention)

    def _unnamed(self, mention: Mention, pos: int) -> Resolved:
        desc = mention.text
        low = desc.lower()
        if low.startswith(("the ", "that ", "this ")):
            # "the source" picks up an earlier "a source close to the talks"
            for _, head, mods, text in reversed(self.unnamed):
                if head == mention.head and (not mention.modifiers or mention.modifiers <= mods):
                    desc = text
                    break
            # a definite description matching a named person's role exactly
            for e in self._recent_people(pos):
                if mention.head in e.role_tokens and mention.modifiers and \
                        mention.modifiers <= e.role_tokens:
                    e.last_spoke = pos
                    return Resolved(e.name, e.role, "person", 0.7, e)
        self.unnamed.append((pos, mention.head, set(mention.modifiers), desc))
        desc = _LEADING_DETERMINER.sub("", desc)
        return Resolved(f"[{desc}]", None, "unnamed", 0.7)

    def _document(self, mention: Mention, pos: int) -> Resolved:
        """A statement speaks for whoever issued it: its owner where written, else the
        organisation the article has been talking about."""
        if mention.owner in ("his", "her", "their"):
            subject = {"his": "he", "her": "she", "their": "they"}[mention.owner]
            got = self._pronoun(Mention(mention.owner, "pronoun", head=subject), pos)
            if got.speaker:
                return Resolved(got.speaker, got.role, got.kind, min(got.confidence, 0.7), got.entity)
            return self._as_described(mention)
        if mention.owner:
            ent = self._find(mention.owner)
            if ent is not None:
                return Resolved(ent.name, ent.role, ent.kind, 0.8, ent)
            return Resolved(mention.owner, None, "organisation", 0.8)
        issuer = self._issuer(mention, pos)
        if issuer is not None:
            return issuer
        if self._last_document is not None and pos - self._last_document[0] < 3000:
            got = self._last_document[1]
            return Resolved(got.speaker, got.role, got.kind, min(got.confidence, 0.7), got.entity)
        counts = Counter(m.group() for m in _ACRONYM.finditer(self.text, 0, pos)
                         if m.group().lower() not in self.outlet_tokens
                         and m.group().lower() not in TITLE_WORDS)
        if counts:
            org, n = counts.most_common(1)[0]
            if n >= 2:
                return Resolved(org, None, "organisation", 0.6)
        return self._as_described(mention)

    def _issuer(self, mention: Mention, pos: int) -> Resolved | None:
        """'Bala Elkana ... said in a statement that ...' and later '"...," the statement
        said': the named subject of the sentence that last told of such a document."""
        head = (mention.head or "").lower()
        if not head.isalpha():
            return None
        lo = max(0, pos - 5000)
        last = None
        for m in re.finditer(rf"\b(?:in|issued|released|put out|sent|posted|published)\s+"
                             rf"(?:a|an|the|his|her|its|their)\s+(?:[a-z]+\s+)?{head}s?\b",
                             self.text[lo:pos], re.I):
            last = m
        if last is None:
            return None
        at = lo + last.start()
        starts = self._starts()
        k = bisect_right(starts, at) - 1
        start = max(starts[k] if k >= 0 else 0, self.text.rfind("\n", 0, at) + 1)
        got = mentions.clause_subject(self.text[start:at])
        if got is None or got[0].name is None or got[0].kind not in ("name", "org"):
            return None
        ent = self._find(got[0].name)
        if ent is not None:
            return Resolved(ent.name, ent.role, ent.kind, 0.7, ent)
        kind = "person" if got[0].kind == "name" else "organisation"
        return Resolved(got[0].name, got[0].role, kind, 0.7)

    def _full_organisation(self, head: str, pos: int) -> str | None:
        """The last organisation named in full before pos whose name ends in this head
        word (or, for the police, the name a police force goes by)."""
        best: tuple[int, str] | None = None
        for word in _ORG_SYNONYMS.get(head, (head.title(),)):
            for m in _org_ending(word).finditer(self.text, self.body_start, pos):
                if best is None or m.start() > best[0]:
                    best = (m.start(), m.group().strip())
        if head == "police":
            # a force named by its noun and its place: "Police Scotland"
            for m in _POLICE_OF_PLACE.finditer(self.text, self.body_start, pos):
                if is_place(m.group(1)) and (best is None or m.start() > best[0]):
                    best = (m.start(), m.group().strip())
        return best[1] if best is not None else None

    @staticmethod
    def _as_described(mention: Mention) -> Resolved:
        """No one to resolve to: the source stays unnamed, under its description ("the
        book", "the senator") — never a guessed name."""
        desc = _LEADING_DETERMINER.sub("", mention.text.strip())
        if not desc:
            return Resolved(None, None, None, 0.0)
        return Resolved(f"[{desc}]", None, "unnamed", 0.5)
