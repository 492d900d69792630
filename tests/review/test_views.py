"""Figures over time, SVG charts and the highlighted segments of a record page: exact values."""

from __future__ import annotations

from safe_reply.log.charts import Series, figures, line_chart
from safe_reply.log.records import FindingRecord, Timeline
from safe_reply.web.views import Segment, segments

TIMELINE = Timeline(
    records_by_day=(("2025-03-01", "block", 1), ("2025-03-01", "rewrite", 3), ("2025-03-03", "raise", 2)),
    passes_by_day=(("2025-03-01", 16), ("2025-03-02", 10), ("2025-03-03", 8)),
    labels_by_day_rule=(("2025-03-01", "r.a", 1, 1), ("2025-03-03", "r.a", 2, 0), ("2025-03-03", "r.b", 0, 1)),
)


def test_rates_per_day_and_cumulative_precision() -> None:
    fig = figures(TIMELINE)
    assert fig.days == ("2025-03-01", "2025-03-02", "2025-03-03")  # the day without records is kept
    assert fig.seen == (20, 10, 10)
    assert fig.block_rate.values == (0.05, 0.0, 0.2)  # raise counts as blocked
    assert fig.rewrite_rate.values == (0.15, 0.0, 0.0)
    assert fig.precision == (
        Series("r.a", (0.5, 0.5, 0.75)),  # 1/2, still 1/2, then 3/4
        Series("r.b", (None, None, 0.0)),
    )


def test_line_chart_escapes_text_and_leaves_gaps() -> None:
    svg = line_chart("<Titel>", ("2025-03-01", "2025-03-02", "2025-03-03"), (Series("a&b", (0.1, None, 0.2)),))
    assert "<title>&lt;Titel&gt;</title>" in svg
    assert ">a&amp;b</text>" in svg
    assert "<polyline" not in svg  # no two neighbouring values: points only, no line across the gap
    assert svg.count("<circle") == 2
    assert '>25 %</text>' in svg  # the y axis top: the next step above 20 %


def finding(start: int | None, end: int | None) -> FindingRecord:
    return FindingRecord("r", "trade_secret", start, end, "m")


def test_segments_cut_at_findings_and_mask_tokens() -> None:
    text = "Projekt ⟦codename:ab12⟧ kommt bald."
    token_end = text.index("⟧") + 1
    assert segments(text, (finding(8, token_end), finding(0, 7), finding(None, None))) == [
        Segment("Projekt", 0, (2,), False),
        Segment(" ", 7, (), False),
        Segment("⟦codename:ab12⟧", 8, (1,), True),
        Segment(" kommt bald.", token_end, (), False),
    ]
