"""packaging/debian-packages.txt as dev.py reads it: what a bare Debian 12 (and 13 / Ubuntu 24.04)
lacks for the app and the tests is named there, under either release's package name."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def dev() -> ModuleType:
    spec = importlib.util.spec_from_file_location("consultaid_dev", ROOT / "dev.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _names(entries: list[list[str]]) -> set[str]:
    return {name for alternatives in entries for name in alternatives}


def test_the_app_needs_libgl_and_glib_under_either_name(dev: ModuleType) -> None:
    app = dev.system_packages("app")
    assert ["libgl1"] in app  # PySide6's QtGui: ImportError libGL.so.1 on a bare Debian
    assert ["libglib2.0-0t64", "libglib2.0-0"] in app
    assert "xvfb" not in _names(app)  # test-only packages stay out of the app's list


def test_the_tests_need_objdump_and_debians_libpython(dev: ModuleType,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "base_prefix", "/usr")
    names = _names(dev.system_packages("test"))
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert {"binutils", f"libpython{version}", "libgl1", "xvfb", "postgresql"} <= names
    monkeypatch.setattr(sys, "base_prefix", "/opt/python")  # a Python of its own has its libpython
    assert not any(n.startswith("libpython") for n in _names(dev.system_packages("test")))


def test_an_installed_alternative_counts(dev: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dev, "_installed", lambda name: name == "libglib2.0-0t64")
    missing = dev._missing_debian_packages([["libglib2.0-0t64", "libglib2.0-0"], ["libgl1"]])
    assert missing == [["libgl1"]]
    monkeypatch.setattr(dev, "_known_to_apt", lambda name: name == "libglib2.0-0")
    assert dev._installable(["libglib2.0-0t64", "libglib2.0-0"]) == "libglib2.0-0"
