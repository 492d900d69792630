"""`safe-reply log ...` (list, show, stats, export, label, purge, replay) and `safe-reply review`.

The store is `--store` (a SQLite path or a PostgreSQL DSN; env SAFE_REPLY_LOG_STORE), else the
`log:` section of `--config`/defaults.yaml, else the default SQLite file. The review loop follows
detect-secrets' audit: step through unlabelled findings, confirm or mark false positive, with a note.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import click
import typer

from safe_reply.cli.common import config_errors_exit, fail
from safe_reply.config_models import Defaults, LogSettings
from safe_reply.errors import ConfigError, ConfigErrors, SafeReplyError
from safe_reply.loader import DEFAULTS_FILE
from safe_reply.log import (
    Label,
    LabelFilter,
    RecordFilter,
    Spool,
    SqlLogStore,
    is_dsn,
    log_key,
    open_store,
    pseudonymise,
    render,
)
from safe_reply.log.records import StoredRecord
from safe_reply.yamlio import read_yaml_file, validate_model

log_app = typer.Typer(help="Review, export and purge the log of blocked and rewritten replies.", no_args_is_help=True)

StoreOpt = Annotated[
    str | None,
    typer.Option("--store", envvar="SAFE_REPLY_LOG_STORE", help="SQLite file or postgresql:// DSN of the log."),
]
ConfigOpt = Annotated[Path, typer.Option("--config", help="Config folder whose defaults.yaml has the log section.")]
SinceOpt = Annotated[str | None, typer.Option(help="From this time: 7d, 12h, 2025-03-01, ISO time (UTC).")]
UntilOpt = Annotated[str | None, typer.Option(help="Before this time (same forms as --since).")]
LineOpt = Annotated[str | None, typer.Option("--product-line", help="Only this product line.")]
CategoryOpt = Annotated[str | None, typer.Option(help="Only records with a finding of this category.")]
RuleOpt = Annotated[str | None, typer.Option(help="Only records with a finding of this rule id.")]
ActionOpt = Annotated[str | None, typer.Option(help="Only this action (block, rewrite, monitor, raise).")]
LabelOpt = Annotated[LabelFilter | None, typer.Option(help="confirmed, false_positive or unlabelled.")]
FormatOpt = Annotated[str, typer.Option("--format", help="table, jsonl or csv.")]


def load_settings(config: Path) -> LogSettings:
    """The `log:` section of <config>/defaults.yaml (defaults when the file or section is absent).

    Read and validated by the same code as `config check`, so a broken section gets the same error
    lines (file, key, fix) and exit code 2; the product lines need not be valid to read the log.
    """
    path = config / DEFAULTS_FILE
    if not path.is_file():
        return LogSettings()
    errors: list[ConfigError] = []
    raw, _ = read_yaml_file(path, errors)
    defaults = validate_model(Defaults, raw, path, "", errors)
    with config_errors_exit(config):
        if errors or defaults is None:
            raise ConfigErrors(errors)
    assert defaults is not None
    return defaults.log


@contextmanager
def opened(store: str | None, config: Path, *, create: bool = False) -> Iterator[SqlLogStore]:
    """The store; a SQLite file that does not exist yet is an error unless `create` (reading commands)."""
    settings = load_settings(config)
    sqlite_path = None
    if store and not is_dsn(store):
        sqlite_path = Path(store)
    elif not store and settings.backend == "sqlite":
        sqlite_path = Path(settings.path)
    if sqlite_path is not None and not create and not sqlite_path.exists():
        where = "--store" if store else f"log.path in {config / 'defaults.yaml'}"
        fail(f"no log at {sqlite_path} yet ({where}). Fix: run the guarded bot first, or pass --store PATH")
    try:
        log_store = open_store(store) if store else open_store(settings)
    except SafeReplyError as exc:
        fail(str(exc))
    try:
        yield log_store
    except SafeReplyError as exc:
        fail(str(exc), 1)
    finally:
        log_store.close()


def _filter(
    since: str | None = None,
    until: str | None = None,
    product_line: str | None = None,
    category: str | None = None,
    rule: str | None = None,
    action: str | None = None,
    label: LabelFilter | None = None,
    limit: int | None = None,
) -> RecordFilter:
    try:
        return RecordFilter(
            since=render.parse_when(since) if since else None,
            until=render.parse_when(until) if until else None,
            product_line=product_line,
            category=category,
            rule=rule,
            action=action,
            label=label,
            limit=limit,
        )
    except ValueError as exc:
        fail(str(exc))


def _emit(records: Iterator[StoredRecord] | list[StoredRecord], fmt: str) -> None:
    if fmt == "table":
        typer.echo(render.records_table(list(records)))
    elif fmt in ("jsonl", "csv"):
        for line in render.jsonl(records) if fmt == "jsonl" else render.csv_lines(records):
            typer.echo(line)
    else:
        fail(f"unknown --format {fmt!r}. Fix: use table, jsonl or csv")


@log_app.command("list")
def list_records(
    since: SinceOpt = None,
    until: UntilOpt = None,
    product_line: LineOpt = None,
    category: CategoryOpt = None,
    rule: RuleOpt = None,
    action: ActionOpt = None,
    label: LabelOpt = None,
    limit: Annotated[int | None, typer.Option(help="At most this many records.")] = None,
    fmt: FormatOpt = "table",
    store: StoreOpt = None,
    config: ConfigOpt = Path("config"),
) -> None:
    """List recorded replies (oldest first)."""
    flt = _filter(since, until, product_line, category, rule, action, label, limit)
    with opened(store, config) as log_store:
        _emit(log_store.query(flt), fmt)


@log_app.command("show")
def show(
    record_id: Annotated[int, typer.Argument(help="Record id from `log list`.")],
    store: StoreOpt = None,
    config: ConfigOpt = Path("config"),
) -> None:
    """One record: the reply with flagged spans marked »…«[n], findings, legal basis, what was delivered."""
    with opened(store, config) as log_store:
        typer.echo(render.show(log_store.get(record_id)))


@log_app.command("stats")
def stats(
    since: SinceOpt = None,
    until: UntilOpt = None,
    product_line: LineOpt = None,
    store: StoreOpt = None,
    config: ConfigOpt = Path("config"),
) -> None:
    """Counts by product line, category, rule and day; block rate; precision per rule from labels."""
    flt = _filter(since, until, product_line)
    fp_filter = _filter(since, until, product_line, label=LabelFilter.FALSE_POSITIVE)
    with opened(store, config) as log_store:
        typer.echo(render.stats_text(log_store.stats(flt), log_store.query(fp_filter)))


@log_app.command("export")
def export(
    since: SinceOpt = None,
    until: UntilOpt = None,
    product_line: LineOpt = None,
    category: CategoryOpt = None,
    rule: RuleOpt = None,
    action: ActionOpt = None,
    label: LabelOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
    store: StoreOpt = None,
    config: ConfigOpt = Path("config"),
) -> None:
    """Every matching record with findings and labels (JSON lines or CSV), streamed to stdout."""
    if fmt == "table":
        fail("export writes jsonl or csv. Fix: use --format jsonl or --format csv")
    flt = _filter(since, until, product_line, category, rule, action, label)
    with opened(store, config) as log_store:
        _emit(log_store.iter_all(flt), fmt)


@log_app.command("label")
def label(
    record_id: Annotated[int, typer.Argument(help="Record id from `log list`.")],
    verdict: Annotated[Label, typer.Argument(help="confirmed or false_positive.")],
    note: Annotated[str | None, typer.Option(help="Why (kept with the label).")] = None,
    finding: Annotated[int | None, typer.Option(help="Only finding n (1 = first); default: all.")] = None,
    store: StoreOpt = None,
    config: ConfigOpt = Path("config"),
) -> None:
    """Label a record's findings without the interactive loop."""
    with opened(store, config) as log_store:
        count = log_store.label(record_id, verdict, note, None if finding is None else finding - 1)
    typer.echo(f"record {record_id}: {count} finding(s) labelled {verdict.value}")


