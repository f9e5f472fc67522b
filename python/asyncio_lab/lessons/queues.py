"""Lesson 19, queues: a work helper, exercises and their checks.

:func:`handle` pretends to process one item (it waits, then returns ``"done <item>"``).
Inside ``with recording(delays) as rec:`` (:mod:`asyncio_lab.sim`) it records each
start and how it ended, so a lesson or a check sees how many items were in hand.

The checks run the learner's coroutine function on a virtual clock and judge only
behaviour over time.  For the worker pool: every item handled exactly once, never more
than N at once, N at once while items wait, and nothing left running (so any way of
stopping passes: sentinels, ``Queue.shutdown()`` on 3.13+, cancelling after ``join()``,
a ``TaskGroup``).  For backpressure: while the check runs, every ``asyncio.Queue`` (and
subclass) reports its size after each put and get, and the check watches the largest.
"""

from __future__ import annotations

import asyncio
import asyncio.queues
from contextlib import contextmanager
from typing import Any, Iterator

from ..exercises import CheckFailed, Exercise, describe_exception, make_checks, register
from ..sim import recorder, recording
from ..virtualclock import VirtualTimeError, virtual_time
from ._helpers import PerCheckRun, coroutine_function, run_until_deadline, stop_strays

__all__ = ["handle", "watching_queues"]

LESSON = "queues"

LESSON_SETUP = """\
import asyncio
import sys
from asyncio_lab.sim import recording
from asyncio_lab.lessons.queues import handle, watching_queues
"""


async def handle(item: Any, seconds: float = 0.02) -> str:
    """Pretend to process ``item``: wait ``seconds``, then return ``"done <item>"``.

    Inside ``with recording(delays) as rec:`` the wait is ``delays.get(str(item), seconds)``,
    and ``rec`` records ``start``, then ``finish`` or ``cancel``, under ``str(item)``.
    """
    rec = recorder()
    name = str(item)
    seconds = rec.delays.get(name, seconds)
    timed = getattr(rec, "timed", None)
    loop = asyncio.get_running_loop()
    rec._start(name)
    if timed is not None:
        timed.append((loop.time(), "start", name))
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        rec._end("cancel", name)
        raise
    rec._end("finish", name)
    if timed is not None:
        timed.append((loop.time(), "finish", name))
    return f"done {item}"


@contextmanager
def watching_queues() -> Iterator[list[tuple[float, int, int]]]:
    """Record ``(time, queue id, size)`` after every put and get of any asyncio queue.

    ``Queue.put`` and ``Queue.get`` end in ``put_nowait`` and ``get_nowait`` (CPython 3.11 to
    3.14), so wrapping those two sees every item that goes in or out.
    """
    cls = asyncio.queues.Queue
    seen: list[tuple[float, int, int]] = []
    put, get = cls.put_nowait, cls.get_nowait

    def note(q) -> None:
        try:
            now = asyncio.get_running_loop().time()
        except RuntimeError:
            now = 0.0
        seen.append((now, id(q), q.qsize()))

    def put_nowait(self, item):
        result = put(self, item)
        note(self)
        return result

    def get_nowait(self):
        result = get(self)
        note(self)
        return result

    cls.put_nowait, cls.get_nowait = put_nowait, get_nowait
    try:
        yield seen
    finally:
        cls.put_nowait, cls.get_nowait = put, get


# --------------------------------------------------------------------------- one run, recorded

#: Virtual seconds a call may take before the check calls it stuck (a correct answer needs < 30).
DEADLINE = 600.0


class _Run:
    def __init__(self):
        self.value: Any = None
        self.error: BaseException | None = None
        self.stuck = False
        self.leftovers: list[str] = []
        self.strays: list[str] = []
        self.timed: list[tuple[float, str, str]] = []
        self.sizes: list[tuple[float, int, int]] = []
        self.t0 = 0.0
        self.rec = None

    @property
    def peak(self) -> int:
        return self.rec.peak


async def _run(func, items: list, arg: int, delays: dict[str, float]) -> _Run:
    run = _Run()
    loop = asyncio.get_running_loop()
    async with virtual_time():
        with recording(delays) as rec, watching_queues() as sizes:
            rec.timed = run.timed
            run.rec = rec
            run.sizes = sizes
            run.t0 = loop.time()
            before = set(asyncio.tasks.all_tasks())
            await run_until_deadline(run, lambda: func(list(items), arg), DEADLINE)
            await stop_strays(run, rec, before, "handle")
    return run


