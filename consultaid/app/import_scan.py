"""PySide6's import hook, made to answer its one question without keeping every source file.

Once PySide6 is imported, every later import passes through shiboken's hook for the
``__feature__`` switches (``snake_case``, ``true_property``). For each new module it asks one
question: does its source contain the word "PySide6"? It answers it with
``inspect.getsource(module)``, which reads, decodes and splits the whole file and keeps its lines
in ``linecache`` for the rest of the run. For consultaid's ~120 modules that was about 5.7 MiB of
kept source lines (measured: peak memory 93.1 → 87.4 MiB) and reading time before every page is
built (issue 29).

:func:`install` replaces that one function with one that reads the module's ``.py`` file as
bytes and looks for the same word, keeping nothing. Anything else (a module without a ``.py``
file, an unreadable file, a PySide6 whose hook looks different) is left to PySide6's own
answer, so the answer never changes; consultaid uses no ``__feature__`` switch either way.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

_MARK = "_consultaid_reads_bytes"


def install() -> bool:
    """Put the byte-reading question in place (after PySide6 is imported); True if it is."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original):
        return False  # (a PySide6 that asks differently, or not at all: nothing to do)
    if getattr(original, _MARK, False):
        return True
    feature._mod_uses_pyside = uses_pyside(original)  # type: ignore[attr-defined]
    return True


def uses_pyside(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    """PySide6's question, answered from the file's bytes where there is a ``.py`` file."""
    def answer(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    setattr(answer, _MARK, True)
    return answer
