"""Answer set of lesson 17 (limits); the format is described in ../test_answers.py."""

ANSWERS = [
    # ------------------------------------------------------------------ fetch-all: correct
    {
        "exercise": "limits.fetch-all",
        "label": "the lesson's route: async with a Semaphore, gather with return_exceptions",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
async def fetch_all(urls, limit):
    sem = asyncio.Semaphore(limit)

    async def one(url):
        async with sem:
            return await fetch(url)

    return await asyncio.gather(*(one(url) for url in urls), return_exceptions=True)
""",
    },
    {
        "exercise": "limits.fetch-all",
        "label": "a BoundedSemaphore in a TaskGroup, catching FetchError",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def fetch_all(urls, limit):
    sem = asyncio.BoundedSemaphore(limit)

    async def one(url):
        async with sem:
            try:
                return await fetch(url)
            except FetchError as err:
                return err

    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(one(url)) for url in urls]
    return [t.result() for t in tasks]
""",
    },
    {
        "exercise": "limits.fetch-all",
        "label": "a Queue and N workers, cancelled after join()",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def fetch_all(urls, limit):
    queue = asyncio.Queue()
    for item in enumerate(urls):
        queue.put_nowait(item)
    pages = [None] * len(urls)

    async def worker():
        while True:
            i, url = await queue.get()
            try:
                pages[i] = await fetch(url)
            except FetchError as err:
                pages[i] = err
            finally:
                queue.task_done()

    workers = [asyncio.create_task(worker()) for _ in range(limit)]
    await queue.join()
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    return pages
""",
    },
    {
        "exercise": "limits.fetch-all",
        "label": "N workers sharing an iterator, as the lesson shows",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
async def fetch_all(urls, limit):
    pages = [None] * len(urls)
    todo = iter(enumerate(urls))

    async def worker():
        for i, url in todo:
            try:
                pages[i] = await fetch(url)
            except FetchError as err:
                pages[i] = err

    await asyncio.gather(*(worker() for _ in range(limit)))
    return pages
""",
    },
    {
        "exercise": "limits.fetch-all",
        "label": "acquire before create_task, release in finally",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def fetch_all(urls, limit):
    sem = asyncio.Semaphore(limit)

    async def one(url):
        try:
            return await fetch(url)
        finally:
            sem.release()

    tasks = []
    for url in urls:
        await sem.acquire()
        tasks.append(asyncio.create_task(one(url)))
    return await asyncio.gather(*tasks, return_exceptions=True)
""",
    },
    {
        "exercise": "limits.fetch-all",
        "label": "a sliding window with asyncio.wait(FIRST_COMPLETED)",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def fetch_all(urls, limit):
    pages = [None] * len(urls)
    running = {}
    waiting = list(enumerate(urls))
    while waiting or running:
        while waiting and len(running) < limit:
            i, url = waiting.pop(0)
            running[asyncio.create_task(fetch(url))] = i
        done, _ = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            i = running.pop(task)
            pages[i] = task.exception() or task.result()
    return pages
""",
    },
    {
        "exercise": "limits.fetch-all",
        "label": "a deque of work and functools.partial workers",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
import collections
import functools

async def worker(todo, pages):
    while todo:
        i, url = todo.popleft()
        try:
            pages[i] = await fetch(url)
        except FetchError as err:
            pages[i] = err

async def fetch_all(urls, limit):
    todo = collections.deque(enumerate(urls))
    pages = [None] * len(urls)
    job = functools.partial(worker, todo, pages)
    async with asyncio.TaskGroup() as tg:
        for _ in range(limit):
            tg.create_task(job())
    return pages
""",
    },
    {
        "exercise": "limits.fetch-all",
        "label": "manual acquire and release in try/finally",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def fetch_all(urls, limit):
    sem = asyncio.Semaphore(limit)

    async def one(url):
        await sem.acquire()
        try:
            return await fetch(url)
        except FetchError as err:
            return err
        finally:
            sem.release()

    return list(await asyncio.gather(*map(one, urls)))
""",
    },
    # ------------------------------------------------------------------ fetch-all: wrong
    {
        "exercise": "limits.fetch-all",
        "label": "the starter: gather starts everything at once",
        "kind": "misconception",
        "verdict": "fail",
        "check": "never more than N at once",
        "message": "with limit=3, 7 requests were in flight at once",
        "code": """
async def fetch_all(urls, limit):
    return await asyncio.gather(*(fetch(url) for url in urls), return_exceptions=True)
""",
    },
    {
        "exercise": "limits.fetch-all",
        "label": "a new semaphore inside every task",
        "kind": "misconception",
        "verdict": "fail",
        "check": "never more than N at once",
        "message": "7 requests were in flight at once",
        "note": "each task holds its own semaphore, so nothing is shared and nothing waits",
        "code": """
async def fetch_all(urls, limit):
    async def one(url):
        async with asyncio.Semaphore(limit):
            return await fetch(url)
    return await asyncio.gather(*(one(u) for u in urls), return_exceptions=True)
""",
    },
    {
        "exercise": "limits.fetch-all",
        "label": "one request at a time",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "N at once while URLs wait",
        "message": "each request only started after the previous one had finished",
        "code": """
async def fetch_all(urls, limit):
    pages = []
    for url in urls:
        try:
            pages.append(await fetch(url))
        except FetchError as err:
            pages.append(err)
    return pages
""",
    },
    {
        "exercise": "limits.fetch-all",
        "label": "Semaphore(limit - 1)",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "N at once while URLs wait",
        "message": "3 requests may run at once, but at most 2 did",
        "code": """
async def fetch_all(urls, limit):
    sem = asyncio.Semaphore(max(limit - 1, 1))
    async def one(url):
        async with sem:
            return await fetch(url)
    return await asyncio.gather(*(one(u) for u in urls), return_exceptions=True)
""",
    },
    {
        "exercise": "limits.fetch-all",
        "label": "Semaphore(limit + 1)",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "never more than N at once",
        "message": "with limit=3, 4 requests were in flight at once",
        "code": """
async def fetch_all(urls, limit):
    sem = asyncio.Semaphore(limit + 1)
    async def one(url):
        async with sem:
            return await fetch(url)
    return await asyncio.gather(*(one(u) for u in urls), return_exceptions=True)
""",
    },
    {
        "exercise": "limits.fetch-all",
        "label": "batches of limit, each gathered before the next",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "N at once while URLs wait",
        "message": "start the next one as soon as one finishes",
        "code": """
async def fetch_all(urls, limit):
    pages = []
    for i in range(0, len(urls), limit):
        batch = urls[i:i + limit]
        pages += await asyncio.gather(*(fetch(u) for u in batch), return_exceptions=True)
    return pages
""",
    },
    {
        "exercise": "limits.fetch-all",
        "label": "as_completed collects the pages in the order they arrive",
        "kind": "order lost",
        "verdict": "fail",
        "check": "every page, in order",
        "message": "not in the order of `urls`",
        "code": """
async def fetch_all(urls, limit):
    sem = asyncio.Semaphore(limit)
    async def one(url):
        async with sem:
            try:
                return await fetch(url)
            except FetchError as err:
                return err
    return [await page for page in asyncio.as_completed([one(u) for u in urls])]
""",
    },
    {
        "exercise": "limits.fetch-all",
        "label": "acquire and release without finally: a failure keeps its slot",
        "kind": "leak",
        "verdict": "fail",
        "check": "a failure frees its slot",
        "message": "were never given back",
        "code": """
async def fetch_all(urls, limit):
    sem = asyncio.Semaphore(limit)
    async def one(url):
        await sem.acquire()
        page = await fetch(url)
        sem.release()
        return page
    return await asyncio.gather(*(one(u) for u in urls), return_exceptions=True)
""",
    },
    {
        "exercise": "limits.fetch-all",
        "label": "Queue workers left waiting on get() after join()",
        "kind": "leak",
        "verdict": "fail",
        "check": "nothing left running",
        "message": "task(s) were still pending",
        "code": """
async def fetch_all(urls, limit):
    queue = asyncio.Queue()
    for item in enumerate(urls):
        queue.put_nowait(item)
    pages = [None] * len(urls)

    async def worker():
        while True:
            i, url = await queue.get()
            try:
                pages[i] = await fetch(url)
            except FetchError as err:
                pages[i] = err
            queue.task_done()

    workers = [asyncio.create_task(worker()) for _ in range(limit)]
    await queue.join()
    return pages
""",
    },
    {
        "exercise": "limits.fetch-all",
        "label": "Semaphore(2), the limit of the cell's own example",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "never more than N at once",
        "message": "with limit=1, 2 requests were in flight at once",
        "code": """
sem = asyncio.Semaphore(2)

async def fetch_all(urls, limit):
    async def one(url):
        async with sem:
            return await fetch(url)
    return await asyncio.gather(*(one(u) for u in urls), return_exceptions=True)
""",
    },
    {
        "exercise": "limits.fetch-all",
        "label": "a thread pool of limit threads, each with its own event loop",
        "kind": "platform shortcut",
        "verdict": "fail",
        "check": "every page, in order",
        "message": "not with threads or executors",
        "note": "the requests belong to this loop; the browser has no threads, and on the virtual clock executors are refused",
        "code": """
import concurrent.futures

async def fetch_all(urls, limit):
    loop = asyncio.get_running_loop()
    with concurrent.futures.ThreadPoolExecutor(max_workers=limit) as pool:
        jobs = [loop.run_in_executor(pool, asyncio.run, fetch(u)) for u in urls]
        return await asyncio.gather(*jobs, return_exceptions=True)
""",
    },
    {
        "exercise": "limits.fetch-all",
        "label": "gather without return_exceptions: the first failure escapes",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "a failure frees its slot",
        "message": "raised FetchError: could not fetch bad1",
        "code": """
async def fetch_all(urls, limit):
    sem = asyncio.Semaphore(limit)
    async def one(url):
        async with sem:
            return await fetch(url)
    return await asyncio.gather(*(one(u) for u in urls))
""",
    },
    # ------------------------------------------------------------------ rate-limit: correct
    {
        "exercise": "limits.rate-limit",
        "label": "the reference: one start every 1 / per_second seconds",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def fetch_at_rate(urls, per_second):
    tasks = []
    for i, url in enumerate(urls):
        if i:
            await asyncio.sleep(1 / per_second)
        tasks.append(asyncio.create_task(fetch(url)))
    return await asyncio.gather(*tasks)
""",
    },
    {
        "exercise": "limits.rate-limit",
        "label": "batches of per_second, a second apart",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def fetch_at_rate(urls, per_second):
    tasks = []
    for start in range(0, len(urls), per_second):
        if start:
            await asyncio.sleep(1)
        tasks += [asyncio.create_task(fetch(u)) for u in urls[start:start + per_second]]
    return await asyncio.gather(*tasks)
""",
    },
    {
        "exercise": "limits.rate-limit",
        "label": "the lesson's semaphore, released a second after each start",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
async def fetch_at_rate(urls, per_second):
    loop = asyncio.get_running_loop()
    sem = asyncio.Semaphore(per_second)

    async def one(url):
        await sem.acquire()
        loop.call_later(1, sem.release)
        return await fetch(url)

    return await asyncio.gather(*(one(u) for u in urls))
""",
    },
    {
        "exercise": "limits.rate-limit",
        "label": "a TaskGroup of tasks that each wait for their own start time",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def fetch_at_rate(urls, per_second):
    async def later(delay, url):
        await asyncio.sleep(delay)
        return await fetch(url)

    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(later(i / per_second, u)) for i, u in enumerate(urls)]
    return [t.result() for t in tasks]
""",
    },
    {
        "exercise": "limits.rate-limit",
        "label": "start times computed from loop.time()",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def fetch_at_rate(urls, per_second):
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    tasks = []
    for i, url in enumerate(urls):
        await asyncio.sleep(max(0.0, t0 + i / per_second - loop.time()))
        tasks.append(asyncio.create_task(fetch(url)))
    return list(await asyncio.gather(*tasks))
""",
    },
    {
        "exercise": "limits.rate-limit",
        "label": "a sliding window of recent start times in a deque",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
import collections

async def fetch_at_rate(urls, per_second):
    loop = asyncio.get_running_loop()
    recent = collections.deque()
    tasks = []
    for url in urls:
        if len(recent) == per_second:
            await asyncio.sleep(max(0.0, recent.popleft() + 1 - loop.time()))
        recent.append(loop.time())
        tasks.append(asyncio.create_task(fetch(url)))
    return await asyncio.gather(*tasks)
""",
    },
    # ------------------------------------------------------------------ rate-limit: wrong
    {
        "exercise": "limits.rate-limit",
        "label": "the starter: waits for each request before the next",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "keeps up the rate",
        "message": "each request only started after the previous one had finished",
        "code": """
async def fetch_at_rate(urls, per_second):
    pages = []
    for url in urls:
        pages.append(await fetch(url))
        await asyncio.sleep(1 / per_second)
    return pages
""",
    },
    {
        "exercise": "limits.rate-limit",
        "label": "Semaphore(per_second): a limit at once is not a rate",
        "kind": "misconception",
        "verdict": "fail",
        "check": "at most N starts in any second",
        "message": "a rate counts starts",
        "code": """
async def fetch_at_rate(urls, per_second):
    sem = asyncio.Semaphore(per_second)
    async def one(url):
        async with sem:
            return await fetch(url)
    return await asyncio.gather(*(one(u) for u in urls))
""",
    },
    {
        "exercise": "limits.rate-limit",
        "label": "a second between any two starts, whatever the rate",
        "kind": "misconception",
        "verdict": "fail",
        "check": "keeps up the rate",
        "message": "with per_second=2, the last of 7 requests can start at 3 s, but it started at 6 s",
        "code": """
async def fetch_at_rate(urls, per_second):
    tasks = []
    for url in urls:
        tasks.append(asyncio.create_task(fetch(url)))
        await asyncio.sleep(1)
    return await asyncio.gather(*tasks)
""",
    },
    {
        "exercise": "limits.rate-limit",
        "label": "batches of per_second + 1",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "at most N starts in any second",
        "message": "with per_second=2, 3 requests started within one second",
        "code": """
async def fetch_at_rate(urls, per_second):
    tasks = []
    for start in range(0, len(urls), per_second + 1):
        if start:
            await asyncio.sleep(1)
        tasks += [asyncio.create_task(fetch(u)) for u in urls[start:start + per_second + 1]]
    return await asyncio.gather(*tasks)
""",
    },
    {
        "exercise": "limits.rate-limit",
        "label": "pages appended as each request finishes",
        "kind": "order lost",
        "verdict": "fail",
        "check": "every page, in order",
        "message": "not in the order of `urls`",
        "code": """
async def fetch_at_rate(urls, per_second):
    pages = []
    async def one(url):
        pages.append(await fetch(url))
    tasks = []
    for url in urls:
        tasks.append(asyncio.create_task(one(url)))
        await asyncio.sleep(1 / per_second)
    await asyncio.gather(*tasks)
    return pages
""",
    },
    {
        "exercise": "limits.rate-limit",
        "label": "a ticker task refilling the semaphore, never stopped",
        "kind": "leak",
        "verdict": "fail",
        "check": "nothing left running",
        "message": "task(s) were still pending",
        "code": """
async def fetch_at_rate(urls, per_second):
    sem = asyncio.Semaphore(0)

    async def ticker():
        while True:
            sem.release()
            await asyncio.sleep(1 / per_second)

    tick = asyncio.create_task(ticker())
    async def one(url):
        await sem.acquire()
        return await fetch(url)
    return await asyncio.gather(*(one(u) for u in urls))
""",
    },
    {
        "exercise": "limits.rate-limit",
        "label": "returns when the last request has started, not finished",
        "kind": "leak",
        "verdict": "fail",
        "check": "every page, in order",
        "message": "a Task",
        "code": """
async def fetch_at_rate(urls, per_second):
    tasks = []
    for url in urls:
        tasks.append(asyncio.create_task(fetch(url)))
        await asyncio.sleep(1 / per_second)
    return tasks
""",
    },
    {
        "exercise": "limits.rate-limit",
        "label": "time.sleep between the starts",
        "kind": "platform shortcut",
        "verdict": "fail",
        "check": "every page, in order",
        "message": "time.sleep() blocks the whole event loop",
        "note": "blocks the loop on CPython; in a browser with stack switching it does not even block",
        "code": """
import time

async def fetch_at_rate(urls, per_second):
    tasks = []
    for url in urls:
        tasks.append(asyncio.create_task(fetch(url)))
        time.sleep(1 / per_second)
    return await asyncio.gather(*tasks)
""",
    },
    {
        "exercise": "limits.rate-limit",
        "label": "sleep(0.5), the spacing for the example's 2 a second",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "at most N starts in any second",
        "message": "with per_second=1, 2 requests started within one second",
        "code": """
async def fetch_at_rate(urls, per_second):
    tasks = []
    for url in urls:
        tasks.append(asyncio.create_task(fetch(url)))
        await asyncio.sleep(0.5)
    return await asyncio.gather(*tasks)
""",
    },
]
