"""Worker threads for the lessons: real threads on CPython, a stand-in worker on Pyodide.

The lesson on event loops and threads hands work to other threads and results back
to the loop.  The browser's Pyodide build has no thread support (``Thread.start()``
raises ``RuntimeError``, ``asyncio.to_thread`` runs the function inline; the kernel itself
runs in a Web Worker), so this module
offers the two calls the lesson needs, with the same results on both::

    fut = start_thread(fn, *args)         # a concurrent.futures.Future with fn's result
    value = await to_thread(fn, *args)    # like asyncio.to_thread

On CPython ``start_thread`` starts a real ``threading.Thread`` and ``to_thread`` *is*
``asyncio.to_thread``.  On Pyodide the stand-in runs the function **later, from the
event loop** (``loop.call_soon``), and completes the same kind of
``concurrent.futures.Future``.  What a worker sees is kept faithful:

* ``asyncio.get_running_loop()`` raises ``RuntimeError: no running event loop``
  inside a worker (a new thread has no loop), so the worker must be given the loop;
* the worker hands results back with ``loop.call_soon_threadsafe`` or
  ``asyncio.run_coroutine_threadsafe``, which are real asyncio calls on both;
* a function started by :func:`start_thread` runs in a fresh ``contextvars`` context,
  one run by :func:`to_thread` in a copy of the caller's (as asyncio does);
* :func:`thread_name` names the worker ("worker-1") instead of the tab's one thread.

What a stand-in cannot do, it says plainly instead of hanging the tab: a plain
function runs in one go and blocks the loop meanwhile (exactly what Pyodide's own
``asyncio.to_thread`` does), and a worker that waits for the loop with
``concurrent.futures.Future.result()`` gets a ``RuntimeError`` explaining why (on the
tab's only thread that wait could never end).  Work written as a *sliced* function
(:func:`sliced`, used by the lessons' instrumented CPU work) is run one slice per
loop iteration, taking turns with the loop's tasks the way the operating system
switches between a real thread and the loop's thread.

Tests force either implementation with :func:`use`; the environment variable
``ASYNCIO_LAB_STANDINS`` (``threads``, ``all`` or ``1``) makes CPython use the
stand-in for a whole kernel.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextvars
import functools
import itertools
import os
import threading
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Callable, Iterator

from ..platform import IN_BROWSER

__all__ = [
    "REAL",
    "STANDIN",
    "describe",
    "implementation",
    "in_worker",
    "sliced",
    "slicing",
    "start_thread",
    "thread_key",
    "thread_name",
    "to_thread",
    "use",
]

REAL = "real"
STANDIN = "stand-in"
_KINDS = (REAL, STANDIN)

_forced: ContextVar[str | None] = ContextVar("asyncio_lab_threads_implementation", default=None)


def _env_forces_standin() -> bool:
    value = os.environ.get("ASYNCIO_LAB_STANDINS", "").lower()
    return any(v.strip() in ("1", "all", "threads") for v in value.split(","))


def implementation() -> str:
    """``"real"`` (operating-system threads) or ``"stand-in"`` (the tab's one thread)."""
    forced = _forced.get()
    if forced is not None:
        return forced
    return STANDIN if IN_BROWSER or _env_forces_standin() else REAL


@contextmanager
def use(kind: str) -> Iterator[str]:
    """Force an implementation inside the block: ``use("stand-in")`` or ``use("real")``."""
    if kind not in _KINDS:
        raise ValueError(f"kind must be one of {_KINDS}, not {kind!r}")
    if kind == REAL and IN_BROWSER:
        raise RuntimeError("real threads do not exist on Pyodide; only the stand-in can run here")
    token = _forced.set(kind)
    try:
        yield kind
    finally:
        _forced.reset(token)


def describe() -> str:
    """One line for the learner: which implementation runs the lesson's workers."""
    if implementation() == REAL:
        return (
            "threads: real operating-system threads (threading.Thread; to_thread is asyncio.to_thread)"
        )
    return (
        "threads: the stand-in worker (this Pyodide cannot start threads: a worker runs later on the loop's "
        "thread, started with loop.call_soon, and reports back through the same asyncio calls)"
    )


# --------------------------------------------------------------------------- who is running

class _WorkerState(threading.local):
    name: str | None = None  # the stand-in worker running now, if any
    slicing: bool = False  # running one slice of sliced work


_state = _WorkerState()
_counter = itertools.count(1)


def in_worker() -> bool:
    """True inside a function started by :func:`start_thread`/:func:`to_thread`, or any non-main thread."""
    return _state.name is not None or threading.current_thread() is not threading.main_thread()


def thread_name() -> str:
    """The name of the thread running this code; inside a stand-in worker, the worker's name."""
    return _state.name or threading.current_thread().name


def slicing() -> bool:
    """True while a stand-in worker runs one slice of :func:`sliced` work (taking turns with the loop)."""
    return _state.slicing


def thread_key() -> tuple[int, str | None]:
    """An identity for "the thread running this code" that tells stand-in workers apart too."""
    return (threading.get_ident(), _state.name)


# --------------------------------------------------------------------------- sliced work

def sliced(steps: Callable[..., Iterator[Any]]) -> Callable[..., Any]:
    """Turn a generator function into a plain blocking function that stand-in workers can slice.

    Called normally, the result runs every step at once and returns the generator's
    return value: it blocks its thread like any CPU-bound function.  Run by a stand-in
    worker, one step runs per event-loop iteration, so the loop's tasks take turns
    with it as they would with a real thread.
    """

    @functools.wraps(steps)
    def run_all(*args, **kwargs):
        gen = steps(*args, **kwargs)
        while True:
            try:
                next(gen)
            except StopIteration as stop:
                return stop.value

    run_all.__asyncio_lab_steps__ = steps  # type: ignore[attr-defined]
    return run_all


def _steps_of(fn: Callable[..., Any], args: tuple, kwargs: dict):
    """The step generator for ``fn(*args, **kwargs)`` if fn is sliced (possibly in a partial)."""
    pre_args: tuple = ()
    pre_kwargs: dict = {}
    while isinstance(fn, functools.partial):
        pre_args = fn.args + pre_args
        pre_kwargs = {**fn.keywords, **pre_kwargs}
        fn = fn.func
    steps = getattr(fn, "__asyncio_lab_steps__", None)
    if steps is None:
        return None
    return steps(*pre_args, *args, **{**pre_kwargs, **kwargs})


# --------------------------------------------------------------------------- real threads

def _start_real(fn, args, kwargs, name, context) -> concurrent.futures.Future:
    fut: concurrent.futures.Future = concurrent.futures.Future()

    def target():
        if not fut.set_running_or_notify_cancel():
            return
        try:
            result = context.run(fn, *args, **kwargs)
        except BaseException as exc:  # the future carries every outcome, as an executor's does
            fut.set_exception(exc)
        else:
            fut.set_result(result)

    threading.Thread(target=target, name=name, daemon=True).start()
    return fut


# --------------------------------------------------------------------------- the stand-in

_WAIT_MESSAGE = (
    "a stand-in worker cannot wait for the event loop: this Pyodide cannot start threads, so the "
    "worker runs on the loop's own thread and the loop can only continue once the worker "
    "returns. Hand the result back without waiting (loop.call_soon_threadsafe, or keep the "
    "future that asyncio.run_coroutine_threadsafe returns), or wait with a timeout."
)
_original_result = concurrent.futures.Future.result


def _guarded_result(self, timeout=None):
    if timeout is None and not self.done() and _state.name is not None:
        raise RuntimeError(_WAIT_MESSAGE)
    return _original_result(self, timeout)


@contextmanager
def _as_worker(name: str) -> Iterator[None]:
    """While a stand-in worker runs: no running loop, its name, and no waiting on the loop."""
    previous_name = _state.name
    previous_loop = asyncio._get_running_loop()
    _state.name = name
    asyncio._set_running_loop(None)
    concurrent.futures.Future.result = _guarded_result  # type: ignore[method-assign]
    try:
        yield
    finally:
        concurrent.futures.Future.result = _original_result  # type: ignore[method-assign]
        asyncio._set_running_loop(previous_loop)
        _state.name = previous_name


def _start_standin(fn, args, kwargs, name, context) -> concurrent.futures.Future:
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        raise RuntimeError(
            "the stand-in worker runs on the event loop: call start_thread()/to_thread() "
            "from code that runs in the loop (a notebook cell or a coroutine)"
        ) from None
    fut: concurrent.futures.Future = concurrent.futures.Future()
    fut.set_running_or_notify_cancel()
    gen = None

    def finish(exc: BaseException | None = None, result: Any = None) -> None:
        if exc is not None:
            fut.set_exception(exc)
        else:
            fut.set_result(result)

    def step() -> None:
        nonlocal gen
        with _as_worker(name):
            try:
                if gen is None:
                    gen = context.run(_steps_of, fn, args, kwargs)
                    if gen is None:  # a plain function: it runs in one go
                        finish(result=context.run(fn, *args, **kwargs))
                        return
                _state.slicing = True
                try:
                    context.run(next, gen)
                finally:
                    _state.slicing = False
            except StopIteration as stop:
                finish(result=stop.value)
                return
            except BaseException as exc:
                finish(exc)
                return
        loop.call_soon(step)

    loop.call_soon(step)
    return fut


# --------------------------------------------------------------------------- the API

def start_thread(fn: Callable[..., Any], /, *args: Any, name: str | None = None) -> concurrent.futures.Future:
    """Run ``fn(*args)`` in a new worker; return a ``concurrent.futures.Future`` of its result.

    CPython: a new daemon ``threading.Thread``.  Pyodide: the stand-in worker, started
    from the running loop.  ``await asyncio.wrap_future(fut)`` waits for it in a coroutine.
    """
    name = name or f"worker-{next(_counter)}"
    context = contextvars.Context()  # a new thread starts with an empty context
    if implementation() == REAL:
        return _start_real(fn, args, {}, name, context)
    return _start_standin(fn, args, {}, name, context)


async def to_thread(func: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    """``asyncio.to_thread(func, *args, **kwargs)``; on Pyodide, the stand-in worker."""
    if implementation() == REAL:
        return await asyncio.to_thread(func, *args, **kwargs)
    fut = _start_standin(func, args, kwargs, f"to_thread-{next(_counter)}", contextvars.copy_context())
    return await asyncio.wrap_future(fut)
