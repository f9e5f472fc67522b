"""What every asyncio-lab magic shares: running the learner's cell the way the shell would.

Notebook cells use top-level ``await``, and both ipykernel and the Pyodide kernel
run cells inside an event loop that is already running, where a synchronous
magic can neither await nor start a loop.  So each cell magic comes with an
input transformer that rewrites a cell starting with ``%%name <args>`` into one
top-level ``await`` of the magic's coroutine; IPython's own autoawait
(``run_cell_async``) then runs it on the running loop, in both kernels, and the
learner's last expression stays the cell's ``Out``.

Here: :class:`Prepared` (the body transformed and compiled as the shell would),
:func:`checked` (run the body, show the checks' result, re-raise the learner's
exception), the argument helpers the magics share, and the guard that explains
a cell magic written below other lines.  The topic modules beside this one
(``check``, ``visual``, ``hints``, ``coach``) import from here, never from each
other.
"""

from __future__ import annotations

import ast
import asyncio
import inspect
import io
import math
import tokenize
from typing import Any

from IPython.core.error import UsageError
from IPython.core.magic_arguments import parse_argstring
from IPython.display import display

# --------------------------------------------------------------------------- the shell and its loop


def get_shell(shell=None):
    """``shell``, or the running IPython shell."""
    if shell is None:
        from IPython import get_ipython

        shell = get_ipython()
    return shell


def loop_is_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


# --------------------------------------------------------------------------- running the cell body


def _ends_with_semicolon(code: str) -> bool:
    """True if the last token of ``code`` is ``;`` (IPython then shows no Out)."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, SyntaxError):
        return False
    skip = {tokenize.NEWLINE, tokenize.NL, tokenize.COMMENT, tokenize.ENDMARKER, tokenize.DEDENT, tokenize.INDENT}
    for tok in reversed(tokens):
        if tok.type not in skip:
            return tok.type == tokenize.OP and tok.string == ";"
    return False


class Prepared:
    """The learner's cell body, transformed and compiled the way the shell would."""

    def __init__(self, shell, first_line: str, body: str):
        __tracebackhide__ = True
        code = shell.transform_cell(body)
        # Leading newline: line numbers in tracebacks match the cell (line 1 is the magic's).
        source = first_line.rstrip("\n") + "\n" + code
        # During a cell run with history, execution_count already points at the next cell.
        number = max(shell.execution_count - 1, 0)
        filename = shell.compile.cache(source, number, raw_code=first_line + "\n" + body)
        tree = ast.parse("\n" + code, filename=filename)
        nodes = list(tree.body)
        last = None
        if nodes and isinstance(nodes[-1], ast.Expr) and not _ends_with_semicolon(code):
            last = nodes.pop()
        flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
        self.shell = shell
        self.statements = (
            compile(ast.Module(nodes, type_ignores=[]), filename, "exec", flags=flags, dont_inherit=True)
            if nodes
            else None
        )
        self.expression = (
            compile(ast.Expression(last.value), filename, "eval", flags=flags, dont_inherit=True)
            if last is not None
            else None
        )

    @property
    def is_async(self) -> bool:
        return any(
            c is not None and c.co_flags & inspect.CO_COROUTINE for c in (self.statements, self.expression)
        )

    async def run(self) -> Any:
        """Run all statements, then return the value of the last expression (or None)."""
        __tracebackhide__ = True
        glob, loc = self.shell.user_global_ns, self.shell.user_ns
        value = None
        for code in (self.statements, self.expression):
            if code is None:
                continue
            value = eval(code, glob, loc)
            if code.co_flags & inspect.CO_COROUTINE:
                value = await value
        return value if self.expression is not None else None


def drive(coro, magic: str = "%%check"):
    """Run a coroutine that never suspends (no real awaits) to completion, synchronously."""
    try:
        coro.send(None)
    except StopIteration as stop:
        return stop.value
    coro.close()
    raise UsageError(f"{magic}: this cell needs the event loop, which is busy; see `{magic}?`")


# --------------------------------------------------------------------------- checking the cell


def show_result(result) -> None:
    """Display a :class:`~asyncio_lab.exercises.CheckResult` under the cell."""
    display(result.to_bundle(), raw=True)


