"""Lesson 11 (typing async callables): the checks accept every correct spelling and explain wrong ones."""

from __future__ import annotations

import asyncio
import json
import sys

import pytest

from asyncio_lab import exercises
from lessonkit import strict_check

LESSON = "typing-async-callables"


def _namespace(source: str) -> dict:
    ns = {"asyncio": asyncio, "__name__": "__main__"}
    exec(compile(source, "<learner>", "exec", dont_inherit=True), ns)  # as in a notebook cell
    return ns


def _check(ex_id: str, source: str) -> exercises.CheckResult:
    return strict_check(f"{LESSON}.{ex_id}", _namespace(source))


RETRY_HEAD = exercises.get(f"{LESSON}.retry").starter.split("def retry")[0]
RETRY_SOLUTION = exercises.get(f"{LESSON}.retry").solution
NOTIFY_BODY = '''
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered
    return sum(await asyncio.gather(*(one(u) for u in users)))
'''


def _notify(signature: str) -> str:
    return "import asyncio, typing\nfrom collections.abc import *\nfrom typing import Any\n" + signature + NOTIFY_BODY


ALTERNATIVES = {
    "retry": {
        "solution": RETRY_SOLUTION,
        "typing-spellings-awaitable-return": """
import functools
import typing
P = typing.ParamSpec("P")
T = typing.TypeVar("T")

def retry(f: typing.Callable[P, typing.Awaitable[T]]) -> typing.Callable[P, typing.Awaitable[T]]:
    @functools.wraps(f)
    async def inner(*args: P.args, **kwargs: P.kwargs) -> T:
        last = None
        for _ in range(3):
            try:
                return await f(*args, **kwargs)
            except Exception as exc:
                last = exc
        raise last
    return inner
""",
        "coroutine-in-and-out": RETRY_HEAD
        + """
def retry(func: Callable[P, Coroutine[Any, Any, R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        attempt = 0
        while True:
            attempt += 1
            try:
                return await func(*args, **kwargs)
            except Exception:
                if attempt >= ATTEMPTS:
                    raise
    return wrapper
""",
        "future-annotations": "from __future__ import annotations\n"
        + RETRY_SOLUTION.replace("def retry(func:", "def retry(func:"),
    },
    "annotate-callbacks": {
        "solution": exercises.get(f"{LESSON}.annotate-callbacks").solution,
        # typeshed's convention for a callback whose result is ignored (issue 13)
        "on-sent-returns-object": _notify(
            "async def notify_all(users: Iterable[str], send: Callable[[str], Awaitable[bool]], "
            "on_sent: Callable[[str, bool], object]) -> int:"
        ),
        "list-and-coroutine": _notify(
            "async def notify_all(users: list[str], send: Callable[[str], Coroutine[Any, Any, bool]], "
            "on_sent: Callable[[str, bool], None]) -> int:"
        ),
        "typing-module-sequence": _notify(
            "async def notify_all(users: typing.Sequence[str], send: typing.Callable[[str], typing.Awaitable[bool]], "
            "on_sent: typing.Callable[[str, bool], None]) -> int:"
        ),
        "tuple-and-string-annotations": _notify(
            "async def notify_all(users: 'tuple[str, ...]', send: 'Callable[[str], Awaitable[bool]]', "
            "on_sent: 'Callable[[str, bool], None]') -> 'int':"
        ),
    },
}
if sys.version_info >= (3, 12):
    ALTERNATIVES["retry"]["pep695-type-params"] = """
import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

def retry[**P, R](func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for _ in range(2):
            try:
                return await func(*args, **kwargs)
            except Exception:
                pass
        return await func(*args, **kwargs)
    return wrapper
"""
    ALTERNATIVES["retry"]["pep695-with-future-annotations"] = (
        "from __future__ import annotations\n" + ALTERNATIVES["retry"]["pep695-type-params"]
    )

SYNC_WRAPPED = RETRY_HEAD + """
def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Awaitable[R]:
        return func(*args, **kwargs)
    return wrapper
"""

