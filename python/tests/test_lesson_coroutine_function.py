"""Lesson 10 (is it a coroutine function?): the checks accept every correct approach and explain wrong ones."""

from __future__ import annotations

import asyncio
import json
import sys

import pytest

from asyncio_lab import exercises
from lessonkit import strict_check

LESSON = "coroutine-function"


def _namespace(source: str) -> dict:
    ns = {"asyncio": asyncio, "__name__": "__main__"}
    exec(compile(source, "<learner>", "exec", dont_inherit=True), ns)  # as in a notebook cell
    return ns


def _check(ex_id: str, source: str) -> exercises.CheckResult:
    return strict_check(f"{LESSON}.{ex_id}", _namespace(source))


ALTERNATIVES = {
    "is-async-callable": {
        "solution": exercises.get(f"{LESSON}.is-async-callable").solution,
        "recursive": """
import functools, inspect
def is_async_callable(obj):
    if isinstance(obj, functools.partial):
        return is_async_callable(obj.func)
    if isinstance(obj, type) or not callable(obj):
        return False
    return inspect.iscoroutinefunction(obj) or inspect.iscoroutinefunction(getattr(type(obj), "__call__", None))
""",
        "call-attribute": """
import functools, inspect
def is_async_callable(obj):
    while isinstance(obj, functools.partial):
        obj = obj.func
    if inspect.isclass(obj):
        return False
    return inspect.iscoroutinefunction(obj) or inspect.iscoroutinefunction(getattr(obj, "__call__", None))
""",
    },
    "call-maybe-async": {
        "solution": exercises.get(f"{LESSON}.call-maybe-async").solution,
        "abc-awaitable": """
from collections.abc import Awaitable
async def call_maybe_async(f, *args, **kwargs):
    result = f(*args, **kwargs)
    if isinstance(result, Awaitable):
        return await result
    return result
""",
        "has-await": """
async def call_maybe_async(f, *args, **kwargs):
    result = f(*args, **kwargs)
    return await result if hasattr(result, "__await__") else result
""",
    },
}

WRONG = {
    "is-async-callable": {
        "starter": (
            exercises.get(f"{LESSON}.is-async-callable").starter,
            "callable objects and classes",
            "for an object whose `__call__` is an `async def` method it returned False",
        ),
        "class-counts-as-async": (
            """
import functools, inspect
def is_async_callable(obj):
    while isinstance(obj, functools.partial):
        obj = obj.func
    return inspect.iscoroutinefunction(obj) or inspect.iscoroutinefunction(getattr(obj, "__call__", None))
""",
            "callable objects and classes",
            "(the class itself) it returned True, expected False",
        ),
        "no-partial-unwrapping": (
            """
import inspect
def is_async_callable(obj):
    if isinstance(obj, type):
        return False
    return inspect.iscoroutinefunction(obj) or inspect.iscoroutinefunction(getattr(type(obj), "__call__", None))
""",
            "callable objects and classes",
            "functools.partial(<object with an async `__call__`>, 1)",
        ),
        "calls-it": (
            """
import inspect
def is_async_callable(obj):
    try:
        value = obj()
    except Exception:
        return False
    if inspect.iscoroutine(value):
        value.close()
        return True
    return False
""",
            "everything else is False",
            "without calling it",
        ),
        "async-def": ("async def is_async_callable(obj):\n    return False\n", "everything else is False", "plain function"),
        "deprecated-asyncio": (
            "import asyncio\ndef is_async_callable(obj):\n    return asyncio.iscoroutinefunction(obj)\n",
            "uses the current API",
            "deprecated",
        ),
    },
    "call-maybe-async": {
        "starter": (
            exercises.get(f"{LESSON}.call-maybe-async").starter,
            "anything that returns an awaitable: awaited",
            "returned a coroutine object instead of its result",
        ),
        "always-await": (
            "async def call_maybe_async(f, *args, **kwargs):\n    return await f(*args, **kwargs)\n",
            "plain functions: their value",
            "only awaitable values can be awaited",
        ),
        "iscoroutine-only": (
            """
import inspect
async def call_maybe_async(f, *args, **kwargs):
    value = f(*args, **kwargs)
    if inspect.iscoroutine(value):
        return await value
    return value
""",
            "anything that returns an awaitable: awaited",
            "returned a Future instead of its result",
        ),
        "calls-twice": (
            """
import inspect
async def call_maybe_async(f, *args, **kwargs):
    if inspect.isawaitable(f(*args, **kwargs)):
        return await f(*args, **kwargs)
    return f(*args, **kwargs)
""",
            "plain functions: their value",
            "called 2 times",
        ),
        "drops-kwargs": (
            """
import inspect
async def call_maybe_async(f, *args, **kwargs):
    value = f(*args)
    return await value if inspect.isawaitable(value) else value
""",
            "plain functions: their value",
            "expected 3, got 1",
        ),
        "not-async": ("def call_maybe_async(f, *args, **kwargs):\n    return f(*args, **kwargs)\n", "plain functions: their value", "coroutine function"),
    },
}


@pytest.mark.parametrize("ex_id", ["is-async-callable", "call-maybe-async"])
def test_solution_passes_and_starter_fails(ex_id):
    ex = exercises.get(f"{LESSON}.{ex_id}")
    assert len(ex.hints) >= 3
    good = _check(ex_id, ex.solution)
    assert good.passed, good.to_text()
    assert not _check(ex_id, ex.starter).passed


@pytest.mark.parametrize("ex_id, name", [(e, n) for e, alts in ALTERNATIVES.items() for n in alts])
def test_every_correct_approach_passes(ex_id, name):
    result = _check(ex_id, ALTERNATIVES[ex_id][name])
    assert result.passed, result.to_text()


@pytest.mark.parametrize("ex_id, name", [(e, n) for e, w in WRONG.items() for n in w])
def test_wrong_approach_fails_with_a_helpful_message(ex_id, name):
    source, check_name, fragment = WRONG[ex_id][name]
    result = _check(ex_id, source)
    assert not result.passed
    failed = {c.name: c.message for c in result.checks if not c.passed}
    assert check_name in failed, result.to_text()
    assert fragment in failed[check_name], result.to_text()
    text = result.to_text()
    assert "isawaitable" not in text and "type(obj).__call__" not in text, text


def test_markcoroutinefunction_case_only_where_it_exists():
    from asyncio_lab.lessons.coroutine_function import _zoo

    _, zoo = _zoo()
    labels = [label for label, _, _ in zoo["functions"]]
    assert any("markcoroutinefunction" in label for label in labels) == (sys.version_info >= (3, 12))


def _notebook_cells():
    from conftest import ROOT

    nb = json.loads((ROOT / "notebooks" / "10-is-it-a-coroutine-function.ipynb").read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def test_notebook_cells_print_what_the_text_says(shell):
    from conftest import arun

    codes = _notebook_cells()
    exercise_at = next(i for i, s in enumerate(codes) if s.startswith("%%check"))

    async def go():
        return [await arun(shell, source) for source in codes[:exercise_at]]

    runs = asyncio.run(go())
    assert all(r.error is None for r in runs)
    out = "\n".join(r.stdout for r in runs)
    assert "a partial of an async def                      True" in out, out
    assert "an object with an async __call__               False" in out, out
    assert "caught: []" in out  # asyncio.iscoroutinefunction warns only on 3.14+
    assert "wrapped by a plain (sync) decorator: False" in out
