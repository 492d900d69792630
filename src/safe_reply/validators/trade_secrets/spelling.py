"""Words spelled out or masked, decoded to the letters they stand for:
- spelling alphabets: NATO ("Lima Oscar Tango Uniform Sierra"), German "X wie Y" ("W wie Wilhelm,
  I wie Ida"), and the German name and city alphabets without "wie" (traditional; DIN 5009:2022);
- acrostics: the first letters of four or more consecutive lines;
- letter masks: a letter replaced by `*`, `_`, `#`, `•` or `?` between letters ("P*g*de", "B*ber"), or a word's
  ending masked ("Bright***" for Brightcore).

Spelled words and acrostics are returned as (start, end, letters): the caller scans the letters like a
reply and reports the whole spelled span. Masked words are matched against the term keys of the same
length. All gated by substring tests; an ordinary reply pays a few `in` checks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "CODE_WORDS",
    "MIN_SPELLED",
    "MaskIndex",
    "Spelled",
    "acrostic",
    "masked_words",
    "spelled_words",
    "truncated_words",
]

_NATO = {
    "alfa": "a", "alpha": "a", "bravo": "b", "charlie": "c", "delta": "d", "echo": "e", "foxtrot": "f",
    "golf": "g", "hotel": "h", "india": "i", "juliet": "j", "juliett": "j", "kilo": "k", "lima": "l",
    "mike": "m", "november": "n", "oscar": "o", "papa": "p", "quebec": "q", "romeo": "r", "sierra": "s",
    "tango": "t", "uniform": "u", "victor": "v", "whiskey": "w", "whisky": "w", "x-ray": "x", "xray": "x",
    "yankee": "y", "zulu": "z",
}  # fmt: skip
_GERMAN = {
    "anton": "a", "ärger": "ä", "berta": "b", "bertha": "b", "cäsar": "c", "charlotte": "c", "dora": "d",
    "emil": "e", "friedrich": "f", "gustav": "g", "heinrich": "h", "ida": "i", "julius": "j",
    "kaufmann": "k", "konrad": "k", "ludwig": "l", "martha": "m", "nordpol": "n", "otto": "o",
    "ökonom": "ö", "paula": "p", "quelle": "q", "richard": "r", "samuel": "s", "siegfried": "s",
    "eszett": "ß", "theodor": "t", "ulrich": "u", "übermut": "ü", "viktor": "v", "wilhelm": "w",
    "xanthippe": "x", "ypsilon": "y", "zacharias": "z", "zeppelin": "z",
    # DIN 5009:2022 (cities)
    "aachen": "a", "berlin": "b", "chemnitz": "c", "düsseldorf": "d", "essen": "e", "frankfurt": "f",
    "goslar": "g", "hamburg": "h", "ingelheim": "i", "jena": "j", "köln": "k", "leipzig": "l",
    "münchen": "m", "nürnberg": "n", "offenbach": "o", "potsdam": "p", "quickborn": "q", "rostock": "r",
    "salzwedel": "s", "tübingen": "t", "unna": "u", "völklingen": "v", "wuppertal": "w", "xanten": "x",
    "zwickau": "z",
}  # fmt: skip
_CODE_WORDS = {**_NATO, **_GERMAN}
CODE_WORDS = tuple(w for w in _CODE_WORDS if w.isalpha())
_MIN_LETTERS = MIN_SPELLED = 3
_SEP = r"(?:\s*[,;/·•–-]\s*|\s+)"
_CAPITALISED_RUN = re.compile(rf"(?:[A-ZÄÖÜ][a-zäöüß]+(?:-[A-Za-z]+)?{_SEP}){{{_MIN_LETTERS - 1},}}[A-ZÄÖÜ][a-zäöüß]+")
_WIE_RUN = re.compile(
    rf"(?:(?<![^\W_])[A-Za-zÄÖÜäöü]\s+wie\s+[^\W\d_]+{_SEP}){{{_MIN_LETTERS - 1},}}"
    r"(?<![^\W_])[A-Za-zÄÖÜäöü]\s+wie\s+[^\W\d_]+"
)
_WIE_LETTER = re.compile(r"(?<![^\W_])([A-Za-zÄÖÜäöü])\s+wie\s")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")
_MASK_CHARS = "*_#•?"
_MASKED = re.compile(r"(?<![^\W\d_])[^\W\d_]+(?:[*_#•?][^\W\d_]*)+[^\W\d_](?![^\W\d_])")
# The rest of a word masked ("Bright***", "Kran##"): a prefix of letters and two or more mask characters.
_TRUNCATED = re.compile(r"(?<![^\W\d_])([^\W\d_]{4,})[*#•]{2,}(?![^\W\d_*#•])")
_MIN_ACROSTIC_LINES = 4


@dataclass(frozen=True, slots=True)
class Spelled:
    start: int
    end: int
    letters: str


def _letter_wie_count(text: str) -> int:
    """How often a single letter stands before " wie " ("W wie Wilhelm"), by plain `find`."""
    count = 0
    at = text.find(" wie ")
    while at >= 0:
        if at >= 1 and text[at - 1].isalpha() and (at < 2 or not text[at - 2].isalnum()):
            count += 1
        at = text.find(" wie ", at + 5)
    return count


def spelled_words(text: str, code_words: int) -> list[Spelled]:
    """Runs of spelling-alphabet words, decoded ("Bravo Lima India Tango Zulu" -> "blitz").

    `code_words` is how many alphabet words the term automaton saw (they are marker keys there): the
    alphabet runs are searched only when there are enough, so an ordinary reply pays nothing.
    """
    found: list[Spelled] = []
    if _letter_wie_count(text) >= _MIN_LETTERS:
        for match in _WIE_RUN.finditer(text):
            letters = "".join(m.group(1) for m in _WIE_LETTER.finditer(match.group()))
            found.append(Spelled(match.start(), match.end(), letters.lower()))
    if code_words < _MIN_LETTERS:
        return found
    for match in _CAPITALISED_RUN.finditer(text):
        words = [w.lower() for w in _WORD.findall(match.group())]
        decoded = [_CODE_WORDS.get(w) for w in words]
        run: list[str] = []
        for letter in (*decoded, None):
            if letter is None:
                if len(run) >= _MIN_LETTERS:
                    found.append(Spelled(match.start(), match.end(), "".join(run)))
                run = []
            else:
                run.append(letter)
    return found


def acrostic(text: str) -> Spelled | None:
    """The first letters of the reply's lines, when it has at least four lines of words."""
    if text.count("\n") < _MIN_ACROSTIC_LINES - 1:
        return None
    letters: list[str] = []
    for line in text.splitlines():
        first = next((c for c in line if c.isalpha()), None)
        if first is not None:
            letters.append(first.lower())
    if len(letters) < _MIN_ACROSTIC_LINES:
        return None
    return Spelled(0, len(text.rstrip()), "".join(letters))


