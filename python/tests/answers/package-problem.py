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
]
