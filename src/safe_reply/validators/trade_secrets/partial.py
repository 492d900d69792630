"""Partial mentions of a multi-word term: its distinctive part standing alone.

A leak rarely repeats a supplier's full legal name or the full product designation: "Lianyu" for
"Ningbo Lianyu Motion", "Lift 180" for "Sitzwerk Lift 180 Duo", "K9 Pro" for "Vektor K9 Pro",
"Chase" for "JP Morgan Chase". At load time each multi-word term yields its distinctive parts, which
are matched like aliases (same kind and hash, trick `partial`):
- a single word of >= 5 letters that is no ordinary word (wordfreq), no compound of two ordinary words
  ("Hotelgruppe") and no public word (allowed terms, the product line's name and approved claims):
  "Lianyu", "Dhalkhola", "Korvell", but not "Motion", "Ningbo" (a city) or "Sitzwerk" (the brand);
- a model designation: a word with digits, or an acronym that is no ordinary word, together with its
  neighbour ("Lift 180", "K9 Pro", "BH 18", "RTSP-Port" of "offener RTSP-Port"), unless that pair is
  part of a public name ("Sitzwerk Lift 160" makes "Sitzwerk Lift" public);
- the term without its public brand ("Teezeit Pro" of "Lindenblatt Teezeit Pro");
- the model designation alone, where the rest of a product name is its brand and variant words
  ("KV9" of "Bohnenwerk KV9", "P600" of "Luftklar P600", "R11" of "Saugfix R11 Aqua"): replies name
  the successor by its number (`designation_mentions`). A designation that is also a common token
  ("T4", "S5": wordfreq) or is short ("T10" is also a Torx size) counts only after an article or a
  model word ("der T4", "the S3", "das Modell T10"; context.DesignationRule).
A capitalised word of such a term that frequencies take for ordinary words, a surname ("Kowalczyk",
"Hallberg": rare but listed) or a foreign name read as two common words ("Hallbeck", "Dongxing"), is a
name mention (`name_mentions`): it counts only capitalised and in a company context (context.py).
A product and its variant word ("Flitz Duo", "Wärmling Pro") is also said as the variant of the product
("a twin version of the Flitz", "eine Pro-Version des Wärmling"): `variant_paraphrases`.
Terms that state an internal fact (facts.py) have no partial mentions: their words alone ("Gurtschloss")
are ordinary talk; the fact rule decides those.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection

from safe_reply.config_models import ProductLine
from safe_reply.validators.trade_secrets.concepts import OBJECT_WORDS_EN
from safe_reply.word_frequencies import Frequencies

__all__ = [
    "MIN_PARTIAL_WORD",
    "compound_candidates",
    "designation_mentions",
    "kind_words",
    "legal_core",
    "name_mentions",
    "number_word_forms",
    "organisation_forms",
    "partial_mentions",
    "public_words",
    "variant_paraphrases",
]

MIN_PARTIAL_WORD = 5
_TOKEN = re.compile(r"[^\W_]+")
# A dotted or comma'd number ("2.1.4", "1,5") is one token of a designation: its digits alone ("1 4") are
# not a model name but any number of a reply ("14 Tage").
_DESIGNATION_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+")


def public_words(texts: Collection[str]) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """Lower-cased words and adjacent word pairs of public names and texts."""
    words: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for text in texts:
        tokens = [t.lower() for t in _TOKEN.findall(text)]
        words.update(tokens)
        pairs.update(itertools.pairwise(tokens))
    return frozenset(words), frozenset(pairs)


def compound_candidates(terms: list[str]) -> list[str]:
    """The words of multi-word terms whose frequencies partial_mentions will ask for (to prefetch)."""
    # One word of letters and digits ("Zorvak4821") has no partial mentions: not tokenised.
    return [
        t
        for term in terms
        if not term.isalnum()
        for t in _TOKEN.findall(term)
        if (len(t) >= MIN_PARTIAL_WORD and t.isalpha()) or _acronym(t)
    ]


def partial_mentions(
    term: str,
    public: frozenset[str],
    public_pairs: frozenset[tuple[str, str]],
    frequencies: Frequencies,
    *,
    organisation: bool = False,
) -> list[str]:
    """The distinctive parts of a multi-word term (see the module docstring); [] for one word. Of an
    organisation's name, a word that says what kind of business it is ("Zoofachmarkt", "Praxiskette",
    "Elektrohandel") is none: "in jedem Zoofachmarkt" names no customer of "Zoofachmarkt Kettenberg"."""
    tokens = _DESIGNATION_TOKEN.findall(term)
    if len(tokens) < 2:
        return []
    parts: list[str] = []
    lowered = [t.lower() for t in tokens]
    if len(tokens) >= 3 and lowered[0] in public and tuple(lowered[1:3]) not in public_pairs:
        parts.append(" ".join(tokens[1:]))  # the brand dropped: "Teezeit Pro" of "Lindenblatt Teezeit Pro"
    for index, token in enumerate(tokens):
        low = token.lower()
        if any(c.isdigit() for c in token) or (_acronym(token) and not frequencies.ordinary(low)):
            for pair in (tokens[index - 1 : index + 1] if index else [], tokens[index : index + 2]):
                key = tuple(p.lower() for p in pair)
                # Two numbers ("2.1.4 2") are no designation: only a word with its number is.
                # Nor a number with a lower-case word ("ab 2027" of "KI-Modus kostenpflichtig ab 2027"):
                # a preposition or an adjective with a year or an amount is any sentence's, no model name.
                if (
                    len(pair) == 2
                    and len(pair) < len(tokens)
                    and key not in public_pairs
                    and not all(_is_number(p) for p in pair)
                    and not _number_with_lower_word(pair)
                ):
                    parts.append(" ".join(pair))
        elif (
            len(token) >= MIN_PARTIAL_WORD
            and token.isalpha()
            and not (organisation and low.endswith(_BUSINESS_KINDS))
            and low not in public
            and not frequencies.ordinary(low)
            and not frequencies.compound_of_common(low)
            # A German compound names a part ("Kondensatpumpe" of "Kondensatpumpe Kühl M12"), except in a
            # firm's name, where it is mostly a surname or a place ("Haselmann", "Griesbach").
            and (organisation or not frequencies.german_headed(low))
        ):
            parts.append(token)
    return list(dict.fromkeys(parts))


# The heads of the words that name a kind of business, alone or compounded ("Fachmarkt", "Zoofachmarkt"): the tail
# of a name's own word. context.RELATION_CUES names such kinds too, as cue words around a name, with the relation
# words ("beliefert", "Rahmenvertrag") that make a name a partner; the two lists answer different questions.
_BUSINESS_KINDS = (
    "markt", "märkte", "kette", "handel", "händler", "haus", "häuser", "dienst", "apotheke", "praxis", "klinik",
    "verlag", "spedition", "bäckerei", "brauerei", "genossenschaft", "verwaltung", "gruppe", "konzern", "werkstatt",
    "shop", "store", "stores", "center", "centre", "zentrum", "market", "chain", "pharmacy", "dealer", "dealership",
)  # fmt: skip


# The kinds of business in English, for a firm's kind word said in a reply in English ("the Hessenland insurance
# group" of "Versicherungsgruppe Hessenland", "the Vitamarkt chain" of "Drogeriekette Vitamarkt").
_KINDS_EN: dict[str, tuple[str, ...]] = {
    "gruppe": ("group",), "konzern": ("group",), "kette": ("chain",), "markt": ("market", "store"),
    "handel": ("trade", "retail"), "haus": ("house", "store"), "versicherung": ("insurance", "insurer"),
    "bank": ("bank",), "klinik": ("clinic", "hospital"), "verlag": ("publisher",), "spedition": ("haulier",),
    "apotheke": ("pharmacy",), "genossenschaft": ("cooperative", "co-op"), "drogerie": ("drugstore",),
    "bäckerei": ("bakery",), "brauerei": ("brewery",), "werk": ("works", "plant"), "hotel": ("hotel",),
}  # fmt: skip


def kind_words(word: str) -> list[str]:
    """The words a reply uses for a firm's own kind word ("Versicherungsgruppe"): its first part before a business
    kind ("Versicherung", as in "die Hessenland-Versicherung") and the English of its parts ("insurance", "group")."""
    low = word.lower()
    parts = [low]
    head = next((k for k in _BUSINESS_KINDS if low.endswith(k) and len(low) - len(k) >= 4), None)
    if head is not None:
        first = low[: -len(head)]
        first = first[:-1] if first.endswith("s") and first[:-1] in _KINDS_EN else first
        parts += [first, head]
    found = parts[1:]
    for part in parts:
        found += [*_KINDS_EN.get(part, ()), *OBJECT_WORDS_EN.get(part, ())]
    return list(dict.fromkeys(w for w in found if w != low))


# A model designation: letters and digits in one token ("KV9", "P600", "R2000", "T4"), nothing else.
_DESIGNATION = re.compile(r"(?=[^\W\d_]*\d)(?=\d*[^\W\d_])[^\W_]{2,8}")


def designation_mentions(term: str, public: frozenset[str], frequencies: Frequencies) -> list[tuple[str, bool]]:
    """(designation, needs the name rule) of a product name that is brand words plus one model
    designation ("Bohnenwerk KV9", "Saugfix R11 Aqua"); [] for any other shape.

    The other words must be words (no host, no identifier: "build-srv2.corp.lan" names no model) and
    the designation must not be public ("KV7" of the sold "Bohnenwerk KV7"). A designation that
    frequencies know as a token ("T4", "G6"), or one letter with one or two digits ("T10": a Torx
    size), needs the name rule."""
    if "." in term or "/" in term:
        return []
    tokens = _TOKEN.findall(term)
    if len(tokens) < 2:
        return []
    codes = [t for t in tokens if _DESIGNATION.fullmatch(t)]
    if len(codes) != 1 or any(not t.isalpha() for t in tokens if t not in codes):
        return []
    code = codes[0]
    if code.lower() in public:
        return []
    short = len(code) <= 3 and sum(c.isalpha() for c in code) == 1
    return [(code, short or frequencies.ordinary(code.lower()))]


# Legal forms a company's name ends in and replies drop ("die Wohnungsbau Emsland" of "Wohnungsbau
# Emsland eG"), dots and case ignored.
_LEGAL_FORMS = frozenset(
    "gmbh mbh ag eg kg ohg gbr ug se kgaa ev vvag gmbhcokg agcokg ltd limited inc incorporated llc llp plc "
    "corp corporation co sa sas sarl srl spa bv nv oy ab as aps asa sro spzoo kft zrt doo".split()
)
_LEGAL_WORD = re.compile(r"[^\s,&]+")
# A German noun that heads a company's name takes the genitive ending ("des Kurierdienstes Fulda-Eder",
# "des Möbelhauses Brettschneider"); a surname first takes the possessive "s" ("Hagedorns Elektromärkte").
_HEAD_NOUN = re.compile(r"([A-ZÄÖÜ][a-zäöüß]{3,})(\s+)(?=[A-ZÄÖÜ0-9])")


def _legal(word: str) -> bool:
    return word.replace(".", "").lower() in _LEGAL_FORMS


def organisation_forms(term: str, *, inflect: bool = True) -> list[str]:
    """The forms a multi-word organisation name takes in a sentence that are no spelling variants: the
    name without its legal form ("Wohnungsbau Emsland" of "Wohnungsbau Emsland eG") and, with `inflect`
    (an organisation's entry) where it begins with a capitalised word, that word in the genitive
    ("Kurierdienstes Fulda-Eder"); [] for one word."""
    forms: list[str] = []
    base = term
    words = list(_LEGAL_WORD.finditer(term))
    cut = _legal_cut(words)
    if cut < len(words) and cut > 1:
        base = term[: words[cut - 1].end()]
        forms.append(base)
    elif cut < len(words):
        # One word left ("Lianyu" of "Lianyu GmbH") is partial_mentions' business: it decides whether
        # that word is distinctive on its own.
        base = term[: words[0].end()]
    head = _HEAD_NOUN.match(base) if inflect else None
    if head is not None:
        noun, rest = head.group(1), base[head.end(1) :]
        endings: tuple[str, ...] = ("es",) if noun.endswith(("s", "ß", "x", "z")) else ("s", "es")
        # A first word in -e is mostly an adjective, declined after an article ("im Netz der
        # Mitteldeutschen Trassen", "Mitteldeutscher Trassenbau").
        endings += ("n", "r") if noun.endswith("e") else ()
        forms += [noun + ending + rest for ending in endings]
    if inflect:
        forms += _placed(base) + _family_firm(base)
    return forms


# The last word of a firm's name is often its town, which a sentence joins with a preposition ("Elektro
# Brandl aus Kelheim", "beim Reparaturwerk in Halle-Neustadt").
# Not "im": a region after it is a description ("Pflegedienste im Muldental"), a town after "aus" or "in" the firm.
_PLACE_PREPOSITIONS = ("aus", "in", "from")
_LAST_PLACE = re.compile(r"\s+([A-ZÄÖÜ][a-zäöüß]{2,}(?:-[A-ZÄÖÜ][a-zäöüß]{2,})?)$")
# "X & Söhne", the family firm inside a longer name, keeps its meaning in English ("Kranz & Sons").
_FAMILY_FIRM = re.compile(r"([A-ZÄÖÜ][\w-]+)\s*(?:&|und)\s*(Söhne|Sohn|Töchter|Tochter|Partner|Brüder)\b")
_FAMILY_EN = {"Söhne": "Sons", "Sohn": "Son", "Töchter": "Daughters", "Tochter": "Daughter", "Partner": "Partners",
              "Brüder": "Brothers"}  # fmt: skip


def _placed(base: str) -> list[str]:
    """A name of >= 2 words whose last one is capitalised, with a preposition before that word (not
    inside a family firm: "Kranz & Söhne")."""
    last = _LAST_PLACE.search(base)
    if last is None or last.group(1) in _FAMILY_EN:
        return []
    name = base[: last.start()]
    words = name.split()
    # A designation is no town ("WM 1218 Duo"), nor the second half of a family firm.
    if not words or not words[-1].isalpha() or words[-1] == "und":
        return []
    return [f"{name} {preposition} {last.group(1)}" for preposition in _PLACE_PREPOSITIONS]


def _family_firm(base: str) -> list[str]:
    """The family firm of a longer name, in German and English ("Kranz & Söhne", "Kranz & Sons")."""
    found = _FAMILY_FIRM.search(base)
    if found is None:
        return []
    surname, relation = found.group(1), found.group(2)
    english = [f"{surname} & {_FAMILY_EN[relation]}", f"{surname} and {_FAMILY_EN[relation]}"]
    return english if found.group(0) == base else [found.group(0), *english]


def _legal_cut(words: list[re.Match[str]]) -> int:
    """How many words of a name come before its legal forms, taken from the end one at a time, each of up
    to three words ("GmbH & Co. KG", "Sp. z o.o."); at least one word stays."""
    cut = len(words)
    while cut > 1:
        size = next(
            (n for n in (3, 2, 1) if cut - n >= 1 and _legal("".join(w.group() for w in words[cut - n : cut]))), 0
        )
        if not size:
            break
        cut -= size
    return cut


def legal_core(term: str) -> str | None:
    """The one word an organisation's name is without its legal form ("Google" of "Google Inc", "Bosch"
    of "Bosch GmbH"); None when there is no legal form or more than one word is left. Replies drop the
    legal form; when the word left is an ordinary word too, it counts where used as a firm's name."""
    words = list(_LEGAL_WORD.finditer(term))
    if len(words) < 2 or _legal_cut(words) != 1:
        return None
    core = words[0].group()
    return core if core.isalpha() else None


