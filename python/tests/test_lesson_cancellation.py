"""Lesson 16 (cancellation and timeouts): the answers learners write, each with its verdict.

Every correct answer (different standard routes) must pass; every wrong one must fail,
and the check that names the mistake must be the one asserted, with a message that
says what happened.  Each answer runs strictly (no warning, nothing logged by asyncio)
and must leave nothing behind: no task still pending, no virtual clock installed.
The facts the lesson teaches per version are tested at the end, on each side.
"""

from __future__ import annotations

import asyncio
import sys
import time
from dataclasses import dataclass

import pytest

from asyncio_lab import exercises, virtualclock
from lessonkit import strict_check

FETCH = "cancellation.give-it-back"
QUIET = "cancellation.quiet-line"


@dataclass(frozen=True)
class Answer:
    """One answer: its code (None: the reference solution, "starter": the starter), and for a
    wrong one the check that must fail and a piece of its message."""

    name: str
    code: str | None
    check: str | None = None
    says: str | None = None


# --------------------------------------------------------------------------- give-it-back

FETCH_CORRECT = [
    Answer("reference: try/finally", None),
    Answer(
        "except BaseException, re-raise; release on success",
        """
async def fetch_page(pool, name):
    conn = await pool.acquire()
    try:
        page = await conn.fetch(name)
    except BaseException:
        pool.release(conn)
        raise
    pool.release(conn)
    return page
""",
    ),
    Answer(
        "except CancelledError and except Exception, each re-raising; else releases",
        """
async def fetch_page(pool, name):
    conn = await pool.acquire()
    try:
        page = await conn.fetch(name)
    except asyncio.CancelledError:
        pool.release(conn)
        raise
    except Exception:
        pool.release(conn)
        raise
    else:
        pool.release(conn)
        return page
""",
    ),
    Answer(
        "an asynccontextmanager of its own",
        """
import contextlib

@contextlib.asynccontextmanager
async def connection(pool):
    conn = await pool.acquire()
    try:
        yield conn
    finally:
        pool.release(conn)

async def fetch_page(pool, name):
    async with connection(pool) as conn:
        return await conn.fetch(name)
""",
    ),
    Answer(
        "AsyncExitStack with a callback",
        """
import contextlib

async def fetch_page(pool, name):
    async with contextlib.AsyncExitStack() as stack:
        conn = await pool.acquire()
        stack.callback(pool.release, conn)
        return await conn.fetch(name)
""",
    ),
    Answer(
        "a class with __aenter__/__aexit__",
        """
class Borrowed:
    def __init__(self, pool):
        self.pool = pool
    async def __aenter__(self):
        self.conn = await self.pool.acquire()
        return self.conn
    async def __aexit__(self, *exc):
        self.pool.release(self.conn)
        return False

async def fetch_page(pool, name):
    async with Borrowed(pool) as conn:
        return await conn.fetch(name)
""",
    ),
    Answer(
        "the fetch in a task of its own, awaited in try/finally",
        """
async def fetch_page(pool, name):
    conn = await pool.acquire()
    try:
        fetching = asyncio.create_task(conn.fetch(name))
        return await fetching
    finally:
        pool.release(conn)
""",
    ),
    Answer(
        "conn = None guard, acquire inside the try",
        """
async def fetch_page(pool, name):
    conn = None
    try:
        conn = await pool.acquire()
        return await conn.fetch(name)
    finally:
        if conn is not None:
            pool.release(conn)
""",
    ),
]

