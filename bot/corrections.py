"""Corrections by the server's admins: a quotation's speaker set by hand, or the quotation
hidden. Kept in config/corrections.yaml, which /correct and /hide (Discord, the console),
`quotebot correct` and `quotebot hide` write and people may edit by hand.

A correction names the article and the quotation's text, not an offset, so that it
outlives reloads and re-extraction: it applies wherever that article still holds a
quotation with that text (case, spacing and punctuation aside). Reading the file is
config.py's job (a schema, like the other files); writing it is this module's."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.textnorm import fold

FILE = "corrections.yaml"
HEADER = """\
# Corrections by the server's admins: a quotation's speaker set by hand, or the quotation
# hidden. Written by /correct and /hide (in Discord and the console) and by `quotebot
# correct` / `quotebot hide`; it may be edited by hand too (/reload applies the edits).
# Each entry names the article (its file, as /sources lists it) and the quotation's text
# (case, spacing and punctuation don't matter), then either `speaker: NAME` (resolved as
# /quote resolves names; a name the corpus does not know creates that speaker) or
# `hide: true`. Optional: `by` (who), `date` (when), `note` (why). The bot rewrites this
# file keeping only these opening comment lines, so put remarks in `note`.
"""


@dataclass(frozen=True, slots=True)
class Correction:
    article: str
    quote: str
    speaker: str | None = None
    hide: bool = False
    by: str | None = None
    date: dt.date | None = None
    note: str | None = None
    # where it was read ("config/corrections.yaml:12"), for messages
    where: str = field(default="", compare=False)

    @property
    def key(self) -> tuple[str, str]:
        return correction_key(self.article, self.quote)

    @property
    def action(self) -> str:
        return "hidden" if self.hide else f"speaker: {self.speaker}"

    def to_json(self) -> dict[str, object]:
        return {"article": self.article, "quote": self.quote, "speaker": self.speaker,
                "hide": self.hide, "by": self.by, "date": self.date.isoformat() if self.date else None,
                "note": self.note}


def correction_key(article: str, quote: str) -> tuple[str, str]:
    """What makes two corrections the same: the article and the quotation's words."""
    return article, fold(quote)


def upsert(current: Sequence[Correction], new: Correction) -> list[Correction]:
    """current with new in place of any correction of the same quotation (an admin's later
    word replaces the earlier: a hidden quote given a speaker is shown again)."""
    out = [c for c in current if c.key != new.key]
    at = next((i for i, c in enumerate(current) if c.key == new.key), len(out))
    out.insert(at, new)
    return out


def _entry(c: Correction) -> dict[str, object]:
    d: dict[str, object] = {"article": c.article, "quote": c.quote}
    if c.hide:
        d["hide"] = True
    else:
        d["speaker"] = c.speaker
    for k in ("by", "date", "note"):
        v = getattr(c, k)
        if v is not None:
            d[k] = v
    return d


def dump(corrections: Sequence[Correction], header: str = HEADER) -> str:
    body = yaml.safe_dump({"corrections": [_entry(c) for c in corrections]}, allow_unicode=True,
                          sort_keys=False, default_flow_style=False, width=100)
    return header + body


def _header_of(path: Path) -> str:
    """The file's opening comment lines (a hand-written header survives the bot's writes)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    except (OSError, UnicodeDecodeError):
        return HEADER
    head = []
    for line in lines:
        if not line.startswith("#"):
            break
        head.append(line if line.endswith("\n") else line + "\n")
    return "".join(head) or HEADER


def save(path: Path, corrections: Sequence[Correction]) -> None:
    """Write the file whole, atomically: a reader (or a crash) sees the old file or the
    new, never half of one."""
    path = Path(path)
    text = dump(corrections, _header_of(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        except FileNotFoundError:
            os.chmod(tmp, 0o644)  # (mkstemp makes it 0600: the file is meant to be shared)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
