"""Figures over time from the log, and SVG charts of them, for the web dashboard and the HTML report.

The charts are drawn here as plain SVG text: no chart library, no script, nothing fetched, so the
dashboard works offline and the report stays one self-contained, printable file. Every text that
goes into the SVG is escaped. Rates per day are records / (records + counted passes); precision per
rule is cumulative (labels of all records up to that day), which is how a rule's precision develops
without the noise of single days with two labels.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from safe_reply.log.records import Timeline

BLOCKING = ("block", "raise")
PALETTE = ("#1f5fa8", "#c0392b", "#2e8b57", "#b8860b", "#6a3d9a", "#008b8b", "#8b4513", "#555555")
WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # one per day; None = nothing to show that day


@dataclass(frozen=True, slots=True)
class Figures:
    """Day-by-day figures: rates of blocked and rewritten replies, cumulative precision per rule."""

    days: tuple[str, ...]
    seen: tuple[int, ...]  # replies the guard saw per day (records + passes)
    block_rate: Series
    rewrite_rate: Series
    precision: tuple[Series, ...]  # the most-labelled rules first


def _days(first: str, last: str) -> tuple[str, ...]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return tuple((start + timedelta(days=n)).isoformat() for n in range((end - start).days + 1))


def figures(timeline: Timeline, top_rules: int = 6) -> Figures:
    stamps = [d for d, _, _ in timeline.records_by_day] + [d for d, _ in timeline.passes_by_day]
    if not stamps:
        empty = Series("", ())
        return Figures((), (), empty, empty, ())
    days = _days(min(stamps), max(stamps))
    blocked: dict[str, int] = defaultdict(int)
    rewritten: dict[str, int] = defaultdict(int)
    seen: dict[str, int] = defaultdict(int)
    for day, intended, count in timeline.records_by_day:
        seen[day] += count
        if intended in BLOCKING:
            blocked[day] += count
        elif intended == "rewrite":
            rewritten[day] += count
    for day, count in timeline.passes_by_day:
        seen[day] += count

    def rate(part: dict[str, int]) -> tuple[float | None, ...]:
        return tuple(part[d] / seen[d] if seen[d] else None for d in days)

    per_rule: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
    totals: dict[str, int] = defaultdict(int)
    for day, rule, confirmed, false_pos in timeline.labels_by_day_rule:
        per_rule[rule][day] = (confirmed, false_pos)
        totals[rule] += confirmed + false_pos
    precision = []
    for rule in sorted(totals, key=lambda r: (-totals[r], r))[:top_rules]:
        running_c = running_fp = 0
        values: list[float | None] = []
        for day in days:
            c, fp = per_rule[rule].get(day, (0, 0))
            running_c, running_fp = running_c + c, running_fp + fp
            values.append(running_c / (running_c + running_fp) if running_c + running_fp else None)
        precision.append(Series(rule, tuple(values)))
    return Figures(
        days,
        tuple(seen[d] for d in days),
        Series("Blockiert / blocked", rate(blocked)),
        Series("Umgeschrieben / rewritten", rate(rewritten)),
        tuple(precision),
    )


def _y(value: float, top: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / top)


def _x(index: int, count: int) -> float:
    inner = WIDTH - LEFT - RIGHT
    return LEFT + (inner / 2 if count == 1 else inner * index / (count - 1))


def _nice_top(series: Sequence[Series]) -> float:
    """The y axis top for rates: the next of 5 %, 10 %, 25 %, 50 %, 100 % above the largest value."""
    largest = max((v for s in series for v in s.values if v is not None), default=0.0)
    return next(top for top in (0.05, 0.1, 0.25, 0.5, 1.0) if largest <= top)


def line_chart(title: str, days: Sequence[str], series: Sequence[Series], top: float | None = None) -> str:
    """A line chart of percentages over days, with a legend; gaps where a value is None."""
    y_top = top if top is not None else _nice_top(series)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT + 22 * len(series)}" '
        f'role="img" aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
    ]
    for step in range(5):
        value = y_top * step / 4
        y = _y(value, y_top)
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{value * 100:g} %</text>')
    if days:
        for index in sorted({0, len(days) - 1, *range(0, len(days), max(1, len(days) // 6))}):
            x = _x(index, len(days))
            parts.append(
                f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="11">'
                f"{escape(days[index][5:])}</text>"
            )
    for number, one in enumerate(series):
        color = PALETTE[number % len(PALETTE)]
        points = [(_x(i, len(days)), _y(min(v, y_top), y_top)) for i, v in enumerate(one.values) if v is not None]
        runs: list[list[str]] = [[]]
        for i, v in enumerate(one.values):
            if v is None:
                runs.append([])
            else:
                runs[-1].append(f"{_x(i, len(days)):.1f},{_y(min(v, y_top), y_top):.1f}")
        for run in runs:
            if len(run) > 1:
                parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{" ".join(run)}"/>')
        parts.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{color}"/>' for x, y in points)
        legend_y = HEIGHT + 22 * number + 8
        parts.append(f'<rect x="{LEFT}" y="{legend_y}" width="12" height="12" fill="{color}"/>')
        parts.append(f'<text x="{LEFT + 18}" y="{legend_y + 11}" font-size="12">{escape(one.name)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def bar_chart(title: str, rows: Sequence[tuple[str, float | None, str]]) -> str:
    """Horizontal bars of percentages (label, value, text after the bar)."""
    label_width, bar_width, row_height = 300, 300, 24
    height = TOP + row_height * max(len(rows), 1) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {label_width + bar_width + 120} {height}" '
        f'role="img" aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
    ]
    for number, (label, value, note) in enumerate(rows):
        y = TOP + row_height * number
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end" font-size="12">{escape(label)}</text>'
        )
        parts.append(f'<rect x="{label_width}" y="{y + 3}" width="{bar_width}" height="16" fill="#eee"/>')
        if value is not None:
            color = PALETTE[0] if value >= 0.8 else PALETTE[1]
            parts.append(
                f'<rect x="{label_width}" y="{y + 3}" width="{bar_width * value:.1f}" height="16" fill="{color}"/>'
            )
        parts.append(f'<text x="{label_width + bar_width + 8}" y="{y + 15}" font-size="12">{escape(note)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
