"""Record the life of every task while some code runs: the plain API under ``%%timeline``.

For each task: who created it, each step it ran (start, end), each suspension
(the learner's line, what it awaited) and how it ended (result, exception,
cancelled).  Usable without IPython::

    from asyncio_lab import tracer
    async with tracer.trace() as tr:
        await asyncio.gather(*(work(i) for i in range(3)))
    tr.timeline.peak_in_flight(), tr.timeline.to_bundle()

How it works, and why this way
------------------------------
A custom task factory (``loop.set_task_factory``) would be the obvious hook, but
on Pyodide's WebLoop every ``create_task`` then raises (WebLoop calls the removed
``asyncio.tasks._set_task_name``).  ``sys.monitoring`` is missing on 3.11 and
reports every coroutine of an await chain, not tasks.  Wrapping each task's
coroutine in a timing object works everywhere, but adds an object per task
that the garbage collector tracks, and with 10,000 tasks that alone tips a
cell into an extra full collection of the kernel's heap.

So the tracer hooks the two places every task passes through, and adds no
object per task:

* **creation**: while tracing, the *running loop instance* gets its own
  ``create_task`` attribute (``asyncio.create_task``, ``ensure_future``,
  ``gather`` and ``TaskGroup`` all go through it), which lets the loop make the
  task as usual and then notes its creator and time in flat columns;
* **steps**: a task's step is a callback the loop runs through
  ``asyncio.Handle._run``, on every loop (CPython's and Pyodide's WebLoop,
  which runs each handle from a JavaScript timer).  While tracing, that method
  is replaced by one that times the callbacks that are steps of a traced task
  (``TaskStepMethWrapper``, or the task's wakeup method) and runs every other
  callback as before.

The task keeps its own coroutine, so reprs, ``get_coro()`` and
``asyncio.capture_call_graph`` see exactly what they would without tracing.
Finished tasks are not held: what is kept of them is their times, result or
exception, and (for the tasks listed in a payload) their name.  When tracing
stops both hooks are removed; tasks still running go on untraced.

A task made by instantiating ``asyncio.Task(...)`` directly does not pass through
``create_task``: it is recorded from its first step, with no known creator.  The
first step of an eager task (3.12+ eager task factories) runs inside
``create_task`` and is timed as part of it.
"""

from __future__ import annotations

import asyncio
import gc
import reprlib
import sys
import time
import types
from asyncio import events, format_helpers
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import compress, count, islice, repeat
from operator import add, and_, ge, le, mul, ne, sub
from contextlib import asynccontextmanager, contextmanager
from typing import Any, AsyncIterator, Callable, Iterable

from . import _patch
from ._patch import Patches, describe_file, is_learner_file
from .mime import TIMELINE_MIME, TIMELINE_PAYLOAD_VERSION

__all__ = ["MAX_STEPS", "MAX_TASKS", "TaskRecord", "Timeline", "Tracer", "TracingError", "trace", "task_id"]

#: Tasks listed individually in a payload (in creation order); the rest are counted.
MAX_TASKS = 500
#: Steps kept per task; later steps are counted.
MAX_STEPS = 200
#: Buckets of the aggregate density strip.
BUCKETS = 100

_CoroutineType = types.CoroutineType
_repr = reprlib.Repr()
_repr.maxstring = 60
_repr.maxother = 60
_repr.maxlist = _repr.maxtuple = _repr.maxdict = _repr.maxset = 6


class TracingError(RuntimeError):
    """Tracing cannot start here (nested tracing, or a loop that cannot be patched)."""


_LEARNER_CACHE = _patch._LEARNER


def _suspension(coro: Any, yielded: Any) -> tuple:
    """(learner line, what is awaited, what was yielded) for a coroutine that just suspended."""
    learner = _LEARNER_CACHE.get
    fn = coro.cr_code.co_filename
    ok = learner(fn)
    if ok is None:
        ok = is_learner_file(fn)
    if not ok:
        # asyncio-lab's own runner (the cell's task): look further down for the learner's code
        c = coro.cr_await
        while type(c) is _CoroutineType:
            fn = c.cr_code.co_filename
            ok = learner(fn)
            if ok is None:
                ok = is_learner_file(fn)
            if ok:
                return _suspension(c, yielded)
            c = c.cr_await
        return (None, coro, yielded)
    c = coro
    nxt = c.cr_await
    while type(nxt) is _CoroutineType:
        fn = nxt.cr_code.co_filename
        ok = learner(fn)
        if ok is None:
            ok = is_learner_file(fn)
        if not ok:
            break
        c = nxt
        nxt = c.cr_await
    frame = c.cr_frame
    return (frame.f_lineno if frame is not None else None, nxt, yielded)


def _code_name(code: Any) -> str | None:
    return getattr(code, "co_qualname", getattr(code, "co_name", None)) if code is not None else None


#: What a cancelled task's exception slot holds in a recording.
_CANCELLED = object()


