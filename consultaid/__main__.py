"""``python -m consultaid`` runs the command-line interface."""

from __future__ import annotations

from consultaid.cli import main

raise SystemExit(main())
