"""``%hint`` and ``%solution``: thin IPython layers over :mod:`asyncio_lab.hints`."""

from __future__ import annotations

from IPython.core.magic import Magics, line_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments
from IPython.display import display

from ._cell import exercise_for, parse_exercise_args

__all__ = ["HintMagics"]


@magics_class
class HintMagics(Magics):
    """``%hint`` and ``%solution``."""

    @magic_arguments()
    @argument(
        "exercise",
        nargs="?",
        help="the exercise id, '<lesson-id>.<name>', as on the first line of the exercise cell",
    )
    @argument("--reset", action="store_true", help="start this exercise's hints over from the first")
    @line_magic
    def hint(self, line: str):
        """Show the next hint of an exercise: each run gives one more.

        Hints go from a gentle nudge to nearly the answer.  After the last one,
        `%solution <exercise>` shows the reference solution.
        """
        from .. import hints

        args = parse_exercise_args("%hint", self.hint, line)
        # UsageError unless it names an exercise; a former id (an old copy) means the current one
        exercise_id = exercise_for("%hint", args.exercise).id
        if args.reset:
            hints.reset_hints(exercise_id)
        try:
            index, total, text = hints.next_hint(exercise_id)
        except hints.NoMoreHints as done:
            display(hints.no_more_hints_bundle(exercise_id, done.total), raw=True)
            return
        display(hints.hint_bundle(exercise_id, index, total, text), raw=True)

    @magic_arguments()
    @argument(
        "exercise",
        nargs="?",
        help="the exercise id, '<lesson-id>.<name>', as on the first line of the exercise cell",
    )
    @argument("--confirm", action="store_true", help="really show the solution")
    @line_magic
    def solution(self, line: str):
        """Show the reference solution of an exercise, after a confirmation.

        Without --confirm it only says what it would show and the exact command
        to run; with --confirm it shows the solution's code.
        """
        from .. import hints

        args = parse_exercise_args("%solution", self.solution, line)
        # UsageError unless it names an exercise; a former id (an old copy) means the current one
        exercise_id = exercise_for("%solution", args.exercise).id
        if not args.confirm:
            display(hints.solution_prompt_bundle(exercise_id), raw=True)
            return
        display(hints.solution_bundle(exercise_id), raw=True)
