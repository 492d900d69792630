"""`safe-reply config check [DIR] [--proposal FILE]`: validate a config folder and summarise what it will do.

With `--proposal`, the proposed change (made from a reviewed record, see safe_reply.proposals) is
applied to a copy of the folder, the copy is validated like any config, and the proposal's sentence
or term is evaluated again: exit 0 only when the change is valid and removes the finding it is for.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from safe_reply.cli.common import USAGE_ERROR, config_errors_exit, fail, load_or_exit, print_errors
from safe_reply.errors import ConfigError, ConfigErrors
from safe_reply.loader import DEFAULTS_FILE, load_policy
from safe_reply.policy import Policy
from safe_reply.proposals import ProposalError, ProposalKind, apply_diff, read_proposal
from safe_reply.registry import builtin_actions, load_spec
from safe_reply.types import Category, Context

config_app = typer.Typer(help="Validate policies (config folders).", no_args_is_help=True)


@config_app.command("check")
def check(
    directory: Path = typer.Argument(
        Path("config"), help="Config folder (defaults.yaml, product_lines/) or a corpus folder (product_lines.yaml)."
    ),
    proposal: Path | None = typer.Option(
        None, "--proposal", help="A proposed change (from the review) to check against a copy of the folder."
    ),
) -> None:
    """Validate every file of a config folder; print a summary table, or every error with its fix."""
    console = Console()
    if proposal is not None:
        check_proposal(directory, proposal, console)
        return
    # A labelled corpus folder (product_lines.yaml in the corpus format) is checked through the same
    # conversion `safe-reply eval` uses, so its unknown units and duplicate fact keys are reported too.
    from safe_reply.eval.corpus import is_corpus_folder, load_fact_base, policy_from_corpus

    if is_corpus_folder(directory):
        with config_errors_exit(directory):
            policy = policy_from_corpus(load_fact_base(directory))
    else:
        policy = load_or_exit(directory)
        with config_errors_exit(directory):
            if problems := environment_errors(policy, directory):
                raise ConfigErrors(problems)
    console.print(summary_table(policy, directory))
    console.print(f"OK: {len(policy.product_lines)} product line(s) in {directory}", highlight=False)


def environment_errors(policy: Policy, directory: Path, environ: Mapping[str, str] | None = None) -> list[ConfigError]:
    """What the folder needs from the environment it is checked in (the bot's, in a deployment)."""
    env = os.environ if environ is None else environ
    log = policy.log
    if log.enabled and log.backend == "postgres" and not env.get(log.dsn_env):
        return [
            ConfigError(
                directory / DEFAULTS_FILE,
                "log.dsn_env",
                f"log.backend is postgres but the environment variable {log.dsn_env} is not set here, so the "
                "guarded bot could not open its log",
                f"export {log.dsn_env}=postgresql://user@host/db (in the bot's environment too), or set "
                "log.dsn_env to the variable that holds the DSN",
            )
        ]
    return []


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


def _outside(file: str, copy: Path, directory: Path) -> Path:
    """An error's file named by its place in the real folder, not in the scratch copy."""
    path = Path(file)
    return directory / path.relative_to(copy) if path.is_relative_to(copy) else path


PROPOSAL_CATEGORY = {
    ProposalKind.APPROVE_CLAIM: Category.UNSUPPORTED_CLAIM,
    ProposalKind.ALLOW_TERM: Category.TRADE_SECRET,
}


def check_proposal(directory: Path, proposal: Path, console: Console) -> None:
    """Apply the proposal to a copy of `directory`, validate the copy, evaluate the proposal's text again."""
    try:
        found = read_proposal(proposal.read_text(encoding="utf-8"))
        with tempfile.TemporaryDirectory(prefix="safe-reply-proposal-") as scratch:
            copy = Path(scratch) / directory.resolve().name
            shutil.copytree(directory, copy)
            for path, content in apply_diff(copy, found.diff).items():
                path.write_text(content, encoding="utf-8")
            try:
                policy = load_policy(copy)
            except (ConfigErrors, ConfigError) as exc:
                errors = exc.errors if isinstance(exc, ConfigErrors) else [exc]
                shown = [ConfigError(_outside(e.file, copy, directory), e.key, e.problem, e.fix) for e in errors]
                print_errors(ConfigErrors(shown), f"{directory} with {proposal}")
                raise typer.Exit(USAGE_ERROR) from None
            decision = policy.evaluate(found.text, Context(product_line=found.product_line))
    except (OSError, ProposalError) as exc:
        fail(f"{proposal}: {exc}")
    category = PROPOSAL_CATEGORY[found.kind]
    left = [f.rule_id for f in decision.findings if f.category == category]
    what = "sentence" if found.kind is ProposalKind.APPROVE_CLAIM else "term"
    if left:
        console.print(
            f"[bold red]NOT OK[/]: the proposal applies and the config is valid, but the {what} is still flagged "
            f"in product line {found.product_line} ({', '.join(left)}). Fix: adjust the proposal by hand",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(1)
    console.print(
        f"OK: {proposal} applies to {directory}, the config stays valid, and the {what} is no longer flagged "
        f"in product line {found.product_line} (was {found.rule_id})",
        highlight=False,
        soft_wrap=True,  # a long path wrapped mid-word by the console cannot be copied back
    )


def register(app: typer.Typer) -> None:
    app.add_typer(config_app, name="config")
