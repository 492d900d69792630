"""The reply language decides fallbacks, placeholders and notices: German and English function words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safe_reply.lang import _ABBREVIATION_LETTER, _ENGLISH, _GERMAN, _WORD, _counts, detect_language, reply_language
from safe_reply.types import Context, Language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Überwiesen an DE89 3704 0044 0532 0130 00.", Language.DE),  # "an" is German too
        ("Bitte schicken Sie das Gerät an uns zurück.", Language.DE),
        ("Please send the device back to us.", Language.EN),
        ("Okay.", Language.EN),  # nothing to go by: the default
        ("Grüße", Language.DE),  # an umlaut breaks the tie
        # The "I" of the abbreviation "I.E." (internationale Einheiten) is no English "I".
        ("Jeder Tropfen enthält 1.200 I.E. Vitamin D3.", Language.DE),
        ("I think so.", Language.EN),
    ],
)
def test_detect_language(text: str, expected: Language) -> None:
    assert detect_language(text, Language.EN) is expected


def test_the_callers_hint_wins() -> None:
    assert reply_language("Please send it back.", Language.DE, Language.EN) is Language.DE


PIECES = ["I", "E", "a", "u", "z", "B", "d", "h", "é", "Ü", ".", ". ", " ", "\n", "1.200", "the", "und", "ß"]


@given(st.lists(st.sampled_from(PIECES), max_size=20).map("".join))
def test_the_full_stop_gate_changes_no_count(text: str) -> None:
    # The abbreviation letters are removed only where the gate finds a full stop pair; the counts are
    # those of removing them everywhere.
    ungated = _ABBREVIATION_LETTER.sub(" ", text)
    words = frozenset(_WORD.findall(ungated.lower()))
    assert _counts(text) == (len(words & _GERMAN), len(words & _ENGLISH))


def test_context_takes_the_language_as_a_string_too() -> None:
    assert Context(language="de").language is Language.DE  # type: ignore[arg-type]
    assert Context(language=" EN ").language is Language.EN  # type: ignore[arg-type]
    assert Context().language is None


def test_context_rejects_an_unsupported_language() -> None:
    with pytest.raises(ValueError, match="Fix: pass 'de', 'en' or None"):
        Context(language="fr")  # type: ignore[arg-type]
