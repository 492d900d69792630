"""What the log, review and report commands share: which store, the filter options and their checks.

The store is `--store` (a SQLite path or a PostgreSQL DSN; env SAFE_REPLY_LOG_STORE), else the
`log:` section of `--config`/defaults.yaml, else the default SQLite file. A filter value that names
nothing the log holds and nothing safe_reply knows is an error with a did-you-mean, never an empty
table with exit 0 (a typo must not look like "no findings").
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from safe_reply.cli.common import config_errors_exit, fail
from safe_reply.config_models import Defaults, LogSettings
from safe_reply.errors import ConfigError, ConfigErrors, SafeReplyError
from safe_reply.loader import DEFAULTS_FILE
from safe_reply.log import LabelFilter, RecordFilter, SqlLogStore, is_dsn, open_store
from safe_reply.log.filters import make_filter, unknown_filter_values
from safe_reply.yamlio import read_yaml_file, validate_model

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
OutOpt = Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")]
ReviewerOpt = Annotated[
    str | None,
    typer.Option(envvar="SAFE_REPLY_REVIEWER", help="Who labels (kept in the audit trail); default: your login name."),
]


def reviewer_name(given: str | None) -> str:
    if given and given.strip():
        return given.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without passwd entry)
        return "unknown"


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


def checked_filter(log_store: SqlLogStore, config: Path, flt: RecordFilter) -> RecordFilter:
    problems = unknown_filter_values(flt, log_store, config)
    if problems:
        fail("; ".join(problems))
    return flt


def filter_or_exit(**options: Any) -> RecordFilter:
    """make_filter, exiting with the fix when a time cannot be read."""
    try:
        return make_filter(**options)
    except ValueError as exc:
        fail(str(exc))
