"""pyphen's hyphenation dictionaries, parsed once per installation instead of once per handout.

pyphen parses a ``hyph_*.dic`` file (about 11,000 patterns for en_US) in pure Python every
time a process first asks for it: ~150 ms, a third of a whole ``consultaid handout`` run
(issue 29). The parsed patterns are plain data — a pattern's letters, where its digits start and
the digits — so they are kept in the data folder's cache as JSON, keyed by a hash of the
dictionary file and pyphen's version, and sealed like the content cache (content/cache.py,
``content-cache.key`` in the config folder). Reading them back builds pyphen's own dictionary
object with exactly the values its parser would have made, so every break is the same.

Anything unexpected — a dictionary with non-standard hyphenation (``/`` alternatives, whose
values are not plain digits), a cache that does not match its seal or its shape, an unwritable
folder, a pyphen whose internals differ — falls back to pyphen's own parse: the cache only ever
costs or saves time, never changes a break.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
from pathlib import Path
from typing import Any

FORMAT = "1"
"""Bump when what is stored changes."""


def cached_pyphen(code: str) -> Any:
    """``pyphen.Pyphen(lang=code)``, its patterns read from the cache where possible."""
    import pyphen  # type: ignore[import-untyped]

    path = pyphen.LANGUAGES.get(code)
    if path is not None and path not in pyphen.hdcache:
        with contextlib.suppress(Exception):  # a cache problem only costs the parse
            _preload(pyphen, Path(path), code)
    return pyphen.Pyphen(lang=code)


def _preload(pyphen: Any, path: Path, code: str) -> None:
    from consultaid.content.cache import seal_key
    from consultaid.paths import config_dir, data_dir

    seal = seal_key(config_dir() / "content-cache.key")
    if seal is None:
        return
    digest = hashlib.sha256(f"{FORMAT}\n{pyphen.__version__}\n{code}\n".encode())
    digest.update(path.read_bytes())
    key = digest.hexdigest()[:32]
    cache_file = data_dir() / "cache" / f"hyph-{code}-{key}.json"
    patterns = _read(cache_file, seal, key)
    if patterns is None:
        dictionary = pyphen.HyphDict(path)
        pyphen.hdcache[path] = dictionary
        _write(cache_file, seal, key, dictionary.patterns)
        return
    dictionary = pyphen.HyphDict.__new__(pyphen.HyphDict)
    dictionary.patterns = patterns
    dictionary.cache = {}
    dictionary.maxlen = max(len(pattern) for pattern in patterns)
    pyphen.hdcache[path] = dictionary


def _mac(seal: bytes, key: str, body: bytes) -> bytes:
    return hmac.new(seal, b"hyphenation\n" + key.encode() + b"\n" + body,
                    hashlib.sha256).digest()


def _read(cache_file: Path, seal: bytes, key: str) -> dict[str, Any] | None:
    """The patterns as pyphen keeps them, (start, digits) per pattern — here as JSON's lists,
    which pyphen's look-up unpacks and indexes the same way. The seal says this installation
    wrote them from pyphen's own parse, so they are not checked one by one (that cost more than
    a third of what the cache saves)."""
    try:
        data = cache_file.read_bytes()
    except OSError:
        return None
    mac, body = data[:32], data[32:]
    if not hmac.compare_digest(mac, _mac(seal, key, body)):
        return None
    stored = json.loads(body)
    return stored if isinstance(stored, dict) and stored else None


def _write(cache_file: Path, seal: bytes, key: str, patterns: dict[str, Any]) -> None:
    """Only dictionaries whose every value is a plain digit are kept (pyphen's alternatives,
    ``DataInt`` with data, are not plain data)."""
    plain = {}
    for pattern, (start, values) in patterns.items():
        if any(getattr(v, "data", None) is not None for v in values):
            return
        plain[pattern] = [start, [int(v) for v in values]]
    body = json.dumps(plain, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with contextlib.suppress(OSError):
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_name(f".{cache_file.name}.{os.getpid()}.tmp")
        tmp.write_bytes(_mac(seal, key, body) + body)
        os.replace(tmp, cache_file)
