"""One article in, its quotations out: spans, cues, speakers, dates. Pure; no I/O."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from bot.extract import cues as cuemod
from bot.extract import dates, ranker, roles
from bot.extract.candidates import Candidate, Context, NameRuns, candidates, defined_acronyms
from bot.extract.coreference import Discourse, Resolved
from bot.extract.cues import (
    Attribution,
    Cue,
    attribution_after,
    attribution_before,
    cues_in,
    cut_title_case_verb,
    source_before,
)
from bot.extract.features import ArticleFacts, describe
from bot.extract.lexicon import caps
from bot.extract.marks import Mark, Paragraph, find_quotes, paragraphs
from bot.extract.mentions import Mention
from bot.extract.mentions import clause_subject as mentions_clause_subject
from bot.extract.mentions import parse as parse_mention
from bot.extract.reported import cue_starts, find_reported, inside_span
from bot.extract.segment import sentences
from bot.models import Article, Quote

_SMALL = {"a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "at", "by", "with",
          "de", "von", "van"}


@dataclass(slots=True)
class _Rec:
    spans: list[tuple[int, int]]
    kind: str
    mention: Mention | None
    source: tuple[int, int] | None
    cue: Cue | None
    para: int
    inherit_from: _Rec | None = None
    resolved: Resolved | None = None
    marks: list[Mark] = field(default_factory=list)
    adjacent: bool = False
    rule: Resolved | None = None  # what the rules alone made of the source
    candidates: list[Candidate] = field(default_factory=list)

    # (written out: mypyc compiles this __init__, while the one @dataclass generates runs
    # interpreted, several times slower; the fields above stay the reference)
    def __init__(self, spans: list[tuple[int, int]], kind: str, mention: Mention | None,
                 source: tuple[int, int] | None, cue: Cue | None, para: int, inherit_from: _Rec | None = None,
                 resolved: Resolved | None = None, marks: list[Mark] | None = None, adjacent: bool = False,
                 rule: Resolved | None = None, candidates: list[Candidate] | None = None) -> None:
        self.spans = spans
        self.kind = kind
        self.mention = mention
        self.source = source
        self.cue = cue
        self.para = para
        self.inherit_from = inherit_from
        self.resolved = resolved
        self.marks = [] if marks is None else marks
        self.adjacent = adjacent
        self.rule = rule
        self.candidates = [] if candidates is None else candidates

    @property
    def key(self) -> int:
        return self.source[0] if self.source else self.spans[0][0]


# What stands before the title of a work rather than a quotation: the work's noun, a
# possessive, a preposition or "titled"
_WORKS = ("book|memoir|novel|film|movie|documentary|column|commentary|op-ed|essay|article|"
          "song|album|podcast|titled|entitled|headlined")
_TITLE_NOUN_BEFORE = re.compile(rf"\b(?:{_WORKS})\s*,?\s*$", re.I)
_TITLE_BEFORE = re.compile(rf"(?:\b(?:{_WORKS}|show|program|programme|series|headline|ad|spot|"
                           r"video|speech|dubbed|on|of|in|at|from|with)|[’']s)\s*,?\s*$", re.I)


_ANONYMITY = re.compile(r"(?:that\s+)?(?:he|she|they|his|her|their\s+)?\s*(?:not\s+to\s+be\s+"
                        r"(?:named|identified|quoted)|to\s+remain\s+anonymous|anonymity)\b", re.I)
_LIST_GAP = re.compile(r"\s*(?:[,;]\s*)?(?:(?:and|or|&)\s+)?")


def _listed(text: str, a: Mark | None, b: Mark | None) -> bool:
    """Do the two quotations stand side by side as items of one list, nothing but a comma
    or "and" between them?"""
    if a is None or b is None or a.close is None or a.para != b.para:
        return False
    m = _LIST_GAP.match(text, a.close_end, b.open)
    return m is not None and m.end() == b.open


def _titlecase(s: str) -> bool:
    words = [w for w in re.findall(r"[\w’'-]+", s)]
    return bool(words) and all(w[0].isupper() or w.lower() in _SMALL or w[0].isdigit()
                               for w in words)


class _Sentences:
    def __init__(self, text: str, paras: list[Paragraph], quotes: list[Mark]) -> None:
        self.spans: list[tuple[int, int]] = []
        self.para_of: list[int] = []
        by_para: dict[int, list[Mark]] = {}
        for q in quotes:
            by_para.setdefault(q.para, []).append(q)
        for p in paras:
            for s in sentences(text, p, by_para.get(p.index, [])):
                self.spans.append(s)
                self.para_of.append(p.index)
        self.starts = [s for s, _ in self.spans]

    def index(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)


def _same_title(line: str, title: str) -> bool:
    """Is this first line the headline? A title given apart from the text may differ from
    the line in its full stops (also one inside a closing quotation mark: "... 'Terrifying.'"
    / "... 'Terrifying'") or spacing."""
    def norm(s: str) -> str:
        return " ".join(s.replace(".", "").split()).casefold()
    return norm(line) == norm(title)


def extract(article: Article) -> list[Quote]:
    """The article's quotations and reported statements, each with the speaker the trained
    ranker chose among its candidates."""
    recs = _analyse(article, ranker.load())
    return [_to_quote(article, r) for r in recs]


def extract_candidates(article: Article) -> list[tuple[Quote, list[Candidate]]]:
    """Each statement as the rules alone attribute it, with its candidate sources and
    their features: what the ranker is trained on (train/train_ranker.py)."""
    recs = _analyse(article, None)
    return [(_to_quote(article, r), r.candidates) for r in recs]


def _analyse(article: Article, model: ranker.Ranker | None) -> list[_Rec]:
    text = article.text
    paras = [p for p in paragraphs(text, article.body_start)
             if not any(a <= p.start < b for a, b in article.boilerplate)]
    for i, p in enumerate(paras):
        p.index = i
    headline = 0 if paras and article.title and _same_title(text[paras[0].start:paras[0].end],
                                                             article.title) else None
    marks = find_quotes(text, paras, headline)
    sents = _Sentences(text, paras, marks)
    recs = _quote_records(text, paras, marks, sents, headline)
    recs += _reported_records(text, paras, marks, recs, sents, headline)
    recs.sort(key=lambda r: r.spans[0][0])
    _inherit(text, paras, recs)
    recs = _join_fragments(text, recs, sents)
    head_end = paras[0].end if headline is not None and \
        _titlecase(text[paras[0].start:paras[0].end]) else 0
    disc = _resolve(article, recs, head_end)
    if recs:
        _rank(article, recs, marks, sents, disc, model,
              paras[0].end if headline is not None else 0)
    return recs


def _quote_records(text: str, paras: list[Paragraph], marks: list[Mark], sents: _Sentences,
                   headline: int | None) -> list[_Rec]:
    recs: list[_Rec] = []
    rec_of: dict[int, _Rec] = {}
    paras_by_index = {p.index: p for p in paras}
    for i, q in enumerate(marks):
        si = sents.index(q.open)
        s, e = sents.spans[si]
        prev = marks[i - 1] if i > 0 else None
        nxt = marks[i + 1] if i + 1 < len(marks) else None
        hi = e if nxt is None or nxt.open >= e else nxt.open
        lo = s if prev is None or prev.close_end <= s else prev.close_end
        post = attribution_after(text, q.close_end, hi) if q.close is not None else None
        pre = attribution_before(text, lo, q.open) if lo < q.open else None
        attr: Attribution | None = post or pre
        if post and pre and pre.adjacent and not post.adjacent:
            attr = pre
        if attr is None and lo == s and s == paras_by_index[q.para].start:
            attr = _introduced(text, q, paras_by_index, sents)
        content = text[q.start:q.end]
        words = len(content.split())
        lead = text[lo:q.open].strip(" ,:—–-")
        starts_sentence = lead == "" or (pre is not None and pre.adjacent)
        kind = "direct" if starts_sentence or (post is not None and lead == "") else "partial"
        adjacent = bool(attr and attr.adjacent)
        named = None
        if attr is None:
            # 'Trump called the senator a "nasty guy"': naming someone is saying something
            named = _naming(text, lo, q.open)
            if named is not None:
                attr, adjacent = named, True
        if q.para == headline and attr is None:
            attr = _headline_source(text, paras_by_index[q.para], q)
            if attr is None:
                continue
            adjacent = True
        # Names, titles and scare quotes: short, or a title-cased name, with no cue that
        # touches them.
        # A quotation that opens its sentence and ends like one is a statement, however
        # short ('"Second part."' after a split attribution).
        full_sentence = lead == "" and content[-1:] in ".!?,"
        if not adjacent and not full_sentence and (
                words <= 2 or (_titlecase(content) and words <= 6)):
            continue
        if not adjacent and words <= 8 and _titlecase(content) and (
                _listed(text, prev, q) or _listed(text, q, nxt)):
            continue  # 'films such as "The Hit," "Wall Street," and "Big Eyes"': titles
        if words <= 8 and _TITLE_BEFORE.search(text, max(lo, q.open - 40), q.open) and \
                (_titlecase(content) or content.endswith(",") and
                 _TITLE_NOUN_BEFORE.search(text, max(lo, q.open - 40), q.open)):
            continue  # 'his book, "Make Your Kid a Millionaire," ...', 'CBS's "Face the Nation"'
        if attr is None and kind == "partial" and words <= 4:
            continue
        r = _Rec([(q.start, q.end)], kind, attr.mention if attr else None,
                 (attr.source_start, attr.source_end) if attr else None,
                 attr.cue if attr else None, q.para, marks=[q], adjacent=adjacent)
        recs.append(r)
        rec_of[i] = r
    # Join the pieces of one quotation: across paragraphs, and around its attribution.
    merged: list[_Rec] = []
    index_of = {id(m): k for k, m in enumerate(marks)}
    absorbed: set[int] = set()
    for r in recs:
        if id(r) in absorbed:
            continue
        merged.append(r)
        while True:
            last = r.marks[-1]
            k = index_of[id(last)]
            following = rec_of.get(k + 1)
            if following is None or id(following) in absorbed:
                break
            continued = last.continues and following.mention is None
            # (or the quotation runs on to an attribution at its end: '“... / “...,” a senior
            # police officer said.' — every paragraph of it is theirs)
            attributed_at_end = last.continues and r.mention is None and following.mention is not None
            # the second piece may have found the same attribution, before it
            shared = following.mention is None or following.source == r.source
            split = (shared and following.para == last.para and r.mention is not None
                     and r.source is not None and r.source[0] > last.close_end
                     and _only_attribution_between(text, r, last, following.marks[0], sents))
            if not (continued or split or attributed_at_end):
                break
            if attributed_at_end:
                r.mention, r.source, r.cue = following.mention, following.source, following.cue
                r.adjacent = following.adjacent
            r.spans += following.spans
            r.marks += following.marks
            if r.kind == "partial" and following.kind == "direct":
                r.kind = "direct"
            absorbed.add(id(following))
    return merged


_NAMING = re.compile(r"(?<![\w’'-])(?:call(?:s|ed|ing)?|dub(?:s|bed|bing)?|label(?:s|ed|led|ing)?|"
                     r"brand(?:s|ed|ing)?|term(?:s|ed)?|nicknamed|likened\s+[^,.;:\"“”]{1,40}?\s+to|"
                     r"(?:describ|characteriz|characteris|portray|paint)(?:e|es|ed|ing|s)?"
                     r"\s+[^;:\"“”]{0,80}?\s*,?\s*as)"
                     r"(?:\s+[^,.;:!?\"“”\s]+){0,5}?\s*,?\s*$")


_WHAT_SUBJECT = re.compile(caps(r"(?<![\w’'-])what\s+([^\s,.;:\"“”]+(?:\s+[A-Z][^\s,.;:\"“”]*){0,3})\s+$"))


def _naming(text: str, lo: int, open_at: int) -> Attribution | None:
    """A quotation right after a naming verb ("called him a", "described it as") is what
    the verb's subject said of someone."""
    lead = text[max(lo, open_at - 90):open_at]
    m = _NAMING.search(lead)
    if m is None:
        return None
    verb_at = open_at - len(lead) + m.start()
    # "denouncing what it calls "...": the subject of the relative clause names it
    what = _WHAT_SUBJECT.search(text, max(lo, verb_at - 50), verb_at)
    inner = parse_mention(what.group(1)) if what is not None else None
    if what is not None and inner is not None and not (
            inner.kind == "pronoun" and inner.head in ("they", "we")):
        got: tuple[Mention, int, int] | None = (inner, what.start(1), what.end(1))
    else:
        # (a plural pronoun is better served by the clause's own subject)
        got = source_before(text, lo, verb_at)
    if got is None:
        return None
    mention, ss, se = got
    if mention.kind not in ("name", "pronoun", "org", "description", "unnamed") or \
            mention.kind == "pronoun" and mention.head in ("that", "which", "this"):
        return None
    word = text[verb_at:verb_at + len(m.group().split()[0])]
    return Attribution(mention, ss, se, Cue(verb_at, verb_at + len(word), word, "call"), "before", True)


