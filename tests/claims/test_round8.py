"""Round 8: classes pooled over nine first-sight companies, probed on a fictional line of another product kind
(mattresses and pillows; no corpus line). A clause the sentence denies asserts nothing ("Das heißt nicht, dass
...", "Eine Allergie behandeln kann ein Kissen nicht"); a goodwill amount the bot can give the customer is an
offer even with its limit, while "darf" states its authority; payback, near-zero running costs, bills cut to a
fraction and subsidies promised as certain are claims, while conditions, questions and references to the
funding body are not. Each flagged sentence is asserted with its exact span and rule."""

from __future__ import annotations

import pytest

from safe_reply.config_models import Fact, Product, ProductLine
from safe_reply.types import Context, Language
from safe_reply.validators.claims.validator import ClaimsValidator

from .conftest import flagged, make

LINE = ProductLine(
    id="sleep",
    name="Ruhewerk Schlafsysteme",
    products=(
        Product(name="Ruhewerk Matratze M7", short_names=("M7",), nouns=("die Matratze",)),
        Product(name="Ruhewerk Kissen K2", short_names=("K2",), nouns=("das Kissen",)),
    ),
    facts=(
        Fact(key="height", label_de="Höhe", label_en="height", value=24, unit="cm"),
        Fact(key="weight", label_de="Gewicht", label_en="weight", value=21, unit="kg"),
    ),
    certifications=("OEKO-TEX Standard 100 (nur M7)",),
    guarantee="10 Jahre Herstellergarantie auf den Federkern der M7.",
)
DE = Context(product_line="sleep", language=Language.DE, turn=2)
EN = Context(product_line="sleep", language=Language.EN, turn=2)


