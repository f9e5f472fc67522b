"""Exercises that move keep working: ``Exercise.formerly`` (``formerly`` in course.json).

A learner's copy made from an older layout of the course still runs ``%%check <old id>``,
``%hint <old id>`` and ``%solution <old id>``; the result carries the current id (the one
the lesson panel records progress under), and hints count once per exercise.
"""

from __future__ import annotations

import pytest
from conftest import course, run

from asyncio_lab import exercises, hints
from asyncio_lab.exercises import Exercise, make_checks
from asyncio_lab.mime import CHECK_MIME

OLD, NEW = "testing-loops-and-threads.offload", "testing-threads.offload"


def _answer(ns):
    assert ns.get("answer") == 42, "answer must be 42"


@pytest.fixture
def moved(monkeypatch):
    """A synthetic exercise moved from OLD to NEW (removed afterwards)."""
    exercises.all_ids()  # load the lessons first, so the registry is complete
    monkeypatch.setattr(exercises, "_REGISTRY", dict(exercises._REGISTRY))
    monkeypatch.setattr(exercises, "_FORMER", dict(exercises._FORMER))
    ex = exercises.register(
        Exercise(
            id=NEW,
            title="Offload the checksum",
            checks=make_checks(("answer", _answer)),
            solution="answer = 42\n",
            hints=("one", "two"),
            formerly=(OLD,),
        )
    )
    hints.reset_hints()
    yield ex
    hints.reset_hints()


def test_a_former_id_finds_the_exercise(moved):
    assert exercises.get(OLD) is moved and exercises.get(NEW) is moved
    assert exercises.current_id(OLD) == NEW
    assert exercises.current_id(NEW) == NEW
    assert exercises.current_id("no-such.exercise") == "no-such.exercise"
    assert NEW in exercises.all_ids() and OLD not in exercises.all_ids()


def test_check_under_a_former_id_reports_the_current_id(moved, shell):
    r = run(shell, f"%%check {OLD}\nanswer = 42\n")
    assert r.error is None, r.error
    [out] = [o for o in r.outputs if CHECK_MIME in o.data]
    assert out.data[CHECK_MIME]["exercise"] == NEW
    assert out.data[CHECK_MIME]["passed"] is True
    r = run(shell, f"%%check {OLD}\nanswer = 41\n")
    [out] = [o for o in r.outputs if CHECK_MIME in o.data]
    assert (out.data[CHECK_MIME]["exercise"], out.data[CHECK_MIME]["passed"]) == (NEW, False)


def test_hints_count_once_under_either_id(moved, shell):
    assert hints.next_hint(OLD)[:2] == (1, 2)
    assert hints.next_hint(NEW)[:2] == (2, 2)
    assert hints.hints_given(OLD) == hints.hints_given(NEW) == 2
    hints.reset_hints(OLD)
    assert hints.hints_given(NEW) == 0
    r = run(shell, f"%hint {OLD}")
    assert r.error is None, r.error
    [bundle] = [o.data for o in r.outputs]
    assert f"`{NEW}`" in bundle["text/markdown"], "the hint names the exercise's current id"
    r = run(shell, f"%solution {OLD}")
    [bundle] = [o.data for o in r.outputs]
    assert f"%solution {NEW} --confirm" in bundle["text/markdown"]


def test_register_refuses_ambiguous_former_ids(moved):
    def make(id, *formerly):
        return Exercise(id=id, title="T", checks=make_checks(("c", lambda ns: None)), solution="", formerly=formerly)

    with pytest.raises(ValueError, match="is claimed by 'testing-threads.offload' too"):
        exercises.register(make("testing-other.offload", OLD))
    with pytest.raises(ValueError, match="is a current exercise id"):
        exercises.register(make("testing-other.offload", NEW))
    with pytest.raises(ValueError, match="is a former id of 'testing-threads.offload'"):
        exercises.register(make(OLD))
    with pytest.raises(ValueError, match="lists its own id"):
        make("testing-other.x", "testing-other.x")
    with pytest.raises(ValueError, match="malformed former id"):
        make("testing-other.x", "Old_Id")
    with pytest.raises(ValueError, match="not a string"):
        Exercise(id="testing-other.x", title="T", checks=make_checks(("c", lambda ns: None)), solution="", formerly=OLD)


def test_manifest_formerly_matches_the_registry():
    """course.json's ``formerly`` and the registry's agree, exercise by exercise."""
    for lesson in course()["lessons"]:
        for ex in lesson["exercises"]:
            assert sorted(ex.get("formerly", [])) == sorted(exercises.get(ex["id"]).formerly), ex["id"]