def _explain(exc: BaseException) -> str:
    text = describe_exception(exc)
    if isinstance(exc, AttributeError) and "shutdown" in str(exc):
        text += (
            ". Queue.shutdown() is new in Python 3.13; on this Python stop the workers with one "
            "sentinel per worker, or cancel them after `await queue.join()`"
        )
    elif isinstance(exc, VirtualTimeError) and ("thread" in str(exc) or "executor" in str(exc)):
        text += ". The work is coroutines of this event loop: run it on the loop, not in threads"
    return text


def _raised(run: _Run, what: str) -> None:
    if run.stuck:
        raise CheckFailed(
            f"`{what}` had not returned after {DEADLINE:g} s (of the virtual clock): something waits "
            "for ever (a worker that is never stopped, a get() with nothing left to come, a join() "
            "that misses a task_done())"
        )
    if run.error is not None:
        raise CheckFailed(f"`{what}` raised {_explain(run.error)}")


def _nothing_left(runs: list[_Run], what: str) -> str:
    for run in runs:
        if run.leftovers:
            raise CheckFailed(
                f"expected every item to be over when `{what}` returns, but these were still being "
                f"handled: {run.leftovers}"
            )
        if run.strays:
            raise CheckFailed(
                f"expected no worker still running when `{what}` returns, but {len(run.strays)} "
                f"task(s) were still pending ({', '.join(run.strays[:3])}): a worker blocked in "
                "`await queue.get()` waits for ever; stop it (a sentinel, shutdown(), or cancel "
                "after join()) and wait until it has stopped"
            )
    return "every worker had stopped and no item was still in hand"


def _counts(run: _Run) -> tuple[dict[str, int], list[str]]:
    starts: dict[str, int] = {}
    cancelled = []
    for kind, name in run.rec.events:
        if kind == "start":
            starts[name] = starts.get(name, 0) + 1
        elif kind == "cancel":
            cancelled.append(name)
    return starts, cancelled


# --------------------------------------------------------------------------- worker-pool

_ITEMS = [f"job{i}" for i in range(1, 9)]
_DELAYS = {"job1": 3.0, "job2": 1.0, "job3": 2.0, "job4": 1.5, "job5": 0.5, "job6": 2.5, "job7": 1.0, "job8": 2.0}
_SCENARIOS = {
    "3 workers": (_ITEMS, 3),
    "1 worker": (_ITEMS[:4], 1),
    "5 workers, 2 items": (_ITEMS[:2], 5),
}
_WP_RUNS = PerCheckRun({"3 workers": 4, "1 worker": 3, "5 workers, 2 items": 3})


async def _wp(ns, scenario: str) -> _Run:
    func = coroutine_function(ns, "process_all", "async def process_all(items, n)")
    items, n = _SCENARIOS[scenario]
    return await _WP_RUNS.get(func, lambda: _run(func, items, n, _DELAYS), scenario)


def _call(scenario: str) -> str:
    items, n = _SCENARIOS[scenario]
    return f"process_all({len(items)} items, n={n})"


async def _wp_once(ns):
    for scenario in ("3 workers", "1 worker", "5 workers, 2 items"):
        run = await _wp(ns, scenario)
        _raised(run, _call(scenario))
        items, _ = _SCENARIOS[scenario]
        starts, cancelled = _counts(run)
        never = [i for i in items if i not in starts]
        twice = [i for i in items if starts.get(i, 0) > 1]
        if never:
            raise CheckFailed(f"with `{_call(scenario)}`, these items were never handled: {never}")
        if twice:
            raise CheckFailed(f"with `{_call(scenario)}`, these items were handled more than once: {twice}")
        if cancelled:
            raise CheckFailed(
                f"with `{_call(scenario)}`, the handling of {cancelled} was cancelled half-way: stop a "
                "worker only when it is idle (after join(), or through a sentinel it reads)"
            )
    return "every item handled exactly once, to the end"


async def _wp_at_most(ns):
    for scenario in ("3 workers", "1 worker"):
        run = await _wp(ns, scenario)
        _raised(run, _call(scenario))
        n = _SCENARIOS[scenario][1]
        if run.peak > n:
            raise CheckFailed(f"with n={n}, {run.peak} items were handled at once; at most {n} may be")
    return "never more than n items at once"


