"""Internal facts: a value with its meaning ("Kulanzgrenze 60 €", "Fachpartner-Zielrabatt 14 %",
"Charge 2409", "Rückrufprüfung Gurtschloss"), found however the reply phrases it.

A protected entry whose text holds a number and words, or whose words name a business concept
(goodwill, discount, limit, minimum order, batch, recall, discontinuation...), is also compiled into
a fact rule: its values (numbers.py, compared by value and unit: "60 €" = "sechzig Euro" = "EUR 60"),
its concepts (each with German and English wordings: "Kulanz" = "goodwill") and its objects (the
other words: "Gurtschloss", "Storm 3L"); fact_rules.py compiles them at policy load. Within one
sentence of a reply, a leak is:
- a value of the fact together with one of its concepts or a secrecy cue ("intern", "between us");
- for a fact without values: one of its concepts together with one of its objects, or all of its
  (>= 2) concepts together with an amount ("bis maximal 80 € Kulanz" for "Kulanzgrenze").
A price pattern with a fixed value (`186[,.]40\\s?(?:€|EUR)`) becomes an amount: any spelling of
186.40 EUR anywhere is a leak, and a different number that merely contains it ("1.186,40 €") is not.
An entry of kind `purchase_price` also makes every amount next to a purchase-price cue
("Einkaufspreis", "kostet uns", "we pay", "FOB") a leak of that entry.

Cue words of >= 6 letters count inside German compounds too ("Kulanzrahmen" has "rahmen"), and a long
object word also by its clipped start ("Gastro-" of "Gastronomie") when the fact has a value.

Cost: replies of a policy without facts pay nothing; otherwise one Aho-Corasick pass over the
lower-cased reply for the cue words, and number parsing only in the sentences it selects.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from safe_reply.validators.trade_secrets import wordplace
from safe_reply.validators.trade_secrets.clauses import Clauses, Share, share_of
from safe_reply.validators.trade_secrets.concepts import (
    CONCEPTS,
    DEFINING_CONCEPTS,
    NEW_PRICE_WORDINGS,
    PURCHASE_CUES,
    RISE_WORDINGS,
    SECRECY_CUES,
    SEPARABLE,
    SETTING_WORDINGS,
)
from safe_reply.validators.trade_secrets.fact_clauses import SETTING_BEFORE, particle, separable_said
from safe_reply.validators.trade_secrets.fact_rules import AmountRule, FactRule, is_clipped
from safe_reply.validators.trade_secrets.fastpath import FastView
from safe_reply.validators.trade_secrets.frames import frame_concepts, granted_limit, sentences, trimmed
from safe_reply.validators.trade_secrets.numbers import CURRENCIES, Quantity, Unit, quantities
from safe_reply.validators.trade_secrets.paid import paid, paid_in_words, refunded
from safe_reply.validators.trade_secrets.wordplace import beside_concept, compound_head, has_currency, word_start

__all__ = ["PURCHASE_KIND", "FactScanner", "Match"]


# A rate is often said rounded ("around six in a hundred", "rund 6 %" for 6,1 %): a whole percentage
# right after one of these words states a rate that rounds to it.
_HEDGE = re.compile(
    r"(?:\b(?:around|about|roughly|approximately|nearly|almost|some|etwa|rund|ungefähr|circa|knapp|fast|gut"
    r"|(?:etwas|knapp|leicht|gut)\s+(?:über|unter)|(?:just|slightly|a\s+(?:little|bit))\s+(?:over|under|above|below))"
    r"|\bca\.)\s+$",
    re.IGNORECASE,
)
_HEDGE_REACH = 24  # characters before a value searched for a hedge word
_WEAK_WORDINGS = frozenset({"läuft"})  # a concept's wording too common to date a plan on its own
# What else "läuft ... aus" (runs out) in a sentence: a warranty, a contract, an offer; then the wording
# states no discontinuation ("Ihre Garantie für den Toaster T3 läuft im Juni 2027 aus").
_TERM_OF_VALIDITY = re.compile(
    r"garantie|gewährleistung|vertrag|abo\b|abonnement|frist|aktion|angebot|laufzeit|versicherung|leasing"
    r"|gutschein|mitgliedschaft|lizenz|tarif",
    re.IGNORECASE,
)
# Concepts whose value is never public (a margin): the value beside the concept is enough.
INTERNAL_CONCEPTS: frozenset[str] = frozenset({"marge"})
# Concepts of a planned increase: its size said with it ("steigen die Preise um 6 %", "by 5 %") pins a
# month down as that plan's date ("zum 1. März steigen die Preise um 6 %" of "Preiserhöhung 1. März 2027").
INCREASE_CONCEPTS: frozenset[str] = frozenset({"preiserhöhung", "erhöhung"})
_BY_AMOUNT = re.compile(
    r"\b(?:um|by)\s+(?:(?:etwa|rund|ca\.|circa|knapp|gut|about|around|roughly|some|almost|nearly)\s+)?$",
    re.IGNORECASE,
)
_BY_REACH = 20  # characters before an amount searched for "um" / "by"
# ... when the sentence says that a price rises: "Der Stromverbrauch steigt im Juli um 10 %" plans nothing.
_PRICE_WORD = re.compile(
    r"preis|price|kosten|cost|beitr|gebühr|\bfees?\b|tarif|\babos?\b|premium|prämie", re.IGNORECASE
)
# Concepts that only identify what a fact is about (a batch, a series): said with the number in a question, they
# repeat what the customer read on a label, not the fact.
IDENTIFYING_CONCEPTS: frozenset[str] = frozenset({"charge", "serie"})
# Concepts that are a share by definition (a rate, a quota): a percentage states them by its unit.
SHARE_CONCEPTS: frozenset[str] = frozenset({"quote", "rate"})
# A German compound ends in its head noun: "Rücksendequote", "Rohmarge", "Kreditlimit", "Einkaufsziel".
# A concept's own word counts at the end of a word too (with a plural or case ending), not only at its
# start; "rate" only after a consonant ("Abbruchrate", "Fehlerrate"), as English words end in a vowel
# before it ("accurate", "separate", "moderate").
PURCHASE_KIND = "purchase_price"
# A share written as a ratio: "6 von 100", and the cents of each euro ("62 cents", numbers.py).
_RATIO_WORD = re.compile(r"\s(?:von|aus|out of|in)\s|\s(?:cents?|ct)\b", re.IGNORECASE)
# ... or as a percentage of a population ("8,5 % unserer Abonnenten", "5.3 % of bookings"): a share too,
# where "14 % Rabatt" is an offer, "10 % des Gesamtbetrags" a charge (clauses.share_of).
# German compounds hide cue words inside a word ("Kulanzrahmen", "Händlerrabatt", "Jahresabnahme"): a cue of
# this many letters also counts where it ends a word or stands inside one; shorter ones ("rate", "cap")
# only at a word start, where they are words of their own.
_MIN_INNER_CUE_LEN = 6


@dataclass(frozen=True, slots=True)
class Match:
    """A fact leak: original offsets and the index of the entry it reveals."""

    start: int
    end: int
    entry: int


class FactScanner:
    """Every fact, amount and purchase-price rule of one validator, with one cue automaton."""

    def __init__(self, facts: Sequence[FactRule], amounts: Sequence[AmountRule], purchase: Sequence[int]) -> None:
        import ahocorasick_rs

        self.facts = tuple(facts)
        self.amounts = tuple(amounts)
        self.purchase = tuple(purchase)
        self._share_amounts = any(v.unit is Unit.PERCENT for rule in self.amounts for v in rule.values)
        # A small price or a price per quantity may be said in cents ("80 Cent" for 0,80 €, "41,2 Cent pro
        # Kilo" for "412 €/t"): cents are a mark of an amount then.
        self._per_amounts = any(
            v.per or (v.unit in CURRENCIES and v.value < wordplace.CENTS_BELOW)
            for rule in self.amounts
            for v in rule.values
        )
        self._amount_marks = wordplace.CURRENCY_BYTES + (wordplace.SHARE_BYTES if self._share_amounts else ())
        cues: dict[str, None] = dict.fromkeys(SECRECY_CUES)
        whole: set[str] = set(SECRECY_CUES)  # cues that are words of their own (not a clipped start)
        for rule in self.facts:
            words = [*(w for key in rule.concepts for w in CONCEPTS[key]), *rule.cues]
            words += [o for o in rule.objects if not is_clipped(o, rule.objects)]
            whole.update(words)
            cues.update(dict.fromkeys(words))
            cues.update(dict.fromkeys(rule.objects))
        # A fixed price may be spoken without its currency after a purchase cue ("costs us eleven eighty").
        if self.purchase or any(v.unit in CURRENCIES for rule in self.amounts for v in rule.values):
            cues.update(dict.fromkeys(PURCHASE_CUES))
        # A share entry's concepts open the gate for a reply that states it as a fraction ("gut die Hälfte
        # als Marge"), which has no number to open it.
        for amount in self.amounts:
            if amount.concepts and any(v.unit is Unit.PERCENT for v in amount.values):
                words = [w for key in amount.concepts for w in CONCEPTS[key]]
                whole.update(words)
                cues.update(dict.fromkeys(words))
        self._cues = list(cues)
        # Secrecy cues count at a word start only: "intern" is inside "Wintern" and "überwintern"; its
        # compounds ("hausintern") are cues of their own.
        secrecy = frozenset(SECRECY_CUES)
        self._inner = frozenset(
            i
            for i, cue in enumerate(self._cues)
            # A clipped start ("gastro") stands at a word start: inside a word it is noise.
            if len(cue) >= _MIN_INNER_CUE_LEN and cue.isalpha() and cue not in secrecy and cue in whole
        )
        self._tail = frozenset(i for i, cue in enumerate(self._cues) if cue in CONCEPTS and len(cue) >= 4)
        # Wordings that count only where their clause says so (clauses.py): a rise of a price, new prices
        # not yet in force.
        self._rise = frozenset(i for i, cue in enumerate(self._cues) if cue in RISE_WORDINGS)
        self._new_prices = frozenset(i for i, cue in enumerate(self._cues) if cue in NEW_PRICE_WORDINGS)
        self._separable = {i: particle(SEPARABLE[cue]) for i, cue in enumerate(self._cues) if cue in SEPARABLE}
        self._setting = frozenset(i for i, cue in enumerate(self._cues) if cue in SETTING_WORDINGS)
        # Cues that begin with a sign ("% off") follow a number directly: no word start to look for.
        self._signed = frozenset(i for i, cue in enumerate(self._cues) if not cue[0].isalnum())
        self._automaton = ahocorasick_rs.AhoCorasick(self._cues) if self._cues else None
        # Rules by the values they can match and by their object words (_candidates).
        self._by_value: dict[tuple[str, Decimal], list[int]] = {}
        self._by_object: dict[str, list[int]] = {}
        self._by_rounded: dict[Decimal, list[int]] = {}  # rules with a fractional percentage, by its rounding
        self._by_percent: dict[int, list[int]] = {}  # rules with a percentage, by its whole part (fractions)
        unindexed: list[int] = []
        for index, rule in enumerate(self.facts):
            if rule.values:
                for key in {k for value in rule.values for k in _rule_keys(value)}:
                    self._by_value.setdefault(key, []).append(index)
                for integral in dict.fromkeys(int(v.value) for v in rule.values if v.unit is Unit.PERCENT):
                    self._by_percent.setdefault(integral, []).append(index)
                for rounded in dict.fromkeys(_rounded(v) for v in rule.values):
                    if rounded is not None:
                        self._by_rounded.setdefault(rounded, []).append(index)
            elif len(rule.concepts) >= 2:  # may state itself by its concepts alone (see _sentence)
                unindexed.append(index)
            else:
                for obj in rule.objects:
                    self._by_object.setdefault(obj, []).append(index)
        self._unindexed = tuple(unindexed)

    def __bool__(self) -> bool:
        return bool(self.facts or self.amounts or self.purchase)

    @property
    def cues(self) -> tuple[str, ...]:
        """Every cue word that begins with a letter or digit; a sentence without one (and without a
        sign: `may_hold_amount`) holds no fact leak (the validator's gate)."""
        return tuple(cue for i, cue in enumerate(self._cues) if i not in self._signed)

    def may_hold_amount(self, text: str, fast: FastView) -> bool:
        """Could a fixed amount (a currency mark) or a signed cue ("% off") be in this reply? Read
        from its fast view."""
        if self._signed and "%" in text:
            return True
        if not self.amounts:
            return False
        if "€" in text or ",–" in text or ".–" in text:
            return True
        lowered = fast.lowered()
        if self._per_amounts and wordplace.CENTS_BYTES_MARK.search(lowered):
            return True
        return any(mark in lowered for mark in self._amount_marks)

    def scan(self, text: str) -> list[Match]:
        lower = text.lower()
        matches: list[Match] = []
        if self.amounts and (
            has_currency(lower, self._share_amounts)
            or (self._per_amounts and wordplace.CENTS_MARK.search(lower) is not None)
        ):
            found = quantities(text)
            for rule in self.amounts:
                matches += [
                    Match(q.start, q.end, rule.entry)
                    for q in found
                    if any(q.same(v) for v in rule.values)
                    and (not q.spread or beside_concept(lower, q, rule.concepts))
                    # "Die Creme kostet elf Euro achtzig": said in words, a shop price unless a purchase is.
                    and paid_in_words(text, q)
                ]
        if self._automaton is None:
            return matches
        # Overlapping: a longer cue that begins like a shorter one ("the most i'm allowed", "the most")
        # is found too.
        hits = self._automaton.find_matches_as_indexes(lower, overlapping=True)
        if not hits:
            return matches
        at_word = sorted(
            (s, i)
            for i, s, e in hits
            if i in self._inner
            or i in self._signed
            or word_start(lower, s)
            or (i in self._tail and compound_head(lower, s, e))
        )
        if self._separable or self._setting:
            at_word = [
                (s, i)
                for s, i in at_word
                if (i not in self._separable or separable_said(lower, s, s + len(self._cues[i]), self._separable[i]))
                and (i not in self._setting or SETTING_BEFORE.search(lower, max(0, s - 50), s) is None)
            ]
        if self._rise or self._new_prices:
            clauses = Clauses(text)  # the reply's clause marks, read once for all its wordings
            at_word = [(s, i) for s, i in at_word if self._clause_says(clauses, s, s + len(self._cues[i]), i)]
        starts = [s for s, _ in at_word]
        # Where each cue stands first and last: a dated plan's object may stand a sentence before, and a batch
        # asked about may be spoken of after its question.
        reach: dict[str, tuple[int, int]] = {}
        for s, i in at_word:
            reach[self._cues[i]] = (reach.get(self._cues[i], (s, s))[0], s)
        for start, end in sentences(text, starts):
            # The cues inside this sentence, by bisection: a reply full of cues stays linear.
            inside = at_word[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
            sentence_cues = {self._cues[i] for _, i in inside}
            if sentence_cues:
                matches += self._sentence(text, start, end, sentence_cues, reach)
        return matches

    def _clause_says(self, clauses: Clauses, start: int, end: int, cue: int) -> bool:
        if cue in self._rise:
            return clauses.rise_stated(start, end)
        return cue not in self._new_prices or clauses.new_prices_stated(start, end)

    def _candidates(self, found: list[Quantity], cues: set[str], hedged: list[Quantity]) -> list[FactRule]:
        """The rules a sentence can state, in list order: those with one of its values, those with one
        of its object words, and the few without either. A list of 20,000 facts is not walked per
        sentence (a spaced-out term in a reply made every rule's object a cue: 74 ms a reply)."""
        indexes: set[int] = set(self._unindexed)
        for quantity in found:
            for key in _lookup_keys(quantity):
                indexes.update(self._by_value.get(key, ()))
        for quantity in hedged:
            indexes.update(self._by_rounded.get(quantity.value, ()))
        for quantity in found:
            if quantity.spread:  # a fraction: the rules with a percentage near it
                low, high = quantity.value - quantity.spread, quantity.value + quantity.spread
                for whole in range(int(low), int(high) + 1):
                    indexes.update(self._by_percent.get(whole, ()))
        for cue in cues:
            indexes.update(self._by_object.get(cue, ()))
        return [self.facts[i] for i in sorted(indexes)]

    def _sentence(
        self, text: str, start: int, end: int, cues: set[str], reach: dict[str, tuple[int, int]]
    ) -> list[Match]:
        reply_cues = reach.keys()
        found = [dataclasses.replace(q, start=q.start + start, end=q.end + start) for q in quantities(text[start:end])]
        # Whether each value is a share ("4 von 100"): once per value, not once per rule (a list of 20,000
        # facts would search the sentence 20,000 times per value).
        # A percentage of an amount or of the counted events themselves is no rate (clauses.Share); the
        # set holds their starts.
        of = {q.start: share_of(text, q.end) for q in found if q.unit is Unit.PERCENT}
        shares = [
            (
                q,
                q.approx
                or _RATIO_WORD.search(text, q.start, q.end) is not None
                or of.get(q.start) is Share.POPULATION,
            )
            for q in found
        ]
        no_rate = {s for s, share in of.items() if share in (Share.AMOUNT, Share.EVENTS)}
        secrecy = any(c in cues for c in SECRECY_CUES)
        # A question, in a reply that says nothing is internal (no secrecy cue anywhere in it).
        question = text[end : end + 1] == "?" and not any(c in reply_cues for c in SECRECY_CUES)
        hedged = [
            q
            for q in found
            if q.unit is Unit.PERCENT
            and q.value == q.value.to_integral_value()
            and self._by_rounded
            and (q.approx or _HEDGE.search(text, max(start, q.start - _HEDGE_REACH), q.start))
        ]
        # The size of a change ("um 6 %", "by €2"): a planned increase's second signal beside its date.
        sized = any(
            (q.unit is Unit.PERCENT or q.unit in CURRENCIES)
            and _BY_AMOUNT.search(text, max(start, q.start - _BY_REACH), q.start) is not None
            for q in found
        ) and _PRICE_WORD.search(text, start, end) is not None
        matches: list[Match] = []
        frames: dict[int, frozenset[str]] = {}
        if cues & _WEAK_WORDINGS and _TERM_OF_VALIDITY.search(text, start, end):
            cues = cues - _WEAK_WORDINGS
        for rule in self._candidates(found, cues, hedged):
            # Keys that share their wordings ("quote", "rate"; "händler", "marktplatz") are one concept.
            concepts = list(
                {CONCEPTS[key]: key for key in rule.concepts if any(w in cues for w in CONCEPTS[key])}.values()
            )
            concepts += [cue for cue in rule.cues if cue in cues]
            objects = [o for o in rule.objects if o in cues]
            if rule.values:
                for quantity, ratio in shares:
                    rounded = quantity.value if quantity in hedged else None
                    value = next(
                        (v for v in rule.values if quantity.same(v) or (rounded and _rounded(v) == rounded)),
                        None,
                    )
                    if value is None:
                        continue
                    # A fraction ("ein Drittel") is an everyday word: a share only beside the rate's word.
                    # ... or, in a sentence that says it is internal, beside what the rate counts ("intern
                    # sehen wir, dass jeder neunte Abonnent kündigt" of "Abo-Kündigungsquote 11 %").
                    if quantity.spread and not beside_concept(
                        text.lower(), quantity, rule.concepts, rule.objects if secrecy else ()
                    ):
                        continue
                    # "bis 200 € Kulanz": the preposition states the limit concept of "Kulanzgrenze" (read
                    # once per value: a value shared by thousands of rules is framed once).
                    frame = frames.get(quantity.start)
                    if frame is None:
                        frame = frames[quantity.start] = frame_concepts(text, quantity.start, start)
                    said = concepts
                    if frame:
                        said = [*concepts, *(k for k in rule.concepts if k in frame and k not in concepts)]
                    # A lid in generic words is ours only where the agent grants it (frames.own_limit).
                    said = granted_limit(text, said, cues, quantity.start, quantity.end)
                    # A dated plan's object a sentence before counts with a plain word of the plan ("wird
                    # eingestellt"), not with "läuft" ("Ihre Garantie läuft im Juni 2027 aus").
                    elsewhere = (
                        value.unit is Unit.DATE
                        and any(o in reply_cues for o in rule.objects)
                        and any(w in cues and w not in _WEAK_WORDINGS for k in concepts for w in CONCEPTS.get(k, ()))
                    )
                    sized_plan = sized and value.unit is Unit.DATE and bool(INCREASE_CONCEPTS.intersection(said))
                    rate = ratio or quantity.start not in no_rate
                    # A batch number asked back ("Your encasing is from batch 311?") echoes the customer's label.
                    echo = (
                        question
                        and not objects
                        and not secrecy
                        and set(said) <= IDENTIFYING_CONCEPTS
                        # ... and the reply does not speak of the batch again ("Bei genau dieser Charge ...").
                        and not any(
                            reach[w][0] < start or reach[w][1] >= end
                            for k in said
                            for w in CONCEPTS[k]
                            if w in reach
                        )
                    )
                    if echo and value.unit in (Unit.NONE, Unit.CODE):
                        continue
                    if _states_fact(rule, value, ratio, said, bool(objects) or sized_plan, secrecy, elsewhere, rate):
                        matches.append(Match(quantity.start, quantity.end, rule.entry))
            elif concepts and (objects or (secrecy and rule.objects)):
                # Without a value, the concept of a fact about something said as internal is the fact
                # too ("wir prüfen intern, ob ... zurückgerufen werden" of "Rückrufprüfung Druckregler").
                matches.append(Match(*trimmed(text, start, end), rule.entry))
            elif len(rule.concepts) >= 2 and len(concepts) == len(rule.concepts):
                amounts = [q for q in found if q.unit in CURRENCIES or q.unit is Unit.PERCENT]
                matches += [Match(q.start, q.end, rule.entry) for q in amounts]
        matches = _at_values(matches, trimmed(text, start, end))
        if any(c in cues for c in PURCHASE_CUES):
            # A price spoken without its currency ("we buy them in at thirty-one eighty") is one where the
            # sentence says what the company pays: an amount of the purchase entries and of any fixed amount.
            for quantity in found:
                spoken = quantity.spoken and paid(text, start, quantity, found)
                # "Wir zahlen Ihnen 5 € zurück" pays the customer back: no purchase price.
                if (quantity.unit in CURRENCIES and not refunded(text, quantity.start, quantity.end)) or spoken:
                    matches += [Match(quantity.start, quantity.end, entry) for entry in self.purchase]
                if spoken:
                    matches += [
                        Match(quantity.start, quantity.end, rule.entry)
                        for rule in self.amounts
                        if any(v.unit in CURRENCIES and not v.per and v.value == quantity.value for v in rule.values)
                    ]
        return matches


def _at_values(matches: list[Match], sentence: tuple[int, int]) -> list[Match]:
    """The matches without the whole sentence where the same entry is also found at a value in it: an
    entry found by its words and by its value (the second rule of a noted value, fact_rules.note_values)
    is the one leak at the value."""
    if len(matches) < 2:
        return matches
    return [
        m
        for m in matches
        if (m.start, m.end) != sentence or not any(o.entry == m.entry and (o.start, o.end) != sentence for o in matches)
    ]


def _rounded(value: Quantity) -> Decimal | None:
    """A fractional percentage rounded to a whole one (6,1 % -> 6), or None."""
    if value.unit is not Unit.PERCENT or value.value == value.value.to_integral_value():
        return None
    return value.value.to_integral_value()


def _rule_keys(value: Quantity) -> list[tuple[str, Decimal]]:
    """The index keys of a rule's value; `_lookup_keys` of every sentence value it is `same` as
    meets one of them (a date also matches a month without a year, and the other way round)."""
    keys = [(value.unit.value + value.per, value.value)]
    if value.unit is Unit.DATE:
        keys.append(("month of a date", value.value % 100))
    if value.unit is Unit.MONTH:
        keys.append(("month", value.value))
    return keys


def _lookup_keys(quantity: Quantity) -> list[tuple[str, Decimal]]:
    keys = [(quantity.unit.value + quantity.per, quantity.value)]
    if quantity.unit is Unit.MONTH:
        keys.append(("month of a date", quantity.value))
    if quantity.unit is Unit.DATE:
        keys.append(("month", quantity.value % 100))
    return keys


def _states_fact(
    rule: FactRule,
    value: Quantity,
    ratio: bool,
    concepts: list[str],
    objects: bool,
    secrecy: bool,
    elsewhere: bool = False,
    rate: bool = True,
) -> bool:
    """Does a sentence that holds the fact's value state the fact?

    A value with a common unit (14 %, 60 €, 36 months) needs two signals around it (a concept, an
    object, a secrecy cue): "14 % Rabatt im Shop" is a public offer. A share of a population ("4 von
    100 Platinen") is itself the signal of a rate, and so is a percentage beside another concept ("2,5 %
    sind defekt" states an "Ausfallquote"; "bei 4 % Restwasser" states none). A margin is never public.
    An identifier-like value ("Charge 2409", "KW 14") is specific enough with one signal; but where
    the fact has a concept, its object alone is not one: "Gießkanne 10 fasst" names the product of
    "Auslistung Gießkanne 10", it does not say that it is delisted. A month with its year is as
    specific: with its concept it states a dated plan whose object the reply names anywhere
    (`elsewhere`: "... den M45? Das Modell wird im März 2027 eingestellt").
    """
    defining = DEFINING_CONCEPTS.intersection(rule.concepts)
    if defining and not secrecy and not defining.intersection(concepts):
        return False
    if value.unit in (Unit.NONE, Unit.CODE, Unit.WEEK):
        meaning = bool(concepts) or secrecy
        return meaning or (objects and not (rule.concepts or rule.cues))
    if value.unit is Unit.DATE and concepts and (objects or elsewhere or secrecy):
        return True
    signals = len(concepts) + objects + secrecy
    # ... not where it is a share of an amount or of the events (`rate` False: "3,4 % des Bestellwerts").
    if value.unit is Unit.PERCENT and rate and (ratio or concepts) and any(k in SHARE_CONCEPTS for k in rule.concepts):
        # The percentage states the share itself, whether or not a rate word names it too ("the return
        # rate is 6.1 %", "2,5 % sind defekt").
        signals += 1
    if any(key in INTERNAL_CONCEPTS for key in concepts):
        return True
    # A margin's value said in confidence is the margin, whatever verb carries it ("Ganz offen: wir schlagen
    # knapp 40 % drauf, genau genommen 38").
    if secrecy and value.unit is Unit.PERCENT and INTERNAL_CONCEPTS.intersection(rule.concepts):
        return True
    return signals >= 2
