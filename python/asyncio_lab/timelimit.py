"""The checks' one time limit: wait for a check with a real-time deadline, and when it
passes, say what was still waiting and leave the kernel as the check found it.

:func:`run_limited` is what :func:`asyncio_lab.exercises.run_checks` uses for every
check::

    outcome = await run_limited(coro, limit=10.0)      # real seconds
    outcome.done, outcome.task                          # the check's task, finished or not
    outcome.waiting                                     # "line 5 of serve (`await stop.wait()`), awaiting Event.wait()"
    outcome.cleaned                                     # what was left behind and has been undone

The deadline is a real-time timer scheduled outside any virtual clock (from an empty
context, see :mod:`asyncio_lab.virtualclock`), so it fires on both CPython and Pyodide
whatever the check does with time; ``virtual_limit`` adds a deadline on the loop's
clock as the check sees it (a virtual one for ``virtual_time`` exercises).  Code that
blocks the loop's thread without ever yielding cannot be stopped from the same
thread: no timer can fire until it yields.

When the deadline passes, the check's task and every task created since it started are
cancelled and given :data:`GRACE` real seconds to finish; then whatever the check
left behind is undone and listed: signal handlers added to the loop (or to the
lesson's stand-in), sockets opened meanwhile (CPython on Linux: file descriptors
under ``/proc/self/fd``), attributes replaced on the loop instance or on the modules
in :data:`WATCHED_MODULES`; threads started meanwhile cannot be stopped from outside
and are reported.
"""

from __future__ import annotations

import asyncio
import contextvars
import gc
import linecache
import os
import socket
import sys
import threading
from dataclasses import dataclass, field
from typing import Any, Awaitable

from ._patch import is_learner_file

__all__ = ["GRACE", "LimitOutcome", "WATCHED_MODULES", "run_limited"]

#: Real seconds a cancelled check (and what it started) gets to finish its cleanup.
GRACE = 1.0

#: Modules whose functions a check or the learner's code might replace (and must put back).
WATCHED_MODULES = ("asyncio", "asyncio.tasks", "asyncio.events", "time", "socket", "signal", "threading", "os")

_OWN_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep


@dataclass
class _Snapshot:
    tasks: set
    threads: set
    signals: set
    standin_signals: set
    fds: set | None
    loop_attrs: dict
    module_attrs: dict

    @classmethod
    def take(cls, loop) -> "_Snapshot":
        return cls(
            tasks=set(asyncio.tasks.all_tasks(loop)),
            threads=set(threading.enumerate()),
            signals=set(getattr(loop, "_signal_handlers", None) or {}),
            standin_signals=set(_standin_registry(loop)),
            fds=_open_fds(),
            loop_attrs=dict(vars(loop)) if hasattr(loop, "__dict__") else {},
            module_attrs={
                name: {k: v for k, v in vars(sys.modules[name]).items() if callable(v)}
                for name in WATCHED_MODULES
                if name in sys.modules
            },
        )


def _standin_registry(loop) -> set:
    mod = sys.modules.get("asyncio_lab.standins.signals")
    if mod is None:
        return set()
    reg = mod._registries.get(loop)
    return set(reg.installed) if reg is not None else set()


def _open_fds() -> set | None:
    """The open file descriptors (Linux), without the one the listing itself used."""
    try:
        listed = os.listdir("/proc/self/fd")
    except OSError:
        return None
    fds = set()
    for fd in listed:
        try:
            os.fstat(int(fd))
        except (OSError, ValueError):
            continue
        fds.add(fd)
    return fds


@dataclass
class LimitOutcome:
    task: asyncio.Future
    done: bool
    waiting: str = ""
    cleaned: list[str] = field(default_factory=list)


async def run_limited(
    aw: Awaitable[Any], *, limit: float, virtual_limit: float | None = None, hide: set | None = None
) -> LimitOutcome:
    """Await ``aw`` (in a task of its own) for at most ``limit`` real seconds; see the module docstring."""
    loop = asyncio.get_running_loop()
    before = _Snapshot.take(loop)
    task = asyncio.ensure_future(aw)
    if hide is not None:
        hide.add(task)
    if not await _wait(loop, task, limit, virtual_limit):
        return LimitOutcome(task, True)
    waiting = describe_waiting(task, before.tasks)
    cleaned = await _clean_up(loop, task, before)
    return LimitOutcome(task, False, waiting, cleaned)


async def _wait(loop, fut: asyncio.Future, limit: float, virtual_limit: float | None = None) -> bool:
    """Wait for ``fut``; True if the deadline passed first (``fut`` is left as it is)."""
    if fut.done():
        return False
    woken = loop.create_future()

    def wake(*_: Any) -> None:
        if not woken.done():
            woken.set_result(None)

    fut.add_done_callback(wake)
    # From an empty context, call_later is the loop's own (real time) even under a virtual clock.
    real = contextvars.Context().run(loop.call_later, limit, wake)
    virtual = loop.call_later(virtual_limit, wake) if virtual_limit is not None else None
    try:
        await woken
    except asyncio.CancelledError:
        fut.cancel()  # the runner itself is cancelled (the kernel's interrupt): take the check along
        raise
    finally:
        real.cancel()
        if virtual is not None:
            virtual.cancel()
        fut.remove_done_callback(wake)
    return not fut.done()


# --------------------------------------------------------------------------- what it was waiting for

def _is_learner(filename: str) -> bool:
    return filename == "<string>" or is_learner_file(filename)


def _chain(task) -> list:
    """The coroutines (and generators) a suspended task is awaiting, outermost first."""
    out = []
    coro = task.get_coro() if hasattr(task, "get_coro") else None
    while coro is not None and len(out) < 100:
        out.append(coro)
        coro = getattr(coro, "cr_await", None) or getattr(coro, "gi_yieldfrom", None)
    return out