FETCH_WRONG = [
    Answer("starter: releases only on success", "starter", "gives it back after a failure", "was not given back"),
    Answer(
        "except Exception (misconception: CancelledError is an Exception)",
        """
async def fetch_page(pool, name):
    conn = await pool.acquire()
    try:
        page = await conn.fetch(name)
    except Exception:
        pool.release(conn)
        raise
    pool.release(conn)
    return page
""",
        "gives it back when cancelled",
        "it is a BaseException, so an `except Exception` does not see it",
    ),
    Answer(
        "swallows the CancelledError after releasing",
        """
async def fetch_page(pool, name):
    conn = await pool.acquire()
    try:
        return await conn.fetch(name)
    except asyncio.CancelledError:
        print("cancelled, never mind")
    finally:
        pool.release(conn)
""",
        "stays cancelled",
        "instead it returned None",
    ),
    Answer(
        "except BaseException: release and return None (swallows failures too)",
        """
async def fetch_page(pool, name):
    conn = await pool.acquire()
    try:
        return await conn.fetch(name)
    except BaseException:
        pool.release(conn)
        return None
    finally:
        if conn.taken:
            pool.release(conn)
""",
        "gives it back after a failure",
        "should let that error out to its caller; it returned None",
    ),
    Answer(
        "turns the cancellation into another exception",
        """
async def fetch_page(pool, name):
    conn = await pool.acquire()
    try:
        return await conn.fetch(name)
    except asyncio.CancelledError:
        raise RuntimeError(f"fetch of {name} was cancelled")
    finally:
        pool.release(conn)
""",
        "stays cancelled",
        "instead it raised RuntimeError: fetch of slow.html was cancelled",
    ),
    Answer(
        "gives it back twice (finally and before return)",
        """
async def fetch_page(pool, name):
    conn = await pool.acquire()
    try:
        page = await conn.fetch(name)
        pool.release(conn)
        return page
    finally:
        pool.release(conn)
""",
        "returns the page",
        "connection 1 was given back twice",
    ),
    Answer(
        "acquire inside the try, releases None when cancelled while waiting",
        """
async def fetch_page(pool, name):
    conn = None
    try:
        conn = await pool.acquire()
        return await conn.fetch(name)
    finally:
        pool.release(conn)
""",
        "cancelled while waiting for a connection",
        "it gave something back anyway: release() was called with None",
    ),
    Answer(
        "shields the fetch, so it goes on over a connection given back",
        """
async def fetch_page(pool, name):
    conn = await pool.acquire()
    try:
        return await asyncio.shield(conn.fetch(name))
    finally:
        pool.release(conn)
""",
        "gives it back when cancelled",
        "given back while a fetch was still using it",
    ),
    Answer(
        "order lost: gives the connection back before fetching",
        """
async def fetch_page(pool, name):
    conn = await pool.acquire()
    pool.release(conn)
    return await conn.fetch(name)
""",
        "returns the page",
        "used after it had been given back",
    ),
    Answer(
        "hard-coded: fits the visible example, never uses the pool",
        """
async def fetch_page(pool, name):
    await asyncio.sleep(1)
    return f"page {name}"
""",
        "returns the page",
        "without taking a connection",
    ),
    Answer(
        "not a coroutine function",
        """
def fetch_page(pool, name):
    return f"page {name}"
""",
        "returns the page",
        "expected `fetch_page` to be a coroutine function",
    ),
]

# --------------------------------------------------------------------------- quiet-line

QUIET_CORRECT = [
    Answer("reference: timeout() around each receive", None),
    Answer(
        "wait_for around each receive",
        """
async def read_until_quiet(feed, idle):
    messages = []
    while True:
        try:
            message = await asyncio.wait_for(feed.receive(), idle)
        except TimeoutError:
            break
        if message is None:
            break
        messages.append(message)
    return messages
""",
    ),
    Answer(
        "one timeout(), rescheduled after each message",
        """
async def read_until_quiet(feed, idle):
    loop = asyncio.get_running_loop()
    messages = []
    try:
        async with asyncio.timeout(idle) as quiet:
            while (message := await feed.receive()) is not None:
                messages.append(message)
                quiet.reschedule(loop.time() + idle)
    except TimeoutError:
        pass
    return messages
""",
    ),
    Answer(
        "timeout_at(loop.time() + idle) each time",
        """
async def read_until_quiet(feed, idle):
    loop = asyncio.get_running_loop()
    messages = []
    while True:
        deadline = loop.time() + idle
        try:
            async with asyncio.timeout_at(deadline):
                message = await feed.receive()
        except asyncio.TimeoutError:
            return messages
        if message is None:
            return messages
        messages.append(message)
""",
    ),
    Answer(
        "asyncio.wait with a timeout, the receive cancelled in finally",
        """
async def read_until_quiet(feed, idle):
    messages = []
    while True:
        receiving = asyncio.ensure_future(feed.receive())
        try:
            done, _ = await asyncio.wait({receiving}, timeout=idle)
        finally:
            receiving.cancel()  # no-op if it is done; stops it on a timeout and on a cancel from outside
        if not done:
            await asyncio.wait({receiving})
            return messages
        message = receiving.result()
        if message is None:
            return messages
        messages.append(message)
""",
    ),
    Answer(
        "timeout(None) per wait, set with reschedule; checks expired()",
        """
async def read_until_quiet(feed, idle):
    loop = asyncio.get_running_loop()
    messages = []
    while True:
        limit = asyncio.timeout(None)
        try:
            async with limit:
                limit.reschedule(loop.time() + idle)
                message = await feed.receive()
        except TimeoutError:
            assert limit.expired()
            return messages
        if message is None:
            return messages
        messages.append(message)
""",
    ),
]

