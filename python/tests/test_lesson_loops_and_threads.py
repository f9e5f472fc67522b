"""Lesson 5 (event loops and threads): the thread stand-in, the instruments and the checks.

Every learner-side snippet runs twice on CPython: with real threads and with the
stand-in worker that the browser uses (forced with ``threads.use``), and the tests
compare what the code observed.  Pyodide's own ``run_in_executor`` (inline, no
threads) is reproduced by :class:`InlineExecutorLoop` so that the browser-only
failure of ``asyncio.to_thread`` is covered here too.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextvars
import functools
import re
import threading
import textwrap

import pytest
from conftest import ROOT, arun

from lessonkit import read_notebook
from asyncio_lab import exercises
from asyncio_lab.lessons import loops_and_threads as lesson
from asyncio_lab.standins import threads

KINDS = [threads.REAL, threads.STANDIN]
NOTEBOOK = ROOT / "notebooks" / "05-event-loops-and-threads.ipynb"


class InlineExecutorLoop(asyncio.SelectorEventLoop):
    """Pyodide's WebLoop.run_in_executor: this build cannot start threads, so the function runs at once."""

    def run_in_executor(self, executor, func, *args):
        fut = self.create_future()
        try:
            fut.set_result(func(*args))
        except BaseException as exc:
            fut.set_exception(exc)
        return fut


def namespace(code: str) -> dict:
    ns = {
        "asyncio": asyncio,
        "functools": functools,
        "threads": threads,
        "Label": lesson.Label,
        "fetch_blocking": lesson.fetch_blocking,
        "checksum": lesson.checksum,
        "crunch": lesson.crunch,
    }
    exec(textwrap.dedent(code), ns)
    return ns


def check(ex_id: str, code: str, kind: str, *, loop_factory=None) -> exercises.CheckResult:
    with threads.use(kind):
        with asyncio.Runner(loop_factory=loop_factory) as runner:
            return runner.run(exercises.run_checks(ex_id, namespace(code)))


def messages(result: exercises.CheckResult) -> str:
    return "\n".join(c.message for c in result.checks if not c.passed)


@pytest.fixture(params=KINDS)
def kind(request):
    return request.param


# --------------------------------------------------------------------------- the stand-in itself

def run(coro_fn, kind, *, loop_factory=None):
    with threads.use(kind):
        with asyncio.Runner(loop_factory=loop_factory) as runner:
            return runner.run(coro_fn())


def test_implementation_defaults_to_real_on_cpython(monkeypatch):
    monkeypatch.delenv("ASYNCIO_LAB_STANDINS", raising=False)
    assert threads.implementation() == threads.REAL
    monkeypatch.setenv("ASYNCIO_LAB_STANDINS", "sockets,threads")
    assert threads.implementation() == threads.STANDIN
    with threads.use(threads.REAL):
        assert threads.implementation() == threads.REAL
    with pytest.raises(ValueError):
        with threads.use("green"):
            pass


def test_describe_names_the_implementation():
    with threads.use(threads.REAL):
        assert "real operating-system threads" in threads.describe()
    with threads.use(threads.STANDIN):
        assert "stand-in" in threads.describe()


def test_a_worker_has_no_running_loop_in_both(kind):
    async def go():
        def look():
            try:
                asyncio.get_running_loop()
                return "found one"
            except RuntimeError as exc:
                return str(exc)

        fut = threads.start_thread(look)
        assert isinstance(fut, concurrent.futures.Future)
        seen = await asyncio.wrap_future(fut)
        # and the loop is back for the caller
        assert asyncio.get_running_loop() is not None
        return seen, threads.in_worker()

    assert run(go, kind) == ("no running event loop", False)


def test_results_and_exceptions_travel_through_the_future(kind):
    async def go():
        ok = await asyncio.wrap_future(threads.start_thread(lambda a, b: a + b, 2, 3))
        with pytest.raises(ZeroDivisionError):
            await asyncio.wrap_future(threads.start_thread(lambda: 1 / 0))
        kw = await threads.to_thread(lambda *, x: x * 2, x=21)
        return ok, kw

    assert run(go, kind) == (5, 42)


