"""Printing from the handout page, as a physician does, timed (run on demand, as root, Debian):

    .venv/bin/python tests/benchmarks/bench_print_gui.py              # this checkout
    .venv/bin/python tests/benchmarks/bench_print_gui.py --raster     # its no-CUPS fallback
    git archive 017e1b3 | tar -x -C /tmp/before                       # release 0.1.0's way
    .venv/bin/python tests/benchmarks/bench_print_gui.py --code /tmp/before

A private CUPS server with a cups-pdf queue is started (``tests/servers/cups.py``) before Qt
starts, so Qt's own print system sees the queue too. The handout page of the checkout in
``--code`` is built with the example consultation; its print dialog is replaced by "the user
chose the CUPS-PDF queue", and its Print… button is clicked. Measured:

* job_bytes: the size of the job as CUPS received it (its spool file);
* seconds_to_queue: click -> the job is in CUPS's spool;
* seconds_to_paper: click -> cups-pdf wrote the printed PDF;
* longest_stall_ms: the longest the UI thread went without running a 10 ms timer;
* peak_rss_mb before and after the print (the process's high-water mark).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[2]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def settled_size(path: Path) -> int:
    """The size of a file cups-pdf is still writing, once it stops growing (1 s unchanged)."""
    size, since = -1, time.monotonic()
    while time.monotonic() - since < 1.0 or size <= 0:
        now = path.stat().st_size
        if now != size:
            size, since = now, time.monotonic()
        time.sleep(0.1)
    return size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--code", type=Path, default=HERE, help="the checkout to measure")
    parser.add_argument("--raster", action="store_true",
                        help="measure the fallback for systems without a PDF print system")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from tests.servers import cups  # the test server of this checkout

    server = cups.start()
    os.environ["CUPS_SERVER"] = str(server.socket)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(args.code.resolve()))
    for name in [m for m in sys.modules if m == "consultaid" or m.startswith("consultaid.")]:
        del sys.modules[name]
    try:
        print(json.dumps(measure(server, args.raster)))
    finally:
        cups.stop(server)


def measure(server: object, raster: bool) -> dict[str, object]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    import consultaid
    from consultaid.content.example import example_consultation
    from consultaid.content.loader import load_content
    from consultaid.handout import build_handout
    from consultaid.settings import ClinicSettings
    from consultaid.ui import pdf_print
    from consultaid.ui.state import ConsultationState
    from consultaid.ui.wizard.handout_page import HandoutPage
    from tests.servers.cups import CupsServer

    assert isinstance(server, CupsServer)
    app = QApplication.instance() or QApplication([])
    pack = load_content("en").pack
    page = HandoutPage(ConsultationState(), pack, ClinicSettings(clinic_name="Clinic"),
                       build_handout, ["en"])
    page.show()
    page.state.replace(example_consultation(pack))
    page.state.edit(lambda _c: None)

    def spin_until(done: object, timeout: float = 120.0) -> float:
        start = time.perf_counter()
        loop = QEventLoop()
        poll = QTimer()
        poll.setInterval(5)
        poll.timeout.connect(lambda: loop.quit() if done() else None)  # type: ignore[operator]
        poll.start()
        while not done() and time.perf_counter() - start < timeout:  # type: ignore[operator]
            loop.exec()
        poll.stop()
        return time.perf_counter() - start

    spin_until(lambda: page.pdf_bytes is not None and not page.runner.busy
               and page.document.status() == QPdfDocument.Status.Ready)
    handout_bytes = len(page.pdf_bytes or b"")

    def chosen(*_args: object) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPrinterName(server.queue)
        return printer

    pdf_print.ask_printer = chosen  # type: ignore[assignment]
    if raster:
        from consultaid import printing
        printing.can_print_pdf = lambda: False

    spool = server.root / "spool"

    def jobs() -> list[Path]:
        return sorted(spool.glob("d*"))

    longest = 0.0
    last = time.perf_counter()

    def tick() -> None:
        nonlocal longest, last
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now

    meter = QTimer()
    meter.setInterval(10)
    meter.timeout.connect(tick)
    peak_before = peak_mb()
    with server.catching() as printed_file:
        meter.start()
        last = time.perf_counter()
        start = time.perf_counter()
        page.print_button.click()
        to_queue = (time.perf_counter() - start) + spin_until(lambda: bool(jobs()))
        tick()  # a click that blocked until now was one long stall
        meter.stop()
        printed = printed_file()
        to_paper = time.perf_counter() - start
        printed_bytes = settled_size(printed)
    job = jobs()[0]
    app.processEvents()
    return {"code": str(Path(consultaid.__file__).parent.parent), "raster": raster,
            "handout_bytes": handout_bytes, "job_bytes": job.stat().st_size,
            "printed_bytes": printed_bytes,
            "seconds_to_queue": round(to_queue, 3), "seconds_to_paper": round(to_paper, 3),
            "longest_stall_ms": round(longest * 1000), "peak_rss_mb_before": round(peak_before),
            "peak_rss_mb_after": round(peak_mb())}


if __name__ == "__main__":
    main()
