"""The network stand-ins behave like real loopback sockets, as seen by the learner's protocol.

Each scenario below is "learner code": protocols and stream handlers written the way a
lesson teaches them.  It runs twice on CPython, once on real sockets on 127.0.0.1 and
once on the in-memory stand-in (forced with ``use("stand-in")``), and the test compares
what the code saw: which protocol methods were called, in which order, with which data,
addresses and errors (port numbers replaced by names, errno numbers by their names).
"""

from __future__ import annotations

import asyncio
import errno
import re
import socket
import sys

import pytest

from asyncio_lab.standins import datagram, streams
from asyncio_lab.standins._loopback import REAL, STANDIN, implementation, use

BOTH = [REAL, STANDIN]


@pytest.fixture(autouse=True)
def nothing_logged_by_asyncio(caplog):
    """asyncio logs what the loop's default exception handler gets: in a notebook, stderr."""
    caplog.set_level("WARNING", logger="asyncio")
    yield
    logged = [r.getMessage() for r in caplog.records if r.name == "asyncio"]
    assert not logged, logged


def run_both(scenario, *args):
    """Run ``scenario`` on real sockets and on the stand-in; return both results."""
    results = {}
    for kind in BOTH:
        with use(kind):
            results[kind] = asyncio.run(scenario(*args))
    return results[REAL], results[STANDIN]


class Names:
    """Replace port numbers by stable names, in order of appearance."""

    def __init__(self):
        self.names: dict[int, str] = {}

    def port(self, port: int) -> str:
        return self.names.setdefault(port, f"port{len(self.names)}")

    def addr(self, addr):
        if addr is None:
            return None
        return (addr[0], self.port(addr[1]))

    def text(self, text: str) -> str:
        for port, name in self.names.items():
            text = re.sub(rf"\b{port}\b", name, text)
        return text


def exc_summary(exc: BaseException | None, names: Names | None = None):
    """Type, errno name and message of an exception (errno numbers differ between systems)."""
    if exc is None:
        return None
    if isinstance(exc, OSError) and exc.errno is not None:
        strerror = names.text(exc.strerror) if names else exc.strerror
        return (type(exc).__name__, errno.errorcode.get(exc.errno, exc.errno), strerror)
    text = str(exc)
    return (type(exc).__name__, names.text(text) if names else text)


def capture_loop_errors(loop) -> list:
    found: list = []
    loop.set_exception_handler(lambda _loop, ctx: found.append((ctx["message"], exc_summary(ctx.get("exception")))))
    return found


# --------------------------------------------------------------------------- learner code: UDP

class Recorder(asyncio.DatagramProtocol):
    """A learner's protocol that notes every call it gets."""

    def __init__(self, name, log, names):
        self.name, self.log, self.names = name, log, names
        self.received = asyncio.get_running_loop().create_future()
        self.errored = asyncio.get_running_loop().create_future()
        self.lost = asyncio.get_running_loop().create_future()

    def connection_made(self, transport):
        self.transport = transport
        self.log.append((self.name, "connection_made"))

    def datagram_received(self, data, addr):
        self.log.append((self.name, "datagram_received", data, self.names.addr(addr)))
        if not self.received.done():
            self.received.set_result(data)

    def error_received(self, exc):
        self.log.append((self.name, "error_received", exc_summary(exc)))
        if not self.errored.done():
            self.errored.set_result(exc)

    def connection_lost(self, exc):
        self.log.append((self.name, "connection_lost", exc_summary(exc, self.names)))
        self.lost.set_result(exc)


class EchoServer(asyncio.DatagramProtocol):
    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.transport.sendto(data.upper(), addr)


async def settle(n: int = 5):
    """A few loop steps and a short pause: lets in-flight datagrams and closes finish."""
    for _ in range(n):
        await asyncio.sleep(0.005)


async def udp_echo_round_trip():
    loop = asyncio.get_running_loop()
    log, names = [], Names()
    server, _ = await datagram.create_datagram_endpoint(loop, EchoServer, local_addr=("127.0.0.1", 0))
    address = server.get_extra_info("sockname")
    names.port(address[1])
    client, proto = await datagram.create_datagram_endpoint(
        loop, lambda: Recorder("client", log, names), remote_addr=address
    )
    log.append(("peername", names.addr(client.get_extra_info("peername"))))
    for word in (b"one", b"two", b"three"):
        proto.received = loop.create_future()
        client.sendto(word)
        log.append(("reply", await asyncio.wait_for(proto.received, 2)))
    client.close()
    log.append(("closing", client.is_closing()))
    await proto.lost
    server.close()
    await settle()
    return log


