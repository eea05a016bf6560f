"""A per-installation secret kept outside the database, and the keys derived from it.

Why: a copied database file alone must not be enough to guess PINs offline or to rewrite the
audit chain unnoticed. The secret is 32 random bytes in ``<config folder>/installation.key``
(mode 0600, folder 0700), never in the database. Backups of the database do NOT contain it:
whoever restores a backup on another machine must copy this file too (README says so), or the
PINs and the audit chain of that backup cannot be checked.

Subkeys are derived with HMAC-SHA256 under fixed labels, so one secret serves every purpose
without one use revealing another's key.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import stat
import tempfile
from pathlib import Path

from consultaid.domain.errors import ConsultaidError

KEY_FILE = "installation.key"
KEY_BYTES = 32

_AUDIT_LABEL = b"consultaid/audit-chain/v1"
_PEPPER_LABEL = b"consultaid/pin-pepper/v1"
_ID_LABEL = b"consultaid/key-id/v1"


class InstallationKeyError(ConsultaidError):
    """The installation key is missing (and may not be created), unreadable or damaged."""


def key_path(config_dir: Path) -> Path:
    return Path(config_dir) / KEY_FILE


def installation_key(config_dir: Path, *, create: bool = False) -> bytes:
    """The installation's secret. ``create``: make it if it is missing — only when a new
    database is set up (its first seal); an existing database whose key is missing stops
    writing until the key is restored, instead of going on under a new one.

    Creation is race-free: the key is written completely to a private temporary file and then
    hard-linked to its final name, which fails if another process got there first; the loser
    reads the winner's key. A reader therefore never sees a half-written key.
    """
    path = key_path(config_dir)
    key = _read(path)
    if key is not None:
        return key
    if not create:
        raise InstallationKeyError(
            f"The installation key {path} is missing, so nothing can be written to the records "
            "(reading them still works). Copy installation.key from the machine (or the "
            "backup) the records came from into that folder; do not make a new one."
        )
    _create(path)
    key = _read(path)
    if key is None:  # pragma: no cover - the file was removed between creating and reading
        raise InstallationKeyError(f"The installation key {path} could not be created.")
    return key


def audit_key(config_dir: Path, *, create: bool = False) -> bytes:
    """Key for the keyed (HMAC) audit chain."""
    return _derive(installation_key(config_dir, create=create), _AUDIT_LABEL)


def pin_pepper(config_dir: Path, *, create: bool = False) -> bytes:
    """Pepper mixed into every PIN hash, so the stored hashes alone cannot be guessed offline."""
    return _derive(installation_key(config_dir, create=create), _PEPPER_LABEL)


def key_id(config_dir: Path) -> str:
    """A short public fingerprint of the key (which key sealed a database), never the key."""
    return _derive(installation_key(config_dir), _ID_LABEL).hex()[:16]


def _derive(key: bytes, label: bytes) -> bytes:
    return hmac.new(key, label, hashlib.sha256).digest()


def _read(path: Path) -> bytes | None:
    try:
        # O_NONBLOCK: a FIFO put in the key's place must not hang every start.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InstallationKeyError(
            f"The installation key {path} cannot be read ({exc.strerror or 'error'})."
        ) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InstallationKeyError(f"The installation key {path} is not a regular file.")
        if os.name == "posix" and info.st_mode & 0o077:
            os.fchmod(fd, 0o600)  # someone widened it: close it again rather than refuse
        data = os.read(fd, KEY_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) != KEY_BYTES:
        raise InstallationKeyError(
            f"The installation key {path} is damaged (wrong length). Restore it from the copy "
            "kept with the backups; do not delete it, or PINs and the audit chain cannot be "
            "checked."
        )
    return data


def _create(path: Path) -> None:
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise InstallationKeyError(
            f"The folder {folder} for the installation key cannot be created "
            f"({exc.strerror or 'error'})."
        ) from None
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        try:
            if os.name == "posix":
                os.fchmod(fd, 0o600)
            os.write(fd, os.urandom(KEY_BYTES))
            os.fsync(fd)
        finally:
            os.close(fd)
        # If another process created it first, everyone uses that one.
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
        _fsync_folder(folder)
    except OSError as exc:
        raise InstallationKeyError(
            f"The installation key {path} cannot be created ({exc.strerror or 'error'})."
        ) from None
    finally:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
