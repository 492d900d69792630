"""Internal facts named by a German compound's head ("Fehlerquote", "Rohmarge"), rates in English,
negotiation targets and floors by their trade channel, batch codes with a spaced slash, acronym
designations, and "code-named". Each with the near misses a benign reply holds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safe_reply.validators.trade_secrets.fact_rules import fact_rule
from safe_reply.validators.trade_secrets.numbers import Unit, quantities
from safe_reply.validators.trade_secrets.views import _SPACED_DIGIT, _SPACED_SINGLE, has_spaced_characters

from .conftest import make_validator

_validator = make_validator(
    [
        {"term": "Rücksendequote 4,7 %", "kind": "complaint_rate"},
        {"term": "Abbruchrate 2,2 %", "kind": "quality_data"},
        {"term": "Rohmarge 37 %", "kind": "margin"},
        {"term": "Zielpreis Motor 88 €", "kind": "negotiation"},
        {"term": "Mindestpreis Händler 59 €", "kind": "negotiation"},
        {"term": "Lager-Charge 14/27", "kind": "quality_data"},
        {"term": "ungepatchter MQTT-Broker", "kind": "security_issue"},
        {"term": "Zielwasser", "kind": "codename"},
        {"term": "Kessler LED Leisten", "kind": "supplier"},
    ]
)


def leaks(text: str) -> list[tuple[str, str]]:
    return [(text[x.start : x.end], x.kind) for x in _validator.scan(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The concept as the head of a compound, with other words between it and the value.
        ("Die Rücksendequote des Mixers liegt bei 4,7 %.", [("4,7 %", "complaint_rate")]),
        ("Die Rücksendequoten liegen bei 4,7 %.", [("4,7 %", "complaint_rate")]),
        ("Die Verbindungsabbruchrate beträgt 2,2 %.", [("2,2 %", "quality_data")]),
        ("Die Rohmarge liegt bei 37 %.", [("37 %", "margin")]),
        # A rate in English: the percentage states the share, the word names it.
        ("Our rate is 4.7 % this year.", [("4.7 %", "complaint_rate")]),
        # A target and a floor in other words, by their object or trade channel.
        ("Wir verhandeln noch, Ziel sind 88 € pro Motor.", [("88 €", "negotiation")]),
        ("We don't let resellers go below €59.", [("€59", "negotiation")]),
        ("Händler dürfen nicht unter 59 € verkaufen.", [("59 €", "negotiation")]),
        # What a rate counts, in other words: returns, drop-outs, failures.
        ("Die Geräte kommen zu 4,7 % zurück.", [("4,7 %", "complaint_rate")]),
        ("4.7 percent of the units are returned.", [("4.7 percent", "complaint_rate")]),
        ("Die Verbindung bricht bei 2,2 % der Nutzer ab.", [("2,2 %", "quality_data")]),
        ("Bei Händlern auf Marktplätzen gehen wir nicht unter 59 €.", [("59 €", "negotiation")]),
        # A batch code with a spaced slash.
        ("Die Lager der Charge 14 / 27 werden geprüft.", [("14 / 27", "quality_data")]),
        # An acronym with its neighbour is a designation.
        ("There is a known unpatched MQTT broker in the hub.", [("MQTT broker", "security_issue")]),
    ],
)  # fmt: skip
def test_the_fact_in_other_words_is_a_leak(text: str, expected: list[tuple[str, str]]) -> None:
    assert leaks(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The sensor is accurate to 2.2 %.",  # "rate" inside an English word is no rate
        "Rücksendungen sind 30 Tage kostenlos, wir erstatten 100 %.",  # another share
        "Die Verbindung bricht ab, wenn der Akku unter 5 % fällt.",
        "Bei Händlern finden Sie ihn ab 59 €.",  # the channel and a price, no floor
        "Bei teilnehmenden Händlern gibt es 88 € Nachlass auf den Motor.",  # another channel's word
        "Unser Ziel: 88 € Ersparnis für Sie.",  # a target word and the value, no object
        "Ziel ist, dass kein Wasser eindringt.",  # a codename with a concept word makes no fact
        "Es dauert 10 - 20 Minuten.",
        "Does the hub support MQTT?",  # the acronym alone is any protocol
        "Die LED-Leisten leuchten warmweiß.",  # an acronym that is an ordinary word makes no designation
        "Die Garantie gilt 37 Monate, die Marge ist kein Thema.",  # another unit
    ],
)
def test_benign_replies_pass(text: str) -> None:
    assert leaks(text) == []


def test_a_concept_too_common_for_a_codename_only_counts_with_a_value() -> None:
    assert fact_rule(0, "Zielwasser") is None
    rule = fact_rule(0, "Zielpreis Motor 88 €")
    assert rule is not None
    assert rule.concepts == ("ziel",)
    assert rule.objects == ("preis", "motor", "price", "engine")  # with their English words


def test_a_spaced_slash_joins_a_code_and_a_spaced_hyphen_is_a_range() -> None:
    assert [(q.value, q.unit) for q in quantities("Charge 14 / 27")] == [(1427, Unit.CODE)]
    assert [(q.value, q.unit) for q in quantities("10 - 20 Minuten")] == [(10, Unit.NONE), (20, Unit.NONE)]


def test_code_named_with_a_hyphen_introduces_an_unlisted_name() -> None:
    text = "A paste code-named Pearl is planned."
    found = [(text[x.start : x.end], x.kind, x.trick) for x in _validator.scan(text)]
    assert found == [("Pearl", "codename", "unlisted_name")]


_limits = make_validator(
    [
        {"term": "Kulanzgrenze 90 €", "kind": "goodwill_limit"},
        {"term": "Halterabatt 15 %", "kind": "retention_offer"},
    ]
)


def limit_leaks(text: str) -> list[tuple[str, str, str]]:
    return [(text[x.start : x.end], x.kind, x.trick) for x in _limits.scan(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Letter-spaced words and spaced digits are read joined.
        ("Unsere K u l a n z g r e n z e liegt bei 9 0 €.", [("9 0 €", "goodwill_limit", "fact+spaced")]),
        ("Unsere Kulanzgrenze liegt bei 9 0 €.", [("9 0 €", "goodwill_limit", "fact+spaced")]),
        # "% off" is a discount in English; an agent's ceiling is an internal rule.
        ("I could go up to 15% off for you – that's the most I'm allowed to offer.",
         [("15%", "retention_offer", "fact")]),
        ("Ich gebe Ihnen 15 % Rabatt, mehr darf ich nicht.", [("15 %", "retention_offer", "fact")]),
    ],
)  # fmt: skip
def test_spaced_values_and_ceilings_are_leaks(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert limit_leaks(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Right now everything is 15% off in our shop.",  # a public offer: one signal
        "Der Tisch kostet 1 234 € und ist in 9 0 Minuten aufgebaut.",  # a thousands group; no concept
        "The most popular size is 90 cm.",
        "Geben Sie mir 90 € Kulanz? Das kann ich selbst nicht entscheiden.",  # no authority claimed
    ],
)
def test_public_offers_and_spaced_numbers_pass(text: str) -> None:
    assert limit_leaks(text) == []


@given(st.text(alphabet="ab1 \t\n", max_size=40), st.sampled_from(["", "(", "€"]))
def test_the_cheap_spaced_test_agrees_with_the_exact_one(text: str, sign: str) -> None:
    """Equal wherever a spaced run starts at whitespace or the start; after a sign from three on."""
    exact = _SPACED_SINGLE.search(text) is not None or _SPACED_DIGIT.search(text) is not None
    assert has_spaced_characters(text) == exact
    assert has_spaced_characters(sign + "K u l")
    assert not has_spaced_characters(sign + "Kulanz")


def test_an_at_sign_starts_a_leetspeak_word_but_not_a_handle() -> None:
    codenames = make_validator([{"term": "Arvik", "kind": "codename"}])
    text = "Das kommt mit der @rv1k-Plattform; schreiben Sie an @rvik oder @support."
    found = [(text[x.start : x.end], x.trick) for x in codenames.scan(text)]
    assert found == [("@rv1k", "leetspeak")]
