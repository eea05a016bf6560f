"""Writing ``settings.toml`` with tomlkit, which keeps comments, order and quoting as typed.

Apart from settings.py so that reading settings (every command, every start) does not import
tomlkit (~10 ms; issue 29). It knows nothing of settings.py (which imports it when writing):
the settings, their layout in tables and the file's header are handed in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import TYPE_CHECKING

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import Item, Table

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


def settings_to_toml(settings: DataclassInstance, layout: Mapping[str, tuple[str, str]],
                     header: str, existing: str = "") -> str:
    """``settings`` as the text of ``settings.toml`` (each field at ``layout[field]``, its
    table and key; ``header`` the comment a new file opens with), written into ``existing``
    (the file's current text) so that what a person typed there stays as typed: comments,
    blank lines, the order of tables and keys, the quoting of a value that did not change, and
    tables the dialog does not edit (``[records]``). A key whose setting is now empty is
    removed; a new one goes after the last key of its table, unless it only says the default (a
    new file spells every setting out). Text that is not TOML is replaced whole."""
    try:
        doc = tomlkit.parse(existing) if existing.strip() else None
    except TOMLKitError:
        doc = None
    fresh = doc is None
    if doc is None:
        doc = tomlkit.document()
        doc.add(tomlkit.comment(header))
        doc.add(tomlkit.nl())
        for name in dict.fromkeys(name for name, _ in layout.values()):
            doc.add(name, tomlkit.table())
    for f in fields(settings):
        table_name, key = layout[f.name]
        value = getattr(settings, f.name)
        table = doc.get(table_name)
        if not isinstance(table, Table):
            if value is None or value == "" or value == f.default:
                continue
            table = tomlkit.table()
            doc.add(table_name, table)
        if value is None or value == "":
            if key in table:
                del table[key]
        elif key not in table:
            if fresh or value != f.default:
                _add_after_last_key(table, key, value)
        elif not _same(table[key], value):
            table[key] = value
    return tomlkit.dumps(doc)


def _same(item: object, value: object) -> bool:
    unwrapped = item.unwrap() if isinstance(item, Item) else item
    return type(unwrapped) is type(value) and unwrapped == value


def _add_after_last_key(table: Table, key: str, value: object) -> None:
    """A new key goes under the table's last key, not under the comments and blank lines that
    tomlkit counts as the end of the table (they usually introduce the next table)."""
    body = table.value.body
    last = max((i for i, (k, _) in enumerate(body) if k is not None), default=None)
    if last is None or last == len(body) - 1:
        table.add(key, value)
    else:
        table.value._insert_at(last + 1, key, tomlkit.item(value))
