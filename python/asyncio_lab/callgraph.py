"""Who awaits whom, as a tree of tasks: the plain API under ``%%callgraph`` and ``%callgraph``.

A snapshot lists the tasks of interest as a forest: a task's children are the
tasks it is waiting for (directly, through ``gather``, a ``TaskGroup`` or
``asyncio.wait``); each node shows the task's coroutine frames (where it is
suspended) and what it awaits.  Usable without IPython::

    from asyncio_lab import callgraph
    snap = callgraph.snapshot()          # all the learner's tasks, now
    async with callgraph.record() as rec:   # snapshots whenever every task is waiting
        await main()
    rec.to_bundle()

Sources
-------
Python 3.14 has :func:`asyncio.capture_call_graph`, which gives each task's
frames and the tasks awaiting it (gather, TaskGroup and asyncio.wait register
themselves): used when present (``"source": "capture_call_graph"``).
On 3.11-3.13 the same tree is rebuilt by introspection
(``"source": "introspection"``): each task's ``cr_await`` chain gives its
frames, ``Task._fut_waiter`` what it waits for (a task, or gather's future and
its ``_children``), and the frames of ``TaskGroup.__aexit__``, ``asyncio.wait``
and ``asyncio.wait_for`` their tasks.  Missing there: waits through
``shield()`` or ``as_completed()`` are not linked to their tasks.

When snapshots are taken
------------------------
``record()`` takes one each time the recorded code *settles*: every one of its
tasks is suspended and nothing is ready to run (the moments a learner would
stop and look), skipping snapshots identical to the previous one; plus one at
each explicit :func:`snapshot` call inside the block (labelled, taken while the
calling task runs) and one at the end if tasks are still pending.
"""

from __future__ import annotations

import asyncio
import contextvars
import inspect
import json
import os
import sys
import time
import weakref
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Iterable

from ._patch import PROBES, Patches, describe_file, is_kernel_task, is_learner_file, others_ready
from .mime import CALLGRAPH_MIME, CALLGRAPH_PAYLOAD_VERSION
from .tracer import describe_awaited, task_id as _task_id

__all__ = ["CallGraph", "Recorder", "record", "snapshot", "SOURCE"]

HAS_CAPTURE = hasattr(asyncio, "capture_call_graph")
SOURCE = "capture_call_graph" if HAS_CAPTURE else "introspection"
NOTE = (
    None
    if HAS_CAPTURE
    else (
        f"Python {sys.version_info.major}.{sys.version_info.minor} has no asyncio.capture_call_graph "
        "(3.14+): built from task introspection (await chains, gather, TaskGroup, asyncio.wait). "
        "Waits through shield() or as_completed() are not linked to their tasks."
    )
)

MAX_SNAPSHOTS = 30
MAX_CHILDREN = 50
MAX_FRAMES = 20
MAX_DEPTH = 40

_OWN_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep
# asyncio-lab's own machinery is never shown as a frame: every file of the package,
# by folder, except the parts that stand for the learner's world (shown as frames).
_SHOWN = tuple(
    os.path.join(_OWN_DIR, name) for name in ("sim.py", "exercises.py", "standins" + os.sep, "lessons" + os.sep)
)
_HIDDEN: dict[str, bool] = {}


def _hidden(filename: str) -> bool:
    try:
        return _HIDDEN[filename]
    except KeyError:
        pass
    path = os.path.abspath(filename) if os.path.isabs(filename) else filename
    value = _HIDDEN[filename] = path.startswith(_OWN_DIR) and not path.startswith(_SHOWN)
    return value


# --------------------------------------------------------------------------- frames


def _frame_json(frame, code) -> dict | None:
    filename = code.co_filename
    if _hidden(filename):
        return None
    name = getattr(code, "co_qualname", code.co_name)
    if name == "<module>":
        name = "cell"
    return {
        "name": name,
        "line": frame.f_lineno if frame is not None else None,
        "file": describe_file(filename),
    }


