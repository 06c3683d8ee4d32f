"""Reported (indirect) speech: a cue and its content without quotation marks.

"Stoltenberg said that ...", "..., the minister said on Monday.", "According to X, ...",
"As the aide noted, ...", "X called on Y to ...", "..., adding that ...".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.extract import cues as cuemod
from bot.extract import mentions
from bot.extract.cues import Cue
from bot.extract.lexicon import CUE_FORMS, NAMING_VERBS, SAY_CLASS, SPEECH_FORMS, STANCE_FORMS, WEEKDAYS, caps
from bot.extract.mentions import Mention
from bot.extract.wordfind import occurrences, word_starts

# A bare clause opens with a word, whatever its case ("officials are", "critics say",
# "resources could be"): the finite verb after it (_FINITE) is what shows a clause.
# (Requiring a determiner or a capital here lost 28 true statements on PolNeAR dev.)
_CLAUSE_START = re.compile(r"\s*[A-Za-z0-9$]")
_THAT = re.compile(r"(?P<gap>[^.;:!?\"“”]{0,80}?)\bthat\s+")
# What may stand between a verb and its that-clause: a prepositional or time phrase
# ("said in a statement that", "told reporters on Monday that").
_GAP_OK = re.compile(r"\s*(?:(?:in|on|at|to|during|after|before|last|this|from|via|through|"
                     r"over|with|for|late|early|earlier|later|again|also|repeatedly|"
                     r"publicly|privately|yesterday|today|then)\b[^,]*|)\s*,?\s*$")
_TELL_TYPE = {"tell", "inform", "assure", "remind", "warn", "advise", "convince", "persuade",
              "notify", "promise", "caution", "urge", "ask", "reassure"}
# Verbs that take a bare clause ("X said no decision had been made").
_BARE_OK = {"say", "add", "claim", "argue", "insist", "think", "believe", "feel", "suggest",
            "predict", "estimate", "write", "tweet", "note", "state", "assert", "contend",
            "maintain", "allege", "acknowledge", "admit", "concede", "fear", "hope", "expect",
            "know", "worry", "doubt", "suspect", "figure", "reckon", "guess", "assume",
            "realize", "realise", "conclude", "show", "warn", "tell", "agree",
            "report", "recall", "explain", "complain"}
_FINITE = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|"
                     r"should|shall|may|might|must|do|does|did|"
                     # "stocks aren't", "she couldn’t": a negated auxiliary, either apostrophe
                     r"(?:is|are|was|were|has|have|had|do|does|did|could|would|should|must|"
                     r"need)n[’']t|won[’']t|can[’']t|ain[’']t|[a-z]{3,}(?:ed|es)|"
                     # a present-tense verb with its object ("Trump favors a ...", "it
                     # demands that ..."); a plural noun is seldom followed by these
                     r"[a-z]{2,}[^siu’'\W]s(?=\s+(?:a|an|the|that|his|her|their|its|our|my|your|"
                     r"him|them|no)\s))\b")
# "said he plans to ...": a subject pronoun and a verb open a clause whatever its tense
_PRONOUN_SUBJECT = re.compile(r"\s*(?:he|she|they|we|i|you|it)(?:\s+[a-z]{2,}|[’'](?:ll|d|s|re|ve|m)\s)",
                              re.I)
# "explained how he believes ...", "explained why he backs Trump": a question word opens
# what was said after verbs of telling
_WH_CLAUSE = re.compile(r"\s*(?:how|why|whether)\s+(?:he|she|they|we|i|you|it|the|a|an|his|her|"
                        r"their|its|[A-Z])", re.I)
_WH_OK = {"explain", "describe", "say", "tell", "reveal", "detail", "recall", "wonder", "ask",
          "question", "know", "note", "argue", "suggest"}
# what cannot open a bare clause: a preposition or time word ("said on Monday"), or a
# verb, which shows the cue word was a noun ("battleground states could be decisive")
_NOT_CLAUSE_START = re.compile(
    r"\s*(?:in|on|at|during|after|before|to|with|for|of|by|as|about|when|while|last|this|"
    r"earlier|later|today|yesterday|is|are|was|were|be|been|has|have|had|will|would|can|"
    r"could|should|shall|may|might|must|do|does|did|and|or|but)\b", re.I)
# What may follow a cue that closes its sentence: nothing, a time or place ("said on
# Monday"), or an inverted source ("said Brian Baker"); not an object ("will continue
# their assault", "said enough")
_AFTER_FINAL_CUE = re.compile(
    r"\s*(?:[.!?]*\s*$|(?:in|on|at|during|after|before|last|this|yesterday|today|earlier|"
    r"later|recently|again|also|from|via|with|through|when|while|as)\b|(?-i:[A-Z]))", re.I)
# "Ivanka Trump, the nominee's eldest daughter, noted the rule": a name and its
# apposition are the subject of the cue, not a statement before it
_APPOSITION = re.compile(caps(r"(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*,\s+(?:the|a|an|his|her|their|its)\s"
                         r"(?:(?!\b(?:is|are|was|were|has|have|had|will|would|can|could)\b)[^,])*"))
_INVERTED_SOURCE = re.compile(r"\s*(?:the|a|an|one|two|some|several|another|his|her|their|"
                              r"its|our)\b", re.I)
# A passive ("is expected to", "has been endorsed by"), "as predicted", or a gerund after
# a preposition ("without knowing how") reports no statement of the clause's subject.
# (an adverb may stand in a passive: "was once asked how ...")
_NOT_A_STATEMENT_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|as|without|of|for)\s+"
                                     r"(?:(?:[a-z]+ly|once|also|not|never|often|already|"
                                     r"repeatedly|widely|long)\s+)?$", re.I)
# "that" followed by a verb opens a relative clause, not the content of a statement
_RELATIVE_THAT = re.compile(r"(?:(?:is|are|was|were|has|have|had|will|would|could|can|may|"
                            r"might|must|should|did|does|[a-z]{3,}ed|[a-z]{3,}s\s+(?:the|a|an|"
                            r"his|her|their|its))\b|[a-z]{3,}s\s+[A-Z])")
# "that" as a determiner: a time noun, then no verb ("that year in a landslide")
_THAT_DETERMINER = re.compile(r"(?:year|day|week|month|time|night|morning|evening|afternoon|"
                              r"point|moment|season)\b(?!\s+(?:is|was|has|had|will|would|"
                              r"could|can|may|might|must|should)\b)")
# The listener of a tell-type verb, then a clause with a pronoun subject
_LISTENER = re.compile(r"\s+(?:[\w’'.-]+\s+){1,4}?(?=(?:he|she|they|we|I|it|there)\s+[a-z’']{2,})")
# '"...," Ms. Lee told the delegates before the vote', '... told the packed hall, where
# ...': after "told", a listener and then a time, place or relative phrase is all there
# is, unless a that-clause follows ("told a crowd in Ohio that ..."); the finite verb
# further on is another clause's
_LISTENER_ONLY = re.compile(r"\s*(?:[\w’'.-]+\s+){1,5}?(?:(?:before|after|during|in|at|on|from|"
                            r"of|outside|while|when|where|who|which)\s|[\w’'.-]+,\s)")


class _ArticleScan:
    """Matches found once per article (span start, span end, payload), then asked for
    sentence by sentence. Keeps the last article only: the pipeline goes article by
    article."""

    def __init__(self, find: Callable[[str], list[tuple[int, int, Any]]]) -> None:
        self._find = find
        self._text: str | None = None
        self._starts: list[int] = []
        self._found: list[tuple[int, int, Any]] = []

    def within(self, text: str, s: int, e: int) -> list[tuple[int, int, Any]]:
        if self._text is not text:
            self._found = self._find(text)
            self._starts = [f[0] for f in self._found]
            self._text = text
        lo, hi = bisect_left(self._starts, s), bisect_left(self._starts, e)
        return [f for f in self._found[lo:hi] if f[1] <= e]


# ACCORDING_RE without its look-behind (see word_starts)
_ACCORDING_SCAN = re.compile(r"[Aa](?:ccording to|s)\s+")


def _find_according(text: str) -> list[tuple[int, int, re.Match[str]]]:
    out: list[tuple[int, int, re.Match[str]]] = []
    for m in word_starts(_ACCORDING_SCAN, text, 0, "_-"):
        a = m.start()
        # "as" counts only where "As the aide noted, ..." can start: a sentence, a clause
        if m.group()[1] == "c" or a < 2 or text[a - 2:a] in (", ", ". ", "\n\n") or \
                text[a - 1] in "\n“\"(":
            out.append((a, m.end(), m))
    return out


_STANCE = _ArticleScan(lambda text: occurrences(text, STANCE_FORMS))
_ACCORDING = _ArticleScan(_find_according)


def _stance_in(text: str, s: int, e: int) -> list[tuple[int, int, str]]:
    """(start, end, form) of the stance verbs in text[s:e]."""
    return _STANCE.within(text, s, e)


def _according_in(text: str, s: int, e: int) -> list[re.Match[str]]:
    """The "according to" / "as" matches inside text[s:e]."""
    return [f[2] for f in _ACCORDING.within(text, s, e)]


# not an object: a to-infinitive or clause is handled elsewhere, a bare adverb is nothing
_STANCE_NOT_OBJECT = re.compile(r"(?:to|that|it|him|her|them|me|us|you|and|or|but|as|if)\b")
# "called Oz a quack", "called it a common ailment", "branded the deal a disaster": an
# object, then what it is called (not "called the police a day later")
_NAMING_OBJECT = re.compile(
    r"\s+(?!(?:a|an|for|on|upon|to|in|out|off|up|back|into|by|as|at)\b)[^,.;:!?\"“”()]{1,60}?\s(?:a|an)\s+"
    r"(?!(?:day|week|month|year|few|couple|number|lot|total|series|press|meeting|news|hour|minute|"
    r"second|time|moment|half|dozen|bit|cab|taxi|doctor|lawyer|friend|halt|vote|referendum|"
    r"election|strike|truce|ceasefire|timeout|special)\b)[a-z]")
_NEXT_CLAUSE = re.compile(r",\s+(?:but|and|which|who|while|although|though|as|so|saying|adding)\b")
# "urged Congress to act": a short object, then "to" and a verb (not "to the ...", which
# is a preposition: "could decide the case, even if it goes to the Supreme Court")
_TO_INF = re.compile(r"\s+(?:on\s+|upon\s+)?[^.;:!?\"“”,]{0,60}?\bto\s+(?!(?:the|a|an|his|her|"
                     r"their|its|our|this|that|these|those|him|them|me|us)\b)[a-z]")
# (opening with the set of the forms' first characters, so that the regex engine skips to
# them: the same matches as ,\s+(?:adding|...)\b|;\s|\s[—–]\s|\s--\s)
_TAIL_CUT = re.compile(r"[,;\s](?:(?<=,)\s+(?:adding|saying|stating|noting|arguing|claiming|insisting|"
                       r"warning|stressing|explaining|calling|urging|praising|according)\b"
                       r"|(?<=;)\s|(?<=\s)[—–]\s|(?<=\s)--\s)")
_SUBJECT_END = re.compile(r"\s(?:has|have|had|is|was|were|are|will|would|also|already|"
                          r"has|did|does|can|could|should|must|may|might)\b|\s[a-z]+(?:ed|s)\b")
_INTRO = re.compile(caps(r"^(?:[A-Z][a-z]+(?:\s+[\w’'-]+){0,6}),\s+"))
_PARTICIPLE = {"adding", "saying", "stating", "noting", "arguing", "claiming", "insisting",
               "warning", "stressing", "explaining", "praising", "calling", "urging",
               "suggesting", "promising", "reiterating", "acknowledging", "telling",
               "asserting", "declaring", "announcing", "complaining", "pointing"}
_TO_VERBS = {"urge", "call", "ask", "demand", "beg", "plead", "advise", "promise", "pledge",
             "vow", "propose", "recommend", "agree", "threaten", "warn", "tell", "refuse",
             "decide", "plan", "want", "expect", "hope", "intend", "offer"}


def _apposition_after(text: str, s: int, e: int) -> bool:
    """'according to Craig Bryan, head of the National Center ..., and other scientists':
    what follows the source's comma describes the source (lower case, no verb)."""
    return text[s:s + 3].strip()[:1].islower() and not _FINITE.search(text, s, e)