async def checked(exercise_id: str, ns, run, *, checks=None, errors=Exception) -> Any:
    """Await ``run`` (the learner's code), then show the exercise's result; return its value.

    If the code raises (one of ``errors``), the failed result is shown and the
    learner's exception re-raised, so the traceback still appears and the cell
    still counts as an error.  Otherwise ``checks()`` (default: the exercise's
    checks against ``ns``) gives the result shown.
    """
    __tracebackhide__ = True  # noqa: F841
    from .. import exercises

    try:
        value = await run
    except errors as exc:
        show_result(await exercises.run_checks(exercise_id, ns, error=exc))
        raise
    show_result(await (checks() if checks is not None else exercises.run_checks(exercise_id, ns)))
    return value


# --------------------------------------------------------------------------- arguments


def known_ids() -> str:
    from .. import exercises

    ids = exercises.all_ids()
    return ", ".join(ids) if ids else "(none registered)"


def parse_exercise_args(magic: str, method, line: str):
    """``parse_argstring`` for a magic taking an exercise id (``magic``: "%%check", "%hint")."""
    try:
        return parse_argstring(method, line)
    except UsageError as exc:
        raise UsageError(f"{magic}: {exc}. See `{magic}?`. Known ids: {known_ids()}") from None


def exercise_for(magic: str, exercise_id: str | None):
    """The exercise ``exercise_id`` names; a UsageError naming the known ids if none."""
    from .. import exercises
    from ..ids import EXERCISE_ID_PATTERN, is_exercise_id

    if not exercise_id:
        raise UsageError(f"{magic} needs an exercise id, e.g. `{magic} lesson-id.name`. Known ids: {known_ids()}")
    if not is_exercise_id(exercise_id):
        raise UsageError(
            f"{magic}: {exercise_id!r} is not an exercise id (format '<lesson-id>.<name>', "
            f"kebab-case, {EXERCISE_ID_PATTERN}). Known ids: {known_ids()}"
        )
    try:
        return exercises.get(exercise_id)
    except KeyError:
        raise UsageError(f"{magic}: unknown exercise {exercise_id!r}. Known ids: {known_ids()}") from None


def positive(name: str, value, kind=float):
    if value is None:
        return None
    # nan and inf are refused too: a nan --stall-timeout would never fire (the cell hangs)
    if not math.isfinite(value) or value <= 0:
        raise UsageError(f"{name} must be a positive number, got {value}")
    return kind(value)


def named(magic: str, exc: UsageError) -> UsageError:
    """The same UsageError, saying which magic it is about and where its help is."""
    message = str(exc)
    if not message.startswith(magic):
        message = f"{magic}: {message}"
    return UsageError(f"{message}. See `{magic}?`")


# --------------------------------------------------------------------------- placement


def _misplaced(name: str):
    """What IPython calls when ``%%name`` is not the first line of its cell: it reads it
    as the line magic ``%name`` with a ``%`` in front ("%check")."""

    def misplaced(line: str):
        shown = f"%%{name} {line}".rstrip()
        raise UsageError(
            f"%%{name} must be the first line of its cell, and here something comes before it. "
            f"Put `{shown}` at the very top of the cell, with your code below it. See `%%{name}?`"
        )

    misplaced.__doc__ = f"(%%{name} misplaced: it must be the first line of its cell.)"
    return misplaced


def guard_placement(ip, names) -> None:
    """Explain cell magics ``names`` written below other lines (see :func:`_misplaced`)."""
    for name in names:
        ip.register_magic_function(_misplaced(name), magic_kind="line", magic_name=f"%{name}")


def unguard_placement(ip, names) -> None:
    for name in names:
        ip.magics_manager.magics["line"].pop(f"%{name}", None)


# --------------------------------------------------------------------------- registration


def add_transformer(ip, transformer) -> None:
    cleanup = ip.input_transformers_cleanup
    if transformer not in cleanup:
        cleanup.append(transformer)


def remove_transformer(ip, transformer) -> None:
    cleanup = ip.input_transformers_cleanup
    while transformer in cleanup:
        cleanup.remove(transformer)


def remove_magics(ip, kind: str, names) -> None:
    for name in names:
        ip.magics_manager.magics[kind].pop(name, None)
