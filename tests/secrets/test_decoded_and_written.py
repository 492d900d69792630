"""A decoder's guess must not hide a term written plainly: " Punkt " and " dot " between two words are a
defanged dot in a host name, and also just a word. The reply is read both ways; a term found in either
counts, a term found in both is one leak. A fictional vet-practice chain and an internal host."""

from __future__ import annotations

import pytest

from .conftest import make_validator

_VALIDATOR = make_validator(
    [
        {"term": "Tierpunkt", "kind": "key_account"},
        {"term": "Dotmaster", "kind": "codename"},
        {"term": "plm.hofwerk.lan", "kind": "internal_host"},
    ],
    allowed_terms=[],
)

LEAKS = [
    # the key account split at its own word " Punkt ", as written and in capitals
    ("Die Praxiskette Tier Punkt hat das Futter gelistet.", [(16, 26, "Tier Punkt")]),
    ("Die Praxiskette TIER PUNKT hat das Futter gelistet.", [(16, 26, "TIER PUNKT")]),
    ("The vet chain Tier Punkt lists it exclusively.", [(14, 24, "Tier Punkt")]),
    # a codename that starts with the English " dot "
    ("Our next kettle Dot Master ships in May.", [(16, 26, "Dot Master")]),
    # the host still decoded; one leak, not two
    ("Die Daten liegen auf plm Punkt hofwerk Punkt lan.", [(21, 48, "plm Punkt hofwerk Punkt lan")]),
    ("Data is on plm dot hofwerk dot lan.", [(11, 34, "plm dot hofwerk dot lan")]),
]
QUIET = [
    "Die Praxis am Punkt hat geöffnet.",
    "Wir kommen auf den Punkt: der Preis ist fair.",
    "Put a dot on the map where you live.",
]


@pytest.mark.parametrize(("text", "expected"), LEAKS)
def test_a_term_hidden_by_a_decoders_guess_is_found(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert [(leak.start, leak.end, text[leak.start : leak.end]) for leak in _VALIDATOR.scan(text)] == expected


@pytest.mark.parametrize("text", QUIET)
def test_the_word_itself_is_no_leak(text: str) -> None:
    assert _VALIDATOR.scan(text) == []
