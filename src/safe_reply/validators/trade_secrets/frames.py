"""Frames around a fact's value (facts.py): what the words right before a number say about it, where a
sentence ends, and the fact an operator's regex describes.

- A limit is said by its preposition as often as by its noun: "Ich darf bis 200 € Kulanz geben", "up
  to €80 goodwill", "mehr als 18 Prozent gehen nicht", "höchstens 150 €". A value right after such a
  word states the limit concept of its fact ("Kulanzgrenze", "Rabattkorridor", "Kulanzrahmen"); a
  minimum ("Mindestabnahme") is stated by "mindestens", "at least" the same way ("ab 59 €" is a shop
  price, no floor).
- A fact is read within one sentence, and a sentence does not end at the dot of an abbreviation ("ca.
  2,3 %", "z. B.", "approx.", "max. 150 €") or of an ordinal ("zum 1. März").
- An operator's regex for an internal figure (`filter\\w*marge\\D{0,20}68\\s?%`) names the fact's words
  and value: read as text, it is matched as a fact too, in any wording and in English ("the filter
  margin is about 68 %"), while the regex still matches what it matches.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from safe_reply.validators.trade_secrets.clauses import clause_bounds
from safe_reply.validators.trade_secrets.numbers import CURRENCIES, Quantity, Unit, quantities

__all__ = [
    "AMOUNT_UNITS",
    "LIMIT_CONCEPTS",
    "MINIMUM_CONCEPTS",
    "SENTENCE_END",
    "amount_values",
    "frame_concepts",
    "granted_limit",
    "pattern_fact_texts",
    "sentences",
    "trimmed",
]

# The concepts a limit preposition states ("grenze" of "Kulanzgrenze", "korridor" of "Rabattkorridor").
LIMIT_CONCEPTS = frozenset({"grenze", "limit", "rahmen", "budget", "korridor", "deckel"})
MINIMUM_CONCEPTS = frozenset({"mindest"})
_LIMIT_BEFORE = re.compile(
    r"(?:\bbis(?:\s+zu)?|\bup\s+to|\bmaximal|\bmax\.?|\bhöchstens|\bat\s+most|\bno\s+more\s+than"
    r"|\bnicht\s+mehr\s+als|\bmehr\s+als|\bmore\s+than|\bnot\s+(?:above|over)|\bnicht\s+über)\s*(?:€|\$|£|eur|chf)?\s*$",
    re.IGNORECASE,
)
_MINIMUM_BEFORE = re.compile(
    r"(?:\bmindestens|\bwenigstens|\bat\s+least|\ba\s+minimum\s+of|\bnicht\s+unter|\bnot\s+(?:below|under))"
    r"\s*(?:€|\$|£|eur|chf)?\s*$",
    re.IGNORECASE,
)
_FRAME_REACH = 24  # characters before a value read for its frame


def frame_concepts(text: str, value_start: int, lower_bound: int = 0) -> frozenset[str]:
    """The concepts the words right before the value at `value_start` state: a limit, a minimum, or none."""
    before = text[max(lower_bound, value_start - _FRAME_REACH) : value_start]
    if _LIMIT_BEFORE.search(before):
        return LIMIT_CONCEPTS
    if _MINIMUM_BEFORE.search(before):
        return MINIMUM_CONCEPTS
    return frozenset()


# A limit said only by its generic words ("bis zu 95 €", "up to €95", "the cap") is the company's internal
# one (a "Reparaturdeckel") where the agent grants it ("kann ich", "I can", "ohne Rückfrage") or calls it
# goodwill, not where an insurer, a tariff or a warranty publishes it ("Ihre Versicherung übernimmt bis
# 95 €", "the repair cap in your tariff", "Selbstbeteiligung von höchstens 95 €").
# Only the lid ("Reparaturdeckel", "Kostendeckel"): a limit whose entry names no goodwill, so its object and
# a generic limit word were enough; the other limits keep their round-7 reading ("Mehr als 22 Prozent geben
# wir dem Fachhandel nicht" states a "Händlerrabatt-Grenze" without any authority word).
_GRANTED_LIMIT_CONCEPTS = frozenset({"deckel"})
_GOODWILL = re.compile(r"\b(?:\w*kulan\w*|goodwill|courtesy|entgegenkommen\w*)\b", re.IGNORECASE)
_PUBLISHED_LIMIT = re.compile(
    r"\b\w*(?:versicher|police|polic(?:y|ies)|tarif|selbstbeteiligung|selbstbehalt|deductible|insur|garantie"
    r"|warrant|guarantee|gewährleistung)\w*",
    re.IGNORECASE,
)
_OWN_AUTHORITY = re.compile(
    r"\b(?:[Ii]ch|I|(?:[Ww]ir|[Ww]e)\s+(?:können|dürfen|can|could|may|are\s+allowed)|(?:können|dürfen)\s+wir"
    r"|[Oo]hne\s+Rückfrage|without\s+(?:approval|checking|asking))\b"
)


def granted_limit(text: str, said: list[str], cues: set[str], start: int, end: int) -> list[str]:
    """The concepts `said` of the value at text[start:end], without a lid the clause does not grant as the
    company's own (_own_limit); `cues` are the concept wordings the sentence holds."""
    if not said or not _GRANTED_LIMIT_CONCEPTS.issuperset(said):
        return said
    named = any(key in cues for key in said)
    return said if _own_limit(text, *clause_bounds(text, start, end), named=named) else []


