"""The coach: source analysis (plain, also run on Pyodide) and the findings it shows under
cells of a real IPython shell, run both ways (own loop per cell, and inside one running loop)."""

from __future__ import annotations

import asyncio
import gc
import time

from _plain import PYODIDE, plain

from asyncio_lab import coach, mime
from asyncio_lab.coach import analyze_source, blocking_calls

COACH_MIME = "application/vnd.asyncio-lab.coach+json"


@plain
def test_coach_mime_literal():
    assert mime.COACH_MIME == COACH_MIME and mime.COACH_PAYLOAD_VERSION == 1


@plain
def test_analyze_source_finds_loop_calls_outside_try():
    src = (
        "import asyncio\n"
        "async def main():\n"
        "    return 1\n"
        "asyncio.run(main())\n"
        "loop = asyncio.new_event_loop()\n"
        "loop.run_until_complete(main())\n"
        "try:\n"
        "    asyncio.run(main())\n"
        "except RuntimeError as exc:\n"
        "    print(exc)\n"
        "runner.run(x)\n"  # not asyncio.run
    )
    found = analyze_source(src)
    assert [(f.kind, f.line) for f in found] == [("loop-in-notebook", 4), ("loop-in-notebook", 5), ("loop-in-notebook", 6)]
    assert "await main()" in found[0].message
    assert analyze_source("%%%% not python") == [] and analyze_source("x = 1") == []
    assert [f.line for f in analyze_source(src, offset=1)] == [5, 6, 7]


@plain
def test_blocking_calls_prefers_async_defs():
    src = "import time\ntime.sleep(1)\nasync def f():\n    time.sleep(2)\n"
    assert blocking_calls(src) == [(4, "time.sleep()"), (2, "time.sleep()")]


@plain
def test_bundle_text_fallback():
    f = coach.Finding("never-awaited", "warning", 3, "Coroutine f() was never awaited", "Await it.")
    b = coach.bundle([f])
    assert b[COACH_MIME] == {"version": 1, "findings": [f.to_json()]}
    assert b["text/plain"] == "asyncio coach:\n  ⚠ line 3: Coroutine f() was never awaited: Await it."


# --------------------------------------------------------------------------- through IPython


def _pytest_records_warnings():
    """pytest records warnings during each test (catch_warnings(record=True)); the coach rightly
    stays quiet about warnings the code records, so show them as a notebook would."""
    import warnings

    import pytest

    @pytest.fixture(autouse=True)
    def notebook_warnings(monkeypatch):
        if coach._ORIGINAL_SHOW is not None:
            monkeypatch.setattr(warnings, "_showwarnmsg_impl", coach._ORIGINAL_SHOW)
        monkeypatch.setattr(warnings, "showwarning", warnings._showwarning_orig)
        yield

    return notebook_warnings


if not PYODIDE:
    notebook_warnings = _pytest_records_warnings()


def _findings(r) -> list[dict]:
    return [f for o in r.outputs if COACH_MIME in o.data for f in o.data[COACH_MIME]["findings"]]


def test_silent_on_a_clean_cell(shell, runner):
    r = runner(shell, "async def f():\n    await asyncio.sleep(0)\n    return 1\nawait f()\n")
    assert r.error is None and r.value == 1
    assert _findings(r) == []
    assert not any(COACH_MIME in o.data for o in r.outputs)


def test_never_awaited_with_the_creating_line(shell, runner):
    r = runner(shell, "async def fetch():\n    return 1\n\nfetch()\nx = 2\n")
    [f] = _findings(r)
    assert f["kind"] == "never-awaited" and f["line"] == 4 and f["severity"] == "warning"
    assert "fetch()" in f["title"] and "await fetch(" in f["message"]
    assert "Coroutine created at" not in r.stderr  # Python's own warning is worded as without the coach


def test_never_awaited_respects_catch_warnings(shell, runner):
    r = runner(
        shell,
        "import warnings\nasync def f():\n    return 1\n"
        "with warnings.catch_warnings(record=True) as caught:\n    warnings.simplefilter('always')\n    f()\n"
        "print(len(caught), caught[0].message)\n",
    )
    assert _findings(r) == []
    assert "1 coroutine 'f' was never awaited" in r.stdout


def test_failed_fire_and_forget_task(shell, runner):
    r = runner(
        shell,
        "async def job():\n    await asyncio.sleep(0)\n    raise ValueError('lost')\n\n"
        "asyncio.create_task(job())\nawait asyncio.sleep(0.01)\n",
    )
    kinds = {f["kind"]: f for f in _findings(r)}
    f = kinds["exception-not-retrieved"]
    assert f["severity"] == "warning" and f["line"] == 3  # where it was raised
    assert "ValueError: lost" in f["message"]
    gc.collect()
    assert "never retrieved" not in r.stderr


def test_failed_task_kept_in_a_variable_is_only_info(shell, runner):
    r = runner(
        shell,
        "async def job():\n    raise KeyError('k')\n\nt = asyncio.create_task(job())\nawait asyncio.sleep(0)\n",
    )
    [f] = [f for f in _findings(r) if f["kind"] == "exception-not-retrieved"]
    assert f["severity"] == "info" and "await" in f["message"]
    assert shell.user_ns["t"]._log_traceback  # still the learner's to retrieve
    shell.user_ns["t"].exception()


def test_pending_tasks_nobody_holds(shell):
    from conftest import arun

    async def go():
        kept = await arun(shell, "async def bg():\n    await asyncio.sleep(30)\nkeep = [asyncio.create_task(bg())]\n")
        lost = await arun(shell, "async def bg2():\n    await asyncio.sleep(30)\nasyncio.create_task(bg2(), name='lost')\n")
        again = await arun(shell, "await asyncio.sleep(0)\n")
        for t in asyncio.all_tasks():
            if t is not asyncio.current_task():
                t.cancel()
        return kept, lost, again

    kept, lost, again = asyncio.run(go())
    assert _findings(kept) == []
    [f] = _findings(lost)
    assert f["kind"] == "pending-tasks" and "'lost'" in f["message"] and f["line"] == 3
    assert _findings(again) == []  # reported once, in the cell that made it