@log_app.command("purge")
def purge(
    older_than: Annotated[str | None, typer.Option(help="e.g. 90d; default: log.retention_days.")] = None,
    conversation: Annotated[
        str | None, typer.Option(help="Delete every record of this conversation id (erasure request).")
    ] = None,
    store: StoreOpt = None,
    config: ConfigOpt = Path("config"),
) -> None:
    """Delete records past retention, or all records of one conversation (hashed like at record time)."""
    settings = load_settings(config)
    with opened(store, config) as log_store:
        if conversation is not None:
            count = log_store.delete_conversation(pseudonymise(log_key(None, settings.key_env), conversation))
            typer.echo(f"deleted {count} record(s) of the conversation")
            return
        age = older_than or f"{settings.retention_days}d"
        try:
            before = render.parse_when(age)
        except ValueError as exc:
            fail(str(exc))
        count = log_store.purge(before)
    typer.echo(f"purged {count} record(s) older than {age}")


@log_app.command("replay")
def replay(
    spool: Annotated[Path | None, typer.Option(help="Spool file; default: log.spool_path.")] = None,
    store: StoreOpt = None,
    config: ConfigOpt = Path("config"),
) -> None:
    """Move records spooled during a store outage into the store (each exactly once)."""
    the_spool = Spool(spool or load_settings(config).spool_path)
    with opened(store, config, create=True) as log_store:
        result = the_spool.replay(log_store)
    kept = (
        f", {result.skipped_lines} unreadable line(s) kept in {the_spool.rejected_path}" if result.skipped_lines else ""
    )
    typer.echo(f"replayed {result.read} record(s): {result.stored} new{kept}")