def _describe_task(task) -> tuple[str, bool]:
    """('line N of f (`source`), awaiting X', found learner code?) for a suspended task."""
    learner = None
    awaiting = None
    for coro in _chain(task):
        code = getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
        if code is None or frame is None:
            continue
        if _is_learner(code.co_filename):
            learner, awaiting = (code, frame.f_lineno), None
        elif learner is not None and awaiting is None:
            awaiting = getattr(code, "co_qualname", code.co_name)
    waiter = getattr(task, "_fut_waiter", None)
    if learner is None:
        name = task.get_name() if hasattr(task, "get_name") else "a task"
        return (f"task {name!r}" + (f", awaiting {awaiting}()" if awaiting else "")), False
    code, line = learner
    text = f"line {line} of `{code.co_name}`"
    source = linecache.getline(code.co_filename, line).strip()
    if source:
        text += f" (`{source}`)"
    if awaiting:
        text += f", awaiting {awaiting}()"
    elif waiter is not None:
        text += f", awaiting {type(waiter).__name__}"
    return text, True


def describe_waiting(task, tasks_before: set = frozenset()) -> str:
    """Where the learner's code was waiting: in the check's task, or else in a task it created."""
    text, found = _describe_task(task)
    if found:
        return "your code was still waiting at " + text
    for other in asyncio.tasks.all_tasks():
        if other is task or other in tasks_before or other.done():
            continue
        text2, found2 = _describe_task(other)
        if found2:
            return "your code was still waiting at " + text2
    return "the check was still waiting (" + text + ")"


# --------------------------------------------------------------------------- leave the kernel clean

async def _clean_up(loop, task: asyncio.Future, before: _Snapshot) -> list[str]:
    done: list[str] = []
    me = asyncio.current_task()
    new = [t for t in asyncio.tasks.all_tasks(loop) if t not in before.tasks and t is not me and not t.done()]
    if not task.done() and task not in new:
        new.append(task)
    for _round in range(3):  # a task may catch one CancelledError; ask again
        pending = [t for t in new if not t.done()]
        if not pending:
            break
        for t in pending:
            t.cancel()
        await _wait(loop, asyncio.gather(*pending, return_exceptions=True), GRACE / 3)
    if new:
        stubborn = [t for t in new if not t.done()]
        if stubborn:
            done.append(
                f"{len(stubborn)} task(s) ignored cancellation and are still running "
                f"({', '.join(repr(t.get_name()) for t in stubborn[:3])})"
            )
        n = len(new) - len(stubborn)
        if n:
            done.append(f"{n} task(s) cancelled")
    # signal handlers
    for sig in sorted(set(getattr(loop, "_signal_handlers", None) or {}) - before.signals):
        try:
            loop.remove_signal_handler(sig)
            done.append(f"signal handler for {_signame(sig)} removed")
        except Exception:  # pragma: no cover - the loop refuses
            pass
    mod = sys.modules.get("asyncio_lab.standins.signals")
    if mod is not None:
        reg = mod._registries.get(loop)
        if reg is not None:
            for sig in sorted(set(reg.installed) - before.standin_signals):
                reg.handlers.pop(sig, None)
                reg.installed.discard(sig)
                done.append(f"signal handler for {_signame(sig)} removed")
    # patched functions
    if hasattr(loop, "__dict__"):
        now = vars(loop)
        for name in [k for k in now if k not in before.loop_attrs and callable(now[k])]:
            delattr(loop, name)
            done.append(f"loop.{name} put back")
        for name, value in before.loop_attrs.items():
            if now.get(name, value) is not value and callable(value):
                setattr(loop, name, value)
                done.append(f"loop.{name} put back")
    for modname, attrs in before.module_attrs.items():
        module = sys.modules.get(modname)
        if module is None:
            continue
        for name, value in attrs.items():
            if getattr(module, name, value) is not value:
                setattr(module, name, value)
                done.append(f"{modname}.{name} put back")
    # sockets
    if before.fds is not None:
        fresh = (_open_fds() or set()) - before.fds
        closed = _close_sockets({int(fd) for fd in fresh})
        if closed:
            done.append(f"{closed} socket(s) closed")
            await asyncio.sleep(0)  # an aborted transport closes its socket on the loop's next step
    # threads
    threads = [t for t in threading.enumerate() if t not in before.threads and t.is_alive()]
    if threads:
        done.append(
            f"{len(threads)} thread(s) still running, which cannot be stopped from outside "
            f"({', '.join(t.name for t in threads[:3])})"
        )
    return done


def _signame(sig: int) -> str:
    import signal

    try:
        return signal.Signals(sig).name
    except ValueError:
        return str(sig)


def _close_sockets(fds: set[int]) -> int:
    """Close the transports and sockets among the live objects whose file descriptor is in ``fds``.

    A transport is aborted (the loop closes its socket on its next step); a socket that
    belongs to a transport is left to it, or the loop would lose track of the descriptor.
    """
    if not fds:
        return 0
    closed = 0
    objects = gc.get_objects()
    owned: set[int] = set()
    for obj in objects:
        try:
            if isinstance(obj, asyncio.BaseTransport):
                sock = obj.get_extra_info("socket")
                fd = sock.fileno() if sock is not None else -1
                if fd in fds:
                    owned.add(fd)
                    if not obj.is_closing():
                        obj.abort() if hasattr(obj, "abort") else obj.close()
                        closed += 1
        except Exception:  # pragma: no cover - an object in a strange state
            continue
    for obj in objects:
        try:
            if isinstance(obj, socket.socket) and obj.fileno() in fds and obj.fileno() not in owned:
                obj.close()
                closed += 1
        except Exception:  # pragma: no cover
            continue
    return closed
