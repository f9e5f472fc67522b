"""Unix signals for the lessons: the loop's real signal handling on CPython, a stand-in on Pyodide.

A browser tab has no POSIX signals: Pyodide's loop raises ``NotImplementedError`` from
``add_signal_handler``.  :func:`signals` gives the lesson the loop's three signal
calls plus a way to send a signal to ourselves, with the same behaviour on both::

    sigs = signals()                                  # for the running loop
    sigs.add_signal_handler(signal.SIGUSR1, handler, "arg")   # = loop.add_signal_handler
    sigs.raise_signal(signal.SIGUSR1)                 # = os.kill(os.getpid(), SIGUSR1)
    sigs.remove_signal_handler(signal.SIGUSR1)        # = loop.remove_signal_handler -> bool

On CPython (Unix, main thread) every call is the real one: the kernel process really
receives the signal, and the loop really calls ``handler(*args)``.  On Pyodide the
stand-in keeps a registry per event loop, validates its arguments as the real loop
does (``TypeError`` for a coroutine or a coroutine function, ``TypeError``/``ValueError``
for a bad signal, ``RuntimeError`` for an uncatchable one or outside the loop's
thread, ``RuntimeError`` on a closed loop), and delivers a signal the way the real
loop does: not inside ``raise_signal``, but from the loop, after the code that sent it
has yielded (first the loop notices the signal, then it calls the handler as an
ordinary callback with ``loop.call_soon``, so an exception in the handler goes to the
loop's exception handler).  Replacing a handler and removing one (``True``, then
``False``) behave the same too.

Guard rails, identical on both so that a lesson never harms its kernel:

* ``SIGINT`` and ``SIGTERM`` are refused: in a notebook they belong to the kernel
  (the interrupt button and shutdown).  Practise with ``SIGUSR1``/``SIGUSR2``.
* :meth:`Signals.raise_signal` only sends a signal that has a handler installed
  through these helpers: without one, the default action of most signals ends the
  process, that is, the kernel.

Tests force either implementation with :func:`use`; ``ASYNCIO_LAB_STANDINS``
(``signals``, ``all`` or ``1``) makes CPython use the stand-in for a whole kernel.
"""

from __future__ import annotations

import asyncio
import contextvars
import inspect
import os
import signal as _signal
import sys
import threading
import weakref
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Callable, Iterator

from ..platform import IN_BROWSER

__all__ = ["REAL", "STANDIN", "Signals", "describe", "implementation", "signals", "use"]

REAL = "real"
STANDIN = "stand-in"
_KINDS = (REAL, STANDIN)

#: Signals a notebook must leave alone: they belong to the kernel.
RESERVED = frozenset({_signal.SIGINT, _signal.SIGTERM})

_forced: ContextVar[str | None] = ContextVar("asyncio_lab_signals_implementation", default=None)


def _env_forces_standin() -> bool:
    value = os.environ.get("ASYNCIO_LAB_STANDINS", "").lower()
    return any(v.strip() in ("1", "all", "signals") for v in value.split(","))


def _real_possible() -> bool:
    return not IN_BROWSER and hasattr(_signal, "SIGUSR1") and sys.platform != "win32"


def implementation() -> str:
    """``"real"`` (the loop's Unix signal handling) or ``"stand-in"`` (no signals here)."""
    forced = _forced.get()
    if forced is not None:
        return forced
    return REAL if _real_possible() and not _env_forces_standin() else STANDIN


@contextmanager
def use(kind: str) -> Iterator[str]:
    """Force an implementation inside the block: ``use("stand-in")`` or ``use("real")``."""
    if kind not in _KINDS:
        raise ValueError(f"kind must be one of {_KINDS}, not {kind!r}")
    if kind == REAL and not _real_possible():
        raise RuntimeError("real signal handling needs CPython on Unix; only the stand-in can run here")
    token = _forced.set(kind)
    try:
        yield kind
    finally:
        _forced.reset(token)


