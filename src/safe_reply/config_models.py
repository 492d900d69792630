"""Pydantic models of the YAML that compliance staff write under config/.

`defaults.yaml` sets what every product line inherits; `product_lines/<id>.yaml` (or `<id>.yaml`
next to the defaults) describes one product line: its facts, its validators and their settings,
its action table and its fallback messages. Each validator owns the model of its own settings
section (see safe_reply.validators); these models only know that the section is a mapping.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from safe_reply.types import Action, Language

# A finding category: the built-in ones (safe_reply.types.Category) or one a validator declares. The
# loader checks every key of an action table against the categories of the registered validators.
CategoryName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class Mode(StrEnum):
    ENFORCE = "enforce"
    MONITOR = "monitor"  # deliver every reply unchanged, record what enforce mode would have done


class Strict(BaseModel):
    # Unknown keys are errors (with "did you mean"), not silently ignored: a typo in a policy must
    # never switch a check off.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Fallback(Strict):
    de: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def for_language(self, language: Language) -> str:
        return self.de if language is Language.DE else self.en


DEFAULT_FALLBACK = Fallback(
    de="Entschuldigung, dazu kann ich Ihnen gerade keine verlässliche Auskunft geben. "
    "Ein Mitarbeiter aus unserem Team hilft Ihnen gern weiter.",
    en="Sorry, I can't give you a reliable answer to that right now. A member of our team will be glad to help you.",
)


class LogSettings(Strict):
    """Where blocked and rewritten replies are recorded (see safe_reply.log)."""

    enabled: bool = True
    backend: str = Field(default="sqlite", pattern="^(sqlite|postgres)$")
    path: str = ".safe_reply/log.sqlite3"  # relative to the current working directory
    dsn_env: str = "SAFE_REPLY_PG_DSN"  # PostgreSQL DSN is read from this variable, never from YAML
    spool_path: str = ".safe_reply/spool.jsonl"  # relative to the current working directory
    retention_days: int = Field(default=90, ge=1)
    # The encrypted originals (reveal, SAFE_REPLY_REVEAL_KEY) are dropped sooner than the masked records:
    # the full reply is kept only as long as incident analysis needs it (DSGVO Art. 5 (1) c, e).
    reveal_retention_days: int = Field(default=30, ge=1)
    # Pseudonymisation key (HMAC of conversation ids and masked terms) is read from this variable.
    key_env: str = "SAFE_REPLY_LOG_KEY"
    # Passing replies are only counted; the counts are flushed every N decisions or S seconds and at close.
    count_flush_every: int = Field(default=200, ge=1)
    count_flush_seconds: float = Field(default=10.0, gt=0)
    # After a store outage, how often the recorder tries the store again before spooling straight away.
    retry_seconds: float = Field(default=5.0, ge=0)


class Fact(Strict):
    key: str = Field(min_length=1)
    label_de: str | None = None
    label_en: str | None = None
    value: str | int | float
    unit: str | None = None
    qualifier: str | None = None


class Defaults(Strict):
    """config/defaults.yaml"""

    version: int = Field(default=1, ge=1, le=1)
    default_product_line: str | None = None
    mode: Mode = Mode.ENFORCE
    default_language: Language = Language.DE
    languages: tuple[Language, ...] = (Language.DE, Language.EN)
    actions: dict[CategoryName, Action] = Field(default_factory=dict)
    fallback: Fallback = DEFAULT_FALLBACK
    validators: dict[str, dict[str, Any]] = Field(default_factory=dict)
    log: LogSettings = LogSettings()


class ProductLine(Strict):
    """config/product_lines/<id>.yaml"""

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    name: str | None = None
    mode: Mode | None = None
    default_language: Language | None = None
    languages: tuple[Language, ...] | None = None
    actions: dict[CategoryName, Action] = Field(default_factory=dict)
    fallback: Fallback | None = None
    # Product facts: what claims are compared with.
    facts: tuple[Fact, ...] = ()
    certifications: tuple[str, ...] = ()
    guarantee: str | None = None
    approved_claims: tuple[str, ...] = ()
    validators: dict[str, dict[str, Any]] = Field(default_factory=dict)

    @field_validator("guarantee")
    @classmethod
    def _none_means_none(cls, value: str | None) -> str | None:
        # "guarantee: none" in YAML is the string "none": the product has no guarantee.
        return None if value is not None and value.strip().lower() in {"none", "keine", ""} else value


class ValidatorSwitches(Strict):
    """The keys every validator section understands, whatever the validator."""

    enabled: bool = True
    fail_open: bool = False  # True: a crash of this validator is recorded but does not block
