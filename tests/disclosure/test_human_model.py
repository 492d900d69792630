"""The false-human model: the reader reproduces the training, it reads only first-person statements the
rules left alone, and it catches claims no rule lists while the benign near misses stay clean.

The probes below were written for this test (other product kinds than any corpus: mattresses,
heating, insurance, tents, boilers, bicycles) and are in no training file.
"""

from __future__ import annotations

import dataclasses
import json
from importlib import resources
from pathlib import Path
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safe_reply.config_models import ProductLine
from safe_reply.contracts import BuildContext
from safe_reply.types import Category, Context, Span
from safe_reply.validators.disclosure import SPEC, DisclosureValidator, Settings
from safe_reply.validators.disclosure.human_model import (
    MODEL_FILE,
    HumanModel,
    claiming_part,
    features,
    shipped_human_model,
    statement_words,
)
from safe_reply.validators.disclosure.validator import MODEL_RULE_ID

LATER = Context(turn=3)
RAW = json.loads(resources.files("safe_reply.validators.disclosure").joinpath(MODEL_FILE).read_text("utf-8"))
LEAD = {"de": "Danke für Ihre Nachricht. ", "en": "Thanks for your message. "}


def validator(**overrides: object) -> DisclosureValidator:
    ctx = BuildContext(ProductLine(id="ebike"), Path("."), Path("defaults.yaml"), "validators.disclosure")
    built = SPEC.build(Settings.model_validate({"required": "never", **overrides}), ctx)
    assert isinstance(built, DisclosureValidator)
    return built


def test_the_reader_gives_the_scores_the_training_computed() -> None:
    model = shipped_human_model()
    assert len(RAW["samples"]) >= 10
    for text, expected in RAW["samples"]:
        assert model.score(text) == pytest.approx(expected, abs=1e-5), text[:60]
    # Never trained on the sets that measure transfer (round 10's first-sight sets r14-r17, kept out by the
    # training script's NEVER though they sit in benchmarks/firstsight).
    assert set(RAW["trained_on"]["companies"]).isdisjoint({"r14", "r15", "r16", "r17"})
    assert model.threshold == 0.9


def test_inflected_forms_meet_in_one_stem_and_glue_words_are_no_features() -> None:
    assert features("Ich habe es montiert") & features("ich montiere es") >= {"montier"}
    assert features("I cooked it") & features("I cook it") >= {"cook"}
    assert features("on this") == set()
    assert features("on this mattress") == {"mattres", "this mattres"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Ich war gestern dort.", ["ich", "war", "gestern", "dort"]),
        ("I'm at home.", ["i", "m", "at", "home"]),
        ("Waren Sie schon dort, wo ich im Urlaub war?", None),  # a question: not judged
        ("Der Akku hält 60 km.", None),  # no first person
        ("Passt das zu meinem Rad?", None),
    ],
)
def test_only_first_person_statements_are_judged(sentence: str, expected: list[str] | None) -> None:
    assert statement_words(sentence) == expected


