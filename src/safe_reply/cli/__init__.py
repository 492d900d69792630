"""The `safe-reply` command. Each command group lives in its own module with a `register(app)`."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="safe-reply",
    help="safe_reply: check chatbot replies for claims, trade secrets and the AI notice; review the log.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Order = order in --help.
_COMMAND_MODULES = (
    "demo_cmd",
    "config_cmd",
    "check_cmd",
    "eval_cmd",
    "rules_cmd",
    "log_cmd",
    "serve_cmd",
    "audit_cmd",
    "review_cmd",
    "report_cmd",
)
_registered = False


def _register() -> None:
    global _registered  # noqa: PLW0603 - registration must happen once per process
    if _registered:
        return
    for name in _COMMAND_MODULES:
        importlib.import_module(f"safe_reply.cli.{name}").register(app)
    _registered = True


def main() -> None:
    _register()
    app()
