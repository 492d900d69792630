"""Every finding of every case, one line each, so that a speed change can prove it changed no detection.

    python benchmarks/dump_findings.py OUT.txt [CORPUS_DIR ...]

Without corpus folders: ../shared/corpus/dev and dev2 next to the repository, benchmarks/heldout,
benchmarks/heldout/round2 and every benchmarks/firstsight/* folder. Per case it writes the decision
of `ProductLinePolicy.evaluate` (action, delivered text's hash, every finding's rule id, span and
category) under three policies: the corpus's own fact base, the same with the opt-in claims model,
and the example policy in config/ (which adds personal data). Then the raw rule-pack scan of every
case and of fresh pool replies (clean, leak, claim): rule id, match span and sentence span. Diff two
dumps (`diff before.txt after.txt`); an engine change that is only about speed must leave it identical.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable
from pathlib import Path

from pool import CLAIMS, LEAKS, replies
from safe_reply import load_policy
from safe_reply.eval.corpus import Case, load_corpus, policy_from_corpus
from safe_reply.eval.scoring import case_context
from safe_reply.policy import Policy
from safe_reply.resources import example_config_dir
from safe_reply.rulepacks import compiled_packs, shipped_pack_paths
from safe_reply.types import Context, Decision

ROOT = Path(__file__).resolve().parent.parent


def default_corpora() -> list[Path]:
    shared = ROOT.parent / "shared" / "corpus"
    found = [
        shared / "dev",
        shared / "dev2",
        ROOT / "benchmarks" / "heldout",
        ROOT / "benchmarks" / "heldout" / "round2",
    ]
    found += sorted(p for p in (ROOT / "benchmarks" / "firstsight").iterdir() if (p / "cases.jsonl").exists())
    return [p for p in found if (p / "cases.jsonl").exists()]


def decision_lines(label: str, decision: Decision) -> Iterable[str]:
    digest = hashlib.sha256(decision.delivered.encode()).hexdigest()[:16]
    yield f"{label}\t{decision.action.value}\t{decision.intended.value}\t{digest}"
    for f in decision.findings:
        span = "-" if f.span is None else f"{f.span.start}:{f.span.end}"
        fix = "-" if f.fix is None else f"{f.fix.span.start}:{f.fix.span.end}:{f.fix.text!r}"
        yield f"{label}\t  {f.rule_id}\t{span}\t{f.category}\t{fix}"


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    corpora = [Path(a) for a in argv[1:]] or default_corpora()
    example = load_policy(example_config_dir())
    packs = compiled_packs(shipped_pack_paths())
    lines: list[str] = []
    texts: list[str] = []
    for folder in corpora:
        corpus = load_corpus(folder)
        name = folder.relative_to(ROOT.parent) if folder.is_relative_to(ROOT.parent) else folder
        policies: dict[str, Policy] = {
            "own": policy_from_corpus(corpus),
            "model": policy_from_corpus(corpus, settings={"claims": {"model": True}}),
        }
        for case in corpus.cases:
            texts.append(case.text)
            for kind, policy in policies.items():
                lines.extend(
                    decision_lines(f"{name}\t{case.id}\t{kind}", policy.evaluate(case.text, case_context(case)))
                )
            for line_id in example.product_lines:
                ctx = _example_context(case, line_id)
                lines.extend(decision_lines(f"{name}\t{case.id}\texample-{line_id}", example.evaluate(case.text, ctx)))
    pooled = replies(300, seed=901) + replies(150, seed=902, planted=LEAKS) + replies(150, seed=903, planted=CLAIMS)
    for number, text in enumerate(pooled):
        texts.append(text)
        ctx = Context("ebike", f"pool-{number}", 1 + number % 2)
        lines.extend(decision_lines(f"pool\t{number}\texample-ebike", example.evaluate(text, ctx)))
    for number, text in enumerate(texts):
        for m in packs.scan(text):
            lines.append(
                f"scan\t{number}\t{m.rule.id}\t{m.span.start}:{m.span.end}\t{m.sentence_span.start}:{m.sentence_span.end}"
            )
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(texts)} texts, {len(lines)} lines -> {out}")
    return 0


def _example_context(case: Case, line_id: str) -> Context:
    ctx = case_context(case)
    return Context(line_id, ctx.conversation_id, ctx.turn, ctx.language)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
