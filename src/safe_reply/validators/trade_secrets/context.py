"""The name rule for codenames that are also ordinary words ("Kranich" the bird, "Crema" the coffee
foam, "Föhn" the hair dryer): such a term is a leak only where the reply uses it as a NAME.

A hit of a term with `ordinary_word: true` (or a `context:` list) counts when at least one holds,
checked in this order (the first one is reported as the finding's `evidence`):
1. disguise: the hit needed any obfuscation trick to be found (case, homoglyph, zero-width, spaced,
   hyphenated, leetspeak, transliterated, reversed, ROT13, base64, entity, ...). Nobody disguises
   the bird; a disguised ordinary word is suspicious. Grammar (inflection, compound), an alias and
   NFD (a Unicode normal form, not a trick) are no disguise.
2. compound: the word that contains the hit also contains a cue word right before or after the
   term, with or without a hyphen or a linking s/n ("Kranich-Plattform", "Projektkranich",
   "Cremaplattformen").
3. quoted: the hit lies inside a quotation of at most four words („Projekt Crema“, "Crema").
4. context: one of the `window` words before or after the hit's word, in the same sentence, or a
   word of the hit itself (an alias "Project Crane") is a cue word ("Projekt Kranich", "die
   Entwicklung des Kranichs", "we call it Föhn internally").
5. capitalised: an ordinary English word, capitalised inside an English sentence ("Ember").
6. foreign: an ordinary word of German only, in an English reply ("Sturmvogel is the cordless one"),
   without an article, or with one and an English noun after it ("the Ostwind thermometer").
The grammar behind 5, 6 and an organisation's name used as itself is in name_grammar.py.

A reply word matches a cue when it equals the cue, or the cue plus an inflection suffix
("Projekts", "internen", "launched"), or, for cues of >= 7 letters, starts with it
("Entwicklungsstand", "Nachfolgermodell"). Comparison is case-insensitive with ß = ss (casefold).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from safe_reply.validators.trade_secrets.kind_clause import announced, coordinated, ordinary_product_clause
from safe_reply.validators.trade_secrets.name_grammar import (
    DETERMINER,
    attributive,
    capitalised_in_english,
    is_english,
)
from safe_reply.validators.trade_secrets.naming import INTERNALLY_NAMED_BEFORE, NAMED_AFTER
from safe_reply.validators.trade_secrets.normalise import HYPHENS, ZERO_WIDTH
from safe_reply.validators.trade_secrets.organisation import (
    GERMAN_DETERMINER,
    named_firm,
    person,
    trick_parts,
)

__all__ = [
    "COMPANY_CUES",
    "COMPOUND_CUES",
    "DEFAULT_NAME_CUES_DE",
    "DEFAULT_NAME_CUES_EN",
    "DEFAULT_NAME_WINDOW",
    "DESIGNATION_CUES",
    "RELATION_CUES",
    "SYSTEM_CUES",
    "DesignationRule",
    "Evidence",
    "NameRule",
]

# Words that mark a term as a project, product or platform name, in German and English. "Modell" /
# "model" are deliberately absent: a support bot says "Ihr Modell" all the time, and "Welches
# Modell macht die beste Crema?" is the ordinary word. Add them per term with `context:` if wanted.
# "Name" is absent too: "his name is Chase" names a person, not the codename.
DEFAULT_NAME_CUES_DE: tuple[str, ...] = (
    "Projekt", "Codename", "Deckname", "Arbeitstitel", "namens", "genannt", "Bezeichnung", "Plattform",
    "Generation", "Nachfolger", "Nachfolgemodell", "Baureihe", "Serie", "Linie", "Prototyp", "intern",
    "Entwicklung", "entwickelt", "entwickeln", "Entwickler", "Launch", "Marktstart", "Markteinführung", "Vorstellung",
    "vorgestellt",
    "Release", "erscheint", "angekündigt", "unveröffentlicht",
    # Declining to tell is telling that there is something: "zur Drehscheibe darf ich noch nichts verraten".
    "verraten",
)  # fmt: skip
DEFAULT_NAME_CUES_EN: tuple[str, ...] = (
    "project", "codename", "codenamed", "named", "called", "dubbed", "platform", "generation", "successor",
    "series", "line", "prototype", "internal", "internally", "development", "develop", "developer", "launch", "release",
    "unveil", "roadmap", "announced", "unreleased", "upcoming", "reveal", "disclose",
)  # fmt: skip
# Words that put a name in a system's role: what is looked up, recorded or flagged in it, and the things it holds
# ("In Zwirn ist Ihr Auftrag … markiert", "laut Zwirn", "ich habe in Zwirn nachgesehen", "the ticket in Loom").
# Only for the ordinary words of an internal system's entry (config.names_system): "Zwirn" the yarn has none.
SYSTEM_CUES: tuple[str, ...] = (
    "laut", "System", "Software", "Tool", "Datenbank", "Eintrag", "Datensatz", "Ticket", "Auftrag", "Vorgang",
    "Status", "eingetragen", "erfasst", "hinterlegt", "markiert", "vermerkt", "angelegt", "gebucht", "nachgesehen",
    "nachgeschaut", "einsehen", "sehe",
    "according", "system", "software", "tool", "database", "record", "entry", "ticket", "order", "status", "logged",
    "recorded", "flagged", "marked", "entered", "looked", "lookup", "shows", "says",
)  # fmt: skip
# Words that put a name in a company's role (who makes or supplies something): the context in which a
# surname or a foreign name that reads as ordinary words ("Hallbeck", "Kowalczyk", "Dongxing") is the
# supplier of a list's multi-word entry ("Hallbeck Funktechnik"). The place words "aus" / "in" are absent:
# "kommt aus Ningbo" names a city.
COMPANY_CUES: tuple[str, ...] = (
    "Lieferant", "Zulieferer", "Hersteller", "Fertiger", "Partner", "Firma", "liefert", "geliefert",
    "produziert", "gefertigt", "hergestellt", "fertigt", "von",
    # Who does work for the company: "unser Subunternehmer Elektro Brandl", "our contractor Brandl".
    "Subunternehmer", "Dienstleister", "Handwerksbetrieb", "Partnerbetrieb", "Fachbetrieb",
    "supplier", "supplies", "supplied", "manufacturer", "manufactured", "maker", "made", "produced",
    "partner", "company", "vendor", "sourced", "from", "by", "contractor", "subcontractor",
)  # fmt: skip
# Words that put a name in a business relationship with the company, or name the kind of organisation
# it is: anywhere in the sentence, they make a listed organisation's surname or place name a mention of
# it ("Brettschneider has a special framework deal with us", "we source it through Oberkamp", "a big
# housing co-op in Lindenhof"). Only for the capitalised name words of a multi-word organisation entry
# (partial.name_mentions); "Kunde" / "customer" / "Vertrag" are absent: a support reply says them to the
# customer, whose own surname may be any name.
RELATION_CUES: tuple[str, ...] = (
    "Rahmenvertrag", "Rahmenvereinbarung", "Rahmenabkommen", "Kooperation", "Großkunde", "Geschäftskunde",
    "Firmenkunde", "Schlüsselkunde", "Hauptkunde", "Partner", "Handelspartner", "Vertriebspartner",
    "Sonderkonditionen", "Konditionen", "Sonderpreise", "beliefern", "beliefert", "beziehen", "bezieht",
    "bezogen", "Zulieferer", "Lieferant", "Großhändler", "Händler", "Abnehmer",
    # The kinds of organisation a customer or supplier is (also as the head of a compound: "Teilehandel").
    "Genossenschaft", "Hausverwaltung", "Kette", "Filiale", "Filialen", "Möbelhaus", "Autohaus", "Sporthaus",
    "Kaufhaus", "Warenhaus", "Modehaus", "Markt", "Märkte", "Spedition", "Kurierdienst", "Pflegedienst",
    "Lieferdienst", "Handel", "Konzern", "Gruppe", "Klinik", "Kliniken", "Hotel", "Hotels", "Verlag", "Brauerei",
    "Bäckerei", "Apotheke",
    "framework", "agreement", "deal", "deals", "partner", "partnership", "supplier", "suppliers", "vendor",
    "wholesaler", "distributor", "retailer", "reseller", "dealer", "source", "sources", "sourced", "sourcing",
    "co-op", "coop", "cooperative", "chain", "store", "stores", "retail", "landlord", "property", "courier",
)  # fmt: skip
# Words right before a model designation that make it a product's name ("der T4", "the S3", "beim G6",
# "our next T4", "das Modell S5"): a short designation ("T10" is also a Torx size, "A4" a paper size)
# counts only right after one of these (DesignationRule).
DESIGNATION_CUES: tuple[str, ...] = (
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "beim", "vom", "zum", "im", "unser",
    "unsere", "unseren", "unserem", "neue", "neuen", "neuer", "neues", "nächste", "nächsten", "kommende",
    "kommenden", "modell", "the", "a", "an", "our", "new", "next", "upcoming", "coming", "model",
)  # fmt: skip
# Product-type nouns that make a name out of the word they are compounded with ("Gämse-Linie",
# "Maulwurf-Modul", "Muschelmodell", "Kranich-Plattform"), though alone, as neighbours, they are too
# common to count.
COMPOUND_CUES: tuple[str, ...] = (
    "Modell",
    "model",
    "Modul",
    "module",
    "Reihe",
    "Version",
    "Variante",
    "Edition",
    "Plattform",
    # What insurers and telecoms sell is a tariff ("der neue Schirm-Tarif"), a service by subscription a plan
    # ("zum Drehscheiben-Abo").
    "Tarif",
    "tariff",
    "Abo",
    "Abonnement",
    "subscription",
)
DEFAULT_NAME_WINDOW = 3
MAX_QUOTED_WORDS = 4
MAX_REACH = 400  # characters read on each side of a hit: linear cost in a reply full of hits
_PREFIX_CUE_LEN = 7  # long cues also match as the head of a compound word ("Entwicklungsstand")
_TAIL_CUE_LEN = 5  # cues of >= 5 letters also match as the last part of a compound ("Serumlinie")
_CUE_SUFFIXES = ("s", "es", "e", "en", "n", "er", "ern", "ens", "ns", "nen", "d", "ed", "ing", "ly")
_LINKS = ("", "s", "es", "n", "en")
# Tricks that are grammar or encoding, not disguise (see secrets_tricks for the labels).
_NO_DISGUISE = frozenset({"literal", "inflected", "compound", "alias", "nfd"})
_QUOTES = frozenset("\"'„“”‚‘’«»‹›")
_QUOTE_CLASS = "[" + re.escape("".join(sorted(_QUOTES))) + "]"
# A closing mark not followed by a letter or digit; an opening one not preceded by one, searched in the
# reversed text (so the nearest comes first).
_CLOSING = re.compile(_QUOTE_CLASS + r"(?![^\W_])")
_OPENING_REVERSED = re.compile(_QUOTE_CLASS + r"(?![^\W_])")
_WORD = re.compile(r"[^\W\d_]+")
_RELATION_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # "co-op" is one word
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)|\n")
# A word given as the translation of another ("auf Deutsch „Eisvogel“", "in German 'Möwe'", "the German word
# for it is Kranich"): the ordinary word, cited; not a name.
_GLOSS_BEFORE = re.compile(
    r"(?:\b(?:auf|zu|in|im)\s+(?:Deutsch|Englisch|German|English|Deutschen|Englischen)"
    r"|\b(?:German|English|deutsche|englische)\s+(?:word|Wort)(?:\s+(?:for\s+it|dafür|for\s+that))?(?:\s+is|\s+ist)?"
    r"|\bheißt\s+(?:auf|zu)\s+Deutsch|\bis\s+called\s+in\s+German)[\s,:–—-]*[\"'„“”‚‘’«»‹›]?$",
    re.IGNORECASE,
)


class Evidence(StrEnum):
    """Why an ordinary-word hit was judged to be used as a name (finding details `evidence`)."""

    DISGUISE = "disguise"
    COMPOUND = "compound"
    QUOTED = "quoted"
    CONTEXT = "context"
    CAPITALISED = "capitalised"
    FOREIGN = "foreign"
    ORGANISATION = "organisation"


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


_UMLAUTS = str.maketrans("äöü", "aou")


def _plain(word: str) -> str:
    """A casefolded word without umlauts."""
    return word.translate(_UMLAUTS)


# A place noun after the word makes it a place name ("our Warendorf branch", "the Lindau office"), not a product's.
_PLACE_AFTER = re.compile(
    r"[ \t\u00a0]+(?:branch|branches|store|stores|shop|office|offices|site|location|showroom|warehouse|depot|plant"
    r"|area|region|district|town|city|station|airport)\b",
    re.IGNORECASE,
)
_OWNED_BEFORE = re.compile(r"\b(?:our|the\s+new|a\s+new|new|upcoming|unser\w*|neue\w*)\s+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class NameRule:
    """Cue words (casefolded) and the window; one shared instance unless a term adds its own cues."""

    cues: frozenset[str]
    window: int
    # A name that only its capital tells from ordinary words ("Hallbeck", "Kowalczyk"): lower-case, it is
    # the words themselves.
    capitalised: bool = False
    # Cue words that count anywhere in the sentence, not only in the window (RELATION_CUES).
    sentence_cues: frozenset[str] = frozenset()
    # The product kinds the entry's note names ("camera" of "camera platform"): a name where compounded
    # with the word ("Wachturm-Kameras") or right after it ("the Sperling drone"), not as any neighbour
    # ("Streuen Sie Kiesel" is no "Kiesel" litter).
    products: frozenset[str] = frozenset()
    # The closed compounds of the term and a product kind that are ordinary words ("Turmuhr", "Kieselstein"):
    # casefolded; any other closed compound of the two names the product ("Eisbergarchiv", "Kieselstreu").
    ordinary_compounds: frozenset[str] = frozenset()
    # The term names an organisation (config.names_organisation): grammar shows the name (see named_firm).
    organisation: bool = False
    # ... and is a word of German too ("Sonne", "Kette"): in a German reply only a sentence about the market
    # shows the firm, not its bare use ("bei Sonne", "Klar, das geht").
    german_word: bool = False
    # A translated codename: its capital counts only as the company's own thing ("our Northern Lights 2 lamp",
    # "the new Kingfisher sofa"); capitalised elsewhere it is as often another name ("Arrakis from Dune").
    owned_capital: bool = False

    @classmethod
    def build(
        cls, cues: Iterable[str], window: int, *, capitalised: bool = False, sentence_cues: Iterable[str] = ()
    ) -> NameRule:
        folded = frozenset(_fold(c) for c in sentence_cues if c.strip())
        return cls(frozenset(_fold(c) for c in cues if c.strip()), window, capitalised, folded)

    def with_cues(self, extra: Iterable[str]) -> NameRule:
        cues = self.cues | {_fold(c) for c in extra if c.strip()}
        return replace(self, cues=cues)

    def with_products(self, products: Iterable[str], ordinary_compounds: Iterable[str] = ()) -> NameRule:
        # Without umlauts too: a plural mutates its vowel ("Baumarkt" -> "Kessler-Baumärkte"), and the word is
        # compared without them (_product).
        folded = {_fold(p) for p in products if p.strip()}
        return replace(
            self,
            products=self.products | folded | {_plain(p) for p in folded},
            ordinary_compounds=self.ordinary_compounds | {_fold(c) for c in ordinary_compounds},
        )

    def for_organisation(self, *, german_word: bool = False) -> NameRule:
        """The rule for an organisation's name: the same cues, and grammar as evidence too."""
        return replace(self, organisation=True, german_word=german_word)

    def evidence(
        self,
        text: str,
        start: int,
        end: int,
        trick: str,
        *,
        english: bool = False,
        foreign: bool = False,
        english_reply: Callable[[], bool] | None = None,
    ) -> Evidence | None:
        """Why text[start:end] is used as a name, or None for the ordinary word.

        `english`: the term is an ordinary English word, so a capital inside an English sentence marks
        a name ("Ember"); a German noun ("Föhn") is capitalised anyway and proves nothing.
        `english_reply`: whether the reply is English, computed once per reply by the caller (a
        language guess per hit made a reply full of hits quadratic).
        `foreign`: the term is an ordinary word of German only ("Sturmvogel", "Zaunkönig"): an English
        reply has no ordinary use for it ("the compass", "an arctic fox"), so there it is a name,
        unless a determiner makes it a common noun borrowed by the writer ("dry it with a Föhn").

        Everything is read within MAX_REACH characters of the hit, so the cost per hit is bounded
        whatever the reply's length (a window of three words and a quote of four never reach further).
        """
        if trick_parts(trick) - _NO_DISGUISE:
            return Evidence.DISGUISE
        if self.capitalised and not text[start].isupper():
            return None
        word_start, word_end = _word_bounds(text, start, end)
        if self._compound(text[word_start:start], text[end:word_end]):
            return Evidence.COMPOUND
        if self.products and self._product(text, word_start, start, end, word_end):
            return Evidence.COMPOUND
        sentence_start, sentence_end = _sentence_bounds(text, word_start, word_end)
        before = text[sentence_start:word_start]
        after = text[word_end:sentence_end]
        # A quote marks the quoted word as a name: the term's own word, not a compound that merely holds
        # it („Libellenteich“ names a print motif, not project Libelle).
        if _GLOSS_BEFORE.search(before[-40:]):
            return None  # the word cited as a translation: "a kingfisher – auf Deutsch „Eisvogel“"
        if start - word_start <= 0 and word_end - end <= _MAX_QUOTED_ENDING and _quoted(before, after):
            return Evidence.QUOTED
        if person(before, text, word_end):
            return None  # a person: "his name is Chase", "I'm Chase", "Herr Brandl, der Subunternehmer ..."
        # The hit's own words count too: an alias such as "Project Crane" names itself. The words next
        # to the hit are found from the hit outwards, lazily (not every word of the sentence).
        after_words = [w.group() for w in itertools.islice(_WORD.finditer(after), self.window)]
        if after_words and _GROWS.match(after):
            # The word is the subject that develops by itself ("Die Seerose entwickelt im Juli ihre Blüten"):
            # a project is developed by someone ("wir entwickeln …", "… wird entwickelt"), it does not develop.
            after_words = after_words[1:]
        words = [
            *(w.group()[::-1] for w in itertools.islice(_WORD.finditer(before[::-1]), self.window)),
            *_WORD.findall(text[start:end]),
            *after_words,
        ]
        if any(_is_cue(self.cues, _fold(w)) for w in words) or INTERNALLY_NAMED_BEFORE.search(before[-80:]):
            return Evidence.CONTEXT
        gloss = NAMED_AFTER.match(after[:_GLOSS_REACH])
        if gloss is not None and any(_is_cue(self.cues, _fold(w)) for w in _WORD.findall(gloss.group())):
            return Evidence.CONTEXT  # "des Falken – so heißt der Nachfolger intern"
        # A kind of organisation ("Möbelhaus" of "Möbelhaus Brettschneider") is no name of its own: only its
        # window counts for it, not a relation anywhere in the sentence ("ein Möbelhaus mit Rahmenvertrag").
        if (
            self.sentence_cues
            and not _is_cue(self.sentence_cues, _fold(text[start:end]))
            and not GERMAN_DETERMINER.search(before)
            and any(_is_cue(self.sentence_cues, _fold(w)) for w in _RELATION_WORD.findall(before + " " + after))
        ):
            return Evidence.CONTEXT
        if (
            english
            and (not self.owned_capital or _OWNED_BEFORE.search(before[-24:]) is not None)
            and capitalised_in_english(text, start, end, before, english_reply)
        ):
            return Evidence.CAPITALISED
        if (
            foreign
            and (not DETERMINER.search(before) or attributive(after))
            and not _PLACE_AFTER.match(after)
            and is_english(text, english_reply)
        ):
            return Evidence.FOREIGN
        sentence = (sentence_start, sentence_end)
        english_text = self.organisation and is_english(text, english_reply)
        if self.organisation and named_firm(
            text, start, end, trick, word_end, sentence, english=english_text, german_word=self.german_word
        ):
            return Evidence.ORGANISATION
        return None

    def _product(self, text: str, word_start: int, start: int, end: int, word_end: int) -> bool:
        """The note's product kind hyphenated or closed to the capitalised hit ("Wachturm-Kameras",
        "Kiesel-Streu", "Eisbergarchiv") or as the very next word after it ("Die neue Leuchtfeuer Kamera",
        "the Sperling drone", "Falke Kamera kommt 2027"). A lower-case hit ("a trail camera"), a closed
        compound that is an ordinary word ("Turmuhr", `ordinary_compounds`) and a capital that only starts
        a sentence fragment ("Kiesel Katzenstreu? Nein, ...") are ordinary words."""
        if word_start != start or not text[start].isupper():
            return False
        if end < word_end:
            hyphen = text[end] == "-"
            tail = _plain(_fold("".join(c for c in text[end + 1 if hyphen else end : word_end] if c.isalpha())))
            if hyphen:
                # "Kiesel-Katzenstreu": the kind as the compound's head.
                return bool(tail) and (any(tail.startswith(p) for p in self.products) or _is_cue(self.products, tail))
            kind = next((link + p for p in self.products for link in _LINKS if tail.startswith(link + p)), None)
            if kind is None:
                return False
            whole = _fold(text[start:word_end])
            if _fold(text[start:end]) + kind in self.ordinary_compounds or whole in self.ordinary_compounds:
                return False
            # "Die Zedercreme von Weleda führen wir nicht": a denied, another maker's or a catalogue product.
            return not ordinary_product_clause(text, start, word_end)
        following = _NEXT_NOUN.match(text, word_end, min(len(text), word_end + 40))
        if following is None or not _is_cue(self.products, _plain(_fold(following.group(1)))):
            return False
        if coordinated(text, following.end()) or ordinary_product_clause(text, start, following.end()):
            return False  # "Garten Stuhl und Tisch sind im Set", "Ein Nova Sofa führen wir nicht"
        # At a sentence start, two German nouns side by side without a hyphen are a name and its kind, where
        # they begin a clause that announces something ("Falke Kamera kommt 2027"), not a fragment echoing
        # the customer ("Kiesel Katzenstreu? Nein, ...", "Kiesel Streu aus dem Baumarkt ist ungeeignet");
        # English joins nouns anyway ("Trail cameras work best ...").
        if text[max(0, start - _SENTENCE_LOOKBACK) : start].rstrip()[-1:] in _SENTENCE_START_MARKS:
            return following.group(1)[0].isupper() and announced(text, start, following.end())
        return True

    def _compound(self, head: str, tail: str) -> bool:
        head = _fold("".join(c for c in head if c.isalpha()))
        tail = _fold("".join(c for c in tail if c.isalpha()))
        if not head and not tail:
            return False
        cues = self.cues | _COMPOUND_CUES
        if head and any(head.endswith(cue) for cue in cues):
            return True
        return bool(tail) and any(tail.startswith(link + cue) for cue in cues for link in _LINKS)


