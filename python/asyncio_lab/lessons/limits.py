"""Lesson 17, limiting concurrency: a request helper, exercises and their checks.

:func:`fetch` pretends to fetch a URL (it waits, then returns ``"page <url>"``) and
fails with :class:`FetchError` for URLs that start with ``"bad"``.  Inside
``with recording(delays) as rec:`` (:mod:`asyncio_lab.sim`) it records each start
and how it ended, so a lesson or a check sees how many requests were in flight.

The checks run the learner's coroutine function on a virtual clock, with per-URL
durations chosen so that requests finish in another order than they started, and
judge only behaviour over time: the results and their order, the most requests in
flight at once (never more than the limit, and the limit used while work waits), the
starts per second, that every request was over and no task of the learner's was
left running.  Any route passes: a ``Semaphore`` or ``BoundedSemaphore``, N workers
sharing an iterator or a ``Queue``, a ``TaskGroup``; for the rate, spaced starts,
batches a second apart, a semaphore released a second later, a token bucket.
"""

from __future__ import annotations

import asyncio
from typing import Any

from ..exercises import CheckFailed, Exercise, describe_exception, make_checks, register
from ..sim import recorder, recording
from ..virtualclock import VirtualTimeError, virtual_time
from ._helpers import PerCheckRun, coroutine_function, loop_reports_ignored, run_until_deadline, stop_strays

__all__ = ["FetchError", "fetch"]

LESSON = "limits"

LESSON_SETUP = """\
import asyncio
import sys
from asyncio_lab.sim import recording
from asyncio_lab.lessons.limits import fetch, FetchError
"""


class FetchError(Exception):
    """A request that failed: :func:`fetch` raises it for URLs starting with "bad"."""


async def fetch(url: str, seconds: float = 0.02) -> str:
    """Pretend to fetch ``url``: wait ``seconds``, then return ``"page <url>"``.

    URLs that start with ``"bad"`` fail with :class:`FetchError` after the wait.  Inside
    ``with recording(delays) as rec:`` the wait is ``delays.get(url, seconds)``, and
    ``rec`` records ``start``, then ``finish``, ``fail`` or ``cancel``.
    """
    rec = recorder()
    seconds = rec.delays.get(url, seconds)
    timed = getattr(rec, "timed", None)
    loop = asyncio.get_running_loop()
    rec._start(url)
    if timed is not None:
        timed.append((loop.time(), "start", url))
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        rec._end("cancel", url)
        raise
    kind = "fail" if url.startswith("bad") else "finish"
    rec._end(kind, url)
    if timed is not None:
        timed.append((loop.time(), kind, url))
    if kind == "fail":
        raise FetchError(f"could not fetch {url}")
    return f"page {url}"


# --------------------------------------------------------------------------- one run, recorded

#: Virtual seconds a call may take before the check calls it stuck (a correct answer needs < 30).
DEADLINE = 600.0


class _Run:
    """One call of the learner's function on the virtual clock, recorded."""

    def __init__(self):
        self.value: Any = None
        self.error: BaseException | None = None
        self.stuck = False
        self.leftovers: list[str] = []  # requests still running on return
        self.strays: list[str] = []  # tasks of the learner's still pending on return
        self.timed: list[tuple[float, str, str]] = []
        self.t0 = 0.0
        self.rec = None

    @property
    def peak(self) -> int:
        return self.rec.peak

    def starts(self) -> list[float]:
        return sorted(t - self.t0 for t, kind, _ in self.timed if kind == "start")

    def started(self) -> list[str]:
        return self.rec.started()


async def _run(func, urls: list[str], arg: int, delays: dict[str, float]) -> _Run:
    run = _Run()
    loop = asyncio.get_running_loop()
    async with virtual_time():
        with loop_reports_ignored(FetchError), recording(delays) as rec:
            rec.timed = run.timed
            run.rec = rec
            run.t0 = loop.time()
            before = set(asyncio.tasks.all_tasks())
            await run_until_deadline(run, lambda: func(list(urls), arg), DEADLINE)
            await stop_strays(run, rec, before, "fetch")
    return run


def _raised(run: _Run, what: str) -> None:
    if run.stuck:
        return
    if run.error is None:
        return
    raise CheckFailed(f"`{what}` raised {_explain(run.error)}")


def _explain(exc: BaseException) -> str:
    text = describe_exception(exc)
    if isinstance(exc, VirtualTimeError) and ("thread" in str(exc) or "executor" in str(exc)):
        text += (
            ". The requests are coroutines of this event loop: limit them on the loop, "
            "not with threads or executors (the browser has no threads at all)"
        )
    return text


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, asyncio.Future):
        return "a Task" if isinstance(value, asyncio.Task) else "a Future"
    if asyncio.iscoroutine(value):
        return "a coroutine"
    if isinstance(value, BaseException):
        return f"{type(value).__name__}({str(value)!r})"
    return repr(value)


