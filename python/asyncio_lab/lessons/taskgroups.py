"""TaskGroup and structured concurrency: a download that can fail, a small site to crawl, the
exercises and their checks.

:func:`download` waits a little and returns ``"contents of <name>"``, or fails with
:class:`DownloadError` for a name that starts with ``"bad"``; inside
``with recording(delays) as rec:`` it records ``start`` and ``finish``/``fail``/``cancel``.
:class:`Site` is a tiny web site held in a dict: ``await site.fetch(page)`` returns the pages it
links to, and ``site.log`` records every fetch the same way.

The checks call the learner's function with their own names, sites and delays, on a virtual
clock (:func:`asyncio_lab.virtualclock.virtual_time`), so the order in which downloads finish is
exact whatever the machine's load and no check takes real time.  They judge behaviour only: the
results, how many downloads or fetches were in flight together, what was still running when the
function returned or raised, how each download ended, and what the caller received.  Anything
the learner's code leaves running is cancelled and awaited before the verdict.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Iterable

from .._patch import is_kernel_task
from ..exercises import CheckFailed, Exercise, describe_exception, make_checks, register
from ..sim import Recorder, recorder, recording
from ..virtualclock import VirtualTimeError, virtual_time
from ._helpers import coroutine_function, loop_reports_ignored

__all__ = ["DownloadError", "Site", "download"]

LESSON = "taskgroups"


class DownloadError(Exception):
    """A download or a page fetch that failed."""


async def download(name: str, seconds: float = 0.02) -> str:
    """Wait ``seconds`` (or the delay the current recording gives ``name``), then return
    ``"contents of <name>"``; a name that starts with ``"bad"`` fails with DownloadError."""
    return await _fetch(recorder(), name, seconds, name.startswith("bad"), f"contents of {name}")


async def _fetch(rec: Recorder, name: str, seconds: float, fails: bool, result):
    seconds = rec.delays.get(name, seconds)
    rec._start(name)
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        rec._end("cancel", name)
        raise
    if fails:
        rec._end("fail", name)
        raise DownloadError(f"could not download {name}")
    rec._end("finish", name)
    return result


class Site:
    """A small web site: ``links`` maps each page to the pages it links to.

    ``await site.fetch(page)`` waits ``delays.get(page, seconds)`` and returns a copy of the
    page's links; a page in ``broken`` (or one the site does not have) fails with DownloadError.
    ``site.log`` is a :class:`~asyncio_lab.sim.Recorder`: ``site.log.order`` lists every fetch's
    start and end, ``site.log.peak`` the most fetches in flight at once.
    """

    def __init__(self, links: dict[str, list[str]], delays: dict[str, float] | None = None,
                 broken: Iterable[str] = (), seconds: float = 0.01):
        self.links = {page: list(targets) for page, targets in links.items()}
        self.broken = set(broken)
        self.seconds = seconds
        self.log = Recorder(delays=dict(delays or {}))

    async def fetch(self, page: str) -> list[str]:
        fails = page in self.broken or page not in self.links
        return await _fetch(self.log, page, self.seconds, fails, list(self.links.get(page, [])))

    def __repr__(self) -> str:
        return f"<Site of {len(self.links)} pages>"


# --------------------------------------------------------------------------- shared

@dataclass
class _Run:
    """One call of the learner's function, observed."""

    value: Any = None
    error: BaseException | None = None
    leftovers: list[str] = field(default_factory=list)  # downloads still running when it returned
    strays: int = 0  # other tasks it started that were still pending (not downloading yet)
    events: list[tuple[str, str]] = field(default_factory=list)
    peak: int = 0

    def ended(self, name: str) -> str | None:
        """How ``name`` ended (finish, fail, cancel), or None if it never ended (or never started)."""
        return next((kind for kind, n in self.events if n == name and kind != "start"), None)

    def started(self) -> list[str]:
        return [n for kind, n in self.events if kind == "start"]

    def index(self, kind: str, name: str) -> int | None:
        return next((i for i, e in enumerate(self.events) if e == (kind, name)), None)


