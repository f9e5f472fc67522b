"""Answer set of lesson 02 (await-vs-create-task); the format is described in ../test_answers.py."""

ANSWERS = [
    # ------------------------------------------------------------------ download-all: correct
    {
        "exercise": "await-vs-create-task.download-all",
        "label": "the lesson's solution: a list of tasks, then await each in order",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
async def download_all(names):
    tasks = [asyncio.create_task(fake_download(name)) for name in names]
    return [await task for task in tasks]
""",
    },
    {
        "exercise": "await-vs-create-task.download-all",
        "label": "asyncio.gather over a generator of coroutines",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def download_all(names):
    return await asyncio.gather(*(fake_download(n) for n in names))
""",
    },
    {
        "exercise": "await-vs-create-task.download-all",
        "label": "a TaskGroup, results read after the block",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def download_all(names):
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(fake_download(name)) for name in names]
    return [t.result() for t in tasks]
""",
    },
    {
        "exercise": "await-vs-create-task.download-all",
        "label": "asyncio.wait for all, then the results in the order of the task list",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def download_all(names):
    if not names:
        return []
    tasks = [asyncio.ensure_future(fake_download(n)) for n in names]
    done, pending = await asyncio.wait(tasks)
    assert not pending
    return [t.result() for t in tasks]
""",
    },
    {
        "exercise": "await-vs-create-task.download-all",
        "label": "as_completed, each result put back at its index",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def download_all(names):
    async def numbered(i, name):
        return i, await fake_download(name)

    results = [None] * len(names)
    for next_done in asyncio.as_completed([numbered(i, n) for i, n in enumerate(names)]):
        i, contents = await next_done
        results[i] = contents
    return results
""",
    },
    {
        "exercise": "await-vs-create-task.download-all",
        "label": "the running loop's create_task and a dict keyed by name",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def download_all(names):
    loop = asyncio.get_running_loop()
    running = {name: loop.create_task(fake_download(name)) for name in names}
    for task in running.values():
        await task
    return [running[name].result() for name in names]
""",
    },
    {
        "exercise": "await-vs-create-task.download-all",
        "label": "gather over map, with functools.partial for the default",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
import functools

async def download_all(names):
    download = functools.partial(fake_download)
    results = await asyncio.gather(*map(download, names))
    return list(results)
""",
    },
    # ------------------------------------------------------------------ download-all: wrong
    {
        "exercise": "await-vs-create-task.download-all",
        "label": "gather under asyncio.timeout(30): gives up on long downloads",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "returns every result, in order",
        "message": "a time limit of its own",
        "note": "fine for the notebook's 0.02 s downloads, but nothing asks to give up; the message says why it failed",
        "code": """
async def download_all(names):
    async with asyncio.timeout(30):
        return await asyncio.gather(*(fake_download(n) for n in names))
""",
    },
    {
        "exercise": "await-vs-create-task.download-all",
        "label": "a Semaphore(2) around each download: only two at a time",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "downloads overlap",
        "message": "at most 2 ran at once",
        "code": """
async def download_all(names):
    limit = asyncio.Semaphore(2)

    async def one(name):
        async with limit:
            return await fake_download(name)

    return await asyncio.gather(*(one(n) for n in names))
""",
    },
    {
        "exercise": "await-vs-create-task.download-all",
        "label": "the starter: await each download in the loop",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "downloads overlap",
        "message": "only started after the previous one had finished",
        "code": """
async def download_all(names):
    results = []
    for name in names:
        results.append(await fake_download(name))
    return results
""",
    },
    {
        "exercise": "await-vs-create-task.download-all",
        "label": "create_task and await it at once, inside the loop",
        "kind": "misconception",
        "verdict": "fail",
        "check": "downloads overlap",
        "message": "at most 1 ran at once",
        "code": """
async def download_all(names):
    results = []
    for name in names:
        task = asyncio.create_task(fake_download(name))
        results.append(await task)
    return results
""",
    },
    {
        "exercise": "await-vs-create-task.download-all",
        "label": "as_completed results appended as they come",
        "kind": "order lost",
        "verdict": "fail",
        "check": "returns every result, in order",
        "message": "not in the order of `names`",
        "code": """
async def download_all(names):
    results = []
    for fut in asyncio.as_completed([fake_download(n) for n in names]):
        results.append(await fut)
    return results
""",
    },
    {
        "exercise": "await-vs-create-task.download-all",
        "label": "asyncio.wait returns sets: results in the order of the done set",
        "kind": "order lost",
        "verdict": "fail",
        "check": "returns every result, in order",
        "message": "not in the order of `names`",
        "note": "a set of tasks has no order that follows names",
        "code": """
async def download_all(names):
    done, _ = await asyncio.wait([asyncio.create_task(fake_download(n)) for n in names])
    return sorted(t.result() for t in done)
""",
    },
    {
        "exercise": "await-vs-create-task.download-all",
        "label": "FIRST_COMPLETED: returns once one download is done, the others left running",
        "kind": "leak",
        "verdict": "fail",
        "check": "nothing left running",
        "message": "still running",
        "code": """
async def download_all(names):
    tasks = [asyncio.create_task(fake_download(n)) for n in names]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    return [t.result() for t in tasks if t in done]
""",
    },
    {
        "exercise": "await-vs-create-task.download-all",
        "label": "range(len(names) - 1): the last name is never downloaded",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "returns every result, in order",
        "message": "called with 4 names",
        "code": """
async def download_all(names):
    tasks = [asyncio.create_task(fake_download(names[i])) for i in range(len(names) - 1)]
    return await asyncio.gather(*tasks)
""",
    },
    {
        "exercise": "await-vs-create-task.download-all",
        "label": "the notebook's three names, hard-coded",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "returns every result, in order",
        "message": "expected each name's `fake_download` result",
        "code": """
async def download_all(names):
    return await asyncio.gather(*(fake_download(n) for n in ["a.txt", "b.txt", "c.txt"]))
""",
    },
    {
        "exercise": "await-vs-create-task.download-all",
        "label": "gather given the list itself, without the star",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "returns every result, in order",
        "message": "TypeError",
        "code": """
async def download_all(names):
    tasks = [asyncio.create_task(fake_download(n)) for n in names]
    return await asyncio.gather(tasks)
""",
    },
    {
        "exercise": "await-vs-create-task.download-all",
        "label": "run_until_complete, as in a script, from inside the running loop",
        "kind": "platform shortcut",
        "verdict": "fail",
        "platforms": ["cpython"],
        "check": "returns every result, in order",
        "message": "RuntimeError",
        "code": """
async def download_all(names):
    loop = asyncio.get_event_loop()
    return loop.run_until_complete(asyncio.gather(*(fake_download(n) for n in names)))
""",
    },
    {
        "exercise": "await-vs-create-task.download-all",
        "label": "the gather future returned without awaiting it",
        "kind": "misconception",
        "verdict": "fail",
        "check": "returns every result, in order",
        "message": "expected a list with one result per name",
        "code": """
async def download_all(names):
    return asyncio.gather(*(fake_download(n) for n in names))
""",
    },
    {
        "exercise": "await-vs-create-task.download-all",
        "label": "no download at all: the results made up from the names",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "downloads overlap",
        "message": "expected one `fake_download` per name",
        "code": """
async def download_all(names):
    return [f"contents of {name}" for name in names]
""",
    },
    {
        "exercise": "await-vs-create-task.download-all",
        "label": "start the tasks, sleep 'long enough', read the results",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "returns every result, in order",
        "message": "InvalidStateError",
        "note": "fits the notebook's downloads (0.02 s each), not downloads of unknown length",
        "code": """
async def download_all(names):
    tasks = [asyncio.create_task(fake_download(n)) for n in names]
    await asyncio.sleep(0.5)
    return [t.result() for t in tasks]
""",
    },
    # ------------------------------------------------------------------ breakfast: correct
    {
        "exercise": "await-vs-create-task.breakfast",
        "label": "the lesson's solution: await the kettle after the toast",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
async def make_breakfast():
    kettle = asyncio.create_task(boil_water())
    toast = await toast_bread()
    water = await kettle
    return water, toast
""",
    },
    {
        "exercise": "await-vs-create-task.breakfast",
        "label": "asyncio.gather of both coroutines (a list comes back)",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def make_breakfast():
    return await asyncio.gather(boil_water(), toast_bread())
""",
    },
    {
        "exercise": "await-vs-create-task.breakfast",
        "label": "a TaskGroup with a task each",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def make_breakfast():
    async with asyncio.TaskGroup() as kitchen:
        kettle = kitchen.create_task(boil_water())
        toaster = kitchen.create_task(toast_bread())
    return (kettle.result(), toaster.result())
""",
    },
    {
        "exercise": "await-vs-create-task.breakfast",
        "label": "asyncio.wait on the kettle task, then its result",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def make_breakfast():
    kettle = asyncio.create_task(boil_water())
    toast = await toast_bread()
    await asyncio.wait({kettle})
    return kettle.result(), toast
""",
    },
    {
        "exercise": "await-vs-create-task.breakfast",
        "label": "two tasks, unpacked from gather",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def make_breakfast():
    kettle = asyncio.create_task(boil_water(), name="kettle")
    toaster = asyncio.create_task(toast_bread(), name="toaster")
    water, toast = await asyncio.gather(kettle, toaster)
    return water, toast
""",
    },
    {
        "exercise": "await-vs-create-task.breakfast",
        "label": "a small class holding the kettle, contextlib.AsyncExitStack awaits it on the way out",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
import contextlib

async def make_breakfast():
    results = {}
    async with contextlib.AsyncExitStack() as stack:
        kettle = asyncio.ensure_future(boil_water())

        async def collect():
            results["water"] = await kettle

        stack.push_async_callback(collect)
        results["toast"] = await toast_bread()
    return results["water"], results["toast"]
""",
    },
    # ------------------------------------------------------------------ breakfast: wrong
    {
        "exercise": "await-vs-create-task.breakfast",
        "label": "the starter: only the toast, the kettle forgotten",
        "kind": "leak",
        "verdict": "fail",
        "check": "nothing left running",
        "message": "a task nobody awaited",
        "code": """
async def make_breakfast():
    kettle = asyncio.create_task(boil_water())
    toast = await toast_bread()
    return toast
""",
    },
    {
        "exercise": "await-vs-create-task.breakfast",
        "label": "toast first in the pair",
        "kind": "order lost",
        "verdict": "fail",
        "check": "returns water and toast",
        "message": "water first",
        "code": """
async def make_breakfast():
    kettle = asyncio.create_task(boil_water())
    toast = await toast_bread()
    return toast, await kettle
""",
    },
    {
        "exercise": "await-vs-create-task.breakfast",
        "label": "await the kettle, then toast: one after the other",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "toast while the water boils",
        "message": "one only started after the other had finished",
        "code": """
async def make_breakfast():
    water = await boil_water()
    toast = await toast_bread()
    return water, toast
""",
    },
    {
        "exercise": "await-vs-create-task.breakfast",
        "label": "the kettle task created only after the toast is done",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "toast while the water boils",
        "code": """
async def make_breakfast():
    toast = await toast_bread()
    kettle = asyncio.create_task(boil_water())
    return await kettle, toast
""",
    },
    {
        "exercise": "await-vs-create-task.breakfast",
        "label": "the right pair hard-coded, the kettle never awaited",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "nothing left running",
        "message": "kettle",
        "code": """
async def make_breakfast():
    kettle = asyncio.create_task(boil_water())
    await toast_bread()
    return "hot water", "toast"
""",
    },
    {
        "exercise": "await-vs-create-task.breakfast",
        "label": "kettle.result() without awaiting the task",
        "kind": "misconception",
        "verdict": "fail",
        "check": "returns water and toast",
        "message": "InvalidStateError",
        "code": """
async def make_breakfast():
    kettle = asyncio.create_task(boil_water())
    toast = await toast_bread()
    return kettle.result(), toast
""",
    },
    {
        "exercise": "await-vs-create-task.breakfast",
        "label": "returns the task object instead of its result",
        "kind": "misconception",
        "verdict": "fail",
        "check": "returns water and toast",
        "message": "holds a Task itself instead of its result",
        "code": """
async def make_breakfast():
    kettle = asyncio.create_task(boil_water())
    toast = await toast_bread()
    await kettle
    return kettle, toast
""",
    },
    {
        "exercise": "await-vs-create-task.breakfast",
        "label": "boils the water twice: a task and a second await boil_water()",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "toast while the water boils",
        "message": "to run once each",
        "code": """
async def make_breakfast():
    asyncio.create_task(boil_water())
    toast = await toast_bread()
    water = await boil_water()
    return water, toast
""",
    },
    {
        "exercise": "await-vs-create-task.breakfast",
        "label": "asyncio.run for the kettle, as in a script",
        "kind": "platform shortcut",
        "verdict": "fail",
        "platforms": ["cpython"],
        "check": "returns water and toast",
        "message": "RuntimeError",
        "code": """
async def make_breakfast():
    toaster = asyncio.create_task(toast_bread())
    water = asyncio.run(boil_water())
    return water, await toaster
""",
    },
    {
        "exercise": "await-vs-create-task.breakfast",
        "label": "gives up on the kettle with wait_for and a short timeout",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "returns water and toast",
        "message": "TimeoutError",
        "code": """
async def make_breakfast():
    kettle = asyncio.create_task(boil_water())
    toast = await toast_bread()
    water = await asyncio.wait_for(kettle, timeout=0)
    return water, toast
""",
    },
    {
        "exercise": "await-vs-create-task.breakfast",
        "label": "sleep 'long enough' for the kettle, then read its result",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "returns water and toast",
        "message": "InvalidStateError",
        "note": "fits the kettle's default 0.03 s, not a kettle of unknown speed",
        "code": """
async def make_breakfast():
    kettle = asyncio.create_task(boil_water())
    toast = await toast_bread()
    await asyncio.sleep(0.5)
    return kettle.result(), toast
""",
    },
    # From the first answer set (issue13c).
    {
        "exercise": 'await-vs-create-task.breakfast',
        "label": "the lesson's solution: a task for the kettle, then await it",
        "kind": 'lesson helper',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording
async def make_breakfast():
    kettle = asyncio.create_task(boil_water())
    toast = await toast_bread()
    water = await kettle
    return water, toast
""",
    },
    {
        "exercise": 'await-vs-create-task.breakfast',
        "label": 'gather both',
        "kind": 'plain asyncio',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording

async def make_breakfast():
    water, toast = await asyncio.gather(boil_water(), toast_bread())
    return water, toast
""",
    },
    {
        "exercise": 'await-vs-create-task.breakfast',
        "label": 'a TaskGroup',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording

async def make_breakfast():
    async with asyncio.TaskGroup() as tg:
        kettle = tg.create_task(boil_water())
        toaster = tg.create_task(toast_bread())
    return kettle.result(), toaster.result()
""",
    },
    {
        "exercise": 'await-vs-create-task.breakfast',
        "label": 'asyncio.wait for two tasks',
        "kind": 'plain asyncio',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording

async def make_breakfast():
    kettle = asyncio.create_task(boil_water())
    toaster = asyncio.create_task(toast_bread())
    await asyncio.wait({kettle, toaster})
    return (kettle.result(), toaster.result())
""",
    },
    {
        "exercise": 'await-vs-create-task.breakfast',
        "label": 'ensure_future for the toast, the kettle awaited directly, returned as a list',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording

async def make_breakfast():
    toaster = asyncio.ensure_future(toast_bread())
    water = await boil_water()
    return [water, await toaster]
""",
    },
    {
        "exercise": 'await-vs-create-task.breakfast',
        "label": 'the starter: the kettle is never awaited',
        "kind": 'leak',
        "verdict": 'fail',
        "check": 'returns water and toast',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording
async def make_breakfast():
    kettle = asyncio.create_task(boil_water())
    toast = await toast_bread()
    return toast
""",
    },
    {
        "exercise": 'await-vs-create-task.breakfast',
        "label": 'one after the other',
        "kind": 'concurrency lost',
        "verdict": 'fail',
        "check": 'toast while the water boils',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording

async def make_breakfast():
    water = await boil_water()
    toast = await toast_bread()
    return water, toast
""",
    },
    {
        "exercise": 'await-vs-create-task.breakfast',
        "label": 'toast first',
        "kind": 'order lost',
        "verdict": 'fail',
        "check": 'returns water and toast',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording

async def make_breakfast():
    return tuple(await asyncio.gather(toast_bread(), boil_water()))
""",
    },
    {
        "exercise": 'await-vs-create-task.breakfast',
        "label": 'a task created and awaited at once',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'toast while the water boils',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording

async def make_breakfast():
    water = await asyncio.create_task(boil_water())
    toast = await asyncio.create_task(toast_bread())
    return water, toast
""",
    },
    {
        "exercise": 'await-vs-create-task.breakfast',
        "label": "the kettle's task returned instead of its result",
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'returns water and toast',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording

async def make_breakfast():
    kettle = asyncio.create_task(boil_water())
    toast = await toast_bread()
    return kettle, toast
""",
    },
    {
        "exercise": 'await-vs-create-task.breakfast',
        "label": 'the results hard-coded',
        "kind": 'hard-coded',
        "verdict": 'fail',
        "check": 'nothing left running',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording

async def make_breakfast():
    asyncio.create_task(boil_water())
    await toast_bread()
    return "hot water", "toast"
""",
    },
    {
        "exercise": 'await-vs-create-task.breakfast',
        "label": 'boils water twice',
        "kind": 'off-by-one',
        "verdict": 'fail',
        "check": 'toast while the water boils',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording

async def make_breakfast():
    kettle = asyncio.create_task(boil_water())
    toast = await toast_bread()
    await kettle
    water = await boil_water()
    return water, toast
""",
    },
    {
        "exercise": 'await-vs-create-task.breakfast',
        "label": 'coroutines made but never awaited',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'returns water and toast',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording

async def make_breakfast():
    water = boil_water()
    toast = toast_bread()
    return water, toast
""",
    },
    {
        "exercise": 'await-vs-create-task.download-all',
        "label": "the lesson's solution: tasks first, then await them in order",
        "kind": 'lesson helper',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording
async def download_all(names):
    tasks = [asyncio.create_task(fake_download(name)) for name in names]
    return [await task for task in tasks]
""",
    },
    {
        "exercise": 'await-vs-create-task.download-all',
        "label": 'gather',
        "kind": 'plain asyncio',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording

async def download_all(names):
    return list(await asyncio.gather(*(fake_download(n) for n in names)))
""",
    },
    {
        "exercise": 'await-vs-create-task.download-all',
        "label": 'a TaskGroup',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording

async def download_all(names):
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(fake_download(n)) for n in names]
    return [t.result() for t in tasks]