def _acronym(token: str) -> bool:
    """A technical acronym ("RTSP", "MQTT") marks a designation as a model number does: with its
    neighbour it is distinctive ("RTSP-Port" of "offener RTSP-Port"), alone it is any protocol. One
    that is an ordinary word ("LED", "USB", "GPS": wordfreq) is not: "LED-Leuchte" is anyone's."""
    return 3 <= len(token) <= 6 and token.isalpha() and token.isupper()


def _number_with_lower_word(pair: list[str]) -> bool:
    """A bare number beside a lower-case word ("ab 2027", "kostenpflichtig 2027", "version 2")."""
    return any(_is_number(p) for p in pair) and all(p.islower() for p in pair if not _is_number(p))


def _is_number(token: str) -> bool:
    return token.replace(".", "").replace(",", "").isdigit()


def name_mentions(term: str, public: frozenset[str], frequencies: Frequencies) -> list[str]:
    """The capitalised words of a multi-word term that partial_mentions leaves out as ordinary but that
    are names: listed yet not common (a surname), or no word at all yet two common ones joined."""
    tokens = _TOKEN.findall(term)
    if len(tokens) < 2:
        return []
    return [
        token
        for token in dict.fromkeys(tokens)
        if len(token) >= MIN_PARTIAL_WORD
        and token.isalpha()
        and token[0].isupper()
        and token.lower() not in public
        and not frequencies.common(token)
        and (
            frequencies.ordinary(token.lower())
            or frequencies.compound_of_common(token.lower())
            or frequencies.german_headed(token)
        )
    ]


