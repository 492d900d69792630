"""One Aho-Corasick automaton over every variant of every protected and allowed term, and the
word-boundary rules that turn its raw skeleton hits into leaks.

Rules (skeleton positions; "word" = characters joined without a HYPHEN or HARD gap):
- short terms (<= 3 skeleton letters) and encoded variants (reversed, ROT13): whole words only
  ("Eos" is not in "Videos"; "EOS-Serie" is a hit, the hyphen ends the word);
- a hit starting at a word start may continue with an inflection suffix ("des Kranichs", "Kraniche":
  the span grows to include it) or with a compound part of >= 3 letters ("Kranichprojekt"; the span
  covers the term only; for a multi-word term only after a last word of >= 4 letters: "360 Pro" is not
  in "360 protects"); anything else is another word ("Athen" + "a" is "Athena");
- a hit inside a word is a compound head only for terms of >= 5 letters, and only at the end of the
  word ("Projektkranich", "Projektkranichs");
- inside a hit, hyphens and invisible gaps are fine ("Kra-nich", "Kra\\u200bnich"); a space or dot
  only where the term has a word break, or between single letters ("K r a n i c h", "K.R.A").
Allowed terms are matched by the same automaton; a hit inside an allowed hit is dropped.
"""

from __future__ import annotations

import bisect
import itertools
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from safe_reply.validators.trade_secrets.normalise import GapKind, Skeleton
from safe_reply.validators.trade_secrets.variants import VariantTrick

__all__ = [
    "PREFIX_LEN",
    "Automaton",
    "EncodedKeys",
    "Hit",
    "MatchShape",
    "Slot",
    "Slots",
    "TableBuilder",
    "VariantRef",
    "match_skeleton",
]

SHORT_TERM_LEN = 3
MIN_COMPOUND_HEAD_LEN = 5
MIN_COMPOUND_PART_LEN = 3
# A multi-word term continues into a compound only when its last word is a word of its own: "360 Pro" +
# "tects" is the English verb "protects", "K9 Max" + "imal" is "maximal"; "Projekt Kranich" + "s" or +
# "flügel" stays the term.
MIN_COMPOUND_TAIL_LEN = 4
MIN_SPLIT_TERM_LEN = 8
INFLECTION_SUFFIXES = frozenset({"s", "es", "e", "en", "n", "er", "ern", "ens", "ns", "nen"})
_MAX_SUFFIX_LEN = max(map(len, INFLECTION_SUFFIXES))
ALLOW_ALL = -1  # scope of a global allowed term


class MatchShape(StrEnum):
    WORD = "word"
    INFLECTED = "inflected"
    COMPOUND = "compound"


_TRICKS = tuple(VariantTrick)
_TRICK_CODE = {trick: code for code, trick in enumerate(_TRICKS)}
_NO_BREAKS: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class VariantRef:
    """What an automaton key stands for: a protected term (allow_scope None) or an allowed term."""

    term: int  # index into the validator's term table (protected) or -1 for allowed
    trick: VariantTrick
    breaks: frozenset[int]
    allow_scope: int | None = None  # for allowed terms: the protected term index, or ALLOW_ALL

    def packed(self) -> int | None:
        """The common case (one protected single-word variant) as one small int: 100,000 terms fit in memory."""
        if self.allow_scope is not None or self.breaks:
            return None
        return self.term * len(_TRICKS) + _TRICK_CODE[self.trick]


Slot = int | tuple[VariantRef, ...]


def unpack(slot: Slot) -> tuple[VariantRef, ...]:
    if isinstance(slot, int):
        term, code = divmod(slot, len(_TRICKS))
        return (VariantRef(term, _TRICKS[code], _NO_BREAKS),)
    return slot


