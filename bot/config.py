"""config/*.yaml -> typed, validated settings. Every error names the file, the line and
the key.

The files' shape is a schema (pydantic models below): types, ranges and the keys each
file may hold are declared once, and every wrong value is reported with where it stands,
found in YAML's own node tree."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from bot.corrections import FILE as CORRECTIONS_FILE
from bot.corrections import Correction
from bot.people import SpeakerSpec


class ConfigError(ValueError):
    """A config file that cannot be used; the message names file and key."""


@dataclass(frozen=True, slots=True)
class BotSettings:
    """config/bot.yaml: how the bot and the command line serve the corpus."""

    corpus: str = "seeds"
    cache: str | None = ".quotebot-cache/extract.sqlite3"
    page_size: int = 5
    admin_users: tuple[int, ...] = ()
    admin_roles: tuple[int, ...] = ()
    dev_guild: int | None = None
    who_min_score: float = 60.0
    who_limit: int = 10
    page_timeout: float = 180.0
    # at or below this calibrated probability a statement's speaker is shown as uncertain
    min_confidence: float = 0.5
    # /add: the largest page or file fetched, the time a fetch may take in all, and
    # whether Discord's /add may fetch from loopback and private addresses
    add_max_bytes: int = 5_000_000
    add_timeout: float = 20.0
    add_private_hosts: bool = False


@dataclass(slots=True)
class Settings:
    speakers: list[SpeakerSpec] = field(default_factory=list)
    keep_apart: list[list[str]] = field(default_factory=list)
    # file name -> {title, outlet, date, url, author}
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    bot: BotSettings = field(default_factory=BotSettings)
    # config/corrections.yaml, in the file's order
    corrections: tuple[Correction, ...] = ()


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read ({e})") from e
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise ConfigError(f"{path}{where}: invalid YAML: {problem}") from e
    except ValueError as e:
        # a value YAML itself cannot build, such as the date 2022-02-30: find its line
        for n, line in enumerate(text.splitlines(), 1):
            for m in re.finditer(r"\b(\d{4}-\d{1,2}-\d{1,2})\b", line):
                try:
                    dt.date(*map(int, m.group(1).split("-")))
                except ValueError:
                    key = line.split(":", 1)[0].strip()
                    raise ConfigError(f"{path}:{n}: {key}: {m.group(1)} is not a date ({e})") from e
        raise ConfigError(f"{path}: invalid value: {e}") from e




# ---- the schema -----------------------------------------------------------------------

def _snowflake(v: Any) -> Any:
    # Discord ids are 64-bit integers; YAML may hand them over as text
    if isinstance(v, str) and v.strip().isdigit():
        v = int(v)
    if isinstance(v, int) and not isinstance(v, bool) and not 0 < v < 2**64:
        raise ValueError("a Discord id is a whole number from 1 to 2^64")
    return v


def _text(v: Any) -> Any:
    # a title may be a number ("1984"); a mapping or a list is no text
    return str(v) if isinstance(v, int | float) and not isinstance(v, bool) else v


def _date(v: Any) -> Any:
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v.strip())
        except ValueError:
            raise ValueError(f"{v!r} is not a date (YYYY-MM-DD)") from None
    return v


Snowflake = Annotated[int, BeforeValidator(_snowflake)]
Text = Annotated[str, BeforeValidator(_text)]
Name = Annotated[str, Field(min_length=1, pattern=r"\S")]


class _Strict(BaseModel):
    # no key the file may not hold, no value of another type taken for this one
    model_config = ConfigDict(extra="forbid", strict=True)


class BotFile(_Strict):
    corpus: Name = "seeds"
    cache: Name | None = ".quotebot-cache/extract.sqlite3"
    page_size: int = Field(5, ge=1, le=10)
    admin_users: list[Snowflake] | None = None
    admin_roles: list[Snowflake] | None = None
    dev_guild: Snowflake | None = None
    who_min_score: float = Field(60.0, ge=0, le=100)
    who_limit: int = Field(10, ge=1, le=25)
    page_timeout: float = Field(180.0, ge=10, le=900)
    min_confidence: float = Field(0.5, ge=0, le=1)
    add_max_bytes: int = Field(5_000_000, ge=1000, le=100_000_000)
    add_timeout: float = Field(20.0, gt=0, le=300)
    add_private_hosts: bool = False


class SpeakerEntry(_Strict):
    name: Name
    aliases: list[Name] | None = None
    role: str | None = None
    kind: Literal["person", "organisation"] | None = None


class SpeakersFile(_Strict):
    speakers: list[SpeakerEntry] | None = None
    keep_apart: list[list[Name]] | None = None


class SourceEntry(_Strict):
    title: Text | None = None
    outlet: Text | None = None
    url: Text | None = None
    author: Text | None = None
    date: Annotated[dt.date, BeforeValidator(_date)] | None = None


class CorrectionEntry(_Strict):
    article: Name
    quote: Name
    speaker: Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[^\n]*\S[^\n]*$")] | None = None
    hide: bool | None = None
    by: Text | None = None
    date: Annotated[dt.date, BeforeValidator(_date)] | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _one_action(self) -> CorrectionEntry:
        if (self.speaker is not None) == bool(self.hide):
            raise ValueError("give either speaker: NAME or hide: true")
        return self


class CorrectionsFile(_Strict):
    corrections: list[CorrectionEntry] | None = None


def _where(path: Path, text: str, loc: tuple[int | str, ...]) -> str:
    """path:line of the value at loc, found in the YAML node tree (the key's own line
    where the value is missing)."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return str(path)
    line = None
    for step in loc:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == str(step)), None)
            if match is None:
                break
            line = match[0].start_mark.line + 1
            node = match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            break
        line = node.start_mark.line + 1 if node is not None else line
    return f"{path}:{line}" if line else str(path)


