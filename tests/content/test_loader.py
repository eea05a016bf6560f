"""Loading packs: the bundled pack, clinic overlays, and every kind of malformed pack refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from consultaid.content.loader import available_languages, load_content, load_pack_dir
from consultaid.content.problems import ContentError
from consultaid.resources import content_dir
from tests.helpers import copy_pack, replace_in


def problems_of(base: Path, overlay: Path | None = None) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_pack_dir(base, overlay)
    return [str(p) for p in info.value.problems]


def test_bundled_pack_loads_with_version_and_dates() -> None:
    pack = load_content("en").pack
    assert pack.language == "en"
    assert pack.version
    assert pack.last_reviewed <= pack.review_by
    assert pack.conditions and pack.script.points
    assert pack.checklist.item("crp") is not None
    assert pack.overlay_files == ()
    assert "en" in available_languages()


def test_review_due_is_reported_but_the_pack_still_loads(tmp_path: Path) -> None:
    base = copy_pack(tmp_path)
    text = (base / "pack.toml").read_text()
    lines = [ln for ln in text.splitlines()
             if not ln.startswith(("last_reviewed", "review_by"))]
    lines += ["last_reviewed = 2020-01-01", "review_by = 2020-06-01"]
    (base / "pack.toml").write_text("\n".join(lines) + "\n")
    pack = load_pack_dir(base)
    assert pack.is_due_for_review(dt.date(2026, 1, 1))
    assert not pack.is_due_for_review(dt.date(2020, 3, 1))


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("pack.toml", 'version = "', 'version = ', "pack.toml: (syntax): "),
        ("checklist.toml", 'kind = "text"', 'kind = "text"\n  colour = "red"',
         "checklist.toml: group[diagnosis].item[diagnosis].colour: unknown key"),
        ("checklist.toml", 'label = "Diagnosis"\n', 'label = ""\n',
         "checklist.toml: group[diagnosis].item[diagnosis].label: must be non-empty text"),
        ("checklist.toml", 'id = "esr"', 'id = "crp"',
         "checklist.toml: group[markers].item[crp].id: duplicate ID 'crp'"),
        ("checklist.toml", 'kind = "yes_no"', 'kind = "slider"',
         "is not one of text, yes_no"),
        ("rules.toml", 'when = { item = "infection", equals = "active" }',
         'when = { item = "infektion", equals = "active" }',
         "rules.toml: rule[infection-active].when.item: 'infektion' is not an item of the"),
        ("rules.toml", 'when = { item = "infection", equals = "active" }',
         'when = { item = "infection", equals = "acute" }',
         "rules.toml: rule[infection-active].when.equals: 'acute' is not an option of item"),
        ("rules.toml", 'id = "pregnancy"', 'id = "cancer-active"',
         "rules.toml: rule[cancer-active].id: duplicate ID 'cancer-active'"),
        ("rules.toml", 'verdict = "deferred"', 'verdict = "may_proceed"',
         "only the engine grants may_proceed"),
        ("rules.toml", 'equals = "active" }', 'resembles = "active" }',
         "unknown test 'resembles'"),
        ("rules.toml", 'item = "crp", above = 10', 'item = "crp", above = "ten"',
         "rules.toml: rule[crp-high].when.above: must be a number"),
        ("rules.toml", "[review_gate]\n", "[review_gates]\n",
         "rules.toml: review_gates: unknown key"),
        ("handout.toml", 'title = "', 'titel = "', "handout.toml: title: required key is missing"),
        ("handout.toml", "[headings]\n", "[headings]\nfooter = 'x'\n",
         "handout.toml: headings.footer: unknown key"),
        ("handout.toml", "checked_on = 2026", 'checked_on = "soon"\n# 2026',
         "handout.toml: regulatory.checked_on: must be a date"),
        ("script.toml", 'id = "modulation"', 'id = "inflammation"',
         "script.toml: point[inflammation].id: duplicate ID 'inflammation'"),
        ("sources.toml", 'publisher = "International', 'publisher = 3\n# "',
         "sources.toml: source[isscr-2021].publisher: must be non-empty text"),
        ("conditions/osteoarthritis.toml", "[patient]\n", "[patient]\nbenefit = 'x'\n",
         "conditions/osteoarthritis.toml: patient.benefit: unknown key"),
        ("conditions/osteoarthritis.toml", 'evidence = "', 'evidence = ""\n# "',
         "conditions/osteoarthritis.toml: patient.evidence: must be non-empty text"),
    ],
)
def test_malformed_pack_is_refused_naming_file_and_key(
    tmp_path: Path, file: str, old: str, new: str, expected: str
) -> None:
    base = copy_pack(tmp_path)
    replace_in(base / file, old, new)
    problems = problems_of(base)
    assert any(expected in p for p in problems), problems


def test_every_problem_is_listed_not_just_the_first(tmp_path: Path) -> None:
    base = copy_pack(tmp_path)
    replace_in(base / "rules.toml", 'item = "infection", equals = "active"',
               'item = "nope", equals = "active"')
    replace_in(base / "checklist.toml", 'label = "Diagnosis"\n', 'label = 5\n')
    replace_in(base / "script.toml", 'takeaway = "It may not', 'takeaways = "It may not')
    problems = problems_of(base)
    assert len(problems) >= 3
    assert {p.split(":")[0] for p in problems} >= {"rules.toml", "checklist.toml", "script.toml"}


def test_missing_file_and_duplicate_condition_id(tmp_path: Path) -> None:
    base = copy_pack(tmp_path)
    (base / "sources.toml").unlink()
    problems = problems_of(base)
    assert any(p.startswith("sources.toml: file is missing") for p in problems), problems

    base = copy_pack(tmp_path / "second")
    text = (base / "conditions" / "osteoarthritis.toml").read_text()
    (base / "conditions" / "copy.toml").write_text(text)
    problems = problems_of(base)
    assert any("duplicate ID 'osteoarthritis'" in p for p in problems), problems


def test_overlay_replaces_a_file(tmp_path: Path) -> None:
    overlay_root = tmp_path / "overlay"
    (overlay_root / "en").mkdir(parents=True)
    original = (content_dir() / "en" / "handout.toml").read_text()
    (overlay_root / "en" / "handout.toml").write_text(
        original.replace('title = "Your visit about MSC therapy"',
                         'title = "Riverside Clinic: your visit"'))
    result = load_content("en", overlay_root=overlay_root)
    assert result.warnings == []
    assert result.pack.handout.title == "Riverside Clinic: your visit"
    assert result.pack.overlay_files == ("handout.toml",)


def test_broken_overlay_falls_back_to_bundled_and_says_so(tmp_path: Path) -> None:
    overlay_root = tmp_path / "overlay"
    (overlay_root / "en").mkdir(parents=True)
    (overlay_root / "en" / "rules.toml").write_text("this is = = not toml")
    result = load_content("en", overlay_root=overlay_root)
    assert result.pack.overlay_files == ()
    assert result.pack.rules.rules  # the bundled rules are in use
    assert len(result.warnings) == 1
    assert "refused" in result.warnings[0] and "rules.toml: (syntax)" in result.warnings[0]


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(ContentError, match="no content pack for language 'xx'"):
        load_content("xx")
