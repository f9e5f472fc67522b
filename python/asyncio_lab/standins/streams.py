"""TCP streams for the lessons: real loopback sockets on CPython, an in-memory stand-in on Pyodide.

The functions mirror asyncio's, with the same arguments and results::

    reader, writer = await open_connection("127.0.0.1", port)        # asyncio.open_connection
    server = await start_server(handle, "127.0.0.1", 0)                # asyncio.start_server
    transport, protocol = await create_connection(loop, factory, "127.0.0.1", port)
    server = await create_server(loop, factory, "127.0.0.1", 0)         # loop.create_server

On CPython they *are* asyncio's calls (after checking that the host is the loopback
address).  On Pyodide, which has no sockets, they build the very same asyncio objects
(``StreamReader``, ``StreamWriter``, ``StreamReaderProtocol``, your ``Protocol``) and
connect them with :class:`MemoryTransport`, an ``asyncio.Transport`` that delivers
bytes to the peer's protocol through ``loop.call_soon``, the way a selector loop
delivers what a socket received:

* ``connection_made`` first, then ``data_received`` (bytes written in one loop step
  may arrive together, as with TCP), then ``eof_received`` when the peer closes or
  calls ``write_eof()`` (returning true keeps the connection open for writing, as
  ``StreamReaderProtocol`` does), then ``connection_lost(None)`` after ``close()``;
* flow control: a peer that stops reading fills a 256 KiB "kernel" buffer, then the
  writer's own buffer; above its high-water mark (64 KiB by default) the protocol's
  ``pause_writing()`` is called and ``StreamWriter.drain()`` waits, exactly as with a
  socket; ``resume_writing()`` when it falls below the low-water mark;
* connecting to a port nobody listens on raises ``ConnectionRefusedError``; binding a
  port in use raises ``OSError(EADDRINUSE)``; ``Server.wait_closed()`` has the semantics
  of the running Python version (3.12+: it waits for open connections to close).

Not modelled: TLS, ``sock=``, IPv6 and anything but the loopback address (refused with
a clear error on both implementations, so lessons never leave the machine), and the
exact timing of resets when one side writes after the other has gone.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import socket
import sys
from asyncio.transports import _FlowControlMixin
from typing import Any, Callable

from ._loopback import (
    LOOPBACK,
    REAL,
    STANDIN,
    StandinSocket,
    host_problem,
    implementation,
    network,
    oserror,
    use,
)

__all__ = [
    "MemoryServer",
    "MemoryTransport",
    "REAL",
    "STANDIN",
    "create_connection",
    "create_server",
    "describe",
    "implementation",
    "open_connection",
    "start_server",
    "use",
]

logger = logging.getLogger("asyncio")

_DEFAULT_LIMIT = 2**16  # asyncio.streams' default StreamReader limit
_LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5  # asyncio.constants


def describe() -> str:
    """Which implementation the stream helpers use here, in one line."""
    if implementation() == REAL:
        return "real TCP sockets on 127.0.0.1 (asyncio.open_connection / asyncio.start_server)"
    return (
        "stand-in: asyncio's own StreamReader, StreamWriter and protocols over an in-memory "
        "transport (this runtime has no sockets)"
    )


def _set_result_unless_cancelled(fut: asyncio.Future, result: Any) -> None:
    if not fut.cancelled():
        fut.set_result(result)


# --------------------------------------------------------------------------- transport

class MemoryTransport(_FlowControlMixin, asyncio.Transport):
    """One end of an in-memory TCP connection (what ``_SelectorSocketTransport`` is for a socket)."""

    max_size = 256 * 1024  # largest chunk handed to data_received() at once, as recv() in asyncio
    kernel_buffer = 256 * 1024  # bytes in flight towards the peer before our own buffer grows

    def __init__(self, loop, protocol, sockname, peername, server: "MemoryServer | None" = None):
        extra = {
            "sockname": sockname,
            "peername": peername,
            "socket": StandinSocket(socket.AF_INET, socket.SOCK_STREAM, sockname, peername),
        }
        super().__init__(extra, loop)
        self._peer: MemoryTransport | None = None
        self._protocol = protocol
        self._protocol_connected = True
        self._server = server
        self._buffer = bytearray()  # written, not yet accepted by the "kernel" (our write buffer)
        self._inbox = bytearray()  # sent by the peer, not yet given to our protocol
        self._inbox_eof = False  # the peer has shut down its sending side
        self._eof_seen = False  # eof_received() has been called
        self._reader_removed = False  # stop reading for good (EOF kept open)
        self._read_scheduled = False
        self._write_scheduled = False
        self._reading_started = False
        self._closing = False
        self._paused = False
        self._eof = False  # write_eof() called
        self._fin_sent = False
        self._conn_lost = 0
        self._gone = False  # connection_lost() has run: the "socket" is closed
        self._reset_noticed = False
        if server is not None:
            server._attach(self)
        loop.call_soon(protocol.connection_made, self)
        # only start reading when connection_made() has been called
        loop.call_soon(self._start_reading)

    def __repr__(self) -> str:
        state = " closed" if self._gone else " closing" if self._closing else ""
        local, peer = self._extra["sockname"], self._extra["peername"]
        return (
            f"<MemoryTransport{state} {local[0]}:{local[1]} -> {peer[0]}:{peer[1]} "
            f"bufsize={len(self._buffer)}>"
        )

    # -- protocol
    def set_protocol(self, protocol) -> None:
        self._protocol = protocol
        self._protocol_connected = True

    def get_protocol(self):
        return self._protocol

    # -- state
    def is_closing(self) -> bool:
        return self._closing

    def is_reading(self) -> bool:
        return not self._closing and not self._paused

    def pause_reading(self) -> None:
        if not self.is_reading():
            return
        self._paused = True

    def resume_reading(self) -> None:
        if self._closing or not self._paused:
            return
        self._paused = False
        self._schedule_read()

    def get_write_buffer_size(self) -> int:
        return len(self._buffer)

    # -- reading: the peer's bytes reach our protocol one loop step at a time
    def _start_reading(self) -> None:
        self._reading_started = True
        self._schedule_read()

    def _schedule_read(self) -> None:
        if (
            self._read_scheduled
            or not self._reading_started
            or self._gone
            or self._reader_removed
            or not self.is_reading()
        ):
            return
        if self._inbox or (self._inbox_eof and not self._eof_seen):
            self._read_scheduled = True
            self._loop.call_soon(self._read_ready)

    def _read_ready(self) -> None:
        self._read_scheduled = False
        if self._conn_lost or self._reader_removed or not self.is_reading():
            return
        if self._inbox:
            data = bytes(self._inbox[: self.max_size])
            del self._inbox[: self.max_size]
            if self._peer is not None:
                self._peer._schedule_write()  # the peer may now move its buffer into the freed space
            try:
                self._protocol.data_received(data)
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                self._fatal_error(exc, "Fatal error: protocol.data_received() call failed.")
                return
            self._schedule_read()
        elif self._inbox_eof and not self._eof_seen:
            self._eof_seen = True
            try:
                keep_open = self._protocol.eof_received()
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                self._fatal_error(exc, "Fatal error: protocol.eof_received() call failed.")
                return
            if keep_open:
                # open for writing, but nothing more can be received
                self._reader_removed = True
            else:
                self.close()

    # -- writing
    def _send(self, data) -> int:
        """Move as much of ``data`` as fits into the peer's receive side; return how much."""
        peer = self._peer
        if peer is None or peer._gone:
            # The peer's socket is closed: the first bytes vanish (its kernel answers with a
            # reset), later writes fail.
            if self._reset_noticed:
                raise oserror(errno.ECONNRESET)
            self._reset_noticed = True
            return len(data)
        space = self.kernel_buffer - len(peer._inbox)
        n = max(0, min(space, len(data)))
        if n:
            peer._inbox.extend(data[:n])
            peer._schedule_read()
        return n

    def write(self, data) -> None:
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f"data argument must be a bytes-like object, not {type(data).__name__!r}")
        if self._eof:
            raise RuntimeError("Cannot call write() after write_eof()")
        if not data:
            return
        if self._conn_lost:
            if self._conn_lost >= _LOG_THRESHOLD_FOR_CONNLOST_WRITES:
                logger.warning("socket.send() raised exception.")
            self._conn_lost += 1
            return
        if not self._buffer:
            try:
                n = self._send(data)
            except OSError as exc:
                self._fatal_error(exc, "Fatal write error on socket transport")
                return
            if n == len(data):
                return
            data = memoryview(data)[n:]
        self._buffer.extend(data)
        self._maybe_pause_protocol()

    def _schedule_write(self) -> None:
        if self._buffer and not self._write_scheduled and not self._gone:
            self._write_scheduled = True
            self._loop.call_soon(self._write_ready)

    def _write_ready(self) -> None:
        self._write_scheduled = False
        if self._conn_lost or not self._buffer:
            return
        try:
            n = self._send(self._buffer)
        except OSError as exc:
            self._buffer.clear()
            self._fatal_error(exc, "Fatal write error on socket transport")
            return
        del self._buffer[:n]
        self._maybe_resume_protocol()  # may append to the buffer
        if not self._buffer:
            if self._closing:
                self._call_connection_lost(None)
            elif self._eof:
                self._send_fin()

    def write_eof(self) -> None:
        if self._closing or self._eof:
            return
        self._eof = True
        if not self._buffer:
            self._send_fin()

    def can_write_eof(self) -> bool:
        return True

    def _send_fin(self) -> None:
        if self._fin_sent:
            return
        self._fin_sent = True
        peer = self._peer
        if peer is not None and not peer._gone:
            peer._inbox_eof = True
            peer._schedule_read()

    # -- closing
    def close(self) -> None:
        if self._closing:
            return
        self._closing = True
        if not self._buffer:
            self._conn_lost += 1
            self._loop.call_soon(self._call_connection_lost, None)

    def abort(self) -> None:
        self._force_close(None)

    def _fatal_error(self, exc: BaseException, message: str = "Fatal error on transport") -> None:
        if not isinstance(exc, OSError):
            self._loop.call_exception_handler(
                {"message": message, "exception": exc, "transport": self, "protocol": self._protocol}
            )
        self._force_close(exc)

    def _force_close(self, exc: BaseException | None) -> None:
        if self._conn_lost:
            return
        self._buffer.clear()
        self._closing = True
        self._conn_lost += 1
        self._loop.call_soon(self._call_connection_lost, exc)

    def _call_connection_lost(self, exc: BaseException | None) -> None:
        if self._gone:
            return
        try:
            if self._protocol_connected:
                self._protocol.connection_lost(exc)
        finally:
            self._gone = True
            self._inbox.clear()
            self._send_fin()  # the peer reads what is already on its side, then EOF
            network(self._loop).tcp_connected.discard(self._extra["sockname"][1])
            self._protocol = None
            server, self._server = self._server, None
            if server is not None:
                server._detach(self)


