"""Lesson 4, task callbacks: exercises, their checks, and a demo helper.

The checks create their own tasks, let the learner's function attach
callbacks to them, and look at what the callbacks did once the tasks ended
(successfully, with an exception, or cancelled). An exception raised inside a
callback never reaches the code that awaits the task: the event loop hands it
to its exception handler. The checks (and :func:`try_watch`) install a
temporary handler to collect such errors, and record "coroutine ... was never
awaited" warnings, so the learner sees what went wrong without anything being
printed to stderr.
"""

from __future__ import annotations

import asyncio
import gc
import inspect
import warnings
from contextlib import contextmanager
from typing import Any, Iterator, Mapping

from ..exercises import CheckFailed, Exercise, describe_exception, make_checks, register

__all__ = ["try_watch", "callback_problems"]

LESSON = "task-callbacks"

#: What the lesson's import cell has run before the exercises (the starters and
#: solutions assume it; the answer sets run it first).
LESSON_SETUP = """\
import asyncio
import functools
import gc
import warnings

from asyncio_lab.sim import fake_download
from asyncio_lab.lessons.task_callbacks import try_watch
"""


# --------------------------------------------------------------------------- helpers

@contextmanager
def callback_problems() -> Iterator[list[str]]:
    """Collect what went wrong in callbacks while the block runs (needs a running loop).

    Yields a list that receives one line per exception a callback raised (the
    loop's exception handler is replaced for the duration) and one per coroutine
    that was created but never awaited (an ``async def`` used as a callback).
    """
    loop = asyncio.get_running_loop()
    problems: list[str] = []
    previous = loop.get_exception_handler()

    def handler(_loop, context: dict) -> None:
        exc = context.get("exception")
        line = f"a callback raised {describe_exception(exc)}" if exc is not None else str(context.get("message"))
        if isinstance(exc, TypeError) and "object is not callable" in str(exc):
            line += (
                ": `add_done_callback` needs the function itself; was it called (with parentheses) "
                "and what it returned passed instead?"
            )
        problems.append(line)

    loop.set_exception_handler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                yield problems
            finally:
                gc.collect(0)  # cheap; an unawaited callback coroutine is freed at once anyway
    finally:
        loop.set_exception_handler(previous)
    for w in caught:
        text = str(w.message)
        if issubclass(w.category, RuntimeWarning) and "never awaited" in text:
            if text.startswith("coroutine 'job'"):
                problems.append(f"{text}: the coroutine given to your function never ran")
            else:
                problems.append(f"{text}: an `async def` called as a callback only creates a coroutine")


async def job(n: int, result: Any = None, error: BaseException | None = None):
    """A coroutine that pauses ``n`` times, then returns ``result`` or raises ``error``."""
    for _ in range(n):
        await asyncio.sleep(0)
    if error is not None:
        raise error
    return result


async def _settle() -> None:
    """Give scheduled callbacks a few turns of the loop."""
    for _ in range(3):
        await asyncio.sleep(0)


async def try_watch(watch) -> list[str]:
    """Run ``watch(task, log, label)`` on three tasks and show what happened.

    The tasks: "download" succeeds, "upload" fails with ``ConnectionError`` and
    "backup" is cancelled. Returns the lines the callbacks logged, in the order
    the tasks ended, followed by any error raised inside a callback (which the
    event loop would otherwise only report on its own, far from your code).
    """
    log: list[str] = []
    with callback_problems() as problems:
        download = asyncio.create_task(job(2, "contents of a.txt"))
        upload = asyncio.create_task(job(1, error=ConnectionError("server went away")))
        backup = asyncio.create_task(job(50, "never"))
        everything = asyncio.gather(download, upload, backup, return_exceptions=True)
        for task, label in ((download, "download"), (upload, "upload"), (backup, "backup")):
            value = watch(task, log, label)
            if inspect.iscoroutine(value):
                value.close()
                problems.append(f"watch({label!r}) returned a coroutine: it was never run")
        backup.cancel()
        await everything
        await _settle()
    return log + problems


def _plain_function(ns: Mapping[str, Any], name: str, signature: str):
    func = ns.get(name)
    if func is None:
        raise CheckFailed(f"expected a function `{signature}` in your notebook, but `{name}` is not defined")
    if inspect.iscoroutinefunction(func):
        raise CheckFailed(
            f"expected `{name}` to be a plain function (`def`): it should attach a callback and "
            f"return at once, but it is an `async def`, so calling it only creates a coroutine"
        )
    if not callable(func):
        raise CheckFailed(f"expected `{name}` to be a function, but it is {type(func).__name__}")
    return func


def _call_now(func, *args):
    """Call a function that must not be a coroutine function in disguise."""
    value = func(*args)
    if inspect.iscoroutine(value):
        value.close()
        raise CheckFailed(f"calling `{func.__name__}` returned a coroutine, which was never run")
    return value


def _problems_text(problems: list[str]) -> str:
    return "; ".join(dict.fromkeys(problems))


