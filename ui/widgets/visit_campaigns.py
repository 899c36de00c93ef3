"""The visit's campaign tasks (活动任务, issue 19): one row per head-office campaign open
on the visit's day whose filter takes the shop (``fieldapp.store.campaigns.
open_for_shop``): the task in words, done or not done, the answer (a question's answer,
or why not: not done needs one), and for a photo task a photo of the visit. Each change
is saved at once (``record_result``); a refused one is named under the rows.
A visit nobody edits any more (submitted, approved) shows the tasks as a readable summary
(``RecordSummary``: the campaign, its task and what was recorded), not greyed-out inputs.
Hidden when no campaign is open for the shop.
Threading: UI thread (a handful of rows).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import ValidationError
from fieldapp.kinds import CampaignTaskKind
from fieldapp.store import campaigns as store_campaigns, pricing, views_visits as vv

from ..context import AppContext
from ..labels import field_error_text, label
from .record_summary import RecordSummary
from .visit_bits import message_label, show_message


class _TaskRow:
    """The editors of one campaign's task."""

    def __init__(self, box: VisitCampaigns, campaign: dict[str, Any]) -> None:
        self.campaign = campaign
        self.photo_task = campaign.get("task_kind") == CampaignTaskKind.PHOTO
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setObjectName("campaignTask")
        self.result = QComboBox()
        self.result.setObjectName("campaignResult")
        self.photo = QComboBox()
        self.photo.setObjectName("campaignPhoto")
        self.photo.setVisible(self.photo_task)
        self.answer = QLineEdit()
        self.answer.setObjectName("campaignAnswer")
        self.answer.setClearButtonEnabled(True)
        self.result.activated.connect(lambda _i: box.save(self))
        self.photo.activated.connect(lambda _i: box.save(self))
        self.answer.editingFinished.connect(lambda: box.save(self))


class VisitCampaigns(QGroupBox):
    """Head office's campaign tasks for this visit's shop."""

    saved = Signal(list)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("campaignsBox")
        self.ctx = ctx
        self.visit_id: str | None = None
        self.read_only = False
        self.rows: list[_TaskRow] = []
        #: The widget the rows follow in the page's keyboard order (set by the page).
        self.tab_after: QWidget | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 6, 8, 8)
        self.editors = QWidget()
        self.grid = QGridLayout(self.editors)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(2)
        outer.addWidget(self.editors)
        self.summary = RecordSummary("campaignsSummary")
        self.summary.hide()
        outer.addWidget(self.summary)
        self.message = message_label("campaignMessage")
        outer.addWidget(self.message)
        self.retranslate()
        self.setVisible(False)

    def load(self, detail: vv.VisitDetail) -> None:
        """A visit was opened: the campaigns open for its shop with this visit's records."""
        self.visit_id = detail.visit_id
        self.read_only = detail.read_only
        db = self.ctx.store.db
        day = pricing.visit_day(db, detail.visit_id)
        found = store_campaigns.open_for_shop(db, shop_id=detail.shop_id, day=day)
        for row in self.rows:
            for w in (row.label, row.result, row.photo, row.answer):
                w.deleteLater()
        self.rows = [_TaskRow(self, c) for c in found]
        done = {
            r.campaign_id: r
            for r in self.ctx.store.campaign_results.list(where={"visit_id": detail.visit_id})
        }
        for i, row in enumerate(self.rows):
            self.grid.addWidget(row.label, 2 * i, 0, 1, 3)
            self.grid.addWidget(row.result, 2 * i + 1, 0)
            self.grid.addWidget(row.photo, 2 * i + 1, 1)
            self.grid.addWidget(row.answer, 2 * i + 1, 2 if row.photo_task else 1, 1,
                                1 if row.photo_task else 2)  # fmt: skip
            row.photo.addItem("", None)
            for p in detail.photos:
                row.photo.addItem(p.caption or p.sha256[:8], p.photo_id)
            record = done.get(row.campaign["id"])
            row.result.addItems(["", "", ""])
            row.result.setCurrentIndex(0 if record is None else (1 if record.done else 2))
            if record is not None:
                row.photo.setCurrentIndex(max(0, row.photo.findData(record.photo_id)))
                row.answer.setText(record.answer or "")
            for w in (row.result, row.photo, row.answer):
                w.setEnabled(not detail.read_only)
        self.editors.setVisible(not self.read_only)
        self.summary.setVisible(self.read_only)
        self.retranslate()
        self.setVisible(bool(self.rows))
        previous = self.tab_after
        for row in self.rows:  # in the page's order: after the checklist, row by row
            for w in (row.result, row.photo, row.answer):
                if previous is not None:
                    QWidget.setTabOrder(previous, w)
                previous = w

    def save(self, row: _TaskRow) -> None:
        if self.visit_id is None or row.result.currentIndex() <= 0:
            return
        try:
            store_campaigns.record_result(
                self.ctx.store,
                visit_id=self.visit_id,
                campaign_id=str(row.campaign["id"]),
                done=row.result.currentIndex() == 1,
                answer=row.answer.text().strip() or None,
                photo_id=row.photo.currentData() if row.photo_task else None,
            )
        except ValidationError as exc:
            error = exc.errors[0]
            where = self.tr("Photo") if error.field == "photo_id" else self.tr("Answer")
            show_message(
                self.message,
                self.tr("%1: %2").replace("%1", where).replace("%2", field_error_text(error)),
            )
            (row.photo if error.field == "photo_id" else row.answer).setFocus()
            return
        show_message(self.message, "")
        self.saved.emit(["campaign_results"])

    def retranslate(self) -> None:
        self.setTitle(self.tr("Head office's tasks"))
        for row in self.rows:
            c = row.campaign
            text = (
                self.tr("%1 · %2: %3 (until %4)")
                .replace("%1", str(c["name"]))
                .replace("%2", label(CampaignTaskKind(str(c["task_kind"]))))
                .replace("%3", str(c["task"]))
                .replace("%4", str(c["ends_on"]))
            )
            if c.get("product_name"):
                text += " · " + str(c["product_name"])
            row.label.setText(text)
            for i, word in enumerate((self.tr("Not yet"), self.tr("Done"), self.tr("Not done"))):
                row.result.setItemText(i, word)
            row.photo.setItemText(0, self.tr("Choose the photo"))
            row.answer.setPlaceholderText(
                self.tr("Answer (or why not)")
                if c.get("task_kind") == CampaignTaskKind.QUESTION
                else self.tr("Note (why not, when not done)")
            )
        if self.read_only:
            self.summary.set_rows([self._summary_row(row) for row in self.rows])

    def _summary_row(self, row: _TaskRow) -> tuple[str, str]:
        """A task as read: the campaign; its task, then what was recorded (or not yet)."""
        c = row.campaign
        task = (
            self.tr("%1: %2")
            .replace("%1", label(CampaignTaskKind(str(c["task_kind"]))))
            .replace("%2", str(c["task"]))
        )
        if c.get("product_name"):
            task += " · " + str(c["product_name"])
        outcome = [row.result.currentText()]
        if row.photo_task and row.photo.currentData() is not None:
            outcome.append(row.photo.currentText())
        if row.answer.text().strip():
            outcome.append(row.answer.text().strip())
        return str(c["name"]), task + "\n" + " · ".join(outcome)
