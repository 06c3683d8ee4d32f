"""Quotation texts outside the Python heap (bot/texts.py): what goes in comes out, on disk
and in memory, one at a time and all in order."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import texts as texts_mod
from bot.texts import Texts

SAMPLES = ["", "Bridges are worth building,", "NATO’s “open door” — Støltenberg",
           "a\nnew line", "\U0001f600 and CJK 北约", "lone \ud800 surrogate", "x" * 10_000, ""]


@pytest.mark.parametrize("on_disk", [True, False])
def test_texts_come_back_as_written(tmp_path: Path, on_disk: bool,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(texts_mod, "_CHUNK", 16)  # (reads in order cross many chunk bounds)
    t = Texts(tmp_path if on_disk else None)
    t.extend(SAMPLES * 3)
    t.close_writing()
    assert t.on_disk is on_disk
    assert len(t) == len(SAMPLES) * 3
    assert [t[i] for i in range(len(t))] == SAMPLES * 3
    assert list(t) == SAMPLES * 3
    assert t.nbytes == sum(len(s.encode("utf-8", "surrogatepass")) for s in SAMPLES) * 3
    with pytest.raises(IndexError):
        t[len(t)]


def test_the_file_has_no_name_in_the_folder(tmp_path: Path) -> None:
    t = Texts(tmp_path)
    t.add("something said")
    t.close_writing()
    # (nothing to tidy up after a crash: the file goes with its last reader)
    assert list(tmp_path.iterdir()) == []
    assert t[0] == "something said"


def test_a_folder_that_cannot_take_the_file_keeps_the_texts_in_memory(tmp_path: Path) -> None:
    t = Texts(tmp_path / "missing")
    t.add("still here")
    t.close_writing()
    assert not t.on_disk and t[0] == "still here"


def test_texts_are_read_only_once_written(tmp_path: Path) -> None:
    t = Texts(tmp_path)
    t.add("half")
    with pytest.raises(RuntimeError):
        t[0]
    t.close_writing()
    t.close_writing()  # (twice is harmless)
    assert t[0] == "half"


def test_many_texts_across_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(texts_mod, "_CHUNK", 1000)
    want = [f"quotation number {i} " * (i % 7) for i in range(5000)]
    t = Texts(tmp_path)
    t.extend(want)
    t.close_writing()
    assert list(t) == want
    assert [t[i] for i in (0, 1, 999, 4999)] == [want[i] for i in (0, 1, 999, 4999)]
