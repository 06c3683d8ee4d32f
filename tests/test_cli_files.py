"""`quotebot timeline` and `quotebot export`, and the console's /timeline and /export:
the same answers as the bot's, from the command line."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from test_timeline import png_size

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, input=stdin, capture_output=True,
                          text=True, env={**os.environ})


def _statements(name: str) -> list[dict]:
    """What `quote` answers for the speaker: the statements the other commands must agree with."""
    res = _run("quote", name, "--json", "--corpus", "seeds")
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)["statements"]


def test_timeline_writes_the_chart_and_prints_the_counts(tmp_path: Path) -> None:
    import datetime as dt
    from collections import Counter

    said = _statements("Stoltenberg")
    dates = [dt.date.fromisoformat(st["date"]) for st in said]
    by_week = Counter((d - dt.timedelta(days=d.weekday())).isoformat() for d in dates)
    kinds = Counter(st["kind"] for st in said)
    out = tmp_path / "s.png"
    res = _run("timeline", "Stoltenberg", "-o", str(out), "--corpus", "seeds", "--json", "--no-cache")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert png_size(out.read_bytes()) == (1000, 520) and data["file"] == str(out)
    assert data["period"] == "week" and data["total"] == data["speaker"]["count"] == len(said) > 20
    assert [(p["start"], p["total"]) for p in data["periods"]] == sorted(by_week.items())
    assert sum(p["direct"] for p in data["periods"]) == data["speaker"]["kinds"]["direct"] == kinds["direct"]
    human = _run("timeline", "Stoltenberg", "-o", str(out), "--period", "month", "--corpus", "seeds")
    rows = [ln.split() for ln in human.stdout.splitlines()]
    assert {d.isoformat()[:7] for d in dates} == {"2022-01"}
    month = ["2022-01", str(kinds["direct"]), str(kinds["partial"]), str(kinds["reported"]), str(len(said))]
    assert human.returncode == 0 and month in rows


def test_timeline_and_export_errors_name_the_option(tmp_path: Path) -> None:
    res = _run("timeline", "Stoltenberg", "--since", "2022-02-30", "--corpus", "seeds")
    assert res.returncode == 2 and "--since" in res.stderr and "2022-02-30" in res.stderr
    res = _run("export", "Stoltenberg", "--format", "xlsx", "--corpus", "seeds")
    assert res.returncode == 2 and "--format" in res.stderr
    res = _run("timeline", "Zed Nobody", "-o", str(tmp_path / "x.png"), "--corpus", "seeds")
    assert res.returncode == 1 and "No speaker called" in res.stderr and not (tmp_path / "x.png").exists()
    res = _run("timeline", "Stoltenberg", "-o", str(tmp_path / "no" / "such" / "x.png"), "--corpus", "seeds")
    assert res.returncode == 2 and "cannot write" in res.stderr and "Traceback" not in res.stderr


def test_export_to_stdout_and_to_a_file(tmp_path: Path) -> None:
    said = _statements("Ushakov")
    n = len(said)
    res = _run("export", "Ushakov", "--corpus", "seeds")
    assert res.returncode == 0, res.stderr
    rows = list(csv.DictReader(io.StringIO(res.stdout, newline="")))
    assert len(rows) == n > 2 and {r["speaker"] for r in rows} == {"Yury Ushakov"}
    assert [r["text"] for r in rows] == [st["text"] for st in said]
    res = _run("export", "Ushakov", "--json", "--kind", "reported", "--corpus", "seeds")
    assert json.loads(res.stdout)["filters"]["kind"] == "reported"
    out = tmp_path / "u.json"
    res = _run("export", "Ushakov", "--format", "json", "-o", str(out), "--corpus", "seeds")
    assert res.returncode == 0 and f"wrote {n} statement(s)" in res.stderr
    assert len(json.loads(out.read_text(encoding="utf-8"))["statements"]) == n


def test_the_console_saves_what_a_reply_attaches(tmp_path: Path) -> None:
    lines = "/timeline Stoltenberg\n/export Ushakov format:csv\n/timeline Stoltenberg period:year\n"
    res = _run("console", "--corpus", "seeds", "--files", str(tmp_path), stdin=lines)
    assert "📎 jens-stoltenberg-timeline.png" in res.stdout and "📎 yury-ushakov.csv" in res.stdout
    assert f"saved to {tmp_path / 'jens-stoltenberg-timeline.png'}" in res.stdout
    assert png_size((tmp_path / "jens-stoltenberg-timeline.png").read_bytes()) == (1000, 520)
    assert (tmp_path / "yury-ushakov.csv").read_text(encoding="utf-8").startswith("speaker,")
    assert "period: choose week or month" in res.stdout and res.returncode == 1
