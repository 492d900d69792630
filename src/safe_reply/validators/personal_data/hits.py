"""What a detector reports: the kind, the span into the reply and a normalised key for allowed values."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Hit", "clear_before", "compact"]

_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")


@dataclass(frozen=True, slots=True)
class Hit:
    """One piece of personal data in a reply: [start, end) into the original text.

    `key` is the value in normalised form (an IBAN without spaces in capitals, a phone number in E.164,
    an address as street|house number|postcode), compared with the allowed values; it is never logged.
    """

    kind: str
    start: int
    end: int
    key: str


def compact(value: str) -> str:
    """Letters and digits only, in capitals: how IBANs, card numbers and ids are compared."""
    return _NOT_ALNUM.sub("", value).upper()


def clear_before(text: str, start: int, forbidden: str, digit_gap: bool = True) -> bool:
    """Does the match at `start` stand on its own: not after a word character or one of `forbidden`,
    and (with `digit_gap`) not after a digit and one separator ("... 3704 0044")?

    Checked in code rather than as a lookbehind at the start of the pattern: a pattern that starts with
    a character class lets the regex engine skip to candidate characters, several times faster."""
    if start == 0:
        return True
    before = text[start - 1]
    if before.isalnum() or before == "_" or before in forbidden:
        return False
    return not (digit_gap and start >= 2 and before in " -" and text[start - 2].isdigit())
