"""Lesson 20, async with and async for: a pretend connection, a pretend feed, two exercises.

:func:`open_connection` pretends to connect (it waits, then returns a :class:`Connection`);
``await conn.close()`` closes it (it waits too, so a ``close()`` that is not awaited does not
close anything).  :class:`Feed` hands out text in chunks, one per ``await feed.read()``
(``""`` at the end), and counts its reads; ``await feed.close()`` closes it.

The checks run the learner's code on a virtual clock and judge behaviour only: for the
connection, that ``async with connected(name) as conn`` gives an open connection of that
name, and that it is closed afterwards, also when the block raises (the error going on) and
when the task is cancelled (the cancellation going on); any route passes (a class with
``__aenter__``/``__aexit__``, ``@asynccontextmanager``, ``AsyncExitStack``).  For the lines,
that every line comes, in order, each as soon as its chunk has arrived, and that the feed is
closed when the lines run out and when the consumer stops early (the check breaks out of its
``async for`` inside ``contextlib.aclosing``, as the lesson teaches), without reading further.
"""

from __future__ import annotations

import asyncio
import contextlib
import warnings
from typing import Any

from ..exercises import CheckFailed, Exercise, describe_exception, make_checks, register
from ..virtualclock import virtual_time
from ._helpers import PerCheckRun, defined

__all__ = ["Connection", "open_connection", "Feed", "CONNECTIONS"]

LESSON = "async-with-for"

LESSON_SETUP = """\
import asyncio
import contextlib
import sys
from asyncio_lab.lessons.async_with_for import open_connection, Feed
"""

#: Every connection :func:`open_connection` made, oldest first (the checks look at them).
CONNECTIONS: list["Connection"] = []


class Connection:
    """A pretend connection: ``open`` until ``await conn.close()`` has finished."""

    def __init__(self, name: str):
        self.name = name
        self.open = True

    async def query(self, text: str) -> str:
        if not self.open:
            raise RuntimeError(f"connection {self.name!r} is closed")
        await asyncio.sleep(0.01)
        return f"{self.name}: {text}"

    async def close(self) -> None:
        await asyncio.sleep(0.01)
        self.open = False

    def __repr__(self) -> str:
        return f"<Connection {self.name!r} {'open' if self.open else 'closed'}>"


async def open_connection(name: str) -> Connection:
    """Pretend to connect to ``name``: wait a little, then return an open :class:`Connection`."""
    await asyncio.sleep(0.01)
    conn = Connection(name)
    CONNECTIONS.append(conn)
    return conn


class Feed:
    """Text that arrives in chunks: each ``await read()`` waits ``delay`` s and gives the next chunk.

    After the last chunk ``read()`` gives ``""``.  ``reads`` counts the reads; ``closed`` says
    whether ``await close()`` has finished.
    """

    def __init__(self, chunks: list[str], delay: float = 0.01):
        self._chunks = list(chunks)
        self.delay = delay
        self.reads = 0
        self.closed = False

    async def read(self) -> str:
        if self.closed:
            raise RuntimeError("the feed is closed")
        await asyncio.sleep(self.delay)
        self.reads += 1
        return self._chunks.pop(0) if self._chunks else ""

    async def close(self) -> None:
        await asyncio.sleep(0)
        self.closed = True


# --------------------------------------------------------------------------- shared

#: Virtual seconds before the check calls the learner's code stuck.
DEADLINE = 600.0


def _stuck(what: str) -> CheckFailed:
    return CheckFailed(f"{what} had not finished after {DEADLINE:g} s (of the virtual clock)")


def _never_awaited(caught: list) -> str:
    for w in caught:
        if issubclass(w.category, RuntimeWarning) and "never awaited" in str(w.message):
            return f" (Python warned: {w.message}: a coroutine only runs when it is awaited)"
    return ""


# --------------------------------------------------------------------------- connection

class _ConnRun:
    def __init__(self):
        self.error: BaseException | None = None  # what the async with raised, if not expected
        self.conn: Any = None
        self.inside_open = False
        self.opened: list[Connection] = []
        self.outcome = ""  # "ok", "raised", "cancelled", "swallowed", "stuck"
        self.warning = ""


