"""One YAML reader for policies, rule packs, term lists and corpora, and one translation of its errors.

libyaml's C parser when PyYAML was built with it (the wheels are): a real term list of 100,000 entries
takes seconds with the pure-Python parser and a fraction of that in C. The loader is "safe" (YAML tags
that build Python objects are refused) and strict about one thing YAML itself allows: a key given
twice in one mapping is an error, because the later one silently wins and a second `validators:` or
`terms:` block would switch protection off without a word.

`read_yaml_file` and `validate_model` turn every problem into a ConfigError with file, key and fix;
`pydantic_errors` translates a model's validation errors the same way, for every caller.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from safe_reply.errors import ConfigError, did_you_mean

_BASE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class DuplicateKeyError(yaml.YAMLError):
    """A mapping names the same key twice."""

    def __init__(self, key: object, line: int, first_line: int) -> None:
        self.key_path = str(key)
        self.problem = f"key '{key}' appears twice (lines {first_line} and {line}); YAML would keep only the second"
        self.fix = "merge the two entries into one"
        super().__init__(self.problem)


class _StrictLoader(_BASE_LOADER):  # type: ignore[valid-type, misc]
    """The safe loader, refusing duplicate keys (see the module docstring)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        # Compare the keys as written (tag and text): no second construction per key, so a list of
        # 100,000 term mappings loads as fast as before.
        seen: dict[tuple[str, str], int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            ident = (key_node.tag, key_node.value)
            line = key_node.start_mark.line + 1
            if ident in seen:
                raise DuplicateKeyError(key_node.value, line, seen[ident])
            seen[ident] = line
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _StrictLoader.construct_mapping)


def load_yaml(data: str | bytes) -> Any:
    return yaml.load(data, Loader=_StrictLoader)


def dump_yaml(data: Any) -> str:
    """Block-style YAML, keys in the given order, non-ASCII kept readable."""
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)


def read_yaml_file(file: Path, errors: list[ConfigError]) -> tuple[Any, bytes]:
    try:
        data = file.read_bytes()
    except OSError as exc:
        errors.append(ConfigError(file, "", f"cannot read the file ({exc.strerror})", "check the path and permissions"))
        return None, b""
    try:
        parsed = load_yaml(data)
    except DuplicateKeyError as exc:
        errors.append(ConfigError(file, exc.key_path, exc.problem, exc.fix))
        return None, data
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


def validate_model(model: type[ModelT], raw: Any, file: Path, prefix: str, errors: list[ConfigError]) -> ModelT | None:
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
        elif kind == "config_fix":  # a validator that knows the fix (PydanticCustomError with ctx fix)
            problem = str(error.get("ctx", {}).get("problem", error["msg"]))
            fix = str(error.get("ctx", {}).get("fix", ""))
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
