"""Bad input to the kernel helpers: every row of docs/bad-input.md about the kernel side.

Misused magics, a 100,000-task timeline, a cell that prints 10 MB: each through a real
IPython shell (both ways a kernel runs cells), and the noisy cells on a real ipykernel.
What is asserted is what the learner sees: a short ``UsageError`` that names the magic
and the problem, nothing of the cell run, nothing lost, and the next cell working.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest
from conftest import arun_sync, run
from IPython.core.error import UsageError

from asyncio_lab import coach, exercises, hints
from asyncio_lab.mime import TIMELINE_MIME
from asyncio_lab.tracer import MAX_TASKS

ROOT = Path(__file__).resolve().parents[2]
BF = "await-vs-create-task.breakfast"
DL = "await-vs-create-task.download-all"
BODY = "ran = True\n"  # a misused cell magic must not run its body

# id: (cell, what the error says first, what it says about the problem)
MISUSES = {
    # %%check
    "check-no-id": ("%%check\n" + BODY, "%%check", "needs an exercise id"),
    "check-bad-id": ("%%check Not_An_Id\n" + BODY, "%%check", "'Not_An_Id' is not an exercise id"),
    "check-unknown-id": ("%%check no-such.exercise\n" + BODY, "%%check", "unknown exercise 'no-such.exercise'"),
    "check-extra-argument": (f"%%check {BF} extra\n" + BODY, "%%check", "unrecognized arguments: extra"),
    "check-unknown-option": (f"%%check --bogus {BF}\n" + BODY, "%%check", "unrecognized arguments: --bogus"),
    "check-as-line-magic": (f"%check {BF}", "Line magic function `%check` not found", "did you mean"),
    "check-not-first-line": (f"# my attempt\n%%check {BF}\n" + BODY, "%%check", f"must be the first line of its cell, and here something comes before it. Put `%%check {BF}` at the very top"),
    # %hint / %solution
    "hint-no-id": ("%hint", "%hint", "needs an exercise id"),
    "hint-unknown-id": ("%hint no-such.exercise", "%hint", "unknown exercise 'no-such.exercise'"),
    "hint-unknown-option": (f"%hint {BF} --nope", "%hint", "unrecognized arguments: --nope"),
    "solution-no-id": ("%solution --confirm", "%solution", "needs an exercise id"),
    "solution-unknown-id": ("%solution no-such.exercise --confirm", "%solution", "unknown exercise 'no-such.exercise'"),
    "solution-extra-argument": (f"%solution {BF} extra --confirm", "%solution", "unrecognized arguments: extra"),
    # %coach
    "coach-bad-value": ("%coach maybe", "%coach", "invalid choice: 'maybe'"),
    "coach-extra-argument": ("%coach on off", "%coach", "unrecognized arguments: off"),
    "coach-threshold-not-a-number": ("%coach on --block-threshold abc", "%coach", "invalid float value: 'abc'"),
    "coach-threshold-zero": ("%coach on --block-threshold 0", "%coach", "--block-threshold must be a positive number"),
    "coach-threshold-nan": ("%coach on --block-threshold nan", "%coach", "--block-threshold must be a positive number"),
    # %%timeline
    "timeline-unknown-option": ("%%timeline --bogus\n" + BODY, "%%timeline", "unrecognized arguments: --bogus"),
    "timeline-extra-argument": ("%%timeline extra\n" + BODY, "%%timeline", "unrecognized arguments: extra"),
    "timeline-max-tasks-zero": ("%%timeline --max-tasks 0\n" + BODY, "%%timeline", "--max-tasks must be a positive number"),
    "timeline-max-tasks-not-a-number": ("%%timeline --max-tasks ten\n" + BODY, "%%timeline", "invalid int value: 'ten'"),
    "timeline-max-steps-negative": ("%%timeline --max-steps -5\n" + BODY, "%%timeline", "--max-steps must be a positive number"),
    "timeline-stall-without-virtual": ("%%timeline --stall-timeout 1\n" + BODY, "%%timeline", "only applies with virtual time"),
    "timeline-stall-infinite": ("%%timeline --virtual --stall-timeout inf\n" + BODY, "%%timeline", "--stall-timeout must be a positive number"),
    "timeline-as-line-magic": ("%timeline", "Line magic function `%timeline` not found", "did you mean"),
    "timeline-not-first-line": ("\n# timing this\n%%timeline --virtual\n" + BODY, "%%timeline", "Put `%%timeline --virtual` at the very top"),
    # %%callgraph / %callgraph
    "callgraph-label-on-cell": ("%%callgraph label\n" + BODY, "%%callgraph", "takes no label"),
    "callgraph-stall-without-virtual": ("%%callgraph --stall-timeout 1\n" + BODY, "%%callgraph", "only applies with virtual time"),
    "callgraph-unknown-option": ("%%callgraph --bogus\n" + BODY, "%%callgraph", "unrecognized arguments: --bogus"),
    "callgraph-line-virtual": ("%callgraph --virtual", "%callgraph", "only apply to the cell form"),
    "callgraph-line-unknown-option": ("%callgraph --nope", "%callgraph", "unrecognized arguments: --nope"),
    "callgraph-not-first-line": ("import asyncio\n%%callgraph\n" + BODY, "%%callgraph", "must be the first line of its cell"),
    # %%virtualtime
    "virtualtime-extra-argument": ("%%virtualtime extra\n" + BODY, "%%virtualtime", "unrecognized arguments: extra"),
    "virtualtime-unknown-option": ("%%virtualtime --virtual\n" + BODY, "%%virtualtime", "unrecognized arguments: --virtual"),
    "virtualtime-stall-negative": ("%%virtualtime --stall-timeout -1\n" + BODY, "%%virtualtime", "--stall-timeout must be a positive number"),
    "virtualtime-stall-nan": ("%%virtualtime --stall-timeout nan\n" + BODY, "%%virtualtime", "--stall-timeout must be a positive number"),
    "virtualtime-not-first-line": ("# an hour of retries\n%%virtualtime\n" + BODY, "%%virtualtime", "must be the first line of its cell"),
}


@pytest.fixture(autouse=True)
def fresh_hints():
    hints.reset_hints()
    yield
    hints.reset_hints()


# One case per cell magic also through run_cell_async, the way ipykernel and the Pyodide
# kernel run them (arguments are parsed the same way before anything is awaited).
ASYNC_TOO = (
    "check-unknown-id", "timeline-unknown-option", "callgraph-label-on-cell", "virtualtime-stall-nan",
    "check-not-first-line",
)


def _misuse_params():
    for case in MISUSES:
        yield pytest.param(case, run, id=case)
        if case in ASYNC_TOO:
            yield pytest.param(case, arun_sync, id=f"{case}-async")


@pytest.mark.parametrize("case, runner", list(_misuse_params()))
def test_misused_magic(shell, runner, case):
    cell, first, problem = MISUSES[case]
    shell.user_ns["kept"] = "the learner's earlier work"
    coach_before = coach.get(shell).enabled
    r = runner(shell, cell)
    assert isinstance(r.error, UsageError), (case, r.error, r.stdout)
    message = str(r.error)
    assert message.startswith(first), message
    assert problem in message, message
    if "exercise id" in problem or "unknown exercise" in problem:
        assert BF in message and DL in message  # the ids that do exist
    if first.startswith("%") and not first.startswith("Line magic"):
        assert f"`{first}?`" in message or "Known ids" in message  # where to read more
    # Shown as one short line, not a traceback into our code.
    assert "Traceback" not in r.stdout + r.stderr
    assert "UsageError" in r.stderr
    # Nothing ran, nothing was shown, nothing was lost.
    assert "ran" not in shell.user_ns
    assert not r.outputs
    assert shell.user_ns["kept"] == "the learner's earlier work"
    assert hints.hints_given(BF) == 0
    assert coach.get(shell).enabled == coach_before
    # The next cell works as usual.
    after = runner(shell, f"%%check {BF}\n{exercises.get(BF).solution}")
    assert after.error is None and after.checks[0]["passed"] is True


def test_every_misuse_is_in_the_doc():
    doc = (ROOT / "docs" / "bad-input.md").read_text(encoding="utf-8")
    missing = [case for case in MISUSES if f"test_misused_magic[{case}]" not in doc]
    assert not missing, f"docs/bad-input.md has no row for {missing}"


# --------------------------------------------------------------------------- 100,000 tasks

N = 100_000
HUGE = f"""%%timeline --virtual
async def work(i):
    await asyncio.sleep(1 + i % 10)
    return i