def test_udp_echo_round_trip_is_seen_the_same():
    real, standin = run_both(udp_echo_round_trip)
    assert real == standin
    assert real[0] == ("client", "connection_made")
    assert real[-1] == ("client", "connection_lost", None)
    assert [e[1] for e in real if e[0] == "reply"] == [b"ONE", b"TWO", b"THREE"]


async def udp_server_replies_to_each_sender():
    loop = asyncio.get_running_loop()
    log, names = [], Names()
    server, server_proto = await datagram.create_datagram_endpoint(
        loop, lambda: Recorder("server", log, names), local_addr=("127.0.0.1", 0)
    )
    address = server.get_extra_info("sockname")
    names.port(address[1])
    clients = []
    for name in ("a", "b"):
        transport, proto = await datagram.create_datagram_endpoint(
            loop, lambda name=name: Recorder(name, log, names), remote_addr=address
        )
        names.port(transport.get_extra_info("sockname")[1])
        clients.append((transport, proto))
    for (transport, proto), word in zip(clients, (b"from a", b"from b")):
        server_proto.received = loop.create_future()
        transport.sendto(word)
        await asyncio.wait_for(server_proto.received, 2)
    # the server answers both by address; a connected client only hears its peer
    for transport, proto in clients:
        server.sendto(b"hello you", transport.get_extra_info("sockname"))
        await asyncio.wait_for(proto.received, 2)
    stranger, stranger_proto = await datagram.create_datagram_endpoint(
        loop, lambda: Recorder("stranger", log, names), local_addr=("127.0.0.1", 0)
    )
    stranger.sendto(b"not your peer", clients[0][0].get_extra_info("sockname"))
    await settle()
    for transport, _ in clients:
        transport.close()
    stranger.close()
    server.close()
    await settle()
    return log


def test_udp_server_reply_addresses_and_connected_filtering():
    real, standin = run_both(udp_server_replies_to_each_sender)
    assert real == standin
    assert ("a", "datagram_received", b"hello you", ("127.0.0.1", "port0")) in real
    assert not any(e[0] == "a" and e[1] == "datagram_received" and e[2] == b"not your peer" for e in real)


async def udp_refused_then_closed():
    loop = asyncio.get_running_loop()
    log, names = [], Names()
    # a port nobody listens on: bind one, note it, close it
    probe, _ = await datagram.create_datagram_endpoint(loop, asyncio.DatagramProtocol, local_addr=("127.0.0.1", 0))
    nobody = probe.get_extra_info("sockname")
    probe.close()
    await settle()
    names.port(nobody[1])
    client, proto = await datagram.create_datagram_endpoint(
        loop, lambda: Recorder("client", log, names), remote_addr=nobody
    )
    client.sendto(b"anyone there?")
    await asyncio.wait_for(proto.errored, 2)
    log.append(("still open", not client.is_closing()))
    client.close()
    await proto.lost
    # an unconnected endpoint is not told
    quiet, quiet_proto = await datagram.create_datagram_endpoint(
        loop, lambda: Recorder("quiet", log, names), local_addr=("127.0.0.1", 0)
    )
    quiet.sendto(b"anyone?", nobody)
    await settle()
    quiet.close()
    await quiet_proto.lost
    return log


def test_udp_connected_endpoint_hears_connection_refused():
    real, standin = run_both(udp_refused_then_closed)
    assert real == standin
    assert ("client", "error_received", ("ConnectionRefusedError", "ECONNREFUSED", "Connection refused")) in real
    assert not any(e[1] == "error_received" for e in real if e[0] == "quiet")


