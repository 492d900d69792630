"""A linear-time prefilter for each rule: most sentences an anchor points to make no claim at all.

Python's `re` tries a rule's patterns at every position of the sentence, one pattern after the other;
for a sentence that matches none of them (the common case: the anchor word appears, the claim does
not) that is where a scan spends its time. RE2 (google-re2) answers the same question for all of a
rule's patterns at once with an automaton, in one pass, several times faster. It cannot run every
construct Python's patterns use (lookarounds, atomic groups, backreferences), so the prefilter is a
*widened* copy: lookarounds and word boundaries dropped, atomic groups made plain, Python's Unicode
classes spelled out. It may say "maybe" where the real patterns say no, never "no" where they say
yes (tested over every corpus sentence); a "maybe" is then decided by the real patterns.

A rule whose patterns RE2 cannot read at all simply has no prefilter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from safe_reply.linear_regex import re2_source

try:  # the wheel ships for the platforms we run on; without it every rule just runs its patterns
    import re2 as _re2
except ImportError:  # pragma: no cover - exercised only where google-re2 has no wheel
    _re2 = None

# RE2's anchor for an anchored match, from the extension module the wrapper itself calls (see
# _direct_match_available).
ANCHOR_START: Any = getattr(
    getattr(getattr(getattr(_re2, "_re2", None), "RE2", None), "Anchor", None), "ANCHOR_START", None
)


@dataclass(frozen=True, slots=True)
class Prefilter:
    """One rule's widened patterns as one RE2 automaton, compiled from a UTF-8 *bytes* pattern.

    Why bytes: given a `str`, the google-re2 wrapper encodes it and then maps every byte offset of
    the match back to a character offset in Python; given bytes it returns the C++ answer as is. A
    scan encodes each sentence once and asks every rule that points at it (2 µs a question instead
    of 4, measured on fresh replies).
    """

    regex: Any  # re2._Regexp of a bytes pattern

    def may_match(self, sentence: bytes) -> bool:
        """False when no pattern of the rule can match the UTF-8 sentence; True means: run them.

        An anchored match of `.*?(patterns)` (see compile_prefilter), not a search: a search must
        also find where its match starts, which RE2 does with a reverse program it compiles on the
        first match, 5.5 s over the shipped rules, paid by whichever replies first pass each rule's
        prefilter (up to 64 ms for one reply, measured). Anchored, the start is known.
        """
        if DIRECT:
            return bool(self.regex._regexp.Match(ANCHOR_START, sentence, 0, len(sentence))[0][0] >= 0)
        return self.regex.match(sentence) is not None

    def direct(self) -> Any | None:
        """The C++ `RE2::Match` behind `may_match`, for a caller that asks many questions in a loop:
        `call(ANCHOR_START, sentence, 0, len(sentence))[0][0] >= 0` is `may_match(sentence)`, without two
        Python calls around it (about 0.3 µs of a 2 µs question). None without the direct matcher.
        Fetch it per use, do not store it on the Prefilter: the bound method does not pickle."""
        return self.regex._regexp.Match if DIRECT else None

    def search(self, text: str) -> bool:
        """may_match for a `str` (tests and tools; the scan passes bytes it encoded once)."""
        return self.may_match(text.encode())

    @property
    def program_size(self) -> int:
        return int(self.regex.programsize)

    @property
    def max_memory(self) -> int:
        return int(self.regex.options.max_mem)


def widen(source: str) -> str:
    """The pattern rewritten for RE2 so that it matches at least everything the original matches."""
    return re2_source(source, widen=True)


def compile_prefilter(patterns: Sequence[re.Pattern[str]]) -> Prefilter | None:
    """One RE2 automaton for all of a rule's patterns, or None when RE2 cannot express them."""
    if _re2 is None or not patterns:
        return None
    try:
        parts = [("(?i:{})" if p.flags & re.IGNORECASE else "(?:{})").format(widen(p.pattern)) for p in patterns]
        source = ("(?s:.*?)(?:" + "|".join(parts) + ")").encode()  # UTF-8, RE2's own encoding: see Prefilter
        prefilter = _re2.compile(source, _options(BASE_MEMORY))
        if prefilter.programsize > LARGE_PROGRAM:
            # A rule whose vocabulary makes a large program thrashes its DFA cache at the base
            # budget: RE2 drops the cache and rebuilds states on almost every sentence (30-80 µs a
            # call instead of 2-3 µs, measured on the shipped packs). Such a rule gets a larger one.
            prefilter = _re2.compile(source, _options(LARGE_MEMORY))
    except Exception:  # re2.error, or a construct widen() cannot spell: the rule runs its patterns
        return None
    return Prefilter(prefilter)


def _direct_match_available() -> bool:
    """Whether this google-re2 exposes the C++ `RE2::Match` behind its wrapper (asked once, at import).

    Why ask it directly: the wrapper's `match` builds a generator and a match object around that one
    call; a scan asks about thirty prefilter questions per reply and wants only yes or no (2.1 µs a
    question instead of 3.2, measured). The wrapper's own `match` on bytes makes exactly this call with
    the same anchor, so both give the same answer (tested); without the attribute the wrapper is used.
    The call is looked up per question, not stored, so a Prefilter still pickles and copies.
    """
    if _re2 is None or ANCHOR_START is None:
        return False
    try:
        probe = _re2.compile(b"(?s:.*?)x")._regexp.Match
        return bool(probe(ANCHOR_START, b"ax", 0, 2)[0][0] == 0 and probe(ANCHOR_START, b"ab", 0, 2)[0][0] < 0)
    except Exception:  # another google-re2 layout: the wrapper's match it is
        return False


DIRECT = _direct_match_available()


# Memory per rule (program and DFA cache; the cache grows only as states are met). 8 MiB keeps the
# prefilters of the shipped packs at about 50 MB; the few rules too large for it (the AI-notice clauses
# with their whole vocabulary) run their patterns directly. Giving the large programs 32 MiB costs
# about +45 MB after 30,000 distinct sentences and makes the full check a quarter faster; giving it to
# every rule would let the too-large ones in too (+200 MB). The line sits where the cache stops
# coping: a 49,000-instruction rule (claims.de/future-feature) took 35-80 µs a call at 8 MiB, most of
# a scan's RE2 time, and 2-3 µs at 32 MiB, with no measurable growth of the process after 8,000 fresh
# replies; the rules below 40,000 took 1-8 µs a call at 8 MiB.
BASE_MEMORY = 8 << 20
LARGE_MEMORY = 32 << 20
LARGE_PROGRAM = 40_000


def _options(max_mem: int) -> Any:
    options = _re2.Options()
    options.log_errors = False
    options.max_mem = max_mem
    return options
