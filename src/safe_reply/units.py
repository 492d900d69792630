"""The unit of a spec-sheet fact, checked against a real unit registry (pint).

A fact's unit is written by compliance staff ("dB(A)", "m²·Pa/W", "U/min", "Stunden", "furlong/fortnight").
`fact_unit` turns it into the `Unit` a reply's figures are compared in: the spellings the reply parser
knows come from its own table (quantities.py, microseconds); any other unit is looked up in pint, so a
real unit in another spelling loads and converts, and a unit pint does not know either is a config
error (`UnknownUnit`) instead of a fact that is silently never compared.

pint is imported only here and only when a fact's unit is not one of the common spellings, so neither
`import safe_reply` nor a policy with ordinary units pays for building its registry (~0.25 s).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from safe_reply.quantities import Dimension, Unit, unit_of

# German and typographic spellings -> pint expressions. pint reads "Nm" as nanometre and "min⁻¹" not at
# all, so these are rewritten before it sees them.
_SPELLINGS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), replacement)
    for pattern, replacement in (
        (r"²", "**2"),
        (r"³", "**3"),
        (r"⁻¹", "**-1"),
        (r"[·⋅×]", "*"),
        (r"\bNm\b", "N*m"),
        (r"\bkWp\b", "kW"),
        (r"\bWp\b", "W"),
        (r"\bqm\b", "m**2"),
        (r"\bStunden?\b|\bStd\b\.?", "hour"),
        (r"\bMinuten?\b", "minute"),
        (r"\bSekunden?\b|\bSek\.?", "second"),
        (r"\bTag(?:e|en)?\b", "day"),
        # A trial or return period counted in nights ("100 Nächte Probeschlafen") is that many days.
        (r"\bN(?:a|ä)cht(?:e|en)?\b|\bnights?\b", "day"),
        # A pulse or tempo: beats per minute, a count per minute like "U/min".
        (r"\bbpm\b|\bSchläge?\s*(?:/|pro)\s*Min(?:ute)?\b|\bbeats?\s*(?:/|per)\s*min(?:ute)?\b", "1/minute"),
        (r"\bWochen?\b", "week"),
        (r"\bMonat(?:e|en)?\b", "month"),
        (r"\bJahr(?:e|en)?\b", "year"),
        (r"\bLitern?\b", "liter"),
        (r"\bZoll\b", "inch"),
        # Down's fill power is written "750 cuin" (IDFB): cubic inches per ounce of down, no volume.
        (r"\bcuin\b", "inch**3/ounce"),
        (r"\bcu\.?\s?in\b", "inch**3"),
        (r"\bGrad\b", "degC"),
        (r"°C", "degC"),
        (r"\bProzent\b", "percent"),
        # A carbon footprint names the gas after the mass ("kg CO2e/kg", "g CO₂-Äq./km"): the mass is the unit.
        (r"\s*\bCO(?:2|₂)(?:\s*-?\s*(?:e|eq|äq|Äquivalente?)\b\.?)?", ""),
        (r"\bGramm\b", "gram"),
    )
)
# pint dimensionality -> the dimension a reply's figure is parsed into, and that dimension's base unit.
_BY_DIMENSIONALITY: dict[str, tuple[Dimension, str]] = {
    "[length]": (Dimension.LENGTH, "km"),
    "[length] ** 2": (Dimension.AREA, "m**2"),
    "[length] ** 3": (Dimension.VOLUME, "liter"),
    "[length] / [time]": (Dimension.SPEED, "km/h"),
    "[length] ** 3 / [time]": (Dimension.FLOW, "m**3/h"),
    "[mass] * [length] ** 2 / [time] ** 3": (Dimension.POWER, "W"),
    "[mass] * [length] ** 2 / [time] ** 2": (Dimension.ENERGY, "W*h"),
    "[time]": (Dimension.DURATION, "s"),
    "[mass]": (Dimension.MASS, "kg"),
    "[mass] / [length] / [time] ** 2": (Dimension.PRESSURE, "bar"),
    "1 / [time]": (Dimension.FREQUENCY, "Hz"),
    "[current] * [time]": (Dimension.CHARGE, "A*h"),
    "[mass] * [length] ** 2 / [time] ** 3 / [current]": (Dimension.VOLTAGE, "V"),
    "[luminosity]": (Dimension.LUMINOUS_FLUX, "lm"),
}


class UnknownUnit(ValueError):
    """A fact unit that neither the reply parser nor pint knows."""

    def __init__(self, unit: str) -> None:
        super().__init__(f"unknown unit '{unit}': neither safe_reply nor the unit registry (pint) knows it")
        self.unit = unit


# Money is no physical unit (pint has no currencies), yet a fee, a price or a deductible is a fact like
# any other ("Anfahrtspauschale: 89 €", "4,99 €/Monat"). It loads as a unit no spec figure is compared
# in: the claims check compares amounts in a reply with every amount the facts document instead.
# Cents are left out on purpose: the documented prices are compared in whole currency units.
_CURRENCY = re.compile(
    r"(?:€|\$|£|¥|euros?|dollars?|franken|eur|usd|gbp|chf|pln|czk|sek|dkk|nok|huf|jpy)"
    # a price per period or per unit, or both ("€/Monat", "EUR pro kWh", "$ per year", "€/Nutzer/Monat"):
    # words only, no figures
    r"(?:(?:\s*/\s*|\s+(?:pro|per|je|a)\s+)[^\W\d_][^\W\d_²³]*(?:[ .]?[^\W\d_][^\W\d_²³]*)*[²³]?)*",
    re.IGNORECASE,
)


def fact_unit(text: str) -> Unit:
    """The unit of a fact ("km", "dB(A)", "m²·Pa/W", "€"); raises UnknownUnit when no registry knows it."""
    known = unit_of(text)
    if known is not None:
        return known
    written = " ".join(text.split())
    if _ALCOHOL.fullmatch(written):
        return fact_unit("%")
    if _CURRENCY.fullmatch(written):
        return Unit(Dimension.OTHER, 1.0)
    try:
        return _pint_unit(written)
    except UnknownUnit:
        if counted_noun(written):
            # A count of named things ("16 Stufen", "2 Waschgänge", "12 levels") is no unit of
            # measurement, yet it is how a spec sheet writes them: it loads, and is shown to the
            # reviewer but never compared (as a text value would be).
            return Unit(Dimension.OTHER, 1.0)
        raise


def counts_things(text: str) -> bool:
    """Whether `text` is a noun that counts named things ("Stufen", "Nutzerprofile", "levels"), not a unit the reply
    parser knows ("Tage", "Jahre"), nor a currency."""
    written = " ".join(text.split())
    if unit_of(written) is not None or _CURRENCY.fullmatch(written) or not counted_noun(written):
        return False
    # A compound whose head is a unit counts that unit: "Werktage" are days, "Lebensjahre" years.
    return not any(unit_of(written[i:]) is not None for i in range(1, len(written) - 3))


_ENGLISH_PLURAL = re.compile(r"[a-z]{3,}s")
# What is counted is named in the plural: "16 Stufen", "2 Waschgänge", "5 Programme", "3 Fächer".
_GERMAN_PLURAL = re.compile(r"[A-ZÄÖÜ][a-zäöüß]{2,}(?:e|en|n|er|s)")


def counted_noun(text: str) -> bool:
    """Whether the unit is one noun of German or English that names what is counted, in the plural: a capitalised
    German noun, listed or a compound of a common word ("Stufen", "Waschgänge"), or an ordinary English plural
    ("levels"). Typos of units ("kmh", "Meterr") and coined words ("furlongs_per_fortnight") are none."""
    from safe_reply.word_frequencies import german_nouns, ordinary_words

    if _ENGLISH_PLURAL.fullmatch(text):
        return bool(ordinary_words([text], english=True))
    return _GERMAN_PLURAL.fullmatch(text) is not None and bool(ordinary_words([text]) or german_nouns([text]))


# Alcohol by volume ("% vol", "Vol.-%", "vol%") is a percentage like any other.
_ALCOHOL = re.compile(r"%\s*vol\.?|vol\.?\s*-?\s*%", re.IGNORECASE)
_NAMES_A_UNIT = re.compile(r"[^\W\d_]")  # a letter: "g/100 g" names units that cancel, "2" names none


@functools.lru_cache(maxsize=256)
def _pint_unit(text: str) -> Unit:
    expression = text
    for pattern, replacement in _SPELLINGS:
        expression = pattern.sub(replacement, expression)
    # "l/24 h" is litres per 24 hours, not (litres / 24) · hours.
    expression = re.sub(
        r"/\s*(\d+(?:[.,]\d+)?)\s*([^\W\d_][\w*]*)",
        lambda m: f"/({m.group(1).replace(',', '.')}*{m.group(2)})",
        expression,
    )
    registry = _registry()
    try:
        quantity = registry.parse_expression(expression)
        dimensionality = str(quantity.dimensionality)
        if dimensionality == "dimensionless":
            if not _NAMES_A_UNIT.search(text):
                raise UnknownUnit(text)  # a bare number
            if _is_share(registry, expression):
                # Units that cancel: a share per reference amount, the way food and cosmetics labels give
                # it ("g/100 g", "mg/g", "ml/100 ml"). 12 g/100 g is 12 %, so it compares like a percentage.
                return Unit(Dimension.PERCENT, float(quantity.to("percent").magnitude))
            # pint counts angles and counts as dimensionless too ("deg", "rad", "count"): real units no
            # reply figure is parsed into; shown to the reviewer, never compared.
            return Unit(Dimension.OTHER, 1.0)
    except UnknownUnit:
        raise
    except Exception as exc:  # pint raises several unrelated types for text it cannot parse
        raise UnknownUnit(text) from exc
    found = _BY_DIMENSIONALITY.get(dimensionality)
    if found is None:
        # A real unit no reply figure is parsed into (RET in m²·Pa/W, lumen per watt): it loads, and the
        # fact is shown to the reviewer but never compared with a number in a reply.
        return Unit(Dimension.OTHER, 1.0)
    dimension, base = found
    if dimension is Dimension.FREQUENCY and "min" in expression:  # "min⁻¹", "1/min": a rotational speed
        dimension, base = Dimension.ROTATION, "1/min"
    try:
        factor = float(quantity.to(base).magnitude)  # the magnitude carries a written factor ("/24 h")
    except Exception as exc:  # an offset unit (°F) or a logarithmic one: compare only in its own unit
        raise UnknownUnit(text) from exc
    return Unit(dimension, factor)


def _is_share(registry: Any, expression: str) -> bool:
    """Whether the expression is one quantity per another of the same kind ("g/(100*g)"), not an angle."""
    top, slash, bottom = expression.partition("/")
    if not slash:
        return False
    above, below = registry.parse_expression(top), registry.parse_expression(bottom)
    return str(above.dimensionality) == str(below.dimensionality) != "dimensionless"


@functools.lru_cache(maxsize=1)
def _registry() -> Any:
    import pint

    return pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
