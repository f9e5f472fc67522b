"""``%%check``: a thin IPython layer over :mod:`asyncio_lab.exercises`.

Notebook cells use top-level ``await``, and both ipykernel and the Pyodide kernel
run cells inside an event loop that is already running, where a synchronous
magic can neither await nor start a loop.  So :func:`load` adds an input
transformer that rewrites a cell starting with ``%%check <args>`` into one
top-level ``await`` of :func:`run_check_cell`; IPython's own autoawait
(``run_cell_async``) then runs it on the running loop, in both kernels, and its
value (the learner's last expression) becomes the cell's ``Out``.

The registered ``%%check`` magic is what runs when the transformer is not in
play (``shell.run_cell_magic``): it runs synchronous cells directly and cells
with top-level ``await`` with ``asyncio.run`` when no loop is running.
"""

from __future__ import annotations

import ast
import asyncio
import inspect
import io
import re
import tokenize
from typing import Any

from IPython.core.error import UsageError
from IPython.core.magic import Magics, cell_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring
from IPython.display import display

from . import exercises
from .ids import EXERCISE_ID_PATTERN, is_exercise_id

__all__ = ["CheckMagics", "load", "unload", "run_check_cell", "check_cell_transformer"]

_CHECK_LINE = re.compile(r"^%%check(?:[ \t]+(?P<args>.*?))?[ \t]*\r?\n?$")


# --------------------------------------------------------------------------- arguments

def _known() -> str:
    ids = exercises.all_ids()
    return ", ".join(ids) if ids else "(none registered)"


def resolve_exercise(line: str) -> exercises.Exercise:
    """Parse the magic's arguments; ``UsageError`` naming the known ids on misuse."""
    try:
        args = parse_argstring(CheckMagics.check, line)
    except UsageError as exc:
        raise UsageError(f"%%check: {exc}. See `%%check?`. Known ids: {_known()}") from None
    exercise_id = args.exercise
    if not exercise_id:
        raise UsageError(f"%%check needs an exercise id, e.g. `%%check lesson-id.name`. Known ids: {_known()}")
    if not is_exercise_id(exercise_id):
        raise UsageError(
            f"%%check: {exercise_id!r} is not an exercise id (format '<lesson-id>.<name>', "
            f"kebab-case, {EXERCISE_ID_PATTERN}). Known ids: {_known()}"
        )
    try:
        return exercises.get(exercise_id)
    except KeyError:
        raise UsageError(f"%%check: unknown exercise {exercise_id!r}. Known ids: {_known()}") from None


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


class _Prepared:
    """The learner's cell body, transformed and compiled the way the shell would."""

    def __init__(self, shell, first_line: str, body: str):
        __tracebackhide__ = True
        code = shell.transform_cell(body)
        # Leading newline: line numbers in tracebacks match the cell (line 1 is %%check).
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


def _show(result: exercises.CheckResult) -> None:
    display(result.to_bundle(), raw=True)


async def run_check_cell(line: str, body: str, shell=None) -> Any:
    """What a ``%%check`` cell becomes: run the body, then the checks; return the cell's value.

    The learner's exception is re-raised after the (failed) result is shown, so
    the traceback still appears and the cell still counts as an error.
    """
    __tracebackhide__ = True
    if shell is None:
        from IPython import get_ipython

        shell = get_ipython()
    exercise = resolve_exercise(line)
    if getattr(exercise, "virtual_time", False) or getattr(exercise, "trace", False):
        from .vizmagics import run_exercise_cell

        return await run_exercise_cell(exercise, line, body, shell)
    try:
        value = await _Prepared(shell, f"%%check {line}", body).run()
    except Exception as exc:
        _show(await exercises.run_checks(exercise.id, shell.user_ns, error=exc))
        raise
    _show(await exercises.run_checks(exercise.id, shell.user_ns))
    return value


# --------------------------------------------------------------------------- transformer

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


# --------------------------------------------------------------------------- magic

def _loop_is_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


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
        if not _loop_is_running():
            return asyncio.run(run_check_cell(line, cell, shell))
        prepared = _Prepared(shell, f"%%check {line}", cell)
        if prepared.is_async or any(inspect.iscoroutinefunction(c.func) for c in exercise.checks):
            raise UsageError(
                "%%check cannot await inside an event loop that is already running when called "
                "as a plain magic; load the extension with `%load_ext asyncio_lab` and start the "
                "cell with `%%check <exercise-id>` so the cell itself is awaited"
            )
        try:
            value = _drive(prepared.run())
        except Exception as exc:
            _show(_drive(exercises.run_checks(exercise.id, shell.user_ns, error=exc)))
            raise
        _show(_drive(exercises.run_checks(exercise.id, shell.user_ns)))
        return value


def _drive(coro):
    """Run a coroutine that never suspends (no real awaits) to completion, synchronously."""
    try:
        coro.send(None)
    except StopIteration as stop:
        return stop.value
    coro.close()
    raise UsageError("%%check: this cell needs the event loop, which is busy; see `%%check?`")


# --------------------------------------------------------------------------- extension hooks

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


def load(ip) -> None:
    from .hints import HintMagics

    ip.register_magics(CheckMagics, HintMagics)
    cleanup = ip.input_transformers_cleanup
    if check_cell_transformer not in cleanup:
        cleanup.append(check_cell_transformer)
    guard_placement(ip, ("check",))


def unload(ip) -> None:
    cleanup = ip.input_transformers_cleanup
    while check_cell_transformer in cleanup:
        cleanup.remove(check_cell_transformer)
    ip.magics_manager.magics["cell"].pop("check", None)
    unguard_placement(ip, ("check",))
    from .hints import unload as unload_hints

    unload_hints(ip)
