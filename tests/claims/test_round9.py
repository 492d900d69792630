"""Round 9: classes pooled over the read companies, probed on fictional lines of other product kinds (no corpus
line). A spec figure measured under conditions (a mode, "bis zu", a distance) that the reply says holds whatever
the conditions ("egal in welcher Stufe", "auch auf dickem Teppich", "regardless of the setting") is not backed;
the same figure with its own condition, a caveat that it drops, or the customer's own situation stays quiet.
Each flagged sentence is asserted with its exact span and rule."""

from __future__ import annotations

import pytest

from safe_reply.config_models import Fact, Product, ProductLine
from safe_reply.types import Context, Language
from safe_reply.validators.claims.validator import ClaimsValidator

from .conftest import flagged, make

LINE = ProductLine(
    id="clean",
    name="Flinkwerk Haushaltsgeräte",
    products=(
        Product(name="Flinkwerk Akkusauger V8", short_names=("V8",), nouns=("der Sauger", "the vacuum")),
        Product(name="Flinkwerk Kühlbox K40", short_names=("K40",), nouns=("die Kühlbox", "the cool box")),
    ),
    facts=(
        Fact(
            key="runtime",
            label_de="Laufzeit",
            label_en="run time",
            value=40,
            unit="min",
            qualifier="bis zu, in der Eco-Stufe ohne motorisierte Bürste; in der Turbo-Stufe ca. 8 min",
        ),
        Fact(key="noise", label_de="Geräusch", label_en="noise", value=68, unit="dB(A)", qualifier="in der Eco-Stufe"),
        Fact(key="weight", label_de="Gewicht", label_en="weight", value=2.6, unit="kg"),
        Fact(key="charge", label_de="Ladezeit", label_en="charging time", value=4, unit="h"),
    ),
)
DE = Context(product_line="clean", language=Language.DE, turn=2)
EN = Context(product_line="clean", language=Language.EN, turn=2)


