"""re2_source: Python patterns in RE2's spelling give the same matches as Python's re (Unicode classes too)."""

from __future__ import annotations

import re

import pytest
import re2

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
