"""The second physician's review in the window (issue 11.1).

The verdict, the banner, the sidebar and the handout all read ``consultation.review``. Here that
field is a *mirror* of the signed review in the records, filled by the state's ``derive`` hook
after every edit or replacement: a signed review that covers the answers on screen gives its
decision, reviewer and date; anything else — no review, a review the answers have outgrown, a
file opened without the records, a review typed into a file — gives "pending". So "may proceed"
needs a signed, current review, whatever a JSON file says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from consultaid.domain.consultation import Consultation, Review
from consultaid.domain.errors import ConsultaidError
from consultaid.domain.signed_review import ReviewState, SignedReview, review_state
from consultaid.domain.vocabulary import Role
from consultaid.session.saving import SaveTarget
from consultaid.ui.access.access_model import AccessModel
from consultaid.ui.records.review_dialog import ReviewDialog
from consultaid.ui.state import ConsultationState
from consultaid.ui.translation import translate

if TYPE_CHECKING:
    from consultaid.records.users import User


def review_words(state: ReviewState) -> str:
    """The review's state in a sentence, for the Screening step."""
    signed = state.signed
    if state.status == "signed" and signed is not None:
        said = (translate("ReviewControl", "agreed") if signed.decision == "agreed"
                else translate("ReviewControl", "did not agree"))
        return (translate("ReviewControl", "Reviewed by {reviewer} on {when}: {said}.").format(
                reviewer=signed.reviewer, when=_when(signed), said=said)
                + (f" “{signed.comment}”" if signed.comment else ""))
    if state.status == "out_of_date" and signed is not None:
        return (translate("ReviewControl",
                "The review of {when} by {reviewer} is out of date: the screening answers "
                "changed since. Ask for a new review.").format(
                when=_when(signed), reviewer=signed.reviewer))
    if state.status == "not_verified":
        return (translate("ReviewControl",
                "Not verified: this consultation is not read from the records, so no "
                "signed review can be checked. Save it in the records and ask for a review."))
    return translate("ReviewControl", "Waiting for a second physician's review (Review… below).")


def _when(signed: SignedReview) -> str:
    try:
        return dt.datetime.fromisoformat(signed.signed_at).astimezone().strftime(
            "%Y-%m-%d %H:%M")
    except ValueError:
        return signed.signed_at