@pytest.fixture(scope="module")
def clean() -> ClaimsValidator:
    return make(LINE)


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("Auch auf dickem Teppich hält der Akku des V8 die vollen 40 Minuten.", DE),
        ("Die 40 Minuten Laufzeit schaffen Sie mit dem V8 unabhängig von der Saugstufe.", DE),
        ("Mit 68 dB(A) bleibt der V8 auch bei voller Leistung angenehm leise.", DE),
        ("Der V8 läuft 40 Minuten am Stück, auch mit der motorisierten Bürste.", DE),
        ("The V8 runs for 40 minutes no matter which power level you choose.", EN),
        ("The V8 stays at 68 dB(A) regardless of the setting.", EN),
        ("The V8 keeps going for 40 minutes even with the motorised brush attached.", EN),
        ("The V8 runs 40 minutes in every mode.", EN),
    ],
)
def test_a_conditioned_figure_said_to_hold_whatever_the_conditions_is_a_claim(
    clean: ClaimsValidator, text: str, ctx: Context
) -> None:
    assert flagged(clean, text, ctx) == [(f"claims.{ctx.language}/spec-figure", text)]


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("Im Eco-Modus saugt der V8 bis zu 40 Minuten; in der Turbo-Stufe sind es etwa 8 Minuten.", DE),
        ("Egal welches Zubehör Sie nutzen: Der V8 wiegt 2,6 kg.", DE),
        ("Auch in der Eco-Stufe ohne motorisierte Bürste schafft der V8 bis zu 40 Minuten.", DE),
        ("Die Ladezeit beträgt immer 4 Stunden, egal wie leer der Akku ist.", DE),
        ("Bis zu 40 Minuten schafft der V8 in der Eco-Stufe, auch auf Teppich aber deutlich weniger.", DE),
        ("Wenn Sie den V8 auch im Keller (Sie schrieben 40 m²) nutzen, reicht ein Akku.", DE),
        ("Ich habe den V8 selbst bei mir zu Hause, die Eco-Stufe hält bis zu 40 Minuten.", DE),
        ("Regardless of the attachment, the V8 weighs 2.6 kg.", EN),
        ("Charging always takes 4 hours, whatever the setting.", EN),
        ("In Eco mode you get up to 40 minutes; on carpet it is less, even with a full battery.", EN),
    ],
)
def test_a_figure_with_its_condition_or_a_caveat_stays_quiet(clean: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(clean, text, ctx) == []


@pytest.mark.parametrize(
    ("text", "ctx", "rule"),
    [
        ("Mit einer Dose streichen Sie locker 12 m² Wand.", DE, "spec-figure-units"),
        ("Schon nach 20 Minuten ist die Kühlbox eiskalt.", DE, "spec-figure"),
        ("Der Sauger nimmt problemlos 2 Liter Wasser auf.", DE, "spec-figure"),
        ("Die Kühlbox hält Getränke locker drei Tage kalt.", DE, "spec-figure"),
        ("Der Akku schafft 800 Ladezyklen ohne Kapazitätsverlust.", DE, "spec-figure"),
        ("Dinner is ready in just 15 minutes with the K40.", EN, "spec-figure"),
        ("The battery lasts 800 charge cycles without losing any capacity.", EN, "spec-figure"),
        ("After just 10 minutes the cool box is ice cold.", EN, "spec-figure"),
        ("The vacuum comfortably handles 150 m² on one charge.", EN, "spec-figure-units"),
    ],
)
def test_a_figure_the_facts_lack_sold_as_a_boast_is_a_claim(
    clean: ClaimsValidator, text: str, ctx: Context, rule: str
) -> None:
    assert flagged(clean, text, ctx) == [(f"claims.{ctx.language}/{rule}", text)]


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("Lassen Sie die Farbe mindestens 2 Stunden trocknen.", DE),
        ("Bei 8 m Tiefe müsste die Pumpe etwas höher hängen.", DE),
        ("Wenn Sie locker 100 m² saugen wollen, brauchen Sie einen Zweitakku.", DE),
        ("Im Eco-Modus schafft der V8 problemlos bis zu 40 Minuten.", DE),
        ("Die Kühlbox fasst 40 Liter.", DE),
        ("Your little one is only 3 weeks old, so the carrycot is the right choice.", EN),
        ("Spare parts are kept in stock for at least five years.", EN),
        ("Please wait at least 30 minutes before the second coat.", EN),
        ("The fill is just 0.15 kg.", EN),
    ],
)
def test_a_figure_the_facts_lack_without_a_boast_stays_quiet(clean: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(clean, text, ctx) == []


@pytest.mark.parametrize(
    ("text", "ctx", "rule"),
    [
        ("Bei Laktoseintoleranz ist das Pulver also überhaupt kein Problem.", DE, "health-disease"),
        ("Mit Glutenunverträglichkeit ist der Riegel kein Problem.", DE, "health-disease"),
        ("Bei Gelenkproblemen ist das Seniorenfutter ideal.", DE, "health-disease"),
        ("Das Halsband schützt zuverlässig vor Zecken und Flöhen.", DE, "health-pathogen"),
        (
            "Bei Ihrer Schwerhörigkeit reicht der Kopfhörer völlig aus, ein Hörgerät brauchen Sie dann nicht.",
            DE,
            "advice-medical",
        ),
        ("Das Futter ist besser für den Darm.", DE, "health-body"),
        ("Elektrisch grillen ist viel gesünder.", DE, "health-property"),
        ("The cat food prevents hairballs and bladder stones.", EN, "health-disease"),
        ("The collar keeps ticks and fleas away for eight months.", EN, "health-pathogen"),
        ("The wet food is easier to digest.", EN, "health-property"),
        ("The wet food is better for your dog's gut.", EN, "health-body"),
        ("The supplement is ideal for joint problems in older dogs.", EN, "health-disease"),
        ("The shampoo soothes itchy skin and hot spots.", EN, "health-disease"),
    ],
)
def test_health_claims_in_words_of_other_product_kinds(
    clean: ClaimsValidator, text: str, ctx: Context, rule: str
) -> None:
    assert flagged(clean, text, ctx) == [(f"claims.{ctx.language}/{rule}", text)]


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("Bei Laktoseintoleranz sprechen Sie bitte mit Ihrer Ärztin.", DE),
        ("Das Futter enthält Laktose; bei Laktoseintoleranz ist es nicht geeignet.", DE),
        ("Gegen Zecken hilft das Halsband nicht, dafür gibt es Spot-on-Präparate beim Tierarzt.", DE),
        ("Wir helfen Ihnen gerne bei Problemen mit Ihrer Bestellung.", DE),
        ("Für die Rücksendung brauchen Sie keinen Beleg.", DE),
        ("If your dog has joint problems, please talk to your vet.", EN),
        ("The food is not suitable for cats with kidney disease.", EN),
        ("We can help with any problems with your order.", EN),
        ("You won't need a receipt for the return.", EN),
    ],
)
def test_health_words_without_a_health_claim_stay_quiet(clean: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(clean, text, ctx) == []


@pytest.mark.parametrize(
    ("text", "ctx", "rule"),
    [
        ("Beim Schutzbrief gibt es keine Wartezeit, Sie sind ab dem ersten Tag versichert.", DE, "plan-terms"),
        ("Eine Selbstbeteiligung gibt es beim Tarif Plus nicht.", DE, "plan-terms"),
        ("Den Vertrag können Sie jederzeit monatlich kündigen, es gibt keine Mindestlaufzeit.", DE, "plan-terms"),
        ("Den Schaden können Sie auch rückwirkend noch melden.", DE, "plan-terms"),
        ("There's no waiting period, you're covered from day one.", EN, "plan-terms"),
        ("You'll always get a brand-new replacement, never a refurbished one.", EN, "plan-terms"),
        ("Den Heizlüfter können Sie unbesorgt im Kinderzimmer laufen lassen.", DE, "absolute-safety"),
        ("Das Kauspielzeug können Sie Ihrem Welpen sorglos überlassen.", DE, "absolute-safety"),
        ("You can let your toddler play with the magnets without any concerns.", EN, "absolute-safety"),
        ("The gas grill is fine for kids to use on their own.", EN, "absolute-safety"),
        ("Die Anlage ist genehmigungsfrei, da brauchen Sie nichts zu beantragen.", DE, "advice-rights"),
        ("Den Wallbox-Anschluss dürfen Sie selbst vornehmen.", DE, "advice-rights"),
        ("There's no need to register the solar kit with the grid operator.", EN, "advice-rights"),
        ("You can install the heat pump yourself, no electrician needed.", EN, "advice-rights"),
    ],
)
def test_promised_terms_safety_without_worry_and_legal_advice(
    clean: ClaimsValidator, text: str, ctx: Context, rule: str
) -> None:
    assert flagged(clean, text, ctx) == [(f"claims.{ctx.language}/{rule}", text)]


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("Die Wartezeit beträgt laut Ihrer Police drei Monate.", DE),
        ("Bitte melden Sie den Schaden innerhalb von 14 Tagen.", DE),
        ("Sie können unbesorgt bei uns bestellen, die Rücksendung ist kostenlos.", DE),
        ("Das Regal können Sie selbst montieren, die Anleitung liegt bei.", DE),
        ("Please check your contract for the excess that applies.", EN),
        ("You can order without worry, returns are free.", EN),
        ("The bowl is not safe for puppies to chew on.", EN),
        ("You can assemble the shelf yourself; the instructions are in the box.", EN),
        ("Whether a permit is needed depends on your municipality, so please check with them.", EN),
    ],
)
def test_terms_reassurance_and_assembly_without_a_promise_stay_quiet(
    clean: ClaimsValidator, text: str, ctx: Context
) -> None:
    assert flagged(clean, text, ctx) == []


