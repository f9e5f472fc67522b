"""Lesson 11, typing async callables: exercises and their checks.

There is no type checker in the browser (nor in this package), so the checks
look at what a type checker would rely on, through runtime introspection:
``typing.get_type_hints`` broken down with ``typing.get_origin``/``get_args``,
``inspect.signature``, ``__wrapped__``, and ``inspect.iscoroutinefunction``.
They also run the code, so a decorator must behave as well as look right.
Any spelling is accepted: ``typing.Callable`` or ``collections.abc.Callable``,
``Awaitable[...]`` or ``Coroutine[Any, Any, ...]`` where both are correct,
``ParamSpec``/``TypeVar`` objects or Python 3.12 type-parameter syntax.
"""


import asyncio
import collections.abc as cabc
import inspect
import types
import typing
import warnings
from typing import Any, Mapping

from ..exercises import CheckFailed, Exercise, describe_exception, make_checks, register

LESSON = "typing-async-callables"

_AWAITABLE_ORIGINS = (cabc.Awaitable, cabc.Coroutine)


#: The lesson's import cell: the starters and solutions assume it (and so may the learner's code).
LESSON_SETUP = """\
import asyncio
import functools
import inspect
import typing
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from typing import Any, ParamSpec, TypeVar
"""


# --------------------------------------------------------------------------- type helpers

def _show(hint: Any) -> str:
    text = repr(hint)
    return text.replace("collections.abc.", "").replace("typing.", "")


def _hints(func, name: str) -> dict[str, Any]:
    # Type parameters of `def f[**P, R](...)` (3.12+): needed for string annotations on 3.12.
    params = {p.__name__: p for p in getattr(func, "__type_params__", ())}
    try:
        return typing.get_type_hints(func, localns=params or None)
    except Exception as exc:  # an annotation names something undefined, for example
        raise CheckFailed(f"the annotations of `{name}` could not be evaluated: {describe_exception(exc)}") from None


def _callable_parts(hint: Any) -> tuple[Any, Any] | None:
    """(parameters, result) of a Callable hint, else None."""
    if typing.get_origin(hint) is not cabc.Callable:
        return None
    args = typing.get_args(hint)
    if len(args) != 2:
        return None
    return args[0], args[1]


def _callback_parts(hint: Any) -> tuple[Any, Any] | None:
    """(parameter types, result) of a Callable hint or of a callback protocol, else None.

    A callback protocol (PEP 544: a ``typing.Protocol`` whose ``__call__`` is annotated) is the
    typing route for callbacks a ``Callable`` cannot spell; its ``__call__`` is read as the
    Callable it stands for (an ``async def __call__`` returns ``Coroutine[Any, Any, result]``).
    """
    parts = _callable_parts(hint)
    if parts is not None:
        return parts
    if not (isinstance(hint, type) and getattr(hint, "_is_protocol", False)):
        return None
    call = getattr(hint, "__call__", None)
    if call is None or call is getattr(typing.Protocol, "__call__", None) or not inspect.isfunction(call):
        return None
    try:
        hints = typing.get_type_hints(call)
        params = list(inspect.signature(call).parameters.values())[1:]  # without self
    except Exception:
        return None
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    if any(p.kind not in positional and p.default is inspect.Parameter.empty for p in params):
        return None
    types = [hints.get(p.name) for p in params if p.kind in positional]
    result = hints.get("return", Any)
    if inspect.iscoroutinefunction(call):
        result = cabc.Coroutine[Any, Any, result]
    return types, result


def _awaited(hint: Any) -> Any | None:
    """The awaited type of Awaitable[T] / Coroutine[Any, Any, T], else None."""
    origin = typing.get_origin(hint)
    if origin is cabc.Awaitable:
        return typing.get_args(hint)[0]
    if origin is cabc.Coroutine:
        return typing.get_args(hint)[2]
    return None


def _is_awaitable_hint(hint: Any) -> bool:
    return typing.get_origin(hint) in _AWAITABLE_ORIGINS or hint in _AWAITABLE_ORIGINS


# --------------------------------------------------------------------------- retry

