"""Every product line's entries protect all lines unless `scope: line`; flat term files (.txt,
.csv, .json) load like YAML; errors name the file and line, never the term."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from safe_reply import load_policy
from safe_reply.errors import ConfigError, ConfigErrors
from safe_reply.types import Context
from safe_reply.validators.trade_secrets import Settings, build
from safe_reply.validators.trade_secrets.config import Entry
from safe_reply.validators.trade_secrets.termfile import _csv, _simple_yaml
from safe_reply.yamlio import load_yaml

from .conftest import make_ctx


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "product_lines").mkdir()
    (tmp_path / "defaults.yaml").write_text("version: 1\ndefault_product_line: pump\n", encoding="utf-8")
    (tmp_path / "product_lines" / "pump.yaml").write_text(
        "id: pump\nvalidators:\n  trade_secrets:\n    terms:\n      - {term: Zorvakel, kind: codename}\n"
        "      - {term: Quarnix, kind: codename, scope: line}\n",
        encoding="utf-8",
    )
    (tmp_path / "product_lines" / "drill.yaml").write_text(
        "id: drill\nvalidators:\n  trade_secrets:\n    terms:\n      - {term: Brontaq, kind: codename}\n",
        encoding="utf-8",
    )
    return tmp_path


def _leaked(policy: object, line: str, text: str) -> list[str]:
    decision = policy.evaluate(text, Context(product_line=line))  # type: ignore[attr-defined]
    return [text[f.span.start : f.span.end] for f in decision.findings if f.category == "trade_secret"]


def test_a_line_term_protects_every_line_unless_scoped(tmp_path: Path) -> None:
    policy = load_policy(_folder(tmp_path))
    assert _leaked(policy, "drill", "Der Zorvakel kommt.") == ["Zorvakel"]  # the pump's codename
    assert _leaked(policy, "pump", "Der Brontaq kommt.") == ["Brontaq"]  # the drill's codename
    assert _leaked(policy, "drill", "Der Quarnix kommt.") == []  # scope: line
    assert _leaked(policy, "pump", "Der Quarnix kommt.") == ["Quarnix"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("terms.txt", "# the real list\nZorvakel\tcodename\n\nQuarnix\n"),
        ("terms.csv", "term,kind,scope\nZorvakel,codename,\nQuarnix,other,line\n"),
        ("terms.json", '[{"term": "Zorvakel", "kind": "codename"}, {"term": "Quarnix", "kind": "other"}]'),
    ],
)
def test_flat_term_files_load(tmp_path: Path, name: str, content: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    validator = build(Settings.model_validate({"terms_file": name}), make_ctx(tmp_path))
    assert [(x.kind, x.start, x.end) for x in validator.scan("Zorvakel und Quarnix.")] == [
        ("codename", 0, 8),
        ("other", 13, 20),
    ]


@pytest.mark.parametrize(
    ("name", "content", "key", "problem"),
    [
        ("terms.txt", "Zorvakel\tCodeName\n", "line 1", "the kind is not a lower_snake_case name"),
        ("terms.txt", "Zorvakel\n---\n", "line 2", "the term has no letter or digit to match"),
        ("terms.csv", "word,kind\nZorvakel,codename\n", "line 1", "the header needs a 'term' or 'pattern' column"),
        ("terms.csv", "term,kind,scope\nZorvakel,codename,galaxy\n", "line 2", "scope"),
        ("terms.csv", "term,kind\n\nZorvakel,Code\n", "line 3", "the kind is not a lower_snake_case name"),
        ("terms.csv", "term,kind,scope\n\nZorvakel,codename,galaxy\n", "line 3", "scope"),
    ],
)
def test_flat_file_errors_name_the_line_not_the_term(
    tmp_path: Path, name: str, content: str, key: str, problem: str
) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises((ConfigError, ConfigErrors)) as err:
        build(Settings.model_validate({"terms_file": name}), make_ctx(tmp_path))
    error = err.value if isinstance(err.value, ConfigError) else err.value.errors[0]
    assert error.key == key
    assert problem in error.problem
    assert "Zorvakel" not in error.problem + error.fix


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("terms.txt", ""),
        ("terms.txt", "# the real list comes later\n\n   \n"),
        ("terms.csv", "term,kind\n"),
        ("terms.json", "[]"),
        ("terms.yaml", "# nothing yet\n"),
        ("terms.yaml", "terms: []\n"),
    ],
)
def test_an_empty_terms_file_is_a_config_error(tmp_path: Path, name: str, content: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        build(Settings.model_validate({"terms_file": name}), make_ctx(tmp_path))
    assert err.value.file == str(tmp_path / "ebike.yaml")
    assert err.value.key == "validators.trade_secrets.terms_file"
    assert "holds no entry" in err.value.problem
    assert "allow_empty: true" in err.value.fix
    # Said on purpose: it loads and protects the inline terms.
    settings = Settings.model_validate(
        {"terms_file": name, "allow_empty": True, "terms": [{"term": "Zorvakel", "kind": "codename"}]}
    )
    assert [leak.start for leak in build(settings, make_ctx(tmp_path)).scan("Der Zorvakel.")] == [4]


def test_an_empty_company_terms_file_is_named_by_its_key(tmp_path: Path) -> None:
    (tmp_path / "company.txt").write_text("# empty\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        build(Settings.model_validate({"company_terms_file": "company.txt"}), make_ctx(tmp_path))
    assert err.value.key == "validators.trade_secrets.company_terms_file"


_TERM_CHARS = st.sampled_from([*'aZöß1 -._"\\\t\u00e9#:,{}', "yes", "null", "Kranich", "\u2028", "\x85"])
_KINDS = st.sampled_from(["codename", "other", "key_account", "yes", "Code"])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.lists(_TERM_CHARS, min_size=1, max_size=8).map("".join), _KINDS), min_size=1, max_size=6),
    st.sampled_from(["flow", "flow-json", "block", "kind-first"]),
)
def test_the_line_reader_reads_yaml_as_yaml_does(entries: list[tuple[str, str]], shape: str) -> None:
    # The fast reader of one-entry-per-line YAML either declines (None) or reads exactly what the
    # YAML parser and the entry model read.
    lines = []
    for term, kind in entries:
        written = json.dumps(term, ensure_ascii=False) if shape == "flow-json" else term
        if shape == "block":
            lines.append(f"- term: {written}\n  kind: {kind}\n")
        elif shape == "kind-first":
            lines.append(f"- {{kind: {kind}, term: {written}}}\n")
        else:
            lines.append(f"- {{term: {written}, kind: {kind}}}\n")
    data = "# generated\n".join(lines).encode("utf-8")
    fast = _simple_yaml(data)
    if fast is None:
        return
    reference = TypeAdapter(list[Entry]).validate_python(load_yaml(data))
    assert [(e.term, e.kind) for e in fast] == [(e.term, e.kind) for e in reference]  # type: ignore[union-attr]


def test_the_line_reader_takes_the_generated_forms() -> None:
    data = '- {term: "Zor\\"vak", kind: codename}\n- {term: Möwe Süd, kind: other}\n- term: Quarnix\n  kind: codename\n'
    fast = _simple_yaml(data.encode("utf-8"))
    assert fast is not None
    assert [(e.term, e.kind) for e in fast] == [('Zor"vak', "codename"), ("Möwe Süd", "other"), ("Quarnix", "codename")]
    assert _simple_yaml(b"- {term: yes, kind: codename}\n") is None  # YAML reads a boolean: its parser decides
    assert _simple_yaml(b"- {term: Zorvak, kind: codename, scope: line}\n") is None


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(["Zor", "vak", "ss", "ae", "Rabatt", "Serie", "7", "42", "Q", "X"]), min_size=1, max_size=4
        ).map("".join),
        min_size=1,
        max_size=8,
        unique=True,
    )
)
def test_a_batch_of_flat_terms_compiles_like_single_entries(
    tmp_path_factory: pytest.TempPathFactory, terms: list[str]
) -> None:
    # One-word flat terms are compiled in a batch; the result must equal one entry at a time.
    folder = tmp_path_factory.mktemp("batch")
    (folder / "terms.txt").write_text("".join(f"{t}\tcodename\n" for t in terms), encoding="utf-8")
    batch = build(Settings.model_validate({"terms_file": "terms.txt"}), make_ctx(folder))
    single = build(
        Settings.model_validate({"terms": [{"term": t, "kind": "codename"} for t in terms]}), make_ctx(folder)
    )

    def shape(validator: object) -> list[tuple[object, ...]]:
        return [
            (t.kind, t.entry, t.key, t.upper, t.hyphen, t.alias, t.name_rule is None, t.english)
            for t in validator.terms  # type: ignore[attr-defined]
        ]

    assert shape(batch) == shape(single)
    text = " und ".join(terms) + ". " + " ".join(t[::-1] for t in terms)
    assert batch.scan(text) == single.scan(text)


_CELLS = st.sampled_from(["Zorvak", "Quarnix", '"Müller, Antriebe"', "codename", "other", "", " ", "K9", "x,y", "Code"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_CELLS, min_size=0, max_size=3).map(",".join), max_size=6), st.booleans())
def test_the_two_column_csv_reader_reads_as_dictreader(rows: list[str], kind_first: bool) -> None:
    # A CSV of only term and kind is read without a dict per row: the entries, or the error, must be
    # those of the general reader.
    header = "kind,term" if kind_first else "term,kind"
    text = header + "\n" + "\n".join(rows) + "\n"
    fast = _outcome(lambda: _csv(Path("t.csv"), text))
    # A third, unused column sends the same rows through the general (DictReader) path.
    assert _outcome(lambda: _csv(Path("t.csv"), text.replace(header, header + ",note", 1))) == fast


def _outcome(read: Callable[[], list[Any]]) -> object:
    try:
        return [(e.term, e.kind) for e in read()]
    except ConfigError as error:
        return (error.key, error.problem)
