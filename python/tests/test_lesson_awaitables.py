"""Lesson 3 (awaitables): starters fail, the reference solutions and other correct
approaches pass, plausible wrong approaches fail with a message that helps, and the
checks leave nothing behind (no task running, no "never awaited" warning)."""

from __future__ import annotations

import asyncio
import gc
import logging
import warnings

import pytest

from asyncio_lab import exercises

CD = "awaitables.countdown"
AA = "awaitables.await-all"

# What the notebook's setup cell imports before the exercises.
PRELUDE = "import asyncio, inspect\nfrom asyncio_lab.sim import fake_download, recording\n"

COUNTDOWN_CORRECT = {
    "reference solution (delegates to a coroutine)": None,
    "generator with bare yields": """
class Countdown:
    def __init__(self, start):
        self.start = start
    def __await__(self):
        said = []
        for n in range(self.start, 0, -1):
            said.append(n)
            yield
        return said
""",
    "yield from asyncio.sleep(0)": """
class Countdown:
    def __init__(self, start):
        self.start = start
    def __await__(self):
        said = []
        for n in range(self.start, 0, -1):
            said.append(n)
            yield from asyncio.sleep(0).__await__()
        return said
""",
    "delegates to a module-level coroutine function": """
async def count_down(start):
    said = []
    while start:
        said.append(start)
        start -= 1
        await asyncio.sleep(0)
    return said

class Countdown:
    def __init__(self, start):
        self.start = start
    def __await__(self):
        return count_down(self.start).__await__()
""",
}

COUNTDOWN_WRONG = {
    "starter": (None, "`Countdown(3)` is not awaitable"),
    "async def __await__": (
        """
class Countdown:
    def __init__(self, start):
        self.start = start
    async def __await__(self):
        return list(range(self.start, 0, -1))
""",
        "`__await__` must return an iterator",
    ),
    "the coroutine is made once, in __init__": (
        """
class Countdown:
    def __init__(self, start):
        self.start = start
        self._run = self._count()
    async def _count(self):
        said = []
        for n in range(self.start, 0, -1):
            said.append(n)
            await asyncio.sleep(0)
        return said
    def __await__(self):
        return self._run.__await__()
""",
        "a second time raised RuntimeError: cannot reuse already awaited coroutine",
    ),
    "never lets the loop run": (
        """
class Countdown:
    def __init__(self, start):
        self.start = start
    def __await__(self):
        return list(range(self.start, 0, -1))
        yield
""",
        "got 0 turn(s) before the countdown had finished: the countdown never let",
    ),
    "pauses only between numbers": (
        """
class Countdown:
    def __init__(self, start):
        self.start = start
    def __await__(self):
        said = []
        for n in range(self.start, 0, -1):
            if said:
                yield
            said.append(n)
        return said
""",
        "got 3 turn(s)",
    ),
    "yields the numbers to the event loop": (
        """
class Countdown:
    def __init__(self, start):
        self.start = start
    def __await__(self):
        for n in range(self.start, 0, -1):
            yield n
        return list(range(self.start, 0, -1))
""",
        "Task got bad yield",
    ),
    "a coroutine function, not a class": (
        """
async def Countdown(start):
    return list(range(start, 0, -1))
""",
        "expected `Countdown` to be a class",
    ),
    "counts up": (
        """
class Countdown:
    def __init__(self, start):
        self.start = start
    def __await__(self):
        said = []
        for n in range(1, self.start + 1):
            said.append(n)
            yield
        return said
""",
        "`await Countdown(3)` should give [3, 2, 1], but it gave [1, 2, 3]",
    ),
}

AWAIT_ALL_CORRECT = {
    "reference solution (ensure_future)": None,
    "gather the awaitables, then merge": """
async def await_all(items):
    awaitables = [item for item in items if inspect.isawaitable(item)]
    results = iter(await asyncio.gather(*awaitables))
    return [next(results) if inspect.isawaitable(item) else item for item in items]
""",
    "TaskGroup with a small wrapper coroutine": """
async def await_all(items):
    async def wait_for(thing):
        return await thing
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(wait_for(item)) if inspect.isawaitable(item) else None for item in items]
    return [task.result() if task is not None else item for task, item in zip(tasks, items)]
""",
    "gather with a wrapper for every item": """
async def await_all(items):
    async def value_of(item):
        return await item if inspect.isawaitable(item) else item
    return list(await asyncio.gather(*(value_of(item) for item in items)))
""",
}

AWAIT_ALL_WRONG = {
    "starter": (None, "raised TypeError"),
    "one after the other": (
        """
async def await_all(items):
    return [await item if inspect.isawaitable(item) else item for item in items]
""",
        "at most 1 ran at once: each one only started after the previous one had finished",
    ),
    "create_task for every awaitable": (
        """
async def await_all(items):
    started = [asyncio.create_task(item) if inspect.isawaitable(item) else item for item in items]
    return [await s if inspect.isawaitable(s) else s for s in started]
""",
        "raised TypeError: a coroutine was expected",
    ),
    "gather(*items)": (
        """
async def await_all(items):
    return await asyncio.gather(*items)
""",
        "values that cannot be awaited should come back as they are",
    ),
    "knows only coroutines and futures": (
        """
async def await_all(items):
    started = [asyncio.ensure_future(i) if asyncio.iscoroutine(i) or asyncio.isfuture(i) else i for i in items]
    return [await s if asyncio.isfuture(s) else s for s in started]
""",
        "item 3 (an object with __await__) should give what awaiting it gives",
    ),
    "not a coroutine function": (
        """
def await_all(items):
    return list(items)
""",
        "expected `await_all` to be a coroutine function",
    ),
    "returns before the work is done": (
        """
async def await_all(items):
    started = [asyncio.ensure_future(i) if inspect.isawaitable(i) else i for i in items]
    return [s.result() if asyncio.isfuture(s) and s.done() else s for s in started]
""",
        "item 0 (a coroutine) should give what awaiting it gives",
    ),
}