def _results(run: _Run, urls: list[str], what: str) -> None:
    if run.stuck:
        raise CheckFailed(f"`{what}` had not returned after {DEADLINE:g} s (of the virtual clock)")
    _raised(run, what)
    expected = [f"page {u}" for u in urls]
    got = run.value
    if isinstance(got, tuple):
        got = list(got)
    if not isinstance(got, list):
        raise CheckFailed(f"`{what}` should return a list of pages, one per URL; it returned {_show(got)}")
    if got == expected:
        return
    refused = next((v for v in got if isinstance(v, VirtualTimeError)), None)
    if refused is not None:
        raise CheckFailed(f"`{what}` gave {_explain(refused)}")
    if len(got) == len(expected) and sorted(map(str, got)) == sorted(expected):
        raise CheckFailed(
            f"all {len(expected)} pages are there, but not in the order of `urls` (entry i must be "
            f"the page of urls[i]): got {_show(got)}"
        )
    raise CheckFailed(f"`{what}` should return {_show(expected)}; it returned {_show(got)}")


def _nothing_left(runs: list[_Run], what: str) -> str:
    for run in runs:
        if run.leftovers:
            raise CheckFailed(
                f"expected every request to be over when `{what}` returns, but these were still "
                f"running: {run.leftovers}"
            )
        if run.strays:
            raise CheckFailed(
                f"expected nothing of yours still running when `{what}` returns, but {len(run.strays)} "
                f"task(s) were still pending ({', '.join(run.strays[:3])}): a task that is never "
                "finished or cancelled runs on after your function, until the program ends"
            )
    return "every request was over and no task was left running"


# --------------------------------------------------------------------------- fetch-all

_URLS = ["u1", "u2", "u3", "u4", "u5", "u6", "u7"]
# Each request takes a different time, so requests finish in another order than they start.
_DELAYS = {"u1": 3.0, "u2": 1.0, "u3": 2.0, "u4": 1.5, "u5": 0.5, "u6": 2.5, "u7": 1.0}
_FEW = ["u1", "u2", "u3", "u4"]
_BAD = ["bad1", "bad2", "u3", "u4", "u5", "u6"]
_BAD_DELAYS = {"bad1": 0.5, "bad2": 0.5, "u3": 1.0, "u4": 2.0, "u5": 1.0, "u6": 1.5}

_SCENARIOS = {
    "limit 3": (_URLS, 3, _DELAYS),
    "limit 1": (_URLS, 1, _DELAYS),
    "limit 10, 4 urls": (_FEW, 10, _DELAYS),
    "failures": (_BAD, 2, _BAD_DELAYS),
}
_FA_RUNS = PerCheckRun({"limit 3": 4, "limit 1": 1, "limit 10, 4 urls": 1, "failures": 2})


async def _fa(ns, scenario: str) -> _Run:
    func = coroutine_function(ns, "fetch_all", "async def fetch_all(urls, limit)")
    urls, limit, delays = _SCENARIOS[scenario]
    return await _FA_RUNS.get(func, lambda: _run(func, urls, limit, delays), scenario)


def _call(scenario: str) -> str:
    urls, limit, _ = _SCENARIOS[scenario]
    return f"fetch_all({len(urls)} urls, limit={limit})"


async def _fa_results(ns):
    run = await _fa(ns, "limit 3")
    _results(run, _URLS, _call("limit 3"))
    return "every page, in the order of `urls`"


async def _fa_at_most(ns):
    for scenario in ("limit 3", "limit 1"):
        run = await _fa(ns, scenario)
        _raised(run, _call(scenario))
        limit = _SCENARIOS[scenario][1]
        if run.peak > limit:
            raise CheckFailed(
                f"with limit={limit}, {run.peak} requests were in flight at once; at most {limit} may be"
            )
    return "never more than `limit` requests in flight (limit 3 and limit 1)"


def _idle_slots(run: _Run, limit: int, total: int) -> tuple[float, int, int] | None:
    """The first moment when URLs were waiting but fewer than ``limit`` requests ran."""
    in_flight = started = 0
    events = sorted(run.timed, key=lambda e: e[0])
    i = 0
    while i < len(events):
        t = events[i][0]
        while i < len(events) and events[i][0] == t:
            kind = events[i][1]
            if kind == "start":
                in_flight += 1
                started += 1
            else:
                in_flight -= 1
            i += 1
        if started < total and in_flight < limit:
            return t - run.t0, in_flight, total - started
    return None


