"""`safe-reply eval CORPUS`: precision and recall of the policy on a labelled corpus."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from safe_reply.cli.check_cmd import output_stream
from safe_reply.cli.common import config_errors_exit, fail, load_or_exit
from safe_reply.decision_json import dumps, finding_json
from safe_reply.eval.corpus import (
    CASES_FILE,
    PRODUCT_LINES_FILE,
    Corpus,
    config_requirements,
    load_corpus,
    policy_from_corpus,
    usable_validators,
)
from safe_reply.eval.scoring import (
    CHECK_VALIDATOR,
    CaseResult,
    Check,
    ClaimCategoryRecall,
    Counts,
    Error,
    Report,
    errors,
    evaluate_corpus,
    report,
)
from safe_reply.policy import Policy

NOT_ENABLED = "not enabled"

HELP = f"""Measure precision, recall and F1 of the policy on a labelled corpus.

CORPUS is a folder with two files (the format of the safe_reply dev corpus):

{PRODUCT_LINES_FILE}: `product_lines:` a list; each entry has `id`, `name`, `languages`, `facts` (key, label_de,
label_en, value, unit, qualifier), `certifications`, `guarantee`, `approved_claims`, `protected_terms` (each
`term` or regex `pattern`, with `kind` and `note`), `allowed_terms` and `disclosure` (`required`: first_reply |
every_reply | never, `text_de`, `text_en`). eval turns it into a policy itself; `--config DIR` evaluates a real
config folder instead (then this file is optional).

{CASES_FILE}: one reply per line: `id`, `product_line`, `lang` (de | en), `turn` (1 = first bot reply), `text`,
`expect` {{`leaks`: [term or pattern], `unsupported_claims`: [{{`text`: exact substring, `category`}}],
`disclosure_present`, `false_human`}}, `tags`, `note`.

A check is flagged when the decision has a finding of its category (leak = trade_secret, claim =
unsupported_claim, disclosure = missing_disclosure, false_human). A disclosure violation is expected when the
notice is absent and the product line requires it in every reply, or in the first one and turn is 1. Checks
whose validator is not enabled are reported as "{NOT_ENABLED}".

