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
    # ------------------------------------------------------------------ more answers (merged from branch issue13f)
    {
        "exercise": "running-concurrently.tolerate-failures",
        "label": "the lesson's solution: gather with return_exceptions, DownloadError turned into None",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
from asyncio_lab.lessons.running_concurrently import flaky_download, DownloadError

async def fetch_all(names):
    results = await asyncio.gather(*(flaky_download(name) for name in names), return_exceptions=True)
    return [None if isinstance(r, DownloadError) else r for r in results]
""",
    },
    {
        "exercise": "running-concurrently.tolerate-failures",
        "label": "a small coroutine catches DownloadError; gather runs them",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def safe(name):
    try:
        return await flaky_download(name)
    except DownloadError:
        return None

async def fetch_all(names):
    return await asyncio.gather(*map(safe, names))
""",
    },
    {
        "exercise": "running-concurrently.tolerate-failures",
        "label": "a TaskGroup of coroutines that catch their own failure",
        "kind": "other style",
        "verdict": "pass",
        "code": """
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
        "exercise": "running-concurrently.tolerate-failures",
        "label": "tasks and asyncio.wait, then each task's exception() looked at",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def fetch_all(names):
    tasks = [asyncio.create_task(flaky_download(n)) for n in names]
    await asyncio.wait(tasks)
    return [None if t.exception() is not None else t.result() for t in tasks]
""",
    },
    {
        "exercise": "running-concurrently.tolerate-failures",
        "label": "as_completed over tasks, results put back at their index",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def fetch_all(names):
    tasks = {asyncio.create_task(flaky_download(n)): i for i, n in enumerate(names)}
    results = [None] * len(names)
    for fut in asyncio.as_completed(list(tasks)):
        try:
            await fut
        except DownloadError:
            pass
    for t, i in tasks.items():
        if not t.exception():
            results[i] = t.result()
    return results
""",
    },
    {
        "exercise": "running-concurrently.tolerate-failures",
        "label": "contextlib.suppress(DownloadError) in a wrapper",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
import contextlib

async def fetch_all(names):
    async def one(name):
        with contextlib.suppress(DownloadError):
            return await flaky_download(name)
    return list(await asyncio.gather(*[one(n) for n in names]))
""",
    },
    {
        "exercise": "running-concurrently.tolerate-failures",
        "label": "all tasks created first, then awaited in order with try/except",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def fetch_all(names):
    tasks = [asyncio.create_task(flaky_download(n)) for n in names]
    results = []
    for task in tasks:
        try:
            results.append(await task)
        except DownloadError:
            results.append(None)
    return results
""",
    },
    {
        "exercise": "running-concurrently.tolerate-failures",
        "label": "the starter: one download after the other",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "downloads overlap",
        "message": "at most 1 ran at once",
        "code": """
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
        "exercise": "running-concurrently.tolerate-failures",
        "label": "a coroutine per name, each awaited before the next is created",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "downloads overlap",
        "message": "at most 1 ran at once",
        "code": """
async def fetch_all(names):
    async def one(name):
        try:
            return await flaky_download(name)
        except DownloadError:
            return None
    return [await one(n) for n in names]
""",
    },
    {
        "exercise": "running-concurrently.tolerate-failures",
        "label": "gather without return_exceptions, the first failure caught around it",
        "kind": "misconception",
        "verdict": "fail",
        "check": "every result in order, None for failures",
        "code": """
async def fetch_all(names):
    try:
        return await asyncio.gather(*(flaky_download(n) for n in names))
    except DownloadError:
        return [None] * len(names)
""",
    },
    {
        "exercise": "running-concurrently.tolerate-failures",
        "label": "return_exceptions=True, but the exceptions left in the list",
        "kind": "misconception",
        "verdict": "fail",
        "check": "every result in order, None for failures",
        "message": "expected None where a download failed",
        "code": """
async def fetch_all(names):
    return await asyncio.gather(*(flaky_download(n) for n in names), return_exceptions=True)
""",
    },
    {
        "exercise": "running-concurrently.tolerate-failures",
        "label": "a TaskGroup with no handling: the first failure cancels the rest",
        "kind": "misconception",
        "verdict": "fail",
        "check": "every result in order, None for failures",
        "message": "raised ExceptionGroup",
        "code": """
async def fetch_all(names):
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(flaky_download(n)) for n in names]
    return [t.result() for t in tasks]
""",
    },
    {
        "exercise": "running-concurrently.tolerate-failures",
        "label": "a TaskGroup with except*: the good downloads were cancelled",
        "kind": "misconception",
        "verdict": "fail",
        "check": "nothing left running",
        "message": "run to the end",
        "code": """
async def fetch_all(names):
    tasks = []
    try:
        async with asyncio.TaskGroup() as tg:
            tasks = [tg.create_task(flaky_download(n)) for n in names]
    except* DownloadError:
        pass
    return [t.result() if t.done() and not t.cancelled() and t.exception() is None else None for t in tasks]
""",
    },
    {
        "exercise": "running-concurrently.tolerate-failures",
        "label": "results in the order the downloads finished (as_completed)",
        "kind": "order lost",
        "verdict": "fail",
        "check": "every result in order, None for failures",
        "code": """
async def fetch_all(names):
    results = []
    for fut in asyncio.as_completed([flaky_download(n) for n in names]):
        try:
            results.append(await fut)
        except DownloadError:
            results.append(None)
    return results
""",
    },
    {
        "exercise": "running-concurrently.tolerate-failures",
        "label": "asyncio.wait(FIRST_EXCEPTION): returns when the first fails",
        "kind": "leak",
        "verdict": "fail",
        "check": "nothing left running",
        "message": "still running",
        "code": """
async def fetch_all(names):
    tasks = [asyncio.create_task(flaky_download(n)) for n in names]
    await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    return [t.result() if t.done() and t.exception() is None else None for t in tasks]
""",
    },
    {
        "exercise": "running-concurrently.tolerate-failures",
        "label": "the last name left out",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "every result in order, None for failures",
        "message": "one entry per name",
        "code": """
async def fetch_all(names):
    results = await asyncio.gather(*(flaky_download(n) for n in names[:-1]), return_exceptions=True)
    return [None if isinstance(r, DownloadError) else r for r in results]
""",
    },
    {
        "exercise": "running-concurrently.tolerate-failures",
        "label": "the visible example's failing name (bad.txt) special-cased",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "every result in order, None for failures",
        "message": "DownloadError",
        "code": """
async def fetch_all(names):
    async def one(name):
        if name == "bad.txt":
            return None
        return await flaky_download(name)
    return await asyncio.gather(*(one(n) for n in names))
""",
    },
    {
        "exercise": "running-concurrently.tolerate-failures",
        "label": "None at every other position, only the even ones downloaded",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "downloads overlap",
        "message": "expected one download per name",
        "code": """
async def fetch_all(names):
    got = await asyncio.gather(*(flaky_download(n) for n in names[::2]))
    results = [None] * len(names)
    results[::2] = got
    return results
""",
    },
    {
        "exercise": "running-concurrently.first-n",
        "label": "the lesson's solution: as_completed over tasks, cancel and gather in finally",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
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
        "exercise": "running-concurrently.first-n",
        "label": "asyncio.wait(FIRST_COMPLETED) in a loop, then cancel and wait for the pending",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def first_n(names, n):
    pending = {asyncio.create_task(fake_download(x)) for x in names}
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
        "exercise": "running-concurrently.first-n",
        "label": "an asyncio.Queue the downloads put their results in",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def first_n(names, n):
    queue = asyncio.Queue()
    async def one(name):
        await queue.put(await fake_download(name))
    tasks = [asyncio.create_task(one(x)) for x in names]
    try:
        return [await queue.get() for _ in range(n)]
    finally:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
""",
    },
    {
        "exercise": "running-concurrently.first-n",
        "label": "a TaskGroup whose n-th finisher cancels the others",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def first_n(names, n):
    results, tasks = [], []
    async def one(name):
        value = await fake_download(name)
        if len(results) < n:
            results.append(value)
        if len(results) == n:
            for t in tasks:
                if t is not asyncio.current_task():
                    t.cancel()
    async with asyncio.TaskGroup() as tg:
        for name in names:
            tasks.append(tg.create_task(one(name)))
    return results
""",
    },
    {
        "exercise": "running-concurrently.first-n",
        "label": "done callbacks and a future resolved at the n-th result",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def first_n(names, n):
    loop = asyncio.get_running_loop()
    enough = loop.create_future()
    results = []
    def collect(task):
        if task.cancelled() or enough.done():
            return
        results.append(task.result())
        if len(results) == n:
            enough.set_result(None)
    tasks = [asyncio.create_task(fake_download(x)) for x in names]
    for t in tasks:
        t.add_done_callback(collect)
    await enough
    for t in tasks:
        t.cancel()
    await asyncio.wait(tasks)
    return results
""",
    },
    {
        "exercise": "running-concurrently.first-n",
        "label": "itertools.islice over as_completed, cancel with contextlib.suppress",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
import contextlib
import itertools

async def first_n(names, n):
    tasks = [asyncio.create_task(fake_download(x)) for x in names]
    results = [await f for f in itertools.islice(asyncio.as_completed(tasks), n)]
    for t in tasks:
        t.cancel()
    for t in tasks:
        with contextlib.suppress(asyncio.CancelledError):
            await t
    return results
""",
    },
    {
        "exercise": "running-concurrently.first-n",
        "label": "a TaskGroup stopped by raising a private exception at the n-th result, caught with except*",
        "kind": "other style",
        "verdict": "pass",
        "code": """
class Enough(Exception):
    pass

async def first_n(names, n):
    results = []
    async def one(name):
        results.append(await fake_download(name))
        if len(results) == n:
            raise Enough
    try:
        async with asyncio.TaskGroup() as tg:
            for x in names:
                tg.create_task(one(x))
    except* Enough:
        pass
    return results
""",
    },
    {
        "exercise": "running-concurrently.first-n",
        "label": "async for over as_completed on 3.13+, the plain for before",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def first_n(names, n):
    tasks = [asyncio.create_task(fake_download(x)) for x in names]
    results = []
    try:
        if sys.version_info >= (3, 13):
            async for task in asyncio.as_completed(tasks):
                results.append(task.result())
                if len(results) == n:
                    break
        else:
            for fut in asyncio.as_completed(tasks):
                results.append(await fut)
                if len(results) == n:
                    break
    finally:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return results
""",
    },
    {
        "exercise": "running-concurrently.first-n",
        "label": "the starter: the first n names, one by one",
        "kind": "misconception",
        "verdict": "fail",
        "check": "the first n results, in finishing order",
        "message": "the first 3 *names*",
        "code": """
async def first_n(names, n):
    results = []
    for name in names[:n]:
        results.append(await fake_download(name))
    return results
""",
    },
    {
        "exercise": "running-concurrently.first-n",
        "label": "as_completed over tasks, the rest never cancelled",
        "kind": "leak",
        "verdict": "fail",
        "check": "the rest are cancelled",
        "message": "still running",
        "code": """
async def first_n(names, n):
    tasks = [asyncio.create_task(fake_download(x)) for x in names]
    results = []
    for fut in asyncio.as_completed(tasks):
        results.append(await fut)
        if len(results) == n:
            break
    return results
""",
    },
    {
        "exercise": "running-concurrently.first-n",
        "label": "as_completed over coroutines: no handle to cancel the rest",
        "kind": "leak",
        "verdict": "fail",
        "check": "the rest are cancelled",
        "message": "still running",
        "code": """
async def first_n(names, n):
    results = []
    for fut in asyncio.as_completed([fake_download(x) for x in names]):
        results.append(await fut)
        if len(results) == n:
            return results
    return results
""",
    },
    {
        "exercise": "running-concurrently.first-n",
        "label": "cancels the rest but does not wait for them",
        "kind": "misconception",
        "verdict": "fail",
        "check": "the rest are cancelled",
        "message": "not finished cancelling",
        "code": """
async def first_n(names, n):
    tasks = [asyncio.create_task(fake_download(x)) for x in names]
    results = []
    for fut in asyncio.as_completed(tasks):
        results.append(await fut)
        if len(results) == n:
            break
    for t in tasks:
        t.cancel()
    return results
""",
    },
    {
        "exercise": "running-concurrently.first-n",
        "label": "gather everything, then the first n of the list",
        "kind": "misconception",
        "verdict": "fail",
        "check": "the first n results, in finishing order",
        "message": "the first 3 *names*",
        "code": """
async def first_n(names, n):
    results = await asyncio.gather(*(fake_download(x) for x in names))
    return results[:n]
""",
    },
    {
        "exercise": "running-concurrently.first-n",
        "label": "one result too many (> instead of ==)",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "the first n results, in finishing order",
        "message": "expected the results of the first 3 downloads to finish",
        "code": """
async def first_n(names, n):
    tasks = [asyncio.create_task(fake_download(x)) for x in names]
    results = []
    try:
        for fut in asyncio.as_completed(tasks):
            results.append(await fut)
            if len(results) > n:
                break
    finally:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return results
""",
    },
    {
        "exercise": "running-concurrently.first-n",
        "label": "the first n finishers, returned in the order of names",
        "kind": "order lost",
        "verdict": "fail",
        "check": "the first n results, in finishing order",
        "message": "not in the order they finished",
        "code": """
async def first_n(names, n):
    tasks = [asyncio.create_task(fake_download(x)) for x in names]
    done = set()
    while len(done) < n:
        finished, _ = await asyncio.wait([t for t in tasks if t not in done], return_when=asyncio.FIRST_COMPLETED)
        done |= finished
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return [t.result() for t in tasks if t in done][:n]
""",
    },
    {
        "exercise": "running-concurrently.first-n",
        "label": "n fixed at 2, as in the visible example",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "the first n results, in finishing order",
        "message": "n=3",
        "code": """
async def first_n(names, n):
    tasks = [asyncio.create_task(fake_download(x)) for x in names]
    results = []
    for fut in asyncio.as_completed(tasks):
        results.append(await fut)
        if len(results) == 2:
            break
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return results
""",
    },
    {
        "exercise": "running-concurrently.first-n",
        "label": "a Semaphore(n): only n downloads at a time",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "all downloads start together",
        "message": "at most 3 ran at once",
        "code": """
async def first_n(names, n):
    sem = asyncio.Semaphore(n)
    async def one(name):
        async with sem:
            return await fake_download(name)
    tasks = [asyncio.create_task(one(x)) for x in names]
    results = []
    try:
        for fut in asyncio.as_completed(tasks):
            results.append(await fut)
            if len(results) == n:
                break
    finally:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return results
""",
    },
    {
        "exercise": "running-concurrently.first-n",
        "label": "a TaskGroup that waits for every download",
        "kind": "misconception",
        "verdict": "fail",
        "check": "the rest are cancelled",
        "message": "ran to the end",
        "code": """
async def first_n(names, n):
    order = []
    async def one(name):
        order.append(await fake_download(name))
    async with asyncio.TaskGroup() as tg:
        for x in names:
            tg.create_task(one(x))
    return order[:n]
""",
    },
    {
        "exercise": "running-concurrently.first-n",
        "label": "asyncio.wait(rest) with nothing left to cancel when n is the number of names",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "the first n results, in finishing order",
        "message": "nothing left to cancel",
        "note": "asyncio.wait refuses an empty set (ValueError)",
        "code": """
async def first_n(names, n):
    tasks = [asyncio.create_task(fake_download(x)) for x in names]
    results = []
    for fut in asyncio.as_completed(tasks):
        results.append(await fut)
        if len(results) == n:
            break
    rest = [t for t in tasks if not t.done()]
    for t in rest:
        t.cancel()
    await asyncio.wait(rest)
    return results
""",
    },
]
