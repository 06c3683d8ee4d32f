"""The command line: extract's output contract, the query commands, the console."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str, stdin: str | None = None,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, input=stdin or "",
                          capture_output=True, text=True, env={**os.environ, **(env or {})})


def test_jsonl_fields_and_offsets(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    text = 'Headline\n\n"We will win," Ann Lee said on Monday.\n'
    f.write_text(json.dumps({"id": "a1", "text": text, "date": "2022-01-12"}) + "\n",
                 encoding="utf-8")
    res = _run("extract", "--input-jsonl", str(f))
    assert res.returncode == 0, res.stderr
    rec = json.loads(res.stdout)
    assert set(rec) >= {"id", "title", "outlet", "date", "quotes"}
    [q] = rec["quotes"]
    assert set(q) >= {"start", "end", "spans", "text", "speaker", "speaker_role", "kind",
                      "cue", "date", "confidence"}
    assert text[q["start"]:q["end"]] == "We will win,"
    assert (q["speaker"], q["date"]) == ("Ann Lee", "2022-01-10")


def test_kinds_filter_the_output(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    text = ('Headline\n\n"We will win," Ann Lee said on Monday. Lee said that the vote would '
            'be close.\n')
    f.write_text(json.dumps({"id": "a1", "text": text}) + "\n", encoding="utf-8")
    every = json.loads(_run("extract", "--input-jsonl", str(f)).stdout)["quotes"]
    assert {q["kind"] for q in every} == {"direct", "reported"}
    only = json.loads(_run("extract", "--input-jsonl", str(f), "--kinds", "direct").stdout)
    assert [q["kind"] for q in only["quotes"]] == ["direct"]
    bad = _run("extract", "--input-jsonl", str(f), "--kinds", "quoted")
    assert bad.returncode == 2 and "--kinds" in bad.stderr and "quoted" in bad.stderr


def test_text_format_and_bad_input_lines(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text('{"id": "x"}\nnot json\n', encoding="utf-8")
    res = _run("extract", "--input-jsonl", str(f))
    assert res.returncode == 2
    assert "in.jsonl:1" in res.stderr and "in.jsonl:2" in res.stderr
    res = _run("extract", "seeds", "--format", "text")
    assert res.returncode == 0 and "Jens Stoltenberg" in res.stdout


def test_query_commands_on_the_seeds() -> None:
    res = _run("quote", "Stoltenberg", "--corpus", "seeds", "--json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["speaker"]["name"] == "Jens Stoltenberg"
    assert len({s["article"]["id"] for s in data["statements"]}) >= 3
    assert all(s["date"] for s in data["statements"])
    res = _run("who", "open door", "--corpus", "seeds")
    assert res.returncode == 0 and res.stdout.startswith("1. Jens Stoltenberg")
    res = _run("quote", "Wendy Sherman")
    assert "Every country has the sovereign right to choose its own path." in res.stdout
    got = {}
    for cmd in ("speakers", "sources", "index"):
        res = _run(cmd, "--json", "--no-cache")
        assert res.returncode == 0, res.stderr
        got[cmd] = json.loads(res.stdout)
    speakers, sources, index = got["speakers"], got["sources"], got["index"]
    assert speakers[0]["name"] == "Jens Stoltenberg" and speakers[0]["count"] >= 10
    assert [sp["count"] for sp in speakers] == sorted((sp["count"] for sp in speakers), reverse=True)
    assert sorted(a["id"] for a in sources) == sorted(p.name for p in (ROOT / "seeds").iterdir())
    assert all(a["quotes"] > 0 and a["date"] for a in sources)
    assert [a["date"] for a in sources] == sorted((a["date"] for a in sources), reverse=True)
    assert index["quotes_after"] == sum(a["quotes"] for a in sources) and index["failed"] == []
    assert "Jens Stoltenberg" in index["speakers_gained"]


def test_no_answer_is_a_message_and_a_non_zero_status(tmp_path: Path) -> None:
    res = _run("quote", "Zbigniew Nobody")
    assert res.returncode == 1 and "No speaker called" in res.stderr and "Traceback" not in res.stderr
    res = _run("who", "submarine cables in antarctica")
    assert res.returncode == 1 and "Nobody" in res.stdout
    res = _run("quote", "x", "--corpus", str(tmp_path / "missing"))
    assert res.returncode == 2 and "missing" in res.stderr


def test_offline_console_reads_commands_from_stdin() -> None:
    res = _run("run", stdin='/who "open door"\n/quote Stoltenberg kind:direct\n/quote\n',
               env={"DISCORD_TOKEN": ""})
    assert "Who said “open door”?" in res.stdout
    assert "▸ 1. Jens Stoltenberg" in res.stdout
    assert "/quote needs speaker" in res.stdout
    assert "Traceback" not in res.stdout + res.stderr


def test_render_prints_every_page_as_interaction_responses() -> None:
    res = _run("render", "/quote Stoltenberg", "--json")
    assert res.returncode == 0, res.stderr
    payloads = json.loads(res.stdout)
    assert payloads[0]["type"] == 4 and all(p["type"] == 7 for p in payloads[1:])
    assert len(payloads) >= 2 and all(p["data"]["allowed_mentions"] == {"parse": []} for p in payloads)


def test_commands_json_lists_the_sync_payloads() -> None:
    res = _run("commands", "--json")
    assert res.returncode == 0, res.stderr
    cmds = {c["name"]: c for c in json.loads(res.stdout)}
    assert set(cmds) == {"quote", "who", "context", "timeline", "export", "speakers", "sources", "about",
                         "correct", "hide", "reload", "add"}
    assert all(c["type"] == 1 and c["description"] for c in cmds.values())  # slash commands, described
    options = {o["name"]: o for o in cmds["quote"]["options"]}
    assert list(options) == ["speaker", "kind", "since", "until", "about"]
    assert options["speaker"]["required"] and options["speaker"]["autocomplete"]
    assert [ch["value"] for ch in options["kind"]["choices"]] == ["direct", "partial", "reported"]
    assert [o["name"] for o in cmds["who"]["options"]] == ["phrase", "speaker", "outlet", "since", "until"]
    assert [o.get("required", False) for o in cmds["who"]["options"]] == [True, False, False, False, False]
    # /reload: hidden from members without Manage Server (0x20), not in DMs
    assert cmds["reload"]["default_member_permissions"] in (32, "32") and not cmds["reload"]["dm_permission"]
    assert cmds["add"]["default_member_permissions"] in (32, "32") and not cmds["add"]["dm_permission"]


@pytest.mark.parametrize(("args", "says"), [
    (["--config", "/nonexistent", "speakers"], "/nonexistent: the config folder does not exist"),
    (["who", "open door", "--limit", "0"], "argument --limit: 0 is out of range"),
    (["who", "open door", "--min-score", "101"], "argument --min-score: 101 is out of range"),
    (["who", "open door", "--limit", "ten"], "argument --limit: 'ten' is not a whole number"),
])
def test_a_bad_option_or_a_missing_config_folder_is_an_error_that_says_which(args: list[str], says: str) -> None:
    got = _run(*args)
    assert got.returncode == 2 and says in got.stderr
    assert "Traceback" not in got.stderr


def test_the_bot_without_a_reachable_discord_says_so_in_one_line(monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import discord

    from bot import cli
    from bot.service import Service

    # (nothing listens on the loopback discard port: refused at once, no network needed)
    monkeypatch.setattr(discord.http.Route, "BASE", "http://127.0.0.1:9/api/v10")
    service = Service(ROOT / "seeds", ROOT / "config")
    service.reload()
    assert cli._run_bot(service, "xsecretx.token") == 3
    err = capsys.readouterr().err
    assert "error: cannot reach Discord (cannot connect to 127.0.0.1:9)" in err
    assert "Traceback" not in err and "xsecretx" not in err
    # nothing but the log's line that it logs in, and the error
    assert "voice" not in err and len([ln for ln in err.splitlines() if ln.strip()]) <= 2, err


def test_the_console_helps_and_draws_no_raw_markdown() -> None:
    res = _run("console", stdin='/help\n/qoute Stoltenberg\n/who "open door"\n')
    assert "/quote SPEAKER [kind:direct|partial|reported]" in res.stdout
    assert "Unknown command “/qoute”. Did you mean /quote?" in res.stdout
    assert "NATO’s open door" in res.stdout and "**" not in res.stdout  # bold drawn, not shown raw
    assert "Traceback" not in res.stdout + res.stderr


def test_a_long_answer_in_a_terminal_pages_and_stops_when_asked(root: Path) -> None:
    """A speaker's record is longer than a screen: shown a screen at a time, and q stops it."""
    import io
    import re

    from bot import console
    from bot.service import Service

    service = Service(root / "seeds", root / "config")
    service.reload()

    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return "q"

    out = io.StringIO()
    console.serve(service, ["/quote Stoltenberg"], out, interactive=True, ask=ask, rows=12)
    shown = out.getvalue().split("Type a command, /help, or 'exit'.\n", 1)[1]
    assert len(asked) == 1 and "more lines" in asked[0]
    assert shown.count("\n") <= 12  # one screen, then stopped
    everything = io.StringIO()
    console.serve(service, ["/quote Stoltenberg"], everything, interactive=True,
                  ask=lambda prompt: "", rows=12)  # Enter each time: the whole answer
    last = re.findall(r"Page (\d+)/(\d+)", everything.getvalue())[-1]
    assert last[0] == last[1] != "1"  # every page of it
    short = io.StringIO()
    console.serve(service, ["/about"], short, interactive=True, ask=ask, rows=200)
    assert len(asked) == 1  # an answer that fits is not paged


def test_index_names_an_unreadable_file_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Title\n\n\u201cWe will win,\u201d said Jane Roe.\n", encoding="utf-8")
    (corpus / "noise.txt").write_bytes(bytes(range(1, 32)) * 40)
    res = subprocess.run([sys.executable, "-m", "bot", "index", "--corpus", str(corpus), "--no-cache"],
                         cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    said = res.stdout + res.stderr
    assert said.count("noise.txt") == 1 and "not text" in said and "1 article(s) added" in said
