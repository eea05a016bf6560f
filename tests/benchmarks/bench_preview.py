"""How long the handout preview takes to appear once the Handout step opens (issue 29: ≤ 300 ms).

    python tests/benchmarks/bench_preview.py [runs] [--language es] [--cold]

Each run is a fresh process: the window is built with the example consultation open (as the
physician has it at the end of a visit) and the handout builder is warmed up as the app does
it (consultaid.app.WARM_UP_MS after the records answered; here after the pages are built, as
there are no records; ``--cold``: not at all, as for a physician who reaches the Handout step
within a second or two of the start). The window is left idle
for a few seconds (a visit takes minutes), then the Handout step is opened; the time runs
until the preview shows the up-to-date PDF (the page reports it ready and the PDF view has
painted since). That is the first handout of the session ("first"); the process then goes back
to the Patient step, changes the patient's name and opens the Handout step again ("after an
edit"), three times. Medians over ``runs`` processes
(default 7); the offscreen platform unless QT_QPA_PLATFORM is set.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import tempfile

from bench_startup import ROOT, app_environment, take_language

IDLE_MS = 3000
"""Time the window is left alone before the Handout step opens (a physician takes minutes)."""
AGAIN = 3

CHILD = f'''
import sys, time
sys.path.insert(0, {str(ROOT)!r})
from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication

from consultaid.app import WARM_UP_MS, create_window, start_language
from consultaid.content.example import example_consultation
from consultaid.session.steps import Step

app = QApplication([])
start_language()
window = create_window()
window.show()
window.state.replace(example_consultation(window.pack))
page = window.handout_page
if not COLD:
    QTimer.singleShot(WARM_UP_MS, page, page.warm_up)


def idle(ms):
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


class Painted(QObject):
    def __init__(self):
        super().__init__()
        self.count = 0

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


painted = Painted()
page.view.viewport().installEventFilter(painted)


def open_handout():
    """ms from opening the Handout step to the up-to-date preview painted."""
    loop = QEventLoop()
    ready = []
    page.preview_ready.connect(lambda _pages: (ready.append(painted.count), loop.quit()))
    page.build_failed.connect(lambda message: sys.exit(f"the handout failed: {{message}}"))
    started = time.perf_counter()
    window.go_to(Step.HANDOUT)
    QTimer.singleShot(30000, loop.quit)
    loop.exec()
    if not ready:
        sys.exit("no preview within 30 s")
    while painted.count <= ready[0] and time.perf_counter() - started < 30:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    taken = (time.perf_counter() - started) * 1000
    page.preview_ready.disconnect()
    page.build_failed.disconnect()
    return taken


idle({IDLE_MS})
print(f"first={{open_handout():.0f}}")
for number in range({AGAIN}):
    window.go_to(Step.PATIENT)
    idle(200)
    window.state.edit(lambda c: setattr(c.patient, "name", f"Maria Example {{number}}"))
    idle(200)
    print(f"again={{open_handout():.0f}}")
window.state.mark_saved(__import__("pathlib").Path("unused"))
page.runner.wait(30000)
'''


def main() -> int:
    args = sys.argv[1:]
    language = take_language(args)
    cold = "--cold" in args
    if cold:
        args.remove("--cold")
    runs = int(args[0]) if args else 7
    first: list[float] = []
    again: list[float] = []
    with tempfile.TemporaryDirectory() as home:
        env = app_environment(home, language)
        for run in range(runs + 1):  # the first run warms the file cache and the pack cache
            child = CHILD.replace("COLD", str(cold))
            done = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True,
                                  env=env, cwd=ROOT, check=False)
            if done.returncode != 0:
                raise SystemExit(f"the preview run failed: {done.stdout} {done.stderr}")
            if run == 0:
                continue
            first.extend(float(x) for x in re.findall(r"first=(\d+)", done.stdout))
            again.extend(float(x) for x in re.findall(r"again=(\d+)", done.stdout))
    print(f"handout preview {language or 'en'}{' cold' if cold else ''}: first of the session "
          f"{statistics.median(first):5.0f} ms (max {max(first):.0f}); after an edit "
          f"{statistics.median(again):5.0f} ms (max {max(again):.0f})   "
          f"(median of {runs} processes, platform {env['QT_QPA_PLATFORM']}; target 300 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
