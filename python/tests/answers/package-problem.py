"""Answer set of lesson 01 (package-problem); the format is described in ../test_answers.py."""

ANSWERS = [
    # ------------------------------------------------------------------ stdlib-requirements: correct
    {
        "exercise": "package-problem.stdlib-requirements",
        "label": "the hints: drop the comment, skip options, re.match the name, lower-case",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
import re

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
        "exercise": "package-problem.stdlib-requirements",
        "label": "partition at # and scan characters until one is not part of a name",
        "kind": "other style",
        "verdict": "pass",
        "code": """
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
        "exercise": "package-problem.stdlib-requirements",
        "label": "re.split at the first separator, a list comprehension with the walrus",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
import re

SEP = re.compile(r"[\\s\\[\\]<>=!~;,@(]")

def name_of(line):
    line = line.split("#")[0].strip()
    if not line or line.startswith("-"):
        return None
    return SEP.split(line, maxsplit=1)[0].lower()

def stdlib_requirements(lines):
    return [n for line in lines if (n := name_of(line)) and n in sys.stdlib_module_names]
""",
    },
    {
        "exercise": "package-problem.stdlib-requirements",
        "label": "itertools.takewhile over the name characters, a generator",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
import itertools
import string

NAME_CHARS = set(string.ascii_letters + string.digits + "._-")

def _names(lines):
    for line in lines:
        text = line.split("#", 1)[0].lstrip()
        if text.startswith("-"):
            continue
        name = "".join(itertools.takewhile(NAME_CHARS.__contains__, text)).lower()
        if name and name in sys.stdlib_module_names:
            yield name

def stdlib_requirements(lines):
    return list(_names(lines))
""",
    },
    {
        "exercise": "package-problem.stdlib-requirements",
        "label": "one anchored regex with a named group, re.IGNORECASE, frozenset of names",
        "kind": "other style",
        "verdict": "pass",
        "code": """
import re

REQ = re.compile(r"^\\s*(?P<name>[a-z0-9][a-z0-9._-]*)", re.IGNORECASE)
STDLIB = frozenset(sys.stdlib_module_names)

def stdlib_requirements(lines):
    out = []
    for line in lines:
        m = REQ.match(line)
        if m and m["name"].lower() in STDLIB:
            out.append(m["name"].lower())
    return out
""",
    },
    {
        "exercise": "package-problem.stdlib-requirements",
        "label": "a small class that parses one line, filter and map",
        "kind": "other style",
        "verdict": "pass",
        "code": """
import re

class Requirement:
    pattern = re.compile(r"[A-Za-z0-9._-]+")

    def __init__(self, line):
        text = line.split("#")[0].strip()
        m = None if text.startswith("-") else self.pattern.match(text)
        self.name = m.group(0).lower() if m else ""

    @property
    def in_stdlib(self):
        return self.name in sys.stdlib_module_names

def stdlib_requirements(lines):
    reqs = map(Requirement, lines)
    return [r.name for r in filter(lambda r: r.in_stdlib, reqs)]
""",
    },
    # ------------------------------------------------------------------ stdlib-requirements: wrong
    {
        "exercise": "package-problem.stdlib-requirements",
        "label": "the starter: the whole stripped line compared with the names",
        "kind": "misconception",
        "verdict": "fail",
        "check": "finds standard-library names",
        "message": "asks pip for `asyncio`",
        "code": """
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
        "exercise": "package-problem.stdlib-requirements",
        "label": "cuts the name at the first non-letter, so asyncio-mqtt becomes asyncio",
        "kind": "misconception",
        "verdict": "fail",
        "check": "ignores the rest",
        "message": "its project name is not the name of a standard-library module",
        "code": """
import re

def stdlib_requirements(lines):
    found = []
    for line in lines:
        line = line.split("#")[0].strip()
        if not line or line.startswith("-"):
            continue
        name = re.match(r"[A-Za-z]*", line).group().lower()
        if name in sys.stdlib_module_names:
            found.append(name)
    return found
""",
    },
    {
        "exercise": "package-problem.stdlib-requirements",
        "label": "collects the names into a set and sorts them",
        "kind": "order lost",
        "verdict": "fail",
        "check": "a whole file, in order",
        "message": "collected into a set",
        "code": """
import re

def stdlib_requirements(lines):
    found = set()
    for line in lines:
        line = line.split("#")[0].strip()
        if not line or line.startswith("-"):
            continue
        name = re.match(r"[A-Za-z0-9._-]+", line).group().lower()
        if name in sys.stdlib_module_names:
            found.add(name)
    return sorted(found)
""",
    },
    {
        "exercise": "package-problem.stdlib-requirements",
        "label": "right names, returned sorted",
        "kind": "order lost",
        "verdict": "fail",
        "check": "a whole file, in order",
        "message": "not in the order of the lines",
        "code": """
import re

def stdlib_requirements(lines):
    names = []
    for line in lines:
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            names.append(re.match(r"[A-Za-z0-9._-]+", line).group().lower())
    return sorted(n for n in names if n in sys.stdlib_module_names)
""",
    },
    {
        "exercise": "package-problem.stdlib-requirements",
        "label": "dict.fromkeys to drop repeats: keeps the order but a name on two lines once",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "a whole file, in order",
        "message": "reported twice",
        "code": """
import re

def stdlib_requirements(lines):
    names = []
    for line in lines:
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            names.append(re.match(r"[A-Za-z0-9._-]+", line).group().lower())
    return list(dict.fromkeys(n for n in names if n in sys.stdlib_module_names))
""",
    },
    {
        "exercise": "package-problem.stdlib-requirements",
        "label": "forgets to lower-case, so AsyncIO is missed",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "finds standard-library names",
        "message": "'AsyncIO>=3.4'",
        "code": """
import re

def stdlib_requirements(lines):
    found = []
    for line in lines:
        line = line.split("#")[0].strip()
        if not line or line.startswith("-"):
            continue
        name = re.match(r"[A-Za-z0-9._-]+", line).group()
        if name in sys.stdlib_module_names:
            found.append(name)
    return found
""",
    },
    {
        "exercise": "package-problem.stdlib-requirements",
        "label": "re.search instead of re.match, so a comment line gives its word",
        "kind": "misconception",
        "verdict": "fail",
        "check": "ignores the rest",
        "message": "it is a comment",
        "code": """
import re

def stdlib_requirements(lines):
    found = []
    for line in lines:
        m = re.search(r"[A-Za-z0-9_.]+", line)
        if m and m.group().lower() in sys.stdlib_module_names:
            found.append(m.group().lower())
    return found
""",
    },
    {
        "exercise": "package-problem.stdlib-requirements",
        "label": "skips the first line as if it were a header",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "finds standard-library names",
        "message": "should report it; it returned []",
        "code": """
import re

def stdlib_requirements(lines):
    found = []
    for line in lines[1:]:
        line = line.split("#")[0].strip()
        if not line or line.startswith("-"):
            continue
        name = re.match(r"[A-Za-z0-9._-]+", line).group().lower()
        if name in sys.stdlib_module_names:
            found.append(name)
    return found
""",
    },
    {
        "exercise": "package-problem.stdlib-requirements",
        "label": "a hand-written list of names that fits the notebook's example",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "finds standard-library names",
        "message": "`dataclasses`",
        "code": """
import re

KNOWN = {"asyncio", "json", "os", "re", "sys", "typing"}

def stdlib_requirements(lines):
    found = []
    for line in lines:
        line = line.split("#")[0].strip()
        if not line or line.startswith("-"):
            continue
        name = re.match(r"[A-Za-z0-9._-]+", line).group().lower()
        if name in KNOWN:
            found.append(name)
    return found
""",
    },
    {
        "exercise": "package-problem.stdlib-requirements",
        "label": "the standard library is whatever files sit beside os.py",
        "kind": "platform shortcut",
        "verdict": "fail",
        "check": "finds standard-library names",
        "message": "built into the interpreter",
        "note": "misses every module built into the interpreter; on Pyodide os.listdir fails on the zip (the cell itself raises)",
        "code": """
import os
import re

STDLIB_DIR = os.path.dirname(os.__file__)
ON_DISK = {entry.split(".")[0] for entry in os.listdir(STDLIB_DIR)}

def stdlib_requirements(lines):
    found = []
    for line in lines:
        line = line.split("#")[0].strip()
        if not line or line.startswith("-"):
            continue
        name = re.match(r"[A-Za-z0-9._-]+", line).group().lower()
        if name in ON_DISK:
            found.append(name)
    return found
""",
        "platforms": ["cpython"],
    },
    {
        "exercise": "package-problem.stdlib-requirements",
        "label": "returns one string joined with commas",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "finds standard-library names",
        "message": "should return a list of names",
        "code": """
import re

def stdlib_requirements(lines):
    found = []
    for line in lines:
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name = re.match(r"[A-Za-z0-9._-]+", line).group().lower()
            if name in sys.stdlib_module_names:
                found.append(name)
    return ", ".join(found)
""",
    },
    # ------------------------------------------------------------------ submodules: correct
    {
        "exercise": "package-problem.submodules",
        "label": "the hints: find_spec, submodule_search_locations, pkgutil.iter_modules",
        "kind": "lesson helper",
        "verdict": "pass",
        "code": """
import importlib.util
import pkgutil

def submodules(name):
    spec = importlib.util.find_spec(name)
    if spec is None or spec.submodule_search_locations is None:
        return []
    return sorted(info.name for info in pkgutil.iter_modules(spec.submodule_search_locations))
""",
    },
    {
        "exercise": "package-problem.submodules",
        "label": "import the module, read __path__ with getattr, a set comprehension",
        "kind": "other style",
        "verdict": "pass",
        "code": """
import pkgutil

def submodules(name):
    module = importlib.import_module(name)
    path = getattr(module, "__path__", None)
    if path is None:
        return []
    return {m.name for m in pkgutil.iter_modules(path)}
""",
    },
    {
        "exercise": "package-problem.submodules",
        "label": "importlib.resources.files and inspect.getmodulename (reads zip files too)",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
import importlib.machinery
import importlib.resources
import inspect

INIT = [f"__init__{suffix}" for suffix in importlib.machinery.all_suffixes()]

def submodules(name):
    spec = importlib.util.find_spec(name)
    if spec is None or spec.submodule_search_locations is None:
        return []
    found = set()
    for entry in importlib.resources.files(name).iterdir():
        if entry.is_dir():
            if any(entry.joinpath(init).is_file() for init in INIT):
                found.add(entry.name)
        else:
            module = inspect.getmodulename(entry.name)
            if module and module != "__init__":
                found.add(module)
    return sorted(found)
""",
    },
    {
        "exercise": "package-problem.submodules",
        "label": "the module's own __spec__ from import_module, try/except for modules",
        "kind": "other standard library",
        "verdict": "pass",
        "code": """
import pkgutil

def submodules(name):
    spec = importlib.import_module(name).__spec__
    try:
        where = list(spec.submodule_search_locations)
    except TypeError:  # None: a plain module
        return []
    names = []
    for finder, sub, ispkg in pkgutil.iter_modules(where):
        names.append(sub)
    return names
""",
    },
    {
        "exercise": "package-problem.submodules",
        "label": "a small class around the spec, with __iter__",
        "kind": "other style",
        "verdict": "pass",
        "code": """
import importlib.util
import pkgutil

class Package:
    def __init__(self, name):
        self.spec = importlib.util.find_spec(name)

    @property
    def is_package(self):
        return self.spec is not None and self.spec.submodule_search_locations is not None

    def __iter__(self):
        if self.is_package:
            for info in pkgutil.iter_modules(self.spec.submodule_search_locations):
                yield info.name

def submodules(name):
    return list(Package(name))
""",
    },
    # ------------------------------------------------------------------ submodules: wrong
    {
        "exercise": "package-problem.submodules",
        "label": "the starter: the package's public attributes",
        "kind": "misconception",
        "verdict": "fail",
        "check": "lists asyncio's modules",
        "message": "names that are not modules inside `asyncio`",
        "code": """
def submodules(name):
    module = importlib.import_module(name)
    return sorted(attr for attr in dir(module) if not attr.startswith("_"))
""",
    },
    {
        "exercise": "package-problem.submodules",
        "label": "iter_modules with prefix=name + '.': full dotted names",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "lists asyncio's modules",
        "message": "full dotted names",
        "code": """
import pkgutil

def submodules(name):
    module = importlib.import_module(name)
    if not hasattr(module, "__path__"):
        return []
    return [m.name for m in pkgutil.iter_modules(module.__path__, prefix=name + ".")]
""",
    },
    {
        "exercise": "package-problem.submodules",
        "label": "walk_packages with the prefix cut off: the modules inside the subpackages too",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "other packages",
        "message": "names of modules inside its subpackages",
        "code": """
import pkgutil

def submodules(name):
    module = importlib.import_module(name)
    if not hasattr(module, "__path__"):
        return []
    prefix = name + "."
    return [m.name[len(prefix):] for m in pkgutil.walk_packages(module.__path__, prefix)]
""",
    },
    {
        "exercise": "package-problem.submodules",
        "label": "leaves out private modules (names starting with _)",
        "kind": "misconception",
        "verdict": "fail",
        "check": "other packages",
        "message": "modules inside `email` that are missing",
        "code": """
import pkgutil

def submodules(name):
    spec = importlib.util.find_spec(name)
    if spec.submodule_search_locations is None:
        return []
    return [m.name for m in pkgutil.iter_modules(spec.submodule_search_locations) if not m.name.startswith("_")]
""",
    },
    {
        "exercise": "package-problem.submodules",
        "label": "the folder of spec.origin, also for a plain module",
        "kind": "misconception",
        "verdict": "fail",
        "check": "modules that are not packages",
        "message": "there is nothing inside it",
        "code": """
import os
import pkgutil

def submodules(name):
    spec = importlib.util.find_spec(name)
    folder = os.path.dirname(spec.origin)
    return [m.name for m in pkgutil.iter_modules([folder])]
""",
    },
    {
        "exercise": "package-problem.submodules",
        "label": "drops the first name, taking it for __init__",
        "kind": "off-by-one",
        "verdict": "fail",
        "check": "other packages",
        "message": "that are missing",
        "note": "when the first sorted name is __main__ (asyncio; json from 3.14), which may be missing anyway, it goes unnoticed; the next package with no __main__ shows it",
        "code": """
import pkgutil

def submodules(name):
    spec = importlib.util.find_spec(name)
    if spec.submodule_search_locations is None:
        return []
    names = sorted(m.name for m in pkgutil.iter_modules(spec.submodule_search_locations))
    return names[1:]  # skip __init__
""",
    },
    {
        "exercise": "package-problem.submodules",
        "label": "the names the notebook printed for json, hard-coded",
        "kind": "hard-coded",
        "verdict": "fail",
        "check": "lists asyncio's modules",
        "code": """
def submodules(name):
    if name == "json":
        return ["decoder", "encoder", "scanner", "tool"]
    return []
""",
    },
    {
        "exercise": "package-problem.submodules",
        "label": "what sys.modules holds: only the submodules imported so far",
        "kind": "misconception",
        "verdict": "fail",
        "check": "lists asyncio's modules",
        "message": "that are missing",
        "code": """
def submodules(name):
    importlib.import_module(name)
    prefix = name + "."
    return sorted({key[len(prefix):].split(".")[0] for key in sys.modules if key.startswith(prefix)})
""",
    },
    {
        "exercise": "package-problem.submodules",
        "label": "os.listdir of the package folder (the browser's standard library is a zip)",
        "kind": "platform shortcut",
        "verdict": "fail",
        "platforms": ["pyodide"],
        "check": "lists asyncio's modules",
        "message": "NotADirectoryError",
        "code": """
import os

def submodules(name):
    module = importlib.import_module(name)
    if not hasattr(module, "__path__"):
        return []
    found = []
    for entry in os.listdir(module.__path__[0]):
        if entry.endswith(".py") and entry != "__init__.py":
            found.append(entry[:-3])
        elif os.path.isfile(os.path.join(module.__path__[0], entry, "__init__.py")):
            found.append(entry)
    return found
""",
    },
    {
        "exercise": "package-problem.submodules",
        "label": "os.listdir with the file names as they are (.py, __init__, __pycache__)",
        "kind": "platform shortcut",
        "verdict": "fail",
        "platforms": ["cpython"],
        "check": "lists asyncio's modules",
        "message": "names that are not modules inside `asyncio`",
        "code": """
import os

def submodules(name):
    module = importlib.import_module(name)
    if not hasattr(module, "__path__"):
        return []
    return os.listdir(module.__path__[0])
""",
    },
    {
        "exercise": "package-problem.submodules",
        "label": "module.__path__ without a check: a plain module raises AttributeError",
        "kind": "other mistake",
        "verdict": "fail",
        "check": "modules that are not packages",
        "message": "AttributeError",
        "code": """
import pkgutil

def submodules(name):
    module = importlib.import_module(name)
    return [m.name for m in pkgutil.iter_modules(module.__path__)]
""",
    },
    # From the first answer set (issue13c).
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
        "label": 'drops the first name, taking it for __init__ (second set)',
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
