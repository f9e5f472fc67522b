"""Progressive hints and reference solutions: the plain API under ``%hint`` and ``%solution``.

Usable without IPython::

    from asyncio_lab import hints
    index, total, text = hints.next_hint("await-vs-create-task.download-all")  # 1, 3, "..."
    hints.solution("await-vs-create-task.download-all")                      # the code, as a str
    hints.reset_hints()                                                      # start over

Which hints were given is remembered per kernel session (module state, so a
kernel restart starts over).  The magics are thin layers that format the same
values and display them as ``text/markdown`` + ``text/plain`` bundles through
:func:`IPython.display.display`, so every frontend (JupyterLab on ipykernel, the
browser on Pyodide, a terminal) shows them.
"""

from __future__ import annotations

import re

from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring
from IPython.display import display

from . import exercises
from .ids import EXERCISE_ID_PATTERN, is_exercise_id

__all__ = [
    "HintMagics",
    "NoMoreHints",
    "hint_bundle",
    "hints_given",
    "next_hint",
    "reset_hints",
    "solution",
    "solution_bundle",
    "solution_prompt_bundle",
]


class NoMoreHints(LookupError):
    """Every hint of the exercise has been given already (or it has none)."""

    def __init__(self, exercise_id: str, total: int):
        super().__init__(f"no more hints for {exercise_id!r}: all {total} have been given")
        self.exercise_id = exercise_id
        self.total = total


# --------------------------------------------------------------------------- plain API

#: exercise id -> how many of its hints have been given in this kernel session
_given: dict[str, int] = {}


def next_hint(exercise_id: str) -> tuple[int, int, str]:
    """The next hint of an exercise as ``(index, total, text)``; ``index`` counts from 1.

    Each call moves on by one.  ``KeyError`` for an unknown exercise;
    :class:`NoMoreHints` once every hint has been given.
    """
    hints = exercises.get(exercise_id).hints
    given = _given.get(exercise_id, 0)
    if given >= len(hints):
        raise NoMoreHints(exercise_id, len(hints))
    _given[exercise_id] = given + 1
    return given + 1, len(hints), hints[given]


def hints_given(exercise_id: str) -> int:
    """How many hints of the exercise were given so far in this session."""
    return _given.get(exercise_id, 0)


def reset_hints(exercise_id: str | None = None) -> None:
    """Start the hints of one exercise (or of all exercises) over from the first."""
    if exercise_id is None:
        _given.clear()
    else:
        _given.pop(exercise_id, None)


def solution(exercise_id: str) -> str:
    """The reference solution's code; ``KeyError`` for an unknown exercise."""
    return exercises.get(exercise_id).solution


# --------------------------------------------------------------------------- what is displayed

def _code_block(code: str, language: str = "python") -> str:
    """A fenced Markdown code block whose fence no backtick run inside ``code`` can close."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{code.rstrip()}\n{fence}"


def hint_bundle(exercise_id: str, index: int, total: int, text: str) -> dict:
    plain = f"Hint {index} of {total}: {text}"
    markdown = f"**Hint {index} of {total}** for `{exercise_id}`: {text}"
    if index == total:
        tail = f"That was the last hint. `%solution {exercise_id}` shows the reference solution."
        plain += f"\n({tail})"
        markdown += f"\n\n*{tail}*"
    return {"text/markdown": markdown, "text/plain": plain}


def no_more_hints_bundle(exercise_id: str, total: int) -> dict:
    if total == 0:
        said = f"`{exercise_id}` has no hints."
    else:
        said = f"No more hints for `{exercise_id}`: you have seen all {total}."
    then = (
        f"To see the reference solution, run `%solution {exercise_id}` (it asks you to confirm first); "
        f"to read the hints again from the first, run `%hint {exercise_id} --reset`."
    )
    return {"text/markdown": f"{said} {then}", "text/plain": f"{said} {then}".replace("`", "")}


def solution_prompt_bundle(exercise_id: str) -> dict:
    command = f"%solution {exercise_id} --confirm"
    title = exercises.get(exercise_id).title
    text = (
        f"This shows the reference solution of “{title}” ({exercise_id}): the complete code that passes "
        "its check. Trying the hints first (`%hint " + exercise_id + "`) usually teaches more. "
        "To see the solution, run:"
    )
    return {
        "text/markdown": f"{text}\n\n{_code_block(command, 'text')}",
        "text/plain": f"{text.replace('`', '')}\n\n    {command}",
    }


def solution_bundle(exercise_id: str) -> dict:
    ex = exercises.get(exercise_id)
    heading = f"Reference solution of “{ex.title}” ({exercise_id})"
    intro = "Other correct approaches pass the check too; run the exercise cell with your version to see."
    return {
        "text/markdown": f"**{heading}**\n\n{_code_block(ex.solution)}\n\n{intro}",
        "text/plain": f"{heading}:\n\n{ex.solution.rstrip()}\n",
    }


# --------------------------------------------------------------------------- magics

def _known() -> str:
    ids = exercises.all_ids()
    return ", ".join(ids) if ids else "(none registered)"


def _parse(magic, line: str):
    try:
        return parse_argstring(magic, line)
    except UsageError as exc:
        raise UsageError(f"%{magic.__name__}: {exc}. See `%{magic.__name__}?`. Known ids: {_known()}") from None


def _resolve(magic: str, exercise_id: str | None) -> str:
    if not exercise_id:
        raise UsageError(f"%{magic} needs an exercise id, e.g. `%{magic} lesson-id.name`. Known ids: {_known()}")
    if not is_exercise_id(exercise_id):
        raise UsageError(
            f"%{magic}: {exercise_id!r} is not an exercise id (format '<lesson-id>.<name>', "
            f"kebab-case, {EXERCISE_ID_PATTERN}). Known ids: {_known()}"
        )
    try:
        exercises.get(exercise_id)
    except KeyError:
        raise UsageError(f"%{magic}: unknown exercise {exercise_id!r}. Known ids: {_known()}") from None
    return exercise_id


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
        args = _parse(self.hint, line)
        exercise_id = _resolve("hint", args.exercise)
        if args.reset:
            reset_hints(exercise_id)
        try:
            index, total, text = next_hint(exercise_id)
        except NoMoreHints as done:
            display(no_more_hints_bundle(exercise_id, done.total), raw=True)
            return
        display(hint_bundle(exercise_id, index, total, text), raw=True)

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
        args = _parse(self.solution, line)
        exercise_id = _resolve("solution", args.exercise)
        if not args.confirm:
            display(solution_prompt_bundle(exercise_id), raw=True)
            return
        display(solution_bundle(exercise_id), raw=True)


def unload(ip) -> None:
    """Remove the line magics :class:`HintMagics` registered."""
    for name in ("hint", "solution"):
        ip.magics_manager.magics["line"].pop(name, None)
