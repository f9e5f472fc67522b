"""Lesson 5, event loops and threads: instruments, exercises and their checks.

Instruments the notebook imports:

* :class:`Label`, a stand-in for a GUI widget.  Like a real toolkit's widget it
  belongs to the thread that created it (the loop's thread here); it records every
  ``set_text`` with the thread that made it, instead of crashing as Tk or Qt might.
* :func:`fetch_blocking`, blocking work (CPU, no ``await``) for a worker thread.
* :class:`Heartbeat`, a task that beats at every loop iteration while it is active,
  and :func:`checksum`, CPU-bound work that notes whether the heartbeat went on
  while it ran, i.e. whether the loop stayed responsive.  ``checksum`` is a sliced
  function (:func:`asyncio_lab.standins.threads.sliced`), so the browser's stand-in
  worker can let the loop run between its slices, as a real thread would.

The checks look at behaviour only: what the label saw and from which thread, which
loop calls a worker made from outside the loop's thread, whether the heartbeat went
on during each checksum, results and their order.  Never at durations.
"""

from __future__ import annotations

import asyncio
import inspect
import os
import struct
import tempfile
import zlib
from typing import Any, Mapping

from ..exercises import CheckFailed, Exercise, describe_exception, hide_task, make_checks, register
from ..standins import threads
from ..workloads import crunch
from ._helpers import PerCheckRun, defined

__all__ = [
    "Heartbeat",
    "Label",
    "checksum",
    "crunch",
    "fetch_blocking",
    "file_size",
    "try_checksums",
    "try_worker",
]

LESSON = "loops-and-threads"


# --------------------------------------------------------------------------- instruments


class Label:
    """A stand-in for a GUI label: it belongs to the thread that created it.

    ``history`` lists ``(text, thread name, from the label's own thread?)`` for every
    :meth:`set_text`, in order.
    """

    def __init__(self, text: str = ""):
        self.text = text
        self.owner = threads.thread_name()
        self._owner_key = threads.thread_key()
        self.history: list[tuple[str, str, bool]] = []

    def set_text(self, text: str) -> None:
        own = threads.thread_key() == self._owner_key
        self.history.append((text, threads.thread_name(), own))
        self.text = text

    @property
    def texts(self) -> list[str]:
        return [text for text, _, _ in self.history]

    def wrong_thread(self) -> list[tuple[str, str]]:
        """``(text, thread name)`` of every update made from another thread."""
        return [(text, name) for text, name, own in self.history if not own]

    def show(self) -> None:
        """Print each update and whether it came from the label's own thread."""
        if not self.history:
            print(f"(the label was never updated; it shows {self.text!r})")
        for text, name, own in self.history:
            verdict = "ok" if own else f"WRONG THREAD: the label belongs to {self.owner}"
            print(f"{text!r:<26} set from {name:<10} {verdict}")


def file_size(name: str) -> int:
    """The size :func:`fetch_blocking` reports for ``name`` (a made-up, fixed number)."""
    return 100 * len(name) + zlib.crc32(name.encode()) % 100


def fetch_blocking(name: str) -> int:
    """Pretend to download ``name`` with a blocking library: CPU work, then its size."""
    crunch(20_000)
    return file_size(name)


# Heartbeat and checksum -------------------------------------------------------

_active: list["Heartbeat"] = []

#: Beats a checksum waits for, when it can take turns with the loop.
_BEATS_WANTED = 3
#: CPU work per slice of a checksum, and a safety cap on slices (not a timing assertion).
_SLICE = 2_000
_MAX_SLICES = 50_000


