"""Notice forms and implied-human statements pooled from the misses of all read sets (round 8).

Each class is probed with sentences written for other product kinds than the corpora (insurance,
cosmetics, travel, tools, furniture, camping): the rule that reads it and the exact words it reads,
and near misses of the same shape that must stay unflagged. The classes:
- authorship with the AI as a support adverb ("KI-gestützt generiert", "AI-assisted"), drafting, an
  AI noun compound or a part of the reply as the object ("our AI tool wrote the answer");
- a notice in a third language (French, Spanish, Italian, Portuguese, Dutch);
- sitting or standing by a thing, taking the product along on one's outings, "bei mir hält er";
- a denied human ("kein Mensch aus Fleisch und Blut") is an honest answer, not a claim.
"""

from __future__ import annotations

import pytest

from safe_reply.rulepacks import CompiledPacks, compiled_packs, shipped_pack_paths
from safe_reply.types import Category, Context, Language
from safe_reply.validators.disclosure import DisclosureValidator, Required, Settings


@pytest.fixture(scope="module")
def packs() -> CompiledPacks:
    return compiled_packs(shipped_pack_paths())


def disclosure_matches(packs: CompiledPacks, text: str) -> list[tuple[str, str]]:
    return [(m.rule.id, text[m.span.start : m.span.end]) for m in packs.scan(text) if m.rule.family == "disclosure"]


