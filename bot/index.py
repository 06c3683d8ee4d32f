"""The quote index: an immutable snapshot of the corpus's quotations and the questions
asked of it — quote(), who(), speakers(), sources(), complete_speaker().

A snapshot is built once and never changed, so a query never sees half an index. It is
made of segments: one large base and, after a reload, a small delta holding the articles
added or changed since the base was built, with the base's quotes of changed or removed
articles masked out. A reload therefore builds only the delta, not the whole phrase index.

Quotes are stored column by column (texts, speakers, dates in arrays) rather than as one
object each, which keeps a million quotes within a few times their text's size.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.models import Article, Quote
from bot.people import Directory, RawSpeaker
from bot.textnorm import STOPWORDS, fold, word_spans, words

KINDS = ("direct", "partial", "reported")
_KIND_CODE = {k: i for i, k in enumerate(KINDS)}
# Words shorter than this must be typed exactly; longer ones may have one slip.
FUZZY_MIN_LEN = 4
# A word found only through a slip counts for this much of an exact one.
FUZZY_WEIGHT = 0.75
MAX_PHRASE_WORDS = 24
MAX_NAME_CHARS = 200


class QueryError(Exception):
    """A question that has no answer; the message is meant for the person who asked."""


class NoSuchSpeaker(QueryError):
    def __init__(self, name: str, suggestions: Sequence[str] = ()) -> None:
        self.name = name
        self.suggestions = list(suggestions)
        hint = f"; did you mean {_or_list(self.suggestions)}?" if self.suggestions else "."
        super().__init__(f"No speaker called “{name}” in the corpus{hint}")


class AmbiguousSpeaker(QueryError):
    def __init__(self, name: str, candidates: Sequence[str]) -> None:
        self.name = name
        self.candidates = list(candidates)
        super().__init__(f"“{name}” could be {_or_list(self.candidates)}. Please give the full name.")


def _or_list(names: Sequence[str]) -> str:
    quoted = [f"“{n}”" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    id: str
    title: str
    outlet: str | None
    date: dt.date | None
    url: str | None
    quotes: int = 0

    @classmethod
    def of(cls, a: Article, quotes: int) -> ArticleInfo:
        return cls(a.id, a.title, a.outlet, a.date, a.url, quotes)


@dataclass(frozen=True, slots=True)
class Statement:
    """One quotation as the index answers it."""

    id: int
    text: str
    kind: str
    speaker: str | None
    speaker_role: str | None
    speaker_kind: str | None
    mention: str | None
    cue: str | None
    date: dt.date | None
    start: int
    end: int
    confidence: float
    article: ArticleInfo

    def to_json(self) -> dict[str, object]:
        a = self.article
        return {"id": self.id, "text": self.text, "kind": self.kind, "speaker": self.speaker,
                "speaker_role": self.speaker_role, "mention": self.mention, "cue": self.cue,
                "date": self.date.isoformat() if self.date else None,
                "start": self.start, "end": self.end, "confidence": round(self.confidence, 3),
                "article": {"id": a.id, "title": a.title, "outlet": a.outlet,
                            "date": a.date.isoformat() if a.date else None, "url": a.url}}


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    role: str | None
    kind: str | None
    count: int
    kinds: tuple[tuple[str, int], ...]
    # names as the articles wrote them, folded, for lookup
    aliases: tuple[str, ...]
    first: dt.date | None
    last: dt.date | None

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "role": self.role, "kind": self.kind, "count": self.count,
                "kinds": dict(self.kinds), "aliases": list(self.aliases),
                "first": self.first.isoformat() if self.first else None,
                "last": self.last.isoformat() if self.last else None}


@dataclass(frozen=True, slots=True)
class QuoteAnswer:
    speaker: Speaker
    statements: tuple[Statement, ...]


@dataclass(frozen=True, slots=True)
class WhoHit:
    statement: Statement
    score: float
    # character ranges of statement.text that matched the phrase
    marks: tuple[tuple[int, int], ...]

    def to_json(self) -> dict[str, object]:
        return {**self.statement.to_json(), "score": round(self.score, 1),
                "marks": [list(m) for m in self.marks]}


def index_words(text: str) -> set[str]:
    """The words a quote is found by: folded, without the commonest."""
    return {w for w in words(text) if w not in STOPWORDS}


def _deletions(w: str) -> Iterator[str]:
    for i in range(len(w)):
        yield w[:i] + w[i + 1:]


class Segment:
    """Quotes of a set of articles, column by column, with their word index. Ids are
    global: this segment holds ids base .. base + len(self) - 1."""

    def __init__(self, base: int, entries: Iterable[tuple[ArticleInfo, Sequence[Quote]]]) -> None:
        self.base = base
        self.articles: list[ArticleInfo] = []
        self.article_row: dict[str, int] = {}
        # the quotes of article row r are ids first_quote[r] .. first_quote[r + 1] - 1
        self.first_quote = array("I")
        self.texts: list[str] = []
        self.speakers: list[RawSpeaker | None] = []
        self.roles: list[str | None] = []
        self.mentions: list[str | None] = []
        self.cues: list[str | None] = []
        self.kinds = bytearray()
        self.art = array("I")
        self.dates = array("i")  # proleptic ordinal, 0 = undated
        self.starts = array("I")
        self.ends = array("I")
        self.confidence = array("f")
        self.postings: dict[str, array] = {}
        self.by_speaker: dict[RawSpeaker, array] = {}
        self.role_counts: dict[RawSpeaker, Counter[str]] = defaultdict(Counter)
        intern: dict[object, object] = {}

        def same(x):  # one object per distinct value: a million quotes share a few cues
            return intern.setdefault(x, x) if x is not None else None

        for info, quotes in entries:
            row = len(self.articles)
            self.articles.append(info)
            self.article_row[info.id] = row
            self.first_quote.append(len(self.texts))
            for q in quotes:
                i = base + len(self.texts)
                self.texts.append(q.text)
                raw = same((q.speaker, q.speaker_kind)) if q.speaker else None
                self.speakers.append(raw)  # type: ignore[arg-type]
                self.roles.append(same(q.speaker_role))  # type: ignore[arg-type]
                self.mentions.append(same(q.mention))  # type: ignore[arg-type]
                self.cues.append(same(q.cue))  # type: ignore[arg-type]
                self.kinds.append(_KIND_CODE.get(q.kind, 0))
                self.art.append(row)
                d = q.date or info.date
                self.dates.append(d.toordinal() if d else 0)
                self.starts.append(q.start)
                self.ends.append(q.end)
                self.confidence.append(q.confidence)
                if raw is not None:
                    self.by_speaker.setdefault(raw, array("I")).append(i)  # type: ignore[arg-type]
                    if q.speaker_role:
                        self.role_counts[raw][q.speaker_role] += 1  # type: ignore[index]
                for w in index_words(q.text):
                    self.postings.setdefault(w, array("I")).append(i)
        self.first_quote.append(len(self.texts))
        self.end = base + len(self.texts)
        # Typo tolerance: every word of the vocabulary under each single-letter deletion
        # ("open" under "pen", "oen", "opn", "ope"); a typed word meets its intended one
        # where their deletions meet (a slip of one letter, or two letters swapped).
        self.deleted: dict[str, list[str]] = defaultdict(list)
        for w in self.postings:
            if len(w) >= FUZZY_MIN_LEN:
                for d in _deletions(w):
                    self.deleted[d].append(w)
        self.deleted = dict(self.deleted)

    def __len__(self) -> int:
        return len(self.texts)

    def __contains__(self, gid: int) -> bool:
        return self.base <= gid < self.end

    def article_ids(self, row: int) -> range:
        return range(self.base + self.first_quote[row], self.base + self.first_quote[row + 1])

    def variants(self, w: str) -> dict[str, float]:
        """Words of this segment's vocabulary that w may stand for, with their weight."""
        out: dict[str, float] = {}
        if w in self.postings:
            out[w] = 1.0
        if len(w) < FUZZY_MIN_LEN - 1:
            return out
        for v in self.deleted.get(w, ()):  # w lacks a letter ("dor" for "door")
            out.setdefault(v, FUZZY_WEIGHT)
        if len(w) < FUZZY_MIN_LEN:
            return out
        for d in _deletions(w):
            if d in self.postings and len(d) >= FUZZY_MIN_LEN:  # w has a letter too many
                out.setdefault(d, FUZZY_WEIGHT)
            for v in self.deleted.get(d, ()):  # one letter wrong, or two swapped
                out.setdefault(v, FUZZY_WEIGHT)
        return out


