"""PySide6's import hook asks the same question of every module, without keeping its source
(issue 29: 5.7 MiB of the window's peak memory)."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import PySide6.QtCore  # noqa: F401 (its import hook is what is tested)

from consultaid.app import import_scan
from tests.app.test_start_up_cost import run_app_script

ROOT = Path(__file__).resolve().parents[2]


def _original() -> types.FunctionType:
    feature = sys.modules["shibokensupport.feature"]
    asked = feature._mod_uses_pyside
    while getattr(asked, import_scan._MARK, False):  # (installed by an earlier test or app)
        asked = asked.__closure__[0].cell_contents  # type: ignore[union-attr,index]
    return asked  # type: ignore[no-any-return]


def test_the_answer_is_pyside6s_for_every_module_loaded() -> None:
    import consultaid.ui.main_window  # noqa: F401 (many modules, with and without Qt)

    original = _original()
    quick = import_scan.uses_pyside(original)
    modules = [m for name, m in sorted(sys.modules.items())
               if name.startswith(("consultaid", "json", "email", "pytest", "PySide6"))]
    assert len(modules) > 100
    answers = {m.__name__: quick(m) for m in modules}
    assert answers == {m.__name__: original(m) for m in modules}
    assert answers["consultaid.ui.main_window"] is True
    assert answers["consultaid.domain.consultation"] is False


def test_a_module_without_a_source_file_gets_pyside6s_own_answer(tmp_path: Path) -> None:
    asked: list[str] = []

    def original(module: types.ModuleType) -> bool:
        asked.append(module.__name__)
        return True

    quick = import_scan.uses_pyside(original)
    bare = types.ModuleType("no_file")
    gone = types.ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")
    compiled = types.ModuleType("compiled")
    compiled.__file__ = str(tmp_path / "compiled.so")
    assert quick(bare) and quick(gone) and quick(compiled)
    assert asked == ["no_file", "gone", "compiled"]


def test_installing_twice_wraps_once() -> None:
    feature = sys.modules["shibokensupport.feature"]
    before = feature._mod_uses_pyside
    try:
        assert import_scan.install()
        once = feature._mod_uses_pyside
        assert import_scan.install()
        assert feature._mod_uses_pyside is once
        assert getattr(once, import_scan._MARK)
    finally:
        feature._mod_uses_pyside = before


KEPT_SOURCES = """
import linecache, sys, time
sys.argv = ["main.py", "--measure-startup"]
from consultaid.app import main
main(started=time.perf_counter())
print("kept", *sorted(name for name in linecache.cache if "consultaid" in name))
print("modules", sum(1 for name in sys.modules if name.startswith("consultaid")))
"""


def test_the_app_keeps_no_source_of_its_own_after_starting(tmp_path: Path) -> None:
    """Only the modules imported before PySide6 (which PySide6 reads when it starts)."""
    done = run_app_script(KEPT_SOURCES, tmp_path)
    said = {line.split()[0]: line.split()[1:] for line in done.stdout.splitlines()}
    assert int(said["modules"][0]) > 50  # (the window was built)
    kept = {Path(name).relative_to(ROOT).as_posix() for name in said["kept"]}
    assert kept <= {"consultaid/__init__.py", "consultaid/app/__init__.py"}, kept
