"""``%coach``: switch the coach of :mod:`asyncio_lab.coach` on or off, or show its state."""

from __future__ import annotations

from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring

from .. import coach as _coach
from ._cell import named, positive

__all__ = ["CoachMagics"]


@magics_class
class CoachMagics(Magics):
    """``%coach``."""

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
        try:
            args = parse_argstring(CoachMagics.coach, line)
            threshold = positive("--block-threshold", args.block_threshold)
        except UsageError as exc:
            raise named("%coach", exc) from None
        if threshold is not None:
            _coach.configure(block_threshold=threshold)
        if args.action == "on":
            _coach.enable(self.shell)
        elif args.action == "off":
            _coach.disable(self.shell)
        if not args.quiet:
            print(_coach.status(self.shell))
