"""`safe-reply demo`: the example bot wrapped by safe_reply, showing pass, rewrite and block."""

from __future__ import annotations

import typer


def demo() -> None:
    """Run scripted customer conversations through the guarded example bot (offline)."""
    from safe_reply.demo import run_demo  # LangChain is imported only for this command

    run_demo()


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
