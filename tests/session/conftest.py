"""Session tests: pure functions of a consultation and the bundled pack (no display)."""

from __future__ import annotations

import pytest

from consultaid.content.loader import load_content
from consultaid.content.pack import ContentPack


@pytest.fixture(scope="session")
def pack() -> ContentPack:
    result = load_content("en", overlay_root=None)
    assert not result.warnings
    return result.pack
