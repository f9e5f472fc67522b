"""The tracer (plain API, also run on Pyodide) and %%timeline through a real IPython shell."""

from __future__ import annotations

import asyncio
import json

from _plain import PYODIDE, loop_patches, plain, raises

from asyncio_lab import mime, tracer
from asyncio_lab.tracer import TracingError, trace

TIMELINE_MIME = "application/vnd.asyncio-lab.timeline+json"


@plain
def test_timeline_mime_literal():
    # The TypeScript side (src/mime.ts) defines the same literal and asserts it too.
    assert mime.TIMELINE_MIME == TIMELINE_MIME
    assert mime.TIMELINE_PAYLOAD_VERSION == 1


async def _work(i, delay=0.0):
    await asyncio.sleep(delay)
    return i * 10


async def _fails():
    await asyncio.sleep(0)
    raise ValueError("bad input")


async def _forever():
    await asyncio.Event().wait()


@plain
async def test_records_each_task_its_parent_steps_and_end():
    loop = asyncio.get_running_loop()
    before = loop_patches(loop)

    async def parent():
        child = asyncio.create_task(_work(3), name="child")
        return await child

    async with trace() as tr:
        a = asyncio.create_task(_work(1), name="a")
        p = asyncio.create_task(parent(), name="parent")
        bad = asyncio.create_task(_fails(), name="bad")
        stuck = asyncio.create_task(_forever(), name="stuck")
        assert await a == 10 and await p == 30
        try:
            await bad
        except ValueError:
            pass
        await asyncio.sleep(0)
    assert loop_patches(loop) == before  # create_task restored
    tl = tr.timeline
    by = {r.name: r for r in tl.tasks}
    assert set(by) == {"a", "parent", "child", "bad", "stuck"}
    assert by["child"].parent == by["parent"].id
    assert by["a"].parent is None  # created by the block's own (untraced) task
    assert (by["a"].state, by["a"].value) == ("done", 10)
    assert by["bad"].state == "error" and isinstance(by["bad"].error, ValueError)
    assert by["stuck"].state == "pending" and by["stuck"].ended is None
    assert [r.name for r in tl.pending()] == ["stuck"]
    assert by["a"].nsteps == 2  # sleep(0) suspends once: two steps
    stuck.cancel()
    payload = tl.to_json()
    json.dumps(payload)  # serialisable as is
    tasks = {t["name"]: t for t in payload["tasks"]}
    assert tasks["bad"]["exception"] == "ValueError: bad input"
    assert tasks["a"]["result"] == "10"
    assert tasks["stuck"]["state"] == "pending" and tasks["stuck"]["ended"] is None
    assert tasks["child"]["parent"] == tasks["parent"]["id"]
    wait = tasks["a"]["waits"][0]
    assert wait["line"] == _work.__code__.co_firstlineno + 1  # `await asyncio.sleep(delay)`
    assert "asyncio.sleep(0)" in wait["awaiting"]
    pwait = tasks["parent"]["waits"][0]
    assert pwait["awaiting"] == "task 'child'"
    assert pwait["end"] is not None and pwait["start"] <= pwait["end"]
    for t in payload["tasks"]:
        assert len(t["waits"]) <= len(t["steps"])
        for s, e in t["steps"]:
            assert 0 <= s <= e <= payload["duration"] + 1e-6


@plain
async def test_payload_shape():
    async with trace() as tr:
        await asyncio.gather(*(_work(i) for i in range(3)))
    p = tr.timeline.to_json()
    assert set(p) == {"version", "clock", "unit", "duration", "tasks", "omitted", "aggregate"}
    assert p["version"] == 1 and p["clock"] == "real" and p["unit"] == "s"
    assert p["omitted"] == {"tasks": 0, "steps": 0}
    keys = {"id", "name", "parent", "created", "ended", "state", "result", "exception", "steps", "waits"}
    assert all(set(t) == keys for t in p["tasks"])
    assert len(p["aggregate"]["buckets"]) == 100
    assert set(p["aggregate"]["buckets"][0]) == {"start", "end", "running", "waiting"}