def _headline_source(text: str, para: Paragraph, q: Mark) -> Attribution | None:
    """A headline's quotation: 'Sanders: Clinton needs to ...', 'Warren Hammers CEO:
    ‘You Should Be Investigated’', 'Lawmakers Rip Trump As A ‘Fraud’' — the name before a
    colon, else the subject the headline opens with."""
    head = text[para.start:q.open]
    colon = head.rfind(":")
    part = head[:colon] if colon > 0 else head
    got = mentions_clause_subject(cut_title_case_verb(part).strip())
    if got is None:
        return None
    mention, a, b = got
    if mention.kind not in ("name", "org"):
        return None
    offset = para.start + (len(part) - len(part.lstrip()))
    cue_at = para.start + colon if colon > 0 else q.open
    return Attribution(mention, offset + a, offset + b, Cue(cue_at, cue_at + 1, ":", "colon"), "colon", True)


_LABEL = re.compile(r"([A-Z][A-Z’'.-]+(?: [A-Z][A-Z’'.-]+){0,2}):\s")


def _introduced(text: str, q: Mark, paras: dict[int, Paragraph], sents: _Sentences) -> Attribution | None:
    """A quotation opening its paragraph, with its speaker elsewhere: a transcript's label
    ('"PENCE: Well, look ...') or the paragraph before, ending in a colon ('Sanders made
    the following comment:')."""
    label = _LABEL.match(text, q.start)
    if label:
        m = parse_mention(label.group(1).title())
        if m is not None and m.kind == "name":
            return Attribution(m, label.start(1), label.end(1),
                               Cue(label.end(1), label.end(1) + 1, ":", "colon"), "colon", True)
    before = paras.get(q.para - 1)
    if before is None or not text[before.start:before.end].rstrip().endswith(":"):
        return None
    last = sents.spans[sents.index(before.end - 1)]
    got = attribution_before(text, last[0], q.open)
    return got if got is not None and got.adjacent else None


