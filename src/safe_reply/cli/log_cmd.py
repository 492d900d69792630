"""`safe-reply log ...`: list, show, history, stats, export, label, propose, purge, replay, reveal-key.

Which store, the filter options and their did-you-mean checks: cli/log_common.py. The review loop
and the web review are in cli/review_cmd.py, the HTML report in cli/report_cmd.py.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Annotated

import typer

from safe_reply.cli.common import fail
from safe_reply.cli.log_common import (
    ActionOpt,
    CategoryOpt,
    ConfigOpt,
    LabelOpt,
    LineOpt,
    OutOpt,
    ReviewerOpt,
    RuleOpt,
    SinceOpt,
    StoreOpt,
    UntilOpt,
    checked_filter,
    filter_or_exit,
    load_settings,
    opened,
    reviewer_name,
)
from safe_reply.log import Label, LabelFilter, Spool, log_key, pseudonymise, render
from safe_reply.log.records import StoredRecord
from safe_reply.log.spool import SpoolPurge

log_app = typer.Typer(help="Review, export and purge the log of blocked and rewritten replies.", no_args_is_help=True)
FormatOpt = Annotated[str, typer.Option("--format", help="table, jsonl or csv.")]
TEXT_FORMATS = ("jsonl", "csv")
EXPORT_FORMATS = (*TEXT_FORMATS, "xlsx")


@contextmanager
def text_out(path: Path | None) -> Iterator[IO[str]]:
    """stdout, or the file (newline="" so the CSV keeps its CRLF line ends)."""
    if path is None:
        yield sys.stdout
        return
    try:
        handle = path.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        fail(f"cannot write {path} ({exc.strerror}). Fix: check the folder and its permissions")
    with handle:
        yield handle


def _emit(records: Iterable[StoredRecord], fmt: str, out: IO[str]) -> None:
    if fmt == "table":
        out.write(render.records_table(list(records)) + "\n")
    elif fmt in TEXT_FORMATS:
        for line in render.jsonl(records) if fmt == "jsonl" else render.csv_lines(records):
            out.write(line + "\n")
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
    out: OutOpt = None,
    store: StoreOpt = None,
    config: ConfigOpt = Path("config"),
) -> None:
    """List recorded replies (oldest first, by time)."""
    flt = filter_or_exit(
        since=since, until=until, product_line=product_line, category=category, rule=rule, action=action,
        label=label, limit=limit,
    )  # fmt: skip
    with opened(store, config) as log_store:
        records = log_store.query(checked_filter(log_store, config, flt))
    with text_out(out) as handle:
        _emit(records, fmt, handle)


@log_app.command("show")
def show(
    record_id: Annotated[int, typer.Argument(help="Record id from `log list`.")],
    store: StoreOpt = None,
    config: ConfigOpt = Path("config"),
) -> None:
    """One record: the reply with flagged spans marked »…«[n], findings, legal basis, what was delivered."""
    with opened(store, config) as log_store:
        typer.echo(render.show(log_store.get(record_id)))


@log_app.command("history")
def history(
    record_id: Annotated[int, typer.Argument(help="Record id from `log list`.")],
    store: StoreOpt = None,
    config: ConfigOpt = Path("config"),
) -> None:
    """The record's audit trail: every label (with the value it replaced), reveal and proposal, who and when."""
    with opened(store, config) as log_store:
        stored = log_store.get(record_id)
        entries = log_store.history(record_id)
    typer.echo(render.history_text(stored, entries))


