"""Phone numbers: candidates by a cheap pattern, validity by libphonenumber's number plans.

A digit string is a phone number when libphonenumber knows it as a valid number (area code and length
fit the plan of its country; the product line's region for numbers without a country code) AND it is
written like one: in international form (+49 ..., 0049 ...), grouped with spaces, slashes, hyphens or
brackets, or after a phone word ("Tel.", "mobile number"). A plain run of digits ("0301234567") needs
the phone word, and a word for another number ("Artikelnummer", "part number") rules it out.
Toll-free, shared-cost and premium numbers are company lines and pass by default.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

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
_SEPARATOR = re.compile(r"[ ()/\-–]")
_SERVICE_TYPES = frozenset(
    {PhoneNumberType.TOLL_FREE, PhoneNumberType.SHARED_COST, PhoneNumberType.PREMIUM_RATE, PhoneNumberType.UAN}
)


@functools.lru_cache(maxsize=1024)
def _parse(written: str, region: str) -> PhoneNumber | None:
    """A valid number or None. Cached: the same hotline or switchboard number recurs in many replies,
    and libphonenumber's parse costs tens of µs (the cache holds only strings that look like numbers)."""
    try:
        number = phonenumbers.parse(written.replace("–", "-"), region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def _longest_valid(written: str, region: str) -> tuple[str, PhoneNumber] | None:
    """The candidate, or its longest prefix of whole groups, that is a valid number (the pattern may
    have run on into a following figure: "0171 2345678 12 Uhr")."""
    groups = list(re.finditer(r"[^ ]+", written))
    for count in range(len(groups), 0, -1):
        prefix = written[: groups[count - 1].end()].rstrip("/-–( ")
        if sum(c.isdigit() for c in prefix) < 6:
            return None
        number = _parse(prefix, region)
        if number is not None:
            return prefix, number
    return None


def find_phones(
    text: str, region: str, allow_service_numbers: bool, other_regions: Sequence[str] = ()
) -> Iterator[Hit]:
    """Phone numbers in `text`; national numbers are read in `region`, and in `other_regions` where a
    phone word stands before them ("Mrs Patel's mobile is 0161 496 0123" in an English reply)."""
    for match in _PHONE.finditer(text):
        written = match.group()
        if not clear_before(text, match.start(), "+/.,:-", digit_gap=False) or (
            match.start() >= 2 and text[match.start() - 1] == " " and text[match.start() - 2].isdigit()
        ):
            continue
        if _DATE_LIKE.fullmatch(written) or sum(c.isdigit() for c in written) > _MAX_DIGITS:
            continue
        verdict = number_cue(text, match.start(), Kind.PHONE)
        # A leading "+" is a phone sign that no order or article number carries: it outweighs the cue.
        if verdict is CueVerdict.AGAINST and not written.startswith("+"):
            continue
        regions = (region, *other_regions) if verdict is CueVerdict.FOR else (region,)
        found = next((f for r in regions if (f := _longest_valid(written, r)) is not None), None)
        if found is None:
            continue
        written, number = found
        if allow_service_numbers and phonenumbers.number_type(number) in _SERVICE_TYPES:
            continue
        international = written.startswith(("+", "00"))
        if international or verdict is CueVerdict.FOR or _SEPARATOR.search(written):
            end = match.start() + len(written)
            yield Hit(Kind.PHONE, match.start(), end, phonenumbers.format_number(number, PhoneNumberFormat.E164))


def phone_key(value: str, region: str) -> str | None:
    """A value in E.164 form if it is a valid phone number (for allowed values), else None."""
    number = _parse(value.strip(), region)
    return phonenumbers.format_number(number, PhoneNumberFormat.E164) if number is not None else None