async def _fa_uses_limit(ns):
    for scenario in ("limit 3", "limit 10, 4 urls"):
        run = await _fa(ns, scenario)
        _raised(run, _call(scenario))
        urls, limit, _ = _SCENARIOS[scenario]
        want = min(limit, len(urls))
        if run.peak < want:
            text = f"with limit={limit} and {len(urls)} URLs, {want} requests may run at once, but at most {run.peak} did"
            if run.peak == 1:
                text += ": each request only started after the previous one had finished"
            raise CheckFailed(text)
        idle = _idle_slots(run, limit, len(urls))
        if idle is not None:
            at, busy, waiting = idle
            raise CheckFailed(
                f"with limit={limit}, at {at:g} s only {busy} request(s) were in flight while {waiting} "
                "URL(s) still waited to start: start the next one as soon as one finishes"
            )
    return "`limit` requests in flight whenever URLs were waiting"


async def _fa_failures(ns):
    run = await _fa(ns, "failures")
    what = _call("failures")
    if run.stuck:
        never = [u for u in _BAD if u not in run.started()]
        raise CheckFailed(
            f"`{what}`, where the first two requests fail, had not returned after {DEADLINE:g} s (of the "
            f"virtual clock), with nothing in flight and {never} never started: the slots the failed "
            "requests took were never given back"
        )
    if run.error is not None:
        raise CheckFailed(
            f"`{what}`, where two requests fail, raised {describe_exception(run.error)}; expected the "
            "FetchError in the failed URL's place in the list, and every other page"
        )
    got = list(run.value) if isinstance(run.value, (list, tuple)) else run.value
    if not isinstance(got, list) or len(got) != len(_BAD):
        raise CheckFailed(f"`{what}` should return one entry per URL; it returned {_show(got)}")
    for i, (url, have) in enumerate(zip(_BAD, got)):
        if url.startswith("bad"):
            if not isinstance(have, FetchError):
                raise CheckFailed(
                    f"entry {i} ({url!r}, which fails) should be the FetchError itself, but it is {_show(have)}"
                )
        elif have != f"page {url}":
            raise CheckFailed(f"entry {i} should be {_show(f'page {url}')}, but it is {_show(have)}")
    return "each failure in its place, and the other requests still ran"


async def _fa_nothing_left(ns):
    runs = [await _fa(ns, "limit 3"), await _fa(ns, "failures")]
    return _nothing_left(runs, "fetch_all")


register(
    Exercise(
        id=f"{LESSON}.fetch-all",
        title="Fetch them all, N at a time",
        setup=LESSON_SETUP,
        checks=make_checks(
            ("every page, in order", _fa_results),
            ("never more than N at once", _fa_at_most),
            ("N at once while URLs wait", _fa_uses_limit),
            ("a failure frees its slot", _fa_failures),
            ("nothing left running", _fa_nothing_left),
        ),
        hints=(
            "All the requests start at once because `gather` starts every coroutine straight away. "
            "Something has to make the extra ones wait until a request in flight has finished.",
            "`asyncio.Semaphore(limit)` lets `limit` holders in at a time: wrap each request in a small "
            "`async def` that does `async with sem:` around `await fetch(url)`, and gather those.",
            "A failed request raises inside the `async with` block, which still gives the slot back. "
            "`gather(..., return_exceptions=True)` puts the FetchError in that URL's place instead of raising.",
        ),
        starter=(
            "async def fetch_all(urls, limit):\n"
            "    return await asyncio.gather(*(fetch(url) for url in urls), return_exceptions=True)\n"
        ),
        solution=(
            "async def fetch_all(urls, limit):\n"
            "    sem = asyncio.Semaphore(limit)\n"
            "\n"
            "    async def one(url):\n"
            "        async with sem:  # released even when fetch raises\n"
            "            return await fetch(url)\n"
            "\n"
            "    return await asyncio.gather(*(one(url) for url in urls), return_exceptions=True)\n"
        ),
    )
)


# --------------------------------------------------------------------------- rate-limit

_RATE = {
    # name: (urls, per_second, seconds each request takes)
    "2 a second": ([f"r{i}" for i in range(1, 8)], 2, [2.5, 2.0, 3.0, 2.5, 1.5, 2.0, 3.5]),
    "1 a second": (["s1", "s2", "s3", "s4"], 1, [1.5, 0.5, 1.0, 0.5]),
    "5 a second, quick requests": ([f"q{i}" for i in range(1, 10)], 5, [0.2, 0.1, 0.3, 0.2, 0.1, 0.2, 0.3, 0.1, 0.2]),
}
_RATE_RUNS = PerCheckRun({"2 a second": 4, "1 a second": 2, "5 a second, quick requests": 2})


