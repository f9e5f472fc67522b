"""The course manifest, the lesson notebooks and the exercise registry agree."""

from __future__ import annotations

import asyncio
import json
import re

import pytest
from conftest import COURSE, ROOT, arun, course

from lessonkit import read_notebook
from asyncio_lab import exercises, ids

NOTEBOOKS = COURSE.parent
LESSONS = course()["lessons"]
FORBIDDEN = re.compile(
    r"\basyncio\.run\(|run_until_complete|new_event_loop|\bRunner\(|set_task_factory|time\.sleep"
)


def _notebook(lesson):
    return read_notebook(NOTEBOOKS / lesson["file"])


def _exercise_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code" and "exercise" in c.metadata.get("asyncio_lab", {})]


def test_manifest_shape():
    data = course()
    assert data["version"] == 1 and data["id"] == "asyncio-lab"
    assert data["title"] and data["lessonsDirectory"]
    numbers = [lesson["number"] for lesson in data["lessons"]]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    for lesson in data["lessons"]:
        assert ids.is_lesson_id(lesson["id"])
        assert lesson["file"].startswith(f"{lesson['number']:02d}-")
        assert lesson["title"] and lesson["summary"] and lesson["objectives"]
        assert isinstance(lesson["minutes"], int) and lesson["minutes"] > 0
        for ex in lesson["exercises"]:
            assert ids.is_exercise_id(ex["id"]) and ex["id"].startswith(lesson["id"] + ".")
            assert ex["title"]


def test_manifest_exercises_match_registry():
    in_manifest = {ex["id"] for lesson in LESSONS for ex in lesson["exercises"]}
    assert in_manifest == set(exercises.all_ids())
    for lesson in LESSONS:
        for ex in lesson["exercises"]:
            assert exercises.get(ex["id"]).title == ex["title"]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l["file"])
def test_notebook_format_and_metadata(lesson):
    path = NOTEBOOKS / lesson["file"]
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["nbformat"] == 4
    nb = read_notebook(path)  # validated by the notebook lint (test_notebook_rules.py)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert nb.metadata["asyncio_lab"] == {"lesson": lesson["id"]}
    for c in nb.cells:
        if c.cell_type == "code":
            assert c.outputs == [] and c.execution_count is None, "notebooks are saved without outputs"
            assert not FORBIDDEN.search(c.source) or "try:" in c.source, c.source
            assert "%load_ext" not in c.source


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l["file"])
def test_exercise_cells_name_registered_exercises(lesson):
    nb = _notebook(lesson)
    cells = _exercise_cells(nb)
    cell_ids = [c.metadata["asyncio_lab"]["exercise"] for c in cells]
    assert cell_ids == [ex["id"] for ex in lesson["exercises"]], "one cell per manifest exercise, same order"
    for c, ex_id in zip(cells, cell_ids):
        first, _, body = c.source.partition("\n")
        assert first == f"%%check {ex_id}"
        assert "exercise" in c.metadata.get("tags", [])
        assert body.startswith(exercises.get(ex_id).starter), "the cell starts with the registered starter"


def _solved(source: str, ex_id: str) -> str:
    first = source.partition("\n")[0]
    return f"{first}\n{exercises.get(ex_id).solution}"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l["file"])
@pytest.mark.parametrize("variant", ["starter", "solution"])
def test_notebook_runs_in_a_shell_and_checks_behave(shell, lesson, variant):
    """Every code cell in order on one running loop (as ipykernel does)."""
    nb = _notebook(lesson)

    async def go():
        seen = {}
        for c in nb.cells:
            if c.cell_type != "code":
                continue
            ex_id = c.metadata.get("asyncio_lab", {}).get("exercise")
            src = _solved(c.source, ex_id) if ex_id and variant == "solution" else c.source
            r = await arun(shell, src)
            assert r.error is None, f"cell raised {r.error!r}:\n{src}\n{r.stdout}"
            if ex_id:
                [payload] = r.checks
                seen[ex_id] = payload["passed"]
        return seen

    seen = asyncio.run(go())
    assert set(seen) == {ex["id"] for ex in lesson["exercises"]}
    assert all(v is (variant == "solution") for v in seen.values()), seen


def test_notebook_examples_teach_the_stated_order(shell):
    """The predict-the-order cell prints what the reveal says."""
    nb = _notebook(next(lesson for lesson in LESSONS if lesson["id"] == "await-vs-create-task"))
    codes = [c.source for c in nb.cells if c.cell_type == "code"]
    predict = next(s for s in codes if "coffee.done()" in s)

    async def go():
        await arun(shell, codes[0])
        return await arun(shell, predict)

    lines = [l.strip() for l in asyncio.run(go()).stdout.splitlines()]
    assert lines == [
        "1. creating two tasks",
        "2. both tasks created; neither has run yet",
        "tea: step 1",
        "coffee: step 1",
        "tea: step 2",
        "coffee: step 2",
        "3. tea awaited; coffee done already? True",
        "4. both finished: tea coffee",
    ]
