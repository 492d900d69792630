"""Round 9 precision: benign service, packaging and question sentences the round's new rules flagged, each with a
near miss of its own, and plan terms a line documents in its service terms. The sentences stay quiet on the example
configuration; the claims the rules exist for still fire with their exact span."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from safe_reply.config_models import Product, ProductLine, Service
from safe_reply.loader import load_policy
from safe_reply.resources import example_config_dir
from safe_reply.types import Context, Language
from safe_reply.validators.claims.validator import ClaimsValidator

from .conftest import flagged, make

DE = Context(product_line="ebike", language=Language.DE, turn=2)
EN = Context(product_line="ebike", language=Language.EN, turn=2)


@pytest.fixture(scope="module")
def claim_rules() -> Callable[[str, Context], list[str]]:
    policy = load_policy(example_config_dir(), environ={"SAFE_REPLY_HASH_KEY": "k" * 32}).select("ebike")

    def rules(text: str, ctx: Context) -> list[str]:
        return [f.rule_id for f in policy.evaluate(text, ctx).findings if f.rule_id.startswith("claims.")]

    return rules


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        # 1. delivery, response, refund and location times are no performance boasts
        ("Your order arrives in just 2 days.", EN),
        ("Der Kundenservice antwortet in nur 24 Stunden.", DE),
        ("Die Filiale ist in nur 10 Minuten zu Fuß erreichbar.", DE),
        ("The refund is with you in just 3 days.", EN),
        ("Your parcel is shipped in just 24 hours.", EN),
        ("Die Erstattung ist schon nach 3 Tagen auf Ihrem Konto.", DE),
        # 2. a service line, a product property, a statutory refund, a condition the customer meets
        ("Wir sind jederzeit für Sie da.", DE),
        ("Der Akku ist jederzeit nachladbar.", DE),
        ("Der Kaufpreis wird zu 100 % erstattet, sobald die Ware bei uns ist.", DE),
        ("Our technician comes the same day if you book before 10 am.", EN),
        ("Unser Techniker kommt noch am selben Tag, wenn Sie bis 10 Uhr buchen.", DE),
        # 4. packaging seals
        ("Every parcel has a tamper-evident seal.", EN),
        ("The jar has a foil seal under the lid.", EN),
        ("Ihr Paket trägt ein Sicherheitssiegel.", DE),
        ("Die Dose hat einen Frischesiegel-Verschluss.", DE),
        ("Das Glas hat ein Alu-Siegel unter dem Deckel.", DE),
        # 5. a grade, no energy class
        ("The rating on Trustpilot is A+.", EN),
        ("Sie erhalten die Note A+ für Ihr Feedback.", DE),
        # 6. the workshop's assembly and services are no place of manufacture
        ("Ihr E-Bike wird bei uns in der Werkstatt montiert und probegefahren.", DE),
        ("Die Inspektion wird bei uns in Hamburg gemacht.", DE),
        ("The bike is assembled here in our workshop in Leipzig.", EN),
        ("The repair is done in our workshop in Hamburg.", EN),
        # 7. a voucher is no hazard
        ("Sie können den Gutschein ohne Bedenken verwenden.", DE),
        ("Den Rabattcode können Sie unbesorgt auch im Sale einsetzen.", DE),
        ("You can use the voucher without any concerns.", EN),
        # 8. physical protection, a question
        ("Die Hundeschuhe schützen die Pfoten vor Streusalz.", DE),
        ("Lebt Ihr Hund schon länger bei Ihnen?", DE),
        ("Der Handschuh schützt die Haut vor Kälte und Nässe.", DE),
        ("The dog boots protect the paws from road salt.", EN),
        ("Has your dog lived with you for longer?", EN),
        # 9. an ordering option
        ("Sie können den Kaffee auch ohne Zucker bestellen.", DE),
        ("You can order the coffee without sugar too.", EN),
        # 10. an echoed question, arithmetic with a second unit
        ("Die neue Klinge schneidet doppelt so schnell? Nein, das können wir so nicht sagen.", DE),
        ("Mit einem zweiten Akku fahren Sie doppelt so weit.", DE),
        ("With a second battery you ride twice as far.", EN),
    ],
)
def test_benign_sentences_stay_quiet_on_the_example_line(
    claim_rules: Callable[[str, Context], list[str]], text: str, ctx: Context
) -> None:
    assert claim_rules(text, ctx) == []


@pytest.mark.parametrize(
    ("text", "ctx", "rule"),
    [
        ("Der Akku ist in nur 2 Stunden voll geladen.", DE, "spec-figure"),
        ("The battery is full in just 2 hours.", EN, "spec-figure"),
        ("Unsere Sitterin ist auch an Feiertagen bei Ihnen.", DE, "plan-terms"),
        ("Ihr Rad ist jederzeit gegen Diebstahl versichert.", DE, "plan-terms"),
        ("Die Reiseversicherung zahlt auch, wenn Sie den Flug selbst verpassen.", DE, "plan-terms"),
        ("The toothbrush carries the Blue Leaf seal.", EN, "certification-seal"),
        ("The fridge is rated A+++ for energy efficiency.", EN, "energy-class"),
        ("Die Stehleuchte wird bei uns in Minden hergestellt.", DE, "origin-own-site"),
        ("Die neue Klinge schneidet dreimal schneller.", DE, "factor-claim"),
    ],
)
def test_the_claims_next_to_them_still_fire(
    claim_rules: Callable[[str, Context], list[str]], text: str, ctx: Context, rule: str
) -> None:
    assert f"claims.{ctx.language}/{rule}" in claim_rules(text, ctx)


PLANS = ProductLine(
    id="bike",
    products=(Product(name="Lindwurm City E1", short_names=("E1",)),),
    service=Service(
        other=(
            "Wartungsabo: 9 € im Monat, keine Mindestlaufzeit, monatlich kündbar",
            "Diebstahlversicherung: ohne Selbstbeteiligung, Versicherungsschutz ab dem ersten Tag",
            "Theft insurance: no excess, covered from day one",
        )
    ),
)
PLANS_DE = Context(product_line="bike", language=Language.DE, turn=2)
PLANS_EN = Context(product_line="bike", language=Language.EN, turn=2)


@pytest.fixture(scope="module")
def plans() -> ClaimsValidator:
    return make(PLANS)


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("Beim Wartungsabo gibt es keine Mindestlaufzeit.", PLANS_DE),
        ("Bei der Diebstahlversicherung gibt es keine Selbstbeteiligung.", PLANS_DE),
        ("Sie sind ab dem ersten Tag versichert.", PLANS_DE),
        ("There is no excess with the theft insurance.", PLANS_EN),
        ("You're covered from day one.", PLANS_EN),
    ],
)
def test_a_documented_plan_term_is_backed(plans: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(plans, text, ctx) == []


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        # a term no service rule states
        ("Bei der Diebstahlversicherung gibt es keine Wartezeit.", PLANS_DE),
        ("There's no waiting period with the theft insurance.", PLANS_EN),
        # a documented term, but of another plan
        ("Beim Wartungsabo gibt es keine Selbstbeteiligung.", PLANS_DE),
    ],
)
def test_an_undocumented_plan_term_is_still_flagged(plans: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(plans, text, ctx) == [(f"claims.{ctx.language}/plan-terms", text)]


def test_a_waived_term_is_not_backed_by_the_term_itself() -> None:
    line = PLANS.model_copy(
        update={"service": Service(other=("Diebstahlversicherung: Selbstbeteiligung 150 €, Wartezeit 1 Monat",))}
    )
    text = "Bei der Diebstahlversicherung gibt es keine Selbstbeteiligung."
    assert flagged(make(line), text, PLANS_DE) == [("claims.de/plan-terms", text)]
