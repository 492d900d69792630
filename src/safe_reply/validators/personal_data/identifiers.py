"""Identifiers with a checksum: IBAN, payment card numbers, USt-IdNr (EU VAT ids), Steuer-ID (IdNr).

Each detector tries its regular expression only where the shared scan (candidates.py) found a
possible start, as a left-to-right regex scan would: a match hides the candidates inside it.
python-stdnum decides by the check digits and country rules, so an order or article number is flagged
only in the rare case that it is a valid number of that kind AND no cue word says it is something
else. Spans cover the number as written (with its spaces or hyphens), never the label in front of it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from stdnum import luhn, numdb
from stdnum.de import idnr
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError
from stdnum.util import NumberValidationModule, get_cc_module

from safe_reply.validators.personal_data.config import Kind
from safe_reply.validators.personal_data.cues import CueVerdict, number_cue
from safe_reply.validators.personal_data.hits import Hit, clear_before, compact

__all__ = ["VAT_COUNTRIES", "find_cards", "find_ibans", "find_tax_ids", "find_vat_ids", "iban_is_valid"]

# Two letters, two check digits, then groups of letters and digits separated by single spaces; the run
# may swallow a following capitalised word ("... 13 BIC"), so the longest valid prefix of groups wins.
_IBAN = re.compile(r"[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b")
_GROUP = re.compile(r"[A-Z0-9]+")


def _matches(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """`pattern`'s matches at `starts` (ascending), skipping starts inside an earlier match."""
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)) is not None:
            end = match.end()
            yield match


class _IbanCountry(NamedTuple):
    bban: re.Pattern[str]  # the country's BBAN structure ("8!n10!n" for Germany)
    module: NumberValidationModule | None  # the country's own checks, where python-stdnum has them


_IBAN_DB = numdb.get("iban")
_IBAN_STRUCTURE = re.compile(r"([1-9][0-9]*)!([nac])")
_IBAN_CLASSES = {"n": "[0-9]", "a": "[A-Z]", "c": "[A-Za-z0-9]"}
_BASE36 = str.maketrans({chr(code): str(code - 55) for code in range(ord("A"), ord("Z") + 1)})


@functools.cache  # at most 26 * 26 country codes
def _iban_country(code: str) -> _IbanCountry | None:
    properties = _IBAN_DB.info(code)[0][1]
    if not properties:
        return None
    bban = _IBAN_STRUCTURE.sub(lambda m: f"{_IBAN_CLASSES[m.group(2)]}{{{m.group(1)}}}", properties.get("bban", ""))
    return _IbanCountry(re.compile(f"^{bban}$"), get_cc_module(code, "iban"))


def iban_is_valid(number: str) -> bool:
    """Exactly python-stdnum's `iban.is_valid` for a compact IBAN (capitals and digits), its steps in its
    order: ISO 7064 mod 97-10, the country's BBAN structure, the country's own checks. Its country
    look-up in the IBAN registry costs more than all the rest; here it is made once per country."""
    if int((number[4:] + number[:4]).translate(_BASE36)) % 97 != 1:
        return False
    country = _iban_country(number[:2])
    if country is None or not country.bban.match(number[4:]):
        return False
    return country.module is None or bool(country.module.is_valid(number))


def find_ibans(text: str, starts: Iterable[int]) -> Iterator[Hit]:
    for match in _matches(_IBAN, text, starts):
        if not clear_before(text, match.start(), "", digit_gap=False):
            continue
        groups = list(_GROUP.finditer(match.group()))
        for count in range(len(groups), 0, -1):
            end = groups[count - 1].end()
            value = match.group()[:end]
            key = compact(value)
            if 15 <= len(key) <= 34 and iban_is_valid(key):
                yield Hit(Kind.IBAN, match.start(), match.start() + end, key)
                break


