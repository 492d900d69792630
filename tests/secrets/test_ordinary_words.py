"""Codenames that are also ordinary words (`ordinary_word: true`, `context: [...]`): the bird, the
coffee foam and the hair dryer pass; the name ("Projekt Kranich", "Crema-Plattform", „Crema“) and
every disguise are leaks. German first, then English; exact spans and the finding's evidence."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safe_reply.types import Context
from safe_reply.validators.trade_secrets import TradeSecretValidator
from safe_reply.validators.trade_secrets.context import DEFAULT_NAME_CUES_DE, DEFAULT_NAME_CUES_EN

from .conftest import make_validator

ORDINARY_TERMS: list[dict[str, Any]] = [
    {
        "term": "Kranich",
        "kind": "codename",
        "ordinary_word": True,
        "allowed": ["Kranichstein"],
        "aliases": ["Project Crane"],
    },
    {"term": "Crema", "kind": "codename", "ordinary_word": True},
    {"term": "Föhn", "kind": "codename", "ordinary_word": True},
    {"term": "Nordlicht", "kind": "codename", "context": ["Espressomaschine"]},
    {"term": "Großglockner", "kind": "codename", "ordinary_word": False},  # every hit counts
]

_validator = make_validator(ORDINARY_TERMS)


def leaks(validator: TradeSecretValidator, text: str) -> list[tuple[int, int, str, str | None]]:
    """(start, end, leaked spelling, evidence) per leak."""
    return [(x.start, x.end, text[x.start : x.end], x.evidence) for x in validator.scan(text)]


ORDINARY_DE = [
    "Im Herbst rasten Tausende Kraniche in der Moorniederung.",
    "Die Kraniche ziehen im Oktober nach Süden.",
    "Für eine schöne, haselnussbraune Crema mahlen Sie die Bohnen feiner.",
    "Bitte trocknen Sie den Frittierkorb nicht mit dem Föhn.",
    "Zum Projekt gehört auch der Kranich.",  # the cue is four words away: outside the window
    "Das Projekt ruht. Kraniche fliegen trotzdem.",  # the cue is in another sentence
    "Das Nordlicht war gestern gut zu sehen.",
    "Ein Kranichschwarm über dem Feld.",  # a compound, but with no cue word
    "Händler in Darmstadt-Kranichstein",  # allowed term
]
ORDINARY_EN = [
    "If the crema looks pale and thin, try a slightly finer grind.",
    "The crema's colour tells you a lot about the roast.",  # an apostrophe is no quote
    "Please don't dry the basket with a Föhn.",
]


@pytest.mark.parametrize("text", ORDINARY_DE + ORDINARY_EN)
def test_ordinary_meaning_is_not_a_leak(text: str) -> None:
    assert leaks(_validator, text) == []


NAMES_DE: list[tuple[str, list[tuple[int, int, str, str | None]]]] = [
    ("Das Projekt Kranich startet.", [(12, 19, "Kranich", "context")]),
    ("Die Entwicklung des Kranichs läuft.", [(20, 28, "Kranichs", "context")]),
    ("Zum Projekt gehört der Kranich.", [(23, 30, "Kranich", "context")]),  # three words: inside
    ("Der Nachfolger heißt Föhn.", [(21, 25, "Föhn", "context")]),
    ("Die Vorstellung des Föhns ist im Frühjahr.", [(20, 25, "Föhns", "context")]),
    ("Die Kraniche sind intern schon fertig.", [(4, 12, "Kraniche", "context")]),
    ("Die Crema-Plattform kommt.", [(4, 9, "Crema", "compound")]),
    ("Die Cremaplattformen kommen.", [(4, 9, "Crema", "compound")]),
    ("Das Projektkranich-Team tagt.", [(11, 18, "kranich", "compound")]),
    ("Das Kranichprojekt ist bald fertig.", [(4, 11, "Kranich", "compound")]),
    ("Sie läuft unter „Crema“.", [(17, 22, "Crema", "quoted")]),
    ("Sie läuft unter „Neue Crema“ weiter.", [(22, 27, "Crema", "quoted")]),
    ("Der KRANICH fliegt.", [(4, 11, "KRANICH", "disguise")]),
    ("Der Kra\u200bnich fliegt.", [(4, 12, "Kra\u200bnich", "disguise")]),
    ("Der Krаnich fliegt.", [(4, 11, "Krаnich", "disguise")]),  # Cyrillic а
    ("Der K r a n i c h fliegt.", [(4, 17, "K r a n i c h", "disguise")]),
    ("Mit dem Foehn trocknen.", [(8, 13, "Foehn", "disguise")]),  # transliteration counts as disguise
    ("Zu Kr4n1ch gibt es nichts.", [(3, 10, "Kr4n1ch", "disguise")]),
    ("Die Espressomaschine Nordlicht kommt.", [(21, 30, "Nordlicht", "context")]),  # the term's context
    ("Der Großglockner ist ein Berg.", [(4, 16, "Großglockner", None)]),  # no name rule
]
NAMES_EN: list[tuple[str, list[tuple[int, int, str, str | None]]]] = [
    ("Project Crema will launch in spring.", [(8, 13, "Crema", "context")]),
    ("We call it Föhn internally.", [(11, 15, "Föhn", "context")]),
    ("The Crema platform is next.", [(4, 9, "Crema", "context")]),
    ("It ships as the \"Crema\" line.", [(17, 22, "Crema", "quoted")]),
    ("The CREMA is next.", [(4, 9, "CREMA", "disguise")]),
    ("Reversed: amerC.", [(10, 15, "amerC", "disguise")]),
    ("Our Project Crane is next.", [(4, 17, "Project Crane", "context")]),  # the alias names itself
]


@pytest.mark.parametrize(("text", "expected"), NAMES_DE + NAMES_EN)
def test_name_use_is_a_leak(text: str, expected: list[tuple[int, int, str, str | None]]) -> None:
    assert leaks(_validator, text) == expected


def test_base64_of_an_ordinary_word_is_a_leak() -> None:
    """The encoding is the disguise: the decoded word needs no cue ("Crema" -> Q3JlbWE=)."""
    text = "Code: Q3JlbWE= bitte."
    (leak,) = _validator.scan(text)
    assert (leak.start, leak.end, leak.trick) == (6, 14, "base64")


def test_finding_details_name_the_evidence() -> None:
    (finding,) = _validator.detect("Das Projekt Kranich startet.", Context())
    assert finding.details["evidence"] == "context"
    assert finding.details["trick"] == "literal"
    (plain,) = _validator.detect("Der Großglockner ist ein Berg.", Context())
    assert "evidence" not in plain.details


def test_settings_name_cues_and_window() -> None:
    text = "Die Baureihe hat heute einen neuen Kranich."  # "Baureihe" is five words before
    assert leaks(_validator, text) == []
    wide = make_validator(ORDINARY_TERMS, name_window=5)
    assert leaks(wide, text) == [(35, 42, "Kranich", "context")]
    bird = "Der Vogelzug der Kraniche beginnt."
    assert leaks(_validator, bird) == []
    extra = make_validator(ORDINARY_TERMS, name_cues=["Vogelzug"])
    assert leaks(extra, bird) == [(17, 25, "Kraniche", "context")]


def test_with_the_setting_off_every_hit_counts() -> None:
    strict = make_validator([{"term": "Kranich", "kind": "codename", "ordinary_word": False}])
    assert leaks(strict, "Die Kraniche ziehen nach Süden.") == [(4, 12, "Kraniche", None)]


def test_default_cues_are_german_and_english() -> None:
    assert "Projekt" in DEFAULT_NAME_CUES_DE
    assert "Nachfolger" in DEFAULT_NAME_CUES_DE
    assert "project" in DEFAULT_NAME_CUES_EN
    assert "successor" in DEFAULT_NAME_CUES_EN


# German filler: German capitalises every noun, so a capital there says nothing (English: see below).
FILLER = ["Im", "Herbst", "rasten", "viele", "am", "See", "und", "fliegen", "die", "Vögel", "hier"]
CUES = ["Projekt", "Codename", "Plattform", "Nachfolger", "project", "codename", "platform", "successor"]


@settings(max_examples=60, deadline=None)
@given(
    before=st.lists(st.sampled_from(FILLER), max_size=5),
    after=st.lists(st.sampled_from(FILLER), max_size=5),
    cue=st.sampled_from(CUES),
    term=st.sampled_from(["Kranich", "Crema", "Föhn"]),
)
def test_cue_word_next_to_the_term_decides(before: list[str], after: list[str], cue: str, term: str) -> None:
    """Ordinary filler around the term: no leak; the same sentence with a cue word right before
    the term: exactly the term's span."""
    prefix = " ".join(before) + (" " if before else "")
    suffix = (" " if after else "") + " ".join(after) + "."
    assert _validator.scan(prefix + term + suffix) == []
    named = f"{prefix}{cue} {term}{suffix}"
    start = len(prefix) + len(cue) + 1
    assert [(x.start, x.end, x.evidence) for x in _validator.scan(named)] == [(start, start + len(term), "context")]
