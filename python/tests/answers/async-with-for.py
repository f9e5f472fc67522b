"""Answer set of lesson 20 (async-with-for); the format is described in ../test_answers.py."""

ANSWERS = [
    # ------------------------------------------------------------------ connection: correct
    {
        "exercise": "async-with-for.connection",
        "label": "the lesson's route: asynccontextmanager, yield in try/finally",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
@contextlib.asynccontextmanager
async def connected(name):
    conn = await open_connection(name)
    try:
        yield conn
    finally:
        await conn.close()
""",
    },
    {
        "exercise": "async-with-for.connection",
        "label": "a class with __aenter__ and __aexit__",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
class connected:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        self.conn = await open_connection(self.name)
        return self.conn

    async def __aexit__(self, exc_type, exc, tb):
        await self.conn.close()
""",
    },
    {
        "exercise": "async-with-for.connection",
        "label": "an AsyncExitStack with push_async_callback",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
@contextlib.asynccontextmanager
async def connected(name):
    async with contextlib.AsyncExitStack() as stack:
        conn = await open_connection(name)
        stack.push_async_callback(conn.close)
        yield conn
""",
    },
    {
        "exercise": "async-with-for.connection",
        "label": "except BaseException: close and re-raise, else close",
        "kind": "other style",
        "verdict": "pass",
        "code": """
@contextlib.asynccontextmanager
async def connected(name):
    conn = await open_connection(name)
    try:
        yield conn
    except BaseException:
        await conn.close()
        raise
    else:
        await conn.close()
""",
    },
    {
        "exercise": "async-with-for.connection",
        "label": "a subclass of AbstractAsyncContextManager returning False",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
class connected(contextlib.AbstractAsyncContextManager):
    def __init__(self, name):
        self.name = name
        self.conn = None

    async def __aenter__(self):
        self.conn = await open_connection(self.name)
        return self.conn

    async def __aexit__(self, *exc_info):
        if self.conn is not None:
            await self.conn.close()
        return False
""",
    },
    {
        "exercise": "async-with-for.connection",
        "label": "a plain function returning an instance of a context-manager class",
        "kind": "other style",
        "verdict": "pass",
        "code": """
class _Conn:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        self.c = await open_connection(self.name)
        return self.c

    async def __aexit__(self, et, e, tb):
        try:
            await self.c.close()
        finally:
            del self.c

def connected(name):
    return _Conn(name)
""",
    },
    # ------------------------------------------------------------------ connection: wrong
    {
        "exercise": "async-with-for.connection",
        "label": "the starter: close after a bare yield",
        "kind": "misconception",
        "verdict": "fail",
        "check": "closed when the block raises",
        "message": "still open after the block raised ValueError",
        "code": """
@contextlib.asynccontextmanager
async def connected(name):
    conn = await open_connection(name)
    yield conn
    await conn.close()
""",
    },
    {
        "exercise": "async-with-for.connection",
        "label": "except Exception misses CancelledError",
        "kind": "misconception",
        "verdict": "fail",
        "check": "closed on cancellation",
        "message": "still open after the task was cancelled",
        "code": """
@contextlib.asynccontextmanager
async def connected(name):
    conn = await open_connection(name)
    try:
        yield conn
    except Exception:
        await conn.close()
        raise
    else:
        await conn.close()
""",
    },
    {
        "exercise": "async-with-for.connection",
        "label": "__aexit__ returns True and swallows the error",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "closed when the block raises",
        "message": "the ValueError was swallowed",
        "code": """
class connected:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        self.conn = await open_connection(self.name)
        return self.conn

    async def __aexit__(self, exc_type, exc, tb):
        await self.conn.close()
        return True
""",
    },
    {
        "exercise": "async-with-for.connection",
        "label": "close() called without await",
        "kind": "misconception",
        "verdict": "fail",
        "check": "closed after the block",
        "message": "never awaited",
        "code": """
@contextlib.asynccontextmanager
async def connected(name):
    conn = await open_connection(name)
    try:
        yield conn
    finally:
        conn.close()
""",
    },
    {
        "exercise": "async-with-for.connection",
        "label": "open_connection not awaited",
        "kind": "misconception",
        "verdict": "fail",
        "check": "gives an open connection",
        "message": "was not awaited",
        "code": """
@contextlib.asynccontextmanager
async def connected(name):
    conn = open_connection(name)
    try:
        yield conn
    finally:
        pass
""",
    },
    {
        "exercise": "async-with-for.connection",
        "label": "a synchronous context manager (__enter__/__exit__)",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "gives an open connection",
        "message": "async def __aenter__",
        "code": """
class connected:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False
""",
    },
    {
        "exercise": "async-with-for.connection",
        "label": "__aenter__ returns nothing",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "gives an open connection",
        "message": "gave conn = None",
        "code": """
class connected:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        self.conn = await open_connection(self.name)

    async def __aexit__(self, *exc):
        await self.conn.close()
""",
    },
    {
        "exercise": "async-with-for.connection",
        "label": "always connects to the same database",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "gives an open connection",
        "message": "connect to the name it is given",
        "code": """
@contextlib.asynccontextmanager
async def connected(name):
    conn = await open_connection("db-1")
    try:
        yield conn
    finally:
        await conn.close()
""",
    },
    {
        "exercise": "async-with-for.connection",
        "label": "catches CancelledError, closes, does not re-raise",
        "kind": "misconception",
        "verdict": "fail",
        "check": "closed on cancellation",
        "message": "the CancelledError was swallowed",
        "code": """
@contextlib.asynccontextmanager
async def connected(name):
    conn = await open_connection(name)
    try:
        yield conn
    except asyncio.CancelledError:
        await conn.close()
    else:
        await conn.close()
    finally:
        if conn.open:
            await conn.close()
""",
    },
    {
        "exercise": "async-with-for.connection",
        "label": "closes only when the block raised",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "closed after the block",
        "message": "still open after the `async with` block ended",
        "code": """
class connected:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        self.conn = await open_connection(self.name)
        return self.conn

    async def __aexit__(self, exc_type, exc, tb):
        if exc_type is not None:
            await self.conn.close()
""",
    },
    {
        "exercise": "async-with-for.connection",
        "label": "opens a second connection in __aexit__ and closes that one",
        "kind": "leak",
        "verdict": "fail",
        "check": "closed after the block",
        "message": "still open",
        "code": """
class connected:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        return await open_connection(self.name)

    async def __aexit__(self, *exc):
        conn = await open_connection(self.name)
        await conn.close()
""",
    },
    # ------------------------------------------------------------------ lines: correct
    {
        "exercise": "async-with-for.lines",
        "label": "the lesson's route: a buffer, split on newline, try/finally",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
async def lines(feed):
    buffer = ''
    try:
        while chunk := await feed.read():
            buffer += chunk
            while '\\n' in buffer:
                line, buffer = buffer.split('\\n', 1)
                yield line
        if buffer:
            yield buffer
    finally:
        await feed.close()
""",
    },
    {
        "exercise": "async-with-for.lines",
        "label": "partition in a while True loop",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def lines(feed):
    rest = ""
    try:
        while True:
            chunk = await feed.read()
            if not chunk:
                break
            rest += chunk
            line, sep, tail = rest.partition("\\n")
            while sep:
                yield line
                rest = tail
                line, sep, tail = rest.partition("\\n")
        if rest:
            yield rest
    finally:
        await feed.close()
""",
    },
    {
        "exercise": "async-with-for.lines",
        "label": "an async iterator class with __anext__ and aclose",
        "kind": "other style",
        "verdict": "pass",
        "code": """
class lines:
    def __init__(self, feed):
        self.feed = feed
        self.buffer = ""
        self.done = False
        self.closed = False

    def __aiter__(self):
        return self

    async def __anext__(self):
        while "\\n" not in self.buffer and not self.done:
            chunk = await self.feed.read()
            if chunk:
                self.buffer += chunk
            else:
                self.done = True
        if "\\n" in self.buffer:
            line, self.buffer = self.buffer.split("\\n", 1)
            return line
        if self.buffer:
            line, self.buffer = self.buffer, ""
            return line
        await self.aclose()
        raise StopAsyncIteration

    async def aclose(self):
        if not self.closed:
            self.closed = True
            await self.feed.close()
""",
    },
    {
        "exercise": "async-with-for.lines",
        "label": "splitlines(keepends=True), keeping the unfinished tail",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def lines(feed):
    pending = ""
    try:
        while chunk := await feed.read():
            parts = (pending + chunk).splitlines(keepends=True)
            pending = ""
            for part in parts:
                if part.endswith("\\n"):
                    yield part[:-1]
                else:
                    pending = part
        if pending:
            yield pending
    finally:
        await feed.close()
""",
    },
    {
        "exercise": "async-with-for.lines",
        "label": "an inner async generator inside an AsyncExitStack",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
async def lines(feed):
    async with contextlib.AsyncExitStack() as stack:
        stack.push_async_callback(feed.close)
        buf = []
        while chunk := await feed.read():
            *complete, last = chunk.split("\\n")
            for piece in complete:
                buf.append(piece)
                yield "".join(buf)
                buf = []
            buf.append(last)
        if "".join(buf):
            yield "".join(buf)
""",
    },
    {
        "exercise": "async-with-for.lines",
        "label": "except GeneratorExit closes early, the end closes too",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def lines(feed):
    buffer = ""
    try:
        while chunk := await feed.read():
            buffer += chunk
            while "\\n" in buffer:
                line, buffer = buffer.split("\\n", 1)
                yield line
        if buffer:
            yield buffer
    except GeneratorExit:
        await feed.close()
        raise
    await feed.close()
""",
    },
    {
        "exercise": "async-with-for.lines",
        "label": "an inner async generator of chunks, closed with aclosing",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
async def chunks(feed):
    while chunk := await feed.read():
        yield chunk

async def lines(feed):
    buffer = ""
    try:
        async with contextlib.aclosing(chunks(feed)) as pieces:
            async for chunk in pieces:
                buffer += chunk
                *done, buffer = buffer.split("\\n")
                for line in done:
                    yield line
        if buffer:
            yield buffer
    finally:
        await feed.close()
""",
    },
    {
        "exercise": "async-with-for.lines",
        "label": "an inner async generator of chunks, left to the loop's hooks",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def chunks(feed):
    while chunk := await feed.read():
        yield chunk

async def lines(feed):
    buffer = ""
    try:
        async for chunk in chunks(feed):
            buffer += chunk
            while (i := buffer.find("\\n")) >= 0:
                yield buffer[:i]
                buffer = buffer[i + 1:]
        if buffer:
            yield buffer
    finally:
        await feed.close()
""",
    },
    # ------------------------------------------------------------------ lines: wrong
    {
        "exercise": "async-with-for.lines",
        "label": "yields the lines of a chunk only after the next read",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "each line as it arrives",
        "message": "'alpha' was complete after 1 s, but the consumer got it at 2 s",
        "code": """
async def lines(feed):
    buffer = ""
    ready = []
    try:
        while chunk := await feed.read():
            for line in ready:
                yield line
            buffer += chunk
            *ready, buffer = buffer.split("\\n")
        for line in ready:
            yield line
        if buffer:
            yield buffer
    finally:
        await feed.close()
""",
    },
    {
        "exercise": "async-with-for.lines",
        "label": "the starter: reads everything first, no finally",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "each line as it arrives",
        "message": "not after reading everything",
        "code": """
async def lines(feed):
    text = ''
    while chunk := await feed.read():
        text += chunk
    for line in text.splitlines():
        yield line
    await feed.close()
""",
    },
    {
        "exercise": "async-with-for.lines",
        "label": "lines as they arrive, but close only at the end",
        "kind": "leak",
        "verdict": "fail",
        "check": "closed when the consumer stops early",
        "message": "the feed was still open",
        "code": """
async def lines(feed):
    buffer = ''
    while chunk := await feed.read():
        buffer += chunk
        while '\\n' in buffer:
            line, buffer = buffer.split('\\n', 1)
            yield line
    if buffer:
        yield buffer
    await feed.close()
""",
    },
    {
        "exercise": "async-with-for.lines",
        "label": "except Exception does not see GeneratorExit",
        "kind": "misconception",
        "verdict": "fail",
        "check": "closed when the consumer stops early",
        "message": "GeneratorExit is not an Exception",
        "code": """
async def lines(feed):
    buffer = ''
    try:
        while chunk := await feed.read():
            buffer += chunk
            while '\\n' in buffer:
                line, buffer = buffer.split('\\n', 1)
                yield line
        if buffer:
            yield buffer
    except Exception:
        await feed.close()
        raise
    await feed.close()
""",
    },
    {
        "exercise": "async-with-for.lines",
        "label": "yields the chunks, not lines",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "every line, in order",
        "message": "expected the lines",
        "code": """
async def lines(feed):
    try:
        while chunk := await feed.read():
            yield chunk
    finally:
        await feed.close()
""",
    },
    {
        "exercise": "async-with-for.lines",
        "label": "drops the last line without a newline",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "every line, in order",
        "message": "the last line has no newline after it",
        "code": """
async def lines(feed):
    buffer = ''
    try:
        while chunk := await feed.read():
            buffer += chunk
            while '\\n' in buffer:
                line, buffer = buffer.split('\\n', 1)
                yield line
    finally:
        await feed.close()
""",
    },
    {
        "exercise": "async-with-for.lines",
        "label": "splits each chunk on its own, breaking lines across chunks",
        "kind": "order lost",
        "verdict": "fail",
        "check": "every line, in order",
        "message": "expected the lines",
        "code": """
async def lines(feed):
    try:
        while chunk := await feed.read():
            for line in chunk.splitlines():
                yield line
    finally:
        await feed.close()
""",
    },
    {
        "exercise": "async-with-for.lines",
        "label": "a coroutine returning a list",
        "kind": "misconception",
        "verdict": "fail",
        "check": "every line, in order",
        "message": "a coroutine, not an async iterator",
        "code": """
async def lines(feed):
    text = ''
    while chunk := await feed.read():
        text += chunk
    await feed.close()
    return text.splitlines()
""",
    },
    {
        "exercise": "async-with-for.lines",
        "label": "yields again in finally",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "closed when the consumer stops early",
        "message": "must not yield again",
        "code": """
async def lines(feed):
    buffer = ''
    try:
        while chunk := await feed.read():
            buffer += chunk
            while '\\n' in buffer:
                line, buffer = buffer.split('\\n', 1)
                yield line
        if buffer:
            yield buffer
    finally:
        await feed.close()
        yield "(end)"
""",
    },
    {
        "exercise": "async-with-for.lines",
        "label": "close() without await in finally",
        "kind": "misconception",
        "verdict": "fail",
        "check": "closed at the end",
        "message": "never awaited",
        "code": """
async def lines(feed):
    buffer = ''
    try:
        while chunk := await feed.read():
            buffer += chunk
            while '\\n' in buffer:
                line, buffer = buffer.split('\\n', 1)
                yield line
        if buffer:
            yield buffer
    finally:
        feed.close()
""",
    },
    {
        "exercise": "async-with-for.lines",
        "label": "hard-coded lines of the check",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "each line as it arrives",
        "message": "the consumer got it at",
        "code": """
async def lines(feed):
    try:
        for _ in range(5):
            await feed.read()
        for line in ["alpha", "beta", "gamma", "delta", "omega"]:
            yield line
    finally:
        await feed.close()
""",
    },
]
