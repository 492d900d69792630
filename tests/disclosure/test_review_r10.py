"""Round 10's review of the disclosure changes: a colleague handed over by role and name is no persona,
a speaker tag is no notice unless a policy opts in, a quote is exempt only as somebody else's words (found
in one linear pass), and a machine word that names a person's field is no denial."""

from __future__ import annotations

import pytest

from safe_reply.types import Category, Context
from safe_reply.validators.disclosure import DisclosureValidator
from safe_reply.validators.disclosure.human_model import quoted_spans

from .conftest import FIRST, LATER, make_validator

validator = make_validator


DEFAULT = validator()
TAGS = validator(speaker_tag=True)


def spans(text: str, ctx: Context = LATER, v: DisclosureValidator = DEFAULT) -> list[tuple[Category, str | None]]:
    return [(f.category, text[f.span.start : f.span.end] if f.span else None) for f in v.detect(text, ctx)]


# --- 1. a colleague with a role and a name ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hier ist Ihr Ansprechpartner Thomas Weigl: Telefon 0911 4711 20.",
        "Hier ist Ihre Ansprechpartnerin Petra Vogel zu erreichen: petra@example.com.",
        "Here is your account manager, Sarah Collins: sarah.collins@example.com, +49 89 1234 567.",
        "This is your contact Tom Becker's email: tom@example.com.",
        "Here is your technician Tom's report from Monday.",
        "It's your specialist Anna who decides on the refund.",
        "It's your technician Tom who will install the wallbox on Monday.",
        "Your advisor Tom here in the Munich store will call you.",
        "Ihr Berater Thomas hier in der Filiale Nürnberg meldet sich.",
        "Ihre Technikerin Anna hier vor Ort tauscht den Akku.",
        "Hier ist Ihr Techniker Thomas zuständig – er kommt am Dienstag.",
        "Hello again, Tom here is your tracking link.",
        # Our own: the same hand-overs in other words.
        "Hier spricht Ihr Reiseberater Jonas Hartmann nicht mehr mit Ihnen, er ist im Ruhestand.",
        "This is your advisor Tom, who will call you on Monday.",
        "This is your account manager Sarah Collins: she is back on Monday.",
        "Ich bin Ihr Ansprechpartner Thomas' Vertretung bis Freitag.",
        "Your technician Tom here at the counter has the part.",
    ],
)
def test_a_colleague_handed_over_by_role_and_name_is_no_persona(text: str) -> None:
    assert spans(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Grüß Gott, hier spricht Ihr Energieberater Markus Lenz.",
        "This is your account manager, Sarah Collins.",
        "Your travel advisor Tom here!",
        "Your advisor Tom here from the Munich store.",
        "Ihr Berater Thomas hier vom Service.",
        "Hello again, Tom here.",
    ],
)
def test_the_bot_introduced_by_role_and_name_is_still_a_persona(text: str) -> None:
    assert spans(text) == [(Category.FALSE_HUMAN, text)]


# --- 2. a speaker tag ----------------------------------------------------------------------------------

TAG_LOOKALIKES = [
    "AI: artificial intelligence features of the camera include face detection and night mode.",
    "KI: Das bedeutet bei uns, dass die Kamera Personen erkennt.",
    "AI: yes, the A2 has it. Face detection works offline.",
    "AI: no, the budget model has no smart detection.",
    "KI : ja, das Modell hat KI-Erkennung.",
    "A.I.: that's the short form of artificial intelligence.",
    '"AI: on" means the detection mode is active in the app.',
    "- AI: face detection, pet detection\n- Storage: 32 GB",
    # Our own.
    "AI: Yes, the A2 has it.",
    "KI: Nein, das Einstiegsmodell hat keine Erkennung.",
    "KI: Steht bei uns für die Personenerkennung der Kamera.",
    "AI: Means the camera detects people and pets.",
    "AI: Face detection, pet detection\nStorage: 32 GB\nBattery: 6 months",
]


@pytest.mark.parametrize("text", TAG_LOOKALIKES)
def test_a_tag_lookalike_leaves_the_notice_missing(text: str) -> None:
    assert spans(text, FIRST) == [(Category.MISSING_DISCLOSURE, None)]
    assert spans(text, FIRST, TAGS) == [(Category.MISSING_DISCLOSURE, None)]


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "AI: Hi, I'm Sarah from the support team. Your parcel left today.",
            "AI: Hi, I'm Sarah from the support team.",
        ),
        (
            "KI: Hallo, ich bin Anna aus dem Kundenservice. Ihr Paket ist unterwegs.",
            "KI: Hallo, ich bin Anna aus dem Kundenservice.",
        ),
    ],
)
def test_without_the_opt_in_a_tag_does_not_allow_a_persona(text: str, claim: str) -> None:
    assert spans(text, LATER) == [(Category.FALSE_HUMAN, claim)]


