"""Described matters: an entry revealed by what it is, without its protected words.

"Bis Ende des Jahres kommt per Update ein Hörtest in die App" reveals the planned hearing-test feature
whose codename is "Lotse"; "Bei Firmware 2.3 gibt es eine bekannte Schwachstelle" reveals an
unpatched weakness; "Die Module lassen wir bei einem Laminierbetrieb im Oderland fertigen" names a
supplier by its region. None of them writes the protected term.

What an entry is about is read at policy load from its kind and its own words, for an entry with a
`note`: its term and its note ("planned in-app hearing-test feature", "unpatched Bluetooth replay
weakness in S4 firmware 2.3.x", "panel supplier"). The kind (or, where it says nothing, the note) gives
the entry's class of matter (matter_words.MatterClass: a plan, an issue, a partner); the other words of
term and note, with their translations into the other language, are its *units*. Within one sentence
of a reply, a leak of the entry is:
- two of its units (two distinct words of term or note, at least one of them no year; for a partner,
  one of them a word of its name: where a part comes from is often public), and
- a frame of its class: a plan said as planned, in the works, coming at a date, not yet announced; an
  issue said as a problem that is being looked into; a partner said as who makes, supplies or buys; or
  a secrecy cue ("intern", "between you and me") for any class.
A reply that talks about the same things without the frame ("Der G65 ist ein GaN-Ladegerät mit 65 W")
is no leak, and neither is the frame without two of the entry's own words ("Ein neues Modell kommt im
Frühjahr"). Clauses of a note that say what is not a leak ("the bird is not a leak"), words of the
product line's public names, and words more than MAX_SHARED entries share are no units. An entry the
reply already names is reported there, not again.

Cost: nothing for a policy without such entries; otherwise one Aho-Corasick pass over the lower-cased
reply for the units, and the frame regex only on sentences holding two units of one entry.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from safe_reply.validators.trade_secrets.concepts import OBJECT_WORDS_EN, SECRECY_CUES
from safe_reply.validators.trade_secrets.frames import sentences, trimmed
from safe_reply.validators.trade_secrets.matter_words import (
    CLASS_WORDS,
    END_WORDS,
    FRAMES,
    GENERIC_WORDS,
    MATTER_WORDS_DE_EN,
    NOT_A_LEAK,
    OWN_SUBJECT,
    REFUSAL,
    MatterClass,
)

__all__ = ["MatterMatch", "MatterRule", "MatterScanner", "matter_classes", "matter_rule"]

_TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[^\W\d_]+\d*[^\W_]*")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|„[^“”]*[“”]|“[^”]*”|‘[^’]*’")
_CLAUSE = re.compile(r"[.;]\s")
# A year or a month is anyone's date ("arrives in March 2027"): never the unit that tells an entry.
_YEAR = re.compile(
    r"20[2-3]\d|jan(?:uary|uar)|feb(?:ruary|ruar)|march|märz|april|may|mai|june?|juni|july|juli|august"
    r"|september|october|oktober|november|december|dezember|spring|summer|autumn|fall|winter|frühjahr"
    r"|frühling|sommer|herbst"
)
_MIN_WORD = 3
_MIN_INNER = 5  # a unit form this long also counts inside a word (the part of a German compound)
_MAX_SUFFIX = 4  # letters a word may run on past a unit form at its start ("cell" -> "cells", "charging")
# A letter with a dot right before or after an initial makes it part of an abbreviation ("z. B.", "u. a.").
_ABBREVIATION_BEFORE = re.compile(r"(?<![^\W\d_])[^\W\d_]\.\s?$")
_ABBREVIATION_AFTER = re.compile(r"\s?[^\W\d_]\.")
_MIN_INITIAL_NAME = 4  # letters of a name word that also counts by its initial
_INITIAL_LEN = 2  # "l."
MAX_SHARED = 32  # entries a unit form may belong to (MatterScanner)
_SECRECY = re.compile(r"(?<![^\W_])(?:" + "|".join(re.escape(c) for c in SECRECY_CUES) + ")")


def _translations() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    de_en: dict[str, tuple[str, ...]] = {**OBJECT_WORDS_EN, **MATTER_WORDS_DE_EN}
    # An entry's words may come transliterated ("Schliessung", as Swiss German and ASCII keyboards write it).
    for german, words in list(de_en.items()):
        if "ß" in german or any("ß" in word for word in words):
            de_en[german.replace("ß", "ss")] = tuple(dict.fromkeys((*words, *(w.replace("ß", "ss") for w in words))))
    en_de: dict[str, list[str]] = {}
    for german, words in de_en.items():
        for word in words:
            en_de.setdefault(word, []).append(german)
    return de_en, {k: tuple(v) for k, v in en_de.items()}


_DE_EN, _EN_DE = _translations()


@dataclass(frozen=True, slots=True)
class MatterRule:
    entry: int
    classes: tuple[MatterClass, ...]
    units: tuple[tuple[str, ...], ...]  # per unit: its forms (lower-case words, phrases or numbers)
    years: frozenset[int]  # the units that are years: two of them are not enough
    named: frozenset[int]  # the units that are words of the term itself (not of its note)
    telling: frozenset[int] = frozenset()  # the units that tell the entry: a term word, a note word off the table
    ends: frozenset[int] = frozenset()  # of the end of a public site or product: the end's word ("Schließung")
    names: frozenset[int] = frozenset()  # ... and the public name's words, which tell the plan only together


@dataclass(frozen=True, slots=True)
class MatterMatch:
    start: int
    end: int
    entry: int


def matter_classes(kind: str, note: str) -> tuple[MatterClass, ...]:
    """The classes of matter an entry is about: by its kind, else by its note."""
    found = _kind_classes(kind)
    if found:
        return found
    low = note.casefold()
    return tuple(c for c, pattern in _NOTE_CLASSES.items() if pattern.search(low))


# A class word in a note counts at a word start ("plan" in "planned", not in "explanation").
_NOTE_CLASSES = {
    c: re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, words)) + ")") for c, words in CLASS_WORDS.items()
}


_DESCRIBED_KINDS = frozenset({MatterClass.PLAN, MatterClass.ISSUE})
_NAME_KIND_WORDS = ("codename", "product", "project", "projekt", "name")


@functools.cache
def _named(kind: str) -> bool:
    """Is the kind one of names (`codename`, `unreleased_product`), whose term is a name, not a description?"""
    return any(word in kind for word in _NAME_KIND_WORDS)


@functools.cache
def _kind_classes(kind: str) -> tuple[MatterClass, ...]:
    """A kind's classes, once per kind: a list of 100,000 codenames asks 100,000 times."""
    low_kind = kind.replace("_", " ")
    return tuple(c for c, words in CLASS_WORDS.items() if any(w in low_kind for w in words))


