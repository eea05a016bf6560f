"""`consultaid print` sends the handout PDF itself to a real CUPS queue (issue 14)."""

from __future__ import annotations

import difflib
import io
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from consultaid import printing
from consultaid.content.example import example_consultation
from consultaid.content.loader import load_content
from consultaid.handout import build_handout
from consultaid.settings import ClinicSettings
from tests.helpers import text_of
from tests.servers.cups import CupsServer


@pytest.fixture(scope="module")
def handout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pack = load_content("en").pack
    pdf = build_handout(example_consultation(pack), pack, ClinicSettings(clinic_name="Riverside"))
    path = tmp_path_factory.mktemp("print") / "handout.pdf"
    path.write_bytes(pdf)
    return path


def consultaid(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "consultaid", *args], capture_output=True,
                          text=True, timeout=60, check=False, env=env)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_print_sends_the_pdf_itself(cups_server: CupsServer, handout: Path) -> None:
    with cups_server.catching() as printed_file:
        started = time.monotonic()
        done = consultaid("print", str(handout), "--printer", cups_server.queue)
        assert done.returncode == 0, done.stderr
        pages = len(PdfReader(handout).pages)
        assert done.stdout.startswith(f"Sent {pages} pages to {cups_server.queue}")
        printed = printed_file()
        assert time.monotonic() - started < 15  # on paper within seconds (about 1 s here)
    original = handout.read_bytes()
    out = printed.read_bytes()
    assert len(out) <= 3 * len(original)  # vector pages, not pictures of pages
    assert "Riverside" in text_of(out, " ")
    assert len(PdfReader(io.BytesIO(out)).pages) == pages
    # What the handout says is what was printed. Text extraction from the printer's copy can
    # differ in a glyph or two (a bullet, an accented name), so compare the words as a whole.
    same = difflib.SequenceMatcher(None, words(text_of(original, " ")), words(text_of(out, " ")))
    assert same.ratio() > 0.99


def test_list_and_missing_printer(cups_server: CupsServer, handout: Path) -> None:
    listed = consultaid("print", "--list")
    assert listed.returncode == 0 and f"{cups_server.queue}: ready" in listed.stdout
    missing = consultaid("print", str(handout), "--printer", "No-Such-Printer")
    assert missing.returncode == 1
    assert "There is no printer called 'No-Such-Printer'" in missing.stderr
    assert "Traceback" not in missing.stderr
    not_pdf = handout.with_suffix(".txt")
    not_pdf.write_text("hello")
    refused = consultaid("print", str(not_pdf), "--printer", cups_server.queue)
    assert refused.returncode == 1 and "not a PDF" in refused.stderr


def test_a_paused_printer_is_said_in_words(cups_server: CupsServer, handout: Path) -> None:
    subprocess.run(["cupsdisable", cups_server.queue], check=True, timeout=30)
    try:
        with pytest.raises(printing.PrintError, match="paused"):
            printing.submit_pdf(handout.read_bytes(), cups_server.queue)
        listed = consultaid("print", "--list")
        assert "not ready: it is paused" in listed.stdout
    finally:
        subprocess.run(["cupsenable", cups_server.queue], check=True, timeout=30)


def test_out_of_paper_is_said_in_words(cups_server: CupsServer, handout: Path) -> None:
    """The queue reports what a printer's backend reports when the tray is empty."""
    cups_server.set_reasons("media-empty-error")
    try:
        with pytest.raises(printing.PrintError, match="it is out of paper"):
            printing.submit_pdf(handout.read_bytes(), cups_server.queue)
        refused = consultaid("print", str(handout), "--printer", cups_server.queue)
        assert refused.returncode == 1
        assert f"The printer {cups_server.queue} cannot print now: it is out of paper" in (
            refused.stderr)
        listed = consultaid("print", "--list")
        assert f"{cups_server.queue}: not ready: it is out of paper" in listed.stdout
    finally:
        cups_server.set_reasons()


def test_warnings_and_a_job_starting_do_not_stop_printing(cups_server: CupsServer) -> None:
    """Toner running low, or a network printer connecting for the job before, is no reason to
    refuse a handout."""
    cups_server.set_reasons("toner-low-warning", "connecting-to-device")
    try:
        assert printing.printer_problem(cups_server.queue) == ""
        listed = consultaid("print", "--list")
        assert f"{cups_server.queue}: ready" in listed.stdout
    finally:
        cups_server.set_reasons()


def test_no_print_service_is_said_in_words(tmp_path: Path, handout: Path) -> None:
    """CUPS installed but its scheduler not running (or the print server unreachable)."""
    env = {**os.environ, "CUPS_SERVER": str(tmp_path / "no-such-cups.sock")}
    for args in (("print", "--list"), ("print", str(handout), "--printer", "Front-Desk")):
        done = consultaid(*args, env=env)
        assert done.returncode == 1
        assert "The print service (CUPS) is not running on this computer" in done.stderr
        assert "Traceback" not in done.stderr and "lpstat" not in done.stderr


def test_dialog_choices_become_cups_job_attributes() -> None:
    choices = printing.Choices(2, (2, 3), "two-sided-long-edge", True)
    assert choices.lp_options() == ["page-ranges=2-3", "sides=two-sided-long-edge",
                                    "print-color-mode=monochrome"]
    assert choices.pages_of(6) == 2 and choices.pages_of(2) == 1
    assert printing.Choices().lp_options() == [] and printing.Choices().pages_of(6) == 6
    assert printing.Choices(sides="sideways; rm").lp_options() == []  # only IPP's own values


def test_cancel_takes_a_held_job_off_and_says_whether_it_did(
        cups_server: CupsServer, handout: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hold = ["lpadmin", "-p", cups_server.queue, "-o"]
    subprocess.run([*hold, "job-hold-until-default=indefinite"], check=True, timeout=30)
    try:
        job = printing.submit_pdf(handout.read_bytes(), cups_server.queue)
        assert printing.job_is_queued(job)
        assert printing.cancel_job(job)
        deadline = time.monotonic() + 15
        while printing.job_is_queued(job) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not printing.job_is_queued(job)
        assert printing.cancel_job(job)  # already gone: off the queue is what was asked
        # A print system that refuses the cancel and still lists the job: not "cancelled".
        real_run = printing._run
        listed = subprocess.CompletedProcess([], 0, f"{job} root 1024 now\n".encode(), b"")
        refused = subprocess.CompletedProcess([], 1, b"", b"cancel: Forbidden")
        monkeypatch.setattr(printing, "_run", lambda args, data=None: (
            refused if args[0] == "cancel" else listed if args[:2] == ["lpstat", "-o"]
            else real_run(args, data)))
        assert not printing.cancel_job(job)
    finally:
        subprocess.run([*hold, "job-hold-until-default=no-hold"], check=True, timeout=30)
