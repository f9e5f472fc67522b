"""The virtual clock (plain API, also run on Pyodide) and %%virtualtime / %%check through IPython."""

from __future__ import annotations

import asyncio
import contextvars
import threading
import time

from _plain import loop_patches, plain, raises

from asyncio_lab import virtualclock
from asyncio_lab.virtualclock import VirtualTimeError, VirtualTimeStall, virtual_time


async def _retry_for_an_hour():
    attempts = 0
    loop = asyncio.get_running_loop()
    start = loop.time()
    while loop.time() - start < 3600:
        attempts += 1
        await asyncio.sleep(60)
    return attempts


@plain
async def test_an_hour_of_retries_takes_no_real_time():
    t0 = time.perf_counter()
    async with virtual_time() as clock:
        attempts = await _retry_for_an_hour()
    assert attempts == 60
    assert clock.elapsed == 3600.0
    assert time.perf_counter() - t0 < 2.0
    assert clock.summary().startswith("virtual time elapsed: 3600.0 s (real ")


async def _race(log, n=12):
    async def worker(i):
        await asyncio.sleep((7 * i) % 5)  # ties on purpose
        log.append(("first", i))
        await asyncio.sleep(0.5)
        log.append(("second", i))

    await asyncio.gather(*(worker(i) for i in range(n)))


@plain
async def test_same_order_every_time():
    orders = []
    for _ in range(3):
        log = []
        async with virtual_time():
            await _race(log)
        orders.append(log)
    assert orders[0] == orders[1] == orders[2]
    firsts = [i for kind, i in orders[0] if kind == "first"]
    assert firsts == sorted(range(12), key=lambda i: ((7 * i) % 5, i))  # time order, then creation order


@plain
async def test_timeouts_fire_on_the_virtual_clock():
    async with virtual_time() as clock:
        with raises(TimeoutError):
            async with asyncio.timeout(30):
                await asyncio.sleep(3600)
        assert clock.elapsed == 30.0
        with raises(TimeoutError):
            await asyncio.wait_for(asyncio.Event().wait(), 5)
        assert clock.elapsed == 35.0
        assert await asyncio.wait_for(asyncio.sleep(1, "ok"), 100) == "ok"
    # the cancelled 100 s timer did not move the clock
    assert clock.elapsed == 36.0


@plain
async def test_only_the_block_sees_virtual_time():
    loop = asyncio.get_running_loop()
    fired = []
    async with virtual_time() as clock:
        # a callback scheduled from elsewhere (the kernel's own context) keeps real time
        contextvars.Context().run(loop.call_later, 0.05, fired.append, "real")
        await asyncio.sleep(1000)
        assert fired == []
        assert loop.time() == clock.now()
    assert abs(loop.time() - time.monotonic()) < 1.0  # real again
    await asyncio.sleep(0.1)
    assert fired == ["real"]


@plain
async def test_tasks_created_inside_run_on_the_clock_and_pending_timers_move_to_real_time():
    loop = asyncio.get_running_loop()
    async with virtual_time() as clock:
        inner = asyncio.create_task(asyncio.sleep(10, "inner"))
        assert await inner == "inner"
        later = asyncio.create_task(asyncio.sleep(0.05, "later"))
        await asyncio.sleep(0)
    assert clock.elapsed == 10.0
    t0 = loop.time()
    assert await later == "later"  # its 0.05 s timer moved to the real loop
    assert loop.time() - t0 < 5


@plain
async def test_refuses_what_runs_in_real_time():
    loop = asyncio.get_running_loop()
    async with virtual_time():
        with raises(VirtualTimeError, match="asyncio.sleep"):
            time.sleep(0.01)
        with raises(VirtualTimeError, match="'sum'"):
            await asyncio.to_thread(sum, [1, 2])
        with raises(VirtualTimeError, match="run_in_executor"):
            await loop.run_in_executor(None, sum, [1])
        with raises(VirtualTimeError, match="outside world"):
            await asyncio.open_connection("127.0.0.1", 9)
        with raises(VirtualTimeError, match="threads"):
            threading.Thread(target=print).start()
    time.sleep(0)  # restored


@plain
async def test_stall_is_reported_instead_of_hanging():
    async def waits_forever():
        await asyncio.Event().wait()

    t0 = time.perf_counter()
    with raises(VirtualTimeStall, match="no timer was pending") as box:
        async with virtual_time(stall_timeout=0.2):
            t = asyncio.create_task(waits_forever(), name="stuck-task")
            await t
    assert "'stuck-task'" in str(box.value) and "waits_forever" in str(box.value)
    assert time.perf_counter() - t0 < 5
    t.cancel()


@plain
async def test_busy_code_is_not_a_stall():
    async def ping(n):
        for _ in range(n):
            await asyncio.sleep(0)

    async with virtual_time(stall_timeout=0.05):
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < 0.2:  # 4 stall timeouts of real work, no timer
            await ping(50)


@plain
async def test_run_helper_and_restoration():
    loop = asyncio.get_running_loop()
    before = loop_patches(loop)
    sleep = time.sleep
    value, clock = await virtualclock.run(_retry_for_an_hour())
    assert value == 60 and clock.elapsed == 3600.0
    assert loop_patches(loop) == before and time.sleep is sleep
    assert threading.Thread.start is not None and "start" in vars(threading.Thread)
    try:
        async with virtual_time():
            raise KeyError("boom")
    except KeyError:
        pass
    assert loop_patches(loop) == before and time.sleep is sleep
    assert virtualclock.current() is None


