"""What kind of thing a source phrase is: a name (with its role kept apart), a pronoun,
a description ("the Norwegian"), a document ("the statement"), an organisation, or an
unnamed source ("a source close to the talks")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from bot.extract.gender import of_given_name
from bot.extract.lexicon import (
    CUE_FORMS,
    DOCUMENT_NOUNS,
    GENERIC_PERSON_HEADS,
    GIVEN_NAME_GENDER,
    HONORIFICS,
    NATIONALITY_RE,
    NON_NAME_CAPS,
    NUMBERISH_RE,
    ORG_NOUNS,
    PERSONAL_PRONOUNS,
    PORTFOLIO_WORDS,
    RELATIVE_PRONOUNS,
    SPEECH_FORMS,
    TITLE_WORDS,
    UNNAMED_HEADS,
    caps,
)
from bot.extract.places import is_place

MentionKind = Literal["name", "org", "pronoun", "description", "document", "unnamed"]

_PAREN = re.compile(r"\s*\([^()]*\)")
_TOKEN = re.compile(r"[^\s,;:]+")
PARTICLES = {"van", "von", "der", "den", "de", "da", "di", "del", "la", "le", "du", "bin",
              "al", "ibn", "el", "dos", "das", "ter", "ten", "y"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "another", "one", "some",
                "several", "two", "three", "four", "many", "other", "its", "his", "her",
                "their", "our", "my", "your", "both", "each", "any", "most", "all", "no"}
_INDEFINITE = {"a", "an", "one", "some", "several", "two", "three", "four", "many",
               "another", "other", "most", "all", "no", "any"}
_ACRONYM = re.compile(r"^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,4})(?:['’]s)?$")
_POSSESSIVE = re.compile(r"['’‘]s?$")
# Words that end a description's head and start its post-modifier:
# "a source close to the talks", "a lawyer for the outlets".
_POSTMOD = {"close", "familiar", "for", "of", "at", "in", "with", "from", "on", "who", "by",
            "that", "which", "to", "near", "inside", "within", "involved", "briefed",
            "knowledgeable", "based", "working", "speaking", "representing",
            # "a GAO report released last year": a participle after the head
            "released", "published", "issued", "obtained", "posted", "filed", "conducted",
            "commissioned", "prepared", "signed", "circulated", "leaked"}
_ADVERB_TAIL = {"also", "later", "then", "once", "again", "previously", "recently",
                "repeatedly", "reportedly", "further", "had", "has", "have", "was", "were",
                "is", "are", "will", "would", "could", "did", "does", "do", "not", "never",
                "earlier", "since", "still", "already", "publicly", "privately", "first",
                "herself", "himself", "themselves", "itself", "immediately", "just",
                "often", "frequently", "even", "openly", "flatly", "bluntly", "quickly",
                "simply", "clearly", "firmly", "angrily", "proudly", "calmly", "softly"}


# A source is a noun phrase: an auxiliary, a modal or a negation before its post-modifier
# makes the phrase a clause ("Its first ad could start this week", "parents still want
# neighborhood schools"); so does a trailing relative pronoun ("a company that").
_CLAUSE_WORDS = {"is", "are", "was", "were", "be", "been", "has", "have", "had", "will",
                 "would", "could", "can", "should", "shall", "may", "might", "must", "does",
                 "did", "not", "never", "still", "isn't", "wasn't", "won't", "can't"}


def _clause_cut(toks: list[str]) -> int | None:
    """Where a phrase stops being a noun phrase, or None if it is one throughout."""
    if len(toks) > 1 and toks[-1] in ("that", "which", "who", "whom"):
        return 0
    for i, t in enumerate(toks[1:], 1):
        if t in _POSTMOD:
            return None
        if t.replace("’", "'") in _CLAUSE_WORDS:
            return i
    return None


_SPACES = re.compile(r"\s+")
_SUBJECT_PRONOUNS = {"he", "she", "they", "we", "i"}
_POSSESSOR = {"his": "he", "her": "she", "their": "they", "our": "we", "my": "i"}
_PREPOSITIONS = {"against", "in", "on", "at", "with", "from", "to", "of", "by", "about", "over",
                 "under", "into", "onto", "toward", "towards", "through", "across", "near",
                 "without", "within", "between", "among", "upon", "during", "after", "before"}
_CLAUSE_CONJUNCTIONS = {"yet", "but", "or", "and", "then", "so", "nor"}
_OPENING = re.compile(r"(?:During|In|On|At|After|Before|Since|Later|Earlier|Meanwhile|However|"
                      r"Still|Asked|Speaking|Writing|Last|This|Yesterday|Today|Despite|"
                      r"Nevertheless|Nonetheless|Instead|Yet|Also|Separately|Afterwards|Then|"
                      r"Following|Without|With|Under|Amid|Given|Like|Unlike|As)\b")
_COMMA = re.compile(r",\s*")
# A sentence adverb or discourse word set off by a comma ("Significantly, the judge",
# "Rather, sources close to her campaign") opens the clause; it is no name in apposition
_DISCOURSE_WORDS = {"rather", "likewise", "otherwise", "overall", "regardless", "again", "anyway",
                    "besides", "indeed", "moreover", "furthermore", "thus", "hence", "therefore",
                    "plus", "sure", "throughout", "first", "second", "third", "lastly", "now",
                    "still", "meanwhile", "however", "instead", "nevertheless", "nonetheless"}
_ADVERB_ENDINGS = ("ntly", "ally", "ively", "ously", "edly", "ably", "ibly", "ingly", "fully",
                   "tely", "nkly", "inly", "icly", "ssly", "arly", "ctly", "rtly", "dly")


def _sentence_adverb(part: str) -> bool:
    word = part.strip()
    if " " in word or not word[:1].isupper():
        return False
    low = word.lower()
    if low in GIVEN_NAME_GENDER:
        return False  # "Kelly", "Sally"
    return low in _DISCOURSE_WORDS or len(low) > 5 and low.endswith(_ADVERB_ENDINGS)


@dataclass(slots=True)
class Mention:
    text: str
    kind: MentionKind
    name: str | None = None  # a person's or organisation's name as written
    role: str | None = None
    head: str = ""
    modifiers: set[str] = field(default_factory=set)
    owner: str | None = None  # a document's author, where written ("NATO's statement")

    # (written out: mypyc compiles this __init__, while the one @dataclass generates runs
    # interpreted, several times slower; the fields above stay the reference)
    def __init__(self, text: str, kind: MentionKind, name: str | None = None, role: str | None = None,
                 head: str = "", modifiers: set[str] | None = None, owner: str | None = None) -> None:
        self.text = text
        self.kind = kind
        self.name = name
        self.role = role
        self.head = head
        self.modifiers = set() if modifiers is None else modifiers
        self.owner = owner


# a particle joined to a capitalised name: "al-Qirbi", "el-Sisi", "bin-Salman"
_JOINED_PARTICLE = re.compile(r"(?:al|el|ad|as|ash|at|an|ar|az|ul|bin|ibn|abu|abd|ben)-[A-Z]")


def _is_cap(tok: str) -> bool:
    return bool(tok) and (tok[0].isupper() or (tok[0] in "’'" and len(tok) > 1)
                          or tok[0] in "abeiu" and _JOINED_PARTICLE.match(tok) is not None)


def _strip(tok: str) -> str:
    return tok.strip(".,;:!?\"“”'’()[]—–-")


def _is_title(tok: str) -> bool:
    t = _strip(tok).lower().rstrip(".")
    return t in TITLE_WORDS or t in HONORIFICS


def _given_name_before_title(tok: str) -> bool:
    """Is tok a given name (of the longer list) that makes the title word after it a
    surname ("Damian King")? Not a word of another use the list also holds ("The FBI",
    "One Republican")."""
    low = tok.lower()
    return not _is_title(tok) and low not in _DETERMINERS and low not in NON_NAME_CAPS and \
        not NUMBERISH_RE.match(tok) and of_given_name(tok) is not None


def split_name(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Split "NATO Secretary General Jens Stoltenberg" into role and name tokens: the
    name is the longest run of capitalised non-title words at the end (with particles
    such as "van" inside it), the role is what comes before."""
    k = len(tokens)
    name: list[str] = []
    while k > 0:
        tok = tokens[k - 1]
        bare = _strip(tok)
        low = bare.lower().rstrip(".")
        after_honorific = k >= 2 and _strip(tokens[k - 2]).lower().rstrip(".") in HONORIFICS
        shouting = len(bare) > 6 and bare.isupper()
        # "Howard Dean": after a given name, a title word is a surname
        surname = not name and k == len(tokens) and k >= 2 and _is_cap(_strip(tokens[k - 2])) and (
            _strip(tokens[k - 2]).lower() in GIVEN_NAME_GENDER or
            # ("Damian King": a given name of the longer list, itself no title)
            not bare.endswith("s") and _given_name_before_title(_strip(tokens[k - 2])))
        initial = bool(name) and len(tok) == 2 and tok[0].isupper() and tok[1] == "."
        # "Will Williams", "Mark Jones": a given name that is also a word, opening the
        # phrase right before a surname
        given = len(name) == 1 and k == 1 and low in NON_NAME_CAPS and _is_cap(bare) \
            and not _is_title(bare) and of_given_name(bare) is not None
        if name and _POSSESSIVE.search(tok):
            break  # "Manchester City's Pep Guardiola": the owner is no part of the name
        if initial or given or bare and _is_cap(bare) and not shouting and (after_honorific or surname or (
                not _is_title(bare) and not _ACRONYM.match(bare)
                and low not in NON_NAME_CAPS and low not in ORG_NOUNS and not NUMBERISH_RE.match(bare)
                and low not in UNNAMED_HEADS and not _DIGIT.search(bare)
                and not _CONTRACTION.match(low) and not _HYPHENED_ADJECTIVE.search(bare))):
            name.insert(0, tok)
            k -= 1
            continue
        # (past the particles before it: "Patricia van der Ross")
        j = k - 2
        while j > 0 and _strip(tokens[j]).lower() in PARTICLES:
            j -= 1
        if bare.lower() in PARTICLES and name and k > 1 and _is_cap(_strip(tokens[j])) \
                and not _is_title(tokens[j]):
            name.insert(0, tok)
            k -= 1
            continue
        break
    # a name cannot start with a particle
    while name and _strip(name[0]).lower() in PARTICLES:
        name.pop(0)
        k += 1
    # "Solicitor John O'Donovan", "Promoter Frank Maloney": a capitalised word shaped like
    # a person's job before a given name and a surname is the role, not a name
    if len(name) >= 3 and _occupation_before_given_name(_strip(name[0]), name[1]):
        name.pop(0)
        k += 1
    return tokens[:k], name



