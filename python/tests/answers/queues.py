"""Answer set of lesson 19 (queues); the format is described in ../test_answers.py."""

ANSWERS = [
    # ------------------------------------------------------------------ worker-pool: correct
    {
        "exercise": "queues.worker-pool",
        "label": "the lesson's route: one sentinel per worker, gather the workers",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
async def process_all(items, n):
    queue = asyncio.Queue()
    for item in items:
        queue.put_nowait(item)
    for _ in range(n):
        queue.put_nowait(None)

    async def worker():
        while (item := await queue.get()) is not None:
            await handle(item)

    await asyncio.gather(*(worker() for _ in range(n)))
""",
    },
    {
        "exercise": "queues.worker-pool",
        "label": "task_done in a finally, join, then cancel the workers and wait for them",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def process_all(items, n):
    queue = asyncio.Queue()
    for item in items:
        queue.put_nowait(item)

    async def worker():
        while True:
            item = await queue.get()
            try:
                await handle(item)
            finally:
                queue.task_done()

    workers = [asyncio.create_task(worker()) for _ in range(n)]
    await queue.join()
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
""",
    },
    {
        "exercise": "queues.worker-pool",
        "label": "shutdown() on 3.13+, sentinels before; workers in a TaskGroup",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def process_all(items, n):
    queue = asyncio.Queue()
    for item in items:
        queue.put_nowait(item)
    has_shutdown = hasattr(queue, "shutdown")
    if has_shutdown:
        queue.shutdown()
    else:
        for _ in range(n):
            queue.put_nowait(None)

    async def worker():
        while True:
            if has_shutdown:
                try:
                    item = await queue.get()
                except asyncio.QueueShutDown:
                    return
            else:
                item = await queue.get()
                if item is None:
                    return
            await handle(item)

    async with asyncio.TaskGroup() as tg:
        for _ in range(n):
            tg.create_task(worker())
""",
    },
    {
        "exercise": "queues.worker-pool",
        "label": "shutdown() after join(), workers catch QueueShutDown (3.13+), cancel before",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def process_all(items, n):
    queue = asyncio.Queue()
    for item in items:
        await queue.put(item)

    async def worker():
        while True:
            try:
                item = await queue.get()
            except getattr(asyncio, "QueueShutDown", ()):
                return
            await handle(item)
            queue.task_done()

    workers = [asyncio.create_task(worker()) for _ in range(n)]
    await queue.join()
    if sys.version_info >= (3, 13):
        queue.shutdown()
    else:
        for w in workers:
            w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
""",
    },
    {
        "exercise": "queues.worker-pool",
        "label": "no queue: n workers share one iterator, in a TaskGroup",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def process_all(items, n):
    todo = iter(items)

    async def worker():
        for item in todo:
            await handle(item)

    async with asyncio.TaskGroup() as tg:
        for _ in range(n):
            tg.create_task(worker())
""",
    },
    {
        "exercise": "queues.worker-pool",
        "label": "a Semaphore(n) around each item, gathered",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def process_all(items, n):
    sem = asyncio.Semaphore(n)

    async def one(item):
        async with sem:
            await handle(item)

    await asyncio.gather(*(one(item) for item in items))
""",
    },
    {
        "exercise": "queues.worker-pool",
        "label": "get_nowait until QueueEmpty, workers end by themselves",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def process_all(items, n):
    queue = asyncio.Queue()
    for item in items:
        queue.put_nowait(item)

    async def worker():
        while True:
            try:
                item = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            await handle(item)

    await asyncio.gather(*[asyncio.create_task(worker()) for _ in range(n)])
""",
    },
    {
        "exercise": "queues.worker-pool",
        "label": "shutdown() with no version guard, in the browser's Python 3.14",
        "kind": "plain asyncio",
        "verdict": "pass",
        "platforms": ["pyodide"],
        "note": "On CPython 3.11/3.12 the same cell fails with AttributeError and a note on sentinels; test_lesson_queues.py covers both sides on CPython.",
        "code": """
async def process_all(items, n):
    queue = asyncio.Queue()
    for item in items:
        queue.put_nowait(item)
    queue.shutdown()

    async def worker():
        while True:
            try:
                item = await queue.get()
            except asyncio.QueueShutDown:
                return
            await handle(item)

    await asyncio.gather(*(worker() for _ in range(n)))
""",
    },
    # ------------------------------------------------------------------ worker-pool: wrong
    {
        "exercise": "queues.worker-pool",
        "label": "the starter: join() and return, workers left in get()",
        "kind": "leak",
        "verdict": "fail",
        "check": "every worker stopped",
        "message": "still pending",
        "code": """
async def process_all(items, n):
    queue = asyncio.Queue()
    for item in items:
        queue.put_nowait(item)

    async def worker():
        while True:
            item = await queue.get()
            await handle(item)
            queue.task_done()

    workers = [asyncio.create_task(worker()) for _ in range(n)]
    await queue.join()
""",
    },
    {
        "exercise": "queues.worker-pool",
        "label": "cancel after join() but never wait for the workers",
        "kind": "leak",
        "verdict": "fail",
        "check": "every worker stopped",
        "message": "still pending",
        "code": """
async def process_all(items, n):
    queue = asyncio.Queue()
    for item in items:
        queue.put_nowait(item)

    async def worker():
        while True:
            item = await queue.get()
            await handle(item)
            queue.task_done()

    workers = [asyncio.create_task(worker()) for _ in range(n)]
    await queue.join()
    for w in workers:
        w.cancel()
""",
    },
    {
        "exercise": "queues.worker-pool",
        "label": "one sentinel for n workers: the others wait for ever",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "every item exactly once",
        "message": "had not returned",
        "code": """
async def process_all(items, n):
    queue = asyncio.Queue()
    for item in items:
        queue.put_nowait(item)
    queue.put_nowait(None)

    async def worker():
        while (item := await queue.get()) is not None:
            await handle(item)

    await asyncio.gather(*(worker() for _ in range(n)))
""",
    },
    {
        "exercise": "queues.worker-pool",
        "label": "join() without task_done(): join never returns",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "every item exactly once",
        "message": "task_done",
        "code": """
async def process_all(items, n):
    queue = asyncio.Queue()
    for item in items:
        queue.put_nowait(item)

    async def worker():
        while True:
            await handle(await queue.get())

    workers = [asyncio.create_task(worker()) for _ in range(n)]
    await queue.join()
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
""",
    },
    {
        "exercise": "queues.worker-pool",
        "label": "cancel the workers once the queue is empty, while they still handle items",
        "kind": "misconception",
        "verdict": "fail",
        "check": "every item exactly once",
        "message": "cancelled half-way",
        "code": """
async def process_all(items, n):
    queue = asyncio.Queue()
    for item in items:
        queue.put_nowait(item)

    async def worker():
        while True:
            await handle(await queue.get())

    workers = [asyncio.create_task(worker()) for _ in range(n)]
    while not queue.empty():
        await asyncio.sleep(0.1)
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
""",
    },
    {
        "exercise": "queues.worker-pool",
        "label": "each worker loops over the whole list",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "every item exactly once",
        "message": "more than once",
        "code": """
async def process_all(items, n):
    async def worker():
        for item in items:
            await handle(item)

    await asyncio.gather(*(worker() for _ in range(n)))
""",
    },
    {
        "exercise": "queues.worker-pool",
        "label": "gather every item at once, no pool",
        "kind": "misconception",
        "verdict": "fail",
        "check": "never more than n at once",
        "code": """
async def process_all(items, n):
    await asyncio.gather(*(handle(item) for item in items))
""",
    },
    {
        "exercise": "queues.worker-pool",
        "label": "n + 1 workers",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "never more than n at once",
        "code": """
async def process_all(items, n):
    queue = asyncio.Queue()
    for item in items:
        queue.put_nowait(item)
    for _ in range(n + 1):
        queue.put_nowait(None)

    async def worker():
        while (item := await queue.get()) is not None:
            await handle(item)

    await asyncio.gather(*(worker() for _ in range(n + 1)))
""",
    },
    {
        "exercise": "queues.worker-pool",
        "label": "one item after the other, whatever n",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "n at once while items wait",
        "code": """
async def process_all(items, n):
    for item in items:
        await handle(item)
""",
    },
    {
        "exercise": "queues.worker-pool",
        "label": "batches of n: the next batch waits for the slowest",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "n at once while items wait",
        "code": """
async def process_all(items, n):
    for i in range(0, len(items), n):
        await asyncio.gather(*(handle(item) for item in items[i:i + n]))
""",
    },
    # ------------------------------------------------------------------ backpressure: correct
    {
        "exercise": "queues.backpressure",
        "label": "the lesson's route: Queue(maxsize), await put, a sentinel",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
async def pipeline(items, maxsize):
    queue = asyncio.Queue(maxsize)
    results = []

    async def producer():
        for item in items:
            await queue.put(item)
        await queue.put(None)

    async def consumer():
        while (item := await queue.get()) is not None:
            results.append(await handle(item))

    await asyncio.gather(producer(), consumer())
    return results
""",
    },
    {
        "exercise": "queues.backpressure",
        "label": "Queue(maxsize=maxsize), task_done and join, cancel the consumer",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def pipeline(items, maxsize):
    queue = asyncio.Queue(maxsize=maxsize)
    results = []

    async def consumer():
        while True:
            item = await queue.get()
            try:
                results.append(await handle(item))
            finally:
                queue.task_done()

    task = asyncio.create_task(consumer())
    for item in items:
        await queue.put(item)
    await queue.join()
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    return results
""",
    },
    {
        "exercise": "queues.backpressure",
        "label": "shutdown() when the producer is done on 3.13+, a sentinel before",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def pipeline(items, maxsize):
    queue = asyncio.Queue(maxsize)
    results = []
    done = object()

    async def producer():
        for item in items:
            await queue.put(item)
        if hasattr(queue, "shutdown"):
            queue.shutdown()
        else:
            await queue.put(done)

    async def consumer():
        while True:
            try:
                item = await queue.get()
            except getattr(asyncio, "QueueShutDown", ()):
                return
            if item is done:
                return
            results.append(await handle(item))

    async with asyncio.TaskGroup() as tg:
        tg.create_task(producer())
        tg.create_task(consumer())
    return results
""",
    },
    {
        "exercise": "queues.backpressure",
        "label": "an unbounded queue, kept small by a Semaphore(maxsize)",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def pipeline(items, maxsize):
    queue = asyncio.Queue()
    room = asyncio.Semaphore(maxsize)
    results = []

    async def producer():
        for item in items + [None]:
            await room.acquire()
            queue.put_nowait(item)

    async def consumer():
        while True:
            item = await queue.get()
            room.release()
            if item is None:
                return
            results.append(await handle(item))

    await asyncio.gather(producer(), consumer())
    return results
""",
    },
    {
        "exercise": "queues.backpressure",
        "label": "put_nowait, and on QueueFull try again a little later",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def pipeline(items, maxsize):
    queue = asyncio.Queue(maxsize)
    results = []

    async def producer():
        for item in items + [None]:
            while True:
                try:
                    queue.put_nowait(item)
                    break
                except asyncio.QueueFull:
                    await asyncio.sleep(0.05)

    async def consumer():
        while (item := await queue.get()) is not None:
            results.append(await handle(item))

    await asyncio.gather(producer(), consumer())
    return results
""",
    },
    # ------------------------------------------------------------------ backpressure: wrong
    {
        "exercise": "queues.backpressure",
        "label": "the starter: an unbounded queue",
        "kind": "misconception",
        "verdict": "fail",
        "check": "never more than maxsize waiting",
        "message": "at most 2 may",
        "code": """
async def pipeline(items, maxsize):
    queue = asyncio.Queue()
    results = []

    async def producer():
        for item in items:
            await queue.put(item)
        await queue.put(None)

    async def consumer():
        while (item := await queue.get()) is not None:
            results.append(await handle(item))

    await asyncio.gather(producer(), consumer())
    return results
""",
    },
    {
        "exercise": "queues.backpressure",
        "label": "Queue(maxsize + 1)",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "never more than maxsize waiting",
        "code": """
async def pipeline(items, maxsize):
    queue = asyncio.Queue(maxsize + 1)
    results = []

    async def producer():
        for item in items:
            await queue.put(item)
        await queue.put(None)

    async def consumer():
        while (item := await queue.get()) is not None:
            results.append(await handle(item))

    await asyncio.gather(producer(), consumer())
    return results
""",
    },
    {
        "exercise": "queues.backpressure",
        "label": "Queue(1) whatever maxsize says",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "the producer runs ahead",
        "code": """
async def pipeline(items, maxsize):
    queue = asyncio.Queue(1)
    results = []

    async def producer():
        for item in items:
            await queue.put(item)
        await queue.put(None)

    async def consumer():
        while (item := await queue.get()) is not None:
            results.append(await handle(item))

    await asyncio.gather(producer(), consumer())
    return results
""",
    },
    {
        "exercise": "queues.backpressure",
        "label": "no queue at all: handle each item in turn",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "never more than maxsize waiting",
        "message": "put nothing into an asyncio.Queue",
        "code": """
async def pipeline(items, maxsize):
    return [await handle(item) for item in items]
""",
    },
    {
        "exercise": "queues.backpressure",
        "label": "the producer waits for each item to be handled (join after every put)",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "the producer runs ahead",
        "code": """
async def pipeline(items, maxsize):
    queue = asyncio.Queue(maxsize)
    results = []

    async def consumer():
        while True:
            item = await queue.get()
            results.append(await handle(item))
            queue.task_done()

    task = asyncio.create_task(consumer())
    for item in items:
        await queue.put(item)
        await queue.join()
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    return results
""",
    },
    {
        "exercise": "queues.backpressure",
        "label": "put_nowait on a bounded queue: QueueFull",
        "kind": "misconception",
        "verdict": "fail",
        "check": "every item, in order",
        "message": "QueueFull",
        "code": """
async def pipeline(items, maxsize):
    queue = asyncio.Queue(maxsize)
    results = []

    async def producer():
        for item in items:
            queue.put_nowait(item)
        queue.put_nowait(None)

    async def consumer():
        while (item := await queue.get()) is not None:
            results.append(await handle(item))

    await asyncio.gather(producer(), consumer())
    return results
""",
    },
    {
        "exercise": "queues.backpressure",
        "label": "no sentinel: the consumer waits for ever",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "every item, in order",
        "message": "had not returned",
        "code": """
async def pipeline(items, maxsize):
    queue = asyncio.Queue(maxsize)
    results = []

    async def producer():
        for item in items:
            await queue.put(item)

    async def consumer():
        while True:
            results.append(await handle(await queue.get()))

    await asyncio.gather(producer(), consumer())
    return results
""",
    },
    {
        "exercise": "queues.backpressure",
        "label": "the consumer task is left waiting in get()",
        "kind": "leak",
        "verdict": "fail",
        "check": "nothing left running",
        "message": "still pending",
        "code": """
async def pipeline(items, maxsize):
    queue = asyncio.Queue(maxsize)
    results = []

    async def consumer():
        while True:
            item = await queue.get()
            results.append(await handle(item))
            queue.task_done()

    asyncio.create_task(consumer())
    for item in items:
        await queue.put(item)
    await queue.join()
    return results
""",
    },
    {
        "exercise": "queues.backpressure",
        "label": "a LifoQueue: the newest item first",
        "kind": "order lost",
        "verdict": "fail",
        "check": "every item, in order",
        "code": """
async def pipeline(items, maxsize):
    queue = asyncio.LifoQueue(maxsize)
    results = []
    done = object()

    async def producer():
        for item in items:
            await queue.put(item)
        await queue.put(done)

    async def consumer():
        while True:
            item = await queue.get()
            if item is done:
                return
            results.append(await handle(item))

    await asyncio.gather(producer(), consumer())
    return results
""",
    },
]
