"""The headless interface: ``consultaid <command> ...``, the same services as the GUI.

Each command module registers its subcommands; bad input gets one clear line on stderr and a
non-zero exit, never a traceback (set CONSULTAID_DEBUG=1 to see one for a program error).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from consultaid import __version__
from consultaid.cli import core_commands, handout_commands, records_commands
from consultaid.content.problems import ContentError
from consultaid.domain.errors import ConsultaidError

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70

COMMAND_MODULES = (core_commands, handout_commands, records_commands)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="consultaid",
        description="Consultation aid for MSC therapy: screening, content checks and handouts.",
    )
    parser.add_argument("--version", action="version", version=f"consultaid {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
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
        print(f"consultaid: {exc}", file=sys.stderr)
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
        print(
            f"consultaid: internal error ({type(exc).__name__}: {exc}). Nothing was changed. "
            "Please report this; set CONSULTAID_DEBUG=1 to see details.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
