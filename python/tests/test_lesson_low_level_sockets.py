"""Lesson 7 (low-level sockets): the checks accept every correct approach and explain wrong ones.

Every case runs twice: over real TCP sockets on 127.0.0.1 and over the in-memory stand-in
that the browser uses, and must give the same verdict on both.
"""

from __future__ import annotations

import asyncio
import gc
import warnings

import pytest

from lessonkit import read_notebook
from asyncio_lab import exercises
from asyncio_lab.lessons import low_level_sockets
from asyncio_lab.standins import streams
from asyncio_lab.standins._loopback import REAL, STANDIN, use

LESSON = "low-level-sockets"
KINDS = [REAL, STANDIN]


@pytest.fixture(autouse=True)
def nothing_logged_by_asyncio(caplog):
    """asyncio logs what the loop's default exception handler gets: in a notebook, stderr."""
    caplog.set_level("WARNING", logger="asyncio")
    yield
    logged = [r.getMessage() for r in caplog.records if r.name == "asyncio"]
    assert not logged, logged


def _namespace(source: str) -> dict:
    ns = {"asyncio": asyncio, "__name__": "__main__"}
    exec("from asyncio_lab.standins.streams import open_connection, start_server\n" + source, ns)
    return ns


def _check(ex_id: str, source: str, kind: str) -> exercises.CheckResult:
    with use(kind), warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing may leak a warning (it would reach stderr)
        result = exercises.run_checks_sync(f"{LESSON}.{ex_id}", _namespace(source))
        gc.collect()  # an unclosed transport or writer would warn here
    return result


def _failed(result) -> dict[str, str]:
    return {c.name: c.message for c in result.checks if not c.passed}


ALTERNATIVES = {
    "ask-all": {
        "reference": exercises.get(f"{LESSON}.ask-all").solution,
        "readuntil-and-strip": """
async def ask_all(reader, writer, questions):
    answers = []
    for q in questions:
        writer.write(f"{q}\\n".encode())
        await writer.drain()
        answers.append((await reader.readuntil(b"\\n")).decode().strip())
    writer.close()
    await writer.wait_closed()
    return answers
""",
        "pipelined-writelines": """
async def ask_all(reader, writer, questions):
    writer.writelines([q.encode() + b"\\n" for q in questions])
    await writer.drain()
    answers = [(await reader.readline()).decode().rstrip("\\n") for _ in questions]
    writer.close()
    await writer.wait_closed()
    return answers
""",
        "readexactly-known-length": """
async def ask_all(reader, writer, questions):
    answers = []
    for q in questions:
        data = q.encode() + b"\\n"
        writer.write(data)
        await writer.drain()
        answers.append((await reader.readexactly(len(data)))[:-1].decode())
    writer.close()
    await writer.wait_closed()
    return answers
""",
    },
    "line-server": {
        "reference": exercises.get(f"{LESSON}.line-server").solution,
        "async-for": """
async def shout(reader, writer):
    async for line in reader:
        writer.write(line.upper())
        await writer.drain()
    writer.close()
    await writer.wait_closed()
""",
        "at-eof-loop": """
async def shout(reader, writer):
    while not reader.at_eof():
        line = await reader.readline()
        if line:
            writer.write(line.upper())
            await writer.drain()
    writer.close()
""",
        "readuntil-incomplete": """
async def shout(reader, writer):
    try:
        while True:
            line = await reader.readuntil(b"\\n")
            writer.write(line.upper())
            await writer.drain()
    except asyncio.IncompleteReadError:
        pass
    writer.close()
    await writer.wait_closed()
""",
    },
}

