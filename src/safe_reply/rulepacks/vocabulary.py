"""Vocabularies: the word lists and named regex fragments that rules share, defined once.

A vocabulary file sits next to the packs of its family (e.g. ``validators/claims/vocabulary.de.yaml``)
and is told apart from a pack by its first key::

    vocabulary: claims-de            # unique id
    family: claims                   # the packs that may use it
    language: de                     # de | en; omit for words of every language (an AI term is one)
    description: "..."
    fragments:                       # named regular expressions
      ai_term: '(?:ki|ai|künstlich\\w*\\s+intelligenz)'
    classes:                         # named word lists, written as a lawyer reads them
      disease:
        description: "Krankheiten und Symptome"
        legal_basis: "HWG §3, §12"
        compound: tail               # tail | head | both | none: where the word may stand in a compound
        words: [Heuschnupfen, Allergie, "trockene Haut", "CO2-*", "*bot"]   # '*' ends a prefix, starts a suffix
        groups: {range: [Reichweite, fahren]}    # optional sub-lists, usable as {{attribute.range}}

A rule uses both by name: ``{{ai_term}}`` or ``{{disease}}`` in `patterns` and `unless`, and
``"{{disease}}"`` as an anchor (every inflected form of every word of the class becomes an anchor of
the one Aho-Corasick scan, closed on the right, so English "run" does not fire on German "rund").
A name resolves in the pack's own `fragments`, then in the vocabularies of the pack's language, then in
the language-neutral ones. The same class in several files (a company's own vocabulary next to the
shipped one) is the union of their words.

Words are matched as words are written, not only literally: a class word gets its inflected forms
(German: Allergie -> Allergien, zertifiziert -> zertifizierter, heilen -> heilt, geheilt; English:
allergy -> allergies, cure -> cured, curing) and, in German, may be the tail or head of a compound
(Pollenallergie). The forms are generated when the packs compile, into one trie-shaped regular
expression per class, so the per-reply cost does not grow with the length of the list.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from pydantic import Field, field_validator

from safe_reply.config_models import Strict
from safe_reply.types import Language

_NAME = r"^[a-z][a-z0-9_]*$"
REFERENCE = re.compile(r"\{\{\s*([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)?)\s*\}\}")


class Compound(StrEnum):
    """Where a class word may stand inside a German compound (English words stand alone)."""

    TAIL = "tail"  # Pollen|allergie
    HEAD = "head"  # Allergie|test
    BOTH = "both"
    NONE = "none"


class VocabularyClass(Strict):
    description: str = ""
    legal_basis: str | None = None
    compound: Compound = Compound.TAIL
    # False for a class of names ("Chip", "Which?", "Red Dot"): a name is not inflected, so the magazine "Chip" is
    # no anchor for "apple chips".
    inflect: bool = True
    words: list[str] = Field(default_factory=list)
    groups: dict[str, list[str]] = Field(default_factory=dict)

    @field_validator("words")
    @classmethod
    def _words_have_letters(cls, words: list[str]) -> list[str]:
        for word in words:
            if not any(ch.isalnum() for ch in word):
                raise ValueError(f"word {word!r} has no letter or digit")
            inner = word[1:] if word.startswith("*") else word
            if inner.count("*") > 1 or ("*" in inner and not inner.endswith("*")):
                raise ValueError(
                    f"word {word!r}: '*' may only start a word (a suffix such as '*bot') or end it "
                    "(a prefix such as 'CO2-*')"
                )
        return words


class GlossaryEntry(Strict):
    """One meaning in both languages: the German and English words that say it ("kostenlos", "free")."""

    de: list[str] = Field(min_length=1)
    en: list[str] = Field(min_length=1)

    @field_validator("de", "en")
    @classmethod
    def _single_words(cls, words: list[str]) -> list[str]:
        for word in words:
            if not word.strip() or any(ch.isspace() for ch in word.strip()):
                raise ValueError(f"glossary word {word!r} must be one word (no spaces)")
        return [word.strip() for word in words]


class VocabularyFile(Strict):
    vocabulary: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-/]*$")
    family: str = Field(pattern=_NAME)
    language: Language | None = None
    description: str = ""
    fragments: dict[str, str] = Field(default_factory=dict)
    classes: dict[str, VocabularyClass] = Field(default_factory=dict)
    # Words with the same meaning in German and English, for comparing a reply with facts written in the other
    # language (claims.glossary).
    glossary: list[GlossaryEntry] = Field(default_factory=list)

    @field_validator("fragments", "classes")
    @classmethod
    def _names(cls, value: dict[str, object]) -> dict[str, object]:
        for name in value:
            if not re.match(_NAME, name):
                raise ValueError(f"name {name!r} must be lower_snake_case")
        return value


# ---------------------------------------------------------------- word forms

# Longest ending first: regex alternation takes the first that fits, and a rule may not end in \b.
_DE_NOUN_ADJ = "(?:ern|ens|en|er|es|em|ns|e|n|s)?"
_DE_VERB_SUFFIX = "(?:enden|ender|endes|ende|end|test|ten|tet|tes|ter|est|en|et|st|te|e|t)?"


@dataclass(frozen=True, slots=True)
class Form:
    """A word as the trie stores it: literal lower-case text, the regex that may follow, openness."""

    literal: str
    suffix: str  # regex of inflectional endings (may be "")
    open_left: bool  # may be preceded by letters (compound tail)
    open_right: bool  # may be followed by letters (compound head, a '*' prefix, inflection)
    noun: bool = False  # a German noun (written capitalised): lower-case with a verb ending it is a verb


def word_forms(word: str, language: Language | None, compound: Compound, inflect: bool = True) -> list[Form]:
    """The forms a class word is matched in (see the module docstring); a name (`inflect` False) as written, with
    an English genitive at most."""
    written = " ".join(word.split())
    text = written.lower()
    star = text.endswith("*")
    # A leading '*' lets the word end a longer one in any language ("*bot": Chatbot, Servicebot).
    suffix_of_any = text.startswith("*")
    text = text.strip("*")
    if language is Language.EN:
        compound = Compound.NONE
    left = suffix_of_any or (compound in (Compound.TAIL, Compound.BOTH) and language is Language.DE)
    right = star or compound in (Compound.HEAD, Compound.BOTH)
    if star:
        return [Form(text, "", left, True)]
    if not inflect:
        return [Form(text, "(?:'s|’s)?", left, right)]
    if language is Language.DE:
        forms = _german_forms(text, written.lstrip("*")[0].islower(), left, right)
        bare = written.lstrip("*")
        if bare[:1].isupper() and any(c.islower() for c in bare[1:]) and bare.isalpha():
            forms = [dataclasses.replace(f, noun=True) for f in forms]
            # The umlauted plural of a native noun ("Senkfuß" -> "Senkfüße", "Krampf" -> "Krämpfe"); not of an
            # acronym or a loan word ("ADHS", "Burnout", "Melanom").
            plural = _umlaut_plural(text) if sum(c.isupper() for c in bare) == 1 else None
            if plural is not None:
                forms.append(Form(plural, "(?:ern|en|er|e)", left, right, noun=True))
        return forms
    if language is Language.EN:
        return _english_forms(text, left, right)
    return [Form(text, "", left, right)]


# A German adjective before the noun of a multi-word entry takes the case ending ("trockene Haut" ->
# "trockener Haut", "Blauer Engel" -> "Blauen Engel"): every written ending of such a word is replaced.
_DE_ADJECTIVE_ENDING = re.compile(r"(?<=[^\W\d_]{3})(?:e|en|er|es|em)$")
_DE_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")


def _german_phrase_variants(text: str) -> list[str]:
    """'trockene haut' -> every case form of its adjectives; a phrase without adjectives stays as it is."""
    words = text.split(" ")
    variants = [""]
    for index, word in enumerate(words):
        stem = _DE_ADJECTIVE_ENDING.sub("", word) if index < len(words) - 1 else word
        endings = _DE_ADJECTIVE_ENDINGS if stem != word else ("",)
        variants = [f"{v} {stem}{e}".lstrip() for v in variants for e in endings]
    return variants


def _german_forms(text: str, lower_case: bool, left: bool, right: bool) -> list[Form]:
    last = text.rsplit(" ", maxsplit=1)[-1]
    if " " in text:
        return [Form(variant, _DE_NOUN_ADJ, left, right) for variant in _german_phrase_variants(text)]
    if lower_case and last.endswith(("en", "ln", "rn")) and len(last) > 4:
        # A word written in lower case and ending in -en is taken for a verb (nouns are capitalised):
        # heilen -> heil-t, heil-te, ge-heil-t.
        stem = last[:-2] if last.endswith("en") else last[:-1]
        forms = [
            Form(stem, _DE_VERB_SUFFIX, left, right),
            Form("ge" + stem, "(?:et|t)" + _DE_NOUN_ADJ, left, right),
            Form(last, "", left, right),  # the word as written: "wandern", "intern" (stem + "n" is no suffix)
        ]
        umlauted = _umlaut(stem)
        if umlauted != stem:  # strong verbs: halten -> hält, fahren -> fährt, laufen -> läuft
            forms.append(Form(umlauted, "(?:st|t)?", left, right))
        if stem.endswith(("t", "d")):
            forms.append(Form(stem + "et", "(?:en|er|es|em|e)?", left, right))
        return forms
    return [Form(text, _DE_NOUN_ADJ, left, right)]


_UMLAUT = re.compile(r"au|a|o|u")
# Nouns whose plural never umlauts: the suffixes of derived nouns and loan words.
_NO_UMLAUT_PLURAL = (
    "ung", "heit", "keit", "schaft", "ion", "tät", "ismus", "ur", "or", "at", "ant", "ent", "ist", "us",
    "om", "ot", "out", "ox", "ps", "ix", "ax", "on", "ik", "al", "el", "ell", "ett", "ast", "ost",
)  # fmt: skip
_LAST_BACK_VOWEL = re.compile(r"(au|a|o|u)(?=[^aeiouäöü]*$)")


def _umlaut_plural(noun: str) -> str | None:
    """The umlauted stem of a noun's plural ("fuß" -> "füß"), for nouns ending in a consonant whose last vowel
    is a back vowel; None where German does not umlaut (derived nouns, loan words, final vowels)."""
    if not noun.isalpha() or noun[-1] in "aeiouyäöü" or noun.endswith(_NO_UMLAUT_PLURAL):
        return None
    match = _LAST_BACK_VOWEL.search(noun)
    if match is None:
        return None
    vowel = {"au": "äu", "a": "ä", "o": "ö", "u": "ü"}[match.group(1)]
    return noun[: match.start()] + vowel + noun[match.end() :]


def _umlaut(stem: str) -> str:
    """The stem with its first back vowel umlauted ("halt" -> "hält", "lauf" -> "läuf")."""
    return _UMLAUT.sub(lambda m: {"au": "äu", "a": "ä", "o": "ö", "u": "ü"}[m.group()], stem, count=1)


def _english_forms(text: str, left: bool, right: bool) -> list[Form]:
    if text.endswith("y") and len(text) > 3 and text[-2] not in "aeiou":
        return [Form(text[:-1], "(?:ying|ies|ied|y)", left, right)]
    if text.endswith("e") and len(text) > 3:
        return [Form(text[:-1], "(?:ers|ing|es|ed|er|e)", left, right)]
    return [Form(text, "(?:ing|es|ed|'s|’s|s)?", left, right)]


# ---------------------------------------------------------------- trie regex


def _literal_regex(literal: str) -> str:
    parts = []
    for ch in literal:
        if ch == " ":
            parts.append(r"[\s\-]+")
        elif ch == "-":
            parts.append(r"[\s\-]?")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    # Suffix regexes of the words ending here, each with its noun guard ("" when none of them needs one); after
    # _join_guards, guard and suffix are one key and the value is "".
    ends: dict[str, str] = field(default_factory=dict)
    below: frozenset[str] = frozenset()  # suffix regexes of every word end at or below this node


# A German noun and a verb often share their letters: "Platz" and "platzen", "Spiel" and "spielen", "Druck" and
# "drucken". Nouns are written capitalised, so a class noun that stands lower-case at the start of a word with a
# verb ending and nothing after it ("die Reifen platzen") is the verb, not an inflected noun. (Inside a
# compound, "Stellplatz", and as the head of a lower-case one, "milbenfrei", it is still the noun.)
#
# The test needs to know where the word began, which its end does not: a marker at the start of the class sets an
# empty group when the word starts there in lower case, and each noun's end asks for that group (a conditional,
# "(?(name)...)"). The two branches of the marker exclude each other, so backtracking cannot flip it. Written as a
# look-behind of the noun's length at every noun end, the guard was a third of all the packs' regex text and of their
# compile time.
NOUN_MARK = "nlc"
_NOUN_GUARD = rf"(?({NOUN_MARK})(?!(?:en|n|e)(?!\w)))"
_NOUN_START = rf"(?:(?<![^\W\d_])(?=(?-i:[a-zäöüß]))(?P<{NOUN_MARK}>)|(?!(?<![^\W\d_])(?-i:[a-zäöüß])))"
_MARKS = re.compile(rf"\(\?P<{NOUN_MARK}>\)|\(\?\({NOUN_MARK}\)")


def number_marks(source: str) -> str:
    """`source` with each class's noun marker and the guards after it named apart ("nlc1", "nlc2", ...): a
    pattern may hold several classes, and a group name may occur once in a pattern."""
    count = 0

    def rename(match: re.Match[str]) -> str:
        nonlocal count
        if match.group().startswith("(?P<"):
            count += 1
            return f"(?P<{NOUN_MARK}{count}>)"
        return f"(?({NOUN_MARK}{count})"

    return _MARKS.sub(rename, source)


def forms_regex(forms: Iterable[Form]) -> str:
    """One regex for many forms: a trie, so matching costs per character, not per word.

    Where every word below a trie node takes the same suffix regex (every German noun of a class
    takes the same inflection endings), the suffix is written once after that subtree instead of at
    every word end: the same language and the same order of attempts, and a pattern a third as long.
    The health vocabulary's rules were 360,000 characters, and compiling them (Python's re and RE2's
    prefilter) was most of a policy's load time.
    """
    root = _Node()
    open_left = False
    for form in forms:
        node = root
        for ch in form.literal:
            node = node.children.setdefault(ch, _Node())
        suffix = form.suffix + (r"\w*" if form.open_right else "")
        guard = _NOUN_GUARD if form.noun and form.literal.isalpha() else ""
        # A word of the same suffix without a guard matches wherever the guarded one does.
        node.ends[suffix] = guard if node.ends.get(suffix, guard) else ""
        open_left = open_left or form.open_left
    # The guard is the same for every noun, so a guard and its suffix are one ending, written once after a subtree
    # whose words all take it: "(?:a|b)GS" tries what "(?:aG|bG)S" tries, in the same order.
    _join_guards(root)
    _collect_suffixes(root)
    body = _emit(root)
    if _NOUN_GUARD in body:
        body = _NOUN_START + body
    # A compound tail may be preceded by letters; the caller's \b then stands before the compound. The head of
    # a compound has two letters at least ("Öl|verbrauch"): one letter before a class word is another word that
    # merely ends in it ("W|intern" is "Wintern", not "intern"; "B|ohrer" is "Bohrer").
    return rf"(?:\w*?(?<!\b\w){body})" if open_left else body


def _join_guards(node: _Node) -> None:
    node.ends = {guard + (f"(?:{suffix})" if guard and suffix else suffix): "" for suffix, guard in node.ends.items()}
    for child in node.children.values():
        _join_guards(child)


def _collect_suffixes(node: _Node) -> frozenset[str]:
    """Fill `below` of `node` and every node under it."""
    node.below = frozenset(node.ends).union(*(_collect_suffixes(child) for child in node.children.values()))
    return node.below


def _emit(node: _Node) -> str:
    if len(node.below) == 1 and (suffix := next(iter(node.below))):
        # _alternation groups every alternation it writes, so the suffix applies to the whole subtree.
        return _alternation(node, bare=True) + suffix
    return _alternation(node, bare=False)


def _alternation(node: _Node, *, bare: bool) -> str:
    """Children first, then the word ends (their suffixes, or "" when the suffix follows the subtree)."""
    emit = _emit_bare if bare else _emit
    alternatives = [_literal_regex(ch) + emit(child) for ch, child in sorted(node.children.items())]
    if bare:  # one suffix below, written after the subtree: a word end is its guard, or nothing
        alternatives.extend(node.ends.values())
    else:
        ends = [guard + (f"(?:{suffix})" if guard and suffix else suffix) for suffix, guard in node.ends.items()]
        alternatives.extend(sorted(ends, key=len, reverse=True))  # "" for a bare end: the shortest comes last
    if not alternatives:
        return ""
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"


def _emit_bare(node: _Node) -> str:
    return _alternation(node, bare=True)


# ---------------------------------------------------------------- resolved vocabularies


@dataclass(frozen=True)
class ClassWords:
    """A class (or one of its groups) merged over every file that defines it, with its forms."""

    name: str
    language: Language | None
    words: tuple[str, ...]
    compound: Compound
    legal_basis: str | None = None
    inflect: bool = True

    def forms(self) -> list[Form]:
        return [form for word in self.words for form in word_forms(word, self.language, self.compound, self.inflect)]

    def regex(self) -> str:
        return forms_regex(self.forms())


@dataclass
class Vocabulary:
    """Every fragment and class of a set of vocabulary files, keyed by (name, language or None)."""

    fragments: dict[tuple[str, Language | None], str] = field(default_factory=dict)
    classes: dict[tuple[str, Language | None], ClassWords] = field(default_factory=dict)
    glossary: list[tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)  # (German, English)

    def add(self, model: VocabularyFile) -> list[str]:
        """Merge one file; returns the problems (a fragment defined twice)."""
        problems = []
        self.glossary.extend((tuple(e.de), tuple(e.en)) for e in model.glossary)
        for name, regex in model.fragments.items():
            key = (name, model.language)
            if key in self.fragments and self.fragments[key] != regex:
                problems.append(f"fragments.{name}: the fragment '{name}' is already defined for this language")
                continue
            self.fragments[key] = regex
        for name, cls in model.classes.items():
            self._merge(name, model.language, cls.words, cls.compound, cls.legal_basis, cls.inflect)
            for group, words in cls.groups.items():
                self._merge(f"{name}.{group}", model.language, words, cls.compound, cls.legal_basis, cls.inflect)
                self._merge(name, model.language, words, cls.compound, cls.legal_basis, cls.inflect)
        return problems

    def _merge(
        self,
        name: str,
        language: Language | None,
        words: list[str],
        compound: Compound,
        basis: str | None,
        inflect: bool = True,
    ) -> None:
        key = (name, language)
        known = self.classes.get(key)
        merged = tuple(dict.fromkeys([*(known.words if known else ()), *words]))
        # The first file that defines the class decides how its words are matched (the shipped one, before a
        # company's own additions).
        self.classes[key] = ClassWords(
            name,
            language,
            merged,
            known.compound if known else compound,
            basis,
            known.inflect if known else inflect,
        )

    def lookup(self, name: str, language: Language | None) -> str | ClassWords | None:
        for lang in (language, None) if language is not None else (None,):
            if (name, lang) in self.fragments:
                return self.fragments[(name, lang)]
            if (name, lang) in self.classes:
                return self.classes[(name, lang)]
        return None

    def names(self) -> list[str]:
        return sorted({name for name, _ in (*self.fragments, *self.classes)})


class ExpansionError(ValueError):
    """A reference to an unknown name, or fragments that refer to each other in a circle."""


@dataclass
class Expander:
    """Replaces {{name}} references in a pack's regexes; memoises every class regex it builds."""

    vocabulary: Vocabulary
    language: Language | None
    local: Mapping[str, str] = field(default_factory=dict)
    _done: dict[str, str] = field(default_factory=dict)

    def expand(self, source: str, stack: tuple[str, ...] = ()) -> str:
        def replace(match: re.Match[str]) -> str:
            return self._resolve(match.group(1), stack)

        expanded = REFERENCE.sub(replace, source)
        return number_marks(expanded) if not stack else expanded

    def _resolve(self, name: str, stack: tuple[str, ...]) -> str:
        if name in stack:
            raise ExpansionError(f"fragments refer to each other in a circle: {' -> '.join((*stack, name))}")
        if name in self._done:
            return self._done[name]
        found: str | ClassWords | None = self.local.get(name)
        if found is None:
            found = self.vocabulary.lookup(name, self.language)
        if found is None:
            known = ", ".join(sorted({*self.local, *self.vocabulary.names()})) or "none"
            raise ExpansionError(f"unknown fragment or class '{name}' (known: {known})")
        regex = self.expand(found, (*stack, name)) if isinstance(found, str) else found.regex()
        self._done[name] = f"(?:{regex})"
        return self._done[name]

    def anchor_forms(self, name: str) -> list[Form]:
        """The forms of a class used as an anchor ("{{disease}}")."""
        found = self.vocabulary.lookup(name, self.language)
        if not isinstance(found, ClassWords):
            raise ExpansionError(f"anchor '{{{{{name}}}}}' must name a word class (known: {self._class_names()})")
        forms = found.forms()
        if found.language is Language.DE:
            # A German word may begin a compound ("Milben|frei", "Allergie|schutz"): its anchor stays open
            # to the right, and the rule's own regex decides. (Other languages anchor on closed inflected
            # forms, so an English "run" is no anchor for a German "rund".)
            forms = [Form(f.literal, f.suffix, f.open_left, True) for f in forms]
        return forms

    def _class_names(self) -> str:
        return ", ".join(sorted({name for name, _ in self.vocabulary.classes})) or "none"
