"""Each bot command as a plain call: options in, message payloads out. The Cog, the
offline console and `quotebot render` all answer through here, so they cannot differ.
No discord.py objects: an answer is a list of pages (bot.discord.render.Message)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from bot import fetch
from bot.discord import render
from bot.fetch import FILE_SUFFIXES, Page
from bot.index import KINDS, QueryError
from bot.service import Service

if TYPE_CHECKING:
    from bot.timeline import Timeline

# command → its options in order. On a console line, words without a `name:` fill the
# required options in this order, the last required one taking the rest ("/correct ID Jens
# Stoltenberg"); words after a text option continue it ("speaker:Jens Stoltenberg").
COMMANDS: dict[str, tuple[str, ...]] = {
    "quote": ("speaker", "kind", "since", "until", "about"),
    "who": ("phrase", "speaker", "outlet", "since", "until"),
    "context": ("quote",),
    "timeline": ("speaker", "period", "since", "until"),
    "export": ("speaker", "format", "kind", "since", "until"),
    "speakers": (),
    "sources": (),
    "about": (),
    "correct": ("quote", "speaker"),
    "hide": ("quote",),
    "reload": (),
    "add": ("url", "file"),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "quote": ("speaker",), "who": ("phrase",), "context": ("quote",),
    "correct": ("quote", "speaker"), "hide": ("quote",), "timeline": ("speaker",), "export": ("speaker",),
}
# options whose value is free text of several words (a name, a phrase); the rest (a
# choice, a date, an id) are one word
TEXT_OPTIONS = frozenset({"speaker", "phrase", "about", "outlet"})
_EXAMPLE = {"quote": "/quote Stoltenberg", "who": "/who open door", "context": "/context ca8mx7xfdx",
            "correct": "/correct ca8mx7xfdx Jens Stoltenberg", "hide": "/hide ca8mx7xfdx",
            "timeline": "/timeline Stoltenberg", "export": "/export Stoltenberg format:csv"}
# commands that need one of their options, whichever
ONE_OF: dict[str, tuple[str, ...]] = {"add": ("url", "file")}
MAX_OPTION_CHARS = 1000


def parse_date(value: str | None, option: str) -> dt.date | None:
    if value is None or not str(value).strip():
        return None
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise QueryError(f"{option}: “{str(value)[:40]}” is not a date; use YYYY-MM-DD, "
                         "e.g. 2022-01-12.") from None


def quote(service: Service, speaker: str, kind: str | None = None, since: str | None = None,
          until: str | None = None, about: str | None = None) -> list[render.Message]:
    if kind is not None and kind not in KINDS:
        raise QueryError(f"kind: choose {', '.join(KINDS)}.")
    ans = service.index.quote(speaker[:MAX_OPTION_CHARS], kind=kind, since=parse_date(since, "since"),
                              until=parse_date(until, "until"), about=(about or "")[:MAX_OPTION_CHARS] or None,
                              min_score=service.settings.bot.who_min_score)
    return render.quote_pages(ans, service.settings.bot.page_size)


def who(service: Service, phrase: str, speaker: str | None = None, outlet: str | None = None,
        since: str | None = None, until: str | None = None) -> list[render.Message]:
    bot = service.settings.bot
    hits = service.index.who(phrase[:MAX_OPTION_CHARS], limit=bot.who_limit, min_score=bot.who_min_score,
                             speaker=(speaker or "")[:MAX_OPTION_CHARS] or None,
                             outlet=(outlet or "")[:MAX_OPTION_CHARS] or None,
                             since=parse_date(since, "since"), until=parse_date(until, "until"))
    filters = [(k, v) for k, v in (("speaker", speaker), ("outlet", outlet), ("since", since), ("until", until))
               if v and v.strip()]
    return render.who_pages(phrase, hits, filters)


def timeline_counts(service: Service, speaker: str, period: str | None = None, since: str | None = None,
                    until: str | None = None) -> Timeline:
    """The counting half of /timeline: quick, and where every wrong option shows."""
    from bot.timeline import timeline as count

    return count(service.index, speaker[:MAX_OPTION_CHARS], period or None, since=parse_date(since, "since"),
                 until=parse_date(until, "until"))


def timeline_pages(tl: Timeline) -> list[render.Message]:
    """The drawing half: slower (matplotlib), and with nothing left to go wrong for the asker."""
    from bot.export import slug
    from bot.timeline import draw

    return render.timeline_page(tl, draw(tl), f"{slug(tl.speaker.name)}-timeline.png")


def timeline(service: Service, speaker: str, period: str | None = None, since: str | None = None,
             until: str | None = None) -> list[render.Message]:
    return timeline_pages(timeline_counts(service, speaker, period, since, until))


def export(service: Service, speaker: str, fmt: str = "csv", kind: str | None = None,
           since: str | None = None, until: str | None = None, size_limit: int | None = None
           ) -> list[render.Message]:
    """size_limit: the most bytes a file may have where it is sent (Discord's limit for
    that server); a larger export is an error that says how to narrow it."""
    from bot.export import export as export_

    exp = export_(service.index, speaker[:MAX_OPTION_CHARS], fmt or "csv", kind,
                  parse_date(since, "since"), parse_date(until, "until"))
    if size_limit is not None and len(exp.data) > size_limit:
        raise QueryError(f"The export of {exp.speaker.name} is {render.size_text(len(exp.data))}, more than "
                         f"the {render.size_text(size_limit)} Discord takes here; narrow it with since, until "
                         "or kind, or run `quotebot export` on the command line.")
    return render.export_page(exp)


def speakers(service: Service) -> list[render.Message]:
    return render.speakers_pages(service.index.speakers())


def sources(service: Service) -> list[render.Message]:
    return render.sources_pages(service.index.sources())


def about(service: Service) -> list[render.Message]:
    ix = service.index
    first, last = ix.date_range()
    return render.about_page(ix.article_count, len(ix), len(ix.speakers()), first, last)


def reload(service: Service) -> list[render.Message]:
    """Raises ReloadError (the old index keeps serving) or ReloadBusy."""
    return render.reload_page(service.reload())


def context(service: Service, quote: str) -> list[render.Message]:
    return render.context_pages(service.context(quote[:MAX_OPTION_CHARS]))


def correct(service: Service, quote: str, speaker: str, by: str | None = None) -> list[render.Message]:
    """Admins only: the caller checks (the console's user is the machine's)."""
    done = service.correct(quote[:MAX_OPTION_CHARS], speaker[:MAX_OPTION_CHARS], by)
    return render.correction_page(done.statement, done.before, done.new_speaker)


def hide(service: Service, quote: str, by: str | None = None) -> list[render.Message]:
    """Admins only: the caller checks."""
    done = service.hide(quote[:MAX_OPTION_CHARS], by)
    return render.correction_page(done.statement, done.before, done.new_speaker)


def add(service: Service, url: str | None = None, file: str | None = None) -> list[render.Message]:
    """/add in the console: a page fetched from url, or a file on this machine (where
    Discord has an attachment). The person at the console may fetch from this machine's
    own network, as they could anyway; Discord's /add may not (add_private_hosts)."""
    if bool(url) == bool(file):
        raise QueryError("/add takes url or file: a web address or an article file (.html, .txt, .md).")
    if url and "://" not in url and Path(url).suffix.lower() in FILE_SUFFIXES:
        url, file = None, url  # (a file's name typed without file:)
    limits = fetch.Limits.of(service.settings.bot, local=True)
    page = fetch.fetch_sync(service.check_new_url(url), limits) if url else fetch.read_file(Path(file or ""), limits)
    return add_page(service, page)


