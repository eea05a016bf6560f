"""consultaid — an offline consultation aid for clinics that discuss MSC therapy."""

from __future__ import annotations

__version__ = "0.2.0"
