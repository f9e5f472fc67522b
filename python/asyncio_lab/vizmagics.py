"""``%%timeline``, ``%%virtualtime``, ``%%callgraph``/``%callgraph`` and ``%coach``:
thin IPython layers over :mod:`asyncio_lab.instrument` (tracer, virtual clock,
call graph) and :mod:`asyncio_lab.coach`.

The cell magics reuse ``%%check``'s mechanism (see :mod:`asyncio_lab.magics`):
an input transformer rewrites a cell starting with ``%%timeline <args>`` (and
the others) into one top-level ``await`` of :func:`run_cell_magic_async`, which
IPython's autoawait runs on the kernel's running loop, in ipykernel and in the
Pyodide kernel alike; the learner's last expression stays the cell's value and
their exception is raised after the picture is shown.
"""

from __future__ import annotations

import asyncio
import math
import re
from collections import ChainMap
from typing import Any

from IPython.core.error import UsageError
from IPython.core.magic import Magics, cell_magic, line_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring
from IPython.display import display

from . import callgraph as _callgraph
from . import instrument
from . import virtualclock as _vc
from .magics import _Prepared, guard_placement, unguard_placement

__all__ = ["VizMagics", "load", "unload", "run_cell_magic_async", "viz_cell_transformer", "run_exercise_cell"]

CELL_MAGICS = ("timeline", "virtualtime", "callgraph")
_CELL_LINE = re.compile(r"^%%(?P<name>timeline|virtualtime|callgraph)(?:[ \t]+(?P<args>.*?))?[ \t]*\r?\n?$")


def _shell(shell=None):
    if shell is None:
        from IPython import get_ipython

        shell = get_ipython()
    return shell


def _positive(name: str, value, kind=float):
    if value is None:
        return None
    # nan and inf are refused too: a nan --stall-timeout would never fire (the cell hangs)
    if not math.isfinite(value) or value <= 0:
        raise UsageError(f"{name} must be a positive number, got {value}")
    return kind(value)


def _named(magic: str, exc: UsageError) -> UsageError:
    """The same UsageError, saying which magic it is about and where its help is."""
    message = str(exc)
    if not message.startswith(magic):
        message = f"{magic}: {message}"
    return UsageError(f"{message}. See `{magic}?`")


def _options(name: str, line: str) -> dict:
    """Parse a cell magic's arguments (UsageError on misuse) into instrument.run options."""
    try:
        return _parse_options(name, line)
    except UsageError as exc:
        raise _named(f"%%{name}", exc) from None


def _parse_options(name: str, line: str) -> dict:
    method = getattr(VizMagics, name)
    args = parse_argstring(method, line)
    opts: dict[str, Any] = {}
    if name == "timeline":
        opts["trace"] = True
        opts["virtual"] = bool(args.virtual)
        if args.max_tasks is not None:
            opts["max_tasks"] = _positive("--max-tasks", args.max_tasks, int)
        if args.max_steps is not None:
            opts["max_steps"] = _positive("--max-steps", args.max_steps, int)
    elif name == "virtualtime":
        opts["virtual"] = True
    elif name == "callgraph":
        if args.label:
            raise UsageError("%%callgraph takes no label; call asyncio_lab.callgraph.snapshot('label') in the cell")
        opts["callgraph"] = True
        opts["virtual"] = bool(args.virtual)
    stall = getattr(args, "stall_timeout", None)
    if stall is not None:
        if not opts.get("virtual"):
            raise UsageError(f"%%{name}: --stall-timeout only applies with virtual time (--virtual)")
        opts["stall_timeout"] = _positive("--stall-timeout", stall)
    return opts


async def run_cell_magic_async(name: str, line: str, body: str, shell=None) -> Any:
    """What a ``%%timeline``/``%%virtualtime``/``%%callgraph`` cell becomes."""
    __tracebackhide__ = True  # noqa: F841
    if name not in CELL_MAGICS:
        raise UsageError(f"unknown asyncio-lab cell magic %%{name}")
    shell = _shell(shell)
    opts = _options(name, line)
    prepared = _Prepared(shell, f"%%{name} {line}".rstrip(), body)
    try:
        outcome = await instrument.run(prepared.run(), **opts)
    except instrument.InstrumentError as exc:
        raise UsageError(f"%%{name}: {exc}") from None
    if outcome.callgraph is not None:
        display(outcome.callgraph.to_bundle(), raw=True)
    if outcome.timeline is not None:
        display(outcome.timeline.to_bundle(), raw=True)
    if outcome.clock is not None:
        print(outcome.clock.summary())
    outcome.raise_error()
    return outcome.value