WRONG = {
    "ask-all": {
        # (source, the check that must fail, words its message must contain)
        "one read per answer": (exercises.get(f"{LESSON}.ask-all").starter, "one whole answer per question",
                                "several pieces"),
        "bytes answers": ("""
async def ask_all(reader, writer, questions):
    answers = []
    for q in questions:
        writer.write(q.encode() + b"\\n")
        await writer.drain()
        answers.append((await reader.readline()).rstrip())
    writer.close()
    await writer.wait_closed()
    return answers
""", "one whole answer per question", "strings"),
        "no drain": ("""
async def ask_all(reader, writer, questions):
    answers = []
    for q in questions:
        writer.write(q.encode() + b"\\n")
        answers.append((await reader.readline()).decode().strip())
    writer.close()
    await writer.wait_closed()
    return answers
""", "flushes before waiting", "buffer"),
        "close without waiting": ("""
async def ask_all(reader, writer, questions):
    answers = []
    for q in questions:
        writer.write(q.encode() + b"\\n")
        await writer.drain()
        answers.append((await reader.readline()).decode().strip())
    writer.close()
    return answers
""", "closes and waits until closed", "not yet closed"),
        "never closes": ("""
async def ask_all(reader, writer, questions):
    answers = []
    for q in questions:
        writer.write(q.encode() + b"\\n")
        await writer.drain()
        answers.append((await reader.readline()).decode().strip())
    return answers
""", "closes and waits until closed", "still open"),
        "reads one line too many": ("""
async def ask_all(reader, writer, questions):
    answers = []
    for q in questions:
        writer.write(q.encode() + b"\\n")
        await writer.drain()
        answers.append((await reader.readline()).decode().strip())
    await reader.readline()
    writer.close()
    await writer.wait_closed()
    return answers
""", "one whole answer per question", "still waiting"),
    },
    "line-server": {
        "one read": (exercises.get(f"{LESSON}.line-server").starter, "answers every line", "in capitals"),
        "never closes": ("""
async def shout(reader, writer):
    while line := await reader.readline():
        writer.write(line.upper())
        await writer.drain()
""", "closes when the client is done", "never closed"),
        "one line only": ("""
async def shout(reader, writer):
    line = await reader.readline()
    writer.write(line.upper())
    await writer.drain()
    writer.close()
    await writer.wait_closed()
""", "answers every line", "in capitals"),
        "raises at the end": ("""
async def shout(reader, writer):
    while line := await reader.readline():
        writer.write(line.upper())
        await writer.drain()
    writer.close()
    await writer.wait_closed()
    raise ValueError("done")
""", "closes when the client is done", "raised ValueError"),
    },
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("ex_id", ["ask-all", "line-server"])
def test_starter_fails_and_solution_passes(ex_id, kind):
    exercise = exercises.get(f"{LESSON}.{ex_id}")
    starter = _check(ex_id, exercise.starter, kind)
    assert not starter.passed and starter.error is None
    solution = _check(ex_id, exercise.solution, kind)
    assert solution.passed, solution.to_text()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "ex_id, name", [(ex, name) for ex, cases in ALTERNATIVES.items() for name in cases]
)
def test_correct_alternatives_pass(ex_id, name, kind):
    result = _check(ex_id, ALTERNATIVES[ex_id][name], kind)
    assert result.passed, result.to_text()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("ex_id, name", [(ex, name) for ex, cases in WRONG.items() for name in cases])
def test_wrong_approaches_fail_with_a_helpful_message(ex_id, name, kind):
    source, check, words = WRONG[ex_id][name]
    result = _check(ex_id, source, kind)
    failed = _failed(result)
    assert check in failed, result.to_text()
    assert words in failed[check], failed[check]


@pytest.mark.parametrize("kind", KINDS)
def test_missing_or_sync_function_is_explained(kind):
    result = _check("ask-all", "x = 1\n", kind)
    assert all("`ask_all` is not defined" in c.message for c in result.checks)
    result = _check("line-server", "def shout(reader, writer):\n    pass\n", kind)
    assert all("coroutine function" in c.message for c in result.checks)


