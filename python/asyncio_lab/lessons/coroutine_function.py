"""Lesson 10, is it a coroutine function?: exercises and their checks.

The checks hand the learner's functions a zoo of callables (coroutine functions,
methods, ``functools.partial`` objects, objects with an ``async def __call__``,
plain functions that merely return an awaitable, async generator functions,
non-callables) and compare the answers with the expected ones. They count
calls, so a solution that calls the object to find out is caught, and they
record warnings, so a coroutine that is never awaited or a deprecated API
shows up in the result instead of on stderr.
"""

from __future__ import annotations

import asyncio
import dis
import functools
import gc
import inspect
import re
import sys
import warnings
from contextlib import contextmanager
from typing import Any, Iterator, Mapping

from ..exercises import CheckFailed, Exercise, describe_exception, make_checks, register
from ._helpers import defined

LESSON = "coroutine-function"

#: What the lesson's import cell has run before the exercises (the starters and
#: solutions assume it; the answer sets run it first).
LESSON_SETUP = """\
import asyncio
import functools
import inspect
import sys
import warnings
"""


# --------------------------------------------------------------------------- the zoo

class _Counter:
    def __init__(self) -> None:
        self.calls = 0


def _zoo():
    """(label, object, expected) triples, grouped by check; fresh objects and call counters."""
    counter = _Counter()

    async def fetch(x=1):
        return x

    def plain(x=1):
        counter.calls += 1
        return x

    async def ticker():
        yield 1

    class Service:
        async def refresh(self):
            return "fresh"

        def status(self):
            counter.calls += 1
            return "ok"

        @staticmethod
        async def ping():
            return "pong"

        @classmethod
        async def create(cls):
            return cls()

    class AsyncHandler:
        async def __call__(self, x=1):
            return x

    class SyncHandler:
        def __call__(self, x=1):
            counter.calls += 1
            return x

    def returns_coroutine():
        counter.calls += 1
        return fetch(2)

    functions = [
        ("an `async def` function", fetch, True),
        ("a bound `async def` method", Service().refresh, True),
        ("an async staticmethod", Service.ping, True),
        ("an async classmethod", Service.create, True),
        ("functools.partial(<async def function>, 1)", functools.partial(fetch, 1), True),
        ("a partial of a partial of an `async def` function", functools.partial(functools.partial(fetch), 1), True),
    ]
    if sys.version_info >= (3, 12):

        def marked():
            counter.calls += 1
            return fetch(3)

        functions.append(
            ("a plain function marked with inspect.markcoroutinefunction", inspect.markcoroutinefunction(marked), True)
        )
    objects = [
        ("an object whose `__call__` is an `async def` method", AsyncHandler(), True),
        ("functools.partial(<object with an async `__call__`>, 1)", functools.partial(AsyncHandler(), 1), True),
        ("an object whose `__call__` is a plain method", SyncHandler(), False),
        ("a class whose instances have an async `__call__` (the class itself)", AsyncHandler, False),
    ]
    others = [
        ("a plain function", plain, False),
        ("a bound plain method", Service().status, False),
        ("a plain function that returns a coroutine", returns_coroutine, False),
        ("a lambda that returns a coroutine", lambda: returns_coroutine(), False),
        ("an async generator function", ticker, False),
        ("a built-in function (len)", len, False),
        ("None", None, False),
        ("the number 42", 42, False),
    ]
    return counter, {"functions": functions, "objects": objects, "others": others}


