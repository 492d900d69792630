"""The personal-data validator: detectors per kind, allowed values, findings with a masking fix.

Per reply: a reply without a digit and without "@" costs one regex search and nothing else. Otherwise
each detector runs its own cheap pattern and hands only its candidates to the expensive checks
(python-stdnum checksums, libphonenumber). Overlaps are resolved by how sure a kind is (an IBAN
before a phone number read inside it), then the company's and the customer's own values are dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import phonenumbers

from safe_reply.contracts import BuildContext
from safe_reply.errors import ConfigError
from safe_reply.lang import reply_language
from safe_reply.types import Context, Edit, Finding, Language, Message, Severity, Span
from safe_reply.validators.personal_data import CATEGORY, NAME
from safe_reply.validators.personal_data.addresses import find_addresses
from safe_reply.validators.personal_data.allowed import AllowedValues
from safe_reply.validators.personal_data.config import Kind, Settings, kind_labels
from safe_reply.validators.personal_data.cues import ROLE_MAILBOXES
from safe_reply.validators.personal_data.dates import find_birth_dates
from safe_reply.validators.personal_data.emails import find_emails
from safe_reply.validators.personal_data.hits import Hit, compact
from safe_reply.validators.personal_data.identifiers import find_cards, find_ibans, find_tax_ids, find_vat_ids
from safe_reply.validators.personal_data.phones import find_phones

__all__ = ["LEGAL_BASIS", "CompanyPattern", "PersonalDataValidator", "build"]

_BASE = (
    "DSGVO Art. 5 Abs. 1 lit. f, Art. 32 (Vertraulichkeit, Sicherheit der Verarbeitung); "
    "Art. 4 Nr. 12, Art. 33, 34 (Verletzung des Schutzes personenbezogener Daten: Meldung, Benachrichtigung)"
)
LEGAL_BASIS: Mapping[str, str] = {
    Kind.TAX_ID: f"{_BASE}; AO §139b Abs. 2 (Verwendung der Identifikationsnummer nur zu steuerlichen Zwecken)",
    Kind.CREDIT_CARD: f"{_BASE}; PCI DSS Anf. 3.4.1 (Kartennummer nur maskiert anzeigen)",
}
_SEVERITY: Mapping[str, Severity] = {
    Kind.IBAN: Severity.CRITICAL,
    Kind.CREDIT_CARD: Severity.CRITICAL,
    Kind.TAX_ID: Severity.CRITICAL,
    Kind.VAT_ID: Severity.MEDIUM,  # mostly a business's; personal data only for a sole trader
}
# Which hit wins where two overlap: the surer kind (checksums first, then structure, then cue words).
_PRIORITY = (Kind.IBAN, Kind.CREDIT_CARD, Kind.VAT_ID, Kind.TAX_ID, "", Kind.EMAIL, Kind.PHONE)
_PRIORITY_TAIL = (Kind.DATE_OF_BIRTH, Kind.POSTAL_ADDRESS)


def _has_digit(text: str) -> bool:
    """Any ASCII digit? Ten substring searches (memchr speed) beat one regex scan of the reply."""
    return any(digit in text for digit in "0123456789")


@dataclass(frozen=True, slots=True)
class CompanyPattern:
    regex: re.Pattern[str]
    kind: str


@dataclass(eq=False)
class PersonalDataValidator:
    """The compiled validator: pure, thread-safe (never mutated after build), no I/O in `detect`."""

    kinds: frozenset[str]
    patterns: tuple[CompanyPattern, ...]
    allowed: AllowedValues
    role_mailboxes: frozenset[str]
    allowed_domains: tuple[str, ...]
    region: str
    other_regions: tuple[str, ...]
    allow_service_numbers: bool
    latest_birth_year: int
    placeholders: Mapping[str, Mapping[Language, str]]  # kind -> language -> text
    labels: Mapping[str, tuple[str, str]]  # kind -> (de, en)
    default_language: Language
    name: str = NAME

    def detect(self, text: str, ctx: Context) -> Sequence[Finding]:
        hits = self.scan(text)
        if hits and ctx.allowed:
            own = AllowedValues.of(ctx.allowed, self.region)
            hits = [hit for hit in hits if not own.allows(hit)]
        if not hits:
            return []
        language = reply_language(text, ctx.language, self.default_language)
        return [self._finding(hit, language) for hit in hits]

    def scan(self, text: str) -> list[Hit]:
        """Every piece of personal data in `text` that is not one of the company's allowed values."""
        found: list[Hit] = [hit for pattern in self.patterns for hit in _pattern_hits(pattern, text)]
        if "@" in text and Kind.EMAIL in self.kinds:
            found.extend(find_emails(text, self.role_mailboxes, self.allowed_domains))
        if _has_digit(text):
            for kind, detector in self._detectors():
                if kind in self.kinds:
                    found.extend(detector(text))
        if not found:
            return []
        kept = _without_overlaps(found)
        return [hit for hit in kept if not self.allowed.allows(hit)]

    def _detectors(self) -> Iterable[tuple[str, Callable[[str], Iterable[Hit]]]]:
        yield Kind.IBAN, find_ibans
        yield Kind.CREDIT_CARD, find_cards
        yield Kind.VAT_ID, find_vat_ids
        yield Kind.TAX_ID, find_tax_ids
        yield Kind.PHONE, lambda text: find_phones(text, self.region, self.allow_service_numbers, self.other_regions)
        yield Kind.DATE_OF_BIRTH, lambda text: find_birth_dates(text, self.latest_birth_year)
        yield Kind.POSTAL_ADDRESS, find_addresses

    def _finding(self, hit: Hit, language: Language) -> Finding:
        de, en = self.labels.get(hit.kind) or kind_labels(hit.kind)
        span = Span(hit.start, hit.end)
        return Finding(
            rule_id=f"{NAME}.{hit.kind}",
            category=CATEGORY,
            span=span,
            message=Message(
                f"Personenbezogene Daten in der Antwort ({de}): Gehören sie nicht dem Kunden, mit dem der Bot "
                "spricht, legt das Senden sie einem Unbefugten offen (Datenpanne). Maskieren; die eigenen "
                "Daten des Kunden gibt der Aufrufer über den Kontext frei (Context.allowed).",
                f"Personal data in the reply ({en}): unless it belongs to the customer the bot is talking to, "
                "sending it discloses it to an unauthorised person (a personal data breach). Mask it; the "
                "caller allows the customer's own data through the context (Context.allowed).",
            ),
            legal_basis=LEGAL_BASIS.get(hit.kind, _BASE),
            severity=_SEVERITY.get(hit.kind, Severity.HIGH),
            validator=NAME,
            fix=Edit(span, self.placeholders[hit.kind][language]),
            details={"kind": hit.kind},  # never the value: the log masks the span by its keyed hash
        )


