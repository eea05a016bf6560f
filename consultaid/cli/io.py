"""Reading inputs for commands: files or stdin, with messages a person can act on."""

from __future__ import annotations

import sys
from pathlib import Path

from consultaid.domain.consultation import Consultation, consultation_from_json
from consultaid.domain.errors import ConsultaidError, RecordError
from consultaid.fileio import RECORD_LIMIT, FileRefused, read_limited


def read_input_bytes(name: str) -> bytes:
    """Bytes of FILE, or of standard input for ``-``."""
    if name == "-":
        data = sys.stdin.buffer.read(RECORD_LIMIT + 1)
        if len(data) > RECORD_LIMIT:
            raise ConsultaidError("stdin: more than 2 MB; a consultation record is far smaller")
        return data
    path = Path(name)
    try:
        return read_limited(path, RECORD_LIMIT)
    except FileRefused as exc:
        raise ConsultaidError(str(exc)) from None
    except FileNotFoundError:
        raise ConsultaidError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise ConsultaidError(f"{name}: is a folder, not a file") from None
    except PermissionError:
        raise ConsultaidError(f"{name}: permission denied") from None
    except OSError as exc:
        raise ConsultaidError(f"{name}: cannot be read ({exc.strerror})") from None


def read_consultation(name: str) -> Consultation:
    """A consultation from FILE or ``-``; errors name the file and the field."""
    label = "stdin" if name == "-" else name
    data = read_input_bytes(name)
    try:
        return consultation_from_json(data)
    except RecordError as exc:
        raise ConsultaidError(f"{label}: {exc}") from None
