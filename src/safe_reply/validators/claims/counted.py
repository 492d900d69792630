"""Counted attributes: a spec sheet's "16 Stufen", "480 Aufnahmen", "4 Hörprogramme" compared with a reply's count.

A count of named things is no unit of measurement (units.py loads "Stufen" as a unit no reply figure is parsed
into), so the figure checks never saw "Das Row 500 bietet 20 Widerstandsstufen" or "six listening programmes".
The nouns come from the company's own data, not from a word list: the fact's unit ("Stufen", "Aufnahmen") and
the plural nouns of its labels ("Widerstandsstufen", "resistance levels", "shots per charge"). A reply's number
(digits or a number word) with one of those nouns after it, at most two words apart, is a claim about that
attribute; a noun matches by its stem, as a compound's head or as the fact noun's head ("20 Widerstandsstufen"
for the unit "Stufen", "7 Stufen" for "Blendenstufen"). More than the spec sheet's count is an exceeded spec;
the spec's own count, with or without its "bis zu", is the capacity it documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from safe_reply.config_models import Fact
from safe_reply.quantities import NUMBER_WORDS, parse_number, unit_of
from safe_reply.types import Language
from safe_reply.units import counts_things
from safe_reply.validators.claims.alternatives import NumericFact
from safe_reply.validators.claims.fact_parts import product_scope
from safe_reply.validators.claims.products import ProductIndex
from safe_reply.validators.claims.wording import PAREN

# German and English plural endings: "Stufen" and "Stufe", "Programme" and "Programmen", "levels" share a stem.
_ENDING = re.compile(r"(?:en|er|e|n|s)$")
_LABEL_WORD = re.compile(r"[^\W\d_][\w-]*")
# A capacity inside a text value: "Bluetooth und WLAN; bis zu 8 Nutzerprofile", "höchstens 2 Schadenfälle". Other
# counts in a text are descriptions ("ca. 300 Tropfen", "aus 2 bis 4 Modulen", "Rang 4 von 9 getesteten Geräten").
_TEXT_COUNT = re.compile(
    r"\b(?:bis\s+zu|maximal|höchstens|max\.|up\s+to|a\s+maximum\s+of|at\s+most)\s+(?P<num>\d+)\s+(?P<first>[^\W\d][\w-]*)(?:\s+(?P<second>[^\W\d][\w-]*))?",
    re.IGNORECASE,
)
_MIN_STEM = 4


@dataclass(frozen=True, slots=True)
class CountedFact:
    key: str
    shown: str
    value: float
    stems: frozenset[str]  # the stems of the nouns that name what is counted
    product: int | None


@dataclass(frozen=True, slots=True)
class Count:
    """A count in a reply, with the facts about the same noun."""

    value: float
    start: int
    end: int
    facts: tuple[CountedFact, ...]


def stem(word: str) -> str:
    return _ENDING.sub("", word.lower())


def counted_facts(
    facts: Sequence[Fact], numeric: Sequence[NumericFact], products: ProductIndex
) -> tuple[CountedFact, ...]:
    """The facts whose unit names what they count, one per product alternative `numeric_facts` made of them, and the
    counts a text value states ("bis zu 8 Nutzerprofile")."""
    found: list[CountedFact] = []
    by_key: dict[str, list[NumericFact]] = {}
    for numeric_fact in numeric:
        by_key.setdefault(numeric_fact.family, []).append(numeric_fact)
    for fact in facts:
        if not fact.unit and isinstance(fact.value, str):
            found.extend(_text_counts(fact, products))
            continue
        if not fact.unit or not counts_things(fact.unit):
            continue
        stems = frozenset(s for s in (stem(w) for w in _nouns(fact)) if len(s) >= _MIN_STEM)
        for alternative in by_key.get(fact.key, ()):
            found.append(
                CountedFact(
                    alternative.key,
                    alternative.shown,
                    alternative.value,
                    stems,
                    alternative.product,
                )
            )
    return tuple(found)


def _text_counts(fact: Fact, products: ProductIndex) -> Iterable[CountedFact]:
    labels = " ".join(x for x in (fact.label_de, fact.label_en) if x)
    for clause in str(fact.value).split(";"):
        scope: list[int | None] = [*product_scope(fact, products, labels, PAREN.sub(" ", clause))] or [None]
        for match in _TEXT_COUNT.finditer(PAREN.sub(" ", clause)):
            # The noun right after the number, or after one adjective ("16 magnetische Stufen").
            noun = next(
                (w for w in match.group("first", "second") if w and len(w) > _MIN_STEM and counts_things(w)), None
            )
            if noun is None:
                continue
            shown = f"{fact.key} = {clause.strip()}"
            for product in scope:
                yield CountedFact(fact.key, shown, float(match.group("num")), frozenset({stem(noun)}), product)


def _nouns(fact: Fact) -> Iterable[str]:
    """The unit's words, and the plural nouns of both labels outside brackets ("Widerstandsstufen (Row 500)")."""
    yield from _LABEL_WORD.findall(str(fact.unit))
    for label in (fact.label_de, fact.label_en):
        for word in _LABEL_WORD.findall(PAREN.sub(" ", label or "")):
            if len(word) > _MIN_STEM and counts_things(word):
                yield word


