"""The magics and the coach on a real ipykernel (nbclient), where cells run inside the
kernel's running loop and ipykernel, not IPython, fires post_run_cell after run_cell_async."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "test" / "notebooks"))

TIMELINE = "application/vnd.asyncio-lab.timeline+json"
CALLGRAPH = "application/vnd.asyncio-lab.callgraph+json"
COACH = "application/vnd.asyncio-lab.coach+json"

CELLS = [
    # 0: %%timeline, the value is the cell's Out
    "%%timeline\nimport asyncio\nasync def work(i):\n    await asyncio.sleep(0.001 * i)\n    return i\n"
    "res = await asyncio.gather(*(work(i) for i in range(3)))\nres\n",
    # 1: %%virtualtime
    "%%virtualtime\nfor _ in range(60):\n    await asyncio.sleep(60)\n",
    # 2: %%callgraph
    "%%callgraph\nasync def leaf():\n    await asyncio.sleep(0.01)\nasync def mid():\n    await asyncio.gather(leaf(), leaf())\nawait mid()\n",
    # 3: the coach: a coroutine never awaited
    "async def fetch():\n    return 1\nfetch()\nNone\n",
    # 4: the coach: a fire-and-forget task that fails
    "async def job():\n    await asyncio.sleep(0)\n    raise ValueError('lost')\nasyncio.create_task(job())\nawait asyncio.sleep(0.05)\n",
    # 5: a clean cell: nothing from the coach
    "await asyncio.sleep(0)\n1 + 1\n",
    # 6: the learner's exception after the timeline
    "%%timeline\nraise KeyError('k')\n",
]


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    import run_cpython

    path = tmp_path_factory.mktemp("nb") / "instruments.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in CELLS]
    nbformat.write(nb, path)
    return run_cpython.execute(path)


def _data(outputs, mime):
    return [o["data"][mime] for o in outputs if o.get("output_type") in ("display_data", "execute_result") and mime in o.get("data", {})]


def test_extension_loads_silently(ran):
    assert ran.setup_outputs == []


def test_timeline_on_ipykernel(ran):
    outs = ran.cells[0].outputs
    [p] = _data(outs, TIMELINE)
    assert [t["name"] for t in p["tasks"]][0] == "cell" and len(p["tasks"]) == 4
    [value] = [o for o in outs if o["output_type"] == "execute_result"]
    assert value["data"]["text/plain"] == "[0, 1, 2]"
    assert not ran.cells[0].errors


def test_virtualtime_on_ipykernel(ran):
    text = "".join(o.get("text", "") for o in ran.cells[1].outputs if o["output_type"] == "stream")
    assert "virtual time elapsed: 3600.0 s" in text


def test_callgraph_on_ipykernel(ran):
    [p] = _data(ran.cells[2].outputs, CALLGRAPH)
    cell = [n for n in p["snapshots"][0]["roots"] if n["task"] == "cell"][0]
    assert [f["name"] for f in cell["frames"]] == ["cell", "mid"]


def test_coach_on_ipykernel(ran):
    [never] = [f for p in _data(ran.cells[3].outputs, COACH) for f in p["findings"]]
    assert never["kind"] == "never-awaited" and never["line"] == 3
    lost = [f for p in _data(ran.cells[4].outputs, COACH) for f in p["findings"]]
    assert [f["kind"] for f in lost] == ["exception-not-retrieved"] and lost[0]["line"] == 3
    assert _data(ran.cells[5].outputs, COACH) == []
    # one bundle per cell, even though ipykernel fires post_run_cell after run_cell_async
    assert len(_data(ran.cells[3].outputs, COACH)) == 1


def test_learner_exception_on_ipykernel(ran):
    outs = ran.cells[6].outputs
    assert _data(outs, TIMELINE)
    [err] = ran.cells[6].errors
    assert err["ename"] == "KeyError"
