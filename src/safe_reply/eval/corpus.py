"""A labelled corpus (product_lines.yaml + cases.jsonl) and the policy its fact base implies.

The corpus format (documented in `safe-reply eval --help` and the corpus README) describes each
product line with its facts, protected terms and disclosure rule in a flat shape. We turn it into
our own config layout (product_lines/<id>.yaml with `validators:` sections) in a temporary folder
and load that with `load_policy`, so the corpus is compiled by exactly the code path a real config
takes: same validation, same validators, same error messages.

Only the validators whose modules are installed are enabled, so the evaluation is useful while a
check is missing (the report says "not enabled" instead of scoring 0/0).
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from safe_reply.errors import ConfigError, ConfigErrors
from safe_reply.loader import DEFAULTS_FILE, PRODUCT_LINE_DIR, load_policy
from safe_reply.policy import Policy
from safe_reply.registry import available_validators, load_spec
from safe_reply.types import Language
from safe_reply.yamlio import dump_yaml, load_yaml, pydantic_errors

PRODUCT_LINES_FILE = "product_lines.yaml"
CASES_FILE = "cases.jsonl"
# The validators a corpus fact base configures; "guardrails" needs a real config folder.
CORPUS_VALIDATORS = ("trade_secrets", "claims", "disclosure")


class Requirement(StrEnum):
    """When a product line requires the AI notice (AI Act Art. 50)."""

    FIRST_REPLY = "first_reply"
    EVERY_REPLY = "every_reply"
    NEVER = "never"

    def violated(self, present: bool, turn: int | None) -> bool:
        """Whether a reply at `turn` without (present=False) the notice breaks the rule."""
        if present or self is Requirement.NEVER:
            return False
        return self is Requirement.EVERY_REPLY or turn == 1


class _Strict(BaseModel):
    # A typo in a corpus file must be an error, not a silently ignored label.
    model_config = ConfigDict(extra="forbid", frozen=True)


class CorpusDisclosure(_Strict):
    required: Requirement = Requirement.FIRST_REPLY
    text_de: str = Field(min_length=1)
    text_en: str = Field(min_length=1)


class CorpusProductLine(_Strict):
    """One entry of product_lines.yaml. Facts and terms are validated by our config models later."""

    id: str = Field(min_length=1)
    name: str | None = None
    languages: tuple[Language, ...] | None = None
    facts: tuple[dict[str, Any], ...] = ()
    certifications: tuple[str, ...] = ()
    guarantee: str | None = None
    approved_claims: tuple[str, ...] = ()
    protected_terms: tuple[dict[str, Any], ...] = ()
    allowed_terms: tuple[str, ...] = ()
    disclosure: CorpusDisclosure | None = None


class CorpusFile(_Strict):
    company: str | None = None
    product_lines: tuple[CorpusProductLine, ...] = Field(min_length=1)


class ClaimLabel(_Strict):
    text: str = Field(min_length=1)  # an exact substring of the reply
    category: str = "other"


class Expect(_Strict):
    leaks: tuple[str, ...] = ()
    unsupported_claims: tuple[ClaimLabel, ...] = ()
    disclosure_present: bool = False
    false_human: bool = False


class Case(_Strict):
    """One labelled reply of cases.jsonl."""

    id: str = Field(min_length=1)
    product_line: str = Field(min_length=1)
    lang: Language
    turn: int | None = Field(default=None, ge=1)
    text: str
    expect: Expect = Expect()
    tags: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Corpus:
    """A loaded corpus: the raw fact base per product line id, the cases, and the notice rules."""

    product_lines_raw: Mapping[str, Mapping[str, Any]]
    cases: list[Case]
    directory: Path
    requirements: Mapping[str, Requirement]  # product line id -> when the AI notice is required

    def requirement(self, product_line: str) -> Requirement:
        return self.requirements.get(product_line, Requirement.FIRST_REPLY)


def load_corpus(directory: str | Path, *, require_product_lines: bool = True) -> Corpus:
    """Read `product_lines.yaml` (optional when `require_product_lines` is False) and `cases.jsonl`.

    Every problem of both files is collected and raised as ConfigErrors (file, key, fix).
    """
    folder = Path(directory)
    errors: list[ConfigError] = []
    lines_file = folder / PRODUCT_LINES_FILE
    parsed: CorpusFile | None = None
    raw_lines: dict[str, Mapping[str, Any]] = {}
    if lines_file.exists() or require_product_lines:
        parsed, raw_lines = _read_product_lines(lines_file, errors)
    cases = _read_cases(folder / CASES_FILE, errors)
    if parsed is not None:
        known = {line.id for line in parsed.product_lines}
        for number, case in cases:
            if case.product_line not in known:
                errors.append(
                    ConfigError(
                        folder / CASES_FILE,
                        f"line {number}: product_line",
                        f"case '{case.id}' names the unknown product line '{case.product_line}'",
                        f"use one of: {', '.join(sorted(known))}, or add it to {PRODUCT_LINES_FILE}",
                    )
                )
    if errors:
        raise ConfigErrors(errors)
    requirements = {
        line.id: line.disclosure.required if line.disclosure else Requirement.NEVER
        for line in (parsed.product_lines if parsed else ())
    }
    return Corpus(raw_lines, [case for _, case in cases], folder, requirements)


def load_fact_base(directory: str | Path) -> Corpus:
    """Only `product_lines.yaml` of a corpus folder (no cases): what `safe-reply config check` validates."""
    folder = Path(directory)
    errors: list[ConfigError] = []
    parsed, raw_lines = _read_product_lines(folder / PRODUCT_LINES_FILE, errors)
    if errors or parsed is None:
        raise ConfigErrors(errors)
    requirements = {
        line.id: line.disclosure.required if line.disclosure else Requirement.NEVER for line in parsed.product_lines
    }
    return Corpus(raw_lines, [], folder, requirements)


def is_corpus_folder(directory: str | Path) -> bool:
    """A corpus (product_lines.yaml in the corpus format) rather than a config folder (defaults.yaml)."""
    folder = Path(directory)
    return (folder / PRODUCT_LINES_FILE).is_file() and not (folder / DEFAULTS_FILE).exists()


def _read_product_lines(
    file: Path, errors: list[ConfigError]
) -> tuple[CorpusFile | None, dict[str, Mapping[str, Any]]]:
    try:
        raw = load_yaml(file.read_text(encoding="utf-8"))
    except OSError as exc:
        fix = f"pass the corpus folder that holds {PRODUCT_LINES_FILE} and {CASES_FILE}, or use --config DIR"
        errors.append(ConfigError(file, "", f"cannot read the file ({exc.strerror})", fix))
        return None, {}
    except yaml.YAMLError as exc:
        errors.append(ConfigError(file, "", f"invalid YAML ({exc})", "fix the YAML syntax"))
        return None, {}
    try:
        parsed = CorpusFile.model_validate(raw)
    except ValidationError as exc:
        errors.extend(pydantic_errors(exc, CorpusFile, file))
        return None, {}
    ids = [line.id for line in parsed.product_lines]
    for index, line_id in enumerate(ids):
        if line_id in ids[:index]:
            errors.append(
                ConfigError(
                    file,
                    f"product_lines[{index}].id",
                    f"id '{line_id}' is used twice",
                    "keep one entry per id",
                )
            )
    return parsed, {entry["id"]: entry for entry in raw["product_lines"]}


def _read_cases(file: Path, errors: list[ConfigError]) -> list[tuple[int, Case]]:
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        errors.append(ConfigError(file, "", f"cannot read the file ({exc.strerror})", "pass the corpus folder"))
        return []
    cases: list[tuple[int, Case]] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            case = Case.model_validate(raw)
        except json.JSONDecodeError as exc:
            errors.append(ConfigError(file, f"line {number}", f"invalid JSON ({exc.msg})", "write one object per line"))
            continue
        except ValidationError as exc:
            for error in pydantic_errors(exc, Case, file):
                errors.append(ConfigError(file, f"line {number}: {error.key}", error.problem, error.fix))
            continue
        if case.id in seen:
            errors.append(ConfigError(file, f"line {number}: id", f"id '{case.id}' is used twice", "make ids unique"))
        seen.add(case.id)
        for label in case.expect.unsupported_claims:
            if label.text not in case.text:
                errors.append(
                    ConfigError(
                        file,
                        f"line {number}: expect.unsupported_claims",
                        f"claim text {label.text!r} of case '{case.id}' is not in its reply",
                        "copy the exact substring of the reply",
                    )
                )
        cases.append((number, case))
    return cases


def usable_validators() -> dict[str, str | None]:
    """Installed corpus validators -> None when usable, or why their module cannot be loaded.

    A module that is present but broken is reported, not fatal: the evaluation of the other checks
    stays useful (the report names the broken one).
    """
    result: dict[str, str | None] = {}
    for name in available_validators():
        if name not in CORPUS_VALIDATORS:
            continue
        try:
            load_spec(name)
        except Exception as exc:
            result[name] = f"{type(exc).__name__}: {exc}"
        else:
            result[name] = None
    return result


def corpus_config(
    corpus: Corpus,
    validators: Iterable[str] | None = None,
    settings: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, dict[str, Any]]:
    """Our config (product line id -> the YAML mapping of product_lines/<id>.yaml) for the corpus.

    `validators` limits the enabled checks; by default every installed corpus validator is enabled.
    `settings` adds keys to an enabled validator's section of every line (`{"claims": {"model": True}}`:
    the opt-in claims model), so an opt-in switch can be measured on a corpus as written.
    """
    installed = {name for name, problem in usable_validators().items() if problem is None}
    wanted = set(CORPUS_VALIDATORS if validators is None else validators)
    enabled = [name for name in CORPUS_VALIDATORS if name in wanted and name in installed]
    result: dict[str, dict[str, Any]] = {}
    for line_id, raw in corpus.product_lines_raw.items():
        line = CorpusProductLine.model_validate(raw)
        sections: dict[str, dict[str, Any]] = {}
        if "trade_secrets" in enabled:
            sections["trade_secrets"] = {
                "terms": [dict(term) for term in line.protected_terms],
                "allowed_terms": list(line.allowed_terms),
            }
        if "claims" in enabled:
            sections["claims"] = {}
        if "disclosure" in enabled and line.disclosure is not None:
            sections["disclosure"] = {
                "required": line.disclosure.required.value,
                "text": {"de": line.disclosure.text_de, "en": line.disclosure.text_en},
            }
        for name, extra in (settings or {}).items():
            if name in sections:
                sections[name] |= dict(extra)
        config: dict[str, Any] = {"id": line_id}
        if line.name:
            config["name"] = line.name
        if line.languages:
            config["languages"] = [language.value for language in line.languages]
        config |= {
            "facts": [dict(fact) for fact in line.facts],
            "certifications": list(line.certifications),
            "guarantee": line.guarantee,
            "approved_claims": list(line.approved_claims),
            "validators": sections,
        }
        result[line_id] = config
    return result


# An evaluation measures detection, not latency: with the production budget (2 s a validator) a
# reply on a machine busy with other work could fail closed and change the figures from run to run.
EVAL_TIME_BUDGET_SECONDS = 600.0


def policy_from_corpus(
    directory: str | Path | Corpus,
    validators: Iterable[str] | None = None,
    settings: Mapping[str, Mapping[str, Any]] | None = None,
) -> Policy:
    """Compile the corpus's product_lines.yaml into a Policy through the regular config loader
    (`validators` and `settings` as in corpus_config).

    Config errors name the corpus file and the corpus key (e.g. `product_lines[0].protected_terms[3]`).
    """
    corpus = directory if isinstance(directory, Corpus) else load_corpus(directory)
    configs = corpus_config(corpus, validators, settings)
    with tempfile.TemporaryDirectory(prefix="safe_reply_corpus_") as tmp:
        folder = Path(tmp)
        (folder / PRODUCT_LINE_DIR).mkdir()
        defaults = {"version": 1, "limits": {"time_budget_seconds": EVAL_TIME_BUDGET_SECONDS}}
        (folder / DEFAULTS_FILE).write_text(dump_yaml(defaults), encoding="utf-8")
        for line_id, config in configs.items():
            target = folder / PRODUCT_LINE_DIR / f"{line_id}.yaml"
            target.write_text(dump_yaml(config), encoding="utf-8")
        try:
            policy = load_policy(folder)
        except ConfigErrors as exc:
            order = list(configs)
            raise ConfigErrors([_corpus_error(error, corpus.directory, order) for error in exc.errors]) from None
    return dataclasses.replace(policy, config_dir=corpus.directory)


# Our config keys -> the corpus keys they came from, so an error points at what the author wrote.
_KEY_MAP = (
    ("validators.trade_secrets.terms", "protected_terms"),
    ("validators.trade_secrets.allowed_terms", "allowed_terms"),
    ("validators.disclosure.text.de", "disclosure.text_de"),
    ("validators.disclosure.text.en", "disclosure.text_en"),
    ("validators.disclosure", "disclosure"),
)


def _corpus_error(error: ConfigError, directory: Path, order: list[str]) -> ConfigError:
    line_id = Path(error.file).stem
    index = order.index(line_id) if line_id in order else None
    key = error.key
    for ours, theirs in _KEY_MAP:
        if key == ours or key.startswith((f"{ours}.", f"{ours}[")):
            key = theirs + key[len(ours) :]
            break
    prefix = f"product_lines[{index}]" if index is not None else "product_lines"
    return ConfigError(directory / PRODUCT_LINES_FILE, f"{prefix}.{key}" if key else prefix, error.problem, error.fix)


def config_requirements(config_dir: str | Path, policy: Policy) -> dict[str, Requirement]:
    """When each product line of a real config folder requires the AI notice (defaults <- line).

    A product line without an enabled disclosure validator requires nothing we could score.
    """
    defaults_file = Path(config_dir) / DEFAULTS_FILE
    defaults_raw = load_yaml(defaults_file.read_text(encoding="utf-8")) if defaults_file.exists() else {}
    validators = defaults_raw.get("validators") if isinstance(defaults_raw, dict) else None
    defaults = validators.get("disclosure") if isinstance(validators, dict) else None
    result: dict[str, Requirement] = {}
    for line_id, line in policy.product_lines.items():
        if not any(validator.name == "disclosure" for validator in line.validators):
            result[line_id] = Requirement.NEVER
            continue
        section = {
            **(defaults if isinstance(defaults, dict) else {}),
            **line.config.validators.get("disclosure", {}),
        }
        try:
            result[line_id] = Requirement(str(section.get("required", Requirement.FIRST_REPLY.value)))
        except ValueError:  # the disclosure validator accepted a value we do not know: assume the strict one
            result[line_id] = Requirement.EVERY_REPLY
    return result
