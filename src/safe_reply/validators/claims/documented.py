"""Backing checks for what the facts document as such: test results with their source, comparisons with the
company's own products, figures the facts state, energy efficiency classes (split from evidence.py).

- `test_verdict`: a documented test result, and the reply names its source (publisher and issue);
- `competitor_verdict`: the compared product is the company's own;
- `documented_verdict`: every figure of the claim is one the facts state;
- `energy_class_verdict`: the energy class the claim names is the documented one.
"""

from __future__ import annotations

import math
import re

from safe_reply.quantities import parse_number
from safe_reply.types import Language
from safe_reply.validators.claims.backing import Verdict
from safe_reply.validators.claims.facts import FactBase
from safe_reply.validators.claims.lexicon import Lexicon

_ISSUE = re.compile(r"\b(?:\d{1,2}\s?/\s?\d{4}|\d{4}\s?/\s?\d{1,2})\b")


def test_verdict(sentence: str, reply: str, base: FactBase, lexicon: Lexicon) -> Verdict:
    """Backed when a documented test result says it and the reply names its source (BGH I ZR 134/20):
    the publisher or magazine and the issue of the documented test."""
    shown = "tests: " + ("; ".join(t[:120] for t in base.tests) if base.tests else "none documented")
    for test in base.tests:
        lower = test.lower()
        issues = [i.replace(" ", "") for i in _ISSUE.findall(test)]
        if issues and not any(i in reply.replace(" ", "") for i in issues):
            continue
        publishers = lexicon.terms("test_publisher", test) + re.findall(r"['‘’„“\"]([^'‘’„“\"]{3,40})['‘’„“\"]", test)
        if not publishers and not issues:
            continue  # a test without a source cannot back a test claim
        named = [p for p in publishers if p.lower() in reply.lower()]
        if publishers and not named:
            continue
        grades = re.findall(r"\b\d,\d\b|\b\d\.\d\b", sentence)
        if all(g.replace(".", ",") in lower or g in lower for g in grades):
            return Verdict(True, f"tests: {test[:160]}")
    return Verdict(False, shown)


_COMPARED = re.compile(
    r"\b(?:im\s+gegensatz\s+zu[mr]?|anders\s+als|im\s+vergleich\s+zu[mr]?|unlike|compared\s+(?:to|with)|"
    r"in\s+contrast\s+to|(?:\w{3,}er|mehr|besser|weniger|better|more\s+\w+|less\s+\w+)\s+(?:als|than))\s+"
    r"(?:den|die|dem|der|das|the|a|an)?\s*([^\s,.;:!?]+(?:\s+[^\s,.;:!?]+){0,3})",
    re.IGNORECASE,
)
# A maker named with the compared product ("der Heizlüfter von De'Longhi"): not the company's own.
_MAKER = re.compile(r"\b(?:von|der\s+marke|aus\s+dem\s+hause|from|by)\s+(?-i:[A-ZÄÖÜ])", re.IGNORECASE)


def competitor_verdict(claim: str, base: FactBase) -> Verdict:
    """A comparison is not with a competitor when what it compares with is the company's own product."""
    compared = [m.group(1) for m in _COMPARED.finditer(claim)]
    if compared and all(base.products.named(c) and not _MAKER.search(c) for c in compared):
        return Verdict(True, "own products")
    return Verdict(False, "no documented comparison")


_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")


def _numbers(text: str, languages: tuple[Language, ...] = (Language.DE, Language.EN)) -> set[float]:
    """Every number in `text`, read in the given number formats ("3.000" is 3000 in German, 3.0 in English)."""
    found: set[float] = set()
    for match in _NUMBER.finditer(text):
        for language in languages:
            value = parse_number(match.group(), language)
            if not math.isnan(value):
                found.add(round(value, 6))
    return found


def documented_verdict(claim: str, base: FactBase, language: Language) -> Verdict:
    """A rating, customer number or return rate is backed only when one fact entry names all its figures
    ("4,8 von 5 Sternen bei 3.000 Bewertungen"); one without figures only by an approved claim. The claim's
    numbers are read in the reply's format ("50,000" in English is fifty thousand)."""
    wanted = [_numbers(m.group(), (language,)) for m in _NUMBER.finditer(claim)]
    shown = "facts: no documented rating, customer number or rate"
    if not wanted:
        return Verdict(False, shown)
    for line in base.all_text.splitlines():
        have = _numbers(line)
        if all(options & have for options in wanted):
            return Verdict(True, f"facts: {line[:120]}")
    return Verdict(False, shown)


# An energy efficiency class: "A+++" anywhere, a single letter only after a class word ("Effizienzklasse B").
_ENERGY_CLASS = re.compile(
    r"(?<![\w+])A\+{1,3}(?![\w+])|(?:klasse|class)\s*:?\s*([A-G]\+{0,3})(?![\w+])", re.IGNORECASE
)


_CLASS_WORD = re.compile(r"klasse|class|energielabel|energy\s+label", re.IGNORECASE)
_CLASS_LETTER = re.compile(r"(?<![\w+])(A\+{0,3}|[B-G])(?![\w+])")


def energy_classes(text: str) -> set[str]:
    return {(m.group(1) or m.group(0)).upper() for m in _ENERGY_CLASS.finditer(text)}


def energy_class_verdict(sentence: str, base: FactBase) -> Verdict:
    """Backed when every efficiency class the sentence names is one the facts name ("A+++" where the label says
    "A" is not: the scale changed in 2021 and "A+++" on the old one is not "A" on the new)."""
    claimed, documented = energy_classes(sentence), energy_classes(base.all_text)
    # A class fact names the class in its label and the letters in its value ("WM 814: A; WM 1016: A").
    for key, shown in base.text_facts.items():
        if _CLASS_WORD.search(key) or _CLASS_WORD.search(shown):
            documented |= {m.upper() for m in _CLASS_LETTER.findall(shown)}
    shown = f"facts: classes {', '.join(sorted(documented)) or 'none'}"
    return Verdict(bool(claimed) and claimed <= documented, shown)
