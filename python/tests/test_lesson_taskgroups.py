"""Lesson taskgroups (TaskGroup and structured concurrency): the answers learners write, each with
its verdict and the check that names the mistake; the checks always answer in time and leave the
loop as they found it; and the facts the lesson states, on the Python that runs the tests.

ANSWERS is the answer set: for each exercise, correct answers by different routes and wrong
answers of different kinds.  A wrong answer names the first check that must fail and a fragment
of its message; every check before it must pass.
"""

from __future__ import annotations

import asyncio
import gc
import inspect
import sys
import time
import warnings
from dataclasses import dataclass

import pytest
from conftest import COURSE, arun

from lessonkit import asyncio_log, read_notebook
from asyncio_lab import exercises

AON = "taskgroups.all-or-nothing"
CRAWL = "taskgroups.crawl"


@dataclass(frozen=True)
class Answer:
    exercise: str
    name: str
    kind: str  # a route, for a correct answer; the kind of mistake, for a wrong one
    code: str | None  # None: the registered solution (correct) or starter (wrong)
    passes: bool
    check: str | None = None  # the check that must fail first
    says: str | None = None  # a fragment of its message

    @property
    def id(self) -> str:
        return f"{self.exercise.split('.')[1]}: {self.name}"


def ok(exercise, name, kind, code=None):
    return Answer(exercise, name, kind, code, True)


def bad(exercise, name, kind, code, check, says):
    return Answer(exercise, name, kind, code, False, check, says)


