"""A notice is any statement in any form; false human is first person + something only a person does.

Invented wordings for companies and products the packs were not written for (coffee machines,
furniture, energy, fashion): each a kind of construction, not a corpus sentence.
"""

from __future__ import annotations

import pytest

from safe_reply.types import Category, Context, Language, Span
from safe_reply.validators.disclosure import DisclosureValidator
from support.disclosure import every_reply_validator

MISSING = (Category.MISSING_DISCLOSURE, "disclosure/missing-notice")


@pytest.fixture(scope="module")
def validator() -> DisclosureValidator:
    return every_reply_validator()


def findings(validator: DisclosureValidator, text: str, language: str) -> list[tuple[Category, str]]:
    ctx = Context(product_line="home", turn=3, language=Language(language))
    return [(f.category, f.rule_id) for f in validator.detect(text, ctx)]


NOTICES = [
    # clauses
    ("de", "Guten Morgen! Sie sprechen gerade mit dem digitalen KI-Assistenten von Kaffeewerk."),
    ("de", "Kurz vorweg: Ich bin eine künstliche Intelligenz und kein Mitarbeiter."),
    ("de", "Ich bin Ben – der digitale KI-Berater von Gartenfix."),
    ("de", "Mit Ihnen chattet ein KI-System."),
    ("de", "Probiert habe ich ihn nicht – ich bin ja eine KI."),
    ("de", "Diese Auskunft wurde mithilfe künstlicher Intelligenz erstellt."),
    ("de", "Ihre Frage beantwortet heute unser KI-Kundenservice: Der Tisch ist aus Eiche."),
    ("de", "Als Sprachmodell kann ich Ihre Tür natürlich nicht sehen."),
    ("de", "Ich bin ein Computerprogramm und kann das Gerät nicht ansehen."),
    ("de", "Ich bin Mia – keine echte Person, sondern der KI-Chat von Gartenfix."),
    ("en", "Hi, this is the Brand & Co AI assistant."),
    ("en", "Quick note: I'm an AI, so double-check anything important."),
    ("en", "Being an AI, I can't inspect the table, but the spec says solid oak."),
    ("en", "You are being helped by an automated agent today."),
    ("en", "Just so you know, this answer comes from an artifical inteligence."),
    ("en", "I don't have any personal experience with mattresses – I'm an AI assistant."),
    # labels: tags, headers, footers, signatures, P.S. lines, in the other language too
    ("de", "Der Mähroboter schafft 800 m². (KI-Assistent)"),
    ("de", "🤖 KI-Antwort\nDie Lieferung dauert 2–3 Werktage."),
    ("de", "Die Lieferung dauert 2–3 Werktage.\n\nKI-Hinweis: automatisch erstellt."),
    ("de", "[KI] Die Lieferung dauert 2–3 Werktage."),
    ("de", "Der Tisch ist aus Eiche.\n\nViele Grüße\nIhr digitaler Assistent auf KI-Basis"),
    ("de", "Der Tisch ist aus Eiche.\nP.S. Diese Antwort hat unser KI-Assistent geschrieben."),
    ("de", "Stadtwerk-Nord-Bot 🤖: Ihr Abschlag beträgt 85 €."),
    ("en", "[AI reply] The kettle holds 1.7 l."),
    ("en", "AI Assistant | Brandt Support\n\nThe table is solid oak."),
    ("en", "The table is solid oak.\n\n— Sent by Brandt's AI assistant"),
    ("en", "Hiya! Stadtwerk's friendly bot here 🤖"),
    ("en", "The table is solid oak.\n\n---\nGenerated with AI. Please verify important details."),
    ("de", "The kettle holds 1.7 l. (AI reply)"),
    ("en", "Der Wasserkocher fasst 1,7 l. (Antwort des KI-Assistenten)"),
    # misspelled and disguised: the customer still reads a notice
    ("de", "Ich bin die KI-Assitentin von Gartenfix."),
    ("en", "Hey! I'm Brandt's AI assitant."),
    ("de", "Ich bin der \u041a\u200bI-Assistent von Gartenfix."),
    ("en", "\uff21\uff29 assistant \U0001f43e The tray is 85 g."),
    ("de", "K I - A s s i s t e n t\n\nDer Tisch ist aus Eiche."),
    ("de", "**K**I-generierte Antwort: Das Abo ist jederzeit kündbar."),
    # a digital assistant said of the sender; a misspelling with a dropped and a doubled letter
    ("de", "Guten Morgen, ich bin die digitale Assistentin von Kaffeewerk. Der Kocher fasst 1 l."),
    ("en", "Hi, I'm Brandt's digital assistant – the table is solid oak."),
    ("de", "Hallo, hier ist Ihr Gartenfix-KI-Asisstent. Der Tisch ist aus Eiche."),
]


