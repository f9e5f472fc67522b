"""Lesson 1, the package problem: exercises and their checks.

Both exercises are about finding out where modules come from, on any Python the
course runs on: CPython 3.11-3.14 with the standard library in a directory, and
Pyodide, where it sits inside a zip file (``/lib/python314.zip``) on an in-memory
file system.  The expected answers are computed when the check runs, from the
running interpreter (``sys.stdlib_module_names``, :mod:`pkgutil`), so they hold on
every version and platform.
"""

from __future__ import annotations

import importlib.util
import pkgutil
import sys
from typing import Any, Callable, Mapping

from ..exercises import CheckFailed, Exercise, describe_exception, make_checks, register
from ._helpers import defined

LESSON = "package-problem"

#: What the lesson's import cell has run before the exercises (the starters and
#: solutions assume it; the answer sets run it first).
LESSON_SETUP = """\
import asyncio
import importlib
import importlib.util
import sys
"""


def _function(ns: Mapping[str, Any], name: str, signature: str) -> Callable:
    func = defined(ns, name, signature)
    if not callable(func):
        raise CheckFailed(f"expected `{name}` to be a function, but it is {type(func).__name__}")
    return func


def _call(func, arg, shown: str):
    """Call the learner's function; a crash becomes a message naming the input."""
    try:
        return func(arg)
    except Exception as exc:
        raise CheckFailed(f"{shown} raised {describe_exception(exc)}") from None


# --------------------------------------------------------------------------- stdlib-requirements

def _is_stdlib(name: str) -> bool:
    return name in sys.stdlib_module_names


# (line, what the line is) -> the stdlib name it must give.  Only names whose status is the
# same on 3.11-3.14 (nothing removed by PEP 594 or added since 3.11).
_MUST_FIND = [
    ("asyncio", "asyncio"),
    ("asyncio==3.4.3", "asyncio"),
    ("AsyncIO>=3.4", "asyncio"),
    ("asyncio  # someone thought this was needed", "asyncio"),
    ('dataclasses; python_version < "3.7"', "dataclasses"),
    ("contextvars ~= 2.4", "contextvars"),
    ("statistics[extra] >= 1.0", "statistics"),
    # Built into the interpreter on every build the course runs on: there is no file for it.
    ("itertools", "itertools"),
    ("time>=1.0", "time"),
]

_MUST_SKIP = [
    "",
    "   ",
    "# asyncio",
    "-r asyncio.txt",
    "--index-url https://example.org/simple",
    "asyncio-mqtt>=0.16",
    "dataclasses-json==0.6.7",
    "json5",
    "tomli>=2; python_version < '3.11'",
    "typing_extensions>=4.7",
    "trollius==2.2.1",
    "aiohttp>=3.9",
]

#: Not in alphabetical order, and with a name on two lines: sorting, or collecting into a
#: set, loses what the file says.
_FILE = [
    "# HTTP",
    "zoneinfo",
    "aiohttp>=3.9  # async HTTP client",
    "asyncio==3.4.3",
    "",
    "-r dev-requirements.txt",
    "requests[socks]>=2.31",
    "typing_extensions>=4.7",
    'contextvars; python_version < "3.7"',
    "asyncio-mqtt",
    "Enum34",
    "enum >= 0.1",
    "asyncio; python_version >= '3.4'",
]


def _names(value, shown: str) -> list[str]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise CheckFailed(f"{shown} should return a list of names, but it returned {value!r}")
    return list(value)


def _requirements_finds(ns):
    func = _function(ns, "stdlib_requirements", "def stdlib_requirements(lines)")
    for line, name in _MUST_FIND:
        shown = f"stdlib_requirements([{line!r}])"
        got = _names(_call(func, [line], shown), shown)
        if got != [name]:
            builtin = (
                " (it is built into the interpreter, so there is no file for it: "
                "`sys.stdlib_module_names` lists it all the same)"
                if name in sys.builtin_module_names
                else ""
            )
            raise CheckFailed(
                f"the line {line!r} asks pip for `{name}`, which is a standard-library module{builtin}, "
                f"so {shown} should report it; it returned {got!r}"
            )
    return f"found the standard-library name in {len(_MUST_FIND)} different spellings of a line"


