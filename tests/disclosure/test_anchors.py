"""The notice rules wake only on specific AI words: everyday words must not run their large patterns.

Every reply runs through the shared scan; a notice rule whose anchor hits runs its patterns on the
sentence. "Software-Update", "Angebot", "automatisch verlängert", "digitale Rechnung", "coffee
machine" are ordinary service language: they used to wake all sixteen notice rules.
"""

from __future__ import annotations

import pytest

from safe_reply.rulepacks import CompiledPacks, compiled_packs, shipped_pack_paths

NOTICE_CATEGORIES = {"ai_notice", "ai_label"}


@pytest.fixture(scope="module")
def packs() -> CompiledPacks:
    return compiled_packs(shipped_pack_paths())


def woken_notice_rules(packs: CompiledPacks, text: str) -> set[str]:
    return {
        packs.rules[index].id
        for index in packs.anchor_hits(text)
        if packs.rules[index].family == "disclosure" and packs.rules[index].category in NOTICE_CATEGORIES
    }


@pytest.mark.parametrize(
    "text",
    [
        "Ein Software-Update für das Display spielen wir bei der nächsten Inspektion auf.",
        "Unser Angebot gilt bis Freitag, danach gilt wieder der Normalpreis.",
        "Das Abo verlängert sich automatisch um zwölf Monate.",
        "Die digitale Rechnung finden Sie in Ihrem Kundenkonto.",
        "Die Maschine entkalkt sich automatisch nach 200 Bezügen.",
        "Das Waschprogramm Eco 40 dauert 3 Stunden.",
        "We will install a software update for the display at the next service.",
        "The coffee machine descales automatically after 200 cups.",
        "Your subscription renews automatically every month.",
        "The offer includes a digital receipt and a washing machine.",
    ],
)
def test_everyday_words_wake_no_notice_rule(packs: CompiledPacks, text: str) -> None:
    assert woken_notice_rules(packs, text) == set()


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Ich bin eine Software und kein Mitarbeiter.", "disclosure.de/notice-self"),
        ("Da ich nur ein Programm bin, kann ich die Farbe nicht beurteilen.", "disclosure.de/notice-self"),
        ("Hallo, ich bin die digitale Assistentin von Kaffeewerk.", "disclosure.de/notice-self"),
        ("Diese Nachricht wurde automatisch erstellt.", "disclosure.de/notice-generated"),
        ("Hallo, ich bin ein Chat-Bot.", "disclosure.de/notice-self"),
        ("I'm software, so I can't sit on the sofa.", "disclosure.en/notice-self"),
        ("Hi, I'm Brandt's digital assistant.", "disclosure.en/notice-self"),
        ("Auto-reply: the drill has 18 V.", "disclosure.en/notice-label"),
        ("Hi, I'm Tropfi, the virtual garden helper.", "disclosure.en/notice-self"),
        ("This reply was generated automatically.", "disclosure.en/notice-generated"),
    ],
)
def test_the_sender_nouns_still_wake_their_rule(packs: CompiledPacks, text: str, rule: str) -> None:
    assert rule in woken_notice_rules(packs, text)
    assert rule in {match.rule.id for match in packs.scan(text)}