@pytest.mark.parametrize(
    ("lang", "claim"),
    [
        ("de", "Ich hatte gestern Abend Besuch von der ganzen Verwandtschaft."),
        ("de", "Unsere Wärmepumpe im Keller brummt bei mir kaum hörbar."),
        ("de", "Ich war früher selbst Versicherungsmakler und kenne die Tücken."),
        ("de", "Keine Sorge, hier antwortet kein Automat, sondern ich persönlich."),
        ("de", "Ich war früher Kellnerin und kenne das."),
        ("de", "Ich bin früher jeden Winter mit diesen Skiern gefahren."),
        ("en", "I took the tent to Scotland last August and it stayed bone dry."),
        # (The rules read "Back when I worked in a bike shop" since round 17: a workplace after "worked".)
        ("en", "When I was still fixing bikes, we fitted these all the time."),
        ("en", "I sanded the deck with this one last summer."),
        ("en", "Honestly, I fell off this scooter the first week I had it."),
        ("en", "I skied on these every winter when I was younger."),
    ],
)
def test_the_model_finds_claims_no_rule_lists(lang: str, claim: str) -> None:
    text = LEAD[lang] + claim
    assert validator(false_human_model=False).detect(text, LATER) == []  # the rules miss these
    [finding] = validator().detect(text, LATER)
    assert finding.rule_id == MODEL_RULE_ID
    assert finding.category is Category.FALSE_HUMAN
    assert finding.span == Span(len(LEAD[lang]), len(text))
    assert finding.legal_basis == "UWG §5 Abs. 1; AI Act Art. 50 Abs. 1"
    assert finding.fix is not None
    assert text[: finding.fix.span.start] + finding.fix.text + text[finding.fix.span.end :] == LEAD[lang].rstrip()
    cues = finding.details["cues"].split(" | ")
    assert 1 <= len(cues) <= 4
    assert all(cue in claim.lower() for cue in cues)
    assert all(f"„{cue}“" in finding.message.de and f"„{cue}“" in finding.message.en for cue in cues)
    assert float(finding.details["probability"]) >= 0.9


@pytest.mark.parametrize(
    "text",
    [
        "Ich habe Ihre Bestellung gefunden und die Lieferadresse geändert.",
        "Ich habe nachgesehen: Die Kommode ist ab Lager lieferbar.",
        "Ich empfehle Ihnen für Ihren Keller die Variante mit Kondensatpumpe.",
        "Ich habe Ihre Anfrage an unsere Techniker weitergeleitet, die melden sich morgen.",
        "Ich kann das Serum leider nicht selbst ausprobieren.",
        "Ich habe mir Ihre Fotos angesehen: Der Riss liegt an der Naht.",
        "Mein Vorschlag: Nehmen Sie die Größe M.",
        "Ich kümmere mich darum, dass ein Kollege Sie morgen anruft.",
        "Ich bin für Fragen zur Montage jederzeit erreichbar.",
        "Ich habe die Daten Ihrer Anlage geprüft, der Wechselrichter meldet keinen Fehler.",
        "I've checked your order and the tent ships tomorrow.",
        "I can't try the moisturiser myself, but reviewers mention dry patches.",
        "I've looked up the warranty terms for your boiler.",
        "I've flagged this for a colleague who will call you tomorrow.",
        "I'm here to help with returns, orders and deliveries.",
        "My recommendation would be the larger tent.",
        "Let me check whether the litter comes in a 20 l bag.",
        "In my opinion the smaller tent is the better buy.",
    ],
)
def test_what_a_bot_may_say_of_itself_stays_clean(text: str) -> None:
    assert validator().detect(text, LATER) == []


def test_a_sentence_a_rule_read_is_left_to_the_rules_and_the_switch_turns_the_model_off() -> None:
    # A hand-made model that is sure of one word: the wiring, exactly.
    model = HumanModel(MappingProxyType({"urlaub": 10.0}), -3.0, 0.9)
    sure = dataclasses.replace(validator(), human_model=model)
    # The first sentence is a notice and nothing else (what it leaves over is read: test_review_r11.py).
    text = "Ich bin der KI-Assistent und plane gern. Ich helfe beim Urlaub."
    [finding] = sure.detect(text, LATER)
    assert finding.span == Span(41, len(text))
    assert finding.details == MappingProxyType({"probability": "0.999", "cues": "urlaub"})
    assert sure.detect("Buchen Sie Ihren Urlaub früh.", LATER) == []  # no first person
    assert sure.detect("Ich helfe beim Urlaub?", LATER) == []  # a question
    assert validator(false_human_model=False).human_model is None