def _requirements_skips(ns):
    func = _function(ns, "stdlib_requirements", "def stdlib_requirements(lines)")
    for line in _MUST_SKIP:
        shown = f"stdlib_requirements([{line!r}])"
        got = _names(_call(func, [line], shown), shown)
        if got:
            why = (
                "it is blank"
                if not line.strip()
                else "it is a comment"
                if line.lstrip().startswith("#")
                else "it is an option for pip, not a requirement"
                if line.startswith("-")
                else "its project name is not the name of a standard-library module"
            )
            raise CheckFailed(f"the line {line!r} should give nothing ({why}), but {shown} returned {got!r}")
    return f"{len(_MUST_SKIP)} lines that name no standard-library module gave nothing"


def _requirements_file(ns):
    func = _function(ns, "stdlib_requirements", "def stdlib_requirements(lines)")
    expected = ["zoneinfo", "asyncio", "contextvars", "enum", "asyncio"]
    assert all(map(_is_stdlib, expected))
    shown = f"stdlib_requirements(<a requirements file of {len(_FILE)} lines>)"
    got = _names(_call(func, list(_FILE), shown), shown)
    if got != expected:
        if sorted(map(str, got)) == sorted(expected):
            raise CheckFailed(
                f"the right names, but not in the order of the lines: expected {expected!r}, got {got!r}"
            )
        if set(map(str, got)) == set(expected) and len(got) < len(expected):
            raise CheckFailed(
                f"`asyncio` is on two lines of the file, so it should be reported twice, once per line, in "
                f"the order of the lines ({expected!r}); got {got!r}: were the names collected into a set?"
            )
        raise CheckFailed(
            f"for a whole file ({len(_FILE)} lines: comments, options, extras, markers) expected "
            f"{len(expected)} names, in the order of the lines; got {got!r}"
        )
    return "a whole requirements file gave its standard-library names, in order"


register(
    Exercise(
        setup=LESSON_SETUP,
        id=f"{LESSON}.stdlib-requirements",
        title="Spot the standard library in a requirements file",
        checks=make_checks(
            ("finds standard-library names", _requirements_finds),
            ("ignores the rest", _requirements_skips),
            ("a whole file, in order", _requirements_file),
        ),
        hints=(
            "A requirement line starts with the project name; what follows it (`==3.4.3`, `[socks]`, "
            "`; python_version < \"3.7\"`, `  # comment`) is not part of the name. Blank lines, comments "
            "and lines starting with `-` name no project at all.",
            "The name is made of letters, digits, `.`, `_` and `-` only, so it ends at the first other "
            "character. A regular expression such as `re.match(r\"[A-Za-z0-9._-]+\", line)` finds it. "
            "Do not cut at `-`: `asyncio-mqtt` is a different project from `asyncio`.",
            "For each line: drop everything from `#` on and strip spaces; skip the line if nothing is left "
            "or it starts with `-`; take the name, lower-case it, and keep it if it is in "
            "`sys.stdlib_module_names`.",
        ),
        starter=(
            "def stdlib_requirements(lines):\n"
            "    found = []\n"
            "    for line in lines:\n"
            "        name = line.strip()\n"
            "        if name in sys.stdlib_module_names:\n"
            "            found.append(name)\n"
            "    return found\n"
        ),
        solution=(
            "import re\n"
            "import sys\n"
            "\n"
            "def stdlib_requirements(lines):\n"
            "    found = []\n"
            "    for line in lines:\n"
            "        line = line.split(\"#\", 1)[0].strip()\n"
            "        if not line or line.startswith(\"-\"):\n"
            "            continue\n"
            "        name = re.match(r\"[A-Za-z0-9._-]+\", line).group().lower()\n"
            "        if name in sys.stdlib_module_names:\n"
            "            found.append(name)\n"
            "    return found\n"
        ),
    )
)


# --------------------------------------------------------------------------- submodules

def _truth(name: str) -> set[str]:
    """What pkgutil finds directly inside package ``name`` (without ``__main__``)."""
    spec = importlib.util.find_spec(name)
    locations = spec.submodule_search_locations if spec is not None else None
    if locations is None:
        return set()
    return {m.name for m in pkgutil.iter_modules(locations)} - {"__main__"}


def _subpackages(name: str) -> set[str]:
    """The names in :func:`_truth` that are packages themselves."""
    spec = importlib.util.find_spec(name)
    locations = spec.submodule_search_locations if spec is not None else None
    return {m.name for m in pkgutil.iter_modules(locations) if m.ispkg} if locations else set()


