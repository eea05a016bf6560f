"""Drafts kept on this computer while the records cannot take them.

When the records server is away (or an SQLite database stays busy), an autosave cannot reach the
records. The draft is then written here — one small JSON file per consultation, 0600 in a 0700
folder of the user's data folder, replaced atomically — so that closing the window, a crash or a
power cut loses nothing. The next successful save removes it; at the next sign-in the app offers
what is still here. ``expected_version`` is the records version the draft was edited from, so a
draft kept here never silently overwrites a newer version saved on another workstation.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from consultaid.domain.consultation import (
    Consultation,
    consultation_from_dict,
    consultation_to_dict,
)
from consultaid.domain.errors import ConsultaidError
from consultaid.fileio import atomic_write_text, read_limited
from consultaid.paths import data_dir

FORMAT = "consultaid-pending-draft"
_MAX_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class PendingDraft:
    consultation: Consultation
    user_id: int
    expected_version: int | None
    kept_at: dt.datetime
    path: Path
    kind: str = "draft"
    """"draft" (the records did not answer) or "amendment" (changes to a completed record,
    kept while they are made, so a crash before they are saved loses nothing)."""


def folder() -> Path:
    return data_dir() / "pending-drafts"


def _path(consultation_id: str) -> Path:
    # A hash, not the ID: a file name never depends on what an ID may contain.
    return folder() / f"{hashlib.sha256(consultation_id.encode()).hexdigest()[:32]}.json"


def keep(user_id: int, consultation: Consultation, expected_version: int | None,
         kind: str = "draft") -> Path:
    """Write (or replace) the kept draft of ``consultation``; raises ConsultaidError if the
    disk refuses it too."""
    where = folder()
    try:
        where.mkdir(parents=True, exist_ok=True)
        where.chmod(0o700)
    except OSError as exc:
        raise ConsultaidError(f"the folder {where} cannot be written "
                              f"({exc.strerror or type(exc).__name__})") from None
    body = {"format": FORMAT, "kind": kind, "user_id": user_id,
            "expected_version": expected_version,
            "kept_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "consultation": consultation_to_dict(consultation)}
    path = _path(consultation.consultation_id)
    atomic_write_text(path, json.dumps(body, ensure_ascii=False), mode=0o600)
    return path


def forget(consultation_id: str) -> bool:
    """The draft reached the records (or was discarded): remove its kept copy; whether there
    was one."""
    try:
        _path(consultation_id).unlink()
    except FileNotFoundError:
        return False
    except OSError:
        return False  # kept; offered again at the next sign-in, and saving it changes nothing
    return True


def for_user(user_id: int) -> list[PendingDraft]:
    """The drafts kept for ``user_id``, oldest first. A file that cannot be read is left in
    place (never deleted: it may be someone's only copy) and not offered."""
    found = []
    try:
        files = sorted(folder().glob("*.json"))
    except OSError:
        return []
    for path in files:
        draft = _read(path)
        if draft is not None and draft.user_id == user_id:
            found.append(draft)
    return sorted(found, key=lambda d: d.kept_at)


def _read(path: Path) -> PendingDraft | None:
    try:
        body = json.loads(read_limited(path, _MAX_BYTES))
        if not isinstance(body, dict) or body.get("format") != FORMAT:
            return None
        version = body.get("expected_version")
        return PendingDraft(
            consultation=consultation_from_dict(body["consultation"]),
            user_id=int(body["user_id"]),
            expected_version=int(version) if version is not None else None,
            kept_at=dt.datetime.fromisoformat(str(body["kept_at"])), path=path,
            kind="amendment" if body.get("kind") == "amendment" else "draft")
    except (OSError, ValueError, KeyError, TypeError, ConsultaidError):
        return None