def _only_attribution_between(text: str, r: _Rec, q1: Mark, q2: Mark, sents: _Sentences) -> bool:
    """'"A," he said. "B."' — nothing but the attribution of A stands between A and B."""
    assert r.source is not None and r.cue is not None
    tail = max(r.source[1], r.cue.end)
    between = text[tail:q2.open]
    # an apposition may stand in it: '"A," said Peter Morgan, a lawyer for the Sierra
    # Club, who has challenged the industry for years. "B."'
    if len(between) > 250 or re.search(r"[“”\"]", between):
        return False
    si1, si2 = sents.index(q1.open), sents.index(q2.open)
    if si2 == si1:
        # (a second cue opens a second statement: '"A," Blige sings before asking her, "B"')
        return len(between) <= 60 and bool(re.fullmatch(r"[^.!?]*,\s*(?:(?:but|and)\s+)?", between)) \
            and not cues_in(text, tail, q2.open)
    return si2 == si1 + 1 and sents.spans[si2][0] == q2.open


def _reported_records(text: str, paras: list[Paragraph], marks: list[Mark], qrecs: list[_Rec],
                      sents: _Sentences, headline: int | None) -> list[_Rec]:
    out: list[_Rec] = []
    blocked_all = sorted((m.open, m.close_end) for m in marks)
    b_starts = [b[0] for b in blocked_all]
    quote_spans = sorted(((s, r) for r in qrecs for s in r.spans), key=lambda x: x[0])
    q_starts = [sp[0] for sp, _ in quote_spans]

    def near(lst: list, starts: list[int], a: int, b: int) -> list:
        # entries starting before b, from a bounded look-back (spans do not nest)
        hi = bisect_right(starts, b)
        lo = max(0, bisect_right(starts, a) - 2)
        return lst[lo:hi]

    # a cue inside quotation marks is none of the article's (find_reported skips them):
    # a sentence whose cues all stand in quotations needs no analysis
    cue_at = [c for c in cue_starts(text) if not inside_span(blocked_all, b_starts, c)]
    for (s, e), pi in zip(sents.spans, sents.para_of, strict=True):
        k = bisect_left(cue_at, s)
        if k == len(cue_at) or cue_at[k] >= e:
            continue  # no cue in this sentence
        blocked = [b for b in near(blocked_all, b_starts, s, e) if b[0] < e and b[1] > s]
        for rep in find_reported(text, s, e, blocked):
            cs, ce = rep.content
            if _ANONYMITY.match(text, cs, ce):
                continue  # "who asked not to be named": the terms of an interview, no statement
            cand = [(r, sp) for sp, r in near(quote_spans, q_starts, cs, ce)]
            # (a quotation opening the content is its own even where the content was cut
            # short at a dash or comma inside it)
            inside = [(r, sp) for r, sp in cand
                      if sp[0] >= cs - 2 and (sp[1] <= ce + 2 or sp[0] <= cs + 2)]
            overlapping = [(r, sp) for r, sp in cand if sp[0] < ce and sp[1] > cs]
            if inside:
                # The quoted fragment carries the statement; give it this cue if it had none.
                for r, _ in inside:
                    if r.mention is None:
                        r.mention, r.source, r.cue = rep.mention, rep.source, rep.cue
                        r.kind = "partial"
                continue
            if overlapping:
                continue
            quoted = sum(min(b, ce) - max(a, cs) for a, b in blocked if a < ce and b > cs)
            if quoted > 0.5 * (ce - cs):
                continue
            out.append(_Rec(rep.pieces(), "reported", rep.mention, rep.source, rep.cue, pi))
    return out


