"""The checks' one time limit (asyncio_lab.exercises.CHECK_TIMEOUT, asyncio_lab.timelimit):
an answer that never returns still gets a verdict within the limit, the verdict names the
check, the learner's line and what it awaited, and the kernel is left as it was: no tasks,
signal handlers, sockets or patched functions left behind."""

from __future__ import annotations

import asyncio
import linecache
import signal
import socket
import sys
import textwrap
import time

import pytest

from asyncio_lab import exercises, timelimit

LIMIT = 0.3


@pytest.fixture(autouse=True)
def short_limit(monkeypatch):
    monkeypatch.setattr(exercises, "CHECK_TIMEOUT", LIMIT)
    monkeypatch.setattr(timelimit, "GRACE", 0.3)


_counter = [0]


def learner(code: str, extra: dict | None = None) -> dict:
    """Run ``code`` as a notebook cell would: a file name of its own, its source in linecache."""
    _counter[0] += 1
    filename = f"<cell-{_counter[0]}>"
    source = textwrap.dedent(code)
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    ns = {"asyncio": asyncio, "signal": signal, "socket": socket, **(extra or {})}
    exec(compile(source, filename, "exec"), ns)
    return ns


@pytest.fixture
def exercise():
    async def calls_answer(ns):
        await ns["answer"]()
        return "it returned"

    ex = exercises.register(
        exercises.Exercise(
            id="time-limit-test.answer",
            title="A test exercise",
            checks=exercises.make_checks(("the answer returns", calls_answer), ("a second check", calls_answer)),
            solution="async def answer():\n    pass\n",
        )
    )
    yield ex
    exercises._REGISTRY.pop(ex.id, None)


def run(ex_id: str, ns: dict) -> tuple[exercises.CheckResult, dict]:
    async def go():
        loop = asyncio.get_running_loop()
        before = set(asyncio.all_tasks())
        start = time.monotonic()
        result = await exercises.run_checks(ex_id, ns)
        took = time.monotonic() - start
        after = {
            "tasks": [t for t in asyncio.all_tasks() if t not in before and not t.done()],
            "signals": set(getattr(loop, "_signal_handlers", {}) or {}),
            "loop patches": {k for k in vars(loop) if callable(vars(loop)[k])},
            "took": took,
        }
        return result, after

    return asyncio.run(go())


def test_a_correct_answer_passes(exercise):
    result, after = run(exercise.id, learner("async def answer():\n    await asyncio.sleep(0)\n"))
    assert result.passed, result.to_text()
    assert after["tasks"] == []


def test_an_answer_that_never_returns_gets_a_verdict_naming_the_check_line_and_wait(exercise):
    ns = learner(
        """
        async def answer():
            stop = asyncio.Event()
            await stop.wait()
        """
    )
    result, after = run(exercise.id, ns)
    assert not result.passed
    first = result.checks[0]
    assert not first.passed
    assert "the answer returns" in first.message
    assert "line 4 of `answer` (`await stop.wait()`)" in first.message, first.message
    assert "Event.wait" in first.message, first.message
    assert f"{LIMIT:g} s" in first.message
    assert after["tasks"] == []
    assert after["took"] < 2 * (LIMIT + timelimit.GRACE) + 1  # two checks, each within its limit


def test_what_was_left_behind_is_undone(exercise):
    real_sleep = asyncio.sleep
    server = socket.socket()
    ns = learner(
        """
        async def forever():
            await asyncio.Event().wait()

        async def answer():
            loop = asyncio.get_running_loop()
            loop.add_signal_handler(signal.SIGUSR1, print)
            asyncio.create_task(forever())
            transport, _ = await loop.create_connection(asyncio.Protocol, *ADDRESS)
            asyncio.sleep = lambda *a: None
            loop.run_in_executor = print
            await asyncio.Event().wait()
        """,
        {"ADDRESS": None},
    )
    server.bind(("127.0.0.1", 0))
    server.listen()
    ns["ADDRESS"] = server.getsockname()
    try:
        result, after = run(exercise.id, ns)
    finally:
        asyncio.sleep = real_sleep
        server.close()
    message = result.checks[0].message
    assert "signal handler for SIGUSR1 removed" in message, message
    assert "asyncio.sleep put back" in message, message
    assert "loop.run_in_executor put back" in message, message
    assert "socket(s) closed" in message, message
    assert "task(s) cancelled" in message, message
    assert after["tasks"] == [] and signal.SIGUSR1 not in after["signals"], (after, result.to_text())
    assert "run_in_executor" not in after["loop patches"]
    assert asyncio.all_tasks is asyncio.tasks.all_tasks is exercises._real_all_tasks


def test_an_answer_that_ignores_cancellation_still_gets_a_verdict(exercise):
    ns = learner(
        """
        async def answer():
            refused = 0
            while True:
                try:
                    await asyncio.sleep(3600)
                except asyncio.CancelledError:
                    refused += 1
                    if refused > 1:
                        raise
        """
    )
    result, after = run(exercise.id, ns)
    message = result.checks[0].message
    assert "got no answer within its time limit" in message, message
    assert "line 6 of `answer`" in message, message
    assert after["tasks"] == []


def test_a_real_exercise_with_an_answer_that_never_returns():
    ns = learner(
        """
        async def notify_all(users, send, on_sent):
            await asyncio.Event().wait()
        """
    )
    result, after = run("typing-async-callables.annotate-callbacks", ns)
    works = {c.name: c for c in result.checks}["still works"]
    assert not works.passed
    assert "“still works”" in works.message and "line 3 of `notify_all`" in works.message, works.message
    assert after["tasks"] == []