class TableBuilder:
    """Collects automaton keys and what each stands for; several refs may share one key.

    These are the forward keys (every spelling of every term, allowed terms, decoder markers); the
    reversed and ROT13 forms are kept apart, compactly (EncodedKeys).
    """

    def __init__(self) -> None:
        self._index: dict[str, int] = {}
        self.slots: list[Slot] = []

    def add(self, key: str, ref: VariantRef) -> None:
        slot = self._index.get(key)
        if slot is None:
            self._index[key] = len(self.slots)
            packed = ref.packed()
            self.slots.append(packed if packed is not None else (ref,))
        else:
            self.slots[slot] = (*unpack(self.slots[slot]), ref)

    def slot_of(self, key: str) -> int | None:
        return self._index.get(key)

    def add_packed(self, key: str, term: int, trick: VariantTrick) -> None:
        """`add` of the common ref (a protected term, no word breaks) without building it first."""
        slot = self._index.get(key)
        if slot is None:
            self._index[key] = len(self.slots)
            self.slots.append(term * len(_TRICKS) + _TRICK_CODE[trick])
        else:
            self.slots[slot] = (*unpack(self.slots[slot]), VariantRef(term, trick, _NO_BREAKS))

    def mark(self, key: str) -> int:
        """A key that stands for no term, only counted (spelling-alphabet words gate their decoder)."""
        slot = self._index.get(key)
        if slot is None:
            slot = self._index[key] = len(self.slots)
            self.slots.append(())
        return slot

    def keys(self) -> list[str]:
        """The keys in slot order; the lookup dict is released (no key is added after this)."""
        keys = list(self._index)
        self._index = {}
        return keys


@dataclass(frozen=True, slots=True)
class Hit:
    term: int
    start: int  # original offsets
    end: int
    trick: VariantTrick
    shape: MatchShape
    skeleton_start: int
    skeleton_end: int


# Encoded keys longer than this are searched by their first letters and verified: their tries share
# few states (a reversed list builds five times slower than the list itself), the prefixes share many.
# Five letters would build faster but match clean text often enough to cost 10 us per reply.
PREFIX_LEN = 6
FORWARD_PREFIX_LEN = 10  # a codename longer than this is rarely in clean text by its first ten letters


@dataclass(frozen=True, slots=True)
class EncodedKeys:
    """The reversed and ROT13 form of every plain key, kept compact (no object per key): one string
    holding all of them, their offsets, and per key its packed ref (or -1: a ref with word breaks,
    kept in `extra`). Key m is `blob[offsets[m]:offsets[m + 1]]`."""

    blob: str
    offsets: array[int]
    refs: array[int]
    extra: dict[int, tuple[VariantRef, ...]]

    @classmethod
    def of(cls, keys: Sequence[str], terms: Sequence[int], breaks: Mapping[int, frozenset[int]]) -> EncodedKeys:
        """The encoded keys of plain keys: keys[i] spells term terms[i], with word breaks breaks.get(i)
        (three parallel collections, not a tuple per key). Terms shorter than MIN_ENCODED_LEN must be
        left out by the caller: their encoded forms are ordinary words.

        Reversed: the joined keys reversed in one slice. ROT13: one bytes.translate of their UTF-8 text
        (a str.translate per key costs as much as the rest of a term's build); multi-byte UTF-8 never
        holds an ASCII letter byte.
        """
        joined = "\n".join(keys)
        rot13 = joined.encode("utf-8").translate(_ROT13_BYTES).decode("utf-8")
        blob = joined[::-1].replace("\n", "") + rot13.replace("\n", "")
        count = len(keys)
        lengths = array("l", map(len, keys))
        offsets = array("l", itertools.accumulate(itertools.chain(reversed(lengths), lengths), initial=0))
        reversed_code, rot13_code = _TRICK_CODE[VariantTrick.REVERSED], _TRICK_CODE[VariantTrick.ROT13]
        refs = array("l", (terms[i] * len(_TRICKS) + reversed_code for i in range(count - 1, -1, -1)))
        refs.extend(term * len(_TRICKS) + rot13_code for term in terms)
        extra: dict[int, tuple[VariantRef, ...]] = {}
        for i, key_breaks in breaks.items():  # multi-word keys: their word breaks go with them
            if key_breaks:
                mirrored = frozenset(lengths[i] - b for b in key_breaks)
                extra[count - 1 - i] = (VariantRef(terms[i], VariantTrick.REVERSED, mirrored),)
                extra[count + i] = (VariantRef(terms[i], VariantTrick.ROT13, key_breaks),)
                refs[count - 1 - i] = refs[count + i] = -1
        return cls(blob, offsets, refs, extra)

    def __len__(self) -> int:
        return len(self.refs)

    def key(self, member: int) -> str:
        return self.blob[self.offsets[member] : self.offsets[member + 1]]


