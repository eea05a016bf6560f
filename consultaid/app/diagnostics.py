"""Diagnostics a clinic's IT person can run: start-up time and a full self-test."""

from __future__ import annotations

import copy
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer, SignalInstance
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication

from consultaid.content.example import example_consultation
from consultaid.domain.consultation import (
    Review,
    consultation_from_json,
    consultation_to_json,
)
from consultaid.domain.vocabulary import Role
from consultaid.records.service import RecordsService
from consultaid.records.store import Store
from consultaid.session.steps import Step, StepState, step_status
from consultaid.ui.main_window import MainWindow


def _wait_first(signals: list[SignalInstance],
                timeout_ms: int) -> tuple[int, tuple[object, ...]]:
    """Run the event loop until one of ``signals`` fires: (its position, its arguments).

    Returns (-1, ()) when time runs out.
    """
    loop = QEventLoop()
    got: list[tuple[int, tuple[object, ...]]] = []
    slots = []
    for position, signal in enumerate(signals):
        def fired(*args: object, position: int = position) -> None:
            got.append((position, args))
            loop.quit()
        signal.connect(fired)
        slots.append((signal, fired))
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    for signal, slot in slots:
        signal.disconnect(slot)
    return got[0] if got else (-1, ())


class SelfTestFailed(Exception):
    pass


def _check(ok: bool, reason: str) -> None:
    if not ok:
        raise SelfTestFailed(reason)


def run_self_test(app: QApplication, window: MainWindow, folder: Path) -> str:
    """Walk the example through the window; returns the summary or raises SelfTestFailed."""
    pack = window.pack
    example = example_consultation(pack)
    record = folder / "example-consultation.json"
    record.write_text(consultation_to_json(example), encoding="utf-8")
    window.show()
    _check(window.documents.open_file(record),
           f"the example record could not be opened from {record}")
    typed = copy.deepcopy(example)
    typed.review = Review()  # a review typed into a file is not a signed review: not taken
    _check(window.state.consultation == typed, "the opened record differs from the example")
    sign_self_test_review(window)
    _check(window.state.consultation.review.decision == "agreed",
           "the signed review does not count for the verdict")
    result = window.state.overview.screening
    shown = {
        Step.PATIENT: lambda: window.patient_page.name.text() == example.patient.name,
        Step.SCREENING: lambda: window.screening_page.banner.verdict is result.verdict,
        Step.CONDITION: lambda: window.condition_page.condition.currentData()
        == example.condition_id,
        Step.EXPECTATIONS: lambda: all(b.isChecked()
                                       for b in window.expectations_page.boxes.values()),
        Step.FOLLOW_UP: lambda: window.follow_up_page.model.rows() == example.follow_up,
        Step.HANDOUT: lambda: window.handout_page.paper.currentData() == example.handout.paper,
    }
    for step in Step:
        window.go_to(int(step))
        app.processEvents()
        _check(window.current_step() is step, f"could not go to step {step.title}")
        _check(window.pages[int(step)].isVisible() and shown[step](),
               f"step {step.title} does not show the example consultation")
    for step in list(Step)[:-1]:
        status = step_status(step, window.state.consultation, pack, result)
        _check(status.state is StepState.DONE,
               f"step {step.title} is {status.state.value} ({status.detail})")
    window.go_to(int(Step.HANDOUT))
    page = window.handout_page
    pdf_path = folder / "example-handout.pdf"
    page.rebuild_now()
    which, args = _wait_first([page.preview_ready, page.build_failed], 60000)
    _check(which == 0, "the handout could not be built: "
           + (str(args[0]) if args else "no answer within 60 s"))
    page.save_pdf(pdf_path)
    if window.records_sync.ops is not None:
        window.records_sync.ops.settle()  # the handout as given, stored on the records thread
    _check(pdf_path.exists(), f"the handout PDF was not saved to {pdf_path}")
    data = pdf_path.read_bytes()
    _check(data.startswith(b"%PDF"), f"{pdf_path} is not a PDF")
    document = QPdfDocument()
    document.load(str(pdf_path))
    pages = document.pageCount()
    _check(document.status() == QPdfDocument.Status.Ready and pages > 0,
           f"{pdf_path} cannot be read back as a PDF")
    stored = ""
    if window.records is not None:
        handout = window.records.latest_handout(window.state.consultation.consultation_id)
        _check(handout is not None and handout.pdf == data,
               "the handout saved to file was not stored byte for byte in the records")
        stored = ", stored in the records"
    saved_record = folder / "saved-consultation.json"
    _check(window.documents.save_to(saved_record), "the consultation record could not be saved")
    again = consultation_from_json(saved_record.read_text(encoding="utf-8"))
    _check(again == window.state.consultation, "the saved record does not read back the same")
    verdict = pack.verdicts[result.verdict].label
    return (f"self-test ok: {len(Step)} steps, verdict '{verdict}', handout {pages} page(s) "
            f"{len(data) // 1024} kB{stored}, record saved and read back, in {folder}")


def sign_self_test_review(window: MainWindow) -> None:
    """A second physician signs the example's review, as in the Review dialog."""
    records = window.records
    if records is None:
        return
    _check(window.records_sync.autosave_now(), "the example could not be saved as a draft")
    records.sign_review(REVIEWER, REVIEWER_PIN, window.state.consultation.consultation_id,
                        "agreed", "Self-test review.")
    window.review_control.forget()
    window.state.rederive()


REVIEWER, REVIEWER_PIN = "Self-test reviewer", "864202"


def sign_in_self_test_user(window: MainWindow) -> None:
    """A physician account in the (temporary) records database the self-test uses."""
    service = RecordsService(Store())
    window.attach_records(service)
    if window.records_sync.ops is not None:
        window.records_sync.ops.settle()  # its first question, answered on the records thread
    _check(not service.store.read_only, f"the test database cannot be written "
           f"({service.store.problem})")
    user = service.create_user(None, "Self-test physician", Role.PHYSICIAN, "246802")
    service.create_user(user, REVIEWER, Role.PHYSICIAN, REVIEWER_PIN)
    window.access_control.signed_in(user)


def self_test(app: QApplication, window: MainWindow) -> int:
    """Print one summary line; exit 0 when every step worked, 1 with the reason otherwise.

    The caller points ``CONSULTAID_DB`` at a temporary file first (never the clinic's records).
    """
    folder = Path(tempfile.mkdtemp(prefix="consultaid-self-test-"))
    try:
        sign_in_self_test_user(window)
        print(run_self_test(app, window, folder))
        code = 0
    except SelfTestFailed as exc:
        print(f"self-test failed: {exc}")
        code = 1
    except Exception as exc:  # the self-test reports, it never shows a traceback
        print(f"self-test failed: unexpected {type(exc).__name__}: {exc}")
        code = 1
    window.state.mark_saved(window.state.path or folder / "unused.json")
    window.handout_page.runner.wait(30000)
    window.close()
    shutil.rmtree(folder, ignore_errors=True)  # nothing of the self-test stays behind
    return code
