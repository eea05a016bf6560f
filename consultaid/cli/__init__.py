"""The headless interface: ``consultaid <command> ...``, the same services as the GUI.

Each command module registers its subcommands; bad input gets one clear line on stderr and a
non-zero exit, never a traceback (set CONSULTAID_DEBUG=1 to see one for a program error).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sqlite3
import sys
from collections.abc import Sequence

from consultaid import __version__
from consultaid.content.problems import ContentError
from consultaid.domain.errors import ConsultaidError

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70

# command -> the module that registers it. Only the module of the command being run is imported,
# so `consultaid handout` does not pay for the records code and the other way round.
COMMAND_MODULES: dict[str, str] = {
    "example": "consultaid.cli.core_commands",
    "conditions": "consultaid.cli.core_commands",
    "screen": "consultaid.cli.core_commands",
    "validate-content": "consultaid.cli.core_commands",
    "handout": "consultaid.cli.handout_commands",
    "records": "consultaid.cli.records_commands",
    "accounts": "consultaid.cli.accounts_commands",
    "print": "consultaid.cli.print_commands",
    "poster": "consultaid.cli.poster_commands",
    "fhir": "consultaid.cli.fhir_commands",
}


def _modules_for(argv: Sequence[str] | None) -> list[str]:
    """The command modules needed to parse ``argv`` (all of them for help or a mistake)."""
    words = list(sys.argv[1:] if argv is None else argv)
    first = next((w for w in words if not w.startswith("-")), None)
    if first in COMMAND_MODULES:
        return [COMMAND_MODULES[first]]
    return list(dict.fromkeys(COMMAND_MODULES.values()))


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="consultaid",
        description="Consultation aid for MSC therapy: screening, content checks and handouts.",
    )
    parser.add_argument("--version", action="version", version=f"consultaid {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in _modules_for(argv):
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(argv)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its usage message
        return int(exc.code or 0) if exc.code in (0, None) else EXIT_USAGE
    try:
        code: int = args.func(args)
        sys.stdout.flush()
        return code
    except ContentError as exc:
        print(f"consultaid: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ConsultaidError as exc:
        from consultaid.records.errors import StoreBusy, StoreUnavailable  # (only on failure)

        if isinstance(exc, StoreUnavailable) and not isinstance(exc, StoreBusy):
            # The app's wording says "keep the window open"; a command has no window.
            print("consultaid: The records server cannot be reached (network or server down); "
                  "nothing was written. Run the command again when it is back.", file=sys.stderr)
        else:
            print(f"consultaid: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except sqlite3.DatabaseError:
        # Never its text: SQLite may quote a damaged row (patient data) in it.
        print("consultaid: the records database is damaged and cannot be read here; nothing "
              "was changed. Run 'consultaid records verify', and restore the latest backup "
              "(see the README: restoring a backup).", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); silence the flush at exit too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if os.environ.get("CONSULTAID_DEBUG"):
            raise
        # The type only: an exception's text may quote patient data (e.g. a damaged record).
        print(
            f"consultaid: internal error ({type(exc).__name__}). Nothing was changed. "
            "Please report this; set CONSULTAID_DEBUG=1 to see details.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