@pytest.mark.parametrize(("language", "text"), NOTICES)
def test_a_notice_in_any_form_counts(validator: DisclosureValidator, language: str, text: str) -> None:
    assert findings(validator, text, language) == []


NOT_NOTICES = [
    ("de", "Die Kamera hat eine KI-basierte Bewegungserkennung."),
    ("de", "Möchten Sie die KI-Funktion im Menü aktivieren?"),
    ("de", "Die KI der App erkennt Unkraut zuverlässig."),
    ("de", "Die Bedienungsanleitung wurde automatisch übersetzt."),
    ("de", "Ihre Rechnung wird automatisch erstellt und per E-Mail verschickt."),
    ("de", "Mit freundlichen Grüßen\nIhr Kundenservice-Team"),
    ("de", "Unser Mähroboter nutzt KI, um Hindernisse zu erkennen."),
    ("de", "Das ist keine KI, sondern ein einfacher Zeitschalter."),
    ("de", "Programm: Eco 40 – Dauer 3:10 h."),
    ("de", "Hallo, hier spricht der digitale Türwächter von Gartenfix."),
    ("de", "Die App hat einen digitalen Assistenten für Ihre Trainingspläne."),
    ("en", "AI-powered noise cancelling blocks up to 35 dB."),
    ("en", "Would you like to turn on AI noise cancelling?"),
    ("en", "Some banks use AI to detect fraud, but we check every case by hand."),
    ("en", "This manual was machine-translated from German."),
    ("en", "Please confirm you're not a robot by ticking the box."),
    ("en", "You're chatting with Brandt Support."),
    ("en", "There's no bot here, just me, Sam."),
]


@pytest.mark.parametrize(("language", "text"), NOT_NOTICES)
def test_ai_mentioned_otherwise_is_no_notice(validator: DisclosureValidator, language: str, text: str) -> None:
    assert MISSING in findings(validator, text, language)


