"""A cache of validated content packs, so the app does not re-parse and re-check ~25 TOML files
(pure-Python tomllib, ~35 ms) at every start.

The key is a hash of consultaid's version and the exact bytes and names of every pack file, so
any edit to the pack or an overlay, or an upgrade, misses the cache. The cache file is read with
an unpickler that only builds consultaid's own data classes, dates and paths: a tampered cache
file cannot run code; it is ignored and the pack is loaded from its files.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import hashlib
import io
import os
import pickle
from pathlib import Path

from consultaid import __version__
from consultaid.content.pack import ContentPack
from consultaid.fileio import TEXT_FILE_LIMIT, FileRefused, read_limited

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


def read_cached(cache_dir: Path, key: str) -> ContentPack | None:
    try:
        data = (cache_dir / f"pack-{key}.pickle").read_bytes()
        pack = _PackUnpickler(io.BytesIO(data)).load()
    except Exception:
        return None
    return pack if isinstance(pack, ContentPack) else None


def write_cached(cache_dir: Path, key: str, pack: ContentPack) -> None:
    """Best effort: a cache that cannot be written only costs start-up time."""
    with contextlib.suppress(OSError, pickle.PicklingError):
        cache_dir.mkdir(parents=True, exist_ok=True)
        target = cache_dir / f"pack-{key}.pickle"
        tmp = cache_dir / f".pack-{key}.{os.getpid()}.tmp"
        tmp.write_bytes(pickle.dumps(pack, protocol=5))
        os.replace(tmp, target)
        for old in cache_dir.glob("pack-*.pickle"):
            if old != target and old.stat().st_mtime < target.stat().st_mtime - 86400 * 30:
                old.unlink()
