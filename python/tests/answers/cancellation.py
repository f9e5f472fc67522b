"""Answer set of lesson 16 (cancellation and timeouts); the format is described in ../test_answers.py
(branch issue13c) and read by ../test_lesson_cancellation.py."""

ANSWERS = [
    # ------------------------------------------------------------------ give-it-back: correct
    {
        "exercise": "cancellation.give-it-back",
        "label": "reference: try/finally",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def fetch_page(pool, name):
    conn = await pool.acquire()
    try:
        return await conn.fetch(name)
    finally:
        pool.release(conn)  # on a result, on FetchError and on cancellation
""",
    },
    {
        "exercise": "cancellation.give-it-back",
        "label": "except BaseException, re-raise; release on success",
        "kind": "other style",
        "verdict": "pass",
        "code": """
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
    },
    {
        "exercise": "cancellation.give-it-back",
        "label": "except CancelledError and except Exception, each re-raising; else releases",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
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
    },
    {
        "exercise": "cancellation.give-it-back",
        "label": "an asynccontextmanager of its own",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
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
    },
    {
        "exercise": "cancellation.give-it-back",
        "label": "AsyncExitStack with a callback",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
import contextlib

async def fetch_page(pool, name):
    async with contextlib.AsyncExitStack() as stack:
        conn = await pool.acquire()
        stack.callback(pool.release, conn)
        return await conn.fetch(name)
""",
    },
    {
        "exercise": "cancellation.give-it-back",
        "label": "a class with __aenter__/__aexit__",
        "kind": "other style",
        "verdict": "pass",
        "code": """
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
    },
    {
        "exercise": "cancellation.give-it-back",
        "label": "the fetch in a task of its own, awaited in try/finally",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def fetch_page(pool, name):
    conn = await pool.acquire()
    try:
        fetching = asyncio.create_task(conn.fetch(name))
        return await fetching
    finally:
        pool.release(conn)
""",
    },
    {
        "exercise": "cancellation.give-it-back",
        "label": "conn = None guard, acquire inside the try",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def fetch_page(pool, name):
    conn = None
    try:
        conn = await pool.acquire()
        return await conn.fetch(name)
    finally:
        if conn is not None:
            pool.release(conn)
""",
    },
    # ------------------------------------------------------------------ give-it-back: wrong
    {
        "exercise": "cancellation.give-it-back",
        "label": "starter: releases only on success",
        "kind": "leak",
        "verdict": "fail",
        "check": "gives it back after a failure",
        "message": "was not given back",
        "code": """
async def fetch_page(pool, name):
    conn = await pool.acquire()
    page = await conn.fetch(name)
    pool.release(conn)
    return page
""",
    },
    {
        "exercise": "cancellation.give-it-back",
        "label": "except Exception (misconception: CancelledError is an Exception)",
        "kind": "misconception",
        "verdict": "fail",
        "check": "gives it back when cancelled",
        "message": "it is a BaseException, so an `except Exception` does not see it",
        "code": """
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
    },
    {
        "exercise": "cancellation.give-it-back",
        "label": "swallows the CancelledError after releasing",
        "kind": "misconception",
        "verdict": "fail",
        "check": "stays cancelled",
        "message": "instead it returned None",
        "code": """
async def fetch_page(pool, name):
    conn = await pool.acquire()
    try:
        return await conn.fetch(name)
    except asyncio.CancelledError:
        print("cancelled, never mind")
    finally:
        pool.release(conn)
""",
    },
    {
        "exercise": "cancellation.give-it-back",
        "label": "except BaseException: release and return None (swallows failures too)",
        "kind": "misconception",
        "verdict": "fail",
        "check": "gives it back after a failure",
        "message": "should let that error out to its caller; it returned None",
        "code": """
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
    },
    {
        "exercise": "cancellation.give-it-back",
        "label": "turns the cancellation into another exception",
        "kind": "misconception",
        "verdict": "fail",
        "check": "stays cancelled",
        "message": "instead it raised RuntimeError: fetch of slow.html was cancelled",
        "code": """
async def fetch_page(pool, name):
    conn = await pool.acquire()
    try:
        return await conn.fetch(name)
    except asyncio.CancelledError:
        raise RuntimeError(f"fetch of {name} was cancelled")
    finally:
        pool.release(conn)
""",
    },
    {
        "exercise": "cancellation.give-it-back",
        "label": "gives it back twice (finally and before return)",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "returns the page",
        "message": "connection 1 was given back twice",
        "code": """
async def fetch_page(pool, name):
    conn = await pool.acquire()
    try:
        page = await conn.fetch(name)
        pool.release(conn)
        return page
    finally:
        pool.release(conn)
""",
    },
    {
        "exercise": "cancellation.give-it-back",
        "label": "acquire inside the try, releases None when cancelled while waiting",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "cancelled while waiting for a connection",
        "message": "it gave something back anyway: release() was called with None",
        "code": """
async def fetch_page(pool, name):
    conn = None
    try:
        conn = await pool.acquire()
        return await conn.fetch(name)
    finally:
        pool.release(conn)
""",
    },
    {
        "exercise": "cancellation.give-it-back",
        "label": "shields the fetch, so it goes on over a connection given back",
        "kind": "leak",
        "verdict": "fail",
        "check": "gives it back when cancelled",
        "message": "given back while a fetch was still using it",
        "note": "shield keeps the fetch running after the caller is cancelled; the finally gives the connection back under it",
        "code": """
async def fetch_page(pool, name):
    conn = await pool.acquire()
    try:
        return await asyncio.shield(conn.fetch(name))
    finally:
        pool.release(conn)
""",
    },
    {
        "exercise": "cancellation.give-it-back",
        "label": "order lost: gives the connection back before fetching",
        "kind": "order lost",
        "verdict": "fail",
        "check": "returns the page",
        "message": "used after it had been given back",
        "code": """
async def fetch_page(pool, name):
    conn = await pool.acquire()
    pool.release(conn)
    return await conn.fetch(name)
""",
    },
    {
        "exercise": "cancellation.give-it-back",
        "label": "hard-coded: fits the visible example, never uses the pool",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "returns the page",
        "message": "without taking a connection",
        "code": """
async def fetch_page(pool, name):
    await asyncio.sleep(1)
    return f"page {name}"
""",
    },
    {
        "exercise": "cancellation.give-it-back",
        "label": "not a coroutine function",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "returns the page",
        "message": "expected `fetch_page` to be a coroutine function",
        "code": """
def fetch_page(pool, name):
    return f"page {name}"
""",
    },
    # ------------------------------------------------------------------ quiet-line: correct
    {
        "exercise": "cancellation.quiet-line",
        "label": "reference: timeout() around each receive",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def read_until_quiet(feed, idle):
    messages = []
    while True:
        try:
            async with asyncio.timeout(idle):  # a fresh limit for each message
                message = await feed.receive()
        except TimeoutError:
            return messages  # quiet for `idle` seconds
        if message is None:
            return messages  # the feed has ended
        messages.append(message)
""",
    },
    {
        "exercise": "cancellation.quiet-line",
        "label": "wait_for around each receive",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
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
    },
    {
        "exercise": "cancellation.quiet-line",
        "label": "one timeout(), rescheduled after each message",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
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
    },
    {
        "exercise": "cancellation.quiet-line",
        "label": "timeout_at(loop.time() + idle) each time",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
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
    },
    {
        "exercise": "cancellation.quiet-line",
        "label": "asyncio.wait with a timeout, the receive cancelled in finally",
        "kind": "plain asyncio",
        "verdict": "pass",
        "note": "the finally also stops the receive when the caller is cancelled from outside",
        "code": """
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
    },
    {
        "exercise": "cancellation.quiet-line",
        "label": "timeout(None) per wait, set with reschedule; checks expired()",
        "kind": "other style",
        "verdict": "pass",
        "code": """
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
    },
    # ------------------------------------------------------------------ quiet-line: wrong
    {
        "exercise": "cancellation.quiet-line",
        "label": "starter: no time limit",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "gives up when the line is quiet",
        "message": "it should give up 2.5 s after the last message",
        "code": """
async def read_until_quiet(feed, idle):
    messages = []
    while (message := await feed.receive()) is not None:
        messages.append(message)
    return messages
""",
    },
    {
        "exercise": "cancellation.quiet-line",
        "label": "one limit for the whole call",
        "kind": "misconception",
        "verdict": "fail",
        "check": "keeps every message",
        "message": "a limit for the whole call is not that",
        "code": """
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
    },
    {
        "exercise": "cancellation.quiet-line",
        "label": "misconception: catches CancelledError as well as TimeoutError",
        "kind": "misconception",
        "verdict": "fail",
        "check": "stays cancelled",
        "message": "instead it returned ['tick 1', 'tick 2', 'tick 3']",
        "code": """
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
    },
    {
        "exercise": "cancellation.quiet-line",
        "label": "its own call_later(task.cancel), catching every CancelledError",
        "kind": "misconception",
        "verdict": "fail",
        "check": "stays cancelled",
        "message": "Catch only the timeout (TimeoutError)",
        "note": "cannot tell its own cancellation from one from outside (timeout() uses cancelling()/uncancel() for that)",
        "code": """
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
    },
    {
        "exercise": "cancellation.quiet-line",
        "label": "off by one: the first message is received and dropped",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "keeps every message",
        "message": "(missing: ['hello'])",
        "code": """
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
    },
    {
        "exercise": "cancellation.quiet-line",
        "label": "order and repeats lost: a set, sorted",
        "kind": "order lost",
        "verdict": "fail",
        "check": "keeps every message",
        "message": "in the order they arrived, repeats included",
        "code": """
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
    },
    {
        "exercise": "cancellation.quiet-line",
        "label": "leak: asyncio.wait with a timeout, the receive never cancelled",
        "kind": "leak",
        "verdict": "fail",
        "check": "nothing left waiting",
        "message": "a `feed.receive()` was still waiting",
        "note": "asyncio.wait cancels nothing on its timeout",
        "code": """
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
    },
    {
        "exercise": "cancellation.quiet-line",
        "label": "asyncio.wait, cancels the receive on a timeout but not on a cancel from outside",
        "kind": "leak",
        "verdict": "fail",
        "check": "stays cancelled",
        "message": "ended but left a `feed.receive()` waiting",
        "note": "asyncio.wait cancels nothing when the caller is cancelled either",
        "code": """
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
    },
    {
        "exercise": "cancellation.quiet-line",
        "label": "platform shortcut: a deadline from time.monotonic()",
        "kind": "platform shortcut",
        "verdict": "fail",
        "check": "gives up when the line is quiet",
        "message": "compute it from `loop.time()`",
        "note": "timeout_at takes loop.time() values; time.monotonic() matches CPython's default loop in real time, not every loop's clock (here the virtual clock)",
        "code": """
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
    },
    {
        "exercise": "cancellation.quiet-line",
        "label": "lets the TimeoutError out",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "gives up when the line is quiet",
        "message": "raised TimeoutError at 5.5 s",
        "code": """
async def read_until_quiet(feed, idle):
    messages = []
    while True:
        async with asyncio.timeout(idle):
            message = await feed.receive()
        if message is None:
            return messages
        messages.append(message)
""",
    },
    {
        "exercise": "cancellation.quiet-line",
        "label": "hard-coded: the visible example's messages",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "keeps every message",
        "message": "expected ['hello', 'ping', 'pong', 'ping']; got ['hello', 'are you there?', 'still here']",
        "code": """
async def read_until_quiet(feed, idle):
    await asyncio.sleep(9)
    return ["hello", "are you there?", "still here"]
""",
    },
    {
        "exercise": "cancellation.quiet-line",
        "label": "does not stop at None",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "keeps every message",
        "message": "called `feed.receive()` again after it had returned None",
        "code": """
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
    },
    {
        "exercise": "cancellation.quiet-line",
        "label": "off by one second: idle + 1",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "gives up when the line is quiet",
        "message": "after 6.5 s; it should give up 2.5 s after the last message, at 5.5 s",
        "code": """
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
    },
]