With --json: one JSON object per case {{"id", "flags": {{"leak", "claim", "disclosure", "false_human"}},
"action", "findings"}}, then one {{"summary": ...}} object.
"""


def eval_command(
    corpus_dir: Annotated[
        Path, typer.Argument(metavar="CORPUS", help="Folder with product_lines.yaml and cases.jsonl.")
    ],
    *,
    config: Annotated[
        Path | None, typer.Option("--config", "-c", help="Evaluate this config folder instead of the corpus's.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines: one object per case, then a summary.")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    show_cases: Annotated[
        bool, typer.Option("--cases/--no-cases", help="List every miss and false alarm (text output).")
    ] = True,
) -> None:
    if config is None:
        for name, problem in usable_validators().items():
            if problem is not None:
                message = f"warning: validator '{name}' is not enabled: its module fails to load ({problem})"
                Console(stderr=True, soft_wrap=True).print(message, markup=False, highlight=False)
    with config_errors_exit(corpus_dir):
        corpus = load_corpus(corpus_dir, require_product_lines=config is None)
        policy = policy_from_corpus(corpus) if config is None else load_or_exit(config)
    if config is not None:
        corpus = dataclasses.replace(corpus, requirements=config_requirements(config, policy))
    _check_product_lines(corpus, policy)
    results = evaluate_corpus(corpus, policy)
    summary = report(results)
    with output_stream(output) as out:
        if as_json:
            for result in results:
                out.write(dumps(case_json(result)) + "\n")
            out.write(dumps({"summary": summary_json(summary)}) + "\n")
            return
        source = f"config {config}" if config else f"policy from {corpus_dir / PRODUCT_LINES_FILE}"
        # Files and pipes get wide tables: a report is read later, not in an 80-column terminal.
        console = Console(file=out, soft_wrap=True, width=None if out.isatty() else 160)
        print_report(console, summary, results, source, show_cases)


def _check_product_lines(corpus: Corpus, policy: Policy) -> None:
    unknown = sorted({case.product_line for case in corpus.cases} - set(policy.product_lines))
    if unknown:
        known = ", ".join(sorted(policy.product_lines))
        fail(
            f"the corpus uses product line(s) {', '.join(unknown)} that the policy lacks (it has: {known}). "
            "Fix: add product_lines/<id>.yaml to the config or correct the cases' product_line"
        )


def case_json(result: CaseResult) -> dict[str, Any]:
    return {
        "id": result.case.id,
        "flags": {check.value: result.flagged[check] for check in Check},
        "action": result.decision.action.value,
        "findings": [finding_json(f) for f in result.decision.findings],
    }


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def counts_json(counts: Counts | None) -> dict[str, Any]:
    if counts is None:
        return {"enabled": False}
    return {
        "enabled": True,
        "tp": counts.tp,
        "fp": counts.fp,
        "fn": counts.fn,
        "tn": counts.tn,
        "precision": _rate(counts.precision),
        "recall": _rate(counts.recall),
        "f1": _rate(counts.f1),
    }


def _category_json(recall: ClaimCategoryRecall) -> dict[str, Any]:
    return {
        "labelled": recall.labelled,
        "found": recall.found,
        "same_category": recall.same_category,
        "recall": _rate(recall.recall),
    }


def summary_json(summary: Report) -> dict[str, Any]:
    def checks(group: dict[Check, Counts | None] | Any) -> dict[str, Any]:
        return {check.value: counts_json(group[check]) for check in Check}

    return {
        "cases": summary.cases,
        "checks": checks(summary.checks),
        "languages": {lang: checks(group) for lang, group in summary.languages.items()},
        "tags": {tag: checks(group) for tag, group in summary.tags.items()},
        "benign": {
            "total": summary.benign.total,
            "blocked": summary.benign.blocked,
            "rewritten": summary.benign.rewritten,
            "blocked_ids": list(summary.benign.blocked_ids),
        },
        "claim_categories": {name: _category_json(r) for name, r in summary.claim_categories.items()},
        "validator_errors": dict(summary.validator_errors),
    }


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _cell(counts: Counts | None) -> str:
    """Compact P/R for the language and tag tables."""
    if counts is None:
        return NOT_ENABLED
    return f"P {_fmt(counts.precision)} R {_fmt(counts.recall)} ({counts.tp + counts.fn}/{counts.total})"


def print_report(console: Console, summary: Report, results: list[CaseResult], source: str, show_cases: bool) -> None:
    console.print(f"safe_reply eval: {summary.cases} cases, {source}", highlight=False)
    table = Table(title="per check")
    for column in ("check", "TP", "FP", "FN", "TN", "precision", "recall", "F1", "note"):
        table.add_column(column, justify="left" if column in ("check", "note") else "right")
    for check, counts in summary.checks.items():
        if counts is None:
            table.add_row(check.value, *("–" * 7), f"{NOT_ENABLED} (validator '{CHECK_VALIDATOR[check]}')")
            continue
        table.add_row(
            check.value,
            *(str(n) for n in (counts.tp, counts.fp, counts.fn, counts.tn)),
            *(_fmt(v) for v in (counts.precision, counts.recall, counts.f1)),
            "",
        )
    console.print(table)
    enabled = [check for check, counts in summary.checks.items() if counts is not None]
    for title, groups in (("per language", summary.languages), ("per tag", summary.tags)):
        group_table = Table(title=f"{title} (P, R, (expected/cases))")
        group_table.add_column(title.split()[-1])
        for check in enabled:
            group_table.add_column(check.value)
        for name, group in groups.items():
            group_table.add_row(name, *(_cell(group[check]) for check in enabled))
        if enabled:
            console.print(group_table)
    benign = summary.benign
    blocked_ids = f" ({', '.join(benign.blocked_ids)})" if benign.blocked_ids else ""
    console.print(
        f"benign replies: {benign.total}; falsely blocked: {benign.blocked}{blocked_ids}; "
        f"rewritten: {benign.rewritten}",
        highlight=False,
        markup=False,
    )
    if summary.claim_categories:
        cat_table = Table(title="claim recall per category (a claim finding overlaps the labelled span)")
        for column in ("category", "labelled", "found", "recall", "same category named"):
            cat_table.add_column(column, justify="left" if column == "category" else "right")
        for name, recall in summary.claim_categories.items():
            cat_table.add_row(
                name, str(recall.labelled), str(recall.found), _fmt(recall.recall), str(recall.same_category)
            )
        console.print(cat_table)
    for rule_id, n in summary.validator_errors.items():
        console.print(f"[bold red]validator error[/] {escape(rule_id)}: {n} case(s) (blocked, fail closed)")
    if show_cases:
        for error in errors(results):
            print_error(console, error)


def print_error(console: Console, error: Error) -> None:
    case = error.result.case
    kind = "MISS" if error.missed else "FALSE ALARM"
    tags = f" [{', '.join(case.tags)}]" if case.tags else ""
    console.print(
        f"\n{kind} {error.check.value}: {case.id} ({case.product_line}, {case.lang.value}, turn {case.turn}){tags}",
        highlight=False,
        markup=False,
    )
    console.print(f"  reply: {case.text}", highlight=False, markup=False)
    if error.missed:
        console.print(f"  expected: {_expected(error)}", highlight=False, markup=False)
    for finding in error.result.findings_of(error.check):
        quoted = f" {finding.span.of(case.text)!r}" if finding.span else ""
        console.print(f"  finding: {finding.rule_id}{quoted}: {finding.message}", highlight=False, markup=False)
    if case.note:
        console.print(f"  note: {case.note}", highlight=False, markup=False)


def _expected(error: Error) -> str:
    expect = error.result.case.expect
    if error.check is Check.LEAK:
        return f"leaks {list(expect.leaks)}"
    if error.check is Check.CLAIM:
        return "; ".join(f"{label.category}: {label.text!r}" for label in expect.unsupported_claims)
    if error.check is Check.DISCLOSURE:
        return "the AI notice (missing)"
    return "a false claim of being human"


def register(app: typer.Typer) -> None:
    app.command("eval", help=HELP)(eval_command)