class Slots:
    """What each automaton key index stands for: the forward slots, then one per encoded key.

    The common slot (one protected term, no word breaks) is a packed int, kept in an array (8 bytes
    instead of a 32-byte int object per key of a 100,000-term list); other slots in a dict."""

    def __init__(self, forward: list[Slot], encoded: EncodedKeys | None = None) -> None:
        self._packed = array("q", (slot if isinstance(slot, int) else -1 for slot in forward))
        self._other = {index: slot for index, slot in enumerate(forward) if not isinstance(slot, int)}
        self._encoded = encoded

    def __len__(self) -> int:
        return len(self._packed) + (len(self._encoded) if self._encoded is not None else 0)

    def __getitem__(self, index: int) -> Slot:
        if index < len(self._packed) or self._encoded is None:
            packed = self._packed[index]
            return packed if packed >= 0 else self._other[index]
        member = index - len(self._packed)
        packed = self._encoded.refs[member]
        return packed if packed >= 0 else self._encoded.extra[member]


class Automaton:
    """ahocorasick-rs when installed (fastest, measured in benchmarks/), else pyahocorasick.

    When every key is Latin-1 (nearly every real list), the automaton runs over Latin-1 bytes: a
    skeleton is then searched without the UTF-8 conversion a `str` search pays on every fresh reply
    (about half the cost), and one skeleton character is one byte, so offsets need no mapping. A
    character beyond Latin-1 in a reply's skeleton becomes "?", which no key contains.

    Key index i < len(keys) is a forward key; len(keys) + m is encoded key m, searched through its
    first PREFIX_LEN characters and verified in place: 100,000 terms and their two encodings build in
    about the time of the terms alone, with exactly the matches of every key in full. A forward key
    longer than FORWARD_PREFIX_LEN is searched the same way through its first characters (at its own
    index): a list of long codenames with digits then builds a third fewer automaton states.
    """

    def __init__(self, keys: Sequence[str], encoded: EncodedKeys | None = None) -> None:
        self._forward = len(keys)
        # Long forward keys: their full text, to verify a match of their prefix (offsets per key index;
        # a short key spans nothing).
        self._long = bytes(len(key) > FORWARD_PREFIX_LEN for key in keys)
        self._forward_offsets = array(
            "l", itertools.accumulate((len(key) if len(key) > FORWARD_PREFIX_LEN else 0 for key in keys), initial=0)
        )
        forward_blob = "".join(key for key in keys if len(key) > FORWARD_PREFIX_LEN)
        # Group the encoded keys by prefix with arrays only (no list or int object per key): a group id
        # per key in first-seen order, then the keys sorted by group (a stable sort keeps their order).
        group_of: dict[str, int] = {}
        member_group = array("l")
        if encoded is not None:
            blob, offsets = encoded.blob, encoded.offsets
            member_group = array(
                "l",
                [
                    group_of.setdefault(blob[start : min(start + PREFIX_LEN, end)], len(group_of))
                    for start, end in itertools.pairwise(offsets)
                ],
            )
        sizes = array("l", bytes(8 * (len(group_of) + 1)))
        for group in member_group:
            sizes[group + 1] += 1
        self._group_start = array("l", itertools.accumulate(sizes))
        self._members = array("l", sorted(range(len(member_group)), key=member_group.__getitem__))
        self._encoded = encoded
        self._text_blobs: tuple[str | bytes, str | bytes] = (forward_blob, encoded.blob if encoded is not None else "")
        searched = [key[:FORWARD_PREFIX_LEN] for key in keys]
        searched += group_of
        del group_of, member_group, sizes
        self._rs: Any = None
        self._bytes: Any = None
        self._py: Any = None
        try:
            import ahocorasick_rs
        except ImportError:  # pragma: no cover - exercised where no ahocorasick-rs wheel exists
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for index, key in enumerate(searched):
                automaton.add_word(key, (index, len(key)))
            automaton.make_automaton()
            self._py = automaton
            return
        try:
            self._text_blobs = (forward_blob.encode("latin-1"), encoded.blob.encode("latin-1") if encoded else b"")
            # The keys are encoded one by one as the automaton reads them (no list of 200,000 bytes).
            self._bytes = ahocorasick_rs.BytesAhoCorasick(
                (key.encode("latin-1") for key in searched),
                matchkind=ahocorasick_rs.MATCHKIND_STANDARD,
            )
        except UnicodeEncodeError:  # a key beyond Latin-1: the str automaton, the key texts as str
            self._text_blobs = (forward_blob, encoded.blob if encoded is not None else "")
            self._rs = ahocorasick_rs.AhoCorasick(searched, matchkind=ahocorasick_rs.MATCHKIND_STANDARD)

    def find(self, haystack: str) -> list[tuple[int, int, int]]:
        """All (key index, start, end) matches, overlapping ones included."""
        if self._bytes is not None:
            return self._verified(haystack.encode("latin-1", "replace"))
        return self._verified(haystack)

    def find_latin1(self, haystack: bytes) -> list[tuple[int, int, int]]:
        """`find` of a Latin-1 skeleton given as bytes (the fast path: no conversion at all)."""
        if self._bytes is not None:
            return self._verified(haystack)
        return self.find(haystack.decode("latin-1"))

    def _verified(self, haystack: str | bytes) -> list[tuple[int, int, int]]:
        if self._bytes is not None:
            raw = self._bytes.find_matches_as_indexes(haystack, overlapping=True)
        elif self._rs is not None:
            raw = self._rs.find_matches_as_indexes(haystack, overlapping=True)
        else:
            raw = [(i, end + 1 - length, end + 1) for end, (i, length) in self._py.iter(haystack)]
        forward, long = self._forward, self._long
        if all(index < forward and not long[index] for index, _, _ in raw):
            return list(raw)  # the common case: the automaton index is the key index, no prefix
        forward_blob, encoded_blob = self._text_blobs
        found: list[tuple[int, int, int]] = []
        for index, start, end in raw:
            if index < forward:
                if not long[index]:
                    found.append((index, start, end))
                    continue
                key = forward_blob[self._forward_offsets[index] : self._forward_offsets[index + 1]]
                if haystack.startswith(key, start):  # type: ignore[arg-type]
                    found.append((index, start, start + len(key)))
                continue
            assert self._encoded is not None  # a group index exists only with encoded keys
            offsets = self._encoded.offsets
            group = index - forward  # a prefix: which of its keys is there in full?
            for member in self._members[self._group_start[group] : self._group_start[group + 1]]:
                key = encoded_blob[offsets[member] : offsets[member + 1]]
                if haystack.startswith(key, start):  # type: ignore[arg-type]
                    found.append((forward + member, start, start + len(key)))
        return found