async def _observe(call: Callable[[], Awaitable[Any]], *, delays: dict[str, float] | None = None,
                   log: Recorder | None = None) -> _Run:
    """Run ``call()`` on a virtual clock; then cancel and await whatever it left running.

    Downloads record into a fresh recording with ``delays``; a :class:`Site` records into its
    own ``log``, which is then the one observed.
    """
    run = _Run()
    before = asyncio.all_tasks()
    async with virtual_time():
        with loop_reports_ignored(DownloadError), recording(delays) as fresh:
            rec = fresh if log is None else log
            try:
                run.value = await call()
            except asyncio.CancelledError as exc:
                task = asyncio.current_task()
                if task is not None and task.cancelling():
                    raise  # the check itself is being stopped (its time limit)
                run.error = exc
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException as exc:  # judged by the checks that care (groups of CancelledError too)
                run.error = exc
            finally:
                run.leftovers = rec.still_running()
                run.strays = len(_started(before) - set(rec._tasks.values()))
                run.events, run.peak = list(rec.events), rec.peak
                await _stop(rec, before)
    return run


def _started(before: set[asyncio.Task]) -> set[asyncio.Task]:
    """The tasks started since ``before`` that are still pending (the kernel's own left out)."""
    this = asyncio.current_task()
    return {t for t in asyncio.all_tasks() - before if t is not this and not t.done() and not is_kernel_task(t)}


def _still_running(run: _Run, what: str) -> str | None:
    """What ``what`` left running, in words, or None."""
    parts = []
    if run.leftovers:
        parts.append(f"{_names(run.leftovers)} were still running")
    if run.strays:
        parts.append(f"{run.strays} task(s) it had started were still waiting to run")
    return f"when `{what}` was over, " + " and ".join(parts) if parts else None


async def _stop(rec: Recorder, before: set[asyncio.Task]) -> None:
    """Cancel what is still downloading, and every other task the learner's code started that is
    still pending (also those that have not run yet); let them unwind, and retrieve how they ended."""
    tasks = list(set(rec._tasks.values()) | _started(before))
    for task in tasks:
        task.cancel()
    if tasks:
        await asyncio.wait(tasks, timeout=60)  # virtual seconds: a task that refuses to stop still ends the check
        for task in tasks:
            if task.done() and not task.cancelled():
                task.exception()
        await asyncio.sleep(0)


def _leaves(exc: BaseException) -> list[BaseException]:
    """The exceptions inside ``exc``, nested groups flattened (``exc`` itself if it is no group)."""
    if isinstance(exc, BaseExceptionGroup):
        return [leaf for inner in exc.exceptions for leaf in _leaves(inner)]
    return [exc]


def _describe(exc: BaseException) -> str:
    if isinstance(exc, BaseExceptionGroup):
        return f"{type(exc).__name__} of [{', '.join(_describe(e) for e in exc.exceptions)}]"
    return describe_exception(exc)


def _no_threads(run: _Run, what: str) -> None:
    if isinstance(run.error, VirtualTimeError):
        raise CheckFailed(
            f"`{what}` handed work to a thread. The check runs your code on a virtual clock, which has no "
            "threads, and the browser has none either; this work only waits, so run it as tasks on the "
            "event loop"
        )


def _names(names: Iterable[str]) -> str:
    names = list(names)
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)


# --------------------------------------------------------------------------- all-or-nothing

_FETCH = "fetch_all"
_ORDER_NAMES = ["north.txt", "east.txt", "south.txt", "west.txt"]
_ORDER_DELAYS = {"north.txt": 0.04, "east.txt": 0.01, "south.txt": 0.03, "west.txt": 0.02}
_STOP_NAMES = ["big.iso", "bad-one.txt", "medium.iso"]
_STOP_DELAYS = {"big.iso": 0.3, "bad-one.txt": 0.01, "medium.iso": 0.2}
# Two downloads fail at the same moment, while a third still runs and a fourth has finished.
_BOTH_NAMES = ["quick.txt", "bad-a.txt", "slow.iso", "bad-b.txt"]
_BOTH_DELAYS = {"quick.txt": 0.005, "bad-a.txt": 0.01, "slow.iso": 0.3, "bad-b.txt": 0.01}


async def _fetch_run(ns, names, delays) -> _Run:
    func = coroutine_function(ns, _FETCH, "async def fetch_all(names)")
    return await _observe(lambda: func(list(names)), delays=delays)


