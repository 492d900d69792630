"""A figure the spec sheet has no attribute for, stated as a boast: "locker auf 100 m²", "schon nach 2 Stunden",
"easily lasts two weeks", "mindestens zwei Tage sicher", "2,000 cycles without losing any capacity".

A figure that maps onto no fact is usually no product claim ("Bei 8 m Zisternentiefe ...", "Für 2.000 m² haben wir
kein Modell"), so the figure rules let it pass. Wording that sells the figure (an easy-word, a floor, "only",
"already after", "and more") makes it a performance promise all the same, and one the facts cannot back. An
instruction ("Lassen Sie die Farbe mindestens 2 Stunden trocknen"), the customer's own situation and figures that
are no spec statement (not_a_spec) stay quiet.
"""

from __future__ import annotations

import re

from safe_reply.quantities import Dimension, Quantity, quantities
from safe_reply.types import Language
from safe_reply.validators.claims.conditions import IF_CLAUSE
from safe_reply.validators.claims.facts import FactBase
from safe_reply.validators.claims.not_a_spec import not_a_spec

# Before the figure (a verb or preposition between: "easily lasts", "locker auf"): the words that sell it.
_BEFORE = re.compile(
    r"\b(?:locker|problemlos|spielend|mühelos|satte[n]?|stolze[n]?|(?:schon|bereits)\s+(?:nach|in)"
    r"|in\s+nur|easily|comfortably|effortlessly|a\s+whopping|whopping|in\s+just|in\s+only"
    r"|(?:already\s+)?after\s+(?:just|only)|already\s+after)"
    r"\s+(?:[\w-]+\s+){0,2}?(?:(?:noch|rund|etwa|ca\.|circa|about|around|some)\s+)?(?:(?:die|the)\s+)?$",
    re.IGNORECASE,
)
# Not "garantiert", "guaranteed": the guarantee rules judge those. Not "nur", "mindestens", "only", "at least",
# "full": they state limits and requirements as often as boasts ("mindestens 1 m gerader Draht", "your little one
# is only 3 weeks old", "spare parts for at least five years").
# After the figure, in its clause: "und mehr", "locker", "ohne Kapazitätsverlust", "without losing any".
_AFTER = re.compile(
    r"^\s*(?:und|oder|and|or)\s+(?:mehr|länger|more|longer)\b"
    r"|^[^.!?,;:]{0,30}?\b(?:locker|problemlos|mühelos|spielend|easily|with\s+ease|no\s+problem|without\s+(?:losing|any)"
    r"|ohne\s+(?:jeden\s+|jeglichen\s+|einen\s+)?(?:\w*verlust|nachzulassen|zu\s+verlieren))\b",
    re.IGNORECASE,
)
# An instruction or a piece of advice: how to use the product, not what it does.
_INSTRUCTION = re.compile(
    r"^\W*(?:[A-ZÄÖÜ]\w+en|[A-ZÄÖÜ]\w+ern|[A-ZÄÖÜ]\w+eln)\s+sie\b|\b(?:bitte|sollten|sollte|müssen|muss|empfehle\w*"
    r"|please|should|must|need\s+to|make\s+sure|recommend\w*|wait|warten)\b",
    re.IGNORECASE,
)
# A time the shop, its service or the way to it takes, not the product: delivery ("arrives in just 2 days"), a
# reply ("antwortet in nur 24 Stunden"), a refund, the walk to a branch. The boast words sell those figures too,
# but they are service statements the product facts never hold; the delivery and refund rules judge them.
_SERVICE = re.compile(
    r"\b(?:bestellung\w*|liefer\w*|geliefert|versand\w*|versandt|verschickt|paket\w*|sendung\w*|zustell\w*"
    r"|zugestellt|erstatt\w*|rückzahlung|gutschrift\w*|kundenservice|kundendienst|support|antwort\w*"
    r"|filiale\w*|geschäft|laden|zu\s+fuß|erreichbar|bearbeit\w*|termin\w*"
    r"|orders?|deliver\w*|ship(?:s|ped|ping|ment)?|dispatch\w*|parcels?|packages?|arriv\w*|refund\w*|money\s+back"
    r"|customer\s+service|respond\w*|repl(?:y|ies|ied)|answers?|store|shop|branch|walk|drive\s+away|processed"
    r"|technician|appointment)\b",
    re.IGNORECASE,
)
# "100 %" or "99,9 %" is a total claim ("bindet Gerüche zu 100 %"), except as a state ("zu 100 % geladen").
_STATE = re.compile(r"\b(?:ge|auf)?laden\b|\bgeladen\b|\bcharged?\b|\bakkustand\b|\bbattery\s+level\b", re.IGNORECASE)


def boasted(sentence: str, language: Language, base: FactBase) -> str | None:
    """The first figure of the sentence sold as a performance promise, or None."""
    if _INSTRUCTION.search(sentence) or _SERVICE.search(sentence):
        return None
    for quantity in quantities(sentence, language):
        if not_a_spec(sentence, quantity, base) or _documented(quantity, base):
            continue
        before = sentence[max(0, quantity.start - 40) : quantity.start]
        after = sentence[quantity.end : quantity.end + 60]
        total = quantity.dimension is Dimension.PERCENT and quantity.value >= 99.0 and not _STATE.search(sentence)
        if not (total or _BEFORE.search(before) or _AFTER.search(after)):
            continue
        clause_start = max(0, *(sentence.rfind(c, 0, quantity.start) + 1 for c in ",;:–"))
        if IF_CLAUSE.search(sentence, clause_start, quantity.start):
            continue
        return sentence[quantity.start : quantity.end]
    return None


def _documented(quantity: Quantity, base: FactBase) -> bool:
    """A value the spec sheet states for some attribute ("problemlos bis zu 40 Minuten" of a 40-minute run time):
    the words did not link it, but it is no invented figure."""
    return any(
        f.dimension is quantity.dimension and abs(f.value - quantity.value) <= max(quantity.step, 1e-9 * abs(f.value))
        for f in base.numeric
    )
