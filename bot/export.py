"""A speaker's statements as a file: CSV (one row each, for spreadsheets) or JSON (the
statement objects `quotebot quote --json` prints). One call, export(), serves every face.

CSV cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a
carriage return) are written with an apostrophe before them, as OWASP advises: the
corpus is text from the web, and opening an export must not run it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass

from bot.index import KINDS, QueryError, QuoteIndex, Speaker, Statement
from bot.textnorm import fold

FORMATS = ("csv", "json")
COLUMNS = ("speaker", "speaker_role", "text", "kind", "date", "article_id", "article_title", "outlet",
           "url", "confidence", "start", "end", "mention", "cue", "id")
# columns holding text from the corpus, which may begin like a formula
_TEXT_COLUMNS = frozenset({"speaker", "speaker_role", "text", "article_title", "outlet", "url", "mention",
                           "cue", "article_id"})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MEDIA_TYPE = {"csv": "text/csv", "json": "application/json"}


@dataclass(frozen=True, slots=True)
class Export:
    speaker: Speaker
    format: str
    filename: str
    data: bytes
    count: int

    def to_json(self) -> dict[str, object]:
        """What was exported, without the data (for `quotebot export -o FILE --json`)."""
        return {"speaker": self.speaker.name, "format": self.format, "filename": self.filename,
                "statements": self.count, "bytes": len(self.data)}


def slug(name: str, fallback: str = "speaker") -> str:
    """A file name's stem from a speaker's name: 'Jens Stoltenberg' → 'jens-stoltenberg'."""
    words = fold(name).encode("ascii", "ignore").decode().split()
    out = "-".join(words)[:60].strip("-")
    return out or fallback


def defuse_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def row(st: Statement) -> dict[str, str]:
    a = st.article
    out = {"speaker": st.speaker or "", "speaker_role": st.speaker_role or "", "text": st.text,
           "kind": st.kind, "date": st.date.isoformat() if st.date else "", "article_id": a.id,
           "article_title": a.title or "", "outlet": a.outlet or "", "url": a.url or "",
           "confidence": f"{st.confidence:.3f}", "start": str(st.start), "end": str(st.end),
           "mention": st.mention or "", "cue": st.cue or "", "id": str(st.id)}
    return {k: defuse_cell(v) if k in _TEXT_COLUMNS else v for k, v in out.items()}


def to_csv(statements: list[Statement]) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\r\n")  # (RFC 4180)
    w.writeheader()
    for st in statements:
        w.writerow(row(st))
    return buf.getvalue().encode("utf-8")


def to_json(sp: Speaker, statements: list[Statement], filters: dict[str, str | None]) -> bytes:
    doc = {"speaker": sp.to_json(), "filters": filters, "statements": [st.to_json() for st in statements]}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def export(index: QuoteIndex, speaker: str, fmt: str = "csv", kind: str | None = None,
           since: dt.date | None = None, until: dt.date | None = None) -> Export:
    """A speaker's statements (newest first, as /quote lists them) as a CSV or JSON file."""
    if fmt not in FORMATS:
        raise QueryError(f"format: choose {' or '.join(FORMATS)}, not “{str(fmt)[:20]}”.")
    if kind is not None and kind not in KINDS:
        raise QueryError(f"kind: choose {', '.join(KINDS)}.")
    ans = index.quote(speaker, kind=kind, since=since, until=until)
    statements = list(ans.statements)
    if fmt == "csv":
        data = to_csv(statements)
    else:
        data = to_json(ans.speaker, statements, {"kind": kind, "since": since.isoformat() if since else None,
                                                 "until": until.isoformat() if until else None})
    return Export(ans.speaker, fmt, f"{slug(ans.speaker.name)}.{fmt}", data, len(statements))
