"""Lesson 6 (signals): the signal stand-in, the instruments and the checks.

The same learner code runs against the real thing (``loop.add_signal_handler`` and
``os.kill`` to this very process, SIGUSR1/SIGUSR2 only) and against the stand-in the
browser uses, and the tests compare what it observed: handler calls and their
arguments, order of events, return values, errors and their messages.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import re
import signal
import textwrap

import pytest
from conftest import ROOT, arun

from lessonkit import read_notebook
from asyncio_lab import exercises
from asyncio_lab.lessons import signals as lesson
from asyncio_lab.standins import signals as sigmod
from asyncio_lab.standins import threads

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGUSR1"), reason="needs Unix signals")

KINDS = [sigmod.REAL, sigmod.STANDIN]
NOTEBOOK = ROOT / "notebooks" / "06-signals.ipynb"


@pytest.fixture(params=KINDS)
def kind(request):
    return request.param


def run(coro_fn, kind):
    async def guarded():
        try:
            return await coro_fn()
        finally:
            sigmod.signals().remove_all()  # never leave a handler behind

    with sigmod.use(kind):
        return asyncio.run(guarded())


def namespace(code: str) -> dict:
    ns = {
        "asyncio": asyncio,
        "signal": signal,
        "functools": functools,
        "job": lesson.job,
        "load_config": lesson.load_config,
    }
    exec(textwrap.dedent(code), ns)
    return ns


def check(ex_id: str, code: str, kind: str) -> exercises.CheckResult:
    with sigmod.use(kind):
        return asyncio.run(exercises.run_checks(ex_id, namespace(code)))


def failing(result: exercises.CheckResult) -> dict[str, str]:
    return {c.name: c.message for c in result.checks if not c.passed}


# --------------------------------------------------------------------------- the facade, real vs stand-in

def test_implementation_defaults_and_forcing(monkeypatch):
    monkeypatch.delenv("ASYNCIO_LAB_STANDINS", raising=False)
    assert sigmod.implementation() == sigmod.REAL
    monkeypatch.setenv("ASYNCIO_LAB_STANDINS", "all")
    assert sigmod.implementation() == sigmod.STANDIN
    with sigmod.use(sigmod.REAL):
        assert sigmod.implementation() == sigmod.REAL


def test_describe():
    assert "real Unix signals" in sigmod.describe(sigmod.REAL)
    assert "stand-in" in sigmod.describe(sigmod.STANDIN)


def test_handler_protocol_is_the_same(kind):
    """Order of events, handler arguments, replacement and removal, as the lesson shows them."""

    async def go():
        sigs = sigmod.signals()
        seen = []
        got = asyncio.Event()

        def first(*args):
            seen.append(("first", args))
            got.set()

        def second(*args):
            seen.append(("second", args))
            got.set()

        sigs.add_signal_handler(signal.SIGUSR1, first, "a", 1)
        seen.append("sending")
        sigs.raise_signal(signal.SIGUSR1)
        seen.append("sent")
        await got.wait()
        got.clear()
        sigs.add_signal_handler(signal.SIGUSR1, second)  # replaces the first
        sigs.raise_signal(signal.SIGUSR1)
        await got.wait()
        seen.append(sigs.installed())
        seen.append(sigs.remove_signal_handler(signal.SIGUSR1))
        seen.append(sigs.remove_signal_handler(signal.SIGUSR1))
        seen.append(sigs.installed())
        return seen

    assert run(go, kind) == [
        "sending",
        "sent",
        ("first", ("a", 1)),
        ("second", ()),
        ["SIGUSR1"],
        True,
        False,
        [],
    ]


def test_handler_runs_in_the_context_it_was_installed_in(kind):
    var = contextvars.ContextVar("lesson6_var", default="unset")

    async def go():
        sigs = sigmod.signals()
        got = asyncio.get_running_loop().create_future()
        var.set("installed")
        sigs.add_signal_handler(signal.SIGUSR2, lambda: got.set_result(var.get()))
        var.set("sent")
        sigs.raise_signal(signal.SIGUSR2)
        return await got

    assert run(go, kind) == "installed"


def test_a_failing_handler_goes_to_the_loop_exception_handler(kind):
    async def go():
        loop = asyncio.get_running_loop()
        caught = loop.create_future()
        loop.set_exception_handler(lambda _loop, ctx: caught.done() or caught.set_result(ctx))
        sigs = sigmod.signals()

        def boom():
            raise ValueError("from the handler")

        sigs.add_signal_handler(signal.SIGUSR1, boom)
        sigs.raise_signal(signal.SIGUSR1)
        ctx = await caught
        return type(ctx["exception"]).__name__, str(ctx["exception"]), ctx["message"].split(" ")[0]

    assert run(go, kind) == ("ValueError", "from the handler", "Exception")


ERRORS = {
    "coroutine function": (lambda sigs: sigs.add_signal_handler(signal.SIGUSR1, lesson.load_config)),
    "partial of a coroutine function": (
        lambda sigs: sigs.add_signal_handler(signal.SIGUSR1, functools.partial(lesson.job, "x"))
    ),
    "not an int": (lambda sigs: sigs.add_signal_handler("SIGUSR1", print)),
    "invalid number": (lambda sigs: sigs.add_signal_handler(999, print)),
    "uncatchable": (lambda sigs: sigs.add_signal_handler(signal.SIGKILL, print)),
    "remove with an invalid number": (lambda sigs: sigs.remove_signal_handler(999)),
    "kernel's SIGINT": (lambda sigs: sigs.add_signal_handler(signal.SIGINT, print)),
    "kernel's SIGTERM": (lambda sigs: sigs.add_signal_handler(signal.SIGTERM, print)),
    "sending SIGTERM": (lambda sigs: sigs.raise_signal(signal.SIGTERM)),
    "sending with no handler": (lambda sigs: sigs.raise_signal(signal.SIGUSR2)),
}


@pytest.mark.parametrize("case", ERRORS)
def test_errors_are_the_same(case):
    def outcome(kind):
        async def go():
            try:
                ERRORS[case](sigmod.signals())
            except Exception as exc:
                return type(exc).__name__, str(exc)
            return None

        return run(go, kind)

    real = outcome(sigmod.REAL)
    assert real is not None
    assert outcome(sigmod.STANDIN) == real


def test_a_coroutine_object_is_refused_too(kind):
    async def go():
        coro = lesson.load_config()
        try:
            sigmod.signals().add_signal_handler(signal.SIGUSR1, coro)
        except TypeError as exc:
            return str(exc)
        finally:
            coro.close()

    assert run(go, kind) == "coroutines cannot be used with add_signal_handler()"


def test_closed_loop(kind):
    loop = asyncio.new_event_loop()
    loop.close()
    with sigmod.use(kind):
        sigs = sigmod.Signals(loop)
        with pytest.raises(RuntimeError, match="Event loop is closed"):
            sigs.add_signal_handler(signal.SIGUSR1, print)


def test_not_from_another_thread():
    """A real worker thread, and the stand-in worker, both get the loop's RuntimeError."""

    def attempt(sigs):
        try:
            sigs.add_signal_handler(signal.SIGUSR1, print)
            return "worked"
        except RuntimeError as exc:
            return str(exc)

    def outcome(kind):
        async def go():
            sigs = sigmod.signals()
            return await asyncio.wrap_future(threads.start_thread(attempt, sigs))

        with threads.use(kind):
            return run(go, kind)

    assert outcome(sigmod.REAL) == outcome(sigmod.STANDIN) == (
        "set_wakeup_fd only works in main thread of the main interpreter"
    )