def _organisation_in_role(role_toks: list[str], name_toks: list[str], name: str) -> str | None:
    """The organisation a phrase names where its "name" is only the end of one: "Police
    Scotland", "A spokeswoman for Police Scotland" (an organisation's noun before a place:
    no role of a person called Scotland)."""
    if len(name_toks) != 1 or not role_toks:
        return None
    last = _strip(role_toks[-1])
    if last[:1].isupper() and last.lower() in ORG_NOUNS and is_place(name):
        return f"{last} {name}"
    return None

def _occupation_before_given_name(first: str, second: str) -> bool:
    return first[1:].islower() and of_given_name(first) is None and _person_noun(first.lower()) \
        and (of_given_name(_strip(second)) is not None or len(second) == 2 and second[0].isupper()
             and second.endswith("."))


# "They’re", "I'm", "Let's": a pronoun (or "let") and its verb, capitalised to open a sentence
_CONTRACTION = re.compile(r"(?:i|you|he|she|it|we|they|let|that|there|here|what|who)[’'](?:s|re|m|ve|ll|d)$")
def _person_noun(word: str) -> bool:
    """A word for a person: a title, a role, or shaped like one ("manager", "analyst")."""
    return word in TITLE_WORDS or word in GENERIC_PERSON_HEADS or word in UNNAMED_HEADS or \
        word.endswith(("er", "or", "ist", "ian", "man", "woman", "ant", "ent"))


