"""Lesson 2, ``await`` vs ``create_task``: exercises and their checks.

The checks run the learner's coroutine functions with the instrumented helpers
of :mod:`asyncio_lab.sim` and look at behaviour only: results, order of events,
how many helpers were in flight at once, and whether anything was left running.
Any correct approach passes (``create_task``, ``gather``, ``TaskGroup``, ...).

The checks' own calls run on a virtual clock (:mod:`asyncio_lab.virtualclock`) with
helpers that take an hour and more: no real time passes, and code that sleeps "long
enough" instead of waiting for the tasks it started is caught.  Tasks the learner's
code leaves pending (started or not) are cancelled before the check returns.
"""

from __future__ import annotations

import asyncio
from typing import Any

from ..exercises import CheckFailed, Exercise, make_checks, register
from ._helpers import LONG_DOWNLOADS, coroutine_function, stop_left_behind
from ..sim import Recorder, recording
from ..virtualclock import virtual_time

LESSON = "await-vs-create-task"

#: What the lesson's import cell has run before the exercises (the starters and
#: solutions assume it; the answer sets run it first).
LESSON_SETUP = """\
import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording
"""

# Names and per-name delays the checks use: not the ones in the notebook, and the
# later names finish first, so returning results in completion order is caught.  The
# delays are long (an hour and more) and run on a virtual clock, so they take no real
# time, and code that sleeps "long enough" for the notebook's downloads instead of
# waiting for them is caught.
_CHECK_NAMES = ["alpha.txt", "beta.txt", "gamma.txt", "delta.txt"]
_CHECK_DELAYS = {"alpha.txt": 4000.0, "beta.txt": 3000.0, "gamma.txt": 2000.0, "delta.txt": 1000.0}
_BREAKFAST_DELAYS = {"kettle": 3000.0, "toaster": 1000.0}


async def _trace(func, *args, delays=None) -> tuple[Any, Recorder, list[str]]:
    """Await ``func(*args)`` on a virtual clock while recording; return (value, recorder, still running)."""
    before = asyncio.all_tasks()
    async with virtual_time():
        with recording(delays) as rec:
            value = None
            try:
                value = await func(*args)
            except TimeoutError:  # asyncio.TimeoutError is TimeoutError from 3.11 on
                raise CheckFailed(
                    f"your code raised TimeoutError: it stopped waiting after a time limit of its own. {LONG_DOWNLOADS}"
                ) from None
            except asyncio.InvalidStateError as exc:
                raise CheckFailed(
                    f"your code raised InvalidStateError ({exc}): it read a task's result before the task "
                    "had finished. Await the task (or gather the tasks) to wait until it has; sleeping for "
                    "a while is not waiting for it, since a download can take longer"
                ) from None
            finally:
                if asyncio.isfuture(value) and not value.done():
                    # e.g. gather(...) returned unawaited: cancel it, and retrieve the CancelledError it
                    # ends with, so that nothing reports "exception was never retrieved" later.
                    value.add_done_callback(lambda f: f.cancelled() or f.exception())
                    value.cancel()
                leftovers = await stop_left_behind(rec, before)
    return value, rec, leftovers


# --------------------------------------------------------------------------- download-all

async def _download_results(ns):
    func = coroutine_function(ns, "download_all", "async def download_all(names)")
    value, _, _ = await _trace(func, list(_CHECK_NAMES), delays=_CHECK_DELAYS)
    expected = [f"contents of {n}" for n in _CHECK_NAMES]
    if not isinstance(value, (list, tuple)):
        raise CheckFailed(f"expected a list with one result per name, but got {type(value).__name__}")
    if list(value) != expected:
        if sorted(map(str, value)) == sorted(expected):
            raise CheckFailed(
                "all the results are there, but not in the order of `names`: "
                "result i must belong to names[i], whichever download finishes first"
            )
        raise CheckFailed(
            f"called with {len(_CHECK_NAMES)} names, expected each name's `fake_download` result, "
            f"in order; got {value!r}"
        )
    return f"{len(expected)} results, in the order of `names`"


async def _download_overlap(ns):
    func = coroutine_function(ns, "download_all", "async def download_all(names)")
    _, rec, _ = await _trace(func, list(_CHECK_NAMES), delays=_CHECK_DELAYS)
    started = rec.started()
    if sorted(started) != sorted(_CHECK_NAMES):
        raise CheckFailed(
            f"expected one `fake_download` per name ({len(_CHECK_NAMES)}), but these started: {started}"
        )
    if rec.peak != len(_CHECK_NAMES):
        raise CheckFailed(
            f"expected all {len(_CHECK_NAMES)} downloads in flight at the same time, "
            f"but at most {rec.peak} ran at once: each download only started after the "
            "previous one had finished"
            if rec.peak == 1
            else f"expected all {len(_CHECK_NAMES)} downloads in flight at the same time, "
            f"but at most {rec.peak} ran at once"
        )
    return f"all {rec.peak} downloads were in flight together"


