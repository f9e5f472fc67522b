"""Answer set of lesson 06 (signals); the format is described in ../test_answers.py."""

ANSWERS = [
    # ------------------------------------------------------------------ graceful-shutdown: correct
    {
        "exercise": "signals.graceful-shutdown",
        "label": "the lesson's solution: cancel, gather with return_exceptions, remove",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
async def serve(sigs, names):
    stop = asyncio.Event()
    sigs.add_signal_handler(signal.SIGUSR1, stop.set)
    tasks = [asyncio.create_task(job(name)) for name in names]
    await stop.wait()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    sigs.remove_signal_handler(signal.SIGUSR1)
    return "stopped"
""",
    },
    {
        "exercise": "signals.graceful-shutdown",
        "label": "the running loop's own add_signal_handler, removed in finally",
        "kind": "plain asyncio",
        "verdict": "pass",
        "platforms": ["cpython"],
        "code": """
async def serve(sigs, names):
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGUSR1, stop.set)
    tasks = [asyncio.create_task(job(n)) for n in names]
    try:
        await stop.wait()
    finally:
        loop.remove_signal_handler(signal.SIGUSR1)
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return "stopped"
""",
    },
    {
        "exercise": "signals.graceful-shutdown",
        "label": "every task of all_tasks() but the current one",
        "kind": "plain asyncio",
        "verdict": "pass",
        "note": "the check's own tasks and the kernel's are not in the learner's all_tasks()",
        "code": """
async def serve(sigs, names):
    stop = asyncio.Event()
    sigs.add_signal_handler(signal.SIGUSR1, stop.set)
    for name in names:
        asyncio.create_task(job(name))
    await stop.wait()
    me = asyncio.current_task()
    others = [t for t in asyncio.all_tasks() if t is not me]
    for t in others:
        t.cancel()
    await asyncio.gather(*others, return_exceptions=True)
    sigs.remove_signal_handler(signal.SIGUSR1)
    return "stopped"
""",
    },
    {
        "exercise": "signals.graceful-shutdown",
        "label": "a TaskGroup: cancel the jobs, leaving the group waits for their cleanup",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def serve(sigs, names):
    stop = asyncio.Event()
    sigs.add_signal_handler(signal.SIGUSR1, stop.set)
    try:
        async with asyncio.TaskGroup() as tg:
            tasks = [tg.create_task(job(n)) for n in names]
            await stop.wait()
            for t in tasks:
                t.cancel()
    finally:
        sigs.remove_signal_handler(signal.SIGUSR1)
    return "stopped"
""",
    },
    {
        "exercise": "signals.graceful-shutdown",
        "label": "a future set by the handler; asyncio.wait for the cancelled jobs",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def serve(sigs, names):
    loop = asyncio.get_running_loop()
    stopped = loop.create_future()
    sigs.add_signal_handler(signal.SIGUSR1, lambda: stopped.done() or stopped.set_result(None))
    tasks = {asyncio.create_task(job(n)) for n in names}
    await stopped
    sigs.remove_signal_handler(signal.SIGUSR1)
    for t in tasks:
        t.cancel()
    await asyncio.wait(tasks)
    return "stopped"
""",
    },
    {
        "exercise": "signals.graceful-shutdown",
        "label": "contextlib: ExitStack removes the handler, suppress awaits each job",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
import contextlib

async def serve(sigs, names):
    stop = asyncio.Event()
    with contextlib.ExitStack() as stack:
        sigs.add_signal_handler(signal.SIGUSR1, stop.set)
        stack.callback(sigs.remove_signal_handler, signal.SIGUSR1)
        tasks = [asyncio.create_task(job(n)) for n in names]
        await stop.wait()
        for t in tasks:
            t.cancel()
        for t in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await t
    return "stopped"
""",
    },
    {
        "exercise": "signals.graceful-shutdown",
        "label": "the handler is a functools.partial setting the event",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
import functools

async def serve(sigs, names):
    stop = asyncio.Event()
    sigs.add_signal_handler(signal.SIGUSR1, functools.partial(asyncio.Event.set, stop))
    tasks = [asyncio.create_task(job(n), name=n) for n in names]
    await stop.wait()
    [t.cancel() for t in tasks]
    results = await asyncio.gather(*tasks, return_exceptions=True)
    assert all(isinstance(r, asyncio.CancelledError) for r in results)
    sigs.remove_signal_handler(signal.SIGUSR1)
    return "stopped"
""",
    },
    # ------------------------------------------------------------------ graceful-shutdown: wrong
    {
        "exercise": "signals.graceful-shutdown",
        "label": "the starter: returns with the jobs still running",
        "kind": "misconception",
        "verdict": "fail",
        "check": "every job is cancelled and cleans up first",
        "message": "never cancelled and still running",
        "code": """
async def serve(sigs, names):
    stop = asyncio.Event()
    sigs.add_signal_handler(signal.SIGUSR1, stop.set)
    tasks = [asyncio.create_task(job(name)) for name in names]
    await stop.wait()
    sigs.remove_signal_handler(signal.SIGUSR1)
    return "stopped"
""",
    },
    {
        "exercise": "signals.graceful-shutdown",
        "label": "cancels but does not wait for the cleanup",
        "kind": "misconception",
        "verdict": "fail",
        "check": "every job is cancelled and cleans up first",
        "message": "had not finished cleaning up",
        "code": """
async def serve(sigs, names):
    stop = asyncio.Event()
    sigs.add_signal_handler(signal.SIGUSR1, stop.set)
    tasks = [asyncio.create_task(job(name)) for name in names]
    await stop.wait()
    for task in tasks:
        task.cancel()
    sigs.remove_signal_handler(signal.SIGUSR1)
    return "stopped"
""",
    },
    {
        "exercise": "signals.graceful-shutdown",
        "label": "gather without return_exceptions: CancelledError escapes",
        "kind": "misconception",
        "verdict": "fail",
        "check": "stops when SIGUSR1 arrives",
        "message": "CancelledError although nobody cancelled it",
        "code": """
async def serve(sigs, names):
    stop = asyncio.Event()
    sigs.add_signal_handler(signal.SIGUSR1, stop.set)
    tasks = [asyncio.create_task(job(name)) for name in names]
    await stop.wait()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks)
    sigs.remove_signal_handler(signal.SIGUSR1)
    return "stopped"