# --------------------------------------------------------------------------- server

class MemoryServer(asyncio.AbstractServer):
    """What ``loop.create_server`` returns, for the stand-in (``asyncio.Server``'s behaviour)."""

    def __init__(self, loop, protocol_factory: Callable[[], asyncio.BaseProtocol], port: int, backlog: int):
        self._loop = loop
        self._protocol_factory = protocol_factory
        self._port = port
        self._backlog = backlog
        self._socket = StandinSocket(socket.AF_INET, socket.SOCK_STREAM, (LOOPBACK, port))
        self._bound = True
        self._serving = False
        self._serving_forever_fut: asyncio.Future | None = None
        self._clients: set[MemoryTransport] = set()
        self._waiters: list[asyncio.Future] | None = []

    def __repr__(self) -> str:
        return f"<MemoryServer sockets={self.sockets!r}>"

    @property
    def sockets(self) -> tuple:
        return (self._socket,) if self._bound else ()

    def get_loop(self):
        return self._loop

    def is_serving(self) -> bool:
        return self._serving

    def _attach(self, transport: MemoryTransport) -> None:
        self._clients.add(transport)

    def _detach(self, transport: MemoryTransport) -> None:
        self._clients.discard(transport)
        if not self._clients and not self._bound:
            self._wakeup()

    def _wakeup(self) -> None:
        waiters, self._waiters = self._waiters, None
        for waiter in waiters or ():
            if not waiter.done():
                waiter.set_result(None)

    def close(self) -> None:
        if not self._bound:
            return
        self._bound = False
        net = network(self._loop)
        if net.tcp.get(self._port) is self:
            del net.tcp[self._port]
        self._serving = False
        if self._serving_forever_fut is not None and not self._serving_forever_fut.done():
            self._serving_forever_fut.cancel()
            self._serving_forever_fut = None
        if not self._clients:
            self._wakeup()

    def close_clients(self) -> None:  # Python 3.13+
        for transport in list(self._clients):
            transport.close()

    def abort_clients(self) -> None:  # Python 3.13+
        for transport in list(self._clients):
            transport.abort()

    async def start_serving(self) -> None:
        if self._bound:
            self._serving = True
        await asyncio.sleep(0)

    async def serve_forever(self) -> None:
        if self._serving_forever_fut is not None:
            raise RuntimeError(f"server {self!r} is already being awaited on serve_forever()")
        if not self._bound:
            raise RuntimeError(f"server {self!r} is closed")
        self._serving = True
        self._serving_forever_fut = self._loop.create_future()
        try:
            await self._serving_forever_fut
        except asyncio.CancelledError:
            try:
                self.close()
                await self.wait_closed()
            finally:
                raise
        finally:
            self._serving_forever_fut = None

    async def wait_closed(self) -> None:
        if sys.version_info < (3, 12):
            # 3.11 returned at once once the server was closed, even with open connections
            if not self._bound or self._waiters is None:
                return
        elif self._waiters is None:
            return
        waiter = self._loop.create_future()
        self._waiters.append(waiter)
        await waiter

    # -- accepting
    def _accept(self, client_protocol, client_addr) -> MemoryTransport:
        """Create both ends of a new connection; return the client's transport."""
        loop = self._loop
        server_addr = (LOOPBACK, self._port)
        server_transport = None
        try:
            protocol = self._protocol_factory()
            server_transport = MemoryTransport(loop, protocol, server_addr, client_addr, server=self)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            loop.call_exception_handler(
                {"message": "Error on transport creation for incoming connection", "exception": exc}
            )
        client_transport = MemoryTransport(loop, client_protocol, client_addr, server_addr)
        if server_transport is not None:
            server_transport._peer = client_transport
            client_transport._peer = server_transport
        else:
            client_transport._inbox_eof = True  # the server closed the connection at once
        return client_transport


