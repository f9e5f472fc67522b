"""Answer sets: the answers learners really write, and the verdict each must get.

Format (one file per lesson, beside the other tests)
-----------------------------------------------------
``python/tests/answers/<lesson-id>.py``, e.g. ``answers/signals.py`` for the exercises
``signals.*``.  The file is data, not code: it holds exactly one assignment,
``ANSWERS = [ {...}, {...}, ... ]``, a list of dict literals that is read with
``ast.literal_eval`` (never imported or run), so only literals are allowed
(strings, numbers, lists, dicts, True/False/None).  Each dict is one answer:

``"exercise"`` (str, required)
    The full exercise id, ``"<lesson-id>.<name>"``; the lesson id must be the file's name.
``"label"`` (str, required)
    What the answer does, in a few words; unique within its exercise.
``"kind"`` (str, required)
    For a correct answer, its route: ``"lesson helper"``, ``"plain asyncio"``,
    ``"other standard library"`` or ``"other style"``.  For a wrong one, the kind of
    mistake: ``"misconception"``, ``"off-by-one"``, ``"order lost"``,
    ``"concurrency lost"``, ``"leak"``, ``"platform shortcut"``, ``"hard-coded"``
    or ``"other mistake"`` (see :data:`CORRECT_KINDS`, :data:`WRONG_KINDS`).
``"code"`` (str, required)
    The learner's cell (a triple-quoted string; an r-string when it holds a
    backslash, since an invalid escape is refused).  It runs after the exercise's own ``setup`` (the lesson's
    import cell), in a fresh namespace, the dict of a module ``__main__`` (as in a kernel), compiled
    with the file name ``<answer>`` (learner code, as a notebook cell is).  A process
    pool the cell creates at its top level is shut down afterwards if it is named ``POOL``.
``"verdict"`` (``"pass"`` or ``"fail"``, required)
    ``"pass"``: every check passes, and nothing reaches stderr meanwhile (no warning,
    no asyncio log record).  ``"fail"``: the check named in ``"check"`` fails.
``"check"`` (str, required for ``"fail"``)
    The name of the check that must name the mistake (one of the exercise's check names).
``"message"`` (str, optional, for ``"fail"``)
    Words that check's message must contain (what the learner reads).
``"platforms"`` (list of str, optional)
    Where the answer applies: ``"cpython"``, ``"pyodide"``; default both.  For a route
    that works on one platform only, write it twice with different verdicts if the
    other platform's message matters (e.g. the loop's own signal API: ``"pass"`` on
    ``["cpython"]``, ``"fail"`` with a message naming Pyodide on ``["pyodide"]``).
``"note"`` (str, optional)
    Anything a reader should know (why it is right or wrong).

Requirements kept by this file's tests: every exercise that has answers has at least 5
correct ones (by at least 2 routes) and 8 wrong ones (of at least 4 kinds), over all
platforms together.

The runner
----------
Under pytest (CPython 3.11-3.14): ``test_answer`` is parametrized over every answer that
applies to this platform, id ``<exercise>::<label>``.  On Pyodide, where pytest is not
shipped: ``await run_answer_sets()`` (no pytest needed, awaited on the running loop)
returns ``{"passed": [...], "failed": [[id, problem], ...], "skipped": [...]}``; see
test/notebooks/pyodide-pytest.test.mjs.  This module imports pytest only under pytest.
"""

from __future__ import annotations

import ast
import asyncio
import logging
import sys
import types
import warnings
from pathlib import Path

from asyncio_lab import exercises

ANSWERS_DIR = Path(__file__).resolve().parent / "answers"

CORRECT_KINDS = ("lesson helper", "plain asyncio", "other standard library", "other style")
WRONG_KINDS = (
    "misconception",
    "off-by-one",
    "order lost",
    "concurrency lost",
    "leak",
    "platform shortcut",
    "hard-coded",
    "other mistake",
)
PLATFORMS = ("cpython", "pyodide")
FIELDS = {"exercise", "label", "kind", "code", "verdict", "check", "message", "platforms", "note"}
MIN_CORRECT, MIN_WRONG = 5, 8
#: Exercises whose answer set is still short of those minimums (ported from the lesson
#: tests; to be completed): the completeness test lets them through, and fails once one
#: is complete but still listed here, so that the list only shrinks.
STILL_SHORT: set[str] = set()

