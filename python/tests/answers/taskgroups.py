"""Answer set of the lesson taskgroups (TaskGroup and structured concurrency); the format is
described in ../test_answers.py. python/tests/answers_taskgroups.py reads this file for
test_lesson_taskgroups.py (CPython) and test/notebooks/pyodide-answers.test.mjs (Pyodide)."""

ANSWERS = [
    {
        "exercise": 'taskgroups.all-or-nothing',
        "label": 'reference: TaskGroup, results after the block',
        "kind": 'lesson helper',
        "verdict": 'pass',
        "code": """async def fetch_all(names):
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(download(name)) for name in names]
    return [task.result() for task in tasks]
""",
    },
    {
        "exercise": 'taskgroups.all-or-nothing',
        "label": 'TaskGroup, each task writes its slot',
        "kind": 'other style',
        "verdict": 'pass',
        "note": 'another style',
        "code": """async def fetch_all(names):
    results = [None] * len(names)
    async def one(i, name):
        results[i] = await download(name)
    async with asyncio.TaskGroup() as tg:
        for i, name in enumerate(names):
            tg.create_task(one(i, name))
    return results
""",
    },
    {
        "exercise": 'taskgroups.all-or-nothing',
        "label": 'TaskGroup, the tasks awaited inside the block',
        "kind": 'other style',
        "verdict": 'pass',
        "note": 'another style',
        "code": """async def fetch_all(names):
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(download(name)) for name in names]
        results = [await task for task in tasks]
    return results
""",
    },
    {
        "exercise": 'taskgroups.all-or-nothing',
        "label": 'wait(FIRST_EXCEPTION), cancel the pending, raise a group',
        "kind": 'plain asyncio',
        "verdict": 'pass',
        "note": 'plain asyncio API',
        "code": """async def fetch_all(names):
    tasks = [asyncio.create_task(download(n)) for n in names]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    for task in pending:
        task.cancel()
    await asyncio.wait(tasks)
    errors = [t.exception() for t in tasks if not t.cancelled() and t.exception() is not None]
    if errors:
        raise ExceptionGroup("downloads failed", errors)
    return [t.result() for t in tasks]
""",
    },
    {
        "exercise": 'taskgroups.all-or-nothing',
        "label": 'gather, and on failure cancel and collect',
        "kind": 'plain asyncio',
        "verdict": 'pass',
        "note": 'plain asyncio API',
        "code": """async def fetch_all(names):
    tasks = [asyncio.create_task(download(n)) for n in names]
    try:
        return await asyncio.gather(*tasks)
    except DownloadError:
        for task in tasks:
            task.cancel()
        outcomes = await asyncio.gather(*tasks, return_exceptions=True)
        raise ExceptionGroup("some downloads failed",
                             [o for o in outcomes if isinstance(o, DownloadError)]) from None
""",
    },
    {
        "exercise": 'taskgroups.all-or-nothing',
        "label": 'as_completed until the first failure',
        "kind": 'other standard library',
        "verdict": 'pass',
        "note": 'another standard route',
        "code": """async def fetch_all(names):
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
""",
    },
    {
        "exercise": 'taskgroups.all-or-nothing',
        "label": 'TaskGroup, dict of tasks, awaited after the block',
        "kind": 'other style',
        "verdict": 'pass',
        "note": 'another style',
        "code": """async def fetch_all(names):
    async with asyncio.TaskGroup() as group:
        tasks = {name: group.create_task(download(name)) for name in names}
    return [await tasks[name] for name in names]
""",
    },
    {
        "exercise": 'taskgroups.all-or-nothing',
        "label": 'starter: gather',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'a failure stops the rest',
        "message": 'were still running, with nobody waiting for them',
        "note": 'misconception (gather stops the others)',
        "code": """async def fetch_all(names):
    return await asyncio.gather(*(download(name) for name in names))
""",
    },
    {
        "exercise": 'taskgroups.all-or-nothing',
        "label": 'gather(return_exceptions=True), then raise a group',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'a failure stops the rest',
        "message": 'went on downloading to the end',
        "note": 'concurrency kept, failure not acted on',
        "code": """async def fetch_all(names):
    outcomes = await asyncio.gather(*(download(n) for n in names), return_exceptions=True)
    errors = [o for o in outcomes if isinstance(o, Exception)]
    if errors:
        raise ExceptionGroup("failed", errors)
    return outcomes
""",
    },
    {
        "exercise": 'taskgroups.all-or-nothing',
        "label": 'one download after the other',
        "kind": 'concurrency lost',
        "verdict": 'fail',
        "check": 'results in order, all at once',
        "message": 'each started only after the previous one had finished',
        "code": """async def fetch_all(names):
    return [await download(name) for name in names]
""",
    },
    {
        "exercise": 'taskgroups.all-or-nothing',
        "label": 'results appended as they arrive',
        "kind": 'order lost',
        "verdict": 'fail',
        "check": 'results in order, all at once',
        "message": 'not in the order of `names`',
        "code": """async def fetch_all(names):
    results = []
    async def one(name):
        results.append(await download(name))
    async with asyncio.TaskGroup() as tg:
        for name in names:
            tg.create_task(one(name))
    return results
""",
    },
    {
        "exercise": 'taskgroups.all-or-nothing',
        "label": 'the last name left out',
        "kind": 'off-by-one',
        "verdict": 'fail',
        "check": 'results in order, all at once',
        "message": "should return ['contents of north.txt'",
        "code": """async def fetch_all(names):
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(download(names[i])) for i in range(len(names) - 1)]
    return [t.result() for t in tasks]
""",
    },
    {
        "exercise": 'taskgroups.all-or-nothing',
        "label": 'except* swallows the failures',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'a failure stops the rest',
        "message": 'returned None instead of raising',
        "note": 'misconception (handle means hide)',
        "code": """async def fetch_all(names):
    results = None
    try:
        async with asyncio.TaskGroup() as tg:
            tasks = [tg.create_task(download(n)) for n in names]
        results = [t.result() for t in tasks]
    except* DownloadError:
        pass  # (`return` is not allowed in an except* block)
    return results
""",
    },
    {
        "exercise": 'taskgroups.all-or-nothing',
        "label": 'wait(FIRST_EXCEPTION) without cancelling',
        "kind": 'leak',
        "verdict": 'fail',
        "check": 'a failure stops the rest',
        "message": 'big.iso and medium.iso were still running',
        "note": 'leak left behind',
        "code": """async def fetch_all(names):
    tasks = [asyncio.create_task(download(n)) for n in names]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    errors = [t.exception() for t in done if t.exception() is not None]
    if errors:
        raise ExceptionGroup("failed", errors)
    return [t.result() for t in tasks]
""",
    },
    {
        "exercise": 'taskgroups.all-or-nothing',
        "label": 'only the first failure raised',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'every failure reaches the caller',
        "message": 'only one of the two failures reached the caller',
        "note": 'failures lost',
        "code": """async def fetch_all(names):
    try:
        async with asyncio.TaskGroup() as tg:
            tasks = [tg.create_task(download(n)) for n in names]
    except* DownloadError as group:
        raise group.exceptions[0]
    return [t.result() for t in tasks]
""",
    },
    {
        "exercise": 'taskgroups.all-or-nothing',
        "label": 'cancellations put in the group',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'every failure reaches the caller',
        "message": 'CancelledError',
        "note": 'misconception (a cancelled task failed)',
        "code": """async def fetch_all(names):
    tasks = [asyncio.create_task(download(n)) for n in names]
    try:
        return await asyncio.gather(*tasks)
    except DownloadError:
        for task in tasks:
            task.cancel()
        outcomes = await asyncio.gather(*tasks, return_exceptions=True)
        raise BaseExceptionGroup("failed", [o for o in outcomes if isinstance(o, BaseException)]) from None
""",
    },
    {
        "exercise": 'taskgroups.all-or-nothing',
        "label": "the visible example's answer",
        "kind": 'hard-coded',
        "verdict": 'fail',
        "check": 'results in order, all at once',
        "message": 'should return',
        "note": 'hard-coded answer',
        "code": """async def fetch_all(names):
    return ["contents of a.txt", "contents of b.txt"]
""",
    },
    {
        "exercise": 'taskgroups.all-or-nothing',
        "label": 'each download in a thread with its own loop',
        "kind": 'platform shortcut',
        "verdict": 'fail',
        "check": 'results in order, all at once',
        "message": 'handed work to a thread',
        "note": 'platform shortcut (threads: CPython only)',
        "code": """async def fetch_all(names):
    return await asyncio.gather(*(asyncio.to_thread(lambda n=n: asyncio.run(download(n))) for n in names))
""",
    },
    {
        "exercise": 'taskgroups.crawl',
        "label": 'reference: one TaskGroup, visit() closes over tg',
        "kind": 'lesson helper',
        "verdict": 'pass',
        "code": """async def crawl(site, start):
    seen = {start}

    async def visit(page):
        for link in await site.fetch(page):
            if link not in seen:
                seen.add(link)
                tg.create_task(visit(link))

    async with asyncio.TaskGroup() as tg:
        tg.create_task(visit(start))
    return seen
""",
    },
    {
        "exercise": 'taskgroups.crawl',
        "label": 'a TaskGroup per page',
        "kind": 'other style',
        "verdict": 'pass',
        "note": 'another style',
        "code": """async def crawl(site, start):
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
""",
    },
    {
        "exercise": 'taskgroups.crawl',
        "label": 'tg passed as an argument to a module-level function',
        "kind": 'other style',
        "verdict": 'pass',
        "note": 'another style',
        "code": """async def visit(tg, site, page, seen):
    for link in await site.fetch(page):
        if link not in seen:
            seen.add(link)
            tg.create_task(visit(tg, site, link, seen))

async def crawl(site, start):
    seen = {start}
    async with asyncio.TaskGroup() as tg:
        tg.create_task(visit(tg, site, start, seen))
    return seen
""",
    },
    {
        "exercise": 'taskgroups.crawl',
        "label": 'asyncio.wait(FIRST_COMPLETED) over a set of fetches',
        "kind": 'plain asyncio',
        "verdict": 'pass',
        "note": 'plain asyncio API',
        "code": """async def crawl(site, start):
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
""",
    },
    {
        "exercise": 'taskgroups.crawl',
        "label": 'a crawler class holding its group, returns a sorted list',
        "kind": 'other style',
        "verdict": 'pass',
        "note": 'another style',
        "code": """class Crawler:
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
""",
    },
    {
        "exercise": 'taskgroups.crawl',
        "label": 'a queue and a pool of workers in a TaskGroup',
        "kind": 'other standard library',
        "verdict": 'pass',
        "note": 'another standard library route',
        "code": """async def crawl(site, start):
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
""",
    },
    {
        "exercise": 'taskgroups.crawl',
        "label": 'starter: one page after the other',
        "kind": 'concurrency lost',
        "verdict": 'fail',
        "check": 'links followed at once',
        "message": 'at most 1 fetch(es) were in flight at once',
        "code": """async def crawl(site, start):
    seen = set()

    async def visit(page):
        seen.add(page)
        for link in await site.fetch(page):
            if link not in seen:
                await visit(link)

    await visit(start)
    return seen
""",
    },
    {
        "exercise": 'taskgroups.crawl',
        "label": 'level by level, a TaskGroup per level',
        "kind": 'concurrency lost',
        "verdict": 'fail',
        "check": 'links followed at once',
        "message": "only fetched after 'slow' had arrived",
        "note": 'concurrency lost (waits for the whole level)',
        "code": """async def crawl(site, start):
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
""",
    },
    {
        "exercise": 'taskgroups.crawl',
        "label": 'a page marked seen once it has arrived',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'every page, each once',
        "message": 'were fetched more than once',
        "note": 'race across an await',
        "code": """async def crawl(site, start):
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
""",
    },
    {
        "exercise": 'taskgroups.crawl',
        "label": 'fire and forget',
        "kind": 'leak',
        "verdict": 'fail',
        "check": 'every page, each once',
        "message": 'task(s) it had started were still waiting to run',
        "note": 'leak left behind',
        "code": """async def crawl(site, start):
    seen = {start}
    async def visit(page):
        for link in await site.fetch(page):
            if link not in seen:
                seen.add(link)
                asyncio.create_task(visit(link))
    await visit(start)
    return seen
""",
    },
    {
        "exercise": 'taskgroups.crawl',
        "label": 'gather all the way down',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'a broken page stops the crawl',
        "message": 'were still running, with nobody waiting for them',
        "note": 'misconception (gather stops the others)',
        "code": """async def crawl(site, start):
    seen = {start}
    async def visit(page):
        links = [link for link in await site.fetch(page) if link not in seen]
        seen.update(links)
        await asyncio.gather(*(visit(link) for link in links))
    await visit(start)
    return seen
""",
    },
    {
        "exercise": 'taskgroups.crawl',
        "label": 'the start page left out',
        "kind": 'off-by-one',
        "verdict": 'fail',
        "check": 'every page, each once',
        "message": "missing: ['index']",
        "code": """async def crawl(site, start):
    seen = {start}
    async def visit(page):
        for link in await site.fetch(page):
            if link not in seen:
                seen.add(link)
                tg.create_task(visit(link))
    async with asyncio.TaskGroup() as tg:
        tg.create_task(visit(start))
    return seen - {start}
""",
    },
    {
        "exercise": 'taskgroups.crawl',
        "label": 'a failed page skipped',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'a broken page stops the crawl',
        "message": 'went on to the end',
        "note": 'failure swallowed',
        "code": """async def crawl(site, start):
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
""",
    },
    {
        "exercise": 'taskgroups.crawl',
        "label": "the visible example's pages",
        "kind": 'hard-coded',
        "verdict": 'fail',
        "check": 'every page, each once',
        "message": "missing: ['d']",
        "note": 'hard-coded answer',
        "code": """async def crawl(site, start):
    return {"index", "a", "b", "c"}
""",
    },
    {
        "exercise": 'taskgroups.crawl',
        "label": 'each fetch in a thread with its own loop',
        "kind": 'platform shortcut',
        "verdict": 'fail',
        "check": 'every page, each once',
        "message": 'handed work to a thread',
        "note": 'platform shortcut (threads: CPython only)',
        "code": """async def crawl(site, start):
    seen, todo = {start}, [start]
    while todo:
        page = todo.pop()
        for link in await asyncio.to_thread(lambda: asyncio.run(site.fetch(page))):
            if link not in seen:
                seen.add(link)
                todo.append(link)
    return seen
""",
    },
]
