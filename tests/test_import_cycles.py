"""No module of consultaid imports itself back through others (STYLE.md: "modules never import
each other in a loop").

Every module's imports are read with ``ast``: at the top, inside functions and methods, and under
``if TYPE_CHECKING:`` (a loop that only the type checker follows is still a loop a reader must
untangle). ``from consultaid.records import audit`` counts as importing ``consultaid.records.audit``
when that is a module, and ``consultaid.records`` (its ``__init__``) otherwise. A package's
``__init__`` importing its own modules is not counted as the package importing them back.

The loops are found as strongly connected components of that graph (Tarjan), and each is named
with one concrete circle through it.

Every loop fails the test, the ui's included (issue 27: the ui is grouped into wizard/,
records/ and access/, and no ui module imports the main window).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "consultaid"

def module_names() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _resolve(module: str, level: int, here: str, is_package: bool) -> str:
    if not level:
        return module
    base = here.split(".") if is_package else here.split(".")[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, module] if module else base)


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The consultaid modules ``name`` imports anywhere in its file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found: set[str] = set()

    def add(target: str) -> None:
        while target and target not in modules:  # a name inside a module: the module itself
            target = target.rpartition(".")[0]
        if target and target != name:
            found.add(target)

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "consultaid":
                    add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node.module or "", node.level, name, is_package)
            if base.split(".")[0] != "consultaid":
                continue
            for alias in node.names:
                full = f"{base}.{alias.name}"
                add(full if full in modules else base)
    if is_package:  # a package's __init__ importing its own modules is not a loop back
        found = {m for m in found if not m.startswith(name + ".")}
    return found


def import_graph() -> dict[str, set[str]]:
    modules = module_names()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def _components(graph: dict[str, set[str]]) -> Iterator[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    members = []
                    while True:
                        top = stack.pop()
                        on_stack.discard(top)
                        members.append(top)
                        if top == node:
                            break
                    if len(members) > 1:
                        yield sorted(members)


def _circle(graph: dict[str, set[str]], members: list[str]) -> str:
    """One concrete circle through a component: "a -> b -> a"."""
    inside = set(members)
    start = members[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph[node] & inside):
            if child == start:
                return " -> ".join([*paths[node], start])
            if child not in paths:
                paths[child] = [*paths[node], child]
                queue.append(child)
    return " <-> ".join(members)


def cycles() -> list[str]:
    """Every loop, as a named circle."""
    graph = import_graph()
    return [f"{_circle(graph, members)}  [{len(members)} modules: {', '.join(members)}]"
            for members in _components(graph)]


def test_the_graph_sees_every_kind_of_import() -> None:
    """The reader finds function-level and TYPE_CHECKING imports, and relative ones."""
    graph = import_graph()
    assert "consultaid.records.service" in graph["consultaid.cli.records_commands"]
    # under TYPE_CHECKING:
    assert "consultaid.records.pg_store" in graph["consultaid.cli.records_commands"]
    assert "consultaid.records.service" in graph["consultaid.app"]  # inside a function


def test_the_cycle_finder_names_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    found = list(_components(graph))
    assert found == [["a", "b", "c"]]
    assert _circle(graph, found[0]) == "a -> b -> c -> a"


def test_no_import_cycles() -> None:
    found = cycles()
    assert not found, "import circles:\n" + "\n".join(found)