def describe(kind: str | None = None) -> str:
    """One line for the learner: which implementation handles signals."""
    if (kind or implementation()) == REAL:
        return (
            "signals: real Unix signals (loop.add_signal_handler; raise_signal sends "
            "os.kill(os.getpid(), sig) to this kernel's process)"
        )
    return (
        "signals: the stand-in (no POSIX signals here: a registry on the event loop; "
        "raise_signal has the loop call the handler, as the real loop does after a signal arrives)"
    )


def _name(sig: int) -> str:
    try:
        return _signal.Signals(sig).name
    except ValueError:
        return str(sig)


# --------------------------------------------------------------------------- validation (as the loop does)

def _check_callback(callback: Any) -> None:
    if asyncio.iscoroutine(callback) or inspect.iscoroutinefunction(callback):
        raise TypeError("coroutines cannot be used with add_signal_handler()")


def _check_signal(sig: Any) -> None:
    if not isinstance(sig, int):
        raise TypeError(f"sig must be an int, not {sig!r}")
    if sig not in _signal.valid_signals():
        raise ValueError(f"invalid signal number {sig}")


def _check_reserved(sig: int, what: str) -> None:
    if sig in RESERVED:
        raise RuntimeError(
            f"{what} {_name(sig)} is not allowed in a notebook: SIGINT and SIGTERM belong to "
            "the kernel (its interrupt button and its shutdown). Practise with signal.SIGUSR1 "
            "or signal.SIGUSR2; in your own programs, SIGINT and SIGTERM work the same way."
        )


_UNCATCHABLE = frozenset(s for s in (getattr(_signal, "SIGKILL", None), getattr(_signal, "SIGSTOP", None)) if s)


# --------------------------------------------------------------------------- per-loop state

class _Registry:
    """What a loop's signal handling holds: one handler per signal (stand-in), and what we installed."""

    def __init__(self) -> None:
        # sig -> (callback, args, the context it was installed in: the real loop's Handle
        # copies the context at installation and runs every call in it)
        self.handlers: dict[int, tuple[Callable[..., Any], tuple, contextvars.Context]] = {}
        self.installed: set[int] = set()  # installed through these helpers (real or stand-in)


_registries: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Registry]" = weakref.WeakKeyDictionary()


def _registry(loop: asyncio.AbstractEventLoop) -> _Registry:
    reg = _registries.get(loop)
    if reg is None:
        reg = _registries[loop] = _Registry()
    return reg