PLATFORM = "pyodide" if sys.platform == "emscripten" else "cpython"


# --------------------------------------------------------------------------- reading

def read_answer_file(path: Path) -> list[dict]:
    """The ``ANSWERS`` list of one answer file, read as data (``ast.literal_eval``)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an invalid escape in a code string is an error (use an r-string)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = [
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["ANSWERS"]
    ]
    if len(found) != 1:
        raise ValueError(f"{path.name}: expected exactly one assignment ANSWERS = [...]")
    answers = ast.literal_eval(found[0])
    if not isinstance(answers, list):
        raise ValueError(f"{path.name}: ANSWERS must be a list")
    return answers


def answer_files() -> list[Path]:
    return sorted(p for p in ANSWERS_DIR.glob("*.py") if not p.name.startswith("_"))


def all_answers() -> list[dict]:
    out = []
    for path in answer_files():
        for answer in read_answer_file(path):
            out.append({**answer, "_file": path.stem})
    return out


def answer_id(answer: dict) -> str:
    return f"{answer['exercise']}::{answer['label']}"


def applies(answer: dict, platform: str = PLATFORM) -> bool:
    return platform in answer.get("platforms", PLATFORMS)


def problems_in_format(answer: dict) -> list[str]:
    """What is wrong with an answer's fields (empty: well formed)."""
    out = []
    missing = {"exercise", "label", "kind", "code", "verdict"} - set(answer)
    if missing:
        return [f"missing fields {sorted(missing)}"]
    unknown = set(answer) - FIELDS - {"_file"}
    if unknown:
        out.append(f"unknown fields {sorted(unknown)}")
    try:
        exercise = exercises.get(answer["exercise"])
    except KeyError:
        return out + [f"no exercise {answer['exercise']!r}"]
    if "_file" in answer and exercise.lesson != answer["_file"]:
        out.append(f"exercise {exercise.id} of lesson {exercise.lesson} in the file of lesson {answer['_file']}")
    verdict = answer["verdict"]
    if verdict == "pass":
        if answer["kind"] not in CORRECT_KINDS:
            out.append(f"kind {answer['kind']!r} of a correct answer: expected one of {CORRECT_KINDS}")
        if "check" in answer or "message" in answer:
            out.append("a correct answer names no check or message")
    elif verdict == "fail":
        if answer["kind"] not in WRONG_KINDS:
            out.append(f"kind {answer['kind']!r} of a wrong answer: expected one of {WRONG_KINDS}")
        names = [c.name for c in exercise.checks]
        if answer.get("check") not in names:
            out.append(f"check {answer.get('check')!r} is not one of {names}")
    else:
        out.append(f"verdict {verdict!r}: expected 'pass' or 'fail'")
    bad = set(answer.get("platforms", PLATFORMS)) - set(PLATFORMS)
    if bad or not answer.get("platforms", PLATFORMS):
        out.append(f"platforms {answer.get('platforms')!r}: expected a non-empty list of {PLATFORMS}")
    return out


# --------------------------------------------------------------------------- running

async def verdict_problems(answer: dict) -> list[str]:
    """Run the answer's checks; what differs from the expected verdict (empty: as expected)."""
    exercise = exercises.get(answer["exercise"])
    # As in a kernel, the cell's namespace is the dict of the module __main__ (so that a
    # process pool's workers look functions up where a notebook's would be).
    main = types.ModuleType("__main__")
    ns: dict = main.__dict__
    saved_main = sys.modules.get("__main__")
    sys.modules["__main__"] = main
    logged: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            logged.append(record.getMessage())

    handler = Collect()
    logger = logging.getLogger("asyncio")
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                if exercise.setup:
                    exec(compile(exercise.setup, "<setup>", "exec"), ns)
                exec(compile(answer["code"], "<answer>", "exec"), ns)
            except Exception as exc:
                return [f"the answer's cell raised {exercises.describe_exception(exc)}"]
            result = await exercises.run_checks(exercise.id, ns)
            await asyncio.sleep(0)
            import gc

            gc.collect()  # an unclosed transport or a never-awaited coroutine warns here
    finally:
        logger.removeHandler(handler)
        if saved_main is not None:
            sys.modules["__main__"] = saved_main
        pool = ns.get("POOL")
        if pool is not None and hasattr(pool, "shutdown"):
            pool.shutdown()
    text = result.to_text()
    if answer["verdict"] == "pass":
        out = [] if result.passed else [f"expected to pass:\n{text}"]
        noise = [str(w.message) for w in caught] + logged
        if noise:
            out.append(f"a correct answer put this on stderr: {noise}")
        return out
    failed = {c.name: c.message for c in result.checks if not c.passed}
    if result.passed:
        return [f"expected “{answer['check']}” to fail, but every check passed:\n{text}"]
    if answer["check"] not in failed:
        return [f"expected “{answer['check']}” to fail (and name the mistake):\n{text}"]
    if answer.get("message") and answer["message"] not in failed[answer["check"]]:
        return [f"the message of “{answer['check']}” lacks {answer['message']!r}:\n{text}"]
    return []