class ReviewControl(QObject):
    said = Signal(str, bool)
    """A message for the physician (text, whether it is a problem)."""
    unsaid = Signal()
    """What was said no longer holds (the answers match the signed review again)."""

    def __init__(self, state: ConsultationState, access: AccessModel, status: QLabel,
                 save_target: Callable[[], SaveTarget], save_draft_now: Callable[[], bool],
                 open_record: Callable[[str], object], dialog_parent: QWidget) -> None:
        """``status``: the Screening step's review line; ``save_target``: where a save goes
        now; ``save_draft_now``: the draft to the records now (False: it was not, and why was
        said); ``open_record``: open a stored consultation; ``dialog_parent``: the window."""
        super().__init__(dialog_parent)
        self.state, self.access, self.status = state, access, status
        self.save_target, self.save_draft_now = save_target, save_draft_now
        self.open_record, self.dialog_parent = open_record, dialog_parent
        self.current = ReviewState("pending")
        self._cache: tuple[str, int, SignedReview | None] | None = None
        self.dialog: ReviewDialog | None = None
        self.waiting: QDialog | None = None
        state.derive = self.derive

    def ask(self) -> None:
        """Screening > Review…: save the answers to the records, then open the dialog."""
        records, user = self.access.records, self.access.user
        if records is None or user is None:
            self.said.emit(self.tr("A review is signed in the records: sign in to use them first."),
                           True)
            return
        if self.save_target() is not SaveTarget.DRAFT:
            self.said.emit(self.tr(
                    "This consultation is completed: a review is given before the handout."), True)
            return
        if not self.save_draft_now():
            return  # (why the draft could not be saved was said)
        ops = self.access.ops
        assert ops is not None
        c = self.state.consultation
        cid = c.consultation_id
        try:  # on the records thread (issue 27): the window paints meanwhile
            owner, users = ops.wait(lambda records: records.review_candidates(cid),
                                    name="reviewers")
        except ConsultaidError as exc:
            self.said.emit(self.tr("The list could not be read from the records: {exc}").format(
                    exc=exc), True)
            return
        physicians = [u for u in users if u.role == Role.PHYSICIAN]
        treating = next((u.name for u in physicians if u.actor == owner), "")
        named = c.physician.strip().casefold()
        names = [u.name for u in physicians
                 if u.actor != owner and u.name.strip().casefold() != named]
        self.dialog = ReviewDialog(
            names, lambda name, pin, decision, comment: ops.wait(
                lambda records: records.sign_review(name, pin, cid, decision, comment),
                writes=True, name="sign-review"), self.dialog_parent, treating=treating,
            left_out=self._left_out(treating, c.physician.strip(), physicians))
        self.dialog.accepted.connect(self._signed_now)
        # Back to the window afterwards, so its keyboard shortcuts work at once (a desktop
        # without a window manager does not hand the focus back by itself).
        self.dialog.finished.connect(lambda _result: self.dialog_parent.activateWindow())
        self.dialog.open()

    def _left_out(self, treating: str, named: str, physicians: list[User]) -> str:
        """Who the list leaves out and why (said when nobody is left to review)."""
        parts = []
        if treating:
            parts.append(self.tr("{name} created this consultation and cannot review it.")
                         .format(name=treating))
        named_account = next((u.name for u in physicians
                              if u.name.strip().casefold() == named.casefold()), "")
        if named_account and named_account != treating:
            parts.append(self.tr(
                    "{name} is named as the physician on the Patient step, so cannot review "
                    "it either; correct that name if it is wrong.").format(name=named_account))
        return " ".join(parts)

    def show_waiting(self) -> None:
        """File > Waiting for my review…"""
        from consultaid.ui.records.waiting_dialog import WaitingDialog

        ops, user = self.access.ops, self.access.user
        if ops is None or user is None:
            return
        try:
            waiting = ops.wait(lambda records: records.waiting_for_review(user),
                               name="waiting-for-review")
        except ConsultaidError as exc:
            self.said.emit(self.tr("The list could not be read from the records: {exc}").format(
                    exc=exc), True)
            return
        self.waiting = WaitingDialog(waiting, self.open_record, self.dialog_parent)
        self.waiting.open()

    def _signed_now(self) -> None:
        self.forget()
        self.state.rederive()
        self.said.emit(review_words(self.current), False)

    def show(self) -> None:
        """The Screening step's review line follows the review's state."""
        self.status.setText(review_words(self.current))

    def forget(self) -> None:
        """Read the signed review from the records again (after signing, or a sign-in)."""
        self._cache = None

    def _signed(self, consultation: Consultation) -> SignedReview | None:
        records, ops = self.access.records, self.access.ops
        cid = consultation.consultation_id
        if self._cache is None or self._cache[:2] != (cid, id(records)):
            try:
                found = (ops.wait(lambda twin: twin.signed_review(cid), name="signed-review")
                         if ops is not None else None)
            except ConsultaidError:
                found = None
            self._cache = (cid, id(records), found)
        return self._cache[2]

    def derive(self, consultation: Consultation) -> None:
        """(state hook) Mirror the signed review into ``consultation.review``."""
        before = self.current
        state = review_state(consultation, self._signed(consultation),
                             self.access.records is not None)
        self.current = state
        signed = state.signed
        if state.status == "signed" and signed is not None:
            when = dt.datetime.fromisoformat(signed.signed_at).date()
            consultation.review = Review(signed.reviewer, signed.decision,  # type: ignore[arg-type]
                                         when, signed.comment)
        else:
            consultation.review = Review()
        if before.status == "signed" and state.status == "out_of_date" and (
                before.signed == state.signed):
            self.said.emit(review_words(state), True)
        elif before.status == "out_of_date" and state.status != "out_of_date":
            self.unsaid.emit()
