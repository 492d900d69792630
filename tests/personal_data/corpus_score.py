"""Builders for the personal-data tests, and precision/recall on the labelled replies in corpus/.

A finding counts as found when a reply's expected finding has the same kind and exactly the same span
(`exact`); `overlap` counts the same kind on an overlapping span. Both are reported per kind and per
language. Run directly for the table: python tests/personal_data/corpus_score.py [--errors]
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from safe_reply.config_models import ProductLine
from safe_reply.contracts import BuildContext
from safe_reply.types import Context, Language
from safe_reply.validators.personal_data import Settings, build
from safe_reply.validators.personal_data.validator import PersonalDataValidator

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"


def make_ctx(file: str = "shop.yaml", language: Language = Language.DE) -> BuildContext:
    return BuildContext(
        ProductLine.model_validate({"id": "shop"}),
        HERE,
        HERE / file,
        "validators.personal_data",
        default_language=language,
    )


def make_validator(**settings: Any) -> PersonalDataValidator:
    return build(Settings.model_validate(settings), make_ctx())


def corpus_settings() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((CORPUS / "settings.yaml").read_text(encoding="utf-8"))
    return loaded


@dataclass(frozen=True)
class Case:
    id: str
    lang: str
    text: str
    allowed: tuple[str, ...]
    expected: frozenset[tuple[str, int, int]]  # (kind, start, end)
    tags: tuple[str, ...]


def load_cases(path: Path = CORPUS / "cases.jsonl") -> list[Case]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        raw: dict[str, Any] = json.loads(line)
        expected = frozenset((e["kind"], e["start"], e["end"]) for e in raw["expect"]["personal_data"])
        cases.append(Case(raw["id"], raw["lang"], raw["text"], tuple(raw["allowed"]), expected, tuple(raw["tags"])))
    return cases


@dataclass
class Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Score:
    exact: dict[str, Count] = field(default_factory=lambda: defaultdict(Count))  # "all", kind, "lang:de"
    overlap: Count = field(default_factory=Count)
    errors: list[str] = field(default_factory=list)


def _overlaps(a: tuple[str, int, int], others: Iterable[tuple[str, int, int]]) -> bool:
    return any(a[0] == b[0] and a[1] < b[2] and b[1] < a[2] for b in others)


def score(validator: PersonalDataValidator, cases: Iterable[Case]) -> Score:
    result = Score()
    for case in cases:
        findings = validator.detect(case.text, Context(allowed=case.allowed))
        got = {(f.details["kind"], f.span.start, f.span.end) for f in findings if f.span is not None}
        for item in got | case.expected:
            keys = ("all", item[0], f"lang:{case.lang}")
            hit, wanted = item in got, item in case.expected
            for key in keys:
                count = result.exact[key]
                count.tp += hit and wanted
                count.fp += hit and not wanted
                count.fn += wanted and not hit
            if hit != wanted:
                what = "false positive" if hit else "missed"
                result.errors.append(f"{case.id}: {what} {item[0]} {case.text[item[1] : item[2]]!r}")
        result.overlap.tp += sum(_overlaps(e, got) for e in case.expected)
        result.overlap.fn += sum(not _overlaps(e, got) for e in case.expected)
        result.overlap.fp += sum(not _overlaps(g, case.expected) for g in got)
    return result


def table(result: Score) -> str:
    lines = [f"{'':<18} {'precision':>9} {'recall':>7}   tp  fp  fn"]
    for key in ["all", *sorted(k for k in result.exact if k != "all")]:
        c = result.exact[key]
        lines.append(f"{key:<18} {c.precision:9.3f} {c.recall:7.3f} {c.tp:4} {c.fp:3} {c.fn:3}")
    o = result.overlap
    lines.append(f"{'all (overlap)':<18} {o.precision:9.3f} {o.recall:7.3f} {o.tp:4} {o.fp:3} {o.fn:3}")
    return "\n".join(lines)


def main() -> None:
    cases = load_cases()
    if "--round2" in sys.argv:
        cases = [c for c in cases if "round2" in c.tags]
    result = score(make_validator(**corpus_settings()), cases)
    print(f"{len(cases)} replies ({sum(c.lang == 'de' for c in cases)} de, {sum(c.lang == 'en' for c in cases)} en)")
    print(table(result))
    if "--errors" in sys.argv:
        print("\n".join(result.errors) or "no errors")


if __name__ == "__main__":
    main()
