"""`safe-reply report --since 30d --out report.html`: the review's figures as one printable HTML file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from safe_reply.cli.common import fail
from safe_reply.cli.log_common import ConfigOpt, LineOpt, StoreOpt, checked_filter, filter_or_exit, opened


def report(
    out: Annotated[Path, typer.Option("--out", help="The HTML file to write.")],
    since: Annotated[str, typer.Option(help="From this time: 30d, 12h, 2025-03-01, ISO time (UTC).")] = "30d",
    until: Annotated[str | None, typer.Option(help="Before this time (same forms as --since).")] = None,
    product_line: LineOpt = None,
    store: StoreOpt = None,
    config: ConfigOpt = Path("config"),
) -> None:
    """Rates over time, precision per rule from labels, categories, rules, reviewers: one self-contained file."""
    try:
        from safe_reply.web.report import render_report
    except ImportError as exc:
        fail(f"the report needs the review extra ({exc.name} is missing). Fix: pip install 'safe-reply[review]'")
    flt = filter_or_exit(since=since, until=until, product_line=product_line)
    period = f"{flt.since[:10] if flt.since else '…'} – {flt.until[:10] if flt.until else 'heute / today'}"
    with opened(store, config) as log_store:
        checked_filter(log_store, config, flt)
        html = render_report(log_store, flt, period)
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {out} ({exc.strerror}). Fix: check the folder and its permissions")
    typer.echo(f"wrote the report for {period} to {out}")


def register(app: typer.Typer) -> None:
    app.command("report")(report)