class Signals:
    """The signal calls of one event loop (see the module docstring)."""

    def __init__(self, loop: asyncio.AbstractEventLoop | None = None):
        self.loop = loop if loop is not None else asyncio.get_running_loop()
        self.kind = implementation()
        self._reg = _registry(self.loop)

    @property
    def real(self) -> bool:
        return self.kind == REAL

    def describe(self) -> str:
        """One line for the learner: which implementation these calls use."""
        return describe(self.kind)

    def __repr__(self) -> str:
        names = ", ".join(_name(s) for s in sorted(self._reg.installed)) or "none"
        return f"<Signals {self.kind} for {type(self.loop).__name__}; handlers: {names}>"

    # ----------------------------------------------------------------- the loop's calls

    def add_signal_handler(self, sig: int, callback: Callable[..., Any], *args: Any) -> None:
        """Have the loop call ``callback(*args)`` when ``sig`` arrives (replacing any handler)."""
        if isinstance(sig, int):
            _check_reserved(sig, "a handler for")
        if self.real:
            self.loop.add_signal_handler(sig, callback, *args)
        else:
            _check_callback(callback)
            _check_signal(sig)
            if self.loop.is_closed():
                raise RuntimeError("Event loop is closed")
            from . import threads  # a stand-in worker plays a thread that is not the main one

            if threads.in_worker():
                raise RuntimeError("set_wakeup_fd only works in main thread of the main interpreter")
            if sig in _UNCATCHABLE:
                raise RuntimeError(f"sig {sig} cannot be caught")
            self._reg.handlers[sig] = (callback, args, contextvars.copy_context())
        self._reg.installed.add(sig)

    def remove_signal_handler(self, sig: int) -> bool:
        """Remove the handler for ``sig``: ``True`` if there was one, else ``False``."""
        if self.real:
            removed = self.loop.remove_signal_handler(sig)
            if not removed and isinstance(sig, int) and sig in _python_level():
                _signal.signal(sig, _signal.SIG_DFL)  # installed with signal.signal: back to the default
                removed = True
        else:
            _check_signal(sig)
            removed = self._reg.handlers.pop(sig, None) is not None
            if sig in self._on_loop():  # given to the real loop directly: take it back too
                removed = self.loop.remove_signal_handler(sig) or removed
        self._reg.installed.discard(sig)
        return removed

    def raise_signal(self, sig: int) -> None:
        """Send ``sig`` to this process; its handler runs in the loop once the sender yields."""
        _check_signal(sig)
        _check_reserved(sig, "sending")
        if sig not in self._reg.installed and sig not in self._loop_own():
            raise RuntimeError(
                f"no handler for {_name(sig)} is installed on this loop: without one, its default "
                "action would end this process (the kernel), so it is not sent. Install a handler "
                "with add_signal_handler() first."
            )
        if self.real:
            os.kill(os.getpid(), sig)
            return
        # The real loop first reads the signal number from its wake-up pipe, then calls
        # the handler as an ordinary callback: two steps, both from the loop.
        self.loop.call_soon(self._deliver, sig)

    # ----------------------------------------------------------------- helpers for lessons and checks

    def _on_loop(self) -> set[int]:
        """Signals whose handler the loop itself holds (SIGINT/SIGTERM excepted: the kernel's)."""
        own = getattr(self.loop, "_signal_handlers", None) or {}
        return {int(s) for s in own if s not in RESERVED}

    def _loop_own(self) -> set[int]:
        """Handlers installed with the loop's own ``add_signal_handler`` (or with
        ``signal.signal``) count on the real implementation (a signal sent reaches them);
        the stand-in never delivers to them."""
        return (self._on_loop() | _python_level()) if self.real else set()

    def installed(self) -> list[str]:
        """Names of the signals that have a handler installed, through these helpers or, on the
        real implementation, with the running loop's own ``add_signal_handler``."""
        return [_name(s) for s in sorted(self._reg.installed | self._loop_own())]

    def installed_on_loop_directly(self) -> list[str]:
        """Names of the signals whose handler the loop holds although these helpers did not install it
        (on the stand-in: handlers given to the real loop, which the stand-in never delivers to)."""
        return [_name(s) for s in sorted(self._on_loop() - self._reg.installed)]

    def remove_all(self) -> list[str]:
        """Remove every handler installed through these helpers or on the loop itself (never
        SIGINT/SIGTERM); return their signal names."""
        names = self.installed()
        for sig in sorted(self._reg.installed | self._on_loop() | (_python_level() if self.real else set())):
            self.remove_signal_handler(sig)
        return names

    def _deliver(self, sig: int) -> None:
        entry = self._reg.handlers.get(sig)
        if entry is None:  # removed meanwhile: the real loop ignores it too
            return
        callback, args, context = entry
        self.loop.call_soon(callback, *args, context=context)


#: Signals a learner may handle with ``signal.signal`` (the lesson's two; the others
#: are the kernel's or end the process).
_USER_SIGNALS = tuple(s for s in (getattr(_signal, "SIGUSR1", None), getattr(_signal, "SIGUSR2", None)) if s)


def _python_level() -> set[int]:
    """User signals with a Python-level handler (``signal.signal(sig, func)``), not the loop's.

    The loop's own handlers show as asyncio's no-op wake-up handler here; a callable
    is someone's ``signal.signal``.
    """
    try:
        from asyncio import unix_events
    except ImportError:  # pragma: no cover - Windows
        return set()
    noop = getattr(unix_events, "_sighandler_noop", None)
    found = set()
    for sig in _USER_SIGNALS:
        try:
            handler = _signal.getsignal(sig)
        except (ValueError, OSError):  # pragma: no cover
            continue
        if callable(handler) and handler is not noop and handler is not _signal.default_int_handler:
            found.add(int(sig))
    return found


def signals(loop: asyncio.AbstractEventLoop | None = None) -> Signals:
    """The signal calls of ``loop`` (default: the running loop), real or stand-in."""
    return Signals(loop)
