"""Lesson 8 (running things concurrently): helpers, and checks that accept every correct approach."""

from __future__ import annotations

import asyncio
import json
import sys

import pytest

from lessonkit import strict_check
from asyncio_lab import exercises, sim
from asyncio_lab.lessons.running_concurrently import DownloadError, flaky_download

LESSON = "running-concurrently"
IMPORTS = "from asyncio_lab.lessons.running_concurrently import flaky_download, DownloadError\n"


def _namespace(source: str) -> dict:
    ns = {"asyncio": asyncio, "fake_download": sim.fake_download, "__name__": "__main__"}
    exec(compile(source, "<learner>", "exec", dont_inherit=True), ns)  # as in a notebook cell
    return ns


def _check(ex_id: str, source: str) -> exercises.CheckResult:
    return strict_check(f"{LESSON}.{ex_id}", _namespace(source))


def test_flaky_download_records_start_and_how_it_ended():
    async def go():
        with sim.recording({"a.txt": 0.01, "bad.txt": 0.02, "c.txt": 0.03}) as rec:
            results = await asyncio.gather(
                flaky_download("a.txt"), flaky_download("bad.txt"), flaky_download("c.txt"), return_exceptions=True
            )
        with sim.recording() as rec2:
            t = asyncio.create_task(flaky_download("x.txt", seconds=5))
            await asyncio.sleep(0)
            t.cancel()
            await asyncio.gather(t, return_exceptions=True)
        return results, rec, rec2

    results, rec, rec2 = asyncio.run(go())
    assert results[0] == "contents of a.txt" and results[2] == "contents of c.txt"
    assert isinstance(results[1], DownloadError) and "bad.txt" in str(results[1])
    assert rec.order == ["start a.txt", "start bad.txt", "start c.txt", "finish a.txt", "fail bad.txt", "finish c.txt"]
    assert rec.peak == 3 and rec.still_running() == []
    assert rec2.order == ["start x.txt", "cancel x.txt"]


