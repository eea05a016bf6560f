#!/usr/bin/env python3
"""Set up a local virtual environment and open the app or run every test.

    python3 dev.py app     set up (first time or when pyproject.toml changed), open the app
    python3 dev.py test    set up, then run ruff, mypy and the whole pytest suite
    python3 dev.py translations
                           refresh resources/i18n/*.ts from the code (pyside6-lupdate) and
                           compile them to the .qm files the app loads (pyside6-lrelease)

Only the standard library is used here, so it runs on a fresh machine with nothing but
Python 3.11+. The environment lives in ``.venv`` beside this file.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".consultaid-setup"


def _venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def _setup_fingerprint() -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def _run(cmd: list[str], **kwargs: object) -> int:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.call(cmd, cwd=ROOT, **kwargs)  # type: ignore[call-overload]


def setup() -> Path:
    """Create ``.venv`` and install the project with its test tools, unless already current."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be started by an older Python
        sys.exit(f"consultaid needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    python = _venv_python()
    fingerprint = _setup_fingerprint()
    if python.exists() and STAMP.exists() and STAMP.read_text() == fingerprint:
        return python
    if not python.exists():
        print(f"Creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    pip = [str(python), "-m", "pip", "--disable-pip-version-check"]
    if _run([*pip, "install", "--quiet", "--upgrade", "pip"]) != 0:
        sys.exit("Could not upgrade pip in .venv (see the messages above).")
    if _run([*pip, "install", "--quiet", "-e", ".[dev]"]) != 0:
        sys.exit("Could not install consultaid and its dependencies (see the messages above).")
    STAMP.write_text(fingerprint)
    return python


SYSTEM_PACKAGES = ROOT / "packaging" / "debian-packages.txt"


def _debian_python() -> bool:
    """Whether this Python is Debian's own (its libpython then comes from a Debian package)."""
    return sys.base_prefix == "/usr"


def system_packages(purpose: str) -> list[list[str]]:
    """Debian packages listed for ``purpose`` ("app" or "test") in packaging/debian-packages.txt.

    Each line reads ``app: name`` or ``test: name``, optionally followed by ``# why``; the test
    command needs the app's packages too. ``a | b`` names one package under the names different
    releases give it (Debian 13 and Ubuntu 24.04 renamed ``libglib2.0-0`` to
    ``libglib2.0-0t64``); ``{python}`` stands for this Python's version (``3.11``) and such a line
    counts only where this Python is Debian's own. Each entry is the list of its alternatives.
    """
    wanted = {"app"} if purpose == "app" else {"app", "test"}
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    entries: list[list[str]] = []
    for line in SYSTEM_PACKAGES.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        kind, _, names = line.partition(":")
        if kind.strip() not in wanted or not names.strip():
            continue
        if "{python}" in names and not _debian_python():
            continue
        entries.append([n.strip().replace("{python}", version) for n in names.split("|")
                        if n.strip()])
    return entries


def _installed(name: str) -> bool:
    out = subprocess.run(["dpkg-query", "-W", "-f=${Status}", name],
                         capture_output=True, text=True, check=False)
    return "install ok installed" in out.stdout


def _known_to_apt(name: str) -> bool:
    out = subprocess.run(["apt-cache", "show", "--no-all-versions", name],
                         capture_output=True, text=True, check=False)
    return out.returncode == 0 and bool(out.stdout.strip())


def _missing_debian_packages(entries: list[list[str]]) -> list[list[str]]:
    return [alternatives for alternatives in entries
            if not any(_installed(name) for name in alternatives)]


def _installable(alternatives: list[str]) -> str:
    """The first of ``alternatives`` this machine's package lists know (after apt-get update)."""
    return next((name for name in alternatives if _known_to_apt(name)), alternatives[0])


def ensure_system_packages(purpose: str) -> None:
    """Install the Debian packages the app or the tests need (printer server, database server,
    virtual display...), so that a fresh Debian/Ubuntu machine needs nothing by hand.

    Elsewhere (no dpkg) nothing is checked here; the tests that need a server say what is missing.
    """
    if not sys.platform.startswith("linux") or shutil.which("dpkg-query") is None:
        return
    missing = _missing_debian_packages(system_packages(purpose))
    if not missing:
        return
    shown = [" | ".join(alternatives) for alternatives in missing]
    if os.geteuid() != 0:
        first = [alternatives[0] for alternatives in missing]
        sys.exit("consultaid needs these system packages: " + ", ".join(shown) + "\n"
                 "Install them once with:\n  sudo apt-get update && sudo apt-get install -y "
                 "--no-install-recommends " + " ".join(first))
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print(f"Installing system packages: {', '.join(shown)}", flush=True)
    if _run(["apt-get", "update", "-qq"], env=env) != 0:
        sys.exit("Could not read the package lists (apt-get update; see the messages above).")
    names = [_installable(alternatives) for alternatives in missing]
    if _run(["apt-get", "install", "-y", "--no-install-recommends", *names], env=env) != 0:
        sys.exit("Could not install the system packages " + " ".join(names)
                 + " (see the messages above).")


def run_tests(python: Path, extra: list[str]) -> int:
    steps = [
        [str(python), "-m", "ruff", "check", "consultaid", "tests", "packaging", "main.py",
         "dev.py", "setup.py"],
        [str(python), "-m", "mypy"],
        [str(python), "-m", "pytest", *extra],
    ]
    for step in steps:
        code = _run(step)
        if code != 0:
            return code
    return 0


I18N = ROOT / "resources" / "i18n"


def translation_commands(python: Path, ts_file: Path, qm_file: Path | None = None
                         ) -> list[list[str]]:
    """lupdate (every marked string in consultaid/, no line numbers: the .ts changes only when
    a text does; texts no longer in the code are dropped) and lrelease into ``qm_file``."""
    tools = python.parent
    lupdate = [str(tools / "pyside6-lupdate"), "-extensions", "py", "-locations", "none",
               "-no-obsolete", str(ROOT / "consultaid"), "-ts", str(ts_file)]
    lrelease = [str(tools / "pyside6-lrelease"), "-nounfinished", str(ts_file),
                "-qm", str(qm_file or ts_file.with_suffix(".qm"))]
    return [lupdate, lrelease]


def refresh_translations(python: Path) -> int:
    """Bring every ``resources/i18n/consultaid_<code>.ts`` in step with the code; compile it."""
    for ts_file in sorted(I18N.glob("consultaid_*.ts")):
        for command in translation_commands(python, ts_file):
            if _run(command) != 0:
                return 1
    print("Now translate the new entries (Qt Linguist: pyside6-linguist FILE.ts), then run "
          "this again to compile them.")
    return 0


def _has_display() -> bool:
    """Linux and BSD need an X or Wayland display (or an explicit Qt platform such as offscreen)."""
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"app", "test", "setup", "translations"}:
        print(__doc__)
        return 2
    ensure_system_packages("app" if argv[0] == "app" else "test")
    python = setup()
    if argv[0] == "setup":
        return 0
    if argv[0] == "translations":
        return refresh_translations(python)
    if argv[0] == "app":
        if not _has_display():
            print("No display was found, and consultaid is a desktop app. Run this command in a "
                  "desktop session, or check the installation without a screen with:\n"
                  "  QT_QPA_PLATFORM=offscreen python3 dev.py app --self-test", file=sys.stderr)
            return 1
        return _run([str(python), "main.py", *argv[1:]])
    return run_tests(python, argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
