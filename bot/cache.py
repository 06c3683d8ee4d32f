"""Extraction results on disk, keyed by what determines them: the file's bytes, its
metadata from config/sources.yaml, and the extraction code itself. A restart or reload
re-reads only new and changed files."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bot.models import Article, Quote

_CODE_DIRS = ("corpus", "extract")


def _engine_fingerprint() -> str:
    """Changes whenever the code that turns a file into quotes changes, so a new release
    never serves results of the old one."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    # (the speaker model decides speakers as much as the code does)
    files = [root / "models.py"] + sorted(p for d in _CODE_DIRS for p in (root / d).glob("*.py")) + \
        sorted((root / "extract").glob("*.json"))
    for p in files:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


ENGINE = _engine_fingerprint()


def key_for(data: bytes, override: Mapping[str, Any] | None) -> str:
    h = hashlib.sha256(data)
    h.update(ENGINE.encode())
    if override:
        h.update(json.dumps(override, sort_keys=True, default=str).encode())
    return h.hexdigest()


def _article_json(a: Article) -> dict[str, Any]:
    return {"title": a.title, "outlet": a.outlet, "date": a.date.isoformat() if a.date else None,
            "url": a.url, "author": a.author, "warnings": list(a.warnings)}


class Cache:
    """sqlite3 file of (key → article metadata and quotes). A cache that cannot be opened
    or read is not an error: everything is extracted afresh."""

    def __init__(self, path: Path | str | None) -> None:
        self.path = str(path) if path else ":memory:"
        if path:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # The serving index is built in a worker thread on reload.
        self._db = sqlite3.connect(self.path, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, "
                         "blob BLOB NOT NULL, used TEXT NOT NULL)")
        # what was last served from each corpus folder, so that a new process reports
        # what changed since, not everything as new
        self._db.execute("CREATE TABLE IF NOT EXISTS served (corpus TEXT PRIMARY KEY, "
                         "state TEXT NOT NULL)")

    def get(self, key: str, article_id: str, path: str) -> tuple[Article, list[Quote]] | None:
        row = self._db.execute("SELECT blob FROM results WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            d = json.loads(zlib.decompress(row[0]))
            meta = d["article"]
            art = Article(id=article_id, text="", title=meta["title"], outlet=meta["outlet"],
                          date=dt.date.fromisoformat(meta["date"]) if meta["date"] else None,
                          url=meta["url"], author=meta["author"], path=path,
                          warnings=tuple(meta.get("warnings", ())))
            return art, [Quote.from_json(article_id, q) for q in d["quotes"]]
        except (ValueError, KeyError, TypeError, zlib.error):
            return None  # a damaged row is re-extracted and overwritten

    def put_many(self, rows: list[tuple[str, Article, list[Quote]]]) -> None:
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        data = [(key, zlib.compress(json.dumps({"article": _article_json(a),
                                                "quotes": [q.to_json() for q in qs]},
                                               ensure_ascii=False).encode()), now)
                for key, a, qs in rows]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?)", data)

    def last_served(self, corpus: str) -> dict[str, Any] | None:
        """{"files": {article id: content key}, "quotes": n, "speakers": [names]} as the
        last process left it, or None."""
        try:
            row = self._db.execute("SELECT state FROM served WHERE corpus = ?", (corpus,)).fetchone()
            got = json.loads(row[0]) if row else None
        except (sqlite3.Error, ValueError):
            return None
        ok = isinstance(got, dict) and isinstance(got.get("files"), dict) and \
            isinstance(got.get("quotes"), int) and isinstance(got.get("speakers"), list)
        return got if ok else None

    def remember_served(self, corpus: str, state: dict[str, Any]) -> None:
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO served VALUES (?, ?)",
                             (corpus, json.dumps(state, ensure_ascii=False)))

    def close(self) -> None:
        self._db.close()
