"""The serving snapshot. reload() reads the corpus folder and config beside the index that
is serving, swaps the new one in with one assignment, and returns what changed. A reload
that fails raises and leaves the serving index as it was.

Besides: context() shows a quotation in its article; correct() and hide() record an
admin's correction in config/corrections.yaml and serve it at once."""

from __future__ import annotations

import atexit
import dataclasses
import datetime as dt
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot import cache as cache_mod
from bot import config
from bot import corrections as corrections_mod
from bot.context import Context, find_again, locate
from bot.corpus import add as adding
from bot.corpus.reader import SUFFIXES, decode, parse_article
from bot.extract.pipeline import extract
from bot.index import (
    AmbiguousSpeaker,
    ArticleInfo,
    BadCorrection,
    NoSuchSpeaker,
    QueryError,
    QuoteIndex,
    ReloadReport,
    Statement,
)
from bot.models import Article, Quote
from bot.people import Directory

# Below this many files to extract, worker processes cost more than they save.
PARALLEL_FROM = 64
# Rebuild the whole index once the delta holds this share of the articles.
COMPACT_SHARE = 0.1
COMPACT_MIN = 200

Entry = tuple[ArticleInfo, list[Quote]]


class ReloadError(Exception):
    """The corpus folder or config cannot be used; the old index keeps serving."""


class ReloadBusy(ReloadError):
    def __init__(self) -> None:
        super().__init__("A reload is already running; try again when it has finished.")


# the longest speaker name a correction may give (Discord's option allows as much)
MAX_SPEAKER_CHARS = 100


@dataclass(frozen=True, slots=True)
class Amended:
    """What a correction did: the statement as it now stands, and as it stood."""

    statement: Statement
    correction: corrections_mod.Correction
    # the speaker shown before (None: uncertain or unknown)
    before: str | None
    # the corrected speaker is someone the corpus had not named
    new_speaker: bool

    def to_json(self) -> dict[str, object]:
        return {"statement": self.statement.to_json(), "correction": self.correction.to_json(),
                "before": self.before, "new_speaker": self.new_speaker}


@dataclass(frozen=True, slots=True)
class Added:
    """An article added to the corpus: its file, what was written, the reload that took
    it in and its statements as the index now serves them."""

    file: str
    draft: adding.Draft
    report: ReloadReport
    statements: list[Statement]

    @property
    def warnings(self) -> list[str]:
        return [w for w in self.report.warnings if w.startswith(f"{self.file}:")]


# How long an add waits for a reload that is running (a /reload, another add) to finish.
ADD_WAIT = 120.0


@dataclass(frozen=True, slots=True)
class _FileState:
    path: str
    size: int
    mtime_ns: int
    override: str
    key: str


def _extract_file(path: str, article_id: str, data: bytes,
                  override: Mapping[str, Any] | None) -> tuple[Article | None, list[Quote], list[str]]:
    text, warnings = decode(data, article_id)  # (named as the corpus names it: its id)
    if text is None:
        return None, [], warnings
    art = parse_article(article_id, text, path, override)
    quotes = extract(art)
    # The text is not kept: the index needs only what the quotes carry.
    slim = Article(id=art.id, text="", title=art.title, outlet=art.outlet, date=art.date,
                   url=art.url, author=art.author, path=path, warnings=tuple(warnings) + art.warnings)
    return slim, quotes, warnings + list(art.warnings)


def _extract_job(job: tuple[str, str, bytes, Mapping[str, Any] | None]):
    return _extract_file(*job)


def list_articles(folder: Path) -> list[tuple[str, str, int, int]]:
    """(article id, path, size, mtime_ns) of every article file under folder, subfolders
    too, hidden ones skipped; the id is the path relative to the folder."""
    out: list[tuple[str, str, int, int]] = []

    def walk(path: str, prefix: str) -> None:
        with os.scandir(path) as it:
            entries = sorted(it, key=lambda e: e.name)
        for e in entries:
            if e.name.startswith("."):
                continue
            if e.is_dir():
                walk(e.path, f"{prefix}{e.name}/")
            elif e.name.endswith(SUFFIXES) and e.is_file():
                st = e.stat()
                out.append((prefix + e.name, e.path, st.st_size, st.st_mtime_ns))

    walk(str(folder), "")
    return out


def _remove_orphans(folder: Path) -> None:
    """Phrase indexes left by processes that are gone (killed before they could tidy up)."""
    for old in folder.glob("phrases-*-*"):
        pid = old.name.split("-")[1]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass  # (alive, or not ours to ask about: left alone)


