"""The wheel as users install it: `pip install` puts the prebuilt JupyterLab
extension and the kernel package into the environment, with no build step.

`npm test` installs the freshly built wheel into .venv before this runs."""

from __future__ import annotations

import json
import pathlib
import re
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _jupyter(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "jupyter", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_labextension_is_installed_enabled_and_ok():
    result = _jupyter("labextension", "list")
    out = result.stdout + result.stderr
    line = next((l for l in out.splitlines() if "asyncio-lab" in l), None)
    assert line is not None, f"asyncio-lab is not in `jupyter labextension list`:\n{out}"
    version = json.loads((ROOT / "package.json").read_text())["version"]
    clean = re.sub(r"\x1b\[[0-9;]*m", "", line)
    assert f"asyncio-lab v{version}" in clean
    assert "enabled" in clean and "OK" in clean, clean


def test_installed_labextension_ships_schema_and_static_files():
    share = pathlib.Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "asyncio-lab"
    pkg = json.loads((share / "package.json").read_text())
    assert pkg["name"] == "asyncio-lab"
    assert (share / "schemas" / "asyncio-lab" / "plugin.json").is_file()
    assert any(p.name.startswith("remoteEntry.") for p in (share / "static").iterdir())
    assert json.loads((share / "install.json").read_text())["packageName"] == "asyncio-lab"


def test_installed_kernel_package_loads_in_a_fresh_interpreter():
    # A clean interpreter (no PYTHONPATH to the sources): the installed copy.
    result = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            "import asyncio_lab, sys; print(asyncio_lab.__version__, asyncio_lab.__file__)",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if result.returncode != 0:
        pytest.fail(f"the installed asyncio_lab does not import:\n{result.stderr}")
    version, location = result.stdout.split()
    assert version == json.loads((ROOT / "package.json").read_text())["version"]
    assert "site-packages" in location
