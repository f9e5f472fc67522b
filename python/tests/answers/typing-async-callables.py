"""Answer set of lesson 11 (typing async callables); the format is described in ../test_answers.py."""

ANSWERS = [
    {
        "exercise": 'typing-async-callables.retry',
        "label": 'solution',
        "kind": 'lesson helper',
        "verdict": 'pass',
        "code": """import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
ATTEMPTS = 3

def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, ATTEMPTS):
            try:
                return await func(*args, **kwargs)
            except Exception:
                pass                        # try again
        return await func(*args, **kwargs)  # the last attempt: its error propagates
    return wrapper
""",
    },
    {
        "exercise": 'typing-async-callables.retry',
        "label": 'typing-spellings-awaitable-return',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """
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
    },
    {
        "exercise": 'typing-async-callables.retry',
        "label": 'coroutine-in-and-out',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
ATTEMPTS = 3


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
    },
    {
        "exercise": 'typing-async-callables.retry',
        "label": 'future-annotations',
        "kind": 'other standard library',
        "verdict": 'pass',
        "code": """from __future__ import annotations
import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
ATTEMPTS = 3

def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, ATTEMPTS):
            try:
                return await func(*args, **kwargs)
            except Exception:
                pass                        # try again
        return await func(*args, **kwargs)  # the last attempt: its error propagates
    return wrapper
""",
    },
    {
        "exercise": 'typing-async-callables.annotate-callbacks',
        "label": 'solution',
        "kind": 'lesson helper',
        "verdict": 'pass',
        "code": '''import asyncio
from collections.abc import Awaitable, Callable, Iterable

async def notify_all(
    users: Iterable[str],
    send: Callable[[str], Awaitable[bool]],
    on_sent: Callable[[str, bool], None],
) -> int:
    """Send a message to every user at once.

    send(user) is an async function: awaiting it gives True if the message was delivered.
    on_sent(user, delivered) is a plain function, called as each send ends.
    Returns how many messages were delivered.
    """
    async def one(user: str) -> bool:
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered

    results = await asyncio.gather(*(one(user) for user in users))
    return sum(results)
''',
    },
    {
        "exercise": 'typing-async-callables.annotate-callbacks',
        "label": 'on-sent-returns-object',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import asyncio, typing
from collections.abc import *
from typing import Any
async def notify_all(users: Iterable[str], send: Callable[[str], Awaitable[bool]], on_sent: Callable[[str, bool], object]) -> int:
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered
    return sum(await asyncio.gather(*(one(u) for u in users)))
""",
    },
    {
        "exercise": 'typing-async-callables.annotate-callbacks',
        "label": 'list-and-coroutine',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import asyncio, typing
from collections.abc import *
from typing import Any
async def notify_all(users: list[str], send: Callable[[str], Coroutine[Any, Any, bool]], on_sent: Callable[[str, bool], None]) -> int:
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered
    return sum(await asyncio.gather(*(one(u) for u in users)))
""",
    },
    {
        "exercise": 'typing-async-callables.annotate-callbacks',
        "label": 'typing-module-sequence',
        "kind": 'other standard library',
        "verdict": 'pass',
        "code": """import asyncio, typing
from collections.abc import *
from typing import Any
async def notify_all(users: typing.Sequence[str], send: typing.Callable[[str], typing.Awaitable[bool]], on_sent: typing.Callable[[str, bool], None]) -> int:
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered
    return sum(await asyncio.gather(*(one(u) for u in users)))
""",
    },
    {
        "exercise": 'typing-async-callables.annotate-callbacks',
        "label": 'tuple-and-string-annotations',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import asyncio, typing
from collections.abc import *
from typing import Any
async def notify_all(users: 'tuple[str, ...]', send: 'Callable[[str], Awaitable[bool]]', on_sent: 'Callable[[str, bool], None]') -> 'int':
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered
    return sum(await asyncio.gather(*(one(u) for u in users)))
""",
    },
    {
        "exercise": 'typing-async-callables.retry',
        "label": 'starter-never-retries',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'retries failures, then returns',
        "message": 'raised ConnectionError: attempt 1 failed after 1 call(s)',
        "code": """import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
ATTEMPTS = 3

def retry(func):
    def wrapper(*args, **kwargs):
        for attempt in range(1, ATTEMPTS):
            try:
                return func(*args, **kwargs)
            except Exception:
                pass                        # try again
        return func(*args, **kwargs)        # the last attempt: its error propagates
    return wrapper
""",
    },
    {
        "exercise": 'typing-async-callables.retry',
        "label": 'starter-identity',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'looks like the original function',
        "message": 'says False',
        "code": """import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
ATTEMPTS = 3

def retry(func):
    def wrapper(*args, **kwargs):
        for attempt in range(1, ATTEMPTS):
            try:
                return func(*args, **kwargs)
            except Exception:
                pass                        # try again
        return func(*args, **kwargs)        # the last attempt: its error propagates
    return wrapper
""",
    },
    {
        "exercise": 'typing-async-callables.retry',
        "label": 'starter-unannotated',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'annotated with a ParamSpec',
        "message": 'has no annotation',
        "code": """import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
ATTEMPTS = 3

def retry(func):
    def wrapper(*args, **kwargs):
        for attempt in range(1, ATTEMPTS):
            try:
                return func(*args, **kwargs)
            except Exception:
                pass                        # try again
        return func(*args, **kwargs)        # the last attempt: its error propagates
    return wrapper
""",
    },
    {
        "exercise": 'typing-async-callables.retry',
        "label": 'sync-wrapper-with-wraps',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'looks like the original function',
        "message": '`inspect.iscoroutinefunction` says False',
        "code": """import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
ATTEMPTS = 3


def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Awaitable[R]:
        return func(*args, **kwargs)
    return wrapper
""",
    },
    {
        "exercise": 'typing-async-callables.retry',
        "label": 'no-wraps',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'looks like the original function',
        "message": "`__name__` is 'wrapper'",
        "code": """import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
ATTEMPTS = 3

def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, ATTEMPTS):
            try:
                return await func(*args, **kwargs)
            except Exception:
                pass                        # try again
        return await func(*args, **kwargs)  # the last attempt: its error propagates
    return wrapper
""",
    },
    {
        "exercise": 'typing-async-callables.retry',
        "label": 'ellipsis-params',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'annotated with a ParamSpec',
        "message": 'use a ParamSpec',
        "code": """import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
ATTEMPTS = 3

def retry(func: Callable[..., Awaitable[R]]) -> Callable[..., Coroutine[Any, Any, R]]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, ATTEMPTS):
            try:
                return await func(*args, **kwargs)
            except Exception:
                pass                        # try again
        return await func(*args, **kwargs)  # the last attempt: its error propagates
    return wrapper
""",
    },
    {
        "exercise": 'typing-async-callables.retry',
        "label": 'not-awaitable-result',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'annotated with a ParamSpec',
        "message": 'is not awaitable',
        "code": """import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
ATTEMPTS = 3

def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, R]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, ATTEMPTS):
            try:
                return await func(*args, **kwargs)
            except Exception:
                pass                        # try again
        return await func(*args, **kwargs)  # the last attempt: its error propagates
    return wrapper
""",
    },
    {
        "exercise": 'typing-async-callables.retry',
        "label": 'retries-cancellation',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'does not retry a cancellation',
        "message": 'must not be retried',
        "code": """import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
ATTEMPTS = 3

def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, ATTEMPTS):
            try:
                return await func(*args, **kwargs)
            except BaseException:
                pass                        # try again
        return await func(*args, **kwargs)  # the last attempt: its error propagates
    return wrapper
""",
    },
    {
        "exercise": 'typing-async-callables.retry',
        "label": 'too-many-attempts',
        "kind": 'off-by-one',
        "verdict": 'fail',
        "check": 'gives up after three attempts',
        "message": 'exactly 3 attempts',
        "code": """import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
ATTEMPTS = 4

def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, ATTEMPTS):
            try:
                return await func(*args, **kwargs)
            except Exception:
                pass                        # try again
        return await func(*args, **kwargs)  # the last attempt: its error propagates
    return wrapper
""",
    },
    {
        "exercise": 'typing-async-callables.retry',
        "label": 'undefined-name',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'annotated with a ParamSpec',
        "message": 'could not be evaluated',
        "code": """import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
ATTEMPTS = 3

def retry(func: Callable[P, Awaitable[R]]) -> 'Callable[P, Coro[Any, Any, R]]':
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, ATTEMPTS):
            try:
                return await func(*args, **kwargs)
            except Exception:
                pass                        # try again
        return await func(*args, **kwargs)  # the last attempt: its error propagates
    return wrapper
""",
    },
    {
        "exercise": 'typing-async-callables.annotate-callbacks',
        "label": 'starter',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'send is an async callable',
        "message": 'has no annotation',
        "code": '''import asyncio
from collections.abc import Awaitable, Callable, Iterable

async def notify_all(users, send, on_sent):
    """Send a message to every user at once.

    send(user) is an async function: awaiting it gives True if the message was delivered.
    on_sent(user, delivered) is a plain function, called as each send ends.
    Returns how many messages were delivered.
    """
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered

    results = await asyncio.gather(*(one(user) for user in users))
    return sum(results)
''',
    },
    {
        "exercise": 'typing-async-callables.annotate-callbacks',
        "label": 'send-not-awaitable',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'send is an async callable',
        "message": 'should be awaitable',
        "code": """import asyncio, typing
from collections.abc import *
from typing import Any
async def notify_all(users: list[str], send: Callable[[str], bool], on_sent: Callable[[str, bool], None]) -> int:
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered
    return sum(await asyncio.gather(*(one(u) for u in users)))
""",
    },
    {
        "exercise": 'typing-async-callables.annotate-callbacks',
        "label": 'on-sent-awaitable',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'on_sent is a plain callback',
        "message": 'without `await`',
        "code": """import asyncio, typing
from collections.abc import *
from typing import Any
async def notify_all(users: list[str], send: Callable[[str], Awaitable[bool]], on_sent: Callable[[str, bool], Awaitable[None]]) -> int:
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered
    return sum(await asyncio.gather(*(one(u) for u in users)))
""",
    },
    {
        "exercise": 'typing-async-callables.annotate-callbacks',
        "label": 'return-coroutine',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'users and the return value',
        "message": 'for an `async def`, the return annotation is the type of what `await',
        "code": """import asyncio, typing
from collections.abc import *
from typing import Any
async def notify_all(users: list[str], send: Callable[[str], Awaitable[bool]], on_sent: Callable[[str, bool], None]) -> Coroutine[Any, Any, int]:
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered
    return sum(await asyncio.gather(*(one(u) for u in users)))
""",
    },
    {
        "exercise": 'typing-async-callables.annotate-callbacks',
        "label": 'wrong-argument-types',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'send is an async callable',
        "message": 'called with one str',
        "code": """import asyncio, typing
from collections.abc import *
from typing import Any
async def notify_all(users: list[str], send: Callable[..., Awaitable[bool]], on_sent: Callable[[str], None]) -> int:
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered
    return sum(await asyncio.gather(*(one(u) for u in users)))
""",
    },
    {
        "exercise": 'typing-async-callables.annotate-callbacks',
        "label": 'users-not-str',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'users and the return value',
        "message": 'collection of str',
        "code": """import asyncio, typing
from collections.abc import *
from typing import Any
async def notify_all(users: list[int], send: Callable[[str], Awaitable[bool]], on_sent: Callable[[str, bool], None]) -> int:
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered
    return sum(await asyncio.gather(*(one(u) for u in users)))
""",
    },
    {
        "exercise": 'typing-async-callables.annotate-callbacks',
        "label": 'one-after-the-other',
        "kind": 'concurrency lost',
        "verdict": 'fail',
        "check": 'still works',
        "message": 'ran one after the other',
        "code": """import asyncio
from collections.abc import *
async def notify_all(users: Iterable[str], send: Callable[[str], Awaitable[bool]], on_sent: Callable[[str, bool], None]) -> int:
    delivered = 0
    for user in users:
        ok = await send(user)
        on_sent(user, ok)
        delivered += ok
    return delivered
""",
    },
    {
        "exercise": 'typing-async-callables.annotate-callbacks',
        "label": 'on-sent-after-all',
        "kind": 'order lost',
        "verdict": 'fail',
        "check": 'still works',
        "message": 'as each send ends',
        "code": """import asyncio
from collections.abc import *
async def notify_all(users: Iterable[str], send: Callable[[str], Awaitable[bool]], on_sent: Callable[[str, bool], None]) -> int:
    users = list(users)
    results = await asyncio.gather(*(send(u) for u in users))
    for user, ok in zip(users, results):
        on_sent(user, ok)
    return sum(results)
""",
    },
    {
        "exercise": 'typing-async-callables.annotate-callbacks',
        "label": 'made-sync',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'still works',
        "message": 'coroutine function',
        "code": """def notify_all(users, send, on_sent):
    return 0
""",
    },
    {
        "exercise": 'typing-async-callables.retry',
        "label": 'a while loop counting attempts, re-raising the last error',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
ATTEMPTS = 3


def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        attempt = 1
        while True:
            try:
                return await func(*args, **kwargs)
            except Exception:
                if attempt >= ATTEMPTS:
                    raise
                attempt += 1
    return wrapper
""",
    },
    {
        "exercise": 'typing-async-callables.retry',
        "label": 'one attempt too few (range(ATTEMPTS - 1) before the last)',
        "kind": 'off-by-one',
        "verdict": 'fail',
        "check": 'retries failures, then returns',
        "code": """import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
ATTEMPTS = 3


def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, ATTEMPTS - 1):
            try:
                return await func(*args, **kwargs)
            except Exception:
                pass
        return await func(*args, **kwargs)
    return wrapper
