#!/usr/bin/env python3
"""Build consultaid's offline install bundle for the machine this runs on.

    python3 packaging/build_offline_bundle.py [--out dist/offline] [--no-app]

Produces, in ``--out``:
  wheelhouse/     the consultaid wheel and every dependency wheel for this platform, exactly
                  the versions of packaging/requirements.lock, each checked against its hash
  requirements.txt
                  that lock plus the consultaid wheel's own hash: what the install scripts
                  install, with ``--require-hashes``
  install.sh      (Linux, macOS) and install.ps1 (Windows): a virtual environment installed
                  with ``pip install --no-index --find-links wheelhouse`` — no internet needed
  app/consultaid/ a one-folder standalone app built with PyInstaller (unless --no-app): two
                  executables, ``consultaid-app`` (the desktop app) and ``consultaid`` (the
                  command line), sharing one Python runtime (packaging/consultaid.spec); its
                  build environment comes from packaging/requirements-bundle.lock
  SHA256SUMS      checksums of every file, for the clinic's IT to verify a copy

Building needs the package index once (to fetch the wheels and PyInstaller); installing the
bundle on a clinic machine needs nothing but the bundle and a Python of the same version.
Only the standard library is used here.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
RUNTIME_LOCK = PACKAGING / "requirements.lock"
BUNDLE_LOCK = PACKAGING / "requirements-bundle.lock"

INSTALL_SH = """#!/bin/sh
# Install consultaid from this folder without internet. Usage: sh install.sh [TARGET]
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
TARGET="${1:-$HOME/consultaid}"
python3 -m venv "$TARGET"
"$TARGET/bin/python" -m pip install --no-index --find-links "$HERE/wheelhouse" \\
    --require-hashes -r "$HERE/requirements.txt"
echo "Installed. Start the app with: $TARGET/bin/consultaid-app"
echo "Check it with:                 $TARGET/bin/consultaid-app --self-test"
"""

INSTALL_PS1 = r"""# Install consultaid from this folder without internet.
# Usage (PowerShell): .\install.ps1 [-Target C:\consultaid]
param([string]$Target = "$env:LOCALAPPDATA\consultaid\app")
$ErrorActionPreference = "Stop"
$Here = Split-Path -Parent $MyInvocation.MyCommand.Path
py -3 -m venv $Target
& "$Target\Scripts\python.exe" -m pip install --no-index --find-links "$Here\wheelhouse" `
    --require-hashes -r "$Here\requirements.txt"
Write-Output "Installed. Start the app with: $Target\Scripts\consultaid-app.exe"
"""


def run(cmd: list[str], **kwargs: object) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run(cmd, check=True, **kwargs)  # type: ignore[call-overload]


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def build_wheelhouse(out: Path) -> Path:
    """consultaid's wheel (resources included, see setup.py) and the locked dependencies' wheels
    for this platform and Python, each download checked against the lock's hashes."""
    wheelhouse = out / "wheelhouse"
    wheelhouse.mkdir(parents=True)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    run([*pip, "wheel", "--quiet", "--no-deps", "--wheel-dir", str(wheelhouse), str(ROOT)])
    run([*pip, "download", "--quiet", "--require-hashes", "--only-binary=:all:",
         "--dest", str(wheelhouse), "-r", str(RUNTIME_LOCK)])
    return wheelhouse


def install_requirements(wheelhouse: Path) -> str:
    """The runtime lock plus consultaid's own wheel, pinned with its hash: the install scripts
    install exactly this, every file checked."""
    (wheel,) = wheelhouse.glob("consultaid-*.whl")
    version = wheel.name.split("-")[1]
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    return (RUNTIME_LOCK.read_text()
            + f"consultaid=={version} \\\n    --hash=sha256:{digest}\n")


def build_app(out: Path, wheelhouse: Path) -> Path:
    """The one-folder standalone app (packaging/consultaid.spec), built in a fresh environment
    of the bundle lock with consultaid installed from its wheel, as a clinic would have it."""
    with tempfile.TemporaryDirectory(prefix="consultaid-pyinstaller-") as tmp:
        work = Path(tmp)
        env_dir = work / "venv"
        venv.EnvBuilder(with_pip=True).create(env_dir)
        python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
        pip = [str(python), "-m", "pip", "--disable-pip-version-check"]
        run([*pip, "install", "--quiet", "--require-hashes", "--find-links", str(wheelhouse),
             "-r", str(BUNDLE_LOCK)])
        run([*pip, "install", "--quiet", "--no-index", "--no-deps", "--find-links",
             str(wheelhouse), "consultaid"])
        run([str(python), "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
             "--distpath", str(out / "app"), "--workpath", str(work / "build"),
             str(PACKAGING / "consultaid.spec")])
    return out / "app" / "consultaid"


def write_checksums(out: Path) -> None:
    lines = []
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(out).as_posix()}")
    (out / "SHA256SUMS").write_text("\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "offline")
    parser.add_argument("--no-app", action="store_true", help="skip the PyInstaller app")
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    started = time.perf_counter()
    wheelhouse = build_wheelhouse(out)
    (out / "requirements.txt").write_text(install_requirements(wheelhouse))
    (out / "install.sh").write_text(INSTALL_SH)
    (out / "install.sh").chmod(0o755)
    (out / "install.ps1").write_text(INSTALL_PS1)
    wheels_done = time.perf_counter()
    app = None if args.no_app else build_app(out, wheelhouse)
    write_checksums(out)
    finished = time.perf_counter()
    print(f"wheelhouse: {folder_size(wheelhouse) / 1e6:.0f} MB in "
          f"{len(list(wheelhouse.glob('*.whl')))} wheels, {wheels_done - started:.0f} s")
    if app is not None:
        print(f"standalone app: {folder_size(app) / 1e6:.0f} MB, "
              f"{finished - wheels_done:.0f} s")
    print(f"bundle ready in {out} ({finished - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