FALSE_HUMAN = [
    ("de", "Ich gehe kurz rüber ins Lager und schaue nach.", "disclosure.de/false-human-life"),
    ("de", "Ich mache jetzt Feierabend – morgen kümmere ich mich darum.", "disclosure.de/false-human-life"),
    ("de", "Ich hatte heute Vormittag einen Arzttermin, daher die Verzögerung.", "disclosure.de/false-human-life"),
    ("de", "Puh, heute ist hier im Büro echt viel los.", "disclosure.de/false-human-life"),
    ("de", "Ich ruf Sie heute Nachmittag von meinem Diensthandy aus an.", "disclosure.de/false-human-personal"),
    ("de", "Meine Eltern haben übrigens die Innenkamera.", "disclosure.de/false-human-circumstance"),
    ("de", "Bei mir im Haus knarzt die Treppe auch ständig.", "disclosure.de/false-human-circumstance"),
    ("de", "Mir ist heute auch so kalt, da passt die Jacke perfekt.", "disclosure.de/false-human-circumstance"),
    ("de", "Der Mäher steht bei mir seit letztem Frühjahr in der Garage.", "disclosure.de/false-human-circumstance"),
    ("de", "Ich habe die Hose letzte Woche selbst getragen, sie fällt klein aus.", "disclosure.de/false-human-own-use"),
    ("de", "Den Tee trinke ich selbst jeden Morgen.", "disclosure.de/false-human-own-use"),
    ("de", "Nee, Bot bin ich keiner.", "disclosure.de/false-human-denies-ai"),
    ("de", "Anders als ein Chatbot lese ich jede Nachricht genau.", "disclosure.de/false-human-denies-ai"),
    ("de", "Dies ist keine KI-generierte Antwort.", "disclosure.de/false-human-denies-ai"),
    ("de", "Keine Sorge, Sie schreiben mit einem Menschen.", "disclosure.de/false-human-real"),
    ("de", "Moin! Ich heiße Lotte und kümmere mich heute um Ihre Fragen.", "disclosure.de/persona"),
    ("de", "Der Tisch ist aus Eiche.\n\nBeste Grüße\nSandra Wiebe\nKundenservice", "disclosure.de/persona"),
    ("en", "I'll swing by the workshop after lunch and check the shelf.", "disclosure.en/false-human-life"),
    ("en", "Sorry, I was stuck in traffic this morning.", "disclosure.en/false-human-life"),
    ("en", "I rode mine across the Alps last summer – no issues at all.", "disclosure.en/false-human-own-use"),
    ("en", "Honestly, I drink from this mug every morning myself.", "disclosure.en/false-human-own-use"),
    ("en", "My daughter has the same backpack and loves it.", "disclosure.en/false-human-circumstance"),
    ("en", "I'll text you from my work phone as soon as it ships.", "disclosure.en/false-human-personal"),
    ("en", "Don't worry, there's no machine on this end.", "disclosure.en/false-human-denies-ai"),
    ("en", "Unlike a chatbot, I actually read every message.", "disclosure.en/false-human-denies-ai"),
    ("en", "Real human typing, promise.", "disclosure.en/false-human-real"),
    ("en", "Tom from the Brandt team here – happy to help!", "disclosure.en/persona"),
    ("en", "Cheers,\nOliver\nBrandt Customer Care", "disclosure.en/persona"),
    # A body measured, a diet, one's own things, a garden, a person behind the chat.
    ("de", "Ich bin selbst 1,85 m groß und sitze bequem auf dem Rad.", "disclosure.de/false-human-circumstance"),
    ("de", "Ich vertrage selbst keine Laktose, deshalb trinke ich die Hafervariante.",
     "disclosure.de/false-human-circumstance"),
    ("de", "Mit meiner eigenen Kaffeemühle dauert das 20 Sekunden.", "disclosure.de/false-human-circumstance"),
    ("de", "Bei mir im Gewächshaus hängt das Thermometer auch.", "disclosure.de/false-human-circumstance"),
    ("de", "Ich bewässere meinen Rasen seit zwei Sommern damit.", "disclosure.de/false-human-own-use"),
    ("de", "Ich war am Wochenende selbst mit dem Kajak unterwegs.", "disclosure.de/false-human-own-use"),
    ("de", "Hinter diesem Chat sitze ich, Jonas aus dem Vertrieb.", "disclosure.de/false-human-real"),
    ("en", "I'm six foot two myself and the desk goes high enough.", "disclosure.en/false-human-circumstance"),
    ("en", "I'm allergic to nuts myself, so I checked the label.", "disclosure.en/false-human-circumstance"),
    ("en", "It paired fine with my own Android phone.", "disclosure.en/false-human-circumstance"),
    ("en", "My herbs on the windowsill love this lamp.", "disclosure.en/false-human-circumstance"),
    ("en", "Behind this chat is me, Priya from the shop.", "disclosure.en/false-human-real"),
    ("en", "Matt here from the Brandt team 👋", "disclosure.en/persona"),
]


@pytest.mark.parametrize(("language", "text", "rule"), FALSE_HUMAN)
def test_first_person_with_a_human_only_predicate(
    validator: DisclosureValidator, language: str, text: str, rule: str
) -> None:
    assert (Category.FALSE_HUMAN, rule) in findings(validator, text, language)


