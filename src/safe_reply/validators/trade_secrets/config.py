"""Settings of the trade-secret validator and loading of the (secret) term files.

Also the kinds of protected information with their German and English labels (`kind_labels`), which
findings show to the reviewer.

The real list of protected terms is itself a trade secret, so it can live outside the config
folder in git: `terms_file` / `company_terms_file` (paths relative to the config folder) or
`terms_env` (an environment variable naming such a file). Every file read is added to
BuildContext.sources so that it enters the policy hash.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_validator,
)

from safe_reply.types import Language
from safe_reply.validators.trade_secrets.context import DEFAULT_NAME_WINDOW
from safe_reply.validators.trade_secrets.regexes import compile_user_pattern

__all__ = [
    "AmountEntry",
    "Currency",
    "Entry",
    "FactEntry",
    "FlatTerm",
    "HostEntry",
    "Kind",
    "KindName",
    "Loaded",
    "PatternEntry",
    "Scope",
    "Settings",
    "TermEntry",
    "bans_word",
    "kind_labels",
    "names_organisation",
]


class Kind(StrEnum):
    """The kinds safe_reply knows a label and severity for. A company may use any other kind name
    (`[a-z][a-z0-9_]*`, e.g. `key_account`): the kind is the company's own statistics key and part of
    the rule id (trade_secrets.<kind>), so it is kept as written, never folded into `other`."""

    CODENAME = "codename"
    UNRELEASED_PRODUCT = "unreleased_product"
    SUPPLIER = "supplier"
    PURCHASE_PRICE = "purchase_price"
    INTERNAL_SYSTEM = "internal_system"
    INTERNAL_HOST = "internal_host"
    INTERNAL_ID = "internal_id"
    INTERNAL_LIMIT = "internal_limit"
    INTERNAL_PLAN = "internal_plan"
    NEGOTIATION = "negotiation"
    KEY_ACCOUNT = "key_account"
    QUALITY_DATA = "quality_data"
    TICKET_ID = "ticket_id"
    FORMULA_ID = "formula_id"
    CREDENTIAL = "credential"
    OTHER = "other"


# Beside the kinds they name, so that a new kind gets its German and English label in the same edit.
_KIND_LABELS: dict[str, tuple[str, str]] = {
    Kind.CODENAME: ("interner Codename", "internal codename"),
    Kind.UNRELEASED_PRODUCT: ("unveröffentlichtes Produkt", "unreleased product"),
    Kind.SUPPLIER: ("Lieferant", "supplier"),
    Kind.PURCHASE_PRICE: ("Einkaufspreis", "purchase price"),
    Kind.INTERNAL_SYSTEM: ("internes System", "internal system"),
    Kind.INTERNAL_HOST: ("interner Hostname", "internal host name"),
    Kind.INTERNAL_ID: ("interne Kennung", "internal identifier"),
    Kind.INTERNAL_LIMIT: ("interne Grenze", "internal limit"),
    Kind.INTERNAL_PLAN: ("interne Planung", "internal plan"),
    Kind.NEGOTIATION: ("Verhandlungsposition", "negotiation position"),
    Kind.KEY_ACCOUNT: ("Großkunde", "key account"),
    Kind.QUALITY_DATA: ("interne Qualitätsdaten", "internal quality data"),
    Kind.TICKET_ID: ("interne Ticketnummer", "internal ticket id"),
    Kind.FORMULA_ID: ("interne Rezepturnummer", "internal formula id"),
    Kind.CREDENTIAL: ("Zugangsdaten", "credential"),
    Kind.OTHER: ("vertrauliche Angabe", "confidential information"),
}


def kind_labels(kind: str) -> tuple[str, str]:
    """German and English label of a kind; a company's own kind is shown by its name."""
    known = _KIND_LABELS.get(kind)
    if known is not None:
        return known
    shown = kind.replace("_", " ")
    return f"vertrauliche Angabe: {shown}", f"confidential information: {shown}"


class Scope(StrEnum):
    """Which bots an entry protects against: every product line of the company (the default: a codename
    of one line must not leak through another line's bot), or only the line that lists it."""

    COMPANY = "company"
    LINE = "line"


# A kind is any lower_snake_case identifier; the known ones (Kind) bring their own labels.
KindName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]


_SINGLE_WORD = re.compile(r"[^\W\d_]+")

