"""Lesson 3, awaitables: exercises and their checks.

The checks look at behaviour only: what awaiting gives, how often the event loop
got a turn while something was awaited (counted by a task running alongside, so no
clock is involved), whether an object can be awaited again, how many helpers were
in flight at once, and whether anything was left running.  Any correct approach
passes: a generator ``__await__`` or one that delegates to a coroutine; ``gather``,
``ensure_future`` or a ``TaskGroup``.  The downloads of ``await-all`` run on a virtual
clock and take an hour and more (no real time), so sleeping "long enough" is caught.
"""

from __future__ import annotations

import asyncio
import inspect
import re
from typing import Any, Mapping

from ..exercises import CheckFailed, Exercise, describe_exception, hide_task, make_checks, register
from ..sim import fake_download, recording
from ._helpers import LONG_DOWNLOADS, stop_left_behind
from ..virtualclock import virtual_time

LESSON = "awaitables"

#: What the lesson's import cell has run before the exercises (the starters and
#: solutions assume it; the answer sets run it first).
LESSON_SETUP = """\
import asyncio
import inspect
from asyncio_lab.sim import fake_download, recording
"""


# --------------------------------------------------------------------------- helpers

async def _turns_while(awaitable) -> tuple[Any, int]:
    """Await ``awaitable`` while another task counts the turns the loop gives it."""
    turns = 0
    stop = False

    async def other_task():
        nonlocal turns
        while not stop:
            turns += 1
            await asyncio.sleep(0)

    watcher = hide_task(asyncio.create_task(other_task()))
    try:
        value = await awaitable
    finally:
        stop = True
        counted = turns
        await watcher
    return value, counted


# --------------------------------------------------------------------------- countdown

def _countdown_class(ns: Mapping[str, Any]):
    cls = ns.get("Countdown")
    if cls is None:
        raise CheckFailed("expected a class `Countdown` in your notebook, but `Countdown` is not defined")
    if not isinstance(cls, type):
        raise CheckFailed(
            f"expected `Countdown` to be a class (`class Countdown: ...`), but it is {type(cls).__name__}"
        )
    return cls


def _make(cls, start: int):
    try:
        return cls(start)
    except Exception as exc:
        raise CheckFailed(f"`Countdown({start})` raised {describe_exception(exc)}") from None


async def _await_countdown(cls, start: int, obj=None, what: str | None = None):
    obj = _make(cls, start) if obj is None else obj
    what = what or f"`await Countdown({start})`"
    if not inspect.isawaitable(obj):
        raise CheckFailed(
            f"`Countdown({start})` is not awaitable: `inspect.isawaitable` says False, and "
            f"{what} would raise TypeError"
        )
    try:
        return await _turns_while(obj)
    except TypeError as exc:
        if "__await__" in str(exc):
            raise CheckFailed(
                f"{what} raised TypeError: {exc}. `__await__` must return an iterator "
                "(for example what a coroutine's own `__await__()` returns), not a coroutine"
            ) from None
        raise CheckFailed(f"{what} raised {describe_exception(exc)}") from None
    except RuntimeError as exc:
        if "bad yield" in str(exc):
            raise CheckFailed(
                f"{what} raised RuntimeError: {exc}. Inside asyncio, what `__await__` yields goes to the "
                "event loop, which only accepts None (\"let the others run\") or a Future to wait for"
            ) from None
        raise CheckFailed(f"{what} raised {describe_exception(exc)}") from None


async def _countdown_counts(ns):
    cls = _countdown_class(ns)
    for start in (3, 1, 0, 5):
        value, _ = await _await_countdown(cls, start)
        expected = list(range(start, 0, -1))
        if not isinstance(value, list) or value != expected:
            raise CheckFailed(f"`await Countdown({start})` should give {expected!r}, but it gave {value!r}")
    return "Countdown(n) gives [n, ..., 1] (and [] for 0)"


async def _countdown_takes_turns(ns):
    cls = _countdown_class(ns)
    _, turns = await _await_countdown(cls, 4)
    if turns < 4:
        raise CheckFailed(
            "expected the other tasks to get a turn after each of the 4 numbers of `Countdown(4)`, "
            f"but a task running alongside got {turns} turn(s) before the countdown had finished"
            + (": the countdown never let the event loop run anything else" if turns == 0 else "")
        )
    return "the other tasks got a turn after every number"


async def _countdown_again(ns):
    cls = _countdown_class(ns)
    countdown = _make(cls, 2)
    first, _ = await _await_countdown(cls, 2, countdown, "the first `await countdown`")
    second, turns = await _await_countdown(cls, 2, countdown, "awaiting the same Countdown object a second time")
    if first != [2, 1] or second != [2, 1]:
        raise CheckFailed(
            "awaiting the same `Countdown(2)` object twice should count again each time, giving [2, 1] "
            f"twice; it gave {first!r}, then {second!r}"
        )
    if turns < 2:
        raise CheckFailed(
            "awaiting the same `Countdown(2)` object a second time gave [2, 1] again, but it did not count "
            f"again: a task running alongside got {turns} turn(s) instead of one after each number. Each "
            "`await` should count again, not hand back what an earlier await (or a task started when the "
            "object was made) already counted"
        )
    return "the same Countdown can be awaited again, and counts again"