async def udp_sendto_rules():
    loop = asyncio.get_running_loop()
    errors = capture_loop_errors(loop)
    log, names = [], Names()
    server, server_proto = await datagram.create_datagram_endpoint(
        loop, lambda: Recorder("server", log, names), local_addr=("127.0.0.1", 0)
    )
    address = server.get_extra_info("sockname")
    names.port(address[1])
    client, proto = await datagram.create_datagram_endpoint(
        loop, lambda: Recorder("client", log, names), remote_addr=address
    )
    try:
        client.sendto(b"x", ("127.0.0.1", 9))
    except ValueError as exc:
        log.append(("ValueError", names.text(str(exc))))
    try:
        client.sendto("text")
    except TypeError as exc:
        log.append(("TypeError", str(exc)))
    client.sendto(b"")  # dropped before 3.13, an empty datagram since
    client.sendto(b"after empty")
    await asyncio.wait_for(server_proto.received, 2)
    await settle()
    server.sendto(b"x", ("255.255.255.255", 9))  # broadcast without allow_broadcast
    server.sendto(b"x" * 70_000, address)  # too long for one datagram
    server.sendto(b"no address")  # unconnected and no address: a fatal error
    await server_proto.lost
    client.close()
    await proto.lost
    log.append(("loop errors", errors))
    return log


def test_udp_sendto_rules_are_the_same():
    real, standin = run_both(udp_sendto_rules)
    assert real == standin
    empty = ("server", "datagram_received", b"", ("127.0.0.1", "port1"))
    assert (empty in real) == (sys.version_info >= (3, 13))
    assert ("server", "error_received", ("PermissionError", "EACCES", "Permission denied")) in real
    assert (
        "server",
        "connection_lost",
        ("TypeError", "sendto(): AF_INET address must be tuple, not NoneType"),
    ) in real
    assert real[-1][1] == [
        ("Fatal write error on datagram transport", ("TypeError", "sendto(): AF_INET address must be tuple, not NoneType"))
    ]


ENDPOINT_ARGUMENT_CASES = [
    dict(local_addr=("127.0.0.1", 0), reuse_address=True),
    dict(local_addr=("127.0.0.1", 0), reuse_address=False),
    dict(),
    dict(local_addr=["127.0.0.1", 0]),
    dict(remote_addr="127.0.0.1:9"),
    dict(local_addr=("0.0.0.0", 0)),
    dict(remote_addr=("192.0.2.1", 9)),
    dict(local_addr=("127.0.0.1", 0), allow_broadcast=True, sock="UDP"),
    dict(sock="TCP"),
]


async def endpoint_argument_errors(case):
    loop = asyncio.get_running_loop()
    kwargs = dict(case)
    made = None
    if kwargs.get("sock") in ("UDP", "TCP"):
        made = kwargs["sock"] = socket.socket(
            socket.AF_INET, socket.SOCK_DGRAM if kwargs["sock"] == "UDP" else socket.SOCK_STREAM
        )
    try:
        try:
            awaitable = datagram.create_datagram_endpoint(loop, asyncio.DatagramProtocol, **kwargs)
        except Exception as exc:
            return ("at the call", type(exc).__name__, str(exc))
        try:
            transport, _ = await awaitable
        except Exception as exc:
            return ("on await", type(exc).__name__, re.sub(r"<socket.*>", "<socket>", str(exc)))
        transport.close()
        await settle(1)
        return ("created",)
    finally:
        if made is not None:
            made.close()


@pytest.mark.parametrize("case", ENDPOINT_ARGUMENT_CASES, ids=str)
def test_endpoint_arguments_are_checked_alike(case):
    real, standin = run_both(endpoint_argument_errors, case)
    assert real == standin
    assert real != ("created",)


def test_reuse_address_is_a_type_error_at_the_call():
    real, _ = run_both(endpoint_argument_errors, ENDPOINT_ARGUMENT_CASES[0])
    assert real == (
        "at the call",
        "TypeError",
        "BaseEventLoop.create_datagram_endpoint() got an unexpected keyword argument 'reuse_address'",
    )


async def udp_options():
    loop = asyncio.get_running_loop()
    log, names = [], Names()
    plain, _ = await datagram.create_datagram_endpoint(loop, asyncio.DatagramProtocol, local_addr=("127.0.0.1", 0))
    caster, _ = await datagram.create_datagram_endpoint(
        loop, asyncio.DatagramProtocol, remote_addr=plain.get_extra_info("sockname"), allow_broadcast=True
    )
    flag = lambda t: bool(t.get_extra_info("socket").getsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST))  # noqa: E731
    log.append(("SO_BROADCAST", flag(plain), flag(caster)))
    log.append(("broadcaster connected?", caster.get_extra_info("peername")))
    unbound, _ = await datagram.create_datagram_endpoint(loop, asyncio.DatagramProtocol, family=socket.AF_INET)
    log.append(("unbound sockname", unbound.get_extra_info("sockname")))
    try:
        await datagram.create_datagram_endpoint(
            loop, asyncio.DatagramProtocol, local_addr=plain.get_extra_info("sockname")
        )
    except OSError as exc:
        log.append(("second bind", exc_summary(exc)))
    for t in (plain, caster, unbound):
        t.close()
    await settle()
    return log


