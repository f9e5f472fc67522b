"""Answer set of lesson 03 (awaitables); the format is described in ../test_answers.py."""

ANSWERS = [
    # ------------------------------------------------------------------ countdown: correct
    {
        "exercise": "awaitables.countdown",
        "label": "the hints: __await__ returns a fresh coroutine's __await__()",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
class Countdown:
    def __init__(self, start):
        self.start = start

    def __await__(self):
        return self.count().__await__()

    async def count(self):
        said = []
        for number in range(self.start, 0, -1):
            said.append(number)
            await asyncio.sleep(0)
        return said
""",
    },
    {
        "exercise": "awaitables.countdown",
        "label": "a generator __await__ with a bare yield after each number",
        "kind": "other style",
        "verdict": "pass",
        "note": "a bare yield reaches the Task, which takes None as 'run me again soon'",
        "code": """
class Countdown:
    def __init__(self, start):
        self.start = start

    def __await__(self):
        said = []
        n = self.start
        while n > 0:
            said.append(n)
            n -= 1
            yield
        return said
""",
    },
    {
        "exercise": "awaitables.countdown",
        "label": "a generator __await__ that yields from asyncio.sleep(0).__await__()",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
class Countdown:
    def __init__(self, start):
        self.start = start

    def __await__(self):
        said = []
        for n in reversed(range(1, self.start + 1)):
            said.append(n)
            yield from asyncio.sleep(0).__await__()
        return said
""",
    },
    {
        "exercise": "awaitables.countdown",
        "label": "types.coroutine for the pause, a dataclass for the state",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
import dataclasses
import types

@types.coroutine
def pause():
    yield

@dataclasses.dataclass
class Countdown:
    start: int

    def __await__(self):
        return self._run().__await__()

    async def _run(self):
        out = []
        for n in range(self.start, 0, -1):
            out.append(n)
            await pause()
        return out
""",
    },
    {
        "exercise": "awaitables.countdown",
        "label": "a new Task for every await (ensure_future(...).__await__())",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
class Countdown:
    def __init__(self, start):
        self.start = start

    async def _numbers(self):
        numbers = []
        for n in range(self.start, 0, -1):
            numbers.append(n)
            await asyncio.sleep(0)
        return numbers

    def __await__(self):
        return asyncio.ensure_future(self._numbers()).__await__()
""",
    },
    {
        "exercise": "awaitables.countdown",
        "label": "__await__ assigned from a lambda, a list built with sleep(0, result=n)",
        "kind": "other style",
        "verdict": "pass",
        "code": """
class Countdown:
    def __init__(self, start):
        self.start = start

    async def _go(self):
        return [await asyncio.sleep(0, result=n) for n in range(self.start, 0, -1)]

    __await__ = lambda self: self._go().__await__()
""",
    },
    # ------------------------------------------------------------------ countdown: wrong
    {
        "exercise": "awaitables.countdown",
        "label": "a pause between the numbers, none after the last",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "lets other tasks run",
        "message": "after each of the 4 numbers",
        "code": """
class Countdown:
    def __init__(self, start):
        self.start = start

    def __await__(self):
        return self.count().__await__()

    async def count(self):
        said = []
        for n in range(self.start, 0, -1):
            if said:
                await asyncio.sleep(0)
            said.append(n)
        return said
""",
    },
    {
        "exercise": "awaitables.countdown",
        "label": "the starter: a numbers() method, no __await__",
        "kind": "misconception",
        "verdict": "fail",
        "check": "counts down",
        "message": "is not awaitable",
        "code": """
class Countdown:
    def __init__(self, start):
        self.start = start

    def numbers(self):
        return list(range(self.start, 0, -1))
""",
    },
    {
        "exercise": "awaitables.countdown",
        "label": "async def __await__",
        "kind": "misconception",
        "verdict": "fail",
        "check": "counts down",
        "message": "must return an iterator",
        "code": """
class Countdown:
    def __init__(self, start):
        self.start = start

    async def __await__(self):
        said = []
        for n in range(self.start, 0, -1):
            said.append(n)
            await asyncio.sleep(0)
        return said
""",
    },
    {
        "exercise": "awaitables.countdown",
        "label": "yields each number to the event loop",
        "kind": "misconception",
        "verdict": "fail",
        "check": "counts down",
        "message": "only accepts None",
        "code": """
class Countdown:
    def __init__(self, start):
        self.start = start

    def __await__(self):
        said = []
        for n in range(self.start, 0, -1):
            said.append(n)
            yield n
        return said
""",
    },
    {
        "exercise": "awaitables.countdown",
        "label": "one sleep(0) at the end instead of after each number",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "lets other tasks run",
        "message": "got 1 turn(s)",
        "code": """
class Countdown:
    def __init__(self, start):
        self.start = start

    def __await__(self):
        return self.count().__await__()

    async def count(self):
        said = list(range(self.start, 0, -1))
        await asyncio.sleep(0)
        return said
""",
    },
    {
        "exercise": "awaitables.countdown",
        "label": "time.sleep(0) instead of asyncio.sleep(0)",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "lets other tasks run",
        "message": "never let the event loop run anything else",
        "code": """
import time

class Countdown:
    def __init__(self, start):
        self.start = start

    def __await__(self):
        return self.count().__await__()

    async def count(self):
        said = []
        for n in range(self.start, 0, -1):
            said.append(n)
            time.sleep(0)
        return said
""",
    },
    {
        "exercise": "awaitables.countdown",
        "label": "range(self.start, -1, -1): counts down to 0",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "counts down",
        "message": "should give [3, 2, 1]",
        "code": """
class Countdown:
    def __init__(self, start):
        self.start = start

    def __await__(self):
        return self.count().__await__()

    async def count(self):
        said = []
        for n in range(self.start, -1, -1):
            said.append(n)
            await asyncio.sleep(0)
        return said
""",
    },
    {
        "exercise": "awaitables.countdown",
        "label": "the coroutine made once in __init__: a second await fails",
        "kind": "misconception",
        "verdict": "fail",
        "check": "can be awaited again",
        "message": "cannot reuse already awaited coroutine",
        "code": """
class Countdown:
    def __init__(self, start):
        self.start = start
        self._coro = self.count()

    def __await__(self):
        return self._coro.__await__()

    async def count(self):
        said = []
        for n in range(self.start, 0, -1):
            said.append(n)
            await asyncio.sleep(0)
        return said
""",
    },
    {
        "exercise": "awaitables.countdown",
        "label": "a Task started in __init__: the second await only repeats the first result",
        "kind": "leak",
        "verdict": "fail",
        "check": "can be awaited again",
        "message": "count again",
        "note": "creating a Countdown starts it (and leaves it running if nobody awaits it); awaiting again does not count",
        "code": """
class Countdown:
    def __init__(self, start):
        self.start = start
        self._task = asyncio.ensure_future(self.count())

    def __await__(self):
        return self._task.__await__()

    async def count(self):
        said = []
        for n in range(self.start, 0, -1):
            said.append(n)
            await asyncio.sleep(0)
        return said
""",
    },
    {
        "exercise": "awaitables.countdown",
        "label": "the list remembered after the first await and handed back at once",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "can be awaited again",
        "message": "count again",
        "code": """
class Countdown:
    def __init__(self, start):
        self.start = start
        self.said = None

    def __await__(self):
        if self.said is None:
            self.said = []
            for n in range(self.start, 0, -1):
                self.said.append(n)
                yield
        return self.said
""",
    },
    {
        "exercise": "awaitables.countdown",
        "label": "the notebook's [3, 2, 1] returned whatever start is",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "counts down",
        "message": "`await Countdown(1)` should give [1]",
        "code": """
class Countdown:
    def __init__(self, start):
        self.start = start

    def __await__(self):
        return self.count().__await__()

    async def count(self):
        for _ in range(3):
            await asyncio.sleep(0)
        return [3, 2, 1]
""",
    },
    {
        "exercise": "awaitables.countdown",
        "label": "returns a tuple",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "counts down",
        "message": "but it gave (3, 2, 1)",
        "code": """
class Countdown:
    def __init__(self, start):
        self.start = start

    def __await__(self):
        return self.count().__await__()

    async def count(self):
        said = ()
        for n in range(self.start, 0, -1):
            said += (n,)
            await asyncio.sleep(0)
        return said
""",
    },
    # ------------------------------------------------------------------ await-all: correct
    {
        "exercise": "awaitables.await-all",
        "label": "the hints: ensure_future the awaitables by index, then await in order",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
async def await_all(items):
    started = {}
    for i, item in enumerate(items):
        if inspect.isawaitable(item):
            started[i] = asyncio.ensure_future(item)
    results = []
    for i, item in enumerate(items):
        results.append(await started[i] if i in started else item)
    return results
""",
    },
    {
        "exercise": "awaitables.await-all",
        "label": "gather everything, plain values wrapped in a coroutine",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def _as_is(value):
    return value

async def await_all(items):
    return await asyncio.gather(*(x if inspect.isawaitable(x) else _as_is(x) for x in items))
""",
    },
    {
        "exercise": "awaitables.await-all",
        "label": "a TaskGroup, each awaitable wrapped in a coroutine so create_task takes it",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def await_all(items):
    async def wait_for_it(a):
        return await a

    slots = []
    async with asyncio.TaskGroup() as tg:
        for item in items:
            if inspect.isawaitable(item):
                slots.append((True, tg.create_task(wait_for_it(item))))
            else:
                slots.append((False, item))
    return [value.result() if started else value for started, value in slots]
""",
    },
    {
        "exercise": "awaitables.await-all",
        "label": "collections.abc.Awaitable, gather only the awaitables, then stitch back with an iterator",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
from collections.abc import Awaitable

async def await_all(items):
    awaited = iter(await asyncio.gather(*[x for x in items if isinstance(x, Awaitable)]))
    return [next(awaited) if isinstance(x, Awaitable) else x for x in items]
""",
    },
    {
        "exercise": "awaitables.await-all",
        "label": "asyncio.wait on the futures, then results by position",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def await_all(items):
    futures = [asyncio.ensure_future(x) if inspect.isawaitable(x) else None for x in items]
    pending = [f for f in futures if f is not None]
    if pending:
        await asyncio.wait(pending)
    return [f.result() if f is not None else x for f, x in zip(futures, items)]
""",
    },
    # ------------------------------------------------------------------ await-all: wrong
    {
        "exercise": "awaitables.await-all",
        "label": "asyncio.wait_for with a timeout around the gather",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "awaitables wait together",
        "message": "a time limit of its own",
        "code": """
async def await_all(items):
    async def as_is(x):
        return x

    gathered = asyncio.gather(*(x if inspect.isawaitable(x) else as_is(x) for x in items))
    return await asyncio.wait_for(gathered, timeout=60)
""",
    },
    {
        "exercise": "awaitables.await-all",
        "label": "asyncio.wait given the coroutines themselves (refused since Python 3.11)",
        "kind": "platform shortcut",
        "verdict": "fail",
        "check": "every kind of awaitable",
        "message": "TypeError",
        "code": """
async def await_all(items):
    waiting = [x for x in items if inspect.isawaitable(x)]
    if waiting:
        await asyncio.wait(waiting)
    return [x.result() if asyncio.isfuture(x) else x for x in items]
""",
    },
    {
        "exercise": "awaitables.await-all",
        "label": "the starter: await every item",
        "kind": "misconception",
        "verdict": "fail",
        "check": "plain values pass through",
        "message": "values that cannot be awaited should come back as they are",
        "code": """
async def await_all(items):
    results = []
    for item in items:
        results.append(await item)
    return results
""",
    },
    {
        "exercise": "awaitables.await-all",
        "label": "isawaitable, but each awaited in turn",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "awaitables wait together",
        "message": "each one only started after the previous one had finished",
        "code": """
async def await_all(items):
    return [await item if inspect.isawaitable(item) else item for item in items]
""",
    },
    {
        "exercise": "awaitables.await-all",
        "label": "create_task for every awaitable: Futures and objects with __await__ refused",
        "kind": "misconception",
        "verdict": "fail",
        "check": "every kind of awaitable",
        "message": "TypeError",
        "code": """
async def await_all(items):
    tasks = [asyncio.create_task(x) if inspect.isawaitable(x) else x for x in items]
    return [await t if inspect.isawaitable(t) else t for t in tasks]
""",
    },
    {
        "exercise": "awaitables.await-all",
        "label": "only coroutines count as awaitable (inspect.iscoroutine)",
        "kind": "misconception",
        "verdict": "fail",
        "check": "every kind of awaitable",
        "message": "instead of its result",
        "code": """
async def await_all(items):
    coros = [x for x in items if inspect.iscoroutine(x)]
    done = iter(await asyncio.gather(*coros))
    return [next(done) if inspect.iscoroutine(x) else x for x in items]
""",
    },
    {
        "exercise": "awaitables.await-all",
        "label": "coroutines and futures, but not objects with __await__",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "every kind of awaitable",
        "message": "the object itself, not what awaiting it gives",
        "code": """
async def await_all(items):
    def can_await(x):
        return asyncio.iscoroutine(x) or asyncio.isfuture(x)

    futs = {i: asyncio.ensure_future(x) for i, x in enumerate(items) if can_await(x)}
    return [await futs[i] if i in futs else x for i, x in enumerate(items)]
""",
    },
    {
        "exercise": "awaitables.await-all",
        "label": "as_completed: results in the order they finish",
        "kind": "order lost",
        "verdict": "fail",
        "check": "awaitables wait together",
        "message": "in the order of the items",
        "code": """
async def await_all(items):
    plain = [x for x in items if not inspect.isawaitable(x)]
    done = [await f for f in asyncio.as_completed([x for x in items if inspect.isawaitable(x)])]
    return done + plain if len(plain) < len(items) else plain
""",
    },
    {
        "exercise": "awaitables.await-all",
        "label": "FIRST_COMPLETED: returns while the rest still run",
        "kind": "leak",
        "verdict": "fail",
        "check": "awaitables wait together",
        "message": "still pending",
        "code": """
async def await_all(items):
    futs = [asyncio.ensure_future(x) if inspect.isawaitable(x) else x for x in items]
    started = [f for f in futs if asyncio.isfuture(f) and f not in items]
    if started:
        await asyncio.wait(started, return_when=asyncio.FIRST_COMPLETED)
    return [f.result() if asyncio.isfuture(f) and f.done() else f for f in futs]
""",
    },
    {
        "exercise": "awaitables.await-all",
        "label": "range(1, len(items)): the first item is lost",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "plain values pass through",
        "code": """
async def await_all(items):
    started = {i: asyncio.ensure_future(items[i]) for i in range(1, len(items)) if inspect.isawaitable(items[i])}
    return [await started[i] if i in started else items[i] for i in range(1, len(items))]
""",
    },
    {
        "exercise": "awaitables.await-all",
        "label": "numbers and strings are plain, everything else is awaited",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "plain values pass through",
        "message": "TypeError",
        "note": "fits 42 in the lesson's example; None and lists are plain values too",
        "code": """
async def await_all(items):
    plain = (int, float, str)
    futs = [x if isinstance(x, plain) else asyncio.ensure_future(x) for x in items]
    return [x if isinstance(x, plain) else await x for x in futs]
""",
    },
    {
        "exercise": "awaitables.await-all",
        "label": "start everything, sleep 'long enough', read the results",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "awaitables wait together",
        "message": "a result was read before the download had finished",
        "note": "fits the example's quick downloads, not awaitables of unknown length",
        "code": """
async def await_all(items):
    futs = [asyncio.ensure_future(x) if inspect.isawaitable(x) else None for x in items]
    await asyncio.sleep(0.5)
    return [f.result() if f is not None else x for f, x in zip(futs, items)]
""",
    },
    {
        "exercise": "awaitables.await-all",
        "label": "asyncio.run for each awaitable, as in a script",
        "kind": "platform shortcut",
        "verdict": "fail",
        "platforms": ["cpython"],
        "check": "every kind of awaitable",
        "message": "RuntimeError",
        "code": """
async def await_all(items):
    async def wait(a):
        return await a
    return [asyncio.run(wait(x)) if inspect.isawaitable(x) else x for x in items]
""",
    },
    # From the first answer set (issue13c).
    {
        "exercise": 'awaitables.countdown',
        "label": 'reference solution (delegates to a coroutine)',
        "kind": 'lesson helper',
        "verdict": 'pass',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording
class Countdown:
    def __init__(self, start):
        self.start = start

    def __await__(self):
        return self.count().__await__()

    async def count(self):
        said = []
        for number in range(self.start, 0, -1):
            said.append(number)
            await asyncio.sleep(0)
        return said
""",
    },
    {
        "exercise": 'awaitables.countdown',
        "label": 'generator with bare yields',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording

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
    },
    {
        "exercise": 'awaitables.countdown',
        "label": 'yield from asyncio.sleep(0)',
        "kind": 'plain asyncio',
        "verdict": 'pass',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording

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
    },
    {
        "exercise": 'awaitables.countdown',
        "label": 'delegates to a module-level coroutine function',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording

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
    },
    {
        "exercise": 'awaitables.countdown',
        "label": 'starter',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'counts down',
        "message": '`Countdown(3)` is not awaitable',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording
class Countdown:
    def __init__(self, start):
        self.start = start

    def numbers(self):
        return list(range(self.start, 0, -1))
""",
    },
    {
        "exercise": 'awaitables.countdown',
        "label": 'async def __await__ (second set)',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'counts down',
        "message": '`__await__` must return an iterator',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording

class Countdown:
    def __init__(self, start):
        self.start = start
    async def __await__(self):
        return list(range(self.start, 0, -1))
""",
    },
    {
        "exercise": 'awaitables.countdown',
        "label": 'the coroutine is made once, in __init__',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'can be awaited again',
        "message": 'a second time raised RuntimeError: cannot reuse already awaited coroutine',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording

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
    },
    {
        "exercise": 'awaitables.countdown',
        "label": 'never lets the loop run',
        "kind": 'concurrency lost',
        "verdict": 'fail',
        "check": 'lets other tasks run',
        "message": 'got 0 turn(s) before the countdown had finished: the countdown never let',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording

class Countdown:
    def __init__(self, start):
        self.start = start
    def __await__(self):
        return list(range(self.start, 0, -1))
        yield
""",
    },
    {
        "exercise": 'awaitables.countdown',
        "label": 'pauses only between numbers',
        "kind": 'off-by-one',
        "verdict": 'fail',
        "check": 'lets other tasks run',
        "message": 'got 3 turn(s)',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording

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
    },
    {
        "exercise": 'awaitables.countdown',
        "label": 'yields the numbers to the event loop',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'counts down',
        "message": 'Task got bad yield',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording

class Countdown:
    def __init__(self, start):
        self.start = start
    def __await__(self):
        for n in range(self.start, 0, -1):
            yield n
        return list(range(self.start, 0, -1))
""",
    },
    {
        "exercise": 'awaitables.countdown',
        "label": 'a coroutine function, not a class',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'counts down',
        "message": 'expected `Countdown` to be a class',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording

async def Countdown(start):
    return list(range(start, 0, -1))
""",
    },
    {
        "exercise": 'awaitables.countdown',
        "label": 'counts up',
        "kind": 'order lost',
        "verdict": 'fail',
        "check": 'counts down',
        "message": '`await Countdown(3)` should give [3, 2, 1], but it gave [1, 2, 3]',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording

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
    },
    {
        "exercise": 'awaitables.countdown',
        "label": "types.coroutine: a generator-based coroutine function as __await__'s helper",
        "kind": 'other standard library',
        "verdict": 'pass',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording

import types

@types.coroutine
def _turn():
    yield

class Countdown:
    def __init__(self, start):
        self.start = start

    def __await__(self):
        said = []
        for number in range(self.start, 0, -1):
            said.append(number)
            yield from _turn()
        return said
""",
    },
    {
        "exercise": 'awaitables.await-all',
        "label": 'reference solution (ensure_future)',
        "kind": 'lesson helper',
        "verdict": 'pass',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording
import asyncio
import inspect

async def await_all(items):
    started = {}
    for i, item in enumerate(items):
        if inspect.isawaitable(item):
            started[i] = asyncio.ensure_future(item)  # any awaitable, started now
    results = []
    for i, item in enumerate(items):
        results.append(await started[i] if i in started else item)
    return results
""",
    },
    {
        "exercise": 'awaitables.await-all',
        "label": 'gather the awaitables, then merge',
        "kind": 'plain asyncio',
        "verdict": 'pass',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording

async def await_all(items):
    awaitables = [item for item in items if inspect.isawaitable(item)]
    results = iter(await asyncio.gather(*awaitables))
    return [next(results) if inspect.isawaitable(item) else item for item in items]
""",
    },
    {
        "exercise": 'awaitables.await-all',
        "label": 'TaskGroup with a small wrapper coroutine',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording

async def await_all(items):
    async def wait_for(thing):
        return await thing
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(wait_for(item)) if inspect.isawaitable(item) else None for item in items]
    return [task.result() if task is not None else item for task, item in zip(tasks, items)]
""",
    },
    {
        "exercise": 'awaitables.await-all',
        "label": 'gather with a wrapper for every item',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording

async def await_all(items):
    async def value_of(item):
        return await item if inspect.isawaitable(item) else item
    return list(await asyncio.gather(*(value_of(item) for item in items)))
""",
    },
    {
        "exercise": 'awaitables.await-all',
        "label": 'starter',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'plain values pass through',
        "message": 'raised TypeError',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording
async def await_all(items):
    results = []
    for item in items:
        results.append(await item)
    return results
""",
    },
    {
        "exercise": 'awaitables.await-all',
        "label": 'one after the other',
        "kind": 'concurrency lost',
        "verdict": 'fail',
        "check": 'awaitables wait together',
        "message": 'at most 1 ran at once: each one only started after the previous one had finished',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording

async def await_all(items):
    return [await item if inspect.isawaitable(item) else item for item in items]
""",
    },
    {
        "exercise": 'awaitables.await-all',
        "label": 'create_task for every awaitable',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'every kind of awaitable',
        "message": 'raised TypeError: a coroutine was expected',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording

async def await_all(items):
    started = [asyncio.create_task(item) if inspect.isawaitable(item) else item for item in items]
    return [await s if inspect.isawaitable(s) else s for s in started]
""",
    },
    {
        "exercise": 'awaitables.await-all',
        "label": 'gather(*items)',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'plain values pass through',
        "message": 'values that cannot be awaited should come back as they are',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording

async def await_all(items):
    return await asyncio.gather(*items)
""",
    },
    {
        "exercise": 'awaitables.await-all',
        "label": 'knows only coroutines and futures',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'every kind of awaitable',
        "message": 'item 3 (an object with __await__) should give what awaiting it gives',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording

async def await_all(items):
    started = [asyncio.ensure_future(i) if asyncio.iscoroutine(i) or asyncio.isfuture(i) else i for i in items]
    return [await s if asyncio.isfuture(s) else s for s in started]
""",
    },
    {
        "exercise": 'awaitables.await-all',
        "label": 'not a coroutine function',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'plain values pass through',
        "message": 'expected `await_all` to be a coroutine function',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording

def await_all(items):
    return list(items)
""",
    },
    {
        "exercise": 'awaitables.await-all',
        "label": 'returns before the work is done',
        "kind": 'leak',
        "verdict": 'fail',
        "check": 'every kind of awaitable',
        "message": 'item 0 (a coroutine) should give what awaiting it gives',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording

async def await_all(items):
    started = [asyncio.ensure_future(i) if inspect.isawaitable(i) else i for i in items]
    return [s.result() if asyncio.isfuture(s) and s.done() else s for s in started]
""",
    },
    {
        "exercise": 'awaitables.await-all',
        "label": 'collections.abc.Awaitable and asyncio.wait',
        "kind": 'other standard library',
        "verdict": 'pass',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording

import collections.abc

async def await_all(items):
    futures = {i: asyncio.ensure_future(x) for i, x in enumerate(items) if isinstance(x, collections.abc.Awaitable) or inspect.isawaitable(x)}
    if futures:
        await asyncio.wait(futures.values())
    return [futures[i].result() if i in futures else x for i, x in enumerate(items)]
""",
    },
    {
        "exercise": 'awaitables.await-all',
        "label": 'results in finishing order',
        "kind": 'order lost',
        "verdict": 'fail',
        "check": 'every kind of awaitable',
        "code": """import asyncio, inspect
from asyncio_lab.sim import fake_download, recording

async def await_all(items):
    futures = [asyncio.ensure_future(x) for x in items if inspect.isawaitable(x)]
    done = [await f for f in asyncio.as_completed(futures)]
    return [x for x in items if not inspect.isawaitable(x)] + done
""",
    },
]
