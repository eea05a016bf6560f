"""Checks of a bundle that need no validator: references resolve, entries named once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def references(value: Any) -> Iterator[str]:
    """Every ``reference`` string anywhere in a resource."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "reference" and isinstance(inner, str):
                yield inner
            else:
                yield from references(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from references(inner)


def unresolved(bundle: dict[str, Any]) -> list[str]:
    """References that name no entry of the bundle, and entries named twice or not by their
    own id: [] when every reference resolves inside the bundle."""
    urls = [e["fullUrl"] for e in bundle["entry"]]
    problems = [f"{u} names two entries" for u in sorted(set(urls)) if urls.count(u) > 1]
    for entry in bundle["entry"]:
        if entry["fullUrl"] != f"urn:uuid:{entry['resource']['id']}":
            problems.append(f"{entry['fullUrl']} is not urn:uuid:<its resource's id>")
    known = set(urls)
    for entry in bundle["entry"]:
        for target in references(entry["resource"]):
            if target not in known:
                problems.append(f"{entry['resource']['resourceType']} refers to {target}, "
                                "which is not in the bundle")
    return problems


def by_url(bundle: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["fullUrl"]: e["resource"] for e in bundle["entry"]}


def of_type(bundle: dict[str, Any], resource_type: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"]
            if e["resource"]["resourceType"] == resource_type]
