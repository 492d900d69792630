"""Clause checks of single fact wordings (facts.py): a separable verb counts with its particle ("läuft … aus", not
"läuft Fett aus dem Gehäuse"), not where the customer's own term runs out ("Ihre Garantie läuft im März aus"); an
end that is also a setting ("eingestellt") counts unless a setting's words stand before it ("in der App einstellen")."""

from __future__ import annotations

import re

__all__ = ["SETTING_BEFORE", "particle", "separable_said"]


def particle(word: str) -> re.Pattern[str]:
    """The particle of a separable verb later in its clause ("läuft" … "aus"), not a preposition ("aus dem")."""
    return re.compile(
        r"[^.,;:!?\n]{0,60}?\b" + re.escape(word) + r"\b(?!\s+(?:dem|der|den|des|einem|einer|ihrem|ihrer"
        r"|unserem|unserer|meinem|meiner)\b)"
    )


# What runs out for the customer (a guarantee, a contract, an offer): "Ihre Garantie läuft im März aus".
_OWN_TERM = re.compile(
    r"(?:garantie|gewährleistung|vertrag|abo\b|abonnement|frist|angebot|aktion|rabatt|gutschein|mitgliedschaft"
    r"|leasing|miete|kündigung)[^.,;:!?\n]{0,60}$"
)


# A setting's words before "eingestellt"/"einstellen" in its clause: the product is adjusted, not ended.
SETTING_BEFORE = re.compile(
    r"\b(?:auf|über|per|mit|manuell|automatisch|individuell|werkseitig|richtig|korrekt|optimal|app|menü|gerät)\b"
    r"[^.,;:!?\n]{0,40}$"
)


def separable_said(lower: str, start: int, end: int, after: re.Pattern[str]) -> bool:
    """The wording at lower[start:end] has its particle after it and is no expiring term of the customer's."""
    return after.match(lower, end) is not None and _OWN_TERM.search(lower, max(0, start - 80), start) is None
