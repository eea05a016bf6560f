"""Printing a handout, before and after issue 14 (run on demand, as root, on Debian):

    .venv/bin/python tests/benchmarks/bench_print.py

"raster" is release 0.1.0's way: every page drawn as a picture at the printer's resolution
(Qt's HighResolution, here into a PDF file standing in for the print job). "pdf" is the app's
way now: the handout's own bytes handed to a CUPS queue (a private scheduler with a cups-pdf
queue, as in the tests). Each runs in its own process so that peak memory is its own.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def handout() -> bytes:
    from consultaid.content.example import example_consultation
    from consultaid.content.loader import load_content
    from consultaid.handout import build_handout
    from consultaid.settings import ClinicSettings

    pack = load_content("en").pack
    return build_handout(example_consultation(pack), pack, ClinicSettings(clinic_name="Clinic"))


def raster(out: Path) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from consultaid.ui import pdf_print

    app = QApplication([])
    pdf = handout()
    start = time.perf_counter()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    document, _buffer = pdf_print.load_pdf(pdf, app)
    pdf_print.wait_until_loaded(document)
    pdf_print.render_document(document, printer)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "job_bytes": out.stat().st_size, "handout_bytes": len(pdf)}


def cups_pdf() -> dict[str, float]:
    from consultaid import printing
    from tests.servers import cups

    server = cups.start()
    os.environ["CUPS_SERVER"] = str(server.socket)
    try:
        pdf = handout()
        before = server.printed()
        start = time.perf_counter()
        printing.submit_pdf(pdf, server.queue)
        queued = time.perf_counter() - start
        printed = server.printed_since(before)
        arrived = time.perf_counter() - start
        return {"seconds_to_queue": queued, "seconds_to_paper": arrived,
                "job_bytes": len(pdf), "printed_bytes": printed.stat().st_size}
    finally:
        cups.stop(server)


def child(kind: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        result = raster(Path(folder) / "job.pdf") if kind == "raster" else cups_pdf()
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
        return
    for kind in ("raster", "pdf"):
        done = subprocess.run([sys.executable, __file__, "--child", kind], capture_output=True,
                              text=True, check=True, cwd=ROOT)
        print(kind, done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
