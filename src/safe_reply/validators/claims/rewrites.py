"""How a flagged claim is fixed: the approved claim about the same attribute in its place, or the sentence
removed; and whether anything the customer needs is left (split from validator.py, which decides)."""

from __future__ import annotations

import re

from safe_reply.rulepacks.sentences import sentence_spans
from safe_reply.types import Edit, Span
from safe_reply.validators.claims.facts import ApprovedClaim, FactBase
from safe_reply.validators.claims.taxonomy import ClaimCategory

__all__ = ["approved_for", "removal_or_replacement", "something_left"]

# Sentences that carry nothing for the customer on their own: the AI notice, greetings, sign-offs.
_FILLER = re.compile(
    r"^\W*(?:hinweis|note)\s*:|\b(?:ki|ai)[- ]?(?:assistent\w*|assistant|system|chatbot|generiert\w*|generated)\b"
    r"|^\W*(?:hallo|hi|hello|guten (?:tag|morgen|abend)|willkommen\w*|welcome|keine sorge|no worries|good news"
    r"|gute nachrichten?|das tut mir leid|sorry|vielen dank|danke|thanks|thank you|beste grüße|viele grüße"
    r"|best wishes|kind regards)\b[^.!?]{0,40}[.!?]?\s*$",
    re.IGNORECASE,
)


def approved_for(
    candidates: tuple[ApprovedClaim, ...], category: ClaimCategory, key: str | None, base: FactBase
) -> ApprovedClaim | None:
    """The approved claim about the same attribute as a flagged sentence of `category` (about fact `key`)."""
    if category is ClaimCategory.SPEC_EXCEEDED and key is not None:
        fact = next((f for f in base.numeric if f.key == key), None)
        if fact is None:
            return None
        for approved in candidates:
            if any(
                q.dimension is fact.dimension and abs(q.value - fact.value) <= 1e-6 * max(fact.value, 1)
                for q in approved.values
            ):
                return approved
        return None
    words = {
        ClaimCategory.GUARANTEE: ("garantie", "herstellergarantie", "guarantee"),
        ClaimCategory.ORIGIN: (
            "endmontage",
            "montiert",
            "montage",
            "hergestellt",
            "gefertigt",
            "entwickelt",
            "assembly",
            "assembled",
            "made",
            "manufactured",
            "developed",
        ),
    }.get(category)
    if words is None:
        return None
    return next((a for a in candidates if any(w in a.tokens for w in words)), None)


def something_left(text: str, removed: list[Span]) -> bool:
    """Whether a sentence the customer needs is left once `removed` is cut (notices and greetings are not)."""
    for span in sentence_spans(text):
        if any(span.overlaps(r) for r in removed):
            continue
        sentence = span.of(text).strip()
        if sentence and not _FILLER.search(sentence):
            return True
    return False


def removal_or_replacement(text: str, span: Span, replacement: str | None) -> Edit:
    """The edit for a flagged sentence: its replacement, or the sentence cut with the whitespace after it
    (before it, for the last sentence), so the reply reads on without a gap."""
    if replacement is not None:
        return Edit(span, replacement)
    end = span.end
    while end < len(text) and text[end].isspace():
        end += 1
    start = span.start
    if end == len(text):  # the last sentence: take the whitespace before it instead
        end = span.end
        while start > 0 and text[start - 1].isspace():
            start -= 1
    return Edit(Span(start, end), "")
