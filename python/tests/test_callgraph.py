"""Call graphs (plain API, also run on Pyodide, where the source is capture_call_graph)
and %%callgraph / %callgraph through IPython."""

from __future__ import annotations

import asyncio
import json
import sys

from _plain import loop_patches, plain

from asyncio_lab import callgraph, mime
from asyncio_lab.callgraph import record, snapshot

CALLGRAPH_MIME = "application/vnd.asyncio-lab.callgraph+json"


@plain
def test_callgraph_mime_literal_and_source():
    assert mime.CALLGRAPH_MIME == CALLGRAPH_MIME and mime.CALLGRAPH_PAYLOAD_VERSION == 1
    if sys.version_info >= (3, 14):
        assert callgraph.SOURCE == "capture_call_graph" and callgraph.NOTE is None
    else:
        assert callgraph.SOURCE == "introspection" and "capture_call_graph" in callgraph.NOTE


def _walk(node, depth=0):
    yield node, depth
    for child in node["children"]:
        yield from _walk(child, depth + 1)


def _find(roots, name):
    for root in roots:
        for node, depth in _walk(root):
            if node["task"] == name:
                return node, depth
    raise AssertionError(f"no task {name!r} in {json.dumps(roots, indent=1)}")


async def leaf(n):
    await asyncio.sleep(0.05)  # long enough for the loop to settle even on a slow, busy machine
    return n


async def with_gather():
    return await asyncio.gather(leaf(1), leaf(2))


async def with_taskgroup():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(leaf(3), name="tg-a")
        tg.create_task(leaf(4), name="tg-b")


async def with_wait():
    tasks = [asyncio.create_task(leaf(5), name="w-a"), asyncio.create_task(leaf(6), name="w-b")]
    await asyncio.wait(tasks)


@plain
async def test_gather_taskgroup_and_wait_children():
    loop = asyncio.get_running_loop()
    before = loop_patches(loop)
    async with record() as rec:
        g = asyncio.create_task(with_gather(), name="gatherer")
        t = asyncio.create_task(with_taskgroup(), name="grouper")
        w = asyncio.create_task(with_wait(), name="waiter")
        await asyncio.sleep(0.005)
        snap = snapshot("all three waiting").snapshots[0]
        await asyncio.gather(g, t, w)
    assert loop_patches(loop) == before
    roots = snap["roots"]
    assert snap["label"] == "all three waiting"
    # the block's own task is running (it called snapshot()): its frames end in this test
    running = [r for r in roots if r["awaiting"].startswith("running")]
    assert running and running[0]["frames"][-1]["name"].endswith("test_gather_taskgroup_and_wait_children")
    gatherer, d0 = _find(roots, "gatherer")
    gathered = [n for n, _ in _walk(gatherer) if n["task"] and n["task"] != "gatherer"]
    assert len(gathered) == 2 and all(n["frames"][0]["name"] == "leaf" for n in gathered)
    grouper, _ = _find(roots, "grouper")
    assert sorted(c["task"] for c in grouper["children"]) == ["tg-a", "tg-b"]
    waiter, _ = _find(roots, "waiter")
    assert sorted(n["task"] for n, _ in _walk(waiter) if n["task"] != "waiter") == ["w-a", "w-b"]
    leaf_node, _ = _find(roots, "tg-a")
    assert leaf_node["awaiting"] == "asyncio.sleep()"
    assert [f["name"] for f in leaf_node["frames"]][:1] == ["leaf"]
    assert leaf_node["frames"][0]["line"] == leaf.__code__.co_firstlineno + 1
    # automatic snapshots were taken when everything was waiting
    result = rec.result.to_json()
    assert result["version"] == 1 and result["source"] == callgraph.SOURCE
    labels = [s["label"] for s in result["snapshots"]]
    assert "all three waiting" in labels and "every task is waiting" in labels
    json.dumps(result)


@plain
async def test_snapshot_outside_a_recording_and_deadlock():
    loop = asyncio.get_running_loop()
    fut_a: asyncio.Future = loop.create_future()

    async def a():
        return await fut_a

    async def b(other):
        return await other

    ta = asyncio.create_task(a(), name="ta")
    tb = asyncio.create_task(b(ta), name="tb")
    await asyncio.sleep(0)
    cg = snapshot()
    roots = cg.snapshots[0]["roots"]
    tb_node, _ = _find(roots, "tb")
    assert [c["task"] for c in tb_node["children"]] == ["ta"]
    assert "task 'ta'" in tb_node["awaiting"]
    text = cg.to_text()
    assert "tb" in text and "ta" in text
    ta.cancel()
    tb.cancel()
    await asyncio.gather(ta, tb, return_exceptions=True)