REVIEW_CHOICES = click.Choice(["c", "f", "s", "b", "q"], case_sensitive=False)


def review(
    since: SinceOpt = None,
    until: UntilOpt = None,
    product_line: LineOpt = None,
    category: CategoryOpt = None,
    rule: RuleOpt = None,
    include_labelled: Annotated[bool, typer.Option("--all", help="Also findings that already have a label.")] = False,
    store: StoreOpt = None,
    config: ConfigOpt = Path("config"),
) -> None:
    """Step through unlabelled findings: [c]onfirm, [f]alse positive, [s]kip, [b]ack, [q]uit."""
    flt = _filter(
        since, until, product_line, category, rule, label=None if include_labelled else LabelFilter.UNLABELLED
    )
    with opened(store, config) as log_store:
        items = [
            (s.id, i)
            for s in log_store.iter_all(flt)
            for i, f in enumerate(s.record.findings)
            if (include_labelled or i not in s.labels)
            and (category is None or f.category == category)
            and (rule is None or f.rule_id == rule)
        ]
        verdicts: dict[tuple[int, int], Label] = {}  # going back and relabelling counts once
        position = 0
        while 0 <= position < len(items):
            record_id, index = items[position]
            typer.echo(f"\n--- finding {position + 1} of {len(items)} (record {record_id}, finding {index + 1}) ---")
            typer.echo(render.show(log_store.get(record_id), only=index))
            try:
                choice = typer.prompt(
                    "[c]onfirm, [f]alse positive, [s]kip, [b]ack, [q]uit", type=REVIEW_CHOICES, show_choices=False
                ).lower()
            except click.Abort:  # end of input: stop like quit
                break
            if choice == "q":
                break
            if choice == "b":
                position = max(position - 1, 0)
                continue
            if choice in ("c", "f"):
                verdict = Label.CONFIRMED if choice == "c" else Label.FALSE_POSITIVE
                note = typer.prompt("note (optional)", default="", show_default=False).strip()
                log_store.label(record_id, verdict, note or None, index)
                verdicts[(record_id, index)] = verdict
            position += 1
    if not items:
        typer.echo("nothing to review")
        return
    confirmed = sum(v is Label.CONFIRMED for v in verdicts.values())
    typer.echo(f"\nlabelled {confirmed} confirmed, {len(verdicts) - confirmed} false positive(s)")


def register(app: typer.Typer) -> None:
    app.add_typer(log_app, name="log")
    app.command("review")(review)