""",
    },
    {
        "exercise": "signals.graceful-shutdown",
        "label": "the handler is left installed",
        "kind": "leak",
        "verdict": "fail",
        "check": "the handler is removed on the way out",
        "message": "still installed",
        "code": """
async def serve(sigs, names):
    stop = asyncio.Event()
    sigs.add_signal_handler(signal.SIGUSR1, stop.set)
    tasks = [asyncio.create_task(job(name)) for name in names]
    await stop.wait()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return "stopped"
""",
    },
    {
        "exercise": "signals.graceful-shutdown",
        "label": "cancels all jobs but the last",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "every job is cancelled and cleans up first",
        "message": "never cancelled",
        "code": """
async def serve(sigs, names):
    stop = asyncio.Event()
    sigs.add_signal_handler(signal.SIGUSR1, stop.set)
    tasks = [asyncio.create_task(job(name)) for name in names]
    await stop.wait()
    for i in range(len(tasks) - 1):
        tasks[i].cancel()
    await asyncio.gather(*tasks[:-1], return_exceptions=True)
    sigs.remove_signal_handler(signal.SIGUSR1)
    return "stopped"
""",
    },
    {
        "exercise": "signals.graceful-shutdown",
        "label": "awaits each job in turn instead of starting them together",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "stops when SIGUSR1 arrives",
        "message": "did not return",
        "code": """
async def serve(sigs, names):
    stop = asyncio.Event()
    sigs.add_signal_handler(signal.SIGUSR1, stop.set)
    for name in names:
        await job(name)
    await stop.wait()
    sigs.remove_signal_handler(signal.SIGUSR1)
    return "stopped"
""",
    },
    {
        "exercise": "signals.graceful-shutdown",
        "label": "the names of the visible example (try_serve's db, cache) hard-coded",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "every job is cancelled and cleans up first",
        "message": "expected one `job` per name",
        "code": """
