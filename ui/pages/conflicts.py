"""Conflicts: fields changed on two computers at once, for a person to settle.

One row per unresolved conflict (``store.replica.conflicts()``): what record and field,
the value it has now next to the other value that lost the race, who made each, when.
"Keep this" keeps the value it has now; "Use the other" writes the other value. Either
choice is an ordinary edit that syncs like any other (``store.replica.resolve_conflict``).
Threading: UI thread; the conflict list is small (one query).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError
from fieldapp.store.replica import SYNCED_TABLES, ConflictRow
from ui.translate_noop import QT_TRANSLATE_NOOP

from .. import theme
from ..context import AppContext
from ..labels import label, translate_in, word
from ..models import Column, QueryTableModel
from ..page import Page
from ..sync_ui import local_time_text
from .kocs import RowTable

CTX = "ConflictsPage"

TABLE_NAMES = {
    "shops": QT_TRANSLATE_NOOP("ConflictsPage", "Shop"),
    "owners": QT_TRANSLATE_NOOP("ConflictsPage", "Owner"),
    "visits": QT_TRANSLATE_NOOP("ConflictsPage", "Visit"),
    "kocs": QT_TRANSLATE_NOOP("ConflictsPage", "KOC"),
    "events": QT_TRANSLATE_NOOP("ConflictsPage", "Event"),
    "counties": QT_TRANSLATE_NOOP("ConflictsPage", "County"),
    "interactions": QT_TRANSLATE_NOOP("ConflictsPage", "Relationship log"),
}

FIELD_NAMES = {
    "name": QT_TRANSLATE_NOOP("ConflictsPage", "Name"),
    "notes": QT_TRANSLATE_NOOP("ConflictsPage", "Notes"),
    "address": QT_TRANSLATE_NOOP("ConflictsPage", "Address"),
    "tier": word("tier"),
    "channel": QT_TRANSLATE_NOOP("ConflictsPage", "Channel"),
    "phone": QT_TRANSLATE_NOOP("ConflictsPage", "Phone"),
    "mobile": QT_TRANSLATE_NOOP("ConflictsPage", "Mobile"),
    "level": QT_TRANSLATE_NOOP("ConflictsPage", "Relationship level"),
    "stage": QT_TRANSLATE_NOOP("ConflictsPage", "Stage"),
    "cloud_store": QT_TRANSLATE_NOOP("ConflictsPage", "Cloud store"),
    "deleted": QT_TRANSLATE_NOOP("ConflictsPage", "Deleted"),
}


def _tr(text: str) -> str:
    return translate_in(CTX, text)


FREE_TEXT = {"name", "notes", "address", "phone", "mobile", "wechat", "comment"}


def _value_text(field: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("ConflictsPage", "Yes")
            if value
            else QCoreApplication.translate("ConflictsPage", "No")
        )
    if isinstance(value, str) and field not in FREE_TEXT:
        return label(value)
    return str(value)


class ConflictsPage(Page):
    page_id = "conflicts"
    title_source = QT_TRANSLATE_NOOP("MainWindow", "Conflicts")

    COLUMNS: Sequence[Column] = (
        Column("what", QT_TRANSLATE_NOOP("ConflictsPage", "Record")),
        Column("field", QT_TRANSLATE_NOOP("ConflictsPage", "Field")),
        Column("kept", QT_TRANSLATE_NOOP("ConflictsPage", "Value now")),
        Column("lost", QT_TRANSLATE_NOOP("ConflictsPage", "Other value")),
        Column("who", QT_TRANSLATE_NOOP("ConflictsPage", "Who")),
        Column("when", QT_TRANSLATE_NOOP("ConflictsPage", "When")),
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._rows: list[dict[str, Any]] = []
        self.heading = QLabel()
        self.heading.setObjectName("conflictsHeading")
        theme.set_role(self.heading, "heading")
        self.intro = QLabel()
        self.intro.setObjectName("conflictsIntro")
        theme.set_role(self.intro, "muted")
        self.intro.setWordWrap(True)
        self.empty = QLabel()
        self.empty.setObjectName("conflictsEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.set_role(self.empty, "empty")
        self.empty.setContentsMargins(40, 40, 40, 40)
        self.empty.setWordWrap(True)
        self.model = QueryTableModel(
            self.COLUMNS, self._fetch, lambda: len(self._rows), context=CTX, parent=self
        )
        self.table = RowTable("conflictsTable")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in (2, 3):  # the two values side by side share the spare width
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.keep_button = QPushButton()
        self.keep_button.setObjectName("keepThis")
        self.keep_button.clicked.connect(lambda: self.resolve("kept"))
        self.other_button = QPushButton()
        self.other_button.setObjectName("useOther")
        self.other_button.clicked.connect(lambda: self.resolve("lost"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.other_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)
        ctx.signals.changed.connect(self._changed)
        self.retranslate()
        self.refresh()

    # ------------------------------------------------------------------ data

    def _fetch(self, _order: str | None, _desc: bool, limit: int, offset: int) -> list[Any]:
        return self._rows[offset : offset + limit]

    def _name_of(self, table: str, row_id: str | None) -> str:
        if not row_id or table not in SYNCED_TABLES:
            return ""
        try:
            row = self.ctx.store.repo(table).find(row_id, include_deleted=True)
        except FieldappError:
            return ""
        name = getattr(row, "name", None) if row is not None else None
        return str(name) if name else ""

    def _user(self, user_id: str | None) -> str:
        return self._name_of("users", user_id) or (user_id or "?")

    def _row(self, c: ConflictRow) -> dict[str, Any]:
        kind = TABLE_NAMES.get(c.table)
        what = _tr(kind) if kind else c.table
        name = self._name_of(c.table, c.row_id)
        field = FIELD_NAMES.get(c.field)
        who = (
            QCoreApplication.translate("ConflictsPage", "now: %1 / other: %2")
            .replace("%1", self._user(c.kept_by))
            .replace("%2", self._user(c.lost_by))
        )
        return {
            "id": c.id,
            "conflict": c,
            "what": (
                QCoreApplication.translate("ConflictsPage", "%1: %2")
                .replace("%1", what)
                .replace("%2", name)
                if name
                else what
            ),
            "field": _tr(field) if field else c.field,
            "kept": _value_text(c.field, c.kept_value),
            "lost": _value_text(c.field, c.lost_value),
            "who": who,
            "when": local_time_text(c.lost_client_time or c.created_at),
        }

    def refresh(self) -> None:
        self._rows = [self._row(c) for c in self.ctx.store.replica.conflicts()]
        self.model.reload()
        has = bool(self._rows)
        self.table.setVisible(has)
        self.empty.setVisible(not has)
        self.keep_button.setVisible(has)
        self.other_button.setVisible(has)
        if has and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self.table.resizeRowsToContents()
        self._update_buttons()

    def _changed(self, table: str) -> None:
        if table in ("conflicts", *SYNCED_TABLES) and self.isVisible():
            self.refresh()

    def selected(self) -> dict[str, Any] | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        ok = self.selected() is not None
        self.keep_button.setEnabled(ok)
        self.other_button.setEnabled(ok)

    def resolve(self, keep: Literal["kept", "lost"], conflict_id: str | None = None) -> bool:
        """Settle the selected conflict (or ``conflict_id``); False if it failed."""
        if conflict_id is None:
            row = self.selected()
            if row is None:
                return False
            conflict_id = str(row["id"])
        try:
            resolved = self.ctx.store.replica.resolve_conflict(conflict_id, keep=keep)
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            self.refresh()
            return False
        self.ctx.notify("conflicts", resolved.table)
        self.refresh()
        return True

    # ------------------------------------------------------------------ language

    def retranslate(self) -> None:
        self.heading.setText(QCoreApplication.translate("ConflictsPage", "Conflicts"))
        self.intro.setText(
            QCoreApplication.translate(
                "ConflictsPage",
                "The same field was changed on two computers before they synced. The value"
                " now is the one head office kept; choose which one is right.",
            )
        )
        self.empty.setText(
            QCoreApplication.translate(
                "ConflictsPage", "No conflicts. Everything you changed agrees with head office."
            )
        )
        self.keep_button.setText(QCoreApplication.translate("ConflictsPage", "Keep this"))
        self.keep_button.setToolTip(
            QCoreApplication.translate("ConflictsPage", "Keep the value it has now")
        )
        self.other_button.setText(QCoreApplication.translate("ConflictsPage", "Use the other"))
        self.other_button.setToolTip(
            QCoreApplication.translate("ConflictsPage", "Replace it with the other value")
        )
        if self._rows:
            self.refresh()
        self.model.retranslate()
