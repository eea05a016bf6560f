"""handout (see DESIGN.md)."""

from __future__ import annotations
