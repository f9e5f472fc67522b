"""A lint over the course notebooks: format, metadata, exercise cells, lesson shape, cell rules.

Every notebook listed in notebooks/course.json, and any other notebooks/*.ipynb, is checked.
Each problem names the file, the cell index (0-based, all cells counted, as nbformat and the
notebook runners count them) and the rule, e.g.::

    notebooks/02-await-vs-create-task.ipynb cell 9 line 3 [no-time-sleep]: ...

Run on its own: ``PYTHONPATH=python .venv/bin/python -m pytest python/tests/test_notebook_rules.py -q``
or ``.venv/bin/python python/tests/test_notebook_rules.py [notebook ...]`` to print the problems.

The cell rules look at the code with :mod:`ast`, so a forbidden name in a string, a comment
or a Markdown cell is fine; only code that would run counts.  Cell magics are stripped first
(``%%check id`` and the other magics whose body is Python) and line magics are turned into the
``get_ipython().run_line_magic(...)`` calls IPython itself makes of them.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from IPython.core.inputtransformer2 import TransformerManager

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
COURSE = NOTEBOOKS / "course.json"

# --------------------------------------------------------------------------- the rules

RULES = {
    "nbformat": "valid nbformat 4.5+ (nbformat.validate), cell ids included",
    "no-outputs": "saved without outputs or execution counts",
    "kernelspec": "kernelspec python3",
    "in-manifest": "listed in notebooks/course.json",
    "lesson-id": "notebook metadata asyncio_lab.lesson equals the manifest id",
    "exercise-cell": "an exercise cell starts with `%%check <its id>` and carries the exercise metadata and tag",
    "exercise-in-manifest": "every exercise cell's id is one of the lesson's manifest exercises, and vice versa",
    "min-exercises": "at least two exercises (a lesson whose manifest lists none is exempt)",
    "estimated-time": "the title cell gives the estimated time, equal to the manifest's minutes",
    "predict": "a Markdown cell containing 'Predict', followed by a code cell that reveals it",
    "parses": "every Python code cell parses (after the magics are stripped)",
    "loop-control": "no asyncio.run / run_until_complete / new_event_loop / asyncio.Runner / set_task_factory "
    "outside a try/except block labelled as a demonstration",
    "no-time-sleep": "no time.sleep in code cells (show blocking with CPU work)",
    "no-load-ext": "no %load_ext / %reload_ext (the extension is loaded for the learner)",
    "no-hint-in-code": "%hint and %solution only in Markdown (running them would use up hints or show solutions)",
}

#: Cell magics whose body is Python (the body is checked like any code cell).
PYTHON_CELL_MAGICS = {"check", "timeline", "callgraph", "virtualtime", "time", "timeit", "capture", "prun"}

#: asyncio names that take over or replace the notebook's running loop.
LOOP_NAMES = {"run", "new_event_loop", "Runner"}
#: method names that are forbidden whatever object they are called on.
LOOP_METHODS = {"run_until_complete", "set_task_factory", "new_event_loop"}

DEMO_LABEL = re.compile(r"\bdemo(nstrat\w*)?\b", re.IGNORECASE)
ESTIMATED = re.compile(r"Estimated time\W*(\d+)\s*min", re.IGNORECASE)
CHECK_LINE = re.compile(r"%%check[ \t]+(\S+)[ \t]*$")


@dataclass(frozen=True)
class Problem:
    file: str
    cell: int | None  # None: the notebook as a whole
    rule: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.cell is not None:
            where += f" cell {self.cell}"
            if self.line is not None:
                where += f" line {self.line}"
        return f"{where} [{self.rule}]: {self.message}"


# --------------------------------------------------------------------------- code cells

def python_source(source: str) -> tuple[str | None, str | None]:
    """(cell magic name or None, Python code with line numbers kept) of a code cell.

    ``None`` code: the cell's body is not Python (e.g. ``%%html``).
    """
    lines = source.splitlines(keepends=True)
    magic = None
    if lines and lines[0].lstrip().startswith("%%"):
        magic = lines[0].strip()[2:].split(None, 1)[0] if lines[0].strip()[2:] else ""
        if magic not in PYTHON_CELL_MAGICS:
            return magic, None
        lines[0] = "\n"  # keep the line numbers of the cell
    body = "".join(lines)
    # Line magics and shell escapes become the calls IPython makes of them (one line each).
    return magic, TransformerManager().transform_cell(body) if body.strip() else body


def _ipython_line_magic(node: ast.AST) -> str | None:
    """'load_ext' for ``get_ipython().run_line_magic('load_ext', ...)``."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "run_line_magic"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        return node.args[0].value
    return None


