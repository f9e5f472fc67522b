"""Lesson 18, coordination and races: a slow bank account, runners, exercises and checks.

:class:`Account` keeps a balance behind two awaits (``await account.balance()`` and
``await account.set_balance(x)``), like a record in a remote database, and records every
balance it held, so a check sees a lost update or an overdraft.  :class:`Sprinter` warms up
(each for its own time) and then runs, recording when each phase began and ended.

The checks run the learner's coroutine function on a virtual clock and judge only
behaviour over time: for the account, the invariant (the balance never below zero and
equal to the start minus what was paid out) and that every withdrawal that could be
paid was paid; for the start gate, that no runner ran before the last had warmed up,
that all ran at that same moment, side by side, and nothing was left running.  Any
route passes: a ``Lock`` (module-level, per account, or in a dict), a ``Semaphore(1)``,
a ``Condition``; for the gate, a ``Barrier``, an ``Event`` set by the last one ready, a
``Condition``, or two ``gather`` calls.
"""

from __future__ import annotations

import asyncio
import threading
import types
from typing import Any, Mapping

from ..exercises import CheckFailed, Exercise, describe_exception, make_checks, register
from ..virtualclock import virtual_time
from ._helpers import PerCheckRun, coroutine_function

__all__ = ["Account", "Sprinter"]

LESSON = "coordination"

LESSON_SETUP = """\
import asyncio
import sys
from asyncio_lab.lessons.coordination import Account, Sprinter
"""


class Account:
    """A balance that takes a moment to read and to write (``latency`` seconds each).

    ``history`` is every balance the account held, in order; ``lowest`` the lowest.
    """

    def __init__(self, balance: int, latency: float = 0.01):
        self._balance = balance
        self.latency = latency
        self.history = [balance]
        self._calls = 0

    def _wait(self) -> float:
        # Reads and writes take slightly different times, so concurrent callers interleave.
        self._calls += 1
        return self.latency * (1 + (self._calls % 3) / 2)

    async def balance(self) -> int:
        """The balance, read after a short wait."""
        value = self._balance
        await asyncio.sleep(self._wait())
        return value

    async def set_balance(self, value: int) -> None:
        """Write the balance, after a short wait."""
        await asyncio.sleep(self._wait())
        self._balance = value
        self.history.append(value)

    @property
    def lowest(self) -> int:
        return min(self.history)

    def __repr__(self) -> str:
        return f"Account(balance={self._balance})"


class Sprinter:
    """A worker that must ``await warm_up()`` and then ``await run()``.

    ``run()`` returns ``"<name> done"``.  The times (``loop.time()``) each phase began and
    ended are in ``warmed`` (end of the warm-up) and ``started`` (start of the run).
    """

    def __init__(self, name: str, warm: float = 0.01, work: float = 0.01):
        self.name, self.warm, self.work = name, warm, work
        self.warm_began: float | None = None
        self.warmed: float | None = None
        self.started: float | None = None
        self.finished: float | None = None

    async def warm_up(self) -> None:
        loop = asyncio.get_running_loop()
        self.warm_began = loop.time()
        await asyncio.sleep(self.warm)
        self.warmed = loop.time()

    async def run(self) -> str:
        loop = asyncio.get_running_loop()
        self.started = loop.time()
        await asyncio.sleep(self.work)
        self.finished = loop.time()
        return f"{self.name} done"

    def __repr__(self) -> str:
        return f"Sprinter({self.name!r})"


# --------------------------------------------------------------------------- one run, recorded

#: Virtual seconds a call may take before the check calls it stuck (a correct answer needs < 10).
DEADLINE = 600.0
_EPS = 1e-9


class _Run:
    def __init__(self):
        self.value: Any = None
        self.error: BaseException | None = None
        self.stuck = False
        self.strays: list[str] = []
        self.t0 = 0.0


async def _run(call) -> _Run:
    """Run ``call()`` (a coroutine) on the virtual clock; cancel what it leaves behind."""
    run = _Run()
    loop = asyncio.get_running_loop()
    async with virtual_time():
        run.t0 = loop.time()
        before = set(asyncio.all_tasks())
        try:
            async with asyncio.timeout(DEADLINE) as scope:
                run.value = await call()
        except TimeoutError:
            if scope.expired():
                run.stuck = True
            else:
                run.error = TimeoutError()
        except Exception as exc:  # judged by the checks that care
            run.error = exc
        strays = [t for t in asyncio.all_tasks() if t not in before and not t.done()]
        run.strays = sorted(t.get_name() for t in strays)
        for task in strays:
            task.cancel()
        if strays:
            await asyncio.gather(*strays, return_exceptions=True)
            await asyncio.sleep(0)
    return run