def _inverted_name(text: str, cue_end: int, hi: int) -> bool:
    """Does a name follow the cue, as in "said Brian Baker"? (A description there may as
    well be the object of a cue closing an apposition: "Clinton, the former secretary of
    State, stressed her support ...".)"""
    got = cuemod.source_after(text, cue_end, hi)
    return got is not None and got[0].kind == "name" and text[got[2] - 1].isalpha() and \
        text[got[1]:got[2]].split()[-1][:1].isupper()


def _not_a_statement(text: str, s0: int, at: int, form: str) -> bool:
    m = _NOT_A_STATEMENT_BEFORE.search(text, max(s0, at - 24), at)
    if m is None:
        return False
    verb = form.split()[0]
    if m.group().split()[0].lower() in ("without", "of", "for"):
        return verb.endswith("ing")
    # "is demanding that" is a statement in progress; "is expected to" is a passive
    return not verb.endswith("ing")


@dataclass(slots=True)
class Reported:
    content: tuple[int, int]
    mention: Mention | None
    source: tuple[int, int] | None
    cue: Cue
    inherit_subject: bool = False  # ", adding that ..." speaks for the clause's subject
    # "The museum, Mr. Bush said, celebrated ...": the attribution standing inside the
    # content, which is then the two pieces around it
    inset: tuple[int, int] | None = None

    # (written out: mypyc compiles this __init__, while the one @dataclass generates runs
    # interpreted, several times slower; the fields above stay the reference)
    def __init__(self, content: tuple[int, int], mention: Mention | None, source: tuple[int, int] | None,
                 cue: Cue, inherit_subject: bool = False, inset: tuple[int, int] | None = None) -> None:
        self.content = content
        self.mention = mention
        self.source = source
        self.cue = cue
        self.inherit_subject = inherit_subject
        self.inset = inset

    def pieces(self) -> list[tuple[int, int]]:
        cs, ce = self.content
        if self.inset is None:
            return [(cs, ce)]
        return [(cs, self.inset[0]), (self.inset[1], ce)]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:.!?"):
        e -= 1
    return s, e


