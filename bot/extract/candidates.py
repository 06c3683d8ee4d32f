"""Who could have said it: for each statement, the people and organisations that might be
its source — the names written near it, the people the passage is about, the speaker the
rules chose — each with the places the article names it. The trained ranker (ranker.py)
chooses among them; features.py describes each one to it.

Candidates are entities, not mentions: "Okafor", "Mary Okafor" and the "she" the rules
resolved to her are one candidate, under the fullest name the article gives.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from bot.extract import mentions
from bot.extract.coreference import Discourse, Entity, Resolved
from bot.extract.cues import cut_title_case_verb
from bot.extract.gender import of_given_name
from bot.extract.lexicon import NATIONALITY_RE, NUMBERISH_RE, TITLE_WORDS, caps
from bot.extract.places import is_place
from bot.extract.segment import ABBREV
from bot.extract.wordfind import words_of

# A run of capitalised words (with the particles names carry), as a source is written
# (the look-ahead first: a particle is two or three letters before a capitalised word or
# another particle, "van der Ross", which rules most lower-case words out before the
# alternation is tried)
# (the run opens a word: its first capital, then a look-behind at what stands before it —
# the same matches as word_starts(pattern without it, text, pos, "_’'-"), without a Python
# loop over the matches; a look-behind before the capital would cost the regex engine its
# skip to capitals)
_RUN = re.compile(caps(r"[A-Z](?<![\w’'-][A-Z])[\w’'.&-]*"
                  r"(?:[ \t]+(?:[A-Z][\w’'.&-]*|(?=[a-z]{2,3}[ \t]+(?:[A-Z]|[a-z]{2,3}[ \t]+[A-Z]))"
                  r"(?:v[ao]n|d(?:e[rl]?|[aiu]|os)|al|bin|ibn|of|for|the)(?=[ \t])))*"))
# a wire story's opening place (in capitals), its country or date and agency
_DATELINE = re.compile(r"(?m)^[A-Z][A-Z'.-]{2,}(?:[ \t][A-Z][A-Z'.-]+)*"
                       r"(?:,[ \t]*[A-Z][\w.]*(?:[ \t][\w.]+){0,3}[ \t]*(?:\([^()\n]{1,30}\))?|[ \t]*\([^()\n]{1,30}\))"
                       r"[ \t]*(?:[-–—:]|\s(?=[A-Z]))")
# "the Texan", "the 29-year-old Texan": a nationality after "the" (and a word or two) is a description
_AFTER_THE = re.compile(r"(?<![\w’'-])[Tt]he\s+(?:[a-z0-9][\w-]*\s+){0,2}$")
_POSSESSIVE = re.compile(r"[’']s?$")
_ACRONYM_IN_PARENS = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)")
_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.I)
_JOINERS = {"of", "for", "and", "the", "on"}
_SENTENCE_END = re.compile(r"(?<=[a-z]{2})\.(?=\s)")
# How far a candidate's mention may stand from the statement: sentences before it, after it
SENTENCES_BEFORE = 3
SENTENCES_AFTER = 1
# People the passage has named lately (a pronoun's referents), at most this many
RECENT_PEOPLE = 6
RECENT_CHARS = 2500


@dataclass(slots=True)
class Shared:
    """Features that many candidates of an article have in common (those of a name, of
    one mention), built once, with the score the model gives them under each
    conjunction class, kept so that each is weighed once too."""

    features: dict[str, float]
    scores: dict[tuple[str, str], float] = field(default_factory=dict)

    # (written out: mypyc compiles this __init__, while the one @dataclass generates runs
    # interpreted, several times slower; the fields above stay the reference)
    def __init__(self, features: dict[str, float],
                 scores: dict[tuple[str, str], float] | None = None) -> None:
        self.features = features
        self.scores = {} if scores is None else scores


@dataclass(slots=True)
class Candidate:
    name: str
    kind: str  # "person" | "organisation" | "unnamed"
    role: str | None
    entity: Entity | None
    # where the article names it near the statement (start, end), outside its quotation
    near: list[tuple[int, int]] = field(default_factory=list)
    rule: bool = False  # the rules' answer
    rule_confidence: float = 0.0
    last_before: tuple[int, int] | None = None  # where the article last named it before the statement
    named_inside: bool = False  # the statement itself names it
    features: dict[str, float] = field(default_factory=dict)  # its own
    # features it shares with other candidates of the article (features.Shared)
    shared: list[Shared] = field(default_factory=list)
    conj: str = ""  # the class the features are conjoined with (features.conjoined)
    score: float = 0.0
    # name.casefold(), made once: the features and the candidate lists ask for it often
    key: str = field(init=False, default="")

    # (written out: mypyc compiles this __init__, while the one @dataclass generates runs
    # interpreted, several times slower; the fields above stay the reference)
    def __init__(self, name: str, kind: str, role: str | None, entity: Entity | None,
                 near: list[tuple[int, int]] | None = None, rule: bool = False,
                 rule_confidence: float = 0.0, last_before: tuple[int, int] | None = None,
                 named_inside: bool = False, features: dict[str, float] | None = None,
                 shared: list[Shared] | None = None, conj: str = "", score: float = 0.0) -> None:
        self.name = name
        self.kind = kind
        self.role = role
        self.entity = entity
        self.near = [] if near is None else near
        self.rule = rule
        self.rule_confidence = rule_confidence
        self.last_before = last_before
        self.named_inside = named_inside
        self.features = {} if features is None else features
        self.shared = [] if shared is None else shared
        self.conj = conj
        self.score = score
        self.key = name.casefold()

    def all_features(self) -> dict[str, float]:
        f = dict(self.features)
        for sh in self.shared:
            f.update(sh.features)
        return f


@dataclass(slots=True)
class Context:
    """What the candidates of one statement are measured against."""

    spans: list[tuple[int, int]]  # the statement's content pieces
    envelope: tuple[int, int]  # from its opening mark to its closing mark
    kind: str  # "direct" | "partial" | "reported"
    sentence: int  # index of the sentence it opens in
    last_sentence: int
    para: int
    mention_kind: str | None  # the source phrase the rules found: its kind
    mention_head: str | None
    mention_text: str | None
    source: tuple[int, int] | None
    cue: str | None
    inherited: bool
    previous_speakers: list[str]  # what the rules gave the statements before, latest first

    # (written out: mypyc compiles this __init__, while the one @dataclass generates runs
    # interpreted, several times slower; the fields above stay the reference)
    def __init__(self, spans: list[tuple[int, int]], envelope: tuple[int, int], kind: str, sentence: int,
                 last_sentence: int, para: int, mention_kind: str | None, mention_head: str | None,
                 mention_text: str | None, source: tuple[int, int] | None, cue: str | None,
                 inherited: bool, previous_speakers: list[str]) -> None:
        self.spans = spans
        self.envelope = envelope
        self.kind = kind
        self.sentence = sentence
        self.last_sentence = last_sentence
        self.para = para
        self.mention_kind = mention_kind
        self.mention_head = mention_head
        self.mention_text = mention_text
        self.source = source
        self.cue = cue
        self.inherited = inherited
        self.previous_speakers = previous_speakers


def defined_acronyms(text: str, start: int = 0) -> dict[str, str]:
    """Acronyms the article defines, to their full names: "the Department for Education
    (DfE)" gives DfE -> Department for Education (the capitals of the one are the
    initials of the other)."""
    out: dict[str, str] = {}
    for d in _ACRONYM_IN_PARENS.finditer(text, start):
        short = d.group(1)
        # the capitalised words (and joiners) right before the parenthesis
        words: list[str] = []
        window = text[max(start, d.start() - 120):d.start()].rsplit("\n", 1)[-1]
        for w in reversed(window.split()):
            if not (w[:1].isupper() or w in _JOINERS) or len(words) >= 9 or w.endswith("."):
                break
            words.insert(0, w)
        while words and (words[0] in _JOINERS or words[0].lower() in ("the", "a", "an")):
            words.pop(0)  # (a "The" the run begins with is no part of the name)
        initials = "".join(w[0] for w in words if w[0].isupper())
        if len(words) >= 2 and "".join(c for c in short if c.isupper()) == initials.upper():
            out[short] = " ".join(words)
    return out


# what _trim_run makes of a capitalised word opening a run, whatever the article: never
# cut, always cut (an article, a count or rank), or cut where the article also writes it in
# lower case (a capital that only opens a sentence, ordinary_capital)
_KEEP, _CUT, _CUT_IF_ORDINARY = 0, 1, 2
# (kept per word: the same words open the runs of every article, and NUMBERISH_RE, a
# case-insensitive alternation, costs several times the rest of the test)
_openers: dict[str, int] = {}


def _opener_class(first: str) -> int:
    got = _openers.get(first)
    if got is None:
        if first.lower() in ("the", "a", "an") or NUMBERISH_RE.match(first):
            got = _CUT
        elif first[1:].islower() and first.lower() not in TITLE_WORDS and of_given_name(first) is None:
            got = _CUT_IF_ORDINARY
        else:
            got = _KEEP
        if len(_openers) >= 50_000:
            _openers.clear()
        _openers[first] = got
    return got


def _trim_run(run: str, in_headline: bool, ordinary: set[str]) -> tuple[int, str]:
    """A capitalised run as a name may stand in it: how many characters are cut from its
    start, and what is left ("" for nothing)."""
    cut = 0
    # a run never crosses a sentence end ("... said Stoltenberg. The alliance")
    if "." in run:
        for end in _SENTENCE_END.finditer(run):
            if not ABBREV.search(run, 0, end.end()):
                run = run[:end.start()]
                break
    if in_headline:
        # "Hillary Clinton Speaks": in a title-case headline a verb looks like part of a
        # name
        run = cut_title_case_verb(run).strip()
    # "Young voters", "As the Kremlin", "The US": a capital that only opens a sentence,
    # and an article, are no part of the name
    while run:
        first = run.split(" ", 1)[0]
        opener = _opener_class(first)
        if not (opener == _CUT or opener == _CUT_IF_ORDINARY and first.lower() in ordinary):
            break
        cut_at = len(first) + 1 if " " in run else len(run)
        run, cut = run[cut_at:], cut + cut_at
    if run[-2:].endswith(("’", "'", "’s", "'s")):
        run = _POSSESSIVE.sub("", run)
    return cut, run


class NameRuns:
    """The capitalised runs of an article that name a person or an organisation, parsed
    once per article and found by position."""

    def __init__(self, disc: Discourse, start: int, headline_end: int = 0) -> None:
        text = disc.text
        self.starts: list[int] = []
        self.where: dict[str, list[tuple[int, int]]] = {}
        # acronyms the article defines: "the Department for Education (DfE)"
        self.expansions = defined_acronyms(text, start)
        self._people: list[tuple[int, int]] | None = None
        self._people_at: list[int] = []
        self._by_index: list[Entity] = []
        self.runs: list[tuple[int, int, str, str, Entity | None, str | None]] = []
        ordinary = words_of(text)
        # a name recurs through an article: each distinct run is parsed once (with the
        # key of its name)
        parsed: dict[str, tuple[str, str, Entity | None, str | None, str] | None] = {}
        # and trimmed once, outside a title-case headline (where the trim is by position):
        # what is cut from its start, what is left, and whether that is shaped like a
        # nationality ("Norwegian")
        trimmed: dict[str, tuple[int, str, bool]] = {}
        datelines = [d.span() for d in _DATELINE.finditer(text, start)]
        for m in _RUN.finditer(text, start):
            raw, at = m.group(), m.start()
            if datelines and _inside(at, datelines):
                continue  # "CONAKRY, Guinea (AP) -", "WASHINGTON, Dec. 3 -": where and when
            got_trim = trimmed.get(raw) if at >= headline_end else None
            if got_trim is None:
                cut_at, run = _trim_run(raw, at < headline_end, ordinary)
                got_trim = (cut_at, run, " " not in run and NATIONALITY_RE.match(run) is not None)
                if at >= headline_end:
                    trimmed[raw] = got_trim
            cut_at, run, nationality = got_trim
            if not run:
                continue
            at += cut_at
            if nationality and _AFTER_THE.search(text, max(0, at - 40), at):
                continue  # "the Norwegian", "the Republican": a description, read by the rules
            if run in parsed:
                got = parsed[run]
            else:
                found = self._candidate(disc, run)
                if found is not None and found[0] in self.expansions:
                    found = (self.expansions[found[0]], "organisation", found[2], found[3])
                got = parsed[run] = None if found is None else \
                    (found[0], found[1], found[2], found[3], found[0].casefold())
            if got is None:
                continue
            name, kind, ent, role, key = got
            self.starts.append(at)
            end = at + len(run)
            self.runs.append((at, end, name, kind, ent, role))
            where = self.where.get(key)
            if where is None:
                self.where[key] = [(at, end)]
            else:
                where.append((at, end))

    @staticmethod
    def _candidate(disc: Discourse, run: str) -> tuple[str, str, Entity | None, str | None] | None:
        mention = mentions.parse_shared(run.rstrip(".’'"))
        if mention is None or mention.name is None:
            return None
        if mention.kind == "name":
            ent = disc._find(mention.name)
            if ent is None and " " not in mention.name:
                ent = disc.misspelt(mention.name)  # "Cobahm" of Martins Cobham
            if ent is not None:
                return ent.name, ent.kind, ent, ent.role
            # (a country or a state speaks as its government: no person)
            return mention.name, "organisation" if is_place(mention.name) else "person", None, \
                mention.role
        if mention.kind == "org":
            # the organisation as written in full: "Ohio State Highway Patrol" (less what
            # opens the sentence: "But the Elysée Palace")
            return _DETERMINER.sub("", mention.text).rstrip(".’'"), "organisation", None, None
        return None

    def last_before(self, e: Entity, pos: int) -> int:
        """Where the article last named (or the rules last heard) the person before pos."""
        best = e.mentioned_before(pos)
        return max(best, e.last_spoke) if e.last_spoke < pos else best

    def people_near(self, disc: Discourse, pos: int, reach: int) -> list[Entity]:
        """The people named (or heard) in the `reach` characters before pos: found by
        position in one list of the article's mentions, not by asking every person."""
        if self._people is None:
            events: list[tuple[int, int]] = []
            for e in disc.entities:
                if e.kind != "person":
                    continue
                i = len(self._by_index)
                self._by_index.append(e)
                events.extend((m, i) for m in e.mentions)
                if e.last_spoke >= 0:
                    events.append((e.last_spoke, i))
            self._people = sorted(events)
            self._people_at = [p for p, _ in self._people]
        lo = bisect_left(self._people_at, pos - reach)
        hi = bisect_left(self._people_at, pos)
        seen: dict[int, Entity] = {}
        for _, i in self._people[lo:hi]:
            seen.setdefault(i, self._by_index[i])
        return list(seen.values())

    def between(self, lo: int, hi: int) -> list[tuple[int, int, str, str, Entity | None, str | None]]:
        return self.runs[bisect_left(self.starts, lo):bisect_right(self.starts, hi)]


