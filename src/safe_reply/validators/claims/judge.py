"""The optional judge: a chat model asked whether a claim-like sentence is backed by the facts.

Off by default. It only sees sentences that look like product claims (they name a product of the
line, or speak about "our"/"unser" products with a figure or an evaluative word) but match no
rule and are not an approved claim, so a clean reply never reaches it. The model is any LangChain
chat model (a local one in production); YAML cannot hold a Python object, so models are
registered by name in code (`register_judge_model("local", model)`) and the policy selects one
with `validators.claims.judge.model: local`.

The answer must be one JSON object matching `JudgeVerdict`; anything else counts as "not judged"
(the sentence passes, and the error is reported in the finding-free path as no finding): the
judge is a second opinion on sentences no rule flags, so a broken judge must not block replies.
"""

from __future__ import annotations

import json
import re
import threading
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from safe_reply.validators.claims.facts import FactBase
from safe_reply.validators.claims.taxonomy import ClaimCategory


class ChatModel(Protocol):
    """What we need of a LangChain chat model: `invoke(messages) -> message with .content`."""

    def invoke(self, input: Any, /) -> Any: ...


class JudgeVerdict(BaseModel):
    """The strict output schema the judge must answer with."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    is_claim: bool
    backed: bool
    category: ClaimCategory
    reason: str = Field(max_length=300)


_MODELS: dict[str, ChatModel] = {}
_LOCK = threading.Lock()


def register_judge_model(name: str, model: ChatModel) -> None:
    """Make a chat model available to policies as `validators.claims.judge.model: <name>`."""
    with _LOCK:
        _MODELS[name] = model


def judge_model(name: str) -> ChatModel | None:
    with _LOCK:
        return _MODELS.get(name)


def registered_judge_models() -> list[str]:
    with _LOCK:
        return sorted(_MODELS)


_SYSTEM = (
    "You check one sentence of a customer-service reply against the product facts of a German "
    "company. A claim is backed only if the facts support it and it is not stronger than them "
    "(no dropped 'bis zu'/'up to', no broader scope). Answer with ONE JSON object and nothing else: "
    '{"is_claim": bool, "backed": bool, "category": one of '
    + json.dumps([c.value for c in ClaimCategory])
    + ', "reason": short text}.'
)
_JSON = re.compile(r"\{.*\}", re.DOTALL)


def facts_prompt(base: FactBase) -> str:
    lines = [f"- {f.shown}" for f in base.numeric]
    lines += [f"- {shown}" for shown in base.text_facts.values()]
    lines.append(f"- certifications: {'; '.join(base.certifications) or 'none'}")
    lines.append(f"- guarantee: {base.guarantee or 'none'}")
    lines += [f"- approved claim: {a.text}" for a in base.approved]
    return "\n".join(lines)


class Judge:
    """Asks one model about one sentence; thread-safe as far as the model is."""

    def __init__(self, model: ChatModel, base: FactBase) -> None:
        self.model = model
        self._facts = facts_prompt(base)

    def ask(self, sentence: str) -> JudgeVerdict | None:
        messages = [
            ("system", _SYSTEM),
            ("human", f"Product facts:\n{self._facts}\n\nSentence: {sentence}"),
        ]
        reply = self.model.invoke(messages)
        content = getattr(reply, "content", reply)
        if not isinstance(content, str):
            return None
        found = _JSON.search(content)
        if found is None:
            return None
        try:
            return JudgeVerdict.model_validate_json(found.group())
        except ValidationError:
            return None
