"""PySide6 widgets. They show and collect; every decision comes from the core services."""

from __future__ import annotations
