"""The parts of a spec-sheet fact that every alternative shares: its value with unit, the products it holds
for, the words and attribute groups that name it, which way is better, and its measuring conditions."""

from __future__ import annotations

import re
from enum import StrEnum

from safe_reply.config_models import ConditionKind, Fact, FactDirection
from safe_reply.quantities import UPPER_BOUND, Dimension, decimals, ip_value, parse_number
from safe_reply.types import Language
from safe_reply.units import UnknownUnit, fact_unit
from safe_reply.validators.claims.lexicon import Lexicon
from safe_reply.validators.claims.products import ProductIndex
from safe_reply.validators.claims.wording import PAREN, STOP_WORDS, mode_matches, tokens


class Direction(StrEnum):
    AT_MOST = "at_most"  # more is better (range, power): a claim may not exceed the spec
    AT_LEAST = "at_least"  # less is better (noise, weight, charging time): a claim may not undercut it
    EXACT = "exact"  # a claim must equal the spec


_FROM_CONFIG = {
    FactDirection.HIGHER_IS_BETTER: Direction.AT_MOST,
    FactDirection.LOWER_IS_BETTER: Direction.AT_LEAST,
    FactDirection.EXACT: Direction.EXACT,
}

RANGE = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?)\s*(?:bis|–|-|to)\s*(\d+(?:[.,]\d+)?)\s*(?=[^\W\d])")

_DISTANCE = re.compile(r"\b(?:in|bei|at|aus)\s+(\d+(?:[.,]\d+)?)\s?(?:m|meter|metern|metres?|meters?)\b", re.I)

_NAMED_VALUE = re.compile(
    # A model's value may be a range ("Netz M3: 44–55 cm"), read whole as the fact's own value is; one value may
    # belong to several models ("Hub 2 und Hub 2 Natur: 62–127 cm").
    r"([^\W\d_][\w.-]*(?:\s+[\w.-]+){0,3}?(?:\s*(?:,|\bund\b|\band\b|&|/)\s*[^\W\d_][\w.-]*(?:\s+[\w.-]+){0,3}?)*)"
    r"\s*:\s*(-?\d+(?:[.,]\d+)?(?:\s*[–-]\s*\d+(?:[.,]\d+)?)?)\s*"
    r"((?:[^\W\d_][^\s,;()]*(?:\([AC]\))?)?)"
)


def upper_head(head: str) -> bool:
    """Whether the main value is an "up to" figure: the qualifier starts with the bound ("bis zu, bei
    30 °C ...", "maximale AC-Einspeiseleistung") or says it of no other figure ("bis zu 120 km")."""
    if re.match(r"\W*(?:bis\s+zu|bis\s+maximal|maximal\w*|max\.|höchstens|up\s+to|maximum|at\s+most)\b", head, re.I):
        return True
    match = UPPER_BOUND.search(head)
    return match is not None and not re.match(r"\s*\d", head[match.end() :])


def value_of(raw: str | int | float, unit: str | None) -> tuple[float, float | None, Dimension, float] | None:
    """(value, low end of a range or None, dimension, precision) of a fact value with its unit."""
    if isinstance(raw, str) and re.fullmatch(r"IP[0-9X]{2}", raw.strip(), re.I):
        return ip_value(raw.strip()), None, Dimension.IP, 0.5
    if not unit:
        return None
    try:
        parsed = fact_unit(unit)
    except UnknownUnit:
        return None
    if isinstance(raw, int | float):
        places = len(repr(float(raw)).split(".")[1].rstrip("0")) if isinstance(raw, float) else 0
        return float(raw) * parsed.factor, None, parsed.dimension, 0.5 * 10.0**-places * parsed.factor
    text = raw.strip()
    # RANGE ends in a look-ahead for the unit's letter, so the range is a whole value when it reads up to the "x"
    # appended (a fullmatch never could: the look-ahead consumes nothing).
    span = RANGE.match(text + " x")
    if span and span.end() == len(text) + 1:
        low, high = (parse_number(span.group(i), Language.DE) * parsed.factor for i in (1, 2))
        return high, low, parsed.dimension, 0.5 * 10.0 ** -decimals(span.group(2), Language.DE) * parsed.factor
    if re.fullmatch(r"\d+(?:[.,]\d+)?", text):
        step = 0.5 * 10.0 ** -decimals(text, Language.DE) * parsed.factor
        return parse_number(text, Language.DE) * parsed.factor, None, parsed.dimension, step
    return None


