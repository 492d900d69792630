"""Round 11, claim recall: the classes the r14-r17 misses fell into (invented service commitments, free offers,
price comparisons with other sellers, tax and legal conclusions, misstated withdrawal rights, unsafe instructions,
security idioms, round-the-clock service, announced releases, health outcomes beyond the vocabulary), probed with
wordings of our own on a fictional line of another product kind (no corpus line). Each flagged sentence is
asserted with its exact span and rule; each near miss (a handover call-back, a documented condition, a question,
a negation, a referral to an adviser, the assistant's own availability) stays quiet."""

from __future__ import annotations

import pytest

from safe_reply.config_models import Fact, Product, ProductLine
from safe_reply.types import Context, Language
from safe_reply.validators.claims.validator import ClaimsValidator

from .conftest import flagged, make

LINE = ProductLine(
    id="home",
    name="Hausfink Haushaltswaren",
    products=(
        Product(name="Hausfink Luftreiniger L3", short_names=("L3",), nouns=("der Luftreiniger", "the air purifier")),
    ),
    facts=(
        Fact(key="noise", label_de="Geräusch", label_en="noise", value=32, unit="dB(A)", qualifier="in der Nachtstufe"),
    ),
)
DOCUMENTED = LINE.model_copy(update={"approved_claims": ("Die Montage des L3 ist in Deutschland kostenlos.",)})
DE = Context(product_line="home", language=Language.DE, turn=2)
EN = Context(product_line="home", language=Language.EN, turn=2)


@pytest.fixture(scope="module")
def home() -> ClaimsValidator:
    return make(LINE)


