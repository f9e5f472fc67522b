"""Answer set of lesson 05 (event loops and threads); the format is described in ../test_answers.py."""

ANSWERS = [
    {
        "exercise": 'loops-and-threads.progress-label',
        "label": 'call_soon_threadsafe',
        "kind": 'lesson helper',
        "verdict": 'pass',
        "code": """def worker(loop, label, names):
    for name in names:
        size = fetch_blocking(name)
        loop.call_soon_threadsafe(label.set_text, f"{name}: {size} bytes")
""",
    },
    {
        "exercise": 'loops-and-threads.progress-label',
        "label": 'lambda',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """
def worker(loop, label, names):
    for name in names:
        text = f"{name}: {fetch_blocking(name)} bytes"
        loop.call_soon_threadsafe(lambda t=text: label.set_text(t))
""",
    },
    {
        "exercise": 'loops-and-threads.progress-label',
        "label": 'partial',
        "kind": 'other standard library',
        "verdict": 'pass',
        "code": """
import functools

def worker(loop, label, names):
    for name in names:
        loop.call_soon_threadsafe(functools.partial(label.set_text, f"{name}: {fetch_blocking(name)} bytes"))
""",
    },
    {
        "exercise": 'loops-and-threads.progress-label',
        "label": 'run_coroutine_threadsafe',
        "kind": 'plain asyncio',
        "verdict": 'pass',
        "code": """
async def show(label, text):
    label.set_text(text)

def worker(loop, label, names):
    for name in names:
        size = fetch_blocking(name)
        asyncio.run_coroutine_threadsafe(show(label, f"{name}: {size} bytes"), loop)
""",
    },
    {
        "exercise": 'loops-and-threads.progress-label',
        "label": 'fetch all, then one hand-off',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """
def worker(loop, label, names):
    texts = [f"{name}: {fetch_blocking(name)} bytes" for name in names]
    def show_all():
        for text in texts:
            label.set_text(text)
    loop.call_soon_threadsafe(show_all)
""",
    },
    {
        "exercise": 'loops-and-threads.progress-label',
        "label": 'loop.call_soon from the worker',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'the worker uses thread-safe calls',
        "message": 'loop.call_soon()',
        "code": """
def worker(loop, label, names):
    for name in names:
        loop.call_soon(label.set_text, f"{name}: {fetch_blocking(name)} bytes")
""",
    },
    {
        "exercise": 'loops-and-threads.progress-label',
        "label": 'asks for the running loop in the worker',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'every update reaches the label, in order',
        "message": 'RuntimeError: no running event loop',
        "code": """
def worker(loop, label, names):
    here = asyncio.get_running_loop()
    for name in names:
        here.call_soon_threadsafe(label.set_text, f"{name}: {fetch_blocking(name)} bytes")
""",
    },
    {
        "exercise": 'loops-and-threads.progress-label',
        "label": 'async def worker',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'every update reaches the label, in order',
        "message": 'plain function',
        "code": """
async def worker(loop, label, names):
    for name in names:
        label.set_text(f"{name}: {fetch_blocking(name)} bytes")
""",
    },
    {
        "exercise": 'loops-and-threads.progress-label',
        "label": 'only the last update',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'every update reaches the label, in order',
        "message": 'expected the label to show',
        "code": """
def worker(loop, label, names):
    text = None
    for name in names:
        text = f"{name}: {fetch_blocking(name)} bytes"
    loop.call_soon_threadsafe(label.set_text, text)
""",
    },
    {
        "exercise": 'loops-and-threads.progress-label',
        "label": 'missing',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'every update reaches the label, in order',
        "message": '`worker` is not defined',
        "code": """work = None""",
    },
    {
        "exercise": 'loops-and-threads.progress-label',
        "label": 'the label set directly from the worker thread',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'the label is only touched from its own thread',
        "code": """
def worker(loop, label, names):
    for name in names:
        label.set_text(f"{name}: {fetch_blocking(name)} bytes")
""",
    },
    {
        "exercise": 'loops-and-threads.progress-label',
        "label": 'updates in reverse order',
        "kind": 'order lost',
        "verdict": 'fail',
        "check": 'every update reaches the label, in order',
        "code": """
def worker(loop, label, names):
    for name in reversed(names):
        loop.call_soon_threadsafe(label.set_text, f"{name}: {fetch_blocking(name)} bytes")
""",
    },
    {
        "exercise": 'loops-and-threads.progress-label',
        "label": 'skips the first file',
        "kind": 'off-by-one',
        "verdict": 'fail',
        "check": 'every update reaches the label, in order',
        "code": """
def worker(loop, label, names):
    for name in names[1:]:
        loop.call_soon_threadsafe(label.set_text, f"{name}: {fetch_blocking(name)} bytes")
""",
    },
    {
        "exercise": 'loops-and-threads.progress-label',
        "label": "the visible example's names hard-coded",
        "kind": 'hard-coded',
        "verdict": 'fail',
        "check": 'every update reaches the label, in order',
        "code": """
def worker(loop, label, names):
    for name in ["a.txt", "b.txt"]:
        loop.call_soon_threadsafe(label.set_text, f"{name}: {fetch_blocking(name)} bytes")
""",
    },
    {
        "exercise": 'loops-and-threads.progress-label',
        "label": 'starts another thread and returns before it is done',
        "kind": 'leak',
        "verdict": 'fail',
        "platforms": ['cpython'],
        "check": 'every update reaches the label, in order',
        "message": 'a thread it started was still running',
        "code": """
import threading
import time
def worker(loop, label, names):
    def rest():
        time.sleep(0.05)  # the first file takes a moment to open
        for name in names:
            loop.call_soon_threadsafe(label.set_text, f"{name}: {fetch_blocking(name)} bytes")
    threading.Thread(target=rest).start()
""",
    },
    {
        "exercise": 'loops-and-threads.offload',
        "label": 'to_thread one by one',
        "kind": 'lesson helper',
        "verdict": 'pass',
        "code": """async def checksums(names):
    results = []
    for name in names:
        results.append(await threads.to_thread(checksum, name))
    return results
""",
    },
    {
        "exercise": 'loops-and-threads.offload',
        "label": 'gather',
        "kind": 'lesson helper',
        "verdict": 'pass',
        "code": """
async def checksums(names):
    return list(await asyncio.gather(*(threads.to_thread(checksum, n) for n in names)))
""",
    },
    {
        "exercise": 'loops-and-threads.offload',
        "label": 'TaskGroup',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """
async def checksums(names):
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(threads.to_thread(checksum, n)) for n in names]
    return [t.result() for t in tasks]
""",
    },
    {
        "exercise": 'loops-and-threads.offload',
        "label": 'start_thread + wrap_future',
        "kind": 'plain asyncio',
        "verdict": 'pass',
        "code": """
async def checksums(names):
    futures = [threads.start_thread(checksum, n) for n in names]
    return [await asyncio.wrap_future(f) for f in futures]
""",
    },
    {
        "exercise": 'loops-and-threads.offload',
        "label": 'partial',
        "kind": 'other standard library',
        "verdict": 'pass',
        "code": """
import functools

async def checksums(names):
    return [await threads.to_thread(functools.partial(checksum, n)) for n in names]
""",
    },
    {
        "exercise": 'loops-and-threads.offload',
        "label": 'asyncio.to_thread',
        "kind": 'plain asyncio',
        "verdict": 'pass',
        "platforms": ['cpython'],
        "code": """
async def checksums(names):
    return [await asyncio.to_thread(checksum, n) for n in names]
""",
    },
    {
        "exercise": 'loops-and-threads.offload',
        "label": 'run_in_executor',
        "kind": 'plain asyncio',
        "verdict": 'pass',
        "platforms": ['cpython'],
        "code": """
async def checksums(names):
    loop = asyncio.get_running_loop()
    return [await loop.run_in_executor(None, checksum, n) for n in names]
""",
    },
    {
        "exercise": 'loops-and-threads.offload',
        "label": 'to_thread of a lambda',
        "kind": 'plain asyncio',
        "verdict": 'pass',
        "platforms": ['cpython'],
        "code": """
async def checksums(names):
    return [await threads.to_thread(lambda n=n: checksum(n)) for n in names]
""",
    },
    {
        "exercise": 'loops-and-threads.offload',
        "label": 'a process pool: spawn pool, gather',
        "kind": 'other standard library',
        "verdict": 'pass',
        "platforms": ['cpython'],
        "code": """
import concurrent.futures, multiprocessing
POOL = concurrent.futures.ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"))
async def checksums(names):
    loop = asyncio.get_running_loop()
    return list(await asyncio.gather(*(loop.run_in_executor(POOL, checksum, n) for n in names)))
""",
    },
    {
        "exercise": 'loops-and-threads.offload',
        "label": 'a process pool: fork pool per call, one by one',
        "kind": 'other standard library',
        "verdict": 'pass',
        "platforms": ['cpython'],
        "code": """
import concurrent.futures, multiprocessing
async def checksums(names):
    loop = asyncio.get_running_loop()
    with concurrent.futures.ProcessPoolExecutor(mp_context=multiprocessing.get_context("fork")) as pool:
        return [await loop.run_in_executor(pool, checksum, n) for n in names]
""",
    },
    {
        "exercise": 'loops-and-threads.offload',
        "label": 'a task that still blocks',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'the loop keeps running meanwhile',
        "message": 'no other task could run',
        "code": """
async def one(name):
    return checksum(name)

async def checksums(names):
    tasks = [asyncio.create_task(one(n)) for n in names]
    return [await t for t in tasks]
""",
    },
    {
        "exercise": 'loops-and-threads.offload',
        "label": 'forgot to await',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'returns every checksum, in order',
        "message": 'expected `checksum(name)` of each name',
        "code": """
async def checksums(names):
    return [threads.to_thread(checksum, n) for n in names]
""",
    },
    {
        "exercise": 'loops-and-threads.offload',
        "label": 'fire and forget',
        "kind": 'leak',
        "verdict": 'fail',
        "check": 'returns every checksum, in order',
        "message": 'expected `checksum(name)` of each name',
        "code": """
async def checksums(names):
    return [asyncio.create_task(threads.to_thread(checksum, n)) for n in names]
""",
    },
    {
        "exercise": 'loops-and-threads.offload',
        "label": 'not async',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'returns every checksum, in order',
        "message": 'coroutine function',
        "code": """
def checksums(names):
    return [checksum(n) for n in names]
""",
    },
    {
        "exercise": 'loops-and-threads.offload',
        "label": "the starter: checksum on the loop's thread",
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'the loop keeps running meanwhile',
        "message": 'no other task could run',
        "code": """async def checksums(names):
    results = []
    for name in names:
        results.append(checksum(name))   # CPU work, right here on the loop's thread
    return results
""",
    },
    {
        "exercise": 'loops-and-threads.offload',
        "label": 'a process pool: blocking .result()',
        "kind": 'concurrency lost',
        "verdict": 'fail',
        "platforms": ['cpython'],
        "check": 'the loop keeps running meanwhile',
        "message": 'the event loop stopped while checksum(',
        "code": """
import concurrent.futures, multiprocessing
POOL = concurrent.futures.ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"))
async def checksums(names):
    return [POOL.submit(checksum, n).result() for n in names]
""",
    },
    {
        "exercise": 'loops-and-threads.offload',
        "label": 'a process pool: notebook function under spawn',
        "kind": 'platform shortcut',
        "verdict": 'fail',
        "platforms": ['cpython'],
        "check": 'returns every checksum, in order',
        "message": 'cannot import one defined in the notebook',
        "code": """
import concurrent.futures, multiprocessing
def work(n):
    return checksum(n)
POOL = concurrent.futures.ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"))
async def checksums(names):
    loop = asyncio.get_running_loop()
    return [await loop.run_in_executor(POOL, work, n) for n in names]
""",
    },
    {
        "exercise": 'loops-and-threads.offload',
        "label": 'the checksums computed with zlib right here, checksum never called',
        "kind": 'hard-coded',
        "verdict": 'fail',
        "check": 'the loop keeps running meanwhile',
        "message": 'never called',
        "code": """
import zlib
async def checksums(names):
    return [f"{zlib.crc32(name.encode()):08x}" for name in names]
""",
    },
    {
        "exercise": 'loops-and-threads.offload',
        "label": 'the last name forgotten',
        "kind": 'off-by-one',
        "verdict": 'fail',
        "check": 'returns every checksum, in order',
        "code": """
async def checksums(names):
    return [await threads.to_thread(checksum, name) for name in names[:-1]]
""",
    },
    {
        "exercise": 'loops-and-threads.offload',
        "label": 'results sorted',
        "kind": 'order lost',
        "verdict": 'fail',
        "check": 'returns every checksum, in order',
        "message": 'not in the order of `names`',
        "code": """
async def checksums(names):
    return sorted(await asyncio.gather(*(threads.to_thread(checksum, n) for n in names)))
""",
    },
]
