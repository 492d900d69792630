"""One YAML reader for policies, term lists and corpora.

libyaml's C loader when PyYAML was built with it (the wheels are): a real term list of 100,000
entries takes seconds with the pure-Python loader and a fraction of that in C. Both are "safe"
loaders: YAML tags that build Python objects are refused.
"""

from __future__ import annotations

from typing import Any

import yaml

_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load_yaml(data: str | bytes) -> Any:
    return yaml.load(data, Loader=_LOADER)


def dump_yaml(data: Any) -> str:
    """Block-style YAML, keys in the given order, non-ASCII kept readable."""
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)