def _retry(ns: Mapping[str, Any]):
    func = ns.get("retry")
    if func is None:
        raise CheckFailed("expected a decorator `retry(func)` in your notebook, but `retry` is not defined")
    if not callable(func):
        raise CheckFailed(f"expected `retry` to be a function, but it is {type(func).__name__}")
    return func


def _make_report(fail_times: int, calls: list, error: type[Exception] = ConnectionError):
    async def fetch_report(day: str, *, fmt: str = "pdf") -> str:
        """Fetch the report for `day`, as `fmt`."""
        calls.append((day, fmt))
        await asyncio.sleep(0)
        if len(calls) <= fail_times:
            raise error(f"attempt {len(calls)} failed")
        return f"{day}.{fmt}"

    return fetch_report


def _decorate(ns, target):
    retry = _retry(ns)
    try:
        decorated = retry(target)
    except Exception as exc:
        raise CheckFailed(f"`retry(fetch_report)` raised {describe_exception(exc)}") from None
    if not callable(decorated):
        raise CheckFailed(f"expected `retry(fetch_report)` to return a function, but it returned {decorated!r}")
    return decorated


async def _call(decorated, *args, **kwargs):
    value = decorated(*args, **kwargs)
    if not inspect.isawaitable(value):
        raise CheckFailed(
            f"expected calling the decorated function to give something to await, but it returned {value!r}"
        )
    return await value


async def _retry_succeeds(ns):
    # The exercise retries any Exception, not only the ConnectionError of the notebook's example.
    for fail_times, wanted_calls, error in ((2, 3, ConnectionError), (0, 1, ConnectionError), (1, 2, RuntimeError)):
        calls: list = []
        decorated = _decorate(ns, _make_report(fail_times, calls, error))
        try:
            value = await _call(decorated, "monday", fmt="csv")
        except error as exc:
            also = "" if error is ConnectionError else " (every Exception is retried, not only ConnectionError)"
            raise CheckFailed(
                f"with a function that fails {fail_times} time(s) with {error.__name__} and then works, the "
                f"decorated function raised {describe_exception(exc)} after {len(calls)} call(s); expected it "
                f"to try again{also}"
            ) from None
        if value != "monday.csv":
            raise CheckFailed(f"expected the decorated function to return the result 'monday.csv', but got {value!r}")
        if calls != [("monday", "csv")] * wanted_calls:
            raise CheckFailed(
                f"with a function that fails {fail_times} times, expected {wanted_calls} call(s) "
                f"with the same arguments, got {calls!r}"
            )
    return (
        "failed twice, then returned the result on the third call; one call when it works at once; "
        "a RuntimeError retried too"
    )


async def _retry_gives_up(ns):
    calls: list = []
    decorated = _decorate(ns, _make_report(99, calls))
    try:
        value = await _call(decorated, "tuesday")
    except ConnectionError:
        pass
    except Exception as exc:
        raise CheckFailed(
            f"with a function that always fails with ConnectionError, expected that error once the attempts "
            f"are used up, but got {describe_exception(exc)}"
        ) from None
    else:
        raise CheckFailed(
            f"with a function that always fails, expected the decorated function to raise its error in the end, "
            f"but it returned {value!r}"
        )
    if len(calls) != 3:
        raise CheckFailed(f"with a function that always fails, expected exactly 3 attempts, got {len(calls)}")
    return "3 attempts, then the error"


