"""The plain API, without IPython."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
import textwrap

import pytest
from conftest import PYTHON_DIR

from asyncio_lab import exercises, ids, mime, sim
from asyncio_lab.exercises import CheckFailed, Exercise, make_checks


def test_check_mime_literal():
    # The TypeScript side defines the same literal and asserts it too.
    assert mime.CHECK_MIME == "application/vnd.asyncio-lab.check+json"


def test_exercise_id_pattern_literal():
    # Same regex on the TypeScript side.
    assert ids.EXERCISE_ID_PATTERN == r"^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$"


@pytest.mark.parametrize(
    "value, ok",
    [
        ("await-vs-create-task.download-all", True),
        ("a.b", True),
        ("lesson2.x1", True),
        ("await-vs-create-task", False),
        ("Await.x", False),
        ("a..b", False),
        ("a.b.c", False),
        ("a-.b", False),
        ("-a.b", False),
        ("a_b.c", False),
        ("a.b\n", False),
        ("", False),
        (None, False),
    ],
)
def test_is_exercise_id(value, ok):
    assert ids.is_exercise_id(value) is ok


def test_registry_lists_lesson_exercises():
    assert {"await-vs-create-task.download-all", "await-vs-create-task.breakfast"} <= set(exercises.all_ids())
    ex = exercises.get("await-vs-create-task.download-all")
    assert ex.lesson == "await-vs-create-task"
    assert ex.hints and ex.solution and ex.starter
    with pytest.raises(KeyError):
        exercises.get("no-such.exercise")


def test_every_registered_exercise_is_well_formed():
    for ex_id in exercises.all_ids():
        ex = exercises.get(ex_id)
        assert ids.is_exercise_id(ex.id)
        assert ex.title.strip()
        assert len(ex.hints) >= 2, f"{ex_id}: hints should be progressive (at least two)"
        assert ex.starter and ex.solution
        compile(ex.starter, ex_id, "exec")
        compile(ex.solution, ex_id, "exec")


def test_malformed_id_rejected():
    with pytest.raises(ValueError, match="malformed"):
        Exercise(id="Bad Id", title="t", checks=make_checks(("c", lambda ns: None)), solution="")


def test_duplicate_registration_rejected():
    ex = exercises.get("await-vs-create-task.breakfast")
    exercises.register(ex)  # same object: harmless
    clone = Exercise(id=ex.id, title=ex.title, checks=ex.checks, solution=ex.solution)
    with pytest.raises(ValueError, match="already registered"):
        exercises.register(clone)


def _namespace(source: str, setup: str = "") -> dict:
    ns = {"asyncio": asyncio, "fake_download": sim.fake_download,
          "boil_water": sim.boil_water, "toast_bread": sim.toast_bread}
    exec(setup, ns)  # the lesson's import cell, where the lesson has one
    exec(source, ns)
    return ns


@pytest.mark.parametrize("ex_id", exercises.all_ids())
def test_solution_passes_and_starter_fails(ex_id):
    ex = exercises.get(ex_id)
    good = exercises.run_checks_sync(ex_id, _namespace(ex.solution, ex.setup))
    assert good.passed, good.to_text()
    bad = exercises.run_checks_sync(ex_id, _namespace(ex.starter, ex.setup))
    assert not bad.passed, bad.to_text()
    assert any(c.passed is False and c.message for c in bad.checks)


ALTERNATIVES = {
    "await-vs-create-task.download-all": {
        "gather": """
async def download_all(names):
    return await asyncio.gather(*(fake_download(n) for n in names))
""",
        "taskgroup": """
async def download_all(names):
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(fake_download(n)) for n in names]
    return [t.result() for t in tasks]
""",
        "as_completed-reordered": """
async def download_all(names):
    tasks = {asyncio.ensure_future(fake_download(n)): i for i, n in enumerate(names)}
    out = [None] * len(names)
    for fut in asyncio.as_completed(list(tasks)):
        r = await fut
        out[[n for n in names].index(r.removeprefix("contents of "))] = r
    return out
""",
    },
    "await-vs-create-task.breakfast": {
        "gather": """
async def make_breakfast():
    water, toast = await asyncio.gather(boil_water(), toast_bread())
    return water, toast
""",
        "taskgroup-list": """
async def make_breakfast():
    async with asyncio.TaskGroup() as tg:
        w = tg.create_task(boil_water())
        t = tg.create_task(toast_bread())
    return [w.result(), t.result()]
""",
        "toast-task-first": """
async def make_breakfast():
    toast = asyncio.create_task(toast_bread())
    water = await boil_water()
    return water, await toast
""",
    },
}

WRONG = {
    "await-vs-create-task.download-all": {
        "completion-order": (
            """
async def download_all(names):
    out = []
    for fut in asyncio.as_completed([fake_download(n) for n in names]):
        out.append(await fut)
    return out
""",
            "returns every result, in order",
            "not in the order",
        ),
        "fire-and-forget": (
            """
async def download_all(names):
    tasks = [asyncio.create_task(fake_download(n)) for n in names]
    await tasks[-1]
    return [f"contents of {n}" for n in names]
""",
            "nothing left running",
            "still running",
        ),
        "not-async": ("def download_all(names):\n    return []\n", "downloads overlap", "async def"),
        "missing": ("x = 1\n", "downloads overlap", "is not defined"),
    },
    "await-vs-create-task.breakfast": {
        "sequential": (
            """
async def make_breakfast():
    return await boil_water(), await toast_bread()