@functools.lru_cache(maxsize=4096)
def _forms(word: str, compound: bool = True) -> tuple[str, ...]:
    """A word with its translations: German -> English, English -> German, a German compound by its tail.

    Only a `compound` (a word that is no English word) is read by its tail, and only by a tail a form of
    that length counts inside a word (_MIN_INNER): "ring" of "spring" made "during" say "spring"."""
    forms = [word]
    for key in (word, word[:-1] if word.endswith("s") else word):
        forms += [*_DE_EN.get(key, ()), *_EN_DE.get(key, ())]
    if len(forms) == 1 and compound and word.isalpha():
        # The longest known tail ("zellen" of "rundzellen"): one lookup per cut, not one per tail.
        tail = next((word[cut:] for cut in range(1, len(word) - _MIN_INNER + 1) if word[cut:] in _DE_EN), None)
        if tail is not None:
            forms += [tail, *_DE_EN[tail]]
    return tuple(dict.fromkeys(forms))


def matter_rule(
    entry: int,
    kind: str,
    term: str,
    note: str | None,
    public: frozenset[str],
    common: Callable[[str], bool],
    english: Callable[[str], bool] | None = None,
) -> MatterRule | None:
    """The described-matter rule of an entry, or None (no class of matter, or fewer than two units).

    `common` tells an everyday English word: a term's own word counts as its name ("Kowalczyk", "Allgäu"
    of "Allgäu Kosmetik") only when it is none and no trade word of the table ("Aluminium"). A name word
    also counts by its initial ("das große Sporthaus in L."), where the reply writes it as a capital
    with a dot. A one-word term is no unit: the term matcher finds it, with the
    name rule where it is an ordinary word ("Kompass")."""
    # Without a note, a name (a codename, a product, a partner) says only itself, which the term matcher
    # finds in every spelling and by its distinctive parts (partial.py); most of a long list ends here.
    # A plan or an issue is written as a description ("Umstellung auf 21700-Zellen", "Lücke Login-Token"):
    # its words are its units.
    if not note and (" " not in term or not _DESCRIBED_KINDS.intersection(_kind_classes(kind)) or _named(kind)):
        return None
    text = " ; ".join(clause for clause in _CLAUSE.split(note or "") if not NOT_A_LEAK.search(clause))
    classes = matter_classes(kind, text)
    if not classes:
        return None
    text = _QUOTED.sub(" ", text)
    named = [t.replace(",", ".") for t in _TOKEN.findall(term.casefold())]
    if len(named) == 1:
        named = []
    tokens = [*named, *(t.replace(",", ".") for t in _TOKEN.findall(text.casefold()))]
    english = english or common
    units: dict[str, tuple[str, ...]] = {}
    for first, second in itertools.pairwise(tokens):  # "hearing test" -> "Hörtest"
        pair = f"{first} {second}"
        if pair in _EN_DE or pair in _DE_EN:
            units[pair] = (pair, *_EN_DE.get(pair, ()), *_DE_EN.get(pair, ()))
    # Of an issue, a public word of the term itself is a unit, though never the telling one: "Kühl M12" of
    # "Kondensatpumpe Kühl M12" says which product the component's problem is about ("Bei der Kühl M12 fallen
    # die Kondensatpumpen häufig aus"); the component's own word must still be there. Not of a plan: a brand
    # in a successor's name ("Lorenzen Fit Row 700") is in every reply, and a plan's frame is any season.
    # The end of a public site or product is the exception: "Schließung Showroom Göttingen" is about the public
    # showroom, whose name with the end's word ("the Göttingen showroom is closing at the end of March") tells the
    # plan (MatterRule.ends, .names); the name without the end's word tells nothing.
    ending = MatterClass.PLAN in classes and any(t in END_WORDS for t in named)
    shown = (
        frozenset(t for t in named if t in public and t not in GENERIC_WORDS)
        if set(classes) == {MatterClass.ISSUE} or ending
        else frozenset()
    )
    for token in tokens:
        if token in GENERIC_WORDS or (token in public and token not in shown) or token in units:
            continue
        if token[0].isdigit():
            if len(token.replace(".", "")) >= 2:
                units[token] = (token,)
            continue
        if len(token) >= _MIN_WORD:
            units[token] = _forms(token, token.isalpha() and not english(token))
    groups = _merged(units)
    if len(groups) < 2:
        return None
    years = frozenset(i for i, (keys, _) in enumerate(groups) if all(_YEAR.fullmatch(k) for k in keys))
    # A name's own word is no trade word: "Kowalczyk", "Spreewald", not the "Aluminium" of "Kowalczyk
    # Aluminium" (its forms hold a translation) nor an everyday word (`common`).
    own = frozenset(
        i
        for i, (keys, forms) in enumerate(groups)
        if len(forms) == 1 and keys[0] in named and (not keys[0].isalpha() or not common(keys[0]))
    )
    # What tells this entry from any talk of the same things: a word of its term, a word of its note that
    # is no general word of the table ("delivery", "bike", "store") and no year, or a two-word notion of
    # the table ("hearing test", "heat pump"): narrower than any one word.
    # The word that says what kind of end it is ("Auslauf", "Schließung") tells no entry: "läuft 2027 aus" is
    # said of anything.
    telling = frozenset(
        i
        for i, (keys, forms) in enumerate(groups)
        if i not in years
        and not any(k in END_WORDS or k in shown for k in keys)
        and any(k in named or " " in k or not _in_table(k) for k in keys)
    )
    unit_forms = [forms for _, forms in groups]
    for i in own if MatterClass.PARTNER in classes else ():  # a partner is kept discreet by its initial
        word = groups[i][0][0]
        if word.isalpha() and len(word) >= _MIN_INITIAL_NAME:
            unit_forms[i] += (word[0] + ".",)
    # The end of a public site or product tells the plan by the end's word and the public name together.
    ends = frozenset(i for i, (keys, _) in enumerate(groups) if ending and any(k in END_WORDS for k in keys))
    names = frozenset(i for i, (keys, _) in enumerate(groups) if ends and any(k in shown for k in keys))
    return MatterRule(entry, classes, tuple(unit_forms), years, own, telling, ends, names)


