"""Answers → Discord message payloads (plain dicts, as the HTTP API takes them), always
within Discord's limits. Pure: the bot, the offline console and `quotebot render` all
print or send what these functions return, so what is tested is what is sent.

Quote text is shown as text: its markdown is escaped and mentions are defused, and
every message carries allowed_mentions with nothing allowed, so "@everyone" in a quote
pings nobody.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from discord.utils import escape_markdown, escape_mentions

from bot.context import Context
from bot.excerpt import window
from bot.index import ArticleInfo, QuoteAnswer, ReloadReport, Speaker, Statement, WhoHit

if TYPE_CHECKING:
    from bot.export import Export
    from bot.service import Added
    from bot.timeline import Timeline

Message = dict[str, Any]

# Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits)
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FIELDS_MAX = 25
FOOTER_MAX = 2048
AUTHOR_MAX = 256
EMBED_TOTAL_MAX = 6000
CHOICE_MAX = 100
CHOICES_MAX = 25
CONTENT_MAX = 2000
# Room kept under the 6000-character total for the footer and title of a page.
_PAGE_BUDGET = 5200
EPHEMERAL = 1 << 6
NO_MENTIONS: dict[str, Any] = {"parse": []}

COLOUR = {"quote": 0x3B6EA5, "who": 0x4F8A5B, "list": 0x6C6C6C, "error": 0xB3412E, "ok": 0x4F8A5B}
KIND_LABEL = {"direct": "direct quote", "partial": "partial quote", "reported": "reported speech"}
# Where the /quote list cannot show a statement whole, it gets a page of its own, shown
# up to this length.
_FULL_MAX = 3800
_LIST_QUOTE_MAX = 600


def shorten(text: str, limit: int) -> str:
    """text cut to at most `limit` characters at a word boundary, with an ellipsis."""
    if len(text) > limit:
        lead = " " if text[:1].isspace() else ""
        text = lead + " ".join(text.split())
    if len(text) <= limit:
        return text
    if limit <= 1:
        return "…"[:limit]
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


_MENTION_SYNTAX = re.compile(r"<[@#/]")


def safe(text: str) -> str:
    """Text from the corpus shown as text: no markdown, no mentions, no control chars."""
    text = "".join(c if c.isprintable() or c in "\n" else " " for c in text)
    # (Discord draws <@id>, <@&id>, <#id> and </cmd:id> as mentions whatever the digits;
    # escape_mentions only defuses real-length ids)
    text = _MENTION_SYNTAX.sub(lambda m: m.group()[0] + "\u200b" + m.group()[1:], text)
    return escape_mentions(escape_markdown(text))


def safe_cut(text: str, limit: int) -> str:
    """safe(text) within `limit` characters (escaping lengthens text, so cut first)."""
    budget = limit
    while True:
        out = safe(shorten(text, budget))
        if len(out) <= limit or budget <= 1:
            return out[:limit]
        budget -= max(1, len(out) - limit)


def _date(d: dt.date | None) -> str:
    return d.isoformat() if d else "undated"


def _link(a: ArticleInfo, limit: int = 200) -> str:
    title = safe_cut(a.title or a.id, limit).replace("]", ")").replace("[", "(")
    if a.url and re.match(r"https?://[^\s<>()]+$", a.url) and len(a.url) < 500:
        return f"[{title}]({a.url})"
    return f"*{title}*"


def _source(st: Statement) -> str:
    a = st.article
    outlet = safe_cut(a.outlet, 80) if a.outlet else "unknown outlet"
    # (the id is what /context, /correct and /hide take)
    return f"{_link(a, 150)} · {outlet} · {_date(st.date)} · `{st.qid}`"


CORRECTED = "speaker corrected by the server's admins"


def _note(st: Statement) -> str:
    return f"\n*{CORRECTED}*" if st.corrected else ""


def _context_rows(shown: Sequence[tuple[int, Statement]]) -> list[dict[str, Any]]:
    """A Context button per statement on a page, five to a row (the page turner, where
    there is one, takes the row below)."""
    buttons = [{"type": 2, "style": 2, "custom_id": f"context:{n}:{st.qid}", "label": f"Context {n}"}
               for n, st in shown if st.qid]
    return [{"type": 1, "components": buttons[k:k + 5]} for k in range(0, len(buttons), 5)]


def _with_buttons(page: Message, shown: Sequence[tuple[int, Statement]]) -> Message:
    rows = _context_rows(shown)
    if rows:
        page["components"] = rows
    return page


def _embed(title: str, description: str | None = None, colour: str = "list",
           fields: Sequence[tuple[str, str]] = (), footer: str | None = None) -> dict[str, Any]:
    e: dict[str, Any] = {"type": "rich", "title": shorten(title, TITLE_MAX), "color": COLOUR[colour]}
    if description:
        e["description"] = description[:DESCRIPTION_MAX]
    if fields:
        e["fields"] = [{"name": shorten(n, FIELD_NAME_MAX), "value": v[:FIELD_VALUE_MAX], "inline": False}
                       for n, v in fields[:FIELDS_MAX]]
    if footer:
        e["footer"] = {"text": shorten(footer, FOOTER_MAX)}
    return e


def message(*embeds: dict[str, Any], ephemeral: bool = False, content: str | None = None) -> Message:
    m: Message = {"embeds": list(embeds), "allowed_mentions": NO_MENTIONS}
    if content:
        m["content"] = shorten(content, CONTENT_MAX)
    if ephemeral:
        m["flags"] = EPHEMERAL
    return m


def embed_size(e: dict[str, Any]) -> int:
    """Characters that count toward Discord's 6000 per message."""
    n = len(e.get("title", "")) + len(e.get("description", ""))
    n += sum(len(f["name"]) + len(f["value"]) for f in e.get("fields", ()))
    n += len(e.get("footer", {}).get("text", "")) + len(e.get("author", {}).get("name", ""))
    return n


