"""Disclosure check: precision/recall on the labelled dev corpus, and its cost per reply.

    python benchmarks/bench_disclosure.py [--corpus DIR] [--quick]

Quality (needs the corpus folder with product_lines.yaml and cases.jsonl; default ../shared/corpus/dev
next to the repository, skipped with a note when absent):
- notice present: the validator's notice detection vs `expect.disclosure_present`;
- missing disclosure: a MISSING_DISCLOSURE finding vs (required by turn/policy and no notice);
- false human: a FALSE_HUMAN finding vs `expect.false_human`.
Speed: time of the anchored scan over a 2,000-character German reply with all shipped packs, with and
without the disclosure packs, and of the validator's own work on a cached scan.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from safe_reply.rulepacks import CompiledPacks, compiled_packs, shipped_pack_paths
from safe_reply.types import Category, Context, Language
from safe_reply.validators.disclosure import DisclosureValidator, NoticeText, Required, Settings

ROOT = Path(__file__).resolve().parent.parent
REPLY_DE = (
    "Vielen Dank für Ihre Nachricht! Das Trekkingrad schafft im Eco-Modus bis zu 110 km, z. B. auf "
    "flacher Strecke bei ca. 20 °C. Die Ladezeit beträgt rund 5 Stunden mit dem 4-A-Ladegerät. "
    "Bei Fragen zur Garantie wenden Sie sich bitte an unser Serviceteam, es ist Montag bis Freitag "
    "von 8 bis 18 Uhr erreichbar. Ich verstehe, dass eine Verzögerung ärgerlich ist. "
)


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
        result[line["id"]] = DisclosureValidator("disclosure", settings, packs, Language.DE)
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


def per_call(function: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(repeat):
            function()
        best = min(best, (time.perf_counter() - start) / repeat)
    return best * 1e6


def speed(packs: CompiledPacks, quick: bool) -> None:
    repeat = 200 if quick else 3000
    text = (REPLY_DE * 6)[:2000]
    without = compiled_packs([p for p in shipped_pack_paths() if p.parent.name != "disclosure"])
    # Uncached scans: a fresh text object per call defeats the memo (each call sees a new string).
    texts = [text[:-1] + str(i % 10) for i in range(10)]
    counter = iter(range(10**9))
    full = per_call(lambda: packs._scan(texts[next(counter) % 10]), repeat)
    base = per_call(lambda: without._scan(texts[next(counter) % 10]), repeat) if without.rules else 0.0
    validator = DisclosureValidator("disclosure", Settings(), packs, Language.DE)
    ctx = Context(turn=2)
    packs.scan(text)
    own = per_call(lambda: validator.detect(text, ctx), repeat)
    print(f"scan, all shipped packs ({len(packs.rules)} rules), 2,000 chars: {full:8.1f} µs")
    print(f"scan without the disclosure packs ({len(without.rules)} rules):   {base:8.1f} µs")
    print(f"added by the disclosure packs to the shared scan:       {full - base:8.1f} µs")
    print(f"disclosure validator on the shared (cached) scan:        {own:8.1f} µs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--quick", action="store_true", help="few repetitions (CI smoke test)")
    parser.add_argument("--errors", action="store_true", help="print the misclassified corpus cases")
    args = parser.parse_args()
    packs = compiled_packs(shipped_pack_paths())
    if (args.corpus / "cases.jsonl").is_file():
        quality(args.corpus, packs, args.errors)
    else:
        print(f"corpus not found in {args.corpus}; skipping precision/recall (pass --corpus DIR)")
    speed(packs, args.quick)


if __name__ == "__main__":
    main()