class TaskRecord:
    """What a recording saw of one task: a view on its :class:`Timeline`'s columns.

    ``id`` 0 is the cell's own code.  Made by the timeline when asked for:
    recording itself allocates no object per task.
    """

    __slots__ = ("_tl", "id")

    def __init__(self, timeline: "Timeline", id: int):
        self._tl = timeline
        self.id = id

    @property
    def parent(self) -> int | None:
        """The id of the traced task (0: the cell) that created this one, if any."""
        return self._tl._parents[self.id]

    @property
    def created(self) -> float:
        """The clock's time when the task was created."""
        return self._tl._created[self.id]

    @property
    def ended(self) -> float | None:
        """The clock's time when the task ended (None while pending)."""
        return self._tl._ended[self.id]

    @property
    def nsteps(self) -> int:
        """How many steps the task ran while recording (kept or not)."""
        return self._tl._nsteps[self.id]

    @property
    def state(self) -> str:
        """"pending", "done", "error" or "cancelled"."""
        if self._tl._ended[self.id] is None:
            return "pending"
        error = self._tl._errors.get(self.id)
        if error is None:
            return "done"
        return "cancelled" if error is _CANCELLED else "error"

    @property
    def value(self) -> Any:
        """The task's result (when done)."""
        return self._tl._values.get(self.id)

    @property
    def error(self) -> BaseException | None:
        """The exception that ended the task (error), or a CancelledError (cancelled)."""
        error = self._tl._errors.get(self.id)
        return asyncio.CancelledError() if error is _CANCELLED else error

    @property
    def task(self) -> asyncio.Task | None:
        """The task, if it was still pending when recording stopped (and the cell's task)."""
        return self._tl._tasks.get(self.id)

    @property
    def coro(self):
        """The coroutine of a task still pending (None once it has ended)."""
        task = self._tl._tasks.get(self.id)
        return task.get_coro() if task is not None and not task.done() else None

    @property
    def code(self):
        """The code object of the task's coroutine."""
        return self._tl._codes[self.id]

    @property
    def name(self) -> str:
        return self._tl._name(self.id)

    def __repr__(self) -> str:
        return f"<TaskRecord #{self.id} {self.name!r} {self.state}>"


# --------------------------------------------------------------------------- recording

_ACTIVE: "Tracer | None" = None

# The registry: one flat list, five slots per task id (REG = 5): created, parent,
# code, steps run, ended.  Id 0 is the cell's own task, if create_root_task made one.
# Floats, ints and shared code objects: nothing per task the garbage collector tracks,
# and one list.extend per task.
REG = 5
_CREATED, _PARENT, _CODE, _NSTEPS, _ENDED = range(REG)  # (_traced_run spells out 5 and 3)

# The active tracer's state, as module globals for the step hook (cheaper than
# attributes), set by _set_hot.
_HOT: "Tracer | None" = None
_now = time.perf_counter
_max_steps = MAX_STEPS
_max_tasks = MAX_TASKS
_reg: list = []
_log_add = [].extend
_log: list = []
_susp: dict = {}
_ids: dict = {}
_values: dict = {}
_errors: dict = {}
_names: dict = {}
# The id of the traced task whose step is running (the creator of any task made now).
_cur: int | None = None
# Tasks alive right now (the cell's own excepted), and the most at once so far.
_alive = 0
_peak = 0

_orig_run = events.Handle._run

# Callback types a task's step comes as: the C task's step wrapper (its type is not
# exported: learned when first seen), or a bound method (the C task's wakeup, a Python
# task's __step/__wakeup) whose name says so.
_STEP_TYPE: type | None = None
_BUILTIN_METHOD = types.BuiltinMethodType
_METHOD = types.MethodType
_STEP_NAMES = frozenset({"task_wakeup", "task_step", "__step", "__wakeup", "_Task__step", "_Task__wakeup"})


