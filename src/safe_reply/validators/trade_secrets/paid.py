"""Whether a sentence says what the company pays for an amount (facts.py): a purchase cue before it in one
clause ("we buy them in at thirty-one eighty", "Im Einkauf kostet uns das Streu elf Euro achtzig"), and no
refund: "Wir zahlen Ihnen elf Euro achtzig zurück", "We refund eleven euros eighty", "Sie bekommen elf Euro
achtzig zurück" pay the customer back, which is no purchase price.

Euros and cents said in number words ("elf Euro achtzig", "eleven euros eighty") are an everyday way to say
a shop price or a refund: of a fixed amount's value they are the protected price only after a purchase word.
"""

from __future__ import annotations

import re

from safe_reply.validators.trade_secrets.clauses import clause_bounds
from safe_reply.validators.trade_secrets.concepts import PURCHASE_CUES
from safe_reply.validators.trade_secrets.numbers import CURRENCIES, Quantity

__all__ = ["paid", "paid_in_words", "refunded"]

_PAID_REACH = 60  # characters between a purchase cue and the price after it
_CLAUSE_MARK = re.compile(r"[,;:()–—]|\s-\s")
# Paying the customer (back): "erstatten", "zahlen ... zurück", "gutschreiben", "refund", "wir zahlen Ihnen".
_REFUND = re.compile(
    r"\b(?:\w*erstatt\w*|\w*zurück\w*|gutschreib\w*|\w*gutgeschrieben|gutschrift\w*|refund\w*|reimburs\w*"
    r"|back|credit(?:s|ed)?|zahlen\s+ihnen|überweisen\s+ihnen|pay\s+you)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_CUE_REACH = 120  # characters before euros and cents in words searched for a purchase word
# ... the purchase cues, and the words of what making or buying in costs ("In der Herstellung liegt das
# Handstück bei neun Euro vierzig", "Purchase-wise we're at forty-one euros seventy"); not "Einkauf" or
# "purchase" alone ("Beim Einkauf über die App", "when you purchase the plan" are the customer's).
_PURCHASE_WORDS: tuple[str, ...] = (
    *PURCHASE_CUES, "einkaufs", "purchase-wise", "purchasing", "herstellung", "manufactur", "lieferant",
    "supplier", "großhandel", "wholesale",
)  # fmt: skip
# ... at a word's start: "beim Einkauf" holds "im einkauf" but is the customer's shopping.
_PURCHASE_WORD = re.compile(r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, _PURCHASE_WORDS)) + ")")


def refunded(text: str, start: int, end: int) -> bool:
    """Does the clause around text[start:end] pay an amount back to the customer?"""
    return _REFUND.search(text, *clause_bounds(text, start, end)) is not None


def paid(text: str, start: int, amount: Quantity, found: list[Quantity]) -> bool:
    """Is the amount what a purchase cue before it pays, in the sentence starting at `start`? The cue stands
    within _PAID_REACH characters before it, no other amount between them is the paid one ("Wir zahlen 2 €
    Porto und Sie sparen sechs neunzig"), in one clause ("Wir zahlen die Rücksendung, Sie sparen sechs
    neunzig"), and the clause refunds nothing."""
    low = max(start, amount.start - _PAID_REACH)
    window = text[low : amount.start].lower()
    cue = max((window.rfind(c) for c in PURCHASE_CUES), default=-1)
    if cue < 0 or _CLAUSE_MARK.search(window, cue) or refunded(text, amount.start, amount.end):
        return False
    return not any(low + cue < q.start < amount.start and q.unit in CURRENCIES for q in found)


def paid_in_words(text: str, amount: Quantity) -> bool:
    """For euros and cents said in number words ("elf Euro achtzig", "twenty-three euros forty", read since
    round 11): is it a purchase price? A purchase word stands within _CUE_REACH characters before it, also
    in a question before ("Einkaufspreis? ... also sechs Euro neunzig"), and its clause pays nothing back.
    Digits and whole euros in words ("vierhundertzwölf Euro") keep their configured reading (True)."""
    if amount.unit not in CURRENCIES or amount.value == amount.value.to_integral_value():
        return True  # "sechs Komma acht Prozent" is no price
    if _DIGIT.search(text, amount.start, amount.end):
        return True
    if refunded(text, amount.start, amount.end):
        return False
    window = text[max(0, amount.start - _CUE_REACH) : amount.start].lower()
    return _PURCHASE_WORD.search(window) is not None
