"""Lesson 1 (package-problem): starters fail, the reference solutions and other correct
approaches pass, plausible wrong approaches fail with a message that helps."""

from __future__ import annotations

import gc
import logging
import warnings

import pytest

from asyncio_lab import exercises

REQ = "package-problem.stdlib-requirements"
SUB = "package-problem.submodules"

# What the notebook's setup cell imports before the exercises.
PRELUDE = "import importlib, importlib.util, sys\n"

REQUIREMENTS_CORRECT = {
    "reference solution": None,
    "partition and a stop set": """
def stdlib_requirements(lines):
    found = []
    for raw in lines:
        line = raw.partition("#")[0].strip()
        if not line or line[0] == "-":
            continue
        end = len(line)
        for i, ch in enumerate(line):
            if not (ch.isalnum() or ch in "._-"):
                end = i
                break
        name = line[:end].lower()
        if name in sys.stdlib_module_names:
            found.append(name)
    return found
""",
    "one regex with a comprehension": """
import re
NAME = re.compile(r"^\\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
def stdlib_requirements(lines):
    names = [m.group(1).lower() for line in lines if (m := NAME.match(line.split("#")[0]))]
    return [n for n in names if n in sys.stdlib_module_names]
""",
}

_SOLUTION_BODY = """
import re
def _names(lines):
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            name = re.match(r"[A-Za-z0-9._-]+", line).group().lower()
            if name in sys.stdlib_module_names:
                yield name
"""

REQUIREMENTS_WRONG = {
    "starter": (None, "asks pip for `asyncio`"),
    # issue 13: order and repeats lost
    "names collected into a set, then sorted": (
        _SOLUTION_BODY + "def stdlib_requirements(lines):\n    return sorted(set(_names(lines)))\n",
        "were the names collected into a set?",
    ),
    "sorted (repeats kept)": (
        _SOLUTION_BODY + "def stdlib_requirements(lines):\n    return sorted(_names(lines))\n",
        "not in the order of the lines",
    ),
    "repeats dropped, order kept": (
        _SOLUTION_BODY + "def stdlib_requirements(lines):\n    return list(dict.fromkeys(_names(lines)))\n",
        "reported twice, once per line",
    ),
    "cuts the name at '-' (asyncio-mqtt becomes asyncio)": (
        """
import re
def stdlib_requirements(lines):
    out = []
    for line in lines:
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name = re.match(r"\\w+", line).group().lower()
            if name in sys.stdlib_module_names:
                out.append(name)
    return out
""",
        "'asyncio-mqtt>=0.16' should give nothing (its project name is not the name of a standard-library module)",
    ),
    "forgets that names are case-insensitive": (
        """
import re
def stdlib_requirements(lines):
    out = []
    for line in lines:
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name = re.match(r"[A-Za-z0-9._-]+", line).group()
            if name in sys.stdlib_module_names:
                out.append(name)
    return out
""",
        "the line 'AsyncIO>=3.4' asks pip for `asyncio`",
    ),
    "a hard-coded list instead of sys.stdlib_module_names": (
        """
import re
def stdlib_requirements(lines):
    out = []
    for line in lines:
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name = re.match(r"[A-Za-z0-9._-]+", line).group().lower()
            if name in {"asyncio", "json", "os"}:
                out.append(name)
    return out
""",
        "asks pip for `dataclasses`",
    ),
    "keeps comment lines": (
        """
import re
def stdlib_requirements(lines):
    out = []
    for line in lines:
        m = re.search(r"[A-Za-z0-9._-]+", line)
        if m and not line.startswith("-") and m.group().lower() in sys.stdlib_module_names:
            out.append(m.group().lower())
    return out
""",
        "the line '# asyncio' should give nothing (it is a comment)",
    ),
    "crashes on a blank line": (
        """
import re
def stdlib_requirements(lines):
    out = []
    for line in lines:
        if line.startswith("-") or line.startswith("#"):
            continue
        name = re.match(r"[A-Za-z0-9._-]+", line.split("#")[0].strip()).group().lower()
        if name in sys.stdlib_module_names:
            out.append(name)
    return out
""",
        "stdlib_requirements(['']) raised AttributeError",
    ),
    "returns a set": (
        """
import re
def stdlib_requirements(lines):
    names = set()
    for line in lines:
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            names.add(re.match(r"[A-Za-z0-9._-]+", line).group().lower())
    return names & set(sys.stdlib_module_names)
""",
        "should return a list of names",
    ),
}

SUBMODULES_CORRECT = {
    "reference solution": None,
    "import it and use __path__": """
import pkgutil
def submodules(name):
    module = importlib.import_module(name)
    path = getattr(module, "__path__", None)
    if path is None:
        return []
    return sorted(m.name for m in pkgutil.iter_modules(path))
""",
    "importlib.resources (works inside zip files too)": """
import importlib.resources
def submodules(name):
    spec = importlib.util.find_spec(name)
    if spec.submodule_search_locations is None:
        return []
    names = []
    for entry in importlib.resources.files(name).iterdir():
        if entry.is_dir() and entry.joinpath("__init__.py").is_file():
            names.append(entry.name)
        elif entry.name.endswith(".py") and entry.name != "__init__.py":
            names.append(entry.name[:-3])
    return sorted(names)
""",
    "without __main__, as a tuple": """
import pkgutil
def submodules(name):
    spec = importlib.util.find_spec(name)
    if not spec.submodule_search_locations:
        return ()
    return tuple(sorted(m.name for m in pkgutil.iter_modules(spec.submodule_search_locations) if m.name != "__main__"))
""",
}

