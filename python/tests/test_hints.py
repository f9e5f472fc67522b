"""%hint and %solution: the plain API, and the magics through a real IPython InteractiveShell."""

from __future__ import annotations

import pytest
from conftest import run
from IPython.core.error import UsageError
from IPython.utils.capture import capture_output

import asyncio_lab
from asyncio_lab import exercises, hints
from asyncio_lab.exercises import Exercise, make_checks

BF = "await-vs-create-task.breakfast"
DL = "await-vs-create-task.download-all"


@pytest.fixture(autouse=True)
def fresh_hints():
    hints.reset_hints()
    yield
    hints.reset_hints()


@pytest.fixture
def odd_exercise(monkeypatch):
    """An exercise with no hints whose solution holds a run of backticks (removed afterwards)."""
    ex = Exercise(
        id="testing-only.odd",
        title="Odd one",
        checks=make_checks(("always", lambda ns: None)),
        solution='text = """```python\nnot the end\n```"""\n',
    )
    exercises.all_ids()  # load the lessons first, so the registry is complete
    monkeypatch.setitem(exercises._REGISTRY, ex.id, ex)
    return ex


def bundles(r) -> list[dict]:
    return [o.data for o in r.outputs]


def only_bundle(r) -> dict:
    assert r.error is None, r.error
    [bundle] = bundles(r)
    assert set(bundle) == {"text/markdown", "text/plain"}, "text only: no HTML, nothing else"
    return bundle


# --------------------------------------------------------------------------- plain API

def test_next_hint_moves_on_each_call_and_stops():
    ex = exercises.get(BF)
    total = len(ex.hints)
    assert total >= 3
    assert hints.hints_given(BF) == 0
    for i in range(1, total + 1):
        assert hints.next_hint(BF) == (i, total, ex.hints[i - 1])
        assert hints.hints_given(BF) == i
    with pytest.raises(hints.NoMoreHints) as info:
        hints.next_hint(BF)
    assert info.value.exercise_id == BF and info.value.total == total
    assert isinstance(info.value, LookupError)


def test_state_is_per_exercise_and_reset_one_or_all():
    hints.next_hint(BF)
    hints.next_hint(BF)
    assert hints.next_hint(DL)[0] == 1  # other exercises are counted separately
    hints.reset_hints(BF)
    assert hints.hints_given(BF) == 0 and hints.hints_given(DL) == 1
    assert hints.next_hint(BF)[0] == 1
    hints.reset_hints("never-used.id")  # harmless
    hints.reset_hints()
    assert hints.hints_given(BF) == hints.hints_given(DL) == 0


def test_unknown_exercise_is_a_key_error():
    with pytest.raises(KeyError):
        hints.next_hint("no-such.exercise")
    with pytest.raises(KeyError):
        hints.solution("no-such.exercise")
    assert hints.hints_given("no-such.exercise") == 0


def test_solution_is_the_registered_code():
    assert hints.solution(DL) == exercises.get(DL).solution


def test_exercise_without_hints(odd_exercise):
    with pytest.raises(hints.NoMoreHints) as info:
        hints.next_hint(odd_exercise.id)
    assert info.value.total == 0


# --------------------------------------------------------------------------- %hint

def test_hint_magic_gives_the_next_hint_each_time(shell, runner):
    ex = exercises.get(BF)
    total = len(ex.hints)
    for i in range(1, total + 1):
        bundle = only_bundle(runner(shell, f"%hint {BF}"))
        assert bundle["text/plain"].startswith(f"Hint {i} of {total}: {ex.hints[i - 1]}")
        assert f"**Hint {i} of {total}**" in bundle["text/markdown"]
        assert ex.hints[i - 1] in bundle["text/markdown"]
        last = i == total
        assert ("last hint" in bundle["text/plain"]) is last
        assert (f"%solution {BF}" in bundle["text/markdown"]) is last
    done = only_bundle(runner(shell, f"%hint {BF}"))
    assert done["text/plain"].startswith(f"No more hints for {BF}: you have seen all {total}.")
    assert f"%solution {BF}" in done["text/plain"] and f"`%solution {BF}`" in done["text/markdown"]
    assert "Hint" not in done["text/plain"].split(".")[0]
    # Asking again keeps saying so, and does not reveal the solution.
    again = only_bundle(runner(shell, f"%hint {BF}"))
    assert again == done
    assert ex.solution.strip() not in again["text/plain"]


def test_hint_magic_reset_starts_over(shell, runner):
    runner(shell, f"%hint {BF}")
    runner(shell, f"%hint {BF}")
    bundle = only_bundle(runner(shell, f"%hint {BF} --reset"))
    assert bundle["text/plain"].startswith("Hint 1 of ")
    assert hints.hints_given(BF) == 1