class _CellVisitor(ast.NodeVisitor):
    """Finds forbidden code; knows which nodes sit in the body of a try/except."""

    def __init__(self):
        self.asyncio_modules = {"asyncio"}
        self.asyncio_names: dict[str, str] = {}  # local name -> asyncio attribute
        self.time_modules = {"time"}
        self.sleep_names: set[str] = set()
        self.try_depth = 0
        self.found: list[tuple[str, int, str, bool]] = []  # (rule, line, what, inside try body)

    # imports -------------------------------------------------------------
    def visit_Import(self, node):
        for alias in node.names:
            if alias.name == "asyncio":
                self.asyncio_modules.add(alias.asname or "asyncio")
            elif alias.name == "time":
                self.time_modules.add(alias.asname or "time")

    def visit_ImportFrom(self, node):
        if node.module == "asyncio":
            for alias in node.names:
                self.asyncio_names[alias.asname or alias.name] = alias.name
        elif node.module == "time":
            for alias in node.names:
                if alias.name == "sleep":
                    self.sleep_names.add(alias.asname or "sleep")
        elif node.module and node.module.startswith("asyncio."):
            for alias in node.names:
                if alias.name in LOOP_NAMES | LOOP_METHODS:
                    self.asyncio_names[alias.asname or alias.name] = alias.name

    # try/except bodies ---------------------------------------------------
    def _visit_try(self, node):
        protected = bool(node.handlers)
        if protected:
            self.try_depth += 1
        for stmt in node.body:
            self.visit(stmt)
        if protected:
            self.try_depth -= 1
        for part in (node.handlers, node.orelse, node.finalbody):
            for stmt in part:
                self.visit(stmt)

    visit_Try = _visit_try
    visit_TryStar = _visit_try

    # uses ----------------------------------------------------------------
    def _add(self, rule, node, what):
        self.found.append((rule, node.lineno, what, self.try_depth > 0))

    def visit_Attribute(self, node):
        base = node.value
        if isinstance(base, ast.Name):
            if base.id in self.asyncio_modules and node.attr in LOOP_NAMES:
                self._add("loop-control", node, f"{base.id}.{node.attr}")
            elif base.id in self.time_modules and node.attr == "sleep":
                self._add("no-time-sleep", node, f"{base.id}.sleep")
                self.generic_visit(node)
                return
        if node.attr in LOOP_METHODS and not (
            isinstance(base, ast.Name) and base.id in self.asyncio_modules and node.attr in LOOP_NAMES
        ):
            self._add("loop-control", node, f".{node.attr}")
        self.generic_visit(node)

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Load):
            if node.id in self.asyncio_names:
                original = self.asyncio_names[node.id]
                if original in LOOP_NAMES | LOOP_METHODS:
                    self._add("loop-control", node, f"asyncio's {original} (as {node.id})")
            elif node.id in self.sleep_names:
                self._add("no-time-sleep", node, f"time.sleep (as {node.id})")

    def visit_Call(self, node):
        magic = _ipython_line_magic(node)
        if magic in ("load_ext", "reload_ext"):
            self._add("no-load-ext", node, f"%{magic}")
        elif magic in ("hint", "solution"):
            self._add("no-hint-in-code", node, f"%{magic}")
        self.generic_visit(node)


