"""Every lesson notebook of notebooks/course.json on CPython through a real ipykernel.

Run: ``PYTHONPATH=python .venv/bin/python -m pytest test/notebooks``.
See run_cpython.py for how the kernel is chosen and how ``asyncio_lab`` is loaded.
"""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run_cpython  # noqa: E402

LESSONS = run_cpython.course()["lessons"]
NOTEBOOKS = {lesson["file"]: run_cpython.COURSE.parent / lesson["file"] for lesson in LESSONS}
EXERCISES = [(lesson["file"], ex["id"]) for lesson in LESSONS for ex in lesson["exercises"]]


@functools.cache
def executed(file: str, variant: str) -> run_cpython.NotebookRun:
    return run_cpython.execute(NOTEBOOKS[file], variant)


def _describe(cell: run_cpython.CellResult) -> str:
    return f"cell {cell.index}:\n{cell.source}\noutputs: {cell.outputs}"


def test_check_mime_matches_the_package():
    from asyncio_lab.mime import CHECK_MIME

    assert run_cpython.CHECK_MIME == CHECK_MIME


@pytest.mark.parametrize("file", list(NOTEBOOKS))
def test_notebook_runs_without_errors(file):
    run = executed(file, "starter")
    assert run.problems() == []
    assert run.cells, "no code cells ran"


@pytest.mark.parametrize("file", list(NOTEBOOKS))
def test_kernel_is_this_python_and_this_work_tree(file):
    run = executed(file, "starter")
    assert run.probe[:1] == [sys.executable]
    assert Path(run.probe[1]).resolve() == (run_cpython.PYTHON_DIR / "asyncio_lab" / "__init__.py").resolve()


@pytest.mark.parametrize("file, ex_id", EXERCISES)
def test_starter_fails_its_check(file, ex_id):
    cell = executed(file, "starter").exercise(ex_id)
    assert not cell.errors, _describe(cell)
    assert len(cell.checks) == 1, _describe(cell)
    [payload] = cell.checks
    assert payload["exercise"] == ex_id
    assert payload["passed"] is False, payload
    # (That the cell's last value is still shown is tested through the magic
    # itself, in python/tests/test_magic.py: some exercises end with a call
    # that returns None and so show no value.)


@pytest.mark.parametrize("file, ex_id", EXERCISES)
def test_solution_passes_its_check(file, ex_id):
    run = executed(file, "solution")
    assert run.problems() == []
    cell = run.exercise(ex_id)
    [payload] = cell.checks
    assert payload["passed"] is True, payload
    assert all(c["passed"] for c in payload["checks"])


def test_a_learner_error_shows_traceback_and_failed_check(tmp_path):
    """A broken exercise cell: error output with the learner's line, and a failed check."""
    import nbformat

    file, ex_id = EXERCISES[0]
    nb = nbformat.read(NOTEBOOKS[file], as_version=4)
    for cell in nb.cells:
        if (cell.metadata.get("asyncio_lab") or {}).get("exercise") == ex_id:
            cell.source = f"%%check {ex_id}\nvalue = 1\nvalue / 0\n"
    path = tmp_path / file
    nbformat.write(nb, path)
    run = run_cpython.execute(path, "starter")
    cell = run.exercise(ex_id)
    [error] = cell.errors
    assert error["ename"] == "ZeroDivisionError"
    text = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(error["traceback"]))
    assert "----> 3 value / 0" in text, text  # the learner's line, numbered as in the cell
    [payload] = cell.checks
    assert payload["passed"] is False and "ZeroDivisionError" in payload["error"]
    assert run.problems() == [f"cell {cell.index} raised ZeroDivisionError: division by zero"]


SPAWN = 'import multiprocessing\nmultiprocessing.set_start_method("spawn", force=True)'
IN_MAIN = """import asyncio, concurrent.futures
def square(n):
    return n * n
try:
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:
        print(await asyncio.get_running_loop().run_in_executor(pool, square, 3))
except concurrent.futures.process.BrokenProcessPool:
    print("BrokenProcessPool")
"""


def test_the_process_pool_cell_works_under_spawn(tmp_path):
    """Lesson 8's process pool runs under `spawn` (macOS, Windows, Linux from 3.14), where a
    function defined in the notebook breaks the pool, as the lesson says."""
    import nbformat

    nb = nbformat.read(NOTEBOOKS["08-running-concurrently.ipynb"], as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    setup = code[0]
    [defines_crunch] = [c for c in code if c.source.startswith("def crunch(")]
    [pool] = [c for c in code if "ProcessPoolExecutor(" in c.source and "IN_BROWSER" in c.source]
    assert "def " not in pool.source, "the pool's function must come from a module, not the notebook"
    nb.cells = [nbformat.v4.new_code_cell(SPAWN), setup, defines_crunch, pool, nbformat.v4.new_code_cell(IN_MAIN)]
    path = tmp_path / "pool.ipynb"
    nbformat.write(nb, path)
    run = run_cpython.execute(path)
    *lesson, in_main = run.cells
    assert [p for c in lesson for p in c.problems()] == []
    printed = "".join(o.get("text", "") for o in lesson[-1].outputs)
    assert printed == "computed in two other processes: True\n", _describe(lesson[-1])
    assert "BrokenProcessPool" in "".join(o.get("text", "") for o in in_main.outputs if o.get("name") == "stdout")


def test_a_local_asyncio_py_breaks_a_script_and_python_m_not_the_kernels_cells(tmp_path):
    """Lesson 1: a file asyncio.py in the folder wins over the standard library for a script
    and for `python -m ...` (Jupyter's own imports), not for the cells of a kernel started
    the standard way (ipykernel_launcher), whose working folder comes after the stdlib."""
    import subprocess

    import nbformat

    (tmp_path / "asyncio.py").write_text("print('not the real asyncio')\n")
    (tmp_path / "main.py").write_text("import asyncio\nasyncio.run\n")
    script = subprocess.run([sys.executable, "main.py"], cwd=tmp_path, capture_output=True, text=True)
    assert "AttributeError: module 'asyncio' has no attribute 'run'" in script.stderr, script.stderr
    old_style = subprocess.run([sys.executable, "-m", "ipykernel", "--version"], cwd=tmp_path,
                               capture_output=True, text=True)
    assert old_style.returncode != 0 and str(tmp_path / "asyncio.py") in old_style.stderr, old_style.stderr

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import asyncio\nprint(asyncio.__file__)")]
    nbformat.write(nb, tmp_path / "cells.ipynb")
    [cell] = run_cpython.execute(tmp_path / "cells.ipynb").cells
    assert cell.problems() == []
    printed = "".join(o.get("text", "") for o in cell.outputs)
    import asyncio

    assert printed.strip() == asyncio.__file__, printed