ANSWERS = [
    # ------------------------------------------------------------------ all-or-nothing, correct
    ok(AON, "reference: TaskGroup, results after the block", "lesson helper", None),
    ok(AON, "TaskGroup, each task writes its slot", "another style", """
async def fetch_all(names):
    results = [None] * len(names)
    async def one(i, name):
        results[i] = await download(name)
    async with asyncio.TaskGroup() as tg:
        for i, name in enumerate(names):
            tg.create_task(one(i, name))
    return results
"""),
    ok(AON, "TaskGroup, the tasks awaited inside the block", "another style", """
async def fetch_all(names):
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(download(name)) for name in names]
        results = [await task for task in tasks]
    return results
"""),
    ok(AON, "wait(FIRST_EXCEPTION), cancel the pending, raise a group", "plain asyncio API", """
async def fetch_all(names):
    tasks = [asyncio.create_task(download(n)) for n in names]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    for task in pending:
        task.cancel()
    await asyncio.wait(tasks)
    errors = [t.exception() for t in tasks if not t.cancelled() and t.exception() is not None]
    if errors:
        raise ExceptionGroup("downloads failed", errors)
    return [t.result() for t in tasks]
"""),
    ok(AON, "gather, and on failure cancel and collect", "plain asyncio API", """
async def fetch_all(names):
    tasks = [asyncio.create_task(download(n)) for n in names]
    try:
        return await asyncio.gather(*tasks)
    except DownloadError:
        for task in tasks:
            task.cancel()
        outcomes = await asyncio.gather(*tasks, return_exceptions=True)
        raise ExceptionGroup("some downloads failed",
                             [o for o in outcomes if isinstance(o, DownloadError)]) from None
"""),
    ok(AON, "as_completed until the first failure", "another standard route", """
async def fetch_all(names):
    tasks = [asyncio.create_task(download(n)) for n in names]
    try:
        for next_done in asyncio.as_completed(tasks):
            await next_done
    except DownloadError:
        for task in tasks:
            task.cancel()
        await asyncio.wait(tasks)
        raise ExceptionGroup("failed", [t.exception() for t in tasks
                                        if not t.cancelled() and t.exception() is not None]) from None
    return [t.result() for t in tasks]
"""),
    ok(AON, "TaskGroup, dict of tasks, awaited after the block", "another style", """
async def fetch_all(names):
    async with asyncio.TaskGroup() as group:
        tasks = {name: group.create_task(download(name)) for name in names}
    return [await tasks[name] for name in names]
"""),
    # ------------------------------------------------------------------ all-or-nothing, wrong
    bad(AON, "starter: gather", "misconception (gather stops the others)", None,
        "a failure stops the rest", "were still running, with nobody waiting for them"),
    bad(AON, "gather(return_exceptions=True), then raise a group", "concurrency kept, failure not acted on", """
async def fetch_all(names):
    outcomes = await asyncio.gather(*(download(n) for n in names), return_exceptions=True)
    errors = [o for o in outcomes if isinstance(o, Exception)]
    if errors:
        raise ExceptionGroup("failed", errors)
    return outcomes
""", "a failure stops the rest", "went on downloading to the end"),
    bad(AON, "one download after the other", "concurrency lost", """
async def fetch_all(names):
    return [await download(name) for name in names]
""", "results in order, all at once", "each started only after the previous one had finished"),
    bad(AON, "results appended as they arrive", "order lost", """
async def fetch_all(names):
    results = []
    async def one(name):
        results.append(await download(name))
    async with asyncio.TaskGroup() as tg:
        for name in names:
            tg.create_task(one(name))
    return results
""", "results in order, all at once", "not in the order of `names`"),
    bad(AON, "the last name left out", "off-by-one", """
async def fetch_all(names):
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(download(names[i])) for i in range(len(names) - 1)]
    return [t.result() for t in tasks]
""", "results in order, all at once", "should return ['contents of north.txt'"),
    bad(AON, "except* swallows the failures", "misconception (handle means hide)", """
async def fetch_all(names):
    results = None
    try:
        async with asyncio.TaskGroup() as tg:
            tasks = [tg.create_task(download(n)) for n in names]
        results = [t.result() for t in tasks]
    except* DownloadError:
        pass  # (`return` is not allowed in an except* block)
    return results
""", "a failure stops the rest", "returned None instead of raising"),
    bad(AON, "wait(FIRST_EXCEPTION) without cancelling", "leak left behind", """
async def fetch_all(names):
    tasks = [asyncio.create_task(download(n)) for n in names]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    errors = [t.exception() for t in done if t.exception() is not None]
    if errors:
        raise ExceptionGroup("failed", errors)
    return [t.result() for t in tasks]
""", "a failure stops the rest", "big.iso and medium.iso were still running"),
    bad(AON, "only the first failure raised", "failures lost", """
async def fetch_all(names):
    try:
        async with asyncio.TaskGroup() as tg:
            tasks = [tg.create_task(download(n)) for n in names]
    except* DownloadError as group:
        raise group.exceptions[0]
    return [t.result() for t in tasks]
""", "every failure reaches the caller", "only one of the two failures reached the caller"),
    bad(AON, "cancellations put in the group", "misconception (a cancelled task failed)", """
async def fetch_all(names):
    tasks = [asyncio.create_task(download(n)) for n in names]
    try:
        return await asyncio.gather(*tasks)
    except DownloadError:
        for task in tasks:
            task.cancel()
        outcomes = await asyncio.gather(*tasks, return_exceptions=True)
        raise BaseExceptionGroup("failed", [o for o in outcomes if isinstance(o, BaseException)]) from None
""", "every failure reaches the caller", "CancelledError"),
    bad(AON, "the visible example's answer", "hard-coded answer", """
async def fetch_all(names):
    return ["contents of a.txt", "contents of b.txt"]
""", "results in order, all at once", "should return"),
    bad(AON, "each download in a thread with its own loop", "platform shortcut (threads: CPython only)", """
async def fetch_all(names):
    return await asyncio.gather(*(asyncio.to_thread(lambda n=n: asyncio.run(download(n))) for n in names))
""", "results in order, all at once", "handed work to a thread"),
    # ------------------------------------------------------------------ crawl, correct
    ok(CRAWL, "reference: one TaskGroup, visit() closes over tg", "lesson helper", None),
    ok(CRAWL, "a TaskGroup per page", "another style", """
async def crawl(site, start):
    seen = {start}
    async def visit(page):
        links = await site.fetch(page)
        async with asyncio.TaskGroup() as tg:
            for link in links:
                if link not in seen:
                    seen.add(link)
                    tg.create_task(visit(link))
    await visit(start)
    return seen
"""),
    ok(CRAWL, "tg passed as an argument to a module-level function", "another style", """
async def visit(tg, site, page, seen):
    for link in await site.fetch(page):
        if link not in seen:
            seen.add(link)
            tg.create_task(visit(tg, site, link, seen))

async def crawl(site, start):
    seen = {start}
    async with asyncio.TaskGroup() as tg:
        tg.create_task(visit(tg, site, start, seen))
    return seen
"""),
    ok(CRAWL, "asyncio.wait(FIRST_COMPLETED) over a set of fetches", "plain asyncio API", """
async def crawl(site, start):
    seen = {start}
    pending = {asyncio.create_task(site.fetch(start))}
    try:
        while pending:
            done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                for link in task.result():
                    if link not in seen:
                        seen.add(link)
                        pending.add(asyncio.create_task(site.fetch(link)))
    except BaseException:
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        raise
    return seen
"""),
    ok(CRAWL, "a crawler class holding its group, returns a sorted list", "another style", """
class Crawler:
    def __init__(self, site):
        self.site, self.seen = site, set()
    def follow(self, page):
        if page not in self.seen:
            self.seen.add(page)
            self.group.create_task(self.visit(page))
    async def visit(self, page):
        for link in await self.site.fetch(page):
            self.follow(link)
    async def run(self, start):
        async with asyncio.TaskGroup() as self.group:
            self.follow(start)
        return sorted(self.seen)

async def crawl(site, start):
    return await Crawler(site).run(start)
"""),
    # ------------------------------------------------------------------ crawl, wrong
    bad(CRAWL, "starter: one page after the other", "concurrency lost", None,
        "links followed at once", "at most 1 fetch(es) were in flight at once"),
    bad(CRAWL, "level by level, a TaskGroup per level", "concurrency lost (waits for the whole level)", """
async def crawl(site, start):
    seen, level = {start}, [start]
    while level:
        async with asyncio.TaskGroup() as tg:
            tasks = [tg.create_task(site.fetch(page)) for page in level]
        level = []
        for task in tasks:
            for link in task.result():
                if link not in seen:
                    seen.add(link)
                    level.append(link)
    return seen
""", "links followed at once", "only fetched after 'slow' had arrived"),
    bad(CRAWL, "a page marked seen once it has arrived", "race across an await", """
async def crawl(site, start):
    seen = set()
    async def visit(page):
        links = await site.fetch(page)
        seen.add(page)
        for link in links:
            if link not in seen:
                tg.create_task(visit(link))
    async with asyncio.TaskGroup() as tg:
        tg.create_task(visit(start))
    return seen
""", "every page, each once", "were fetched more than once"),
    bad(CRAWL, "fire and forget", "leak left behind", """
async def crawl(site, start):
    seen = {start}
    async def visit(page):
        for link in await site.fetch(page):
            if link not in seen:
                seen.add(link)
                asyncio.create_task(visit(link))
    await visit(start)
    return seen
""", "every page, each once", "task(s) it had started were still waiting to run"),
    bad(CRAWL, "gather all the way down", "misconception (gather stops the others)", """
async def crawl(site, start):
    seen = {start}
    async def visit(page):
        links = [link for link in await site.fetch(page) if link not in seen]
        seen.update(links)
        await asyncio.gather(*(visit(link) for link in links))
    await visit(start)
    return seen
""", "a broken page stops the crawl", "were still running, with nobody waiting for them"),
    bad(CRAWL, "the start page left out", "off-by-one", """
async def crawl(site, start):
    seen = {start}
    async def visit(page):
        for link in await site.fetch(page):
            if link not in seen:
                seen.add(link)
                tg.create_task(visit(link))
    async with asyncio.TaskGroup() as tg:
        tg.create_task(visit(start))
    return seen - {start}
""", "every page, each once", "missing: ['index']"),
    bad(CRAWL, "a failed page skipped", "failure swallowed", """
async def crawl(site, start):
    seen = {start}
    async def visit(page):
        try:
            links = await site.fetch(page)
        except DownloadError:
            return
        for link in links:
            if link not in seen:
                seen.add(link)
                tg.create_task(visit(link))
    async with asyncio.TaskGroup() as tg:
        tg.create_task(visit(start))
    return seen
""", "a broken page stops the crawl", "went on to the end"),
    bad(CRAWL, "the visible example's pages", "hard-coded answer", """
async def crawl(site, start):
    return {"index", "a", "b", "c"}
""", "every page, each once", "missing: ['d']"),
    bad(CRAWL, "each fetch in a thread with its own loop", "platform shortcut (threads: CPython only)", """
async def crawl(site, start):
    seen, todo = {start}, [start]
    while todo:
        page = todo.pop()
        for link in await asyncio.to_thread(lambda: asyncio.run(site.fetch(page))):
            if link not in seen:
                seen.add(link)
                todo.append(link)
    return seen
""", "every page, each once", "handed work to a thread"),
]