# --- 3. quotes: only somebody else's words are exempt, paired left to right ----------------------------


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            'The "Pro" model is great. I ride mine to work every day and my kids love the "Eco" mode.',
            'I ride mine to work every day and my kids love the "Eco" mode.',
        ),
        (
            'I ride the "City" to work every day myself, the "Trail" is for weekends.',
            'I ride the "City" to work every day myself, the "Trail" is for weekends.',
        ),
        (
            'As I always tell customers: "I ride this bike to work every day myself."',
            'As I always tell customers: "I ride this bike to work every day myself."',
        ),
        (
            "Wie ich immer sage: „Ich fahre das Rad selbst jeden Tag zur Arbeit.“",
            "Wie ich immer sage: „Ich fahre das Rad selbst jeden Tag zur Arbeit.“",
        ),
        (
            "Ehrlich gesagt: „Ich bin kein Bot, sondern Thomas aus dem Service.“",
            "Ehrlich gesagt: „Ich bin kein Bot, sondern Thomas aus dem Service.“",
        ),
    ],
)
def test_a_claim_between_or_inside_the_bots_own_quotes_is_found(text: str, claim: str) -> None:
    found = [(c, s) for c, s in spans(text) if c is Category.FALSE_HUMAN]
    assert found == [(Category.FALSE_HUMAN, claim)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('The "Pro" model is great. I ride mine and the "Eco" mode.', []),
        ('You wrote: "I bought the tent last summer." Thanks.', [(11, 43)]),
        ("Sie schreiben: „Ich habe das Rad gekauft.“ Danke.", [(15, 42)]),
        ("Wie ich immer sage: „Ich fahre das Rad selbst.“", []),
        ('Der Kunde schrieb uns: "Ich fahre das Rad jeden Tag" – genau dafür.', [(23, 52)]),
        ('As we tell customers: "I ride it every day."', []),
        ("Ihre Frage war: »Mein Hund frisst nicht, was tun?« Gern.", [(16, 50)]),
        ("Sie schreiben: „zwei Wörter“ und mehr.", []),  # a scare quote
        ("Sie schreiben: „Ich habe\ndas Rad gekauft.“", []),  # a line ends an unclosed quote
    ],
)
def test_quoted_spans(text: str, expected: list[tuple[int, int]]) -> None:
    assert quoted_spans(text) == expected


def test_quoted_spans_is_linear_on_unclosed_opening_marks() -> None:
    # Each opening mark once scanned to the end of the line (203 ms for 18,000 characters, 3.1 s for a
    # 48,000-character reply); one pass over the marks answers at once, and exactly.
    assert quoted_spans("„ a b " * 3000) == []
    assert quoted_spans("Sie schreiben: " + "“ a b " * 8000) == []
    closed = "Sie schreiben: „a b c“ " * 2000
    assert quoted_spans(closed) == [(15 + 23 * i, 22 + 23 * i) for i in range(2000)]


@pytest.mark.parametrize(
    "text",
    [
        'Der Kunde schrieb uns: "Ich fahre das Rad jeden Tag zur Arbeit" – genau dafür ist das Modell gebaut.',
        "My colleague from the workshop said “I checked it myself yesterday” – so no need to worry.",
        "Sie schreiben: „Ich war letzte Woche mit dem Rad am Gardasee.“ Das klingt schön, die Kette prüfen wir.",
    ],
)
def test_somebody_elses_quoted_words_stay_exempt(text: str) -> None:
    assert spans(text) == []


def test_a_long_reply_of_opening_marks_is_judged_not_errored() -> None:
    text = "Ich bin Thomas. Ich habe das geprüft " + "“ a b " * 8000
    assert spans(text) == [(Category.FALSE_HUMAN, "Ich bin Thomas.")]


# --- 5. a machine word that names a person's field -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I'm honestly not a software engineer, but the app log shows the error.",
        "I'm obviously not an AI researcher, but the camera's detection runs offline.",
        "I'm really no robot vacuum specialist – the manual lists the filter size.",
        "I'm definitely not a computer expert, but a restart usually fixes this.",
        "Ich bin ehrlich gesagt kein Software-Experte, aber das Update behebt den Fehler.",
        "Ich bin hier leider kein KI-Experte, aber die Erkennung läuft lokal.",
        "Ich bin auch keine Roboter-Spezialistin, aber der Filter passt.",
        # Our own.
        "I'm admittedly not a machine learning expert, but the app explains the settings.",
        "Ich bin wirklich kein Computerfachmann, aber ein Neustart hilft oft.",
        "I'm honestly not a big robot fan myself, but the reviews are good.",
    ],
)
def test_a_machine_word_naming_a_persons_field_is_no_denial(text: str) -> None:
    assert [c for c, _ in spans(text)] == []


@pytest.mark.parametrize(
    "text",
    ["I'm honestly not a bot.", "Ich bin ehrlich gesagt kein Bot.", "I'm definitely not an AI assistant."],
)
def test_a_denial_with_an_adverb_is_still_found(text: str) -> None:
    assert spans(text) == [(Category.FALSE_HUMAN, text)]
