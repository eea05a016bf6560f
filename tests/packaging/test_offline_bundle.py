"""The offline bundle, proven on this machine: build it, install it with no package index,
and run the installed copy and the standalone app's two executables with no network at all.

Slow (a few minutes): it builds real wheels and a real PyInstaller app.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

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


def test_the_wheelhouse_is_the_lock_and_installs_with_hashes(bundle: Path) -> None:
    requirements = (bundle / "requirements.txt").read_text()
    (wheel,) = (bundle / "wheelhouse").glob("consultaid-*.whl")
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert f"consultaid=={__version__} \\\n    --hash=sha256:{digest}" in requirements
    assert requirements.startswith((ROOT / "packaging" / "requirements.lock").read_text())
    pinned = dict(re.findall(r"^([a-z0-9-]+)==(\S+?) ", requirements, re.M))
    assert {"pyside6", "reportlab", "psycopg", "pyphen", "tomlkit"} <= set(pinned)
    for other in (bundle / "wheelhouse").glob("*.whl"):
        if other != wheel:  # every wheel is the version the lock names
            name, version = other.name.split("-")[:2]
            assert pinned[name.lower().replace("_", "-")] == version, other.name
    for script in ("install.sh", "install.ps1"):
        assert "--require-hashes" in (bundle / script).read_text()


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


def standalone(bundle: Path, name: str) -> Path:
    """One of the standalone app's executables, in its one folder."""
    return bundle / "app" / "consultaid" / (f"{name}.exe" if os.name == "nt" else name)


def test_standalone_app_self_test_without_network(bundle: Path, tmp_path: Path) -> None:
    exe = standalone(bundle, "consultaid-app")
    result = subprocess.run(no_network([str(exe), "--self-test"]), capture_output=True,
                            text=True, cwd=tmp_path, env=clean_env(tmp_path), timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("self-test ok")


def test_both_executables_share_one_runtime(bundle: Path) -> None:
    folder = bundle / "app" / "consultaid"
    executables = sorted(p.name for p in folder.iterdir() if p.is_file())
    assert executables == sorted(standalone(bundle, n).name for n in ("consultaid",
                                                                      "consultaid-app"))
    runtimes = [p for p in folder.rglob("libpython3*") if ".so" in p.name or p.suffix == ".dll"]
    assert len(runtimes) == 1, runtimes
    assert len(list(folder.rglob("base_library.zip"))) == 1


def test_standalone_command_line_without_network(bundle: Path, tmp_path: Path) -> None:
    """The README's commands for IT work from the standalone folder: version, a handout from
    the example, and the records' backup and verify, with no Python and no network."""
    cli = standalone(bundle, "consultaid")
    env = clean_env(tmp_path)
    env["PATH"] = os.pathsep.join(["/usr/bin", "/bin"])  # no virtual environment on the way

    def run(*cmd: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(no_network(list(cmd)), capture_output=True, text=True,
                              cwd=tmp_path, env={**env, **extra}, timeout=300)

    version = run(str(cli), "--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"consultaid {__version__}"
    pdf = tmp_path / "handout.pdf"
    piped = run("sh", "-c", f'"{cli}" example --condition stroke | "{cli}" handout - -o "{pdf}"')
    assert piped.returncode == 0, piped.stderr
    assert PdfReader(pdf).metadata["/Creator"] == f"consultaid {__version__}"
    validate = run(str(cli), "validate-content")
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert str(ROOT) not in validate.stdout  # the bundle's own content, not the checkout's

    example = run(str(cli), "example")
    (tmp_path / "visit.json").write_text(example.stdout)
    imported = run(str(cli), "records", "import", str(tmp_path / "visit.json"))
    assert imported.returncode == 0, imported.stderr
    verify = run(str(cli), "records", "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert verify.stdout.startswith("OK ") and "1 consultation matching" in verify.stdout
    backup = tmp_path / "backups" / "copy.sqlite3"
    backed = run(str(cli), "records", "backup", str(backup))
    assert backed.returncode == 0, backed.stderr
    checked = run(str(cli), "records", "verify", CONSULTAID_DB=str(backup))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert str(backup) in checked.stdout and "1 consultation matching" in checked.stdout
