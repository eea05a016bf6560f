"""The patient's acknowledgement of receiving and discussing the handout (issue 17.2).

Not consent to treatment: it records that the handout was given and talked through. Who
acknowledged (the patient, or a named representative and their relationship), how (signed on
paper, signed on screen, or verbally with a named staff witness), when, and which handout (the
SHA-256 of the stored handout's bytes) and content-pack version it refers to.

A signature drawn on screen is kept as vector strokes: lists of ``[x, y]`` points in whole
pad units (the pad is :data:`PAD_WIDTH` x :data:`PAD_HEIGHT`), capped in number, so a record
stays small and a reprint draws exactly the same lines.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from consultaid.domain.codec import limit
from consultaid.domain.translatable import QT_TRANSLATE_NOOP

Method = Literal["paper", "drawn", "verbal"]
Signer = Literal["patient", "representative"]

METHOD_LABELS: dict[str, str] = {
    "paper": QT_TRANSLATE_NOOP("Acknowledgement", "Signed on paper"),
    "drawn": QT_TRANSLATE_NOOP("Acknowledgement", "Signed on screen"),
    "verbal": QT_TRANSLATE_NOOP("Acknowledgement", "Verbal, witnessed by a staff member"),
}
"""Physician-facing words for each method, in the order the step offers them."""

PAD_WIDTH = 400
PAD_HEIGHT = 120
"""The signature pad's coordinate space: strokes are stored in these units, not pixels."""
MAX_STROKES = 60
MAX_POINTS = 2_000
"""All strokes together; a signature needs a few hundred points at most."""

_SHA256 = re.compile(r"[0-9a-f]{64}")
_STAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")


@dataclass
class Acknowledgement:
    """Who acknowledged receipt and discussion of which handout, how, and when."""

    method: Method = "paper"
    signer: Signer = "patient"
    representative: str = field(default="", metadata=limit(200))
    """The representative's name (empty when the patient acknowledged)."""
    relationship: str = field(default="", metadata=limit(100))
    """The representative's relationship to the patient ("daughter", "legal guardian")."""
    witness: str = field(default="", metadata=limit(200))
    """The staff member who witnessed a verbal acknowledgement."""
    at: str = field(default="", metadata=limit(20))
    """When, in UTC: "2026-12-05T12:30:00Z" (stamped by the app, not typed)."""
    handout_sha256: str = field(default="", metadata=limit(64))
    """The SHA-256 of the stored handout the patient received and discussed."""
    pack_version: str = field(default="", metadata=limit(200))
    strokes: list[list[list[int]]] = field(default_factory=list,
                                           metadata={"max_items": MAX_STROKES})
    """A drawn signature: strokes of ``[x, y]`` points (method "drawn" only)."""

    @property
    def signed(self) -> bool:
        """Signed (on paper or on screen), as a state that requires a signed form asks."""
        return self.method == "paper" or (self.method == "drawn" and bool(self.strokes))

    def when(self) -> dt.datetime:
        return dt.datetime.strptime(self.at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)


def stamp(now: dt.datetime | None = None) -> str:
    """The time an acknowledgement is recorded, in its stored form."""
    now = now or dt.datetime.now(dt.UTC)
    return now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def clean_strokes(strokes: list[list[tuple[float, float]]]) -> list[list[list[int]]]:
    """Pad points (floats, in pad units) as stored: rounded, clamped to the pad, repeated
    points dropped, capped at :data:`MAX_STROKES` strokes and :data:`MAX_POINTS` points."""
    out: list[list[list[int]]] = []
    total = 0
    for stroke in strokes[:MAX_STROKES]:
        points: list[list[int]] = []
        for x, y in stroke:
            point = [min(max(round(x), 0), PAD_WIDTH), min(max(round(y), 0), PAD_HEIGHT)]
            if points and points[-1] == point:
                continue
            if total >= MAX_POINTS:
                break
            points.append(point)
            total += 1
        if points:
            out.append(points)
    return out


def problems(ack: Acknowledgement) -> list[str]:
    """What makes an acknowledgement incomplete or impossible, in words for the physician."""
    found: list[str] = []
    if ack.signer == "representative":
        if not ack.representative.strip():
            found.append(QT_TRANSLATE_NOOP("Acknowledgement",
                                           "the representative's name is missing"))
        if not ack.relationship.strip():
            found.append(QT_TRANSLATE_NOOP(
                "Acknowledgement", "the representative's relationship to the patient is missing"))
    if ack.method == "verbal" and not ack.witness.strip():
        found.append(QT_TRANSLATE_NOOP(
            "Acknowledgement", "a verbal acknowledgement needs the name of the staff member who "
            "witnessed it"))
    if ack.method == "drawn" and not ack.strokes:
        found.append(QT_TRANSLATE_NOOP("Acknowledgement", "no signature was drawn"))
    if ack.method != "drawn" and ack.strokes:
        found.append("strokes are only kept for a signature drawn on screen")
    total = 0
    for stroke in ack.strokes:
        if not stroke:
            found.append("a signature stroke has no points")
            return found
        for point in stroke:
            total += 1
            if (len(point) != 2 or not 0 <= point[0] <= PAD_WIDTH
                    or not 0 <= point[1] <= PAD_HEIGHT):
                found.append(f"a signature point lies outside the {PAD_WIDTH} x {PAD_HEIGHT} "
                             "pad")
                return found
    if total > MAX_POINTS:
        found.append(f"the signature has more than {MAX_POINTS} points")
    if ack.at and not _STAMP.fullmatch(ack.at):
        found.append("the time is not in the form 2026-12-05T12:30:00Z")
    if ack.handout_sha256 and not _SHA256.fullmatch(ack.handout_sha256):
        found.append("the handout's SHA-256 is not 64 lower-case hexadecimal digits")
    return found


__all__ = ["MAX_POINTS", "MAX_STROKES", "METHOD_LABELS", "PAD_HEIGHT", "PAD_WIDTH",
           "Acknowledgement", "Method", "Signer", "clean_strokes", "problems", "stamp"]
