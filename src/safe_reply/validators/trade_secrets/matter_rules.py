"""Described-matter rules of a term list, collected while the list compiles (at policy load).

An entry said by what it is (matters.py) can only be compiled once the words of every entry are known:
whether a word is an everyday English word is looked up for all of them at once. This collector keeps
the entries that may describe a matter while the build walks the list, and compiles their rules in
one go at the end. It stands apart from the build's compiler because it shares none of its keys,
spellings or name rules, only the numbering of fact entries, which `finish` is handed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from safe_reply.validators.trade_secrets.config import FlatTerm, PatternEntry, TermEntry
from safe_reply.validators.trade_secrets.fact_rules import fact_rule
from safe_reply.validators.trade_secrets.frames import AMOUNT_UNITS
from safe_reply.validators.trade_secrets.matter_words import END_WORDS
from safe_reply.validators.trade_secrets.matters import MatterRule, matter_rule
from safe_reply.validators.trade_secrets.numbers import Unit
from safe_reply.word_frequencies import COMMON_ZIPF, Frequencies

__all__ = ["MatterNotes"]

_MATTER_WORD = re.compile(r"[^\W\d_]{3,}")  # the words of a term whose frequency a described matter asks for
# A fact with such a value is stated by it (facts.py), with the checks that keep a warranty's end date
# from being a plan's ("Ihre Garantie läuft im Juni 2027 aus"): no described matter of its own.
_VALUE_UNITS = frozenset({*AMOUNT_UNITS, Unit.COUNT, Unit.KG, Unit.MONTHS, Unit.DATE, Unit.MONTH, Unit.WEEK})


class MatterNotes:
    """The entries of a list that may describe a matter, kept until every entry is known."""

    def __init__(self) -> None:
        self._pending: list[tuple[str, str, str | None, str]] = []  # (kind, term words, note, entry)

    def add(self, entry: PatternEntry | TermEntry | FlatTerm) -> None:
        """The entry said by what it is (matters.py): its kind, its term's words and its note. Compiled in
        `finish`, once the words of every entry are known (one frequency lookup for all)."""
        if not entry.note and (isinstance(entry, PatternEntry) or " " not in entry.term):
            return  # most of a long list: nothing to describe (matter_rule would say so too)
        text = entry.pattern if isinstance(entry, PatternEntry) else entry.term
        words = "" if isinstance(entry, PatternEntry) else text  # a regex's words are no words of a reply
        fact = fact_rule(0, words) if words else None
        # Except the end of a public product or site ("Auslauf Aeris Mini 06/2027"): said without its date ("wird
        # 2027 eingestellt"), its end's word and the public name tell it (matters.MatterRule.ends).
        ending = any(w in END_WORDS for w in _MATTER_WORD.findall(words.casefold()))
        if fact is not None and any(v.unit in _VALUE_UNITS for v in fact.values) and not ending:
            return
        self._pending.append((entry.kind, words, entry.note, text))

    def finish(self, public: frozenset[str], first_entry: int) -> Iterator[tuple[MatterRule, str, str]]:
        """The described-matter rules of the entries `add` kept, numbered as fact entries from
        `first_entry` on, each with the kind and text of its entry. Whether a term's word is an everyday
        English word is looked up for all of them at once: one lookup per word streams the frequency list
        each time (10,000 noted entries took minutes)."""
        if not self._pending:
            return
        # The note's words too: only a word that is no English word is read as a German compound (matters.py).
        words = {
            w for _, term, note, _ in self._pending for w in _MATTER_WORD.findall(f"{term} {note or ''}".casefold())
        }
        table = Frequencies((), words)

        def common(word: str) -> bool:
            return table.english_zipf(word) >= COMMON_ZIPF

        def english(word: str) -> bool:
            return table.english_zipf(word) > 0  # at or above ORDINARY_ZIPF in English

        entry = first_entry
        for kind, term, note, text in self._pending:
            rule = matter_rule(entry, kind, term, note, public, common, english)
            if rule is not None:
                yield rule, kind, text
                entry += 1
        self._pending.clear()