def _with_footers(pages: list[tuple[str, str | None, list[tuple[str, str]]]], colour: str,
                  note: str) -> list[Message]:
    total = len(pages)
    out = []
    for i, (title, desc, fields) in enumerate(pages, 1):
        footer = f"Page {i}/{total} · {note}" if total > 1 else note
        out.append(message(_embed(title, desc, colour, fields, footer)))
    return out


# ---- /quote --------------------------------------------------------------------------

def speaker_title(sp: Speaker) -> str:
    return sp.name + (f" — {sp.role}" if sp.role else "")


def quote_pages(ans: QuoteAnswer, page_size: int = 5) -> list[Message]:
    sp = ans.speaker
    title = safe_cut(speaker_title(sp), TITLE_MAX)
    counts = ", ".join(f"{n} {k}" for k, n in sp.kinds)
    order = f"best match for “{shorten(ans.about, 80)}” first, matching words in bold" if ans.about \
        else "newest first"
    note = f"{len(ans.statements)} statement(s) shown · {sp.count} in all ({counts}) · {order}"
    if not len(ans.statements):
        empty = f"Nothing by {sp.name} like “{shorten(ans.about, 200)}”" if ans.about else "No statements"
        return [message(_embed(title, safe_cut(f"{empty} with these options.", 1000), "quote", footer=note))]
    pages: list[tuple[str, str | None, list[tuple[str, str]]]] = []
    shown: list[list[tuple[int, Statement]]] = []
    fields: list[tuple[str, str]] = []
    on_page: list[tuple[int, Statement]] = []
    used = 0
    for n, st in enumerate(ans.statements, 1):
        name = f"{n}. {KIND_LABEL.get(st.kind, st.kind)} · {_date(st.date)}"
        source = _source(st) + _note(st)
        if len(st.text) > _LIST_QUOTE_MAX:
            # too long for the list: a page of its own, where it can be read (nearly) whole
            if fields:
                pages.append((title, None, fields))
                shown.append(on_page)
                fields, on_page, used = [], [], 0
            marks = ans.marks.get(st.id, ())
            excerpt = _excerpt(st.text, marks, _FULL_MAX) if marks else safe_cut(st.text, _FULL_MAX)
            body = f"**{name}**\n“{excerpt}”\n— {source}"
            if len(st.text) > _FULL_MAX:
                body += "\n(shortened; Context shows it whole)"
            pages.append((title, body, []))
            shown.append([(n, st)])
            continue
        room = FIELD_VALUE_MAX - len(source) - 6
        marks = ans.marks.get(st.id, ())
        value = f"“{_excerpt(st.text, marks, room) if marks else safe_cut(st.text, room)}”\n— {source}"
        if len(fields) >= page_size or used + len(name) + len(value) > _PAGE_BUDGET:
            pages.append((title, None, fields))
            shown.append(on_page)
            fields, on_page, used = [], [], 0
        fields.append((name, value))
        on_page.append((n, st))
        used += len(name) + len(value)
    if fields:
        pages.append((title, None, fields))
        shown.append(on_page)
    out = _with_footers(pages, "quote", note)
    for page, statements in zip(out, shown, strict=True):
        _with_buttons(page, statements)
    return out


