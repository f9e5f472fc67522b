"""Lesson 19 (queues): the work helper, the queue watcher, what the lesson's cells claim, the checks.

The answer sets in answers/queues.py hold the many learner answers (with their verdicts);
here: the reference solutions pass and the starters fail strictly, the facts the lesson
states hold on this Python (both sides of ``Queue.shutdown()``, new in 3.13), a check always
answers and leaves the loop and the ``Queue`` class as it found them.
"""

from __future__ import annotations

import asyncio
import asyncio.queues
import json
import sys

import pytest
from conftest import ROOT

from lessonkit import failing, namespace, strict_check
from asyncio_lab import exercises
from asyncio_lab.lessons import queues as lesson
from asyncio_lab.sim import recording
from asyncio_lab.tracer import trace
from asyncio_lab.virtualclock import virtual_time

WP = "queues.worker-pool"
BP = "queues.backpressure"
NOTEBOOK = ROOT / "notebooks" / "19-queues.ipynb"
HAS_SHUTDOWN = sys.version_info >= (3, 13)


# --------------------------------------------------------------------------- the helpers

def test_handle_returns_done_and_records_start_and_finish():
    async def go():
        with recording({"slow": 0.03}) as rec:
            got = await asyncio.gather(lesson.handle("slow"), lesson.handle("quick"))
        return got, rec

    got, rec = asyncio.run(go())
    assert got == ["done slow", "done quick"]
    assert rec.order == ["start slow", "start quick", "finish quick", "finish slow"]
    assert rec.peak == 2


def test_watching_queues_sees_every_put_and_get_of_every_queue_kind_and_restores_the_class():
    before = (asyncio.queues.Queue.put_nowait, asyncio.queues.Queue.get_nowait)

    async def go():
        with lesson.watching_queues() as seen:
            q = asyncio.Queue(2)
            await q.put("a")
            await q.put("b")
            await q.get()
            p = asyncio.PriorityQueue()
            p.put_nowait((1, "x"))
            lifo = asyncio.LifoQueue()
            await lifo.put(1)
        return [size for _, _, size in seen]

    assert asyncio.run(go()) == [1, 2, 1, 1, 1]
    assert (asyncio.queues.Queue.put_nowait, asyncio.queues.Queue.get_nowait) == before


# --------------------------------------------------------------------------- reference and starter

@pytest.mark.parametrize("ex_id", [WP, BP])
def test_the_reference_solution_passes_strictly(ex_id):
    result = strict_check(ex_id, namespace(ex_id, exercises.get(ex_id).solution))
    assert result.passed, result.to_text()


@pytest.mark.parametrize("ex_id, check", [(WP, "every worker stopped"), (BP, "never more than maxsize waiting")])
def test_the_starter_fails_naming_the_mistake(ex_id, check):
    result = strict_check(ex_id, namespace(ex_id, exercises.get(ex_id).starter))
    assert not result.passed
    assert set(failing(result)) == {check}, result.to_text()


def test_every_exercise_cell_starts_from_the_registered_starter():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    cells = {
        (c["metadata"].get("asyncio_lab") or {}).get("exercise"): "".join(c["source"])
        for c in nb["cells"]
        if c["cell_type"] == "code"
    }
    for ex_id in (WP, BP):
        assert cells[ex_id].startswith(f"%%check {ex_id}\n" + exercises.get(ex_id).starter), ex_id


# --------------------------------------------------------------------------- shutdown(): both sides

SHUTDOWN_POOL = """
async def process_all(items, n):
    queue = asyncio.Queue()
    for item in items:
        queue.put_nowait(item)
    queue.shutdown()

    async def worker():
        while True:
            try:
                item = await queue.get()
            except asyncio.QueueShutDown:
                return
            await handle(item)

    await asyncio.gather(*(worker() for _ in range(n)))
"""


def test_an_unguarded_shutdown_route_passes_on_3_13_and_is_explained_before():
    result = asyncio.run(exercises.run_checks(WP, namespace(WP, SHUTDOWN_POOL)))
    if HAS_SHUTDOWN:
        assert result.passed, result.to_text()
    else:
        message = failing(result)["every item exactly once"]
        assert "no attribute 'shutdown'" in message and "new in Python 3.13" in message
        assert "sentinel" in message


def test_shutdown_exists_from_3_13_only():
    assert hasattr(asyncio.Queue, "shutdown") is HAS_SHUTDOWN
    assert hasattr(asyncio, "QueueShutDown") is HAS_SHUTDOWN
    if not HAS_SHUTDOWN:
        with pytest.raises(AttributeError):
            asyncio.Queue().shutdown()