class Service:
    """Holds the serving index. Queries read `service.index` once and use that snapshot."""

    def __init__(self, corpus: Path | str, config_dir: Path | str = "config",
                 cache_path: Path | str | None = None, workers: int | None = None) -> None:
        self.corpus = Path(corpus)
        self.config_dir = Path(config_dir)
        self.cache = cache_mod.Cache(cache_path)
        # The phrase index lives beside the extraction cache, on disk (memory-mapped, so a
        # large corpus costs little resident memory), one folder per process and build
        # generation; without a cache it stays in memory.
        self._phrase_root: Path | None = None
        if cache_path is not None:
            try:
                Path(cache_path).parent.mkdir(parents=True, exist_ok=True)
                _remove_orphans(Path(cache_path).parent)
                self._phrase_root = Path(tempfile.mkdtemp(prefix=f"phrases-{os.getpid()}-",
                                                          dir=Path(cache_path).parent))
                atexit.register(shutil.rmtree, self._phrase_root, True)
            except OSError:
                self._phrase_root = None  # (an unwritable cache folder costs memory, not data)
        self._generation = 0
        self.workers = workers if workers is not None else min(4, os.cpu_count() or 1)
        self.index: QuoteIndex = QuoteIndex.empty()
        self.settings = config.Settings()
        self.last_report: ReloadReport | None = None
        self._lock = threading.Lock()
        self._files: dict[str, _FileState] = {}
        self._delta: dict[str, Entry] = {}
        self._add_lock = threading.Lock()
        # article id -> ((path, size, mtime_ns), its urls and text fingerprint): what an
        # add compares a new article with, read again only for files that changed
        self._prints: dict[str, tuple[tuple[str, int, int], adding.Fingerprint | None]] = {}

    @property
    def reloading(self) -> bool:
        return self._lock.locked()

    def reload(self, wait: float = 0) -> ReloadReport:
        """Raises ReloadBusy while another reload runs (after waiting up to `wait` s)."""
        got = self._lock.acquire(timeout=wait) if wait > 0 else self._lock.acquire(blocking=False)
        if not got:
            raise ReloadBusy()
        try:
            return self._reload()
        finally:
            self._lock.release()

    def _reload(self) -> ReloadReport:
        t0 = time.perf_counter()
        try:
            settings = config.load(self.config_dir)
        except config.ConfigError as e:
            raise ReloadError(str(e)) from e
        if not self.corpus.is_dir():
            raise ReloadError(f"{self.corpus}: the corpus folder does not exist")
        try:
            paths = list_articles(self.corpus)
        except OSError as e:
            raise ReloadError(f"{self.corpus}: cannot list the corpus folder ({e.strerror or e})") from e
        old = self.index
        directory = Directory(settings.speakers, settings.keep_apart) \
            if (settings.speakers, settings.keep_apart) != (self.settings.speakers, self.settings.keep_apart) \
            else old.directory

        states: dict[str, _FileState] = {}
        changed: dict[str, Entry] = {}
        failed: list[tuple[str, str]] = []
        warnings: list[str] = []
        jobs: list[tuple[str, str, bytes, Mapping[str, Any] | None]] = []
        keys: dict[str, _FileState] = {}
        from_cache = 0
        for aid, path, size, mtime_ns in paths:
            override = settings.sources.get(aid) or settings.sources.get(os.path.basename(path))
            sig = json.dumps(override, sort_keys=True, default=str) if override else ""
            prev = self._files.get(aid)
            if prev and (prev.path, prev.size, prev.mtime_ns, prev.override) == (path, size, mtime_ns, sig):
                states[aid] = prev
                continue
            try:
                with open(path, "rb") as f:
                    data = f.read()
            except OSError as e:
                failed.append((aid, f"cannot read ({e.strerror or e})"))
                continue
            key = cache_mod.key_for(data, override)
            state = _FileState(path, size, mtime_ns, sig, key)
            if prev and prev.key == key:  # touched, not changed
                states[aid] = state
                continue
            hit = self.cache.get(key, aid, path)
            if hit is not None:
                art, quotes = hit
                changed[aid] = (ArticleInfo.of(art, len(quotes)), quotes)
                warnings.extend(art.warnings)
                states[aid] = state
                from_cache += 1
                continue
            jobs.append((path, aid, data, override))
            keys[aid] = state

        to_store = []
        for (_, aid, _, _), (art, quotes, warns) in zip(jobs, self._run(jobs), strict=True):
            if art is None:
                # (said once, as a failure: "a.txt: empty file", not also as a warning)
                why = warns[0] if warns else "unreadable"
                failed.append((aid, why.removeprefix(f"{aid}: ")))
                continue
            warnings.extend(warns)
            changed[aid] = (ArticleInfo.of(art, len(quotes)), quotes)
            states[aid] = keys[aid]
            to_store.append((keys[aid].key, art, quotes))
        if to_store:
            try:
                self.cache.put_many(to_store)
            except Exception as e:  # a cache that cannot be written costs speed, not data
                warnings.append(f"{self.cache.path}: cannot write the extraction cache ({e})")

        if not self.corpus.is_dir():
            # Gone since it was listed (unmounted, moved, deleted): every file not read is
            # missing for that reason, not removed from the corpus. Taking them for removed
            # would serve an index without them.
            raise ReloadError(f"{self.corpus}: the corpus folder disappeared during the reload; "
                              "still serving the index as it was")
        removed = [a for a in self._files if a not in states]
        added = sorted(a for a in changed if a not in self._files)
        modified = sorted(a for a in changed if a in self._files)
        corpus_key = str(self.corpus.resolve())
        before = self.cache.last_served(corpus_key) if not self._files else None
        if before is not None:
            # a new process: what changed since the last one served this corpus
            seen: dict[str, str] = before["files"]
            added = sorted(a for a in states if a not in seen)
            modified = sorted(a for a in states if a in seen and seen[a] != states[a].key)
            removed = sorted(a for a in seen if a not in states)
        # a full rebuild re-extracts with the new sources.yaml should the cache miss
        try:
            new = self._next_index(old, changed, removed, states, directory, settings.sources,
                                   settings.corrections)
        except BadCorrection as e:
            raise ReloadError(str(e)) from e
        except OSError as e:  # (an unchanged file the cache lost, gone since the listing)
            raise ReloadError(f"{e.filename or self.corpus}: cannot read ({e.strerror or e}); "
                              "still serving the index as it was") from e
        if new.min_confidence != settings.bot.min_confidence:
            # (the same quotes: only who counts as their speaker changes)
            new = new.with_settings(new.directory, settings.bot.min_confidence)

        old_names = {s.name for s in old.speakers()} if before is None else set(before["speakers"])
        new_names = {s.name for s in new.speakers()}
        try:
            self.cache.remember_served(corpus_key, {"files": {a: st.key for a, st in states.items()},
                                                    "quotes": len(new), "speakers": sorted(new_names)})
        except Exception as e:  # (a cache that cannot be written costs the next report, not data)
            warnings.append(f"{self.cache.path}: cannot write the extraction cache ({e})")
        report = ReloadReport(
            articles_added=tuple(added), articles_changed=tuple(modified),
            articles_removed=tuple(sorted(removed)),
            quotes_before=len(old) if before is None else before["quotes"], quotes_after=len(new),
            speakers_gained=tuple(sorted(new_names - old_names)),
            speakers_lost=tuple(sorted(old_names - new_names)),
            failed=tuple(failed), warnings=tuple(warnings),
            extracted=len(jobs), from_cache=from_cache, seconds=time.perf_counter() - t0,
            corrections_unmatched=tuple((c.article, c.quote, c.action) for c in new.unmatched))
        # The swap: one assignment, so a query sees the old index or the new, never a mix.
        self.index = new
        self.settings = settings
        self._files = states
        self.last_report = report
        return report

    # ---- adding an article ------------------------------------------------------------

    def check_new_url(self, url: str) -> str:
        """The url, if it is a web address that no article in the corpus has (in its front
        matter or sources.yaml); else AddError. Asked before fetching, so that a page
        already there is not fetched again."""
        url = adding.check_url(url)
        draft = adding.Draft(title="", body="", url=url)
        hit = adding.find_duplicate(draft, self._fingerprints(), self._source_urls(), by_text=False)
        if hit is not None:
            raise adding.AddError("duplicate", f"{url[:200]}: already in the corpus as {hit[0]} (the same address)")
        return url

    def add(self, page: adding.Page) -> Added:
        """The article in a fetched page or a file, written to the corpus folder as .md,
        then an incremental reload. AddError (and nothing written) where it is no article
        or repeats one in the corpus, by url or by text; ReloadError where the file was
        written but the reload failed (the old index serves; the next reload takes it)."""
        draft = adding.draft(page)
        with self._add_lock:  # (two adds of one page: the second finds the first's file)
            if not self.corpus.is_dir():
                raise ReloadError(f"{self.corpus}: the corpus folder does not exist")
            hit = adding.find_duplicate(draft, self._fingerprints(), self._source_urls())
            if hit is not None:
                aid, by = hit
                raise adding.AddError("duplicate", f"{page.name}: already in the corpus as {aid} "
                                      + ("(the same address)" if by == "url" else "(the same text)"))
            path = adding.write_new(self.corpus, adding.slug(draft.title, draft.date), draft.markdown())
            aid = path.name
            try:
                report = self.reload(wait=ADD_WAIT)
            except ReloadError as e:
                raise ReloadError(f"Saved as {aid}, but the reload failed: {e}") from e
        return Added(aid, draft, report, self.index.article_statements(aid))

    def _source_urls(self) -> list[tuple[str, str]]:
        return [(a.id, a.url) for a in self.index.sources() if a.url]

    def _fingerprints(self) -> dict[str, adding.Fingerprint]:
        out: dict[str, adding.Fingerprint] = {}
        seen: dict[str, tuple[tuple[str, int, int], adding.Fingerprint | None]] = {}
        try:
            listed = list_articles(self.corpus)
        except OSError as e:
            raise ReloadError(f"{self.corpus}: cannot list the corpus folder ({e.strerror or e})") from e
        for aid, path, size, mtime_ns in listed:
            stamp = (path, size, mtime_ns)
            prev = self._prints.get(aid)
            if prev is not None and prev[0] == stamp:
                fp = prev[1]
            else:
                try:
                    with open(path, "rb") as f:
                        fp = adding.fingerprint_file(aid, f.read())
                except OSError:
                    fp = None  # (gone or unreadable: compares with nothing)
            seen[aid] = (stamp, fp)
            if fp is not None:
                out[aid] = fp
        self._prints = seen
        return out

    def _next_index(self, old: QuoteIndex, changed: dict[str, Entry], removed: list[str],
                    states: dict[str, _FileState], directory: Directory,
                    sources: Mapping[str, Any], corrections: tuple[corrections_mod.Correction, ...]
                    ) -> QuoteIndex:
        base = old.segments[0]
        delta_size = len(set(self._delta) | set(changed))
        if not base.articles or delta_size > max(COMPACT_MIN, COMPACT_SHARE * len(states)):
            entries = dict(changed)
            for aid, state in states.items():
                if aid not in entries:
                    entries[aid] = self._entry_of(aid, state, sources)
            self._delta = {}
            return QuoteIndex.build((entries[a] for a in sorted(entries)), directory,
                                    old.min_confidence, self._next_phrase_dir(), corrections)
        if not changed and not removed:
            if directory is old.directory and corrections == old.corrections:
                return old
            return old.with_settings(directory, old.min_confidence, corrections)
        new = old.with_changes(changed, removed, self._delta, directory, corrections)
        self._delta = {k: v for k, v in {**self._delta, **changed}.items() if k not in removed}
        return new

    def _next_phrase_dir(self) -> Path | None:
        """A new folder for a full build of the phrase index. The serving one stays until
        the next build; older ones go."""
        if self._phrase_root is None:
            return None
        self._generation += 1
        for old in self._phrase_root.iterdir():
            if old.name.isdigit() and int(old.name) < self._generation - 1:
                shutil.rmtree(old, ignore_errors=True)
        return self._phrase_root / str(self._generation)

    def _entry_of(self, aid: str, state: _FileState, sources: Mapping[str, Any]) -> Entry:
        """An unchanged article's entry, for a full rebuild: from the cache, or (if the
        cache lost it) extracted again."""
        hit = self.cache.get(state.key, aid, state.path)
        if hit is not None:
            art, quotes = hit
            return ArticleInfo.of(art, len(quotes)), quotes
        art, quotes, _ = _extract_file(state.path, aid, Path(state.path).read_bytes(),
                                       sources.get(aid))
        if art is None:
            return ArticleInfo(aid, aid, None, None, None, 0), []
        return ArticleInfo.of(art, len(quotes)), quotes

    # ---- a quotation in context --------------------------------------------------------

    def _override(self, aid: str, path: str) -> Mapping[str, Any] | None:
        return self.settings.sources.get(aid) or self.settings.sources.get(os.path.basename(path))

    def context(self, quote_id: str) -> Context:
        """The quotation with this id in its article: the paragraphs around it, the
        quotation and its attribution marked. Reads the article again (the index keeps
        no article text)."""
        ix = self.index
        st = ix.find_quote(quote_id, hidden_ok=True)
        aid = st.article.id
        state = self._files.get(aid)
        if state is None:
            raise QueryError(f"“{aid}” is no longer in the corpus; /reload to catch up.")
        try:
            with open(state.path, "rb") as f:
                data = f.read()
        except OSError as e:
            raise QueryError(f"Cannot read “{aid}” now ({e.strerror or e}).") from None
        override = self._override(aid, state.path)
        text, _ = decode(data, aid)
        if text is None:
            raise QueryError(f"“{aid}” cannot be read as text any more; /reload to catch up.")
        text = parse_article(aid, text, state.path, override).text
        spans = [(st.start, st.end)]
        hit = self.cache.get(state.key, aid, state.path)
        if hit is not None:
            spans = next((q.spans for q in hit[1] if (q.start, q.end) == (st.start, st.end)), spans)
        moved = cache_mod.key_for(data, override) != state.key
        if moved:
            # the file changed since the last reload: the quotation where its words now stand
            got = find_again(text, st.text, st.start)
            if got is None:
                raise QueryError(f"“{aid}” has changed since the last reload and no longer holds "
                                 "this quotation; /reload to catch up.")
            spans = [got]
        lo, hi, marks = locate(text, spans, st.cue, st.mention)
        model = ix.model_speaker(st.id) if st.corrected else None
        return Context(st, text[lo:hi], lo, hi, tuple(marks), lo > 0 and text[lo - 1] != "\n",
                       hi < len(text) and text[hi] != "\n", model, moved)

    # ---- the admins' corrections -------------------------------------------------------

    @property
    def corrections_path(self) -> Path:
        return self.config_dir / corrections_mod.FILE

    def correct(self, quote_id: str, speaker: str, by: str | None = None) -> Amended:
        """The quotation's speaker set by an admin: recorded in config/corrections.yaml and
        served at once. The name resolves as /quote resolves it (aliases, typos); a name the
        corpus does not know creates that speaker."""
        typed = " ".join(str(speaker).split())
        if not typed:
            raise QueryError("Please give the speaker's name.")
        if len(typed) > MAX_SPEAKER_CHARS:
            raise QueryError(f"A speaker's name is at most {MAX_SPEAKER_CHARS} characters.")
        return self._amend(quote_id, lambda st, ix: dict(speaker=self._speaker_name(ix, typed)), by)

    def hide(self, quote_id: str, by: str | None = None) -> Amended:
        """The quotation hidden from /quote, /who and the speaker counts (recorded in
        config/corrections.yaml; /correct gives it a speaker and shows it again)."""
        return self._amend(quote_id, lambda st, ix: dict(hide=True), by)

    @staticmethod
    def _speaker_name(ix: QuoteIndex, typed: str) -> str:
        try:
            return ix.raw_of(ix.find_speaker(typed))[0]
        except NoSuchSpeaker:
            return typed
        except AmbiguousSpeaker as e:
            raise QueryError(f"{e} (or a new name, spelt out in full)") from None

    def _amend(self, quote_id: str, what: Callable[[Statement, QuoteIndex], dict[str, Any]],
               by: str | None) -> Amended:
        # (one writer at a time, and never in the middle of a reload's swap)
        if not self._lock.acquire(blocking=False):
            raise ReloadBusy()
        try:
            ix = self.index
            st = ix.find_quote(quote_id, hidden_ok=True)
            path = self.corrections_path
            try:
                # the file as it is now: hand edits since the last reload are kept
                current = config.load_corrections(path)
            except config.ConfigError as e:
                raise ReloadError(f"{e} (fix it, then try again)") from e
            new = corrections_mod.Correction(st.article.id, st.text, by=by, date=dt.date.today(),
                                             **what(st, ix))
            updated = tuple(corrections_mod.upsert(current, new))
            try:
                served = ix.with_settings(ix.directory, ix.min_confidence, updated)
            except BadCorrection as e:
                raise ReloadError(str(e)) from e
            try:
                corrections_mod.save(path, updated)
            except OSError as e:
                raise ReloadError(f"{path}: cannot write the corrections ({e.strerror or e})") from e
            self.index = served
            self.settings = dataclasses.replace(self.settings, corrections=updated)
            known = {s.name for s in ix.speakers()}
            now = served.statement(st.id)
            return Amended(now, new, st.speaker if not st.hidden else None,
                           bool(now.speaker) and now.speaker not in known)
        finally:
            self._lock.release()

    def _run(self, jobs: list[tuple[str, str, bytes, Mapping[str, Any] | None]]):
        if len(jobs) < PARALLEL_FROM or self.workers <= 1:
            return [_extract_file(*job) for job in jobs]
        with ProcessPoolExecutor(self.workers) as pool:
            return list(pool.map(_extract_job, jobs, chunksize=16))
