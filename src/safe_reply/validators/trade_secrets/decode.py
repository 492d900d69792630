"""Decoders that run before the skeleton: markup and escapes that split or spell a word, and
defanged dots in host names and addresses.

Each decoder rewrites a few regions of the reply and keeps, per decoded character, the original
span it came from, so every finding still points into the original reply. A removed region becomes
one invisible character (U+200B, an in-word gap for the skeleton) that covers the whole region:
- HTML tags and comments inside a word: `Kulanz<b>grenze</b>`, `<span>K</span><span>r</span>...`;
- a markdown link glued to a word: `[Kulanz](u)grenze` (a free-standing link keeps its URL, which may
  itself hold a host name);
- JSON and Python escapes: `Kulanz\\u0067renze`, `\\x67`;
- defanged dots: `build-srv[.]corp[.]lan`, `erp dot firma dot intern`, `10 Punkt 42 Punkt 7`,
  `plm . fjell . lan` become ordinary dots.

All are gated by substring tests, so an ordinary reply pays a few C-level `in` checks only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Decoded", "decode", "spells_dots"]

_GAP = "\u200b"
_TAG = re.compile(r"<!--.{0,2000}?-->|</?[A-Za-z][A-Za-z0-9-]{0,20}(?:\s[^<>]{0,300})?/?>", re.DOTALL)
_MD_LINK = re.compile(r"\[([^\[\]\n]{1,100})\]\((?:[^()\s]|\([^()\s]*\)){0,300}\)")
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})")
# A defanged dot between two labels of a host or the parts of an address. " dot " and " Punkt " only
# between word characters; "[.]" and "(dot)" style in any bracket; a dot with spaces on both sides.
_DEFANG = re.compile(
    r"(?<=[A-Za-z0-9])(?:[ \t]*(?:\[(?:\.|dot|punkt)\]|\((?:\.|dot|punkt)\)|\{(?:\.|dot|punkt)\}"
    r"|<(?:\.|dot|punkt)>)[ \t]*"
    r"|[ \t]+(?:dot|punkt)[ \t]+|[ \t]+\.[ \t]+)(?=[A-Za-z0-9])",
    re.IGNORECASE,
)
# A dot spelled out in brackets ("(dot)", "[punkt]", "{DOT}", "<dot>"): looked for only when the policy
# protects host names, as the spaced forms are.
_BRACKETED_WORD = re.compile(r"[\[({<](?:dot|punkt)[\])}>]", re.IGNORECASE)
# Substrings one of which every defanged dot contains. Single characters are found fastest; the
# spelled-out forms (" dot ", " Punkt ") are looked for only when the policy protects host names.
_BRACKETS = ("[", "(", "{", "<")
_WORD_DOTS = (" . ", " dot ", " DOT ", " Dot ", " punkt ", " Punkt ", " PUNKT ")
# All of them in one search (seven substring searches for a needle that starts with a space cost twice
# as much: a space is everywhere).
_WORD_DOT = re.compile(" (?:" + "|".join(re.escape(form.strip()) for form in _WORD_DOTS) + ") ")


@dataclass(frozen=True, slots=True)
class Decoded:
    """The decoded text; decoded character i came from original[starts[i]:ends[i]]."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]


def _word_char(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index].isalnum()


def _regions(text: str, hosts: bool) -> list[tuple[int, int, str]]:
    """(start, end, replacement) of every region to rewrite, sorted and disjoint."""
    regions: list[tuple[int, int, str]] = []
    if "<" in text and ">" in text:
        regions += [(m.start(), m.end(), _GAP) for m in _TAG.finditer(text)]
    if "]" in text and "](" in text:
        for match in _MD_LINK.finditer(text):
            if _word_char(text, match.start() - 1) or _word_char(text, match.end()):
                regions.append((match.start(), match.start(1), _GAP))
                regions.append((match.end(1), match.end(), _GAP))
    if "\\" in text:
        for match in _ESCAPE.finditer(text):
            char = chr(int(match.group(1) or match.group(2), 16))
            if not 0xD800 <= ord(char) <= 0xDFFF:
                regions.append((match.start(), match.end(), char))
    bracketed = any(b in text for b in _BRACKETS) and (
        any(f"{b}." in text for b in _BRACKETS) or (hosts and _BRACKETED_WORD.search(text) is not None)
    )
    if bracketed or (hosts and _WORD_DOT.search(text) is not None):
        regions += [(m.start(), m.end(), ".") for m in _DEFANG.finditer(text)]
    regions.sort()
    disjoint: list[tuple[int, int, str]] = []
    for region in regions:
        if not disjoint or region[0] >= disjoint[-1][1]:
            disjoint.append(region)
    return disjoint


def spells_dots(text: str) -> bool:
    """Whether the reply holds a dot spelled out between spaces (" Punkt ", " dot "): a word the defanged-dot
    decoder may take for a disguise ("die Kette Vet Punkt hat"), so the reply is also read as written."""
    return _WORD_DOT.search(text) is not None


def decode(text: str, *, hosts: bool = True) -> Decoded | None:
    """The decoded reply, or None when there is nothing to decode (the common case).

    `hosts`: the policy protects host names or addresses, so " dot " and " Punkt " are dots too.
    """
    regions = _regions(text, hosts)
    if not regions:
        return None
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    at = 0
    for start, end, replacement in regions:
        chars.append(text[at:start])
        starts.extend(range(at, start))
        ends.extend(range(at + 1, start + 1))
        chars.append(replacement)
        starts.extend([start] * len(replacement))
        ends.extend([end] * len(replacement))
        at = end
    chars.append(text[at:])
    starts.extend(range(at, len(text)))
    ends.extend(range(at + 1, len(text) + 1))
    return Decoded("".join(chars), tuple(starts), tuple(ends))
