"""One YAML reader for policies, term lists and corpora.

libyaml's C loader when PyYAML was built with it (the wheels are): a real term list of 100,000
entries takes seconds with the pure-Python loader and a fraction of that in C. Both are "safe"
loaders: YAML tags that build Python objects are refused.
"""

from __future__ import annotations

from typing import Any

import yaml

_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(data: str | bytes) -> Any:
    return yaml.load(data, Loader=_LOADER)
