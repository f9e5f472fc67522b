"""Lesson 7, low-level sockets (and why streams are usually better): exercises and helpers.

Both exercises are about streams, which run everywhere: on CPython over real TCP
sockets on 127.0.0.1, on Pyodide over :mod:`asyncio_lab.standins.streams` (asyncio's
own ``StreamReader``/``StreamWriter`` over an in-memory transport).  The checks own the
connections they hand to the learner's code, so they can see what happened on the
wire (what the other side received, whether the connection was closed) without
caring how the learner's code is written.  Every reply of the checks' servers comes
in pieces, so code that assumes one ``read()`` is one message is caught.
"""

from __future__ import annotations

import asyncio
from typing import Any

from ..exercises import CheckFailed, Exercise, make_checks, register
from ..standins import streams
from ._helpers import PerCheckRun, coroutine_function, loop_errors

LESSON = "low-level-sockets"

__all__ = ["ShoutingServer", "try_ask_all", "try_server"]

#: How long a check waits for something that should happen at once (a reply, an EOF).
#: A safety net for code that waits forever, never a measure of speed.
PATIENCE = 1.0

#: One run of the learner's code per ``%%check``, per scenario; the number is how many
#: checks look at each scenario (then the next ``%%check`` runs the code again).
_RUNS = PerCheckRun({"ask": 3, "chunks": 2, "one": 1})


def _describe_error(context: dict) -> str:
    exc = context.get("exception")
    if exc is None:
        return context.get("message", "an error")
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


# --------------------------------------------------------------------------- the lesson's server