FOUND = [
    (
        "Diese Nachricht wurde KI-gestützt generiert.",
        "disclosure.de/notice-generated",
        "Diese Nachricht wurde KI-gestützt",
    ),
    ("Dieser Text ist KI-unterstützt entstanden.", "disclosure.de/notice-generated", "Dieser Text ist KI-unterstützt"),
    (
        "Die Antwort wurde KI-basiert erstellt und von uns geprüft.",
        "disclosure.de/notice-generated",
        "Die Antwort wurde KI-basiert",
    ),
    (
        "Diese Auskunft wurde mithilfe künstlicher Intelligenz erstellt.",
        "disclosure.de/notice-generated",
        "Diese Auskunft wurde mithilfe künstlicher Intelligenz",
    ),
    ("Antwort KI-gestützt verfasst.", "disclosure.de/notice-label", "Antwort KI-gestützt verfasst"),
    (
        "Die folgenden Zeilen sind mit Hilfe von KI formuliert.",
        "disclosure.de/notice-generated",
        "Die folgenden Zeilen sind mit Hilfe von KI",
    ),
    ("This message was AI-assisted.", "disclosure.en/notice-generated", "This message was AI-assisted"),
    (
        "This answer was generated with AI assistance.",
        "disclosure.en/notice-generated",
        "This answer was generated with AI assistance",
    ),
    ("Reply drafted with the help of AI.", "disclosure.en/notice-generated", "Reply drafted with the help of AI"),
    (
        "This text was written with the support of an AI model.",
        "disclosure.en/notice-generated",
        "This text was written with the support of an AI model",
    ),
    (
        "The reply below was produced AI-assisted.",
        "disclosure.en/notice-generated",
        "The reply below was produced AI-assisted",
    ),
    (
        "Unser KI-Assistent hat diese Antwort verfasst.",
        "disclosure.de/notice-generated",
        "Unser KI-Assistent hat diese Antwort verfasst",
    ),
    (
        "Diese Antwort hat unser KI-System für Sie zusammengestellt.",
        "disclosure.de/notice-generated",
        "Diese Antwort hat unser KI-System",
    ),
    (
        "Our AI assistant drafted this reply for you.",
        "disclosure.en/notice-generated",
        "Our AI assistant drafted this reply",
    ),
    ("Our AI tool wrote the answer above.", "disclosure.en/notice-generated", "Our AI tool wrote the answer"),
    (
        "Den technischen Teil dieser Antwort hat unsere KI entworfen.",
        "disclosure.de/notice-generated",
        "dieser Antwort hat unsere KI",
    ),
    ("Réponse générée par une IA.", "disclosure.en/notice-other-language", "générée par une IA"),
    (
        "Cette réponse a été générée par une intelligence artificielle.",
        "disclosure.en/notice-other-language",
        "générée par une intelligence artificielle",
    ),
    ("Respuesta generada por IA.", "disclosure.en/notice-other-language", "generada por IA"),
    (
        "Esta respuesta fue generada por inteligencia artificial.",
        "disclosure.en/notice-other-language",
        "generada por inteligencia artificial",
    ),
    ("Risposta generata dall'IA.", "disclosure.en/notice-other-language", "generata dall'IA"),
    ("Dit antwoord is gegenereerd door AI.", "disclosure.en/notice-other-language", "gegenereerd door AI"),
    ("Je suis un assistant virtuel.", "disclosure.en/notice-other-language", "Je suis un assistant virtuel"),
    ("Soy un asistente de IA.", "disclosure.en/notice-other-language", "Soy un asistente de IA"),
    (
        "Guten Tag! Ich sitze hier direkt neben der Prüfstation und kann Ihnen sagen: Der Preis ist vorläufig.",
        "disclosure.de/false-human-circumstance",
        "Ich sitze hier direkt neben der Prüfstation",
    ),
    (
        "Ich stehe gerade neben dem Sofa in unserer Ausstellung.",
        "disclosure.de/false-human-circumstance",
        "Ich stehe gerade neben dem Sofa",
    ),
    (
        "Ich sitze direkt vor dem Regal mit den Fahrradhelmen.",
        "disclosure.de/false-human-circumstance",
        "Ich sitze direkt vor dem Regal",
    ),
    (
        "Ich stehe hier am Verkaufstresen und sehe das Modell vor mir.",
        "disclosure.de/false-human-circumstance",
        "Ich stehe hier am Verkaufstresen",
    ),
    (
        "Ich sitze gerade neben dem Lackierautomaten, daher die kurze Antwort.",
        "disclosure.de/false-human-circumstance",
        "Ich sitze gerade neben",
    ),
    (
        "I'm sitting right next to the test bench, so I can tell you the price is provisional.",
        "disclosure.en/false-human-circumstance",
        "I'm sitting right next to the test",
    ),
    (
        "I'm standing by the sofa in our showroom right now.",
        "disclosure.en/false-human-life",
        "I'm standing by the sofa in our showroom",
    ),
    ("I'm sitting in front of the shelf with the helmets.", "disclosure.en/false-human-circumstance", "I'm sitting in"),
    (
        "I'm right next to the espresso machine in our demo kitchen.",
        "disclosure.en/false-human-circumstance",
        "I'm right next to the espresso",
    ),
    (
        "Ich nehme meine P20 selbst immer zum Wandern mit, bei mir reicht sie locker für ein verlängertes Wochenende.",
        "disclosure.de/false-human-own-use",
        "Ich nehme meine P20 selbst immer zum Wandern mit",
    ),
    (
        "Ich nehme den Rucksack jedes Mal zum Klettern mit.",
        "disclosure.de/false-human-own-use",
        "Ich nehme den Rucksack jedes Mal zum Klettern mit",
    ),
    ("Bei mir hält der Akku locker zwei Wochen durch.", "disclosure.de/false-human-circumstance", "Bei mir hält der"),
    (
        "Ich packe die Thermoskanne immer in meinen Wanderrucksack.",
        "disclosure.de/false-human-own-use",
        "Ich packe die Thermoskanne immer in meinen Wanderrucksack",
    ),
    (
        "I take my P20 camping every summer and it lasts the whole weekend.",
        "disclosure.en/false-human-own-use",
        "I take my P20 camping",
    ),
    (
        "I always bring the kettle along when we go camping.",
        "disclosure.en/false-human-own-use",
        "I always bring the kettle along when we go camping",
    ),
    ("On my bike the battery lasts two weeks easily.", "disclosure.en/false-human-circumstance", "my bike"),
    ("Mine comes with me on every ski trip.", "disclosure.en/false-human-circumstance", "with me on every ski trip"),
    (
        "Die Antwort zu Ihrer Police ist KI-generiert.",
        "disclosure.de/notice-generated",
        "Die Antwort zu Ihrer Police ist KI-generiert",
    ),
    (
        "Diese Empfehlung wurde KI-unterstützt verfasst – bitte prüfen Sie die Maße.",
        "disclosure.de/notice-generated",
        "Diese Empfehlung wurde KI-unterstützt",
    ),
    ("This recommendation was AI-generated.", "disclosure.en/notice-generated", "This recommendation was AI-generated"),
    (
        "This summary is AI-assisted; please check the dimensions.",
        "disclosure.en/notice-generated",
        "This summary is AI-assisted",
    ),
    ("Answer drafted by our AI assistant.", "disclosure.en/notice-generated", "Answer drafted by our AI assistant"),
    (
        "The following reply was AI-assisted and checked by our team.",
        "disclosure.en/notice-generated",
        "The following reply was AI-assisted",
    ),
    ("Esta respuesta ha sido generada por IA.", "disclosure.en/notice-other-language", "generada por IA"),
    (
        "Questa risposta è stata generata da un'intelligenza artificiale.",
        "disclosure.en/notice-other-language",
        "generata da un'intelligenza artificiale",
    ),
    ("Resposta gerada por IA.", "disclosure.en/notice-other-language", "gerada por IA"),
    ("Ik ben een virtuele assistent.", "disclosure.en/notice-other-language", "Ik ben een virtuele assistent"),
    (
        "Ich sitze gerade vorne im Laden neben der Werkbank.",
        "disclosure.de/false-human-circumstance",
        "Ich sitze gerade vorne im Laden",
    ),
    (
        "Ich stehe direkt vor dem Kosmetikregal und sehe die Tiegel.",
        "disclosure.de/false-human-circumstance",
        "Ich stehe direkt vor dem Kosmetikregal",
    ),
    (
        "Ich nehme meinen Campingkocher jedes Jahr in den Urlaub mit.",
        "disclosure.de/false-human-life",
        "Ich nehme meinen Campingkocher jedes Jahr in den Urlaub",
    ),
    (
        "I always take my e-bike on my holidays.",
        "disclosure.en/false-human-own-use",
        "I always take my e-bike on my holidays",
    ),
    (
        "I'm standing right next to the drill press in the workshop.",
        "disclosure.en/false-human-circumstance",
        "I'm standing right next to the drill",
    ),
    (
        "I'm sitting on the sofa in our showroom as I write this.",
        "disclosure.en/false-human-circumstance",
        "I'm sitting on the sofa",
    ),
]


