"""Lesson 20 (async-with-for): the helpers, what the lesson's cells claim, and the checks.

The answer sets in answers/async-with-for.py hold the learner answers (with their verdicts);
here: the reference solutions pass and the starters fail strictly, the facts the lesson
states hold on this Python (async context managers, async generators, comprehensions, the
loop's async generator hooks and shutdown_asyncgens), a check always answers and leaves the
loop as it found it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys

import pytest
from conftest import ROOT

from lessonkit import failing, namespace, strict_check
from asyncio_lab import exercises
from asyncio_lab.lessons import async_with_for as lesson
from asyncio_lab.virtualclock import virtual_time

CONN = "async-with-for.connection"
LINES = "async-with-for.lines"
NOTEBOOK = ROOT / "notebooks" / "20-async-with-and-for.ipynb"


# --------------------------------------------------------------------------- the helpers

def test_a_connection_closes_only_when_close_is_awaited():
    async def go():
        conn = await lesson.open_connection("x")
        assert conn.open and await conn.query("q") == "x: q"
        await conn.close()
        with pytest.raises(RuntimeError, match="closed"):
            await conn.query("q")
        return conn.open

    assert asyncio.run(go()) is False


def test_a_feed_gives_its_chunks_then_empty_strings_and_counts_reads():
    async def go():
        feed = lesson.Feed(["a", "b"], delay=1)
        async with virtual_time() as clock:
            got = [await feed.read() for _ in range(3)]
        await feed.close()
        return got, feed.reads, feed.closed, clock.elapsed

    assert asyncio.run(go()) == (["a", "b", ""], 3, True, 3.0)


# --------------------------------------------------------------------------- reference and starter

@pytest.mark.parametrize("ex_id", [CONN, LINES])
def test_the_reference_solution_passes_strictly(ex_id):
    result = strict_check(ex_id, namespace(ex_id, exercises.get(ex_id).solution))
    assert result.passed, result.to_text()


@pytest.mark.parametrize(
    "ex_id, checks",
    [
        (CONN, {"closed when the block raises", "closed on cancellation"}),
        (LINES, {"each line as it arrives", "closed when the consumer stops early"}),
    ],
)
def test_the_starter_fails_naming_the_mistake(ex_id, checks):
    result = strict_check(ex_id, namespace(ex_id, exercises.get(ex_id).starter))
    assert not result.passed
    assert set(failing(result)) == checks, result.to_text()


def test_every_exercise_cell_starts_from_the_registered_starter():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    cells = {
        (c["metadata"].get("asyncio_lab") or {}).get("exercise"): "".join(c["source"])
        for c in nb["cells"]
        if c["cell_type"] == "code"
    }
    for ex_id in (CONN, LINES):
        assert cells[ex_id].startswith(f"%%check {ex_id}\n" + exercises.get(ex_id).starter), ex_id


# --------------------------------------------------------------------------- a verdict, always; the loop left clean

def _clean_run(ex_id, code):
    async def go():
        loop = asyncio.get_running_loop()
        handler = loop.get_exception_handler()
        result = await exercises.run_checks(ex_id, namespace(ex_id, code))
        await asyncio.sleep(0)
        left = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        return result, left, loop.get_exception_handler() is handler

    return asyncio.run(go())


def test_a_context_manager_that_never_enters_gets_a_verdict():
    code = """
class connected:
    def __init__(self, name):
        pass
    async def __aenter__(self):
        await asyncio.Event().wait()
    async def __aexit__(self, *exc):
        pass
"""
    result, left, same_handler = _clean_run(CONN, code)
    assert "had not finished after 600 s" in failing(result)["gives an open connection"]
    assert left == [] and same_handler


def test_a_generator_that_never_yields_gets_a_verdict():
    code = """
async def lines(feed):
    await asyncio.Event().wait()
    yield "never"
"""
    result, left, same_handler = _clean_run(LINES, code)
    assert "had not finished after 600 s" in failing(result)["every line, in order"]
    assert left == [] and same_handler


def test_a_context_manager_that_ignores_cancellation_gets_a_verdict():
    code = """
class connected:
    def __init__(self, name):
        self.name = name
    async def __aenter__(self):
        self.conn = await open_connection(self.name)
        return self.conn
    async def __aexit__(self, *exc):
        await self.conn.close()
        return True      # swallows CancelledError as well
