"""The exercise id format, ``<lesson-id>.<name>``, both kebab-case.

The TypeScript side defines the same pattern; a test on each side asserts it.
"""

import re

LESSON_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
EXERCISE_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$"

_LESSON_ID_RE = re.compile(LESSON_ID_PATTERN)
_EXERCISE_ID_RE = re.compile(EXERCISE_ID_PATTERN)


def is_lesson_id(value: object) -> bool:
    return isinstance(value, str) and _LESSON_ID_RE.fullmatch(value) is not None


def is_exercise_id(value: object) -> bool:
    return isinstance(value, str) and _EXERCISE_ID_RE.fullmatch(value) is not None


def lesson_of(exercise_id: str) -> str:
    """The lesson part of a well-formed exercise id."""
    return exercise_id.split(".", 1)[0]
