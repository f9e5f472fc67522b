"""Helpers for tests that run both under pytest on CPython and, without pytest, on the
real Pyodide runtime (test/notebooks/pyodide-pytest.test.mjs).

``@plain`` marks a test that needs no pytest fixture; an ``async def`` test
marked ``@plain`` runs with ``asyncio.run`` under pytest and is awaited on the
running WebLoop under Pyodide (where ``asyncio.run`` cannot work).  Test modules
import only this and asyncio_lab at the top; pytest and the IPython fixtures
(``shell``, ``runner`` from conftest.py) stay inside the CPython-only tests.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
import sys

PYODIDE = sys.platform == "emscripten"


def plain(fn):
    """Mark a fixture-free test; make an async one runnable by pytest."""
    if inspect.iscoroutinefunction(fn):

        @functools.wraps(fn)
        def wrapper():
            return asyncio.run(fn())

        wrapper.__plain_async__ = fn
        wrapper.__plain__ = True
        return wrapper
    fn.__plain__ = True
    return fn


@contextlib.contextmanager
def raises(exc_type, match: str | None = None):
    """A small ``pytest.raises``: yields a box whose ``.value`` is the exception."""

    class Box:
        value = None

    box = Box()
    try:
        yield box
    except exc_type as exc:
        box.value = exc
        if match is not None and match not in str(exc):
            raise AssertionError(f"{type(exc).__name__} message {str(exc)!r} does not contain {match!r}") from exc
        return
    raise AssertionError(f"{exc_type.__name__} was not raised")


def loop_patches(loop) -> set[str]:
    """Names set on the loop instance (what asyncio-lab patches must leave as they were)."""
    return {k for k in vars(loop) if k in _PATCHABLE}


_PATCHABLE = {
    "create_task", "time", "call_at", "call_later", "call_soon", "run_in_executor", "call_exception_handler",
    "create_connection", "create_server", "create_datagram_endpoint", "sock_recv", "sock_connect",
    "subprocess_exec", "add_signal_handler", "getaddrinfo",
}


async def run_plain_tests(modules, *, names=None) -> dict:
    """The Pyodide runner: run every ``@plain`` test of ``modules``; {'passed': [...], 'failed': [[name, error]]}."""
    import traceback

    passed, failed = [], []
    for module in modules:
        for name, fn in sorted(vars(module).items()):
            if not name.startswith("test_") or not getattr(fn, "__plain__", False):
                continue
            if names and name not in names:
                continue
            label = f"{module.__name__}::{name}"
            try:
                impl = getattr(fn, "__plain_async__", None)
                if impl is not None:
                    await asyncio.wait_for(impl(), 60)
                else:
                    fn()
            except Exception:
                failed.append([label, traceback.format_exc(limit=8)])
            else:
                passed.append(label)
    return {"passed": passed, "failed": failed}
