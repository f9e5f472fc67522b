"""Lesson 9 (UDP): the checks accept every correct approach and explain wrong ones.

Every case runs twice: over real UDP sockets on 127.0.0.1 and over the in-memory stand-in
that the browser uses, and must give the same verdict on both.
"""

from __future__ import annotations

import asyncio
import gc
import warnings

import pytest

from lessonkit import read_notebook
from asyncio_lab import exercises
from asyncio_lab.lessons import udp
from asyncio_lab.standins._loopback import REAL, STANDIN, use

LESSON = "udp"
KINDS = [REAL, STANDIN]


@pytest.fixture(autouse=True)
def nothing_logged_by_asyncio(caplog):
    """asyncio logs what the loop's default exception handler gets: in a notebook, stderr."""
    caplog.set_level("WARNING", logger="asyncio")
    yield
    logged = [r.getMessage() for r in caplog.records if r.name == "asyncio"]
    assert not logged, logged


def _namespace(source: str) -> dict:
    ns = {"asyncio": asyncio, "__name__": "__main__"}
    exec("from asyncio_lab.standins.datagram import create_datagram_endpoint\n" + source, ns)
    return ns


def _check(ex_id: str, source: str, kind: str) -> exercises.CheckResult:
    with use(kind), warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing may leak a warning (it would reach stderr)
        result = exercises.run_checks_sync(f"{LESSON}.{ex_id}", _namespace(source))
        gc.collect()  # an unclosed transport would warn here
    return result


def _failed(result) -> dict[str, str]:
    return {c.name: c.message for c in result.checks if not c.passed}


ACK_HEAD = exercises.get(f"{LESSON}.ack-counter").starter.split("    def datagram_received")[0]
CATCHER = exercises.get(f"{LESSON}.ask").starter.split("async def ask")[0]

ALTERNATIVES = {
    "ack-counter": {
        "reference": exercises.get(f"{LESSON}.ack-counter").solution,
        "fstring-call-soon-close": ACK_HEAD
        + """    def datagram_received(self, data, addr):
        self.count += 1
        self.transport.sendto(f"ack {self.count}".encode(), addr)
        if data == b"bye":
            asyncio.get_running_loop().call_soon(self.transport.close)

    def connection_lost(self, exc):
        self.finished.set_result(self.count)
""",
        "result-when-closing": ACK_HEAD
        + """    def datagram_received(self, data, addr):
        self.count += 1
        self.transport.sendto(b"ack " + str(self.count).encode(), addr)
        if data == b"bye":
            self.transport.close()
            self.finished.set_result(self.count)
""",
        "duck-typed-abort": """
class AckCounter:
    def __init__(self, finished):
        self.finished, self.count = finished, 0

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.count += 1
        self.transport.sendto(b"ack %d" % self.count, addr)
        if data.strip() == b"bye":
            self.transport.abort()

    def error_received(self, exc):
        pass

    def connection_lost(self, exc):
        if not self.finished.done():
            self.finished.set_result(self.count)
""",
    },
    "ask": {
        "reference": exercises.get(f"{LESSON}.ask").solution,
        "wait-for": CATCHER
        + """async def ask(server, question, *, timeout=0.5, attempts=3):
    loop = asyncio.get_running_loop()
    transport, catcher = await create_datagram_endpoint(loop, ReplyCatcher, remote_addr=server)
    try:
        for attempt in range(attempts):
            transport.sendto(question)
            try:
                return await asyncio.wait_for(catcher.replies.get(), timeout)
            except asyncio.TimeoutError:
                continue
    finally:
        transport.close()
""",
        "endpoint-per-attempt-future": """
class OneReply(asyncio.DatagramProtocol):
    def __init__(self):
        self.reply = asyncio.get_running_loop().create_future()

    def datagram_received(self, data, addr):
        if not self.reply.done():
            self.reply.set_result(data)


async def ask(server, question, *, timeout=0.5, attempts=3):
    loop = asyncio.get_running_loop()
    for _ in range(attempts):
        transport, proto = await create_datagram_endpoint(loop, OneReply, remote_addr=server)
        try:
            transport.sendto(question)
            done, _ = await asyncio.wait({proto.reply}, timeout=timeout)
            if done:
                return proto.reply.result()
        finally:
            transport.close()
    return None
""",
        "task-and-cancel": CATCHER
        + """async def ask(server, question, *, timeout=0.5, attempts=3):
    loop = asyncio.get_running_loop()
    transport, catcher = await create_datagram_endpoint(loop, ReplyCatcher, remote_addr=server)
    try:
        for _ in range(attempts):
            transport.sendto(question)
            getter = asyncio.create_task(catcher.replies.get())
            done, pending = await asyncio.wait({getter}, timeout=timeout)
            if done:
                return getter.result()
            getter.cancel()
            await asyncio.gather(getter, return_exceptions=True)
        return None
    finally:
        transport.close()
""",
    },
}