def test_a_score_carried_by_function_words_alone_is_no_finding() -> None:
    # A hand-made model sure of "mein" and "my" (function words, never named as cues) and of "urlaub".
    model = HumanModel(MappingProxyType({"mein": 10.0, "my": 10.0, "zorbak": 10.0}), -3.0, 0.9)
    sure = dataclasses.replace(validator(), human_model=model)
    assert sure.detect("Mein herzliches Beileid.", LATER) == []
    assert sure.detect("My sincere condolences.", LATER) == []
    [finding] = sure.detect("Mein Zorbak ist rot.", LATER)
    assert finding.span == Span(0, 20)
    assert finding.details == MappingProxyType({"probability": "1.000", "cues": "zorbak"})
    # The shipped model on a real incident's condolence (r17): no finding without a cue word.
    assert validator().detect("Mein herzliches Beileid. Wir buchen Ihren Flug gern um.", LATER) == []


def test_a_broken_model_file_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="threshold"):
        HumanModel.from_json({"weights": {}, "intercept": 0.0, "threshold": 1.5})
    with pytest.raises(ValueError, match="weights"):
        HumanModel.from_json({"weights": [], "intercept": 0.0, "threshold": 0.9})


WORDS = st.sampled_from(
    "Ich ich habe war bin gestern Urlaub mein meine Hund Lager Werkstatt I I'm my was yesterday home "
    "Sie Ihnen you the der die und and nicht not ? . ! , \n Akku Rad tent".split(" ")
)


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=40).map(" ".join))
def test_every_model_finding_is_a_first_person_statement_of_the_reply(text: str) -> None:
    for finding in validator().detect(text, LATER):
        if finding.rule_id != MODEL_RULE_ID:
            continue
        assert finding.span is not None
        sentence = text[finding.span.start : finding.span.end]
        assert statement_words(sentence) is not None
        fix = finding.fix
        if fix is not None:
            assert fix.text == ""
            assert fix.span.start <= finding.span.start < finding.span.end <= fix.span.end


PROBES = [
    line.split("\t", 1)
    for name in ("false_human_probes.tsv", "false_human_probes_r10.tsv", "false_human_probes_r11.tsv")  # rounds 9-11
    for line in (Path(__file__).parent / name).read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]


@pytest.mark.parametrize(("label", "sentence"), PROBES)
def test_probes_rules_and_model_together(label: str, sentence: str) -> None:
    text = "Gern. " + sentence
    found = [f for f in validator().detect(text, LATER) if f.category is Category.FALSE_HUMAN]
    if label == "-":
        assert found == []
    else:
        assert [f.span for f in found] == [Span(6, len(text))]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ich habe den Kaffee natürlich nie selbst probiert.",
        "Ich habe die Maschine nicht selbst getestet.",  # the product's machine: no denial of being one
        "I have never been to the showroom in Leipzig myself.",
        "I haven't tried the blue one on a long ride.",
    ],
)
def test_a_negated_statement_is_left_to_the_rules(sentence: str) -> None:
    # Stems cannot tell "I tried it" from "I never tried it": the model reads no negated sentence.
    assert statement_words(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "denial"),
    [
        ("Keine Sorge, hier antwortet kein Automat, sondern ich persönlich.", "kein automat"),
        ("No, I'm not a bot, I'm Jan from the workshop.", "not a bot"),
        ("Ich bin keine echte KI, ich sitze hier im Büro.", "keine echte ki"),
    ],
)
def test_a_denial_of_being_a_machine_is_still_read(sentence: str, denial: str) -> None:
    # There the negation is the claim: a negation right before a machine word keeps the sentence.
    words = statement_words(sentence)
    assert words is not None
    assert denial in " ".join(words)


@pytest.mark.parametrize(
    "sentence",
    [
        "On my end the parcel shows as delivered.",
        "Ich melde mich morgen früh mit einer Antwort.",
        "My suggestion: take the bigger one.",
        "Let me summarise: the order shipped yesterday.",
    ],
)
def test_a_bots_follow_up_and_system_view_are_no_claim(sentence: str) -> None:
    assert validator().detect(LEAD["de"] + sentence, LATER) == []