def _own_limit(text: str, low: int, high: int, *, named: bool) -> bool:
    """Does the clause text[low:high] of a limit's value state the company's own limit: goodwill said, or no
    insurer, tariff or warranty whose published limit it would be and either the limit's own word (`named`:
    "der Deckel") or the agent's authority ("kann ich")?"""
    if _GOODWILL.search(text, low, high):
        return True
    if _PUBLISHED_LIMIT.search(text, low, high):
        return False
    return named or _OWN_AUTHORITY.search(text, low, high) is not None


# Abbreviations whose dot ends no sentence, in German and English replies (lower-case; matched in any case).
_ABBREVIATIONS = (
    "ca", "bzw", "ggf", "evtl", "inkl", "exkl", "zzgl", "max", "min", "mind", "approx", "etc", "usw", "vs", "nr",
    "tel", "rd", "gem", "lt", "lfd", "mtl", "stk", "tsd", "mio", "mrd", "incl", "excl", "eg", "ie", "bspw",
    "sog", "vgl", "zb", "dh", "ua", "abs",
)  # fmt: skip
# A dot after a one- or two-digit ordinal ("zum 1. März"), a single letter ("z. B.", "e.g.") or an
# abbreviation ends no sentence. The dot is matched first, so the lookbehinds (a fixed width each, one
# per abbreviation) run at dots only, not at every character.
_DOT_END = r"\.(?<!\b\d\.)(?<!\b\d\d\.)(?<!\b[^\W\d_]\.)" + "".join(f"(?<!\\b{a}\\.)" for a in _ABBREVIATIONS)
SENTENCE_END = re.compile(rf"(?:{_DOT_END}|[!?;])(?=\s|$)|\n", re.IGNORECASE)
# For a described matter, two main clauses joined by a semicolon are one statement ("…über der Spezifikation; das
# wird intern geprüft"); for a value, the semicolon still parts a price from a later clause that says "intern".
JOINED_SENTENCE_END = re.compile(rf"(?:{_DOT_END}|[!?])(?=\s|$)|\n", re.IGNORECASE)

# Regex syntax that stands for "some characters" between the words and the value of a fact pattern.
_GAPS = re.compile(r"\\[DWSdws]\{\d*,?\d*\}|\\[DWSdws][*+?]?|\.\{\d*,?\d*\}|\.[*+?]\??")
_FLAGS = re.compile(r"\(\?[a-zA-Z]+\)|\\b|\^|\$")
_GROUP = re.compile(r"\((?:\?:)?([^()|]*)((?:\|[^()|]*)*)\)(\?)?")
_DIGIT_CLASS = re.compile(r"\[(\d+)\]")
_MAX_TEXTS = 4


