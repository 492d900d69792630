"""safe_reply's checks as guardrails Validators inside a real Guard: exact spans, exact fix_value."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from guardrails import Guard
from guardrails.errors import ValidationError

from safe_reply.config_models import DEFAULT_FALLBACK, Mode
from safe_reply.integrations.guardrails_validators import (
    SafeReplyClaims,
    SafeReplyDisclosure,
    SafeReplyPolicy,
    SafeReplyTradeSecrets,
    register_policy,
)
from safe_reply.types import Category, Context, Edit, Finding, Message, Span
from support.policies import WordValidator, make_line

SECRET = WordValidator("trade_secrets", "Zaunkönig", Category.TRADE_SECRET, "[vertraulich]")
CLAIM = WordValidator("claims", "garantiert", Category.UNSUPPORTED_CLAIM, "voraussichtlich")
CLAIM_MESSAGE = "claims.word: Wort gefunden (claims) / found a flagged word (claims)"
SECRET_MESSAGE = "trade_secrets.word: Wort gefunden (trade_secrets) / found a flagged word (trade_secrets)"


@dataclass(frozen=True)
class FirstTurnNotice:
    """Wants the AI notice in the first reply only: proves metadata reaches our Context."""

    name: str = "disclosure"

    def detect(self, text: str, ctx: Context) -> Sequence[Finding]:
        if ctx.turn != 1 or text.startswith(("KI:", "AI:")):
            return []
        notice = "AI: " if ctx.language and ctx.language.value == "en" else "KI: "
        return [
            Finding("disclosure.missing", Category.MISSING_DISCLOSURE, None, Message("Hinweis fehlt", "notice missing"),
                    validator=self.name, fix=Edit(Span(0, 0), notice))
        ]


@pytest.fixture(autouse=True)
def _policies() -> None:
    register_policy("shop", make_line(SECRET, CLAIM, FirstTurnNotice()))
    register_policy("shadow", make_line(CLAIM, mode=Mode.MONITOR))


def test_fix_delivers_the_rewrite_with_exact_spans() -> None:
    guard = Guard().use(SafeReplyPolicy(policy="shop", on_fail="fix"))
    text = "Der Akku hält garantiert lange, garantiert!"
    outcome = guard.validate(text)
    assert outcome.validated_output == "Der Akku hält voraussichtlich lange, voraussichtlich!"
    (summary,) = outcome.validation_summaries
    assert [(s.start, s.end, s.reason) for s in summary.error_spans] == [
        (14, 24, CLAIM_MESSAGE),
        (32, 42, CLAIM_MESSAGE),
    ]
    assert summary.failure_reason == f"{CLAIM_MESSAGE}; {CLAIM_MESSAGE}"


def test_block_fix_value_is_the_fallback() -> None:
    guard = Guard().use(SafeReplyPolicy(policy="shop", on_fail="fix"))
    text = "Projekt Zaunkönig kommt 2026."
    outcome = guard.validate(text)
    assert outcome.validated_output == DEFAULT_FALLBACK.de
    (summary,) = outcome.validation_summaries
    assert [(s.start, s.end) for s in summary.error_spans] == [(8, 17)]
    assert summary.error_spans[0].reason == SECRET_MESSAGE


def test_exception_mode_raises_with_the_rule_ids() -> None:
    guard = Guard().use(SafeReplyPolicy(policy="shop", on_fail="exception"))
    with pytest.raises(ValidationError) as raised:
        guard.validate("Der Akku hält garantiert lange.")
    assert str(raised.value) == f"Validation failed for field with errors: {CLAIM_MESSAGE}"


def test_pass_is_unchanged() -> None:
    guard = Guard().use(SafeReplyPolicy(policy="shop", on_fail="exception"))
    text = "Gern helfe ich Ihnen weiter.\u200b "
    outcome = guard.validate(text)
    assert outcome.validation_passed is True
    assert outcome.validated_output == text
    assert outcome.validation_summaries == []


def test_metadata_becomes_the_context() -> None:
    guard = Guard().use(SafeReplyPolicy(policy="shop", on_fail="fix"))
    first = guard.validate("Hallo!", metadata={"turn": 1})
    assert first.validated_output == "KI: Hallo!"
    assert first.validation_summaries[0].error_spans is None  # a missing notice has no span
    assert guard.validate("Hello!", metadata={"turn": 1, "language": "en"}).validated_output == "AI: Hello!"
    assert guard.validate("Hallo!", metadata={"turn": 2}).validated_output == "Hallo!"


def test_unknown_language_in_metadata_fails_loudly() -> None:
    guard = Guard().use(SafeReplyPolicy(policy="shop", on_fail="fix"))
    expected = r"^metadata language 'fr' is not supported\. Fix: pass one of: de, en, or leave it out$"
    with pytest.raises(ValueError, match=expected):
        guard.validate("Bonjour", metadata={"language": "fr"})


def test_monitor_mode_passes_and_records_what_would_have_happened() -> None:
    validator = SafeReplyPolicy(policy="shadow", on_fail="exception")
    result = validator.validate("garantiert gut", {})
    assert result.outcome == "pass"
    assert result.metadata == {"safe_reply_action": "rewrite", "rule_ids": ["claims.word"]}


def test_single_validator_ids_run_only_their_check() -> None:
    text = "Zaunkönig hält garantiert."
    claims = Guard().use(SafeReplyClaims(policy="shop", on_fail="fix")).validate(text)
    assert claims.validated_output == "Zaunkönig hält voraussichtlich."
    secrets = Guard().use(SafeReplyTradeSecrets(policy="shop", on_fail="fix")).validate(text)
    assert secrets.validated_output == DEFAULT_FALLBACK.de
    notice = Guard().use(SafeReplyDisclosure(policy="shop", on_fail="fix")).validate(text, metadata={"turn": 1})
    assert notice.validated_output == f"KI: {text}"


def test_constructor_kwargs_are_short_strings_only() -> None:
    validator = SafeReplyPolicy(policy="shop", product_line="ebike", on_fail="fix")
    assert validator.get_args() == {"config": None, "policy": "shop", "product_line": "ebike"}
    assert validator.rail_alias == "safe_reply/policy"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "SafeReplyPolicy needs exactly one of config= (a config folder) or policy= (a name given to "
             "register_policy). Fix: pass one of them, as a short string"),
        ({"policy": "shop", "config": "config"}, "SafeReplyPolicy needs exactly one of config="),
        ({"policy": "nope"}, "no policy is registered as 'nope' (registered: "),
    ],
)
def test_constructor_errors(kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match="Fix: ") as raised:
        SafeReplyPolicy(**kwargs)
    assert str(raised.value).startswith(message)


def test_single_validator_missing_from_the_product_line() -> None:
    register_policy("claims-only", make_line(CLAIM))
    with pytest.raises(ValueError, match="trade_secrets") as raised:
        SafeReplyTradeSecrets(policy="claims-only")
    assert str(raised.value) == (
        "product line 'ebike' does not enable the 'trade_secrets' validator (enabled: claims). "
        "Fix: add 'validators: {trade_secrets: ...}' to its policy, or use 'safe_reply/policy'"
    )


def test_reregistering_a_policy_replaces_the_cached_one() -> None:
    register_policy("swap", make_line(CLAIM))
    validator = SafeReplyPolicy(policy="swap", on_fail="fix")
    assert validator.validate("garantiert", {}).outcome == "fail"
    register_policy("swap", make_line())
    assert validator.validate("garantiert", {}).outcome == "pass"


CONFIG = Path(__file__).resolve().parents[2] / "config"


def test_real_policy_in_a_guard() -> None:
    guard = Guard().use(SafeReplyPolicy(config=str(CONFIG), product_line="ebike", on_fail="fix"))
    text = "Das steht im WAWI-Nord."
    outcome = guard.validate(text, metadata={"turn": 2})
    start = text.index("WAWI-Nord")
    spans = [(s.start, s.end) for s in outcome.validation_summaries[0].error_spans]
    assert (start, start + len("WAWI-Nord")) in spans
    assert "WAWI-Nord" not in outcome.validated_output