""",
    },
    {
        "exercise": 'typing-async-callables.annotate-callbacks',
        "label": "the visible example's count hard-coded",
        "kind": 'hard-coded',
        "verdict": 'fail',
        "check": 'still works',
        "code": """
import asyncio
from collections.abc import Awaitable, Callable, Iterable

async def notify_all(users: Iterable[str], send: Callable[[str], Awaitable[bool]], on_sent: Callable[[str, bool], None]) -> int:
    async def one(user: str) -> bool:
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered
    await asyncio.gather(*(one(user) for user in users))
    return 3
""",
    },
    {
        "exercise": 'typing-async-callables.retry',
        "label": 'passes only positional arguments (the visible example has no keywords)',
        "kind": 'hard-coded',
        "verdict": 'fail',
        "check": 'retries failures, then returns',
        "code": """import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
ATTEMPTS = 3


def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, ATTEMPTS):
            try:
                return await func(*args)
            except Exception:
                pass
        return await func(*args)
    return wrapper
""",
    },
    # ------------------------------------------------------------------ more answers (merged from branch issue13f)
    {
        "exercise": "typing-async-callables.retry",
        "label": "the lesson's solution: async wrapper, functools.wraps, ParamSpec",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
ATTEMPTS = 3

def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, ATTEMPTS):
            try:
                return await func(*args, **kwargs)
            except Exception:
                pass
        return await func(*args, **kwargs)
    return wrapper
""",
    },
    {
        "exercise": "typing-async-callables.retry",
        "label": "keeps the last error and re-raises it; Awaitable in the return annotation too",
        "kind": "other style",
        "verdict": "pass",
        "code": """
P = ParamSpec("P")
T = TypeVar("T")

def retry(func: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[T]]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        last: Exception | None = None
        for _ in range(3):
            try:
                return await func(*args, **kwargs)
            except Exception as exc:
                last = exc
        assert last is not None
        raise last
    return wrapper
""",
    },
    {
        "exercise": "typing-async-callables.retry",
        "label": "string annotations (from __future__ import annotations), a while loop",
        "kind": "other style",
        "verdict": "pass",
        "code": """
from __future__ import annotations

P = ParamSpec("P")
R = TypeVar("R")

def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        attempt = 1
        while True:
            try:
                return await func(*args, **kwargs)
            except Exception:
                if attempt == 3:
                    raise
                attempt += 1
    return wrapper
""",
    },
    {
        "exercise": "typing-async-callables.retry",
        "label": "the typing module's aliases and functools.update_wrapper",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
import typing

P = typing.ParamSpec("P")
R = typing.TypeVar("R")

def retry(func: typing.Callable[P, typing.Awaitable[R]]) -> typing.Callable[P, typing.Coroutine[typing.Any, typing.Any, R]]:
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(3):
            try:
                return await func(*args, **kwargs)
            except Exception:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")
    functools.update_wrapper(wrapper, func)
    return wrapper
""",
    },
    {
        "exercise": "typing-async-callables.retry",
        "label": "a short pause between attempts (asyncio.sleep)",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
P = ParamSpec("P")
R = TypeVar("R")
ATTEMPTS = 3

def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return await func(*args, **kwargs)
            except Exception:
                if attempt == ATTEMPTS:
                    raise
                await asyncio.sleep(0.001 * attempt)
        raise RuntimeError("not reached")
    return wrapper
""",
    },
    {
        "exercise": "typing-async-callables.retry",
        "label": "each attempt awaited as a task (cancelling the wrapper cancels it too)",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
P = ParamSpec("P")
R = TypeVar("R")

def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(3):
            try:
                return await asyncio.ensure_future(func(*args, **kwargs))
            except Exception:
                if attempt == 2:
                    raise
        raise AssertionError
    return wrapper
""",
    },
    {
        "exercise": "typing-async-callables.retry",
        "label": "func annotated Callable[P, Coroutine[Any, Any, R]]: accepts async def functions only",
        "kind": "other style",
        "verdict": "pass",
        "code": """
P = ParamSpec("P")
R = TypeVar("R")

def retry(func: Callable[P, Coroutine[Any, Any, R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(3):
            try:
                return await func(*args, **kwargs)
            except Exception:
                if attempt == 2:
                    raise
        raise AssertionError
    return wrapper
""",
    },
    {
        "exercise": "typing-async-callables.retry",
        "label": "the starter: a plain def wrapper never sees the error",
        "kind": "misconception",
        "verdict": "fail",
        "check": "retries failures, then returns",
        "message": "expected it to try again",
        "code": """
P = ParamSpec("P")
R = TypeVar("R")
ATTEMPTS = 3

def retry(func):
    def wrapper(*args, **kwargs):
        for attempt in range(1, ATTEMPTS):
            try:
                return func(*args, **kwargs)
            except Exception:
                pass
        return func(*args, **kwargs)
    return wrapper
""",
    },
    {
        "exercise": "typing-async-callables.retry",
        "label": "a bare except: a cancellation is retried too",
        "kind": "misconception",
        "verdict": "fail",
        "check": "does not retry a cancellation",
        "message": "must not be retried",
        "code": """
P = ParamSpec("P")
R = TypeVar("R")

def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, 3):
            try:
                return await func(*args, **kwargs)
            except:
                pass
        return await func(*args, **kwargs)
    return wrapper
""",
    },
    {
        "exercise": "typing-async-callables.retry",
        "label": "range(ATTEMPTS) plus a last call: four attempts",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "gives up after three attempts",
        "message": "expected exactly 3 attempts, got 4",
        "code": """
P = ParamSpec("P")
R = TypeVar("R")
ATTEMPTS = 3

def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(ATTEMPTS):
            try:
                return await func(*args, **kwargs)
            except Exception:
                pass
        return await func(*args, **kwargs)
    return wrapper
""",
    },
    {
        "exercise": "typing-async-callables.retry",
        "label": "the last error swallowed: returns None",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "gives up after three attempts",
        "message": "it returned None",
        "code": """
P = ParamSpec("P")
R = TypeVar("R")

def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(3):
            try:
                return await func(*args, **kwargs)
            except Exception as exc:
                print("attempt", attempt + 1, "failed:", exc)
    return wrapper
""",
    },
    {
        "exercise": "typing-async-callables.retry",
        "label": "no functools.wraps",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "looks like the original function",
        "message": "not 'fetch_report'",
        "code": """
P = ParamSpec("P")
R = TypeVar("R")

def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, 3):
            try:
                return await func(*args, **kwargs)
            except Exception:
                pass
        return await func(*args, **kwargs)
    return wrapper
""",
    },
    {
        "exercise": "typing-async-callables.retry",
        "label": "a plain def wrapper that returns a Task: right results, no longer a coroutine function",
        "kind": "misconception",
        "verdict": "fail",
        "check": "looks like the original function",
        "message": "iscoroutinefunction",
        "code": """
P = ParamSpec("P")
R = TypeVar("R")

def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    async def attempts(*args, **kwargs):
        for attempt in range(1, 3):
            try:
                return await func(*args, **kwargs)
            except Exception:
                pass
        return await func(*args, **kwargs)

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> "asyncio.Task[R]":
        return asyncio.ensure_future(attempts(*args, **kwargs))
    return wrapper
""",
    },
    {
        "exercise": "typing-async-callables.retry",
        "label": "Callable[..., Awaitable[R]]: the parameters are lost to a type checker",
        "kind": "misconception",
        "verdict": "fail",
        "check": "annotated with a ParamSpec",
        "message": "use a ParamSpec",
        "code": """
R = TypeVar("R")

def retry(func: Callable[..., Awaitable[R]]) -> Callable[..., Coroutine[Any, Any, R]]:
    @functools.wraps(func)
    async def wrapper(*args: Any, **kwargs: Any) -> R:
        for attempt in range(1, 3):
            try:
                return await func(*args, **kwargs)
            except Exception:
                pass
        return await func(*args, **kwargs)
    return wrapper
""",
    },
    {
        "exercise": "typing-async-callables.retry",
        "label": "func annotated Callable[P, R]: its result not awaitable",
        "kind": "misconception",
        "verdict": "fail",
        "check": "annotated with a ParamSpec",
        "message": "is not awaitable",
        "code": """
P = ParamSpec("P")
R = TypeVar("R")

def retry(func: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs):
        for attempt in range(1, 3):
            try:
                return await func(*args, **kwargs)
            except Exception:
                pass
        return await func(*args, **kwargs)
    return wrapper
""",
    },
    {
        "exercise": "typing-async-callables.retry",
        "label": "the result type lost in the return annotation (Awaitable[Any])",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "annotated with a ParamSpec",
        "message": "the awaited result types differ",
        "code": """
P = ParamSpec("P")
R = TypeVar("R")

def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[Any]]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs):
        for attempt in range(1, 3):
            try:
                return await func(*args, **kwargs)
            except Exception:
                pass
        return await func(*args, **kwargs)
    return wrapper