# --------------------------------------------------------------------------- stand-in calls

def _port_number(port) -> int:
    if port is None:
        return 0
    if isinstance(port, str) and port.isdigit():
        port = int(port)
    if not isinstance(port, int) or not 0 <= port <= 65535:
        raise OverflowError("getsockaddrarg: port must be 0-65535.")
    return port


def _unsupported(name: str, what: str) -> NotImplementedError:
    return NotImplementedError(
        f"{name}: {what} is not available in asyncio_lab's in-memory stand-in (this runtime has no sockets)"
    )


_CONNECTION_KW = {
    "family": 0, "proto": 0, "flags": 0, "local_addr": None, "happy_eyeballs_delay": None,
    "interleave": None, "all_errors": False, "ssl": None, "sock": None, "server_hostname": None,
    "ssl_handshake_timeout": None, "ssl_shutdown_timeout": None,
}
_SERVER_KW = {
    "family": 0, "flags": socket.AI_PASSIVE, "sock": None, "backlog": 100, "ssl": None,
    "reuse_address": None, "reuse_port": None, "ssl_handshake_timeout": None,
    "ssl_shutdown_timeout": None, "start_serving": True,
}
if sys.version_info >= (3, 13):
    _SERVER_KW["keep_alive"] = None


def _check_kwargs(method: str, kwargs: dict, allowed: dict) -> dict:
    for name in kwargs:
        if name not in allowed:
            raise TypeError(f"BaseEventLoop.{method}() got an unexpected keyword argument {name!r}")
    return {**allowed, **kwargs}


