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
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from safe_reply.config_models import Fact, ProductLine
from safe_reply.lang import detect_language
from safe_reply.negation import denies
from safe_reply.quantities import Dimension, Quantity, parse_number, quantities
from safe_reply.types import Language
from safe_reply.validators.claims.alternatives import (
    Direction,
    NumericFact,
    describe,
    mark_favourable,
    numeric_facts,
    tokens,
)
from safe_reply.validators.claims.counted import CountedFact, count_pattern, counted_facts
from safe_reply.validators.claims.fact_parts import fact_direction
from safe_reply.validators.claims.glossary import meaning_keys, word_meanings
from safe_reply.validators.claims.lexicon import Lexicon, shipped_lexicon
from safe_reply.validators.claims.negated import NegatedProperty, negated_properties
from safe_reply.validators.claims.products import ProductIndex, is_models_fact, products_of, sells_products
from safe_reply.validators.claims.restrictions import Restriction, restriction_clauses
from safe_reply.validators.claims.service_figures import granted_discounts, schedule_figures
from safe_reply.validators.claims.tuples import part_words, split_tuples

__all__ = ["ApprovedClaim", "Direction", "FactBase", "NumericFact", "describe", "money", "tokens"]


@dataclass(frozen=True, slots=True)
class ApprovedClaim:
    text: str
    language: Language
    tokens: frozenset[str]
    values: tuple[Quantity, ...]
    # Its words by meaning (claims.glossary), for a reply in the other language: "free" meets "kostenlos".
    meanings: tuple[frozenset[str], ...] = ()
    denies: bool = False  # it denies or excludes something ("Ohne Griffabdeckung ..."): negation.denies, at load


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
    # Figures the facts name as measuring conditions ("bei 25 °C", "(27 °C, 60 % r. F.)", "1.000 W/m²"): a
    # reply that repeats one restates a condition, it claims no value.
    condition_figures: tuple[tuple[Dimension, float], ...] = ()
    restrictions: tuple[Restriction, ...] = ()  # what the facts say the product does not do or must not do
    # Other makers and their products (the vocabulary's `competitor` class): a figure of theirs ("the other
    # brand's 4,000 IU product") is no spec of ours.
    competitor: re.Pattern[str] | None = None
    # Figures of the products' own descriptions in the range fact ("Edelbitter 72 % (Bio-Zartbitter, 100 g)",
    # "Stehpult (160 x 80 cm)"): a reply that repeats one names the product, it claims no spec.
    described: tuple[tuple[Dimension, float], ...] = ()
    # The terms a price reference may rest on (PAngV §11): the service terms and every fact that states a price in
    # euro (an offer "Winterkompletträder ... für 799 € (vorher 1.190 €)" under the key `winter_wheels`).
    offers: tuple[str, ...] = ()
    # A service fact's labels ("Fahrradversicherung Sicherwerk Rad"), by its entry in `service`: the plan a term
    # belongs to is often named only there, not in the value ("9,90 € im Monat; keine Selbstbeteiligung").
    service_titles: dict[str, str] = field(default_factory=dict)
    # `all_text` in parts ("S2: keine Fahrerlaubnis; M45: Fahrerlaubnis Klasse AM" is two), each with the products
    # it names: a statement about one product rests only on the parts about it or about none (made once at load).
    text_parts: tuple[tuple[str, frozenset[int]], ...] = ()
    # What `all_text` says, by meaning (claims.glossary): the words of a reply in the other language that the facts
    # say too.
    meanings: frozenset[str] = frozenset()
    # Every word of the products' names, aliases and nouns: what a free clause names when it names only the product.
    product_words: frozenset[str] = frozenset()
    # Read once at load from `service`: the figures of the delivery and subscription terms, and each term (or approved
    # claim) that grants a discount, as its topic words and its shares (claims.service_figures).
    schedule_figures: tuple[tuple[Dimension, float], ...] = ()
    discounts: tuple[tuple[frozenset[str], tuple[float, ...]], ...] = ()
    # The facts that count named things ("16 Stufen", "480 Aufnahmen") and one pattern for a reply's counts of them.
    counted: tuple[CountedFact, ...] = ()
    count_pattern: re.Pattern[str] | None = None
    # What the facts say a product is not ("nicht vegan", "nicht spülmaschinengeeignet"): claims.negated.
    negated: tuple[NegatedProperty, ...] = ()

    @classmethod
    def from_product_line(
        cls,
        line: ProductLine,
        directions: dict[str, Direction] | None = None,
        lexicon: Lexicon | None = None,
        company: Sequence[ProductLine] = (),
    ) -> FactBase:
        """`company`: the policy's other product lines. A line that documents no service term of its own takes
        theirs: a shop's shipping, returns and showroom terms are the company's, written once in its service line."""
        lexicon = lexicon or shipped_lexicon()
        nouns = lexicon.words("product_noun")
        if company and not sells_products(line, lexicon.words("service_topic")):
            # A line that sells no product of its own (the shop's service line) speaks of the company's
            # products: their facts, marks and approved claims back what it says of them. Each line's products
            # are read from its own facts, as there.
            others = [other for other in company if other.id != line.id]
            line = catalogue(line, others)
            products = ProductIndex([ref for other in others for ref in products_of(other, nouns).products])
        else:
            products = products_of(line, nouns)
        numeric: list[NumericFact] = []
        text_facts: dict[str, str] = {}
        for fact in line.facts:
            # A slash tuple ("Komfort / Limit / Extrem") is one fact per part, all ranked as the whole label ranks them.
            parts = split_tuples(fact)
            direction = (directions or {}).get(fact.key)
            if len(parts) > 1 and direction is None:
                direction = fact_direction(fact, None, f"{fact.label_de or ''} {fact.label_en or ''}", lexicon)
            compiled = [found for part in parts for found in numeric_facts(part, products, lexicon, direction)]
            if len(parts) > 1:
                # The parts compete as alternatives of one attribute, each under its own name: the favourable one
                # ("Mindestgewicht", "Extrem") is misleading without it ("wiegt nur 2,1 kg", "warm bis −18 °C").
                # Its own name is what sets it apart: the shared qualifier may name every part ("Mindestgewicht =
                # ...; Packgewicht = ...").
                named = {part.key: part_words(part, fact) for part in parts}
                tagged = [replace(f, conditions=f.conditions | named[f.family], competes=True) for f in compiled]
                marked = mark_favourable(tagged)
                compiled = [replace(f, own_conditions=named[f.family]) if f.needs_condition else f for f in marked]
            numeric.extend(compiled)
            if not compiled or not fact.unit:
                text_facts[fact.key] = describe(fact)
        origin = next((str(f.value) for f in line.facts if f.key == "origin"), None)
        counted = counted_facts(line.facts, numeric, products)
        approved = tuple(_approved(text, line, lexicon) for text in line.approved_claims)
        service = _service_entries(line, lexicon)
        service_lines: tuple[ProductLine, ...] = (line,)
        if not service:
            service_lines = tuple(company)
            service = list(dict.fromkeys(e for other in company for e in _service_entries(other, lexicon)))
        priced = [describe(f) for f in line.facts if not f.unit and money(str(f.value))]
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
            _condition_figures(line.facts, numeric),
            restriction_clauses(line.facts, products, lexicon.words("product_noun"), lexicon.glossary),
            lexicon.pattern("competitor"),
            tuple(
                (q.dimension, q.value)
                for f in line.facts
                if is_models_fact(f)
                for q in quantities(" ".join(_BRACKET.findall(str(f.value))), Language.DE)
                if q.dimension in _SIZES
            ),
            tuple(dict.fromkeys([*service, *(a.text for a in approved), *priced])),
            {
                describe(f): f"{f.label_de or ''} {f.label_en or ''}"
                for source in service_lines
                for f in source.facts
                if describe(f) in service and (f.label_de or f.label_en)
            },
            _parts("\n".join(everything).lower(), products),
            meaning_keys(tokens("\n".join(everything)), lexicon.glossary),
            frozenset(w for p in products.products for text in (p.name, *p.aliases, *p.nouns) for w in tokens(text)),
            schedule_figures(service),
            granted_discounts([*service, *(a.text for a in approved)], [p.name for p in products.products]),
            counted,
            count_pattern(counted),
            negated_properties(line.facts, products),
        )

    def products_in(self, text: str) -> set[int]:
        return self.products.mentioned(text)

    def approved_for(self, language: Language) -> tuple[ApprovedClaim, ...]:
        return tuple(a for a in self.approved if a.language is language)


