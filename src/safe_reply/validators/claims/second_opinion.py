"""Where the claims model speaks: the sentences no claims rule matched, and not where the rules would stay quiet.

A sentence a rule matched has been judged by the rules (flagged, or backed by the facts, or not asserted), so
the model never scores it. A sentence the model is sure of still passes when the rules' own reasons to stay quiet
hold for it: a question or an instruction, quoted customer text, an unreleased product (a trade-secret matter),
an approved claim that says the same, or figures the spec sheet backs. The rest is a `claims.model` finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from safe_reply.rulepacks import CompiledPacks
from safe_reply.types import Language, Span
from safe_reply.validators.claims.backing import approved_backing
from safe_reply.validators.claims.figures import check_numbers, numbers_verdict
from safe_reply.validators.claims.model import ClaimsModel
from safe_reply.validators.claims.speech import not_asserted
from safe_reply.validators.claims.text import ReplyView, quoted

# A question or an instruction asserts nothing ("Soll ich Ihnen ...?", "Bitte prüfen Sie ...").
_NOT_A_STATEMENT = re.compile(r"^\W*(?:bitte|please)\b|\?[\s\"'»«“”’)]*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ModelFlag:
    span: Span  # the sentence
    cues: tuple[str, ...]  # the words and word pairs that weighed most
    probability: float


def model_flags(
    model: ClaimsModel, packs: CompiledPacks, view: ReplyView, language: Language, judged: Iterable[Span]
) -> list[ModelFlag]:
    """The sentences of the reply the model flags (in text order). The scan has just lower-cased and split the
    reply: its copies are read, so the model's own cost is one pass of its automaton."""
    text = view.text
    sentences = packs.sentences(text)
    starts, ends = sentences.boundaries()
    skip = {n for s in judged if (n := sentences.number_at(s.start)) >= 0}
    found: list[ModelFlag] = []
    for number in model.sure_in(packs.lowered(text), starts, ends, skip):
        span = Span(starts[number], ends[number])
        if not stays_quiet(view, span, language):
            sentence = span.of(text)
            found.append(ModelFlag(span, model.cues(sentence), model.probability(sentence)))
    return found


def stays_quiet(view: ReplyView, span: Span, language: Language) -> bool:
    """Whether the rules' reasons not to flag a sentence hold for this one (asked only of sentences the model flags)."""
    text, sentence = view.text, span.of(view.text)
    if _NOT_A_STATEMENT.search(sentence) or not_asserted(text, span, span):
        return True
    # Quoted customer text: the middle of the sentence stands inside a quotation of someone else's words.
    middle = (span.start + span.end) // 2
    if quoted(text, Span(middle, middle + 1), span, view.lexicon) or view.unreleased(span):
        return True
    if approved_backing(sentence, "", view.base) is not None:
        return True
    hint = view.products_before(span)
    checks = check_numbers(sentence, language, view.base, hint, view.before(span), view.after(span))
    return bool(checks) and numbers_verdict(checks).backed
