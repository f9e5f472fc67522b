"""Execute the course's lesson notebooks on CPython through a real ipykernel (nbclient).

Used by ``test_notebooks_cpython.py`` (pytest); also runnable by hand::

    .venv/bin/python test/notebooks/run_cpython.py [notebooks/02-await-vs-create-task.ipynb ...]

Decisions, mirrored by the Pyodide runner (``pyodide-runner.test.mjs``):

* The kernel is ``python3`` from a kernelspec written to a temporary directory, whose
  argv is *this* interpreter (the venv's) and whose ``PYTHONPATH`` puts ``python/`` of
  this work tree first, so the working copy of ``asyncio_lab`` is what runs, whatever
  other ``python3`` kernelspecs the machine has.
* Notebooks do not contain ``%load_ext asyncio_lab``: the JupyterLab extension loads it
  silently when a course notebook's kernel starts.  Here a first cell
  ``%load_ext asyncio_lab`` is injected instead, and it must produce no output.
* A cell "fails" if it has an ``error`` output or writes to stderr, unless it is tagged
  ``raises-exception`` (nbclient's convention), in which case it must raise.
* Exercise variants: *starter* is the notebook as written; *solution* replaces the body
  of every exercise cell (everything after its ``%%check`` line) with the registered
  reference solution, ``asyncio_lab.exercises.get(id).solution``.
"""

from __future__ import annotations

import copy
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
PYTHON_DIR = ROOT / "python"
COURSE = Path(os.environ.get("ASYNCIO_LAB_COURSE", ROOT / "notebooks" / "course.json"))
CHECK_MIME = "application/vnd.asyncio-lab.check+json"  # asserted equal to asyncio_lab.mime in the tests
SETUP_SOURCE = "%load_ext asyncio_lab"
PROBE_SOURCE = "import sys as _s, asyncio_lab as _a\nprint(_s.executable)\nprint(_a.__file__)"
CELL_TIMEOUT = 120

if str(PYTHON_DIR) not in sys.path:
    sys.path.insert(0, str(PYTHON_DIR))


@dataclass
class CellResult:
    index: int  # index of the code cell in the original notebook (all cells)
    source: str
    outputs: list
    exercise: str | None = None
    raises: bool = False

    @property
    def errors(self) -> list[dict]:
        return [o for o in self.outputs if o.get("output_type") == "error"]

    @property
    def stderr(self) -> str:
        return "".join(
            o.get("text", "") for o in self.outputs if o.get("output_type") == "stream" and o.get("name") == "stderr"
        )

    @property
    def checks(self) -> list[dict]:
        return [
            o["data"][CHECK_MIME]
            for o in self.outputs
            if o.get("output_type") in ("display_data", "execute_result") and CHECK_MIME in o.get("data", {})
        ]

    def problems(self) -> list[str]:
        out = []
        if self.raises:
            if not self.errors:
                out.append(f"cell {self.index} is tagged raises-exception but raised nothing")
        else:
            for e in self.errors:
                out.append(f"cell {self.index} raised {e.get('ename')}: {e.get('evalue')}")
            if self.stderr.strip():
                out.append(f"cell {self.index} wrote to stderr:\n{self.stderr.strip()}")
        return out


@dataclass
class NotebookRun:
    path: Path
    variant: str
    cells: list[CellResult] = field(default_factory=list)
    setup_outputs: list = field(default_factory=list)
    probe: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        out = []
        if self.setup_outputs:
            out.append(f"`{SETUP_SOURCE}` was not silent: {json.dumps(self.setup_outputs)[:500]}")
        for c in self.cells:
            out.extend(c.problems())
        return out

    def exercise(self, ex_id: str) -> CellResult:
        return next(c for c in self.cells if c.exercise == ex_id)


def course() -> dict:
    return json.loads(COURSE.read_text(encoding="utf-8"))


def lesson_notebooks() -> list[Path]:
    return [COURSE.parent / lesson["file"] for lesson in course()["lessons"]]


def _exercise_of(cell) -> str | None:
    return (cell.get("metadata", {}).get("asyncio_lab") or {}).get("exercise")


def with_solutions(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    from asyncio_lab import exercises

    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        ex_id = _exercise_of(cell)
        if cell.cell_type == "code" and ex_id:
            first = cell.source.partition("\n")[0]
            cell.source = f"{first}\n{exercises.get(ex_id).solution}"
    return nb


def _kernel_spec_dir(tmp: Path) -> Path:
    spec = tmp / "kernels" / "python3"
    spec.mkdir(parents=True)
    pythonpath = os.pathsep.join(p for p in (str(PYTHON_DIR), os.environ.get("PYTHONPATH", "")) if p)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "Python 3 (asyncio-lab tests)",
                "language": "python",
                "env": {"PYTHONPATH": pythonpath, "PYTHONWARNINGS": "default"},
            }
        )
    )
    return tmp / "kernels"


def execute(path: Path, variant: str = "starter") -> NotebookRun:
    """Run one notebook top to bottom on a fresh ipykernel; ``variant`` is starter or solution."""
    original = nbformat.read(path, as_version=4)
    nb = with_solutions(original) if variant == "solution" else copy.deepcopy(original)
    code_cells = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    run_nb = nbformat.v4.new_notebook(metadata=copy.deepcopy(nb.metadata))
    run_nb.cells = (
        [nbformat.v4.new_code_cell(SETUP_SOURCE)]
        + [c for _, c in code_cells]
        + [nbformat.v4.new_code_cell(PROBE_SOURCE)]
    )
    with tempfile.TemporaryDirectory(prefix="asyncio-lab-kernels-") as tmp:
        ksm = KernelSpecManager(kernel_dirs=[str(_kernel_spec_dir(Path(tmp)))], ensure_native_kernel=False)
        km = KernelManager(kernel_name="python3", kernel_spec_manager=ksm)
        client = NotebookClient(
            run_nb,
            km=km,
            timeout=CELL_TIMEOUT,
            allow_errors=True,
            record_timing=False,
            resources={"metadata": {"path": str(path.parent)}},
        )
        client.execute()
    result = NotebookRun(path, variant, setup_outputs=run_nb.cells[0].outputs)
    for (index, cell), ran in zip(code_cells, run_nb.cells[1:-1]):
        result.cells.append(
            CellResult(
                index=index,
                source=ran.source,
                outputs=ran.outputs,
                exercise=_exercise_of(cell),
                raises="raises-exception" in cell.metadata.get("tags", []),
            )
        )
    probe = "".join(o.get("text", "") for o in run_nb.cells[-1].outputs if o.get("output_type") == "stream")
    result.probe = probe.split()
    return result


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or lesson_notebooks()
    failed = 0
    for path in paths:
        for variant in ("starter", "solution"):
            run = execute(path, variant)
            problems = run.problems()
            checks = {c.exercise: c.checks[0]["passed"] if c.checks else None for c in run.cells if c.exercise}
            print(f"{path.name} [{variant}]: {'ok' if not problems else 'FAILED'}; checks passed: {checks}")
            for p in problems:
                print("  -", p)
            failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
