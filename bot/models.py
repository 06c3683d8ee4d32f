"""The records that flow through the pipeline. Plain data, no behaviour beyond views."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["direct", "partial", "reported"]
SpeakerKind = Literal["person", "organisation", "unnamed"]


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    title: str = ""
    outlet: str | None = None
    date: dt.date | None = None
    url: str | None = None
    author: str | None = None
    path: str | None = None
    # Character ranges of web boilerplate (comment forms, share widgets) that must
    # never yield a quote, a speaker or a title.
    boilerplate: tuple[tuple[int, int], ...] = ()
    # Offset where the body starts: front matter and headline lie before it.
    body_start: int = 0
    warnings: tuple[str, ...] = ()


@dataclass(slots=True)
class Quote:
    article_id: str
    spans: list[tuple[int, int]]
    text: str
    kind: Kind
    speaker: str | None = None
    # The speaker as the article wrote it ("he", "the Norwegian", "NATO boss Stoltenberg").
    mention: str | None = None
    speaker_role: str | None = None
    speaker_kind: SpeakerKind | None = None
    cue: str | None = None
    date: dt.date | None = None
    confidence: float = 0.0
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]

    def to_json(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "spans": [list(s) for s in self.spans],
            "text": self.text,
            "speaker": self.speaker,
            "speaker_role": self.speaker_role,
            "speaker_kind": self.speaker_kind,
            "mention": self.mention,
            "kind": self.kind,
            "cue": self.cue,
            "date": self.date.isoformat() if self.date else None,
            "confidence": round(self.confidence, 3),
        }

    @classmethod
    def from_json(cls, article_id: str, d: dict[str, Any]) -> Quote:
        """The inverse of to_json, for the extraction cache."""
        date = d.get("date")
        return cls(article_id=article_id,
                   spans=[(int(a), int(b)) for a, b in d["spans"]],
                   text=str(d["text"]), kind=d["kind"],
                   speaker=d.get("speaker"), mention=d.get("mention"),
                   speaker_role=d.get("speaker_role"),
                   speaker_kind=d.get("speaker_kind"),
                   cue=d.get("cue"),
                   date=dt.date.fromisoformat(date) if isinstance(date, str) else None,
                   confidence=float(d.get("confidence") or 0.0))
