"""Grammar that shows a word is used as a name where no cue word says so.

Capitals inside an English sentence ("The next headset, Ember, ..."), a German word standing before an
English noun ("the Ostwind thermometer"), and a firm's name standing as itself ("Samsung ist günstiger",
"Verizon has better coverage"), each weighed against the determiners, adjectives and person titles that
make the same word a common noun or a first name. NameRule.evidence (context.py) asks these after its
cue words; they stand alone because they read only the sentence around a hit, know nothing of cues or
rules, and are the part to extend when a new pattern of names in running text comes up.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from safe_reply.lang import reply_language
from safe_reply.types import Language
from safe_reply.validators.trade_secrets.normalise import HYPHENS

__all__ = [
    "DETERMINER",
    "GERMAN_DETERMINER",
    "PERSON_BEFORE",
    "attributive",
    "capitalised_in_english",
    "is_english",
    "named_firm",
]

# A German noun after one of these is the common noun ("einen Seeblick", "im Lindenhof"), not a name.
GERMAN_DETERMINER = re.compile(
    r"\b(?:ein|eine|einen|einem|einer|eines|der|die|das|den|dem|des|im|am|vom|zum|zur|beim|kein\w*|mein\w*"
    r"|dein\w*|sein\w*|ihr\w*|unser\w*|euer\w*|jede\w*|diese\w*|welche\w*)\s+$",
    re.IGNORECASE,
)
# A word after one of these is a common noun in English ("a Föhn", "your Zaunkönig"), not a name.
DETERMINER = re.compile(r"\b(?:a|an|the|my|your|our|his|her|their|this|that|these|those|some|any)\W*$", re.IGNORECASE)
# A German word before an English noun names the thing ("the Ostwind thermometer", "the Maulwurf
# module"): a borrowed common noun is followed by a verb or a function word ("a Föhn and a brush").
_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)\b")
_FUNCTION_WORDS = frozenset(
    "a an the and or but nor is are was were be been being will would can could should shall may might must has "
    "have had does do did to of in on at for with from by as that which who whom if then so too also here there "
    "now again not it its you your we our they their he she his her i me my this these those when where while "
    "because since after before until about into over under up down out off just only still yet very really "
    "than like how what why all some any each every no more most less such".split()
)


def attributive(after: str) -> bool:
    """Does an English noun follow the word (no punctuation between)? A function word, an adverb or a
    verb form ("-ly", "-ed", "-ing") does not count."""
    match = _NEXT_WORD.match(after)
    if match is None:
        return False
    word = match.group(1)
    return word not in _FUNCTION_WORDS and len(word) > 2 and not word.endswith(("ly", "ed", "ing"))


_POSSESSIVE = re.compile(r"['’]s\s+[a-z]")
_SENTENCE_OPENERS = frozenset(":\"'„“”‚‘’«»‹›([{*#>•-–—|")


def capitalised_in_english(
    text: str, start: int, end: int, before: str, english_reply: Callable[[], bool] | None
) -> bool:
    """English capitalises names, not nouns: a capital inside an English sentence marks a name
    ("The next headset, Ember, ..."). German capitalises every noun, so there it proves nothing."""
    if not text[start].isupper():
        return False
    preceding = before.rstrip()
    if not preceding or preceding[-1] in _SENTENCE_OPENERS or preceding[-1].isdigit():
        # At a sentence start every word has a capital; a possessive there still marks a name: a common
        # noun would need its article ("Ember's drivers" but "An ember's glow").
        return _POSSESSIVE.match(text, end) is not None and is_english(text, english_reply)
    return is_english(text, english_reply)


# A first name, not a firm: "his name is Chase", "I'm Chase", "Herr Otto", "ich heiße Puma". ("named" is
# a naming cue for codenames and stays one.)
PERSON_BEFORE = re.compile(
    r"\b(?:name\s+is|name's|I'm|I\s+am|Mr|Mrs|Ms|Miss|Dr|Herr|Herrn|Frau|hei(?:ß|ss)e|Name\s+ist)\.?\s+$"
)
# An English word after which a capitalised sentence opener is a verb, not a name: "Chase the order".
_OBJECT_AFTER = re.compile(r"\s+(?:the|a|an|your|my|our|their|his|her|it|them|him|up|down|this|that|these|those)\b")
# A lower-case German word right before a noun that ends like an inflected adjective ("dichter Nebel",
# "frische Äpfel", "einen großen Globus") makes it a common noun: a firm's name takes none. These words end
# alike but are function words, after which a name stands ("wie Samsung", "oder Bosch", "gegen Apple").
_ADJECTIVE_ENDING = re.compile(r"(?<![^\W\d_])([a-zäöüß]{3,}(?:e|en|er|es|em))\s+$")
_NOT_ADJECTIVES = frozenset(
    "wie ohne oder aber über unter hinter wieder sondern gegen neben wegen außer ausser entweder weder immer "
    "lieber eher später früher selber gerne gerade heute ebenso genauso bitte habe haben hatte hatten kaufen "
    "bestellen wechseln nehmen empfehlen anbieter".split()
)
_BY_MEANS = re.compile(r"\bper\s+$", re.IGNORECASE)
# Words of the market that make even an article's noun a firm in a German reply ("Die Telekom ist teurer",
# "beim Tarif der Telekom"): companies compete on prices and plans; a bird or a puma in the zoo does not.
_MARKET_WORDS = re.compile(
    r"\b(?:teurer|günstiger|billiger|preiswerter|Anbieter\w*|Konkurren\w*|Wettbewerb\w*|Mitbewerb\w*|Tarif\w*"
    r"|Vertrag|Verträge|Kündigung|kündigen|wechseln|gewechselt|Wechsel|Filiale\w*|Konzern\w*|Marktführer"
    r"|Preis|Preise|Angebot|Angebote|kostet|Rabatt\w*|Netz|Empfang|Netzabdeckung|Kundenservice|Hotline)\b",
    re.IGNORECASE,
)


def named_firm(
    text: str,
    start: int,
    end: int,
    trick: str,
    word_end: int,
    sides: tuple[str, str],
    english_reply: Callable[[], bool] | None,
    *,
    german_word: bool,
) -> bool:
    """Is a capitalised organisation name used as one where no cue word says so? A firm stands as itself:
    in English at a sentence start too ("Verizon has better coverage"), unless it is a verb there ("Chase
    the order"); in German without an article or adjective ("Samsung ist günstiger", "bei Bosch"), or with
    one in a sentence about prices and plans ("Die Telekom ist teurer"). Only the word itself, its
    possessive or genitive ("Samsungs", "Apple's") and the head of a hyphenated compound ("Bosch-Akkus")
    count: "Apples" is a plural, "Nebelscheinwerfer" a lamp."""
    before, after = sides
    if not text[start].isupper() or (start > 0 and text[start - 1].isalnum()):
        return False
    tail = text[end:word_end]
    english = is_english(text, english_reply)
    # The hit spans an inflection ending ("Samsungs", "Apples"): a genitive in German, a plural in English.
    if (tail and tail[0] not in HYPHENS) or ("inflected" in trick.split("+") and (english or text[end - 1] != "s")):
        return False
    preceding = before.rstrip()
    if english:
        # Mid-sentence capitals are the `capitalised` and `foreign` evidence; here the sentence start.
        return (not preceding or preceding[-1] in _SENTENCE_OPENERS) and _OBJECT_AFTER.match(after) is None
    if _MARKET_WORDS.search(before + " " + after):
        return True
    if german_word:
        return False  # a word of German, used bare: "bei Sonne", "Klar, das geht", "Bus und Bahn"
    if tail:
        return True  # the head of a compound: the article is the compound's ("die Bosch-Akkus")
    if GERMAN_DETERMINER.search(before):
        return False  # "der Puma im Zoo"
    if _BY_MEANS.search(before):
        return False  # the means, not a firm: "per Post", "per Nachnahme"
    adjective = _ADJECTIVE_ENDING.search(before)
    return adjective is None or adjective.group(1) in _NOT_ADJECTIVES


def is_english(text: str, english_reply: Callable[[], bool] | None) -> bool:
    if english_reply is not None:
        return english_reply()
    return reply_language(text, None, Language.DE) is Language.EN