def _labelled_demo(nb, index: int) -> bool:
    """The cell (a comment or any text) or the Markdown cell just before it says 'demonstration'."""
    if DEMO_LABEL.search(nb.cells[index].source):
        return True
    for prev in reversed(nb.cells[:index]):
        if prev.cell_type == "markdown":
            return bool(DEMO_LABEL.search(prev.source))
        if prev.source.strip():
            return False
    return False


def lint_code_cell(nb, index: int, file: str) -> list[Problem]:
    cell = nb.cells[index]
    magic, code = python_source(cell.source)
    if code is None:
        return []
    try:
        tree = ast.parse(code)
    except SyntaxError as exc:
        return [Problem(file, index, "parses", f"does not parse: {exc.msg}", exc.lineno)]
    visitor = _CellVisitor()
    visitor.visit(tree)
    problems = []
    demo = None
    for rule, line, what, in_try in visitor.found:
        if rule == "loop-control":
            if in_try:
                demo = _labelled_demo(nb, index) if demo is None else demo
                if demo:
                    continue
                message = (
                    f"{what} inside try/except, but neither this cell nor the Markdown cell before it "
                    "labels it a demonstration"
                )
            else:
                message = (
                    f"{what} would take over the notebook's running event loop; use top-level await, "
                    "or show it inside a try/except labelled as a demonstration"
                )
        elif rule == "no-time-sleep":
            message = f"{what} blocks (or, on Pyodide with stack switching, does not); show blocking with CPU work"
        elif rule == "no-load-ext":
            message = f"{what}: the extension is loaded when a course notebook's kernel starts"
        else:
            message = f"{what} in a code cell; mention it in Markdown instead"
        problems.append(Problem(file, index, rule, message, line))
    return problems


# --------------------------------------------------------------------------- notebooks

def _exercise_meta(cell) -> str | None:
    meta = cell.metadata.get("asyncio_lab") or {}
    return meta.get("exercise") if isinstance(meta, dict) else None


def lint_notebook(path: Path, lesson: dict | None) -> list[Problem]:
    """Every problem of one notebook; ``lesson`` is its manifest entry (None if not listed)."""
    file = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
    problems: list[Problem] = []

    def add(cell, rule, message, line=None):
        problems.append(Problem(file, cell, rule, message, line))

    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        nb = nbformat.reads(path.read_text(encoding="utf-8"), as_version=nbformat.NO_CONVERT)
    except Exception as exc:  # unreadable: nothing else can be checked
        add(None, "nbformat", f"cannot be read: {exc}")
        return problems
    if raw.get("nbformat") != 4 or raw.get("nbformat_minor", 0) < 5:
        add(None, "nbformat", f"nbformat {raw.get('nbformat')}.{raw.get('nbformat_minor')}, expected 4.5 or later")
        return problems
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as exc:
        add(None, "nbformat", f"invalid: {exc.message}")

    if (nb.metadata.get("kernelspec") or {}).get("name") != "python3":
        add(None, "kernelspec", f"kernelspec is {nb.metadata.get('kernelspec')!r}, expected name 'python3'")

    lesson_meta = (nb.metadata.get("asyncio_lab") or {}).get("lesson")
    if lesson is None:
        add(None, "in-manifest", f"{path.name} is not listed in notebooks/course.json")
    elif lesson_meta != lesson["id"]:
        add(None, "lesson-id", f"metadata asyncio_lab.lesson is {lesson_meta!r}, the manifest says {lesson['id']!r}")

    # outputs, exercise cells, code rules ----------------------------------
    manifest_ids = [ex["id"] for ex in (lesson or {}).get("exercises", [])]
    seen: list[str] = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if cell.get("outputs") or cell.get("execution_count") is not None:
            add(i, "no-outputs", "has saved outputs or an execution count; clear them before saving")
        ex_id = _exercise_meta(cell)
        first = cell.source.split("\n", 1)[0]
        match = CHECK_LINE.fullmatch(first.rstrip())
        tagged = "exercise" in cell.metadata.get("tags", [])
        if ex_id or tagged or first.lstrip().startswith("%%check"):
            if not ex_id:
                add(i, "exercise-cell", "starts with %%check or is tagged 'exercise' but has no "
                    "metadata asyncio_lab.exercise")
            elif match is None or match.group(1) != ex_id:
                add(i, "exercise-cell", f"exercise {ex_id!r}: the first line must be `%%check {ex_id}`, "
                    f"it is {first!r}")
            if not tagged:
                add(i, "exercise-cell", "an exercise cell must be tagged 'exercise'")
            if ex_id:
                seen.append(ex_id)
                if lesson is not None and ex_id not in manifest_ids:
                    add(i, "exercise-in-manifest", f"exercise {ex_id!r} is not among the lesson's manifest "
                        f"exercises {manifest_ids}")
        problems.extend(lint_code_cell(nb, i, file))

    if lesson is not None:
        for ex_id in manifest_ids:
            if seen.count(ex_id) != 1:
                add(None, "exercise-in-manifest", f"manifest exercise {ex_id!r} has {seen.count(ex_id)} "
                    "exercise cells, expected exactly one")
        if manifest_ids and len(manifest_ids) < 2:
            add(None, "min-exercises", f"{len(manifest_ids)} exercise(s); a lesson has at least two")
        if not manifest_ids and seen:
            add(None, "min-exercises", "exercise cells but no exercises in the manifest")

    # lesson shape ---------------------------------------------------------
    title = nb.cells[0] if nb.cells else None
    if title is None or title.cell_type != "markdown" or not title.source.startswith("# "):
        add(0 if nb.cells else None, "estimated-time", "the first cell must be a Markdown title (`# ...`)")
    else:
        found = ESTIMATED.search(title.source)
        if not found:
            add(0, "estimated-time", "the title cell does not say '**Estimated time:** N minutes'")
        elif lesson is not None and int(found.group(1)) != lesson.get("minutes"):
            add(0, "estimated-time", f"the title cell says {found.group(1)} minutes, the manifest "
                f"{lesson.get('minutes')}")

    predicts = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and "Predict" in c.source]
    if not predicts:
        add(None, "predict", "no Markdown cell with a 'Predict ...' item")
    elif not any(c.cell_type == "code" for c in nb.cells[predicts[0] + 1 :]):
        add(predicts[0], "predict", "no code cell after the 'Predict' item to reveal the answer")
    return problems


