from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from safe_reply.errors import ConfigError
from safe_reply.types import Context, Language, Span
from safe_reply.validators.claims import JUDGE_RULE_ID, JudgeSettings, Settings
from safe_reply.validators.claims.judge import register_judge_model

from .conftest import make

DE = Context(product_line="scooter", language=Language.DE)


class Scripted(FakeListChatModel):
    """Answers from a list and remembers what it was asked."""

    asked: list[Any] = []  # noqa: RUF012 - pydantic field, one list per instance

    def invoke(self, input: Any, config: Any = None, **kwargs: Any) -> Any:
        self.asked.append(input)
        return super().invoke(input, config, **kwargs)


def _judged(tmp_path: Path, name: str, answers: list[str]) -> tuple[Scripted, Any]:
    model = Scripted(responses=answers, asked=[])
    register_judge_model(name, model)
    return model, make(settings=Settings(judge=JudgeSettings(enabled=True, model=name)), tmp=tmp_path)


def test_judge_flags_a_claim_like_sentence_no_rule_matches(tmp_path: Path) -> None:
    verdict = {"is_claim": True, "backed": False, "category": "other", "reason": "no such feature in the facts"}
    model, claims = _judged(tmp_path, "scripted-1", [json.dumps(verdict)])
    text = "Gern! Der Kocher K2 entkalkt sich selbst."
    [finding] = claims.detect(text, DE)
    assert (finding.rule_id, finding.span) == (JUDGE_RULE_ID, Span(6, len(text)))
    assert finding.details == {"claim_category": "other", "compared_with": "judge: no such feature in the facts"}
    assert len(model.asked) == 1
    assert "Sentence: Der Kocher K2 entkalkt sich selbst." in model.asked[0][1][1]


def test_judge_is_never_asked_about_a_clean_reply_or_an_approved_claim(tmp_path: Path) -> None:
    model, claims = _judged(tmp_path, "scripted-2", ["not used"])
    assert claims.detect("Gern helfe ich Ihnen weiter. Bitte senden Sie uns ein Foto.", DE) == ()
    assert claims.detect("Im Eco-Modus fahren Sie bis zu 60 km mit einer Ladung.", DE) == ()
    assert model.asked == []


@pytest.mark.parametrize(
    "answer",
    [
        "Ja, das stimmt nicht.",  # no JSON
        '{"is_claim": true, "backed": false, "category": "magic", "reason": "x"}',  # not in the schema
        '{"is_claim": true, "backed": true, "category": "other", "reason": "in the facts"}',  # backed
    ],
)
def test_judge_answers_outside_the_schema_or_backed_give_no_finding(tmp_path: Path, answer: str) -> None:
    _, claims = _judged(tmp_path, f"scripted-{abs(hash(answer))}", [answer])
    assert claims.detect("Der Kocher K2 entkalkt sich selbst.", DE) == ()


def test_unregistered_judge_model_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        make(settings=Settings(judge=JudgeSettings(enabled=True, model="nope")), tmp=tmp_path)
    assert "validators.claims.judge.model: no judge model named 'nope'" in str(caught.value)