# ---- /who ----------------------------------------------------------------------------

def _excerpt(text: str, marks: Sequence[tuple[int, int]], limit: int) -> str:
    """The quote with its matching words in bold, cut around the first match if long."""
    lo, hi = window(text, marks, limit) if marks else (0, len(text))
    out: list[str] = []
    pos = lo
    budget = limit - 2
    for a, b in marks:
        if a < pos or b > hi:
            continue
        piece = safe(text[pos:a])
        word = f"**{safe(text[a:b])}**"
        if len(piece) + len(word) > budget:
            break
        out += [piece, word]
        budget -= len(piece) + len(word)
        pos = b
    tail = safe_cut(text[pos:hi], max(1, budget)) if pos < hi else ""
    return ("…" if lo > 0 else "") + "".join(out) + tail + ("…" if hi < len(text) and not tail.endswith("…") else "")


def who_pages(phrase: str, hits: Sequence[WhoHit], filters: Sequence[tuple[str, str]] = ()) -> list[Message]:
    """filters: (option, value) of each filter given, named in the footer."""
    title = shorten(f"Who said “{' '.join(phrase.split())}”?", TITLE_MAX)
    title = safe_cut(title, TITLE_MAX)
    only = " · ".join(f"{k}: {shorten(' '.join(v.split()), 80)}" for k, v in filters)
    if not hits:
        said = "Nobody with these options said anything like that" if filters else \
            "Nobody in the corpus said anything like that"
        return [message(_embed(title, safe_cut(f"{said}.", 300), "who", footer=only or None))]
    fields = []
    shown: list[tuple[int, Statement]] = []
    used = 0
    for n, h in enumerate(hits, 1):
        st = h.statement
        who = st.speaker or ("speaker uncertain" if st.speaker_guess else "speaker unknown")
        name = shorten(f"{n}. {who}" + (f" — {st.speaker_role}" if st.speaker_role else "")
                       + f" ({KIND_LABEL.get(st.kind, st.kind)}, {h.score:.0f}%)", FIELD_NAME_MAX)
        name = safe_cut(name, FIELD_NAME_MAX)
        source = _source(st) + _note(st)
        value = f"“{_excerpt(st.text, h.marks, min(700, FIELD_VALUE_MAX - len(source) - 8))}”\n— {source}"
        if used + len(name) + len(value) > _PAGE_BUDGET or len(fields) >= 10:
            break
        fields.append((name, value[:FIELD_VALUE_MAX]))
        shown.append((n, st))
        used += len(name) + len(value)
    page = message(_embed(title, None, "who", fields, "Best match first · matching words in bold"
                          + (f" · {only}" if only else "")))
    return [_with_buttons(page, shown)]


# ---- /speakers, /sources, /about, /reload ---------------------------------------------

def _list_pages(title: str, lines: Sequence[str], per_page: int, note: str, empty: str) -> list[Message]:
    if not lines:
        return [message(_embed(title, empty, "list"))]
    pages: list[tuple[str, str | None, list[tuple[str, str]]]] = []
    chunk: list[str] = []
    size = 0
    for line in lines:
        line = line[:400]
        if len(chunk) >= per_page or size + len(line) + 1 > 3900:
            pages.append((title, "\n".join(chunk), []))
            chunk, size = [], 0
        chunk.append(line)
        size += len(line) + 1
    if chunk:
        pages.append((title, "\n".join(chunk), []))
    return _with_footers(pages, "list", note)


