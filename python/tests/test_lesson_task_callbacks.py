"""Lesson 4 (task callbacks): the checks accept every correct approach and explain wrong ones."""

from __future__ import annotations

import asyncio

import pytest

from lessonkit import strict_check
from asyncio_lab import exercises, sim
from asyncio_lab.lessons import task_callbacks

LESSON = "task-callbacks"


def _namespace(source: str) -> dict:
    ns = {"asyncio": asyncio, "fake_download": sim.fake_download, "__name__": "__main__"}
    exec(compile(source, "<learner>", "exec", dont_inherit=True), ns)  # as in a notebook cell
    return ns


def _check(ex_id: str, source: str) -> exercises.CheckResult:
    return strict_check(f"{LESSON}.{ex_id}", _namespace(source))


NOTE_OUTCOME = exercises.get(f"{LESSON}.watch").starter.split("def watch")[0]

ALTERNATIVES = {
    "watch": {
        "partial-positional": NOTE_OUTCOME
        + "def watch(task, log, label):\n    task.add_done_callback(functools.partial(note_outcome, log, label))\n",
        "lambda": NOTE_OUTCOME
        + "def watch(task, log, label):\n    task.add_done_callback(lambda t: note_outcome(log, label, t))\n",
        "partial-task-first-callback": """
import functools
def note_outcome(task, *, log, label):
    if task.cancelled():
        log.append(f"{label}: cancelled")
    elif task.exception() is not None:
        log.append(f"{label}: failed with {type(task.exception()).__name__}")
    else:
        log.append(f"{label}: {task.result()}")

def watch(task, log, label):
    task.add_done_callback(functools.partial(note_outcome, log=log, label=label))
""",
        "closure": NOTE_OUTCOME
        + """
def watch(task, log, label):
    def done(t):
        note_outcome(log, label, t)
    task.add_done_callback(done)
""",
    },
    "keep-track": {
        "discard": exercises.get(f"{LESSON}.keep-track").solution,
        "remove": """
def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    running.add(task)
    task.add_done_callback(running.remove)
    return task
""",
        "lambda": """
def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    running.add(task)
    task.add_done_callback(lambda t: running.discard(t))
    return task
""",
        "partial-set-discard": """
import functools
def start_tracked(coro, running):
    task = asyncio.ensure_future(coro)
    task.add_done_callback(functools.partial(set.discard, running))
    running.add(task)
    return task
""",
    },
}

WRONG = {
    "watch": {
        "starter-keyword-partial": (
            exercises.get(f"{LESSON}.watch").starter,
            "logs a finished task with its label",
            "got multiple values for argument 'log'",
        ),
        "callback-without-task": (
            NOTE_OUTCOME + "def watch(task, log, label):\n    task.add_done_callback(lambda: note_outcome(log, label, task))\n",
            "logs a finished task with its label",
            "TypeError",
        ),
        "async-callback": (
            NOTE_OUTCOME
            + "def watch(task, log, label):\n"
            "    async def done(t):\n        note_outcome(log, label, t)\n"
            "    task.add_done_callback(done)\n",
            "logs a finished task with its label",
            "never awaited",
        ),
        "async-watch": (
            NOTE_OUTCOME + "async def watch(task, log, label):\n    await task\n    note_outcome(log, label, task)\n",
            "logs a finished task with its label",
            "plain function",
        ),
        "nothing-attached": (
            NOTE_OUTCOME + "def watch(task, log, label):\n    pass\n",
            "logs failures and cancellations",
            "nothing was logged",
        ),
        "missing": ("x = 1\n", "logs a finished task with its label", "is not defined"),
    },
    "keep-track": {
        "starter": (exercises.get(f"{LESSON}.keep-track").starter, "finished tasks leave the set", "stayed"),
        "try-finally-in-coroutine": (
            """
def start_tracked(coro, running):
    async def tracked():
        try:
            return await coro
        finally:
            running.discard(task)
    task = asyncio.create_task(tracked())
    running.add(task)
    return task
""",
            "cancelled tasks leave the set",
            "before it ever ran",
        ),
        "callback-without-argument": (
            """
def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    running.add(task)
    task.add_done_callback(lambda: running.discard(task))
    return task
""",
            "finished tasks leave the set",
            "a callback raised TypeError",
        ),
        "async-callback": (
            """
def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    running.add(task)
    async def forget(t):
        running.discard(t)
    task.add_done_callback(forget)
    return task
""",
            "finished tasks leave the set",
            "never awaited",
        ),
        "removed-too-early": (
            """
def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    running.add(task)
    running.discard(task)
    return task
""",
            "returns the task, tracked while it runs",
            "right after the call",
        ),
        "clears-everything": (
            """
def start_tracked(coro, running):
    task = asyncio.create_task(coro)
    running.add(task)
    task.add_done_callback(lambda t: running.clear())
    return task
""",
            "finished tasks leave the set",
            "other items",
        ),
        "async-def": (
            "async def start_tracked(coro, running):\n    return asyncio.create_task(coro)\n",
            "returns the task, tracked while it runs",
            "plain function",
        ),
    },
}


