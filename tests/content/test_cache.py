"""The pack cache: same pack back, any file change misses, a tampered cache runs nothing."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import os
import pickle
from pathlib import Path

import pytest

from consultaid.content.cache import CacheRefused, from_data, read_cached, to_data
from consultaid.content.loader import load_pack_dir
from consultaid.content.problems import ContentError
from tests.helpers import copy_pack, replace_in


def seal_of(tmp_path: Path) -> Path:
    return tmp_path / "config" / "seal.key"


def test_cached_pack_equals_the_loaded_one(tmp_path: Path) -> None:
    base = copy_pack(tmp_path)
    cache = tmp_path / "cache"
    first = load_pack_dir(base, cache_dir=cache, seal_file=seal_of(tmp_path))
    assert len(list(cache.glob("pack-*.json"))) == 1
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
    (cached,) = cache.glob("pack-*.json")
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
    (cached,) = cache.glob("pack-*.json")
    rules = checked.rules
    stripped = dataclasses.replace(checked, rules=RuleSet((), rules.review_gate, rules.all_clear))
    cached.write_bytes(b"\0" * 32 + json.dumps(to_data(stripped)).encode())
    again = load_pack_dir(base, cache_dir=cache, seal_file=seal)
    assert again.rules.rules == checked.rules.rules and again.rules.rules


def sealed(seal: bytes, key: str, body: bytes) -> bytes:
    """A cache file as this installation writes it (the seal is right)."""
    return hmac.new(seal, key.encode() + b"\n" + body, hashlib.sha256).digest() + body


def test_the_cache_is_json_data(tmp_path: Path) -> None:
    base = copy_pack(tmp_path)
    cache = tmp_path / "cache"
    pack = load_pack_dir(base, cache_dir=cache, seal_file=seal_of(tmp_path))
    (cached,) = cache.glob("pack-*.json")
    data = json.loads(cached.read_bytes()[32:])
    assert data["class"] == "consultaid.content.pack:ContentPack"
    assert from_data(data) == pack
    assert not list(cache.glob("*.pickle"))


@pytest.mark.parametrize("body", [
    {"class": "os:system", "fields": {}},
    {"class": "subprocess:Popen", "fields": {"args": "true"}},
    {"class": "builtins:eval", "fields": {}},
    {"class": "consultaid.cli:main", "fields": {}},  # one of ours, but no data class
    {"class": "consultaid.__main__:X", "fields": {}},  # importing it would run the CLI
    {"enum": "os:environ", "v": 1},
    {"reduce": ["os.system", ["true"]]},
    {"tuple": [{"class": "os:system", "fields": {}}]},
])
def test_a_sealed_cache_naming_anything_but_pack_data_builds_nothing(
        tmp_path: Path, body: dict[str, object]) -> None:
    """Even under a right seal (someone who has the key), a cache builds only consultaid's own
    data classes and enums, dates, paths and containers; nothing else is looked up or run."""
    base = copy_pack(tmp_path)
    cache = tmp_path / "cache"
    expected = load_pack_dir(base, cache_dir=cache, seal_file=seal_of(tmp_path))
    (cached,) = cache.glob("pack-*.json")
    key = cached.stem.removeprefix("pack-")
    seal = seal_of(tmp_path).read_bytes()
    with pytest.raises(CacheRefused):
        from_data(body)
    cached.write_bytes(sealed(seal, key, json.dumps(body).encode()))
    assert read_cached(cache, key, seal) is None
    assert load_pack_dir(base, cache_dir=cache, seal_file=seal_of(tmp_path)) == expected


def test_a_sealed_cache_with_other_fields_than_the_class_is_refused(tmp_path: Path) -> None:
    base = copy_pack(tmp_path)
    cache = tmp_path / "cache"
    pack = load_pack_dir(base, cache_dir=cache, seal_file=seal_of(tmp_path))
    data = to_data(pack)
    data["fields"]["surprise"] = 1
    with pytest.raises(CacheRefused, match="other fields"):
        from_data(data)
    del data["fields"]["surprise"]
    del data["fields"][dataclasses.fields(pack)[0].name]
    with pytest.raises(CacheRefused, match="other fields"):
        from_data(data)


def test_a_cache_from_release_0_1_0_is_removed(tmp_path: Path) -> None:
    base = copy_pack(tmp_path)
    cache = tmp_path / "cache"
    cache.mkdir()
    old = cache / ("pack-" + "0" * 40 + ".pickle")
    old.write_bytes(pickle.dumps({"old": True}))
    load_pack_dir(base, cache_dir=cache, seal_file=seal_of(tmp_path))
    assert not old.exists() and len(list(cache.glob("pack-*.json"))) == 1