def test_contexts_match_the_real_thing(kind):
    var = contextvars.ContextVar("lesson5_var", default="unset")

    async def go():
        var.set("caller")
        started = await asyncio.wrap_future(threads.start_thread(var.get))
        copied = await threads.to_thread(var.get)
        return started, copied

    # threading.Thread starts with an empty context; to_thread copies the caller's.
    assert run(go, kind) == ("unset", "caller")


def test_hand_off_order_is_the_same(kind):
    """The protocol of the lesson's call_soon_threadsafe demo, observed on both."""

    async def go():
        loop = asyncio.get_running_loop()
        answer = loop.create_future()
        seen = []

        def deliver(value):
            seen.append(("deliver", threads.in_worker(), value))
            answer.set_result(value)

        def compute(loop):
            seen.append(("compute", threads.in_worker(), None))
            loop.call_soon_threadsafe(deliver, 7)
            loop.call_soon_threadsafe(seen.append, ("second hand-off", threads.in_worker(), None))

        done = threads.start_thread(compute, loop)
        value = await answer
        await asyncio.wrap_future(done)
        await asyncio.sleep(0)
        return value, seen

    value, seen = run(go, kind)
    assert value == 7
    assert seen == [("compute", True, None), ("deliver", False, 7), ("second hand-off", True, None)]


def test_run_coroutine_threadsafe_from_a_worker(kind):
    async def go():
        loop = asyncio.get_running_loop()

        async def lookup(key):
            await asyncio.sleep(0)
            return key.upper(), threads.in_worker()

        cf = await asyncio.wrap_future(
            threads.start_thread(lambda: asyncio.run_coroutine_threadsafe(lookup("k"), loop))
        )
        return type(cf), await asyncio.wrap_future(cf)

    assert run(go, kind) == (concurrent.futures.Future, ("K", False))


def test_a_real_worker_may_wait_but_a_standin_says_why_it_cannot():
    async def go():
        loop = asyncio.get_running_loop()

        async def value():
            return 1

        def wait_for_it():
            return asyncio.run_coroutine_threadsafe(value(), loop).result()

        return await asyncio.wrap_future(threads.start_thread(wait_for_it))

    assert run(go, threads.REAL) == 1
    with pytest.raises(RuntimeError, match="cannot wait for the event loop"):
        run(go, threads.STANDIN)
    # the guard is gone afterwards
    assert concurrent.futures.Future.result is threads._original_result


def test_standin_needs_the_loop():
    with threads.use(threads.STANDIN):
        with pytest.raises(RuntimeError, match="runs on the event loop"):
            threads.start_thread(print)


def test_sliced_work_takes_turns_with_the_loop(kind):
    async def go():
        async with lesson.Heartbeat() as hb:
            await threads.to_thread(lesson.checksum, "x.csv")
            await threads.to_thread(functools.partial(lesson.checksum, "y.csv"))
            lesson.checksum("z.csv")
        return [(name, worker, beats > 0) for name, _, worker, beats in hb.runs]

    assert run(go, kind) == [("x.csv", True, True), ("y.csv", True, True), ("z.csv", False, False)]


def test_standin_runs_a_wrapped_function_in_one_go():
    async def go():
        async with lesson.Heartbeat() as hb:
            await threads.to_thread(lambda: lesson.checksum("w.csv"))
        return [(worker, beats > 0) for _, _, worker, beats in hb.runs]

    assert run(go, threads.REAL) == [(True, True)]
    assert run(go, threads.STANDIN) == [(True, False)]  # the browser cannot preempt plain code


def test_checksum_without_heartbeat_and_plain_call():
    assert lesson.checksum("a") == lesson.checksum_value("a")


# --------------------------------------------------------------------------- exercise: progress-label

PROGRESS = "loops-and-threads.progress-label"

