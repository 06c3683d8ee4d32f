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

import ctypes
import datetime as dt
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.models import Article, Quote
from bot.people import Directory, RawSpeaker
from bot.phrases import PhraseIndex, fuzzy_distance
from bot.phrases import Snapshot as PhraseSnapshot
from bot.textnorm import STOPWORDS, fold, word_spans, words
from bot.texts import Texts

KINDS = ("direct", "partial", "reported")
_KIND_CODE = {k: i for i, k in enumerate(KINDS)}
# Words shorter than this must be typed exactly; longer ones may have one slip.
FUZZY_MIN_LEN = 4
MAX_PHRASE_WORDS = 24
MAX_NAME_CHARS = 200


def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim  # type: ignore[no-any-return]
    except (AttributeError, OSError):  # (not glibc: its allocator may not need it)
        return None


_TRIM = _malloc_trim()


def give_back_memory() -> None:
    """Return to the system the memory a build used and freed. Building a snapshot of a
    million quotes frees over 100 MB of sorting buffers and writer arenas, which glibc's
    allocator would otherwise keep (its heap top pinned by live objects, its thread arenas
    untrimmed) as resident memory for good; this costs a few milliseconds."""
    if _TRIM is not None:
        _TRIM(0)


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
    # the model's best guess where its confidence is below min_confidence (then speaker
    # is None: a wrong speaker is worse than none)
    speaker_guess: str | None = None

    def to_json(self) -> dict[str, object]:
        a = self.article
        return {"id": self.id, "text": self.text, "kind": self.kind, "speaker": self.speaker,
                "speaker_guess": self.speaker_guess,
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


class Statements(Sequence[Statement]):
    """A speaker's statements, made into Statement records only as they are read: a page
    of a speaker with 50,000 quotes costs a page, not 50,000 records."""

    def __init__(self, index: QuoteIndex, ids: Sequence[int]) -> None:
        self._index = index
        self._ids = ids

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, k):  # type: ignore[override]
        if isinstance(k, slice):
            return [self._index.statement(int(i)) for i in self._ids[k]]
        return self._index.statement(int(self._ids[k]))

    def __iter__(self) -> Iterator[Statement]:
        return (self._index.statement(int(i)) for i in self._ids)


@dataclass(frozen=True, slots=True)
class QuoteAnswer:
    speaker: Speaker
    statements: Statements


@dataclass(frozen=True, slots=True)
class WhoHit:
    statement: Statement
    score: float
    # character ranges of statement.text that matched the phrase
    marks: tuple[tuple[int, int], ...]

    def to_json(self) -> dict[str, object]:
        return {**self.statement.to_json(), "score": round(self.score, 1),
                "marks": [list(m) for m in self.marks]}


class Articles(Sequence[ArticleInfo]):
    """A segment's articles column by column, an ArticleInfo made when one is asked for:
    as objects, a hundred thousand articles cost over 20 MB (a record, a title, a date
    each); here their ids, a few arrays and two blobs."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self._titles = Texts()
        self._urls = Texts()
        self._has_url = bytearray()
        self._outlets: list[str | None] = []
        self._outlet_codes: dict[str | None, int] = {}
        self._outlet = array("i")
        self._dates = array("i")  # proleptic ordinal, 0 = undated
        self._quotes = array("I")

    def append(self, a: ArticleInfo) -> None:
        self.ids.append(a.id)
        self._titles.add(a.title)
        self._urls.add(a.url or "")
        self._has_url.append(a.url is not None)
        code = self._outlet_codes.get(a.outlet)
        if code is None:
            code = self._outlet_codes[a.outlet] = len(self._outlets)
            self._outlets.append(a.outlet)
        self._outlet.append(code)
        self._dates.append(a.date.toordinal() if a.date else 0)
        self._quotes.append(a.quotes)

    def ordinal(self, row: int) -> int:
        """The article's date as a proleptic ordinal, 0 if undated."""
        return self._dates[row]

    def close_writing(self) -> None:
        self._titles.close_writing()
        self._urls.close_writing()
        del self._outlet_codes

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self) -> Iterator[ArticleInfo]:
        # (titles and urls read in order, in bulk: /sources makes them all)
        fromordinal = dt.date.fromordinal
        outlets, outlet, dates, quotes, has_url = self._outlets, self._outlet, self._dates, self._quotes, self._has_url
        for r, (aid, title, url) in enumerate(zip(self.ids, self._titles, self._urls, strict=True)):
            o = dates[r]
            yield ArticleInfo(aid, title, outlets[outlet[r]], fromordinal(o) if o else None,
                              url if has_url[r] else None, quotes[r])

    def __getitem__(self, row):  # type: ignore[override]
        if isinstance(row, slice):
            return [self[r] for r in range(*row.indices(len(self)))]
        o = self._dates[row]
        return ArticleInfo(self.ids[row], self._titles[row], self._outlets[self._outlet[row]],
                           dt.date.fromordinal(o) if o else None,
                           self._urls[row] if self._has_url[row] else None, self._quotes[row])


