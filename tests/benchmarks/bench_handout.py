"""Benchmark the handout (run by hand: ``.venv/bin/python tests/benchmarks/bench_handout.py``).

Three figures from the same run:
  1. in-process: median time of ``build_handout`` for the example consultation;
  2. whole process: median wall time of ``consultaid handout example.json -o out.pdf``;
  3. baseline: a bare reportlab script (same fonts, same text, a plain SimpleDocTemplate) run as
     a whole process, median wall time.
Both processes run with consultaid byte-compiled (as from an installed wheel).
Targets: (1) <= 100 ms; (2) <= 1.2 x (3) (issue 29).
"""

from __future__ import annotations

import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

import consultaid
from consultaid.content.example import example_consultation
from consultaid.content.loader import load_content
from consultaid.domain.consultation import consultation_to_json
from consultaid.handout import build_handout
from consultaid.resources import fonts_dir
from consultaid.settings import ClinicSettings

IN_PROCESS_RUNS = 40
PROCESS_RUNS = 12

BARE_SCRIPT = r'''
import sys
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate
from xml.sax.saxutils import escape

fonts, text_file, out = sys.argv[1:4]
pdfmetrics.registerFont(TTFont("Body", fonts + "/DejaVuSans.ttf"))
pdfmetrics.registerFont(TTFont("Body-Bold", fonts + "/DejaVuSans-Bold.ttf"))
body = ParagraphStyle("body", fontName="Body", fontSize=11, leading=15)
head = ParagraphStyle("head", fontName="Body-Bold", fontSize=14, leading=18)
story = []
for n, line in enumerate(open(text_file, encoding="utf-8").read().splitlines()):
    story.append(Paragraph(escape(line), head if n % 8 == 0 else body))
SimpleDocTemplate(out, pagesize=A4).build(story)
'''


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def run_process(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    pack = load_content("en").pack
    consultation = example_consultation(pack)
    settings = ClinicSettings(clinic_name="Riverside Joint Clinic",
                              address="12 River Road, Springfield", phone="+1 555 0100",
                              email="info@riverside.example", website="https://riverside.example")
    pdf = build_handout(consultation, pack, settings)  # warm-up: fonts registered once
    samples = []
    for _ in range(IN_PROCESS_RUNS):
        start = time.perf_counter()
        build_handout(consultation, pack, settings)
        samples.append(time.perf_counter() - start)
    in_process = median_ms(samples)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        record = folder / "example.json"
        record.write_text(consultation_to_json(consultation), encoding="utf-8")
        settings_file = folder / "settings.toml"
        settings_file.write_text('[clinic]\nname = "Riverside Joint Clinic"\n', encoding="utf-8")
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        text_file = folder / "text.txt"
        text_file.write_text(text, encoding="utf-8")
        script = folder / "bare.py"
        script.write_text(BARE_SCRIPT, encoding="utf-8")
        # Byte-compile consultaid first (into its __pycache__ folders, ignored by git), as
        # installing a wheel does: with PYTHONDONTWRITEBYTECODE set, every run would otherwise
        # recompile consultaid from source while reportlab loads its compiled files.
        env = dict(os.environ, CONSULTAID_SETTINGS=str(settings_file),
                   CONSULTAID_CONTENT_OVERLAY=str(folder / "none"))
        package = Path(consultaid.__file__).resolve().parent
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True,
                       env=env, stdout=subprocess.DEVNULL)
        cli = Path(sys.executable).with_name("consultaid")
        cli_cmd = ([str(cli)] if cli.exists() else [sys.executable, "-m", "consultaid"]) + [
            "handout", str(record), "-o", str(folder / "cli.pdf")]
        bare_cmd = [sys.executable, str(script), str(fonts_dir()), str(text_file),
                    str(folder / "bare.pdf")]
        run_process(cli_cmd, env)  # warm the file cache for both
        run_process(bare_cmd, env)
        cli_samples, bare_samples = [], []
        for _ in range(PROCESS_RUNS):  # interleaved so both see the same machine load
            cli_samples.append(run_process(cli_cmd, env))
            bare_samples.append(run_process(bare_cmd, env))
        cli_ms, bare_ms = median_ms(cli_samples), median_ms(bare_samples)
        bare_pages = len(PdfReader(folder / "bare.pdf").pages)

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(f"handout: {pages} pages, {len(pdf) / 1024:.0f} KiB, {len(text)} characters of text")
    print(f"in-process build_handout, median of {IN_PROCESS_RUNS}: {in_process:7.1f} ms "
          f"(target <= 100 ms: {'OK' if in_process <= 100 else 'MISSED'})")
    print(f"whole-process CLI, median of {PROCESS_RUNS}:        {cli_ms:7.1f} ms")
    print(f"bare reportlab script ({bare_pages} pages), median:  {bare_ms:7.1f} ms")
    ratio = cli_ms / bare_ms
    verdict = "OK" if ratio <= 1.2 else "MISSED"
    print(f"CLI / bare reportlab: {ratio:.2f} (target <= 1.2: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
