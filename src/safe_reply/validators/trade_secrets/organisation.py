"""The organisation rule of the name rule (context.NameRule `organisation`): where a competitor's, supplier's or
customer's name that is also a word ("Orange", "Netto", "Post", "Otto", "Apple") is used as a firm's, and the
person guard that keeps a first name ("mein Kollege Otto", "I'm Chase") from counting as one.

Grammar shows a firm only where firms compete or act: a comparison or switching word, a preposition of the
market ("bei Lidl"), a firm's verb ("Bosch liefert"), the owner of an offer ("beim Tarif der Telekom"). Words
every service reply says ("Preis", "Angebot", "kostet") are no evidence: a false positive blocks a good reply,
a missed mention of a competitor costs less.
"""

from __future__ import annotations

import re

from safe_reply.validators.trade_secrets.automaton import MatchShape

__all__ = ["GERMAN_DETERMINER", "SENTENCE_OPENERS", "named_firm", "person", "trick_parts"]

# A German noun after one of these is the common noun ("einen Seeblick", "im Lindenhof"), not a name.
GERMAN_DETERMINER = re.compile(
    r"\b(?:ein|eine|einen|einem|einer|eines|der|die|das|den|dem|des|im|am|vom|zum|zur|beim|kein\w*|mein\w*"
    r"|dein\w*|sein\w*|ihr\w*|unser\w*|euer\w*|jede\w*|diese\w*|welche\w*)\s+$",
    re.IGNORECASE,
)
SENTENCE_OPENERS = frozenset(":\"'„“”‚‘’«»‹›([{*#>•-–—|")


# A first name, not a firm: "his name is Chase", "I'm Chase", "Herr Otto", "ich heiße Puma", "mein Kollege
# Otto", "your driver Otto". ("named" is a naming cue for codenames and stays one.)
_PERSON_BEFORE = re.compile(
    r"\b(?:name\s+is|name's|I'm|I\s+am|Mr|Mrs|Ms|Miss|Dr|Herr|Herrn|Frau|hei(?:ß|ss)e|Name\s+ist"
    r"|(?:Kolleg|Ansprechpartner|Fahrer|Techniker|Monteur|Berater|Mitarbeiter|Kundenberater|Servicetechniker"
    r"|Kundenbetreuer|Betreuer|Sachbearbeiter)(?:e|en|in|innen)?"
    r"|colleagues?|driver|technician|engineer|advisor|adviser|agent|contact\s+person|fitter)\.?\s+$"
)
# A person named in apposition: "Otto, unser Fahrer, ...", "Otto, our driver, ...".
_PERSON_AFTER = re.compile(
    r",\s+(?:unser\w*|Ihr\w*|ihr\w*|der|die|our|your|the)\s+(?:Kolleg|Ansprechpartner|Fahrer|Techniker|Monteur"
    r"|Berater|Mitarbeiter|Kundenberater|Betreuer|colleague|driver|technician|engineer|advisor|adviser|agent)",
)
# Words of a codename right before "name is" ("Der interne Name ist Falke", "Its code name is Kiesel"): the
# naming phrase of a project, not a person's name.
_CODENAME_BEFORE = re.compile(
    r"\b(?:intern\w*|code|projekt\w*|project|arbeitstitel|working)\W+(?:\w+\W+)?(?:name\s+is|name's|Name\s+ist)\s+$",
    re.IGNORECASE,
)
_PERSON_REACH = 60  # characters before a hit read for a person's title or role
# A lower-case German word right before a noun that ends like an inflected adjective ("dichter Nebel",
# "frische Äpfel", "einen großen Globus") makes it a common noun: a firm's name takes none. These words end
# alike but are function words, after which a name stands ("wie Samsung", "oder Bosch", "gegen Apple").
_ADJECTIVE_ENDING = re.compile(r"(?<![^\W\d_])([a-zäöüß]{3,}(?:e|en|er|es|em))\s+$")
_NOT_ADJECTIVES = frozenset(
    "wie ohne oder aber über unter hinter wieder sondern gegen neben wegen außer ausser entweder weder immer "
    "lieber eher später früher selber gerne gerade heute ebenso genauso bitte habe haben hatte hatten kaufen "
    "bestellen wechseln nehmen empfehlen anbieter".split()
)
_BY_MEANS = re.compile(r"\b(?:per|via)\s+$", re.IGNORECASE)
# Comparison and switching words, which make even an article's noun a firm ("Die Telekom ist teurer", "Wer
# von Vodafone wechselt"): companies compete; a colour, the price without VAT or a train do not. Words every
# service reply says ("Preis", "Angebot", "kostet", "Vertrag", "Hotline") are no evidence of a firm.
_MARKET_WORDS = re.compile(
    r"\b(?:teurer\w*|günstiger\w*|billiger\w*|preiswerter\w*|Anbieter\w*|Konkurren\w*|Wettbewerb\w*|Mitbewerb\w*"
    r"|Marktführer\w*|Konzern\w*)\b",
    re.IGNORECASE,
)
# Switching words count only with the firm as where one switches from or to ("von der Telekom wechseln"): "Der
# Akku muss gewechselt werden", "Kette und Ritzel wechseln" replace a part.
_SWITCH_FROM = re.compile(r"\b(?:von|zu|zur|zum)\s+(?:der\s+|dem\s+)?$", re.IGNORECASE)
_SWITCHING = re.compile(r"\b(?:wechseln|wechselt|wechselst|gewechselt|Wechsel|Anbieterwechsel)\b", re.IGNORECASE)
# A firm's own offer named with it as its owner: "beim Tarif der Telekom", "die Preise bei Lidl".
_OWNED_BY = re.compile(
    r"\b(?:Tarif|Preis|Angebot|Vertr[aä]g|Netz|Kundenservice|Hotline|Filiale)\w*\s+(?:der|des|von|bei)\s+$",
    re.IGNORECASE,
)
# A common noun with its article right before the hit: the hit is what that noun is called.
_NOUN_BEFORE = re.compile(
    r"\b(?i:der|die|das|den|dem|des|ein|eine|einen|einem|einer|unser\w*|Ihr\w*)\s+([A-ZÄÖÜ][a-zäöüß]+)\s+$"
)
_FIRM_PLACE = re.compile(
    r"\b(?i:bei|von|wie|als|gegen|gegenüber|außer|ausser|statt|anstatt|laut|über)\s+(?:[A-ZÄÖÜ]\w*\s+(?:und|oder)\s+)?$"
)
_FIRM_VERB = re.compile(
    r"[ \t]+(?:liefert|liefern|baut|bauen|bietet|bieten|verkauft|verkaufen|produziert|produzieren|fertigt|fertigen"
    r"|vertreibt|vertreiben|verlangt|verlangen|stellt\s+\w+\s+her)\b"
)
_BEFORE_REACH = 60  # characters before a hit read for its article, adjective, `per` or owner
_AFTER_REACH = 120  # characters after a hit read for a comparison word