def _ended(run: _Run, what: str) -> None:
    if run.stuck:
        raise CheckFailed(
            f"`{what}` had not returned after {DEADLINE:g} s (of the virtual clock): something waits "
            "for a lock that is never released, an event never set, or a barrier that never fills"
        )
    if run.error is not None:
        raise CheckFailed(f"`{what}` raised {describe_exception(run.error)}")


def _nothing_left(run: _Run, what: str) -> str:
    if run.strays:
        raise CheckFailed(
            f"expected nothing of yours still running when `{what}` returns, but {len(run.strays)} "
            f"task(s) were still pending ({', '.join(run.strays[:3])})"
        )
    return "nothing was left running"


# --------------------------------------------------------------------------- threading primitives: refused before running

_THREAD_FACTORIES = (
    threading.Lock, threading.RLock, threading.Event, threading.Condition,
    threading.Semaphore, threading.BoundedSemaphore, threading.Barrier,
)
_THREAD_TYPES = (
    type(threading.Lock()), type(threading.RLock()), threading.Event, threading.Condition,
    threading.Semaphore, threading.Barrier,
)


def _names(code: types.CodeType) -> set[str]:
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names(const)
    return names


def _refuse_thread_primitives(ns: Mapping[str, Any], func: Any, what: str) -> None:
    """CheckFailed if ``func`` uses one of threading's blocking primitives.

    Waiting for one inside a coroutine blocks the loop's thread: the task that could
    release it never runs again, so the kernel would hang, with no verdict at all.
    """
    for name in sorted(_names(func.__code__)):
        value = ns.get(name)
        if value is threading or value in _THREAD_FACTORIES or isinstance(value, _THREAD_TYPES):
            shown = "the threading module" if value is threading else f"a threading primitive (`{name}`)"
            raise CheckFailed(
                f"`{what}` uses {shown}. Waiting for a threading lock, event or barrier blocks the event "
                "loop's whole thread, so the task that would release it can never run: the kernel would "
                "hang. Between tasks of one loop, use asyncio's own (`asyncio.Lock`, `asyncio.Barrier`, ...)"
            )


# --------------------------------------------------------------------------- exercise 1: the balance

# name: (starting balance, amounts asked for, concurrently)
_BANK = {
    "15 x 10 from 100": (100, [10] * 15),
    "mixed amounts": (50, [30, 20, 40, 10, 25, 5, 50]),
    "30, four times 10": (30, [10, 10, 10, 10]),
}
_BANK_RUNS = PerCheckRun({"15 x 10 from 100": 3, "mixed amounts": 2, "30, four times 10": 1})


async def _bank(ns, scenario: str):
    func = coroutine_function(ns, "withdraw", "async def withdraw(account, amount)")
    _refuse_thread_primitives(ns, func, "withdraw")
    start, amounts = _BANK[scenario]

    async def go():
        account = Account(start)
        results = await asyncio.gather(*(func(account, a) for a in amounts))
        return account, list(results)

    return await _BANK_RUNS.get(func, lambda: _run(go), scenario)


def _call(scenario: str) -> str:
    start, amounts = _BANK[scenario]
    return f"{len(amounts)} concurrent withdraw() calls on Account({start})"


async def _bk_answers(ns):
    run = await _bank(ns, "30, four times 10")
    _ended(run, _call("30, four times 10"))
    _, results = run.value
    if sum(r is True for r in results) != 3 or sum(r is False for r in results) != 1:
        raise CheckFailed(
            "four concurrent withdrawals of 10 from Account(30) should give True three times and "
            f"False once (the last one served does not fit); got {results}"
        )
    return "True when the money was paid, False when it did not fit"