def pattern_fact_texts(pattern: str) -> list[str]:
    """The fact texts a regex describes ("(?i)filter\\w*marge\\D{0,20}68\\s?%" -> ["filter marge 68 %"];
    "4[12]\\s?%" -> "41 %" and "42 %"), or [] for a regex that is no fixed fact (an open number, an
    alternation of values, a character class of letters)."""
    text = _FLAGS.sub("", pattern)
    text = _GAPS.sub(" ", text)
    # An optional group is dropped, a group's first alternative kept ("(?:marge|margin)" -> "marge").
    text = _GROUP.sub(lambda m: "" if m.group(3) else m.group(1), text)
    classes = _DIGIT_CLASS.findall(text)
    if len(classes) > 1 or (classes and len(classes[0]) > 3):
        return []
    stripped = _DIGIT_CLASS.sub("#", text).replace("\\", "")
    if re.search(r"[\[\]{}()*+?|]", stripped) or not re.search(r"\d", stripped):
        return []
    if not re.search(r"[^\W\d_]{3,}", stripped):  # a bare value: amount_values' business
        return []
    digits = classes[0] if classes else "#"
    texts = [re.sub(r"\s+", " ", stripped.replace("#", d)).strip() for d in digits]
    return list(itertools.islice(dict.fromkeys(texts), _MAX_TEXTS))


_CENTS_WORD = re.compile(r"ct|cent", re.IGNORECASE)
# The units of a fixed value a pattern may describe: a price or a share.
AMOUNT_UNITS = frozenset({*CURRENCIES, Unit.PERCENT})


def amount_values(pattern: str) -> tuple[Quantity, ...]:
    """The fixed amount a price or share pattern describes ("412(?:,00)?\\s?(?:€|EUR)" -> 412 EUR,
    "\\b31\\s?(?:%|Prozent)" -> 31 %), or (): the regex matches that value anywhere, so every other spelling
    of it ("einunddreißig Prozent", "31 Cent von jedem Euro") counts anywhere too.

    The regex is read as text: optional groups dropped, the first alternative of a group kept,
    "[,.]" read as a decimal comma. Anything that is still a regex then (\\d, +, {...}) means the
    pattern is open (any price) and stays a regex only.
    """
    text = re.sub(r"\(\?[a-zA-Z]+\)|\\b|\(\?[!=<][^)]*\)", "", pattern)
    text = re.sub(r"\((?:\?:)?[^()]*\)\?", "", text)
    text = re.sub(r"\((?:\?:)?([^()|]*)(?:\|[^()]*)?\)", r"\1", text)
    # A class of only dots, spaces or apostrophes between digits groups thousands ("1[.\\s]?140"): dropped.
    text = re.sub(r"(?<=\d)(?:\[(?:\\s|[.' ])+\]|\\\.)\??(?=\d)", "", text)
    text = re.sub(r"\[[.,]{2}\]", ",", text)
    # An optional last zero of the cents ("11[,.]80?") leaves the value as it is.
    text = re.sub(r"(?<=[.,]\d)0\?(?!\d)", "", text)
    text = text.replace(r"\s?", " ").replace(r"\s*", " ").replace(r"\s", " ").replace("\\", "")
    if re.search(r"[\[\]{}()*+?|^$]|\bd\b", text.replace("$", "")) or re.search(r"\\d", pattern):
        return ()
    # A pattern in cents ("8[,.]1\\s?ct") stays a regex: its literal match is what the operator wrote.
    found = tuple(
        q for q in quantities(text) if q.unit in AMOUNT_UNITS and not _CENTS_WORD.search(text, q.start, q.end)
    )
    # One amount, with its price per base unit where it has a basis ("412 €/t" is also 0.412 € per kg).
    amounts = [q for q in found if not q.per]
    return tuple(q for q in found if q.start == amounts[0].start) if len(amounts) == 1 else ()


_SENTENCE_REACH = 400  # characters read around a position for its sentence: a longer one is cut (linear cost)


def sentences(text: str, positions: Iterable[int], *, joined: bool = False) -> list[tuple[int, int]]:
    """The distinct sentences (start, end) that contain the positions; a position inside the sentence
    found last is not searched again (a reply full of cue words stays one pass). `joined`: a semicolon
    does not end a sentence (JOINED_SENTENCE_END)."""
    end_of = JOINED_SENTENCE_END if joined else SENTENCE_END
    bounds: list[tuple[int, int]] = []
    for position in sorted(set(positions)):
        if bounds and position < bounds[-1][1]:
            continue
        start = max(0, position - _SENTENCE_REACH, bounds[-1][1] if bounds else 0)
        for match in end_of.finditer(text, start, position):
            start = match.end()
        following = end_of.search(text, position, position + _SENTENCE_REACH)
        bounds.append((start, following.start() if following else min(len(text), position + _SENTENCE_REACH)))
    return bounds


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the white space at its ends."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
