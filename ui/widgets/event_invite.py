"""The event page's Invite tab: KOCs (search, county, stage) and owners (search,
relationship level) not yet invited; select several and press Invite (one transaction;
people already invited are skipped and counted).
Threading: UI thread; lists are paged SQL (``fieldapp.store.views_events``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError
from fieldapp.model import KocStage
from fieldapp.store import views_events as ve
from ui.translate_noop import QT_TRANSLATE_NOOP

from .. import theme
from ..context import AppContext
from ..forms import refill_combo
from ..labels import choices, label
from ..models import Column, QueryTableModel
from .event_invitations import selected_count, setup_table as _setup_table


def _invited_marker(value: Any) -> str:
    return QCoreApplication.translate("Columns", "Already invited") if value else ""


def _level_text(value: Any) -> str:
    return "" if value is None else "★" * int(value)


KOC_COLUMNS: tuple[Column, ...] = (
    Column("name", QT_TRANSLATE_NOOP("Columns", "Name"), "name"),
    Column("county_name", QT_TRANSLATE_NOOP("Columns", "County"), "county"),
    Column("stage", QT_TRANSLATE_NOOP("Columns", "Stage"), "stage", label),
    Column("trait_score", QT_TRANSLATE_NOOP("Columns", "Traits"), "traits", None, True),
    Column("mobile", QT_TRANSLATE_NOOP("Columns", "Mobile"), "mobile"),
    Column("invited", QT_TRANSLATE_NOOP("Columns", "Invited?"), None, _invited_marker),
)

OWNER_COLUMNS: tuple[Column, ...] = (
    Column("name", QT_TRANSLATE_NOOP("Columns", "Name"), "name"),
    Column("shop_name", QT_TRANSLATE_NOOP("Columns", "Shop"), "shop"),
    Column("county_name", QT_TRANSLATE_NOOP("Columns", "County"), "county"),
    Column("level", QT_TRANSLATE_NOOP("Columns", "Relationship"), "level", _level_text),
    Column("mobile", QT_TRANSLATE_NOOP("Columns", "Mobile"), "mobile"),
    Column("invited", QT_TRANSLATE_NOOP("Columns", "Invited?"), None, _invited_marker),
)


class EventInvite(QWidget):
    """Invite KOCs and owners to one event."""

    #: People were invited (the page reloads its invitation list).
    invited = Signal()
    #: The selection or the counts changed (the page updates its buttons).
    selection_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventInvite")
        self.ctx = ctx
        self.event_id: str | None = None
        page = QWidget()
        row = QHBoxLayout(page)
        row.setSpacing(12)

        # KOCs.
        self.koc_box = QGroupBox()
        koc_col = QVBoxLayout(self.koc_box)
        filters = QHBoxLayout()
        self.koc_search = QLineEdit()
        self.koc_search.setObjectName("kocSearch")
        self.koc_search.setClearButtonEnabled(True)
        self.koc_county = QComboBox()
        self.koc_county.setObjectName("kocCounty")
        self.koc_stage = QComboBox()
        self.koc_stage.setObjectName("kocStage")
        self.koc_show_invited = QCheckBox()
        self.koc_show_invited.setObjectName("kocShowInvited")
        filters.addWidget(self.koc_search, 2)
        filters.addWidget(self.koc_county, 1)
        filters.addWidget(self.koc_stage, 1)
        koc_col.addLayout(filters)
        koc_col.addWidget(self.koc_show_invited)
        self.koc_model = QueryTableModel(
            KOC_COLUMNS, self._fetch_kocs, self._count_kocs, parent=self
        )
        self.koc_table = QTableView()
        self.koc_table.setObjectName("kocTable")
        self.koc_table.setModel(self.koc_model)
        _setup_table(self.koc_table)
        self.koc_table.setSortingEnabled(True)
        self.koc_table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.koc_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.koc_table.horizontalHeader().setStretchLastSection(True)
        koc_col.addWidget(self.koc_table, 1)
        koc_foot = QHBoxLayout()
        self.koc_found = QLabel()
        self.koc_found.setObjectName("kocCount")
        self.invite_kocs_button = QPushButton()
        self.invite_kocs_button.setObjectName("inviteKocsButton")
        koc_foot.addWidget(self.koc_found, 1)
        koc_foot.addWidget(self.invite_kocs_button)
        koc_col.addLayout(koc_foot)

        # Owners.
        self.owner_box = QGroupBox()
        owner_col = QVBoxLayout(self.owner_box)
        ofilters = QHBoxLayout()
        self.owner_search = QLineEdit()
        self.owner_search.setObjectName("ownerSearch")
        self.owner_search.setClearButtonEnabled(True)
        self.owner_level = QComboBox()
        self.owner_level.setObjectName("ownerLevel")
        ofilters.addWidget(self.owner_search, 2)
        ofilters.addWidget(self.owner_level, 1)
        owner_col.addLayout(ofilters)
        self.owner_show_invited = QCheckBox()
        self.owner_show_invited.setObjectName("ownerShowInvited")
        owner_col.addWidget(self.owner_show_invited)
        self.owner_model = QueryTableModel(
            OWNER_COLUMNS, self._fetch_owners, self._count_owners, parent=self
        )
        self.owner_table = QTableView()
        self.owner_table.setObjectName("ownerTable")
        self.owner_table.setModel(self.owner_model)
        _setup_table(self.owner_table)
        self.owner_table.setSortingEnabled(True)
        self.owner_table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.owner_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.owner_table.horizontalHeader().setStretchLastSection(True)
        owner_col.addWidget(self.owner_table, 1)
        owner_foot = QHBoxLayout()
        self.owner_found = QLabel()
        self.owner_found.setObjectName("ownerCount")
        self.invite_owners_button = QPushButton()
        self.invite_owners_button.setObjectName("inviteOwnersButton")
        owner_foot.addWidget(self.owner_found, 1)
        owner_foot.addWidget(self.invite_owners_button)
        owner_col.addLayout(owner_foot)

        row.addWidget(self.koc_box, 1)
        row.addWidget(self.owner_box, 1)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(page, 1)
        self.invite_result = QLabel()
        self.invite_result.setObjectName("inviteResult")
        theme.set_role(self.invite_result, "success")
        col.addWidget(self.invite_result)

        self.koc_search.textChanged.connect(lambda _t: self.reload_invitable())
        self.koc_county.activated.connect(lambda _i: self.reload_invitable())
        self.koc_stage.activated.connect(lambda _i: self.reload_invitable())
        self.koc_show_invited.toggled.connect(lambda _on: self.reload_invitable())
        self.owner_search.textChanged.connect(lambda _t: self.reload_invitable())
        self.owner_level.activated.connect(lambda _i: self.reload_invitable())
        self.owner_show_invited.toggled.connect(lambda _on: self.reload_invitable())
        self.invite_kocs_button.clicked.connect(self.invite_selected_kocs)
        self.invite_owners_button.clicked.connect(self.invite_selected_owners)
        self.koc_table.doubleClicked.connect(lambda _i: self.invite_selected_kocs())
        self.owner_table.doubleClicked.connect(lambda _i: self.invite_selected_owners())
        for table in (self.koc_table, self.owner_table):
            table.selectionModel().selectionChanged.connect(
                lambda *_: self.selection_changed.emit()
            )
        self.selection_changed.connect(self.update_buttons)

    def set_event(self, event_id: str | None) -> None:
        self.event_id = event_id

    def fill_counties(self, items: list[tuple[str, Any]], prefer: Any) -> None:
        refill_combo(self.koc_county, [(self.tr("All counties"), None), *items], prefer=prefer)

    def _koc_filters(self) -> dict[str, Any]:
        stage = self.koc_stage.currentData()
        return {
            "event_id": self.event_id or "",
            "text": self.koc_search.text().strip() or None,
            "county_id": self.koc_county.currentData(),
            "stage": None if stage is None else stage.split(","),
            "include_invited": self.koc_show_invited.isChecked(),
        }

    def _fetch_kocs(self, order: str | None, desc: bool, limit: int, offset: int) -> list[Any]:
        if self.event_id is None:
            return []
        return ve.invitable_kocs(
            self.ctx.store.db,
            order_by=order or "name",
            descending=desc,
            limit=limit,
            offset=offset,
            **self._koc_filters(),
        )

    def _count_kocs(self) -> int:
        if self.event_id is None:
            return 0
        return ve.invitable_koc_count(self.ctx.store.db, **self._koc_filters())

    def _owner_filters(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id or "",
            "text": self.owner_search.text().strip() or None,
            "min_level": self.owner_level.currentData(),
            "include_invited": self.owner_show_invited.isChecked(),
        }

    def _fetch_owners(self, order: str | None, desc: bool, limit: int, offset: int) -> list[Any]:
        if self.event_id is None:
            return []
        return ve.invitable_owners(
            self.ctx.store.db,
            order_by=order or "name",
            descending=desc,
            limit=limit,
            offset=offset,
            **self._owner_filters(),
        )

    def _count_owners(self) -> int:
        if self.event_id is None:
            return 0
        return ve.invitable_owner_count(self.ctx.store.db, **self._owner_filters())

    def reload_invitable(self) -> None:
        self.koc_model.reload()
        self.owner_model.reload()
        # The "already invited" column only matters while invited people are listed.
        self.koc_table.setColumnHidden(len(KOC_COLUMNS) - 1, not self.koc_show_invited.isChecked())
        self.owner_table.setColumnHidden(
            len(OWNER_COLUMNS) - 1, not self.owner_show_invited.isChecked()
        )
        self._show_counts()

    def _show_counts(self) -> None:
        self.koc_found.setText(self.tr("%1 KOCs").replace("%1", str(self.koc_model.total())))
        self.owner_found.setText(self.tr("%1 owners").replace("%1", str(self.owner_model.total())))
        self.selection_changed.emit()

    def _selected(self, table: QTableView, model: QueryTableModel) -> list[Any]:
        rows = sorted({i.row() for i in table.selectionModel().selectedRows()})
        return [r for r in (model.row_at(n) for n in rows) if r is not None]

    def invite_selected_kocs(self) -> tuple[int, int]:
        rows = self._selected(self.koc_table, self.koc_model)
        return self.invite(kocs=[r.id for r in rows])

    def invite_selected_owners(self) -> tuple[int, int]:
        rows = self._selected(self.owner_table, self.owner_model)
        return self.invite(owners=[r.id for r in rows])

    def invite(self, *, kocs: Sequence[str] = (), owners: Sequence[str] = ()) -> tuple[int, int]:
        """Invite people (one transaction); return (invited, skipped as already invited)."""
        if self.event_id is None or not (kocs or owners):
            return (0, 0)
        store = self.ctx.store
        already = {
            (r.person, r.person_id) for r in ve.invitations(store.db, event_id=self.event_id)
        }
        people = [("koc", k) for k in dict.fromkeys(kocs)] + [
            ("owner", o) for o in dict.fromkeys(owners)
        ]
        new = [p for p in people if p not in already]
        try:
            with store.transaction():
                for person, person_id in new:
                    store.invitations.create(event_id=self.event_id, **{f"{person}_id": person_id})
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return (0, 0)
        skipped = len(people) - len(new)
        text = self.tr("Invited %1.").replace("%1", str(len(new)))
        if skipped:
            text += " " + self.tr("%1 already invited, skipped.").replace("%1", str(skipped))
        self.invite_result.setText(text)
        if new:
            self.invited.emit()
        self.reload_invitable()
        return (len(new), skipped)

    def retranslate(self) -> None:
        self.koc_box.setTitle(self.tr("KOCs"))
        self.owner_box.setTitle(self.tr("Owners"))
        self.koc_search.setPlaceholderText(self.tr("Name, pinyin, initials or phone"))
        self.owner_search.setPlaceholderText(self.tr("Owner or shop: name, pinyin or phone"))
        self.koc_show_invited.setText(self.tr("Show people already invited"))
        self.owner_show_invited.setText(self.tr("Show people already invited"))
        refill_combo(self.koc_stage, self._stage_items())
        refill_combo(self.owner_level, self._level_items())
        if self.koc_county.count():
            self.koc_county.setItemText(0, self.tr("All counties"))
        self.koc_model.retranslate()
        self.owner_model.retranslate()
        if self.event_id is not None:
            self._show_counts()
        self.update_buttons()

    def update_buttons(self) -> None:
        """The invite buttons name how many people are selected (and work only then)."""
        n_kocs = selected_count(self.koc_table)
        n_owners = selected_count(self.owner_table)
        self.invite_kocs_button.setEnabled(n_kocs > 0)
        self.invite_owners_button.setEnabled(n_owners > 0)
        self.invite_kocs_button.setText(
            self.tr("Invite selected KOCs (%1)").replace("%1", str(n_kocs))
        )
        self.invite_owners_button.setText(
            self.tr("Invite selected owners (%1)").replace("%1", str(n_owners))
        )

    def _stage_items(self) -> list[tuple[str, Any]]:
        items: list[tuple[str, Any]] = [
            (self.tr("All stages"), None),
            (self.tr("Not dormant"), "spotted,introduced,experienced,advocating"),
        ]
        items += [(text, str(value)) for value, text in choices(KocStage)]
        return items

    def _level_items(self) -> list[tuple[str, Any]]:
        return [
            (self.tr("Any relationship level"), None),
            (self.tr("Level 5 only"), 5),
            (self.tr("Level 4 and up"), 4),
            (self.tr("Level 3 and up"), 3),
            (self.tr("Level 2 and up"), 2),
        ]
