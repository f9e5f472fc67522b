"""UDP for the lessons: real loopback sockets on CPython, an in-memory stand-in on Pyodide.

One call, shaped like ``loop.create_datagram_endpoint`` with the loop first::

    transport, protocol = await create_datagram_endpoint(
        loop, MyProtocol, local_addr=("127.0.0.1", 0))
    # the same as: await loop.create_datagram_endpoint(MyProtocol, local_addr=("127.0.0.1", 0))

On CPython it *is* ``loop.create_datagram_endpoint`` (after checking that every
address is the loopback address).  On Pyodide, which has no sockets, it validates its
arguments the way CPython does (the same ``TypeError`` for ``reuse_address``, the same
``ValueError`` messages) and returns a :class:`MemoryDatagramTransport` (an
``asyncio.DatagramTransport``) attached to a tiny in-process network that routes
datagrams by ``(host, port)``.  Your protocol's methods are called the way a selector
loop calls them:

* ``connection_made(transport)`` before the call returns;
* ``datagram_received(data, addr)`` one datagram per loop step, ``addr`` being the
  sender's ``("127.0.0.1", port)``;
* ``error_received(exc)`` when ``sendto`` fails (``PermissionError`` for a broadcast
  address without ``allow_broadcast``, ``OSError(EMSGSIZE)`` for more than 65,507
  bytes, ``OSError(ENETUNREACH)`` for any address but the loopback, as on a
  machine whose only interface is the loopback), and, for a *connected* endpoint
  (``remote_addr``), ``ConnectionRefusedError`` when nobody listens at the peer's port,
  as Linux and macOS report the ICMP "port unreachable" reply;
* ``connection_lost(None)`` on the loop step after ``close()``; a ``sendto`` with no
  address on an unconnected endpoint is the same fatal error as on CPython (the loop's
  exception handler, then ``connection_lost(TypeError)``).

Also as in the running CPython version: a connected endpoint only receives from its
peer; ``sendto(b"")`` is dropped before 3.13 and sends an empty datagram from 3.13;
``allow_broadcast=True`` with ``remote_addr`` does not connect the socket; ``reuse_port``
lets several endpoints share a port (the stand-in models Linux; on Windows CPython
raises ``ValueError``).  ``sock=`` and address families other than ``AF_INET`` are not
available in the stand-in (a ``NotImplementedError`` says so).
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import logging
import socket
import sys
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Iterator

from ._loopback import (
    LOOPBACK,
    LOOPBACK_HOSTS,
    REAL,
    STANDIN,
    StandinSocket,
    implementation,
    loopback_problem,
    network,
    oserror,
    raise_later,
    use,
)

__all__ = [
    "MemoryDatagramTransport",
    "REAL",
    "STANDIN",
    "create_datagram_endpoint",
    "describe",
    "implementation",
    "track",
    "use",
]

logger = logging.getLogger("asyncio")

_LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5  # asyncio.constants
MAX_DATAGRAM = 65507  # largest UDP payload over IPv4
RECEIVE_BUFFER = 212992  # bytes a socket queues before dropping datagrams (Linux default)
_SENDS_EMPTY_DATAGRAMS = sys.version_info >= (3, 13)

_tracked: ContextVar[list | None] = ContextVar("asyncio_lab_datagram_tracked", default=None)


def describe() -> str:
    """Which implementation ``create_datagram_endpoint`` uses here, in one line."""
    if implementation() == REAL:
        return "real UDP sockets on 127.0.0.1 (loop.create_datagram_endpoint)"
    return (
        "stand-in: your DatagramProtocol driven by an in-memory datagram network "
        "(this runtime has no sockets)"
    )


@contextmanager
def track() -> Iterator[list]:
    """Collect the transports that :func:`create_datagram_endpoint` creates inside the block.

    With real sockets, those the running loop's own ``loop.create_datagram_endpoint``
    creates inside the block are collected too (the method is wrapped on the loop
    instance for the block's duration, and put back as it was on the way out).
    """
    found: list = []
    token = _tracked.set(found)
    loop = None
    if implementation() == REAL:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
    own = loop is not None and "create_datagram_endpoint" in vars(loop)
    previous = vars(loop).get("create_datagram_endpoint") if loop is not None else None
    if loop is not None:
        original = loop.create_datagram_endpoint

        async def create_datagram_endpoint(*args, **kwargs):
            transport, protocol = await original(*args, **kwargs)
            if transport not in found:
                found.append(transport)
            return transport, protocol

        loop.create_datagram_endpoint = create_datagram_endpoint
    try:
        yield found
    finally:
        _tracked.reset(token)
        if loop is not None:
            if own:
                loop.create_datagram_endpoint = previous
            else:
                del loop.create_datagram_endpoint


def _set_result_unless_cancelled(fut: asyncio.Future, result: Any) -> None:
    if not fut.cancelled():
        fut.set_result(result)


# --------------------------------------------------------------------------- transport

class MemoryDatagramTransport(asyncio.DatagramTransport):
    """A datagram endpoint on the stand-in network (what ``_SelectorDatagramTransport`` is for a socket)."""

    def __init__(self, loop, protocol, *, port: int | None, address, connected: bool, options: dict):
        sockname = (LOOPBACK, port) if port else ("0.0.0.0", 0)
        peername = address if connected else None
        extra = {
            "sockname": sockname,
            "peername": peername,
            "socket": StandinSocket(socket.AF_INET, socket.SOCK_DGRAM, sockname, peername, options),
        }
        super().__init__(extra)
        self._loop = loop
        self._protocol = protocol
        self._protocol_connected = True
        self._port = port  # None until the first send binds an ephemeral port
        self._address = address  # default destination (remote_addr), connected or not
        self._connected = connected
        self._reuse_port = bool(options.get((socket.SOL_SOCKET, getattr(socket, "SO_REUSEPORT", -1))))
        self._broadcast = bool(options.get((socket.SOL_SOCKET, socket.SO_BROADCAST)))
        self._inbox: list[tuple] = []  # ("data", bytes, addr) or ("error", exc), in arrival order
        self._inbox_bytes = 0
        self._read_scheduled = False
        self._reading_started = False
        self._closing = False
        self._conn_lost = 0
        self._gone = False
        self._high_water, self._low_water = 64 * 1024, 16 * 1024
        if port:
            network(loop).udp.setdefault(port, []).append(self)
        loop.call_soon(protocol.connection_made, self)
        # only start reading when connection_made() has been called
        loop.call_soon(self._start_reading)

    def __repr__(self) -> str:
        state = " closed" if self._gone else " closing" if self._closing else ""
        local = f"{LOOPBACK}:{self._port}" if self._port else "unbound"
        peer = f" -> {self._address[0]}:{self._address[1]}" if self._address else ""
        return f"<MemoryDatagramTransport{state} {local}{peer}>"

    # -- protocol and state
    def set_protocol(self, protocol) -> None:
        self._protocol = protocol
        self._protocol_connected = True

    def get_protocol(self):
        return self._protocol

    def is_closing(self) -> bool:
        return self._closing

    def get_write_buffer_size(self) -> int:
        return 0  # every datagram leaves at once

    def get_write_buffer_limits(self) -> tuple[int, int]:
        return (self._low_water, self._high_water)

    def set_write_buffer_limits(self, high: int | None = None, low: int | None = None) -> None:
        if high is None:
            high = 64 * 1024 if low is None else 4 * low
        if low is None:
            low = high // 4
        if not high >= low >= 0:
            raise ValueError(f"high ({high!r}) must be >= low ({low!r}) must be >= 0")
        self._high_water, self._low_water = high, low

    # -- receiving: one datagram (or pending error) per loop step
    def _start_reading(self) -> None:
        self._reading_started = True
        self._schedule_read()

    def _schedule_read(self) -> None:
        if self._read_scheduled or not self._reading_started or self._closing or not self._inbox:
            return
        self._read_scheduled = True
        self._loop.call_soon(self._read_ready)

    def _deliver(self, item: tuple) -> None:
        if self._gone:
            return
        if item[0] == "data":
            if self._inbox_bytes + len(item[1]) > RECEIVE_BUFFER:
                return  # the receive queue is full: the datagram is dropped
            self._inbox_bytes += len(item[1])
        self._inbox.append(item)
        self._schedule_read()

    def _read_ready(self) -> None:
        self._read_scheduled = False
        if self._conn_lost or self._closing or not self._inbox:
            return
        item = self._inbox.pop(0)
        try:
            if item[0] == "data":
                self._inbox_bytes -= len(item[1])
                self._protocol.datagram_received(item[1], item[2])
            else:
                self._protocol.error_received(item[1])
        finally:
            self._schedule_read()

    # -- sending
    def _bound_port(self) -> int:
        if not self._port:  # sending from an unbound socket binds it to an ephemeral port
            self._port = network(self._loop).ephemeral_port("udp")
            network(self._loop).udp.setdefault(self._port, []).append(self)
        return self._port

    def sendto(self, data, addr=None) -> None:
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f"data argument must be a bytes-like object, not {type(data).__name__!r}")
        if not data and not _SENDS_EMPTY_DATAGRAMS:
            return
        if self._address:
            if addr not in (None, self._address):
                raise ValueError(f"Invalid address: must be None or {self._address}")
            addr = self._address
        if self._conn_lost and self._address:
            if self._conn_lost >= _LOG_THRESHOLD_FOR_CONNLOST_WRITES:
                logger.warning("socket.send() raised exception.")
            self._conn_lost += 1
            return
        if self._gone:
            # CPython's transport has dropped its loop by now; its error path fails like this
            raise AttributeError("'NoneType' object has no attribute 'call_exception_handler'")
        try:
            self._route(bytes(data), addr)
        except OSError as exc:
            self._protocol.error_received(exc)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            self._fatal_error(exc, "Fatal write error on datagram transport")

    def _route(self, data: bytes, addr) -> None:
        if not isinstance(addr, tuple):
            raise TypeError(f"sendto(): AF_INET address must be tuple, not {type(addr).__name__}")
        if len(addr) != 2:
            raise TypeError("AF_INET address must be a pair (host, port)")
        host, port = addr
        if not isinstance(host, str):
            raise TypeError(f"str, bytes or bytearray expected, not {type(host).__name__}")
        if not isinstance(port, int):
            raise TypeError(f"'{type(port).__name__}' object cannot be interpreted as an integer")
        if not 0 <= port <= 65535:
            raise OverflowError("sendto(): port must be 0-65535.")
        if len(data) > MAX_DATAGRAM:
            raise oserror(errno.EMSGSIZE)
        if host in ("<broadcast>", "255.255.255.255") or _is_broadcast(host):
            if not self._broadcast:
                raise oserror(errno.EACCES)
            raise oserror(errno.ENETUNREACH)  # the stand-in network has no interface to broadcast on
        if host not in LOOPBACK_HOSTS and not _is_loopback(host):
            raise oserror(errno.ENETUNREACH)
        source = (LOOPBACK, self._bound_port())
        receivers = [
            t
            for t in network(self._loop).udp.get(port, [])
            if host in LOOPBACK_HOSTS and not t._gone and (not t._connected or t._address == source)
        ]
        if not receivers:
            if self._connected and not self._closing:
                # ICMP "port unreachable": reported on the socket's next read
                self._loop.call_soon(self._deliver, ("error", oserror(errno.ECONNREFUSED)))
            return
        receiver = receivers[hash(source) % len(receivers)] if len(receivers) > 1 else receivers[0]
        self._loop.call_soon(receiver._deliver, ("data", data, source))

    # -- closing
    def close(self) -> None:
        if self._closing:
            return
        self._closing = True
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
            if self._port:
                bound = network(self._loop).udp.get(self._port, [])
                if self in bound:
                    bound.remove(self)
                if not bound:
                    network(self._loop).udp.pop(self._port, None)
            self._protocol = None


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback and ipaddress.ip_address(host).version == 4
    except ValueError:
        return False


def _is_broadcast(host: str) -> bool:
    try:
        return ipaddress.ip_address(host) in ipaddress.ip_network("127.0.0.0/8") and host.endswith(".255")
    except ValueError:
        return False


# --------------------------------------------------------------------------- arguments

class BaseEventLoop:
    """Named like the real class so that argument errors read exactly like CPython's."""

    def create_datagram_endpoint(
        self,
        protocol_factory,
        local_addr=None,
        remote_addr=None,
        *,
        family=0,
        proto=0,
        flags=0,
        reuse_port=None,
        allow_broadcast=None,
        sock=None,
    ) -> dict:
        return {
            "protocol_factory": protocol_factory,
            "local_addr": local_addr,
            "remote_addr": remote_addr,
            "family": family,
            "proto": proto,
            "flags": flags,
            "reuse_port": reuse_port,
            "allow_broadcast": allow_broadcast,
            "sock": sock,
        }


_SIGNATURE = BaseEventLoop()


def _standin_unsupported(what: str) -> NotImplementedError:
    return NotImplementedError(
        f"create_datagram_endpoint: {what} is not available in asyncio_lab's in-memory stand-in "
        "(this runtime has no sockets)"
    )


def _port_of(addr, what: str) -> int:
    port = addr[1]
    if isinstance(port, str) and port.isdigit():
        port = int(port)
    if not isinstance(port, int) or not 0 <= port <= 65535:
        raise OverflowError(f"{what}: port must be 0-65535.")
    return port


async def _standin_endpoint(
    loop, protocol_factory, local_addr, remote_addr, family, proto, flags, reuse_port, allow_broadcast, sock
):
    if sock is not None:
        wrong_type = sock.type == socket.SOCK_STREAM if sys.version_info >= (3, 13) else sock.type != socket.SOCK_DGRAM
        if wrong_type:
            kind = "A datagram socket" if sys.version_info >= (3, 13) else "A UDP Socket"
            raise ValueError(f"{kind} was expected, got {sock!r}")
        if local_addr or remote_addr or family or proto or flags or reuse_port or allow_broadcast:
            opts = dict(
                local_addr=local_addr, remote_addr=remote_addr, family=family, proto=proto,
                flags=flags, reuse_port=reuse_port, allow_broadcast=allow_broadcast,
            )
            problems = ", ".join(f"{k}={v}" for k, v in opts.items() if v)
            raise ValueError(
                f"socket modifier keyword arguments can not be used when sock is specified. ({problems})"
            )
        raise _standin_unsupported("sock= (an operating-system socket)")
    if not (local_addr or remote_addr):
        if family == 0:
            raise ValueError("unexpected address family")
        if family != socket.AF_INET:
            raise _standin_unsupported("an address family other than AF_INET")
    elif hasattr(socket, "AF_UNIX") and family == socket.AF_UNIX:
        for addr in (local_addr, remote_addr):
            if addr is not None and not isinstance(addr, str):
                raise TypeError("string is expected")
        raise _standin_unsupported("AF_UNIX")
    else:
        for addr in (local_addr, remote_addr):
            if addr is not None and not (isinstance(addr, tuple) and len(addr) == 2):
                raise TypeError("2-tuple is expected")
        if family not in (0, socket.AF_INET):
            raise _standin_unsupported("an address family other than AF_INET")
        for addr, what in ((local_addr, "local_addr"), (remote_addr, "remote_addr")):
            problem = loopback_problem(addr, what)
            if problem:
                raise ValueError(problem)

    net = network(loop)
    options: dict = {}
    if reuse_port:
        options[(socket.SOL_SOCKET, getattr(socket, "SO_REUSEPORT", 15))] = 1
    if allow_broadcast:
        options[(socket.SOL_SOCKET, socket.SO_BROADCAST)] = 1

    port = None
    if local_addr:
        port = _port_of(local_addr, "bind(): AF_INET address")
        if port == 0:
            port = net.ephemeral_port("udp")
        else:
            bound = [t for t in net.udp.get(port, []) if not t._gone]
            if bound and not (reuse_port and all(t._reuse_port for t in bound)):
                raise oserror(errno.EADDRINUSE)
    address = None
    if remote_addr:
        address = (LOOPBACK if remote_addr[0] == "localhost" else remote_addr[0], _port_of(remote_addr, "connect(): AF_INET address"))
        if port is None:
            port = net.ephemeral_port("udp")  # connect() binds an ephemeral port

    protocol = protocol_factory()
    waiter = loop.create_future()
    transport = MemoryDatagramTransport(
        loop, protocol, port=port, address=address, connected=bool(address) and not allow_broadcast, options=options
    )
    if reuse_port:
        transport._reuse_port = True
    loop.call_soon(_set_result_unless_cancelled, waiter, None)
    try:
        await waiter
    except BaseException:
        transport.close()
        raise
    return transport, protocol


# --------------------------------------------------------------------------- the facade

async def _record(coro):
    transport, protocol = await coro
    found = _tracked.get()
    if found is not None and transport not in found:
        found.append(transport)
    return transport, protocol


def create_datagram_endpoint(loop, protocol_factory, *args, **kwargs):
    """``loop.create_datagram_endpoint(protocol_factory, ...)``, loopback only.

    ``loop`` may be ``None`` for the running loop.  Takes exactly the real method's
    arguments (``local_addr``, ``remote_addr``, ``family``, ``proto``, ``flags``,
    ``reuse_port``, ``allow_broadcast``, ``sock``) and returns an awaitable of
    ``(transport, protocol)``.  A wrong argument raises ``TypeError`` at the call, as
    the real method does.
    """
    loop = loop if loop is not None else asyncio.get_running_loop()
    if implementation() == REAL:
        coro = loop.create_datagram_endpoint(protocol_factory, *args, **kwargs)  # the real TypeErrors
        bound = _SIGNATURE.create_datagram_endpoint(protocol_factory, *args, **kwargs)
        for what in ("local_addr", "remote_addr"):
            problem = loopback_problem(bound[what], what)
            if problem:
                coro.close()
                return raise_later(ValueError(problem))
        return _record(coro)
    bound = _SIGNATURE.create_datagram_endpoint(protocol_factory, *args, **kwargs)
    return _record(_standin_endpoint(loop, **bound))