# Nouns of kind names (the shipped ones and a company's own, German or English) that say the entry names an
# organisation: a competitor, a supplier, a customer. Such a name is often a frequent word to wordfreq
# ("Samsung", "Bosch", "Telekom"), and its ordinary-word rule then reads the reply's grammar for a name,
# not only cue words (context.NameRule `organisation`): a German reply names a firm without an article
# ("Samsung ist günstiger", "bei Bosch"), where a codename that is a noun stays quiet ("bei Nebel").
# The one list of them: partial.py inflects these entries' head nouns too.
_ORGANISATION_KIND_NOUNS = (
    "competitor", "rival", "supplier", "vendor", "account", "customer", "client", "partner", "manufacturer",
    "brand", "dealer", "distributor", "wholesaler", "retailer", "reseller", "oem", "contractor", "company",
    "companies", "bank", "insurer", "carrier", "provider", "merchant", "shop", "store", "chain",
    "konkurrent", "wettbewerber", "mitbewerber", "lieferant", "kunde", "haendler", "händler", "hersteller",
    "marke", "anbieter", "firma", "firmen", "unternehmen", "versicherer", "filialist",
    # The field a list of rivals is named after ("wettbewerb", "konkurrenz", "competition"): its entries are firms.
    "wettbewerb", "konkurrenz", "competition", "mitbewerb",
)  # fmt: skip
# Nouns a kind name ends with that make it a list of such names ("competitor_names", "key_accounts_list"), and
# a language or region the list is for ("competitors_de", "kunden_dach").
_LIST_NOUNS = frozenset({
    "name", "names", "list", "liste", "namen", "de", "en", "at", "ch", "eu", "us", "uk", "dach", "intl", "global",
})  # fmt: skip
# Head nouns that name an organisation only as a customer: after one of these words they name a thing of
# software or money ("bank_account", "user_account", "api_client", "mail_client"), not a firm.
_AMBIGUOUS_HEADS = frozenset({"account", "accounts", "client", "clients", "konto", "konten"})
_THING_MODIFIERS = frozenset({
    "bank", "user", "email", "mail", "service", "api", "oauth", "admin", "test", "cloud", "login", "sso", "ftp",
    "db", "database", "git", "ssh", "vpn", "app", "web", "desktop", "mobile", "http", "rest", "sql", "storage",
    "savings", "giro", "social", "demo", "system", "root", "aws", "azure", "gcp", "iban", "paypal", "stripe",
    "benutzer", "nutzer", "kunden", "spar", "tages", "firmen", "geschaefts", "geschäfts", "sftp", "smtp", "imap",
    "vnc", "rdp", "thin", "fat", "rich", "chat", "ldap", "radius", "mqtt", "grpc", "sdk", "cli", "voip", "sip",
})  # fmt: skip
_KIND_SUFFIXES = ("", "s", "es", "n", "en", "e", "in", "innen")
_COMPOUND_NOUN_LEN = 5  # nouns this long also end a German compound kind ("hauptlieferant", "grosskunde")


@functools.lru_cache(maxsize=256)  # a list of 100,000 terms has a handful of kinds
def names_organisation(kind: str) -> bool:
    """Does an entry of this kind name an organisation (a competitor, supplier or customer)? Its head noun
    decides (the last `_`-separated word, before a "names", "list" or a language): "bank_partner",
    "retail_chain", "competitors_de" and "wettbewerb" do, "bank_details", "supply_chain_risk", "kundendaten",
    "storage_limit", and an account or client of software or money ("bank_account", "api_client") do not."""
    tokens = [t for t in kind.split("_") if t]
    while len(tokens) > 1 and tokens[-1] in _LIST_NOUNS:
        tokens.pop()
    if not tokens:
        return False
    head = tokens[-1]
    if head in _AMBIGUOUS_HEADS and len(tokens) > 1 and tokens[-2] in _THING_MODIFIERS:
        return False
    for noun in _ORGANISATION_KIND_NOUNS:
        for suffix in _KIND_SUFFIXES:
            form = noun + suffix
            if head == form or (len(noun) >= _COMPOUND_NOUN_LEN and head.endswith(form)):
                return True
    return False


