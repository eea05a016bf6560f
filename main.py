"""Open the consultaid desktop app: ``python main.py`` (``--help`` for diagnostics)."""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import sys  # noqa: E402

from consultaid.app import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(started=STARTED))
