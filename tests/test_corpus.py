"""Reading articles: metadata from the text, front matter, boilerplate, bad files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.corpus import parse_article, read_corpus


def test_dateline_without_year_takes_it_from_full_dates() -> None:
    text = ("Headline here\nBRUSSELS, January 10. /TASS/. The talks began.\n"
            "On December 17, 2021, drafts were published.\n")
    a = parse_article("x.txt", text)
    assert a.outlet == "TASS" and a.date == dt.date(2022, 1, 10)


def test_publisher_and_source_lines() -> None:
    text = "A headline\n\nBody text.\n\nRu-Main, 12.01.2022\nSource: Sputnik \n\nRelated Posts\n"
    a = parse_article("x.txt", text)
    assert a.date == dt.date(2022, 1, 12)
    assert a.outlet == "Sputnik (via Ru-Main)"


def test_byline_with_numeric_date() -> None:
    a = parse_article("x.txt", "Title\n\nBrussels 12.01.2022 Anna van Densky The council met.\n")
    assert a.date == dt.date(2022, 1, 12) and a.author == "Anna van Densky"


def test_boilerplate_yields_no_title_and_no_quote() -> None:
    from bot.extract.pipeline import extract

    text = ("Leave a Reply\n\n\"Great post,\" Tom Reed said.\n")
    a = parse_article("x.txt", text)
    assert a.title == ""
    assert extract(a) == []


def test_markdown_front_matter(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text("---\ntitle: Hello\noutlet: Daily\ndate: 2022-03-04\nurl: https://e.x/a\n---\n"
                 "Body \"with a full quotation,\" Ann Bell said.\n", encoding="utf-8")
    [a] = read_corpus([tmp_path]).articles
    assert (a.title, a.outlet, a.date, a.url) == ("Hello", "Daily", dt.date(2022, 3, 4),
                                                  "https://e.x/a")


def test_bad_files_are_named_and_nothing_crashes(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02abc")
    (tmp_path / "latin.txt").write_bytes("Title\n\n\"Caf\xe9 time,\" Jo Kim said.\n"
                                         .encode("latin-1"))
    res = read_corpus([tmp_path])
    failed = {Path(f).name for f, _ in res.failed}
    assert failed == {"empty.txt", "bin.txt"}
    assert any("latin.txt" in w and "UTF-8" in w for w in res.warnings)
    [a] = res.articles
    assert "Jo Kim said" in a.text


def test_seeds_are_the_shared_seeds_byte_for_byte(root: Path) -> None:
    shared = root.parent / "shared" / "seeds"
    if not shared.exists():
        import pytest

        pytest.skip("../shared/seeds is not beside the project")
    theirs = {f.name: f.read_bytes() for f in shared.iterdir() if f.is_file()}
    ours = {f.name: f.read_bytes() for f in (root / "seeds").iterdir() if f.is_file()}
    assert theirs and ours == theirs  # the same files, none missing on either side


def test_text_in_other_encodings_is_read_and_what_is_no_text_refused(tmp_path: Path) -> None:
    import random

    body = "Title here\n\n“We will win,” Jo Kim said on Monday. Café owners agreed.\n"
    (tmp_path / "utf16.txt").write_bytes(body.encode("utf-16"))  # with its byte-order mark
    (tmp_path / "bom8.txt").write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    (tmp_path / "cp1252.txt").write_bytes(body.encode("cp1252"))
    rng = random.Random(3)
    (tmp_path / "noise.txt").write_bytes(bytes(rng.choice(range(1, 256)) for _ in range(4000)))
    res = read_corpus([tmp_path])
    assert {Path(f).name for f, _ in res.failed} == {"noise.txt"}
    assert any("noise.txt" in why and "not text" in why for _, why in res.failed)
    by_file = {Path(a.path or a.id).name: a for a in res.articles}
    for name in ("utf16.txt", "bom8.txt", "cp1252.txt"):
        a = by_file[name]
        assert a.title == "Title here", name  # no byte-order mark left in it
        assert "“We will win,” Jo Kim said" in a.text and "Café" in a.text, name
    assert any("cp1252.txt" in w and "not UTF-8" in w for w in res.warnings)


def test_a_furniture_line_mid_article_drops_nothing_after_it_and_a_real_tail_is_said() -> None:
    from bot.extract.pipeline import extract

    para = "The council met on Monday to discuss the budget for the coming year in detail. " * 4
    text = (f"Budget talks\n\n{para}\n\nRelated Posts\n\n{para}\n\n"
            "\"We will balance the books,\" Mayor Ann Lee said.\n\n" + para + "\n\n"
            "Leave a Reply\n\nYour email address will not be published.\n\"Nice,\" Bo Park said.\n")
    a = parse_article("x.txt", text)
    assert [q.speaker for q in extract(a)] == ["Ann Lee"]  # the article after "Related Posts" is kept
    [warning] = [w for w in a.warnings if "page furniture" in w]
    assert warning.startswith("x.txt: line ") and "Leave a Reply" in warning
