"""The extract command's output contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True)


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


def test_text_format_and_bad_input_lines(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text('{"id": "x"}\nnot json\n', encoding="utf-8")
    res = _run("extract", "--input-jsonl", str(f))
    assert res.returncode == 2
    assert "in.jsonl:1" in res.stderr and "in.jsonl:2" in res.stderr
    res = _run("extract", "seeds", "--format", "text")
    assert res.returncode == 0 and "Jens Stoltenberg" in res.stdout
