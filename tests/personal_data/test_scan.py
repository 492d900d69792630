"""The one-pass scan and the fast paths behind it: each must find what the full patterns find.

The validator runs its patterns only where one automaton pass (candidates.py) says a finding could
start, and replaces a few slow library and regex calls by equivalents. These tests state the
equivalences as properties over generated text built from the pieces replies are made of (numbers in
every layout, cue and street words, the characters that case-folding treats specially).
"""

from __future__ import annotations

import importlib.util
import re
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import iban as std_iban
from stdnum import numdb

from personal_data.corpus_score import make_validator
from safe_reply.types import Context, Language, Span
from safe_reply.validators.personal_data import addresses, cues, emails, identifiers, phones
from safe_reply.validators.personal_data.candidates import CandidateScanner
from safe_reply.validators.personal_data.config import Kind
from safe_reply.validators.personal_data.hits import clear_before

ROOT = Path(__file__).resolve().parents[2]
SCANNER = CandidateScanner(list(Kind))

ITEMS = [
    *["0171 2345678", "+49 30 1234567", "(030) 123 45", "0800 123 4567", "030-1234567", "089/123456", "0 30/12 34 56"],
    *["(0)30 1234", "+1 (555) 123-4567", "0171–2345678", "00340434165051686260", "0012", "7", "42", "2025", "0"],
    *["4111 1111 1111 1111", "4111-1111-1111-1111", "3782 822463 10005", "4111 111111111", "5500000000000004"],
    *["12 345 678 901", "93141705862", "DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "GB82 WEST 1234"],
    *["DE136695976", "ATU13585627", "FRXX123456789", "DE 136 695 976", "AT U13585627", "50674 Köln", "1.299,00"],
    *["Lindenstraße 14", "Goethestr. 7a", "Am Rosengarten 3", "Berliner Allee 112", "221B Baker Street", "Elm St"],
    *["Ring 3", "Weg", "Platz", "Markt", "STRASSE", "geboren am", "geb.", "Geburtsdatum", "born", "DOB", "D.O.B."],
    *["Konrad-Adenauer-Straße 101", "An der Alster 5", "Unter den Linden 7", "Hauptstraßenweg", "Kirchweg2", "Str."],
    *["Telefonnummer", "Bestell-Nr.", "Art.-Nr.", "order number", "tracking no.", "ID-Nummer", "Nr.Abc", "nu", "id"],
    *["Tel", "Karte", "card", "Steuer-ID", "Modell", "Filiale", "store", "Lieferadresse", "address", "lives at"],
    *["İd", "ıd", "ſtore", "K", "ẞ", "Ä", "ö", "ß", "x", "Ab", "KF-8784", "€", "²", "_", "@"],
]
GLUE = ["", " ", " ", "  ", "\n", ".", ",", ":", ";", "-", "/", "(", ")", "+", " – ", "„", "“", "\u00a0", "\u202f", "x"]
TEXTS = st.lists(st.tuples(st.sampled_from(GLUE), st.sampled_from(ITEMS)), max_size=20).map(
    lambda parts: "".join(glue + item for glue, item in parts)
)


def _phone_start_possible(text: str, start: int) -> bool:
    """Could a phone number found by find_phones start at `start`? (its pattern, clear start, <= 17 digits)"""
    match = phones._PHONE.match(text, start)
    if match is None or not clear_before(text, start, "+/.,:-", digit_gap=False):
        return False
    if start >= 2 and text[start - 1] == " " and text[start - 2].isdigit():
        return False
    return phones._digits(match.group()) <= phones._MAX_DIGITS


@settings(max_examples=1500, deadline=None)
@given(TEXTS)
def test_every_possible_start_is_a_candidate(text: str) -> None:
    """Triggers are necessary conditions: wherever a detector's pattern matches and its start checks
    pass, the scan reports a candidate (ASCII digits: the pieces above carry no others)."""
    found = SCANNER.scan(text)
    phone_starts = {start - 1 for start in found.phone if start and text[start - 1] == "("} | set(found.phone)
    for position in range(len(text)):
        if text[position] in "0+(" and _phone_start_possible(text, position):
            assert position in phone_starts, (text, position)
        card = identifiers._CARD.match(text, position)
        if card and clear_before(text, position, ".,+/-") and identifiers._grouping_ok(card.group()):
            assert position in found.card, (text, position)
        tax = identifiers._TAX_ID.match(text, position)
        if tax and clear_before(text, position, ".,+/-"):
            assert position in found.tax, (text, position)
        if identifiers._IBAN.match(text, position):
            assert position in found.iban, (text, position)
        if identifiers._VAT.match(text, position):
            assert position in found.vat, (text, position)
        if addresses._ANCHOR.match(text, position):
            assert position in found.address, (text, position)
    assert found.birth or cues.BIRTH_WORD.search(text) is None


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_german_addresses_are_matched_as_a_full_scan_would(text: str) -> None:
    expected = [m.span() for m in addresses._GERMAN.finditer(text)]
    assert [m.span() for m in addresses._german_matches(text, 0, len(text))] == expected


@settings(max_examples=500, deadline=None)
@given(TEXTS, st.data())
def test_cue_tokens_and_verdicts_are_the_full_patterns(text: str, data: st.DataObject) -> None:
    begin = data.draw(st.integers(0, len(text)))
    assert cues._tokens(text, begin, len(text)) == cues._NUMBER_WORD.findall(text, begin, len(text))
    for case_blind in (cues._ADDRESS_FOR, cues._ADDRESS_AGAINST):
        slow = re.compile(f"(?i){case_blind._lowered.pattern}")
        assert case_blind.found_in(text) == (slow.search(text) is not None)


def _addresses_by_search(text: str) -> list[tuple[int, int]]:
    """The e-mail finder as it was: a search in a window around each "@" (the oracle)."""
    found, at = [], text.find("@")
    while at != -1:
        match = emails._EMAIL.search(text, max(0, at - 64), min(len(text), at + 256))
        while match is not None and match.end() <= at:
            match = emails._EMAIL.search(text, match.end(), min(len(text), at + 256))
        if match is not None and match.start() <= at:
            found.append(match.span())
            at = text.find("@", match.end())
        else:
            at = text.find("@", at + 1)
    return found


MAIL_PIECES = ["a", "k.4258", "b.de", "web.de", "x", "_", "%", "+", "-", ".", "@", "@", " ", "ä", "1", "de", "co.uk"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*MAIL_PIECES, "x" * 70]), max_size=30).map("".join))
def test_e_mail_addresses_are_found_as_by_a_search_around_each_at_sign(text: str) -> None:
    assert [m.span() for m in emails._addresses(text)] == _addresses_by_search(text)


