"""Cue words: what the words just before a number say it is (German and English).

A checksum or a number plan says a digit string COULD be an IBAN or a phone number; the words in
front of it say whose number it is. The nearest cue before a candidate decides: "Telefon 030 ..."
is a phone number, "Artikelnummer 030 ..." an article number. A word for some number ("-nummer",
"-nr.", "number", "no.") whose head is not a personal kind (Bestell-, Artikel-, Sendungs-, order,
tracking, part ...) is a cue against every kind, so the company's many internal numbers are covered
without listing them.
"""

from __future__ import annotations

import re
from enum import StrEnum

from safe_reply.validators.personal_data.config import Kind

__all__ = [
    "BIRTH_STEMS",
    "BIRTH_WORD",
    "PLACEHOLDER_LOCAL_PARTS",
    "RESERVED_DOMAINS",
    "ROLE_MAILBOXES",
    "CueVerdict",
    "address_word_before",
    "birth_cue_near",
    "business_word_before",
    "number_cue",
]

# How far before a candidate number its cue may stand (characters).
NUMBER_WINDOW = 60
ADDRESS_WINDOW = 60
BIRTH_BEFORE = 50  # "geboren am ... <date>", "date of birth: <date>"
BIRTH_AFTER = 25  # "<date> geboren"

# Heads of number words that name a person's number, per kind ("Telefonnummer", "Kartennr.", "Steuer-ID").
_PERSONAL_HEADS: dict[Kind, frozenset[str]] = {
    Kind.PHONE: frozenset(
        "telefon tel handy mobil mobilfunk festnetz ruf fax kontakt durchwahl phone telephone mobile cell "
        "contact whatsapp".split()
    ),
    Kind.CREDIT_CARD: frozenset("karten kreditkarten kreditkarte card".split()),
    Kind.TAX_ID: frozenset("steuer steueridentifikations identifikations steuer-identifikations id tax".split()),
}

# Words before a number that say what it is without "-nummer": cues FOR a kind ...
_KIND_WORDS: dict[Kind, frozenset[str]] = {
    Kind.PHONE: frozenset(
        """
        telefon tel telefonisch handy mobil mobiltelefon festnetz fax erreichbar erreichen erreicht anrufen
        angerufen anruf ruft rufen zurückrufen zurückgerufen rückruf whatsapp durchwahl
        phone phoned telephone mobile cell call called calling reach reached reachable ring rang dial dialled
        dialed contact contacted
        """.split()
    ),
    Kind.CREDIT_CARD: frozenset("kreditkarte karte visa mastercard amex card express".split()),
    Kind.TAX_ID: frozenset("steuer-id steuerid idnr steuer-idnr steueridentifikationsnummer tin tax".split()),
}

# ... and AGAINST every kind: products, orders, shipments, documents.
_OTHER_WORDS = frozenset(
    """
    modell typ artikel art ean gtin sku pzn upc serie charge los ersatzteil bestellung auftrag rechnung sendung
    paket retoure ticket vorgang referenz zahlungsreferenz verwendungszweck beleg packstation postfach gerät
    model type article item part serial batch lot order invoice tracking parcel shipment reference ref case
    product version firmware locker
    """.split()
)

_WORD = r"[A-Za-zÄÖÜäöüß][\wÄÖÜäöüß]*(?:[-.][A-Za-zÄÖÜäöüß][\wÄÖÜäöüß]*)*"
# "Telefonnummer", "Bestell-Nr.", "Art.-Nr.", "order number", "tracking no.", "Kundennr", "ID-Nummer".
_NUMBER_WORD = re.compile(
    rf"(?i)\b((?:{_WORD})?)([-.]?\s?)(?:nummer|nummern|nr|no|number|numbers|num|id)\b\.?|\b({_WORD})\b",
)
# _NUMBER_WORD's first alternative backtracks through every word it tries (~10 µs per window); it can
# only match where one of its number words follows within two characters of a word. Elsewhere the
# tokens are its second alternative alone, which this far simpler pattern finds. (Without (?i), which
# costs a third: the letters that (?i) adds to the classes, "İıſẞK", are spelled out.)
_NUMBER_WORD_AT = re.compile(r"(?i)n(?:ummer|ummern|r|o|umber|umbers|um)\b|id\b")  # no two of these overlap
_LETTER = "A-Za-zÄÖÜäöüßİıſẞK"
_PLAIN_WORD = re.compile(rf"\b([{_LETTER}][\wÄÖÜäöüß]*(?:[-.][{_LETTER}][\wÄÖÜäöüß]*)*)\b")


class CueVerdict(StrEnum):
    FOR = "for"  # the nearest cue names this kind
    AGAINST = "against"  # the nearest cue names some other number (article, order, tracking ...)
    NONE = "none"  # no cue in the window


