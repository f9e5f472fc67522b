"""The kernel package's layout rules, read from its imports (docs/architecture.md).

Every import of every module of ``asyncio_lab`` is read with ``ast``: at the top, inside
functions and under ``if TYPE_CHECKING``, absolute and relative.  The rules:

- no import cycle between the package's modules;
- the magics' topic modules (check, visual, hints, coach) never import each other; what
  they share lives in ``magics/_cell.py``;
- nothing but the package's ``__init__`` (``load_ipython_extension``) imports the magic
  layer: the plain APIs never depend on it;
- the package imports nothing of JupyterLab, Jupyter Server or ipykernel (IPython only).

Each rule is also shown failing on a small made-up package, so a broken reader cannot
pass silently.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "asyncio_lab"
FORBIDDEN = ("jupyterlab", "jupyter_server", "jupyterlab_server", "ipykernel", "notebook")
TOPICS = ("check", "visual", "hints", "coach")


def _modules(root: Path, package: str) -> dict[str, Path]:
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join([package, *parts])] = path
    return found


def _is_package(name: str, modules: dict[str, Path]) -> bool:
    return modules[name].name == "__init__.py"


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Module -> the package's modules it imports (a package stands for its ``__init__``)."""
    modules = _modules(root, package)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        here = name if _is_package(name, modules) else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here.split(".")
                    base = base[: len(base) - (node.level - 1)]
                    origin = ".".join(base + ([node.module] if node.module else []))
                else:
                    origin = node.module or ""
                # `from . import x` names a submodule x where there is one; otherwise
                # it takes a name from the package's __init__.
                subs = [f"{origin}.{alias.name}" for alias in node.names]
                named = [s for s in subs if s in modules]
                targets = named if named and len(named) == len(subs) else [origin, *named]
            for target in targets:
                # The deepest module of ours that the dotted name starts with.
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def external_imports(root: Path) -> dict[str, set[str]]:
    """Path -> the top-level names of everything it imports absolutely."""
    found: dict[str, set[str]] = {}
    for path in sorted(root.rglob("*.py")):
        tops = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                tops |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                tops.add(node.module.split(".")[0])
        found[str(path.relative_to(root))] = tops
    return found


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path ``[a, b, ..., a]``, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def rule_problems(graph: dict[str, set[str]], package: str) -> list[str]:
    """What breaks the magics rules, one sentence each."""
    problems = []
    magics = f"{package}.magics"
    topics = {f"{magics}.{t}" for t in TOPICS}
    for module, imported in sorted(graph.items()):
        for target in sorted(imported):
            if module in topics and target in topics:
                problems.append(f"{module} imports {target}: magics topic modules never import each other")
            inside = module == magics or module.startswith(magics + ".")
            if not inside and module != package and (target == magics or target.startswith(magics + ".")):
                problems.append(f"{module} imports {target}: the plain APIs never depend on the magic layer")
    return problems


# ----------------------------------------------------------------------------- the package


@pytest.fixture(scope="module")
def graph():
    return import_graph(PACKAGE_DIR, "asyncio_lab")


def test_the_reader_sees_the_package(graph):
    # A reader that found nothing would pass every rule.
    assert "asyncio_lab.magics.check" in graph
    assert "asyncio_lab.magics._cell" in graph["asyncio_lab.magics.check"]
    assert "asyncio_lab.exercises" in graph["asyncio_lab.magics.check"]
    assert "asyncio_lab.tracer._record" in graph["asyncio_lab.tracer"]


def test_no_import_cycle(graph):
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_magics_rules(graph):
    assert rule_problems(graph, "asyncio_lab") == []


def test_no_jupyter_imports():
    bad = {
        path: sorted(tops & set(FORBIDDEN)) for path, tops in external_imports(PACKAGE_DIR).items() if tops & set(FORBIDDEN)
    }
    assert bad == {}, f"the kernel package imports IPython only, not: {bad}"


# ------------------------------------------------------------------ the rules can fail


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_a_cycle_is_reported(tmp_path):
    pkg = _write(
        tmp_path / "demo",
        {
            "__init__.py": "",
            "a.py": "from . import b\n",
            "b.py": "def f():\n    from .c import g\n",
            "c.py": "import demo.a\n",
            "d.py": "from .a import thing\n",
        },
    )
    cycle = find_cycle(import_graph(pkg, "demo"))
    assert cycle == ["demo.a", "demo.b", "demo.c", "demo.a"]


def test_a_package_importing_its_submodules_is_no_cycle(tmp_path):
    pkg = _write(
        tmp_path / "demo",
        {
            "__init__.py": "",
            "tracer/__init__.py": "from ._record import Tracer\n",
            "tracer/_record.py": "from . import _columns\nfrom ._columns import WIDTH\n",
            "tracer/_columns.py": "WIDTH = 5\n",
        },
    )
    graph = import_graph(pkg, "demo")
    assert graph["demo.tracer._record"] == {"demo.tracer._columns"}
    assert find_cycle(graph) is None


def test_magics_rules_are_reported(tmp_path):
    pkg = _write(
        tmp_path / "demo",
        {
            "__init__.py": "from .magics import load\n",
            "magics/__init__.py": "from . import check, visual\n",
            "magics/_cell.py": "",
            "magics/check.py": "from ._cell import x\nfrom .visual import y\n",
            "magics/visual.py": "from ._cell import x\n",
            "tracer.py": "from .magics._cell import x\n",
        },
    )
    assert rule_problems(import_graph(pkg, "demo"), "demo") == [
        "demo.magics.check imports demo.magics.visual: magics topic modules never import each other",
        "demo.tracer imports demo.magics._cell: the plain APIs never depend on the magic layer",
    ]


def test_a_jupyter_import_is_reported(tmp_path):
    pkg = _write(tmp_path / "demo", {"__init__.py": "", "x.py": "def f():\n    import ipykernel.kernelbase\n"})
    assert external_imports(pkg)["x.py"] & set(FORBIDDEN) == {"ipykernel"}
