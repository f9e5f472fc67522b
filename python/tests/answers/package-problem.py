"""Answer set of lesson 01 (the package problem); the format is described in ../test_answers.py."""

ANSWERS = [
    {
        "exercise": 'package-problem.stdlib-requirements',
        "label": "the lesson's solution: cut at #, skip options, a regex for the name",
        "kind": 'lesson helper',
        "verdict": 'pass',
        "code": """
import importlib, importlib.util, sys
import re
import sys

def stdlib_requirements(lines):
    found = []
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        name = re.match(r"[A-Za-z0-9._-]+", line).group().lower()
        if name in sys.stdlib_module_names:
            found.append(name)
    return found
""",
    },
    {
        "exercise": 'package-problem.stdlib-requirements',
        "label": 'str.partition and a loop over the characters',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import importlib, importlib.util, sys

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
    },
    {
        "exercise": 'package-problem.stdlib-requirements',
        "label": 'one compiled regex and comprehensions',
        "kind": 'other style',
        "verdict": 'pass',
        "code": r"""import importlib, importlib.util, sys

import re
NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
def stdlib_requirements(lines):
    names = [m.group(1).lower() for line in lines if (m := NAME.match(line.split("#")[0]))]
    return [n for n in names if n in sys.stdlib_module_names]
""",
    },
    {
        "exercise": 'package-problem.stdlib-requirements',
        "label": "itertools.takewhile over the name's characters",
        "kind": 'other standard library',
        "verdict": 'pass',
        "code": """import importlib, importlib.util, sys

import itertools
import string

NAME_CHARS = set(string.ascii_letters + string.digits + "._-")

def stdlib_requirements(lines):
    found = []
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        name = "".join(itertools.takewhile(NAME_CHARS.__contains__, line)).lower()
        if name in sys.stdlib_module_names:
            found.append(name)
    return found
""",
    },
    {
        "exercise": 'package-problem.stdlib-requirements',
        "label": 're.split at the first character that cannot be in a name; a generator',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import importlib, importlib.util, sys

import re

def _names(lines):
    for raw in lines:
        text = raw.strip()
        if not text or text[0] in "#-":
            continue
        yield re.split(r"[^A-Za-z0-9._-]", text, maxsplit=1)[0].lower()

def stdlib_requirements(lines):
    return [name for name in _names(lines) if name in sys.stdlib_module_names]
""",
    },
    {
        "exercise": 'package-problem.stdlib-requirements',
        "label": 'starter',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'finds standard-library names',
        "message": 'asks pip for `asyncio`',
        "code": """import importlib, importlib.util, sys
def stdlib_requirements(lines):
    found = []
    for line in lines:
        name = line.strip()
        if name in sys.stdlib_module_names:
            found.append(name)
    return found
""",
    },
    {
        "exercise": 'package-problem.stdlib-requirements',
        "label": 'names collected into a set, then sorted',
        "kind": 'order lost',
        "verdict": 'fail',
        "check": 'a whole file, in order',
        "message": 'were the names collected into a set?',
        "code": """import importlib, importlib.util, sys

import re
def _names(lines):
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            name = re.match(r"[A-Za-z0-9._-]+", line).group().lower()
            if name in sys.stdlib_module_names:
                yield name
def stdlib_requirements(lines):
    return sorted(set(_names(lines)))
""",
    },
    {
        "exercise": 'package-problem.stdlib-requirements',
        "label": 'sorted (repeats kept)',
        "kind": 'order lost',
        "verdict": 'fail',
        "check": 'a whole file, in order',
        "message": 'not in the order of the lines',
        "code": """import importlib, importlib.util, sys

import re
def _names(lines):
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            name = re.match(r"[A-Za-z0-9._-]+", line).group().lower()
            if name in sys.stdlib_module_names:
                yield name
def stdlib_requirements(lines):
    return sorted(_names(lines))
""",
    },
    {
        "exercise": 'package-problem.stdlib-requirements',
        "label": 'repeats dropped, order kept',
        "kind": 'order lost',
        "verdict": 'fail',
        "check": 'a whole file, in order',
        "message": 'reported twice, once per line',
        "code": """import importlib, importlib.util, sys

import re
def _names(lines):
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            name = re.match(r"[A-Za-z0-9._-]+", line).group().lower()
            if name in sys.stdlib_module_names:
                yield name
def stdlib_requirements(lines):
    return list(dict.fromkeys(_names(lines)))
""",
    },
    {
        "exercise": 'package-problem.stdlib-requirements',
        "label": "cuts the name at '-' (asyncio-mqtt becomes asyncio)",
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'ignores the rest',
        "message": "'asyncio-mqtt>=0.16' should give nothing (its project name is not the name of a standard-library module)",
        "code": r"""import importlib, importlib.util, sys

import re
def stdlib_requirements(lines):
    out = []
    for line in lines:
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name = re.match(r"\w+", line).group().lower()
            if name in sys.stdlib_module_names:
                out.append(name)
    return out
""",
    },
    {
        "exercise": 'package-problem.stdlib-requirements',
        "label": 'forgets that names are case-insensitive',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'finds standard-library names',
        "message": "the line 'AsyncIO>=3.4' asks pip for `asyncio`",
        "code": """import importlib, importlib.util, sys

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
    },
    {
        "exercise": 'package-problem.stdlib-requirements',
        "label": 'a hard-coded list instead of sys.stdlib_module_names',
        "kind": 'hard-coded',
        "verdict": 'fail',
        "check": 'finds standard-library names',
        "message": 'asks pip for `dataclasses`',
        "code": """import importlib, importlib.util, sys

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
    },
    {
        "exercise": 'package-problem.stdlib-requirements',
        "label": 'keeps comment lines',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'ignores the rest',
        "message": "the line '# asyncio' should give nothing (it is a comment)",
        "code": """import importlib, importlib.util, sys

import re
def stdlib_requirements(lines):
    out = []
    for line in lines:
        m = re.search(r"[A-Za-z0-9._-]+", line)
        if m and not line.startswith("-") and m.group().lower() in sys.stdlib_module_names:
            out.append(m.group().lower())
    return out
""",
    },
    {
        "exercise": 'package-problem.stdlib-requirements',
        "label": 'crashes on a blank line',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'ignores the rest',
        "message": "stdlib_requirements(['']) raised AttributeError",
        "code": """import importlib, importlib.util, sys

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
    },
    {
        "exercise": 'package-problem.stdlib-requirements',
        "label": 'returns a set',
        "kind": 'order lost',
        "verdict": 'fail',
        "check": 'finds standard-library names',
        "message": 'should return a list of names',
        "code": """import importlib, importlib.util, sys

import re
def stdlib_requirements(lines):
    names = set()
    for line in lines:
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            names.add(re.match(r"[A-Za-z0-9._-]+", line).group().lower())
    return names & set(sys.stdlib_module_names)
""",
    },
    {
        "exercise": 'package-problem.stdlib-requirements',
        "label": 'the names of the visible example hard-coded',
        "kind": 'hard-coded',
        "verdict": 'fail',
        "check": 'ignores the rest',
        "message": 'should give nothing',
        "code": """import importlib, importlib.util, sys

def stdlib_requirements(lines):
    return [name for name in ("asyncio",) if any(line.strip().startswith("asyncio") for line in lines)]
""",
    },
    {
        "exercise": 'package-problem.submodules',
        "label": "the lesson's solution: find_spec and pkgutil.iter_modules",
        "kind": 'lesson helper',
        "verdict": 'pass',
        "code": """
import importlib, importlib.util, sys
import importlib.util
import pkgutil

def submodules(name):
    spec = importlib.util.find_spec(name)
    if spec is None or spec.submodule_search_locations is None:
        return []
    found = pkgutil.iter_modules(spec.submodule_search_locations)
    return sorted(info.name for info in found)
""",
    },
    {
        "exercise": 'package-problem.submodules',
        "label": 'import the module and use its __path__',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import importlib, importlib.util, sys

import pkgutil
def submodules(name):
    module = importlib.import_module(name)
    path = getattr(module, "__path__", None)
    if path is None:
        return []
    return sorted(m.name for m in pkgutil.iter_modules(path))
""",
    },
    {
        "exercise": 'package-problem.submodules',
        "label": 'importlib.resources (works inside zip files too)',
        "kind": 'other standard library',
        "verdict": 'pass',
        "code": """import importlib, importlib.util, sys

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
    },
    {
        "exercise": 'package-problem.submodules',
        "label": 'without __main__, as a tuple',
        "kind": 'other style',
        "verdict": 'pass',
        "code": """import importlib, importlib.util, sys

import pkgutil
def submodules(name):
    spec = importlib.util.find_spec(name)
    if not spec.submodule_search_locations:
        return ()
    return tuple(sorted(m.name for m in pkgutil.iter_modules(spec.submodule_search_locations) if m.name != "__main__"))
""",
    },
    {
        "exercise": 'package-problem.submodules',
        "label": "os.listdir of the package's folders",
        "kind": 'other standard library',
        "verdict": 'pass',
        "platforms": ['cpython'],
        "note": 'in the browser the standard library is in a zip file: os.listdir fails there',
        "code": """import importlib, importlib.util, sys

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
""",
    },
    {
        "exercise": 'package-problem.submodules',
        "label": 'starter',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": "lists asyncio's modules",
        "message": 'names that are not modules inside `asyncio`',
        "code": """import importlib, importlib.util, sys
def submodules(name):
    module = importlib.import_module(name)
    return sorted(attr for attr in dir(module) if not attr.startswith("_"))
""",
    },
    {
        "exercise": 'package-problem.submodules',
        "label": 'keeps the .py suffix',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": "lists asyncio's modules",
        "message": "names that are not modules inside `asyncio`: ['__init__.py', '__main__.py', 'base_events.py'",
        "code": """import importlib, importlib.util, sys

import importlib.resources
def submodules(name):
    spec = importlib.util.find_spec(name)
    if spec.submodule_search_locations is None:
        return []
    return sorted(e.name for e in importlib.resources.files(name).iterdir() if e.name.endswith(".py"))
""",
    },
    {
        "exercise": 'package-problem.submodules',
        "label": 'assumes every module is a package',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": 'modules that are not packages',
        "message": "submodules('json.decoder') raised AttributeError",
        "code": """import importlib, importlib.util, sys

import pkgutil
def submodules(name):
    return sorted(m.name for m in pkgutil.iter_modules(importlib.import_module(name).__path__))
""",
    },
    {
        "exercise": 'package-problem.submodules',
        "label": 'walks the whole tree, full names',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": "lists asyncio's modules",
        "message": "returned full dotted names such as 'asyncio.",
        "code": """import importlib, importlib.util, sys

import pkgutil
def submodules(name):
    module = importlib.import_module(name)
    if not hasattr(module, "__path__"):
        return []
    return sorted(m.name for m in pkgutil.walk_packages(module.__path__, prefix=name + "."))
""",
    },
    {
        "exercise": 'package-problem.submodules',
        "label": 'skips private names',
        "kind": 'other mistake',
        "verdict": 'fail',
        "check": 'other packages',
        "message": "modules inside `email` that are missing: ['_encoded_words'",
        "code": """import importlib, importlib.util, sys

import pkgutil
def submodules(name):
    spec = importlib.util.find_spec(name)
    if spec.submodule_search_locations is None:
        return []
    return sorted(m.name for m in pkgutil.iter_modules(spec.submodule_search_locations) if not m.name.startswith("_"))
""",
    },
    {
        "exercise": 'package-problem.submodules',
        "label": "asyncio's modules hard-coded",
        "kind": 'hard-coded',
        "verdict": 'fail',
        "check": "lists asyncio's modules",
        "message": 'modules inside `asyncio` that are missing',
        "code": """import importlib, importlib.util, sys

import asyncio

def submodules(name):
    if name == "asyncio":
        return sorted(m for m in ("base_events", "events", "futures", "locks", "queues", "runners", "streams", "tasks"))
    return []
""",
    },
    {
        "exercise": 'package-problem.submodules',
        "label": 'drops the first name, taking it for __init__',
        "kind": 'off-by-one',
        "verdict": 'fail',
        "check": 'other packages',
        "message": 'that are missing',
        "code": """import importlib, importlib.util, sys

import pkgutil

def submodules(name):
    spec = importlib.util.find_spec(name)
    if spec is None or spec.submodule_search_locations is None:
        return []
    return sorted(info.name for info in pkgutil.iter_modules(spec.submodule_search_locations))[1:]
""",
    },
    {
        "exercise": 'package-problem.submodules',
        "label": 'only the modules already imported (sys.modules)',
        "kind": 'misconception',
        "verdict": 'fail',
        "check": "lists asyncio's modules",
        "message": 'that are missing',
        "code": """import importlib, importlib.util, sys

def submodules(name):
    prefix = name + "."
    return sorted({key[len(prefix):].split(".")[0] for key in sys.modules if key.startswith(prefix)})
""",
    },
]
