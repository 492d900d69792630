"""Negated properties: what the product data say a product is not, read once at load.

Spec sheets say what a product lacks as often as what it has: "Vitamin D3 aus Lanolin; nicht vegan", "Keramikpfanne,
Bräter und Messer nicht spülmaschinengeeignet (Handwäsche)", "Spanplatte, nicht FSC-zertifiziert", "laktosearm,
nicht laktosefrei", "not waterproof". A reply that states the property plainly ("Die D3 1000 Tropfen sind vegan")
says the opposite of the documented fact; no rule pack can know these words, so they come from the facts.

A negated property is "nicht"/"not" and one adjective of kind that ends its clause ("-frei", "-fest", "-dicht",
"-geeignet", "-zertifiziert", "vegan", "-proof", "-safe"; lower case, or a hyphenated compound with a lower-case
head: "FSC-zertifiziert"); a noun after "nicht" ("nur Paketware, nicht Spedition"), a verb's participle ("wird nicht
geladen") or a longer phrase ("nicht extern geprüft", "nicht für Kinder") is not read, nor a negation whose subject
is a part rather than the product ("Deckel nicht ofenfest"). It holds for the products
its clause names, else the fact's products, else the whole line. A property the facts also state without the
negation for an overlapping product ("ohne Deckel ofenfest …; Deckel … nicht ofenfest") is ambiguous and dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from safe_reply.config_models import Fact
from safe_reply.validators.claims.fact_parts import product_scope
from safe_reply.validators.claims.products import ProductIndex
from safe_reply.validators.claims.wording import PAREN

_NEGATED = re.compile(
    r"\b(?:nicht|not)\s+(?P<word>[^\W\d_][\w]*(?:-[^\W\d_]\w*)?)"
    # The property may be finished by the treatment that gives it ("nicht flammhemmend ausgerüstet"); "nicht vegan
    # zertifiziert" or "nicht als PFC-frei ausgewiesen" deny a label, not the property, and are not read.
    r"(?:\s+(?:ausgerüstet|imprägniert|behandelt|beschichtet|treated|coated))?"
    r"(?=\s*(?:[,;.)(]|$|\s(?:und|and|oder|or|sondern|but|daher|therefore)\b))",
    re.IGNORECASE,
)
# "alle anderen Modelle sind nicht flammhemmend": every product but those the fact names.
_OTHERS = re.compile(r"\b(?:alle\s+(?:anderen|übrigen)|die\s+(?:anderen|übrigen)|all\s+(?:the\s+)?other|other)\b", re.I)
# Words after "nicht" that name no property of their own ("nicht nur", "not only", "nicht mehr").
_NO_PROPERTY = frozenset(
    """nur mehr alle immer ganz sehr zu so auch mal ganz erst gleich sofort direkt länger möglich nötig notwendig
    erforderlich enthalten inbegriffen only all always very too yet even just also possible necessary required
    included""".split()
)
_CLAUSES = re.compile(r"[;\n]|\.\s")
# A property is an adjective of kind ("vegan", "laktosefrei", "spülmaschinengeeignet", "wasserdicht", "ofenfest",
# "FSC-zertifiziert", "dishwasher-safe", "waterproof"), not a verb's participle ("unter 0 °C wird nicht geladen").
_PROPERTY = re.compile(
    r"(?:frei|fest|dicht|geeignet|zertifiziert|sicher|tauglich|beständig|resistent|haltig|isch|vegan|hemmend|abweisend|"
    r"free|proof|safe|friendly|certified|resistant|suitable|compatible|approved)$",
    re.IGNORECASE,
)
# A clause whose subject is a part ("Ladecase nicht geschützt", "Deckel nicht ofenfest"): a capitalised word that is
# no product name stands right before the negation; the negation is about that part, not the product.
_SUBJECT = re.compile(r"(?:^|[,:(]\s*)(?:\w+\s+)?[A-ZÄÖÜ][\w-]*\s*$")
_MIN_WORD = 4


@dataclass(frozen=True, slots=True)
class NegatedProperty:
    word: str  # as documented, lower case: "spülmaschinengeeignet", "fsc-zertifiziert"
    pattern: re.Pattern[str]  # the property in a reply, inflected, hyphen or space between its parts
    products: frozenset[int]  # the products it holds for; empty: the whole line
    shown: str  # the documented clause, for the reviewer
    key: str


def negated_properties(facts: Sequence[Fact], products: ProductIndex) -> tuple[NegatedProperty, ...]:
    found: list[NegatedProperty] = []
    # (clause lower-cased, its products) of every clause that may affirm a property; a qualifier that names no
    # product speaks of its own fact's value ("flammhemmend heißt nicht unbrennbar"): it affirms nothing new.
    positive: list[tuple[str, frozenset[int]]] = []
    for fact in facts:
        labels = " ".join(x for x in (fact.label_de, fact.label_en) if x)
        scope = frozenset(product_scope(fact, products, labels, ""))
        for text, qualifies in ((str(fact.value), False), (fact.qualifier or "", True)):
            for clause in _CLAUSES.split(text):
                own = frozenset(products.named(clause) | products.mentioned(clause)) or scope
                if not (qualifies and not own):
                    positive.append((_NEGATED.sub(" ", clause.lower()), own))
                for match in _NEGATED.finditer(clause):
                    word = match.group("word")
                    head = word.rsplit("-", 1)[-1]
                    if len(word) < _MIN_WORD or not head[:1].islower() or word.lower() in _NO_PROPERTY:
                        continue
                    if not _PROPERTY.search(word):
                        continue
                    before = PAREN.sub(" ", clause[: match.start()])
                    unnamed = before
                    for start, end in reversed(products.spans(before)):
                        unnamed = unnamed[:start] + unnamed[end:]
                    if _SUBJECT.search(unnamed.rstrip()):
                        continue
                    named = frozenset(products.named(before) | products.mentioned(before)) or scope
                    if _OTHERS.search(before):
                        named = frozenset(range(len(products))) - frozenset(products.named(str(fact.value)))
                    found.append(
                        NegatedProperty(word.lower(), _pattern(word), named, f"{fact.key} = {clause.strip()}", fact.key)
                    )
    # Drop a property the facts also affirm for an overlapping product (or for the whole line).
    return tuple(
        p
        for p in found
        if not any(p.pattern.search(text) and (not p.products or not own or p.products & own) for text, own in positive)
    )


def _pattern(word: str) -> re.Pattern[str]:
    parts = [re.escape(part) for part in word.lower().split("-")]
    # "vegan" -> "vegane", "veganes"; "FSC-zertifiziert" -> "FSC zertifizierte"; not "Veganuary" (at most three
    # letters more).
    return re.compile(r"\b" + r"[\s-]?".join(parts) + r"\w{0,3}\b", re.IGNORECASE)