PRELUDE = exercises.get(AON).setup


def run(answer: Answer):
    """The checks' verdict on ``answer``, run strictly: nothing left pending, no warning, nothing
    logged by asyncio, the loop's exception handler and attributes as they were, in time."""
    ex = exercises.get(answer.exercise)
    code = answer.code if answer.code is not None else (ex.solution if answer.passes else ex.starter)
    ns: dict = {}
    exec(PRELUDE + code, ns)

    async def go():
        loop = asyncio.get_running_loop()
        attrs = set(vars(loop))
        result = await exercises.run_checks(answer.exercise, ns)
        await asyncio.sleep(0)
        pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        return result, pending, set(vars(loop)) - attrs, loop.get_exception_handler()

    started = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught, asyncio_log() as logged:
        warnings.simplefilter("always")
        result, pending, patched, handler = asyncio.run(go())
        gc.collect()
    elapsed = time.perf_counter() - started
    assert not pending, pending
    assert not patched, f"loop attributes left behind: {patched}"
    assert handler is None, "the loop's exception handler was not put back"
    assert not [str(w.message) for w in caught], [str(w.message) for w in caught]
    assert not logged, logged
    assert elapsed < exercises.CHECK_TIMEOUT, f"the verdict took {elapsed:.1f} s"
    return result


