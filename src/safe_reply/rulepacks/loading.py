"""Finding and reading rule-pack files: the shipped ones, a company's, a folder for `safe-reply rules test`.

Pack and vocabulary files are told apart by their first key (`pack:` or `vocabulary:`); every problem
of every file is raised together as ConfigErrors (file, key path, fix). `compiled_packs(paths)`
compiles once per set of files and contents, so validators that ask for the same files share one
CompiledPacks and therefore one scan per reply.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from safe_reply.errors import ConfigError, ConfigErrors
from safe_reply.resources import packs_dir
from safe_reply.rulepacks.engine import CompiledPacks, LoadedPack, LoadedVocabulary
from safe_reply.rulepacks.schema import PackFile
from safe_reply.rulepacks.vocabulary import VocabularyFile
from safe_reply.yamlio import pydantic_errors, read_yaml_file


def load_pack(path: Path) -> LoadedPack:
    """Read and validate one pack file (regexes are compiled by CompiledPacks.compile)."""
    return load_packs([path])[0]


def load_packs(paths: Iterable[Path]) -> list[LoadedPack]:
    """Read and validate pack files (vocabulary files among them are read too, and left out)."""
    return load_files(paths)[0]


def load_files(paths: Iterable[Path]) -> tuple[list[LoadedPack], list[LoadedVocabulary]]:
    """Read and validate pack and vocabulary files (told apart by their first key, `pack:` or
    `vocabulary:`); every problem of every file is raised together as ConfigErrors."""
    errors: list[ConfigError] = []
    packs: list[LoadedPack] = []
    vocabularies: list[LoadedVocabulary] = []
    seen_ids: dict[str, Path] = {}
    for path in paths:
        file_errors: list[ConfigError] = []
        raw, data = read_yaml_file(path, file_errors)
        if file_errors:
            errors.extend(file_errors)
            continue
        digest = hashlib.sha256(data).hexdigest()
        model_type: type[PackFile] | type[VocabularyFile] = (
            VocabularyFile if isinstance(raw, dict) and "vocabulary" in raw else PackFile
        )
        try:
            model = model_type.model_validate(raw)
        except ValidationError as exc:
            errors.extend(pydantic_errors(exc, model_type, path))
            continue
        ident = model.vocabulary if isinstance(model, VocabularyFile) else model.pack
        if ident in seen_ids:
            what = "vocabulary" if isinstance(model, VocabularyFile) else "pack"
            errors.append(ConfigError(path, what, f"{what} id '{ident}' is also used by {seen_ids[ident]}", "rename"))
            continue
        seen_ids[ident] = path
        if isinstance(model, VocabularyFile):
            vocabularies.append(LoadedVocabulary(path, model, digest))
        else:
            packs.append(LoadedPack(path, model, digest))
    if errors:
        raise ConfigErrors(errors)
    return packs, vocabularies


def compiled_packs(paths: Iterable[Path]) -> CompiledPacks:
    """Load and compile packs; the same files with the same content give the same (shared) object."""
    ordered = tuple(sorted({Path(p).resolve() for p in paths}))
    digests = tuple(hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "" for p in ordered)
    return _compiled_cached(ordered, digests)


@functools.lru_cache(maxsize=16)
def _compiled_cached(paths: tuple[Path, ...], digests: tuple[str, ...]) -> CompiledPacks:
    del digests  # part of the cache key only: an edited pack compiles anew
    return CompiledPacks.compile(*load_files(paths))


def shipped_pack_paths(root: Path | None = None, families: Iterable[str] | None = None) -> list[Path]:
    """Pack files under `root` (default: the shipped packs), one subfolder per family, sorted."""
    base = root if root is not None else packs_dir()
    wanted = set(families) if families is not None else None
    found = []
    for path in sorted(base.glob("*/*.yaml")) + sorted(base.glob("*/*.yml")):
        if wanted is None or path.parent.name in wanted:
            found.append(path)
    return found


def pack_paths(target: Path) -> list[Path]:
    """A pack file itself, or every *.yaml / *.yml below a folder (for `safe-reply rules test PATH`)."""
    if target.is_file():
        return [target]
    return sorted([*target.rglob("*.yaml"), *target.rglob("*.yml")])
