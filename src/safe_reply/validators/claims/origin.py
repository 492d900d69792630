"""Whether an origin claim ("Made in Germany", "produziert in Bamberg", "ingredients from German farms")
is what the origin fact says.

Places come from the vocabulary (`place`: countries and regions in German and English, grouped by
country code, so "Tschechien", "Czech Republic" and "Czech" are one place) and from the origin fact
itself (its cities and regions: "Entwicklung in Bamberg (Deutschland)"). A claim is backed when every
place it names holds in a clause of the origin fact, for the product it names, for the step it claims
(a site that only develops, assembles or tests does not back "hergestellt in"), and for what it claims
the origin of: a claim about ingredients or raw materials ("sourced from German farms", vocabulary
`origin_material`) needs a clause about raw materials, not one about manufacturing.
"""

from __future__ import annotations

import re

from safe_reply.validators.claims.facts import FactBase
from safe_reply.validators.claims.glossary import meaning_keys
from safe_reply.validators.claims.lexicon import Lexicon, shipped_lexicon
from safe_reply.validators.claims.taxonomy import Verdict
from safe_reply.validators.claims.wording import tokens

# Steps that are not manufacturing: a place that only holds these does not back "hergestellt in".
_ASSEMBLY = re.compile(
    r"montage|montiert|assembl|entwickelt|entwicklung|entworfen|entwurf|gestaltet|developed|design|engineer|ingenieur|konzeption|geprüft|prüfung|"
    r"tested|testing|abgefüllt|abfüllung|bottled|verpackt|packaged|packed|konfektion",
    re.IGNORECASE,
)
# Not inside a hyphenated word: "All-in-1 Tabs" and "all-purpose cleaner" name a product, they claim nothing
# about all products.
_TOTAL = re.compile(
    r"(?<![\w-])(?:komplett|vollständig|ganz|entirely|completely|fully|everything|alles|alle|all)(?![\w-])"
    r"|\b100\s?%",
    re.IGNORECASE,
)
# "beide", "both" speak of two things named before, in this sentence or an earlier one: not of every product.
_DUAL = re.compile(r"(?<![\w-])(?:beide[nrs]?|both)(?![\w-])", re.IGNORECASE)
_MANUFACTURE = re.compile(
    r"herstell|hergestellt|produziert|produktion|gefertigt|fertigung|gebaut|made|manufactur|produced|built",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r",|;|–|—|\s-\s|\bund\b|\band\b|\bwhile\b|\bwährend\b", re.IGNORECASE)
# "Osnabrück (Deutschland)" in the origin fact: the city stands for its country in a reply.
_CITY_OF = re.compile(r"([^\W\d_][\w-]*)\s*\(([^)]+)\)")
_NAMED_PLACE = re.compile(r"\b(?:in|aus|im\s+werk)\s+([A-ZÄÖÜ][\w-]+)")


