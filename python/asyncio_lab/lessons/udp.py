"""Lesson 9, UDP with ``create_datagram_endpoint``: exercises and helpers.

The learner's protocols and coroutines run over real UDP sockets on 127.0.0.1 on
CPython and over :mod:`asyncio_lab.standins.datagram` on Pyodide.  The checks create
the other endpoints themselves (clients, or a server that loses datagrams on purpose),
watch what arrives where, and look at the learner's protocol only through the calls
asyncio makes on it; any correct way of writing it passes.
"""

from __future__ import annotations

import asyncio
from typing import Any, Mapping

from ..exercises import CheckFailed, Exercise, make_checks, register
from ..standins import datagram
from ._helpers import PerCheckRun, coroutine_function, loop_errors

LESSON = "udp"

__all__ = ["EchoServer", "try_ack_counter", "try_ask"]

#: How long a check waits for a datagram that should arrive at once.  A safety net for
#: code that never answers, never a measure of speed.
PATIENCE = 0.5

#: One run of the learner's class or function per ``%%check``, per scenario; the number
#: is how many checks look at each scenario (then the next ``%%check`` runs it again).
_RUNS = PerCheckRun({"ack": 3, "answers": 2, "loses two": 2, "never answers": 2})


def _describe_error(context: dict) -> str:
    exc = context.get("exception")
    message = context.get("message", "an error")
    if exc is None:
        return message
    return f"{message}: {type(exc).__name__}: {exc}" if str(exc) else f"{message}: {type(exc).__name__}"


# --------------------------------------------------------------------------- helpers

class _Inbox(asyncio.DatagramProtocol):
    """A client endpoint's protocol: replies and errors, in a queue."""

    def __init__(self):
        self.replies: asyncio.Queue = asyncio.Queue()
        self.errors: list[BaseException] = []

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.replies.put_nowait(data)

    def error_received(self, exc):
        self.errors.append(exc)

    async def next(self, timeout: float):
        try:
            return await asyncio.wait_for(self.replies.get(), timeout)
        except asyncio.TimeoutError:
            return None


class _EchoProtocol(asyncio.DatagramProtocol):
    def __init__(self, server: "EchoServer"):
        self.server = server

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.server.received.append(data)
        if len(self.server.received) > self.server.drop_first:
            self.transport.sendto(data.upper(), addr)


class EchoServer:
    """A UDP server on 127.0.0.1 that answers every datagram with the same bytes in capitals.

    ``drop_first=n`` pretends the network lost the first ``n`` datagrams (they are
    counted in ``received`` but get no answer); ``drop_first=None`` never answers.  Use it
    with ``async with``; ``address`` is its ``(host, port)``.
    """

    def __init__(self, drop_first: int | None = 0):
        self.drop_first = float("inf") if drop_first is None else drop_first
        self.received: list[bytes] = []
        self.address: tuple[str, int] | None = None
        self._transport = None

    async def __aenter__(self) -> "EchoServer":
        loop = asyncio.get_running_loop()
        self._transport, _ = await datagram.create_datagram_endpoint(
            loop, lambda: _EchoProtocol(self), local_addr=("127.0.0.1", 0)
        )
        self.address = tuple(self._transport.get_extra_info("sockname")[:2])
        return self

    async def __aexit__(self, *exc_info) -> None:
        self._transport.close()
        await asyncio.sleep(0)  # connection_lost runs on the next loop step


async def _client(address):
    loop = asyncio.get_running_loop()
    transport, inbox = await datagram.create_datagram_endpoint(loop, _Inbox, remote_addr=address)
    return transport, inbox


def _is_class(ns: Mapping[str, Any], name: str, signature: str):
    cls = ns.get(name)
    if cls is None:
        raise CheckFailed(f"expected a class `{signature}` in your notebook, but `{name}` is not defined")
    if not isinstance(cls, type):
        raise CheckFailed(f"expected `{name}` to be a class, but it is {type(cls).__name__}")
    return cls


# --------------------------------------------------------------------------- ack-counter

_STEPS = [("A", b"one"), ("B", b"two"), ("A", b"three"), ("B", b"bye")]