def run(ex_id: str, code: str | None):
    """Run the checks against ``code`` (None: the reference solution) on a fresh loop.

    Asserts the checks left nothing behind: no "never awaited" warning, no task
    still pending, nothing logged by asyncio.
    """
    ex = exercises.get(ex_id)
    ns: dict = {}
    exec(PRELUDE + (ex.solution if code is None else code), ns)

    async def go():
        result = await exercises.run_checks(ex_id, ns)
        await asyncio.sleep(0.05)  # anything the learner's code left behind finishes or fails now
        pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        return result, pending

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result, pending = asyncio.run(go())
        gc.collect()
    assert not pending, pending
    never_awaited = [str(w.message) for w in caught if "never awaited" in str(w.message)]
    # The learner's own `async def __await__` is never awaited: that warning is theirs to see.
    assert all("__await__" in m for m in never_awaited), never_awaited
    return result


def failed_messages(result) -> str:
    return " | ".join(f"{c.name}: {c.message}" for c in result.checks if not c.passed)


@pytest.fixture
def asyncio_log(caplog):
    with caplog.at_level(logging.WARNING, logger="asyncio"):
        yield caplog
    assert not caplog.records, [r.getMessage() for r in caplog.records]


@pytest.mark.parametrize("name", list(COUNTDOWN_CORRECT))
def test_countdown_correct_approaches_pass(name, asyncio_log):
    result = run(CD, COUNTDOWN_CORRECT[name])
    assert result.passed, failed_messages(result)


@pytest.mark.parametrize("name", list(COUNTDOWN_WRONG))
def test_countdown_wrong_approaches_fail_helpfully(name, asyncio_log):
    code, fragment = COUNTDOWN_WRONG[name]
    result = run(CD, exercises.get(CD).starter if code is None else code)
    assert not result.passed
    assert fragment in failed_messages(result), failed_messages(result)
    assert "count()" not in failed_messages(result), "a message must not give the answer away"


@pytest.mark.parametrize("name", list(AWAIT_ALL_CORRECT))
def test_await_all_correct_approaches_pass(name, asyncio_log):
    result = run(AA, AWAIT_ALL_CORRECT[name])
    assert result.passed, failed_messages(result)


@pytest.mark.parametrize("name", list(AWAIT_ALL_WRONG))
def test_await_all_wrong_approaches_fail_helpfully(name, asyncio_log):
    code, fragment = AWAIT_ALL_WRONG[name]
    result = run(AA, exercises.get(AA).starter if code is None else code)
    assert not result.passed
    assert fragment in failed_messages(result), failed_messages(result)
    assert "ensure_future" not in failed_messages(result), "a message must not give the answer away"


def test_turn_counting_is_exact_for_the_reference_solution():
    from asyncio_lab.lessons.awaitables import _turns_while

    ns: dict = {}
    exec(PRELUDE + exercises.get(CD).solution, ns)

    async def go():
        return [await _turns_while(ns["Countdown"](n)) for n in (0, 1, 4)]

    assert asyncio.run(go()) == [([], 0), ([1], 1), ([4, 3, 2, 1], 4)]


def test_a_task_is_a_future_that_refuses_set_result_and_set_exception():
    """Lesson 3: a Task has the Future methods but set_result/set_exception, whose outcome only its
    coroutine decides; what the notebook prints."""

    async def go():
        async def one():
            return 1

        task = asyncio.create_task(one())
        refused = []
        for name, arg in (("set_result", 0), ("set_exception", ValueError())):
            with pytest.raises(RuntimeError) as err:
                getattr(task, name)(arg)
            refused.append(str(err.value))
        return refused, await task

    refused, result = asyncio.run(go())
    assert refused == ["Task does not support set_result operation", "Task does not support set_exception operation"]
    assert result == 1
    assert issubclass(asyncio.Task, asyncio.Future)


def test_an_await_iterator_passes_a_future_on_with_yield_from_only():
    """Lesson 3: inside asyncio an __await__ iterator yields None, or a Future through
    `yield from future`; a bare `yield future` and `yield 42` make the task fail."""

    class Bare:
        def __init__(self, future):
            self.future = future

        def __await__(self):
            yield self.future

    class From(Bare):
        def __await__(self):
            return (yield from self.future)

    class FortyTwo:
        def __await__(self):
            yield 42

    async def go():
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        loop.call_soon(done.set_result, "delivered")
        good = await From(done)
        errors = []
        for awaitable in (Bare(loop.create_future()), FortyTwo()):
            async def wait(awaitable=awaitable):
                return await awaitable
            with pytest.raises(RuntimeError) as err:
                await asyncio.create_task(wait())
            errors.append(str(err.value))
        return good, errors

    good, (bare, forty_two) = asyncio.run(go())
    assert good == "delivered"
    assert bare.startswith("yield was used instead of yield from"), bare
    assert forty_two == "Task got bad yield: 42"
