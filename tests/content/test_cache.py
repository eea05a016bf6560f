"""The pack cache: same pack back, any file change misses, a tampered cache runs nothing."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from consultaid.content.cache import read_cached
from consultaid.content.loader import load_pack_dir
from consultaid.content.problems import ContentError
from tests.helpers import copy_pack, replace_in


def test_cached_pack_equals_the_loaded_one(tmp_path: Path) -> None:
    base = copy_pack(tmp_path)
    cache = tmp_path / "cache"
    first = load_pack_dir(base, cache_dir=cache)
    assert len(list(cache.glob("pack-*.pickle"))) == 1
    again = load_pack_dir(base, cache_dir=cache)
    assert again == first == load_pack_dir(base)


def test_a_changed_file_misses_the_cache(tmp_path: Path) -> None:
    base = copy_pack(tmp_path)
    cache = tmp_path / "cache"
    load_pack_dir(base, cache_dir=cache)
    replace_in(base / "handout.toml", 'title = "', 'title = "Changed: ')
    assert load_pack_dir(base, cache_dir=cache).handout.title.startswith("Changed: ")
    replace_in(base / "handout.toml", 'title = "Changed: ', 'titel = "')
    with pytest.raises(ContentError, match="title: required key is missing"):
        load_pack_dir(base, cache_dir=cache)  # a broken pack is never served from a cache


def test_a_tampered_cache_is_ignored_and_runs_nothing(tmp_path: Path) -> None:
    base = copy_pack(tmp_path)
    cache = tmp_path / "cache"
    expected = load_pack_dir(base, cache_dir=cache)
    (cached,) = cache.glob("pack-*.pickle")
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    cached.write_bytes(pickle.dumps(Evil()))
    key = cached.stem.removeprefix("pack-")
    assert read_cached(cache, key) is None
    assert load_pack_dir(base, cache_dir=cache) == expected
    assert not marker.exists()
    cached.write_bytes(b"not a pickle")
    assert load_pack_dir(base, cache_dir=cache) == expected


def test_an_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    base = copy_pack(tmp_path)
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    assert load_pack_dir(base, cache_dir=blocker) == load_pack_dir(base)
