"""Figures in a reply that are no spec statement of the product, and how a sentence's words name a fact.

A figure is not a claim about the product when it states a measuring condition ("in 1 m Abstand"), a
reference amount ("pro 100 g") or a guarantee term, is relative ("30 % weniger"), describes the customer
("Wenn Ihr Sohn 98 cm groß ist") or the writer ("Ich bin selbst 1,92 m groß"), is an instruction ("hold
the button for 15 seconds"), restates a documented condition, or belongs to another maker's product.
`cue_in` tells whether a word of the sentence names a fact's cue word (forms, compound heads and tails);
figures.py uses both.
"""

from __future__ import annotations

import re

from safe_reply.quantities import Dimension, Quantity
from safe_reply.validators.claims.alternatives import RELATIVE
from safe_reply.validators.claims.facts import FactBase
from safe_reply.validators.claims.service_figures import SERVICE_TOPIC
from safe_reply.validators.claims.servings import serving_size

# A figure that states a measuring condition ("in 1 m Abstand"), a reference amount ("pro 100 g") or a
# guarantee period ("3 Jahre Herstellergarantie": the guarantee check judges it) is not a spec value.
_CONDITION_BEFORE = re.compile(r"(?:\b(?:in|aus|at|from|pro|per|je|für|for)|/)\s*$", re.IGNORECASE)
_COMPOUND_TAIL = re.compile(r"^-([^\W\d_]{3,})")
_CONDITION_AFTER = re.compile(
    r"^\s*(?:abstand|entfernung|distance|away)\b|^\s*(?:pro|per|je|a|/)\s*(?:tag|woche|monat|day|week|month)\b"
    r"|^[\s-]*(?:jahre?s?n?|years?|monate?n?|months?)?[\s-]*(?:[\w'’]+\s+){0,2}?"
    r"(?:\w*garantie|gewährleistung|guarantee|warranty)",
    re.IGNORECASE,
)
# The customer's own situation: "Wenn Ihr Sohn 98 cm groß ist", "if your room is 30 m²", "Ihre Tochter ist
# 138 cm groß". A figure there describes the customer, not the product.
_CUSTOMER = re.compile(
    r"\b(?:wenn|falls|sofern|da|if|once)\s+(?:sie|ihr\w*|you|your)\b[^,;]*?\b(?:ist|sind|is|are|was|wiegt|wiegen|"
    r"weighs?|misst|messen|measures?|hat|haben|has|have|groß|tall|alt|old)\b"
    r"|\b(?:ihr|ihre[nmrs]?|your)\s+(?:[\w-]+\s+){0,2}?[\w-]*?(?:sohn|tochter|kind|kinder|baby|enkel\w*|mann|frau|"
    r"partner\w*|hund|katze|wohnung|zimmer|raum|keller|haus|garten|balkon|dach|auto|fahrzeug|son|daughter|child|kids?|"
    r"husband|wife|dog|cat|flat|apartment|room|basement|house|garden|roof|car)\s+(?:(?:\w+\s+)?(?:ist|sind|is|are|"
    r"was|hat|haben|has|have|wiegt|wiegen|weighs?|misst|messen|measures?)\b|mit\s|with\s|at\s)"
    # An indirect question about the customer's case: "Ob Ihr Hund mit 11 Monaten schon umsteigen sollte, ...".
    r"|^\W*(?:ob|whether)\b"
    # A defect report: "schon nach sieben Wochen nicht mehr lädt", "stopped working after seven months".
    # The writer's own use: "Ich putze selbst seit zwei Jahren mit ...", "I've used it for three years".
    # ("I've been sleeping on the Balance H3 myself for two years": the object may take a few words).
    r"|\b(?:ich|i)\s+(?:\w+\s+){0,3}?(?:seit|since)\s|\bi(?:['’]ve|\s+have)\s+(?:been\s+)?(?:\w+\s+){0,7}?for\s"
    r"|\b(?:nach|seit|after|since)\s+\S+\s+\S+\s+(?:\w+\s+){0,3}?(?:nicht\s+mehr|kaputt\w*|defekt|ausgefallen|"
    # what goes wrong with a part: it jams, squeaks, wobbles, leaks, rusts, cracks, tears, comes loose
    r"hakt|haken|klemmt|klemmen|quietscht|quietschen|wackelt|wackeln|leckt|undicht|rostet|rosten|gerissen|reißt|"
    r"gebrochen|bricht|abgebrochen|ausgeleiert|lose|locker|blättert|"
    r"no\s+longer|stopped|broke|broken|failed|jams|jammed|squeaks|wobbles|leaks|leaking|rusts|rusted|cracked|tore|"
    r"torn|came\s+loose|comes\s+loose|peeling)\b"
    r"|\b(?:stopped|broke|failed|nicht\s+mehr)\b[^,;]*\b(?:after|since|nach|seit)\b",
    re.IGNORECASE,
)
# A figure the product falls short of ("Für 50 m² ist die Split S35 zu klein", "too weak for 60 m²"): the clause
# says the product does not reach it, the opposite of a claim that it does.
_SHORT_OF = re.compile(
    r"(?<!\bnicht\s)(?<!\bkeineswegs\s)(?<!\bkeinesfalls\s)(?<!\bgar\snicht\s)"
    r"\bzu\s+(?:klein|knapp|schwach|gering)\b|\breicht\s+(?:\w+\s+)?nicht\b"
    r"|\bnicht\s+(?:\w+\s+)?(?:geeignet|ausreichend|ausgelegt)\b|\bunterdimensioniert"
    r"|(?<!\bnot\s)(?<!\bnever\s)(?<!\bno\smeans\s)\btoo\s+(?:small|weak|little)\b"
    r"|\bnot\s+(?:\w+\s+)?(?:enough|suitable|sufficient|designed)\b|\bundersized\b",
    re.IGNORECASE,
)


