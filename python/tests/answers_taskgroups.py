"""The answer set of lesson taskgroups, as objects, and the code that runs it anywhere.

The data is ``answers/taskgroups.py`` (the course's answer-set format, read with
``ast.literal_eval``): what learners write for the lesson's two exercises, each with the verdict
the checks must give and, for a wrong answer, the check that must fail first and a fragment of
its message (every check before it must pass).

Plain Python, no pytest: python/tests/test_lesson_taskgroups.py runs it on CPython with stricter
assertions than the shared runner (the first failing check, the loop as it was, in time). The
shared runner (python/tests/test_answers.py) runs the same data on CPython and on Pyodide.
"""

from __future__ import annotations

import ast
import asyncio
from dataclasses import dataclass
from pathlib import Path

from asyncio_lab import exercises

AON = "taskgroups.all-or-nothing"
CRAWL = "taskgroups.crawl"
DATA = Path(__file__).resolve().parent / "answers" / "taskgroups.py"


@dataclass(frozen=True)
class Answer:
    exercise: str
    name: str
    kind: str  # a route, for a correct answer; the kind of mistake, for a wrong one
    code: str
    passes: bool
    check: str | None = None  # the check that must fail first
    says: str | None = None  # a fragment of its message
    note: str | None = None

    @property
    def id(self) -> str:
        return f"{self.exercise.split('.')[1]}: {self.name}"


def read(path: Path = DATA) -> list[Answer]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    [value] = [n.value for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "ANSWERS"]
    return [
        Answer(d["exercise"], d["label"], d["kind"], d["code"], d["verdict"] == "pass",
               d.get("check"), d.get("message"), d.get("note"))
        for d in ast.literal_eval(value)
    ]


ANSWERS = read()

PRELUDE = exercises.get(AON).setup


async def verdict(answer: Answer) -> dict:
    """Run the checks on ``answer`` in the running loop; what they said, and what they left pending."""
    ns: dict = {}
    exec(PRELUDE + answer.code, ns)
    before = asyncio.all_tasks()
    result = await exercises.run_checks(answer.exercise, ns)
    await asyncio.sleep(0)
    first = next((c for c in result.checks if not c.passed), None)
    return {
        "id": answer.id,
        "passed": result.passed,
        "check": first.name if first else None,
        "message": first.message if first else None,
        "checks": [c.name for c in result.checks],
        "pending": [repr(t) for t in asyncio.all_tasks() - before if not t.done()],
    }


def problems(answer: Answer, got: dict) -> list[str]:
    """What is wrong with the verdict ``got`` for ``answer`` (empty: as expected)."""
    out = []
    if got["pending"]:
        out.append(f"tasks left pending: {got['pending']}")
    if answer.passes:
        if not got["passed"]:
            out.append(f"should pass, but {got['check']!r} failed: {got['message']}")
        return out
    if got["passed"]:
        out.append("should fail, but passed")
    elif got["check"] != answer.check:
        out.append(f"the first failing check should be {answer.check!r}, not {got['check']!r}: {got['message']}")
    elif answer.says not in got["message"]:
        out.append(f"the message should say {answer.says!r}: {got['message']}")
    elif "task.result()" in got["message"] or "tg.create_task" in got["message"]:
        out.append(f"the message gives the answer away: {got['message']}")
    return out