# Head nouns of kinds that name a piece of software ("internal_system", "erp_tool", "crm", "warenwirtschaft").
_SYSTEM_KIND_NOUNS = frozenset({
    "system", "systems", "systeme", "tool", "tools", "software", "host", "hosts", "server", "database", "db", "erp",
    "crm", "app", "platform", "plattform", "warenwirtschaft", "datenbank",
})  # fmt: skip


@functools.lru_cache(maxsize=256)
def names_system(kind: str) -> bool:
    """Does an entry of this kind name an internal piece of software (its head noun decides, as for organisations)?"""
    tokens = [t for t in kind.split("_") if t]
    while len(tokens) > 1 and tokens[-1] in _LIST_NOUNS:
        tokens.pop()
    return bool(tokens) and tokens[-1] in _SYSTEM_KIND_NOUNS


# Parts of kind names that say the entry is a word banned in every sense ("banned_term", "blocked_words",
# "verbotene_woerter"): a ban list bans the word, not a name, so its ordinary words count everywhere
# unless the entry sets `ordinary_word` or `context` itself.
_BANNED_KIND_PARTS = ("banned", "blocked", "forbidden", "blacklist", "denylist", "profan", "verbot", "gesperrt")


@functools.lru_cache(maxsize=256)
def bans_word(kind: str) -> bool:
    """Is an entry of this kind a word banned wherever it appears?"""
    return any(part in kind for part in _BANNED_KIND_PARTS)



class _TermRules:
    """What the build asks of a term entry, shared by the YAML model and the light flat-file term."""

    __slots__ = ()
    if TYPE_CHECKING:
        term: str
        kind: str
        ordinary_word: bool | None
        context: Sequence[str]

    @property
    def single_word(self) -> bool:
        """One word of letters only: the shape whose ordinariness word frequencies can decide."""
        return self.term.isalpha() or _SINGLE_WORD.fullmatch(self.term) is not None

    def uses_name_rule(self, ordinary: frozenset[str]) -> bool:
        """Does the name rule apply (set by hand, context words given, or an ordinary word by frequency)?"""
        if self.ordinary_word is not None:
            return self.ordinary_word
        return bool(self.context) or (self.term.lower() in ordinary and not bans_word(self.kind))


class TermEntry(_TermRules, BaseModel):
    """A literal term, matched in every spelling (see the README section on trade secrets)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    term: str = Field(min_length=1)
    kind: KindName
    aliases: list[str] = Field(default_factory=list)  # e.g. the English name of a codename
    allowed: list[str] = Field(default_factory=list)  # ordinary words containing this term
    # The term is also an ordinary word ("Kranich" the bird): a leak only where used as a name
    # (context.py). Unset: decided at load from word frequencies (safe_reply/word_frequencies.py) for single words.
    # `context` adds cue words for this term and switches the rule on as well.
    ordinary_word: bool | None = None
    context: list[str] = Field(default_factory=list)
    scope: Scope = Scope.COMPANY
    note: str | None = None

    @model_validator(mode="after")
    def _has_letters(self) -> TermEntry:
        for value in (self.term, *self.aliases, *self.allowed, *self.context):
            if not value.isalnum() and not any(c.isalnum() for c in value):
                raise ValueError(f"'{value}' has no letter or digit to match")
        return self


@dataclass(frozen=True, slots=True)
class FlatTerm(_TermRules):
    """A term of a flat terms file (.txt, .csv without extra columns): a term and a kind, nothing
    else. It answers like a TermEntry at a tenth of the memory (100,000 pydantic models take 115 MB)."""

    term: str
    kind: str
    scope: Scope = Scope.COMPANY
    ordinary_word: bool | None = None
    context: tuple[str, ...] = ()
    # What a flat term never has: class constants, not fields (less memory per term of a long list).
    aliases: ClassVar[tuple[str, ...]] = ()
    allowed: ClassVar[tuple[str, ...]] = ()
    note: ClassVar[str | None] = None


class PatternEntry(BaseModel):
    """A regular expression (purchase prices, ticket ids, host names)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pattern: str = Field(min_length=1)
    kind: KindName
    scope: Scope = Scope.COMPANY
    note: str | None = None

    @model_validator(mode="after")
    def _compiles(self) -> PatternEntry:
        try:
            compiled = re.compile(self.pattern)
        except re.error as exc:
            raise ValueError(f"invalid regular expression ({exc})") from None
        if compiled.match(""):
            raise ValueError("the pattern matches the empty string")
        compile_user_pattern(self.pattern)  # linear-time engine, or Python's only where safe (regexes.py)
        return self