class Segment:
    """Quotes of a set of articles, column by column. Ids are global: this segment holds
    ids base .. base + len(self) - 1. (Their words are in the phrase index, phrases.py.)"""

    def __init__(self, base: int, entries: Iterable[tuple[ArticleInfo, Sequence[Quote]]],
                 folder: Path | None = None, words: Callable[[int, str, str], None] | None = None) -> None:
        """The quotes of these articles, their texts in `folder` (else in memory); each
        quote is also handed to `words` (gid, article id, text), the phrase index's adder,
        so that the texts are read once and Tantivy indexes them while this runs."""
        self.base = base
        self.articles = Articles()
        self.article_row: dict[str, int] = {}
        # the quotes of article row r are ids first_quote[r] .. first_quote[r + 1] - 1
        self.first_quote = array("I")
        # (on disk in `folder`, the cache, where there is one: see texts.py)
        self.texts = Texts(folder)
        n = 0
        # speaker of each quote as a code into self.raws (-1: none)
        self.raws: list[RawSpeaker] = []
        raw_codes: dict[RawSpeaker, int] = {}
        self.raw_code = array("i")
        # (role, mention, cue) of each quote as a code into self.extras: a million quotes
        # share a few thousand of them, and a code costs 4 bytes where three list slots cost 24
        self.extras: list[tuple[str | None, str | None, str | None]] = []
        extra_codes: dict[tuple[str | None, str | None, str | None], int] = {}
        self.extra_code = array("i")
        self.kinds = bytearray()
        self.dates = array("i")  # proleptic ordinal, 0 = undated
        self.starts = array("I")
        self.ends = array("I")
        self.confidence = array("f")
        self.role_counts: dict[RawSpeaker, Counter[str]] = defaultdict(Counter)
        add_texts = self.texts.add_many

        for info, quotes in entries:
            row = len(self.articles)
            self.articles.append(info)
            self.article_row[info.id] = row
            self.first_quote.append(n)
            add_texts([q.text for q in quotes])
            for q in quotes:
                if words is not None:
                    words(base + n, info.id, q.text)
                n += 1
                raw = (q.speaker, q.speaker_kind) if q.speaker else None
                if raw is None:
                    self.raw_code.append(-1)
                else:
                    code = raw_codes.get(raw)  # type: ignore[arg-type]
                    if code is None:
                        code = raw_codes[raw] = len(self.raws)  # type: ignore[index]
                        self.raws.append(raw)  # type: ignore[arg-type]
                    self.raw_code.append(code)
                extra = (q.speaker_role, q.mention, q.cue)
                code = extra_codes.get(extra)  # type: ignore[assignment]
                if code is None:
                    code = extra_codes[extra] = len(self.extras)
                    self.extras.append(extra)
                self.extra_code.append(code)
                self.kinds.append(_KIND_CODE.get(q.kind, 0))
                d = q.date or info.date
                self.dates.append(d.toordinal() if d else 0)
                self.starts.append(q.start)
                self.ends.append(q.end)
                self.confidence.append(q.confidence)
                if raw is not None and q.speaker_role:
                    self.role_counts[raw][q.speaker_role] += 1  # type: ignore[index]
        self.texts.close_writing()
        self.articles.close_writing()
        self.first_quote.append(n)
        self.count = n
        self.end = base + n
        # numpy views of the columns, for building speaker tables in C
        self.np_kinds = np.frombuffer(self.kinds, dtype=np.uint8)
        self.np_dates = np.frombuffer(self.dates, dtype=np.int32)
        self.np_starts = np.frombuffer(self.starts, dtype=np.uint32)
        self.np_raw = np.frombuffer(self.raw_code, dtype=np.int32)
        self.np_conf = np.frombuffer(self.confidence, dtype=np.float32)

    def __len__(self) -> int:
        return self.count

    def text(self, i: int) -> str:
        """The text of local row i."""
        return self.texts[i]

    def article_row_of(self, i: int) -> int:
        """The article row of local row i (articles hold consecutive rows; kept as where
        each article starts, not as a column a quote)."""
        return bisect_right(self.first_quote, i) - 1

    def np_article_rows(self) -> np.ndarray:
        """The article row of each local row, for numpy."""
        fq = np.frombuffer(self.first_quote, dtype=np.uint32)
        return np.repeat(np.arange(len(fq) - 1, dtype=np.int32), np.diff(fq))

    def role(self, i: int) -> str | None:
        return self.extras[self.extra_code[i]][0]

    def __contains__(self, gid: int) -> bool:
        return self.base <= gid < self.end

    def article_ids(self, row: int) -> range:
        return range(self.base + self.first_quote[row], self.base + self.first_quote[row + 1])

    def docs(self) -> Iterator[tuple[int, str, str]]:
        """(id, article id, text) of every quote, for the phrase index."""
        # (the texts read in order, in large reads, not one by one)
        texts = iter(self.texts)
        for row, aid in enumerate(self.articles.ids):
            for gid in self.article_ids(row):
                yield gid, aid, next(texts)


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


