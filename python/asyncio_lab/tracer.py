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
reports every coroutine of an await chain, not tasks.  So while tracing, the
*running loop instance* gets its own ``create_task`` attribute (everything that
makes tasks goes through it: ``asyncio.create_task``, ``ensure_future``,
``gather``, ``TaskGroup``), which hands the loop an instrumented coroutine
wrapper: the task drives the wrapper's ``send``/``throw``, the wrapper drives
the learner's coroutine, timing each step and noting what the coroutine
yielded.  The wrapper forwards ``cr_frame``/``cr_await``/``cr_code``, so task
reprs and ``asyncio.capture_call_graph`` still see the learner's coroutine.
When tracing stops the attribute is removed; tasks still running keep their
wrapper, which then only forwards.

What it costs: one Python call per step (the wrapper's ``__next__``) that reads
the clock twice and appends three numbers to one flat list; per task, one
record object (the wrapper itself) and nothing else that the garbage collector
tracks.  Everything else (lines and awaited objects of the listed tasks aside)
is worked out from that log when a payload or a query asks for it.

Tasks made by instantiating ``asyncio.Task(...)`` directly are not seen.
"""

from __future__ import annotations

import asyncio
import collections.abc
import gc
import reprlib
import time
import types
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import compress, count, islice, repeat
from operator import add, and_, attrgetter, ge, is_, le, mul, ne, sub
from contextlib import asynccontextmanager, contextmanager
from typing import Any, AsyncIterator, Callable, Iterable

from . import _patch
from ._patch import Patches, describe_file, is_learner_file
from .mime import TIMELINE_MIME, TIMELINE_PAYLOAD_VERSION

__all__ = ["MAX_STEPS", "MAX_TASKS", "TaskRecord", "Timeline", "Tracer", "TracingError", "trace"]

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


def _coro_name(coro: Any) -> str | None:
    code = getattr(coro, "cr_code", None)
    return getattr(code, "co_qualname", getattr(code, "co_name", None)) if code is not None else None


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


class TaskRecord(collections.abc.Coroutine):
    """One traced task: the coroutine the task really runs, and what was seen of it.

    The task drives this object's ``send``/``throw``; it drives the learner's
    coroutine, timing each step into the tracer's log.  ``id`` 0 is the cell's
    own code.  After tracing stops it only forwards.
    """

    # Plain slots only, each written once or a few times; the end is three slot stores
    # (no tuple: every object allocated per task counts towards the garbage collector's
    # thresholds, and with 10,000 tasks one more full collection costs more than all the
    # recording).  No reference to the task itself: the task holds this object (its
    # coroutine), and a reference back would make every finished task a cycle that only
    # the garbage collector could free.  The name is read when the task ends (it is then
    # the current task), or at the end of the recording for tasks still pending; tasks
    # beyond the first max_tasks (not listed in payloads) go by their coroutine's name.
    # Once the learner's coroutine has finished it is let go (only its code is kept):
    # the record then stands in for it, and tracing adds no object to the heap per
    # finished task, so big cells trigger no extra full garbage collection.
    __slots__ = (
        "_coro", "_tracer", "id", "parent", "created", "ended", "nsteps", "_value", "_error", "_name", "_task", "_code"
    )

    def __init__(self, coro, tracer: "Tracer", id: int, parent: int | None, created: float):
        self._coro = coro
        self._tracer = tracer
        self.id = id
        self.parent = parent  # the id of the traced task (0: the cell) that created this one
        self.created = created
        self.ended = None  # the clock's time when the task ended
        self.nsteps = 0
        self._value = self._error = self._name = self._task = self._code = None

    @property
    def task(self) -> asyncio.Task | None:
        """The task, while it is pending (or for the cell); None once it has ended."""
        return self._task

    @property
    def state(self) -> str:
        """"pending", "done", "error" or "cancelled"."""
        if self.ended is None:
            return "pending"
        error = self._error
        if error is None:
            return "done"
        return "cancelled" if isinstance(error, asyncio.CancelledError) else "error"

    @property
    def value(self) -> Any:
        """The task's result (when done)."""
        return self._value

    @property
    def error(self) -> BaseException | None:
        """The exception that ended the task (error or cancelled)."""
        return self._error

    @property
    def coro(self):
        """The learner's coroutine, until it finishes (None after: only its code is kept)."""
        coro = self._coro
        return None if coro is _FINISHED else coro

    @property
    def name(self) -> str:
        task = self._task
        if task is not None and hasattr(task, "get_name"):
            return task.get_name()
        if self._name is not None:
            return self._name
        if self.id == 0:
            return "cell"
        return _coro_name(self) or f"task {self.id}"

    def _keep_name(self) -> None:
        # A listed task that just ended is the loop's current task: keep its name.
        cur = _current_task(self._tracer.loop)
        if cur is not None and cur.get_coro() is self:
            self._name = cur.get_name()

    def _end(self, t0: float, t1: float, value, error) -> None:
        if self.ended is not None:  # driven again after it ended (it raised RuntimeError)
            return
        tr = self._tracer
        n = self.nsteps + 1
        self.nsteps = n
        if n <= tr.max_steps:
            log = tr.log
            log.append(self.id)
            log.append(t0)
            log.append(t1)
        self.ended = t1
        self._value = value
        self._error = error
        coro = self._coro
        if coro is not _FINISHED:
            self._code = coro.cr_code
            self._coro = _FINISHED
        if self.id <= tr.max_tasks:
            self._keep_name()

    # The hot path: one Python call per step, nothing allocated; the active tracer's
    # log is reached through module globals (cheaper than attributes), and is one flat
    # list (id, start, end per step) whose appends the interpreter specialises.
    def __next__(self):
        # What C tasks call for each step (send(None)).
        __tracebackhide__ = True  # noqa: F841 (IPython hides this frame in tracebacks)
        if self._tracer is not _HOT:
            return self._coro.send(None)
        t0 = _now()
        try:
            y = self._coro.send(None)
        except StopIteration as stop:
            t1 = _now()
            # the last step, inlined: most tasks end here
            n = self.nsteps + 1
            self.nsteps = n
            if n <= _max_steps:
                _log.append(self.id)
                _log.append(t0)
                _log.append(t1)
            self.ended = t1
            self._value = stop.value
            coro = self._coro
            self._code = coro.cr_code
            self._coro = _FINISHED
            if self.id <= _max_tasks:  # tasks listed in full keep their name
                self._keep_name()
            raise
        except BaseException as exc:
            self._end(t0, _now(), None, exc)
            raise
        t1 = _now()
        n = self.nsteps + 1
        self.nsteps = n
        if n <= _max_steps:
            _log.append(self.id)
            _log.append(t0)
            _log.append(t1)
            if self.id <= _max_tasks:
                _susp[len(_log) // 3 - 1] = _suspension(self._coro, y)
        return y

    def send(self, value):
        # The same body as __next__ (Python-level tasks and `await` call this one).
        __tracebackhide__ = True  # noqa: F841
        if self._tracer is not _HOT:
            return self._coro.send(value)
        t0 = _now()
        try:
            y = self._coro.send(value)
        except StopIteration as stop:
            t1 = _now()
            n = self.nsteps + 1
            self.nsteps = n
            if n <= _max_steps:
                _log.append(self.id)
                _log.append(t0)
                _log.append(t1)
            self.ended = t1
            self._value = stop.value
            coro = self._coro
            self._code = coro.cr_code
            self._coro = _FINISHED
            if self.id <= _max_tasks:
                self._keep_name()
            raise
        except BaseException as exc:
            self._end(t0, _now(), None, exc)
            raise
        t1 = _now()
        n = self.nsteps + 1
        self.nsteps = n
        if n <= _max_steps:
            _log.append(self.id)
            _log.append(t0)
            _log.append(t1)
            if self.id <= _max_tasks:
                _susp[len(_log) // 3 - 1] = _suspension(self._coro, y)
        return y

    def throw(self, typ, val=None, tb=None):
        __tracebackhide__ = True  # noqa: F841
        coro = self._coro
        args = (typ,) if val is None and tb is None else (typ, val, tb)
        tr = self._tracer
        if tr is not _HOT:
            return coro.throw(*args)
        now = tr.now
        t0 = now()
        try:
            y = coro.throw(*args)
        except StopIteration as stop:
            self._end(t0, now(), stop.value, None)
            raise
        except BaseException as exc:
            self._end(t0, now(), None, exc)
            raise
        t1 = now()
        n = self.nsteps + 1
        self.nsteps = n
        if n <= tr.max_steps:
            log = tr.log
            log.append(self.id)
            log.append(t0)
            log.append(t1)
            if self.id <= tr.max_tasks:
                tr.susp[len(log) // 3 - 1] = _suspension(coro, y)
        return y

    def close(self):
        return self._coro.close()

    def __await__(self):
        return self

    def __iter__(self):
        return self

    # Look like the learner's coroutine to reprs and call-graph introspection.
    @property
    def cr_await(self):
        return self._coro.cr_await

    @property
    def cr_frame(self):
        return self._coro.cr_frame

    @property
    def cr_code(self):
        coro = self._coro
        return self._code if coro is _FINISHED else coro.cr_code

    @property
    def cr_running(self):
        return self._coro.cr_running

    @property
    def cr_origin(self):
        return self._coro.cr_origin

    @property
    def cr_suspended(self):
        return self._coro.cr_suspended

    # Task reprs name the coroutine by __qualname__, else __name__.  No __getattr__
    # fallback here: it would make every attribute access of the hot path slower (the
    # interpreter cannot specialise attribute loads on such types); and __qualname__
    # cannot be a property (type() takes it for the class's own), so reprs use __name__.
    @property
    def __name__(self):
        coro = self._coro
        return self._code.co_name if coro is _FINISHED else coro.__name__

    def __repr__(self):
        coro = self._coro
        if coro is _FINISHED:
            return f"<coroutine object {_coro_name(self)} at {id(self):#x}>"
        return repr(coro)


class _Finished:
    """What a record holds once the learner's coroutine has finished: a finished
    coroutine's answers, shared by every record."""

    __slots__ = ()
    cr_await = cr_frame = cr_origin = None
    cr_running = cr_suspended = False

    def send(self, value):
        raise RuntimeError("cannot reuse already awaited coroutine")

    def throw(self, *args):
        raise RuntimeError("cannot reuse already awaited coroutine")

    def close(self):
        return None


_FINISHED = _Finished()


_ACTIVE: "Tracer | None" = None

# The active tracer's hot-path state (see TaskRecord.__next__), set by Tracer.start.
_HOT: "Tracer | None" = None
_now = time.perf_counter
_max_steps = MAX_STEPS
_max_tasks = MAX_TASKS
_log: list = []
_susp: dict = {}


def _set_hot(tr: "Tracer | None") -> None:
    global _HOT, _now, _max_steps, _max_tasks, _log, _susp
    _HOT = tr
    if tr is None:  # hold on to nothing of the last recording
        _log = []
        _susp = {}
    else:
        _now = tr.now
        _max_steps = tr.max_steps
        _max_tasks = tr.max_tasks
        _log = tr.log
        _susp = tr.susp


def active() -> "Tracer | None":
    """The tracer recording right now, if any."""
    return _ACTIVE


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
        self.records: list[TaskRecord] = []
        # The step log, in time order: step i ran task log[3i] from log[3i+1] to
        # log[3i+2]; susp[i] says what it then awaited (for the tasks listed in full).
        # One flat list of ints and floats: nothing in it is tracked by the garbage
        # collector, and appending is the cheapest thing a step can do.
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
            # Name the tasks still pending.  Only if there are any: all_tasks() walks
            # every task alive, finished ones included (10,000 in a big cell).
            if any(map(is_, map(attrgetter("ended"), self.records), repeat(None))):
                for task in asyncio.all_tasks(self.loop):
                    coro = task.get_coro()
                    if type(coro) is TaskRecord and coro._tracer is self:
                        coro._task = task
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
    def _make_create_task(self, orig):
        """The loop's create_task while recording: a closure, everything it needs in cells."""
        tracer = self
        loop = self.loop
        now = self.now
        add = self.records.append
        ids = count(1)
        # Most tasks are created by the same task as the previous one: remember its id.
        last_task = last_id = None

        def create_task(coro, *, name=None, context=None, **kwargs):
            __tracebackhide__ = True  # noqa: F841
            nonlocal last_task, last_id
            if type(coro) is not _CoroutineType or _HOT is not tracer:
                return orig(coro, name=name, context=context, **kwargs)
            cur = _current_task(loop)
            if cur is last_task:
                parent = last_id
            else:
                c = cur.get_coro() if cur is not None else None
                parent = c.id if type(c) is TaskRecord and c._tracer is tracer else None
                last_task = cur
                last_id = parent
            rec = TaskRecord(coro, tracer, next(ids), parent, now())
            add(rec)
            if kwargs:  # e.g. eager_start (3.14)
                return orig(rec, name=name, context=context, **kwargs)
            return orig(rec, name=name, context=context)

        return create_task

    def wrap(self, coro, *, name: str = "cell") -> TaskRecord:
        """Trace ``coro`` (the cell's own code) as task id 0; await it, or use
        :meth:`create_root_task` to run it as a task of its own."""
        rec = TaskRecord(coro, self, 0, None, self.now())
        self.records.insert(0, rec)
        return rec

    def create_root_task(self, coro, *, name: str = "cell") -> asyncio.Task:
        """Run ``coro`` as a task recorded as id 0 (not through the patched create_task)."""
        rec = self.wrap(coro, name=name)
        factory = self._orig_create_task or self.loop.create_task
        task = factory(rec, name=name)
        rec._task = task
        return task


_current_task = asyncio.current_task


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
        self.records = sorted(tracer.records, key=_by_id)
        self.max_tasks = tracer.max_tasks
        self.max_steps = tracer.max_steps
        # The log split into columns (C-level slices, a few microseconds per thousand steps).
        log = tracer.log
        self._ids = log[0::3]
        self._starts = log[1::3]
        self._ends = log[2::3]
        self._susp = dict(tracer.susp)
        self._by_id: dict[int, list[int]] | None = None
        self._peak: int | None = None
        self._intervals: list[tuple[float, float]] | None = None

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

    def _ended_or_end(self, records: list[TaskRecord]) -> list[float]:
        """Each record's end time, the end of the recording for those still pending."""
        ended = list(map(_ended, records))
        if None in ended:
            end = self.t0 + self.duration
            ended = [end if e is None else e for e in ended]
        return ended

    # ------------------------------------------------------------------ queries (for checks)
    @property
    def cell(self) -> TaskRecord | None:
        """The cell's own code (id 0), if it was traced."""
        return self.records[0] if self.records and self.records[0].id == 0 else None

    @property
    def tasks(self) -> list[TaskRecord]:
        """Every recorded task except the cell's own code, in creation order."""
        records = self.records
        return records[1:] if records and records[0].id == 0 else list(records)

    def named(self, name: str) -> list[TaskRecord]:
        """Tasks whose task name or coroutine function name is ``name``."""
        return [r for r in self.tasks if r.name == name or _coro_name(r) == name]

    def intervals(self, records: Iterable[TaskRecord] | None = None) -> list[tuple[float, float]]:
        """(created, ended) of tasks, in seconds from the start; a pending task ends at the end."""
        if records is None and self._intervals is not None:
            return self._intervals
        t0 = self.t0
        rs = self.tasks if records is None else list(records)
        starts = map(sub, map(_created, rs), repeat(t0))
        ends = map(sub, self._ended_or_end(rs), repeat(t0))
        spans = list(zip(starts, ends))
        if records is None:
            self._intervals = spans
        return spans

    def peak_in_flight(self, records: Iterable[TaskRecord] | str | None = None) -> int:
        """Most tasks alive (created, not yet ended) at the same moment.

        ``records`` restricts the count: a coroutine function or task name, or records.
        A task ending at the very instant another starts does not overlap it.
        """
        if records is None and self._peak is not None:
            return self._peak
        if isinstance(records, str):
            records = self.named(records)
        rs = self.tasks if records is None else list(records)
        starts = sorted(map(_created, rs))
        ends = sorted(self._ended_or_end(rs))
        # alive at the i-th start: i + 1 started so far, minus those ended by then
        peak = max(map(sub, count(1), map(bisect_right, repeat(ends), starts)), default=0)
        if records is None:
            self._peak = peak
        return peak

    def pending(self) -> list[TaskRecord]:
        """Tasks not finished when the recording stopped."""
        return [r for r in self.tasks if r.ended is None]

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
    def _task_json(self, r: TaskRecord) -> dict:
        t0 = self.t0
        starts, ends = self._starts, self._ends
        entries = self._entries().get(r.id, ())
        pairs = [[round(starts[i] - t0, 6), round(ends[i] - t0, 6)] for i in entries]
        waits = []
        n = len(entries)
        susps = self._susp
        for k, i in enumerate(entries):
            susp = susps.get(i)
            if susp is None:
                continue
            line, awaited, yielded = susp
            try:
                what = describe_awaited(awaited, yielded)
            except Exception:  # pragma: no cover - never fail the learner's cell over a label
                what = "?"
            waits.append({
                "start": pairs[k][1],
                "end": pairs[k + 1][0] if k + 1 < n else None,
                "line": line,
                "awaiting": what,
            })
        ended = r.ended
        state = r.state
        return {
            "id": r.id,
            "name": r.name,
            "parent": r.parent,
            "created": round(r.created - t0, 6),
            "ended": None if ended is None else round(ended - t0, 6),
            "state": state,
            "result": _describe_value(r._value) if state == "done" else None,
            "exception": _describe_error(r._error) if state == "error" else None,
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
        created = sorted(map(_created, self.records))
        ended = sorted(self._ended_or_end(self.records))
        his = edges + [float("inf")]
        los = [float("-inf")] + edges
        alive = list(map(sub, map(bisect_left, repeat(created), his), map(bisect_left, repeat(ended), los)))
        per_bucket = _running_per_bucket(self._ids, self._starts, self._ends, edges)
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
        listed = [r for r in self.records if r.id <= self.max_tasks]
        shown = sum(map(len, self._entries().values()))
        omitted_steps = sum(map(_nsteps, self.records)) - shown
        return {
            "version": TIMELINE_PAYLOAD_VERSION,
            "clock": self.clock,
            "unit": "s",
            "duration": round(self.duration, 6),
            "tasks": [self._task_json(r) for r in listed],
            "omitted": {"tasks": len(self.records) - len(listed), "steps": omitted_steps},
            "aggregate": self.aggregate(),
        }

    def to_text(self, limit: int = 20) -> str:
        with _gc_paused():
            return self._to_text(limit)

    def _to_text(self, limit: int) -> str:
        tasks = self.tasks
        head = (
            f"timeline: {len(tasks)} task{'s' if len(tasks) != 1 else ''}, "
            f"at most {self.peak_in_flight()} in flight, {self.duration:.3f} s ({self.clock} clock)"
        )
        lines = [head]
        for r in self.records[:limit]:
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
                f"  #{r.id} {r.name}{parent}: {r.created - self.t0:.3f}-{end} s, "
                f"{r.nsteps} step{'s' if r.nsteps != 1 else ''}, {how}"
            )
        if len(self.records) > limit:
            lines.append(f"  … and {len(self.records) - limit} more")
        return "\n".join(lines)

    def to_bundle(self) -> dict:
        with _gc_paused():
            return {TIMELINE_MIME: self._to_json(), "text/plain": self._to_text(20)}

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.to_bundle()

    def __repr__(self) -> str:
        return f"<Timeline {len(self.tasks)} tasks, {self.duration:.3f} s ({self.clock})>"


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


_by_id = attrgetter("id")
_created = attrgetter("created")
_ended = attrgetter("ended")
_nsteps = attrgetter("nsteps")


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