async def _run_ack_counter(cls) -> dict:
    loop = asyncio.get_running_loop()
    finished = loop.create_future()
    calls: list[tuple] = []
    outcome: dict[str, Any] = {"steps": [], "calls": calls}

    class Watched(cls):  # the learner's class, with asyncio's calls noted
        def connection_lost(self, exc):
            calls.append(("connection_lost", exc))
            super().connection_lost(exc)

    with loop_errors() as errors:
        server, _ = await datagram.create_datagram_endpoint(
            loop, lambda: Watched(finished), local_addr=("127.0.0.1", 0)
        )
        address = server.get_extra_info("sockname")
        clients = {name: await _client(address) for name in ("A", "B")}
        try:
            patience = PATIENCE
            for name, data in _STEPS:
                if data == b"bye":
                    outcome["closing_before_bye"] = server.is_closing()
                    outcome["finished_before_bye"] = finished.done()
                clients[name][0].sendto(data)
                reply = await clients[name][1].next(patience)
                if reply is None:
                    patience = 0.05  # it is not answering; do not wait long for the rest
                outcome["steps"].append((name, data, reply))
            for _ in range(20):  # connection_lost() comes a loop step after close()
                if calls or not server.is_closing():
                    break
                await asyncio.sleep(0.01)
            outcome["closing_after_bye"] = server.is_closing()
            outcome["lost"] = [exc for _method, exc in calls]
            outcome["late_reply"] = None
            if server.is_closing():
                # one more datagram: an endpoint that still answered would be open after all
                clients["A"][0].sendto(b"late")
                outcome["late_reply"] = await clients["A"][1].next(0.05)
        finally:
            for transport, _ in clients.values():
                transport.close()
            server.close()  # (if the protocol did not close it)
            for _ in range(20):
                if calls:
                    break
                await asyncio.sleep(0.01)
            await asyncio.sleep(0)
        if not finished.done():
            outcome["finished"] = ("pending", None)
        elif finished.cancelled():
            outcome["finished"] = ("cancelled", None)
        elif finished.exception() is not None:
            outcome["finished"] = ("exception", finished.exception())
        else:
            outcome["finished"] = ("result", finished.result())
    outcome["errors"] = list(errors)
    return outcome


async def try_ack_counter(protocol_class):
    """Two clients talk to your protocol; returns what they heard and how it ended."""
    outcome = await _run_ack_counter(protocol_class)
    for context in outcome["errors"]:
        print("the loop reported:", _describe_error(context))
    state, value = outcome["finished"]
    return {
        "replies": [f"{name} sent {data!r}, got {reply!r}" for name, data, reply in outcome["steps"]],
        "closed itself": outcome["closing_after_bye"],
        "finished": value if state == "result" else f"({state})",
    }


def _ack_class(ns):
    return _is_class(ns, "AckCounter", "class AckCounter(asyncio.DatagramProtocol)")


async def _ack_outcome(ns):
    cls = _ack_class(ns)
    return await _RUNS.get(cls, lambda: _run_ack_counter(cls), "ack")


async def _ack_replies(ns):
    outcome = await _ack_outcome(ns)
    for context in outcome["errors"]:
        exc = context.get("exception")
        if isinstance(exc, TypeError) and "address must be tuple" in str(exc):
            raise CheckFailed(
                "sending a reply failed with TypeError: this endpoint has no remote_addr, so "
                "every sendto() needs the address to send to"
            )
    for i, (name, data, reply) in enumerate(outcome["steps"], start=1):
        expected = b"ack %d" % i
        if reply != expected:
            heard = "nothing" if reply is None else repr(reply)
            raise CheckFailed(
                f"client {name} sent {data!r}, the endpoint's datagram number {i}, and expected "
                f"{expected!r} back; it heard {heard}"
            )
    return "each datagram was acknowledged to its sender, with the running count"


async def _ack_closes(ns):
    outcome = await _ack_outcome(ns)
    if outcome.get("closing_before_bye"):
        raise CheckFailed("the endpoint was already closing before any client said b'bye'")
    if not outcome["closing_after_bye"]:
        raise CheckFailed("a client sent b'bye', but the endpoint stayed open")
    if not outcome["lost"]:
        raise CheckFailed("the endpoint was closed, but connection_lost() was never called")
    if outcome["late_reply"] is not None:
        raise CheckFailed(f"after b'bye' the endpoint still answered a datagram with {outcome['late_reply']!r}")
    return "closed after b'bye'"


