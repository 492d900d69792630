"""Phone numbers: candidates from the shared scan, validity by libphonenumber's number plans.

A digit string is a phone number when libphonenumber knows it as a valid number (area code and length
fit the plan of its country; the product line's region for numbers without a country code) AND it is
written like one: in international form (+49 ..., 0049 ...), grouped with spaces, slashes, hyphens or
brackets, or after a phone word ("Tel.", "mobile number"). A plain run of digits ("0301234567") needs
the phone word, and a word for another number ("Artikelnummer", "part number") rules it out.
Toll-free, shared-cost and premium numbers are company lines and pass by default.

Cost: libphonenumber's parse costs tens of µs per new number, the cue words a few µs. The cheap
structural checks run first, then a number already judged (a company's hotline recurs in many
replies) is settled from memory, then the cue, and only then the parse.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

import phonenumbers
from phonenumbers import PhoneNumber, PhoneNumberFormat, PhoneNumberType

from safe_reply.validators.personal_data.config import Kind
from safe_reply.validators.personal_data.cues import CueVerdict, number_cue
from safe_reply.validators.personal_data.hits import Hit, clear_before

__all__ = ["find_phones", "phone_key"]

# Starts with +, 00, 0 or "(0"; digits, spaces, slashes, hyphens and brackets; ends with a digit. No dots
# or commas (dates, amounts) and no colons (times). Not inside a longer number or a code.
_PHONE = re.compile(r"(?:\+[1-9]|00[1-9]|\(0|0)[\d ()/\-–]{4,24}\d(?![\w]|[.,:]\d)")
_MAX_DIGITS = 17  # E.164 allows 15, plus "00" or a "(0)": longer runs are tracking or article numbers
_DATE_LIKE = re.compile(r"\d{1,2}\s?[/-]\s?\d{1,2}\s?[/-]\s?\d{2,4}")
_SEPARATORS = " ()/-–"  # every character of a candidate that is not a digit, but for a leading "+"
_GROUP_END = re.compile(r"[^ ]+")
_SERVICE_TYPES = frozenset(
    {PhoneNumberType.TOLL_FREE, PhoneNumberType.SHARED_COST, PhoneNumberType.PREMIUM_RATE, PhoneNumberType.UAN}
)


class Reading(NamedTuple):
    """A candidate read as a valid number: the prefix that is the number, its E.164 form, a service line?"""

    written: str
    e164: str
    service: bool


class _Memo:
    """Readings of digit strings already parsed, by (string, region): the same hotline or switchboard
    number recurs in many replies. A string is parsed ahead of its cue words only from its second
    sighting on (a one-off order number costs no parse when its cue rules it out). Holds only strings
    that look like phone numbers, never reply text; cleared when full (cheaper than LRU bookkeeping:
    a miss only costs a parse). Thread-safe under the GIL: a race at worst parses a number twice."""

    _MAX = 4096
    _UNPARSED = Reading("", "", False)  # sighted, not parsed yet

    def __init__(self) -> None:
        self._readings: dict[tuple[str, str], Reading | None] = {}
        self.service_lines: set[tuple[str, str]] = set()  # the keys whose reading is a service line

    def recurring_service(self, key: tuple[str, str]) -> bool:
        """Is the string a service line (toll-free, shared-cost, premium)? Records a first sighting without
        parsing; from the second on, parses once and remembers."""
        if key in self.service_lines:
            return True
        if key not in self._readings:
            self._store(key, self._UNPARSED)
            return False
        reading = self.reading(*key)
        return reading is not None and reading.service

    def reading(self, written: str, region: str) -> Reading | None:
        key = (written, region)
        found = self._readings.get(key, self._UNPARSED)
        if found is not self._UNPARSED:
            return found
        reading = _longest_valid(written, region)
        self._store(key, reading)
        return reading

    def _store(self, key: tuple[str, str], reading: Reading | None) -> None:
        if len(self._readings) >= self._MAX:
            self._readings.clear()
            self.service_lines.clear()
        self._readings[key] = reading
        if reading is not None and reading.service:
            self.service_lines.add(key)


_MEMO = _Memo()


def _parse(written: str, region: str) -> PhoneNumber | None:
    try:
        return phonenumbers.parse(written.replace("–", "-"), region)
    except phonenumbers.NumberParseException:
        return None


def _longest_valid(written: str, region: str) -> Reading | None:
    """The candidate, or its longest prefix of whole groups, that is a valid number (the pattern may
    have run on into a following figure: "0171 2345678 12 Uhr")."""
    groups = list(_GROUP_END.finditer(written))
    for count in range(len(groups), 0, -1):
        prefix = written[: groups[count - 1].end()].rstrip("/-–( ")
        if _digits(prefix) < 6:
            return None
        number = _parse(prefix, region)
        if number is None:
            continue
        # number_type is UNKNOWN exactly when is_valid_number is false (both judge the national number
        # against the plan of the number's region): one call instead of two.
        kind = phonenumbers.number_type(number)
        if kind != PhoneNumberType.UNKNOWN:
            return Reading(prefix, phonenumbers.format_number(number, PhoneNumberFormat.E164), kind in _SERVICE_TYPES)
    return None


def find_phones(
    text: str, starts: Iterable[int], region: str, allow_service_numbers: bool, other_regions: Sequence[str] = ()
) -> Iterator[Hit]:
    """Phone numbers starting at `starts` (the scan's candidates); national numbers are read in `region`,
    and in `other_regions` where a phone word stands before them ("Mrs Patel's mobile is 0161 496 0123").

    Like a left-to-right regex scan, a candidate hides the candidates inside its match, with exceptions
    where the match is no number: a number found hides only its own digits (in "0171 2345678 / 0172
    3456789" the pattern runs on into the second number); a candidate that does not start a number (it
    continues a figure or a word, like the last group of an IBAN in "... 0130 00 – 0900 4386461") or that
    runs on over more digits than a phone number has ("030/7288827 – 0171-5935778") hides nothing."""
    hidden_until = 0
    service_lines = _MEMO.service_lines if allow_service_numbers else frozenset()
    for digit in starts:
        if digit < hidden_until:
            continue
        before = text[digit - 1] if digit else ""
        if before == " " and digit >= 2 and text[digit - 2].isdigit():
            continue  # a later group of a grouped figure: no number starts here, and it hides nothing
        match = _PHONE.match(text, digit - 1) if before == "(" and digit > hidden_until else None
        if match is None and (match := _PHONE.match(text, digit)) is None:
            continue
        written = match.group()
        if (written, region) in service_lines:  # a company line seen before: the commonest candidate
            hidden_until = match.end()
            continue
        start = match.start()
        if not clear_before(text, start, "+/.,:-", digit_gap=False) or (
            start >= 2 and text[start - 1] == " " and text[start - 2].isdigit()
        ):
            continue
        if _digits(written) > _MAX_DIGITS or _DATE_LIKE.fullmatch(written):
            continue
        hidden_until = match.end()
        if allow_service_numbers and _MEMO.recurring_service((written, region)):
            continue  # a company line, whatever surrounds it
        verdict = number_cue(text, start, Kind.PHONE)
        # A leading "+" is a phone sign that no order or article number carries: it outweighs the cue.
        if verdict is CueVerdict.AGAINST and not written.startswith("+"):
            continue
        regions = (region, *other_regions) if verdict is CueVerdict.FOR else (region,)
        reading = next((r for code in regions if (r := _MEMO.reading(written, code)) is not None), None)
        if reading is None or (allow_service_numbers and reading.service):
            continue
        if reading.written.startswith(("+", "00")) or verdict is CueVerdict.FOR or _has_separator(reading.written):
            hidden_until = start + len(reading.written)
            yield Hit(Kind.PHONE, start, hidden_until, reading.e164)


def _digits(written: str) -> int:
    return len(written) - sum(map(written.count, _SEPARATORS)) - written.startswith("+")


def _has_separator(written: str) -> bool:
    return any(separator in written for separator in _SEPARATORS)


@functools.lru_cache(maxsize=1024)
def phone_key(value: str, region: str) -> str | None:
    """A value in E.164 form if it is a valid phone number (for allowed values), else None. Cached: the
    caller passes the same customer's values (Context.allowed) with every reply of a conversation."""
    number = _parse(value.strip(), region)
    if number is None or not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)
