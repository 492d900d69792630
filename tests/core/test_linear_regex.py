"""re2_source: Python patterns in RE2's spelling give the same matches as Python's re (Unicode classes too)."""

from __future__ import annotations

import re

import pytest
import re2
from hypothesis import given, settings
from hypothesis import strategies as st

from safe_reply.linear_regex import re2_source

TEXT = "Größe 12 mm, Ticket LWB-٤٢١٠ und lwb-4711; Straße\u00a0Nr.\u2003 7, Ende"


def _compiled(pattern: str, ignore_case: bool) -> re2._Regexp:
    options = re2.Options()
    options.case_sensitive = not ignore_case
    return re2.compile(re2_source(pattern), options)


@pytest.mark.parametrize(
    "pattern",
    [r"\w+", r"\d+", r"\s+", r"\W+", r"[\w-]+", r"[^\w\s]+", r"LWB-\d{4}", r"\u00dfe", r"e\Z", r"Gr[öo]\S+"],
)
@pytest.mark.parametrize("ignore_case", [False, True])
def test_the_same_matches_as_python_re(pattern: str, ignore_case: bool) -> None:
    expected = [(m.start(), m.end()) for m in re.finditer(pattern, TEXT, re.IGNORECASE if ignore_case else 0)]
    assert expected  # every pattern matches something here
    assert [(m.start(), m.end()) for m in _compiled(pattern, ignore_case).finditer(TEXT)] == expected


def test_widened_drops_what_only_narrows_a_match() -> None:
    # Lookarounds and word boundaries go, an atomic group becomes plain: a superset of the matches.
    assert re2_source(r"\bab(?=c)(?>d)", widen=True) == "ab(?:d)"


def test_a_named_character_escape_has_no_re2_spelling() -> None:
    with pytest.raises(ValueError, match=re.escape(r"a named character escape (\N{...})")):
        re2_source(r"\N{EM DASH}")


# Every class escape, bare, in a class and in a negated class, next to literals and other classes.
WIDE_PATTERNS = [
    r"\w", r"\W", r"\d", r"\D", r"\s", r"\S", r"[\w-]", r"[\W]", r"[^\W\d_]", r"[^\w\s]", r"[^\s]", r"[\d.,]",
    r"[^\D]", r"[^\S]", r"a\s+b", r"\d+\s?€", r"[^\W\d_]{2}\d", r"x[^\w]y", r"\S\W\D",
]  # fmt: skip
# ASCII, Latin-1 and wider letters, digits of other scripts, every kind of space, controls, marks.
WIDE_ALPHABET = "aZ_09٤\u0660ßüΩжア \t\n\x0b\x0c\r\x1c\x1f\x85\u00a0\u2003\u3000-.,€\u0308\u200b🙂"


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(WIDE_PATTERNS), st.text(alphabet=WIDE_ALPHABET, max_size=12), st.booleans())
def test_a_widened_pattern_matches_wherever_python_matches(pattern: str, text: str, ignore_case: bool) -> None:
    """The prefilter's spelling (compact classes that count everything beyond ASCII as a letter, digit
    and space) may say "maybe" more often, never "no" where Python's re finds a match."""
    options = re2.Options()
    options.case_sensitive = not ignore_case
    widened = re2.compile(re2_source(pattern, widen=True).encode(), options)
    if re.search(pattern, text, re.IGNORECASE if ignore_case else 0):
        assert widened.search(text.encode()) is not None


def test_widened_classes_are_small_automata() -> None:
    # \p{L} compiles into hundreds of UTF-8 byte ranges; the widened spelling is exact in Latin-1 only.
    assert re2.compile(re2_source(r"[^\W\d_]+\s\w+", widen=True).encode()).programsize < 150
    assert re2.compile(re2_source(r"[^\W\d_]+\s\w+").encode()).programsize > 1000
