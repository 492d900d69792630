"""Whether a sentence states a spec figure's measuring conditions, contradicts them or says the figure holds
whatever they are: the conditions a figure is compared under (figures.py) once it is known which alternative
it is about.

- `names_condition`: the sentence names the alternative's condition (its words or all its condition figures);
- `contradicts_conditions`: another measuring distance or another mode than the fact's;
- `universal`: "egal welches Programm", "auch bei voller Leistung", "around the clock" for a figure that holds
  under some conditions only; a caveat ("auch bei Kälte deutlich weniger") or the customer's own condition is none.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from safe_reply.negation import negation_regex
from safe_reply.quantities import UPPER_BOUND, Dimension, Quantity, parse_number, quantities
from safe_reply.types import Language
from safe_reply.validators.claims.alternatives import (
    ExcludedCondition,
    NumericFact,
    excluded_conditions,
    modes_in,
    tokens,
)
from safe_reply.validators.claims.lexicon import Lexicon
from safe_reply.validators.claims.not_a_spec import stem
from safe_reply.validators.claims.taxonomy import Verdict

if TYPE_CHECKING:
    from safe_reply.validators.claims.facts import FactBase

# The lower end of a range written without its unit: "62 to 127 cm", "von 42 bis 53 cm", "62–127 cm".
BARE_LOW = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s*(?:bis|–|-|to)\s*$", re.IGNORECASE)


def split_words(text: str) -> list[str]:
    """Lower-case words, hyphenated ones also in their parts ("micro-inverter" -> "inverter")."""
    found = tokens(text)
    return found + [part for word in found if "-" in word for part in word.split("-") if len(part) >= 3]


def names_condition(fact: NumericFact, sentence: str, words: list[str]) -> bool:
    """Whether the sentence states the alternative's condition: its words or all its condition figures."""
    if fact.needs_condition and (fact.own_conditions or fact.own_figures):
        # Only what sets it apart from the alternatives it beats: "in 1 m Abstand" holds for every level.
        return named_condition(fact.own_conditions, words) or names_figures(fact.own_figures, sentence)
    return named_condition(fact.conditions, words) or names_figures(fact.condition_figures, sentence)


def names_figures(figures: tuple[tuple[Dimension, float], ...], sentence: str) -> bool:
    if not figures:
        return False
    said = {(q.dimension, round(q.value, 6)) for q in quantities(sentence, Language.DE)}
    return all((d, round(v, 6)) in said for d, v in figures)


LOWER_BOUND = re.compile(r"\b(?:mindestens|wenigstens|ab|at\s+least|from|minimum|min\.)\s*$", re.IGNORECASE)
# An English reply that states some condition: a mode, a setting, a bracket, "without", "measured".
QUALIFIED_EN = re.compile(
    r"\(|\b(?:mode|setting|level|stage|measured|conditions?|without|excluding|including|according\s+to|"
    r"under|at\s+\d|standard)\b",
    re.IGNORECASE,
)


def named_condition(conditions: frozenset[str], words: list[str]) -> bool:
    """A condition word in the sentence, inflected or as a compound part ("B2-Akkus" for
    "Erweiterungsakkus", "Nachtmodus" for "Nachtmodus")."""
    stems = {stem(w) for w in words if len(w) >= 4}
    for condition in conditions:
        root = stem(condition)
        # A compound's head ("Leistung" of "Spitzenleistung") or its modifier ("Spitze") names it too.
        # So does a compound the condition starts ("Limittemperatur" for "Limit", "Komfortbereich" for "Komfort").
        if root in stems or any(
            len(s) >= 5
            and (
                root.endswith(s)
                or s.endswith(root)
                or (root.startswith(s) and len(root) >= len(s) + 4)
                or (s.startswith(root) and len(root) >= 4 and len(s) >= len(root) + 4)
            )
            for s in stems
        ):
            return True
    return False


def contradicts_conditions(fact: NumericFact, sentence: str, language: Language, documented: str = "") -> bool:
    """The sentence states the figure under another condition than the fact's (closer, another mode)."""
    if fact.distance_m is not None:
        claimed = distance_in(sentence)
        if claimed is not None and claimed < fact.distance_m:
            return True
    if any(_excluded_named(c, sentence, language) for c in fact.excluded_conditions):
        return True  # "overnight" for a wear period of "nur Tagestragen (nicht über Nacht)"
    if fact.excluded and _includes_excluded(fact.excluded, sentence):
        return True  # "1.150 g inklusive Turnbeutel" for "1.150 g (leer, ohne Turnbeutel)"
    if fact.mode is not None:
        modes = modes_in(sentence)
        # Another documented mode, or in a German reply any other mode (an English one may translate it, but
        # a mode the facts name by that very name, "White" of "Clean, Sensitive, White", is that mode).
        if (
            modes
            and fact.mode not in modes
            and (modes & fact.rival_modes or language is Language.DE or any(_names_word(documented, m) for m in modes))
        ):
            return True
    return False


