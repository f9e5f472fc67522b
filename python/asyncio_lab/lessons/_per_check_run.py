"""Run the learner's code once per ``%%check``, however many checks look at it.

The checks of one exercise each call :meth:`PerCheckRun.get` with the learner's
function; the first call runs it, the others reuse what it observed.  The entry is
dropped once every check has asked for it, so the next ``%%check`` (which defines the
function anew) runs the code again.  An outcome is only shared when computing it
did not raise.
"""

from __future__ import annotations

import weakref
from typing import Any, Awaitable, Callable


class PerCheckRun:
    def __init__(self, checks: int):
        self.checks = checks
        self._memo: "weakref.WeakKeyDictionary[Any, list]" = weakref.WeakKeyDictionary()

    async def get(self, func: Any, compute: Callable[[], Awaitable[Any]]) -> Any:
        try:
            entry = self._memo.get(func)
        except TypeError:  # not weak-referenceable: no sharing
            return await compute()
        if entry is None:
            entry = [await compute(), self.checks]
            self._memo[func] = entry
        entry[1] -= 1
        if entry[1] <= 0:
            del self._memo[func]
        return entry[0]
