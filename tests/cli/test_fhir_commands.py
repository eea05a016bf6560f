"""``consultaid fhir FILE -o OUT`` and ``consultaid records export ID --format fhir -o OUT``."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from consultaid.cli import main
from consultaid.records import audit
from consultaid.records.service import RecordsService
from consultaid.records.store import Store


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def example(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    _, out, _ = run(capsys, "example", "--condition", "stroke")
    path = tmp_path / "visit.json"
    path.write_text(out, encoding="utf-8")
    return path


@pytest.fixture
def settings(tmp_path: Path) -> Path:
    path = Path(os.environ["CONSULTAID_SETTINGS"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[clinic]\nname = "Riverside"\npatient_id_system = "urn:oid:1.2.3.4.5"\n',
                    encoding="utf-8")
    return path


def resources(path: Path, resource_type: str) -> list[dict[str, object]]:
    bundle = json.loads(path.read_text(encoding="utf-8"))
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "document"
    return [e["resource"] for e in bundle["entry"]
            if e["resource"]["resourceType"] == resource_type]


def test_a_consultation_file_becomes_a_document(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path, example: Path,
                                                settings: Path) -> None:
    out_file = tmp_path / "bundle.json"
    code, out, err = run(capsys, "fhir", str(example), "-o", str(out_file))
    assert code == 0, err
    assert out.strip() == f"wrote example-stroke as FHIR to {out_file}"
    assert "has no handout given: exported without a DocumentReference" in err
    assert "exported as it was typed" in err  # the file's review is not a signed one
    assert "Maria" not in err and "Traceback" not in err
    (patient,) = resources(out_file, "Patient")
    assert patient["identifier"][0]["system"] == "urn:oid:1.2.3.4.5"  # type: ignore[index]
    assert resources(out_file, "DocumentReference") == []
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600  # it holds patient data


def test_records_export_fhir_is_audited_with_its_format(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, example: Path) -> None:
    code, _, err = run(capsys, "records", "import", str(example))
    assert code == 0, err
    out_file = tmp_path / "record.json"
    code, out, err = run(capsys, "records", "export", "example-stroke", "--format", "fhir",
                         "-o", str(out_file))
    assert code == 0, err
    assert out.strip() == f"exported example-stroke as FHIR to {out_file}"
    assert err.count("\n") == 2  # no handout given; no patient ID system set
    assert "consultation example-stroke has no handout given" in err
    assert "[clinic] patient_id_system is not set" in err
    assert resources(out_file, "DocumentReference") == []
    (response,) = resources(out_file, "QuestionnaireResponse")
    verdict = next(i for i in response["item"] if i["linkId"] == "verdict")  # type: ignore
    assert verdict["answer"][0]["valueCoding"]["code"] == "needs_review"  # no signed review
    store = Store(Path(os.environ["CONSULTAID_DB"]))
    exports = [e.detail for e in audit.entries(store.db) if e.action == "export"]
    store.close()
    assert exports == [{"version": 1, "format": "fhir"}]
    json_file = tmp_path / "record-own.json"  # the default stays consultaid's own JSON
    code, _, _ = run(capsys, "records", "export", "example-stroke", "-o", str(json_file))
    assert code == 0 and json.loads(json_file.read_text())["consultation_id"] == "example-stroke"


def test_a_record_that_fails_verification_is_refused_in_one_line(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, example: Path) -> None:
    code, _, err = run(capsys, "records", "import", str(example))
    assert code == 0, err
    db = sqlite3.connect(os.environ["CONSULTAID_DB"])
    db.execute("UPDATE consultation_data SET json = replace(json, 'Maria', 'Mario')")
    db.commit()
    db.close()
    out_file = tmp_path / "refused.json"
    code, out, err = run(capsys, "records", "export", "example-stroke", "--format", "fhir",
                         "-o", str(out_file))
    assert code == 1 and out == ""
    assert err == ("consultaid: consultation example-stroke does not match its audit log "
                   "(changed outside consultaid), so it was not exported; run 'consultaid "
                   "records verify'\n")
    assert not out_file.exists()
    store = Store(Path(os.environ["CONSULTAID_DB"]))
    assert RecordsService(store).verify() != []
    store.close()


def test_a_patient_id_system_that_is_no_uri_is_named(capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path, example: Path,
                                                     settings: Path) -> None:
    settings.write_text('[clinic]\npatient_id_system = "our clinic"\n', encoding="utf-8")
    code, _, err = run(capsys, "fhir", str(example), "-o", str(tmp_path / "x.json"))
    assert code == 1
    assert "[clinic] patient_id_system" in err and "is not a URI" in err
    assert err.count("\n") == 1 and not (tmp_path / "x.json").exists()


def test_a_missing_file_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "fhir", str(tmp_path / "nope.json"), "-o",
                       str(tmp_path / "x.json"))
    assert code == 1 and err == f"consultaid: {tmp_path / 'nope.json'}: no such file\n"
