"""Shared by the lesson test files: run an exercise's checks strictly, the way
a notebook would show the outcome (any warning or anything asyncio logs would
reach the learner's stderr, so it fails the test)."""

from __future__ import annotations

import contextlib
import logging
import warnings
from typing import Iterator

from asyncio_lab import exercises


@contextlib.contextmanager
def asyncio_log() -> Iterator[list[str]]:
    """Collect what asyncio logs (errors in callbacks, unretrieved exceptions) meanwhile."""
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    handler = Collect()
    logger = logging.getLogger("asyncio")
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)


def strict_check(exercise_id: str, namespace: dict) -> exercises.CheckResult:
    """Run the checks; fail on any warning or asyncio log record they cause."""
    with warnings.catch_warnings(), asyncio_log() as logged:
        warnings.simplefilter("error")  # nothing may leak a warning
        result = exercises.run_checks_sync(exercise_id, namespace)
    assert not logged, logged  # e.g. 'Exception in callback', which a notebook shows on stderr
    return result


class _Node(dict):
    """A dict with attribute access, like nbformat's NotebookNode."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def _node(value):
    if isinstance(value, dict):
        return _Node({k: _node(v) for k, v in value.items()})
    if isinstance(value, list):
        return [_node(v) for v in value]
    return value


def read_notebook(path) -> "_Node":
    """A lesson notebook (nbformat 4) with each cell's source as one string.

    nbformat reads it where it is installed; elsewhere (CPython 3.12/3.13 here, whose
    mirror lacks jsonschema's compiled dependency) the JSON is read directly: the lesson
    tests only read cells, and the notebook lint validates the format on the main venv.
    """
    try:
        import nbformat
    except ImportError:
        import json
        from pathlib import Path

        nb = _node(json.loads(Path(path).read_text(encoding="utf-8")))
        for cell in nb.cells:
            if isinstance(cell.get("source"), list):
                cell["source"] = "".join(cell["source"])
        return nb
    return nbformat.read(path, as_version=4)


def namespace(ex_id: str, code: str) -> dict:
    """A notebook's namespace (``__name__`` is ``"__main__"``, as in a kernel) after the
    exercise's set-up (the lesson's import cell) and ``code``."""
    ns: dict = {"__name__": "__main__"}
    exec(exercises.get(ex_id).setup + code, ns)
    return ns


def failing(result: exercises.CheckResult) -> dict[str, str]:
    """The checks of ``result`` that did not pass, by name, with their messages."""
    return {c.name: c.message for c in result.checks if not c.passed}
