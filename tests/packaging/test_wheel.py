"""The wheel carries the rule packs, the example config and the example bot, and its CLI works.

Offline by design: the wheel is built without build isolation and installed with --no-deps into a
fresh venv outside the repository; the dependencies come from the test's own environment through
a .pth file (no registry is contacted).
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}} | {"COLUMNS": "200"}
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    built = run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", work / "dist", ROOT, cwd=work)
    assert built.returncode == 0, built.stderr[-3000:]
    [wheel] = (work / "dist").glob("safe_reply-*.whl")
    venv = work / "venv"
    made = run(sys.executable, "-m", "venv", venv, cwd=work)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=work).stdout.strip()
    # Dependencies from this test environment, without its editable safe_reply (a plain path entry in a
    # .pth file does not process that folder's own .pth files, so the editable finder stays off).
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    pip = run(python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheel, cwd=work)
    assert pip.returncode == 0, pip.stderr
    return venv


def test_installed_package_is_the_wheel_not_the_checkout(installed: Path) -> None:
    code = (
        "import safe_reply, safe_reply.resources as r; "
        "print(safe_reply.__file__); print(r.packs_dir()); print(r.example_config_dir()); print(r.examples_dir())"
    )
    result = run(installed / "bin" / "python", "-c", code, cwd=installed.parent)
    assert result.returncode == 0, result.stderr
    paths = result.stdout.splitlines()
    assert all(str(installed) in p for p in paths), paths
    assert paths[1].endswith("safe_reply/validators")  # the packs keep their repository path
    assert sorted(p.name for p in Path(paths[2], "product_lines").glob("*.yaml")) == ["ebike.yaml", "kitchen.yaml"]
    assert Path(paths[3], "support_bot.py").is_file()
    shipped = sorted(p.relative_to(paths[1]).as_posix() for p in Path(paths[1]).rglob("*.yaml"))
    assert Path(paths[1], "claims", "validator.py").is_file()  # next to the code that reads them
    in_repo = sorted(p.relative_to(ROOT / "validators").as_posix() for p in (ROOT / "validators").rglob("*.yaml"))
    assert shipped == in_repo


def test_config_check_on_example_config(installed: Path) -> None:
    where = run(
        installed / "bin" / "python",
        "-c",
        "from safe_reply.resources import example_config_dir as d; print(d())",
        cwd=installed.parent,
    ).stdout.strip()
    result = run(installed / "bin" / "safe-reply", "config", "check", where, cwd=installed.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ebike (default)" in result.stdout
    assert "kitchen" in result.stdout
    assert result.stdout.rstrip().endswith(f"OK: 2 product line(s) in {where}")