def test_removed_before_delivery_is_ignored_by_the_standin():
    async def go():
        sigs = sigmod.signals()
        seen = []
        sigs.add_signal_handler(signal.SIGUSR1, seen.append, 1)
        sigs.raise_signal(signal.SIGUSR1)
        sigs.remove_signal_handler(signal.SIGUSR1)
        for _ in range(5):
            await asyncio.sleep(0)
        return seen

    assert run(go, sigmod.STANDIN) == []


def test_remove_all():
    async def go():
        sigs = sigmod.signals()
        sigs.add_signal_handler(signal.SIGUSR2, print)
        sigs.add_signal_handler(signal.SIGUSR1, print)
        other = sigmod.signals()  # the registry belongs to the loop
        return other.installed(), other.remove_all(), sigs.installed()

    for kind in KINDS:
        assert run(go, kind) == (["SIGUSR1", "SIGUSR2"], ["SIGUSR1", "SIGUSR2"], [])


def test_real_handlers_leave_the_process_as_they_found_it():
    before = signal.getsignal(signal.SIGUSR1)

    async def go():
        sigs = sigmod.signals()
        sigs.add_signal_handler(signal.SIGUSR1, print)
        assert signal.getsignal(signal.SIGUSR1) is not before
        sigs.remove_signal_handler(signal.SIGUSR1)

    run(go, sigmod.REAL)
    assert signal.getsignal(signal.SIGUSR1) == signal.SIG_DFL == before


