"""One spec-sheet fact compiled into the figures a reply is compared with: its alternatives.

A fact rarely holds one number. "400 m³/h (P40 auf Stufe Turbo ...; Luftreich P25: 250 m³/h; P40 auf
Stufe 2: 210 m³/h)", "ca. 700–850 kWh (Südausrichtung, 30° Neigung; senkrecht am Geländer ca. 500–600
kWh)", "P40: 3 W (Nachtmodus) bis 42 W (Turbo)": each figure is an *alternative* of the same
attribute that holds for one product under one condition. `numeric_facts` turns a fact into one
`NumericFact` per alternative:

- its product (the product named before a colon, else the products the label or the first clause of
  the qualifier name);
- its condition words (the words of its own clause of the value or qualifier: "senkrecht",
  "Balkongeländer", "Nachtmodus") and condition figures ("bei 30 °C und 80 % r. F."): a reply that names
  them is about this alternative, and naming them qualifies the figure as much as "bis zu" does;
- whether it is an upper bound ("bis zu 20 l/24 h"), a lower limit ("frühestens ab 15 Monaten": a reply may
  not undercut it) and which way is better;
- whether it *needs* its condition: the favourable alternative of several ("24 dB(A) im Nachtmodus" next
  to "51 dB(A) auf Stufe Turbo") and the favourable end of a range with its own condition ("3 W
  (Nachtmodus) bis 42 W") are misleading without it.

A clause that denies something ("unter 0 °C wird nicht geladen") and a relative figure ("etwa 30 %
weniger") give no alternative: they are no value a reply could claim.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from safe_reply.config_models import ConditionKind, Fact
from safe_reply.negation import negation_regex
from safe_reply.quantities import Dimension, Quantity, quantities
from safe_reply.types import Language
from safe_reply.validators.claims.fact_clauses import Clause, bracket_after, clauses_of, ranged, split_clauses, usage
from safe_reply.validators.claims.fact_parts import (
    Direction,
    conditions_of,
    default_direction,
    distance_of,
    fact_direction,
    groups_of,
    label_cues,
    per_product,
    product_scope,
    upper_head,
    value_of,
)
from safe_reply.validators.claims.lexicon import Lexicon
from safe_reply.validators.claims.products import ProductIndex
from safe_reply.validators.claims.servings import Serving, equivalents, serving_before, serving_in
from safe_reply.validators.claims.wording import (
    PAREN,
    RELATIVE,
    all_name_words,
    blank_figures,
    content_words,
    describe,
    excluded_text,
    exclusion_topics,
    mode_of,
    modes_in,
    negated_words,
    tokens,
    unit_tail,
)

__all__ = [
    "RELATIVE",
    "Direction",
    "NumericFact",
    "describe",
    "modes_in",
    "negated_words",
    "numeric_facts",
    "tokens",
    "unit_tail",
]


_MODELS_KEY = re.compile(r"^(?:models?|modelle?|sortiment|product[_ ]range|products?)$", re.IGNORECASE)

# A clause that states what the product does not do, and a figure relative to another one.
_DENIAL = negation_regex("without")

# A fact figure after these words is a lower limit ("frühestens ab 15 Monaten", "mindestens 99,95 %").
# A usage threshold ("ab 8 Jahren", "from 15 kg"); "mindestens 99,95 %" is a performance floor instead.
_LOWER_LIMIT = re.compile(
    r"\b(?:ab|frühestens(?:\s+ab)?|erst\s+ab|from|at\s+the\s+earliest)\s*$",
    re.IGNORECASE,
)

_CONDITION_LEAD = re.compile(
    r"\b(?:bei|at|nach|under|mit|with)\s+(?:[^\s:]+\s+){0,2}$|\b(?:gemessen|measured)\s+(?:[^\s:;]+\s+){0,6}$", re.I
)
# A distance the figure is measured from ("ohne Last in 1 m Abstand", "at 3 m distance"): a condition, not a value.
_DISTANCE_AFTER = re.compile(r"\s*(?:abstand|entfernung|distance|away)\b", re.I)
# "nach" with an event noun and no figure of its own states from when a period runs, and the figure after it is
# the value: "nach Anbruch 90 Tage verwendbar", "nach dem Öffnen 6 Monate haltbar" (not "nach 500 Zyklen 80 %").
_PERIOD_AFTER_EVENT = re.compile(
    r"\b(?i:nach|after)\s+(?:(?i:dem|der|the)\s+)?[A-ZÄÖÜ][a-zäöüß]+\s+$|\b(?i:after\s+opening)\s+$"
)

_AND = re.compile(r"\s*(?:,|und|and|&)\s*", re.IGNORECASE)

_UPPER_BEFORE = re.compile(r"\b(?:bis(?:\s+zu)?|maximal|max\.|höchstens|up\s+to|at\s+most)\s*$", re.I)


# A list whose first item names its kind and the rest only their number: "Größe 1: 2–5 kg, 2: 3–6 kg, 4: 9–14 kg",
# "Stufe 1: 300 W, 2: 800 W". The head word goes with every item ("Größe 4: 9–14 kg"), so that a reply naming it
# ("Größe 4 ist für 9–14 kg") is about every item, not only the first.
_LIST_HEAD = re.compile(r"^\s*([^\W\d_]{3,}(?:\s+[^\W\d_]{3,})?)\s+\d+[a-z]?\s*:")
_LIST_ITEM = re.compile(r"([,;]\s*)(\d+[a-z]?\s*:)")


def _carry_head(value: str) -> str:
    head = _LIST_HEAD.match(value)
    return _LIST_ITEM.sub(lambda m: f"{m.group(1)}{head.group(1)} {m.group(2)}", value) if head else value


@dataclass(frozen=True, slots=True)
class ExcludedCondition:
    """A condition a fact excludes ("nicht bei Frost") and what its clause says it excludes it for ("Laden"): a
    German reply about something else under that condition ("hält bei Kälte die Unterstützung") contradicts nothing.
    No other words ("hinter Windschutzscheiben kaum Wirkung"): it holds for the whole product."""

    pattern: re.Pattern[str]
    topics: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class NumericFact:
    key: str
    label: str
    value: float  # in the base unit of `dimension`; the upper end of a range
    dimension: Dimension
    direction: Direction
    upper_bound: bool  # the spec says "bis zu"/"up to": a claim must keep the word (or name the condition)
    cues: tuple[str, ...]  # lower-case words that name the attribute (label and clause words)
    product: int | None  # index into FactBase.products; None: the whole line
    shown: str  # how the fact is reported to the reviewer, e.g. "range_km = 120 km (bis zu, ...)"
    groups: tuple[re.Pattern[str], ...] = ()  # the vocabulary's attribute groups of its label
    low: float | None = None  # the lower end when the fact is a range ("3,5 bis 15 kg")
    distance_m: float | None = None  # measured at this distance ("in 3 m Abstand")
    mode: str | None = None  # measured in this mode ("nacht" for "Nachtmodus")
    family: str = ""  # the fact key its alternatives share
    conditions: frozenset[str] = frozenset()  # words of its own condition ("senkrecht", "nachtmodus")
    condition_figures: tuple[tuple[Dimension, float], ...] = ()  # "bei 30 °C und 80 %"
    needs_condition: bool = False  # the favourable alternative: misleading without its condition
    own_conditions: frozenset[str] = frozenset()  # of those, the words no alternative it beats shares
    own_figures: tuple[tuple[Dimension, float], ...] = ()  # and the condition figures none of them shares
    rival_modes: frozenset[str] = frozenset()  # the modes its alternatives are measured in
    # An alternative of the attribute under another condition (a qualifier clause, a mode): it competes
    # with the others of its fact, and naming its condition words qualifies its "bis zu" figure.
    alternative: bool = False
    competes: bool = False
    # The attribute groups its own clause names ("Einkaufskorb jeweils bis 5 kg"): a figure named by
    # them is about this clause rather than its siblings. `foreign`: the clause is about another
    # attribute than its fact ("Ladezeit ca. 3 h" in a run-time fact) and counts only when named.
    own_groups: tuple[re.Pattern[str], ...] = ()
    foreign: bool = False
    clause_words: tuple[str, ...] = ()  # the words of its own clause of a text value ("Einkaufskorb")
    excluded: frozenset[str] = frozenset()  # condition words it excludes ("ohne Babywanne"): no cue for it
    # The vocabulary's condition groups its qualifier excludes ("nicht über Nacht", "hinter Windschutzscheiben kaum
    # Wirkung"): a claim under one of them contradicts the fact, in either language ("overnight").
    excluded_conditions: tuple[ExcludedCondition, ...] = ()
    end_conditions: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())  # of a range's ends
    step: float = 0.0  # half a unit of the spec's last digit (its precision)
    serving: Serving | None = None  # the reference amount it is stated for: (2, "drop") of "2 Tropfen = ..."


@dataclass(frozen=True, slots=True)
class _Template:
    """What every alternative of one fact shares: its attribute words, direction and reporting."""

    key: str
    label: str
    cues: tuple[str, ...]
    groups: tuple[re.Pattern[str], ...]
    direction: Direction | None  # None: by the dimension (noise is lower-is-better)
    shown: str
    distance_m: float | None
    mode: str | None


def numeric_facts(
    fact: Fact, products: ProductIndex, lexicon: Lexicon, direction: Direction | None
) -> list[NumericFact]:
    """Every alternative of `fact` (see the module docstring); [] for a fact without comparable figures."""
    labels = " ".join(x for x in (fact.label_de, fact.label_en, fact.key.replace("_", " ")) if x)
    qualifier = fact.qualifier or ""
    clauses = split_clauses(qualifier)
    head = clauses[0] if clauses else ""
    scope: list[int | None] = list(product_scope(fact, products, labels, PAREN.sub(" ", head), qualifier)) or [None]
    cues, groups = label_cues(fact, labels, lexicon)
    cues = tuple(c for c in cues if c not in all_name_words(products))
    conditions = {**conditions_of(PAREN.sub(" ", head)), **dict(fact.conditions)}
    template = _Template(
        fact.key,
        labels,
        cues,
        groups,
        fact_direction(fact, direction, labels, lexicon),
        describe(fact),
        distance_of(conditions.get(ConditionKind.DISTANCE, "")),
        mode_of(conditions.get(ConditionKind.MODE, "")),
    )
    label_words = frozenset(cues)
    found: list[NumericFact] = []
    main = value_of(fact.value, fact.unit)
    if main is not None:
        value, low, dimension, step = main
        upper = fact.upper_bound if fact.upper_bound is not None else upper_head(head)
        words = content_words(head, products, label_words)
        figures = tuple((q.dimension, q.value) for q in quantities(head, Language.DE) if q.dimension is not dimension)
        for product in scope:
            found.append(
                _make(
                    template,
                    value,
                    low,
                    dimension,
                    product,
                    upper,
                    words,
                    figures,
                    step=step,
                    competes=True,
                    excluded=negated_words(head),
                    serving=serving_in(labels, 0) or serving_in(head, 0),
                )
            )
        rest = clauses
    else:
        if not isinstance(fact.value, str) or lexicon.has("service_topic", labels):
            # A price list or shipping rule names pack sizes and thresholds ("12 kg 54,99 €"): the
            # service checks judge them.
            return []
        dimension = None
        rest = [_carry_head(str(fact.value)), *clauses]
    for clause in clauses_of(rest, products, scope, main is None):
        found.extend(_clause_figures(clause, fact, template, products, lexicon, label_words, dimension))
    if main is None:
        found = _qualifier_conditions(found, clauses, products, label_words)
    for name, raw in per_product(fact, qualifier):
        parsed = value_of(raw, fact.unit)
        if parsed is None or main is None or parsed[2] is not main[2]:
            continue
        for product in products.named(name):
            found.append(
                dataclasses.replace(
                    _make(template, parsed[0], parsed[1], parsed[2], product, None, frozenset(), (), step=parsed[3]),
                    key=f"{fact.key}[{products.name(product)}]",
                    shown=f"{describe(fact)} [{name}: {raw}]",
                )
            )
    # A qualifier qualifies the whole figure ("bis zu, nur im Innenbereich, nicht im Freien"): its exclusions hold
    # for every use; a statement of its own in a text value ("625 Wh; Laden ..., nicht bei Frost") only for its own.
    excluded = (
        *excluded_conditions(fact.value if isinstance(fact.value, str) else "", lexicon),
        *excluded_conditions(qualifier, lexicon, whole=True),
    )
    if excluded:
        found = [dataclasses.replace(f, excluded_conditions=excluded) for f in found]
    return mark_favourable(found)


def excluded_conditions(text: str, lexicon: Lexicon, whole: bool = False) -> tuple[ExcludedCondition, ...]:
    """The condition groups (both languages) of what the fact's text excludes, each with the other words of its
    clause when the text states several things: "625 Wh; Laden nur bei 0 bis 40 °C, nicht bei Frost" excludes frost
    for charging. For the `whole` fact (its qualifier, or a text of one statement) the exclusion holds for every use."""
    found = []
    clauses = text.split(";")
    for clause in clauses:
        excluded = excluded_text(clause)
        topics = frozenset() if whole or len(clauses) < 2 else exclusion_topics(clause, excluded)
        for group in lexicon.groups("condition") if excluded else ():
            pattern = lexicon.pattern(group)
            if pattern is not None and pattern.search(excluded):
                found.append(ExcludedCondition(pattern, topics))
    return tuple(found)


def _make(
    template: _Template,
    value: float,
    low: float | None,
    dimension: Dimension,
    product: int | None,
    upper: bool | None,
    conditions: frozenset[str],
    figures: tuple[tuple[Dimension, float], ...],
    *,
    key: str | None = None,
    shown: str | None = None,
    direction: Direction | None = None,
    extra: tuple[str, ...] = (),
    groups: tuple[re.Pattern[str], ...] = (),
    ends: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
    step: float = 0.0,
    alternative: bool = False,
    competes: bool = False,
    foreign: bool = False,
    excluded: frozenset[str] = frozenset(),
    serving: Serving | None = None,
) -> NumericFact:
    return NumericFact(
        key=key or template.key,
        label=template.label,
        value=value,
        dimension=dimension,
        direction=direction or template.direction or default_direction(dimension),
        upper_bound=bool(upper),
        cues=template.cues,
        clause_words=tuple(sorted(set(extra) - set(template.cues))),
        product=product,
        shown=shown or template.shown,
        groups=template.groups,
        own_groups=tuple(g for g in dict.fromkeys(groups) if g not in template.groups),
        low=low,
        distance_m=template.distance_m,
        mode=None if any(ends) else template.mode,  # a range's ends carry their own conditions
        family=template.key,
        conditions=conditions,
        excluded=excluded,
        condition_figures=figures,
        end_conditions=ends,
        step=step,
        alternative=alternative,
        competes=competes,
        foreign=foreign,
        serving=serving,
    )


def _clause_figures(
    clause: Clause,
    fact: Fact,
    template: _Template,
    products: ProductIndex,
    lexicon: Lexicon,
    label_words: frozenset[str],
    dimension: Dimension | None,
) -> list[NumericFact]:
    """The alternatives one clause holds ("senkrecht am Balkongeländer (90°, Süd) ca. 500–600 kWh")."""
    text = clause.text
    if _DENIAL.search(text):
        return []
    outer = PAREN.sub(lambda m: " " * len(m.group()), text)  # same offsets, bracketed figures left out
    # A product's own number is no figure of the clause ("Aeris 40 bis 40 m²" is no range from 40 to 40).
    for start, end in products.spans(text):
        outer = outer[:start] + " " * (end - start) + outer[end:]
    own = groups_of(blank_figures(text), lexicon)
    # A clause that names another attribute ("Ladezeit ca. 3 h" in a run-time fact, "107 % NRV" in a
    # content fact) is that attribute's, in whatever unit it has.
    foreign = not clause.in_value and bool(own) and bool(template.groups) and not set(own) & set(template.groups)
    figures = [
        q
        for q in quantities(outer, Language.DE)
        if q.dimension not in (Dimension.OTHER, Dimension.IP)
        and (dimension is None or q.dimension is dimension or foreign)
        and not RELATIVE.match(outer[q.end :])
        and not (not clause.in_value and usage(outer, q))
    ]
    figures = sorted([*figures, *equivalents(text, figures, dimension)], key=lambda q: q.start)
    if _MODELS_KEY.match(fact.key):
        # A models fact describes the products ("Platte 160 × 80 cm"): its figures count only where an
        # attribute word stands right before them ("Heizleistung 7,9 kW").
        figures = [q for q in figures if groups_of(text[max(0, q.start - 25) : q.start], lexicon)]
    # A figure after "bei", "at", "nach" is the condition of the others ("bei −20 °C bis zu 60 °C"), and so is
    # one joined to it ("bei 30 °C und 80 % r. F.").
    conditions: list[Quantity] = []
    values: list[Quantity] = []
    for position, quantity in enumerate(figures):
        lead = outer[figures[position - 1].end if position else 0 : quantity.start]
        if (
            _DISTANCE_AFTER.match(outer, quantity.end)
            or (
                _CONDITION_LEAD.search(lead.rsplit(":", 1)[-1])
                and not (quantity.dimension is Dimension.DURATION and _PERIOD_AFTER_EVENT.search(lead))
            )
        ) or (conditions and conditions[-1] is figures[position - 1] and _AND.fullmatch(lead)):
            conditions.append(quantity)
        else:
            values.append(quantity)
    if not values:
        return []
    # A product named in the clause is its scope ("Band Lite ca. 90 min"), not a condition of the value.
    unnamed = text
    for start, end in products.spans(text):
        unnamed = unnamed[:start] + " " * (end - start) + unnamed[end:]
    words = content_words(unnamed, products, label_words)
    groups = own
    found: list[NumericFact] = []
    condition_figures = tuple((q.dimension, q.value) for q in conditions) + tuple(
        (q.dimension, q.value)
        for q in quantities(text, Language.DE)
        if dimension is not None and q.dimension is not dimension
    )
    # A clause names its own mode ("im Turbo-Modus ca. 70 min"); else a value clause keeps the fact's.
    own_template = dataclasses.replace(template, cues=(), groups=()) if foreign else template
    if mode_of(text) is not None:
        own_template = dataclasses.replace(own_template, mode=mode_of(text))
    elif not clause.in_value:
        own_template = dataclasses.replace(own_template, mode=None)
    for quantity, value, low, upper_end in ranged(outer, values):
        before = outer[: quantity.start].rstrip()
        upper = _UPPER_BEFORE.search(before[-14:]) is not None
        lower_limit = _LOWER_LIMIT.search(before[-16:]) is not None
        direction = template.direction
        if lower_limit and low is None:
            direction = Direction.AT_LEAST
        elif direction is None and (upper or low is not None):
            direction = Direction.AT_MOST
        ends = (bracket_after(text, quantity.end, products), bracket_after(text, upper_end, products))
        for product in clause.products:
            found.append(
                _make(
                    own_template,
                    value,
                    low,
                    quantity.dimension,
                    product,
                    upper and not lower_limit,
                    words,
                    condition_figures,
                    key=f"{fact.key}:{text.strip()[:40]}",
                    shown=f"{fact.key} = {text.strip()}",
                    direction=direction,
                    extra=tuple(words) if clause.in_value or foreign else (),
                    groups=groups,
                    ends=ends if low is not None else (frozenset(), frozenset()),
                    step=quantity.step,
                    alternative=not clause.in_value,
                    competes=not foreign and (not clause.in_value or mode_of(text) is not None),
                    foreign=foreign,
                    excluded=negated_words(text),
                    serving=serving_before(text, quantity.start) or serving_in(template.label, 0),
                )
            )
    return found


def _qualifier_conditions(
    found: list[NumericFact], clauses: list[str], products: ProductIndex, label_words: frozenset[str]
) -> list[NumericFact]:
    """A text fact's qualifier clause without a figure of the value's kind ("PVGIS-Simulation für
    Süddeutschland, Südausrichtung, 30° Neigung") states the value's conditions: its words and figures
    are the conditions of the value's figures, not alternatives of their own."""
    values = [f for f in found if not f.alternative]
    kinds = {f.dimension for f in values}
    words: set[str] = set()
    figures: list[tuple[Dimension, float]] = []
    conditional = set()
    for clause in clauses:
        inside = [q for q in quantities(clause, Language.DE) if q.dimension is not Dimension.OTHER]
        if inside and any(q.dimension in kinds for q in inside):
            continue
        words |= content_words(clause, products, label_words)
        figures.extend((q.dimension, q.value) for q in inside)
        conditional.add(clause)
    result = []
    for fact in found:
        if fact.alternative and any(fact.key.endswith(f":{c.strip()[:40]}") for c in conditional):
            continue  # a figure of a condition clause ("30° Neigung") is no alternative value
        if fact in values and (words or figures):
            result.append(
                dataclasses.replace(
                    fact,
                    conditions=fact.conditions | words,
                    condition_figures=fact.condition_figures + tuple(figures),
                )
            )
        else:
            result.append(fact)
    return result


def mark_favourable(found: list[NumericFact]) -> list[NumericFact]:
    """An alternative with its own condition that beats another alternative of the same product needs
    its condition named ("24 dB(A) im Nachtmodus" next to "51 dB(A) auf Stufe Turbo"). Clauses of a text
    value about different things ("Höhe 150 cm, Bodenplatte 50 cm") do not compete."""
    marked = []
    for each in found:
        rivals = frozenset(o.mode for o in found if o.mode and o.mode != each.mode and o.product == each.product)
        fact = dataclasses.replace(each, rival_modes=rivals) if rivals else each
        beaten = [
            other
            for other in found
            if other is not each
            and other.competes
            and other.dimension is fact.dimension
            and other.product == fact.product
            and other.conditions != fact.conditions
            and _better(fact, other)
        ]
        if not (fact.conditions and fact.competes and beaten):
            marked.append(fact)
            continue
        # Only the words that set it apart are its condition: "in 1 m Abstand" holds for every level.
        shared = frozenset.intersection(*(other.conditions for other in beaten))
        figures = set.intersection(*(set(other.condition_figures) for other in beaten))
        marked.append(
            dataclasses.replace(
                fact,
                needs_condition=True,
                own_conditions=fact.conditions - shared,
                own_figures=tuple(f for f in fact.condition_figures if f not in figures),
            )
        )
    return marked


def _better(fact: NumericFact, other: NumericFact) -> bool:
    if fact.direction is Direction.AT_LEAST:
        return fact.value < (other.low if other.low is not None else other.value) - max(fact.step, 1e-9)
    if fact.direction is Direction.AT_MOST:
        return fact.value > other.value + max(fact.step, 1e-9)
    return False
