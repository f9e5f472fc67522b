"""Lesson 16 (cancellation and timeouts): the answers learners write, each with its verdict.

The answers are data, in answers/cancellation.py (the shared answer-set format, see
test_answers.py on branch issue13c): every correct answer (different standard routes)
must pass; every wrong one must fail, the check that names the mistake being the one
asserted, with a message that says what happened.  Here each answer also runs strictly
(no warning, nothing logged by asyncio) and must leave nothing behind: no task still
pending, no virtual clock installed.  The facts the lesson teaches per version are tested
at the end, on each side (CPython 3.11, 3.12, 3.13 here; the notebook on Pyodide 3.14).
"""

from __future__ import annotations

import ast
import asyncio
import sys
import time
import warnings
from pathlib import Path

import pytest

from asyncio_lab import exercises, virtualclock
from lessonkit import asyncio_log

FETCH = "cancellation.give-it-back"
QUIET = "cancellation.quiet-line"


ANSWERS_FILE = Path(__file__).resolve().parent / "answers" / "cancellation.py"


def read_answers() -> list[dict]:
    """``ANSWERS`` of answers/cancellation.py, read as data (the shared answer-set format)."""
    tree = ast.parse(ANSWERS_FILE.read_text(encoding="utf-8"))
    [value] = [n.value for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "ANSWERS"]
    return ast.literal_eval(value)


ANSWERS = read_answers()


def _of(ex_id: str, verdict: str) -> list[dict]:
    return [a for a in ANSWERS if a["exercise"] == ex_id and a["verdict"] == verdict]


def _label(answer: dict) -> str:
    return answer["label"]


# --------------------------------------------------------------------------- running an answer

def _run(exercise: str, code: str) -> tuple[exercises.CheckResult, list]:
    """Run the checks against a cell ``code`` (after the lesson's setup), strictly: no warning,
    nothing logged by asyncio, a verdict in well under the time limit, the virtual clock
    uninstalled. Returns the result and the tasks still pending after the checks."""
    ex = exercises.get(exercise)
    ns: dict = {"__name__": "__main__"}
    exec(compile(ex.setup, "<setup>", "exec"), ns)
    exec(compile(code, "<answer>", "exec"), ns)  # a learner's file name, as a cell's is

    async def go():
        result = await exercises.run_checks(ex.id, ns)
        await asyncio.sleep(0)
        return result, [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]

    started = time.perf_counter()
    with warnings.catch_warnings(), asyncio_log() as logged:
        warnings.simplefilter("error")
        result, pending = asyncio.run(go())
    assert time.perf_counter() - started < 5, "a verdict within the time limit, and quickly (virtual time)"
    assert not logged, logged
    assert virtualclock._installed is None, "the virtual clock was left installed"
    return result, pending


def _failed(result) -> dict[str, str]:
    return {c.name: c.message for c in result.checks if not c.passed}


def test_answer_sets_are_big_enough():
    kinds = {"pass": {"lesson helper", "plain asyncio", "other standard library", "other style"}}
    for ex_id in (FETCH, QUIET):
        correct, wrong = _of(ex_id, "pass"), _of(ex_id, "fail")
        assert len(correct) >= 5 and len(wrong) >= 8, ex_id
        assert len({a["kind"] for a in correct}) >= 2 and len({a["kind"] for a in wrong}) >= 4, ex_id
        assert all(a["kind"] in kinds["pass"] for a in correct)
        labels = [a["label"] for a in correct + wrong]
        assert len(set(labels)) == len(labels)
        names = {c.name for c in exercises.get(ex_id).checks}
        assert all(a["check"] in names and a["message"] for a in wrong)


@pytest.mark.parametrize("answer", _of(FETCH, "pass") + _of(QUIET, "pass"), ids=_label)
def test_correct_answer_passes_and_leaves_nothing(answer):
    result, pending = _run(answer["exercise"], answer["code"])
    assert result.passed, _failed(result)
    assert not pending, pending


@pytest.mark.parametrize("answer", _of(FETCH, "fail") + _of(QUIET, "fail"), ids=_label)
def test_wrong_answer_fails_the_check_that_names_it(answer):
    result, pending = _run(answer["exercise"], answer["code"])
    failed = _failed(result)
    assert not result.passed
    assert answer["check"] in failed, f"expected {answer['check']!r} to fail; failed: {failed}"
    assert answer["message"] in failed[answer["check"]], failed[answer["check"]]
    assert not pending, pending  # the checks cleaned up after it
    solution = exercises.get(answer["exercise"]).solution.strip()
    assert all(solution not in message for message in failed.values()), "a message gives the answer away"


def test_a_hard_coded_answer_is_not_praised_for_giving_back_what_it_never_took():
    code = "async def fetch_page(pool, name):\n    await asyncio.sleep(1)\n    return f'page {name}'\n"
    failed = _failed(_run(FETCH, code)[0])
    assert "without ever taking a connection" in failed["gives it back when cancelled"], failed


def test_starters_fail_and_solutions_pass():
    for ex_id in (FETCH, QUIET):
        ex = exercises.get(ex_id)
        assert not _run(ex_id, ex.starter)[0].passed
        assert _run(ex_id, ex.solution)[0].passed


# --------------------------------------------------------------------------- time limits and a clean kernel

