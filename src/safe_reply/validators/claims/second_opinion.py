"""Where the claims model speaks: the sentences no claims rule matched, and not where the rules would stay quiet.

A sentence a rule matched has been judged by the rules (flagged, or backed by the facts, or not asserted), so
the model never scores it. A sentence the model is sure of still passes when the rules' own reasons to stay quiet
hold for it: a question or an instruction, quoted customer text, an unreleased product (a trade-secret matter),
or the product line's own data back what it says. "Backed" asks the same evidence the rules ask, each where the
sentence says something of its kind: an approved claim that says the same (near-verbatim), figures the spec
sheet backs, a service term of the same kind with the same figures ("30 Tage kostenlos zurückgeben" against
the returns term), the origin fact ("bottled in Germany"), documented prices, a label or certificate the
product holds, an energy class, a free-from claim about a substance the facts name, the guarantee the line gives.
Without these the model would flag statements no rule had to clear because none matched them. The rest is a
`claims.model` finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from safe_reply.rulepacks import CompiledPacks
from safe_reply.types import Language, Span
from safe_reply.validators.claims.backing import approved_backing, guarantee_verdict, held_label_verdict
from safe_reply.validators.claims.documented import energy_class_verdict, energy_classes
from safe_reply.validators.claims.evidence import (
    concept_verdict,
    price_verdict,
    service_verdict,
)
from safe_reply.validators.claims.facts import money
from safe_reply.validators.claims.figures import check_numbers, numbers_verdict
from safe_reply.validators.claims.model import ClaimsModel
from safe_reply.validators.claims.origin import origin_verdict
from safe_reply.validators.claims.speech import not_asserted
from safe_reply.validators.claims.text import ReplyView, quoted

# A question or an instruction asserts nothing ("Soll ich Ihnen ...?", "Bitte prüfen Sie ...").
_NOT_A_STATEMENT = re.compile(r"^\W*(?:bitte|please)\b|\?[\s\"'»«“”’)]*$", re.IGNORECASE)
# A safety or care instruction tells the customer what to do or what must be done, it promises nothing about the
# product: an imperative at the start of the sentence (after a list number or "A few reminders:"), or what "must"
# be done ("Der Sitz muss nach einem Unfall ersetzt werden", "the face should always be visible"). Bag-of-words
# weights cannot see the mood: "never", "always", "immer" weigh as in a promise.
_INSTRUCTION = re.compile(
    r"^\W*(?:\d+[.)]\s*)?(?:[\w ]{0,20}(?:reminders?|tips?|hinweise?|tipps?)\s*:\s*)?"
    r"(?:never|do\s+not|don['’]t|keep|make\s+sure|avoid|be\s+sure\s+to|remember\s+to|"
    r"(?:halten|lassen|achten|lesen|tragen|prüfen|vermeiden|verwenden|reinigen|schalten|ziehen|bewahren|tauschen|"
    r"ersetzen|befolgen|stellen|legen)\s+sie)\b"
    r"|\b(?:muss|müssen|must(?:\s+always)?|should\s+always)\s+(?:[\w-]+\s+){0,6}?(?:werden|sein|bleiben|be)\b",
    re.IGNORECASE,
)
# ... unless it is a promise in that form: "Sie müssen nie wieder entkalken", "never worry about it again".
_PROMISE_IN_INSTRUCTION = re.compile(
    r"\b(?:nie(?:mals)?\s+(?:wieder|mehr)|never\s+(?:\w+\s+){0,4}?again|no\s+longer|nicht\s+mehr|nichts|nothing|"
    r"kein\w*\s+(?:\w+\s+)?mehr|any\s+more|anymore)\b",
    re.IGNORECASE,
)


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
    if _INSTRUCTION.search(sentence) and not _PROMISE_IN_INSTRUCTION.search(sentence):
        return True
    # Quoted customer text: the middle of the sentence stands inside a quotation of someone else's words.
    middle = (span.start + span.end) // 2
    if quoted(text, Span(middle, middle + 1), span, view.lexicon) or view.unreleased(span):
        return True
    return backed(view, span, language)


# The guarantee as a noun ("3 Jahre Garantie", "warranty"): "garantiert" and "guaranteed" are intensifiers that
# promise something, not a reference to the guarantee the line gives.
_GUARANTEE = re.compile(r"\b\w*(?:garantie|gewährleistung|guarantee|warranty)\b", re.IGNORECASE)


# The bot acting in the first person ("I've refunded your last three deliveries", "ich habe Ihnen ... gutgeschrieben",
# "I'll send you a new one") makes an individual commitment: a service term of the same kind says what the company
# offers everyone, not that this agent may grant it.
_BOT_ACTS = re.compile(
    r"\b(?:I(?:['’]ve|\s+have|['’]ll|\s+will|['’]m\s+going\s+to)|ich\s+(?:habe|hab|werde)|(?:habe|werde)\s+ich)\b"
    r"(?!\s+(?:nicht|keine?n?|not|no)\b)",
    re.IGNORECASE,
)


def backed(view: ReplyView, span: Span, language: Language) -> bool:
    """Whether the product line's data back the sentence, by the evidence of the kind of statement it makes."""
    text, base, lexicon = view.text, view.base, view.lexicon
    sentence = span.of(text)
    if approved_backing(sentence, "", base, lexicon.glossary, language) is not None:
        return True
    hint = view.products_before(span)
    checks = check_numbers(sentence, language, base, hint, view.before(span), view.after(span))
    if checks:
        return numbers_verdict(checks).backed
    products = base.products_in(sentence) or hint
    return (
        (
            bool(base.service)
            and not _BOT_ACTS.search(sentence)
            and service_verdict(sentence, sentence, language, base, lexicon).backed
        )
        or (base.origin is not None and origin_verdict(sentence, base, lexicon).backed)
        or (bool(money(sentence)) and price_verdict(sentence, base).backed)
        or (bool(base.certifications) and held_label_verdict(sentence, base, products, lexicon).backed)
        or (bool(energy_classes(sentence)) and energy_class_verdict(sentence, base).backed)
        or (
            lexicon.has("substance", sentence)
            and concept_verdict(sentence, sentence, base, lexicon, "substance").backed
        )
        or (_GUARANTEE.search(sentence) is not None and guarantee_verdict(sentence, language, base).backed)
    )
