"""Python regular expressions in RE2's spelling (google-re2), with Python's meanings.

The rule-pack prefilters (rulepacks/prefilter.py) run a widened copy of every rule's patterns on RE2,
linear in the reply. Where RE2 spells a construct differently the translation keeps Python's meaning:
`\\w`, `\\d`, `\\s` are Unicode classes as in `re` (RE2's are ASCII), `\\uXXXX` becomes `\\x{XXXX}`,
`\\Z` becomes `\\z`. Patterns from config (trade-secret entries) have their own translator with a safety
check for what RE2 cannot run (validators/trade_secrets/regexes.py).
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
    while index < len(source):
        char = source[index]
        if char == "\\" and index + 1 < len(source):
            escaped = source[index + 1]
            index += 2
            if escaped in "UuxN":
                index = unicode_escape(source, index, escaped, out)
            elif in_class:
                out.append(CLASS_ESCAPES.get(escaped, "\\" + escaped))
            elif not (widen and escaped in "bB"):
                out.append(BARE_ESCAPES.get(escaped, "\\" + escaped))
            continue
        if in_class:
            if char == "]" and out[-1] not in ("[", "[^"):
                in_class = False
        elif char == "[":
            in_class = True
            if source.startswith("^", index + 1):
                out.append("[^")
                index += 2
                continue
        elif widen and char == "(" and _LOOKAROUND.match(source, index):
            index = _after_group(source, index)
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