async def _download_nothing_left(ns):
    func = coroutine_function(ns, "download_all", "async def download_all(names)")
    _, _, leftovers = await _trace(func, list(_CHECK_NAMES), delays=_CHECK_DELAYS)
    if leftovers:
        raise CheckFailed(
            f"expected every download to be finished when `download_all` returns, "
            f"but these were still running: {leftovers}"
        )
    return "every download had finished when download_all returned"


register(
    Exercise(
        setup=LESSON_SETUP,
        id=f"{LESSON}.download-all",
        title="Download all the files at once",
        checks=make_checks(
            ("returns every result, in order", _download_results),
            ("downloads overlap", _download_overlap),
            ("nothing left running", _download_nothing_left),
        ),
        hints=(
            "`await fake_download(name)` inside the loop waits for that download before the loop "
            "goes on. What could start a download without waiting for it?",
            "`asyncio.create_task(coro)` starts a coroutine and hands you a task at once; "
            "`await task` later gives you its result. `asyncio.gather(...)` does both for many at once.",
            "Start one task per name first, in a list; only then await them, in the same order.",
        ),
        starter=(
            "async def download_all(names):\n"
            "    results = []\n"
            "    for name in names:\n"
            "        results.append(await fake_download(name))\n"
            "    return results\n"
        ),
        solution=(
            "async def download_all(names):\n"
            "    tasks = [asyncio.create_task(fake_download(name)) for name in names]\n"
            "    return [await task for task in tasks]\n"
        ),
    )
)


# --------------------------------------------------------------------------- breakfast

async def _breakfast(ns):
    func = coroutine_function(ns, "make_breakfast", "async def make_breakfast()")
    return await _trace(func, delays=_BREAKFAST_DELAYS)


async def _breakfast_result(ns):
    value, _, _ = await _breakfast(ns)
    if isinstance(value, (list, tuple)) and any(asyncio.isfuture(v) for v in value):
        raise CheckFailed(
            "expected `make_breakfast()` to return the kettle's result and the toaster's result, as a pair "
            "(water first), but the pair holds a Task itself instead of its result: `await task` (or "
            "`task.result()` once it is done) gives the result"
        )
    if not isinstance(value, (list, tuple)) or list(value) != ["hot water", "toast"]:
        raise CheckFailed(
            "expected `make_breakfast()` to return the kettle's result and the toaster's result, "
            f"as a pair (water first); got {value!r}"
        )
    return "returned (water, toast)"


async def _breakfast_overlap(ns):
    _, rec, _ = await _breakfast(ns)
    started = rec.started()
    if sorted(started) != ["kettle", "toaster"]:
        raise CheckFailed(
            f"expected `boil_water()` and `toast_bread()` to run once each; these started: {started}"
        )
    if rec.peak < 2:
        raise CheckFailed(
            "expected the bread to toast while the water boils, but one only started after "
            f"the other had finished (events: {', '.join(rec.order)})"
        )
    return "the toast was made while the water boiled"


async def _breakfast_nothing_left(ns):
    _, _, leftovers = await _breakfast(ns)
    if leftovers:
        raise CheckFailed(
            "expected nothing still running when `make_breakfast()` returns, "
            f"but this was: {', '.join(leftovers)} (a task nobody awaited)"
        )
    return "nothing was left running"


register(
    Exercise(
        setup=LESSON_SETUP,
        id=f"{LESSON}.breakfast",
        title="Don't forget the kettle",
        checks=make_checks(
            ("returns water and toast", _breakfast_result),
            ("toast while the water boils", _breakfast_overlap),
            ("nothing left running", _breakfast_nothing_left),
        ),
        hints=(
            "The kettle task is started, but does anything ever wait for it?",
            "A task's result is what `await task` gives you; awaiting also guarantees it has finished.",
            "Await the kettle task after the toast is ready, and return both results.",
        ),
        starter=(
            "async def make_breakfast():\n"
            "    kettle = asyncio.create_task(boil_water())\n"
            "    toast = await toast_bread()\n"
            "    return toast\n"
        ),
        solution=(
            "async def make_breakfast():\n"
            "    kettle = asyncio.create_task(boil_water())\n"
            "    toast = await toast_bread()\n"
            "    water = await kettle\n"
            "    return water, toast\n"
        ),
    )
)
