"""Build-time spelling variants of a protected term, as skeleton keys for the automaton.

Inflection and compounds are NOT variants: they are decided at match time by word-boundary rules
(automaton.py). Variants are what the skeleton cannot normalise away on the reply side: umlaut/ß
transliteration (the reply side keeps "ö", so "Möwe" needs "moewe" and "mowe" too) and the leetspeak
form of terms that contain digits. The jailbreak encodings reversed and ROT13 are decoded on the
reply's side instead (the skeleton is scanned reversed and ROT13-decoded as well): one key per spelling.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from safe_reply.validators.trade_secrets.fastpath import fast_view
from safe_reply.validators.trade_secrets.normalise import ACCENTS, LEET, GapKind, full_skeleton, has_leet_digits

__all__ = [
    "LEET_TABLE",
    "MIN_ENCODED_LEN",
    "ROT13_TABLE",
    "UMLAUT_SITES",
    "Variant",
    "VariantTrick",
    "code_lines",
    "loosen_pattern",
    "term_key",
    "term_variants",
    "words_undisguised",
]

# Reversed and ROT13 forms of shorter terms collide with ordinary words ("Eos" -> "rbf", "soe").
MIN_ENCODED_LEN = 4
_MAX_COMBINATIONS = 32


class VariantTrick(StrEnum):
    PLAIN = "plain"
    TRANSLITERATED = "transliterated"
    REVERSED = "reversed"
    ROT13 = "rot13"


@dataclass(frozen=True, slots=True)
class Variant:
    key: str  # the skeleton string fed to the automaton
    trick: VariantTrick
    breaks: frozenset[int]  # skeleton positions where the term itself has a word break


_WORD = re.compile(r"[^\W_]+")
UMLAUT_SITES = _UMLAUT_SITES = re.compile(r"ä|ö|ü|ß|ae|oe|ue|ss")
_ALTERNATIVES = {
    "ä": ("ä", "ae", "a"),
    "ö": ("ö", "oe", "o"),
    "ü": ("ü", "ue", "u"),
    "ß": ("ß", "ss"),
    "ae": ("ae", "ä"),
    "oe": ("oe", "ö"),
    "ue": ("ue", "ü"),
    "ss": ("ss", "ß"),
}


_ONE_WORD = re.compile(r"[a-z\u00df-\u00f6\u00f8-\u00ff]+")
_NO_BREAKS: frozenset[int] = frozenset()
LEET_TABLE = _LEET_TABLE = str.maketrans(LEET)  # the reply side maps the same digits (normalise._map_leet)
_SIMPLE_TERM = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff .-]+")
ROT13_TABLE = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", "nopqrstuvwxyzabcdefghijklmNOPQRSTUVWXYZABCDEFGHIJKLM"
)


def _is_simple(term: str) -> bool:
    """Latin-1 letters, spaces, dots and hyphens only: no normalisation needed (cheap at 100,000 terms)."""
    return _SIMPLE_TERM.fullmatch(term) is not None or fast_view(term) is not None  # = not is_suspicious


def term_key(term: str, *, leet: bool = False) -> tuple[str, frozenset[int]]:
    """Skeleton string and word-break positions of a term, exactly as a reply would be normalised."""
    lowered = term.lower().translate(ACCENTS)
    if _ONE_WORD.fullmatch(lowered):  # the common case, kept cheap for lists of 100,000 terms
        return lowered, _NO_BREAKS
    if lowered.isascii() and lowered.isalnum():  # "Zorvak4821": as cheap, leetspeak mapped by table
        if leet and sum(c.isalpha() for c in lowered) >= 2:
            return lowered.translate(_LEET_TABLE), _NO_BREAKS
        return lowered, _NO_BREAKS
    if _is_simple(term):
        words = _WORD.findall(lowered)
        breaks = frozenset(itertools.accumulate(len(w) for w in words[:-1]))
        return "".join(words), breaks
    skeleton = full_skeleton(term, leet=leet)
    gaps = skeleton.gaps
    return skeleton.text, frozenset(i for i in range(1, len(skeleton.text)) if gaps[i] >= GapKind.HYPHEN)


def words_undisguised(variants: list[Variant], is_word: Callable[[str], bool]) -> list[Variant]:
    """Without the transliterations that are common words of their own (`is_word`: one set lookup, so a long
    list pays no frequency search per term): "Düne" without its umlaut is the English "Dune" (the film), "Schön"
    the German "schon"; no disguise, and the term's translation (an alias with its own name rule) finds the
    codename said in English ("Project Dune")."""
    return [v for v in variants if v.trick is not VariantTrick.TRANSLITERATED or not is_word(v.key)]


def _transliterations(term: str) -> list[str]:
    """The term with every umlaut/ß written each way (Möwe, Moewe, Mowe), plus accents stripped."""
    lowered = unicodedata.normalize("NFC", term.lower())
    if lowered.isascii() and not _UMLAUT_SITES.search(lowered):
        return []
    parts = _UMLAUT_SITES.split(lowered)
    sites = _UMLAUT_SITES.findall(lowered)
    options = [_ALTERNATIVES[s] for s in sites]
    combos: list[tuple[str, ...]]
    if len(options) <= 4:
        combos = list(itertools.product(*options))[:_MAX_COMBINATIONS]
    else:  # many umlauts: the same spelling everywhere instead of every mix
        combos = [tuple(o[k % len(o)] for o in options) for k in range(3)]
    spellings = ["".join(p + c for p, c in zip(parts, (*combo, ""), strict=True)) for combo in combos]
    stripped = "".join(c for c in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(c))
    spellings.append(stripped)
    return spellings


# Capitals right before a digit: a code ("ZR40", "KV9") whose reply keeps its digits; term_variants
# gives it two keys (as written and leet-mapped).
_CODE_SHAPE = re.compile(r"[A-Z][A-Z]\d")


def code_lines(joined: str) -> set[int]:
    """The numbers of the lines of `joined` (one term each) that hold a code shape (one search)."""
    found = [m.start() for m in _CODE_SHAPE.finditer(joined)]
    if not found:
        return set()
    starts = [0, *(m.end() for m in re.finditer("\n", joined))]
    return {bisect.bisect_right(starts, at) - 1 for at in found}


def term_variants(term: str, *, as_written: bool = False) -> list[Variant]:
    """All distinct automaton keys for one term (the plain key first).

    `as_written`: a term whose digits a reply reads as letters ("Zorvak4821") also gets its key with the
    digits, which a reply in capitals keeps ("ZORVAK4821": a code to the fast view)."""
    plain, breaks = term_key(term)
    if not breaks and plain.isascii() and plain.isalpha() and not _UMLAUT_SITES.search(plain):
        # The common case of a long list (one plain ASCII word), without the general machinery.
        return [Variant(plain, VariantTrick.PLAIN, breaks)]
    if not breaks and plain.isascii() and plain.isalnum() and sum(map(str.isalpha, plain)) >= 2:
        # "Zorvak4821": a reply shows such a word leet-mapped (normalise._map_leet): one key. A code
        # written with capitals before its digits ("ZR40", "KV9") stays digits in a reply written the
        # same way, and is leet-mapped in one written in lower case: both keys, the code's first.
        mapped = Variant(plain.translate(_LEET_TABLE), VariantTrick.PLAIN, breaks)
        if mapped.key != plain and not has_leet_digits(term):
            return [Variant(plain, VariantTrick.PLAIN, breaks), mapped]
        if mapped.key != plain and as_written:
            return [mapped, Variant(plain, VariantTrick.PLAIN, breaks)]
        return [mapped]
    found: dict[str, Variant] = {plain: Variant(plain, VariantTrick.PLAIN, breaks)}
    suspicious = not _is_simple(term)
    if suspicious:
        leet_key, leet_breaks = term_key(term, leet=True)
        found.setdefault(leet_key, Variant(leet_key, VariantTrick.PLAIN, leet_breaks))
    for spelling in _transliterations(term):
        for leet in (False, True) if suspicious else (False,):
            key, key_breaks = term_key(spelling, leet=leet)
            found.setdefault(key, Variant(key, VariantTrick.TRANSLITERATED, key_breaks))
    return [v for v in found.values() if v.key]


_SEPARATOR = r"(?:[\s\-\u2010\u2011\u2013]{1,3})"


def loosen_pattern(pattern: str) -> str:
    """Let a literal hyphen or space of a regex also match other separators and line breaks.

    "NHD-\\d{4,6}" then also finds "NHD-\\n50771", "NHD 50771" (defanged IDs). Characters inside
    a [...] class, inside a lookaround ("(?!-)" must keep meaning a hyphen) and escaped characters
    other than "\\-" and "\\ " are left alone.
    """
    out: list[str] = []
    in_class = False
    groups: list[bool] = []  # per open group: is it a lookaround (left as written)?
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            pair = pattern[i : i + 2]
            loosen = not in_class and not any(groups) and pair in ("\\-", "\\ ")
            out.append(_SEPARATOR if loosen else pair)
            i += 2
            continue
        if not in_class and char == "(":
            groups.append(pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), i))
        elif not in_class and char == ")" and groups:
            groups.pop()
        if in_class:
            if char == "]" and out[-1] not in ("[", "[^"):
                in_class = False
            out.append(char)
        elif char == "[":
            in_class = True
            out.append("[^" if pattern[i + 1 : i + 2] == "^" else char)
            i += 1 if out[-1] == "[^" else 0
        elif char in "- " and not any(groups):
            out.append(_SEPARATOR)
        else:
            out.append(char)
        i += 1
    return "".join(out)