def catalogue(line: ProductLine, company: Sequence[ProductLine]) -> ProductLine:
    """`line` with the products of the company's other lines: their facts (a key another line uses too is
    prefixed with that line's id), certifications and approved claims; their guarantees where the line
    gives none of its own. Built once at load, never validated again (the keys are unique by then)."""
    others = [other for other in company if other.id != line.id]
    keys = {fact.key for fact in line.facts}
    facts = list(line.facts)
    origins = [str(f.value) for other in others for f in other.facts if f.key == "origin"]
    for other in others:
        for fact in other.facts:
            if fact.key == "origin":
                continue
            key = fact.key if fact.key not in keys else f"{other.id}.{fact.key}"
            keys.add(key)
            facts.append(fact if key == fact.key else fact.model_copy(update={"key": key}))
    if origins and "origin" not in {f.key for f in line.facts}:
        facts.append(Fact(key="origin", value="; ".join(origins)))
    guarantee = line.guarantee
    if not guarantee or guarantee.strip().lower() in _NO_GUARANTEE:
        given = [o.guarantee for o in others if o.guarantee and o.guarantee.strip().lower() not in _NO_GUARANTEE]
        guarantee = "; ".join(given) if given else line.guarantee
    return line.model_copy(
        update={
            "facts": tuple(facts),
            "certifications": (*line.certifications, *(c for o in others for c in o.certifications)),
            "approved_claims": (*line.approved_claims, *(c for o in others for c in o.approved_claims)),
            "guarantee": guarantee,
        }
    )


