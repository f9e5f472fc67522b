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
    # ------------------------------------------------------------------ more answers (merged from branch issue13f)
    {
        "exercise": "loops-and-threads.progress-label",
        "label": "a lambda with the text bound as a default argument",
        "kind": "other style",
        "verdict": "pass",
        "code": """
def worker(loop, label, names):
    for name in names:
        text = f"{name}: {fetch_blocking(name)} bytes"
        loop.call_soon_threadsafe(lambda text=text: label.set_text(text))
""",
    },
    {
        "exercise": "loops-and-threads.progress-label",
        "label": "functools.partial handed to call_soon_threadsafe",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
import functools

def worker(loop, label, names):
    for name in names:
        size = fetch_blocking(name)
        loop.call_soon_threadsafe(functools.partial(label.set_text, f"{name}: {size} bytes"))
""",
    },
    {
        "exercise": "loops-and-threads.progress-label",
        "label": "run_coroutine_threadsafe(...).result(): waits until the loop has shown each update",
        "kind": "plain asyncio",
        "verdict": "pass",
        "platforms": ["cpython"],
        "code": """
async def show(label, text):
    label.set_text(text)

def worker(loop, label, names):
    for name in names:
        size = fetch_blocking(name)
        asyncio.run_coroutine_threadsafe(show(label, f"{name}: {size} bytes"), loop).result()
""",
    },
    {
        "exercise": "loops-and-threads.progress-label",
        "label": "a concurrent.futures.Future per update, completed on the loop's thread, waited for",
        "kind": "other standard library",
        "verdict": "pass",
        "platforms": ["cpython"],
        "code": """
import concurrent.futures

def worker(loop, label, names):
    for name in names:
        size = fetch_blocking(name)
        done = concurrent.futures.Future()
        def update(text=f"{name}: {size} bytes"):
            label.set_text(text)
            done.set_result(None)
        loop.call_soon_threadsafe(update)
        done.result()
""",
    },
    {
        "exercise": "loops-and-threads.progress-label",
        "label": "the starter: set_text from the worker's thread",
        "kind": "misconception",
        "verdict": "fail",
        "check": "the label is only touched from its own thread",
        "message": "made from the worker's thread",
        "code": """
def worker(loop, label, names):
    for name in names:
        size = fetch_blocking(name)
        label.set_text(f"{name}: {size} bytes")
""",
    },
    {
        "exercise": "loops-and-threads.progress-label",
        "label": "loop.call_soon instead of call_soon_threadsafe",
        "kind": "misconception",
        "verdict": "fail",
        "check": "the worker uses thread-safe calls",
        "message": "loop.call_soon()",
        "code": """
def worker(loop, label, names):
    for name in names:
        size = fetch_blocking(name)
        loop.call_soon(label.set_text, f"{name}: {size} bytes")
""",
    },
    {
        "exercise": "loops-and-threads.progress-label",
        "label": "set_text called right away, its None handed to call_soon_threadsafe",
        "kind": "misconception",
        "verdict": "fail",
        "check": "the label is only touched from its own thread",
        "code": """
def worker(loop, label, names):
    for name in names:
        size = fetch_blocking(name)
        loop.call_soon_threadsafe(label.set_text(f"{name}: {size} bytes"))
""",
    },
    {
        "exercise": "loops-and-threads.progress-label",
        "label": "asyncio.get_running_loop() inside the worker thread",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "every update reaches the label, in order",
        "message": "raised RuntimeError",
        "code": """
def worker(loop, label, names):
    running = asyncio.get_running_loop()
    for name in names:
        size = fetch_blocking(name)
        running.call_soon_threadsafe(label.set_text, f"{name}: {size} bytes")
""",
    },
    {
        "exercise": "loops-and-threads.progress-label",
        "label": "skips the first name",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "every update reaches the label, in order",
        "message": "expected the label to show",
        "code": """
def worker(loop, label, names):
    for name in names[1:]:
        size = fetch_blocking(name)
        loop.call_soon_threadsafe(label.set_text, f"{name}: {size} bytes")
""",
    },
    {
        "exercise": "loops-and-threads.progress-label",
        "label": "names sorted first",
        "kind": "order lost",
        "verdict": "fail",
        "check": "every update reaches the label, in order",
        "message": "one after the other",
        "code": """
def worker(loop, label, names):
    for name in sorted(names):
        size = fetch_blocking(name)
        loop.call_soon_threadsafe(label.set_text, f"{name}: {size} bytes")
""",
    },
    {
        "exercise": "loops-and-threads.progress-label",
        "label": "the visible example's names (a.txt, b.txt) hard-coded",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "every update reaches the label, in order",
        "message": "expected the label to show",
        "code": """
def worker(loop, label, names):
    for name in ["a.txt", "b.txt"]:
        size = fetch_blocking(name)
        loop.call_soon_threadsafe(label.set_text, f"{name}: {size} bytes")
""",
    },
    {
        "exercise": "loops-and-threads.progress-label",
        "label": "worker written as async def",
        "kind": "misconception",
        "verdict": "fail",
        "check": "every update reaches the label, in order",
        "message": "plain function",
        "code": """
async def worker(loop, label, names):
    for name in names:
        size = fetch_blocking(name)
        label.set_text(f"{name}: {size} bytes")
""",
    },
    {
        "exercise": "loops-and-threads.progress-label",
        "label": "asyncio.run in the worker: a second loop, in the worker's thread",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "the label is only touched from its own thread",
        "message": "made from the worker's thread",
        "platforms": ["cpython"],
        "code": """
async def show(label, text):
    label.set_text(text)

def worker(loop, label, names):
    for name in names:
        size = fetch_blocking(name)
        asyncio.run(show(label, f"{name}: {size} bytes"))
""",
    },
    {
        "exercise": "loops-and-threads.progress-label",
        "label": "run_coroutine_threadsafe(...).result() where the worker is the stand-in (Pyodide)",
        "kind": "platform shortcut",
        "verdict": "fail",
        "platforms": ["pyodide"],
        "check": "every update reaches the label, in order",
        "message": "cannot wait for the event loop",
        "code": """
async def show(label, text):
    label.set_text(text)

def worker(loop, label, names):
    for name in names:
        size = fetch_blocking(name)
        asyncio.run_coroutine_threadsafe(show(label, f"{name}: {size} bytes"), loop).result()
""",
    },
    {
        "exercise": "loops-and-threads.progress-label",
        "label": "loop.create_task from the worker's thread",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "the worker uses thread-safe calls",
        "message": "loop.create_task()",
        "code": """
async def show(label, text):
    label.set_text(text)

def worker(loop, label, names):
    for name in names:
        size = fetch_blocking(name)
        loop.create_task(show(label, f"{name}: {size} bytes"))
""",
    },
    {
        "exercise": "loops-and-threads.progress-label",
        "label": "a lambda closing over the loop variable: the stand-in runs the updates late, all with the last text",
        "kind": "other mistake",
        "verdict": "fail",
        "platforms": ["pyodide"],
        "check": "every update reaches the label, in order",
        "message": "one after the other",
        "note": "on CPython it depends on when the loop's thread gets its turn, so it is only asserted where that is certain",
        "code": """
def worker(loop, label, names):
    for name in names:
        text = f"{name}: {fetch_blocking(name)} bytes"
        loop.call_soon_threadsafe(lambda: label.set_text(text))
""",
    },
    {
        "exercise": "loops-and-threads.offload",
        "label": "gather of threads.to_thread: all at once, gather keeps the order",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
async def checksums(names):
    return await asyncio.gather(*(threads.to_thread(checksum, n) for n in names))
""",
    },
    {
        "exercise": "loops-and-threads.offload",
        "label": "threads.start_thread wrapped with asyncio.wrap_future",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
async def checksums(names):
    futures = [asyncio.wrap_future(threads.start_thread(checksum, n)) for n in names]
    return [await f for f in futures]
""",
    },
    {
        "exercise": "loops-and-threads.offload",
        "label": "asyncio.to_thread (CPython)",
        "kind": "plain asyncio",
        "verdict": "pass",
        "platforms": ["cpython"],
        "code": """
async def checksums(names):
    return [await asyncio.to_thread(checksum, name) for name in names]
""",
    },
    {
        "exercise": "loops-and-threads.offload",
        "label": "loop.run_in_executor(None, ...) gathered (CPython)",
        "kind": "plain asyncio",
        "verdict": "pass",
        "platforms": ["cpython"],
        "code": """
async def checksums(names):
    loop = asyncio.get_running_loop()
    return list(await asyncio.gather(*[loop.run_in_executor(None, checksum, n) for n in names]))
""",
    },
    {
        "exercise": "loops-and-threads.offload",
        "label": "a ThreadPoolExecutor in a with block (CPython)",
        "kind": "other standard library",
        "verdict": "pass",
        "platforms": ["cpython"],
        "code": """
from concurrent.futures import ThreadPoolExecutor

async def checksums(names):
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = [loop.run_in_executor(pool, checksum, n) for n in names]
        return [await f for f in futures]
""",
    },
    {
        "exercise": "loops-and-threads.offload",
        "label": "one ProcessPoolExecutor (spawn) created once, the lesson's checksum given to it (CPython)",
        "kind": "other standard library",
        "verdict": "pass",
        "platforms": ["cpython"],
        "note": "checksum lives in an importable module, so it works under every start method",
        "code": """
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

POOL = ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"))

async def checksums(names):
    loop = asyncio.get_running_loop()
    return await asyncio.gather(*(loop.run_in_executor(POOL, checksum, n) for n in names))
""",
    },
    {
        "exercise": "loops-and-threads.offload",
        "label": "to_thread of a lambda wrapping checksum (CPython: a real thread)",
        "kind": "other style",
        "verdict": "pass",
        "platforms": ["cpython"],
        "code": """
async def checksums(names):
    results = []
    for name in names:
        results.append(await threads.to_thread(lambda: checksum(name)))
    return results
""",
    },
    {
        "exercise": "loops-and-threads.offload",
        "label": "threads.to_thread of functools.partial(checksum, name)",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
import functools

async def checksums(names):
    jobs = [functools.partial(checksum, name) for name in names]
    return [await threads.to_thread(job) for job in jobs]
""",
    },
    {
        "exercise": "loops-and-threads.offload",
        "label": "gather of coroutines that call checksum directly",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "the loop keeps running meanwhile",
        "message": "the event loop stopped",
        "code": """
async def one(name):
    return checksum(name)

async def checksums(names):
    return await asyncio.gather(*(one(n) for n in names))
""",
    },
    {
        "exercise": "loops-and-threads.offload",
        "label": "await asyncio.sleep(0) between the checksums",
        "kind": "misconception",
        "verdict": "fail",
        "check": "the loop keeps running meanwhile",
        "message": "no other task could run",
        "code": """
async def checksums(names):
    results = []
    for name in names:
        await asyncio.sleep(0)   # let the loop breathe
        results.append(checksum(name))
    return results
""",
    },
    {
        "exercise": "loops-and-threads.offload",
        "label": "to_thread(checksum(name)): checksum runs first, on the loop",
        "kind": "misconception",
        "verdict": "fail",
        "check": "returns every checksum, in order",
        "code": """
async def checksums(names):
    return [await threads.to_thread(checksum(name)) for name in names]
""",
    },
    {
        "exercise": "loops-and-threads.offload",
        "label": "the to_thread coroutines are never awaited",
        "kind": "misconception",
        "verdict": "fail",
        "check": "returns every checksum, in order",
        "message": "expected `checksum(name)` of each name",
        "code": """
async def checksums(names):
    return [threads.to_thread(checksum, name) for name in names]
""",
    },
    {
        "exercise": "loops-and-threads.offload",
        "label": "the last name left out",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "returns every checksum, in order",
        "message": "expected `checksum(name)` of each name",
        "code": """
async def checksums(names):
    return [await threads.to_thread(checksum, names[i]) for i in range(len(names) - 1)]
""",
    },
    {
        "exercise": "loops-and-threads.offload",
        "label": "a dict keyed by checksum, read back in the order the threads finished",
        "kind": "order lost",
        "verdict": "fail",
        "check": "returns every checksum, in order",
        "code": """
async def checksums(names):
    results = {}
    for coro in asyncio.as_completed([threads.to_thread(checksum, n) for n in names]):
        value = await coro
        results[value] = True
    return set(results)
""",
    },
    {
        "exercise": "loops-and-threads.offload",
        "label": "the visible example's names (a.csv, b.csv) hard-coded",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "returns every checksum, in order",
        "message": "expected `checksum(name)` of each name",
        "code": """
async def checksums(names):
    return [await threads.to_thread(checksum, n) for n in ("a.csv", "b.csv")]
""",
    },
    {
        "exercise": "loops-and-threads.offload",
        "label": "asyncio.to_thread where there are no threads (Pyodide)",
        "kind": "platform shortcut",
        "verdict": "fail",
        "platforms": ["pyodide"],
        "check": "the loop keeps running meanwhile",
        "message": "Pyodide cannot start threads",
        "code": """
async def checksums(names):
    return [await asyncio.to_thread(checksum, name) for name in names]
""",
    },
    {
        "exercise": "loops-and-threads.offload",
        "label": "to_thread of a lambda: the stand-in runs it in one go (Pyodide)",
        "kind": "platform shortcut",
        "verdict": "fail",
        "platforms": ["pyodide"],
        "check": "the loop keeps running meanwhile",
        "message": "wrapped in another function",
        "code": """
async def checksums(names):
    results = []
    for name in names:
        results.append(await threads.to_thread(lambda: checksum(name)))
    return results
""",
    },
    {
        "exercise": "loops-and-threads.offload",
        "label": "a process pool given a function defined in the notebook",
        "kind": "platform shortcut",
        "verdict": "fail",
        "platforms": ["cpython"],
        "check": "returns every checksum, in order",
        "message": "the process pool failed",
        "note": "works in a script under fork only; a worker process cannot import a notebook's function",
        "code": """
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

POOL = ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"))

def one(name):
    return checksum(name)

async def checksums(names):
    loop = asyncio.get_running_loop()
    return await asyncio.gather(*(loop.run_in_executor(POOL, one, n) for n in names))
""",
    },
    {
        "exercise": "loops-and-threads.offload",
        "label": "a ThreadPoolExecutor where no thread can start (Pyodide)",
        "kind": "platform shortcut",
        "verdict": "fail",
        "platforms": ["pyodide"],
        "check": "the loop keeps running meanwhile",
        "message": "Pyodide cannot start threads",
        "note": "seen on Pyodide 3.14.2: the pool's function ends up running on the loop's own thread, so the loop stalls; the message says Pyodide cannot start threads and points to threads.to_thread",
        "code": """
from concurrent.futures import ThreadPoolExecutor

async def checksums(names):
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = [loop.run_in_executor(pool, checksum, n) for n in names]
        return [await f for f in futures]
""",
    },
    {
        "exercise": "loops-and-threads.progress-label",
        "label": "call_soon_threadsafe(asyncio.ensure_future, coroutine): the task is created on the loop's thread",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def show(label, text):
    label.set_text(text)

def worker(loop, label, names):
    for name in names:
        size = fetch_blocking(name)
        loop.call_soon_threadsafe(asyncio.ensure_future, show(label, f"{name}: {size} bytes"))
""",
    },
    {
        "exercise": "loops-and-threads.progress-label",
        "label": "a queue.SimpleQueue the worker fills and a callback on the loop's thread empties",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
import queue

def worker(loop, label, names):
    texts = queue.SimpleQueue()
    def show_waiting():
        while True:
            try:
                label.set_text(texts.get_nowait())
            except queue.Empty:
                return
    for name in names:
        texts.put(f"{name}: {fetch_blocking(name)} bytes")
        loop.call_soon_threadsafe(show_waiting)
""",
    },
]
