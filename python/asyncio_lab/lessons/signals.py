"""Lesson 6, signals: instruments, exercises and their checks.

Instruments the notebook imports:

* :func:`job`, a never-ending background job that cleans up (with an ``await``) in
  ``finally`` when it is cancelled, and records what happened in a :class:`Log`;
* :func:`load_config`, an async "reload the configuration" that returns ``"v1"``,
  ``"v2"``, ... and records when each reload starts and finishes;
* :func:`try_serve` and :func:`try_watch`, which run the exercises' functions the way
  their checks do (sending the signals) and print what happened, without raising.

Signals go through :mod:`asyncio_lab.standins.signals`: the loop's real
``add_signal_handler`` and ``os.kill`` on CPython, the stand-in on Pyodide.  The checks
look at behaviour only (order of events, what was still running, which handlers
were left installed); every wait is a bounded number of tiny loop steps, never a
duration that is asserted.
"""

from __future__ import annotations

import asyncio
import contextvars
import gc
import signal
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator

from ..exercises import CheckFailed, Exercise, describe_exception, make_checks, register
from ..standins import signals as standin_signals
from ._helpers import PerCheckRun, coroutine_function

__all__ = ["Log", "job", "load_config", "recording", "try_serve", "try_watch"]

LESSON = "signals"


# --------------------------------------------------------------------------- instruments

@dataclass
class Log:
    """What the instruments did, in order, plus the job tasks and reload counters."""

    events: list[str] = field(default_factory=list)
    jobs: dict[str, asyncio.Task] = field(default_factory=dict)
    reloads_started: int = 0
    reloads_finished: int = 0
    #: Called as ``on_reload_started(n)`` when reload number n starts (used by the checks).
    on_reload_started: Any = None

    def add(self, event: str) -> None:
        self.events.append(event)

    def started(self) -> list[str]:
        return [e.split(":")[0] for e in self.events if e.endswith(": started")]

    def cleaned_up(self) -> list[str]:
        return [e.split(":")[0] for e in self.events if e.endswith(": cleaned up")]

    def still_running(self) -> list[str]:
        return [name for name, task in self.jobs.items() if not task.done()]

    def print(self) -> None:
        for event in self.events:
            print(" ", event)


_DEFAULT = Log()
_CURRENT: contextvars.ContextVar[Log | None] = contextvars.ContextVar("asyncio_lab_signals_log", default=None)


def log() -> Log:
    """The log in use: that of an enclosing :func:`recording`, else a shared one."""
    return _CURRENT.get() or _DEFAULT


@contextmanager
def recording() -> Iterator[Log]:
    """Record into a fresh :class:`Log` (tasks created inside the block record there too)."""
    rec = Log()
    token = _CURRENT.set(rec)
    try:
        yield rec
    finally:
        _CURRENT.reset(token)


async def job(name: str) -> None:
    """A background job that runs until it is cancelled, then cleans up in ``finally``."""
    rec = log()
    task = asyncio.current_task()
    if task is not None:
        rec.jobs[name] = task
    rec.add(f"{name}: started")
    try:
        while True:
            await asyncio.sleep(0.001)  # one unit of work
    except asyncio.CancelledError:
        rec.add(f"{name}: cancelled")
        raise
    finally:
        await asyncio.sleep(0)  # cleaning up takes a moment: close files, flush buffers...
        rec.add(f"{name}: cleaned up")


async def load_config() -> str:
    """Reload the configuration (it takes a moment); return its version."""
    rec = log()
    rec.reloads_started += 1
    version = f"v{rec.reloads_started}"
    rec.add(f"reload {version}: started")
    if rec.on_reload_started is not None:
        rec.on_reload_started(rec.reloads_started)
    await asyncio.sleep(0.02)
    rec.reloads_finished += 1
    rec.add(f"reload {version}: finished")
    return version


# --------------------------------------------------------------------------- shared helpers

_STEP = 0.001  # one tiny loop step between two looks at the condition
#: A safety net for code that never does what is awaited (it is never asserted on):
#: everything waited for here happens within a few loop iterations when the code is right.
_PATIENCE = 2.0


async def _until(condition, patience: float = _PATIENCE) -> bool:
    """Look at ``condition()`` after every tiny loop step, until it holds or patience runs out."""
    loop = asyncio.get_running_loop()
    give_up = loop.time() + patience
    while not condition():
        if loop.time() > give_up:
            return False
        await asyncio.sleep(_STEP)
    return True


