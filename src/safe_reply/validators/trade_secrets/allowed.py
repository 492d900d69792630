"""Allowed words: public words that share spelling with a protected term ("Kranichstein" beside "Kranich"),
added to the term automaton as keys that cancel the hits inside them."""

from __future__ import annotations

from collections.abc import Sequence

from safe_reply.validators.trade_secrets.automaton import TableBuilder, VariantRef, unpack
from safe_reply.validators.trade_secrets.validator import ProtectedTerm
from safe_reply.validators.trade_secrets.variants import VariantTrick, term_variants

__all__ = ["add_allowed"]


def add_allowed(word: str, scope: int, table: TableBuilder, terms: Sequence[ProtectedTerm] = ()) -> list[str]:
    """Add the allowed word's keys; returns them.

    A key that is a protected term's own key, written otherwise, is left out: the skeleton folds umlauts,
    case and hyphens, so the bird "Sturmvögel" allowed beside the codename "Sturmvogel" would allow the
    codename in every spelling. The protected term wins there; the ordinary word is told apart from the
    name by the name rule, as without the allowed word."""
    keys = []
    folded = word.casefold()
    for variant in term_variants(word):
        if variant.trick in (VariantTrick.PLAIN, VariantTrick.TRANSLITERATED):
            if terms and _folded_twin(variant.key, folded, table, terms):
                continue
            table.add(variant.key, VariantRef(-1, variant.trick, variant.breaks, scope))
            keys.append(variant.key)
    return keys


def _folded_twin(key: str, folded: str, table: TableBuilder, terms: Sequence[ProtectedTerm]) -> bool:
    """Is `key` the own key of a protected term that is written otherwise than the allowed word?"""
    slot = table.slot_of(key)
    if slot is None:
        return False
    return any(
        ref.term >= 0 and not (term := terms[ref.term]).alias and term.key == key and term.entry.casefold() != folded
        for ref in unpack(table.slots[slot])
    )
