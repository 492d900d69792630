"""Tiny stand-in validators for the eval tests, registered under the built-in names.

They make the scores of a hand-made corpus exactly predictable, whatever the real validators do.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict

from safe_reply.contracts import BuildContext, ValidatorSpec
from safe_reply.types import Category, Context, Finding, Message, Span


class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SecretSettings(_Settings):
    terms: list[dict[str, Any]] = []
    allowed_terms: list[str] = []


class ClaimSettings(_Settings):
    pass


class DisclosureSettings(_Settings):
    required: str = "first_reply"
    text: dict[str, str] = {}


@dataclass(frozen=True)
class Terms:
    name: str
    terms: tuple[str, ...]

    def detect(self, text: str, ctx: Context) -> Sequence[Finding]:
        return [
            Finding(
                "fake.secret",
                Category.TRADE_SECRET,
                Span(m.start(), m.end()),
                Message("secret", "secret"),
                validator=self.name,
            )
            for term in self.terms
            for m in re.finditer(re.escape(term), text)
        ]


@dataclass(frozen=True)
class Guaranteed:
    name: str = "claims"

    def detect(self, text: str, ctx: Context) -> Sequence[Finding]:
        return [
            Finding(
                "fake.claim",
                Category.UNSUPPORTED_CLAIM,
                Span(m.start(), m.end()),
                Message("claim", "claim"),
                validator=self.name,
                details={"claim_category": "guarantee"},
            )
            for m in re.finditer(r"garantiert|guaranteed", text)
        ]


@dataclass(frozen=True)
class Notice:
    required: str
    name: str = "disclosure"

    def detect(self, text: str, ctx: Context) -> Sequence[Finding]:
        found = []
        due = self.required == "every_reply" or (self.required == "first_reply" and ctx.turn == 1)
        if due and "KI" not in text and "AI" not in text:
            found.append(
                Finding(
                    "fake.notice", Category.MISSING_DISCLOSURE, None, Message("notice", "notice"), validator=self.name
                )
            )
        for m in re.finditer(r"Ich bin ein Mensch|I am human", text):
            found.append(
                Finding("fake.human", Category.FALSE_HUMAN, Span(m.start(), m.end()), Message("human", "human"))
            )
        return found


def _secrets(settings: SecretSettings, ctx: BuildContext) -> Terms:
    return Terms("trade_secrets", tuple(t["term"] for t in settings.terms if "term" in t))


SECRETS = ValidatorSpec(
    "trade_secrets", SecretSettings, _secrets, categories=("trade_secret",), sensitive=True, order=10
)
CLAIMS = ValidatorSpec("claims", ClaimSettings, lambda settings, ctx: Guaranteed(), order=20)
DISCLOSURE = ValidatorSpec(
    "disclosure", DisclosureSettings, lambda settings, ctx: Notice(settings.required), order=30
)