class Heartbeat:
    """``async with Heartbeat() as hb:`` runs a task that beats at every loop iteration.

    While it is active, :func:`checksum` records whether beats happened while it ran.
    ``hb.runs`` lists one entry per checksum: ``(name, thread name, in a worker?,
    beats while it ran)``.
    """

    def __init__(self) -> None:
        self.beats = 0
        #: The beat count, shared with checksums running in other processes (a process pool).
        self._shared = None
        self._log_read = 0
        self.runs: list[tuple[str, str, bool, int]] = []
        self.started: list[str] = []
        self.stopped = False
        self.loop_key: tuple | None = None
        self._task: asyncio.Task | None = None

    async def _beat(self) -> None:
        while True:
            self.beats += 1
            if self._shared is not None:
                struct.pack_into("<Q", self._shared, 0, self.beats)
            await asyncio.sleep(0)

    def collect_process_runs(self) -> None:
        """Add the checksums that ran in other processes (a process pool) since the last look.

        Such a checksum cannot see this object: it reads the beat count from a small file this
        heartbeat maps into memory (:func:`_shared_beats`), works until the loop has beaten a
        few times (or gives up), and notes its start and end, with the beats it saw, in a file
        named after this process (:func:`_process_log`).
        """
        path = _process_log(os.getpid())
        try:
            with open(path, encoding="utf-8") as f:
                f.seek(self._log_read)
                lines = f.readlines()
                self._log_read = f.tell()
        except OSError:
            return
        for line in lines:
            try:
                name, pid, event, beats = line.rstrip("\n").split("\t")
            except ValueError:
                continue
            if event == "started":
                self.started.append(name)
            elif event == "finished":
                self.runs.append((name, f"process {pid}", True, max(int(beats), 0)))

    async def __aenter__(self) -> "Heartbeat":
        try:
            os.remove(_process_log(os.getpid()))
        except OSError:
            pass
        self._shared = _shared_beats(os.getpid(), create=True)
        self.loop_key = threads.thread_key()
        self._task = hide_task(asyncio.create_task(self._beat()))
        _active.append(self)
        await asyncio.sleep(0)  # the first beat
        return self

    async def __aexit__(self, *exc) -> None:
        self.collect_process_runs()
        for path in (_process_log(os.getpid()), _process_log(os.getpid(), "beats")):
            try:
                os.remove(path)
            except OSError:
                pass
        if self._shared is not None:
            self._shared.close()
            self._shared = None
        self.stopped = True
        if self in _active:
            _active.remove(self)
        assert self._task is not None
        self._task.cancel()
        try:
            await self._task
        except asyncio.CancelledError:
            if asyncio.current_task().cancelling():  # we are being cancelled too
                raise

    def still_running(self) -> list[str]:
        self.collect_process_runs()
        finished = [name for name, *_ in self.runs]
        left = list(self.started)
        for name in finished:
            if name in left:
                left.remove(name)
        return left

    def report(self) -> None:
        """Print, for each checksum, where it ran and whether the loop kept beating meanwhile."""
        for name, thread, worker, beats in self.runs:
            where = "a worker" if worker else "the loop's own thread"
            verdict = (
                "the loop stayed responsive (the heartbeat went on)"
                if beats
                else "the loop was blocked (no heartbeat meanwhile)"
            )
            print(f"checksum({name!r}) ran in {where}: {verdict}")


def checksum_value(name: str) -> str:
    """What :func:`checksum` returns for ``name``."""
    return f"{zlib.crc32(name.encode()):08x}"


def _process_log(parent_pid: int, what: str = "log") -> str:
    """Where checksums running in child processes of ``parent_pid`` note their runs (and read its beats)."""
    return os.path.join(tempfile.gettempdir(), f"asyncio-lab-checksums-{parent_pid}.{what}")


#: Slices a checksum in another process works, at most, waiting for the loop to beat.
_PROCESS_MAX_SLICES = 2_000


