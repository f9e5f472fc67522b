"""Lesson 17 (limits): the request helper, what the lesson's cells claim, and the checks.

The answer sets in answers/limits.py hold the many learner answers (with their verdicts);
here: the reference solutions pass and the starters fail strictly (no warning, nothing
logged), the facts the lesson states hold on this Python, a check always answers (also
for code that waits forever) and leaves the loop as it found it.
"""

from __future__ import annotations

import asyncio
import json
import sys

import pytest
from conftest import ROOT

from lessonkit import failing, namespace, strict_check
from asyncio_lab import exercises
from asyncio_lab.lessons import limits as lesson
from asyncio_lab.sim import recording
from asyncio_lab.tracer import trace
from asyncio_lab.virtualclock import virtual_time

FA = "limits.fetch-all"
RL = "limits.rate-limit"
NOTEBOOK = ROOT / "notebooks" / "17-limiting-concurrency.ipynb"


# --------------------------------------------------------------------------- the helper

def test_fetch_returns_the_page_and_records_it():
    async def go():
        with recording({"slow": 0.03}) as rec:
            pages = await asyncio.gather(lesson.fetch("slow"), lesson.fetch("quick"))
        return pages, rec

    pages, rec = asyncio.run(go())
    assert pages == ["page slow", "page quick"]
    assert rec.order == ["start slow", "start quick", "finish quick", "finish slow"]
    assert rec.peak == 2


def test_fetch_fails_for_bad_urls_after_the_wait():
    async def go():
        with recording() as rec:
            with pytest.raises(lesson.FetchError, match="could not fetch bad-x"):
                await lesson.fetch("bad-x")
        return rec

    assert asyncio.run(go()).order == ["start bad-x", "fail bad-x"]


# --------------------------------------------------------------------------- reference and starter

@pytest.mark.parametrize("ex_id", [FA, RL])
def test_the_reference_solution_passes_strictly(ex_id):
    result = strict_check(ex_id, namespace(ex_id, exercises.get(ex_id).solution))
    assert result.passed, result.to_text()


@pytest.mark.parametrize(
    "ex_id, check",
    [(FA, "never more than N at once"), (RL, "keeps up the rate")],
)
def test_the_starter_fails_naming_the_mistake(ex_id, check):
    result = strict_check(ex_id, namespace(ex_id, exercises.get(ex_id).starter))
    assert not result.passed
    assert check in failing(result), result.to_text()


def test_every_exercise_cell_starts_from_the_registered_starter():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    cells = {
        (c["metadata"].get("asyncio_lab") or {}).get("exercise"): "".join(c["source"])
        for c in nb["cells"]
        if c["cell_type"] == "code"
    }
    for ex_id in (FA, RL):
        assert cells[ex_id].startswith(f"%%check {ex_id}\n" + exercises.get(ex_id).starter), ex_id


# --------------------------------------------------------------------------- a verdict, always; the loop left clean

def test_code_that_waits_forever_gets_a_verdict_and_leaves_nothing():
    code = """
async def fetch_all(urls, limit):
    await asyncio.Event().wait()
"""

    async def go():
        loop = asyncio.get_running_loop()
        handler = loop.get_exception_handler()
        attrs = dict(vars(loop))
        result = await exercises.run_checks(FA, namespace(FA, code))
        await asyncio.sleep(0)
        left = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        return result, left, loop.get_exception_handler() is handler, dict(vars(loop)) == attrs

    result, left, same_handler, same_loop = asyncio.run(go())
    assert "had not returned after 600 s" in failing(result)["every page, in order"]
    assert left == [] and same_handler and same_loop


def test_workers_left_waiting_are_cancelled_and_named():
    code = """
async def fetch_all(urls, limit):
    queue = asyncio.Queue()
    async def worker():
        while True:
            await queue.get()
    workers = [asyncio.create_task(worker(), name=f"worker-{i}") for i in range(limit)]
    return await asyncio.gather(*(fetch(u) for u in urls), return_exceptions=True)
"""

    async def go():
        result = await exercises.run_checks(FA, namespace(FA, code))
        await asyncio.sleep(0)
        return result, [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]

    result, left = asyncio.run(go())
    assert "worker-0" in failing(result)["nothing left running"]
    assert left == []