async def _retry_cancel(ns):
    calls: list = []
    ended: list = []
    never = asyncio.Event()

    async def wait_for_ever(tag: str) -> str:
        calls.append(tag)
        try:
            if len(calls) == 1:
                await never.wait()
            return "called again"
        finally:
            ended.append(tag)

    decorated = _decorate(ns, wait_for_ever)
    value = decorated("x")
    if not inspect.isawaitable(value):
        raise CheckFailed(f"expected calling the decorated function to give something to await, but got {value!r}")
    task = asyncio.ensure_future(value)
    for _ in range(10):
        if calls:
            break
        await asyncio.sleep(0)
    task.cancel()
    try:
        result = await task
    except asyncio.CancelledError:
        if not task.cancelled():  # the decorator turned our cancellation into its own
            raise
    else:
        raise CheckFailed(
            f"the call was cancelled while the function ran, but the decorator called it again "
            f"({len(calls)} calls) and returned {result!r}: a cancellation must not be retried"
        )
    if len(calls) != 1:
        raise CheckFailed(f"expected 1 call before the cancellation, got {len(calls)}")
    for _ in range(5):  # a cancellation passed on to a task of the decorator's may take a step or two
        if ended:
            break
        await asyncio.sleep(0)
    if not ended:
        never.set()  # let the call that nobody awaits any more end, so nothing is left behind
        for _ in range(5):
            if ended:
                break
            await asyncio.sleep(0)
        raise CheckFailed(
            "the call was cancelled, but the function it had called was still running afterwards, with "
            "nothing waiting for it (was it shielded, or started as a task that is never cancelled?): "
            "a cancellation must reach the function being retried, so that it stops too"
        )
    return "a cancelled call was not retried, and the function it had called stopped too"


async def _retry_identity(ns):
    calls: list = []
    original = _make_report(0, calls)
    decorated = _decorate(ns, original)
    problems = []
    if not inspect.iscoroutinefunction(decorated):
        problems.append("`inspect.iscoroutinefunction` says False for the decorated function")
    if getattr(decorated, "__name__", None) != "fetch_report":
        problems.append(f"its `__name__` is {getattr(decorated, '__name__', None)!r}, not 'fetch_report'")
    if getattr(decorated, "__doc__", None) != original.__doc__:
        problems.append("its docstring is not the original's")
    if getattr(decorated, "__wrapped__", None) is not original:
        problems.append("it has no `__wrapped__` pointing at the original function")
    try:
        same = inspect.signature(decorated) == inspect.signature(original)
    except (TypeError, ValueError):
        same = False
    if not same:
        problems.append(f"`inspect.signature` shows {_signature(decorated)}, not {inspect.signature(original)}")
    if problems:
        raise CheckFailed("expected the decorated function to look like the original, but " + "; ".join(problems))
    return "still a coroutine function, with the original's name, docstring and signature"


def _signature(func) -> str:
    try:
        return str(inspect.signature(func))
    except (TypeError, ValueError):
        return "no signature"


async def _retry_annotations(ns):
    retry = _retry(ns)
    params = list(inspect.signature(retry).parameters)
    if not params:
        raise CheckFailed("expected `retry` to take the function to decorate as its parameter")
    hints = _hints(retry, "retry")
    first = params[0]
    wanted = "a Callable whose parameters are a ParamSpec and whose result is awaitable"
    if first not in hints:
        raise CheckFailed(f"the parameter `{first}` of `retry` has no annotation; expected {wanted}")
    if "return" not in hints:
        raise CheckFailed(f"`retry` has no return annotation; expected {wanted}")
    parts = {}
    for key, what in ((first, f"the parameter `{first}`"), ("return", "the return value")):
        hint = hints[key]
        split = _callable_parts(hint)
        if split is None:
            raise CheckFailed(f"{what} of `retry` is annotated {_show(hint)}; expected {wanted}")
        params_hint, result = split
        if not isinstance(params_hint, typing.ParamSpec):
            raise CheckFailed(
                f"{what} of `retry` is annotated {_show(hint)}: its parameter list is {_show(params_hint)}, "
                "so a type checker would not know the decorated function's parameters; use a ParamSpec"
            )
        if not _is_awaitable_hint(result):
            raise CheckFailed(
                f"{what} of `retry` is annotated {_show(hint)}: its result {_show(result)} is not awaitable"
            )
        parts[key] = (params_hint, _awaited(result))
    (p_in, r_in), (p_out, r_out) = parts[first], parts["return"]
    if p_in is not p_out:
        raise CheckFailed(
            "the parameter and the return annotation of `retry` use different ParamSpecs: "
            "use the same one, so the decorated function keeps the original's parameters"
        )
    if r_in != r_out:
        raise CheckFailed(
            f"the awaited result types differ: {_show(r_in)} in the parameter, {_show(r_out)} in the return "
            "annotation; a TypeVar used in both says the result is passed through"
        )
    return f"retry: {_show(hints[first])} -> {_show(hints['return'])}"


