"""How an operator's entry becomes what the check matches: its written text and identity, a host as a term
or a pattern, a pattern compiled in linear time (split from build.py, which assembles the validator)."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Sequence
from typing import Any

from safe_reply.keys import KeyedHasher
from safe_reply.validators.trade_secrets.concepts import CONCEPTS
from safe_reply.validators.trade_secrets.config import (
    AmountEntry,
    FactEntry,
    FlatTerm,
    HostEntry,
    Loaded,
    PatternEntry,
    TermEntry,
)
from safe_reply.validators.trade_secrets.facts import PURCHASE_KIND
from safe_reply.validators.trade_secrets.normalise import ACCENTS
from safe_reply.validators.trade_secrets.regexes import UnsafePattern, compile_user_pattern
from safe_reply.validators.trade_secrets.validator import ProtectedPattern, ProtectedTerm
from safe_reply.validators.trade_secrets.variants import loosen_pattern

__all__ = [
    "code_reach",
    "compile_pattern",
    "digits_read_as_letters",
    "host_entry",
    "identity",
    "looks_like_host",
    "matching_lines",
    "one_ascii_word",
    "skeleton_key",
    "written",
]


def written(entry: Loaded) -> str:
    """What the operator wrote, as one string (its keyed hash names the entry in findings)."""
    if isinstance(entry, PatternEntry):
        return entry.pattern
    if isinstance(entry, AmountEntry):
        return f"{entry.amount} {entry.currency.value}"
    if isinstance(entry, FactEntry):
        return entry.fact
    if isinstance(entry, HostEntry):
        return entry.host
    return entry.term

def identity(entry: Loaded) -> tuple[str, str, str]:
    return type(entry).__name__, written(entry), entry.kind

def host_entry(entry: HostEntry) -> PatternEntry | FlatTerm:
    """A literal host is a term (its dots are word breaks, defanged dots decode to dots); "*.corp.lan"
    is every host of the domain, a pattern."""
    if entry.host.startswith("*."):
        domain = re.escape(entry.host[2:])
        pattern = rf"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.{domain}\b"
        return PatternEntry.model_construct(pattern=pattern, kind=entry.kind, scope=entry.scope, note=entry.note)
    return FlatTerm(entry.host, entry.kind, scope=entry.scope)

def looks_like_host(entry: Loaded) -> bool:
    """A host name, domain or address: a term with an inner dot, or a pattern with an escaped dot."""
    if isinstance(entry, HostEntry):
        return True
    if isinstance(entry, PatternEntry):
        return "\\." in entry.pattern
    term = entry.term if isinstance(entry, TermEntry | FlatTerm) else ""
    return "." in term and re.search(r"\w\.\w", term) is not None

def compile_pattern(entry: PatternEntry, hasher: KeyedHasher) -> ProtectedPattern:
    try:
        # Case-insensitive: "vfw-1187" is the ticket VFW-1187 (a leak in any spelling). Linear time
        # (RE2), or Python's engine where RE2 cannot and the pattern is safe there (regexes.py).
        regex = compile_user_pattern(loosen_pattern(entry.pattern))
    except (re.error, UnsafePattern):  # a construct the loosening does not understand: as written
        regex = compile_user_pattern(entry.pattern)
    return ProtectedPattern(regex, entry.kind, hasher(entry.pattern))


# What sends a one-word ASCII term of a batch to `add`: a concept word (fact_rule's hint: "Kulanz",
# "Rabatt"...), or a spelling that has umlaut variants ("ae", "ss"...); a leading digit is checked apart.
_SPECIAL_PARTS = (*CONCEPTS, "ae", "oe", "ue", "ss")


def digits_read_as_letters(term: ProtectedTerm) -> bool:
    return not term.entry.isalpha() and term.key != term.entry.lower() and any(c.isdigit() for c in term.entry)


def skeleton_key(word: str) -> str:
    """A word as the fast skeleton spells it: lower-cased, accents folded, letters and digits only."""
    return "".join(c for c in word.lower().translate(ACCENTS) if c.isalnum())


def one_ascii_word(entry: FlatTerm) -> bool:
    return entry.term.isascii() and entry.term.isalnum() and entry.kind != PURCHASE_KIND


@functools.cache
def special_parts() -> Any:
    """The automaton of _SPECIAL_PARTS, built once (a list that mixes entry shapes has many batches)."""
    import ahocorasick_rs

    return ahocorasick_rs.AhoCorasick([p for p in _SPECIAL_PARTS if p.isascii()])


def matching_lines(lowered: str) -> set[int]:
    """The numbers of the lines of `lowered` (one-word ASCII terms, lower-cased) that need `add`: one
    automaton pass over all of them instead of two regex searches per term."""
    lines = lowered.split("\n")
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    found = special_parts().find_matches_as_indexes(lowered)
    special = {bisect.bisect_right(starts, start) - 1 for _, start, _ in found}
    special.update(number for number, line in enumerate(lines) if line[:1].isdigit())
    return special


def code_reach(terms: Sequence[ProtectedTerm]) -> int:
    """How far around a capital code word ("ZORVAK4821") its rescan must read: as far as a term with
    digits and more than one word may reach ("Velo ZORVAK4821", spaces and hyphens counted twice); 0
    when every term with digits is one word (then the code word alone is read)."""
    spread = [len(term.key) for term in terms if any(c.isdigit() for c in term.entry) and not term.entry.isalnum()]
    return 2 * max(spread) + 8 if spread else 0
