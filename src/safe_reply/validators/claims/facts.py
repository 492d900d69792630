"""The product facts of a product line, compiled once: figures, products, service terms, tests.

`FactBase.from_product_line` turns the YAML facts into comparable values. A figure with a unit
becomes a `NumericFact`: its value in the base unit of its dimension, a range when the fact gives one
("3,5 bis 15 kg"), which way is better (explicit `direction`, else the vocabulary's `lower_is_better`
words: noise, weight, charging time), whether the spec says "bis zu", its measurement conditions
(distance, mode), the product it holds for, and how a sentence names its attribute (label words and
the vocabulary's `attribute` groups). A fact can yield several: a value per product ("(Thermowell
L12: 4,9)" or `per_product:`), and the figures inside a text fact ("Zeltboden 10.000 mm, Außenzelt
3.000 mm"). Products come from `products.py`; the service terms, test results and prices a claim may
be backed by are collected here as text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum

from safe_reply.config_models import ConditionKind, Fact, FactDirection, ProductLine
from safe_reply.lang import detect_language
from safe_reply.types import Language
from safe_reply.validators.claims.lexicon import Lexicon, shipped_lexicon
from safe_reply.validators.claims.products import ProductIndex, products_of
from safe_reply.validators.claims.quantities import (
    UPPER_BOUND,
    Dimension,
    Quantity,
    ip_value,
    parse_number,
    quantities,
)
from safe_reply.validators.claims.units import UnknownUnit, fact_unit


class Direction(StrEnum):
    AT_MOST = "at_most"  # more is better (range, power): a claim may not exceed the spec
    AT_LEAST = "at_least"  # less is better (noise, weight, charging time): a claim may not undercut it
    EXACT = "exact"  # a claim must equal the spec


_FROM_CONFIG = {
    FactDirection.HIGHER_IS_BETTER: Direction.AT_MOST,
    FactDirection.LOWER_IS_BETTER: Direction.AT_LEAST,
    FactDirection.EXACT: Direction.EXACT,
}
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_STOP = frozenset("der die das des den dem und oder von bis mit nach auf für bei the of and up to per".split())
_PAREN = re.compile(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)")
_NAMED_VALUE = re.compile(
    r"([^\W\d_][\w.-]*(?:\s+[\w.-]+){0,3}?)\s*:\s*(-?\d+(?:[.,]\d+)?)\s*((?:[^\W\d_][^\s,;()]*(?:\([AC]\))?)?)"
)
_RANGE = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?)\s*(?:bis|–|-|to)\s*(\d+(?:[.,]\d+)?)\s*(?=[^\W\d])")
_MODELS_KEY = re.compile(r"^(?:models?|modelle?|sortiment|range|products?)$", re.IGNORECASE)
_JOINED = re.compile(r"\s*(?:bis|–|-|to)\s*\+?", re.IGNORECASE)
_DISTANCE = re.compile(r"\b(?:in|bei|at|aus)\s+(\d+(?:[.,]\d+)?)\s?(?:m|meter|metern|metres?|meters?)\b", re.I)
_MODE = re.compile(r"\b([^\W\d_]{3,}?)[- ]?(?:modus|mode|stufe|programm|level)\b", re.I)


@dataclass(frozen=True, slots=True)
class NumericFact:
    key: str
    label: str
    value: float  # in the base unit of `dimension`; the upper end of a range
    dimension: Dimension
    direction: Direction
    upper_bound: bool  # the spec says "bis zu"/"up to": a claim must keep the word
    cues: tuple[str, ...]  # lower-case label words
    product: int | None  # index into FactBase.products; None: the whole line
    shown: str  # how the fact is reported to the reviewer, e.g. "range_km = 120 km (bis zu, ...)"
    groups: tuple[re.Pattern[str], ...] = ()  # the vocabulary's attribute groups of its label
    low: float | None = None  # the lower end when the fact is a range ("3,5 bis 15 kg")
    distance_m: float | None = None  # measured at this distance ("in 3 m Abstand")
    mode: str | None = None  # measured in this mode ("nacht" for "Nachtmodus")


@dataclass(frozen=True, slots=True)
class ApprovedClaim:
    text: str
    language: Language
    tokens: frozenset[str]
    values: tuple[Quantity, ...]


def tokens(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def describe(fact: Fact) -> str:
    unit = f" {fact.unit}" if fact.unit else ""
    qualifier = f" ({fact.qualifier})" if fact.qualifier else ""
    return f"{fact.key} = {fact.value}{unit}{qualifier}"


@dataclass(frozen=True)
class FactBase:
    products: ProductIndex
    numeric: tuple[NumericFact, ...]
    text_facts: dict[str, str]  # key -> shown text, for non-numeric facts (origin, coating, ...)
    origin: str | None
    certifications: tuple[str, ...]
    guarantee: str | None
    approved: tuple[ApprovedClaim, ...]
    service: tuple[str, ...] = ()  # the service terms a commitment may rest on
    tests: tuple[str, ...] = ()  # documented test results and awards, with their source
    prices: tuple[float, ...] = ()  # every documented amount in euro
    all_text: str = ""  # every fact, certification, guarantee and approved claim, lower-cased

    @classmethod
    def from_product_line(
        cls,
        line: ProductLine,
        directions: dict[str, Direction] | None = None,
        lexicon: Lexicon | None = None,
    ) -> FactBase:
        lexicon = lexicon or shipped_lexicon()
        products = products_of(line, lexicon.words("product_noun"))
        numeric: list[NumericFact] = []
        text_facts: dict[str, str] = {}
        for fact in line.facts:
            compiled = _numeric_facts(fact, products, lexicon, (directions or {}).get(fact.key))
            numeric.extend(compiled)
            if not compiled or not fact.unit:
                text_facts[fact.key] = describe(fact)
        origin = next((str(f.value) for f in line.facts if f.key == "origin"), None)
        approved = tuple(_approved(text, line) for text in line.approved_claims)
        service = [*(line.service.entries() if line.service else ()), *_service_facts(line, lexicon)]
        tests = tuple(describe(f) for f in line.facts if _is_test(f, lexicon))
        everything = [describe(f) for f in line.facts] + list(line.certifications) + [line.guarantee or ""]
        everything += list(line.approved_claims) + service
        return cls(
            products,
            tuple(numeric),
            text_facts,
            origin,
            line.certifications,
            line.guarantee,
            approved,
            tuple(service),
            tests,
            tuple(sorted({a for text in everything for a in money(text)})),
            "\n".join(everything).lower(),
        )

    def products_in(self, text: str) -> set[int]:
        return self.products.mentioned(text)

    def approved_for(self, language: Language) -> tuple[ApprovedClaim, ...]:
        return tuple(a for a in self.approved if a.language is language)


_MONEY = re.compile(
    r"(?:€|eur\b|euro\b)\s?(\d+(?:[.,]\d+)*)|(\d+(?:[.,]\d+)*)\s?(?:€|eur\b|euro\b|euros\b)", re.IGNORECASE
)


def money(text: str) -> list[float]:
    """Every amount in euro in `text` ("11.900 €", "€14,400", "€129", "4,95 Euro")."""
    found = []
    for match in _MONEY.finditer(text):
        raw = match.group(1) or match.group(2)
        # The separators say the format: "14,400" and "1,299.00" are English, "11.900" and "4,95" German.
        english = re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+\.\d{1,2}", raw) is not None
        value = parse_number(raw, Language.EN if english else Language.DE)
        if not math.isnan(value):
            found.append(value)
    return found


# ---------------------------------------------------------------- numeric facts


@dataclass(frozen=True, slots=True)
class _Template:
    """What every figure taken from one fact shares: its attribute words, conditions and direction."""

    key: str
    label: str
    upper: bool
    cues: tuple[str, ...]
    groups: tuple[re.Pattern[str], ...]
    distance_m: float | None
    mode: str | None
    direction: Direction | None  # None: by the dimension (noise is lower-is-better)
    shown: str

    def make(
        self,
        value: float,
        low: float | None,
        dimension: Dimension,
        product: int | None,
        *,
        key: str | None = None,
        shown: str | None = None,
        upper: bool | None = None,
        direction: Direction | None = None,
        extra: tuple[str, ...] = (),
        groups: tuple[re.Pattern[str], ...] = (),
    ) -> NumericFact:
        return NumericFact(
            key or self.key,
            self.label,
            value,
            dimension,
            direction or self.direction or _default_direction(dimension),
            self.upper if upper is None else upper,
            tuple(sorted({*self.cues, *extra})),
            product,
            shown or self.shown,
            self.groups + groups,
            low,
            self.distance_m,
            self.mode,
        )


def _numeric_facts(
    fact: Fact, products: ProductIndex, lexicon: Lexicon, direction: Direction | None
) -> list[NumericFact]:
    labels = " ".join(x for x in (fact.label_de, fact.label_en, fact.key.replace("_", " ")) if x)
    qualifier = fact.qualifier or ""
    outer_qualifier = _PAREN.sub(" ", qualifier)
    scope: list[int | None] = list(_scope(fact, products, labels, outer_qualifier)) or [None]
    cues, groups = _cues(fact, labels, lexicon)
    conditions = {**_conditions(outer_qualifier), **dict(fact.conditions)}
    template = _Template(
        fact.key,
        labels,
        fact.upper_bound if fact.upper_bound is not None else bool(UPPER_BOUND.search(qualifier)),
        cues,
        groups,
        _distance_of(conditions.get(ConditionKind.DISTANCE, "")),
        _mode_of(conditions.get(ConditionKind.MODE, "")),
        _direction(fact, direction, labels, lexicon),
        describe(fact),
    )
    main = _value(fact.value, fact.unit)
    if main is None:
        return _text_figures(fact, products, lexicon, scope, template) if isinstance(fact.value, str) else []
    value, low, dimension = main
    found = [template.make(value, low, dimension, product) for product in scope]
    for variant, low_variant in _variants(qualifier, dimension):
        found.extend(template.make(variant, low_variant, dimension, product, key=f"{fact.key}~") for product in scope)
    for name, (raw, unit) in _per_product(fact, qualifier):
        parsed = _value(raw, unit or fact.unit)
        if parsed is None or parsed[2] is not dimension:
            continue
        for product in products.named(name):
            found.append(
                template.make(
                    parsed[0],
                    parsed[1],
                    dimension,
                    product,
                    key=f"{fact.key}[{products.name(product)}]",
                    shown=f"{describe(fact)} [{name}: {raw}]",
                )
            )
    return found


def _variants(qualifier: str, dimension: Dimension) -> list[tuple[float, float | None]]:
    """Values of the same attribute under other conditions that the qualifier gives ("bei −20 °C bis zu
    60 °C", "Packgewicht 2,7 kg", "Gasfeder für große Personen 47–60 cm", "Unsicherheit K = 3 dB")."""
    text = _PAREN.sub(" ", qualifier)
    figures = [q for q in quantities(text, Language.DE) if q.dimension is dimension]
    return [(value, low) for _, value, low in _ranged(text, figures)]


def _ranged(text: str, figures: list[Quantity]) -> list[tuple[Quantity, float, float | None]]:
    """(figure, value, low end) per value; "−25 °C bis +35 °C" and "3,5 bis 15 kg" are one range."""
    found: list[tuple[Quantity, float, float | None]] = []
    for position, quantity in enumerate(figures):
        previous = figures[position - 1] if position else None
        following = figures[position + 1] if position + 1 < len(figures) else None
        if _joined(text, previous, quantity):
            continue  # the upper end of a range made below
        if _joined(text, quantity, following):
            assert following is not None
            found.append((quantity, following.value, quantity.value))
            continue
        span = _RANGE.search(text[max(0, quantity.start - 14) : quantity.end])
        low = None
        if span:
            low = (
                parse_number(span.group(1), Language.DE)
                * quantity.value
                / max(parse_number(span.group(2), Language.DE), 1e-12)
            )
        found.append((quantity, quantity.value, low))
    return found


def _joined(text: str, first: Quantity | None, second: Quantity | None) -> bool:
    return (
        first is not None
        and second is not None
        and first.dimension is second.dimension
        and _JOINED.fullmatch(text[first.end : second.start]) is not None
    )


def _value(raw: str | int | float, unit: str | None) -> tuple[float, float | None, Dimension] | None:
    """(value, low end of a range or None, dimension) of a fact value with its unit."""
    if isinstance(raw, str) and re.fullmatch(r"IP[0-9X]{2}", raw.strip(), re.I):
        return ip_value(raw.strip()), None, Dimension.IP
    if not unit:
        return None
    try:
        parsed = fact_unit(unit)
    except UnknownUnit:
        return None
    if isinstance(raw, int | float):
        return float(raw) * parsed.factor, None, parsed.dimension
    text = raw.strip()
    span = _RANGE.fullmatch(text + " x")
    if span:
        low, high = (parse_number(span.group(i), Language.DE) * parsed.factor for i in (1, 2))
        return high, low, parsed.dimension
    if re.fullmatch(r"\d+(?:[.,]\d+)?", text):
        return parse_number(text, Language.DE) * parsed.factor, None, parsed.dimension
    return None


def _per_product(fact: Fact, qualifier: str) -> list[tuple[str, tuple[str | int | float, str | None]]]:
    """Other products' values: `per_product:`, else "(Thermowell L12: 4,9)" in the qualifier."""
    if fact.per_product:
        return [(name, (value, None)) for name, value in fact.per_product.items()]
    found: list[tuple[str, tuple[str | int | float, str | None]]] = []
    for inner in _PAREN.findall(qualifier):
        for match in _NAMED_VALUE.finditer(inner):
            unit = match.group(3).strip() or None
            found.append((match.group(1), (match.group(2), unit)))
    return found


def _text_figures(
    fact: Fact, products: ProductIndex, lexicon: Lexicon, scope: list[int | None], template: _Template
) -> list[NumericFact]:
    """The figures inside a text fact, one per segment ("Zeltboden 10.000 mm, Außenzelt 3.000 mm")."""
    # A price list or shipping rule names pack sizes and thresholds ("12 kg 54,99 €"): the service checks
    # judge them.
    if lexicon.has("service_topic", template.label):
        return []
    found: list[NumericFact] = []
    current = scope
    for segment in re.split(r";|,(?=\s)(?![^()]*\))", str(fact.value)):
        named = products.named(segment.split(":")[0]) if ":" in segment else set()
        if named:
            current = [*sorted(named)]
        figures = [q for q in quantities(segment, Language.DE) if q.dimension not in (Dimension.OTHER, Dimension.IP)]
        if _MODELS_KEY.match(fact.key):
            # A models fact describes the products ("Platte 160 × 80 cm"): its figures count only where an
            # attribute word stands right before them ("Heizleistung 7,9 kW").
            figures = [q for q in figures if _groups_of(segment[max(0, q.start - 25) : q.start], lexicon)]
        words = tuple(
            w
            for w in tokens(_PAREN.sub(" ", segment))
            if len(w) >= 4 and w not in _STOP and not w[0].isdigit() and not products.named(w)
        )
        groups = _groups_of(segment, lexicon)
        for quantity, value, low in _ranged(segment, figures):
            upper = bool(re.search(r"\bbis\s*(?:zu\s*)?$", segment[: quantity.start].rstrip()[-8:] + " ", re.I))
            direction = template.direction or (Direction.AT_MOST if upper or low is not None else None)
            found.extend(
                template.make(
                    value,
                    low,
                    quantity.dimension,
                    product,
                    key=f"{fact.key}:{segment.strip()[:40]}",
                    shown=f"{fact.key} = {segment.strip()}",
                    upper=upper,
                    direction=direction,
                    extra=words,
                    groups=groups,
                )
                for product in current
            )
    return found


def _scope(fact: Fact, products: ProductIndex, labels: str, qualifier: str) -> list[int]:
    """The products a fact's value holds for: explicit, else named in its label or qualifier."""
    if fact.products:
        return sorted({i for name in fact.products for i in products.named(name)})
    return sorted(products.named(labels) or products.named(qualifier))


def _cues(fact: Fact, labels: str, lexicon: Lexicon) -> tuple[tuple[str, ...], tuple[re.Pattern[str], ...]]:
    words = tokens(_PAREN.sub(" ", labels))
    words += [part for w in words if "-" in w for part in w.split("-")]
    cues = tuple(sorted({w for w in words if len(w) >= 4 and w not in _STOP}))
    if fact.attribute:
        pattern = lexicon.pattern(f"attribute.{fact.attribute}")
        return cues, (pattern,) if pattern is not None else ()
    # The German label first: English attribute words are more often ambiguous ("operating range").
    for label in (fact.label_de, fact.label_en, fact.key.replace("_", " ")):
        groups = _groups_of(_PAREN.sub(" ", label or ""), lexicon)
        if groups:
            return cues, groups
    return cues, ()


def _groups_of(text: str, lexicon: Lexicon) -> tuple[re.Pattern[str], ...]:
    """The attribute groups whose words occur in `text` (a label names its attribute)."""
    found = []
    for group in lexicon.groups("attribute"):
        pattern = lexicon.pattern(group)
        if pattern is not None and pattern.search(text):
            found.append(pattern)
    return tuple(found)


def _direction(fact: Fact, configured: Direction | None, labels: str, lexicon: Lexicon) -> Direction | None:
    if fact.direction is not None:
        return _FROM_CONFIG[fact.direction]
    if configured is not None:
        return configured
    if lexicon.has("lower_is_better", labels) and not lexicon.has("higher_is_better", labels):
        return Direction.AT_LEAST
    if lexicon.has("higher_is_better", labels):
        return Direction.AT_MOST
    return None


def _default_direction(dimension: Dimension) -> Direction:
    # A noise figure without an attribute word is a noise level: a claim may not undercut it.
    return Direction.AT_LEAST if dimension is Dimension.SOUND else Direction.AT_MOST


def _conditions(qualifier: str) -> dict[ConditionKind, str]:
    found: dict[ConditionKind, str] = {}
    distance = _DISTANCE.search(qualifier)
    if distance:
        found[ConditionKind.DISTANCE] = distance.group()
    mode = _MODE.search(qualifier)
    if mode:
        found[ConditionKind.MODE] = mode.group()
    return found


def _distance_of(text: str) -> float | None:
    match = _DISTANCE.search(text) or re.search(r"(\d+(?:[.,]\d+)?)\s?m\b", text)
    return parse_number(match.group(1), Language.DE) if match else None


def _mode_of(text: str) -> str | None:
    match = _MODE.search(text)
    return match.group(1).lower() if match else None


# ---------------------------------------------------------------- service terms and tests


def _service_facts(line: ProductLine, lexicon: Lexicon) -> list[str]:
    return [
        describe(f)
        for f in line.facts
        if lexicon.has("service_topic", f"{f.key.replace('_', ' ')} {f.label_de or ''} {f.label_en or ''}")
    ]


def _is_test(fact: Fact, lexicon: Lexicon) -> bool:
    label = f"{fact.key.replace('_', ' ')} {fact.label_de or ''} {fact.label_en or ''}"
    if re.search(
        r"test\s*(?:ergebnis|result|urteil|verdict|bericht|report)|award|auszeichnung|prämierung", label, re.I
    ):
        return True
    return lexicon.has("test_publisher", str(fact.value))


def _approved(text: str, line: ProductLine) -> ApprovedClaim:
    language = detect_language(text, line.default_language or Language.DE)
    return ApprovedClaim(text, language, frozenset(tokens(text)), tuple(quantities(text, language)))


def has_upper_bound(sentence: str) -> bool:
    return UPPER_BOUND.search(sentence) is not None


def distance_in(sentence: str) -> float | None:
    """The measuring distance a sentence claims: "in 1 m Abstand" -> 1.0; "right next to it" -> 0."""
    if _NEAR.search(sentence):
        return 0.0
    match = re.search(
        r"(\d+(?:[.,]\d+)?)\s?(?:m|meter|metern|metres?|meters?)\s+(?:abstand|entfernung|away|distance|from)",
        sentence,
        re.I,
    )
    return parse_number(match.group(1), Language.DE) if match else None


def modes_in(sentence: str) -> set[str]:
    return {m.group(1).lower() for m in _MODE.finditer(sentence)}


_NEAR = re.compile(
    r"\b(?:direkt|unmittelbar|gleich)\s+(?:neben|am|an|vor|daneben)\b|\bdirekt\s+daneben\b|\bright\s+next\s+to\b"
    r"|\bdirectly\s+(?:next\s+to|beside|in\s+front\s+of)\b|\bup\s+close\b|\bnext\s+to\s+the\s+unit\b",
    re.I,
)