def match_skeleton(
    skeleton: Skeleton, raw: Sequence[tuple[int, int, int]], slots: Slots | Sequence[Slot], term_lens: Sequence[int]
) -> list[Hit]:
    """Apply the boundary rules and the allowed terms to raw automaton matches.

    The reversed and ROT13 forms of every key are keys of the same automaton (EncodedKeys), so one
    pass finds the jailbreak encodings too. Hits come plain first, then reversed, then ROT13: where
    two forms of one term cover the same span, `_outermost` keeps the first.
    """
    by_trick: dict[VariantTrick, list[Hit]] = {}
    allowed: list[tuple[int, int, int]] = []  # (scope, start, end) in skeleton positions
    for key_index, start, end in raw:
        for ref in unpack(slots[key_index]):
            if ref.allow_scope is not None:
                # An allowed word obeys the spacing rules too: "Lichtblick – ein" is no "Lichtblicke".
                if _inside_ok(skeleton, ref, start, end, end - start):
                    allowed.append((ref.allow_scope, start, end))
                continue
            hit = _validate(skeleton, ref, term_lens[ref.term], start, end)
            if hit is not None:
                by_trick.setdefault(_ORDER[ref.trick], []).append(hit)
    hits = [hit for trick in _TRICK_ORDER for hit in by_trick.get(trick, ())]
    if allowed:
        covered = _AllowedIndex(allowed)
        hits = [h for h in hits if not covered.covers(h)]
    return hits