def _in_table(key: str) -> bool:
    """Is the unit a general word of the translation table (or its plural)?"""
    return any(k in _DE_EN or k in _EN_DE for k in (key, key[:-1] if key.endswith("s") else key))


def _merged(units: dict[str, tuple[str, ...]]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The units, those whose forms overlap made one: a term word and its translation in the note ("Akku",
    "battery"; "Wien", "Vienna") are one word of a reply, not two."""
    groups: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for key, forms in units.items():
        overlapping = [i for i, g in enumerate(groups) if not set(g[1]).isdisjoint(forms)]
        if not overlapping:
            groups.append(((key,), forms))
            continue
        # Merged where the first of them stood: the units keep the order of the entry's words.
        keys = (*(k for i in overlapping for k in groups[i][0]), key)
        merged = tuple(dict.fromkeys([*(f for i in overlapping for f in groups[i][1]), *forms]))
        groups[overlapping[0]] = (keys, merged)
        for i in reversed(overlapping[1:]):
            del groups[i]
    return groups


class MatterScanner:
    """Every described-matter rule of one validator, with one automaton over their unit forms."""

    def __init__(self, rules: Sequence[MatterRule]) -> None:
        import ahocorasick_rs

        self.rules = tuple(rules)
        by_form: dict[str, list[tuple[int, int]]] = {}
        for r, rule in enumerate(self.rules):
            for u, forms in enumerate(rule.units):
                for form in forms:
                    by_form.setdefault(form, []).append((r, u))
        # A word that many entries share ("battery" in a list of 10,000 noted parts) identifies none of
        # them; it is dropped, which also keeps a sentence's work bounded by MAX_SHARED per word.
        self._forms = [f for f, refs in by_form.items() if len({r for r, _ in refs}) <= MAX_SHARED]
        self._refs = [tuple(by_form[f]) for f in self._forms]
        self._initials = frozenset(i for i, f in enumerate(self._forms) if len(f) == _INITIAL_LEN and f[1] == ".")
        self._automaton = ahocorasick_rs.AhoCorasick(self._forms) if self._forms else None

    def __bool__(self) -> bool:
        return bool(self.rules)

    def scan(self, text: str) -> list[MatterMatch]:
        if self._automaton is None:
            return []
        lower = text.lower()
        hits = [
            (s, i)
            for i, s, e in self._automaton.find_matches_as_indexes(lower, overlapping=True)
            if (_initial(text, s) if i in self._initials else _counts(lower, self._forms[i], s, e))
        ]
        if len(hits) < 2:
            return []
        hits.sort()
        starts = [s for s, _ in hits]
        matches: list[MatterMatch] = []
        for start, end in sentences(text, starts, joined=True):
            inside = hits[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
            if len({i for _, i in inside}) < 2:
                continue
            # Per rule, its units found and the reply words they stand in: one word ("Akku") is one unit
            # however many of the entry's forms it holds.
            units: dict[int, dict[int, set[int]]] = {}
            for s, i in inside:
                word = _word_start(lower, s)
                for r, u in self._refs[i]:
                    units.setdefault(r, {}).setdefault(u, set()).add(word)
            candidates = [self.rules[r] for r, found in units.items() if _enough(self.rules[r], found)]
            if not candidates:
                continue
            # The frames only now, once per class and sentence: most sentences with two units have no frame.
            told, served = _framing(lower[start:end])
            framed = {c for c in MatterClass if FRAMES[c].search(told if c is MatterClass.PARTNER else served)}
            secrecy = _SECRECY.search(told) is not None
            matches += [
                MatterMatch(*trimmed(text, start, end), rule.entry)
                for rule in candidates
                if secrecy or framed.intersection(rule.classes)
            ]
        return matches


_CLAUSE_BREAK = re.compile(r"[,;:–—]|\s-\s|\b(?:but|aber|doch|jedoch)\b")


def _framing(sentence: str) -> tuple[str, str]:
    """The parts of a sentence whose frames count: without its refusals ("I can't share any codename for
    a successor model"); for a plan or an issue also without a clause about the customer's own thing or
    doing ("Ihr neuer Akku kommt bald", "If your frame has a defect", "wenn Sie einen Ausflug planen"). Most
    sentences are one clause."""
    clauses = _CLAUSE_BREAK.split(sentence)
    kept = [(i, c) for i, c in enumerate(clauses) if not REFUSAL.search(c)]
    # A later clause about the customer's own doing counts as little ("…, wenn Sie ohnehin einen Ausflug planen").
    own = {i for i, c in kept if OWN_SUBJECT.match(c if i == 0 else c.lstrip())}
    return " ; ".join(c for _, c in kept), " ; ".join(c for i, c in kept if i not in own)


def _enough(rule: MatterRule, found: dict[int, set[int]]) -> bool:
    """Two units of the rule in two words of the reply, one of them telling the entry (a word of its
    term, a word of its note off the general table: "delivery", "bike" and a year are anyone's); for a
    partner alone, one of them a word of its name: where a part comes from is often public ("the frames
    are made in Poland"). One word of a partner's name alone is the name rule's (context.RELATION_CUES:
    "The wine comes from Brennecke, one of our suppliers")."""
    if rule.names and not rule.ends.intersection(found):
        # The public name counts only with the end's word: "die Mühle Classic in Messing ist ausverkauft".
        found = {unit: words for unit, words in found.items() if unit not in rule.names}
    if rule.names and not rule.names.intersection(found):
        # ... and the end's word only with the public name: "die KM 7 wird aus dem Programm genommen" ends another.
        found = {unit: words for unit, words in found.items() if unit not in rule.ends}
    if len(found) < 2 or len(set().union(*found.values())) < 2:
        return False
    if rule.ends.intersection(found) and rule.names.intersection(found):
        return True
    if not rule.telling.intersection(found):
        return False
    return rule.classes != (MatterClass.PARTNER,) or bool(rule.named.intersection(found))


def _word_start(lower: str, index: int) -> int:
    """The start of the word a hit stands in (a compound's parts are one word of the reply)."""
    while index and lower[index - 1].isalnum():
        index -= 1
    return index


def _initial(text: str, start: int) -> bool:
    """A name's initial: a capital with its dot, standing alone ("in L.,"), not a unit ("5 l.") nor a
    part of an abbreviation ("z. B.", "z.B.", "e. g.")."""
    if not text[start].isupper() or (start and (text[start - 1].isalnum() or text[start - 1] == ".")):
        return False
    if start + _INITIAL_LEN < len(text) and (text[start + _INITIAL_LEN].isalnum() or text[start + _INITIAL_LEN] == "."):
        return False
    return not _ABBREVIATION_BEFORE.search(text, max(0, start - 4), start) and not _ABBREVIATION_AFTER.match(
        text, start + _INITIAL_LEN
    )


def _counts(lower: str, form: str, start: int, end: int) -> bool:
    """Is the form a unit of the reply here: at a word start, running on by an inflection at most; a long
    form also inside a word (a compound's part); a number standing alone."""
    before = lower[start - 1] if start else " "
    after = lower[end] if end < len(lower) else " "
    if form[0].isdigit():
        return (
            not before.isdigit()
            and not after.isdigit()
            and not (after in ".," and end + 1 < len(lower) and lower[end + 1].isdigit())
        )
    if before.isalnum() and before != "-":
        return len(form) >= _MIN_INNER or not after.isalpha()  # a short form only as a compound's last part
    run = end
    while run < len(lower) and lower[run].isalpha():
        run += 1
    return run - end <= _MAX_SUFFIX or len(form) >= _MIN_INNER