async def _all_results(ns):
    run = await _fetch_run(ns, _ORDER_NAMES, _ORDER_DELAYS)
    _no_threads(run, _FETCH)
    expected = [f"contents of {n}" for n in _ORDER_NAMES]
    if run.error is not None:
        raise CheckFailed(
            f"no download fails in `fetch_all({_ORDER_NAMES!r})`, yet it raised {_describe(run.error)}"
        )
    value = run.value
    if not isinstance(value, (list, tuple)):
        raise CheckFailed(f"expected `fetch_all` to return a list of contents, but it returned {value!r}")
    value = list(value)
    if value != expected:
        if sorted(map(str, value)) == sorted(expected):
            raise CheckFailed(
                f"all the contents are there, but in the order the downloads finished ({value!r}), not in the "
                "order of `names`: entry i must be the contents of names[i]"
            )
        raise CheckFailed(f"`fetch_all({_ORDER_NAMES!r})` should return {expected!r}, but it returned {value!r}")
    if run.peak != len(_ORDER_NAMES):
        raise CheckFailed(
            f"expected the {len(_ORDER_NAMES)} downloads in flight at the same time, but at most {run.peak} "
            "ran at once" + (": each started only after the previous one had finished" if run.peak == 1 else "")
        )
    return f"the contents in the order of `names`, all {run.peak} downloads in flight together"


async def _failure_stops_the_rest(ns):
    run = await _fetch_run(ns, _STOP_NAMES, _STOP_DELAYS)
    _no_threads(run, _FETCH)
    if run.peak < len(_STOP_NAMES):
        raise CheckFailed(
            f"expected the {len(_STOP_NAMES)} downloads to start together, but at most {run.peak} ran at once"
        )
    others = [n for n in _STOP_NAMES if not n.startswith("bad")]
    left = _still_running(run, _FETCH)
    if left:
        raise CheckFailed(
            f"`bad-one.txt` failed first, and {left}, with nobody waiting for them: the first failure must stop "
            "the other downloads"
        )
    finished = [n for n in others if run.ended(n) == "finish"]
    if finished:
        raise CheckFailed(
            f"`bad-one.txt` failed first, yet {_names(finished)} went on downloading to the end before "
            "`fetch_all` was over: stop the others as soon as one fails, do not wait for them"
        )
    if run.error is None:
        raise CheckFailed(
            f"`bad-one.txt` failed, but `fetch_all` returned {run.value!r} instead of raising: the caller must "
            "learn that the downloads failed"
        )
    if not any(isinstance(e, DownloadError) for e in _leaves(run.error)):
        raise CheckFailed(f"expected the DownloadError of `bad-one.txt` to reach the caller; it got {_describe(run.error)}")
    return "the first failure cancelled the other downloads, and the caller got the failure"


async def _every_failure_in_a_group(ns):
    run = await _fetch_run(ns, _BOTH_NAMES, _BOTH_DELAYS)
    _no_threads(run, _FETCH)
    shown = "`bad-a.txt` and `bad-b.txt` fail at the same moment"
    if run.error is None:
        raise CheckFailed(f"{shown}, but `fetch_all` returned {run.value!r} instead of raising")
    left = _still_running(run, _FETCH)
    if left:
        raise CheckFailed(f"{shown}; {left}")
    if not isinstance(run.error, BaseExceptionGroup):
        raise CheckFailed(
            f"{shown}, and `fetch_all` raised {_describe(run.error)} on its own: only one of the two failures "
            "reached the caller. Raise an ExceptionGroup holding every DownloadError"
        )
    leaves = _leaves(run.error)
    cancelled = [e for e in leaves if isinstance(e, asyncio.CancelledError)]
    if cancelled:
        raise CheckFailed(
            f"the group `fetch_all` raised holds {len(cancelled)} CancelledError(s): a download you cancelled did "
            "not fail, so leave its CancelledError out of the group"
        )
    failed = sorted(n for n in ("bad-a.txt", "bad-b.txt") if any(isinstance(e, DownloadError) and n in str(e) for e in leaves))
    if failed != ["bad-a.txt", "bad-b.txt"]:
        raise CheckFailed(
            f"{shown}; the group `fetch_all` raised, {_describe(run.error)}, should hold the DownloadError of each "
            f"(it has {len(failed)} of the 2)"
        )
    others = [e for e in leaves if not isinstance(e, DownloadError)]
    if others:
        raise CheckFailed(f"the group `fetch_all` raised also holds {_describe(others[0])}, which is no download failure")
    return f"the caller got {type(run.error).__name__} with both DownloadErrors (`except* DownloadError` catches it)"


