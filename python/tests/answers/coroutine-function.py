"""Answer set of lesson 10 (is it a coroutine function?); the format is described in ../test_answers.py."""

ANSWERS = [
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
        "label": "hasattr(value, '__await__')",
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
