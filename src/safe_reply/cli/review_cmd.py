"""`safe-reply review` (terminal or `--web`) and `safe-reply reviewers add|list`.

The terminal loop follows detect-secrets' audit: one key per finding ([c]onfirm, [f]alse positive,
[s]kip, [b]ack, [q]uit; [n] adds a note to the next label). `--web` serves the same review as a local
web page for compliance staff (safe_reply.web), bound to 127.0.0.1 unless told otherwise. Findings
that record mechanical work (the inserted AI notice, a failed rewrite, a crashed validator) are left
out unless `--mechanical`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import click
import typer

from safe_reply.cli.common import fail
from safe_reply.cli.log_common import (
    ActionOpt,
    CategoryOpt,
    ConfigOpt,
    LineOpt,
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
from safe_reply.errors import SafeReplyError
from safe_reply.log import Label, LabelFilter, render
from safe_reply.log.records import MECHANICAL_CATEGORIES

KEYS = "[c]onfirm, [f]alse positive, [s]kip, [b]ack, [n]ote, [q]uit"
ReviewersOpt = Annotated[
    Path | None,
    typer.Option(
        "--reviewers",
        envvar="SAFE_REPLY_REVIEWERS_FILE",
        help="YAML file of reviewers and roles (or the env SAFE_REPLY_REVIEWERS holding that YAML).",
    ),
]


def review(
    since: SinceOpt = None,
    until: UntilOpt = None,
    product_line: LineOpt = None,
    category: CategoryOpt = None,
    rule: RuleOpt = None,
    action: ActionOpt = None,
    include_labelled: Annotated[bool, typer.Option("--all", help="Also findings that already have a label.")] = False,
    mechanical: Annotated[
        bool, typer.Option("--mechanical", help="Also the inserted AI notice, failed rewrites, validator errors.")
    ] = False,
    web: Annotated[bool, typer.Option("--web", help="Serve the review as a local web page instead.")] = False,
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port of --web (0: any free port).")] = 8765,
    host: Annotated[str, typer.Option(help="Address of --web; keep the loopback default.")] = "127.0.0.1",
    reviewers: ReviewersOpt = None,
    proposals: Annotated[Path, typer.Option(help="Where --web writes proposed config changes.")] = Path(
        ".safe_reply/proposals"
    ),
    reviewer: ReviewerOpt = None,
    store: StoreOpt = None,
    config: ConfigOpt = Path("config"),
) -> None:
    """Step through unlabelled findings, one key each; or `--web` for the local review page."""
    if web:
        _serve(store, config, host, port, reviewers, proposals)
        return
    flt = filter_or_exit(
        since=since,
        until=until,
        product_line=product_line,
        category=category,
        rule=rule,
        action=action,
        label=None if include_labelled else LabelFilter.UNLABELLED,
        mechanical=mechanical,
    )
    who = reviewer_name(reviewer)
    with opened(store, config) as log_store:
        checked_filter(log_store, config, flt)
        items = [
            (s.id, i)
            for s in log_store.iter_all(flt)
            for i, f in enumerate(s.record.findings)
            if (include_labelled or i not in s.labels)
            and (mechanical or f.category not in MECHANICAL_CATEGORIES)
            and (category is None or f.category == category)
            and (rule is None or f.rule_id == rule)
        ]
        verdicts: dict[tuple[int, int], Label] = {}  # going back and relabelling counts once
        position = 0
        note: str | None = None
        while 0 <= position < len(items):
            record_id, index = items[position]
            typer.echo(f"\n--- finding {position + 1} of {len(items)} (record {record_id}, finding {index + 1}) ---")
            typer.echo(render.show(log_store.get(record_id), only=index))
            typer.echo(f"{KEYS}: ", nl=False)
            key = _key()
            typer.echo(key)
            if key in ("q", ""):  # "" = end of input: stop like quit
                break
            if key == "n":
                note = typer.prompt("note", default="", show_default=False).strip() or None
                continue
            if key == "b":
                position, note = max(position - 1, 0), None
                continue
            if key in ("c", "f"):
                verdict = Label.CONFIRMED if key == "c" else Label.FALSE_POSITIVE
                log_store.label(record_id, verdict, note, index, reviewer=who)
                verdicts[(record_id, index)] = verdict
            elif key != "s":
                typer.echo(f"unknown key {key!r}: {KEYS}")
                continue
            position, note = position + 1, None
    if not items:
        typer.echo("nothing to review")
        return
    confirmed = sum(v is Label.CONFIRMED for v in verdicts.values())
    typer.echo(f"\nlabelled {confirmed} confirmed, {len(verdicts) - confirmed} false positive(s)")


def _key() -> str:
    """One key press (no Enter); newlines are skipped so piped input may put one key per line."""
    while True:
        try:
            key = click.getchar()
        except (EOFError, click.Abort, KeyboardInterrupt):
            return ""
        if key not in ("\n", "\r"):
            return key.lower()


def _serve(store: str | None, config: Path, host: str, port: int, reviewers: Path | None, proposals: Path) -> None:
    try:
        from safe_reply.web.server import serve
    except ImportError as exc:
        fail(f"the web review needs the review extra ({exc.name} is missing). Fix: pip install 'safe-reply[review]'")
    from safe_reply.web.auth import load_reviewers

    try:
        people = load_reviewers(reviewers)
    except SafeReplyError as exc:
        fail(str(exc))
    settings = load_settings(config)
    with opened(store, config):  # fail early (exit 2) on a missing log, before the server starts
        pass
    serve(store, settings, config, people, proposals, host, port)


reviewers_app = typer.Typer(help="Who may use the web review, with which roles.", no_args_is_help=True)


@reviewers_app.command("add")
def add_reviewer(
    name: Annotated[str, typer.Argument(help="Sign-in name.")],
    role: Annotated[list[str], typer.Option("--role", help="viewer, reviewer, revealer (repeat for several).")],
    file: Annotated[Path, typer.Option("--file", help="The reviewers file to add to.")] = Path("reviewers.yaml"),
    password: Annotated[
        str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True, help="Asked when not given.")
    ] = "",
) -> None:
    """Add or replace a reviewer; the password is stored only as an Argon2 hash."""
    from safe_reply.web.auth import add_reviewer_to_file

    try:
        add_reviewer_to_file(file, name, role, password)
    except SafeReplyError as exc:
        fail(str(exc))
    typer.echo(f"{file}: reviewer {name} with role(s) {', '.join(role)}")


@reviewers_app.command("list")
def list_reviewers(reviewers: ReviewersOpt = None) -> None:
    """Names and roles (never the hashes)."""
    from safe_reply.web.auth import load_reviewers

    try:
        people = load_reviewers(reviewers)
    except SafeReplyError as exc:
        fail(str(exc))
    rows = [(p.name, ", ".join(r.value for r in p.roles)) for p in people.values()]
    typer.echo(render.table(rows, ("NAME", "ROLES")))


def register(app: typer.Typer) -> None:
    app.command("review")(review)
    app.add_typer(reviewers_app, name="reviewers")