def speakers_pages(speakers: Sequence[Speaker], per_page: int = 20) -> list[Message]:
    lines = []
    for sp in speakers:
        role = f" — {safe_cut(sp.role, 120)}" if sp.role else ""
        kind = f" ({sp.kind})" if sp.kind and sp.kind != "person" else ""
        lines.append(f"**{safe_cut(sp.name, 150)}**{role}{kind} · {sp.count}")
    return _list_pages("Speakers", lines, per_page, f"{len(speakers)} speakers · most quoted first",
                       "No speakers: the corpus is empty.")


def sources_pages(articles: Sequence[ArticleInfo], per_page: int = 15) -> list[Message]:
    lines = [f"{_date(a.date)} · {safe_cut(a.outlet, 80) if a.outlet else 'unknown outlet'} · "
             f"{_link(a, 150)} · {a.quotes} quote(s)" for a in articles]
    return _list_pages("Sources", lines, per_page, f"{len(articles)} articles · newest first",
                       "No articles in the corpus.")


def about_page(articles: int, quotes: int, speakers: int, first: dt.date | None,
               last: dt.date | None) -> list[Message]:
    span = f"from {_date(first)} to {_date(last)}" if first else "undated"
    desc = (f"I know **{quotes}** statements by **{speakers}** speakers in **{articles}** "
            f"articles ({span}).\n\n"
            "**/quote** `speaker` — what someone said, newest first (optionally by kind and dates).\n"
            "**/who** `phrase` — who said something like this; typos and word order don't matter.\n"
            "**/timeline** `speaker` — a chart of their statements per week or month.\n"
            "**/export** `speaker` — their statements as a CSV or JSON file.\n"
            "**/speakers**, **/sources** — browse everyone quoted and every article.\n"
            "**/context** `quote` — a quote in its article (or press its Context button).\n"
            "**/correct** `quote` `speaker`, **/hide** `quote` — admins: fix what I got wrong.\n"
            "**/reload** — admins: re-read the corpus after adding or changing articles.\n"
            "**/add** `url` or `file` — admins: add a news article and see the quotations in it.")
    return [message(_embed("quotebot", desc, "list"), ephemeral=True)]


def _first(items: Sequence[str], n: int = 10) -> str:
    """The first n, then how many more."""
    shown = ", ".join(items[:n])
    return shown + (f" and {len(items) - n} more" if len(items) > n else "")


def reload_page(report: ReloadReport) -> list[Message]:
    fields = []
    for label, files in (("Added", report.articles_added), ("Changed", report.articles_changed),
                         ("Removed", report.articles_removed)):
        if files:
            fields.append((f"{label} ({len(files)})", safe_cut(_first(files), FIELD_VALUE_MAX)))
    if report.failed:
        lines = [f"{f}: {why}" for f, why in report.failed[:10]]
        if len(report.failed) > 10:
            lines.append(f"and {len(report.failed) - 10} more")
        fields.append((f"Could not read ({len(report.failed)})", safe_cut("\n".join(lines), FIELD_VALUE_MAX)))
    if report.warnings:
        lines = list(report.warnings[:10])
        if len(report.warnings) > 10:
            lines.append(f"and {len(report.warnings) - 10} more")
        fields.append((f"Warnings ({len(report.warnings)})", safe_cut("\n".join(lines), FIELD_VALUE_MAX)))
    if report.corrections_unmatched:
        lines = [f"{a}: “{shorten(q, 80)}” ({c})" for a, q, c in report.corrections_unmatched[:10]]
        if len(report.corrections_unmatched) > 10:
            lines.append(f"and {len(report.corrections_unmatched) - 10} more")
        fields.append((f"Corrections matching no quotation ({len(report.corrections_unmatched)})",
                       safe_cut("\n".join(lines), FIELD_VALUE_MAX)))
    if report.speakers_gained:
        fields.append(("Speakers gained", safe_cut(_first(report.speakers_gained, 25), FIELD_VALUE_MAX)))
    if report.speakers_lost:
        fields.append(("Speakers lost", safe_cut(_first(report.speakers_lost, 25), FIELD_VALUE_MAX)))
    desc = (f"Articles: {len(report.articles_added)} added, {len(report.articles_changed)} changed, "
            f"{len(report.articles_removed)} removed.\nQuotes: {report.quotes_before} → {report.quotes_after}."
            f"\n{report.extracted} file(s) read, {report.from_cache} from cache, in {report.seconds:.2f} s.")
    return [message(_embed("Reloaded", desc, "ok", fields), ephemeral=True)]