class Currency(StrEnum):
    EUR = "EUR"
    USD = "USD"
    GBP = "GBP"
    CHF = "CHF"


class AmountEntry(BaseModel):
    """A fixed amount ("412 EUR"): found in every spelling ("412,00 €", "EUR 412", "vierhundertzwölf
    Euro", "0,4k €" is not it), never inside another number ("1.412 €")."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    amount: Decimal = Field(gt=0)
    currency: Currency
    kind: KindName
    scope: Scope = Scope.COMPANY
    note: str | None = None


class FactEntry(BaseModel):
    """An internal fact: what it is (`fact`), its value in any unit ("14 %", "800 Stück", "60 €",
    "02/2027") and optional cue words. A sentence with the value and a word of the fact or a cue
    (German or English, facts.py) is a leak, however it is phrased."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fact: str = Field(min_length=1)
    value: str | None = None
    cues: list[str] = Field(default_factory=list)
    kind: KindName
    scope: Scope = Scope.COMPANY
    note: str | None = None


class HostEntry(BaseModel):
    """A host name or address ("build-srv.corp.lan", "10.42.7.30"), or every host of a domain
    ("*.corp.lan"); found through defanging ("build-srv[.]corp[.]lan", "erp dot corp dot lan")."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    host: str = Field(min_length=3, pattern=r"^(\*\.)?[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$")
    kind: KindName
    scope: Scope = Scope.COMPANY
    note: str | None = None


_TAGS = ("pattern", "amount", "fact", "host")


def _entry_tag(value: Any) -> str:
    if isinstance(value, dict):
        return next((tag for tag in _TAGS if tag in value), "term")
    for tag, model in (("pattern", PatternEntry), ("amount", AmountEntry), ("fact", FactEntry), ("host", HostEntry)):
        if isinstance(value, model):
            return tag
    return "term"


Entry = Annotated[
    Annotated[TermEntry, Tag("term")]
    | Annotated[PatternEntry, Tag("pattern")]
    | Annotated[AmountEntry, Tag("amount")]
    | Annotated[FactEntry, Tag("fact")]
    | Annotated[HostEntry, Tag("host")],
    Discriminator(_entry_tag),
]
# What a loaded list holds: the models of YAML and JSON, and the light terms of flat files.
Loaded = TermEntry | PatternEntry | FlatTerm | AmountEntry | FactEntry | HostEntry


class Settings(BaseModel):
    """`validators.trade_secrets` in defaults.yaml and the product-line files."""

    model_config = ConfigDict(extra="forbid")

    # One string for every language, or one per language ({de: "[vertraulich]", en: "[confidential]"}).
    placeholder: str | dict[Language, str] = "[vertraulich]"
    terms: list[Entry] = Field(default_factory=list)
    company_terms: list[Entry] = Field(default_factory=list)
    terms_file: str | None = None
    company_terms_file: str | None = None
    terms_env: str | None = None
    # An empty or comment-only terms file is a mistake that switches protection off, unless said so.
    allow_empty: bool = False
    allowed_terms: list[str] = Field(default_factory=list)
    # Extra cue words of the name rule for every ordinary-word term (added to the shipped lists).
    name_cues: list[str] = Field(default_factory=list)
    name_window: int = Field(default=DEFAULT_NAME_WINDOW, ge=1, le=12)
    # The built-in credential pack (credentials.py): API keys, tokens, private keys, passwords in URLs.
    credentials: bool = False

    @model_validator(mode="after")
    def _placeholder_per_language(self) -> Settings:
        if isinstance(self.placeholder, dict):
            missing = [lang.value for lang in Language if not self.placeholder.get(lang, "").strip()]
            if missing:
                raise ValueError(f"placeholder has no text for {', '.join(missing)}: give one per language (de, en)")
        elif not self.placeholder.strip():
            raise ValueError("placeholder is empty: use a visible marker such as '[vertraulich]'")
        return self

    def placeholders(self) -> dict[Language, str]:
        """The placeholder per language."""
        if isinstance(self.placeholder, dict):
            return dict(self.placeholder)
        return dict.fromkeys(Language, self.placeholder)
