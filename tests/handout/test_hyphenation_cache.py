"""The hyphenation cache (handout/hyphenation.py) saves pyphen's parse and never moves a break."""

from __future__ import annotations

from pathlib import Path

import pyphen  # type: ignore[import-untyped]
import pytest

from consultaid.handout import hyphenation

WORDS = ("consultation", "inflammation", "mesenchymal", "osteoarthritis", "physician",
         "procedure", "injection", "comparison", "rheumatoid", "transplantation",
         "inflamación", "osteoartritis", "procedimiento", "tratamiento", "información",
         "enrojecimiento", "consentimiento", "recomendaciones", "xylophone", "a", "")


@pytest.fixture
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CONSULTAID_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("CONSULTAID_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(pyphen, "hdcache", {})  # each test starts as a new process would
    return tmp_path / "data" / "cache"


def pyphen_own(code: str) -> list[list[tuple[str, str]]]:
    fresh = pyphen.Pyphen(lang=code, cache=False)
    return [list(fresh.iterate(word)) for word in WORDS]


@pytest.mark.parametrize("code", ["en_US", "es"])
def test_the_cached_patterns_break_every_word_where_pyphen_does(
        dirs: Path, code: str) -> None:
    first = hyphenation.cached_pyphen(code)  # parses and writes the cache
    written = list(dirs.glob(f"hyph-{code}-*.json"))
    assert len(written) == 1
    pyphen.hdcache.clear()
    second = hyphenation.cached_pyphen(code)  # reads it back
    assert type(second.hd.patterns[next(iter(second.hd.patterns))]) is list, "from the cache"
    expected = pyphen_own(code)
    assert [list(first.iterate(w)) for w in WORDS] == expected
    assert [list(second.iterate(w)) for w in WORDS] == expected
    assert any(expected), "the words have breaks to compare"
    parsed = pyphen.HyphDict(pyphen.LANGUAGES[code]).patterns
    assert second.hd.patterns == {k: [start, list(values)]
                                  for k, (start, values) in parsed.items()}


def test_a_changed_cache_is_ignored(dirs: Path) -> None:
    hyphenation.cached_pyphen("en_US")
    (cache_file,) = dirs.glob("hyph-en_US-*.json")
    data = bytearray(cache_file.read_bytes())
    # Move a break: change a digit inside the sealed body; the seal no longer matches.
    at = data.index(b"[", 40) + 1
    data[at:at + 1] = b"7" if data[at:at + 1] != b"7" else b"5"
    cache_file.write_bytes(bytes(data))
    pyphen.hdcache.clear()
    again = hyphenation.cached_pyphen("en_US")
    assert type(next(iter(again.hd.patterns.values()))) is tuple, "pyphen's own parse"
    assert [list(again.iterate(w)) for w in WORDS] == pyphen_own("en_US")


@pytest.mark.parametrize("junk", [b"", b"not json at all", b"\x00" * 40])
def test_a_broken_cache_file_costs_only_the_parse(dirs: Path, junk: bytes) -> None:
    hyphenation.cached_pyphen("es")
    (cache_file,) = dirs.glob("hyph-es-*.json")
    cache_file.write_bytes(junk)
    pyphen.hdcache.clear()
    assert [list(hyphenation.cached_pyphen("es").iterate(w)) for w in WORDS] == pyphen_own("es")


def test_an_unwritable_data_folder_still_hyphenates(dirs: Path) -> None:
    dirs.parent.parent.mkdir(parents=True, exist_ok=True)
    (dirs.parent).write_text("a file where the data folder should be")
    assert ([list(hyphenation.cached_pyphen("en_US").iterate(w)) for w in WORDS]
            == pyphen_own("en_US"))
    assert not dirs.exists()
