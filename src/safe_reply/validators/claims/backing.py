"""Whether the product facts back a claim sentence, and which facts it was compared with.

Backed means (issue 4): an approved claim (verbatim or near-verbatim), a figure that does not go
beyond the spec sheet for that attribute and keeps "bis zu", a certification the product line
holds for the product named, a guarantee the product line actually gives, an origin the facts state.
Every check returns a `Verdict` whose `compared_with` names the facts, for the reviewer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from safe_reply.types import Language
from safe_reply.validators.claims.facts import (
    ApprovedClaim,
    Direction,
    FactBase,
    NumericFact,
    distance_in,
    has_upper_bound,
    modes_in,
    tokens,
)
from safe_reply.validators.claims.lexicon import Lexicon
from safe_reply.validators.claims.quantities import Dimension, Quantity, quantities


@dataclass(frozen=True, slots=True)
class Verdict:
    backed: bool
    compared_with: str  # the fact(s), as shown to the reviewer; "" when nothing was comparable
    fact_key: str | None = None  # the attribute, for replacing the sentence by its approved claim


# A claim is near-verbatim when its flagged words all occur in the approved claim and the sentence
# repeats most of the approved claim (a reply adds a clause or drops an article, nothing more).
_APPROVED_COVERAGE = 0.7
_TOLERANCE = 0.005  # relative: "120 km" equals 120, rounding in unit conversions stays equal
# Dimensions too general to compare without a word that names the attribute ("10 Sekunden
# gedrückt halten" is an instruction, not a charging time).
_NEEDS_CUE = frozenset(
    {
        Dimension.DURATION,
        Dimension.PERCENT,
        Dimension.MASS,
        Dimension.TEMPERATURE,
        Dimension.VOLUME,
        Dimension.COUNT,
        Dimension.LENGTH,
    }
)


def approved_backing(sentence: str, claim: str, base: FactBase) -> ApprovedClaim | None:
    said = set(tokens(sentence))
    claim_words = tokens(claim)
    for approved in base.approved:
        if claim_words and not all(w in approved.tokens for w in claim_words):
            continue
        if len(approved.tokens & said) >= _APPROVED_COVERAGE * len(approved.tokens):
            return approved
    return None


@dataclass(frozen=True, slots=True)
class NumberCheck:
    quantity: Quantity
    facts: tuple[NumericFact, ...]  # the facts it was compared with (all plausible attributes)
    backed: bool
    dropped_qualifier: bool


def check_numbers(sentence: str, language: Language, base: FactBase, hint: set[int]) -> list[NumberCheck]:
    """Every figure of the sentence that maps onto a spec-sheet attribute, compared with it."""
    found = quantities(sentence, language)
    if not found:
        return []
    lower = sentence.lower()
    words = tokens(sentence)
    # A figure inside a product name ("Storm 3L", "Kuppel 2") is a name, not a spec.
    names = [*base.products.spans(sentence), *(m.span() for m in _MODEL_NAME.finditer(sentence))]
    found = [q for q in found if not any(s <= q.start < e for s, e in names) and not _not_a_spec(sentence, q, base)]
    named = base.products.named(sentence)
    by_noun = set() if named else base.products.mentioned(sentence)
    results = []
    for position, quantity in enumerate(found):
        # The words that name a figure's attribute stand before it, since the previous figure
        # ("Vorlauftemperaturen bis 70 °C (bei Außentemperaturen ab −7 °C)").
        start = found[position - 1].end if position else 0
        stop = found[position + 1].start if position + 1 < len(found) else len(sentence)
        after = re.split(r"[(,;:]", sentence[quantity.end : min(stop, quantity.end + 30)], maxsplit=1)[0]
        window = sentence[start : quantity.end] + after
        # A generic noun ("die Jacke") narrows the facts only when it is the sentence's one figure of the
        # kind: a table row "Gewicht | 11,4 kg | 6,9 kg" names several products' values.
        single = sum(1 for q in found if q.dimension is quantity.dimension) == 1
        mentioned = named or (by_noun if single else set()) or hint
        facts = _candidates(quantity, base, mentioned, window.lower(), tokens(window), window) or _candidates(
            quantity, base, mentioned, lower, words, sentence
        )
        if not facts:
            continue
        verdicts = [_compare(quantity, fact, sentence) for fact in facts]
        backed = any(ok for ok, _ in verdicts)
        dropped = not backed and any(drop for _, drop in verdicts)
        results.append(NumberCheck(quantity, facts, backed, dropped))
    return results


# A figure that states a measuring condition ("in 1 m Abstand"), a reference amount ("pro 100 g") or a
# guarantee period ("3 Jahre Herstellergarantie": the guarantee check judges it) is not a spec value.
_CONDITION_BEFORE = re.compile(r"(?:\b(?:in|aus|at|from|pro|per|je|für|for)|/)\s*$", re.IGNORECASE)
_COMPOUND_TAIL = re.compile(r"^-([^\W\d_]{3,})")
_CONDITION_AFTER = re.compile(
    r"^\s*(?:abstand|entfernung|distance|away)\b|^\s*(?:pro|per|je|a|/)\s*(?:tag|woche|monat|day|week|month)\b"
    r"|^[\s-]*(?:jahre?s?n?|years?|monate?n?|months?)?[\s-]*(?:[\w'’]+\s+){0,2}?"
    r"(?:\w*garantie|gewährleistung|guarantee|warranty)",
    re.IGNORECASE,
)


def _not_a_spec(sentence: str, quantity: Quantity, base: FactBase) -> bool:
    before = sentence[max(0, quantity.start - 12) : quantity.start]
    after = sentence[quantity.end : quantity.end + 30]
    compound = _COMPOUND_TAIL.match(after)
    if compound:
        # "20-kg-Hund" describes the customer's dog; "5-Zoll-Bildschirm" names the product's attribute.
        tail = compound.group(1).lower()
        return not any(g.search(tail) for f in base.numeric for g in f.groups) and not any(
            _cue_in(c, tail, [tail]) for f in base.numeric for c in f.cues
        )
    if _CONDITION_AFTER.search(after):
        return True
    return bool(_CONDITION_BEFORE.search(before)) and quantity.dimension in (
        Dimension.LENGTH,
        Dimension.MASS,
        Dimension.VOLUME,
        Dimension.COUNT,
    )


# A capitalised word directly followed by a number glued to a letter ("Storm 4L", "Modell X2"): a model name.
_MODEL_NAME = re.compile(r"(?<=[A-ZÄÖÜ][a-zäöüß]{2})\s\d+[A-Za-z]\b(?!\s*(?:/|pro\b|per\b))")


def _candidates(
    quantity: Quantity, base: FactBase, mentioned: set[int], lower: str, words: list[str], sentence: str
) -> tuple[NumericFact, ...]:
    facts = [f for f in base.numeric if f.dimension is quantity.dimension]
    if mentioned:
        facts = [f for f in facts if f.product is None or f.product in mentioned]
    if not facts:
        return ()
    # The attribute is read from the words around the figure, not from its unit alone: label words of
    # the fact and the vocabulary's words for the same attribute ("wiegt", "Gewicht", "weighs").
    scores = [
        sum(1 for cue in f.cues if _cue_in(cue, lower, words)) + sum(1 for g in f.groups if g.search(sentence))
        for f in facts
    ]
    best = max(scores)
    if best == 0 and (quantity.dimension in _NEEDS_CUE):
        return ()
    # Several attributes fit equally well: compare with all and call the figure backed if any backs
    # it (the lenient reading keeps precision; a figure beyond every one of them is still caught).
    return tuple(f for f, s in zip(facts, scores, strict=True) if s == best)


# A German compound's head word names the attribute too: "Bildschirm" cues "Bildschirmdiagonale".
_MIN_HEAD = 6


def _cue_in(cue: str, lower: str, words: list[str]) -> bool:
    if " " in cue:
        return cue in lower
    return any(w.startswith(cue) or (len(w) >= _MIN_HEAD and cue.startswith(w)) for w in words)


def _compare(quantity: Quantity, fact: NumericFact, sentence: str) -> tuple[bool, bool]:
    """(backed, qualifier dropped)."""
    claimed, spec = quantity.value, fact.value
    if _contradicts_conditions(fact, sentence):
        return False, True
    if fact.low is not None:  # a range: the claim must lie inside it
        return fact.low * (1 - _TOLERANCE) <= claimed <= spec * (1 + _TOLERANCE), False
    if fact.dimension is Dimension.IP:
        solid, water = divmod(int(claimed), 10)
        spec_solid, spec_water = divmod(int(spec), 10)
        return solid <= spec_solid and water <= spec_water, False
    equal = abs(claimed - spec) <= _TOLERANCE * max(abs(spec), 1e-9)
    if fact.direction is Direction.EXACT:
        return equal, False
    if fact.direction is Direction.AT_LEAST:
        return equal or claimed > spec, False
    if equal and fact.upper_bound and not has_upper_bound(sentence):
        return False, True
    return equal or claimed < spec, False


def _contradicts_conditions(fact: NumericFact, sentence: str) -> bool:
    """The sentence states the figure under another condition than the fact's (closer, another mode)."""
    if fact.distance_m is not None:
        claimed = distance_in(sentence)
        if claimed is not None and claimed < fact.distance_m:
            return True
    if fact.mode is not None:
        modes = modes_in(sentence)
        if modes and fact.mode not in modes:
            return True
    return False