def test_a_disguised_reply_gets_one_finding_per_statement() -> None:
    # The scan reads a disguised reply in its normalised view, whose sentences need not be this index's
    # (a zero-width space before the first word). A statement a rule read is not judged again.
    text = "\u200bIch war gestern mit meiner Familie im Urlaub. Die Lieferung kommt am Montag."
    found = [f for f in validator().detect(text, LATER) if f.category is Category.FALSE_HUMAN]
    assert len(found) == 1
    assert found[0].rule_id != MODEL_RULE_ID


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_a_model_file_with_a_non_finite_weight_is_rejected(bad: float) -> None:
    raw = {"weights": {"urlaub": 1.0, "gestern": bad}, "intercept": -2.0, "threshold": 0.9}
    with pytest.raises(ValueError, match=r"weights\['gestern'\] must be a finite number"):
        HumanModel.from_json(raw)
    with pytest.raises(ValueError, match="'intercept' must be a finite number"):
        HumanModel.from_json({**raw, "weights": {"urlaub": 1.0}, "intercept": bad})


@pytest.mark.parametrize(
    "text",
    [
        "Danke. Sie schreiben: „Ich habe das Rad letzten Sommer gekauft und bin damit am Gardasee gefahren.“ "
        "Das tut mir leid, ich prüfe den Rahmen.",
        'Thanks. You wrote: "I bought the tent last summer and took it to Scotland." I can start a return.',
        "You mentioned “my kids use it every day” – the frame is rated for 120 kg.",
        "Ihre Frage war: »Mein Hund frisst das Futter nicht, was tun?« Probieren Sie die kleinere Kroketten-Größe.",
    ],
)
def test_the_customers_quoted_words_are_no_claim_of_the_bot(text: str) -> None:
    assert validator().detect(text, LATER) == []


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        # A scare quote of one or two words stays part of the bot's own statement.
        (
            "Gern. Ich war gestern selbst im „Lager“ und habe nachgesehen.",
            "Ich war gestern selbst im „Lager“ und habe nachgesehen.",
        ),
        # The bot's own claim next to a quote is still its own.
        (
            'You wrote "the zip broke on day two". I had the same jacket on my hike in Wales last year.',
            "I had the same jacket on my hike in Wales last year.",
        ),
    ],
)
def test_a_claim_beside_a_quote_is_still_found(text: str, claim: str) -> None:
    found = [f for f in validator().detect(text, LATER) if f.category is Category.FALSE_HUMAN]
    start = text.index(claim)
    assert [f.span for f in found] == [Span(start, start + len(claim))]


def test_a_clause_after_a_dash_semicolon_or_emoji_is_judged_on_its_own() -> None:
    # The whole sentence scores under the threshold (the router talk dilutes the mean); its second clause
    # is a claim of its own.
    model = shipped_human_model()
    claim = "I grabbed a coffee from the canteen and I'm back now."
    text = "The router supports Wi-Fi 6, four LAN ports and a guest network; " + claim
    assert model.judge(text).probability < model.threshold
    assert claiming_part(model, text) == claim
    found = validator().detect(text, LATER)
    assert [(f.rule_id, f.span) for f in found] == [(MODEL_RULE_ID, Span(0, len(text)))]


@pytest.mark.parametrize(
    "text",
    [
        "Ich habe Ihre Bestellung geprüft – das Paket ist unterwegs und kommt morgen 📦",
        "I've checked your order – the parcel is on its way 📦 I'll send the tracking link by email.",
        "Fahren Sie auch so gern Rad wie ich – jeden Sonntag an den See?",  # a question in every clause
    ],
)
def test_clauses_of_a_bots_statement_or_a_question_stay_clean(text: str) -> None:
    assert claiming_part(shipped_human_model(), text) is None
    assert validator().detect(text, LATER) == []
