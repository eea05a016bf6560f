"""The ``poster`` command: the clinic jurisdiction's stem cell notice as a wall poster (PDF).

reportlab is imported only when the command runs, so other commands start fast.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from consultaid.domain.errors import ConsultaidError
from consultaid.fileio import atomic_write_bytes
from consultaid.services import load_clinic_content
from consultaid.settings import jurisdiction_name, load_settings


def register(sub: Any) -> None:
    p = sub.add_parser(
        "poster", help="write the clinic jurisdiction's stem cell notice as a wall poster PDF",
        description="Write the notice the law of the clinic's jurisdiction ([regulatory] "
        "jurisdiction in the settings, e.g. US-CA or US-UT) requires, word for word, on US "
        "Letter paper in type of at least 40 points. The clinic stays responsible for its "
        "compliance; this is not legal advice.")
    p.add_argument("-o", "--output", metavar="FILE.pdf", required=True, type=Path,
                   help="the PDF to write")
    p.set_defaults(func=cmd_poster)


def cmd_poster(args: argparse.Namespace) -> int:
    from consultaid.handout.poster import build_poster  # lazy: pulls in reportlab

    settings = load_settings()
    code = settings.regulatory_jurisdiction
    if not code:
        raise ConsultaidError("no jurisdiction is set; choose it in File > Settings or set "
                              "[regulatory] jurisdiction (e.g. \"US-CA\") in the settings file")
    pack = load_clinic_content(settings.default_language).pack
    notice = pack.handout.notice(code)
    if notice is None:
        known = ", ".join(n.jurisdiction for n in pack.handout.notices) or "none"
        raise ConsultaidError(f"{jurisdiction_name(code)} ({code}) has no stem cell notice in "
                              f"content pack {pack.version} (notices for: {known}); there is "
                              "no poster to print")
    output: Path = args.output
    if output.is_dir():
        raise ConsultaidError(f"{output}: is a folder; give the PDF file to write")
    atomic_write_bytes(output, build_poster(notice))
    return 0
