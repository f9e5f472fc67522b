"""Small shared helpers: reversible attribute patches and "is this the learner's code?".

Everything asyncio-lab instruments is patched on *instances* (the running loop)
or module attributes, for the duration of one cell, and restored exactly in
reverse order afterwards, even on error.  Nothing here imports IPython.
"""

from __future__ import annotations

import asyncio
import os
import sys
import sysconfig
import types
from typing import Any

__all__ = ["Patches", "is_learner_file", "learner_frame", "describe_file", "cell_label", "PROBES", "others_ready", "is_kernel_task"]

_MISSING = object()


class Patches:
    """A stack of attribute patches, undone in reverse order by :meth:`restore`."""

    __slots__ = ("_undo",)

    def __init__(self) -> None:
        self._undo: list[tuple[Any, str, Any]] = []

    def set(self, obj: Any, name: str, value: Any) -> Any:
        """Set ``obj.name = value``; return the attribute as it resolved before."""
        before = getattr(obj, name, None)
        own = vars(obj).get(name, _MISSING) if hasattr(obj, "__dict__") else _MISSING
        setattr(obj, name, value)  # AttributeError for objects without a __dict__ (uvloop)
        self._undo.append((obj, name, own))
        return before

    def restore(self) -> None:
        while self._undo:
            obj, name, own = self._undo.pop()
            try:
                if own is _MISSING:
                    delattr(obj, name)
                else:
                    setattr(obj, name, own)
            except AttributeError:  # pragma: no cover - already gone
                pass

    def __bool__(self) -> bool:
        return bool(self._undo)


# --------------------------------------------------------------------------- idle probes

#: Callbacks that only watch for the loop going idle (the virtual clock's pump, the
#: call-graph recorder's probe).  Each ignores the others: two probes that each
#: waited for an empty ready queue would otherwise keep each other busy forever.
PROBES: set = set()


def others_ready(loop) -> bool:
    """True if the loop's ready queue (CPython's ``loop._ready``) holds real work."""
    for handle in loop._ready:
        if not handle._cancelled and handle._callback not in PROBES:
            return True
    return False


# --------------------------------------------------------------------------- learner code


def _library_dirs() -> tuple[str, ...]:
    dirs = set()
    paths = sysconfig.get_paths()
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        p = paths.get(key)
        if p:
            dirs.add(os.path.normpath(p))
    dirs.add(os.path.dirname(os.path.dirname(os.path.abspath(asyncio.__file__))))
    dirs.add(os.path.dirname(os.path.abspath(__file__)))  # asyncio_lab itself
    for p in sys.path:
        if p and ("site-packages" in p or "dist-packages" in p):
            dirs.add(os.path.normpath(p))
    return tuple(sorted(d + os.sep for d in dirs))


_LIB_DIRS = _library_dirs()
_LEARNER: dict[str, bool] = {}


def is_learner_file(filename: str) -> bool:
    """True for code the learner wrote: notebook cells and their own modules,
    not the standard library, installed packages or asyncio-lab."""
    try:
        return _LEARNER[filename]
    except KeyError:
        pass
    if filename.startswith("<"):  # <ipython-input-..> cells yes; <frozen ..>, <string> no
        value = not filename.startswith(("<frozen", "<string>"))
    else:
        value = not os.path.normpath(filename).startswith(_LIB_DIRS) and not filename.startswith(_LIB_DIRS)
    _LEARNER[filename] = value
    return value


#: Top-level packages of the kernels and their servers: a task whose coroutine is defined
#: in one of them is the kernel's, not the learner's.
KERNEL_PACKAGES = ("ipykernel", "IPython", "tornado", "zmq", "pyodide_kernel", "jupyter", "anyio", "comm")


def is_kernel_task(task) -> bool:
    """True for a task of the kernel's own (its coroutine is defined in a kernel package)."""
    code = getattr(task.get_coro(), "cr_code", None)
    if code is None:
        return False
    parts = code.co_filename.replace("\\", "/").split("/")
    return any(p in KERNEL_PACKAGES for p in parts)


def learner_frame(frame: types.FrameType | None) -> types.FrameType | None:
    """The innermost frame of learner code on a (sync) stack, starting at ``frame``."""
    while frame is not None:
        if is_learner_file(frame.f_code.co_filename):
            return frame
        frame = frame.f_back
    return None


def cell_label(filename: str) -> str | None:
    """``'In [3]'`` for a notebook cell's code, when IPython knows it, else None."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return None
    shell = get_ipython()
    if shell is None:
        return None
    number = getattr(shell.compile, "_filename_map", {}).get(filename)
    if number is None:
        return None
    return f"In [{number}]"


def describe_file(filename: str) -> str:
    """A short file name for display: a cell label, a stdlib-relative path, or the base name."""
    label = cell_label(filename)
    if label:
        return label
    norm = os.path.normpath(filename)
    for d in _LIB_DIRS:
        if norm.startswith(d):
            return norm[len(d):].replace(os.sep, "/")
    return os.path.basename(filename) if os.sep in filename else filename
