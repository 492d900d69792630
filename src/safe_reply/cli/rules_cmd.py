"""`safe-reply rules test PATH` and `safe-reply rules list [PATH]`: check and show rule packs.

`test` validates every pack under PATH (a file or a folder), compiles it together with the shipped
packs (so rule ids must not clash with them) and runs every `flag:`/`pass:` example of PATH's
rules through the same anchored scan that checks replies. Exit code 0 = all examples behave, 1 = a
failing example, 2 = a pack that does not load.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from safe_reply.cli.common import USAGE_ERROR, fail, print_errors
from safe_reply.errors import ConfigErrors
from safe_reply.rulepacks import CompiledPacks, compiled_packs, pack_paths, shipped_pack_paths
from safe_reply.rulepacks.examples import ExampleResult, run_examples

rules_app = typer.Typer(help="Check and list rule packs (validators/<family>/<lang>.yaml).", no_args_is_help=True)


@rules_app.command("test")
def run_tests(
    path: Path = typer.Argument(..., help="A pack file or a folder of packs."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List passing examples too."),
) -> None:
    """Validate packs and run every flag:/pass: example; exit 1 if one fails."""
    targets = _existing_packs(path)
    compiled = _compile_or_exit([*targets, *_shipped_without(targets)])
    wanted = {p.resolve() for p in targets}
    results = [r for r in run_examples(compiled) if compiled.rule(r.rule_id).source in wanted]
    failed = [r for r in results if not r.ok]
    console = Console(soft_wrap=True)
    shown = results if verbose else failed
    if shown:
        console.print(_results_table(shown, path))
    rules = len({r.rule_id for r in results})
    summary = f"{len(results) - len(failed)}/{len(results)} examples OK in {rules} rule(s) of {len(targets)} pack(s)"
    if failed:
        console.print(f"[bold red]FAILED[/]: {summary}", highlight=False)
        raise typer.Exit(1)
    console.print(f"OK: {summary}", highlight=False)


@rules_app.command("list")
def list_rules(
    path: Path | None = typer.Argument(None, help="A pack file or folder; default: the shipped packs."),
) -> None:
    """List the rules of the packs: id, family, language, category, legal basis, anchors."""
    targets = _existing_packs(path) if path is not None else shipped_pack_paths()
    compiled = _compile_or_exit(targets)
    table = Table(title=f"rules in {path if path is not None else 'the shipped packs'}")
    table.add_column("id", no_wrap=True)
    for column in ("family", "lang", "category", "severity", "legal basis", "anchors"):
        table.add_column(column)
    for rule in compiled.rules:
        table.add_row(
            rule.id,
            rule.family,
            rule.language.value,
            rule.category,
            rule.severity.value,
            rule.legal_basis,
            ", ".join(rule.model.anchors),
        )
    Console(soft_wrap=True).print(table)


def _existing_packs(path: Path) -> list[Path]:
    if not path.exists():
        fail(f"{path}: no such file or folder. Fix: pass a pack file or a folder of *.yaml packs")
    targets = pack_paths(path)
    if not targets:
        fail(f"{path}: no *.yaml pack files found. Fix: pass a pack file or a folder of *.yaml packs")
    return targets


def _shipped_without(targets: list[Path]) -> list[Path]:
    own = {p.resolve() for p in targets}
    return [p for p in shipped_pack_paths() if p.resolve() not in own]


def _compile_or_exit(paths: list[Path]) -> CompiledPacks:
    try:
        return compiled_packs(paths)
    except ConfigErrors as exc:
        print_errors(exc, "rule packs")
        raise typer.Exit(USAGE_ERROR) from None


def _results_table(results: list[ExampleResult], path: Path) -> Table:
    table = Table(title=f"rule pack examples: {path}")
    for column in ("result", "pack", "example"):
        table.add_column(column, no_wrap=True)
    table.add_column("text", min_width=30)
    table.add_column("matched", min_width=12)
    for result in results:
        table.add_row(
            "ok" if result.ok else "FAIL",
            result.pack,
            result.key,
            result.text,
            result.matched or "-",
        )
    return table


def register(app: typer.Typer) -> None:
    app.add_typer(rules_app, name="rules")