def _bare_reach(cue_word: str, after: str) -> int:
    """How far the verb of a bare clause after a cue may stand. After a participle it must
    stand before the next comma: 'black artists writing songs about him, that has not
    ...' ends its phrase at the comma, and the verb after it is another clause's."""
    if cue_word.endswith("ing"):
        comma = after.find(",", 0, 90)
        if comma >= 0:
            return comma
    return 90


def _first_word(s: str) -> str:
    """'reported adding that ...': the participle opens no clause of its own."""
    parts = s.split(None, 1)
    return parts[0].lower() if parts else ""


def _cut_tail(text: str, s: int, e: int) -> int:
    m = _TAIL_CUT.search(text, s, e)
    return m.start() if m else e


_PROGRESSIVE = re.compile(r"\b(?:is|are|was|were|’s|'s|’re|'re)\s+$")


def _cut_at_next_verb(text: str, cs: int, ce: int, verbs: list[tuple[int, int, str]]) -> int:
    """'criticized free-trade deals and called for steep tariffs': the object ends
    where a second verb of the clause begins."""
    for a, _, _ in verbs:
        if cs < a < ce and text[a - 5:a] == " and ":
            return a - 5
    return ce


# "(on) Friday (afternoon)"
_DAY = (r"(?:on\s+)?(?:" + "|".join(d.capitalize() for d in WEEKDAYS) +
        r")(?:\s+(?:morning|afternoon|evening|night))?")
