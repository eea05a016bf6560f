"""Words the core hands to the window, marked so that Qt's ``lupdate`` finds them (no Qt here).

The core (session, records, settings, content) may not import Qt (DESIGN.md), yet some of its
sentences reach the screen: step names, "not answered: …", verdict reasons, settings problems.
They are written ``QT_TRANSLATE_NOOP("Context", "Source text")`` — the marker ``lupdate``
knows — and stay ordinary English strings for the CLI, the logs and every test. The value is
a :class:`Translatable`, a ``str`` that also remembers its context, its source text and its
``format`` arguments, so the window can show it in the app's language::

    QT_TRANSLATE_NOOP("Steps", "{count} point(s) not yet understood").format(count=2)

and in ``consultaid.ui``: ``translated(text)`` (``QCoreApplication.translate`` at the display
boundary). Placeholders are ``{name}`` in the source text, filled after translation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

Translate = Callable[[str, str], str]
"""``QCoreApplication.translate(context, source)``, or anything that behaves like it."""


class Translatable(str):
    """English text (the ``str`` value) that the window can show in another language."""

    context: str
    source: str
    args: dict[str, Any]
    parts: tuple[str, ...] | None
    separator: str

    def __new__(cls, context: str, source: str, value: str | None = None,
                args: dict[str, Any] | None = None, parts: tuple[str, ...] | None = None,
                separator: str = "") -> Translatable:
        self = super().__new__(cls, source if value is None else value)
        self.context, self.source = context, source
        self.args = dict(args or {})
        self.parts, self.separator = parts, separator
        return self

    def format(self, *args: object, **kwargs: Any) -> Translatable:
        """The English sentence filled in, still translatable (by name only: ``{name}``)."""
        if args:
            raise TypeError("Translatable.format takes named placeholders only")
        return Translatable(self.context, self.source, self.source.format(**kwargs), kwargs)

    def translated(self, translate: Translate) -> str:
        if self.parts is not None:
            return translate_text(self.separator, translate).join(
                translate_text(part, translate) for part in self.parts)
        text = translate(self.context, self.source) if self.context else self.source
        if not self.args:
            return text
        values = {name: translate_text(value, translate) if isinstance(value, str) else value
                  for name, value in self.args.items()}
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError):  # a translation with a wrong placeholder
            return self.source.format(**values)


_translator: list[Translate] = []


def set_translator(translate: Translate | None) -> None:
    """The window's ``QCoreApplication.translate`` once a translation is installed (None: back
    to English). The core never imports Qt; the CLI never sets one."""
    _translator[:] = [translate] if translate is not None else []


def in_app_language(text: str) -> str:
    """``text`` in the app's language when the window set a translator, else as it is."""
    return translate_text(text, _translator[0]) if _translator else str(text)


class TranslatedMessage(BaseException):
    """An exception whose one marked message reads in the app's language (see
    :func:`in_app_language`); any other message as Python prints it."""

    def __str__(self) -> str:
        if len(self.args) == 1 and isinstance(self.args[0], Translatable):
            return in_app_language(self.args[0])
        return super().__str__()


def QT_TRANSLATE_NOOP(context: str, source: str) -> Translatable:
    """Mark ``source`` for translation in ``context``; the value is still the English text."""
    return Translatable(context, source)


def joined(separator: str, parts: Iterable[str]) -> Translatable:
    """``separator.join(parts)`` that keeps each part translatable."""
    items = tuple(parts)
    return Translatable("", separator.join(items), parts=items, separator=separator)


def translate_text(text: str, translate: Translate) -> str:
    """``text`` in the language ``translate`` speaks; untranslatable text as it is."""
    if isinstance(text, Translatable):
        return text.translated(translate)
    return text


__all__ = [
    "QT_TRANSLATE_NOOP",
    "Translatable",
    "TranslatedMessage",
    "in_app_language",
    "joined",
    "set_translator",
    "translate_text",
]