def _traced_run(self) -> None:
    """``asyncio.Handle._run`` while recording: time the steps of traced tasks.

    Every loop in the process runs its callbacks through here (other threads'
    loops too): anything that is not a step of a task in this recording is run
    by the original method.  The step itself runs exactly as ``Handle._run``
    runs it, in the handle's context.
    """
    global _cur, _alive, _STEP_TYPE
    __tracebackhide__ = True  # noqa: F841 (IPython hides this frame in tracebacks)
    cb = self._callback
    tp = type(cb)
    if tp is _STEP_TYPE or (tp is _BUILTIN_METHOD or tp is _METHOD) and cb.__name__ in _STEP_NAMES:
        task = cb.__self__
        rid = _ids.get(task)
        if rid is None and tp is _STEP_TYPE and _HOT is not None:
            rid = _adopt(task)
        if rid is not None:
            outer = _cur
            _cur = rid
            t0 = _now()
            try:
                if tp is _STEP_TYPE:  # (no arguments: no star-call to build)
                    self._context.run(cb)
                else:
                    self._context.run(cb, *self._args)
            except (SystemExit, KeyboardInterrupt):
                _cur = outer
                raise
            except BaseException as exc:  # (a task's step never raises)
                _callback_failed(self, exc)
            t1 = _now()
            _cur = outer
            k = rid * 5 + 3  # its slot in the registry: steps run (then ended); see REG
            n = _reg[k] + 1
            _reg[k] = n
            if task.done():
                if n <= _max_steps:
                    _log_add((rid, t0, t1))
                # the task's end, inlined (see _task_ended): most tasks end here
                _reg[k + 1] = t1
                del _ids[task]
                if rid:
                    _alive -= 1
                if task.cancelled():
                    _errors[rid] = _CANCELLED
                else:
                    error = task._exception  # not marked retrieved by reading it
                    if error is None:
                        _values[rid] = task._result
                    else:
                        _errors[rid] = error
                if rid <= _max_tasks:
                    _names[rid] = task.get_name()
            elif n <= _max_steps:
                _log_add((rid, t0, t1))
                if rid <= _max_tasks:
                    _susp[len(_log) // 3 - 1] = _suspension(task.get_coro(), getattr(task, "_fut_waiter", None))
            # Break the cycle a failed step would leave (its traceback's frames reach this
            # frame, whose locals would keep the task alive: no "never retrieved" report).
            task = cb = self = None  # noqa: F841
            return
    elif _STEP_TYPE is None and tp.__name__ == "TaskStepMethWrapper":
        _STEP_TYPE = tp
        return _traced_run(self)
    # Any other callback: what Handle._run does, here rather than through a call to it
    # (one Python call less for each of them).
    try:
        self._context.run(cb, *self._args)
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException as exc:
        _callback_failed(self, exc)
    cb = self = None  # as Handle._run does: break the cycles an exception would leave  # noqa: F841


def _adopt(task) -> int | None:
    """Record a task that did not pass through create_task (made by ``asyncio.Task(...)``
    directly) from its first step, if it is a task of the traced loop about to run
    that step; its creator is not known."""
    if task.get_loop() is not _HOT.loop:
        return None
    coro = task.get_coro()
    if type(coro) is not _CoroutineType or coro.cr_suspended or coro.cr_running or coro.cr_frame is None:
        return None  # not a first step: a task from before the recording
    return _register(task, _now(), None, coro.cr_code)


def _register(task, created: float, parent: int | None, code) -> int:
    """Give ``task`` the next id in the active recording (what the create_task hook does
    inline, for the tasks that come another way)."""
    global _alive, _peak
    rid = len(_reg) // REG
    _ids[task] = rid
    _reg.extend((created, parent, code, 0, None))
    _alive += 1
    if _alive > _peak:
        _peak = _alive
    return rid


def _callback_failed(handle, exc: BaseException) -> None:
    """Report a callback's exception to its loop, in the words ``Handle._run`` uses."""
    loop = handle._loop
    try:
        source = format_helpers._format_callback_source(handle._callback, handle._args, debug=loop.get_debug())
    except TypeError:  # 3.11: no debug argument
        source = format_helpers._format_callback_source(handle._callback, handle._args)
    context = {"message": f"Exception in callback {source}", "exception": exc, "handle": handle}
    if handle._source_traceback:
        context["source_traceback"] = handle._source_traceback
    loop.call_exception_handler(context)


def _task_ended(task, rid: int, t1: float) -> None:
    """Keep what a finished task leaves (time, result or exception, name); let the task go."""
    global _alive
    _reg[rid * REG + _ENDED] = t1
    if _ids.pop(task, None) is not None and rid:
        _alive -= 1
    if task.cancelled():
        _errors[rid] = _CANCELLED
    else:
        # Read without marking it retrieved: "exception was never retrieved" still
        # fires when the learner never looks.
        error = task._exception
        if error is None:
            _values[rid] = task._result
        else:
            _errors[rid] = error
    if rid <= _max_tasks:  # tasks listed in full keep their name
        _names[rid] = task.get_name()


def _set_hot(tr: "Tracer | None") -> None:
    global _HOT, _now, _max_steps, _max_tasks, _reg, _log, _log_add, _susp, _ids, _values, _errors, _names
    global _cur, _alive, _peak
    if _HOT is not None:  # hand back what the last recording counted
        _HOT.peak = _peak
    _HOT = tr
    _cur = None
    _alive = _peak = 0
    if tr is None:  # hold on to nothing of the last recording
        _reg, _log, _susp, _ids, _values, _errors, _names = [], [], {}, {}, {}, {}, {}
        _log_add = _log.extend
    else:
        _now = tr.now
        _max_steps = tr.max_steps
        _max_tasks = tr.max_tasks
        _reg, _log, _susp, _ids = tr.reg, tr.log, tr.susp, tr.ids
        _log_add = _log.extend
        _values, _errors, _names = tr.values, tr.errors, tr.names


def active() -> "Tracer | None":
    """The tracer recording right now, if any."""
    return _ACTIVE


def task_id(task) -> int | None:
    """The id the active recording gave ``task`` (0: the cell), or None."""
    tr = _ACTIVE
    if tr is None or task is None:
        return None
    rid = tr.ids.get(task)
    if rid is None:
        for rid, t in tr.tasks.items():
            if t is task:
                return rid
    return rid


class Tracer:
    """Records tasks created on ``loop`` between :meth:`start` and :meth:`stop`."""

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop | None = None,
        *,
        clock: Callable[[], float] | None = None,
        clock_kind: str = "real",
        max_tasks: int = MAX_TASKS,
        max_steps: int = MAX_STEPS,
    ):
        self.loop = loop or asyncio.get_running_loop()
        self.now = clock or time.perf_counter
        self.clock_kind = clock_kind
        self.max_tasks = max_tasks
        self.max_steps = max_steps
        self.active = False
        self.reg: list = [None, None, None, 0, None]  # see REG; slot 0 is the cell's
        self.values: dict[int, Any] = {}
        self.errors: dict[int, Any] = {}
        self.names: dict[int, str] = {}
        # task -> its id, for the traced tasks not yet ended.  Keyed by the task itself:
        # id() values are aligned addresses, which collide in a dict's low bits.
        self.ids: dict[int, int] = {}
        # Task objects kept: the cell's, and those still pending when recording stopped.
        self.tasks: dict[int, asyncio.Task] = {}
        self.has_cell = False
        self.nested = False
        self.peak: int | None = None  # most tasks alive at once (known once stopped)
        # The step log, in time order: step i ran task log[3i] from log[3i+1] to
        # log[3i+2]; susp[i] says what it then awaited (for the tasks listed in full).
        self.log: list = []
        self.susp: dict[int, tuple] = {}
        self.t0 = 0.0
        self.t1: float | None = None
        self._patches = Patches()
        self._orig_create_task = None
        self._timeline: Timeline | None = None

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> "Tracer":
        global _ACTIVE
        if _ACTIVE is not None:
            raise TracingError("a timeline is already being recorded; tracing cannot be nested")
        loop = self.loop
        orig = loop.create_task
        try:
            self._patches.set(loop, "create_task", self._make_create_task(orig))
        except AttributeError:
            raise TracingError(
                f"cannot trace tasks on {type(loop).__name__}: its create_task cannot be patched"
            ) from None
        self._patches.set(events.Handle, "_run", _traced_run)
        if sys.version_info < (3, 14):
            # asyncio.create_task only calls the running loop's create_task: while this
            # loop runs, do the hook's work in it directly (one Python call less per task).
            # Code holding the original function still reaches the loop's hook.
            shortcut = self._make_create_task(orig, module_fn=asyncio.tasks.create_task)
            self._patches.set(asyncio.tasks, "create_task", shortcut)
            self._patches.set(asyncio, "create_task", shortcut)
        self._orig_create_task = orig
        self.t0 = self.now()
        self.active = True
        _ACTIVE = self
        _set_hot(self)
        return self

    def stop(self) -> "Timeline":
        global _ACTIVE
        if self.active:
            self.t1 = self.now()
            self.active = False
            if _HOT is self:
                _set_hot(None)
            self._patches.restore()
            for task, rid in self.ids.items():  # those not ended: keep them (and so name them)
                self.tasks[rid] = task
            self.ids.clear()
            if _ACTIVE is self:
                _ACTIVE = None
        return self.timeline

    @property
    def timeline(self) -> "Timeline":
        """The timeline so far (final once stopped)."""
        if self._timeline is not None:
            return self._timeline
        tl = Timeline(self, self.now() if self.t1 is None else self.t1)
        if not self.active:
            self._timeline = tl
        return tl

    # ------------------------------------------------------------------ recording
    def _make_create_task(self, orig, module_fn=None):
        """The loop's create_task while recording: a closure, everything it needs in cells.

        With ``module_fn`` (the original ``asyncio.create_task``), the same for
        ``asyncio.create_task``: when another loop is running, that one is called.
        """
        tracer = self
        running_loop = events._get_running_loop
        loop = self.loop
        now = self.now
        ids = self.ids
        reg = self.reg
        add = reg.extend
        # The loop's own create_task is BaseEventLoop's: without a task factory or debug
        # mode it only makes the Task, so make it here (one Python call less per task).
        plain_loop = type(loop).create_task is asyncio.BaseEventLoop.create_task
        Task = asyncio.Task

        def create_task(coro, *, name=None, context=None):
            # (no **kwargs: that would build a dict for every call; see below for 3.14)
            global _alive, _peak
            __tracebackhide__ = True  # noqa: F841
            if module_fn is not None and running_loop() is not loop or _HOT is not tracer:
                if module_fn is not None:
                    return module_fn(coro, name=name, context=context)
                return orig(coro, name=name, context=context)
            t = now()
            if plain_loop and loop._task_factory is None and not loop._debug:
                task = Task(coro, loop=loop, name=name, context=context)
                eager = False
            else:
                task = orig(coro, name=name, context=context)
                eager = True  # a task factory may start it eagerly
            rid = len(reg) // REG
            ids[task] = rid
            add((t, _cur, coro.cr_code if type(coro) is _CoroutineType else getattr(coro, "gi_code", None), 0, None))
            _alive += 1
            if _alive > _peak:
                _peak = _alive
            if eager and (type(coro) is _CoroutineType and coro.cr_suspended or task.done()):
                tracer._eager_step(task, rid, t)
            return task

        if module_fn is None and sys.version_info >= (3, 14):  # more keywords (eager_start, ...)
            without_keywords = create_task

            def create_task(coro, *, name=None, context=None, **kwargs):  # noqa: F811
                __tracebackhide__ = True  # noqa: F841
                if not kwargs:
                    return without_keywords(coro, name=name, context=context)
                if _HOT is not tracer:
                    return orig(coro, name=name, context=context, **kwargs)
                t = now()
                task = orig(coro, name=name, context=context, **kwargs)
                tracer._note_created(task, coro, t)
                return task

        return create_task

    def _note_created(self, task, coro, t: float) -> None:
        """Record a task create_task just made (the slow path of the hook: extra keywords)."""
        code = coro.cr_code if type(coro) is _CoroutineType else getattr(coro, "gi_code", None)
        rid = _register(task, t, _cur, code)
        if type(coro) is _CoroutineType and coro.cr_suspended or task.done():
            self._eager_step(task, rid, t)

    def _eager_step(self, task, rid: int, t0: float) -> None:
        # The task ran its first step inside create_task (an eager task): log it as one.
        t1 = self.now()
        self.nested = True  # this step ran inside another one: the log is no longer in time order
        self.reg[rid * REG + _NSTEPS] = 1
        if self.max_steps >= 1:
            self.log.extend((rid, t0, t1))
        if task.done():
            _task_ended(task, rid, t1)

    def create_root_task(self, coro, *, name: str = "cell") -> asyncio.Task:
        """Run ``coro`` as a task recorded as id 0 (the cell's own code)."""
        factory = self._orig_create_task or self.loop.create_task
        t = self.now()
        task = factory(coro, name=name)
        self.reg[_CREATED] = t
        self.reg[_CODE] = getattr(coro, "cr_code", None)
        self.ids[task] = 0
        self.tasks[0] = task
        self.has_cell = True
        return task


