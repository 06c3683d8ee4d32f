"""The offline console: type /quote Stoltenberg or /who "open door" and see what the bot
would answer, with no Discord connection. Reads commands line by line from standard
input when it is not a terminal, so it can be scripted."""

from __future__ import annotations

import contextlib
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

from bot.discord import answers, render
from bot.fetch import AddError
from bot.index import QueryError
from bot.service import ReloadError, Service

_ESCAPED = re.compile(r"\\([\\*_~`>|#\-\[\]()])")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\\*])\*([^*\n]+?)\*(?!\*)")
_UNDERLINE = re.compile(r"__(.+?)__")
PROMPT = "quotebot> "
HELP = """Commands (as in Discord; options as name:value, a phrase in double quotes):
  /quote SPEAKER [kind:direct|partial|reported] [since:YYYY-MM-DD] [until:YYYY-MM-DD] [about:WORDS]
                         SPEAKER: a name, or a role or organisation (Kremlin, NATO Secretary General)
  /who PHRASE [speaker:NAME] [outlet:NAME] [since:..] [until:..]
                         who said something like it (typos, case and accents don't matter)
  /context QUOTE_ID      a quote in its article: the paragraphs around it, who said it, how sure
  /timeline SPEAKER [period:week|month] [since:..] [until:..]   a chart of their statements (PNG, saved)
  /export SPEAKER [format:csv|json] [kind:..] [since:..] [until:..]   their statements as a file (saved)
  /speakers  /sources    everyone quoted; every article
  /about                 what the corpus holds
  /correct QUOTE_ID SPEAKER   set a quote's speaker (a name the corpus lacks creates them)
  /hide QUOTE_ID         leave a quote out of /quote, /who and the counts
                         (both kept in config/corrections.yaml, across reloads)
  /reload                re-read the corpus and config (the old index serves if it fails)
  A quote's id is the ten letters and digits shown after its source.
  /add URL | file:PATH   add a news article (a web page, or a .html/.txt/.md file) and show its quotes
  /help                  this;  exit  leaves"""


def unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text).replace("@\u200b", "@")


def _terminal(text: str, ansi: bool) -> str:
    """Discord's markdown for a terminal: bold and italics as the terminal draws them, or
    as plain text where output is not one. Underlined words (a quotation's attribution in
    /context) stay marked in plain text, as _words_: there they are the point."""
    if ansi:
        text = _BOLD.sub("\x1b[1m\\1\x1b[0m", text)
        text = _UNDERLINE.sub("\x1b[4m\\1\x1b[0m", text)
        return _ITALIC.sub("\x1b[3m\\1\x1b[0m", text)
    return _UNDERLINE.sub(r"_\1_", _ITALIC.sub(r"\1", _BOLD.sub(r"\1", text)))


def page_text(page: render.Message, n: int | None = None, total: int | None = None) -> str:
    lines: list[str] = []
    for e in page.get("embeds", ()):
        lines.append(f"━━ {unescape(e.get('title', ''))}")
        if e.get("description"):
            lines.append(unescape(e["description"]))
        for f in e.get("fields", ()):
            lines.append(f"▸ {unescape(f['name'])}")
            lines.extend("  " + ln for ln in unescape(f["value"]).splitlines())
        if e.get("footer"):
            lines.append(f"  ({unescape(e['footer']['text'])})")
    for f in render.files_of(page):
        lines.append(f"📎 {f.filename} ({render.size_text(len(f.data))})")
    return "\n".join(lines)


def save_files(pages: Iterable[render.Message], folder: Path) -> list[Path]:
    """Where Discord would attach files, the console writes them to a folder (a file of
    the same name is replaced: the newest chart of a speaker is the one to look at)."""
    out = []
    for page in pages:
        for f in render.files_of(page):
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / Path(f.filename).name
            path.write_bytes(f.data)
            out.append(path)
    return out


def default_files_dir() -> Path:
    return Path(tempfile.gettempdir()) / "quotebot-files"


def run_line(service: Service, line: str) -> tuple[list[render.Message], bool]:
    """The pages a line answers with, and whether it was an error reply."""
    try:
        return answers.answer(service, answers.parse_line(line)), False
    except (QueryError, ReloadError, AddError) as e:
        return render.error_page(str(e)), True


def paged(text: str, out: TextIO, ask: Callable[[str], str], rows: int) -> None:
    """A long answer a screen at a time, as `more` does: a terminal would scroll its
    start away (a speaker's record can run to hundreds of lines)."""
    lines = text.split("\n")
    screen = max(5, rows - 1)
    pos = 0
    while True:
        out.write("\n".join(lines[pos:pos + screen]) + "\n")
        pos += screen
        if pos >= len(lines):
            return
        out.flush()
        try:
            answer = ask(f"-- {len(lines) - pos} more lines: Enter for the next screen, q to stop -- ")
        except EOFError:
            return
        if answer.strip().lower().startswith("q"):
            return


def serve(service: Service, lines: Iterable[str], out: TextIO, interactive: bool,
          files_dir: Path | None = None, ask: Callable[[str], str] | None = None,
          rows: int = 0) -> int:
    """ask: where output is a terminal, how to ask whether to go on with a long answer
    (longer than rows lines)."""
    failures = 0
    files_dir = files_dir or default_files_dir()
    ansi = interactive and out.isatty()
    if interactive:
        out.write(_terminal(page_text(answers.about(service)[0]), ansi) +
                  "\nType a command, /help, or 'exit'.\n")
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line in ("exit", "quit", "/exit", "/quit"):
            break
        if line in ("/help", "help", "/?", "?"):
            out.write(HELP + "\n\n")
            continue
        pages, failed = run_line(service, line)
        failures += failed
        text = "\n\n".join(page_text(p) for p in pages)
        try:
            saved = save_files(pages, files_dir)
        except OSError as e:
            failures += 1
            text += f"\ncannot save the attachment in {files_dir}: {e.strerror or e}"
        else:
            text += "".join(f"\n   saved to {p}" for p in saved)
        shown = _terminal(text, ansi)
        if ask is not None and rows and shown.count("\n") >= rows:
            paged(shown, out, ask, rows)
            out.write("\n")
        else:
            out.write(shown + "\n\n")
        out.flush()
    return 1 if failures and not interactive else 0


def _prompted(inp: TextIO, out: TextIO) -> Iterable[str]:
    """Lines typed at a terminal, with line editing and history (readline, where the
    platform has it: input() then uses it)."""
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401
    while True:
        try:
            line = input(PROMPT)
        except EOFError:
            out.write("\n")
            return
        yield line


def main(service: Service, inp: TextIO | None = None, out: TextIO | None = None,
         files_dir: Path | None = None) -> int:
    inp = inp or sys.stdin
    out = out or sys.stdout
    interactive = inp.isatty()
    pager = interactive and out.isatty()
    rows = shutil.get_terminal_size().lines if pager else 0
    try:
        return serve(service, _prompted(inp, out) if interactive else inp, out, interactive, files_dir,
                     ask=input if pager else None, rows=rows)
    except KeyboardInterrupt:
        out.write("\n")
        return 0


def responses(service: Service, line: str) -> list[dict[str, Any]]:
    """What `quotebot render` prints: the interaction responses for one command."""
    pages, _ = run_line(service, line)
    return render.interaction_responses(pages)