def _idle_slots(run: _Run, limit: int, total: int):
    in_flight = started = 0
    events = sorted(run.timed, key=lambda e: e[0])
    i = 0
    while i < len(events):
        t = events[i][0]
        while i < len(events) and events[i][0] == t:
            if events[i][1] == "start":
                in_flight += 1
                started += 1
            else:
                in_flight -= 1
            i += 1
        if started < total and in_flight < limit:
            return t - run.t0, in_flight, total - started
    return None


async def _wp_busy(ns):
    for scenario in ("3 workers", "5 workers, 2 items"):
        run = await _wp(ns, scenario)
        _raised(run, _call(scenario))
        items, n = _SCENARIOS[scenario]
        want = min(n, len(items))
        if run.peak < want:
            raise CheckFailed(f"with n={n} and {len(items)} items, {want} may be handled at once, but at most {run.peak} were")
        idle = _idle_slots(run, n, len(items))
        if idle is not None:
            at, busy, waiting = idle
            raise CheckFailed(
                f"with n={n}, at {at:g} s only {busy} item(s) were in hand while {waiting} still waited: "
                "a worker that is done should take the next item at once"
            )
    return "n items in hand whenever items were waiting"


async def _wp_stopped(ns):
    runs = []
    for scenario in ("3 workers", "1 worker", "5 workers, 2 items"):
        run = await _wp(ns, scenario)
        _raised(run, _call(scenario))
        runs.append(run)
    return _nothing_left(runs, "process_all")


register(
    Exercise(
        id=f"{LESSON}.worker-pool",
        title="A pool of N workers that stops cleanly",
        setup=LESSON_SETUP,
        checks=make_checks(
            ("every item exactly once", _wp_once),
            ("never more than n at once", _wp_at_most),
            ("n at once while items wait", _wp_busy),
            ("every worker stopped", _wp_stopped),
        ),
        hints=(
            "The starter's workers do all the work, and `join()` returns when it is done, but each "
            "worker is still waiting in `await queue.get()` for an item that never comes.",
            "After `await queue.join()`, cancel every worker, then wait for them: "
            "`await asyncio.gather(*workers, return_exceptions=True)`. Or put one sentinel (say `None`) "
            "per worker and let a worker return when it gets one.",
            "On Python 3.13+, `queue.shutdown()` makes a waiting `get()` raise `asyncio.QueueShutDown` "
            "once the queue is empty: catch it in the worker and return. It does not exist on 3.11/3.12.",
        ),
        starter=(
            "async def process_all(items, n):\n"
            "    queue = asyncio.Queue()\n"
            "    for item in items:\n"
            "        queue.put_nowait(item)\n"
            "\n"
            "    async def worker():\n"
            "        while True:\n"
            "            item = await queue.get()\n"
            "            await handle(item)\n"
            "            queue.task_done()\n"
            "\n"
            "    workers = [asyncio.create_task(worker()) for _ in range(n)]\n"
            "    await queue.join()\n"
        ),
        solution=(
            "async def process_all(items, n):\n"
            "    queue = asyncio.Queue()\n"
            "    for item in items:\n"
            "        queue.put_nowait(item)\n"
            "    for _ in range(n):\n"
            "        queue.put_nowait(None)  # one sentinel per worker, after the items\n"
            "\n"
            "    async def worker():\n"
            "        while (item := await queue.get()) is not None:\n"
            "            await handle(item)\n"
            "\n"
            "    await asyncio.gather(*(worker() for _ in range(n)))\n"
        ),
    )
)


# --------------------------------------------------------------------------- backpressure

_BP = {
    "maxsize 2": ([f"m{i}" for i in range(1, 7)], 2),
    "maxsize 1": ([f"m{i}" for i in range(1, 5)], 1),
}
_BP_DELAYS = {f"m{i}": 1.0 for i in range(1, 7)}
_BP_RUNS = PerCheckRun({"maxsize 2": 4, "maxsize 1": 3})


async def _bp(ns, scenario: str) -> _Run:
    func = coroutine_function(ns, "pipeline", "async def pipeline(items, maxsize)")
    items, maxsize = _BP[scenario]
    return await _BP_RUNS.get(func, lambda: _run(func, items, maxsize, _BP_DELAYS), scenario)