def _service_term(sentence: str, quantity: Quantity, base: FactBase) -> bool:
    """The figure restates a service term of the line that is about the same topic as the sentence."""
    if not SERVICE_TOPIC.search(sentence):
        return False
    return any(
        d is quantity.dimension and abs(v - quantity.value) <= max(quantity.step, 1e-9)
        for d, v in base.schedule_figures
    )


# The writer's own body ("Ich bin selbst 1,92 m groß", "I'm 1.85 m tall"): no figure of the product.
_SPEAKER = re.compile(r"\b(?:ich\s+bin|ich\s+wiege|i\s+am|i['’]m|i\s+weigh)\s+(?:selbst\s+|auch\s+|myself\s+)?$", re.I)
_BODY = re.compile(r"\s*(?:groß|schwer|alt|tall|old|heavy)\b|\s*$|\s*[,.;]", re.IGNORECASE)
# An instruction to the customer ("bereiten Sie es mit 35 g Pulver zu", "hold the button for 15 seconds",
# "mix 30 g with 300 ml of milk") states how to use the product, not what it does.
_INSTRUCTED = frozenset({Dimension.MASS, Dimension.VOLUME, Dimension.DURATION})
_INSTRUCTION = re.compile(
    r"\b(?:bereiten|rühren|verrühren|mischen|vermischen|lösen|auflösen|geben|füllen|schütteln|halten|drücken|"
    r"dosieren|messen)\s+sie\b"
    r"|^\W*(?:(?:to\s+\w+\s+(?:\w+\s+){0,3}?)?(?:mix|stir|dissolve|add|shake|pour|fill|hold|press|measure)\b)"
    r"|\b(?:please|just|simply|then)\s+(?:mix|stir|dissolve|add|shake|pour|fill|hold|press|measure)\b",
    re.IGNORECASE,
)
_CLAUSE_START = re.compile(r"[,;:–—(]|\s-\s|\b(?:aber|und|but|and)\b", re.IGNORECASE)


_AS_CONDITION = re.compile(
    r"\b(?:bei|mit|gegenüber|verglichen|vergleich|als|at|with|than|compared|versus|vs)\b[^.,;:!?\d]{0,30}$",
    re.IGNORECASE,
)


def _our_value(quantity: Quantity, base: FactBase) -> bool:
    return any(
        f.dimension is quantity.dimension and abs(f.value - quantity.value) <= max(quantity.step, 1e-9)
        for f in base.numeric
    )


