"""Documented restrictions and the assurances that contradict them.

Spec sheets state what a product does not do or must not be used for: "Keine Not- oder
Ersatzstromfunktion; bei Netzausfall schalten Wechselrichter und Einspeisung ab", "Rückwärtsgerichtet
niemals auf einem Sitz mit aktivem Frontairbag verwenden", "Nach jedem Unfall muss der Sitz ersetzt
werden, auch ohne sichtbare Schäden". A bot that reassures the customer on the same topic ("der S2
versorgt Ihre Geräte einfach weiter", "der Airbag ist kein Problem mehr", "nach einem kleinen
Auffahrunfall können Sie den Sitz ruhig weiterverwenden") contradicts the documented restriction: for a
child seat that is a safety claim (ProdHaftG §3), for a feature a false statement of its properties.

`restriction_clauses` collects, once per product line, every clause of a fact that restricts (a
negation, "nur", "erst ab", "muss", "never", "only", "must") with its topic words. An assurance sentence
(found by the rule packs: "kein Problem", "ruhig", "einfach weiter", "no problem", "you can still")
contradicts a restriction when it names at least two of its topic words, inflected or as compound parts
("Auffahrunfall" names "Unfall", "ausfällt" names "Netzausfall"), or one word of a restricting clause that
has no more than two ("Nicht im Badezimmer oder im Freien verwenden": "im Bad können Sie ihn ruhig ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from safe_reply.config_models import Fact
from safe_reply.negation import negation_regex
from safe_reply.types import Language
from safe_reply.validators.claims.glossary import Glossary
from safe_reply.validators.claims.products import ProductIndex
from safe_reply.validators.claims.taxonomy import Verdict
from safe_reply.validators.claims.wording import STOP_WORDS, tokens

# "Not-" and "No-" in German are compound heads ("Not- und Gefahrenfunktion"), not English negations.
_RESTRICTING = negation_regex(
    r"nur|ausschließlich|erst\s+ab|frühestens|muss|müssen|darf|dürfen|verboten|only|must|prohibited", after="(?!-)"
)
# Words every restriction and every reply has: they name no topic.
_GENERIC = STOP_WORDS | frozenset(
    """erst frühestens spätestens nach gilt gelten plus unter eigen eigene eigenen jedem jeder bei beim
    verwenden verwendet benutzen benutzt nutzen genutzt nutzung einsetzen eingesetzt betreiben betrieben betrieb
    gerät geräte produkt produkte modell modelle artikel funktion funktioniert wird werden wurde sind ist hat haben
    kann können muss müssen darf dürfen nicht kein keine keinen keiner niemals auch ohne oder und eine einer einem
    einen eines dies diese dieser dieses bitte immer jeder jede jedes jedem jeden sowie bzw laut siehe etwa rund
    used using use must never only other with without from into have been their there this that these those
    product products device devices model models unit units
    jahr jahre jahren monat monate monaten woche wochen tage tagen stunde stunden
    year years month months week weeks days hours""".split()
)
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "s"})
_ENDING = re.compile(r"(?:en|er|es|em|et|st|e|n|s|t)$")
_MIN_PART = 5  # a compound part that names a topic word ("unfall" in "Auffahrunfall")


@dataclass(frozen=True, slots=True)
class Restriction:
    text: str  # the fact's value or qualifier as documented, for the reviewer
    topics: frozenset[str]  # its topic words, stemmed
    core: frozenset[str]  # the topic words of its restricting clauses ("Keine Not- oder Ersatzstromfunktion")
    # Restricting clauses of at most two topic words ("Nicht im Badezimmer oder im Freien verwenden"): each
    # word is the whole topic of the clause, so naming one of them is enough.
    narrow: frozenset[str] = frozenset()
    # The glossary's meanings of each topic word (claims.glossary), by its stem: an English reply names the
    # German restriction's "Tauchen" with "diving".
    meanings: tuple[tuple[str, frozenset[int]], ...] = ()


def _stem(word: str) -> str:
    folded = word.lower().translate(_FOLD)
    stemmed = _ENDING.sub("", folded)
    return stemmed if len(stemmed) >= 4 else folded


def _topics(text: str, excluded: frozenset[str]) -> frozenset[str]:
    found = set()
    for word in tokens(text):
        for part in (word, *word.split("-")) if "-" in word else (word,):
            if len(part) >= 4 and part.isalpha() and part not in _GENERIC and part not in excluded:
                found.add(_stem(part))
    return frozenset(found)


def restriction_clauses(
    facts: Iterable[Fact], products: ProductIndex, nouns: Iterable[str], glossary: Glossary | None = None
) -> tuple[Restriction, ...]:
    """Every restricting clause of the facts' values and qualifiers, with its topic words (product names
    and generic nouns such as "Gerät" are no topic) and, with a glossary, their meanings."""
    excluded = frozenset(
        w for p in products.products for text in (p.name, *p.aliases, *p.nouns) for w in tokens(text.replace("-", " "))
    ) | frozenset(n.lower() for n in nouns)
    found = []
    for fact in facts:
        # The whole value (or qualifier) is the restriction's topic: "Keine Not- oder Ersatzstromfunktion;
        # bei Netzausfall schalten Wechselrichter und Einspeisung ab" is one restriction.
        for text in (str(fact.value), fact.qualifier or ""):
            if _RESTRICTING.search(text):
                # A product the restriction itself names is what it is about ("LQ Piste Kategorie 2 oder 4;
                # Kategorie 4 nicht für den Straßenverkehr"): its name words stay topics.
                own = frozenset(
                    w
                    for i in products.named(text)
                    for name in (products.products[i].name, *products.products[i].aliases)
                    for w in tokens(name.replace("-", " "))
                )
                kept = excluded - own
                topics = _topics(text, kept)
                clauses = [_topics(c, kept) for c in re.split(r";|(?<=[.!?])\s", text) if _RESTRICTING.search(c)]
                core = frozenset().union(*clauses)
                narrow = frozenset().union(*(c for c in clauses if len(c) <= 2))
                if len(topics) >= 2 and core:
                    meanings = _meanings(text, topics, glossary) if glossary is not None else ()
                    found.append(Restriction(text.strip(), topics, core, narrow, meanings))
    return tuple(found)


def _meanings(text: str, topics: frozenset[str], glossary: Glossary) -> tuple[tuple[str, frozenset[int]], ...]:
    """The glossary's meanings of the topic words of `text` (facts are read as German), by stem."""
    found: dict[str, set[int]] = {}
    for word in tokens(text):
        for part in (word, *word.split("-")) if "-" in word else (word,):
            stem = _stem(part)
            if stem in topics:
                found.setdefault(stem, set()).update(glossary.own_meaning(part, Language.DE))
    return tuple((stem, frozenset(meanings)) for stem, meanings in found.items() if meanings)


