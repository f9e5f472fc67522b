"""Lesson taskgroups (TaskGroup and structured concurrency): the answers learners write, each with
its verdict and the check that names the mistake; the checks always answer in time and leave the
loop as they found it; and the facts the lesson states, on the Python that runs the tests.

The answer set is python/tests/answers/taskgroups.py (the course's answer-set format), read by
answers_taskgroups.py: for each exercise, correct answers by different routes and wrong answers
of different kinds; a wrong answer names the first check that must fail and a fragment of its
message, and every check before it must pass.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import inspect
import json
import sys
import time
import warnings

import pytest
from conftest import COURSE, arun

from answers_taskgroups import AON, ANSWERS, CRAWL, PRELUDE, Answer, problems, verdict
from lessonkit import asyncio_log
from asyncio_lab import exercises


def run(answer: Answer) -> dict:
    """The checks' verdict on ``answer``, run strictly: nothing left pending, no warning, nothing
    logged by asyncio, the loop's exception handler and attributes as they were, in time."""

    async def go():
        loop = asyncio.get_running_loop()
        attrs = set(vars(loop))
        got = await verdict(answer)
        return got, set(vars(loop)) - attrs, loop.get_exception_handler()

    started = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught, asyncio_log() as logged:
        warnings.simplefilter("always")
        got, patched, handler = asyncio.run(go())
        gc.collect()
    elapsed = time.perf_counter() - started
    assert not patched, f"loop attributes left behind: {patched}"
    assert handler is None, "the loop's exception handler was not put back"
    assert not [str(w.message) for w in caught], [str(w.message) for w in caught]
    assert not logged, logged
    assert elapsed < exercises.CHECK_TIMEOUT, f"the verdict took {elapsed:.1f} s"
    return got


@pytest.mark.parametrize("answer", ANSWERS, ids=lambda a: a.id)
def test_answer_gets_its_verdict(answer):
    got = run(answer)
    assert answer.passes or answer.check in got["checks"], got["checks"]
    assert problems(answer, got) == []


def failures(result) -> list[tuple[str, str]]:
    return [(c.name, c.message) for c in result.checks if not c.passed]


def test_the_answer_set_is_broad_enough():
    for ex_id in (AON, CRAWL):
        mine = [a for a in ANSWERS if a.exercise == ex_id]
        right = [a for a in mine if a.passes]
        wrong = [a for a in mine if not a.passes]
        assert len(right) >= 5 and len({a.code for a in right}) == len(right), ex_id
        assert len(wrong) >= 8 and len({a.kind for a in wrong}) >= 7, ex_id
        # every check of the exercise names at least one mistake
        assert {a.check for a in wrong} == {c.name for c in exercises.get(ex_id).checks}, ex_id
        # the registered starter fails and the registered solution passes, as answers like the others
        assert exercises.get(ex_id).solution.strip() in {a.code.strip() for a in right}, ex_id
        assert exercises.get(ex_id).starter.strip() in {a.code.strip() for a in wrong}, ex_id


def test_a_check_stopped_by_its_time_limit_leaves_nothing_running(monkeypatch):
    """A fetch_all that never ends is cut off by the time limit with a verdict, and the downloads
    it started are cancelled."""
    monkeypatch.setattr(exercises, "CHECK_TIMEOUT", 0.5)
    ns: dict = {}
    exec(PRELUDE + """
async def fetch_all(names):
    tasks = [asyncio.create_task(download(n)) for n in names]
    while True:
        await asyncio.sleep(0)
""", ns)

    async def go():
        result = await exercises.run_checks(AON, ns)
        await asyncio.sleep(0)
        return result, [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]

    result, pending = asyncio.run(go())
    assert not result.passed
    # (the wording of a timed-out check belongs to asyncio_lab.exercises, not to this lesson)
    assert all(not c.passed and c.message for c in result.checks), failures(result)
    assert not pending, pending


# --------------------------------------------------------------------------- what the lesson states

@functools.cache
def _code_cells() -> list[str]:
    """The lesson's code cells (read as JSON: nbformat's first read costs seconds, and the
    notebook lint validates the format)."""
    lesson = next(l for l in json.loads(COURSE.read_text(encoding="utf-8"))["lessons"] if l["id"] == "taskgroups")
    nb = json.loads((COURSE.parent / lesson["file"]).read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def _run_cells(shell, *picks):
    codes = _code_cells()

    async def go():
        await arun(shell, codes[0])
        return [await arun(shell, next(s for s in codes if pick in s)) for pick in picks]

    return asyncio.run(go())


def test_the_predict_cell_prints_what_the_reveal_says(shell):
    [r] = _run_cells(shell, 'print("body: after the sleep")')
    assert r.error is None
    lines = r.stdout.splitlines()
    assert lines == [
        "body: tasks started",
        "quick: done",
        "slow: cancelled",
        "caught: ExceptionGroup('unhandled errors in a TaskGroup', [DownloadError('could not download bad.txt')])",
    ], lines


def test_the_comparison_shows_what_the_table_says(shell):
    [r] = _run_cells(shell, "async def compare(how)")
    assert r.error is None and r.stderr == ""
    out = r.stdout
    blocks = dict(zip(out.splitlines()[0::3], zip(out.splitlines()[1::3], out.splitlines()[2::3])))
    assert blocks["gather"] == ("  raised DownloadError('could not download bad.txt')",
                                "  still running: ['big.iso', 'small.txt']")
    assert blocks["gather(return_exceptions=True)"][1] == "  still running: []"
    assert "DownloadError" in blocks["gather(return_exceptions=True)"][0]
    assert blocks["wait(FIRST_EXCEPTION)"] == (
        "  returned 1 done (DownloadError('could not download bad.txt')) and 2 pending",
        "  still running: ['big.iso', 'small.txt']",
    )


def test_a_scope_waits_for_tasks_its_tasks_add(shell):
    [r] = _run_cells(shell, "page_with_images")
    assert r.error is None
    assert "after the block, still running: []" in r.stdout


@pytest.mark.skipif(sys.version_info < (3, 13), reason="3.13+ side")
def test_313_a_finished_group_closes_the_coroutine_it_refuses():
    assert _refused_coroutine_state() == inspect.CORO_CLOSED


@pytest.mark.skipif(sys.version_info >= (3, 13), reason="3.11/3.12 side")
def test_before_313_a_finished_group_leaves_the_coroutine_unstarted():
    assert _refused_coroutine_state() == inspect.CORO_CREATED


def _refused_coroutine_state():
    async def nothing():
        pass

    async def go():
        async with asyncio.TaskGroup() as tg:
            pass
        coro = nothing()
        with pytest.raises(RuntimeError, match="is finished"):
            tg.create_task(coro)
        state = inspect.getcoroutinestate(coro)
        coro.close()
        return state

    return asyncio.run(go())


def test_the_late_task_cell_is_quiet_on_this_version(shell):
    """The lesson closes the refused coroutine itself, so no version warns."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _, r = _run_cells(shell, "page_with_images", "late = download")
        gc.collect()
    assert r.error is None and "is finished" in r.stdout
    assert not [w for w in caught if "never awaited" in str(w.message)]


def test_a_single_failure_still_comes_in_a_group():
    from asyncio_lab.lessons.taskgroups import DownloadError, download

    async def go():
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(download("bad.txt", seconds=0))
        except DownloadError:
            return "plain except"
        except BaseException as exc:  # noqa: BLE001
            return exc

    exc = asyncio.run(go())
    assert type(exc) is ExceptionGroup and [type(e) for e in exc.exceptions] == [DownloadError]
