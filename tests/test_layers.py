"""The layer rule (DESIGN.md) as a test: who may import Qt, reportlab and which layers.

Every import in the package is read from the source (including imports inside functions), so a
lazy ``import PySide6`` in the core fails here just like a top-level one.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "consultaid"

QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")
REPORTLAB = ("reportlab",)

# layer -> the consultaid layers it may import (besides itself). Modules directly in the
# package root (resources, paths, settings, fileio, services) are shared helpers.
ALLOWED_LAYERS: dict[str, set[str]] = {
    "domain": set(),
    "content": {"domain", "resources", "fileio"},  # fileio: reading files with size caps
    "records": {"domain", "content", "resources", "paths", "fileio", "settings", "handout",
                "services"},
    "handout": {"domain", "content", "resources", "settings", "services", "paths", "fileio"},
    # session: the rules of a live consultation (steps, access, saving), Qt-free.
    "session": {"domain", "content", "services"},
    # fhir: the FHIR R4 export (issue 31), reading through the records service.
    "fhir": {"domain", "content", "records", "settings"},
    "cli": {"session", "domain", "content", "records", "handout", "resources", "paths",
            "settings", "printing",
            "fileio", "services", "fhir"},
    # ui: fhir for File > Export for the health record… (issue 31), off the UI thread.
    "ui": {"session", "domain", "content", "records", "handout", "resources", "paths",
           "settings", "printing",
           "fileio", "services", "fhir"},
    "app": {"session", "domain", "content", "records", "handout", "ui", "resources", "paths",
            "settings",
            "fileio", "services"},
}
QT_ALLOWED = {"ui", "app"}
REPORTLAB_ALLOWED = {"handout"}


def imported_modules(source: str) -> list[str]:
    """Absolute module names imported anywhere in ``source``."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
        elif (isinstance(node, ast.Call) and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
              and ((isinstance(node.func, ast.Name) and node.func.id == "__import__")
                   or (isinstance(node.func, ast.Attribute)
                       and node.func.attr == "import_module"))):
            names.append(node.args[0].value)
    return names


def layer_of(path: Path, package: Path) -> str:
    rel = path.relative_to(package).parts
    return rel[0] if len(rel) > 1 else Path(rel[0]).stem


def layer_violations(package: Path) -> list[str]:
    problems = []
    for path in sorted(package.rglob("*.py")):
        layer = layer_of(path, package)
        for module in imported_modules(path.read_text(encoding="utf-8")):
            top = module.split(".")[0]
            where = f"{path.relative_to(package.parent)} imports {module}"
            if top in QT and layer not in QT_ALLOWED:
                problems.append(f"{where}: only consultaid.ui and consultaid.app may import Qt")
            if top in REPORTLAB and layer not in REPORTLAB_ALLOWED:
                problems.append(f"{where}: only consultaid.handout may import reportlab")
            if top == "consultaid" and "." in module:
                target = module.split(".")[1]
                allowed = ALLOWED_LAYERS.get(layer)
                if allowed is not None and target != layer and target not in allowed:
                    problems.append(f"{where}: {layer} may not import {target}")
    return problems


def test_package_respects_layers() -> None:
    assert layer_violations(PACKAGE) == []


@pytest.mark.parametrize(
    ("layer", "line", "expected"),
    [
        ("domain", "import PySide6", "may import Qt"),
        ("domain", "from PySide6.QtCore import QObject", "may import Qt"),
        ("content", "def f():\n    import PySide6.QtWidgets", "may import Qt"),
        ("records", "import importlib\nimportlib.import_module('PySide6')", "may import Qt"),
        ("handout", "from PySide6 import QtGui", "may import Qt"),
        ("cli", "import reportlab.pdfgen", "may import reportlab"),
        ("ui", "from reportlab.lib import colors", "may import reportlab"),
        ("domain", "from consultaid.content import loader", "domain may not import content"),
        ("content", "import consultaid.ui.main_window", "content may not import ui"),
    ],
)
def test_checker_catches_a_planted_import(
    tmp_path: Path, layer: str, line: str, expected: str
) -> None:
    package = tmp_path / "consultaid"
    (package / layer).mkdir(parents=True)
    (package / layer / "bad.py").write_text(line + "\n")
    problems = layer_violations(package)
    assert len(problems) == 1 and expected in problems[0], problems


def test_allowed_imports_pass(tmp_path: Path) -> None:
    package = tmp_path / "consultaid"
    allowed = [("ui", "import PySide6"), ("app", "from PySide6 import QtCore"),
               ("handout", "import reportlab"), ("cli", "from consultaid.content import x")]
    for layer, line in allowed:
        (package / layer).mkdir(parents=True)
        (package / layer / "ok.py").write_text(line + "\n")
    assert layer_violations(package) == []


def test_core_and_cli_run_with_qt_absent() -> None:
    """Import the whole non-GUI core and run the CLI with PySide6 made unimportable."""
    script = textwrap.dedent("""
        import sys
        for name in ("PySide6", "shiboken6"):
            sys.modules[name] = None  # any import of it now raises ImportError
        import consultaid.domain.screening, consultaid.content.loader, consultaid.settings
        import consultaid.records, consultaid.handout, consultaid.cli
        from consultaid.cli import main
        raise SystemExit(main(["conditions"]))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert "osteoarthritis" in result.stdout


def test_only_the_app_builds_on_the_main_window() -> None:
    """Issue 27: the window composes the ui's parts and no part reaches back into it (the
    access controller sees it through ``ui/access_window.AccessWindow``): no ui module imports
    ``consultaid.ui.main_window``, not even for type checking, so there is no import cycle."""
    importers = sorted(
        str(path.relative_to(PACKAGE)) for path in (PACKAGE / "ui").rglob("*.py")
        if path.name != "main_window.py"
        and "consultaid.ui.main_window" in imported_modules(path.read_text(encoding="utf-8")))
    assert importers == []


RECORDS_DOORS = {"consultaid.records.service", "consultaid.records.users",
                 "consultaid.records.errors", "consultaid.records.pending"}
"""What of consultaid.records the ui may import (issue 27.4: a sealed records boundary): the
service, the account and role types, consultaid's own store errors, and the pending-save
file. Never a store, a driver, the schema or a job module such as records.accounts."""


def test_ui_reaches_the_records_only_through_the_service() -> None:
    found = []
    for path in sorted((PACKAGE / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "consultaid.records":
                names = {f"consultaid.records.{alias.name}" for alias in node.names}
            else:
                names = set(imported_modules(ast.unparse(node))) if isinstance(
                        node, ast.Import | ast.ImportFrom) else set()
            found += [f"{path.relative_to(PACKAGE)}: {name}" for name in sorted(names)
                      if name.startswith("consultaid.records") and name not in RECORDS_DOORS]
    assert found == []