def _chain(task: asyncio.Task) -> tuple[list[dict], Any, list]:
    """(frames outermost first, what the innermost coroutine awaits, the frames themselves)."""
    frames: list[dict] = []
    raw: list = []
    coro = task.get_coro()
    awaited = None
    depth = 0
    while coro is not None and depth < 100:
        depth += 1
        code = getattr(coro, "cr_code", None) or getattr(coro, "ag_code", None) or getattr(coro, "gi_code", None)
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "ag_frame", None) or getattr(coro, "gi_frame", None)
        if code is None:
            awaited = coro
            break
        raw.append((frame, code, coro))
        entry = _frame_json(frame, code)
        if entry is not None:
            frames.append(entry)
        if hasattr(coro, "cr_await"):
            nxt = coro.cr_await
        elif hasattr(coro, "ag_await"):
            nxt = coro.ag_await
        else:
            nxt = getattr(coro, "gi_yieldfrom", None)
        if nxt is None:
            break
        coro = nxt
    return frames, awaited, raw


def _running_frames(task: asyncio.Task, skip: int) -> list[dict]:
    """Frames of the task that is running right now (it called snapshot())."""
    top = task.get_coro()
    top_frame = getattr(top, "cr_frame", None)
    out = []
    f = sys._getframe(skip + 1)
    while f is not None:
        if f.f_code.co_flags & (inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR | inspect.CO_ITERABLE_COROUTINE):
            entry = _frame_json(f, f.f_code)
            if entry is not None:
                out.append(entry)
        if f is top_frame:
            break
        f = f.f_back
    out.reverse()
    return out


def _state(task: asyncio.Task) -> str:
    coro = task.get_coro()
    try:
        return inspect.getcoroutinestate(coro)
    except (AttributeError, TypeError):
        return "CORO_SUSPENDED"


# --------------------------------------------------------------------------- building a snapshot


def _edges_introspection(tasks: list[asyncio.Task], raws: dict[int, list]) -> list[tuple[Any, Any]]:
    """(awaiter, awaited) pairs; awaited may be gather's future (a node of its own)."""
    edges = []
    for t in tasks:
        waiter = getattr(t, "_fut_waiter", None)
        if isinstance(waiter, asyncio.Future):
            edges.append((t, waiter))
            children = getattr(waiter, "_children", None)
            if children is not None:
                edges.extend((waiter, c) for c in children)
        for frame, code, _ in raws.get(id(t), ()):
            if frame is None:
                continue
            name = getattr(code, "co_qualname", code.co_name)
            loc = frame.f_locals
            if name == "TaskGroup.__aexit__":
                group = loc.get("self")
                edges.extend((t, c) for c in getattr(group, "_tasks", ()))
            elif name == "_wait":
                edges.extend((t, c) for c in loc.get("fs", ()) if isinstance(c, asyncio.Future))
            elif name == "wait_for" and isinstance(loc.get("fut"), asyncio.Future):
                edges.append((t, loc["fut"]))
    return edges


def _edges_capture(tasks: list[asyncio.Task]) -> tuple[list[tuple[Any, Any]], dict[int, list[dict]]]:
    edges = []
    frames: dict[int, list[dict]] = {}
    for t in tasks:
        try:
            graph = asyncio.capture_call_graph(t)
        except Exception:  # pragma: no cover - a task in a strange state
            continue
        if graph is None:
            continue
        stack = []
        for entry in reversed(graph.call_stack):  # capture_call_graph lists innermost first
            j = _frame_json(entry.frame, entry.frame.f_code)
            if j is not None:
                stack.append(j)
        frames[id(t)] = stack
        for parent in graph.awaited_by:
            edges.append((parent.future, t))
    return edges, frames