@contextmanager
def _quiet() -> Iterator[list[warnings.WarningMessage]]:
    """Record every warning raised meanwhile (and after a gc pass) instead of printing it."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield caught
        finally:
            gc.collect(0)


def _warning_problems(caught) -> list[str]:
    out = []
    for w in caught:
        text = str(w.message)
        if issubclass(w.category, RuntimeWarning) and "never awaited" in text:
            out.append(f"a coroutine was created and never awaited ({text})")
        elif issubclass(w.category, DeprecationWarning):
            out.append(f"your code used a deprecated API ({text})")
    return list(dict.fromkeys(out))


def _function(ns: Mapping[str, Any], name: str, signature: str, *, is_async: bool):
    func = defined(ns, name, signature)
    if not callable(func):
        raise CheckFailed(f"expected `{name}` to be a function, but it is {type(func).__name__}")
    if inspect.iscoroutinefunction(func) != is_async:
        kind = "a coroutine function (`async def`)" if is_async else "a plain function (`def`), returning True or False"
        raise CheckFailed(f"expected `{name}` to be {kind}")
    return func


# --------------------------------------------------------------------------- is-async-callable

def _judge(ns, group: str) -> str:
    func = _function(ns, "is_async_callable", "def is_async_callable(obj)", is_async=False)
    counter, zoo = _zoo()
    wrong = []
    with _quiet() as caught:
        for label, obj, expected in zoo[group]:
            try:
                answer = func(obj)
            except Exception as exc:
                raise CheckFailed(f"`is_async_callable({label})` raised {describe_exception(exc)}") from None
            if answer is not expected and answer != expected:
                wrong.append(f"for {label} it returned {answer!r}, expected {expected}")
    problems = _warning_problems(caught)
    if counter.calls or any("never awaited" in p for p in problems):
        raise CheckFailed(
            "`is_async_callable` called the object it was given; it must tell from how the object "
            "is defined, without calling it (a call can have side effects, or take a long time)"
        )
    if problems:
        raise CheckFailed("; ".join(problems))
    if wrong:
        raise CheckFailed("; ".join(wrong))
    return f"right for all {len(zoo[group])} " + {
        "functions": "kinds of coroutine function",
        "objects": "callable objects and classes",
        "others": "things that are not coroutine functions",
    }[group]


_UNKNOWN = object()


def _uses_asyncio_iscoroutinefunction(code, namespace: Mapping[str, Any] | None = None) -> bool:
    """True if the bytecode (or a nested function's) reads ``asyncio.iscoroutinefunction``.

    Global names are looked up in ``namespace`` (the function's globals), so the function
    is found under any name: ``asyncio.iscoroutinefunction``, ``aio.iscoroutinefunction``
    after ``import asyncio as aio``, or a bare ``iscoroutinefunction`` imported from asyncio.
    """
    deprecated = getattr(asyncio, "iscoroutinefunction", _UNKNOWN)
    namespace = namespace or {}
    previous: Any = _UNKNOWN  # the value the previous instruction loaded, when known
    previous_name = None
    for ins in dis.get_instructions(code):
        if ins.opname in ("LOAD_ATTR", "LOAD_METHOD") and ins.argval == "iscoroutinefunction" and (
            previous is asyncio or previous_name == "asyncio"
        ):
            return True
        if ins.opname in ("LOAD_GLOBAL", "LOAD_NAME"):
            previous = namespace.get(ins.argval, _UNKNOWN)
            if previous is deprecated:
                return True
        else:
            previous = _UNKNOWN
        previous_name = ins.argval if ins.opname.startswith("LOAD_") else None
    return any(_uses_asyncio_iscoroutinefunction(c, namespace) for c in code.co_consts if inspect.iscode(c))


def _deprecated_api(ns):
    func = _function(ns, "is_async_callable", "def is_async_callable(obj)", is_async=False)
    try:
        source = inspect.getsource(func)
    except (OSError, TypeError):
        source = ""
    code = getattr(func, "__code__", None)
    if re.search(r"\basyncio\s*\.\s*iscoroutinefunction\b", source) or (
        code is not None and _uses_asyncio_iscoroutinefunction(code, getattr(func, "__globals__", None))
    ):
        raise CheckFailed(
            "your code calls `asyncio.iscoroutinefunction`, which is deprecated since Python 3.14 "
            "and will be removed in 3.16; use the function from `inspect` instead"
        )
    _, zoo = _zoo()
    with _quiet() as caught:
        for _, obj, _ in zoo["functions"]:
            try:
                func(obj)
            except Exception:
                pass  # reported by the other checks
    deprecated = [p for p in _warning_problems(caught) if "deprecated" in p]
    if deprecated:
        raise CheckFailed("; ".join(deprecated))
    return "no deprecated API"


register(
    Exercise(
        setup=LESSON_SETUP,
        id=f"{LESSON}.is-async-callable",
        title="Is it async-callable?",
        checks=make_checks(
            ("coroutine functions, methods and partials", lambda ns: _judge(ns, "functions")),
            ("callable objects and classes", lambda ns: _judge(ns, "objects")),
            ("everything else is False", lambda ns: _judge(ns, "others")),
            ("uses the current API", _deprecated_api),
        ),
        hints=(
            "`inspect.iscoroutinefunction` already handles functions, methods and partials. Which "
            "kind of object in the lesson's table did it get wrong?",
            "For an object that is not a function, calling it runs `type(obj).__call__`. Look at "
            "that with `inspect.iscoroutinefunction`, but only for instances: a class is callable "
            "too, and calling a class creates an instance, not a coroutine.",
            "A `functools.partial` may wrap such an object: unwrap partials first "
            "(`while isinstance(obj, functools.partial): obj = obj.func`), then test the function "
            "itself and, for a non-class object, `type(obj).__call__`.",
        ),
        starter=(
            "import functools\n"
            "import inspect\n"
            "\n"
            "def is_async_callable(obj):\n"
            "    return inspect.iscoroutinefunction(obj)\n"
        ),
        solution=(
            "import functools\n"
            "import inspect\n"
            "\n"
            "def is_async_callable(obj):\n"
            "    while isinstance(obj, functools.partial):\n"
            "        obj = obj.func\n"
            "    if inspect.iscoroutinefunction(obj):\n"
            "        return True\n"
            "    if callable(obj) and not isinstance(obj, type):\n"
            "        return inspect.iscoroutinefunction(type(obj).__call__)\n"
            "    return False\n"
        ),
    )
)


# --------------------------------------------------------------------------- call-maybe-async

class _Spy:
    """Callables for call_maybe_async, each counting its calls."""

    def __init__(self) -> None:
        self.calls: dict[str, int] = {}

    def _hit(self, name: str) -> None:
        self.calls[name] = self.calls.get(name, 0) + 1

    def add(self, a, b=0):
        self._hit("add")
        return a + b

    def nothing(self):
        self._hit("nothing")

    async def multiply(self, a, b=1):
        self._hit("multiply")
        await asyncio.sleep(0)
        return a * b

    def make_coroutine(self, word, times=1):
        self._hit("make_coroutine")
        return self._repeat(word, times)

    async def _repeat(self, word, times):
        await asyncio.sleep(0)
        return word * times

    async def spell(self, word):
        self._hit("spell")
        await asyncio.sleep(0)
        raise TypeError(f"cannot spell {word!r}")

    def make_awaitable(self, value):
        self._hit("make_awaitable")
        return _Ticket(value)

    def make_future(self, value):
        self._hit("make_future")
        fut = asyncio.get_running_loop().create_future()
        # Not fut.set_result directly: if the learner's code leaves the Future unawaited, the
        # check cancels it, and setting a result then would make the loop log an error.
        asyncio.get_running_loop().call_soon(lambda: fut.done() or fut.set_result(value))
        return fut


class _Raises:
    """The expected outcome of a case whose function raises while it is awaited."""

    def __init__(self, kind: type, text: str) -> None:
        self.kind, self.text = kind, text


class _Ticket:
    """An awaitable that is neither a coroutine nor a Future (like lesson 03's Countdown)."""

    def __init__(self, value) -> None:
        self.value = value

    def __await__(self):
        yield  # one turn of the loop, as a bare yield
        return self.value


class _AsyncDouble:
    def __init__(self, spy: _Spy) -> None:
        self.spy = spy

    async def __call__(self, x):
        self.spy._hit("double")
        await asyncio.sleep(0)
        return 2 * x


def _raised(label: str, exc: Exception) -> CheckFailed:
    if isinstance(exc, TypeError) and "await" in str(exc):
        return CheckFailed(
            f"with {label}, your code raised {describe_exception(exc)}: only awaitable values can be awaited"
        )
    return CheckFailed(f"with {label}, your code raised {describe_exception(exc)}")


async def _call_cases(ns, cases) -> str:
    func = _function(ns, "call_maybe_async", "async def call_maybe_async(f, *args, **kwargs)", is_async=True)
    spy = _Spy()
    with _quiet() as caught:
        for label, build, args, kwargs, expected, name in cases:
            f = build(spy)
            before = spy.calls.get(name, 0)
            raised = None
            try:
                value = await func(f, *args, **kwargs)
            except Exception as exc:
                if not (isinstance(expected, _Raises) and isinstance(exc, expected.kind) and expected.text in str(exc)):
                    raise _raised(label, exc) from None
                raised = exc
            calls = spy.calls.get(name, 0) - before
            if isinstance(expected, _Raises) and raised is None:
                shown = "a coroutine object" if inspect.iscoroutine(value) else repr(value)
                if inspect.iscoroutine(value):
                    value.close()
                raise CheckFailed(
                    f"with {label}, the {expected.kind.__name__} raised while it was awaited should reach the "
                    f"caller (as with `await f()`), but `call_maybe_async` returned {shown}: an `except "
                    f"{expected.kind.__name__}` around the `await` also catches the errors of the awaited code"
                )
            if raised is None and inspect.iscoroutine(value):
                value.close()
                raise CheckFailed(
                    f"with {label}, `call_maybe_async` returned a coroutine object instead of its result: "
                    "it was never awaited"
                )
            if raised is None and isinstance(value, asyncio.Future):
                value.cancel()
                raise CheckFailed(
                    f"with {label}, `call_maybe_async` returned a Future instead of its result: it was never awaited"
                )
            if calls != 1:
                raise CheckFailed(f"with {label}, expected the function to be called exactly once, but it was called {calls} times")
            if raised is None and (value != expected or (expected is None and value is not None)):
                raise CheckFailed(f"with {label}, expected {expected!r}, got {value!r}")
    problems = _warning_problems(caught)
    if problems:
        raise CheckFailed("; ".join(problems))
    return f"right for all {len(cases)} cases, each called once"


_PLAIN_CASES = [
    ("a plain function, call_maybe_async(add, 1, b=2)", lambda s: s.add, (1,), {"b": 2}, 3, "add"),
    ("a plain function returning None", lambda s: s.nothing, (), {}, None, "nothing"),
    ("a plain function, call_maybe_async(add, 'ab', 'c')", lambda s: s.add, ("ab", "c"), {}, "abc", "add"),
]
_ASYNC_CASES = [
    ("an `async def` function, call_maybe_async(multiply, 2, b=3)", lambda s: s.multiply, (2,), {"b": 3}, 6, "multiply"),
    (
        "functools.partial(<async def function>, 4)",
        lambda s: functools.partial(s.multiply, 4),
        (),
        {"b": 5},
        20,
        "multiply",
    ),
    (
        "an `async def` function that raises TypeError when awaited",
        lambda s: s.spell,
        ("xyzzy",),
        {},
        _Raises(TypeError, "cannot spell 'xyzzy'"),
        "spell",
    ),
]
_AWAITABLE_CASES = [
    (
        "a plain function that returns a coroutine",
        lambda s: s.make_coroutine,
        ("ab",),
        {"times": 2},
        "abab",
        "make_coroutine",
    ),
    ("a lambda that returns a coroutine", lambda s: (lambda w: s.make_coroutine(w, 3)), ("x",), {}, "xxx", "make_coroutine"),
    ("a plain function that returns a Future", lambda s: s.make_future, ("ready",), {}, "ready", "make_future"),
    (
        "a plain function that returns an object with `__await__`",
        lambda s: s.make_awaitable,
        ("ticket",),
        {},
        "ticket",
        "make_awaitable",
    ),
    ("an object whose `__call__` is an `async def` method", lambda s: _AsyncDouble(s), (21,), {}, 42, "double"),
]


register(
    Exercise(
        setup=LESSON_SETUP,
        id=f"{LESSON}.call-maybe-async",
        title="Call it, and await only when needed",
        checks=make_checks(
            ("plain functions: their value", lambda ns: _call_cases(ns, _PLAIN_CASES)),
            ("coroutine functions: awaited", lambda ns: _call_cases(ns, _ASYNC_CASES)),
            ("anything that returns an awaitable: awaited", lambda ns: _call_cases(ns, _AWAITABLE_CASES)),
        ),
        hints=(
            "Asking whether `f` is a coroutine function misses callables that are not `async def` "
            "but still return something to await. What could you look at instead of `f`?",
            "Call `f` once, then look at what it returned: is *that* something you can await?",
            "`inspect.isawaitable(value)` is True for coroutines, Tasks, Futures and any object with "
            "`__await__`: await the value when it is, return it as it is otherwise.",
        ),
        starter=(
            "import inspect\n"
            "\n"
            "async def call_maybe_async(f, *args, **kwargs):\n"
            "    if inspect.iscoroutinefunction(f):\n"
            "        return await f(*args, **kwargs)\n"
            "    return f(*args, **kwargs)\n"
        ),
        solution=(
            "import inspect\n"
            "\n"
            "async def call_maybe_async(f, *args, **kwargs):\n"
            "    value = f(*args, **kwargs)\n"
            "    if inspect.isawaitable(value):\n"
            "        value = await value\n"
            "    return value\n"
        ),
    )
)
