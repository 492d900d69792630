"""A small guardrails validator for the no-egress subprocess (imported by module path from a policy)."""

from __future__ import annotations

from typing import Any

from guardrails.validator_base import ErrorSpan, FailResult, PassResult, Validator, register_validator

TERM = "Zaunkönig"


@register_validator(name="egress_ext/flag", data_type="string")
class Flag(Validator):  # type: ignore[misc]
    """Flags the term; proposes to redact it."""

    def _validate(self, value: Any, metadata: dict[str, Any]) -> Any:
        at = value.find(TERM)
        if at < 0:
            return PassResult()
        return FailResult(
            error_message="flag",
            error_spans=[ErrorSpan(start=at, end=at + len(TERM), reason="term")],
            fix_value=value.replace(TERM, "[vertraulich]"),
        )