register(
    Exercise(
        id=f"{LESSON}.all-or-nothing",
        title="All the downloads, or none",
        checks=make_checks(
            ("results in order, all at once", _all_results),
            ("a failure stops the rest", _failure_stops_the_rest),
            ("every failure reaches the caller", _every_failure_in_a_group),
        ),
        hints=(
            "`gather` gets the order and the overlap right, but when one download fails it leaves the others "
            "running and raises just that one exception. Which tool of this lesson cancels the others for you?",
            "In `async with asyncio.TaskGroup() as tg:`, start each download with `tg.create_task(...)` and keep "
            "the tasks in a list, in the order of `names`. Do not await them one by one inside the block.",
            "After the block, every task has finished (if one had failed, the block would have raised an "
            "ExceptionGroup with every failure, which is what the caller should get: do not catch it). Return "
            "`[task.result() for task in tasks]`.",
        ),
        setup=(
            "import asyncio\n"
            "from asyncio_lab.sim import fake_download, recording\n"
            "from asyncio_lab.lessons.taskgroups import DownloadError, Site, download\n"
        ),
        starter=(
            "async def fetch_all(names):\n"
            "    return await asyncio.gather(*(download(name) for name in names))\n"
        ),
        solution=(
            "async def fetch_all(names):\n"
            "    async with asyncio.TaskGroup() as tg:\n"
            "        tasks = [tg.create_task(download(name)) for name in names]\n"
            "    return [task.result() for task in tasks]\n"
        ),
    )
)


# --------------------------------------------------------------------------- crawl

_CRAWL = "crawl"
# A cycle (a <-> b, a -> index) and a page two links deep: each page must be fetched once.
_LOOPY = {"index": ["a", "b"], "a": ["b", "index"], "b": ["a", "c"], "c": ["d"], "d": []}
_LOOPY_DELAYS = {"a": 0.01, "b": 0.01, "c": 0.02}
# "deep" hangs off the quick page: it must start before the slow page has arrived.
_WIDE = {"home": ["quick", "slow", "other"], "quick": ["deep"], "slow": [], "other": [], "deep": []}
_WIDE_DELAYS = {"home": 0.01, "quick": 0.01, "slow": 0.3, "other": 0.02, "deep": 0.01}
# "broken" fails while the two slow pages are still on their way; "later" is linked from one of them.
_BROKEN = {"start": ["broken", "slow-1", "slow-2"], "slow-1": ["later"], "slow-2": [], "later": []}
_BROKEN_DELAYS = {"start": 0.01, "broken": 0.01, "slow-1": 0.2, "slow-2": 0.2}


async def _crawl_run(ns, links, delays, start, broken=()) -> tuple[_Run, Site]:
    func = coroutine_function(ns, _CRAWL, "async def crawl(site, start)")
    site = Site(links, delays, broken=broken)
    return await _observe(lambda: func(site, start), log=site.log), site


def _pages(value) -> set[str] | None:
    if isinstance(value, (str, bytes)) or value is None:
        return None
    try:
        pages = list(value)
    except TypeError:
        return None
    return set(pages) if all(isinstance(p, str) for p in pages) else None


async def _every_page_once(ns):
    run, site = await _crawl_run(ns, _LOOPY, _LOOPY_DELAYS, "index")
    _no_threads(run, _CRAWL)
    if run.error is not None:
        raise CheckFailed(f"`crawl(site, 'index')` on a site with no broken page raised {_describe(run.error)}")
    started = run.started()
    twice = sorted({p for p in started if started.count(p) > 1})
    if twice:
        raise CheckFailed(
            f"the pages link to each other in a circle, and {_names(twice)} were fetched more than once: while one "
            "task was waiting for a page, another found a link to it. Note a page as seen before you await its fetch"
        )
    expected = set(_LOOPY)
    pages = _pages(run.value)
    if pages is None:
        raise CheckFailed(f"expected `crawl` to return the pages it visited (a set of names), but it returned {run.value!r}")
    left = _still_running(run, _CRAWL)
    if left:
        raise CheckFailed(f"{left}: the crawl must not end before every page has been fetched")
    if pages != expected:
        missing, extra = sorted(expected - pages), sorted(pages - expected)
        raise CheckFailed(
            f"`crawl(site, 'index')` should return the {len(expected)} pages reachable from 'index' (the start "
            "page included)"
            + (f"; missing: {missing}" if missing else "") + (f"; not on the site: {extra}" if extra else "")
        )
    if sorted(started) != sorted(expected):
        raise CheckFailed(f"expected every page fetched once, but the fetches were {started}")
    return f"all {len(expected)} pages, each fetched once"


