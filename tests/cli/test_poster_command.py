"""`consultaid poster`: the state notice word for word, US Letter, 40-point type or more."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from consultaid.cli import main
from consultaid.content.notices import CHECKED_NOTICES


def _settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(f'[regulatory]\njurisdiction = "{code}"\n', encoding="utf-8")
    monkeypatch.setenv("CONSULTAID_SETTINGS", str(path))


@pytest.mark.parametrize("code", ["US-CA", "US-UT"])
def test_poster_is_a_letter_page_in_40_point_type(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  code: str) -> None:
    _settings(tmp_path, monkeypatch, code)
    out = tmp_path / "notice.pdf"
    assert main(["poster", "-o", str(out)]) == 0
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert sorted((round(float(box.width)), round(float(box.height)))) == [612, 792]
    sizes: list[float] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if text.strip():
            sizes.append(size * tm[3])

    text = reader.pages[0].extract_text(visitor_text=visit)
    assert sizes and min(sizes) >= 40
    assert " ".join(text.split()) == CHECKED_NOTICES[code]


def test_no_notice_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    _settings(tmp_path, monkeypatch, "US-NY")
    out = tmp_path / "notice.pdf"
    assert main(["poster", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "New York" in err and "no stem cell notice" in err and "Traceback" not in err
    assert not out.exists()
