"""The phrase index behind /who, on Tantivy (tantivy-py): BM25 over the folded words of
every quotation, phrase and slop queries, fuzzy terms for typos, deletes and adds as the
corpus changes, and an on-disk index that several processes can read.

Words are split and folded by Tantivy's own analyser (letters and digits, lower case,
ASCII folding: "NATO’s" is nato + s, "Støltenberg" stoltenberg), in Rust, for the text and
the phrase typed alike. What stays ours is the final ranking of the best few (index.py),
on textnorm's folding, where the words typed standing together in that order beat the
same words near each other, which beat them anywhere (rapidfuzz).

A `PhraseIndex` is written by one writer; `Snapshot` is what a query reads: a searcher
fixed at one commit, so a query never sees half of a reload.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import tantivy

from bot.textnorm import STOPWORDS

# Most words of a phrase that are searched for; a longer paste is cut.
MAX_WORDS = 24
_HEAP = 64_000_000


ANALYZER_NAME = "quotebot"
ANALYZER = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()) \
    .filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.ascii_fold()).build()


def _schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    # positions, for phrase queries
    b.add_text_field("text", stored=False, tokenizer_name=ANALYZER_NAME, index_option="position")
    b.add_unsigned_field("gid", stored=False, indexed=True, fast=True)
    # the article, whole, for deleting its quotations when it changes
    b.add_text_field("article", stored=False, tokenizer_name="raw", index_option="basic")
    return b.build()


SCHEMA = _schema()


def fuzzy_distance(word: str, unknown: bool = False) -> int:
    """How many slips a word may carry and still be found: none in short words (too many
    others are one letter away) unless the index has never seen it ("dor"), one from
    four letters, two from nine."""
    if len(word) < 4:
        return 1 if unknown and len(word) == 3 else 0
    return 1 if len(word) < 9 else 2


@dataclass(frozen=True)
class Snapshot:
    """The phrase index as of one commit."""

    searcher: tantivy.Searcher

    def __len__(self) -> int:
        return int(self.searcher.num_docs)

    def candidates(self, phrase: str, limit: int, within: Sequence[int] | None = None) -> list[tuple[int, float]]:
        """(gid, BM25 score) of the quotations most like the phrase, best first: those
        that hold it word for word, then with a slip or a few words between, then the
        ones that hold its words anywhere (each step only where the ones before found
        fewer than `limit`: the narrow queries are also the fast ones). `within`: only
        these gids (a speaker's, an outlet's, a stretch of dates), searched as a filter
        inside each query rather than picked from the unfiltered best, which a filter
        could leave empty."""
        typed = ANALYZER.analyze(phrase)[:MAX_WORDS]
        if not typed:
            return []
        # (a word the index has never seen is a slip: only those are spelled loosely)
        unknown = {w for w in typed if fuzzy_distance(w, True) and not self.searcher.doc_freq("text", w)}
        out: dict[int, float] = {}
        queries = _queries(typed, unknown)
        if within is not None:
            only = tantivy.Query.const_score_query(
                tantivy.Query.term_set_query(SCHEMA, "gid", [int(g) for g in within]), 0.0)
            queries = [tantivy.Query.boolean_query([(tantivy.Occur.Must, q), (tantivy.Occur.Must, only)])
                       for q in queries]
        for k, query in enumerate(queries):
            if k == len(queries) - 1 and out:
                break  # (some hold every word: those that lack one are weaker still)
            hits = self.searcher.search(query, limit, count=False).hits
            if hits:
                gids = self.searcher.fast_field_values("gid", [addr for _, addr in hits])
                for (score, _), g in zip(hits, gids, strict=True):
                    if g is not None and int(g) not in out:
                        out[int(g)] = float(score)
            if len(out) >= limit:
                break
        return list(out.items())[:limit]


def _queries(typed: list[str], unknown: set[str]) -> list[tantivy.Query]:
    """The phrase as a series of ever wider queries."""
    out = []
    if len(typed) >= 2:
        if not unknown:
            out.append(tantivy.Query.phrase_query(SCHEMA, "text", typed))
        # a slip in a word the index does not know, or up to three words between
        loose = [_one_slip(w) if w in unknown else re.escape(w) for w in typed]
        out.append(tantivy.Query.regex_phrase_query(SCHEMA, "text", loose, 3) if unknown
                   else tantivy.Query.phrase_query(SCHEMA, "text", typed, 3))
    content = [w for w in typed if w not in STOPWORDS] or typed
    each: list[tantivy.Query] = []
    for w in dict.fromkeys(content):
        d = fuzzy_distance(w, w in unknown)
        term = tantivy.Query.term_query(SCHEMA, "text", w)
        if d:
            # the word as typed counts more than its near spellings
            each.append(tantivy.Query.boolean_query([
                (tantivy.Occur.Should, tantivy.Query.boost_query(term, 2.0)),
                (tantivy.Occur.Should, tantivy.Query.fuzzy_term_query(SCHEMA, "text", w, d, True)),
            ]))
        else:
            each.append(term)
    # every word somewhere in the quotation; then any of them
    out.append(tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in each]))
    out.append(tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in each]))
    return out


def _one_slip(word: str) -> str:
    """A regular expression for the word and every spelling one slip away from it (a
    letter changed, added, dropped, or two swapped)."""
    w = re.escape(word)
    alts = {w}
    for i in range(len(word) + 1):
        alts.add(re.escape(word[:i]) + "." + re.escape(word[i:]))  # one added
        if i < len(word):
            alts.add(re.escape(word[:i]) + "." + re.escape(word[i + 1:]))  # one changed
            alts.add(re.escape(word[:i] + word[i + 1:]))  # one dropped
        if i < len(word) - 1:
            alts.add(re.escape(word[:i] + word[i + 1] + word[i] + word[i + 2:]))  # two swapped
    return "(?:" + "|".join(sorted(alts)) + ")"


class PhraseIndex:
    """A Tantivy index of quotations, in a folder (or in memory, with folder None)."""

    def __init__(self, folder: Path | None = None, fresh: bool = False) -> None:
        self.folder = folder
        if folder is not None:
            if fresh and folder.exists():
                shutil.rmtree(folder)
            folder.mkdir(parents=True, exist_ok=True)
            self._index = tantivy.Index(SCHEMA, path=str(folder))
        else:
            self._index = tantivy.Index(SCHEMA)
        self._index.register_tokenizer(ANALYZER_NAME, ANALYZER)
        # (made when first needed, and let go after each commit: its memory arena is
        # only worth holding while writing)
        self._writer: tantivy.IndexWriter | None = None

    def _writing(self) -> tantivy.IndexWriter:
        if self._writer is None:
            self._writer = self._index.writer(_HEAP, 1)
        return self._writer

    def adder(self) -> Callable[[int, str, str], None]:
        """A function that adds one quotation: (gid, article id, text). Tantivy indexes it
        on its own thread while the caller goes on (index.Segment calls it as it reads
        each quotation)."""
        add_document = self._writing().add_document
        document = tantivy.Document

        def add(gid: int, article: str, text: str) -> None:
            doc = document()
            doc.add_unsigned("gid", gid)
            doc.add_text("article", article)
            doc.add_text("text", text)
            add_document(doc)

        return add

    def add(self, docs: Iterable[tuple[int, str, str]]) -> None:
        """(gid, article id, quotation text) each."""
        add = self.adder()
        for gid, article, text in docs:
            add(gid, article, text)

    def remove_articles(self, articles: Iterable[str]) -> None:
        writer = self._writing()
        for a in articles:
            writer.delete_documents_by_term("article", a)

    def rollback(self) -> None:
        """Forget the changes made since the last commit (a reload that failed half-way)."""
        if self._writer is not None:
            self._writer.rollback()
            self._writer = None

    def commit(self) -> Snapshot:
        """Make the changes visible to the snapshots taken from now on."""
        writer = self._writing()
        writer.commit()
        writer.wait_merging_threads()
        self._writer = None
        self._index.reload()
        return Snapshot(self._index.searcher())
