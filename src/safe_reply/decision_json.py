"""One JSON shape for a decision, spoken by `safe-reply check`, `eval --json`, `audit` and the HTTP API.

Never the matched text itself: for a leak that would be the secret. Clients find it through the span.
"""

from __future__ import annotations

import json
from typing import Any

from safe_reply.types import Decision, Finding


def finding_json(finding: Finding) -> dict[str, Any]:
    span = None if finding.span is None else {"start": finding.span.start, "end": finding.span.end}
    return {
        "rule_id": finding.rule_id,
        "category": str(finding.category),
        "span": span,
        "message": {"de": finding.message.de, "en": finding.message.en},
        "legal_basis": finding.legal_basis,
        "severity": finding.severity.value,
        "validator": finding.validator,
        "details": dict(finding.details),
    }


def decision_json(decision: Decision, reply_id: str | None = None) -> dict[str, Any]:
    record: dict[str, Any] = {"id": reply_id} if reply_id is not None else {}
    record |= {
        "action": decision.action.value,
        "intended": decision.intended.value,
        "product_line": decision.policy_ref.product_line,
        "policy_hash": decision.policy_ref.policy_hash,
        "findings": [finding_json(f) for f in decision.findings],
        "delivered": decision.delivered,
    }
    return record


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)
