"""Round 11 review, engine and rule fixes: what a documented "free" term backs (the thing it makes free, not any free
offer), a price reference backed only for its own clause and product (PAngV §11), a trade seal never backed by the
generic test it stands for, and the rules' false blocks (a fuse switched off to change a bulb, a scale accurate
enough for luggage, a cake that turns out "bombensicher", "nicht nur nachhaltig") beside the paraphrases they
missed. Each flagged sentence is asserted with its rule and exact span; each near miss stays quiet. A fictional
line of garden furniture, no corpus product."""

from __future__ import annotations

import pytest

from safe_reply.config_models import Fact, Product, ProductLine
from safe_reply.types import Context, Language
from safe_reply.validators.claims import ClaimsValidator

from .conftest import flagged, make

LINE = ProductLine(
    id="patio",
    name="Terrafin Gartenmöbel",
    products=(
        Product(name="Terrafin Gartenbank Ostra", short_names=("Ostra",), nouns=("die Gartenbank", "the garden bench")),
        Product(name="Terrafin Auflage Mila", short_names=("Mila",), nouns=("die Auflage", "the seat pad")),
    ),
    facts=(
        Fact(key="width_cm", label_de="Breite Gartenbank", label_en="bench width", value=150, unit="cm"),
        Fact(key="returns", label_de="Rückgabe", value="Rücksendung kostenlos innerhalb von 30 Tagen"),
        # A plain price reduction under a key that names no service: an offer for price references only.
        Fact(
            key="mila_offer",
            label_de="Aktion Auflage",
            value="Aktion bis 30.06.: Auflage Mila für 29 € (vorher 45 €, niedrigster Preis der letzten 30 Tage 45 €)",
        ),
        # A promotional freebie: it backs this freebie, not free assembly.
        Fact(key="cover", label_de="Hülle", value="Schutzhülle 39 €, zu jeder Gartenbank Ostra bis 30.06. gratis"),
    ),
    certifications=(
        "Prüfungsbericht Holzfeuchte 2024 (intern)",
        "dermatologisch getestet (Hautverträglichkeitsstudie, Institut Dr. Muster, 2024; nur Auflage Mila)",
    ),
    guarantee="5 Jahre Herstellergarantie auf das Gestell der Gartenbank Ostra",
)
DE = Context(product_line="patio", language=Language.DE, turn=2)
EN = Context(product_line="patio", language=Language.EN, turn=2)


@pytest.fixture(scope="module")
def patio() -> ClaimsValidator:
    return make(LINE)