PROGRESS_CORRECT = {
    "call_soon_threadsafe": exercises.get(PROGRESS).solution,
    "lambda": """
        def worker(loop, label, names):
            for name in names:
                text = f"{name}: {fetch_blocking(name)} bytes"
                loop.call_soon_threadsafe(lambda t=text: label.set_text(t))
    """,
    "partial": """
        def worker(loop, label, names):
            for name in names:
                loop.call_soon_threadsafe(functools.partial(label.set_text, f"{name}: {fetch_blocking(name)} bytes"))
    """,
    "run_coroutine_threadsafe": """
        async def show(label, text):
            label.set_text(text)

        def worker(loop, label, names):
            for name in names:
                size = fetch_blocking(name)
                asyncio.run_coroutine_threadsafe(show(label, f"{name}: {size} bytes"), loop)
    """,
    "fetch all, then one hand-off": """
        def worker(loop, label, names):
            texts = [f"{name}: {fetch_blocking(name)} bytes" for name in names]
            def show_all():
                for text in texts:
                    label.set_text(text)
            loop.call_soon_threadsafe(show_all)
    """,
}


@pytest.mark.parametrize("approach", PROGRESS_CORRECT)
def test_progress_correct_approaches_pass(approach, kind):
    result = check(PROGRESS, PROGRESS_CORRECT[approach], kind)
    assert result.passed, result.to_text()


def test_progress_starter_fails_for_the_right_reason(kind):
    result = check(PROGRESS, exercises.get(PROGRESS).starter, kind)
    assert not result.passed
    [bad] = [c for c in result.checks if not c.passed]
    assert bad.name == "the label is only touched from its own thread"
    assert "worker's thread" in bad.message and "loop's thread" in bad.message


PROGRESS_WRONG = {
    "loop.call_soon from the worker": (
        """
        def worker(loop, label, names):
            for name in names:
                loop.call_soon(label.set_text, f"{name}: {fetch_blocking(name)} bytes")
        """,
        "the worker uses thread-safe calls",
        "loop.call_soon()",
    ),
    "asks for the running loop in the worker": (
        """
        def worker(loop, label, names):
            here = asyncio.get_running_loop()
            for name in names:
                here.call_soon_threadsafe(label.set_text, f"{name}: {fetch_blocking(name)} bytes")
        """,
        "every update reaches the label, in order",
        "RuntimeError: no running event loop",
    ),
    "async def worker": (
        """
        async def worker(loop, label, names):
            for name in names:
                label.set_text(f"{name}: {fetch_blocking(name)} bytes")
        """,
        "every update reaches the label, in order",
        "plain function",
    ),
    "only the last update": (
        """
        def worker(loop, label, names):
            text = None
            for name in names:
                text = f"{name}: {fetch_blocking(name)} bytes"
            loop.call_soon_threadsafe(label.set_text, text)
        """,
        "every update reaches the label, in order",
        "expected the label to show",
    ),
    "missing": ("work = None", "every update reaches the label, in order", "`worker` is not defined"),
}


@pytest.mark.parametrize("approach", PROGRESS_WRONG)
def test_progress_wrong_approaches_fail_with_a_helpful_message(approach, kind):
    code, failing_check, phrase = PROGRESS_WRONG[approach]
    result = check(PROGRESS, code, kind)
    assert not result.passed
    by_name = {c.name: c for c in result.checks}
    assert not by_name[failing_check].passed
    assert phrase in by_name[failing_check].message, by_name[failing_check].message


def test_progress_observations_match_between_real_and_standin():
    code = exercises.get(PROGRESS).solution
    starter = exercises.get(PROGRESS).starter

    def observe(src, kind):
        async def go():
            label, watched, error = await lesson.run_worker(namespace(src)["worker"], ["a", "bb", "ccc"])
            return [(text, own) for text, _, own in label.history], watched.misuse, error

        return run(go, kind)

    for src in (code, starter):
        assert observe(src, threads.REAL) == observe(src, threads.STANDIN)