register(
    Exercise(
        setup=LESSON_SETUP,
        id=f"{LESSON}.retry",
        title="A retry decorator that stays async",
        checks=make_checks(
            ("retries failures, then returns", _retry_succeeds),
            ("gives up after three attempts", _retry_gives_up),
            ("does not retry a cancellation", _retry_cancel),
            ("looks like the original function", _retry_identity),
            ("annotated with a ParamSpec", _retry_annotations),
        ),
        hints=(
            "Run the cell: only 1 attempt was made. Calling an `async def` function does not run it, so "
            "`func(*args, **kwargs)` inside a plain `def` wrapper never raises. Where does the error "
            "really happen?",
            "The error happens when the coroutine is awaited, so the wrapper must await it: make the "
            "wrapper an `async def` and `await func(...)` inside the `try`. `@functools.wraps(func)` "
            "on the wrapper copies the name, docstring and annotations and sets `__wrapped__`.",
            "Annotate with the `P` and `R` defined in the cell: "
            "`func: Callable[P, Awaitable[R]]`, the return value `Callable[P, Coroutine[Any, Any, R]]`, "
            "and the wrapper `(*args: P.args, **kwargs: P.kwargs) -> R`. Keep `except Exception`: "
            "a cancellation (`CancelledError`) is not an `Exception` and must not be retried.",
        ),
        starter=(
            "import functools\n"
            "from collections.abc import Awaitable, Callable, Coroutine\n"
            "from typing import Any, ParamSpec, TypeVar\n"
            "\n"
            "P = ParamSpec(\"P\")\n"
            "R = TypeVar(\"R\")\n"
            "ATTEMPTS = 3\n"
            "\n"
            "def retry(func):\n"
            "    def wrapper(*args, **kwargs):\n"
            "        for attempt in range(1, ATTEMPTS):\n"
            "            try:\n"
            "                return func(*args, **kwargs)\n"
            "            except Exception:\n"
            "                pass                        # try again\n"
            "        return func(*args, **kwargs)        # the last attempt: its error propagates\n"
            "    return wrapper\n"
        ),
        solution=(
            "import functools\n"
            "from collections.abc import Awaitable, Callable, Coroutine\n"
            "from typing import Any, ParamSpec, TypeVar\n"
            "\n"
            "P = ParamSpec(\"P\")\n"
            "R = TypeVar(\"R\")\n"
            "ATTEMPTS = 3\n"
            "\n"
            "def retry(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:\n"
            "    @functools.wraps(func)\n"
            "    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:\n"
            "        for attempt in range(1, ATTEMPTS):\n"
            "            try:\n"
            "                return await func(*args, **kwargs)\n"
            "            except Exception:\n"
            "                pass                        # try again\n"
            "        return await func(*args, **kwargs)  # the last attempt: its error propagates\n"
            "    return wrapper\n"
        ),
    )
)


# --------------------------------------------------------------------------- annotate-callbacks

def _notify_all(ns):
    func = ns.get("notify_all")
    if func is None:
        raise CheckFailed("expected `async def notify_all(users, send, on_sent)` in your notebook, but it is not defined")
    if not inspect.iscoroutinefunction(func):
        raise CheckFailed("expected `notify_all` to stay a coroutine function (`async def`)")
    return func


def _parameter_names(func) -> list[str]:
    return list(inspect.signature(func).parameters)