@dataclass
class Outcome:
    """What happened when a learner's coroutine ran under a check."""

    log: Log
    returned: bool = False
    value: Any = None
    error: BaseException | None = None
    early: bool = False  # returned (or raised) before the signal was sent
    no_handler: bool = False  # the handler was never installed (where the check can send the signal)
    #: Signals whose handler went to the real loop although the stand-in handles signals here.
    direct: list[str] = field(default_factory=list)
    stuck: bool = False  # still running long after the signal: the check cancelled it
    events_at_return: list[str] = field(default_factory=list)
    running_at_return: list[str] = field(default_factory=list)
    cancel_requested_at_return: list[str] = field(default_factory=list)
    installed_at_return: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


async def _run_learner(coro, out: Outcome, sigs) -> None:
    """Await the learner's coroutine; note how it ended and the state at that moment."""
    try:
        out.value = await coro
        out.returned = True
    except asyncio.CancelledError as exc:
        if asyncio.current_task().cancelling():  # cancelled by the check: not the learner's doing
            raise
        out.error = exc
    except Exception as exc:
        out.error = exc
    finally:
        out.events_at_return = list(out.log.events)
        out.running_at_return = out.log.still_running()
        out.cancel_requested_at_return = [
            name for name in out.running_at_return if out.log.jobs[name].cancelling()
        ]
        out.installed_at_return = sigs.installed()


async def _clean_up(out: Outcome, sigs, task: asyncio.Task) -> None:
    """Leave nothing behind: cancel the learner's task and leftover jobs, remove handlers."""
    leftovers = [t for t in [task, *out.log.jobs.values()] if not t.done()]
    for t in leftovers:
        t.cancel()
    if leftovers:
        await asyncio.gather(*leftovers, return_exceptions=True)
    sigs.remove_all()


_USE_SIGS = (
    "Use the `sigs` argument instead: `sigs.add_signal_handler(...)` and "
    "`sigs.remove_signal_handler(...)` work here, and on CPython they are the loop's own calls"
)


def _no_handler(out: Outcome, name: str, signame: str) -> str:
    if signame in out.direct:
        return (
            f"`{name}` installed its {signame} handler with the loop's own `add_signal_handler`, which is "
            "right on CPython, but in this kernel signals go through the lesson's stand-in "
            f"(forced in this kernel), which cannot send a signal to that handler. {_USE_SIGS}"
        )
    return (
        f"expected `{name}` to install a handler for {signame} while it runs, but no handler for "
        f"{signame} was installed (not with `sigs.add_signal_handler`, the loop's own, or `signal.signal`), "
        "so the signal could not be sent"
    )


def _what_it_raised(exc: BaseException, name: str) -> str:
    if isinstance(exc, NotImplementedError) and standin_signals.implementation() == standin_signals.STANDIN:
        return (
            f"`{name}` raised NotImplementedError: the event loop here has no signal support "
            "(in the browser, Pyodide's loop refuses `loop.add_signal_handler`, since a browser tab "
            f"gets no POSIX signals). Your approach is right on CPython. {_USE_SIGS}"
        )
    if isinstance(exc, asyncio.CancelledError):
        return (
            f"`{name}` raised CancelledError although nobody cancelled it: awaiting a task that was "
            "cancelled raises CancelledError in the code that awaits it"
        )
    return f"`{name}` raised {describe_exception(exc)}"


# --------------------------------------------------------------------------- exercise: graceful shutdown

_JOBS = ["database", "cache", "mailer"]


async def run_serve(serve, names=_JOBS, *, sig: int = signal.SIGUSR1) -> Outcome:
    """Run ``serve(sigs, names)``, send ``sig`` once all jobs run, and record what happened."""
    sigs = standin_signals.signals()
    with recording() as rec:
        out = Outcome(rec)
        task = asyncio.create_task(_run_learner(serve(sigs, list(names)), out, sigs))
    try:
        signame = signal.Signals(sig).name
        ready = lambda: task.done() or (  # noqa: E731
            sorted(rec.started()) == sorted(names) and signame in sigs.installed()
        )
        await _until(ready)
        if task.done():
            out.early = True
        elif signame not in sigs.installed():
            out.no_handler = True
            out.direct = sigs.installed_on_loop_directly()
        else:
            rec.add(f"{signame} sent")
            sigs.raise_signal(sig)
            if not await _until(task.done):
                out.stuck = True
        return out
    finally:
        await _clean_up(out, sigs, task)


_serve_runs = PerCheckRun(3)


