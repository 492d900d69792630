"""Reading a protected-terms file: YAML (the full entry syntax), JSON, CSV or plain text.

A company's real list has tens of thousands of entries. Parsing that as YAML costs seconds even with
libyaml (100,000 entries: about 10 s), so three flat formats are read without it, chosen by suffix:
- `.txt`: one term per line, optionally followed by a tab and its kind (default `other`); empty lines
  and lines starting with `#` are skipped;
- `.csv`: a header row with `term` (or `pattern`) and `kind`, optionally `scope`, `ordinary_word` and
  `aliases` (separated by `|`);
- `.json`: a list of entries exactly as in YAML (parsed and validated in one pass by pydantic-core).
Every other suffix is YAML. Errors name the file and the line or entry, never the entry's text.
`load_entries` gathers a product line's entries (inline and from its files), `peer_entries` the
company-wide entries of the other lines.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from safe_reply.contracts import BuildContext
from safe_reply.errors import ConfigError
from safe_reply.validators.trade_secrets.config import (
    Entry,
    FlatTerm,
    Kind,
    Loaded,
    PatternEntry,
    Scope,
    Settings,
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
    simple = _simple_yaml(data)
    if simple is not None:
        return simple
    try:
        raw: Any = load_yaml(data)
    except yaml.YAMLError as exc:
        raise ConfigError(path, "", f"YAML syntax error ({exc})", "fix the YAML syntax of the terms file") from None
    if isinstance(raw, dict) and set(raw) == {"terms"}:
        raw = raw["terms"]
    if isinstance(raw, list) and all(_is_flat(item) for item in raw):
        return [FlatTerm(item["term"], item["kind"]) for item in raw]
    try:
        return list(_ENTRIES.validate_python(raw if raw is not None else []))
    except ValidationError as exc:
        raise _validation_error(path, exc) from None


# A long YAML list is nearly always generated, one entry per line: `- {term: "Zorvak", kind: codename}`
# (or the two-line block form `- term: Zorvak` / `  kind: codename`). Such a file is read line by line
# (100,000 entries: a fifth of a second instead of seconds of YAML parsing and one pydantic model per
# entry). Only what YAML reads as exactly these strings is accepted: a double-quoted term with JSON's
# escapes, or a plain one that starts with a letter and is no YAML boolean or null; a kind is a
# lower_snake_case name. Any other line sends the whole file to the YAML parser.
_QUOTED = r'"(?:[^"\\\x00-\x1f\x7f-\x9f\u2028\u2029]|\\[\\"bfnrt])*"'
_PLAIN = r"[^\W\d_](?:[\w. -]*[\w.-])?"
_KIND_NAME = r"[a-z][a-z0-9_]*"
_FLOW = re.compile(
    rf"- \{{ ?term: (?P<term>{_QUOTED}|{_PLAIN}), kind: (?P<kind>{_KIND_NAME}) ?\}}"
    rf"|- \{{ ?kind: (?P<kind2>{_KIND_NAME}), term: (?P<term2>{_QUOTED}|{_PLAIN}) ?\}}"
)
_BLOCK_TERM = re.compile(rf"- term: (?P<term>{_QUOTED}|{_PLAIN})")
_BLOCK_KIND = re.compile(rf"  kind: (?P<kind>{_KIND_NAME})")
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
# What YAML 1.1 (PyYAML's safe loader) reads as a boolean or null rather than a string.
_YAML_WORDS = frozenset("y n yes no true false on off null".split())


def _simple_yaml(data: bytes) -> list[Loaded] | None:
    """The entries of a terms file in the one-entry-per-line form, or None for any other YAML."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if _NON_PRINTABLE.search(text):  # YAML refuses these: let its parser say so
        return None
    lines = text.splitlines()
    entries: list[Loaded] = []
    kinds: dict[str, str] = {}
    pending: str | None = None  # the term of a block entry whose kind line comes next
    for line in lines:
        stripped = line.rstrip()
        if pending is not None:
            match = _BLOCK_KIND.fullmatch(stripped)
            if match is None:
                return None
            entry = _simple_entry(pending, match.group("kind"), kinds)
            if entry is None:
                return None
            entries.append(entry)
            pending = None
            continue
        if not stripped or stripped.lstrip().startswith("#"):
            continue
        match = _FLOW.fullmatch(stripped)
        if match is not None:
            written, kind = match.group("term", "kind")
            known = kinds.get(kind)  # the common case inline: a quoted term without escapes, a known kind
            if known is not None and written[0] == '"' and "\\" not in written and written[1:-1].isalnum():
                entries.append(FlatTerm(written[1:-1], known))
                continue
            entry = _simple_entry(written or match.group("term2"), kind or match.group("kind2"), kinds)
            if entry is None:
                return None
            entries.append(entry)
            continue
        match = _BLOCK_TERM.fullmatch(stripped)
        if match is None:
            return None
        pending = match.group("term")
    return entries if pending is None and entries else None


