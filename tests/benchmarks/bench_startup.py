"""Start-up time of the app against a bare PySide6 window, measured the same way.

    python tests/benchmarks/bench_startup.py [runs] [--language es]

Both programs note ``time.perf_counter()`` as their first statement, open a window, wait for its
first paint and print ``startup_ms=<n>``; the wall time of the whole process (interpreter start
to exit) is measured from outside too. consultaid also prints when its window is ready
(``ready_ms``: the sign-in page, menus, first and last steps built; its shell paints first, see
consultaid.app.open_shell), when its records are attached (``records_ms``: the sign-in page asks
who is there) and when every page is built (``pages_ms``: the steps between are built in idle
moments once the records answered, or when first shown). Medians over
``runs`` (default 7) fresh processes. ``--language es``: the app in Spanish ([app] language),
so the cost of loading its translations (ours and Qt's) shows.
Uses the offscreen platform unless QT_QPA_PLATFORM is set; consultaid is byte-compiled first.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BARE = '''
import time
STARTED = time.perf_counter()
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not hasattr(self, "done"):
            self.done = True
            print(f"startup_ms={round((time.perf_counter() - STARTED) * 1000)}")
            import resource
            print(f"peak_kib={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}")
            QTimer.singleShot(0, app.quit)
        return False

app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
'''


def measure(cmd: list[str], env: dict[str, str]) -> tuple[int, float, int, float, int, int]:
    """First paint (ms), whole process (ms), every page built (ms; first paint if none), the
    process's peak memory (resident set, MiB), the window ready (ms; every page built if not
    said) and the records attached (ms; the window ready if not said)."""
    began = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    wall = (time.perf_counter() - began) * 1000
    stdout, stderr = done.stdout, done.stderr
    match = re.search(r"startup_ms=(\d+)", stdout)
    if match is None:
        raise SystemExit(f"no startup_ms in output of {cmd}: {stdout!r} {stderr!r}")
    ready = re.search(r"ready_ms=(\d+)", stdout)
    pages = re.search(r"pages_ms=(\d+)", stdout)
    peak = re.search(r"peak_kib=(\d+)", stdout)
    memory = int(peak.group(1)) / 1024 if peak else float("nan")
    first = int(match.group(1))
    ready_ms = int(ready.group(1)) if ready else first
    all_pages = int(pages.group(1)) if pages else ready_ms
    records = re.search(r"records_ms=(\d+)", stdout)
    return first, wall, all_pages, memory, ready_ms, int(records.group(1)) if records else ready_ms


def take_language(args: list[str]) -> str:
    """``--language CODE`` taken out of ``args`` ("" when not given)."""
    if "--language" not in args:
        return ""
    at = args.index("--language")
    language = args[at + 1]
    del args[at:at + 2]
    return language


def app_environment(home: str, language: str) -> dict[str, str]:
    """Settings and data in ``home`` (the app in ``language`` when given), and consultaid
    byte-compiled."""
    if language:
        Path(home, "config").mkdir(parents=True)
        Path(home, "config", "settings.toml").write_text(
            f'[app]\nlanguage = "{language}"\n', encoding="utf-8")
    env = {**os.environ, "CONSULTAID_CONFIG_DIR": f"{home}/config",
           "CONSULTAID_DATA_DIR": f"{home}/data",
           "CONSULTAID_SETTINGS": f"{home}/config/settings.toml"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Byte-compile consultaid first (its __pycache__ folders are ignored by git), as an
    # installed wheel is: with PYTHONDONTWRITEBYTECODE set, every run would otherwise
    # recompile consultaid from source while PySide6 loads compiled files.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "consultaid")],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    return env


def main() -> int:
    args = sys.argv[1:]
    language = take_language(args)
    runs = int(args[0]) if args else 7
    with tempfile.TemporaryDirectory() as home:
        env = app_environment(home, language)
        programs = {
            "bare QMainWindow": [sys.executable, "-c", BARE],
            f"consultaid {language or 'en'}": [sys.executable, str(ROOT / "main.py"),
                                              "--measure-startup"],
        }
        for program in programs.values():  # warm the file cache once
            measure(program, env)
        samples: dict[str, list[tuple[int, float, int, float, int, int]]] = {
            name: [] for name in programs}
        for _ in range(runs):  # interleaved, so both see the same machine load
            for name, program in programs.items():
                samples[name].append(measure(program, env))
        for name, taken in samples.items():
            inside = statistics.median(s[0] for s in taken)
            wall = statistics.median(s[1] for s in taken)
            ready = statistics.median(s[2] for s in taken)
            memory = statistics.median(s[3] for s in taken)
            usable = statistics.median(s[4] for s in taken)
            records = statistics.median(s[5] for s in taken)
            print(f"{name:18} first paint {inside:6.0f} ms   window ready {usable:6.0f} ms   "
                  f"records attached {records:6.0f} ms   all pages built {ready:6.0f} ms   "
                  f"whole process {wall:6.0f} ms   peak memory {memory:5.1f} MiB   "
                  f"(median of {runs}, platform {env['QT_QPA_PLATFORM']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
