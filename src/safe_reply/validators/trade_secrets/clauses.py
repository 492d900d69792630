"""What one clause of a sentence says around a fact's wording (facts.py): whether a rise is a price's
and meant, and what a percentage is a share of.

A rise verb says nothing of what rises: "Im Juli steigen die Temperaturen", "wir erhöhen das Datenvolumen
Ihres Tarifs", "your credit limit is raised" plan no price increase, and "will not be raised" plans none
at all. A percentage "of" something is a rate only where that something is a population: "10 % des
Gesamtbetrags" is a charge, "10 % aller Stornierungen erfolgen per App" a breakdown of the events.
Everything is read within a bounded reach of the wording, so the cost per hit does not grow with the reply.
"""

from __future__ import annotations

import bisect
import enum
import re

from safe_reply.negation import negation_regex

__all__ = [
    "CLAUSE_END",
    "NEGATION",
    "Clauses",
    "Share",
    "clause_bounds",
    "new_prices_stated",
    "rise_stated",
    "share_of",
]

_REACH = 160  # characters searched either side of a wording for its clause's ends
# What ends a clause: a sentence mark, a comma, a colon, a dash, a bracket.
_CLAUSE_END = re.compile(r"[.!?;:,()\[\]–—]|\s-\s")
# What a price rise raises, as the head of a word ("Abo-Preise", "Monatsbeitrag", "membership fees"); a
# word that merely begins like one ("kostenlos", "costume") is no price.
# The stem ends the word, after at most 30 letters of a compound's first parts: "Mieter", "Tarifauswahl" and
# "Kostenübernahme" are no prices, and the bounded prefix keeps the cost per wording linear.
# Found by its stem and its word's end, then its start is walked back to (_word_start): a search from every
# word start with a bounded prefix cost a reply of rise wordings 1.6 s.
_PRICE_STEM = re.compile(
    r"(?:preis|price|kosten|cost|beitr[aä]g|gebühr|fee|tarif|abo|premium|prämie|miete|rent)(?:e|es|en|n|s|er)?\b",
    re.IGNORECASE,
)
# ... unless it is only the attribute of another noun ("das Datenvolumen Ihres Tarifs", "the speed of
# your plan"), a genitive article or "of" right before it, or the price that is not charged ("ohne
# Aufpreis", "at no extra cost").
_NOT_RISING_BEFORE = re.compile(
    r"\b(?:des|eines|ihres|unseres|meines|deines|seines|of(?:\s+(?:the|your|our|its|their))?"
    r"|(?:ohne|without|no|keine?[nmrs]?)(?:\s+(?:extra|additional|zusätzliche?[nmrs]?|weitere?[nmrs]?))?)\s+$",
    re.IGNORECASE,
)
CLAUSE_END = _CLAUSE_END  # ... also read by kind_clause.py
# A negation next to the wording turns the rise round ("steigen im Juli nicht", "will not be raised").
_NEGATION = negation_regex()
NEGATION = _NEGATION  # ... also read by kind_clause.py over a codename's clause
_NEGATION_WORDS = 3  # words either side of the wording searched for a negation
_WORD = re.compile(r"[\w'’]+")
# A habit is no plan: "Im Juli steigen die Preise für Flüge traditionell", "prices usually go up in July".
_HABITUAL = re.compile(
    r"\b(?:traditionell|üblicherweise|normalerweise|gewöhnlich|erfahrungsgemäß|in\s+der\s+regel|jedes\s+jahr"
    r"|alljährlich|saisonal|usually|typically|traditionally|normally|generally|every\s+year|each\s+year"
    r"|tend\s+to|seasonally)\b",
    re.IGNORECASE,
)
# New prices already in force are public: "Seit Juli gelten die neuen Preise", "since July".
_IN_FORCE = re.compile(r"\b(?:seit|seitdem|bereits|since|already)\b", re.IGNORECASE)