def _simple_entry(written: str, kind: str, kinds: dict[str, str]) -> FlatTerm | None:
    if written.startswith('"'):
        term = written[1:-1] if "\\" not in written else json.loads(written)  # escapes are rare
    elif written.lower() in _YAML_WORDS:
        return None
    else:
        term = written
    if kind in _YAML_WORDS or len(kind) > 64 or not (term.isalnum() or any(c.isalnum() for c in term)):
        return None
    return FlatTerm(term, kinds.setdefault(kind, kind))


def _is_flat(item: Any) -> bool:
    """A parsed YAML entry that is just a term and a valid kind: a FlatTerm without pydantic."""
    if not isinstance(item, dict) or len(item) != 2:
        return False
    term, kind = item.get("term"), item.get("kind")
    return (
        isinstance(term, str)
        and isinstance(kind, str)
        and _KIND.fullmatch(kind) is not None
        and len(kind) <= 64
        and any(c.isalnum() for c in term)
    )


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
    known: dict[str, str] = {}  # kinds checked once each (and one string each)
    fields = list(reader.fieldnames or ())
    if fields and set(fields) <= {"term", "kind"} and len(set(fields)) == len(fields):
        # Only a term and a kind column (a long generated list): csv.reader, without a dict per row.
        term_at, kind_at = fields.index("term"), fields.index("kind")
        rows = csv.reader(io.StringIO(text))
        next(rows)  # the header
        for cells in rows:
            number = rows.line_num  # the file's line (a quoted cell may span lines)
            if not cells:
                continue  # an empty line, skipped as DictReader skips it
            # As DictReader: a missing cell is empty, a cell beyond the header is ignored.
            term = cells[term_at].strip() if term_at < len(cells) else ""
            kind = cells[kind_at].strip() if kind_at < len(cells) else ""
            if kind in known and term.isalnum():
                entries.append(FlatTerm(term, known[kind]))
            else:
                entries.append(_term(path, f"line {number}", term, kind))
                known.setdefault(kind, kind)
        return entries
    for row in reader:
        where = f"line {reader.line_num}"  # the file's line: empty lines are skipped, not counted out
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

def load_entries(settings: Settings, ctx: BuildContext) -> list[Loaded]:
    """Company-wide entries, then the product line's, then the files; files are added to sources."""
    entries: list[Loaded] = [*settings.company_terms, *settings.terms]
    files: list[tuple[str, str]] = []
    if settings.company_terms_file:
        files.append(("company_terms_file", settings.company_terms_file))
    if settings.terms_file:
        files.append(("terms_file", settings.terms_file))
    if settings.terms_env:
        value = os.environ.get(settings.terms_env)
        if not value:
            raise ConfigError(
                ctx.file,
                f"{ctx.key}.terms_env",
                f"the environment variable {settings.terms_env} is not set",
                f"set {settings.terms_env} to the path of the protected-terms YAML file, or remove terms_env",
            )
        files.append(("terms_env", value))
    for key, path in files:
        loaded = _read_file(ctx, key, ctx.resolve(path))
        if not loaded and not settings.allow_empty:
            raise ConfigError(
                ctx.file,
                f"{ctx.key}.{key}",
                f"the protected-terms file {ctx.resolve(path)} holds no entry (empty or only comments), so it "
                "protects nothing",
                "put the protected terms into the file (or point the setting at the right file); if the list is "
                "empty on purpose, add 'allow_empty: true' next to it",
            )
        entries.extend(loaded)
    return entries


def peer_entries(ctx: BuildContext) -> tuple[list[Loaded], list[str]]:
    """The other product lines' entries that protect the whole company, and their allowed terms.

    A peer section that does not validate is skipped here: its own line reports the error.
    """
    entries: list[Loaded] = []
    allowed: list[str] = []
    for section in ctx.peers.values():
        try:
            settings = Settings.model_validate(dict(section))
            loaded = load_entries(settings, ctx)
        except (ValidationError, ConfigError):
            continue
        entries.extend(entry for entry in loaded if entry.scope is Scope.COMPANY)
        allowed.extend(settings.allowed_terms)
    return entries, allowed


def _read_file(ctx: BuildContext, key: str, path: Path) -> list[Loaded]:
    where = f"{ctx.key}.{key}"
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(
            ctx.file,
            where,
            f"cannot read the protected-terms file {path} ({exc.strerror})",
            "check the path (relative to the config folder) and the file permissions",
        ) from None
    ctx.sources.append(path)
    return parse_terms(path, data)
