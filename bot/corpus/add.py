"""Adding an article to the corpus: a page or a file as it arrived (bytes and what kind
of text they are) → its main text and metadata → a .md file with YAML front matter,
written under a new, safe name. What cannot be added is refused with the reason (not an
article, already in the corpus ...), as an AddError.

Web pages go through trafilatura (main text without navigation, ads, related links and
comments; title, author, date, site name and canonical url from meta tags and JSON-LD).
It is imported on first use: start-up and the other commands do not pay for it."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qsl, urlencode, urlsplit

import yaml

from bot.corpus.reader import decode, parse_article
from bot.textnorm import fold

Kind = Literal["html", "text", "markdown"]
Reason = Literal["bad_url", "unreachable", "timeout", "too_large", "not_article", "duplicate", "unwritable"]

# the types an article may come as, by Content-Type and by file name
CONTENT_TYPES: dict[str, Kind] = {
    "text/html": "html", "application/xhtml+xml": "html",
    "text/plain": "text", "text/markdown": "markdown", "text/x-markdown": "markdown",
}
FILE_SUFFIXES: dict[str, Kind] = {".html": "html", ".htm": "html", ".txt": "text", ".md": "markdown"}
# Less running text than this (in paragraphs that end as sentences do) is a section front,
# a gallery or a login page, not an article.
MIN_PROSE_CHARS = 200
_PROSE_WORDS = 6
_SENTENCE_END = re.compile(r"[.!?…\"”»’')]\s*$")
_MAX_TITLE = 200
_MAX_SLUG = 60
# query parameters that say where a reader came from, not which page it is
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|ocid|at_\w+)$", re.I)


class AddError(Exception):
    """An article that is not added, and why (said to the person who asked)."""

    def __init__(self, reason: Reason, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Page:
    """What arrived: the bytes of a web page or file and what kind of text they are."""

    data: bytes
    kind: Kind
    # where it came from, after redirects (None for a file read from disk)
    url: str | None
    # how to name it in messages: the url, or the file's name
    name: str
    charset: str | None = None


@dataclass(frozen=True, slots=True)
class Draft:
    """The article to write: metadata and the body text."""

    title: str
    body: str
    outlet: str | None = None
    date: dt.date | None = None
    author: str | None = None
    url: str | None = None
    # the address it was fetched from, where the page names another (canonical) one
    source_url: str | None = None

    def front_matter(self) -> dict[str, Any]:
        meta = {"title": self.title, "author": self.author, "date": self.date,
                "outlet": self.outlet, "url": self.url, "source_url": self.source_url}
        return {k: v for k, v in meta.items() if v}

    def markdown(self) -> str:
        # every value is one line (collapsed in _line), so no line of it can read as the
        # front matter's closing '---'
        head = yaml.safe_dump(self.front_matter(), sort_keys=False, allow_unicode=True, width=10_000)
        return f"---\n{head}---\n\n{self.body.strip()}\n"

    def fingerprint(self) -> str:
        return text_fingerprint(self.body, self.title)


def _line(value: Any, limit: int = 500) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text[:limit] or None


# ---- what a page or file holds ---------------------------------------------------------

def kind_of(content_type: str | None, filename: str | None = None) -> Kind | None:
    """The kind of text a Content-Type (or, for a file, its name) announces; None for
    anything that is no article (images, PDFs, archives ...)."""
    if content_type:
        kind = CONTENT_TYPES.get(content_type.split(";")[0].strip().lower())
        if kind:
            return kind
    if filename:
        return FILE_SUFFIXES.get(os.path.splitext(filename)[1].lower())
    return None


def draft(page: Page) -> Draft:
    """The article in a page or file, or AddError('not_article') saying why not."""
    d = _from_html(page) if page.kind == "html" else _from_text(page)
    if _prose_chars(d.body) < MIN_PROSE_CHARS:
        raise AddError("not_article", f"{page.name}: not an article: too little running text "
                       f"({_prose_chars(d.body)} characters in sentences; an article has at least "
                       f"{MIN_PROSE_CHARS})")
    return d


def _prose_chars(body: str) -> int:
    """Characters in paragraphs that read as sentences: several words, ending as a
    sentence does. Menus and lists of headlines have none."""
    paras = re.split(r"\n\s*\n", body) if re.search(r"\n\s*\n", body) else body.splitlines()
    total = 0
    for p in paras:
        p = " ".join(p.split())
        if len(p.split()) >= _PROSE_WORDS and _SENTENCE_END.search(p):
            total += len(p)
    return total


def _html_text(page: Page) -> str | bytes:
    """The page as text where the server said its charset (which the HTTP header decides
    over a <meta> in the page); else the bytes, for trafilatura to detect."""
    if page.charset:
        try:
            return page.data.decode(page.charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return page.data


def _from_html(page: Page) -> Draft:
    if decode(page.data, page.name)[0] is None:  # (binary data, whatever the server called it)
        raise AddError("not_article", f"{page.name}: not an article: the page is not text")
    import trafilatura  # (about 0.2 s and 70 MB of dependencies: only when adding)

    try:
        doc = trafilatura.bare_extraction(_html_text(page), url=page.url, with_metadata=True,
                                          include_comments=False, include_tables=False,
                                          output_format="python")
    except Exception as e:  # (its parsers may raise on any malformed input)
        raise AddError("not_article", f"{page.name}: not an article: the page cannot be read as HTML "
                       f"({type(e).__name__})") from e
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise AddError("not_article", f"{page.name}: not an article: no main text found in the page")
    paras = [" ".join(p.split()) for p in text.splitlines() if p.strip()]
    title = _line(doc.title, _MAX_TITLE) or paras[0][:_MAX_TITLE]
    if fold(paras[0]) != fold(title):
        # the headline as the first line, as in the corpus's other files (the extractor
        # reads a first line that is the title as the headline)
        paras.insert(0, title)
    canonical = doc.url if doc.url and re.match(r"https?://", doc.url) else None
    return Draft(title=title, body="\n\n".join(paras), outlet=_line(doc.sitename) or _line(doc.hostname),
                 date=_date(doc.date), author=_line(doc.author), url=canonical or page.url,
                 source_url=page.url if canonical and page.url and url_key(canonical) != url_key(page.url)
                 else None)


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _from_text(page: Page) -> Draft:
    text, _ = decode(page.data, page.name)
    if text is None:
        raise AddError("not_article", f"{page.name}: not an article: the file is not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # (a path ending in .md is what makes the reader look for front matter)
    art = parse_article(page.name, text, "upload.md" if page.kind == "markdown" else None)
    body = text[art.body_start:].strip("\n")
    title = art.title
    if page.kind == "markdown":
        title = title.lstrip("#").strip()
    return Draft(title=_line(title, _MAX_TITLE) or "Untitled", body=body, outlet=_line(art.outlet),
                 date=art.date, author=_line(art.author), url=_line(art.url) or page.url)


def check_url(url: str) -> str:
    """The url, trimmed, if it is an http(s) address; else AddError('bad_url')."""
    url = url.strip().strip("<>")
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 (raises on a port that is no number)
    except ValueError:
        raise AddError("bad_url", f"{url[:200]}: not a web address") from None
    if parts.scheme not in ("http", "https"):
        raise AddError("bad_url", f"{url[:200]}: only http and https addresses can be fetched")
    if not host:
        raise AddError("bad_url", f"{url[:200]}: the address has no host name")
    return url


# ---- the same article twice ------------------------------------------------------------

def url_key(url: str) -> str:
    """A url as it names a page: scheme, 'www.', default port, trailing slash, fragment,
    tracking parameters and the order of parameters don't count."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().removeprefix("www.")
        port = parts.port
    except ValueError:
        return url.strip()
    if port in (80, 443):
        port = None
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k))
    path = parts.path.rstrip("/") or "/"
    return f"{host}{':' + str(port) if port else ''}{path}" + (f"?{urlencode(query)}" if query else "")


