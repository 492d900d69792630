"""Load a config folder into a compiled Policy, or fail with errors that say file, key and fix.

Layout: `defaults.yaml` (optional) and one file per product line, named after its id, either in
`product_lines/` or next to the defaults. All errors of a folder are collected and raised together
(ConfigErrors), so an editor fixes a file in one round instead of one error per run.
"""

from __future__ import annotations

import hashlib
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from safe_reply.config_models import DEFAULT_ACTIONS, Defaults, ProductLine, ValidatorSwitches
from safe_reply.errors import ConfigError, ConfigErrors, did_you_mean
from safe_reply.policy import Policy, ProductLinePolicy
from safe_reply.types import PolicyRef
from safe_reply.validators import BUILTIN_VALIDATORS, BuildContext, Validator, hash_key_from_env, load_spec
from safe_reply.yamlio import load_yaml

DEFAULTS_FILE = "defaults.yaml"
PRODUCT_LINE_DIR = "product_lines"


def load_policy(path: str | Path, environ: Mapping[str, str] | None = None) -> Policy:
    """Load and compile every product line of the config folder at `path`."""
    config_dir = Path(path)
    if not config_dir.is_dir():
        raise ConfigErrors(
            [
                ConfigError(
                    config_dir,
                    "",
                    "config folder not found",
                    f"pass the folder that holds {DEFAULTS_FILE} and {PRODUCT_LINE_DIR}/ "
                    "(see config/ in the safe_reply repository)",
                )
            ]
        )
    errors: list[ConfigError] = []
    hash_key = hash_key_from_env(dict(environ) if environ is not None else None)
    defaults_path = config_dir / DEFAULTS_FILE
    defaults_raw, defaults_bytes = _read_yaml(defaults_path, errors) if defaults_path.exists() else ({}, b"")
    defaults = _validate(Defaults, defaults_raw, defaults_path, "", errors) or Defaults()

    files = product_line_files(config_dir)
    if not files and not errors:
        errors.append(
            ConfigError(
                config_dir,
                "",
                "no product line files found",
                f"add {PRODUCT_LINE_DIR}/<id>.yaml with at least 'id: <id>' (see config/product_lines/ebike.yaml)",
            )
        )
    lines: dict[str, ProductLinePolicy] = {}
    for file in files:
        compiled = _load_product_line(file, config_dir, defaults, defaults_path, defaults_bytes, hash_key, errors)
        if compiled is None:
            continue
        if compiled.id in lines:
            errors.append(
                ConfigError(file, "id", f"product line '{compiled.id}' is defined twice", "keep one file per id")
            )
        lines[compiled.id] = compiled
    if defaults.default_product_line and lines and defaults.default_product_line not in lines:
        errors.append(
            ConfigError(
                defaults_path,
                "default_product_line",
                f"'{defaults.default_product_line}' is not a product line"
                f"{did_you_mean(defaults.default_product_line, lines)}",
                f"use one of: {', '.join(sorted(lines))}",
            )
        )
    if errors:
        raise ConfigErrors(errors)
    return Policy(lines, defaults.default_product_line, config_dir, defaults.log)


def product_line_files(config_dir: Path) -> list[Path]:
    nested = sorted((config_dir / PRODUCT_LINE_DIR).glob("*.y*ml"))
    flat = sorted(p for p in config_dir.glob("*.y*ml") if p.name not in {DEFAULTS_FILE, "defaults.yml"})
    return nested + flat


def _load_product_line(
    file: Path,
    config_dir: Path,
    defaults: Defaults,
    defaults_path: Path,
    defaults_bytes: bytes,
    hash_key: bytes,
    errors: list[ConfigError],
) -> ProductLinePolicy | None:
    before = len(errors)
    raw, raw_bytes = _read_yaml(file, errors)
    line = _validate(ProductLine, raw, file, "", errors)
    if line is None:
        return None
    if line.id != file.stem:
        errors.append(
            ConfigError(
                file,
                "id",
                f"id '{line.id}' does not match the file name '{file.name}'",
                f"rename the file to {line.id}{file.suffix} or set 'id: {file.stem}'",
            )
        )
    sources: list[Path] = []
    validators: list[Validator] = []
    fail_open: set[str] = set()
    for name in _validator_names(defaults, line):
        in_line = name in line.validators
        where = file if in_line else defaults_path
        key = f"validators.{name}"
        if name not in BUILTIN_VALIDATORS:
            known = ", ".join(BUILTIN_VALIDATORS)
            errors.append(
                ConfigError(
                    where,
                    key,
                    f"unknown validator '{name}'{did_you_mean(name, BUILTIN_VALIDATORS)}",
                    f"use one of: {known}",
                )
            )
            continue
        section = {**defaults.validators.get(name, {}), **line.validators.get(name, {})}
        switches = _validate(
            ValidatorSwitches,
            {k: section.pop(k) for k in ("enabled", "fail_open") if k in section},
            where,
            key,
            errors,
        )
        if switches is None or not switches.enabled:
            continue
        if switches.fail_open:
            fail_open.add(name)
        spec = load_spec(name)
        settings = _validate(spec.settings, section, where, key, errors)
        if settings is None:
            continue
        default_language = line.default_language or defaults.default_language
        build_ctx = BuildContext(line, config_dir, where, key, hash_key, sources, default_language)
        try:
            validators.append(spec.build(settings, build_ctx))
        except ConfigError as exc:
            errors.append(exc)
    if len(errors) > before:
        return None
    digest = hashlib.sha256(defaults_bytes + b"\0" + raw_bytes)
    for source in sources:
        digest.update(b"\0" + source.read_bytes())
    return ProductLinePolicy(
        config=line,
        ref=PolicyRef(line.id, digest.hexdigest()[:16]),
        mode=line.mode or defaults.mode,
        actions={**DEFAULT_ACTIONS, **defaults.actions, **line.actions},
        fallback=line.fallback or defaults.fallback,
        default_language=line.default_language or defaults.default_language,
        languages=line.languages or defaults.languages,
        validators=tuple(validators),
        fail_open=frozenset(fail_open),
    )


