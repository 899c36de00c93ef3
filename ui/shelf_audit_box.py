"""The visit page's shelf-audit box (issue 16): the grid, a save button and its message.

Loads the visit's grid (``fieldapp.store.shelf.audit_grid``: the shop's assortment,
prefilled from its last audit) and saves it whole in one transaction; a value the
store refuses is named next to the button, nothing is changed.
Threading: UI thread (a 20-row grid reads and writes in a few milliseconds).
"""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fieldapp.errors import ValidationError
from fieldapp.store.shelf import audit_grid, disorder_share, save_audit

from .audit_grid import AuditGrid
from .context import AppContext
from .labels import field_error_text


class ShelfAuditBox(QGroupBox):
    """The shelf audit of one visit."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shelfAuditBox")
        self.ctx = ctx
        self.visit_id: str | None = None
        layout = QVBoxLayout(self)
        self.grid = AuditGrid(self)
        self.grid.setMinimumHeight(220)
        layout.addWidget(self.grid)
        row = QHBoxLayout()
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveAuditButton")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel(self)
        self.message.setObjectName("auditMessage")
        self.message.setWordWrap(True)
        row.addWidget(self.save_button)
        row.addWidget(self.message, 1)
        layout.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Shelf audit"))
        self.save_button.setText(self.tr("Save shelf audit"))

    def load(self, visit_id: str, *, read_only: bool = False) -> None:
        self.visit_id = visit_id
        store = self.ctx.store
        rows = audit_grid(store.db, visit_id=visit_id)
        self.grid.grid_model.set_rows(rows, share=disorder_share(store))
        self.save_button.setEnabled(not read_only)
        self.save_button.setVisible(not read_only)  # a record, not a disabled form
        self.message.clear()
        self.setVisible(bool(rows))

    def save(self) -> bool:
        if self.visit_id is None:
            return False
        problems = self.grid.grid_model.problems()
        if problems:
            r, _c, error = problems[0]
            self.message.setText(
                self.tr("Row %1: %2")
                .replace("%1", str(r + 1))
                .replace("%2", field_error_text(error))
            )
            return False
        rows = self.grid.grid_model.rows() or []
        try:
            saved = save_audit(self.ctx.store, visit_id=self.visit_id, rows=rows)
        except ValidationError as exc:
            first = exc.errors[0]
            self.message.setText(field_error_text(first))
            return False
        self.grid.grid_model.set_rows(saved)
        self.ctx.notify("shelf_audits")
        self.message.setText(self.tr("Saved"))
        return True
