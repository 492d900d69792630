"""Reading a protected-terms file: YAML (the full entry syntax), JSON, CSV or plain text.

A company's real list has tens of thousands of entries. Parsing that as YAML costs seconds even with
libyaml (100,000 entries: about 10 s), so three flat formats are read without it, chosen by suffix:
- `.txt`: one term per line, optionally followed by a tab and its kind (default `other`); empty lines
  and lines starting with `#` are skipped;
- `.csv`: a header row with `term` (or `pattern`) and `kind`, optionally `scope`, `ordinary_word` and
  `aliases` (separated by `|`);
- `.json`: a list of entries exactly as in YAML (parsed and validated in one pass by pydantic-core).
Every other suffix is YAML. Errors name the file and the line or entry, never the entry's text.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from safe_reply.errors import ConfigError
from safe_reply.validators.trade_secrets.config import (
    Entry,
    FlatTerm,
    Kind,
    Loaded,
    PatternEntry,
    Scope,
    TermEntry,
)
from safe_reply.yamlio import load_yaml

__all__ = ["parse_terms"]

_KIND = re.compile(r"[a-z][a-z0-9_]*")
_ENTRIES: TypeAdapter[list[Entry]] = TypeAdapter(list[Entry])
_FIX = (
    "write a list of {term: ..., kind: ...} or {pattern: ..., kind: ...} entries (or one term per line in a "
    f".txt file); a kind is a lower_snake_case name (known kinds: {', '.join(k.value for k in Kind)})"
)
_BOOLS = {"": None, "true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def parse_terms(path: Path, data: bytes) -> list[Loaded]:
    """The entries of one terms file (format by suffix, see the module docstring)."""
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return _plain(path, _text(path, data))
    if suffix == ".csv":
        return _csv(path, _text(path, data))
    if suffix == ".json":
        try:
            return list(_ENTRIES.validate_json(data))
        except ValidationError as exc:
            raise _validation_error(path, exc) from None
    try:
        raw: Any = load_yaml(data)
    except yaml.YAMLError as exc:
        raise ConfigError(path, "", f"YAML syntax error ({exc})", "fix the YAML syntax of the terms file") from None
    if isinstance(raw, dict) and set(raw) == {"terms"}:
        raw = raw["terms"]
    try:
        return list(_ENTRIES.validate_python(raw if raw is not None else []))
    except ValidationError as exc:
        raise _validation_error(path, exc) from None


def _text(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(path, "", "the file is not UTF-8 text", "save the terms file as UTF-8") from None


def _validation_error(path: Path, exc: ValidationError) -> ConfigError:
    first = exc.errors()[0]
    loc = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first["loc"])
    # Never quote the input: it may be a protected term.
    return ConfigError(path, loc.lstrip(".") or "(top level)", f"{first['msg'].rstrip('.')}", _FIX)


def _term(path: Path, where: str, term: str, kind: str, **extra: Any) -> TermEntry | FlatTerm:
    """A term entry from a flat file, checked as the model would check it, without its overhead."""
    if not _KIND.fullmatch(kind) or len(kind) > 64:
        raise ConfigError(path, where, "the kind is not a lower_snake_case name", _FIX)
    if not any(c.isalnum() for c in term):
        raise ConfigError(path, where, "the term has no letter or digit to match", _FIX)
    if extra:
        try:
            return TermEntry.model_validate({"term": term, "kind": kind, **extra})
        except ValidationError as exc:
            raise ConfigError(path, where, exc.errors()[0]["msg"].rstrip("."), _FIX) from None
    return FlatTerm(term, kind)


def _plain(path: Path, text: str) -> list[Loaded]:
    entries: list[Loaded] = []
    kinds: dict[str, str] = {}  # checked once each, one string each: 100,000 terms have a handful of kinds
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped[0] == "#":
            continue
        term, _, kind = stripped.partition("\t")
        term, kind = term.strip(), kind.strip() or Kind.OTHER.value
        known = kinds.get(kind)
        if known is not None and term.isalnum():  # the common case, without _term's checks
            entries.append(FlatTerm(term, known))
            continue
        entries.append(_term(path, f"line {number}", term, kind))
        kinds.setdefault(kind, kind)
    return entries


def _csv(path: Path, text: str) -> list[Loaded]:
    reader = csv.DictReader(io.StringIO(text))
    columns = set(reader.fieldnames or ())
    if not ({"term", "pattern"} & columns) or "kind" not in columns:
        raise ConfigError(path, "line 1", "the header needs a 'term' or 'pattern' column and a 'kind' column", _FIX)
    stray = columns - {"term", "pattern", "kind", "scope", "ordinary_word", "aliases", "note"}
    if stray:
        raise ConfigError(path, "line 1", f"unknown column(s) {', '.join(sorted(stray))}", _FIX)
    entries: list[Loaded] = []
    for number, row in enumerate(reader, start=2):
        where = f"line {number}"
        kind = (row.get("kind") or "").strip()
        pattern = (row.get("pattern") or "").strip()
        extra: dict[str, Any] = {}
        scope = (row.get("scope") or "").strip()
        if scope:
            extra["scope"] = scope
        if pattern:
            try:
                entries.append(PatternEntry.model_validate({"pattern": pattern, "kind": kind, **extra}))
            except ValidationError as exc:
                raise ConfigError(path, where, exc.errors()[0]["msg"].rstrip("."), _FIX) from None
            continue
        ordinary = (row.get("ordinary_word") or "").strip().lower()
        if ordinary not in _BOOLS:
            raise ConfigError(path, where, "ordinary_word is not true or false", _FIX)
        if _BOOLS[ordinary] is not None:
            extra["ordinary_word"] = _BOOLS[ordinary]
        aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
        if aliases:
            extra["aliases"] = aliases
        if scope and scope not in {s.value for s in Scope}:
            raise ConfigError(path, where, "scope is not 'company' or 'line'", _FIX)
        entries.append(_term(path, where, (row.get("term") or "").strip(), kind, **extra))
    return entries
