"""Python regular expressions in RE2's spelling (google-re2), with Python's meanings.

The rule-pack prefilters (rulepacks/prefilter.py) run a widened copy of every rule's patterns on RE2,
linear in the reply. Where RE2 spells a construct differently the translation keeps Python's meaning:
`\\w`, `\\d`, `\\s` are Unicode classes as in `re` (RE2's are ASCII), `\\uXXXX` becomes `\\x{XXXX}`,
`\\Z` becomes `\\z`. Exact mode has one gap: inside a character class `\\W`, `\\D`, `\\S` keep RE2's
ASCII meaning (RE2 cannot nest a negated Unicode class in a class); the widened mode, which the
prefilters use, is a superset there too. Patterns from config (trade-secret entries) have their own
translator with a safety check for what RE2 cannot run (validators/trade_secrets/regexes.py).
"""

from __future__ import annotations

import re

CLASS_ESCAPES = {"w": r"\p{L}\p{N}_", "s": r"\s\p{Z}", "d": r"\p{Nd}"}
BARE_ESCAPES = {
    "w": r"[\p{L}\p{N}_]",
    "W": r"[^\p{L}\p{N}_]",
    "s": r"[\s\p{Z}]",
    "S": r"[^\s\p{Z}]",
    "d": r"\p{Nd}",
    "D": r"\P{Nd}",
    "Z": r"\z",
}
# Widened (prefilter) spellings: wider than Python's classes and far smaller automata. RE2 compiles
# \p{L} and \p{N} into hundreds of UTF-8 byte ranges, once per occurrence: the shipped packs spent
# 12 s of a 20 s policy load compiling them. A widened class is exact where the characters of German
# and English replies live (Latin-1, general punctuation, currency signs: "ü" is a letter, "–", "„"
# and "€" are not) and counts every other character as a member (a prefilter may say "maybe" more
# often, never "no" wrongly). In a negated class the inner set must shrink instead, to its exact
# part, so that the complement still widens.
_EXACT_BLOCKS = ((0x0, 0xFF), (0x2000, 0x206F), (0x20A0, 0x20CF))
# Python's own meaning of each escape, asked per character.
_CLASS_TESTS = {key: re.compile(f"\\{key}").fullmatch for key in "wWdDsS"}


def _ranges(codes: list[int]) -> str:
    """RE2 class ranges for sorted code points."""
    parts: list[str] = []
    run_start = previous = -2
    for code in [*codes, -1]:
        if code != previous + 1:
            if run_start >= 0:
                parts.append(f"\\x{{{run_start:X}}}" + (f"-\\x{{{previous:X}}}" if previous > run_start else ""))
            run_start = code
        previous = code
    return "".join(parts)


def _class_ranges(key: str, *, wide: bool) -> str:
    member = _CLASS_TESTS[key]
    exact = [c for low, high in _EXACT_BLOCKS for c in range(low, high + 1) if member(chr(c))]
    if not wide:
        return _ranges(exact)
    beyond: list[str] = []
    for (_, high), (low, _) in zip(_EXACT_BLOCKS, (*_EXACT_BLOCKS[1:], (0x110000, 0)), strict=True):
        beyond.append(f"\\x{{{high + 1:X}}}-\\x{{{low - 1:X}}}")
    return _ranges(exact) + "".join(beyond)


WIDE_CLASS_ESCAPES = {key: _class_ranges(key, wide=True) for key in "wWdDsS"}
NARROW_CLASS_ESCAPES = {key: _class_ranges(key, wide=False) for key in "wWdDsS"}
WIDE_BARE_ESCAPES = {key: f"[{value}]" for key, value in WIDE_CLASS_ESCAPES.items()} | {"Z": r"\z"}
_LOOKAROUND = re.compile(r"\(\?<?[=!]")


def unicode_escape(source: str, index: int, kind: str, out: list[str]) -> int:
    """\\uXXXX, \\UXXXXXXXX and \\xXX in RE2's spelling \\x{...}; returns the index after the digits."""
    width = {"u": 4, "U": 8, "x": 2}.get(kind)
    if width is None:
        raise ValueError("a named character escape (\\N{...})")
    digits = source[index : index + width]
    out.append(f"\\x{{{int(digits, 16):X}}}")
    return index + width


def re2_source(source: str, *, widen: bool = False) -> str:
    """The pattern in RE2's syntax, with the meaning it has in Python's `re` (see the module docstring).

    widen=True (the rule-pack prefilters): a pattern that matches at least everything the original
    matches; word boundaries and lookarounds, which only narrow a match, are dropped, and an atomic
    group becomes a plain one.
    """
    out: list[str] = []
    index = 0
    in_class = False
    negated = False
    class_escapes = CLASS_ESCAPES
    bare_escapes = WIDE_BARE_ESCAPES if widen else BARE_ESCAPES
    while index < len(source):
        char = source[index]
        if char == "\\" and index + 1 < len(source):
            escaped = source[index + 1]
            index += 2
            if escaped in "UuxN":
                index = unicode_escape(source, index, escaped, out)
            elif in_class:
                out.append(class_escapes.get(escaped, "\\" + escaped))
            elif not (widen and escaped in "bB"):
                out.append(bare_escapes.get(escaped, "\\" + escaped))
            continue
        if in_class:
            if char == "]" and out[-1] not in ("[", "[^"):
                in_class = False
        elif char == "[":
            in_class = True
            negated = source.startswith("^", index + 1)
            if widen:
                class_escapes = NARROW_CLASS_ESCAPES if negated else WIDE_CLASS_ESCAPES
            if negated:
                out.append("[^")
                index += 2
                continue
        elif widen and char == "(" and (_LOOKAROUND.match(source, index) or source.startswith("(?(", index)):
            # A conditional only narrows too: the vocabulary's noun guard "(?(nlc1)(?!en))".
            index = _after_group(source, index)
            continue
        elif widen and source.startswith("(?P<", index):
            # Named apart in each pattern, not across the patterns one prefilter joins: a plain group.
            out.append("(?:")
            index = source.index(">", index) + 1
            continue
        elif widen and source.startswith("(?>", index):
            out.append("(?:")
            index += 3
            continue
        out.append(char)
        index += 1
    return "".join(out)


def _after_group(source: str, start: int) -> int:
    """The index just after the group that opens at `start` (escapes and classes skipped)."""
    depth = 0
    index = start
    in_class = False
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return index
