"""One pass over a reply for every detector: the places where personal data COULD start.

Each detector used to run its own pattern over the whole reply; on a reply dense with prices, order
numbers and dates that cost about a millisecond, because Python's regex engine tries a pattern at
every digit. Here one Aho-Corasick automaton (ahocorasick-rs, a DFA) runs once over a *shape* of the
reply, and each detector runs its own pattern and checks only where the automaton says they may match.

The shape: the reply encoded one byte per character (latin-1; any other character becomes "?"), every
byte mapped to its class, so that literal patterns can describe numbers:
  ASCII digit -> "0";  letter -> itself (street and birth words, country codes);  "_" and the other
  word characters -> "_";  "+" "." "," ":" -> themselves;  "-" "/" -> "-";  anything else (white space,
  brackets, quotes, "€", every character beyond latin-1) -> " ", called a *clear* character below.
A space is added at both ends, so a number at the start or end of the reply has neighbours.

Triggers are necessary conditions, never sufficient: wherever a detector's pattern matches and its
checks on the start of the match can pass, the scan reports a candidate (a property test checks it
for every detector); the detector's pattern and checks decide. A hit costs Python work, so the
triggers are as narrow as the patterns allow: a card trigger spells out the printed card groupings,
and a run of 18 digits (a parcel number) suppresses the phone trigger at its start, since no phone
number has that many digits. Digits are ASCII digits: the gate before the scan always required one,
and other decimal digits (Arabic-Indic, full-width) do not occur in the replies this checks.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Iterator
from enum import IntEnum
from typing import NamedTuple

import ahocorasick_rs

from safe_reply.validators.personal_data.addresses import ANCHOR_STREET_WORDS, ENGLISH_STREET_WORDS
from safe_reply.validators.personal_data.config import Kind
from safe_reply.validators.personal_data.cues import BIRTH_STEMS
from safe_reply.validators.personal_data.identifiers import VAT_COUNTRIES

__all__ = ["CandidateScanner", "Candidates", "Trigger"]


def _shape_table() -> bytes:
    table = bytearray(range(256))
    for byte in range(256):
        char = chr(byte)  # latin-1: byte value = code point
        if "0" <= char <= "9":
            table[byte] = ord("0")
        elif char in "+.,:" or char.isalpha():
            continue
        elif char in "-/":
            table[byte] = ord("-")
        elif char.isalnum() or char == "_":
            table[byte] = ord("_")  # a word character that is neither letter nor ASCII digit ("²")
        else:
            table[byte] = ord(" ")
    return bytes(table)


_SHAPE = _shape_table()


class Trigger(IntEnum):
    PHONE = 0  # a clear character, then a digit or "+" and five more number characters
    LONG_RUN = 1  # a clear character, then 18 digits: no phone number starts here
    CARD = 2  # a clear character or ":", then 13-19 digits in a printed card grouping, then a non-word
    TAX = 3  # a clear character or ":", then 11 digits, plain or as 12 345 678 901, then a non-word
    IBAN = 4  # two capitals and two digits
    VAT = 5  # an EU VAT country code, an optional space, then a capital or a digit
    ADDRESS = 6  # a street word before a number, a postcode before a town
    ENGLISH_STREET = 7  # an English street word after a space ("Street", "Rd")
    BIRTH = 8  # a birth word ("geb", "born", "DOB" ...)


# Which kinds each trigger serves (a trigger is only built when one of its kinds is checked).
_SERVES: dict[Trigger, frozenset[Kind]] = {
    Trigger.PHONE: frozenset({Kind.PHONE}),
    Trigger.LONG_RUN: frozenset({Kind.PHONE}),
    Trigger.CARD: frozenset({Kind.CREDIT_CARD}),
    Trigger.TAX: frozenset({Kind.TAX_ID}),
    Trigger.IBAN: frozenset({Kind.IBAN}),
    Trigger.VAT: frozenset({Kind.VAT_ID}),
    Trigger.ADDRESS: frozenset({Kind.POSTAL_ADDRESS}),
    Trigger.ENGLISH_STREET: frozenset({Kind.POSTAL_ADDRESS}),
    Trigger.BIRTH: frozenset({Kind.DATE_OF_BIRTH}),
}

_NUMBER_BODY = b"0 -"  # what may follow the first digit of a phone number (digits, spaces, brackets, - /)
_NON_WORD = b" +.,:-"  # every shape byte that is not a word character
_CARD_GROUPS = (
    [[n] for n in range(13, 20)]  # no separators
    + [[4, 4, 4, n] for n in range(1, 8)]  # all groups but the last have four digits ...
    + [[4, 4, 4, 4, n] for n in range(1, 4)]
    + [[4, n] for n in range(9, 16)]
    + [[4, 4, n] for n in range(5, 12)]
    + [[4, 6, 4], [4, 6, 5]]  # ... or the American Express / Diners layouts
)
_CAPITALS = [bytes([c]) for c in range(ord("A"), ord("Z") + 1)]


def _patterns(trigger: Trigger) -> Iterator[bytes]:
    if trigger is Trigger.PHONE:
        yield from (b" 0" + bytes(body) for body in itertools.product(_NUMBER_BODY, repeat=5))
        yield from (b" +0" + bytes(body) for body in itertools.product(_NUMBER_BODY, repeat=4))
    elif trigger is Trigger.LONG_RUN:
        yield b" " + b"0" * 18
    elif trigger is Trigger.CARD:
        for before, separator, after, groups in itertools.product(b" :", b" -", _NON_WORD, _CARD_GROUPS):
            yield bytes([before]) + bytes([separator]).join(b"0" * n for n in groups) + bytes([after])
    elif trigger is Trigger.TAX:
        for before, body, after in itertools.product(b" :", (b"0" * 11, b"00 000 000 000"), _NON_WORD):
            yield bytes([before]) + body + bytes([after])
    elif trigger is Trigger.IBAN:
        yield from (a + b + b"00" for a, b in itertools.product(_CAPITALS, repeat=2))
    elif trigger is Trigger.VAT:
        for country, space, first in itertools.product(VAT_COUNTRIES, (b"", b" "), [b"0", *_CAPITALS]):
            yield country.encode() + space + first
    elif trigger is Trigger.ADDRESS:
        # The alternatives of addresses._ANCHOR: street word, optional space, digit; postcode, space,
        # capital; (ENGLISH_STREET) space, English street word, non-word character.
        for word, space in itertools.product(ANCHOR_STREET_WORDS, (b"", b" ")):
            yield word.encode("latin-1") + space + b"0"
        yield from (b"00000 " + capital.encode("latin-1") for capital in "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ")
    elif trigger is Trigger.ENGLISH_STREET:
        for word, after in itertools.product(ENGLISH_STREET_WORDS, _NON_WORD):
            yield b" " + word.encode() + bytes([after])
    else:
        yield from (stem.encode() for stem in BIRTH_STEMS)


class Candidates(NamedTuple):
    """Where each detector should try its pattern in one reply (text indices, ascending)."""

    phone: list[int]  # the first digit or "+" of a possible phone number (a "(" may stand before it)
    card: list[int]
    tax: list[int]
    iban: list[int]
    vat: list[int]
    address: list[int]  # where one of the address anchors may start
    english_street: list[int]  # where an English street word follows a space (also in `address`)
    birth: bool  # a birth word occurs


_PHONE, _LONG_RUN, _CARD, _TAX, _IBAN, _VAT, _ADDRESS, _ENGLISH, _BIRTH = (trigger.value for trigger in Trigger)


class CandidateScanner:
    """The automaton for the checked kinds (about 4,600 patterns; ~10 ms to build, so one per set of
    kinds is shared: it is immutable, and its searches are thread-safe)."""

    @staticmethod
    @functools.cache
    def for_kinds(kinds: frozenset[str]) -> CandidateScanner:
        return CandidateScanner(kinds)

    def __init__(self, kinds: Iterable[str]) -> None:
        wanted = frozenset(kinds)
        keys: dict[bytes, Trigger] = {}
        for trigger in Trigger:  # PHONE first: its patterns get the lowest indices
            if _SERVES[trigger] & wanted:
                for pattern in _patterns(trigger):
                    keys.setdefault(pattern, trigger)
        self._triggers = [trigger.value for trigger in keys.values()]
        self._phone_patterns = sum(trigger is Trigger.PHONE for trigger in keys.values())
        # Overlapping search: every occurrence of every pattern, so no trigger hides another. The DFA
        # measured fastest here (the patterns start with too many different bytes for a prefilter).
        self._automaton = (
            ahocorasick_rs.BytesAhoCorasick(
                list(keys), ahocorasick_rs.MATCHKIND_STANDARD, ahocorasick_rs.Implementation.DFA
            )
            if keys
            else None
        )

    def scan(self, text: str) -> Candidates:
        if self._automaton is None:
            return _NONE
        shape = b" ".join((b"", text.encode("latin-1", "replace"), b"")).translate(_SHAPE)
        hits = self._automaton.find_matches_as_indexes(shape, overlapping=True)
        # Phone triggers are most of the hits (every number after a space), the others are few: one
        # plain loop sorts them apart (measured twice as fast as two comprehensions).
        phones, phone, others = self._phone_patterns, [], []
        for index, start, _ in hits:
            if index >= phones:
                others.append((index, start))
            elif text[start] in "0+":
                phone.append(start)
        if not others:
            return Candidates(phone, [], [], [], [], [], [], False)  # phone patterns: fixed length, in order
        found: list[list[int]] = [[], [], [], [], [], [], [], [], []]  # one list per Trigger
        triggers = self._triggers
        for index, start in others:
            found[triggers[index]].append(start)
        if phone and found[_LONG_RUN]:
            phone = [start for start in phone if start not in found[_LONG_RUN]]
        # A hit's shape index i is text index i - 1; the numeric triggers begin with the clear character
        # before the number, so their hits point at its first digit (or "+") already. Hits come in order
        # of their end: patterns of different lengths need sorting by start.
        return Candidates(
            phone,
            _sorted(found[_CARD], 0),
            _sorted(found[_TAX], 0),
            _sorted(found[_IBAN], -1),
            _sorted(found[_VAT], -1),
            _sorted(found[_ADDRESS] + found[_ENGLISH], -1),
            _sorted(found[_ENGLISH], -1),
            bool(found[_BIRTH]),
        )


_NONE = Candidates([], [], [], [], [], [], [], False)


def _sorted(starts: list[int], offset: int) -> list[int]:
    return sorted({start + offset for start in starts}) if starts else starts
