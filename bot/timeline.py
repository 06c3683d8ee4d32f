"""A speaker over time: their statements per week or month by kind, and by outlet —
counted from the index (timeline()) and drawn as a PNG chart (draw()).

matplotlib is imported only inside draw(), and through its Agg canvas directly (no
pyplot, no display, no global figure state): the bot starts without it, and charts drawn
in worker threads do not share a current figure.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.index import KINDS, QueryError, QuoteIndex, Speaker

PERIODS = ("week", "month")
# Up to this many weeks between the first and last statement a chart is drawn by week;
# a longer span by month (weekly bars over years are too thin to read).
WEEKS_MAX = 26
# Outlets named in the chart's side panel; the rest are summed as "others".
OUTLETS_SHOWN = 8
UNKNOWN_OUTLET = "unknown outlet"
# Okabe-Ito colours: told apart with the common kinds of colour blindness too.
KIND_COLOUR = {"direct": "#0072B2", "partial": "#E69F00", "reported": "#009E73"}
KIND_LABEL = {"direct": "direct quote", "partial": "partial quote", "reported": "reported speech"}
WIDTH_PX, HEIGHT_PX, DPI = 1000, 520, 100
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def period_start(d: dt.date, period: str) -> dt.date:
    """The first day of the week (Monday) or month that holds d."""
    if period == "week":
        return d - dt.timedelta(days=d.weekday())
    return d.replace(day=1)


def next_period(start: dt.date, period: str) -> dt.date:
    if period == "week":
        return start + dt.timedelta(days=7)
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def choose_period(first: dt.date, last: dt.date) -> str:
    return "week" if (last - first).days < WEEKS_MAX * 7 else "month"


def bucket(facts: Iterable[tuple[dt.date | None, str]], period: str
           ) -> tuple[list[dt.date], list[tuple[int, ...]], int]:
    """Counts per period and kind: (each period's first day, from the first statement's
    period to the last's with none left out, so a quiet spell shows as one), (counts per
    KINDS in each), and how many statements had no date."""
    per: dict[dt.date, list[int]] = {}
    undated = 0
    for date, kind in facts:
        if date is None:
            undated += 1
            continue
        row = per.setdefault(period_start(date, period), [0] * len(KINDS))
        row[KINDS.index(kind)] += 1
    if not per:
        return [], [], undated
    starts: list[dt.date] = []
    counts: list[tuple[int, ...]] = []
    d, last = min(per), max(per)
    while d <= last:
        starts.append(d)
        counts.append(tuple(per.get(d, [0] * len(KINDS))))
        d = next_period(d, period)
    return starts, counts, undated


@dataclass(frozen=True, slots=True)
class Timeline:
    speaker: Speaker
    period: str
    starts: tuple[dt.date, ...]
    # per period, statements of each kind in KINDS order
    counts: tuple[tuple[int, ...], ...]
    # every statement's outlet (dated or not), most first
    outlets: tuple[tuple[str, int], ...]
    undated: int
    since: dt.date | None = None
    until: dt.date | None = None

    @property
    def dated(self) -> int:
        return sum(map(sum, self.counts))

    @property
    def total(self) -> int:
        return self.dated + self.undated

    @property
    def first(self) -> dt.date | None:
        return self.starts[0] if self.starts else None

    @property
    def last_day(self) -> dt.date | None:
        """The last day of the last period."""
        return next_period(self.starts[-1], self.period) - dt.timedelta(days=1) if self.starts else None

    def kind_totals(self) -> dict[str, int]:
        return {k: sum(c[i] for c in self.counts) for i, k in enumerate(KINDS)}

    def to_json(self) -> dict[str, object]:
        return {"speaker": self.speaker.to_json(), "period": self.period,
                "since": self.since.isoformat() if self.since else None,
                "until": self.until.isoformat() if self.until else None,
                "periods": [{"start": s.isoformat(), **dict(zip(KINDS, c, strict=True)), "total": sum(c)}
                            for s, c in zip(self.starts, self.counts, strict=True)],
                "outlets": [{"outlet": o, "count": n} for o, n in self.outlets],
                "dated": self.dated, "undated": self.undated, "total": self.total}


def timeline(index: QuoteIndex, speaker: str, period: str | None = None,
             since: dt.date | None = None, until: dt.date | None = None) -> Timeline:
    """The one call every face makes: a speaker's statements counted by period and kind
    (period None: by week over half a year or less, else by month)."""
    if period is not None and period not in PERIODS:
        raise QueryError(f"period: choose {' or '.join(PERIODS)}, not “{str(period)[:20]}”.")
    ans = index.quote(speaker, since=since, until=until)
    sp = ans.speaker
    if not len(ans.statements):
        raise QueryError(f"{sp.name} has no statements {_span_words(since, until)}.")
    facts = list(index.facts(ans.statements.ids))
    dates = [d for d, _, _ in facts if d is not None]
    if not dates:
        raise QueryError(f"None of {sp.name}'s {len(facts)} statement(s) is dated; there is no timeline to draw.")
    chosen = period or choose_period(min(dates), max(dates))
    starts, counts, undated = bucket(((d, k) for d, k, _ in facts), chosen)
    outlets = Counter(a.outlet or UNKNOWN_OUTLET for _, _, a in facts)
    return Timeline(sp, chosen, tuple(starts), tuple(counts),
                    tuple(sorted(outlets.items(), key=lambda on: (-on[1], on[0]))), undated, since, until)


def chart(index: QuoteIndex, speaker: str, period: str | None = None, since: dt.date | None = None,
          until: dt.date | None = None) -> tuple[Timeline, bytes]:
    """timeline() and its picture: what /timeline and `quotebot timeline` both call."""
    tl = timeline(index, speaker, period, since, until)
    return tl, draw(tl)


def _span_words(since: dt.date | None, until: dt.date | None) -> str:
    if since and until:
        return f"from {since.isoformat()} to {until.isoformat()}"
    if since:
        return f"since {since.isoformat()}"
    if until:
        return f"until {until.isoformat()}"
    return "in the corpus"


def fmt_day(d: dt.date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def summary(tl: Timeline) -> str:
    """One line of what the chart shows, for a caption and for screen readers."""
    kinds = ", ".join(f"{n} {KIND_LABEL[k]}" for k, n in tl.kind_totals().items() if n)
    span = f"{fmt_day(tl.first)} – {fmt_day(tl.last_day)}" if tl.first and tl.last_day else ""
    busiest = max(range(len(tl.counts)), key=lambda i: (sum(tl.counts[i]), -i))
    line = (f"{_count(tl.dated, 'dated statement')} by {tl.period}, {span} ({kinds}); busiest {tl.period}: "
            f"{_period_name(tl.starts[busiest], tl.period)} with {sum(tl.counts[busiest])}.")
    if tl.undated:
        line += f" {_count(tl.undated, 'undated statement')} not on the time axis."
    return line


def _period_name(start: dt.date, period: str) -> str:
    return f"week of {fmt_day(start)}" if period == "week" else f"{_MONTHS[start.month - 1]} {start.year}"


def tick_labels(starts: Sequence[dt.date], period: str, most: int = 12) -> list[tuple[int, str]]:
    """(bar position, label) of the bars that get a label: at most `most`, evenly spaced;
    the year is written under the first label and wherever it changes."""
    if not starts:
        return []
    step = max(1, math.ceil(len(starts) / most))
    if period == "month" and step > 1:
        # (whole quarters or years, so the labels fall on the same months each year)
        step = next(s for s in (2, 3, 4, 6, 12, 24, 36, 60, 120, 10**9) if s >= step)
    out: list[tuple[int, str]] = []
    year = None
    for i in range(0, len(starts), step):
        d = starts[i]
        label = f"{d.day} {_MONTHS[d.month - 1]}" if period == "week" else _MONTHS[d.month - 1]
        if d.year != year:
            label += f"\n{d.year}"
            year = d.year
        out.append((i, label))
    return out


def draw(tl: Timeline) -> bytes:
    """The chart as PNG bytes, WIDTH_PX × HEIGHT_PX: stacked bars of statements per
    period by kind, and beside them the outlets that carried them."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    grid = fig.add_gridspec(1, 2, width_ratios=(3.2, 1.0))
    ax = fig.add_subplot(grid[0])
    side = fig.add_subplot(grid[1])

    n = len(tl.starts)
    xs = list(range(n))
    bottom = [0] * n
    for k, kind in enumerate(KINDS):
        values = [c[k] for c in tl.counts]
        if any(values):
            ax.bar(xs, values, 0.8, bottom=bottom, color=KIND_COLOUR[kind], label=KIND_LABEL[kind],
                   linewidth=0)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    top = max(bottom) if bottom else 1
    if n <= 40:  # (the totals over the bars while there is room to write them)
        for x, total in zip(xs, bottom, strict=True):
            if total:
                ax.annotate(str(total), (x, total), xytext=(0, 2), textcoords="offset points",
                            ha="center", va="bottom", fontsize=8, color="#333333")
    # a few bars stay bar-wide, centred, rather than stretched over the whole axis
    room = max(n, 8)
    ax.set_xlim(-0.6 - (room - n) / 2, n - 0.4 + (room - n) / 2)
    # (headroom for the legend; a speaker with one or two statements keeps short bars)
    ax.set_ylim(0, max(top * 1.25 + 1, 4))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ticks = tick_labels(tl.starts, tl.period)
    ax.set_xticks([i for i, _ in ticks], [label for _, label in ticks], fontsize=9)
    ax.set_xlabel("week (starting Monday)" if tl.period == "week" else "month", fontsize=10)
    ax.set_ylabel("statements", fontsize=10)
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="upper left", frameon=False, fontsize=9, ncols=3)
    span = f"{fmt_day(tl.first)} – {fmt_day(tl.last_day)}" if tl.first and tl.last_day else ""
    ax.set_title(f"{_count(tl.dated, 'statement')} by {tl.period}, {span}", fontsize=10, loc="left",
                 color="#444444")

    shown = list(tl.outlets[:OUTLETS_SHOWN])
    rest = sum(c for _, c in tl.outlets[OUTLETS_SHOWN:])
    if rest:
        shown.append((f"{len(tl.outlets) - OUTLETS_SHOWN} others", rest))
    names = [_short(o, 26) for o, _ in shown]
    values = [c for _, c in shown]
    side.barh(range(len(values)), values, 0.7, color="#7f7f7f", linewidth=0)
    side.set_yticks(range(len(values)), names, fontsize=9)
    # most carried first, from the top, however few outlets there are
    side.set_ylim(max(len(values), 6) - 0.4, -0.6)
    side.set_xlim(0, max(max(values) * 1.3, 3))
    side.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))
    for y, v in enumerate(values):
        side.annotate(str(v), (v, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    side.set_title(f"by outlet (all {tl.total})", fontsize=10, loc="left", color="#444444")
    side.spines[["top", "right"]].set_visible(False)
    side.tick_params(axis="x", labelsize=8)

    sp = tl.speaker
    fig.suptitle(_short(sp.name + (f" — {sp.role}" if sp.role else ""), 90), fontsize=13,
                 fontweight="bold", x=0.01, ha="left")
    if tl.undated:
        fig.text(0.01, 0.005, f"{_count(tl.undated, 'undated statement')} not on the time axis.",
                 fontsize=8, color="#666666", ha="left", va="bottom")
    buf = io.BytesIO()
    # (no timestamp or version in the file: the same chart gives the same bytes)
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
