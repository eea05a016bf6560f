"""``consultaid fhir FILE.json -o bundle.json``: a consultation file as a FHIR R4 document, and
the FHIR form of ``consultaid records export`` (``--format fhir``), both made by
:mod:`consultaid.fhir.export`. What was left out is said on stderr, by ID and field."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from consultaid.cli.io import read_consultation
from consultaid.content.pack import ContentPack
from consultaid.fileio import atomic_write_text
from consultaid.services import load_clinic_content
from consultaid.settings import load_settings, patient_id_system


def register(sub: Any) -> None:
    p = sub.add_parser("fhir", help="a consultation file as a FHIR R4 document bundle",
                       description="Write a consultation file as one FHIR R4 Bundle (type "
                       "document) for a health record system. A stored record, with its "
                       "handouts as given and its signed review: 'consultaid records export ID "
                       "--format fhir -o FILE'.")
    p.add_argument("file", metavar="FILE", help="consultation JSON file, or - for stdin")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="OUT.json")
    p.set_defaults(func=cmd_fhir)


def pack_for(language: str) -> ContentPack:
    """The clinic's content in ``language`` (the texts of the questionnaire's items)."""
    loaded = load_clinic_content(language)
    for warning in loaded.warnings:
        print(f"consultaid: warning: {warning}", file=sys.stderr)
    return loaded.pack


def write(path: Path, text: str, notes: list[str]) -> None:
    for note in notes:
        print(f"consultaid: {note}", file=sys.stderr)
    atomic_write_text(path, text, mode=0o600)  # it holds patient data


def cmd_fhir(args: argparse.Namespace) -> int:
    from consultaid.fhir.export import export_file

    consultation = read_consultation(args.file)
    made = export_file(consultation, pack_for(consultation.handout.language), load_settings(),
                       patient_id_system())
    write(args.output, made.text(), made.notes)
    print(f"wrote {consultation.consultation_id} as FHIR to {args.output}")
    return 0
