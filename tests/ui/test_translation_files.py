"""The app's translations are in step with the code (issue 16.5).

``pyside6-lupdate`` is run on a copy of each ``.ts``: a string the code shows that the ``.ts``
lacks comes back "unfinished", and the test fails until someone translates it (``python3 dev.py
translations`` refreshes the file and compiles it). The shipped ``.qm`` must be what ``lrelease``
makes of the ``.ts``, and each translation must keep its source's placeholders, markup and
keyboard accelerator.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from consultaid.resources import resources_dir

ROOT = Path(__file__).resolve().parents[2]
I18N = resources_dir() / "i18n"
TS_FILES = sorted(I18N.glob("consultaid_*.ts"))
TOOLS = Path(sys.executable).parent


def tool(name: str) -> str:
    found = TOOLS / name
    assert found.exists(), f"{name} is not installed beside {sys.executable} (PySide6 ships it)"
    return str(found)


def messages(ts: Path) -> list[tuple[str, str, str, str]]:
    """(context, source, translation, type) for every message of ``ts``."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found.append((name, message.findtext("source") or "", translation.text or "",
                          translation.get("type", "")))
    return found


def test_there_is_a_spanish_translation() -> None:
    assert [p.name for p in TS_FILES] == ["consultaid_es.ts"]


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.stem)
def test_every_string_the_code_shows_is_translated(ts: Path, tmp_path: Path) -> None:
    copy = tmp_path / ts.name
    shutil.copy(ts, copy)
    run = subprocess.run([tool("pyside6-lupdate"), "-extensions", "py", "-locations", "none",
                          "-no-obsolete", str(ROOT / "consultaid"), "-ts", str(copy)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 new and" in run.stdout, run.stdout  # lupdate found no text the .ts lacks
    fresh = messages(copy)
    unfinished = [(c, s) for c, s, _t, kind in fresh if kind in ("unfinished", "vanished",
                                                                 "obsolete")]
    assert unfinished == [], f"{len(unfinished)} untranslated: run python3 dev.py translations"
    assert len(fresh) == len(messages(ts)) > 500


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.stem)
def test_the_shipped_qm_is_compiled_from_the_ts(ts: Path, tmp_path: Path) -> None:
    made = tmp_path / "made.qm"
    run = subprocess.run([tool("pyside6-lrelease"), "-nounfinished", str(ts), "-qm", str(made)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert made.read_bytes() == ts.with_suffix(".qm").read_bytes(), \
        "the .qm is older than the .ts: run python3 dev.py translations"


PLACEHOLDER = re.compile(r"\{[^{}]*\}")
TAG = re.compile(r"</?[a-z0-9]+")
ACCELERATOR = re.compile(r"&(?!&)(?=\S)")


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.stem)
def test_translations_keep_placeholders_markup_and_one_accelerator(ts: Path) -> None:
    wrong = []
    for context, source, translation, _kind in messages(ts):
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation)):
            wrong.append(f"{context}: {source!r}: placeholders")
        if sorted(TAG.findall(source)) != sorted(TAG.findall(translation)):
            wrong.append(f"{context}: {source!r}: markup")
        if len(ACCELERATOR.findall(source)) != len(ACCELERATOR.findall(translation)):
            wrong.append(f"{context}: {source!r}: keyboard accelerator")
    assert wrong == []


def test_translation_review_status_is_on_record() -> None:
    import tomllib

    recorded = tomllib.loads((I18N / "translations.toml").read_text(encoding="utf-8"))
    for ts in TS_FILES:
        language = ts.stem.removeprefix("consultaid_")
        entry = recorded[language]
        assert entry["status"] in ("draft", "reviewed")
        assert entry["translator"]
        if entry["status"] == "reviewed":
            assert entry["reviewer"] and entry["reviewed_on"]
