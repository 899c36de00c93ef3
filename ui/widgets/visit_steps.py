"""A visit's steps: check in, check out and submit for review.

Check-out and submit are written after a few seconds unless undone (``ui.undo``);
leaving the page or opening another visit takes them at once. Submitting records the
visit's owner interaction and submits in one transaction.
``saved(tables)`` after each step written; ``checked_in()`` after a check-in.
Threading: UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QWidget

from fieldapp.errors import FieldappError, ValidationError
from fieldapp.store import views_visits as vv

from ..checkin_position import ask_position, default_source as default_position_source
from ..context import AppContext
from ..labels import error_text
from .visit_bits import VisitState, group, local_time, show_message, words
from .visit_fields import VisitFields
from .visit_footer import VisitFooter


class VisitSteps(QObject):
    saved = Signal(list)
    checked_in = Signal()

    def __init__(
        self, ctx: AppContext, state: VisitState, fields: VisitFields, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.ctx, self.state, self.fields = ctx, state, fields
        self.start_box: QGroupBox
        self.start_box, start = group("startBox")
        row = QHBoxLayout()
        self.check_in_button = QPushButton()
        self.check_in_button.setObjectName("checkInButton")
        self.check_in_button.clicked.connect(self.check_in)
        self.check_in_time = QLabel()
        self.check_in_time.setObjectName("checkInTime")
        row.addWidget(self.check_in_button)
        row.addWidget(self.check_in_time, 1)
        start.addLayout(row)
        self.footer = VisitFooter()
        self.message = self.footer.message
        self.undo_bar = self.footer.undo_bar
        self.footer.check_out_button.clicked.connect(self.check_out)
        self.footer.submit_button.clicked.connect(self.submit)
        self.undo_bar.undone.connect(self._undone)

    def show_detail(self, d: vv.VisitDetail, today: date) -> None:
        if d.checkin_at is None:
            self.check_in_time.setText(self.tr("Not checked in yet"))
        else:
            self.check_in_time.setText(
                self.tr("Checked in at %1").replace("%1", local_time(d.checkin_at, today))
            )
        if d.checkout_at is None:
            self.footer.check_out_time.setText("")
        else:
            self.footer.check_out_time.setText(
                self.tr("Checked out at %1").replace("%1", local_time(d.checkout_at, today))
            )
        self.apply_mode()

    def apply_mode(self) -> None:
        d = self.state.detail
        if d is None:
            return
        editable = not d.read_only
        self.check_in_button.setEnabled(editable and d.checkin_at is None)
        waiting = self.undo_bar.pending()
        self.footer.check_out_button.setEnabled(
            editable and d.checkin_at is not None and d.checkout_at is None and not waiting
        )
        self.footer.submit_button.setEnabled(editable and not waiting)
        # A submitted or approved visit reads as a record: the times, no greyed-out steps.
        for button in (self.check_in_button, self.footer.check_out_button,
                       self.footer.submit_button):  # fmt: skip
            button.setVisible(editable)

    # Makes the position source asked at check-in (tests give their own).
    position_source: Callable[[QObject], Any] = staticmethod(default_position_source)

    def check_in(self) -> None:
        if self.state.visit is None:
            return
        try:
            self.ctx.store.visits.check_in(self.state.visit.id)
        except ValidationError as exc:
            show_message(self.message, words(exc))
            return
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        show_message(self.message, "")
        self.saved.emit(["visits"])
        self.checked_in.emit()
        # Where the laptop is, if it can say (most cannot): kept for the visit's evidence.
        ask_position(
            self.ctx,
            self.state.visit.id,
            self,
            source_factory=self.position_source,
            then=lambda _v: self.saved.emit(["visits"]),
        )

    def check_out(self) -> None:
        """Check out now; written after a few seconds unless undone (``ui.undo``)."""
        if self.state.visit is None:
            return
        at = self.ctx.store.now()
        visit_id = self.state.visit.id
        self.footer.check_out_button.setEnabled(False)
        self.undo_bar.start(
            self.tr("Checked out at %1.").replace("%1", local_time(at, self.ctx.today())),
            lambda: self._finish(visit_id, at),
        )

    def _undone(self) -> None:
        show_message(self.message, "")
        self.apply_mode()

    def _finish(self, visit_id: str, at: datetime) -> None:
        try:
            vv.finish_visit(self.ctx.store, visit_id=visit_id, day=self.ctx.today(), at=at)
        except ValidationError as exc:
            show_message(self.message, words(exc))
            return
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        show_message(self.message, "")
        self.saved.emit(["visits", "interactions", "owners"])
        self.footer.submit_button.setFocus()

    def submit(self) -> None:
        """Submit for review; written after a few seconds unless undone (``ui.undo``)."""
        self.undo_bar.flush()  # a check-out waiting for an undo comes first
        visit = self.state.visit
        if visit is None:
            return
        if self.fields.has_errors():
            show_message(
                self.message,
                self.tr("Some fields are marked in red. Correct them before submitting."),
            )
            return
        if visit.checkin_at is None or visit.checkout_at is None:
            show_message(self.message, error_text("visit_not_finished"))
            return
        visit_id = visit.id
        self.footer.submit_button.setEnabled(False)
        show_message(self.message, "")
        self.undo_bar.start(self.tr("Submitted for review."), lambda: self._submit_now(visit_id))

    def _submit_now(self, visit_id: str) -> None:
        self.fields.stop_interaction()
        store = self.ctx.store
        try:
            with store.transaction():
                vv.record_visit_interaction(store, visit_id=visit_id, day=self.ctx.today())
                store.visits.submit(visit_id)
        except ValidationError as exc:
            show_message(self.message, words(exc))
            return
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        show_message(self.message, "")
        self.saved.emit(["visits", "interactions", "owners"])

    def retranslate(self) -> None:
        self.start_box.setTitle(self.tr("Start"))
        self.check_in_button.setText(self.tr("Check in"))
        self.footer.retranslate()
