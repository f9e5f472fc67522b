"""Answer set of lesson 08 (running concurrently); the format is described in ../test_answers.py."""

ANSWERS = [
    {
        "exercise": 'running-concurrently.tolerate-failures',
        "label": 'gather-return-exceptions',
        "kind": 'plain asyncio',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.sim import fake_download
from asyncio_lab.lessons.running_concurrently import flaky_download, DownloadError

async def fetch_all(names):
    results = await asyncio.gather(*(flaky_download(name) for name in names), return_exceptions=True)
    return [None if isinstance(r, DownloadError) else r for r in results]
""",
    },
    {
        "exercise": 'running-concurrently.tolerate-failures',
        "label": 'taskgroup-with-wrapper',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.sim import fake_download
from asyncio_lab.lessons.running_concurrently import flaky_download, DownloadError

async def fetch_all(names):
    async def one(name):
        try:
            return await flaky_download(name)
        except DownloadError:
            return None
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(one(n)) for n in names]
    return [t.result() for t in tasks]
""",
    },
    {
        "exercise": 'running-concurrently.tolerate-failures',
        "label": 'gather-of-wrappers',
        "kind": 'plain asyncio',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.sim import fake_download
from asyncio_lab.lessons.running_concurrently import flaky_download, DownloadError

async def safe(name):
    try:
        return await flaky_download(name)
    except DownloadError:
        return None

async def fetch_all(names):
    return list(await asyncio.gather(*map(safe, names)))
""",
    },
    {
        "exercise": 'running-concurrently.tolerate-failures',
        "label": 'manual-tasks',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.sim import fake_download
from asyncio_lab.lessons.running_concurrently import flaky_download, DownloadError

async def fetch_all(names):
    tasks = [asyncio.create_task(flaky_download(n)) for n in names]
    out = []
    for t in tasks:
        try:
            out.append(await t)
        except DownloadError:
            out.append(None)
    return out
""",
    },
    {
        "exercise": 'running-concurrently.tolerate-failures',
        "label": 'wait',
        "kind": 'plain asyncio',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.sim import fake_download
from asyncio_lab.lessons.running_concurrently import flaky_download, DownloadError

async def fetch_all(names):
    tasks = [asyncio.create_task(flaky_download(n)) for n in names]
    await asyncio.wait(tasks)
    return [None if t.exception() else t.result() for t in tasks]
""",
    },
    {
        "exercise": 'running-concurrently.first-n',
        "label": 'as_completed-tasks',
        "kind": 'lesson helper',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.sim import fake_download
async def first_n(names, n):
    tasks = [asyncio.create_task(fake_download(name)) for name in names]
    results = []
    try:
        for next_done in asyncio.as_completed(tasks):
            results.append(await next_done)
            if len(results) == n:
                break
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return results
""",
    },
    {
        "exercise": 'running-concurrently.first-n',
        "label": 'wait-first-completed',
        "kind": 'plain asyncio',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.sim import fake_download

async def first_n(names, n):
    pending = {asyncio.create_task(fake_download(name)) for name in names}
    results = []
    while len(results) < n:
        done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        results.extend(t.result() for t in done)
    for t in pending:
        t.cancel()
    if pending:
        await asyncio.wait(pending)
    return results[:n]
""",
    },
    {
        "exercise": 'running-concurrently.first-n',
        "label": 'taskgroup-callbacks-event',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.sim import fake_download

async def first_n(names, n):
    results = []
    enough = asyncio.Event()
    def collect(t):
        if not t.cancelled():
            results.append(t.result())
            if len(results) >= n:
                enough.set()
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(fake_download(name)) for name in names]
        for t in tasks:
            t.add_done_callback(collect)
        await enough.wait()
        for t in tasks:
            t.cancel()
    return results[:n]
""",
    },
    {
        "exercise": 'running-concurrently.first-n',
        "label": 'queue',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.sim import fake_download

async def first_n(names, n):
    queue = asyncio.Queue()
    async def one(name):
        await queue.put(await fake_download(name))
    tasks = [asyncio.create_task(one(name)) for name in names]
    try:
        return [await queue.get() for _ in range(n)]
    finally:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
""",
    },
    {
        "exercise": 'running-concurrently.tolerate-failures',
        "label": 'starter-sequential',
        "kind": 'concurrency lost',
        "verdict": 'fail',
        "check": 'downloads overlap',
        "message": 'at most 1 ran at once',
        "code": """import asyncio
from asyncio_lab.sim import fake_download
from asyncio_lab.lessons.running_concurrently import flaky_download, DownloadError

async def fetch_all(names):
    results = []
    for name in names:
        try:
            results.append(await flaky_download(name))
        except DownloadError:
            results.append(None)
    return results
""",
    },
    {
        "exercise": 'running-concurrently.tolerate-failures',
        "label": 'plain-gather',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'every result in order, None for failures',
        "message": 'raised DownloadError',
        "code": """import asyncio
from asyncio_lab.sim import fake_download
from asyncio_lab.lessons.running_concurrently import flaky_download, DownloadError
async def fetch_all(names):
    return await asyncio.gather(*(flaky_download(n) for n in names))
""",
    },
    {
        "exercise": 'running-concurrently.tolerate-failures',
        "label": 'plain-gather-leaves-others-running',
        "kind": 'leak',
        "verdict": 'fail',
        "check": 'nothing left running',
        "message": 'still running',
        "code": """import asyncio
from asyncio_lab.sim import fake_download
from asyncio_lab.lessons.running_concurrently import flaky_download, DownloadError
async def fetch_all(names):
    return await asyncio.gather(*(flaky_download(n) for n in names))
""",
    },
    {
        "exercise": 'running-concurrently.tolerate-failures',
        "label": 'exceptions-kept',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'every result in order, None for failures',
        "message": 'expected None where a download failed',
        "code": """import asyncio
from asyncio_lab.sim import fake_download
from asyncio_lab.lessons.running_concurrently import flaky_download, DownloadError
async def fetch_all(names):
    return await asyncio.gather(*(flaky_download(n) for n in names), return_exceptions=True)
""",
    },
    {
        "exercise": 'running-concurrently.tolerate-failures',
        "label": 'taskgroup-unhandled',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'every result in order, None for failures',
        "message": 'ExceptionGroup (DownloadError',
        "code": """import asyncio
from asyncio_lab.sim import fake_download
from asyncio_lab.lessons.running_concurrently import flaky_download, DownloadError

async def fetch_all(names):
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(flaky_download(n)) for n in names]
    return [t.result() for t in tasks]
""",
    },
    {
        "exercise": 'running-concurrently.tolerate-failures',
        "label": 'taskgroup-caught-outside',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'nothing left running',
        "message": 'did not',
        "code": """import asyncio
from asyncio_lab.sim import fake_download
from asyncio_lab.lessons.running_concurrently import flaky_download, DownloadError

async def fetch_all(names):
    try:
        async with asyncio.TaskGroup() as tg:
            tasks = [tg.create_task(flaky_download(n)) for n in names]
    except* DownloadError:
        pass
    return [t.result() if t.done() and not t.cancelled() and not t.exception() else None for t in tasks]
""",
    },
    {
        "exercise": 'running-concurrently.tolerate-failures',
        "label": 'not-async',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'downloads overlap',
        "message": 'async def',
        "code": """import asyncio
from asyncio_lab.sim import fake_download
def fetch_all(names):
    return []
""",
    },
    {
        "exercise": 'running-concurrently.first-n',
        "label": 'starter',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'the first n results, in finishing order',
        "message": 'first 3 *names*',
        "code": """import asyncio
from asyncio_lab.sim import fake_download
async def first_n(names, n):
    results = []
    for name in names[:n]:
        results.append(await fake_download(name))
    return results
""",
    },
    {
        "exercise": 'running-concurrently.first-n',
        "label": 'gather-then-slice',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'the rest are cancelled',
        "message": 'ran to the end',
        "code": """import asyncio
from asyncio_lab.sim import fake_download
async def first_n(names, n):
    return (await asyncio.gather(*(fake_download(x) for x in names)))[:n]
""",
    },
    {
        "exercise": 'running-concurrently.first-n',
        "label": 'as_completed-all-then-slice',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'the rest are cancelled',
        "message": 'ran to the end',
        "code": """import asyncio
from asyncio_lab.sim import fake_download

async def first_n(names, n):
    return [await f for f in asyncio.as_completed([fake_download(x) for x in names])][:n]
""",
    },
    {
        "exercise": 'running-concurrently.first-n',
        "label": 'no-cancel',
        "kind": 'leak',
        "verdict": 'fail',
        "check": 'the rest are cancelled',
        "message": 'still running',
        "code": """import asyncio
from asyncio_lab.sim import fake_download

async def first_n(names, n):
    results = []
    for f in asyncio.as_completed([fake_download(x) for x in names]):
        results.append(await f)
        if len(results) == n:
            return results
""",
    },
    {
        "exercise": 'running-concurrently.first-n',
        "label": 'cancel-without-waiting',
        "kind": 'leak',
        "verdict": 'fail',
        "check": 'the rest are cancelled',
        "message": 'had not finished cancelling',
        "code": """import asyncio
from asyncio_lab.sim import fake_download

async def first_n(names, n):
    tasks = [asyncio.create_task(fake_download(x)) for x in names]
    results = []
    for f in asyncio.as_completed(tasks):
        results.append(await f)
        if len(results) == n:
            break
    for t in tasks:
        t.cancel()
    return results
""",
    },
    {
        "exercise": 'running-concurrently.first-n',
        "label": 'sorted-by-name',
        "kind": 'order lost',
        "verdict": 'fail',
        "check": 'the first n results, in finishing order',
        "message": 'not in the order they finished',
        "code": """import asyncio
from asyncio_lab.sim import fake_download

async def first_n(names, n):
    tasks = [asyncio.create_task(fake_download(x)) for x in names]
    results = []
    for f in asyncio.as_completed(tasks):
        results.append(await f)
        if len(results) == n:
            break
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return sorted(results)
""",
    },
    {
        "exercise": 'running-concurrently.tolerate-failures',
        "label": 'forgets the last name',
        "kind": 'off-by-one',
        "verdict": 'fail',
        "check": 'every result in order, None for failures',
        "code": """import asyncio
from asyncio_lab.sim import fake_download
from asyncio_lab.lessons.running_concurrently import flaky_download, DownloadError

async def fetch_all(names):
    results = await asyncio.gather(*(flaky_download(n) for n in names[:-1]), return_exceptions=True)
    return [None if isinstance(r, DownloadError) else r for r in results]
""",
    },
    {
        "exercise": 'running-concurrently.tolerate-failures',
        "label": 'results in finishing order (as_completed)',
        "kind": 'order lost',
        "verdict": 'fail',
        "check": 'every result in order, None for failures',
        "code": """import asyncio
from asyncio_lab.sim import fake_download
from asyncio_lab.lessons.running_concurrently import flaky_download, DownloadError

async def fetch_all(names):
    out = []
    for fut in asyncio.as_completed([flaky_download(n) for n in names]):
        try:
            out.append(await fut)
        except DownloadError:
            out.append(None)
    return out
""",
    },
    {
        "exercise": 'running-concurrently.first-n',
        "label": 'contextlib.AsyncExitStack cancels and awaits the rest on the way out',
        "kind": 'other standard library',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.sim import fake_download
from asyncio_lab.lessons.running_concurrently import flaky_download, DownloadError

import contextlib

async def first_n(names, n):
    async with contextlib.AsyncExitStack() as stack:
        tasks = [asyncio.create_task(fake_download(name)) for name in names]

        async def cancel_rest():
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        stack.push_async_callback(cancel_rest)
        results = []
        for fut in asyncio.as_completed(tasks):
            results.append(await fut)
            if len(results) == n:
                return results
""",
    },
    {
        "exercise": 'running-concurrently.first-n',
        "label": 'one result too many',
        "kind": 'off-by-one',
        "verdict": 'fail',
        "check": 'the first n results, in finishing order',
        "code": """import asyncio
from asyncio_lab.sim import fake_download
from asyncio_lab.lessons.running_concurrently import flaky_download, DownloadError

async def first_n(names, n):
    tasks = [asyncio.create_task(fake_download(name)) for name in names]
    results = []
    try:
        for next_done in asyncio.as_completed(tasks):
            results.append(await next_done)
            if len(results) > n:
                break
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return results
""",
    },
    {
        "exercise": 'running-concurrently.first-n',
        "label": 'downloads one after the other, in the order of the names',
        "kind": 'concurrency lost',
        "verdict": 'fail',
        "check": 'the first n results, in finishing order',
        "code": """import asyncio
from asyncio_lab.sim import fake_download
from asyncio_lab.lessons.running_concurrently import flaky_download, DownloadError

async def first_n(names, n):
    results = []
    for name in names[:n]:
        results.append(await fake_download(name))
    return results
""",
    },
]