async def _bk_invariant(ns):
    for scenario in ("15 x 10 from 100", "mixed amounts"):
        run = await _bank(ns, scenario)
        what = _call(scenario)
        _ended(run, what)
        account, results = run.value
        start, amounts = _BANK[scenario]
        paid = sum(a for a, ok in zip(amounts, results) if ok is True)
        end = account.history[-1]
        if account.lowest < 0:
            raise CheckFailed(
                f"{what}: the balance went down to {account.lowest}. Two callers both saw enough "
                "money, then both paid: between the check and the act, the other one ran"
            )
        if paid > start:
            raise CheckFailed(
                f"{what}: {sum(r is True for r in results)} withdrawals said True, paying {paid} in all "
                f"out of {start} (the balance says {end}): callers read the same balance, each decided "
                "there was enough, and each wrote its own result, so updates were lost"
            )
        if end != start - paid:
            raise CheckFailed(
                f"{what}: {sum(results)} withdrawals said True, paying {paid} in all, so the balance "
                f"should be {start - paid}, but it is {end}: an update was lost (two callers read the "
                "same balance and both wrote their own result)"
            )
    return "never below zero, and the balance always matches what was paid"


async def _bk_fair(ns):
    for scenario in ("15 x 10 from 100", "mixed amounts"):
        run = await _bank(ns, scenario)
        what = _call(scenario)
        _ended(run, what)
        account, results = run.value
        start, amounts = _BANK[scenario]
        end = account.history[-1]
        refused = [a for a, ok in zip(amounts, results) if ok is not True]
        fits = [a for a in refused if a <= end]
        if fits:
            raise CheckFailed(
                f"{what}: a withdrawal of {fits[0]} was refused, yet the balance at the end was {end}: "
                "a caller that waits its turn must check the balance again, and be paid if it fits"
            )
    return "every withdrawal that fitted was paid"


async def _bk_nothing_left(ns):
    run = await _bank(ns, "15 x 10 from 100")
    _ended(run, _call("15 x 10 from 100"))
    return _nothing_left(run, "withdraw")


register(
    Exercise(
        id=f"{LESSON}.safe-withdraw",
        title="Withdraw without overdrawing",
        setup=LESSON_SETUP,
        checks=make_checks(
            ("True or False", _bk_answers),
            ("the balance adds up", _bk_invariant),
            ("what fits is paid", _bk_fair),
            ("nothing left running", _bk_nothing_left),
        ),
        hints=(
            "Between `await account.balance()` and `await account.set_balance(...)` the other callers "
            "run. Two of them can read the same balance, both decide there is enough, and both write.",
            "Make the read, the check and the write one step that only one caller at a time can be in: "
            "an `asyncio.Lock()` created once (outside `withdraw`), and `async with lock:` around all three.",
            "A lock made inside `withdraw` is a new lock for every call and protects nothing. Read the "
            "balance *inside* the `async with`, not before it.",
        ),
        starter=(
            "async def withdraw(account, amount):\n"
            "    balance = await account.balance()\n"
            "    if balance < amount:\n"
            "        return False\n"
            "    await account.set_balance(balance - amount)\n"
            "    return True\n"
        ),
        solution=(
            "lock = asyncio.Lock()\n"
            "\n"
            "async def withdraw(account, amount):\n"
            "    async with lock:  # check and act, with nobody else in between\n"
            "        balance = await account.balance()\n"
            "        if balance < amount:\n"
            "            return False\n"
            "        await account.set_balance(balance - amount)\n"
            "        return True\n"
        ),
    )
)


# --------------------------------------------------------------------------- exercise 2: the start gate

# name: (warm-up seconds per runner, run seconds per runner)
_GATES = {
    "5 runners": ([0.3, 1.2, 0.5, 2.0, 0.8], [1.0, 0.5, 1.5, 0.5, 1.0]),
    "2 runners": ([1.5, 0.5], [0.5, 2.0]),
    "1 runner": ([0.7], [0.3]),
}
_GATE_RUNS = PerCheckRun({"5 runners": 4, "2 runners": 2, "1 runner": 2})


async def _gate(ns, scenario: str):
    func = coroutine_function(ns, "start_together", "async def start_together(runners)")
    _refuse_thread_primitives(ns, func, "start_together")
    warms, works = _GATES[scenario]

    async def go():
        runners = [Sprinter(f"r{i}", w, k) for i, (w, k) in enumerate(zip(warms, works), 1)]
        return runners, await func(list(runners))

    return await _GATE_RUNS.get(func, lambda: _run(go), scenario)


def _gcall(scenario: str) -> str:
    return f"start_together({len(_GATES[scenario][0])} runners)"


