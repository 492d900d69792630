"""Where the words of a fact stand in a reply: a concept word at a word start or as the head of a German
compound ("Retourenquote"), never inside another word ("rate" of "separately"); a fraction of a share ("a
quarter", "ein Drittel") with such a word right beside it; and the marks that say a reply may hold an
amount at all (currency signs, share words, cents).

A fraction is an everyday word ("a quarter of the orders", "ein Drittel der Bezüge"): it states a rate only
where the rate's own word is beside it, in the same clause and a few words off ("die Retourenquote liegt
bei einem Viertel"), not anywhere in its sentence ("Ein Drittel ist ausverkauft; eine Rücksendung ist
jederzeit möglich")."""

from __future__ import annotations

import re
from decimal import Decimal

from safe_reply.validators.trade_secrets.concepts import CONCEPTS
from safe_reply.validators.trade_secrets.frames import sentences
from safe_reply.validators.trade_secrets.numbers import Quantity

__all__ = [
    "CENTS_BELOW",
    "CENTS_BYTES_MARK",
    "CENTS_MARK",
    "CURRENCY_BYTES",
    "SHARE_BYTES",
    "beside_concept",
    "compound_head",
    "has_currency",
    "word_start",
]

_TAIL_ENDINGS = ("", "n", "en", "s", "e")
_VOWELS = frozenset("aeiouyäöü")
_CLAUSE_END = re.compile(r"[;:,()–—]| - ")  # a fraction and its rate word stand in one clause
_BESIDE_WORDS = 8  # words between a fraction and its rate word ("our margin on the tents is a little under half")
_WORD = re.compile(r"[^\W_]+")


def word_start(lower: str, index: int) -> bool:
    return index == 0 or not lower[index - 1].isalnum()


def compound_head(lower: str, start: int, end: int) -> bool:
    """Does the concept word lower[start:end] end its word, as a German compound's head does?"""
    if lower[start:end] == "rate" and start and lower[start - 1] in _VOWELS:
        return False
    rest = lower[end : end + 3]
    return any(
        rest.startswith(ending) and (len(rest) == len(ending) or not rest[len(ending)].isalnum())
        for ending in _TAIL_ENDINGS
    )


def beside_concept(lower: str, quantity: Quantity, concepts: tuple[str, ...], also: tuple[str, ...] = ()) -> bool:
    """Is a wording of one of the concepts (or one of the words `also`) right beside the value: in its
    clause, at most _BESIDE_WORDS words off, at a word start or as a compound's head?"""
    ((start, end),) = sentences(lower, [quantity.start])
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(lower, start, quantity.start)), default=start)
    after = _CLAUSE_END.search(lower, quantity.end, end)
    clause_end = after.start() if after else end
    words = list(_WORD.finditer(lower, clause_start, clause_end))
    before = [w for w in words if w.end() <= quantity.start][-_BESIDE_WORDS - 1 :]
    behind = [w for w in words if w.start() >= quantity.end][: _BESIDE_WORDS + 1]
    low = before[0].start() if before else quantity.start
    high = behind[-1].end() if behind else quantity.end
    for wording in {*(w for key in concepts for w in CONCEPTS[key]), *also}:
        at = lower.find(wording, low, high)
        while at >= 0:
            if word_start(lower, at) or compound_head(lower, at, at + len(wording)):
                return True
            at = lower.find(wording, at + 1, high)
    return False


# Marks of an amount: currency words and signs, a price's dash for the cents ("1140,-"), a share's words.
CURRENCY_MARKS = ("€", "eur", "$", "usd", "dollar", "£", "gbp", "chf", ",-", ".-", ",–", ".–")
SHARE_MARKS = (
    "%", "prozent", "percent", "per cent", "cent", "hundert", "hundred", " 100", "1000", "1.000", "1,000",
    # Fractions (numbers.py): "die Hälfte", "a third of", "drei Viertel".
    "hälfte", "haelfte", "half", "drittel", "third", "viertel", "quarter", "fünftel", "fifth", "zehntel", "tenth",
)  # fmt: skip


def has_currency(lower: str, shares: bool = False) -> bool:
    return any(mark in lower for mark in CURRENCY_MARKS) or (shares and any(m in lower for m in SHARE_MARKS))


# The marks as a fast view's lowered Latin-1 bytes ("€" and "–" are beyond Latin-1: may_hold_amount checks them).
CURRENCY_BYTES = tuple(mark.encode("latin-1") for mark in CURRENCY_MARKS if mark.isascii() or mark == "£")
SHARE_BYTES = tuple(mark.encode("latin-1") for mark in SHARE_MARKS)
# Cents after a digit ("80 Cent", "8,1ct"): "ct" alone is inside "product" and "direct".
CENTS_MARK = re.compile(r"\d[\s\u2007]?(?:ct|cent)")
CENTS_BYTES_MARK = re.compile(rb"\d\s?(?:ct|cent)")
CENTS_BELOW = Decimal(10)  # euros: a price below this is said in cents too
