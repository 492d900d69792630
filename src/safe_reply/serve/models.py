"""The request and response bodies of the HTTP API, as pydantic models (the OpenAPI schema comes from them).

Responses are written with `decision_json` (the JSON of `safe-reply check`), not through these models:
they document the shape for the schema, and a test checks that the two agree.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidatorFunctionWrapHandler, field_validator

from safe_reply.types import Language

STORED = "stored"


class CheckRequest(BaseModel):
    """One bot reply to check, and what the guard knows about it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(description="The bot reply, exactly as the bot wrote it.")
    product_line: str | None = Field(default=None, description="Product line id (default: the policy's).")
    conversation_id: str | None = Field(
        default=None,
        max_length=512,
        description="Conversation id. With it, every replica counts this reply in the shared log's turn table.",
    )
    turn: Annotated[int, Field(ge=1)] | Literal["stored"] | None = Field(
        default=None,
        description=(
            "Which bot reply of the conversation this is (1 = the first). 'stored' (or omitting it while "
            "giving conversation_id) uses the count stored for the conversation; without either, the reply "
            "counts as a first reply (the AI notice is required: the safe side)."
        ),
    )
    language: Language | None = Field(default=None, description="Reply language hint; detected when omitted.")
    channel: str | None = Field(default=None, max_length=128, description="Channel, e.g. 'web' or 'whatsapp'.")
    id: str | None = Field(default=None, max_length=512, description="Your id of the reply, echoed back.")

    @field_validator("turn", mode="wrap")
    @classmethod
    def _one_turn_message(cls, value: object, handler: ValidatorFunctionWrapHandler) -> object:
        # One clear message instead of one per member of the union.
        try:
            return handler(value)
        except ValidationError:
            raise ValueError(
                f"got {value!r}; must be a whole number >= 1 (1 = the first bot reply) or 'stored'"
            ) from None


class BatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    items: list[CheckRequest] = Field(min_length=1, description="Replies, checked in order.")


class SpanOut(BaseModel):
    start: int
    end: int


class MessageOut(BaseModel):
    de: str
    en: str


class FindingOut(BaseModel):
    rule_id: str = Field(description="Stable public rule id, e.g. 'claims.de/guarantee-promise'.")
    category: str
    span: SpanOut | None = Field(description="Offsets [start, end) into the reply as sent; null: something missing.")
    message: MessageOut
    legal_basis: str | None
    severity: Literal["low", "medium", "high", "critical"]
    validator: str
    details: dict[str, str]


class DecisionOut(BaseModel):
    id: str | None = Field(default=None, description="The request's id, when it gave one.")
    action: Literal["pass", "monitor", "rewrite", "block", "raise"] = Field(description="What was done.")
    intended: Literal["pass", "monitor", "rewrite", "block", "raise"] = Field(
        description="What enforce mode would have done (differs from action only in monitor mode)."
    )
    product_line: str
    policy_hash: str
    findings: list[FindingOut]
    delivered: str = Field(description="Exactly what the customer may receive.")
    turn: int | None = Field(description="The turn the decision used (null: unknown, treated as the first).")


class BatchOut(BaseModel):
    results: list[DecisionOut]


class Problem(BaseModel):
    """Every 4xx answer: what is wrong and how to fix it."""

    error: str
    fix: str
    problems: list[str] = Field(default_factory=list)


class ReloadOut(BaseModel):
    reloaded: bool
    product_lines: dict[str, str] = Field(description="Product line id -> policy hash now served.")
    errors: list[str] = Field(default_factory=list, description="Why the new config was refused.")


class ReadyOut(BaseModel):
    ready: bool
    product_lines: dict[str, str]
    log: str = Field(description="'ok', 'disabled', or why the log cannot be reached.")
    last_reload_error: list[str] = Field(default_factory=list)