def text_fingerprint(body: str, title: str = "") -> str:
    """The same text, whatever its case, punctuation, spacing or headline line."""
    words = fold(body)
    head = fold(title)
    if head and words.startswith(head + " "):
        words = words[len(head) + 1:]
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Fingerprint:
    urls: tuple[str, ...]  # url keys
    text: str


def fingerprint_file(article_id: str, data: bytes) -> Fingerprint | None:
    """An article file's urls (front matter url and source_url) and text fingerprint."""
    text, _ = decode(data, article_id)
    if text is None:
        return None
    art = parse_article(article_id, text, article_id)
    urls = [art.url] if art.url else []
    if art.body_start:
        try:
            meta = yaml.safe_load(text[:art.body_start].strip().strip("-"))
        except yaml.YAMLError:
            meta = None
        if isinstance(meta, dict) and meta.get("source_url"):
            urls.append(str(meta["source_url"]))
    return Fingerprint(tuple(url_key(str(u)) for u in urls), text_fingerprint(text[art.body_start:], art.title))


def find_duplicate(draft: Draft, known: Mapping[str, Fingerprint], urls: Iterable[tuple[str, str]] = (),
                   by_text: bool = True) -> tuple[str, str] | None:
    """(article id, 'url' or 'text') of an article in the corpus that this one repeats.
    `urls`: (article id, url) known otherwise (sources.yaml)."""
    mine = {url_key(u) for u in (draft.url, draft.source_url) if u}
    for aid, url in urls:
        if url and url_key(url) in mine:
            return aid, "url"
    for aid, fp in known.items():
        if mine & set(fp.urls):
            return aid, "url"
    if not by_text:
        return None
    text = draft.fingerprint()
    for aid, fp in known.items():
        if fp.text == text:
            return aid, "text"
    return None