def _names(topic: str, said: set[str]) -> bool:
    """Whether a word of the sentence names `topic`: the same stem, or one a compound part of the other."""
    if topic in said:
        return True
    return any(
        (len(word) >= _MIN_PART and word in topic) or (len(topic) >= _MIN_PART and topic in word) for word in said
    )


def restrictions_verdict(
    sentence: str, restrictions: tuple[Restriction, ...], glossary: Glossary | None = None, english: bool = False
) -> Verdict:
    """An assurance is backed unless it names two topic words of one documented restriction, one of them
    from the restricting clause itself, or a word of a narrow restricting clause. With a glossary, a word of an
    English sentence names a German topic word of the same meaning ("diving" names "Tauchen"): then two words of
    the restricting clause itself must be named, never one word of a narrow clause ("water" alone is no "nicht in
    Wasser tauchen")."""
    parts = [part for word in tokens(sentence) for part in (word, *word.split("-"))]
    kept = [part for part in parts if len(part) >= 4 and part.isalpha() and part not in _GENERIC]
    said = {_stem(part) for part in kept}
    meant: set[int] = set()
    if english and glossary is not None and any(r.meanings for r in restrictions):
        meant = {m for part in kept for m in glossary.own_meaning(part, Language.EN)}
    for restriction in restrictions:
        by_meaning = {stem for stem, meanings in restriction.meanings if meanings & meant}
        literal = {t for t in restriction.topics if _names(t, said)}
        if (len(literal) >= 2 and restriction.core & literal) or restriction.narrow & literal:
            return Verdict(False, f"restriction: {restriction.text[:160]}")
        # By meaning, two words of the restricting clause itself: "diving … sauna" against "nicht zum Tauchen, für
        # die Sauna"; not "damp cloth and water" against "nicht in Wasser tauchen; feucht abwischen".
        if len(restriction.core & (literal | by_meaning)) >= 2:
            return Verdict(False, f"restriction: {restriction.text[:160]}")
    return Verdict(True, "restrictions: none on this topic")
