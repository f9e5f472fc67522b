"""Plumbing shared by the network stand-ins (:mod:`.streams`, :mod:`.datagram`).

* Which implementation runs: the real sockets of the operating system (CPython) or
  the in-process stand-in (Pyodide, which has no sockets).  Tests force either one
  with :func:`use`; ``ASYNCIO_LAB_STANDINS`` (``network``, ``all`` or ``1``) makes
  CPython use the stand-in for a whole kernel.
* The loopback rule: the course only ever talks to ``127.0.0.1`` (or ``localhost``),
  with both implementations, so nothing a lesson does leaves the machine.
* The stand-in's "network": one per event loop, a table of bound ports.  Nothing
  here touches the operating system.
"""

from __future__ import annotations

import asyncio
import errno
import os
import socket
import weakref
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Iterator

from ..platform import IN_BROWSER

REAL = "real"
STANDIN = "stand-in"
_KINDS = (REAL, STANDIN)

_forced: ContextVar[str | None] = ContextVar("asyncio_lab_network_implementation", default=None)

#: Hosts the course's network helpers accept; ``localhost`` means ``127.0.0.1``.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost")
LOOPBACK = "127.0.0.1"

#: Where the stand-in starts handing out ephemeral ports (the IANA dynamic range).
FIRST_EPHEMERAL_PORT = 49152
LAST_EPHEMERAL_PORT = 65535


def _env_forces_standin() -> bool:
    value = os.environ.get("ASYNCIO_LAB_STANDINS", "").lower()
    return any(v.strip() in ("1", "all", "network") for v in value.split(","))


def implementation() -> str:
    """``"real"`` (operating-system sockets) or ``"stand-in"`` (in-process, no sockets)."""
    forced = _forced.get()
    if forced is not None:
        return forced
    return STANDIN if IN_BROWSER or _env_forces_standin() else REAL


@contextmanager
def use(kind: str) -> Iterator[str]:
    """Force an implementation inside the block: ``use("stand-in")`` or ``use("real")``.

    The real one needs operating-system sockets, so it is refused on Pyodide.
    """
    if kind not in _KINDS:
        raise ValueError(f"kind must be one of {_KINDS}, not {kind!r}")
    if kind == REAL and IN_BROWSER:
        raise RuntimeError("real sockets do not exist on Pyodide; only the stand-in can run here")
    token = _forced.set(kind)
    try:
        yield kind
    finally:
        _forced.reset(token)


def oserror(code: int, message: str | None = None) -> OSError:
    """``OSError(code, message)``: Python picks the subclass (ConnectionRefusedError, ...)."""
    return OSError(code, message if message is not None else os.strerror(code))


def loopback_problem(addr: Any, what: str) -> str | None:
    """A message if ``addr`` is a ``(host, port)`` pair whose host is not the loopback address."""
    if isinstance(addr, tuple) and len(addr) == 2 and addr[0] not in LOOPBACK_HOSTS:
        return (
            f"asyncio_lab's network helpers only use the loopback address, so that nothing "
            f"leaves this machine: {what} must use host '127.0.0.1' (or 'localhost'), not {addr[0]!r}"
        )
    return None


def host_problem(host: Any, what: str) -> str | None:
    if host not in LOOPBACK_HOSTS:
        return (
            f"asyncio_lab's network helpers only use the loopback address, so that nothing "
            f"leaves this machine: {what} must be '127.0.0.1' (or 'localhost'), not {host!r}"
        )
    return None


def normal_host(host: str) -> str:
    return LOOPBACK if host == "localhost" else host


async def raise_later(exc: BaseException):
    """A coroutine that raises ``exc`` when awaited (errors that the real call raises on await)."""
    raise exc


class StandinSocket:
    """What ``get_extra_info("socket")`` and ``Server.sockets`` give on the stand-in.

    Only the facts a lesson reads: family, type, addresses and the options the
    endpoint was created with.  It is not a socket: nothing can be sent through it.
    """

    def __init__(self, family: int, type: int, sockname, peername=None, options: dict | None = None):
        self.family = socket.AddressFamily(family)
        self.type = socket.SocketKind(type)
        self.proto = 0
        self._sockname = sockname
        self._peername = peername
        self._options = dict(options or {})

    def getsockname(self):
        return self._sockname

    def getpeername(self):
        if self._peername is None:
            raise oserror(errno.ENOTCONN)
        return self._peername

    def getsockopt(self, level: int, option: int, buflen: int | None = None) -> int:
        return int(self._options.get((level, option), 0))

    def setsockopt(self, level: int, option: int, value) -> None:
        self._options[(level, option)] = value

    def fileno(self) -> int:
        return -1

    def gettimeout(self) -> float:
        return 0.0

    def __repr__(self) -> str:
        parts = [f"family={self.family.name}", f"type={self.type.name}", f"laddr={self._sockname}"]
        if self._peername is not None:
            parts.append(f"raddr={self._peername}")
        return f"<stand-in socket {' '.join(parts)}>"


class Network:
    """The stand-in's loopback interface: who is bound to which port, per protocol."""

    def __init__(self) -> None:
        self.tcp: dict[int, Any] = {}  # port -> listening server
        self.tcp_connected: set[int] = set()  # client ports of open connections
        self.udp: dict[int, list[Any]] = {}  # port -> bound datagram transports
        self._next = {"tcp": FIRST_EPHEMERAL_PORT, "udp": FIRST_EPHEMERAL_PORT}

    def _in_use(self, kind: str, port: int) -> bool:
        if kind == "tcp":
            return port in self.tcp or port in self.tcp_connected
        return bool(self.udp.get(port))

    def ephemeral_port(self, kind: str) -> int:
        span = LAST_EPHEMERAL_PORT - FIRST_EPHEMERAL_PORT + 1
        for _ in range(span):
            port = self._next[kind]
            self._next[kind] = FIRST_EPHEMERAL_PORT + (port + 1 - FIRST_EPHEMERAL_PORT) % span
            if not self._in_use(kind, port):
                return port
        raise oserror(errno.EADDRINUSE)


_networks: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Network]" = weakref.WeakKeyDictionary()


def network(loop: asyncio.AbstractEventLoop) -> Network:
    """The stand-in network of ``loop`` (created on first use)."""
    net = _networks.get(loop)
    if net is None:
        net = _networks[loop] = Network()
    return net
