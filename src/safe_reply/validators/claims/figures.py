"""The figures of a reply sentence compared with the spec sheet's alternatives (alternatives.py).

For each figure: which attribute it is about (the words before it, since the previous figure: label
words, the vocabulary's attribute groups, the words of an alternative's own condition), which product
(named, else the products the reply talked about), and whether the figure is a claim at all. It is not
when it names a product ("Storm 3L"), restates a documented measuring condition ("bei 25 °C"), is part
of a guarantee term ("12 Jahre Produktgarantie ... mindestens 84,8 %"), is relative ("30 % weniger") or
describes the customer's own situation ("Wenn Ihr Sohn 98 cm groß ist"). A figure is backed when it stays
within the alternative it is about, keeps its "bis zu" or names its condition, and does not contradict
its measuring conditions (distance, mode).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from safe_reply.quantities import Dimension, Quantity, parse_number, quantities
from safe_reply.types import Language
from safe_reply.validators.claims.alternatives import (
    Direction,
    NumericFact,
    negated_words,
    unit_tail,
)
from safe_reply.validators.claims.conditions import (
    BARE_LOW,
    LOWER_BOUND,
    QUALIFIED_EN,
    contradicts_conditions,
    has_upper_bound,
    named_condition,
    names_condition,
    names_figures,
    split_words,
    universal,
)
from safe_reply.validators.claims.facts import FactBase
from safe_reply.validators.claims.not_a_spec import cue_in, not_a_spec
from safe_reply.validators.claims.servings import scale, serving_in
from safe_reply.validators.claims.taxonomy import Verdict

# Dimensions too general to compare without a word that names the attribute ("10 Sekunden
# gedrückt halten" is an instruction, not a charging time).
_NEEDS_CUE = frozenset(
    {
        Dimension.DURATION,
        Dimension.PERCENT,
        Dimension.MASS,
        Dimension.TEMPERATURE,
        Dimension.VOLUME,
        Dimension.COUNT,
        Dimension.LENGTH,
    }
)
# Guarantee terms: durations, cycles and shares in a sentence about a guarantee belong to the guarantee.
_GUARANTEE = re.compile(r"garantie|gewährleistung|guarantee|warrant", re.IGNORECASE)
_GUARANTEE_TERMS = frozenset({Dimension.DURATION, Dimension.CYCLES, Dimension.PERCENT})


@dataclass(frozen=True, slots=True)
class NumberCheck:
    quantity: Quantity
    facts: tuple[NumericFact, ...]  # the facts it was compared with (all plausible attributes)
    backed: bool
    dropped_qualifier: bool


def check_numbers(
    sentence: str, language: Language, base: FactBase, hint: set[int], before: str = "", after: str = ""
) -> list[NumberCheck]:
    """Every figure of the sentence that maps onto a spec-sheet attribute, compared with it.

    `before` is the sentence or list heading before it: a list item "Mikrowechselrichter: 10 Jahre" under
    "Die Garantien im Überblick" is a guarantee term. A condition may be named in either neighbour
    ("400 m³/h entsprechen rund 235 CFM. Gemessen ... auf Stufe Turbo.").
    """
    found = quantities(sentence, language)
    if not found:
        return []
    # Attribute words are the words around a figure, not its unit ("kWh" is in no group's favour).
    plain = _blank(sentence, found)
    lower = plain.lower()
    words = split_words(plain)
    # A figure inside a product name ("Storm 3L", "Kuppel 2") is a name, not a spec.
    names = [*base.products.spans(sentence), *(m.span() for m in _MODEL_NAME.finditer(sentence))]
    # The line before counts for a list item or a short sentence ("The micro-inverter has 10 years.").
    short = len(sentence.split()) <= 8 or bool(re.match(r"\s*(?:[-*•]|\d+\.)\s", sentence))
    guarantee = bool(_GUARANTEE.search(sentence) or (short and _GUARANTEE.search(before)))
    found = [
        q
        for q in found
        if not any(s <= q.start < e for s, e in names)
        and not not_a_spec(sentence, q, base)
        # A figure of the product's own description in the range ("Edelbitter 72 % (..., 100 g)"): its pack size.
        and not any(d is q.dimension and abs(v - q.value) <= max(q.step, 1e-9) for d, v in base.described)
        and not (guarantee and q.dimension in _GUARANTEE_TERMS)
    ]
    named = base.products.named(sentence)
    by_noun = set() if named else base.products.mentioned(sentence)
    results = []
    for position, quantity in enumerate(found):
        # The words that name a figure's attribute stand before it, since the previous figure
        # ("Vorlauftemperaturen bis 70 °C (bei Außentemperaturen ab −7 °C)"); the upper end of a range
        # ("zwischen 0 °C und 45 °C") shares the words of its lower end.
        first = position
        while first and _joined(sentence, found[first - 1], found[first]):
            first -= 1
        start = found[first - 1].end if first else 0
        # A bracket right after the previous figure is that figure's ("11,4 kg (Gestell mit Sitzeinheit)").
        bracket = re.match(r"\s*\([^()]{0,80}\)", sentence[start : quantity.start])
        start += bracket.end() if bracket else 0
        # Words after a figure up to a ";" are that figure's ("davon 2,02 kWh nutzbar; erweiterbar ...").
        start += max((m.end() for m in _HARD_BREAK.finditer(sentence[start : quantity.start])), default=0)
        # ... and the words after its last end ("186 × 80 cm aufgebaut").
        last = position
        while last + 1 < len(found) and _joined(sentence, found[last], found[last + 1]):
            last += 1
        end = found[last].end
        stop = found[last + 1].start if last + 1 < len(found) else len(sentence)
        tail = re.split(r"[(,;:]", sentence[end : min(stop, end + 30)], maxsplit=1)[0]
        window = plain[start : quantity.end] + tail
        # A generic noun ("die Jacke") narrows the facts only when it is the sentence's one figure of the
        # kind: a table row "Gewicht | 11,4 kg | 6,9 kg" names several products' values.
        single = sum(1 for q in found if q.dimension is quantity.dimension) == 1
        # A product named between the previous figure and this one is this figure's ("Pace 2 up to 9 days,
        # Band Lite up to 14 days").
        near = base.products.named(sentence[start : quantity.start]) if len(named) > 1 else set()
        mentioned = near or named or (by_noun if single else set()) or hint
        kind = _duration_kind(quantity, sentence)
        facts = _retargeted(
            quantity,
            _candidates(quantity, base, mentioned, window.lower(), split_words(window), window, True, kind)
            or _candidates(quantity, base, mentioned, lower, words, plain, False, kind),
            base,
            mentioned,
            plain,
            words,
        )
        # A range the words do not tie to a documented range is compared with the range it states end to end.
        if all(f.low is None for f in facts):
            facts = _same_range(quantity, sentence, language, base, mentioned) or facts
        if not facts:
            # The figure of an attribute the facts give only for other products ("the Aeris Mini also filters
            # 99.95 %" where only the Aeris 40 and 70 do): another model's value, not backed for this one.
            others = _others(quantity, base, named, window)
            if others:
                results.append(NumberCheck(quantity, others, False, False))
            continue
        # Of alternatives that each name a model ("H2 bis 80 kg, H3 bis 110 kg"), the model the sentence names.
        codes = set(_MODEL_CODE.findall(sentence))
        if codes and len(facts) > 1:
            named_codes = [set(_MODEL_CODE.findall(f.key)) for f in facts]
            facts = tuple(f for f, c in zip(facts, named_codes, strict=True) if not c or codes & c) or facts
        if kind is not None and len({f.direction for f in facts}) > 1:
            facts = tuple(f for f in facts if f.direction is kind) or facts
        context = words + split_words(before) + split_words(after)
        verdicts = [_compare(quantity, fact, sentence, words, context, language, base.all_text) for fact in facts]
        backed = any(ok for ok, _ in verdicts)
        dropped = not backed and any(drop for _, drop in verdicts)
        results.append(NumberCheck(quantity, facts, backed, dropped))
    return results


_HARD_BREAK = re.compile(r";|\s[–—]\s")
_MODEL_CODE = re.compile(r"(?<![\w-])[A-Z]{1,3}\d{1,4}(?!\w)")  # "H3", "B2" of "B2-Akkus"


_LEADING_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _same_range(
    quantity: Quantity, sentence: str, language: Language, base: FactBase, mentioned: set[int]
) -> tuple[NumericFact, ...]:
    """The facts whose range the sentence states end to end ("goes from 62 to 127 cm" for "Höhenbereich 62–127
    cm"): a range the facts give in those very figures is about that attribute, whatever words name it."""
    low = BARE_LOW.search(sentence, max(0, quantity.start - 16), quantity.start)
    if low is None:
        return ()
    high = _LEADING_NUMBER.match(sentence, quantity.start, quantity.end)
    if high is None:
        return ()
    written_low, written_high = parse_number(low.group(1), language), parse_number(high.group(), language)
    if not written_high or math.isnan(written_low) or math.isnan(written_high):
        return ()
    low_value = quantity.value * written_low / written_high  # in the unit of the upper end
    tolerance = max(quantity.step, 1e-9 * max(abs(quantity.value), 1.0))
    return tuple(
        f
        for f in base.numeric
        if f.dimension is quantity.dimension
        and f.low is not None
        and (f.product is None or not mentioned or f.product in mentioned)
        and abs(f.low - low_value) <= tolerance
        and abs(f.value - quantity.value) <= tolerance
    )


# A duration after "in", "innerhalb", "within" is the time until something is done (heat-up, charging: less is
# better); after "hält", "bleibt", "for", "lasts" it is how long something lasts.
_TIME_TO_DONE = re.compile(
    r"\b(?:in|innerhalb(?:\s+von)?|binnen|within|in\s+just|in\s+only|in\s+nur)\s+(?:nur\s+|knapp\s+|etwa\s+|about\s+)?$",
    re.I,
)
_LASTING = re.compile(
    r"\b(?:für|for|hält|halten|bleibt|bleiben|läuft|laufen|reicht|reichen|durchhalten|keeps?|stays?|lasts?|runs?)\b"
    r"[^,;:.]*$|\b(?:den\s+ganzen|die\s+ganze|das\s+ganze|all)\s*$",
    re.I,
)


def _duration_kind(quantity: Quantity, sentence: str) -> Direction | None:
    """Which way is better for the duration the wording states: "in 2 Minuten" is a time until done (less is
    better), "hält 3 Stunden", "for 12 hours", "bleibt den ganzen Tag" a lasting time (more is better); it
    weighs as one cue word between a heat-up and a keep-warm time. None when the wording does not say."""
    if quantity.dimension is not Dimension.DURATION:
        return None
    before = sentence[: quantity.start]
    if _TIME_TO_DONE.search(before):
        return Direction.AT_LEAST
    return Direction.AT_MOST if _LASTING.search(before[-60:]) else None


def _blank(text: str, found: list[Quantity]) -> str:
    """`text` with every figure and its per-time reference ("kWh pro Jahr") replaced by spaces."""
    for quantity in found:
        end = quantity.end + unit_tail(text[quantity.end :])
        text = text[: quantity.start] + " " * (end - quantity.start) + text[end:]
    return text


def _joined(sentence: str, first: Quantity, second: Quantity) -> bool:
    """Two figures that make one range: "0 °C bis 45 °C", "zwischen 0 °C und 45 °C", "700–850 kWh"."""
    if first.dimension is not second.dimension:
        return False
    between = sentence[first.end : second.start]
    if re.fullmatch(r"\s*(?:bis|–|-|to|×|x)\s*", between, re.IGNORECASE):
        return True
    return bool(
        re.fullmatch(r"\s*(?:und|and)\s*", between, re.IGNORECASE)
        and re.search(r"\b(?:zwischen|between)\s*$", sentence[: first.start], re.IGNORECASE)
    )


# A capitalised word directly followed by a number glued to a letter ("Storm 4L", "Modell X2"): a model name.
_MODEL_NAME = re.compile(r"(?<=[A-ZÄÖÜ][a-zäöüß]{2})\s\d+[A-Za-z]\b(?!\s*(?:/|pro\b|per\b))")


def _others(quantity: Quantity, base: FactBase, named: set[int], window: str) -> tuple[NumericFact, ...]:
    """The facts of the figure's attribute, named by the words around it, that hold only for products other than
    the one named with the figure; none where the facts give that product any figure of the kind (its own fact
    may name no attribute: "Duffel 60: 60 l, 1,1 kg"), or where the product is named elsewhere in the sentence
    ("bis zu 40 km ... mit Zweitakku" names no accessory's range)."""
    named = base.products.named(window) if named else set()
    if not named or any(f.dimension is quantity.dimension and f.product in named for f in base.numeric):
        return ()
    lower, words = window.lower(), split_words(window)
    return tuple(
        f
        for f in base.numeric
        if f.dimension is quantity.dimension
        and not f.foreign
        and f.product is not None
        and f.product not in named
        and (any(cue_in(c, lower, words) for c in f.cues) or any(g.search(window) for g in f.groups))
    )


def _candidates(
    quantity: Quantity,
    base: FactBase,
    mentioned: set[int],
    lower: str,
    words: list[str],
    sentence: str,
    window: bool,
    kind: Direction | None = None,
) -> tuple[NumericFact, ...]:
    facts = [f for f in base.numeric if f.dimension is quantity.dimension and (window or not f.foreign)]
    if mentioned:
        facts = [f for f in facts if f.product is None or f.product in mentioned]
    if not facts:
        return ()
    # A condition the fact excludes ("ohne Babywanne") counts only where the sentence excludes it too.
    without = list(negated_words(sentence))
    # The attribute is read from the words around the figure, not from its unit alone: label words of
    # the fact, the vocabulary's words for the same attribute ("wiegt", "Gewicht", "weighs") and the
    # words of an alternative's own condition ("senkrecht am Geländer").
    # Around the figure, its clause's own words and its condition count too; in the whole sentence only
    # the attribute's words do (another clause's words there belong to another figure).
    scores = [
        _label_score(f, lower, words, sentence)
        + (_own_score(f, lower, words, without, sentence) if window else 0)
        for f in facts
    ]
    named = max(scores)
    # The kind of duration only weighs between attributes the words already point to.
    if kind is not None and named > 0 and len({f.direction for f in facts}) > 1:
        scores = [s + (1 if f.direction is kind and s > 0 else 0) for f, s in zip(facts, scores, strict=True)]
    best = max(scores)
    if best == 0 and (quantity.dimension in _NEEDS_CUE):
        return ()
    # Several attributes fit equally well: compare with all and call the figure backed if any backs
    # it (the lenient reading keeps precision; a figure beyond every one of them is still caught).
    return tuple(f for f, s in zip(facts, scores, strict=True) if s == best)


def _retargeted(
    quantity: Quantity,
    facts: tuple[NumericFact, ...],
    base: FactBase,
    mentioned: set[int],
    plain: str,
    words: list[str],
) -> tuple[NumericFact, ...]:
    """Words of another attribute's own clause may be all that points anywhere ("fährt ... zurück" of the
    collision stop for "fährt bis 127 cm hoch"): then a figure that is exactly a documented value or range end of
    the product, in its dimension, is compared with that fact. A label the sentence names ("Hautfeuchtigkeit um
    50 %") keeps its fact, whatever other fact has that value."""
    lower = plain.lower()
    if facts and not any(_is_value_of(quantity, f) or _label_score(f, lower, words, plain) for f in facts):
        return _exact(quantity, base, mentioned) or facts
    return facts


def _is_value_of(quantity: Quantity, fact: NumericFact) -> bool:
    tolerance = max(quantity.step, 1e-9 * max(abs(fact.value), 1.0))
    return abs(quantity.value - fact.value) <= tolerance or (
        fact.low is not None and abs(quantity.value - fact.low) <= tolerance
    )


def _label_score(fact: NumericFact, lower: str, words: list[str], sentence: str) -> int:
    """How many of the fact's label cues and vocabulary groups the text names (its attribute's words)."""
    return sum(1 for cue in fact.cues if cue_in(cue, lower, words)) + sum(1 for g in fact.groups if g.search(sentence))


def _exact(quantity: Quantity, base: FactBase, mentioned: set[int]) -> tuple[NumericFact, ...]:
    """The facts of the product (or of none) in the figure's dimension whose value or range end the figure is,
    as written (12 kg is no 12,2 kg here: a figure near another attribute's value is not that attribute's)."""
    return tuple(
        f
        for f in base.numeric
        if f.dimension is quantity.dimension
        and not f.foreign
        and ":" not in f.key  # a fact's own value or a model's, not a figure read from a clause of its text
        and (not mentioned or f.product is None or f.product in mentioned)
        and any(v is not None and abs(quantity.value - v) <= 1e-6 * max(abs(v), 1e-12) for v in (f.value, f.low))
    )


def _own_score(fact: NumericFact, lower: str, words: list[str], without: list[str], sentence: str) -> int:
    """How many of the alternative's own clause words, groups and condition words the text names."""
    return (
        sum(1 for w in fact.clause_words if cue_in(w, lower, words, tail=True))
        + sum(1 for g in fact.own_groups if g.search(sentence))
        + sum(
            1
            for c in fact.conditions
            if c not in fact.clause_words and cue_in(c, lower, without if c in fact.excluded else words, infix=True)
        )
    )


def _compare(
    quantity: Quantity,
    fact: NumericFact,
    sentence: str,
    words: list[str],
    context: list[str],
    language: Language,
    documented: str = "",
) -> tuple[bool, bool]:
    """(backed, qualifier dropped). `context` is the sentence's words and the sentence's before it: a
    condition named just before ("Im Nachtmodus ... Laut Datenblatt sind es 24 dB(A)") still holds."""
    # A figure for another serving ("Jeder Tropfen enthält ...") is stated for the fact's serving first.
    claimed, spec = quantity.value * scale(serving_in(sentence, quantity.start), fact.serving), fact.value
    if contradicts_conditions(fact, sentence, language, documented) or universal(fact, quantity, sentence):
        return False, True
    tolerance = max(quantity.step, 1e-9 * max(abs(spec), 1.0))
    bound = has_upper_bound(sentence) or (
        fact.direction is Direction.AT_LEAST and LOWER_BOUND.search(sentence[: quantity.start]) is not None
    )
    # A German fact's condition words cannot be named in an English reply: there any stated condition counts.
    general = language is Language.EN and QUALIFIED_EN.search(sentence) is not None
    qualified = bound or general or names_condition(fact, sentence, context)
    if fact.low is not None:  # a range: the claim must lie inside it
        if not fact.low - tolerance <= claimed <= spec + tolerance:
            return False, False
        # The favourable end of a range keeps its own condition: "3 W (Nachtmodus) bis 42 W (Turbo)".
        end = 0 if fact.direction is Direction.AT_LEAST else 1
        condition = fact.end_conditions[end]
        edge = fact.low if end == 0 else spec
        if condition and abs(claimed - edge) <= tolerance and not (general or named_condition(condition, context)):
            return False, True
        return True, False
    if fact.dimension is Dimension.IP:
        solid, water = divmod(int(claimed), 10)
        spec_solid, spec_water = divmod(int(spec), 10)
        return solid <= spec_solid and water <= spec_water, False
    equal = abs(claimed - spec) <= tolerance
    if fact.direction is Direction.EXACT:
        return equal, False
    within = equal or (claimed > spec if fact.direction is Direction.AT_LEAST else claimed < spec)
    if not within:
        return False, False
    # "bis" hedges a maximum ("bis zu 24 h"); before a lower-is-better value it states the claim ("warm bis −18 °C").
    hedged = (bound and fact.direction is not Direction.AT_LEAST) or general or names_condition(fact, sentence, context)
    if equal and fact.needs_condition and not hedged:
        return False, True  # the favourable alternative without its condition ("24 dB(A)" of "im Nachtmodus")
    # "bis zu" is kept, or the conditions that make the figure reachable are named: its lab conditions
    # ("bei 30 °C und 80 %"), or for an alternative its own words ("mit drei Erweiterungsakkus").
    if (
        equal
        and fact.upper_bound
        and fact.direction is Direction.AT_MOST
        and not (
            has_upper_bound(sentence)
            or general
            or names_figures(fact.condition_figures, sentence)
            # The favourable value with the condition that sets it apart ("4.000 l/h bei freiem Auslauf")
            # says when it holds as well as "bis zu" does.
            or ((fact.alternative or fact.needs_condition) and qualified)
        )
    ):
        return False, True
    return True, False


def numbers_verdict(checks: list[NumberCheck]) -> Verdict:
    """Backed when at least one figure maps onto the spec and none goes beyond it."""
    shown = "; ".join(dict.fromkeys(f.shown for c in checks for f in c.facts))
    failing = [c for c in checks if not c.backed]
    key = (failing or checks)[0].facts[0].key if checks else None
    return Verdict(bool(checks) and not failing, shown or "no spec-sheet figure for this attribute", key)