async def _ack_reports(ns):
    outcome = await _ack_outcome(ns)
    others = [c for c in outcome["errors"] if not (isinstance(c.get("exception"), TypeError))]
    if others:
        raise CheckFailed(f"the event loop reported: {_describe_error(others[0])}")
    if outcome.get("finished_before_bye"):
        raise CheckFailed("`finished` was already done before the endpoint closed")
    state, value = outcome["finished"]
    if state in ("pending", "cancelled"):
        raise CheckFailed(
            f"{len(_STEPS)} datagrams arrived, the endpoint closed and connection_lost() was called, "
            "but `finished` never got a result"
        )
    if state == "exception":
        raise CheckFailed(f"`finished` got an exception, {value!r}, instead of the count")
    if value != len(_STEPS):
        raise CheckFailed(f"expected `finished` to hold the count, {len(_STEPS)}; it holds {value!r}")
    return f"`finished` resolved to {value} once the endpoint had closed"


register(
    Exercise(
        id=f"{LESSON}.ack-counter",
        title="Count and acknowledge",
        checks=make_checks(
            ("acknowledges each datagram to its sender", _ack_replies),
            ("closes itself after b'bye'", _ack_closes),
            ("reports the count once closed", _ack_reports),
        ),
        hints=(
            "`datagram_received(data, addr)` tells you who sent the datagram: `addr`. An endpoint "
            "created with only `local_addr` has no default destination.",
            "`self.transport.sendto(b\"ack %d\" % self.count, addr)` answers the sender. For "
            "b'bye', answer first, then `self.transport.close()`.",
            "asyncio calls `connection_lost(exc)` once the transport has closed: that is the place "
            "for `self.finished.set_result(self.count)`.",
        ),
        starter=(
            "class AckCounter(asyncio.DatagramProtocol):\n"
            "    def __init__(self, finished):\n"
            "        self.finished = finished  # a Future: give it the count once the endpoint has closed\n"
            "        self.count = 0\n"
            "        self.transport = None\n"
            "\n"
            "    def connection_made(self, transport):\n"
            "        self.transport = transport\n"
            "\n"
            "    def datagram_received(self, data, addr):\n"
            "        self.count += 1\n"
            "        # 1. acknowledge: send b\"ack <count>\" back to whoever sent this datagram\n"
            "        # 2. if the datagram was b\"bye\": after acknowledging it, close the endpoint\n"
            "\n"
            "    def connection_lost(self, exc):\n"
            "        # 3. tell the owner how many datagrams arrived\n"
            "        pass\n"
        ),
        solution=(
            "class AckCounter(asyncio.DatagramProtocol):\n"
            "    def __init__(self, finished):\n"
            "        self.finished = finished  # a Future: give it the count once the endpoint has closed\n"
            "        self.count = 0\n"
            "        self.transport = None\n"
            "\n"
            "    def connection_made(self, transport):\n"
            "        self.transport = transport\n"
            "\n"
            "    def datagram_received(self, data, addr):\n"
            "        self.count += 1\n"
            "        self.transport.sendto(b\"ack %d\" % self.count, addr)\n"
            "        if data == b\"bye\":\n"
            "            self.transport.close()\n"
            "\n"
            "    def connection_lost(self, exc):\n"
            "        if not self.finished.done():\n"
            "            self.finished.set_result(self.count)\n"
        ),
    )
)


# --------------------------------------------------------------------------- ask

_TIMEOUT = 0.05
_ATTEMPTS = 3
_SCENARIOS = {"answers": 0, "loses two": 2, "never answers": None}


