"""Exercise registry and checks: the plain API under ``%%check``.

Usable without IPython::

    from asyncio_lab import exercises
    result = await exercises.run_checks("await-vs-create-task.download-all", namespace)
    result.passed, result.to_bundle()

Lessons register their exercises from modules in :mod:`asyncio_lab.lessons`;
those modules are imported on first use of the registry, so nothing runs at
import time and adding a lesson never touches the magic.

Time and timelines in checks
----------------------------
``Exercise(..., virtual_time=True)`` runs the learner's cell *and* the checks on
a virtual clock (:mod:`asyncio_lab.virtualclock`): ``asyncio.sleep``, timeouts
and ``loop.time()`` take no real time and always fire in the same order, so a
check may call the learner's code with an hour of retries and assert on
``loop.time()`` exactly.  The checks' safety net is then a day of virtual time
(:data:`VIRTUAL_CHECK_TIMEOUT`); code that waits with no timer pending stops
with a clear stall message instead of hanging.

``Exercise(..., trace=True)`` records the cell with :mod:`asyncio_lab.tracer`;
checks find the :class:`~asyncio_lab.tracer.Timeline` as ``ns["__timeline__"]``
(and the virtual clock, if any, as ``ns["__clock__"]``).  A check usually traces
its own call of the learner's function instead, which works in any exercise::

    from asyncio_lab.tracer import trace

    async def downloads_overlap(ns):
        async with trace() as tr:
            await ns["download_all"](["a", "b", "c"])
        tl = tr.timeline
        if tl.peak_in_flight("fake_download") < 3:      # by coroutine or task name
            raise CheckFailed("expected the three downloads in flight together")
        if tl.pending():
            raise CheckFailed(f"still running: {[t.name for t in tl.pending()]}")
        # also: tl.overlap("a", "b"), tl.order() (create/done events in time order),
        # tl.tasks (records: name, parent, created, ended, state, value, error)

Existing checks need no change: both options only add names to the mapping.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import pkgutil
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Mapping, Union

from .ids import is_exercise_id, lesson_of
from .mime import CHECK_MIME, CHECK_PAYLOAD_VERSION

__all__ = [
    "Check",
    "CheckFailed",
    "CheckOutcome",
    "CheckResult",
    "Exercise",
    "all_ids",
    "current_id",
    "get",
    "register",
    "run_checks",
    "run_checks_sync",
]

#: A check returns ``None`` (or a success message) to pass and raises
#: :class:`CheckFailed` (or ``AssertionError``) with a learner-facing message to fail.
CheckFunc = Callable[[Mapping[str, Any]], Union[None, str, Awaitable[Union[None, str]]]]

#: Longest a single check may take before it is reported as stuck (a safety net
#: for learner code that never finishes, never an assertion about speed).
CHECK_TIMEOUT = 10.0
#: The same safety net for exercises with ``virtual_time``, in virtual seconds (a day:
#: long retries and timeouts pass; code that loops forever on sleeps still ends).
VIRTUAL_CHECK_TIMEOUT = 86400.0


class CheckFailed(Exception):
    """Raised by a check to fail with a message the learner understands."""


@dataclass(frozen=True)
class Check:
    name: str
    func: CheckFunc


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    checks: tuple[Check, ...]
    solution: str
    hints: tuple[str, ...] = ()
    starter: str | None = None
    #: What the lesson has run before the exercise (its import cell): the
    #: starter and the solution assume it. Tests run it first.
    setup: str = ""
    #: Run the learner's cell and the checks on a virtual clock (see asyncio_lab.virtualclock):
    #: sleeps and timeouts take no real time and always fire in the same order.
    virtual_time: bool = False
    #: Trace the learner's cell: checks find its Timeline as ``ns["__timeline__"]``.
    trace: bool = False
    #: Every id the exercise had before (it moved to another lesson or was renamed), as
    #: ``formerly`` in notebooks/course.json: a learner's old copy running
    #: ``%%check <old id>`` (or ``%hint``) still finds it, and results carry the current id.
    formerly: tuple[str, ...] = ()

    def __post_init__(self):
        if not is_exercise_id(self.id):
            raise ValueError(f"malformed exercise id {self.id!r}: expected '<lesson-id>.<name>', kebab-case")
        if not self.checks:
            raise ValueError(f"exercise {self.id!r} has no checks")
        if isinstance(self.formerly, str):
            raise ValueError(f"exercise {self.id!r}: formerly must be a tuple of ids, not a string")
        for old in self.formerly:
            if not is_exercise_id(old):
                raise ValueError(f"exercise {self.id!r}: malformed former id {old!r}")
            if old == self.id:
                raise ValueError(f"exercise {self.id!r} lists its own id as a former id")

    @property
    def lesson(self) -> str:
        return lesson_of(self.id)


@dataclass
class CheckOutcome:
    name: str
    passed: bool
    message: str

    def to_json(self) -> dict:
        return {"name": self.name, "passed": self.passed, "message": self.message}


@dataclass
class CheckResult:
    exercise: str
    title: str
    checks: list[CheckOutcome] = field(default_factory=list)
    error: str | None = None

    @property
    def passed(self) -> bool:
        return self.error is None and bool(self.checks) and all(c.passed for c in self.checks)

    def to_json(self) -> dict:
        return {
            "version": CHECK_PAYLOAD_VERSION,
            "exercise": self.exercise,
            "title": self.title,
            "passed": self.passed,
            "checks": [c.to_json() for c in self.checks],
            "error": self.error,
        }

    def to_text(self) -> str:
        n_ok = sum(c.passed for c in self.checks)
        mark = "✓" if self.passed else "✗"
        lines = [f"{mark} {self.title} — {n_ok}/{len(self.checks)} checks passed"]
        if self.error:
            lines.append(f"  ! {self.error}")
        for c in self.checks:
            lines.append(f"  {'✓' if c.passed else '✗'} {c.name}: {c.message}")
        return "\n".join(lines)

    def to_bundle(self) -> dict:
        """A MIME bundle for ``IPython.display.display(bundle, raw=True)``."""
        return {CHECK_MIME: self.to_json(), "text/plain": self.to_text()}

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.to_bundle()


# --------------------------------------------------------------------------- registry

_REGISTRY: dict[str, Exercise] = {}
#: former exercise id -> current id (``Exercise.formerly``)
_FORMER: dict[str, str] = {}
_lessons_loaded = False


def register(exercise: Exercise) -> Exercise:
    """Add an exercise; registering the same id twice is an error unless it is the same object.

    A former id may not be a current id, nor be claimed by two exercises.
    """
    old = _REGISTRY.get(exercise.id)
    if old is exercise:
        return exercise
    if old is not None:
        raise ValueError(f"exercise {exercise.id!r} is already registered")
    if exercise.id in _FORMER:
        raise ValueError(f"exercise {exercise.id!r} is a former id of {_FORMER[exercise.id]!r}")
    for former in exercise.formerly:
        if former in _REGISTRY:
            raise ValueError(f"exercise {exercise.id!r}: former id {former!r} is a current exercise id")
        if former in _FORMER:
            raise ValueError(f"exercise {exercise.id!r}: former id {former!r} is claimed by {_FORMER[former]!r} too")
    _REGISTRY[exercise.id] = exercise
    for former in exercise.formerly:
        _FORMER[former] = exercise.id
    return exercise


def _load_lessons() -> None:
    global _lessons_loaded
    if _lessons_loaded:
        return
    _lessons_loaded = True
    from . import lessons
    from .coach import excused

    # Importing every lesson takes a moment on the first %%check of a kernel, inside the
    # learner's cell: the coach must not call that a blocked loop.
    with excused():
        for info in sorted(pkgutil.iter_modules(lessons.__path__), key=lambda i: i.name):
            if not info.name.startswith("_"):
                importlib.import_module(f"{lessons.__name__}.{info.name}")


def get(exercise_id: str) -> Exercise:
    """The registered exercise, by its id or a former one; ``KeyError`` if there is none."""
    _load_lessons()
    return _REGISTRY[_FORMER.get(exercise_id, exercise_id)]


def current_id(exercise_id: str) -> str:
    """The current id of an exercise id that moved (``Exercise.formerly``), or the id itself."""
    _load_lessons()
    return _FORMER.get(exercise_id, exercise_id)


def all_ids() -> list[str]:
    _load_lessons()
    return sorted(_REGISTRY)


# --------------------------------------------------------------------------- running

def describe_exception(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


async def _run_one(check: Check, namespace: Mapping[str, Any], timeout: float = CHECK_TIMEOUT, unit: str = "s") -> CheckOutcome:
    try:
        value = check.func(namespace)
        if inspect.isawaitable(value):
            value = await asyncio.wait_for(value, timeout)
    except (CheckFailed, AssertionError) as exc:
        return CheckOutcome(check.name, False, str(exc) or "the check failed")
    except asyncio.TimeoutError:
        return CheckOutcome(
            check.name,
            False,
            f"your code did not finish within {timeout:g} {unit}; is something waiting forever?",
        )
    except Exception as exc:  # the learner's code raised while being checked
        return CheckOutcome(check.name, False, f"your code raised {describe_exception(exc)}")
    return CheckOutcome(check.name, True, value if isinstance(value, str) and value else "ok")


async def run_checks(
    exercise_id: str, namespace: Mapping[str, Any], *, error: BaseException | None = None
) -> CheckResult:
    """Run every check of an exercise against ``namespace``.

    ``error`` is the exception the learner's cell raised, if any: the checks are
    then not run and the result explains why.
    """
    exercise = get(exercise_id)
    result = CheckResult(exercise.id, exercise.title)
    if error is not None:
        result.error = (
            f"Your cell raised {describe_exception(error)} before the checks could run. "
            "Fix the error shown below and run the cell again."
        )
        result.checks = [CheckOutcome(c.name, False, "not run") for c in exercise.checks]
        return result
    if exercise.virtual_time:
        timeout, unit = VIRTUAL_CHECK_TIMEOUT, "s of virtual time"
    else:
        timeout, unit = CHECK_TIMEOUT, "s"
    for check in exercise.checks:
        result.checks.append(await _run_one(check, namespace, timeout, unit))
    return result


def run_checks_sync(
    exercise_id: str, namespace: Mapping[str, Any], *, error: BaseException | None = None
) -> CheckResult:
    """Synchronous :func:`run_checks`, for code with no running event loop.

    Inside a notebook the loop is already running: use ``await run_checks(...)``.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(run_checks(exercise_id, namespace, error=error))
    raise RuntimeError(
        "run_checks_sync() cannot run inside a running event loop; use 'await run_checks(...)'"
    )


def make_checks(*pairs: tuple[str, CheckFunc]) -> tuple[Check, ...]:
    return tuple(Check(name, func) for name, func in pairs)

