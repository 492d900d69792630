"""The reply side of negated properties (negated.py): a sentence that states what the facts say a product is not.

"Die D3 1000 Tropfen sind vegan" where the facts say "nicht vegan". The sentence must name (or single out by its
noun) a product the negation holds for, or follow a reply that talked about exactly one; the property must not be
negated in its own clause ("vegan ist es nicht", "leider nicht spülmaschinengeeignet"); and the bot must assert
it (a question, quoted or echoed customer words, an unreleased product are no claim, as for every rule).
"""

from __future__ import annotations

from dataclasses import dataclass

from safe_reply.negation import denies
from safe_reply.rulepacks.clauses import clause
from safe_reply.types import Message, Span
from safe_reply.validators.claims.speech import echoed, not_asserted
from safe_reply.validators.claims.taxonomy import Verdict
from safe_reply.validators.claims.text import ReplyView, quoted

RULE_ID = "claims.negated-fact"
LEGAL_BASIS = "UWG §5 Abs. 1 S. 2 Nr. 1; BGB §434 Abs. 3 S. 1 Nr. 2 b"
MESSAGE = Message(
    "Die Antwort schreibt dem Produkt eine Eigenschaft zu, die es laut Produktdaten ausdrücklich nicht hat (etwa "
    "„vegan“, wo die Daten „nicht vegan“ sagen). Eine falsche Angabe über wesentliche Merkmale ist irreführend "
    "(UWG §5) und bestimmt die geschuldete Beschaffenheit (BGB §434). Die dokumentierte Angabe nennen.",
    'The reply gives the product a property the product data say it does not have (say "vegan" where the data say '
    '"not vegan"). A false statement about main characteristics misleads (UWG §5) and defines the quality owed '
    "(BGB §434). State the documented fact.",
)


@dataclass(frozen=True, slots=True)
class NegatedClaim:
    span: Span  # the property as the reply states it
    sentence: Span
    verdict: Verdict


def negated_claims(view: ReplyView) -> list[NegatedClaim]:
    base, text = view.base, view.text
    if not base.negated:
        return []
    lowered = text.lower()
    if not any(p.pattern.search(lowered) for p in base.negated):
        return []
    found = []
    for sentence in view.sentences():
        piece = sentence.of(text)
        for prop in base.negated:
            match = prop.pattern.search(piece)
            if match is None:
                continue
            if prop.products:
                named = base.products.named(piece) or base.products.mentioned(piece)
                before = view.products_before(sentence)
                if not prop.products & (named or (before if len(before) == 1 else set())):
                    continue
            span = Span(sentence.start + match.start(), sentence.start + match.end())
            if (
                denies(clause(piece, match.start(), match.end()))
                or quoted(text, span, sentence, view.lexicon)
                or not_asserted(text, span, sentence)
                or echoed(text, span, sentence, view.after(sentence))
                or view.unreleased(sentence)
            ):
                continue
            found.append(NegatedClaim(span, sentence, Verdict(False, prop.shown, prop.key)))
            break
    return found
