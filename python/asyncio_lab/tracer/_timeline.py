"""A recording read back: the :class:`Timeline` (payload, text summary, queries for checks)."""

from __future__ import annotations

import asyncio
import gc
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import compress, count, islice, repeat
from operator import add, and_, ge, le, mul, ne, sub
from contextlib import contextmanager
from typing import Any, Iterable

from ..mime import TIMELINE_MIME, TIMELINE_PAYLOAD_VERSION
from ._columns import _CANCELLED, _CODE, _CREATED, _ENDED, _NSTEPS, _PARENT, REG, Recording, _CoroutineType
from ._describe import _code_name, _describe_error, _describe_value, describe_awaited

#: Buckets of the aggregate density strip.
BUCKETS = 100


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


class Timeline:
    """A finished (or in-progress) recording: payload, text summary and queries for checks."""

    def __init__(self, tracer: Recording, t_end: float):
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