async def _use(func, how: str) -> _ConnRun:
    run = _ConnRun()
    del CONNECTIONS[:]
    inside = asyncio.Event()

    async def body():
        async with func("db-7") as conn:
            run.conn = conn
            run.inside_open = isinstance(conn, Connection) and conn.open
            if how == "error":
                raise ValueError("boom in the block")
            if how == "cancel":
                inside.set()
                await asyncio.sleep(3600)
        return "done"

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        async with virtual_time():
            task = asyncio.create_task(body())
            if how == "cancel":
                waiter = asyncio.create_task(inside.wait())
                await asyncio.wait([task, waiter], timeout=DEADLINE, return_when=asyncio.FIRST_COMPLETED)
                waiter.cancel()
                if not task.done():
                    task.cancel()
            done, _ = await asyncio.wait([task], timeout=DEADLINE)
            if not done:
                task.cancel()
                await asyncio.wait([task])
                run.outcome = "stuck"
            elif task.cancelled():
                run.outcome = "cancelled" if how == "cancel" else "stuck"
            elif task.exception() is not None:
                exc = task.exception()
                if how == "error" and isinstance(exc, ValueError) and str(exc) == "boom in the block":
                    run.outcome = "raised"
                else:
                    run.error = exc
                    run.outcome = "error"
            else:
                run.outcome = "swallowed" if how in ("error", "cancel") else "ok"
        await asyncio.sleep(0)
    run.opened = list(CONNECTIONS)
    del CONNECTIONS[:]
    run.warning = _never_awaited(caught)
    return run


_CONN_RUNS = PerCheckRun({"plain": 2, "error": 1, "cancel": 1})


async def _conn(ns, how: str) -> _ConnRun:
    func = defined(ns, "connected", "connected(name)")
    if not callable(func):
        raise CheckFailed(f"expected `connected` to be callable, as in `async with connected(name) as conn:`, "
                          f"but it is {type(func).__name__}")
    return await _CONN_RUNS.get(func, lambda: _use(func, how), how)


def _conn_error(run: _ConnRun, what: str) -> None:
    if run.outcome == "stuck":
        raise _stuck(what)
    if run.outcome == "error":
        exc = run.error
        text = f"{what} raised {describe_exception(exc)}"
        if isinstance(exc, (TypeError, AttributeError)) and (
            "asynchronous context manager" in str(exc) or "__aenter__" in str(exc) or "__aexit__" in str(exc)
        ):
            text += (". `async with` needs an object with `async def __aenter__` and `async def __aexit__` "
                     "(or a function decorated with `@contextlib.asynccontextmanager`)")
        raise CheckFailed(text + run.warning)


async def _c_gives(ns):
    run = await _conn(ns, "plain")
    _conn_error(run, "`async with connected('db-7') as conn:`")
    if not isinstance(run.conn, Connection):
        text = f"`async with connected('db-7') as conn:` gave conn = {run.conn!r}; expected the Connection from `await open_connection(name)`"
        if asyncio.iscoroutine(run.conn):
            text += ": a coroutine, because open_connection(...) was not awaited"
            run.conn.close()
        raise CheckFailed(text)
    if run.conn.name != "db-7":
        raise CheckFailed(f"`connected('db-7')` connected to {run.conn.name!r}; connect to the name it is given")
    if not run.inside_open:
        raise CheckFailed("the connection was already closed inside the `async with` block")
    if len(run.opened) != 1:
        raise CheckFailed(f"one `async with connected(...)` opened {len(run.opened)} connections; expected one")
    return "an open connection to 'db-7' inside the block"


def _closed(run: _ConnRun, when: str) -> None:
    if isinstance(run.conn, Connection) and run.conn.open:
        raise CheckFailed(f"the connection was still open {when}" + run.warning)
    for conn in run.opened:
        if conn.open:
            raise CheckFailed(f"a connection ({conn.name!r}) was still open {when}" + run.warning)


async def _c_after(ns):
    run = await _conn(ns, "plain")
    _conn_error(run, "`async with connected('db-7') as conn:`")
    _closed(run, "after the `async with` block ended")
    return "closed after the block"


async def _c_error(ns):
    run = await _conn(ns, "error")
    what = "`async with connected(...)` around a block that raises ValueError"
    if run.outcome == "swallowed":
        raise CheckFailed(
            f"{what} did not raise: the ValueError was swallowed. `__aexit__` that returns a true value "
            "(or an `@asynccontextmanager` generator that catches the error and does not raise it again) "
            "hides the error from the code using the connection; close, then let the error go on"
        )
    _conn_error(run, what)
    _closed(run, "after the block raised ValueError")
    return "closed when the block raised, and the ValueError went on"