# ---- /context ---------------------------------------------------------------------------

# characters of the article per page of a context: escaped, it stays under 4096
_CONTEXT_CHUNK = 1800
_MARKUP = {"quote": "**", "cue": "__", "mention": "__"}


def _marked(text: str, marks: Sequence[tuple[int, int, str]]) -> str:
    """text as Discord shows it, the quotation in bold and its attribution underlined."""
    out: list[str] = []
    pos = 0
    for a, b, kind in sorted(marks):
        if a < pos or b <= a:
            continue
        piece = text[a:b]
        core = piece.strip()
        out.append(safe(text[pos:a]))
        if core:
            # (Discord draws "** word**" as it stands: the markup must touch the words)
            lead = piece[:len(piece) - len(piece.lstrip())]
            trail = piece[len(piece.rstrip()):]
            m = _MARKUP[kind]
            out.append(f"{safe(lead)}{m}{safe(core)}{m}{safe(trail)}")
        pos = b
    out.append(safe(text[pos:]))
    return "".join(out)


def _chunks(text: str, size: int) -> list[tuple[int, int]]:
    """text in pieces of at most size characters, cut at a line or a space."""
    out = []
    lo = 0
    while len(text) - lo > size:
        hi = text.rfind("\n", lo + size // 2, lo + size)
        if hi < 0:
            hi = text.rfind(" ", lo + size // 2, lo + size)
        hi = hi + 1 if hi >= 0 else lo + size
        out.append((lo, hi))
        lo = hi
    out.append((lo, len(text)))
    return out


def _said_by(st: Statement, model_speaker: str | None) -> str:
    if st.corrected:
        was = f" (the model said {model_speaker})" if model_speaker and model_speaker != st.speaker else ""
        who = f"**{safe_cut(st.speaker or '?', 200)}**\n*{CORRECTED}*{safe(was)}"
    elif st.speaker:
        who = f"**{safe_cut(st.speaker, 200)}**"
    elif st.speaker_guess:
        who = f"speaker uncertain (the model's best guess: {safe_cut(st.speaker_guess, 200)})"
    else:
        who = "speaker unknown"
    return who + (f" — {safe_cut(st.speaker_role, 200)}" if st.speaker_role and st.speaker else "")


def context_pages(ctx: Context) -> list[Message]:
    """A quotation in its article, privately: the paragraphs around it (over several
    pages where a long quotation needs them: it is shown whole), who said it, the
    attribution as written, the article and the model's confidence."""
    st, a = ctx.statement, ctx.statement.article
    title = safe_cut(a.title or a.id, TITLE_MAX)
    attribution = " … ".join(f"“{safe_cut(ctx.text[s:e], 200)}”" for s, e, k in ctx.marks if k != "quote")
    fields = [
        ("Said by", _said_by(st, ctx.model_speaker)),
        ("Attribution as written", attribution or "none found near the quotation"),
        ("Confidence", f"{st.confidence:.0%}: the model's probability that it named the right speaker"),
        ("Article", f"{_link(a, 150)} · {safe_cut(a.outlet, 80) if a.outlet else 'unknown outlet'} · "
                    f"{_date(a.date)}" + (f" · said {_date(st.date)}" if st.date and st.date != a.date else "")),
    ]
    notes = []
    if st.hidden:
        notes.append("*Hidden by the server's admins: /quote and /who leave it out.*")
    if ctx.moved:
        notes.append("*The article has changed since the last reload; shown where the quotation now stands.*")
    pieces = _chunks(ctx.text, _CONTEXT_CHUNK)
    pages = []
    note = f"{KIND_LABEL.get(st.kind, st.kind)} · id {st.qid} · the quotation in bold, its attribution underlined"
    for i, (lo, hi) in enumerate(pieces):
        marks = [(max(s, lo) - lo, min(e, hi) - lo, k) for s, e, k in ctx.marks if s < hi and e > lo]
        body = _marked(ctx.text[lo:hi], marks).strip("\n")
        if i == 0 and ctx.cut_before:
            body = "…" + body
        if i == len(pieces) - 1 and ctx.cut_after:
            body += "…"
        if i == 0 and notes:
            body = "\n".join(notes) + "\n\n" + body
        footer = note if len(pieces) == 1 else f"Page {i + 1}/{len(pieces)} · {note}"
        e = _embed(title, body, "quote", fields if i == 0 else (), footer)
        if a.url and re.match(r"https?://[^\s<>()]+$", a.url) and len(a.url) < 500:
            e["url"] = a.url
        pages.append(message(e, ephemeral=True))
    return pages


def correction_page(st: Statement, before: str | None, new_speaker: bool) -> list[Message]:
    """What an admin's /correct or /hide did, privately."""
    quote = f"“{safe_cut(st.text, 1500)}”\n— {_source(st)}"
    if st.hidden:
        title = "Hidden"
        desc = (f"{quote}\n\nHidden from /quote, /who and the speaker counts, across reloads "
                "(config/corrections.yaml). /correct gives it a speaker and shows it again.")
    else:
        title = "Speaker corrected"
        was = f" (was: {safe_cut(before, 200)})" if before and before != st.speaker else ""
        new = " — a new speaker, not named in the corpus before" if new_speaker else ""
        desc = (f"{quote}\n\nNow said by **{safe_cut(st.speaker or '?', 200)}**{was}{new}. Shown as "
                f"“{CORRECTED}”, across reloads (config/corrections.yaml).")
    return [message(_embed(title, desc, "ok"), ephemeral=True)]


# ---- /add ------------------------------------------------------------------------------

_ADD_SHOWN = 10


def added_page(added: Added) -> list[Message]:
    """The article just added: its title and source, then the quotations found in it with
    their speakers (the first ten; /quote and /who find them all)."""
    d = added.draft
    info = ArticleInfo(added.file, d.title, d.outlet, d.date, d.url)
    by = f" · by {safe_cut(d.author, 100)}" if d.author else ""
    outlet = safe_cut(d.outlet, 80) if d.outlet else "unknown outlet"
    n = len(added.statements)
    # (the file name is a slug: letters, digits and hyphens, nothing to escape)
    desc = (f"{_link(info, 300)}\n{outlet} · {_date(d.date)}{by}\nSaved as `{added.file}`; "
            f"{n} statement(s) found." + ("" if n else " Nothing in it reads as a quotation."))
    fields: list[tuple[str, str]] = []
    used = len(desc)
    for st in added.statements[:_ADD_SHOWN]:
        who = st.speaker or ("speaker uncertain" if st.speaker_guess else "speaker unknown")
        name = safe_cut(f"{len(fields) + 1}. {who}" + (f" — {st.speaker_role}" if st.speaker_role else "")
                        + f" ({KIND_LABEL.get(st.kind, st.kind)})", FIELD_NAME_MAX)
        value = f"“{safe_cut(st.text, 300)}”"
        if used + len(name) + len(value) > _PAGE_BUDGET:
            break
        fields.append((name, value))
        used += len(name) + len(value)
    more = f"{len(fields)} of {n} shown (/quote finds the rest) · " if len(fields) < n else ""
    if added.warnings:
        fields.append(("Warnings", safe_cut("\n".join(added.warnings[:5]), FIELD_VALUE_MAX)))
    r = added.report
    footer = f"{more}Quotes in the corpus: {r.quotes_before} → {r.quotes_after}"
    return [message(_embed(safe_cut(f"Added: {d.title}", TITLE_MAX), desc, "ok", fields, footer),
                    ephemeral=True)]


def pick_page(question: str) -> list[Message]:
    """Where a name or role fits several speakers: what fits, above the menu to pick from."""
    return [message(_embed("Which speaker?", safe_cut(question, 1500), "list",
                           footer="Pick one from the menu below"))]


def error_page(text: str) -> list[Message]:
    return [message(_embed("Sorry", safe_cut(text, 1000), "error"), ephemeral=True)]


def choices(names: Sequence[str]) -> list[dict[str, str]]:
    """Autocomplete choices: at most 25, each name and value within 100 characters."""
    out = []
    for n in names[:CHOICES_MAX]:
        v = shorten(n, CHOICE_MAX)
        out.append({"name": v, "value": v})
    return out


# ---- files: /timeline, /export --------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Attachment:
    """A file sent with a message (a multipart part beside its JSON). A page holds its
    files under FILES, which is not part of the JSON: interaction_responses() and
    send_kwargs() turn them into the `attachments` entries and parts Discord expects."""

    filename: str
    data: bytes
    description: str = ""


FILES = "files"
ATTACHMENT_DESCRIPTION_MAX = 1024


def files_of(page: Message) -> list[Attachment]:
    return list(page.get(FILES, ()))


def size_text(n: int) -> str:
    return f"{n} bytes" if n < 1024 else f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1048576:.1f} MB"


def timeline_page(tl: Timeline, png: bytes, filename: str) -> list[Message]:
    from bot.timeline import summary

    sp = tl.speaker
    outlets = ", ".join(f"{o} {n}" for o, n in tl.outlets[:8]) + (
        f" and {len(tl.outlets) - 8} more" if len(tl.outlets) > 8 else "")
    e = _embed(safe_cut(f"{speaker_title(sp)}: statements over time", TITLE_MAX), safe_cut(summary(tl), 1500),
               "quote", [("Outlets", safe_cut(outlets, FIELD_VALUE_MAX))],
               footer=f"{tl.total} statement(s) · by {tl.period} · chart attached")
    e["image"] = {"url": f"attachment://{filename}"}
    m = message(e)
    m[FILES] = [Attachment(filename, png, shorten(summary(tl), ATTACHMENT_DESCRIPTION_MAX))]
    return [m]


def export_page(exp: Export) -> list[Message]:
    from bot.export import COLUMNS

    desc = (f"{exp.count} statement(s) by **{safe_cut(exp.speaker.name, 200)}**, newest first, as "
            f"{exp.format.upper()} ({size_text(len(exp.data))}).\n"
            + ("Columns: " + ", ".join(COLUMNS) if exp.format == "csv" else
               "Each statement: text, kind, date, speaker, confidence, start and end offsets in the "
               "article, and the article (id, title, outlet, date, url)") + ".")
    m = message(_embed(safe_cut(f"Export: {exp.speaker.name}", TITLE_MAX), desc, "quote",
                       footer=f"Attached: {exp.filename}"), ephemeral=True)
    m[FILES] = [Attachment(exp.filename, exp.data, f"{exp.count} statements by {shorten(exp.speaker.name, 200)}")]
    return [m]


def json_payload(page: Message) -> Message:
    """The page as the JSON Discord receives (payload_json, where files go with it): its
    files as `attachments` entries, numbered as the multipart parts are."""
    files = files_of(page)
    data = {k: v for k, v in page.items() if k != FILES}
    if files:
        data["attachments"] = [{"id": str(i), "filename": f.filename, "description": f.description}
                               for i, f in enumerate(files)]
    return data


# ---- interaction responses -----------------------------------------------------------

NAV = (("first", "⏮"), ("previous", "◀"), ("next", "▶"), ("last", "⏭"))


def nav_row(page: int, pages: int) -> dict[str, Any]:
    """The paginator's buttons as Discord's component payload."""
    buttons = []
    for key, emoji in NAV:
        disabled = (key in ("first", "previous") and page == 0) or \
            (key in ("next", "last") and page >= pages - 1)
        buttons.append({"type": 2, "style": 2, "custom_id": f"page:{key}", "emoji": {"name": emoji},
                        "label": key.title(), "disabled": disabled})
    return {"type": 1, "components": buttons}


def interaction_responses(pages: Sequence[Message]) -> list[dict[str, Any]]:
    """What the bot sends: the first page as the reply (type 4), each further page as the
    update a button press makes (type 7)."""
    out = []
    for i, page in enumerate(pages):
        data = json_payload(page)
        if len(pages) > 1:
            data["components"] = [*page.get("components", ()), nav_row(i, len(pages))]
        out.append({"type": 4 if i == 0 else 7, "data": data})
    return out