# The nouns of a measuring condition whose every value "jeder"/"any" claims: temperature, power (of a lens),
# size, load, speed, weather, light, altitude, humidity, terrain, season, variant.
_CONDITION_DE = (
    r"(?:[\w-]*temperatur\w*|stärke[n]?|sehstärke\w*|dioptrie\w*|größe[n]?|baugröße\w*|last|belastung\w*"
    r"|beladung\w*|geschwindigkeit\w*|tempo|witterung\w*|wetterlage\w*|jahreszeit\w*|klima\w*|licht\w*"
    r"|helligkeit\w*|höhe[n]?|tiefe[n]?|feuchtigkeit\w*|luftfeuchte\w*|untergr[uü]nd\w*|gelände\w*|steigung\w*"
    r"|umgebung\w*|ausführung\w*|variante[n]?|konfiguration\w*|tageszeit\w*|umstände[n]?|verhältnisse[n]?)"
)
_CONDITION_EN = (
    r"(?:temperatures?|powers?|prescriptions?|strengths?|diopt(?:er|re)s?|sizes?|loads?|speeds?|weather"
    r"|climates?|seasons?|light(?:ing)?|brightness|altitudes?|depths?|humidity|terrains?|surfaces?|variants?"
    r"|configurations?|versions?|circumstances?|environments?|times?\s+of\s+day)"
)

# A negation before a condition in its clause repeats the exclusion ("bitte nicht über Nacht", "never overnight").
_NEGATION = negation_regex(
    r"ohne|außer|without|except|avoid\w*|vermeiden",
    # taking the product off for the condition: "take them out at night", "nachts herausnehmen"
    r"take\s+(?:\w+\s+)?(?:out|off)|remov\w+|heraus\w*|raus\w*|abnehm\w*|absetz\w*",
)


# What the figure is said to include: "inklusive Turnbeutel", "samt Ständer", "including the bell" ("mit" and
# "with" say too many other things: "mit Wischmodul ist die Laufzeit kürzer").
_INCLUDING = re.compile(
    r"\b(?:inklusive|inkl\.|einschließlich|mitsamt|samt|including|incl\.)\s+"
    r"(?:(?:de[rmns]|die|das|eine[mnrs]?|the|a|an|your|ihre[mnrs]?|ihr)\s+)?([^\W\d_][\w-]{3,})",
    re.IGNORECASE,
)


def _includes_excluded(excluded: frozenset[str], sentence: str) -> bool:
    """The sentence counts in what the fact's figure leaves out ("ohne Turnbeutel und Federmäppchen")."""
    words = {w for w in excluded if len(w) >= 4}
    if _CAVEAT.search(sentence):
        return False  # "inklusive Wischmodul ist die Laufzeit kürzer": the figure drops, as the fact says
    return any(any(m.group(1).lower().startswith(w[:5]) for w in words) for m in _INCLUDING.finditer(sentence))


def _excluded_named(excluded: ExcludedCondition, sentence: str, language: Language) -> bool:
    """The sentence names the excluded condition, not denied, and (in German, the facts' language) what the fact
    excludes it for: "Laden ... nicht bei Frost" is not contradicted by "fährt auch bei Kälte"."""
    if not _names_unnegated(excluded.pattern, sentence):
        return False
    return language != Language.DE or not excluded.topics or named_condition(excluded.topics, tokens(sentence))


def _names_unnegated(condition: re.Pattern[str], sentence: str) -> bool:
    for match in condition.finditer(sentence):
        start = max(sentence.rfind(c, 0, match.start()) + 1 for c in ",;:(–")
        ends = [i for i in (sentence.find(c, match.end()) for c in ",;:)–") if i >= 0]
        # The whole clause: German puts the verb last ("die Linsen nachts herausnehmen").
        if not _NEGATION.search(sentence, start, min(ends, default=len(sentence))):
            return True
    return False