def failures(result) -> list[tuple[str, str]]:
    return [(c.name, c.message) for c in result.checks if not c.passed]


@pytest.mark.parametrize("answer", ANSWERS, ids=lambda a: a.id)
def test_answer_gets_its_verdict(answer):
    result = run(answer)
    if answer.passes:
        assert result.passed, failures(result)
        return
    assert not result.passed
    names = [c.name for c in result.checks]
    assert answer.check in names, names
    first = next(c for c in result.checks if not c.passed)
    assert first.name == answer.check, failures(result)
    assert answer.says in first.message, first.message
    assert "task.result()" not in first.message and "tg.create_task" not in first.message, (
        "a message must not give the answer away"
    )


def test_the_answer_set_is_broad_enough():
    for ex_id in (AON, CRAWL):
        mine = [a for a in ANSWERS if a.exercise == ex_id]
        right = [a for a in mine if a.passes]
        wrong = [a for a in mine if not a.passes]
        assert len(right) >= 5 and len({a.code for a in right}) == len(right), ex_id
        assert len(wrong) >= 8 and len({a.kind for a in wrong}) >= 7, ex_id
        # every check of the exercise names at least one mistake
        assert {a.check for a in wrong} == {c.name for c in exercises.get(ex_id).checks}, ex_id


def test_a_check_stopped_by_its_time_limit_leaves_nothing_running(monkeypatch):
    """A fetch_all that never ends is cut off by the time limit with a verdict, and the downloads
    it started are cancelled."""
    monkeypatch.setattr(exercises, "CHECK_TIMEOUT", 0.5)
    ns: dict = {}
    exec(PRELUDE + """
async def fetch_all(names):
    tasks = [asyncio.create_task(download(n)) for n in names]
    while True:
        await asyncio.sleep(0)
""", ns)

    async def go():
        result = await exercises.run_checks(AON, ns)
        await asyncio.sleep(0)
        return result, [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]

    result, pending = asyncio.run(go())
    assert not result.passed
    assert all("did not finish within" in c.message for c in result.checks), failures(result)
    assert not pending, pending


