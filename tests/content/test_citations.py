"""Citations in patient text: "[source-id]" markers, checked at load, printed as numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from consultaid.content.citations import cited, numbered, without_citations
from consultaid.content.loader import load_pack_dir
from consultaid.content.problems import ContentError
from consultaid.content.readability import patient_blocks
from tests.content.conftest import replace_in


def test_markers_are_found_numbered_and_left_out_of_the_reading_level() -> None:
    text = "No better than a steroid shot [mautner-2023]. See [1] and [sic]."
    assert cited(text) == ["mautner-2023"]
    assert numbered(text, {"mautner-2023": 4}) == (
        "No better than a steroid shot [4]. See [1] and [sic].")
    assert numbered(text, {}) == "No better than a steroid shot. See [1] and [sic]."
    assert without_citations(text) == "No better than a steroid shot. See [1] and [sic]."


def test_the_bundled_packs_cite_their_sources() -> None:
    from consultaid.content.loader import load_content

    for language in ("en", "es"):
        pack = load_content(language).pack
        oa = pack.conditions["osteoarthritis"].patient
        msc = next(o for o in oa.options if o.id == "msc")
        assert cited(msc.benefits) == ["mautner-2023"]
        assert cited(msc.risks) == ["shang-2023"]
        assert cited(msc.cost) == ["piuzzi-2018"]
        assert "fda-consumer-2021" in cited(pack.handout.regulatory.text)


def test_the_reading_level_reads_no_marker(pack_copy: Path) -> None:
    from consultaid.content.loader import read_pack_data

    data, _ = read_pack_data(pack_copy)
    texts = [block.text for block in patient_blocks(data)]
    assert not any("[mautner-2023]" in text for text in texts)


@pytest.mark.parametrize(("old", "new", "says"), [
    ("the steroid group too [mautner-2023]", "the steroid group too [no-such-2020]",
     "cites [no-such-2020]"),
    ("the steroid group too [mautner-2023]", "the steroid group too [treasure-2024]",
     "cites [treasure-2024]"),  # a stroke source on the osteoarthritis sheet
])
def test_a_marker_must_name_a_source_the_sheet_lists(pack_copy: Path, old: str, new: str,
                                                     says: str) -> None:
    replace_in(pack_copy / "conditions" / "osteoarthritis.toml", old, new)
    with pytest.raises(ContentError) as caught:
        load_pack_dir(pack_copy)
    assert [p.key for p in caught.value.problems] == ["patient.options[0].benefits"]
    assert says in str(caught.value)