async def _notify_works(ns):
    func = _notify_all(ns)
    if _parameter_names(func)[:3] != ["users", "send", "on_sent"]:
        raise CheckFailed(
            f"expected the parameters (users, send, on_sent), but `notify_all` has {_parameter_names(func)}"
        )
    sent: list = []
    users = ["ada", "bob", "cy"]
    steps = {"ada": 3, "bob": 1, "cy": 2}  # loop steps each send takes: they end bob, cy, ada
    in_flight = 0
    peak = 0
    ended: list[str] = []

    async def send(user: str) -> bool:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        try:
            for _ in range(steps.get(user, 1)):
                await asyncio.sleep(0)
        finally:
            in_flight -= 1
        ended.append(user)
        return user != "bob"

    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        value = await func(list(users), send, lambda user, delivered: sent.append((user, delivered)))
    if value != 2 or sorted(sent) != [("ada", True), ("bob", False), ("cy", True)]:
        raise CheckFailed(
            f"expected notify_all to deliver to 2 of {users} and call on_sent once each; "
            f"it returned {value!r} and on_sent got {sent!r}"
        )
    if peak < len(users):
        raise CheckFailed(
            f"the docstring says every user gets the message at once, but at most {peak} send(s) were "
            "in flight together: the sends ran one after the other. Keep the body as it was "
            "(asyncio.gather): only the annotations change"
        )
    if [user for user, _ in sent] != ended:
        raise CheckFailed(
            f"on_sent should be called as each send ends; the sends ended in the order {ended}, "
            f"but on_sent was called for {[user for user, _ in sent]}"
        )
    return "still sends to everyone at once and reports each send as it ends"


async def _notify_send(ns):
    hints = _hints(_notify_all(ns), "notify_all")
    hint = hints.get("send")
    wanted = "a Callable that takes a str and returns an awaitable bool"
    if hint is None:
        raise CheckFailed(f"`send` has no annotation; expected {wanted}")
    split = _callback_parts(hint)
    if split is None:
        raise CheckFailed(f"`send` is annotated {_show(hint)}; expected {wanted}")
    params, result = split
    if params != [str]:
        raise CheckFailed(f"`send` is annotated {_show(hint)}, but it is called with one str (the user): its parameter list should say so")
    if not _is_awaitable_hint(result):
        raise CheckFailed(
            f"`send` is annotated {_show(hint)}, but notify_all awaits what `send` returns: "
            f"its result {_show(result)} should be awaitable"
        )
    if _awaited(result) is not bool:
        raise CheckFailed(f"`send` is annotated {_show(hint)}; awaiting its result should give a bool (delivered or not)")
    return f"send: {_show(hint)}"


async def _notify_on_sent(ns):
    hints = _hints(_notify_all(ns), "notify_all")
    hint = hints.get("on_sent")
    wanted = "a Callable that takes a str and a bool and returns None"
    if hint is None:
        raise CheckFailed(f"`on_sent` has no annotation; expected {wanted}")
    split = _callback_parts(hint)
    if split is None:
        raise CheckFailed(f"`on_sent` is annotated {_show(hint)}; expected {wanted}")
    params, result = split
    if params != [str, bool]:
        raise CheckFailed(
            f"`on_sent` is annotated {_show(hint)}, but it is called with the user (a str) and whether "
            "the message was delivered (a bool)"
        )
    if _is_awaitable_hint(result):
        raise CheckFailed(
            f"`on_sent` is annotated {_show(hint)}, but notify_all calls it without `await`: an "
            "awaitable result would never run. It is a plain callback whose result is ignored"
        )
    if result is not None and result is not type(None) and result is not object and result is not Any:
        raise CheckFailed(
            f"`on_sent` is annotated {_show(hint)}; its result is ignored, which is said with None "
            "(or with `object`, typeshed's way of saying that any result is accepted and ignored, "
            "or with `Any`)"
        )
    return f"on_sent: {_show(hint)}"


def _is_str_collection(hint: Any) -> bool:
    """Whether ``hint`` says "a collection of str" that can be iterated more than once.

    Any iterable class parametrised with str only (``list[str]``, ``Iterable[str]``,
    ``tuple[str, ...]``, ``deque[str]``, ...), or a union of such; not a one-shot
    ``Iterator`` (a caller could not pass a list), not ``str`` itself, not a mapping.
    """
    origin = typing.get_origin(hint)
    if origin is typing.Union or (hasattr(types, "UnionType") and origin is types.UnionType):
        members = typing.get_args(hint)
        return bool(members) and all(_is_str_collection(m) for m in members)
    args = typing.get_args(hint)
    if not isinstance(origin, type) or not issubclass(origin, cabc.Iterable):
        return False
    if issubclass(origin, (cabc.Iterator, str, bytes, cabc.Mapping)):
        return False
    return bool(args) and args[0] is str and all(a in (str, Ellipsis) for a in args)


