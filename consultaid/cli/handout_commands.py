"""The ``handout`` command: a consultation record in, the patient handout PDF out.

reportlab is imported only when the command runs, so other commands start fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from consultaid.cli.io import read_consultation
from consultaid.content.loader import available_languages
from consultaid.domain.consultation import Review
from consultaid.domain.errors import ConsultaidError
from consultaid.fileio import atomic_write_bytes
from consultaid.services import handout_content, load_clinic_content
from consultaid.settings import load_settings


def register(sub: Any) -> None:
    p = sub.add_parser(
        "handout", help="write the patient handout PDF for a consultation",
        description="Write the patient handout PDF. Options override the record's handout "
        "options. The clinic's letterhead, logo, regulatory text and funding statement come "
        "from the settings file (CONSULTAID_SETTINGS or the user's config folder).")
    p.add_argument("file", metavar="FILE", help="consultation JSON file, or - for stdin")
    p.add_argument("-o", "--output", metavar="OUT.pdf", required=True, type=Path,
                   help="the PDF to write (replaced only once the new one is complete)")
    p.add_argument("--lang", metavar="L",
                   help="handout language, the patient's (default: the record's); the record's "
                   "follow-up template rows are printed in this language too")
    p.add_argument("--large-print", action=argparse.BooleanOptionalAction, default=None,
                   help="body text 14 pt or larger (default: the record's choice)")
    p.add_argument("--paper", choices=("a4", "letter"), help="paper size (default: the record's)")
    p.set_defaults(func=cmd_handout)


def cmd_handout(args: argparse.Namespace) -> int:
    from consultaid.handout import build_handout_with_warnings  # lazy: pulls in reportlab

    consultation = read_consultation(args.file)
    written_in = consultation.handout.language
    if args.lang:
        consultation.handout.language = args.lang
    if args.large_print is not None:
        consultation.handout.large_print = args.large_print
    if args.paper:
        consultation.handout.paper = args.paper
    output: Path = args.output
    if output.is_dir():
        raise ConsultaidError(f"{output}: is a folder; give the PDF file to write")
    language = consultation.handout.language
    if language not in available_languages():
        known = ", ".join(available_languages()) or "none"
        raise ConsultaidError(f"no content pack for language {language!r} (available: {known})")
    # The pack the record was written with; the handout is the patient's language's (the
    # record's template words carried over), as in the app (services.handout_content).
    source = load_clinic_content(written_in if written_in in available_languages()
                                 else language)
    pack, consultation, moved = handout_content(consultation, source.pack)
    if pack is source.pack:
        moved = [*source.warnings, *moved]
    settings = load_settings()
    label = "stdin" if args.file == "-" else args.file
    typed_review = consultation.review.decision != "pending"
    if typed_review:
        # Only a review signed in the records counts (issue 11.1, 25.5): one typed into a file
        # is not printed as given, so the handout never says "may proceed" on its word.
        consultation.review = Review()
    try:
        pdf, warnings = build_handout_with_warnings(consultation, pack, settings)
    except ConsultaidError as exc:
        raise ConsultaidError(f"{label}: {exc}") from None
    atomic_write_bytes(output, pdf)
    if typed_review:
        warnings.append("the second physician's review typed in this file was not verified "
                        "(only a signed review in the records counts), so the handout treats "
                        "the review as not yet given; print it from the records (the app, or "
                        "'consultaid records') for the signed review")
    for warning in [*moved, *warnings]:
        print(f"consultaid: warning: {warning}", file=sys.stderr)
    return 0