def _match(query: str, wanted: list[str], text: str) -> tuple[float, tuple[tuple[int, int], ...]]:
    """How well a quotation answers a phrase (0-100), and where its matching words stand.
    The phrase's words together, in the order typed (slips allowed), score up to 100; all
    of them near each other up to 90; anywhere in the quotation up to 80; fewer, less."""
    spans = word_spans(text)
    hit: dict[str, list[int]] = {w: [] for w in wanted}
    for k, (_, _, w) in enumerate(spans):
        if w in hit:
            hit[w].append(k)
    # a word the quotation does not hold as typed: its near spellings ("opne" for "open";
    # "Russian" stays unmarked where "Russia" itself stands)
    for t, ks in hit.items():
        if ks:
            continue
        for k, (_, _, w) in enumerate(spans):
            d = fuzzy_distance(t, len(t) == 3 and len(w) == 4)  # ("dor" for "door")
            if d and OSA.distance(w, t, score_cutoff=d) <= d:
                ks.append(k)
    marks = tuple((spans[k][0], spans[k][1]) for k in sorted({k for ks in hit.values() for k in ks}))
    got = [ks for ks in hit.values() if ks]
    cover = len(got) / len(wanted)
    if not got:
        return 0.0, ()
    together = fuzz.partial_ratio(query, " ".join(w for _, _, w in spans)) \
        if len(got) == len(wanted) else 0.0
    # the narrowest stretch of the quotation that holds one of each word found
    width = _narrowest(got)
    near = 90.0 if width <= 2 * len(got) + 2 else 80.0
    return max(together, near * cover), marks


def _narrowest(positions: list[list[int]]) -> int:
    """The fewest words a stretch must span to hold one position from each list."""
    events = sorted((p, i) for i, ps in enumerate(positions) for p in ps)
    need = len(positions)
    count: dict[int, int] = {}
    best = len(events) + 10**6
    lo = 0
    for p, i in events:
        count[i] = count.get(i, 0) + 1
        while len(count) == need:
            q, j = events[lo]
            best = min(best, p - q + 1)
            count[j] -= 1
            if not count[j]:
                del count[j]
            lo += 1
    return best


