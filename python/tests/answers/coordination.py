"""Answer set of lesson 18 (coordination); the format is described in ../test_answers.py."""

ANSWERS = [
    # ------------------------------------------------------------------ safe-withdraw: correct
    {
        "exercise": "coordination.safe-withdraw",
        "label": "the lesson's route: one Lock, async with around read, check and write",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
lock = asyncio.Lock()

async def withdraw(account, amount):
    async with lock:
        balance = await account.balance()
        if balance < amount:
            return False
        await account.set_balance(balance - amount)
        return True
""",
    },
    {
        "exercise": "coordination.safe-withdraw",
        "label": "one lock per account, kept in a dict",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
locks = {}

async def withdraw(account, amount):
    lock = locks.setdefault(id(account), asyncio.Lock())
    async with lock:
        balance = await account.balance()
        if balance >= amount:
            await account.set_balance(balance - amount)
            return True
        return False
""",
    },
    {
        "exercise": "coordination.safe-withdraw",
        "label": "a lock stored on the account object",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def withdraw(account, amount):
    if not hasattr(account, "lock"):
        account.lock = asyncio.Lock()
    async with account.lock:
        balance = await account.balance()
        if balance < amount:
            return False
        await account.set_balance(balance - amount)
        return True
""",
    },
    {
        "exercise": "coordination.safe-withdraw",
        "label": "a Semaphore(1) used as a lock, acquire and release in try/finally",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
one_at_a_time = asyncio.Semaphore(1)

async def withdraw(account, amount):
    await one_at_a_time.acquire()
    try:
        balance = await account.balance()
        if balance < amount:
            return False
        await account.set_balance(balance - amount)
        return True
    finally:
        one_at_a_time.release()
""",
    },
    {
        "exercise": "coordination.safe-withdraw",
        "label": "a Condition held around the whole step",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
cond = asyncio.Condition()

async def withdraw(account, amount):
    async with cond:
        balance = await account.balance()
        ok = balance >= amount
        if ok:
            await account.set_balance(balance - amount)
        cond.notify_all()
        return ok
""",
    },
    {
        "exercise": "coordination.safe-withdraw",
        "label": "a lock made lazily on the account, acquire and release in try/finally",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def withdraw(account, amount):
    lock = getattr(account, "_lock", None)
    if lock is None:
        lock = account._lock = asyncio.Lock()
    await lock.acquire()
    try:
        balance = await account.balance()
        if balance < amount:
            return False
        await account.set_balance(balance - amount)
        return True
    finally:
        lock.release()
""",
    },
    # ------------------------------------------------------------------ safe-withdraw: wrong
    {
        "exercise": "coordination.safe-withdraw",
        "label": "the starter: check, await, act with nothing in between",
        "kind": "misconception",
        "verdict": "fail",
        "check": "the balance adds up",
        "message": "updates were lost",
        "code": """
async def withdraw(account, amount):
    balance = await account.balance()
    if balance < amount:
        return False
    await account.set_balance(balance - amount)
    return True
""",
    },
    {
        "exercise": "coordination.safe-withdraw",
        "label": "a new Lock made inside withdraw, one per call",
        "kind": "misconception",
        "verdict": "fail",
        "check": "the balance adds up",
        "code": """
async def withdraw(account, amount):
    async with asyncio.Lock():
        balance = await account.balance()
        if balance < amount:
            return False
        await account.set_balance(balance - amount)
        return True
""",
    },
    {
        "exercise": "coordination.safe-withdraw",
        "label": "the balance read before taking the lock",
        "kind": "misconception",
        "verdict": "fail",
        "check": "the balance adds up",
        "code": """
lock = asyncio.Lock()

async def withdraw(account, amount):
    balance = await account.balance()
    async with lock:
        if balance < amount:
            return False
        await account.set_balance(balance - amount)
        return True
""",
    },
    {
        "exercise": "coordination.safe-withdraw",
        "label": "the lock only around the write",
        "kind": "misconception",
        "verdict": "fail",
        "check": "the balance adds up",
        "code": """
lock = asyncio.Lock()

async def withdraw(account, amount):
    balance = await account.balance()
    if balance < amount:
        return False
    async with lock:
        await account.set_balance(balance - amount)
    return True
""",
    },
    {
        "exercise": "coordination.safe-withdraw",
        "label": "a Semaphore(2): two callers still race",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "the balance adds up",
        "code": """
sem = asyncio.Semaphore(2)

async def withdraw(account, amount):
    async with sem:
        balance = await account.balance()
        if balance < amount:
            return False
        await account.set_balance(balance - amount)
        return True
""",
    },
    {
        "exercise": "coordination.safe-withdraw",
        "label": "refuses whenever someone else holds the lock",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "what fits is paid",
        "message": "check the balance again",
        "code": """
lock = asyncio.Lock()

async def withdraw(account, amount):
    if lock.locked():
        return False
    async with lock:
        balance = await account.balance()
        if balance < amount:
            return False
        await account.set_balance(balance - amount)
        return True
""",
    },
    {
        "exercise": "coordination.safe-withdraw",
        "label": "acquire without release on the refusal path",
        "kind": "leak",
        "verdict": "fail",
        "check": "the balance adds up",
        "message": "never released",
        "code": """
lock = asyncio.Lock()

async def withdraw(account, amount):
    await lock.acquire()
    balance = await account.balance()
    if balance < amount:
        return False
    await account.set_balance(balance - amount)
    lock.release()
    return True
""",
    },
    {
        "exercise": "coordination.safe-withdraw",
        "label": "a flag checked and set without a lock, and a sleep(0) spin",
        "kind": "misconception",
        "verdict": "fail",
        "check": "the balance adds up",
        "code": """
busy = False

async def withdraw(account, amount):
    global busy
    while busy:
        await asyncio.sleep(0)
    balance = await account.balance()
    busy = True
    try:
        if balance < amount:
            return False
        await account.set_balance(balance - amount)
        return True
    finally:
        busy = False
""",
    },
    {
        "exercise": "coordination.safe-withdraw",
        "label": "returns the new balance instead of True",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "True or False",
        "code": """
lock = asyncio.Lock()

async def withdraw(account, amount):
    async with lock:
        balance = await account.balance()
        if balance < amount:
            return False
        await account.set_balance(balance - amount)
        return balance - amount
""",
    },
    {
        "exercise": "coordination.safe-withdraw",
        "label": "sends a receipt in a task nobody waits for",
        "kind": "leak",
        "verdict": "fail",
        "check": "nothing left running",
        "code": """
lock = asyncio.Lock()
receipts = []

async def send_receipt(amount):
    await asyncio.sleep(5)

async def withdraw(account, amount):
    async with lock:
        balance = await account.balance()
        if balance < amount:
            return False
        await account.set_balance(balance - amount)
    receipts.append(asyncio.create_task(send_receipt(amount)))
    return True
""",
    },
    {
        "exercise": "coordination.safe-withdraw",
        "label": "a threading.Lock held across the awaits",
        "kind": "misconception",
        "verdict": "fail",
        "check": "True or False",
        "message": "blocks the event loop's whole thread",
        "note": "run, the second caller's acquire() would block the loop's thread for good: refused before running",
        "code": """
import threading
lock = threading.Lock()

async def withdraw(account, amount):
    with lock:
        balance = await account.balance()
        if balance < amount:
            return False
        await account.set_balance(balance - amount)
        return True
""",
    },
    # ------------------------------------------------------------------ start-gate: correct
    {
        "exercise": "coordination.start-gate",
        "label": "the lesson's route: a Barrier between warm-up and run",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
async def start_together(runners):
    barrier = asyncio.Barrier(len(runners))

    async def one(runner):
        await runner.warm_up()
        await barrier.wait()
        return await runner.run()

    return await asyncio.gather(*(one(r) for r in runners))
""",
    },
    {
        "exercise": "coordination.start-gate",
        "label": "an Event set by the last runner ready",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def start_together(runners):
    gate = asyncio.Event()
    ready = 0

    async def one(runner):
        nonlocal ready
        await runner.warm_up()
        ready += 1
        if ready == len(runners):
            gate.set()
        await gate.wait()
        return await runner.run()

    return await asyncio.gather(*(one(r) for r in runners))
""",
    },
    {
        "exercise": "coordination.start-gate",
        "label": "an Event set by the caller after gathering the warm-ups",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def start_together(runners):
    gate = asyncio.Event()

    async def one(runner):
        await gate.wait()
        return await runner.run()

    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(one(r)) for r in runners]
        await asyncio.gather(*(r.warm_up() for r in runners))
        gate.set()
    return [t.result() for t in tasks]
""",
    },
    {
        "exercise": "coordination.start-gate",
        "label": "a Condition with wait_for on a counter",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def start_together(runners):
    cond = asyncio.Condition()
    ready = 0

    async def one(runner):
        nonlocal ready
        await runner.warm_up()
        async with cond:
            ready += 1
            cond.notify_all()
            await cond.wait_for(lambda: ready == len(runners))
        return await runner.run()

    return await asyncio.gather(*(one(r) for r in runners))
""",
    },
    {
        "exercise": "coordination.start-gate",
        "label": "two gathers: every warm-up, then every run",
        "kind": "other style",
        "verdict": "pass",
        "note": "no primitive, but the same behaviour over time: a fair check accepts it",
        "code": """
async def start_together(runners):
    await asyncio.gather(*(r.warm_up() for r in runners))
    return await asyncio.gather(*(r.run() for r in runners))
""",
    },
    {
        "exercise": "coordination.start-gate",
        "label": "a Barrier in a TaskGroup, with async with barrier",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def start_together(runners):
    barrier = asyncio.Barrier(len(runners))

    async def one(runner):
        await runner.warm_up()
        async with barrier:
            pass
        return await runner.run()

    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(one(r)) for r in runners]
    return [t.result() for t in tasks]