class _Places:
    """The places a text names: vocabulary groups (by country code) and the origin fact's own places."""

    def __init__(self, origin: str, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.groups = lexicon.groups("place")
        self.local: dict[str, str] = {}
        for city, country in _CITY_OF.findall(origin):
            codes = self._vocabulary(country)
            if len(codes) == 1:
                self.local.setdefault(city.lower(), next(iter(codes)))
        # Any other place the origin fact names ("Entwicklung in Bielefeld") is a place of its own.
        for place in _NAMED_PLACE.findall(origin):
            if not self._vocabulary(place):
                self.local.setdefault(place.lower(), place.lower())

    def _vocabulary(self, text: str) -> set[str]:
        return {group.split(".", 1)[1] for group in self.groups if self.lexicon.has(group, text)}

    def of(self, text: str) -> set[str]:
        return self._vocabulary(text) | {self.local[w] for w in tokens(text) if w in self.local}


def origin_verdict(sentence: str, base: FactBase, lexicon: Lexicon | None = None) -> Verdict:
    if base.origin is None:
        return Verdict(False, "origin: no origin fact", "origin")
    lexicon = lexicon or shipped_lexicon()
    shown = f"origin = {base.origin}"
    places = _Places(base.origin, lexicon)
    clauses = _origin_clauses(base.origin, places)
    claimed = places.of(sentence)
    if not claimed:
        return Verdict(False, shown, "origin")
    several = len(places.of(base.origin)) > 1
    products = _products_by_clause(sentence, base)
    for place in claimed:
        # "beide", "alle" of the clause naming the place ("..., entwickelt wurden beide in Graz").
        naming = _clauses_naming(sentence, place, places)
        everyone = set(range(len(base.products))) if any(_TOTAL.search(c) for c in naming) else set()
        # The products of the clause that names the place ("Die Taschenfeder Plus wird in Polen gefertigt,
        # die Kaltschaum 7 in Vechta konfektioniert"); a clause without a name continues the one before.
        named = set().union(*(found for clause, found in products if place in places.of(clause)))
        # "both" without a name in the sentence: two products of an earlier sentence, unknown here. The place holds
        # for both only if the origin fact gives it to two products at least (or to every product).
        dual = not named and any(_DUAL.search(c) for c in naming)
        holding = [c for c in clauses if place in places.of(c)]
        if not holding:
            return Verdict(False, shown, "origin")
        # A product the origin fact names in words of its own ("All-in-1 Tabs gefertigt in Belgien") that the
        # product index does not know: a claim naming it at another clause's place is about the wrong product.
        # Only the clause that names the place: "the tabs in Belgium, the detergent in Germany" names each apart.
        own = " ".join(c for c in _CLAUSE.split(sentence) if place in places.of(c))
        if _names_other_subject(own, holding, [c for c in clauses if c not in holding], places):
            return Verdict(False, shown, "origin")
        # An origin clause about one product ("Taschenfeder Plus: gefertigt in Polen") holds for it only; one
        # that names none ("Entwicklung in Fürth") holds for every product.
        by_clause = [base.products.named(c) for c in holding]
        scoped = set().union(*by_clause) if all(by_clause) else set()
        if scoped and ((named and not named <= scoped) or (everyone and not everyone <= scoped)):
            return Verdict(False, shown, "origin")
        if scoped and dual and len(scoped) < 2:
            return Verdict(False, shown, "origin")
        # A material word inside a product name ("Adult Lamm & Reis") says nothing about raw materials.
        materials = [c for c in holding if lexicon.has("origin_material", _without_names(c, base))]
        # Sites that only assemble, develop or test, with parts made there besides ("Endmontage in Weißenburg;
        # Tischplatte aus Deutschland"), back no claim that the product is made there.
        assembly = [c for c in holding if _ASSEMBLY.search(_step_of(c, place, places))]
        only_assembly = bool(assembly) and all(c in assembly or _component(c, place, places, base) for c in holding)
        for clause in naming:
            # The origin of the raw materials is not the place of manufacture ("ingredients from German farms").
            if lexicon.has("origin_material", clause) and not materials:
                return Verdict(False, shown, "origin")
            # ... unless the claim is about that very part ("Die Tischplatte kommt aus Deutschland").
            parts = [c for c in holding if _component(c, place, places, base)]
            subjects = {w for c in parts for w in _subject_words(c, places)}
            named_parts = meaning_keys(subjects, lexicon.glossary) & meaning_keys(tokens(clause), lexicon.glossary)
            part = any(_refers(w, subjects) for w in tokens(clause)) or any(k.startswith("#") for k in named_parts)
            if only_assembly and _claims_manufacture(clause, sentence) and not part:
                return Verdict(False, shown, "origin")
    if several and any(_TOTAL.search(c) and _MANUFACTURE.search(c) for c in _CLAUSE.split(sentence)):
        return Verdict(False, shown, "origin")
    return Verdict(True, shown, "origin")


def _origin_clauses(origin: str, places: _Places) -> list[str]:
    """One clause per stated origin: "Module gefertigt in Vietnam, Mikrowechselrichter in China; ...". A part
    that names several places is split at its commas; its leading product name ("Kaltschaum 7: Zuschnitt,
    Konfektion im Werk Vechta, Schaum aus der EU") stays with each piece."""
    found = []
    for part in (p.strip() for p in origin.split(";") if p.strip()):
        pieces = [p.strip() for p in re.split(r",(?![^()]*\))", part) if p.strip()]
        if len(places.of(part)) < 2 or len(pieces) < 2:
            found.append(part)
            continue
        head = re.match(r"[^:,]{1,60}:", part)
        prefix = head.group() if head else ""
        found.extend(piece if piece.startswith(prefix) else f"{prefix} {piece}" for piece in pieces)
    return found


def _subject_words(clause: str, places: _Places) -> set[str]:
    """The words an origin clause names its product with: those before its first step or place
    ("All-in-1 Tabs" of "All-in-1 Tabs gefertigt in Belgien"; none for "Entwicklung in Bamberg")."""
    words = set()
    for match in re.finditer(r"[^\W_]+(?:[-.][^\W_]+)*", clause):
        word = match.group()
        if _MANUFACTURE.search(word) or _ASSEMBLY.search(word) or places.of(word):
            break
        if len(word) >= 4 and not word.isdigit():
            words.add(word.lower())
    return words


def _refers(word: str, subjects: set[str]) -> bool:
    # "Waschmittel" refers to "Vollwaschmittel": the end of a compound of at least five letters.
    return any(word == s or (len(word) >= 5 and s.endswith(word)) for s in subjects)


def _names_other_subject(claim: str, holding: list[str], others: list[str], places: _Places) -> bool:
    """Whether the claim names only a product that the origin fact places elsewhere: one of its words is the
    subject of a clause that does not hold the place, and none is the subject of one that does. Words both
    share ("Omega-3 Kapseln: Fischöl aus Peru, verkapselt in Deutschland") decide nothing."""
    held_by = [_subject_words(c, places) for c in holding]
    # A clause that names no product ("entwickelt in Freiburg", "..., gefertigt in China") may be any product's.
    if not all(held_by):
        return False
    held = set().union(*held_by)
    elsewhere = set().union(*(_subject_words(c, places) for c in others)) - held
    words = tokens(claim)
    return any(_refers(w, elsewhere) for w in words) and not any(_refers(w, held) for w in words)


def _component(clause: str, place: str, places: _Places, base: FactBase) -> bool:
    """An origin clause about a part, not the product: a subject that names no product ("Tischplatte aus
    Deutschland", "Zellen aus Südkorea") and no manufacturing step."""
    if _MANUFACTURE.search(_step_of(clause, place, places)):
        return False
    return bool(_subject_words(clause, places)) and not base.products.mentioned(clause)


def _step_of(clause: str, place: str, places: _Places) -> str:
    """The words of an origin clause that lead to `place`, from the place named before it: in "Akkupacks
    konfektioniert in Tschechien mit Zellen aus Südkorea" Südkorea is where the cells come from, not where
    anything is assembled."""
    start = 0
    for match in re.finditer(r"[^\W\d_][\w-]*", clause):
        named = places.of(match.group())
        if place in named:
            return clause[start : match.end()]
        if named:
            start = match.end()
    return clause


def _products_by_clause(sentence: str, base: FactBase) -> list[tuple[str, set[int]]]:
    found = []
    current: set[int] = set()
    for clause in _CLAUSE.split(sentence):
        named = base.products.named(clause)
        current = named or current
        found.append((clause, current))
    return found


def _clauses_naming(sentence: str, place: str, places: _Places) -> list[str]:
    """The clauses of the claim that name `place`; a clause without a step of its own ("Bamberg, Germany")
    belongs to the clause before it ("designed in Bamberg")."""
    found = []
    current = ""
    for clause in _CLAUSE.split(sentence):
        current = clause if (_ASSEMBLY.search(clause) or _MANUFACTURE.search(clause)) else f"{current} {clause}"
        if place in places.of(clause):
            found.append(current)
    return found or [sentence]


def _claims_manufacture(clause: str, sentence: str) -> bool:
    """Whether the claim says more than a partial step (assembly, development, testing) for its place.

    The step is read from the clause naming the place ("entwickelt in Deutschland und hergestellt in
    China"); a clause without a step word falls back to the whole sentence.
    """
    if not (_ASSEMBLY.search(clause) or _MANUFACTURE.search(clause)):
        clause = sentence
    return bool(_MANUFACTURE.search(clause)) or not _ASSEMBLY.search(clause)


def _without_names(text: str, base: FactBase) -> str:
    for start, end in reversed(base.products.spans(text)):
        text = text[:start] + " " * (end - start) + text[end:]
    return text