# --------------------------------------------------------------------------- exercise: graceful shutdown

SHUTDOWN = "signals.graceful-shutdown"

SHUTDOWN_CORRECT = {
    "cancel + gather(return_exceptions)": exercises.get(SHUTDOWN).solution,
    "TaskGroup": """
        async def serve(sigs, names):
            stop = asyncio.Event()
            sigs.add_signal_handler(signal.SIGUSR1, stop.set)
            try:
                async with asyncio.TaskGroup() as tg:
                    tasks = [tg.create_task(job(name)) for name in names]
                    await stop.wait()
                    for task in tasks:
                        task.cancel()
            finally:
                sigs.remove_signal_handler(signal.SIGUSR1)
            return "stopped"
    """,
    "await each, catching CancelledError": """
        async def serve(sigs, names):
            loop = asyncio.get_running_loop()
            stop = loop.create_future()
            sigs.add_signal_handler(signal.SIGUSR1, lambda: stop.done() or stop.set_result(None))
            tasks = [asyncio.create_task(job(name)) for name in names]
            await stop
            sigs.remove_signal_handler(signal.SIGUSR1)
            for task in tasks:
                task.cancel()
            for task in tasks:
                try:
                    await task
                except asyncio.CancelledError:
                    pass
            return "stopped"
    """,
    "asyncio.wait": """
        async def serve(sigs, names):
            stop = asyncio.Event()
            sigs.add_signal_handler(signal.SIGUSR1, stop.set)
            tasks = [asyncio.create_task(job(name)) for name in names]
            await stop.wait()
            for task in tasks:
                task.cancel()
            await asyncio.wait(tasks)
            sigs.remove_signal_handler(signal.SIGUSR1)
            return "stopped"
    """,
    "handler cancels the tasks itself": """
        async def serve(sigs, names):
            tasks = [asyncio.create_task(job(name)) for name in names]
            def on_signal(tasks):
                for task in tasks:
                    task.cancel()
            sigs.add_signal_handler(signal.SIGUSR1, on_signal, tasks)
            results = await asyncio.gather(*tasks, return_exceptions=True)
            sigs.remove_signal_handler(signal.SIGUSR1)
            return "stopped"
    """,
}


@pytest.mark.parametrize("approach", SHUTDOWN_CORRECT)
def test_shutdown_correct_approaches_pass(approach, kind):
    result = check(SHUTDOWN, SHUTDOWN_CORRECT[approach], kind)
    assert result.passed, result.to_text()


SHUTDOWN_WRONG = {
    "starter: nothing stopped": (
        exercises.get(SHUTDOWN).starter,
        "every job is cancelled and cleans up first",
        "never cancelled and still running",
    ),
    "cancel without waiting": (
        """
        async def serve(sigs, names):
            stop = asyncio.Event()
            sigs.add_signal_handler(signal.SIGUSR1, stop.set)
            tasks = [asyncio.create_task(job(name)) for name in names]
            await stop.wait()
            for task in tasks:
                task.cancel()
            sigs.remove_signal_handler(signal.SIGUSR1)
            return "stopped"
        """,
        "every job is cancelled and cleans up first",
        "cancelled but had not finished cleaning up",
    ),
    "gather without return_exceptions": (
        """
        async def serve(sigs, names):
            stop = asyncio.Event()
            sigs.add_signal_handler(signal.SIGUSR1, stop.set)
            tasks = [asyncio.create_task(job(name)) for name in names]
            await stop.wait()
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks)
            sigs.remove_signal_handler(signal.SIGUSR1)
            return "stopped"
        """,
        "stops when SIGUSR1 arrives",
        "raised CancelledError although nobody cancelled it",
    ),
    "handler left installed": (
        """
        async def serve(sigs, names):
            stop = asyncio.Event()
            sigs.add_signal_handler(signal.SIGUSR1, stop.set)
            tasks = [asyncio.create_task(job(name)) for name in names]
            await stop.wait()
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            return "stopped"
        """,
        "the handler is removed on the way out",
        "still installed",
    ),
    "no handler": (
        """
        async def serve(sigs, names):
            tasks = [asyncio.create_task(job(name)) for name in names]
            await asyncio.sleep(3600)
        """,
        "stops when SIGUSR1 arrives",
        "no handler for SIGUSR1 was installed",
    ),
    "does not wait for the signal": (
        """
        async def serve(sigs, names):
            sigs.add_signal_handler(signal.SIGUSR1, print)
            sigs.remove_signal_handler(signal.SIGUSR1)
            return "stopped"
        """,
        "stops when SIGUSR1 arrives",
        "ended first",
    ),
    "never returns": (
        """
        async def serve(sigs, names):
            sigs.add_signal_handler(signal.SIGUSR1, print)
            tasks = [asyncio.create_task(job(name)) for name in names]
            await asyncio.Event().wait()
        """,
        "stops when SIGUSR1 arrives",
        "did not return",
    ),
    "the handler is a coroutine function": (
        """
        async def serve(sigs, names):
            stop = asyncio.Event()
            async def on_signal():
                stop.set()
            sigs.add_signal_handler(signal.SIGUSR1, on_signal)
            await stop.wait()
            return "stopped"
        """,
        "stops when SIGUSR1 arrives",
        "TypeError: coroutines cannot be used with add_signal_handler()",
    ),
}


