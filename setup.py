"""Copy the top-level rule packs (validators/), example config (config/) and examples into the wheel.

They live at the top level so compliance staff find them without reading Python. In the wheel the rule
packs keep their path: validators/<family>/<language>.yaml lands in safe_reply/validators/<family>/,
next to the validator that reads it, so "validators/claims/de.yaml" names the same pack everywhere.
The example config and examples land in safe_reply/example_config and safe_reply/examples. In a source
checkout (editable install) the package reads them at the top level (see safe_reply.resources).
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).parent
COPIES = {"config": "example_config", "examples": "examples"}
PACKS = "validators"  # merged into the Python package of the same name: YAML files only


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        packages = Path(self.build_lib) / "safe_reply" / PACKS
        for pack in (ROOT / PACKS).rglob("*.yaml"):
            destination = packages / pack.relative_to(ROOT / PACKS)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(pack, destination)
        for source, target in COPIES.items():
            destination = Path(self.build_lib) / "safe_reply" / target
            if destination.exists():
                shutil.rmtree(destination)
            shutil.copytree(ROOT / source, destination, ignore=shutil.ignore_patterns("*.md", "__pycache__"))


setup(cmdclass={"build_py": BuildPyWithData})
