"""Printing a handout: the PDF itself goes to the printer queue, as it is.

Where the system prints PDF (CUPS, on Linux and macOS), the handout's own bytes are submitted to
the chosen queue with ``lp``: text stays vector, the job is the size of the handout (about
60 kB, not a 53 MB stack of page pictures), and what reaches the printer is byte for byte what
the records store. The Qt-side fallback for systems without CUPS (Windows) lives in
``consultaid.ui.pdf_print``. The physician's Print, the front desk's reprint and
``consultaid print`` all come here.

Errors come back as :class:`PrintError` with a sentence a person can act on (no such printer,
printer paused, out of paper where CUPS reports it). Job titles never carry a patient's name:
print queues are visible to everyone on the network.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass

from consultaid.domain.errors import ConsultaidError

JOB_TITLE = "consultaid handout"
_TIMEOUT = 30
_ALERTS = {  # printer-state-reasons (RFC 8011 5.4.12), without their -error/-report suffix
    "media-empty": "it is out of paper",
    "media-needed": "it needs paper",
    "media-jam": "the paper is jammed",
    "toner-empty": "it is out of toner",
    "marker-supply-empty": "it is out of ink or toner",
    "door-open": "a door or cover is open",
    "cover-open": "a door or cover is open",
    "offline": "it is offline",
    "paused": "it is paused (someone stopped the queue)",
    "shutdown": "it is switched off",
}
# A "-warning" (toner low, paper low) never stops a job; "connecting-to-device" is what every
# network printer reports while it starts a job, so it is no reason to refuse the next one.


class PrintError(ConsultaidError):
    """The handout was not printed; the message says why and what to do."""


@dataclass(frozen=True)
class Printer:
    name: str
    is_default: bool
    enabled: bool
    problem: str
    """"" when ready; otherwise why it will not print now, in words."""


def can_print_pdf() -> bool:
    """Whether PDF jobs can be handed to the system as they are (a CUPS client is here)."""
    return shutil.which("lp") is not None and shutil.which("lpstat") is not None


def _run(args: list[str], data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}  # messages we can read
    try:
        return subprocess.run(args, input=data, capture_output=True, env=env,
                              timeout=_TIMEOUT, check=False)
    except FileNotFoundError:
        raise PrintError("This computer has no print system that takes PDF files (CUPS); "
                         "ask the clinic's IT person to install it.") from None
    except subprocess.TimeoutExpired:
        raise PrintError("The print system did not answer within 30 seconds; check that the "
                         "printer server is running, then print again.") from None


def _alerts(details: str) -> list[str]:
    """The printer-state-reasons that stop printing, without their severity suffix."""
    found = re.search(r"^\s*Alerts:\s*(.*)$", details, re.MULTILINE)
    if not found:
        return []
    reasons = []
    for reason in found.group(1).split():
        if reason == "none" or reason.endswith("-warning"):
            continue
        reasons.append(re.sub(r"-(error|report)$", "", reason))
    return reasons


def _no_print_service(done: subprocess.CompletedProcess[bytes]) -> bool:
    message = done.stderr.decode(errors="replace").lower()
    return done.returncode != 0 and ("scheduler" in message or "connect" in message)


def list_printers() -> list[Printer]:
    """The print queues this computer knows, the default first."""
    listing = _run(["lpstat", "-l", "-p"])
    if _no_print_service(listing):
        raise PrintError("The print service (CUPS) is not running on this computer, or its "
                         "print server cannot be reached; ask the clinic's IT person to start "
                         "it, then print again.")
    text = listing.stdout.decode(errors="replace")
    default = _run(["lpstat", "-d"]).stdout.decode(errors="replace")
    found = re.search(r"system default destination:\s*(\S+)", default)
    default_name = found.group(1) if found else ""
    printers: list[Printer] = []
    for block in re.split(r"^(?=printer )", text, flags=re.MULTILINE):
        head = re.match(r"printer (\S+) (?:is |disabled)", block)
        if not head:
            continue
        name = head.group(1)
        enabled = " disabled" not in block.splitlines()[0]
        words = [_ALERTS[a] for a in _alerts(block) if a in _ALERTS]
        if not enabled and not words:
            words = ["it is paused (someone stopped the queue)"]
        problem = ", and ".join(dict.fromkeys(words))
        printers.append(Printer(name, name == default_name, enabled, problem))
    printers.sort(key=lambda p: (not p.is_default, p.name.lower()))
    return printers


def printer_problem(name: str) -> str:
    """Why ``name`` cannot print now ("" when it can); raises if there is no such printer."""
    for printer in list_printers():
        if printer.name == name:
            return printer.problem
    raise PrintError(f"There is no printer called {name!r} on this computer. Choose another "
                     "one, or ask the clinic's IT person to add it.")


@dataclass(frozen=True)
class Choices:
    """What the person chose in the print dialog besides the printer (None: the printer's
    own default)."""

    copies: int = 1
    pages: tuple[int, int] | None = None
    """First and last page, from 1."""
    sides: str | None = None
    """IPP "sides": one-sided, two-sided-long-edge or two-sided-short-edge."""
    grey: bool | None = None

    def lp_options(self) -> list[str]:
        """The IPP job attributes for ``lp -o`` (CUPS applies them to the PDF itself)."""
        options = []
        if self.pages is not None:
            options.append(f"page-ranges={self.pages[0]}-{self.pages[1]}")
        if self.sides in ("one-sided", "two-sided-long-edge", "two-sided-short-edge"):
            options.append(f"sides={self.sides}")
        if self.grey:
            options.append("print-color-mode=monochrome")
        return options

    def pages_of(self, total: int) -> int:
        """How many pages of a ``total``-page PDF one copy prints."""
        if self.pages is None or not total:
            return total
        first, last = self.pages
        return max(0, min(last, total) - first + 1)


def submit_pdf(pdf: bytes, printer: str, copies: int = 1, title: str = JOB_TITLE,
               choices: Choices | None = None) -> str:
    """Hand the PDF's own bytes to ``printer``'s queue; returns the job ID."""
    if not pdf.startswith(b"%PDF-"):
        raise PrintError("This is not a PDF file, so it was not sent to the printer.")
    if not 1 <= copies <= 99:
        raise PrintError("The number of copies must be from 1 to 99.")
    choices = choices or Choices()
    if choices.pages is not None and not 1 <= choices.pages[0] <= choices.pages[1]:
        raise PrintError("The pages to print must run from a first page to a later one.")
    problem = printer_problem(printer)
    if problem:
        raise PrintError(f"The printer {printer} cannot print now: {problem}. Fix that (or "
                         "choose another printer), then print again.")
    options = [arg for option in choices.lp_options() for arg in ("-o", option)]
    done = _run(["lp", "-d", printer, "-n", str(copies), "-t", title,
                 "-o", "document-format=application/pdf", *options, "-"], pdf)
    out = done.stdout.decode(errors="replace")
    job = re.search(r"request id is (\S+)", out)
    if done.returncode != 0 or not job:
        reason = done.stderr.decode(errors="replace").strip().removeprefix("lp: ")
        raise PrintError(f"The printer {printer} did not take the handout: "
                         f"{reason or 'no reason given'}.")
    return job.group(1)


def cancel_job(job_id: str) -> bool:
    """Take a job off its queue; whether it is off (a job already finished counts as off).

    ``cancel`` is tried twice (the scheduler may still be busy with the job it just took)."""
    for _attempt in range(2):
        try:
            done = _run(["cancel", job_id])
        except PrintError:
            continue
        if done.returncode == 0 or not job_is_queued(job_id):
            return True
    return not job_is_queued(job_id)


def job_is_queued(job_id: str) -> bool:
    """Whether ``job_id`` still waits or prints (unknown counts as queued: say so, not less)."""
    try:
        done = _run(["lpstat", "-o"])
    except PrintError:
        return True
    listed = done.stdout.decode(errors="replace").split("\n")
    return done.returncode != 0 or any(line.split()[:1] == [job_id] for line in listed)


def page_count(pdf: bytes) -> int:
    """Pages in a PDF made by the handout builder (its page tree says how many)."""
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
    counts += [int(n) for n in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf)]
    return max(counts, default=0)