@asynccontextmanager
async def trace(**options) -> AsyncIterator[Tracer]:
    """Record the tasks created inside the block; ``tracer.timeline`` afterwards.

    Options are those of :class:`Tracer` (``clock``, ``clock_kind``,
    ``max_tasks``, ``max_steps``).
    """
    tr = Tracer(asyncio.get_running_loop(), **options).start()
    try:
        yield tr
    finally:
        tr.stop()


# --------------------------------------------------------------------------- describing


_PRETTY = {
    "TaskGroup.__aexit__": "the end of `async with TaskGroup()` (its tasks)",
    "Timeout.__aexit__": "the end of `async with asyncio.timeout()`",
    "_wait": "asyncio.wait()",
}


def _qualname_label(coro) -> str:
    code = coro.cr_code
    name = getattr(code, "co_qualname", code.co_name)
    pretty = _PRETTY.get(name)
    if pretty:
        return pretty
    filename = code.co_filename.replace("\\", "/")
    if "/asyncio/" in filename and "." not in name:
        return f"asyncio.{name}()"
    return f"{name}()"


def describe_awaited(awaited: Any, yielded: Any) -> str:
    """Plain words for what a suspended coroutine waits for."""
    parts = []
    if type(awaited) is _CoroutineType:
        label = _qualname_label(awaited)
        if label == "asyncio.sleep()" and yielded is None:
            label = "asyncio.sleep(0): one turn of the loop"
        parts.append(label)
    target = yielded
    if target is None:
        if not parts:
            parts.append("one turn of the loop (bare yield)")
    elif isinstance(target, asyncio.Task):
        parts.append(f"task {target.get_name()!r}")
    elif isinstance(target, asyncio.Future):
        children = getattr(target, "_children", None)
        if children is not None:
            parts.append(f"gather() of {len(children)}")
        elif not parts:
            parts.append("a Future")
    elif not parts:
        parts.append(type(target).__name__)
    return ": ".join(parts)