def per_product(fact: Fact, qualifier: str) -> list[tuple[str, str | int | float]]:
    """Other products' values: `per_product:`, else "(Thermowell L12: 4,9)" in the qualifier (the unit is
    the fact's)."""
    if fact.per_product:
        return list(fact.per_product.items())
    return [(m.group(1), m.group(2)) for inner in PAREN.findall(qualifier) for m in _NAMED_VALUE.finditer(inner)]


def product_scope(fact: Fact, products: ProductIndex, labels: str, head: str, qualifier: str = "") -> list[int]:
    """The products a fact's value holds for: explicit, else named in its label or qualifier's first clause,
    else named after "nur"/"only" in a later clause ("...; nur Aeris 40 und Aeris 70 (Aeris Mini: ...)")."""
    if fact.products:
        return sorted({i for name in fact.products for i in products.named(name)})
    named = products.named(labels) or products.named(head)
    if not named:
        only = _ONLY.search(PAREN.sub(" ", qualifier))
        named = products.named(only.group(1)) if only else set()
    return sorted(named)


# A clause that limits the value to some products: "nur Aeris 40 und Aeris 70", "only for the P40".
_ONLY = re.compile(r"\b(?:nur|ausschließlich|only|exclusively)\s+(?:für\s+|bei\s+|for\s+|on\s+)?([^;:.]{2,80})", re.I)


def label_cues(fact: Fact, labels: str, lexicon: Lexicon) -> tuple[tuple[str, ...], tuple[re.Pattern[str], ...]]:
    words = tokens(PAREN.sub(" ", labels))
    words += [part for w in words if "-" in w for part in w.split("-")]
    cues = tuple(sorted({w for w in words if len(w) >= 4 and w not in STOP_WORDS}))
    if fact.attribute:
        pattern = lexicon.pattern(f"attribute.{fact.attribute}")
        return cues, (pattern,) if pattern is not None else ()
    # The German label first: English attribute words are more often ambiguous ("operating range").
    for label in (fact.label_de, fact.label_en, fact.key.replace("_", " ")):
        groups = groups_of(PAREN.sub(" ", label or ""), lexicon)
        if groups:
            return cues, groups
    return cues, ()


def groups_of(text: str, lexicon: Lexicon) -> tuple[re.Pattern[str], ...]:
    """The attribute groups whose words occur in `text` (a label names its attribute)."""
    found = []
    for group in lexicon.groups("attribute"):
        pattern = lexicon.pattern(group)
        if pattern is not None and pattern.search(text):
            found.append(pattern)
    return tuple(found)


def fact_direction(fact: Fact, configured: Direction | None, labels: str, lexicon: Lexicon) -> Direction | None:
    if fact.direction is not None:
        return _FROM_CONFIG[fact.direction]
    if configured is not None:
        return configured
    if lexicon.has("lower_is_better", labels) and not lexicon.has("higher_is_better", labels):
        return Direction.AT_LEAST
    if lexicon.has("higher_is_better", labels):
        return Direction.AT_MOST
    return None


def default_direction(dimension: Dimension) -> Direction:
    # A noise figure without an attribute word is a noise level: a claim may not undercut it.
    return Direction.AT_LEAST if dimension is Dimension.SOUND else Direction.AT_MOST


def conditions_of(qualifier: str) -> dict[ConditionKind, str]:
    found: dict[ConditionKind, str] = {}
    distance = _DISTANCE.search(qualifier)
    if distance:
        found[ConditionKind.DISTANCE] = distance.group()
    modes = mode_matches(qualifier)
    if modes:
        found[ConditionKind.MODE] = modes[0][0]
    return found


def distance_of(text: str) -> float | None:
    match = _DISTANCE.search(text) or re.search(r"(\d+(?:[.,]\d+)?)\s?m\b", text)
    return parse_number(match.group(1), Language.DE) if match else None
