"""Recording: the create_task hook, the ``Handle._run`` replacement and the :class:`Tracer`.

The active recording's state is kept as this module's globals, which the two
hooks read (cheaper than attributes): they and everything that sets that state
stay together here.
"""

from __future__ import annotations

import asyncio
import sys
import time
import types
from asyncio import events, format_helpers
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Callable

from .._patch import Patches
from ._columns import _CANCELLED, _CODE, _CREATED, _ENDED, _NSTEPS, MAX_STEPS, MAX_TASKS, REG, TracingError, _CoroutineType
from ._describe import _suspension
from ._timeline import Timeline

# --------------------------------------------------------------------------- recording

_ACTIVE: "Tracer | None" = None


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
