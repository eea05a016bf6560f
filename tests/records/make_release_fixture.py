"""Write the database fixture of a release (run once per release that changes the schema).

    .venv/bin/python tests/records/make_release_fixture.py tests/records/fixtures/release-X.sqlite3

Later versions must open these files, upgrade them in place and lose nothing
(tests/records/test_upgrade.py).
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

from consultaid.content.example import example_consultation
from consultaid.content.loader import load_content
from consultaid.records.service import RecordsService
from consultaid.records.store import Store
from consultaid.settings import ClinicSettings


def main(target: Path) -> None:
    pack = load_content("en").pack
    store = Store(target)
    service = RecordsService(store)
    doctor = service.create_user(None, "Dr Fixture", "physician", "2468")
    service.create_user(doctor, "Desk Fixture", "front_desk", "1357")
    for i, condition in enumerate(["osteoarthritis", "stroke", "wounds"]):
        c = copy.deepcopy(example_consultation(pack, condition))
        c.consultation_id = f"release-fixture-{i}"
        c.patient.name = ["Ann <b>& Co", "José Núñez", "Li Wei"][i]
        service.save_draft(doctor, c)
        if i < 2:
            service.complete(doctor, c.consultation_id)
        if i == 0:
            service.record_handout(doctor, c.consultation_id, b"%PDF-1.4 fixture handout",
                                   pack.version, ClinicSettings(clinic_name="Fixture Clinic"))
            c.notes = "Amended note."
            service.amend(doctor, c, "Corrected the note")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
