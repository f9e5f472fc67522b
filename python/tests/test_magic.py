"""%%check through a real IPython InteractiveShell, via run_cell and run_cell_async."""

from __future__ import annotations

import asyncio

import pytest
from conftest import arun, run
from IPython.core.error import UsageError
from IPython.utils.capture import capture_output

import asyncio_lab
from asyncio_lab import exercises
from asyncio_lab.magics import check_cell_transformer
from asyncio_lab.mime import CHECK_MIME

DL = "await-vs-create-task.download-all"
BF = "await-vs-create-task.breakfast"


def cell(ex_id: str, body: str) -> str:
    return f"%%check {ex_id}\n{body}"


def test_starter_fails_and_solution_passes(shell, runner):
    for ex_id in (DL, BF):
        ex = exercises.get(ex_id)
        bad = runner(shell, cell(ex_id, ex.starter))
        assert bad.error is None
        [payload] = bad.checks
        assert payload["exercise"] == ex_id and payload["passed"] is False
        assert any(not c["passed"] and "expected" in c["message"] for c in payload["checks"])
        good = runner(shell, cell(ex_id, ex.solution))
        assert good.error is None
        [payload] = good.checks
        assert payload["passed"] is True, payload
        [bundle] = good.bundles
        assert bundle["text/plain"].startswith(f"✓ {ex.title} — ")


def test_last_expression_is_the_cell_value(shell, runner):
    ex = exercises.get(DL)
    r = runner(shell, cell(DL, ex.solution + 'await download_all(["p", "q"])\n'))
    assert r.value == ["contents of p", "contents of q"]
    assert shell.user_ns["_"] == ["contents of p", "contents of q"]
    assert "Out[" in r.stdout
    assert r.checks[0]["passed"] is True


def test_semicolon_and_statement_give_no_value(shell, runner):
    assert runner(shell, cell(BF, "x = 41 + 1\n")).value is None
    r = runner(shell, cell(BF, "x = 1\nx + 1;\n"))
    assert r.value is None and "Out[" not in r.stdout
    assert shell.user_ns["x"] == 1


def test_top_level_await_and_names_land_in_user_namespace(shell, runner):
    r = runner(shell, cell(BF, "await asyncio.sleep(0)\ny = await toast_bread()\ny.upper()\n"))
    assert r.error is None
    assert r.value == "TOAST" and shell.user_ns["y"] == "toast"


def test_learner_exception_surfaces_and_check_fails(shell, runner):
    r = runner(shell, cell(DL, "z = 1\nbefore = True\n1 / 0\n"))
    assert isinstance(r.error, ZeroDivisionError)
    assert shell.user_ns["before"] is True
    [payload] = r.checks
    assert payload["passed"] is False
    assert "ZeroDivisionError" in payload["error"]
    assert "ZeroDivisionError" in r.stdout  # the traceback is shown
    # Line numbers in the traceback are the cell's (line 1 is the %%check line).
    assert "----> 4 1 / 0" in _plain(r.stdout)
    assert "run_check_cell" not in _plain(r.stdout).split("skipping hidden")[-1]


def test_learner_exception_inside_awaited_code(shell, runner):
    r = runner(shell, cell(DL, "async def f():\n    raise ValueError('nope')\nawait f()\n"))
    assert isinstance(r.error, ValueError)
    assert r.checks[0]["passed"] is False and "ValueError: nope" in r.checks[0]["error"]


def test_syntax_error_surfaces(shell, runner):
    r = runner(shell, cell(DL, "def broken(:\n"))
    assert isinstance(r.error, SyntaxError)
    assert r.checks and r.checks[0]["passed"] is False


