"""Dates of birth: a full date (with year) next to a birth word in the same sentence.

Delivery dates, order dates and voucher deadlines are dates too; what makes a date a date of birth
is the word next to it ("geboren am", "Geburtsdatum:", "date of birth", "born on", "DOB"), a year
in the past (not the last `recent_years_not_birth` years: "Geburtstagsaktion bis 31.12.2025") and
a real calendar day. A birthday without a year ("Geburtstag am 12. Juni") is no date of birth.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from safe_reply.validators.personal_data.config import Kind
from safe_reply.validators.personal_data.cues import BIRTH_WORD, birth_cue_near
from safe_reply.validators.personal_data.hits import Hit

__all__ = ["date_key", "find_birth_dates"]

_MONTHS = {
    "januar": 1, "jänner": 1, "jan": 1, "january": 1,
    "februar": 2, "feb": 2, "february": 2,
    "märz": 3, "maerz": 3, "mär": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "dezember": 12, "dez": 12, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)?"

# Each pattern names its groups d, m (number or month name) and y.
_DATES = (
    re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})(?!\d)"),  # 14.03.1978
    re.compile(r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?!\d)"),  # 04/11/1992 (day first)
    re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])"),  # 1981-06-17
    # 7. Mai 1965, 12 March 1984
    re.compile(rf"(?i)(?<!\d)(?P<d>\d{{1,2}})(?:\.|{_ORD})\s?(?P<m>{_MONTH})\b\.?,?\s(?P<y>\d{{4}})(?!\d)"),
    re.compile(rf"(?i)\b(?P<m>{_MONTH})\b\.?\s(?P<d>\d{{1,2}}){_ORD},?\s(?P<y>\d{{4}})(?!\d)"),  # March 12, 1984
)


def _to_date(match: re.Match[str]) -> dt.date | None:
    month_text = match.group("m").lower()
    month = int(month_text) if month_text.isdigit() else _MONTHS[month_text]
    day, year = int(match.group("d")), int(match.group("y"))
    for d, m in ((day, month), (month, day)):  # 04/11/1992 may be written month first
        try:
            return dt.date(year, m, d)
        except ValueError:
            if not match.group("m").isdigit():
                return None
    return None


def find_birth_dates(text: str, latest_year: int) -> Iterator[Hit]:
    """Called only where the shared scan found a birth stem (most replies: no date parsing at all)."""
    if BIRTH_WORD.search(text) is None:
        return
    taken: list[tuple[int, int]] = []
    for pattern in _DATES:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            date = _to_date(match)
            if date is None or not 1900 <= date.year <= latest_year:
                continue
            if birth_cue_near(text, match.start(), match.end()):
                taken.append((match.start(), match.end()))
                yield Hit(Kind.DATE_OF_BIRTH, match.start(), match.end(), date.isoformat())


def date_key(value: str) -> str | None:
    """A value as an ISO date if it is one date (for allowed values), else None."""
    for pattern in _DATES:
        match = pattern.fullmatch(value.strip())
        if match is not None:
            date = _to_date(match)
            return date.isoformat() if date is not None else None
    return None