@log_app.command("stats")
def stats(
    since: SinceOpt = None,
    until: UntilOpt = None,
    product_line: LineOpt = None,
    store: StoreOpt = None,
    config: ConfigOpt = Path("config"),
) -> None:
    """Counts by product line, category, rule and day; block rate; precision per rule from labels."""
    flt = filter_or_exit(since=since, until=until, product_line=product_line)
    fp_filter = filter_or_exit(since=since, until=until, product_line=product_line, label=LabelFilter.FALSE_POSITIVE)
    with opened(store, config) as log_store:
        checked_filter(log_store, config, flt)
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
    fmt: Annotated[
        str, typer.Option("--format", help="jsonl, csv (one row per finding, for Excel: BOM and ';') or xlsx.")
    ] = "jsonl",
    out: OutOpt = None,
    store: StoreOpt = None,
    config: ConfigOpt = Path("config"),
) -> None:
    """Every matching record with findings, messages, legal basis, labels and notes, streamed."""
    from safe_reply.log import exports

    if fmt not in EXPORT_FORMATS:
        fail(f"export writes {', '.join(EXPORT_FORMATS)}, not {fmt!r}. Fix: use --format jsonl, csv or xlsx")
    if fmt == "xlsx" and out is None:
        fail("xlsx is a binary file. Fix: pass --out FILE.xlsx")
    flt = filter_or_exit(
        since=since, until=until, product_line=product_line, category=category, rule=rule, action=action, label=label
    )
    with opened(store, config) as log_store:
        checked_filter(log_store, config, flt)
        if fmt == "xlsx":
            assert out is not None
            rows = exports.write_xlsx(out, log_store.iter_all(flt), log_store.stats(flt))
            typer.echo(f"wrote {rows} finding row(s) to {out}", err=True)
            return
        with text_out(out) as handle:
            if fmt == "jsonl":
                _emit(log_store.iter_all(flt), fmt, handle)
            else:
                handle.writelines(exports.excel_csv(log_store.iter_all(flt)))


@log_app.command("label")
def label(
    record_id: Annotated[int, typer.Argument(help="Record id from `log list`.")],
    verdict: Annotated[Label, typer.Argument(help="confirmed or false_positive.")],
    note: Annotated[str | None, typer.Option(help="Why (kept with the label).")] = None,
    finding: Annotated[
        int | None, typer.Option(min=1, help="Only finding n (numbered from 1, as in `log show`); default: all.")
    ] = None,
    reviewer: ReviewerOpt = None,
    store: StoreOpt = None,
    config: ConfigOpt = Path("config"),
) -> None:
    """Label a record's findings without the interactive loop (kept in the audit trail with the old value)."""
    with opened(store, config) as log_store:
        count = log_store.label(
            record_id, verdict, note, None if finding is None else finding - 1, reviewer=reviewer_name(reviewer)
        )
    typer.echo(f"record {record_id}: {count} finding(s) labelled {verdict.value}")


SpoolOpt = Annotated[Path | None, typer.Option(help="Spool file; default: log.spool_path.")]


@log_app.command("purge")
def purge(
    older_than: Annotated[str | None, typer.Option(help="e.g. 90d; default: log.retention_days.")] = None,
    conversation: Annotated[
        str | None, typer.Option(help="Delete every record of this conversation id (erasure request).")
    ] = None,
    spool: SpoolOpt = None,
    store: StoreOpt = None,
    config: ConfigOpt = Path("config"),
) -> None:
    """Delete records past retention, or all records of one conversation (hashed like at record time).

    The spool (records waiting for the store) and its .rejected file are purged the same way, and the
    store refuses the deleted records if a copy arrives later (another host's spool): no replay brings
    them back.
    """
    settings = load_settings(config)
    the_spool = Spool(spool or settings.spool_path)
    with opened(store, config) as log_store:
        if conversation is not None:
            hashed = pseudonymise(log_key(None, settings.key_env), conversation)
            # The store first: from then on it refuses the conversation's records, whatever replays.
            count = log_store.delete_conversation(hashed)
            typer.echo(f"deleted {count} record(s) of the conversation")
            spooled = _purge_spool(the_spool, conversation_hash=hashed)
            if spooled.dropped:
                typer.echo(
                    f"deleted {spooled.dropped} spooled or rejected record(s) of the conversation from {the_spool.path}"
                )
            return
        age = older_than or f"{settings.retention_days}d"
        sealed_age = f"{settings.reveal_retention_days}d"
        try:
            before = render.parse_when(age)
        except ValueError as exc:
            fail(str(exc))
        sealed_before = render.parse_when(sealed_age)
        count = log_store.purge(before)
        unsealed = log_store.purge_sealed(sealed_before)
        spooled = _purge_spool(the_spool, before=before, sealed_before=sealed_before)
    typer.echo(f"purged {count} record(s) older than {age}")
    if unsealed:
        typer.echo(f"dropped the encrypted original of {unsealed} record(s) older than {sealed_age}")
    if spooled.dropped:
        typer.echo(f"deleted {spooled.dropped} spooled or rejected record(s) older than {age} from {the_spool.path}")
    if spooled.unsealed:
        typer.echo(
            f"dropped the encrypted original of {spooled.unsealed} spooled record(s) older than {sealed_age} "
            f"in {the_spool.path}"
        )