def add_page(service: Service, page: Page) -> list[render.Message]:
    """A fetched page or file into the corpus: AddError (a refusal, saying why), or the
    article's title and quotations after the reload."""
    return render.added_page(service.add(page))


def complete(service: Service, typed: str) -> list[dict[str, str]]:
    return render.choices(service.index.complete_speaker(typed[:MAX_OPTION_CHARS]))


def complete_outlet(service: Service, typed: str) -> list[dict[str, str]]:
    return render.choices(service.index.complete_outlet(typed[:MAX_OPTION_CHARS]))


@dataclass(frozen=True, slots=True)
class Invocation:
    command: str
    options: dict[str, str]


_OPTION_NAME = re.compile(r"[a-z_]{2,32}")
# a word, or what stands between double quotation marks (straight or curly) as one word:
# an apostrophe is a letter ("doesn't", "O'Brien"), as in Discord's own option fields
_WORD = re.compile(r'(?P<key>[a-z_]+:)?(?:"(?P<q>[^"]*)"?|“(?P<c>[^”]*)”?)|(?P<w>\S+)')


def _split(line: str) -> list[str]:
    out = []
    for m in _WORD.finditer(line):
        quoted = m.group("q") if m.group("q") is not None else m.group("c")
        if quoted is None:
            out.append(m.group("w"))
        elif quoted.strip() or m.group("key"):
            out.append((m.group("key") or "") + " ".join(quoted.split()))
    return out