def test_hint_magic_and_api_share_state(shell):
    hints.next_hint(DL)
    assert only_bundle(run(shell, f"%hint {DL}"))["text/plain"].startswith("Hint 2 of ")
    assert hints.next_hint(DL)[0] == 3


def test_hint_magic_returns_nothing(shell):
    r = run(shell, f"%hint {BF}")
    assert r.value is None and "Out[" not in r.stdout


def test_hint_for_exercise_without_hints(shell, odd_exercise):
    bundle = only_bundle(run(shell, f"%hint {odd_exercise.id}"))
    assert bundle["text/plain"].startswith(f"{odd_exercise.id} has no hints.")
    assert f"%solution {odd_exercise.id}" in bundle["text/plain"]


# --------------------------------------------------------------------------- %solution

def test_solution_asks_for_confirmation_first(shell, runner):
    ex = exercises.get(DL)
    bundle = only_bundle(runner(shell, f"%solution {DL}"))
    command = f"%solution {DL} --confirm"
    assert command in bundle["text/plain"] and command in bundle["text/markdown"]
    assert ex.title in bundle["text/plain"]
    assert "reference solution" in bundle["text/plain"]
    for line in ex.solution.strip().splitlines():
        if line.strip():
            assert line not in bundle["text/plain"] and line not in bundle["text/markdown"]


def test_solution_confirmed_shows_the_code_as_markdown(shell, runner):
    ex = exercises.get(DL)
    bundle = only_bundle(runner(shell, f"%solution {DL} --confirm"))
    assert f"```python\n{ex.solution.rstrip()}\n```" in bundle["text/markdown"]
    assert ex.solution.rstrip() in bundle["text/plain"]
    assert ex.title in bundle["text/plain"]
    # Option before the id works too, and it does not use up hints.
    assert only_bundle(runner(shell, f"%solution --confirm {DL}")) == bundle
    assert hints.hints_given(DL) == 0


def test_solution_with_backticks_keeps_its_fence(shell, odd_exercise):
    md = only_bundle(run(shell, f"%solution {odd_exercise.id} --confirm"))["text/markdown"]
    assert f"````python\n{odd_exercise.solution.rstrip()}\n````" in md


def test_solution_magic_returns_nothing(shell):
    r = run(shell, f"%solution {DL} --confirm")
    assert r.value is None and "Out[" not in r.stdout


# --------------------------------------------------------------------------- misuse and help

@pytest.mark.parametrize("magic", ["hint", "solution"])
@pytest.mark.parametrize(
    "args, fragment",
    [
        ("", "needs an exercise id"),
        ("   ", "needs an exercise id"),
        ("no-such.exercise", "unknown exercise 'no-such.exercise'"),
        ("Not_An_Id", "is not an exercise id"),
        (f"{BF} extra", "unrecognized arguments: extra"),
        (f"{BF} --nope", "unrecognized arguments: --nope"),
    ],
)
def test_misuse_is_a_usage_error_naming_known_ids(shell, runner, magic, args, fragment):
    r = runner(shell, f"%{magic} {args}")
    assert isinstance(r.error, UsageError), r.error
    message = str(r.error)
    assert message.startswith(f"%{magic}") and fragment in message
    assert BF in message and DL in message
    assert "Traceback" not in r.stdout + r.stderr
    assert "UsageError" in r.stderr
    assert not r.outputs
    assert hints.hints_given(BF) == 0


def test_misuse_through_run_line_magic_raises(shell):
    with pytest.raises(UsageError, match="Known ids"):
        shell.run_line_magic("hint", "")
    with pytest.raises(UsageError, match="unknown exercise"):
        shell.run_line_magic("solution", "x.y --confirm")


@pytest.mark.parametrize(
    "magic, usage, words",
    [
        ("hint", "%hint [--reset] [exercise]", "Show the next hint of an exercise"),
        ("solution", "%solution [--confirm] [exercise]", "Show the reference solution of an exercise"),
    ],
)
def test_help(shell, magic, usage, words):
    doc = shell.find_line_magic(magic).__doc__
    assert usage in doc and "positional arguments" in doc
    with capture_output() as cap:
        result = shell.run_cell(f"%{magic}?")
    assert result.error_in_exec is None and result.error_before_exec is None
    assert usage in cap.stdout and words in cap.stdout
    assert "as on the first line of the exercise cell" in " ".join(cap.stdout.split())


def test_unload_removes_and_load_restores(shell):
    try:
        asyncio_lab.unload_ipython_extension(shell)
        assert shell.find_line_magic("hint") is None
        assert shell.find_line_magic("solution") is None
    finally:
        asyncio_lab.load_ipython_extension(shell)
    assert shell.find_line_magic("hint") is not None
    assert shell.find_line_magic("solution") is not None
    assert shell.find_cell_magic("check") is not None
