"""One coach per shell, and the settings they share."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

from ._coach import BLOCK_THRESHOLD, Coach

_COACHES: dict[int, Coach] = {}
_DEFAULTS: dict[str, Any] = {"block_threshold": BLOCK_THRESHOLD}


def get(shell) -> Coach:
    coach = _COACHES.get(id(shell))
    if coach is None or coach.shell is not shell:
        coach = _COACHES[id(shell)] = Coach(shell)
        coach.block_threshold = _DEFAULTS["block_threshold"]
    return coach


def enable(shell) -> Coach:
    coach = get(shell)
    coach.enable()
    return coach


def disable(shell) -> Coach:
    coach = get(shell)
    coach.disable()
    return coach


def status(shell) -> str:
    return get(shell).status()


@contextmanager
def excused() -> Iterator[None]:
    """asyncio-lab's own work inside a learner's cell, such as importing the lessons on the
    first ``%%check`` or ``%hint``: the time it keeps the loop busy is not reported as a
    block of the learner's (a block before or after it still is)."""
    try:
        yield
    finally:
        for coach in list(_COACHES.values()):
            coach._forgive()


def configure(*, block_threshold: float | None = None) -> None:
    """Settings for every coach (existing and future)."""
    if block_threshold is not None:
        _DEFAULTS["block_threshold"] = block_threshold
        for coach in _COACHES.values():
            coach.block_threshold = block_threshold