@pytest.mark.parametrize("length", [63, 64, 65, 66])
def test_a_local_part_longer_than_64_characters_is_no_address(length: int) -> None:
    text = f"Mail an {'x' * length}@web.de bitte"
    expected = [(8, 8 + length + 7)] if length <= 64 else []
    assert [m.span() for m in emails._addresses(text)] == _addresses_by_search(text) == expected


_IBAN_STRUCTURES = {
    line.split()[0]: re.findall(r"(\d+)!([nac])", bban.group(1))
    for line in (Path(numdb.__file__).parent / "iban.dat").read_text(encoding="utf-8").splitlines()
    if (bban := re.search(r'bban="([^"]*)"', line))
}


@st.composite
def _iban_like(draw: st.DrawFn) -> str:
    country = draw(st.sampled_from([*_IBAN_STRUCTURES, "XX", "AA"]))
    body = ""
    for count, kind in _IBAN_STRUCTURES.get(country, [("18", "n")]):
        alphabet = {"n": string.digits, "a": string.ascii_uppercase, "c": string.digits + string.ascii_uppercase}[kind]
        body += draw(st.text(alphabet=alphabet, min_size=int(count), max_size=int(count)))
    body = body[: draw(st.integers(len(body) - 1, len(body)))]  # sometimes one character short
    digits = (body + country + "00").translate({ord(c): str(ord(c) - 55) for c in string.ascii_uppercase})
    check = draw(st.one_of(st.just(98 - int(digits) % 97), st.integers(0, 99)))
    return f"{country}{check:02d}{body}"


@settings(max_examples=500, deadline=None)
@given(_iban_like())
def test_the_iban_check_is_python_stdnums(number: str) -> None:
    assert identifiers.iban_is_valid(number) == std_iban.is_valid(number)


def phone_spans(text: str, **settings: object) -> list[str]:
    return [f.span.of(text) for f in make_validator(**settings).detect(text, Context()) if f.span]


def test_a_number_found_hides_only_its_own_digits() -> None:
    # The pattern runs on from the first number into the second; each is found.
    assert phone_spans("Tel. 0171 2345678 / 0172 3456789") == ["0171 2345678", "0172 3456789"]


def test_a_candidate_running_on_over_too_many_digits_hides_nothing() -> None:
    # 21 digits are no phone number; the second number is judged on its own.
    assert phone_spans("erreichbar unter 030/7288827 – 0171-5935778!") == ["0171-5935778"]


def test_a_candidate_that_continues_a_figure_hides_nothing() -> None:
    # "00 – 0900 ..." starts at the IBAN's last group: no number starts there, the next one is judged.
    text = "Konto DE89 3704 0044 0532 0130 00 – 0900 5386461 anrufen"
    assert phone_spans(text, allow_service_numbers=False) == ["DE89 3704 0044 0532 0130 00", "0900 5386461"]


def test_a_number_at_the_start_of_a_reply_ending_in_a_figure() -> None:
    assert phone_spans("0171 2345678 erreichen Sie, Zimmer 5 ") == ["0171 2345678"]
    assert phone_spans("(030) 1234567 bis 18 ") == ["(030) 1234567"]


def test_a_recurring_service_line_is_settled_from_memory_with_the_same_result() -> None:
    # Second and later sightings of a number are parsed ahead of the cue words and remembered; the
    # outcome never depends on it: a free-phone line passes, also after a phone word.
    validator = make_validator()
    text = "Tel. 0800 330 1000 oder 0800 330 1000, mobil 0171 2345678."
    first = validator.detect(text, Context())
    again = validator.detect(text, Context())
    assert [f.span for f in first] == [f.span for f in again] == [Span(45, 57)]
    assert phones._MEMO.recurring_service(("0800 330 1000", "DE"))


def test_a_reply_of_figures_alone_passes_in_both_languages() -> None:
    text = (
        "Ihre Bestellung 93604450 vom 09.05.2025 wird am 24.06.2025 geliefert, Preis 1.299,00 €, Artikelnummer "
        "953832589, Modell KF-8784, Hotline 0800 123 4567 (08:00 bis 20:00 Uhr), tracking number "
        "00340434165051686260."
    )
    for language in Language:
        assert make_validator().detect(text, Context(language=language)) == []


def _bench_module(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))  # the script imports its sibling pool.py
    spec = importlib.util.spec_from_file_location("bench_personal_data", ROOT / "benchmarks" / "bench_personal_data.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("kind", ["words", "figures", "dirty"])
def test_the_benchmark_never_times_a_reply_twice(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    bench = _bench_module(monkeypatch)
    pool = bench.replies(kind, 300, 1)
    assert len(set(pool)) == len(pool) == 300
    assert {len(reply) for reply in pool} == {bench.SIZE}
