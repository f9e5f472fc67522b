"""Lesson 18 (coordination): the helpers, what the lesson's cells claim, and the checks.

The answer sets in answers/coordination.py hold the many learner answers (with their
verdicts); here: the reference solutions pass and the starters fail strictly, the facts
the lesson states hold on this Python, a check always answers (also for code that waits
forever) and leaves the loop as it found it.
"""

from __future__ import annotations

import asyncio
import json
import threading

import pytest
from conftest import ROOT

from lessonkit import failing, namespace, strict_check
from asyncio_lab import exercises
from asyncio_lab.lessons import coordination as lesson
from asyncio_lab.virtualclock import virtual_time

SW = "coordination.safe-withdraw"
SG = "coordination.start-gate"
NOTEBOOK = ROOT / "notebooks" / "18-coordination.ipynb"


# --------------------------------------------------------------------------- the helpers

def test_account_reads_and_writes_after_a_wait_and_keeps_its_history():
    async def go():
        account = lesson.Account(30)
        async with virtual_time() as clock:
            value = await account.balance()
            await account.set_balance(value - 10)
        return account, clock.elapsed

    account, elapsed = asyncio.run(go())
    assert account.history == [30, 20] and account.lowest == 20
    assert elapsed > 0


def test_sprinter_records_its_phases():
    async def go():
        r = lesson.Sprinter("a", warm=1, work=2)
        async with virtual_time():
            loop = asyncio.get_running_loop()
            t0 = loop.time()
            await r.warm_up()
            result = await r.run()
        return r, t0, result

    r, t0, result = asyncio.run(go())
    assert result == "a done"
    assert (r.warm_began - t0, r.warmed - t0, r.started - t0, r.finished - t0) == (0, 1, 1, 3)


# --------------------------------------------------------------------------- reference and starter

@pytest.mark.parametrize("ex_id", [SW, SG])
def test_the_reference_solution_passes_strictly(ex_id):
    result = strict_check(ex_id, namespace(ex_id, exercises.get(ex_id).solution))
    assert result.passed, result.to_text()


@pytest.mark.parametrize("ex_id, check", [(SW, "the balance adds up"), (SG, "nobody runs early")])
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
    for ex_id in (SW, SG):
        assert cells[ex_id].startswith(f"%%check {ex_id}\n" + exercises.get(ex_id).starter), ex_id


# --------------------------------------------------------------------------- a verdict, always; the loop left clean

@pytest.mark.parametrize(
    "ex_id, code, check",
    [
        (SW, "async def withdraw(account, amount):\n    await asyncio.Event().wait()\n", "True or False"),
        (SG, "async def start_together(runners):\n    await asyncio.Barrier(len(runners) + 1).wait()\n",
         "every result, in order"),
    ],
)
def test_code_that_waits_forever_gets_a_verdict_and_leaves_nothing(ex_id, code, check):
    async def go():
        loop = asyncio.get_running_loop()
        handler = loop.get_exception_handler()
        attrs = dict(vars(loop))
        result = await exercises.run_checks(ex_id, namespace(ex_id, code))
        await asyncio.sleep(0)
        left = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        return result, left, loop.get_exception_handler() is handler, dict(vars(loop)) == attrs

    result, left, same_handler, same_loop = asyncio.run(go())
    assert "had not returned after 600 s" in failing(result)[check]
    assert left == [] and same_handler and same_loop


# --------------------------------------------------------------------------- what the lesson says

def test_a_pause_between_read_and_write_loses_updates_and_none_loses_none():
    async def go(pause):
        state = {"n": 0}

        async def bump():
            seen = state["n"]
            if pause:
                await asyncio.sleep(0)
            state["n"] = seen + 1

        await asyncio.gather(*(bump() for _ in range(100)))
        return state["n"]

    assert asyncio.run(go(True)) == 1
    assert asyncio.run(go(False)) == 100


