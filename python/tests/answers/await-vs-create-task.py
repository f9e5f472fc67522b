"""Answer set of lesson 02 (await vs create_task); the format is described in ../test_answers.py."""

ANSWERS = [
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