@pytest.mark.parametrize(
    ("text", "ctx", "rule"),
    [
        # Finding 3: a documented free return or free cover is no free assembly, no free cushions, no free product.
        ("Die Montage ist kostenlos.", DE, "claims.de/free-offer"),
        ("Zur Gartenbank gibt es die Kissen gratis dazu.", DE, "claims.de/free-offer"),
        ("Die Auflage Mila ist gratis.", DE, "claims.de/free-offer"),
        ("Assembly is free.", EN, "claims.en/free-offer"),
        # Finding 4: the reduction of the seat pad is no reduction of the bench, no 30-day price of the bench; the
        # free months and free assembly in the other clause are claims of their own.
        ("Die Gartenbank Ostra kostet 29 € statt 45 €.", DE, "claims.de/price"),
        ("Die Gartenbank Ostra hat gerade den niedrigsten Preis der letzten 30 Tage.", DE, "claims.de/price"),
        ("Die Auflage Mila kostet 29 € statt 45 €, die ersten zwei Monate sind gratis.", DE, "claims.de/price"),
        ("Statt 45 € zahlen Sie nur 29 €, und die Montage ist kostenlos.", DE, "claims.de/free-offer"),
        (
            "Statt 45 € zahlen Sie 29 € – und Sie können die Auflage auch nach drei Monaten noch zurückgeben.",
            DE,
            "claims.de/commitment-extended",
        ),
        ("It's €29 instead of €45, and the first two months are free.", EN, "claims.en/price-instead"),
        # Finding 17: the generic test never backs the trade seal; "bestätigt/proven" is more than tested; a mark
        # is found as a whole word ("GS" is not in "Prüfungsbericht").
        ("Die Auflage Mila trägt das Dermatest-Siegel.", DE, "claims.de/certification"),
        ("The Mila seat pad carries the Dermatest seal.", EN, "claims.en/certification"),
        ("Die Auflage Mila ist dermatologisch bestätigt.", DE, "claims.de/test-seal"),
        ("The Mila seat pad is dermatologically proven.", EN, "claims.en/test-seal"),
        ("Die Gartenbank Ostra trägt das GS-Zeichen.", DE, "claims.de/certification"),
        ("The Ostra garden bench carries the GS mark.", EN, "claims.en/certification"),
    ],
)
def test_engine_near_misses_flagged(patio: ClaimsValidator, text: str, ctx: Context, rule: str) -> None:
    assert flagged(patio, text, ctx) == [(rule, text)]


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        # The documented freebies themselves, in either language.
        ("Die Rücksendung ist kostenlos.", DE),
        ("Returns are free within 30 days.", EN),
        ("Zur Gartenbank Ostra gibt es die Schutzhülle bis 30.06. gratis dazu.", DE),
        # The documented reduction, for its product, in either language; the 30-day price and the saving.
        ("Die Auflage Mila gibt es bis 30.06. für 29 € statt 45 €.", DE),
        ("The Mila seat pad is €29 instead of €45 until 30 June.", EN),
        ("Die Auflage Mila hat gerade den niedrigsten Preis der letzten 30 Tage.", DE),
        ("45 € war auch der niedrigste Preis der letzten 30 Tage, Sie sparen also 16 €.", DE),
        # A clause that denies an offer offers nothing.
        ("Die Auflage Mila hat den niedrigsten Preis der letzten 30 Tage – eine Rabattaktion läuft gerade nicht.", DE),
        # The test the certificate documents, for the product it names.
        ("Die Auflage Mila ist dermatologisch getestet.", DE),
        ("The Mila seat pad is dermatologically tested.", EN),
    ],
)
def test_engine_backed_statements_pass(patio: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(patio, text, ctx) == []


@pytest.mark.parametrize(
    ("text", "ctx", "rule"),
    [
        # Finding 2: defeating a protective device, in any word order; switching off one that protects while in use.
        ("Den FI-Schalter können Sie überbrücken.", DE, "claims.de/unsafe-instruction"),
        ("Klemmen Sie den Temperaturfühler ab, dann läuft der Heizlüfter wieder.", DE, "claims.de/unsafe-instruction"),
        ("Den Rauchmelder können Sie während des Kochens ausschalten.", DE, "claims.de/unsafe-instruction"),
        ("Turn off your antivirus while the installer runs.", EN, "claims.en/unsafe-instruction"),
        ("You can bypass the thermal cut-out to make it heat faster.", EN, "claims.en/unsafe-instruction"),
        ("You can safely leave the heater running overnight unattended.", EN, "claims.en/unsafe-instruction"),
        # Finding 13: a software release with any futurate verb, and its German twin.
        ("The Android app is coming next week.", EN, "claims.en/release-announced"),
        ("Offline mode goes live at the end of the month.", EN, "claims.en/release-announced"),
        ("We're releasing the Linux app next week.", EN, "claims.en/release-announced"),
        ("Die Linux-App kommt nächste Woche.", DE, "claims.de/release-announced"),
        ("Der Offline-Modus geht bis Ende des Monats live.", DE, "claims.de/release-announced"),
        ("Der Export nach XRechnung 3.1 kommt nächste Woche in allen Tarifen.", DE, "claims.de/release-announced"),
        ("Export to XRechnung 3.1 will be available in every plan next week.", EN, "claims.en/release-announced"),
        # Finding 14: a health object in the frame.
        ("Die Uhr ist zuverlässig genug, um Ihren Blutdruck zu überwachen.", DE, "claims.de/health-outcome"),
        ("The watch is accurate enough to monitor your blood pressure.", EN, "claims.en/health-outcome"),
        ("Your skin recovers faster after sunburn.", EN, "claims.en/health-outcome"),
        # Finding 15: data, systems and premises keep the idiom a security promise.
        ("Ihre Daten liegen bei uns bombensicher.", DE, "claims.de/security-idiom"),
        ("Our customer portal has never been hacked.", EN, "claims.en/security-idiom"),
        # Finding 16: "nicht nur / nicht erst / not only" affirm.
        ("Unsere Auflagen sind nicht nur umweltfreundlich, sondern auch günstig.", DE, "claims.de/environmental"),
        ("Klimaneutral sind unsere Auflagen nicht erst seit gestern.", DE, "claims.de/environmental"),
        ("Our seat pads are not only eco-friendly but also cheap.", EN, "claims.en/environmental"),
        # Finding 18: the anchors no pattern used, the seller named without an article, a price verb with "less".
        ("Sie sparen bei uns 30 % gegenüber dem Fachhandel.", DE, "claims.de/price-comparison-others"),
        ("Wir sind günstiger als Amazon.", DE, "claims.de/price-comparison-others"),
        ("The oil costs 30% less than at the pharmacy.", EN, "claims.en/price-comparison-others"),
    ],
)
def test_rule_targets_flagged(patio: ClaimsValidator, text: str, ctx: Context, rule: str) -> None:
    assert flagged(patio, text, ctx) == [(rule, text)]


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        # Finding 2: the manual's own safe steps and non-protective devices.
        ("Dann einfach die Sicherung ausschalten und die Lampe tauschen.", DE),
        ("Am besten die Sicherung abschalten, dann die Abdeckung lösen.", DE),
        ("Entfernen Sie das Schutzgitter zum Reinigen, nachdem Sie den Stecker gezogen haben.", DE),
        ("Einfach den Thermostat im Sommer abschalten, dann spart die Heizung Energie.", DE),
        ("Am besten den Frostschutz im Sommer ausschalten.", DE),
        ("Kurz den Sensor entfernen, reinigen und wieder einsetzen.", DE),
        ("Deaktivieren Sie die Firewall-Benachrichtigungen der App, wenn sie stören.", DE),
        ("Then simply switch off the fuse and change the bulb.", EN),
        ("To clean it, just remove the guard after unplugging the fan.", EN),
        ("Just turn off the thermostat in summer to save energy.", EN),
        ("Just remove the safety film from the screen after installation.", EN),
        ("Just disable the smoke alarm's chirp by replacing the battery.", EN),
        ("You can safely leave the robot vacuum charging overnight.", EN),
        ("You can leave the dishwasher running overnight using the delay timer.", EN),
        # Finding 13: restocks, vouchers, sales, content and the customer's own order are no launches.
        ("The spare part will be available again next week, according to our warehouse.", EN),
        ("Your voucher will be live in your account by the end of the week.", EN),
        ("The webinar recording will be available next week on our YouTube channel.", EN),
        ("The new catalogue will be out next month.", EN),
        ("Your new e-bike will be shipping next week once it's assembled.", EN),
        ("Das Ersatzteil ist nächste Woche wieder lieferbar.", DE),
        ("Ihr Gutschein wird bis Ende der Woche in Ihrem Konto freigeschaltet.", DE),
        ("Die Aufzeichnung des Webinars kommt nächste Woche auf unseren Kanal.", DE),
        ("Die DHL kommt nächste Woche.", DE),
        # Finding 14: no health object.
        ("Die Waage ist genau genug, um Ihr Gepäck vor dem Flug zu prüfen.", DE),
        ("Mit dem Lastenrad sparen Sie sich den Termin in der Autowerkstatt.", DE),
        ("The kitchen scale is accurate enough to check your baking ingredients to the gram.", EN),
        ("The lawn recovers faster if you mow less often in summer.", EN),
        ("With online booking you can skip the call to the dentist's reception.", EN),
        # Finding 15: cooking idioms, the customer's stolen-goods case, a product name, a material, a rating.
        ("Der Kuchen gelingt mit der Form bombensicher.", DE),
        ("Ihr Rad wurde nie gestohlen gemeldet, daher können wir keine Versicherungsbestätigung ausstellen.", DE),
        ("Our bulletproof coffee blend contains MCT oil.", EN),
        ("The case is made of polycarbonate, the same material as bulletproof windows.", EN),
        ("The phone case is impenetrable to dust and water at IP68.", EN),
        # Finding 16: a real denial still passes.
        ("Umweltfreundlich sind die Kapseln leider nicht.", DE),
        # Finding 18: "less" without a price.
        ("The cat eats less than the brand you used before.", EN),
    ],
)
def test_rule_near_misses_pass(patio: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(patio, text, ctx) == []
