"""Reference amounts and equivalents: the serving a content figure is stated for, and the units it is
restated in.

Supplements and foods state their content per serving: "2 Tropfen täglich = 25 µg Vitamin D3 (1.000
I.E.)", "Magnesium je Kapsel: 400 mg", "pro Portion (30 g)". A reply that names another serving for the
same figure ("Jeder Tropfen enthält 1.000 I.E.", "mit zwei Kapseln haben Sie 800 mg") claims another
content: the figure is scaled to the fact's serving before it is compared ("jeder Tropfen: 1.000 I.E." is
2.000 I.E. per two drops). German and English nouns of a serving share one name, so an English reply is
compared with a German fact.
"""

from __future__ import annotations

import re

from safe_reply.quantities import Dimension, Quantity, quantities
from safe_reply.types import Language
from safe_reply.validators.claims.wording import PAREN

# A serving noun, by the name German and English share.
_NOUNS: dict[str, str] = {
    "drop": r"tropfen|drops?",
    "capsule": r"kapseln?|capsules?|softgels?",
    "tablet": r"tabletten?|tablets?",
    "serving": r"portion(?:en)?|servings?",
    "scoop": r"messlöffel|scoops?",
    "sachet": r"beutel|sachets?|sticks?",
    "spray": r"sprühstöße|sprühstoß|sprays?|pumpstöße|pumpstoß|pumps?",
    "gummy": r"gummies|gummis?|fruchtgummis?",
}
_NOUN = "|".join(f"(?P<{name}>{regex})" for name, regex in _NOUNS.items())
_COUNTS = {
    "ein": 1,
    "eine": 1,
    "einer": 1,
    "einem": 1,
    "einen": 1,
    "jede": 1,
    "jeder": 1,
    "jedes": 1,
    "jeden": 1,
    "pro": 1,
    "je": 1,
    "one": 1,
    "a": 1,
    "an": 1,
    "each": 1,
    "every": 1,
    "per": 1,
    "zwei": 2,
    "two": 2,
    "drei": 3,
    "three": 3,
    "vier": 4,
    "four": 4,
    "fünf": 5,
    "five": 5,
    "sechs": 6,
    "six": 6,
}
# A serving is a few units ("2 Tropfen", "zwei Kapseln"); a pack's content is not one: "60 Kapseln" or "eine
# Packung mit 2 Beuteln" states how many units a pack holds.
_SERVING = re.compile(
    rf"(?<!\w)(?P<n>[1-9]|10|{'|'.join(_COUNTS)})\s+"
    rf"(?:einzelne[nr]?\s+|single\s+)?(?:{_NOUN})\b",
    re.IGNORECASE,
)
_PACK = re.compile(
    r"\b(?:packung|dose|döschen|flasche|fläschchen|glas|schachtel|box|pack|packet|bottle|jar|tube|tub|pouch)\w*"
    r"\s+(?:mit|à|zu|of|with|containing)\s+$",
    re.IGNORECASE,
)

Serving = tuple[float, str]  # (how many, the noun's shared name): (2.0, "drop")

# The size of a serving ("eine Portion (30 g)", "one serving is 35 g", "a 30 g scoop") states the amount to
# take, not a content figure of the product.
_SIZE_BEFORE = re.compile(
    rf"(?:\b(?:{_NOUN})|portionsgröße|serving\s+size)\s*(?:\(|:|=|\b(?:is|ist|sind|are|von|of|à|zu|beträgt)\b)\s*$",
    re.IGNORECASE,
)
_SIZE_AFTER = re.compile(rf"^[\s-]*(?:{_NOUN})\b", re.IGNORECASE)


def serving_size(sentence: str, quantity: Quantity) -> bool:
    """Whether a mass or volume figure is the size of a serving, not what the product contains."""
    if quantity.dimension not in (Dimension.MASS, Dimension.VOLUME):
        return False
    before = sentence[max(0, quantity.start - 30) : quantity.start]
    return bool(_SIZE_BEFORE.search(before) or _SIZE_AFTER.match(sentence[quantity.end : quantity.end + 20]))


def _servings(text: str) -> list[re.Match[str]]:
    return [m for m in _SERVING.finditer(text) if not _PACK.search(text, max(0, m.start() - 40), m.start())]


def _serving(match: re.Match[str]) -> Serving:
    raw = match.group("n").lower()
    count = float(raw) if raw.isdigit() else float(_COUNTS[raw])
    noun = next(name for name in _NOUNS if match.group(name))
    return count, noun


def serving_before(text: str, end: int) -> Serving | None:
    """The serving a fact's figure at `end` is stated for: the last one named before it in its clause
    ("2 Tropfen täglich = 25 µg ...")."""
    found = _servings(text[:end])
    return _serving(found[-1]) if found else None


def serving_in(sentence: str, start: int) -> Serving | None:
    """The serving a reply sentence states its figure at `start` for: the last one named before it ("Jeder
    Tropfen enthält 1.000 I.E.", "mit zwei Kapseln sind es 750 mg"), else the first after it."""
    before = _servings(sentence[:start])
    if before:
        return _serving(before[-1])
    # After the figure only in its own clause: "...; höchstens 3 Portionen am Tag" is a daily limit.
    stop = re.compile(r";|\s[–—]\s").search(sentence, start)
    after = [m for m in _servings(sentence[: stop.start() if stop else len(sentence)]) if m.start() >= start]
    return _serving(after[0]) if after else None


def scale(claimed: Serving | None, documented: Serving | None) -> float:
    """The factor that states a claimed figure for the documented serving: 2.0 for "jeder Tropfen"
    against "2 Tropfen = ..."; 1.0 when either names no serving or they name different nouns."""
    if claimed is None or documented is None or claimed[1] != documented[1] or claimed[0] <= 0:
        return 1.0
    return documented[0] / claimed[0]


# Units a bracket restates a content figure in: "25 µg Vitamin D3 (1.000 I.E., 500 % NRV)". Only a content
# figure (mass, IU) is restated so: "3 h (80 % Ladung)" names a condition, not an equivalent.
_CONTENT = (Dimension.IU, Dimension.MASS)
_NOUN_GAP = re.compile(r"\s*(?:[\w+-]+\s+){0,4}")  # "25 µg Vitamin D3 (": the figure's noun
_EQUIVALENT = (*_CONTENT, Dimension.PERCENT)


def equivalents(text: str, figures: list[Quantity], dimension: Dimension | None) -> list[Quantity]:
    """The figures of a bracket right after a figure and its noun that restate it in another unit."""
    found: list[Quantity] = []
    for bracket in PAREN.finditer(text):
        lead = next((q for q in reversed(figures) if q.end <= bracket.start()), None)
        gap = text[lead.end : bracket.start()] if lead else ""
        if lead is None or lead.dimension not in _CONTENT or not _NOUN_GAP.fullmatch(gap):
            continue
        found.extend(
            q
            for q in quantities(text[: bracket.end()], Language.DE)
            if q.start > bracket.start()
            and q.dimension in _EQUIVALENT
            and q.dimension is not lead.dimension
            and (dimension is None or q.dimension is dimension)
        )
    return found
