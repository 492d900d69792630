"""`safe-reply config check [DIR]`: validate a config folder and summarise what it will do."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from safe_reply.cli.common import config_errors_exit, load_or_exit
from safe_reply.policy import Policy
from safe_reply.registry import builtin_actions, load_spec

config_app = typer.Typer(help="Validate policies (config folders).", no_args_is_help=True)


@config_app.command("check")
def check(
    directory: Path = typer.Argument(
        Path("config"), help="Config folder (defaults.yaml, product_lines/) or a corpus folder (product_lines.yaml)."
    ),
) -> None:
    """Validate every file of a config folder; print a summary table, or every error with its fix."""
    console = Console()
    # A labelled corpus folder (product_lines.yaml in the corpus format) is checked through the same
    # conversion `safe-reply eval` uses, so its unknown units and duplicate fact keys are reported too.
    from safe_reply.eval.corpus import is_corpus_folder, load_fact_base, policy_from_corpus

    if is_corpus_folder(directory):
        with config_errors_exit(directory):
            policy = policy_from_corpus(load_fact_base(directory))
    else:
        policy = load_or_exit(directory)
    console.print(summary_table(policy, directory))
    console.print(f"OK: {len(policy.product_lines)} product line(s) in {directory}", highlight=False)


def summary_table(policy: Policy, directory: Path) -> Table:
    table = Table(title=f"safe_reply policy: {directory}")
    for column in ("product line", "mode", "validators", "actions (changed from defaults)", "languages", "policy hash"):
        table.add_column(column, overflow="fold")  # fold, never crop: every value must stay readable
    for line_id in sorted(policy.product_lines):
        line = policy.product_lines[line_id]
        default_mark = " (default)" if line_id == policy.default_product_line else ""
        defaults = dict(builtin_actions())
        for validator in line.validators:
            defaults.update(load_spec(validator.name).default_actions)
        changed = [
            f"{category}={action.value}"
            for category, action in line.actions.items()
            if defaults.get(category) is not action
        ]
        validators = [v.name + (" (fail-open)" if v.name in line.fail_open else "") for v in line.validators]
        table.add_row(
            f"{line_id}{default_mark}",
            line.mode.value,
            ", ".join(validators) or "(none)",
            ", ".join(changed) or "(as defaults)",
            ", ".join(lang.value for lang in line.languages),
            line.ref.policy_hash,
        )
    return table


def register(app: typer.Typer) -> None:
    app.add_typer(config_app, name="config")
