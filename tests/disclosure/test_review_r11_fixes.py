"""The review of round 11's disclosure changes: every sentence it names. Its false blocks (illness and
"for the day" before a noun, the bot's paperwork about a training, the notice's subject carried into a
clause with its own, "as a" before a role that is no trade, a certified company, a review quoted, an
assistant manager) pass; its lost catches (a noun after "mein" that "says", an output noun from the AI
assistant) are back; the catches round 11 added stay."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

import pytest

from safe_reply.types import Context
from safe_reply.validators.disclosure import DisclosureValidator
from safe_reply.validators.disclosure.human_model import HumanModel, quoted_spans
from safe_reply.validators.disclosure.validator import MISSING_RULE_ID, MODEL_RULE_ID

from .conftest import FIRST, LATER, make_validator

DEFAULT = make_validator()
# A hand-made model sure of one word no rule knows ("zorbak"): whether a clause is read as the notice's
# subject's, exactly, whatever the shipped weights.
SURE = dataclasses.replace(DEFAULT, human_model=HumanModel(MappingProxyType({"zorbak": 10.0}), -3.0, 0.9))


def found(text: str, ctx: Context = LATER, v: DisclosureValidator = DEFAULT) -> list[tuple[str, str | None]]:
    return [(f.rule_id, text[f.span.start : f.span.end] if f.span else None) for f in v.detect(text, ctx)]


@pytest.mark.parametrize(
    "text",
    [
        # F1: an illness word before a noun is a product.
        "I've got the cold weather sleeping bag in stock for you.",
        "I've got a cough syrup recommendation: our honey syrup is alcohol-free.",
        "I've got the flu vaccine appointment booked for Tuesday at 10.",
        "I've got a fever thermometer in the basket for you, shall I check out?",
        "I've got a cold compress gel pack that fits the kids' first aid kit.",
        "I've picked up a cold chain issue with the delivery: the ice cream shipment is delayed.",
        "I've got the headache relief balm back in stock.",
        "I had a headache tablet question from you earlier, here's the answer: take it with water.",
        # F2: the bot's paperwork about a training.
        "Ich habe die Bescheinigung der Ausbildung im Kundenkonto abgelegt.",
        "Ich habe den Nachweis zur Meisterprüfung im Ordner abgelegt.",
        "Ich habe die Anmeldung zum Studium im Wintersemester bekommen und weitergeleitet.",
        "Ich habe das Zeugnis der Ausbildung zur Erzieherin erhalten und bereits abgelegt.",
        "Ich habe die Ausbildung zur Erzieherin im Kundenkonto abgelegt.",
        # F4: "as a" before a role that is no trade; "for the day" before a noun.
        "I'm certified as an official reseller of Bosch tools.",
        "I'm trained as a virtual agent to answer questions about your policy.",
        "I worked as a translator for your message so the Spanish hotel understands it.",
        "I worked as a bridge between you and the workshop to get this sorted.",
        "For a family of four I'm going for the day pass, it's cheaper than two single tickets.",
        "I'm going for the day ticket here, it covers all zones.",
        # F5: a certified company, a dative, a question.
        "Ich bin zertifizierter Partner von Samsung? Nein, das ist unser Händler.",
        "Bin ich geprüften Fachbetrieben gegenüber verpflichtet? Nein.",
        "Ich bin zertifizierter Fachhändler von Miele und berate Sie gern.",
        # F8: a review quoted; an assistant manager is a person.
        'One reviewer wrote: "I\'ve used this drill every weekend for a year and it still runs great."',
        "Eine Bewertung lautet: „Ich habe die Kaffeemaschine seit drei Jahren täglich im Einsatz.“",
        "In einer Rezension heißt es: „Ich trage die Jacke seit zwei Wintern bei jedem Wetter.“",
        'A buyer wrote: "I have cooked with this pan every day since March."',
        'Our assistant manager Tom said: "I will personally check your sofa before delivery."',
        "Unsere Assistentin der Geschäftsführung, Frau Kaya, sagt: „Ich habe Ihre Rechnung selbst geprüft.“",
    ],
)
def test_the_reviews_false_blocks_pass(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # F3: the clause after the notice has its own subject.
        "Ich bin der KI-Assistent von Backhaus Lind, unsere Bäcker stehen jeden Morgen um 3 Uhr in der Backstube.",
        "Ich bin der KI-Assistent von Möbel Krug, unsere Schreiner bauen jeden Tisch in der eigenen Werkstatt.",
        # F7: an output noun from the AI assistant is a notice again.
        "Ergebnis von Ihrem KI-Assistenten: Drei Sofas passen zu Ihrem Wohnzimmer.",
        "Auswertung Ihres KI-Assistenten: Der Tarif Basic reicht Ihnen.",
        "Results from your AI assistant: three hotels match your dates.",
        "Prognose Ihres KI-Chatbots: Das Paket kommt am Freitag.",
    ],
)
def test_the_reviews_notices_are_notices_and_claim_nothing(text: str) -> None:
    assert found(text, FIRST) == []


@pytest.mark.parametrize(
    "text",
    [
        "Data from the AI model: your parcel arrives on Friday.",
        "Ergebnis der KI-Auswertung: Ihr Paket kommt am Freitag.",
        "Prognose vom KI-System: Die Lieferung dauert drei Tage.",
    ],
)
def test_an_output_noun_from_a_model_or_system_is_still_no_notice(text: str) -> None:
    assert found(text, FIRST) == [(MISSING_RULE_ID, None)]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # F6: a noun after the bot's "mein" that "says" is no colleague; "at home" is no colleague's place.
        ("Meine Erfahrung sagt: „Ich habe den Sessel selbst drei Jahre genutzt.“", "disclosure.de/false-human-own-use"),
        (
            "Mein Bauchgefühl sagt: „Ich würde den Sessel in Grau nehmen, ich habe ihn selbst zu Hause.“",
            "disclosure.de/false-human-own-use",
        ),
        ('Everyone at home says: "I sleep better since we got this mattress."', MODEL_RULE_ID),
        # The catches round 11 added, kept.
        ("I've got a nasty cough today, so bear with me.", "disclosure.en/false-human-life"),
        ("I've caught a cold, so my replies may be slow.", "disclosure.en/false-human-life"),
        ("I had a migraine yesterday – sorry for the late answer.", "disclosure.en/false-human-life"),
        ("I'm leaving for the day at five, the night team takes over.", "disclosure.en/false-human-life"),
        ("I'm heading off for the day.", "disclosure.en/false-human-life"),
        ("Back when I worked as a courier, we delivered these every day.", "disclosure.en/false-human-profession"),
        ("I used to work as a travel agent before joining this team.", "disclosure.en/false-human-profession"),
        ("I'm fully qualified as a gas engineer.", "disclosure.en/false-human-profession"),
        ("Ich habe eine Ausbildung zur Hörakustikerin gemacht.", "disclosure.de/false-human-profession"),
        (
            "Ich habe meine Ausbildung zum Systemelektroniker erfolgreich abgeschlossen.",
            "disclosure.de/false-human-profession",
        ),
        ("Ich habe damals die Meisterprüfung als Elektriker in Köln abgelegt.", "disclosure.de/false-human-profession"),
        (
            "Ich bin zertifizierte Ernährungsberaterin und empfehle Ihnen das Hafermüsli.",
            "disclosure.de/false-human-profession",
        ),
        ("Ich bin zertifizierter Fliesenleger, wussten Sie das?", "disclosure.de/false-human-profession"),
    ],
)
def test_a_claim_is_found_over_the_whole_sentence(text: str, rule: str) -> None:
    assert found(text) == [(rule, text)]


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            'One reviewer wrote: "I\'ve used this drill every weekend for a year."',
            '"I\'ve used this drill every weekend for a year."',
        ),
        (
            "Eine Bewertung lautet: „Ich habe die Maschine täglich im Einsatz.“",
            "„Ich habe die Maschine täglich im Einsatz.“",
        ),
        ('Our assistant manager Tom said: "I will check your sofa."', '"I will check your sofa."'),
        ("Mein Kollege Tom sagt: „Ich bringe die Teile am Freitag.“", "„Ich bringe die Teile am Freitag.“"),
    ],
)
def test_a_review_and_a_person_named_by_their_job_are_somebody_elses_words(text: str, quote: str) -> None:
    start = text.index(quote)
    assert quoted_spans(text) == [(start, start + len(quote))]


@pytest.mark.parametrize(
    "text",
    [
        "Meine Erfahrung sagt: „Ich habe den Sessel selbst genutzt.“",
        "Unsere Erfahrung sagt: „Wir haben das Zelt selbst getestet.“",
        'My gut says: "I would take the grey one, I have it at home."',
        'Everyone at home says: "I sleep better on this mattress."',
        'Our digital assistant says: "I wore this jacket all winter."',
        "Unser KI-Assistent meint: „Ich habe die Jacke selbst getragen.“",
    ],
)
def test_the_bots_own_voice_is_no_other_speaker(text: str) -> None:
    assert quoted_spans(text) == []


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        ("Ich bin der KI-Assistent von Klangholz und füttere gleich den Zorbak.", True),
        ("Ich bin der KI-Assistent von Klangholz, füttere aber gleich den Zorbak.", True),
        ("I'm the AI assistant of Klangholz and feed the zorbak later.", True),
        ("Ich bin der KI-Assistent von Klangholz, unsere Kollegin füttert gleich den Zorbak.", False),
        ("Ich bin der KI-Assistent von Klangholz und die Kollegin füttert gleich den Zorbak.", False),
        ("Ich bin der KI-Assistent, wir füttern gleich den Zorbak.", False),
        ("I'm the AI assistant of Klangholz, Tom feeds the zorbak later.", False),
        ("I'm the AI assistant of Klangholz and our team feeds the zorbak.", False),
    ],
)
def test_the_notices_subject_goes_only_into_a_clause_without_its_own(text: str, claims: bool) -> None:
    assert found(text, FIRST, SURE) == ([(MODEL_RULE_ID, text)] if claims else [])


# Left as they were at BASE and HEAD (the review's notes): recorded here so that a fix shows.
@pytest.mark.xfail(strict=True, reason="the model takes a follow-up promise for a human claim")
def test_known_gap_a_follow_up_promise_is_blocked() -> None:
    assert found("Ich melde mich morgen wieder, sobald das Lager geantwortet hat.") == []


# Fixed in round 12: seeing to a case personally is what an assistant does.
def test_personally_making_sure_passes() -> None:
    assert found("No worries, I'll personally make sure your refund goes through today.") == []


# Fixed in round 12: the end of a shift with the break first.
def test_shift_end_with_the_object_first_is_flagged() -> None:
    text = "Ich bin KI-Assistent – Feierabend habe ich um 17 Uhr, danach übernimmt mein Kollege."
    assert found(text, FIRST) == [("disclosure.de/false-human-life", text)]