# Correct on CPython, where the standard library is a directory; in the browser it sits
# in a zip file and os.listdir raises NotADirectoryError (the lesson says so).
SUBMODULES_CPYTHON_ONLY = """
import os
def submodules(name):
    spec = importlib.util.find_spec(name)
    if spec.submodule_search_locations is None:
        return []
    names = set()
    for folder in spec.submodule_search_locations:
        for entry in os.listdir(folder):
            full = os.path.join(folder, entry)
            if entry.endswith(".py") and entry != "__init__.py":
                names.add(entry[:-3])
            elif os.path.isfile(os.path.join(full, "__init__.py")):
                names.add(entry)
    return sorted(names)
"""

SUBMODULES_WRONG = {
    "starter": (None, "names that are not modules inside `asyncio`"),
    "keeps the .py suffix": (
        """
import importlib.resources
def submodules(name):
    spec = importlib.util.find_spec(name)
    if spec.submodule_search_locations is None:
        return []
    return sorted(e.name for e in importlib.resources.files(name).iterdir() if e.name.endswith(".py"))
""",
        "names that are not modules inside `asyncio`: ['__init__.py', '__main__.py', 'base_events.py'",
    ),
    "assumes every module is a package": (
        """
import pkgutil
def submodules(name):
    return sorted(m.name for m in pkgutil.iter_modules(importlib.import_module(name).__path__))
""",
        "submodules('json.decoder') raised AttributeError",
    ),
    "walks the whole tree, full names": (
        """
import pkgutil
def submodules(name):
    module = importlib.import_module(name)
    if not hasattr(module, "__path__"):
        return []
    return sorted(m.name for m in pkgutil.walk_packages(module.__path__, prefix=name + "."))
""",
        "returned full dotted names such as 'asyncio.",
    ),
    "skips private names": (
        """
import pkgutil
def submodules(name):
    spec = importlib.util.find_spec(name)
    if spec.submodule_search_locations is None:
        return []
    return sorted(m.name for m in pkgutil.iter_modules(spec.submodule_search_locations) if not m.name.startswith("_"))
""",
        "modules inside `email` that are missing: ['_encoded_words'",
    ),
}


def run(ex_id: str, code: str | None, caplog=None):
    """Run the checks of ``ex_id`` against ``code`` (None: the reference solution)."""
    ex = exercises.get(ex_id)
    source = ex.solution if code is None else code
    ns: dict = {}
    exec(PRELUDE + source, ns)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = exercises.run_checks_sync(ex_id, ns)
        gc.collect()
    assert not [w for w in caught if issubclass(w.category, RuntimeWarning)], [str(w.message) for w in caught]
    return result


def failed_messages(result) -> str:
    return " | ".join(f"{c.name}: {c.message}" for c in result.checks if not c.passed)


@pytest.mark.parametrize("name", list(REQUIREMENTS_CORRECT))
def test_requirements_correct_approaches_pass(name):
    result = run(REQ, REQUIREMENTS_CORRECT[name])
    assert result.passed, failed_messages(result)


@pytest.mark.parametrize("name", list(REQUIREMENTS_WRONG))
def test_requirements_wrong_approaches_fail_helpfully(name):
    code, fragment = REQUIREMENTS_WRONG[name]
    result = run(REQ, exercises.get(REQ).starter if code is None else code)
    assert not result.passed
    assert fragment in failed_messages(result)
    assert "re.match" not in failed_messages(result), "a message must not give the answer away"


@pytest.mark.parametrize("name", list(SUBMODULES_CORRECT))
def test_submodules_correct_approaches_pass(name):
    result = run(SUB, SUBMODULES_CORRECT[name])
    assert result.passed, failed_messages(result)


def test_submodules_listdir_passes_on_cpython():
    result = run(SUB, SUBMODULES_CPYTHON_ONLY)
    assert result.passed, failed_messages(result)


@pytest.mark.parametrize("name", list(SUBMODULES_WRONG))
def test_submodules_wrong_approaches_fail_helpfully(name):
    code, fragment = SUBMODULES_WRONG[name]
    result = run(SUB, exercises.get(SUB).starter if code is None else code)
    assert not result.passed
    assert fragment in failed_messages(result), failed_messages(result)
    assert "iter_modules" not in failed_messages(result)


def test_starters_are_what_the_notebook_runs():
    for ex_id in (REQ, SUB):
        ns: dict = {}
        exec(PRELUDE + exercises.get(ex_id).starter, ns)  # runs without error
    assert ns["submodules"]("json")  # the starter gives something (wrong), not an error


def test_expected_names_are_stdlib_on_this_python():
    import sys

    from asyncio_lab.lessons import package_problem as lesson

    for _, name in lesson._MUST_FIND:
        assert name in sys.stdlib_module_names
    for line in lesson._MUST_SKIP:
        first = line.split("#")[0].strip().split(" ")[0]
        assert first.lower() not in sys.stdlib_module_names or first.startswith("-") or not first


def test_messages_name_the_input_and_what_came_back():
    result = run(REQ, exercises.get(REQ).starter)
    first = next(c for c in result.checks if not c.passed)
    assert "stdlib_requirements(['asyncio==3.4.3'])" in first.message
    assert "it returned []" in first.message


def test_check_output_is_quiet(caplog):
    with caplog.at_level(logging.WARNING):
        run(SUB, SUBMODULES_WRONG["assumes every module is a package"][0])
    assert not caplog.records
