"""Finding cues (the reporting verb, "according to", a colon, a dash) and the source
phrase that goes with each, before, after or inside a quotation."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from bot.extract import mentions
from bot.extract.lexicon import (
    CUE_FORMS,
    ORG_NOUNS,
    PERSONAL_PRONOUNS,
    PLACE_OR_MEDIA_HEADS,
    SAY_CLASS,
    SPEECH_FORMS,
    STANCE_FORMS,
    caps,
)
from bot.extract.mentions import Mention
from bot.extract.segment import ABBREV
from bot.extract.wordfind import occurrences

# the agency that quotes someone is not the speaker: "RIA quoted X as saying", "cited X as"
_QUOTED_AS = re.compile(r"(?<![\w-])(?:quoted|cited|quoting|citing)\s+([^\"“”;:]{2,80}?)\s+"
                        r"(as\s+(?:saying|telling|describing|calling|stating|warning|adding|writing|"
                        r"arguing|claiming|insisting|urging|asking))\b")
_PARTITIVES = {"one", "two", "three", "some", "many", "several", "most", "each", "none", "both",
               "another", "all", "any", "few", "a few", "one or two"}
_OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}
# (the look-behind after the letter, so that the pattern opens with a set the regex
# engine skips to: the same matches as (?<![\w-])(?:[Aa]ccording to|[Aa]s)\s+)
ACCORDING_RE = re.compile(r"[Aa](?<![\w-][Aa])(?:ccording to|s)\s+")
_NOUN_BEFORE = {"a", "an", "the", "this", "that", "his", "her", "their", "its", "our", "my",
                "your", "whose", "no", "any", "every", "each", "such", "to", "of", "for",
                "in", "on"}
# "continued to call for", "went on to say": after "to", the bare form of a cue is a verb
# (its other forms stay nouns: "in response to claims")
_TO_VERB_FORMS = {"call", "say", "claim", "state", "report", "comment", "note",
                  "warn", "tell", "add", "argue", "insist", "suggest", "explain", "announce"}
# adjectives that make a noun of a cue word only where it can be one ("an official
# statement", but "the NATO official told")
_ADJECTIVE_BEFORE = {"first", "second", "new", "recent", "latest", "further", "written",
                     "official", "public", "formal", "annual", "member"}
_WORD = re.compile(r"[\w’'.-]+")
# Where a source phrase before a cue begins: after the clause boundary nearest the verb.
# (the first character of every form, as one set, then the rest of the form that
# character opens: the regex engine skips to the characters of the set instead of trying
# the alternation at every character; the same matches as
# (?:[.;:!?]\s|["“”«»]|''|\s(?:that|...|so)\s|—|–|--|\s-\s))
_CLAUSE_BREAK = re.compile(r"[.;:!?\"“”«»'\s—–-](?:(?<=[.;:!?])\s|(?<=[\"“”«»—–])|(?<=')'|"
                           r"(?<=\s)(?:that|but|and|because|while|when|after|before|although|"
                           r"though|since|if|as|so)\s|(?<=-)-|(?<=\s)-\s)")
# breaks that may open a prepositional phrase rather than a clause ("after the debate")
_PREPOSITION_BREAKS = {"after", "before", "since", "as"}
# "... continued to", "Trump needs to", "daring him to": a verb before the cue's "to"
_CATENATIVE_END = re.compile(r"\s[a-z]+(?:\s+(?:him|her|them|it|me|us))?\s+to$")
_PARTICIPLE = re.compile(r"[a-z]+ing\b")
# Where a source phrase after an inverted cue ends.
_AFTER_STOP = re.compile(r"[.,;:!?\"“”«»()—–]|\s(?:in|on|at|after|during|when|while|as|"
                         r"before|to|about|from|that|who|which|last|this|earlier|later|"
                         r"yesterday|today|on|for|of|with)\s")
_LEADING_ADVERBIAL = re.compile(r"\s*(?:(?:(?:On|In|At|During|After|Before|Later|Earlier|Meanwhile|"
                                r"However|But|And|Then|Still|Last|This)\b[^,:]{0,40}|\d{4}),\s*)+")
# verbs of headlines that the lexicons lack
_HEADLINE_VERBS = {"rip", "rips", "hammer", "hammers", "bash", "bashes", "knock", "knocks",
                   "torch", "torches", "pan", "pans", "roast", "roasts", "rap", "raps",
                   "sees", "backs", "eyes", "targets", "defends", "weighs", "mulls"}
_SUBORDINATOR = re.compile(r"(?:when|while|because|after|before|although|though|since|if|"
                           r"until|unless|where|whereas)\b", re.I)
_DASHES = re.compile(r"\s[—–]\s")
_DASH_PARENTHESIS = re.compile(r"\s(?:--|—|–)\s[^—–\"“”]{1,200}?\s(?:--|—|–)(?=\s)")
_RELATIVE_APPOSITION = re.compile(r",\s+(?:who|which)\s[^\"“”;:]{3,160},\s*$")
_TRAILING_NAME = re.compile(caps(r"(?<![\w’'-])(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*$"))
_APPOSITION_BREAK = re.compile(r"[.;:!?\"“”()—–]|\s(?:who|which|that|when|while|as|after|before|and)\s")
# a name after a comma that ends the sentence or its clause
_APPOSED_NAME = re.compile(caps(
    r"\s*([A-Z][\w’'-]*(?:\.(?=[ \t]))?(?:[ \t]+(?:[A-Z][\w’'-]*(?:\.(?=[ \t]))?|al|bin|ibn|de|da|dos|di|del|"
    r"van|von|der))*)(?=\s*(?:[.,;!?\n]|$)|\s+(?:on|in|at|during|after|before|last|this|yesterday|today)\b)"))
_DASH_SOURCE = re.compile(caps(r"\s*(?:―|—|–|--)\s*([A-Z](?:[^.,;:!?\n]|(?<=\b[A-Z])\.){1,60})"))


@dataclass(slots=True)
class Cue:
    start: int
    end: int
    text: str
    lemma: str

    # (written out: mypyc compiles this __init__, while the one @dataclass generates runs
    # interpreted, several times slower; the fields above stay the reference)
    def __init__(self, start: int, end: int, text: str, lemma: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.lemma = lemma


@dataclass(slots=True)
class Attribution:
    mention: Mention
    source_start: int
    source_end: int
    cue: Cue
    where: str  # "after" | "before" | "according" | "colon" | "dash"
    adjacent: bool  # the cue touches the quotation (", he said" / "said:")

    # (written out: mypyc compiles this __init__, while the one @dataclass generates runs
    # interpreted, several times slower; the fields above stay the reference)
    def __init__(self, mention: Mention, source_start: int, source_end: int, cue: Cue, where: str,
                 adjacent: bool) -> None:
        self.mention = mention
        self.source_start = source_start
        self.source_end = source_end
        self.cue = cue
        self.where = where
        self.adjacent = adjacent


_NEXT_WORD = re.compile(r"[a-z]+\s+([a-z]+)\b")
_NOUN_AFTER = {"is", "was", "are", "were", "has", "had", "of", "will", "would", "can", "could",
               "should", "must", "does", "did", "remains", "shows", "showed"}
# cue words that are nouns as often as verbs
_ALSO_NOUNS = {"state", "report", "reports", "claim", "claims", "comment", "comments", "note",
               "warning", "promise", "reply", "answer", "remark", "response", "tweet", "post",
               "estimate", "argument", "concern", "charge", "charges", "vow", "pledge", "boast",
               "statement", "statements", "quote", "word", "words", "call", "calls", "plea",
               "question", "questions", "show", "shows", "signal", "signals", "states",
               "tweets", "posts"}
# A preposition before such a word makes it a noun ("across state lines"); before its
# plural, so does a quantifier ("other states"), and after it a preposition, a participle
# or a stop ("states voting Tuesday", "in early primary states, donors ...")
_PLURAL_NOUN_BEFORE = {"other", "many", "several", "both", "all", "these", "those", "some",
                       "few", "most", "more", "two", "three", "four", "five", "six", "ten",
                       "dozen", "dozens", "hundreds", "thousands", "numerous", "various"}
_PREPOSITION_BEFORE = {"across", "per", "at", "from", "by", "with", "into", "between", "among",
                       "within", "without", "about", "under", "over", "against", "after"}
_NOUN_NEXT = re.compile(r"(?:[,.;:)]|\s+(?:on|in|of|against|from|at|by|with|upon|[a-z]+ing)\b)")
_PREPOSITIONS = {"of", "for", "with", "about", "in", "on", "by", "from", "after", "despite"}
# What may stand right before the bare form of such a word when it is a verb ("they
# state", "to claim", "did not question"); any other lower-case word makes it a noun
# ("a swing state", "a big question", "his disclosure report")
_BEFORE_BARE_VERB = {"i", "we", "they", "you", "to", "not", "also", "will", "would", "could",
                     "should", "may", "might", "must", "can", "did", "do", "does", "never",
                     "often", "always", "still", "now", "then", "who", "which", "that",
                     "people", "many", "some", "both", "all", "few", "most", "others", "and",
                     "or", "but", "just", "even", "only", "n’t", "n't"}
# verbs after which such a word is their object ("took questions", "answered questions")
_OBJECT_AFTER = {"took", "take", "takes", "taking", "made", "make", "makes", "got", "get",
                 "gets", "gave", "give", "gives", "had", "have", "has", "fielded", "answered",
                 "asked", "raised", "raise", "raises", "sent", "send", "sends", "won", "win"}
# participles that are never a finite verb: without "has"/"have"/"had" they are
# adjectives ("where known terrorist groups are active")
_PARTICIPLE_ONLY = {"known", "shown", "written", "spoken", "drawn", "given", "sworn"}
_PERFECT_BEFORE = {"has", "have", "had", "’ve", "'ve", "long", "never", "always", "already",
                   "also", "not", "just", "recently", "repeatedly", "publicly"}


def _word_at(text: str, start: int) -> str:
    end = start
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[start:end].lower()


_CLAUSE_NEXT = re.compile(r"\s+(?:that|he|she|they|we|it|I)\s")


def _word_before(text: str, at: int) -> tuple[str, int]:
    """The lower-cased word ending right before `at` (spaces skipped), and its start."""
    j = at
    while j > 0 and text[j - 1] == " ":
        j -= 1
    k = j
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] in "’'-"):
        k -= 1
    return text[k:j].lower(), k


def is_verb_use(text: str, start: int) -> bool:
    """A cue word preceded by a determiner is a noun ("a report", "the state")."""
    prev, k = _word_before(text, start)
    word = _word_at(text, start)
    if prev in _NOUN_BEFORE and not (prev == "to" and word in _TO_VERB_FORMS):
        return False
    if word in _PARTICIPLE_ONLY:
        return prev in _PERFECT_BEFORE or prev.endswith("ly")
    if word in _ALSO_NOUNS and (prev in _PREPOSITION_BEFORE or word.endswith("s") and word != "calls" and
                                (prev in _PLURAL_NOUN_BEFORE or _NOUN_NEXT.match(text, start + len(word)))):
        return False
    if word in _ALSO_NOUNS and prev:
        # "Trump’s claim that ...", "documents from his tax return show he ...": a
        # that-clause or a clause with a pronoun subject is still a statement
        clause = _CLAUSE_NEXT.match(text, start + len(word))
        if prev.endswith(("’s", "'s", "s’", "s'")) and not clause or prev in _OBJECT_AFTER or \
                prev.endswith("ed") and word.endswith("s"):
            return False  # "Trump’s claim", "took questions"
        if word.endswith("s") and prev.islower() and _word_before(text, k)[0] in _PREPOSITIONS:
            return False  # "a flurry of late-night tweets targeting ..."
        if not word.endswith("s") and prev not in _BEFORE_BARE_VERB and \
                not prev.endswith(("s", "ly")) and \
                (not clause or _word_before(text, k)[0] in _NOUN_BEFORE):
            return False  # "a swing state", "send a strong signal that ..."
    if prev.endswith(("’s", "'s")) and k + len(prev) == start - 1 and word.endswith("ed") \
            and prev[:-2] not in PERSONAL_PRONOUNS and prev[:-2] not in ("that", "there", "who", "what"):
        return False  # "Russia’s proposed security guarantees": a participle after a possessive
    if prev in _ADJECTIVE_BEFORE and word in _ALSO_NOUNS:
        return False
    # "her mental state is", "the report was": a cue word followed by a finite verb or
    # "of" is a noun
    m = _NEXT_WORD.match(text, start)
    return not (m and m.group(1).lower() in _NOUN_AFTER and
                text[start:m.start(1)].strip().lower() in _ALSO_NOUNS)


# Cue words are located by wordfind (one word pass, then str.find), several times faster
# than an alternation of every verb form; two-word forms ("point out") win over their
# first word.
_all_cues: tuple[str, list[int], list[Cue]] | None = None


def _cues_of(text: str) -> tuple[list[int], list[Cue]]:
    """Every cue word of a text, found once: an article asks for the cues of many
    overlapping windows. Keeps the last text only (the pipeline works article by article)."""
    global _all_cues
    if _all_cues is not None and _all_cues[0] is text:
        return _all_cues[1], _all_cues[2]
    found = [Cue(s, e, form, CUE_FORMS[form]) for s, e, form in occurrences(text, CUE_FORMS)
             if is_verb_use(text, s)]
    starts = [c.start for c in found]
    _all_cues = (text, starts, found)
    return starts, found


def cues_in(text: str, start: int, end: int, speech_only: bool = False) -> list[Cue]:
    starts, found = _cues_of(text)
    out = []
    for c in found[bisect_left(starts, start):bisect_left(starts, end)]:
        if c.end > end:
            continue
        if speech_only and c.text not in SPEECH_FORMS:
            continue
        out.append(c)
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:—–-\"“”>"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-\"“”"):
        e -= 1
    return s, e


def source_before(text: str, lo: int, cue_start: int) -> tuple[Mention, int, int] | None:
    """The source phrase that ends right before a cue at cue_start, within [lo, cue_start)."""
    s = lo
    # Appositions ("X, who chaired the meeting, said") keep their commas; a clause
    # boundary outside them ends the search.
    window = text[lo:cue_start]
    paren = None
    if window.count("--") >= 2 or len(_DASHES.findall(window)) >= 2:
        # "Kall -- co-editor of a book on the debates -- said": a parenthesis between
        # dashes is no clause break, and no part of the source
        paren = _DASH_PARENTHESIS.search(window)
        if paren is not None and window[paren.end():].strip(" ,"):
            paren = None  # the parenthesis must close right before the cue
        if paren is not None:
            window = window[:paren.start()]
            cue_start = lo + paren.start()
    rel = _RELATIVE_APPOSITION.search(window)
    if rel is not None:
        # "Christie, who has campaigned for Trump since he left the race, blasted": the
        # relative clause is skipped, its clause breaks with it
        window = window[:rel.start()]
        cue_start = lo + rel.start()
    breaks: list[re.Match[str]] = []
    for m in _CLAUSE_BREAK.finditer(window):
        if m.group()[0] == "." and _abbrev_before(window, m.start()):
            continue  # "Rep. John Mica (R-Fla.) said"
        breaks.append(m)
        s = lo + m.end()
    s, e = _trim(text, s, cue_start)
    if e <= s:
        # "The nominee outlined his plan and vowed ...": a second verb of the clause
        # shares its subject (an inflected verb: "The Guard and state troopers" is a noun
        # phrase)
        if breaks and breaks[-1].group().strip() == "and" and \
                CUE_FORMS.get(_word_at(text, cue_start), "") != _word_at(text, cue_start):
            head_start = breaks[-2].end() if len(breaks) > 1 else 0
            # ... but not the subject of a clause inside it ("repeated allegations that
            # Russia is building up forces and warned")
            inner = len(breaks) > 1 and breaks[-2].group().strip().isalpha()
            got = None if inner else mentions.clause_subject(window[head_start:breaks[-1].start()])
            if got is not None and got[0].kind in ("name", "pronoun", "org", "description"):
                mention, a, b = got
                return mention, lo + head_start + a, lo + head_start + b
        return None
    phrase = text[s:e]
    if len(phrase) > 160:
        return None
    # (its every match ends the phrase with "to", before a final line break perhaps)
    if phrase.endswith(("to", "to\n")) and _CATENATIVE_END.search(phrase):
        # "Protesters continued to call for ...", "Trump vowed to denounce ...": the
        # subject of the verb before "to"
        got = mentions.clause_subject(phrase)
        if got is None or got[0].kind not in ("name", "pronoun", "org", "description", "unnamed"):
            return None
        mention, a, b = got
        return mention, s + a, s + b
    if text[cue_start - 2:cue_start] == ", " and _PARTICIPLE.match(text, cue_start):
        # "He then defended the remark, saying ...": the subject of the clause speaks —
        # of the sentence's clause when it opens with a name ("Dean, a former chairman
        # and candidate, poked at ..., tweeting")
        whole = mentions.clause_subject(window) if s > lo else None
        if whole is not None and whole[0].kind == "name":
            mention, a, b = whole
            return mention, lo + a, lo + b
        if breaks and breaks[-1].group().strip() in _PREPOSITION_BREAKS:
            return None  # "when questioned after the debate, asserting": no subject here
        got = mentions.clause_subject(phrase)
        if got is not None:
            mention, a, b = got
            return mention, s + a, s + b
    parsed = mentions.parse(phrase)
    if (parsed is None or parsed.kind == "unnamed" and len(phrase.split()) > 4) and \
            _PARTICIPLE.match(text, cue_start):
        # "Trump unleashed a series of tweets early Friday saying that ...": the
        # clause's subject speaks
        got = mentions.clause_subject(phrase)
        if got is not None and got[0].kind in ("name", "pronoun", "org"):
            mention, a, b = got
            return mention, s + a, s + b
    if parsed is None:
        # "In a Bloomberg interview Trump declared": the name right before the verb
        run = _TRAILING_NAME.search(phrase)
        if run is None or run.start() == 0:
            return None
        words = run.group().split()
        # "an interview with The Washington Post Trump said": the outlet is no part of it
        cut = max((i + 1 for i, w in enumerate(words[:-1])
                   if w.lower() in PLACE_OR_MEDIA_HEADS or w.lower() in ORG_NOUNS), default=0)
        name = " ".join(words[cut:])
        named = mentions.parse(name)
        if named is None or named.kind not in ("name", "org"):
            return None
        return named, e - len(name), e
    return parsed, s, e


def _abbrev_before(window: str, dot: int) -> bool:
    """Is the full stop at window[dot] part of an abbreviation or initial ("Rep.", "G.K.",
    "(R-Fla.)"), rather than a sentence end?"""
    head = window[max(0, dot - 12):dot + 1]
    if ABBREV.search(head):
        return True
    return window.count("(", 0, dot) > window.count(")", 0, dot)


def source_after(text: str, cue_end: int, hi: int) -> tuple[Mention, int, int] | None:
    """The source phrase of an inverted cue: "said the Norwegian", "admitted Stoltenberg"."""
    s = cue_end
    e = hi
    for m in _AFTER_STOP.finditer(text, s, hi):
        if m.group() == "." and _abbrev_before(text[s:hi], m.start() - s):
            continue
        if m.group() == "(":
            close = text.find(")", m.end(), hi)
            if 0 <= close - m.end() < 30:
                continue  # "(D-N.C.)" belongs to the name
        if m.group() == ")":
            continue
        if m.group() == " of " and text[s:m.start()].strip().lower() in _PARTITIVES:
            continue  # "said one of the protesting students": the partitive is the source
        e = m.start()
        break
    s, e = _trim(text, s, e)
    if e <= s or e - s > 100:
        return None
    mention = mentions.parse(text[s:e])
    if mention is None or mention.kind == "pronoun" and text[s:e].lower() in ("it", "that"):
        return None
    if mention.kind in ("description", "unnamed"):
        # 'said Minister of Antiquities, Khaled Al-Anany.': the name in apposition, after
        # the description's comma
        comma = text.find(",", e, min(hi, s + 80))
        if comma >= 0 and not _APPOSITION_BREAK.search(text, e, comma):
            a = _APPOSED_NAME.match(text, comma + 1, hi)
            named = mentions.parse(a.group(1)) if a is not None else None
            if a is not None and named is not None and named.kind == "name" and named.role is None \
                    and named.name is not None and " " in named.name:
                return Mention(named.text, "name", named.name, text[s:comma].strip(), mention.head), s, a.end(1)
    return mention, s, e


def _title_case_verb(word: str, i: int) -> bool:
    low = word.lower().strip(",.’'")
    if low in CUE_FORMS or low in STANCE_FORMS or low in _HEADLINE_VERBS:
        return True
    # "Hammers", "Slams" — after a first and a last name at least ("Bernie Sanders")
    return i >= 2 and len(low) > 3 and low.endswith("s") and not low.endswith("ss")


def cut_title_case_verb(part: str) -> str:
    """In a title-case headline a verb looks like part of a name: "Elizabeth Warren
    Hammers Wells Fargo CEO", "Hillary Clinton Speaks". The subject ends before it."""
    words = part.split()
    if len(words) < 2:
        return part
    cut = next((i for i, w in enumerate(words) if i >= 1 and _title_case_verb(w, i)), None)
    return part if cut is None else part[:part.index(words[cut])]