register(
    Exercise(
        setup=LESSON_SETUP,
        id=f"{LESSON}.countdown",
        title="Make a countdown you can await",
        checks=make_checks(
            ("counts down", _countdown_counts),
            ("lets other tasks run", _countdown_takes_turns),
            ("can be awaited again", _countdown_again),
        ),
        hints=(
            "`await x` works when the class of `x` defines the method `__await__`. Countdown needs one.",
            "`__await__` is a plain method (not `async def`) that returns an iterator. The easy way to get "
            "one: write the counting as an `async def` method, and have `__await__` return "
            "`self.<that method>().__await__()`.",
            "In that `async def` method: go from `self.start` down to 1, append each number to a list, "
            "`await asyncio.sleep(0)` after each one, and return the list. Because `__await__` calls the "
            "method each time, every `await` gets a fresh coroutine.",
        ),
        starter=(
            "class Countdown:\n"
            "    def __init__(self, start):\n"
            "        self.start = start\n"
            "\n"
            "    def numbers(self):\n"
            "        return list(range(self.start, 0, -1))\n"
        ),
        solution=(
            "class Countdown:\n"
            "    def __init__(self, start):\n"
            "        self.start = start\n"
            "\n"
            "    def __await__(self):\n"
            "        return self.count().__await__()\n"
            "\n"
            "    async def count(self):\n"
            "        said = []\n"
            "        for number in range(self.start, 0, -1):\n"
            "            said.append(number)\n"
            "            await asyncio.sleep(0)\n"
            "        return said\n"
        ),
    )
)


# --------------------------------------------------------------------------- await-all

def _await_all(ns: Mapping[str, Any]):
    func = ns.get("await_all")
    if func is None:
        raise CheckFailed(
            "expected a function `async def await_all(items)` in your notebook, but `await_all` is not defined"
        )
    if not inspect.iscoroutinefunction(func):
        raise CheckFailed(
            "expected `await_all` to be a coroutine function (defined with `async def`), "
            f"but it is {type(func).__name__}"
        )
    return func


async def _answer(value, pauses: int = 1):
    for _ in range(pauses):
        await asyncio.sleep(0)
    return value


class _Parcel:
    """An awaitable that is neither a coroutine nor a Future."""

    def __init__(self, content):
        self.content = content

    def __await__(self):
        return _answer(self.content, 2).__await__()

    def __repr__(self):
        return "<an object with __await__>"


def _cleanup(items) -> None:
    """Close the coroutines the learner's code never used and cancel what is still pending.

    A coroutine that a task of the learner's already holds is left to that task: closing
    it would make the task fail.  A coroutine nobody holds would otherwise be reported
    as "never awaited" when it is garbage-collected.
    """
    held = {id(task.get_coro()) for task in asyncio.all_tasks()}
    for item in items:
        if inspect.iscoroutine(item):
            if inspect.getcoroutinestate(item) == inspect.CORO_CREATED and id(item) not in held:
                item.close()
        elif asyncio.isfuture(item) and not item.done():
            item.cancel()


def _show(value) -> str:
    """A short description of a value the learner's code returned."""
    if asyncio.isfuture(value):
        kind = "Task" if isinstance(value, asyncio.Task) else "Future"
        state = "finished" if value.done() else "still pending"
        return f"a {kind} ({state}) instead of its result"
    if inspect.iscoroutine(value):
        return "a coroutine object instead of its result"
    if isinstance(value, _Parcel):
        return "the object itself, not what awaiting it gives"
    return repr(value)


def _short(exc: BaseException) -> str:
    """``describe_exception`` with object reprs cut short (``<Task ...>``), no addresses or paths."""
    text = describe_exception(exc)
    return re.sub(r"<(?:[\w.]+\.)?(\w+)\b[^<>]*(?:<[^<>]*>[^<>]*)*>", r"<\1 ...>", text)


async def _call(func, items, shown: str):
    try:
        return await func(items)
    except Exception as exc:
        raise CheckFailed(f"{shown} raised {_short(exc)}") from None
    finally:
        _cleanup(items)


def _as_list(value, shown: str) -> list:
    if not isinstance(value, (list, tuple)):
        raise CheckFailed(f"{shown} should return a list, but it returned {value!r}")
    return list(value)


async def _await_all_plain(ns):
    func = _await_all(ns)
    items = [1, "two", None, [3]]
    shown = f"`await await_all({items!r})`"
    try:
        got = _as_list(await _call(func, list(items), shown), shown)
    except CheckFailed as failed:
        raise CheckFailed(f"{failed}; values that cannot be awaited should come back as they are") from None
    if got != items:
        raise CheckFailed(f"values that cannot be awaited should come back as they are: {shown} gave {got!r}")
    return "plain values come back unchanged"