async def _rl(ns, scenario: str) -> _Run:
    func = coroutine_function(ns, "fetch_at_rate", "async def fetch_at_rate(urls, per_second)")
    urls, per_second, seconds = _RATE[scenario]
    delays = dict(zip(urls, seconds))
    return await _RATE_RUNS.get(func, lambda: _run(func, urls, per_second, delays), scenario)


def _rcall(scenario: str) -> str:
    urls, per_second, _ = _RATE[scenario]
    return f"fetch_at_rate({len(urls)} urls, per_second={per_second})"


async def _rl_results(ns):
    run = await _rl(ns, "2 a second")
    _results(run, _RATE["2 a second"][0], _rcall("2 a second"))
    return "every page, in the order of `urls`"


_EPS = 1e-9


async def _rl_window(ns):
    for scenario in ("2 a second", "1 a second", "5 a second, quick requests"):
        run = await _rl(ns, scenario)
        _raised(run, _rcall(scenario))
        per_second = _RATE[scenario][1]
        starts = run.starts()
        for i, t in enumerate(starts):
            within = [s for s in starts[i:] if s < t + 1 - _EPS]
            if len(within) > per_second:
                text = (
                    f"with per_second={per_second}, {len(within)} requests started within one second "
                    f"(from {t:g} s to {within[-1]:g} s); at most {per_second} may start in any second"
                )
                if run.peak <= per_second:
                    text += (
                        f". Never more than {per_second} ran at once, but that is a limit on how many at "
                        "once: a rate counts starts, so a slot comes back a second after its start, "
                        "not when its request ends"
                    )
                raise CheckFailed(text)
    return "never more than `per_second` starts within any one second"


async def _rl_keeps_up(ns):
    for scenario in ("2 a second", "1 a second"):
        run = await _rl(ns, scenario)
        _raised(run, _rcall(scenario))
        urls, per_second, _ = _RATE[scenario]
        starts = run.starts()
        if len(starts) < len(urls):
            raise CheckFailed(f"`{_rcall(scenario)}` started {len(starts)} requests; expected one per URL ({len(urls)})")
        allowed = (len(urls) - 1) / per_second + 1
        last = starts[-1]
        if last > allowed + _EPS:
            text = (
                f"with per_second={per_second}, the last of {len(urls)} requests can start at "
                f"{(len(urls) - 1) / per_second:g} s, but it started at {last:g} s, more than a second later"
            )
            if run.peak == 1:
                text += (
                    ": each request only started after the previous one had finished; a rate limits "
                    "when requests start, and they may overlap"
                )
            raise CheckFailed(text)
    return "requests start as often as the rate allows, overlapping"


async def _rl_nothing_left(ns):
    runs = [await _rl(ns, "2 a second"), await _rl(ns, "1 a second")]
    for run, scenario in zip(runs, ("2 a second", "1 a second")):
        _raised(run, _rcall(scenario))
    return _nothing_left(runs, "fetch_at_rate")


register(
    Exercise(
        id=f"{LESSON}.rate-limit",
        title="No more than N a second",
        setup=LESSON_SETUP,
        checks=make_checks(
            ("every page, in order", _rl_results),
            ("at most N starts in any second", _rl_window),
            ("keeps up the rate", _rl_keeps_up),
            ("nothing left running", _rl_nothing_left),
        ),
        hints=(
            "A rate limits when requests *start*, not how many run: a slow request may still be running "
            "when the next ones start. So do not wait for a request to finish before starting the next.",
            "Start each request as a task, and between two starts `await asyncio.sleep(1 / per_second)`; "
            "collect the tasks in a list.",
            "When every request has started, `await asyncio.gather(*tasks)` gives the pages in the order "
            "of `urls` and leaves nothing running.",
        ),
        starter=(
            "async def fetch_at_rate(urls, per_second):\n"
            "    pages = []\n"
            "    for url in urls:\n"
            "        pages.append(await fetch(url))\n"
            "        await asyncio.sleep(1 / per_second)\n"
            "    return pages\n"
        ),
        solution=(
            "async def fetch_at_rate(urls, per_second):\n"
            "    tasks = []\n"
            "    for i, url in enumerate(urls):\n"
            "        if i:\n"
            "            await asyncio.sleep(1 / per_second)  # space the starts out\n"
            "        tasks.append(asyncio.create_task(fetch(url)))\n"
            "    return await asyncio.gather(*tasks)\n"
        ),
    )
)