def viz_cell_transformer(lines: list[str]) -> list[str]:
    """Input transformer (cleanup stage): ``%%timeline <args>`` cell (and the others) -> one await."""
    if not lines:
        return lines
    match = _CELL_LINE.match(lines[0])
    if match is None:  # includes %%timeline? (help), handled by IPython
        return lines
    name = match.group("name")
    args = match.group("args") or ""
    body = "".join(lines[1:])
    return [
        f'await __import__("asyncio_lab.vizmagics", fromlist=["_"])'
        f".run_cell_magic_async({name!r}, {args!r}, {body!r})\n"
    ]


# --------------------------------------------------------------------------- %%check with virtual time / trace


async def run_exercise_cell(exercise, line: str, body: str, shell=None) -> Any:
    """``%%check`` for an exercise declaring ``virtual_time`` and/or ``trace``.

    The cell runs under :func:`asyncio_lab.instrument.run`; the checks get the
    notebook's names plus ``__timeline__`` (the cell's :class:`~asyncio_lab.tracer.Timeline`,
    or None) and ``__clock__`` (the cell's virtual clock, or None), and run on a
    virtual clock of their own when the exercise asks for virtual time.
    """
    __tracebackhide__ = True  # noqa: F841
    from . import exercises
    from .magics import _show

    shell = _shell(shell)
    prepared = _Prepared(shell, f"%%check {line}", body)
    try:
        outcome = await instrument.run(prepared.run(), trace=exercise.trace, virtual=exercise.virtual_time)
    except instrument.InstrumentError as exc:
        raise UsageError(f"%%check: {exc}") from None
    extra = {"__timeline__": outcome.timeline, "__clock__": outcome.clock}
    ns = ChainMap(extra, shell.user_ns)
    if outcome.error is not None:
        _show(await exercises.run_checks(exercise.id, ns, error=outcome.error))
        outcome.raise_error()
    if exercise.virtual_time:
        checked = await instrument.run(exercises.run_checks(exercise.id, ns), virtual=True, name="checks")
        if checked.error is not None:
            result = exercises.CheckResult(exercise.id, exercise.title)
            result.error = f"The checks could not finish: {exercises.describe_exception(checked.error)}"
            result.checks = [exercises.CheckOutcome(c.name, False, "not run") for c in exercise.checks]
        else:
            result = checked.value
    else:
        result = await exercises.run_checks(exercise.id, ns)
    _show(result)
    return outcome.value


# --------------------------------------------------------------------------- magics


def _loop_is_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _not_transformed(name: str) -> UsageError:
    return UsageError(
        f"%%{name} has to await the cell inside the kernel's running event loop: load the extension "
        f"with `%load_ext asyncio_lab` and start the cell with `%%{name}` (first line), so the cell "
        "itself is awaited"
    )