def _inherit(text: str, paras: list[Paragraph], recs: list[_Rec]) -> None:
    """A quotation with no cue of its own continues the nearest attributed statement:
    earlier in its paragraph, or closing the paragraph before when it opens its own."""
    last_in_para: dict[int, _Rec] = {}
    for r in recs:
        if r.mention is None and r.kind != "reported":
            prev = last_in_para.get(r.para)
            if prev is None and r.marks and r.marks[0].open == paras[r.para].start:
                before = last_in_para.get(r.para - 1)
                if before is not None and before.kind != "reported":
                    prev = before
            if prev is not None and (prev.mention is not None or prev.inherit_from is not None):
                r.inherit_from = prev
        if r.mention is not None or r.inherit_from is not None:
            last_in_para[r.para] = r


def _join_fragments(text: str, recs: list[_Rec], sents: _Sentences) -> list[_Rec]:
    """Fragments quoted within one sentence under one cue are one statement: 'told them
    to "go and vote" and then "go sit there"', 'claimed that fraud is "a big problem" but
    "nobody has the guts to talk about it"'."""
    out: list[_Rec] = []
    for r in recs:
        prev = out[-1] if out else None
        if prev is not None and r.kind == prev.kind == "partial" and \
                sents.index(r.spans[0][0]) == sents.index(prev.spans[-1][0]) and \
                (r.inherit_from is prev or r.cue is not None and prev.cue is not None
                 and r.cue.start == prev.cue.start) and \
                not cuemod.cues_in(text, prev.spans[-1][1], r.spans[0][0]):
            prev.spans += r.spans
            prev.marks += r.marks
            continue
        out.append(r)
    return out


