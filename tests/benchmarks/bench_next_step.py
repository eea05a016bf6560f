"""How long Next takes, from the click to the next step painted, when that step's page is not
built yet (issue 29: the steps between the first and the last are built in idle moments after
start, or when first shown) and when it is.

    python tests/benchmarks/bench_next_step.py [runs]

Each run is a fresh process (the first Next also imports the page's modules): the window is
built as the app builds it (shell, then the rest with ``pages_later``), shown on the Patient
step, and Next is clicked through to the Handout step before any idle moment could build a
page ("not built"); then, in the same process, back to the start and through again ("built").
In the app the steps are shown only once the records answered and someone signed in (or chose
to go on without records): idle moments have built the pages by then, and MainWindow.show_wizard
builds any still missing before the steps show, so "built" is what a physician meets;
"not built" is the worst case, kept as a bound.
Medians over ``runs`` (default 7); the offscreen platform unless QT_QPA_PLATFORM is set.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

ONE_RUN = '''
import json, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

app = QApplication([])
from consultaid.app import _clinic_content, start_language
from consultaid.ui.main_window import MainWindow

start_language()
window = MainWindow(None)
pack, settings, notes, languages = _clinic_content()
window.finish(pack, settings, warnings=notes, languages=languages, pages_later=True)
window.show()


class Painted(QObject):
    def __init__(self):
        super().__init__()
        self.target = None
        self.seen = False

    def eventFilter(self, watched, event):
        if (event.type() == QEvent.Type.Paint and self.target is not None
                and (watched is self.target or self.target.isAncestorOf(watched))):
            self.seen = True
        return False


painted = Painted()
app.installEventFilter(painted)


def next_step():
    """Click Next; ms until the step shown has painted."""
    wizard = window.wizard
    painted.seen = False
    painted.target = wizard.stack
    started = time.perf_counter()
    wizard.next_button.click()
    while not painted.seen:
        app.processEvents()
    return (time.perf_counter() - started) * 1000


deadline = time.perf_counter() + 5
while not window.isVisible() and time.perf_counter() < deadline:
    app.processEvents()
for _ in range(10):
    app.processEvents()
first = [next_step() for _ in range(5)]
assert window.wizard.all_built()
window.wizard.go_to(0)
for _ in range(10):
    app.processEvents()
again = [next_step() for _ in range(5)]
window.state.mark_saved(__import__("pathlib").Path("unused"))
print(json.dumps({"not built": first, "built": again}))
'''


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    env = {**os.environ}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    taken: dict[str, list[list[float]]] = {"not built": [], "built": []}
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", ONE_RUN], capture_output=True, text=True,
                              env=env, cwd=ROOT, check=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        for kind, times in result.items():
            taken[kind].append(times)
    steps = ["Screening", "Condition", "Expectations", "Follow-up", "Handout"]
    for kind, runs_taken in taken.items():
        medians = [statistics.median(run[i] for run in runs_taken) for i in range(len(steps))]
        worst = max(max(run) for run in runs_taken)
        shown = "   ".join(f"{step} {ms:5.1f}" for step, ms in zip(steps, medians, strict=True))
        print(f"Next to a step {kind:9}: {shown} ms   (median of {runs}; slowest of all "
              f"{worst:5.1f} ms; platform {env['QT_QPA_PLATFORM']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
