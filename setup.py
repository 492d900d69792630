"""Copy the top-level rule packs (validators/), example config (config/) and examples into the wheel.

They live at the top level so compliance staff find them without reading Python; the package finds
them inside the wheel as safe_reply/packs and safe_reply/example_config, and in a source checkout
(editable install) at the top level again (see safe_reply.resources).
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).parent
COPIES = {"validators": "packs", "config": "example_config", "examples": "examples"}


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        for source, target in COPIES.items():
            destination = Path(self.build_lib) / "safe_reply" / target
            if destination.exists():
                shutil.rmtree(destination)
            shutil.copytree(ROOT / source, destination, ignore=shutil.ignore_patterns("*.md", "__pycache__"))


setup(cmdclass={"build_py": BuildPyWithData})