# Wording that says a figure holds whatever the conditions: "egal welches Programm", "auch bei voller Leistung",
# "unabhängig von der Stufe", "den ganzen Tag", "even with dual-band", "no matter which setting", "permanently".
# A spec figure measured under conditions (a mode, a distance, a test standard, "bis zu") does not.
_UNIVERSAL = re.compile(
    r"\begal\s+(?:ob|wie|wo|wann|was|welch\w*|in\s+welch\w*|bei\s+welch\w*|mit\s+welch\w*|auf\s+welch\w*)\b"
    r"|\bunabhängig\s+(?:von|vom|davon)\b|\b(?:auch|selbst|sogar)\s+(?:bei|beim|mit|im|auf|unter|wenn|ohne|durch)\b(?!\s+(?:mir|mich|uns|dir|euch|ihm)\b)"
    r"|\bin\s+(?:jede[mnr]?|alle[nm]?)\s+(?:[\w-]+\s+)?(?:[\w-]*modus|modi|[\w-]*stufen?|[\w-]*programme?n?|einstellung\w*"
    r"|situation\w*|bedingung\w*|lage\w*|wetter)\b"
    # "bei jeder Temperatur", "in jeder Stärke", "unter allen Bedingungen", "für alle Größen": a measuring
    # condition (temperature, power, size, load, weather) named as holding for all its values.
    rf"|\b(?:in|bei|unter|für|auf)\s+(?:jede[mnrs]?|alle[nm]?|beliebige[mnr]?)\s+(?:[\w-]+\s+)?{_CONDITION_DE}\b"
    rf"|\b(?:in|at|under|for|on|with)\s+(?:any|every|all)\s+(?:[\w-]+\s+)?{_CONDITION_EN}\b"
    r"|\bdauerhaft\b|\bununterbrochen\b|\bam\s+stück\b|\brund\s+um\s+die\s+uhr\b"
    r"|\bden\s+ganzen\s+tag\b|\bno\s+matter\s+(?:what|which|how|where|when)\b|\bregardless\s+of\b"
    r"|\b(?:even|also)\s+(?:in|at|on|with|without|through|under|when|if|during|below|above)\b"
    r"|\b(?:in|on|at)\s+(?:any|every|all)\s+(?:[\w-]+\s+)?(?:modes?|settings?|levels?|programmes?|programs?|conditions?|weather)\b"
    # "adjusts continuously", "continuously variable": stepless, not non-stop.
    r"|\bpermanently\b|(?<!adjusts\s)(?<!adjustable\s)\bcontinuously\b(?!\s+(?:adjust|variabl|dimm|height))|\bnon-?stop\b|\ball\s+day(?:\s+long)?\b|\baround\s+the\s+clock\b",
    re.IGNORECASE,
)
_UNIVERSAL_REACH = 80  # characters between the figure and the wording: the figure's own clause, roughly
_JOINED_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas|und|aber|während|wobei)\b", re.IGNORECASE)


def universal(fact: NumericFact, quantity: Quantity, sentence: str) -> bool:
    """The sentence says the figure holds whatever the conditions, and the fact holds under some only. Where the
    words after the universal wording name the fact's own condition ("auch im Eco-Modus") it is that condition;
    where the clause says the figure drops ("auch bei Kälte deutlich weniger") it is a caveat."""
    if not (
        fact.upper_bound
        or fact.conditions
        or fact.mode
        or fact.distance_m is not None
        or fact.condition_figures
        or fact.needs_condition
    ):
        return False
    # The figure's clause: a ";" ends it ("bis zu 40 Minuten; im Turbo-Modus 8 Minuten, auch mit ...").
    # A range's clause starts before its lower end ("Auch wenn Sie ..., kommen Sie auf etwa 700 bis 850 kWh").
    bare = BARE_LOW.search(sentence, max(0, quantity.start - 16), quantity.start)
    anchor = bare.start() if bare else quantity.start
    low = max(0, anchor - _UNIVERSAL_REACH, sentence.rfind(";", 0, quantity.start) + 1)
    # Another clause joined before the figure's ("adjusts continuously from 53 to 82 cm, and the top tilts up to
    # 20°") says nothing about it.
    joined = [m.end() for m in _JOINED_CLAUSE.finditer(sentence, low, anchor)]
    low = max([low, *joined])
    while bare and low and sentence[low - 1].isalnum():
        low -= 1  # not inside a word: "Auch wenn" cut to "ch wenn" says nothing
    semicolon = sentence.find(";", quantity.end)
    high = min(len(sentence), quantity.end + _UNIVERSAL_REACH, semicolon if semicolon >= 0 else len(sentence))
    if _CAVEAT.search(sentence, low, high):
        return False
    own = fact.conditions - fact.excluded
    for match in _UNIVERSAL.finditer(sentence, low, high):
        if match.start() < quantity.end and quantity.start < match.end():
            continue  # the figure itself ("den ganzen Tag")
        # In a condition of the customer's ("Wenn Sie ihn auch im Wohnzimmer nutzen", "wenn das Display dauerhaft
        # an ist, etwa 6 Stunden") the wording states when, not that it always holds.
        clause = max([low] + [sentence.rfind(c, low, match.start()) + 1 for c in ",;:(–"])
        if IF_CLAUSE.search(sentence, clause, match.start()):
            continue
        # "egal welches Programm", "regardless of the setting" universalise over the very condition they name;
        # "auch im Eco-Modus", "even in Eco mode", "mit dauerhaft eingeschaltetem Display" may name the fact's own.
        if _WHATEVER.match(match.group()):
            return True
        following = split_words(sentence[match.start() : match.end() + 40])[:6]
        if not (own and named_condition(own, following)) and not (
            match.group().lower().startswith(("even", "also")) and _EN_CONDITION.search(" ".join(following))
        ):
            return True
    return False


