"""Fixtures: a real IPython InteractiveShell with asyncio_lab loaded."""

from __future__ import annotations

import asyncio
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYTHON_DIR = ROOT / "python"
if str(PYTHON_DIR) not in sys.path:
    sys.path.insert(0, str(PYTHON_DIR))

from IPython.core.interactiveshell import InteractiveShell  # noqa: E402
from IPython.utils.capture import capture_output  # noqa: E402

from asyncio_lab.mime import CHECK_MIME  # noqa: E402

COURSE = ROOT / "notebooks" / "course.json"


@dataclass
class CellRun:
    result: object  # IPython ExecutionResult
    outputs: list  # RichOutput objects published with display()
    stdout: str
    stderr: str

    @property
    def checks(self) -> list[dict]:
        return [o.data[CHECK_MIME] for o in self.outputs if CHECK_MIME in o.data]

    @property
    def bundles(self) -> list[dict]:
        return [o.data for o in self.outputs if CHECK_MIME in o.data]

    @property
    def value(self):
        return self.result.result

    @property
    def error(self):
        return self.result.error_before_exec or self.result.error_in_exec


@pytest.fixture
def shell():
    ip = InteractiveShell.instance()
    ip.run_line_magic("load_ext", "asyncio_lab")
    ip.reset(new_session=False)
    ip.run_cell("import asyncio\nfrom asyncio_lab.sim import fake_download, boil_water, toast_bread, recording")
    yield ip
    ip.reset(new_session=False)


def run(ip, cell: str) -> CellRun:
    """``shell.run_cell`` (IPython drives the async cell with its own runner)."""
    with capture_output() as cap:
        res = ip.run_cell(cell, store_history=True)
    return CellRun(res, cap.outputs, cap.stdout, cap.stderr)


async def arun(ip, cell: str) -> CellRun:
    """``await shell.run_cell_async`` inside a running loop: what ipykernel and pyodide_kernel do."""
    with capture_output() as cap:
        transformed = ip.transform_cell(cell)
        if ip.should_run_async(cell, transformed_cell=transformed, preprocessing_exc_tuple=None):
            res = await ip.run_cell_async(cell, store_history=True, transformed_cell=transformed)
        else:  # as ipykernel does for cells without top-level await
            res = ip.run_cell(cell, store_history=True)
    return CellRun(res, cap.outputs, cap.stdout, cap.stderr)


def arun_sync(ip, cell: str) -> CellRun:
    return asyncio.run(arun(ip, cell))


@pytest.fixture(params=["run_cell", "run_cell_async"])
def runner(request):
    """Run a cell both ways."""
    return run if request.param == "run_cell" else arun_sync


def course() -> dict:
    return json.loads(COURSE.read_text(encoding="utf-8"))