@pytest.mark.parametrize("approach", SHUTDOWN_WRONG)
def test_shutdown_wrong_approaches_fail_with_a_helpful_message(approach, kind):
    code, check_name, phrase = SHUTDOWN_WRONG[approach]
    result = check(SHUTDOWN, code, kind)
    bad = failing(result)
    assert check_name in bad, result.to_text()
    assert phrase in bad[check_name], bad[check_name]


def test_shutdown_leaves_nothing_behind(kind):
    async def go():
        await exercises.run_checks(SHUTDOWN, namespace(exercises.get(SHUTDOWN).starter))
        await asyncio.sleep(0)
        pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        return pending, sigmod.signals().installed()

    assert run(go, kind) == ([], [])


def test_shutdown_observations_match_between_real_and_standin():
    def observe(code, kind):
        async def go():
            out = await lesson.run_serve(namespace(code)["serve"], ["x", "y"])
            return out.events_at_return, out.running_at_return, out.installed_at_return, out.value

        return run(go, kind)

    for code in [exercises.get(SHUTDOWN).starter, *SHUTDOWN_CORRECT.values()]:
        assert observe(code, sigmod.REAL) == observe(code, sigmod.STANDIN)


# --------------------------------------------------------------------------- exercise: reload

RELOAD = "signals.reload"

RELOAD_CORRECT = {
    "tasks in a list": exercises.get(RELOAD).solution,
    "lambda + set of tasks": """
        async def watch(sigs, stop):
            versions, pending = [], set()
            async def reload():
                versions.append(await load_config())
            sigs.add_signal_handler(signal.SIGUSR2, lambda: pending.add(asyncio.create_task(reload())))
            try:
                await stop.wait()
            finally:
                sigs.remove_signal_handler(signal.SIGUSR2)
            await asyncio.gather(*pending)
            return versions
    """,
    "TaskGroup": """
        async def watch(sigs, stop):
            versions = []
            async def reload():
                versions.append(await load_config())
            async with asyncio.TaskGroup() as tg:
                sigs.add_signal_handler(signal.SIGUSR2, lambda: tg.create_task(reload()))
                await stop.wait()
                sigs.remove_signal_handler(signal.SIGUSR2)
            return versions
    """,
    "queue and a consumer": """
        async def watch(sigs, stop):
            versions = []
            queue = asyncio.Queue()
            sigs.add_signal_handler(signal.SIGUSR2, queue.put_nowait, "reload")
            async def consume():
                while True:
                    await queue.get()
                    versions.append(await load_config())
                    queue.task_done()
            consumer = asyncio.create_task(consume())
            await stop.wait()
            sigs.remove_signal_handler(signal.SIGUSR2)
            await queue.join()
            consumer.cancel()
            return versions
    """,
    "partial + ensure_future": """
        async def watch(sigs, stop):
            versions, pending = [], []
            async def reload():
                versions.append(await load_config())
            def start(pending):
                pending.append(asyncio.ensure_future(reload()))
            sigs.add_signal_handler(signal.SIGUSR2, functools.partial(start, pending))
            await stop.wait()
            sigs.remove_signal_handler(signal.SIGUSR2)
            for task in pending:
                await task
            return versions
    """,
}


@pytest.mark.parametrize("approach", RELOAD_CORRECT)
def test_reload_correct_approaches_pass(approach, kind):
    result = check(RELOAD, RELOAD_CORRECT[approach], kind)
    assert result.passed, result.to_text()