""",
            "toast while the water boils",
            "only started after",
        ),
    },
}


@pytest.mark.parametrize(
    "ex_id, name", [(e, n) for e, alts in ALTERNATIVES.items() for n in alts]
)
def test_every_correct_approach_passes(ex_id, name):
    result = exercises.run_checks_sync(ex_id, _namespace(ALTERNATIVES[ex_id][name]))
    assert result.passed, result.to_text()


@pytest.mark.parametrize("ex_id, name", [(e, n) for e, w in WRONG.items() for n in w])
def test_wrong_approach_fails_with_a_helpful_message(ex_id, name):
    source, check_name, fragment = WRONG[ex_id][name]
    result = exercises.run_checks_sync(ex_id, _namespace(source))
    assert not result.passed
    failed = {c.name: c.message for c in result.checks if not c.passed}
    assert check_name in failed, result.to_text()
    assert fragment in failed[check_name], result.to_text()


def test_messages_do_not_give_the_answer_away():
    for ex_id, wrong in WRONG.items():
        for source, _, _ in wrong.values():
            text = exercises.run_checks_sync(ex_id, _namespace(source)).to_text()
            assert "create_task" not in text and "gather" not in text and "TaskGroup" not in text, text


def test_result_payload_and_text_fallback():
    ex = exercises.get("await-vs-create-task.download-all")
    result = exercises.run_checks_sync(ex.id, _namespace(ex.starter))
    bundle = result.to_bundle()
    assert set(bundle) == {mime.CHECK_MIME, "text/plain"}
    payload = bundle[mime.CHECK_MIME]
    assert payload["version"] == 1
    assert payload["exercise"] == ex.id and payload["title"] == ex.title
    assert payload["passed"] is False and payload["error"] is None
    assert [set(c) for c in payload["checks"]] == [{"name", "passed", "message"}] * len(ex.checks)
    text = bundle["text/plain"].splitlines()
    n_ok = sum(c["passed"] for c in payload["checks"])
    assert text[0] == f"✗ {ex.title} — {n_ok}/{len(ex.checks)} checks passed"
    assert len(text) == 1 + len(ex.checks)


def test_learner_error_reported_without_running_checks():
    result = exercises.run_checks_sync(
        "await-vs-create-task.breakfast", {}, error=ZeroDivisionError("division by zero")
    )
    assert not result.passed
    assert "ZeroDivisionError: division by zero" in result.error
    assert all(c.message == "not run" for c in result.checks)


def test_sync_and_async_checks_and_plain_failures():
    calls = []

    def sync_ok(ns):
        calls.append("sync")

    async def async_fail(ns):
        await asyncio.sleep(0)
        raise CheckFailed("expected 1, got 2")

    def boom(ns):
        raise KeyError("x")

    ex = exercises.register(
        Exercise(
            id="test-lesson.mixed",
            title="Mixed",
            checks=make_checks(("sync", sync_ok), ("async", async_fail), ("boom", boom)),
            solution="",
        )
    )
    try:
        r = asyncio.run(exercises.run_checks(ex.id, {}))
    finally:
        exercises._REGISTRY.pop(ex.id)
    assert [(c.name, c.passed) for c in r.checks] == [("sync", True), ("async", False), ("boom", False)]
    assert r.checks[1].message == "expected 1, got 2"
    assert r.checks[2].message == "your code raised KeyError: 'x'"


def test_run_checks_sync_refuses_inside_running_loop():
    async def inner():
        with pytest.raises(RuntimeError, match="await run_checks"):
            exercises.run_checks_sync("await-vs-create-task.breakfast", {})

    asyncio.run(inner())


def test_api_works_without_ipython():
    code = textwrap.dedent(
        f"""
        import sys, asyncio
        sys.path.insert(0, {str(PYTHON_DIR)!r})
        sys.modules["IPython"] = None  # any import of IPython now fails
        import asyncio_lab
        from asyncio_lab import exercises, sim
        ex = exercises.get("await-vs-create-task.download-all")
        ns = {{"asyncio": asyncio, "fake_download": sim.fake_download}}
        exec(ex.solution, ns)
        r = exercises.run_checks_sync(ex.id, ns)
        assert r.passed, r.to_text()
        assert not any(m == "IPython" or m.startswith("IPython.") for m in sys.modules if sys.modules[m]), "IPython imported"
        print("ok")
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_import_runs_nothing():
    code = (
        f"import sys; sys.path.insert(0, {str(PYTHON_DIR)!r}); import asyncio_lab, asyncio_lab.exercises;"
        "assert asyncio_lab.__version__ == '0.1.0';"
        "assert not asyncio_lab.exercises._REGISTRY and not asyncio_lab.exercises._lessons_loaded;"
        "assert 'asyncio_lab.magics' not in sys.modules and 'IPython' not in sys.modules; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


def test_recorder_counts_overlap_and_leftovers():
    async def main():
        with recording_ctx() as rec:
            t = asyncio.create_task(sim.fake_download("slow", 0.05))
            await sim.fake_download("fast", 0.01)
        assert rec.peak == 2 and rec.still_running() == ["slow"]
        # the awaited coroutine runs first; the task only starts when the caller yields
        assert rec.order == ["start fast", "start slow", "finish fast"]
        rec.cancel_leftovers()
        with pytest.raises(asyncio.CancelledError):
            await t
        assert rec.order[-1] == "cancel slow" and rec.in_flight == 0

    recording_ctx = sim.recording
    asyncio.run(main())
    assert re.fullmatch(r"contents of x", asyncio.run(sim.fake_download("x", 0)))