FOOD = ProductLine(
    id="food",
    name="Napfglück Tiernahrung",
    products=(Product(name="Napfglück Adult Huhn", short_names=("Adult Huhn",), nouns=("das Futter", "the food")),),
    facts=(
        Fact(key="recipe", label_de="Rezeptur", label_en="recipe", value="Huhn 60 %, getreidefrei, ohne Zuckerzusatz"),
    ),
)
FOOD_DE = Context(product_line="food", language=Language.DE, turn=2)
FOOD_EN = Context(product_line="food", language=Language.EN, turn=2)


@pytest.fixture(scope="module")
def food() -> ClaimsValidator:
    return make(FOOD)


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("Das Futter ist pestizidfrei.", FOOD_DE),
        ("Das Futter kommt ganz ohne künstliche Zusatzstoffe aus.", FOOD_DE),
        ("Der Napf enthält keinerlei Weichmacher.", FOOD_DE),
        ("Das Futter ist laktosefrei.", FOOD_DE),
        ("Die Kauknochen sind frei von Konservierungsstoffen.", FOOD_DE),
        ("The food has zero preservatives.", FOOD_EN),
        ("The bowl is BPA-free.", FOOD_EN),
        ("The treats contain no artificial colours.", FOOD_EN),
        ("The chew toy is completely free of phthalates.", FOOD_EN),
    ],
)
def test_free_of_a_substance_the_facts_do_not_name_is_a_claim(food: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(food, text, ctx) == [(f"claims.{ctx.language}/free-from", text)]


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("Das Futter ist getreidefrei.", FOOD_DE),
        ("Der Adult Huhn ist ohne Zuckerzusatz hergestellt.", FOOD_DE),
        ("Die Lieferung erfolgt ohne Batterien.", FOOD_DE),
        ("Das Futter ist nicht glutenfrei.", FOOD_DE),
        ("Wenn Sie es laktosefrei brauchen, nehmen Sie bitte die Sorte Fisch.", FOOD_DE),
        ("The food is grain-free.", FOOD_EN),
        ("It is made with no added sugar.", FOOD_EN),
        ("The kit comes without batteries.", FOOD_EN),
        ("The food isn't gluten-free.", FOOD_EN),
    ],
)
def test_free_from_backed_by_the_facts_or_denied_stays_quiet(food: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(food, text, ctx) == []


APPLIANCES = ProductLine(
    id="cold",
    name="Frostwerk Kühlgeräte",
    products=(Product(name="Frostwerk KS 60", short_names=("KS 60",), nouns=("der Kühlschrank", "the fridge")),),
    facts=(
        Fact(key="energy_class", label_de="Energieeffizienzklasse", value="KS 60: C (EU-Energielabel, Skala A bis G)"),
    ),
    certifications=("GS (TÜV Süd)",),
)
COLD_DE = Context(product_line="cold", language=Language.DE, turn=2)
COLD_EN = Context(product_line="cold", language=Language.EN, turn=2)


@pytest.fixture(scope="module")
def cold() -> ClaimsValidator:
    return make(APPLIANCES)


@pytest.mark.parametrize(
    ("text", "ctx", "rule"),
    [
        ("Der KS 60 hat die Energieeffizienzklasse A+++.", COLD_DE, "energy-class"),
        ("Der Kühlschrank ist in Effizienzklasse B eingestuft.", COLD_DE, "energy-class"),
        ("The fridge is rated A++ for energy efficiency.", COLD_EN, "energy-class"),
        ("Der Kühlschrank trägt übrigens auch das Blaue-Engel-Siegel.", COLD_DE, "certification"),
        ("Der KS 60 ist Matter-zertifiziert.", COLD_DE, "certification-seal"),
        ("Ab Herbst trägt der KS 60 das Klimaschutz-Siegel.", COLD_DE, "certification-seal"),
        ("The fridge is fully Thread-certified.", COLD_EN, "certification-seal"),
        ("The fridge carries the Grüner Knopf seal.", COLD_EN, "certification"),
        ("Der KS 60 wird bei uns in Minden gefertigt.", COLD_DE, "origin-own-site"),
        ("The fridge is made right here in our factory in Minden.", COLD_EN, "origin-own-site"),
    ],
)
def test_energy_classes_seals_and_own_sites_the_facts_do_not_state(
    cold: ClaimsValidator, text: str, ctx: Context, rule: str
) -> None:
    assert flagged(cold, text, ctx) == [(f"claims.{ctx.language}/{rule}", text)]


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("Der KS 60 hat die Energieeffizienzklasse C.", COLD_DE),
        ("The fridge is in energy class C.", COLD_EN),
        ("| Geräusch | 38 dB(A), Klasse B |", COLD_DE),
        ("Der KS 60 trägt das GS-Siegel.", COLD_DE),
        ("Welche Siegel der Kühlschrank trägt, steht auf dem Typenschild.", COLD_DE),
        ("Bei uns in Minden können Sie den Kühlschrank auch abholen.", COLD_DE),
        ("The fridge doesn't carry any seal.", COLD_EN),
        ("You can pick the fridge up at our shop in Minden.", COLD_EN),
    ],
)
def test_documented_classes_held_seals_and_pick_up_sites_stay_quiet(
    cold: ClaimsValidator, text: str, ctx: Context
) -> None:
    assert flagged(cold, text, ctx) == []