QUIET_WRONG = [
    Answer("starter: no time limit", "starter", "gives up when the line is quiet", "it should give up 2.5 s after the last message"),
    Answer(
        "one limit for the whole call",
        """
async def read_until_quiet(feed, idle):
    messages = []
    try:
        async with asyncio.timeout(idle):
            while (message := await feed.receive()) is not None:
                messages.append(message)
    except TimeoutError:
        pass
    return messages
""",
        "keeps every message",
        "a limit for the whole call is not that",
    ),
    Answer(
        "misconception: catches CancelledError as well as TimeoutError",
        """
async def read_until_quiet(feed, idle):
    messages = []
    while True:
        try:
            message = await asyncio.wait_for(feed.receive(), idle)
        except (TimeoutError, asyncio.CancelledError):
            return messages
        if message is None:
            return messages
        messages.append(message)
""",
        "stays cancelled",
        "instead it returned ['tick 1', 'tick 2', 'tick 3']",
    ),
    Answer(
        "its own call_later(task.cancel), catching every CancelledError",
        """
async def read_until_quiet(feed, idle):
    loop = asyncio.get_running_loop()
    me = asyncio.current_task()
    messages = []
    while True:
        alarm = loop.call_later(idle, me.cancel)
        try:
            message = await feed.receive()
        except asyncio.CancelledError:
            return messages
        finally:
            alarm.cancel()
        if message is None:
            return messages
        messages.append(message)
""",
        "stays cancelled",
        "Catch only the timeout (TimeoutError)",
    ),
    Answer(
        "off by one: the first message is received and dropped",
        """
async def read_until_quiet(feed, idle):
    messages = []
    message = await feed.receive()
    while True:
        try:
            message = await asyncio.wait_for(feed.receive(), idle)
        except TimeoutError:
            return messages
        if message is None:
            return messages
        messages.append(message)
""",
        "keeps every message",
        "(missing: ['hello'])",
    ),
    Answer(
        "order and repeats lost: a set, sorted",
        """
async def read_until_quiet(feed, idle):
    messages = set()
    while True:
        try:
            async with asyncio.timeout(idle):
                message = await feed.receive()
        except TimeoutError:
            break
        if message is None:
            break
        messages.add(message)
    return sorted(messages)
""",
        "keeps every message",
        "in the order they arrived, repeats included",
    ),
    Answer(
        "leak: asyncio.wait with a timeout, the receive never cancelled",  # asyncio.wait cancels nothing
        """
async def read_until_quiet(feed, idle):
    messages = []
    while True:
        receiving = asyncio.ensure_future(feed.receive())
        done, _ = await asyncio.wait({receiving}, timeout=idle)
        if not done:
            return messages
        message = receiving.result()
        if message is None:
            return messages
        messages.append(message)
""",
        "nothing left waiting",
        "a `feed.receive()` was still waiting",
    ),
    Answer(
        "asyncio.wait, cancels the receive on a timeout but not on a cancel from outside",
        """
async def read_until_quiet(feed, idle):
    messages = []
    while True:
        receiving = asyncio.ensure_future(feed.receive())
        done, _ = await asyncio.wait({receiving}, timeout=idle)
        if not done:
            receiving.cancel()
            await asyncio.wait({receiving})
            return messages
        message = receiving.result()
        if message is None:
            return messages
        messages.append(message)
""",
        "stays cancelled",
        "ended but left a `feed.receive()` waiting",
    ),
    Answer(
        "platform shortcut: a deadline from time.monotonic()",
        """
import time

async def read_until_quiet(feed, idle):
    messages = []
    while True:
        try:
            async with asyncio.timeout_at(time.monotonic() + idle):
                message = await feed.receive()
        except TimeoutError:
            return messages
        if message is None:
            return messages
        messages.append(message)
""",
        "gives up when the line is quiet",
        "compute it from `loop.time()`",
    ),
    Answer(
        "lets the TimeoutError out",
        """
async def read_until_quiet(feed, idle):
    messages = []
    while True:
        async with asyncio.timeout(idle):
            message = await feed.receive()
        if message is None:
            return messages
        messages.append(message)
""",
        "gives up when the line is quiet",
        "raised TimeoutError at 5.5 s",
    ),
    Answer(
        "hard-coded: the visible example's messages",
        """
async def read_until_quiet(feed, idle):
    await asyncio.sleep(9)
    return ["hello", "are you there?", "still here"]
""",
        "keeps every message",
        "expected ['hello', 'ping', 'pong', 'ping']; got ['hello', 'are you there?', 'still here']",
    ),
    Answer(
        "does not stop at None",
        """
async def read_until_quiet(feed, idle):
    messages = []
    while True:
        try:
            async with asyncio.timeout(idle):
                message = await feed.receive()
        except TimeoutError:
            return messages
        if message is not None:
            messages.append(message)
""",
        "keeps every message",
        "called `feed.receive()` again after it had returned None",
    ),
    Answer(
        "off by one second: idle + 1",
        """
async def read_until_quiet(feed, idle):
    messages = []
    while True:
        try:
            message = await asyncio.wait_for(feed.receive(), idle + 1)
        except TimeoutError:
            return messages
        if message is None:
            return messages
        messages.append(message)
""",
        "gives up when the line is quiet",
        "after 6.5 s; it should give up 2.5 s after the last message, at 5.5 s",
    ),
]