""",
    },
    {
        "exercise": "typing-async-callables.retry",
        "label": "keyword arguments dropped: func(*args)",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "retries failures, then returns",
        "message": "but got 'monday.pdf'",
        "code": """
P = ParamSpec("P")
R = TypeVar("R")

def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, 3):
            try:
                return await func(*args)
            except Exception:
                pass
        return await func(*args)
    return wrapper
""",
    },
    {
        "exercise": "typing-async-callables.retry",
        "label": "only ConnectionError retried, the error of the visible example",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "retries failures, then returns",
        "message": "expected it to try again",
        "note": "the exercise asks to retry any Exception; flaky_greeting happens to raise ConnectionError",
        "code": """
P = ParamSpec("P")
R = TypeVar("R")

def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, 3):
            try:
                return await func(*args, **kwargs)
            except ConnectionError:
                pass
        return await func(*args, **kwargs)
    return wrapper
""",
    },
    {
        "exercise": "typing-async-callables.retry",
        "label": "each attempt shielded: the cancelled call goes on running",
        "kind": "leak",
        "verdict": "fail",
        "check": "does not retry a cancellation",
        "message": "still running",
        "code": """
P = ParamSpec("P")
R = TypeVar("R")

def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, 3):
            try:
                return await asyncio.shield(func(*args, **kwargs))
            except Exception:
                pass
        return await asyncio.shield(func(*args, **kwargs))
    return wrapper