@plain
async def test_gather_and_taskgroup_children_have_the_creating_task_as_parent():
    async def main():
        async with asyncio.TaskGroup() as tg:
            tg.create_task(_work(1), name="tg-1")
            tg.create_task(_work(2), name="tg-2")
        return await asyncio.gather(_work(3), _work(4))

    async with trace() as tr:
        root = asyncio.create_task(main(), name="main")
        assert await root == [30, 40]
    tl = tr.timeline
    main_id = tl.named("main")[0].id
    kids = [r for r in tl.tasks if r.parent == main_id]
    assert len(kids) == 4  # two in the group, two made by gather
    assert tl.peak_in_flight("_work") == 2


@plain
async def test_root_task_is_the_cell():
    loop = asyncio.get_running_loop()
    tr = tracer.Tracer(loop).start()
    try:
        async def body():
            t = asyncio.create_task(_work(5))
            return await t

        task = tr.create_root_task(body(), name="cell")
        assert await task == 50
    finally:
        tr.stop()
    tl = tr.timeline
    assert tl.cell is not None and tl.cell.id == 0 and tl.cell.name == "cell"
    assert [r.parent for r in tl.tasks] == [0]
    text = tl.to_text()
    assert text.startswith("timeline: 1 task, at most 1 in flight")
    assert "#0 cell" in text and "(from #0)" in text


@plain
async def test_caps_and_aggregate():
    async with trace(max_tasks=5, max_steps=3) as tr:

        async def many_steps():
            for _ in range(10):
                await asyncio.sleep(0)

        await asyncio.gather(*(_work(i) for i in range(20)), many_steps())
    tl = tr.timeline
    p = tl.to_json()
    assert len(p["tasks"]) == 5 and p["omitted"]["tasks"] == 16
    # 16 unlisted tasks (2 steps each, or 11 for many_steps, capped at 3 kept) + listed tasks' extra steps
    assert p["omitted"]["steps"] == 15 * 2 + 11
    alive = [b["running"] + b["waiting"] for b in p["aggregate"]["buckets"]]
    assert max(alive) >= 15  # the density strip counts every task, listed or not
    assert all(len(t["steps"]) <= 3 for t in p["tasks"])


@plain
async def test_cancelled_task_and_leftover_task_after_stop():
    async with trace() as tr:
        t = asyncio.create_task(_forever(), name="victim")
        late = asyncio.create_task(_work(7, 0.01), name="late")
        await asyncio.sleep(0)
        t.cancel()
        try:
            await t
        except asyncio.CancelledError:
            pass
    assert tr.timeline.named("victim")[0].state == "cancelled"
    assert await late == 70  # still runs after tracing stopped (its wrapper only forwards)
    assert tr.timeline.named("late")[0].state == "pending"


@plain
async def test_tasks_keep_their_own_coroutine_for_reprs_and_call_graphs():
    async with trace() as tr:
        coro = _forever()
        t = asyncio.create_task(coro, name="x")
        await asyncio.sleep(0)
        assert t.get_coro() is coro  # nothing stands between the task and its coroutine
        assert "_forever" in repr(t)
        if hasattr(asyncio, "capture_call_graph"):  # 3.14 (Pyodide)
            graph = asyncio.capture_call_graph(t)
            names = [e.frame.f_code.co_name for e in graph.call_stack]
            assert "_forever" in names
        t.cancel()
        await asyncio.sleep(0)
    assert tr.timeline.named("x")[0].state == "cancelled"


@plain
async def test_nested_tracing_refused_and_everything_restored_on_error():
    loop = asyncio.get_running_loop()
    original_create_task = asyncio.create_task
    before = loop_patches(loop)
    async with trace():
        with raises(TracingError, match="nested"):
            async with trace():
                pass
    try:
        async with trace():
            raise KeyError("learner error")
    except KeyError:
        pass
    assert loop_patches(loop) == before
    assert tracer.active() is None
    assert asyncio.create_task is asyncio.tasks.create_task is original_create_task
    assert asyncio.Handle._run is tracer._orig_run


@plain
async def test_virtual_clock_times():
    from asyncio_lab.virtualclock import virtual_time

    async with virtual_time() as clock:
        async with trace(clock=clock.now, clock_kind="virtual") as tr:
            await asyncio.gather(_work(1, 5), _work(2, 10))
    p = tr.timeline.to_json()
    assert p["clock"] == "virtual"
    assert p["duration"] == 10.0
    ends = sorted(t["ended"] for t in p["tasks"])
    assert ends == [5.0, 10.0]
    assert tr.timeline.overlap(tr.timeline.tasks[0], tr.timeline.tasks[1])