def numbers_verdict(checks: list[NumberCheck]) -> Verdict:
    """Backed when at least one figure maps onto the spec and none goes beyond it."""
    shown = "; ".join(dict.fromkeys(f.shown for c in checks for f in c.facts))
    failing = [c for c in checks if not c.backed]
    key = (failing or checks)[0].facts[0].key if checks else None
    return Verdict(bool(checks) and not failing, shown or "no spec-sheet figure for this attribute", key)


# ---------------------------------------------------------------- certifications

_SCOPE = re.compile(r"\bnur\s+([^;)]+)", re.IGNORECASE)


# Standards and marks written with a number ("ISO 9001", "EN 1888-1") are compared with their number.
_NUMBERED = re.compile(r"\b(?:din\s+)?(?:en\s+)?(?:iso|en|din|iec)\s?[\d]{3,5}(?:-\d+)?", re.IGNORECASE)


def certification_verdict(claim: str, base: FactBase, products: set[int], lexicon: Lexicon) -> Verdict:
    """Backed when every mark the claim names (vocabulary `mark`, or a numbered standard) is held for the
    product named; a claim that names no mark at all is not backed."""
    marks = [_fold(m) for m in lexicon.terms("mark", claim)] + [_fold(m) for m in _NUMBERED.findall(claim)]
    held = "; ".join(base.certifications) or "no certifications"
    if not marks:
        return Verdict(False, f"certifications: {held}")
    for mark in marks:
        entry = next((c for c in base.certifications if mark in _fold(c)), None)
        if entry is None and mark in _fold(base.all_text):
            continue  # a standard the facts themselves name ("Labor nach DIN EN ISO/IEC 17025 akkreditiert")
        if entry is None or not _in_scope(entry, base, products):
            return Verdict(False, f"certifications: {held}")
    return Verdict(True, f"certifications: {held}")