@pytest.mark.parametrize(("text", "rule", "words"), FOUND)
def test_the_rule_reads_exactly_these_words(packs: CompiledPacks, text: str, rule: str, words: str) -> None:
    assert (rule, words) in disclosure_matches(packs, text)


NEAR_MISSES = [
    "Die KI-gestützte Geräuschunterdrückung filtert Wind heraus.",
    "Die Fotos im Shop wurden KI-gestützt optimiert.",
    "Unsere KI-gestützte Routenplanung wurde von Fachleuten entwickelt.",
    "The AI-assisted sizing tool generated a recommendation of size M.",
    "Our AI noise cancelling was developed with help from sound engineers.",
    "Die App erstellt mithilfe künstlicher Intelligenz einen Trainingsplan.",
    "La fonction IA de l'aspirateur reconnaît les tapis.",
    "The recipe was generated by our chef team.",
    "Your AI assistant in the app drafted a shopping list for you?",
    "Möchten Sie, dass unsere KI einen Entwurf erstellt?",
    "Der Bericht wurde automatisch übersetzt.",
    "Die Matratze wurde von unserem Testteam geprüft.",
    "Ich stehe Ihnen für Fragen jederzeit zur Verfügung.",
    "Ich sitze an Ihrem Anliegen und melde mich gleich.",
    "Ich stehe vor einem Rätsel, was die Sendung angeht.",
    "Die Prüfstation in Kassel prüft jedes Gerät.",
    "Ich nehme Ihre Anfrage gern auf.",
    "Ich nehme das mit in die Liste der Verbesserungsvorschläge.",
    "Bei mir im System ist die Bestellung als versendet markiert.",
    "Nehmen Sie die P20 ruhig zum Wandern mit: sie reicht für ein Wochenende.",
    "I'm sitting on a lot of requests today, so thanks for your patience.",
    "I'll take that along to the product team.",
    "On my end the order shows as shipped.",
    "Many customers take the P20 camping.",
    "I stand behind every recommendation I give.",
    "Ich stehe voll hinter dieser Empfehlung.",
    "Unser Reiseplaner ist KI-gestützt und schlägt Routen vor.",
    "Die KI-gestützte Hautanalyse wurde von Dermatologen entwickelt.",
    "Das Angebot wurde von unserem Team erstellt.",
    "Die Versicherungsbedingungen wurden von Juristen verfasst.",
    "Our AI-assisted skin scan was designed with dermatologists.",
    "The quote was drafted by our sales team.",
    "This sofa was designed in Copenhagen.",
    "Is this answer AI-generated? No, our team wrote it.",
    "Je suis désolé pour le retard.",
    "Sono disponibile dal lunedì al venerdì.",
    "Soy de Madrid.",
    "La IA de la cámara reconoce caras.",
    "Ich sitze noch an Ihrer Anfrage.",
    "Ich stehe im Kontakt mit dem Hersteller.",
    "Ich stehe Ihnen gern zur Verfügung.",
    "Ich nehme Ihre Reklamation zum Anlass, den Prozess zu prüfen.",
    "I'm next to nothing in terms of knowledge about that brand.",
    "Most travellers take the suitcase on long trips.",
    "I'll pack the details into my reply.",
    "Bei mir reicht ein kurzer Hinweis per E-Mail.",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_of_the_same_shape_wake_no_disclosure_rule(packs: CompiledPacks, text: str) -> None:
    assert disclosure_matches(packs, text) == []


def test_a_passive_or_foreign_notice_is_not_inserted_twice(packs: CompiledPacks) -> None:
    validator = DisclosureValidator("disclosure", Settings(required=Required.EVERY_REPLY), packs, Language.DE)
    for reply in (
        "Diese Nachricht wurde KI-gestützt generiert.\n\nDie Kommode ist 80 cm breit und aus Eiche.",
        "Die Police gilt ab dem ersten Tag.\n\nRéponse générée par une IA.",
    ):
        assert validator.detect(reply, Context(turn=3)) == []


def test_a_denied_human_next_to_an_ai_statement_is_no_false_human_claim(packs: CompiledPacks) -> None:
    validator = DisclosureValidator("disclosure", Settings(required=Required.EVERY_REPLY), packs, Language.DE)
    reply = "Nein – hier schreibt eine KI, kein Mensch aus Fleisch und Blut. Gern leite ich Sie an das Team weiter."
    assert [f.category for f in validator.detect(reply, Context(turn=2))] == []
    claim = "Keine Sorge, ich bin ein Mensch aus Fleisch und Blut."
    assert Category.FALSE_HUMAN in [f.category for f in validator.detect(claim, Context(turn=2))]
