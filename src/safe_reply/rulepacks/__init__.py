"""Rule packs: declarative YAML rules with legal basis and examples, behind one anchored scan.

`schema` holds the pydantic models a pack file is validated against; `engine` compiles packs and
scans a reply; `sentences` finds sentence boundaries with exact offsets; `examples` runs every
rule's own flag/pass examples.
"""

from safe_reply.rulepacks.engine import CompiledPacks, CompiledRule, LoadedPack, RuleMatch
from safe_reply.rulepacks.loading import (
    compiled_packs,
    load_files,
    load_pack,
    load_packs,
    pack_paths,
    shipped_pack_paths,
)
from safe_reply.rulepacks.schema import PackFile, RuleModel

__all__ = [
    "CompiledPacks",
    "CompiledRule",
    "LoadedPack",
    "PackFile",
    "RuleMatch",
    "RuleModel",
    "compiled_packs",
    "load_files",
    "load_pack",
    "load_packs",
    "pack_paths",
    "shipped_pack_paths",
]
