"""Round 11 precision: statements the facts back (a mark held under its other language's name or as the test it
stands for, a certificate cited with its number, a lawful price reference, guarantee terms repeated) stay quiet,
and each has a near miss the facts do not back that is still flagged on its exact sentence. A fictional line of
garden textiles, no corpus product."""

from __future__ import annotations

import pytest

from safe_reply.config_models import Fact, ProductLine
from safe_reply.types import Context, Language
from safe_reply.validators.claims import ClaimsValidator

from .conftest import flagged, make

LINE = ProductLine(
    id="garden",
    facts=(
        Fact(key="models", value="Sol-Shade Sonnensegel (Sonnenschutz), Lindholm Sitzkissen (Auflage, 1,2 kg)"),
        Fact(key="pole_height", label_de="Höhenbereich Mast", label_en="pole height range", value="180–260 cm"),
        Fact(key="rope", label_de="Spannseil", label_en="tension rope", value="Spannseil 5 m, dehnt sich um 2 cm"),
        Fact(
            key="user_weight",
            label_de="Empfohlenes Körpergewicht Liege",
            label_en="recommended body weight lounger",
            value="L1 bis 90 kg, L2 bis 120 kg",
        ),
        Fact(key="load", label_de="Windlast Sol-Shade", label_en="wind load", value=40, unit="kg", qualifier="bis zu"),
        Fact(key="uv", label_de="UV-Schutz Sol-Shade", value="UPF 50+ nach UV-Standard 801"),
        Fact(
            key="cushion_offer",
            label_de="Aktion Sitzkissen",
            value="Aktion bis 31.05.: Lindholm Sitzkissen für 39 € (vorher 59 €, niedrigster Preis der letzten 30 "
            "Tage 59 €)",
        ),
    ),
    certifications=(
        "OEKO-TEX Standard 100 (Zertifikat 19.HDE.12345, Sol-Shade und Lindholm)",
        "Blauer Engel DE-UZ 154, nur Lindholm Sitzkissen",
        "Dermatest 'sehr gut' (Studie 2024-0777), nur Lindholm Sitzkissen",
    ),
    guarantee="3 Jahre Herstellergarantie auf das Sonnensegel einschließlich Spannseile, mit Kaufbeleg, auch bei "
    "gewerblicher Nutzung; nicht auf Befestigungsmaterial.",
)
DE = Context(product_line="garden", language=Language.DE, turn=2)
EN = Context(product_line="garden", language=Language.EN, turn=2)


@pytest.fixture(scope="module")
def garden() -> ClaimsValidator:
    return make(LINE)


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        # a certificate held for the product named by the hyphenated word of its name, with its number
        ("Die Sol-Shade-Segel sind nach OEKO-TEX Standard 100 zertifiziert (Zertifikat 19.HDE.12345).", DE),
        ("The Sol-Shade sails are OEKO-TEX Standard 100 certified (certificate 19.HDE.12345).", EN),
        # a mark held under its German name, told in English; and in German with its inflection
        ("The Lindholm cushions carry the Blue Angel (DE-UZ 154).", EN),
        ("Das Lindholm Sitzkissen trägt den Blauen Engel.", DE),
        # the test a mark stands for
        ("The Lindholm cushion is dermatologically tested (Dermatest study 2024-0777, rated 'very good').", EN),
        ("Das Lindholm Sitzkissen ist dermatologisch getestet.", DE),
        # a price reference as PAngV §11 wants it, and the saving between the two documented prices
        ("Das Lindholm Sitzkissen gibt es bis 31.05. für 39 € statt 59 €.", DE),
        ("59 € war auch der niedrigste Preis der letzten 30 Tage, Sie sparen also 20 €.", DE),
        ("The Lindholm cushion is €39 instead of €59 until 31 May.", EN),
        # the guarantee's own terms repeated: a part it includes, a waiver it makes
        ("Auf das Sonnensegel inklusive Spannseile gibt es 3 Jahre Herstellergarantie mit Kaufbeleg.", DE),
        ("Die Garantie gilt auch bei gewerblicher Nutzung, den Kaufbeleg brauchen Sie aber.", DE),
        # a range stated end to end, whatever words name it; the product's own size; the writer's own use
        ("The Sol-Shade goes from 180 to 260 cm.", EN),
        ("Das Sol-Shade reicht von 180 bis 260 cm.", DE),
        ("Das Lindholm Sitzkissen wiegt 1,2 kg.", DE),
        ("I've been sitting on the Lindholm cushion myself for two years.", EN),
        # the alternative of the model named
        ("The L2 lounger supports a body weight of up to 120 kg.", EN),
        ("Die Liege L2 ist für ein Körpergewicht bis 120 kg empfohlen.", DE),
        ("Wir empfehlen die L1 bis etwa 90 kg und die L2 bis etwa 120 kg Körpergewicht.", DE),
    ],
)
def test_backed_statements_stay_quiet(garden: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(garden, text, ctx) == []


@pytest.mark.parametrize(
    ("text", "ctx", "rule"),
    [
        # the mark is held, but not for this product
        ("Die Sol-Shade-Segel tragen den Blauen Engel.", DE, "claims.de/certification"),
        ("The Sol-Shade sail carries the Blue Angel.", EN, "claims.en/certification"),
        ("The Sol-Shade sail is dermatologically tested.", EN, "claims.en/certification"),
        ("Das Sol-Shade Sonnensegel ist dermatologisch getestet.", DE, "claims.de/certification"),
        # a mark the line does not hold, in either language
        ("The Lindholm cushions carry the Nordic Swan.", EN, "claims.en/certification"),
        # a price or reference the facts do not state
        ("Das Lindholm Sitzkissen gibt es bis 31.05. für 29 € statt 59 €.", DE, "claims.de/price"),
        ("49 € war der niedrigste Preis der letzten 30 Tage.", DE, "claims.de/price"),
        # a part the guarantee leaves out, a condition it keeps
        (
            "Auf das Sonnensegel inklusive Befestigungsmaterial gibt es 3 Jahre Herstellergarantie.",
            DE,
            "claims.de/guarantee-offer",
        ),
        ("Die Garantie gilt auch ohne Kaufbeleg.", DE, "claims.de/guarantee-conditions-waived"),
        # a range beyond the documented one; a load without its "bis zu"
        ("The Sol-Shade pole goes from 180 to 290 cm.", EN, "claims.en/spec-figure-units"),
        ("Das Sol-Shade hält einer Windlast von 40 kg stand.", DE, "claims.de/spec-figure"),
        # a body weight beyond the model's own recommendation (another model's figure)
        ("The L1 lounger easily supports a body weight of up to 120 kg.", EN, "claims.en/spec-figure"),
        ("Die Liege L1 ist für ein Körpergewicht bis 120 kg empfohlen.", DE, "claims.de/spec-figure"),
    ],
)
def test_near_misses_still_flagged(garden: ClaimsValidator, text: str, ctx: Context, rule: str) -> None:
    assert (rule, text) in flagged(garden, text, ctx)
