"""What a sentence says about a service term, besides its topic: what it makes free ("die Kissen gratis dazu":
the cushions) and what it stretches the term to ("auch nachträglich", "even if the seal is broken"). Read by the
service verdicts (evidence.py)."""

from __future__ import annotations

import re

from safe_reply.types import Language
from safe_reply.validators.claims.facts import FactBase, tokens
from safe_reply.validators.claims.lexicon import Lexicon
from safe_reply.validators.claims.wording import STOP_WORDS

__all__ = ["CLAUSE", "FREE", "TERM_CLAUSE", "free_objects", "stem5", "stretch_words", "what_is_free"]

CLAUSE = re.compile(r"[;:–—]|\s-\s|,(?!\d)|(?<!\d),")
FREE = "service_concept.free"
# The part of a term before its "immer" ("Spar-Abo-Lieferungen immer versandkostenfrei") is whom it holds for always.
TERM_CLAUSE = re.compile(r"[;,()]")
# Words of a free clause that say nothing about what is free: pronouns, articles, particles, verbs of giving.
_NOT_OBJECTS = frozenset(
    """
    sie ihnen ihr ihre ihren ihrem ihrer wir uns unser unsere unseren unserem unserer ich mich mir der die das den
    dem des ein eine einen einem einer zum zur beim vom mit bei für auf nach dazu dabei auch natürlich
    selbstverständlich einfach immer gerne gern komplett ganz völlig bekommen bekommt gibt geben erhalten erhält
    dann jetzt heute also
    this that these those with your yours ours their them they will would also just always course completely entirely
    totally fully naturally simply absolutely included includes include every each here there then when which what
    kosten costs cost charge
    have been being from into onto about well very really still even only come comes gets give gives getting
    without obligation obligations commitment verpflichtung kaufverpflichtung ohne
    """.split()
)
_CAPITALISED = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\w-]+")


def free_objects(sentence: str, language: Language, base: FactBase, lexicon: Lexicon) -> set[str]:
    """The words of the clauses that make something free that may name what is free (in German its nouns), less
    the words of "free" and the product's own names ("Zum Sofa gibt es die Kissen gratis dazu": the cushions)."""
    names = base.product_words
    found: set[str] = set()
    for clause in CLAUSE.split(sentence):
        if not lexicon.has(FREE, clause):
            continue
        words = tokens(" ".join(_CAPITALISED.findall(clause)) if language is Language.DE else clause)
        found |= {
            w for w in words if len(w) >= 4 and w.isalpha() and w not in _NOT_OBJECTS and not lexicon.has(FREE, w)
        }
    # The product is what the freebie comes with ("zum Sofa"), unless nothing else is named: then it is what is free.
    return found - names or found


def what_is_free(entry: str, base: FactBase, lexicon: Lexicon) -> str:
    """The clauses of a term that make something free ("Vermittlung kostenlos" of "Vermittlung an 300 Partnerbetriebe;
    Vermittlung kostenlos; Vertrag mit dem Betrieb": the brokering is free, not the partners' work). A clause that is
    only the free word ("showroom = kostenlos, ca. 60 Minuten") makes the term's own subject free: its key and labels.
    A term without such a clause, and an approved claim (a sentence, whose subject may stand in a clause of its own:
    "Den Sehtest bieten wir kostenlos an; er dauert etwa 20 Minuten"), is taken whole."""
    key, _, value = entry.partition(" = ")
    clauses = [c for c in TERM_CLAUSE.split(value) if lexicon.has(FREE, c)]
    if not clauses:
        return entry
    bare = any(not {w for w in tokens(c) if len(w) >= 4 and not lexicon.has(FREE, w)} for c in clauses)
    subject = f"{key} {base.service_titles.get(entry, '')}" if bare else ""
    return " ".join([*clauses, subject])


_STRETCHED = re.compile(
    r"\bauch\s+(?:nachträglich|rückwirkend|wenn|dann,?\s+wenn|bei|ohne|nach\s+ablauf)\b|\bselbst\s+wenn\b"
    r"|\beven\s+(?:if|when|after|without|though)\b|\bretroactive(?:ly)?\b",
    re.IGNORECASE,
)


def stretch_words(sentence: str) -> set[str]:
    """The content words of what a sentence stretches a term to (after "auch wenn", "even if", up to the clause's end),
    as five-letter stems; empty when it stretches nothing."""
    found: set[str] = set()
    for match in _STRETCHED.finditer(sentence):
        clause = re.split(r"[,;:.!?]", sentence[match.start() :], maxsplit=1)[0]
        found |= {stem5(w) for w in tokens(clause) if len(w) >= 5 and w not in STOP_WORDS}
    return found


def stem5(word: str) -> str:
    return word.lower()[:5]