def _purge_spool(spool: Spool, **what: str) -> SpoolPurge:
    try:
        return spool.purge(**what)
    except OSError as exc:
        fail(f"the store is purged, but not the spool {spool.path} ({exc.strerror}). Fix: check the file, run again")


@log_app.command("replay")
def replay(
    spool: SpoolOpt = None,
    store: StoreOpt = None,
    config: ConfigOpt = Path("config"),
) -> None:
    """Move records spooled during a store outage into the store (each exactly once).

    Exit 1 when records stay behind: the store went away during the replay (they stay in the spool for
    the next one), or it refused records (moved to `<spool>.rejected`, the others are stored).
    """
    the_spool = Spool(spool or load_settings(config).spool_path)
    with opened(store, config, create=True) as log_store:
        try:
            result = the_spool.replay(log_store.write)
        except OSError as exc:
            fail(f"cannot replay {the_spool.path} ({exc.strerror}). Fix: check the file and its folder")
    assert result is not None  # replay waited for the lock
    kept = (
        f", {result.skipped_lines} unreadable line(s) kept in {the_spool.rejected_path}" if result.skipped_lines else ""
    )
    typer.echo(f"replayed {result.read} record(s): {result.stored} new{kept}")
    problems = []
    if result.rejected:
        problems.append(
            f"{result.rejected} record(s) the store refused ({', '.join(result.reasons)}) moved to "
            f"{the_spool.rejected_path}. Fix: look at them there; the other records are stored"
        )
    if result.outage is not None:
        problems.append(
            f"the store went away during the replay ({result.outage}); {result.left} record(s) stay in "
            f"{the_spool.path}. Fix: run `safe-reply log replay` again once the store is back"
        )
    if problems:
        fail("; ".join(problems), 1)


@log_app.command("propose")
def propose_change(
    record_id: Annotated[int, typer.Argument(help="Record id from `log list`.")],
    finding: Annotated[int, typer.Option(min=1, help="The finding (numbered from 1, as in `log show`).")] = 1,
    out: OutOpt = None,
    reviewer: ReviewerOpt = None,
    store: StoreOpt = None,
    config: ConfigOpt = Path("config"),
) -> None:
    """Turn a false positive into a proposed config change (a patch; nothing is edited).

    A claim: its sentence for approved_claims. A trade-secret term: for allowed_terms (needs the
    reveal key; recorded as a reveal). Check it with `safe-reply config check --proposal FILE`.
    """
    from safe_reply.errors import SafeReplyError
    from safe_reply.log.feedback import make_proposal
    from safe_reply.log.sealing import sealer_from_env

    with opened(store, config) as log_store:
        stored = log_store.get(record_id)
        try:
            proposal = make_proposal(log_store, config, stored, finding - 1, reviewer_name(reviewer), sealer_from_env())
        except SafeReplyError as exc:
            fail(str(exc), 1)
    with text_out(out) as handle:
        handle.write(proposal.render())
    if out is not None:
        typer.echo(f"proposal written to {out}. Check it: safe-reply config check {config} --proposal {out}", err=True)


@log_app.command("reveal-key")
def reveal_key() -> None:
    """Print a new key for SAFE_REPLY_REVEAL_KEY (keep it in a secret store, never in git)."""
    from safe_reply.log.sealing import new_key

    typer.echo(new_key())


def register(app: typer.Typer) -> None:
    app.add_typer(log_app, name="log")