"""
    result, left, _ = _clean_run(CONN, code)
    assert "swallowed" in failing(result)["closed on cancellation"]
    assert left == []


# --------------------------------------------------------------------------- what the lesson says

def test_code_after_a_bare_yield_is_skipped_when_the_block_raises():
    @contextlib.asynccontextmanager
    async def careless(name):
        conn = await lesson.open_connection(name)
        yield conn
        await conn.close()

    async def go():
        with pytest.raises(ValueError):
            async with careless("db") as conn:
                raise ValueError
        return conn.open

    assert asyncio.run(go()) is True


def test_aexit_returning_true_swallows_and_gets_the_exception_type():
    seen = []

    class CM:
        async def __aenter__(self):
            return "x"

        async def __aexit__(self, et, e, tb):
            seen.append(et)
            return True

    async def go():
        async with CM():
            raise KeyError
        async with CM():
            pass
        return "went on"

    assert asyncio.run(go()) == "went on"
    assert seen == [KeyError, None]


def test_awaiting_in_finally_during_cancellation_works_and_the_task_ends_cancelled():
    @contextlib.asynccontextmanager
    async def careful(name):
        conn = await lesson.open_connection(name)
        try:
            yield conn
        finally:
            await conn.close()

    async def go():
        box = []

        async def worker():
            async with careful("db") as conn:
                box.append(conn)
                await asyncio.sleep(3600)

        task = asyncio.create_task(worker())
        await asyncio.sleep(0.05)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        return task.cancelled(), box[0].open

    assert asyncio.run(go()) == (True, False)


def test_an_async_comprehension_awaits_one_item_after_another():
    async def go():
        async def query(q):
            await asyncio.sleep(1)
            return q

        async with virtual_time() as clock:
            [await query(q) for q in "abcd"]
        seq = clock.elapsed
        async with virtual_time() as clock:
            await asyncio.gather(*(query(q) for q in "abcd"))
        return seq, clock.elapsed

    assert asyncio.run(go()) == (4.0, 1.0)


async def _numbers(log):
    try:
        for i in range(10):
            await asyncio.sleep(0)
            yield i
    finally:
        log.append("cleanup")


def test_an_abandoned_generator_is_closed_by_the_loops_hook_two_steps_later():
    async def go():
        assert sys.get_asyncgen_hooks().finalizer is not None  # installed by run_forever
        log = []
        async for i in _numbers(log):
            if i == 1:
                break
        log.append("after break")
        steps = 0
        while "cleanup" not in log:
            await asyncio.sleep(0)
            steps += 1
        return log, steps

    assert asyncio.run(go()) == (["after break", "cleanup"], 2)


def test_aclosing_runs_the_cleanup_before_the_next_line():
    async def go():
        log = []
        async with contextlib.aclosing(_numbers(log)) as agen:
            async for i in agen:
                if i == 1:
                    break
        log.append("after the with")
        return log

    assert asyncio.run(go()) == ["cleanup", "after the with"]


def test_asyncio_run_closes_a_generator_still_referenced_at_the_end():
    log = []
    keep = []

    async def go():
        agen = _numbers(log)
        await agen.__anext__()
        keep.append(agen)
        return list(log)

    assert asyncio.run(go()) == []
    assert log == ["cleanup"]  # shutdown_asyncgens() at the end of asyncio.run


def test_yielding_in_finally_during_aclose_is_a_runtime_error():
    async def bad():
        try:
            yield 1
        finally:
            yield 2

    async def go():
        agen = bad()
        await agen.__anext__()
        with pytest.raises(RuntimeError, match="ignored GeneratorExit"):
            await agen.aclose()

    asyncio.run(go())


def test_an_async_exit_stack_closes_everything_in_reverse_order():
    order = []

    @contextlib.asynccontextmanager
    async def careful(name):
        conn = await lesson.open_connection(name)
        try:
            yield conn
        finally:
            await conn.close()
            order.append(name)

    async def go():
        async with contextlib.AsyncExitStack() as stack:
            conns = [await stack.enter_async_context(careful(f"shard-{i}")) for i in range(3)]
            inside = [c.open for c in conns]
        return inside, [c.open for c in conns]

    assert asyncio.run(go()) == ([True] * 3, [False] * 3)
    assert order == ["shard-2", "shard-1", "shard-0"]