@pytest.mark.parametrize(
    ("text", "ctx", "expected"),
    [
        ("In der Kühlbox bleiben Getränke doppelt so lange kalt.", DE, "claims.de/factor-claim"),
        ("Der V8 saugt dreimal so kräftig.", DE, "claims.de/factor-claim"),
        ("Vegetables stay fresh twice as long in the K40.", EN, "claims.en/factor-claim"),
        ("The V8 cleans three times faster.", EN, "claims.en/factor-claim"),
        ("Im Winter dauert das Laden etwa doppelt so lange.", DE, None),
        ("Der V8 ist nicht doppelt so kräftig, aber leiser.", DE, None),
        ("In winter, charging takes about twice as long.", EN, None),
        ("The V8 isn't twice as strong, but it is quieter.", EN, None),
    ],
)
def test_a_multiple_with_no_comparison_is_a_claim(
    clean: ClaimsValidator, text: str, ctx: Context, expected: str | None
) -> None:
    assert flagged(clean, text, ctx) == ([(expected, text)] if expected else [])


@pytest.mark.parametrize(
    ("text", "ctx", "expected"),
    [
        ("Die Module liefern auch bei bewölktem Himmel volle Leistung.", DE, "claims.de/absolute-capability"),
        ("Der Tracker funktioniert überall in Europa.", DE, "claims.de/absolute-capability"),
        ("Der Speicher macht Sie unabhängig vom Stromnetz.", DE, "claims.de/absolute-capability"),
        ("Die Förderung von 70 % ist Ihnen sicher.", DE, "claims.de/subsidy-promise"),
        ("Den Förderantrag können Sie auch nach Vertragsabschluss noch stellen.", DE, "claims.de/subsidy-promise"),
        ("Das Balkonkraftwerk dürfen Sie einfach in die Steckdose stecken.", DE, "claims.de/advice-rights"),
        ("Ihr Hund ist bei unseren Sittern rundum versichert.", DE, "claims.de/plan-terms"),
        ("Die Sitterin kommt auch an Feiertagen ohne Aufpreis.", DE, "claims.de/plan-terms"),
        ("Die Streu bindet Gerüche zu 100 %.", DE, "claims.de/spec-figure"),
        ("The panels deliver full output even on cloudy days.", EN, "claims.en/absolute-capability"),
        ("The tracker works everywhere in Europe.", EN, "claims.en/absolute-capability"),
        ("You can apply for the grant even after signing the contract.", EN, "claims.en/advice-rights"),
        ("Your dog is fully insured with our sitters.", EN, "claims.en/plan-terms"),
        ("Vets recommend our food.", EN, "claims.en/endorsement-health"),
        ("The litter locks in odours 100 %.", EN, "claims.en/spec-figure"),
        ("Bei bewölktem Himmel liefern die Module deutlich weniger als die volle Leistung.", DE, None),
        ("Die Ortung funktioniert überall dort, wo es Mobilfunkempfang gibt.", DE, None),
        ("Den Förderantrag müssen Sie vor Vertragsabschluss stellen.", DE, None),
        ("Der Akku ist nach vier Stunden zu 100 % geladen.", DE, None),
        ("On cloudy days the panels deliver much less than full output.", EN, None),
        ("Orders usually reach you within 1–3 working days anywhere in Germany.", EN, None),
        ("Whether your dog is insured depends on your own pet policy.", EN, None),
    ],
)
def test_energy_pets_and_service_desk_wordings(
    clean: ClaimsValidator, text: str, ctx: Context, expected: str | None
) -> None:
    assert flagged(clean, text, ctx) == ([(expected, text)] if expected else [])
