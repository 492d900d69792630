"""Fact rules: what a protected entry's text states as a fact (its values, business concepts and
objects), compiled once at policy load.

It stands apart from the scan in facts.py because it reads only the entry lists, never a reply: the
build step turns each entry into a FactRule or AmountRule here, and FactScanner (facts.py) indexes
and matches those rules per reply. What a fact rule holds and when it leaks is described in facts.py.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from safe_reply.validators.trade_secrets.concepts import (
    CONCEPTS,
    GENERIC_CONCEPTS,
    OBJECT_HEADS,
    OBJECT_WORDS_EN,
    VALUE_ONLY_CONCEPTS,
)
from safe_reply.validators.trade_secrets.matter_words import NOT_A_LEAK
from safe_reply.validators.trade_secrets.numbers import CURRENCIES, Quantity, Unit, quantities

__all__ = [
    "FACT_HINT",
    "AmountRule",
    "FactRule",
    "fact_rule",
    "is_clipped",
    "kind_concepts",
    "note_values",
    "typed_fact",
]

_WORD = re.compile(r"[^\W_][^\W_]*(?:[-/.][^\W_]+)*")
_MIN_OBJECT_LEN = 4
_MIN_HEAD_LEN = 6  # the shortest head noun of OBJECT_HEADS
# An object word this long also counts by its first _CLIPPED_OBJECT_LEN letters, the way replies clip
# and recombine it ("Gastronomie" -> "Gastro-Preisliste"); only for facts with a value, which the value
# itself pins down.
_MIN_CLIPPED_OBJECT_LEN = 9
_CLIPPED_OBJECT_LEN = 6
# A number standing on its own (not the digits of "Zorvak4821"), a currency sign, or a concept word.
FACT_HINT = _FACT_HINT = re.compile(r"(?<![^\W_])\d|[€$£]|" + "|".join(CONCEPTS), re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FactRule:
    entry: int
    values: tuple[Quantity, ...]
    concepts: tuple[str, ...]  # keys of CONCEPTS
    objects: tuple[str, ...]  # casefolded words or phrases of the entry that are neither concept nor value
    cues: tuple[str, ...] = ()  # an operator's own cue words (a typed `fact:` entry), counted like concepts


@dataclass(frozen=True, slots=True)
class AmountRule:
    entry: int
    values: tuple[Quantity, ...]
    # The concepts of the entry's kind ("marge" of `margin`): a fraction ("gut die Hälfte") states the
    # amount only beside one of them, where the exact value needs none.
    concepts: tuple[str, ...] = ()


def kind_concepts(kind: str) -> tuple[str, ...]:
    """The business concepts a kind names (`margin` -> marge, `return_rate` -> quote, rate, rücksend)."""
    words = [w for w in kind.lower().split("_") if len(w) >= 4]
    return tuple(key for key, wordings in CONCEPTS.items() if any(w == key or w in wordings for w in words))


_LETTERS_DIGITS = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")


def fact_rule(entry: int, text: str) -> FactRule | None:
    """The fact rule of an entry's text, or None when it states no fact (a plain codename)."""
    if not _FACT_HINT.search(text):  # most terms of a long list: no number of their own, no concept
        return None
    # A month without a year stays a word of the entry ("Preiserhöhung zum 1. Februar" has the object
    # "Februar"): alone it is too common a value; a date with its year is one ("Auslauf 03/2027").
    values = tuple(
        q for q in quantities(text) if q.unit is not Unit.MONTH and (q.unit is not Unit.NONE or len(str(q.value)) >= 2)
    )
    rest = text
    for quantity in sorted(values, key=lambda q: -q.start):
        rest = rest[: quantity.start] + " " + rest[quantity.end :]
    words = [w.lower() for w in _WORD.findall(rest)]
    # A generic concept inside a specific one of the same word ("erhöhung" of "preiserhöhung") is not a
    # second concept: two would make one wording ("teurer") two signals.
    concepts = tuple(
        dict.fromkeys(
            key
            for word in words
            for key in CONCEPTS
            if key in word and not (key in GENERIC_CONCEPTS and any(key in k != key and k in word for k in CONCEPTS))
        )
    )
    objects = tuple(part for word in words for part in _object_parts(word))
    codes = tuple(word for word in words if any(c.isdigit() for c in word) and any(c.isalpha() for c in word))
    # A code joined to its concept ("HS-5-Auslauf", "X2-Preiserhöhung") is the code without it: the reply says
    # "der HS 5 wird … aus dem Programm genommen", never the entry's compound.
    codes += tuple(
        core.replace("-", gap)
        for code in codes
        for key in concepts
        if key in code
        and (core := code.replace(key, "").strip("-/ ")) != code
        and any(c.isdigit() for c in core)
        and any(c.isalpha() for c in core)
        for gap in ("-", " ", "")
    )
    # A code is also written with a hyphen or a space where letters meet digits ("B-7", "B 7" of "B7").
    codes += tuple(
        variant for code in codes for gap in ("-", " ") if (variant := _LETTERS_DIGITS.sub(gap, code)) != code
    )
    objects = tuple(dict.fromkeys((*objects, *codes)))
    # A bare number without unit or concept is part of a name ("Lift 180 Duo", "Storm 4L"), not a value.
    if values and (concepts or (objects and any(v.unit is not Unit.NONE for v in values))):
        return FactRule(entry, values, concepts, _with_english(_with_clipped(objects)))
    concepts = tuple(key for key in concepts if key not in VALUE_ONLY_CONCEPTS)
    if concepts and (objects or len(concepts) >= 2):
        return FactRule(entry, (), concepts, objects)
    return None


