"""Regular expressions from config run on RE2 (google-re2): linear time in the reply, whatever the pattern.

A company writes its own patterns (ticket ids, price formats). With Python's backtracking `re`, one
careless pattern such as `(a+)+$` takes seconds on a few dozen characters, in C code no watchdog can
interrupt (safe_reply.watchdog). RE2 never backtracks. What it cannot run (lookarounds,
backreferences, possessive and atomic groups) is rejected when the config loads, with the reason.

The translation keeps Python's meaning where RE2 spells it differently: `\\w`, `\\d`, `\\s` are Unicode
classes as in `re` (RE2's are ASCII), `\\uXXXX` becomes `\\x{XXXX}`, `\\Z` becomes `\\z`. Not translated:
`\\b` is an ASCII word boundary in RE2, and `$` matches only at the very end (not before a final line
break).
"""

from __future__ import annotations

import re
from typing import Any

import re2

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
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")
_MAX_MEM = 8 << 20  # per pattern (program and DFA cache), as for the rule-pack prefilters


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


def compile_linear(source: str, *, ignore_case: bool = False) -> Any:
    """The pattern compiled by RE2 (`finditer`, `search`, matches with start/end/group in characters).

    Raises ValueError saying why when RE2 cannot run it."""
    if _LOOKAROUND.search(source):
        raise ValueError(_unsupported("a lookaround ((?=...), (?!...), (?<=...), (?<!...))"))
    if _BACKREFERENCE.search(source):
        raise ValueError(_unsupported("a backreference (\\1, (?P=name))"))
    try:
        translated = re2_source(source)
    except ValueError as exc:
        raise ValueError(_unsupported(str(exc))) from None
    options = re2.Options()
    options.log_errors = False
    options.max_mem = _MAX_MEM
    options.case_sensitive = not ignore_case
    try:
        return re2.compile(translated, options)
    except Exception as exc:  # re2.error
        detail = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise ValueError(_unsupported(f"a construct RE2 does not support ({detail})")) from None


def _unsupported(what: str) -> str:
    return (
        f"the pattern uses {what}: patterns from config run on a linear-time engine (RE2) so that no reply "
        "can stall the bot; write it without"
    )