def test_the_unlocked_withdrawal_pays_five_times_and_the_locked_one_three():
    async def go(locked):
        account = lesson.Account(30)
        lock = asyncio.Lock()

        async def withdraw(amount):
            async def step():
                balance = await account.balance()
                if balance < amount:
                    return False
                await account.set_balance(balance - amount)
                return True

            if locked:
                async with lock:
                    return await step()
            return await step()

        async with virtual_time():
            paid = await asyncio.gather(*(withdraw(10) for _ in range(5)))
        return paid, account.history

    assert asyncio.run(go(False)) == ([True] * 5, [30, 20, 20, 20, 20, 20])
    assert asyncio.run(go(True)) == ([True, True, True, False, False], [30, 20, 10, 0])


def test_a_lock_is_bound_to_one_loop_and_is_not_reentrant():
    lock = asyncio.Lock()

    async def contend():
        async def hold():
            async with lock:
                await asyncio.sleep(0)

        await asyncio.gather(hold(), hold())

    asyncio.run(contend())
    with pytest.raises(RuntimeError, match="is bound to a different event loop"):
        asyncio.run(contend())

    async def twice():
        again = asyncio.Lock()
        async with again:
            async with virtual_time():
                with pytest.raises(TimeoutError):
                    async with asyncio.timeout(5):
                        await again.acquire()

    asyncio.run(twice())


def test_event_wakes_every_waiter_and_condition_rechecks_its_predicate():
    async def go():
        log = []
        async with virtual_time():
            loop = asyncio.get_running_loop()
            t0 = loop.time()
            ev = asyncio.Event()

            async def reader(name):
                await ev.wait()
                log.append((name, loop.time() - t0))

            async def setter():
                await asyncio.sleep(2)
                ev.set()

            await asyncio.gather(reader("a"), reader("b"), setter())

            cond = asyncio.Condition()
            state = {"balance": 0}

            async def take(amount):
                async with cond:
                    await cond.wait_for(lambda: state["balance"] >= amount)
                    state["balance"] -= amount
                    log.append((amount, loop.time() - t0))

            async def deposit(amount, after):
                await asyncio.sleep(after)
                async with cond:
                    state["balance"] += amount
                    cond.notify_all()

            await asyncio.gather(take(50), take(20), deposit(30, 3), deposit(40, 4))
        return log

    assert asyncio.run(go()) == [("a", 2), ("b", 2), (20, 2 + 3), (50, 2 + 4)]


def test_barrier_lets_all_go_when_the_last_arrives_numbers_them_and_abort_breaks_it():
    async def go():
        async with virtual_time():
            loop = asyncio.get_running_loop()
            t0 = loop.time()
            barrier = asyncio.Barrier(3)

            async def party(delay):
                await asyncio.sleep(delay)
                index = await barrier.wait()
                return index, loop.time() - t0

            got = await asyncio.gather(party(1), party(3), party(2))
            broken = asyncio.Barrier(2)
            waiter = asyncio.create_task(broken.wait())
            await asyncio.sleep(0)
            await broken.abort()
            with pytest.raises(asyncio.BrokenBarrierError):
                await waiter
        return got

    got = asyncio.run(go())
    assert sorted(i for i, _ in got) == [0, 1, 2]
    assert {t for _, t in got} == {3}
    assert issubclass(asyncio.BrokenBarrierError, RuntimeError)


def test_from_a_thread_call_soon_threadsafe_and_run_coroutine_threadsafe_reach_the_loop():
    async def go():
        loop = asyncio.get_running_loop()
        done = asyncio.Event()
        got = []

        async def in_the_loop():
            return threading.current_thread() is threading.main_thread()

        def worker():
            future = asyncio.run_coroutine_threadsafe(in_the_loop(), loop)
            got.append(future.result(timeout=5))
            loop.call_soon_threadsafe(done.set)

        thread = threading.Thread(target=worker)
        thread.start()
        await asyncio.wait_for(done.wait(), 5)
        thread.join()
        return got

    assert asyncio.run(go()) == [True]
