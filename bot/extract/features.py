"""What the ranker knows of a candidate source: where the article names it relative to
the statement (side, distance in characters, sentences and paragraphs, what stands
between), the words around that mention (any verb, not only the lexicon's), whether it
is a sentence's subject or stands inside another quotation, what kind of name it is and
signs that it is none, agreement with the pronoun that introduces the statement, and
what the rules made of it.

Features are sparse: name → value (mostly 1.0). Their names are the model's vocabulary,
so renaming one is a change of model (retrain: `make train`)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from bot.extract import gender
from bot.extract.candidates import Candidate, Context, Shared, ordinary_capital
from bot.extract.lexicon import (
    CUE_FORMS,
    GENERIC_PERSON_HEADS,
    NATIONALITY_RE,
    ORG_NOUNS,
    ROLE_GENDER,
    STANCE_FORMS,
    TITLE_WORDS,
    UNNAMED_HEADS,
    caps,
)
from bot.extract.places import is_place
from bot.extract.wordfind import word_starts, words_of

_WORD = re.compile(r"[A-Za-z’'-]+|[0-9]+|[^\sA-Za-z0-9]")
_NEXT = re.compile(r"\s*(?:[,;]\s*)?([A-Za-z’'-]+)")
_PREV = re.compile(r"([A-Za-z’'-]+)[\s,]*$")
_PRONOUN_AFTER = re.compile(r"[,.!?]?[\"”’']*\s*(he|she|they|it|we|i)\s+([a-z]+)", re.I)
_PRONOUN_BEFORE = re.compile(r"\b(he|she|they|it|we|i)\s+([a-z]+)\s*[,:]?\s*$", re.I)
_PRONOUN_GENDER = {"he": "m", "she": "f", "they": "p", "it": "n", "we": "p", "i": "s"}
_DIST_BINS = (2, 6, 15, 40, 100, 250, 600, 1500)
_GAP_MAX = 48
_PLACE_RUN = re.compile(caps(r"(?:in|from|to|across|against|with|visit|visited)[ \t]+"
                        r"([A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*)*)"))
LEXICAL = ("next=", "prev=", "next_sfx=", "prev_sfx=")
# feature names of small ranges, made once
_NEAR = [f"near={k}" for k in range(4)]
_RECENT = [f"recent_mentions={k}" for k in range(4)]
_SD = {k: f"sd={k}" for k in range(-3, 3)}
_PD = {k: f"pd={k}" for k in range(-2, 2)}
_COUNT_BINS = (0, 1, 2, 4, 8)
_BACK_BINS = (0, 1, 2, 4, 8)
_NTOK = [f"ntok={k}" for k in range(4)]
_COUNT = [f"count={k}" for k in range(len(_COUNT_BINS) + 1)]
_BACK = [f"back={k}" for k in range(len(_BACK_BINS) + 1)]
_RANK_RECENT = [f"rank_recent={k}" for k in range(5)]
_RANK_AGREE = [f"rank_agree={k}" for k in range(4)]
# side → distance bin → the three features of the nearest mention's place
_PLACE = {side: [(f"side={side}", f"dist={db}", f"side&dist={side}{db}")
                 for db in range(len(_DIST_BINS) + 1)]
          for side in ("before", "after", "between")}
# finite verbs and auxiliaries that follow a subject: no noun for a name to qualify
_FINITE = {"is", "was", "are", "were", "has", "had", "have", "will", "would", "could", "can",
           "should", "may", "might", "must", "did", "does", "do", "also", "then", "later"}


@dataclass(slots=True)
class ArticleFacts:
    text: str
    sent_starts: list[int]
    sent_para: list[int]
    quoted: list[tuple[int, int]]  # every quotation, from its opening mark to its closing
    quoted_starts: list[int]
    counts: dict[str, int]  # how often the article names each candidate (by key)
    places: set[str] | None = None
    by_name: dict[tuple[str, str, bool, bool], Shared] = field(default_factory=dict)
    by_mention: dict[tuple[int, int, bool, str], Shared] = field(default_factory=dict)
    opening: dict[int, int] = field(default_factory=dict)  # _opening, by position

    def after_place_word(self, name: str) -> bool:
        """Does the article write the name after "in", "from", "to" ... (a place)?"""
        if self.places is None:
            # (one pass over the article: every capitalised run after such a word, and
            # each run's opening words)
            got: set[str] = set()
            for m in word_starts(_PLACE_RUN, self.text):
                words = m.group(1).split()
                got.update(" ".join(words[:k]) for k in range(1, len(words) + 1))
            self.places = got
        return name in self.places

    def sentence(self, pos: int) -> int:
        return max(0, bisect_right(self.sent_starts, pos) - 1)

    def in_quotation(self, pos: int) -> bool:
        k = bisect_right(self.quoted_starts, pos) - 1
        return k >= 0 and self.quoted[k][0] < pos < self.quoted[k][1]


# how a mention stands in its sentence (_opening)
SUBJECT = 1
SUBJECT_AFTER_INTRO = 2


def _bin(n: int, bins: tuple[int, ...] = _DIST_BINS) -> int:
    """The index of the first bin n fits in (n <= its bound), len(bins) past the last."""
    return bisect_left(bins, n)


@lru_cache(maxsize=4096)
def _shape(gap: str) -> str:
    """What stands between a statement and a name, as a pattern: cue words as V, other
    words as w (capitalised W), punctuation as itself — ', said' → ',V'. (Kept per gap: ', he said'
    recurs.)"""
    out = []
    for tok in _WORD.findall(gap):
        low = tok.lower()
        if low in CUE_FORMS or low in STANCE_FORMS:
            out.append("V")
        elif tok[0].isalpha():
            out.append("W" if tok[0].isupper() else "w")
        elif tok[0].isdigit():
            out.append("0")
        else:
            # ("|" joins a feature to its conjunction: never one of a feature's own)
            out.append({"“": '"', "”": '"', "‘": "'", "’": "'", "—": "-", "–": "-", "|": "/"}.get(tok, tok))
    return "".join(out[:8])


@lru_cache(maxsize=16384)
def _word_keys(where: str, w: str, side: str) -> tuple[str, ...]:
    """The word next to a mention: itself, its ending (a verb outside the lexicon
    inflects like one: "chortled"), and whether it is a reporting verb. (Kept per word:
    the same few words stand next to most names.)"""
    cue = w in CUE_FORMS or w in STANCE_FORMS
    head = (f"{where}={w}", f"{where}_sfx={w[-2:]}")
    return (*head, f"{where}_cue", f"side&{where}_cue={side}{cue}") if cue else \
        (*head, f"side&{where}_cue={side}{cue}")


def _word_features(f: dict[str, float], where: str, w: str, side: str) -> None:
    for k in _word_keys(where, w, side):
        f[k] = 1.0


def adjacent_pronoun(text: str, ctx: Context) -> str | None:
    """The pronoun that introduces the statement: the rules' source phrase when it is one,
    else one written right after or before the quotation ('," she quipped')."""
    if ctx.mention_kind == "pronoun":
        return ctx.mention_head
    if ctx.mention_kind is not None:
        return None
    a, b = ctx.envelope
    m = _PRONOUN_AFTER.match(text, b, min(len(text), b + 30))
    if m is not None:
        return m.group(1).lower()
    m = _PRONOUN_BEFORE.search(text, max(0, a - 30), a)
    return m.group(1).lower() if m is not None else None


def _candidate_gender(c: Candidate) -> str | None:
    ent = c.entity
    if ent is not None and ent.gender:
        return ent.gender
    if c.kind != "person":
        return None
    toks = c.name.split()
    if len(toks) > 1:
        got = gender.of_given_name(toks[0])
        if got:
            return got
    for w in (c.role or "").lower().split():
        if w in ROLE_GENDER:
            return ROLE_GENDER[w]
    return None


def conjoined(c: Candidate) -> dict[str, float]:
    """The features as the model weighs them: each also under the kind of source phrase
    the rules found (the same signs weigh differently after a name, a pronoun or nothing
    at all), but for the words themselves. Scoring (ranker.py) folds these weights
    together instead of building the pairs."""
    f = c.all_features()
    f.update({f"{c.conj}|{k}": v for k, v in f.items() if not k.startswith(LEXICAL)})
    return f


def _name_features(c: Candidate, facts: ArticleFacts) -> Shared:
    """What the name itself says (kept per article: a name recurs)."""
    key = (c.key, c.kind, c.entity is not None, bool(c.role))
    got = facts.by_name.get(key)
    if got is not None:
        return got
    f: dict[str, float] = {}
    toks = c.name.split()
    f[_NTOK[min(len(toks), 3)]] = 1.0
    if toks and ordinary_capital(toks[0], words_of(facts.text)):
        f["first_is_word"] = 1.0
        if len(toks) == 1:
            f["single_word_name"] = 1.0
    if c.kind == "person" and len(toks) == 1 and c.entity is None:
        f["lone_unknown_name"] = 1.0
    if c.name.isupper():
        f["all_caps"] = 1.0
    if len(toks) == 1 and c.entity is None and NATIONALITY_RE.match(c.name):
        f["nationality_word"] = 1.0  # "Russian", "Republican" (or a name so shaped)
    if c.role:
        f["has_role"] = 1.0
    if c.entity is not None and c.entity.confirmed:
        f["confirmed"] = 1.0
    f[_COUNT[_bin(facts.counts.get(c.key, 0), _COUNT_BINS)]] = 1.0
    if c.name.startswith("["):
        f["unnamed"] = 1.0
    if c.kind == "person" and facts.after_place_word(c.name):
        f["place_like"] = 1.0
    if len(toks) > 1 and gender.of_given_name(toks[0]) is not None:
        f["given_name"] = 1.0  # "Mary Okafor", not "New Zealand" or "Dirty Dancing"
    if is_place(c.name):
        f["place"] = 1.0  # "Ohio", "New Hampshire": a country or a state, never "he"
    got = facts.by_name[key] = Shared(f)
    return got


def _opening(s: int, facts: ArticleFacts) -> int:
    """Does the mention at s open its sentence: SUBJECT, SUBJECT_AFTER_INTRO (after an
    opening phrase) or 0. (Kept per position: a name is the last mention before many
    statements.)"""
    got = facts.opening.get(s)
    if got is None:
        head = facts.text[facts.sent_starts[facts.sentence(s)]:s].strip(" \"“‘'(")
        got = facts.opening[s] = SUBJECT if not head else \
            SUBJECT_AFTER_INTRO if head.endswith(",") and len(head) < 40 else 0
    return got


def _subject(s: int, facts: ArticleFacts) -> bool:
    """Does the mention at s open its sentence (after an opening phrase, perhaps)?"""
    return _opening(s, facts) != 0


_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz’'-")


def _prev_word(text: str, s: int) -> str | None:
    """The word before s, past spaces and commas, within 30 characters: what
    _PREV.search(text, max(0, s - 30), s) finds in its group, by a walk back from s (the
    regex tries every start in the window, each to the end: a seventh of the time)."""
    lo = max(0, s - 30)
    q = s
    while q > lo and (text[q - 1] == "," or text[q - 1].isspace()):
        q -= 1
    p = q
    while p > lo and text[p - 1] in _WORD_CHARS:
        p -= 1
    return text[p:q] if p < q else None


def _mention_features(s: int, e: int, single: bool, side: str,
                      facts: ArticleFacts) -> Shared:
    """The words around one mention and its place in its sentence (kept per article: a
    mention is near several statements)."""
    key = (s, e, single, side)
    got = facts.by_mention.get(key)
    if got is not None:
        return got
    text = facts.text
    f: dict[str, float] = {}
    nxt = _NEXT.match(text, e, min(len(text), e + 30))
    nw = nxt.group(1) if nxt is not None else None
    if nw is not None:
        _word_features(f, "next", nw.lower(), side)
    prv = _prev_word(text, s)
    if prv is not None:
        _word_features(f, "prev", prv.lower(), side)
    # a lower-case word right after it, no cue: a noun it qualifies, perhaps
    noun_after = nw is not None and text[e:e + 1] == " " and nw.islower() and nw not in CUE_FORMS
    if single and noun_after and nw not in _FINITE:
        f["before_common_noun"] = 1.0  # "Russian borders", "Senate leaders"
    opening = _opening(s, facts)
    if opening == SUBJECT:
        f["subject"] = 1.0
    elif opening == SUBJECT_AFTER_INTRO:
        f["subject_after_intro"] = 1.0
    if facts.in_quotation(s):
        f["in_quotation"] = 1.0
    if noun_after and prv is not None and prv.lower() in ("the", "a", "an"):
        f["modifier"] = 1.0  # "the NATO official", "the New York state attorney general"
    got = facts.by_mention[key] = Shared(f)
    return got


def describe(cands: list[Candidate], ctx: Context, facts: ArticleFacts) -> None:
    """Fill each candidate's features."""
    text = facts.text
    pron = adjacent_pronoun(text, ctx)
    qa, qb = ctx.envelope
    qsent, qlast = ctx.sentence, ctx.last_sentence
    para_q = ctx.para
    mk = ctx.mention_kind or "none"
    # (which pronoun, where it is one: "he", "she", "it" and "they" refer differently)
    mkc = f"{mk}:{ctx.mention_head}" if mk == "pronoun" else mk if mk != "none" or pron is None \
        else f"none:{pron}"
    mhead = ctx.mention_head if ctx.mention_kind in ("description", "unnamed", "document") else None
    desc_words = set((ctx.mention_text or "").lower().split()) if ctx.mention_kind in (
        "description", "unnamed") else set()
    # what kind of description introduces the statement: definite ("the world number
    # one", often someone the article named) or not ("a senior official"), and whether
    # its head is a word for an anonymous source, a title, or neither (an epithet)
    desc_class = _description_class(ctx) if mk in ("description", "unnamed") else None
    # the order in which the article last named them: who the passage is about
    named = sorted((c for c in cands if c.last_before is not None),
                   key=lambda c: -(c.last_before[0] if c.last_before else 0))
    recent_rank = {c.key: k for k, c in enumerate(named)}
    agree_rank: dict[str, int] = {}
    if pron in ("he", "she"):
        want = _PRONOUN_GENDER[pron]
        fit = [c for c in named if c.kind == "person" and _candidate_gender(c) in (want, None)]
        agree_rank = {c.key: k for k, c in enumerate(fit)}
    src = ctx.source
    previous = [name.casefold() for name in ctx.previous_speakers]
    # the names of the features that vary with the statement only, made once for all of
    # its candidates rather than once each
    rule_mk, norule_mk = f"rule&mk={mk}", f"norule&mk={mk}"
    rule_q = f"rule&q={ctx.kind}"
    at_source_mk = f"at_source&mk={mk}"
    spoke = [(f"spoke_before={k}", f"spoke_before={k}&mk={mk}") for k in range(len(previous))]
    pg = _PRONOUN_GENDER.get(pron, "?") if pron is not None else "?"
    rank_pron = [f"rank_recent={k}&pron={pron}" for k in range(5)] if pron is not None else []
    agree_names = {a: f"pron={pron}&agree={a}" for a in "uyn"} if pron is not None else {}
    pron_rule = f"pron={pron}&rule"
    by_kind: dict[str, tuple[str, str, str]] = {}  # kind → kind=, pron&kind= and head&kind=
    for c in cands:
        best_sourced = False
        at_source = False
        recent_mentions = 0
        f: dict[str, float] = {}
        kind_names = by_kind.get(c.kind)
        if kind_names is None:
            kind_names = by_kind[c.kind] = (f"kind={c.kind}", f"pron={pron}&kind={c.kind}",
                                            f"head={mhead}&kind={c.kind}")
        f[kind_names[0]] = 1.0
        if c.rule:
            f["rule"] = 1.0
            f[rule_mk] = 1.0
            f[rule_q] = 1.0
            # how the rules got there: a full name, a surname, a subject, a group ...
            f[_rule_conf(c.rule_confidence)] = 1.0
            if ctx.inherited:
                f["rule&inherited"] = 1.0
        else:
            f[norule_mk] = 1.0
        shared = [_name_features(c, facts)]
        # the nearest place the article names it
        # (the mention the rules read as the source, where it is one of them: its verb and
        # punctuation say most)
        best: tuple[int, str, int, int] | None = None
        for s, e in c.near:
            if e <= qa:
                d, side = qa - e, "before"
                if s >= qa - 600:
                    recent_mentions += 1
            elif s >= qb:
                d, side = s - qb, "after"
            else:
                d, side = 0, "between"
                if s < qa and s >= qa - 600:
                    recent_mentions += 1
            sourced = src is not None and s < src[1] and e > src[0]
            at_source = at_source or sourced
            if best is None or sourced or d < best[0] and not best_sourced:
                best = (d, side, s, e)
                best_sourced = sourced
        f[_NEAR[min(len(c.near), 3)]] = 1.0
        if at_source:
            # the phrase the rules read as the source names this candidate
            f["at_source"] = 1.0
            f[at_source_mk] = 1.0
        if best is not None and src is not None and best[1] != "between" and \
                (src[1] <= best[2] if best[1] == "after" else best[3] <= src[0]) and \
                (src[0] >= qb if best[1] == "after" else src[1] <= qa):
            f["beyond_source"] = 1.0  # the source phrase stands between it and the statement
        if mhead is not None:
            # "the company" is an organisation, "the senator" a person
            f[kind_names[2]] = 1.0
        if best is not None:
            d, side, s, e = best
            f_side, f_dist, f_side_dist = _PLACE[side][_bin(d)]
            f[f_side] = 1.0
            f[f_dist] = 1.0
            f[f_side_dist] = 1.0
            ms = facts.sentence(s)
            sd = ms - qsent if ms < qsent else (0 if ms <= qlast else ms - qlast)
            f[_SD[max(-3, min(2, sd))]] = 1.0
            pd = facts.sent_para[ms] - para_q
            f[_PD[max(-2, min(1, pd))]] = 1.0
            if side == "before":
                f[f"gap=before:{_shape(text[e:qa])}" if qa - e <= _GAP_MAX else "gap=before:far"] = 1.0
            elif side == "after":
                f[f"gap=after:{_shape(text[qb:s])}" if s - qb <= _GAP_MAX else "gap=after:far"] = 1.0
            shared.append(_mention_features(s, e, " " not in c.name, side, facts))
        else:
            f["not_near"] = 1.0
        ent = c.entity
        if ent is not None:
            last = ent.mentioned_before(qa)
            if last >= 0:
                f[_BACK[_bin(qsent - facts.sentence(last), _BACK_BINS)]] = 1.0
        key = c.key
        if key in previous:
            f_spoke, f_spoke_mk = spoke[previous.index(key)]
            f[f_spoke] = 1.0
            f[f_spoke_mk] = 1.0
        f[_RECENT[min(recent_mentions, 3)]] = 1.0
        if c.named_inside:
            f["named_in_statement"] = 1.0
        if c.last_before is not None and _subject(c.last_before[0], facts):
            f["last_mention_subject"] = 1.0
        rank = recent_rank.get(key)
        if rank is not None:
            f[_RANK_RECENT[min(rank, 4)]] = 1.0
            if pron is not None:
                f[rank_pron[min(rank, 4)]] = 1.0
        rank = agree_rank.get(key)
        if rank is not None:
            f[_RANK_AGREE[min(rank, 3)]] = 1.0
        if pron is not None:
            g = _candidate_gender(c)
            f[agree_names["u" if g is None else ("y" if g == pg else "n")]] = 1.0
            f[kind_names[1]] = 1.0
            if c.rule:
                f[pron_rule] = 1.0
        if desc_class is not None:
            f[f"desc={desc_class}&kind={c.kind}"] = 1.0
        if desc_words and c.kind == "person":
            # "the Norwegian", "the senator": a description that fits what the article
            # says of the person (their role as written, or words around their name)
            role = set((c.role or "").lower().split())
            if desc_words & role:
                f["description_fits_role"] = 1.0
            if ctx.mention_head and ctx.mention_head in role:
                f["description_head_in_role"] = 1.0
        c.features = f
        c.shared = shared
        c.conj = mkc


_DEFINITE = {"the": "the", "his": "poss", "her": "poss", "their": "poss", "its": "poss",
             "a": "a", "an": "a", "one": "a", "another": "a", "some": "a", "several": "a"}


def _description_class(ctx: Context) -> str:
    words = (ctx.mention_text or "").lower().split()
    det = _DEFINITE.get(words[0], "other") if words else "other"
    head = ctx.mention_head or ""
    cls = "anon" if head in UNNAMED_HEADS else "title" if head in TITLE_WORDS or head in GENERIC_PERSON_HEADS \
        else "org" if head in ORG_NOUNS else "other"
    return f"{det}:{cls}"


@lru_cache(maxsize=256, typed=True)
def _rule_conf(confidence: float) -> str:
    return f"rule&conf={round(confidence, 2)}"
