"""The figures a service term or a commitment carries, compared between a reply and the documented terms.

Besides the quantities every claim check reads ("30 Tage", "10 %", "4,90 €"), a commitment states how often
("4-mal pro Jahr", "up to 6 times a year", "zweimal") and how fast ("next-day delivery", "am nächsten Tag"), which
the quantity parser does not read: a term that documents "2-mal" does not back "6 times", one that documents
"2–4 Werktage" does not back "next-day".
"""

from __future__ import annotations

import re

from safe_reply.quantities import Dimension, quantities
from safe_reply.types import Language

__all__ = ["SERVICE_TOPIC", "granted_discounts", "has_figure", "schedule_figures", "service_figures", "topic_words"]

_TOLERANCE = 0.005


def service_figures(text: str, language: Language) -> list[tuple[Dimension, float]]:
    found = [(q.dimension, q.value) for q in quantities(text, language)]
    # How often: "4-mal pro Jahr", "up to 6 times a year", "zweimal", "twice" (a count the quantities do not read;
    # "einmal" and "once" are mostly "just" and "as soon as").
    found += [(Dimension.COUNT, float(m.group(1))) for m in _TIMES.finditer(text)]
    found += [(Dimension.COUNT, _TIMES_WORDS[m.group().lower()]) for m in _TIMES_WORD.finditer(text)]
    # "next-day delivery", "am nächsten Tag": one day, which "2–4 Werktage" does not carry.
    found += [(Dimension.DURATION, _DAY) for _ in _NEXT_DAY.finditer(text)]
    return found


_DAY = 86_400.0  # seconds: the unit of a duration in safe_reply.quantities
_NEXT_DAY = re.compile(r"\b(?:next|same)[\s-]day\b|\bam\s+(?:nächsten|folgenden|gleichen)\s+(?:werk)?tag\b", re.I)


_TIMES = re.compile(r"\b(\d{1,3})\s*[-‑]?\s*(?:mal|x|times)\b", re.IGNORECASE)
_TIMES_WORDS = {"zweimal": 2.0, "twice": 2.0, "dreimal": 3.0, "thrice": 3.0}
_TIMES_WORD = re.compile(rf"\b(?:{'|'.join(_TIMES_WORDS)})\b", re.IGNORECASE)


def has_figure(text: str, figure: tuple[Dimension, float]) -> bool:
    dimension, value = figure
    # A share is compared as written: "100 %" is not "99,9 %" (LG Düsseldorf 34 O 26/20: "tötet 100 % der Keime").
    tolerance = 1e-6 if dimension is Dimension.PERCENT else _TOLERANCE * max(abs(value), 1e-9)
    for language in (Language.DE, Language.EN):
        for found_dimension, found in service_figures(text, language):
            if found_dimension is dimension and abs(found - value) <= tolerance:
                return True
    return False


# What a delivery or a subscription is about ("Lieferintervall von 12 Monaten", "every 6 months by subscription"):
# a figure there is a service term, not the product's spec ("bis zu 12 Monate Filterstandzeit").
SERVICE_TOPIC = re.compile(
    r"lieferinterv|lieferrhythm|lieferzeit|liefertermin|\blieferung(?:en)?\b|versand|zustell|\babo\b|\w*-abo\b"
    r"|abonnement|\bdeliver(?:y|ies)\b|shipping|subscri",
    re.IGNORECASE,
)


def schedule_figures(terms: tuple[str, ...] | list[str]) -> tuple[tuple[Dimension, float], ...]:
    """The figures of the service terms about a delivery or a subscription, read once at load."""
    return tuple(
        dict.fromkeys(f for term in terms if SERVICE_TOPIC.search(term) for f in service_figures(term, Language.DE))
    )


# A discount a term grants: "15 % Rabatt", "10 % off", "sparen Sie 15 %" (not any percentage: "80 % Luftfeuchte").
SHARE = re.compile(
    r"(\d+(?:,\d+)?)\s?%\s*(?:rabatt|nachlass|ermäßigung|discount|off)\b"
    r"|\b(?:sparen|spart|save|saves)\s+(?:sie\s+|you\s+)?(\d+(?:,\d+)?)\s?%",
    re.IGNORECASE,
)
_OBJECT_WORD = re.compile(r"[^\W\d_]{5,}")
_DISCOUNT_WORDS = frozenset({"rabatt", "nachlass", "discount", "sparen", "preis", "price", "prices", "preise"})


def topic_words(text: str) -> frozenset[str]:
    """What a text is about, for telling whose discount it is: its longer words, cut to five letters, without the
    discount words themselves."""
    return frozenset(w.lower()[:5] for w in _OBJECT_WORD.findall(text) if w.lower() not in _DISCOUNT_WORDS)


def granted_discounts(
    terms: tuple[str, ...] | list[str], names: tuple[str, ...] | list[str]
) -> tuple[tuple[frozenset[str], tuple[float, ...]], ...]:
    """Each term that grants a discount, as its topic words and its shares, read once at load. The products' own
    names are no shared topic: "Aeris" is in the filter plan's term and in every purifier reply."""
    named = frozenset(w.lower()[:5] for name in names for w in _OBJECT_WORD.findall(name))
    found = []
    for term in terms:
        shares = tuple(float((m.group(1) or m.group(2)).replace(",", ".")) for m in SHARE.finditer(term))
        if shares:
            found.append((topic_words(term) - named, shares))
    return tuple(found)