@magics_class
class VizMagics(Magics):
    """asyncio-lab magics that make asyncio visible."""

    def _run_cell_magic(self, name: str, line: str, cell: str):
        _options(name, line)  # UsageError on bad arguments, before anything runs
        if _loop_is_running():
            raise _not_transformed(name)
        return asyncio.run(run_cell_magic_async(name, line, cell, self.shell))

    @magic_arguments(name="%timeline")  # usage line reads "%%timeline ..."
    @argument("--virtual", action="store_true", help="run the cell on a virtual clock (sleeps take no real time)")
    @argument("--max-tasks", type=int, default=None, help="tasks listed in full (default 500; the rest are counted)")
    @argument("--max-steps", type=int, default=None, help="steps kept per task (default 200)")
    @argument("--stall-timeout", type=float, default=None, help="with --virtual: real seconds of total idleness before giving up (default 2)")
    @cell_magic
    def timeline(self, line: str, cell: str):
        """Run the cell and draw what each task did: one lane per task.

        Records every task the cell creates (and the cell's own code, as "cell"):
        who created it, each step it ran, each wait (at which line, awaiting
        what) and how it ended (result, exception, cancelled).  The last
        expression is still the cell's value; an exception is shown after the
        timeline.
        """
        return self._run_cell_magic("timeline", line, cell)

    @magic_arguments(name="%virtualtime")
    @argument("--stall-timeout", type=float, default=None, help="real seconds of total idleness before giving up (default 2)")
    @cell_magic
    def virtualtime(self, line: str, cell: str):
        """Run the cell on a virtual clock: sleeps and timeouts take no real time.

        Timers fire in time order as soon as every task is waiting, so an hour
        of retries runs in milliseconds, always in the same order; the virtual
        time elapsed is printed.  time.sleep, threads, to_thread/run_in_executor,
        sockets and subprocesses are refused inside the cell (they run in real
        time); a cell where every task waits and no timer is pending stops with
        VirtualTimeStall instead of hanging.
        """
        return self._run_cell_magic("virtualtime", line, cell)

    @magic_arguments(name="%callgraph")
    @argument("label", nargs="*", help="line form only: a label for the snapshot")
    @argument("--virtual", action="store_true", help="cell form: run the cell on a virtual clock")
    @argument("--stall-timeout", type=float, default=None, help="with --virtual: real seconds of total idleness before giving up")
    @line_magic
    @cell_magic
    def callgraph(self, line: str, cell: str | None = None):
        """Who awaits whom: the learner's tasks as a tree.

        %callgraph [label]   a snapshot of every task of yours that is not done, now.
        %%callgraph          run the cell; a snapshot each time all its tasks are
                             waiting (identical ones skipped), at each
                             asyncio_lab.callgraph.snapshot("label") call in the
                             cell, and at the end if tasks are still pending.
        """
        if cell is None:
            try:
                args = parse_argstring(VizMagics.callgraph, line)
                if args.virtual or args.stall_timeout is not None:
                    raise UsageError("--virtual and --stall-timeout only apply to the cell form, %%callgraph")
            except UsageError as exc:
                raise _named("%callgraph", exc) from None
            label = " ".join(args.label) or None
            display(_callgraph.snapshot(label).to_bundle(), raw=True)
            return None
        return self._run_cell_magic("callgraph", line, cell)

    @magic_arguments(name="%coach")
    @argument("action", nargs="?", default="status", choices=["on", "off", "status"], help="turn the coach on or off, or show its state")
    @argument("--block-threshold", type=float, default=None, help="seconds a step may block the loop before the coach says so (default 0.25)")
    @argument("-q", "--quiet", action="store_true", help="print nothing (for frontends switching the coach)")
    @line_magic
    def coach(self, line: str):
        """The coach explains classic asyncio mistakes under the cell that made them.

        A coroutine never awaited, a task whose exception nobody retrieved, tasks
        left running with no reference, a step that blocked the loop, asyncio.run
        & co. in a notebook, and (on Pyodide) threads, signals, sockets and
        to_thread.  Silent when nothing is found.
        """
        from . import coach

        try:
            args = parse_argstring(VizMagics.coach, line)
            threshold = _positive("--block-threshold", args.block_threshold)
        except UsageError as exc:
            raise _named("%coach", exc) from None
        if threshold is not None:
            coach.configure(block_threshold=threshold)
        if args.action == "on":
            coach.enable(self.shell)
        elif args.action == "off":
            coach.disable(self.shell)
        if not args.quiet:
            print(coach.status(self.shell))


# --------------------------------------------------------------------------- extension hooks


def load(ip) -> None:
    ip.register_magics(VizMagics)
    cleanup = ip.input_transformers_cleanup
    if viz_cell_transformer not in cleanup:
        cleanup.append(viz_cell_transformer)
    guard_placement(ip, CELL_MAGICS)
    from . import coach

    coach.enable(ip)


def unload(ip) -> None:
    from . import coach

    coach.disable(ip)
    cleanup = ip.input_transformers_cleanup
    while viz_cell_transformer in cleanup:
        cleanup.remove(viz_cell_transformer)
    for kind, names in (("cell", CELL_MAGICS), ("line", ("callgraph", "coach"))):
        for name in names:
            ip.magics_manager.magics[kind].pop(name, None)
    unguard_placement(ip, CELL_MAGICS)
