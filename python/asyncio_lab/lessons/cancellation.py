"""Lesson 16, cancellation and timeouts: instruments, exercises and their checks.

Instruments the notebook imports:

* :class:`Pool`, a pool of pretend connections: ``conn = await pool.acquire()`` (waits
  while every connection is taken), ``await conn.fetch(name)`` (takes a second; names
  starting with ``"bad"`` fail with :class:`FetchError`), ``pool.release(conn)``.  The
  pool notices a connection given back twice, one used after it was given back, one
  given back while a fetch is still using it, and anything released that is not one of
  its connections.
* :class:`Feed`, a line of messages arriving at set times: ``await feed.receive()``
  gives the next one, or None once the feed has ended; it records every call that was
  cancelled or is still waiting.  :func:`sample_feed` is the lesson's example.

Both exercises run on the virtual clock (``virtual_time=True``), and every check runs
its own scenario on it: a fetch takes a second, a quiet line an exact number of
seconds, and a check takes no real time.  The checks judge behaviour only (what came
back, how the call ended, what was given back, what was left waiting, when the call
returned) so any standard route passes: ``try/finally``, ``except BaseException``, a
context manager or an exit stack for the connection; ``timeout()``, ``timeout_at()``,
``reschedule()``, ``wait_for()`` or ``wait()`` plus ``cancel()`` for the quiet line.
Each scenario has a time limit of its own (in virtual seconds), so a verdict always
comes, and whatever the learner's code left running is cancelled before the check ends.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from typing import Any, Iterable

from .. import virtualclock
from ..exercises import CheckFailed, Exercise, describe_exception, make_checks, register
from ._helpers import coroutine_function

__all__ = ["Connection", "Feed", "FeedError", "FetchError", "Pool", "PoolError", "sample_feed"]

LESSON = "cancellation"
LESSON_SETUP = "import asyncio\nimport sys\nfrom asyncio_lab.lessons.cancellation import Pool, FetchError, sample_feed\n"

#: Virtual seconds a scenario may take before the check gives up on it.
SCENARIO_LIMIT = 600.0


# --------------------------------------------------------------------------- instruments: a pool

class FetchError(Exception):
    """A fetch that failed (names starting with "bad")."""


class PoolError(RuntimeError):
    """The pool was used in a way no real pool allows (given back twice, used after release...)."""


class Connection:
    """One pretend connection of a :class:`Pool`."""

    def __init__(self, pool: "Pool", number: int):
        self._pool = pool
        self.number = number
        self.taken = False
        self.fetching = 0

    def __repr__(self) -> str:
        return f"<Connection {self.number} {'taken' if self.taken else 'free'}>"

    async def fetch(self, name: str) -> str:
        """Fetch the page ``name`` over this connection: takes ``pool.delay`` seconds."""
        if not self.taken:
            raise PoolError(f"connection {self.number} was used after it had been given back to the pool")
        self.fetching += 1
        self._pool._fetch_tasks.add(asyncio.current_task())
        self._pool.events.append(f"fetch {name} started")
        try:
            await asyncio.sleep(self._pool.delay)
        except asyncio.CancelledError:
            self._pool.events.append(f"fetch {name} cancelled")
            raise
        finally:
            self.fetching -= 1
            self._pool._fetch_tasks.discard(asyncio.current_task())
        if not self.taken:
            self._pool.problems.append(
                f"the fetch of {name!r} went on after its connection had been given back to the pool"
            )
            raise PoolError(f"connection {self.number} was given back to the pool while {name!r} was being fetched")
        if name.startswith("bad"):
            self._pool.events.append(f"fetch {name} failed")
            raise FetchError(f"could not fetch {name}")
        self._pool.events.append(f"fetch {name} done")
        return f"page {name} (over connection {self.number} of pool {self._pool.label})"


class Pool:
    """A pool of ``size`` pretend connections; see the module docstring."""

    _count = 0

    def __init__(self, size: int = 2, *, delay: float = 1.0):
        Pool._count += 1
        self.label = f"#{Pool._count}"
        self.delay = delay
        self._connections = [Connection(self, n) for n in range(1, size + 1)]
        self._waiters: list[asyncio.Future] = []
        self._fetch_tasks: set = set()
        self.events: list[str] = []
        self.problems: list[str] = []
        self.acquired = 0
        self.released = 0

    def __repr__(self) -> str:
        return f"<Pool {self.label}: {self.in_use} of {len(self._connections)} connections taken>"

    @property
    def in_use(self) -> int:
        """How many connections are taken right now."""
        return sum(c.taken for c in self._connections)

    def _take(self, conn: Connection) -> Connection:
        conn.taken = True
        self.acquired += 1
        self.events.append(f"connection {conn.number} taken")
        return conn

    async def acquire(self) -> Connection:
        """A free connection; waits (in line) while every connection is taken."""
        for conn in self._connections:
            if not conn.taken and not self._waiters:
                return self._take(conn)
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        self.events.append("waiting for a connection")
        try:
            return await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self._hand_on(waiter.result())  # handed to us just as we were cancelled: pass it on
            raise
        finally:
            if waiter in self._waiters:
                self._waiters.remove(waiter)

    def _hand_on(self, conn: Connection) -> None:
        conn.taken = False
        while self._waiters:
            waiter = self._waiters.pop(0)
            if not waiter.done():
                waiter.set_result(self._take(conn))
                return

    def release(self, conn: Connection) -> None:
        """Give ``conn`` back to the pool."""
        if not isinstance(conn, Connection) or conn._pool is not self:
            self.problems.append(f"release() was called with {conn!r}, which is not one of this pool's connections")
            raise PoolError(f"release() got {conn!r}, which is not a connection of this pool")
        if not conn.taken:
            self.problems.append(f"connection {conn.number} was given back twice")
            raise PoolError(f"connection {conn.number} was given back twice")
        if conn.fetching:
            self.problems.append(f"connection {conn.number} was given back while a fetch was still using it")
        self.released += 1
        self.events.append(f"connection {conn.number} given back")
        self._hand_on(conn)

    def _stop_leftovers(self) -> list[asyncio.Task]:
        """Cancel fetches still running (a check's clean-up); the tasks to wait for."""
        leftovers = [t for t in self._fetch_tasks if t is not None and not t.done()]
        for task in leftovers:
            task.cancel()
        return leftovers


# --------------------------------------------------------------------------- instruments: a feed

class FeedError(RuntimeError):
    """receive() was called again after the feed had ended."""


class Feed:
    """Messages arriving at set times (seconds after the feed is created); see the module docstring.

    ``end``: when the feed ends (``receive()`` then gives None); None means it never ends.
    """

    def __init__(self, arrivals: Iterable[tuple[float, str]], end: float | None = None):
        loop = asyncio.get_running_loop()
        self._loop = loop
        self.created = loop.time()
        self._arrivals = sorted(arrivals, key=lambda pair: pair[0])
        self.end = end
        self._next = 0
        self._ended = False
        self.waiting = 0
        self._waiting_tasks: set = set()
        self.calls = 0
        self.cancelled_calls = 0
        self.delivered: list[tuple[float, str]] = []

    def __repr__(self) -> str:
        return f"<Feed: {len(self.delivered)} of {len(self._arrivals)} messages delivered>"

    def elapsed(self) -> float:
        """Seconds since the feed was created (on the loop's clock)."""
        return self._loop.time() - self.created

    async def receive(self) -> str | None:
        """The next message, once it has arrived; None when the feed has ended."""
        if self._ended:
            raise FeedError("receive() was called again after the feed had ended (it had returned None)")
        self.calls += 1
        self.waiting += 1
        task = asyncio.current_task()
        self._waiting_tasks.add(task)
        try:
            if self._next < len(self._arrivals) and (self.end is None or self._arrivals[self._next][0] < self.end):
                at, text = self._arrivals[self._next]
                await asyncio.sleep(max(self.created + at - self._loop.time(), 0))
                self._next += 1
                self.delivered.append((self.elapsed(), text))
                return text
            if self.end is None:
                await self._loop.create_future()  # nothing more, ever (until cancelled)
            else:
                await asyncio.sleep(max(self.created + self.end - self._loop.time(), 0))
            self._ended = True
            return None
        except asyncio.CancelledError:
            self.cancelled_calls += 1
            raise
        finally:
            self.waiting -= 1
            self._waiting_tasks.discard(task)

    def _stop_leftovers(self) -> list[asyncio.Task]:
        """Cancel the tasks still waiting in receive() (a check's clean-up); the tasks to wait for."""
        leftovers = [t for t in self._waiting_tasks if t is not None and not t.done()]
        for task in leftovers:
            task.cancel()
        return leftovers


def sample_feed() -> Feed:
    """The lesson's example: messages after 1, 2 and 4 s, then silence until one at 64 s; ends at 65 s."""
    return Feed([(1, "hello"), (2, "are you there?"), (4, "still here"), (64, "sorry, I was away")], end=65)


# --------------------------------------------------------------------------- running a scenario

@contextlib.asynccontextmanager
async def _on_virtual_clock():
    """The virtual clock: the one the checks already run on, or a new one for this scenario."""
    if virtualclock.current() is not None:
        yield
        return
    async with virtualclock.virtual_time():
        yield


class _Call:
    """One call of the learner's function, run as a task: how it ended and when."""

    def __init__(self):
        self.value: Any = None
        self.error: BaseException | None = None
        self.cancelled = False
        self.finished = False
        self.took: float = 0.0  # seconds on the loop's clock until it ended (or the limit passed)
        self.timed_out = False
        self.where = ""  # where it was waiting when the time limit passed
        self.ignored_cancel = False

    def outcome(self) -> str:
        if self.cancelled:
            return "ended cancelled"
        if self.error is not None:
            return f"raised {_describe(self.error)}"
        return f"returned {_short(self.value)}"


def _describe(exc: BaseException) -> str:
    if isinstance(exc, BaseExceptionGroup):
        return f"{type(exc).__name__} ({', '.join(describe_exception(e) for e in exc.exceptions)})"
    return describe_exception(exc)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 160 else text[:157] + "..."


async def _call(func, *args, cancel_after: float | None = None, limit: float = SCENARIO_LIMIT) -> _Call:
    """Run ``func(*args)`` as a task (on the virtual clock the caller is on); cancel it from
    outside after ``cancel_after`` seconds if given; give up after ``limit`` seconds."""
    loop = asyncio.get_running_loop()
    call = _Call()
    start = loop.time()
    task = asyncio.create_task(func(*args), name=f"{getattr(func, '__name__', 'call')}{args!r}"[:60])
    if cancel_after is not None:
        await asyncio.wait({task}, timeout=cancel_after)
        if not task.done():
            task.cancel()
    await asyncio.wait({task}, timeout=limit)
    call.took = loop.time() - start
    if not task.done():
        call.timed_out = True  # the check's own time limit: stop it, and say so
        call.where = virtualclock._where(task)
        task.cancel()
        await asyncio.wait({task}, timeout=limit)
        call.ignored_cancel = not task.done()
        if task.done() and not task.cancelled():
            task.exception()  # retrieved: the verdict is the time limit, not this
        return call
    call.finished = True
    if task.cancelled():
        call.cancelled = True
    elif task.exception() is not None:
        call.error = task.exception()
    else:
        call.value = task.result()
    return call


def _limit_passed(call: _Call, what: str, waited_for: str) -> CheckFailed:
    message = (
        f"{what} had not ended after {SCENARIO_LIMIT:g} s (virtual time); it was still {waited_for}"
        f"{call.where.replace(' in the cell', ' in your cell')}"
    )
    if call.ignored_cancel:
        return CheckFailed(
            f"{message}, and it did not end when the check cancelled it either (it caught the "
            "CancelledError and went on), so it is still running: restart the kernel if it keeps going"
        )
    return CheckFailed(f"{message}, so the check cancelled it")


# --------------------------------------------------------------------------- exercise 1: give the connection back

FETCH = f"{LESSON}.give-it-back"


def _fetch_page(ns):
    return coroutine_function(ns, "fetch_page", "async def fetch_page(pool, name)")


async def _fetch_scenario(ns, name: str, *, cancel_after: float | None = None, size: int = 1, hold: bool = False):
    """Call fetch_page(pool, name) on a fresh pool; ``hold``: the check keeps the only connection."""
    func = _fetch_page(ns)
    async with _on_virtual_clock():
        pool = Pool(size)
        held = await pool.acquire() if hold else None
        try:
            call = await _call(func, pool, name, cancel_after=cancel_after)
        finally:
            leftovers = pool._stop_leftovers()
            if leftovers:
                await asyncio.wait(leftovers, timeout=SCENARIO_LIMIT)
            in_use_after = pool.in_use - (1 if held is not None and held.taken else 0)
            if held is not None and held.taken:
                pool.release(held)
    return call, pool, in_use_after, bool(leftovers)


def _pool_problems(pool: Pool) -> None:
    if pool.problems:
        raise CheckFailed("the pool saw a problem: " + "; ".join(pool.problems))


def _fetch_error(call: _Call, what: str) -> None:
    if call.error is not None and not isinstance(call.error, FetchError):
        raise CheckFailed(f"{what}, `fetch_page` raised {_describe(call.error)}")


async def _returns_the_page(ns):
    call, pool, in_use, _ = await _fetch_scenario(ns, "index.html")
    if not call.finished:
        raise _limit_passed(call, "`fetch_page(pool, 'index.html')`", "running")
    _pool_problems(pool)
    if pool.acquired == 0:
        raise CheckFailed(
            f"`fetch_page(pool, 'index.html')` {call.outcome()} without taking a connection: "
            "fetch the page with `conn = await pool.acquire()` and `await conn.fetch(name)`"
        )
    _fetch_error(call, "fetching 'index.html' (which works)")
    expected = "page index.html (over connection 1 of pool " + pool.label + ")"
    if call.cancelled or call.value != expected:
        raise CheckFailed(f"expected `fetch_page` to return what `conn.fetch(name)` gave, {expected!r}; it {call.outcome()}")
    if in_use:
        raise CheckFailed("`fetch_page` returned the page but kept the connection: give it back with `pool.release(conn)`")
    return "returned the page and gave the connection back"


async def _back_after_failure(ns):
    call, pool, in_use, _ = await _fetch_scenario(ns, "bad.html")
    if not call.finished:
        raise _limit_passed(call, "`fetch_page(pool, 'bad.html')`", "running")
    _pool_problems(pool)
    if not isinstance(call.error, FetchError):
        raise CheckFailed(
            "fetching 'bad.html' fails with FetchError, and `fetch_page` should let that error out to its "
            f"caller; it {call.outcome()}"
        )
    if in_use:
        raise CheckFailed(
            "when the fetch failed with FetchError, the connection was not given back: "
            "the pool still counted it as taken after `fetch_page` had raised"
        )
    return "the FetchError came out, and the connection was given back"


async def _back_when_cancelled(ns):
    call, pool, in_use, leftover = await _fetch_scenario(ns, "slow.html", cancel_after=0.5)
    if not call.finished:
        raise _limit_passed(call, "`fetch_page` cancelled in the middle of a fetch", "running")
    _pool_problems(pool)
    if pool.acquired == 0:
        raise CheckFailed(
            f"cancelled in the middle of its work, `fetch_page` {call.outcome()} without ever taking a "
            "connection, so nothing shows it gives one back: take it with `await pool.acquire()`"
        )
    if leftover:
        raise CheckFailed(
            "the task running `fetch_page` was cancelled in the middle of a fetch, but the fetch went on "
            "after `fetch_page` had ended; a fetch nobody waits for keeps the connection busy"
        )
    if in_use:
        raise CheckFailed(
            "the task running `fetch_page` was cancelled in the middle of a fetch, and the connection was "
            "never given back (cancelling raises CancelledError at the `await`; it is a BaseException, "
            "so an `except Exception` does not see it)"
        )
    return "cancelled in the middle of a fetch, it gave the connection back"


async def _stays_cancelled(ns):
    call, pool, _, _ = await _fetch_scenario(ns, "slow.html", cancel_after=0.5)
    if not call.finished:
        raise _limit_passed(call, "`fetch_page` cancelled in the middle of a fetch", "running")
    if not call.cancelled:
        how = call.outcome()
        raise CheckFailed(
            "the task running `fetch_page` was cancelled in the middle of a fetch, so it should end "
            f"cancelled (its caller sees CancelledError); instead it {how}. After cleaning up, let the "
            "CancelledError go on (`raise`)"
        )
    return "it ended cancelled"


async def _cancelled_while_waiting(ns):
    call, pool, in_use, _ = await _fetch_scenario(ns, "queued.html", cancel_after=0.5, hold=True)
    if not call.finished:
        raise _limit_passed(call, "`fetch_page` cancelled while waiting for a connection", "running")
    if pool.problems:
        raise CheckFailed(
            "cancelled while it was still waiting in `pool.acquire()` (every connection was taken), "
            "`fetch_page` had no connection yet, and it gave something back anyway: "
            + "; ".join(pool.problems)
        )
    if not call.cancelled:
        raise CheckFailed(
            "cancelled while it was still waiting in `pool.acquire()`, `fetch_page` should end cancelled; "
            f"instead it {call.outcome()}"
        )
    if in_use:
        raise CheckFailed("cancelled while waiting for a connection, `fetch_page` ended up holding one")
    return "cancelled while waiting for a connection, it gave nothing back and ended cancelled"


register(
    Exercise(
        id=FETCH,
        title="Give the connection back",
        checks=make_checks(
            ("returns the page", _returns_the_page),
            ("gives it back after a failure", _back_after_failure),
            ("gives it back when cancelled", _back_when_cancelled),
            ("stays cancelled", _stays_cancelled),
            ("cancelled while waiting for a connection", _cancelled_while_waiting),
        ),
        hints=(
            "Whatever way `await conn.fetch(name)` ends (a result, FetchError, or CancelledError when the "
            "task is cancelled), `pool.release(conn)` must run afterwards. Which statement runs its block "
            "on every way out?",
            "`try: ... finally: ...` runs the `finally` block on a return, on an exception and on a "
            "cancellation alike, and lets the exception go on afterwards. Only the fetch goes inside the "
            "`try`: until `acquire()` has returned, there is nothing to give back.",
            "conn = await pool.acquire()\n"
            "try:\n"
            "    return await conn.fetch(name)\n"
            "finally:\n"
            "    pool.release(conn)",
        ),
        starter=(
            "async def fetch_page(pool, name):\n"
            "    conn = await pool.acquire()\n"
            "    page = await conn.fetch(name)\n"
            "    pool.release(conn)\n"
            "    return page\n"
        ),
        solution=(
            "async def fetch_page(pool, name):\n"
            "    conn = await pool.acquire()\n"
            "    try:\n"
            "        return await conn.fetch(name)\n"
            "    finally:\n"
            "        pool.release(conn)  # on a result, on FetchError and on cancellation\n"
        ),
        setup=LESSON_SETUP,
        virtual_time=True,
    )
)


# --------------------------------------------------------------------------- exercise 2: the quiet line

QUIET = f"{LESSON}.quiet-line"

_TALKATIVE = [(3, "hello"), (7, "ping"), (11.5, "pong"), (13.5, "ping")]  # gaps up to 4.5 s
_TALKATIVE_END, _TALKATIVE_IDLE = 16, 5
_QUIET = [(0.5, "knock knock"), (1.5, "who is there?"), (3, "a long pause")]
_QUIET_LATE, _QUIET_IDLE = (12, "...sorry, I was away"), 2.5  # gives up at 3 + 2.5 = 5.5 s


def _read_until_quiet(ns):
    return coroutine_function(ns, "read_until_quiet", "async def read_until_quiet(feed, idle)")


async def _quiet_scenario(ns, arrivals, end, idle, *, cancel_after=None):
    func = _read_until_quiet(ns)
    async with _on_virtual_clock():
        feed = Feed(arrivals, end=end)
        try:
            call = await _call(func, feed, idle, cancel_after=cancel_after)
        finally:
            waiting = feed.waiting
            leftovers = feed._stop_leftovers()
            if leftovers:
                await asyncio.wait(leftovers, timeout=SCENARIO_LIMIT)
    return call, feed, waiting


def _as_messages(call: _Call, what: str) -> list:
    if call.cancelled or call.error is not None:
        raise CheckFailed(f"{what}, `read_until_quiet` should return the messages it received; it {call.outcome()}")
    if not isinstance(call.value, (list, tuple)):
        raise CheckFailed(f"{what}, `read_until_quiet` should return a list of the messages; it returned {_short(call.value)}")
    return list(call.value)


def _is_prefix(got: list, of: list[str]) -> bool:
    return len(got) <= len(of) and got == of[: len(got)]


def _compare(got: list, expected: list[str], what: str) -> None:
    if got == expected:
        return
    texts = list(map(str, got))
    if Counter(texts) == Counter(expected) or (
        set(texts) == set(expected) and len(set(texts)) == len(texts) < len(expected)
    ):
        raise CheckFailed(
            f"{what}, expected the messages in the order they arrived, repeats included, {expected!r}; "
            f"got {got!r}"
        )
    missing = list((Counter(expected) - Counter(texts)).elements())
    if len(got) < len(expected) and not (Counter(texts) - Counter(expected)):
        raise CheckFailed(
            f"{what}, expected {len(expected)} messages, {expected!r}; got {len(got)}, {got!r} (missing: {missing!r})"
        )
    raise CheckFailed(f"{what}, expected {expected!r}; got {got!r}")


async def _keeps_every_message(ns):
    expected = [text for _, text in _TALKATIVE]
    call, feed, _ = await _quiet_scenario(ns, _TALKATIVE, _TALKATIVE_END, _TALKATIVE_IDLE)
    what = (
        f"with idle={_TALKATIVE_IDLE}, {len(expected)} messages never more than 4.5 s apart and the feed "
        f"ending at {_TALKATIVE_END} s"
    )
    if not call.finished:
        raise _limit_passed(call, "`read_until_quiet`", "waiting")
    if isinstance(call.error, FeedError):
        raise CheckFailed(
            f"{what}: `read_until_quiet` called `feed.receive()` again after it had returned None "
            "(the feed had ended): stop at None"
        )
    got = _as_messages(call, what)
    if len(got) < len(expected) and _is_prefix(got, expected) and call.took < _TALKATIVE_END - 1e-6:
        raise CheckFailed(
            f"{what}: `read_until_quiet` returned {got!r} after {call.took:g} s, while messages were still "
            f"arriving less than {_TALKATIVE_IDLE} s apart. The limit is on the quiet time since the last "
            "message, so each message starts the wait afresh (a limit for the whole call is not that)"
        )
    _compare(got, expected, what)
    return f"all {len(expected)} messages, in order, and it stopped when the feed ended"


def _quiet_expected() -> tuple[list[str], float]:
    return [text for _, text in _QUIET], _QUIET[-1][0] + _QUIET_IDLE


async def _gives_up_when_quiet(ns):
    expected, at = _quiet_expected()
    call, feed, _ = await _quiet_scenario(ns, _QUIET + [_QUIET_LATE], 13, _QUIET_IDLE)
    last = _QUIET[-1][0]
    what = f"with idle={_QUIET_IDLE} and the last message for a while at {last:g} s"
    if not call.finished:
        raise _limit_passed(call, "`read_until_quiet`", "waiting")
    if isinstance(call.error, TimeoutError):
        raise CheckFailed(
            f"{what}: `read_until_quiet` raised TimeoutError at {call.took:g} s; when the line goes quiet "
            "it should catch that and return the messages it has"
        )
    got = _as_messages(call, what)
    if not _is_prefix(got, expected + [_QUIET_LATE[1]]):
        _compare(got, expected, what)
    if call.took > at + 1e-6:
        raise CheckFailed(
            f"{what}: `read_until_quiet` returned {_short(got)} after {call.took:g} s; it should give up "
            f"{_QUIET_IDLE:g} s after the last message, at {at:g} s"
        )
    if call.took < at - 1e-6:
        raise CheckFailed(
            f"{what}: `read_until_quiet` returned {_short(got)} after {call.took:g} s, before {_QUIET_IDLE:g} s "
            f"had passed since the last message (it should give up at {at:g} s). If you compute a deadline, "
            "compute it from `loop.time()`, the clock asyncio's timeouts use, not from `time.time()` or "
            "`time.monotonic()`"
        )
    _compare(got, expected, what)
    return f"it gave up {_QUIET_IDLE:g} s after the last message, with every message so far"


async def _nothing_left_waiting(ns):
    call, feed, waiting = await _quiet_scenario(ns, _QUIET + [_QUIET_LATE], 13, _QUIET_IDLE)
    if not call.finished:
        raise _limit_passed(call, "`read_until_quiet`", "waiting")
    if call.cancelled or call.error is not None:
        raise CheckFailed(f"when the line went quiet, `read_until_quiet` {call.outcome()} (see the other checks)")
    if waiting:
        raise CheckFailed(
            "when `read_until_quiet` gave up on the quiet line and returned, a `feed.receive()` was still "
            "waiting: cancel what you stopped waiting for (and let it finish cancelling)"
        )
    return "when it returned, no receive() was left waiting"


async def _quiet_stays_cancelled(ns):
    arrivals = [(n, f"tick {n}") for n in range(1, 31)]
    call, feed, waiting = await _quiet_scenario(ns, arrivals, None, 5, cancel_after=3.5)
    if not call.finished:
        raise _limit_passed(call, "`read_until_quiet`, cancelled from outside,", "waiting")
    if not call.cancelled:
        raise CheckFailed(
            "the task running `read_until_quiet` was cancelled from outside after 3.5 s (a message every "
            f"second, idle=5), so it should end cancelled; instead it {call.outcome()}. Catch only the "
            "timeout (TimeoutError), not the CancelledError of a cancel that is not yours"
        )
    if waiting:
        raise CheckFailed("cancelled from outside, `read_until_quiet` ended but left a `feed.receive()` waiting")
    return "cancelled from outside, it ended cancelled"


register(
    Exercise(
        id=QUIET,
        title="Stop when the line goes quiet",
        checks=make_checks(
            ("keeps every message", _keeps_every_message),
            ("gives up when the line is quiet", _gives_up_when_quiet),
            ("nothing left waiting", _nothing_left_waiting),
            ("stays cancelled", _quiet_stays_cancelled),
        ),
        hints=(
            "The limit is on each wait, not on the whole call: every message starts the `idle` seconds "
            "afresh. Put the time limit around `await feed.receive()`, inside the loop.",
            "`async with asyncio.timeout(idle):` around the `receive()` raises TimeoutError when it "
            "expires (and has cancelled the `receive()` by then). Catch TimeoutError (outside the `async "
            "with`) and return what you have. Catch nothing else: a CancelledError from outside must go on.",
            "while True:\n"
            "    try:\n"
            "        async with asyncio.timeout(idle):\n"
            "            message = await feed.receive()\n"
            "    except TimeoutError:\n"
            "        return messages\n"
            "    if message is None:\n"
            "        return messages\n"
            "    messages.append(message)",
        ),
        starter=(
            "async def read_until_quiet(feed, idle):\n"
            "    messages = []\n"
            "    while (message := await feed.receive()) is not None:\n"
            "        messages.append(message)\n"
            "    return messages\n"
        ),
        solution=(
            "async def read_until_quiet(feed, idle):\n"
            "    messages = []\n"
            "    while True:\n"
            "        try:\n"
            "            async with asyncio.timeout(idle):  # a fresh limit for each message\n"
            "                message = await feed.receive()\n"
            "        except TimeoutError:\n"
            "            return messages  # quiet for `idle` seconds\n"
            "        if message is None:\n"
            "            return messages  # the feed has ended\n"
            "        messages.append(message)\n"
        ),
        setup=LESSON_SETUP,
        virtual_time=True,
    )
)