@plain
async def test_ten_thousand_tasks_payload_is_capped():
    async with trace() as tr:
        await asyncio.gather(*(_work(i) for i in range(10_000)))
    tl = tr.timeline
    p = tl.to_json()
    assert len(p["tasks"]) == 500 and p["omitted"]["tasks"] == 9_500
    assert len(json.dumps(p)) < 400_000
    assert tl.peak_in_flight() == 10_000
    assert len(tl.to_text().splitlines()) <= 22


# --------------------------------------------------------------------------- %%timeline through IPython


def _timelines(r) -> list[dict]:
    return [o.data[TIMELINE_MIME] for o in r.outputs if TIMELINE_MIME in o.data]


CELL = """%%timeline
async def work(i):
    await asyncio.sleep(0.001 * i)
    return i * 2

tasks = [asyncio.create_task(work(i), name=f"w{i}") for i in range(3)]
res = await asyncio.gather(*tasks)
res
"""


def test_timeline_magic_shows_the_tasks_and_keeps_the_value(shell, runner):
    r = runner(shell, CELL)
    assert r.error is None, r.stdout
    assert r.value == [0, 2, 4] and shell.user_ns["res"] == [0, 2, 4]
    [p] = _timelines(r)
    names = [t["name"] for t in p["tasks"]]
    assert names == ["cell", "w0", "w1", "w2"]
    cell = p["tasks"][0]
    assert cell["id"] == 0 and cell["state"] == "done" and cell["result"] == "[0, 2, 4]"
    assert all(t["parent"] == 0 for t in p["tasks"][1:])
    # line numbers are the cell's (line 1 is %%timeline)
    assert p["tasks"][1]["waits"][0]["line"] == 3
    assert cell["waits"][0]["line"] == 7 and "gather() of 3" in cell["waits"][0]["awaiting"]
    [bundle] = [o.data for o in r.outputs if TIMELINE_MIME in o.data]
    assert bundle["text/plain"].startswith("timeline: 3 tasks, at most 3 in flight")


def test_timeline_magic_surfaces_the_learners_exception(shell, runner):
    r = runner(shell, "%%timeline\nx = 1\nasync def f():\n    raise ValueError('nope')\nawait f()\n")
    assert isinstance(r.error, ValueError)
    assert shell.user_ns["x"] == 1
    [p] = _timelines(r)
    assert p["tasks"][0]["state"] == "error" and p["tasks"][0]["exception"] == "ValueError: nope"
    assert "ValueError" in r.stdout and "----> 5 await f()" in _plain_text(r.stdout)


def test_timeline_virtual_option(shell, runner):
    r = runner(shell, "%%timeline --virtual\nawait asyncio.sleep(3600)\n'done'\n")
    assert r.error is None and r.value == "done"
    [p] = _timelines(r)
    assert p["clock"] == "virtual" and p["duration"] == 3600.0
    assert "virtual time elapsed: 3600.0 s" in r.stdout


def test_timeline_magic_misuse_and_help(shell):
    from conftest import run
    from IPython.core.error import UsageError
    from IPython.utils.capture import capture_output

    r = run(shell, "%%timeline --bogus\n1\n")
    assert isinstance(r.error, UsageError)
    r = run(shell, "%%timeline --max-tasks 0\n1\n")
    assert isinstance(r.error, UsageError) and "positive" in str(r.error)
    r = run(shell, "%%timeline --stall-timeout 1\n1\n")
    assert isinstance(r.error, UsageError) and "--virtual" in str(r.error)
    with capture_output() as cap:
        shell.run_cell("%%timeline?")
    assert "%%timeline [--virtual]" in cap.stdout and "one lane per task" in cap.stdout


def test_timeline_as_a_plain_cell_magic_call(shell):
    # shell.run_cell_magic without the transformer and without a running loop: asyncio.run
    from IPython.utils.capture import capture_output

    with capture_output() as cap:
        value = shell.run_cell_magic("timeline", "", "await asyncio.sleep(0)\n41 + 1\n")
    assert value == 42
    assert any(TIMELINE_MIME in o.data for o in cap.outputs)


def test_timeline_plain_call_inside_a_running_loop_is_a_usage_error(shell):
    from IPython.core.error import UsageError

    async def go():
        with raises(UsageError, match="%load_ext asyncio_lab"):
            shell.run_cell_magic("timeline", "", "1\n")

    asyncio.run(go())