async def _notify_users_and_return(ns):
    hints = _hints(_notify_all(ns), "notify_all")
    users = hints.get("users")
    if users is None:
        raise CheckFailed("`users` has no annotation; expected a collection of str, such as list[str]")
    origin = typing.get_origin(users)
    if isinstance(origin, type) and issubclass(origin, cabc.Iterator):
        raise CheckFailed(
            f"`users` is annotated {_show(users)}: an iterator can be gone through only once, and a caller "
            "could not pass a list; expected a collection of str, such as list[str] or Iterable[str]"
        )
    if not _is_str_collection(users):
        raise CheckFailed(f"`users` is annotated {_show(users)}; expected a collection of str, such as list[str]")
    ret = hints.get("return")
    if ret is None:
        raise CheckFailed("`notify_all` has no return annotation; it returns how many messages were delivered")
    if _is_awaitable_hint(ret):
        raise CheckFailed(
            f"the return annotation is {_show(ret)}: for an `async def`, the return annotation is the type "
            "of what `await notify_all(...)` gives, not of the coroutine"
        )
    if ret is not int:
        raise CheckFailed(f"the return annotation is {_show(ret)}; it returns how many messages were delivered")
    return f"users: {_show(users)}, returns {_show(ret)}"


register(
    Exercise(
        setup=LESSON_SETUP,
        id=f"{LESSON}.annotate-callbacks",
        title="Annotate a function that takes callbacks",
        checks=make_checks(
            ("still works", _notify_works),
            ("send is an async callable", _notify_send),
            ("on_sent is a plain callback", _notify_on_sent),
            ("users and the return value", _notify_users_and_return),
        ),
        hints=(
            "Read the docstring: `send` is awaited, `on_sent` is called without `await`, and the "
            "function returns a count. Each of those facts is part of a parameter's type.",
            "A callable is `Callable[[argument types], result type]`. For `send` the result is something "
            "you await (`Awaitable[...]`); for `on_sent` the result is ignored.",
            "`send: Callable[[str], Awaitable[bool]]`, `on_sent: Callable[[str, bool], None]`, "
            "`users: Iterable[str]` (or `list[str]`), and `-> int`: the return annotation of an "
            "`async def` is what awaiting it gives.",
        ),
        starter=(
            "import asyncio\n"
            "from collections.abc import Awaitable, Callable, Iterable\n"
            "\n"
            "async def notify_all(users, send, on_sent):\n"
            "    \"\"\"Send a message to every user at once.\n"
            "\n"
            "    send(user) is an async function: awaiting it gives True if the message was delivered.\n"
            "    on_sent(user, delivered) is a plain function, called as each send ends.\n"
            "    Returns how many messages were delivered.\n"
            "    \"\"\"\n"
            "    async def one(user):\n"
            "        delivered = await send(user)\n"
            "        on_sent(user, delivered)\n"
            "        return delivered\n"
            "\n"
            "    results = await asyncio.gather(*(one(user) for user in users))\n"
            "    return sum(results)\n"
        ),
        solution=(
            "import asyncio\n"
            "from collections.abc import Awaitable, Callable, Iterable\n"
            "\n"
            "async def notify_all(\n"
            "    users: Iterable[str],\n"
            "    send: Callable[[str], Awaitable[bool]],\n"
            "    on_sent: Callable[[str, bool], None],\n"
            ") -> int:\n"
            "    \"\"\"Send a message to every user at once.\n"
            "\n"
            "    send(user) is an async function: awaiting it gives True if the message was delivered.\n"
            "    on_sent(user, delivered) is a plain function, called as each send ends.\n"
            "    Returns how many messages were delivered.\n"
            "    \"\"\"\n"
            "    async def one(user: str) -> bool:\n"
            "        delivered = await send(user)\n"
            "        on_sent(user, delivered)\n"
            "        return delivered\n"
            "\n"
            "    results = await asyncio.gather(*(one(user) for user in users))\n"
            "    return sum(results)\n"
        ),
    )
)
