"""Disclosure check: precision/recall on the labelled dev corpus, and its cost per reply.

    python benchmarks/bench_disclosure.py [--corpus DIR] [--quick]

Quality (needs the corpus folder with product_lines.yaml and cases.jsonl; default ../shared/corpus/dev
next to the repository, skipped with a note when absent):
- notice present: the validator's notice detection vs `expect.disclosure_present`;
- missing disclosure: a MISSING_DISCLOSURE finding vs (required by turn/policy and no notice);
- false human: a FALSE_HUMAN finding vs `expect.false_human`.
Speed: time of the anchored scan over fresh 2,000-character replies (benchmarks/pool.py) with all
shipped packs, with and without the disclosure packs, and of the validator with its own scan.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from pool import Meter, ReplyPool, interleave, pool_size, replies
from safe_reply.rulepacks import CompiledPacks, compiled_packs, shipped_pack_paths
from safe_reply.types import Category, Context, Language
from safe_reply.validators.disclosure import DisclosureValidator, NoticeText, Required, Settings
from safe_reply.validators.disclosure.human_model import shipped_human_model

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, predicted: bool, expected: bool) -> None:
        if predicted and expected:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif expected:
            self.fn += 1
        else:
            self.tn += 1

    def line(self, name: str) -> str:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return (
            f"{name:<20} precision {precision:6.1%}  recall {recall:6.1%}  "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn}, tn {self.tn})"
        )


def corpus_validators(corpus: Path, packs: CompiledPacks) -> dict[str, DisclosureValidator]:
    lines = yaml.safe_load((corpus / "product_lines.yaml").read_text(encoding="utf-8"))["product_lines"]
    result = {}
    for line in lines:
        raw = line["disclosure"]
        settings = Settings(required=Required(raw["required"]), text=NoticeText(de=raw["text_de"], en=raw["text_en"]))
        # The false-human model is on by default (build() loads it); built here by hand, it is handed in.
        result[line["id"]] = DisclosureValidator(
            "disclosure", settings, packs, Language.DE, human_model=shipped_human_model()
        )
    return result


def quality(corpus: Path, packs: CompiledPacks, show_errors: bool) -> None:
    validators = corpus_validators(corpus, packs)
    present, missing, human = Score(), Score(), Score()
    for raw in (corpus / "cases.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(raw)
        validator = validators[case["product_line"]]
        expect = case["expect"]
        ctx = Context(product_line=case["product_line"], turn=case["turn"])
        findings = validator.detect(case["text"], ctx)
        required = validator.settings.required is Required.EVERY_REPLY or case["turn"] == 1
        every = Context(product_line=case["product_line"], turn=1)
        found_notice = not any(f.category is Category.MISSING_DISCLOSURE for f in validator.detect(case["text"], every))
        predicted_missing = any(f.category is Category.MISSING_DISCLOSURE for f in findings)
        predicted_human = any(f.category is Category.FALSE_HUMAN for f in findings)
        present.add(found_notice, expect["disclosure_present"])
        missing.add(predicted_missing, required and not expect["disclosure_present"])
        human.add(predicted_human, expect["false_human"])
        wrong = found_notice != expect["disclosure_present"] or predicted_human != expect["false_human"]
        if show_errors and wrong:
            print(f"  {case['id']}: notice {found_notice}/{expect['disclosure_present']}, "
                  f"false_human {predicted_human}/{expect['false_human']}: {case['text'][:160]!r}")
    print(present.line("notice present"))
    print(missing.line("missing disclosure"))
    print(human.line("false human"))


def speed(packs: CompiledPacks, quick: bool) -> None:
    """Each call on a reply no call has seen (so no scan is answered from the memo), German and English."""
    calls = 100 if quick else 2000
    without = compiled_packs([p for p in shipped_pack_paths() if p.parent.name != "disclosure"])
    validator = DisclosureValidator("disclosure", Settings(), packs, Language.DE, human_model=shipped_human_model())
    rules_only = DisclosureValidator("disclosure", Settings(false_human_model=False), packs, Language.DE)
    ctx = Context(turn=2)

    def fresh(name: str, seed: int) -> ReplyPool:
        return ReplyPool(f"bench_disclosure:{name}", replies(pool_size(calls), seed=seed))

    meters = [
        Meter(packs.scan, fresh("scan", 41)),
        Meter(without.scan, fresh("scan-without", 42)),
        Meter(lambda t: validator.detect(t, ctx), fresh("detect", 43)),
        # The same replies as "detect" (same seed, fresh objects): the difference is the model alone.
        Meter(lambda t: rules_only.detect(t, ctx), fresh("detect-rules-only", 43)),
    ]
    interleave(meters, calls)
    full, base, own, rules = (m.timing.median_us for m in meters)
    print(f"fresh 2,000-char replies, {calls} per row, medians:")
    print(f"scan, all shipped packs ({len(packs.rules)} rules):          {full:8.1f} µs")
    print(f"scan without the disclosure packs ({len(without.rules)} rules):   {base:8.1f} µs")
    print(f"added by the disclosure packs to the shared scan:   {full - base:8.1f} µs")
    print(f"disclosure validator alone (its own scan included): {own:8.1f} µs")
    print(f"the same without the false-human model:             {rules:8.1f} µs")
    print(f"added by the false-human model:                     {own - rules:8.1f} µs")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--quick", action="store_true", help="few repetitions (CI smoke test)")
    parser.add_argument("--errors", action="store_true", help="print the misclassified corpus cases")
    args = parser.parse_args(argv)
    packs = compiled_packs(shipped_pack_paths())
    if (args.corpus / "cases.jsonl").is_file():
        quality(args.corpus, packs, args.errors)
    else:
        print(f"corpus not found in {args.corpus}; skipping precision/recall (pass --corpus DIR)")
    speed(packs, args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