@dataclass(frozen=True)
class MaskIndex:
    """Term keys by length and first and last letter, for masked words ("P*g*de" -> every 6-letter key
    p....e that matches p.g.de). A masked word starts and ends with a letter, so the bucket is small."""

    keys: Sequence[str]  # the term keys, by term index
    by_shape: dict[tuple[int, str, str], list[int]]  # term indices by (key length, first, last letter)
    by_shape_prefix: dict[str, list[int]]  # term indices of keys of six or more letters, by their first four

    @classmethod
    def build(cls, keys: Sequence[str]) -> MaskIndex:
        by_shape: dict[tuple[int, str, str], list[int]] = {}
        by_prefix: dict[str, list[int]] = {}
        for index, key in enumerate(keys):
            if len(key) >= 4 and key.isalpha():
                by_shape.setdefault((len(key), key[0], key[-1]), []).append(index)
                if len(key) >= 6:
                    by_prefix.setdefault(key[:4], []).append(index)
        return cls(keys, by_shape, by_prefix)

    def match_truncated(self, prefix: str) -> list[int]:
        """Terms of six or more letters that a masked ending hides ("Bright***" -> brightcore): the prefix keeps
        at least half of the term, so a short prefix of a common word ("Kran***") names none."""
        low = prefix.lower()
        return [
            index
            for index in self.by_shape_prefix.get(low[:4], ())
            if len(self.keys[index]) > len(low) >= len(self.keys[index]) / 2 and self.keys[index].startswith(low)
        ]

    def match(self, word: str) -> list[int]:
        letters = sum(c.isalpha() for c in word)
        if letters < len(word) / 2:
            return []
        low = word.lower()
        candidates = self.by_shape.get((len(low), low[0], low[-1]), ())
        if not candidates:
            return []
        pattern = re.compile("".join("." if c in _MASK_CHARS else re.escape(c) for c in low))
        return [term for term in candidates if pattern.fullmatch(self.keys[term])]


# Up to two words before or after a masked word, one space apart: a multi-word term masked in one or more of its
# words ("Minh L*ng T*nt") is matched whole, its words joined as the term's key joins them.
_WORDS_BEFORE = re.compile(r"(?:(?<![^\W\d_])[^\W\d_]+(?:[*#•?][^\W\d_]*)* ){1,2}$")
_WORDS_AFTER = re.compile(r"(?: [^\W\d_]+(?:[*#•?][^\W\d_]*)*(?![^\W\d_])){1,2}")


def masked_words(text: str) -> list[tuple[int, int, str]]:
    """Words with mask characters between letters, alone and with up to two neighbouring words on either side
    (joined without spaces): (start, end, word)."""
    if not any(c in text for c in _MASK_CHARS):
        return []
    found: dict[tuple[int, int], str] = {}
    for m in _MASKED.finditer(text):
        found[(m.start(), m.end())] = m.group()
        before = _WORDS_BEFORE.search(text, max(0, m.start() - 60), m.start())
        after = _WORDS_AFTER.match(text, m.end(), min(len(text), m.end() + 60))
        lefts = [m.start()] + ([] if before is None else _word_starts(text, before.start(), m.start()))
        rights = [m.end()] + ([] if after is None else _word_ends(text, m.end(), after.end()))
        for left in lefts:
            for right in rights:
                found.setdefault((left, right), text[left:right].replace(" ", ""))
    return [(start, end, word) for (start, end), word in found.items()]


def _word_starts(text: str, start: int, end: int) -> list[int]:
    """The start of each word in text[start:end] (words one space apart, ending in a space)."""
    starts, position = [], start
    for word in text[start:end].split(" ")[:-1]:
        starts.append(position)
        position += len(word) + 1
    return starts


def _word_ends(text: str, start: int, end: int) -> list[int]:
    """The end of each word in text[start:end] (each word after one space)."""
    ends, position = [], start
    for word in text[start:end].split(" ")[1:]:
        position += len(word) + 1
        ends.append(position)
    return ends


def truncated_words(text: str) -> list[tuple[int, int, str]]:
    """Words whose ending is masked ("Bright***"): (start, end, the letters before the mask)."""
    if "**" not in text and "##" not in text and "••" not in text:
        return []
    found = []
    for m in _TRUNCATED.finditer(text):
        # Markdown that closes there ("**Flitz**", "der **Ergo Flitz**") opened with the same run on its line.
        run = text[m.end(1) : m.end()]
        if text.rfind(run, text.rfind("\n", 0, m.start()) + 1, m.start()) >= 0:
            continue
        found.append((m.start(), m.end(), m.group(1)))
    return found
