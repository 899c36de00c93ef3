"""The KOC page's right column: tabs with the linked shops, the community groups they
run, the events they were invited to and the stage history, each a table over a list the
page holds, with its buttons.

The page connects the buttons and rows to what they do.
Threading: UI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from ui.translate_noop import QT_TRANSLATE_NOOP

from .. import icons
from ..clock import datetime_text
from ..labels import label
from ..models import Column, QueryTableModel
from ..pages.kocs import RowTable
from .empty_state import EmptyStack, EmptyState


def local_datetime(value: Any) -> str:
    """A stored UTC time as Beijing wall-clock time, e.g. ``2026-11-24 17:30``."""
    return datetime_text(value)


def iso_date(value: Any) -> str:
    return "" if value is None else value.isoformat()


def stage_or_new(value: Any) -> str:
    if value is None:
        return QCoreApplication.translate("KocPage", "(new)")
    return label(value)


def feedback_text(value: Any) -> str:
    return "" if value is None else "★" * int(value) + "☆" * (5 - int(value))


SHOP_COLUMNS = (
    Column("shop", QT_TRANSLATE_NOOP("Columns", "Shop")),
    Column("shop_code", QT_TRANSLATE_NOOP("Columns", "Code")),
    Column("introduced_by", QT_TRANSLATE_NOOP("Columns", "Introduced by")),
    Column("introduced_at", QT_TRANSLATE_NOOP("Columns", "Introduced on"), fmt=iso_date),
    Column("note", QT_TRANSLATE_NOOP("Columns", "Note")),
)
GROUP_COLUMNS = (
    Column("kind", QT_TRANSLATE_NOOP("Columns", "Kind"), fmt=label),
    Column("name", QT_TRANSLATE_NOOP("Columns", "Group")),
    Column("size", QT_TRANSLATE_NOOP("Columns", "Members"), align_right=True),
    Column("notes", QT_TRANSLATE_NOOP("Columns", "Notes")),
)
EVENT_COLUMNS = (
    Column("starts_at", QT_TRANSLATE_NOOP("Columns", "Date"), fmt=local_datetime),
    Column("title", QT_TRANSLATE_NOOP("Columns", "Event")),
    Column("kind", QT_TRANSLATE_NOOP("Columns", "Kind"), fmt=label),
    Column("status", QT_TRANSLATE_NOOP("Columns", "Invitation"), fmt=label),
    Column("feedback", QT_TRANSLATE_NOOP("Columns", "Feedback"), fmt=feedback_text),
)
HISTORY_COLUMNS = (
    Column("changed_at", QT_TRANSLATE_NOOP("Columns", "When"), fmt=local_datetime),
    Column("from_stage", QT_TRANSLATE_NOOP("Columns", "From"), fmt=stage_or_new),
    Column("to_stage", QT_TRANSLATE_NOOP("Columns", "To"), fmt=label),
)


class ListModel(QueryTableModel):
    """A QueryTableModel over a list the page already holds (a KOC's few shops or events)."""

    def __init__(self, columns: tuple[Column, ...], parent: QWidget) -> None:
        self.items: list[Any] = []
        super().__init__(
            columns,
            lambda _order, _desc, limit, offset: self.items[offset : offset + limit],
            lambda: len(self.items),
            context="Columns",
            parent=parent,
        )

    def set_items(self, items: list[Any]) -> None:
        self.items = list(items)
        self.reload()


def _tab(table: RowTable, empty: EmptyState, *buttons: QPushButton) -> QWidget:
    page = QWidget()
    column = QVBoxLayout(page)
    column.setContentsMargins(6, 6, 6, 6)
    if buttons:
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
    column.addWidget(EmptyStack(table, empty), 1)
    return page


class KocLists(QTabWidget):
    """Shops, groups, events and stage history of one KOC, one tab each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kocTabs")
        # tabs: shops, groups, events, history
        self.shops_model = ListModel(SHOP_COLUMNS, self)
        self.groups_model = ListModel(GROUP_COLUMNS, self)
        self.events_model = ListModel(EVENT_COLUMNS, self)
        self.history_model = ListModel(HISTORY_COLUMNS, self)
        self.shops_table = RowTable("kocShopsTable")
        self.shops_table.setModel(self.shops_model)
        self.groups_table = RowTable("kocGroupsTable")
        self.groups_table.setModel(self.groups_model)
        self.events_table = RowTable("kocEventsTable")
        self.events_table.setModel(self.events_model)
        self.history_table = RowTable("kocHistoryTable")
        self.history_table.setModel(self.history_model)

        self.shops_empty = EmptyState("kocShopsEmpty", icon="nav.shops")
        self.groups_empty = EmptyState("kocGroupsEmpty", icon="group")
        self.events_empty = EmptyState("kocEventsEmpty", icon="nav.events")
        self.history_empty = EmptyState("kocHistoryEmpty", icon="list")
        self.link_button = QPushButton()
        self.link_button.setObjectName("addShopLink")
        self.open_shop_button = QPushButton()
        self.open_shop_button.setObjectName("openShop")
        self.unlink_button = QPushButton()
        self.unlink_button.setObjectName("unlinkShop")
        self.delete_group_button = QPushButton()
        self.delete_group_button.setObjectName("deleteGroup")
        self.add_group_button = QPushButton()
        self.add_group_button.setObjectName("addGroup")
        self.edit_group_button = QPushButton()
        self.edit_group_button.setObjectName("editGroup")
        self.open_event_button = QPushButton()
        self.open_event_button.setObjectName("openEvent")
        for button, action in (
            (self.link_button, "link"),
            (self.open_shop_button, "open"),
            (self.unlink_button, "unlink"),
            (self.delete_group_button, "delete"),
            (self.add_group_button, "add"),
            (self.edit_group_button, "edit"),
            (self.open_event_button, "open"),
        ):
            button.setIcon(icons.icon(action))
        self.shops_empty.set_action(self.link_button.click)
        self.groups_empty.set_action(self.add_group_button.click)
        self.addTab(
            _tab(
                self.shops_table,
                self.shops_empty,
                self.link_button,
                self.open_shop_button,
                self.unlink_button,
            ),
            "",
        )
        self.addTab(
            _tab(
                self.groups_table,
                self.groups_empty,
                self.add_group_button,
                self.edit_group_button,
                self.delete_group_button,
            ),
            "",
        )
        self.addTab(_tab(self.events_table, self.events_empty, self.open_event_button), "")
        self.addTab(_tab(self.history_table, self.history_empty), "")

    def models(self) -> tuple[ListModel, ...]:
        return (self.shops_model, self.groups_model, self.events_model, self.history_model)

    def retranslate_tabs(self) -> None:
        titles = (
            (QCoreApplication.translate("KocPage", "Shops (%1)"), self.shops_model),
            (QCoreApplication.translate("KocPage", "Groups they run (%1)"), self.groups_model),
            (QCoreApplication.translate("KocPage", "Events (%1)"), self.events_model),
            (QCoreApplication.translate("KocPage", "Stage history (%1)"), self.history_model),
        )
        for i, (text, model) in enumerate(titles):
            self.setTabText(i, text.replace("%1", str(len(model.items))))

    def retranslate(self) -> None:
        self.link_button.setText(QCoreApplication.translate("KocPage", "Link a shop…"))
        self.open_shop_button.setText(QCoreApplication.translate("KocPage", "Open shop"))
        self.unlink_button.setText(QCoreApplication.translate("KocPage", "Unlink…"))
        self.delete_group_button.setText(QCoreApplication.translate("KocPage", "Delete group…"))
        self.add_group_button.setText(QCoreApplication.translate("KocPage", "Add group…"))
        self.edit_group_button.setText(QCoreApplication.translate("KocPage", "Edit group…"))
        self.open_event_button.setText(QCoreApplication.translate("KocPage", "Open event"))
        self.shops_empty.set_texts(
            QCoreApplication.translate("KocPage", "Not linked to any shop yet."),
            QCoreApplication.translate("KocPage", "Link a shop…"),
        )
        self.groups_empty.set_texts(
            QCoreApplication.translate("KocPage", "No community groups recorded."),
            QCoreApplication.translate("KocPage", "Add group…"),
        )
        self.events_empty.set_texts(
            QCoreApplication.translate(
                "KocPage", "Not invited to any event yet: invite them from an event's page."
            ),
            QCoreApplication.translate("KocPage", "Open events"),
        )
        self.history_empty.set_texts(
            QCoreApplication.translate(
                "KocPage", "The stage has not changed yet: choose a stage on the left to record it."
            )
        )
        self.retranslate_tabs()
        for model in self.models():
            model.retranslate()
