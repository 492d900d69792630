"""The reply side of counted attributes (counted.py): which counts a reply states, and which the spec sheet backs.

No rule pack names a company's counted nouns ("Widerstandsstufen", "Hörprogramme"), so these counts are found by the
product line's own pattern and judged here; a count the bot does not assert (a question, quoted or echoed customer
words, a denial, an unreleased product) is no claim, as for every rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from safe_reply.types import Language, Span
from safe_reply.validators.claims.counted import count_backed, counts
from safe_reply.validators.claims.speech import echoed, not_asserted
from safe_reply.validators.claims.taxonomy import Verdict
from safe_reply.validators.claims.text import ReplyView, quoted


@dataclass(frozen=True, slots=True)
class CountClaim:
    span: Span  # the count and its noun
    sentence: Span
    verdict: Verdict


def count_claims(view: ReplyView, language: Language) -> list[CountClaim]:
    """The counts of the reply that go beyond the spec sheet."""
    base, text = view.base, view.text
    pattern = base.count_pattern
    if pattern is None or pattern.search(text) is None:
        return []
    found = []
    for sentence in view.sentences():
        piece = sentence.of(text)
        if pattern.search(piece) is None:
            continue
        products = base.products.named(piece) or base.products.mentioned(piece) or view.products_before(sentence)
        for count in counts(piece, language, base.counted, pattern, products, base.products.spans(piece)):
            span = Span(sentence.start + count.start, sentence.start + count.end)
            if (
                quoted(text, span, sentence, view.lexicon)
                or not_asserted(text, span, sentence)
                or echoed(text, span, sentence, view.after(sentence))
                or view.unreleased(sentence)
            ):
                continue
            if not count_backed(count):
                shown = "; ".join(dict.fromkeys(f.shown for f in count.facts))
                found.append(CountClaim(span, sentence, Verdict(False, shown, count.facts[0].key)))
    return found
