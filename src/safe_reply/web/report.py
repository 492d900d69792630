"""`safe-reply report`: one self-contained, printable HTML file with the figures and charts.

The same tables and SVG charts as the dashboard (views.figures_context), the style sheet inlined, no
script and no external reference, so the file can be mailed, filed or printed as it is. It holds
counts, rule ids and reviewer names only: no reply text, so no protected term.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime
from importlib.resources import files

from jinja2 import Environment, PackageLoader, select_autoescape

from safe_reply.log.records import Label, LabelFilter, RecordFilter
from safe_reply.log.render import suggestions
from safe_reply.log.store import SqlLogStore
from safe_reply.web.views import figures_context


def render_report(store: SqlLogStore, flt: RecordFilter, period: str) -> str:
    env = Environment(loader=PackageLoader("safe_reply.web", "templates"), autoescape=select_autoescape(["html"]))
    css = files("safe_reply.web").joinpath("static", "review.css").read_text(encoding="utf-8")
    labelled = store.query(replace(flt, label=None, limit=None))
    counts: Counter[tuple[str, Label]] = Counter(
        (label.reviewer or "(unknown)", label.label) for s in labelled for label in s.labels.values()
    )
    reviewers = sorted({name for name, _ in counts}, key=str.lower)
    false_positives = store.query(replace(flt, label=LabelFilter.FALSE_POSITIVE))
    return env.get_template("report.html").render(
        css=css,
        period=period,
        made=datetime.now(UTC).strftime("%Y-%m-%d %H:%M"),
        product_line=flt.product_line,
        hints=suggestions(false_positives),
        reviewers=[(n, counts[(n, Label.CONFIRMED)], counts[(n, Label.FALSE_POSITIVE)]) for n in reviewers],
        **figures_context(store.stats(flt), store.timeline(flt)),
    )