@dataclass(frozen=True)
class Phrases:
    """The phrase index as one snapshot sees it: the writer (shared along a line of
    snapshots; only reloads, one at a time, write) and the commit this snapshot reads."""

    writer: PhraseIndex
    snapshot: PhraseSnapshot

    @classmethod
    def of(cls, segments: Sequence[Segment], folder: Path | None) -> Phrases:
        """The phrase index of segments already built, written afresh in folder (or in
        memory)."""
        writer = PhraseIndex(folder, fresh=True)
        for seg in segments:
            writer.add(seg.docs())
        return cls(writer, writer.commit())


class QuoteIndex:
    """An immutable snapshot: build it with QuoteIndex.build() or .with_changes()."""

    def __init__(self, segments: Sequence[Segment], dead: frozenset[int],
                 directory: Directory, base_dirty: frozenset[str] = frozenset(),
                 min_confidence: float = 0.0, phrases: Phrases | None = None) -> None:
        self.segments = tuple(segments)
        if phrases is None:  # (an index made by hand, in tests: its words in memory)
            phrases = Phrases.of(self.segments, None)
        self.phrases = phrases
        self.dead = dead
        self.directory = directory
        # statements whose speaker is less likely than this are nobody's: shown as
        # "speaker uncertain", counted for no speaker
        self.min_confidence = min_confidence
        # article ids whose base rows are superseded (changed or removed since the base)
        self.base_dirty = base_dirty
        # (base_dirty holds only base articles; a delta's articles are all live)
        self._article_count = sum(len(s.article_row) for s in self.segments) - len(base_dirty)
        self.quote_count = sum(len(s) for s in self.segments) - len(dead)
        self._dead_ids = np.array(sorted(dead), dtype=np.uint32)
        self._build_speakers()
        give_back_memory()

    # ---- building -------------------------------------------------------------------

    @classmethod
    def build(cls, entries: Iterable[tuple[ArticleInfo, Sequence[Quote]]],
              directory: Directory | None = None, min_confidence: float = 0.0,
              phrase_dir: Path | None = None) -> QuoteIndex:
        """A snapshot of these articles; its phrase index and quotation texts in phrase_dir
        (written afresh), or in memory."""
        writer = PhraseIndex(phrase_dir, fresh=True)  # (makes the folder the texts go to)
        seg = Segment(0, entries, phrase_dir, writer.adder())
        return cls([seg], frozenset(), directory or Directory(), min_confidence=min_confidence,
                   phrases=Phrases(writer, writer.commit()))

    @classmethod
    def empty(cls, directory: Directory | None = None) -> QuoteIndex:
        return cls.build([], directory)

    def with_settings(self, directory: Directory, min_confidence: float) -> QuoteIndex:
        """The same quotes under other speaker settings (aliases, min_confidence)."""
        return QuoteIndex(self.segments, self.dead, directory, self.base_dirty, min_confidence,
                          self.phrases)

    def with_changes(self, changed: dict[str, tuple[ArticleInfo, Sequence[Quote]]],
                     removed: Iterable[str], delta_entries: dict[str, tuple[ArticleInfo, Sequence[Quote]]],
                     directory: Directory | None = None) -> QuoteIndex:
        """A new snapshot with articles added, changed or removed. `delta_entries` holds
        every article already in this snapshot's delta (the caller keeps them), so the new
        delta is rebuilt from them and the changes: small, whatever the corpus size. The
        phrase index drops the old delta's and the changed articles' quotations and takes
        the new delta's, in one commit; this snapshot keeps reading the commit before."""
        base = self.segments[0]
        removed = set(removed)
        dirty = set(self.base_dirty) | {a for a in [*changed, *removed] if a in base.article_row}
        dead = {i for a in dirty for i in base.article_ids(base.article_row[a])}
        delta = {k: v for k, v in delta_entries.items() if k not in removed}
        delta.update(changed)
        stale = set(changed) | removed
        for seg in self.segments[1:]:
            stale.update(seg.article_row)
        writer = self.phrases.writer
        segs = [base]
        try:
            # (the deletes first: a delete by article applies to what was added before it)
            writer.remove_articles(stale)
            if delta:
                segs.append(Segment(base.end, [delta[k] for k in sorted(delta)], writer.folder,
                                    writer.adder()))
            phrases = Phrases(writer, writer.commit())
        except BaseException:
            writer.rollback()  # (the next reload starts from the last commit, not half of this)
            raise
        return QuoteIndex(segs, frozenset(dead), directory or self.directory, frozenset(dirty),
                          self.min_confidence, phrases)

    def _build_speakers(self) -> None:
        base = self.segments[0]
        # per segment: which rows are live (the base's changed articles are masked out)
        live = []
        for seg in self.segments:
            mask = (seg.np_raw >= 0) & (seg.np_conf >= np.float32(self.min_confidence))
            if seg is base and self._dead_ids.size:
                mask[self._dead_ids.astype(np.int64) - base.base] = False
            live.append(mask)
        counts: Counter[RawSpeaker] = Counter()
        roles: dict[RawSpeaker, Counter[str]] = defaultdict(Counter)
        dead_codes = set(base.np_raw[self._dead_ids.astype(np.int64) - base.base].tolist()) \
            if self._dead_ids.size else set()
        for seg, mask in zip(self.segments, live, strict=True):
            per_raw = np.bincount(seg.np_raw[mask], minlength=len(seg.raws))
            for code, raw in enumerate(seg.raws):
                n = int(per_raw[code])
                if not n:
                    continue
                counts[raw] += n
                if seg is base and code in dead_codes:
                    rows = np.flatnonzero(mask & (seg.np_raw == code))
                    roles[raw].update(r for r in (seg.role(i) for i in rows.tolist()) if r)
                else:
                    roles[raw].update(seg.role_counts.get(raw, ()))
        mapping = self.directory.resolve(counts)
        group_of: dict[RawSpeaker, int] = {}
        groups: list[RawSpeaker] = []
        members: list[list[RawSpeaker]] = []
        for raw in counts:
            canon = mapping[raw]
            g = group_of.get(canon)
            if g is None:
                g = group_of[canon] = len(groups)
                groups.append(canon)
                members.append([])
            members[g].append(raw)
        # one sort over every live quote: by speaker, then newest first, then by article
        # and place in it (so the order does not depend on how the snapshot was built)
        # (32-bit columns where they fit: these are a million rows each, and what they cost
        # while sorting the allocator keeps)
        rank = {aid: r for r, aid in enumerate(sorted(aid for _, aid, _ in self._live_articles()))}
        id_type = np.uint32 if self.segments[-1].end < 2**32 else np.int64
        parts_g, parts_id, parts_date, parts_rank, parts_start, parts_kind = [], [], [], [], [], []
        for seg, mask in zip(self.segments, live, strict=True):
            if not seg.raws:
                continue
            raw_group = np.array([group_of.get(mapping.get(r, r), -1) if r in counts else -1
                                  for r in seg.raws], dtype=np.int32)
            art_rank = np.array([rank.get(a, 0) for a in seg.articles.ids], dtype=np.int32)
            rows = np.flatnonzero(mask)
            parts_g.append(raw_group[seg.np_raw[rows]])
            parts_id.append((rows + seg.base).astype(id_type))
            parts_date.append(seg.np_dates[rows])
            parts_rank.append(art_rank[seg.np_article_rows()[rows]])
            parts_start.append(seg.np_starts[rows])
            parts_kind.append(seg.np_kinds[rows])
            del rows
        del rank
        self._speakers: dict[str, Speaker] = {}
        self._speaker_ids: dict[str, np.ndarray] = {}
        self._canon_of: dict[RawSpeaker, RawSpeaker] = mapping
        if parts_g and groups:  # (no live speaker at all: every statement uncertain)
            g = np.concatenate(parts_g)
            ids = np.concatenate(parts_id)
            date = np.concatenate(parts_date)
            order = np.lexsort((np.concatenate(parts_start), np.concatenate(parts_rank), -date, g))
            g, ids, date = g[order], ids[order], date[order]
            kind = np.concatenate(parts_kind)[order]
            n_groups = len(groups)
            kinds = np.bincount(g * len(KINDS) + kind, minlength=n_groups * len(KINDS)).reshape(n_groups, -1)
            bounds = np.searchsorted(g, np.arange(n_groups + 1))
            big = int(np.iinfo(np.int32).max)  # (past any date: ordinals are 32-bit here)
            nonempty = bounds[:-1] < bounds[1:]
            starts_at = bounds[:-1][nonempty]
            firsts = np.full(n_groups, big, dtype=np.int64)
            lasts = np.zeros(n_groups, dtype=np.int64)
            firsts[nonempty] = np.minimum.reduceat(np.where(date > 0, date, big), starts_at)
            lasts[nonempty] = np.maximum.reduceat(date, starts_at)
            kinds_l, firsts_l, lasts_l, bounds_l = kinds.tolist(), firsts.tolist(), lasts.tolist(), bounds.tolist()
            f = self.directory.fold_name
            for k, (name, kind_) in enumerate(groups):
                lo, hi = bounds_l[k], bounds_l[k + 1]
                if lo == hi:
                    continue
                first, last = firsts_l[k], lasts_l[k]
                role_seen: Counter[str] = Counter()
                for raw in members[k]:
                    role_seen.update(roles.get(raw, ()))
                spec = self.directory.spec_for(name)
                extra = [spec.name, *spec.aliases] if spec is not None else []
                aliases = sorted({f(r[0]) for r in members[k]} | {f(a) for a in [name, *extra]} - {""})
                key = name if name not in self._speakers else f"{name} ({kind_})"
                self._speakers[key] = Speaker(
                    key, self.directory.role_of(name, role_seen), kind_, hi - lo,
                    tuple((KINDS[c], n) for c, n in enumerate(kinds_l[k]) if n),
                    tuple(aliases), dt.date.fromordinal(first) if first != big else None,
                    dt.date.fromordinal(last) if last else None)
                self._speaker_ids[key] = ids[lo:hi]
        # lookup tables: folded alias → speakers; words of names for completion
        self._by_alias: dict[str, set[str]] = defaultdict(set)
        self._by_word: dict[str, set[str]] = defaultdict(set)
        for key, sp in self._speakers.items():
            for a in sp.aliases:
                self._by_alias[a].add(key)
                if sp.kind == "unnamed":
                    continue  # ("[a source close to the talks]" is found by its whole name only)
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

    def statement(self, gid: int, text: str | None = None) -> Statement:
        """The statement with this id (`text`: its text, where the caller has read it)."""
        seg = self._seg(gid)
        i = gid - seg.base
        code = seg.raw_code[i]
        raw = seg.raws[code] if code >= 0 else None
        name = kind = role = guess = None
        if raw is not None and seg.confidence[i] < np.float32(self.min_confidence):
            guess = self._canon_of.get(raw, raw)[0]
            raw = None
        if raw is not None:
            canon = self._canon_of.get(raw, raw)
            name, kind = canon
            key = name if name in self._speakers and self._speakers[name].kind == kind \
                else f"{name} ({kind})"
            sp = self._speakers.get(key)
            if sp is not None:
                name, role = sp.name, sp.role
        o = seg.dates[i]
        _, mention, cue = seg.extras[seg.extra_code[i]]
        return Statement(gid, seg.text(i) if text is None else text, KINDS[seg.kinds[i]], name, role, kind,
                         mention, cue, dt.date.fromordinal(o) if o else None,
                         seg.starts[i], seg.ends[i], float(seg.confidence[i]),
                         seg.articles[seg.article_row_of(i)], guess)

    # ---- queries --------------------------------------------------------------------

    def __len__(self) -> int:
        return self.quote_count

    @property
    def article_count(self) -> int:
        return self._article_count

    def _live_articles(self) -> Iterator[tuple[Segment, str, int]]:
        """(segment, article id, row) of every article this snapshot serves."""
        base = self.segments[0]
        for seg in self.segments:
            for aid, row in seg.article_row.items():
                if seg is base and aid in self.base_dirty:
                    continue
                yield seg, aid, row

    def speakers(self) -> list[Speaker]:
        """Every speaker, most quoted first."""
        return [self._speakers[k] for k in self._by_count]

    def sources(self) -> list[ArticleInfo]:
        """Every article, newest first."""
        base = self.segments[0]
        arts = [a for seg in self.segments for a in seg.articles
                if seg is not base or a.id not in self.base_dirty]
        return sorted(arts, key=lambda a: (-(a.date.toordinal() if a.date else 0), a.id))

    def date_range(self) -> tuple[dt.date | None, dt.date | None]:
        # (from the date column: no ArticleInfo made for the whole corpus)
        days = [o for seg, _, row in self._live_articles() if (o := seg.articles.ordinal(row))]
        return (dt.date.fromordinal(min(days)), dt.date.fromordinal(max(days))) if days else (None, None)

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
        # (the commonest words name no one: "a", "the Norwegian" is a Norwegian)
        toks = [t for t in f.split() if t not in STOPWORDS]
        if not toks:
            raise NoSuchSpeaker(typed, [])
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
        # the whole name, a little misspelt, or with a word more ("Di Moss" for "Moss");
        # never a fragment of a word (WRatio's partial matching took "a" for "United States")
        scored = process.extract(" ".join(toks), {k: n for k, n in self._folded_names.items()
                                                  if self._speakers[k].kind != "unnamed"},
                                 scorer=fuzz.token_set_ratio, limit=5, score_cutoff=90)
        if scored:
            best = scored[0][1]
            return self._one(typed, {k for _, s, k in scored if s >= best - 3})
        # suggestions: speakers with a name word like one typed
        near_words = Counter(k for t in toks for w, _, _ in process.extract(
            t, self._words, scorer=fuzz.ratio, limit=5, score_cutoff=75) for k in self._by_word[w])
        hints = [k for k, _ in sorted(near_words.items(), key=lambda kc: (-kc[1], -self._speakers[kc[0]].count))][:3]
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
        if kind is None and since is None and until is None:
            return QuoteAnswer(sp, Statements(self, ids))
        code = _KIND_CODE.get(kind) if kind else None
        lo = since.toordinal() if since else None
        hi = until.toordinal() if until else None
        out = array("I")
        for gid in map(int, ids):
            seg = self._seg(gid)
            i = gid - seg.base
            if code is not None and seg.kinds[i] != code:
                continue
            o = seg.dates[i]
            if (lo is not None and (not o or o < lo)) or (hi is not None and (not o or o > hi)):
                continue
            out.append(gid)
        return QuoteAnswer(sp, Statements(self, out))

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
        words that matched marked. The phrase index (BM25, phrase and fuzzy queries) finds
        the candidates; they are ranked here: the words typed standing together in that
        order first, then near each other, then anywhere; a direct quotation before
        reported speech at an equal score. Weak matches are left out."""
        typed = " ".join(str(phrase).split())
        all_words = words(typed)
        if not all_words:
            raise QueryError("Please give a phrase of a few words.")
        wanted = list(dict.fromkeys(w for w in all_words if w not in STOPWORDS))[:MAX_PHRASE_WORDS]
        if not wanted:
            raise QueryError("That phrase has only very common words; add a word or two "
                             "that the speaker would have used.")
        query = " ".join(all_words[:MAX_PHRASE_WORDS])
        found = self.phrases.snapshot.candidates(typed, max(limit * 3, 30))
        dead = self.dead
        # (scored from the columns; a Statement is made only for what is shown)
        scored: list[tuple[float, int, float, int, int, tuple[tuple[int, int], ...], str]] = []
        for gid, bm25 in found:
            if gid in dead:
                continue
            seg = self._seg(gid)
            i = gid - seg.base
            text = seg.text(i)  # (read once: on disk, it is a read)
            score, marks = _match(query, wanted, text)
            if score < min_score:
                continue
            scored.append((-round(score, 1), 0 if KINDS[seg.kinds[i]] == "direct" else 1, -bm25,
                           -seg.dates[i], gid, marks, text))
        scored.sort(key=lambda x: x[:5])
        hits: list[WhoHit] = []
        seen: set[tuple[str | None, str]] = set()
        for neg, _, _, _, gid, marks, text in scored:
            st = self.statement(gid, text)
            key = (st.speaker, fold(st.text))
            if key in seen:
                continue
            seen.add(key)
            hits.append(WhoHit(st, -neg, marks))
            if len(hits) == limit:
                break
        return hits