@plain
async def test_identical_snapshots_are_skipped_and_capped():
    async with record(max_snapshots=3) as rec:
        for i in range(6):
            await asyncio.gather(leaf(i), asyncio.sleep(0.001 * (i + 1)))
    res = rec.result
    assert len(res.snapshots) <= 3
    assert res.omitted >= 1 and "left out" in res.to_json()["note"]


@plain
async def test_large_fan_out_is_summarised():
    async def many():
        await asyncio.gather(*(leaf(i) for i in range(120)))

    async with record():
        t = asyncio.create_task(many())
        for _ in range(3):
            await asyncio.sleep(0)
        snap = snapshot("fan-out").snapshots[0]
        await t
    nodes = [n for r in snap["roots"] for n, _ in _walk(r)]
    assert any((n["awaiting"] or "").startswith("… and 70 more") for n in nodes)


# --------------------------------------------------------------------------- magics


def _graphs(r):
    return [o.data[CALLGRAPH_MIME] for o in r.outputs if CALLGRAPH_MIME in o.data]


CELL = """%%callgraph
async def leaf(n):
    await asyncio.sleep(0.05)  # long enough for the loop to settle even on a slow, busy machine
    return n

async def mid():
    return await asyncio.gather(leaf(1), leaf(2))

await mid()
"""


def test_callgraph_cell_magic(shell, runner):
    r = runner(shell, CELL)
    assert r.error is None and r.value == [1, 2]
    [p] = _graphs(r)
    snap = p["snapshots"][0]
    [cell] = [n for n in snap["roots"] if n["task"] == "cell"]
    names = [f["name"] for f in cell["frames"]]
    assert names[:2] == ["cell", "mid"]
    assert [f["line"] for f in cell["frames"][:2]] == [9, 7]  # lines of the cell
    leaves = [n for n, _ in _walk(cell) if n["frames"] and n["frames"][0]["name"] == "leaf"]
    assert len(leaves) == 2 and leaves[0]["frames"][0]["line"] == 3


def test_callgraph_explicit_snapshot_and_error(shell, runner):
    r = runner(
        shell,
        "%%callgraph --virtual\nfrom asyncio_lab.callgraph import snapshot\n"
        "async def job():\n    await asyncio.sleep(60)\n"
        "t = asyncio.create_task(job(), name='job')\nawait asyncio.sleep(1)\nsnapshot('after a second')\n"
        "raise RuntimeError('stop here')\n",
    )
    assert isinstance(r.error, RuntimeError)
    [p] = _graphs(r)
    labels = [s["label"] for s in p["snapshots"]]
    assert "after a second" in labels and labels[-1] == "end of the cell: still pending"
    shell.user_ns["t"].cancel()


def test_callgraph_line_magic_in_one_running_loop(shell):
    from conftest import arun

    async def go():
        await arun(shell, "async def bg():\n    await asyncio.sleep(30)\nkeep = asyncio.create_task(bg(), name='background')\n")
        r = await arun(shell, "await asyncio.sleep(0)\n%callgraph now\n")
        shell.user_ns["keep"].cancel()
        return r

    r = asyncio.run(go())
    [p] = _graphs(r)
    [root] = [n for n in p["snapshots"][0]["roots"] if n["task"] == "background"]
    assert root["frames"][0]["name"] == "bg" and root["frames"][0]["line"] == 2
    assert root["awaiting"] == "asyncio.sleep()"


def test_callgraph_misuse(shell):
    from conftest import run
    from IPython.core.error import UsageError
    from IPython.utils.capture import capture_output

    assert isinstance(run(shell, "%callgraph --virtual\n").error, UsageError)
    assert isinstance(run(shell, "%%callgraph label\n1\n").error, UsageError)
    with capture_output() as cap:
        shell.run_cell("%callgraph?")
    assert "Who awaits whom" in cap.stdout


@plain
async def test_node_ids_are_stable_across_snapshots():
    async with record() as rec:
        t = asyncio.create_task(leaf(1), name="one")
        await asyncio.sleep(0)
        a = snapshot("a").snapshots[0]
        await asyncio.sleep(0)
        b = snapshot("b").snapshots[0]
        await t
    ida = _find(a["roots"], "one")[0]["id"]
    idb = _find(b["roots"], "one")[0]["id"]
    assert ida == idb and isinstance(ida, int)
    assert rec.result.snapshots
