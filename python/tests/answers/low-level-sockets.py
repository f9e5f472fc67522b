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
]
