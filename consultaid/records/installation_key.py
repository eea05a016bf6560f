"""The per-installation secret: one 0600 key file in the config folder, never in the database.

Whoever copies the database file alone cannot recompute the audit chain's HMACs, because the
key lives elsewhere (``installation.key`` in the config folder). Backups must copy this file
separately (README: clinic IT). Purpose-specific subkeys are derived from it so that one use
(the audit chain) never reveals another (the PIN pepper).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from pathlib import Path

KEY_NAME = "installation.key"
_cache: dict[str, bytes] = {}


def key_path(config_dir: Path) -> Path:
    return Path(config_dir) / KEY_NAME


def _master(config_dir: Path) -> bytes:
    """Read the key file, creating it (0600, exclusively) the first time."""
    path = key_path(config_dir)
    cached = _cache.get(str(path))
    if cached is not None and path.exists():
        return cached
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(secrets.token_hex(32) + "\n")
            out.flush()
            os.fsync(out.fileno())
    key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    if len(key) != 32:
        raise ValueError(f"the installation key {path} is damaged")  # restore it from backup
    _cache[str(path)] = key
    return key


def _derive(config_dir: Path, purpose: bytes) -> bytes:
    return hmac.new(_master(config_dir), purpose, hashlib.sha256).digest()


def audit_key(config_dir: Path) -> bytes:
    """The HMAC key of the audit chain."""
    return _derive(config_dir, b"consultaid audit chain v1")


def pin_pepper(config_dir: Path) -> bytes:
    """A pepper for PIN hashes (kept out of the database like the audit key)."""
    return _derive(config_dir, b"consultaid pin pepper v1")