class _Builder:
    def __init__(self, tasks: list[asyncio.Task], current: asyncio.Task | None, skip: int, ids=None):
        self.tasks = tasks
        self.current = current
        self.skip = skip
        self.index = {id(t): i for i, t in enumerate(tasks)}
        self.ids = ids  # task -> stable id (a recording's), else the tracer's ids or None

    def build(self) -> list[dict]:
        tasks = self.tasks
        info: dict[int, tuple[list[dict], Any]] = {}
        raws: dict[int, list] = {}
        for t in tasks:
            if t is self.current:
                info[id(t)] = (_running_frames(t, self.skip + 2), None)
            else:
                frames, awaited, raw = _chain(t)
                info[id(t)] = (frames, awaited)
                raws[id(t)] = raw
        if HAS_CAPTURE:
            edges, cap_frames = _edges_capture(tasks)
            for key, frames in cap_frames.items():
                if key in info and self.tasks[self.index[key]] is not self.current:
                    info[key] = (frames, info[key][1])
        else:
            edges = _edges_introspection(tasks, raws)
        known = set(self.index)
        # gather's future is a node of its own when a known task awaits it
        nodes = set(known)
        objects: dict[int, Any] = {id(t): t for t in tasks}
        for parent, child in edges:
            if id(parent) in known and id(child) not in known and getattr(child, "_children", None) is not None:
                nodes.add(id(child))
                objects[id(child)] = child
        children: dict[int, list] = {}
        has_parent: set[int] = set()
        for parent, child in edges:
            pk, ck = id(parent), id(child)
            if pk == ck or pk not in nodes or ck not in nodes:
                continue
            lst = children.setdefault(pk, [])
            if all(id(c) != ck for c in lst):
                lst.append(child)
                has_parent.add(ck)
        self.info = info
        self.children = children
        self.objects = objects
        placed: set[int] = set()
        roots = []
        order = sorted(known, key=lambda k: self.index[k])
        for k in order:
            if k not in has_parent:
                roots.append(self._node(objects[k], placed, ()))
        for k in order:  # tasks only reachable through a cycle (a deadlock)
            if k not in placed:
                roots.append(self._node(objects[k], placed, ()))
        return roots

    def _node(self, obj, placed: set[int], path: tuple[int, ...]) -> dict:
        key = id(obj)
        is_task = isinstance(obj, asyncio.Task)
        name = obj.get_name() if is_task else None
        tid = (self.ids.get(obj) if self.ids is not None else _task_id(obj)) if is_task else None
        if key in path:
            return _stub(name, tid, f"awaits back a task that awaits it: a deadlock ({name})")
        if key in placed:
            return _stub(name, tid, "(shown above)")
        placed.add(key)
        frames, awaited = self.info.get(key, ([], None))
        kids = self.children.get(key, [])
        if is_task:
            if obj is self.current:
                awaiting = "running (it called snapshot())"
            elif _state(obj) == "CORO_CREATED":
                awaiting = "not started yet (scheduled)"
            elif obj.done():
                awaiting = "finished"
            else:
                waiter = getattr(obj, "_fut_waiter", None)
                awaiting = describe_awaited(_last_library_coro(obj), waiter)
        else:  # gather's future
            awaiting = f"gather() of {len(getattr(obj, '_children', ()) or ())}"
        node = {
            "task": name,
            "id": tid,
            "frames": frames[:MAX_FRAMES],
            "awaiting": awaiting,
            "children": [],
        }
        if len(path) >= MAX_DEPTH:
            if kids:
                node["children"].append(_stub(None, None, f"{len(kids)} more levels not shown"))
            return node
        for child in kids[:MAX_CHILDREN]:
            node["children"].append(self._node(child, placed, path + (key,)))
        if len(kids) > MAX_CHILDREN:
            node["children"].append(_stub(None, None, f"… and {len(kids) - MAX_CHILDREN} more tasks"))
        return node


def _stub(name, tid, awaiting) -> dict:
    return {"task": name, "id": tid, "frames": [], "awaiting": awaiting, "children": []}


def _last_library_coro(task):
    """The first non-learner coroutine under the learner's frames (e.g. asyncio.sleep)."""
    coro = task.get_coro()
    depth = 0
    while coro is not None and depth < 100:
        depth += 1
        code = getattr(coro, "cr_code", None)
        if code is None:
            break
        if not is_learner_file(code.co_filename) and not _hidden(code.co_filename):
            return coro
        coro = getattr(coro, "cr_await", None)
    return None


def _interesting(tasks: Iterable[asyncio.Task]) -> list[asyncio.Task]:
    return [t for t in tasks if not t.done() and not is_kernel_task(t)]


def build_roots(tasks: list[asyncio.Task], *, current: asyncio.Task | None = None, skip: int = 0, ids=None) -> list[dict]:
    """The forest of ``tasks`` (who awaits whom), as payload nodes; ``ids`` maps tasks to node ids."""
    return _Builder(tasks, current, skip, ids).build()


# --------------------------------------------------------------------------- results


