"""Answer set of lesson 10 (coroutine-function); the format is described in ../test_answers.py."""

ANSWERS = [
    # ------------------------------------------------------------------ is-async-callable: correct
    {
        "exercise": "coroutine-function.is-async-callable",
        "label": "the hints: unwrap partials, the object, then type(obj).__call__ for instances",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
def is_async_callable(obj):
    while isinstance(obj, functools.partial):
        obj = obj.func
    if inspect.iscoroutinefunction(obj):
        return True
    if callable(obj) and not isinstance(obj, type):
        return inspect.iscoroutinefunction(type(obj).__call__)
    return False
""",
    },
    {
        "exercise": "coroutine-function.is-async-callable",
        "label": "recursion for partials, getattr on the type (a class's type is type)",
        "kind": "other style",
        "verdict": "pass",
        "note": "type(SomeClass).__call__ is type.__call__, a plain slot, so classes come out False without a special case",
        "code": """
def is_async_callable(obj):
    if isinstance(obj, functools.partial):
        return is_async_callable(obj.func)
    return inspect.iscoroutinefunction(obj) or inspect.iscoroutinefunction(
        getattr(type(obj), "__call__", None)
    )
""",
    },
    {
        "exercise": "coroutine-function.is-async-callable",
        "label": "the instance's bound __call__, classes ruled out with inspect.isclass",
        "kind": "other style",
        "verdict": "pass",
        "code": """
def is_async_callable(obj):
    while isinstance(obj, functools.partial):
        obj = obj.func
    if inspect.isclass(obj):
        return False
    if inspect.iscoroutinefunction(obj):
        return True
    call = getattr(obj, "__call__", None)
    return inspect.ismethod(call) and inspect.iscoroutinefunction(call)
""",
    },
    {
        "exercise": "coroutine-function.is-async-callable",
        "label": "inspect.getattr_static for __call__, without triggering descriptors",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
def is_async_callable(obj):
    while isinstance(obj, functools.partial):
        obj = obj.func
    if inspect.iscoroutinefunction(obj):
        return True
    if isinstance(obj, type) or not callable(obj):
        return False
    try:
        call = inspect.getattr_static(type(obj), "__call__")
    except AttributeError:
        return False
    return inspect.iscoroutinefunction(call)
""",
    },
    {
        "exercise": "coroutine-function.is-async-callable",
        "label": "a match statement on the kinds of object",
        "kind": "other style",
        "verdict": "pass",
        "code": """
def is_async_callable(obj):
    match obj:
        case functools.partial():
            return is_async_callable(obj.func)
        case type():
            return False
        case _ if inspect.iscoroutinefunction(obj):
            return True
        case _ if callable(obj):
            return inspect.iscoroutinefunction(type(obj).__call__)
        case _:
            return False
""",
    },
    {
        "exercise": "coroutine-function.is-async-callable",
        "label": "unwraps one partial with if (partial flattens nested partials)",
        "kind": "other style",
        "verdict": "pass",
        "note": "functools.partial(functools.partial(f), 1) is built as functools.partial(f, 1), so one level is all there is",
        "code": """
def is_async_callable(obj):
    if isinstance(obj, functools.partial):
        obj = obj.func
    if inspect.iscoroutinefunction(obj):
        return True
    if callable(obj) and not isinstance(obj, type):
        return inspect.iscoroutinefunction(type(obj).__call__)
    return False
""",
    },
    {
        "exercise": "coroutine-function.is-async-callable",
        "label": "from inspect import iscoroutinefunction, under its bare name",
        "kind": "other style",
        "verdict": "pass",
        "note": "the same name as the deprecated asyncio function, but inspect's: must not be taken for it",
        "code": """
from functools import partial
from inspect import iscoroutinefunction, isclass

def is_async_callable(obj):
    while isinstance(obj, partial):
        obj = obj.func
    return iscoroutinefunction(obj) or (
        callable(obj) and not isclass(obj) and iscoroutinefunction(type(obj).__call__)
    )
""",
    },
    # ------------------------------------------------------------------ is-async-callable: wrong
    {
        "exercise": "coroutine-function.is-async-callable",
        "label": "from asyncio import iscoroutinefunction (the deprecated one, under its bare name)",
        "kind": "platform shortcut",
        "verdict": "fail",
        "check": "uses the current API",
        "message": "deprecated since Python 3.14",
        "code": """
from asyncio import iscoroutinefunction

def is_async_callable(obj):
    while isinstance(obj, functools.partial):
        obj = obj.func
    if iscoroutinefunction(obj):
        return True
    return callable(obj) and not isinstance(obj, type) and iscoroutinefunction(type(obj).__call__)
""",
    },
    {
        "exercise": "coroutine-function.is-async-callable",
        "label": "import asyncio as aio; aio.iscoroutinefunction",
        "kind": "platform shortcut",
        "verdict": "fail",
        "check": "uses the current API",
        "message": "deprecated since Python 3.14",
        "code": """
import asyncio as aio

def is_async_callable(obj):
    while isinstance(obj, functools.partial):
        obj = obj.func
    if aio.iscoroutinefunction(obj):
        return True
    return callable(obj) and not isinstance(obj, type) and aio.iscoroutinefunction(type(obj).__call__)
""",
    },
    {
        "exercise": "coroutine-function.is-async-callable",
        "label": "the starter: inspect.iscoroutinefunction alone",
        "kind": "misconception",
        "verdict": "fail",
        "check": "callable objects and classes",
        "message": "for an object whose `__call__` is an `async def` method it returned False",
        "code": """
def is_async_callable(obj):
    return inspect.iscoroutinefunction(obj)
""",
    },
    {
        "exercise": "coroutine-function.is-async-callable",
        "label": "calls the object and looks at what comes back",
        "kind": "misconception",
        "verdict": "fail",
        "check": "coroutine functions, methods and partials",
        "message": "called the object it was given",
        "code": """
def is_async_callable(obj):
    if not callable(obj) or inspect.isclass(obj):
        return False
    try:
        value = obj()
    except TypeError:
        return False
    return inspect.iscoroutine(value)
""",
    },
    {
        "exercise": "coroutine-function.is-async-callable",
        "label": "getattr(obj, '__call__') also for a class, so the class counts as async",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "callable objects and classes",
        "message": "(the class itself) it returned True",
        "code": """
def is_async_callable(obj):
    while isinstance(obj, functools.partial):
        obj = obj.func
    return inspect.iscoroutinefunction(obj) or inspect.iscoroutinefunction(getattr(obj, "__call__", None))
""",
    },
    {
        "exercise": "coroutine-function.is-async-callable",
        "label": "no unwrapping of partials before looking at __call__",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "callable objects and classes",
        "message": "functools.partial(<object with an async `__call__`>, 1) it returned False",
        "code": """
def is_async_callable(obj):
    if inspect.iscoroutinefunction(obj):
        return True
    if callable(obj) and not isinstance(obj, type):
        return inspect.iscoroutinefunction(type(obj).__call__)
    return False
""",
    },
    {
        "exercise": "coroutine-function.is-async-callable",
        "label": "async generator functions counted as async",
        "kind": "misconception",
        "verdict": "fail",
        "check": "everything else is False",
        "message": "for an async generator function it returned True",
        "code": """
def is_async_callable(obj):
    while isinstance(obj, functools.partial):
        obj = obj.func
    if inspect.iscoroutinefunction(obj) or inspect.isasyncgenfunction(obj):
        return True
    if callable(obj) and not isinstance(obj, type):
        return inspect.iscoroutinefunction(type(obj).__call__)
    return False
""",
    },
    {
        "exercise": "coroutine-function.is-async-callable",
        "label": "only type(obj).__call__, never the object itself",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "coroutine functions, methods and partials",
        "message": "for an `async def` function it returned False",
        "code": """
def is_async_callable(obj):
    while isinstance(obj, functools.partial):
        obj = obj.func
    return not isinstance(obj, type) and inspect.iscoroutinefunction(getattr(type(obj), "__call__", None))
""",
    },
    {
        "exercise": "coroutine-function.is-async-callable",
        "label": "the names of the notebook's fetch and Handler, hard-coded",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "coroutine functions, methods and partials",
        "code": """
def is_async_callable(obj):
    if isinstance(obj, type):
        return False
    name = getattr(obj, "__name__", type(obj).__name__)
    return name in ("fetch", "Handler")
""",
    },
    {
        "exercise": "coroutine-function.is-async-callable",
        "label": "asyncio.iscoroutinefunction (deprecated since 3.14)",
        "kind": "platform shortcut",
        "verdict": "fail",
        "check": "uses the current API",
        "message": "deprecated since Python 3.14",
        "code": """
def is_async_callable(obj):
    while isinstance(obj, functools.partial):
        obj = obj.func
    if asyncio.iscoroutinefunction(obj):
        return True
    if callable(obj) and not isinstance(obj, type):
        return asyncio.iscoroutinefunction(type(obj).__call__)
    return False
""",
    },
    {
        "exercise": "coroutine-function.is-async-callable",
        "label": "inspect.iscoroutine: asks whether the object is a coroutine, not a function that makes one",
        "kind": "misconception",
        "verdict": "fail",
        "check": "coroutine functions, methods and partials",
        "message": "it returned False, expected True",
        "code": """
def is_async_callable(obj):
    return inspect.iscoroutine(obj) or inspect.isawaitable(obj)
""",
    },
    # ------------------------------------------------------------------ call-maybe-async: correct
    {
        "exercise": "coroutine-function.call-maybe-async",
        "label": "the hints: call once, await when inspect.isawaitable",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
async def call_maybe_async(f, *args, **kwargs):
    value = f(*args, **kwargs)
    if inspect.isawaitable(value):
        value = await value
    return value
""",
    },
    {
        "exercise": "coroutine-function.call-maybe-async",
        "label": "collections.abc.Awaitable with isinstance",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
from collections.abc import Awaitable

async def call_maybe_async(f, *args, **kwargs):
    result = f(*args, **kwargs)
    return await result if isinstance(result, Awaitable) else result
""",
    },
    {
        "exercise": "coroutine-function.call-maybe-async",
        "label": "hasattr(value, '__await__')",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def call_maybe_async(f, *args, **kwargs):
    value = f(*args, **kwargs)
    if hasattr(value, "__await__"):
        return await value
    return value
""",
    },
    {
        "exercise": "coroutine-function.call-maybe-async",
        "label": "asyncio.ensure_future for anything awaitable, then await the future",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def call_maybe_async(f, *args, **kwargs):
    value = f(*args, **kwargs)
    if not inspect.isawaitable(value):
        return value
    return await asyncio.ensure_future(value)
""",
    },
    {
        "exercise": "coroutine-function.call-maybe-async",
        "label": "a match statement on the returned value",
        "kind": "other style",
        "verdict": "pass",
        "code": """
import collections.abc

async def call_maybe_async(f, *args, **kwargs):
    match f(*args, **kwargs):
        case collections.abc.Awaitable() as pending:
            return await pending
        case value:
            return value
""",
    },
    # ------------------------------------------------------------------ call-maybe-async: wrong
    {
        "exercise": "coroutine-function.call-maybe-async",
        "label": "try: await it, except TypeError: return it as it is",
        "kind": "misconception",
        "verdict": "fail",
        "check": "coroutine functions: awaited",
        "message": "also catches the errors of the awaited code",
        "note": "easier to ask forgiveness, but the TypeError may come from inside the awaited coroutine",
        "code": """
async def call_maybe_async(f, *args, **kwargs):
    value = f(*args, **kwargs)
    try:
        return await value
    except TypeError:
        return value
""",
    },
    {
        "exercise": "coroutine-function.call-maybe-async",
        "label": "the starter: asks whether f is a coroutine function",
        "kind": "misconception",
        "verdict": "fail",
        "check": "anything that returns an awaitable: awaited",
        "message": "returned a coroutine object instead of its result",
        "code": """
async def call_maybe_async(f, *args, **kwargs):
    if inspect.iscoroutinefunction(f):
        return await f(*args, **kwargs)
    return f(*args, **kwargs)
""",
    },
    {
        "exercise": "coroutine-function.call-maybe-async",
        "label": "calls f once to test and once more to await",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "plain functions: their value",
        "message": "called exactly once, but it was called 2 times",
        "code": """
async def call_maybe_async(f, *args, **kwargs):
    if inspect.isawaitable(f(*args, **kwargs)):
        return await f(*args, **kwargs)
    return f(*args, **kwargs)
""",
    },
    {
        "exercise": "coroutine-function.call-maybe-async",
        "label": "awaits whatever f returns",
        "kind": "misconception",
        "verdict": "fail",
        "check": "plain functions: their value",
        "message": "only awaitable values can be awaited",
        "code": """
async def call_maybe_async(f, *args, **kwargs):
    return await f(*args, **kwargs)
""",
    },
    {
        "exercise": "coroutine-function.call-maybe-async",
        "label": "asyncio.iscoroutine only: a Future comes back unawaited",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "anything that returns an awaitable: awaited",
        "message": "returned a Future instead of its result",
        "code": """
async def call_maybe_async(f, *args, **kwargs):
    value = f(*args, **kwargs)
    if asyncio.iscoroutine(value):
        return await value
    return value
""",
    },
    {
        "exercise": "coroutine-function.call-maybe-async",
        "label": "coroutines and futures, but not other objects with __await__",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "anything that returns an awaitable: awaited",
        "message": "an object with `__await__`",
        "code": """
async def call_maybe_async(f, *args, **kwargs):
    value = f(*args, **kwargs)
    if asyncio.iscoroutine(value) or asyncio.isfuture(value):
        return await value
    return value
""",
    },
    {
        "exercise": "coroutine-function.call-maybe-async",
        "label": "the keyword arguments dropped",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "plain functions: their value",
        "message": "expected 3, got 1",
        "code": """
async def call_maybe_async(f, *args, **kwargs):
    value = f(*args)
    if inspect.isawaitable(value):
        value = await value
    return value
""",
    },
    {
        "exercise": "coroutine-function.call-maybe-async",
        "label": "f run in a thread with asyncio.to_thread",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "coroutine functions: awaited",
        "note": "to_thread calls an async def in a thread, which only creates the coroutine; on Pyodide there are no threads at all",
        "code": """
async def call_maybe_async(f, *args, **kwargs):
    return await asyncio.to_thread(f, *args, **kwargs)
""",
    },
    {
        "exercise": "coroutine-function.call-maybe-async",
        "label": "the notebook's fetch and later recognised by name",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "coroutine functions: awaited",
        "code": """
async def call_maybe_async(f, *args, **kwargs):
    if getattr(f, "__name__", "") in ("fetch", "later"):
        return await f(*args, **kwargs)
    return f(*args, **kwargs)
""",
    },
    {
        "exercise": "coroutine-function.call-maybe-async",
        "label": "a Future handed back instead of the result",
        "kind": "leak",
        "verdict": "fail",
        "check": "coroutine functions: awaited",
        "message": "returned a Future instead of its result",
        "code": """
async def call_maybe_async(f, *args, **kwargs):
    value = f(*args, **kwargs)
    if inspect.isawaitable(value):
        return asyncio.ensure_future(value)
    return value
""",
    },
    {
        "exercise": "coroutine-function.call-maybe-async",
        "label": "asyncio.run for the coroutine, as in a script",
        "kind": "platform shortcut",
        "verdict": "fail",
        "platforms": ["cpython"],
        "check": "coroutine functions: awaited",
        "message": "RuntimeError",
        "code": """
async def call_maybe_async(f, *args, **kwargs):
    value = f(*args, **kwargs)
    if inspect.iscoroutine(value):
        return asyncio.run(value)
    return value
""",
    },
    # From the first answer set (issue13c).
    {
        "exercise": 'coroutine-function.is-async-callable',
        "label": 'solution',
        "kind": 'lesson helper',
        "verdict": 'pass',
        "code": """import asyncio
import functools
import inspect

def is_async_callable(obj):
    while isinstance(obj, functools.partial):
        obj = obj.func
    if inspect.iscoroutinefunction(obj):
        return True
    if callable(obj) and not isinstance(obj, type):
        return inspect.iscoroutinefunction(type(obj).__call__)
    return False
""",
    },
    {
        "exercise": 'coroutine-function.is-async-callable',
        "label": 'recursive',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import asyncio

import functools, inspect
def is_async_callable(obj):
    if isinstance(obj, functools.partial):
        return is_async_callable(obj.func)
    if isinstance(obj, type) or not callable(obj):
        return False
    return inspect.iscoroutinefunction(obj) or inspect.iscoroutinefunction(getattr(type(obj), "__call__", None))
""",
    },
    {
        "exercise": 'coroutine-function.is-async-callable',
        "label": 'call-attribute',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import asyncio

import functools, inspect
def is_async_callable(obj):
    while isinstance(obj, functools.partial):
        obj = obj.func
    if inspect.isclass(obj):
        return False
    return inspect.iscoroutinefunction(obj) or inspect.iscoroutinefunction(getattr(obj, "__call__", None))
""",
    },
    {
        "exercise": 'coroutine-function.call-maybe-async',
        "label": 'solution',
        "kind": 'lesson helper',
        "verdict": 'pass',
        "code": """import asyncio
import inspect

async def call_maybe_async(f, *args, **kwargs):
    value = f(*args, **kwargs)
    if inspect.isawaitable(value):
        value = await value
    return value
""",
    },
    {
        "exercise": 'coroutine-function.call-maybe-async',
        "label": 'abc-awaitable',
        "kind": 'other standard library',
        "verdict": 'pass',
        "code": """import asyncio

from collections.abc import Awaitable
async def call_maybe_async(f, *args, **kwargs):
    result = f(*args, **kwargs)
    if isinstance(result, Awaitable):
        return await result
    return result
""",
    },
    {
        "exercise": 'coroutine-function.call-maybe-async',
        "label": 'has-await',
        "kind": 'plain asyncio',
        "verdict": 'pass',
        "code": """import asyncio

async def call_maybe_async(f, *args, **kwargs):
    result = f(*args, **kwargs)
    return await result if hasattr(result, "__await__") else result
""",
    },
    {
        "exercise": 'coroutine-function.is-async-callable',
        "label": 'starter',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'callable objects and classes',
        "message": 'for an object whose `__call__` is an `async def` method it returned False',
        "code": """import asyncio
import functools
import inspect

def is_async_callable(obj):
    return inspect.iscoroutinefunction(obj)
""",
    },
    {
        "exercise": 'coroutine-function.is-async-callable',
        "label": 'class-counts-as-async',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'callable objects and classes',
        "message": '(the class itself) it returned True, expected False',
        "code": """import asyncio

import functools, inspect
def is_async_callable(obj):
    while isinstance(obj, functools.partial):
        obj = obj.func
    return inspect.iscoroutinefunction(obj) or inspect.iscoroutinefunction(getattr(obj, "__call__", None))
""",
    },
    {
        "exercise": 'coroutine-function.is-async-callable',
        "label": 'no-partial-unwrapping',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'callable objects and classes',
        "message": 'functools.partial(<object with an async `__call__`>, 1)',
        "code": """import asyncio

import inspect
def is_async_callable(obj):
    if isinstance(obj, type):
        return False
    return inspect.iscoroutinefunction(obj) or inspect.iscoroutinefunction(getattr(type(obj), "__call__", None))
""",
    },
    {
        "exercise": 'coroutine-function.is-async-callable',
        "label": 'calls-it',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'everything else is False',
        "message": 'without calling it',
        "code": """import asyncio

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
    },
    {
        "exercise": 'coroutine-function.is-async-callable',
        "label": 'async-def',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'everything else is False',
        "message": 'plain function',
        "code": """import asyncio
async def is_async_callable(obj):
    return False
""",
    },
    {
        "exercise": 'coroutine-function.is-async-callable',
        "label": 'deprecated-asyncio',
        "kind": 'platform shortcut',
        "verdict": 'fail',
        "check": 'uses the current API',
        "message": 'deprecated',
        "code": """import asyncio
import asyncio
def is_async_callable(obj):
    return asyncio.iscoroutinefunction(obj)
""",
    },
    {
        "exercise": 'coroutine-function.call-maybe-async',
        "label": 'starter',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'anything that returns an awaitable: awaited',
        "message": 'returned a coroutine object instead of its result',
        "code": """import asyncio
import inspect

async def call_maybe_async(f, *args, **kwargs):
    if inspect.iscoroutinefunction(f):
        return await f(*args, **kwargs)
    return f(*args, **kwargs)
""",
    },
    {
        "exercise": 'coroutine-function.call-maybe-async',
        "label": 'always-await',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'plain functions: their value',
        "message": 'only awaitable values can be awaited',
        "code": """import asyncio
async def call_maybe_async(f, *args, **kwargs):
    return await f(*args, **kwargs)
""",
    },
    {
        "exercise": 'coroutine-function.call-maybe-async',
        "label": 'iscoroutine-only',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'anything that returns an awaitable: awaited',
        "message": 'returned a Future instead of its result',
        "code": """import asyncio

import inspect
async def call_maybe_async(f, *args, **kwargs):
    value = f(*args, **kwargs)
    if inspect.iscoroutine(value):
        return await value
    return value
""",
    },
    {
        "exercise": 'coroutine-function.call-maybe-async',
        "label": 'calls-twice',
        "kind": 'off-by-one',
        "verdict": 'fail',
        "check": 'plain functions: their value',
        "message": 'called 2 times',
        "code": """import asyncio

import inspect
async def call_maybe_async(f, *args, **kwargs):
    if inspect.isawaitable(f(*args, **kwargs)):
        return await f(*args, **kwargs)
    return f(*args, **kwargs)
""",
    },
    {
        "exercise": 'coroutine-function.call-maybe-async',
        "label": 'drops-kwargs',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'plain functions: their value',
        "message": 'expected 3, got 1',
        "code": """import asyncio

import inspect
async def call_maybe_async(f, *args, **kwargs):
    value = f(*args)
    return await value if inspect.isawaitable(value) else value
""",
    },
    {
        "exercise": 'coroutine-function.call-maybe-async',
        "label": 'not-async',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'plain functions: their value',
        "message": 'coroutine function',
        "code": """import asyncio
def call_maybe_async(f, *args, **kwargs):
    return f(*args, **kwargs)
""",
    },
    {
        "exercise": 'coroutine-function.call-maybe-async',
        "label": "hasattr(value, '__await__') (second set)",
        "kind": 'other style',
        "verdict": 'pass',
        "code": """
async def call_maybe_async(f, *args, **kwargs):
    value = f(*args, **kwargs)
    return await value if hasattr(value, "__await__") else value
""",
    },
    {
        "exercise": 'coroutine-function.call-maybe-async',
        "label": 'asyncio.ensure_future for whatever is awaitable',
        "kind": 'plain asyncio',
        "verdict": 'pass',
        "code": """
import asyncio
import inspect

async def call_maybe_async(f, *args, **kwargs):
    value = f(*args, **kwargs)
    if inspect.isawaitable(value):
        return await asyncio.ensure_future(value)
    return value
""",
    },
    {
        "exercise": 'coroutine-function.call-maybe-async',
        "label": 'starts a task for an awaitable and returns it without awaiting',
        "kind": 'leak',
        "verdict": 'fail',
        "check": 'coroutine functions: awaited',
        "code": """
import asyncio
import inspect

async def call_maybe_async(f, *args, **kwargs):
    value = f(*args, **kwargs)
    if inspect.isawaitable(value):
        return asyncio.ensure_future(value)
    return value
""",
    },
    {
        "exercise": 'coroutine-function.call-maybe-async',
        "label": 'looks at the function (iscoroutinefunction), not at what it returned',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'anything that returns an awaitable: awaited',
        "code": """
import inspect

async def call_maybe_async(f, *args, **kwargs):
    if inspect.iscoroutinefunction(f):
        return await f(*args, **kwargs)
    return f(*args, **kwargs)
""",
    },
    {
        "exercise": 'coroutine-function.is-async-callable',
        "label": 'a match statement',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """
import functools
import inspect

def is_async_callable(obj):
    match obj:
        case functools.partial():
            return is_async_callable(obj.func)
        case type():
            return False
        case _ if inspect.iscoroutinefunction(obj):
            return True
        case _ if callable(obj):
            return inspect.iscoroutinefunction(type(obj).__call__)
    return False
""",
    },
    {
        "exercise": 'coroutine-function.is-async-callable',
        "label": 'inspect.getattr_static for __call__',
        "kind": 'other standard library',
        "verdict": 'pass',
        "code": """
import functools
import inspect

def is_async_callable(obj):
    while isinstance(obj, functools.partial):
        obj = obj.func
    if isinstance(obj, type):
        return False
    if inspect.iscoroutinefunction(obj):
        return True
    call = inspect.getattr_static(type(obj), "__call__", None)
    return call is not None and inspect.iscoroutinefunction(call)
""",
    },
    {
        "exercise": 'coroutine-function.is-async-callable',
        "label": 'only the function itself, as in the visible example',
        "kind": 'hard-coded',
        "verdict": 'fail',
        "check": 'callable objects and classes',
        "code": """
import inspect

def is_async_callable(obj):
    return inspect.iscoroutinefunction(obj)
""",
    },
    {
        "exercise": 'coroutine-function.is-async-callable',
        "label": 'unwraps one level of partial (enough: functools.partial flattens a partial of a partial)',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """
import functools
import inspect

def is_async_callable(obj):
    if isinstance(obj, functools.partial):
        obj = obj.func
    if inspect.iscoroutinefunction(obj):
        return True
    if callable(obj) and not isinstance(obj, type):
        return inspect.iscoroutinefunction(type(obj).__call__)
    return False
""",
    },
    {
        "exercise": 'coroutine-function.is-async-callable',
        "label": 'asyncio.iscoroutine: asks whether the object is a coroutine, not a coroutine function',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'coroutine functions, methods and partials',
        "code": """
import asyncio

def is_async_callable(obj):
    return asyncio.iscoroutine(obj)
""",
    },
]