async def _standin_connection(loop, protocol_factory, host, port, kwargs):
    kw = _check_kwargs("create_connection", kwargs, _CONNECTION_KW)
    for name in ("ssl", "sock", "server_hostname"):
        if kw[name]:
            raise _unsupported("create_connection", f"{name}=")
    if kw["family"] not in (0, socket.AF_INET):
        raise _unsupported("create_connection", "an address family other than AF_INET")
    port = _port_number(port)
    net = network(loop)
    local_port = None
    if kw["local_addr"] is not None:
        local = kw["local_addr"]
        problem = host_problem(local[0], "local_addr")
        if problem:
            raise ValueError(problem)
        local_port = _port_number(local[1]) or None
        if local_port is not None and net._in_use("tcp", local_port):
            raise oserror(errno.EADDRINUSE, f"error while attempting to bind on address {(LOOPBACK, local_port)!r}: "
                          f"{oserror(errno.EADDRINUSE).strerror.lower()}")
    await asyncio.sleep(0)  # connecting takes a loop step, as a non-blocking connect() does
    server = net.tcp.get(port)
    if server is None or not server._serving:
        raise oserror(errno.ECONNREFUSED, f"Connect call failed {(LOOPBACK, port)}")
    client_port = local_port or net.ephemeral_port("tcp")
    net.tcp_connected.add(client_port)
    protocol = protocol_factory()
    transport = server._accept(protocol, (LOOPBACK, client_port))
    waiter = loop.create_future()
    loop.call_soon(_set_result_unless_cancelled, waiter, None)
    try:
        await waiter
    except BaseException:
        transport.close()
        raise
    return transport, protocol


