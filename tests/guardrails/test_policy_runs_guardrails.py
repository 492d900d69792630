"""A policy runs guardrails validators (`validators.guardrails.use`): failures become findings."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
from guardrails.validator_base import ErrorSpan, FailResult, PassResult, Validator, register_validator
from hypothesis import given
from hypothesis import strategies as st

from safe_reply.actions import apply_edits
from safe_reply.config_models import DEFAULT_FALLBACK
from safe_reply.errors import ConfigErrors
from safe_reply.integrations.guardrails_hub import fix_edit
from safe_reply.loader import load_policy
from safe_reply.types import Action, Category, Context, Edit, Language, Message, Span

CTX = Context(product_line="ebike", turn=3, language=Language.DE)


@register_validator(name="safe_reply_tests/regex", data_type="string")
class RegexFlag(Validator):  # type: ignore[misc]
    """Flags every match of `pattern`; replaces it by `replacement` as fix_value when given."""

    def __init__(self, pattern: str, replacement: str | None = None, on_fail: Any = None, **kwargs: Any) -> None:
        super().__init__(on_fail=on_fail, pattern=pattern, replacement=replacement, **kwargs)
        self._regex = re.compile(pattern)
        self._replacement = replacement

    def _validate(self, value: Any, metadata: dict[str, Any]) -> Any:
        spans = [ErrorSpan(start=m.start(), end=m.end(), reason="match") for m in self._regex.finditer(value)]
        if not spans:
            return PassResult()
        fix = None if self._replacement is None else self._regex.sub(self._replacement, value)
        return FailResult(error_message=f"{len(spans)} Treffer", error_spans=spans, fix_value=fix)


@register_validator(name="safe_reply_tests/explodes", data_type="string")
class Explodes(Validator):  # type: ignore[misc]
    def _validate(self, value: Any, metadata: dict[str, Any]) -> Any:
        raise RuntimeError(f"crashed on {value}")


@register_validator(name="safe_reply_tests/late_span", data_type="string")
class LateSpan(Validator):  # type: ignore[misc]
    """Reports its span one character late, past the end of the text (as hub ban_list can)."""

    def _validate(self, value: Any, metadata: dict[str, Any]) -> Any:
        return FailResult(error_message="late", error_spans=[ErrorSpan(start=1, end=len(value) + 1, reason="x")])


@register_validator(name="safe_reply_tests/echo_metadata", data_type="string")
class EchoMetadata(Validator):  # type: ignore[misc]
    def _validate(self, value: Any, metadata: dict[str, Any]) -> Any:
        return FailResult(error_message=repr(sorted(metadata.items())))


def write_config(folder: Path, guardrails_section: str, extra: str = "") -> Path:
    (folder / "product_lines").mkdir(parents=True, exist_ok=True)
    (folder / "defaults.yaml").write_text("default_product_line: ebike\n", encoding="utf-8")
    body = "id: ebike\n" + extra + "validators:\n  guardrails:\n" + textwrap.indent(guardrails_section, "    ")
    (folder / "product_lines" / "ebike.yaml").write_text(body, encoding="utf-8")
    return folder


def config_errors(folder: Path) -> list[tuple[str, str]]:
    with pytest.raises(ConfigErrors) as raised:
        load_policy(folder)
    return [(e.key, str(e)) for e in raised.value.errors]


def test_failure_without_fix_blocks_by_default(tmp_path: Path) -> None:
    policy = load_policy(
        write_config(
            tmp_path,
            "use:\n  - validator: safe_reply_tests/regex\n    kwargs: {pattern: '\\b\\d{3}-\\d{4}\\b'}\n"
            "    sensitive: false\n",
        )
    )
    text = "Rufen Sie 555-1234 oder 555-9876 an."
    decision = policy.evaluate(text, CTX)
    assert decision.action is Action.BLOCK
    assert decision.delivered == DEFAULT_FALLBACK.de
    assert [(f.rule_id, f.category, f.span, f.fix) for f in decision.findings] == [
        ("guardrails.safe_reply_tests/regex", Category.EXTERNAL, Span(10, 18), None),
        ("guardrails.safe_reply_tests/regex", Category.EXTERNAL, Span(24, 32), None),
    ]
    finding = decision.findings[0]
    assert finding.message == Message(
        "guardrails-Validator 'safe_reply_tests/regex' schlug an: 2 Treffer",
        "guardrails validator 'safe_reply_tests/regex' failed: 2 Treffer",
    )
    assert finding.validator == "guardrails"
    assert dict(finding.details) == {"guardrails_validator": "safe_reply_tests/regex"}


def test_fix_value_becomes_the_rewrite(tmp_path: Path) -> None:
    section = """\
