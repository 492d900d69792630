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
    "BIRTH_WORD",
    "PLACEHOLDER_LOCAL_PARTS",
    "RESERVED_DOMAINS",
    "ROLE_MAILBOXES",
    "CueVerdict",
    "address_cues",
    "birth_cue_near",
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


class CueVerdict(StrEnum):
    FOR = "for"  # the nearest cue names this kind
    AGAINST = "against"  # the nearest cue names some other number (article, order, tracking ...)
    NONE = "none"  # no cue in the window


def _head_kind(head: str, kind: Kind) -> CueVerdict:
    head = head.lower().rstrip("-. ")
    if not head:
        return CueVerdict.NONE  # a bare "Nummer" / "number" says nothing
    for personal_kind, heads in _PERSONAL_HEADS.items():
        if head in heads or any(head.endswith(h) for h in heads if len(h) > 3):
            return CueVerdict.FOR if personal_kind is kind else CueVerdict.AGAINST
    return CueVerdict.AGAINST


def _word_kind(word: str, kind: Kind) -> CueVerdict:
    word = word.lower().rstrip(".")
    if word in _KIND_WORDS.get(kind, frozenset()):
        return CueVerdict.FOR
    if word in _OTHER_WORDS:
        return CueVerdict.AGAINST
    for other, words in _KIND_WORDS.items():
        if other is not kind and word in words:
            return CueVerdict.AGAINST
    return CueVerdict.NONE


def number_cue(text: str, start: int, kind: Kind, window: int = NUMBER_WINDOW) -> CueVerdict:
    """The verdict of the nearest cue in the `window` characters before `start`."""
    begin = max(0, start - window)
    while begin > 0 and not text[begin - 1].isspace():  # never judge the tail of a cut-off word
        begin -= 1
    verdict = CueVerdict.NONE
    for match in _NUMBER_WORD.finditer(text, begin, start):
        head, separator, word = match.group(1), match.group(2), match.group(3)
        if word is not None:
            found = _word_kind(word, kind)
        elif separator and separator[-1].isspace():
            found = _word_kind(head, kind)  # "order number", "phone number"; "die Nummer" says nothing
        else:
            found = _head_kind(head, kind)  # "Artikelnummer", "Bestell-Nr.", "Steuer-ID"
        if found is not CueVerdict.NONE:
            verdict = found  # later (nearer) cues overwrite earlier ones
    return verdict


BIRTH_WORD = re.compile(
    r"(?:[Gg]eboren|[Gg]eb\.|[Gg]eburtsdatum|[Gg]eburtstag|[Gg]eburtsjahr|[Gg]eburtsdaten|GEBURTSDATUM|[Bb]orn|"
    r"[Bb]irth\s?date|[Dd]ate\s+of\s+birth|DATE\s+OF\s+BIRTH|[Bb]irthday|DOB|D\.O\.B\.?|[Dd]ob\b)(?![\wäöüß])"
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
    return cue is not None and not before_or_at_start_alnum(text, end + cue.start()) and not _SENTENCE_END.search(
        after, 0, cue.start()
    )


def before_or_at_start_alnum(text: str, index: int) -> bool:
    """Is the character before `index` a letter or digit (so a word found at `index` is a word's tail)?"""
    return index > 0 and text[index - 1].isalnum()


_ADDRESS_FOR = re.compile(
    r"(?i)(?:adresse|anschrift|wohnhaft|wohnt|wohnort|wohnsitz|geliefert\s+an|liefern\s+an|zugestellt|"
    r"address|addressed\s+to|lives|living\s+at|resident|registered\s+to|delivered\s+to|ship(?:ped)?\s+to|sent\s+to)"
)
# A business's address (a shop, a dealer, a pick-up point) is not a person's.
_ADDRESS_AGAINST = re.compile(
    r"(?i)\b(?:filiale|geschäft|laden|showroom|store|shop|fachhändler|händler|werkstatt|packstation|paketshop|"
    r"postfiliale|abholstation|standort|niederlassung|büro|firmensitz|branch|dealer|office|pick-?up\s+point|"
    r"collection\s+point|depot|warehouse|retailer|outlet)"
)


def address_cues(text: str, start: int) -> tuple[bool, bool]:
    """(an address word before the street, a business word before it), in the window before `start`."""
    before = text[max(0, start - ADDRESS_WINDOW) : start]
    return _ADDRESS_FOR.search(before) is not None, _ADDRESS_AGAINST.search(before) is not None


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
