"""What a claims finding is made of before it becomes a Finding, and the flags no rule pack raises: the claims
model's, and those only the product line's own data can raise (counts beyond the spec sheet, count_check.py;
properties the facts deny, negated_check.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from safe_reply.rulepacks import CompiledRule, RuleMatch
from safe_reply.types import Language, Message, Severity, Span
from safe_reply.validators.claims.count_check import count_claims
from safe_reply.validators.claims.model import RULE_ID as MODEL_RULE_ID
from safe_reply.validators.claims.negated_check import LEGAL_BASIS as NEGATED_LEGAL_BASIS
from safe_reply.validators.claims.negated_check import MESSAGE as NEGATED_MESSAGE
from safe_reply.validators.claims.negated_check import RULE_ID as NEGATED_RULE_ID
from safe_reply.validators.claims.negated_check import negated_claims
from safe_reply.validators.claims.taxonomy import LEGAL_BASIS, ClaimCategory, Verdict
from safe_reply.validators.claims.text import ReplyView

# The model cannot tell which kind of claim a sentence makes reliably: it is judged as a misleading statement.
MODEL_LEGAL_BASIS = "UWG §5 Abs. 1"
_CERTIFIED = re.compile(r"zertifiziert|certified|geprüft|tested", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Flag:
    rule_id: str  # the public id, e.g. "claims.de/health-cure"
    message: Message
    legal_basis: str
    severity: Severity
    category: ClaimCategory
    verdict: Verdict
    language: Language | None = None  # of the pack; a rule in the reply's language is reported first

    @classmethod
    def of(cls, match: RuleMatch, category: ClaimCategory, verdict: Verdict) -> Flag:
        rule = match.rule
        message = Message(rule.message.de, rule.message.en)
        basis = rule.legal_basis or LEGAL_BASIS[category]
        return cls(rule.id, message, basis, rule.severity, category, verdict, rule.language)


def model_flag(cues: tuple[str, ...], probability: float) -> Flag:
    said = ", ".join(f"„{c}“" for c in cues)
    shown = ", ".join(f"'{c}'" for c in cues)
    message = Message(
        f"Klingt nach einer Produktaussage, die keine Regel kennt und die Produktdaten nicht decken (Prüfmodell, "
        f"ausschlaggebend: {said}). Nur sagen, was die Produktdaten belegen, oder die Aussage weglassen.",
        f"Reads like a product claim no rule knows and the product facts do not back (claims model, cue words: "
        f"{shown}). Say only what the product facts back, or leave the statement out.",
    )
    verdict = Verdict(False, f"claims model: p={probability:.2f}; cue words: {', '.join(cues)}")
    return Flag(MODEL_RULE_ID, message, MODEL_LEGAL_BASIS, Severity.MEDIUM, ClaimCategory.OTHER, verdict)


def own_data_flags(
    view: ReplyView, language: Language, count_rules: dict[Language, CompiledRule]
) -> list[tuple[Span, Flag]]:
    """(sentence, flag) of each count beyond the spec sheet (reported as the spec-figure rule of the reply's language,
    when that rule is on) and of each property the facts deny."""
    found: list[tuple[Span, Flag]] = []
    for claim in count_claims(view, language) if count_rules else ():
        rule = count_rules.get(language) or next(iter(count_rules.values()))
        message = Message(rule.message.de, rule.message.en)
        category = ClaimCategory.SPEC_EXCEEDED
        found.append((claim.sentence, Flag(rule.id, message, rule.legal_basis, rule.severity, category, claim.verdict)))
    for negated in negated_claims(view):
        certified = _CERTIFIED.search(negated.span.of(view.text))
        category = ClaimCategory.CERTIFICATION if certified else ClaimCategory.SPEC_EXCEEDED
        flag = Flag(NEGATED_RULE_ID, NEGATED_MESSAGE, NEGATED_LEGAL_BASIS, Severity.HIGH, category, negated.verdict)
        found.append((negated.sentence, flag))
    return found
