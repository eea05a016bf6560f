"""The headless commands: output, exit codes, and one clear line for bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from consultaid.cli import main
from consultaid.content.loader import load_content
from consultaid.domain.consultation import SCHEMA_VERSION
from tests.helpers import copy_pack, replace_in


def run(capsys: pytest.CaptureFixture[str], *args: str, stdin: str | None = None,
        monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def example_json(capsys: pytest.CaptureFixture[str], condition: str | None = None) -> str:
    args = ["example"] + (["--condition", condition] if condition else [])
    code, out, _ = run(capsys, *args)
    assert code == 0
    return out


def test_conditions_lists_ids_and_titles(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "conditions")
    assert code == 0 and err == ""
    for condition in load_content("en").pack.conditions.values():
        assert condition.id in out and condition.title in out


def test_example_is_complete(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(example_json(capsys))
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["patient"]["name"] and data["patient"]["date_of_birth"]
    assert data["review"]["decision"] == "agreed"
    assert data["follow_up"] and data["script_covered"] and data["teach_back"]

    def filled(value: object) -> bool:
        if isinstance(value, dict):
            return all(filled(v) for v in value.values())
        return value not in ("", None)

    # No acknowledgement: it refers to a handout as given, which the example has not been yet;
    # no treatment date: the example is a decision still to be made (issue 28).
    assert data["acknowledgement"] is None and data["treatment_date"] is None
    assert filled({k: v for k, v in data.items()
                   if k not in ("screening", "acknowledgement", "treatment_date")})


def test_example_piped_into_screen(capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    text = example_json(capsys)
    code, out, err = run(capsys, "screen", "-", stdin=text, monkeypatch=monkeypatch)
    assert code == 0, err
    assert out.startswith("Verdict: May proceed to evaluation")
    assert "For the patient:" in out


def test_screen_json_lists_reasons(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = json.loads(example_json(capsys))
    data["screening"]["infection"] = "active"
    data["review"]["decision"] = "pending"
    record = tmp_path / "c.json"
    record.write_text(json.dumps(data))
    code, out, _ = run(capsys, "screen", str(record), "--json")
    assert code == 0
    result = json.loads(out)
    assert result["verdict"] == "deferred"
    assert [r["rule"] for r in result["reasons"]] == ["infection-active", "review-gate"]
    assert all(r["physician"] and r["patient"] for r in result["reasons"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("{oops", "not valid JSON (line 1"),
        ('{"schema_version": 99}', "schema_version: 99 is newer"),
        ('{"schema_version": 1}', "consultation_id: is missing"),
    ],
)
def test_screen_bad_input_gives_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                         content: str | None, message: str) -> None:
    record = tmp_path / "record.json"
    if content is not None:
        record.write_text(content)
    code, out, err = run(capsys, "screen", str(record))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert message in err and "Traceback" not in err


def test_screen_refuses_impossible_values(capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    data = json.loads(example_json(capsys))
    data["screening"]["crp"] = {"value": -4, "unit": "mg_per_l"}
    record = tmp_path / "c.json"
    record.write_text(json.dumps(data))
    code, out, err = run(capsys, "screen", str(record))
    assert code == 1 and out == ""
    assert "screening.crp" in err and "impossible (negative)" in err


def test_example_unknown_condition(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "example", "--condition", "gout")
    assert code == 1 and out == ""
    assert "unknown condition 'gout'" in err


def test_usage_error_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "screen")
    assert code == 2 and "usage:" in err
    code, _, err = run(capsys, "frobnicate")
    assert code == 2


def test_validate_content_bundled_ok(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate-content")
    assert code == 0
    assert out.startswith("OK   bundled pack 'en'")


def test_validate_content_lists_every_problem(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path) -> None:
    base = copy_pack(tmp_path)
    replace_in(base / "rules.toml", 'item = "infection", equals = "active"',
               'item = "nope", equals = "active"')
    replace_in(base / "pack.toml", 'version = "', 'versio = "')
    code, out, _ = run(capsys, "validate-content", str(base))
    assert code == 1
    assert out.startswith(f"FAIL pack {base}: 3 problem(s)")
    assert "pack.toml: version: required key is missing" in out
    assert "rules.toml: rule[infection-active].when.item: 'nope' is not an item" in out
    assert "pack.toml: versio: unknown key" in out


def test_validate_content_checks_an_overlay_folder(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    overlay = tmp_path / "clinic" / "en"
    overlay.mkdir(parents=True)
    (overlay / "sources.toml").write_text("[[source]]\nid = 'x'\n")
    code, out, _ = run(capsys, "validate-content", str(tmp_path / "clinic"))
    assert code == 1
    assert "sources.toml: source[x].title: required key is missing" in out
    code, out, _ = run(capsys, "validate-content", str(tmp_path / "nowhere"))
    assert code == 1


def test_installed_entry_point_never_shows_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe garbage")
    result = subprocess.run([sys.executable, "-m", "consultaid", "screen", str(bad)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("consultaid: ")
    version = subprocess.run([sys.executable, "-m", "consultaid", "--version"],
                             capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("consultaid ")


def test_only_the_command_being_run_is_imported() -> None:
    script = ("import sys\nfrom consultaid.cli import main\nmain(['conditions'])\n"
              "assert 'consultaid.cli.records_commands' not in sys.modules\n"
              "assert 'consultaid.cli.handout_commands' not in sys.modules\n"
              "assert 'reportlab' not in sys.modules and 'PySide6' not in sys.modules\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("example", "conditions", "screen", "validate-content", "handout", "records"):
        assert command in out


def test_screen_says_a_typed_review_was_not_checked(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path) -> None:
    _, example, _ = run(capsys, "example")
    path = tmp_path / "visit.json"
    path.write_text(example)  # the example carries a review as typed
    code, _out, err = run(capsys, "screen", str(path))
    assert code == 0 and "not checked against a signed review in the records" in err
    data = json.loads(example)
    data["review"] = {"reviewer": "", "decision": "pending", "date": None, "comment": ""}
    path.write_text(json.dumps(data))
    code, _out, err = run(capsys, "screen", str(path))
    assert code == 0 and err == ""
