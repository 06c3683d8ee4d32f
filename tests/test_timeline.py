"""/timeline: statements counted per week or month by kind (the bucketing), the chart as
a PNG of the promised size, and matplotlib loaded only when a chart is drawn."""

from __future__ import annotations

import datetime as dt
import struct
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from bot import timeline as T
from bot.index import ArticleInfo, QueryError, QuoteIndex
from bot.models import Quote

ROOT = Path(__file__).resolve().parents[1]
D = dt.date


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_weeks_start_on_monday_and_a_quiet_week_is_a_zero() -> None:
    facts = [(D(2022, 1, 9), "direct"),     # a Sunday: the week of Monday 3 January
             (D(2022, 1, 3), "reported"),
             (D(2022, 1, 10), "direct"),    # Monday: a new week
             (D(2022, 1, 30), "partial"),   # two quiet weeks between
             (None, "direct")]
    starts, counts, undated = T.bucket(facts, "week")
    assert starts == [D(2022, 1, 3), D(2022, 1, 10), D(2022, 1, 17), D(2022, 1, 24)]
    assert counts == [(1, 0, 1), (1, 0, 0), (0, 0, 0), (0, 1, 0)]
    assert undated == 1


def test_months_run_across_a_new_year() -> None:
    facts = [(D(2021, 11, 30), "direct"), (D(2021, 11, 1), "direct"), (D(2022, 2, 28), "reported"),
             (D(2022, 2, 1), "partial")]
    starts, counts, undated = T.bucket(facts, "month")
    assert starts == [D(2021, 11, 1), D(2021, 12, 1), D(2022, 1, 1), D(2022, 2, 1)]
    assert counts == [(2, 0, 0), (0, 0, 0), (0, 0, 0), (0, 1, 1)]
    assert undated == 0
    assert T.bucket([(None, "direct")], "month") == ([], [], 1)


def test_the_period_follows_the_span() -> None:
    assert T.choose_period(D(2022, 1, 1), D(2022, 6, 1)) == "week"
    assert T.choose_period(D(2022, 1, 1), D(2022, 12, 1)) == "month"


def test_tick_labels_are_few_and_carry_the_year_where_it_changes() -> None:
    starts, _, _ = T.bucket([(D(2020, 1, 5), "direct"), (D(2023, 12, 5), "direct")], "month")
    ticks = T.tick_labels(starts, "month")
    assert len(starts) == 48 and len(ticks) <= 12
    assert ticks[0] == (0, "Jan\n2020")
    assert [lab for _, lab in ticks if "\n" in lab] == ["Jan\n2020", "Jan\n2021", "Jan\n2022", "Jan\n2023"]
    weeks = T.tick_labels([D(2021, 12, 20), D(2021, 12, 27), D(2022, 1, 3)], "week")
    assert weeks == [(0, "20 Dec\n2021"), (1, "27 Dec"), (2, "3 Jan\n2022")]


def _index(per_speaker: dict[str, list[tuple[dt.date | None, str, str | None]]]) -> QuoteIndex:
    """One article per statement (its date and outlet), so dates and outlets are exact."""
    entries = []
    for name, rows in per_speaker.items():
        for n, (date, kind, outlet) in enumerate(rows):
            aid = f"{name.split()[-1].lower()}{n:04d}.txt"
            q = Quote(aid, [(0, 20)], f"Statement number {n} by {name}.", kind,  # type: ignore[arg-type]
                      speaker=name, speaker_kind="person", confidence=0.9)
            entries.append((ArticleInfo(aid, f"Article {n}", outlet, date, None), [q]))
    return QuoteIndex.build(entries)


OUTLETS = ("TASS", "Reuters", None, "Politico", "AFP", "Le Monde", "Bloomberg", "Euractiv", "AP", "DW", "RFE")


def big_and_small() -> QuoteIndex:
    kinds = ("direct", "direct", "reported", "partial", "direct")
    big = [(D(2021, 3, 1) + dt.timedelta(days=(i * 37) % 640), kinds[i % 5], OUTLETS[i % 11]) for i in range(300)]
    small = [(D(2022, 1, 4), "direct", "TASS"), (D(2022, 1, 12), "reported", None)]
    return _index({"Ann Lee": big, "Bo Park": small})


def test_timeline_counts_what_the_index_holds() -> None:
    ix = big_and_small()
    tl = T.timeline(ix, "Lee")
    assert tl.period == "month" and tl.total == tl.dated == 300 and tl.undated == 0
    by_month: dict[dt.date, list[int]] = {}
    for st in ix.quote("Lee").statements:
        by_month.setdefault(st.date.replace(day=1), [0, 0, 0])[("direct", "partial", "reported").index(st.kind)] += 1
    assert {s: list(c) for s, c in zip(tl.starts, tl.counts, strict=True) if sum(c)} == by_month
    expected = Counter(OUTLETS[i % 11] or "unknown outlet" for i in range(300))
    assert dict(tl.outlets) == expected
    assert [n for _, n in tl.outlets] == sorted(expected.values(), reverse=True)  # most first
    small = T.timeline(ix, "Bo Park")
    assert small.period == "week" and small.starts == (D(2022, 1, 3), D(2022, 1, 10))
    assert small.counts == ((1, 0, 0), (0, 0, 1))
    assert dict(small.outlets) == {"TASS": 1, "unknown outlet": 1}
    only = T.timeline(ix, "Bo Park", since=D(2022, 1, 10))
    assert only.counts == ((0, 0, 1),)
    assert T.timeline(ix, "Bo Park", "month").counts == ((1, 0, 1),)


def test_wrong_options_are_errors_that_name_them() -> None:
    ix = big_and_small()
    with pytest.raises(QueryError, match="period: choose week or month"):
        T.timeline(ix, "Bo Park", "year")
    with pytest.raises(QueryError, match="Bo Park has no statements since 2023-01-01"):
        T.timeline(ix, "Bo Park", since=D(2023, 1, 1))
    with pytest.raises(QueryError, match="No speaker called"):
        T.timeline(ix, "Zed Nobody")
    undated = _index({"Cy Undated": [(None, "direct", "TASS")]})
    with pytest.raises(QueryError, match="is dated"):
        T.timeline(undated, "Cy Undated")


def test_undated_statements_are_counted_apart() -> None:
    ix = _index({"Di Moss": [(D(2022, 5, 2), "direct", "TASS"), (None, "reported", "TASS")]})
    tl = T.timeline(ix, "Moss")
    assert (tl.dated, tl.undated, tl.total) == (1, 1, 2)
    assert "1 undated statement not on the time axis" in T.summary(tl)


@pytest.mark.parametrize("name", ["Ann Lee", "Bo Park"])
def test_the_chart_is_a_png_of_the_promised_size(name: str) -> None:
    tl, png = T.chart(big_and_small(), name)
    assert png_size(png) == (T.WIDTH_PX, T.HEIGHT_PX)
    assert 5_000 < len(png) < 200_000  # (small enough to attach, big enough to hold a chart)


def test_matplotlib_is_loaded_only_to_draw() -> None:
    code = ("import sys, bot.cli, bot.console, bot.discord.answers, bot.discord.cog, bot.timeline, bot.export; "
            "print('matplotlib' in sys.modules)")
    res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "False"
