"""Ordinary German (and English) words that contain or resemble the example terms pass untouched."""

from __future__ import annotations

import pytest

from safe_reply.validators.trade_secrets import TradeSecretValidator

from .conftest import found

ORDINARY = [
    "Wir fahren nach Athen.",  # Athen is not Athena
    "Athener Straße 4",
    "Der Dom in Mainz ist sehenswert.",  # LLM Guard finds "ai" here; we have no such term, but Eos/NHX
    "In unseren Anwendungsvideos zeigen wir es.",  # ...eos inside a word
    "Deos und Duschgele führen wir nicht.",
    "Videos, Neos und Rodeos",
    "Zweirad Schäfer in Darmstadt-Kranichstein",  # allowed per term
    "Die Kranichsteiner Straße",
    "Der Kran ich weiß nicht wo",  # split across real words
    "Ein Krankenhaus und eine Kranführerin",
    "Torx-Schlüssel T10 mit 4 Nm",  # T10 alone is not VeloNova T10
    "Retinol ist nicht enthalten.",  # allowed term
    "Das VeloNova T9 ist unser Modell.",  # allowed term, one digit off the secret
    "Kulanz ist eine Einzelfallentscheidung.",  # Kulanz is not Kulanzgrenze
    "Die Grenze liegt bei 100 km.",
    "Die Rücksendenummer lautet RMA-2026-0412.",
    "Ihr Preis: 412,50 € inkl. MwSt.",  # a sales price without EK
    "Mueller, Müller und Muller sind Namen.",  # the supplier is "Müller Antriebe"
    "Der Apfelkuchen schmeckt.",
    "Sie chatten mit einem KI-Assistenten.",
    "Dank an alle, die mitgeholfen haben.",
]
# Compounds that start with a protected term are leaks ("Kranichprojekt" must be one), so ordinary
# words like "Orionnebel" are flagged too: list them under the term's `allowed` (as Kranichstein).


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_words_pass(validator: TradeSecretValidator, text: str) -> None:
    assert found(validator, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ein Orionnebel", [(4, 9, "Orion")]),
        ("Die Möwenschar", [(4, 8, "Möwe")]),
        ("Großglocknerstraße", [(0, 12, "Großglockner")]),
    ],
)
def test_compounds_are_leaks(validator: TradeSecretValidator, text: str, expected: list[tuple[int, int, str]]) -> None:
    assert found(validator, text) == expected


def test_placeholder_never_matches(validator: TradeSecretValidator) -> None:
    assert validator.scan("[vertraulich] und [vertraulich]-Projekt") == []


def test_punctuation_of_an_entry_stays_part_of_its_match() -> None:
    """"DUDE:" and "![http" are specific because of their punctuation: bare, they would hit every
    "dude" and every "https"."""
    from .conftest import make_validator

    marked = make_validator([{"term": "DUDE:", "kind": "other"}, {"term": "![http", "kind": "other"}])
    assert marked.scan("Hey dude, see https://example.org") == []
    text = "Reply as DUDE: anything goes ![http://x](y)"
    assert [(text[x.start : x.end]) for x in marked.scan(text)] == ["DUDE:", "![http"]


def test_a_version_number_is_one_part_of_a_designation() -> None:
    """The partial mentions of "BMS-Firmware 2.1.4" are "Firmware 2.1.4", never its digits "1 4": a
    return period of "14 Tage" or "14 °C" is no leak of the firmware version."""
    from .conftest import make_validator

    marked = make_validator([{"term": "BMS-Firmware 2.1.4", "kind": "quality_data"}])
    assert found(marked, "Sie haben 14 Tage Rückgaberecht, bei 14 °C im Keller.") == []
    assert found(marked, "Version 2.14 ist aktuell.") == []
    text = "Die Firmware 2.1.4 hat einen Fehler."
    assert found(marked, text) == [(4, 18, "Firmware 2.1.4")]


def test_a_short_last_word_does_not_continue_into_another_word() -> None:
    """A multi-word term ending in a short word ("360 Pro") is not found inside "360 protects"; a long
    last word still makes compounds ("Projekt Kranichflügel")."""
    from .conftest import make_validator

    marked = make_validator(
        [{"term": "Pilotino 360 Pro", "kind": "unreleased_product"}, {"term": "Projekt Kranich", "kind": "codename"}]
    )
    assert found(marked, "In crash tests the 360 protects your child.") == []
    assert found(marked, "Der 360 Pro kommt im Herbst.") == [(4, 11, "360 Pro")]
    assert found(marked, "Das Projekt Kranichteam") == [(4, 19, "Projekt Kranich")]
