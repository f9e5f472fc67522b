"""``%%timeline``, ``%%virtualtime`` and ``%%callgraph``/``%callgraph``: thin IPython
layers over :mod:`asyncio_lab.instrument` (tracer, virtual clock, call graph).

A cell starting with ``%%timeline <args>`` (and the others) is rewritten by
:func:`viz_cell_transformer` into one top-level ``await`` of
:func:`run_cell_magic_async` (see :mod:`._cell`); the learner's last expression
stays the cell's value and their exception is raised after the picture is shown.
The instruments are imported when a magic first runs, not when the extension loads.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

from IPython.core.error import UsageError
from IPython.core.magic import Magics, cell_magic, line_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring
from IPython.display import display

from ..coach import excused
from ._cell import Prepared, get_shell, loop_is_running, named, positive

__all__ = ["VisualMagics", "run_cell_magic_async", "viz_cell_transformer"]

CELL_MAGICS = ("timeline", "virtualtime", "callgraph")
_CELL_LINE = re.compile(r"^%%(?P<name>timeline|virtualtime|callgraph)(?:[ \t]+(?P<args>.*?))?[ \t]*\r?\n?$")


def _options(name: str, line: str) -> dict:
    """Parse a cell magic's arguments (UsageError on misuse) into instrument.run options."""
    try:
        return _parse_options(name, line)
    except UsageError as exc:
        raise named(f"%%{name}", exc) from None


def _parse_options(name: str, line: str) -> dict:
    method = getattr(VisualMagics, name)
    args = parse_argstring(method, line)
    opts: dict[str, Any] = {}
    if name == "timeline":
        opts["trace"] = True
        opts["virtual"] = bool(args.virtual)
        if args.max_tasks is not None:
            opts["max_tasks"] = positive("--max-tasks", args.max_tasks, int)
        if args.max_steps is not None:
            opts["max_steps"] = positive("--max-steps", args.max_steps, int)
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
        opts["stall_timeout"] = positive("--stall-timeout", stall)
    return opts


async def run_cell_magic_async(name: str, line: str, body: str, shell=None) -> Any:
    """What a ``%%timeline``/``%%virtualtime``/``%%callgraph`` cell becomes."""
    __tracebackhide__ = True  # noqa: F841
    if name not in CELL_MAGICS:
        raise UsageError(f"unknown asyncio-lab cell magic %%{name}")
    shell = get_shell(shell)
    opts = _options(name, line)
    prepared = Prepared(shell, f"%%{name} {line}".rstrip(), body)
    with excused():  # imported on first use: asyncio-lab's own work, not a block of the learner's
        from .. import instrument
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
        f'await __import__("asyncio_lab.magics.visual", fromlist=["_"])'
        f".run_cell_magic_async({name!r}, {args!r}, {body!r})\n"
    ]


def _not_transformed(name: str) -> UsageError:
    return UsageError(
        f"%%{name} has to await the cell inside the kernel's running event loop: load the extension "
        f"with `%load_ext asyncio_lab` and start the cell with `%%{name}` (first line), so the cell "
        "itself is awaited"
    )


@magics_class
class VisualMagics(Magics):
    """asyncio-lab magics that make asyncio visible."""

    def _run_cell_magic(self, name: str, line: str, cell: str):
        _options(name, line)  # UsageError on bad arguments, before anything runs
        if loop_is_running():
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
                args = parse_argstring(VisualMagics.callgraph, line)
                if args.virtual or args.stall_timeout is not None:
                    raise UsageError("--virtual and --stall-timeout only apply to the cell form, %%callgraph")
            except UsageError as exc:
                raise named("%callgraph", exc) from None
            label = " ".join(args.label) or None
            with excused():
                from .. import callgraph as _callgraph
            display(_callgraph.snapshot(label).to_bundle(), raw=True)
            return None
        return self._run_cell_magic("callgraph", line, cell)