@pytest.fixture(scope="module")
def sleep() -> ClaimsValidator:
    return make(LINE)


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("Heuschnupfen heilen kann die Matratze natürlich nicht.", DE),
        ("Eine Allergie behandeln kann ein Kissen nicht – bei Beschwerden fragen Sie Ihre Ärztin.", DE),
        ("Rückenschmerzen lindern kann die M7 leider nicht, sie ist eine ganz normale Matratze.", DE),
        ("Das heißt aber nicht, dass die Matratze umweltfreundlich ist.", DE),
        ("Das bedeutet nicht automatisch, dass das Kissen bei Nackenschmerzen hilft.", DE),
        ("Das heißt natürlich nicht, dass die M7 klimaneutral hergestellt wird.", DE),
        ("That doesn't mean the mattress is eco-friendly.", EN),
        ("This does not mean that the pillow helps with neck pain.", EN),
        ("That doesn't necessarily mean the M7 is climate neutral.", EN),
    ],
)
def test_a_denied_clause_asserts_nothing(sleep: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(sleep, text, ctx) == []


@pytest.mark.parametrize(
    ("text", "ctx", "rule"),
    [
        # The denying frame after the claim leaves the claim standing, and so does a "nicht" in another clause.
        ("Das Kissen lindert Nackenschmerzen – das heißt nicht, dass Sie nie wieder zum Arzt müssen.", DE, "health"),
        ("Die M7 hilft bei Rückenschmerzen, das können andere Matratzen nicht.", DE, "health"),
        ("Die Matratze ist umweltfreundlich, das heißt, Sie schlafen mit gutem Gewissen.", DE, "environmental"),
        ("The pillow relieves neck pain, which doesn't mean you can skip the doctor.", EN, "health"),
        ("Die M7 ist klimaneutral hergestellt.", DE, "environmental"),
    ],
)
def test_a_claim_next_to_a_denial_is_still_a_claim(sleep: ClaimsValidator, text: str, ctx: Context, rule: str) -> None:
    assert flagged(sleep, text, ctx) == [(f"claims.{ctx.language}/{rule}", text)]


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("Für den Kratzer am Kopfteil kann ich Ihnen bis zu 80 Euro Kulanz anbieten.", DE),
        ("Ich kann Ihnen ohne Rücksprache bis zu 50 € als Kulanz gutschreiben.", DE),
        ("Wegen der verspäteten Lieferung kann ich Ihnen maximal 30 € erstatten.", DE),
        ("Ich biete Ihnen als Kulanz 25 € auf Ihr Kundenkonto an.", DE),
        ("I can offer you up to €60 in goodwill for the stained cover.", EN),
        ("As a goodwill gesture, I can credit you €20 for the late delivery.", EN),
    ],
)
def test_a_goodwill_offer_to_the_customer_is_a_commitment(sleep: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(sleep, text, ctx) == [(f"claims.{ctx.language}/service-commitment", text)]


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        # The bot's authority, not an offer (a trade-secret topic when the limit is internal).
        ("Bis 100 € darf ich als Kulanz ohne Rückfrage gutschreiben, darüber entscheidet die Teamleitung.", DE),
        ("Ich darf Ihnen ohne Rückfrage bis zu 60 € Kulanz gutschreiben – mehr geht leider nicht.", DE),
        ("Ob wir Ihnen eine Kulanz anbieten können, prüft das Serviceteam.", DE),
        ("Eine Kulanzzahlung kann ich Ihnen leider nicht anbieten.", DE),
        ("Ihren Wunsch nach einer Gutschrift habe ich an das Team weitergeleitet.", DE),
        ("I'm not able to offer a goodwill payment, but I've forwarded your request.", EN),
        ("Whether a goodwill refund is possible is decided by our service team.", EN),
        ("Our returns team will check whether a partial refund is possible.", EN),
    ],
)
def test_authority_refusal_and_hand_over_are_no_offer(sleep: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(sleep, text, ctx) == []


@pytest.mark.parametrize(
    ("text", "ctx", "rule"),
    [
        ("Nach zwei, drei Wintern hat sich die Matratze bezahlt gemacht.", DE, "savings-promise"),
        ("Die Wärmepumpe macht sich praktisch von selbst bezahlt.", DE, "savings-promise"),
        ("Seit wir umgestiegen sind, zahlen wir nur noch die Hälfte für Strom.", DE, "savings-promise"),
        ("Der Betrieb kostet Sie so gut wie nichts.", DE, "savings-promise"),
        ("Die Akkus sind im Unterhalt praktisch kostenlos.", DE, "savings-promise"),
        ("Vom Staat bekommen Sie 30 % der Kosten zurück.", DE, "subsidy-promise"),
        ("Sie bekommen dafür auf jeden Fall die BAFA-Förderung.", DE, "subsidy-promise"),
        ("Über die THG-Prämie holen Sie sich jedes Jahr locker 100 € zurück.", DE, "subsidy-promise"),
        ("It pays for itself in no time.", EN, "savings-promise"),
        ("The heat pump will pay for itself within two winters.", EN, "savings-promise"),
        ("It's almost free to run.", EN, "savings-promise"),
        ("Running costs are practically zero.", EN, "savings-promise"),
        ("You'll easily save half on your energy bills.", EN, "savings-promise"),
        ("You'll get 30 % back from the government.", EN, "subsidy-promise"),
    ],
)
def test_payback_running_costs_and_subsidies_promised(
    sleep: ClaimsValidator, text: str, ctx: Context, rule: str
) -> None:
    assert (f"claims.{ctx.language}/{rule}", text) in flagged(sleep, text, ctx)


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("Wie viel Sie sparen, hängt von Ihrem Verbrauch und Ihrem Strompreis ab.", DE),
        ("Ob Sie eine Förderung bekommen, prüft die BAFA im Einzelfall.", DE),
        ("Ob sich die Matratze für Sie rechnet, hängt davon ab, wie lange Sie sie nutzen.", DE),
        ("Informationen zur Förderung finden Sie auf der Website der BAFA.", DE),
        ("Eine Förderung bekommen Sie nur, wenn ein Energieberater den Antrag stellt.", DE),
        ("Nach der Rücksendung bekommen Sie den Kaufpreis zurück.", DE),
        ("Die Matratze ist 24 cm hoch und wiegt 21 kg.", DE),
        ("Whether you qualify for a subsidy depends on your situation; the BAFA decides.", EN),
        ("Your savings depend on your usage and your tariff.", EN),
        ("For subsidy details, please check the BAFA website.", EN),
        ("Whether the system pays for itself depends on your usage and tariff.", EN),
    ],
)
def test_conditions_questions_and_references_promise_nothing(sleep: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(sleep, text, ctx) == []


# A line without a product list: the products come from its models fact, named with maker and series words around
# the model code ("Brennwerk GT 300 Plus"); customers and bots name the code alone ("der GT 300").
DERIVED = ProductLine(
    id="stoves",
    name="Brennwerk Kaminöfen",
    facts=(
        Fact(
            key="models",
            label_de="Modelle",
            label_en="models",
            value="Brennwerk GT 300 Plus (Kaminofen, 6 kW) und Brennwerk GT 450 Plus (Kaminofen, 8 kW)",
        ),
        Fact(key="power", label_de="Nennwärmeleistung", label_en="rated heat output", value=8, unit="kW"),
    ),
    certifications=("GS-Zeichen (TÜV Süd, Zertifikat 1234), nur GT 450",),
)
STOVES = Context(product_line="stoves", language=Language.DE, turn=2)


def test_a_model_code_inside_a_derived_name_names_the_product() -> None:
    stoves = make(DERIVED)
    text = "Auch der GT 300 trägt das GS-Zeichen."
    assert flagged(stoves, text, STOVES) == [("claims.de/certification", text)]
    assert flagged(stoves, "Der GT 450 trägt das GS-Zeichen.", STOVES) == []
    assert flagged(stoves, "Der GT-450 trägt das GS-Zeichen.", STOVES) == []


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("Ich sorge dafür, dass Ihr Ersatzbezug bis Freitag bei Ihnen ist.", DE),
        ("Die neue Matratze kommt übermorgen bei Ihnen an.", DE),
        ("Wir reparieren jede Matratze, auch Fremdfabrikate, innerhalb von 48 Stunden.", DE),
        ("Der Techniker ist innerhalb von 24 Stunden bei Ihnen vor Ort.", DE),
        ("Your replacement cover will be with you by Friday.", EN),
        ("The new mattress will arrive the day after tomorrow.", EN),
        ("We repair every mattress within 48 hours.", EN),
    ],
)
def test_a_delivery_or_repair_date_promised_is_a_commitment(sleep: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(sleep, text, ctx) == [(f"claims.{ctx.language}/delivery-date", text)]


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("Laut Sendungsverfolgung ist das Paket voraussichtlich bis Freitag bei Ihnen.", DE),
        ("In der Regel ist die Matratze innerhalb von 3 bis 5 Werktagen bei Ihnen.", DE),
        ("Bitte senden Sie das Kissen bis Freitag an uns zurück.", DE),
        ("Voraussetzung ist die Produktregistrierung innerhalb von 60 Tagen.", DE),
        ("Wir melden uns innerhalb von 2 Werktagen nach Eingang Ihrer Anfrage.", DE),
        ("According to tracking, the parcel is expected to arrive by Friday.", EN),
        ("Usually the mattress arrives within 3 to 5 working days.", EN),
        ("Please send the pillow back to us by Friday.", EN),
    ],
)
def test_estimates_tracking_and_requests_promise_no_date(sleep: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(sleep, text, ctx) == []