async def _links_followed_at_once(ns):
    run, site = await _crawl_run(ns, _WIDE, _WIDE_DELAYS, "home")
    _no_threads(run, _CRAWL)
    if run.error is not None:
        raise CheckFailed(f"`crawl(site, 'home')` on a site with no broken page raised {_describe(run.error)}")
    if run.peak < 3:
        raise CheckFailed(
            "'home' links to 3 pages, but at most "
            f"{run.peak} fetch(es) were in flight at once: fetch the pages a page links to at the same time"
            + ("; each fetch started only after the previous one had finished" if run.peak == 1 else "")
        )
    start_deep, slow_done = run.index("start", "deep"), run.index("finish", "slow")
    if start_deep is None:
        raise CheckFailed("'quick' links to 'deep', but 'deep' was never fetched")
    if slow_done is not None and start_deep > slow_done:
        raise CheckFailed(
            "'deep' (linked from 'quick', which arrives early) was only fetched after 'slow' had arrived: follow "
            "a page's links as soon as that page arrives, without waiting for the other pages of its level"
        )
    left = _still_running(run, _CRAWL)
    if left:
        raise CheckFailed(left)
    return "every link was followed as soon as its page had arrived"


async def _broken_page_stops(ns):
    run, site = await _crawl_run(ns, _BROKEN, _BROKEN_DELAYS, "start", broken={"broken"})
    _no_threads(run, _CRAWL)
    left = _still_running(run, _CRAWL)
    if left:
        raise CheckFailed(
            f"'broken' failed, and {left}, with nobody waiting for them: a failure must stop the whole crawl"
        )
    finished = [p for p in ("slow-1", "slow-2", "later") if run.ended(p) == "finish"]
    if finished:
        raise CheckFailed(
            f"'broken' failed first, yet {_names(finished)} went on to the end before `crawl` was over: a failure "
            "must cancel the fetches still running"
        )
    if "later" in run.started():
        raise CheckFailed("'broken' failed, yet `crawl` went on to fetch 'later' afterwards")
    if run.error is None:
        raise CheckFailed(
            f"'broken' failed, but `crawl` returned {run.value!r} instead of raising: the caller must learn it"
        )
    if not any(isinstance(e, DownloadError) for e in _leaves(run.error)):
        raise CheckFailed(f"expected the DownloadError of 'broken' to reach the caller; it got {_describe(run.error)}")
    return "the failure cancelled every fetch still running and reached the caller"


register(
    Exercise(
        id=f"{LESSON}.crawl",
        title="Crawl a site inside one scope",
        checks=make_checks(
            ("every page, each once", _every_page_once),
            ("links followed at once", _links_followed_at_once),
            ("a broken page stops the crawl", _broken_page_stops),
        ),
        hints=(
            "A task may add tasks to the group it runs in: give it the TaskGroup (as an argument, or from the "
            "enclosing function). The crawl is over when the `async with` block of that group ends.",
            "Write `async def visit(page)` that fetches one page and, for each link not seen yet, starts "
            "`tg.create_task(visit(link))`. Start the first `visit(start)` inside `async with asyncio.TaskGroup() "
            "as tg:` and return the seen pages after the block.",
            "Two tasks can find the same link while both wait for a fetch. Add a link to `seen` when you start its "
            "task, not after its fetch: then nothing can start the same page twice.",
        ),
        setup=(
            "import asyncio\n"
            "from asyncio_lab.sim import fake_download, recording\n"
            "from asyncio_lab.lessons.taskgroups import DownloadError, Site, download\n"
        ),
        starter=(
            "async def crawl(site, start):\n"
            "    seen = set()\n"
            "\n"
            "    async def visit(page):\n"
            "        seen.add(page)\n"
            "        for link in await site.fetch(page):\n"
            "            if link not in seen:\n"
            "                await visit(link)\n"
            "\n"
            "    await visit(start)\n"
            "    return seen\n"
        ),
        solution=(
            "async def crawl(site, start):\n"
            "    seen = {start}\n"
            "\n"
            "    async def visit(page):\n"
            "        for link in await site.fetch(page):\n"
            "            if link not in seen:\n"
            "                seen.add(link)\n"
            "                tg.create_task(visit(link))\n"
            "\n"
            "    async with asyncio.TaskGroup() as tg:\n"
            "        tg.create_task(visit(start))\n"
            "    return seen\n"
        ),
    )
)
