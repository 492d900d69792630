"""Whether the product facts back a claim sentence, and which facts it was compared with.

Backed means (issue 4): an approved claim (verbatim or near-verbatim), a figure that does not go
beyond the spec sheet for that attribute and keeps "bis zu", a certification the product line
holds for the product named, a guarantee the product line actually gives, an origin the facts state.
Every check returns a `Verdict` whose `compared_with` names the facts, for the reviewer.
"""

from __future__ import annotations

import re

from safe_reply.types import Language
from safe_reply.validators.claims.facts import ApprovedClaim, FactBase, tokens
from safe_reply.validators.claims.lexicon import Lexicon
from safe_reply.validators.claims.quantities import Dimension, quantities
from safe_reply.validators.claims.taxonomy import Verdict

__all__ = ["Verdict", "approved_backing", "certification_verdict", "guarantee_verdict", "origin_verdict"]


# A claim is near-verbatim when its flagged words all occur in the approved claim and the sentence
# repeats most of the approved claim (a reply adds a clause or drops an article, nothing more).
_APPROVED_COVERAGE = 0.7
_TOLERANCE = 0.005  # relative: guarantee years and their conversions


def approved_backing(sentence: str, claim: str, base: FactBase) -> ApprovedClaim | None:
    said = set(tokens(sentence))
    claim_words = tokens(claim)
    for approved in base.approved:
        if claim_words and not all(w in approved.tokens for w in claim_words):
            continue
        if len(approved.tokens & said) >= _APPROVED_COVERAGE * len(approved.tokens):
            return approved
    return None


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
