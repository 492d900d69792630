"""Clauses of a sentence for the rule engine: the scope of `unless_scope: clause` and of `requires_clause`.

Two other clause splitters exist on purpose, with other breaks for other questions:
- `validators/claims/speech.py` breaks only at punctuation (`, ; : – —`, spaced hyphen). It asks whether the bot's
  own frame around a match ("ich biete Ihnen …", a reported opener) reaches the match; its frames carry their own
  end markers (`_REPORT_END`: "aber", "but" …), so a conjunction is no break there.
- `validators/claims/evidence.py` splits a price sentence into the clauses that hold amounts. A comma between digits
  is a decimal comma ("39,99 €"), and a parenthesis ("(statt 1.190 €)") belongs to the reference, so neither breaks.
Here a rule's exemption must not leak into the next statement: parentheses and the conjunctions that start a new
statement (contrast, reason: "aber", "weil", "because") are breaks too. Merging the three would change what each
check reads, so they stay separate and this note says why.
"""

from __future__ import annotations

import re

__all__ = ["bound_clause", "clause"]

# Punctuation inside a sentence and the conjunctions that start a new statement. A match that itself spans a
# boundary keeps the clauses it touches. A comma between digits is a decimal comma ("2,5 kg"), no break.
_CLAUSE_BREAK = re.compile(
    r"(?<!\d),|,(?!\d)|[;:()\[\]–—]|\s-\s|\b(?:aber|jedoch|sondern|denn|weil|während|doch|but|however|because|while|whereas)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")


def clause(sentence: str, start: int, end: int) -> str:
    """The clause(s) of `sentence` that the match start..end touches."""
    left, right = _clause_bounds(sentence, start, end)
    return sentence[left:right]


def _clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for brk in _CLAUSE_BREAK.finditer(sentence, 0, start):
        left = brk.end()
    right_break = _CLAUSE_BREAK.search(sentence, end)
    return left, right_break.start() if right_break else len(sentence)


def bound_clause(sentence: str, start: int, end: int) -> str:
    """The clause of the match for `requires_clause`; a clause that is little more than the match itself is an
    appended fragment of its neighbours ("ein Techniker ist bei Ihnen – rund um die Uhr, auch am Wochenende"),
    so it is read together with the clauses on either side."""
    left, right = _clause_bounds(sentence, start, end)
    if len(_WORD.findall(sentence[left:start] + " " + sentence[end:right])) > 2:
        return sentence[left:right]
    before = _clause_bounds(sentence, left - 1, left - 1)[0] if left else left
    after = _clause_bounds(sentence, right + 1, right + 1)[1] if right < len(sentence) else right
    return sentence[before:after]