def _shared_beats(parent_pid: int, *, create: bool = False):
    """The heartbeat's beat count as shared memory (an 8-byte file mapped with mmap), or None."""
    try:
        import mmap
    except ImportError:  # a runtime without mmap (the browser): no processes there either
        return None
    path = _process_log(parent_pid, "beats")
    try:
        if create:
            with open(path, "wb") as f:
                f.write(bytes(8))
        with open(path, "r+b" if create else "rb") as f:
            return mmap.mmap(f.fileno(), 8, access=mmap.ACCESS_WRITE if create else mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None


def _beats_of(shared) -> int:
    return struct.unpack_from("<Q", shared, 0)[0]


def _parent_pid() -> int | None:
    """The pid of the process that started this one with multiprocessing (a pool's worker), else None."""
    try:
        import multiprocessing
    except ImportError:  # pragma: no cover - a runtime without multiprocessing
        return None
    parent = multiprocessing.parent_process()
    return parent.pid if parent is not None else None


def _note_process_run(parent: int, name: str, event: str, beats: int = 0) -> None:
    try:
        with open(_process_log(parent), "a", encoding="utf-8") as f:
            f.write(f"{name}\t{os.getpid()}\t{event}\t{beats}\n")
    except OSError:  # nowhere to note it: the checksum itself still works
        pass


@threads.sliced
def checksum(name: str):
    """CPU-bound work (no ``await``): compute a checksum of the file ``name``.

    Called on the loop's thread it blocks the loop until it returns.  In a worker
    it keeps working until the loop has beaten a few times (when a heartbeat is
    active), which shows that the loop stayed responsive meanwhile.
    """
    parent = _parent_pid()
    if parent is not None:  # in a process pool's worker: the heartbeat is in the parent
        shared = _shared_beats(parent)
        if shared is None:
            crunch(40 * _SLICE)
        else:
            _note_process_run(parent, name, "started")
            start = _beats_of(shared)
            slices = 0
            while _beats_of(shared) - start < _BEATS_WANTED and slices < _PROCESS_MAX_SLICES:
                crunch(_SLICE)
                slices += 1
            _note_process_run(parent, name, "finished", _beats_of(shared) - start)
            shared.close()
        return checksum_value(name)
    hb = _active[-1] if _active else None
    worker = threads.in_worker()
    if hb is not None:
        hb.started.append(name)
        start = hb.beats
        here = threads.thread_key()
        # Can beats happen while this runs?  In a real thread other than the loop's, yes;
        # in a stand-in worker only if it is run slice by slice.
        interleaves = (here[0] != hb.loop_key[0]) or threads.slicing()
        slices = 0
        while interleaves and not hb.stopped and hb.beats - start < _BEATS_WANTED and slices < _MAX_SLICES:
            crunch(_SLICE)
            slices += 1
            yield
        if not interleaves:
            crunch(40 * _SLICE)
        beats = 0 if not interleaves else hb.beats - start
        hb.runs.append((name, threads.thread_name(), worker, beats))
    else:
        crunch(40 * _SLICE)
    return checksum_value(name)


# --------------------------------------------------------------------------- check helpers

def _function(ns: Mapping[str, Any], name: str, signature: str, *, coroutine: bool):
    func = defined(ns, name, signature)
    if coroutine and not inspect.iscoroutinefunction(func):
        raise CheckFailed(
            f"expected `{name}` to be a coroutine function (defined with `async def`), "
            f"but it is {type(func).__name__}"
        )
    if not coroutine and (inspect.iscoroutinefunction(func) or not callable(func)):
        raise CheckFailed(
            f"expected `{name}` to be a plain function (`def`, not `async def`): it runs in a worker "
            "thread, which has no event loop to run a coroutine"
        )
    return func


_UNSAFE = ("call_soon", "call_later", "call_at", "create_task", "create_future", "run_in_executor")


class _WatchedLoop:
    """The running loop as seen by a worker: notes the calls that are not thread-safe.

    Everything is passed through to the real loop (a real loop would accept those calls
    from another thread too, and only misbehave now and then), so the check can say
    which call was wrong.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop):
        self._loop = loop
        self._owner = threads.thread_key()
        self.misuse: list[tuple[str, str]] = []

    def __getattr__(self, name: str):
        attr = getattr(self._loop, name)
        if name not in _UNSAFE or not callable(attr):
            return attr

        def call(*args, **kwargs):
            if threads.thread_key() != self._owner:
                self.misuse.append((name, threads.thread_name()))
            return attr(*args, **kwargs)

        return call

    def __repr__(self) -> str:
        return repr(self._loop)


# --------------------------------------------------------------------------- exercise: progress label

_NAMES = ["report.pdf", "photo.jpg", "notes.txt"]


def label_texts(names) -> list[str]:
    return [f"{name}: {file_size(name)} bytes" for name in names]


async def run_worker(worker, names, *, loop=None):
    """Run ``worker(loop, label, names)`` in a worker; return ``(label, watched loop, error)``.

    After the worker has returned, the loop runs a few more iterations so that the
    hand-offs it scheduled have run.
    """
    import threading

    loop = loop or asyncio.get_running_loop()
    label = Label("waiting…")
    watched = _WatchedLoop(loop)
    error = None
    before = set(threading.enumerate())
    own: list = []

    left: list[str] = []

    def run(*args):
        me = threading.current_thread()
        own.append(me)
        try:
            return worker(*args)
        finally:  # threads the worker started and left running: what they do later is not the worker's
            left.extend(t.name for t in threading.enumerate() if t not in before and t is not me and t.is_alive())

    try:
        await asyncio.wrap_future(threads.start_thread(run, watched, label, list(names)))
    except Exception as exc:
        error = exc
    label.left_running = left  # type: ignore[attr-defined]
    for _ in range(20):
        await asyncio.sleep(0)
    strays = [t for t in threading.enumerate() if t.name in left and t not in before]
    for _ in range(100):  # let them end (a safety net of about a second, never asserted on)
        if not any(t.is_alive() for t in strays):
            break
        await asyncio.sleep(0.01)
    return label, watched, error


async def try_worker(worker, names=("a.txt", "b.txt")) -> None:
    """Run ``worker(loop, label, names)`` in a worker as the check does; print what the label saw."""
    label, watched, error = await run_worker(worker, names)
    label.show()
    if error is not None:
        print(f"-> the worker raised {describe_exception(error)}")
    for name, thread in dict.fromkeys(watched.misuse):
        print(f"-> from {thread}, the worker called loop.{name}(), which is not thread-safe")


_progress_runs = PerCheckRun(3)


async def _progress(ns):
    worker = _function(ns, "worker", "def worker(loop, label, names)", coroutine=False)
    label, watched, error = await _progress_runs.get(worker, lambda: run_worker(worker, _NAMES))
    if error is not None:
        raise CheckFailed(f"`worker` raised {describe_exception(error)} in its thread")
    return label, watched


async def _progress_all_updates(ns):
    label, _ = await _progress(ns)
    expected = label_texts(_NAMES)
    left = getattr(label, "left_running", [])
    if left:
        raise CheckFailed(
            f"`worker` returned while a thread it started was still running ({', '.join(left)}): the "
            "worker is done only when every update is handed over. Do the work in `worker` itself "
            "(it already runs in a thread of its own), or wait for the thread you start"
        )
    if label.texts != expected:
        raise CheckFailed(
            f"called with names {_NAMES}, expected the label to show {expected}, one after the "
            f"other; it showed {label.texts}"
        )
    return f"the label showed all {len(expected)} updates, in order"


async def _progress_own_thread(ns):
    label, _ = await _progress(ns)
    wrong = label.wrong_thread()
    if wrong:
        threads_used = sorted({name for _, name in wrong})
        raise CheckFailed(
            f"the label belongs to the loop's thread, but {len(wrong)} of its {len(label.history)} "
            f"updates were made from the worker's thread ({', '.join(threads_used)}). A real GUI toolkit may "
            "crash or draw garbage when a widget is touched from another thread: hand the update "
            "to the loop's thread instead"
        )
    if not label.history:
        raise CheckFailed("the label was never updated")
    return "every update ran on the label's own thread"


async def _progress_thread_safe(ns):
    _, watched = await _progress(ns)
    if watched.misuse:
        calls = sorted({f"loop.{name}()" for name, _ in watched.misuse})
        raise CheckFailed(
            f"from the worker thread, your code called {', '.join(calls)}, which may only be called "
            "from the loop's own thread (it may work most of the time, then lose or delay a "
            "callback). From another thread only the thread-safe calls are allowed"
        )
    return "the worker only used thread-safe calls to reach the loop"


#: The lesson's import cell: the starters and solutions assume it.
LESSON_SETUP = """\
import asyncio
from asyncio_lab.standins import threads
from asyncio_lab.lessons.loops_and_threads import (
    Heartbeat, Label, checksum, crunch, fetch_blocking, try_checksums, try_worker,
)
"""


register(
    Exercise(
        setup=LESSON_SETUP,
        id=f"{LESSON}.progress-label",
        title="Report progress from a worker thread",
        checks=make_checks(
            ("every update reaches the label, in order", _progress_all_updates),
            ("the label is only touched from its own thread", _progress_own_thread),
            ("the worker uses thread-safe calls", _progress_thread_safe),
        ),
        hints=(
            "`worker` runs in another thread, but the label belongs to the thread that runs the event "
            "loop. Which code runs on that thread?",
            "Callbacks that the loop calls run on the loop's thread. From another thread you may ask "
            "the loop to call something with `loop.call_soon_threadsafe(callback, *args)`.",
            "Replace `label.set_text(text)` with `loop.call_soon_threadsafe(label.set_text, text)`: the "
            "loop calls it on its own thread, in the order you scheduled the calls.",
        ),
        starter=(
            "def worker(loop, label, names):\n"
            "    for name in names:\n"
            "        size = fetch_blocking(name)              # blocking: fine, this is a worker thread\n"
            "        label.set_text(f\"{name}: {size} bytes\")  # but the label belongs to the loop's thread\n"
        ),
        solution=(
            "def worker(loop, label, names):\n"
            "    for name in names:\n"
            "        size = fetch_blocking(name)\n"
            "        loop.call_soon_threadsafe(label.set_text, f\"{name}: {size} bytes\")\n"
        ),
    )
)


# --------------------------------------------------------------------------- exercise: keep the loop responsive

_CHECK_FILES = ["sales.csv", "stock.csv", "staff.csv"]


async def run_with_heartbeat(func, names) -> tuple[Any, Heartbeat]:
    """Await ``func(names)`` while a :class:`Heartbeat` runs; return ``(value, heartbeat)``.

    ``heartbeat.still_running()`` lists the checksums that had not finished when
    ``func`` returned (read it before the heartbeat is discarded).
    """
    async with Heartbeat() as hb:
        value = await func(list(names))
        leftovers = hb.still_running()
    hb.leftovers = leftovers  # type: ignore[attr-defined]
    return value, hb


async def try_checksums(checksums, names=("a.csv", "b.csv")) -> None:
    """Await ``checksums(names)`` with a heartbeat, as the check does; print the report and the result."""
    value, hb = await run_with_heartbeat(checksums, names)
    hb.report()
    if hb.leftovers:
        print("-> still running when checksums() returned:", ", ".join(hb.leftovers))
    print("-> returned", value)


_responsive_runs = PerCheckRun(3)


async def _responsive(ns):
    func = _function(ns, "checksums", "async def checksums(names)", coroutine=True)
    try:
        return await _responsive_runs.get(func, lambda: run_with_heartbeat(func, _CHECK_FILES))
    except Exception as exc:
        problem = _no_threads_problem(exc) or _process_pool_problem(exc)
        if problem is None:
            raise
        raise CheckFailed(problem) from None


def _no_threads_problem(exc: BaseException) -> str | None:
    """What it means when this Python cannot start a thread or a process (Pyodide), or None."""
    text = describe_exception(exc)
    from ..platform import IN_BROWSER

    if isinstance(exc, RuntimeError) and (
        "can't start new thread" in str(exc) or (IN_BROWSER and "thread" in str(exc).lower())
    ):
        return (
            f"a new thread could not be started ({text}): this Python has no thread support (Pyodide is "
            "built without it: `Thread.start()` raises), so a thread pool cannot run here. The lesson's "
            "`threads.to_thread(checksum, name)` works everywhere: a real thread on CPython, the stand-in "
            "worker in the browser"
        )
    if isinstance(exc, (ImportError, NotImplementedError)) and (
        "multiprocessing" in text or "semaphore" in text or "process" in text.lower()
    ):
        return (
            f"a process pool cannot run here ({text}): this Python cannot start processes (Pyodide cannot). "
            "The lesson's `threads.to_thread(checksum, name)` works everywhere"
        )
    return None


def _process_pool_problem(exc: BaseException) -> str | None:
    """What a process pool's failure means for the learner, or None if it is not one."""
    import pickle

    try:
        from concurrent.futures.process import BrokenProcessPool
    except ImportError:  # no process pools in this Python (Pyodide): none can have broken
        return None

    text = describe_exception(exc)
    if isinstance(exc, BrokenProcessPool) or (
        isinstance(exc, (AttributeError, pickle.PicklingError)) and ("pickle" in text or "Can't get attribute" in text)
    ):
        return (
            f"the process pool failed ({text}): a worker process must import the function it runs, and "
            "under the `spawn` and `forkserver` start methods it cannot import one defined in the "
            "notebook. Give the pool the lesson's `checksum` itself (it lives in an importable module), "
            "as in `await loop.run_in_executor(pool, checksum, name)`"
        )
    return None


async def _responsive_results(ns):
    value, _ = await _responsive(ns)
    expected = [checksum_value(n) for n in _CHECK_FILES]
    if not isinstance(value, (list, tuple)):
        raise CheckFailed(f"expected a list with one checksum per name, but got {type(value).__name__}")
    if list(value) != expected:
        if sorted(map(str, value)) == sorted(expected):
            raise CheckFailed("all the checksums are there, but not in the order of `names`")
        raise CheckFailed(
            f"called with {_CHECK_FILES}, expected `checksum(name)` of each name, in order "
            f"({expected}); got {list(value)!r}"
        )
    return f"{len(expected)} checksums, in the order of `names`"


def _browser_note(runs) -> str:
    if threads.implementation() != threads.STANDIN:
        return ""
    if any(worker for _, _, worker, _ in runs):
        return (
            " (In the browser the stand-in worker can only take turns with the loop when it is given "
            "`checksum` itself, as in `to_thread(checksum, name)`; wrapped in another function it runs "
            "in one go.)"
        )
    return (
        " (In the browser Pyodide cannot start threads: `asyncio.to_thread` and `run_in_executor` run the "
        "function right here, on the loop's thread. This lesson's `threads.to_thread` is the stand-in "
        "that behaves like a thread.)"
    )


async def _responsive_heartbeat(ns):
    _, hb = await _responsive(ns)
    if not hb.runs:
        raise CheckFailed("`checksum` was never called")
    blocked = [(name, thread) for name, thread, _, beats in hb.runs if not beats]
    if blocked:
        name, thread = blocked[0]
        raise CheckFailed(
            f"the event loop stopped while checksum({name!r}) ran in {thread}: no other task could "
            f"run until it returned ({len(blocked)} of {len(hb.runs)} checksums blocked the loop)."
            + _browser_note(hb.runs)
        )
    return f"the loop kept running during all {len(hb.runs)} checksums"


async def _responsive_nothing_left(ns):
    _, hb = await _responsive(ns)
    if hb.leftovers:
        raise CheckFailed(
            f"expected every checksum to be finished when `checksums` returns, but these were still "
            f"running: {hb.leftovers}"
        )
    return "every checksum had finished when checksums() returned"


register(
    Exercise(
        setup=LESSON_SETUP,
        id=f"{LESSON}.offload",
        title="Keep the loop responsive",
        checks=make_checks(
            ("returns every checksum, in order", _responsive_results),
            ("the loop keeps running meanwhile", _responsive_heartbeat),
            ("nothing left running", _responsive_nothing_left),
        ),
        hints=(
            "`checksum(name)` is CPU work without any `await`: while it runs on the loop's thread, no "
            "other task can run. Where else could it run?",
            "`await to_thread(func, *args)` runs `func(*args)` in a worker thread and gives you its "
            "result, while the loop goes on with other tasks. In this lesson use `threads.to_thread` "
            "(on CPython it is `asyncio.to_thread`).",
            "Replace `checksum(name)` with `await threads.to_thread(checksum, name)`. (To run all "
            "three at once, gather the three `to_thread(...)` calls.)",
        ),
        starter=(
            "async def checksums(names):\n"
            "    results = []\n"
            "    for name in names:\n"
            "        results.append(checksum(name))   # CPU work, right here on the loop's thread\n"
            "    return results\n"
        ),
        solution=(
            "async def checksums(names):\n"
            "    results = []\n"
            "    for name in names:\n"
            "        results.append(await threads.to_thread(checksum, name))\n"
            "    return results\n"
        ),
    )
)
