"""Issue 27.7: tests at the level of the unit. At most 40% of the ui test modules build the
whole window; the others test a page, the steps (``wizard``) or the controllers
(``controllers``, ``make_wizard_controllers``) without it.

A module builds the whole window when it names ``MainWindow``, or when one of its tests or
fixtures (its own, or a test it imports from another module) asks for the ``window`` fixture
or a fixture of ``conftest.py`` built from it (one that asks for such a fixture or names
``MainWindow``, e.g. ``make_window``).
"""

from __future__ import annotations

import ast
from pathlib import Path

UI_TESTS = Path(__file__).parent
MOST_BUILDING_THE_WINDOW = 0.40


def _is_fixture(node: ast.FunctionDef) -> bool:
    return any("fixture" in ast.unparse(decorator) for decorator in node.decorator_list)


def _names_main_window(node: ast.AST) -> bool:
    return any((isinstance(n, ast.Name) and n.id == "MainWindow")
               or (isinstance(n, ast.alias) and n.name == "MainWindow")
               or (isinstance(n, ast.Attribute) and n.attr == "MainWindow")
               for n in ast.walk(node))


def _functions(tree: ast.Module) -> dict[str, ast.FunctionDef]:
    return {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}


def _asks_for(node: ast.FunctionDef) -> set[str]:
    return {arg.arg for arg in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)}


def window_fixtures(conftest: Path = UI_TESTS / "conftest.py") -> set[str]:
    """``window`` and every fixture of ``conftest`` built from it, or from ``MainWindow``."""
    fixtures = {name: node for name, node in _functions(ast.parse(conftest.read_text()))
                .items() if _is_fixture(node)}
    found = {"window"}
    grew = True
    while grew:
        grew = False
        for name, node in fixtures.items():
            if name not in found and (_asks_for(node) & found or _names_main_window(node)):
                found.add(name)
                grew = True
    return found


def _tests_and_fixtures(path: Path) -> list[ast.FunctionDef]:
    """The module's tests and fixtures, and the tests it imports from its sibling modules."""
    tree = ast.parse(path.read_text())
    own = [node for name, node in _functions(tree).items()
           if name.startswith("test_") or _is_fixture(node)]
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(
                "tests.ui.test_"):
            source = _functions(ast.parse(
                (path.parent / f"{node.module.rsplit('.', 1)[1]}.py").read_text()))
            own += [source[alias.name] for alias in node.names if alias.name in source
                    and (alias.name.startswith("test_") or _is_fixture(source[alias.name]))]
    return own


def builds_the_window(path: Path, fixtures: set[str]) -> bool:
    """Whether the test module at ``path`` builds the whole window (see the module's doc)."""
    return _names_main_window(ast.parse(path.read_text())) or any(
        _asks_for(node) & fixtures for node in _tests_and_fixtures(path))


def modules_building_the_window(folder: Path = UI_TESTS) -> tuple[list[str], int]:
    """The ui test modules that build the whole window, and how many modules there are."""
    fixtures = window_fixtures(folder / "conftest.py")
    modules = sorted(folder.glob("test_*.py"))
    return [m.name for m in modules if builds_the_window(m, fixtures)], len(modules)


def test_at_most_forty_percent_of_ui_test_modules_build_the_whole_window() -> None:
    building, total = modules_building_the_window()
    assert len(building) <= MOST_BUILDING_THE_WINDOW * total, (
        f"{len(building)} of {total} ui test modules build the whole window (at most "
        f"{MOST_BUILDING_THE_WINDOW:.0%}): {', '.join(building)}. Test a page, the steps "
        "(wizard) or the controllers (make_wizard_controllers) instead where the test needs "
        "no more.")


def test_the_count_sees_each_way_of_building_the_window(tmp_path: Path) -> None:
    """The window fixture, a fixture derived from it, MainWindow named, an imported test that
    asks for the window; a local variable called ``window`` and the wizard do not count."""
    (tmp_path / "conftest.py").write_text(
        "import pytest\n"
        "@pytest.fixture\ndef window(): ...\n"
        "@pytest.fixture\ndef given(window): ...\n"
        "@pytest.fixture\ndef make_it():\n    return MainWindow\n"
        "@pytest.fixture\ndef wizard(): ...\n")
    modules = {
        "test_a.py": "def test_x(window): ...\n",
        "test_b.py": "def test_x(given): ...\n",
        "test_c.py": "def test_x(make_it): ...\n",
        "test_d.py": "from consultaid.ui.main_window import MainWindow\n",
        "test_e.py": "from tests.ui.test_a import test_x\n",
        "test_f.py": "def test_x(wizard):\n    window = wizard\n",
        "test_g.py": "def helper(window): ...\ndef test_x(wizard): ...\n",
    }
    for name, text in modules.items():
        (tmp_path / name).write_text(text)
    assert modules_building_the_window(tmp_path) == (
        ["test_a.py", "test_b.py", "test_c.py", "test_d.py", "test_e.py"], 7)