@pytest.mark.parametrize(
    "line, fragment",
    [
        ("%%check", "needs an exercise id"),
        ("%%check   ", "needs an exercise id"),
        ("%%check no-such.exercise", "unknown exercise 'no-such.exercise'"),
        ("%%check Not_An_Id", "is not an exercise id"),
        ("%%check a.b extra", "unrecognized arguments"),
    ],
)
def test_usage_errors_name_known_ids(shell, runner, line, fragment):
    r = runner(shell, f"{line}\nran = True\n")
    assert isinstance(r.error, UsageError), r.error
    assert fragment in str(r.error)
    if fragment != "unrecognized arguments":
        assert DL in str(r.error) and BF in str(r.error)
    assert "Traceback" not in r.stdout + r.stderr  # shown as a short UsageError
    assert "UsageError" in r.stderr
    assert "ran" not in shell.user_ns  # the body did not run
    assert not r.checks


def test_help(shell):
    doc = shell.find_cell_magic("check").__doc__
    assert "%%check [exercise]" in doc and "positional arguments" in doc
    with capture_output() as cap:
        shell.run_cell("%%check?")
    assert "Run the cell, then check it against an exercise" in cap.stdout
    assert "positional arguments" in cap.stdout
    assert check_cell_transformer(["%%check?\n"]) == ["%%check?\n"]
    assert check_cell_transformer(["%%check??\n"]) == ["%%check??\n"]
    assert check_cell_transformer(["%%checkers x\n"]) == ["%%checkers x\n"]


def test_transformer_output_is_one_top_level_await():
    out = check_cell_transformer(["%%check a.b\n", "x = 1\n", "'''q'''\n"])
    assert len(out) == 1 and out[0].startswith("await __import__(")
    assert "run_check_cell('a.b', \"x = 1\\n'''q'''\\n\")" in out[0]


def test_loading_twice_is_harmless(shell):
    before = list(shell.input_transformers_cleanup)
    asyncio_lab.load_ipython_extension(shell)
    asyncio_lab.load_ipython_extension(shell)
    assert shell.input_transformers_cleanup.count(check_cell_transformer) == 1
    assert shell.input_transformers_cleanup == before
    r = run(shell, cell(BF, exercises.get(BF).solution))
    assert len(r.checks) == 1 and r.checks[0]["passed"]


def test_unload_and_reload(shell):
    try:
        asyncio_lab.unload_ipython_extension(shell)
        assert check_cell_transformer not in shell.input_transformers_cleanup
        assert shell.find_cell_magic("check") is None
    finally:
        asyncio_lab.load_ipython_extension(shell)
    assert shell.find_cell_magic("check") is not None


def test_plain_magic_without_running_loop(shell):
    """shell.run_cell_magic (no transformer): sync code, and await via asyncio.run."""
    with capture_output() as cap:
        value = shell.run_cell_magic("check", BF, exercises.get(BF).solution + "1 + 1\n")
    assert value == 2
    [out] = [o for o in cap.outputs if CHECK_MIME in o.data]
    assert out.data[CHECK_MIME]["passed"] is True
    with capture_output():
        assert shell.run_cell_magic("check", BF, "await asyncio.sleep(0)\n'awaited'\n") == "awaited"
    with pytest.raises(UsageError, match="Known ids"):
        shell.run_cell_magic("check", "", "1\n")


def test_plain_magic_inside_running_loop_explains(shell):
    async def inner():
        with pytest.raises(UsageError, match="already running"):
            shell.run_cell_magic("check", BF, "await asyncio.sleep(0)\n")
        with pytest.raises(UsageError, match="unknown exercise"):
            shell.run_cell_magic("check", "x.y", "1\n")

    asyncio.run(inner())


def test_run_cell_async_inside_a_running_loop_like_ipykernel(shell):
    """Several cells on one running loop; tasks from one cell are visible to the next."""

    async def session():
        await arun(shell, "t = asyncio.create_task(boil_water())")
        r = await arun(shell, cell(BF, exercises.get(BF).solution + "await t\n"))
        assert r.value == "hot water"
        assert r.checks[0]["passed"]
        # A running loop is really in play: asyncio.run inside the cell is refused.
        bad = await arun(shell, "c = asyncio.sleep(0)\ntry:\n    asyncio.run(c)\nexcept RuntimeError as e:\n    msg = str(e)\n    c.close()\n")
        assert bad.error is None and "running event loop" in shell.user_ns["msg"]

    asyncio.run(session())


def _plain(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)
