"""Issue 11.1: the second physician signs in the Review dialog with real keys and
clicks; the owner is not offered; a wrong PIN is said and counted; changed answers make the
review out of date; a signed review is printed on the handout. On the steps with their
controllers (``make_wizard_controllers``), not the whole window."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Review
from consultaid.domain.screening import Verdict
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.session.steps import Step
from consultaid.ui.records.review_dialog import ReviewDialog
from tests.helpers import text_of
from tests.ui.conftest import Consulting, needing_review, settle, sign_in, sign_review
from tests.ui.controller_parts import MakeWizardControllers, WizardControllers
from tests.ui.driving import choose, click

C = TypeVar("C", bound=Consulting)


def open_example(qtbot: QtBot, service: RecordsService, make: Callable[[RecordsService], C],
                 pack: ContentPack, physician: User) -> C:
    """The example needing review open on the Screening step of what ``make`` builds (the
    window, or the steps with their controllers), signed in as Dr Ada Test."""
    service.create_user(physician, "Dr Lee Okafor", "physician", "864213")
    win = make(service)
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    win.state.replace(needing_review(pack))
    win.state.edit(lambda _c: None)
    win.go_to(int(Step.SCREENING))
    return win


def open_review_dialog(qtbot: QtBot, service: RecordsService, make: MakeWizardControllers,
                       pack: ContentPack,
                       physician: User) -> tuple[WizardControllers, ReviewDialog]:
    """The example open on the steps, and Screening > Review… clicked."""
    win = open_example(qtbot, service, make, pack, physician)
    click(qtbot, win.screening_page.review_button)
    dialog = win.review_control.dialog
    assert dialog is not None
    return win, dialog


def test_the_owner_is_not_offered_and_a_wrong_pin_is_said(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        make_wizard_controllers: MakeWizardControllers) -> None:
    win = open_example(qtbot, service, make_wizard_controllers, pack, physician)
    page = win.screening_page
    assert page.banner.verdict is Verdict.NEEDS_REVIEW
    assert "Waiting for a second physician" in page.review_status.text()
    click(qtbot, page.review_button)
    dialog = win.review_control.dialog
    assert dialog is not None
    offered = [dialog.reviewer.itemText(i) for i in range(dialog.reviewer.count())]
    assert offered == ["Dr Lee Okafor"]  # never the signed-in owner
    qtbot.waitUntil(dialog.pin.hasFocus)  # the dialog opens in the PIN field
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)  # Return before typing: asked, not counted
    assert dialog.isVisible() and dialog.error.text() == "⚠ Type Dr Lee Okafor's PIN first."
    choose(qtbot, dialog.decision, "Agreed")  # the decision starts unset (issue 26.9)
    dialog.pin.setFocus()
    qtbot.keyClicks(dialog.pin, "000000")
    click(qtbot, dialog.sign_button)
    assert dialog.isVisible() and "do not match" in dialog.error.text()
    assert dialog.pin.text() == ""
    assert page.banner.verdict is Verdict.NEEDS_REVIEW
    failures = service.db.execute(
        "SELECT count(*) FROM audit WHERE action = 'sign-in-failed'").fetchone()[0]
    assert failures == 1  # counted toward Dr Okafor's pause
    dialog.reject()


def test_a_signed_review_counts_until_the_answers_change(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        make_wizard_controllers: MakeWizardControllers) -> None:
    win = open_example(qtbot, service, make_wizard_controllers, pack, physician)
    page = win.screening_page
    sign_review(qtbot, win, "Dr Lee Okafor", "864213")
    assert page.banner.verdict is Verdict.MAY_PROCEED
    assert "Reviewed by Dr Lee Okafor" in page.review_status.text()
    assert win.state.consultation.review.reviewer == "Dr Lee Okafor"
    # The handout says who reviewed and when.
    win.go_to(int(Step.HANDOUT))
    qtbot.waitUntil(lambda: win.handout_page.pdf_bytes is not None
                    and not win.handout_page.runner.busy, timeout=10000)
    # Answers change afterwards: the review no longer covers them.
    win.go_to(int(Step.SCREENING))
    choose(qtbot, page.fields["infection"].options, "Active now")
    assert "out of date" in page.review_status.text()
    assert "out of date" in win.message_bar.text.text()
    assert page.banner.verdict is not Verdict.MAY_PROCEED
    assert win.state.consultation.review.decision == "pending"


def test_not_agreed_is_a_signed_decision_too(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        make_wizard_controllers: MakeWizardControllers) -> None:
    win, dialog = open_review_dialog(qtbot, service, make_wizard_controllers, pack, physician)
    choose(qtbot, dialog.decision, "Does not agree")
    dialog.pin.setFocus()
    qtbot.keyClicks(dialog.pin, "864213")
    qtbot.keyClicks(dialog.comment, "Check the CRP again.")
    click(qtbot, dialog.sign_button)
    assert not dialog.isVisible()
    signed = service.signed_review(win.state.consultation.consultation_id)
    assert signed is not None and signed.decision == "not_agreed"
    assert signed.comment == "Check the CRP again."
    assert win.screening_page.banner.verdict is Verdict.NOT_ELIGIBLE


def test_the_handout_prints_who_reviewed(qtbot: QtBot, service: RecordsService,
                                        physician: User, pack: ContentPack,
                                        make_wizard_controllers: MakeWizardControllers) -> None:
    from consultaid.app import build_pdf

    win = open_example(qtbot, service, make_wizard_controllers, pack, physician)
    sign_review(qtbot, win, "Dr Lee Okafor", "864213")
    pdf, _ = build_pdf(win.state.consultation, pack, win.settings)
    text = text_of(pdf, " ")
    assert "Second doctor's review" in " ".join(text.split())
    assert "Dr Lee Okafor" in text


def test_waiting_for_my_review_then_review_from_another_room(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        make_wizard_controllers: MakeWizardControllers) -> None:
    """Dr Ada made the consultation; Dr Okafor, signed in on their own screen, finds it in
    File > Waiting for my review…, opens it and signs the review."""
    service.create_user(physician, "Dr Lee Okafor", "physician", "864213")
    example = copy.deepcopy(example_consultation(pack))
    example.review = Review()
    example.physician = "Dr Ada Test"
    service.save_draft(physician, example)
    win = make_wizard_controllers(service)
    sign_in(qtbot, win, "Dr Lee Okafor", "864213")
    assert win.menu_actions.waiting_action.isEnabled()
    win.menu_actions.waiting_action.trigger()
    waiting = win.review_control.waiting
    assert waiting is not None and waiting.list.count() == 1
    assert "Maria Example" in waiting.list.item(0).text()
    click(qtbot, waiting.open_button)
    settle(qtbot, win)  # (read on the records thread)
    assert win.state.consultation.consultation_id == example.consultation_id
    sign_review(qtbot, win, "Dr Lee Okafor", "864213")
    assert win.screening_page.banner.verdict is Verdict.MAY_PROCEED
    assert service.waiting_for_review(win.user) == []  # type: ignore[arg-type]


def test_the_decision_starts_unset_and_is_asked_for(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        make_wizard_controllers: MakeWizardControllers) -> None:
    """Issue 26.9: a review was signed "Agreed" when the reviewer only typed a PIN."""
    win, dialog = open_review_dialog(qtbot, service, make_wizard_controllers, pack, physician)
    assert dialog.decision.value() is None
    assert not any(b.isChecked() for b in dialog.decision.buttons)
    qtbot.keyClicks(dialog.pin, "864213")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error.text() == "⚠ Choose the decision first: agreed, or does not agree."
    assert service.signed_review(win.state.consultation.consultation_id) is None
    choose(qtbot, dialog.decision, "Agreed")
    click(qtbot, dialog.sign_button)
    assert not dialog.isVisible()
    signed = service.signed_review(win.state.consultation.consultation_id)
    assert signed is not None and signed.decision == "agreed"


def test_the_treating_physician_comes_from_the_records(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        make_wizard_controllers: MakeWizardControllers) -> None:
    """The dialog names who created the consultation; when the Patient step names the only
    other physician, it says so instead of "no other physician account"."""
    win, dialog = open_review_dialog(qtbot, service, make_wizard_controllers, pack, physician)
    assert dialog.treating.text() == "Dr Ada Test"
    dialog.reject()
    win.go_to(int(Step.PATIENT))
    page = win.patient_page
    page.physician.setFocus()
    page.physician.selectAll()
    qtbot.keyClicks(page.physician, "Dr Lee Okafor")
    win.go_to(int(Step.SCREENING))
    click(qtbot, win.screening_page.review_button)
    dialog = win.review_control.dialog
    assert dialog is not None and dialog.reviewer.count() == 0
    said = dialog.error.text()
    assert "Dr Ada Test created this consultation" in said
    assert "Dr Lee Okafor is named as the physician on the Patient step" in said
    assert "There is no other active physician account" not in said
    assert not dialog.sign_button.isEnabled()
    dialog.reject()


def test_a_long_refusal_leaves_the_form_whole(qtbot: QtBot) -> None:
    """Seen under Xvfb: the records' long "too many wrong PINs" message squeezed the comment to
    one line and laid the two decisions over each other."""
    from consultaid.domain.errors import ConsultaidError
    from consultaid.ui.records.review_dialog import ReviewDialog

    def paused(*_args: object) -> object:
        raise ConsultaidError("Too many wrong PINs for this account. Wait 5 minutes and try "
                              "again. If the PIN is forgotten, ask another physician to reset "
                              "it (File > Accounts…); if there is no other physician, see "
                              "\"Forgotten PIN\" in the README.")

    dialog = ReviewDialog(["Dr Lee Okafor"], paused, treating="Dr Ada Test")  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    choose(qtbot, dialog.decision, "Agreed")
    qtbot.keyClicks(dialog.pin, "864213")
    click(qtbot, dialog.sign_button)
    assert "Too many wrong PINs" in dialog.error.text()
    first, second = dialog.decision.buttons
    assert first.geometry().bottom() < second.geometry().top()
    assert first.height() >= first.sizeHint().height()
    assert dialog.comment.height() >= dialog.fontMetrics().lineSpacing() * 3
    assert dialog.error.height() >= dialog.error.heightForWidth(dialog.error.width())
