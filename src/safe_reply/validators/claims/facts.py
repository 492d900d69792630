"""The product facts of a product line, compiled once: figures, products, certifications, guarantee.

`FactBase.from_product_line` turns the YAML facts into comparable values: a figure with a unit
becomes a `NumericFact` (value in base units, which direction is "better", whether the spec says
"bis zu", and cue words that tell which attribute a sentence talks about); labels such as
"Leistung (Mix 1200)" name the product a fact belongs to, so "1.500 W" next to "Mix" is compared
with the blender and not with the air fryer. Approved claims, certifications, the guarantee and
the origin are checked in claims_backing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from safe_reply.config_models import Fact, ProductLine
from safe_reply.lang import detect_language
from safe_reply.types import Language
from safe_reply.validators.claims.quantities import (
    UPPER_BOUND,
    Dimension,
    Quantity,
    ip_value,
    parse_number,
    quantities,
    unit_of,
)


class Direction(StrEnum):
    AT_MOST = "at_most"  # more is better (range, power): a claim may not exceed the spec
    AT_LEAST = "at_least"  # less is better (noise, weight, charging time): a claim may not undercut it
    EXACT = "exact"  # a claim must equal the spec


_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_STOP = frozenset("der die das des den dem und oder von bis mit nach auf für the of and up to per".split())
# Attribute words a spec label implies; keyed by a stem of a label word. They only decide which
# fact a figure is compared with, never whether a sentence is a claim.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "reichweite": ("reichweit", "fahr", "fährt", "schaff", "akkuladung", "range", "ride", "charge"),
    "range": ("reichweit", "fahr", "range", "ride", "single charge"),
    "ladezeit": ("lade", "lädt", "geladen", "aufgeladen", "charg", "wieder voll"),
    "charging": ("lade", "lädt", "charg"),
    "gewicht": ("wiegt", "wiegen", "gewicht", "weigh", "leicht", "light"),
    "gesamtgewicht": ("gesamtgewicht", "zuladung", "belast", "trägt", "tragen", "load", "carr"),
    "motorunterstützung": ("unterstütz", "assist", "schnell", "fast", "speed", "geschwindigkeit"),
    "akkukapazität": ("kapazität", "capacity", "akku", "battery"),
    "pumpendruck": ("druck", "pressure"),
    "wassertank": ("tank", "wasser", "water"),
    "aufheizzeit": ("aufheiz", "heizt", "bereit", "brühbereit", "heat", "ready"),
    "abschaltautomatik": ("abschalt", "schaltet", "switch"),
    "fassungsvermögen": ("fasst", "fassen", "fassungsvermögen", "hold", "capacity", "volum"),
    "leistung": ("leistung", "watt", "power", "stark"),
    "drehzahl": ("umdrehung", "drehzahl", "dreht", "rpm", "speed"),
    "geräuschpegel": ("leise", "laut", "geräusch", "flüster", "noise", "quiet", "loud", "whisper"),
    "hautfeuchtigkeit": ("feuchtigkeit", "moistur", "hydrat"),
    "haltbarkeit": ("haltbar", "öffnen", "geöffnet", "opening", "opened"),
    "rezyklatanteil": ("recycel", "recycl", "rezyklat"),
    "ersatzteilverfügbarkeit": ("ersatzteil", "spare"),
    "drehmoment": ("drehmoment", "torque", "kräftig", "kraft"),
    "temperaturbereich": ("temperatur", "heiß", "temperature", "hot"),
    "lichtschutzfaktor": ("lichtschutz", "lsf", "spf", "sonne", "sun"),
    "inhalt": ("inhalt", "enthält", "contain", "content", "flasche", "bottle", "tube", "tiegel"),
    # Generic spec-sheet attributes of many product kinds (not tied to one product line).
    "laufzeit": ("läuft", "laufzeit", "durchhalt", "hält", "betrieb", "runs", "running", "lasts", "battery life",
                 "one charge", "single charge", "einer akkuladung", "einer ladung"),
    "akkulaufzeit": ("läuft", "laufzeit", "durchhalt", "hält", "lasts", "battery life", "one charge", "single charge"),
    "run": ("runs", "running", "lasts", "battery life", "one charge", "single charge"),
    "life": ("lasts", "battery life", "one charge", "single charge"),
    "flächenleistung": ("fläche", "mäht", "mähen", "rasen", "area", "lawn", "mows", "mow"),
    "area": ("area", "lawn", "mows", "mow", "fläche"),
    "spannung": ("spannung", "volt", "voltage"),
    "akkuspannung": ("spannung", "volt", "voltage"),
    "voltage": ("spannung", "volt", "voltage"),
    "bildschirmdiagonale": ("bildschirm", "display", "screen", "diagonale"),
    "screen": ("bildschirm", "display", "screen"),
    "nachtsicht": ("nachtsicht", "dunkel", "nachts", "night", "dark"),
    "night": ("nachtsicht", "dunkel", "night", "dark"),
    "aufwärmzeit": ("erwärm", "aufwärm", "warm", "heats", "warms"),
    "warming": ("erwärm", "aufwärm", "heats", "warms"),
    "schnittbreite": ("schnittbreite", "breite", "width", "wide"),
    "schnittstärke": ("schnittstärke", "äste", "zweige", "dick", "branch", "thick"),
}
_LOWER_IS_BETTER = re.compile(r"lade|charg|aufheiz|heat|zeit|time|geräusch|noise|gewicht|weight", re.I)
# Run time and battery life contain "zeit"/"time" but more of them is better.
_HIGHER_ANYWAY = re.compile(
    r"gesamt|total|max|zulässig|auto|abschalt|haltbar|ersatz|laufzeit|run ?time|battery life|betriebsdauer", re.I
)
_PRODUCT_IN_LABEL = re.compile(r"\(([^)]+)\)")
# Words of product names that do not single out one product (kinds, sizes, articles).
_GENERIC_PRODUCT_WORDS = frozenset(
    "cream creme serum the der die das gerät device model modell set pro plus mini max".split()
)


@dataclass(frozen=True, slots=True)
class Product:
    names: tuple[str, ...]  # as written in the labels, German first
    aliases: tuple[str, ...]  # lower-case words or phrases that name it in a reply


@dataclass(frozen=True, slots=True)
class NumericFact:
    key: str
    label: str
    value: float  # in the base unit of `dimension`
    dimension: Dimension
    direction: Direction
    upper_bound: bool  # the spec says "bis zu"/"up to": a claim must keep the word
    cues: tuple[str, ...]
    product: int | None  # index into FactBase.products
    shown: str  # how the fact is reported to the reviewer, e.g. "range_km = 120 km (bis zu, ...)"


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
    products: tuple[Product, ...]
    numeric: tuple[NumericFact, ...]
    text_facts: dict[str, str]  # key -> shown text, for non-numeric facts (origin, coating, ...)
    origin: str | None
    certifications: tuple[str, ...]
    guarantee: str | None
    approved: tuple[ApprovedClaim, ...]

    @classmethod
    def from_product_line(cls, line: ProductLine, directions: dict[str, Direction] | None = None) -> FactBase:
        products = _products(line.facts)
        numeric: list[NumericFact] = []
        text_facts: dict[str, str] = {}
        for fact in line.facts:
            compiled = _numeric(fact, products, (directions or {}).get(fact.key))
            if compiled is not None:
                numeric.append(compiled)
            else:
                text_facts[fact.key] = describe(fact)
        origin = next((str(f.value) for f in line.facts if f.key == "origin"), None)
        approved = tuple(_approved(text, line) for text in line.approved_claims)
        return cls(products, tuple(numeric), text_facts, origin, line.certifications, line.guarantee, approved)

    def products_in(self, sentence_lower: str) -> set[int]:
        return {
            index
            for index, product in enumerate(self.products)
            if any(_contains_word(sentence_lower, alias) for alias in product.aliases)
        }

    def approved_for(self, language: Language) -> tuple[ApprovedClaim, ...]:
        return tuple(a for a in self.approved if a.language is language)


def _contains_word(haystack: str, needle: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack) is not None


def _products(facts: tuple[Fact, ...]) -> tuple[Product, ...]:
    names: list[tuple[str, ...]] = []
    for fact in facts:
        found = tuple(
            m.group(1).strip()
            for label in (fact.label_de, fact.label_en)
            if label
            for m in _PRODUCT_IN_LABEL.finditer(label)
            if not m.group(1).lower().startswith(("akku", "battery"))
        )
        if found and found not in names:
            names.append(found)
    words_of = [{w for name in group for w in tokens(name) if w.isalpha() or re.search(r"\d", w)} for group in names]
    products = []
    for index, group in enumerate(names):
        others = set().union(*(w for i, w in enumerate(words_of) if i != index))
        distinctive = sorted(
            w
            for w in words_of[index]
            if w not in others and w not in _GENERIC_PRODUCT_WORDS and len(w) >= 3 and not w.replace(".", "").isdigit()
        )
        products.append(Product(group, tuple(dict.fromkeys([*(n.lower() for n in group), *distinctive]))))
    return tuple(products)


def _numeric(fact: Fact, products: tuple[Product, ...], direction: Direction | None) -> NumericFact | None:
    dimension: Dimension | None = None
    value: float | None = None
    raw = fact.value
    if isinstance(raw, str) and re.fullmatch(r"IP[0-9X]{2}", raw.strip(), re.I):
        dimension, value = Dimension.IP, ip_value(raw.strip())
    elif fact.unit and fact.unit.strip().upper() in {"LSF", "SPF"}:
        dimension, value = Dimension.SPF, _as_float(raw)
    elif fact.unit:
        unit = unit_of(fact.unit)
        number = _as_float(raw)
        if unit is not None and number is not None:
            dimension, value = unit.dimension, number * unit.factor
    if dimension is None or value is None:
        return None
    label_words = [
        w for label in (fact.label_de, fact.label_en) if label for w in tokens(_PRODUCT_IN_LABEL.sub("", label))
    ]
    # Hyphenated label words also cue by their parts ("Infrarot-Nachtsicht" -> "nachtsicht").
    label_words += [part for w in label_words if "-" in w for part in w.split("-")]
    cues = {w for w in label_words if len(w) >= 4 and w not in _STOP}
    for word in label_words:
        cues.update(_SYNONYMS.get(word, ()))
    label = " ".join(x for x in (fact.label_de, fact.key) if x)
    product = _product_of(fact, products)
    if direction is None:
        lower_better = _LOWER_IS_BETTER.search(label) and not _HIGHER_ANYWAY.search(label)
        direction = Direction.AT_LEAST if lower_better or dimension is Dimension.SOUND else Direction.AT_MOST
    qualifier = fact.qualifier or ""
    upper = bool(re.search(r"\bbis zu\b|\bup to\b", qualifier, re.I))
    return NumericFact(
        fact.key, label, value, dimension, direction, upper, tuple(sorted(cues)), product, describe(fact)
    )


def _product_of(fact: Fact, products: tuple[Product, ...]) -> int | None:
    for label in (fact.label_de, fact.label_en):
        for m in _PRODUCT_IN_LABEL.finditer(label or ""):
            for index, product in enumerate(products):
                if m.group(1).strip() in product.names:
                    return index
    return None


def _as_float(raw: str | int | float) -> float | None:
    if isinstance(raw, int | float):
        return float(raw)
    return parse_number(raw.strip(), Language.EN) if re.fullmatch(r"\d+(?:[.,]\d+)?", raw.strip()) else None


def _approved(text: str, line: ProductLine) -> ApprovedClaim:
    language = detect_language(text, line.default_language or Language.DE)
    return ApprovedClaim(text, language, frozenset(tokens(text)), tuple(quantities(text, language)))


def has_upper_bound(sentence: str) -> bool:
    return UPPER_BOUND.search(sentence) is not None
