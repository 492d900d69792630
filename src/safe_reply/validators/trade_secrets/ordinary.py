"""Which protected single words are also ordinary words, decided from word frequencies (wordfreq).

An operator should not have to know that "Nebel", "Blitz" or "Ember" are everyday words: at policy
load each single-word term is looked up in the German and English frequency lists of wordfreq
(a maintained package that ships its data, no network). A term whose Zipf frequency (log10 of
occurrences per billion words) reaches ORDINARY_ZIPF in either language, in its own or a plural
form, gets the name rule (context.py): a leak only where the reply uses it as a name. The operator
overrides with `ordinary_word: true|false`.

wordfreq's own lookup loads the whole list into a dict (about 1 s and 100 MB for German and English);
here each list is streamed once per process, bin by bin, only down to the threshold, and kept as a
sorted array of word hashes (350,000 words of both languages in 3 MB; never the words themselves).
"""

from __future__ import annotations

import bisect
import gzip
import threading
from array import array
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["ORDINARY_ZIPF", "ordinary_words", "word_forms"]

# Zipf 1.8 is about one occurrence in 16 million words: "Gämse" and "Hekla" are in, invented
# codenames ("Zorvak", "Pixtronic") and most surnames of suppliers are not.
ORDINARY_ZIPF = 1.8
LANGUAGES = ("de", "en")
_PLURALS = ("n",)  # "Gämse" is rarer than "Gämsen"; "-e", "-en" plurals add nothing measurable
_lock = threading.Lock()
COMMON_ZIPF = 3.0  # one in a million words: the parts of an ordinary compound ("Hotel" + "Gruppe")
_tables: list[tuple[array[int], array[int], array[int]]] = []  # ordinary, common, English ordinary; once


def word_forms(word: str) -> tuple[str, ...]:
    """The forms looked up for one term: itself and its regular plurals, case-folded as wordfreq stores them."""
    low = word.casefold()
    return (low, *(low + suffix for suffix in _PLURALS))


def ordinary_words(words: Iterable[str], *, english: bool = False) -> frozenset[str]:
    """The words (of `words`, lower-cased) that are ordinary words in German or English (or, with
    `english`, in English: there a capital marks a name, see context.py)."""
    result: set[str] = set()
    table: array[int] | None = None
    for word in words:
        if table is None:  # loaded only when there is a word to decide
            table = _tables_once()[2 if english else 0]
        if any(_contains(table, hash(form)) for form in word_forms(word)):
            result.add(word.lower())
    return frozenset(result)


def _contains(table: array[int], value: int) -> bool:
    index = bisect.bisect_left(table, value)
    return index < len(table) and table[index] == value


def _tables_once() -> tuple[array[int], array[int], array[int]]:
    with _lock:
        if not _tables:
            _tables.append(_read())
        return _tables[0]


def _read() -> tuple[array[int], array[int], array[int]]:
    """Stream each language's cBpack list bin by bin, only down to the threshold, keeping sorted
    64-bit hashes of the words (3 MB for 350,000 words; a set of them would take 25 MB)."""
    ordinary: array[int] = array("q")
    common: array[int] = array("q")
    english: array[int] = array("q")
    for language in LANGUAGES:
        path = _data_file(language)
        if path is not None:
            with gzip.open(path) as handle:  # streamed: the decompressed list is never in memory at once
                before = len(ordinary)
                _read_bins(handle, ordinary, common)
                if language == "en":
                    english = ordinary[before:]
    return array("q", sorted(ordinary)), array("q", sorted(common)), array("q", sorted(english))


def _read_bins(handle: Any, ordinary: array[int], common: array[int]) -> None:
    import msgpack  # type: ignore[import-untyped]

    unpacker = msgpack.Unpacker(handle, raw=False)
    count = unpacker.read_array_header()
    header = unpacker.unpack()
    if not isinstance(header, dict) or header.get("format") != "cB":
        return
    # Bin b (after the header) holds the words of frequency 10 ** (-b / 100), so Zipf = 9 - b / 100.
    last_bin = min(count - 2, round((9 - ORDINARY_ZIPF) * 100))
    common_bin = round((9 - COMMON_ZIPF) * 100)
    for centibels in range(last_bin + 1):
        hashes = array("q", map(hash, unpacker.unpack()))
        ordinary.extend(hashes)
        if centibels <= common_bin:
            common.extend(hashes)


def _data_file(language: str) -> Path | None:
    try:
        import wordfreq
    except ImportError:  # pragma: no cover - wordfreq is a dependency; without it no term is ordinary
        return None
    folder = Path(wordfreq.DATA_PATH)
    for name in (f"large_{language}.msgpack.gz", f"small_{language}.msgpack.gz"):
        if (folder / name).exists():
            return folder / name
    return None


def is_ordinary(word: str) -> bool:
    """One word (any case) at or above ORDINARY_ZIPF in German or English, plurals included."""
    return bool(ordinary_words((word,)))


def is_compound_of_ordinary(word: str, min_part: int = 4) -> bool:
    """Is `word` two common words joined ("Hotelgruppe", "Kühlwerk"), with or without a linking s?"""
    low = word.lower()
    for cut in range(min_part, len(low) - min_part + 1):
        head, tail = low[:cut], low[cut:]
        heads = (head, head[:-1]) if head.endswith("s") and len(head) > min_part else (head,)
        if any(_is_common(h) for h in heads) and _is_common(tail):
            return True
    return False


def _is_common(word: str) -> bool:
    common = _tables_once()[1]
    return any(_contains(common, hash(form)) for form in word_forms(word))
