"""Numbers in any format, as values with a unit: "412 €", "412,00 EUR", "EUR 412", "€412",
"vierhundertzwölf Euro", "0,4k €", "USD 41.8", "14 Prozent", "achtzehn Prozent", "800 Stück",
"25 Kilo", "three years" (= 36 months), "Februar 2027" (= 02/2027), "6 von 100" (= 6 %), "KW 14",
"Produktionswoche 14/2026", "week 14" (a calendar week), "zum 1. März", "from March" (a month).

Used on both sides: on a protected entry (the values of "Kulanzgrenze 60 €", of a price pattern
`186[,.]40\\s?(?:€|EUR)`) at load time, and on the sentences of a reply that a cheap gate selected.
Number words are read by text2num (a maintained parser for German and English number words), never
by hand tables; runs of number words are found first, so only they are handed to it.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from safe_reply.validators.trade_secrets.number_words import written_numbers

__all__ = ["Quantity", "Unit", "quantities"]


class Unit(StrEnum):
    NONE = "none"
    EUR = "EUR"
    USD = "USD"
    GBP = "GBP"
    CHF = "CHF"
    PERCENT = "percent"
    COUNT = "count"
    KG = "kg"
    MONTHS = "months"
    DATE = "date"  # value = year * 100 + month
    CODE = "code"  # a number that is an identifier ("Charge 26-07"): compared by its digits
    WEEK = "week"  # a calendar week ("KW 14", "Produktionswoche 14/2026"): compared by its number
    MONTH = "month"  # a date without a year ("zum 1. März", "from March"): matches a DATE of that month


CURRENCIES = frozenset({Unit.EUR, Unit.USD, Unit.GBP, Unit.CHF})


@dataclass(frozen=True, slots=True)
class Quantity:
    value: Decimal
    unit: Unit
    start: int
    end: int
    approx: bool = False  # a share said as "one in twenty" or "jedes zehnte": rounded to a whole percentage
    # A price per quantity ("412 €/t", "41,2 Cent pro Kilo"): the basis ("kg", "l", "count", "m") its value
    # is normalised to, per one base unit; "" for an amount of its own.
    per: str = ""
    # A value said as a fraction ("gut die Hälfte", "a third of"): how far the exact value may lie from it.
    spread: Decimal = Decimal(0)
    # A price said as two runs of number words without its currency ("thirty-one eighty", "elf achtzig",
    # "nine ninety-nine"): euros and cents by the way prices are spoken; an amount where a sentence buys or pays.
    spoken: bool = False

    def same(self, other: Quantity) -> bool:
        """The same value in the same dimension (a unit-less value matches a unit-less one only); a
        date without a year ("ab 1. März") is the same as a date of that month ("03/2027"); a price per
        quantity the same per base unit ("412 €/t" = "41,2 ct/kg" = "0,41 € pro Kilo" is not)."""
        if self.per != other.per:
            return False
        if self.spread or other.spread:
            return self.unit is other.unit and abs(self.value - other.value) <= max(self.spread, other.spread)
        if self.unit is Unit.MONTH and other.unit is Unit.DATE:
            return other.value % 100 == self.value
        if self.unit is Unit.DATE and other.unit is Unit.MONTH:
            return self.value % 100 == other.value
        return self.unit is other.unit and self.value == other.value


# Unit words after (or, for currencies, before) a number; keys are matched case-insensitively.
_UNIT_WORDS: dict[str, tuple[Unit, Decimal]] = {
    "€": (Unit.EUR, Decimal(1)), "eur": (Unit.EUR, Decimal(1)), "euro": (Unit.EUR, Decimal(1)),
    "euros": (Unit.EUR, Decimal(1)), "$": (Unit.USD, Decimal(1)), "usd": (Unit.USD, Decimal(1)),
    "us-dollar": (Unit.USD, Decimal(1)), "dollar": (Unit.USD, Decimal(1)), "dollars": (Unit.USD, Decimal(1)),
    "£": (Unit.GBP, Decimal(1)), "gbp": (Unit.GBP, Decimal(1)), "chf": (Unit.CHF, Decimal(1)),
    "%": (Unit.PERCENT, Decimal(1)), "prozent": (Unit.PERCENT, Decimal(1)), "percent": (Unit.PERCENT, Decimal(1)),
    "per cent": (Unit.PERCENT, Decimal(1)), "‰": (Unit.PERCENT, Decimal("0.1")),
    "promille": (Unit.PERCENT, Decimal("0.1")), "per mille": (Unit.PERCENT, Decimal("0.1")),
    "per mil": (Unit.PERCENT, Decimal("0.1")), "stück": (Unit.COUNT, Decimal(1)), "stk": (Unit.COUNT, Decimal(1)),
    "pcs": (Unit.COUNT, Decimal(1)), "pieces": (Unit.COUNT, Decimal(1)), "units": (Unit.COUNT, Decimal(1)),
    "unit": (Unit.COUNT, Decimal(1)), "piece": (Unit.COUNT, Decimal(1)),
    "einheiten": (Unit.COUNT, Decimal(1)), "kg": (Unit.KG, Decimal(1)), "kilo": (Unit.KG, Decimal(1)),
    "kilogramm": (Unit.KG, Decimal(1)), "kilograms": (Unit.KG, Decimal(1)), "g": (Unit.KG, Decimal("0.001")),
    "gramm": (Unit.KG, Decimal("0.001")), "grams": (Unit.KG, Decimal("0.001")),
    "monat": (Unit.MONTHS, Decimal(1)), "monate": (Unit.MONTHS, Decimal(1)), "monaten": (Unit.MONTHS, Decimal(1)),
    "months": (Unit.MONTHS, Decimal(1)), "month": (Unit.MONTHS, Decimal(1)), "jahr": (Unit.MONTHS, Decimal(12)),
    "jahre": (Unit.MONTHS, Decimal(12)), "jahren": (Unit.MONTHS, Decimal(12)), "years": (Unit.MONTHS, Decimal(12)),
    "year": (Unit.MONTHS, Decimal(12)),
}  # fmt: skip
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januar", "jänner", "january", "jan"), ("februar", "february", "feb"), ("märz", "maerz", "march", "mär"),
            ("april", "apr"), ("mai", "may"), ("juni", "june", "jun"), ("juli", "july", "jul"),
            ("august", "aug"), ("september", "sept", "sep"), ("oktober", "october", "okt", "oct"),
            ("november", "nov"), ("dezember", "december", "dez", "dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(_UNIT_WORDS, key=len, reverse=True))
_CURRENCY_ALT = r"€|\$|£|eur|usd|gbp|chf|us-dollar"
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
# A number: digits with thousands separators and decimals, "k" for thousands; never part of a code
# ("M3-2519-0042", "TW-1234", "FW 2.14.3" are identifiers, not values).
_NUMBER = (
    r"(?<![\w.,/-])(\d{1,3}(?:[.,'\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?)"
    # A scale: "0,9k", "12 Tsd.", "1,2 Mio.", "3 Mrd.", "12 thousand", "1.2 million", "2 bn".
    r"(k\b|[\s\u2007]?(?:tsd|mio|mrd)\b\.?|[\s\u2007](?:tausend|thousand|millionen|million|millions|milliarden"
    r"|milliarde|billion|billions|bn)\b)?"
    # Not a date or a fraction ("3/2027", "1/2"); a slash before a unit word is a price per unit ("€4.12/kg").
    r"(?![\w]|/(?![^\W\d_])|[.,]\d|-\d)"
)
_SCALES: dict[str, Decimal] = {
    word: Decimal(factor)
    for word, factor in {
    "k": 1000, "tsd": 1000, "tausend": 1000, "thousand": 1000, "mio": 10**6, "million": 10**6, "millionen": 10**6,
    "millions": 10**6, "mrd": 10**9, "milliarde": 10**9, "milliarden": 10**9, "billion": 10**9, "billions": 10**9,
    "bn": 10**9,
    }.items()
}  # fmt: skip
# A price without cents is written "212,–", "212,-" or "212.–" (Swiss): the dash stands for ",00". A count
# may be joined to its unit word by a hyphen ("a 25,000-unit order", "500-Stück-Paket").
_QUANTITY = re.compile(
    rf"(?:(?P<pre>{_CURRENCY_ALT})\s?)?{_NUMBER}(?P<dash>[.,](?:--|[-–—]))?"
    rf"(?:\u2007*[\s-]?(?P<unit>{_UNIT_ALT})(?![^\W\d_]))?",
    re.IGNORECASE,
)
_DATE = re.compile(
    rf"(?<![\w.])(?:(?:\d{{1,2}}\.\s?)?(?P<month>{_MONTH_ALT})\.?\s+(?P<year>20\d\d)"
    rf"|(?P<mm>0?[1-9]|1[0-2])\s?/\s?(?P<yyyy>20\d\d))(?!\w)",
    re.IGNORECASE,
)
# A day said as an ordinal word ("zum ersten März", "am einunddreißigsten Mai", "on the third of March",
# "the twenty-first of June"): only its month is compared, so the day is recognised, not read.
_DAY_DE = (
    r"(?:erst|zweit|dritt|viert|fünft|sechst|siebt|siebent|acht|neunt|zehnt|elft|zwölft|[a-zäöü]{3,6}zehnt"
    r"|(?:[a-zäöü]{3,6}und)?(?:zwanzig|dreißig)st)(?:e|en|er|es|em)"
)
_DAY_EN = (
    r"(?:(?:twenty|thirty)[-\s]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|tenth|eleventh|twelfth|[a-z]{3,5}teenth|twentieth|thirtieth"
)
# A date without a year: a day with its month ("1. März", "March 1st", "ersten März", "third of March") or a
# month after a preposition of time ("ab März", "from March"). A bare month name is not enough: "may" and
# "mar" are words.
_MONTH_ONLY = re.compile(
    rf"(?<![\w.])(?:(?:(?:ab|zum|bis|im|am|vom|from|in|by|on|until|before|after|starting)\s+"
    rf"(?:dem\s+|the\s+)?)(?:\d{{1,2}}\.?\s?|(?:{_DAY_DE}|{_DAY_EN})\s+(?:of\s+)?)?(?P<m1>{_MONTH_ALT})"
    rf"|\d{{1,2}}\.\s?(?P<m2>{_MONTH_ALT})"
    rf"|(?P<m3>{_MONTH_ALT})\s+\d{{1,2}}(?:st|nd|rd|th)?"
    rf"|{_DAY_DE}\s+(?P<m4>{_MONTH_ALT})|(?:{_DAY_EN}|\d{{1,2}}(?:st|nd|rd|th))\s+of\s+(?P<m5>{_MONTH_ALT}))"
    rf"\b(?!\.?,?\s+20\d\d)",
    re.IGNORECASE,
)
# A share written as a ratio is a percentage in other words: "6 von 100", "sechs von hundert",
# "3 out of 1,000", "2 in 100", "six in a hundred", "nine in every hundred". Only the bases a reader converts at
# sight; "3 von 10" is as often a
# page, a step or a rating, and so is a ratio after "Seite", "page", "Schritt", "step", "Platz".
_RATIO = re.compile(
    r"(?<![\w.,])(?<!seite )(?<!page )(?<!schritt )(?<!step )(?<!platz )(?<!rang )(?<!rank )(?<!nr\. )"
    r"(\d+(?:[.,]\d+)?)[\s\u2007]+(?:von|aus|out\s+of|in)[\s\u2007]+(?:an?[\s\u2007]+|every[\s\u2007]+|each[\s\u2007]+|jeweils[\s\u2007]+)?"
    r"(100|1[.,]?000)(?![\w.,]?\d)",
    re.IGNORECASE,
)
# A share said as cents of each unit of money ("31 Cent von jedem Euro", "62 cents of every euro", "for
# every euro of premium, about 62 cents go back out"): a percentage.
_CENTS_OF = re.compile(
    r"(?<![\w.,])(\d+(?:[.,]\d+)?)[\s\u2007]+(?:cent|cents|ct)\.?[\s\u2007]+"
    r"(?:von|pro|je|auf|aus|of|on|per|from|out\s+of|for|in)[\s\u2007]+(?:jedem|jeden|jedes|einem|each|every|a|an)?"
    r"[\s\u2007]*(?:euro|eur|€|dollar|pound|franken)\b",
    re.IGNORECASE,
)
_OF_EACH_CENTS = re.compile(
    r"\b(?:for|of|from|on|out\s+of|von|pro|je|bei|auf|aus|mit)\s+(?:every|each|jedem|jeden|jedes|einem)\s+"
    r"(?:euro|dollar|pound|franken)\b[^.!?;\d]{0,60}?(?<![\w.,])(\d+(?:[.,]\d+)?)[\s\u2007]+(?:cent|cents|ct)\b",
    re.IGNORECASE,
)
# A share said as one of every n ("one in twenty", "1 in 20", "einer von zwanzig", "jedes zehnte Gerät",
# "every fifth unit", "jeder 20. Kunde"): about 100/n percent. "every second" is time in English: absent.
_ORDINALS = {
    "zweite": 2, "dritte": 3, "vierte": 4, "fünfte": 5, "sechste": 6, "siebte": 7, "achte": 8, "neunte": 9,
    "zehnte": 10, "elfte": 11, "zwölfte": 12, "fünfzehnte": 15, "zwanzigste": 20, "dreißigste": 30,
    "vierzigste": 40, "fünfzigste": 50, "hundertste": 100, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "fifteenth": 15,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100,
}  # fmt: skip
_ORDINAL_ALT = "|".join(sorted(_ORDINALS, key=len, reverse=True))
_ONE_OF_EVERY = re.compile(
    rf"\b(?:jede[rsnm]?|every|each)[\s\u2007]+(?:(?P<digits>\d{{1,3}})\.|(?P<word>{_ORDINAL_ALT}|[^\W\d_]{{4,}}?(?:te|th))"
    r"(?:[rsnm]|n)?\b)"
    # "1 von 3" is a step or a page; "1 in 20", "one in twenty", "einer von zwanzig" are shares.
    r"|(?<![\w.,])(?:(?:1|one)[\s\u2007]+(?:in|out[\s\u2007]+of)|(?:einer|eines|einem|eine|ein)[\s\u2007]+(?:von|aus))"
    r"[\s\u2007]+"
    r"(?:(?:every|each|jedem|jeden)[\s\u2007]+)?(?P<base>\d{1,3})(?![\w.,]?\d)",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=1024)
def _ordinal(word: str) -> int | None:
    """The number of an ordinal word: the common ones from the table, any other ("vierzehnte", "twenty-fifth",
    "dreiundzwanzigste") read by text2num; None for a word that is none ("Woche", "month")."""
    if word in _ORDINALS:
        return _ORDINALS[word]
    from text_to_num import alpha2digit  # type: ignore[import-untyped]

    for language in ("de", "en"):
        read = re.fullmatch(r"(\d{1,3})(?:\.|st|nd|rd|th)", alpha2digit(word, language).strip())
        if read is not None:
            return int(read.group(1))
    return None


# A share said as a fraction: "die Hälfte", "gut die Hälfte", "zwei Drittel", "ein Viertel", "half of",
# "a third of", "three quarters of". A German fraction other than the half needs its count ("im Viertel" is
# a district, "Viertelstunde" a time); number words before it are digits in the view ("zwei" -> "2").
_PARTS = {
    "hälfte": 2, "haelfte": 2, "half": 2, "drittel": 3, "third": 3, "thirds": 3, "viertel": 4, "quarter": 4,
    "quarters": 4, "fünftel": 5, "fifth": 5, "fifths": 5, "zehntel": 10, "tenth": 10, "tenths": 10,
}  # fmt: skip
_FRACTION = re.compile(
    r"(?<![\w.,])(?:(?:(?P<n>\d|zwei|drei|vier|two|three|four)|ein|eine|einem|einen|einer|a|one)[\s\u2007]+"
    r"(?P<part>drittel|viertel|fünftel"
    r"|zehntel|thirds?|quarters?|fifths?|tenths?)\b(?:[\s\u2007]+of\b)?"
    r"|(?:(?:die|der|the|a|one)[\s\u2007]+)?(?P<half>hälfte|haelfte|half)\b(?![\s\u2007]+(?:an?|the)[\s\u2007]+"
    r"(?:hour|day|year|minute|dozen|mile|kilo|litre|liter|pint|size|price)))",
    re.IGNORECASE,
)
_COUNTS = {"zwei": 2, "two": 2, "drei": 3, "three": 3, "vier": 4, "four": 4}
_FRACTION_SPREAD = Decimal("0.12")  # "gut die Hälfte" is 52 %, "knapp ein Drittel" 30 %: within 12 % of it


def _fraction(match: re.Match[str]) -> Quantity:
    part = _PARTS[(match.group("half") or match.group("part")).lower()]
    n = (match.group("n") or "1").lower()
    count = int(n) if n.isdigit() else _COUNTS[n]
    percent = (Decimal(100) * count / part).quantize(Decimal("0.1")).normalize()
    return Quantity(percent, Unit.PERCENT, match.start(), match.end(), approx=True, spread=percent * _FRACTION_SPREAD)


# A calendar week is how German production and delivery dates are written ("KW 14", "KW14/2026",
# "Kalenderwoche 14", "Produktionswoche 14", "week 14"); the year after it is read with it.
_WEEK = re.compile(
    r"(?<![\w.])(?:kw|cw|wk|\w*woche|(?:calendar\s+|production\s+)?week)\.?\s?(\d{1,2})"
    r"(?:\s?/\s?(?:20)?\d\d|\s+20\d\d)?(?![\w/])",
    re.IGNORECASE,
)
# A slash may stand between spaces ("Charge 11 / 26"); a spaced hyphen is a range ("10 - 20 Minuten").
_CODE = re.compile(r"(?<![\w.,/-])\d{2,}(?:(?:-| ?/ ?)\d{2,})+(?![\w/-])")
_HINT = re.compile(
    r"\d|zwölf|zehn|zig|ßig|hundert|tausend|elf|teen|ty\b|one|two|three|four|five|six|seven|eight"
    r"|nine|ten|eleven|twelve|zwei|drei|dritte|vier|fünf|sechs|sieben|siebte|acht|neun|third|fourth|fifth|sixth|ninth|twelfth|ieth"
    r"|hälfte|haelfte|half|quarter|drittel|viertel|fünftel|zehntel",
    re.IGNORECASE,
)


def _digits_value(digits: str) -> Decimal | None:
    """German and English digit formats: "1.143,90", "2,000", "41.8", "17,2", "1 234"."""
    compact = digits.replace("\u00a0", " ").replace("\u202f", " ").replace("'", " ")
    groups = re.split(r"[., ]", compact)
    seps = re.findall(r"[., ]", compact)
    if not seps:
        return Decimal(compact)
    last = seps[-1]
    if len(set(seps)) > 1 or (last != " " and len(groups[-1]) != 3):
        # The last separator is the decimal mark; the others group thousands.
        whole = "".join(groups[:-1])
        if last == " ":
            return None
        try:
            return Decimal(f"{whole}.{groups[-1]}")
        except InvalidOperation:
            return None
    if len(groups) == 2 and last != " " and groups[0].strip("0") == "":
        # "0,412 €", "0.412": no thousands group follows a leading zero; a decimal of three places.
        return Decimal(f"0.{groups[1]}")
    if all(len(g) == 3 for g in groups[1:]):
        return Decimal("".join(groups))  # "2.000", "2,000", "1 234": thousands
    return None


# ... and "einundvierzig Euro und zwanzig Cent", "41 euros and 20 cents" -> 41.20 euros (the cents named:
# "41 Euro und 20 Stück" are two values).
_DECIMAL_WORDS = re.compile(
    r"(\d+)[\s\u2007]+(?:komma|point)[\s\u2007]+(\d+)|(\d+)[\s\u2007]+(euros?|dollars?)[\s\u2007]+"
    r"(?:(?:und|and)[\s\u2007]+(\d{1,2})[\s\u2007]+(?:cents?|ct)\b|(\d{1,2})(?!\d))",
    re.IGNORECASE,
)


def quantities(text: str) -> list[Quantity]:
    """Every value in `text` with its unit and span (numbers in digits or words, dates, codes)."""
    if not _HINT.search(text) and not _MONTH_ONLY.search(text):
        return []
    view, spoken = written_numbers(text)
    # "drei Komma acht" -> 3.8, "one hundred eighty-six euros forty" -> 186.40 euros.
    view = _DECIMAL_WORDS.sub(_join_decimal, view)
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for match in _DATE.finditer(view):
        month = _MONTHS.get(match.group("month").lower(), 0) if match.group("month") else int(match.group("mm"))
        year = int(match.group("year") or match.group("yyyy"))
        found.append(Quantity(Decimal(year * 100 + month), Unit.DATE, match.start(), match.end()))
        taken.append((match.start(), match.end()))
    for match in _MONTH_ONLY.finditer(view):
        if not any(s <= match.start() < e for s, e in taken):
            month = _MONTHS[next(m for m in match.group("m1", "m2", "m3", "m4", "m5") if m).lower()]
            found.append(Quantity(Decimal(month), Unit.MONTH, match.start(), match.end()))
            taken.append((match.start(), match.end()))
    for match in _WEEK.finditer(view):
        if 1 <= int(match.group(1)) <= 53 and not any(s <= match.start() < e for s, e in taken):
            found.append(Quantity(Decimal(int(match.group(1))), Unit.WEEK, match.start(), match.end()))
            taken.append((match.start(), match.end()))
    for match in _RATIO.finditer(view):
        share, base = _digits_value(match.group(1)), Decimal(re.sub(r"\D", "", match.group(2)))
        if share is not None and share <= base and not any(s <= match.start() < e for s, e in taken):
            percent = (share * 100 / base).normalize()
            found.append(Quantity(percent, Unit.PERCENT, match.start(), _padded_end(view, match.end())))
            taken.append((match.start(), match.end()))
    for match in _ONE_OF_EVERY.finditer(view):
        word = match.group("word")
        every = _ordinal(word.lower()) if word else int(match.group("digits") or match.group("base"))
        if every is not None and every >= 2 and not any(s <= match.start() < e for s, e in taken):
            percent = (Decimal(100) / every).to_integral_value()
            # As vague as a fraction ("knapp jeder fünfte" is 18 %, "every fifth" 19 or 22 %): the same spread.
            spread = percent * _FRACTION_SPREAD
            end = _padded_end(view, match.end())
            found.append(Quantity(percent, Unit.PERCENT, match.start(), end, approx=True, spread=spread))
            taken.append((match.start(), match.end()))
    for match in _FRACTION.finditer(view):
        if not any(s <= match.start() < e for s, e in taken):
            found.append(_fraction(match))
            taken.append((match.start(), match.end()))
    for regex in (_CENTS_OF, _OF_EACH_CENTS):
        for match in regex.finditer(view):
            share = _digits_value(match.group(1))
            if share is not None and share < 100 and not any(s <= match.start(1) < e for s, e in taken):
                # The span of the cents ("31 Cent von jedem Euro", "62 cents"), as a ratio's.
                start, end = match.start(1) if regex is _OF_EACH_CENTS else match.start(), match.end()
                found.append(Quantity(share.normalize(), Unit.PERCENT, start, _padded_end(view, end)))
                taken.append((start, end))
    for match in _CODE.finditer(view):
        if not any(s <= match.start() < e for s, e in taken):
            found.append(Quantity(Decimal(re.sub(r"\D", "", match.group())), Unit.CODE, match.start(), match.end()))
            taken.append((match.start(), match.end()))
    for match in _QUANTITY.finditer(view):
        if any(s <= match.start(2) < e for s, e in taken):
            continue
        quantity = _quantity(match)
        if quantity is not None:
            found.append(Quantity(quantity.value, quantity.unit, quantity.start, _padded_end(view, quantity.end)))
    if spoken:
        found = [
            replace(q, spoken=True)
            if q.unit is Unit.NONE and any(s <= q.start and q.end <= e for s, e in spoken)
            else q
            for q in found
        ]
    return _per_quantities(view, _refined(view, found))


# A rounded value corrected right after ("knapp 40 %, genau genommen 38", "knapp sieben Prozent – sechs Komma
# acht, um genau zu sein", "about €60, 58.50 to be exact"): the bare number is the exact value, in the
# rounded one's unit.
_ROUNDED_BEFORE = re.compile(
    r"(?:\b(?:around|about|roughly|approximately|nearly|almost|some|just\s+(?:over|under)|etwa|rund|ungefähr"
    r"|circa|knapp|fast|gut|etwas\s+(?:über|unter))|\bca\.)\s+$",
    re.IGNORECASE,
)
_REFINE_GAP = re.compile(r"[^.!?;\n\d]{1,40}")
_REFINE_SHARE = Decimal("0.15")  # how far the exact value may lie from the rounded one


# A price's basis: what it is per ("412 €/t", "€ 4.12 per kilo", "0,89 € je 100 g", "12 € pro 1.000 Stück").
_BASES: dict[str, tuple[str, Decimal]] = {
    **dict.fromkeys(("t", "to", "tonne", "tonnen", "tonnes", "ton", "tons"), ("kg", Decimal(1000))),
    **dict.fromkeys(("kg", "kilo", "kilogramm", "kilogram", "kilogramme"), ("kg", Decimal(1))),
    **dict.fromkeys(("g", "gramm", "gram", "grams", "gramme"), ("kg", Decimal("0.001"))),
    **dict.fromkeys(("l", "liter", "litre", "liters", "litres"), ("l", Decimal(1))),
    **dict.fromkeys(("ml", "milliliter", "millilitre"), ("l", Decimal("0.001"))),
    **dict.fromkeys(("hl", "hektoliter", "hectolitre", "hectoliter"), ("l", Decimal(100))),
    **dict.fromkeys(("stück", "stk", "unit", "units", "piece", "pieces", "pcs", "einheit", "einheiten"),
                    ("count", Decimal(1))),
    **dict.fromkeys(("m", "meter", "metre", "meters", "metres", "laufmeter"), ("m", Decimal(1))),
    **dict.fromkeys(("m²", "m2", "qm", "quadratmeter", "square metre", "square meter", "sqm"), ("m2", Decimal(1))),
    # Energy and power: tariffs and module prices ("0,21 €/Wp" = "210 € pro kWp", "28 ct/kWh" = "280 €/MWh").
    **dict.fromkeys(("kwh", "kilowattstunde", "kilowatt hour", "kilowatt-hour"), ("kwh", Decimal(1))),
    **dict.fromkeys(("wh", "wattstunde", "watt hour"), ("kwh", Decimal("0.001"))),
    **dict.fromkeys(("mwh", "megawattstunde", "megawatt hour"), ("kwh", Decimal(1000))),
    **dict.fromkeys(("kw", "kwp", "kilowatt", "kilowatt peak"), ("kw", Decimal(1))),
    **dict.fromkeys(("w", "wp", "watt", "watt peak"), ("kw", Decimal("0.001"))),
    **dict.fromkeys(("mw", "mwp", "megawatt"), ("kw", Decimal(1000))),
}  # fmt: skip
_BASE_ALT = "|".join(re.escape(b) for b in sorted(_BASES, key=len, reverse=True))
_PER = re.compile(
    rf"[\s\u2007]*(?:/|pro|per|je|a|the|für|for(?:\s+(?:a|one|each|every))?)[\s\u2007]*(?:(?P<n>\d{{1,3}}(?:[.,']\d{{3}})*|ein|eine|einen"
    rf"|one|a|tausend|thousand)[\s\u2007]*)?(?P<base>{_BASE_ALT})(?![^\W\d_])",
    re.IGNORECASE,
)
# Cents are an amount only with their basis ("41,2 Cent pro Kilo"): "31 Cent von jedem Euro" is a share.
_CENTS = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?)[\s\u2007]*(?:cent|cents|ct)\b", re.IGNORECASE)
_HUNDRED = Decimal(100)


def _per_quantity(view: str, price: Quantity) -> Quantity | None:
    """The price per base unit when a basis follows the price ("412 €/t" -> 0.412 EUR per kg), or None."""
    match = _PER.match(view, price.end)
    if match is None:
        return None
    dimension, factor = _BASES[match.group("base").lower()]
    count = match.group("n")
    if count and count[0].isdigit():
        factor *= Decimal(re.sub(r"\D", "", count))
    elif count and count.lower() in ("tausend", "thousand"):
        factor *= 1000
    return Quantity((price.value / factor).normalize(), price.unit, price.start, match.end(), per=dimension)


def _per_quantities(view: str, found: list[Quantity]) -> list[Quantity]:
    """Each price with a basis also as its price per base unit; cents as euros ("80 Cent" = 0.80 €), per
    base unit where a basis follows, unless they are a share ("31 Cent von jedem Euro", found before)."""
    derived = [q for q in (_per_quantity(view, p) for p in found if p.unit in CURRENCIES) if q is not None]
    shares = [(q.start, q.end) for q in found if q.unit is Unit.PERCENT]
    for match in _CENTS.finditer(view):
        value = _digits_value(match.group(1))
        if value is not None and not any(s <= match.start() < e for s, e in shares):
            cents = Quantity((value / _HUNDRED).normalize(), Unit.EUR, match.start(), match.end())
            per = _per_quantity(view, cents)
            derived.append(cents if per is None else per)
    return found + derived


def _refined(view: str, found: list[Quantity]) -> list[Quantity]:
    if len(found) < 2:
        return found
    ordered = sorted(found, key=lambda q: q.start)
    out = list(found)
    for rounded, bare in itertools.pairwise(ordered):
        if (
            bare.unit is Unit.NONE
            and rounded.unit is not Unit.NONE
            and rounded.value
            and abs(bare.value - rounded.value) <= rounded.value * _REFINE_SHARE
            and _REFINE_GAP.fullmatch(view, rounded.end, bare.start)
            and _ROUNDED_BEFORE.search(view, max(0, rounded.start - 16), rounded.start)
        ):
            out[out.index(bare)] = Quantity(bare.value, rounded.unit, bare.start, bare.end)
    return out


def _padded_end(view: str, end: int) -> int:
    """The end of a value, with the padding of a number written in words ("hundert" -> "100    ")."""
    while end < len(view) and view[end] == "\u2007":
        end += 1
    return end


def _join_decimal(match: re.Match[str]) -> str:
    if match.group(1):
        joined = f"{match.group(1)},{match.group(2)}"
    else:
        cents = match.group(5) or match.group(6)
        joined = f"{match.group(3)},{cents.rjust(2, '0')} {match.group(4)}"
    if len(joined) > match.end() - match.start():
        return match.group()
    return joined.ljust(match.end() - match.start(), "\u2007")


def _quantity(match: re.Match[str]) -> Quantity | None:
    value = _digits_value(match.group(2))
    if value is None:
        return None
    if match.group(3):
        value *= _SCALES[match.group(3).strip(" .\u2007").lower()]
    unit, factor = Unit.NONE, Decimal(1)
    if match.group("unit"):
        unit, factor = _UNIT_WORDS[match.group("unit").lower()]
    if match.group("pre"):
        pre = _UNIT_WORDS[match.group("pre").lower()][0]
        if unit is not Unit.NONE and unit is not pre:
            return None
        unit = pre
    if unit is Unit.NONE and match.group("dash"):
        unit = Unit.EUR  # "1140,-": the dash for the cents is how a German price in euros is written
    return Quantity((value * factor).normalize(), unit, match.start(), match.end())
