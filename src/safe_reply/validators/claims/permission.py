"""Backing of a statement whether a customer needs an official document or may do something regulated.

"You don't need a driving licence for the S2" is individual legal advice when the bot decides it for the
customer's case, and general product information when the product facts say the same ("S2: keine
Fahrerlaubnis, keine Helmpflicht"). A fact backs it when, for every kind of document the claim names (vocabulary
class `regulated_document`: "Führerschein" = "driving licence"), a fact line names the same kind with the same
polarity: a negated claim ("keine Zulassung nötig") needs a negated fact ("keine Zulassung"), a positive one a
positive fact. A fact that only names the document ("Fahrerlaubnis Klasse AM") backs no claim that it is not needed.
"""

from __future__ import annotations

import re

from safe_reply.negation import NEGATION_WORDS
from safe_reply.validators.claims.backing import Verdict
from safe_reply.validators.claims.facts import FactBase
from safe_reply.validators.claims.lexicon import Lexicon

__all__ = ["permission_verdict"]

_CLASS = "regulated_document"
# A negation standing before the document's word in its clause, or a "not needed" after it.
_NEGATION_BEFORE = re.compile(rf"\b(?:{NEGATION_WORDS}|ohne|without)\b[^,;.:\n]{{0,40}}$", re.IGNORECASE)
_NOT_NEEDED_AFTER = re.compile(
    r"^[^,;.:\n]{0,40}?\b(?:nicht\s+(?:nötig|erforderlich|notwendig|vorgeschrieben)|entfällt|frei|not\s+(?:needed|"
    r"required|necessary)|isn[’']t\s+(?:needed|required|necessary))\b",
    re.IGNORECASE,
)


def _negated(text: str, start: int, end: int) -> bool:
    return bool(_NEGATION_BEFORE.search(text[max(0, start - 60) : start]) or _NOT_NEEDED_AFTER.match(text[end:]))


def permission_verdict(claim: str, sentence: str, base: FactBase, lexicon: Lexicon) -> Verdict:
    kinds = [g for g in lexicon.groups(_CLASS) if lexicon.has(g, claim)]
    if not kinds:
        return Verdict(False, "facts: no official document named")
    # A fact line may speak of several products ("S2: keine Fahrerlaubnis; M45: Fahrerlaubnis Klasse AM"): its
    # parts, and of those only the ones about the product the sentence names (all when it names none).
    named = base.products_in(sentence)
    lines = [part for part, about in base.text_parts if not named or not about or about & named]
    for kind in kinds:
        pattern = lexicon.pattern(kind)
        claimed = pattern.search(claim) if pattern is not None else None
        if pattern is None or claimed is None:
            return Verdict(False, f"facts: nothing says {kind.split('.', 1)[1]}")
        negated = _negated(claim, claimed.start(), claimed.end())
        backed = any(_negated(line, m.start(), m.end()) == negated for line in lines for m in pattern.finditer(line))
        if not backed:
            return Verdict(False, f"facts: nothing says {kind.split('.', 1)[1]} as the reply does")
    return Verdict(True, f"facts name {', '.join(k.split('.', 1)[1] for k in kinds)} alike")
