"""What a sentence does with a claim: offer it, ask about it, or say it of another product.

A claim rule finds the words; whether they are asserted of a product on sale depends on the speech act
around them. An offer the bot makes itself binds ("ich biete Ihnen 20 € an"); a yes/no or indirect question
asserts nothing ("Is the GS mark there?", "Ob das hilft, besprechen Sie mit Ihrer Ärztin"); after a
contrast, the part about a product on sale is a claim even when the sentence began with an unreleased one.
"""

from __future__ import annotations

import re

from safe_reply.rulepacks import RuleMatch
from safe_reply.types import Span
from safe_reply.validators.claims.taxonomy import Backing
from safe_reply.validators.claims.text import ReplyView

_CLAUSE_BREAK = re.compile(r"[,;:–—]|\s-\s")
# The bot makes an offer itself, now: "ich biete Ihnen ... an", "erstatte ich Ihnen", "I'll refund you".
_PERFORMATIVE = re.compile(
    r"\b(?:ich|wir)\s+(?:biete|bieten|erstatte|erstatten|überweise|überweisen|schenke|schenken|gewähre|gewähren)\s+"
    r"ihnen\b|\b(?:biete|erstatte|überweise|schenke|gewähre)\s+ich\s+ihnen\b"
    # The modal offer is an offer all the same: "daher kann ich nur 20 € anbieten", "I can offer you €20".
    r"|\b(?:(?:kann|könnte|darf|würde)\s+ich|ich\s+(?:kann|könnte|darf|würde))\s+(?:ihnen\s+)?(?:(?!bis\b|maximal\b|höchstens\b)[\w€%.,]+\s+){0,4}?"
    r"(?:anbieten|gewähren|erstatten|gutschreiben|überweisen|schenken)\b"
    r"|\bI(?:['’]ll|\s+will|['’]m\s+(?:offering|giving|refunding))\s+(?:\w+\s+)?(?:you|refund\s+you|credit\s+you)\b"
    r"|\bI\s+(?:can|could)\s+(?:only\s+)?(?:offer|give|refund|credit)\s+you\b(?!\s+(?:up\s+to|a\s+maximum|at\s+most))",
    re.IGNORECASE,
)


def offered(text: str, match: Span, sentence: Span, backing: Backing) -> bool:
    """Whether a service commitment is an offer the bot itself makes in the clause of the match."""
    return backing is Backing.SERVICE and _PERFORMATIVE.search(clause_of(text, match, sentence).of(text)) is not None


# A yes/no question asks, it does not assert: "Is the GS mark there?", "Ist der Akku wechselbar?". A question
# that tells the customer something ("Wussten Sie, dass ...", "Did you know ...") is still a claim.
_YES_NO_QUESTION = re.compile(
    r"^\W*(?:is|are|was|were|does|do|did|has|have|can|could|will|would|should|ist|sind|war|waren|hat|haben|"
    r"kann|können|könnte|wird|werden|würde|gibt\s+es|trägt|tragen|passt|passen|funktioniert|läuft)\b"
    r"(?![^?]*\b(?:wussten|wusstest|did\s+you\s+know|schon\s+gewusst)\b)[^?]*\?\s*$",
    re.IGNORECASE,
)
# An indirect question ("Ob das bei Ihrer Allergie hilft, besprechen Sie mit Ihrer Ärztin", "whether it helps
# with your allergy is something your doctor can tell you") leaves open what a claim would assert.
_INDIRECT_QUESTION = re.compile(r"^\W*(?:ob|whether)\b", re.IGNORECASE)
# Where one sentence speaks of an unreleased product and then of one on sale, after a contrast or a new clause
# ("The KV9 isn't out yet, but the KV7 Plus is available right now – only 3 left"), the part about the
# product on sale is a claim about it.
_CONTRAST = re.compile(r";|,?\s+(?:but|aber|doch|jedoch|dafür|whereas|while|während)\s+", re.IGNORECASE)


def not_asserted(text: str, match: Span, sentence: Span) -> bool:
    """Whether the match stands in a yes/no question or an indirect question (nothing is asserted)."""
    if _YES_NO_QUESTION.search(sentence.of(text)):
        return True
    return _INDIRECT_QUESTION.search(clause_of(text, match, sentence).of(text)) is not None


def about_product_on_sale(view: ReplyView, match: RuleMatch) -> bool:
    """Whether the part of the sentence holding the match (after its last contrast) names a product on sale and no
    unreleased one."""
    text, sentence = view.text, match.sentence_span
    start = max((m.end() for m in _CONTRAST.finditer(text, sentence.start, match.span.start)), default=sentence.start)
    if start == sentence.start:
        return False
    part = Span(start, sentence.end)
    words = part.of(text)
    if view.unreleased(part):
        return False
    return bool(view.base.products.named(words))


def clause_of(text: str, match: Span, sentence: Span) -> Span:
    """The clause of the sentence that holds the match (between commas, semicolons, dashes)."""
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, sentence.start, match.start)), default=sentence.start)
    stop = _CLAUSE_BREAK.search(text, match.end, sentence.end)
    return Span(start, stop.start() if stop else sentence.end)
