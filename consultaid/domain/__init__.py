"""Pure-Python domain: the consultation record, screening rules and their evaluation.

Imports nothing from the rest of consultaid and nothing outside the standard library.
"""

from __future__ import annotations
