"""What every command shares: one way to fail, one way to report config errors (stderr, exit code 2).

Exit codes of every command: 0 done, 1 the command ran and found what it checks for (a failing rule
example, a blocked reply), 2 usage or config errors (each printed with file, key and fix).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console

from safe_reply.errors import ConfigError, ConfigErrors
from safe_reply.loader import load_policy
from safe_reply.policy import Policy

USAGE_ERROR = 2


def print_errors(exc: ConfigErrors, where: str) -> None:
    err = Console(stderr=True, soft_wrap=True)
    err.print(f"[bold red]{len(exc.errors)} error(s) in {where}[/]", highlight=False)
    for error in exc.errors:
        err.print(f"  {error}", markup=False, highlight=False)


def fail(message: str, code: int = USAGE_ERROR) -> NoReturn:
    """One line on stderr (what, and the fix), then exit: code 2 for usage errors unless told otherwise."""
    Console(stderr=True, soft_wrap=True).print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


@contextmanager
def config_errors_exit(where: str | Path) -> Iterator[None]:
    """Config errors inside the block are printed all together, then the command exits with code 2."""
    try:
        yield
    except ConfigErrors as exc:
        print_errors(exc, str(where))
        raise typer.Exit(USAGE_ERROR) from None
    except ConfigError as exc:
        print_errors(ConfigErrors([exc]), str(where))
        raise typer.Exit(USAGE_ERROR) from None


def load_or_exit(config: Path) -> Policy:
    """Load a config folder; on errors print each with its fix to stderr and exit with code 2."""
    with config_errors_exit(config):
        return load_policy(config)
    raise AssertionError("unreachable")  # pragma: no cover - the context manager exits or returns