ALTERNATIVES = {
    "tolerate-failures": {
        "gather-return-exceptions": exercises.get(f"{LESSON}.tolerate-failures").solution,
        "taskgroup-with-wrapper": IMPORTS
        + """
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
        "gather-of-wrappers": IMPORTS
        + """
async def safe(name):
    try:
        return await flaky_download(name)
    except DownloadError:
        return None

async def fetch_all(names):
    return list(await asyncio.gather(*map(safe, names)))
""",
        "manual-tasks": IMPORTS
        + """
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
        "wait": IMPORTS
        + """
async def fetch_all(names):
    tasks = [asyncio.create_task(flaky_download(n)) for n in names]
    await asyncio.wait(tasks)
    return [None if t.exception() else t.result() for t in tasks]
""",
    },
    "first-n": {
        "as_completed-tasks": exercises.get(f"{LESSON}.first-n").solution,
        "wait-first-completed": """
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
        "taskgroup-callbacks-event": """
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
        "queue": """
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
}
if sys.version_info >= (3, 13):
    ALTERNATIVES["first-n"]["async-for-as_completed"] = """
async def first_n(names, n):
    tasks = [asyncio.create_task(fake_download(name)) for name in names]
    results = []
    async for task in asyncio.as_completed(tasks):
        results.append(task.result())
        if len(results) == n:
            break
    for task in tasks:
        task.cancel()
    await asyncio.wait(tasks)
    return results
"""

WRONG = {
    "tolerate-failures": {
        "starter-sequential": (
            exercises.get(f"{LESSON}.tolerate-failures").starter,
            "downloads overlap",
            "at most 1 ran at once",
        ),
        "plain-gather": (
            IMPORTS + "async def fetch_all(names):\n    return await asyncio.gather(*(flaky_download(n) for n in names))\n",
            "every result in order, None for failures",
            "raised DownloadError",
        ),
        "plain-gather-leaves-others-running": (
            IMPORTS + "async def fetch_all(names):\n    return await asyncio.gather(*(flaky_download(n) for n in names))\n",
            "nothing left running",
            "still running",
        ),
        "exceptions-kept": (
            IMPORTS
            + "async def fetch_all(names):\n"
            "    return await asyncio.gather(*(flaky_download(n) for n in names), return_exceptions=True)\n",
            "every result in order, None for failures",
            "expected None where a download failed",
        ),
        "taskgroup-unhandled": (
            IMPORTS
            + """
async def fetch_all(names):
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(flaky_download(n)) for n in names]
    return [t.result() for t in tasks]
""",
            "every result in order, None for failures",
            "ExceptionGroup (DownloadError",
        ),
        "taskgroup-caught-outside": (
            IMPORTS
            + """
async def fetch_all(names):
    try:
        async with asyncio.TaskGroup() as tg:
            tasks = [tg.create_task(flaky_download(n)) for n in names]
    except* DownloadError:
        pass
    return [t.result() if t.done() and not t.cancelled() and not t.exception() else None for t in tasks]
""",
            "nothing left running",
            "did not",
        ),
        "not-async": ("def fetch_all(names):\n    return []\n", "downloads overlap", "async def"),
    },
    "first-n": {
        "starter": (exercises.get(f"{LESSON}.first-n").starter, "the first n results, in finishing order", "first 3 *names*"),
        "gather-then-slice": (
            "async def first_n(names, n):\n"
            "    return (await asyncio.gather(*(fake_download(x) for x in names)))[:n]\n",
            "the rest are cancelled",
            "ran to the end",
        ),
        "as_completed-all-then-slice": (
            """
async def first_n(names, n):
    return [await f for f in asyncio.as_completed([fake_download(x) for x in names])][:n]
""",
            "the rest are cancelled",
            "ran to the end",
        ),
        "no-cancel": (
            """
async def first_n(names, n):
    results = []
    for f in asyncio.as_completed([fake_download(x) for x in names]):
        results.append(await f)
        if len(results) == n:
            return results
""",
            "the rest are cancelled",
            "still running",
        ),
        "cancel-without-waiting": (
            """
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
            "the rest are cancelled",
            "had not finished cancelling",
        ),
        "sorted-by-name": (
            """
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
            "the first n results, in finishing order",
            "not in the order they finished",
        ),
    },
}


@pytest.mark.parametrize("ex_id", ["tolerate-failures", "first-n"])
def test_solution_passes_and_starter_fails(ex_id):
    ex = exercises.get(f"{LESSON}.{ex_id}")
    assert len(ex.hints) >= 3
    good = _check(ex_id, ex.solution)
    assert good.passed, good.to_text()
    assert not _check(ex_id, ex.starter).passed


@pytest.mark.parametrize("ex_id, name", [(e, n) for e, alts in ALTERNATIVES.items() for n in alts])
def test_every_correct_approach_passes(ex_id, name):
    result = _check(ex_id, ALTERNATIVES[ex_id][name])
    assert result.passed, result.to_text()


@pytest.mark.parametrize("ex_id, name", [(e, n) for e, w in WRONG.items() for n in w])
def test_wrong_approach_fails_with_a_helpful_message(ex_id, name):
    source, check_name, fragment = WRONG[ex_id][name]
    result = _check(ex_id, source)
    assert not result.passed
    failed = {c.name: c.message for c in result.checks if not c.passed}
    assert check_name in failed, result.to_text()
    assert fragment in failed[check_name], result.to_text()
    text = result.to_text()
    for giveaway in ("gather", "TaskGroup", "as_completed", "return_exceptions"):
        assert giveaway not in text, text


def _notebook_cells():
    from conftest import ROOT

    nb = json.loads((ROOT / "notebooks" / "08-running-concurrently.ipynb").read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


@pytest.mark.parametrize(
    "marker, expected",
    [
        (
            "still running after gather raised",
            [
                "gather raised: DownloadError('could not download bad.txt')",
                "still running after gather raised: ['big.iso', 'medium.iso']",
                "events: start big.iso, start bad.txt, start medium.iso, fail bad.txt, finish medium.iso, finish big.iso",
            ],
        ),
        (
            "still running after the TaskGroup",
            [
                "caught: DownloadError('could not download bad.txt')",
                "still running after the TaskGroup: []",
                "how each ended: {'bad.txt': 'fail', 'big.iso': 'cancel', 'medium.iso': 'cancel'}",
            ],
        ),
        (
            "waiting jobs:",
            [
                "CPU jobs:     A start, A done, B start, B done, C start, C done",
                "waiting jobs: A start, B start, C start, A done, B done, C done",
            ],
        ),
        (
            "heartbeats while computing",
            ["heartbeats while computing: 0", "heartbeats while waiting:    some", "heartbeat cancelled: True"],
        ),
    ],
)
def test_predict_cells_print_what_the_reveal_says(shell, marker, expected):
    from conftest import arun

    codes = _notebook_cells()
    at = next(i for i, s in enumerate(codes) if marker in s)

    async def go():
        for source in codes[:at]:
            await arun(shell, source)
        return await arun(shell, codes[at])

    run = asyncio.run(go())
    assert run.error is None, run.stdout
    assert [line.strip() for line in run.stdout.splitlines()] == expected
