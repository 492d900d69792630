"""Which protected single words are also ordinary words, decided from word frequencies (wordfreq).

An operator should not have to know that "Nebel", "Blitz" or "Ember" are everyday words: at policy
load each single-word term is looked up in the German and English frequency lists of wordfreq
(a maintained package that ships its data, no network). A term whose Zipf frequency (log10 of
occurrences per billion words) reaches ORDINARY_ZIPF in either language, in its own or a plural
form, gets the name rule (context.py): a leak only where the reply uses it as a name. The operator
overrides with `ordinary_word: true|false`.

wordfreq's own lookup loads the whole list into a dict (about 1 s and 100 MB for German and English);
here each list is streamed once per process, bin by bin, only down to the threshold, and kept as a
set of word hashes (350,000 words of both languages, about 20 MB; never the words themselves).
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Collection, Iterable
from pathlib import Path

__all__ = ["ORDINARY_ZIPF", "ordinary_words", "word_forms"]

# Zipf 1.8 is about one occurrence in 16 million words: "Gämse" and "Hekla" are in, invented
# codenames ("Zorvak", "Pixtronic") and most surnames of suppliers are not.
ORDINARY_ZIPF = 1.8
LANGUAGES = ("de", "en")
_PLURALS = ("n", "s")  # "Gämse" is rarer than "Gämsen"; "-e", "-en" plurals add nothing measurable
_lock = threading.Lock()
_tables: dict[str, frozenset[int]] = {}


def word_forms(word: str) -> tuple[str, ...]:
    """The forms looked up for one term: itself and its regular plurals, case-folded as wordfreq stores them."""
    low = word.casefold()
    return (low, *(low + suffix for suffix in _PLURALS))


def ordinary_words(words: Iterable[str], languages: Collection[str] = LANGUAGES) -> frozenset[str]:
    """The words (of `words`, lower-cased) that are ordinary words in one of the languages."""
    tables = [_table(language) for language in languages]
    result = set()
    for word in words:
        hashes = [hash(form) for form in word_forms(word)]
        if any(h in table for table in tables for h in hashes):
            result.add(word.lower())
    return frozenset(result)


def _table(language: str) -> frozenset[int]:
    """The sorted hashes of every word at or above ORDINARY_ZIPF (a few MB; built once per process)."""
    with _lock:
        table = _tables.get(language)
        if table is None:
            table = _tables[language] = _read(language)
        return table


def _read(language: str) -> frozenset[int]:
    """Stream the language's cBpack list bin by bin, only down to the threshold."""
    table: set[int] = set()
    path = _data_file(language)
    if path is None:
        return frozenset()
    import msgpack

    unpacker = msgpack.Unpacker(raw=False, max_buffer_size=0)
    with gzip.open(path) as handle:
        unpacker.feed(handle.read())
    count = unpacker.read_array_header()
    header = unpacker.unpack()
    if not isinstance(header, dict) or header.get("format") != "cB":
        return frozenset()
    # Bin b (after the header) holds the words of frequency 10 ** (-b / 100), so Zipf = 9 - b / 100.
    last_bin = min(count - 2, int(round((9 - ORDINARY_ZIPF) * 100)))
    for _ in range(last_bin + 1):
        table.update(map(hash, unpacker.unpack()))
    return table  # type: ignore[return-value]  # never mutated after this point


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