@dataclass(frozen=True, slots=True)
class ReloadReport:
    articles_added: tuple[str, ...] = ()
    articles_changed: tuple[str, ...] = ()
    articles_removed: tuple[str, ...] = ()
    quotes_before: int = 0
    quotes_after: int = 0
    speakers_gained: tuple[str, ...] = ()
    speakers_lost: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()
    extracted: int = 0
    from_cache: int = 0
    seconds: float = 0.0

    @property
    def quotes_gained(self) -> int:
        return max(0, self.quotes_after - self.quotes_before)

    @property
    def quotes_lost(self) -> int:
        return max(0, self.quotes_before - self.quotes_after)

    def to_json(self) -> dict[str, object]:
        return {"articles_added": list(self.articles_added),
                "articles_changed": list(self.articles_changed),
                "articles_removed": list(self.articles_removed),
                "quotes_before": self.quotes_before, "quotes_after": self.quotes_after,
                "speakers_gained": list(self.speakers_gained),
                "speakers_lost": list(self.speakers_lost),
                "failed": [{"file": f, "reason": r} for f, r in self.failed],
                "warnings": list(self.warnings), "extracted": self.extracted,
                "from_cache": self.from_cache, "seconds": round(self.seconds, 3)}

    def summary(self) -> str:
        lines = [f"{len(self.articles_added)} article(s) added, {len(self.articles_changed)} changed, "
                 f"{len(self.articles_removed)} removed; quotes {self.quotes_before} → {self.quotes_after}; "
                 f"{self.extracted} file(s) extracted, {self.from_cache} from cache, "
                 f"{self.seconds:.2f} s."]
        if self.speakers_gained:
            lines.append(f"Speakers gained ({len(self.speakers_gained)}): " + _few(self.speakers_gained))
        if self.speakers_lost:
            lines.append(f"Speakers lost ({len(self.speakers_lost)}): " + _few(self.speakers_lost))
        for f, why in self.failed:
            lines.append(f"Could not read {f}: {why}")
        return "\n".join(lines)