_COMPOUND_CUES = frozenset(_fold(c) for c in COMPOUND_CUES)
# What stands before a word that starts a sentence (or nothing at all): its capital proves nothing.
_SENTENCE_START_MARKS = frozenset({"", ".", "!", "?", ":", ";", "(", "–", "—", "-", *_QUOTES})
_SENTENCE_LOOKBACK = 8
_NEXT_NOUN = re.compile(r"[ \t\u00a0]+([^\W\d_]+)")
_GLOSS_REACH = 100  # characters after a hit read for a gloss that names it (naming.NAMED_AFTER)
_LAST_WORD = re.compile(r"([^\W\d_]+)[ \t\u00a0]+$")


@dataclass(frozen=True, slots=True)
class DesignationRule(NameRule):
    """The name rule of a short model designation standing alone ("T4" of "Wärmewart T4"): a product's
    name right after an article or a model word ("Der T4 wird ...", "the S3", "das Modell T4"), or as
    the head of a product-type compound ("T4-Modell"); the tool size ("Torx-Schlüssel T10"), the part
    ("T4-Sicherung") and the customer's word quoted back ("a model called 'S3'") are not."""

    @classmethod
    def of(cls, cues: Iterable[str]) -> DesignationRule:
        return cls(frozenset(_fold(c) for c in cues), 1)

    def evidence(self, text: str, start: int, end: int, trick: str, **_: object) -> Evidence | None:
        if start > 1 and text[start - 1] in "'’" and text[start - 2].isalpha() and text[start] in _CLITIC_LETTERS:
            return None  # a clitic, not a name: "the other brand's 4,000 IU" is no spaced-out "S4"
        if trick_parts(trick) - _NO_DISGUISE:
            return Evidence.DISGUISE
        word_start, word_end = _word_bounds(text, start, end)
        if word_start < start or end < word_end:
            return Evidence.COMPOUND if self._compound(text[word_start:start], text[end:word_end]) else None
        before = _LAST_WORD.search(text, max(0, start - 40), start)
        return Evidence.CONTEXT if before is not None and _fold(before.group(1)) in self.cues else None


