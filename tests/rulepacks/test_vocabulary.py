"""Vocabularies: word classes and named fragments, defined once, matched in their inflected forms."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from safe_reply.errors import ConfigErrors
from safe_reply.rulepacks import compiled_packs
from safe_reply.rulepacks.vocabulary import (
    _NOUN_GUARD,
    _NOUN_START,
    Compound,
    Form,
    forms_regex,
    number_marks,
    word_forms,
)
from safe_reply.types import Language, Span

VOCABULARY = """\
vocabulary: test-de
family: claims
language: de
fragments:
  cure_verb: '(?:{{effect}})'
classes:
  disease:
    legal_basis: "HWG §3"
    words: [Heuschnupfen, Allergie, "trockene Haut"]
  effect:
    compound: none
    words: [heilen, lindern]
  eco:
    words: ["CO2-*", klimaneutral]
"""
VOCABULARY_EN = """\
vocabulary: test-en
family: claims
language: en
classes:
  disease:
    words: [allergy, "hay fever", cold]
"""
PACK = """\
pack: test-claims-de
family: claims
language: de
rules:
  - id: test.de/health
    category: health
    legal_basis: "HWG §3"
    message: {de: "Heilaussage", en: "healing claim"}
    anchors: ["{{disease}}"]
    patterns: ['\\b(?:hilft|{{cure_verb}})\\b[^.!?]{0,40}?\\b{{disease}}']
    flag: ["Das Spray lindert Pollenallergien."]
    pass: ["Das Spray ist für Allergiker geeignet."]
  - id: test.de/eco
    category: environmental
    legal_basis: "UWG §5"
    message: {de: "Umweltaussage", en: "green claim"}
    anchors: ["{{eco}}"]
    patterns: ['\\b{{eco}}']
    flag: ["Der Versand ist CO2-kompensiert."]
    pass: ["Der Versand ist schnell."]
"""
PACK_EN = """\
pack: test-claims-en
family: claims
language: en
rules:
  - id: test.en/health
    category: health
    legal_basis: "HWG §3"
    message: {de: "Heilaussage", en: "healing claim"}
    anchors: ["{{disease}}"]
    patterns: ['\\b(?:helps?|relieves?)\\b[^.!?]{0,40}?\\b{{disease}}']
    flag: ["It relieves allergies."]
    pass: ["It is quiet."]
