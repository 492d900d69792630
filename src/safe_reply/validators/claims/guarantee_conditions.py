"""Guarantee conditions: a reply that waives what the guarantee requires ("gilt automatisch", "ohne Kassenbon",
"no registration needed") is backed only where the guarantee requires no such condition or waives it itself; a
reply that says the guarantee does not apply without its condition states it and waives nothing. Split from
evidence.py, which judges the other fact-backed claim kinds.
"""

from __future__ import annotations

import re
from enum import StrEnum

from safe_reply.validators.claims.backing import Verdict
from safe_reply.validators.claims.facts import FactBase, tokens

__all__ = ["guarantee_conditions_verdict"]


_CONDITIONS = re.compile(
    r"\b(?:bedingung\w*|voraussetzung\w*|nur\s+(?:mit|bei|wenn)|mit\s+kaufbeleg|registrierung|wartung|"
    r"conditions?|only\s+(?:with|if)|registration|maintenance|proof\s+of\s+purchase|receipt)\b",
    re.IGNORECASE,
)


# What a sentence or the terms waive: "auch wenn die Packung schon angebrochen ist", "auch bei angebrochener Packung",
# "even without registration", "no registration needed".
_WAIVED = re.compile(
    r"\b(?:auch|selbst)\s+(?:wenn|ohne|bei|mit|nach)\s+([^,;.!?]{3,60})|\begal\s+ob\s+([^,;.!?]{3,60})|"
    r"\b(?:even|also)\s+(?:if|without|with|when|after)\s+([^,;.!?]{3,60})|\b(?:regardless|irrespective)\s+of\s+([^,;.!?]{3,60})",
    re.IGNORECASE,
)
_WAIVER_FILLER = frozenset(
    {"schon", "bereits", "noch", "einmal", "already", "been", "have", "ihre", "your", "eine", "einer"}
)


def _waived(text: str) -> set[str]:
    return {
        w[:5]
        for m in _WAIVED.finditer(text)
        for w in tokens(next(g for g in m.groups() if g))
        if len(w) >= 4 and w not in _WAIVER_FILLER
    }


def guarantee_conditions_verdict(sentence: str, base: FactBase) -> Verdict:
    """A sentence that waives the guarantee's conditions is backed when the guarantee has none, or when the
    terms waive the same thing themselves ("auch bei angebrochener Packung" backs "auch wenn die Packung schon
    angebrochen ist")."""
    if base.guarantee is None:
        return Verdict(False, "guarantee: none")
    shown = f"guarantee: {base.guarantee}"
    if _CONDITIONS.search(base.guarantee) is None:
        return Verdict(True, shown)
    # A condition named as not needed ("eine Registrierung ist nicht nötig", "no receipt needed") that the
    # guarantee does not require waives nothing; one it requires is waived whatever the wording.
    denied = {
        kind
        for kind, words in _CONDITION_KINDS.items()
        if any(_negated(sentence, m.start(), m.end()) for m in words.finditer(sentence))
    }
    if denied and not denied & _required(base.guarantee):
        return Verdict(True, shown)
    said = _waived(sentence)
    return Verdict(bool(said) and said <= _waived(base.guarantee), shown)


class _ConditionKind(StrEnum):
    REGISTRATION = "registration"
    RECEIPT = "receipt"
    MAINTENANCE = "maintenance"


_CONDITION_KINDS: dict[_ConditionKind, re.Pattern[str]] = {
    _ConditionKind.REGISTRATION: re.compile(r"\b(?:registrier\w*|anmeld\w*|regist(?:er|ration)\w*|sign-?up)\b", re.I),
    _ConditionKind.RECEIPT: re.compile(
        r"\b(?:kaufbeleg|kassenbon|kassenzettel|quittung|rechnung|receipt|proof\s+of\s+purchase|invoice)\w*", re.I
    ),
    _ConditionKind.MAINTENANCE: re.compile(r"\b(?:wartung|inspektion|maintenance|servicing)\w*", re.I),
}
# A condition the guarantee itself waives ("auch ohne Kassenbon", "no registration needed") is not required.
_NOT_REQUIRED = re.compile(r"\b(?:ohne|kein\w*|without|no)\s+(?:\w+\s+)?$", re.I)


_DENIED_BEFORE = re.compile(
    r"\b(?:ohne|kein\w*|nichts|nicht|without|no|not|(?:don['’]t|do\s+not|won['’]t)\s+(?:even\s+)?(?:need|have)\s+to)"
    r"\s+(?:\w+\s+){0,2}?$",
    re.I,
)
_DENIED_AFTER = re.compile(
    r"^\w*\s+(?:\w+\s+){0,4}?(?:nicht|not|kein\w*)\s+(?:mehr\s+)?(?:nötig|notwendig|erforderlich|needed|required|"
    r"necessary)\b"
    # The object first and the modal verb after it: "eine Anmeldung brauchen Sie nicht", "den Kassenbon müssen Sie
    # auch nicht vorlegen".
    r"|^\w*\s+(?:brauchen|benötigen|müssen)\s+sie\s+(?:\w+\s+){0,3}?(?:nicht|keine?n?)\b",
    re.I,
)


def _negated(sentence: str, start: int, end: int) -> bool:
    """Whether the condition word at start:end is said not to be needed ("ohne Kassenbon", "eine Registrierung ist
    nicht nötig", "no registration needed"), not merely named ("einfach den Kaufbeleg aufbewahren")."""
    return bool(_DENIED_BEFORE.search(sentence, max(0, start - 40), start) or _DENIED_AFTER.match(sentence[end:]))


def _required(guarantee: str) -> set[_ConditionKind]:
    """The kinds of condition the guarantee requires."""
    return {
        kind
        for kind, words in _CONDITION_KINDS.items()
        if any(not _NOT_REQUIRED.search(guarantee, 0, m.start()) for m in words.finditer(guarantee))
    }
