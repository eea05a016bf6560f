"""A cache of validated content packs, so the app does not re-parse and re-check ~25 TOML files
(pure-Python tomllib and every content check) at every start.

The key is a hash of consultaid's version and the exact bytes and names of every pack file, so
any edit to the pack or an overlay, or an upgrade, misses the cache. The cache file is JSON,
data only: each value is written with a tag naming its kind (tuple, date, path, one of
consultaid's own data classes or enums) and read back by building exactly those kinds, through
the class's constructor, and nothing else — reading it runs no code a file could choose. Any
other tag, an unknown class or a malformed file is ignored and the pack is loaded from its files.

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
import datetime as dt
import enum
import functools
import hashlib
import hmac
import json
import os
import secrets
import sys
from pathlib import Path, PurePath
from typing import Any

from consultaid import __version__
from consultaid.content.pack import ContentPack
from consultaid.fileio import TEXT_FILE_LIMIT, FileRefused, atomic_write_bytes, read_limited

SUFFIX = ".json"


class CacheRefused(ValueError):
    """A cache file holding something a pack never holds."""


def to_data(value: object) -> Any:
    """``value`` (a pack and everything in it) as JSON values, each kind tagged."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, enum.Enum):
        return {"enum": _class_name(type(value)), "v": to_data(value.value)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"class": _class_name(type(value)),
                "fields": {f.name: to_data(getattr(value, f.name))
                           for f in dataclasses.fields(value) if f.init}}
    if isinstance(value, dt.datetime):
        raise TypeError("a pack holds dates, not times")
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, PurePath):
        return {"path": str(value)}
    if isinstance(value, tuple):
        return {"tuple": [to_data(v) for v in value]}
    if isinstance(value, frozenset):
        return {"frozenset": sorted((to_data(v) for v in value), key=repr)}
    if isinstance(value, list):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {"dict": [[to_data(k), to_data(v)] for k, v in value.items()]}
    raise TypeError(f"{type(value).__name__} is not kept in a pack cache")


def from_data(data: Any) -> Any:
    """The value :func:`to_data` wrote; :class:`CacheRefused` for anything else."""
    if data is None or isinstance(data, bool | int | float | str):
        return data
    if isinstance(data, list):
        return [from_data(v) for v in data]
    if not isinstance(data, dict) or len(data) not in (1, 2):
        raise CacheRefused("not a tagged value")
    if "class" in data and len(data) == 2 and isinstance(data.get("fields"), dict):
        cls = _own_class(data["class"])
        if not dataclasses.is_dataclass(cls):
            raise CacheRefused(f"{data['class']} is not a data class")
        init = {f.name for f in dataclasses.fields(cls) if f.init}
        fields = data["fields"]
        if set(fields) != init:
            raise CacheRefused(f"{data['class']}: other fields than the class has")
        return cls(**{name: from_data(v) for name, v in fields.items()})
    if "enum" in data and len(data) == 2 and "v" in data:
        cls = _own_class(data["enum"])
        if not issubclass(cls, enum.Enum):
            raise CacheRefused(f"{data['enum']} is not an enum")
        return cls(from_data(data["v"]))
    ((tag, body),) = data.items() if len(data) == 1 else (("", None),)
    if tag == "date" and isinstance(body, str):
        return dt.date.fromisoformat(body)
    if tag == "path" and isinstance(body, str):
        return Path(body)
    if tag == "tuple" and isinstance(body, list):
        return tuple(from_data(v) for v in body)
    if tag == "frozenset" and isinstance(body, list):
        return frozenset(from_data(v) for v in body)
    if tag == "dict" and isinstance(body, list):
        pairs = [from_data(pair) for pair in body]
        if not all(isinstance(p, list) and len(p) == 2 for p in pairs):
            raise CacheRefused("a dict entry that is not a pair")
        return {key: value for key, value in pairs}
    raise CacheRefused(f"unknown tag {sorted(data)}")


def _class_name(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


@functools.cache
def _own_class(name: object) -> type:
    """One of consultaid's own classes by ``module:qualname``, from a module already imported
    (a pack's classes are, by the loader): a cache file never makes a module run."""
    if not isinstance(name, str):
        raise CacheRefused("a class name that is not text")
    module, _, qualname = name.partition(":")
    if not module.startswith("consultaid.") or not qualname or module not in sys.modules:
        raise CacheRefused(f"{name} is not one of consultaid's classes")
    found: object = sys.modules[module]
    for part in qualname.split("."):
        found = getattr(found, part, None)
    if not isinstance(found, type):
        raise CacheRefused(f"{name} is not a class")
    return found


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
        data = read_limited(cache_dir / f"pack-{key}{SUFFIX}", 16 * 1024 * 1024)
        mac, body = data[:SEAL_SIZE], data[SEAL_SIZE:]
        if not hmac.compare_digest(mac, _seal(seal, key, body)):
            return None  # not written by this installation after the checks passed
        pack = from_data(json.loads(body))
    except Exception:
        return None
    return pack if isinstance(pack, ContentPack) else None


def write_cached(cache_dir: Path, key: str, pack: ContentPack, seal: bytes) -> None:
    """Best effort: a cache that cannot be written only costs start-up time."""
    with contextlib.suppress(OSError, TypeError, ValueError):
        body = json.dumps(to_data(pack), ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
        cache_dir.mkdir(parents=True, exist_ok=True)
        target = cache_dir / f"pack-{key}{SUFFIX}"
        tmp = cache_dir / f".pack-{key}.{os.getpid()}.tmp"
        tmp.write_bytes(_seal(seal, key, body) + body)
        os.replace(tmp, target)
        for old in [*cache_dir.glob("pack-*.pickle"), *cache_dir.glob(f"pack-*{SUFFIX}")]:
            # 0.1.0's pickles are never read again; other packs' caches go after 30 days
            if old != target and (old.suffix == ".pickle" or
                                  old.stat().st_mtime < target.stat().st_mtime - 86400 * 30):
                old.unlink()
