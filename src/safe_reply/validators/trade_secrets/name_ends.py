"""Where the last word of a protected name is no part of it: a number that counts ("Gläser LO Vario Pro 2 Stück": two
lenses of the public LO Vario Pro, no "LO Vario Pro 2") and a variant word that is a preposition ("ein Tab pro
Spülgang", "the Spar-Abo plus your card": no "All-in-1 Pro", no "Spar-Abo Plus")."""

from __future__ import annotations

import re

__all__ = ["LETTERS", "as_preposition", "counted"]

# A count noun right after a number: the number is a quantity, not part of a name ("2 Stück", "2 x", "2 pairs").
# "mal", "times", "box", "units" are absent: "den Cruiser 5 mal ansehen", "the Cruiser 5 box" name the product.
_COUNT_AFTER = re.compile(
    r"\s*(?:[x×](?=\s+\D)|(?:Stück|Stk|Paar|Packungen|Schachteln|Dosen|Flaschen|Blister|pcs|pieces|pairs|bottles)\b)",
    re.IGNORECASE,
)


def counted(text: str, start: int, end: int) -> bool:
    """A hit that ends in a stand-alone number followed by a count noun: the number is how many."""
    if not text[end - 1 : end].isdigit():
        return False
    first = end - 1
    while first > start and text[first - 1].isdigit():
        first -= 1
    return first > start and text[first - 1].isspace() and _COUNT_AFTER.match(text, end) is not None


# A name's last word that is also a preposition or conjunction ("Pro", "Plus"), written in lower case and
# followed by a word: "ein Tab pro Spülgang", "the Spar-Abo plus your card".
_PREPOSITION_ENDS = frozenset({"pro", "plus", "per"})
_NEXT_WORD = re.compile(r"[ \t]+[^\W_]")
LETTERS = re.compile(r"[^\W\d_]+")


def as_preposition(text: str, start: int, end: int, entry: str) -> bool:
    """The hit ends in such a word, lower case in the reply though capitalised in the entry, and a word follows."""
    words = LETTERS.findall(text, start, end)
    last = words[-1] if words else ""
    written = entry.rsplit(maxsplit=1)[-1]
    return (
        last in _PREPOSITION_ENDS
        and written[:1].isupper()
        and written.lower() == last
        and _NEXT_WORD.match(text, end) is not None
    )