class ShoutingServer:
    """A line server: replies to every line with the same line in capitals.

    Each reply is written in ``pieces`` parts with a short pause between them, as a
    slow network might deliver it.  Use it with ``async with``; ``address`` is its
    ``(host, port)`` and ``received`` the lines it got.  On leaving the block it closes
    every connection it still has, so nothing is left open.
    """

    def __init__(self, pieces: int = 2, pause: float = 0.01):
        self.pieces = max(1, pieces)
        self.pause = pause
        self.received: list[bytes] = []
        self.saw_eof = 0
        self._writers: list[asyncio.StreamWriter] = []
        self._tasks: list[asyncio.Task] = []
        self._server = None
        self.address: tuple[str, int] | None = None

    async def __aenter__(self) -> "ShoutingServer":
        self._server = await streams.start_server(self._handle, "127.0.0.1", 0)
        self.address = tuple(self._server.sockets[0].getsockname()[:2])
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self.aclose()

    def _split(self, reply: bytes) -> list[bytes]:
        size = max(1, -(-len(reply) // self.pieces))
        return [reply[i : i + size] for i in range(0, len(reply), size)]

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.append(writer)
        self._tasks.append(asyncio.current_task())
        try:
            while line := await reader.readline():
                self.received.append(line)
                for i, piece in enumerate(self._split(line.upper())):
                    if i:
                        await asyncio.sleep(self.pause)
                    writer.write(piece)
                    await writer.drain()
            self.saw_eof += 1
        except ConnectionError:
            pass
        finally:
            writer.close()
            try:
                await writer.wait_closed()
            except ConnectionError:
                pass

    async def aclose(self) -> None:
        if self._server is None:
            return
        server, self._server = self._server, None
        server.close()
        for writer in self._writers:
            writer.close()
        try:
            await asyncio.wait_for(server.wait_closed(), PATIENCE)
        except asyncio.TimeoutError:
            pass
        # (before 3.12 wait_closed() does not wait for the connections' handlers)
        running = [t for t in self._tasks if not t.done()]
        if running:
            await asyncio.wait(running, timeout=PATIENCE)


# --------------------------------------------------------------------------- watched connections

class _WatchedWriter(asyncio.StreamWriter):
    """A StreamWriter that notes whether what was written has been drained."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.undrained = False
        self.writes = 0

    def write(self, data):
        self.undrained = True
        self.writes += 1
        super().write(data)

    def writelines(self, data):
        self.undrained = True
        self.writes += 1
        super().writelines(data)

    async def drain(self):
        await super().drain()
        self.undrained = False


class _WatchedReader(asyncio.StreamReader):
    """A StreamReader that notes reads started while the writer had undrained data."""

    writer: _WatchedWriter | None = None
    undrained_reads = 0
    _reading = False

    async def _watch(self, read):
        if self._reading:  # readline() calls readuntil(): count the outer call only
            return await read()
        if self.writer is not None and self.writer.undrained:
            self.undrained_reads += 1
        self._reading = True
        try:
            return await read()
        finally:
            self._reading = False

    async def readline(self):
        return await self._watch(super().readline)

    async def readuntil(self, separator=b"\n"):
        return await self._watch(lambda: super(_WatchedReader, self).readuntil(separator))

    async def readexactly(self, n):
        return await self._watch(lambda: super(_WatchedReader, self).readexactly(n))

    async def read(self, n=-1):
        return await self._watch(lambda: super(_WatchedReader, self).read(n))


#: Loop steps the checks' connections take to finish closing, after the transport has closed.
#: A real close can take longer than one step (data still buffered, a TLS goodbye): code that
#: waits with ``wait_closed()`` is told when it is done; code that guesses (``sleep(0)``) is not.
_CLOSE_STEPS = 3


class _WatchedProtocol(asyncio.StreamReaderProtocol):
    lost = False

    def connection_lost(self, exc):
        loop = asyncio.get_running_loop()

        def finish(steps_left: int) -> None:
            if steps_left:
                loop.call_soon(finish, steps_left - 1)
                return
            self.lost = True
            super(_WatchedProtocol, self).connection_lost(exc)

        finish(_CLOSE_STEPS)


async def _watched_connection(address):
    """``open_connection`` built from its public parts, with instruments on each part."""
    loop = asyncio.get_running_loop()
    reader = _WatchedReader(loop=loop)
    protocol = _WatchedProtocol(reader, loop=loop)
    transport, _ = await streams.create_connection(loop, lambda: protocol, *address)
    writer = _WatchedWriter(transport, protocol, reader, loop)
    reader.writer = writer
    return reader, writer, protocol


async def _close(writer: asyncio.StreamWriter) -> None:
    writer.close()
    try:
        await asyncio.wait_for(writer.wait_closed(), PATIENCE)
    except (asyncio.TimeoutError, ConnectionError):
        pass


#: The lesson's import cell: the starters and solutions assume it (and so may the learner's code).
LESSON_SETUP = """\
import asyncio
import socket
from asyncio_lab.platform import IN_BROWSER
from asyncio_lab.standins import streams
from asyncio_lab.standins.streams import open_connection, start_server
from asyncio_lab.lessons.low_level_sockets import ShoutingServer, try_ask_all, try_server
"""


# --------------------------------------------------------------------------- ask-all

_QUESTIONS = ["good morning", "is this thing on", "a", "streams have no message boundaries"]


async def _run_ask_all(func, questions=tuple(_QUESTIONS), pieces=3):
    """Run ``func(reader, writer, questions)`` against a shouting server; return what happened."""
    async with ShoutingServer(pieces=pieces) as server:
        reader, writer, protocol = await _watched_connection(server.address)
        with loop_errors() as errors:
            try:
                # awaited in this task (not wrapped in another), so the state below is the
                # state at the very moment the learner's code returned
                async with asyncio.timeout(PATIENCE * 2):
                    answers = await func(reader, writer, list(questions))
            except TimeoutError:
                answers = TimeoutError
            finally:
                # looked at the moment the learner's code returned, before anything else runs
                state = {
                    "closing": writer.is_closing(),
                    "lost": protocol.lost,
                    "undrained_reads": reader.undrained_reads,
                    "writes": writer.writes,
                }
                await _close(writer)
    state.update(answers=answers, received=list(server.received), errors=errors)
    return state


async def try_ask_all(ask_all, questions):
    """Run your ``ask_all`` against the lesson's shouting server and return its answers."""
    async with ShoutingServer() as server:
        reader, writer = await streams.open_connection(*server.address)
        try:
            return await ask_all(reader, writer, list(questions))
        finally:
            if not writer.is_closing():
                print("(ask_all left the connection open; closing it)")
            await _close(writer)


async def _ask_answers(ns):
    func = coroutine_function(ns, "ask_all", "async def ask_all(reader, writer, questions)")
    result = await _RUNS.get(func, lambda: _run_ask_all(func), "ask")
    answers = result["answers"]
    expected = [q.upper() for q in _QUESTIONS]
    if answers is TimeoutError:
        raise CheckFailed(
            f"asked {len(_QUESTIONS)} questions, but `ask_all` was still waiting after the server had "
            f"answered them all (the server received {len(result['received'])} lines): is it waiting "
            "for more data than the server sends?"
        )
    if not isinstance(answers, list):
        raise CheckFailed(f"expected a list of answers (strings), got {type(answers).__name__}")
    if answers and all(isinstance(a, (bytes, bytearray)) for a in answers):
        raise CheckFailed(f"expected the answers as strings, got bytes: {answers[:2]!r}...")
    if answers != expected:
        raise CheckFailed(
            f"asked {_QUESTIONS!r}; expected one answer per question, {expected!r}, "
            f"got {answers!r}. The server sends each answer in several pieces."
        )
    return f"{len(expected)} answers, one per question, each a whole line"


async def _ask_drains(ns):
    func = coroutine_function(ns, "ask_all", "async def ask_all(reader, writer, questions)")
    result = await _RUNS.get(func, lambda: _run_ask_all(func), "ask")
    if result["writes"] == 0:
        raise CheckFailed("expected the questions to be written with the writer, but nothing was written")
    if result["undrained_reads"]:
        raise CheckFailed(
            f"{result['undrained_reads']} time(s) your code waited for an answer while its question could "
            "still be sitting in the writer's buffer: let the writer flush (and apply backpressure) "
            "after writing"
        )
    return "every question was flushed before waiting for its answer"


async def _ask_closes(ns):
    func = coroutine_function(ns, "ask_all", "async def ask_all(reader, writer, questions)")
    result = await _RUNS.get(func, lambda: _run_ask_all(func), "ask")
    if result["errors"]:
        raise CheckFailed(f"the event loop reported an error: {_describe_error(result['errors'][0])}")
    if not result["closing"]:
        raise CheckFailed("expected the connection to be closed when `ask_all` returns, but it was still open")
    if not result["lost"]:
        raise CheckFailed(
            "the connection was closing but not yet closed when `ask_all` returned: "
            "wait until it has really closed before returning"
        )
    return "the connection was closed, and had finished closing, when ask_all returned"


register(
    Exercise(
        setup=LESSON_SETUP,
        id=f"{LESSON}.ask-all",
        title="Ask line by line",
        checks=make_checks(
            ("one whole answer per question", _ask_answers),
            ("flushes before waiting", _ask_drains),
            ("closes and waits until closed", _ask_closes),
        ),
        hints=(
            "TCP delivers a stream of bytes, not messages: one `read(100)` returns whatever has "
            "arrived so far, maybe half an answer. The server ends every answer with a newline.",
            "`await reader.readline()` waits for a whole line (up to and including b'\\n'). "
            "Decode it and strip the newline. After `writer.write(...)`, `await writer.drain()`.",
            "When all questions are answered: `writer.close()`, then `await writer.wait_closed()`, "
            "so the connection is really closed before you return.",
        ),
        starter=(
            "async def ask_all(reader, writer, questions):\n"
            "    answers = []\n"
            "    for question in questions:\n"
            "        writer.write(question.encode() + b\"\\n\")\n"
            "        data = await reader.read(100)\n"
            "        answers.append(data.decode().strip())\n"
            "    return answers\n"
        ),
        solution=(
            "async def ask_all(reader, writer, questions):\n"
            "    answers = []\n"
            "    try:\n"
            "        for question in questions:\n"
            "            writer.write(question.encode() + b\"\\n\")\n"
            "            await writer.drain()\n"
            "            line = await reader.readline()\n"
            "            answers.append(line.decode().rstrip(\"\\n\"))\n"
            "    finally:\n"
            "        writer.close()\n"
            "        await writer.wait_closed()\n"
            "    return answers\n"
        ),
    )
)


# --------------------------------------------------------------------------- line-server

#: What the checks' client sends, in these chunks: lines split and joined at odd places, and an
#: empty line (which is not the end of the conversation: only the client hanging up is).
_CHUNKS = [b"first li", b"ne\nsecond\n\nthi", b"rd line\n", b"x\n"]
_LINES = [b"first line\n", b"second\n", b"\n", b"third line\n", b"x\n"]


async def _run_server(handler, chunks=_CHUNKS, expect=len(_LINES), hang_up=True):
    """Serve ``handler``; a client sends ``chunks``, reads ``expect`` reply lines, then hangs up."""
    finished: list[str] = []
    writers: list[asyncio.StreamWriter] = []
    handlers: list[asyncio.Task] = []

    async def watched(reader, writer):
        writers.append(writer)
        handlers.append(asyncio.current_task())
        try:
            await handler(reader, writer)
        except BaseException as exc:
            finished.append(f"raised {type(exc).__name__}: {exc}")
            raise
        else:
            finished.append("returned")
            # looked at the moment the handler returned: did it close its connection?
            outcome["closed_by_handler"].append(writer.is_closing())

    outcome: dict[str, Any] = {"replies": [], "eof": False, "finished": finished, "errors": [], "closed_by_handler": []}
    with loop_errors() as errors:
        server = await streams.start_server(watched, "127.0.0.1", 0)
        try:
            reader, writer = await streams.open_connection(*server.sockets[0].getsockname()[:2])
            try:
                try:
                    for chunk in chunks:
                        writer.write(chunk)
                        await writer.drain()
                        await asyncio.sleep(0.005)
                except ConnectionError:
                    outcome["reset"] = True  # the handler hung up before the client was done
                for _ in range(expect):
                    try:
                        line = await asyncio.wait_for(reader.readline(), PATIENCE)
                    except (asyncio.TimeoutError, ConnectionError):
                        break
                    if not line:
                        break
                    outcome["replies"].append(line)
                if len(outcome["replies"]) < expect:
                    try:  # a reply without its newline, if any
                        outcome["partial"] = await asyncio.wait_for(reader.read(4096), 0.05)
                    except (asyncio.TimeoutError, ConnectionError):
                        pass
                if hang_up and not outcome.get("reset"):
                    writer.write_eof()  # "I have nothing more to say"
                    try:
                        rest = await asyncio.wait_for(reader.read(), PATIENCE)
                        outcome["eof"] = True
                        outcome["after"] = rest
                    except asyncio.TimeoutError:
                        pass
                    except ConnectionError:
                        outcome["eof"] = True
                    for _ in range(20):  # let the handler finish its last steps
                        if finished:
                            break
                        await asyncio.sleep(0.01)
            finally:
                await _close(writer)
        finally:
            for w in writers:
                w.close()
            server.close()
            try:
                await asyncio.wait_for(server.wait_closed(), PATIENCE)
            except asyncio.TimeoutError:
                pass
            await asyncio.sleep(0)
            stuck = [t for t in handlers if not t.done()]
            for task in stuck:
                task.cancel()
            if stuck:
                await asyncio.wait(stuck, timeout=PATIENCE)
            outcome["stuck"] = len(stuck)
    outcome["errors"] = [e for e in errors if not isinstance(e.get("exception"), asyncio.CancelledError)]
    return outcome


async def try_server(handler, lines):
    """Serve your ``handler``, send it ``lines`` (strings), hang up; return the replies it sent."""
    chunks = [line.encode() + b"\n" for line in lines]
    outcome = await _run_server(handler, chunks=chunks, expect=len(chunks))
    for context in outcome["errors"]:
        print("the loop reported:", _describe_error(context))
    if not outcome["eof"]:
        print("(the handler did not close the connection after the client hung up)")
    return [r.decode() for r in outcome["replies"]]


def _handler(ns):
    return coroutine_function(ns, "shout", "async def shout(reader, writer)")


async def _server_replies(ns):
    handler = _handler(ns)
    outcome = await _RUNS.get(handler, lambda: _run_server(handler), "chunks")
    expected = [line.upper() for line in _LINES]
    replies = outcome["replies"]
    if outcome["errors"] and not replies:
        raise CheckFailed(f"your handler failed: {_describe_error(outcome['errors'][0])}")
    if replies != expected:
        raise CheckFailed(
            f"the client sent the lines {[l.decode() for l in _LINES]!r} in chunks that split and join "
            f"lines ({_CHUNKS!r}); expected each line back in capitals, {[e.decode() for e in expected]!r}, "
            f"got {[r.decode(errors='replace') for r in replies]!r}"
            + (f" and then {outcome['partial']!r} without a newline" if outcome.get("partial") else "")
        )
    return f"answered all {len(expected)} lines, whatever the chunks"


async def _server_hangs_up(ns):
    handler = _handler(ns)
    outcome = await _RUNS.get(handler, lambda: _run_server(handler), "chunks")
    if outcome.get("reset"):
        raise CheckFailed(
            "your handler closed the connection while the client was still sending lines: "
            "keep going until the client has nothing more to send"
        )
    if not outcome["eof"]:
        raise CheckFailed(
            "the client said it had nothing more to send (end of file), but your handler never "
            "closed the connection: the client was left waiting"
        )
    if not outcome["finished"]:
        raise CheckFailed("the connection was closed, but your handler was still running afterwards")
    if outcome["finished"][0] != "returned":
        raise CheckFailed(f"your handler {outcome['finished'][0]}")
    if outcome["closed_by_handler"] and not outcome["closed_by_handler"][0]:
        raise CheckFailed(
            "your handler returned without closing its connection (`write_eof()` only ends the sending "
            "half; the connection stays open until someone closes it): `writer.close()` and "
            "`await writer.wait_closed()` before returning"
        )
    return "closed the connection and returned once the client was done"


async def _server_no_errors(ns):
    handler = _handler(ns)
    outcome = await _RUNS.get(handler, lambda: _run_server(handler, chunks=[b"only one\n"], expect=1), "one")
    if outcome["errors"]:
        raise CheckFailed(f"the event loop reported: {_describe_error(outcome['errors'][0])}")
    if outcome["replies"] != [b"ONLY ONE\n"]:
        raise CheckFailed(
            f"a client sent one line, b'only one\\n', and expected b'ONLY ONE\\n' back; got {outcome['replies']!r}"
        )
    if not outcome["eof"] or outcome["finished"] != ["returned"]:
        raise CheckFailed("with a single line too, the handler should answer, close and return")
    return "a one-line conversation ends cleanly too"


register(
    Exercise(
        setup=LESSON_SETUP,
        id=f"{LESSON}.line-server",
        title="Serve until the client hangs up",
        checks=make_checks(
            ("answers every line", _server_replies),
            ("closes when the client is done", _server_hangs_up),
            ("a short conversation ends cleanly", _server_no_errors),
        ),
        hints=(
            "Handle the connection in a loop: one line in, one line out, until the client has "
            "nothing more to send. A single `read(100)` may hold half a line, or two.",
            "`await reader.readline()` returns b'' at end of file: that is the signal to stop. "
            "`async for line in reader:` does the same loop for you.",
            "After the loop, `writer.close()` and `await writer.wait_closed()`; write each reply "
            "with `writer.write(line.upper())` followed by `await writer.drain()`.",
        ),
        starter=(
            "async def shout(reader, writer):\n"
            "    data = await reader.read(100)\n"
            "    writer.write(data.upper())\n"
            "    await writer.drain()\n"
        ),
        solution=(
            "async def shout(reader, writer):\n"
            "    try:\n"
            "        while line := await reader.readline():\n"
            "            writer.write(line.upper())\n"
            "            await writer.drain()\n"
            "    finally:\n"
            "        writer.close()\n"
            "        await writer.wait_closed()\n"
        ),
    )
)