WRONG = {
    "ack-counter": {
        # (source, the check that must fail, words its message must contain)
        "no address": (ACK_HEAD + """    def datagram_received(self, data, addr):
        self.count += 1
        self.transport.sendto(b"ack %d" % self.count)
        if data == b"bye":
            self.transport.close()

    def connection_lost(self, exc):
        if not self.finished.done():
            self.finished.set_result(self.count)
""", "acknowledges each datagram to its sender", "needs the address"),
        "count per sender": (ACK_HEAD + """    seen = None

    def datagram_received(self, data, addr):
        self.count += 1
        self.seen = self.seen or {}
        self.seen[addr] = self.seen.get(addr, 0) + 1
        self.transport.sendto(b"ack %d" % self.seen[addr], addr)
        if data == b"bye":
            self.transport.close()

    def connection_lost(self, exc):
        self.finished.set_result(self.count)
""", "acknowledges each datagram to its sender", "expected b'ack 2'"),
        "never closes": (ACK_HEAD + """    def datagram_received(self, data, addr):
        self.count += 1
        self.transport.sendto(b"ack %d" % self.count, addr)

    def connection_lost(self, exc):
        self.finished.set_result(self.count)
""", "closes itself after b'bye'", "stayed open"),
        "result too early": (ACK_HEAD + """    def datagram_received(self, data, addr):
        self.count += 1
        self.transport.sendto(b"ack %d" % self.count, addr)
        if not self.finished.done():
            self.finished.set_result(self.count)
        if data == b"bye":
            self.transport.close()
""", "reports the count once closed", "already done"),
        "result twice": (ACK_HEAD + """    def datagram_received(self, data, addr):
        self.count += 1
        self.transport.sendto(b"ack %d" % self.count, addr)
        if data == b"bye":
            self.transport.close()
            self.finished.set_result(self.count)

    def connection_lost(self, exc):
        self.finished.set_result(self.count)
""", "reports the count once closed", "InvalidStateError"),
    },
    "ask": {
        "starter": (exercises.get(f"{LESSON}.ask").starter, "asks again when a datagram is lost",
                    "still waiting"),
        "forever": (CATCHER + """async def ask(server, question, *, timeout=0.5, attempts=3):
    loop = asyncio.get_running_loop()
    transport, catcher = await create_datagram_endpoint(loop, ReplyCatcher, remote_addr=server)
    try:
        while True:
            transport.sendto(question)
            try:
                return await asyncio.wait_for(catcher.replies.get(), timeout)
            except asyncio.TimeoutError:
                pass
    finally:
        transport.close()
""", "gives up after `attempts` tries", "still waiting"),
        "one attempt too many": (CATCHER + """async def ask(server, question, *, timeout=0.5, attempts=3):
    loop = asyncio.get_running_loop()
    transport, catcher = await create_datagram_endpoint(loop, ReplyCatcher, remote_addr=server)
    try:
        for _ in range(attempts + 1):
            transport.sendto(question)
            try:
                return await asyncio.wait_for(catcher.replies.get(), timeout)
            except asyncio.TimeoutError:
                pass
    finally:
        transport.close()
""", "gives up after `attempts` tries", "4 time(s)"),
        "raises instead of None": (CATCHER + """async def ask(server, question, *, timeout=0.5, attempts=3):
    loop = asyncio.get_running_loop()
    transport, catcher = await create_datagram_endpoint(loop, ReplyCatcher, remote_addr=server)
    try:
        for i in range(attempts):
            transport.sendto(question)
            try:
                return await asyncio.wait_for(catcher.replies.get(), timeout)
            except asyncio.TimeoutError:
                if i == attempts - 1:
                    raise
    finally:
        transport.close()
""", "gives up after `attempts` tries", "raised TimeoutError"),
        "closes only on success": (CATCHER + """async def ask(server, question, *, timeout=0.5, attempts=3):
    loop = asyncio.get_running_loop()
    transport, catcher = await create_datagram_endpoint(loop, ReplyCatcher, remote_addr=server)
    for _ in range(attempts):
        transport.sendto(question)
        try:
            reply = await asyncio.wait_for(catcher.replies.get(), timeout)
        except asyncio.TimeoutError:
            continue
        transport.close()
        return reply
    return None
""", "closes its endpoint every time", "never answers"),
        "task left running": (CATCHER + """async def ask(server, question, *, timeout=0.5, attempts=3):
    loop = asyncio.get_running_loop()
    transport, catcher = await create_datagram_endpoint(loop, ReplyCatcher, remote_addr=server)
    try:
        getter = asyncio.ensure_future(catcher.replies.get())
        for _ in range(attempts):
            transport.sendto(question)
            done, _ = await asyncio.wait({getter}, timeout=timeout)
            if done:
                return getter.result()
        return None
    finally:
        transport.close()
""", "closes its endpoint every time", "task(s) running"),
    },
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("ex_id", ["ack-counter", "ask"])
def test_starter_fails_and_solution_passes(ex_id, kind):
    exercise = exercises.get(f"{LESSON}.{ex_id}")
    starter = _check(ex_id, exercise.starter, kind)
    assert not starter.passed and starter.error is None
    solution = _check(ex_id, exercise.solution, kind)
    assert solution.passed, solution.to_text()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("ex_id, name", [(ex, name) for ex, cases in ALTERNATIVES.items() for name in cases])
def test_correct_alternatives_pass(ex_id, name, kind):
    result = _check(ex_id, ALTERNATIVES[ex_id][name], kind)
    assert result.passed, result.to_text()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("ex_id, name", [(ex, name) for ex, cases in WRONG.items() for name in cases])
def test_wrong_approaches_fail_with_a_helpful_message(ex_id, name, kind):
    source, check, words = WRONG[ex_id][name]
    result = _check(ex_id, source, kind)
    failed = _failed(result)
    assert check in failed, result.to_text()
    assert words in failed[check], failed[check]


@pytest.mark.parametrize("kind", KINDS)
def test_missing_names_are_explained(kind):
    result = _check("ack-counter", "x = 1\n", kind)
    assert all("`AckCounter` is not defined" in c.message for c in result.checks)
    result = _check("ask", "def ask(server, question, *, timeout, attempts):\n    pass\n", kind)
    assert all("coroutine function" in c.message for c in result.checks)


@pytest.mark.parametrize("kind", KINDS)
def test_demo_helpers(kind, capsys):
    ack = _namespace(exercises.get(f"{LESSON}.ack-counter").solution)
    ask = _namespace(exercises.get(f"{LESSON}.ask").solution)
    starter = _namespace(exercises.get(f"{LESSON}.ask").starter)

    async def go():
        summary = await udp.try_ack_counter(ack["AckCounter"])
        answer = await udp.try_ask(ask["ask"])
        leaky = await udp.try_ask(starter["ask"])
        return summary, answer, leaky

    with use(kind), warnings.catch_warnings():
        warnings.simplefilter("error")
        summary, answer, leaky = asyncio.run(go())
        gc.collect()
    assert summary == {
        "replies": [
            "A sent b'one', got b'ack 1'",
            "B sent b'two', got b'ack 2'",
            "A sent b'three', got b'ack 3'",
            "B sent b'bye', got b'ack 4'",
        ],
        "closed itself": True,
        "finished": 4,
    }
    assert answer == leaky == b"PING"
    assert "ask left 1 endpoint(s) open" in capsys.readouterr().out


def test_echo_server_drops_then_answers():
    async def go():
        async with udp.EchoServer(drop_first=1) as server:
            loop = asyncio.get_running_loop()
            from asyncio_lab.standins.datagram import create_datagram_endpoint

            transport, inbox = await create_datagram_endpoint(loop, udp._Inbox, remote_addr=server.address)
            transport.sendto(b"lost")
            first = await inbox.next(0.2)
            transport.sendto(b"kept")
            second = await inbox.next(1)
            transport.close()
            await asyncio.sleep(0)
            return first, second, server.received

    for kind in KINDS:
        with use(kind):
            assert asyncio.run(go()) == (None, b"KEPT", [b"lost", b"kept"])


@pytest.mark.parametrize("ex_id, name", [("ack-counter", "AckCounter"), ("ask", "ask")])
def test_each_check_run_runs_the_code_again(ex_id, name):
    """The checks of one %%check share one run of the learner's code; the next %%check reruns it."""
    ns = _namespace(exercises.get(f"{LESSON}.{ex_id}").solution)
    for _ in range(2):
        with use(STANDIN):
            assert exercises.run_checks_sync(f"{LESSON}.{ex_id}", ns).passed
        assert not udp._RUNS.held(ns[name])


@pytest.mark.parametrize("kind", KINDS)
def test_predict_cell_prints_the_order_the_lesson_explains(shell, kind):
    """The life-cycle cell prints what 'What happened' says, on real sockets and on the stand-in."""
    from conftest import ROOT, arun

    nb = read_notebook(ROOT / "notebooks" / "09-udp-datagram-endpoint.ipynb")
    codes = [c.source for c in nb.cells if c.cell_type == "code"]
    predict = next(s for s in codes if "class Tracer" in s)

    async def go():
        setup = await arun(shell, codes[0])
        assert setup.error is None, setup.stdout
        return await arun(shell, predict)

    with use(kind):
        run = asyncio.run(go())
    assert run.error is None and not run.stderr, (run.error, run.stderr)
    assert [line.strip() for line in run.stdout.splitlines()] == [
        "1. creating the server",
        "server: connection_made",
        "2. server created",
        "client: connection_made",
        "3. sendto returned",
        "server: datagram_received b'hello'",
        "4. the server got it; from the client's address: True",
        "5. close() returned",
        "client: connection_lost(None)",
        "server: connection_lost(None)",
        "6. one loop step later",
    ]


# --------------------------------------------------------------------------- the loop's own create_datagram_endpoint (issue 13)

LOOP_OWN_ASK = CATCHER + """
async def ask(server, question, *, timeout=0.5, attempts=3):
    loop = asyncio.get_running_loop()
    transport, catcher = await loop.create_datagram_endpoint(ReplyCatcher, remote_addr=server)
    try:
        for _ in range(attempts):
            transport.sendto(question)
            try:
                return await asyncio.wait_for(catcher.replies.get(), timeout)
            except asyncio.TimeoutError:
                continue
        return None
    finally:
        transport.close()
"""


def test_the_loops_own_create_datagram_endpoint_passes_on_cpython():
    result = _check("ask", LOOP_OWN_ASK, REAL)
    assert result.passed, result.to_text()


def test_track_puts_the_loops_method_back():
    from asyncio_lab.standins import datagram

    async def go():
        loop = asyncio.get_running_loop()
        with datagram.track():
            inside = "create_datagram_endpoint" in vars(loop)
        return inside, "create_datagram_endpoint" in vars(loop)

    with use(REAL):
        assert asyncio.run(go()) == (True, False)


def test_where_the_loop_has_no_sockets_the_message_says_so(monkeypatch):
    """Pyodide's WebLoop raises NotImplementedError from create_datagram_endpoint."""

    async def refuse(self, *args, **kwargs):
        raise NotImplementedError

    monkeypatch.setattr(asyncio.BaseEventLoop, "create_datagram_endpoint", refuse)
    result = _check("ask", LOOP_OWN_ASK, STANDIN)
    text = result.to_text()
    assert not result.passed
    assert "Pyodide" in text and "create_datagram_endpoint(loop, ...)" in text, text