class _AllowedIndex:
    """Allowed spans per scope, sorted, with the running maximum of their ends: is a hit inside one
    of them is a bisection, not a loop over all of them (a reply full of allowed terms stays linear)."""

    def __init__(self, allowed: Sequence[tuple[int, int, int]]) -> None:
        by_scope: dict[int, list[tuple[int, int]]] = {}
        for scope, start, end in allowed:
            by_scope.setdefault(scope, []).append((start, end))
        self._index: dict[int, tuple[list[int], list[int]]] = {}
        for scope, spans in by_scope.items():
            spans.sort()
            self._index[scope] = ([start for start, _ in spans], list(itertools.accumulate((e for _, e in spans), max)))

    def covers(self, hit: Hit) -> bool:
        for scope in (ALLOW_ALL, hit.term):
            index = self._index.get(scope)
            if index is None:
                continue
            starts, max_ends = index
            last = bisect.bisect_right(starts, hit.skeleton_start) - 1  # spans starting at or before the hit
            if last >= 0 and max_ends[last] >= hit.skeleton_end:
                return True
        return False


_ROT13_BYTES = bytes.maketrans(b"abcdefghijklmnopqrstuvwxyz", b"nopqrstuvwxyzabcdefghijklm")
_ORDER = {
    VariantTrick.PLAIN: VariantTrick.PLAIN,
    VariantTrick.TRANSLITERATED: VariantTrick.PLAIN,
    VariantTrick.REVERSED: VariantTrick.REVERSED,
    VariantTrick.ROT13: VariantTrick.ROT13,
}
_TRICK_ORDER = (VariantTrick.PLAIN, VariantTrick.REVERSED, VariantTrick.ROT13)


def _validate(skeleton: Skeleton, ref: VariantRef, term_len: int, start: int, end: int) -> Hit | None:
    gaps = skeleton.gaps
    if not _inside_ok(skeleton, ref, start, end, term_len):
        return None
    word_start = gaps[start] >= GapKind.HYPHEN
    word_end = skeleton.token_end(end)
    rest_len = word_end - end
    # The rest of the word is read only when it can be an inflection suffix (<= 3 letters): slicing a
    # long one per hit made a reply that is one long word full of hits quadratic.
    suffix = rest_len > 0 and rest_len <= _MAX_SUFFIX_LEN and skeleton.text[end:word_end] in INFLECTION_SUFFIXES
    strict = term_len <= SHORT_TERM_LEN or ref.trick in (VariantTrick.REVERSED, VariantTrick.ROT13)
    shape = MatchShape.WORD
    span_end = end
    if strict:
        if not word_start or rest_len:
            return None
    elif not word_start:
        if term_len < MIN_COMPOUND_HEAD_LEN or (rest_len and not suffix):
            return None
        shape, span_end = MatchShape.COMPOUND, word_end
    elif suffix:
        shape, span_end = MatchShape.INFLECTED, word_end
    elif rest_len >= MIN_COMPOUND_PART_LEN and term_len - max(ref.breaks, default=0) >= MIN_COMPOUND_TAIL_LEN:
        shape = MatchShape.COMPOUND
    elif rest_len:
        return None
    first, last = skeleton.span(start, span_end)
    return Hit(ref.term, first, last, ref.trick, shape, start, span_end)


def _inside_ok(skeleton: Skeleton, ref: VariantRef, start: int, end: int, term_len: int) -> bool:
    gaps = skeleton.gaps
    for i in range(start + 1, end):
        if (
            gaps[i] == GapKind.HARD
            and (i - start) not in ref.breaks
            and not (skeleton.is_single(i - 1) and skeleton.is_single(i))
            and not _irregular_space(skeleton, i, start, end, term_len)
        ):
            return False
    return True


def _irregular_space(skeleton: Skeleton, index: int, start: int, end: int, term_len: int) -> bool:
    """A space inside a long term ("Kulanz gutschrift", "Zaun  kö nig"): only whitespace, a term of
    >= MIN_SPLIT_TERM_LEN letters and >= 2 letters on each side. Two ordinary words that happen to
    make a short term ("Kran ich" for "Kranich") stay two words."""
    if term_len < MIN_SPLIT_TERM_LEN or index - start < 2 or end - index < 2:
        return False
    gap = skeleton.original[skeleton.ends[index - 1] : skeleton.starts[index]]
    return bool(gap) and gap.isspace() and "\n" not in gap