def named_firm(
    text: str,
    start: int,
    end: int,
    trick: str,
    word_end: int,
    sides: tuple[int, int],
    *,
    english: bool,
    german_word: bool,
) -> bool:
    """Is a capitalised organisation name used as one where no cue word says so? A firm stands as itself:
    in English at a sentence start with a verb after it and a comparison or switching word in the sentence
    ("Verizon has better coverage"); in German without an article or adjective ("Samsung ist günstiger",
    "bei Bosch"), or with one in a comparison ("Die Telekom ist teurer"), or as the owner of an offer ("beim
    Tarif der Telekom"). Only the word itself and its genitive ("Samsungs") count: "Apples" is a plural,
    "Nebelscheinwerfer" a lamp, "Netto-Preis" and "Otto-Motor" a compound (the head alone never counts).

    Reads at most _BEFORE_REACH characters before and _AFTER_REACH after the hit, in the sentence
    `sides` (its start and end): the cost per hit is bounded whatever the sentence's length."""
    sentence_start, sentence_end = sides
    if not text[start].isupper() or (start > 0 and text[start - 1].isalnum()):
        return False
    # The hit spans an inflection ending ("Samsungs", "Apples"): a genitive in German, a plural in English.
    if MatchShape.INFLECTED in trick_parts(trick) and (english or text[end - 1] != "s"):
        return False
    compound = word_end > end
    if compound or english:
        # Neither a compound's head ("Bosch-Schrauben sind teurer") nor an English sentence start ("Orange is
        # our cheapest colour option") tells a firm from a thing: a second review of round 10 found both in
        # ordinary replies. Mid-sentence English capitals are the `capitalised` and `foreign` evidence.
        return False
    low = max(sentence_start, start - _BEFORE_REACH)
    high = min(sentence_end, end + _AFTER_REACH)
    before = text[low:start]
    if _BY_MEANS.search(before) or _adjective_before(before):
        return False  # the means or a common noun: "per Post", "dichter Nebel"
    noun = _NOUN_BEFORE.search(before)
    if noun is not None and _MARKET_WORDS.fullmatch(noun.group(1)) is None:
        return False  # the name of a thing: "die Farbe Orange", "der Geschmack Apfel" (not "der Anbieter Orange")
    if german_word and text.startswith(",", end) and not before.strip():
        return False  # an interjection or a list at a sentence start: "Klar, ...", "Sonne, Strand und Meer"
    if _OWNED_BY.search(before):
        return True  # "beim Tarif der Telekom"
    if _SWITCH_FROM.search(before) and _SWITCHING.search(text, end, high):
        return True  # "Wer von der Telekom zu uns wechselt"
    if german_word or GERMAN_DETERMINER.search(before):
        return False  # "bei Sonne", "der Puma im Zoo", "Mit der Bahn reisen Sie günstiger an"
    if _MARKET_WORDS.search(text, low, high) and _FIRM_PLACE.search(before):
        return True  # "Bei Samsung ist das Gerät günstiger"
    # A comparison alone names no firm: "Orange ist diese Woche günstiger als Schwarz", "Netto ist das Gerät
    # 15 Euro günstiger als brutto" (round 10's second review).
    # A bare name is a firm's where a firm stands: after "bei", "von", "wie" ("bei Lidl", "leiser als Puma und
    # Apple"), in the genitive ("Samsungs neues Modell") or doing what firms do ("Bosch liefert", "Google
    # bietet"). "Orange ist ausverkauft", "Netto kostet das Gerät 84 Euro", "Post und Pakete" name no firm.
    if _FIRM_PLACE.search(before) or _FIRM_VERB.match(text, end, high):
        return True
    return MatchShape.INFLECTED in trick_parts(trick)


def trick_parts(trick: str) -> frozenset[str]:
    """The tricks of a hit's label ("case+inflected"), as a set to test enum members against."""
    return frozenset(trick.split("+"))


def _adjective_before(before: str) -> bool:
    adjective = _ADJECTIVE_ENDING.search(before)
    return adjective is not None and adjective.group(1) not in _NOT_ADJECTIVES


def person(before: str, text: str, word_end: int) -> bool:
    """A person's name: after a title, a role or "my name is" (not a codename's "Der interne Name ist"),
    or with a role in apposition ("Otto, unser Fahrer"). `before`: the sentence before the hit's word."""
    before = before[-_PERSON_REACH:]
    if _PERSON_BEFORE.search(before):
        return _CODENAME_BEFORE.search(before) is None
    return _PERSON_AFTER.match(text, word_end, word_end + _PERSON_REACH) is not None
