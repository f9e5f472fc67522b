"""``%%check``: a thin IPython layer over :mod:`asyncio_lab.exercises`.

A cell starting with ``%%check <args>`` is rewritten by :func:`check_cell_transformer`
into one top-level ``await`` of :func:`run_check_cell` (see :mod:`._cell`).  The
registered ``%%check`` magic is what runs when the transformer is not in play
(``shell.run_cell_magic``): it runs synchronous cells directly and cells with
top-level ``await`` with ``asyncio.run`` when no loop is running.

An exercise declaring ``virtual_time`` and/or ``trace`` runs its cell under
:func:`asyncio_lab.instrument.run` (:func:`run_exercise_cell`).
"""

from __future__ import annotations

import asyncio
import inspect
import re
from collections import ChainMap
from typing import Any

from IPython.core.error import UsageError
from IPython.core.magic import Magics, cell_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments

from ._cell import Prepared, checked, drive, exercise_for, get_shell, loop_is_running, parse_exercise_args

__all__ = ["CheckMagics", "check_cell_transformer", "resolve_exercise", "run_check_cell", "run_exercise_cell"]

CELL_MAGICS = ("check",)
_CHECK_LINE = re.compile(r"^%%check(?:[ \t]+(?P<args>.*?))?[ \t]*\r?\n?$")


def resolve_exercise(line: str):
    """Parse the magic's arguments; ``UsageError`` naming the known ids on misuse."""
    args = parse_exercise_args("%%check", CheckMagics.check, line)
    return exercise_for("%%check", args.exercise)


async def run_check_cell(line: str, body: str, shell=None) -> Any:
    """What a ``%%check`` cell becomes: run the body, then the checks; return the cell's value.

    The learner's exception is re-raised after the (failed) result is shown, so
    the traceback still appears and the cell still counts as an error.
    """
    __tracebackhide__ = True
    shell = get_shell(shell)
    exercise = resolve_exercise(line)
    if getattr(exercise, "virtual_time", False) or getattr(exercise, "trace", False):
        return await run_exercise_cell(exercise, line, body, shell)

    async def run():
        __tracebackhide__ = True  # noqa: F841
        # Prepared here, inside checked(): a SyntaxError in the body is shown as a failed result too
        return await Prepared(shell, f"%%check {line}", body).run()

    return await checked(exercise.id, shell.user_ns, run())


async def run_exercise_cell(exercise, line: str, body: str, shell=None) -> Any:
    """``%%check`` for an exercise declaring ``virtual_time`` and/or ``trace``.

    The cell runs under :func:`asyncio_lab.instrument.run`; the checks get the
    notebook's names plus ``__timeline__`` (the cell's :class:`~asyncio_lab.tracer.Timeline`,
    or None) and ``__clock__`` (the cell's virtual clock, or None), and run on a
    virtual clock of their own when the exercise asks for virtual time.
    """
    __tracebackhide__ = True  # noqa: F841
    from .. import exercises
    from ..coach import excused

    with excused():  # imported on first use: asyncio-lab's own work, not a block of the learner's
        from .. import instrument
    shell = get_shell(shell)
    prepared = Prepared(shell, f"%%check {line}", body)
    try:
        outcome = await instrument.run(prepared.run(), trace=exercise.trace, virtual=exercise.virtual_time)
    except instrument.InstrumentError as exc:
        raise UsageError(f"%%check: {exc}") from None
    extra = {"__timeline__": outcome.timeline, "__clock__": outcome.clock}
    ns = ChainMap(extra, shell.user_ns)

    async def value():
        __tracebackhide__ = True  # noqa: F841
        outcome.raise_error()
        return outcome.value

    async def virtual_checks():
        checked_ = await instrument.run(exercises.run_checks(exercise.id, ns), virtual=True, name="checks")
        if checked_.error is None:
            return checked_.value
        result = exercises.CheckResult(exercise.id, exercise.title)
        result.error = f"The checks could not finish: {exercises.describe_exception(checked_.error)}"
        result.checks = [exercises.CheckOutcome(c.name, False, "not run") for c in exercise.checks]
        return result

    # errors=BaseException: what the cell raised is already caught in the outcome (a
    # cancellation of the cell's code too), and is shown as a failed result all the same.
    return await checked(
        exercise.id, ns, value(), checks=virtual_checks if exercise.virtual_time else None, errors=BaseException
    )


def check_cell_transformer(lines: list[str]) -> list[str]:
    """Input transformer (cleanup stage): ``%%check <args>`` cell -> one top-level await."""
    if not lines:
        return lines
    match = _CHECK_LINE.match(lines[0])
    if match is None:  # includes %%check? and %%check?? (help), handled by IPython
        return lines
    args = match.group("args") or ""
    body = "".join(lines[1:])
    return [
        f'await __import__("asyncio_lab.magics", fromlist=["_"]).run_check_cell({args!r}, {body!r})\n'
    ]


@magics_class
class CheckMagics(Magics):
    """Magics of asyncio-lab."""

    @magic_arguments(name="%check")  # usage line reads "%%check [exercise]"
    @argument(
        "exercise",
        nargs="?",
        help="the exercise id, '<lesson-id>.<name>' (for example await-vs-create-task.download-all)",
    )
    @cell_magic
    def check(self, line: str, cell: str):
        """Run the cell, then check it against an exercise and show the result.

        The cell runs as usual (top-level ``await`` works, its last expression is
        its value, its exceptions are shown), then the exercise's checks run
        against the names the cell defined and a pass/fail report is displayed.
        """
        exercise = resolve_exercise(line)
        shell = self.shell
        if not loop_is_running():
            return asyncio.run(run_check_cell(line, cell, shell))
        prepared = Prepared(shell, f"%%check {line}", cell)
        if prepared.is_async or any(inspect.iscoroutinefunction(c.func) for c in exercise.checks):
            raise UsageError(
                "%%check cannot await inside an event loop that is already running when called "
                "as a plain magic; load the extension with `%load_ext asyncio_lab` and start the "
                "cell with `%%check <exercise-id>` so the cell itself is awaited"
            )
        return drive(checked(exercise.id, shell.user_ns, prepared.run()))
