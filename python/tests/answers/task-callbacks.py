"""Answer set of lesson 04 (task callbacks); the format is described in ../test_answers.py."""

ANSWERS = [
    {
        "exercise": 'task-callbacks.watch',
        "label": 'partial-positional',
        "kind": 'other standard library',
        "verdict": 'pass',
        "code": '''import asyncio
from asyncio_lab.sim import fake_download
import functools

def note_outcome(log, label, task):
    """Append one line about how `task` ended to the list `log` (leave this as it is)."""
    if task.cancelled():
        log.append(f"{label}: cancelled")
    elif task.exception() is not None:
        log.append(f"{label}: failed with {type(task.exception()).__name__}")
    else:
        log.append(f"{label}: {task.result()}")

def watch(task, log, label):
    task.add_done_callback(functools.partial(note_outcome, log, label))
''',
    },
    {
        "exercise": 'task-callbacks.watch',
        "label": 'lambda',
        "kind": 'other style',
        "verdict": 'pass',
        "code": '''import asyncio
from asyncio_lab.sim import fake_download
import functools

def note_outcome(log, label, task):
    """Append one line about how `task` ended to the list `log` (leave this as it is)."""
    if task.cancelled():
        log.append(f"{label}: cancelled")
    elif task.exception() is not None:
        log.append(f"{label}: failed with {type(task.exception()).__name__}")
    else:
        log.append(f"{label}: {task.result()}")

def watch(task, log, label):
    task.add_done_callback(lambda t: note_outcome(log, label, t))
''',
    },
    {
        "exercise": 'task-callbacks.watch',
        "label": 'partial-task-first-callback',
        "kind": 'other standard library',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.sim import fake_download

import functools
def note_outcome(task, *, log, label):
    if task.cancelled():
        log.append(f"{label}: cancelled")
    elif task.exception() is not None:
        log.append(f"{label}: failed with {type(task.exception()).__name__}")
    else:
        log.append(f"{label}: {task.result()}")

def watch(task, log, label):
    task.add_done_callback(functools.partial(note_outcome, log=log, label=label))
""",
    },
    {
        "exercise": 'task-callbacks.watch',
        "label": 'closure',
        "kind": 'other style',
        "verdict": 'pass',
        "code": '''import asyncio
from asyncio_lab.sim import fake_download
import functools

def note_outcome(log, label, task):
    """Append one line about how `task` ended to the list `log` (leave this as it is)."""
    if task.cancelled():
        log.append(f"{label}: cancelled")
    elif task.exception() is not None:
        log.append(f"{label}: failed with {type(task.exception()).__name__}")
    else:
        log.append(f"{label}: {task.result()}")


def watch(task, log, label):
    def done(t):
        note_outcome(log, label, t)
    task.add_done_callback(done)
''',
    },
    {
        "exercise": 'task-callbacks.keep-track',
        "label": 'discard',
        "kind": 'lesson helper',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.sim import fake_download
def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    running.add(task)
    task.add_done_callback(running.discard)
    return task
""",
    },
    {
        "exercise": 'task-callbacks.keep-track',
        "label": 'remove',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.sim import fake_download

def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    running.add(task)
    task.add_done_callback(running.remove)
    return task
""",
    },
    {
        "exercise": 'task-callbacks.keep-track',
        "label": 'lambda',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.sim import fake_download

def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    running.add(task)
    task.add_done_callback(lambda t: running.discard(t))
    return task
""",
    },
    {
        "exercise": 'task-callbacks.keep-track',
        "label": 'partial-set-discard',
        "kind": 'other standard library',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.sim import fake_download

import functools
def start_tracked(coro, running):
    task = asyncio.ensure_future(coro)
    task.add_done_callback(functools.partial(set.discard, running))
    running.add(task)
    return task
""",
    },
    {
        "exercise": 'task-callbacks.watch',
        "label": 'starter-keyword-partial',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'logs a finished task with its label',
        "message": "got multiple values for argument 'log'",
        "code": '''import asyncio
from asyncio_lab.sim import fake_download
import functools

def note_outcome(log, label, task):
    """Append one line about how `task` ended to the list `log` (leave this as it is)."""
    if task.cancelled():
        log.append(f"{label}: cancelled")
    elif task.exception() is not None:
        log.append(f"{label}: failed with {type(task.exception()).__name__}")
    else:
        log.append(f"{label}: {task.result()}")

def watch(task, log, label):
    task.add_done_callback(functools.partial(note_outcome, log=log, label=label))
''',
    },
    {
        "exercise": 'task-callbacks.watch',
        "label": 'callback-without-task',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'logs a finished task with its label',
        "message": 'TypeError',
        "code": '''import asyncio
from asyncio_lab.sim import fake_download
import functools

def note_outcome(log, label, task):
    """Append one line about how `task` ended to the list `log` (leave this as it is)."""
    if task.cancelled():
        log.append(f"{label}: cancelled")
    elif task.exception() is not None:
        log.append(f"{label}: failed with {type(task.exception()).__name__}")
    else:
        log.append(f"{label}: {task.result()}")

def watch(task, log, label):
    task.add_done_callback(lambda: note_outcome(log, label, task))
''',
    },
    {
        "exercise": 'task-callbacks.watch',
        "label": 'async-callback',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'logs a finished task with its label',
        "message": 'never awaited',
        "code": '''import asyncio
from asyncio_lab.sim import fake_download
import functools

def note_outcome(log, label, task):
    """Append one line about how `task` ended to the list `log` (leave this as it is)."""
    if task.cancelled():
        log.append(f"{label}: cancelled")
    elif task.exception() is not None:
        log.append(f"{label}: failed with {type(task.exception()).__name__}")
    else:
        log.append(f"{label}: {task.result()}")

def watch(task, log, label):
    async def done(t):
        note_outcome(log, label, t)
    task.add_done_callback(done)
''',
    },
    {
        "exercise": 'task-callbacks.watch',
        "label": 'async-watch',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'logs a finished task with its label',
        "message": 'plain function',
        "code": '''import asyncio
from asyncio_lab.sim import fake_download
import functools

def note_outcome(log, label, task):
    """Append one line about how `task` ended to the list `log` (leave this as it is)."""
    if task.cancelled():
        log.append(f"{label}: cancelled")
    elif task.exception() is not None:
        log.append(f"{label}: failed with {type(task.exception()).__name__}")
    else:
        log.append(f"{label}: {task.result()}")

async def watch(task, log, label):
    await task
    note_outcome(log, label, task)
''',
    },
    {
        "exercise": 'task-callbacks.watch',
        "label": 'nothing-attached',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'logs failures and cancellations',
        "message": 'nothing was logged',
        "code": '''import asyncio
from asyncio_lab.sim import fake_download
import functools

def note_outcome(log, label, task):
    """Append one line about how `task` ended to the list `log` (leave this as it is)."""
    if task.cancelled():
        log.append(f"{label}: cancelled")
    elif task.exception() is not None:
        log.append(f"{label}: failed with {type(task.exception()).__name__}")
    else:
        log.append(f"{label}: {task.result()}")

def watch(task, log, label):
    pass
''',
    },
    {
        "exercise": 'task-callbacks.watch',
        "label": 'missing',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'logs a finished task with its label',
        "message": 'is not defined',
        "code": """import asyncio
from asyncio_lab.sim import fake_download
x = 1
""",
    },
    {
        "exercise": 'task-callbacks.keep-track',
        "label": 'starter',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'finished tasks leave the set',
        "message": 'stayed',
        "code": """import asyncio
from asyncio_lab.sim import fake_download
def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    running.add(task)
    return task
""",
    },
    {
        "exercise": 'task-callbacks.keep-track',
        "label": 'try-finally-in-coroutine',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'cancelled tasks leave the set',
        "message": 'before it ever ran',
        "code": """import asyncio
from asyncio_lab.sim import fake_download

def start_tracked(coro, running):
    async def tracked():
        try:
            return await coro
        finally:
            running.discard(task)
    task = asyncio.create_task(tracked())
    running.add(task)
    return task
""",
    },
    {
        "exercise": 'task-callbacks.keep-track',
        "label": 'callback-without-argument',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'finished tasks leave the set',
        "message": 'a callback raised TypeError',
        "code": """import asyncio
from asyncio_lab.sim import fake_download

def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    running.add(task)
    task.add_done_callback(lambda: running.discard(task))
    return task
""",
    },
    {
        "exercise": 'task-callbacks.keep-track',
        "label": 'async-callback',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'finished tasks leave the set',
        "message": 'never awaited',
        "code": """import asyncio
from asyncio_lab.sim import fake_download

def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    running.add(task)
    async def forget(t):
        running.discard(t)
    task.add_done_callback(forget)
    return task
""",
    },
    {
        "exercise": 'task-callbacks.keep-track',
        "label": 'removed-too-early',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'returns the task, tracked while it runs',
        "message": 'right after the call',
        "code": """import asyncio
from asyncio_lab.sim import fake_download

def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    running.add(task)
    running.discard(task)
    return task
""",
    },
    {
        "exercise": 'task-callbacks.keep-track',
        "label": 'clears-everything',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'finished tasks leave the set',
        "message": 'other items',
        "code": """import asyncio
from asyncio_lab.sim import fake_download

def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    running.add(task)
    task.add_done_callback(lambda t: running.clear())
    return task
""",
    },
    {
        "exercise": 'task-callbacks.keep-track',
        "label": 'async-def',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'returns the task, tracked while it runs',
        "message": 'plain function',
        "code": """import asyncio
from asyncio_lab.sim import fake_download
async def start_tracked(coro, running):
    return asyncio.create_task(coro)
""",
    },
    {
        "exercise": 'task-callbacks.watch',
        "label": 'a small callable class as the callback',
        "kind": 'other style',
        "verdict": 'pass',
        "code": '''import asyncio
import functools

def note_outcome(log, label, task):
    """Append one line about how `task` ended to the list `log` (leave this as it is)."""
    if task.cancelled():
        log.append(f"{label}: cancelled")
    elif task.exception() is not None:
        log.append(f"{label}: failed with {type(task.exception()).__name__}")
    else:
        log.append(f"{label}: {task.result()}")


class Noter:
    def __init__(self, log, label):
        self.log, self.label = log, label

    def __call__(self, task):
        note_outcome(self.log, self.label, task)

def watch(task, log, label):
    task.add_done_callback(Noter(log, label))
''',
    },
    {
        "exercise": 'task-callbacks.watch',
        "label": 'adds the callback twice',
        "kind": 'off-by-one',
        "verdict": 'fail',
        "check": 'one line per task, when it ends',
        "code": '''import asyncio
import functools

def note_outcome(log, label, task):
    """Append one line about how `task` ended to the list `log` (leave this as it is)."""
    if task.cancelled():
        log.append(f"{label}: cancelled")
    elif task.exception() is not None:
        log.append(f"{label}: failed with {type(task.exception()).__name__}")
    else:
        log.append(f"{label}: {task.result()}")


def watch(task, log, label):
    callback = functools.partial(note_outcome, log, label)
    task.add_done_callback(callback)
    task.add_done_callback(callback)
''',
    },
    {
        "exercise": 'task-callbacks.watch',
        "label": "the visible example's label hard-coded",
        "kind": 'hard-coded',
        "verdict": 'fail',
        "check": 'logs a finished task with its label',
        "code": '''import asyncio
import functools

def note_outcome(log, label, task):
    """Append one line about how `task` ended to the list `log` (leave this as it is)."""
    if task.cancelled():
        log.append(f"{label}: cancelled")
    elif task.exception() is not None:
        log.append(f"{label}: failed with {type(task.exception()).__name__}")
    else:
        log.append(f"{label}: {task.result()}")


def watch(task, log, label):
    task.add_done_callback(functools.partial(note_outcome, log, "download"))
''',
    },
    {
        "exercise": 'task-callbacks.watch',
        "label": 'scheduled with call_soon instead of added as a done callback',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'logs a finished task with its label',
        "code": '''import asyncio
import functools

def note_outcome(log, label, task):
    """Append one line about how `task` ended to the list `log` (leave this as it is)."""
    if task.cancelled():
        log.append(f"{label}: cancelled")
    elif task.exception() is not None:
        log.append(f"{label}: failed with {type(task.exception()).__name__}")
    else:
        log.append(f"{label}: {task.result()}")


def watch(task, log, label):
    asyncio.get_running_loop().call_soon(note_outcome, log, label, task)
''',
    },
    {
        "exercise": 'task-callbacks.keep-track',
        "label": 'asyncio.ensure_future and a lambda that discards',
        "kind": 'plain asyncio',
        "verdict": 'pass',
        "code": """
import asyncio

def start_tracked(coro, running):
    task = asyncio.ensure_future(coro)
    running.add(task)
    task.add_done_callback(lambda t: running.discard(t))
    return task
""",
    },
    {
        "exercise": 'task-callbacks.keep-track',
        "label": 'cancelled tasks stay in the set',
        "kind": 'leak',
        "verdict": 'fail',
        "check": 'cancelled tasks leave the set',
        "code": """
import asyncio

def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    running.add(task)
    task.add_done_callback(lambda t: None if t.cancelled() else running.discard(t))
    return task
""",
    },
    {
        "exercise": 'task-callbacks.keep-track',
        "label": 'a set of its own instead of the one given',
        "kind": 'hard-coded',
        "verdict": 'fail',
        "check": 'returns the task, tracked while it runs',
        "code": """
import asyncio

RUNNING = set()

def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    RUNNING.add(task)
    task.add_done_callback(RUNNING.discard)
    return task
""",
    },
]
