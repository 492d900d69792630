"""safe_reply's checks as guardrails-ai Validators, usable in any `Guard`.

    from safe_reply.integrations.guardrails_validators import register_policy
    register_policy("shop", safe_reply.load_policy("config"))        # or config="config" below
    guard = Guard().use(SafeReplyPolicy(policy="shop", product_line="ebike", on_fail="fix"))
    guard.validate(reply, metadata={"turn": 1})

Registered ids: "safe_reply/policy" (the whole product-line policy: every validator, the action
table, rewrite or fallback), and "safe_reply/trade_secrets", "safe_reply/claims",
"safe_reply/disclosure" (one of our validators, with the product line's actions and fallback).

The constructor takes only short strings, a config folder or the name of a policy registered in
this process, never term lists or facts: guardrails stores the kwargs and re-serialises them on
every call (validator tracing, `to_prompt`, the guard's validator map), which costs tens of
milliseconds per call at 100,000 terms. The compiled policy is cached per process.

A failure carries exact `ErrorSpan`s (our finding spans in the validated text) and as `fix_value`
exactly what safe_reply would deliver: the rewritten reply, or the fallback message when the
policy blocks. The context comes from guardrails metadata: product_line, conversation_id, turn,
language (de/en), channel.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from safe_reply.integrations.telemetry import ensure_offline

ensure_offline()  # must precede the first guardrails import below

from guardrails.validator_base import (  # noqa: E402
    ErrorSpan,
    FailResult,
    PassResult,
    ValidationResult,
    Validator,
    register_validator,
)

from safe_reply.loader import load_policy  # noqa: E402
from safe_reply.policy import Policy, ProductLinePolicy  # noqa: E402
from safe_reply.types import Action, Context, Decision, Language  # noqa: E402

_lock = threading.Lock()
_registered: dict[str, Policy] = {}
_loaded: dict[Path, Policy] = {}
_lines: dict[tuple[str, str | None, str | None], ProductLinePolicy] = {}


def register_policy(name: str, policy: Policy | ProductLinePolicy) -> None:
    """Make a compiled policy available to the validators here as `policy=name`."""
    if isinstance(policy, ProductLinePolicy):
        policy = Policy({policy.id: policy}, policy.id)
    with _lock:
        _registered[name] = policy
        for key in [k for k in _lines if k[0] == f"policy:{name}"]:
            del _lines[key]


def clear_cache() -> None:
    """Forget loaded config folders and compiled product lines (e.g. after editing the YAML)."""
    with _lock:
        _loaded.clear()
        _lines.clear()


def _product_line(
    config: str | None, policy: str | None, product_line: str | None, only: str | None
) -> ProductLinePolicy:
    source = f"config:{Path(config).resolve()}" if config is not None else f"policy:{policy}"
    key = (source, product_line, only)
    with _lock:
        cached = _lines.get(key)
        if cached is not None:
            return cached
        whole = _policy(config, policy)
        line = whole.select(product_line)
        if only is not None:
            kept = tuple(v for v in line.validators if v.name == only)
            if not kept:
                names = ", ".join(v.name for v in line.validators) or "(none)"
                raise ValueError(
                    f"product line '{line.id}' does not enable the '{only}' validator (enabled: {names}). "
                    f"Fix: add 'validators: {{{only}: ...}}' to its policy, or use 'safe_reply/policy'"
                )
            line = replace(line, validators=kept)
        _lines[key] = line
        return line


def _policy(config: str | None, policy: str | None) -> Policy:
    if config is not None:
        folder = Path(config).resolve()
        if folder not in _loaded:
            _loaded[folder] = load_policy(folder)
        return _loaded[folder]
    assert policy is not None
    if policy not in _registered:
        known = ", ".join(sorted(_registered)) or "(none)"
        raise ValueError(
            f"no policy is registered as '{policy}' (registered: {known}). "
            f"Fix: call safe_reply.integrations.guardrails_validators.register_policy('{policy}', policy) "
            "first, or pass config='<config folder>'"
        )
    return _registered[policy]


class _SafeReplyValidator(Validator):  # type: ignore[misc]
    """Shared by every registered safe_reply validator; `_only` selects one of our validators."""

    _only: str | None = None

    def __init__(
        self,
        config: str | None = None,
        policy: str | None = None,
        product_line: str | None = None,
        on_fail: Any = None,
        **kwargs: Any,
    ) -> None:
        if (config is None) == (policy is None):
            raise ValueError(
                f"{type(self).__name__} needs exactly one of config= (a config folder) or policy= "
                "(a name given to register_policy). Fix: pass one of them, as a short string"
            )
        super().__init__(on_fail=on_fail, config=config, policy=policy, product_line=product_line, **kwargs)
        self._config = config
        self._policy_name = policy
        self._product_line = product_line
        self._line_for(product_line)  # load and compile now: errors surface at construction

    def _line_for(self, product_line: str | None) -> ProductLinePolicy:
        return _product_line(self._config, self._policy_name, product_line, self._only)

    def _validate(self, value: Any, metadata: dict[str, Any]) -> ValidationResult:
        if not isinstance(value, str):
            raise TypeError(f"{self.rail_alias} validates text, got {type(value).__name__}")
        ctx = _context(metadata, self._product_line)
        decision = self._line_for(ctx.product_line).evaluate(value, ctx)
        return result_for(decision)


def result_for(decision: Decision) -> ValidationResult:
    """PassResult, or FailResult with exact spans and what safe_reply would deliver as fix_value."""
    if decision.intended is Action.PASS:
        return PassResult()
    summary = {"safe_reply_action": decision.intended.value, "rule_ids": [f.rule_id for f in decision.findings]}
    if decision.action is Action.MONITOR:
        # Shadow rollout: deliver unchanged, but let the guard's history show what would have happened.
        return PassResult(metadata=summary)
    spans = [
        ErrorSpan(start=f.span.start, end=f.span.end, reason=f"{f.rule_id}: {f.message}")
        for f in decision.findings
        if f.span is not None
    ]
    message = "; ".join(f"{f.rule_id}: {f.message}" for f in decision.findings)
    return FailResult(
        error_message=message, fix_value=decision.delivered, error_spans=spans or None, metadata=summary
    )


def _context(metadata: dict[str, Any], product_line: str | None) -> Context:
    unknown_language = metadata.get("language") not in (None, *(lang.value for lang in Language))
    if unknown_language:
        raise ValueError(
            f"metadata language {metadata['language']!r} is not supported. "
            f"Fix: pass one of: {', '.join(lang.value for lang in Language)}, or leave it out"
        )
    turn = metadata.get("turn")
    return Context(
        product_line=product_line or metadata.get("product_line"),
        conversation_id=metadata.get("conversation_id"),
        turn=int(turn) if turn is not None else None,
        language=Language(metadata["language"]) if metadata.get("language") else None,
        channel=metadata.get("channel"),
    )


@register_validator(name="safe_reply/policy", data_type="string")
class SafeReplyPolicy(_SafeReplyValidator):
    """The whole product-line policy: every enabled validator, the action table, rewrite or fallback."""


@register_validator(name="safe_reply/trade_secrets", data_type="string")
class SafeReplyTradeSecrets(_SafeReplyValidator):
    """Only the trade-secret check of the product line."""

    _only = "trade_secrets"


@register_validator(name="safe_reply/claims", data_type="string")
class SafeReplyClaims(_SafeReplyValidator):
    """Only the product-claim check of the product line."""

    _only = "claims"


@register_validator(name="safe_reply/disclosure", data_type="string")
class SafeReplyDisclosure(_SafeReplyValidator):
    """Only the AI-notice check (EU AI Act Art. 50) of the product line."""

    _only = "disclosure"


__all__ = [
    "SafeReplyClaims",
    "SafeReplyDisclosure",
    "SafeReplyPolicy",
    "SafeReplyTradeSecrets",
    "clear_cache",
    "register_policy",
    "result_for",
]
