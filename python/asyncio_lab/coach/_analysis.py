"""What the coach finds, and what it finds from a cell's source alone (before it runs)."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from ..mime import COACH_MIME, COACH_PAYLOAD_VERSION

_OUR_MAGICS = ("check", "timeline", "virtualtime", "callgraph", "time")


@dataclass(frozen=True)
class Finding:
    kind: str
    severity: str  # "info" | "warning"
    line: int | None
    title: str
    message: str

    def to_json(self) -> dict:
        return {"kind": self.kind, "severity": self.severity, "line": self.line, "title": self.title, "message": self.message}


def bundle(findings: list[Finding]) -> dict:
    """The MIME bundle for some findings."""
    payload = {"version": COACH_PAYLOAD_VERSION, "findings": [f.to_json() for f in findings]}
    lines = ["asyncio coach:"]
    for f in findings:
        mark = "⚠" if f.severity == "warning" else "ℹ"
        where = f"line {f.line}: " if f.line is not None else ""
        lines.append(f"  {mark} {where}{f.title}: {f.message}")
    return {COACH_MIME: payload, "text/plain": "\n".join(lines)}


# --------------------------------------------------------------------------- source analysis

_LOOP_CALLS = {
    "run": (
        "asyncio.run() in a notebook",
        "asyncio.run() starts a new event loop, but this cell already runs inside one: on CPython it "
        "raises RuntimeError, and on Pyodide it only works where the browser can switch stacks. "
        "In a notebook, await the coroutine directly: `await main()`.",
    ),
    "run_until_complete": (
        "run_until_complete() in a notebook",
        "loop.run_until_complete() needs a loop that is not running yet; the notebook's loop is already "
        "running this cell (RuntimeError on CPython; on Pyodide it returns a Future without waiting). "
        "Use `await ...` instead.",
    ),
    "new_event_loop": (
        "new_event_loop() in a notebook",
        "asyncio.new_event_loop() makes a second loop that cannot run while the notebook's loop runs "
        "this cell (and on Pyodide it replaces the running loop and breaks the cell). Use the running "
        "loop: `asyncio.get_running_loop()`, or just `await`.",
    ),
    "Runner": (
        "asyncio.Runner in a notebook",
        "asyncio.Runner creates and runs its own event loop; in a notebook the cell already runs inside "
        "one. Use top-level `await` instead.",
    ),
    "set_task_factory": (
        "set_task_factory() in a notebook",
        "A custom task factory changes every task the notebook's loop creates from now on; on Pyodide "
        "every later create_task() fails. Leave the loop's factory alone in notebooks.",
    ),
}
_TRIGGERS = ("run", "new_event_loop", "Runner", "set_task_factory")
_BLOCKING = {
    ("time", "sleep"): "time.sleep()",
    ("requests", "get"): "requests.get()",
    ("requests", "post"): "requests.post()",
    ("urllib", "urlopen"): "urlopen()",
    ("request", "urlopen"): "urlopen()",
    ("subprocess", "run"): "subprocess.run()",
}


def _call_name(node: ast.Call) -> tuple[str | None, str | None]:
    """(object name, attribute) of ``obj.attr(...)``, or (None, name) of ``name(...)``."""
    func = node.func
    if isinstance(func, ast.Attribute):
        value = func.value
        base = value.id if isinstance(value, ast.Name) else value.attr if isinstance(value, ast.Attribute) else None
        return base, func.attr
    if isinstance(func, ast.Name):
        return None, func.id
    return None, None


def _protected_lines(tree: ast.AST) -> set[int]:
    """Lines inside the body of a try that has an except handler: deliberate demonstrations."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and node.handlers:
            for stmt in node.body:
                for sub in ast.walk(stmt):
                    if hasattr(sub, "lineno"):
                        lines.add(sub.lineno)
    return lines


def _cell_body(raw: str, shell=None) -> tuple[str, int] | None:
    """The Python source of a cell and its line offset, or None (not Python: %%bash...)."""
    if raw.startswith("%%"):
        first, _, body = raw.partition("\n")
        name = first[2:].split(None, 1)[0] if len(first) > 2 else ""
        if name not in _OUR_MAGICS:
            return None
        source, offset = body, 1
    else:
        source, offset = raw, 0
    if shell is not None:
        try:
            source = shell.transform_cell(source)
        except Exception:
            return None
    return source, offset


def analyze_source(source: str, offset: int = 0) -> list[Finding]:
    """Findings from a cell's source alone: asyncio.run & co. outside a try/except."""
    if not any(t in source for t in _TRIGGERS):
        return []
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    protected = _protected_lines(tree)
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        base, attr = _call_name(node)
        if attr not in _LOOP_CALLS or node.lineno in protected:
            continue
        if attr == "run" and base != "asyncio":
            continue
        if attr in ("new_event_loop", "Runner") and base not in ("asyncio", None):
            continue
        title, message = _LOOP_CALLS[attr]
        out.append(Finding("loop-in-notebook", "warning", node.lineno + offset, title, message))
    out.sort(key=lambda f: f.line or 0)
    return out


def blocking_calls(source: str, offset: int = 0) -> list[tuple[int, str]]:
    """(line, call) of calls that block the thread (time.sleep, ...), first those inside async def."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    inside: list[tuple[int, str]] = []
    outside: list[tuple[int, str]] = []
    for fn in ast.walk(tree):
        if isinstance(fn, ast.AsyncFunctionDef):
            for node in ast.walk(fn):
                if isinstance(node, ast.Call) and _call_name(node) in _BLOCKING:
                    inside.append((node.lineno + offset, _BLOCKING[_call_name(node)]))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _call_name(node) in _BLOCKING:
            item = (node.lineno + offset, _BLOCKING[_call_name(node)])
            if item not in inside:
                outside.append(item)
    return sorted(inside) + sorted(outside)
