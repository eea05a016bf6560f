"""Open the consultaid desktop app: ``python main.py``."""

from __future__ import annotations

import sys

from consultaid.app import main

if __name__ == "__main__":
    sys.exit(main())
