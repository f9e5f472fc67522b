"""The answer set of lesson taskgroups: what learners write for its two exercises, each with the
verdict the checks must give and, for a wrong answer, the first check that must fail and a
fragment of its message (every check before it must pass).

Plain data plus :func:`verdict`, with no pytest: python/tests/test_lesson_taskgroups.py asserts
it on CPython, and test/notebooks/pyodide-answers.test.mjs in the real Pyodide kernel.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

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
    ok(CRAWL, "a queue and a pool of workers in a TaskGroup", "another standard library route", """
async def crawl(site, start):
    seen, queue = {start}, asyncio.Queue()
    queue.put_nowait(start)
    async def worker():
        while True:
            page = await queue.get()
            try:
                for link in await site.fetch(page):
                    if link not in seen:
                        seen.add(link)
                        queue.put_nowait(link)
            finally:
                queue.task_done()
    async with asyncio.TaskGroup() as tg:
        workers = [tg.create_task(worker()) for _ in range(8)]
        await queue.join()
        for w in workers:
            w.cancel()
    return seen
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


def source(answer: Answer) -> str:
    """The learner's cell body: the answer's code, or the registered solution or starter."""
    ex = exercises.get(answer.exercise)
    return answer.code if answer.code is not None else (ex.solution if answer.passes else ex.starter)


async def verdict(answer: Answer) -> dict:
    """Run the checks on ``answer`` in the running loop; what they said, and what they left pending."""
    ns: dict = {}
    exec(PRELUDE + source(answer), ns)
    before = asyncio.all_tasks()
    result = await exercises.run_checks(answer.exercise, ns)
    await asyncio.sleep(0)
    first = next((c for c in result.checks if not c.passed), None)
    return {
        "id": answer.id,
        "passed": result.passed,
        "check": first.name if first else None,
        "message": first.message if first else None,
        "checks": [c.name for c in result.checks],
        "pending": [repr(t) for t in asyncio.all_tasks() - before if not t.done()],
    }


def problems(answer: Answer, got: dict) -> list[str]:
    """What is wrong with the verdict ``got`` for ``answer`` (empty: as expected)."""
    out = []
    if got["pending"]:
        out.append(f"tasks left pending: {got['pending']}")
    if answer.passes:
        if not got["passed"]:
            out.append(f"should pass, but {got['check']!r} failed: {got['message']}")
        return out
    if got["passed"]:
        out.append("should fail, but passed")
    elif got["check"] != answer.check:
        out.append(f"the first failing check should be {answer.check!r}, not {got['check']!r}: {got['message']}")
    elif answer.says not in got["message"]:
        out.append(f"the message should say {answer.says!r}: {got['message']}")
    elif "task.result()" in got["message"] or "tg.create_task" in got["message"]:
        out.append(f"the message gives the answer away: {got['message']}")
    return out