async def serve(sigs, names):
    stop = asyncio.Event()
    sigs.add_signal_handler(signal.SIGUSR1, stop.set)
    tasks = [asyncio.create_task(job(name)) for name in ("db", "cache")]
    await stop.wait()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    sigs.remove_signal_handler(signal.SIGUSR1)
    return "stopped"
""",
    },
    {
        "exercise": "signals.graceful-shutdown",
        "label": "stop.wait() called but not awaited",
        "kind": "misconception",
        "verdict": "fail",
        "check": "stops when SIGUSR1 arrives",
        "message": "ended first",
        "code": """
async def serve(sigs, names):
    stop = asyncio.Event()
    sigs.add_signal_handler(signal.SIGUSR1, stop.set)
    tasks = [asyncio.create_task(job(name)) for name in names]
    stop.wait()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    sigs.remove_signal_handler(signal.SIGUSR1)
    return "stopped"
""",
    },
    {
        "exercise": "signals.graceful-shutdown",
        "label": "the handler for the wrong signal (SIGUSR2)",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "stops when SIGUSR1 arrives",
        "message": "no handler for SIGUSR1 was installed",
        "code": """
async def serve(sigs, names):
    stop = asyncio.Event()
    sigs.add_signal_handler(signal.SIGUSR2, stop.set)
    tasks = [asyncio.create_task(job(name)) for name in names]
    await stop.wait()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    sigs.remove_signal_handler(signal.SIGUSR2)
    return "stopped"
""",
    },
    {
        "exercise": "signals.graceful-shutdown",
        "label": "the loop's own add_signal_handler where the loop has no signals (Pyodide)",
        "kind": "platform shortcut",
        "verdict": "fail",
        "platforms": ["pyodide"],
        "check": "stops when SIGUSR1 arrives",
        "message": "Pyodide",
        "code": """
