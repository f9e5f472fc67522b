"""Answer set of lesson 07 (low-level sockets); the format is described in ../test_answers.py."""

ANSWERS = [
    {
        "exercise": 'low-level-sockets.ask-all',
        "label": 'reference',
        "kind": 'lesson helper',
        "verdict": 'pass',
        "code": r"""import asyncio
from asyncio_lab.standins.streams import open_connection, start_server
async def ask_all(reader, writer, questions):
    answers = []
    try:
        for question in questions:
            writer.write(question.encode() + b"\n")
            await writer.drain()
            line = await reader.readline()
            answers.append(line.decode().rstrip("\n"))
    finally:
        writer.close()
        await writer.wait_closed()
    return answers
""",
    },
    {
        "exercise": 'low-level-sockets.ask-all',
        "label": 'readuntil-and-strip',
        "kind": 'other style',
        "verdict": 'pass',
        "code": r"""import asyncio
from asyncio_lab.standins.streams import open_connection, start_server

async def ask_all(reader, writer, questions):
    answers = []
    for q in questions:
        writer.write(f"{q}\n".encode())
        await writer.drain()
        answers.append((await reader.readuntil(b"\n")).decode().strip())
    writer.close()
    await writer.wait_closed()
    return answers
""",
    },
    {
        "exercise": 'low-level-sockets.ask-all',
        "label": 'pipelined-writelines',
        "kind": 'other style',
        "verdict": 'pass',
        "code": r"""import asyncio
from asyncio_lab.standins.streams import open_connection, start_server

async def ask_all(reader, writer, questions):
    writer.writelines([q.encode() + b"\n" for q in questions])
    await writer.drain()
    answers = [(await reader.readline()).decode().rstrip("\n") for _ in questions]
    writer.close()
    await writer.wait_closed()
    return answers
""",
    },
    {
        "exercise": 'low-level-sockets.ask-all',
        "label": 'readexactly-known-length',
        "kind": 'other style',
        "verdict": 'pass',
        "code": r"""import asyncio
from asyncio_lab.standins.streams import open_connection, start_server

async def ask_all(reader, writer, questions):
    answers = []
    for q in questions:
        data = q.encode() + b"\n"
        writer.write(data)
        await writer.drain()
        answers.append((await reader.readexactly(len(data)))[:-1].decode())
    writer.close()
    await writer.wait_closed()
    return answers
""",
    },
    {
        "exercise": 'low-level-sockets.line-server',
        "label": 'reference',
        "kind": 'lesson helper',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.standins.streams import open_connection, start_server
async def shout(reader, writer):
    try:
        while line := await reader.readline():
            writer.write(line.upper())
            await writer.drain()
    finally:
        writer.close()
        await writer.wait_closed()
""",
    },
    {
        "exercise": 'low-level-sockets.line-server',
        "label": 'async-for',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.standins.streams import open_connection, start_server

async def shout(reader, writer):
    async for line in reader:
        writer.write(line.upper())
        await writer.drain()
    writer.close()
    await writer.wait_closed()
""",
    },
    {
        "exercise": 'low-level-sockets.line-server',
        "label": 'at-eof-loop',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.standins.streams import open_connection, start_server

async def shout(reader, writer):
    while not reader.at_eof():
        line = await reader.readline()
        if line:
            writer.write(line.upper())
            await writer.drain()
    writer.close()
""",
    },
    {
        "exercise": 'low-level-sockets.line-server',
        "label": 'readuntil-incomplete',
        "kind": 'other style',
        "verdict": 'pass',
        "code": r"""import asyncio
from asyncio_lab.standins.streams import open_connection, start_server

async def shout(reader, writer):
    try:
        while True:
            line = await reader.readuntil(b"\n")
            writer.write(line.upper())
            await writer.drain()
    except asyncio.IncompleteReadError:
        pass
    writer.close()
    await writer.wait_closed()
""",
    },
    {
        "exercise": 'low-level-sockets.ask-all',
        "label": 'one read per answer',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'one whole answer per question',
        "message": 'several pieces',
        "code": r"""import asyncio
from asyncio_lab.standins.streams import open_connection, start_server
async def ask_all(reader, writer, questions):
    answers = []
    for question in questions:
        writer.write(question.encode() + b"\n")
        data = await reader.read(100)
        answers.append(data.decode().strip())
    return answers
""",
    },
    {
        "exercise": 'low-level-sockets.ask-all',
        "label": 'bytes answers',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'one whole answer per question',
        "message": 'strings',
        "code": r"""import asyncio
from asyncio_lab.standins.streams import open_connection, start_server

async def ask_all(reader, writer, questions):
    answers = []
    for q in questions:
        writer.write(q.encode() + b"\n")
        await writer.drain()
        answers.append((await reader.readline()).rstrip())
    writer.close()
    await writer.wait_closed()
    return answers
""",
    },
    {
        "exercise": 'low-level-sockets.ask-all',
        "label": 'no drain',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'flushes before waiting',
        "message": 'buffer',
        "code": r"""import asyncio
from asyncio_lab.standins.streams import open_connection, start_server

async def ask_all(reader, writer, questions):
    answers = []
    for q in questions:
        writer.write(q.encode() + b"\n")
        answers.append((await reader.readline()).decode().strip())
    writer.close()
    await writer.wait_closed()
    return answers
""",
    },
    {
        "exercise": 'low-level-sockets.ask-all',
        "label": 'close without waiting',
        "kind": 'leak',
        "verdict": 'fail',
        "check": 'closes and waits until closed',
        "message": 'not yet closed',
        "code": r"""import asyncio
from asyncio_lab.standins.streams import open_connection, start_server

async def ask_all(reader, writer, questions):
    answers = []
    for q in questions:
        writer.write(q.encode() + b"\n")
        await writer.drain()
        answers.append((await reader.readline()).decode().strip())
    writer.close()
    return answers
""",
    },
    {
        "exercise": 'low-level-sockets.ask-all',
        "label": 'never closes',
        "kind": 'leak',
        "verdict": 'fail',
        "check": 'closes and waits until closed',
        "message": 'still open',
        "code": r"""import asyncio
from asyncio_lab.standins.streams import open_connection, start_server

async def ask_all(reader, writer, questions):
    answers = []
    for q in questions:
        writer.write(q.encode() + b"\n")
        await writer.drain()
        answers.append((await reader.readline()).decode().strip())
    return answers
""",
    },
    {
        "exercise": 'low-level-sockets.ask-all',
        "label": 'reads one line too many',
        "kind": 'off-by-one',
        "verdict": 'fail',
        "check": 'one whole answer per question',
        "message": 'still waiting',
        "code": r"""import asyncio
from asyncio_lab.standins.streams import open_connection, start_server

async def ask_all(reader, writer, questions):
    answers = []
    for q in questions:
        writer.write(q.encode() + b"\n")
        await writer.drain()
        answers.append((await reader.readline()).decode().strip())
    await reader.readline()
    writer.close()
    await writer.wait_closed()
    return answers
""",
    },
    {
        "exercise": 'low-level-sockets.line-server',
        "label": 'one read',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'answers every line',
        "message": 'in capitals',
        "code": """import asyncio
from asyncio_lab.standins.streams import open_connection, start_server
async def shout(reader, writer):
    data = await reader.read(100)
    writer.write(data.upper())
    await writer.drain()
""",
    },
    {
        "exercise": 'low-level-sockets.line-server',
        "label": 'never closes',
        "kind": 'leak',
        "verdict": 'fail',
        "check": 'closes when the client is done',
        "message": 'never closed',
        "code": """import asyncio
from asyncio_lab.standins.streams import open_connection, start_server

async def shout(reader, writer):
    while line := await reader.readline():
        writer.write(line.upper())
        await writer.drain()
""",
    },
    {
        "exercise": 'low-level-sockets.line-server',
        "label": 'one line only',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'answers every line',
        "message": 'in capitals',
        "code": """import asyncio
from asyncio_lab.standins.streams import open_connection, start_server

async def shout(reader, writer):
    line = await reader.readline()
    writer.write(line.upper())
    await writer.drain()
    writer.close()
    await writer.wait_closed()
""",
    },
    {
        "exercise": 'low-level-sockets.line-server',
        "label": 'raises at the end',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'closes when the client is done',
        "message": 'raised ValueError',
        "code": """import asyncio
from asyncio_lab.standins.streams import open_connection, start_server

async def shout(reader, writer):
    while line := await reader.readline():
        writer.write(line.upper())
        await writer.drain()
    writer.close()
    await writer.wait_closed()
    raise ValueError("done")
""",
    },
    {
        "exercise": 'low-level-sockets.ask-all',
        "label": 'contextlib.AsyncExitStack closes and waits',
        "kind": 'other standard library',
        "verdict": 'pass',
        "code": r"""import asyncio
from asyncio_lab.standins.streams import open_connection, start_server

import contextlib

async def ask_all(reader, writer, questions):
    async with contextlib.AsyncExitStack() as stack:
        stack.push_async_callback(writer.wait_closed)
        stack.callback(writer.close)
        answers = []
        for q in questions:
            writer.write(f"{q}\n".encode())
            await writer.drain()
            answers.append((await reader.readline()).decode().removesuffix("\n"))
        return answers
""",
    },
    {
        "exercise": 'low-level-sockets.ask-all',
        "label": 'the answers hard-coded as the questions in capitals',
        "kind": 'hard-coded',
        "verdict": 'fail',
        "check": 'flushes before waiting',
        "code": """import asyncio
from asyncio_lab.standins.streams import open_connection, start_server

async def ask_all(reader, writer, questions):
    writer.close()
    await writer.wait_closed()
    return [q.upper() for q in questions]
""",
    },
    {
        "exercise": 'low-level-sockets.ask-all',
        "label": 'reads all answers at once with gather',
        "kind": 'concurrency lost',
        "verdict": 'fail',
        "check": 'one whole answer per question',
        "code": r"""import asyncio
from asyncio_lab.standins.streams import open_connection, start_server

async def ask_all(reader, writer, questions):
    try:
        for q in questions:
            writer.write(q.encode() + b"\n")
        await writer.drain()
        lines = await asyncio.gather(*(reader.readline() for _ in questions))
        return [line.decode().rstrip("\n") for line in lines]
    finally:
        writer.close()
        await writer.wait_closed()
""",
    },
    {
        "exercise": 'low-level-sockets.line-server',
        "label": 'reads chunks with read(1024): upper-casing a chunk is upper-casing its lines',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import asyncio
from asyncio_lab.standins.streams import open_connection, start_server

async def shout(reader, writer):
    try:
        while data := await reader.read(1024):
            writer.write(data.upper())
            await writer.drain()
    finally:
        writer.close()
        await writer.wait_closed()
""",
    },
    {
        "exercise": 'low-level-sockets.line-server',
        "label": 'the first line read before the loop is never answered',
        "kind": 'off-by-one',
        "verdict": 'fail',
        "check": 'answers every line',
        "code": """import asyncio
from asyncio_lab.standins.streams import open_connection, start_server

async def shout(reader, writer):
    line = await reader.readline()
    try:
        while line := await reader.readline():
            writer.write(line.upper())
            await writer.drain()
    finally:
        writer.close()
        await writer.wait_closed()
""",
    },
    {
        "exercise": 'low-level-sockets.line-server',
        "label": "the visible example's answer hard-coded",
        "kind": 'hard-coded',
        "verdict": 'fail',
        "check": 'answers every line',
        "code": r"""import asyncio
from asyncio_lab.standins.streams import open_connection, start_server

async def shout(reader, writer):
    try:
        while await reader.readline():
            writer.write(b"HELLO\n")
            await writer.drain()
    finally:
        writer.close()
        await writer.wait_closed()
""",
    },
    {
        "exercise": 'low-level-sockets.line-server',
        "label": 'answers only after the client is done, in reverse',
        "kind": 'order lost',
        "verdict": 'fail',
        "check": 'answers every line',
        "code": """import asyncio
from asyncio_lab.standins.streams import open_connection, start_server

async def shout(reader, writer):
    lines = []
    while line := await reader.readline():
        lines.append(line)
    for line in reversed(lines):
        writer.write(line.upper())
    await writer.drain()
    writer.close()
    await writer.wait_closed()
""",
    },
    {
        "exercise": 'low-level-sockets.line-server',
        "label": 'answers without the newline',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'answers every line',
        "code": """import asyncio
from asyncio_lab.standins.streams import open_connection, start_server

async def shout(reader, writer):
    try:
        while line := await reader.readline():
            writer.write(line.strip().upper())
            await writer.drain()
    finally:
        writer.close()
        await writer.wait_closed()
""",
    },
    {
        "exercise": 'low-level-sockets.line-server',
        "label": 'an empty line taken for the end of the conversation',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'answers every line',
        "code": """import asyncio
from asyncio_lab.standins.streams import open_connection, start_server

async def shout(reader, writer):
    try:
        while (line := await reader.readline()).strip():
            writer.write(line.upper())
            await writer.drain()
    finally:
        writer.close()
        await writer.wait_closed()
""",
    },
    # ------------------------------------------------------------------ more answers (merged from branch issue13f)
    {
        "exercise": "low-level-sockets.ask-all",
        "label": "the lesson's solution: write, drain, readline; close and wait_closed in finally",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
async def ask_all(reader, writer, questions):
    answers = []
    try:
        for question in questions:
            writer.write(question.encode() + b"\\n")
            await writer.drain()
            line = await reader.readline()
            answers.append(line.decode().rstrip("\\n"))
    finally:
        writer.close()
        await writer.wait_closed()
    return answers
""",
    },
    {
        "exercise": "low-level-sockets.ask-all",
        "label": "readuntil(b'\\n') and removesuffix",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def ask_all(reader, writer, questions):
    answers = []
    for q in questions:
        writer.write(f"{q}\\n".encode())
        await writer.drain()
        answers.append((await reader.readuntil(b"\\n")).decode().removesuffix("\\n"))
    writer.close()
    await writer.wait_closed()
    return answers
""",
    },
    {
        "exercise": "low-level-sockets.ask-all",
        "label": "pipelined: all questions with writelines and one drain, then one readline each",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def ask_all(reader, writer, questions):
    writer.writelines(q.encode() + b"\\n" for q in questions)
    await writer.drain()
    answers = [(await reader.readline()).decode().strip() for _ in questions]
    writer.close()
    await writer.wait_closed()
    return answers
""",
    },
    {
        "exercise": "low-level-sockets.ask-all",
        "label": "framing by hand: read(100) into a buffer until a newline is there",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def ask_all(reader, writer, questions):
    answers = []
    buffer = b""
    try:
        for question in questions:
            writer.write(question.encode() + b"\\n")
            await writer.drain()
            while b"\\n" not in buffer:
                chunk = await reader.read(100)
                if not chunk:
                    raise ConnectionError("the server hung up")
                buffer += chunk
            line, buffer = buffer.split(b"\\n", 1)
            answers.append(line.decode())
    finally:
        writer.close()
        await writer.wait_closed()
    return answers
""",
    },
    {
        "exercise": "low-level-sockets.ask-all",
        "label": "contextlib.AsyncExitStack closes and waits on the way out",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
import contextlib

async def ask_all(reader, writer, questions):
    async with contextlib.AsyncExitStack() as stack:
        stack.push_async_callback(writer.wait_closed)
        stack.callback(writer.close)
        answers = []
        for question in questions:
            writer.write(question.encode() + b"\\n")
            await writer.drain()
            answers.append((await reader.readline()).decode("utf-8").rstrip("\\r\\n"))
    return answers
""",
    },
    {
        "exercise": "low-level-sockets.ask-all",
        "label": "readexactly(len + 1): the answer is as long as the question",
        "kind": "plain asyncio",
        "verdict": "pass",
        "note": "capitals of ASCII text keep its length; a protocol-specific but correct framing",
        "code": """
async def ask_all(reader, writer, questions):
    answers = []
    for question in questions:
        data = question.encode() + b"\\n"
        writer.write(data)
        await writer.drain()
        answers.append((await reader.readexactly(len(data)))[:-1].decode())
    writer.close()
    await writer.wait_closed()
    return answers
""",
    },
    {
        "exercise": "low-level-sockets.ask-all",
        "label": "async for over the reader, one line per question",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def ask_all(reader, writer, questions):
    answers = []
    try:
        if not questions:
            return answers
        writer.write(questions[0].encode() + b"\\n")
        await writer.drain()
        async for line in reader:
            answers.append(line.decode()[:-1])
            if len(answers) == len(questions):
                break
            writer.write(questions[len(answers)].encode() + b"\\n")
            await writer.drain()
    finally:
        writer.close()
        await writer.wait_closed()
    return answers
""",
    },
    {
        "exercise": "low-level-sockets.ask-all",
        "label": "every question at once, write_eof(), then read() to the end of the stream",
        "kind": "other style",
        "verdict": "pass",
        "note": "the server answers every line and closes at end of stream, so read() returns every answer",
        "code": """
async def ask_all(reader, writer, questions):
    writer.write(b"".join(q.encode() + b"\\n" for q in questions))
    await writer.drain()
    writer.write_eof()
    data = await reader.read()
    writer.close()
    await writer.wait_closed()
    return data.decode().splitlines()
""",
    },
    {
        "exercise": "low-level-sockets.ask-all",
        "label": "the starter: one read(100) taken as one answer",
        "kind": "misconception",
        "verdict": "fail",
        "check": "one whole answer per question",
        "message": "several pieces",
        "code": """
async def ask_all(reader, writer, questions):
    answers = []
    for question in questions:
        writer.write(question.encode() + b"\\n")
        data = await reader.read(100)
        answers.append(data.decode().strip())
    return answers
""",
    },
    {
        "exercise": "low-level-sockets.ask-all",
        "label": "readline but no drain after write",
        "kind": "misconception",
        "verdict": "fail",
        "check": "flushes before waiting",
        "message": "still be sitting in the writer's buffer",
        "code": """
async def ask_all(reader, writer, questions):
    answers = []
    for question in questions:
        writer.write(question.encode() + b"\\n")
        answers.append((await reader.readline()).decode().rstrip("\\n"))
    writer.close()
    await writer.wait_closed()
    return answers
""",
    },
    {
        "exercise": "low-level-sockets.ask-all",
        "label": "close() without wait_closed()",
        "kind": "misconception",
        "verdict": "fail",
        "check": "closes and waits until closed",
        "message": "closing but not yet closed",
        "code": """
async def ask_all(reader, writer, questions):
    answers = []
    for question in questions:
        writer.write(question.encode() + b"\\n")
        await writer.drain()
        answers.append((await reader.readline()).decode().rstrip("\\n"))
    writer.close()
    return answers
""",
    },
    {
        "exercise": "low-level-sockets.ask-all",
        "label": "the connection is never closed",
        "kind": "leak",
        "verdict": "fail",
        "check": "closes and waits until closed",
        "message": "still open",
        "code": """
async def ask_all(reader, writer, questions):
    answers = []
    for question in questions:
        writer.write(question.encode() + b"\\n")
        await writer.drain()
        answers.append((await reader.readline()).decode().rstrip("\\n"))
    return answers
""",
    },
    {
        "exercise": "low-level-sockets.ask-all",
        "label": "the newline kept in each answer",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "one whole answer per question",
        "message": "expected one answer per question",
        "code": """
async def ask_all(reader, writer, questions):
    answers = []
    try:
        for question in questions:
            writer.write(question.encode() + b"\\n")
            await writer.drain()
            answers.append((await reader.readline()).decode())
    finally:
        writer.close()
        await writer.wait_closed()
    return answers
""",
    },
    {
        "exercise": "low-level-sockets.ask-all",
        "label": "the answers returned as bytes",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "one whole answer per question",
        "message": "got bytes",
        "code": """
async def ask_all(reader, writer, questions):
    answers = []
    try:
        for question in questions:
            writer.write(question.encode() + b"\\n")
            await writer.drain()
            answers.append((await reader.readline()).rstrip(b"\\n"))
    finally:
        writer.close()
        await writer.wait_closed()
    return answers
""",
    },
    {
        "exercise": "low-level-sockets.ask-all",
        "label": "the last question never asked",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "one whole answer per question",
        "message": "expected one answer per question",
        "code": """
async def ask_all(reader, writer, questions):
    answers = []
    try:
        for i in range(len(questions) - 1):
            writer.write(questions[i].encode() + b"\\n")
            await writer.drain()
            answers.append((await reader.readline()).decode().rstrip("\\n"))
    finally:
        writer.close()
        await writer.wait_closed()
    return answers
""",
    },
    {
        "exercise": "low-level-sockets.ask-all",
        "label": "answers sorted",
        "kind": "order lost",
        "verdict": "fail",
        "check": "one whole answer per question",
        "message": "expected one answer per question",
        "code": """
async def ask_all(reader, writer, questions):
    answers = []
    try:
        for question in questions:
            writer.write(question.encode() + b"\\n")
            await writer.drain()
            answers.append((await reader.readline()).decode().rstrip("\\n"))
    finally:
        writer.close()
        await writer.wait_closed()
    return sorted(answers)
""",
    },
    {
        "exercise": "low-level-sockets.ask-all",
        "label": "the answers computed locally, nothing sent",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "flushes before waiting",
        "message": "nothing was written",
        "code": """
async def ask_all(reader, writer, questions):
    writer.close()
    await writer.wait_closed()
    return [q.upper() for q in questions]
""",
    },
    {
        "exercise": "low-level-sockets.ask-all",
        "label": "all questions at once, then one read(4096) split into lines",
        "kind": "misconception",
        "verdict": "fail",
        "check": "one whole answer per question",
        "message": "several pieces",
        "code": """
async def ask_all(reader, writer, questions):
    writer.write("".join(q + "\\n" for q in questions).encode())
    await writer.drain()
    data = await reader.read(4096)
    writer.close()
    await writer.wait_closed()
    return data.decode().splitlines()
""",
    },
    {
        "exercise": "low-level-sockets.ask-all",
        "label": "every question asked in its own task at once: two readers of one stream",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "one whole answer per question",
        "code": """
async def ask_all(reader, writer, questions):
    async def ask(question):
        writer.write(question.encode() + b"\\n")
        await writer.drain()
        return (await reader.readline()).decode().rstrip("\\n")
    try:
        return list(await asyncio.gather(*(ask(q) for q in questions)))
    finally:
        writer.close()
        await writer.wait_closed()
""",
    },
    {
        "exercise": "low-level-sockets.ask-all",
        "label": "close() and then a sleep(0) to let it close, instead of wait_closed()",
        "kind": "misconception",
        "verdict": "fail",
        "check": "closes and waits until closed",
        "message": "closing but not yet closed",
        "note": "one loop step happens to suffice for a bare socket; a close can take longer",
        "code": """
async def ask_all(reader, writer, questions):
    answers = []
    for question in questions:
        writer.write(question.encode() + b"\\n")
        await writer.drain()
        answers.append((await reader.readline()).decode().rstrip("\\n"))
    writer.close()
    await asyncio.sleep(0)
    return answers
""",
    },
    {
        "exercise": "low-level-sockets.ask-all",
        "label": "transport.abort() once everything is answered, then wait_closed()",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def ask_all(reader, writer, questions):
    answers = []
    for question in questions:
        writer.write(question.encode() + b"\\n")
        await writer.drain()
        answers.append((await reader.readline()).decode().rstrip("\\n"))
    writer.transport.abort()
    await writer.wait_closed()
    return answers
""",
    },
    {
        "exercise": "low-level-sockets.line-server",
        "label": "the lesson's solution: while line := await readline()",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
async def shout(reader, writer):
    try:
        while line := await reader.readline():
            writer.write(line.upper())
            await writer.drain()
    finally:
        writer.close()
        await writer.wait_closed()
""",
    },
    {
        "exercise": "low-level-sockets.line-server",
        "label": "async for line in reader",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def shout(reader, writer):
    async for line in reader:
        writer.write(line.upper())
        await writer.drain()
    writer.close()
    await writer.wait_closed()
""",
    },
    {
        "exercise": "low-level-sockets.line-server",
        "label": "readuntil, stopping at IncompleteReadError (a last line without newline answered too)",
        "kind": "plain asyncio",
        "verdict": "pass",
        "code": """
async def shout(reader, writer):
    while True:
        try:
            line = await reader.readuntil(b"\\n")
        except asyncio.IncompleteReadError as exc:
            if exc.partial:
                writer.write(exc.partial.upper())
                await writer.drain()
            break
        writer.write(line.upper())
        await writer.drain()
    writer.close()
    await writer.wait_closed()
""",
    },
    {
        "exercise": "low-level-sockets.line-server",
        "label": "framing by hand: read(100) into a buffer, split off whole lines",
        "kind": "other style",
        "verdict": "pass",
        "code": """
async def shout(reader, writer):
    buffer = b""
    while True:
        chunk = await reader.read(100)
        if not chunk:
            break
        buffer += chunk
        *lines, buffer = buffer.split(b"\\n")
        for line in lines:
            writer.write(line.upper() + b"\\n")
        await writer.drain()
    writer.close()
    await writer.wait_closed()
""",
    },
    {
        "exercise": "low-level-sockets.line-server",
        "label": "at_eof() loop, contextlib.closing around it",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
import contextlib

async def shout(reader, writer):
    with contextlib.closing(writer):
        while not reader.at_eof():
            line = await reader.readline()
            if line:
                writer.write(line.upper())
                await writer.drain()
    await writer.wait_closed()
""",
    },
    {
        "exercise": "low-level-sockets.line-server",
        "label": "chunks shouted as they come: capitals do not need line boundaries",
        "kind": "other style",
        "verdict": "pass",
        "note": "upper() works byte by byte on ASCII, so each reply line arrives whole in the end",
        "code": """
async def shout(reader, writer):
    while data := await reader.read(100):
        writer.write(data.upper())
        await writer.drain()
    writer.close()
    await writer.wait_closed()
""",
    },
    {
        "exercise": "low-level-sockets.line-server",
        "label": "the starter: one read(100), then returns",
        "kind": "misconception",
        "verdict": "fail",
        "check": "answers every line",
        "message": "expected each line back in capitals",
        "code": """
async def shout(reader, writer):
    data = await reader.read(100)
    writer.write(data.upper())
    await writer.drain()
""",
    },
    {
        "exercise": "low-level-sockets.line-server",
        "label": "answers every line but never closes the connection",
        "kind": "leak",
        "verdict": "fail",
        "check": "closes when the client is done",
        "message": "never closed the connection",
        "code": """
async def shout(reader, writer):
    while line := await reader.readline():
        writer.write(line.upper())
        await writer.drain()
""",
    },
    {
        "exercise": "low-level-sockets.line-server",
        "label": "the newline stripped from each reply",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "answers every line",
        "message": "expected each line back in capitals",
        "code": """
async def shout(reader, writer):
    while line := await reader.readline():
        writer.write(line.strip().upper())
        await writer.drain()
    writer.close()
    await writer.wait_closed()
""",
    },
    {
        "exercise": "low-level-sockets.line-server",
        "label": "two lines, as in the visible example",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "answers every line",
        "message": "expected each line back in capitals",
        "code": """
async def shout(reader, writer):
    for _ in range(2):
        line = await reader.readline()
        writer.write(line.upper())
        await writer.drain()
    writer.close()
    await writer.wait_closed()
""",
    },
    {
        "exercise": "low-level-sockets.line-server",
        "label": "one line fewer than sent: the loop stops before the last",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "answers every line",
        "message": "expected each line back in capitals",
        "code": """
async def shout(reader, writer):
    line = await reader.readline()
    while line:
        nxt = await reader.readline()
        if not nxt:
            break
        writer.write(line.upper())
        await writer.drain()
        line = nxt
    writer.close()
    await writer.wait_closed()
""",
    },
    {
        "exercise": "low-level-sockets.line-server",
        "label": "reads everything until the client hangs up, then answers",
        "kind": "concurrency lost",
        "verdict": "fail",
        "check": "answers every line",
        "message": "expected each line back in capitals",
        "code": """
async def shout(reader, writer):
    lines = [line async for line in reader]
    for line in lines:
        writer.write(line.upper())
    await writer.drain()
    writer.close()
    await writer.wait_closed()
""",
    },
    {
        "exercise": "low-level-sockets.line-server",
        "label": "readuntil with no handling of the end of the stream",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "closes when the client is done",
        "message": "IncompleteReadError",
        "code": """
async def shout(reader, writer):
    try:
        while True:
            line = await reader.readuntil(b"\\n")
            writer.write(line.upper())
            await writer.drain()
    finally:
        writer.close()
        await writer.wait_closed()
""",
    },
    {
        "exercise": "low-level-sockets.line-server",
        "label": "framing by hand, the whole lines of each read popped from a list (last first)",
        "kind": "order lost",
        "verdict": "fail",
        "check": "answers every line",
        "message": "expected each line back in capitals",
        "code": """
async def shout(reader, writer):
    buffer = b""
    while chunk := await reader.read(100):
        buffer += chunk
        *lines, buffer = buffer.split(b"\\n")
        while lines:
            writer.write(lines.pop().upper() + b"\\n")
        await writer.drain()
    writer.close()
    await writer.wait_closed()
""",
    },
    {
        "exercise": "low-level-sockets.line-server",
        "label": "hangs up after the first line",
        "kind": "misconception",
        "verdict": "fail",
        "check": "answers every line",
        "message": "expected each line back in capitals",
        "code": """
async def shout(reader, writer):
    line = await reader.readline()
    writer.write(line.upper())
    await writer.drain()
    writer.close()
    await writer.wait_closed()
""",
    },
    {
        "exercise": "low-level-sockets.line-server",
        "label": "write_eof() instead of close(): the connection is left half open",
        "kind": "leak",
        "verdict": "fail",
        "check": "closes when the client is done",
        "message": "without closing its connection",
        "code": """
async def shout(reader, writer):
    while line := await reader.readline():
        writer.write(line.upper())
        await writer.drain()
    writer.write_eof()
""",
    },
    {
        "exercise": "low-level-sockets.line-server",
        "label": "close() without wait_closed(): the handler returns while the close completes",
        "kind": "other style",
        "verdict": "pass",
        "note": "the statement asks the handler to close and return; unlike ask-all it does not ask to wait",
        "code": """
async def shout(reader, writer):
    while line := await reader.readline():
        writer.write(line.upper())
        await writer.drain()
    writer.close()
""",
    },
]