async def _run_ask(func, drop_first) -> dict:
    outcome: dict[str, Any] = {}
    budget = _TIMEOUT * _ATTEMPTS + 1.0  # a safety net for code that waits forever
    async with EchoServer(drop_first=drop_first) as server:
        with loop_errors() as errors, datagram.track() as endpoints:
            before = asyncio.all_tasks()
            try:
                async with asyncio.timeout(budget) as cm:
                    outcome["result"] = await func(server.address, b"ping", timeout=_TIMEOUT, attempts=_ATTEMPTS)
            except TimeoutError as exc:
                if cm.expired():
                    outcome["stuck"] = True
                else:
                    outcome["raised"] = exc
            except Exception as exc:
                outcome["raised"] = exc
            outcome["open"] = [t for t in endpoints if not t.is_closing()]
            leftovers = [t for t in asyncio.all_tasks() - before if t is not asyncio.current_task() and not t.done()]
            outcome["leftovers"] = len(leftovers)
            for transport in outcome["open"]:
                transport.close()
            for task in leftovers:
                task.cancel()
            if leftovers:
                await asyncio.wait(leftovers, timeout=PATIENCE)
            await asyncio.sleep(0)
        outcome["sent"] = len(server.received)
        outcome["endpoints"] = len(endpoints)
    outcome["errors"] = list(errors)
    return outcome


async def _ask_outcome(ns, scenario):
    func = coroutine_function(ns, "ask", "async def ask(server, question, *, timeout, attempts)")
    return await _RUNS.get(func, lambda: _run_ask(func, _SCENARIOS[scenario]), scenario)


def _ask_problem(outcome) -> str | None:
    if outcome.get("stuck"):
        return (
            f"`ask(..., timeout={_TIMEOUT}, attempts={_ATTEMPTS})` was still waiting long after its "
            f"{_ATTEMPTS} attempts should have timed out (the server got {outcome['sent']} datagram(s))"
        )
    if "raised" in outcome:
        exc = outcome["raised"]
        if isinstance(exc, NotImplementedError) and datagram.implementation() == datagram.STANDIN:
            return (
                "`ask` raised NotImplementedError: the event loop here has no sockets (in the browser, "
                "Pyodide's loop refuses `loop.create_datagram_endpoint`). Your approach is right on "
                "CPython; here use the lesson's `create_datagram_endpoint(loop, ...)` from "
                "`asyncio_lab.standins.datagram`, which on CPython is the loop's own call"
            )
        return f"`ask` raised {type(exc).__name__}{': ' + str(exc) if str(exc) else ''}"
    return None


async def _ask_answered(ns):
    outcome = await _ask_outcome(ns, "answers")
    problem = _ask_problem(outcome)
    if problem:
        raise CheckFailed(f"with a server that answers at once: {problem}")
    if outcome["result"] != b"PING":
        raise CheckFailed(f"asked b'ping' of a server that answers b'PING'; `ask` returned {outcome['result']!r}")
    if outcome["sent"] != 1:
        raise CheckFailed(
            f"the server answered the first datagram at once, yet it got {outcome['sent']}: ask again only "
            "when `timeout` has passed without an answer"
        )
    return "returned the server's answer"


async def _ask_retries(ns):
    outcome = await _ask_outcome(ns, "loses two")
    problem = _ask_problem(outcome)
    if problem:
        raise CheckFailed(f"the first two datagrams were lost: {problem}")
    if outcome["result"] != b"PING":
        raise CheckFailed(
            f"the first two datagrams were lost and the third was answered, b'PING'; `ask` returned "
            f"{outcome['result']!r} after sending {outcome['sent']} datagram(s)"
        )
    return f"asked again after each lost datagram ({outcome['sent']} sent)"


async def _ask_gives_up(ns):
    outcome = await _ask_outcome(ns, "never answers")
    problem = _ask_problem(outcome)
    if problem:
        raise CheckFailed(f"with a server that never answers: {problem}")
    if outcome["result"] is not None:
        raise CheckFailed(f"the server never answered, so `ask` should return None; it returned {outcome['result']!r}")
    if outcome["sent"] != _ATTEMPTS:
        raise CheckFailed(
            f"with attempts={_ATTEMPTS} the question should be sent {_ATTEMPTS} times in all; "
            f"the server got it {outcome['sent']} time(s)"
        )
    return f"gave up after {_ATTEMPTS} attempts and returned None"


