"""Plain words for what the tracer saw: what a task awaited, its result, its exception."""

from __future__ import annotations

import asyncio
import reprlib
from typing import Any

from .. import _patch
from .._patch import describe_file, is_learner_file
from ._columns import _CoroutineType

_repr = reprlib.Repr()
_repr.maxstring = 60
_repr.maxother = 60
_repr.maxlist = _repr.maxtuple = _repr.maxdict = _repr.maxset = 6


_LEARNER_CACHE = _patch._LEARNER


def _suspension(coro: Any, yielded: Any) -> tuple:
    """(learner line, what is awaited, what was yielded) for a coroutine that just suspended."""
    learner = _LEARNER_CACHE.get
    fn = coro.cr_code.co_filename
    ok = learner(fn)
    if ok is None:
        ok = is_learner_file(fn)
    if not ok:
        # asyncio-lab's own runner (the cell's task): look further down for the learner's code
        c = coro.cr_await
        while type(c) is _CoroutineType:
            fn = c.cr_code.co_filename
            ok = learner(fn)
            if ok is None:
                ok = is_learner_file(fn)
            if ok:
                return _suspension(c, yielded)
            c = c.cr_await
        return (None, coro, yielded)
    c = coro
    nxt = c.cr_await
    while type(nxt) is _CoroutineType:
        fn = nxt.cr_code.co_filename
        ok = learner(fn)
        if ok is None:
            ok = is_learner_file(fn)
        if not ok:
            break
        c = nxt
        nxt = c.cr_await
    frame = c.cr_frame
    return (frame.f_lineno if frame is not None else None, nxt, yielded)


def _code_name(code: Any) -> str | None:
    return getattr(code, "co_qualname", getattr(code, "co_name", None)) if code is not None else None


_PRETTY = {
    "TaskGroup.__aexit__": "the end of `async with TaskGroup()` (its tasks)",
    "Timeout.__aexit__": "the end of `async with asyncio.timeout()`",
    "_wait": "asyncio.wait()",
}


def _qualname_label(coro) -> str:
    code = coro.cr_code
    name = getattr(code, "co_qualname", code.co_name)
    pretty = _PRETTY.get(name)
    if pretty:
        return pretty
    filename = code.co_filename.replace("\\", "/")
    if "/asyncio/" in filename and "." not in name:
        return f"asyncio.{name}()"
    return f"{name}()"


def describe_awaited(awaited: Any, yielded: Any) -> str:
    """Plain words for what a suspended coroutine waits for."""
    parts = []
    if type(awaited) is _CoroutineType:
        label = _qualname_label(awaited)
        if label == "asyncio.sleep()" and yielded is None:
            label = "asyncio.sleep(0): one turn of the loop"
        parts.append(label)
    target = yielded
    if target is None:
        if not parts:
            parts.append("one turn of the loop (bare yield)")
    elif isinstance(target, asyncio.Task):
        parts.append(f"task {target.get_name()!r}")
    elif isinstance(target, asyncio.Future):
        children = getattr(target, "_children", None)
        if children is not None:
            parts.append(f"gather() of {len(children)}")
        elif not parts:
            parts.append("a Future")
    elif not parts:
        parts.append(type(target).__name__)
    return ": ".join(parts)


def _describe_value(value: Any) -> str:
    if type(value) is int or value is None:  # what reprlib would print, without its dispatch
        text = repr(value)
        if len(text) <= _repr.maxlong:
            return text
    try:
        return _repr.repr(value)
    except Exception:  # a learner's __repr__ may raise
        return f"<{type(value).__name__}>"


def _describe_error(error: BaseException) -> str:
    try:
        text = str(error)
    except Exception:
        text = ""
    name = type(error).__name__
    text = f"{name}: {text}" if text else name
    return text if len(text) <= 200 else text[:199] + "…"


def describe_line(filename: str, line: int | None) -> str:  # pragma: no cover - convenience
    return f"{describe_file(filename)}:{line}" if line else describe_file(filename)