def _fold(text: str) -> str:
    """Case, umlaut and hyphen folding, so "TÜV-geprüft", "TUEV" and "Tüv Süd" compare."""
    folded = text.lower().replace("ü", "u").replace("ue", "u").replace("ö", "o").replace("oe", "o")
    folded = folded.replace("ä", "a").replace("ae", "a").replace("ß", "ss")
    return " ".join(re.sub(r"[-®™/]", " ", folded).split())


def _in_scope(entry: str, base: FactBase, products: set[int]) -> bool:
    """Whether the certificate covers the products the claim is about. An entry naming products
    ("EN 1888-1 (Tavi Duo)", "nur Espresso E5") covers those; one naming none covers the line."""
    allowed = base.products.named(entry)
    if not allowed:
        return True
    if not products:
        return _SCOPE.search(entry) is None  # "nur ..." and the claim names no product: not shown to hold
    return products <= allowed


# ---------------------------------------------------------------- guarantee

_LIFETIME = re.compile(r"lebenslang|lifetime|für immer|forever|unbegrenzt|unlimited|ewig", re.I)
_WHOLE = re.compile(r"\b(?:alle[ns]?|all|komplett\w*|gesamte[nm]?|ganze[nsm]?|entire|whole|every)\b", re.I)
_EXCLUDING = re.compile(r"ausgenommen|ausgeschlossen|\bnicht\b|\bexcept|\bexclud|\bnot\b", re.I)
_PARTS_EN = {
    "battery": "akku",
    "batteries": "akku",
    "frame": "rahmen",
    "motor": "motor",
    "electronics": "elektronik",
    "wear": "verschleißteile",
    "blade": "messer",
    "blades": "messer",
    "charger": "ladegerät",
    "display": "display",
    "screen": "display",
}