def _key(loc: tuple[int | str, ...]) -> str:
    out = ""
    for step in loc:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _model_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel]:
    """The model that holds the value at loc (an entry of a list, not the whole file),
    so that an unknown key is told the keys of its own entry."""
    tp: Any = model
    for step in loc:
        fields = getattr(tp, "model_fields", None)
        if isinstance(step, str) and fields and step in fields:
            tp = fields[step].annotation
        # unwrap Optional[...] and list[...] down to what the next step indexes
        while not (isinstance(tp, type) and issubclass(tp, BaseModel)):
            args = [a for a in get_args(tp) if a is not type(None)]
            if not args:
                return model
            tp = args[0]
    return tp


def _validated(model: type[BaseModel], data: Any, path: Path, text: str, prefix: tuple[str, ...] = ()) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        # (pydantic's loc may also name a validator's branch: not a key)
        loc = prefix + tuple(x for x in err["loc"] if not isinstance(x, str) or
                             not x.startswith(("function-", "lax-", "json-")))
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = f"unknown key (known: {', '.join(_model_at(model, err['loc'][:-1]).model_fields)})"
        got = f" (got {err['input']!r})" if err["type"] != "extra_forbidden" and \
            not isinstance(err.get("input"), dict) else ""
        raise ConfigError(f"{_where(path, text, loc)}: {_key(loc) or 'the file'}: {msg}{got}") from None


def _read(path: Path) -> tuple[Any, str]:
    data = read_yaml(path)
    try:
        text = path.read_text(encoding="utf-8") if data is not None else ""
    except OSError:
        text = ""
    return data, text


def _speakers(path: Path) -> tuple[list[SpeakerSpec], list[list[str]]]:
    data, text = _read(path)
    if data is None:
        return [], []
    f = _validated(SpeakersFile, data, path, text)
    specs = [SpeakerSpec(e.name.strip(), [a.strip() for a in e.aliases or []], e.role, e.kind)
             for e in f.speakers or []]
    return specs, [[n.strip() for n in group] for group in f.keep_apart or []]


def _sources(path: Path) -> dict[str, dict[str, Any]]:
    data, text = _read(path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: must map file names to their metadata (title, outlet, date, url, author)")
    out: dict[str, dict[str, Any]] = {}
    for name, meta in data.items():
        if meta is None:
            continue
        entry = _validated(SourceEntry, meta, path, text, (str(name),))
        out[str(name)] = {k: v for k, v in entry.model_dump().items() if v is not None}
    return out


def _bot(path: Path) -> BotSettings:
    data, text = _read(path)
    if data is None:
        return BotSettings()
    f = _validated(BotFile, data, path, text)
    return BotSettings(corpus=f.corpus, cache=f.cache, page_size=f.page_size,
                       admin_users=tuple(f.admin_users or ()), admin_roles=tuple(f.admin_roles or ()),
                       dev_guild=f.dev_guild, who_min_score=float(f.who_min_score), who_limit=f.who_limit,
                       page_timeout=float(f.page_timeout), min_confidence=float(f.min_confidence),
                       add_max_bytes=f.add_max_bytes, add_timeout=float(f.add_timeout),
                       add_private_hosts=f.add_private_hosts)


def load_corrections(path: Path) -> tuple[Correction, ...]:
    """config/corrections.yaml; no file means no corrections. Two entries for one
    quotation are an error naming both lines (which should win is the admin's call)."""
    data, text = _read(path)
    if data is None:
        return ()
    f = _validated(CorrectionsFile, data, path, text)
    out: list[Correction] = []
    seen: dict[tuple[str, str], int] = {}
    for i, e in enumerate(f.corrections or []):
        where = _where(path, text, ("corrections", i))
        c = Correction(e.article.strip(), e.quote, " ".join(e.speaker.split()) if e.speaker else None,
                       bool(e.hide), e.by, e.date, e.note, where)
        if c.key in seen:
            first = seen[c.key]
            line = out[first].where.rpartition(":")[2]
            raise ConfigError(f"{where}: corrections[{i}]: the same quotation as corrections[{first}] "
                              f"(line {line}); keep one of them")
        seen[c.key] = i
        out.append(c)
    return tuple(out)


def load(folder: Path) -> Settings:
    """Settings from a config folder; a missing file means its defaults."""
    folder = Path(folder)
    if not folder.is_dir():
        # a folder that was named and is not there is a mistake, not "no settings"
        raise ConfigError(f"{folder}: the config folder does not exist" if not folder.exists()
                          else f"{folder}: not a folder")
    specs, apart = _speakers(folder / "speakers.yaml")
    sources = _sources(folder / "sources.yaml")
    bot = _bot(folder / "bot.yaml")
    return Settings(specs, apart, sources, bot, load_corrections(folder / CORRECTIONS_FILE))
