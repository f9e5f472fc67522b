"""Lesson 8, running things concurrently: a flaky download helper, exercises and checks.

:func:`flaky_download` behaves like :func:`asyncio_lab.sim.fake_download` (it
records its start and end in the current :func:`~asyncio_lab.sim.recording`)
but fails with :class:`DownloadError` for any name that starts with ``"bad"``.

The checks run the learner's coroutine functions on their own names, with
per-name delays chosen so that the completion order differs from the argument
order, and look only at behaviour: the results, the order of events, how many
downloads were in flight at once, and whether any was left running.
"""

from __future__ import annotations

import asyncio
from typing import Any

from ..exercises import CheckFailed, Exercise, describe_exception, make_checks, register
from ._helpers import coroutine_function, loop_reports_ignored
from ..sim import Recorder, recorder, recording
from ..virtualclock import virtual_time

__all__ = ["DownloadError", "flaky_download"]

LESSON = "running-concurrently"


class DownloadError(Exception):
    """A download that failed: :func:`flaky_download` raises it for names starting with "bad"."""


async def flaky_download(name: str, seconds: float = 0.02) -> str:
    """Pretend to download ``name``: wait a little, then return its 'contents'.

    Names that start with ``"bad"`` fail with :class:`DownloadError` after the wait.
    Inside ``with recording() as rec:`` it records ``start``, then ``finish``,
    ``fail`` or ``cancel``.
    """
    rec = recorder()
    seconds = rec.delays.get(name, seconds)
    rec._start(name)
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        rec._end("cancel", name)
        raise
    if name.startswith("bad"):
        rec._end("fail", name)
        raise DownloadError(f"could not download {name}")
    rec._end("finish", name)
    return f"contents of {name}"


# --------------------------------------------------------------------------- shared

class _Run:
    """One call of the learner's function, recorded."""

    def __init__(self, value: Any, error: BaseException | None, rec: Recorder, leftovers: list[str], cancelling: list[str]):
        self.value, self.error, self.rec, self.leftovers, self.cancelling = value, error, rec, leftovers, cancelling

    def ended(self, name: str) -> str | None:
        """How the download of ``name`` ended: finish, fail, cancel, or None."""
        return next((kind for kind, n in self.rec.events if n == name and kind != "start"), None)


async def _run(func, *args, delays: dict[str, float]) -> _Run:
    """Call the learner's function with the downloads' delays, on a virtual clock.

    The delays only set the order in which downloads finish; on the virtual clock that
    order holds exactly however busy the machine is (on the real clock, a loaded machine
    can wake two downloads in one turn, or let one finish before a cancellation lands),
    and the check takes no real time.
    """
    value, error = None, None
    async with virtual_time():
        with loop_reports_ignored(DownloadError):
            with recording(delays) as rec:
                try:
                    value = await func(*args)
                except Exception as exc:  # reported by the checks that care
                    error = exc
            leftovers = rec.still_running()
            cancelling = sorted(n for n, t in rec._tasks.items() if t.cancelling())
            rec.cancel_leftovers()
            if leftovers:
                # Let them unwind, and retrieve what they end with, so nothing is reported later.
                await asyncio.gather(*rec._tasks.values(), return_exceptions=True)
                await asyncio.sleep(0)
    return _Run(value, error, rec, leftovers, cancelling)


def _describe_error(exc: BaseException) -> str:
    if isinstance(exc, BaseExceptionGroup):
        inner = ", ".join(describe_exception(e) for e in exc.exceptions)
        return f"{type(exc).__name__} ({inner})"
    return describe_exception(exc)


def _nothing_left(run: _Run, what: str) -> str:
    if run.cancelling:
        raise CheckFailed(
            f"expected every download to be over when `{what}` returns; these had been asked to cancel "
            f"but had not finished cancelling yet: {run.cancelling}. Wait for them to finish too"
        )
    if run.leftovers:
        raise CheckFailed(
            f"expected every download to be over when `{what}` returns, but these were still running: {run.leftovers}"
        )
    return "nothing was left running"


#: The lesson's import cell: the starters and solutions assume it (and so may the learner's code).
LESSON_SETUP = """\
import asyncio
import sys

from asyncio_lab.sim import fake_download, recording
from asyncio_lab.lessons.running_concurrently import flaky_download, DownloadError
"""


# --------------------------------------------------------------------------- tolerate-failures

_TOLERANT_NAMES = ["one.txt", "bad-two.txt", "three.txt", "bad-four.txt", "five.txt"]
# The failures come first, while the others are still downloading.
_TOLERANT_DELAYS = {"one.txt": 0.03, "bad-two.txt": 0.01, "three.txt": 0.04, "bad-four.txt": 0.02, "five.txt": 0.05}
_TOLERANT_EXPECTED = ["contents of one.txt", None, "contents of three.txt", None, "contents of five.txt"]


