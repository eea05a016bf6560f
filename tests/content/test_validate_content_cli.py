"""``consultaid validate-content``: grades per block, the whole-pack grade, review due dates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from consultaid.cli import main
from consultaid.content.loader import load_pack_dir
from tests.content.conftest import replace_in


@pytest.fixture(autouse=True)
def no_overlay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSULTAID_CONTENT_OVERLAY", str(tmp_path / "no-overlay"))


def test_bundled_pack_passes_and_prints_each_grade(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate-content"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK   bundled pack 'en'")
    assert re.search(r"^\s+\d+\.\d  conditions/stroke\.toml: patient\.aims$", out, re.M)
    assert re.search(r"^\s+\d+\.\d  handout\.toml: regulatory\.text$", out, re.M)
    whole = re.search(r"Whole pack: Flesch-Kincaid grade (\d+\.\d)", out)
    assert whole is not None and float(whole.group(1)) <= 7.0
    assert "Hardest block:" in out
    assert "TOO HARD" not in out and "DUE FOR REVIEW" not in out


def test_pack_past_review_by_loads_and_says_it_is_due(
        pack_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace_in(pack_copy / "pack.toml", "last_reviewed = 2026-12-07", "last_reviewed = 2020-01-01")
    replace_in(pack_copy / "pack.toml", "review_by = 2027-06-07", "review_by = 2020-07-01")
    pack = load_pack_dir(pack_copy)
    assert pack.is_due_for_review()
    assert main(["validate-content", str(pack_copy)]) == 0
    out = capsys.readouterr().out
    assert "(due for review)" in out
    assert "DUE FOR REVIEW: the review-by date 2020-07-01 has passed" in out


def test_bad_pack_fails_with_file_key_and_grades(
        pack_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace_in(pack_copy / "handout.toml", 'intro = "', 'intro = "This miracle therapy. ')
    assert main(["validate-content", str(pack_copy)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"FAIL pack {pack_copy}: 1 problem(s)")
    assert "handout.toml: intro: says 'miracle' as a claim" in out
    assert "Whole pack: Flesch-Kincaid grade" in out


def test_overlay_with_a_claim_fails_naming_file_and_key(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from consultaid.resources import content_dir

    overlay = tmp_path / "overlay" / "en" / "conditions"
    overlay.mkdir(parents=True)
    text = (content_dir() / "en" / "conditions" / "wounds.toml").read_text(encoding="utf-8")
    text = text.replace("It may not help your wound.", "It is proven to heal your wound.")
    (overlay / "wounds.toml").write_text(text, encoding="utf-8")
    assert main(["validate-content", str(tmp_path / "overlay")]) == 1
    out = capsys.readouterr().out
    assert "conditions/wounds.toml: patient.limitations[0]: says 'proven to'" in out


def test_spanish_pack_passes_with_inflesz_and_says_it_is_a_draft(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate-content"]) == 0
    out = capsys.readouterr().out
    spanish = out[out.index("OK   bundled pack 'es'"):]
    assert "Translation: draft translation of en" in spanish
    assert "NOT YET REVIEWED" in spanish
    whole = re.search(r"Whole pack: INFLESZ (\d+\.\d) \(", spanish)
    assert whole is not None and float(whole.group(1)) >= 65
    assert "TOO HARD" not in spanish


def test_a_translation_behind_its_source_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    from consultaid.resources import content_dir

    copy = tmp_path / "es"
    shutil.copytree(content_dir() / "es", copy)
    replace_in(copy / "pack.toml", 'source_version = "2027.01"',
               'source_version = "2026.11.0"')
    assert main(["validate-content", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "SOURCE CHANGED: translated from en 2026.11.0, but the bundled en pack is now" in out