def _resolve(article: Article, recs: list[_Rec], headline_end: int = 0) -> Discourse:
    outlet = {t.lower() for t in re.findall(r"\w+", article.outlet or "")}
    # (a headline in title case makes names of any two words: "... As The New Mitt Romney")
    disc = Discourse(article.text, outlet_tokens=outlet, body_start=article.body_start,
                     headline_end=headline_end)
    disc.prescan()
    for r in sorted(recs, key=lambda r: r.key):
        if r.inherit_from is not None:
            continue
        if r.mention is not None:
            r.resolved = disc.resolve(r.mention, r.key)
    for r in recs:
        if r.inherit_from is not None:
            src = r.inherit_from
            while src.inherit_from is not None:
                src = src.inherit_from
            if src.resolved is not None:
                res = src.resolved
                r.resolved = Resolved(res.speaker, res.role, res.kind, min(res.confidence, 0.6),
                                      res.entity)
    return disc


def _rank(article: Article, recs: list[_Rec], marks: list[Mark], sents: _Sentences,
          disc: Discourse, model: ranker.Ranker | None, headline_end: int) -> None:
    """Every statement's candidate sources, described; with a model, its choice replaces
    the rules' answer (which stays one of the candidates, and a feature)."""
    text = article.text
    runs: NameRuns | None = None
    facts: ArticleFacts | None = None
    acronyms: dict[str, str] | None = None
    previous: list[str] = []
    for r in recs:
        r.rule = rule = r.resolved
        mention_kind = r.mention.kind if r.mention else None
        # (a name phrase the rules could only keep as a description, "[Slamming PM Modi,
        # CM Kejriwal had]", is no name: the model is asked)
        settled = model.settled(r.kind, mention_kind, rule.confidence, rule.speaker) \
            if model is not None and rule is not None and rule.speaker and rule.kind != "unnamed" else None
        if settled is not None and rule is not None and rule.speaker:
            # a full name next to its cue: the rules are as right as the model there
            # (cross-validated on train), and it costs nothing to ask them
            if acronyms is None:
                acronyms = defined_acronyms(text, article.body_start)
            name = acronyms.get(rule.speaker)
            r.resolved = Resolved(name or rule.speaker, rule.role, "organisation" if name else rule.kind,
                                  settled, rule.entity)
            previous = [rule.speaker, *(p for p in previous[:2] if p != rule.speaker)]
            continue
        if runs is None or facts is None:
            runs = NameRuns(disc, article.body_start, headline_end)
            # how often the article names each: once per run, and where lists each run
            counts = {key: len(spans) for key, spans in runs.where.items()}
            quoted = sorted((m.open, m.close_end) for m in marks)
            facts = ArticleFacts(text, sents.starts, sents.para_of, quoted, [q[0] for q in quoted],
                                 counts)
        first, last = r.spans[0][0], r.spans[-1][1]
        env = (min(m.open for m in r.marks), max(m.close_end for m in r.marks)) if r.marks \
            else (first, last)
        si = sents.index(first)
        source = r.source
        if source is not None and r.mention is not None and r.mention.name:
            # the name the rules took from a longer phrase ("As Senator Ana Ruiz talked ...,
            # Governor Tom Hale"): that is where the source stands
            k = text.rfind(r.mention.name, source[0], source[1])
            if k >= 0:
                source = (k, k + len(r.mention.name))
        ctx = Context(r.spans, env, r.kind, si, max(si, sents.index(max(first, last - 1))), r.para,
                      mention_kind, r.mention.head if r.mention else None,
                      r.mention.text if r.mention else None, source,
                      r.cue.text if r.cue else None, r.inherit_from is not None, previous)
        r.candidates = cands = candidates(ctx, rule, disc, runs, sents.spans, sents.para_of)
        if rule is not None and rule.speaker:
            previous = [rule.speaker, *(p for p in previous[:2] if p != rule.speaker)]
        if model is None:
            describe(cands, ctx, facts)
            continue
        if len(cands) > 1:
            describe(cands, ctx, facts)  # (a lone candidate is chosen whatever it is like)
        top, p = model.choose(cands, r.kind)
        if top is None:
            r.resolved = None
            continue
        ent = top.entity
        r.resolved = Resolved(top.name,
                              (ent.role if ent is not None else top.role) or None,
                              top.kind, p, ent)


def _to_quote(article: Article, r: _Rec) -> Quote:
    text = article.text
    res = r.resolved
    when = None
    if r.cue is not None and r.source is not None:
        lo = min(r.cue.start, r.source[0])
        hi = max(r.cue.end, r.source[1])
        when = dates.resolve_near(text, max(0, lo - 3), min(len(text), hi + 45), article.date)
    pieces = [text[s:e] for s, e in r.spans]
    conf = res.confidence if res and res.speaker else 0.0
    return Quote(
        article_id=article.id,
        spans=list(r.spans),
        text=" ".join(pieces),
        kind=r.kind,  # type: ignore[arg-type]
        speaker=res.speaker if res else None,
        mention=r.mention.text if r.mention else None,
        speaker_role=roles.shown(res.role) if res else None,
        speaker_kind=res.kind if res and res.speaker else None,  # type: ignore[arg-type]
        cue=r.cue.text if r.cue else None,
        date=when or article.date,
        confidence=conf,
    )