def note_values(rule: FactRule, note: str | None) -> FactRule | None:
    """A second rule of the entry: `rule` with the amounts and rates its note states, when its own text
    states none (None when there are none).

    Operators write the value of an internal figure where they explain the entry: "Kulanzrahmen" with
    the note "interner Kulanzrahmen von 150 € pro Fall", "Erstlösungsquote" with "internes Ziel: 85 %".
    A reply that paraphrases the figure never writes the term ("Bis 150 € pro Fall dürfen wir kulant
    sein"); with the note's value the fact is found as the written "Kulanzrahmen 150 €" would be (a
    value beside a concept or a secrecy cue, facts.py). Only amounts and rates: a year in a note dates
    a plan ("Ende 2026"), and a bare number is anything. Clauses that say what is no leak are skipped.
    A second rule, not a changed one: the entry stays found by its words as before ("ab dem Frühjahr
    teurer" of a planned price rise whose note gives its 8 %), which a rule with values no longer does.
    """
    if rule.values or not note:
        return None
    said = " ; ".join(clause for clause in _NOTE_CLAUSE.split(note) if not _says_public(clause))
    values = tuple(q for q in quantities(said) if q.unit is Unit.PERCENT or q.unit in CURRENCIES)
    return dataclasses.replace(rule, values=values) if values else None


_NOTE_CLAUSE = re.compile(r"[.;]\s")
# A clause of a note that names something public ("öffentlich kommuniziert werden nur 'über 90 %'") gives no
# internal value; "nicht öffentlich" is no such clause.
_PUBLIC = re.compile(r"(?<!nicht )(?<!not )\b(?:öffentlich\w*|public(?:ly)?)\b", re.IGNORECASE)


def _says_public(clause: str) -> bool:
    return NOT_A_LEAK.search(clause) is not None or _PUBLIC.search(clause) is not None


def _with_english(objects: tuple[str, ...]) -> tuple[str, ...]:
    """The objects with the head nouns they end in (OBJECT_HEADS: "reparatur" of "Wiederholreparatur") and
    their English words (OBJECT_WORDS_EN), for a German entry read in an English reply."""
    heads = (o[-k:] for o in objects for k in range(_MIN_HEAD_LEN, len(o)) if o[-k:] in OBJECT_HEADS)
    objects = tuple(dict.fromkeys((*objects, *heads)))
    english = (w for o in objects for w in OBJECT_WORDS_EN.get(o, ()))
    return tuple(dict.fromkeys((*objects, *english)))


def _with_clipped(objects: tuple[str, ...]) -> tuple[str, ...]:
    clipped = (o[:_CLIPPED_OBJECT_LEN] for o in objects if len(o) >= _MIN_CLIPPED_OBJECT_LEN and o.isalpha())
    return tuple(dict.fromkeys((*objects, *clipped)))


def is_clipped(obj: str, objects: tuple[str, ...]) -> bool:
    """Is `obj` only the clipped start of a longer object of the same rule (_with_clipped)?"""
    return len(obj) == _CLIPPED_OBJECT_LEN and any(
        len(other) >= _MIN_CLIPPED_OBJECT_LEN and other != obj and other.startswith(obj) for other in objects
    )


def _object_parts(word: str) -> list[str]:
    """The object words of an entry word: the word itself, or what is left of a compound around its
    concept ("projekt" of "Projektrabatt", "händler" of "Händlerbonus"); never a bare number."""
    if word.isdigit():
        return []
    keys = [key for key in CONCEPTS if key in word]
    if not keys:
        return [word] if len(word) >= _MIN_OBJECT_LEN else []
    rest = word
    for key in keys:
        rest = rest.replace(key, " ")
    # The parts around the concept, without the hyphen that joined them ("Lötstellen-Quote"); a part that
    # ends in the linking "s" of a compound also without it ("beitrag" of "Beitragserhöhung").
    parts = [part for part in re.split(r"[\s/-]+", rest) if len(part) >= _MIN_OBJECT_LEN]
    return [*parts, *(p[:-1] for p in parts if p.endswith(("gs", "ts", "ns")) and len(p) > _MIN_OBJECT_LEN)]


def typed_fact(entry: int, fact: str, value: str | None, cues: Sequence[str]) -> FactRule | None:
    """The rule of a typed `fact:` entry: the words of `fact` plus the operator's cue words, and the
    values of `value` ("14 %", "800 Stück"); None when `value` holds no number."""
    base = fact_rule(entry, fact) or FactRule(entry, (), (), ())
    values: tuple[Quantity, ...] = ()
    if value is not None:
        values = tuple(quantities(value))
        if not values:
            return None
    words = [w.lower() for w in _WORD.findall(fact)]
    concepts = tuple(dict.fromkeys((*base.concepts, *(k for w in words for k in CONCEPTS if k in w))))
    objects = base.objects or tuple(w for w in words if len(w) >= _MIN_OBJECT_LEN and not any(k in w for k in CONCEPTS))
    own_cues = tuple(dict.fromkeys(c.lower() for c in cues if c.strip()))
    return FactRule(entry, values or base.values, concepts, objects, own_cues)