""",
    },
    {
        "exercise": 'await-vs-create-task.download-all',
        "label": 'asyncio.wait, results read from the tasks',
        "kind": 'plain asyncio',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording

async def download_all(names):
    tasks = [asyncio.ensure_future(fake_download(n)) for n in names]
    if tasks:
        await asyncio.wait(tasks)
    return [t.result() for t in tasks]
""",
    },
    {
        "exercise": 'await-vs-create-task.download-all',
        "label": 'map and a dict by name',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording

async def download_all(names):
    tasks = dict(zip(names, map(asyncio.create_task, map(fake_download, names))))
    return [await tasks[name] for name in names]
""",
    },
    {
        "exercise": 'await-vs-create-task.download-all',
        "label": 'the starter: one after the other',
        "kind": 'concurrency lost',
        "verdict": 'fail',
        "check": 'downloads overlap',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording
async def download_all(names):
    results = []
    for name in names:
        results.append(await fake_download(name))
    return results
""",
    },
    {
        "exercise": 'await-vs-create-task.download-all',
        "label": 'a task created and awaited at once',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'downloads overlap',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording

async def download_all(names):
    return [await asyncio.create_task(fake_download(n)) for n in names]
""",
    },
    {
        "exercise": 'await-vs-create-task.download-all',
        "label": 'results in finishing order',
        "kind": 'order lost',
        "verdict": 'fail',
        "check": 'returns every result, in order',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording

async def download_all(names):
    return [await f for f in asyncio.as_completed([fake_download(n) for n in names])]
""",
    },
    {
        "exercise": 'await-vs-create-task.download-all',
        "label": 'tasks started, not awaited',
        "kind": 'leak',
        "verdict": 'fail',
        "check": 'nothing left running',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording

async def download_all(names):
    tasks = [asyncio.create_task(fake_download(n)) for n in names]
    return [f"contents of {n}" for n in names]
""",
    },
    {
        "exercise": 'await-vs-create-task.download-all',
        "label": 'the last name forgotten',
        "kind": 'off-by-one',
        "verdict": 'fail',
        "check": 'returns every result, in order',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording

async def download_all(names):
    tasks = [asyncio.create_task(fake_download(n)) for n in names[:-1]]
    return [await t for t in tasks]
""",
    },
    {
        "exercise": 'await-vs-create-task.download-all',
        "label": 'the results hard-coded from the names',
        "kind": 'hard-coded',
        "verdict": 'fail',
        "check": 'downloads overlap',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording

async def download_all(names):
    return [f"contents of {n}" for n in names]
""",
    },
    {
        "exercise": 'await-vs-create-task.download-all',
        "label": 'the tasks returned instead of their results',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'returns every result, in order',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording

async def download_all(names):
    tasks = [asyncio.create_task(fake_download(n)) for n in names]
    await asyncio.gather(*tasks)
    return tasks
""",
    },
    {
        "exercise": 'await-vs-create-task.download-all',
        "label": 'gather of a list (not unpacked)',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'returns every result, in order',
        "code": """import asyncio
from asyncio_lab.sim import fake_download, boil_water, toast_bread, recording

async def download_all(names):
    return await asyncio.gather([fake_download(n) for n in names])
""",
    },
]