def test_endpoint_options_are_seen_alike():
    real, standin = run_both(udp_options)
    assert real == standin
    assert real[0] == ("SO_BROADCAST", False, True)
    assert real[1] == ("broadcaster connected?", None)
    assert real[3] == ("second bind", ("OSError", "EADDRINUSE", "Address already in use"))


@pytest.mark.skipif(not hasattr(socket, "SO_REUSEPORT"), reason="SO_REUSEPORT is not available here")
def test_reuse_port_lets_endpoints_share_a_port():
    async def scenario():
        loop = asyncio.get_running_loop()
        first, _ = await datagram.create_datagram_endpoint(
            loop, asyncio.DatagramProtocol, local_addr=("127.0.0.1", 0), reuse_port=True
        )
        port = first.get_extra_info("sockname")[1]
        second, _ = await datagram.create_datagram_endpoint(
            loop, asyncio.DatagramProtocol, local_addr=("127.0.0.1", port), reuse_port=True
        )
        shared = second.get_extra_info("sockname")[1] == port
        first.close()
        second.close()
        await settle()
        return shared

    assert run_both(scenario) == (True, True)


# --------------------------------------------------------------------------- learner code: TCP

class Conversation(asyncio.Protocol):
    """A learner's TCP protocol that notes every call (data joined between other calls)."""

    def __init__(self, name, log, reply=None, keep_open=None):
        self.name, self.log, self.reply, self.keep_open = name, log, reply, keep_open
        self.lost = asyncio.get_running_loop().create_future()

    def _note(self, *event):
        if event[0] == "data_received" and self.log and self.log[-1][:2] == (self.name, "data_received"):
            self.log[-1] = (self.name, "data_received", self.log[-1][2] + event[1])
        else:
            self.log.append((self.name, *event))

    def connection_made(self, transport):
        self.transport = transport
        self._note("connection_made")

    def data_received(self, data):
        self._note("data_received", data)
        if self.reply and data.endswith(b"\n"):
            self.transport.write(self.reply)

    def eof_received(self):
        self._note("eof_received")
        return self.keep_open

    def connection_lost(self, exc):
        self._note("connection_lost", exc_summary(exc))
        self.lost.set_result(exc)


