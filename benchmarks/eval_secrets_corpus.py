"""Precision and recall of the trade-secret validator on a labelled corpus (e.g. corpus/dev).

Usage: python benchmarks/eval_secrets_corpus.py CORPUS_DIR [--show] [--ordinary-word TERM ...]
CORPUS_DIR holds product_lines.yaml (`protected_terms` -> terms, `allowed_terms` -> allowed_terms)
and cases.jsonl (`expect.leaks`: the leaked entries' term or pattern text). A case counts as a leak
case when `expect.leaks` is not empty; a prediction is a leak when the validator has a finding.
Entry-level recall additionally checks that every expected entry was found (by its keyed hash).

The corpus format has no ordinary-word key, and its per-term notes are free text: `--ordinary-word
TERM` (repeatable) sets `ordinary_word: true` for that term, as a config author would after reading
the notes ("Der Vogel ... ist kein Leak"). Without it, the corpus is evaluated as written.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import yaml

from safe_reply.config_models import ProductLine
from safe_reply.contracts import BuildContext
from safe_reply.validators.trade_secrets import Settings, TradeSecretValidator, build

_ENTRY_KEYS = {"term", "pattern", "kind", "aliases", "allowed", "ordinary_word", "context"}


def validators(
    corpus: Path, ordinary: frozenset[str] = frozenset()
) -> dict[str, tuple[TradeSecretValidator, BuildContext]]:
    data = yaml.safe_load((corpus / "product_lines.yaml").read_text(encoding="utf-8"))
    result = {}
    for line in data["product_lines"]:
        entries = [{k: v for k, v in e.items() if k in _ENTRY_KEYS} for e in line.get("protected_terms", [])]
        for entry in entries:
            if entry.get("term") in ordinary:
                entry["ordinary_word"] = True
        settings = Settings.model_validate({"terms": entries, "allowed_terms": line.get("allowed_terms", [])})
        ctx = BuildContext(ProductLine.model_validate({"id": line["id"]}), corpus, corpus / "product_lines.yaml",
                           f"product_lines.{line['id']}.protected_terms")
        result[line["id"]] = (build(settings, ctx), ctx)
    return result


def evaluate(corpus: Path, show: bool, ordinary: frozenset[str] = frozenset()) -> dict[str, Any]:
    compiled = validators(corpus, ordinary)
    tp = fp = fn = tn = entries_expected = entries_found = 0
    misses: list[str] = []
    for raw in (corpus / "cases.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(raw)
        validator, ctx = compiled[case["product_line"]]
        leaks = validator.scan(case["text"])
        expected = case["expect"]["leaks"]
        found_hashes = {leak.term_hash for leak in leaks}
        entries_expected += len(expected)
        entries_found += sum(ctx.keyed_hash(term) in found_hashes for term in expected)
        if expected and leaks:
            tp += 1
        elif expected:
            fn += 1
            misses.append(f"FN {case['id']} {','.join(t for t in case['tags'] if t != 'obfuscated')}")
        elif leaks:
            fp += 1
            misses.append(f"FP {case['id']} {[(leak.trick, leak.evidence) for leak in leaks]}")
        else:
            tn += 1
    if show:
        print("\n".join(misses))
    return {
        "cases": tp + fp + fn + tn,
        "leak_cases": tp + fn,
        "tp": tp, "fp": fp, "fn": fn,
        "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
        "entry_recall": round(entries_found / entries_expected, 3) if entries_expected else 1.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder with product_lines.yaml and cases.jsonl")
    parser.add_argument("--show", action="store_true", help="list false negatives and false positives")
    parser.add_argument("--ordinary-word", action="append", default=[], metavar="TERM",
                        help="set ordinary_word: true for this corpus term (repeatable)")
    args = parser.parse_args()
    print(json.dumps(evaluate(args.corpus, args.show, frozenset(args.ordinary_word)), indent=2))


if __name__ == "__main__":
    main()