# a day right after a cue: "said Monday (that) ..."
_DAY_AFTER_CUE = re.compile(rf"\s+{_DAY}(?=[\s,.;])")
# What may stand between an attribution set inside its sentence and the comma that
# closes it: nothing, a day, or a short time or place phrase ("Mr. Clarke said Friday, ")
_INSET_AFTER = re.compile(r"(?P<gap>[^,.;:!?\"“”]{0,40}),\s+")
_INSET_GAP = re.compile(rf"\s*(?:{_DAY}|(?:in|at|during|on|after|before|last|this)\s[^,]{{1,36}}|"
                        r"yesterday|today|earlier|later|again|also|recently|then)?\s*")

_INSET_NOT_SOURCE = re.compile(r"(?:because|as|since|while|when|if|although|though|and|but|or|so|"
                               r"who|which|that|what)\s", re.I)
_MODAL_BEFORE = re.compile(r"\b(?:must|should|would|could|can|will|may|might|to)\s+$")
_ENDS_WITH_CONJUNCTION = re.compile(r"\s(?:and|but|or)$")


def _inset(text: str, s0: int, e0: int, cue: Cue, free: Callable[[int], bool]) -> Reported | None:
    """'Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt': an attribution
    set inside its sentence between commas; what was said is the sentence around it."""
    after = _INSET_AFTER.match(text, cue.end, e0)
    if after is None or not _INSET_GAP.fullmatch(after.group("gap")):
        return None
    comma = text.rfind(", ", s0, cue.start)
    if comma < 0 or not text[s0:comma].strip():
        return None
    src_start = comma + 2
    if len(text[src_start:cue.start].split()) > 6:
        return None
    if _INSET_NOT_SOURCE.match(text, src_start) or _MODAL_BEFORE.search(text, src_start, cue.start):
        # "because as The Wall Street Journal wrote, ...": a clause of its own; "I must
        # ask, ...": a verb that reports nothing yet
        return None
    mention = mentions.parse(text[src_start:cue.start])
    if mention is None or mention.kind == "pronoun" and mention.head in ("it", "that", "which", "this"):
        return None
    # "Donald Trump, the Republican nominee, said, ...": an apposition, not a content
    lead = text[s0:comma].split()
    if len(lead) <= 4 and all(w[:1].isupper() or w in ("of", "the", "and") for w in lead) and \
            (named := mentions.parse(" ".join(lead))) is not None and named.kind in ("name", "org"):
        return None
    cs, a_end = _trim(text, s0, comma)
    b_start, ce = _trim(text, after.end(), _cut_tail(text, after.end(), e0))
    if len(text[b_start:ce].split()) < 3 or _first_word(text[b_start:ce]) in _PARTICIPLE:
        return None
    if not all(free(i) for i in (cs, a_end - 1, b_start, ce - 1)):
        return None
    if _ENDS_WITH_CONJUNCTION.search(text, cs, a_end):
        # "Mr. King set himself apart from Mr. Schultz, who works for RT and, Mr. King
        # said, has ...": the statement opens with the clause that the conjunction ends
        inner = text.rfind(", ", cs, a_end)
        if inner >= 0:
            cs = inner + 2
    return Reported((cs, ce), mention, (src_start, cue.start), cue, inset=(a_end, b_start))