# The letters an English clitic starts with after an apostrophe: 's, 't, 'd, 'm, 're, 've, 'll.
_CLITIC_LETTERS = frozenset("stdmrvlSTDMRVL")
# An inflection ending ("Libellen", "Kranichs"); a longer tail makes the quoted word another noun.
_MAX_QUOTED_ENDING = 3


def _in_word(char: str) -> bool:
    return char.isalnum() or char in HYPHENS or char in ZERO_WIDTH or unicodedata.combining(char) > 0


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole (compound) word around text[start:end]: letters, digits, hyphens, invisible marks."""
    low, high = max(0, start - MAX_REACH), min(len(text), end + MAX_REACH)
    while start > low and _in_word(text[start - 1]):
        start -= 1
    while end < high and _in_word(text[end]):
        end += 1
    return start, end


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end], cut MAX_REACH characters from it."""
    sentence_start = max(0, start - MAX_REACH)
    for match in _SENTENCE_END.finditer(text, sentence_start, start):
        sentence_start = match.end()
    limit = min(len(text), end + MAX_REACH)
    following = _SENTENCE_END.search(text, end, limit)
    return sentence_start, following.start() if following else limit


# A development verb right after the word, with the word as its subject: the word is what develops
# ("Die Seerose entwickelt im Juli ihre Blüten"). A verb in lower case only ("Die Libelle Entwickler" is a
# noun), and not with the company after it as the subject ("Seerose entwickeln wir seit Mai", "Die Libelle
# entwickelt unser Team", "… entwickeln unsere Ingenieure").
_GROWS = re.compile(
    r"\s+(?:entwickel|entwickl|develop)\w*\b(?!\s+(?:wir|unser\w*|das\s+team|die\s+(?:ingenieur|entwickl|techni)\w*"
    r"|der\s+hersteller|die\s+firma|die\s+abteilung|we|our)\b)"
)


