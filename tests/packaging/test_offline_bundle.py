"""The offline bundle, proven on this machine: build it, install it with no package index,
and run the installed copy and the standalone app with no network at all.

Slow (about a minute and a half): it builds real wheels and a real PyInstaller app.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from consultaid import __version__

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "packaging" / "build_offline_bundle.py"


def no_network(cmd: list[str]) -> list[str]:
    """Run ``cmd`` in a new network namespace with no interfaces (loopback down)."""
    return ["unshare", "--net", *cmd]


def clean_env(home: Path) -> dict[str, str]:
    """No project paths, no package index, offscreen Qt, user folders in ``home``."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PIP_", "PYTHON", "CONSULTAID_", "VIRTUAL_ENV"))}
    env.update({
        "PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1",
        "PIP_INDEX_URL": "http://127.0.0.1:9/simple", "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "QT_QPA_PLATFORM": "offscreen", "HOME": str(home),
        "CONSULTAID_CONFIG_DIR": str(home / "config"),
        "CONSULTAID_DATA_DIR": str(home / "data"),
    })
    return env


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("unshare") is None or subprocess.run(
            ["unshare", "--net", "true"], capture_output=True).returncode != 0:
        pytest.fail("this test needs 'unshare --net' (util-linux, run as root) to prove no "
                    "network is used")
    out = tmp_path_factory.mktemp("offline")
    result = subprocess.run([sys.executable, str(BUILD), "--out", str(out)],
                            capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


def test_wheel_carries_content_fonts_and_licences(bundle: Path) -> None:
    (wheel,) = (bundle / "wheelhouse").glob("consultaid-*.whl")
    assert wheel.name.startswith(f"consultaid-{__version__}-")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("consultaid/resources/content/en/pack.toml",
                     "consultaid/resources/content/en/conditions/osteoarthritis.toml",
                     "consultaid/resources/fonts/DejaVuSans.ttf",
                     "consultaid/resources/fonts/LICENSE-DejaVu.txt",
                     "consultaid/resources/content/es/pack.toml",
                     "consultaid/resources/i18n/consultaid_es.qm",
                     "consultaid/resources/i18n/translations.toml"):
        assert required in names, required
    checksums = (bundle / "SHA256SUMS").read_text()
    assert f"wheelhouse/{wheel.name}" in checksums


def test_installs_from_the_wheelhouse_and_runs_without_network(bundle: Path,
                                                               tmp_path: Path) -> None:
    target = tmp_path / "installed"
    env = clean_env(tmp_path)
    result = subprocess.run(no_network(["sh", str(bundle / "install.sh"), str(target)]),
                            capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    bin_dir = target / "bin"

    def run(*cmd: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(no_network(list(cmd)), capture_output=True, text=True,
                              cwd=tmp_path, env=env, input=stdin, timeout=300)

    version = run(str(bin_dir / "consultaid"), "--version")
    assert version.returncode == 0 and version.stdout.strip() == f"consultaid {__version__}"
    where = run(str(bin_dir / "python"), "-c",
                "from consultaid.resources import resources_dir; print(resources_dir())")
    assert str(target) in where.stdout and str(ROOT) not in where.stdout
    validate = run(str(bin_dir / "python"), "-m", "consultaid", "validate-content")
    assert validate.returncode == 0, validate.stdout + validate.stderr
    example = run(str(bin_dir / "consultaid"), "example", "--condition", "stroke")
    assert example.returncode == 0
    handout = run(str(bin_dir / "consultaid"), "handout", "-", "-o", str(tmp_path / "h.pdf"),
                  stdin=example.stdout)
    assert handout.returncode == 0, handout.stderr
    assert (tmp_path / "h.pdf").read_bytes().startswith(b"%PDF")
    selftest = run(str(bin_dir / "consultaid-app"), "--self-test")
    assert selftest.returncode == 0, selftest.stdout + selftest.stderr
    assert selftest.stdout.startswith("self-test ok")


def test_standalone_app_self_test_without_network(bundle: Path, tmp_path: Path) -> None:
    exe = bundle / "app" / "consultaid" / ("consultaid.exe" if os.name == "nt" else "consultaid")
    result = subprocess.run(no_network([str(exe), "--self-test"]), capture_output=True,
                            text=True, cwd=tmp_path, env=clean_env(tmp_path), timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("self-test ok")
