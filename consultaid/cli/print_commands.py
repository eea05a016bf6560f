"""``consultaid print``: the app's own print path, for clinic IT and tests."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from consultaid import printing
from consultaid.domain.errors import ConsultaidError
from consultaid.fileio import FileRefused, read_limited

PDF_LIMIT = 50 * 1024 * 1024


def register(sub: Any) -> None:
    p = sub.add_parser(
        "print", help="print a PDF the way the app does (the PDF itself to a CUPS queue)",
        description="Send a handout PDF, as it is, to a printer queue; or list the printers.")
    p.add_argument("file", nargs="?", metavar="FILE.pdf", help="the PDF to print")
    p.add_argument("--printer", metavar="NAME", help="the printer queue (see --list)")
    p.add_argument("--copies", type=int, default=1, metavar="N", help="copies, 1 to 99")
    p.add_argument("--list", action="store_true", help="list the printers and exit")
    p.set_defaults(func=cmd_print)


def cmd_print(args: argparse.Namespace) -> int:
    if args.list:
        printers = printing.list_printers()
        if not printers:
            print("No printers are set up on this computer.")
        for printer in printers:
            state = "ready" if not printer.problem else f"not ready: {printer.problem}"
            default = " (default)" if printer.is_default else ""
            print(f"{printer.name}{default}: {state}")
        return 0
    if not args.file or not args.printer:
        raise ConsultaidError("give the PDF and the printer: consultaid print FILE.pdf "
                              "--printer NAME (consultaid print --list shows the printers)")
    try:
        pdf = read_limited(Path(args.file), PDF_LIMIT)
    except FileNotFoundError:
        raise ConsultaidError(f"{args.file}: no such file") from None
    except FileRefused as exc:
        raise ConsultaidError(str(exc)) from None
    job = printing.submit_pdf(pdf, args.printer, args.copies)
    pages = printing.page_count(pdf)
    what = f"{pages} page{'s' if pages != 1 else ''}" if pages else "the PDF"
    copies = f" ({args.copies} copies)" if args.copies > 1 else ""
    print(f"Sent {what}{copies} to {args.printer} (job {job}).")
    return 0