class CallGraph:
    """Snapshots of the call graph; displays as a MIME bundle."""

    def __init__(self, snapshots: list[dict] | None = None, note: str | None = NOTE, omitted: int = 0):
        self.snapshots = snapshots or []
        self.note = note
        self.omitted = omitted

    def to_json(self) -> dict:
        note = self.note
        if self.omitted:
            extra = f"{self.omitted} intermediate snapshots were left out."
            note = f"{note} {extra}" if note else extra
        return {
            "version": CALLGRAPH_PAYLOAD_VERSION,
            "source": SOURCE,
            "note": note,
            "snapshots": self.snapshots,
        }

    def to_text(self) -> str:
        lines = [f"call graph ({SOURCE}): {len(self.snapshots)} snapshot{'s' if len(self.snapshots) != 1 else ''}"]
        for snap in self.snapshots[:10]:
            lines.append(f"[{snap['at']:.3f} s] {snap['label']}")
            if not snap["roots"]:
                lines.append("  (no tasks)")
            for root in snap["roots"]:
                _text_node(root, "  ", lines)
        if len(self.snapshots) > 10:
            lines.append(f"… and {len(self.snapshots) - 10} more snapshots")
        if self.note:
            lines.append(f"note: {self.note}")
        return "\n".join(lines[:400])

    def to_bundle(self) -> dict:
        return {CALLGRAPH_MIME: self.to_json(), "text/plain": self.to_text()}

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.to_bundle()

    def __repr__(self) -> str:
        return f"<CallGraph {len(self.snapshots)} snapshots>"


def _text_node(node: dict, indent: str, lines: list[str]) -> None:
    where = ""
    frames = node["frames"]
    mine = [f for f in frames if not str(f["file"]).startswith("asyncio/")]
    if mine or frames:
        f = (mine or frames)[-1]
        where = f" at {f['name']}" + (f":{f['line']}" if f["line"] is not None else "")
    name = node["task"] if node["task"] is not None else "·"
    lines.append(f"{indent}{name}{where} — {node['awaiting']}")
    for child in node["children"]:
        _text_node(child, indent + "  ", lines)


# --------------------------------------------------------------------------- recording

_RECORDING: contextvars.ContextVar["Recorder | None"] = contextvars.ContextVar("asyncio_lab_callgraph", default=None)
_BASE = contextvars.Context()
_active: "Recorder | None" = None