# Variant words of product names and how replies say them in German and English ("Duo" is a twin model).
VARIANT_WORDS: dict[str, tuple[str, ...]] = {
    "duo": ("duo", "twin", "double", "Zwillings", "Geschwister", "Doppel"),
    "twin": ("twin", "duo", "Zwillings", "Doppel"),
    "pro": ("pro", "professional", "Profi"),
    "plus": ("plus",),
    "max": ("max",),
    "mini": ("mini", "compact", "kompakt"),
    "kids": ("kids", "children's", "Kinder"),
    "lite": ("lite", "light"),
    "xl": ("XL", "large"),
}
_VERSION_WORDS_EN = ("version", "model", "edition", "variant")
_VERSION_WORDS_DE = ("Version", "Modell", "Ausführung", "Variante")


def variant_paraphrases(term: str) -> list[str]:
    """The ways to say "product + variant word" as the variant of the product, for a two-word term
    whose second word is a variant word; German forms are matched inflected ("des Wärmlings")."""
    tokens = _TOKEN.findall(term)
    if len(tokens) != 2 or tokens[1].lower() not in VARIANT_WORDS or len(tokens[0]) < MIN_PARTIAL_WORD:
        return []
    base = tokens[0]
    found: list[str] = []
    for word in VARIANT_WORDS[tokens[1].lower()]:
        for version in _VERSION_WORDS_EN:
            found += [f"{word} {version} of the {base}", f"{word} {version} of {base}"]
        for version in _VERSION_WORDS_DE:
            found += [f"{word}-{version} des {base}", f"{word}-{version} vom {base}"]
    return list(dict.fromkeys(found))