RELOAD_WRONG = {
    "starter: the coroutine function as handler": (
        exercises.get(RELOAD).starter,
        "each SIGUSR2 reloads the configuration",
        "TypeError: coroutines cannot be used with add_signal_handler()",
    ),
    "calls the coroutine function in a lambda": (
        """
        async def watch(sigs, stop):
            versions = []
            async def reload():
                versions.append(await load_config())
            sigs.add_signal_handler(signal.SIGUSR2, lambda: reload())
            await stop.wait()
            sigs.remove_signal_handler(signal.SIGUSR2)
            return versions
        """,
        "each SIGUSR2 reloads the configuration",
        "never awaited",
    ),
    "does not wait for the last reload": (
        """
        async def watch(sigs, stop):
            versions, pending = [], []
            async def reload():
                versions.append(await load_config())
            sigs.add_signal_handler(signal.SIGUSR2, lambda: pending.append(asyncio.create_task(reload())))
            await stop.wait()
            sigs.remove_signal_handler(signal.SIGUSR2)
            return versions
        """,
        "no reload left running",
        "still running when `watch` returned",
    ),
    "handler left installed": (
        """
        async def watch(sigs, stop):
            versions, pending = [], []
            async def reload():
                versions.append(await load_config())
            sigs.add_signal_handler(signal.SIGUSR2, lambda: pending.append(asyncio.create_task(reload())))
            await stop.wait()
            await asyncio.gather(*pending)
            return versions
        """,
        "the handler is removed on the way out",
        "still installed",
    ),
    "wrong signal": (
        """
        async def watch(sigs, stop):
            sigs.add_signal_handler(signal.SIGUSR1, print)
            await stop.wait()
            return []
        """,
        "each SIGUSR2 reloads the configuration",
        "no handler for SIGUSR2 was installed",
    ),
}


@pytest.mark.parametrize("approach", RELOAD_WRONG)
def test_reload_wrong_approaches_fail_with_a_helpful_message(approach, kind):
    code, check_name, phrase = RELOAD_WRONG[approach]
    result = check(RELOAD, code, kind)
    bad = failing(result)
    assert check_name in bad, result.to_text()
    assert phrase in bad[check_name], bad[check_name]


def test_reload_observations_match_between_real_and_standin():
    def observe(code, kind):
        async def go():
            out = await lesson.run_watch(namespace(code)["watch"])
            return out.events_at_return, out.value, out.installed_at_return, out.log.reloads_finished

        return run(go, kind)

    for code in [exercises.get(RELOAD).starter, *RELOAD_CORRECT.values()]:
        assert observe(code, sigmod.REAL) == observe(code, sigmod.STANDIN)


# --------------------------------------------------------------------------- the notebook, both ways

def _code_cells():
    nb = read_notebook(NOTEBOOK)
    return [c.source for c in nb.cells if c.cell_type == "code"]


def test_notebook_prints_the_same_with_real_signals_and_the_standin(shell):
    cells = _code_cells()

    def outputs(kind):
        async def go():
            out = []
            for src in cells:
                r = await arun(shell, src)
                assert r.error is None, (src, r.error)
                out.append(r.stdout)
            sigmod.signals().remove_all()
            return out

        with sigmod.use(kind):
            return asyncio.run(go())

    real, standin = outputs(sigmod.REAL), outputs(sigmod.STANDIN)
    differs = [cells[i] for i, (a, b) in enumerate(zip(real, standin)) if a != b]
    assert len(differs) == 1 and "sigs.describe()" in differs[0], differs
    text = "\n".join(real)
    assert re.search(r"1\. sending SIGUSR1\n2\. sent.*\n3\. handler: hello\n4\. back in the cell\nremoved: True\nremoved again: False", text)
    assert "right after cancel(): ['backup: started']" in text
    assert "'backup: cancelled', 'backup: cleaned up'" in text
    assert "add_signal_handler works here" in text
    assert "set_wakeup_fd only works in main thread" in text