# A clause that says the figure drops under the condition it names is a caveat, not a universal claim.
_CAVEAT = re.compile(
    r"\b(?:weniger|darunter|geringer|kürzer|niedriger|sinkt|sinken|nachlassen|lässt\s+nach|less|lower|shorter|fewer"
    r"|drops?|falls?|reduced|decreases?)\b",
    re.IGNORECASE,
)
# "bei jeder Temperatur" universalises over temperature even where the fact names one ("bei 20 °C Ausgangstemperatur").
_WHATEVER = re.compile(
    r"(?:egal|unabhängig|no\s+matter|regardless|in|on|at)\s"
    r"|(?:bei|unter|für|auf|under|for|with)\s+(?:jede|alle|beliebig|any|every|all)",
    re.IGNORECASE,
)
# A condition clause ("wenn Sie ...", "if you ..."): what follows states when, not that something holds.
IF_CLAUSE = re.compile(r"\b(?:wenn|falls|sofern|if|when|whenever|unless)\b", re.IGNORECASE)
# An English reply cannot name a German fact's condition words: "even in Eco mode" names some condition.
_EN_CONDITION = re.compile(r"\b(?:mode|setting|level|programme|program|stage)\b", re.IGNORECASE)


def _names_word(text: str, word: str) -> bool:
    return len(word) >= 3 and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def has_upper_bound(sentence: str) -> bool:
    return UPPER_BOUND.search(sentence) is not None


def distance_in(sentence: str) -> float | None:
    """The measuring distance a sentence claims: "in 1 m Abstand" -> 1.0; "right next to it" -> 0."""
    if _NEAR.search(sentence):
        return 0.0
    match = re.search(
        r"(\d+(?:[.,]\d+)?)\s?(?:m|meter|metern|metres?|meters?)\s+(?:abstand|entfernung|away|distance|from)",
        sentence,
        re.I,
    )
    return parse_number(match.group(1), Language.DE) if match else None


_NEAR = re.compile(
    r"\b(?:direkt|unmittelbar|gleich)\s+(?:neben|am|an|vor|daneben)\b|\bdirekt\s+daneben\b|\bright\s+next\s+to\b"
    r"|\bdirectly\s+(?:next\s+to|beside|in\s+front\s+of)\b|\bup\s+close\b|\bnext\s+to\s+the\s+unit\b",
    re.I,
)


# A text value's measuring condition: "138 Dk/t (LQ Monthly Air bei −3,00 dpt)", "at 23 °C", "gemessen bei ...".
_MEASURED_AT = re.compile(r"\b(?:bei|at|gemessen\s+bei|measured\s+at)\s+[−–+-]?\d", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)?")


def conditioned_verdict(sentence: str, language: Language, base: FactBase, lexicon: Lexicon) -> Verdict:
    """A sentence that says its figure holds under every value of a condition ("in jeder Stärke") is not backed
    when the figure is one a text fact states under a condition of its own clause ("138 Dk/t ... bei −3,00 dpt").
    Figures the spec sheet parses are the spec-figure check's (`universal`); a sentence without such a figure
    claims nothing here. Nor is a sentence backed that says the product works under a condition a fact excludes
    ("funktioniert auch hinter der Windschutzscheibe" against "hinter Windschutzscheiben kaum Wirkung")."""
    for fact in base.numeric:
        if any(_excluded_named(c, sentence, language) for c in fact.excluded_conditions):
            return Verdict(False, fact.shown, fact.family)
    for key, shown in base.text_facts.items():
        if any(_excluded_named(c, sentence, language) for c in excluded_conditions(shown, lexicon)):
            return Verdict(False, shown, key)
    figures = {n.replace(",", ".") for n in _NUMBER.findall(sentence) if len(n.strip("0.,")) >= 2}
    for key, shown in base.text_facts.items():
        for clause in shown.split(";"):
            numbers = {n.replace(",", ".") for n in _NUMBER.findall(clause)}
            if figures & numbers and _MEASURED_AT.search(clause):
                return Verdict(False, shown, key)
    return Verdict(True, "")