class Clauses:
    """The clause marks of one reply, each found in one pass over it when first asked for, so that a reply
    with thousands of rise wordings costs a few bisections per wording, not a search of its clause
    (100,000 characters of "erhöh " took 1.6 s clause by clause)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] = []  # starts and ends of the clause marks (_marks)
        self._ends: list[int] | None = None
        self._words: list[int] | None = None  # starts of words
        self._negations: list[tuple[int, int]] | None = None
        self._habits: list[int] | None = None
        self._in_force: list[int] | None = None
        self._prices: list[tuple[int, int]] | None = None  # price words that a rise may raise

    def rise_stated(self, start: int, end: int) -> bool:
        """Does the rise wording at text[start:end] state a price rise: its clause names a price (not as
        another noun's attribute), no negation stands within three words of it, and no habit is told?"""
        prices = self._price_words()
        if not prices:  # most replies: no price at all, nothing rises
            return False
        low, high = self._clause(start, end)
        if self._negated(start, end, low, high) or _any_within(self._habit_starts(), low, high):
            return False
        index = bisect.bisect_left(prices, (low, -1))
        return index < len(prices) and prices[index][1] <= high

    def new_prices_stated(self, start: int, end: int) -> bool:
        """Do the new prices at text[start:end] announce a change, rather than prices already in force?"""
        low, high = self._clause(start, end)
        return not (_any_within(self._in_force_starts(), low, high) or self._negated(start, end, low, high))

    def _clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause around text[start:end]: from the last clause mark before it to the first one after it,
        each within _REACH characters."""
        starts, ends = self._marks()
        size = len(self.text)
        low = max(0, start - _REACH)
        before = bisect.bisect_right(ends, start) - 1
        if before >= 0 and starts[before] >= low:
            low = ends[before]
        high = min(size, end + _REACH)
        after = bisect.bisect_left(starts, end)
        if after < len(starts) and ends[after] <= high:
            high = starts[after]
        return low, high

    def _negated(self, start: int, end: int, low: int, high: int) -> bool:
        """A negation among the _NEGATION_WORDS words before or after the wording, within its clause."""
        if self._negations is None:
            self._words = [m.start() for m in _WORD.finditer(self.text)]
            self._negations = [(m.start(), m.end()) for m in _NEGATION.finditer(self.text)]
        words, negations = self._words or [], self._negations
        # The nearest negation ending before the wording, and the nearest one after it.
        before = bisect.bisect_right(negations, (start, start)) - 1
        while before >= 0 and negations[before][1] > start:
            before -= 1
        if before >= 0:
            first, last = negations[before]
            between = bisect.bisect_left(words, start) - bisect.bisect_left(words, first)
            if first >= low and between <= _NEGATION_WORDS:
                return True
        after = bisect.bisect_left(negations, (end, end))
        if after < len(negations):
            first, last = negations[after]
            between = bisect.bisect_right(words, first) - bisect.bisect_left(words, end)
            # The rest of a word the wording ends inside ("erhöh|en") is a word of its own.
            inside = 1 if 0 < end < len(self.text) and _IN_WORD.match(self.text, end - 1) else 0
            if last <= high and between + inside <= _NEGATION_WORDS:
                return True
        return False

    def _habit_starts(self) -> list[int]:
        if self._habits is None:
            self._habits = [m.start() for m in _HABITUAL.finditer(self.text)]
        return self._habits

    def _in_force_starts(self) -> list[int]:
        if self._in_force is None:
            self._in_force = [m.start() for m in _IN_FORCE.finditer(self.text)]
        return self._in_force

    def _price_words(self) -> list[tuple[int, int]]:
        """(start, end) of every word a price rise raises (_PRICE_STEM), unless only the attribute of
        another noun or a price not charged (_NOT_RISING_BEFORE)."""
        if self._prices is None:
            text = self.text
            found: dict[int, int] = {}
            for match in _PRICE_STEM.finditer(text):
                word = _word_start(text, match.start())
                if word is None or word in found or text[word : match.end()].lower().endswith("mieter"):
                    continue
                mark = bisect.bisect_right(self._marks()[1], word) - 1
                low = max(word - 30, self._marks()[1][mark] if mark >= 0 else 0)
                if not _NOT_RISING_BEFORE.search(text, low, word):
                    found[word] = match.end()
            self._prices = sorted(found.items())
        return self._prices

    def _marks(self) -> tuple[list[int], list[int]]:
        """Starts and ends of the clause marks, in order (they never overlap)."""
        if self._ends is None:
            marks = list(_CLAUSE_END.finditer(self.text))
            self._starts = [m.start() for m in marks]
            self._ends = [m.end() for m in marks]
        return self._starts, self._ends


# A word going on across a position (two characters of a word, as _WORD counts them).
_IN_WORD = re.compile(r"[\w'’]{2}")
_PREFIX = 30  # letters of a compound's first parts before a price word's stem, per hyphenated part


def _word_start(text: str, stem: int) -> int | None:
    """Where the word a price stem ends begins: at most _PREFIX letters before the stem, one hyphenated
    part of at most as many before those ("Abo-Preise", "Monatsbeitrag"); None for a longer word."""
    at = stem
    while at > 0 and _is_word(text[at - 1]):
        at -= 1
        if stem - at > _PREFIX:
            return None
    if at > 1 and text[at - 1] == "-" and _is_word(text[at - 2]):
        part = at - 1
        while part > 0 and _is_word(text[part - 1]):
            part -= 1
            if at - 1 - part > _PREFIX:
                return at
        return part
    return at


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end] (one search, for a single wording; Clauses for many)."""
    low = max(0, start - _REACH)
    before = [m.end() for m in _CLAUSE_END.finditer(text, low, start)]
    after = _CLAUSE_END.search(text, end, min(len(text), end + _REACH))
    return (before[-1] if before else low, after.start() if after else min(len(text), end + _REACH))


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _any_within(positions: list[int], low: int, high: int) -> bool:
    index = bisect.bisect_left(positions, low)
    return index < len(positions) and positions[index] < high


def rise_stated(text: str, start: int, end: int) -> bool:
    """`Clauses.rise_stated` of a text read once (tests, single wordings)."""
    return Clauses(text).rise_stated(start, end)


def new_prices_stated(text: str, start: int, end: int) -> bool:
    """`Clauses.new_prices_stated` of a text read once."""
    return Clauses(text).new_prices_stated(start, end)


class Share(enum.Enum):
    """What a percentage is a share of."""

    NONE = "none"  # no "of" after it: "14 % Rabatt"
    POPULATION = "population"  # people or things: "8,5 % unserer Abonnenten", "5.3 % of bookings"
    AMOUNT = "amount"  # money: "10 % des Gesamtbetrags", "10 % of the booking total" (a charge)
    EVENTS = "events"  # the counted events themselves: "10 % aller Stornierungen erfolgen per App"


_OF = re.compile(
    r"\s*(?:der|des|aller|unserer|unseres|unsrer|von\s+(?:den|allen|unseren)|of)\s+"
    r"(?:(?:the|your|our|its|their|all|ihres|ihrer|unserer|unseres)\s+)?",
    re.IGNORECASE,
)
# Money, with a compound's first part ("Gesamtbetrag", "Anzahlung", "Bestellwert") or up to two modifiers
# before it ("the booking total", "des gesamten Betrags", "the total booking amount").
_MONEY = re.compile(
    r"(?:[\w-]+\s+){0,2}(?:\w*(?:preis|betrag|summe|wert|kosten|zahlung|gebühr|rechnung|miete)(?:e|s|es|en|n)?\b"
    r"|(?:price|amount|sum|total|value|fee|cost|deposit|payment|charge|invoice|rent)s?\b)",
    re.IGNORECASE,
)
# The events a rate counts, as the noun after "of": a share of them is a breakdown, not the rate.
_EVENTS = re.compile(
    r"(?:storn|cancel|kündig|churn|reklam|complain|beschwer|rücksend|retour|return|abbr)\w*\b", re.IGNORECASE
)


def share_of(text: str, end: int) -> Share:
    """What the percentage ending at `end` is a share of, by the words after it."""
    of = _OF.match(text, end)
    if of is None:
        return Share.NONE
    if _MONEY.match(text, of.end()):
        return Share.AMOUNT
    if _EVENTS.match(text, of.end()):
        return Share.EVENTS
    return Share.POPULATION