def test_an_answer_that_never_ends_gets_a_verdict_naming_where_it_waited():
    code = "async def read_until_quiet(feed, idle):\n    await asyncio.Event().wait()\n"
    failed = _failed(_run(QUIET, code)[0])
    # Cancelled from outside, it does end cancelled: that check passes.
    assert set(failed) == {c.name for c in exercises.get(QUIET).checks} - {"stays cancelled"}, failed
    message = failed["gives up when the line is quiet"]
    assert "had not ended after 600 s (virtual time)" in message, message
    assert "in read_until_quiet() at line 2, awaiting Event.wait()" in message, message
    assert message.endswith("so the check cancelled it"), message


def test_an_answer_that_ignores_cancel_is_reported():
    # It swallows two cancellations: the check's (its time limit) and, in the test, the one
    # asyncio.run sends to what is left at the end; a learner's cell would keep it running.
    code = """
async def fetch_page(pool, name):
    for _ in range(2):
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            pass
"""
    result, pending = _run(FETCH, code)
    failed = _failed(result)
    assert "did not end when the check cancelled it either" in failed["returns the page"], failed
    assert pending, "it is still running (asyncio.run's own cancel() ends it)"


# --------------------------------------------------------------------------- the facts the lesson teaches, per version

def _run_async(coro):
    return asyncio.run(coro)


def test_cancelled_error_is_a_base_exception_and_timeout_error_is_the_builtin():
    assert issubclass(asyncio.CancelledError, BaseException)
    assert not issubclass(asyncio.CancelledError, Exception)
    assert asyncio.TimeoutError is TimeoutError


def test_wait_for_runs_a_coroutine_in_a_new_task_on_311_and_in_the_same_task_from_312():
    async def go():
        outer = asyncio.current_task()

        async def which():
            return asyncio.current_task() is outer

        return await asyncio.wait_for(which(), 1)

    assert _run_async(go()) is (sys.version_info >= (3, 12))


def test_uncancel_to_zero_withdraws_a_pending_cancel_from_313():
    async def go():
        task = asyncio.create_task(asyncio.sleep(0, result="finished"))
        task.cancel()
        assert task.cancelling() == 1
        assert task.uncancel() == 0
        try:
            return await task
        except asyncio.CancelledError:
            return "cancelled anyway"

    assert _run_async(go()) == ("finished" if sys.version_info >= (3, 13) else "cancelled anyway")


def test_a_swallowed_cancellation_makes_timeout_silent_on_every_version():
    async def go():
        async with asyncio.timeout(0) as cm:
            try:
                await asyncio.sleep(3600)
            except asyncio.CancelledError:
                pass
        return cm.expired(), asyncio.current_task().cancelling()

    assert _run_async(go()) == (True, 0)


def test_timeout_around_a_taskgroup_chains_a_timeout_error_into_cleanup_errors_from_313():
    async def go():
        async def child():
            try:
                await asyncio.sleep(3600)
            finally:
                raise ValueError("clean-up failed")

        try:
            async with asyncio.timeout(0):
                async with asyncio.TaskGroup() as tg:
                    tg.create_task(child())
        except ExceptionGroup as group:
            [error] = group.exceptions
            return type(error.__context__).__name__

    assert _run_async(go()) == ("TimeoutError" if sys.version_info >= (3, 13) else "CancelledError")


def test_shield_keeps_the_inner_task_running_while_the_caller_times_out():
    async def go():
        async with virtualclock.virtual_time() as clock:
            async def save():
                await asyncio.sleep(5)
                return "saved"

            saving = asyncio.create_task(save())
            try:
                async with asyncio.timeout(1):
                    await asyncio.shield(saving)
            except TimeoutError:
                timed_out_at, done = clock.elapsed, saving.done()
            return timed_out_at, done, await saving, clock.elapsed

    assert _run_async(go()) == (1.0, False, "saved", 5.0)


def test_wait_for_zero_cancels_the_coroutine_before_it_starts():
    async def go():
        started = []

        async def job():
            started.append(True)

        try:
            await asyncio.wait_for(job(), 0)
        except TimeoutError:
            return started

    assert _run_async(go()) == []


def test_reschedule_after_the_block_raises():
    async def go():
        async with asyncio.timeout(None) as cm:
            pass
        with pytest.raises(RuntimeError, match="Cannot change state of finished Timeout"):
            cm.reschedule(None)

    _run_async(go())


def test_a_task_cancelled_before_its_first_step_never_runs_its_body():
    async def go():
        ran = []

        async def body():
            ran.append("first line")

        task = asyncio.create_task(body())
        task.cancel()
        await asyncio.wait([task])
        return ran, task.cancelled()

    assert _run_async(go()) == ([], True)


def test_a_context_variable_set_under_wait_for_reaches_the_caller_from_312():
    import contextvars

    var = contextvars.ContextVar("var", default="unset")

    async def go():
        async def setter():
            var.set("set inside")

        await asyncio.wait_for(setter(), 1)
        return var.get()

    assert _run_async(go()) == ("set inside" if sys.version_info >= (3, 12) else "unset")


def test_cancel_returns_false_on_a_done_task_and_the_message_reaches_the_awaiter():
    async def go():
        done = asyncio.create_task(asyncio.sleep(0))
        await done
        sleeper = asyncio.create_task(asyncio.sleep(3600))
        await asyncio.sleep(0)
        sleeper.cancel("why")
        try:
            await sleeper
        except asyncio.CancelledError as exc:
            return done.cancel(), exc.args

    assert _run_async(go()) == (False, ("why",))
