"""Operators' regular expressions, compiled so that no reply can stall the bot.

Python's `re` backtracks: a pattern such as `(a+)+$` takes seconds on 27 characters and centuries on
a long reply. Every pattern of a policy is therefore compiled with RE2 (google-re2), whose running
time is linear in the reply whatever the pattern. Python's shorthand classes are translated to their
Unicode meaning first (`\\d` is any decimal digit, `\\w` any letter, digit or underscore, `\\s` any
space), so a pattern matches what it matched under `re`; `\\b` is RE2's, a boundary of ASCII words.

RE2 cannot express lookarounds and backreferences. Such a pattern keeps Python's engine only if it
cannot backtrack catastrophically: no repetition inside a repetition, no repeated alternation, and
no unbounded repetition inside a lookaround. Anything else is rejected at load with the reason and
the fix (raised as ValueError; the config loader names the file and key).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

__all__ = ["MatchLike", "PatternGate", "TextPattern", "UnsafePattern", "compile_user_pattern"]

try:  # linear-time engine (a dependency; the import is guarded only for a clear error below)
    import re2 as _re2  # type: ignore[import-untyped, unused-ignore]
except ImportError:  # pragma: no cover - google-re2 is a dependency
    _re2 = None

# Python's shorthand classes with their Unicode meaning, outside and inside a character class.
_OUTSIDE = {
    "d": r"\p{Nd}",
    "D": r"\P{Nd}",
    "w": r"[\p{L}\p{N}_]",
    "W": r"[^\p{L}\p{N}_]",
    "s": r"[\s\p{Z}\x0b\x1c-\x1f\x85]",
    "S": r"[^\s\p{Z}\x0b\x1c-\x1f\x85]",
}
_INSIDE = {"d": r"\p{Nd}", "w": r"\p{L}\p{N}_", "s": r"\s\p{Z}\x0b\x1c-\x1f\x85"}


class UnsafePattern(ValueError):
    """A pattern that only Python's engine can run and that may backtrack catastrophically."""


class MatchLike(Protocol):
    def start(self) -> int: ...

    def end(self) -> int: ...

    def group(self) -> str: ...


class TextPattern(Protocol):
    def finditer(self, text: str) -> Iterator[Any]: ...


@dataclass(frozen=True, slots=True)
class _Re2Pattern:
    """An RE2 pattern with the `finditer` of `re` (google-re2 reports offsets in characters)."""

    compiled: Any
    pattern: str
    translated: str  # in RE2 syntax
    ignore_case: bool

    def finditer(self, text: str) -> Iterator[Any]:
        return self.compiled.finditer(text)  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class PatternGate:
    """One RE2 pass that tells whether any of several RE2 patterns matches a text: a clean reply pays
    one search, not one per pattern (each also converts the reply to UTF-8)."""

    compiled: Any
    gated: frozenset[int]  # indices of the patterns it answers for

    @classmethod
    def of(cls, patterns: Sequence[TextPattern]) -> PatternGate | None:
        members = [(i, p) for i, p in enumerate(patterns) if isinstance(p, _Re2Pattern)]
        if len(members) < 2 or _re2 is None:
            return None
        options = _options(ignore_case=False)
        flags = {True: "(?i:", False: "(?:"}
        alternation = "|".join(flags[p.ignore_case] + p.translated + ")" for _, p in members)
        try:
            compiled = _re2.compile(alternation, options)
        except _re2.error:  # pragma: no cover - each member compiled on its own
            return None
        return cls(compiled, frozenset(i for i, _ in members))

    def matches(self, text: str) -> bool:
        return self.compiled.search(text) is not None


def _options(*, ignore_case: bool) -> Any:
    options = _re2.Options()
    options.case_sensitive = not ignore_case
    options.max_mem = 64 << 20  # a pattern's automaton, not the reply, needs memory
    options.log_errors = False  # a lookaround is expected here: no parse error on stderr
    return options