async def serve(sigs, names):
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGUSR1, stop.set)
    tasks = [asyncio.create_task(job(n)) for n in names]
    try:
        await stop.wait()
    finally:
        loop.remove_signal_handler(signal.SIGUSR1)
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return "stopped"
""",
    },
    {
        "exercise": "signals.reload",
        "label": "the lesson's solution: a plain handler starts a task; gather them at the end",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
async def watch(sigs, stop):
    versions = []
    pending = []

    async def reload():
        versions.append(await load_config())

    def on_signal():
        pending.append(asyncio.create_task(reload()))

    sigs.add_signal_handler(signal.SIGUSR2, on_signal)
    await stop.wait()
    sigs.remove_signal_handler(signal.SIGUSR2)
    await asyncio.gather(*pending)
    return versions
""",
    },
    {
        "exercise": "signals.reload",
        "label": "the running loop's own add_signal_handler",
        "kind": "plain asyncio",
        "verdict": "pass",
        "platforms": ['cpython'],
        "code": """
async def watch(sigs, stop):
    loop = asyncio.get_running_loop()
    versions, pending = [], []

    async def reload():
        versions.append(await load_config())

    loop.add_signal_handler(signal.SIGUSR2, lambda: pending.append(asyncio.create_task(reload())))
    try:
        await stop.wait()
    finally:
        loop.remove_signal_handler(signal.SIGUSR2)
    await asyncio.gather(*pending)
    return versions
""",
    },
    {
        "exercise": "signals.reload",
        "label": "a TaskGroup: the handler adds the reload to the group, leaving it waits",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def watch(sigs, stop):
    versions = []

    async def reload():
        versions.append(await load_config())

    async with asyncio.TaskGroup() as tg:
        sigs.add_signal_handler(signal.SIGUSR2, lambda: tg.create_task(reload()))
        try:
            await stop.wait()
        finally:
            sigs.remove_signal_handler(signal.SIGUSR2)
    return versions
""",
    },
    {
        "exercise": "signals.reload",
        "label": "a set of tasks that discard themselves when done; asyncio.wait for the rest",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def watch(sigs, stop):
    versions = []
    running = set()

    async def reload():
        versions.append(await load_config())

    def on_signal():
        task = asyncio.ensure_future(reload())
        running.add(task)
        task.add_done_callback(running.discard)

    sigs.add_signal_handler(signal.SIGUSR2, on_signal)
    await stop.wait()
    sigs.remove_signal_handler(signal.SIGUSR2)
    if running:
        await asyncio.wait(running)
    return versions
""",
    },
    {
        "exercise": "signals.reload",
        "label": "a queue and one worker task that reloads one request at a time",
        "kind": "other style",
        "verdict": "pass",
        "note": "the handler gets its argument from add_signal_handler's *args",
        "code": """
async def watch(sigs, stop):
    versions = []
    requests = asyncio.Queue()

    async def worker():
        while True:
            await requests.get()
            try:
                versions.append(await load_config())
            finally:
                requests.task_done()

    reloader = asyncio.create_task(worker())
    sigs.add_signal_handler(signal.SIGUSR2, requests.put_nowait, None)
    await stop.wait()
    sigs.remove_signal_handler(signal.SIGUSR2)
    await requests.join()
    reloader.cancel()
    try:
        await reloader
    except asyncio.CancelledError:
        pass
    return versions
""",
    },
    {
        "exercise": "signals.reload",
        "label": "functools.partial handler; results taken from the tasks, in signal order",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
import functools

async def watch(sigs, stop):
    pending = []
    sigs.add_signal_handler(signal.SIGUSR2, functools.partial(lambda p: p.append(asyncio.create_task(load_config())), pending))
    try:
        await stop.wait()
    finally:
        sigs.remove_signal_handler(signal.SIGUSR2)
    return list(await asyncio.gather(*pending))
""",
    },
    {
        "exercise": "signals.reload",
        "label": "the starter: a coroutine function as the handler",
        "kind": "misconception",
        "verdict": "fail",
        "check": "each SIGUSR2 reloads the configuration",
        "message": "TypeError",
        "code": """
async def watch(sigs, stop):
    versions = []

    async def reload():
        versions.append(await load_config())

    sigs.add_signal_handler(signal.SIGUSR2, reload)
    await stop.wait()
    sigs.remove_signal_handler(signal.SIGUSR2)
    return versions
""",
    },
    {
        "exercise": "signals.reload",
        "label": "a plain handler that calls the coroutine function without starting a task",
        "kind": "misconception",
        "verdict": "fail",
        "check": "each SIGUSR2 reloads the configuration",
        "message": "never ran",
        "code": """
async def watch(sigs, stop):
    versions = []

    async def reload():
        versions.append(await load_config())

    sigs.add_signal_handler(signal.SIGUSR2, lambda: reload())
    await stop.wait()
    sigs.remove_signal_handler(signal.SIGUSR2)
    return versions
""",
    },
    {
        "exercise": "signals.reload",
        "label": "the handler is left installed",
        "kind": "leak",
        "verdict": "fail",
        "check": "the handler is removed on the way out",
        "message": "still installed",
        "code": """
async def watch(sigs, stop):
    versions, pending = [], []

    async def reload():
        versions.append(await load_config())

    sigs.add_signal_handler(signal.SIGUSR2, lambda: pending.append(asyncio.create_task(reload())))
    await stop.wait()
    await asyncio.gather(*pending)
    return versions
""",
    },
    {
        "exercise": "signals.reload",
        "label": "returns without waiting for the reload in flight",
        "kind": "leak",
        "verdict": "fail",
        "check": "no reload left running",
        "message": "still running when `watch` returned",
        "code": """
async def watch(sigs, stop):
    versions, pending = [], []

    async def reload():
        versions.append(await load_config())

    sigs.add_signal_handler(signal.SIGUSR2, lambda: pending.append(asyncio.create_task(reload())))
    await stop.wait()
    sigs.remove_signal_handler(signal.SIGUSR2)
    return versions
""",
    },
    {
        "exercise": "signals.reload",
        "label": "waits for all reloads but the last",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "no reload left running",
        "message": "still running when `watch` returned",
        "code": """
async def watch(sigs, stop):
    versions, pending = [], []

    async def reload():
        versions.append(await load_config())

    sigs.add_signal_handler(signal.SIGUSR2, lambda: pending.append(asyncio.create_task(reload())))
    await stop.wait()
    sigs.remove_signal_handler(signal.SIGUSR2)
    await asyncio.gather(*pending[:-1])
    return versions
""",
    },
    {
        "exercise": "signals.reload",
        "label": "newest version first",
        "kind": "order lost",
        "verdict": "fail",
        "check": "each SIGUSR2 reloads the configuration",
        "message": "should return the 3 versions loaded",
        "code": """
async def watch(sigs, stop):
    versions, pending = [], []

    async def reload():
        versions.insert(0, await load_config())

    sigs.add_signal_handler(signal.SIGUSR2, lambda: pending.append(asyncio.create_task(reload())))
    await stop.wait()
    sigs.remove_signal_handler(signal.SIGUSR2)
    await asyncio.gather(*pending)
    return versions
""",
    },
    {
        "exercise": "signals.reload",
        "label": "reloads in the watch loop itself: it waits for a signal that never comes after stop",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "each SIGUSR2 reloads the configuration",
        "message": "did not return",
        "code": """
async def watch(sigs, stop):
    versions = []
    got = asyncio.Event()
    sigs.add_signal_handler(signal.SIGUSR2, got.set)
    while not stop.is_set():
        await got.wait()
        got.clear()
        versions.append(await load_config())
    sigs.remove_signal_handler(signal.SIGUSR2)
    return versions
""",
    },
    {
        "exercise": "signals.reload",
        "label": "the versions of the visible example (try_watch's two reloads) hard-coded",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "each SIGUSR2 reloads the configuration",
        "message": "it returned ['v1', 'v2']",
        "code": """
async def watch(sigs, stop):
    pending = []
    sigs.add_signal_handler(signal.SIGUSR2, lambda: pending.append(asyncio.create_task(load_config())))
    await stop.wait()
    sigs.remove_signal_handler(signal.SIGUSR2)
    await asyncio.gather(*pending)
    return ["v1", "v2"]
""",
    },
    {
        "exercise": "signals.reload",
        "label": "the handler for the wrong signal (SIGUSR1)",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "each SIGUSR2 reloads the configuration",
        "message": "no handler for SIGUSR2 was installed",
        "code": """
async def watch(sigs, stop):
    versions, pending = [], []

    async def reload():
        versions.append(await load_config())

    sigs.add_signal_handler(signal.SIGUSR1, lambda: pending.append(asyncio.create_task(reload())))
    await stop.wait()
    sigs.remove_signal_handler(signal.SIGUSR1)
    await asyncio.gather(*pending)
    return versions
""",
    },
    {
        "exercise": "signals.reload",
        "label": "the loop's own add_signal_handler where the loop has no signals (Pyodide)",
        "kind": "platform shortcut",
        "verdict": "fail",
        "platforms": ['pyodide'],
        "check": "each SIGUSR2 reloads the configuration",
        "message": "Pyodide",
        "code": """
async def watch(sigs, stop):
    loop = asyncio.get_running_loop()
    versions, pending = [], []

    async def reload():
        versions.append(await load_config())

    loop.add_signal_handler(signal.SIGUSR2, lambda: pending.append(asyncio.create_task(reload())))
    try:
        await stop.wait()
    finally:
        loop.remove_signal_handler(signal.SIGUSR2)
    await asyncio.gather(*pending)
    return versions
""",
    },
    {
        "exercise": "signals.graceful-shutdown",
        "label": "signal.signal with call_soon_threadsafe, the default put back",
        "kind": "other standard library",
        "verdict": "pass",
        "platforms": ["cpython"],
        "note": "what asyncio.run itself does for SIGINT; a Python-level handler runs between bytecodes of the main thread",
        "code": """
async def serve(sigs, names):
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    previous = signal.signal(signal.SIGUSR1, lambda signum, frame: loop.call_soon_threadsafe(stop.set))
    tasks = [asyncio.create_task(job(n)) for n in names]
    try:
        await stop.wait()
    finally:
        signal.signal(signal.SIGUSR1, previous)
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return "stopped"
""",
    },
]