def _validator_names(defaults: Defaults, line: ProductLine) -> list[str]:
    """Validators named in the defaults or the product line, in the registry's order."""
    named = set(defaults.validators) | set(line.validators)
    order = list(BUILTIN_VALIDATORS)
    return sorted(named, key=lambda n: (order.index(n) if n in order else len(order), n))


def _read_yaml(file: Path, errors: list[ConfigError]) -> tuple[Any, bytes]:
    try:
        data = file.read_bytes()
    except OSError as exc:
        errors.append(ConfigError(file, "", f"cannot read the file ({exc.strerror})", "check the path and permissions"))
        return None, b""
    try:
        parsed = load_yaml(data)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown position"
        problem = getattr(exc, "problem", None) or "invalid YAML"
        errors.append(ConfigError(file, "", f"YAML syntax error at {where}: {problem}", "fix the YAML syntax there"))
        return None, data
    if parsed is None:
        parsed = {}
    if not isinstance(parsed, dict):
        errors.append(
            ConfigError(
                file, "", f"the top level is a {type(parsed).__name__}, not a mapping", "write 'key: value' lines"
            )
        )
        return None, data
    return parsed, data


ModelT = typing.TypeVar("ModelT", bound=BaseModel)


def _validate(model: type[ModelT], raw: Any, file: Path, prefix: str, errors: list[ConfigError]) -> ModelT | None:
    if raw is None:
        return None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        errors.extend(pydantic_errors(exc, model, file, prefix))
        return None


def pydantic_errors(exc: ValidationError, model: type[BaseModel], file: Path, prefix: str = "") -> list[ConfigError]:
    """Translate pydantic's errors into ConfigErrors with a key path and a fix."""
    result = []
    for error in exc.errors():
        loc = list(error["loc"])
        is_dict_key = bool(loc) and loc[-1] == "[key]"
        if is_dict_key:
            loc = loc[:-1]
        key = _join(prefix, loc)
        kind = error["type"]
        value = error.get("input")
        if kind == "extra_forbidden":
            name = str(loc[-1])
            allowed = _fields_at(model, loc[:-1])
            problem = f"unknown key '{name}'{did_you_mean(name, allowed)}"
            fix = f"use one of: {', '.join(allowed)}" if allowed else "remove the key"
        elif kind == "missing":
            name = str(loc[-1])
            parent = _join(prefix, loc[:-1]) or "the top level"
            problem = f"required key '{name}' is missing"
            fix = f"add '{name}:' under {parent}"
        elif kind == "enum":
            expected = _enum_values(error.get("ctx", {}).get("expected", ""))
            what = "key" if is_dict_key else "value"
            problem = f"{what} '{value}' is not allowed{did_you_mean(str(value), expected)}"
            fix = f"use one of: {', '.join(expected)}"
        else:
            problem = f"{error['msg'].rstrip('.')} (got {value!r})"
            fix = "correct the value; see the config reference in the README"
        result.append(ConfigError(file, key, problem, fix))
    return result


def _join(prefix: str, loc: list[Any]) -> str:
    parts = [prefix] if prefix else []
    for item in loc:
        if isinstance(item, int):
            parts[-1:] = [f"{parts[-1]}[{item}]"] if parts else [f"[{item}]"]
        else:
            parts.append(str(item))
    return ".".join(parts)


def _enum_values(expected: str) -> list[str]:
    # pydantic renders them as "'a', 'b' or 'c'"
    return [part.strip(" '") for part in expected.replace(" or ", ", ").split(",") if part.strip(" '")]


def _fields_at(model: type[BaseModel], loc: list[Any]) -> list[str]:
    """The allowed keys of the model found by walking `loc` through fields, lists and dicts."""
    current: Any = model
    for item in loc:
        current = _unwrap(current)
        if isinstance(item, int):
            continue  # a list index: _unwrap already stepped into the element type
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(item))
            if field is None:
                return []
            current = field.annotation
        else:
            args = typing.get_args(current)
            current = args[-1] if args else None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [info.alias or name for name, info in current.model_fields.items()]  # YAML keys, e.g. "pass"
    return []


def _unwrap(annotation: Any) -> Any:
    """`X | None` -> X; tuple[X, ...] and list[X] -> X."""
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None) and a is not Ellipsis]
    if origin in (typing.Union, types.UnionType) and len(args) == 1:
        return _unwrap(args[0])
    if origin in (tuple, list) and args:
        return _unwrap(args[0])
    return annotation