""",
    },
    {
        "exercise": "typing-async-callables.annotate-callbacks",
        "label": "the lesson's solution: Iterable[str], Awaitable[bool], None, int",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
import asyncio
from collections.abc import Awaitable, Callable, Iterable

async def notify_all(
    users: Iterable[str],
    send: Callable[[str], Awaitable[bool]],
    on_sent: Callable[[str, bool], None],
) -> int:
    \"\"\"Send a message to every user at once.\"\"\"
    async def one(user: str) -> bool:
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered

    results = await asyncio.gather(*(one(user) for user in users))
    return sum(results)
""",
    },
    {
        "exercise": "typing-async-callables.annotate-callbacks",
        "label": "list[str] and Coroutine[Any, Any, bool]",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def notify_all(
    users: list[str],
    send: Callable[[str], Coroutine[Any, Any, bool]],
    on_sent: Callable[[str, bool], None],
) -> int:
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered

    results = await asyncio.gather(*(one(user) for user in users))
    return sum(results)
""",
    },
    {
        "exercise": "typing-async-callables.annotate-callbacks",
        "label": "on_sent returns object (typeshed's convention for an ignored result)",
        "kind": "other style",
        "verdict": "pass",
        "code": """
from collections.abc import Sequence

async def notify_all(
    users: Sequence[str],
    send: Callable[[str], Awaitable[bool]],
    on_sent: Callable[[str, bool], object],
) -> int:
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered

    results = await asyncio.gather(*(one(user) for user in users))
    return sum(results)
""",
    },
    {
        "exercise": "typing-async-callables.annotate-callbacks",
        "label": "the typing module's aliases: typing.List, typing.Callable, typing.Awaitable",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
from typing import Awaitable as TAwaitable, Callable as TCallable, List

async def notify_all(
    users: List[str],
    send: TCallable[[str], TAwaitable[bool]],
    on_sent: TCallable[[str, bool], None],
) -> int:
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered

    results = await asyncio.gather(*(one(user) for user in users))
    return sum(results)
""",
    },
    {
        "exercise": "typing-async-callables.annotate-callbacks",
        "label": "string annotations (from __future__ import annotations)",
        "kind": "other style",
        "verdict": "pass",
        "code": """
from __future__ import annotations

async def notify_all(users: tuple[str, ...], send: Callable[[str], Awaitable[bool]],
                     on_sent: Callable[[str, bool], None]) -> int:
    async def one(user: str) -> bool:
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered

    results = await asyncio.gather(*(one(user) for user in users))
    return sum(results)
""",
    },
    {
        "exercise": "typing-async-callables.annotate-callbacks",
        "label": "callback protocols (typing.Protocol with __call__)",
        "kind": "other standard library",
        "verdict": "pass",
        "note": "PEP 544 callback protocols are the typing route for callbacks a Callable cannot describe",
        "code": """
from typing import Protocol

class Sender(Protocol):
    async def __call__(self, user: str, /) -> bool: ...

class SentHook(Protocol):
    def __call__(self, user: str, delivered: bool, /) -> None: ...

async def notify_all(users: Iterable[str], send: Sender, on_sent: SentHook) -> int:
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered

    results = await asyncio.gather(*(one(user) for user in users))
    return sum(results)
""",
    },
    {
        "exercise": "typing-async-callables.annotate-callbacks",
        "label": "on_sent returns Any: whatever it returns is fine",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def notify_all(users: Iterable[str], send: Callable[[str], Awaitable[bool]],
                     on_sent: Callable[[str, bool], Any]) -> int:
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered

    results = await asyncio.gather(*(one(user) for user in users))
    return sum(results)
""",
    },
    {
        "exercise": "typing-async-callables.annotate-callbacks",
        "label": "the starter: no annotations",
        "kind": "misconception",
        "verdict": "fail",
        "check": "send is an async callable",
        "message": "has no annotation",
        "code": """
async def notify_all(users, send, on_sent):
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered

    results = await asyncio.gather(*(one(user) for user in users))
    return sum(results)
""",
    },
    {
        "exercise": "typing-async-callables.annotate-callbacks",
        "label": "send: Callable[[str], bool], as if it were not awaited",
        "kind": "misconception",
        "verdict": "fail",
        "check": "send is an async callable",
        "message": "should be awaitable",
        "code": """
async def notify_all(users: Iterable[str], send: Callable[[str], bool],
                     on_sent: Callable[[str, bool], None]) -> int:
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered

    results = await asyncio.gather(*(one(user) for user in users))
    return sum(results)
""",
    },
    {
        "exercise": "typing-async-callables.annotate-callbacks",
        "label": "on_sent annotated as async too",
        "kind": "misconception",
        "verdict": "fail",
        "check": "on_sent is a plain callback",
        "message": "would never run",
        "code": """
async def notify_all(users: Iterable[str], send: Callable[[str], Awaitable[bool]],
                     on_sent: Callable[[str, bool], Awaitable[None]]) -> int:
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered

    results = await asyncio.gather(*(one(user) for user in users))
    return sum(results)
""",
    },
    {
        "exercise": "typing-async-callables.annotate-callbacks",
        "label": "the return annotation is the coroutine's type",
        "kind": "misconception",
        "verdict": "fail",
        "check": "users and the return value",
        "message": "not of the coroutine",
        "code": """
async def notify_all(users: Iterable[str], send: Callable[[str], Awaitable[bool]],
                     on_sent: Callable[[str, bool], None]) -> Coroutine[Any, Any, int]:
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered

    results = await asyncio.gather(*(one(user) for user in users))
    return sum(results)
""",
    },
    {
        "exercise": "typing-async-callables.annotate-callbacks",
        "label": "on_sent's parameters swapped",
        "kind": "order lost",
        "verdict": "fail",
        "check": "on_sent is a plain callback",
        "message": "called with the user (a str) and whether",
        "code": """
async def notify_all(users: Iterable[str], send: Callable[[str], Awaitable[bool]],
                     on_sent: Callable[[bool, str], None]) -> int:
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered

    results = await asyncio.gather(*(one(user) for user in users))
    return sum(results)
""",
    },
    {
        "exercise": "typing-async-callables.annotate-callbacks",
        "label": "on_sent with one parameter",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "on_sent is a plain callback",
        "message": "called with the user (a str) and whether",
        "code": """
async def notify_all(users: Iterable[str], send: Callable[[str], Awaitable[bool]],
                     on_sent: Callable[[str], None]) -> int:
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered

    results = await asyncio.gather(*(one(user) for user in users))
    return sum(results)
""",
    },
    {
        "exercise": "typing-async-callables.annotate-callbacks",
        "label": "users: str",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "users and the return value",
        "message": "expected a collection of str",
        "code": """
async def notify_all(users: str, send: Callable[[str], Awaitable[bool]],
                     on_sent: Callable[[str, bool], None]) -> int:
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered

    results = await asyncio.gather(*(one(user) for user in users))
    return sum(results)
""",
    },
    {
        "exercise": "typing-async-callables.annotate-callbacks",
        "label": "the body rewritten to send one after the other",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "still works",
        "message": "one after the other",
        "code": """
async def notify_all(users: Iterable[str], send: Callable[[str], Awaitable[bool]],
                     on_sent: Callable[[str, bool], None]) -> int:
    delivered = 0
    for user in users:
        ok = await send(user)
        on_sent(user, ok)
        delivered += ok
    return delivered
""",
    },
    {
        "exercise": "typing-async-callables.annotate-callbacks",
        "label": "on_sent called after every send has ended, in the order of users",
        "kind": "order lost",
        "verdict": "fail",
        "check": "still works",
        "message": "as each send ends",
        "code": """
async def notify_all(users: list[str], send: Callable[[str], Awaitable[bool]],
                     on_sent: Callable[[str, bool], None]) -> int:
    results = await asyncio.gather(*(send(user) for user in users))
    for user, delivered in zip(users, results):
        on_sent(user, delivered)
    return sum(results)
""",
    },
    {
        "exercise": "typing-async-callables.annotate-callbacks",
        "label": "returns how many users there are",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "still works",
        "message": "expected notify_all to deliver to 2",
        "code": """
async def notify_all(users: list[str], send: Callable[[str], Awaitable[bool]],
                     on_sent: Callable[[str, bool], None]) -> int:
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered

    await asyncio.gather(*(one(user) for user in users))
    return len(users)
""",
    },
    {
        "exercise": "typing-async-callables.annotate-callbacks",
        "label": "the sends started as tasks and never awaited",
        "kind": "leak",
        "verdict": "fail",
        "check": "still works",
        "message": "expected notify_all to deliver to 2",
        "code": """
async def notify_all(users: list[str], send: Callable[[str], Awaitable[bool]],
                     on_sent: Callable[[str, bool], None]) -> int:
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered

    tasks = [asyncio.ensure_future(one(user)) for user in users]
    return sum(t.result() for t in tasks if t.done())
""",
    },
    {
        "exercise": "typing-async-callables.annotate-callbacks",
        "label": "a callback protocol for send whose __call__ is a plain def returning bool",
        "kind": "misconception",
        "verdict": "fail",
        "check": "send is an async callable",
        "message": "should be awaitable",
        "code": """
from typing import Protocol

class Sender(Protocol):
    def __call__(self, user: str, /) -> bool: ...

async def notify_all(users: Iterable[str], send: Sender, on_sent: Callable[[str, bool], None]) -> int:
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered

    results = await asyncio.gather(*(one(user) for user in users))
    return sum(results)
""",
    },
    {
        "exercise": "typing-async-callables.annotate-callbacks",
        "label": "users as a union of two collections: list[str] | tuple[str, ...]",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def notify_all(users: list[str] | tuple[str, ...], send: Callable[[str], Awaitable[bool]],
                     on_sent: Callable[[str, bool], None]) -> int:
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered

    results = await asyncio.gather(*(one(user) for user in users))
    return sum(results)
""",
    },
    {
        "exercise": "typing-async-callables.annotate-callbacks",
        "label": "the body as a TaskGroup (still at once, on_sent as each ends); typing's aliases",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def notify_all(users: typing.Sequence[str], send: typing.Callable[[str], typing.Awaitable[bool]],
                     on_sent: typing.Callable[[str, bool], None]) -> int:
    async def one(user: str) -> bool:
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered

    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(one(user)) for user in users]
    return sum(t.result() for t in tasks)
""",
    },
    {
        "exercise": "typing-async-callables.annotate-callbacks",
        "label": "users: Iterator[str], which a list is not",
        "kind": "misconception",
        "verdict": "fail",
        "check": "users and the return value",
        "message": "could not pass a list",
        "code": """
from collections.abc import Iterator

async def notify_all(users: Iterator[str], send: Callable[[str], Awaitable[bool]],
                     on_sent: Callable[[str, bool], None]) -> int:
    async def one(user):
        delivered = await send(user)
        on_sent(user, delivered)
        return delivered

    results = await asyncio.gather(*(one(user) for user in users))
    return sum(results)
""",
    },
]