@pytest.mark.parametrize("kind", KINDS)
def test_demo_helpers(kind, capsys):
    ns = _namespace(exercises.get(f"{LESSON}.ask-all").solution + exercises.get(f"{LESSON}.line-server").solution)

    async def go():
        answers = await low_level_sockets.try_ask_all(ns["ask_all"], ["hello", "asyncio"])
        replies = await low_level_sockets.try_server(ns["shout"], ["hello", "asyncio"])
        starter_ns = _namespace(exercises.get(f"{LESSON}.ask-all").starter)
        partial = await low_level_sockets.try_ask_all(starter_ns["ask_all"], ["hello", "asyncio"])
        return answers, replies, partial

    with use(kind), warnings.catch_warnings():
        warnings.simplefilter("error")
        answers, replies, partial = asyncio.run(go())
        gc.collect()
    assert answers == ["HELLO", "ASYNCIO"]
    assert replies == ["HELLO\n", "ASYNCIO\n"]
    assert partial != ["HELLO", "ASYNCIO"]  # one read() is not one answer
    assert "left the connection open" in capsys.readouterr().out


def test_shouting_server_splits_replies():
    async def go():
        async with low_level_sockets.ShoutingServer(pieces=2) as server:
            reader, writer = await streams.open_connection(*server.address)
            writer.write(b"hello\n")
            await writer.drain()
            first = await reader.read(100)
            rest = await reader.readline()
            writer.close()
            await writer.wait_closed()
        return first, rest

    for kind in KINDS:
        with use(kind):
            assert asyncio.run(go()) == (b"HEL", b"LO\n")


@pytest.mark.parametrize("ex_id, name", [("ask-all", "ask_all"), ("line-server", "shout")])
def test_each_check_run_runs_the_code_again(ex_id, name):
    """The checks of one %%check share one run of the learner's code; the next %%check reruns it."""
    ns = _namespace(exercises.get(f"{LESSON}.{ex_id}").solution)
    for _ in range(2):
        with use(STANDIN):
            assert exercises.run_checks_sync(f"{LESSON}.{ex_id}", ns).passed
        assert not low_level_sockets._RUNS.held(ns[name])


@pytest.mark.parametrize("kind", KINDS)
def test_predict_cell_prints_what_the_lesson_explains(shell, kind):
    """The framing cell prints what 'What happened' says, on real sockets and on the stand-in."""
    from conftest import ROOT, arun

    nb = read_notebook(ROOT / "notebooks" / "07-low-level-sockets.ipynb")
    codes = [c.source for c in nb.cells if c.cell_type == "code"]
    predict = next(s for s in codes if "ShoutingServer(pieces=2)" in s)

    async def go():
        setup = await arun(shell, codes[0])
        assert setup.error is None, setup.stdout
        return await arun(shell, predict)

    with use(kind):
        run = asyncio.run(go())
    assert run.error is None and not run.stderr, (run.error, run.stderr)
    assert [line.split("->")[1].strip() for line in run.stdout.splitlines()] == [
        "b'HEL'",
        "b'LO\\n'",
        "b'ONE\\n'",
        "b'TWO\\n'",
    ]


def test_server_wait_closed_waits_for_open_connections_from_3_12():
    """Lesson 7: after server.close(), wait_closed() waits for open connections from Python 3.12
    (3.11 returned at once); 3.13 added server.close_clients()."""
    import sys

    async def go():
        release = asyncio.Event()

        async def handler(reader, writer):
            await release.wait()
            writer.close()
            await writer.wait_closed()

        server = await asyncio.start_server(handler, "127.0.0.1", 0)
        reader, writer = await asyncio.open_connection(*server.sockets[0].getsockname()[:2])
        await asyncio.sleep(0.01)  # the handler is running
        server.close()
        waiting = asyncio.create_task(server.wait_closed())
        await asyncio.sleep(0.05)
        still_waiting = not waiting.done()
        release.set()
        await reader.read()  # the handler closed its end
        writer.close()
        await writer.wait_closed()
        await asyncio.wait_for(waiting, 5)
        return still_waiting

    assert asyncio.run(go()) == (sys.version_info >= (3, 12))
    assert hasattr(asyncio.Server, "close_clients") == (sys.version_info >= (3, 13))