# --------------------------------------------------------------------------- running an answer

def _namespace(ex_id: str, code: str | None) -> dict:
    ex = exercises.get(ex_id)
    body = ex.solution if code is None else ex.starter if code == "starter" else code
    ns: dict = {}
    exec(compile(ex.setup + body, "<ipython-input-16>", "exec"), ns)  # a cell's file name, as IPython gives
    return ns


def _run(ex_id: str, answer: Answer) -> exercises.CheckResult:
    ns = _namespace(ex_id, answer.code)
    started = time.perf_counter()
    result = strict_check(ex_id, ns)
    assert time.perf_counter() - started < 5, "a verdict within the time limit, and quickly (virtual time)"
    assert virtualclock._installed is None, "the virtual clock was left installed"
    return result


def _failed(result) -> dict[str, str]:
    return {c.name: c.message for c in result.checks if not c.passed}


def _assert_correct(ex_id: str, answer: Answer) -> None:
    result = _run(ex_id, answer)
    assert result.passed, _failed(result)


def _assert_wrong(ex_id: str, answer: Answer) -> None:
    result = _run(ex_id, answer)
    failed = _failed(result)
    assert not result.passed
    assert answer.check in failed, f"expected {answer.check!r} to fail; failed: {failed}"
    assert answer.says in failed[answer.check], failed[answer.check]


def test_answer_sets_are_big_enough():
    for correct, wrong in ((FETCH_CORRECT, FETCH_WRONG), (QUIET_CORRECT, QUIET_WRONG)):
        assert len(correct) >= 5 and len(wrong) >= 8
        assert len({a.name for a in correct + wrong}) == len(correct + wrong)


@pytest.mark.parametrize("answer", FETCH_CORRECT, ids=lambda a: a.name)
def test_give_it_back_correct(answer):
    _assert_correct(FETCH, answer)


@pytest.mark.parametrize("answer", FETCH_WRONG, ids=lambda a: a.name)
def test_give_it_back_wrong(answer):
    _assert_wrong(FETCH, answer)


@pytest.mark.parametrize("answer", QUIET_CORRECT, ids=lambda a: a.name)
def test_quiet_line_correct(answer):
    _assert_correct(QUIET, answer)


@pytest.mark.parametrize("answer", QUIET_WRONG, ids=lambda a: a.name)
def test_quiet_line_wrong(answer):
    _assert_wrong(QUIET, answer)


def test_messages_do_not_give_the_answer_away():
    for ex_id, wrong in ((FETCH, FETCH_WRONG), (QUIET, QUIET_WRONG)):
        solution = exercises.get(ex_id).solution
        for answer in wrong:
            for message in _failed(_run(ex_id, answer)).values():
                assert solution.strip() not in message


# --------------------------------------------------------------------------- time limits and a clean kernel

def test_an_answer_that_never_ends_gets_a_verdict_naming_where_it_waited():
    code = "async def read_until_quiet(feed, idle):\n    await asyncio.Event().wait()\n"
    failed = _failed(_run(QUIET, Answer("waits forever", code)))
    # Cancelled from outside, it does end cancelled: that check passes.
    assert set(failed) == {c.name for c in exercises.get(QUIET).checks} - {"stays cancelled"}, failed
    message = failed["gives up when the line is quiet"]
    assert "had not ended after 600 s (virtual time)" in message, message
    assert "in read_until_quiet() at line 5, awaiting Event.wait()" in message, message
    assert message.endswith("so the check cancelled it"), message


def test_an_answer_that_ignores_cancel_is_reported():
    # It swallows two cancellations: the check's (its time limit) and, in the test, the one
    # asyncio.run sends to what is left at the end; a learner's cell would keep it running.
    code = """
async def fetch_page(pool, name):
    for _ in range(2):
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            pass
"""
    failed = _failed(_run(FETCH, Answer("ignores cancel()", code)))
    assert "did not end when the check cancelled it either" in failed["returns the page"], failed


