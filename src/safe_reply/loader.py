"""Load a config folder into a compiled Policy, or fail with errors that say file, key and fix.

Layout: `defaults.yaml` (required: an empty one means the built-in defaults) and one file per product
line, named after its id, either in `product_lines/` or next to the defaults. All errors of a folder
are collected and raised together (ConfigErrors), so an editor fixes a file in one round instead of
one error per run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from safe_reply import registry
from safe_reply.config_models import Defaults, ProductLine, ValidatorSwitches
from safe_reply.contracts import BuildContext, Validator, ValidatorSpec
from safe_reply.errors import ConfigError, ConfigErrors, did_you_mean
from safe_reply.keys import hash_key_from_env
from safe_reply.policy import Policy, ProductLinePolicy
from safe_reply.registry import builtin_actions, load_spec
from safe_reply.types import Action, Category, PolicyRef
from safe_reply.yamlio import read_yaml_file, validate_model

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
    if defaults_path.exists():
        defaults_raw, defaults_bytes = read_yaml_file(defaults_path, errors)
    else:
        errors.append(_missing_defaults(defaults_path))
        defaults_raw, defaults_bytes = {}, b""
    defaults = validate_model(Defaults, defaults_raw, defaults_path, "", errors) or Defaults()

    files = product_line_files(config_dir)
    if not files:
        errors.append(
            ConfigError(
                config_dir,
                "",
                "no product line files found",
                f"add {PRODUCT_LINE_DIR}/<id>.yaml with at least 'id: <id>' (see config/product_lines/ebike.yaml)",
            )
        )
    read = [line for line in (_read_product_line(file, errors) for file in files) if line is not None]
    folder = _Folder(config_dir, defaults, defaults_path, defaults_bytes, hash_key, registry.registered(), read)
    lines: dict[str, ProductLinePolicy] = {}
    for item in read:
        compiled = folder.compile(item, errors)
        if compiled is None:
            continue
        if compiled.id in lines:
            errors.append(
                ConfigError(item.file, "id", f"product line '{compiled.id}' is defined twice", "keep one file per id")
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
    return Policy(lines, defaults.default_product_line, config_dir, defaults.log, defaults.serve)


def _missing_defaults(path: Path) -> ConfigError:
    # Company-wide protected terms live in the defaults: a folder copied without them must not load
    # as if the company had none.
    misnamed = path.with_name("defaults.yml")
    fix = (
        f"rename {misnamed.name} to {DEFAULTS_FILE} (only that name is read)"
        if misnamed.exists()
        else f"add it (see config/{DEFAULTS_FILE} in the safe_reply repository; an empty file means the built-in "
        "defaults)"
    )
    return ConfigError(
        path,
        "",
        f"{DEFAULTS_FILE} is missing: every product line inherits the company-wide validators (protected terms "
        "among them), actions, fallback and log settings from it, and they would silently be gone",
        f"{fix}, or pass the folder that holds it",
    )


def product_line_files(config_dir: Path) -> list[Path]:
    nested = sorted((config_dir / PRODUCT_LINE_DIR).glob("*.y*ml"))
    flat = sorted(p for p in config_dir.glob("*.y*ml") if p.name not in {DEFAULTS_FILE, "defaults.yml"})
    return nested + flat


@dataclass(frozen=True)
class _ReadLine:
    file: Path
    raw_bytes: bytes
    line: ProductLine


def _read_product_line(file: Path, errors: list[ConfigError]) -> _ReadLine | None:
    raw, raw_bytes = read_yaml_file(file, errors)
    line = validate_model(ProductLine, raw, file, "", errors)
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
        return None
    return _ReadLine(file, raw_bytes, line)


_SWITCHES = ("enabled", "fail_open", "time_budget_seconds")


@dataclass
class _Folder:
    """What every product line of one folder shares while it compiles."""

    config_dir: Path
    defaults: Defaults
    defaults_path: Path
    defaults_bytes: bytes
    hash_key: bytes
    table: Mapping[str, str]  # the registry: name -> "module:attribute"
    lines: list[_ReadLine]
    specs: dict[str, ValidatorSpec[Any]] = field(default_factory=dict)

    def section(self, name: str, line: ProductLine) -> dict[str, Any]:
        """The validator's section, product line over defaults, key by key."""
        return {**self.defaults.validators.get(name, {}), **line.validators.get(name, {})}

    def spec(self, name: str) -> ValidatorSpec[Any]:
        if name not in self.specs:
            self.specs[name] = load_spec(name, self.table)
        return self.specs[name]

    def compile(self, item: _ReadLine, errors: list[ConfigError]) -> ProductLinePolicy | None:
        before = len(errors)
        line, file = item.line, item.file
        sources: list[Path] = []
        built: list[tuple[ValidatorSpec[Any], Validator]] = []
        fail_open: set[str] = set()
        budgets: dict[str, float] = {}
        named = sorted(set(self.defaults.validators) | set(line.validators))
        for name in named:
            where = file if name in line.validators else self.defaults_path
            key = f"validators.{name}"
            if name not in self.table:
                errors.append(
                    ConfigError(
                        where,
                        key,
                        f"unknown validator '{name}'{did_you_mean(name, self.table)}",
                        f"use one of: {', '.join(self.table)} (or install the package that registers it)",
                    )
                )
                continue
            section = self.section(name, line)
            raw_switches = {k: section.pop(k) for k in _SWITCHES if k in section}
            switches = validate_model(ValidatorSwitches, raw_switches, where, key, errors)
            if switches is None or not switches.enabled:
                continue
            if switches.fail_open:
                fail_open.add(name)
            if switches.time_budget_seconds is not None:
                budgets[name] = switches.time_budget_seconds
            spec = self.spec(name)
            settings = validate_model(spec.settings, section, where, key, errors)
            if settings is None:
                continue
            peers = {
                other.line.id: {k: v for k, v in self.section(name, other.line).items() if k not in _SWITCHES}
                for other in self.lines
                if other.line.id != line.id
            }
            default_language = line.default_language or self.defaults.default_language
            company = tuple(other.line for other in self.lines if other.line.id != line.id)
            build_ctx = BuildContext(
                line, self.config_dir, where, key, self.hash_key, sources, default_language, peers, company
            )
            try:
                built.append((spec, spec.build(settings, build_ctx)))
            except ConfigError as exc:
                errors.append(exc)
            except ConfigErrors as exc:
                errors.extend(exc.errors)
        actions = self._actions(item, [spec for spec, _ in built], errors)
        if len(errors) > before:
            return None
        built.sort(key=lambda pair: (pair[0].order, pair[0].name))
        digest = hashlib.sha256(self.defaults_bytes + b"\0" + item.raw_bytes)
        # The other lines shape this one too (their protected terms, the company's service terms): a change there
        # is a new policy here.
        for other in sorted(self.lines, key=lambda read: read.line.id):
            if other.line.id != line.id:
                digest.update(b"\0" + other.raw_bytes)
        for source in sources:
            digest.update(b"\0" + source.read_bytes())
        return ProductLinePolicy(
            config=line,
            ref=PolicyRef(line.id, digest.hexdigest()[:16]),
            mode=line.mode or self.defaults.mode,
            actions=actions,
            fallback=line.fallback or self.defaults.fallback,
            default_language=line.default_language or self.defaults.default_language,
            languages=line.languages or self.defaults.languages,
            validators=tuple(validator for _, validator in built),
            fail_open=frozenset(fail_open),
            sensitive=frozenset(spec.name for spec, _ in built if spec.sensitive),
            limits=line.limits.over(self.defaults.limits),
            budgets=budgets,
        )

    def _actions(
        self, item: _ReadLine, enabled: list[ValidatorSpec[Any]], errors: list[ConfigError]
    ) -> dict[str, Action]:
        """The action table: engine defaults, each enabled validator's defaults, then the YAML."""
        actions: dict[str, Action] = dict(builtin_actions())
        for spec in enabled:
            actions.update(spec.default_actions)
        known = set(actions) | {c.value for c in Category}
        for spec in enabled:
            known.update(spec.categories)
        for where, table in ((self.defaults_path, self.defaults.actions), (item.file, item.line.actions)):
            for category in table:
                if category not in known:
                    errors.append(
                        ConfigError(
                            where,
                            f"actions.{category}",
                            f"unknown category '{category}'{did_you_mean(category, known)}",
                            f"use one of: {', '.join(sorted(known))}",
                        )
                    )
        return {**actions, **self.defaults.actions, **item.line.actions}
