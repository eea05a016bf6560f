"""Content packs: loading, checking and the data a patient or physician reads."""

from __future__ import annotations
