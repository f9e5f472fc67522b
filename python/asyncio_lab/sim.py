"""Instrumented stand-ins for slow work (downloads, a kettle, a toaster).

Each helper records when it starts and finishes, so a lesson can print the order
of events and a check can compute how many ran at the same time (the peak in
flight) and whether any was still running when the learner's code returned.
Nothing here measures wall-clock time.
"""

from __future__ import annotations

import asyncio
import contextvars
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator

__all__ = ["Recorder", "boil_water", "fake_download", "recorder", "recording", "toast_bread"]


@dataclass
class Recorder:
    """Start/finish events of the helpers, in the order they happened."""

    events: list[tuple[str, str]] = field(default_factory=list)
    delays: dict[str, float] = field(default_factory=dict)
    in_flight: int = 0
    peak: int = 0
    _tasks: dict[str, asyncio.Task] = field(default_factory=dict, repr=False)

    def _start(self, name: str) -> None:
        self.events.append(("start", name))
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        task = asyncio.current_task()
        if task is not None:
            self._tasks[name] = task

    def _end(self, kind: str, name: str) -> None:
        self.events.append((kind, name))
        self.in_flight -= 1
        self._tasks.pop(name, None)

    @property
    def order(self) -> list[str]:
        """Events as strings, e.g. ``['start a', 'start b', 'finish a', 'finish b']``."""
        return [f"{kind} {name}" for kind, name in self.events]

    def started(self) -> list[str]:
        return [name for kind, name in self.events if kind == "start"]

    def still_running(self) -> list[str]:
        return sorted(self._tasks)

    def cancel_leftovers(self) -> None:
        for task in list(self._tasks.values()):
            task.cancel()

    def clear(self) -> None:
        self.events.clear()
        self.in_flight = self.peak = 0
        self._tasks.clear()


_DEFAULT = Recorder()
_CURRENT: contextvars.ContextVar[Recorder | None] = contextvars.ContextVar(
    "asyncio_lab_recorder", default=None
)


def recorder() -> Recorder:
    """The recorder in use: the one of an enclosing :func:`recording`, else a shared one."""
    return _CURRENT.get() or _DEFAULT


@contextmanager
def recording(delays: dict[str, float] | None = None) -> Iterator[Recorder]:
    """Record helper events into a fresh :class:`Recorder`.

    Tasks created inside the block copy the context, so they record here too,
    even if they outlive the block.
    """
    rec = Recorder(delays=dict(delays or {}))
    token = _CURRENT.set(rec)
    try:
        yield rec
    finally:
        _CURRENT.reset(token)


async def _work(name: str, seconds: float, result):
    rec = recorder()
    seconds = rec.delays.get(name, seconds)
    rec._start(name)
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        rec._end("cancel", name)
        raise
    rec._end("finish", name)
    return result


async def fake_download(name: str, seconds: float = 0.02) -> str:
    """Pretend to download ``name``: wait a little, then return its 'contents'."""
    return await _work(name, seconds, f"contents of {name}")


async def boil_water(seconds: float = 0.03) -> str:
    """The slow part of breakfast."""
    return await _work("kettle", seconds, "hot water")


async def toast_bread(seconds: float = 0.01) -> str:
    """The quick part of breakfast."""
    return await _work("toaster", seconds, "toast")
