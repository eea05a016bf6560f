"""The lock files in packaging/ hold what pyproject.toml asks for: every dependency pinned to a
version its range admits, with hashes, made after the last change to the dependencies."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


@pytest.fixture(scope="module")
def dev() -> ModuleType:
    spec = importlib.util.spec_from_file_location("consultaid_dev_lock", ROOT / "dev.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pins(lock: Path) -> dict[str, Version]:
    found: dict[str, Version] = {}
    for line in lock.read_text().splitlines():
        match = PIN.match(line)
        if match:
            found[canonicalize_name(match.group(1))] = Version(match.group(2))
    return found


def requirements(extras: tuple[str, ...]) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = list(project["dependencies"])
    for extra in extras:
        wanted += project["optional-dependencies"][extra]
    return [Requirement(text) for text in wanted]


def test_every_extra_of_pyproject_has_a_lock(dev: ModuleType) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    locked = {extra for extras in dev.LOCKS.values() for extra in extras}
    assert locked == set(project["optional-dependencies"])


@pytest.mark.parametrize("name", ["requirements.lock", "requirements-dev.lock",
                                  "requirements-bundle.lock"])
def test_the_lock_pins_every_dependency_of_pyproject(dev: ModuleType, name: str) -> None:
    lock = ROOT / "packaging" / name
    assert dev.lock_is_current(lock), (
        f"packaging/{name} was made before the last change to pyproject.toml's dependencies: "
        "run python3 dev.py lock")
    pinned = pins(lock)
    for requirement in requirements(dev.LOCKS[name]):
        key = canonicalize_name(requirement.name)
        assert key in pinned, f"{requirement} is not in packaging/{name}"
        assert requirement.specifier.contains(pinned[key], prereleases=True), (
            f"packaging/{name} pins {key}=={pinned[key]}, outside {requirement}")


@pytest.mark.parametrize("name", ["requirements.lock", "requirements-dev.lock",
                                  "requirements-bundle.lock"])
def test_every_pin_carries_hashes_and_no_index(name: str) -> None:
    text = (ROOT / "packaging" / name).read_text()
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 3)[3])
    assert len(entries) >= 10
    for entry in entries:
        assert PIN.match(entry), entry[:200]
        assert "--hash=sha256:" in entry, entry[:200]
    # pip would use these on the clinic's build machine instead of the package index
    for option in ("--index-url", "--extra-index-url", "--find-links", "-e ", "file:"):
        assert option not in text


def test_a_package_has_one_version_in_every_lock(dev: ModuleType) -> None:
    versions: dict[str, set[Version]] = {}
    for name in dev.LOCKS:
        for package, version in pins(ROOT / "packaging" / name).items():
            versions.setdefault(package, set()).add(version)
    assert {p: v for p, v in versions.items() if len(v) > 1} == {}


def test_the_runtime_lock_holds_no_development_tool() -> None:
    runtime = pins(ROOT / "packaging" / "requirements.lock")
    for tool in ("pytest", "mypy", "ruff", "pyinstaller", "uv"):
        assert tool not in runtime


def test_a_changed_dependency_makes_the_lock_stale(dev: ModuleType, tmp_path: Path) -> None:
    pyproject = (ROOT / "pyproject.toml").read_text()
    changed = tmp_path / "pyproject.toml"
    assert '"reportlab>=4.0,<6"' in pyproject
    changed.write_text(pyproject.replace('"reportlab>=4.0,<6"', '"reportlab>=4.1,<6"'))
    assert dev.dependencies_fingerprint(changed) != dev.dependencies_fingerprint()
    same = tmp_path / "same.toml"
    same.write_text(pyproject.replace("[tool.ruff]", "# a comment\n[tool.ruff]"))
    assert dev.dependencies_fingerprint(same) == dev.dependencies_fingerprint()
