"""What one clause of a sentence says around a fact's wording (facts.py): whether a rise is a price's
and meant, and what a percentage is a share of.

A rise verb says nothing of what rises: "Im Juli steigen die Temperaturen", "wir erhöhen das Datenvolumen
Ihres Tarifs", "your credit limit is raised" plan no price increase, and "will not be raised" plans none
at all. A percentage "of" something is a rate only where that something is a population: "10 % des
Gesamtbetrags" is a charge, "10 % aller Stornierungen erfolgen per App" a breakdown of the events.
Everything is read within a bounded reach of the wording, so the cost per hit does not grow with the reply.
"""

from __future__ import annotations

import enum
import re

__all__ = ["Share", "new_prices_stated", "rise_stated", "share_of"]

_REACH = 160  # characters searched either side of a wording for its clause's ends
# What ends a clause: a sentence mark, a comma, a colon, a dash, a bracket.
_CLAUSE_END = re.compile(r"[.!?;:,()\[\]–—]|\s-\s")
# What a price rise raises, as the head of a word ("Abo-Preise", "Monatsbeitrag", "membership fees"); a
# word that merely begins like one ("kostenlos", "costume") is no price.
# The stem ends the word, after at most 30 letters of a compound's first parts: "Mieter", "Tarifauswahl" and
# "Kostenübernahme" are no prices, and the bounded prefix keeps the cost per wording linear.
_PRICE_WORD = re.compile(
    r"\b(?:\w{0,30}-)?\w{0,30}?(?:preis|price|kosten|cost|beitr[aä]g|gebühr|fee|tarif|abo|premium|prämie|miete|rent)"
    r"(?:e|es|en|n|s|er)?\b(?<!mieter)",
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
# A negation next to the wording turns the rise round ("steigen im Juli nicht", "will not be raised").
_NEGATION = re.compile(r"\b(?:nicht|keine?[nmrs]?|nie|niemals|not|no|never|\w*n['’]t)\b", re.IGNORECASE)
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


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    low = max(0, start - _REACH)
    before = [m.end() for m in _CLAUSE_END.finditer(text, low, start)]
    after = _CLAUSE_END.search(text, end, min(len(text), end + _REACH))
    return (before[-1] if before else low, after.start() if after else min(len(text), end + _REACH))


def _negated(text: str, start: int, end: int, clause: tuple[int, int]) -> bool:
    words_before = _WORD.findall(text, clause[0], start)[-_NEGATION_WORDS:]
    words_after = _WORD.findall(text, end, clause[1])[:_NEGATION_WORDS]
    return any(_NEGATION.fullmatch(w) for w in (*words_before, *words_after))


def rise_stated(text: str, start: int, end: int) -> bool:
    """Does the rise wording at text[start:end] state a price rise: its clause names a price (not as
    another noun's attribute), no negation stands within three words of it, and no habit is told?"""
    clause = _clause(text, start, end)
    if _negated(text, start, end, clause) or _HABITUAL.search(text, *clause):
        return False
    return any(
        not _NOT_RISING_BEFORE.search(text, max(clause[0], m.start() - 30), m.start())
        for m in _PRICE_WORD.finditer(text, *clause)
    )


def new_prices_stated(text: str, start: int, end: int) -> bool:
    """Do the new prices at text[start:end] announce a change, rather than prices already in force?"""
    clause = _clause(text, start, end)
    return not (_IN_FORCE.search(text, *clause) or _negated(text, start, end, clause))


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