_OPENING_THEN_NAME = re.compile(caps(r"\s[a-z][\w’'-]*\s+((?:[A-Z][\w’'.-]*\s+){1,2}[A-Z][\w’'-]*)$"))
_PAIRED_HONORIFICS = {("tan", "sri"), ("puan", "sri"), ("dato", "sri"), ("dato'", "sri"),
                      ("dato’", "sri"), ("datuk", "sri"), ("toh", "puan")}
_NAME_AFTER_PREPOSITION = {"at", "in", "for", "of", "from", "near", "with", "on", "to"}
# "Goal-scoring", "London-listed", "Fresh-faced": an adjective, whatever its capital
# (not "Ki-moon", "Geun-hye": a name's second syllable)
_HYPHENED_ADJECTIVE = re.compile(r"-[a-z]+(?:ing|ed|ly|ful|less|like|born|based|style|wide|free)$")
_DIGIT = re.compile(r"\d")  # "Twenty20", "G7", "COVID-19": no word of a person's name
# after these an -ing word qualifies a noun ("the protesting students"), it reports nothing
_ADJECTIVE_AFTER = (" the", " a", " an", " his", " her", " their", " its", " our")
_WHEN_TAIL = re.compile(r"(?:\s+(?:on|late|early|last|this|earlier|later)?\s*(?:[Mm]onday|[Tt]uesday|[Ww]ednesday|"
                        r"[Tt]hursday|[Ff]riday|[Ss]aturday|[Ss]unday|yesterday|today|tonight|here|there|"
                        r"week|month|year|night|morning|afternoon|evening))+$")
_ING = re.compile(r"(?<= )([a-z]+ing)\b")
_SAID = {"said", "says", "told", "added"}
_OPENER = re.compile(r"(?:But|And|So|Yet|Or)\s+(?=\S)")


def clean_phrase(text: str) -> str:
    text = _PAREN.sub("", text)
    text = text.strip(" \t\n,;:—–-\"“”'’")
    text = _SPACES.sub(" ", text)
    # "said Montreal Mayor Valerie Plante Thursday", "claimed ... Lallu here": when and
    # where are no part of the source
    when = _WHEN_TAIL.search(text)
    if when is not None and when.start() > 0:
        text = text[:when.start()]
    # "But the Elysée Palace": a conjunction opening the sentence is no part of the source
    opener = _OPENER.match(text)
    if opener is not None:
        text = text[opener.end():]
    # "Mr. Kirchner adding that ...", "The grocer said the closure ...": a reporting verb
    # ends the source
    for m in _ING.finditer(text):
        if m.start() > 0 and (m.group(1) in CUE_FORMS or m.group(1) in _SAID) and \
                not text[:m.start()].rstrip().lower().endswith(_ADJECTIVE_AFTER):
            return text[:m.start()].rstrip(" ,")
    return text