async def _tolerant(ns) -> _Run:
    func = coroutine_function(ns, "fetch_all", "async def fetch_all(names)")
    return await _run(func, list(_TOLERANT_NAMES), delays=_TOLERANT_DELAYS)


async def _tolerant_results(ns):
    run = await _tolerant(ns)
    if run.error is not None:
        raise CheckFailed(
            f"called with {len(_TOLERANT_NAMES)} names, two of which fail, `fetch_all` raised "
            f"{_describe_error(run.error)}; expected it to return every result, with None where a download failed"
        )
    value = run.value
    if not isinstance(value, (list, tuple)) or len(value) != len(_TOLERANT_NAMES):
        raise CheckFailed(
            f"expected a list with one entry per name ({len(_TOLERANT_NAMES)}), but got {value!r}"
        )
    value = list(value)
    for i, (got, want) in enumerate(zip(value, _TOLERANT_EXPECTED)):
        if want is None and got is not None:
            raise CheckFailed(
                f"expected None where a download failed, but entry {i} (for {_TOLERANT_NAMES[i]!r}) is {got!r}"
            )
    if value != _TOLERANT_EXPECTED:
        if sorted(map(str, value)) == sorted(map(str, _TOLERANT_EXPECTED)):
            raise CheckFailed(
                "all the results are there, but not in the order of `names`: entry i must belong to names[i]"
            )
        raise CheckFailed(f"expected {_TOLERANT_EXPECTED!r}; got {value!r}")
    return "every result in the order of `names`, None for the two that failed"


async def _tolerant_overlap(ns):
    run = await _tolerant(ns)
    started = run.rec.started()
    if sorted(started) != sorted(_TOLERANT_NAMES):
        raise CheckFailed(
            f"expected one download per name ({len(_TOLERANT_NAMES)}), but these started: {started}"
        )
    if run.rec.peak != len(_TOLERANT_NAMES):
        raise CheckFailed(
            f"expected all {len(_TOLERANT_NAMES)} downloads in flight at the same time, but at most "
            f"{run.rec.peak} ran at once"
        )
    return f"all {run.rec.peak} downloads were in flight together"


async def _tolerant_nothing_left(ns):
    run = await _tolerant(ns)
    message = _nothing_left(run, "fetch_all")
    not_finished = [n for n in _TOLERANT_NAMES if not n.startswith("bad") and run.ended(n) != "finish"]
    if not_finished:
        raise CheckFailed(
            f"expected the downloads that work to run to the end, but these did not: {not_finished}"
        )
    return message


register(
    Exercise(
        setup=LESSON_SETUP,
        id=f"{LESSON}.tolerate-failures",
        title="Download everything, survive failures",
        checks=make_checks(
            ("every result in order, None for failures", _tolerant_results),
            ("downloads overlap", _tolerant_overlap),
            ("nothing left running", _tolerant_nothing_left),
        ),
        hints=(
            "The results and the None values are already right; what is wrong is that each download "
            "only starts when the previous one has finished. Which tools from this lesson start them all at once?",
            "`asyncio.gather` starts them all at once, but by default the first failure propagates out of "
            "it (and the other downloads keep running). One of its keyword arguments changes that.",
            "With `return_exceptions=True`, `gather` returns exceptions in place of results; turn every "
            "`DownloadError` into None. (Or wrap each download in a small coroutine that catches "
            "`DownloadError` and returns None, and run those concurrently.)",
        ),
        starter=(
            "from asyncio_lab.lessons.running_concurrently import flaky_download, DownloadError\n"
            "\n"
            "async def fetch_all(names):\n"
            "    results = []\n"
            "    for name in names:\n"
            "        try:\n"
            "            results.append(await flaky_download(name))\n"
            "        except DownloadError:\n"
            "            results.append(None)\n"
            "    return results\n"
        ),
        solution=(
            "from asyncio_lab.lessons.running_concurrently import flaky_download, DownloadError\n"
            "\n"
            "async def fetch_all(names):\n"
            "    results = await asyncio.gather(*(flaky_download(name) for name in names), return_exceptions=True)\n"
            "    return [None if isinstance(r, DownloadError) else r for r in results]\n"
        ),
    )
)


# --------------------------------------------------------------------------- first-n

_FIRST_NAMES = ["slow.txt", "quick.txt", "medium.txt", "snappy.txt", "sluggish.txt"]
# Far apart (30 ms), so that two downloads practically never finish in the same turn of the
# loop, even on a busy machine: an approach that collects finished tasks in batches
# (asyncio.wait with FIRST_COMPLETED) cannot tell the order of two in one batch.
_FIRST_DELAYS = {"slow.txt": 0.13, "quick.txt": 0.01, "medium.txt": 0.07, "snappy.txt": 0.04, "sluggish.txt": 0.10}
_FINISH_ORDER = sorted(_FIRST_NAMES, key=_FIRST_DELAYS.__getitem__)


