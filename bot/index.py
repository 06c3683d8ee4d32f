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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.corrections import Correction
from bot.models import Article, Quote
from bot.people import Directory, RawSpeaker
from bot.phrases import PhraseIndex, fuzzy_distance
from bot.phrases import Snapshot as PhraseSnapshot
from bot.quoteid import format_id, parse_id, quote_id
from bot.textnorm import STOPWORDS, fold, word_spans, words
from bot.texts import Texts

KINDS = ("direct", "partial", "reported")
_KIND_CODE = {k: i for i, k in enumerate(KINDS)}
# Words shorter than this must be typed exactly; longer ones may have one slip.
FUZZY_MIN_LEN = 4
MAX_PHRASE_WORDS = 24
MAX_NAME_CHARS = 200
# A /who filter of up to this many statements is searched inside the phrase index (a
# term set of ids); a wider one (a big outlet, a long stretch of dates) is searched
# without it, asking for as many more candidates as the filter is narrow, and sifted.
WITHIN_MAX = 100_000
CANDIDATES_MAX = 5_000
# The most statements /quote about: lists, best match first.
ABOUT_LIMIT = 50


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


class NoSuchQuote(QueryError):
    def __init__(self, typed: str) -> None:
        self.typed = typed
        shown = " ".join(str(typed).split())[:40]
        super().__init__(f"No quotation with the id “{shown}”: ids are the ten letters and digits "
                         "shown under each quote (they change only when the quotation does).")


class BadCorrection(QueryError):
    """A correction whose speaker cannot be resolved (a name that could be several)."""


class AmbiguousSpeaker(QueryError):
    def __init__(self, name: str, candidates: Sequence[str]) -> None:
        self.name = name
        self.candidates = list(candidates)
        super().__init__(f"“{name}” could be {_or_list(self.candidates)}. Please give the full name.")


class RoleCandidates(AmbiguousSpeaker):
    """Several speakers hold the role or belong to the organisation typed ("Kremlin",
    "NATO Secretary General"): the candidates to pick from, most quoted first."""

    def __init__(self, name: str, candidates: Sequence[str], roles: Sequence[str | None]) -> None:
        self.roles = list(roles)
        QueryError.__init__(self, f"“{name}” fits {len(candidates)} speakers by role or organisation: "
                            + "; ".join(c + (f" ({r})" if r else "") for c, r in zip(candidates, roles, strict=True))
                            + ". Pick one by name.")
        self.name = name
        self.candidates = list(candidates)


# the same role in other words: typed either way, found either way
_ROLE_SYNONYMS = {"spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesmen": "spokesperson",
                  "spokeswomen": "spokesperson", "spokespeople": "spokesperson", "adviser": "advisor",
                  "defense": "defence"}


def role_word(w: str) -> str:
    return _ROLE_SYNONYMS.get(w, w)