def parse(text: str) -> Mention | None:
    """Classify a source phrase. None when it cannot be a source."""
    # The same phrases recur (a name in every paragraph): parse each once. Callers may
    # change what they get, so each gets its own copy.
    got = _parse_cached(text)
    if got is None:
        return None
    return Mention(got.text, got.kind, got.name, got.role, got.head, set(got.modifiers), got.owner)


def _plural_demonym(word: str) -> bool:
    """"Africans", "Republicans" — not "Evans" or "Hermans" (a given name and an s), nor
    "Davis" or "Lewis" (whose stem only looks like "Israeli")."""
    return len(word) > 4 and word.endswith("ans") and NATIONALITY_RE.match(word[:-1]) is not None \
        and of_given_name(word[:-1]) is None


def parse_shared(text: str) -> Mention | None:
    """parse() for callers that only read the result: no copy."""
    return _parse_cached(text)


@lru_cache(maxsize=8192)
def _parse_cached(text: str) -> Mention | None:
    phrase = clean_phrase(text)
    if not phrase:
        return None
    # Appositions: "Malkia Cyril, the executive director at ...", "A lawyer for the
    # outlets, David Schulz". The part with a name is the speaker, the other its role.
    parts = [p.strip() for p in _COMMA.split(phrase) if p.strip()] if "," in phrase else [phrase]
    if len(parts) > 1:
        # "According to Yahoo News, Clinton spokesman Jesse Lehrich": a part that opens
        # with a preposition is no source
        # (each part parsed once and copied: the parts of one apposition recur)
        # ("about three in 10" is a share, not a prepositional phrase)
        parsed = [None if (p.split()[0].lower() in _PREPOSITIONS and not _SHARE.match(p))
                  or p.lower().startswith("according") or _sentence_adverb(p)
                  else _copy(_parse_part(p)) for p in parts[:3]]
        if parsed[0] is None and parts[0].split()[0].lower() in _PREPOSITIONS:
            # "In a statement Stephen Johnston, site manager for ...": the opening phrase
            # runs on into the name
            tail = _OPENING_THEN_NAME.search(parts[0])
            named = _copy(_parse_part(tail.group(1))) if tail is not None else None
            if named is not None and named.kind == "name":
                parsed[0] = named
        for i in range(2, len(parsed)):
            if parsed[i - 1] is None and parsed[i - 2] is not None:
                # "Johanna Teske, of the Carnegie Institution in Washington, D.C.": what
                # follows a prepositional apposition is the rest of it (a place's state)
                parsed[i] = None
        if parsed[-1] is not None and parsed[-1].kind == "pronoun" and \
                parsed[-1].head in _SUBJECT_PRONOUNS:
            # "African-Americans, he said, can ...": the subject next to the cue speaks;
            # the phrase before the comma is fronted from the statement
            return parsed[-1]
        if len(parts) > 3:
            # (past the three parts weighed: "Addressing the chairperson at the Government
            # House, Birnin Kebbi, the state capital, he")
            last = _copy(_parse_part(parts[-1]))
            if last is not None and last.kind == "pronoun" and last.head in _SUBJECT_PRONOUNS:
                return last
        # the part that is most nearly a name alone wins: "thousands of people watching
        # from the National Mall, Mr. Obama" is Mr. Obama
        order = sorted(range(len(parsed)), key=lambda i: -_name_share(parsed[i], parts[i]))
        for i in order:
            m = parsed[i]
            if m is not None and m.kind == "name":
                others = [p for j, (p, q) in enumerate(zip(parts[:3], parsed, strict=False))
                          if j != i and q is not None and q.kind in ("description", "unnamed")]
                if not m.role and others:
                    m.role = _role_text(others[0])
                m.text = phrase
                return m
        # "Many of the visitors were older, she": a pronoun next to the cue is the source;
        # so is the phrase after an opening adverbial ("During the rally Monday, the
        # former president")
        if parsed[-1] is not None and parsed[-1].kind == "pronoun" and len(parts) <= 3:
            return parsed[-1]
        if len(parts) == 2 and parsed[1] is not None and (_OPENING.match(parts[0]) or _sentence_adverb(parts[0])):
            return parsed[1]
        first = parsed[0]
        if first is not None and first.kind == "pronoun" and first.head in ("it", "this", "that") \
                and len(parts) == 2 and parsed[1] is not None and \
                parsed[1].kind in ("description", "unnamed", "org") and len(parts[0].split()) <= 3:
            return parsed[1]  # "It was, the president said, ''...''"
        if parts[-1].split()[0].lower() in _CLAUSE_CONJUNCTIONS and \
                (parsed[-1] is None or parsed[-1].kind != "name"):
            # "transparency from our president, yet refuses to ... or": a second clause
            # stands next to the cue, the first part is no subject of it
            return None
        if first is not None:
            first.text = phrase
        return first
    return _parse_simple(phrase)


_PARTY_TAG = re.compile(r"^\(?[A-Z]\.?-[A-Z][A-Za-z.]*\)?\.?$")