async def _first(ns, n: int = 3) -> _Run:
    func = coroutine_function(ns, "first_n", "async def first_n(names, n)")
    return await _run(func, list(_FIRST_NAMES), n, delays=_FIRST_DELAYS)


def _raise_if_error(run: _Run) -> None:
    if run.error is not None:
        raise CheckFailed(f"`first_n` raised {_describe_error(run.error)}")


async def _first_results(ns):
    # n=5: every download is among the first n, and nothing is left to cancel.
    for n in (3, 1, len(_FIRST_NAMES)):
        run = await _first(ns, n)
        if run.error is not None:
            raise CheckFailed(
                f"called with {len(_FIRST_NAMES)} names and n={n}, `first_n` raised {_describe_error(run.error)}"
                + (" (with n equal to the number of names there is nothing left to cancel)" if n == len(_FIRST_NAMES) else "")
            )
        expected = [f"contents of {name}" for name in _FINISH_ORDER[:n]]
        value = list(run.value) if isinstance(run.value, (list, tuple)) else run.value
        if value == expected:
            continue
        call = f"called with {len(_FIRST_NAMES)} names and n={n}"
        if isinstance(value, list) and value == [f"contents of {name}" for name in _FIRST_NAMES[:n]]:
            raise CheckFailed(
                f"{call}, it returned the results of the first {n} *names*; expected the first {n} "
                "downloads to *finish*, in the order they finished"
            )
        if isinstance(value, list) and sorted(value) == sorted(expected):
            raise CheckFailed(f"{call}, it returned the right results, but not in the order they finished")
        raise CheckFailed(f"{call}, expected the results of the first {n} downloads to finish, in that order; got {value!r}")
    return "the first n results, in the order they finished (tried with n=3, n=1 and n=5)"


async def _first_overlap(ns):
    run = await _first(ns)
    started = run.rec.started()
    if sorted(started) != sorted(_FIRST_NAMES):
        raise CheckFailed(
            f"expected every name's download to start (any of them could be among the first to finish), "
            f"but these started: {started}"
        )
    if run.rec.peak != len(_FIRST_NAMES):
        raise CheckFailed(
            f"expected all {len(_FIRST_NAMES)} downloads in flight at the same time, but at most "
            f"{run.rec.peak} ran at once"
        )
    return "all the downloads started together"


async def _first_cancel(ns):
    run = await _first(ns)
    _raise_if_error(run)
    message = _nothing_left(run, "first_n")
    slow = _FINISH_ORDER[3:]
    completed = [name for name in slow if run.ended(name) == "finish"]
    if completed:
        raise CheckFailed(
            f"expected the downloads still running once 3 results were in to be cancelled, "
            f"but these ran to the end: {completed}"
        )
    return "the slower downloads were cancelled; " + message


register(
    Exercise(
        setup=LESSON_SETUP,
        id=f"{LESSON}.first-n",
        title="The first N to arrive",
        checks=make_checks(
            ("the first n results, in finishing order", _first_results),
            ("all downloads start together", _first_overlap),
            ("the rest are cancelled", _first_cancel),
        ),
        hints=(
            "Any of the downloads could be among the first to finish, so all of them must be running "
            "at once; then you need their results in the order they *finish*. Which function of this "
            "lesson hands you results in that order?",
            "`asyncio.as_completed` gives awaitables in finishing order; stop after n. To be able to cancel "
            "the others you need handles on them: create the tasks yourself and pass the tasks.",
            "After collecting n results, call `.cancel()` on every task, then wait for them to finish "
            "cancelling (for example `await asyncio.gather(*tasks, return_exceptions=True)`) before returning.",
        ),
        starter=(
            "async def first_n(names, n):\n"
            "    results = []\n"
            "    for name in names[:n]:\n"
            "        results.append(await fake_download(name))\n"
            "    return results\n"
        ),
        solution=(
            "async def first_n(names, n):\n"
            "    tasks = [asyncio.create_task(fake_download(name)) for name in names]\n"
            "    results = []\n"
            "    try:\n"
            "        for next_done in asyncio.as_completed(tasks):\n"
            "            results.append(await next_done)\n"
            "            if len(results) == n:\n"
            "                break\n"
            "    finally:\n"
            "        for task in tasks:\n"
            "            task.cancel()\n"
            "        await asyncio.gather(*tasks, return_exceptions=True)\n"
            "    return results\n"
        ),
    )
)
