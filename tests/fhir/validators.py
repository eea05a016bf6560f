"""Run the two FHIR R4 validators of tests/fhir/validator (Node.js) over bundles on disk.

They are installed by ``python3 dev.py setup`` (or ``test``): npm ci into
tests/fhir/validator/node_modules. Missing, the test that needs them fails and says so; it is
never skipped (a skipped validation would pass an export nobody checked).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

FOLDER = Path(__file__).resolve().parent / "validator"
PACKAGES = ("fhir", "@asymmetrik/fhir-json-schema-validator")


def validate(files: list[Path]) -> dict[str, dict[str, Any]]:
    """{file: {"schema": [errors], "fhirjs": [errors], "warnings": [...]}} for each file."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is not installed, and the FHIR export is checked by two Node.js "
                    "validators; run `python3 dev.py setup` (it installs nodejs and npm from "
                    "packaging/debian-packages.txt, then the validators).", pytrace=False)
    missing = [p for p in PACKAGES if not (FOLDER / "node_modules" / p / "package.json").is_file()]
    if missing:
        pytest.fail(f"The FHIR validators are not installed ({', '.join(missing)} missing in "
                    f"{FOLDER / 'node_modules'}); run `python3 dev.py setup`, which runs npm ci "
                    "there.", pytrace=False)
    done = subprocess.run([node, str(FOLDER / "validate.js"), *map(str, files)],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    results: dict[str, dict[str, Any]] = json.loads(done.stdout)
    assert sorted(results) == sorted(map(str, files))
    return results


def errors(result: dict[str, Any]) -> list[str]:
    """Both validators' errors, each named by its validator (warnings are not errors)."""
    return ([f"JSON Schema: {e}" for e in result["schema"]]
            + [f"FHIR.js: {e}" for e in result["fhirjs"]])