"""


def write(tmp_path: Path, **files: str) -> list[Path]:
    paths = []
    for name, text in files.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_german_words_match_in_their_inflected_forms_and_as_compound_tails() -> None:
    regex = re.compile(rf"\b{forms_regex(word_forms('Allergie', Language.DE, Compound.TAIL))}\b", re.IGNORECASE)
    for text in ("Allergie", "Allergien", "Pollenallergien", "Hausstauballergie"):
        assert regex.fullmatch(text), text
    assert not regex.search("Allerlei")


def test_german_verbs_match_conjugated_and_participle() -> None:
    regex = re.compile(rf"\b{forms_regex(word_forms('heilen', Language.DE, Compound.NONE))}\b", re.IGNORECASE)
    assert [bool(regex.fullmatch(w)) for w in ("heilt", "heilte", "geheilt", "heilende", "Heilbutt")] == [
        True,
        True,
        True,
        True,
        False,
    ]


@pytest.mark.parametrize(
    ("noun", "verb_forms", "noun_forms"),
    [
        (
            "Platz",
            ["platzen", "platze", "Die Reifen platzen"],
            ["Platz", "Platzes", "Stellplatz", "Sitzplatzes", "platz"],
        ),
        ("Druck", ["drucken", "Sie drucken es aus"], ["Druck", "Drucks", "Wasserdruck", "Saugdruckes", "DRUCKEN"]),
        ("Spiel", ["spielen", "Kinder spielen"], ["Spiel", "Spiele", "Spielen", "Brettspiel", "Kartenspielen"]),
        ("Schlaf", ["schlafen", "Sie schlafen besser"], ["Schlaf", "Schlafes", "Tiefschlaf", "Mittagsschlafs"]),
    ],
)
def test_a_german_noun_is_no_lower_case_verb(noun: str, verb_forms: list[str], noun_forms: list[str]) -> None:
    """A class noun written lower-case with a verb ending is the verb ("platzen" is no form of "Platz"); written
    capitalised, inside a compound or as a sentence-initial verb it stays a form of the noun."""
    regex = re.compile(rf"(?<!\w){forms_regex(word_forms(noun, Language.DE, Compound.TAIL))}(?!\w)", re.IGNORECASE)
    assert [text for text in verb_forms if regex.search(text)] == []
    assert [text for text in noun_forms if not regex.fullmatch(text)] == []
    # A noun as the head of a lower-case compound is still the noun ("milbenfrei"): the guard is for a word end.
    head = re.compile(rf"(?<!\w){forms_regex(word_forms('Milbe', Language.DE, Compound.BOTH))}(?!\w)", re.I)
    assert [bool(head.fullmatch(w)) for w in ("milbenfrei", "Milben", "milben")] == [True, True, False]


def test_a_compound_head_has_two_letters_at_least() -> None:
    """One letter before a class word is another word that ends in it: "Wintern" is no compound of "intern"."""
    regex = re.compile(rf"(?<!\w){forms_regex(word_forms('intern', Language.DE, Compound.TAIL))}(?!\w)", re.I)
    assert [w for w in ("Wintern", "Wintern.") if regex.search(w)] == []
    tail = re.compile(rf"(?<!\w){forms_regex(word_forms('Verbrauch', Language.DE, Compound.TAIL))}(?!\w)", re.I)
    assert [bool(tail.fullmatch(w)) for w in ("Ölverbrauch", "Stromverbrauchs", "Verbrauch", "Xverbrauch")] == [
        True,
        True,
        True,
        False,
    ]


def test_english_words_match_plural_and_verb_forms() -> None:
    allergy = re.compile(rf"\b{forms_regex(word_forms('allergy', Language.EN, Compound.TAIL))}\b", re.IGNORECASE)
    assert [bool(allergy.fullmatch(w)) for w in ("allergy", "allergies", "allergen")] == [True, True, False]
    cure = re.compile(rf"\b{forms_regex(word_forms('cure', Language.EN, Compound.TAIL))}\b", re.IGNORECASE)
    assert [bool(cure.fullmatch(w)) for w in ("cure", "cures", "cured", "curing", "cur")] == [
        True,
        True,
        True,
        True,
        False,
    ]


def test_a_star_word_is_a_prefix_and_a_hyphen_may_be_a_space() -> None:
    [form] = word_forms("CO2-*", Language.DE, Compound.TAIL)
    assert form == Form("co2-", "", True, True)
    regex = re.compile(rf"\b{forms_regex([form])}", re.IGNORECASE)
    assert [bool(regex.search(t)) for t in ("CO2-kompensiert", "CO2 neutral", "CO2neutral")] == [True, True, True]


def test_a_leading_star_word_is_a_suffix_in_any_language() -> None:
    assert word_forms("*bot", None, Compound.NONE) == [Form("bot", "", True, False)]
    [german] = word_forms("*bot", Language.DE, Compound.NONE)
    assert (german.literal, german.open_left) == ("bot", True)
    regex = re.compile(rf"\b{forms_regex(word_forms('*bot', None, Compound.NONE))}\b", re.IGNORECASE)
    assert [bool(regex.search(t)) for t in ("Chatbot", "Servicebot", "Bot", "Bottich")] == [True, True, True, False]


def test_a_star_may_only_start_or_end_a_word() -> None:
    from safe_reply.rulepacks.vocabulary import VocabularyClass

    with pytest.raises(ValueError, match="may only start a word"):
        VocabularyClass.model_validate({"words": ["Chat*bot"]})
    assert VocabularyClass.model_validate({"words": ["*bot", "CO2-*"]}).words == ["*bot", "CO2-*"]


def test_a_rule_uses_classes_and_fragments_by_name_in_its_language(tmp_path: Path) -> None:
    compiled = compiled_packs(
        write(tmp_path, vocab_de=VOCABULARY, vocab_en=VOCABULARY_EN, pack_de=PACK, pack_en=PACK_EN)
    )
    text = "Das Spray lindert Heuschnupfen. It helps with hay fever. Versand CO2-neutral."
    found = [(m.rule.id, m.span.of(text)) for m in compiled.scan(text)]
    assert found == [
        ("test.de/health", "lindert Heuschnupfen"),
        ("test.en/health", "helps with hay fever"),
        ("test.de/eco", "CO2-neutral"),
    ]
    assert {p.name for p in compiled.files} == {"vocab_de.yaml", "vocab_en.yaml", "pack_de.yaml", "pack_en.yaml"}


def test_class_words_are_anchors_with_their_forms(tmp_path: Path) -> None:
    compiled = compiled_packs(write(tmp_path, vocab_de=VOCABULARY, pack_de=PACK))
    health = compiled.rule("test.de/health")
    anchors = {(a.literal, a.open_left, a.open_right) for a in health.anchors}
    # A German word may begin a compound ("Allergietest"): its anchor stays open to the right, and the
    # rule's regex decides (here: the class word must end the word, so the compound does not match).
    assert ("allergie", True, True) in anchors
    # Found inside a compound although the compound is not in the list.
    [match] = [m for m in compiled.scan("Es lindert Pollenallergie.") if m.rule is health]
    assert match.span == Span(3, 25)
    assert [m.rule.id for m in compiled.scan("Es lindert Pollenallergien.")] == ["test.de/health"]
    assert compiled.scan("Der Allergietest ist frei.") == ()


def test_suffix_endings_become_closed_anchors() -> None:
    from safe_reply.rulepacks.anchors import _endings

    assert _endings("(?:ing|es|ed|'s|’s|s)?") == ["ing", "es", "ed", "'s", "’s", "s", ""]
    assert _endings("(?:et|t)(?:e|en)?") == ["ete", "eten", "et", "te", "ten", "t"]
    assert _endings("\\w*") is None  # an open end stays open


def test_a_company_vocabulary_extends_a_class(tmp_path: Path) -> None:
    extra = "vocabulary: acme-de\nfamily: claims\nlanguage: de\nclasses:\n  disease:\n    words: [Zungenbrand]\n"
    compiled = compiled_packs(write(tmp_path, vocab_de=VOCABULARY, extra=extra, pack_de=PACK))
    assert [m.rule.id for m in compiled.scan("Es lindert Zungenbrand.")] == ["test.de/health"]
    assert [m.rule.id for m in compiled.scan("Es lindert Heuschnupfen.")] == ["test.de/health"]


def test_unknown_name_and_circular_fragments_are_config_errors(tmp_path: Path) -> None:
    broken = PACK.replace("{{cure_verb}}", "{{cure_verbs}}")
    with pytest.raises(ConfigErrors) as err:
        compiled_packs(write(tmp_path, vocab_de=VOCABULARY, pack_de=broken))
    [error] = err.value.errors
    assert error.key == "rules[0].patterns[0]"
    assert error.problem.startswith("unknown fragment or class 'cure_verbs' (known: cure_verb, disease, eco, effect")
    circle = VOCABULARY.replace("'(?:{{effect}})'", "'(?:{{loop}})'\n  loop: '{{cure_verb}}'")
    with pytest.raises(ConfigErrors) as err:
        compiled_packs(write(tmp_path, vocab_de=circle, pack_de=PACK))
    assert "in a circle: cure_verb -> loop -> cure_verb" in err.value.errors[0].problem


def test_english_class_words_anchor_on_closed_forms(tmp_path: Path) -> None:
    compiled = compiled_packs(write(tmp_path, vocab_en=VOCABULARY_EN, pack_en=PACK_EN))
    anchors = {(a.literal, a.open_left, a.open_right) for a in compiled.rule("test.en/health").anchors}
    # Every inflected form is its own anchor, closed on the right: "colds", not "coldest" or a German "Colditz".
    assert {("cold", False, False), ("colds", False, False), ("allergies", False, False)} <= anchors
    assert ("cold", False, True) not in anchors


def _length_guard(length: int) -> str:
    """The noun guard as it was first written: a look-behind of the noun's length at its end."""
    return rf"(?!(?<=(?<![^\W\d_])(?-i:[a-zäöüß])\w{{{length - 1}}})(?:en|n|e)(?!\w))"


