"""Second review of round 11: the echo check must not hide the bot's own claims. A question the bot answers itself
with a yes asserts it; a tag question ("…, wussten Sie das?", "…, right?") is on the bot's own statement; a report
of what the customer wrote ends with its clause ("Sie schreiben von X, und das Fjell heilt X" asserts the second
half); a confirming frame ("Sie haben richtig gelesen", "You heard right") and a boast ("I can't say it often
enough") are no correction. A real echo that the next sentence corrects stays quiet."""

from __future__ import annotations

import pytest

from safe_reply.types import Context
from safe_reply.validators.claims import ClaimsValidator

from .conftest import flagged, make
from .test_review_r11_service import DE, EN, LINE


@pytest.fixture(scope="module")
def sofa() -> ClaimsValidator:
    return make(LINE)


BACK_PAIN = "Sie schreiben von Rückenschmerzen, und das Fjell heilt Rückenschmerzen nachweislich."
ASSERTED = [
    (
        "Ist das Sofa absolut schadstofffrei? Natürlich!",
        DE,
        [
            ("claims.de/absolute-safety", "Ist das Sofa absolut schadstofffrei?"),
            ("claims.de/free-from", "Ist das Sofa absolut schadstofffrei?"),
        ],
    ),
    (
        "Is it the best sofa on the market? Absolutely.",
        EN,
        [("claims.en/superlative", "Is it the best sofa on the market?")],
    ),
    (
        "Das Widerrufsrecht beträgt bei uns 60 Tage, wussten Sie das? Nein? Jetzt wissen Sie es.",
        DE,
        [("claims.de/withdrawal-period", "Das Widerrufsrecht beträgt bei uns 60 Tage, wussten Sie das?")],
    ),
    (
        "This is the best sofa on the market, did you know? No? Then try it yourself.",
        EN,
        [("claims.en/superlative", "This is the best sofa on the market, did you know?")],
    ),
    (
        "Sie haben richtig gelesen, das Fjell ist das bequemste Sofa auf dem Markt.",
        DE,
        [("claims.de/superlative", "Sie haben richtig gelesen, das Fjell ist das bequemste Sofa auf dem Markt.")],
    ),
    (
        "You heard right, the Fjell is the best sofa on the market.",
        EN,
        [("claims.en/superlative", "You heard right, the Fjell is the best sofa on the market.")],
    ),
    (
        BACK_PAIN,
        DE,
        [("claims.de/health", BACK_PAIN), ("claims.de/test-seal", BACK_PAIN)],
    ),
    (
        "You asked whether it is safe, and yes, it is 100% safe for children.",
        EN,
        [
            ("claims.en/spec-figure", "You asked whether it is safe, and yes, it is 100% safe for children."),
            ("claims.en/absolute-safety", "You asked whether it is safe, and yes, it is 100% safe for children."),
        ],
    ),
    (
        "Das Fjell ist das bequemste Sofa auf dem Markt, nicht wahr? Das kann ich nicht oft genug sagen.",
        DE,
        [("claims.de/superlative", "Das Fjell ist das bequemste Sofa auf dem Markt, nicht wahr?")],
    ),
    (
        "The Fjell is the best sofa on the market, right? I can't say it often enough.",
        EN,
        [("claims.en/superlative", "The Fjell is the best sofa on the market, right?")],
    ),
]
ECHOED = [
    # a yes that states what holds is its own statement (backed or not on its own), not the question's
    ("Is it the widest one on the market? Yes – the Fjell is 230 cm wide.", EN),
    ("Das Widerrufsrecht beträgt 30 Tage? Nein, gesetzlich sind es 14 Tage.", DE),
    ("The sofa is the best on the market? I can't confirm that, please read the reviews.", EN),
    ("Sie schreiben, dass das Fjell das beste Sofa auf dem Markt ist – das kann ich nicht bestätigen.", DE),
    ("You said the Fjell is the best sofa on the market; I can't confirm that.", EN),
    ("Ist es das beste Sofa auf dem Markt? Das hängt von Ihren Ansprüchen ab.", DE),
]


@pytest.mark.parametrize(("text", "ctx", "expected"), ASSERTED)
def test_the_bots_own_claim_is_judged(
    sofa: ClaimsValidator, text: str, ctx: Context, expected: list[tuple[str, str]]
) -> None:
    assert flagged(sofa, text, ctx) == expected


@pytest.mark.parametrize(("text", "ctx"), ECHOED)
def test_a_corrected_echo_stays_quiet(sofa: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(sofa, text, ctx) == []