async def _serve(ns) -> Outcome:
    serve = coroutine_function(ns, "serve", "async def serve(sigs, names)")
    out = await _serve_runs.get(serve, lambda: run_serve(serve))
    if out.no_handler:
        raise CheckFailed(_no_handler(out, "serve", "SIGUSR1"))
    if out.early:
        what = _what_it_raised(out.error, "serve") if out.error else f"it returned {out.value!r}"
        raise CheckFailed(f"expected `serve` to keep running until SIGUSR1 arrives, but it ended first: {what}")
    if out.stuck:
        raise CheckFailed("after SIGUSR1 arrived, `serve` did not return: is it still waiting for something?")
    if out.error is not None:
        raise CheckFailed(_what_it_raised(out.error, "serve") + " after SIGUSR1 arrived")
    return out


async def _serve_stops(ns):
    await _serve(ns)
    return "serve() returned after SIGUSR1 arrived"


async def _serve_cleans_up(ns):
    out = await _serve(ns)
    started = sorted(out.log.started())
    if started != sorted(_JOBS):
        raise CheckFailed(f"expected one `job` per name {_JOBS}; these started: {started}")
    done = {e.split(":")[0] for e in out.events_at_return if e.endswith(": cleaned up")}
    unfinished = [name for name in _JOBS if name not in done]
    if unfinished:
        cancelled = {e.split(":")[0] for e in out.events_at_return if e.endswith(": cancelled")}
        cancelled.update(out.cancel_requested_at_return)
        never = [n for n in unfinished if n not in cancelled]
        detail = (
            f"these were never cancelled and still running: {never}"
            if never
            else f"these were cancelled but had not finished cleaning up: {unfinished}"
        )
        raise CheckFailed(
            f"expected every job to be cancelled and to finish its cleanup before `serve` returns; "
            f"when it returned, {detail}"
        )
    return "every job was cancelled and had cleaned up when serve() returned"


async def _serve_removes_handler(ns):
    out = await _serve(ns)
    if "SIGUSR1" in out.installed_at_return:
        raise CheckFailed(
            "`serve` returned with its SIGUSR1 handler still installed: a later SIGUSR1 would call "
            "the handler of a server that has stopped. Remove the handler on the way out"
        )
    return "the SIGUSR1 handler was removed on the way out"


async def try_serve(serve, names=("db", "cache")) -> None:
    """Run ``serve(sigs, names)`` as the check does and print what happened."""
    out = await run_serve(serve, names)
    events = out.events_at_return or out.log.events
    if events:
        print("What happened, in order:")
        print_lines(events)
    if out.no_handler:
        print("->", _no_handler(out, "serve", "SIGUSR1"))
    elif out.early:
        print("-> serve() ended before the signal was sent")
    elif out.stuck:
        print("-> serve() did not return after SIGUSR1 (the lab cancelled it)")
    elif out.error is not None:
        print(f"-> serve() raised {describe_exception(out.error) or type(out.error).__name__}")
    else:
        print(f"-> serve() returned {out.value!r}")
    if out.running_at_return:
        print("-> still running when serve() returned (the lab cancelled them):", ", ".join(out.running_at_return))
    if out.installed_at_return:
        print("-> handlers still installed when serve() returned:", ", ".join(out.installed_at_return))


def print_lines(events) -> None:
    for event in events:
        print(" ", event)


#: The lesson's import cell: the starters and solutions assume it.
LESSON_SETUP = """\
import asyncio
import signal
from asyncio_lab.standins.signals import signals
from asyncio_lab.lessons.signals import job, load_config, recording, try_serve, try_watch
"""