# --------------------------------------------------------------------------- exercise: offload

OFFLOAD = "loops-and-threads.offload"

OFFLOAD_CORRECT_EVERYWHERE = {
    "to_thread one by one": exercises.get(OFFLOAD).solution,
    "gather": """
        async def checksums(names):
            return list(await asyncio.gather(*(threads.to_thread(checksum, n) for n in names)))
    """,
    "TaskGroup": """
        async def checksums(names):
            async with asyncio.TaskGroup() as tg:
                tasks = [tg.create_task(threads.to_thread(checksum, n)) for n in names]
            return [t.result() for t in tasks]
    """,
    "start_thread + wrap_future": """
        async def checksums(names):
            futures = [threads.start_thread(checksum, n) for n in names]
            return [await asyncio.wrap_future(f) for f in futures]
    """,
    "partial": """
        async def checksums(names):
            return [await threads.to_thread(functools.partial(checksum, n)) for n in names]
    """,
}

# Correct with real threads; in the browser these run inline (asyncio's own calls) or
# cannot be sliced (a wrapper function), which the check explains.
OFFLOAD_CORRECT_WITH_THREADS = {
    "asyncio.to_thread": """
        async def checksums(names):
            return [await asyncio.to_thread(checksum, n) for n in names]
    """,
    "run_in_executor": """
        async def checksums(names):
            loop = asyncio.get_running_loop()
            return [await loop.run_in_executor(None, checksum, n) for n in names]
    """,
    "to_thread of a lambda": """
        async def checksums(names):
            return [await threads.to_thread(lambda n=n: checksum(n)) for n in names]
    """,
}


@pytest.mark.parametrize("approach", OFFLOAD_CORRECT_EVERYWHERE)
def test_offload_correct_approaches_pass(approach, kind):
    result = check(OFFLOAD, OFFLOAD_CORRECT_EVERYWHERE[approach], kind)
    assert result.passed, result.to_text()


@pytest.mark.parametrize("approach", OFFLOAD_CORRECT_WITH_THREADS)
def test_offload_thread_only_approaches(approach):
    code = OFFLOAD_CORRECT_WITH_THREADS[approach]
    result = check(OFFLOAD, code, threads.REAL)
    assert result.passed, result.to_text()
    if approach != "to_thread of a lambda":
        # As in the browser: no threads, asyncio's executor runs the function inline.
        result = check(OFFLOAD, code, threads.STANDIN, loop_factory=InlineExecutorLoop)
        assert not result.passed
        assert "In the browser Pyodide cannot start threads" in messages(result)
    else:
        result = check(OFFLOAD, code, threads.STANDIN)
        assert not result.passed
        assert "pass it" in messages(result) or "`to_thread(checksum, name)`" in messages(result)


def test_offload_starter_fails_because_the_loop_is_blocked(kind):
    result = check(OFFLOAD, exercises.get(OFFLOAD).starter, kind)
    [bad] = [c for c in result.checks if not c.passed]
    assert bad.name == "the loop keeps running meanwhile"
    assert "checksum('sales.csv')" in bad.message and "no other task could run" in bad.message


OFFLOAD_WRONG = {
    "a task that still blocks": (
        """
        async def one(name):
            return checksum(name)

        async def checksums(names):
            tasks = [asyncio.create_task(one(n)) for n in names]
            return [await t for t in tasks]
        """,
        "the loop keeps running meanwhile",
        "no other task could run",
    ),
    "forgot to await": (
        """
        async def checksums(names):
            return [threads.to_thread(checksum, n) for n in names]
        """,
        "returns every checksum, in order",
        "expected `checksum(name)` of each name",
    ),
    "fire and forget": (
        """
        async def checksums(names):
            return [asyncio.create_task(threads.to_thread(checksum, n)) for n in names]
        """,
        "returns every checksum, in order",
        "expected `checksum(name)` of each name",
    ),
    "not async": (
        """
        def checksums(names):
            return [checksum(n) for n in names]
        """,
        "returns every checksum, in order",
        "coroutine function",
    ),
}


