"""Answer set of lesson 09 (UDP with create_datagram_endpoint); the format is described in ../test_answers.py."""

ANSWERS = [
    {
        "exercise": 'udp.ask',
        "label": "the lesson's solution: asyncio.timeout per attempt, close in finally",
        "kind": 'lesson helper',
        "verdict": 'pass',
        "code": """
import asyncio
from asyncio_lab.standins.datagram import create_datagram_endpoint


class ReplyCatcher(asyncio.DatagramProtocol):
    def __init__(self):
        self.replies = asyncio.Queue()

    def datagram_received(self, data, addr):
        self.replies.put_nowait(data)


async def ask(server, question, *, timeout=0.5, attempts=3):
    loop = asyncio.get_running_loop()
    transport, catcher = await create_datagram_endpoint(loop, ReplyCatcher, remote_addr=server)
    try:
        for _ in range(attempts):
            transport.sendto(question)
            try:
                async with asyncio.timeout(timeout):
                    return await catcher.replies.get()
            except TimeoutError:
                pass
        return None
    finally:
        transport.close()
""",
    },
    {
        "exercise": 'udp.ask',
        "label": "the loop's own create_datagram_endpoint, wait_for",
        "kind": 'plain asyncio',
        "verdict": 'pass',
        "platforms": ['cpython'],
        "code": """
import asyncio
from asyncio_lab.standins.datagram import create_datagram_endpoint


class ReplyCatcher(asyncio.DatagramProtocol):
    def __init__(self):
        self.replies = asyncio.Queue()

    def datagram_received(self, data, addr):
        self.replies.put_nowait(data)


async def ask(server, question, *, timeout=0.5, attempts=3):
    loop = asyncio.get_running_loop()
    transport, catcher = await loop.create_datagram_endpoint(ReplyCatcher, remote_addr=server)
    try:
        for _ in range(attempts):
            transport.sendto(question)
            try:
                return await asyncio.wait_for(catcher.replies.get(), timeout)
            except asyncio.TimeoutError:
                continue
        return None
    finally:
        transport.close()
""",
    },
    {
        "exercise": 'udp.ask',
        "label": 'asyncio.wait with a timeout; the getter task is cancelled when it times out',
        "kind": 'plain asyncio',
        "verdict": 'pass',
        "code": """
import asyncio
from asyncio_lab.standins.datagram import create_datagram_endpoint


class ReplyCatcher(asyncio.DatagramProtocol):
    def __init__(self):
        self.replies = asyncio.Queue()

    def datagram_received(self, data, addr):
        self.replies.put_nowait(data)


async def ask(server, question, *, timeout=0.5, attempts=3):
    loop = asyncio.get_running_loop()
    transport, catcher = await create_datagram_endpoint(loop, ReplyCatcher, remote_addr=server)
    try:
        for _ in range(attempts):
            transport.sendto(question)
            getter = asyncio.ensure_future(catcher.replies.get())
            done, _ = await asyncio.wait({getter}, timeout=timeout)
            if done:
                return getter.result()
            getter.cancel()
            await asyncio.gather(getter, return_exceptions=True)
        return None
    finally:
        transport.close()
""",
    },
    {
        "exercise": 'udp.ask',
        "label": 'contextlib.closing around the transport, a while loop counting attempts',
        "kind": 'other standard library',
        "verdict": 'pass',
        "code": """
import asyncio
from asyncio_lab.standins.datagram import create_datagram_endpoint


class ReplyCatcher(asyncio.DatagramProtocol):
    def __init__(self):
        self.replies = asyncio.Queue()

    def datagram_received(self, data, addr):
        self.replies.put_nowait(data)


import contextlib

async def ask(server, question, *, timeout=0.5, attempts=3):
    loop = asyncio.get_running_loop()
    transport, catcher = await create_datagram_endpoint(loop, ReplyCatcher, remote_addr=server)
    with contextlib.closing(transport):
        tries = 0
        while tries < attempts:
            tries += 1
            transport.sendto(question)
            try:
                return await asyncio.wait_for(catcher.replies.get(), timeout=timeout)
            except TimeoutError:
                pass
    return None
""",
    },
    {
        "exercise": 'udp.ask',
        "label": 'a protocol with a future per question; a new endpoint for each attempt',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """
import asyncio
from asyncio_lab.standins.datagram import create_datagram_endpoint


class OneReply(asyncio.DatagramProtocol):
    def __init__(self):
        self.reply = asyncio.get_running_loop().create_future()

    def datagram_received(self, data, addr):
        if not self.reply.done():
            self.reply.set_result(data)


async def ask(server, question, *, timeout=0.5, attempts=3):
    loop = asyncio.get_running_loop()
    for _ in range(attempts):
        transport, proto = await create_datagram_endpoint(loop, OneReply, remote_addr=server)
        try:
            transport.sendto(question)
            return await asyncio.wait_for(proto.reply, timeout)
        except TimeoutError:
            continue
        finally:
            transport.close()
    return None
""",
    },
    {
        "exercise": 'udp.ask',
        "label": 'an unconnected endpoint (local_addr), sendto with the address',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """
import asyncio
from asyncio_lab.standins.datagram import create_datagram_endpoint


class ReplyCatcher(asyncio.DatagramProtocol):
    def __init__(self):
        self.replies = asyncio.Queue()

    def datagram_received(self, data, addr):
        self.replies.put_nowait(data)


async def ask(server, question, *, timeout=0.5, attempts=3):
    loop = asyncio.get_running_loop()
    transport, catcher = await create_datagram_endpoint(loop, ReplyCatcher, local_addr=("127.0.0.1", 0))
    try:
        for attempt in range(1, attempts + 1):
            transport.sendto(question, server)
            try:
                async with asyncio.timeout(timeout):
                    return await catcher.replies.get()
            except TimeoutError:
                if attempt == attempts:
                    return None
    finally:
        transport.close()
""",
    },
    {
        "exercise": 'udp.ask',
        "label": 'the starter: waits for the answer forever',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'asks again when a datagram is lost',
        "message": 'still waiting',
        "code": """
import asyncio
from asyncio_lab.standins.datagram import create_datagram_endpoint


class ReplyCatcher(asyncio.DatagramProtocol):
    def __init__(self):
        self.replies = asyncio.Queue()

    def datagram_received(self, data, addr):
        self.replies.put_nowait(data)


async def ask(server, question, *, timeout=0.5, attempts=3):
    loop = asyncio.get_running_loop()
    transport, catcher = await create_datagram_endpoint(loop, ReplyCatcher, remote_addr=server)
    transport.sendto(question)
    return await catcher.replies.get()
""",
    },
    {
        "exercise": 'udp.ask',
        "label": 'one long wait for all attempts, the question sent once',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'asks again when a datagram is lost',
        "message": 'returned None',
        "code": """
import asyncio
from asyncio_lab.standins.datagram import create_datagram_endpoint


class ReplyCatcher(asyncio.DatagramProtocol):
    def __init__(self):
        self.replies = asyncio.Queue()

    def datagram_received(self, data, addr):
        self.replies.put_nowait(data)


async def ask(server, question, *, timeout=0.5, attempts=3):
    loop = asyncio.get_running_loop()
    transport, catcher = await create_datagram_endpoint(loop, ReplyCatcher, remote_addr=server)
    try:
        transport.sendto(question)
        try:
            return await asyncio.wait_for(catcher.replies.get(), timeout * attempts)
        except TimeoutError:
            return None
    finally:
        transport.close()
""",
    },
    {
        "exercise": 'udp.ask',
        "label": 'catches CancelledError instead of TimeoutError',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'asks again when a datagram is lost',
        "message": 'raised TimeoutError',
        "code": """
import asyncio
from asyncio_lab.standins.datagram import create_datagram_endpoint


class ReplyCatcher(asyncio.DatagramProtocol):
    def __init__(self):
        self.replies = asyncio.Queue()

    def datagram_received(self, data, addr):
        self.replies.put_nowait(data)


async def ask(server, question, *, timeout=0.5, attempts=3):
    loop = asyncio.get_running_loop()
    transport, catcher = await create_datagram_endpoint(loop, ReplyCatcher, remote_addr=server)
    try:
        for _ in range(attempts):
            transport.sendto(question)
            try:
                async with asyncio.timeout(timeout):
                    return await catcher.replies.get()
            except asyncio.CancelledError:
                pass
        return None
    finally:
        transport.close()
""",
    },
    {
        "exercise": 'udp.ask',
        "label": 'one attempt too few (range(attempts - 1))',
        "kind": 'off-by-one',
        "verdict": 'fail',
        "check": 'asks again when a datagram is lost',
        "message": 'sending 2 datagram(s)',
        "code": """
import asyncio
from asyncio_lab.standins.datagram import create_datagram_endpoint


class ReplyCatcher(asyncio.DatagramProtocol):
    def __init__(self):
        self.replies = asyncio.Queue()

    def datagram_received(self, data, addr):
        self.replies.put_nowait(data)


async def ask(server, question, *, timeout=0.5, attempts=3):
    loop = asyncio.get_running_loop()
    transport, catcher = await create_datagram_endpoint(loop, ReplyCatcher, remote_addr=server)
    try:
        for _ in range(attempts - 1):
            transport.sendto(question)
            try:
                async with asyncio.timeout(timeout):
                    return await catcher.replies.get()
            except TimeoutError:
                pass
        return None
    finally:
        transport.close()
""",
    },
    {
        "exercise": 'udp.ask',
        "label": 'one attempt too many (the first send plus attempts retries)',
        "kind": 'off-by-one',
        "verdict": 'fail',
        "check": 'gives up after `attempts` tries',
        "message": 'the server got it 4 time(s)',
        "code": """
import asyncio
from asyncio_lab.standins.datagram import create_datagram_endpoint


class ReplyCatcher(asyncio.DatagramProtocol):
    def __init__(self):
        self.replies = asyncio.Queue()

    def datagram_received(self, data, addr):
        self.replies.put_nowait(data)


async def ask(server, question, *, timeout=0.5, attempts=3):
    loop = asyncio.get_running_loop()
    transport, catcher = await create_datagram_endpoint(loop, ReplyCatcher, remote_addr=server)
    try:
        for _ in range(attempts + 1):
            transport.sendto(question)
            try:
                async with asyncio.timeout(timeout):
                    return await catcher.replies.get()
            except TimeoutError:
                pass
        return None
    finally:
        transport.close()
""",
    },
    {
        "exercise": 'udp.ask',
        "label": 'never closes the endpoint',
        "kind": 'leak',
        "verdict": 'fail',
        "check": 'closes its endpoint every time',
        "message": 'still open',
        "code": """
import asyncio
from asyncio_lab.standins.datagram import create_datagram_endpoint


class ReplyCatcher(asyncio.DatagramProtocol):
    def __init__(self):
        self.replies = asyncio.Queue()

    def datagram_received(self, data, addr):
        self.replies.put_nowait(data)


async def ask(server, question, *, timeout=0.5, attempts=3):
    loop = asyncio.get_running_loop()
    transport, catcher = await create_datagram_endpoint(loop, ReplyCatcher, remote_addr=server)
    for _ in range(attempts):
        transport.sendto(question)
        try:
            async with asyncio.timeout(timeout):
                return await catcher.replies.get()
        except TimeoutError:
            pass
    transport.close()
    return None
""",
    },
    {
        "exercise": 'udp.ask',
        "label": 'asyncio.wait timed out but the getter task is left running',
        "kind": 'leak',
        "verdict": 'fail',
        "check": 'closes its endpoint every time',
        "message": 'task(s) running',
        "code": """
import asyncio
from asyncio_lab.standins.datagram import create_datagram_endpoint


class ReplyCatcher(asyncio.DatagramProtocol):
    def __init__(self):
        self.replies = asyncio.Queue()

    def datagram_received(self, data, addr):
        self.replies.put_nowait(data)


async def ask(server, question, *, timeout=0.5, attempts=3):
    loop = asyncio.get_running_loop()
    transport, catcher = await create_datagram_endpoint(loop, ReplyCatcher, remote_addr=server)
    try:
        for _ in range(attempts):
            transport.sendto(question)
            getter = asyncio.ensure_future(catcher.replies.get())
            done, _ = await asyncio.wait({getter}, timeout=timeout)
            if done:
                return getter.result()
        return None
    finally:
        transport.close()
""",
    },
    {
        "exercise": 'udp.ask',
        "label": 'the echo of the visible example hard-coded: the question in capitals',
        "kind": 'hard-coded',
        "verdict": 'fail',
        "check": 'gives up after `attempts` tries',
        "message": 'should return None',
        "code": """
async def ask(server, question, *, timeout=0.5, attempts=3):
    return question.upper()
""",
    },
    {
        "exercise": 'udp.ask',
        "label": 'all attempts sent at once, then one wait',
        "kind": 'concurrency lost',
        "verdict": 'fail',
        "check": 'returns the answer',
        "message": 'ask again only when `timeout` has passed',
        "note": 'the retries must wait for the timeout: sent together, all are sent even when the first is answered',
        "code": """
import asyncio
from asyncio_lab.standins.datagram import create_datagram_endpoint


class ReplyCatcher(asyncio.DatagramProtocol):
    def __init__(self):
        self.replies = asyncio.Queue()

    def datagram_received(self, data, addr):
        self.replies.put_nowait(data)


async def ask(server, question, *, timeout=0.5, attempts=3):
    loop = asyncio.get_running_loop()
    transport, catcher = await create_datagram_endpoint(loop, ReplyCatcher, remote_addr=server)
    try:
        for _ in range(attempts):
            transport.sendto(question)
        try:
            async with asyncio.timeout(timeout):
                return await catcher.replies.get()
        except TimeoutError:
            return None
    finally:
        transport.close()
""",
    },
    {
        "exercise": 'udp.ask',
        "label": "the loop's own create_datagram_endpoint where the loop has no sockets (Pyodide)",
        "kind": 'platform shortcut',
        "verdict": 'fail',
        "platforms": ['pyodide'],
        "check": 'returns the answer',
        "message": 'Pyodide',
        "code": """
import asyncio
from asyncio_lab.standins.datagram import create_datagram_endpoint


class ReplyCatcher(asyncio.DatagramProtocol):
    def __init__(self):
        self.replies = asyncio.Queue()

    def datagram_received(self, data, addr):
        self.replies.put_nowait(data)


async def ask(server, question, *, timeout=0.5, attempts=3):
    loop = asyncio.get_running_loop()
    transport, catcher = await loop.create_datagram_endpoint(ReplyCatcher, remote_addr=server)
    try:
        for _ in range(attempts):
            transport.sendto(question)
            try:
                return await asyncio.wait_for(catcher.replies.get(), timeout)
            except asyncio.TimeoutError:
                continue
        return None
    finally:
        transport.close()
""",
    },
    {
        "exercise": 'udp.ack-counter',
        "label": "the lesson's solution: bytes % count, close after bye, result in connection_lost",
        "kind": 'lesson helper',
        "verdict": 'pass',
        "code": """
import asyncio


class AckCounter(asyncio.DatagramProtocol):
    def __init__(self, finished):
        self.finished = finished
        self.count = 0
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.count += 1
        self.transport.sendto(b"ack %d" % self.count, addr)
        if data == b"bye":
            self.transport.close()

    def connection_lost(self, exc):
        self.finished.set_result(self.count)
""",
    },
    {
        "exercise": 'udp.ack-counter',
        "label": 'an f-string encoded, the close scheduled with call_soon',
        "kind": 'plain asyncio',
        "verdict": 'pass',
        "code": """
import asyncio


class AckCounter(asyncio.DatagramProtocol):
    def __init__(self, finished):
        self.finished = finished
        self.count = 0
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.count += 1
        self.transport.sendto(f"ack {self.count}".encode(), addr)
        if data == b"bye":
            asyncio.get_running_loop().call_soon(self.transport.close)

    def connection_lost(self, exc):
        self.finished.set_result(self.count)
""",
    },
    {
        "exercise": 'udp.ack-counter',
        "label": 'itertools.count for the numbers',
        "kind": 'other standard library',
        "verdict": 'pass',
        "code": """
import asyncio
import itertools


class AckCounter(asyncio.DatagramProtocol):
    def __init__(self, finished):
        self.finished = finished
        self.numbers = itertools.count(1)
        self.count = 0

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.count = next(self.numbers)
        self.transport.sendto(("ack %d" % self.count).encode("ascii"), addr)
        if data == b"bye":
            self.transport.close()

    def connection_lost(self, exc):
        if not self.finished.done():
            self.finished.set_result(self.count)
""",
    },
    {
        "exercise": 'udp.ack-counter',
        "label": 'a duck-typed protocol (no base class) that aborts after bye',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """
class AckCounter:
    def __init__(self, finished):
        self.finished, self.count = finished, 0

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.count += 1
        self.transport.sendto(b"ack %d" % self.count, addr)
        if data.strip() == b"bye":
            self.transport.abort()

    def error_received(self, exc):
        pass

    def connection_lost(self, exc):
        if not self.finished.done():
            self.finished.set_result(self.count)
""",
    },
    {
        "exercise": 'udp.ack-counter',
        "label": 'bytes concatenation; the result also set when closing',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """
import asyncio


class AckCounter(asyncio.DatagramProtocol):
    def __init__(self, finished):
        self.finished = finished
        self.count = 0
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.count += 1
        self.transport.sendto(b"ack " + str(self.count).encode(), addr)
        if data == b"bye":
            self.transport.close()
            self.finished.set_result(self.count)
""",
    },
    {
        "exercise": 'udp.ack-counter',
        "label": 'the starter: nothing acknowledged',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'acknowledges each datagram to its sender',
        "message": 'it heard nothing',
        "code": """
import asyncio


class AckCounter(asyncio.DatagramProtocol):
    def __init__(self, finished):
        self.finished = finished
        self.count = 0
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.count += 1

    def connection_lost(self, exc):
        self.finished.set_result(self.count)
""",
    },
    {
        "exercise": 'udp.ack-counter',
        "label": "sendto without the sender's address",
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'acknowledges each datagram to its sender',
        "message": 'needs the address',
        "code": """
import asyncio


class AckCounter(asyncio.DatagramProtocol):
    def __init__(self, finished):
        self.finished = finished
        self.count = 0
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.count += 1
        self.transport.sendto(b"ack %d" % self.count)
        if data == b"bye":
            self.transport.close()

    def connection_lost(self, exc):
        self.finished.set_result(self.count)
""",
    },
    {
        "exercise": 'udp.ack-counter',
        "label": 'counts after acknowledging: ack 0 first',
        "kind": 'off-by-one',
        "verdict": 'fail',
        "check": 'acknowledges each datagram to its sender',
        "message": "expected b'ack 1' back",
        "code": """
import asyncio


class AckCounter(asyncio.DatagramProtocol):
    def __init__(self, finished):
        self.finished = finished
        self.count = 0
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.transport.sendto(b"ack %d" % self.count, addr)
        self.count += 1
        if data == b"bye":
            self.transport.close()

    def connection_lost(self, exc):
        self.finished.set_result(self.count)
""",
    },
    {
        "exercise": 'udp.ack-counter',
        "label": "b'bye' not counted in the result",
        "kind": 'off-by-one',
        "verdict": 'fail',
        "check": 'reports the count once closed',
        "message": 'it holds 3',
        "code": """
import asyncio


class AckCounter(asyncio.DatagramProtocol):
    def __init__(self, finished):
        self.finished = finished
        self.count = 0
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        if data == b"bye":
            self.transport.sendto(b"ack %d" % (self.count + 1), addr)
            self.transport.close()
            return
        self.count += 1
        self.transport.sendto(b"ack %d" % self.count, addr)

    def connection_lost(self, exc):
        self.finished.set_result(self.count)
""",
    },
    {
        "exercise": 'udp.ack-counter',
        "label": "gives connection_lost's argument (None) instead of the count",
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'reports the count once closed',
        "message": 'it holds None',
        "code": """
import asyncio


class AckCounter(asyncio.DatagramProtocol):
    def __init__(self, finished):
        self.finished = finished
        self.count = 0
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.count += 1
        self.transport.sendto(b"ack %d" % self.count, addr)
        if data == b"bye":
            self.transport.close()

    def connection_lost(self, exc):
        self.finished.set_result(exc)
""",
    },
    {
        "exercise": 'udp.ack-counter',
        "label": 'one count per client instead of one for the endpoint',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'acknowledges each datagram to its sender',
        "message": "it heard b'ack 1'",
        "code": """
import asyncio


class AckCounter(asyncio.DatagramProtocol):
    def __init__(self, finished):
        self.finished = finished
        self.count = 0
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.counts = getattr(self, "counts", {})
        self.counts[addr] = self.counts.get(addr, 0) + 1
        self.count += 1
        self.transport.sendto(b"ack %d" % self.counts[addr], addr)
        if data == b"bye":
            self.transport.close()

    def connection_lost(self, exc):
        self.finished.set_result(self.count)
""",
    },
    {
        "exercise": 'udp.ack-counter',
        "label": 'never closes the endpoint',
        "kind": 'leak',
        "verdict": 'fail',
        "check": "closes itself after b'bye'",
        "message": 'stayed open',
        "code": """
import asyncio


class AckCounter(asyncio.DatagramProtocol):
    def __init__(self, finished):
        self.finished = finished
        self.count = 0
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.count += 1
        self.transport.sendto(b"ack %d" % self.count, addr)

    def connection_lost(self, exc):
        self.finished.set_result(self.count)
""",
    },
    {
        "exercise": 'udp.ack-counter',
        "label": "the visible example's reply hard-coded: always b'ack 1'",
        "kind": 'hard-coded',
        "verdict": 'fail',
        "check": 'acknowledges each datagram to its sender',
        "message": "expected b'ack 2' back",
        "code": """
import asyncio


class AckCounter(asyncio.DatagramProtocol):
    def __init__(self, finished):
        self.finished = finished
        self.count = 0
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.count += 1
        self.transport.sendto(b"ack 1", addr)
        if data == b"bye":
            self.transport.close()

    def connection_lost(self, exc):
        self.finished.set_result(self.count)
""",
    },
    {
        "exercise": 'udp.ack-counter',
        "label": 'the result never given to `finished`',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'reports the count once closed',
        "message": 'never got a result',
        "code": """
import asyncio


class AckCounter(asyncio.DatagramProtocol):
    def __init__(self, finished):
        self.finished = finished
        self.count = 0
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.count += 1
        self.transport.sendto(b"ack %d" % self.count, addr)
        if data == b"bye":
            self.transport.close()
""",
    },
]
