"""What a detector reports: the kind, the span into the reply and a normalised key for allowed values."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Hit", "compact"]

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