def parse_line(line: str) -> Invocation:
    """`/quote Jens Stoltenberg kind:direct`, `/who "open door"` → command and options.
    Words without a `name:` go to the command's first option."""
    words = _split(line)
    if not words:
        raise QueryError("Type a command, e.g. /quote Stoltenberg or /who \"open door\".")
    name = words[0].lstrip("/").lower()
    if name not in COMMANDS:
        near = process.extractOne(name, list(COMMANDS), scorer=fuzz.ratio, score_cutoff=60)
        hint = f" Did you mean /{near[0]}?" if near else ""
        raise QueryError(f"Unknown command “{words[0]}”.{hint} Commands: "
                         + ", ".join(f"/{c}" for c in COMMANDS) + "; /help explains them.")
    known = COMMANDS[name]
    required = REQUIRED.get(name, ())
    options: dict[str, list[str]] = {}
    loose: list[str] = []
    last: str | None = None  # the option a loose word continues
    for w in words[1:]:
        key, sep, value = w.partition(":")
        if sep and key in known:
            if key in options:
                raise QueryError(f"/{name}: give {key} once.")
            options[key] = [value]
            last = key if key in TEXT_OPTIONS else None
        elif sep and value and _OPTION_NAME.fullmatch(key) and not value.startswith("//"):
            raise QueryError(f"/{name} has no option “{key}”" + (
                f"; its options: {', '.join(known)}." if known else "."))
        elif last is not None:
            options[last].append(w)
        else:
            loose.append(w)
    if loose:
        if not known:
            raise QueryError(f"/{name} takes no options.")
        free = [o for o in required or known[:1] if o not in options]
        if not free:
            raise QueryError(f"/{name}: give {(required or known)[0]} once.")
        for k, o in enumerate(free):
            options[o] = loose[k:] if k == len(free) - 1 else loose[k:k + 1]
            if k == len(loose) - 1:
                break
    if name in ONE_OF and not any(" ".join(options.get(k, ())).strip() for k in ONE_OF[name]):
        raise QueryError(f"/{name} needs {' or '.join(ONE_OF[name])}, e.g. /{name} https://example.org/news/story.")
    missing = [o for o in required if not " ".join(options.get(o, ())).strip()]
    if missing:
        raise QueryError(f"/{name} needs {' and '.join(missing)}, e.g. {_EXAMPLE[name]}.")
    return Invocation(name, {k: " ".join(v) for k, v in options.items()})


def answer(service: Service, inv: Invocation) -> list[render.Message]:
    o = inv.options
    if inv.command == "quote":
        return quote(service, o["speaker"], o.get("kind"), o.get("since"), o.get("until"), o.get("about"))
    if inv.command == "who":
        return who(service, o["phrase"], o.get("speaker"), o.get("outlet"), o.get("since"), o.get("until"))
    if inv.command == "timeline":
        return timeline(service, o["speaker"], o.get("period"), o.get("since"), o.get("until"))
    if inv.command == "export":
        return export(service, o["speaker"], o.get("format") or "csv", o.get("kind"), o.get("since"),
                      o.get("until"))
    if inv.command == "speakers":
        return speakers(service)
    if inv.command == "sources":
        return sources(service)
    if inv.command == "about":
        return about(service)
    if inv.command == "context":
        return context(service, o["quote"])
    if inv.command == "correct":
        return correct(service, o["quote"], o["speaker"], by="console")
    if inv.command == "hide":
        return hide(service, o["quote"], by="console")
    if inv.command == "add":
        return add(service, o.get("url"), o.get("file"))
    return reload(service)
