"""config/*.yaml -> typed, validated settings. Every error names the file, the line
where YAML can say it, and the key."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

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
    # below this calibrated probability a statement's speaker is shown as uncertain
    min_confidence: float = 0.5


@dataclass(slots=True)
class Settings:
    speakers: list[SpeakerSpec] = field(default_factory=list)
    keep_apart: list[list[str]] = field(default_factory=list)
    # file name -> {title, outlet, date, url, author}
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    bot: BotSettings = field(default_factory=BotSettings)


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


def _str_list(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: must be a list of names")
    return [v.strip() for v in value]


def _speakers(data: Any, path: Path) -> tuple[list[SpeakerSpec], list[list[str]]]:
    if data is None:
        return [], []
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: must be a mapping with 'speakers' and 'keep_apart'")
    unknown = set(data) - {"speakers", "keep_apart"}
    if unknown:
        raise ConfigError(f"{path}: unknown key {sorted(unknown)[0]!r} "
                          "(expected 'speakers', 'keep_apart')")
    for key in ("speakers", "keep_apart"):
        if data.get(key) is not None and not isinstance(data[key], list):
            raise ConfigError(f"{path}: {key}: must be a list, not {data[key]!r}")
    specs = []
    for i, item in enumerate(data.get("speakers") or []):
        where = f"{path}: speakers[{i}]"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) \
                or not item["name"].strip():
            raise ConfigError(f"{where}: needs a 'name' (text)")
        bad = set(item) - {"name", "aliases", "role", "kind"}
        if bad:
            raise ConfigError(f"{where}: unknown key {sorted(bad)[0]!r}")
        kind = item.get("kind")
        if kind not in (None, "person", "organisation"):
            raise ConfigError(f"{where}.kind: must be 'person' or 'organisation', not {kind!r}")
        role = item.get("role")
        if role is not None and not isinstance(role, str):
            raise ConfigError(f"{where}.role: must be text")
        specs.append(SpeakerSpec(item["name"].strip(), _str_list(item.get("aliases"),
                                 f"{where}.aliases"), role, kind))
    apart = []
    for i, grp in enumerate(data.get("keep_apart") or []):
        apart.append(_str_list(grp, f"{path}: keep_apart[{i}]"))
    return specs, apart


_SOURCE_KEYS = {"title", "outlet", "date", "url", "author"}


def _sources(data: Any, path: Path) -> dict[str, dict[str, Any]]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: must map file names to their metadata")
    out: dict[str, dict[str, Any]] = {}
    for name, meta in data.items():
        where = f"{path}: {name}"
        if not isinstance(meta, dict):
            raise ConfigError(f"{where}: must be a mapping of {sorted(_SOURCE_KEYS)}")
        bad = set(meta) - _SOURCE_KEYS
        if bad:
            raise ConfigError(f"{where}: unknown key {sorted(bad)[0]!r}")
        for key in ("title", "outlet", "url", "author"):
            v = meta.get(key)
            if v is not None and not isinstance(v, str | int | float) or isinstance(v, bool):
                raise ConfigError(f"{where}.{key}: must be text, not {v!r}")
            if isinstance(v, int | float):
                meta = {**meta, key: str(v)}  # a title may be a number ("1984")
        if "date" in meta and meta["date"] is not None:
            d = meta["date"]
            if not isinstance(d, dt.date):
                try:
                    d = dt.date.fromisoformat(str(d))
                except ValueError as e:
                    raise ConfigError(f"{where}.date: {d!r} is not YYYY-MM-DD") from e
            meta = {**meta, "date": d}
        out[str(name)] = dict(meta)
    return out


_BOT_KEYS: dict[str, str] = {
    "corpus": "a folder path", "cache": "a file path, or null for no cache",
    "page_size": "a whole number from 1 to 10", "admin_users": "a list of Discord user ids",
    "admin_roles": "a list of Discord role ids", "dev_guild": "a Discord server id, or null",
    "who_min_score": "a number from 0 to 100", "who_limit": "a whole number from 1 to 25",
    "page_timeout": "seconds, from 10 to 900",
    "min_confidence": "a number from 0 to 1",
}


def _snowflake(v: Any) -> bool:
    # Discord ids are 64-bit integers; YAML may hand them over as text
    return (isinstance(v, int) and not isinstance(v, bool) or isinstance(v, str) and v.isdigit()) \
        and 0 < int(v) < 2**64


def _bot(data: Any, path: Path) -> BotSettings:
    if data is None:
        return BotSettings()
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: must be a mapping of settings ({', '.join(_BOT_KEYS)})")
    for key in data:
        if key not in _BOT_KEYS:
            raise ConfigError(f"{path}: unknown key {key!r} (known: {', '.join(_BOT_KEYS)})")
    out: dict[str, Any] = {}
    for key, value in data.items():
        where = f"{path}: {key}"
        want = _BOT_KEYS[key]
        ok = True
        if key == "corpus":
            ok = isinstance(value, str) and bool(value.strip())
        elif key == "cache":
            ok = value is None or isinstance(value, str) and bool(value.strip())
        elif key in ("page_size", "who_limit"):
            hi = 10 if key == "page_size" else 25
            ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= hi
        elif key in ("admin_users", "admin_roles"):
            value = value or []
            ok = isinstance(value, list) and all(_snowflake(v) for v in value)
            value = tuple(int(v) for v in value) if ok else value
        elif key == "dev_guild":
            ok = value is None or _snowflake(value)
            value = int(value) if ok and value is not None else value
        elif key == "who_min_score":
            ok = isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 100
        elif key == "min_confidence":
            ok = isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1
        elif key == "page_timeout":
            ok = isinstance(value, int | float) and not isinstance(value, bool) and 10 <= value <= 900
        if not ok:
            raise ConfigError(f"{where}: must be {want}, not {value!r}")
        out[key] = value
    return BotSettings(**out)


def load(folder: Path) -> Settings:
    """Settings from a config folder; a missing file means its defaults."""
    folder = Path(folder)
    if not folder.is_dir():
        # a folder that was named and is not there is a mistake, not "no settings"
        raise ConfigError(f"{folder}: the config folder does not exist" if not folder.exists()
                          else f"{folder}: not a folder")
    specs, apart = _speakers(read_yaml(folder / "speakers.yaml"), folder / "speakers.yaml")
    sources = _sources(read_yaml(folder / "sources.yaml"), folder / "sources.yaml")
    bot = _bot(read_yaml(folder / "bot.yaml"), folder / "bot.yaml")
    return Settings(specs, apart, sources, bot)
