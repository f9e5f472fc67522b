"""Answer set of lesson 03 (awaitables); the format is described in ../test_answers.py."""

ANSWERS = [
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
        "label": 'async def __await__',
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