_SUBORDINATE_OPEN = re.compile(r"\s*(?:As|When|While|After|Before|Because|If|Although|Though|"
                               r"Since|Once|Until|Whereas)\s")


def _cut_subordinate(text: str, s0: int, cue_start: int, cs: int, ce: int) -> int:
    """'As Clinton talked about bringing communities together, Trump highlighted ...':
    a statement inside an opening subordinate clause ends with that clause."""
    if not _SUBORDINATE_OPEN.match(text, s0) or "," in text[s0:cue_start]:
        return ce
    comma = text.find(", ", cs, ce)
    return comma if comma >= 0 else ce


def _subject(text: str, s: int, e: int) -> tuple[Mention, int, int] | None:
    """The subject of a clause: "NATO has already responded ..." -> NATO."""
    m = _INTRO.match(text[s:e])
    if m and not text[s:s + m.end()].count(" that "):
        s += m.end()
    end = _SUBJECT_END.search(text, s, e)
    if not end:
        return None
    phrase_end = end.start()
    if phrase_end - s > 120 or phrase_end <= s:
        return None
    mention = mentions.parse(text[s:phrase_end])
    if mention is None:
        return None
    return mention, s, phrase_end


# "Ms. Lee thanked the crowd and said ...", "X has backed the plan but has since argued
# ...": a verb coordinated with the clause's first one shares its subject
_COORDINATED = re.compile(r"(?:,\s*|\s)(?:and|but)\s+(?:(?:also|then|later|since|now|again|still|"
                          r"even|only|has|have|had|[a-z]{3,}ly)\s+){0,3}$")


def _coordinated(text: str, s0: int, at: int, form: str) -> bool:
    """Does the verb form at `at` continue its clause after "and"/"but"? (An inflected form
    only: after "and" a bare form or a participle belongs to another construction, "vowed
    to fight and win", "calling them liars and saying".)"""
    verb = form.split()[0]
    lemma = (CUE_FORMS.get(verb) or STANCE_FORMS.get(form) or verb).split()[0]
    if lemma == verb or verb.endswith("ing") or verb.endswith("s") and lemma not in SAY_CLASS:
        return False  # "killings ... and attacks on the police": a plural noun
    return _COORDINATED.search(text, max(s0, at - 40), at) is not None


# what a coordinated participle takes when it is an adjective or a passive: "and alleged
# fraud", "aided by the Russians and opposed by the U.S."
_NOT_CONTENT_START = re.compile(r"(?:by|on|in|at|of|from|with|into|onto|upon)\b")


_JOINT = re.compile(r",\s+(?:but|while|and|whereas|although|though|yet)\s+")


def _last_joint(text: str, cs: int, at: int) -> re.Match[str] | None:
    found = None
    for m in _JOINT.finditer(text, max(cs, at - 80), at):
        found = m
    return found