def _holds(sorted_ids: np.ndarray, gid: int) -> bool:
    k = int(np.searchsorted(sorted_ids, gid))
    return k < sorted_ids.size and int(sorted_ids[k]) == gid


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
    # the stable id people type (`id` is the row, which a reload renumbers)
    qid: str = ""
    # the speaker was set by the server's admins (config/corrections.yaml), not the model
    corrected: bool = False
    hidden: bool = False

    def to_json(self) -> dict[str, object]:
        a = self.article
        return {"id": self.qid, "text": self.text, "kind": self.kind, "speaker": self.speaker,
                "speaker_guess": self.speaker_guess, "corrected": self.corrected,
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

    @property
    def ids(self) -> Sequence[int]:
        return self._ids

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
    # /quote about: a phrase: the statements matching it, best first, each with its
    # score and the matching words' places in its text (by statement id)
    about: str | None = None
    scores: Mapping[int, float] = field(default_factory=dict)
    marks: Mapping[int, tuple[tuple[int, int], ...]] = field(default_factory=dict)


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

    @property
    def outlet_names(self) -> list[str | None]:
        """The distinct outlets, by code (None: an article naming none)."""
        return self._outlets

    def np_outlet_codes(self) -> np.ndarray:
        """The outlet code of each article row, for numpy."""
        return np.frombuffer(self._outlet, dtype=np.int32)

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

        # each quote's stable id (bot/quoteid.py): its article and text
        self.qids = qids = array("Q")
        for info, quotes in entries:
            row = len(self.articles)
            self.articles.append(info)
            self.article_row[info.id] = row
            self.first_quote.append(n)
            add_texts([q.text for q in quotes])
            seen_ids: set[int] = set()
            for q in quotes:
                # (the text read here once: its id, its words for the phrase index)
                text = q.text
                qid = quote_id(info.id, text)
                k = 0
                while qid in seen_ids:  # (the same words twice in one article: a second id)
                    k += 1
                    qid = quote_id(info.id, text, k)
                seen_ids.add(qid)
                qids.append(qid)
                if words is not None:
                    words(base + n, info.id, text)
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
        self.np_qids = np.frombuffer(self.qids, dtype=np.uint64)

    def rows_with_id(self, qid: int) -> list[int]:
        """Global ids of the rows whose quote id is qid. (A scan of the id column: under a
        millisecond at a million quotes, for a command a person types, where a sorted copy
        and its order would hold 16 more bytes a quote for good.)"""
        return [self.base + int(i) for i in np.flatnonzero(self.np_qids == np.uint64(qid))]

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
    # corrections (config/corrections.yaml) that no quotation matches any more:
    # (article, quotation, what the correction says)
    corrections_unmatched: tuple[tuple[str, str, str], ...] = ()

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
                "from_cache": self.from_cache, "seconds": round(self.seconds, 3),
                "corrections_unmatched": [{"article": a, "quote": q, "correction": c}
                                          for a, q, c in self.corrections_unmatched]}

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
        for a, q, c in self.corrections_unmatched:
            lines.append(f"Correction matching no quotation: {a}: “{q[:80]}” ({c})")
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
                 min_confidence: float = 0.0, phrases: Phrases | None = None,
                 corrections: Sequence[Correction] = ()) -> None:
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
        self._dead_ids = np.array(sorted(dead), dtype=np.uint32)
        self.corrections = tuple(corrections)
        self._apply_corrections()
        self.quote_count = sum(len(s) for s in self.segments) - len(dead) - len(self.hidden)
        give_back_memory()

    # ---- building -------------------------------------------------------------------

    @classmethod
    def build(cls, entries: Iterable[tuple[ArticleInfo, Sequence[Quote]]],
              directory: Directory | None = None, min_confidence: float = 0.0,
              phrase_dir: Path | None = None, corrections: Sequence[Correction] = ()) -> QuoteIndex:
        """A snapshot of these articles; its phrase index and quotation texts in phrase_dir
        (written afresh), or in memory."""
        writer = PhraseIndex(phrase_dir, fresh=True)  # (makes the folder the texts go to)
        seg = Segment(0, entries, phrase_dir, writer.adder())
        return cls([seg], frozenset(), directory or Directory(), min_confidence=min_confidence,
                   phrases=Phrases(writer, writer.commit()), corrections=corrections)

    @classmethod
    def empty(cls, directory: Directory | None = None) -> QuoteIndex:
        return cls.build([], directory)

    def with_settings(self, directory: Directory, min_confidence: float,
                      corrections: Sequence[Correction] | None = None) -> QuoteIndex:
        """The same quotes under other speaker settings (aliases, min_confidence, the
        admins' corrections)."""
        return QuoteIndex(self.segments, self.dead, directory, self.base_dirty, min_confidence,
                          self.phrases, self.corrections if corrections is None else corrections)

    def with_changes(self, changed: dict[str, tuple[ArticleInfo, Sequence[Quote]]],
                     removed: Iterable[str], delta_entries: dict[str, tuple[ArticleInfo, Sequence[Quote]]],
                     directory: Directory | None = None,
                     corrections: Sequence[Correction] | None = None) -> QuoteIndex:
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
                          self.min_confidence, phrases,
                          self.corrections if corrections is None else corrections)

    def _build_speakers(self) -> None:
        base = self.segments[0]
        # per segment: which rows are live (the base's changed articles are masked out)
        live = []
        # rows the admins hid or gave another speaker count for the model's speaker no more
        amended = np.array(sorted(self.hidden | self._override.keys()), dtype=np.int64)
        recount: list[set[int]] = []
        for seg in self.segments:
            mask = seg.np_raw >= 0
            if self.min_confidence > 0:
                # (named above the threshold, not at it: at 0.5 a speaker is a coin's toss,
                # and a wrong speaker is worse than none; 0 names every speaker)
                mask &= seg.np_conf > np.float32(self.min_confidence)
            codes: set[int] = set()
            if seg is base and self._dead_ids.size:
                mask[self._dead_ids.astype(np.int64) - base.base] = False
                codes.update(base.np_raw[self._dead_ids.astype(np.int64) - base.base].tolist())
            if amended.size:
                rows = amended[(amended >= seg.base) & (amended < seg.end)] - seg.base
                mask[rows] = False
                codes.update(seg.np_raw[rows].tolist())
            live.append(mask)
            recount.append(codes)
        counts: Counter[RawSpeaker] = Counter()
        roles: dict[RawSpeaker, Counter[str]] = defaultdict(Counter)
        for raw in self._override.values():
            counts[raw] += 1
        for seg, mask, dead_codes in zip(self.segments, live, recount, strict=True):
            per_raw = np.bincount(seg.np_raw[mask], minlength=len(seg.raws))
            for code, raw in enumerate(seg.raws):
                n = int(per_raw[code])
                if not n:
                    continue
                counts[raw] += n
                if code in dead_codes:
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
        if self._override:
            # (the rows the admins gave a speaker, under that speaker; same column types)
            over = sorted(self._override)
            segs = [self._seg(gid) for gid in over]
            local = [gid - seg.base for gid, seg in zip(over, segs, strict=True)]
            parts_g.append(np.array([group_of.get(mapping.get(r, r), -1)
                                     for r in (self._override[gid] for gid in over)], dtype=np.int32))
            parts_id.append(np.array(over, dtype=id_type))
            parts_date.append(np.array([seg.dates[i] for seg, i in zip(segs, local, strict=True)], dtype=np.int32))
            parts_rank.append(np.array([rank.get(seg.articles.ids[seg.article_row_of(i)], 0)
                                        for seg, i in zip(segs, local, strict=True)], dtype=np.int32))
            parts_start.append(np.array([seg.starts[i] for seg, i in zip(segs, local, strict=True)], dtype=np.uint32))
            parts_kind.append(np.array([seg.kinds[i] for seg, i in zip(segs, local, strict=True)], dtype=np.uint8))
        del rank
        self._speakers: dict[str, Speaker] = {}
        self._speaker_ids: dict[str, np.ndarray] = {}
        role_seen_of: dict[str, Counter[str]] = {}
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
                role_seen_of[key] = role_seen
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
        # roles: every role a speaker was given (and their configured one), word by word,
        # so that "Kremlin" or "NATO Secretary General" finds who holds it
        self._roles_of: dict[str, list[str]] = {}
        self._by_role_word: dict[str, set[str]] = defaultdict(set)
        for key, seen in role_seen_of.items():
            sp = self._speakers[key]
            held = ([sp.role] if sp.role else []) + [r for r, _ in seen.most_common() if r != sp.role]
            self._roles_of[key] = held
            for r in held:
                for w in fold(r).split():
                    if w not in STOPWORDS:
                        self._by_role_word[role_word(w)].add(key)
        self._folded_names = {key: fold(key) for key in self._speakers}
        self._words = list(self._by_word)
        self._name_words = sorted((w, key) for w, keys in self._by_word.items() for key in keys)
        self._by_count = sorted(self._speakers, key=lambda k: (-self._speakers[k].count, k))

    # ---- the admins' corrections -----------------------------------------------------

    def _apply_corrections(self) -> None:
        """Each correction to the rows it names (its article's quotations with its text),
        its speaker resolved as /quote resolves names, then the speaker tables built with
        them. A name the corpus does not know is a new speaker; one that could be several
        is an error (BadCorrection)."""
        self.hidden: frozenset[int] = frozenset()
        self._override: dict[int, RawSpeaker] = {}
        self.correction_of: dict[int, Correction] = {}
        self.unmatched: tuple[Correction, ...] = ()
        if not self.corrections:
            self._build_speakers()
            return
        matched: list[tuple[Correction, list[int]]] = []
        unmatched: list[Correction] = []
        for c in self.corrections:
            hit = self._article(c.article)
            gids: list[int] = []
            if hit is not None:
                seg, row = hit
                # (the texts read from the segment's store: one article's quotations)
                gids = [g for g in seg.article_ids(row) if fold(seg.text(g - seg.base)) == c.key[1]]
            if gids:
                matched.append((c, gids))
            else:
                unmatched.append(c)
        self.unmatched = tuple(unmatched)
        # names as the model wrote them need no lookup; others (typed by hand, an alias,
        # a typo) are found in the speaker tables as the model alone makes them
        kinds: dict[str, str] = {}
        for seg in self.segments:
            for name, kind in seg.raws:
                kinds.setdefault(name, kind)
        wanted = {c.speaker for c, _ in matched if c.speaker}
        resolved: dict[str, RawSpeaker] = {n: (n, kinds[n]) for n in wanted if n in kinds}
        if len(resolved) < len(wanted):
            self._build_speakers()
            for c, _ in matched:
                if c.speaker and c.speaker not in resolved:
                    resolved[c.speaker] = self._resolve_name(c)
        hidden: set[int] = set()
        for c, gids in matched:
            for g in gids:
                self.correction_of[g] = c
                if c.hide:
                    hidden.add(g)
                else:
                    self._override[g] = resolved[c.speaker]  # type: ignore[index]
        self.hidden = frozenset(hidden)
        self._build_speakers()

    def _resolve_name(self, c: Correction) -> RawSpeaker:
        name = c.speaker or ""
        try:
            sp = self.find_speaker(name)
        except NoSuchSpeaker:
            spec = self.directory.spec_for(name)
            return (spec.name, spec.kind or "person") if spec is not None else (name, "person")
        except AmbiguousSpeaker as e:
            raise BadCorrection(f"{c.where or 'corrections.yaml'}: speaker: {e}") from None
        return self.raw_of(sp)

    def raw_of(self, sp: Speaker) -> RawSpeaker:
        """The (name, kind) a speaker of this index is known by to the people directory."""
        kind = sp.kind or "person"
        return sp.name.removesuffix(f" ({kind})"), kind

    def find_quote(self, typed: str, hidden_ok: bool = False) -> Statement:
        """The quotation with this id (as shown under each quote), or NoSuchQuote. A hidden
        one only where hidden_ok (for the admins, and for its context)."""
        n = parse_id(typed)
        if n is not None:
            for seg in reversed(self.segments):  # (a changed article's rows are in the delta)
                for gid in seg.rows_with_id(n):
                    if gid in self.dead or (gid in self.hidden and not hidden_ok):
                        continue
                    return self.statement(gid)
        raise NoSuchQuote(typed)

    def model_speaker(self, gid: int) -> str | None:
        """Who the model said spoke row gid, whatever the admins corrected (None where it
        named no one)."""
        seg = self._seg(gid)
        code = seg.raw_code[gid - seg.base]
        if code < 0:
            return None
        raw = seg.raws[code]
        return self._canon_of.get(raw, raw)[0]

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
        over = self._override.get(gid)
        if over is not None:
            raw = over  # (the admins' word: no threshold applies)
        elif raw is not None and self.min_confidence > 0 and seg.confidence[i] <= np.float32(self.min_confidence):
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
                         seg.articles[seg.article_row_of(i)], guess, format_id(seg.qids[i]),
                         over is not None, gid in self.hidden)

    def facts(self, ids: Iterable[int]) -> Iterator[tuple[dt.date | None, str, ArticleInfo]]:
        """(date, kind, article) of each statement, from the columns alone: a chart of
        50,000 statements need not decode their texts. (An article's ArticleInfo is made
        once a call, however many of its statements are asked for.)"""
        made: dict[tuple[int, int], ArticleInfo] = {}
        for gid in ids:
            seg = self._seg(int(gid))
            i = int(gid) - seg.base
            o = seg.dates[i]
            row = seg.article_row_of(i)
            info = made.get((seg.base, row))
            if info is None:
                info = made[seg.base, row] = seg.articles[row]
            yield (dt.date.fromordinal(o) if o else None), KINDS[seg.kinds[i]], info

    # ---- queries --------------------------------------------------------------------

    def __len__(self) -> int:
        return self.quote_count

    @property
    def article_count(self) -> int:
        return self._article_count

    def _article(self, article_id: str) -> tuple[Segment, int] | None:
        """(segment, row) of the live article with this id, or None. (Each segment's own
        row map, newest first: no map of the whole corpus kept beside them.)"""
        base = self.segments[0]
        for seg in reversed(self.segments):
            row = seg.article_row.get(article_id)
            if row is not None:
                return None if seg is base and article_id in self.base_dirty else (seg, row)
        return None

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

    def article_statements(self, article_id: str) -> list[Statement]:
        """The statements of one article, in the order they stand in it."""
        hit = self._article(article_id)
        if hit is None:
            return []
        seg, row = hit
        return [self.statement(g) for g in seg.article_ids(row) if g not in self.dead]

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
        # a role or organisation: every speaker who held a role with all the words typed
        by_role = set.intersection(*(self._by_role_word.get(role_word(t), set()) for t in toks))
        if by_role:
            if len(by_role) == 1:
                return self._speakers[next(iter(by_role))]
            ranked = sorted(by_role, key=lambda k: (-self._speakers[k].count, k))[:25]
            raise RoleCandidates(typed, ranked, [self._speakers[k].role for k in ranked])
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
        if not hints:
            # a role half right ("Kremlin spokesman" where the Kremlin's voice here is an aide)
            some = Counter(k for t in toks for k in self._by_role_word.get(role_word(t), ()))
            hints = sorted(some, key=lambda k: (-some[k], -self._speakers[k].count, k))[:3]
        raise NoSuchSpeaker(typed, hints)

    def roles_of(self, key: str) -> list[str]:
        """Every role a speaker was given, their usual one first."""
        return list(self._roles_of.get(key, ()))

    def _one(self, typed: str, keys: set[str]) -> Speaker:
        if len(keys) == 1:
            return self._speakers[next(iter(keys))]
        ranked = sorted(keys, key=lambda k: (-self._speakers[k].count, k))
        raise AmbiguousSpeaker(typed, ranked[:10])

    def quote(self, speaker: str, kind: str | None = None, since: dt.date | None = None,
              until: dt.date | None = None, about: str | None = None, min_score: float = 60.0,
              limit: int = ABOUT_LIMIT) -> QuoteAnswer:
        """What a speaker said, newest first; with `about`, what they said on that (a
        phrase, matched as who() matches it), best match first."""
        if kind is not None and kind not in KINDS:
            raise QueryError(f"kind must be one of {', '.join(KINDS)}, not “{kind}”.")
        if since and until and since > until:
            raise QueryError("“since” is after “until”.")
        sp = self.find_speaker(speaker)
        if about is not None and about.strip():
            allowed = self._where(sp.name, None, kind, since, until)
            hits = self._who(about, limit, min_score, allowed, "about")
            ids_ = array("I", (h.statement.id for h in hits))
            return QuoteAnswer(sp, Statements(self, ids_), " ".join(about.split()),
                               {h.statement.id: h.score for h in hits}, {h.statement.id: h.marks for h in hits})
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

    def _where(self, speaker_key: str | None, outlets: set[str] | None, kind: str | None,
               since: dt.date | None, until: dt.date | None) -> np.ndarray | None:
        """The live ids (sorted) of statements by that speaker, in those outlets, of that
        kind, dated within since..until (an undated one is within no dates); None where
        nothing is asked for."""
        if speaker_key is None and outlets is None and kind is None and since is None and until is None:
            return None
        code = _KIND_CODE[kind] if kind else None
        lo = since.toordinal() if since else 0
        hi = until.toordinal() if until else 0
        base = self.segments[0]
        if speaker_key is not None:
            ids = np.sort(np.asarray(self._speaker_ids[speaker_key], dtype=np.int64))
        parts = []
        for seg in self.segments:
            if speaker_key is not None:
                rows = ids[(ids >= seg.base) & (ids < seg.end)] - seg.base
            else:
                live = np.ones(seg.count, dtype=bool)
                if seg is base and self._dead_ids.size:
                    live[self._dead_ids.astype(np.int64) - base.base] = False
                rows = np.flatnonzero(live)
            keep = np.ones(rows.size, dtype=bool)
            if code is not None:
                keep &= seg.np_kinds[rows] == code
            if lo or hi:
                d = seg.np_dates[rows]
                keep &= d > 0
                if lo:
                    keep &= d >= lo
                if hi:
                    keep &= d <= hi
            if outlets is not None:
                # (by the articles' outlet codes: no ArticleInfo made)
                arts = seg.articles
                in_outlet = np.array([o in outlets for o in arts.outlet_names] or [False], dtype=bool)
                keep &= in_outlet[arts.np_outlet_codes()][seg.np_article_rows()[rows]]
            parts.append(rows[keep].astype(np.int64) + seg.base)
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def outlets(self) -> list[tuple[str, int]]:
        """Every outlet with its number of articles, most first."""
        counts: Counter[str] = Counter()
        base = self.segments[0]
        for seg in self.segments:
            arts = seg.articles
            codes = arts.np_outlet_codes()
            if seg is base and self.base_dirty:
                live = np.ones(len(arts), dtype=bool)
                live[[seg.article_row[a] for a in self.base_dirty]] = False
                codes = codes[live]
            per = np.bincount(codes, minlength=len(arts.outlet_names)).tolist()
            for name, n in zip(arts.outlet_names, per, strict=True):
                if name and n:
                    counts[name] += n
        return sorted(counts.items(), key=lambda oc: (-oc[1], oc[0]))

    def find_outlets(self, typed: str) -> set[str]:
        """The outlets a person means: every outlet whose name holds the words typed, or
        words starting so, in any case or accents ("sputnik" is both "Sputnik" and
        "Sputnik (via Ru-Main)"), else the one a slip away ("Reutres")."""
        text = " ".join(str(typed).split())[:MAX_NAME_CHARS]
        f = fold(text)
        if not f:
            raise QueryError("outlet: please give an outlet's name.")
        folded = {name: fold(name) for name, _ in self.outlets()}
        toks = f.split()
        held = {n for n, fn in folded.items() if all(any(w.startswith(t) for w in fn.split()) for t in toks)}
        if held:
            return held
        near = process.extract(f, folded, scorer=fuzz.ratio, limit=3, score_cutoff=85)
        if near:
            return {near[0][2]}
        hints = [k for _, _, k in process.extract(f, folded, scorer=fuzz.WRatio, limit=3, score_cutoff=60)]
        if hints:
            raise QueryError(f"outlet: no outlet called “{text}” in the corpus; did you mean {_or_list(hints)}?")
        most = [n for n, _ in self.outlets()]
        known = f"; the outlets with most articles: {', '.join(most[:5])}." if most else \
            "; no article names its outlet."
        raise QueryError(f"outlet: no outlet called “{text}” in the corpus{known}")

    def complete_outlet(self, prefix: str, limit: int = 25) -> list[str]:
        """Outlet names for autocomplete: with a word starting with what was typed, the
        ones with most articles first."""
        f = fold(str(prefix)[:MAX_NAME_CHARS])
        names = [n for n, _ in self.outlets()]
        if not f:
            return names[:limit]
        toks = f.split()
        return [n for n in names if all(any(w.startswith(t) for w in fold(n).split()) for t in toks)][:limit]

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

    def who(self, phrase: str, limit: int = 10, min_score: float = 60.0, speaker: str | None = None,
            outlet: str | None = None, since: dt.date | None = None, until: dt.date | None = None
            ) -> list[WhoHit]:
        """Who said something like `phrase`: the best-matching statements, each with the
        words that matched marked. The phrase index (BM25, phrase and fuzzy queries) finds
        the candidates; they are ranked here: the words typed standing together in that
        order first, then near each other, then anywhere; a direct quotation before
        reported speech at an equal score. Weak matches are left out. Only statements
        by `speaker`, in an `outlet` (any outlet whose name holds the words typed), and
        dated from `since` to `until` are searched, where those are given."""
        if since and until and since > until:
            raise QueryError("“since” is after “until”.")
        key = self.find_speaker(speaker).name if speaker is not None and speaker.strip() else None
        outlets = self.find_outlets(outlet) if outlet is not None and outlet.strip() else None
        return self._who(phrase, limit, min_score, self._where(key, outlets, None, since, until))

    def _who(self, phrase: str, limit: int, min_score: float, allowed: np.ndarray | None,
             option: str = "phrase") -> list[WhoHit]:
        """who(), among the `allowed` ids (sorted; None: all)."""
        typed = " ".join(str(phrase).split())
        all_words = words(typed)
        if not all_words:
            raise QueryError(f"{option}: please give a phrase of a few words.")
        wanted = list(dict.fromkeys(w for w in all_words if w not in STOPWORDS))[:MAX_PHRASE_WORDS]
        if not wanted:
            raise QueryError(f"{option}: that phrase has only very common words; add a word or two "
                             "that the speaker would have used.")
        query = " ".join(all_words[:MAX_PHRASE_WORDS])
        want = max(limit * 3, 30)
        if allowed is None:
            found = self.phrases.snapshot.candidates(typed, want)
        elif not allowed.size:
            return []
        elif allowed.size <= WITHIN_MAX:
            found = self.phrases.snapshot.candidates(typed, want, within=allowed.tolist())
        else:
            share = allowed.size / max(1, len(self))
            found = self.phrases.snapshot.candidates(typed, min(CANDIDATES_MAX, int(want / share) + 1))
        dead = self.dead
        # (scored from the columns; a Statement is made only for what is shown)
        scored: list[tuple[float, int, float, int, int, tuple[tuple[int, int], ...], str]] = []
        hidden = self.hidden
        for gid, bm25 in found:
            if gid in dead or gid in hidden or (allowed is not None and not _holds(allowed, gid)):
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
