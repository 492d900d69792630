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
from pydantic_core import PydanticCustomError

from safe_reply.types import Action, Language

# A finding category: the built-in ones (safe_reply.types.Category) or one a validator declares. The
# loader checks every key of an action table against the categories of the registered validators.
CategoryName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class Mode(StrEnum):
    ENFORCE = "enforce"
    MONITOR = "monitor"  # deliver every reply unchanged, record what enforce mode would have done


class Streaming(StrEnum):
    """How a streamed reply leaves the guard (`streaming:` of a product line; docs/runnable.md)."""

    SENTENCE = "sentence"  # each sentence as soon as it is checked in the context of the reply so far
    REPLY = "reply"  # the whole reply in one chunk, after one decision


class ToolKind(StrEnum):
    """Where a tool's arguments go (`tools:` of a product line; docs/agents.md)."""

    OUTBOUND = "outbound"  # to the customer (e-mail, SMS, ticket reply): every check, like a reply
    EXTERNAL = "external"  # to a third party (web search, a partner API): the trade-secret check
    INTERNAL = "internal"  # stays inside (order lookup, the own database): not checked


class Strict(BaseModel):
    # Unknown keys are errors (with "did you mean"), not silently ignored: a typo in a policy must
    # never switch a check off.
    model_config = ConfigDict(extra="forbid", frozen=True)


class ToolPolicy(Strict):
    """One tool of `tools:` in a product line."""

    kind: ToolKind
    # Outbound tools: the argument paths whose text reaches the customer ("body", "message.text",
    # "attachments.*.caption"); empty: every text argument. External tools: every text argument.
    arguments: tuple[Annotated[str, Field(pattern=r"^[^.\s]+(\.[^.\s]+)*$")], ...] = ()


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
    # After a store outage, how long the recorder spools straight away before it tries a fresh store.
    retry_seconds: float = Field(default=5.0, ge=0)
    # How long a reply waits for any one store call (turn count, record); a slower store is treated as
    # down: the record is spooled and the circuit opens for retry_seconds. PostgreSQL's statement timeout.
    store_timeout_seconds: float = Field(default=2.0, gt=0, le=60)


class Limits(Strict):
    """What one reply may cost (`limits:` in defaults.yaml; a product line may change single keys)."""

    # Longer replies are blocked unchecked (category reply_too_long), before any validator runs: the
    # cost of every check grows with the reply, and a bot that sends 100,000 characters is broken anyway.
    max_reply_chars: int = Field(default=100_000, ge=1)
    # How long one validator may take on one reply; over it, its findings become a validator_error
    # (fail closed). A validator's section may set its own (`time_budget_seconds`), e.g. for a model.
    # Wall-clock time: 2 s leaves a validator's first call (lazy set-up, ~60 ms) room on a loaded machine
    # (1 s blocked good replies there), and is the store timeout's bound too.
    time_budget_seconds: float = Field(default=2.0, gt=0, le=600)


class LimitOverrides(Strict):
    """`limits:` in a product line file: the keys given replace those of defaults.yaml."""

    max_reply_chars: int | None = Field(default=None, ge=1)
    time_budget_seconds: float | None = Field(default=None, gt=0, le=600)

    def over(self, limits: Limits) -> Limits:
        return limits.model_copy(update=self.model_dump(exclude_none=True))


class FactDirection(StrEnum):
    """Which way a fact's value is better: what a claim may not go beyond."""

    HIGHER_IS_BETTER = "higher_is_better"  # range, power: a claim may not exceed the value
    LOWER_IS_BETTER = "lower_is_better"  # noise, weight, charging time: a claim may not undercut it
    EXACT = "exact"  # a claim must equal it


class ConditionKind(StrEnum):
    """What a measurement condition of a fact is about ("in 3 m Abstand" is a distance)."""

    STANDARD = "standard"  # EN 14825, ISO 5393
    MODE = "mode"  # Eco-Modus, Nachtmodus, Turbostufe
    DISTANCE = "distance"  # in 3 m Abstand
    TEMPERATURE = "temperature"  # bei 35 °C Vorlauf, bei 20 °C Umgebung
    LOAD = "load"  # ohne Zusatzlast, harter Schraubfall
    STATE = "state"  # im Neuzustand, ohne Streaming
    OTHER = "other"


class ServeSettings(Strict):
    """`safe-reply serve`: who may call the HTTP service and how much one request may carry.

    API keys are secrets, so YAML holds only their SHA-256 hex digests (`api_key_sha256`); the keys
    themselves may also come from the environment variable named by `api_keys_env` (comma-separated).
    """

    api_keys_env: str = "SAFE_REPLY_API_KEYS"
    api_key_sha256: tuple[Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")], ...] = ()
    max_body_bytes: int = Field(default=1_048_576, ge=1_024)
    max_batch: int = Field(default=1_000, ge=1)


class Fact(Strict):
    """One spec-sheet fact. Only key and value are required; everything else refines the comparison.

    The corpus format's flat facts (label, unit, qualifier text) load as they are: the claims validator
    derives product scope, per-product values and conditions from label and qualifier when these keys
    are not given.
    """

    key: str = Field(min_length=1)
    label_de: str | None = None
    label_en: str | None = None
    value: str | int | float
    unit: str | None = None  # a unit the registry knows: "km", "dB(A)", "m²·Pa/W", "U/min", "Stunden"
    qualifier: str | None = None
    attribute: str | None = None  # a group of the claims vocabulary's `attribute` class, e.g. "noise"
    direction: FactDirection | None = None  # default: from the attribute words (noise, weight: lower)
    products: tuple[str, ...] = ()  # the products this value holds for (default: named in label/qualifier)
    per_product: dict[str, str | int | float] = Field(default_factory=dict)  # other products' values
    conditions: dict[ConditionKind, str] = Field(default_factory=dict)  # measured under these conditions
    upper_bound: bool | None = None  # the value is an "up to" figure (default: "bis zu"/"up to" in qualifier)

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, unit: str | None) -> str | None:
        if unit is None or not unit.strip():
            return None
        # Imported here: the unit registry loads only when a config has units.
        from safe_reply.units import UnknownUnit, fact_unit

        try:
            fact_unit(unit)
        except UnknownUnit as exc:
            raise PydanticCustomError(
                "config_fix",
                "{problem}",
                {
                    "problem": str(exc),
                    "fix": "write the unit as the registry spells it (km, km/h, dB(A), °C, m²·Pa/W, U/min, "
                    "furlong/fortnight), or leave `unit` out and keep the text in `value`",
                },
            ) from exc
        return unit


