"""Run asyncio code on a virtual clock: the plain API under ``%%virtualtime``.

Sleeps, timeouts and ``call_later`` timers fire as soon as the loop would
otherwise sit idle, in time order, with ``loop.time()`` jumping to each timer's
moment: an hour of retries runs in milliseconds, always in the same order::

    from asyncio_lab.virtualclock import virtual_time
    async with virtual_time() as clock:
        await asyncio.sleep(3600)
    clock.elapsed   # 3600.0

How it works (and why it cannot break the notebook's loop)
----------------------------------------------------------
Only code running in the *context* of the block (the current task, and every
task or callback created from it, which copy the context) sees virtual time: a
:class:`contextvars.ContextVar` marks it.  For the duration, the running loop
*instance* gets its own ``time``, ``call_at`` and ``call_later``: called from a
marked context they use the virtual clock and a private timer heap; called
from anywhere else (the kernel's own tasks, Pyodide's runtime) they are the
loop's originals, so the kernel keeps real time.  A "pump" callback on the
loop's ready queue watches for idleness: on CPython's loops when the ready
queue is empty (``loop._ready``), on Pyodide's WebLoop (no ready queue: every
callback is a JS immediate, run in order) when no callback was scheduled since
the pump was.  Then it advances the clock to the earliest timer and runs the
timers due.  On exit, the patches are removed and timers still pending move
to the real loop, with their remaining virtual delay.

What cannot be virtualised is refused inside the block with
:class:`VirtualTimeError`: ``time.sleep``, threads, ``run_in_executor``/
``to_thread``, sockets, subprocesses, pipes.  If every task waits and no timer
is pending for ``stall_timeout`` real seconds (a deadlock, or a wait for
something outside the virtual world), the block is cancelled and
:class:`VirtualTimeStall` says who was waiting where.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import heapq
import math
import threading
import time
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator

from ._patch import PROBES, Patches, is_learner_file, others_ready

__all__ = ["VirtualClock", "VirtualTimeError", "VirtualTimeStall", "virtual_time", "current"]

#: Real seconds without any activity, no timer pending and the code not finished,
#: before the virtual clock declares a stall.
STALL_TIMEOUT = 2.0

_CLOCK: contextvars.ContextVar["VirtualClock | None"] = contextvars.ContextVar(
    "asyncio_lab_virtual_clock", default=None
)
_BASE = contextvars.Context()  # an empty context: the pump and watchdog never run on the clock

#: Loop methods that wait for the outside world, refused on the virtual clock.
_IO_METHODS = (
    "create_connection", "create_server", "create_datagram_endpoint", "create_unix_connection",
    "create_unix_server", "connect_accepted_socket", "connect_read_pipe", "connect_write_pipe",
    "subprocess_exec", "subprocess_shell", "sock_recv", "sock_recv_into", "sock_recvfrom",
    "sock_recvfrom_into", "sock_sendall", "sock_sendto", "sock_connect", "sock_accept",
    "sock_sendfile", "sendfile", "start_tls", "getaddrinfo", "getnameinfo", "add_reader",
    "add_writer",
)


class VirtualTimeError(RuntimeError):
    """Something that waits in real time was called on the virtual clock."""


class VirtualTimeStall(RuntimeError):
    """Every task was waiting, with no timer pending: without virtual time this would hang."""


def current() -> "VirtualClock | None":
    """The virtual clock the calling code runs on, if any."""
    return _CLOCK.get()


_installed: "VirtualClock | None" = None


class VirtualClock:
    """A virtual clock for one event loop; see the module docstring."""

    def __init__(self, loop: asyncio.AbstractEventLoop | None = None, *, stall_timeout: float = STALL_TIMEOUT):
        self.loop = loop or asyncio.get_running_loop()
        self.stall_timeout = stall_timeout
        self.start = 0.0
        self._now = 0.0
        self.real_start = 0.0
        self.real_end: float | None = None
        self.end: float | None = None
        self.root: asyncio.Future | None = None
        self.stalled = False
        self.stall_message: str | None = None
        self.timers_fired = 0
        self._heap: list[tuple[float, int, asyncio.TimerHandle]] = []
        self._seq = 0
        self._activity = 0
        self._ready_seq = 0  # WebLoop: immediates scheduled so far
        self._armed = False
        self._armed_seq = 0
        self._patches = Patches()
        self._token = None
        self._watchdog = None
        self._watch_mark: tuple = ()
        self._before: set = set()
        self._has_ready_queue = hasattr(self.loop, "_ready")
        self._handle_loop = _HandleLoop(self.loop)

    # ------------------------------------------------------------------ reading
    def now(self) -> float:
        """The virtual ``loop.time()``."""
        return self._now

    def reader(self):
        """A C-level callable returning :meth:`now` (cheaper on hot paths, e.g. the tracer's)."""
        return functools.partial(getattr, self, "_now")

    @property
    def elapsed(self) -> float:
        """Virtual seconds since :meth:`install` (frozen at :meth:`uninstall`)."""
        return (self._now if self.end is None else self.end) - self.start

    @property
    def real_elapsed(self) -> float:
        end = time.perf_counter() if self.real_end is None else self.real_end
        return end - self.real_start

    def summary(self) -> str:
        return f"virtual time elapsed: {self.elapsed:.1f} s (real {self.real_elapsed:.2f} s)"

    def __repr__(self) -> str:
        return f"<VirtualClock {self.summary()}>"

    # ------------------------------------------------------------------ lifecycle
    def install(self) -> "VirtualClock":
        """Patch the loop, and mark the current context as running on this clock."""
        global _installed
        if _installed is not None:
            raise VirtualTimeError("a virtual clock is already running; virtual time cannot be nested")
        loop = self.loop
        p = self._patches
        self._orig_time = loop.time
        self._orig_call_at = loop.call_at
        self._orig_call_later = loop.call_later
        self._orig_call_soon = loop.call_soon
        self._orig_run_in_executor = loop.run_in_executor
        try:
            p.set(loop, "time", self._time)
            p.set(loop, "call_at", self._call_at)
            p.set(loop, "call_later", self._call_later)
            p.set(loop, "run_in_executor", self._refuse_executor)
            for name in _IO_METHODS:
                orig = getattr(loop, name, None)
                if orig is not None:
                    p.set(loop, name, self._refuser(name, orig))
        except AttributeError:
            p.restore()
            raise VirtualTimeError(
                f"cannot run a virtual clock on {type(loop).__name__}: its methods cannot be patched"
            ) from None
        self._orig_sleep = time.sleep
        p.set(time, "sleep", self._sleep)
        self._orig_thread_start = threading.Thread.start
        p.set(threading.Thread, "start", self._thread_start())
        # Start on a whole second (just ahead of the real clock, so time never goes back):
        # sums of whole or binary-fraction delays are then exact, and elapsed reads 3600.0.
        self.start = self._now = float(math.ceil(self._orig_time()))
        self.real_start = time.perf_counter()
        self._token = _CLOCK.set(self)
        self._before = set(asyncio.all_tasks(loop))
        _installed = self
        PROBES.add(self._pump)
        if self.stall_timeout and self.stall_timeout > 0:
            self._watch()
        return self

    def uninstall(self) -> None:
        """Restore the loop; move pending timers to real time; unmark the context."""
        global _installed
        if _installed is not self:
            return
        _installed = None
        self.end = self._now
        self.real_end = time.perf_counter()
        if self._watchdog is not None:
            self._watchdog.cancel()
            self._watchdog = None
        heap, self._heap = self._heap, []
        self._patches.restore()
        PROBES.discard(self._pump)
        for when, _, handle in sorted(heap):
            if not handle._cancelled:
                self._real_later(max(when - self._now, 0.0), _run_handle, handle)
        if self._token is not None:
            try:
                _CLOCK.reset(self._token)
            except ValueError:  # reset from another context: unmark by hand
                _CLOCK.set(None)
            self._token = None

    # ------------------------------------------------------------------ patched loop methods
    def _time(self) -> float:
        if _CLOCK.get() is self:
            return self._now
        return self._orig_time()

    def _call_at(self, when, callback, *args, context=None):
        if _CLOCK.get() is not self:
            return self._orig_call_at(when, callback, *args, context=context)
        return self._schedule(when, callback, args, context)

    def _call_later(self, delay, callback, *args, context=None):
        mine = _CLOCK.get() is self
        if mine and delay > 0:
            return self._schedule(self._now + delay, callback, args, context)
        if not self._has_ready_queue and delay <= 0.002 and callback not in PROBES:
            # WebLoop: call_soon is call_later(0), a JS immediate (FIFO); count them.
            self._ready_seq += 1
        if mine:
            self._activity += 1
            if self._has_ready_queue:
                return self._orig_call_soon(callback, *args, context=context)
        return self._orig_call_later(delay, callback, *args, context=context)

    def _schedule(self, when, callback, args, context) -> asyncio.TimerHandle:
        if context is None:
            context = contextvars.copy_context()
        handle = asyncio.TimerHandle(when, callback, args, self._handle_loop, context=context)
        self._seq += 1
        heapq.heappush(self._heap, (when, self._seq, handle))
        self._activity += 1
        self._arm()
        return handle

    def _refuse_executor(self, executor, func, *args):
        if _CLOCK.get() is not self:
            return self._orig_run_in_executor(executor, func, *args)
        name = _callable_name(func)
        raise VirtualTimeError(
            f"run_in_executor()/asyncio.to_thread() of {name!r} cannot run on the virtual clock: it runs "
            "in a real thread (or, on Pyodide, inline, blocking the loop), and its real duration would "
            "leave virtual time meaningless. Simulate the work with `await asyncio.sleep(seconds)`, or "
            "run this cell without virtual time."
        )

    def _refuser(self, name, orig):
        def method(*args, **kwargs):
            if _CLOCK.get() is not self:
                return orig(*args, **kwargs)
            raise VirtualTimeError(
                f"loop.{name}() waits for the outside world (network, files, processes), which "
                "cannot run on the virtual clock. Use an in-memory stand-in, or run this cell "
                "without virtual time."
            )

        method.__name__ = name
        return method

    def _sleep(self, seconds):
        if _CLOCK.get() is self:
            raise VirtualTimeError(
                "time.sleep() blocks the whole event loop in real time, and cannot run on the "
                "virtual clock. Inside async code use `await asyncio.sleep(seconds)`, which lets "
                "other tasks run (and takes no real time here)."
            )
        return self._orig_sleep(seconds)

    def _thread_start(self):
        clock = self
        orig = self._orig_thread_start

        def start(thread):
            if _CLOCK.get() is clock:
                raise VirtualTimeError(
                    "threads run in real time and cannot run on the virtual clock; "
                    "run this cell without virtual time."
                )
            return orig(thread)

        return start

    # ------------------------------------------------------------------ the pump
    def _soon(self, callback, *args) -> None:
        """Schedule on the real loop's ready queue, outside the clock, uncounted."""
        if self._has_ready_queue:
            self._orig_call_soon(callback, *args, context=_BASE)
        else:
            self._orig_call_later(0, callback, *args, context=_BASE)

    def _real_later(self, delay, callback, *args) -> asyncio.Handle:
        """A real timer, whatever the calling context (CPython's call_later would ask our time())."""
        if self._has_ready_queue:
            return self._orig_call_at(self._orig_time() + delay, callback, *args, context=_BASE)
        return self._orig_call_later(delay, callback, *args, context=_BASE)

    def _arm(self) -> None:
        if not self._armed and _installed is self:
            self._armed = True
            self._armed_seq = self._ready_seq
            self._soon(self._pump)

    def _busy(self) -> bool:
        if self._has_ready_queue:
            return others_ready(self.loop)
        return self._ready_seq != self._armed_seq

    def _pump(self) -> None:
        self._armed = False
        if _installed is not self:
            return
        if self._busy():
            self._arm()  # behind the callbacks now ready
            return
        heap = self._heap
        while heap and heap[0][2]._cancelled:
            heapq.heappop(heap)
        if not heap:
            return
        if heap[0][0] > self._now:
            self._now = heap[0][0]
        while heap and heap[0][0] <= self._now:
            handle = heapq.heappop(heap)[2]
            if not handle._cancelled:
                self.timers_fired += 1
                if self._has_ready_queue:
                    self.loop._ready.append(handle)
                else:
                    self._ready_seq += 1
                    self._orig_call_later(0, _run_handle, handle, context=_BASE)
        if heap:
            self._arm()

    # ------------------------------------------------------------------ stalls
    def _watch(self) -> None:
        """A real-time watchdog, every stall_timeout seconds while installed."""
        self._watch_mark = (self._activity, self._ready_seq, self.timers_fired)
        self._watchdog = self._real_later(self.stall_timeout, self._watchdog_fired)

    def _watchdog_fired(self) -> None:
        self._watchdog = None
        if _installed is not self:
            return
        if self.root is None or self.root.done():
            return
        live = any(not h._cancelled for _, _, h in self._heap)
        busy = self._has_ready_queue and others_ready(self.loop)
        mark = (self._activity, self._ready_seq, self.timers_fired)
        if live or busy or mark != self._watch_mark:
            self._watch()
            return
        self.stalled = True
        self.stall_message = self._describe_stall()
        self.root.cancel(msg="asyncio-lab virtual clock: stalled")

    def _describe_stall(self) -> str:
        waiting = []
        for task in asyncio.all_tasks(self.loop):
            if (task in self._before and task is not self.root) or task.done():
                continue
            where = _where(task)
            waiting.append(f"{task.get_name()!r}{where}")
        waiting.sort()
        who = "; ".join(waiting[:8]) + (f"; and {len(waiting) - 8} more" if len(waiting) > 8 else "")
        return (
            f"every task was waiting and no timer was pending for {self.stall_timeout:g} s of real "
            f"time (at virtual time {self.elapsed:.3f} s): without virtual time this code would wait "
            f"forever, or for something outside the virtual world (a real network reply, a thread). "
            f"Waiting: {who or 'nothing'}."
        )

    def stall_error(self) -> VirtualTimeStall:
        return VirtualTimeStall(self.stall_message or "virtual time stalled")


class _HandleLoop:
    """The loop as our timer handles see it: cancelling one is none of the real loop's
    business (its timer accounting would count a handle it never scheduled, and older
    WebLoops raise NotImplementedError), everything else is the loop's."""

    __slots__ = ("_loop",)

    def __init__(self, loop):
        self._loop = loop

    def _timer_handle_cancelled(self, handle) -> None:
        pass

    def __getattr__(self, name):
        return getattr(self._loop, name)


def _callable_name(func) -> str:
    """The learner's function inside to_thread's ``partial(context.run, func, ...)``."""
    while isinstance(func, functools.partial):
        inner = func.func
        if getattr(inner, "__name__", "") == "run" and func.args:
            func = func.args[0]
        else:
            func = inner
    return getattr(func, "__qualname__", getattr(func, "__name__", type(func).__name__))


def _run_handle(handle: asyncio.Handle) -> None:
    if not handle._cancelled:
        handle._run()


def _where(task: asyncio.Task) -> str:
    """' in f() at line N, awaiting X' for a suspended task, from its learner frames."""
    coro = task.get_coro()
    line = func = awaiting = None
    seen = 0
    while coro is not None and seen < 50:
        seen += 1
        code = getattr(coro, "cr_code", None)
        frame = getattr(coro, "cr_frame", None)
        if code is not None and frame is not None and is_learner_file(code.co_filename):
            line, func, awaiting = frame.f_lineno, code.co_name, None
        elif code is not None and awaiting is None:
            awaiting = getattr(code, "co_qualname", code.co_name)
        coro = getattr(coro, "cr_await", None)
    out = ""
    if line is not None:
        out += " in the cell" if func == "<module>" else f" in {func}()"
        out += f" at line {line}"
    if awaiting:
        out += f", awaiting {awaiting}()"
    return out


@asynccontextmanager
async def virtual_time(*, stall_timeout: float = STALL_TIMEOUT) -> AsyncIterator[VirtualClock]:
    """Run the block (and the tasks it creates) on a virtual clock.

    On a stall the block is cancelled and :class:`VirtualTimeStall` raised.
    """
    clock = VirtualClock(asyncio.get_running_loop(), stall_timeout=stall_timeout).install()
    clock.root = asyncio.current_task()
    try:
        yield clock
    except asyncio.CancelledError:
        if clock.stalled and clock.root is not None:
            clock.root.uncancel()
            raise clock.stall_error() from None
        raise
    finally:
        clock.uninstall()


async def run(coro, *, stall_timeout: float = STALL_TIMEOUT, name: str = "main") -> tuple[Any, VirtualClock]:
    """Run ``coro`` as a task on a virtual clock; return (its value, the clock)."""
    clock = VirtualClock(asyncio.get_running_loop(), stall_timeout=stall_timeout).install()
    try:
        task = clock.loop.create_task(coro, name=name)
        clock.root = task
        try:
            value = await task
        except asyncio.CancelledError:
            if clock.stalled and task.cancelled():
                raise clock.stall_error() from None
            raise
    finally:
        clock.uninstall()
    return value, clock
