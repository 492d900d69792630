"""Slash tuples: one fact that gives several attributes at once, as spec sheets write them.

"Temperaturbereich (Komfort / Limit / Extrem)" with the value "Hochfirst 400: +2 / −3 / −18 °C; Kandel 0: +4 / −1 /
−15 °C", "Wassersäule (Boden / Außenzelt)" with "10.000 / 3.000 mm", "Mietpreis (Wochenende / Woche)" with "29 € /
59 €". Read as one value, such a fact compares a reply's comfort temperature with the extreme one, or sees no
figure at all. Where a label names k parts separated by "/" and the value holds tuples of exactly k numbers, the
fact is read as k facts, one per part: its label is the label's other words and that part ("Temperaturbereich
Komfort"), its value the value with each tuple replaced by its i-th number (the unit after a tuple, or after each
number, stays). Anything else is left as written.
"""

from __future__ import annotations

import functools
import re

from safe_reply.config_models import Fact
from safe_reply.quantities import parse_number
from safe_reply.types import Language
from safe_reply.validators.claims.wording import PAREN

_PART_GROUP = re.compile(r"\(([^()]*/[^()]*)\)")
_NUMBER = r"(?:[+−–-]\s?)?\d+(?:[.,]\d+)*"
# The parts named at the head of the value instead of the label: "Wochenende (Fr 16 Uhr bis Mo 12 Uhr) / Woche: …".
_VALUE_HEAD = re.compile(r"^\s*((?:[^:;/\d()]|\([^()]*\))+(?:/(?:[^:;/\d()]|\([^()]*\))+)+):")
_MAX_PARTS = 4
_WORD = re.compile(r"[^\W\d_]+")
_MIN_PART_WORD = 3


def _parts(label: str | None) -> tuple[str, list[str]] | None:
    """(the label without its parts, the parts) of "Temperaturbereich (Komfort / Limit / Extrem)" or "Boden / Dach"."""
    if not label:
        return None
    group = _PART_GROUP.search(label)
    if group is not None:
        rest, inner = (label[: group.start()] + label[group.end() :]).strip(), group.group(1)
    elif "/" in label:
        rest, inner = "", label
    else:
        return None
    parts = [p.strip() for p in inner.split("/")]
    if not 2 <= len(parts) <= _MAX_PARTS or not all(parts):
        return None
    return rest, parts


@functools.lru_cache(maxsize=_MAX_PARTS)
def _tuple_pattern(size: int) -> re.Pattern[str]:
    # k numbers, each with an optional unit of its own ("29 € / 59 €"), and no further "/ number" after the last.
    item = rf"({_NUMBER})(\s?(?:[€$£¥%]|°\w?|[^\W\d_]{{1,6}}))?"
    return re.compile(rf"(?<![\w.,/]){item}" + rf"\s*/\s*{item}" * (size - 1) + rf"(?!\s*/\s*{_NUMBER})")


def split_tuples(fact: Fact) -> list[Fact]:
    """The fact as one fact per part of its slash tuple, or [fact] when it has none."""
    text = str(fact.value)
    labels = [_parts(fact.label_de), _parts(fact.label_en)]
    head = _VALUE_HEAD.match(text) if not any(labels) and isinstance(fact.value, str) else None
    if head is not None:
        # The parts stand in the value's head, in the value's language (German, as the corpus writes values).
        inner = PAREN.sub(" ", head.group(1))
        labels = [_parts(f"{fact.label_de or ''} ({inner})"), None]
        text = text[head.end() :]
    sizes = {len(found[1]) for found in labels if found is not None}
    if len(sizes) != 1:
        return [fact]
    size = sizes.pop()
    pattern = _tuple_pattern(size)
    if not pattern.search(text):
        return [fact]
    split = []
    for index in range(size):
        # Group 2i+1 is the i-th number, 2i+2 its own unit; a unit only after the last number belongs to every one.
        def pick(match: re.Match[str], i: int = index) -> str:
            number, unit = match.group(2 * i + 1), match.group(2 * i + 2) or match.group(2 * size) or ""
            return " " * (match.group()[:1] == " ") + number.replace(" ", "") + unit

        names = [f"{found[0]} {found[1][index]}".strip() if found is not None else None for found in labels]
        value: str | float | int = pattern.sub(pick, text)
        if fact.unit is not None:
            try:
                value = parse_number(str(value).strip().replace("−", "-").replace("+", ""), Language.DE)
            except ValueError:
                return [fact]
        part = (names[0] or names[1] or str(index)).lower()
        split.append(
            fact.model_copy(
                update={
                    "key": f"{fact.key}.{re.sub(r'[^a-z0-9äöüß]+', '_', part).strip('_')}",
                    "label_de": names[0] or fact.label_de,
                    "label_en": names[1] or fact.label_en,
                    "value": value,
                }
            )
        )
    return split


def part_words(part: Fact, whole: Fact) -> frozenset[str]:
    """The words that name a part ("komfort", "comfort") of the tuple `whole` was split from: the part's labels
    without the words every part shares."""
    shared = " ".join(_PART_GROUP.sub(" ", x) for x in (whole.label_de, whole.label_en) if x).lower()
    own = " ".join(x for x in (part.label_de, part.label_en) if x).lower()
    common = set(_WORD.findall(shared))
    return frozenset(w for w in _WORD.findall(own) if w not in common and len(w) >= _MIN_PART_WORD)