def _name_share(m: Mention | None, part: str) -> float:
    if m is None or m.kind != "name" or not m.name or _PARTY_TAG.match(part):
        return 0.0  # "R-Ky." is a party and state, not a name
    return len(m.name.split()) / max(1, len(part.split()))


@lru_cache(maxsize=8192)
def _parse_part(part: str) -> Mention | None:
    return _parse_simple(part, cut_clause=False)


def _copy(m: Mention | None) -> Mention | None:
    if m is None:
        return None
    return Mention(m.text, m.kind, m.name, m.role, m.head, set(m.modifiers), m.owner)


def _role_text(part: str) -> str:
    toks = part.split()
    while toks and toks[0].lower() in _DETERMINERS:
        toks.pop(0)
    return " ".join(toks)


_LY_NOUNS = {"family", "ally", "rally", "assembly", "supply", "reply", "anomaly", "monopoly",
             "bully", "lily", "belly", "jelly", "folly", "tally", "homily", "melancholy"}


def _is_adverb(tok: str) -> bool:
    """"the state incorrectly stated": a lower-case -ly word closing a source phrase."""
    return tok.islower() and tok.endswith("ly") and len(tok) > 4 and tok not in _LY_NOUNS


def _organisation_name(toks: list[str], low: list[str]) -> str | None:
    """A capitalised phrase headed by an organisation noun is an organisation, in full:
    "Leeds City Council", "the Department for Education", "Ministry of Defence" — not
    "Senate Majority Leader Mitch McConnell" (a title and a name follow the noun)."""
    words = [_strip(t) for t in toks]
    if len(words) < 2 or low[0] in _DETERMINERS and len(words) < 3:
        return None
    first = 1 if low[0] in _DETERMINERS else 0
    body, body_low = words[first:], low[first:]
    if not all(_is_cap(w) or lw in ("of", "for", "and", "the", "on") for w, lw in zip(body, body_low, strict=True)):
        return None
    for j, lw in enumerate(body_low):
        if lw not in ORG_NOUNS:
            continue
        rest = body[j + 1:]
        if not rest or body_low[j + 1] in ("of", "for", "on") and len(rest) >= 2 and \
                not any(_is_title(w) or w.lower() in GIVEN_NAME_GENDER for w in rest):
            if j == 0 and not rest:
                return None  # "the Council": no name
            return " ".join(body)
    return None


_NUMBER_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                r"forty|fifty|sixty|seventy|eighty|ninety|hundred)(?:[- ](?:one|two|three|four|five|"
                r"six|seven|eight|nine))?")
# The share of a group that answered a poll: "46 percent of voters", "six in 10", "nearly
# half", "two-thirds of Republicans". It names no one, but it is who said it.
_SHARE = re.compile(
    r"(?i:(?:only|just|about|nearly|almost|roughly|around|some|over|fully|exactly|more than|"
    r"fewer than|less than|well over|under)\s+)?"
    rf"(?i:(?:\d[\d,.]*|{_NUMBER_WORD})\s*(?:%|percent|per cent)|(?:\d+|{_NUMBER_WORD})\s+(?:in|out of)\s+"
    rf"(?:\d+|{_NUMBER_WORD})|half|a third|a quarter|(?:one|two)[- ]thirds|(?:one|three)[- ]quarters|"
    r"a majority|a minority|a plurality)"
    r"(?:\s+(?P<group>(?:of\s+)?(?:the\s+|those\s+|all\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,5}))?$")
_GROUP_OK = re.compile(r"(?:of\s+)?(?:the\s+|those\s+|all\s+)?(?:[\w’'-]+\s+){0,4}[\w’'-]*(?:s|people|"
                       r"surveyed|polled|questioned|asked|interviewed)$")


def _share(phrase: str) -> Mention | None:
    m = _SHARE.match(phrase)
    if m is None:
        return None
    group = m.group("group")
    if group and not _GROUP_OK.fullmatch(group):
        return None  # "half the time", "a third term"
    head = group.split()[-1].lower() if group else "respondents"
    return Mention(phrase, "unnamed", head=head)


