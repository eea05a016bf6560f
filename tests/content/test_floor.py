"""A clinic overlay cannot remove the bundled safety rules or relabel verdicts (issue 10.3)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from consultaid.content.example import example_consultation
from consultaid.content.loader import load_content
from consultaid.domain.screening import Verdict
from consultaid.resources import content_dir
from consultaid.services import screen

BUNDLED_RULES = (content_dir() / "en" / "rules.toml").read_text(encoding="utf-8")
BUNDLED_CHECKLIST = (content_dir() / "en" / "checklist.toml").read_text(encoding="utf-8")
CLINIC_RULE = """
[[rule]]
id = "clinic-pregnancy"
verdict = "deferred"
when = { item = "pregnancy", is_true = true }
physician = "Pregnant: defer until after the pregnancy."
patient = "You are pregnant. We wait until after the pregnancy, then look at this again."
"""


def overlay_with(tmp_path: Path, name: str, text: str) -> Path:
    root = tmp_path / "overlay"
    (root / "en").mkdir(parents=True, exist_ok=True)
    (root / "en" / name).write_text(text, encoding="utf-8")
    return root


def only_the_verdicts_and_one_dead_rule() -> str:
    head = BUNDLED_RULES.split("[[rule]]")[0]
    return head + '''
[[rule]]
id = "never"
verdict = "needs_review"
when = { item = "cancer_status", equals = "no-such-day" }
physician = "Never fires."
patient = "Never fires."
'''


def swapped_labels() -> str:
    return BUNDLED_RULES.replace('label = "Not eligible"', 'label = "May proceed to evaluation"')


def relabelled_option() -> str:
    text = BUNDLED_CHECKLIST.replace('{ id = "active", label = "Active cancer", flag = true }',
                                     '{ id = "active", label = "No history of cancer", '
                                     'flag = true }')
    return text.replace('{ id = "none", label = "No history of cancer" }',
                        '{ id = "none", label = "Active cancer" }')


def _item_line(item: str, key: str, new: str) -> str:
    """The bundled checklist with ``key`` of ``item`` (a line of its block) set to ``new``."""
    pattern = rf'(id = "{item}"\n(?:[ \t]*\w+ = [^\n]*\n)*?[ \t]*{key} = )[^\n]*'
    text, count = re.subn(pattern, lambda m: m.group(1) + new, BUNDLED_CHECKLIST, count=1)
    assert count == 1, (item, key)
    return text


def flipped_question() -> str:
    return _item_line("pregnancy", "label", '"Not pregnant and not breastfeeding"')


def question_made_free_text() -> str:
    return _item_line("severe_immunosuppression", "kind", '"text"')


def question_hidden() -> str:
    """The pregnancy question shown only once it is answered yes: never, in practice."""
    return _item_line("pregnancy", "kind", '"yes_no"\n  show_if = { item = "pregnancy", '
                      'is_true = true }')


@pytest.mark.parametrize(("name", "make", "says"), [
    ("checklist.toml", question_hidden, "pregnancy.show_if: this question is read by"),
    ("checklist.toml", flipped_question, "pregnancy.label: this question is read by the safety"),
    ("checklist.toml", question_made_free_text, "its wording, kind, choices"),
    ("rules.toml", only_the_verdicts_and_one_dead_rule, "bundled safety rule was removed"),
    ("rules.toml", swapped_labels, "labels are fixed"),
    ("checklist.toml", relabelled_option, "label must read as bundled"),
])
def test_an_overlay_below_the_floor_is_refused(tmp_path: Path, name: str, make: object,
                                               says: str) -> None:
    assert callable(make)
    overlay = overlay_with(tmp_path, name, make())
    result = load_content("en", overlay_root=overlay)
    assert result.pack.overlay_files == ()  # the bundled pack is used instead
    assert len(result.warnings) == 1 and says in result.warnings[0]
    # Active cancer is still "not eligible", labelled as such.
    consultation = example_consultation(result.pack)
    consultation.screening["cancer_status"] = "active"
    verdict = screen(consultation, result.pack).verdict
    assert verdict is Verdict.NOT_ELIGIBLE
    assert result.pack.verdicts[verdict].label == "Not eligible"
    # validate-content says so too, and exits 1.
    done = subprocess.run([sys.executable, "-m", "consultaid", "validate-content",
                           str(overlay / "en")], capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stdout + done.stderr
    assert says in done.stdout + done.stderr


def test_rewording_and_adding_rules_is_allowed_and_said(tmp_path: Path) -> None:
    reworded = re.sub(r'(id = "cancer-active"\nverdict = "not_eligible"\nwhen = [^\n]+\n'
                      r'physician = )"[^"]*"', r'\1"Active cancer: we do not offer MSC therapy."',
                      BUNDLED_RULES)
    assert reworded != BUNDLED_RULES
    added = reworded + CLINIC_RULE
    result = load_content("en", overlay_root=overlay_with(tmp_path, "rules.toml", added))
    assert result.warnings == []
    assert result.pack.overlay_files == ("rules.toml",)
    assert result.pack.clinic_changes == "wording or rules changed by the clinic (rules.toml)"
    assert result.pack.provenance.endswith("+ wording or rules changed by the clinic (rules.toml)")


def test_the_handout_and_the_record_say_the_clinic_changed_the_rules(tmp_path: Path) -> None:
    import io

    from pypdf import PdfReader

    from consultaid.handout import build_handout
    from consultaid.settings import ClinicSettings

    added = BUNDLED_RULES + CLINIC_RULE
    pack = load_content("en", overlay_root=overlay_with(tmp_path, "rules.toml", added)).pack
    pdf = build_handout(example_consultation(pack), pack, ClinicSettings())
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "changed by the clinic" in " ".join(text.split())