# 13 to 19 digits, in groups separated by single spaces or hyphens; not part of a longer number,
# an amount (1.299,00) or a code (KF-4000...).
_CARD = re.compile(r"\d(?:[ -]?\d){12,18}(?![\w]|[.,]\d|[ -]\d)")
# Issuer ranges and lengths (ISO/IEC 7812 IIN): a Luhn-valid number outside them is no card.
_CARD_ISSUERS: tuple[tuple[re.Pattern[str], tuple[int, ...]], ...] = (
    (re.compile(r"4"), (13, 16, 19)),  # Visa
    (re.compile(r"5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720)"), (16,)),  # Mastercard
    (re.compile(r"3[47]"), (15,)),  # American Express
    (re.compile(r"6(?:011|5|4[4-9])"), (16, 17, 18, 19)),  # Discover
    (re.compile(r"35(?:2[89]|[3-8]\d)"), (16, 17, 18, 19)),  # JCB
    (re.compile(r"3(?:0[0-5]|[689])"), (14, 15, 16)),  # Diners Club
    (re.compile(r"5[06-9]|6\d"), (16, 17, 18, 19)),  # Maestro
)


def _issuer_length_ok(digits: str) -> bool:
    return any(prefix.match(digits) and len(digits) in lengths for prefix, lengths in _CARD_ISSUERS)


def _grouping_ok(written: str) -> bool:
    """One kind of separator, and groups as cards print them (4-4-4-4, 4-6-5, 4-6-4) or none at all."""
    spaces, hyphens = " " in written, "-" in written
    if not (spaces or hyphens):
        return True
    if spaces and hyphens:
        return False
    sizes = [len(group) for group in written.split(" " if spaces else "-")]
    return sizes[:-1] == [4] * (len(sizes) - 1) or sizes in ([4, 6, 5], [4, 6, 4])


def find_cards(text: str, starts: Iterable[int]) -> Iterator[Hit]:
    for match in _matches(_CARD, text, starts):
        if not clear_before(text, match.start(), ".,+/-"):
            continue
        written = match.group()
        digits = compact(written)
        if not (_issuer_length_ok(digits) and _grouping_ok(written) and luhn.is_valid(digits)):
            continue
        if number_cue(text, match.start(), Kind.CREDIT_CARD) is CueVerdict.AGAINST:
            continue
        yield Hit(Kind.CREDIT_CARD, match.start(), match.end(), digits)


VAT_COUNTRIES = "AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK XI".split()
# Country prefix, then the number as written ("DE136695976", "DE 136 695 976", "ATU13585627"); it must
# not run on into more digits (the tail of an IBAN is no VAT id).
_VAT = re.compile(
    rf"(?:{'|'.join(VAT_COUNTRIES)})[ ]?(?=[0-9A-Z]*\d)[0-9A-Z]{{2,12}}(?:[ ][0-9]{{2,4}}){{0,4}}\b(?![ ]?[0-9A-Z])"
)


def find_vat_ids(text: str, starts: Iterable[int]) -> Iterator[Hit]:
    for match in _matches(_VAT, text, starts):
        if not clear_before(text, match.start(), "", digit_gap=False):
            continue
        key = compact(match.group())
        try:
            valid = eu_vat.is_valid(key)
        except ValidationError:  # pragma: no cover - is_valid catches these; a guard for stdnum changes
            valid = False
        if valid:
            yield Hit(Kind.VAT_ID, match.start(), match.end(), key)


# Eleven digits, first not 0, plain or grouped as printed on tax letters (12 345 678 901).
_TAX_ID = re.compile(r"[1-9]\d(?:(?: \d{3}){3}|\d{9})(?![\w]|[.,]\d|[ ]\d)")


def find_tax_ids(text: str, starts: Iterable[int]) -> Iterator[Hit]:
    for match in _matches(_TAX_ID, text, starts):
        if not clear_before(text, match.start(), ".,+/-"):
            continue
        digits = compact(match.group())
        if not idnr.is_valid(digits):
            continue
        verdict = number_cue(text, match.start(), Kind.TAX_ID)
        # A plain eleven-digit number is a tax id only where a cue says so; the printed grouping is its own cue.
        if verdict is CueVerdict.FOR or (verdict is CueVerdict.NONE and " " in match.group()):
            yield Hit(Kind.TAX_ID, match.start(), match.end(), digits)