def _parse_simple(phrase: str, cut_clause: bool = True) -> Mention | None:
    share = _share(phrase)
    if share is not None:
        return share
    toks = _TOKEN.findall(phrase)
    # "Stoltenberg also", "he later": adverbs between source and verb are not the source
    while toks and (_strip(toks[-1]).lower() in _ADVERB_TAIL or _is_adverb(toks[-1]) or len(toks) > 1 and
                    _strip(toks[-1]).lower() in SPEECH_FORMS and toks[-1].endswith("ed")):
        toks.pop()  # "the source reported, adding": the verb is no part of the source
    while toks and _strip(toks[0]).lower() in {"and", "but", "or", "so", "while", "as",
                                               "when", "because", "although", "though",
                                               "then", "yet"}:
        toks.pop(0)
    if not toks or len(toks) > 14:
        return None
    cut = _clause_cut(toks)
    if cut is not None:
        if not cut_clause:
            return None
        # "Attorney General Eric Schneiderman isn’t": a name before the verb is the
        # subject; a description there is too uncertain to stand for a speaker
        inner = _parse_simple(" ".join(toks[:cut])) if cut else None
        return inner if inner is not None and inner.kind in ("name", "org", "pronoun") else None
    low = [_POSSESSIVE.sub("", _strip(t).lower()) if _strip(t).lower()[:-2] in PERSONAL_PRONOUNS
           else _strip(t).lower() for t in toks]  # "He’s" is "he"
    if len(toks) > 1 and low[-1] in _SUBJECT_PRONOUNS and not any("," in t for t in toks):
        # "A few days ago in an interview with RT he": the pronoun is the subject
        return Mention(toks[-1], "pronoun", head=low[-1])
    if low[0] in _PREPOSITIONS:
        return None  # "against Ukraine, officials said": a source is no prepositional phrase
    text = " ".join(toks)
    if len(toks) == 1 and low[0] in PERSONAL_PRONOUNS:
        return Mention(text, "pronoun", head=low[0])
    if len(toks) == 1 and low[0] in RELATIVE_PRONOUNS:
        return Mention(text, "pronoun", head=low[0])
    if _CONTRACTION.match(low[0]) or len(toks) == 1 and _HYPHENED_ADJECTIVE.search(low[0]):
        return None  # "They’re asking ...", "Let's", "London-listed": no name, no organisation
    if low[0] in _DETERMINERS and low[0] not in ("its", "his", "her", "their") \
            and not any(_is_cap(_strip(t)) for t in toks[1:]) and len(toks) == 1:
        return None
    if len(toks) == 1 and low[0] in UNNAMED_HEADS:
        return Mention(text, "unnamed", head=low[0])
    if len(toks) == 1 and low[0] == "police" and toks[0] == "police":
        # '," police said': the force the article named, as "the police" is
        return Mention(text, "description", head="police")
    # "Cameron Easley for Morning Consult", "Mr. Morgan of the Sierra Club": a name
    # followed by a post-modifier; the name is the speaker.
    for i in range(1, len(toks) - 1):
        if low[i] in ("for", "of", "at", "with", "from") and _is_cap(_strip(toks[i - 1])) \
                and not _is_title(toks[i - 1]) and not _ACRONYM.match(_strip(toks[i - 1])):
            _, nm = split_name(toks[:i])
            if len(nm) >= 1 and (len(nm) >= 2 or i >= 2 and _strip(toks[i - 2]).lower()
                                 .rstrip(".") in HONORIFICS):
                inner = _parse_simple(" ".join(toks[:i]))
                if inner is not None and inner.kind == "name":
                    inner.role = inner.role or " ".join(toks[i + 1:]).strip() or None
                    inner.text = text
                    return inner
            break
    role_toks, name_toks = split_name(toks)
    if len(name_toks) > 3 and tuple(_strip(t).lower() for t in name_toks[:2]) in _PAIRED_HONORIFICS:
        # "Tan Sri Razarudin Husain": a Malaysian title of two words, neither one alone
        # (a Tan is a surname, and Sri Lanka no title)
        role_toks, name_toks = role_toks + name_toks[:2], name_toks[2:]
    elif role_toks and len(name_toks) > 2 and \
            (_strip(role_toks[-1]).lower(), _strip(name_toks[0]).lower()) in _PAIRED_HONORIFICS:
        role_toks, name_toks = role_toks + name_toks[:1], name_toks[1:]  # "Dato | Sri Najib Razak"
    cut = next((i for i in range(1, len(low)) if low[i] in _POSTMOD), len(low))
    head = _POSSESSIVE.sub("", low[cut - 1])
    if len(name_toks) == 1 and role_toks and role_toks[-1].lower() in _NAME_AFTER_PREPOSITION \
            and _person_noun(head):
        # "site manager for Invista at Brockworth": a word after "at" or "for" is a place or
        # an organisation the description names, not the person it describes (but
        # "footage of Trump saying" is Trump's)
        role_toks, name_toks = toks, []
    elif len(name_toks) >= 3 and role_toks and (role_toks[-1].lower() in _NAME_AFTER_PREPOSITION or
                                                _strip(role_toks[-1]).lower() in PORTFOLIO_WORDS):
        # "Mayor of London Sadiq Khan", "Minister of Antiquities Khaled Al-Anany": the
        # role's own object first, the name from its given name on; "Minister for
        # Transport Lui Tuck Yew", "Minister of Foreign Affairs Vivian Balakrishnan": past
        # the portfolio's words, a name of two words or more
        given = next((i for i in range(1, len(name_toks) - 1)
                      if of_given_name(_strip(name_toks[i])) is not None), None) \
            if role_toks[-1].lower() in _NAME_AFTER_PREPOSITION else None
        if given is None:
            k = 0
            while k < len(name_toks) and _strip(name_toks[k]).lower() in PORTFOLIO_WORDS:
                k += 1
            given = k if 0 < k <= len(name_toks) - 2 and _strip(name_toks[k - 1]).lower() not in (
                "and", "&") else None
        if given is not None:
            role_toks, name_toks = role_toks + name_toks[:given], name_toks[given:]
    mods = {_POSSESSIVE.sub("", w) for w in low[:cut - 1] if w not in _DETERMINERS}
    if len(toks) >= 2 and low[0] == "the" and NATIONALITY_RE.match(_strip(toks[-1])) and \
            all(t[:1].islower() or t[:1].isdigit() for t in toks[1:-1]):
        # "the Greek", "the 29-year-old Texan"
        return Mention(text, "description", head=head, modifiers=mods)
    if head in DOCUMENT_NOUNS and not name_toks:
        owner = None
        run: list[str] = []  # "A Government Accountability Office report": the whole run
        for t in role_toks[:cut - 1]:
            b = _strip(t)
            if _is_cap(b) and b.lower() not in NON_NAME_CAPS:
                run.append(b)
                if b != t:
                    break  # "NATO's statement": the possessive ends the owner
            elif run:
                break
        if run:
            owner = _POSSESSIVE.sub("", " ".join(run))
        elif cut < len(low) and low[cut] in ("by", "from", "of", "issued", "released"):
            # "a statement by the Indian Embassy here", "a statement issued by ...": the
            # capitalised run after the head's preposition
            after: list[str] = []
            for t in toks[cut + 1:]:
                b = _strip(t)
                if _is_cap(b) and b.lower() not in NON_NAME_CAPS or after and b.lower() in ("of", "for", "and"):
                    after.append(b)
                elif after or b.lower() not in ("the", "by"):
                    break
            while after and after[-1].lower() in ("of", "for", "and"):
                after.pop()
            if after:
                owner = " ".join(after)
        if low[0] in ("his", "her", "their"):
            # "his Telegram account": the person's, whatever the medium
            owner = low[0]
        return Mention(text, "document", head=head, modifiers=mods, owner=owner)
    org = _organisation_name(toks, low)
    if org is not None:
        return Mention(text, "org", name=org, head=head, modifiers=mods)
    if name_toks:
        name = " ".join(_strip(t) if i == len(name_toks) - 1 else t.strip(",;:")
                        for i, t in enumerate(name_toks))
        name = _POSSESSIVE.sub("", name)
        org = _organisation_in_role(role_toks, name_toks, name)
        if org is not None:
            return Mention(text, "org", name=org, head=head, modifiers=mods)
        role = _role_text(" ".join(role_toks)).strip(" ,") or None
        if role and role.split()[-1].rstrip(".").lower() in HONORIFICS and len(role.split()) == 1:
            role = None  # "Mr." is no role
        starts_the = bool(role_toks) and _strip(role_toks[0]).lower() == "the" and not role
        single = len(name_toks) == 1
        # "The New York Post", "the Kremlin": a definite article before a bare proper
        # noun names an institution, not a person.
        if starts_the and single and _ACRONYM.match(name) is None and \
                NATIONALITY_RE.match(name):
            return Mention(text, "description", head=head, modifiers=mods)
        if starts_the:
            return Mention(text, "org", name=name, head=head, modifiers=mods)
        parts = name.split()
        if any(w.lower() in ORG_NOUNS for w in parts) or _plural_demonym(parts[-1]) and (
                # (after a given name, a surname: "Don Yeomans" are no group)
                len(parts) == 1 or of_given_name(parts[0]) is None):
            # ("South Africans", "Senate Republicans": a group, never the "he" of a quotation)
            return Mention(text, "org", name=name, head=head, modifiers=mods)
        return Mention(text, "name", name=name, role=role, head=head, modifiers=mods)
    # No name: an acronym or bare proper noun is an organisation ("NATO", "the US").
    proper = [t for t, w in zip(toks, low, strict=True) if w not in _DETERMINERS]
    if head in ORG_NOUNS and len(proper) >= 2 and all(_is_cap(_strip(t)) for t in proper):
        # "The Republican National Committee"
        return Mention(text, "org", name=" ".join(_strip(t) for t in proper), head=head,
                       modifiers=mods)
    caps = [_POSSESSIVE.sub("", _strip(t)) for t in toks if _is_cap(_strip(t))
            and _strip(t).lower() not in NON_NAME_CAPS]
    if head in ORG_NOUNS and any(_POSSESSIVE.search(t) and _is_cap(t) for t in toks[:cut]):
        return Mention(text, "org", name=_role_text(" ".join(toks[:cut])), head=head,
                       modifiers=mods)
    if caps and any(_is_title(t) for t in toks if not _ACRONYM.match(_strip(t))):
        return Mention(text, "description", head=head, modifiers=mods)
    if caps and len(caps) == len([t for t in low if t not in _DETERMINERS]):
        return Mention(text, "org", name=" ".join(caps), head=head, modifiers=mods)
    if head in ORG_NOUNS and low[0] in ("the", "its", "his", "her", "their") and \
            any(_is_cap(_strip(t)) for t in toks[1:]):  # "The alliance" names no one
        return Mention(text, "org", name=" ".join(t for t in toks if low[toks.index(t)] != "the"),
                       head=head, modifiers=mods)
    if head in UNNAMED_HEADS or low[0] in _INDEFINITE or head.endswith("s") and \
            head not in GENERIC_PERSON_HEADS and not NATIONALITY_RE.match(toks[-1]):
        return Mention(text, "unnamed", head=head, modifiers=mods)
    if low[0] in _DETERMINERS or NATIONALITY_RE.match(_strip(toks[-1])) \
            or head in GENERIC_PERSON_HEADS or any(_is_title(t) for t in toks):
        return Mention(text, "description", head=head, modifiers=mods)
    return None