# --------------------------------------------------------------------------- what the lesson states

def _code_cells():
    lesson = next(l for l in __import__("json").loads(COURSE.read_text())["lessons"] if l["id"] == "taskgroups")
    nb = read_notebook(COURSE.parent / lesson["file"])
    return [c.source for c in nb.cells if c.cell_type == "code"]


def _run_cells(shell, *picks):
    codes = _code_cells()

    async def go():
        await arun(shell, codes[0])
        return [await arun(shell, next(s for s in codes if pick in s)) for pick in picks]

    return asyncio.run(go())


def test_the_predict_cell_prints_what_the_reveal_says(shell):
    [r] = _run_cells(shell, 'print("body: after the sleep")')
    assert r.error is None
    lines = r.stdout.splitlines()
    assert lines == [
        "body: tasks started",
        "quick: done",
        "slow: cancelled",
        "caught: ExceptionGroup('unhandled errors in a TaskGroup', [DownloadError('could not download bad.txt')])",
    ], lines


def test_the_comparison_shows_what_the_table_says(shell):
    [r] = _run_cells(shell, "async def compare(how)")
    assert r.error is None and r.stderr == ""
    out = r.stdout
    blocks = dict(zip(out.splitlines()[0::3], zip(out.splitlines()[1::3], out.splitlines()[2::3])))
    assert blocks["gather"] == ("  raised DownloadError('could not download bad.txt')",
                                "  still running: ['big.iso', 'small.txt']")
    assert blocks["gather(return_exceptions=True)"][1] == "  still running: []"
    assert "DownloadError" in blocks["gather(return_exceptions=True)"][0]
    assert blocks["wait(FIRST_EXCEPTION)"] == (
        "  returned 1 done (DownloadError('could not download bad.txt')) and 2 pending",
        "  still running: ['big.iso', 'small.txt']",
    )


def test_a_scope_waits_for_tasks_its_tasks_add(shell):
    [r] = _run_cells(shell, "page_with_images")
    assert r.error is None
    assert "after the block, still running: []" in r.stdout


@pytest.mark.skipif(sys.version_info < (3, 13), reason="3.13+ side")
def test_313_a_finished_group_closes_the_coroutine_it_refuses():
    assert _refused_coroutine_state() == inspect.CORO_CLOSED


@pytest.mark.skipif(sys.version_info >= (3, 13), reason="3.11/3.12 side")
def test_before_313_a_finished_group_leaves_the_coroutine_unstarted():
    assert _refused_coroutine_state() == inspect.CORO_CREATED


def _refused_coroutine_state():
    async def nothing():
        pass

    async def go():
        async with asyncio.TaskGroup() as tg:
            pass
        coro = nothing()
        with pytest.raises(RuntimeError, match="is finished"):
            tg.create_task(coro)
        state = inspect.getcoroutinestate(coro)
        coro.close()
        return state

    return asyncio.run(go())


def test_the_late_task_cell_is_quiet_on_this_version(shell):
    """The lesson closes the refused coroutine itself, so no version warns."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _, r = _run_cells(shell, "page_with_images", "late = download")
        gc.collect()
    assert r.error is None and "is finished" in r.stdout
    assert not [w for w in caught if "never awaited" in str(w.message)]


def test_a_single_failure_still_comes_in_a_group():
    from asyncio_lab.lessons.taskgroups import DownloadError, download

    async def go():
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(download("bad.txt", seconds=0))
        except DownloadError:
            return "plain except"
        except BaseException as exc:  # noqa: BLE001
            return exc

    exc = asyncio.run(go())
    assert type(exc) is ExceptionGroup and [type(e) for e in exc.exceptions] == [DownloadError]