def course_notebooks() -> list[tuple[Path, dict | None]]:
    """(path, manifest entry) for every listed lesson, then every other notebooks/*.ipynb."""
    lessons = json.loads(COURSE.read_text(encoding="utf-8"))["lessons"]
    listed = [(NOTEBOOKS / lesson["file"], lesson) for lesson in lessons]
    names = {p.name for p, _ in listed}
    others = [(p, None) for p in sorted(NOTEBOOKS.glob("*.ipynb")) if p.name not in names]
    return listed + others


# --------------------------------------------------------------------------- the tests

NOTEBOOK_CASES = course_notebooks()


@pytest.mark.parametrize("path, lesson", NOTEBOOK_CASES, ids=[p.name for p, _ in NOTEBOOK_CASES])
def test_notebook_follows_the_rules(path, lesson):
    assert path.exists(), f"{path.relative_to(ROOT)} is listed in course.json but missing"
    problems = lint_notebook(path, lesson)
    assert not problems, "\n".join(map(str, problems))


# The lint itself: a notebook breaking each rule is caught, with the right cell and rule.

def _nb(cells, lesson="demo-lesson"):
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "asyncio_lab": {"lesson": lesson},
    }
    nb.cells = cells
    for i, c in enumerate(nb.cells):
        c.id = f"c{i}"
    return nb


def _md(text):
    return nbformat.v4.new_markdown_cell(text)


def _code(text, exercise=None):
    cell = nbformat.v4.new_code_cell(text)
    if exercise:
        cell.metadata = {"asyncio_lab": {"exercise": exercise}, "tags": ["exercise"]}
    return cell


LESSON = {
    "id": "demo-lesson",
    "minutes": 10,
    "exercises": [{"id": "demo-lesson.one", "title": "One"}, {"id": "demo-lesson.two", "title": "Two"}],
}