async def _c_cancel(ns):
    run = await _conn(ns, "cancel")
    what = "a task cancelled inside `async with connected(...)`"
    if run.outcome == "swallowed":
        raise CheckFailed(
            f"{what} was not cancelled in the end: it returned normally, so the CancelledError was "
            "swallowed. Close the connection, then let CancelledError go on (re-raise it, or use finally)"
        )
    _conn_error(run, what)
    _closed(run, "after the task was cancelled inside the block")
    return "closed on cancellation, and the task ended cancelled"


register(
    Exercise(
        id=f"{LESSON}.connection",
        title="A connection that always closes",
        setup=LESSON_SETUP,
        checks=make_checks(
            ("gives an open connection", _c_gives),
            ("closed after the block", _c_after),
            ("closed when the block raises", _c_error),
            ("closed on cancellation", _c_cancel),
        ),
        hints=(
            "Code after the `yield` of an `@asynccontextmanager` generator only runs when the block ends "
            "normally. When the block raises (or the task is cancelled), the exception is raised at the `yield`.",
            "Put the `yield conn` inside `try:` and `await conn.close()` in its `finally:`. A `finally` runs "
            "for every way out: normal end, an error, CancelledError (which is a BaseException).",
            "In a class, `async def __aexit__(self, exc_type, exc, tb)` runs on every way out; close there and "
            "return None (a true value would swallow the error). `close()` is a coroutine: await it.",
        ),
        starter=(
            "@contextlib.asynccontextmanager\n"
            "async def connected(name):\n"
            "    conn = await open_connection(name)\n"
            "    yield conn\n"
            "    await conn.close()\n"
        ),
        solution=(
            "@contextlib.asynccontextmanager\n"
            "async def connected(name):\n"
            "    conn = await open_connection(name)\n"
            "    try:\n"
            "        yield conn\n"
            "    finally:  # normal end, an error, or a cancellation\n"
            "        await conn.close()\n"
        ),
    )
)


# --------------------------------------------------------------------------- lines

_CHUNKS = ["alpha\nbe", "ta\n", "gamma\ndelta\n", "omega"]
_LINES = ["alpha", "beta", "gamma", "delta", "omega"]
#: When each line can be known, in seconds, with a chunk a second: omega only at the end ("").
_DUE = [1.0, 2.0, 3.0, 3.0, 5.0]
_EPS = 1e-6


class _LinesRun:
    def __init__(self):
        self.lines: list[Any] = []
        self.times: list[float] = []
        self.error: BaseException | None = None
        self.stuck = False
        self.feed: Feed | None = None
        self.reads_at_stop = 0
        self.warning = ""


async def _consume(func, stop_after: int | None) -> _LinesRun:
    run = _LinesRun()
    feed = run.feed = Feed(_CHUNKS, delay=1.0)
    loop = asyncio.get_running_loop()

    async def consume():
        it = func(feed)
        if not hasattr(it, "__anext__"):
            if asyncio.iscoroutine(it):
                it.close()
                raise CheckFailed(
                    "`lines(feed)` gave a coroutine, not an async iterator: a function defined with "
                    "`async def` becomes an async generator only when it contains `yield`"
                )
            raise CheckFailed(
                f"`lines(feed)` gave {type(it).__name__}, not an async iterator: `async for` needs an "
                "async generator (an `async def` with `yield`) or an object with `__anext__`"
            )
        if stop_after is not None and not hasattr(it, "aclose"):
            raise CheckFailed(
                "`lines(feed)` has no `aclose()`, so a consumer that stops early cannot make it clean up; "
                "an async generator has one"
            )
        t0 = loop.time()
        if stop_after is None:
            async for line in it:
                run.lines.append(line)
                run.times.append(loop.time() - t0)
            return
        async with contextlib.aclosing(it):
            async for line in it:
                run.lines.append(line)
                if len(run.lines) == stop_after:
                    run.reads_at_stop = feed.reads
                    break

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        async with virtual_time():
            try:
                async with asyncio.timeout(DEADLINE) as scope:
                    await consume()
            except TimeoutError:
                if scope.expired():
                    run.stuck = True
                else:
                    run.error = TimeoutError()
            except CheckFailed:
                raise
            except Exception as exc:
                run.error = exc
        await asyncio.sleep(0)
    run.warning = _never_awaited(caught)
    return run


_LINE_RUNS = PerCheckRun({"all": 3, "early": 1})