results = await asyncio.gather(*(work(i) for i in range({N})))
len(results)
"""


def test_hundred_thousand_tasks_in_a_timeline(shell):
    started = time.perf_counter()
    r = run(shell, HUGE)
    elapsed = time.perf_counter() - started
    assert r.error is None, r.stdout[-2000:]
    assert r.value == N and shell.user_ns["results"][-1] == N - 1
    assert elapsed < 60, f"{elapsed:.1f} s"  # about 5 s on CPython 3.11 here
    [bundle] = [o.data for o in r.outputs if TIMELINE_MIME in o.data]
    p = bundle[TIMELINE_MIME]
    # Bounded: the cell and MAX_TASKS (500) tasks listed in full, the rest counted.
    size = len(json.dumps(p))
    assert size < 400_000, size
    assert len(p["tasks"]) == MAX_TASKS + 1 and p["tasks"][0]["name"] == "cell"
    assert p["omitted"]["tasks"] == N - MAX_TASKS
    assert len(bundle["text/plain"].splitlines()) <= 22
    # Exact, not sampled: every task made 2 steps (start, then wake from its sleep).
    cell_steps = len(p["tasks"][0]["steps"])
    shown = sum(len(t["steps"]) for t in p["tasks"])
    assert shown + p["omitted"]["steps"] == 2 * N + cell_steps
    assert p["clock"] == "virtual" and p["duration"] == 10.0
    # Every task was alive from 0 until its sleep of 1-10 s ended: all at once.
    assert bundle["text/plain"].startswith(f"timeline: {N} tasks, at most {N} in flight")
    buckets = p["aggregate"]["buckets"]
    assert len(buckets) == 100
    # At 0 every task (and the cell) ran its first step; then all waited.
    assert buckets[0]["running"] == N + 1 and buckets[0]["waiting"] == 0
    assert buckets[1]["running"] == 0 and buckets[1]["waiting"] == N + 1
    # Each task ran once more when its sleep ended, the cell once when gather did.
    assert sum(b["running"] for b in buckets) == (N + 1) + N + 1
    assert buckets[-1]["running"] == N // 10 + 1
    # Alive counts drop by N/10 after each whole second.
    assert [buckets[10 * k + 5]["running"] + buckets[10 * k + 5]["waiting"] for k in range(10)] == [
        N + 1 - k * N // 10 for k in range(10)
    ]


# --------------------------------------------------------------------------- a cell that prints 10 MB

TEN_MB = 10_000_000
NOISY_CHECK = f"%%check {BF}\nprint('x' * {TEN_MB})\n" + exercises.get(BF).solution
NOISY_TIMELINE = (
    "%%timeline\nasync def noisy():\n"
    f"    print('y' * {TEN_MB})\n    await asyncio.sleep(0)\n    return 'done'\n"
    "await asyncio.create_task(noisy(), name='noisy')\n"
)


def test_ten_megabytes_printed_under_check(shell, runner):
    started = time.perf_counter()
    r = runner(shell, NOISY_CHECK)
    assert time.perf_counter() - started < 30
    assert r.error is None
    assert r.stdout.count("x") == TEN_MB  # all of it, to the frontend that shows it
    [payload] = r.checks
    assert payload["exercise"] == BF and payload["passed"] is True


def test_ten_megabytes_printed_under_timeline(shell, runner):
    r = runner(shell, NOISY_TIMELINE)
    assert r.error is None and r.value == "done"
    assert r.stdout.count("y") == TEN_MB
    [p] = [o.data[TIMELINE_MIME] for o in r.outputs if TIMELINE_MIME in o.data]
    [noisy] = [t for t in p["tasks"] if t["name"] == "noisy"]
    assert noisy["state"] == "done" and noisy["result"] == "'done'"


@pytest.fixture(scope="module")
def noisy_kernel(tmp_path_factory):
    """The two noisy cells, then a plain one, on a real ipykernel (nbclient)."""
    nbformat = pytest.importorskip("nbformat")  # only in .venv (see scripts/pythons.mjs)
    sys.path.insert(0, str(ROOT / "test" / "notebooks"))
    import run_cpython

    path = tmp_path_factory.mktemp("nb") / "noisy.ipynb"
    nb = nbformat.v4.new_notebook()
    setup = "import asyncio\nfrom asyncio_lab.sim import boil_water, toast_bread"  # as the lesson's import cell
    nb.cells = [nbformat.v4.new_code_cell(src) for src in (setup, NOISY_CHECK, NOISY_TIMELINE, "6 * 7")]
    nbformat.write(nb, path)
    started = time.perf_counter()
    ran = run_cpython.execute(path)
    return ran, time.perf_counter() - started


def _stream(outputs) -> str:
    return "".join(o.get("text", "") for o in outputs if o["output_type"] == "stream" and o["name"] == "stdout")


def test_ten_megabytes_on_ipykernel(noisy_kernel):
    ran, seconds = noisy_kernel
    assert seconds < 120
    check, timeline, plain = ran.cells[1], ran.cells[2], ran.cells[3]
    for cell, char in ((check, "x"), (timeline, "y")):
        assert not cell.errors and not cell.stderr
        # ipykernel sends all of it (in several stream messages); JupyterLab's output area
        # decides how much to draw.
        assert _stream(cell.outputs).count(char) == TEN_MB
    [payload] = check.checks
    assert payload["passed"] is True, payload
    assert any(TIMELINE_MIME in o.get("data", {}) for o in timeline.outputs)
    # The kernel is still there and answers the next cell.
    [value] = [o for o in plain.outputs if o["output_type"] == "execute_result"]
    assert value["data"]["text/plain"] == "42"