async def run_answer_sets(names: list[str] | None = None) -> dict:
    """Every answer that applies here (or those whose id is in ``names``): the Pyodide runner."""
    passed, failed, skipped = [], [], []
    for answer in all_answers():
        ident = answer_id(answer)
        if names and ident not in names:
            continue
        if not applies(answer):
            skipped.append(ident)
            continue
        try:
            problems = problems_in_format(answer) or await verdict_problems(answer)
        except Exception as exc:  # pragma: no cover - the runner itself broke
            problems = [f"the runner raised {exercises.describe_exception(exc)}"]
        if problems:
            failed.append([ident, "\n".join(problems)])
        else:
            passed.append(ident)
    return {"passed": passed, "failed": failed, "skipped": skipped}


def counts() -> dict[str, dict[str, int]]:
    """Per exercise: how many correct and wrong answers the files hold (all platforms)."""
    out: dict[str, dict[str, int]] = {}
    for answer in all_answers():
        entry = out.setdefault(answer["exercise"], {"correct": 0, "wrong": 0})
        entry["correct" if answer["verdict"] == "pass" else "wrong"] += 1
    return out


# --------------------------------------------------------------------------- pytest

if "pytest" in sys.modules:
    import pytest

    _APPLICABLE = [a for a in all_answers() if applies(a)]

    @pytest.mark.parametrize("answer", _APPLICABLE, ids=[answer_id(a) for a in _APPLICABLE])
    def test_answer(answer):
        problems = problems_in_format(answer)
        assert not problems, problems
        problems = asyncio.run(verdict_problems(answer))
        assert not problems, "\n".join(problems)

    def test_answer_files_are_well_formed():
        seen: dict[tuple[str, str], str] = {}
        bad = []
        for answer in all_answers():
            bad += [f"{answer_id(answer)}: {p}" for p in problems_in_format(answer)]
            key = (answer["exercise"], answer["label"])
            platforms = tuple(answer.get("platforms", PLATFORMS))
            if key in seen and set(seen[key]) & set(platforms):
                bad.append(f"{answer_id(answer)}: label used twice on the same platform")
            seen[key] = platforms
        assert not bad, "\n".join(bad)

    def test_every_answer_set_is_complete():
        short = []
        by_exercise: dict[str, list[dict]] = {}
        for answer in all_answers():
            by_exercise.setdefault(answer["exercise"], []).append(answer)
        for ex_id, answers in sorted(by_exercise.items()):
            right = [a for a in answers if a["verdict"] == "pass"]
            wrong = [a for a in answers if a["verdict"] == "fail"]
            routes = {a["kind"] for a in right}
            kinds = {a["kind"] for a in wrong}
            complete = len(right) >= MIN_CORRECT and len(routes) >= 2 and len(wrong) >= MIN_WRONG and len(kinds) >= 4
            if not complete and ex_id not in STILL_SHORT:
                short.append(
                    f"{ex_id}: {len(right)} correct ({len(routes)} routes), {len(wrong)} wrong ({len(kinds)} kinds)"
                )
            if complete and ex_id in STILL_SHORT:
                short.append(f"{ex_id} is complete now: take it off STILL_SHORT")
        assert not short, "\n".join(short)

    def test_the_format_reader_refuses_code(tmp_path):
        path = tmp_path / "x.py"
        path.write_text("import os\nANSWERS = [os.getcwd()]\n", encoding="utf-8")
        with pytest.raises(ValueError):
            read_answer_file(path)
