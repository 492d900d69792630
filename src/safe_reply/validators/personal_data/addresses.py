"""Postal addresses: a street with a house number, German and English forms, with postcode and town
when they follow.

German: "Lindenstraße 14", "Goethestr. 7a", "Konrad-Adenauer-Straße 101", "Berliner Allee 112",
"Am Rosengarten 3", each optionally followed by ", 50674 Köln". English: "42 Elm Street",
"221B Baker Street, London NW1 6XE", "1600 Pennsylvania Avenue NW, Washington, DC 20500".

Street words differ in how sure they are. "-straße", "-allee", "-gasse", "Street", "Road", "Avenue" name
a street by themselves. "-weg", "-platz", "-ring", "Close", "Drive" and the prepositional forms ("Am
...", "Im ...") also end ordinary nouns ("Dichtungsring 2", "Im Jahr 2024", "Hard Drive"): such a
street counts only with a postcode or after an address word ("Lieferadresse", "address"). An address
after a business word (Filiale, Händler, store, office) is a business's, not a person's. A postcode
and town alone ("10115 Berlin") are no one's address.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from safe_reply.validators.personal_data.config import Kind
from safe_reply.validators.personal_data.cues import address_word_before, business_word_before
from safe_reply.validators.personal_data.hits import Hit

__all__ = ["ANCHOR_STREET_WORDS", "ENGLISH_STREET_WORDS", "Address", "address_key", "find_addresses", "parse_addresses"]

_UP, _LOW = "A-ZÄÖÜ", "a-zäöüß"
_NAME = rf"[{_UP}][{_LOW}]+"
_STRONG_DE = r"straße|strasse|str\.|allee|gasse|chaussee"
_WEAK_DE = (
    r"weg|platz|ring|damm|ufer|pfad|steig|stieg|markt|graben|wall|kamp|promenade|zeile|berg|hof|garten|park"
    r"|feld|tor|brücke|bogen|anger|winkel|höhe|grund|aue|tal|siedlung"
)
_SUFFIX_WORD_DE = (
    r"Straße|Strasse|Str\.|Allee|Gasse|Chaussee|Weg|Platz|Ring|Damm|Ufer|Markt|Steig|Pfad|Tor|Berg|Promenade"
)
# Words that start a sentence or a phrase but never a street name ("Die Straße 2 ...", "Sie Ring 3").
_NOT_NAME = (
    r"(?!(?:Der|Die|Das|Den|Dem|Des|Ein|Eine|Einer|Einem|Einen|Im|Am|An|Auf|In|Zur|Zum|Vom|Bei|Über|Unter|Vor"
    r"|Hinter|Neben|Ihre|Ihr|Ihrer|Ihrem|Ihren|Unsere|Unser|Diese|Dieser|Jede|Jeder|Welche|Alle|Sie|Wir|Es|Er)\s)"
)
_PREPOSITION = (
    r"Am|Im|An der|An den|Auf der|Auf dem|In der|In den|Zum|Zur|Unter den|Hinter der|Vor dem|Alte|Alter|Altes"
)
_HOUSE = r"\d{1,4}(?:\s?[a-zA-Z](?![\wäöüß]))?(?:\s?[-/–]\s?\d{1,4}[a-zA-Z]?)?"
# A number that is a quantity, not a house number: "Straße 2 Stunden", "Ring 3 mm".
_NOT_QUANTITY = (
    r"(?!\s?(?:%|€|°|mm\b|cm\b|km\b|kg\b|m\b|h\b|l\b|ml\b|x\b|W\b|V\b|Stunden|Std\b|Minuten|Min\b|Jahre|Tage|Monate"
    r"|Wochen|Stück|Mal\b|Sterne|Watt|Volt|Liter|Grad|Prozent|Euro))"
)
_CITY = (
    rf"{_NAME}(?:-{_NAME})*(?:\s(?:am|an der|im|in der|ob der|bei|an|in|auf)\s{_NAME}(?:-{_NAME})*)?"
    rf"(?:\s\({_NAME}\))?"
)
_GERMAN = re.compile(
    rf"(?<![\w-])(?P<street>"
    rf"(?:{_NAME}-)*[{_UP}][{_LOW}]+?(?P<strong>{_STRONG_DE})|(?:{_NAME}-)*[{_UP}][{_LOW}]+?(?:{_WEAK_DE})"
    rf"|(?:{_NAME}-)+(?P<strong_h>Straße|Strasse|Str\.|Allee|Gasse|Chaussee)|(?:{_NAME}-)+(?:{_SUFFIX_WORD_DE})"
    rf"|{_NOT_NAME}{_NAME}\s(?P<strong_w>Straße|Strasse|Str\.|Allee|Gasse|Chaussee)|{_NOT_NAME}{_NAME}\s(?:{_SUFFIX_WORD_DE})"
    rf"|(?:{_PREPOSITION})\s{_NAME}(?:-{_NAME})*"
    rf")\s?(?P<house>{_HOUSE})(?![\d.,]\d|\w){_NOT_QUANTITY}"
    rf"(?:,?\s(?:D-)?(?P<postcode>\d{{5}})\s(?P<city>{_CITY}))?(?![\wäöüß])"
)

_STRONG_EN = r"Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Boulevard|Blvd"
_WEAK_EN = (
    r"Drive|Dr|Way|Court|Ct|Place|Pl|Terrace|Close|Crescent|Square|Sq|Gardens|Row|Mews|Parade|Grove|Hill|Walk|View"
)
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}"
_US_ZIP = r"[A-Z]{2}\s\d{5}(?:-\d{4})?"
_ENGLISH = re.compile(
    rf"(?<![\w-])(?P<house>\d{{1,5}}[A-Za-z]?)\s(?P<street>(?:[A-Z][a-z]+(?:'s)?\s){{1,3}}"
    rf"(?:(?P<strong>{_STRONG_EN})|{_WEAK_EN})\b(?:\s(?:NW|NE|SW|SE|N|S|E|W)\b)?)"
    rf"(?:(?:,\s[A-Z][a-z]+(?:\s[A-Z][a-z]+){{0,2}})?,?\s(?P<postcode>{_UK_POSTCODE}|{_US_ZIP})\b)?"
)

_EN_SUFFIXES = {"st": "street", "rd": "road", "ave": "avenue", "ln": "lane", "blvd": "boulevard", "dr": "drive"}
_EN_SUFFIXES |= {"ct": "court", "pl": "place", "sq": "square"}
_NON_ALNUM = re.compile(r"[^0-9a-zäöü]")


@dataclass(frozen=True, slots=True)
class Address:
    start: int
    end: int
    street: str  # normalised street and house number: "lindenstrasse|14"
    postcode: str  # "" when none follows
    strong: bool  # the street word names a street by itself


def _street_key(street: str, house: str, english: bool) -> str:
    name = street.lower().replace("ß", "ss").replace("str.", "strasse")
    if english:
        words = name.split()
        if words and words[-1] in _EN_SUFFIXES:
            words[-1] = _EN_SUFFIXES[words[-1]]
        name = " ".join(words)
    return f"{_NON_ALNUM.sub('', name)}|{_NON_ALNUM.sub('', house.lower())}"


_CAPITAL = re.compile(f"[{_UP}]")


def _german_matches(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """`_GERMAN.finditer(text, start, end)`, twice as fast: every German address starts with a capital (a
    street name, "Am", "Im" ...), so the pattern is tried only at capitals; its leading look-behind
    would make the regex engine try it at every character. (A further filter by street words before a
    number cost more than it saved.)"""
    found_end = start
    for capital in _CAPITAL.finditer(text, start, end):
        if capital.start() >= found_end and (match := _GERMAN.match(text, capital.start(), end)) is not None:
            found_end = match.end()
            yield match


def parse_addresses(text: str, start: int = 0, end: int | None = None, english: bool = True) -> Iterator[Address]:
    """Every street-and-number in `text` (or its [start, end) window), German and English forms, with
    their postcode and town; English forms only with `english` (the caller knows there is no English
    street word in the window)."""
    end = len(text) if end is None else end
    for match in _german_matches(text, start, end):
        strong = any(match.group(g) for g in ("strong", "strong_h", "strong_w"))
        key = _street_key(match.group("street"), match.group("house"), english=False)
        yield Address(match.start(), match.end(), key, match.group("postcode") or "", strong)
    if not english:
        return
    for match in _ENGLISH.finditer(text, start, end):
        postcode = (match.group("postcode") or "").replace(" ", "").upper()
        key = _street_key(match.group("street"), match.group("house"), english=True)
        yield Address(match.start(), match.end(), key, postcode, match.group("strong") is not None)


# Cheap anchors: a street word right before a number, a postcode before a town, an English street word.
# The full patterns run only around these (on most replies: not at all). The shared scan
# (candidates.py) finds where an anchor may start from these same word lists.
ANCHOR_STREET_WORDS = (
    "straße strasse str. allee gasse chaussee weg platz ring damm ufer pfad steig stieg markt graben wall kamp "
    "promenade zeile Straße Strasse Str. Allee Gasse Chaussee Weg Platz Ring Damm Ufer Markt"
).split()
ENGLISH_STREET_WORDS = f"{_STRONG_EN}|{_WEAK_EN}".split("|")
_ANCHOR = re.compile(
    rf"(?:{'|'.join(map(re.escape, ANCHOR_STREET_WORDS))})\s?\d"
    r"|\d{5}\s[A-ZÄÖÜ]"
    rf"|\s(?:{_STRONG_EN}|{_WEAK_EN})\b"
)
_BEFORE, _AFTER = 80, 80  # a street name and number before an anchor, a town or postcode after it


def _windows(text: str, starts: Iterable[int]) -> list[tuple[int, int]]:
    """Windows around the anchors at `starts` (ascending), as a left-to-right scan finds them."""
    windows: list[tuple[int, int]] = []
    anchor_end = 0
    for position in starts:
        if position < anchor_end or (anchor := _ANCHOR.match(text, position)) is None:
            continue
        anchor_end = anchor.end()
        start, end = max(0, anchor.start() - _BEFORE), min(len(text), anchor.end() + _AFTER)
        while end < len(text) and not text[end].isspace():  # never cut a town name
            end += 1
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def find_addresses(text: str, starts: Iterable[int], english_words: Sequence[int]) -> Iterator[Hit]:
    """Addresses around the anchors the shared scan found at `starts`; `english_words` are where it found
    an English street word (an English address contains one, so a window without one skips that form)."""
    seen: set[tuple[int, int]] = set()
    for start, end in _windows(text, starts):
        english = bisect.bisect_left(english_words, start) < bisect.bisect_left(english_words, end)
        for address in parse_addresses(text, start, end, english):
            if (address.start, address.end) in seen:
                continue
            seen.add((address.start, address.end))
            if business_word_before(text, address.start):
                continue
            if address.strong or address.postcode or address_word_before(text, address.start):
                yield Hit(Kind.POSTAL_ADDRESS, address.start, address.end, address_key(address))


def address_key(address: Address) -> str:
    return f"{address.street}|{address.postcode}"
