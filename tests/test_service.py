"""Reloads: what changed is reported, the cache spares re-reading, and a reload that
fails leaves the serving index as it was."""

from __future__ import annotations

import gc
import os
import shutil
import threading
from pathlib import Path

import pytest

from bot import service as service_mod
from bot.service import ReloadBusy, ReloadError, Service

ROOT = Path(__file__).resolve().parents[1]

ARTICLE = """{title}

LONDON, March 3, 2022 — "{words}," {who} said on Tuesday.
"""


def _write(folder: Path, name: str, who: str, words: str) -> None:
    (folder / name).write_text(ARTICLE.format(title=f"On {who}", who=who, words=words),
                               encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    c = tmp_path / "corpus"
    c.mkdir()
    _write(c, "a.txt", "Ann Lee", "Bridges are worth building")
    _write(c, "b.txt", "Bo Park", "Rivers run deep here")
    return c


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    d = tmp_path / "config"
    d.mkdir()
    return d


def test_first_load_then_changes_are_reported(corpus: Path, config_dir: Path, tmp_path: Path) -> None:
    s = Service(corpus, config_dir, tmp_path / "cache.sqlite3")
    r = s.reload()
    assert r.articles_added == ("a.txt", "b.txt") and r.extracted == 2
    assert r.speakers_gained == ("Ann Lee", "Bo Park")
    assert s.index.quote("Lee").statements[0].text == "Bridges are worth building,"

    _write(corpus, "b.txt", "Cy Diaz", "Mountains stand tall")
    _write(corpus, "c.txt", "Ann Lee", "Roads lead home")
    (corpus / "a.txt").touch()  # touched, not changed
    r = s.reload()
    assert (r.articles_added, r.articles_changed, r.articles_removed) == (("c.txt",), ("b.txt",), ())
    assert (r.speakers_gained, r.speakers_lost) == (("Cy Diaz",), ("Bo Park",))
    assert r.extracted == 2
    assert [st.text for st in s.index.quote("Ann Lee").statements] == [
        "Bridges are worth building,", "Roads lead home,"]
    assert s.index.who("mountains")[0].statement.speaker == "Cy Diaz"
    assert s.index.who("rivers deep") == []

    (corpus / "c.txt").unlink()
    r = s.reload()
    assert r.articles_removed == ("c.txt",) and r.quotes_before == 3 and r.quotes_after == 2


def test_a_restart_reads_results_from_the_cache(corpus: Path, config_dir: Path, tmp_path: Path) -> None:
    Service(corpus, config_dir, tmp_path / "cache.sqlite3").reload()
    again = Service(corpus, config_dir, tmp_path / "cache.sqlite3")
    r = again.reload()
    assert (r.extracted, r.from_cache) == (0, 2)
    assert again.index.quote("Bo Park").statements[0].date.isoformat() == "2022-03-01"


def test_unreadable_files_are_named_and_the_rest_served(corpus: Path, config_dir: Path) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "image.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    r = Service(corpus, config_dir).reload()
    assert {Path(f).name for f, _ in r.failed} == {"empty.txt", "image.txt"}
    assert all(why for _, why in r.failed)
    assert r.quotes_after == 2


def test_a_failed_reload_keeps_the_serving_index(corpus: Path, config_dir: Path) -> None:
    s = Service(corpus, config_dir)
    s.reload()
    serving = s.index
    (config_dir / "speakers.yaml").write_text("speakers:\n  - name: [unclosed\n", encoding="utf-8")
    _write(corpus, "c.txt", "Cy Diaz", "Never seen")
    with pytest.raises(ReloadError, match=r"speakers.yaml:\d+"):
        s.reload()
    assert s.index is serving
    (config_dir / "speakers.yaml").unlink()
    shutil.rmtree(corpus)
    with pytest.raises(ReloadError, match="corpus"):
        s.reload()
    assert s.index is serving and len(s.index) == 2


def test_a_corpus_folder_gone_between_listing_and_reading_is_an_error_not_removals(
        corpus: Path, config_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    s = Service(corpus, config_dir)
    s.reload()
    serving = s.index
    _write(corpus, "a.txt", "Ann Lee", "Bridges are worth building again")
    real = service_mod.list_articles

    def listed_then_gone(folder: Path):
        found = real(folder)
        shutil.rmtree(folder)
        return found

    monkeypatch.setattr(service_mod, "list_articles", listed_then_gone)
    # (before: a.txt counted as removed, and an index without it served)
    with pytest.raises(ReloadError, match="disappeared during the reload"):
        s.reload()
    assert s.index is serving and len(s.index) == 2


def test_a_second_reload_while_one_runs_is_refused(corpus: Path, config_dir: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    s = Service(corpus, config_dir)
    started, release = threading.Event(), threading.Event()
    real = service_mod._extract_file

    def slow(*args):
        started.set()
        release.wait(5)
        return real(*args)

    monkeypatch.setattr(service_mod, "_extract_file", slow)
    t = threading.Thread(target=s.reload)
    t.start()
    assert started.wait(5)
    with pytest.raises(ReloadBusy):
        s.reload()
    release.set()
    t.join(5)
    assert len(s.index) == 2


def test_many_small_reloads_answer_as_a_fresh_build(corpus: Path, config_dir: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service_mod, "COMPACT_MIN", 3)
    s = Service(corpus, config_dir)
    s.reload()
    people = ["Ann Lee", "Bo Park", "Cy Diaz", "Di Moss", "Ed Nash"]
    for n in range(8):
        _write(corpus, f"n{n}.txt", people[n % 5], f"Statement number {n} about harbours")
        if n % 3 == 0:
            _write(corpus, "a.txt", people[(n + 1) % 5], f"Revised view {n} on bridges")
        s.reload()
    fresh = Service(corpus, config_dir)
    fresh.reload()
    assert [sp.to_json() for sp in s.index.speakers()] == [sp.to_json() for sp in fresh.index.speakers()]
    for p in people:
        assert [st.text for st in s.index.quote(p).statements] == \
            [st.text for st in fresh.index.quote(p).statements]
    assert [h.statement.text for h in s.index.who("harbours", limit=20)] == \
        [h.statement.text for h in fresh.index.who("harbours", limit=20)]


def test_seeds_answer_the_questions_the_issue_names(tmp_path: Path) -> None:
    s = Service(ROOT / "seeds", ROOT / "config")
    s.reload()
    ans = s.index.quote("Stoltenberg")
    assert ans.speaker.name == "Jens Stoltenberg"
    assert len({st.article.id for st in ans.statements}) >= 3
    assert all(st.date for st in ans.statements)
    assert s.index.who("open door")[0].statement.speaker == "Jens Stoltenberg"
    sherman = [st.text for st in s.index.quote("Wendy Sherman").statements]
    assert "Every country has the sovereign right to choose its own path." in sherman


def test_min_confidence_from_bot_yaml_applies_on_reload(corpus: Path, config_dir: Path,
                                                        tmp_path: Path) -> None:
    s = Service(corpus, config_dir, tmp_path / "cache.sqlite3")
    s.reload()
    assert s.index.min_confidence == 0.5  # the default
    assert [sp.name for sp in s.index.speakers()] == ["Ann Lee", "Bo Park"]
    # a threshold above every statement's confidence: nobody is named, nothing re-extracted
    (config_dir / "bot.yaml").write_text("min_confidence: 1.0\n", encoding="utf-8")
    r = s.reload()
    assert r.extracted == 0 and r.speakers_lost == ("Ann Lee", "Bo Park")
    [hit] = s.index.who("bridges building")
    assert hit.statement.speaker is None and hit.statement.speaker_guess == "Ann Lee"


def test_the_phrase_index_lives_beside_the_cache_and_follows_reloads(corpus: Path, config_dir: Path,
                                                                     tmp_path: Path) -> None:
    s = Service(corpus, config_dir, tmp_path / "cache" / "extract.sqlite3")
    s.reload()
    [folder] = list((tmp_path / "cache").glob("phrases-*"))
    assert any(folder.rglob("meta.json"))  # Tantivy's own files, on disk
    assert s.index.who("rivers deep")[0].statement.speaker == "Bo Park"
    _write(corpus, "b.txt", "Bo Park", "Oceans are wide")
    s.reload()
    assert s.index.who("rivers deep") == []
    assert s.index.who("oceans wide")[0].statement.speaker == "Bo Park"


def test_a_new_process_reports_what_changed_since_the_last_one(corpus: Path, config_dir: Path,
                                                                tmp_path: Path) -> None:
    cache = tmp_path / "cache.sqlite3"
    first = Service(corpus, config_dir, cache).reload()
    assert first.articles_added == ("a.txt", "b.txt") and first.quotes_before == 0
    again = Service(corpus, config_dir, cache).reload()  # a fresh process, nothing changed
    assert (again.articles_added, again.articles_changed, again.articles_removed) == ((), (), ())
    assert again.quotes_before == again.quotes_after == 2 and again.speakers_gained == ()
    _write(corpus, "b.txt", "Cy Diaz", "Mountains stand tall")
    _write(corpus, "c.txt", "Ann Lee", "Roads lead home")
    (corpus / "a.txt").unlink()
    later = Service(corpus, config_dir, cache).reload()
    assert (later.articles_added, later.articles_changed, later.articles_removed) == (
        ("c.txt",), ("b.txt",), ("a.txt",))
    assert later.quotes_before == 2 and later.speakers_lost == ("Bo Park",)
    assert later.speakers_gained == ("Cy Diaz",)


def test_a_phrase_index_left_by_a_dead_process_is_removed(corpus: Path, config_dir: Path,
                                                          tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    dead = 2**22 + 12345  # above any pid this machine hands out
    orphan = cache_dir / f"phrases-{dead}-abc"
    (orphan / "1").mkdir(parents=True)
    Service(corpus, config_dir, cache_dir / "extract.sqlite3").reload()
    assert not orphan.exists()
    assert len(list(cache_dir.glob("phrases-*"))) == 1  # this process's own


def _texts_folder(seg) -> Path:  # type: ignore[no-untyped-def]
    """Where a segment's (unnamed) texts file is: '/…/phrases-…/2/#1234 (deleted)'."""
    fd = seg.texts.fileno()
    assert fd is not None, "the texts are in memory, not in the cache folder"
    return Path(os.readlink(f"/proc/self/fd/{fd}")).parent


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_quotation_texts_live_in_the_cache_folder_and_are_swapped_with_the_snapshot(
        corpus: Path, config_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    s = Service(corpus, config_dir, tmp_path / "cache" / "extract.sqlite3")
    s.reload()
    [root] = list((tmp_path / "cache").glob("phrases-*"))
    first = s.index
    assert _texts_folder(first.segments[0]).parent == root
    # a small reload: the changed article's texts in a delta segment, on disk too
    _write(corpus, "b.txt", "Bo Park", "Oceans are wide")
    s.reload()
    delta = s.index
    assert len(delta.segments) == 2 and _texts_folder(delta.segments[1]).parent == root
    assert [st.text for st in delta.quote("Bo Park").statements] == ["Oceans are wide,"]
    # full rebuilds, each in a new folder; the older folders are removed, yet a snapshot
    # still answering a query reads the texts it was built with
    monkeypatch.setattr(service_mod, "COMPACT_MIN", 0)
    monkeypatch.setattr(service_mod, "COMPACT_SHARE", 0.0)
    for words in ("Lakes are calm", "Seas are grey", "Ponds are small"):
        _write(corpus, "b.txt", "Bo Park", words)
        s.reload()
    assert [st.text for st in first.quote("Bo Park").statements] == ["Rivers run deep here,"]
    assert [st.text for st in delta.quote("Bo Park").statements] == ["Oceans are wide,"]
    assert [st.text for st in s.index.quote("Bo Park").statements] == ["Ponds are small,"]
    assert [h.statement.text for h in s.index.who("bridges")] == ["Bridges are worth building,"]
    # the last snapshot reading them gone (the delta's shares the first's base), its texts
    # file is closed, and the kernel frees it
    fd = first.segments[0].texts.fileno()
    link = os.readlink(f"/proc/self/fd/{fd}")
    del first, delta
    gc.collect()
    assert not os.path.exists(f"/proc/self/fd/{fd}") or os.readlink(f"/proc/self/fd/{fd}") != link
