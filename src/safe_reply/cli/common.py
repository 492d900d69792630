"""Output helpers every command shares: config errors go to stderr, one per line, with their fix."""

from __future__ import annotations

from rich.console import Console

from safe_reply.errors import ConfigErrors


def print_errors(exc: ConfigErrors, where: str) -> None:
    err = Console(stderr=True, soft_wrap=True)
    err.print(f"[bold red]{len(exc.errors)} error(s) in {where}[/]", highlight=False)
    for error in exc.errors:
        err.print(f"  {error}", markup=False, highlight=False)