def _translate(pattern: str) -> str | None:
    """The pattern in RE2 syntax with Python's meanings, or None where a construct has no translation."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            code = pattern[i + 1]
            if code in "uU":  # \uXXXX, \UXXXXXXXX
                width = 4 if code == "u" else 8
                digits = pattern[i + 2 : i + 2 + width]
                if len(digits) != width or not all(c in "0123456789abcdefABCDEF" for c in digits):
                    return None
                out.append(f"\\x{{{digits}}}")
                i += 2 + width
                continue
            if code == "N":
                return None
            if code == "Z":  # end of text: RE2 spells it \z
                out.append("\\z")
                i += 2
                continue
            table = _INSIDE if in_class else _OUTSIDE
            if in_class and code in "DWS":
                return None  # a negated class inside a class: no RE2 spelling with Python's meaning
            out.append(table.get(code, pattern[i : i + 2]))
            i += 2
            continue
        if in_class:
            if char == "]" and out and out[-1] not in ("[", "[^"):
                in_class = False
        elif char == "[":
            in_class = True
            if pattern.startswith("[^", i):
                out.append("[^")
                i += 2
                if pattern.startswith("]", i):
                    out.append("\\]")
                    i += 1
                continue
            if pattern.startswith("[]", i):
                out.append("[\\]")
                i += 2
                continue
        out.append(char)
        i += 1
    return "".join(out)


@lru_cache(maxsize=512)
def compile_user_pattern(pattern: str, ignore_case: bool = True) -> TextPattern:
    """The pattern compiled with RE2, or with Python's `re` when RE2 cannot express it and it is
    safe there; UnsafePattern (a ValueError naming the reason and the fix) otherwise."""
    translated = _translate(pattern)
    if _re2 is not None and translated is not None:
        try:
            return _Re2Pattern(
                _re2.compile(translated, _options(ignore_case=ignore_case)), pattern, translated, ignore_case
            )
        except _re2.error:
            pass  # a lookaround or a backreference: Python's engine, if safe
    compiled = re.compile(pattern, re.IGNORECASE if ignore_case else 0)
    reason = _backtracking_risk(pattern)
    if reason is not None:
        raise UnsafePattern(
            f"the pattern needs Python's regex engine (it uses a lookaround or a backreference) and {reason}, "
            "so one reply could take minutes; fix: drop the lookaround (then the linear-time engine runs it), "
            "or bound every repetition ({1,20}) and avoid a repetition inside a repetition"
        )
    return compiled


def _backtracking_risk(pattern: str) -> str | None:
    """Why Python's backtracking engine could take exponential or polynomial time, or None."""
    from re import _parser  # type: ignore[attr-defined]

    tree = _parser.parse(pattern)
    return _walk(list(tree), repeated=False, in_lookaround=False)


def _walk(items: list[tuple[Any, Any]], *, repeated: bool, in_lookaround: bool) -> str | None:
    from re import _constants as c  # type: ignore[attr-defined]

    for op, av in items:
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, high, sub = av
            varying = high != low
            if varying and repeated:
                return "it repeats a repetition (like (a+)+)"
            if varying and in_lookaround and high == c.MAXREPEAT:
                return "it has an unbounded repetition inside a lookaround"
            found = _walk(list(sub), repeated=repeated or (varying and high > 1), in_lookaround=in_lookaround)
            if found:
                return found
        elif op is c.BRANCH:
            if repeated:
                return "it repeats an alternation (like (a|ab)*)"
            for branch in av[1]:
                found = _walk(list(branch), repeated=repeated, in_lookaround=in_lookaround)
                if found:
                    return found
        elif op is c.SUBPATTERN:
            found = _walk(list(av[-1]), repeated=repeated, in_lookaround=in_lookaround)
            if found:
                return found
        elif op in (c.ASSERT, c.ASSERT_NOT):
            found = _walk(list(av[1]), repeated=repeated, in_lookaround=True)
            if found:
                return found
        elif op is c.ATOMIC_GROUP:
            found = _walk(list(av), repeated=repeated, in_lookaround=in_lookaround)
            if found:
                return found
    return None