class Product(Strict):
    """A product of the line, with the names customers and bots use for it."""

    name: str = Field(min_length=1)  # "Thermowell L8"
    short_names: tuple[str, ...] = ()  # "L8"
    nouns: tuple[str, ...] = ()  # generic nouns that refer to it: "Wärmepumpe", "the heat pump", "der Mäher"
    on_sale: bool = True  # false: an unreleased product (a trade-secret topic, never a product claim)


class Service(Strict):
    """The service terms the assistant may state: anything it promises beyond them is a commitment."""

    returns: str | None = None  # return and refund policy: "30 Tage Rückgabe ab Lieferung, kostenlos"
    delivery: str | None = None  # delivery times and shipping costs
    discounts: tuple[str, ...] = ()  # discounts and goodwill the assistant may offer
    prices: tuple[str, ...] = ()  # the price list: "Thermowell L8: 11.900 € inkl. MwSt."
    warranty_process: str | None = None  # how a warranty or guarantee claim is handled
    other: tuple[str, ...] = ()  # further documented terms: subscriptions, repairs, subsidies

    def entries(self) -> tuple[str, ...]:
        single = (self.returns, self.delivery, self.warranty_process)
        return tuple(text for text in (*single, *self.discounts, *self.prices, *self.other) if text)


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
    serve: ServeSettings = ServeSettings()
    limits: Limits = Limits()


class ProductLine(Strict):
    """config/product_lines/<id>.yaml"""

    id: str
    name: str | None = None
    mode: Mode | None = None
    streaming: Streaming = Streaming.SENTENCE
    # Tools the bot may call, by name; a tool not named here is internal (its arguments are not checked).
    tools: dict[str, ToolPolicy] = Field(default_factory=dict)
    default_language: Language | None = None
    languages: tuple[Language, ...] | None = None
    actions: dict[CategoryName, Action] = Field(default_factory=dict)
    fallback: Fallback | None = None
    # Product facts: what claims are compared with.
    products: tuple[Product, ...] = ()  # default: derived from a `models` fact and the fact labels
    service: Service | None = None  # default: derived from facts about shipping, returns, prices
    facts: tuple[Fact, ...] = ()
    certifications: tuple[str, ...] = ()
    guarantee: str | None = None
    approved_claims: tuple[str, ...] = ()
    validators: dict[str, dict[str, Any]] = Field(default_factory=dict)
    limits: LimitOverrides = LimitOverrides()

    @field_validator("id")
    @classmethod
    def _line_id(cls, value: str) -> str:
        # German product names are ids too ("ferngläser", "stühle"): any lower-case letter starts one, then letters,
        # digits, "_" and "-" (the id names a file, config/product_lines/<id>.yaml, and a log column).
        if value and value[0].isalpha() and value == value.lower() and all(c.isalnum() or c in "_-" for c in value):
            return value
        raise PydanticCustomError(
            "config_fix",
            "{problem}",
            {
                "problem": f"product line id '{value}' must start with a lower-case letter and hold only lower-case "
                "letters, digits, '_' and '-'",
                "fix": "write the id in lower case without spaces or punctuation (e.g. 'ferngläser', 'e-bikes')",
            },
        )

    @field_validator("facts")
    @classmethod
    def _unique_keys(cls, facts: tuple[Fact, ...]) -> tuple[Fact, ...]:
        first: dict[str, int] = {}
        for index, fact in enumerate(facts):
            if fact.key in first:
                raise PydanticCustomError(
                    "config_fix",
                    "{problem}",
                    {
                        "problem": f"fact key '{fact.key}' is used twice (facts[{first[fact.key]}] and "
                        f"facts[{index}]); the later one would silently replace the earlier",
                        "fix": "give every fact its own key (a value per product goes into `per_product:`)",
                    },
                )
            first[fact.key] = index
        return facts

    @field_validator("guarantee")
    @classmethod
    def _none_means_none(cls, value: str | None) -> str | None:
        # "guarantee: none" in YAML is the string "none": the product has no guarantee.
        return None if value is not None and value.strip().lower() in {"none", "keine", ""} else value


class ValidatorSwitches(Strict):
    """The keys every validator section understands, whatever the validator."""

    enabled: bool = True
    fail_open: bool = False  # True: a crash of this validator is recorded but does not block
    time_budget_seconds: float | None = Field(default=None, gt=0, le=600)  # default: limits.time_budget_seconds