class Recorder:
    """Takes snapshots of the tasks created while it records (see the module docstring)."""

    def __init__(self, loop: asyncio.AbstractEventLoop | None = None, *, clock=None, max_snapshots: int = MAX_SNAPSHOTS):
        self.loop = loop or asyncio.get_running_loop()
        self.now = clock or time.perf_counter
        self.max_snapshots = max_snapshots
        self.snapshots: list[dict] = []
        self.omitted = 0
        self.root: asyncio.Task | None = None
        self.t0 = 0.0
        self._before: set = set()
        self._last_sig: str | None = None
        self._patches = Patches()
        self._token = None
        self._armed = False
        self._seq = 0
        self._armed_seq = 0
        self._has_ready_queue = hasattr(self.loop, "_ready")
        self._ids: "weakref.WeakKeyDictionary[asyncio.Task, int]" = weakref.WeakKeyDictionary()
        self._next_id = 1

    def start(self) -> "Recorder":
        global _active
        if _active is not None:
            raise RuntimeError("a call graph is already being recorded; recording cannot be nested")
        loop = self.loop
        self._before = set(asyncio.all_tasks(loop))
        if self._has_ready_queue:
            orig_soon = loop.call_soon
            self._orig_soon = orig_soon

            def call_soon(callback, *args, context=None):
                handle = orig_soon(callback, *args, context=context)
                if _RECORDING.get() is self:
                    self._activity()  # the probe goes behind the callback
                return handle

            self._patches.set(loop, "call_soon", call_soon)
        else:
            orig_later = loop.call_later
            self._orig_later = orig_later

            def call_later(delay, callback, *args, context=None):
                handle = orig_later(delay, callback, *args, context=context)
                if delay <= 0.002 and callback not in PROBES:
                    self._seq += 1
                    if _RECORDING.get() is self:
                        self._activity()  # the probe goes behind the callback (FIFO immediates)
                return handle

            self._patches.set(loop, "call_later", call_later)
        self._token = _RECORDING.set(self)
        self.t0 = self.now()
        _active = self
        PROBES.add(self._probe)
        return self

    def stop(self) -> CallGraph:
        global _active
        if _active is self:
            _active = None
            if any(t is not self.root for t in self._tasks()):
                self.take("end of the cell: still pending", force=True)
            self._patches.restore()
            PROBES.discard(self._probe)
            if self._token is not None:
                try:
                    _RECORDING.reset(self._token)
                except ValueError:
                    _RECORDING.set(None)
                self._token = None
        return self.result

    @property
    def result(self) -> CallGraph:
        return CallGraph(list(self.snapshots), NOTE, self.omitted)

    def _tasks(self) -> list[asyncio.Task]:
        tasks = [t for t in asyncio.all_tasks(self.loop) if t not in self._before and not t.done()]
        if self.root is not None and not self.root.done() and self.root not in tasks:
            tasks.append(self.root)
        tasks.sort(key=lambda t: (t is not self.root, _task_id(t) if _task_id(t) is not None else 1 << 30, t.get_name()))
        return tasks

    def take(self, label: str, *, force: bool = False, skip: int = 0) -> dict | None:
        """Take a snapshot now; skipped (None) when identical to the previous one, unless forced."""
        current = asyncio.current_task(self.loop)
        tasks = self._tasks()
        for t in tasks:  # ids stable across the recording's snapshots: the tracer's, else in order seen
            if t not in self._ids:
                tid = _task_id(t)
                self._ids[t] = tid if tid is not None else (0 if t is self.root else self._next_id)
                if tid is None and t is not self.root:
                    self._next_id += 1
        roots = build_roots(tasks, current=current, skip=skip + 1, ids=self._ids)
        sig = json.dumps(roots, sort_keys=True, default=str)
        if not force and sig == self._last_sig:
            return None
        self._last_sig = sig
        snap = {"at": round(self.now() - self.t0, 6), "label": label, "roots": roots}
        if len(self.snapshots) >= self.max_snapshots:
            self.snapshots[-1] = snap
            self.omitted += 1
        else:
            self.snapshots.append(snap)
        return snap

    # settling: every recorded task suspended, nothing ready
    def _activity(self) -> None:
        if not self._armed:
            self._armed = True
            self._armed_seq = self._seq
            self._soon(self._probe)

    def _soon(self, callback) -> None:
        if self._has_ready_queue:
            self._orig_soon(callback, context=_BASE)
        else:
            self._orig_later(0, callback, context=_BASE)

    def _probe(self) -> None:
        self._armed = False
        if _active is not self:
            return
        busy = others_ready(self.loop) if self._has_ready_queue else self._seq != self._armed_seq
        if busy:
            self._armed = True
            self._armed_seq = self._seq
            self._soon(self._probe)
            return
        if self._tasks():
            self.take("every task is waiting")


@asynccontextmanager
async def record(**options) -> AsyncIterator[Recorder]:
    """Record call-graph snapshots of the tasks created in the block."""
    rec = Recorder(asyncio.get_running_loop(), **options).start()
    rec.root = asyncio.current_task()
    try:
        yield rec
    finally:
        rec.stop()


def snapshot(label: str | None = None) -> CallGraph:
    """The call graph now.

    Inside ``%%callgraph`` (or :func:`record`) this adds a labelled snapshot to the
    recording; elsewhere it shows every task of the learner's that is not done.
    Returns a :class:`CallGraph` (displayable).
    """
    rec = _active
    if rec is not None:
        snap = rec.take(label or "snapshot()", force=True, skip=1)
        return CallGraph([snap] if snap else [], NOTE)
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return CallGraph([{"at": 0.0, "label": label or "now", "roots": []}], (NOTE or "") + " No event loop is running.")
    current = asyncio.current_task(loop)
    tasks = _interesting(asyncio.all_tasks(loop))
    if current is not None and current in tasks and is_kernel_task(current):
        tasks.remove(current)
    ids = {t: n for n, t in enumerate(sorted(tasks, key=lambda t: t.get_name()), start=1)}
    roots = build_roots(tasks, current=current, skip=1, ids=ids)
    return CallGraph([{"at": 0.0, "label": label or "now", "roots": roots}], NOTE)