@pytest.mark.parametrize("ex_id", ["watch", "keep-track"])
def test_solution_passes_and_starter_fails(ex_id):
    ex = exercises.get(f"{LESSON}.{ex_id}")
    assert len(ex.hints) >= 3
    assert _check(ex_id, ex.solution).passed, _check(ex_id, ex.solution).to_text()
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
    assert "add_done_callback" not in result.to_text() and "partial(" not in result.to_text()


def test_try_watch_shows_callback_errors_instead_of_printing_them(capsys):
    starter = _namespace(exercises.get(f"{LESSON}.watch").starter)
    solved = _namespace(exercises.get(f"{LESSON}.watch").solution)

    async def go():
        return await task_callbacks.try_watch(starter["watch"]), await task_callbacks.try_watch(solved["watch"])

    broken, fixed = asyncio.run(go())
    assert broken == ["a callback raised TypeError: note_outcome() got multiple values for argument 'log'"] * 3
    assert fixed == ["backup: cancelled", "upload: failed with ConnectionError", "download: contents of a.txt"]
    assert capsys.readouterr().err == ""


def test_callback_problems_restores_the_loop_handler():
    async def go():
        loop = asyncio.get_running_loop()
        mine = lambda loop, ctx: None  # noqa: E731
        loop.set_exception_handler(mine)
        with task_callbacks.callback_problems() as problems:
            loop.call_soon(lambda: 1 / 0)
            await asyncio.sleep(0)
        return problems, loop.get_exception_handler() is mine

    problems, restored = asyncio.run(go())
    assert problems == ["a callback raised ZeroDivisionError: division by zero"]
    assert restored


def _cells(marker: str):
    import json

    from conftest import ROOT

    # Plain JSON: nbformat's validation imports jsonschema, which is slow to import here.
    nb = json.loads((ROOT / "notebooks" / "04-task-callbacks.ipynb").read_text(encoding="utf-8"))
    codes = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    at = next(i for i, s in enumerate(codes) if marker in s)
    return codes[:at], codes[at]


@pytest.mark.parametrize(
    "marker, expected",
    [
        (
            "3. callback attached to a finished task",
            [
                "1. awaiting the task",
                "job: the coroutine's last line",
                "callback: running; the current task is None",
                "2. await returned",
                "3. callback attached to a finished task",
                "callback: running; the current task is None",
                "4. after one more pause",
            ],
        ),
        ('functools.partial(show, "a", "b", k="v")', ["called with args = ['a', 'b', '<the task>'] and kwargs = {'k': 'v'}"]),
        (
            "removing the same partial object",
            [
                "removing shout: 1",
                "removing a new, identical-looking partial: 0",
                "removing the same partial object: 1",
                "log: []",
            ],
        ),
    ],
)
def test_predict_cells_print_what_the_reveal_says(shell, marker, expected):
    from conftest import arun

    before, cell = _cells(marker)

    async def go():
        for source in before:  # the cells above it, in order, as a learner runs them
            await arun(shell, source)
        return await arun(shell, cell)

    run = asyncio.run(go())
    assert run.error is None
    assert [line.strip() for line in run.stdout.splitlines()] == expected