def _few(names: Sequence[str], n: int = 12) -> str:
    shown = ", ".join(names[:n])
    return shown + (f" and {len(names) - n} more" if len(names) > n else "")


@dataclass(slots=True)
class _SpeakerRows:
    canonical: RawSpeaker
    raws: list[RawSpeaker] = field(default_factory=list)


class QuoteIndex:
    """An immutable snapshot: build it with QuoteIndex.build() or .with_changes()."""

    def __init__(self, segments: Sequence[Segment], dead: frozenset[int],
                 directory: Directory, base_dirty: frozenset[str] = frozenset()) -> None:
        self.segments = tuple(segments)
        self.dead = dead
        self.directory = directory
        # article ids whose base rows are superseded (changed or removed since the base)
        self.base_dirty = base_dirty
        self._articles: dict[str, tuple[Segment, int]] = {}
        for seg in self.segments:
            for aid, row in seg.article_row.items():
                if seg is self.segments[0] and aid in base_dirty:
                    continue
                self._articles[aid] = (seg, row)
        self.quote_count = sum(len(s) for s in self.segments) - len(dead)
        self._build_speakers()

    # ---- building -------------------------------------------------------------------

    @classmethod
    def build(cls, entries: Iterable[tuple[ArticleInfo, Sequence[Quote]]],
              directory: Directory | None = None) -> QuoteIndex:
        return cls([Segment(0, entries)], frozenset(), directory or Directory())

    @classmethod
    def empty(cls, directory: Directory | None = None) -> QuoteIndex:
        return cls.build([], directory)

    def with_changes(self, changed: dict[str, tuple[ArticleInfo, Sequence[Quote]]],
                     removed: Iterable[str], delta_entries: dict[str, tuple[ArticleInfo, Sequence[Quote]]],
                     directory: Directory | None = None) -> QuoteIndex:
        """A new snapshot with articles added, changed or removed. `delta_entries` holds
        every article already in this snapshot's delta (the caller keeps them), so the new
        delta is rebuilt from them and the changes: small, whatever the corpus size."""
        base = self.segments[0]
        removed = set(removed)
        dirty = set(self.base_dirty) | {a for a in [*changed, *removed] if a in base.article_row}
        dead = {i for a in dirty for i in base.article_ids(base.article_row[a])}
        delta = {k: v for k, v in delta_entries.items() if k not in removed}
        delta.update(changed)
        segs = [base]
        if delta:
            segs.append(Segment(base.end, [delta[k] for k in sorted(delta)]))
        return QuoteIndex(segs, frozenset(dead), directory or self.directory, frozenset(dirty))

    def _build_speakers(self) -> None:
        counts: Counter[RawSpeaker] = Counter()
        roles: dict[RawSpeaker, Counter[str]] = defaultdict(Counter)
        base = self.segments[0]
        # speakers with quotes masked out of the base are counted quote by quote
        touched = {base.speakers[i - base.base] for i in self.dead} - {None}
        for seg in self.segments:
            for raw, ids in seg.by_speaker.items():
                if seg is base and raw in touched:
                    live = [i - base.base for i in ids if i not in self.dead]
                    if live:
                        counts[raw] += len(live)
                        roles[raw].update(r for r in (base.roles[i] for i in live) if r)
                else:
                    counts[raw] += len(ids)
                    roles[raw].update(seg.role_counts.get(raw, ()))
        mapping = self.directory.resolve(counts)
        groups: dict[RawSpeaker, list[RawSpeaker]] = defaultdict(list)
        for raw, canon in mapping.items():
            groups[canon].append(raw)
        self._canon_of: dict[RawSpeaker, RawSpeaker] = mapping
        self._speakers: dict[str, Speaker] = {}
        self._speaker_ids: dict[str, array] = {}
        for (name, kind), raws in groups.items():
            ids: list[int] = []
            for seg in self.segments:
                for raw in raws:
                    got = seg.by_speaker.get(raw)
                    if got is not None:
                        ids.extend(got)
            if self.dead:
                ids = [i for i in ids if i not in self.dead]
            if not ids:
                continue
            ids.sort(key=self._order)
            kinds = Counter(KINDS[self._seg(i).kinds[i - self._seg(i).base]] for i in ids)
            role_seen: Counter[str] = Counter()
            for raw in raws:
                role_seen.update(roles.get(raw, ()))
            dates = [d for d in (self._date(i) for i in ids) if d]
            spec = self.directory.spec_for(name)
            extra = [spec.name, *spec.aliases] if spec is not None else []
            aliases = sorted({fold(r[0]) for r in raws} | {fold(a) for a in [name, *extra]} - {""})
            key = name if name not in self._speakers else f"{name} ({kind})"
            self._speakers[key] = Speaker(key, self.directory.role_of(name, role_seen), kind,
                                          len(ids), tuple(sorted(kinds.items())), tuple(aliases),
                                          min(dates) if dates else None,
                                          max(dates) if dates else None)
            self._speaker_ids[key] = array("I", ids)
        # lookup tables: folded alias → speakers; words of names for completion
        self._by_alias: dict[str, set[str]] = defaultdict(set)
        self._by_word: dict[str, set[str]] = defaultdict(set)
        for key, sp in self._speakers.items():
            for a in sp.aliases:
                self._by_alias[a].add(key)
                for w in a.split():
                    self._by_word[w].add(key)
        self._folded_names = {key: fold(key) for key in self._speakers}
        self._words = list(self._by_word)
        self._name_words = sorted((w, key) for w, keys in self._by_word.items() for key in keys)
        self._by_count = sorted(self._speakers, key=lambda k: (-self._speakers[k].count, k))

    # ---- rows -----------------------------------------------------------------------

    def _seg(self, gid: int) -> Segment:
        for seg in self.segments:
            if gid in seg:
                return seg
        raise KeyError(gid)

    def _date(self, gid: int) -> dt.date | None:
        seg = self._seg(gid)
        o = seg.dates[gid - seg.base]
        return dt.date.fromordinal(o) if o else None

    def _order(self, gid: int) -> tuple[int, str, int]:
        # newest first, undated last; then by article and place in it, so that the order
        # does not depend on how the snapshot was built
        seg = self._seg(gid)
        i = gid - seg.base
        return (-seg.dates[i], seg.articles[seg.art[i]].id, seg.starts[i])

    def statement(self, gid: int) -> Statement:
        seg = self._seg(gid)
        i = gid - seg.base
        raw = seg.speakers[i]
        name = kind = role = None
        if raw is not None:
            canon = self._canon_of.get(raw, raw)
            name, kind = canon
            key = name if name in self._speakers and self._speakers[name].kind == kind \
                else f"{name} ({kind})"
            sp = self._speakers.get(key)
            if sp is not None:
                name, role = sp.name, sp.role
        o = seg.dates[i]
        return Statement(gid, seg.texts[i], KINDS[seg.kinds[i]], name, role, kind,
                         seg.mentions[i], seg.cues[i], dt.date.fromordinal(o) if o else None,
                         seg.starts[i], seg.ends[i], float(seg.confidence[i]),
                         seg.articles[seg.art[i]])

    # ---- queries --------------------------------------------------------------------

    def __len__(self) -> int:
        return self.quote_count

    @property
    def article_count(self) -> int:
        return len(self._articles)

    def speakers(self) -> list[Speaker]:
        """Every speaker, most quoted first."""
        return [self._speakers[k] for k in self._by_count]

    def sources(self) -> list[ArticleInfo]:
        """Every article, newest first."""
        arts = [seg.articles[row] for seg, row in self._articles.values()]
        return sorted(arts, key=lambda a: (-(a.date.toordinal() if a.date else 0), a.id))

    def date_range(self) -> tuple[dt.date | None, dt.date | None]:
        dates = [a.date for a in self.sources() if a.date]
        return (min(dates), max(dates)) if dates else (None, None)

    def find_speaker(self, name: str) -> Speaker:
        """The one speaker a person means by `name` (full name, surname, alias, any case or
        accents, a typo), or NoSuchSpeaker / AmbiguousSpeaker saying what was found."""
        typed = " ".join(str(name).split())[:MAX_NAME_CHARS]
        f = fold(typed)
        if not f:
            raise QueryError("Please give a speaker's name.")
        exact = self._by_alias.get(f)
        if exact:
            return self._one(typed, exact)
        toks = f.split()
        # a surname or given name alone: every speaker with that word in a name
        by_words = set.intersection(*(self._by_word.get(t, set()) for t in toks))
        if by_words:
            return self._one(typed, by_words)
        # a slip in a word: each typed word near some word of the name ("Stoltenburg")
        near: set[str] | None = None
        for t in toks:
            keys = {k for w, _, _ in process.extract(t, self._words, scorer=fuzz.ratio,
                                                     limit=None, score_cutoff=80)
                    for k in self._by_word[w]} if len(t) >= FUZZY_MIN_LEN else set()
            near = keys if near is None else near & keys
        if near:
            return self._one(typed, near)
        scored = process.extract(f, self._folded_names, scorer=fuzz.WRatio, limit=5,
                                 score_cutoff=85)
        if scored:
            best = scored[0][1]
            return self._one(typed, {k for _, s, k in scored if s >= best - 3})
        hints = [k for _, _, k in process.extract(f, self._folded_names, scorer=fuzz.WRatio,
                                                  limit=3, score_cutoff=60)]
        raise NoSuchSpeaker(typed, hints)

    def _one(self, typed: str, keys: set[str]) -> Speaker:
        if len(keys) == 1:
            return self._speakers[next(iter(keys))]
        ranked = sorted(keys, key=lambda k: (-self._speakers[k].count, k))
        raise AmbiguousSpeaker(typed, ranked[:10])

    def quote(self, speaker: str, kind: str | None = None, since: dt.date | None = None,
              until: dt.date | None = None) -> QuoteAnswer:
        """What a speaker said, newest first."""
        if kind is not None and kind not in KINDS:
            raise QueryError(f"kind must be one of {', '.join(KINDS)}, not “{kind}”.")
        if since and until and since > until:
            raise QueryError("“since” is after “until”.")
        sp = self.find_speaker(speaker)
        ids: Sequence[int] = self._speaker_ids[sp.name]
        out = []
        lo = since.toordinal() if since else None
        hi = until.toordinal() if until else None
        for gid in ids:
            seg = self._seg(gid)
            i = gid - seg.base
            if kind is not None and KINDS[seg.kinds[i]] != kind:
                continue
            o = seg.dates[i]
            if (lo is not None and (not o or o < lo)) or (hi is not None and (not o or o > hi)):
                continue
            out.append(self.statement(gid))
        return QuoteAnswer(sp, tuple(out))

    def complete_speaker(self, prefix: str, limit: int = 25) -> list[str]:
        """Speaker names for autocomplete, best first: names with a word starting with what
        was typed (most quoted first), then near spellings."""
        f = fold(str(prefix)[:MAX_NAME_CHARS])
        if not f:
            return self._by_count[:limit]
        toks = f.split()
        last = toks[-1]
        found: set[str] | None = None
        for t in toks[:-1]:
            keys = self._by_word.get(t, set())
            found = keys if found is None else found & keys
        lo = bisect_left(self._name_words, (last, ""))
        hi = bisect_right(self._name_words, (last + "\U0010ffff", ""))
        pref = {key for _, key in self._name_words[lo:hi]}
        pref = pref if found is None else pref & found
        out = sorted(pref, key=lambda k: (not self._folded_names[k].startswith(f),
                                          -self._speakers[k].count, k))[:limit]
        if len(out) < limit:
            seen = set(out)
            for _, _, key in process.extract(f, self._folded_names, scorer=fuzz.WRatio,
                                             limit=limit, score_cutoff=70):
                if key not in seen:
                    out.append(key)
                    seen.add(key)
        return out[:limit]

    def who(self, phrase: str, limit: int = 10, min_score: float = 60.0) -> list[WhoHit]:
        """Who said something like `phrase`: the best-matching statements, each with the
        words that matched marked. Weak matches are left out."""
        typed = " ".join(str(phrase).split())
        all_words = words(typed)
        if not all_words:
            raise QueryError("Please give a phrase of a few words.")
        wanted = list(dict.fromkeys(w for w in all_words if w not in STOPWORDS))[:MAX_PHRASE_WORDS]
        if not wanted:
            raise QueryError("That phrase has only very common words; add a word or two "
                             "that the speaker would have used.")
        total = len(self) or 1
        # per query word: its variants in each segment, and its weight (rarer = heavier)
        per_word: list[tuple[float, list[tuple[array, float]], set[str]]] = []
        for w in wanted:
            lists: list[tuple[array, float]] = []
            vocab: set[str] = set()
            df = 0
            for seg in self.segments:
                for v, weight in seg.variants(w).items():
                    lists.append((seg.postings[v], weight))
                    vocab.add(v)
                    df += len(seg.postings[v])
            idf = math.log(1 + total / (1 + df)) if df else math.log(1 + total)
            per_word.append((idf, lists, vocab))
        weight_sum = sum(idf for idf, _, _ in per_word)
        need = min_score / 100.0
        # Only a quote holding one of the rarest words can reach the threshold: take words
        # rarest first until the rest together weigh less than the threshold asks.
        order = sorted(range(len(per_word)), key=lambda k: sum(len(a) for a, _ in per_word[k][1]))
        cands: dict[int, float] = {}
        covered = 0.0
        for k in order:
            if not per_word[k][1]:
                continue
            for arr, weight in per_word[k][1]:
                for gid in arr:
                    if gid not in self.dead and cands.get(gid, 0.0) < weight:
                        cands[gid] = weight
            covered += per_word[k][0]
            if weight_sum - covered < need * weight_sum:
                break
        if not cands:
            return []
        scores = dict.fromkeys(cands, 0.0)
        for idf, lists, _ in per_word:
            got: dict[int, float] = {}
            for arr, weight in lists:
                if len(arr) <= 8 * len(scores):
                    for gid in arr:
                        if gid in scores and got.get(gid, 0.0) < weight:
                            got[gid] = weight
                else:
                    for gid in scores:
                        j = bisect_left(arr, gid)
                        if j < len(arr) and arr[j] == gid and got.get(gid, 0.0) < weight:
                            got[gid] = weight
            for gid, weight in got.items():
                scores[gid] += idf * weight
        floor = need * weight_sum
        best = heapq.nlargest(max(limit * 4, 40), ((s, gid) for gid, s in scores.items() if s >= floor))
        query_text = " ".join(wanted)
        vocab_all = set().union(*(v for _, _, v in per_word))
        hits: list[WhoHit] = []
        seen: set[tuple[str | None, str]] = set()
        for s, gid in best:
            st = self.statement(gid)
            # word order and nearness count for a little: "open door" beats "door ... open"
            near = fuzz.partial_token_sort_ratio(query_text, fold(st.text))
            score = 100.0 * (0.8 * s / weight_sum + 0.2 * near / 100.0)
            if score < min_score:
                continue
            key = (st.speaker, fold(st.text))
            if key in seen:
                continue
            seen.add(key)
            marks = tuple((a, b) for a, b, w in word_spans(st.text) if w in vocab_all)
            hits.append(WhoHit(st, score, marks))
        hits.sort(key=lambda h: (-h.score, -(h.statement.date.toordinal() if h.statement.date else 0),
                                 h.statement.article.id, h.statement.start))
        return hits[:limit]