def _describe_value(value: Any) -> str:
    if type(value) is int or value is None:  # what reprlib would print, without its dispatch
        text = repr(value)
        if len(text) <= _repr.maxlong:
            return text
    try:
        return _repr.repr(value)
    except Exception:  # a learner's __repr__ may raise
        return f"<{type(value).__name__}>"


def _describe_error(error: BaseException) -> str:
    try:
        text = str(error)
    except Exception:
        text = ""
    name = type(error).__name__
    text = f"{name}: {text}" if text else name
    return text if len(text) <= 200 else text[:199] + "…"


class Timeline:
    """A finished (or in-progress) recording: payload, text summary and queries for checks."""

    def __init__(self, tracer: Tracer, t_end: float):
        self.clock = tracer.clock_kind
        self.t0 = tracer.t0
        self.duration = max(t_end - tracer.t0, 0.0)
        self.max_tasks = tracer.max_tasks
        self.max_steps = tracer.max_steps
        live = tracer.active  # a snapshot of a recording still going: copy its columns
        self._first = 0 if tracer.has_cell else 1
        reg = tracer.reg  # its columns (C-level slices)
        self._created = reg[_CREATED::REG]
        self._parents = reg[_PARENT::REG]
        self._codes = reg[_CODE::REG]
        self._nsteps = reg[_NSTEPS::REG]
        self._ended = reg[_ENDED::REG]
        self._values = dict(tracer.values) if live else tracer.values
        self._errors = dict(tracer.errors) if live else tracer.errors
        self._names = dict(tracer.names) if live else tracer.names
        self._tasks = dict(tracer.tasks)
        if live:  # pending tasks are only collected at stop
            for task, rid in tracer.ids.items():
                self._tasks[rid] = task
        # The log split into columns (C-level slices, a few microseconds per thousand steps).
        log = tracer.log
        self._ids = log[0::3]
        self._starts = log[1::3]
        self._ends = log[2::3]
        self._susp = dict(tracer.susp)
        self._nested = tracer.nested
        self._peak_alive = None if live else tracer.peak
        self._by_id: dict[int, list[int]] | None = None
        self._peak: int | None = None
        self._intervals: list[tuple[float, float]] | None = None
        self._views: dict[int, TaskRecord] = {}
        self._records: list[TaskRecord] | None = None
        self._labels: dict = {}
        self._sorted: tuple[list, list] | None = None

    # ------------------------------------------------------------------ columns
    def _view(self, rid: int) -> TaskRecord:
        view = self._views.get(rid)
        if view is None:
            view = self._views[rid] = TaskRecord(self, rid)
        return view

    def _name(self, rid: int) -> str:
        task = self._tasks.get(rid)
        if task is not None and hasattr(task, "get_name"):
            return task.get_name()
        name = self._names.get(rid)
        if name is not None:
            return name
        if rid == 0:
            return "cell"
        return _code_name(self._codes[rid]) or f"task {rid}"

    def _rids(self, records: Iterable[TaskRecord] | None) -> list[int]:
        """Ids of ``records``, or of every task but the cell's own code."""
        return list(range(1, len(self._created))) if records is None else [r.id for r in records]

    def _ended_or_end(self, rids: list[int] | None = None) -> list[float]:
        """End times (of ``rids``, else of every task but the cell), the end of the
        recording for tasks still pending."""
        ended = self._ended[1:] if rids is None else [self._ended[i] for i in rids]
        if None in ended:
            end = self.t0 + self.duration
            ended = [end if e is None else e for e in ended]
        return ended

    def _sorted_lives(self) -> tuple[list, list]:
        """Creation and end times of every task but the cell, each sorted (the peak and the
        density strip both need them)."""
        if self._sorted is None:
            self._sorted = (sorted(self._created[1:]), sorted(self._ended_or_end()))
        return self._sorted

    def steps_of(self, record: TaskRecord) -> list[tuple[float, float]]:
        """The kept steps of a task listed in full, (start, end) in seconds from the start."""
        t0 = self.t0
        starts, ends = self._starts, self._ends
        return [(starts[i] - t0, ends[i] - t0) for i in self._entries().get(record.id, ())]

    def _entries(self) -> dict[int, list[int]]:
        """Log indices of the kept steps of each task listed in full."""
        if self._by_id is None:
            by_id: dict[int, list[int]] = {}
            ids = self._ids
            # C-level filter first: with 10,000 tasks only the listed few are grouped here.
            for i in compress(count(), map(ge, repeat(self.max_tasks), ids)):
                rid = ids[i]
                lst = by_id.get(rid)
                if lst is None:
                    by_id[rid] = [i]
                else:
                    lst.append(i)
            self._by_id = by_id
        return self._by_id

    # ------------------------------------------------------------------ queries (for checks)
    @property
    def records(self) -> list[TaskRecord]:
        """Every recorded task, the cell's own code (id 0) first if it was traced."""
        if self._records is None:
            self._records = [self._view(i) for i in range(self._first, len(self._created))]
        return self._records

    @property
    def cell(self) -> TaskRecord | None:
        """The cell's own code (id 0), if it was traced."""
        return self._view(0) if self._first == 0 else None

    @property
    def tasks(self) -> list[TaskRecord]:
        """Every recorded task except the cell's own code, in creation order."""
        records = self.records
        return records[1:] if self._first == 0 else list(records)

    def named(self, name: str) -> list[TaskRecord]:
        """Tasks whose task name or coroutine function name is ``name``."""
        codes = self._codes
        return [
            self._view(i)
            for i in range(1, len(self._created))
            if self._name(i) == name or _code_name(codes[i]) == name
        ]

    def intervals(self, records: Iterable[TaskRecord] | None = None) -> list[tuple[float, float]]:
        """(created, ended) of tasks, in seconds from the start; a pending task ends at the end."""
        if records is None and self._intervals is not None:
            return self._intervals
        t0 = self.t0
        rids = None if records is None else self._rids(records)
        created = self._created[1:] if rids is None else [self._created[i] for i in rids]
        spans = list(zip(map(sub, created, repeat(t0)), map(sub, self._ended_or_end(rids), repeat(t0))))
        if records is None:
            self._intervals = spans
        return spans

    def peak_in_flight(self, records: Iterable[TaskRecord] | str | None = None) -> int:
        """Most tasks alive (created, not yet ended) at the same moment.

        ``records`` restricts the count: a coroutine function or task name, or records.
        A task ending at the very instant another starts does not overlap it.  For all
        tasks (no ``records``) the recording counted them as they came and went, so a
        tie on the clock (coarse browser clocks, one virtual instant) counts as an
        overlap only if the task really was created before the other ended.
        """
        if records is None and self._peak_alive is not None:
            return self._peak_alive
        if records is None and self._peak is not None:
            return self._peak
        if isinstance(records, str):
            records = self.named(records)
        if records is None:
            starts, ends = self._sorted_lives()
        else:
            rids = self._rids(records)
            starts = sorted([self._created[i] for i in rids])
            ends = sorted(self._ended_or_end(rids))
        # alive at the i-th start: i + 1 started so far, minus those ended by then
        peak = max(map(sub, count(1), map(bisect_right, repeat(ends), starts)), default=0)
        if records is None:
            self._peak = peak
        return peak

    def pending(self) -> list[TaskRecord]:
        """Tasks not finished when the recording stopped."""
        ended = self._ended
        return [self._view(i) for i in range(1, len(ended)) if ended[i] is None]

    def overlap(self, a: str | TaskRecord, b: str | TaskRecord) -> bool:
        """True if the lives of two tasks (by name or record) overlapped in time."""
        ra = self.named(a)[0] if isinstance(a, str) else a
        rb = self.named(b)[0] if isinstance(b, str) else b
        (s1, e1), (s2, e2) = self.intervals([ra, rb])
        return s1 < e2 and s2 < e1

    def order(self) -> list[tuple[float, str, str]]:
        """Events in time order: (time, "create"|"done"|"error"|"cancelled", task name)."""
        out = []
        for r in self.tasks:
            out.append((r.created - self.t0, 0, "create", r.name))
            if r.ended is not None:
                out.append((r.ended - self.t0, 1, r.state, r.name))
        out.sort(key=lambda e: (e[0], e[1]))
        return [(t, kind, name) for t, _, kind, name in out]

    # ------------------------------------------------------------------ payload
    def _task_json(self, rid: int) -> dict:
        t0 = self.t0
        starts, ends = self._starts, self._ends
        entries = self._entries().get(rid, ())
        # to the microsecond (round(x, 6) goes through decimal strings: ten times slower)
        pairs = [[round((starts[i] - t0) * 1e6) / 1e6, round((ends[i] - t0) * 1e6) / 1e6] for i in entries]
        waits = []
        n = len(entries)
        susps = self._susp
        labels = self._labels
        for k, i in enumerate(entries):
            susp = susps.get(i)
            if susp is None:
                continue
            line, awaited, yielded = susp
            # Most steps wait for the same few things (asyncio.sleep(), a queue, ...):
            # label each coroutine code once.
            key = awaited.cr_code if yielded is None and type(awaited) is _CoroutineType else None
            what = labels.get(key) if key is not None else None
            if what is None:
                try:
                    what = describe_awaited(awaited, yielded)
                except Exception:  # pragma: no cover - never fail the learner's cell over a label
                    what = "?"
                if key is not None:
                    labels[key] = what
            waits.append({
                "start": pairs[k][1],
                "end": pairs[k + 1][0] if k + 1 < n else None,
                "line": line,
                "awaiting": what,
            })
        ended = self._ended[rid]
        error = self._errors.get(rid)
        state = "pending" if ended is None else "done" if error is None else "cancelled" if error is _CANCELLED else "error"
        return {
            "id": rid,
            "name": self._name(rid),
            "parent": self._parents[rid],
            "created": round((self._created[rid] - t0) * 1e6) / 1e6,
            "ended": None if ended is None else round((ended - t0) * 1e6) / 1e6,
            "state": state,
            "result": _describe_value(self._values.get(rid)) if state == "done" else None,
            "exception": _describe_error(error) if state == "error" else None,
            "steps": pairs,
            "waits": waits,
        }

    def aggregate(self, buckets: int = BUCKETS) -> dict:
        """Per time bucket: how many tasks ran a step in it, and how many were alive but not running.

        Written with C-level iteration (map, bisect, set, Counter): 10,000 tasks
        take a few milliseconds.
        """
        duration = self.duration
        t0 = self.t0
        width = duration / buckets
        edges = [t0 + k * width for k in range(1, buckets)]  # bucket k is [edge k-1, edge k)
        # alive in bucket k: created before its end and not ended before its start
        created, ended = self._sorted_lives()
        his = edges + [float("inf")]
        los = [float("-inf")] + edges
        alive = list(map(sub, map(bisect_left, repeat(created), his), map(bisect_left, repeat(ended), los)))
        if self._first == 0:  # the cell's own code counts too
            c0 = self._created[0]
            c1 = self._ended[0]
            if c1 is None:
                c1 = t0 + duration
            alive = [a + (c0 < hi and c1 >= lo) for a, lo, hi in zip(alive, los, his)]
        per_bucket = _running_per_bucket(self._ids, self._starts, self._ends, edges, not self._nested)
        out = []
        for k in range(buckets):
            run = per_bucket[k]
            waiting = alive[k] - run
            out.append({
                "start": round(k * width, 6),
                "end": round((k + 1) * width, 6),
                "running": run,
                "waiting": waiting if waiting > 0 else 0,
            })
        return {"buckets": out}

    def to_json(self) -> dict:
        # Our own short-lived allocations would otherwise trigger collections that
        # walk the learner's whole heap (tens of ms with 10,000 tasks around).
        with _gc_paused():
            return self._to_json()

    def _to_json(self) -> dict:
        total = len(self._created) - self._first
        listed = range(self._first, min(len(self._created), self.max_tasks + 1))
        shown = sum(map(len, self._entries().values()))
        omitted_steps = sum(self._nsteps) - shown
        return {
            "version": TIMELINE_PAYLOAD_VERSION,
            "clock": self.clock,
            "unit": "s",
            "duration": round(self.duration, 6),
            "tasks": [self._task_json(i) for i in listed],
            "omitted": {"tasks": total - len(listed), "steps": omitted_steps},
            "aggregate": self.aggregate(),
        }

    def to_text(self, limit: int = 20) -> str:
        with _gc_paused():
            return self._to_text(limit)

    def _to_text(self, limit: int) -> str:
        n = len(self._created) - 1
        head = (
            f"timeline: {n} task{'s' if n != 1 else ''}, "
            f"at most {self.peak_in_flight()} in flight, {self.duration:.3f} s ({self.clock} clock)"
        )
        lines = [head]
        total = len(self._created) - self._first
        for rid in range(self._first, min(len(self._created), self._first + limit)):
            r = self._view(rid)
            end = "…" if r.ended is None else f"{r.ended - self.t0:.3f}"
            state = r.state
            if state == "done":
                how = f"done -> {_describe_value(r.value)}"
            elif state == "error":
                how = f"error {_describe_error(r.error)}"
            else:
                how = state
            parent = "" if r.parent is None else f" (from #{r.parent})"
            lines.append(
                f"  #{rid} {r.name}{parent}: {r.created - self.t0:.3f}-{end} s, "
                f"{r.nsteps} step{'s' if r.nsteps != 1 else ''}, {how}"
            )
        if total > limit:
            lines.append(f"  … and {total - limit} more")
        return "\n".join(lines)

    def to_bundle(self) -> dict:
        with _gc_paused():
            return {TIMELINE_MIME: self._to_json(), "text/plain": self._to_text(20)}

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.to_bundle()

    def __repr__(self) -> str:
        n = len(self._created) - 1
        return f"<Timeline {n} tasks, {self.duration:.3f} s ({self.clock})>"