# what follows the name in a dash's attribution ('" -- Richardson after winning bronze
# behind ...', '" -- Kyron McMaster who had said ...', '" -- Lyles on the fighting spirit')
_DASH_SOURCE_STOP = {"after", "on", "who", "whose", "when", "while", "as", "at", "in", "during",
                     "before", "following", "with", "did", "does", "was", "is", "has", "had",
                     "will", "would", "said", "says", "told"}


def _dash_source_end(text: str, start: int, end: int) -> int:
    """Where the source after a dash ends: before the words that say what the person did
    or spoke of, and never inside a word (the phrase is read 60 characters at most)."""
    if end < len(text) and text[end].isalnum():
        cut = text.rfind(" ", start, end)
        end = cut if cut > start else end
    for w in re.finditer(r"\S+", text[start:end]):
        word = w.group()
        if word.islower() and (word in _DASH_SOURCE_STOP or word.endswith("ing")):
            return start + w.start() - 1 if w.start() > 0 else end
    return end


def attribution_after(text: str, close_end: int, hi: int) -> Attribution | None:
    """An attribution right after a quotation: '," he said', '," said the Norwegian',
    '" ― Pamela Padilla'."""
    d = _DASH_SOURCE.match(text, close_end, hi)
    if d:
        end = _dash_source_end(text, d.start(1), d.end(1))
        m = mentions.parse(text[d.start(1):end])
        if m is not None and m.kind == "name":
            return Attribution(m, d.start(1), end, Cue(close_end, d.start(1), "―", "dash"),
                               "dash", True)
    lead = close_end
    while lead < hi and (text[lead].isspace() or text[lead] in ",;—–-"):
        lead += 1
    if lead >= hi or _SUBORDINATOR.match(text, lead):
        return None  # '"That makes me smart," when Clinton blasted him': another clause
    limit = min(hi, lead + 220)
    for cue in cues_in(text, lead, limit):
        if cue.start == lead:
            if cue.lemma not in SAY_CLASS and cue.lemma not in SPEECH_FORMS.values():
                return None
            got = source_after(text, cue.end, hi)
            if got is None:
                return None
            mention, s, e = got
            return Attribution(mention, s, e, cue, "after", True)
        got = source_before(text, lead, cue.start)
        if got is not None and got[1] != lead and "," in text[lead:cue.start]:
            # '," Douglas Holtz-Eakin, an economist and tax expert, told me': the whole
            # apposition is the source, "and" inside it is no clause break
            s, e = _trim(text, lead, cue.start)
            whole = mentions.parse(text[s:e]) if e - s <= 160 else None
            if whole is not None and whole.kind == "name":
                got = (whole, s, e)
        if got is None:
            return None
        mention, s, e = got
        if s != lead:
            return None  # something else stands between the quotation and its source
        return Attribution(mention, s, e, cue, "after", True)
    return None