register(
    Exercise(
        setup=LESSON_SETUP,
        id=f"{LESSON}.graceful-shutdown",
        title="Shut down gracefully on a signal",
        checks=make_checks(
            ("stops when SIGUSR1 arrives", _serve_stops),
            ("every job is cancelled and cleans up first", _serve_cleans_up),
            ("the handler is removed on the way out", _serve_removes_handler),
        ),
        hints=(
            "After `await stop.wait()` the jobs are still running. What does a task need to be told "
            "so that it stops, and how do you know it has finished its cleanup?",
            "`task.cancel()` only asks a task to stop: its `finally` block runs the next time the task "
            "gets its turn. Awaiting the task waits for that, but awaiting a cancelled task raises "
            "`CancelledError`; `asyncio.gather(*tasks, return_exceptions=True)` collects it instead.",
            "Cancel every task, then `await asyncio.gather(*tasks, return_exceptions=True)`, then "
            "`sigs.remove_signal_handler(signal.SIGUSR1)` before returning.",
        ),
        starter=(
            "async def serve(sigs, names):\n"
            "    stop = asyncio.Event()\n"
            "    sigs.add_signal_handler(signal.SIGUSR1, stop.set)\n"
            "    tasks = [asyncio.create_task(job(name)) for name in names]\n"
            "    await stop.wait()\n"
            "    # shut down gracefully here\n"
            "    return \"stopped\"\n"
        ),
        solution=(
            "async def serve(sigs, names):\n"
            "    stop = asyncio.Event()\n"
            "    sigs.add_signal_handler(signal.SIGUSR1, stop.set)\n"
            "    tasks = [asyncio.create_task(job(name)) for name in names]\n"
            "    await stop.wait()\n"
            "    for task in tasks:\n"
            "        task.cancel()\n"
            "    await asyncio.gather(*tasks, return_exceptions=True)\n"
            "    sigs.remove_signal_handler(signal.SIGUSR1)\n"
            "    return \"stopped\"\n"
        ),
    )
)


# --------------------------------------------------------------------------- exercise: reload on a signal

_RELOADS = 3


async def run_watch(
    watch, *, reloads: int = _RELOADS, sig: int = signal.SIGUSR2, stop_while_idle: bool = False
) -> Outcome:
    """Run ``watch(sigs, stop)``; send ``sig`` ``reloads`` times, then set ``stop``.

    ``stop`` is set the moment the last reload starts, so that reload is still in flight;
    with ``stop_while_idle``, once the last reload has finished instead (nothing in flight).
    """
    sigs = standin_signals.signals()
    stop = asyncio.Event()
    signame = signal.Signals(sig).name

    def set_stop() -> None:
        if not stop.is_set():
            rec.add("stop set")
            stop.set()

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuntimeWarning)
        with recording() as rec:
            if not stop_while_idle:
                rec.on_reload_started = lambda n: set_stop() if n >= reloads else None
            out = Outcome(rec)
            task = asyncio.create_task(_run_learner(watch(sigs, stop), out, sigs))
        try:
            await _until(lambda: task.done() or signame in sigs.installed())
            if task.done():
                out.early = True
            elif signame not in sigs.installed():
                out.no_handler = True
                out.direct = sigs.installed_on_loop_directly()
            else:
                for k in range(1, reloads + 1):
                    rec.add(f"{signame} sent")
                    sigs.raise_signal(sig)
                    if not await _until(lambda: rec.reloads_started >= k or task.done()):
                        break
                    last = k == reloads
                    if (not last or stop_while_idle) and not await _until(
                        lambda: rec.reloads_finished >= k or task.done()
                    ):
                        break
                set_stop()
                if not await _until(task.done):
                    out.stuck = True
            return out
        finally:
            await _clean_up(out, sigs, task)
            gc.collect()
            out.warnings = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]


_watch_runs = PerCheckRun({"in flight": 3, "idle": 1})


async def _watch(ns, scenario: str = "in flight") -> Outcome:
    watch = coroutine_function(ns, "watch", "async def watch(sigs, stop)")
    idle = scenario == "idle"
    run = (lambda: run_watch(watch, reloads=1, stop_while_idle=True)) if idle else (lambda: run_watch(watch))
    out = await _watch_runs.get(watch, run, scenario)
    if out.early:
        what = _what_it_raised(out.error, "watch") if out.error else f"it returned {out.value!r}"
        raise CheckFailed(f"expected `watch` to run until `stop` is set, but it ended first: {what}")
    if out.no_handler:
        raise CheckFailed(_no_handler(out, "watch", "SIGUSR2"))
    if out.stuck:
        when = " while no reload was running (the reload had finished)" if idle else ""
        raise CheckFailed(
            f"after `stop` was set{when}, `watch` did not return: is it still waiting for something "
            "(another signal?)"
        )
    if out.error is not None:
        raise CheckFailed(_what_it_raised(out.error, "watch"))
    return out