def _cut_at_coordinated(text: str, s0: int, cs: int, ce: int) -> int:
    """Where a statement ends before a second one: 'X said the plan was dead, and accused Y
    of ...' (a verb coordinated with the cue: the same subject), '..., while the contractor
    said ...' (a source and cue of their own)."""
    if text.find(", ", cs, ce) < 0:
        return ce  # both splits need a comma
    found = [(c.start, c.text) for c in cuemod.cues_in(text, cs, ce)] + \
        [(a, form) for a, _, form in _stance_in(text, cs, ce)]
    for at, form in sorted(found):
        joint = _last_joint(text, cs, at) if CUE_FORMS.get(form) in SAY_CLASS else None
        got = cuemod.source_before(text, joint.end(), at) if joint is not None else None
        if joint is not None and got is not None and got[1] == joint.end() and \
                (got[0].kind != "pronoun" or got[0].head in ("he", "she", "they", "we", "i")):
            # "..., but six in 10 said ...", "..., while the contractor said ...": a clause
            # with a source and a cue of its own is a second statement
            return joint.start()
        if _coordinated(text, s0, at, form) and cuemod.is_verb_use(text, at):
            m = _COORDINATED.search(text, max(cs, at - 40), at)
            # (without a comma, "and" or "but" as often joins two verbs of the statement's
            # own subject: "said company leaders had listened but decided ...")
            if m is not None and m.start() > cs and m.group().startswith(","):
                return m.start()
    return ce



def _attributed(text: str, s0: int, content: tuple[int, int], cue: Cue,
                participle: bool) -> Reported | None:
    """The statement with its source before the cue; a participle ("..., adding that")
    or a coordinated verb ("... and said that") waits for the sentence's subject."""
    if participle:
        return Reported(content, None, None, cue, inherit_subject=True)
    got = cuemod.source_before(text, s0, cue.start)
    if got is None:
        if _coordinated(text, s0, cue.start, cue.text) and \
                not _NOT_CONTENT_START.match(text, content[0]):
            return Reported(content, None, None, cue, inherit_subject=True)
        return None
    mention, ss, se = got
    if mention.kind == "pronoun" and mention.head in ("it", "that", "which", "this"):
        return None
    return Reported(content, mention, (ss, se), cue)


