"""The words that negate a clause, German and English, written once for every module that asks.

Several checks ask "is this clause negated?": a claim's exclusion or denial, a guarantee's excluded
conditions, a quoted wording the bot rejects, an internal plan said not to happen. Each used to carry
its own list, and the lists drifted apart ("keine?[nmrs]?" here, "kein\\w*" there, English
contractions in one and not the other). The core is defined here; a module adds only the words that
belong to its own question ("ohne", "außer", "except" for an exclusion; "falsch" for a rejection).

The rule packs' `any_negation` fragment (validators/disclosure/vocabulary.yaml) spells the same core
for the YAML rules; a test keeps the two equal.
"""

from __future__ import annotations

import re

# "kein\w*" covers keine/keinen/keinem/keiner/keines and keineswegs/keinesfalls.
NEGATION_DE = r"kein\w*|nicht|nie|niemals"
# Every English contraction ("don't", "isn't", "can't", "won't", "mustn't") and the closed "cannot".
NEGATION_EN = r"not|no|never|cannot|\w+n['’]t"
NEGATION_WORDS = f"{NEGATION_DE}|{NEGATION_EN}"


def negation_regex(*extra: str, flags: int = re.IGNORECASE, after: str = "") -> re.Pattern[str]:
    """A regex finding a negation word, or one of `extra` (alternations of the caller's own question),
    as a whole word; `after` is appended behind the closing word boundary (a look-ahead, say)."""
    words = "|".join((NEGATION_WORDS, *extra))
    return re.compile(rf"\b(?:{words})\b{after}", flags)


# A statement that denies or excludes something: a negation or "ohne"/"without". "No problem", "kein Problem" and
# the like are a reply's courtesy, no denial.
_DENYING = negation_regex("ohne|außer|without|except|excluding")
_COURTESY = re.compile(
    r"\b(?:no|kein)\s+(?:problem|problems|worries|worry|doubt|question|matter|sorge|frage)\b", re.IGNORECASE
)


def denies(text: str) -> bool:
    """Whether `text` denies or excludes something ("nicht", "ohne", "without", "never"), courtesies aside."""
    return _DENYING.search(_COURTESY.sub(" ", text)) is not None
