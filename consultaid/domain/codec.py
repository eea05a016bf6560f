"""Strict conversion between dataclasses and JSON-ready values.

Driven by the dataclasses' type hints, so the record's shape is written once. Every problem is
reported as a :class:`RecordError` naming the dotted field path, e.g. ``patient.date_of_birth``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import types
from typing import Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

from consultaid.domain.errors import RecordError

T = TypeVar("T")

JSONValue = Any
"""A value that :func:`json.dumps` accepts: None, bool, int, float, str, list, dict."""


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(value: object, field: str) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        raise RecordError(field, f"expected a date as text (YYYY-MM-DD), got {_type_name(value)}")
    try:
        if not _ISO_DATE.fullmatch(value):  # not "2026-W47-1" or other ISO forms Python takes
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        # The value itself is not repeated: it may be a patient's date of birth.
        raise RecordError(field, "is not a date (expected YYYY-MM-DD)") from None


LARGEST_NUMBER = 10**9
"""No value a consultation records (a CRP, an ESR, a number of years) comes near this; a larger
number in a record is damage or an attack, and would overflow the arithmetic that screens it."""


def check_number(value: int | float, field: str) -> int | float:
    """Refuse NaN, infinity and numbers too large to be a clinical value."""
    if isinstance(value, float) and not math.isfinite(value):
        raise RecordError(field, "is not a finite number")
    if abs(value) > LARGEST_NUMBER:
        raise RecordError(field, "is a number too large to be a real value "
                                 f"(more than {LARGEST_NUMBER:,})")
    return value


LONGEST_TEXT = 10_000
"""No text a consultation holds is longer (a page and a half of notes); see ``limit()``."""


def limit(max_length: int) -> dict[str, int]:
    """Field metadata capping a text field's length, e.g. ``field(metadata=limit(200))``."""
    return {"max_length": max_length}


def check_text(value: str, field: str, max_length: int = LONGEST_TEXT) -> str:
    if len(value) > max_length:
        raise RecordError(field, f"is longer than {max_length:,} characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # e.g. a lone surrogate written as "\ud800" in the JSON
        raise RecordError(field, "holds characters that are not valid text") from None
    return value


def check_json_value(value: object, field: str) -> JSONValue:
    """Accept only plain JSON data; refuse NaN, infinity, huge numbers and huge texts."""
    if isinstance(value, str):
        return check_text(value, field)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return check_number(value, field)
    if isinstance(value, list):
        return [check_json_value(v, f"{field}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise RecordError(field, "object keys must be text")
            out[k] = check_json_value(v, f"{field}.{k}")
        return out
    raise RecordError(field, f"{_type_name(value)} is not allowed here")


def _is_optional(tp: Any) -> tuple[bool, Any]:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        if len(args) == 1 and len(get_args(tp)) == 2:
            return True, args[0]
    return False, tp


def decode(tp: Any, value: object, field: str) -> Any:
    """Convert JSON data ``value`` to type ``tp``; raise RecordError naming ``field``."""
    optional, inner = _is_optional(tp)
    if optional:
        return None if value is None else decode(inner, value, field)
    if tp is Any:
        return check_json_value(value, field)
    if value is None:
        raise RecordError(field, "is required and may not be null")
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return decode_dataclass(tp, value, field)
    if tp is str:
        if not isinstance(value, str):
            raise RecordError(field, f"expected text, got {_type_name(value)}")
        return value
    if tp is bool:
        if not isinstance(value, bool):
            raise RecordError(field, f"expected true or false, got {_type_name(value)}")
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise RecordError(field, f"expected a whole number, got {_type_name(value)}")
        return check_number(value, field)
    if tp is dt.date:
        return parse_date(value, field)
    origin = get_origin(tp)
    if origin is Literal:
        allowed = get_args(tp)
        if value not in allowed or isinstance(value, bool):
            choices = ", ".join(repr(a) for a in allowed)
            raise RecordError(field, f"is not one of {choices}")
        return value
    if origin is list:
        if not isinstance(value, list):
            raise RecordError(field, f"expected a list, got {_type_name(value)}")
        (item_tp,) = get_args(tp)
        return [decode(item_tp, v, f"{field}[{i}]") for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise RecordError(field, f"expected an object, got {_type_name(value)}")
        _, val_tp = get_args(tp)
        return {k: decode(val_tp, v, f"{field}.{k}") for k, v in value.items()}
    raise TypeError(f"codec cannot handle type {tp!r} at {field}")  # programming error


def decode_dataclass(cls: type[T], value: object, field: str = "") -> T:
    prefix = f"{field}." if field else ""
    if not isinstance(value, dict):
        raise RecordError(field or "(record)", f"expected an object, got {_type_name(value)}")
    hints = get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(value) - set(fields))
    if unknown:
        raise RecordError(f"{prefix}{unknown[0]}", "is not a known field")
    kwargs: dict[str, Any] = {}
    for name, f in fields.items():
        if name not in value:
            has_default = (
                f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
            )
            if has_default and _is_optional(hints[name])[0]:
                continue
            raise RecordError(f"{prefix}{name}", "is missing")
        decoded = decode(hints[name], value[name], f"{prefix}{name}")
        if isinstance(decoded, str):
            check_text(decoded, f"{prefix}{name}", f.metadata.get("max_length", LONGEST_TEXT))
        elif (isinstance(decoded, list) and "max_items" in f.metadata
              and len(decoded) > f.metadata["max_items"]):
            raise RecordError(f"{prefix}{name}", f"has more than {f.metadata['max_items']} entries")
        kwargs[name] = decoded
    return cls(**kwargs)


def encode(value: object) -> JSONValue:
    """Dataclasses, dates, lists and dicts to plain JSON data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    return value


__all__ = [
    "LARGEST_NUMBER",
    "LONGEST_TEXT",
    "JSONValue",
    "check_json_value",
    "check_number",
    "check_text",
    "decode",
    "decode_dataclass",
    "encode",
    "limit",
    "parse_date",
]