# --------------------------------------------------------------------------- watch

_WATCH_EXPECTED = {
    "alpha": "alpha: result 7",
    "beta": "beta: failed with KeyError",
    "gamma": "gamma: cancelled",
}


async def _watch_scenario(ns):
    """Watch three tasks (ok, failing, cancelled); return (log, logged while pending, problems)."""
    watch = _plain_function(ns, "watch", "def watch(task, log, label)")
    log: list[str] = []
    with callback_problems() as problems:
        alpha = asyncio.create_task(job(3, "result 7"))
        beta = asyncio.create_task(job(2, error=KeyError("missing")))
        gamma = asyncio.create_task(job(50, "never"))
        everything = asyncio.gather(alpha, beta, gamma, return_exceptions=True)
        for task, label in ((alpha, "alpha"), (beta, "beta"), (gamma, "gamma")):
            _call_now(watch, task, log, label)
        while_pending = list(log)
        gamma.cancel()
        await everything
        await _settle()
    return log, while_pending, problems


def _explain_log(log, problems, wanted: str) -> str:
    if problems:
        return f"expected the log to get {wanted!r}, but {_problems_text(problems)}"
    if not log:
        return f"expected the log to get {wanted!r} once the task ended, but nothing was logged"
    return f"expected the log to get {wanted!r} once the task ended; it got {log!r}"


async def _watch_success(ns):
    log, _, problems = await _watch_scenario(ns)
    wanted = _WATCH_EXPECTED["alpha"]
    if log.count(wanted) != 1 or problems:
        raise CheckFailed(_explain_log(log, problems, wanted))
    return f"logged {wanted!r}"


async def _watch_failures(ns):
    log, _, problems = await _watch_scenario(ns)
    for label in ("beta", "gamma"):
        wanted = _WATCH_EXPECTED[label]
        if log.count(wanted) != 1 or problems:
            raise CheckFailed(_explain_log(log, problems, wanted))
    return "a failed task and a cancelled task were logged too"


async def _watch_when(ns):
    log, while_pending, problems = await _watch_scenario(ns)
    if problems:
        raise CheckFailed(_problems_text(problems))
    if while_pending:
        raise CheckFailed(f"expected nothing in the log before the tasks ended, but it already had {while_pending!r}")
    expected_order = [_WATCH_EXPECTED[k] for k in ("gamma", "beta", "alpha")]  # the order they end in
    if log != expected_order:
        raise CheckFailed(
            f"expected one line per task, in the order the tasks ended: {expected_order!r}; got {log!r}"
        )
    # A task that is already done: the callback still runs, once, soon after.
    watch = ns["watch"]
    late: list[str] = []
    with callback_problems() as problems:
        finished = asyncio.create_task(job(0, "early"))
        await finished
        _call_now(watch, finished, late, "delta")
        await _settle()
    if problems or late != ["delta: early"]:
        raise CheckFailed(
            "expected a task that had already finished to be logged too, once: ['delta: early']; "
            + (f"but {_problems_text(problems)}" if problems else f"got {late!r}")
        )
    return "one line per task, when each task ended (even for a task already finished)"


register(
    Exercise(
        setup=LESSON_SETUP,
        id=f"{LESSON}.watch",
        title="Label each finished task",
        checks=make_checks(
            ("logs a finished task with its label", _watch_success),
            ("logs failures and cancellations", _watch_failures),
            ("one line per task, when it ends", _watch_when),
        ),
        hints=(
            "Run the cell and read the last line of its output: the callback is attached, but "
            "calling it goes wrong. Which argument does the event loop pass, and where does it land?",
            "The loop calls the callback with the task as its only argument, *after* whatever "
            "positional arguments `functools.partial` already holds. With `log=` and `label=` "
            "given by keyword, the task lands in the first parameter, `log`, which is then given twice.",
            "Give `log` and `label` to `functools.partial` positionally, in the order of "
            "`note_outcome`'s parameters, so that the task arrives last, in `task`.",
        ),
        starter=(
            "import functools\n"
            "\n"
            "def note_outcome(log, label, task):\n"
            "    \"\"\"Append one line about how `task` ended to the list `log` (leave this as it is).\"\"\"\n"
            "    if task.cancelled():\n"
            "        log.append(f\"{label}: cancelled\")\n"
            "    elif task.exception() is not None:\n"
            "        log.append(f\"{label}: failed with {type(task.exception()).__name__}\")\n"
            "    else:\n"
            "        log.append(f\"{label}: {task.result()}\")\n"
            "\n"
            "def watch(task, log, label):\n"
            "    task.add_done_callback(functools.partial(note_outcome, log=log, label=label))\n"
        ),
        solution=(
            "import functools\n"
            "\n"
            "def note_outcome(log, label, task):\n"
            "    \"\"\"Append one line about how `task` ended to the list `log` (leave this as it is).\"\"\"\n"
            "    if task.cancelled():\n"
            "        log.append(f\"{label}: cancelled\")\n"
            "    elif task.exception() is not None:\n"
            "        log.append(f\"{label}: failed with {type(task.exception()).__name__}\")\n"
            "    else:\n"
            "        log.append(f\"{label}: {task.result()}\")\n"
            "\n"
            "def watch(task, log, label):\n"
            "    task.add_done_callback(functools.partial(note_outcome, log, label))\n"
        ),
    )
)