# The parts a guarantee leaves out: "(nicht auf Akku, Motor)", "nicht auf Bezüge, Kissen und Decken",
# "ausgenommen Batterien und Akku", "excluding batteries".
_EXCLUDED = re.compile(
    r"(?:nicht\s+auf|ausgenommen|außer|keine\s+(?:hersteller)?garantie\s+auf|not\s+on|excluding|except)\s+([^;.)]*)",
    re.I,
)
_INCLUDING = re.compile(r"\b(?:inklusive|inkl\.|einschließlich|samt|including|incl\.)", re.I)


def _stem5(word: str) -> str:
    """A part name reduced for comparison: "Bezüge" and "Bezug", "battery" and "batteries" agree."""
    folded = _part(word).replace("ü", "u").replace("ö", "o").replace("ä", "a")
    return folded[:5]


def _part(word: str) -> str:
    """A part name in its German singular form, so "Akkus", "battery" and "batteries" compare equal."""
    word = _PARTS_EN.get(word, word)
    return word[:-1] if len(word) >= 5 and word.endswith("s") else word


def guarantee_verdict(sentence: str, language: Language, base: FactBase) -> Verdict:
    if base.guarantee is None:
        return Verdict(False, "guarantee: none")
    shown = f"guarantee: {base.guarantee}"
    text = base.guarantee.lower()
    if _LIFETIME.search(sentence):
        return Verdict(False, shown)
    years = [q.value for q in quantities(base.guarantee, Language.DE) if q.dimension is Dimension.DURATION]
    claimed = [q.value for q in quantities(sentence, language) if q.dimension is Dimension.DURATION]
    if years and any(c > max(years) * (1 + _TOLERANCE) for c in claimed):
        return Verdict(False, shown)
    excluded = {
        _stem5(w)
        for part in _EXCLUDED.findall(text)
        for w in tokens(part)
        if w not in {"und", "auf", "and", "on", "die", "der", "das", "the"}
    }
    said = {_stem5(w) for w in tokens(sentence)}
    whole = _WHOLE.search(sentence) or _INCLUDING.search(sentence)
    if excluded and (said & excluded or whole) and not _EXCLUDING.search(sentence):
        return Verdict(False, shown)
    # A guarantee for one product of the line does not cover the others ("2 Jahre auf den Brenner
    # der Flamme 2" says nothing about the power bank). The first clause, without brackets, is the scope.
    covered = base.products.named(re.sub(r"\([^)]*\)", "", base.guarantee).split(";")[0])
    named = base.products.named(sentence)
    if covered and named and not named <= covered:
        return Verdict(False, shown)
    return Verdict(True, shown)


# ---------------------------------------------------------------- origin

