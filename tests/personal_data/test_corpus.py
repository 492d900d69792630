"""The labelled replies: format checks, and precision/recall floors per kind and language.

The replies were written by the validator's author (development data, so the figures are optimistic);
the floors are set below the measured figures so that a change that costs precision or recall fails.
"""

from __future__ import annotations

import json

import pytest

from personal_data.corpus_score import CORPUS, load_cases, score, table
from safe_reply.validators.personal_data import Kind
from safe_reply.validators.personal_data.validator import PersonalDataValidator

FLOOR_PRECISION = 0.95
FLOOR_RECALL = 0.90


def test_corpus_format_and_size() -> None:
    cases = load_cases()
    assert len(cases) >= 100
    assert len({c.id for c in cases}) == len(cases)
    assert {c.lang for c in cases} == {"de", "en"}
    assert sum(c.lang == "en" for c in cases) >= 40
    assert sum("near_miss" in c.tags for c in cases) >= 40  # look-alikes: prices, order numbers, dates ...
    assert sum(not c.expected for c in cases) >= 60  # replies that must pass untouched
    assert sum("own_data" in c.tags for c in cases) >= 10  # the customer's own data, allowed by the context
    kinds = {kind for c in cases for kind, _, _ in c.expected}
    assert {k.value for k in Kind} <= kinds
    for line in (CORPUS / "cases.jsonl").read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        for expected in raw["expect"]["personal_data"]:  # spans and texts agree
            assert raw["text"][expected["start"] : expected["end"]] == expected["text"], raw["id"]


def test_precision_and_recall_floors(corpus_validator: PersonalDataValidator) -> None:
    result = score(corpus_validator, load_cases())
    print(table(result))
    for key, count in result.exact.items():
        assert count.precision >= FLOOR_PRECISION, (key, result.errors)
        assert count.recall >= FLOOR_RECALL, (key, result.errors)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_language_is_measured(corpus_validator: PersonalDataValidator, lang: str) -> None:
    result = score(corpus_validator, [c for c in load_cases() if c.lang == lang])
    assert result.exact[f"lang:{lang}"].tp >= 25
