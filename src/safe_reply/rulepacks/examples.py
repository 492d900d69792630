"""Run the `flag:` and `pass:` examples of rule packs as tests (as semgrep does with its rules).

Each `flag:` example must produce at least one match of THAT rule and each `pass:` example none of
that rule, through the same anchored scan that checks replies (so a pattern whose anchor is missing
fails its own flag examples). Used by the pytest suite over the shipped packs and by
`safe-reply rules test PATH` for a company's own packs.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from safe_reply.rulepacks import CompiledPacks


class ExampleKind(StrEnum):
    FLAG = "flag"
    PASS = "pass"


@dataclass(frozen=True, slots=True)
class ExampleResult:
    rule_id: str
    pack: str
    kind: ExampleKind
    index: int  # position in the rule's flag: or pass: list
    text: str
    ok: bool
    matched: str | None  # the text the rule matched, if it did

    @property
    def key(self) -> str:
        """Key path of the example in its pack file, e.g. 'disclosure.de/notice-self.flag[2]'."""
        return f"{self.rule_id}.{self.kind.value}[{self.index}]"


def run_examples(compiled: CompiledPacks) -> list[ExampleResult]:
    """Every example of every rule, in pack and rule order."""
    results: list[ExampleResult] = []
    for rule in compiled.rules:
        for kind, examples in ((ExampleKind.FLAG, rule.model.flag), (ExampleKind.PASS, rule.model.pass_)):
            for index, text in enumerate(examples):
                own = [m for m in compiled.scan(text) if m.rule is rule]
                matched = own[0].span.of(text) if own else None
                ok = bool(own) if kind is ExampleKind.FLAG else not own
                results.append(ExampleResult(rule.id, rule.pack, kind, index, text, ok, matched))
    return results
