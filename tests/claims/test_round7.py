"""Round 7: general frames pooled over six first-sight companies, on a fictional line of another product kind
(bicycles; no corpus line). What a sentence asks is no claim (a yes/no question, an indirect question); a sentence
that speaks of an unreleased model and then, after a contrast, of one on sale makes a claim about the one on sale;
a guarantee whose terms end with "..., X ausgenommen" does not cover X; and the new frames (commitments made,
absolute performance, statutory rights misstated, comparisons by a factor, testimonials, advice about third
parties) flag the exact sentence while the benign sentence next to them stays quiet."""

from __future__ import annotations

import pytest

from safe_reply.config_models import Fact, Product, ProductLine
from safe_reply.types import Context, Language
from safe_reply.validators.claims.validator import ClaimsValidator

from .conftest import flagged, make

LINE = ProductLine(
    id="bikes",
    name="Speichenwerk Fahrräder",
    products=(
        Product(name="Speichenwerk Alltag 3", short_names=("Alltag 3",), nouns=("das Rad",)),
        Product(name="Speichenwerk Alltag 5", short_names=("Alltag 5",), on_sale=False),
    ),
    facts=(
        Fact(key="weight", label_de="Gewicht Alltag 3", label_en="weight", value=14.2, unit="kg"),
        Fact(key="range", label_de="Reichweite", label_en="range", value=90, unit="km", qualifier="bis zu; Eco-Modus"),
    ),
    guarantee="5 Jahre Herstellergarantie auf den Rahmen des Alltag 3; Akku, Reifen und Verschleißteile ausgenommen.",
)
DE = Context(product_line="bikes", language=Language.DE, turn=2)
EN = Context(product_line="bikes", language=Language.EN, turn=2)


@pytest.fixture(scope="module")
def bikes() -> ClaimsValidator:
    return make(LINE)


def test_a_yes_no_question_asserts_nothing(bikes: ClaimsValidator) -> None:
    assert flagged(bikes, "Is the VDE mark on the Alltag 3?", EN) == []
    assert flagged(bikes, "Ist das Alltag 3 TÜV-zertifiziert?", DE) == []
    # A question that tells the customer something is a claim all the same.
    text = "Wussten Sie, dass das Alltag 3 VDE-zertifiziert ist?"
    assert [span for _, span in flagged(bikes, text, DE)] == [text]


def test_an_indirect_question_asserts_nothing(bikes: ClaimsValidator) -> None:
    text = "Ob das Rad bei Ihrer Arthrose hilft, besprechen Sie bitte mit Ihrer Ärztin."
    assert flagged(bikes, text, DE) == []
    text = "Whether the bike helps with your knee pain is something your doctor can tell you."
    assert flagged(bikes, text, EN) == []
    claim = "Das Rad hilft bei Arthrose."
    assert [span for _, span in flagged(bikes, claim, DE)] == [claim]


def test_after_a_contrast_the_part_about_the_product_on_sale_is_a_claim(bikes: ClaimsValidator) -> None:
    text = "Das Alltag 5 ist noch nicht erhältlich, aber vom Alltag 3 sind nur noch 2 Stück auf Lager."
    assert [span for _, span in flagged(bikes, text, DE)] == [text]
    # About the unreleased model alone: a trade-secret topic, not a claim.
    assert flagged(bikes, "Das Alltag 5 kommt im Frühjahr, davon gibt es zuerst nur noch 2 Stück.", DE) == []


def test_a_guarantee_that_ends_with_parts_left_out_does_not_cover_them(bikes: ClaimsValidator) -> None:
    text = "Auf das komplette Alltag 3 inklusive Akku geben wir Ihnen 5 Jahre Garantie."
    assert [span for _, span in flagged(bikes, text, DE)] == [text]
    assert flagged(bikes, "Auf den Rahmen des Alltag 3 geben wir 5 Jahre Herstellergarantie.", DE) == []
    # A word of a left-out part inside the name of a covered one is no stretch of the guarantee.
    assert flagged(bikes, "You get a 5-year guarantee on the frame and the tyre mounts of the Alltag 3.", EN) == []


@pytest.mark.parametrize(
    ("text", "ctx", "rule"),
    [
        ("Als Entschädigung kann ich Ihnen 30 € auf die nächste Inspektion anbieten.", DE, "service-commitment-made"),
        ("Ich hab Ihnen eine Gutschrift über 25 € für den Kratzer angelegt.", DE, "service-commitment-made"),
        ("I've just upgraded your delivery to express at no charge.", EN, "service-commitment-made"),
        ("Die Kette des Alltag 3 rostet garantiert nie.", DE, "absolute-capability"),
        ("The Alltag 3 frame will never crack, even off-road.", EN, "absolute-capability"),
        ("Das Alltag 3 fährt 90 km, auch bei starkem Gegenwind.", DE, "absolute-capability"),
        ("Mit der ersten Ausfahrt entfällt leider die Gewährleistung auf das Rad.", DE, "statutory-rights-misstated"),
        ("As a bonus you can return the bike within 14 days for any reason.", EN, "statutory-rights-misstated"),
        ("Das Alltag 3 ist doppelt so leicht wie ein herkömmliches Trekkingrad.", DE, "comparative-factor"),
        ("Our customer Jonas (34) has lost 12 kg since he started riding the Alltag 3.", EN, "testimonial"),
        ("Ihr Vermieter muss den Fahrradständer im Hof nicht genehmigen.", DE, "advice-third-party"),
        ("Das Bike-Tracking ist 100 % sicher, niemand kann je auf Ihre Routen zugreifen.", DE, "absolute-security"),
        ("No hacker can ever get into the bike's GPS tracker.", EN, "absolute-security"),
        ("Das Alltag 3 wurde zum Stadtrad des Jahres gekürt.", DE, "award-title"),
        ("The Alltag 3 is an award-winning city bike.", EN, "award-title"),
        ("Von 300 verkauften Alltag 3 läuft jedes einzelne einwandfrei.", DE, "absolute-capability"),
    ],
)
def test_the_new_frames_flag_the_sentence(bikes: ClaimsValidator, text: str, ctx: Context, rule: str) -> None:
    # One finding per claim category and sentence: an older rule of the same category may be the one reported.
    assert {span for _, span in flagged(bikes, text, ctx)} == {text}
    assert f"claims.{ctx.language}/{rule}" in {m.rule.id for m in bikes.packs.scan(text)}


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("Ihren Wunsch nach einer Entschädigung habe ich an das Serviceteam weitergeleitet.", DE),
        ("I've sent you the return label by email.", EN),
        ("Lassen Sie das Rad nie unbeaufsichtigt ohne Schloss stehen.", DE),
        ("Never check the tyre pressure with a flame nearby.", EN),
        ("Im Eco-Modus fährt das Alltag 3 bis zu 90 km.", DE),
        ("Ihre gesetzliche Gewährleistung von zwei Jahren bleibt unberührt.", DE),
        ("In turbo mode the battery drains twice as fast as in eco mode.", EN),
        ("A customer asked us the same question yesterday.", EN),
        ("Ob Ihr Vermieter zustimmen muss, klären Sie bitte anhand Ihres Mietvertrags.", DE),
        ("Ohne Ihre Zustimmung kann niemand auf Ihre Routen zugreifen.", DE),
        ("Das Rad wurde in Kalenderwoche 9 des Jahres 2025 gebaut.", DE),
        ("Customer service is open on Saturdays until the end of the year.", EN),
    ],
)
def test_the_near_misses_stay_quiet(bikes: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(bikes, text, ctx) == []
