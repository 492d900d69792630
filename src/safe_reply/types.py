"""The small value types everything else speaks: Span, Edit, Finding, Context, Decision.

Rule ids, categories and the field names here are public contracts: the log store and the review
CLI persist them, so renaming one breaks existing logs and reviews.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType


class Category(StrEnum):
    """The categories of the built-in validators and the engine; the action table is keyed by category.

    A validator may declare categories of its own (ValidatorSpec.categories): a finding's category is
    any string, these are the ones safe_reply ships with.
    """

    TRADE_SECRET = "trade_secret"
    UNSUPPORTED_CLAIM = "unsupported_claim"
    MISSING_DISCLOSURE = "missing_disclosure"
    FALSE_HUMAN = "false_human"
    EXTERNAL = "external"  # a failure reported by a third-party (guardrails) validator
    VALIDATOR_ERROR = "validator_error"  # a validator raised: fail closed unless marked fail-open
    REWRITE_FAILED = "rewrite_failed"  # the rewrite was impossible or the rewritten reply still failed
    REPLY_TOO_LONG = "reply_too_long"  # longer than limits.max_reply_chars: blocked unchecked


class Action(StrEnum):
    """What happens to a reply. Ordered by precedence: the strongest action of all findings wins."""

    PASS = "pass"
    MONITOR = "monitor"
    REWRITE = "rewrite"
    BLOCK = "block"
    RAISE = "raise"

    @property
    def rank(self) -> int:
        return _ACTION_RANK[self]


_ACTION_RANK = {Action.PASS: 0, Action.MONITOR: 1, Action.REWRITE: 2, Action.BLOCK: 3, Action.RAISE: 4}


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class Language(StrEnum):
    DE = "de"
    EN = "en"


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open character offsets [start, end) into the ORIGINAL reply."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end}): need 0 <= start <= end")

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace `span` of the original reply by `text`. An empty span is an insertion."""

    span: Span
    text: str


_EMPTY: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Message:
    """A reviewer message in German and English; the log and the CLI show one or both."""

    de: str
    en: str

    def for_language(self, language: Language) -> str:
        return self.de if language is Language.DE else self.en

    def __str__(self) -> str:
        return f"{self.de} / {self.en}"


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a validator found. Validators only produce these; they never change the reply.

    `fix` is the validator's proposal for the rewrite action (redact a term, drop or replace a
    sentence, insert the notice); whether it is applied is decided by the action table.
    `details` carries reviewer context that is safe to log (e.g. a term's kind and keyed hash, the
    facts a claim was compared with) and never the protected term itself.
    """

    rule_id: str
    category: str  # a Category, or a category a validator declared (ValidatorSpec.categories)
    span: Span | None
    message: Message
    legal_basis: str | None = None
    severity: Severity = Severity.HIGH
    validator: str = ""
    fix: Edit | None = None
    details: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    # The span holds data that must never be stored in clear (set from the validator's spec by the
    # policy): the log masks it.
    sensitive: bool = False


@dataclass(frozen=True, slots=True)
class Context:
    """What the guard knows about the reply besides its text. Built by the wrapper, per call."""

    product_line: str | None = None
    conversation_id: str | None = None
    turn: int | None = None  # 1 = the first bot reply of the conversation; None = unknown
    language: Language | None = None  # a hint (e.g. the customer's language); detected when None
    channel: str | None = None
    # Values this reply may contain although a validator would flag them, because they belong to the
    # person the bot is talking to (their own e-mail, IBAN, address, customer number, as the caller
    # knows them from the authenticated session). Compared in each validator's normalised form.
    allowed: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # A caller may pass the language as a plain string ("de"): the checks compare with the enum, so a string
        # would make a German reply English to them. Coerced once here; anything else is a caller's error.
        language: object = self.language
        if language is not None and not isinstance(language, Language):
            try:
                object.__setattr__(self, "language", Language(str(language).strip().lower()))
            except ValueError:
                raise ValueError(
                    f"Context.language {language!r} is not supported. Fix: pass 'de', 'en' or None (detect)"
                ) from None


@dataclass(frozen=True, slots=True)
class PolicyRef:
    """Which policy decided: the product line and a content hash of every file that shaped it."""

    product_line: str
    policy_hash: str


@dataclass(frozen=True, slots=True)
class Decision:
    """The outcome of one evaluation.

    `action` is what was done; `intended` is what enforce mode would have done (they differ only
    for MONITOR, the shadow rollout). `delivered` is exactly what the customer receives.
    """

    action: Action
    findings: tuple[Finding, ...]
    original: str
    delivered: str
    policy_ref: PolicyRef
    intended: Action
    language: Language | None = None

    @property
    def passed(self) -> bool:
        return self.action is Action.PASS

    @property
    def changed(self) -> bool:
        return self.delivered != self.original