# --------------------------------------------------------------------------- keep-track

def _discard(coro) -> None:
    """Stop ``coro`` quietly: cancel the learner's task that holds it, else close it.

    Closing a coroutine that a task holds would make that task fail later with
    "cannot reuse already awaited coroutine", reported as never retrieved.
    """
    holders = [task for task in asyncio.all_tasks() if task.get_coro() is coro]
    for task in holders:
        task.cancel()
    if not holders and inspect.iscoroutine(coro):
        coro.close()


async def _track_start(ns, coro, running):
    try:
        start = _plain_function(ns, "start_tracked", "def start_tracked(coro, running)")
    except CheckFailed:
        coro.close()
        raise
    task = _call_now(start, coro, running)
    if not isinstance(task, asyncio.Task):
        _discard(coro)
        raise CheckFailed(
            f"expected `start_tracked(coro, running)` to return the task it started, "
            f"but it returned {type(task).__name__}"
        )
    return task


async def _track_returns(ns):
    running: set = set()
    with callback_problems() as problems:
        task = await _track_start(ns, job(2, "result 5"), running)
        inside = task in running
        await asyncio.sleep(0)
        still_inside = task in running
        value = await task
        await _settle()
    if problems:
        raise CheckFailed(_problems_text(problems))
    if value != "result 5":
        raise CheckFailed(f"expected the returned task to run the coroutine and give its result; it gave {value!r}")
    if not (inside and still_inside):
        raise CheckFailed(
            "expected the task to be in `running` from the moment `start_tracked` returns until it ends, "
            "but it was not there " + ("right after the call" if not inside else "while it was running")
        )
    return "returns the task, which is in `running` while it runs"


async def _track_removed(ns):
    running: set = {"something else"}
    with callback_problems() as problems:
        ok = await _track_start(ns, job(2, "fine"), running)
        bad = await _track_start(ns, job(1, error=ValueError("broken")), running)
        await asyncio.gather(ok, bad, return_exceptions=True)
        await _settle()
    if problems:
        raise CheckFailed(_problems_text(problems))
    left = [name for name, t in (("a task that finished", ok), ("a task that failed", bad)) if t in running]
    if left:
        raise CheckFailed(f"expected finished tasks to leave `running`, but {' and '.join(left)} stayed in it")
    if "something else" not in running:
        raise CheckFailed("expected only the finished tasks to leave `running`, but other items were removed too")
    return "a finished and a failed task both left `running`"


async def _track_cancelled(ns):
    running: set = set()
    with callback_problems() as problems:
        early = await _track_start(ns, job(5, "never"), running)
        early.cancel()  # before it ever ran
        late = await _track_start(ns, job(50, "never"), running)
        await asyncio.sleep(0)
        late.cancel()  # while it runs
        await asyncio.gather(early, late, return_exceptions=True)
        await _settle()
        late_left, early_left = late in running, early in running
        del early, late
        running.clear()
        gc.collect()  # a coroutine that never ran is reported now, not after the check
    if late_left:
        raise CheckFailed("expected a task cancelled while it ran to leave `running`, but it stayed in it")
    if early_left:
        raise CheckFailed(
            "expected a task cancelled before it ever ran to leave `running` too, but it stayed in it "
            "(its coroutine never started, so code inside the coroutine never ran)"
        )
    if problems:
        raise CheckFailed(_problems_text(problems))
    return "cancelled tasks left `running` too, even one cancelled before it started"


register(
    Exercise(
        setup=LESSON_SETUP,
        id=f"{LESSON}.keep-track",
        title="Keep a set of the running tasks",
        checks=make_checks(
            ("returns the task, tracked while it runs", _track_returns),
            ("finished tasks leave the set", _track_removed),
            ("cancelled tasks leave the set", _track_cancelled),
        ),
        hints=(
            "The task goes into `running`, but nothing ever takes it out. What is called exactly "
            "once when a task ends, however it ends?",
            "A done callback receives the finished task as its only argument. Is there already a "
            "method of `set` that takes one item and removes it?",
            "Attach `running.discard` as a done callback of the task before returning it. "
            "(A `try/finally` inside the coroutine would miss a task cancelled before it started.)",
        ),
        starter=(
            "def start_tracked(coro, running):\n"
            "    task = asyncio.create_task(coro)\n"
            "    running.add(task)\n"
            "    return task\n"
        ),
        solution=(
            "def start_tracked(coro, running):\n"
            "    task = asyncio.create_task(coro)\n"
            "    running.add(task)\n"
            "    task.add_done_callback(running.discard)\n"
            "    return task\n"
        ),
    )
)