# ---- the file --------------------------------------------------------------------------

def slug(title: str, date: dt.date | None = None) -> str:
    """A file name stem from the title: ASCII letters, digits and hyphens only (so no
    path, no dot file, nothing a shell or Windows minds), the date first where known."""
    s = unicodedata.normalize("NFKD", title)
    s = s.encode("ascii", "ignore").decode("ascii").lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if len(s) > _MAX_SLUG:
        cut = s[:_MAX_SLUG]
        s = cut[:cut.rfind("-")] if "-" in cut[_MAX_SLUG // 2:] else cut
        s = s.strip("-")
    s = s or "article"
    return f"{date.isoformat()}-{s}" if date else s


def write_new(folder: Path, stem: str, content: str) -> Path:
    """content in folder/stem.md, or stem-2.md, stem-3.md ... whichever is free, written
    whole or not at all: to a hidden temporary file first (reloads skip dot files), then
    linked under the new name, which fails rather than overwrite a file that appeared."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", stem):
        raise ValueError(f"not a safe file name: {stem!r}")
    folder = Path(folder)
    tmp = folder / f".adding-{os.getpid()}-{os.urandom(4).hex()}.tmp"
    try:
        with open(tmp, "x", encoding="utf-8", newline="\n") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        for n in range(1, 10_000):
            path = folder / (f"{stem}.md" if n == 1 else f"{stem}-{n}.md")
            if path.exists():
                continue
            try:
                os.link(tmp, path)
            except FileExistsError:
                continue  # (taken meanwhile)
            except OSError:
                # a file system without hard links: claim the name, then move onto it
                try:
                    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
                except FileExistsError:
                    continue
                os.close(fd)
                os.replace(tmp, path)
            return path
        raise AddError("unwritable", f"{folder}: no free file name for {stem}.md")
    except OSError as e:
        raise AddError("unwritable", f"{folder}: cannot write the article ({e.strerror or e})") from e
    finally:
        tmp.unlink(missing_ok=True)
