"""Settings of the personal-data validator (`validators.personal_data` in the policy YAML).

Light on purpose: the registry imports this package whenever a policy loads (for its categories and
default actions), so nothing here imports the checksum or phone libraries; `build` does.
"""

from __future__ import annotations

import re
import string
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from safe_reply.types import Language

__all__ = ["DEFAULT_PLACEHOLDER", "Kind", "KindName", "PatternEntry", "Settings", "kind_labels"]


class Kind(StrEnum):
    """The kinds found by their structure (checksum, number plan, cue words). Each is a rule id
    (`personal_data.<kind>`); a company's own patterns add kinds of their own (`customer_number`)."""

    IBAN = "iban"
    CREDIT_CARD = "credit_card"
    VAT_ID = "vat_id"
    TAX_ID = "tax_id"
    EMAIL = "email"
    PHONE = "phone"
    DATE_OF_BIRTH = "date_of_birth"
    POSTAL_ADDRESS = "postal_address"


# German and English label of each kind, used in messages and placeholders ("[IBAN entfernt]").
_LABELS: dict[str, tuple[str, str]] = {
    Kind.IBAN: ("IBAN", "IBAN"),
    Kind.CREDIT_CARD: ("Kartennummer", "card number"),
    Kind.VAT_ID: ("USt-IdNr.", "VAT ID"),
    Kind.TAX_ID: ("Steuer-ID", "tax ID"),
    Kind.EMAIL: ("E-Mail-Adresse", "e-mail address"),
    Kind.PHONE: ("Telefonnummer", "phone number"),
    Kind.DATE_OF_BIRTH: ("Geburtsdatum", "date of birth"),
    Kind.POSTAL_ADDRESS: ("Adresse", "address"),
    # Usual names of a company's own patterns; any other kind is shown by its name.
    "customer_number": ("Kundennummer", "customer number"),
    "order_number": ("Bestellnummer", "order number"),
    "contract_number": ("Vertragsnummer", "contract number"),
    "invoice_number": ("Rechnungsnummer", "invoice number"),
}


def kind_labels(kind: str) -> tuple[str, str]:
    """German and English label of a kind; a company's own kind without a label is shown by its name."""
    return _LABELS.get(kind) or (kind.replace("_", " "),) * 2


# A company's kind: any lower_snake_case name that is not a built-in kind (it becomes the rule id's tail).
KindName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]

DEFAULT_PLACEHOLDER: dict[Language, str] = {Language.DE: "[{label} entfernt]", Language.EN: "[{label} removed]"}


class Label(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    de: str = Field(min_length=1)
    en: str = Field(min_length=1)


class PatternEntry(BaseModel):
    """A company's own number format that identifies a person (customer, contract, order numbers)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pattern: str = Field(min_length=1)
    kind: KindName
    label: Label | None = None  # shown in messages and placeholders; known kinds bring their own
    case_sensitive: bool = True

    @model_validator(mode="after")
    def _valid(self) -> PatternEntry:
        if self.kind in {k.value for k in Kind}:
            raise ValueError(
                f"kind '{self.kind}' is a built-in kind found by its checksum or format: "
                "name your pattern's kind after your number (e.g. customer_number)"
            )
        try:
            compiled = re.compile(self.pattern)
        except re.error as exc:
            raise ValueError(f"invalid regular expression ({exc})") from None
        if compiled.match(""):
            raise ValueError("the pattern matches the empty string")
        return self

    def labels(self) -> tuple[str, str]:
        return (self.label.de, self.label.en) if self.label else kind_labels(self.kind)


class Settings(BaseModel):
    """`validators.personal_data` in defaults.yaml and the product-line files."""

    model_config = ConfigDict(extra="forbid")

    # Which of the built-in kinds to check (default: all of them).
    kinds: list[Kind] = Field(default_factory=lambda: list(Kind))
    # The company's own data, which may appear in any reply: return address, hotline, bank account for
    # prepayment, VAT id, named contacts. Matched in normalised form ("DE50 5260 ..." = "DE505260...").
    allowed: list[str] = Field(default_factory=list)
    # Domains all of whose addresses are function mailboxes (e.g. a ticket system's reply domain).
    allowed_email_domains: list[str] = Field(default_factory=list)
    # Local parts that name a function, not a person, added to the shipped list (info, service, ...).
    role_mailboxes: list[str] = Field(default_factory=list)
    # Toll-free, shared-cost and premium-rate numbers are company lines, not a person's phone.
    allow_service_numbers: bool = True
    # Region of phone numbers written without a country code (ISO 3166 alpha-2).
    phone_region: str = Field(default="DE", pattern=r"^[A-Z]{2}$")
    # Where a phone word stands before a national number that is no number of `phone_region`, these
    # regions are tried too (customers abroad write their own national format).
    other_phone_regions: list[Annotated[str, Field(pattern=r"^[A-Z]{2}$")]] = Field(
        default_factory=lambda: ["AT", "CH", "GB", "IE", "US"]
    )
    # Dates of the last N years next to a birthday word are delivery or voucher dates, not a birth date.
    recent_years_not_birth: int = Field(default=2, ge=0, le=30)
    patterns: list[PatternEntry] = Field(default_factory=list)
    # `{label}` is the kind's label in the reply's language; one string for every language, or one each.
    placeholder: str | dict[Language, str] = Field(default_factory=lambda: dict(DEFAULT_PLACEHOLDER))

    @field_validator("allowed_email_domains", "role_mailboxes")
    @classmethod
    def _lower(cls, values: list[str]) -> list[str]:
        return [v.strip().lower() for v in values if v.strip()]

    @field_validator("placeholder")
    @classmethod
    def _placeholder_per_language(cls, value: str | dict[Language, str]) -> str | dict[Language, str]:
        if isinstance(value, dict):
            missing = [lang.value for lang in Language if not value.get(lang, "").strip()]
            if missing:
                raise ValueError(f"placeholder has no text for {', '.join(missing)}: give one per language (de, en)")
        for text in value.values() if isinstance(value, dict) else [value]:
            if not text.strip():
                raise ValueError("placeholder is empty: use a visible marker such as '[{label} entfernt]'")
            try:
                fields = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
            except ValueError as exc:
                raise ValueError(f"placeholder {text!r} is not a valid template ({exc})") from None
            if fields - {"label"}:
                raise ValueError(f"placeholder {text!r} may only use {{label}}, not {sorted(fields - {'label'})}")
        return value

    def placeholder_for(self, language: Language, labels: tuple[str, str]) -> str:
        template = self.placeholder[language] if isinstance(self.placeholder, dict) else self.placeholder
        return template.format(label=labels[0] if language is Language.DE else labels[1])