async def _ln(ns, how: str) -> _LinesRun:
    func = defined(ns, "lines", "async def lines(feed)")
    if not callable(func):
        raise CheckFailed(f"expected `lines` to be a function, but it is {type(func).__name__}")
    return await _LINE_RUNS.get(func, lambda: _consume(func, None if how == "all" else 2), how)


def _ln_error(run: _LinesRun, what: str) -> None:
    if run.stuck:
        raise _stuck(what)
    if run.error is not None:
        text = f"{what} raised {describe_exception(run.error)}"
        if isinstance(run.error, RuntimeError) and "GeneratorExit" in str(run.error):
            text += (": when the consumer stops, the generator gets GeneratorExit at its `yield`; it may "
                     "clean up (and await) but must not yield again")
        raise CheckFailed(text + run.warning)


async def _l_all(ns):
    run = await _ln(ns, "all")
    _ln_error(run, "`async for line in lines(feed)`")
    if run.lines != _LINES:
        text = f"from the chunks {_CHUNKS!r}, expected the lines {_LINES!r}; got {run.lines!r}"
        if run.lines == _LINES[:-1]:
            text += ": the last line has no newline after it, but it is still a line"
        elif any(isinstance(x, str) and "\n" in x for x in run.lines):
            text += ": yield each line without its newline, and only whole lines"
        raise CheckFailed(text)
    return "every line, in order, the last one too"


async def _l_soon(ns):
    run = await _ln(ns, "all")
    _ln_error(run, "`async for line in lines(feed)`")
    for line, got, due in zip(run.lines, run.times, _DUE):
        if got > due + _EPS:
            raise CheckFailed(
                f"with a chunk a second, {line!r} was complete after {due:g} s, but the consumer got it "
                f"at {got:g} s: yield each line as soon as its chunk has arrived, not after reading everything"
            )
    return "each line as soon as its chunk had arrived"


async def _l_closed_end(ns):
    run = await _ln(ns, "all")
    _ln_error(run, "`async for line in lines(feed)`")
    if not run.feed.closed:
        raise CheckFailed("the feed was still open after the last line" + run.warning)
    return "the feed closed when the lines ran out"


async def _l_closed_early(ns):
    run = await _ln(ns, "early")
    what = "a consumer that broke out after 2 lines (inside `contextlib.aclosing`)"
    _ln_error(run, what)
    if not run.feed.closed:
        raise CheckFailed(
            f"after {what}, the feed was still open. aclose() raises GeneratorExit at the `yield` where "
            "the generator waits; clean up in a `finally` (GeneratorExit is not an Exception)" + run.warning
        )
    if run.feed.reads > run.reads_at_stop:
        raise CheckFailed(f"after {what}, the generator read {run.feed.reads - run.reads_at_stop} more chunk(s)")
    return "the feed closed when the consumer stopped early, with nothing more read"


register(
    Exercise(
        id=f"{LESSON}.lines",
        title="Lines as they arrive",
        setup=LESSON_SETUP,
        checks=make_checks(
            ("every line, in order", _l_all),
            ("each line as it arrives", _l_soon),
            ("closed at the end", _l_closed_end),
            ("closed when the consumer stops early", _l_closed_early),
        ),
        hints=(
            "Keep what has arrived in a buffer. After each `await feed.read()`, while the buffer holds a "
            "newline, split off one line and `yield` it; an empty chunk means the feed has ended.",
            "At the end, whatever is left in the buffer (if anything) is the last line.",
            "When the consumer stops early, `aclose()` raises GeneratorExit at the `yield` your generator is "
            "paused at. Wrap the loop in `try:` ... `finally: await feed.close()` so the feed is closed on "
            "every way out.",
        ),
        starter=(
            "async def lines(feed):\n"
            "    text = ''\n"
            "    while chunk := await feed.read():\n"
            "        text += chunk\n"
            "    for line in text.splitlines():\n"
            "        yield line\n"
            "    await feed.close()\n"
        ),
        solution=(
            "async def lines(feed):\n"
            "    buffer = ''\n"
            "    try:\n"
            "        while chunk := await feed.read():\n"
            "            buffer += chunk\n"
            "            while '\\n' in buffer:\n"
            "                line, buffer = buffer.split('\\n', 1)\n"
            "                yield line\n"
            "        if buffer:\n"
            "            yield buffer\n"
            "    finally:  # also when the consumer stops early\n"
            "        await feed.close()\n"
        ),
    )
)