def _good_cells():
    return [
        _md("# Demo\n\n**Estimated time:** 10 minutes"),
        _md("### Predict the output"),
        _code("import asyncio\nawait asyncio.sleep(0)\nprint('hi')"),
        _code("%%check demo-lesson.one\nx = 1\nx", exercise="demo-lesson.one"),
        _code("%%check demo-lesson.two\ny = 2", exercise="demo-lesson.two"),
    ]


def _lint(tmp_path, nb, lesson=LESSON):
    path = tmp_path / "99-demo.ipynb"
    nbformat.write(nb, path)
    return lint_notebook(path, lesson)


def _rules(problems):
    return sorted(((p.cell, p.rule) for p in problems), key=lambda cr: (-1 if cr[0] is None else cr[0], cr[1]))


def test_lint_accepts_a_good_notebook(tmp_path):
    assert _lint(tmp_path, _nb(_good_cells())) == []


@pytest.mark.parametrize(
    "source",
    [
        "asyncio.run(main())",
        "import asyncio as aio\naio.run(main())",
        "from asyncio import run\nrun(main())",
        "from asyncio import run as go\ngo(main())",
        "loop = asyncio.get_event_loop()\nloop.run_until_complete(main())",
        "loop = asyncio.new_event_loop()",
        "with asyncio.Runner() as r:\n    r.run(main())",
        "asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)",
        "runner = asyncio.Runner",
        "try:\n    asyncio.run(main())\nexcept RuntimeError as e:\n    print(e)",  # unlabelled
        "try:\n    pass\nexcept RuntimeError:\n    asyncio.run(main())  # demonstration",  # in the handler
        "try:\n    asyncio.run(main())  # demonstration\nfinally:\n    pass",  # nothing caught
    ],
)
def test_lint_catches_loop_control(tmp_path, source):
    cells = _good_cells()
    cells.insert(3, _code(source))
    problems = _lint(tmp_path, _nb(cells))
    assert {(p.cell, p.rule) for p in problems} == {(3, "loop-control")}, problems
    assert all(p.line is not None for p in problems)
    assert "99-demo.ipynb cell 3 line " in str(problems[0]) and "[loop-control]" in str(problems[0])


@pytest.mark.parametrize(
    "cells_before, source",
    [
        ([], "# A demonstration: this cannot work here.\ntry:\n    asyncio.run(main())\nexcept RuntimeError as e:\n"
         "    print(e)"),
        ([_md("A **demonstration** of what goes wrong:")],
         "try:\n    loop = asyncio.new_event_loop()\nexcept Exception as e:\n    print(e)"),
        ([], "try:  # demo\n    asyncio.get_running_loop().run_until_complete(x)\nexcept* RuntimeError:\n    pass"),
        # Only code counts: strings, comments and Markdown may name anything.
        ([_md("Never call `asyncio.run()` or `time.sleep()` in a cell.")],
         "print('asyncio.run(main()) and time.sleep(1)')  # asyncio.run(x)\nhasattr(asyncio, 'Runner')"),
        ([], "import asyncio\nrun = 3\nprint(run)"),  # a local name 'run' is not asyncio.run
        ([], "await asyncio.sleep(0)\nasync with asyncio.TaskGroup() as tg:\n    pass"),
    ],
)
def test_lint_allows_labelled_demonstrations_and_mentions(tmp_path, cells_before, source):
    cells = _good_cells()
    cells[3:3] = [*cells_before, _code(source)]
    assert _lint(tmp_path, _nb(cells)) == []


@pytest.mark.parametrize(
    "source, rule",
    [
        ("import time\ntime.sleep(0.1)", "no-time-sleep"),
        ("import time as t\ntry:  # demonstration\n    t.sleep(1)\nexcept Exception:\n    pass", "no-time-sleep"),
        ("from time import sleep\nsleep(1)", "no-time-sleep"),
        ("%load_ext asyncio_lab", "no-load-ext"),
        ("x = 1\n%reload_ext asyncio_lab", "no-load-ext"),
        ("%hint demo-lesson.one", "no-hint-in-code"),
        ("%solution demo-lesson.one --confirm", "no-hint-in-code"),
        ("def broken(:\n    pass", "parses"),
    ],
)
def test_lint_catches_cell_rules(tmp_path, source, rule):
    cells = _good_cells()
    cells.insert(2, _code(source))
    problems = _lint(tmp_path, _nb(cells))
    assert _rules(problems) == [(2, rule)], problems