def not_a_spec(sentence: str, quantity: Quantity, base: FactBase) -> bool:
    before = sentence[max(0, quantity.start - 12) : quantity.start]
    after = sentence[quantity.end : quantity.end + 30]
    compound = _COMPOUND_TAIL.match(after)
    if compound:
        # "20-kg-Hund" describes the customer's dog; "5-Zoll-Bildschirm" names the product's attribute.
        tail = compound.group(1).lower()
        return not any(g.search(tail) for f in base.numeric for g in f.groups) and not any(
            cue_in(c, tail, [tail]) for f in base.numeric for c in (*f.cues, *f.clause_words)
        )
    if _CONDITION_AFTER.search(after) or RELATIVE.match(after) or _third_party(sentence, quantity, base):
        return True
    if serving_size(sentence, quantity) or (
        _SPEAKER.search(sentence, max(0, quantity.start - 24), quantity.start) and _BODY.match(after)
    ):
        return True
    restated = any(
        d is quantity.dimension and abs(v - quantity.value) <= max(quantity.step, 1e-9)
        for d, v in base.condition_figures
    )
    as_condition = _AS_CONDITION.search(sentence, max(0, quantity.start - 40), quantity.start) is not None
    if restated and (as_condition or not _our_value(quantity, base)):
        # A documented measuring condition, restated. A figure that is also the value of one of our facts (the
        # Thermo S3's 12 l/min, and "Standardbrause mit 12 l/min" in another fact's qualifier) is a condition only
        # where a condition word leads to it: "die Kora K2 liefert 12 l/min" claims it for the Kora K2.
        return True
    clause_start = max((m.end() for m in _CLAUSE_START.finditer(sentence, 0, quantity.start)), default=0)
    clause_end = _CLAUSE_START.search(sentence, quantity.end)
    clause = sentence[clause_start : clause_end.start() if clause_end else len(sentence)]
    if _CUSTOMER.search(clause) or _SHORT_OF.search(clause) or _service_term(clause, quantity, base):
        return True
    if quantity.dimension in _INSTRUCTED and _INSTRUCTION.search(clause):
        return True
    return bool(_CONDITION_BEFORE.search(before)) and quantity.dimension in (
        Dimension.LENGTH,
        Dimension.MASS,
        Dimension.VOLUME,
        Dimension.COUNT,
    )


# Between another maker and its figure: a possessive and a few words of the same noun phrase ("the other
# brand's 4,000 IU product", "herkömmliche 60-W-Glühbirnen"); after the figure, its noun and a genitive or
# "from" ("ein Präparat mit 4.000 I.E. eines anderen Herstellers", "4,000 IU drops from other brands").
# A verb or a word of our own between them makes the figure ours ("unlike competitors, ours has 5,000 mAh").
_OWNER_GAP = re.compile(
    r"(?:['’]s?)?\s+(?:(?!(?:our|ours|unser\w*|wir|we|ich|i|has|have|hat|haben|is|are|ist|sind|offers?|bietet|"
    r"bieten|contains?|enthält|enthalten|delivers?|liefert|liefern|schafft|schaffen|manages?|reaches|erreicht)\b)"
    r"[\w-]+\s+){0,2}",
    re.IGNORECASE,
)
_OWNED_BY = re.compile(
    r"^[^\W\d]*\.?(?:\s+[\w-]+){0,2}?\s+(?:von|vom|der|des|eines|einer|from|of|by)\s+"
    r"(?:(?:den|dem|der|einem|einer|the|an?)\s+)?$",
    re.IGNORECASE,
)


def _third_party(sentence: str, quantity: Quantity, base: FactBase) -> bool:
    """The figure belongs to another maker's product: no spec of ours (the comparison rules judge what the
    reply says about it)."""
    if base.competitor is None:
        return False
    clause = sentence[max(0, quantity.start - 60) : quantity.end + 60]
    offset = max(0, quantity.start - 60)
    for m in base.competitor.finditer(clause):
        start, end = m.start() + offset, m.end() + offset
        if end <= quantity.start and _OWNER_GAP.fullmatch(sentence[end : quantity.start]):
            return True
        if start >= quantity.end and _OWNED_BY.match(sentence[quantity.end : start]):
            return True
    return False


# A German compound's head word names the attribute too: "Bildschirm" cues "Bildschirmdiagonale".
_MIN_HEAD = 6
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "s"})
_ENDING = re.compile(r"(?:en|er|es|em|et|st|e|n|s|t)$")


def stem(word: str) -> str:
    """A word without its inflection and umlaut, for comparing forms: "lädt", "laden" -> "lad"."""
    folded = word.lower().translate(_FOLD)
    stemmed = _ENDING.sub("", folded)
    return stemmed if len(stemmed) >= 3 else folded


def cue_in(cue: str, lower: str, words: list[str], *, infix: bool = False, tail: bool = False) -> bool:
    """Whether a word of the sentence names `cue`: a form of it, its compound head, for a clause's own word
    also its compound tail ("Korb" for "Einkaufskorb"), for a condition any part ("speisen" for
    "Einspeiseleistung")."""
    if " " in cue:
        return cue in lower
    root = stem(cue)
    for w in words:
        if w.startswith(cue) or (len(w) >= _MIN_HEAD and cue.startswith(w)):
            return True
        said = stem(w)
        # "lädt" is "laden", "geladen" too; a condition "Einspeiseleistung" is named by "speisen ein".
        if len(root) >= 3 and said in (root, f"ge{root}"):
            return True
        if infix and len(said) >= 5 and len(cue) >= len(said) + 4 and said in cue.translate(_FOLD):
            return True
        if tail and len(w) >= 4 and len(cue) >= len(w) + 4 and cue.endswith(w):
            return True
    return False
