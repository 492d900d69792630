"""Precision and recall of the claims check on a labelled corpus, per language and per category.

    python benchmarks/eval_claims.py CORPUS_DIR [--verbose] [--quick]

Scored per case (as the corpus README prescribes): a case is positive when it has at least one
labelled unsupported claim; per category, when it has one of that category. --verbose lists the
misses and false alarms with the sentence that was flagged. --quick scores the first 40 cases.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from safe_reply.eval.corpus import load_corpus, policy_from_corpus
from safe_reply.types import Category, Context


def _ratio(hit: int, total: int) -> str:
    return f"{hit / total:.3f}" if total else "  -  "


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    corpus = load_corpus(args.corpus)
    policy = policy_from_corpus(corpus, validators=["claims"])
    cases = corpus.cases[:40] if args.quick else corpus.cases
    counts: Counter[tuple[str, str, str]] = Counter()  # (scope, key, tp|fp|fn)
    for case in cases:
        ctx = Context(product_line=case.product_line, turn=case.turn, language=case.lang)
        findings = [
            f
            for f in policy.select(case.product_line).detect(case.text, ctx)
            if f.category is Category.UNSUPPORTED_CLAIM
        ]
        expected = {c.category for c in case.expect.unsupported_claims}
        predicted = {f.details.get("claim_category", "") for f in findings}
        for scope, key in (("all", "all"), ("lang", case.lang.value)):
            outcome = {(True, True): "tp", (False, True): "fp", (True, False): "fn"}.get(
                (bool(expected), bool(predicted))
            )
            if outcome:
                counts[(scope, key, outcome)] += 1
        for category in expected | predicted:
            outcome = "tp" if category in expected and category in predicted else "fn" if category in expected else "fp"
            counts[("category", category, outcome)] += 1
        if args.verbose and (bool(expected) != bool(predicted) or expected != predicted):
            print(f"{case.id} expected={sorted(expected)} predicted={sorted(predicted)}")
            for f in findings:
                text = f.span.of(case.text) if f.span else ""
                print(f"    {f.rule_id} [{f.details.get('claim_category')}] {text!r}")
    print(f"{'scope':<10} {'key':<16} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}")
    keys = sorted({(s, k) for s, k, _ in counts}, key=lambda sk: ({"all": 0, "lang": 1, "category": 2}[sk[0]], sk[1]))
    for scope, key in keys:
        tp, fp, fn = (counts[(scope, key, o)] for o in ("tp", "fp", "fn"))
        print(f"{scope:<10} {key:<16} {tp:>4} {fp:>4} {fn:>4} {_ratio(tp, tp + fp):>9} {_ratio(tp, tp + fn):>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