WRONG = {
    "retry": {
        "starter-never-retries": (
            exercises.get(f"{LESSON}.retry").starter,
            "retries failures, then returns",
            "raised ConnectionError: attempt 1 failed after 1 call(s)",
        ),
        "starter-identity": (
            exercises.get(f"{LESSON}.retry").starter,
            "looks like the original function",
            "says False",
        ),
        "starter-unannotated": (
            exercises.get(f"{LESSON}.retry").starter,
            "annotated with a ParamSpec",
            "has no annotation",
        ),
        "sync-wrapper-with-wraps": (SYNC_WRAPPED, "looks like the original function", "`inspect.iscoroutinefunction` says False"),
        "no-wraps": (
            RETRY_SOLUTION.replace("    @functools.wraps(func)\n", ""),
            "looks like the original function",
            "`__name__` is 'wrapper'",
        ),
        "ellipsis-params": (
            RETRY_SOLUTION.replace(
                "def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:",
                "def retry(func: Callable[..., Awaitable[R]]) -> Callable[..., Coroutine[Any, Any, R]]:",
            ),
            "annotated with a ParamSpec",
            "use a ParamSpec",
        ),
        "not-awaitable-result": (
            RETRY_SOLUTION.replace(
                "def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:",
                "def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, R]:",
            ),
            "annotated with a ParamSpec",
            "is not awaitable",
        ),
        "retries-cancellation": (
            RETRY_SOLUTION.replace("except Exception:", "except BaseException:"),
            "does not retry a cancellation",
            "must not be retried",
        ),
        "too-many-attempts": (RETRY_SOLUTION.replace("ATTEMPTS = 3", "ATTEMPTS = 4"), "gives up after three attempts", "exactly 3 attempts"),
        "undefined-name": (
            RETRY_SOLUTION.replace("-> Callable[P, Coroutine[Any, Any, R]]:", "-> 'Callable[P, Coro[Any, Any, R]]':"),
            "annotated with a ParamSpec",
            "could not be evaluated",
        ),
    },
    "annotate-callbacks": {
        "starter": (exercises.get(f"{LESSON}.annotate-callbacks").starter, "send is an async callable", "has no annotation"),
        "send-not-awaitable": (
            _notify(
                "async def notify_all(users: list[str], send: Callable[[str], bool], "
                "on_sent: Callable[[str, bool], None]) -> int:"
            ),
            "send is an async callable",
            "should be awaitable",
        ),
        "on-sent-awaitable": (
            _notify(
                "async def notify_all(users: list[str], send: Callable[[str], Awaitable[bool]], "
                "on_sent: Callable[[str, bool], Awaitable[None]]) -> int:"
            ),
            "on_sent is a plain callback",
            "without `await`",
        ),
        "return-coroutine": (
            _notify(
                "async def notify_all(users: list[str], send: Callable[[str], Awaitable[bool]], "
                "on_sent: Callable[[str, bool], None]) -> Coroutine[Any, Any, int]:"
            ),
            "users and the return value",
            "for an `async def`, the return annotation is the type of what `await",
        ),
        "wrong-argument-types": (
            _notify(
                "async def notify_all(users: list[str], send: Callable[..., Awaitable[bool]], "
                "on_sent: Callable[[str], None]) -> int:"
            ),
            "send is an async callable",
            "called with one str",
        ),
        "users-not-str": (
            _notify(
                "async def notify_all(users: list[int], send: Callable[[str], Awaitable[bool]], "
                "on_sent: Callable[[str, bool], None]) -> int:"
            ),
            "users and the return value",
            "collection of str",
        ),
        # issue 13: the right annotations, but the body no longer sends at once
        "one-after-the-other": (
            "import asyncio\nfrom collections.abc import *\n"
            "async def notify_all(users: Iterable[str], send: Callable[[str], Awaitable[bool]], "
            "on_sent: Callable[[str, bool], None]) -> int:\n"
            "    delivered = 0\n"
            "    for user in users:\n"
            "        ok = await send(user)\n"
            "        on_sent(user, ok)\n"
            "        delivered += ok\n"
            "    return delivered\n",
            "still works",
            "ran one after the other",
        ),
        "on-sent-after-all": (
            "import asyncio\nfrom collections.abc import *\n"
            "async def notify_all(users: Iterable[str], send: Callable[[str], Awaitable[bool]], "
            "on_sent: Callable[[str, bool], None]) -> int:\n"
            "    users = list(users)\n"
            "    results = await asyncio.gather(*(send(u) for u in users))\n"
            "    for user, ok in zip(users, results):\n"
            "        on_sent(user, ok)\n"
            "    return sum(results)\n",
            "still works",
            "as each send ends",
        ),
        "made-sync": (
            "def notify_all(users, send, on_sent):\n    return 0\n",
            "still works",
            "coroutine function",
        ),
    },
}


@pytest.mark.parametrize("ex_id", ["retry", "annotate-callbacks"])
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
    assert "functools.wraps" not in result.to_text()


def _notebook_cells():
    from conftest import ROOT

    nb = json.loads((ROOT / "notebooks" / "11-typing-async-callables.ipynb").read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def test_notebook_cells_print_what_the_text_says(shell):
    from conftest import arun

    codes = _notebook_cells()
    exercise_at = next(i for i, s in enumerate(codes) if s.startswith("%%check"))

    async def go():
        return [await arun(shell, source) for source in codes[:exercise_at]]

    runs = asyncio.run(go())
    assert all(r.error is None for r in runs), [r.error for r in runs]
    out = "\n".join(r.stdout for r in runs)
    assert "get_type_hints(fetch): {'url': <class 'str'>, 'return': <class 'bytes'>}" in out, out
    assert "TypeError: isinstance() argument 2 cannot be a parameterized generic" in out, out
    assert "still a coroutine function: True" in out, out
    assert "signature: (url: str, *, retries: int = 0) -> int" in out, out