async def _await_all_kinds(ns):
    func = _await_all(ns)
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    loop.call_soon(lambda: future.done() or future.set_result("from a future"))
    items = [
        _answer("from a coroutine"),
        asyncio.create_task(_answer("from a task")),
        future,
        _Parcel("from an object with __await__"),
        7,
    ]
    kinds = ["a coroutine", "a Task", "a Future", "an object with __await__", "a plain value"]
    expected = ["from a coroutine", "from a task", "from a future", "from an object with __await__", 7]
    shown = "`await await_all([a coroutine, a Task, a Future, an object with __await__, 7])`"
    got = _as_list(await _call(func, items, shown), shown)
    if len(got) != len(expected):
        raise CheckFailed(f"{shown} should give {len(expected)} results, one per item; it gave {got!r}")
    for i, (kind, want, have) in enumerate(zip(kinds, expected, got)):
        if have != want:
            raise CheckFailed(
                f"item {i} ({kind}) should give what awaiting it gives, {want!r}, but the result was {_show(have)}"
            )
    return "coroutines, Tasks, Futures and objects with __await__ all gave their results, in order"


_NAMES = ["north.txt", "east.txt", "south.txt"]
#: Downloads of an hour and more, on a virtual clock (no real time): code that sleeps
#: "long enough" for quick downloads instead of waiting for them is caught.
_DELAYS = {"north.txt": 3000.0, "east.txt": 2000.0, "south.txt": 1000.0}


async def _await_all_overlap(ns):
    func = _await_all(ns)
    shown = "`await await_all([3 fake_download coroutines and a plain value])`"
    before = asyncio.all_tasks()
    async with virtual_time():
        with recording(_DELAYS) as rec:
            items = [fake_download(_NAMES[0]), "a plain value", fake_download(_NAMES[1]), fake_download(_NAMES[2])]
            got: list = []
            try:
                got = _as_list(await _call(func, items, shown), shown)
            except CheckFailed as failed:
                if "TimeoutError" in str(failed):
                    raise CheckFailed(
                        f"{failed}: your code stopped waiting after a time limit of its own. {LONG_DOWNLOADS}"
                    ) from None
                if "InvalidStateError" in str(failed):
                    raise CheckFailed(
                        f"{failed}: a result was read before the download had finished. Await what you "
                        "started to wait until it has; sleeping for a while is not waiting for it, since a "
                        "download can take longer"
                    ) from None
                raise
            finally:
                described = [_show(value) for value in got]  # before the leftovers are cancelled
                leftovers = await stop_left_behind(rec, before)
    expected = [f"contents of {_NAMES[0]}", "a plain value", f"contents of {_NAMES[1]}", f"contents of {_NAMES[2]}"]
    if got != expected:
        raise CheckFailed(
            f"{shown} should give the results in the order of the items; it gave "
            f"[{', '.join(described)}]"
        )
    if rec.peak != len(_NAMES):
        raise CheckFailed(
            f"expected the {len(_NAMES)} downloads to wait at the same time, but at most {rec.peak} "
            "ran at once"
            + (": each one only started after the previous one had finished" if rec.peak == 1 else "")
        )
    if leftovers:
        raise CheckFailed(f"expected nothing still running when await_all returns, but these were: {leftovers}")
    return f"all {rec.peak} downloads were in flight together, and all had finished"


register(
    Exercise(
        setup=LESSON_SETUP,
        id=f"{LESSON}.await-all",
        title="Await whatever you are given",
        checks=make_checks(
            ("plain values pass through", _await_all_plain),
            ("every kind of awaitable", _await_all_kinds),
            ("awaitables wait together", _await_all_overlap),
        ),
        hints=(
            "Not every item can be awaited, and `await 42` raises TypeError. `inspect.isawaitable(item)` "
            "tells you which items can.",
            "To have the awaitables wait at the same time, start them all before you wait for any. "
            "`asyncio.create_task` only accepts coroutines; `asyncio.ensure_future` and `asyncio.gather` "
            "accept any awaitable (a coroutine, a Task, a Future, an object with `__await__`).",
            "First pass: for each awaitable item, `asyncio.ensure_future(item)` (remember which index it "
            "was). Second pass, in order: await what you started, keep the other items as they are.",
        ),
        starter=(
            "async def await_all(items):\n"
            "    results = []\n"
            "    for item in items:\n"
            "        results.append(await item)\n"
            "    return results\n"
        ),
        solution=(
            "import asyncio\n"
            "import inspect\n"
            "\n"
            "async def await_all(items):\n"
            "    started = {}\n"
            "    for i, item in enumerate(items):\n"
            "        if inspect.isawaitable(item):\n"
            "            started[i] = asyncio.ensure_future(item)  # any awaitable, started now\n"
            "    results = []\n"
            "    for i, item in enumerate(items):\n"
            "        results.append(await started[i] if i in started else item)\n"
            "    return results\n"
        ),
    )
)