@pytest.mark.parametrize("approach", OFFLOAD_WRONG)
def test_offload_wrong_approaches_fail_with_a_helpful_message(approach, kind):
    code, failing_check, phrase = OFFLOAD_WRONG[approach]
    result = check(OFFLOAD, code, kind)
    assert not result.passed
    by_name = {c.name: c for c in result.checks}
    assert not by_name[failing_check].passed
    assert phrase in by_name[failing_check].message, by_name[failing_check].message


def test_offload_observations_match_between_real_and_standin():
    def observe(src, kind):
        async def go():
            value, hb = await lesson.run_with_heartbeat(namespace(src)["checksums"], ["p", "q"])
            return value, [(name, worker, beats > 0) for name, _, worker, beats in hb.runs], hb.leftovers

        return run(go, kind)

    for src in (exercises.get(OFFLOAD).solution, exercises.get(OFFLOAD).starter, OFFLOAD_CORRECT_EVERYWHERE["gather"]):
        real, standin = observe(src, threads.REAL), observe(src, threads.STANDIN)
        # gather's workers may finish in any order: compare the set of runs
        assert (real[0], sorted(real[1]), real[2]) == (standin[0], sorted(standin[1]), standin[2])


# --------------------------------------------------------------------------- the notebook, both ways

def _normalise(text: str) -> str:
    return re.sub(r"(worker|to_thread)-\d+", r"\1-N", text)


def _code_cells():
    nb = read_notebook(NOTEBOOK)
    return [c for c in nb.cells if c.cell_type == "code"]


def test_notebook_prints_the_same_with_real_threads_and_the_standin(shell):
    """Every cell but the 'which one runs' line and the two real-threads-only demos."""
    cells = _code_cells()

    def outputs(kind):
        async def go():
            out = []
            for c in cells:
                r = await arun(shell, c.source)
                assert r.error is None, (c.source, r.error)
                out.append(_normalise(r.stdout))
            return out

        with threads.use(kind):
            return asyncio.run(go())

    real, standin = outputs(threads.REAL), outputs(threads.STANDIN)
    differs = [i for i, (a, b) in enumerate(zip(real, standin)) if a != b]
    sources = [cells[i].source for i in differs]
    assert len(differs) == 3, sources
    assert "threads.describe()" in sources[0]
    assert all("threads.implementation() == threads.REAL" in s for s in sources[1:])
    assert "no running event loop" in real[2] and "deliver(500) ran in MainThread" in real[5]


def test_notebook_reveals_what_the_text_says(shell):
    cells = [c.source for c in _code_cells()]

    async def go():
        out = []
        for src in cells:
            out.append((await arun(shell, src)).stdout)
        return out

    with threads.use(threads.REAL):
        out = asyncio.run(go())
    text = "\n".join(out)
    assert "worker-" in text and "RuntimeError: no running event loop" in text
    assert "a worker thread runs its own" in text
    assert "ran in the loop's own thread: the loop was blocked" in text
    assert "ran in a worker: the loop stayed responsive" in text
    assert "same result both ways: True" in text
    assert "<class 'concurrent.futures._base.Future'>" in text


def test_no_threads_left_behind():
    before = {t.name for t in threading.enumerate()}
    check(PROGRESS, exercises.get(PROGRESS).solution, threads.REAL)
    check(OFFLOAD, exercises.get(OFFLOAD).solution, threads.REAL)
    lingering = {t.name for t in threading.enumerate() if t.name.startswith("worker-")} - before
    assert not lingering


GET_EVENT_LOOP = """
import asyncio, threading, warnings
warnings.simplefilter("always")

def ask():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            got = type(asyncio.get_event_loop()).__name__
        except RuntimeError:
            got = "RuntimeError"
    return got, sorted({w.category.__name__ for w in caught})

print(ask())
other = []
worker = threading.Thread(target=lambda: other.append(ask()))
worker.start()
worker.join()
print(other[0])
"""


