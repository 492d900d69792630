"""The rule-pack engine: schema errors, anchors, scan spans, example runner, shipped packs."""

from __future__ import annotations

from pathlib import Path

import pytest

from safe_reply.errors import ConfigErrors
from safe_reply.rulepacks import compiled_packs, load_packs, shipped_pack_paths
from safe_reply.rulepacks.examples import ExampleKind, run_examples
from safe_reply.types import Span

RULE = """
  - id: {id}
    category: test
    legal_basis: "UWG §5"
    message: {{de: "Deutsch", en: "English"}}
    anchors: {anchors}
    patterns: {patterns}
    flag: {flag}
    pass: {pass_}
"""


def write_pack(folder: Path, name: str, rules: str, pack: str | None = None) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(f"pack: {pack or name}\nfamily: demo\nlanguage: de\nrules:{rules}", encoding="utf-8")
    return path


def rule(rule_id: str = "R-1", anchors: str = "[heilt]", patterns: str = "['\\bheilt\\b']", **kw: str) -> str:
    return RULE.format(
        id=rule_id,
        anchors=anchors,
        patterns=patterns,
        flag=kw.get("flag", '["Die Creme heilt alles."]'),
        pass_=kw.get("pass_", '["Die Creme pflegt."]'),
    )


# --- shipped packs: every example of every rule is a test ------------------------------------


SHIPPED = compiled_packs(shipped_pack_paths())
SHIPPED_RESULTS = run_examples(SHIPPED)


def test_shipped_packs_exist_for_both_languages() -> None:
    disclosure = {p.model.language.value for p in SHIPPED.packs if p.model.family == "disclosure"}
    assert disclosure == {"de", "en"}


@pytest.mark.parametrize("result", SHIPPED_RESULTS, ids=[f"{r.pack}:{r.key}" for r in SHIPPED_RESULTS])
def test_shipped_example(result) -> None:  # type: ignore[no-untyped-def]
    expectation = "must be flagged by" if result.kind is ExampleKind.FLAG else "must not be flagged by"
    assert result.ok, f"{result.text!r} {expectation} {result.rule_id} (matched: {result.matched!r})"


# --- schema errors name file, key path and fix ------------------------------------------------


def test_bad_regex_names_key_path(tmp_path: Path) -> None:
    path = write_pack(tmp_path, "bad", rule() + rule("R-2", patterns="['\\bok\\b', '(unclosed']"))
    with pytest.raises(ConfigErrors) as caught:
        compiled_packs([path])
    (error,) = caught.value.errors
    assert error.file == str(path.resolve())
    assert error.key == "rules[1].patterns[1]"
    assert error.problem == "invalid regular expression (missing ), unterminated subpattern at position 0)"
    assert "single quotes" in error.fix


def test_missing_and_unknown_keys(tmp_path: Path) -> None:
    text = rule().replace('    legal_basis: "UWG §5"\n', '    legal_bases: "UWG §5"\n')
    path = write_pack(tmp_path, "keys", text)
    with pytest.raises(ConfigErrors) as caught:
        load_packs([path])
    found = sorted(((e.key, e.problem, e.fix) for e in caught.value.errors), key=lambda row: row[1])
    assert found == [
        ("rules[0].legal_basis", "required key 'legal_basis' is missing", "add 'legal_basis:' under rules[0]"),
        (
            "rules[0].legal_bases",
            "unknown key 'legal_bases' (did you mean 'legal_basis'?)",
            "use one of: id, category, legal_basis, message, severity, anchors, patterns, unless, unless_scope, "
            "unless_sentence, requires, requires_clause, case_sensitive, prefilter, flag, pass",
        ),
    ]


def test_anchor_without_literal_is_rejected(tmp_path: Path) -> None:
    path = write_pack(tmp_path, "anchor", rule(anchors="['**']"))
    with pytest.raises(ConfigErrors) as caught:
        load_packs([path])
    assert [e.key for e in caught.value.errors] == ["rules[0].anchors"]


def test_duplicate_rule_id_across_packs(tmp_path: Path) -> None:
    first = write_pack(tmp_path, "a", rule("SAME"))
    second = write_pack(tmp_path, "b", rule("SAME"))
    with pytest.raises(ConfigErrors) as caught:
        compiled_packs([first, second])
    (error,) = caught.value.errors
    assert (error.file, error.key) == (str(second.resolve()), "rules[0].id")
    assert error.problem == f"rule id 'SAME' is already used in {first.resolve()}"