use:
  - validator: safe_reply_tests/regex
    kwargs: {pattern: 'bester?', replacement: 'gut'}
    category: unsupported_claim
    rule_id: claims.superlative
    legal_basis: "UWG §5 Abs. 1"
    message: {de: "Superlativ ohne Beleg", en: "unsupported superlative"}
    severity: medium
"""
    policy = load_policy(write_config(tmp_path, section))
    decision = policy.evaluate("Das beste Rad, der beste Akku.", CTX)
    assert decision.action is Action.REWRITE
    assert decision.delivered == "Das gut Rad, der gut Akku."
    first = decision.findings[0]
    assert (first.rule_id, first.span, first.legal_basis, first.message, first.severity.value) == (
        "claims.superlative",
        Span(4, 9),
        "UWG §5 Abs. 1",
        Message("Superlativ ohne Beleg", "unsupported superlative"),
        "medium",
    )
    assert first.fix == Edit(Span(4, 24), "gut Rad, der gut")


def test_pass_leaves_the_reply_alone(tmp_path: Path) -> None:
    policy = load_policy(
        write_config(tmp_path, "use:\n  - validator: safe_reply_tests/regex\n    kwargs: {pattern: 'xyz'}\n")
    )
    text = "Alles gut."
    decision = policy.evaluate(text, CTX)
    assert (decision.action, decision.delivered, decision.findings) == (Action.PASS, text, ())


def test_context_reaches_the_validator_as_metadata(tmp_path: Path) -> None:
    section = "use:\n  - validator: safe_reply_tests/echo_metadata\n    sensitive: false\n"
    policy = load_policy(write_config(tmp_path, section))
    decision = policy.evaluate("x", Context(product_line="ebike", conversation_id="c1", turn=2, channel="web"))
    assert decision.findings[0].message.en == (
        "guardrails validator 'safe_reply_tests/echo_metadata' failed: "
        "[('channel', 'web'), ('conversation_id', 'c1'), ('product_line', 'ebike'), ('turn', 2)]"
    )


def test_a_raising_validator_fails_closed(tmp_path: Path) -> None:
    policy = load_policy(write_config(tmp_path, "use:\n  - validator: safe_reply_tests/explodes\n"))
    decision = policy.evaluate("Geheimnis Zaunkönig", CTX)
    assert decision.action is Action.BLOCK
    assert [(f.rule_id, f.category, f.message) for f in decision.findings] == [
        (
            "guardrails.validator-error",
            Category.VALIDATOR_ERROR,
            Message(
                "Validator 'guardrails' hat RuntimeError ausgelöst; die Antwort wurde blockiert (fail closed)",
                "validator 'guardrails' raised RuntimeError; the reply was blocked (fail closed)",
            ),
        ),
    ]


def test_a_raising_validator_with_fail_open_is_only_recorded(tmp_path: Path) -> None:
    section = "fail_open: true\nuse:\n  - validator: safe_reply_tests/explodes\n"
    decision = load_policy(write_config(tmp_path, section)).evaluate("Hallo", CTX)
    assert (decision.action, decision.delivered) == (Action.MONITOR, "Hallo")


def test_a_span_past_the_end_fails_closed(tmp_path: Path) -> None:
    decision = load_policy(write_config(tmp_path, "use:\n  - validator: safe_reply_tests/late_span\n")).evaluate(
        "abc", CTX
    )
    assert decision.findings[0].message.en == (
        "validator 'guardrails' returned a span outside the reply; the reply was blocked (fail closed)"
    )


def test_module_and_class_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module = tmp_path / "sr_gr_ext_module.py"
    module.write_text(
        textwrap.dedent("""\
            from guardrails.validator_base import FailResult, PassResult, Validator, register_validator

            @register_validator(name="sr_ext/no_price", data_type="string")
            class NoPrice(Validator):
                def _validate(self, value, metadata):
                    at = value.find("€")
                    if at < 0:
                        return PassResult()
                    return FailResult(error_message="Preis", fix_value=value.replace("€", "EUR"))
            """),
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    section = "use:\n  - validator: 'sr_gr_ext_module:NoPrice'\n    category: unsupported_claim\n"
    folder = write_config(tmp_path / "cfg", section)
    decision = load_policy(folder).evaluate("Nur 10 € heute.", CTX)
    assert decision.delivered == "Nur 10 EUR heute."
    assert [(f.rule_id, f.span, f.fix) for f in decision.findings] == [
        ("guardrails.sr_ext/no_price", None, Edit(Span(7, 8), "EUR")),
    ]


@pytest.mark.parametrize(
    ("section", "key", "message"),
    [
        (
            "use:\n  - validator: safe_reply_tests/regx\n",
            "validators.guardrails.use[0].validator",
            "no guardrails validator is registered as 'safe_reply_tests/regx' (did you mean "
            "'safe_reply_tests/regex'?). Fix: install its package (pip install guardrails-ai-regx) "
            "or name the class as 'module:ClassName'",
        ),
        (
            "use:\n  - validator: 'no_such_module_xyz:Thing'\n",
            "validators.guardrails.use[0].validator",
            "cannot import module 'no_such_module_xyz' (No module named 'no_such_module_xyz'). Fix: install "
            "the package that provides it (e.g. pip install guardrails-ai-<name>) or correct the module path",
        ),
        (
            "use:\n  - validator: 'json:loads'\n",
            "validators.guardrails.use[0].validator",
            "'json:loads' is not a guardrails Validator class. Fix: name a subclass of guardrails.Validator",
        ),
        (
            "use:\n  - validator: 'json:Nope'\n",
            "validators.guardrails.use[0].validator",
            "module 'json' has no attribute 'Nope'. Fix: name a guardrails Validator class of that module "
            "as 'module:ClassName'",
        ),
        (
            "use:\n  - validator: safe_reply_tests/regex\n    kwargs: {patern: 'x'}\n",
            "validators.guardrails.use[0].kwargs",
            "'safe_reply_tests/regex' rejected its kwargs (TypeError: RegexFlag.__init__() missing 1 required "
            "positional argument: 'pattern'). Fix: pass the parameters of RegexFlag(pattern: 'str', "
            "replacement: 'str | None' = None, on_fail: 'Any' = None, **kwargs: 'Any')",
        ),
        (
            "use:\n  - validator: safe_reply_tests/regex\n    kwargs: {pattern: 'x', use_local: false}\n",
            "validators.guardrails.use[0].kwargs.use_local",
            "remote inference is not allowed: safe_reply never sends a reply anywhere. Fix: remove "
            "'use_local'; the validator then runs locally",
        ),
    ],
)
def test_config_errors_name_file_key_and_fix(tmp_path: Path, section: str, key: str, message: str) -> None:
    folder = write_config(tmp_path, section)
    file = folder / "product_lines" / "ebike.yaml"
    assert config_errors(folder) == [(key, f"{file}: {key}: {message}")]


def test_engine_categories_are_reserved(tmp_path: Path) -> None:
    folder = write_config(tmp_path, "use:\n  - validator: safe_reply_tests/regex\n    category: validator_error\n")
    [(key, message)] = config_errors(folder)
    assert key == "validators.guardrails.use[0].category"
    assert "'validator_error' is reserved for the engine; use one of: trade_secret, unsupported_claim" in message


def test_unknown_entry_key_is_an_error(tmp_path: Path) -> None:
    folder = write_config(tmp_path, "use:\n  - validator: safe_reply_tests/regex\n    kwarg: {}\n")
    [(key, message)] = config_errors(folder)
    assert key == "validators.guardrails.use[0].kwarg"
    assert "unknown key 'kwarg' (did you mean 'kwargs'?)" in message


@given(st.text(max_size=30), st.text(max_size=30))
def test_fix_edit_reproduces_the_fixed_text(text: str, fixed: str) -> None:
    edit = fix_edit(text, fixed)
    if edit is None:
        assert fixed == text
    else:
        assert apply_edits(text, [edit]) == fixed
        assert edit.span.end - edit.span.start <= len(text)
        assert not (
            edit.span.start < len(text)
            and edit.span.start < len(fixed)
            and text[edit.span.start] == fixed[edit.span.start]
            and edit.span.end > edit.span.start
            and len(edit.text) > 0
            and text[edit.span.end - 1] == edit.text[-1]
        )


@register_validator(name="safe_reply_tests/must_match", data_type="string")
class MustMatch(Validator):  # type: ignore[misc]
    """Like hub regex_match: fails when the text does NOT match, and offers a generated string as fix."""

    def __init__(self, pattern: str, on_fail: Any = None, **kwargs: Any) -> None:
        super().__init__(on_fail=on_fail, pattern=pattern, **kwargs)
        self._regex = re.compile(pattern)

    def _validate(self, value: Any, metadata: dict[str, Any]) -> Any:
        if self._regex.search(value):
            return PassResult()
        return FailResult(error_message="kein Treffer", fix_value="rksipagwg030-0683rksipagwg")


@register_validator(name="safe_reply_tests/quotes", data_type="string")
class QuotesWhatItFinds(Validator):  # type: ignore[misc]
    """A ban-list style validator that quotes the (possibly disguised) term in its error message."""

    def _validate(self, value: Any, metadata: dict[str, Any]) -> Any:
        found = re.search(r"Zaun\W*k\W*ö\W*nig", value)
        if found is None:
            return PassResult()
        span = ErrorSpan(start=found.start(), end=found.end(), reason=found.group())
        return FailResult(error_message=f"banned term {found.group()!r} found", error_spans=[span])


def test_a_validator_fix_never_replaces_the_fallback(tmp_path: Path) -> None:
    # The blocked reply must be the company's fallback, not the validator's generated "fix" applied to it.
    section = "use:\n  - validator: safe_reply_tests/must_match\n    kwargs: {pattern: '\\d{3}-\\d{4}'}\n"
    policy = load_policy(write_config(tmp_path, section, extra="actions: {external: block}\n"))
    decision = policy.evaluate("Rufen Sie uns an.", CTX)
    assert (decision.action, decision.delivered) == (Action.BLOCK, DEFAULT_FALLBACK.de)


def test_a_quoting_validator_leaves_no_term_in_the_log(tmp_path: Path) -> None:
    from safe_reply.log.masking import mask_decision

    policy = load_policy(write_config(tmp_path, "use:\n  - validator: safe_reply_tests/quotes\n"))
    decision = policy.evaluate("Das Projekt Zaun\u200bkönig startet.", CTX)
    [finding] = decision.findings
    assert finding.sensitive  # the default for a third-party validator
    masked = mask_decision(decision.original, decision.delivered, decision.findings, b"k")
    stored = " ".join([masked.original, masked.delivered, *(str(f) for f in masked.findings)])
    assert "Zaun" not in stored
    assert "nig" not in stored
    # Its own text quotes the term escaped ("\\u200b"), which no mask would recognise: it is not kept.
    assert masked.findings[0].message_en == (
        "guardrails validator 'safe_reply_tests/quotes' failed (its message is not stored: it may quote what it found)"
    )


DISGUISED = ["Zaun\u200bkönig", "Zaun-kö-nig", "Zaun\u00adkönig", "Zaun.kö.nig", "Zaun kö nig"]


def test_no_log_artefact_holds_a_disguised_term_a_quoting_validator_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every place a record reaches: the store and its WAL, the spool (store down) and what the CLI shows and
    # exports. The validator's error message quotes each disguised spelling; none may come out anywhere.
    import sqlite3
    import zipfile

    from typer.testing import CliRunner

    from safe_reply.cli import _register, app
    from safe_reply.log import LogRecorder, Spool, open_store

    monkeypatch.setenv("SAFE_REPLY_LOG_KEY", "artefact-test-key-0123456789abcdefghij")
    folder = tmp_path / "log"
    policy = load_policy(write_config(tmp_path / "config", "use:\n  - validator: safe_reply_tests/quotes\n"))
    store_path = folder / "log.sqlite3"

    def down() -> Any:
        raise sqlite3.OperationalError("unable to open database file")

    key = b"artefact-test-key-0123456789abcdefghij"
    up = LogRecorder(lambda: open_store(store_path), Spool(folder / "spool.jsonl"), key, store_timeout_s=5.0)
    spooling = LogRecorder(down, Spool(folder / "down-spool.jsonl"), key, retry_seconds=3600)
    for number, spelling in enumerate(DISGUISED):
        decision = policy.evaluate(f"Das Projekt {spelling} startet im Mai.", CTX)
        assert decision.action is Action.BLOCK
        for recorder in (up, spooling):
            recorder.on_decision(decision, Context("ebike", f"conv-{number}", 2), 0.01)
    spooling.close()
    assert len((folder / "down-spool.jsonl").read_text().splitlines()) == len(DISGUISED)
    up_store = open_store(store_path)  # open while the recorder still holds the WAL
    up.close()

    _register()
    shown: list[str] = []
    for args in (["log", "list", "--format", "jsonl"], ["log", "export"], ["log", "export", "--format", "csv"],
                 *(["log", "show", str(n)] for n in range(1, len(DISGUISED) + 1)),
                 ["log", "export", "--format", "xlsx", "--out", str(folder / "export.xlsx")]):  # fmt: skip
        result = CliRunner().invoke(app, [*args, "--store", str(store_path)], env={"COLUMNS": "400"})
        assert result.exit_code == 0, result.output
        shown.append(result.output)
    up_store.close()
    with zipfile.ZipFile(folder / "export.xlsx") as book:
        shown += [book.read(name).decode("utf-8", "replace") for name in book.namelist()]
    files = [path.read_bytes().decode("utf-8", "replace") for path in folder.iterdir() if path.is_file()]
    assert len(files) >= 3  # the store, the spools, the export
    everything = "\n".join(shown + files).lower()
    assert len(shown[1].splitlines()) == len(DISGUISED)  # `log export`: every record is there
    assert everything.count("startet im mai.") >= 3 * len(DISGUISED)  # their masked texts too
    for fragment in ("zaun", "kö", "k\\u00f6", "k\\xf6", "nig"):
        assert fragment not in everything, fragment