_INTRO_WORDS = {"meanwhile", "however", "still", "instead", "later", "earlier", "then", "also",
                "in", "on", "at", "after", "before", "during", "since", "last", "this", "yesterday",
                "today", "separately", "afterwards", "finally", "and", "but", "so", "yet",
                "despite", "with", "following", "like", "unlike", "under", "for"}
_JOINERS = {"of", "for", "the", "and", "de", "van", "von", "al"}


def clause_subject(phrase: str) -> tuple[Mention, int, int] | None:
    """The subject at the head of a clause ("Meanwhile, it attacked Trump" → "it"; "Sen.
    Tim Kaine then said" → "Sen. Tim Kaine"), with its offsets in the phrase."""
    start = 0
    first_comma = phrase.find(",")
    if first_comma > 0:
        lead = phrase[:first_comma].split()
        # "Meanwhile, it ...", "Chastened by the analyses, Trump ...": an opening adverbial
        # or participle is no subject; nor are the clauses that carry it on ("Following
        # the reports, but before officials spoke, Donald Trump said")
        if lead and (lead[0].lower() in _INTRO_WORDS or len(lead) > 1 and
                     lead[0].lower().endswith(("ed", "ing")) and lead[1].islower()):
            start = first_comma + 1
            for _ in range(3):
                nxt = phrase.find(",", start)
                words = phrase[start:nxt].split() if nxt > 0 else []
                if not words or not words[0].islower():
                    break
                start = nxt + 1
    while start < len(phrase) and phrase[start] == " ":
        start += 1
    toks = list(_TOKEN.finditer(phrase, start))
    if not toks:
        return None
    first = _strip(toks[0].group()).lower()
    if first in _POSSESSOR:
        following = [_strip(m.group()) for m in toks[1:4]]
        if not any(_is_cap(w) or w.lower() in GENERIC_PERSON_HEADS or w.lower() in UNNAMED_HEADS
                   or _is_title(w) for w in following):
            # "her right foot was so swollen, saying": the possessor speaks (but "her
            # lawyer" or "his spokesman" would speak for themselves)
            return Mention(toks[0].group(), "pronoun", head=_POSSESSOR[first]), toks[0].start(), toks[0].end()
    if first in PERSONAL_PRONOUNS and first not in _POSSESSOR:
        return Mention(toks[0].group(), "pronoun", head=first), toks[0].start(), toks[0].end()
    end = None
    for i, tok in enumerate(toks):
        bare = _strip(tok.group())
        low = bare.lower()
        if _is_cap(bare) or _is_title(bare) or (i > 0 and low in _JOINERS) or (i == 0 and low in _DETERMINERS):
            end = tok.end()
            continue
        break
    if end is None:
        return None
    # "American swimmer Rebecca Soni smashed", "Undefeated WBC middleweight champion Jermall
    # Charlo has": capitals, a word or two for a person, then the full name
    n0 = sum(1 for t in toks if t.end() <= end)
    for j in (1, 2):
        if n0 <= 3 and n0 + j + 1 < len(toks) and all(toks[i].group().islower() for i in range(n0, n0 + j)) and \
                _person_noun(_strip(toks[n0 + j - 1].group()).lower()) and \
                _is_cap(_strip(toks[n0 + j].group())) and _is_cap(_strip(toks[n0 + j + 1].group())):
            k = n0 + j
            while k < len(toks) and _is_cap(_strip(toks[k].group())) and k < n0 + j + 4:
                k += 1
            got = parse(phrase[start:toks[k - 1].end()])
            if got is not None and got.kind == "name" and got.name and " " in got.name:
                return got, start, toks[k - 1].end()
            break
    if end == toks[0].end() and len(toks) > 1 and toks[1].group().islower() and \
            not _is_title(_strip(toks[0].group())):
        # "Small groups of protesters continued to ...", "Young voters say": a capital
        # opening the sentence before a common noun is an adjective, not a name
        after = [_strip(m.group()).lower() for m in toks[1:4]]
        wider = None
        if len(after) >= 3 and after[1] == "of" and after[0].endswith("s"):
            wider = toks[3].end()  # "Small groups of protesters"
        elif after[0] in UNNAMED_HEADS or after[0] in GENERIC_PERSON_HEADS:
            wider = toks[1].end()  # "Young voters"
        if wider is not None:
            got = parse(phrase[start:wider])
            if got is None or got.kind not in ("description", "unnamed"):
                return None
            return got, start, wider
    got = parse(phrase[start:end])
    if got is None or got.kind not in ("name", "org", "description", "unnamed"):
        return None
    return got, start, end