def attribution_before(text: str, lo: int, open_at: int) -> Attribution | None:
    """An attribution earlier in the sentence: 'X said: "', 'According to X, "',
    'X said there were still "...'. The cue nearest the quotation wins."""
    window_end = open_at
    # "According to X, ..." / "As X noted, ..."
    best: Attribution | None = None
    for m in ACCORDING_RE.finditer(text, lo, window_end):
        comma = text.find(",", m.end(), window_end)
        if comma < 0:
            continue
        kw = m.group().strip().lower()
        src_end = comma
        cue_text = m.group().strip()
        if kw == "as":
            # "As the Kremlin aide noted," -> the verb closes the phrase
            inner = cues_in(text, m.end(), comma, speech_only=True)
            if not inner:
                continue
            src_end = inner[-1].start
            cue_text = text[inner[-1].start:inner[-1].end]
        s, e = _trim(text, m.end(), src_end)
        mention = mentions.parse(text[s:e]) if e > s else None
        if mention is not None:
            best = Attribution(mention, s, e, Cue(m.start(), m.end(), cue_text, "according to"),
                               "according", text[comma + 1:open_at].strip() == "")
    quoted_as = None
    # (the words looked for first: no copy of the window, no regex scan of most of them)
    if best is None and (text.find("quot", lo, window_end) >= 0 or text.find("cit", lo, window_end) >= 0):
        found_as = list(_QUOTED_AS.finditer(text, lo, window_end))
        quoted_as = found_as[-1] if found_as else None
    if quoted_as is not None:
        # 'RIA quoted Mikhail Galuzin as saying Moscow was "not going ..."': the one quoted
        s, e = _trim(text, quoted_as.start(1), quoted_as.end(1))
        subject = _OBJECT_PRONOUNS.get(text[s:e].lower())  # "quoted him as saying"
        mention = Mention(text[s:e], "pronoun", head=subject) if subject else \
            mentions.parse(text[s:e]) if e > s else None
        if mention is not None and mention.kind in ("name", "org", "pronoun", "description", "unnamed"):
            return Attribution(mention, s, e, Cue(quoted_as.start(2), quoted_as.end(2), quoted_as.group(2),
                                                   "say"), "before",
                               re.fullmatch(r"[\s,:]*", text[quoted_as.end():open_at]) is not None)
    found = [c for c in cues_in(text, lo, window_end) if c.end <= window_end]
    for cue in reversed(found):
        if best is not None and best.cue.start > cue.start:
            break
        got = source_before(text, lo, cue.start)
        if got is None:
            # inverted before the quote: 'said Smith: "'
            # (never after a participle: 'After saying her foot was "..."')
            after = None if cue.text.endswith("ing") else source_after(text, cue.end, window_end)
            if after is None or cue.lemma not in SAY_CLASS:
                continue
            mention, s, e = after
        else:
            mention, s, e = got
        between = text[cue.end:open_at]
        adjacent = re.fullmatch(r"[\s,:]*(?:that\s*)?", between) is not None or \
            (got is not None and re.fullmatch(r"\s+\S+(?:\s+\S+){0,3}?\s*[,:]\s*", between) is not None)
        return Attribution(mention, s, e, cue, "before", adjacent)
    if best is not None:
        return best
    # 'Pence: "..."' — a name and a colon introduce the quotation
    head = text[lo:open_at]
    if head.rstrip().endswith(":"):
        # 'McCaskill scolded him: "...', 'Sanders made the following comment:' — the named
        # subject of the introducing clause
        intro = _LEADING_ADVERBIAL.match(head)
        start = intro.end() if intro else 0
        got = mentions.clause_subject(head[start:])
        if got is not None and got[0].kind in ("name", "org") and \
                not head[start + got[2]:].lstrip().startswith(":"):
            colon = lo + head.rstrip().rfind(":")
            return Attribution(got[0], lo + start + got[1], lo + start + got[2],
                               Cue(colon, colon + 1, ":", "colon"), "colon", True)
    cm = re.fullmatch(r"\s*([A-Z][^:;.!?\"“”]{1,60}):\s*", head)
    if cm:
        mention = mentions.parse(cut_title_case_verb(cm.group(1)).strip())
        if mention is not None and mention.kind in ("name", "org"):
            s, e = lo + cm.start(1), lo + cm.end(1)
            return Attribution(mention, s, e, Cue(e, e + 1, ":", "colon"), "colon", True)
    return None
