"""Run a coroutine (a notebook cell's code) under the tracer, the virtual clock
and/or the call-graph recorder: the one plain runner under ``%%timeline``,
``%%virtualtime``, ``%%callgraph`` and ``%%check`` exercises that ask for it.

The code runs as a task of its own named ``cell`` (so it has an identity in
timelines and call graphs, and a stall can be interrupted without touching the
kernel's task); its value is returned and its exception kept, never swallowed.
Every patch is undone before this returns, even on error or cancellation.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from . import callgraph as _callgraph
from . import tracer as _tracer
from . import virtualclock as _vc

__all__ = ["InstrumentError", "Outcome", "run"]


class InstrumentError(RuntimeError):
    """The instruments could not be set up (nested use, or a loop that cannot be patched)."""


@dataclass
class Outcome:
    """What running the code gave: its value or exception, and what was recorded."""

    value: Any = None
    error: BaseException | None = None
    timeline: "_tracer.Timeline | None" = None
    clock: "_vc.VirtualClock | None" = None
    callgraph: "_callgraph.CallGraph | None" = None

    def raise_error(self) -> None:
        __tracebackhide__ = True  # noqa: F841
        if self.error is not None:
            raise self.error


async def run(
    coro,
    *,
    trace: bool = False,
    virtual: bool = False,
    callgraph: bool = False,
    name: str = "cell",
    stall_timeout: float = _vc.STALL_TIMEOUT,
    max_tasks: int = _tracer.MAX_TASKS,
    max_steps: int = _tracer.MAX_STEPS,
) -> Outcome:
    """Run ``coro`` as a task named ``name``; see the module docstring.

    ``Exception``s raised by the code end up in ``Outcome.error`` (a virtual-time
    stall as :class:`~asyncio_lab.virtualclock.VirtualTimeStall`); a cancellation
    of the caller cancels the code and propagates.
    """
    __tracebackhide__ = True  # noqa: F841
    loop = asyncio.get_running_loop()
    out = Outcome()
    clock = tr = rec = None
    try:
        if virtual:
            clock = _vc.VirtualClock(loop, stall_timeout=stall_timeout).install()
        if trace:
            tr = _tracer.Tracer(
                loop,
                clock=clock.reader() if clock else None,
                clock_kind="virtual" if clock else "real",
                max_tasks=max_tasks,
                max_steps=max_steps,
            ).start()
        if callgraph:
            rec = _callgraph.Recorder(loop, clock=clock.reader() if clock else None).start()
    except BaseException as exc:
        coro.close()
        for part in (rec, tr):
            if part is not None:
                part.stop()
        if clock is not None:
            clock.uninstall()
        if isinstance(exc, Exception):
            raise InstrumentError(str(exc)) from exc
        raise
    try:
        task = tr.create_root_task(coro, name=name) if tr else loop.create_task(coro, name=name)
        if clock is not None:
            clock.root = task
        if rec is not None:
            rec.root = task
        try:
            out.value = await task
        except asyncio.CancelledError:
            if clock is not None and clock.stalled and task.cancelled():
                out.error = clock.stall_error()
            elif task.cancelled() and not _cancelling(asyncio.current_task()):
                out.error = asyncio.CancelledError("the cell's code was cancelled")
            else:
                task.cancel()
                raise
        except Exception as exc:
            out.error = exc
    finally:
        if rec is not None:
            out.callgraph = rec.stop()
        if tr is not None:
            out.timeline = tr.stop()
        if clock is not None:
            clock.uninstall()
            out.clock = clock
    return out


def _cancelling(task) -> int:
    return task.cancelling() if task is not None and hasattr(task, "cancelling") else 0
