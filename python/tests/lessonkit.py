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