@plain
async def test_nesting_is_refused():
    async with virtual_time():
        with raises(VirtualTimeError, match="nested"):
            async with virtual_time():
                pass


@plain
async def test_with_the_tracer_and_the_call_graph_together():
    from asyncio_lab import instrument

    async def cell():
        async def w(i):
            await asyncio.sleep(i)
            return i

        return await asyncio.gather(*(w(i) for i in (3, 1, 2)))

    out = await instrument.run(cell(), trace=True, virtual=True, callgraph=True)
    assert out.error is None and out.value == [3, 1, 2]
    assert out.clock.elapsed == 3.0
    p = out.timeline.to_json()
    assert p["clock"] == "virtual" and p["duration"] == 3.0
    assert sorted(t["ended"] for t in p["tasks"][1:]) == [1.0, 2.0, 3.0]
    snaps = out.callgraph.to_json()["snapshots"]
    assert snaps and snaps[0]["at"] == 0.0  # virtual time of the first settle


# --------------------------------------------------------------------------- magics


def test_virtualtime_magic(shell, runner):
    r = runner(shell, "%%virtualtime\nfor i in range(60):\n    await asyncio.sleep(60)\n'finished'\n")
    assert r.error is None and r.value == "finished"
    assert "virtual time elapsed: 3600.0 s (real " in r.stdout


def test_virtualtime_magic_refusal_surfaces_as_the_learners_error(shell, runner):
    r = runner(shell, "%%virtualtime\nimport time\nx = 1\ntime.sleep(1)\n")
    assert isinstance(r.error, VirtualTimeError)
    assert shell.user_ns["x"] == 1
    assert "time.sleep() blocks" in r.stdout


def test_virtualtime_magic_stall(shell, runner):
    r = runner(shell, "%%virtualtime --stall-timeout 0.2\nawait asyncio.Event().wait()\n")
    assert isinstance(r.error, VirtualTimeStall)
    assert "virtual time elapsed: 0.0 s" in r.stdout


def test_virtualtime_magic_help_and_misuse(shell):
    from conftest import run
    from IPython.core.error import UsageError
    from IPython.utils.capture import capture_output

    assert isinstance(run(shell, "%%virtualtime --stall-timeout -1\n1\n").error, UsageError)
    assert isinstance(run(shell, "%%virtualtime extra\n1\n").error, UsageError)
    with capture_output() as cap:
        shell.run_cell("%%virtualtime?")
    assert "%%virtualtime [--stall-timeout" in cap.stdout and "virtual clock" in cap.stdout


RETRY_ID = "magics-testing.retry"


def _retry_exercise():
    from asyncio_lab import exercises
    from asyncio_lab.exercises import CheckFailed, Exercise, make_checks

    async def gives_up_after_an_hour(ns):
        fetch = ns.get("fetch_with_retry")
        if fetch is None:
            raise CheckFailed("expected `fetch_with_retry`")
        calls = []

        async def flaky():
            calls.append(asyncio.get_running_loop().time())
            raise ConnectionError("down")

        t0 = asyncio.get_running_loop().time()
        try:
            await fetch(flaky)
        except ConnectionError:
            pass
        waited = asyncio.get_running_loop().time() - t0
        if waited < 3600:
            raise CheckFailed(f"expected to keep retrying for an hour, gave up after {waited:.0f} s")
        return f"{len(calls)} attempts over {waited:.0f} virtual seconds"

    def timeline_seen(ns):
        tl = ns["__timeline__"]
        assert tl is not None and tl.cell is not None and ns["__clock__"] is not None
        return f"{len(tl.tasks)} tasks traced"

    ex = Exercise(
        id=RETRY_ID,
        title="Retry for an hour",
        checks=make_checks(("retries for an hour", gives_up_after_an_hour), ("timeline", timeline_seen)),
        solution=(
            "async def fetch_with_retry(fetch):\n"
            "    loop = asyncio.get_running_loop()\n"
            "    start = loop.time()\n"
            "    while True:\n"
            "        try:\n"
            "            return await fetch()\n"
            "        except ConnectionError:\n"
            "            if loop.time() - start >= 3600:\n"
            "                raise\n"
            "            await asyncio.sleep(60)\n"
        ),
        virtual_time=True,
        trace=True,
    )
    exercises.all_ids()
    return ex


def test_check_with_virtual_time_and_trace(shell, runner, monkeypatch):
    from asyncio_lab import exercises

    ex = _retry_exercise()
    monkeypatch.setitem(exercises._REGISTRY, ex.id, ex)
    t0 = time.perf_counter()
    r = runner(shell, f"%%check {RETRY_ID}\n{ex.solution}await asyncio.sleep(5)\n'defined'\n")
    assert time.perf_counter() - t0 < 5
    assert r.error is None and r.value == "defined"
    [payload] = r.checks
    assert payload["passed"] is True, payload
    assert payload["checks"][0]["message"].startswith("61 attempts over 3600 virtual seconds")
    bad = runner(shell, f"%%check {RETRY_ID}\nasync def fetch_with_retry(fetch):\n    return await fetch()\n")
    [payload] = bad.checks
    assert payload["passed"] is False and "gave up after 0 s" in payload["checks"][0]["message"]
    err = runner(shell, f"%%check {RETRY_ID}\nraise KeyError('k')\n")
    assert isinstance(err.error, KeyError) and err.checks[0]["passed"] is False