# A model number a speaker says as a word ("Ergosit seven", "Vario sechzig"): up to this number.
_MAX_SAID_NUMBER = 99


def number_word_forms(term: str) -> list[str]:
    """A product name with one small model number, that number said in German and English words:
    "Ergosit seven", "Ergosit sieben" of "Ergosit 7"; [] for any other shape (a code, a larger number,
    more than one number, no word beside it)."""
    tokens = term.split()
    numbers = [i for i, t in enumerate(tokens) if t.isdigit()]
    if len(tokens) < 2 or len(numbers) != 1 or not any(t.isalpha() for t in tokens):
        return []
    value = int(tokens[numbers[0]])
    if not 1 <= value <= _MAX_SAID_NUMBER or tokens[numbers[0]].startswith("0"):
        return []
    from num2words import num2words  # type: ignore[import-untyped]

    forms: list[str] = []
    for language in ("en", "de"):
        words = num2words(value, lang=language)
        forms.append(" ".join([*tokens[: numbers[0]], words, *tokens[numbers[0] + 1 :]]))
    return list(dict.fromkeys(forms))


def published_texts(line: ProductLine) -> list[str]:
    """What a product line publishes about itself besides its claims: its facts (labels, values,
    qualifiers), certifications and guarantee, its name, and what the bot itself shows every customer (the
    AI notice and the fallback message). A word of those is public: the company's name in "KI-Assistent von
    Sonnrain" is no partial mention of "Sonnrain HS 15 Natrium"."""
    parts = (part for fact in line.facts for part in (fact.label_de, fact.label_en, fact.value, fact.qualifier))
    texts = [str(part) for part in parts if part]
    shown = [line.name] if line.name else []
    if line.fallback is not None:
        shown += [line.fallback.de, line.fallback.en]
    shown += _strings(line.validators.get("disclosure", {}).get("text"))
    return [*texts, *line.certifications, *((line.guarantee,) if line.guarantee else ()), *shown]


def _strings(value: object) -> list[str]:
    """The strings of a raw config value (a notice text is one string or one per language)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    return []
