"""The visit's display-agreement checks (陈列协议, issue 16): one row per agreement of the
shop active on the visit's day (position, SKUs, facings), with pass/fail, each term held
or not (the position, the facings, the SKUs: "Pass" ticks them all, unticking one makes
it "Fail"), a photo of the visit as proof and a note (a failed check needs one). Each
change is saved at once
(``fieldapp.store.display.record_check``); a refused one is named on its row.
Hidden when the shop has no active agreement.
Threading: UI thread (a handful of rows).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldapp.display import CHECK_TERMS
from fieldapp.errors import ValidationError
from fieldapp.kinds import DisplayPosition
from fieldapp.store import display as store_display, pricing, views_visits as vv

from ..context import AppContext
from ..labels import field_error_text, label
from .visit_bits import message_label, money, show_message


class _CheckRow:
    """The editors of one agreement's check."""

    def __init__(self, box: VisitDisplayChecks, agreement: dict[str, Any]) -> None:
        self.agreement = agreement
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.result = QComboBox()
        self.result.setObjectName("displayCheckResult")
        self.photo = QComboBox()
        self.photo.setObjectName("displayCheckPhoto")
        self.note = QLineEdit()
        self.note.setObjectName("displayCheckNote")
        self.note.setClearButtonEnabled(True)
        # Each term held (ticked) or not; untouched terms stay unset.
        self.terms = {t: QCheckBox() for t in CHECK_TERMS}
        self.term_row = QHBoxLayout()
        for t, tick in self.terms.items():
            tick.setObjectName("displayCheckTerm_" + t)
            tick.clicked.connect(lambda _on, t=t: box.term_changed(self, t))
            self.term_row.addWidget(tick)
        self.term_row.addStretch(1)
        self.touched: set[str] = set()
        self.result.activated.connect(lambda _i: box.result_changed(self))
        self.photo.activated.connect(lambda _i: box.save(self))
        self.note.editingFinished.connect(lambda: box.save(self))


class VisitDisplayChecks(QGroupBox):
    """The checks of the shop's active display agreements in this visit."""

    saved = Signal(list)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("displayChecksBox")
        self.ctx = ctx
        self.visit_id: str | None = None
        self.rows: list[_CheckRow] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 6, 8, 8)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(2)
        outer.addLayout(self.grid)
        self.message = message_label("displayCheckMessage")
        outer.addWidget(self.message)
        self.retranslate()
        self.setVisible(False)

    def load(self, detail: vv.VisitDetail) -> None:
        """A visit was opened: its shop's active agreements with this visit's checks."""
        self.visit_id = detail.visit_id
        db = self.ctx.store.db
        day = pricing.visit_day(db, detail.visit_id)
        agreements = store_display.active_agreements(db, shop_id=detail.shop_id, day=day)
        for row in self.rows:
            for w in (row.label, row.result, row.photo, row.note, *row.terms.values()):
                w.deleteLater()
        self.rows = [_CheckRow(self, a) for a in agreements]
        done = {
            c.agreement_id: c
            for c in self.ctx.store.display_checks.list(where={"visit_id": detail.visit_id})
        }
        for i, row in enumerate(self.rows):
            self.grid.addWidget(row.label, 3 * i, 0, 1, 3)
            self.grid.addWidget(row.result, 3 * i + 1, 0)
            self.grid.addWidget(row.photo, 3 * i + 1, 1)
            self.grid.addWidget(row.note, 3 * i + 1, 2)
            self.grid.addLayout(row.term_row, 3 * i + 2, 0, 1, 3)
            row.photo.addItem("", None)
            for p in detail.photos:
                row.photo.addItem(p.caption or p.sha256[:8], p.photo_id)
            check = done.get(row.agreement["id"])
            row.result.addItems(["", "", ""])
            row.result.setCurrentIndex(0 if check is None else (1 if check.passed else 2))
            if check is not None:
                row.photo.setCurrentIndex(max(0, row.photo.findData(check.photo_id)))
                row.note.setText(check.note or "")
                for t, tick in row.terms.items():
                    held = getattr(check, t)
                    tick.setChecked(bool(held) if held is not None else check.passed)
                    if held is not None:
                        row.touched.add(t)
            for w in (row.result, row.photo, row.note, *row.terms.values()):
                w.setEnabled(not detail.read_only)
        self.retranslate()
        self.setVisible(bool(self.rows))

    def result_changed(self, row: _CheckRow) -> None:
        """Pass ticks every term; Fail leaves them for the rep to untick what failed."""
        if row.result.currentIndex() == 1:
            for t, tick in row.terms.items():
                tick.setChecked(True)
                row.touched.add(t)
        self.save(row)

    def term_changed(self, row: _CheckRow, term: str) -> None:
        """A term ticked or unticked: one not held makes the check a failure."""
        row.touched.add(term)
        if not row.terms[term].isChecked():
            row.result.setCurrentIndex(2)
        elif row.result.currentIndex() == 0 and all(t.isChecked() for t in row.terms.values()):
            row.result.setCurrentIndex(1)
        self.save(row)

    def save(self, row: _CheckRow) -> None:
        if self.visit_id is None or row.result.currentIndex() <= 0:
            return
        try:
            store_display.record_check(
                self.ctx.store,
                visit_id=self.visit_id,
                agreement_id=str(row.agreement["id"]),
                passed=row.result.currentIndex() == 1,
                photo_id=row.photo.currentData(),
                note=row.note.text().strip() or None,
                terms={t: tick.isChecked() if t in row.touched else None
                       for t, tick in row.terms.items()},
            )  # fmt: skip
        except ValidationError as exc:
            show_message(
                self.message,
                self.tr("Note: %1").replace("%1", field_error_text(exc.errors[0])),
            )
            row.note.setFocus()
            return
        show_message(self.message, "")
        self.saved.emit(["display_checks"])

    def retranslate(self) -> None:
        self.setTitle(self.tr("Display agreements"))
        for row in self.rows:
            a = row.agreement
            where = label(DisplayPosition(str(a["position"])))
            row.label.setText(
                self.tr("%1 · %2 · %3 facings · ¥%4 a month")
                .replace("%1", where)
                .replace("%2", str(a.get("product_name") or self.tr("all products")))
                .replace("%3", str(a["facings"]))
                .replace("%4", money(a["monthly_fee"]))
            )
            for i, text in enumerate((self.tr("Not checked"), self.tr("Pass"), self.tr("Fail"))):
                row.result.setItemText(i, text)
            row.photo.setItemText(0, self.tr("No photo"))
            for tick, text in zip(row.terms.values(), (self.tr("Position held"),
                                  self.tr("Facings met"), self.tr("All SKUs there")),
                                  strict=True):  # fmt: skip
                tick.setText(text)
            row.note.setPlaceholderText(self.tr("Note (needed when it fails)"))