_NO_GUARANTEE = frozenset({"none", "keine", "no", "nein", "-", ""})
_PART = re.compile(r";\s*|\n")


def _parts(text: str, products: ProductIndex) -> tuple[tuple[str, frozenset[int]], ...]:
    pieces = (part for part in _PART.split(text) if part.strip())
    return tuple((part, frozenset(products.mentioned(part))) for part in pieces)


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


# ---------------------------------------------------------------- service terms and tests


def _service_entries(line: ProductLine, lexicon: Lexicon) -> list[str]:
    return [*(line.service.entries() if line.service else ()), *_service_facts(line, lexicon)]


def _service_facts(line: ProductLine, lexicon: Lexicon) -> list[str]:
    """Facts about service terms by their key or label, and a priced fact that names a service of its own ("Schonbezug
    49 €, zu jedem Sofa gratis"). A plain price ("Kissen für 39 € (vorher 59 €)") is an offer for price references
    (`FactBase.offers`), no service term: it backs no free assembly or extended return."""
    return [
        _service_term(f)
        for f in line.facts
        if lexicon.has("service_topic", f"{f.key.replace('_', ' ')} {f.label_de or ''} {f.label_en or ''}")
        or (not f.unit and money(str(f.value)) and lexicon.has("service_concept", str(f.value)))
    ]


# A label that ends in a threshold word ("versandkostenfrei ab", "free shipping from") makes its value a threshold:
# "ab 20 €". describe() shows the key, not the label, so without this the term reads as a bare "20 €" and "Versand
# ist immer kostenlos" would find no threshold it waives.
_LABEL_THRESHOLD = re.compile(r"\b(ab|über|from|over|above)\s*$", re.IGNORECASE)


def _service_term(fact: Fact) -> str:
    for label in (fact.label_de, fact.label_en):
        found = _LABEL_THRESHOLD.search(label or "")
        if found:
            unit = f" {fact.unit}" if fact.unit else ""
            qualifier = f" ({fact.qualifier})" if fact.qualifier else ""
            return f"{fact.key} = {found.group(1)} {fact.value}{unit}{qualifier}"
    return describe(fact)


def _is_test(fact: Fact, lexicon: Lexicon) -> bool:
    label = f"{fact.key.replace('_', ' ')} {fact.label_de or ''} {fact.label_en or ''}"
    if re.search(
        r"test\s*(?:ergebnis|result|urteil|verdict|bericht|report)|award|auszeichnung|prämierung", label, re.I
    ):
        return True
    return lexicon.has("test_publisher", str(fact.value))


def _condition_figures(facts: tuple[Fact, ...], numeric: list[NumericFact]) -> tuple[tuple[Dimension, float], ...]:
    found = {figure for fact in numeric for figure in fact.condition_figures}
    values = {(fact.dimension, fact.value) for fact in numeric}
    for fact in facts:
        brackets = " ".join(_BRACKET.findall(str(fact.value)))
        for quantity in quantities(f"{brackets} {fact.qualifier or ''}", Language.DE):
            if (quantity.dimension, quantity.value) not in values:
                found.add((quantity.dimension, quantity.value))
    return tuple(sorted(found))


_BRACKET = re.compile(r"\(([^()]*)\)")
# What a product's description gives as its size (pack, dimensions), not as a performance ("bis zu 45 min").
_SIZES = frozenset({Dimension.MASS, Dimension.VOLUME, Dimension.LENGTH, Dimension.AREA})


def _approved(text: str, line: ProductLine, lexicon: Lexicon) -> ApprovedClaim:
    language = detect_language(text, line.default_language or Language.DE)
    said = tokens(text)
    return ApprovedClaim(
        text,
        language,
        frozenset(said),
        tuple(quantities(text, language)),
        word_meanings(said, lexicon.glossary, language),
        denies(text),
    )