""",
    },
    # ------------------------------------------------------------------ start-gate: wrong
    {
        "exercise": "coordination.start-gate",
        "label": "the starter: each runner goes when it is ready",
        "kind": "misconception",
        "verdict": "fail",
        "check": "nobody runs early",
        "code": """
async def start_together(runners):
    async def one(runner):
        await runner.warm_up()
        return await runner.run()

    return await asyncio.gather(*(one(r) for r in runners))
""",
    },
    {
        "exercise": "coordination.start-gate",
        "label": "the Event set by the first runner ready",
        "kind": "misconception",
        "verdict": "fail",
        "check": "nobody runs early",
        "code": """
async def start_together(runners):
    gate = asyncio.Event()

    async def one(runner):
        await runner.warm_up()
        gate.set()
        await gate.wait()
        return await runner.run()

    return await asyncio.gather(*(one(r) for r in runners))
""",
    },
    {
        "exercise": "coordination.start-gate",
        "label": "a Barrier of len(runners) - 1",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "nobody runs early",
        "code": """
async def start_together(runners):
    barrier = asyncio.Barrier(max(1, len(runners) - 1))

    async def one(runner):
        await runner.warm_up()
        await barrier.wait()
        return await runner.run()

    return await asyncio.gather(*(one(r) for r in runners))