def _pattern_hits(pattern: CompanyPattern, text: str) -> Iterable[Hit]:
    for match in pattern.regex.finditer(text):
        if match.end() > match.start():
            yield Hit(pattern.kind, match.start(), match.end(), compact(match.group()))


def _rank(hit: Hit) -> int:
    if hit.kind in _PRIORITY:
        return _PRIORITY.index(hit.kind)
    if hit.kind in _PRIORITY_TAIL:
        return len(_PRIORITY) + _PRIORITY_TAIL.index(hit.kind)
    return _PRIORITY.index("")  # a company's own pattern: after the checksummed kinds


def _without_overlaps(hits: list[Hit]) -> list[Hit]:
    """Of overlapping hits keep the one of the surer kind (then the longer one); in text order."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (_rank(h), h.start, -(h.end - h.start))):
        if not any(k.start < hit.end and hit.start < k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: (h.start, h.end))


def build(settings: Settings, ctx: BuildContext) -> PersonalDataValidator:
    """Compile the settings once, at policy load."""
    regions = [("phone_region", settings.phone_region)]
    regions += [(f"other_phone_regions[{i}]", r) for i, r in enumerate(settings.other_phone_regions)]
    for key, region in regions:
        if phonenumbers.country_code_for_region(region) == 0:
            raise ConfigError(
                ctx.file,
                f"{ctx.key}.{key}",
                f"'{region}' is not a region with a phone numbering plan",
                "use an ISO 3166 alpha-2 code such as DE, AT, CH or GB",
            )
    patterns = []
    labels: dict[str, tuple[str, str]] = {kind.value: kind_labels(kind) for kind in Kind}
    for entry in settings.patterns:
        flags = 0 if entry.case_sensitive else re.IGNORECASE
        patterns.append(CompanyPattern(re.compile(entry.pattern, flags), entry.kind))
        labels[entry.kind] = entry.labels()
    placeholders = {
        kind: {language: settings.placeholder_for(language, pair) for language in Language}
        for kind, pair in labels.items()
    }
    validator = PersonalDataValidator(
        kinds=frozenset(settings.kinds),
        patterns=tuple(patterns),
        allowed=AllowedValues.of(settings.allowed, settings.phone_region),
        role_mailboxes=ROLE_MAILBOXES | frozenset(settings.role_mailboxes),
        allowed_domains=tuple(settings.allowed_email_domains),
        region=settings.phone_region,
        other_regions=tuple(settings.other_phone_regions),
        allow_service_numbers=settings.allow_service_numbers,
        latest_birth_year=dt.date.today().year - settings.recent_years_not_birth,
        placeholders=placeholders,
        labels=labels,
        default_language=ctx.default_language,
    )
    _check_placeholders(validator, settings, ctx)
    return validator


def _check_placeholders(validator: PersonalDataValidator, settings: Settings, ctx: BuildContext) -> None:
    """No placeholder may be flagged itself: the engine evaluates the rewritten reply again."""
    for kind, texts in validator.placeholders.items():
        for language, text in texts.items():
            if not validator.scan(text):
                continue
            key = f"{ctx.key}.placeholder" + (f".{language.value}" if isinstance(settings.placeholder, dict) else "")
            raise ConfigError(
                ctx.file,
                key,
                f"the placeholder for {kind} ({text!r}) is itself flagged as personal data, so a masked reply "
                "would still fail",
                "use a placeholder without digits or '@', such as '[{label} entfernt]'",
            )
