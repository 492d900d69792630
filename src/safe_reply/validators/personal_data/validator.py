"""The personal-data validator: detectors per kind, allowed values, findings with a masking fix.

Per reply: a reply without a digit and without "@" costs a few substring checks and nothing else.
Otherwise one automaton pass (candidates.py) finds where any detector's pattern could match, and each
detector runs its pattern and its expensive checks (python-stdnum checksums, libphonenumber, cue
words, address and date logic) only there. Overlaps are resolved by how sure a kind is (an IBAN
before a phone number read inside it), then the company's and the customer's own values are dropped.
Everything that depends only on the settings (the automaton, the findings' messages) is built once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import phonenumbers

from safe_reply.contracts import BuildContext
from safe_reply.errors import ConfigError
from safe_reply.lang import reply_language
from safe_reply.types import Context, Edit, Finding, Language, Message, Severity, Span
from safe_reply.validators.personal_data import CATEGORY, NAME
from safe_reply.validators.personal_data.addresses import find_addresses
from safe_reply.validators.personal_data.allowed import AllowedValues
from safe_reply.validators.personal_data.candidates import CandidateScanner
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
# Which hit wins where two overlap: the surer kind (checksums first, then structure, then cue words);
# a company's own pattern ranks after the checksummed kinds.
_PRIORITY = (Kind.IBAN, Kind.CREDIT_CARD, Kind.VAT_ID, Kind.TAX_ID, "", Kind.EMAIL, Kind.PHONE, Kind.DATE_OF_BIRTH)
_RANK: Mapping[str, int] = {kind: rank for rank, kind in enumerate((*_PRIORITY, Kind.POSTAL_ADDRESS))}


def _has_digit(text: str) -> bool:
    """Any ASCII digit? Ten substring searches (memchr speed) beat one regex scan of the reply."""
    return any(digit in text for digit in "0123456789")


@dataclass(frozen=True, slots=True)
class CompanyPattern:
    regex: re.Pattern[str]
    kind: str


@dataclass(frozen=True, slots=True)
class FindingParts:
    """Everything of a kind's finding except its span, built at load."""

    rule_id: str
    message: Message
    legal_basis: str
    severity: Severity
    placeholders: Mapping[Language, str]
    details: Mapping[str, str]

    @classmethod
    def of(cls, kind: str, labels: tuple[str, str], placeholders: Mapping[Language, str]) -> FindingParts:
        de, en = labels
        message = Message(
            f"Personenbezogene Daten in der Antwort ({de}): Gehören sie nicht dem Kunden, mit dem der Bot "
            "spricht, legt das Senden sie einem Unbefugten offen (Datenpanne). Maskieren; die eigenen "
            "Daten des Kunden gibt der Aufrufer über den Kontext frei (Context.allowed).",
            f"Personal data in the reply ({en}): unless it belongs to the customer the bot is talking to, "
            "sending it discloses it to an unauthorised person (a personal data breach). Mask it; the "
            "caller allows the customer's own data through the context (Context.allowed).",
        )
        return cls(
            rule_id=f"{NAME}.{kind}",
            message=message,
            legal_basis=LEGAL_BASIS.get(kind, _BASE),
            severity=_SEVERITY.get(kind, Severity.HIGH),
            placeholders=placeholders,
            details=MappingProxyType({"kind": kind}),  # never the value: the log masks the span by its keyed hash
        )

    def finding(self, start: int, end: int, language: Language) -> Finding:
        span = Span(start, end)
        return Finding(
            rule_id=self.rule_id,
            category=CATEGORY,
            span=span,
            message=self.message,
            legal_basis=self.legal_basis,
            severity=self.severity,
            validator=NAME,
            fix=Edit(span, self.placeholders[language]),
            details=self.details,
        )


@dataclass(eq=False)
class PersonalDataValidator:
    """The compiled validator: pure, thread-safe (never mutated after build; the one shared state is the
    memo of phone-number readings in phones.py, safe under the GIL), no I/O in `detect`."""

    kinds: frozenset[str]
    patterns: tuple[CompanyPattern, ...]
    allowed: AllowedValues
    role_mailboxes: frozenset[str]
    allowed_domains: tuple[str, ...]
    region: str
    other_regions: tuple[str, ...]
    allow_service_numbers: bool
    latest_birth_year: int
    parts: Mapping[str, FindingParts]  # kind -> its findings' rule id, message, placeholders ...
    default_language: Language
    scanner: CandidateScanner
    name: str = NAME

    def detect(self, text: str, ctx: Context) -> Sequence[Finding]:
        hits = self.scan(text)
        if hits and ctx.allowed:
            own = AllowedValues.of(ctx.allowed, self.region)
            hits = [hit for hit in hits if not own.allows(hit)]
        if not hits:
            return []
        language = reply_language(text, ctx.language, self.default_language)
        return [self.parts[hit.kind].finding(hit.start, hit.end, language) for hit in hits]

    def scan(self, text: str) -> list[Hit]:
        """Every piece of personal data in `text` that is not one of the company's allowed values."""
        found: list[Hit] = [hit for pattern in self.patterns for hit in _pattern_hits(pattern, text)]
        if "@" in text and Kind.EMAIL in self.kinds:
            found.extend(find_emails(text, self.role_mailboxes, self.allowed_domains))
        if _has_digit(text):
            found.extend(self._structured(text))
        if not found:
            return []
        kept = _without_overlaps(found)
        return [hit for hit in kept if not self.allowed.allows(hit)]

    def _structured(self, text: str) -> list[Hit]:
        """The kinds found by structure, each only where the shared scan found a possible start."""
        candidates = self.scanner.scan(text)
        found: list[Hit] = []
        if candidates.iban:
            found.extend(find_ibans(text, candidates.iban))
        if candidates.card:
            found.extend(find_cards(text, candidates.card))
        if candidates.vat:
            found.extend(find_vat_ids(text, candidates.vat))
        if candidates.tax:
            found.extend(find_tax_ids(text, candidates.tax))
        if candidates.phone:
            found.extend(
                find_phones(text, candidates.phone, self.region, self.allow_service_numbers, self.other_regions)
            )
        if candidates.birth:
            found.extend(find_birth_dates(text, self.latest_birth_year))
        if candidates.address:
            found.extend(find_addresses(text, candidates.address, candidates.english_street))
        return found


def _pattern_hits(pattern: CompanyPattern, text: str) -> Iterable[Hit]:
    for match in pattern.regex.finditer(text):
        if match.end() > match.start():
            yield Hit(pattern.kind, match.start(), match.end(), compact(match.group()))


def _without_overlaps(hits: list[Hit]) -> list[Hit]:
    """Of overlapping hits keep the one of the surer kind (then the longer one); in text order."""
    kept: list[Hit] = []
    company = _RANK[""]
    for hit in sorted(hits, key=lambda h: (_RANK.get(h.kind, company), h.start, h.start - h.end)):
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
    parts = {
        kind: FindingParts.of(kind, pair, {language: settings.placeholder_for(language, pair) for language in Language})
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
        parts=parts,
        default_language=ctx.default_language,
        scanner=CandidateScanner.for_kinds(frozenset(settings.kinds)),
    )
    _check_placeholders(validator, settings, ctx)
    return validator


def _check_placeholders(validator: PersonalDataValidator, settings: Settings, ctx: BuildContext) -> None:
    """No placeholder may be flagged itself: the engine evaluates the rewritten reply again."""
    for kind, parts in validator.parts.items():
        for language, text in parts.placeholders.items():
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
