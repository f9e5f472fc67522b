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


# --------------------------------------------------------------------------- cross-references

REFERENCE = re.compile(r"\b[Ll]essons? (\d+)((?:(?:,| and| or) \d+)*)")
TITLE = re.compile(r"# (?:Lesson (\d+) · )?(.+)")

#: Every "lesson N" in a lesson, as (the lesson it is in, the lesson it names): words of what it is
#: named for.  One of the words must be in the paragraph of each such reference, and every word in
#: the named lesson's manifest entry (title, summary, objectives), or for NOTEBOOK_WORDS in its
#: notebook.  A new reference is added here, so that it is checked too.
REFERENCES = {
    (0, 1): ("package problem",),
    (0, 2): ("coroutine",),
    (0, 3): ("coroutine",),
    (3, 2): ("create_task",),
    (4, 2): ("create_task",),
    (5, 2): ("create_task",),
    (5, 8): ("processpoolexecutor",),
    (6, 2): ("task",),
    (6, 4): ("callback",),
    (6, 5): ("thread",),
    (7, 2): ("task",),
    (7, 9): ("udp",),
    (8, 2): ("create_task", "fake_download"),
    (8, 4): ("task ends",),
    (9, 2): ("task",),
    (9, 7): ("socket", "tcp"),
    (10, 2): ("await",),
    (10, 3): ("awaitables",),
    (10, 11): ("decorator",),
    (11, 4): ("async def",),
    (11, 10): ("coroutine function", "iscoroutinefunction"),
    (16, 2): ("create_task",),
    (16, 8): ("gather",),
    (17, 2): ("create_task",),
    (17, 8): ("gather", "as_completed", "recording"),
    (20, 8): ("gather",),
    (20, 16): ("cancellation",),
    (19, 2): ("create_task",),
    (19, 8): ("gather",),
    (19, 17): ("workers", "recording"),
    (18, 2): ("create_task",),
    (18, 5): ("thread",),
    (18, 8): ("gather",),
}
#: Words found in the named lesson's notebook rather than its manifest entry.
NOTEBOOK_WORDS = {"processpoolexecutor", "fake_download", "tcp", "recording"}


def _plain(text: str) -> str:
    return " ".join(text.replace("`", "").split()).lower()


def _title_problem(number: int, title_line: str, lesson: dict) -> str | None:
    """The title line (``# Lesson N · Title``; lesson 0 has no number) against the manifest."""
    title = TITLE.match(title_line)
    if title and (title.group(1) is None or int(title.group(1)) == number):
        if _plain(title.group(2)).startswith(_plain(lesson["title"])):
            return None
    return f"lesson {number}: its title line does not match the manifest's {lesson['title']!r}"


def _references(cells: list[str]):
    """(lesson named, the paragraph naming it) for every reference in a lesson's cells (title line skipped)."""
    for source in [cells[0].split("\n", 1)[-1], *cells[1:]]:
        for paragraph in re.split(r"\n\s*\n", source):
            for match in REFERENCE.finditer(paragraph):
                for named in [int(match.group(1)), *map(int, re.findall(r"\d+", match.group(2)))]:
                    yield named, paragraph


def _reference_problems(number, named, paragraph, texts, by_number, table) -> list[str]:
    target, words = by_number.get(named), table.get((number, named))
    if target is None or named == number:
        return [f"lesson {number} names lesson {named}, which is not another lesson"]
    if words is None:
        return [f"lesson {number} names lesson {named}: add it to REFERENCES"]
    problems = []
    if not any(word in _plain(paragraph) for word in words):
        problems.append(f"lesson {number} names lesson {named} without {' or '.join(words)!r}: "
                        f"{_plain(paragraph)[:120]!r}")
    manifest = " ".join([target["title"], target["summary"], *target["objectives"]])
    for word in words:
        about = " ".join(texts.get(named, [])) if word in NOTEBOOK_WORDS else manifest
        if word not in _plain(about):
            problems.append(f"lesson {number} names lesson {named} for {word!r}, "
                            f"which lesson {named} ({target['title']!r}) is not about")
    return problems


def cross_reference_problems(texts: dict[int, list[str]], lessons: list[dict], table: dict) -> list[str]:
    """Problems of the references in ``texts`` (lesson number -> its cells' sources, the title first)."""
    by_number = {lesson["number"]: lesson for lesson in lessons}
    problems, found = [], set()
    for number, cells in texts.items():
        problem = _title_problem(number, cells[0].split("\n", 1)[0], by_number[number])
        problems.extend([problem] if problem else [])
        for named, paragraph in _references(cells):
            found.add((number, named))
            problems.extend(_reference_problems(number, named, paragraph, texts, by_number, table))
    for number, named in sorted(set(table) - found):
        problems.append(f"REFERENCES lists lesson {number} naming lesson {named}, which it no longer does")
    return problems


def _lesson_texts():
    return {lesson["number"]: [c.source for c in _notebook(lesson).cells] for lesson in LESSONS}


def test_every_cross_reference_names_the_right_lesson():
    texts = _lesson_texts()
    assert cross_reference_problems(texts, LESSONS, REFERENCES) == []
    # Lesson 8 shows the process pool that lesson 5 points to.
    lesson8 = next(lesson for lesson in LESSONS if lesson["number"] == 8)
    assert "ProcessPoolExecutor(" in "".join(c.source for c in _notebook(lesson8).cells if c.cell_type == "code")


def test_cross_reference_rule_catches_a_wrong_lesson():
    texts = _lesson_texts()
    wrong = {**texts, 6: [s.replace("callbacks of lesson 4", "callbacks of lesson 5") for s in texts[6]]}
    assert any("lesson 6 names lesson 5 without 'thread'" in p for p in
               cross_reference_problems(wrong, LESSONS, REFERENCES))
    table = {**REFERENCES, (6, 5): ("callback",)}
    wrong_title = {**texts, 3: ["# Lesson 3 · Futures\n", *texts[3][1:]]}
    problems = cross_reference_problems(wrong_title, LESSONS, table)
    assert "lesson 3: its title line does not match the manifest's 'Awaitables'" in problems
    assert any("names lesson 5 for 'callback', which lesson 5" in p for p in problems)
    missing = {**texts, 0: [texts[0][0], "See lesson 12."]}
    assert "lesson 0 names lesson 12, which is not another lesson" in cross_reference_problems(missing, LESSONS, {})