def inside_span(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    """Is pos inside one of the sorted, non-overlapping spans (starts = their starts)?"""
    k = bisect_right(starts, pos) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def cue_starts(text: str) -> list[int]:
    """Where any cue of reported speech starts in the text, sorted: a sentence with none
    needs no analysis."""
    starts = [c.start for c in cuemod.cues_in(text, 0, len(text))]
    starts += [f[0] for f in _STANCE.within(text, 0, len(text))]
    starts += [f[0] for f in _ACCORDING.within(text, 0, len(text))]
    starts.sort()
    return starts


def find_reported(text: str, s0: int, e0: int, blocked: list[tuple[int, int]]
                  ) -> list[Reported]:
    """Reported statements in one sentence text[s0:e0]. `blocked` are quotation spans:
    a cue inside one is not the article's cue. (Most sentences carry no cue: callers skip
    them with `cue_starts`.)"""
    out: list[Reported] = []
    blocked = sorted(blocked)
    starts = [a for a, _ in blocked]

    def free(i: int) -> bool:
        return not inside_span(blocked, starts, i)

    # "According to X, CLAUSE" / "CLAUSE, according to X."
    for m in _according_in(text, s0, e0):
        if not free(m.start()):
            continue
        kw = m.group().strip().lower()
        comma = text.find(",", m.end(), e0)
        if kw == "as":
            if comma < 0 or m.start() != s0 and text[m.start() - 2:m.start()].strip() != ",":
                continue
            inner = cuemod.cues_in(text, m.end(), comma, speech_only=True)
            if not inner or inner[-1].lemma not in SAY_CLASS:
                continue
            src = mentions.parse(text[m.end():inner[-1].start])
            cue = inner[-1]
            cs, ce = _trim(text, comma + 1, _cut_tail(text, comma + 1, e0))
            if src is not None and ce - cs > 15:
                out.append(Reported((cs, ce), src, (m.end(), inner[-1].start), cue))
            continue
        cue = Cue(m.start(), m.end(), m.group().strip(), "according to")
        if comma >= 0 and (m.start() == s0 or text[s0:m.start()].strip().endswith(",") is False
                           and m.start() - s0 < 40):
            # leading: "According to X, CLAUSE"
            ss, se = _trim(text, m.end(), comma)
            src = mentions.parse(text[ss:se])
            cs, ce = _trim(text, comma + 1, _cut_tail(text, comma + 1, e0))
            if src is not None and ce - cs > 15:
                out.append(Reported((cs, ce), src, (ss, se), cue))
        elif text[s0:m.start()].rstrip().endswith(",") and comma >= 0 and \
                len(text[comma + 1:e0].split()) >= 4 and not _apposition_after(text, comma + 1, e0):
            # inserted: "As a first sign, according to X, NATO wants to ..." — what
            # follows the source is the statement
            ss, se = _trim(text, m.end(), comma)
            src = mentions.parse(text[ss:se])
            cs, ce = _trim(text, comma + 1, _cut_tail(text, comma + 1, e0))
            if src is not None and ce - cs > 15:
                out.append(Reported((cs, ce), src, (ss, se), cue))
        elif text[s0:m.start()].rstrip().endswith(","):
            # trailing: "CLAUSE, according to X."
            ss, se = _trim(text, m.end(), e0)
            src = mentions.parse(text[ss:se])
            intro = _INTRO.match(text[s0:m.start()])
            cs = s0 + intro.end() if intro and "," in text[s0 + intro.end():m.start()] else s0
            cs, ce = _trim(text, cs, m.start())
            if src is not None and ce - cs > 15:
                out.append(Reported((cs, ce), src, (ss, se), cue))

    for cue in cuemod.cues_in(text, s0, e0):
        if not free(cue.start) or any(r.cue.start <= cue.start < r.content[0] for r in out):
            continue
        if _not_a_statement(text, s0, cue.start, cue.text):
            continue
        if any(r.content[0] <= cue.start < r.content[1] for r in out):
            continue
        # "said Monday (that) ...": the day is when it was said, not what
        day = _DAY_AFTER_CUE.match(text, cue.end, e0)
        base = day.end() if day else cue.end
        after = text[base:min(e0, base + 300)]  # bounded: long sentences stay linear
        word = cue.text
        participle = word in _PARTICIPLE and text[max(s0, cue.start - 2):cue.start] == ", "
        # the content: "that CLAUSE", a bare clause after say-class verbs, "to VERB"
        content_start = None
        mt = _THAT.match(after)
        gap = mt.group("gap") if mt else ""
        if mt and _RELATIVE_THAT.match(text, base + mt.end()) and gap.strip():
            mt = None  # "spoke in a cottage that overlooks the bay": a relative clause
        if mt and _THAT_DETERMINER.match(text, base + mt.end()):
            mt = None  # "went on to win that year in a landslide"
        if mt and (_GAP_OK.fullmatch(gap) or (cue.lemma in _TELL_TYPE and len(gap.split()) <= 4
                                              and _GAP_OK.fullmatch(" ".join(gap.split()[1:]))
                                              ) or (cue.lemma in _TELL_TYPE and
                                                    len(gap.split()) <= 3)):
            content_start = base + mt.end()
        elif cue.lemma in _TELL_TYPE and (ml := _LISTENER.match(after)):
            content_start = base + ml.end()  # "told reporters he would ..."
        elif cue.lemma in _BARE_OK and (_FINITE.search(after[:_bare_reach(word, after)])
                                        or _PRONOUN_SUBJECT.match(after)) \
                and not (cue.lemma == "tell" and _LISTENER_ONLY.match(after) and " that " not in after[:80]) \
                and _CLAUSE_START.match(after) and not _NOT_CLAUSE_START.match(after) \
                and _first_word(after) not in _PARTICIPLE \
                or cue.lemma in _TO_VERBS and _TO_INF.match(after) \
                or cue.lemma in _WH_OK and _WH_CLAUSE.match(after):
            content_start = base
        sentence_final = False
        if content_start is None:
            # "CLAUSE, X said on Monday." — the cue closes the sentence
            rest = text[cue.end:e0] if e0 - cue.end < 200 else "x " * 9
            inverted = text[cue.start - 2:cue.start] == ", "
            if cue.lemma not in SAY_CLASS or word not in SPEECH_FORMS:
                continue
            if (inset := _inset(text, s0, e0, cue, free)) is not None:
                out.append(inset)
                continue
            if len(rest.split()) <= 8 and "," not in rest.strip().rstrip(".") and \
                    (_AFTER_FINAL_CUE.match(rest) or cue.lemma in _TELL_TYPE or
                     inverted and _INVERTED_SOURCE.match(rest)):
                sentence_final = True
            elif inverted and _inverted_name(text, cue.end, e0):
                # "..., said Brian Baker, a longtime adviser to the family."
                sentence_final = True
            else:
                continue
        if sentence_final:
            lead = text[s0:cue.start]
            comma = lead.rfind(", ")
            if comma < 0:
                continue
            src_start = s0 + comma + 2
            src_txt = text[src_start:cue.start]
            if any(ch in src_txt for ch in "\"“”"):
                continue  # the cue attributes a quotation: '..., "NATO's concerns," the official told'
            src = mentions.parse(src_txt)
            if src is None or len(src_txt.split()) > 14:
                inv = cuemod.source_after(text, cue.end, e0)
                if inv is None or text[src_start:cue.start].strip():
                    continue
                src = inv[0]
                sspan = (inv[1], inv[2])
            else:
                sspan = (src_start, cue.start)
            intro = _INTRO.match(text[s0:s0 + comma])
            cs = s0
            colon = text.rfind(": ", s0, s0 + comma)
            if colon >= 0:
                cs = colon + 2  # "X had dampened hopes: With expansion, NATO ..., he said"
            if intro and text[s0:s0 + intro.end()].split()[0].lower() in (
                    "but", "and", "however", "still", "yet", "so", "meanwhile"):
                cs = s0 + intro.end()
            cs, ce = _trim(text, cs, s0 + comma)
            if ce - cs > 15 and all(free(i) for i in (cs, ce - 1)) and \
                    not _APPOSITION.fullmatch(text, cs, ce):
                out.append(Reported((cs, ce), src, sspan, cue))
            continue
        assert content_start is not None
        ce = _cut_subordinate(text, s0, cue.start, content_start, _cut_tail(text, content_start, e0))
        ce = _cut_at_coordinated(text, s0, content_start, ce)
        cs, ce = _trim(text, content_start, ce)
        if ce - cs < 12 or len(text[cs:ce].split()) < 3:
            continue
        if (rep := _attributed(text, s0, (cs, ce), cue, participle)) is not None:
            out.append(rep)
    # "X called for the repeal of the law", "Y criticized the plan": the object is the
    # statement
    stances = _stance_in(text, s0, e0)
    for a, verb_end, form in stances:
        # a participle speaks for the clause's subject only after a comma: "..., calling
        # for permanent bases"; after "is" it is a verb of its own ("is calling for")
        participle = form.split()[0].endswith("ing") and not _PROGRESSIVE.search(text, max(s0, a - 6), a)
        if not free(a) or not cuemod.is_verb_use(text, a) or \
                participle and text[max(s0, a - 2):a] != ", ":
            continue
        if _not_a_statement(text, s0, a, form):
            continue
        if any(r.cue.start <= a < r.content[1] or r.content[0] <= a < r.content[1] for r in out):
            continue
        naming = STANCE_FORMS[form] in NAMING_VERBS
        if naming and not _NAMING_OBJECT.match(text, verb_end, e0):
            continue
        ce = _cut_subordinate(text, s0, a, verb_end, _cut_tail(text, verb_end, e0))
        if naming and (next_clause := _NEXT_CLAUSE.search(text, verb_end, ce)) is not None:
            ce = next_clause.start()  # "called her vote a mistake, but she noted ..."
        cs, ce = _trim(text, verb_end, _cut_at_next_verb(text, verb_end, ce, stances))
        if len(text[cs:ce].split()) < 3 or not naming and _STANCE_NOT_OBJECT.match(text, cs):
            continue
        cue = Cue(a, verb_end, form, STANCE_FORMS[form])
        if (rep := _attributed(text, s0, (cs, ce), cue, participle)) is not None:
            out.append(rep)
    # a participle ("..., adding that") speaks for the sentence's subject
    for r in out:
        if r.inherit_subject:
            prior = [o for o in out if o.mention is not None and o.cue.start < r.cue.start]
            said = [c for c in cuemod.cues_in(text, s0, r.cue.start)
                    if c.start < r.cue.start - 2 and free(c.start) and c.lemma in SAY_CLASS]
            got = cuemod.source_before(text, s0, said[-1].start) if said and not prior else None
            if prior:
                r.mention, r.source = prior[-1].mention, prior[-1].source
            elif got is not None:
                # '"...," he said, adding that ...': the speaker of the quotation
                r.mention, r.source = got[0], (got[1], got[2])
            else:
                subj = _subject(text, s0, r.cue.start)
                if subj is not None:
                    r.mention, r.source = subj[0], (subj[1], subj[2])
                elif (subj2 := mentions.clause_subject(text[s0:r.cue.start])) is not None:
                    # "Senator Ann Lee spoke in Riga, calling for ..."
                    r.mention, r.source = subj2[0], (s0 + subj2[1], s0 + subj2[2])
    return [r for r in out if r.mention is not None]
