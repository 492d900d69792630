"""Every kind's own flag/pass examples (examples.yaml), run as tests like the rule packs' examples."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from personal_data.corpus_score import make_validator
from safe_reply.types import Context
from safe_reply.validators.personal_data import Kind
from safe_reply.validators.personal_data.validator import PersonalDataValidator

EXAMPLES: dict[str, Any] = yaml.safe_load((Path(__file__).parent / "examples.yaml").read_text(encoding="utf-8"))
FLAGS = [(kind, e) for kind, entry in EXAMPLES["kinds"].items() for e in entry["flag"]]
PASSES = [
    (kind, e if isinstance(e, dict) else {"text": e})
    for kind, entry in EXAMPLES["kinds"].items()
    for e in entry["pass"]
]


@pytest.fixture(scope="module")
def validator() -> PersonalDataValidator:
    return make_validator(**EXAMPLES["settings"])


def test_every_kind_has_its_own_examples() -> None:
    kinds = EXAMPLES["kinds"]
    assert {k.value for k in Kind} | {"customer_number"} == set(kinds)
    for kind, entry in kinds.items():
        assert len(entry["flag"]) >= 2, kind
        assert len(entry["pass"]) >= 2, kind


@pytest.mark.parametrize(("kind", "example"), FLAGS, ids=[f"{k}.flag[{i}]" for i, (k, _) in enumerate(FLAGS)])
def test_flag_example(validator: PersonalDataValidator, kind: str, example: dict[str, str]) -> None:
    findings = validator.detect(example["text"], Context())
    own = [f for f in findings if f.details["kind"] == kind]
    assert [f.span.of(example["text"]) for f in own if f.span] == [example["match"]]
    assert own[0].rule_id == f"personal_data.{kind}"


@pytest.mark.parametrize(("kind", "example"), PASSES, ids=[f"{k}.pass[{i}]" for i, (k, _) in enumerate(PASSES)])
def test_pass_example(validator: PersonalDataValidator, kind: str, example: dict[str, Any]) -> None:
    findings = validator.detect(example["text"], Context(allowed=tuple(example.get("allowed", ()))))
    assert [f.span.of(example["text"]) for f in findings if f.details["kind"] == kind and f.span] == []