@functools.lru_cache(maxsize=8192)
def _is_cue(cues: frozenset[str], word: str) -> bool:
    """Is the (casefolded) word a cue: the cue itself, with an inflection suffix, a long cue as the
    head of a compound, or a cue as its tail. Cached: a reply repeats its words."""
    if word in cues:
        return True
    if any(word.endswith(s) and word[: -len(s)] in cues for s in _CUE_SUFFIXES):
        return True
    if any(word[:k] in cues for k in range(_PREFIX_CUE_LEN, len(word))):
        return True
    # The tail of a compound: "Serumlinie", "Produktlinie", "Entwicklungsprojekt".
    return any(word[-k:] in cues for k in range(_TAIL_CUE_LEN, len(word) - 2))


def _quoted(before: str, after: str) -> bool:
    """A quote mark opens before and closes after the word, with <= MAX_QUOTED_WORDS words inside.

    An opening mark is not preceded by a letter and a closing mark not followed by one, so the
    apostrophes of "can't" and "Crema's" are no quotes.
    """
    opening = next((len(before) - 1 - m.start() for m in _OPENING_REVERSED.finditer(before[::-1])), None)
    closing = next((m.start() for m in _CLOSING.finditer(after)), None)
    if opening is None or closing is None:
        return False
    inside = len(_WORD.findall(before[opening + 1 :])) + 1 + len(_WORD.findall(after[:closing]))
    return inside <= MAX_QUOTED_WORDS
