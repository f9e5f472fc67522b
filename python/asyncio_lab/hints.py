"""Progressive hints and reference solutions: the plain API under ``%hint`` and ``%solution``.

Usable without IPython::

    from asyncio_lab import hints
    index, total, text = hints.next_hint("await-vs-create-task.download-all")  # 1, 3, "..."
    hints.solution("await-vs-create-task.download-all")                      # the code, as a str
    hints.reset_hints()                                                      # start over

Which hints were given is remembered per kernel session (module state, so a
kernel restart starts over).  The magics (:mod:`asyncio_lab.magics.hints`) are thin layers that format the same
values and display them as ``text/markdown`` + ``text/plain`` bundles through
:func:`IPython.display.display`, so every frontend (JupyterLab on ipykernel, the
browser on Pyodide, a terminal) shows them.
"""

from __future__ import annotations

import re

from . import exercises

__all__ = [
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

#: exercise id (the current one, never a former id) -> how many of its hints have been
#: given in this kernel session
_given: dict[str, int] = {}


def next_hint(exercise_id: str) -> tuple[int, int, str]:
    """The next hint of an exercise as ``(index, total, text)``; ``index`` counts from 1.

    Each call moves on by one.  ``KeyError`` for an unknown exercise;
    :class:`NoMoreHints` once every hint has been given.
    """
    exercise = exercises.get(exercise_id)
    hints = exercise.hints
    given = _given.get(exercise.id, 0)
    if given >= len(hints):
        raise NoMoreHints(exercise.id, len(hints))
    _given[exercise.id] = given + 1
    return given + 1, len(hints), hints[given]


def hints_given(exercise_id: str) -> int:
    """How many hints of the exercise were given so far in this session."""
    return _given.get(exercises.current_id(exercise_id), 0)


def reset_hints(exercise_id: str | None = None) -> None:
    """Start the hints of one exercise (or of all exercises) over from the first."""
    if exercise_id is None:
        _given.clear()
    else:
        _given.pop(exercises.current_id(exercise_id), None)


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
