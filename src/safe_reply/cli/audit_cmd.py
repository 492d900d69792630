"""`safe-reply audit`: transcripts in, findings and a summary out (see safe_reply.audit)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from safe_reply.cli.common import config_errors_exit, fail
from safe_reply.errors import SafeReplyError

EXTRA_MODULES = ("pyarrow", "numpy", "dask", "distributed")
EXTRA_MISSING = "the audit needs its extra. Fix: pip install 'safe-reply[audit]'"


class RateColumn(ProgressColumn):
    """Replies (or partitions) per second, from rich's moving estimate."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        if speed is None and task.elapsed and task.completed:
            speed = task.completed / task.elapsed  # one big step: no moving estimate yet, use the average
        unit = task.fields.get("unit", "items")
        return Text("" if speed is None else f"{speed:,.0f} {unit}/s", style="progress.data.speed")


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field or not column:
            fail(f"--map {pair!r}: expected FIELD=COLUMN. Fix: e.g. --map text=message")
        mapping[field.strip()] = column.strip()
    return mapping


def audit(
    transcripts: Annotated[list[Path], typer.Argument(help="Transcript files: .jsonl/.ndjson, .csv, .parquet.")],
    *,
    out: Annotated[Path, typer.Option("--out", "-o", help="Findings file: .parquet, else JSON lines.")],
    config: Annotated[
        Path, typer.Option("--config", "-c", help="Config folder (defaults.yaml, product_lines/).")
    ] = Path("config"),
    summary: Annotated[
        Path | None, typer.Option(help="Where to write the summary table (default: FINDINGS.summary.txt).")
    ] = None,
    map_: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="FIELD=COLUMN for input columns named differently; fields: conversation_id, turn, role, text, "
            "product_line, channel.",
        ),
    ] = None,
    bot_role: Annotated[
        list[str] | None, typer.Option(help="Role value(s) of bot messages (default: assistant, bot, ai).")
    ] = None,
    product_line: Annotated[
        str | None, typer.Option("--product-line", "-p", help="Product line for rows without one.")
    ] = None,
    workers: Annotated[int, typer.Option(min=0, help="Local worker processes; 0 = one per core of this machine.")] = 1,
    engine: Annotated[str, typer.Option(help="local, or dask (with --scheduler).")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address, e.g. tcp://10.0.0.5:8786.")] = None,
    record: Annotated[
        bool, typer.Option("--record", help="Also record every decision in the policy's live log (off by default).")
    ] = False,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="Progress bar on stderr.")] = True,
) -> None:
    """Check every bot reply of stored transcripts; write the findings and a summary.

    Bot messages only (column `role`); each conversation's replies are numbered across all files
    before checking, so the AI notice is required where the policy requires it. Exit code 1 when a
    reply would be blocked, 0 otherwise, 2 on usage, input or config errors.
    Example: `safe-reply audit chats/*.parquet -c config --out findings.parquet --workers 0`.
    """
    try:
        from safe_reply.audit import AuditOptions, Columns, EngineKind, open_engine, run_audit, summary_text
    except ImportError as exc:
        if (exc.name or "").split(".")[0] in EXTRA_MODULES:
            fail(EXTRA_MISSING)
        raise
    if engine not in {kind.value for kind in EngineKind}:
        fail(f"--engine {engine!r} is not supported. Fix: use local or dask")
    try:
        columns = Columns.mapped(_mapping(map_ or []), bot_role or ())
        options = AuditOptions(config, tuple(transcripts), out, columns, None, product_line, record)
        with config_errors_exit(config):
            runner = open_engine(EngineKind(engine), workers, scheduler)
            try:
                with _progress_bar(progress) as report_progress:
                    report = run_audit(options, runner, report_progress)
            finally:
                runner.close()
    except SafeReplyError as exc:
        fail(str(exc))
    text = summary_text(report, config)
    target = summary or out.with_name(out.name + ".summary.txt")
    target.write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    if report.actions.get("block", 0) or report.actions.get("raise", 0):
        raise typer.Exit(1)


class _ProgressBar:
    """Two bars on stderr: partitions indexed, then replies checked (count, rate, elapsed, ETA)."""

    def __init__(self, enabled: bool) -> None:
        self.bar = Progress(
            TextColumn("{task.description:<9}"),
            BarColumn(),
            MofNCompleteColumn(),
            RateColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            disable=not enabled,
        )
        self.tasks: dict[str, TaskID] = {}

    def __call__(self, stage: str, advance: int, total: int) -> None:
        if stage not in self.tasks:
            label, unit = ("indexing", "partitions") if stage == "index" else ("checking", "replies")
            self.tasks[stage] = self.bar.add_task(label, total=total, unit=unit)
        self.bar.update(self.tasks[stage], advance=advance, total=total)

    def __enter__(self) -> _ProgressBar:
        self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()


def _progress_bar(enabled: bool) -> _ProgressBar:
    return _ProgressBar(enabled)


def register(app: typer.Typer) -> None:
    app.command("audit")(audit)