RUNNER_SIGINT = """
import asyncio, signal, sys

log = []

async def first_only():
    signal.raise_signal(signal.SIGINT)             # a first Ctrl+C
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log.append("CancelledError at the await")
        raise
    finally:
        log.append("finally ran")

async def twice():
    signal.raise_signal(signal.SIGINT)
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        try:
            signal.raise_signal(signal.SIGINT)     # a second Ctrl+C, during the clean-up
        except KeyboardInterrupt:
            log.append("second: KeyboardInterrupt at once")
        raise

for main in (first_only, twice):
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        log.append("run() raised KeyboardInterrupt")
    log.append(f"default handler back: {signal.getsignal(signal.SIGINT) is signal.default_int_handler}")

def mine(signum, frame):
    log.append("my handler")

async def sees_its_handler():
    log.append(f"run() kept mine: {signal.getsignal(signal.SIGINT) is mine}")

signal.signal(signal.SIGINT, mine)
asyncio.run(sees_its_handler())
print(log)
"""


def test_asyncio_run_on_sigint_is_what_the_lesson_says():
    """Lesson 6: asyncio.run() (3.11+) installs its SIGINT handler when the default one is in place;
    the first Ctrl+C cancels the main task (CancelledError at the await, finally runs, run() raises
    KeyboardInterrupt), a second raises KeyboardInterrupt at once, the default handler is put back;
    a handler installed before is left alone."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", RUNNER_SIGINT], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str([
        "CancelledError at the await", "finally ran", "run() raised KeyboardInterrupt", "default handler back: True",
        "second: KeyboardInterrupt at once", "run() raised KeyboardInterrupt", "default handler back: True",
        "run() kept mine: True",
    ]), out

# --------------------------------------------------------------------------- the loop's own signal API (issue 13)

LOOP_API = {
    SHUTDOWN: """
        async def serve(sigs, names):
            loop = asyncio.get_running_loop()
            stop = asyncio.Event()
            loop.add_signal_handler(signal.SIGUSR1, stop.set)
            tasks = [asyncio.create_task(job(n)) for n in names]
            try:
                await stop.wait()
            finally:
                loop.remove_signal_handler(signal.SIGUSR1)
                for t in tasks:
                    t.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
            return "stopped"
    """,
    "signals.reload": """
        async def watch(sigs, stop):
            loop = asyncio.get_running_loop()
            versions, pending = [], []
            async def reload():
                versions.append(await load_config())
            loop.add_signal_handler(signal.SIGUSR2, lambda: pending.append(asyncio.create_task(reload())))
            await stop.wait()
            loop.remove_signal_handler(signal.SIGUSR2)
            await asyncio.gather(*pending)
            return versions
    """,
}


@pytest.mark.parametrize("ex_id", sorted(LOOP_API))
def test_the_loops_own_signal_api_passes_on_cpython(ex_id):
    result = check(ex_id, LOOP_API[ex_id], sigmod.REAL)
    assert result.passed, result.to_text()


@pytest.mark.parametrize("ex_id", sorted(LOOP_API))
def test_where_the_loop_has_no_signal_api_the_message_says_so(ex_id, monkeypatch):
    """Pyodide's WebLoop raises NotImplementedError from add_signal_handler (AbstractEventLoop's)."""
    from asyncio import unix_events

    def refuse(self, sig, callback, *args):
        raise NotImplementedError

    monkeypatch.setattr(unix_events._UnixSelectorEventLoop, "add_signal_handler", refuse)
    result = check(ex_id, LOOP_API[ex_id], sigmod.STANDIN)
    assert not result.passed
    text = result.to_text()
    assert "none was installed" not in text and "no handler" not in text, text
    assert "Pyodide" in text and "sigs.add_signal_handler" in text, text


# --------------------------------------------------------------------------- cancelling every other task (issue 13)

CANCEL_ALL_OTHERS = """
    async def serve(sigs, names):
        stop = asyncio.Event()
        sigs.add_signal_handler(signal.SIGUSR1, stop.set)
        for name in names:
            asyncio.create_task(job(name))
        await stop.wait()
        me = asyncio.current_task()
        others = [t for t in asyncio.all_tasks() if t is not me]
        for t in others:
            t.cancel()
        await asyncio.gather(*others, return_exceptions=True)
        sigs.remove_signal_handler(signal.SIGUSR1)
        return "stopped"
"""


def test_cancelling_every_other_task_gets_a_verdict(kind):
    """The check's own tasks (and the kernel's) are not in the learner's all_tasks()."""
    with sigmod.use(kind):
        result = exercises.run_checks_sync(SHUTDOWN, namespace(CANCEL_ALL_OTHERS))
    assert result.passed, result.to_text()
    assert asyncio.all_tasks is asyncio.tasks.all_tasks is exercises._real_all_tasks  # put back