def test_get_event_loop_with_no_loop_is_what_the_lesson_says():
    """Lesson 5's table and key points: in a script's main thread 3.11 creates a loop, 3.12 and
    3.13 create one with a DeprecationWarning, 3.14 raises; another thread raises on every version."""
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", GET_EVENT_LOOP], capture_output=True, text=True, check=True)
    main, other = run.stdout.splitlines()
    version = sys.version_info[:2]
    if version >= (3, 14):
        assert main.startswith("('RuntimeError'"), main
    else:
        warned = "['DeprecationWarning']" if version >= (3, 12) else "[]"
        assert re.fullmatch(rf"\('\w*EventLoop', {re.escape(warned)}\)", main), main
    assert other.startswith("('RuntimeError'"), other

# --------------------------------------------------------------------------- a process pool (issue 13)

from lessonkit import strict_check  # noqa: E402

OFFLOAD_PROCESS_POOL = {
    # The lesson's pattern: one pool, created once, given the lesson's importable `checksum`.
    "spawn pool, gather": """
        import concurrent.futures, multiprocessing
        POOL = concurrent.futures.ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"))
        async def checksums(names):
            loop = asyncio.get_running_loop()
            return list(await asyncio.gather(*(loop.run_in_executor(POOL, checksum, n) for n in names)))
    """,
    "fork pool per call, one by one": """
        import concurrent.futures, multiprocessing
        async def checksums(names):
            loop = asyncio.get_running_loop()
            with concurrent.futures.ProcessPoolExecutor(mp_context=multiprocessing.get_context("fork")) as pool:
                return [await loop.run_in_executor(pool, checksum, n) for n in names]
    """,
}

OFFLOAD_PROCESS_POOL_WRONG = {
    # Waiting for the pool's future on the loop's thread blocks the loop as much as the work did.
    "blocking .result()": ("""
        import concurrent.futures, multiprocessing
        POOL = concurrent.futures.ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"))
        async def checksums(names):
            return [POOL.submit(checksum, n).result() for n in names]
    """, "the loop keeps running meanwhile", "the event loop stopped while checksum("),
    # Under spawn a worker cannot import a function defined in the notebook.
    "notebook function under spawn": ("""
        import concurrent.futures, multiprocessing
        def work(n):
            return checksum(n)
        POOL = concurrent.futures.ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"))
        async def checksums(names):
            loop = asyncio.get_running_loop()
            return [await loop.run_in_executor(POOL, work, n) for n in names]
    """, "returns every checksum, in order", "cannot import one defined in the notebook"),
}


@pytest.fixture(autouse=False)
def plain_main(monkeypatch):
    """A notebook's __main__ is a plain module (IPython's ModuleType, __spec__ None); an IPython
    shell an earlier test started may have left a stand-in without __spec__, which spawn needs."""
    import sys
    import types

    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))


def _shut_pool(ns):
    pool = ns.get("POOL")
    if pool is not None:
        pool.shutdown()


@pytest.mark.parametrize("approach", OFFLOAD_PROCESS_POOL)
def test_offload_process_pool_passes(approach, plain_main):
    ns = namespace(OFFLOAD_PROCESS_POOL[approach])
    try:
        result = strict_check(OFFLOAD, ns)
    finally:
        _shut_pool(ns)
    assert result.passed, messages(result)


@pytest.mark.parametrize("approach", OFFLOAD_PROCESS_POOL_WRONG)
def test_offload_process_pool_mistakes_are_named(approach, plain_main):
    code, check_name, words = OFFLOAD_PROCESS_POOL_WRONG[approach]
    ns = namespace(code)
    try:
        result = strict_check(OFFLOAD, ns)
    finally:
        _shut_pool(ns)
    bad = {c.name: c.message for c in result.checks if not c.passed}
    assert check_name in bad, messages(result)
    assert words in bad[check_name], bad[check_name]