def _word_verdicts(kind: Kind) -> dict[str, CueVerdict]:
    """What each cue word says about `kind`: its own words for it, every other number's words against."""
    verdicts = dict.fromkeys(_OTHER_WORDS, CueVerdict.AGAINST)
    for other, words in _KIND_WORDS.items():
        if other is not kind:
            verdicts |= dict.fromkeys(words, CueVerdict.AGAINST)
    return verdicts | dict.fromkeys(_KIND_WORDS.get(kind, ()), CueVerdict.FOR)


_WORD_VERDICTS = {kind: _word_verdicts(kind) for kind in Kind}
# Per personal kind: its heads, and those long enough to count at the end of a compound ("Mobilfunk").
_HEAD_TABLE = tuple((kind, heads, tuple(h for h in heads if len(h) > 3)) for kind, heads in _PERSONAL_HEADS.items())


def _head_kind(head: str, kind: Kind) -> CueVerdict:
    head = head.lower().rstrip("-. ")
    if not head:
        return CueVerdict.NONE  # a bare "Nummer" / "number" says nothing
    for personal_kind, heads, compound_heads in _HEAD_TABLE:
        if head in heads or head.endswith(compound_heads):
            return CueVerdict.FOR if personal_kind is kind else CueVerdict.AGAINST
    return CueVerdict.AGAINST


def _word_kind(word: str, kind: Kind) -> CueVerdict:
    return _WORD_VERDICTS[kind].get(word.lower().rstrip("."), CueVerdict.NONE)


def _number_words(text: str, begin: int, end: int) -> list[int]:
    """Where a number word ("nummer", "Nr", "no", "ID" ...) starts in [begin, end). Most windows have
    none, which a look at the lower-cased window shows cheaply (lower-casing and (?i) disagree only on
    "İ" and "ı", which take the pattern)."""
    window = text[begin:end]
    lowered = window.lower()
    if not ("nu" in lowered or "nr" in lowered or "no" in lowered or "id" in lowered or "İ" in window or "ı" in window):
        return []
    return [match.start() for match in _NUMBER_WORD_AT.finditer(text, begin, end)]


def _tokens(text: str, begin: int, end: int) -> list[tuple[str, str, str]]:
    """Exactly `_NUMBER_WORD.findall(text, begin, end)`: (head, separator, "") for a number word,
    ("", "", word) for any other word, running the slow pattern only next to a number word."""
    number_words = _number_words(text, begin, end)
    words = list(_PLAIN_WORD.finditer(text, begin, end))
    if not number_words:
        return [("", "", word.group(1)) for word in words]
    tokens: list[tuple[str, str, str]] = []
    position, next_word, next_number_word = begin, 0, 0
    while True:
        while next_word < len(words) and words[next_word].start() < position:
            if words[next_word].end() > position:  # a number word ended inside this word ("Nr.Abc")
                words[next_word:] = _PLAIN_WORD.finditer(text, position, end)
            else:
                next_word += 1
        while next_number_word < len(number_words) and number_words[next_number_word] < position:
            next_number_word += 1
        word = words[next_word] if next_word < len(words) else None
        if next_number_word < len(number_words) and (word is None or number_words[next_number_word] <= word.end() + 2):
            match = _NUMBER_WORD.search(text, position, end)
            if match is None:
                return tokens
            head, separator, plain = match.groups("")
            tokens.append((head, separator, plain))
            position = match.end()
        elif word is not None:
            tokens.append(("", "", word.group(1)))
            position = word.end()
        else:
            return tokens


def number_cue(text: str, start: int, kind: Kind, window: int = NUMBER_WINDOW) -> CueVerdict:
    """The verdict of the nearest cue in the `window` characters before `start`."""
    begin = max(0, start - window)
    while begin > 0 and not text[begin - 1].isspace():  # never judge the tail of a cut-off word
        begin -= 1
    if not _number_words(text, begin, start):  # the common case: plain words only
        for word in reversed(_PLAIN_WORD.findall(text, begin, start)):
            if (found := _word_kind(word, kind)) is not CueVerdict.NONE:
                return found
        return CueVerdict.NONE
    # Tokens from the left (a number word may join two words), verdicts from the right: the nearest cue wins.
    for head, separator, word in reversed(_tokens(text, begin, start)):
        if word:
            found = _word_kind(word, kind)
        elif separator and separator[-1].isspace():
            found = _word_kind(head, kind)  # "order number", "phone number"; "die Nummer" says nothing
        else:
            found = _head_kind(head, kind)  # "Artikelnummer", "Bestell-Nr.", "Steuer-ID"
        if found is not CueVerdict.NONE:
            return found
    return CueVerdict.NONE