async def _ask_cleans_up(ns):
    outcomes = {scenario: await _ask_outcome(ns, scenario) for scenario in _SCENARIOS}
    for scenario, outcome in outcomes.items():
        if outcome["endpoints"] == 0 and not outcome.get("stuck") and "raised" not in outcome:
            raise CheckFailed(
                "`ask` created no endpoint the check could see: create it with the lesson's "
                "`create_datagram_endpoint(loop, ...)` (or, on CPython, the loop's own "
                "`loop.create_datagram_endpoint(...)`)"
            )
        if outcome["open"]:
            raise CheckFailed(
                f"when the server {scenario}, `ask` returned with {len(outcome['open'])} endpoint(s) "
                "still open: close every endpoint you create, whatever happens"
            )
        if outcome["leftovers"]:
            raise CheckFailed(f"when the server {scenario}, `ask` left {outcome['leftovers']} task(s) running")
        if outcome["errors"]:
            raise CheckFailed(f"the event loop reported: {_describe_error(outcome['errors'][0])}")
    return "every endpoint was closed and nothing was left running"


async def try_ask(ask):
    """Ask the lesson's echo server; return the answer (and close anything ``ask`` left open)."""
    async with EchoServer() as server:
        with datagram.track() as endpoints:
            try:
                return await ask(server.address, b"ping")
            finally:
                still_open = [t for t in endpoints if not t.is_closing()]
                if still_open:
                    print(f"(ask left {len(still_open)} endpoint(s) open; closing them)")
                for transport in still_open:
                    transport.close()
                await asyncio.sleep(0)


register(
    Exercise(
        id=f"{LESSON}.ask",
        title="Ask again, but not forever",
        checks=make_checks(
            ("returns the answer", _ask_answered),
            ("asks again when a datagram is lost", _ask_retries),
            ("gives up after `attempts` tries", _ask_gives_up),
            ("closes its endpoint every time", _ask_cleans_up),
        ),
        hints=(
            "UDP does not resend anything: if the question or the answer is lost, "
            "`await catcher.replies.get()` waits forever. Wait at most `timeout` seconds each time.",
            "`async with asyncio.timeout(timeout):` (or `asyncio.wait_for(..., timeout)`) raises "
            "`TimeoutError` when the time is up: catch it and send the question again, "
            "`attempts` times in all; then return None.",
            "Put the sending and waiting in `try:` and `transport.close()` in `finally:`, so the "
            "endpoint is closed whether an answer came or not.",
        ),
        starter=(
            "from asyncio_lab.standins.datagram import create_datagram_endpoint\n"
            "\n"
            "\n"
            "class ReplyCatcher(asyncio.DatagramProtocol):\n"
            "    def __init__(self):\n"
            "        self.replies = asyncio.Queue()\n"
            "\n"
            "    def datagram_received(self, data, addr):\n"
            "        self.replies.put_nowait(data)\n"
            "\n"
            "\n"
            "async def ask(server, question, *, timeout=0.5, attempts=3):\n"
            "    loop = asyncio.get_running_loop()\n"
            "    transport, catcher = await create_datagram_endpoint(loop, ReplyCatcher, remote_addr=server)\n"
            "    transport.sendto(question)\n"
            "    return await catcher.replies.get()\n"
        ),
        solution=(
            "from asyncio_lab.standins.datagram import create_datagram_endpoint\n"
            "\n"
            "\n"
            "class ReplyCatcher(asyncio.DatagramProtocol):\n"
            "    def __init__(self):\n"
            "        self.replies = asyncio.Queue()\n"
            "\n"
            "    def datagram_received(self, data, addr):\n"
            "        self.replies.put_nowait(data)\n"
            "\n"
            "\n"
            "async def ask(server, question, *, timeout=0.5, attempts=3):\n"
            "    loop = asyncio.get_running_loop()\n"
            "    transport, catcher = await create_datagram_endpoint(loop, ReplyCatcher, remote_addr=server)\n"
            "    try:\n"
            "        for _ in range(attempts):\n"
            "            transport.sendto(question)\n"
            "            try:\n"
            "                async with asyncio.timeout(timeout):\n"
            "                    return await catcher.replies.get()\n"
            "            except TimeoutError:\n"
            "                pass  # lost on the way: ask again\n"
            "        return None\n"
            "    finally:\n"
            "        transport.close()\n"
        ),
    )
)