def test_yaml_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("pack: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigErrors) as caught:
        load_packs([path])
    assert caught.value.errors[0].problem.startswith("YAML syntax error at line 2")


# --- anchors and the scan ------------------------------------------------------------------------


def test_anchor_forms_whole_word_stem_suffix(tmp_path: Path) -> None:
    rules = (
        rule("WHOLE", anchors="[ki]", patterns="['\\bki\\b']", flag='["Ein KI-Assistent."]', pass_='["Kilometer"]')
        + rule("STEM", anchors="['künstlich*']", patterns="['künstlich\\w*']", flag='["künstlichen"]', pass_='["x"]')
        + rule("SUFFIX", anchors="['*bot']", patterns="['\\w*bot']", flag='["Chatbot"]', pass_='["Bottich"]')
    )
    packs = compiled_packs([write_pack(tmp_path, "anchors", rules)])
    assert all(r.ok for r in run_examples(packs))
    text = "Der Chatbot, eine KI mit künstlicher Intelligenz, fährt 5 Kilometer."
    found = [(m.rule.id, m.span.of(text)) for m in packs.scan(text)]
    assert found == [("SUFFIX", "Chatbot"), ("WHOLE", "KI"), ("STEM", "künstlicher")]


def test_pattern_without_its_anchor_fails_its_example(tmp_path: Path) -> None:
    # The regex would match, but no anchor occurs in the text: the anchored scan never runs it.
    path = write_pack(tmp_path, "noanchor", rule(anchors="[creme]", flag='["Das Mittel heilt."]'))
    results = run_examples(compiled_packs([path]))
    assert [(r.key, r.ok) for r in results] == [("R-1.flag[0]", False), ("R-1.pass[0]", True)]


def test_scan_spans_and_unless_in_same_sentence(tmp_path: Path) -> None:
    text = """
  - id: NEG
    category: test
    legal_basis: "UWG §5"
    message: {de: "d", en: "e"}
    anchors: [heilt]
    patterns: ['\\bheilt\\b']
    unless: ['\\bnicht\\b']
    flag: ["Sie heilt."]
    pass: ["Sie heilt nicht."]
"""
    packs = compiled_packs([write_pack(tmp_path, "neg", text)])
    reply = "Die Creme heilt nicht, z. B. bei Akne. Das Serum heilt Akne! Es heilt."
    matches = packs.scan(reply)
    assert [(m.span, m.sentence_span) for m in matches] == [
        (Span(49, 54), Span(39, 60)),
        (Span(64, 69), Span(61, 70)),
    ]
    assert [m.sentence_span.of(reply) for m in matches] == ["Das Serum heilt Akne!", "Es heilt."]
    assert packs.scan(reply) is matches  # memoised: validators sharing the packs share the scan


def test_same_files_share_one_compiled_object(tmp_path: Path) -> None:
    path = write_pack(tmp_path, "shared", rule())
    assert compiled_packs([path]) is compiled_packs([path])
    path.write_text(path.read_text(encoding="utf-8").replace("heilt alles", "heilt viel"), encoding="utf-8")
    assert compiled_packs([path]).rule("R-1").model.flag == ["Die Creme heilt viel."]


# --- requires: a second word list, checked in the anchor's sentence --------------------------------


REQUIRES = """
  - id: OWN
    category: test
    legal_basis: "UWG §5"
    message: {de: "d", en: "e"}
    anchors: [garage]
    requires: [ich, "mein*", "*n't", "bei mir"]
    patterns: ['\\bgarage\\b']
    flag: ["Meine Garage ist voll.", "Der Mäher steht bei mir in der Garage."]
    pass: ["Die Garage ist voll."]
"""


def test_requires_a_word_in_the_same_sentence(tmp_path: Path) -> None:
    packs = compiled_packs([write_pack(tmp_path, "requires", REQUIRES)])
    assert all(r.ok for r in run_examples(packs))
    reply = "Ich prüfe das. Die Garage ist 3 m breit. In meiner Garage passt er. Isn't Garage groß?"
    assert [m.sentence_span.of(reply) for m in packs.scan(reply)] == [
        "In meiner Garage passt er.",
        "Isn't Garage groß?",
    ]
    # A German rule does not judge a sentence that is English by its function words.
    assert packs.scan("Isn't the garage big for you?") == ()
    # "ich" inside "nicht" or "sich" is no first person: whole words unless the entry says otherwise.
    assert packs.scan("Sie wundern sich nicht: die Garage ist leer.") == ()


def test_requires_words_are_validated_like_anchors(tmp_path: Path) -> None:
    written = 'requires: [ich, "mein*", "*n\'t", "bei mir"]'
    path = write_pack(tmp_path, "badreq", REQUIRES.replace(written, "requires: ['**']"))
    with pytest.raises(ConfigErrors) as caught:
        load_packs([path])
    (error,) = caught.value.errors
    assert error.key == "rules[0].requires"
    assert "has no literal text" in error.problem