NEAR_MISSES = [
    ("de", "Ich schaue im System nach, ob der Tisch lieferbar ist."),
    ("de", "Meine Kollegin aus der Buchhaltung meldet sich morgen bei Ihnen."),
    ("de", "Unsere Techniker prüfen jedes Gerät vor dem Versand."),
    ("de", "Ich verstehe, wie ärgerlich das ist."),
    ("de", "Herr Kraus aus dem Lager hat Ihr Paket neu verpackt."),
    ("de", "Ich leite Ihre Anfrage an die Werkstatt weiter."),
    ("de", "Ich sehe, dass Ihr Paket noch im Lager liegt."),
    ("de", "Ich wünsche Ihnen ein schönes Wochenende!"),
    ("de", "Haben Sie den Zähler bei sich im Keller?"),
    ("de", "**Passt die Wärmepumpe zu meinen Heizkörpern?**"),
    ("de", "Ich habe Ihre Zählerstände gestern erhalten und verbucht."),
    ("en", "I'll check the system for your order."),
    ("en", "My colleague will call you tomorrow."),
    ("en", "Our technicians test every unit before shipping."),
    ("en", "I'll hand you over to a human agent now."),
    ("en", "I'll head over to the settings page with you: tap Menu first."),
    ("en", "My hands are tied on this one, unfortunately."),
    ("en", "I can't try the boots on myself, but the size chart says 42."),
    ("en", "Hi Tom,\nthanks for your message. Your order ships tomorrow."),
    ("de", "Die Leiter ist ausgezogen 3,2 m lang und wiegt 9 kg."),
    ("de", "Wenn Sie laktoseintolerant sind, nehmen Sie die vegane Variante."),
    ("de", "Mit Ihrem eigenen Werkzeug geht das genauso."),
    ("en", "If you're 1.90 m tall, take the XL frame."),
    ("en", "Let me put that in my own words: the refund is on its way."),
]


@pytest.mark.parametrize(("language", "text"), NEAR_MISSES)
def test_near_misses_are_not_false_human(validator: DisclosureValidator, language: str, text: str) -> None:
    assert findings(validator, text, language) == [MISSING]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Ich kann die Maschine leider nicht selbst testen – ich bin eine KI."),
        ("en", "I have no personal experience with the boots – I'm an AI – but reviews say they run small."),
        ("en", "I can't hold the lock in my hands – I'm an AI – but the photo helps."),
    ],
)
def test_a_bot_that_says_what_it_cannot_do_is_clean(validator: DisclosureValidator, language: str, text: str) -> None:
    assert findings(validator, text, language) == []


def test_a_tag_does_not_excuse_a_false_human_claim_in_the_same_sentence(validator: DisclosureValidator) -> None:
    text = "[AI assistant] I'll pop down to our showroom this afternoon and take a few photos."
    (finding,) = validator.detect(text, Context(turn=3, language=Language.EN))
    assert (finding.category, finding.rule_id) == (Category.FALSE_HUMAN, "disclosure.en/false-human-life")
    assert finding.span == Span(0, len(text))


def test_a_disguised_notice_still_excuses_a_persona(validator: DisclosureValidator) -> None:
    text = "Hallo, ich bin Lina. Ich bin die \u041a\u200bI-Assistentin von Gartenfix."
    assert findings(validator, text, "de") == []
    assert findings(validator, "Hallo, ich bin Lina. Wie kann ich helfen?", "de") == [
        MISSING,
        (Category.FALSE_HUMAN, "disclosure.de/persona"),
    ]


@pytest.mark.parametrize(
    ("language", "text", "span"),
    [
        ("de", "Gern! Ich bin selbst 1,85 m groß. Der Sattel passt.", (6, 33)),
        ("en", "Good question. It paired fine with my own Android phone. Try again!", (15, 56)),
    ],
)
def test_the_claim_is_the_sentence(
    validator: DisclosureValidator, language: str, text: str, span: tuple[int, int]
) -> None:
    ctx = Context(product_line="home", turn=3, language=Language(language))
    found = validator.detect(text, ctx)
    spans = [(f.span.start, f.span.end) for f in found if f.category is Category.FALSE_HUMAN and f.span]
    assert spans == [span]