async def _gt_results(ns):
    for scenario in ("5 runners", "1 runner"):
        run = await _gate(ns, scenario)
        _ended(run, _gcall(scenario))
        runners, got = run.value
        if isinstance(got, tuple):
            got = list(got)
        want = [f"{r.name} done" for r in runners]
        if got != want:
            raise CheckFailed(f"`{_gcall(scenario)}` should return {want}; it returned {got!r}")
    return "every runner's result, in order"


def _phases(run: _Run, scenario: str) -> tuple[list[Sprinter], float]:
    _ended(run, _gcall(scenario))
    runners, _ = run.value
    for r in runners:
        if r.warmed is None:
            raise CheckFailed(f"`{_gcall(scenario)}`: {r.name} never finished `warm_up()`")
        if r.started is None:
            raise CheckFailed(f"`{_gcall(scenario)}`: {r.name} never called `run()`")
    return runners, max(r.warmed for r in runners)


async def _gt_not_early(ns):
    for scenario in ("5 runners", "2 runners"):
        run = await _gate(ns, scenario)
        runners, gate = _phases(run, scenario)
        early = [r for r in runners if r.started < gate - _EPS]
        if early:
            r = early[0]
            raise CheckFailed(
                f"`{_gcall(scenario)}`: {r.name} started running at {r.started - run.t0:g} s, but the "
                f"last runner was only ready at {gate - run.t0:g} s: nobody may run before everyone is ready"
            )
    return "nobody ran before the last runner was ready"


async def _gt_together(ns):
    for scenario in ("5 runners", "2 runners"):
        run = await _gate(ns, scenario)
        runners, gate = _phases(run, scenario)
        warm_starts = sorted(r.warm_began - run.t0 for r in runners)
        if warm_starts[-1] > _EPS:
            raise CheckFailed(
                f"`{_gcall(scenario)}`: the warm-ups should all begin at once, at 0 s, but one began at "
                f"{warm_starts[-1]:g} s: warm them up side by side"
            )
        late = [r for r in runners if r.started > gate + _EPS]
        if late:
            r = late[0]
            raise CheckFailed(
                f"`{_gcall(scenario)}`: everyone was ready at {gate - run.t0:g} s, but {r.name} only "
                f"started running at {r.started - run.t0:g} s: when the gate opens, all go at once"
            )
    return "all warmed up side by side, and all ran at the same moment"


async def _gt_nothing_left(ns):
    run = await _gate(ns, "5 runners")
    _ended(run, _gcall("5 runners"))
    runners, _ = run.value
    unfinished = [r.name for r in runners if r.finished is None]
    if unfinished:
        raise CheckFailed(f"`start_together` returned before {unfinished} had finished running")
    return _nothing_left(run, "start_together")


register(
    Exercise(
        id=f"{LESSON}.start-gate",
        title="A start gate",
        setup=LESSON_SETUP,
        checks=make_checks(
            ("every result, in order", _gt_results),
            ("nobody runs early", _gt_not_early),
            ("all go together", _gt_together),
            ("nothing left running", _gt_nothing_left),
        ),
        hints=(
            "Each runner goes as soon as its own warm-up is over. Something has to hold the quick ones "
            "back until the slowest has warmed up too.",
            "`asyncio.Barrier(len(runners))`: each runner's task does `await runner.warm_up()`, then "
            "`await barrier.wait()`, then `return await runner.run()`. The last one to arrive lets everyone through.",
            "With an `asyncio.Event` instead, count the runners that are ready, and let the last one call "
            "`gate.set()`; everyone else does `await gate.wait()`. Gather the tasks for the results in order.",
        ),
        starter=(
            "async def start_together(runners):\n"
            "    async def one(runner):\n"
            "        await runner.warm_up()\n"
            "        return await runner.run()\n"
            "\n"
            "    return await asyncio.gather(*(one(r) for r in runners))\n"
        ),
        solution=(
            "async def start_together(runners):\n"
            "    barrier = asyncio.Barrier(len(runners))\n"
            "\n"
            "    async def one(runner):\n"
            "        await runner.warm_up()\n"
            "        await barrier.wait()  # the last one to arrive opens the gate\n"
            "        return await runner.run()\n"
            "\n"
            "    return await asyncio.gather(*(one(r) for r in runners))\n"
        ),
    )
)
