"""Where the learner's code runs: in a browser on Pyodide, or on CPython.

Lessons branch on :data:`IN_BROWSER` where the two differ (threads, signals,
sockets) and say which one is running with :func:`describe`.
"""

from __future__ import annotations

import sys

__all__ = ["IN_BROWSER", "RUNTIME", "describe"]

#: True on Pyodide (WebAssembly in a browser or under Node).
IN_BROWSER: bool = sys.platform == "emscripten"

#: "pyodide" or "cpython" (or another implementation's name, lower case).
RUNTIME: str = "pyodide" if IN_BROWSER else sys.implementation.name


def describe() -> str:
    """One line a learner can read: the runtime and the Python version."""
    version = ".".join(str(v) for v in sys.version_info[:3])
    if IN_BROWSER:
        return f"Python {version} on Pyodide (WebAssembly, the browser's event loop)"
    names = {"cpython": "CPython", "pypy": "PyPy"}
    name = names.get(sys.implementation.name, sys.implementation.name)
    return f"Python {version} on {name} ({sys.platform})"