def _plain_text(s: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", s)



@plain
async def test_a_check_can_trace_any_correct_approach():
    """The pattern documented in asyncio_lab.exercises: a check traces its own call."""
    from asyncio_lab.sim import fake_download

    async def with_tasks(names):
        tasks = [asyncio.create_task(fake_download(n, 0.01)) for n in names]
        return [await t for t in tasks]

    async def with_gather(names):
        return await asyncio.gather(*(fake_download(n, 0.01) for n in names))

    async def with_taskgroup(names):
        async with asyncio.TaskGroup() as tg:
            tasks = [tg.create_task(fake_download(n, 0.01)) for n in names]
        return [t.result() for t in tasks]

    async def one_by_one(names):
        return [await fake_download(n, 0.01) for n in names]

    async def fire_and_forget(names):
        for n in names:
            asyncio.create_task(fake_download(n, 0.05))
        return []

    peaks = {}
    for fn in (with_tasks, with_gather, with_taskgroup, one_by_one, fire_and_forget):
        async with trace() as tr:
            await fn(["a", "b", "c"])
        tl = tr.timeline
        peaks[fn.__name__] = (tl.peak_in_flight("fake_download"), len(tl.pending()))
        for r in tl.pending():
            r.task.cancel()
    assert peaks == {
        "with_tasks": (3, 0),
        "with_gather": (3, 0),
        "with_taskgroup": (3, 0),
        "one_by_one": (0, 0),  # no task at all: awaited one after the other
        "fire_and_forget": (3, 3),  # overlapping, but left running
    }


@plain
async def test_finished_tasks_are_let_go_and_records_still_answer_for_them():
    import gc
    import weakref

    async with trace() as tr:
        t = asyncio.create_task(_work(4), name="four")
        ref = weakref.ref(t)
        assert await t == 40
        del t
        await asyncio.sleep(0)  # the loop lets go of the handle that woke us (it held the task)
        ours = (tr.ids, tr.tasks, tr.reg, tr.values, tr.errors, tr.names, tr.log, tr.susp)
        if ref() is not None:  # (Pyodide's WebLoop keeps its tasks in a list of its own)
            held = [r for r in gc.get_referrers(ref()) if any(r is o for o in ours)]
            assert not held, held
            assert PYODIDE, gc.get_referrers(ref())  # on CPython nothing else holds it
        [r] = tr.timeline.named("four")
    assert (r.state, r.value, r.nsteps, r.code) == ("done", 40, 2, _work.__code__)
    assert r.task is None and r.coro is None
    [r2] = tr.timeline.named("_work")  # by coroutine name too
    assert r2 is tr.timeline.tasks[0] and r2.name == "four"


@plain
async def test_tracing_adds_no_object_per_task_for_the_garbage_collector():
    # A 10,000-task cell sits close to a full collection of the kernel's heap: an object
    # per task (a coroutine wrapper) tipped it into one.  Count what stays tracked.  The
    # tasks listed in full keep what each step awaited; beyond them, nothing per task.
    import gc

    async def run(traced: bool) -> int:
        gc.collect()
        before = len(gc.get_objects())
        if traced:
            async with trace(max_tasks=10) as tr:
                tasks = [asyncio.create_task(_work(i)) for i in range(2_000)]
                await asyncio.gather(*tasks)
        else:
            tasks = [asyncio.create_task(_work(i)) for i in range(2_000)]
            await asyncio.gather(*tasks)
        await asyncio.sleep(0)  # the loop lets go of the handle that woke us (it held gather's future)
        gc.collect()
        after = len(gc.get_objects())
        del tasks
        if traced:  # (records are made when asked for: only now)
            assert len(tr.timeline.tasks) == 2_000 and tr.timeline.peak_in_flight() == 2_000
        return after - before

    await run(True)  # warm caches
    plain_objects = await run(False)
    traced_objects = await run(True)
    assert traced_objects - plain_objects < 100, (plain_objects, traced_objects)


@plain
async def test_unretrieved_exceptions_are_still_reported():
    import gc

    loop = asyncio.get_running_loop()
    seen = []
    old = loop.get_exception_handler()
    loop.set_exception_handler(lambda loop, ctx: seen.append(ctx.get("exception")))
    try:
        async with trace() as tr:
            t = asyncio.create_task(_fails(), name="lost")
            await asyncio.sleep(0)
            await asyncio.sleep(0)
            assert t.done()
            del t
        gc.collect()
        await asyncio.sleep(0)
    finally:
        loop.set_exception_handler(old)
    assert tr.timeline.named("lost")[0].state == "error"
    # CPython reports it when the task is collected, Pyodide's WebLoop as soon as it fails
    assert [type(e) for e in seen] == [ValueError], seen


@plain
async def test_only_task_steps_are_timed_and_other_callbacks_run_as_before():
    loop = asyncio.get_running_loop()
    errors = []
    old = loop.get_exception_handler()
    loop.set_exception_handler(lambda loop, ctx: errors.append((type(ctx["exception"]), ctx["message"])))
    calls = []

    def fails():
        return 1 / 0

    try:
        loop.call_soon(fails)  # untraced, for the words the loop uses
        await asyncio.sleep(0)
        async with trace() as tr:
            t = asyncio.create_task(_forever(), name="victim")
            await asyncio.sleep(0)
            loop.call_soon(t.cancel)  # a task's method, but not one of its steps
            loop.call_soon(calls.append, "plain")  # a bound method of an unhashable object
            loop.call_soon(fails)
            await asyncio.sleep(0)
            await asyncio.sleep(0)
    finally:
        loop.set_exception_handler(old)
    assert asyncio.Handle._run is tracer._orig_run  # the hook is gone
    assert calls == ["plain"] and len(errors) == 2 and errors[0] == errors[1], errors
    assert errors[1][0] is ZeroDivisionError and errors[1][1].startswith("Exception in callback")
    [r] = tr.timeline.named("victim")
    assert r.state == "cancelled" and r.nsteps == 2  # first step, then the cancellation


@plain
async def test_a_task_made_directly_is_recorded_from_its_first_step():
    async with trace() as tr:
        before = asyncio.create_task(_work(1), name="made-before")
        t = asyncio.Task(_work(2), name="direct")  # not through create_task
        assert await t == 20 and await before == 10
    tl = tr.timeline
    [r] = tl.named("direct")
    assert (r.state, r.value, r.nsteps, r.parent) == ("done", 20, 2, None)
    assert r.created <= tl.steps_of(r)[0][0] + tl.t0
    # a task that was already running when the recording started is not adopted
    async with trace() as tr2:
        old2 = asyncio.Task(_forever(), name="old")
        await asyncio.sleep(0)
    async with trace() as tr3:
        old2.cancel()
        await asyncio.sleep(0)
    assert not tr3.timeline.named("old") and tr2.timeline.named("old")


@plain
async def test_create_task_keeps_name_and_context():
    import contextvars

    var = contextvars.ContextVar("var", default=0)

    async def read():
        await asyncio.sleep(0)
        return var.get()

    loop = asyncio.get_running_loop()
    ctx = contextvars.copy_context()
    ctx.run(var.set, 7)
    async with trace() as tr:
        t = loop.create_task(read(), name="reader", context=ctx)
        assert await t == 7
        assert await asyncio.create_task(read()) == 0
    assert t.get_name() == "reader"
    assert [r.name for r in tr.timeline.tasks][0] == "reader"


@plain
async def test_density_strip_fast_path_matches_the_general_one():
    # Steps that never overlap let aggregate() bisect the log; nested steps (a traced
    # coroutine awaited inside another traced task) take the general path.  Both must agree.
    async def busy(i):
        for _ in range(i % 4):
            await asyncio.sleep(0)
        await asyncio.sleep(0.0005 * (i % 3))

    async with trace() as tr:
        await asyncio.gather(*(busy(i) for i in range(60)))
    tl = tr.timeline
    edges = [tl.t0 + k * tl.duration / 10 for k in range(1, 10)]
    fast = tracer._running_per_bucket(tl._ids, tl._starts, tl._ends, edges)
    general = tracer._running_per_bucket(tl._ids, tl._starts, tl._ends, edges, in_order=False)
    assert fast == general and sum(fast) >= 60
    # nested steps (an eager task's first step runs inside its creator's step)
    ids = [1, 2, 1, 3]
    starts = [0.0, 0.1, 0.35, 0.6]
    ends = [0.45, 0.2, 0.4, 0.95]
    edges = [0.25, 0.5, 0.75]
    assert tracer._running_per_bucket(ids, starts, ends, edges) == [2, 1, 1, 1]
    assert tracer._running_per_bucket(ids, starts, ends, edges, in_order=False) == [2, 1, 1, 1]