def ordinary_capital(word: str, ordinary: set[str]) -> bool:
    """A capitalised word the article also writes in lower case ("Young", "Wait"): its
    capital may only open a sentence. An acronym ("US", "IT") is no such word."""
    return word[1:].islower() and word.lower() in ordinary


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    # (a loop, not any() over a generator: this runs for every name near every statement)
    for a, b in spans:  # noqa: SIM110
        if a <= pos < b:
            return True
    return False


def _add(out: dict[str, Candidate], expansions: dict[str, str], name: str, kind: str, ent: Entity | None,
         role: str | None) -> Candidate:
    """The candidate of that name (made on first sight), under the article's full name for
    an acronym it defines. (A module function, not a closure: the compiled build calls a
    closure through Python's protocol.)"""
    full = expansions.get(name)
    if full is not None:  # "DfE" where the article wrote "Department for Education (DfE)"
        name, kind = full, "organisation"
    key = name.casefold()
    c = out.get(key)
    if c is None:
        c = Candidate(name, kind, role, ent)
        out[key] = c
    elif c.entity is None and ent is not None:
        c.entity = ent
    return c


def candidates(ctx: Context, rule: Resolved | None, disc: Discourse, runs: NameRuns,
               sent_spans: list[tuple[int, int]], sent_para: list[int]) -> list[Candidate]:
    out: dict[str, Candidate] = {}
    expansions = runs.expansions
    rule_org: Candidate | None = None
    if rule is not None and rule.speaker:
        ent = rule.entity
        c = _add(out, expansions, ent.name if ent is not None else rule.speaker, rule.kind or "person", ent,
                 rule.role)
        if rule.kind == "organisation":
            rule_org = c
        c.rule = True
        c.rule_confidence = rule.confidence
        if ctx.source is not None:
            # the rules read it in the source phrase ("he", "the Norwegian"): named there
            c.near.append(ctx.source)
    # names written near the statement
    first = max(0, ctx.sentence - SENTENCES_BEFORE)
    last = min(len(sent_spans) - 1, ctx.last_sentence + SENTENCES_AFTER)
    while first < ctx.sentence and sent_para[first] < ctx.para - 1:
        first += 1
    while last > ctx.last_sentence and sent_para[last] > ctx.para:
        last -= 1
    lo, hi = sent_spans[first][0], sent_spans[last][1]
    qa, qb = ctx.envelope
    described = ctx.mention_kind in ("description", "unnamed", "document")
    for s, e, name, kind, ent, role in runs.between(lo, hi):
        if e > hi:
            continue
        if _inside(s, ctx.spans):
            continue  # a name inside the statement is what it speaks of
        if ctx.source is not None and ctx.source[0] <= s and e <= ctx.source[1]:
            if described:
                continue  # "the NATO official", "the New York state attorney general": a modifier
            if rule_org is not None and kind == "organisation" and name != rule_org.name:
                # "Police said", which the rules read as the "Greater Manchester Police"
                # named before: one organisation, not two candidates
                rule_org.near.append((s, e))
                continue
        _add(out, expansions, name, kind, ent, role).near.append((s, e))
    # the people the passage has been about, for a pronoun or a description
    near = [(runs.last_before(p, qa), k, p) for k, p in enumerate(runs.people_near(disc, qa, RECENT_CHARS))
            if p.first < qa]
    # (latest first; among equals, in the order the article introduced them)
    recent = [p for at, _, p in sorted(near, key=lambda x: (-x[0], x[1])) if at > qa - RECENT_CHARS]
    for person in recent[:RECENT_PEOPLE]:
        _add(out, expansions, person.name, person.kind, person, person.role)
    for c in out.values():
        spans = runs.where.get(c.key, [])
        k = bisect_left(spans, (qa, -1))
        if k:
            c.last_before = spans[k - 1]
        c.named_inside = False
        for s, _ in spans[k:k + 8]:
            if _inside(s, ctx.spans):
                c.named_inside = True
                break
    return list(out.values())


