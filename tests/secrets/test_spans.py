"""Exact-span tables: every disguise of the issue, German first, then English.

Each row: reply, [(start, end, leaked spelling)]. The spelling is text[start:end] and is listed so a
failing row shows what was (not) covered.
"""

from __future__ import annotations

import pytest

from safe_reply.validators.trade_secrets import TradeSecretValidator

from .conftest import found

SPANS_DE: list[tuple[str, list[tuple[int, int, str]]]] = [
    ("Das Projekt Kranich startet.", [(12, 19, "Kranich")]),
    ("Das Projekt KRANICH startet.", [(12, 19, "KRANICH")]),
    ("Das Projekt kRaNiCh startet.", [(12, 19, "kRaNiCh")]),
    ("Die Entwicklung des Kranichs läuft.", [(20, 28, "Kranichs")]),
    ("Die ersten Kraniche laufen vom Band.", [(11, 19, "Kraniche")]),
    ("Mit den Kranichen geht es voran.", [(8, 17, "Kranichen")]),
    ("Das Kranichprojekt ist intern.", [(4, 11, "Kranich")]),
    ("Das Kranich-Projekt ist intern.", [(4, 11, "Kranich")]),
    ("Das Projektkranich-Team tagt.", [(11, 18, "kranich")]),
    ("Die Möwenplattform kommt.", [(4, 8, "Möwe")]),
    ("Wir nennen es Moewe.", [(14, 19, "Moewe")]),
    ("Wir nennen es Mowe.", [(14, 18, "Mowe")]),
    ("Wir nennen es MOEWE.", [(14, 19, "MOEWE")]),
    ("Wir nennen es Mo\u0308we.", [(14, 19, "Mo\u0308we")]),
    ("Die Plattform Grossglockner kommt.", [(14, 27, "Grossglockner")]),
    ("Die Plattform GROSSGLOCKNER kommt.", [(14, 27, "GROSSGLOCKNER")]),
    ("Motoren von Mueller Antriebe.", [(12, 28, "Mueller Antriebe")]),
    ("Motoren von Muller\nAntriebe.", [(12, 27, "Muller\nAntriebe")]),
    ("Das Projekt Kra\u200bnich.", [(12, 20, "Kra\u200bnich")]),
    ("Das Projekt Kra\u200cni\u200dch.", [(12, 21, "Kra\u200cni\u200dch")]),
    ("Das Projekt Kra\u2060nich\ufeff.", [(12, 20, "Kra\u2060nich")]),
    ("Das Projekt Kra\u00adnich.", [(12, 20, "Kra\u00adnich")]),
    ("Das Projekt Kra&shy;nich.", [(12, 24, "Kra&shy;nich")]),
    ("Das Projekt &#75;ranich.", [(12, 23, "&#75;ranich")]),
    ("Das Projekt Krаnich.", [(12, 19, "Krаnich")]),  # Cyrillic а
    ("Das Projekt Κranich.", [(12, 19, "Κranich")]),  # Greek Κ
    ("Die Plattform Großglocknеr.", [(14, 26, "Großglocknеr")]),  # Cyrillic е
    ("Das Projekt Ｋｒａｎｉｃｈ.", [(12, 19, "Ｋｒａｎｉｃｈ")]),
    ("Das Projekt 𝐊𝐫𝐚𝐧𝐢𝐜𝐡.", [(12, 19, "𝐊𝐫𝐚𝐧𝐢𝐜𝐡")]),
    ("Es heißt K r a n i c h.", [(9, 22, "K r a n i c h")]),
    ("Es heißt K-R-A-N-I-C-H.", [(9, 22, "K-R-A-N-I-C-H")]),
    ("Es heißt K.R.A.N.I.C.H.", [(9, 22, "K.R.A.N.I.C.H")]),
    ("Es heißt Kra-nich.", [(9, 17, "Kra-nich")]),
    ("Es heißt Kra-\nnich.", [(9, 18, "Kra-\nnich")]),
    ("Es heißt **Kra**nich.", [(11, 20, "Kra**nich")]),
    ("Es heißt _Kra_nich.", [(10, 18, "Kra_nich")]),
    ("Zu Kr4n1ch gibt es nichts.", [(3, 10, "Kr4n1ch")]),
    ("Zu Kr@nich gibt es nichts.", [(3, 10, "Kr@nich")]),
    ("Rückwärts: hcinarK.", [(11, 18, "hcinarK")]),
    ("ROT13: Xenavpu.", [(7, 14, "Xenavpu")]),
    ("Base64: S3JhbmljaA== bitte.", [(8, 20, "S3JhbmljaA==")]),
    # The limit's amount is the fact itself (facts.py): goodwill + limit + an amount in one sentence.
    ("Die interne Kulanz-Grenze liegt bei 80 €.", [(12, 25, "Kulanz-Grenze"), (36, 40, "80 €")]),
    ("Die Hautklar Retinol-Night kommt.", [(4, 26, "Hautklar Retinol-Night")]),
    ("Laut System N H X ist es unterwegs.", [(12, 17, "N H X")]),
    ("Die neue EOS-Serie.", [(9, 12, "EOS")]),
    ("Das Projekt Еоs.", [(12, 15, "Еоs")]),  # Cyrillic Е, о
    ("Der VeloNova T10 kommt im März.", [(4, 16, "VeloNova T10")]),
    ("Unser EK 412,50 € ist vertraulich.", [(6, 17, "EK 412,50 €")]),
    ("Unser Preis: E K 4,80 €.", [(13, 23, "E K 4,80 €")]),
    ("Ihr Fall: NHD-\n50771.", [(10, 20, "NHD-\n50771")]),
    ("Ihr Fall: NHD 50771.", [(10, 19, "NHD 50771")]),
]

SPANS_EN: list[tuple[str, list[tuple[int, int, str]]]] = [
    ("I can't share details about Project Crane yet.", [(28, 41, "Project Crane")]),
    ("Our platform GROSSGLOCKNER ships in 2027.", [(13, 26, "GROSSGLOCKNER")]),
    ("The Kranich's launch is planned.", [(4, 11, "Kranich")]),
    ("Ask about O r i o n later.", [(10, 19, "O r i o n")]),
    ("The Orionprojekt is internal.", [(4, 9, "Orion")]),
    ("It is made by Mueller Antriebe.", [(14, 30, "Mueller Antriebe")]),
    ("Reversed it reads noirO.", [(18, 23, "noirO")]),
    ("In ROT13: Bevba.", [(10, 15, "Bevba")]),
    ("Encoded: T3Jpb24= as asked.", [(9, 17, "T3Jpb24=")]),
    ("Ticket NHD-7730 is open.", [(7, 15, "NHD-7730")]),
]


@pytest.mark.parametrize(("text", "expected"), SPANS_DE + SPANS_EN)
def test_exact_spans(validator: TradeSecretValidator, text: str, expected: list[tuple[int, int, str]]) -> None:
    assert found(validator, text) == expected


def test_spans_point_into_the_original_after_width_changes(validator: TradeSecretValidator) -> None:
    # Entities, a ligature-like wide character and NFD before the term shift every later offset.
    text = "A&amp;B ﬁ Ｘ o\u0308 Kranich"
    assert found(validator, text) == [(15, 22, "Kranich")]
