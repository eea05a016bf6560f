"""A cache of validated content packs, so the app does not re-parse and re-check ~25 TOML files
(pure-Python tomllib, ~35 ms) at every start.

The key is a hash of consultaid's version and the exact bytes and names of every pack file, so
any edit to the pack or an overlay, or an upgrade, misses the cache. The cache file is read with
an unpickler that only builds consultaid's own data classes, dates and paths: a tampered cache
file cannot run code; it is ignored and the pack is loaded from its files.

A cache file could still hold a pack that never passed the checks (say, without its safety
rules), written by someone who can write the data folder. So every cache file is sealed with an
HMAC under a random key kept in the *config* folder (``content-cache.key``, 0600), not beside the
cache; a file whose seal does not match is ignored and the pack is checked from its files. (A
person who can read that key could forge a seal; they could equally change the clinic's
overlay, which is checked. Without the key no cache is used.)
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import hashlib
import hmac
import io
import os
import pickle
import secrets
from pathlib import Path

from consultaid import __version__
from consultaid.content.pack import ContentPack
from consultaid.fileio import TEXT_FILE_LIMIT, FileRefused, atomic_write_bytes, read_limited

_ALLOWED_OUTSIDE = {
    ("datetime", "date"),
    ("pathlib", "PosixPath"),
    ("pathlib", "WindowsPath"),
    ("pathlib", "PurePosixPath"),
    ("pathlib", "PureWindowsPath"),
}


class _PackUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> type:
        if (module, name) in _ALLOWED_OUTSIDE:
            found = super().find_class(module, name)
            assert isinstance(found, type)
            return found
        if module.startswith("consultaid."):
            found = super().find_class(module, name)
            if isinstance(found, type) and (dataclasses.is_dataclass(found)
                                            or issubclass(found, enum.Enum)):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a pack cache")


def cache_key(files: dict[str, Path], base: Path, overlay: Path | None) -> str | None:
    digest = hashlib.sha256(f"{__version__}\n{base}\n{overlay}\n".encode())
    try:
        for name, path in sorted(files.items()):
            digest.update(f"{name}\n{path}\n".encode())
            digest.update(hashlib.sha256(read_limited(path, TEXT_FILE_LIMIT)).digest())
    except (OSError, FileRefused):
        return None
    return digest.hexdigest()[:40]


SEAL_SIZE = 32


def seal_key(path: Path) -> bytes | None:
    """The cache's sealing key from ``path``, made (0600) the first time; None if impossible."""
    try:
        data = read_limited(path, 1024)
        if len(data) == SEAL_SIZE:
            return data
    except FileNotFoundError:
        pass
    except (OSError, FileRefused):
        return None
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        key = secrets.token_bytes(SEAL_SIZE)
        atomic_write_bytes(path, key, mode=0o600)
        return key
    except Exception:
        return None


def _seal(seal: bytes, key: str, body: bytes) -> bytes:
    return hmac.new(seal, key.encode() + b"\n" + body, hashlib.sha256).digest()


def read_cached(cache_dir: Path, key: str, seal: bytes) -> ContentPack | None:
    try:
        data = read_limited(cache_dir / f"pack-{key}.pickle", 16 * 1024 * 1024)
        mac, body = data[:SEAL_SIZE], data[SEAL_SIZE:]
        if not hmac.compare_digest(mac, _seal(seal, key, body)):
            return None  # not written by this installation after the checks passed
        pack = _PackUnpickler(io.BytesIO(body)).load()
    except Exception:
        return None
    return pack if isinstance(pack, ContentPack) else None


def write_cached(cache_dir: Path, key: str, pack: ContentPack, seal: bytes) -> None:
    """Best effort: a cache that cannot be written only costs start-up time."""
    with contextlib.suppress(OSError, pickle.PicklingError):
        cache_dir.mkdir(parents=True, exist_ok=True)
        target = cache_dir / f"pack-{key}.pickle"
        tmp = cache_dir / f".pack-{key}.{os.getpid()}.tmp"
        body = pickle.dumps(pack, protocol=5)
        tmp.write_bytes(_seal(seal, key, body) + body)
        os.replace(tmp, target)
        for old in cache_dir.glob("pack-*.pickle"):
            if old != target and old.stat().st_mtime < target.stat().st_mtime - 86400 * 30:
                old.unlink()
