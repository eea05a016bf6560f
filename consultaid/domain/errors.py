"""Errors the core raises for bad input; each carries one message a person can act on."""

from __future__ import annotations

from consultaid.domain.translatable import TranslatedMessage


class ConsultaidError(TranslatedMessage, Exception):
    """Base for every error that is the input's fault, not the program's.

    A message marked with ``QT_TRANSLATE_NOOP`` reads in the app's language once the window
    has installed its translator (:func:`~consultaid.domain.translatable.set_translator`); the
    command line and the logs before that get the English."""


class RecordError(ConsultaidError):
    """A consultation record (JSON) that cannot be read; the message names the field."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.detail = message
        super().__init__(f"{field}: {message}" if field else message)