def _bcall(scenario: str) -> str:
    items, maxsize = _BP[scenario]
    return f"pipeline({len(items)} items, maxsize={maxsize})"


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if asyncio.iscoroutine(value):
        return "a coroutine"
    return repr(value)


async def _bp_results(ns):
    scenario = "maxsize 2"
    run = await _bp(ns, scenario)
    _raised(run, _bcall(scenario))
    items = _BP[scenario][0]
    expected = [f"done {i}" for i in items]
    got = list(run.value) if isinstance(run.value, tuple) else run.value
    if got != expected:
        raise CheckFailed(f"`{_bcall(scenario)}` should return {_show(expected)}; it returned {_show(got)}")
    return "every item handled, results in order"


def _largest(run: _Run) -> int:
    return max((size for _, _, size in run.sizes), default=0)


async def _bp_bounded(ns):
    for scenario in ("maxsize 2", "maxsize 1"):
        run = await _bp(ns, scenario)
        _raised(run, _bcall(scenario))
        maxsize = _BP[scenario][1]
        if not run.sizes:
            raise CheckFailed(
                f"`{_bcall(scenario)}` put nothing into an asyncio.Queue: let the producer put the items "
                "into a queue and the consumer take them from it"
            )
        big = _largest(run)
        if big > maxsize:
            at = next(t for t, _, s in run.sizes if s == big) - run.t0
            raise CheckFailed(
                f"with maxsize={maxsize}, {big} items waited in the queue at {at:g} s; at most {maxsize} may: "
                "the producer must wait while the queue is full"
            )
    return "never more than maxsize items waiting in the queue"


async def _bp_ahead(ns):
    for scenario in ("maxsize 2", "maxsize 1"):
        run = await _bp(ns, scenario)
        _raised(run, _bcall(scenario))
        maxsize = _BP[scenario][1]
        big = _largest(run)
        if big < maxsize:
            raise CheckFailed(
                f"with maxsize={maxsize}, at most {big} item(s) ever waited in the queue: the producer may "
                f"run ahead of the consumer by {maxsize} items"
            )
    return "the producer ran ahead by up to maxsize items"


async def _bp_nothing_left(ns):
    runs = []
    for scenario in ("maxsize 2", "maxsize 1"):
        run = await _bp(ns, scenario)
        _raised(run, _bcall(scenario))
        runs.append(run)
    return _nothing_left(runs, "pipeline")


register(
    Exercise(
        id=f"{LESSON}.backpressure",
        title="A producer that waits for room",
        setup=LESSON_SETUP,
        checks=make_checks(
            ("every item, in order", _bp_results),
            ("never more than maxsize waiting", _bp_bounded),
            ("the producer runs ahead", _bp_ahead),
            ("nothing left running", _bp_nothing_left),
        ),
        hints=(
            "The starter's queue has no limit, so the producer puts every item at once while the consumer "
            "works through them one a second.",
            "`asyncio.Queue(maxsize)` makes `await queue.put(item)` wait while `maxsize` items are in the "
            "queue. `put_nowait` does not wait: on a full queue it raises `asyncio.QueueFull`.",
            "Keep the sentinel that tells the consumer to stop, and put it with `await queue.put(...)` too.",
        ),
        starter=(
            "async def pipeline(items, maxsize):\n"
            "    queue = asyncio.Queue()\n"
            "    results = []\n"
            "\n"
            "    async def producer():\n"
            "        for item in items:\n"
            "            await queue.put(item)\n"
            "        await queue.put(None)  # sentinel: no more items\n"
            "\n"
            "    async def consumer():\n"
            "        while (item := await queue.get()) is not None:\n"
            "            results.append(await handle(item))\n"
            "\n"
            "    await asyncio.gather(producer(), consumer())\n"
            "    return results\n"
        ),
        solution=(
            "async def pipeline(items, maxsize):\n"
            "    queue = asyncio.Queue(maxsize)  # put() waits while it is full\n"
            "    results = []\n"
            "\n"
            "    async def producer():\n"
            "        for item in items:\n"
            "            await queue.put(item)\n"
            "        await queue.put(None)  # sentinel: no more items\n"
            "\n"
            "    async def consumer():\n"
            "        while (item := await queue.get()) is not None:\n"
            "            results.append(await handle(item))\n"
            "\n"
            "    await asyncio.gather(producer(), consumer())\n"
            "    return results\n"
        ),
    )
)