_PLACES = {
    "deutschland": "de",
    "germany": "de",
    "german": "de",
    "deutsch": "de",
    "deutsche": "de",
    "deutscher": "de",
    "deutschen": "de",
    "bremen": "de",
    "bayern": "de",
    "bavaria": "de",
    "italien": "it",
    "italy": "it",
    "taiwan": "tw",
    "china": "cn",
    "polen": "pl",
    "poland": "pl",
    "eu": "eu",
    "europa": "eu",
    "europe": "eu",
    "asien": "asia",
    "asia": "asia",
    "österreich": "at",
    "austria": "at",
    "schweiz": "ch",
    "switzerland": "ch",
    "frankreich": "fr",
    "france": "fr",
    "spanien": "es",
    "spain": "es",
    "tschechien": "cz",
    "czechia": "cz",
    "ungarn": "hu",
    "hungary": "hu",
    "rumänien": "ro",
    "romania": "ro",
    "portugal": "pt",
    "türkei": "tr",
    "turkey": "tr",
    "japan": "jp",
    "korea": "kr",
    "südkorea": "kr",
    "vietnam": "vn",
    "indien": "in",
    "india": "in",
    "usa": "us",
}
# Steps that are not manufacturing: a place that only holds these does not back "hergestellt in".
_ASSEMBLY = re.compile(
    r"montage|montiert|assembl|entwickelt|entwicklung|developed|design|geprüft|prüfung|tested|testing", re.I
)
_TOTAL = re.compile(
    r"\b(?:komplett|vollständig|ganz|entirely|completely|fully|everything|alles|alle|beide|all|both)\b|\b100\s?%", re.I
)


def origin_verdict(sentence: str, base: FactBase) -> Verdict:
    if base.origin is None:
        return Verdict(False, "origin: no origin fact", "origin")
    shown = f"origin = {base.origin}"
    known = _places_of(base.origin)
    clauses = [c.lower() for c in re.split(r"[;]", base.origin)]
    places = _places_in(sentence, known)
    if not places:
        return Verdict(False, shown, "origin")
    several = len(_places_in(base.origin, known)) > 1
    named = base.products.named(sentence)
    everyone = set(range(len(base.products))) if _TOTAL.search(sentence) else set()
    for place in places:
        holding = [c for c in clauses if place in _places_in(c, known)]
        if not holding:
            return Verdict(False, shown, "origin")
        # An origin clause about one product ("Taschenfeder Plus: gefertigt in Polen") holds for it only.
        scoped = set().union(*(base.products.named(c) for c in holding))
        if scoped and ((named and not named <= scoped) or (everyone and not everyone <= scoped)):
            return Verdict(False, shown, "origin")
        only_assembly = all(_ASSEMBLY.search(c) for c in holding)
        if only_assembly and _claims_manufacture(sentence, place, known):
            return Verdict(False, shown, "origin")
    if several and any(_TOTAL.search(c) and _MANUFACTURE.search(c) for c in _CLAUSE.split(sentence)):
        return Verdict(False, shown, "origin")
    return Verdict(True, shown, "origin")


# "Osnabrück (Deutschland)" in the origin fact: the city stands for its country in a reply.
_CITY_OF = re.compile(r"([^\W\d_][\w-]*)\s*\(([^)]+)\)")


def _places_of(origin: str) -> dict[str, str]:
    known = dict(_PLACES)
    for city, country in _CITY_OF.findall(origin):
        code = _PLACES.get(country.strip().lower().split()[0]) if country.strip() else None
        if code is not None:
            known.setdefault(city.lower(), code)
    # Any other place the origin fact names ("Entwicklung in Bielefeld") is a place of its own.
    for place in re.findall(r"\b(?:in|aus|im\s+werk)\s+([A-ZÄÖÜ][\w-]+)", origin):
        known.setdefault(place.lower(), place.lower())
    return known


def _places_in(text: str, known: dict[str, str]) -> set[str]:
    return {known[w] for w in tokens(text) if w in known}


_MANUFACTURE = re.compile(
    r"herstell|hergestellt|produziert|produktion|gefertigt|fertigung|gebaut|made|manufactur|produced|built", re.I
)
_CLAUSE = re.compile(r",|;|\bund\b|\band\b|\bwhile\b|\bwährend\b", re.I)


def _claims_manufacture(sentence: str, place: str, known: dict[str, str]) -> bool:
    """Whether the sentence says more than a partial step (assembly, development, testing) for `place`.

    The step is read from the clause naming the place ("entwickelt in Deutschland und hergestellt in
    China"); a clause without a step word falls back to the whole sentence.
    """
    clause = next((c for c in _CLAUSE.split(sentence) if place in _places_in(c, known)), sentence)
    if not (_ASSEMBLY.search(clause) or _MANUFACTURE.search(clause)):
        clause = sentence
    return bool(_MANUFACTURE.search(clause)) or not _ASSEMBLY.search(clause)