def _reference_regex(forms: list[Form]) -> str:
    """The trie with every word end spelling out its own guard and suffix (before suffixes and guards were shared)."""
    root: dict[str, Any] = {}
    for form in forms:
        node = root
        for ch in form.literal:
            node = node.setdefault(ch, {})
        suffix = form.suffix + (r"\w*" if form.open_right else "")
        if form.noun and form.literal.isalpha():  # the noun guard, at the end of every noun
            suffix = _length_guard(len(form.literal)) + (f"(?:{suffix})" if suffix else "")
        node.setdefault("", set()).add(suffix)

    def emit(node: dict[str, Any]) -> str:
        alternatives = [_literal(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        alternatives += sorted(node.get("", ()), key=len, reverse=True)
        if len(alternatives) == 1:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + ")" if alternatives else ""

    body = emit(root)
    # A compound's head has at least two letters: "xakne" is no compound of "Akne".
    return rf"(?:(?:\w{{2,}}?)?{body})" if any(form.open_left for form in forms) else body


def _literal(ch: str) -> str:
    return r"[\s\-]+" if ch == " " else r"[\s\-]?" if ch == "-" else re.escape(ch)


WORDS = ["Akne", "Aknenarbe", "Allergie", "heilen", "halten", "Rücken schmerzen", "Kopf-weh", "cure", "allergy",
         "back pain", "acne", "heal", "ache", "aches"]  # fmt: skip
PROBES = st.lists(
    st.sampled_from(["akne", "aknenarben", "allergien", "heilt", "geheilt", "hält", "rückenschmerzen", "kopf-weh",
                     "cures", "allergies", "back-pain", "acnes", "healing", "aching", "aches", "x", " ", ", ", "-"]),
    max_size=12,
).map("".join)  # fmt: skip


@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=8, unique=True),
    st.sampled_from([Language.DE, Language.EN]),
    st.sampled_from(list(Compound)),
    PROBES,
)
@example(["Akne"], Language.DE, Compound.TAIL, "xakne")  # a one-letter head, found by hypothesis in round 11
def test_a_shared_suffix_matches_exactly_like_a_suffix_at_every_word_end(
    words: list[str], language: Language, compound: Compound, text: str
) -> None:
    forms = [form for word in words for form in word_forms(word, language, compound)]
    shared = re.compile(rf"\b{forms_regex(forms)}\b", re.IGNORECASE)
    reference = re.compile(rf"\b{_reference_regex(forms)}\b", re.IGNORECASE)
    assert [m.span() for m in shared.finditer(text)] == [m.span() for m in reference.finditer(text)]