def test_blocked_loop_names_the_line(shell, runner):
    r = runner(
        shell,
        "import time\nasync def tick():\n    await asyncio.sleep(0)\n"
        "t = asyncio.create_task(tick())\nawait asyncio.sleep(0)\ntime.sleep(0.6)\nawait t\n",
    )
    [f] = [f for f in _findings(r) if f["kind"] == "blocked-loop"]
    assert f["line"] == 6 and f["severity"] == "warning"
    assert "blocked for 0.6" in f["title"] or "blocked for 0.5" in f["title"]


def test_loading_the_lessons_is_not_the_learners_block(shell, runner, tmp_path, monkeypatch):
    # The first %%check / %hint of a kernel imports every lesson inside the learner's cell; a
    # slow import (here a lesson module that takes 0.6 s) is asyncio-lab's time, not a block.
    import sys

    from asyncio_lab import exercises, lessons

    (tmp_path / "zz_slow_lesson.py").write_text("import time\ntime.sleep(0.6)\n")
    monkeypatch.setattr(lessons, "__path__", [*lessons.__path__, str(tmp_path)])
    monkeypatch.setattr(exercises, "_lessons_loaded", False)
    monkeypatch.delitem(sys.modules, "asyncio_lab.lessons.zz_slow_lesson", raising=False)
    r = runner(shell, "await asyncio.sleep(0)\n%hint await-vs-create-task.download-all\nawait asyncio.sleep(0)\n")
    assert "asyncio_lab.lessons.zz_slow_lesson" in sys.modules  # the slow import did run in the cell
    assert r.error is None and any("download" in str(o.data).lower() for o in r.outputs)  # the hint
    assert [f for f in _findings(r) if f["kind"] == "blocked-loop"] == []
    sys.modules.pop("asyncio_lab.lessons.zz_slow_lesson", None)


def test_loop_errors_the_cell_handles_itself_are_not_explained(shell, runner):
    # A %%check that collects the loop's errors with its own handler (lessons 7 and 9), or a
    # learner who installs one, deals with those errors: no coach note. Without a handler of
    # the cell's, the same error is explained.
    cell = (
        "loop = asyncio.get_running_loop()\n"
        "seen = []\n"
        "{install}"
        "loop.call_exception_handler({{'message': 'Fatal error on transport', 'exception': OSError('gone')}})\n"
        "loop.set_exception_handler(None)\n"
        "await asyncio.sleep(0)\n"
    )
    handled = runner(shell, cell.format(install="loop.set_exception_handler(lambda l, c: seen.append(c))\n"))
    assert handled.error is None and shell.user_ns["seen"][0]["message"] == "Fatal error on transport"
    assert _findings(handled) == []
    unhandled = runner(shell, cell.format(install=""))
    [f] = [f for f in _findings(unhandled) if f["kind"] == "loop-error"]
    assert f["title"] == "Fatal error on transport" and "OSError: gone" in f["message"]


def test_a_slow_synchronous_cell_is_not_blamed(shell, runner):
    r = runner(shell, "import time\ntime.sleep(0.4)\n")
    assert _findings(r) == []


def test_asyncio_run_in_a_cell(shell, runner):
    # (never executed: the finding comes from the source alone, before the cell runs)
    r = runner(shell, "import asyncio\nasync def main():\n    return 1\nif False:\n    asyncio.run(main())\n")
    kinds = [f["kind"] for f in _findings(r)]
    assert "loop-in-notebook" in kinds
    [f] = [f for f in _findings(r) if f["kind"] == "loop-in-notebook"]
    assert f["line"] == 5


def test_lines_inside_our_cell_magics_are_the_cells(shell, runner):
    r = runner(shell, "%%timeline\nasync def f():\n    return 1\nf()\nNone\n")
    [f] = _findings(r)
    assert f["kind"] == "never-awaited" and f["line"] == 4


def test_coach_off_and_on(shell, runner):
    from conftest import run

    out = run(shell, "%coach off")
    assert "asyncio coach is off" in out.stdout
    r = runner(shell, "async def f():\n    return 1\nf()\nNone\n")
    assert _findings(r) == []
    out = run(shell, "%coach on --block-threshold 0.5")
    assert "asyncio coach is on (blocked-loop threshold 0.5 s)" in out.stdout
    run(shell, "%coach --block-threshold 0.25")
    r = runner(shell, "async def f():\n    return 1\nf()\nNone\n")
    assert len(_findings(r)) == 1
    quiet = run(shell, "%coach off -q")
    assert quiet.stdout == "" and not coach.get(shell).enabled
    run(shell, "%coach on --quiet")
    assert coach.get(shell).enabled
    from IPython.core.error import UsageError

    assert isinstance(run(shell, "%coach maybe").error, UsageError)
    assert isinstance(run(shell, "%coach on --block-threshold 0").error, UsageError)


def test_overhead_per_cell_is_small(shell):
    from conftest import run

    cell = "x = 1\n"
    for _ in range(3):
        run(shell, cell)

    def timed(n=30):
        t0 = time.perf_counter()
        for _ in range(n):
            run(shell, cell)
        return (time.perf_counter() - t0) / n

    on = min(timed() for _ in range(3))
    run(shell, "%coach off")
    off = min(timed() for _ in range(3))
    run(shell, "%coach on")
    assert on - off < 0.005, f"coach costs {1000 * (on - off):.2f} ms per cell"



