"""Precision and recall of every check on several labelled corpora at once: the README's accuracy table.

Usage: python benchmarks/eval_firstsight.py [CORPUS_DIR ...]

Without arguments it evaluates every first-sight set in `benchmarks/firstsight/` (each a folder in the
format of the dev corpus, written by someone who never saw the rules; the result files next to each set
say when it was first measured). Each corpus is turned into a policy exactly as `safe-reply eval` does
(safe_reply.eval), and each row gives P/R overall, then German and English. `safe-reply eval CORPUS`
prints the full picture of one corpus (tags, claim categories, every miss).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from safe_reply.eval.corpus import load_corpus, policy_from_corpus
from safe_reply.eval.scoring import CaseResult, Check, Counts, by_check, evaluate_corpus
from safe_reply.types import Language

FIRST_SIGHT = Path(__file__).resolve().parent / "firstsight"
COLUMNS = {
    Check.LEAK: "leak",
    Check.CLAIM: "claim",
    Check.DISCLOSURE: "missing notice",
    Check.FALSE_HUMAN: "false human",
}


def rate(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def cell(counts: Counts | None) -> str:
    return "n/a" if counts is None else f"{rate(counts.precision)}/{rate(counts.recall)}"


def row(name: str, results: Sequence[CaseResult]) -> str:
    """One markdown row: per check, P/R over all cases, then German · English."""
    overall = by_check(results)
    languages = {lang: by_check([r for r in results if r.case.lang is lang]) for lang in (Language.DE, Language.EN)}
    cells = [
        f"{cell(overall[check])} ({cell(languages[Language.DE][check])} · {cell(languages[Language.EN][check])})"
        for check in COLUMNS
    ]
    return f"| {name} ({len(results)}) | " + " | ".join(cells) + " |"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path, help="corpus folders (default: every first-sight set)")
    parser.add_argument(
        "--claims-model", action="store_true", help="switch the opt-in claims model on (validators.claims.model)"
    )
    parser.add_argument(
        "--no-false-human-model",
        action="store_true",
        help="switch the false-human model off (validators.disclosure.false_human_model: false): the rules alone",
    )
    args = parser.parse_args(argv)
    settings: dict[str, dict[str, bool]] = {}
    if args.claims_model:
        settings["claims"] = {"model": True}
    if args.no_false_human_model:
        settings["disclosure"] = {"false_human_model": False}
    folders: list[Path] = args.corpora or sorted(p for p in FIRST_SIGHT.iterdir() if (p / "cases.jsonl").is_file())
    if not folders:
        print(f"no corpus found in {FIRST_SIGHT}", file=sys.stderr)
        return 2
    print("| corpus (replies) | " + " | ".join(f"{title} P/R (de · en)" for title in COLUMNS.values()) + " |")
    print("|---" * (len(COLUMNS) + 1) + "|")
    for folder in folders:
        corpus = load_corpus(folder)
        policy = policy_from_corpus(corpus, settings=settings or None)
        print(row(folder.name, evaluate_corpus(corpus, policy)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
