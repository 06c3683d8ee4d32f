"""Reading article files: .txt (title on the first non-empty line) and .md with optional
YAML front matter. Bad files give a warning naming the file, never an exception."""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import charset_normalizer
import yaml

from bot.corpus import boilerplate, metadata
from bot.models import Article

SUFFIXES = (".txt", ".md")
_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_MAX_TITLE = 200


@dataclass(slots=True)
class ReadResult:
    articles: list[Article] = field(default_factory=list)
    # (file, reason) for every file that could not be read at all
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# more than this share of control characters (other than line breaks and tabs) is no text
_MAX_CONTROL = 0.02


def decode(data: bytes, name: str) -> tuple[str | None, list[str]]:
    """The text of a file, or None for one that is not text (said why). UTF-8 first; a
    byte-order mark says UTF-8, -16 or -32; otherwise the encoding is detected
    (charset-normalizer: cp1252, latin-1 and the like, as old news exports are) and said.
    Undecodable bytes are replaced (and said), so that what can be read is read."""
    if not data.strip():
        return None, [f"{name}: empty file"]
    warnings: list[str] = []
    text: str | None = None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data.decode(enc, errors="replace")
            break
    if text is None:
        if b"\x00" in data[:8192]:
            return None, [f"{name}: binary file (NUL bytes), skipped"]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            best = charset_normalizer.from_bytes(data).best()
            if best is not None and best.encoding not in ("utf_8", "utf-8"):
                text = str(best)
                warnings.append(f"{name}: not UTF-8; read as {best.encoding}")
            else:
                text = data.decode("utf-8", errors="replace")
                warnings.append(f"{name}: not valid UTF-8 (first bad byte at offset {e.start}); "
                                f"{text.count(chr(0xFFFD))} undecodable byte(s) replaced")
    control = sum(1 for c in text if (c < " " and c not in "\n\r\t") or c == "\ufffd")
    if control > _MAX_CONTROL * len(text):
        return None, [f"{name}: not text ({control} of {len(text)} characters are control or "
                      "undecodable), skipped"]
    return text, warnings


def _as_date(value: Any, name: str, warnings: list[str]) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        warnings.append(f"{name}: date {value!r} is not YYYY-MM-DD; ignored")
        return None


def parse_article(article_id: str, text: str, path: str | None = None,
                  override: Mapping[str, Any] | None = None,
                  fields: Mapping[str, Any] | None = None) -> Article:
    """Build an Article from text as read: front matter, title, dateline, boilerplate."""
    warnings: list[str] = []
    meta: dict[str, Any] = dict(fields or {})
    body_start = 0
    fm = _FRONT.match(text) if (path or "").endswith(".md") or text.startswith("---") else None
    if fm:
        try:
            loaded = yaml.safe_load(fm.group(1))
            if isinstance(loaded, dict):
                meta.update({k: v for k, v in loaded.items() if v is not None})
            else:
                warnings.append(f"{article_id}: front matter is not a mapping; ignored")
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            where = f" line {mark.line + 2}" if mark else ""
            warnings.append(f"{article_id}:{where} invalid YAML front matter ({e.__class__.__name__}); ignored")
        body_start = fm.end()
    bp, tail = boilerplate.find_with_tail(text, body_start)
    if tail is not None and text[tail.end():].strip():
        line = text.count("\n", 0, tail.start()) + 1
        warnings.append(f"{article_id}: line {line} “{tail.group().strip()}” and the "
                        f"{len(text) - tail.end()} characters after it taken as page furniture, not article")

    def in_bp(i: int) -> bool:
        return any(a <= i < b for a, b in bp)

    title = str(meta.get("title") or "").strip()
    first_line = None
    for m in re.finditer(r"[^\r\n]+", text[body_start:]):
        s = body_start + m.start()
        if m.group().strip() and not in_bp(s):
            first_line = m
            break
    head_end = min(len(text), body_start + 600)
    found = metadata.find(text, head_end)
    if not title and first_line is not None:
        line = first_line.group().strip()
        if metadata.DATELINE.match(line) or metadata.BYLINE.match(line) or len(line) > _MAX_TITLE:
            # No headline: the first sentence after the dateline stands in for one.
            body = line[found.dateline_end:] if found.dateline_end else line
            sent = re.split(r"(?<=[.!?])\s", body.strip(), maxsplit=1)[0]
            title = sent if len(sent) <= _MAX_TITLE else sent[:_MAX_TITLE - 1].rstrip() + "…"
        else:
            title = line
    outlet = meta.get("outlet") or found.outlet
    date = _as_date(meta.get("date"), article_id, warnings) or found.date
    author = meta.get("author") or found.author
    url = meta.get("url")
    if override:
        outlet = override.get("outlet", outlet)
        date = _as_date(override.get("date"), article_id, warnings) or date
        title = override.get("title") or title
        url = override.get("url", url)
        author = override.get("author", author)
    return Article(id=article_id, text=text, title=title, outlet=outlet, date=date,
                   url=url, author=author, path=path, boilerplate=bp, body_start=body_start,
                   warnings=tuple(warnings))


def read_file(path: Path, override: Mapping[str, Any] | None = None) -> tuple[Article | None, list[str]]:
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        return None, [f"{name}: cannot read ({e.strerror or e})"]
    text, warnings = decode(data, name)
    if text is None:
        return None, warnings
    art = parse_article(path.name, text, str(path), override)
    return replace(art, warnings=tuple(warnings) + art.warnings), warnings + list(art.warnings)


def list_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.iterdir() if f.is_file() and f.suffix in SUFFIXES
                              and not f.name.startswith(".")))
        else:
            out.append(p)
    return out


def read_corpus(paths: Iterable[str | os.PathLike[str]],
                sources: Mapping[str, Mapping[str, Any]] | None = None) -> ReadResult:
    result = ReadResult()
    sources = sources or {}
    for path in list_files(paths):
        art, warnings = read_file(path, sources.get(path.name))
        result.warnings.extend(warnings)
        if art is None:
            result.failed.append((str(path), warnings[0] if warnings else "unreadable"))
        else:
            result.articles.append(art)
    return result