def test_lint_catches_outputs_and_counts(tmp_path):
    nb = _nb(_good_cells())
    nb.cells[2].execution_count = 3
    nb.cells[2].outputs = [nbformat.v4.new_output("stream", name="stdout", text="hi\n")]
    assert _rules(_lint(tmp_path, nb)) == [(2, "no-outputs")]


def test_lint_catches_exercise_cell_mistakes(tmp_path):
    cells = _good_cells()
    cells[3].source = "# %%check comes first\n%%check demo-lesson.one\nx = 1"
    cells[4].metadata["tags"] = []
    cells.append(_code("%%check demo-lesson.three\npass", exercise="demo-lesson.three"))
    cells.append(_code("%%check demo-lesson.two\npass"))  # no metadata
    cells.append(_code("%%check demo-lesson.two\npass", exercise="demo-lesson.two"))  # a second cell
    problems = _lint(tmp_path, _nb(cells))
    assert _rules(problems) == [
        (None, "exercise-in-manifest"),  # demo-lesson.two now has two cells
        (3, "exercise-cell"),
        (4, "exercise-cell"),
        (5, "exercise-in-manifest"),
        (6, "exercise-cell"),  # no metadata
        (6, "exercise-cell"),  # no tag
    ], problems
    [first] = [p for p in problems if p.cell == 3]
    assert "cell 3 [exercise-cell]: exercise 'demo-lesson.one': the first line must be `%%check demo-lesson.one`" in str(
        first
    )


def test_lint_catches_lesson_shape(tmp_path):
    cells = [_md("# Demo\n\nNo time given."), _code("%%check demo-lesson.one\nx = 1", exercise="demo-lesson.one")]
    lesson = {**LESSON, "exercises": LESSON["exercises"][:1]}
    problems = _lint(tmp_path, _nb(cells, lesson="other-lesson"), lesson)
    assert _rules(problems) == [(None, "lesson-id"), (None, "min-exercises"), (None, "predict"),
                                (0, "estimated-time")], problems
    assert "'other-lesson'" in str(problems[0]) and "'demo-lesson'" in str(problems[0])


def test_lint_minutes_must_match_the_manifest(tmp_path):
    problems = _lint(tmp_path, _nb(_good_cells()), {**LESSON, "minutes": 15})
    assert _rules(problems) == [(0, "estimated-time")]


def test_lint_exempts_a_lesson_without_exercises(tmp_path):
    cells = _good_cells()[:3]
    assert _lint(tmp_path, _nb(cells), {**LESSON, "exercises": []}) == []


def test_lint_flags_notebooks_missing_from_the_manifest(tmp_path):
    assert _rules(_lint(tmp_path, _nb(_good_cells()), None)) == [(None, "in-manifest")]


def test_lint_flags_old_nbformat(tmp_path):
    nb = _nb(_good_cells())
    nb.nbformat_minor = 4
    for c in nb.cells:
        del c["id"]
    assert _rules(_lint(tmp_path, nb)) == [(None, "nbformat")]


def test_every_rule_is_documented_and_used():
    source = Path(__file__).read_text(encoding="utf-8")
    for rule in RULES:
        assert source.count(f'"{rule}"') >= 2, rule


if __name__ == "__main__":
    targets = [Path(a).resolve() for a in sys.argv[1:]]
    cases = [(p, l) for p, l in course_notebooks() if not targets or p.resolve() in targets]
    found = [p for path, lesson in cases for p in lint_notebook(path, lesson)]
    print("\n".join(map(str, found)) or f"{len(cases)} notebook(s), no problems")
    sys.exit(1 if found else 0)
