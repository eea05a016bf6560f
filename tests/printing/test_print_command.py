"""`consultaid print` sends the handout PDF itself to a real CUPS queue (issue 14)."""

from __future__ import annotations

import difflib
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from consultaid import printing
from consultaid.content.example import example_consultation
from consultaid.content.loader import load_content
from consultaid.handout import build_handout
from consultaid.settings import ClinicSettings
from tests.servers.cups import CupsServer


@pytest.fixture(scope="module")
def handout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pack = load_content("en").pack
    pdf = build_handout(example_consultation(pack), pack, ClinicSettings(clinic_name="Riverside"))
    path = tmp_path_factory.mktemp("print") / "handout.pdf"
    path.write_bytes(pdf)
    return path


def consultaid(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "consultaid", *args], capture_output=True,
                          text=True, timeout=60, check=False)


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_print_sends_the_pdf_itself(cups_server: CupsServer, handout: Path) -> None:
    before = cups_server.printed()
    done = consultaid("print", str(handout), "--printer", cups_server.queue)
    assert done.returncode == 0, done.stderr
    pages = len(PdfReader(handout).pages)
    assert done.stdout.startswith(f"Sent {pages} pages to {cups_server.queue}")
    printed = cups_server.printed_since(before)
    original = handout.read_bytes()
    out = printed.read_bytes()
    assert len(out) <= 3 * len(original)  # vector pages, not pictures of pages
    assert "Riverside" in text_of(out)
    assert len(PdfReader(io.BytesIO(out)).pages) == pages
    # What the handout says is what was printed. Text extraction from the printer's copy can
    # differ in a glyph or two (a bullet, an accented name), so compare the words as a whole.
    same = difflib.SequenceMatcher(None, words(text_of(original)), words(text_of(out)))
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
