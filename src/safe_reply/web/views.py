"""What the pages show, computed without HTML: highlighted segments, the queue, the figures.

Shared by the web review (app.py) and the HTML report (report.py). Every text comes from the stored,
masked record; the templates escape it (Jinja2 autoescape).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from safe_reply.log import charts
from safe_reply.log.records import MECHANICAL_CATEGORIES, FindingRecord, RecordFilter, Stats, StoredRecord, Timeline
from safe_reply.log.render import BLOCKING

MASK_TOKEN = re.compile(r"⟦[a-z0-9_]+:[0-9a-f]+⟧")


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of the masked original: plain text or one mask token, and the findings covering it."""

    text: str
    start: int
    findings: tuple[int, ...]  # finding numbers from 1
    token: bool


def segments(text: str, findings: tuple[FindingRecord, ...]) -> list[Segment]:
    """The text cut at every finding edge and mask token, each piece with the findings that cover it."""
    tokens = {m.start(): m.end() for m in MASK_TOKEN.finditer(text)}
    cuts = {0, len(text), *tokens, *tokens.values()}
    for f in findings:
        if f.start is not None and f.end is not None:
            cuts.update((f.start, f.end))
    ordered = sorted(c for c in cuts if 0 <= c <= len(text))
    out = []
    for start, end in itertools.pairwise(ordered):
        if start == end:
            continue
        covering = tuple(
            n
            for n, f in enumerate(findings, start=1)
            if f.start is not None and f.end is not None and f.start <= start and end <= f.end
        )
        out.append(Segment(text[start:end], start, covering, tokens.get(start) == end))
    return out


@dataclass(frozen=True, slots=True)
class QueueItem:
    stored: StoredRecord
    index: int  # from 0

    @property
    def finding(self) -> FindingRecord:
        return self.stored.record.findings[self.index]


def queue_items(records: list[StoredRecord], flt: RecordFilter, limit: int = 200) -> tuple[list[QueueItem], int]:
    """The (record, finding) pairs to label under the filter, at most `limit`, and how many in all."""
    items = [
        QueueItem(s, i)
        for s in records
        for i, f in enumerate(s.record.findings)
        if (flt.mechanical or f.category not in MECHANICAL_CATEGORIES)
        and (flt.category is None or f.category == flt.category)
        and (flt.rule is None or f.rule_id == flt.rule)
        and _label_matches(s, i, flt)
    ]
    return items[:limit], len(items)


def _label_matches(stored: StoredRecord, index: int, flt: RecordFilter) -> bool:
    label = stored.labels.get(index)
    if flt.label is None:
        return True
    if flt.label.value == "unlabelled":
        return label is None
    return label is not None and label.label.value == flt.label.value


def _percent(part: int, whole: int) -> str:
    return "-" if whole == 0 else f"{100.0 * part / whole:.1f} %"


def figures_context(stats: Stats, timeline: Timeline) -> dict[str, Any]:
    """Tables and SVG charts for the dashboard and the report."""
    passes = dict(stats.passes_by_product_line)
    lines = sorted({line for line, _, _ in stats.by_product_line_intended} | set(passes))
    by_line = []
    for line in lines:
        recorded = sum(n for p, _, n in stats.by_product_line_intended if p == line)
        blocked = sum(n for p, a, n in stats.by_product_line_intended if p == line and a in BLOCKING)
        rewritten = sum(n for p, a, n in stats.by_product_line_intended if p == line and a == "rewrite")
        seen = recorded + passes.get(line, 0)
        by_line.append(
            {
                "line": line,
                "records": recorded,
                "blocked": blocked,
                "rewritten": rewritten,
                "passes": passes.get(line, 0),
                "block_rate": _percent(blocked, seen),
                "rewrite_rate": _percent(rewritten, seen),
            }
        )
    precision = [
        {"rule": rule, "confirmed": c, "false_positive": fp, "precision": _percent(c, c + fp)}
        for rule, c, fp in stats.labels_by_rule
    ]
    fig = charts.figures(timeline)
    rates_svg = charts.line_chart(
        "Block- und Umschreibrate pro Tag / block and rewrite rate per day",
        fig.days,
        (fig.block_rate, fig.rewrite_rate),
    )
    precision_bars = charts.bar_chart(
        "Präzision pro Regel / precision per rule",
        [
            (rule, c / (c + fp) if c + fp else None, f"{_percent(c, c + fp)} ({c}/{c + fp})")
            for rule, c, fp in stats.labels_by_rule
        ],
    )
    precision_svg = charts.line_chart(
        "Präzision pro Regel, kumuliert / precision per rule, cumulative", fig.days, fig.precision, top=1.0
    )
    return {
        "total": sum(n for _, n in stats.by_action),
        "by_action": stats.by_action,
        "by_line": by_line,
        "by_category": stats.by_category,
        "by_rule": stats.by_rule,
        "precision": precision,
        "days": fig.days,
        "rates_svg": rates_svg if fig.days else "",
        "precision_bars_svg": precision_bars if precision else "",
        "precision_svg": precision_svg if fig.precision else "",
    }