# --------------------------------------------------------------------------- the facts the lesson teaches, per version

def _run_async(coro):
    return asyncio.run(coro)


def test_cancelled_error_is_a_base_exception_and_timeout_error_is_the_builtin():
    assert issubclass(asyncio.CancelledError, BaseException)
    assert not issubclass(asyncio.CancelledError, Exception)
    assert asyncio.TimeoutError is TimeoutError


def test_wait_for_runs_a_coroutine_in_a_new_task_on_311_and_in_the_same_task_from_312():
    async def go():
        outer = asyncio.current_task()

        async def which():
            return asyncio.current_task() is outer

        return await asyncio.wait_for(which(), 1)

    assert _run_async(go()) is (sys.version_info >= (3, 12))


def test_uncancel_to_zero_withdraws_a_pending_cancel_from_313():
    async def go():
        task = asyncio.create_task(asyncio.sleep(0, result="finished"))
        task.cancel()
        assert task.cancelling() == 1
        assert task.uncancel() == 0
        try:
            return await task
        except asyncio.CancelledError:
            return "cancelled anyway"

    assert _run_async(go()) == ("finished" if sys.version_info >= (3, 13) else "cancelled anyway")


def test_a_swallowed_cancellation_makes_timeout_silent_on_every_version():
    async def go():
        async with asyncio.timeout(0) as cm:
            try:
                await asyncio.sleep(3600)
            except asyncio.CancelledError:
                pass
        return cm.expired(), asyncio.current_task().cancelling()

    assert _run_async(go()) == (True, 0)


def test_timeout_around_a_taskgroup_chains_a_timeout_error_into_cleanup_errors_from_313():
    async def go():
        async def child():
            try:
                await asyncio.sleep(3600)
            finally:
                raise ValueError("clean-up failed")

        try:
            async with asyncio.timeout(0):
                async with asyncio.TaskGroup() as tg:
                    tg.create_task(child())
        except ExceptionGroup as group:
            [error] = group.exceptions
            return type(error.__context__).__name__

    assert _run_async(go()) == ("TimeoutError" if sys.version_info >= (3, 13) else "CancelledError")


def test_shield_keeps_the_inner_task_running_while_the_caller_times_out():
    async def go():
        async with virtualclock.virtual_time() as clock:
            async def save():
                await asyncio.sleep(5)
                return "saved"

            saving = asyncio.create_task(save())
            try:
                async with asyncio.timeout(1):
                    await asyncio.shield(saving)
            except TimeoutError:
                timed_out_at, done = clock.elapsed, saving.done()
            return timed_out_at, done, await saving, clock.elapsed

    assert _run_async(go()) == (1.0, False, "saved", 5.0)


def test_wait_for_zero_cancels_the_coroutine_before_it_starts():
    async def go():
        started = []

        async def job():
            started.append(True)

        try:
            await asyncio.wait_for(job(), 0)
        except TimeoutError:
            return started

    assert _run_async(go()) == []


def test_reschedule_after_the_block_raises():
    async def go():
        async with asyncio.timeout(None) as cm:
            pass
        with pytest.raises(RuntimeError, match="Cannot change state of finished Timeout"):
            cm.reschedule(None)

    _run_async(go())


def test_a_task_cancelled_before_its_first_step_never_runs_its_body():
    async def go():
        ran = []

        async def body():
            ran.append("first line")

        task = asyncio.create_task(body())
        task.cancel()
        await asyncio.wait([task])
        return ran, task.cancelled()

    assert _run_async(go()) == ([], True)


def test_a_context_variable_set_under_wait_for_reaches_the_caller_from_312():
    import contextvars

    var = contextvars.ContextVar("var", default="unset")

    async def go():
        async def setter():
            var.set("set inside")

        await asyncio.wait_for(setter(), 1)
        return var.get()

    assert _run_async(go()) == ("set inside" if sys.version_info >= (3, 12) else "unset")


def test_cancel_returns_false_on_a_done_task_and_the_message_reaches_the_awaiter():
    async def go():
        done = asyncio.create_task(asyncio.sleep(0))
        await done
        sleeper = asyncio.create_task(asyncio.sleep(3600))
        await asyncio.sleep(0)
        sleeper.cancel("why")
        try:
            await sleeper
        except asyncio.CancelledError as exc:
            return done.cancel(), exc.args

    assert _run_async(go()) == (False, ("why",))