def _returned_names(value, shown: str) -> set[str]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple, set, frozenset)):
        raise CheckFailed(f"{shown} should return a list of names, but it returned {value!r}")
    if not all(isinstance(v, str) for v in value):
        raise CheckFailed(f"{shown} should return names (strings), but it returned {sorted(value, key=repr)!r}")
    return set(value) - {"__main__"}


def _compare(func, name: str, what: str) -> None:
    shown = f"submodules({name!r})"
    got = _returned_names(_call(func, name, shown), shown)
    want = _truth(name)
    if got == want:
        return
    extra, missing = sorted(got - want), sorted(want - got)
    if extra and all(e.startswith(f"{name}.") for e in extra):
        raise CheckFailed(
            f"{shown} returned full dotted names such as {extra[0]!r}; expected only the part after "
            f"`{name}.`, the name each module has inside the package"
        )
    subpackages = _subpackages(name)
    nested = [e for e in extra if "." in e and e.split(".", 1)[0] in subpackages]
    if nested:
        raise CheckFailed(
            f"{shown} ({what}) returned names of modules inside its subpackages, such as {nested[0]!r}: "
            "expected only the modules and subpackages directly inside it (the subpackage "
            f"{nested[0].split('.', 1)[0]!r} is enough)"
        )
    if not want:
        raise CheckFailed(
            f"`{name}` is {what}: there is nothing inside it, so {shown} should be []; "
            f"got {len(extra)} names: {extra[:5]}{' ...' if len(extra) > 5 else ''}"
        )
    parts = []
    if extra:
        parts.append(f"names that are not modules inside `{name}`: {extra[:5]}{' ...' if len(extra) > 5 else ''}")
    if missing:
        parts.append(f"modules inside `{name}` that are missing: {missing[:5]}{' ...' if len(missing) > 5 else ''}")
    raise CheckFailed(f"{shown} ({what}) returned {len(got)} names with " + "; and ".join(parts))


def _submodules_asyncio(ns):
    func = _function(ns, "submodules", "def submodules(name)")
    _compare(func, "asyncio", "the asyncio package")
    return f"found all {len(_truth('asyncio'))} modules inside asyncio"


def _submodules_packages(ns):
    func = _function(ns, "submodules", "def submodules(name)")
    for name, what in (
        ("json", "a standard-library package"),
        ("xml", "a package made of subpackages"),
        ("email", "a package with private modules, whose names start with _"),
        ("asyncio_lab", "an installed (third-party) package"),
    ):
        _compare(func, name, what)
    return "right for json, xml (subpackages), email (private modules) and an installed package"


def _submodules_not_packages(ns):
    func = _function(ns, "submodules", "def submodules(name)")
    for name, what in (("json.decoder", "a module, not a package"), ("sys", "a module built into the interpreter")):
        _compare(func, name, what)
    return "an empty list for modules that are not packages"


register(
    Exercise(
        setup=LESSON_SETUP,
        id=f"{LESSON}.submodules",
        title="What is inside a package?",
        checks=make_checks(
            ("lists asyncio's modules", _submodules_asyncio),
            ("other packages", _submodules_packages),
            ("modules that are not packages", _submodules_not_packages),
        ),
        hints=(
            "`dir(module)` lists the module's attributes (functions, classes, and only those submodules "
            "that happen to be imported already), not the files inside the package. You need the "
            "package's location instead.",
            "A package has a `__path__` (and its spec has `submodule_search_locations`): the places "
            "where its modules live. A plain module has neither, so it has no submodules. In the browser "
            "that place is inside a zip file, where `os.listdir` fails; the `pkgutil` module can look "
            "inside zip files too.",
            "Find the spec with `importlib.util.find_spec(name)`; if its `submodule_search_locations` is "
            "`None`, return `[]`; otherwise return the sorted `info.name` for each `info` in "
            "`pkgutil.iter_modules(spec.submodule_search_locations)`.",
        ),
        starter=(
            "def submodules(name):\n"
            "    module = importlib.import_module(name)\n"
            "    return sorted(attr for attr in dir(module) if not attr.startswith(\"_\"))\n"
        ),
        solution=(
            "import importlib.util\n"
            "import pkgutil\n"
            "\n"
            "def submodules(name):\n"
            "    spec = importlib.util.find_spec(name)\n"
            "    if spec is None or spec.submodule_search_locations is None:\n"
            "        return []\n"
            "    found = pkgutil.iter_modules(spec.submodule_search_locations)\n"
            "    return sorted(info.name for info in found)\n"
        ),
    )
)