# --------------------------------------------------------------------------- what the lesson says

def test_bounded_semaphore_refuses_a_release_too_many_and_semaphore_grows():
    async def go():
        plain = asyncio.Semaphore(2)
        plain.release()
        for _ in range(3):
            await plain.acquire()
        bounded = asyncio.BoundedSemaphore(2)
        with pytest.raises(ValueError, match="BoundedSemaphore released too many times"):
            bounded.release()
        with pytest.raises(ValueError):
            asyncio.Semaphore(-1)
        return plain.locked()

    assert asyncio.run(go()) is True


def test_a_semaphore_timeline_counts_tasks_and_acquire_first_counts_requests():
    async def semaphore_inside():
        sem = asyncio.Semaphore(2)

        async def polite(url):
            async with sem:
                return await lesson.fetch(url, seconds=1)

        return await asyncio.gather(*(polite(f"p{i}") for i in range(1, 7)))

    async def acquire_first():
        sem = asyncio.Semaphore(2)

        async def then_release(url):
            try:
                return await lesson.fetch(url, seconds=1)
            finally:
                sem.release()

        tasks = []
        for i in range(1, 7):
            await sem.acquire()
            tasks.append(asyncio.create_task(then_release(f"p{i}")))
        return await asyncio.gather(*tasks)

    async def go(body):
        async with virtual_time() as clock:
            async with trace() as tr:
                with recording() as rec:
                    await body()
        return tr.timeline.peak_in_flight(), rec.peak, clock.elapsed

    assert asyncio.run(go(semaphore_inside)) == (6, 2, 3.0)
    assert asyncio.run(go(acquire_first)) == (2, 2, 3.0)


def test_a_semaphore_released_a_second_after_each_start_keeps_a_rate():
    async def go():
        async with virtual_time():
            loop = asyncio.get_running_loop()
            t0 = loop.time()
            sem = asyncio.Semaphore(2)
            starts = []

            async def rated(url):
                await sem.acquire()
                loop.call_later(1, sem.release)
                starts.append(loop.time() - t0)
                return await lesson.fetch(url, seconds=0.2)

            await asyncio.gather(*(rated(u) for u in "abcdef"))
            await asyncio.sleep(1)  # the last releases, before the clock goes
            return starts, loop.time() - t0

    starts, _ = asyncio.run(go())
    assert starts == [0, 0, 1, 1, 2, 2]


def test_as_completed_starts_everything_and_with_a_semaphore_the_fastest_can_come_third():
    async def go():
        async with virtual_time():
            with recording() as rec:
                coros = [lesson.fetch(u, 1) for u in ("a", "b", "c")]
                it = asyncio.as_completed(coros)
                await asyncio.sleep(0)
                # 3.11 and 3.12: a generator, which starts them at its first step; 3.13+: at the call
                at_call = len(rec.started())
                first = next(it)
                await asyncio.sleep(0)
                started = len(rec.started())
                await first
                for f in it:
                    await f
            sem = asyncio.Semaphore(2)

            async def polite(url, seconds):
                async with sem:
                    return await lesson.fetch(url, seconds)

            sizes = {"big": 6, "small": 1, "medium": 3, "tiny": 0.5}
            tasks = [asyncio.create_task(polite(u, s)) for u, s in sizes.items()]
            return at_call, started, [await f for f in asyncio.as_completed(tasks)]

    at_call, started, order = asyncio.run(go())
    assert (at_call, started) == ((3, 3) if sys.version_info >= (3, 13) else (0, 3))
    assert order == ["page small", "page medium", "page tiny", "page big"]


def test_async_for_over_as_completed_needs_3_13():
    async def go():
        tasks = [asyncio.create_task(lesson.fetch(u)) for u in ("a", "b")]
        try:
            got = [t async for t in asyncio.as_completed(tasks)]
        except TypeError:
            await asyncio.gather(*tasks)
            return None
        return got, tasks

    outcome = asyncio.run(go())
    if sys.version_info >= (3, 13):
        got, tasks = outcome
        assert set(got) == set(tasks)  # the original tasks, not new awaitables
    else:
        assert outcome is None