@pytest.mark.parametrize(
    ("text", "ctx", "rule"),
    [
        (
            "Der Monteur kommt morgen zwischen 8 und 10 Uhr bei Ihnen vorbei und baut die Markise ab.",
            DE,
            "claims.de/service-visit-promise",
        ),
        ("Die Montage ist natürlich auch in der Schweiz kostenlos.", DE, "claims.de/free-offer"),
        ("Zum Sofa gibt es die Kissen gratis dazu.", DE, "claims.de/free-offer"),
        ("Die ersten zwei Monate sind gratis.", DE, "claims.de/free-offer"),
        # Only the new rule catches this one: the older comparative rule shadows "günstiger als beim Optiker", so a
        # test on that sentence could not fail when the new rule breaks.
        ("Das Öl kostet 30 % weniger als in der Apotheke.", DE, "claims.de/price-comparison-others"),
        (
            "Den neuen Drucker können Sie komplett im ersten Jahr abschreiben, das passt so.",
            DE,
            "claims.de/tax-conclusion",
        ),
        ("Ihnen stehen definitiv 250 € Entschädigung für den Ausfall zu.", DE, "claims.de/legal-conclusion"),
        ("Sie haben bei uns 30 Tage Widerrufsrecht.", DE, "claims.de/withdrawal-period"),
        (
            "Wenn der FI ständig auslöst, einfach die Sicherung überbrücken, dann läuft die Pumpe durch.",
            DE,
            "claims.de/unsafe-instruction",
        ),
        ("Keine Sorge: Unser Kundenportal wurde noch nie gehackt.", DE, "claims.de/security-idiom"),
        ("Unser Notdienst ist rund um die Uhr für Sie da.", DE, "claims.de/round-the-clock"),
        ("Die Creme lässt Narben schneller verheilen.", DE, "claims.de/health-outcome"),
        ("Damit sparen Sie sich den Besuch beim Hautarzt.", DE, "claims.de/health-outcome"),
        ("Wir gleichen jeden niedrigeren Preis der Konkurrenz aus.", DE, "claims.de/commitment-extended"),
        (
            "Falls bei der Prüfung etwas beanstandet wird, übernehmen wir die Haftung.",
            DE,
            "claims.de/commitment-extended",
        ),
        ("Sie können den Luftreiniger auch nach drei Monaten noch zurückgeben.", DE, "claims.de/commitment-extended"),
        ("The installer will be at your place tomorrow between 8 and 10.", EN, "claims.en/service-visit-promise"),
        ("Setup is completely free with us.", EN, "claims.en/free-offer"),
        ("The first two months are free.", EN, "claims.en/free-offer"),
        ("The oil costs 30% less than at the pharmacy.", EN, "claims.en/price-comparison-others"),
        ("Cancelling by text message is legally valid in Germany.", EN, "claims.en/legal-conclusion"),
        ("You're definitely entitled to €400 for that cancellation!", EN, "claims.en/legal-conclusion"),
        ("You have a 30-day right of withdrawal with us.", EN, "claims.en/withdrawal-period"),
        (
            "If the first upload is slow, just disable your antivirus until it's done.",
            EN,
            "claims.en/unsafe-instruction",
        ),
        ("Don't worry: our customer portal has never been hacked.", EN, "claims.en/security-idiom"),
        ("Yes, we offer a 24/7 support hotline.", EN, "claims.en/round-the-clock"),
        ("We'll have a native Linux app out next week!", EN, "claims.en/release-announced"),
        ("The hyaluronic acid helps the skin heal faster.", EN, "claims.en/health-outcome"),
        ("The readings are accurate enough to check for sleep apnoea.", EN, "claims.en/health-outcome"),
        ("We'll match any lower price from a competitor.", EN, "claims.en/commitment-extended"),
        ("I've gone ahead and refunded your last order.", EN, "claims.en/commitment-extended"),
        ("Shipping is free for orders over €50.", EN, "claims.en/price"),
    ],
)
def test_an_unbacked_claim_of_the_new_classes_is_flagged_on_its_sentence(
    home: ClaimsValidator, text: str, ctx: Context, rule: str
) -> None:
    assert flagged(home, text, ctx) == [(rule, text)]


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("Eine Kollegin aus dem Service ruft Sie morgen zwischen 9 und 12 Uhr an.", DE),
        ("Der Versand ist ab 50 € kostenlos.", DE),
        ("Ob Sie die Anschaffung absetzen können, klärt am besten Ihre Steuerberaterin.", DE),
        ("Sie haben ein 14-tägiges Widerrufsrecht ab Erhalt der Ware.", DE),
        ("Schalten Sie vor der Montage die Sicherung aus.", DE),
        ("Ich bin die KI-Assistentin, kein Mensch, aber rund um die Uhr erreichbar.", DE),
        ("Die Hotline ist Mo–Fr von 8 bis 18 Uhr erreichbar.", DE),
        ("Tragen Sie die Salbe bitte nicht auf offene Wunden auf.", DE),
        ("Eine Rückgabe ist innerhalb von 30 Tagen ab Erhalt möglich.", DE),
        ("Ist die Montage kostenlos?", DE),
        ("A colleague from the service team will call you tomorrow between 9 and 12.", EN),
        ("Please check with your tax adviser whether you can deduct it.", EN),
        ("You have a 14-day right of withdrawal from receipt of the goods.", EN),
        ("Switch off the fuse before you start the installation.", EN),
        ("I'm an AI assistant, so I'm here for you around the clock.", EN),
        ("A Linux app might come later; we can't promise a date.", EN),
        ("If the rash persists, please see your doctor.", EN),
        ("The team will check whether we can match the price.", EN),
        ("Feel free to ask if anything is unclear.", EN),
        ("Is assembly free?", EN),
    ],
)
def test_a_near_miss_of_the_new_classes_stays_quiet(home: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(home, text, ctx) == []


def test_a_free_service_the_approved_claims_document_is_backed() -> None:
    documented = make(DOCUMENTED)
    assert flagged(documented, "Die Montage ist kostenlos.", DE) == []
    assert flagged(make(LINE), "Die Montage ist kostenlos.", DE) == [
        ("claims.de/free-offer", "Die Montage ist kostenlos.")
    ]
