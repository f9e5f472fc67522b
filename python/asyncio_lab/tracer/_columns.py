"""The shape of a recording, shared by the recorder and the timeline that reads it."""

from __future__ import annotations

import types
from typing import Any, Protocol

_CoroutineType = types.CoroutineType

#: Tasks listed individually in a payload (in creation order); the rest are counted.
MAX_TASKS = 500
#: Steps kept per task; later steps are counted.
MAX_STEPS = 200


class TracingError(RuntimeError):
    """Tracing cannot start here (nested tracing, or a loop that cannot be patched)."""


# The registry: one flat list, five slots per task id (REG = 5): created, parent,
# code, steps run, ended.  Id 0 is the cell's own task, if create_root_task made one.
# Floats, ints and shared code objects: nothing per task the garbage collector tracks,
# and one list.extend per task.
REG = 5
_CREATED, _PARENT, _CODE, _NSTEPS, _ENDED = range(REG)  # (_traced_run spells out 5 and 3)

#: What a cancelled task's exception slot holds in a recording.
_CANCELLED = object()


class Recording(Protocol):
    """What a :class:`~asyncio_lab.tracer.Timeline` reads of the recorder (``Tracer``).

    Declared here, beside the layout, so the timeline needs no import of the recorder.
    """

    clock_kind: str
    t0: float
    max_tasks: int
    max_steps: int
    active: bool
    has_cell: bool
    nested: bool
    peak: int | None
    reg: list
    log: list
    values: dict[int, Any]
    errors: dict[int, Any]
    names: dict[int, str]
    ids: dict[Any, int]
    tasks: dict[int, Any]
    susp: dict[int, tuple]