BIRTH_WORD = re.compile(
    r"(?:[Gg]eboren|[Gg]eb\.|[Gg]eburtsdatum|[Gg]eburtstag|[Gg]eburtsjahr|[Gg]eburtsdaten|GEBURTSDATUM|[Bb]orn|"
    r"[Bb]irth\s?date|[Dd]ate\s+of\s+birth|DATE\s+OF\s+BIRTH|[Bb]irthday|DOB|D\.O\.B\.?|[Dd]ob\b)(?![\wäöüß])"
)
# Every match of BIRTH_WORD contains one of these (the shared scan looks for them; a test checks it).
BIRTH_STEMS = (
    "Geboren geboren Geb. geb. Geburts geburts GEBURTSDATUM Born born Birth birth BIRTH DOB D.O.B Dob dob".split()
)
# A sentence ends at ! ? ; a line break, or a full stop before a capital (dates keep their dots).
_SENTENCE_END = re.compile(r"[!?;\n]|\.\s+[A-ZÄÖÜ]")


def birth_cue_near(text: str, start: int, end: int) -> bool:
    """Is there a birth word shortly before or after the date at [start, end), in the same sentence?"""
    before = text[max(0, start - BIRTH_BEFORE) : start]
    offset = start - len(before)
    cues = [c for c in BIRTH_WORD.finditer(before) if not before_or_at_start_alnum(text, offset + c.start())]
    if cues and not _SENTENCE_END.search(before, cues[-1].end()):
        return True
    after = text[end : end + BIRTH_AFTER]
    cue = BIRTH_WORD.search(after)
    return (
        cue is not None
        and not before_or_at_start_alnum(text, end + cue.start())
        and not _SENTENCE_END.search(after, 0, cue.start())
    )


def before_or_at_start_alnum(text: str, index: int) -> bool:
    """Is the character before `index` a letter or digit (so a word found at `index` is a word's tail)?"""
    return index > 0 and text[index - 1].isalnum()


class _CaseBlind:
    """A case-blind pattern, searched fast. Under (?i) Python's regex engine tries every alternative at
    every character; on the lower-cased text a case-sensitive pattern whose alternatives start with a
    letter lets it skip ahead, and finds the same words, because lower-casing and (?i) agree on every
    character but three ("İ", "ı", "ſ"): a text with one of those takes the (?i) pattern."""

    def __init__(self, pattern: str) -> None:
        self._lowered = re.compile(pattern)
        self._any_case = re.compile(f"(?i){pattern}")

    def found_in(self, text: str) -> bool:
        if "İ" in text or "ı" in text or "ſ" in text:
            return self._any_case.search(text) is not None
        return self._lowered.search(text.lower()) is not None


_ADDRESS_FOR = _CaseBlind(
    r"(?:adresse|anschrift|wohnhaft|wohnt|wohnort|wohnsitz|geliefert\s+an|liefern\s+an|zugestellt|"
    r"address|addressed\s+to|lives|living\s+at|resident|registered\s+to|delivered\s+to|ship(?:ped)?\s+to|sent\s+to)"
)
# A business's address (a shop, a dealer, a pick-up point) is not a person's.
_ADDRESS_AGAINST = _CaseBlind(
    r"\b(?:filiale|geschäft|laden|showroom|store|shop|fachhändler|händler|werkstatt|packstation|paketshop|"
    r"postfiliale|abholstation|standort|niederlassung|büro|firmensitz|branch|dealer|office|pick-?up\s+point|"
    r"collection\s+point|depot|warehouse|retailer|outlet)"
)


def address_word_before(text: str, start: int) -> bool:
    """Is there an address word ("Lieferadresse", "lives at") in the window before `start`?"""
    return _ADDRESS_FOR.found_in(text[max(0, start - ADDRESS_WINDOW) : start])


def business_word_before(text: str, start: int) -> bool:
    """Is there a business word ("Filiale", "store") in the window before `start`?"""
    return _ADDRESS_AGAINST.found_in(text[max(0, start - ADDRESS_WINDOW) : start])


# Local parts of function mailboxes: they reach a team, not a person.
ROLE_MAILBOXES = frozenset(
    """
    info kontakt contact service support kundenservice kundendienst hilfe help hotline datenschutz privacy dsb
    noreply no-reply donotreply do-not-reply vertrieb sales rechnung rechnungen billing invoice invoices
    buchhaltung accounting bestellung bestellungen orders order shop team hello hallo presse press media jobs
    karriere careers retoure retouren returns reklamation widerruf office mail post postmaster admin webmaster
    abuse security marketing newsletter feedback kundenbetreuung customerservice customercare care servicedesk
    """.split()
)

# Local parts used as format examples ("vorname.nachname@...", "name@example.com").
PLACEHOLDER_LOCAL_PARTS = frozenset(
    """
    name vorname nachname vorname.nachname ihr.name ihrname ihre.email ihre-email email e-mail mail user
    benutzer max.mustermann erika.mustermann mustermann firstname.lastname first.last yourname your.name
    yourname john.doe jane.doe someone beispiel example test
    """.split()
)

# Domains reserved for examples and tests (RFC 2606, RFC 6761): no person's mailbox.
RESERVED_DOMAINS = ("example.com", "example.net", "example.org", ".example", ".test", ".invalid", ".localhost")
