"""UCUM codes for the units the content pack's checklist uses.

The pack names a measurement's units by ID (the same in every language) and a plain number's
by its label. A unit not listed here (a clinic's overlay may add one) is exported with its
label as ``Quantity.unit`` and no code: valid FHIR, only not machine-comparable.
"""

from __future__ import annotations

UNIT_IDS: dict[str, str] = {
    "months": "mo",
    "years": "a",
    "mg_per_l": "mg/L",
    "mg_per_dl": "mg/dL",
    "mm_per_h": "mm/h",
}
"""Measurement unit ID (checklist.toml ``units``) -> UCUM code."""

UNIT_LABELS: dict[str, str] = {
    "years": "a", "year": "a", "años": "a", "año": "a",
    "months": "mo", "month": "mo", "meses": "mo", "mes": "mo",
    "weeks": "wk", "semanas": "wk",
    "days": "d", "días": "d",
}
"""A plain number's unit label (checklist.toml ``unit_label``), any pack language -> UCUM."""


def ucum_for_unit(unit_id: str) -> str:
    """The UCUM code of a measurement unit, "" when there is none on record."""
    return UNIT_IDS.get(unit_id, "")


def ucum_for_label(label: str) -> str:
    return UNIT_LABELS.get(label.strip().casefold(), "")