def _running_per_bucket(ids: list, starts: list, ends: list, edges: list, in_order: bool | None = None) -> list[int]:
    """For each bucket (split at ``edges``), how many distinct tasks ran a step touching it:
    starting before the bucket's end and ending at or after its start."""
    buckets = len(edges) + 1
    if in_order is None:
        in_order = all(map(le, starts, islice(starts, 1, None))) and all(map(le, ends, islice(ends, 1, None)))
    if in_order:
        # Steps that do not overlap (the usual case) have starts and ends both in time
        # order: the steps touching a bucket are then one slice of the log, found by
        # bisection, and only ~100 slices are looked at rather than every step.
        his = edges + [float("inf")]
        los = [float("-inf")] + edges
        return [
            len(set(ids[a:b]))
            for a, b in zip(map(bisect_left, repeat(ends), los), map(bisect_left, repeat(starts), his))
        ]
    # Nested steps (a traced coroutine awaited inside another traced task): place each step.
    first = list(map(bisect_right, repeat(edges), starts))
    last = list(map(bisect_right, repeat(edges), ends))
    # (task, bucket) pairs encoded as one int each: ints are not tracked by the
    # garbage collector, 20,000 tuples would trigger collections of the big heap.
    base = 1 << max(buckets.bit_length(), 1)
    touched = set(map(add, map(mul, ids, repeat(base)), first))
    for i in compress(count(), map(ne, first, last)):  # the rare step spanning buckets
        rid = ids[i] * base
        for k in range(first[i] + 1, last[i] + 1):
            touched.add(rid + k)
    counted = Counter(map(and_, touched, repeat(base - 1)))
    return [counted.get(k, 0) for k in range(buckets)]


@contextmanager
def _gc_paused():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def describe_line(filename: str, line: int | None) -> str:  # pragma: no cover - convenience
    return f"{describe_file(filename)}:{line}" if line else describe_file(filename)
