"""Where the shipped rule packs and the example config are, in a wheel and in a source checkout.

In a wheel they are package data: the packs at the same path as in the repository
(safe_reply/validators/<family>/<language>.yaml), the example config in safe_reply/example_config
(copied in by setup.py). In a source checkout (editable install, tests) they are the top-level folders
validators/ and config/, which is where compliance staff edit them.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent  # src/safe_reply -> repository root


def packs_dir() -> Path:
    """The folder of shipped rule packs (one subfolder per validator family)."""
    # In a checkout src/safe_reply/validators holds only Python: the packs are the top-level folder.
    installed = _PACKAGE / "validators"
    if any(installed.glob("*/*.yaml")):
        return installed
    return _first_existing(_CHECKOUT / "validators")


def example_config_dir() -> Path:
    """The example policy (two fictional product lines) that `safe-reply demo` runs on."""
    return _first_existing(_PACKAGE / "example_config", _CHECKOUT / "config")


def examples_dir() -> Path:
    """The runnable examples, among them the support bot that `safe-reply demo` wraps."""
    return _first_existing(_PACKAGE / "examples", _CHECKOUT / "examples")


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    tried = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"safe_reply data folder missing (looked in {tried}); reinstall the package")