async def tcp_protocol_conversation():
    loop = asyncio.get_running_loop()
    log = []
    servers: list[Conversation] = []

    def factory():
        servers.append(Conversation("server", log, reply=b"got it\n"))
        return servers[-1]

    server = await streams.create_server(loop, factory, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    transport, client = await streams.create_connection(
        loop, lambda: Conversation("client", log), "127.0.0.1", port
    )
    log.append(("client peer is the server", transport.get_extra_info("peername") == ("127.0.0.1", port)))
    transport.write(b"hel")
    transport.write(b"lo\n")
    await settle()
    transport.write_eof()  # eof_received returns None on both sides: each transport closes itself
    await servers[0].lost
    await client.lost
    server.close()
    await server.wait_closed()
    return log


def test_tcp_protocol_calls_are_the_same():
    real, standin = run_both(tcp_protocol_conversation)
    assert real == standin
    assert ("server", "data_received", b"hello\n") in real
    assert real[-4:] == [
        ("server", "eof_received"),
        ("server", "connection_lost", None),
        ("client", "eof_received"),
        ("client", "connection_lost", None),
    ]


async def streams_line_echo():
    log = []

    async def handle(reader, writer):
        log.append(("server", "connected"))
        while line := await reader.readline():
            log.append(("server", "line", line))
            writer.write(line.upper())
            await writer.drain()
        log.append(("server", "eof"))
        writer.close()
        await writer.wait_closed()
        log.append(("server", "closed"))

    server = await streams.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await streams.open_connection("127.0.0.1", port)
    for piece in (b"first\nsec", b"ond\n"):
        writer.write(piece)
        await writer.drain()
        await settle(1)
    log.append(("client", "read", await reader.readline()))
    log.append(("client", "read", await reader.readexactly(7)))
    writer.write_eof()
    log.append(("client", "rest", await reader.read()))
    writer.close()
    await writer.wait_closed()
    log.append(("client", "closed", writer.is_closing()))
    server.close()
    await server.wait_closed()
    try:
        await streams.open_connection("127.0.0.1", port)
    except OSError as exc:
        names = Names()
        names.port(port)
        log.append(("reconnect", exc_summary(exc, names)))
    return log


def test_streams_line_echo_is_the_same():
    real, standin = run_both(streams_line_echo)
    assert real == standin
    assert ("client", "read", b"FIRST\n") in real
    assert ("client", "read", b"SECOND\n") in real
    assert real[-1] == (
        "reconnect",
        ("ConnectionRefusedError", "ECONNREFUSED", "Connect call failed ('127.0.0.1', port0)"),
    )


async def tcp_backpressure():
    loop = asyncio.get_running_loop()
    log = []
    sinks = []

    class Sink(asyncio.Protocol):
        def connection_made(self, transport):
            self.transport, self.n = transport, 0
            transport.pause_reading()  # not reading yet
            sinks.append(self)

        def data_received(self, data):
            self.n += len(data)

    class Source(asyncio.Protocol):
        def connection_made(self, transport):
            self.transport = transport

        def pause_writing(self):
            log.append("pause_writing")

        def resume_writing(self):
            log.append("resume_writing")

    server = await streams.create_server(loop, Sink, "127.0.0.1", 0)
    transport, _ = await streams.create_connection(loop, Source, "127.0.0.1", server.sockets[0].getsockname()[1])
    await settle()
    total = 32 * 1024 * 1024  # more than any loopback socket buffer takes
    transport.write(b"x" * total)
    log.append(("buffered", transport.get_write_buffer_size() > 0))
    log.append(("limits", transport.get_write_buffer_limits()))
    await settle()
    sinks[0].transport.resume_reading()
    while sinks[0].n < total:
        await asyncio.sleep(0.005)
    log.append(("received", sinks[0].n))
    transport.close()
    sinks[0].transport.close()
    server.close()
    await server.wait_closed()
    return log


def test_tcp_backpressure_pauses_and_resumes_the_writer():
    real, standin = run_both(tcp_backpressure)
    assert real == standin
    assert real[:2] == ["pause_writing", ("buffered", True)]
    assert "resume_writing" in real


async def server_wait_closed_waits_for_connections():
    async def handle(reader, writer):
        await reader.read()  # until the client closes
        writer.close()
        await writer.wait_closed()

    log = []
    server = await streams.start_server(handle, "127.0.0.1", 0)
    reader, writer = await streams.open_connection("127.0.0.1", server.sockets[0].getsockname()[1])
    await settle()
    server.close()
    waiting = asyncio.ensure_future(server.wait_closed())
    await settle()
    log.append(("wait_closed returned with a connection open", waiting.done()))
    writer.close()
    await writer.wait_closed()
    await asyncio.wait_for(waiting, 2)
    log.append(("returned after the connection closed", True))
    return log


def test_server_wait_closed_follows_the_python_version():
    real, standin = run_both(server_wait_closed_waits_for_connections)
    assert real == standin
    assert real[0] == ("wait_closed returned with a connection open", sys.version_info < (3, 12))


@pytest.mark.parametrize("call", ["open_connection", "start_server", "create_datagram_endpoint"])
@pytest.mark.parametrize("kind", BOTH)
def test_only_the_loopback_address(call, kind):
    async def scenario():
        if call == "open_connection":
            await streams.open_connection("192.0.2.1", 80)
        elif call == "start_server":
            await streams.start_server(lambda r, w: None, "0.0.0.0", 0)
        else:
            await datagram.create_datagram_endpoint(None, asyncio.DatagramProtocol, local_addr=("", 0))

    with use(kind), pytest.raises(ValueError, match="only use the loopback address"):
        asyncio.run(scenario())


def test_which_implementation_runs():
    assert implementation() == REAL  # CPython
    with use(STANDIN):
        assert implementation() == STANDIN
        assert streams.describe().startswith("stand-in")
        assert datagram.describe().startswith("stand-in")
    assert "real" in streams.describe() and "real" in datagram.describe()
    with pytest.raises(ValueError):
        with use("simulated"):
            pass


def test_track_collects_endpoints():
    async def scenario():
        with datagram.track() as found:
            t, _ = await datagram.create_datagram_endpoint(None, asyncio.DatagramProtocol, local_addr=("127.0.0.1", 0))
        t.close()
        await settle(1)
        return found == [t]

    assert run_both(scenario) == (True, True)
