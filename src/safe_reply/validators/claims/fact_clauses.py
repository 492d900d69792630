"""How a spec-sheet fact's value and qualifier are built as text: clauses, their products, ranges.

A fact's qualifier is prose ("P40 auf Stufe Turbo; Luftreich P25: 250 m³/h; P40 auf Stufe 2: 210 m³/h"):
clauses separated by ";" and ", ", each holding for the products named before its colon or at its start,
with figures that may form a range ("−25 °C bis +35 °C"), carry a condition in brackets ("3 W
(Nachtmodus)") or state a usage pattern ("2 h pro Tag") rather than a value. This module reads that
structure; `alternatives` turns the figures into the alternatives a reply is compared with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from safe_reply.quantities import Dimension, Quantity, parse_number
from safe_reply.types import Language
from safe_reply.validators.claims.fact_parts import RANGE
from safe_reply.validators.claims.products import ProductIndex
from safe_reply.validators.claims.wording import content_words, unit_tail

_JOINED = re.compile(r"\s*(?:bis|–|-|to)\s*\+?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Clause:
    """A clause of a fact's value or qualifier with the figures it holds."""

    text: str
    products: tuple[int | None, ...]  # the products it holds for
    in_value: bool  # a clause of a text value (its words name the attribute), else of the qualifier


def split_clauses(text: str) -> list[str]:
    """Clauses separated by ";" outside brackets."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += char == "("
        depth -= char == ")" and depth > 0
        if char == ";" and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def clauses_of(texts: list[str], products: ProductIndex, scope: list[int | None], in_value: bool) -> list[Clause]:
    """Clauses of a text value and the qualifier, each with its products: a clause "Tavi Duo: ..." holds
    for the products named before its colon, and so do the clauses after it until another name."""
    found: list[Clause] = []
    for index, text in enumerate(texts):
        current: tuple[int | None, ...] = tuple(scope)
        for part in split_clauses(text):
            for segment in re.split(r",(?=\s)(?![^()]*\))", part):
                # A value clause holds for the products it names; a qualifier clause only for the products
                # named before its colon or at its start ("Luftreich P25: 250 m³/h"), not for an accessory
                # it mentions ("mit Akku 4,0 Ah 2,0 kg").
                if ":" in segment:
                    head = segment.split(":")[0]
                elif in_value and index == 0:
                    head = segment
                else:
                    head = segment[: max((e for s, e in products.spans(segment) if s <= 2), default=0)]
                named = products.named(head) if len(head) < 80 else set()
                if named:
                    current = tuple(sorted(named))
                found.append(Clause(segment, current, in_value and index == 0))
    return found


# A usage pattern in a qualifier states how the product was used, not another value: "bei 20 Aufnahmen à 20 s
# pro Tag", "10 Schließvorgänge pro Tag", "at 2 hours a day".
# ("je" and "each" are left out: "zwei Kochzonen mit je 1.000 W" is a value per part.)
_EACH = re.compile(r"(?<!\w)à\s*$")


def usage(text: str, quantity: Quantity) -> bool:
    """A time or count per day ("2 h pro Tag") or per event ("à 20 s"); "150 kWh pro Jahr" is a value."""
    per_time = quantity.dimension in (Dimension.DURATION, Dimension.COUNT) and unit_tail(text[quantity.end :]) > 0
    return per_time or _EACH.search(text, 0, quantity.start) is not None


def bracket_after(text: str, end: int, products: ProductIndex) -> frozenset[str]:
    """The condition in brackets right after a figure: "3 W (Nachtmodus)" -> {"nachtmodus"}."""
    match = re.match(r"\s*\(([^()]{1,60})\)", text[end:])
    return content_words(match.group(1), products) if match else frozenset()


def ranged(text: str, figures: list[Quantity]) -> list[tuple[Quantity, float, float | None, int]]:
    """(figure, value, low end, end offset of the upper figure) per value; "−25 °C bis +35 °C" is one."""
    found: list[tuple[Quantity, float, float | None, int]] = []
    for position, quantity in enumerate(figures):
        previous = figures[position - 1] if position else None
        following = figures[position + 1] if position + 1 < len(figures) else None
        if _joined(text, previous, quantity):
            continue  # the upper end of a range made below
        if _joined(text, quantity, following):
            assert following is not None
            found.append((quantity, following.value, quantity.value, following.end))
            continue
        span = RANGE.search(text[max(0, quantity.start - 14) : quantity.end])
        low = None
        if span:
            low = (
                parse_number(span.group(1), Language.DE)
                * quantity.value
                / max(parse_number(span.group(2), Language.DE), 1e-12)
            )
        else:
            low = _listed_low(text, quantity)
        found.append((quantity, quantity.value, low, quantity.end))
    return found


# Bare numbers listed before a figure share its unit: "24 / 33 / 42 / 52 dB(A)" (one per fan level), "63 bzw.
# 65 dB(A)", "6, 12 oder 24 Monate". A comma lists only with a space after it ("24,5" is one number).
_NUMBER = r"\d+(?:[.,]\d+)?"
_LISTED = re.compile(rf"((?:{_NUMBER}\s*(?:/|,\s|;|bzw\.|und|oder|or|and)\s*)+)$", re.IGNORECASE)
_LEADING = re.compile(_NUMBER)


def _listed_low(text: str, quantity: Quantity) -> float | None:
    """The smallest of the numbers listed right before the figure, in its unit; None without a list."""
    listed = _LISTED.search(text, max(0, quantity.start - 60), quantity.start)
    own = _LEADING.match(text, quantity.start)
    if listed is None or own is None:
        return None
    raw = parse_number(own.group(), Language.DE)
    numbers = [parse_number(n, Language.DE) for n in re.findall(_NUMBER, listed.group(1))]
    smallest = min([*numbers, raw])
    return smallest * quantity.value / max(raw, 1e-12) if smallest < raw else None


def _joined(text: str, first: Quantity | None, second: Quantity | None) -> bool:
    if first is None or second is None or first.dimension is not second.dimension:
        return False
    between = text[first.end : second.start]
    return (
        _JOINED.fullmatch(between) is not None
        or re.fullmatch(r"\s*\([^()]{1,60}\)\s*(?:bis|–|-|to)\s*", between) is not None
    )
