"""Precision and recall of the trade-secret validator on a labelled corpus, per language.

Usage: python benchmarks/eval_secrets_corpus.py CORPUS_DIR [CORPUS_DIR ...] [--show]

The corpus is compiled exactly as `safe-reply eval` compiles it (safe_reply.eval.corpus, so every
product line's entries protect all lines, as in a real config) with only this validator enabled.
A case is a leak case when `expect.leaks` is not empty; a prediction is a leak when the decision has a
trade_secret finding. Entry recall checks that every expected entry was found (by its keyed hash).
`--show` lists every miss and false alarm with the finding's trick and evidence.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from safe_reply.eval.corpus import load_corpus, policy_from_corpus
from safe_reply.keys import hash_key_from_env, keyed_hash
from safe_reply.types import Category, Context


def evaluate(directory: Path, show: bool) -> dict[str, Any]:
    corpus = load_corpus(directory)
    policy = policy_from_corpus(corpus, ["trade_secrets"])
    key = hash_key_from_env()
    counts: dict[str, list[int]] = {}  # slice -> [tp, fp, fn, tn]
    expected_entries = found_entries = 0
    for case in corpus.cases:
        decision = policy.evaluate(case.text, Context(product_line=case.product_line))
        findings = [f for f in decision.findings if f.category == Category.TRADE_SECRET]
        hashes = {f.details.get("term_hash") for f in findings}
        expected_entries += len(case.expect.leaks)
        found_entries += sum(keyed_hash(key, entry) in hashes for entry in case.expect.leaks)
        outcome = (0 if findings else 2) if case.expect.leaks else (1 if findings else 3)
        slices = ["all", case.lang.value] + (["obfuscated"] if "obfuscated" in case.tags else [])
        for name in slices:
            counts.setdefault(name, [0, 0, 0, 0])[outcome] += 1
        if show and outcome in (1, 2):
            tricks = [(f.details.get("trick"), f.details.get("evidence")) for f in findings]
            print(f"{'FP' if outcome == 1 else 'FN'} {case.id} {case.lang.value} {list(case.tags)} {tricks}")
    result: dict[str, Any] = {"corpus": directory.name, "cases": len(corpus.cases)}
    for name, (tp, fp, fn, _) in counts.items():
        result[name] = {
            "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
            "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
            "tp": tp, "fp": fp, "fn": fn,
        }  # fmt: skip
    result["entry_recall"] = round(found_entries / expected_entries, 3) if expected_entries else 1.0
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="+", help="folders with product_lines.yaml and cases.jsonl")
    parser.add_argument("--show", action="store_true", help="list false negatives and false positives")
    args = parser.parse_args()
    for directory in args.corpus:
        print(json.dumps(evaluate(directory, args.show)))


if __name__ == "__main__":
    main()
