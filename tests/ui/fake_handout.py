"""A stand-in handout builder for GUI tests: a real (tiny) PDF whose text tells what was asked.

The GUI must work with any builder of the documented shape
``build(consultation, pack, settings) -> bytes``; this one is small, pure and thread-safe, and
its text lets a test check that the preview and the saved file follow the consultation.
"""

from __future__ import annotations

from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation
from consultaid.services import screen
from consultaid.settings import ClinicSettings

PAPER_POINTS = {"a4": (595, 842), "letter": (612, 792)}


def _escape(text: str) -> str:
    ascii_text = text.encode("latin-1", "replace").decode("latin-1")
    return ascii_text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def tiny_pdf(lines: list[str], paper: str = "a4", title: str = "Handout") -> bytes:
    """A one-page PDF with ``lines`` of Helvetica text, built by hand (valid xref)."""
    width, height = PAPER_POINTS.get(paper, PAPER_POINTS["a4"])
    ops = ["BT", "/F1 11 Tf", f"50 {height - 60} Td", "14 TL"]
    for line in lines:
        ops.append(f"({_escape(line)}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] "
         "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>").encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
        f"<< /Title ({_escape(title)}) >>".encode("latin-1"),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def fake_build_handout(consultation: Consultation, pack: ContentPack,
                       settings: ClinicSettings) -> bytes:
    """The documented builder's shape; the text names what a real handout would show."""
    result = screen(consultation, pack)
    condition = pack.condition(consultation.condition_id)
    lines = [
        f"Handout for {consultation.patient.name}",
        f"Clinic: {settings.clinic_name}",
        f"Condition: {condition.title if condition else '-'}",
        f"Outcome: {pack.verdicts[result.verdict].patient_label}",
        f"Large print: {consultation.handout.large_print}",
        f"Paper: {consultation.handout.paper}",
    ]
    lines += [f"Follow-up: {r.when} | {r.what} | {r.who}" for r in consultation.follow_up]
    return tiny_pdf(lines, consultation.handout.paper)