def count_pattern(facts: Sequence[CountedFact]) -> re.Pattern[str] | None:
    """A number, up to two words, then a word that ends in one of the stems (a compound's head included)."""
    stems = sorted({s for f in facts for s in f.stems}, key=len, reverse=True)
    if not stems:
        return None
    words = "|".join(NUMBER_WORDS)
    return re.compile(
        rf"(?<![\w.,])(?P<num>\d+(?:[.,]\d+)?|{words})(?:[\s\u00a0]+[^\W\d][\w-]*){{0,2}}?[\s\u00a0]+"
        rf"(?P<noun>[^\W\d]*(?:{'|'.join(map(re.escape, stems))})[^\W\d]{{0,3}})\b",
        re.IGNORECASE,
    )


# Words that may stand between a number and what it counts: adjectives and participles ("16 magnetische Stufen",
# "128 gleichzeitig verbundene Geräte"), not a unit or a preposition ("49 kg pro Modul", "4 von 9 Geräten").
_NOT_BETWEEN = frozenset(
    "pro per je von vom of in im mit with für for bis und and oder or to zu ab from at auf on".split()
)

_SHARE = re.compile(r"\b(?:von|aus|unter|of|out\s+of|among)\s+$", re.IGNORECASE)


def counts(
    sentence: str,
    language: Language,
    facts: Sequence[CountedFact],
    pattern: re.Pattern[str],
    products: set[int],
    names: Sequence[tuple[int, int]] = (),
) -> list[Count]:
    """The counts of `sentence` with the facts about their noun (of the `products` talked about, if any); a number
    inside a product name (`names`: "D3 1000 Tropfen") counts nothing."""
    found = []
    position = 0
    while (match := pattern.search(sentence, position)) is not None:
        # A rejected number gives way to the next one ("Row 500 bietet zwanzig Stufen": the name's 500 is none).
        position = match.end("num")
        between = sentence[match.end("num") : match.start("noun")].split()
        if any(w.lower() in _NOT_BETWEEN or unit_of(w) is not None for w in between):
            continue
        if any(start <= match.start("num") < end for start, end in names):
            continue
        position = match.end()
        # A share or a rank counts what was compared, not what the product has ("Platz 3 von 14 Geräten").
        if _SHARE.search(sentence, 0, match.start("num")):
            continue
        noun = stem(match.group("noun"))
        about = [f for f in facts if any(noun.endswith(s) or s.endswith(noun) for s in f.stems)]
        own = [f for f in about if f.product is None or f.product in products] if products else about
        if not own:
            continue
        value = parse_number(match.group("num"), language)
        found.append(Count(value, match.start(), match.end(), tuple(own)))
    return found


def count_backed(count: Count) -> bool:
    """Whether the count stays within one of its facts. A count is a capacity ("bis zu 8 Nutzerprofile"): saying
    "8 Nutzerprofile" states the same capacity, so no "bis zu" needs keeping as a performance figure's does."""
    return any(count.value <= fact.value + 1e-9 for fact in count.facts)
