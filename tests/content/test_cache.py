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


def seal_of(tmp_path: Path) -> Path:
    return tmp_path / "config" / "seal.key"


def test_cached_pack_equals_the_loaded_one(tmp_path: Path) -> None:
    base = copy_pack(tmp_path)
    cache = tmp_path / "cache"
    first = load_pack_dir(base, cache_dir=cache, seal_file=seal_of(tmp_path))
    assert len(list(cache.glob("pack-*.pickle"))) == 1
    again = load_pack_dir(base, cache_dir=cache, seal_file=seal_of(tmp_path))
    assert again == first == load_pack_dir(base)


def test_a_changed_file_misses_the_cache(tmp_path: Path) -> None:
    base = copy_pack(tmp_path)
    cache = tmp_path / "cache"
    load_pack_dir(base, cache_dir=cache, seal_file=seal_of(tmp_path))
    replace_in(base / "handout.toml", 'title = "', 'title = "Changed: ')
    changed = load_pack_dir(base, cache_dir=cache, seal_file=seal_of(tmp_path))
    assert changed.handout.title.startswith("Changed: ")
    replace_in(base / "handout.toml", 'title = "Changed: ', 'titel = "')
    with pytest.raises(ContentError, match="title: required key is missing"):
        # a broken pack is never served from a cache
        load_pack_dir(base, cache_dir=cache, seal_file=seal_of(tmp_path))


def test_a_tampered_cache_is_ignored_and_runs_nothing(tmp_path: Path) -> None:
    base = copy_pack(tmp_path)
    cache = tmp_path / "cache"
    expected = load_pack_dir(base, cache_dir=cache, seal_file=seal_of(tmp_path))
    (cached,) = cache.glob("pack-*.pickle")
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    cached.write_bytes(pickle.dumps(Evil()))
    key = cached.stem.removeprefix("pack-")
    assert read_cached(cache, key, seal_of(tmp_path).read_bytes()) is None
    assert load_pack_dir(base, cache_dir=cache, seal_file=seal_of(tmp_path)) == expected
    assert not marker.exists()
    cached.write_bytes(b"not a pickle")
    assert load_pack_dir(base, cache_dir=cache, seal_file=seal_of(tmp_path)) == expected


def test_an_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    base = copy_pack(tmp_path)
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    assert (load_pack_dir(base, cache_dir=blocker, seal_file=seal_of(tmp_path))
            == load_pack_dir(base))


def test_a_forged_cache_of_an_unchecked_pack_is_never_served(tmp_path: Path) -> None:
    """Someone who can write the data folder writes a pack without its safety rules under the
    right name: without the seal key (kept in the config folder) it is ignored (issue 10.4)."""
    import dataclasses

    from consultaid.domain.screening import RuleSet

    base = copy_pack(tmp_path)
    cache = tmp_path / "cache"
    seal = tmp_path / "config" / "seal.key"
    checked = load_pack_dir(base, cache_dir=cache, seal_file=seal)
    assert seal.stat().st_mode & 0o777 == 0o600
    (cached,) = cache.glob("pack-*.pickle")
    rules = checked.rules
    stripped = dataclasses.replace(checked, rules=RuleSet((), rules.review_gate, rules.all_clear))
    cached.write_bytes(b"\0" * 32 + pickle.dumps(stripped, protocol=5))
    again = load_pack_dir(base, cache_dir=cache, seal_file=seal)
    assert again.rules.rules == checked.rules.rules and again.rules.rules
