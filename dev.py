#!/usr/bin/env python3
"""Set up a local virtual environment and open the app or run every test.

    python3 dev.py app     set up (first time or when pyproject.toml changed), open the app
    python3 dev.py test    set up, then run ruff, mypy and the whole pytest suite
    python3 dev.py translations
                           refresh resources/i18n/*.ts from the code (pyside6-lupdate) and
                           compile them to the .qm files the app loads (pyside6-lrelease)
    python3 dev.py lock    refresh the lock files (packaging/requirements*.lock) after a
                           change to the dependencies in pyproject.toml

Only the standard library is used here, so it runs on a fresh machine with nothing but
Python 3.11+. The environment lives in ``.venv`` beside this file; it is installed from
packaging/requirements-dev.lock (every package pinned, its hashes checked), then the project
itself (editable, no dependencies of its own choosing).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".consultaid-setup"


def _venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


PACKAGING = ROOT / "packaging"
LOCKS: dict[str, tuple[str, ...]] = {
    "requirements.lock": (),
    "requirements-dev.lock": ("dev",),
    "requirements-bundle.lock": ("bundle",),
}
"""Each lock file in packaging/ and the extras of pyproject.toml it holds (with the runtime
dependencies): the clinic's install, the developer's environment, the standalone app's build."""
DEV_LOCK = PACKAGING / "requirements-dev.lock"
LOCK_PYTHON = "3.11"
"""The oldest Python the project supports; a universal lock holds for it and every newer one."""
_FINGERPRINT_LINE = re.compile(r"^# pyproject dependencies: sha256:([0-9a-f]{64})$", re.M)


def dependencies_fingerprint(pyproject: Path | None = None) -> str:
    """A hash of what pyproject.toml asks for (dependencies, extras, Python): the lock files
    carry it, so a lock made before a change to them is told apart from a current one."""
    project = tomllib.loads((pyproject or ROOT / "pyproject.toml").read_text())["project"]
    wanted = {"requires-python": project.get("requires-python"),
              "dependencies": project.get("dependencies", []),
              "optional-dependencies": project.get("optional-dependencies", {})}
    return hashlib.sha256(json.dumps(wanted, sort_keys=True).encode()).hexdigest()


def lock_is_current(lock: Path) -> bool:
    found = _FINGERPRINT_LINE.search(lock.read_text()) if lock.exists() else None
    return found is not None and found.group(1) == dependencies_fingerprint()


def _setup_fingerprint() -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    digest.update(DEV_LOCK.read_bytes())
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
    if not lock_is_current(DEV_LOCK):
        sys.exit(f"{DEV_LOCK.relative_to(ROOT)} was made before the last change to the "
                 "dependencies in pyproject.toml; refresh it with:\n  python3 dev.py lock")
    pip = _new_venv()
    # Every package at the version the lock names, its download checked against the lock's
    # hashes; then consultaid itself, editable, taking nothing more.
    if _run([*pip, "install", "--quiet", "--require-hashes", "-r", str(DEV_LOCK)]) != 0:
        sys.exit("Could not install the locked dependencies (see the messages above).")
    if _run([*pip, "install", "--quiet", "--no-deps", "-e", "."]) != 0:
        sys.exit("Could not install consultaid (see the messages above).")
    STAMP.write_text(fingerprint)
    return python


def _new_venv() -> list[str]:
    """``.venv`` (made if missing) with a current pip; the pip command to run in it."""
    python = _venv_python()
    if not python.exists():
        print(f"Creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    pip = [str(python), "-m", "pip", "--disable-pip-version-check"]
    if _run([*pip, "install", "--quiet", "--upgrade", "pip"]) != 0:
        sys.exit("Could not upgrade pip in .venv (see the messages above).")
    return pip


def lock_command(uv: Path, extras: tuple[str, ...], out: Path) -> list[str]:
    """``uv pip compile`` for every platform (``--universal``: Linux, macOS and Windows, each
    marker kept) and every Python from :data:`LOCK_PYTHON` on, with the hash of every file."""
    return [str(uv), "pip", "compile", "pyproject.toml", "--universal", "--python-version",
            LOCK_PYTHON, "--generate-hashes", "--no-header", "--quiet", "--no-config",
            *[f"--extra={extra}" for extra in extras], "-o", str(out)]


def refresh_locks() -> int:
    """Resolve pyproject.toml's dependencies again and write every lock file in packaging/.

    One resolution of every extra together is made first and each lock is then compiled under
    it as a constraint, so a package shared by two locks has the same version in both."""
    pip = _new_venv()
    uv = VENV / ("Scripts/uv.exe" if os.name == "nt" else "bin/uv")
    if not uv.exists() and _run([*pip, "install", "--quiet", "uv>=0.5"]) != 0:
        sys.exit("Could not install uv, which makes the lock files (see the messages above).")
    fingerprint = dependencies_fingerprint()
    work = PACKAGING / ".lock-work"
    work.mkdir(exist_ok=True)
    try:
        every = work / "all.txt"
        if _run(lock_command(uv, tuple(sorted({e for x in LOCKS.values() for e in x})), every)
                ) != 0:
            return 1
        pins = [line.split(" ;")[0].split(" \\")[0].strip()
                for line in every.read_text().splitlines() if "==" in line]
        constraints = work / "constraints.txt"
        constraints.write_text("\n".join(pins) + "\n")
        for name, extras in LOCKS.items():
            made = work / name
            if _run([*lock_command(uv, extras, made), "--constraint", str(constraints)]) != 0:
                return 1
            header = (f"# {name}: {', '.join(('runtime', *extras))} dependencies of "
                      "pyproject.toml, pinned with the hash of every file, for Linux, macOS "
                      f"and Windows and Python {LOCK_PYTHON} or newer.\n"
                      "# Made by `python3 dev.py lock`; do not edit.\n"
                      f"# pyproject dependencies: sha256:{fingerprint}\n")
            (PACKAGING / name).write_text(header + made.read_text())
            print(f"wrote packaging/{name}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


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


FHIR_VALIDATORS = ROOT / "tests" / "fhir" / "validator"


def ensure_fhir_validators() -> None:
    """``npm ci`` the two FHIR validators tests/fhir runs (their package-lock.json pins every
    file's hash) into tests/fhir/validator/node_modules, again whenever that lock changes."""
    lock = FHIR_VALIDATORS / "package-lock.json"
    stamp = FHIR_VALIDATORS / "node_modules" / ".consultaid-lock"
    digest = hashlib.sha256(lock.read_bytes()).hexdigest()
    if stamp.is_file() and stamp.read_text() == digest:
        return
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("The FHIR export's tests need Node.js and npm (Debian: apt-get install nodejs "
                 "npm); install them, then run this again.")
    if _run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix",
             str(FHIR_VALIDATORS)]) != 0:
        sys.exit("Could not install the FHIR validators (see the messages above).")
    stamp.write_text(digest)


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
    if not argv or argv[0] not in {"app", "test", "setup", "translations", "lock"}:
        print(__doc__)
        return 2
    if argv[0] == "lock":
        return refresh_locks()
    ensure_system_packages("app" if argv[0] == "app" else "test")
    python = setup()
    if argv[0] in ("setup", "test"):
        ensure_fhir_validators()
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