def test_nouns_of_one_class_share_one_suffix() -> None:
    forms = [form for word in ("Akne", "Allergie", "Asthma") for form in word_forms(word, Language.DE, Compound.NONE)]
    # One marker where the word starts, one guard and one suffix after the subtree.
    suffix = "(?:ern|ens|en|er|es|em|ns|e|n|s)?"
    assert forms_regex(forms) == f"{_NOUN_START}a(?:kne|llergie|sthma){_NOUN_GUARD}(?:{suffix})"
    platzen = re.compile(rf"\b{forms_regex(word_forms('Platz', Language.DE, Compound.NONE))}\b", re.IGNORECASE)
    assert [m.group() for m in platzen.finditer("Die Reifen platzen nicht, der Platz reicht")] == ["Platz"]


def test_each_class_in_a_pattern_gets_its_own_marker() -> None:
    # Two noun classes in one pattern: their markers and guards are named apart, so the pattern compiles, and each
    # guard asks the marker of its own class.
    body = forms_regex(word_forms("Platz", Language.DE, Compound.NONE))
    numbered = number_marks(rf"\b{body}\s+und\s+{body}\b")
    assert numbered.count("(?P<nlc1>)") == numbered.count("(?P<nlc2>)") == 1
    assert numbered.count("(?(nlc1)") == numbered.count("(?(nlc2)") == 2  # "Platz" and its plural "Plätz-e"
    both = re.compile(numbered, re.IGNORECASE)
    assert both.search("Der Platz und Platz") is not None
    assert both.search("der Platz und platzen") is None
