"""Answer set of lesson 04 (task-callbacks); the format is described in ../test_answers.py."""

ANSWERS = [
    # ------------------------------------------------------------------ watch: correct
    {
        "exercise": "task-callbacks.watch",
        "label": "the hints: partial with log and label given positionally",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
import functools

def note_outcome(log, label, task):
    if task.cancelled():
        log.append(f"{label}: cancelled")
    elif task.exception() is not None:
        log.append(f"{label}: failed with {type(task.exception()).__name__}")
    else:
        log.append(f"{label}: {task.result()}")

def watch(task, log, label):
    task.add_done_callback(functools.partial(note_outcome, log, label))
""",
    },
    {
        "exercise": "task-callbacks.watch",
        "label": "a lambda that passes the task last",
        "kind": "other style",
        "verdict": "pass",
        "code": """
def note_outcome(log, label, task):
    if task.cancelled():
        log.append(f"{label}: cancelled")
    elif task.exception() is not None:
        log.append(f"{label}: failed with {type(task.exception()).__name__}")
    else:
        log.append(f"{label}: {task.result()}")

def watch(task, log, label):
    task.add_done_callback(lambda t: note_outcome(log, label, t))
""",
    },
    {
        "exercise": "task-callbacks.watch",
        "label": "a nested function calling note_outcome with keywords only",
        "kind": "other style",
        "verdict": "pass",
        "code": """
def note_outcome(log, label, task):
    if task.cancelled():
        log.append(f"{label}: cancelled")
    elif task.exception() is not None:
        log.append(f"{label}: failed with {type(task.exception()).__name__}")
    else:
        log.append(f"{label}: {task.result()}")

def watch(task, log, label):
    def on_done(finished):
        note_outcome(log=log, label=label, task=finished)
    task.add_done_callback(on_done)
""",
    },
    {
        "exercise": "task-callbacks.watch",
        "label": "a callable object holding log and label",
        "kind": "other style",
        "verdict": "pass",
        "code": """
def note_outcome(log, label, task):
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
""",
    },
    {
        "exercise": "task-callbacks.watch",
        "label": "a partial whose task is the only keyword, run in a copied context",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
import contextvars
import functools

def note_outcome(log, label, task):
    if task.cancelled():
        log.append(f"{label}: cancelled")
    elif task.exception() is not None:
        log.append(f"{label}: failed with {type(task.exception()).__name__}")
    else:
        log.append(f"{label}: {task.result()}")

def watch(task, log, label):
    callback = functools.partial(note_outcome, log, label)
    task.add_done_callback(callback, context=contextvars.copy_context())
""",
    },
    {
        "exercise": "task-callbacks.watch",
        "label": "a watcher task that awaits the task, then notes it",
        "kind": "plain asyncio",
        "verdict": "pass",
        "note": "not a done callback, but it logs once, when the task ends, and returns at once",
        "code": """
def note_outcome(log, label, task):
    if task.cancelled():
        log.append(f"{label}: cancelled")
    elif task.exception() is not None:
        log.append(f"{label}: failed with {type(task.exception()).__name__}")
    else:
        log.append(f"{label}: {task.result()}")

_watchers = set()

def watch(task, log, label):
    async def wait_then_note():
        await asyncio.wait([task])
        note_outcome(log, label, task)

    watcher = asyncio.ensure_future(wait_then_note())
    _watchers.add(watcher)
    watcher.add_done_callback(_watchers.discard)
""",
    },
    # ------------------------------------------------------------------ watch: wrong
    {
        "exercise": "task-callbacks.watch",
        "label": "the starter: log and label by keyword, so the task lands in log",
        "kind": "misconception",
        "verdict": "fail",
        "check": "logs a finished task with its label",
        "message": "a callback raised TypeError",
        "code": """
import functools

def note_outcome(log, label, task):
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
        "exercise": "task-callbacks.watch",
        "label": "calls note_outcome at once and passes what it returns",
        "kind": "misconception",
        "verdict": "fail",
        "check": "logs a finished task with its label",
        "message": "InvalidStateError",
        "code": """
def note_outcome(log, label, task):
    if task.cancelled():
        log.append(f"{label}: cancelled")
    elif task.exception() is not None:
        log.append(f"{label}: failed with {type(task.exception()).__name__}")
    else:
        log.append(f"{label}: {task.result()}")

def watch(task, log, label):
    task.add_done_callback(note_outcome(log, label, task))
""",
    },
    {
        "exercise": "task-callbacks.watch",
        "label": "async def watch that awaits the task",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "logs a finished task with its label",
        "message": "it is an `async def`",
        "code": """
def note_outcome(log, label, task):
    if task.cancelled():
        log.append(f"{label}: cancelled")
    elif task.exception() is not None:
        log.append(f"{label}: failed with {type(task.exception()).__name__}")
    else:
        log.append(f"{label}: {task.result()}")

async def watch(task, log, label):
    try:
        await task
    except BaseException:
        pass
    note_outcome(log, label, task)
""",
    },
    {
        "exercise": "task-callbacks.watch",
        "label": "an async def callback",
        "kind": "misconception",
        "verdict": "fail",
        "check": "logs a finished task with its label",
        "message": "only creates a coroutine",
        "code": """
def watch(task, log, label):
    async def on_done(t):
        if t.cancelled():
            log.append(f"{label}: cancelled")
        elif t.exception() is not None:
            log.append(f"{label}: failed with {type(t.exception()).__name__}")
        else:
            log.append(f"{label}: {t.result()}")
    task.add_done_callback(on_done)
""",
    },
    {
        "exercise": "task-callbacks.watch",
        "label": "its own callback that only knows success",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "logs failures and cancellations",
        "message": "a callback raised",
        "code": """
def watch(task, log, label):
    task.add_done_callback(lambda t: log.append(f"{label}: {t.result()}"))
""",
    },
    {
        "exercise": "task-callbacks.watch",
        "label": "cancelled tasks skipped",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "logs failures and cancellations",
        "message": "'gamma: cancelled'",
        "code": """
def note_outcome(log, label, task):
    if task.cancelled():
        log.append(f"{label}: cancelled")
    elif task.exception() is not None:
        log.append(f"{label}: failed with {type(task.exception()).__name__}")
    else:
        log.append(f"{label}: {task.result()}")

def watch(task, log, label):
    def on_done(t):
        if not t.cancelled():
            note_outcome(log, label, t)
    task.add_done_callback(on_done)
""",
    },
    {
        "exercise": "task-callbacks.watch",
        "label": "the callback attached twice (partial and lambda)",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "logs a finished task with its label",
        "message": "it got",
        "code": """
import functools

def note_outcome(log, label, task):
    if task.cancelled():
        log.append(f"{label}: cancelled")
    elif task.exception() is not None:
        log.append(f"{label}: failed with {type(task.exception()).__name__}")
    else:
        log.append(f"{label}: {task.result()}")

def watch(task, log, label):
    task.add_done_callback(functools.partial(note_outcome, log, label))
    task.add_done_callback(lambda t: note_outcome(log, label, t))
""",
    },
    {
        "exercise": "task-callbacks.watch",
        "label": "logs a line at once, then the outcome",
        "kind": "misconception",
        "verdict": "fail",
        "check": "one line per task, when it ends",
        "message": "expected nothing in the log before the tasks ended",
        "code": """
import functools

def note_outcome(log, label, task):
    if task.cancelled():
        log.append(f"{label}: cancelled")
    elif task.exception() is not None:
        log.append(f"{label}: failed with {type(task.exception()).__name__}")
    else:
        log.append(f"{label}: {task.result()}")

def watch(task, log, label):
    log.append(f"{label}: started")
    task.add_done_callback(functools.partial(note_outcome, log, label))
""",
    },
    {
        "exercise": "task-callbacks.watch",
        "label": "call_later: notes each task a moment after watch, in the order watched",
        "kind": "order lost",
        "verdict": "fail",
        "check": "one line per task, when it ends",
        "message": "in the order the tasks ended",
        "code": """
def note_outcome(log, label, task):
    if task.cancelled():
        log.append(f"{label}: cancelled")
    elif task.exception() is not None:
        log.append(f"{label}: failed with {type(task.exception()).__name__}")
    else:
        log.append(f"{label}: {task.result()}")

def watch(task, log, label):
    asyncio.get_running_loop().call_later(0.01, note_outcome, log, label, task)
""",
    },
    {
        "exercise": "task-callbacks.watch",
        "label": "the lines of try_watch's example, hard-coded",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "logs a finished task with its label",
        "message": "'alpha: result 7'",
        "code": """
EXPECTED = {"download": "contents of a.txt", "upload": "failed with ConnectionError", "backup": "cancelled"}

def watch(task, log, label):
    task.add_done_callback(lambda t: log.append(f"{label}: {EXPECTED.get(label, 'done')}"))
""",
    },
    {
        "exercise": "task-callbacks.watch",
        "label": "weakref.finalize: notes the task when it is garbage-collected",
        "kind": "platform shortcut",
        "verdict": "fail",
        "check": "logs a finished task with its label",
        "message": "expected the log to get 'alpha: result 7'",
        "note": "relies on the task being freed when it ends (CPython's reference counting); the line says nothing about how it ended",
        "code": """
import weakref

def watch(task, log, label):
    weakref.finalize(task, log.append, f"{label}: finished")
""",
    },
    # ------------------------------------------------------------------ keep-track: correct
    {
        "exercise": "task-callbacks.keep-track",
        "label": "the hints: running.discard as the done callback",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    running.add(task)
    task.add_done_callback(running.discard)
    return task
""",
    },
    {
        "exercise": "task-callbacks.keep-track",
        "label": "a lambda calling running.remove",
        "kind": "other style",
        "verdict": "pass",
        "code": """
def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    running.add(task)
    task.add_done_callback(lambda t: running.remove(t))
    return task
""",
    },
    {
        "exercise": "task-callbacks.keep-track",
        "label": "functools.partial(set.discard, running)",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
import functools

def start_tracked(coro, running):
    task = asyncio.ensure_future(coro)
    running.add(task)
    task.add_done_callback(functools.partial(set.discard, running))
    return task
""",
    },
    {
        "exercise": "task-callbacks.keep-track",
        "label": "the running loop's create_task, callback attached before adding",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
def start_tracked(coro, running):
    loop = asyncio.get_running_loop()
    task = loop.create_task(coro)
    task.add_done_callback(running.discard)
    running.add(task)
    return task
""",
    },
    {
        "exercise": "task-callbacks.keep-track",
        "label": "a named callback function that ignores a task already gone",
        "kind": "other style",
        "verdict": "pass",
        "code": """
def start_tracked(coro, running):
    def forget(finished):
        if finished in running:
            running.remove(finished)

    task = asyncio.create_task(coro, name="tracked")
    running.add(task)
    task.add_done_callback(forget)
    return task
""",
    },
    # ------------------------------------------------------------------ keep-track: wrong
    {
        "exercise": "task-callbacks.keep-track",
        "label": "the starter: never removed",
        "kind": "leak",
        "verdict": "fail",
        "check": "finished tasks leave the set",
        "message": "stayed in it",
        "code": """
def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    running.add(task)
    return task
""",
    },
    {
        "exercise": "task-callbacks.keep-track",
        "label": "try/finally in a wrapper coroutine: misses a task cancelled before it started",
        "kind": "misconception",
        "verdict": "fail",
        "check": "cancelled tasks leave the set",
        "message": "cancelled before it ever ran",
        "code": """
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
        "exercise": "task-callbacks.keep-track",
        "label": "discards the task right away",
        "kind": "misconception",
        "verdict": "fail",
        "check": "returns the task, tracked while it runs",
        "message": "was it called (with parentheses)",
        "code": """
def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    running.add(task)
    task.add_done_callback(running.discard(task))
    return task
""",
    },
    {
        "exercise": "task-callbacks.keep-track",
        "label": "running.clear as the callback",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "finished tasks leave the set",
        "message": "other items were removed too",
        "code": """
def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    running.add(task)
    task.add_done_callback(lambda _: running.clear())
    return task
""",
    },
    {
        "exercise": "task-callbacks.keep-track",
        "label": "async def that awaits the task before returning it",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "returns the task, tracked while it runs",
        "message": "it is an `async def`",
        "code": """
async def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    running.add(task)
    try:
        await task
    finally:
        running.discard(task)
    return task
""",
    },
    {
        "exercise": "task-callbacks.keep-track",
        "label": "a fresh set inside the function",
        "kind": "misconception",
        "verdict": "fail",
        "check": "returns the task, tracked while it runs",
        "message": "right after the call",
        "code": """
def start_tracked(coro, running):
    running = set(running)
    task = asyncio.create_task(coro)
    running.add(task)
    task.add_done_callback(running.discard)
    return task
""",
    },
    {
        "exercise": "task-callbacks.keep-track",
        "label": "returns what running.add returns",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "returns the task, tracked while it runs",
        "message": "it returned NoneType",
        "code": """
def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    task.add_done_callback(running.discard)
    return running.add(task)
""",
    },
    {
        "exercise": "task-callbacks.keep-track",
        "label": "discards the coroutine instead of the task",
        "kind": "leak",
        "verdict": "fail",
        "check": "finished tasks leave the set",
        "message": "stayed in it",
        "code": """
def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    running.add(task)
    task.add_done_callback(lambda _: running.discard(coro))
    return task
""",
    },
    {
        "exercise": "task-callbacks.keep-track",
        "label": "weakref.finalize to forget the task when it is freed (the set keeps it alive)",
        "kind": "platform shortcut",
        "verdict": "fail",
        "check": "finished tasks leave the set",
        "message": "stayed in it",
        "note": "counts on garbage collection, which the strong reference in the set prevents",
        "code": """
import weakref

def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    running.add(task)
    weakref.finalize(task, running.discard, task)
    return task
""",
    },
    {
        "exercise": "task-callbacks.keep-track",
        "label": "removes only when the task succeeded",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "finished tasks leave the set",
        "message": "a task that failed stayed in it",
        "code": """
def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    running.add(task)

    def done(t):
        if not t.cancelled() and t.exception() is None:
            running.discard(t)

    task.add_done_callback(done)
    return task
""",
    },
    # From the first answer set (issue13c).
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