@pytest.mark.skipif(not HAS_SHUTDOWN, reason="Queue.shutdown() is new in 3.13")
def test_shutdown_hands_out_what_is_left_then_raises_also_in_waiting_getters_and_put():
    async def go():
        q = asyncio.Queue()
        waiting = asyncio.create_task(q.get())
        await asyncio.sleep(0)
        q.put_nowait("x")
        assert await waiting == "x"
        q.put_nowait("left")
        blocked = asyncio.create_task(q.get())
        other = asyncio.Queue()
        idle = asyncio.create_task(other.get())
        await asyncio.sleep(0)
        other.shutdown()
        with pytest.raises(asyncio.QueueShutDown):
            await idle  # a getter already waiting is woken and raises
        q.shutdown()
        assert await blocked == "left"  # items already in are still handed out
        with pytest.raises(asyncio.QueueShutDown):
            await q.get()
        with pytest.raises(asyncio.QueueShutDown):
            await q.put("y")
        now = asyncio.Queue()
        now.put_nowait(1)
        now.put_nowait(2)
        now.shutdown(immediate=True)
        await asyncio.wait_for(now.join(), 1)  # the dropped items count as done
        with pytest.raises(asyncio.QueueShutDown):
            now.get_nowait()

    asyncio.run(go())


# --------------------------------------------------------------------------- what the lesson says

def test_backpressure_producer_puts_at_0_0_0_1_2_and_is_done_at_3():
    async def go():
        async with virtual_time():
            loop = asyncio.get_running_loop()
            t0 = loop.time()
            queue = asyncio.Queue(maxsize=2)
            puts = []

            async def producer():
                for n in range(1, 6):
                    await queue.put(f"m{n}")
                    puts.append((loop.time() - t0, queue.qsize()))
                await queue.put(None)
                puts.append((loop.time() - t0, "done"))

            async def consumer():
                while (item := await queue.get()) is not None:
                    await lesson.handle(item, seconds=1)

            await asyncio.gather(producer(), consumer())
            return puts, loop.time() - t0

    puts, total = asyncio.run(go())
    assert puts == [(0, 1), (0, 2), (0, 2), (1, 2), (2, 2), (3, "done")]
    assert total == 5


def test_full_queue_put_nowait_raises_and_task_done_too_often_raises():
    async def go():
        q = asyncio.Queue(1)
        q.put_nowait(1)
        with pytest.raises(asyncio.QueueFull):
            q.put_nowait(2)
        q.get_nowait()
        q.task_done()
        with pytest.raises(ValueError):
            q.task_done()
        assert asyncio.Queue(0).maxsize == 0 and not asyncio.Queue(0).full()

    asyncio.run(go())


def test_the_pool_cell_takes_2_s_with_3_workers_and_each_ends_cancelled():
    async def go():
        async with virtual_time() as clock:
            async with trace() as tr:
                queue = asyncio.Queue()
                for n in range(1, 7):
                    queue.put_nowait(f"job{n}")

                async def worker():
                    while True:
                        item = await queue.get()
                        try:
                            await lesson.handle(item, seconds=1)
                        finally:
                            queue.task_done()

                workers = [asyncio.create_task(worker()) for _ in range(3)]
                await queue.join()
                for w in workers:
                    w.cancel()
                await asyncio.gather(*workers, return_exceptions=True)
        return clock.elapsed, tr.timeline.peak_in_flight(), [w.cancelled() for w in workers]

    assert asyncio.run(go()) == (2.0, 3, [True, True, True])


def test_priority_queue_order_and_equal_priorities_need_a_running_number():
    async def go():
        q = asyncio.PriorityQueue()
        jobs = [(2, "send newsletter"), (0, "restart server"), (1, "reply to user"), (0, "page on-call")]
        for seq, (p, job) in enumerate(jobs):
            await q.put((p, seq, {"job": job}))
        order = [(await q.get())[2]["job"] for _ in range(4)]
        bare = asyncio.PriorityQueue()
        bare.put_nowait((0, {"job": "a"}))
        with pytest.raises(TypeError):
            bare.put_nowait((0, {"job": "b"}))
        return order

    assert asyncio.run(go()) == ["restart server", "page on-call", "reply to user", "send newsletter"]


# --------------------------------------------------------------------------- a verdict, always; the loop left clean

def test_code_that_waits_forever_gets_a_verdict_and_leaves_nothing():
    code = """
async def pipeline(items, maxsize):
    await asyncio.Event().wait()
"""

    async def go():
        loop = asyncio.get_running_loop()
        handler = loop.get_exception_handler()
        result = await exercises.run_checks(BP, namespace(BP, code))
        await asyncio.sleep(0)
        left = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        return result, left, loop.get_exception_handler() is handler

    result, left, same_handler = asyncio.run(go())
    assert "had not returned after 600 s" in failing(result)["every item, in order"]
    assert left == [] and same_handler
    assert asyncio.queues.Queue.put_nowait.__qualname__ == "Queue.put_nowait"