async def _watch_reloads(ns):
    out = await _watch(ns)
    await _watch(ns, "idle")  # stop set when nothing is in flight: watch must notice it too
    expected = [f"v{i}" for i in range(1, _RELOADS + 1)]
    if out.log.reloads_started == 0:
        never = [w for w in out.warnings if "never awaited" in w]
        extra = f" Python warned: {never[0]}." if never else ""
        raise CheckFailed(
            f"SIGUSR2 was sent {_RELOADS} times, but `load_config()` never ran: the handler was called, "
            f"yet nothing ran the reload.{extra}"
        )
    if not isinstance(out.value, list) or out.value != expected:
        raise CheckFailed(
            f"SIGUSR2 was sent {_RELOADS} times (the last one just before `stop` was set), so `watch` "
            f"should return the {_RELOADS} versions loaded, {expected}; it returned {out.value!r}"
        )
    return f"{_RELOADS} signals, {_RELOADS} reloads: {expected}"


async def _watch_nothing_left(ns):
    out = await _watch(ns)
    started, finished = out.log.reloads_started, out.log.reloads_finished
    in_flight = [e for e in out.events_at_return if e.startswith("reload")]
    if sum(e.endswith("started") for e in in_flight) != sum(e.endswith("finished") for e in in_flight):
        raise CheckFailed(
            "a reload was still running when `watch` returned: the last SIGUSR2 arrived just before "
            "`stop` was set, and its reload had not finished. Wait for the reloads you started"
        )
    if started != finished:
        raise CheckFailed(f"{started - finished} reload(s) never finished")
    return "every reload had finished when watch() returned"


async def _watch_removes_handler(ns):
    out = await _watch(ns)
    if "SIGUSR2" in out.installed_at_return:
        raise CheckFailed(
            "`watch` returned with its SIGUSR2 handler still installed. Remove it on the way out"
        )
    return "the SIGUSR2 handler was removed on the way out"


async def try_watch(watch) -> None:
    """Run ``watch(sigs, stop)`` as the check does and print what happened."""
    out = await run_watch(watch, reloads=2)
    events = out.events_at_return or out.log.events
    if events:
        print("What happened, in order:")
        print_lines(events)
    if out.early:
        if out.error is not None:
            print(f"-> watch() raised {describe_exception(out.error)}")
        else:
            print(f"-> watch() returned {out.value!r} before any signal was sent")
    elif out.no_handler:
        print("->", _no_handler(out, "watch", "SIGUSR2"))
    elif out.stuck:
        print("-> watch() did not return after stop was set (the lab cancelled it)")
    elif out.error is not None:
        print(f"-> watch() raised {describe_exception(out.error)}")
    else:
        print(f"-> watch() returned {out.value!r}")
    for w in out.warnings:
        print(f"-> Python warned: {w}")
    if out.installed_at_return:
        print("-> handlers still installed when watch() returned:", ", ".join(out.installed_at_return))


register(
    Exercise(
        setup=LESSON_SETUP,
        id=f"{LESSON}.reload",
        title="Reload the configuration on a signal",
        checks=make_checks(
            ("each SIGUSR2 reloads the configuration", _watch_reloads),
            ("no reload left running", _watch_nothing_left),
            ("the handler is removed on the way out", _watch_removes_handler),
        ),
        hints=(
            "Read the error: a signal handler is called like any loop callback, `handler(*args)`, and "
            "its return value is ignored. What happens to a coroutine that nobody awaits?",
            "The handler must be a plain function. To run async work from it, have it start a task: "
            "`asyncio.create_task(reload())`. Keep the tasks somewhere, so you can wait for them.",
            "Use a plain `def on_signal(): pending.append(asyncio.create_task(reload()))` as the "
            "handler; after `stop.wait()`, remove the handler and `await asyncio.gather(*pending)` "
            "before returning.",
        ),
        starter=(
            "async def watch(sigs, stop):\n"
            "    versions = []\n"
            "\n"
            "    async def reload():\n"
            "        versions.append(await load_config())\n"
            "\n"
            "    sigs.add_signal_handler(signal.SIGUSR2, reload)\n"
            "    await stop.wait()\n"
            "    sigs.remove_signal_handler(signal.SIGUSR2)\n"
            "    return versions\n"
        ),
        solution=(
            "async def watch(sigs, stop):\n"
            "    versions = []\n"
            "    pending = []\n"
            "\n"
            "    async def reload():\n"
            "        versions.append(await load_config())\n"
            "\n"
            "    def on_signal():\n"
            "        pending.append(asyncio.create_task(reload()))\n"
            "\n"
            "    sigs.add_signal_handler(signal.SIGUSR2, on_signal)\n"
            "    await stop.wait()\n"
            "    sigs.remove_signal_handler(signal.SIGUSR2)\n"
            "    await asyncio.gather(*pending)\n"
            "    return versions\n"
        ),
    )
)