async def _standin_server(loop, protocol_factory, host, port, kwargs):
    kw = _check_kwargs("create_server", kwargs, _SERVER_KW)
    for name in ("ssl", "sock"):
        if kw[name]:
            raise _unsupported("create_server", f"{name}=")
    if kw["family"] not in (0, socket.AF_INET):
        raise _unsupported("create_server", "an address family other than AF_INET")
    port = _port_number(port)
    net = network(loop)
    if port == 0:
        port = net.ephemeral_port("tcp")
    elif net._in_use("tcp", port):
        raise oserror(
            errno.EADDRINUSE,
            f"error while attempting to bind on address {(LOOPBACK, port)!r}: "
            f"{oserror(errno.EADDRINUSE).strerror.lower()}",
        )
    server = MemoryServer(loop, protocol_factory, port, kw["backlog"])
    net.tcp[port] = server
    if kw["start_serving"]:
        server._serving = True
        await asyncio.sleep(0)
    return server


# --------------------------------------------------------------------------- the facade

def _loop(loop):
    return loop if loop is not None else asyncio.get_running_loop()


def _require_loopback(host, what: str, kwargs: dict) -> None:
    if host is None and kwargs.get("sock") is not None:
        return
    problem = host_problem(host, what)
    if problem:
        raise ValueError(problem)


async def create_connection(loop, protocol_factory, host=None, port=None, **kwargs):
    """``loop.create_connection(protocol_factory, host, port, **kwargs)``, loopback only.

    ``loop`` may be ``None`` for the running loop.  Returns ``(transport, protocol)``.
    """
    loop = _loop(loop)
    _require_loopback(host, "host", kwargs)
    if implementation() == REAL:
        return await loop.create_connection(protocol_factory, host, port, **kwargs)
    return await _standin_connection(loop, protocol_factory, host, port, kwargs)


async def create_server(loop, protocol_factory, host=None, port=None, **kwargs):
    """``loop.create_server(protocol_factory, host, port, **kwargs)``, loopback only.

    ``loop`` may be ``None`` for the running loop.  Returns a server with ``sockets``,
    ``close()``, ``wait_closed()``, ``serve_forever()`` and ``async with`` support.
    """
    loop = _loop(loop)
    _require_loopback(host, "host", kwargs)
    if implementation() == REAL:
        return await loop.create_server(protocol_factory, host, port, **kwargs)
    return await _standin_server(loop, protocol_factory, host, port, kwargs)


async def open_connection(host=None, port=None, *, limit=_DEFAULT_LIMIT, **kwds):
    """``asyncio.open_connection(host, port)``: returns ``(reader, writer)``."""
    _require_loopback(host, "host", kwds)
    if implementation() == REAL:
        return await asyncio.open_connection(host, port, limit=limit, **kwds)
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=limit, loop=loop)
    protocol = asyncio.StreamReaderProtocol(reader, loop=loop)
    transport, _ = await _standin_connection(loop, lambda: protocol, host, port, kwds)
    writer = asyncio.StreamWriter(transport, protocol, reader, loop)
    return reader, writer


async def start_server(client_connected_cb, host=None, port=None, *, limit=_DEFAULT_LIMIT, **kwds):
    """``asyncio.start_server(client_connected_cb, host, port)``: returns the server.

    ``client_connected_cb(reader, writer)`` runs for every connection; if it is a
    coroutine function it runs as a task.
    """
    _require_loopback(host, "host", kwds)
    if implementation() == REAL:
        return await asyncio.start_server(client_connected_cb, host, port, limit=limit, **kwds)
    loop = asyncio.get_running_loop()

    def factory():
        reader = asyncio.StreamReader(limit=limit, loop=loop)
        return asyncio.StreamReaderProtocol(reader, client_connected_cb, loop=loop)

    return await _standin_server(loop, factory, host, port, kwds)
