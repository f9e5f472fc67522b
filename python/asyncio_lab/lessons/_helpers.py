"""What the lesson checks share: finding the learner's function in the notebook, one run
of the learner's code per ``%%check``, and the errors the event loop reports while a
check runs.

The checks of one exercise each call :meth:`PerCheckRun.get` with the learner's function
(or class) and, where an exercise has several scenarios, the scenario's name; the first
call runs it, the others reuse what it observed.  An entry is dropped once every check
that looks at it has asked for it, so the next ``%%check`` (which defines the function
anew) runs the code again.  An outcome is only shared when computing it did not raise.
"""

from __future__ import annotations

import asyncio
import inspect
import weakref
from contextlib import contextmanager
from typing import Any, Awaitable, Callable, Iterator, Mapping

from ..exercises import CheckFailed


def defined(ns: Mapping[str, Any], name: str, signature: str) -> Any:
    """What the notebook calls ``name``; CheckFailed quoting ``signature`` if nothing."""
    func = ns.get(name)
    if func is None:
        raise CheckFailed(f"expected a function `{signature}` in your notebook, but `{name}` is not defined")
    return func


def coroutine_function(ns: Mapping[str, Any], name: str, signature: str):
    """The learner's ``async def name``; CheckFailed if missing or not a coroutine function."""
    func = defined(ns, name, signature)
    if not inspect.iscoroutinefunction(func):
        raise CheckFailed(
            f"expected `{name}` to be a coroutine function (defined with `async def`), "
            f"but it is {type(func).__name__}"
        )
    return func


class PerCheckRun:
    """Share one run per learner object (and scenario) among the checks that look at it.

    ``uses`` is how many checks look at each run: one number, or one per scenario name.
    """

    def __init__(self, uses: int | Mapping[str, int]):
        self._uses = uses
        self._memo: "weakref.WeakKeyDictionary[Any, dict[str | None, list]]" = weakref.WeakKeyDictionary()

    async def get(self, obj: Any, compute: Callable[[], Awaitable[Any]], key: str | None = None) -> Any:
        uses = self._uses if isinstance(self._uses, int) else self._uses[key]
        try:
            runs = self._memo.setdefault(obj, {})
        except TypeError:  # not weak-referenceable: no sharing
            return await compute()
        if key not in runs:
            runs[key] = [await compute(), uses]
        entry = runs[key]
        entry[1] -= 1
        if entry[1] <= 0:
            del runs[key]
            if not runs:
                del self._memo[obj]
        return entry[0]

    def held(self, obj: Any) -> bool:
        """Whether an outcome of ``obj``'s code is still waiting for a check."""
        try:
            return bool(self._memo.get(obj))
        except TypeError:
            return False


@contextmanager
def loop_errors() -> Iterator[list[dict]]:
    """Collect what the loop's exception handler receives inside the block (instead of stderr)."""
    loop = asyncio.get_running_loop()
    found: list[dict] = []
    previous = loop.get_exception_handler()
    loop.set_exception_handler(lambda _loop, context: found.append(context))
    try:
        yield found
    finally:
        loop.set_exception_handler(previous)


#: Why waiting with a time limit of one's own fails the download checks (their downloads run on a
#: virtual clock, so they may take an hour without any real time passing).
LONG_DOWNLOADS = (
    "The check's downloads take up to an hour (on a virtual clock, so no real time passes); nothing "
    "in the exercise asks to give up, so wait for them however long they take"
)


async def stop_left_behind(rec: Any, before: set) -> list[str]:
    """Cancel what the learner's code left running under the recorder ``rec``; say what it was.

    ``before`` is ``asyncio.all_tasks()`` from before the learner's code ran.  The recorder
    knows only the helpers that started; every task the code created and left pending counts
    too, also those that had not even started yet.  Returns the descriptions (empty if nothing
    was left), after the cancelled tasks have had a step to unwind.
    """
    leftovers = rec.still_running()
    pending_new = [
        task for task in asyncio.all_tasks() - before
        if not task.done() and task is not asyncio.current_task()
    ]
    if len(pending_new) > len(leftovers):
        leftovers += [f"{len(pending_new) - len(leftovers)} task(s) that had not even started"]
    rec.cancel_leftovers()
    for task in pending_new:
        task.cancel()
    if pending_new:
        await asyncio.sleep(0)  # let the cancelled tasks unwind
    return leftovers


@contextmanager
def loop_reports_ignored(*kinds: type[BaseException]) -> Iterator[None]:
    """While the learner's code runs, keep the loop from reporting exceptions of ``kinds`` itself.

    Pyodide's loop reports a task's exception at once ("Unhandled exception in event loop") when
    nothing is attached to the task yet, even if the learner's code awaits it a moment later; the
    checks judge what the code did with the failures instead.  Any other report goes to the
    handler that was in place, which is put back afterwards.
    """
    loop = asyncio.get_running_loop()
    previous = loop.get_exception_handler()

    def handler(loop_, context: dict) -> None:
        if isinstance(context.get("exception"), kinds):
            return
        if previous is not None:
            previous(loop_, context)
        else:
            loop_.default_exception_handler(context)

    loop.set_exception_handler(handler)
    try:
        yield
    finally:
        loop.set_exception_handler(previous)


async def run_until_deadline(run: Any, call: Callable[[], Awaitable[Any]], deadline: float) -> None:
    """Await ``call()`` with at most ``deadline`` seconds of the loop's clock; note how it ended.

    Sets ``run.value``, or ``run.error`` (any ``Exception``; a ``TimeoutError`` of the learner's
    own too), or ``run.stuck`` when the deadline passed first.
    """
    try:
        async with asyncio.timeout(deadline) as scope:
            run.value = await call()
    except TimeoutError:
        if scope.expired():
            run.stuck = True
        else:
            run.error = TimeoutError()
    except Exception as exc:  # judged by the checks that care
        run.error = exc


async def stop_strays(run: Any, rec: Any, before: set, helper: str) -> None:
    """Note and stop what the learner's code left running after it returned.

    ``run.leftovers``: the recorder's helpers still running; ``run.strays``: the names of other
    tasks created since ``before`` and not done (tasks running the lesson's own ``helper``
    coroutine function are cancelled but not named).  Everything is cancelled and awaited.
    """
    run.leftovers = rec.still_running()
    strays = [t for t in asyncio.tasks.all_tasks() if t not in before and not t.done()]
    run.strays = sorted(t.get_name() for t in strays if t.get_coro().__qualname__ != helper)
    for task in strays:
        task.cancel()
    rec.cancel_leftovers()
    if strays or run.leftovers:
        await asyncio.gather(*strays, *rec._tasks.values(), return_exceptions=True)
        await asyncio.sleep(0)