""",
    },
    {
        "exercise": "coordination.start-gate",
        "label": "a Barrier of len(runners) + 1 that never fills",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "every result, in order",
        "message": "had not returned",
        "code": """
async def start_together(runners):
    barrier = asyncio.Barrier(len(runners) + 1)

    async def one(runner):
        await runner.warm_up()
        await barrier.wait()
        return await runner.run()

    return await asyncio.gather(*(one(r) for r in runners))
""",
    },
    {
        "exercise": "coordination.start-gate",
        "label": "warm-ups one after another",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "all go together",
        "message": "side by side",
        "code": """
async def start_together(runners):
    for r in runners:
        await r.warm_up()
    return await asyncio.gather(*(r.run() for r in runners))
""",
    },
    {
        "exercise": "coordination.start-gate",
        "label": "runs one after another after the gate",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "all go together",
        "code": """
async def start_together(runners):
    await asyncio.gather(*(r.warm_up() for r in runners))
    return [await r.run() for r in runners]
""",
    },
    {
        "exercise": "coordination.start-gate",
        "label": "a hard-coded sleep of 2 s as the gate",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "all go together",
        "note": "right for the 5 runners (the slowest warms up in 2 s), too late for 2 runners",
        "code": """
async def start_together(runners):
    async def one(runner):
        await runner.warm_up()
        await asyncio.sleep(2 - runner.warm)
        return await runner.run()

    return await asyncio.gather(*(one(r) for r in runners))
""",
    },
    {
        "exercise": "coordination.start-gate",
        "label": "the gate opens a moment late: a sleep after the barrier",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "all go together",
        "code": """
async def start_together(runners):
    barrier = asyncio.Barrier(len(runners))

    async def one(runner):
        await runner.warm_up()
        await barrier.wait()
        await asyncio.sleep(0.1)
        return await runner.run()

    return await asyncio.gather(*(one(r) for r in runners))
""",
    },
    {
        "exercise": "coordination.start-gate",
        "label": "returns once the gate opens, leaving the runs running",
        "kind": "leak",
        "verdict": "fail",
        "check": "nothing left running",
        "code": """
tasks = []

async def start_together(runners):
    await asyncio.gather(*(r.warm_up() for r in runners))
    tasks.extend(asyncio.create_task(r.run()) for r in runners)
    return [f"{r.name} done" for r in runners]
""",
    },
    {
        "exercise": "coordination.start-gate",
        "label": "results in the order they finished",
        "kind": "order lost",
        "verdict": "fail",
        "check": "every result, in order",
        "code": """
async def start_together(runners):
    await asyncio.gather(*(r.warm_up() for r in runners))
    return [await t for t in asyncio.as_completed([r.run() for r in runners])]
""",
    },
    {
        "exercise": "coordination.start-gate",
        "label": "an Event that nobody sets",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "every result, in order",
        "message": "never set",
        "code": """
async def start_together(runners):
    gate = asyncio.Event()

    async def one(runner):
        await runner.warm_up()
        await gate.wait()
        return await runner.run()

    return await asyncio.gather(*(one(r) for r in runners))
""",
    },
    {
        "exercise": "coordination.start-gate",
        "label": "a threading.Barrier, waited for in the loop's thread",
        "kind": "misconception",
        "verdict": "fail",
        "check": "nobody runs early",
        "message": "the threading module",
        "code": """
import threading

async def start_together(runners):
    barrier = threading.Barrier(len(runners))

    async def one(runner):
        await runner.warm_up()
        barrier.wait()
        return await runner.run()

    return await asyncio.gather(*(one(r) for r in runners))
""",
    },
]
