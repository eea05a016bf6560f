"""Records the patient's acknowledgement from the Handout step (issue 17.2).

The panel collects it; this stamps the time, names the handout as given (its SHA-256 and pack
version, from the records), and asks the records service to store it. A signature drawn on
screen goes on a new handout-as-given version, built off the UI thread with the same builder
as the preview; the earlier version is never changed.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from consultaid.content.pack import ContentPack
from consultaid.domain.acknowledgement import Acknowledgement, stamp
from consultaid.domain.consultation import Consultation
from consultaid.domain.vocabulary import RecordStatus
from consultaid.settings import ClinicSettings
from consultaid.ui.access.access_model import AccessModel
from consultaid.ui.state import ConsultationState
from consultaid.ui.wizard.acknowledgement_panel import AcknowledgementPanel
from consultaid.ui.wizard.handout_page import BuildPdf
from consultaid.ui.worker import LatestOnlyRunner

if TYPE_CHECKING:
    from consultaid.records.service import RecordsService, StoredHandout


class AcknowledgementController(QObject):
    recorded = Signal(str)
    """The acknowledgement was stored (its method)."""

    def __init__(self, state: ConsultationState, access: AccessModel,
                 panel: AcknowledgementPanel, pack: ContentPack,
                 settings: Callable[[], ClinicSettings], builder: Callable[[], BuildPdf | None],
                 say: Callable[[str], None], parent: QObject | None = None) -> None:
        """``settings`` and ``builder``: the clinic's settings and the handout builder now;
        ``say``: tell the physician something (the message bar)."""
        super().__init__(parent)
        self.state, self.access, self.panel, self.pack = state, access, panel, pack
        self.settings, self.builder, self.say = settings, builder, say
        self.runner = LatestOnlyRunner(self)
        self._pending: Acknowledgement | None = None
        self.runner.succeeded.connect(self._signed_built)
        self.runner.failed.connect(self._signed_failed)
        panel.requested.connect(self.record)
        state.changed.connect(self.refresh)
        state.dirty_changed.connect(lambda _d: self.refresh())
        state.overview_changed.connect(self.refresh)  # (the record's status among it)
        access.changed.connect(self.refresh)
        self.refresh()

    def _why_not(self) -> str:
        """"" when an acknowledgement can be recorded now; otherwise what to do first."""
        if self.access.records is None or not self.access.physician:
            return self.tr("An acknowledgement is kept with the records: sign in as a physician.")
        if self.state.record_status != RecordStatus.HANDOUT_GIVEN:
            return (self.tr("Give the handout first (Print… or Save PDF…); the acknowledgement "
                    "refers to the handout as given."))
        if self.state.dirty:
            return self.tr("Save the changes first (File > Save); the acknowledgement refers to "
                    "them.")
        if self.runner.busy:
            return self.tr("Putting the signature on the handout…")
        return ""

    def refresh(self) -> None:
        why = self._why_not()
        self.panel.show_state(self.state.consultation.acknowledgement, not why, why)

    def record(self, draft: object) -> None:
        """Stamp and store ``draft``; a drawn signature first gets its signed handout."""
        assert isinstance(draft, Acknowledgement)
        why = self._why_not()
        if why:
            self.panel.status.setText(self.tr("⚠ Not recorded: {why}").format(why=why))
            return
        ops = self.access.ops
        assert ops is not None
        cid = self.state.consultation.consultation_id
        self.panel.record_button.setEnabled(False)  # (one request at a time)
        ops.run(lambda records: records.latest_handout(cid),
                lambda given: self._with_handout(draft, given),
                lambda exc: self._not_recorded(str(exc)), name="latest-handout")

    def _not_recorded(self, why: str) -> None:
        self.refresh()
        self.panel.status.setText(self.tr("⚠ Not recorded: {why}").format(why=why))

    def _with_handout(self, draft: Acknowledgement, given: StoredHandout | None) -> None:
        """The records named the handout as given: stamp the acknowledgement with it."""
        if given is None:
            self.refresh()
            self.panel.status.setText(self.tr(
                    "⚠ Not recorded: no handout is stored for this record."))
            return
        ack = dataclasses.replace(draft, at=stamp(), handout_sha256=given.sha256,
                                  pack_version=given.pack_version)
        if ack.method != "drawn":
            self._store(ack, None)
            return
        builder = self.builder()
        if builder is None:
            self.refresh()
            self.panel.status.setText(self.tr(
                    "⚠ Not recorded: no handout builder in this version."))
            return
        signed = copy.deepcopy(self.state.consultation)
        signed.acknowledgement = ack
        pack, settings = self.pack, copy.deepcopy(self.settings())
        self._pending = ack
        self.panel.status.setText(self.tr("Putting the signature on the handout…"))
        self.panel.record_button.setEnabled(False)
        self.runner.submit(lambda: builder(signed, pack, settings))

    def _signed_built(self, result: object) -> None:
        ack, self._pending = self._pending, None
        pdf = result[0] if isinstance(result, tuple) else result
        if ack is None or not isinstance(pdf, bytes | bytearray):
            self._signed_failed(self.tr("the handout builder returned no PDF"))
            return
        self._store(ack, bytes(pdf))

    def _signed_failed(self, message: str) -> None:
        self._pending = None
        self.refresh()
        self.panel.status.setText(self.tr(
                "⚠ Not recorded: the signed handout could not be made ({message}).").format(
                message=message))

    def _store(self, ack: Acknowledgement, signed_pdf: bytes | None) -> None:
        ops, user = self.access.ops, self.access.user
        assert ops is not None and user is not None
        cid = self.state.consultation.consultation_id
        settings = self.settings() if signed_pdf is not None else None

        def store(records: RecordsService) -> Consultation:
            records.acknowledge(user, cid, ack, signed_pdf=signed_pdf, settings=settings)
            return records.get(user, cid)[0]

        ops.run(store, lambda stored: self._stored(ack, stored, signed_pdf is not None),
                lambda exc: self._not_recorded(str(exc)), writes=True, name="acknowledge")

    def _stored(self, ack: Acknowledgement, stored: Consultation, signed: bool) -> None:
        self.state.replace(stored, self.state.path)  # (its status, read again, says "given")
        extra = (self.tr(" The handout carrying the signature is stored as a new version; the "
                "earlier one is kept.") if signed else "")
        self.say(self.tr("The acknowledgement is stored with the record.{extra}").format(
                extra=extra))
        self.recorded.emit(ack.method)
