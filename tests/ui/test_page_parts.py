"""The widgets the event, shop, KOC and team pages are composed from (issue 17), each on
its own: the event header, the shop header, the KOC page's lists with their actions, the
dashboard's grid of cards, and the review queue's compact header."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QTableView
from pytestqt.qtbot import QtBot

from fieldapp.store import metrics, views_events as ve, views_kocs
from fieldapp.store.views_shops import shop_detail
from ui.context import AppContext
from ui.widgets.compact_header import CompactHeader
from ui.widgets.dashboard_grid import DashboardGrid
from ui.widgets.event_header import STATS, EventHeader
from ui.widgets.koc_relations import KocRelations
from ui.widgets.shop_header import ShopHeader


def test_event_header_shows_an_event_and_clears(qtbot: QtBot, ctx: AppContext) -> None:
    db = ctx.store.db
    event_id = db.execute(
        "SELECT event_id FROM invitations GROUP BY event_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    detail = ve.event_detail(db, event_id=event_id)
    assert detail is not None
    header = EventHeader(ctx)
    qtbot.addWidget(header)
    header.show()
    header.show_event(detail, None)
    assert header.title_label.text() == detail.title
    assert header.stats["invited"].value.text() == str(detail.invited)
    assert header.stats["attendanceRate"].value.text() == "–"  # no outcome read yet
    assert header.status_pill.isVisible() and header.status_pill.state() != "neutral"
    assert all(header.stats[name].isVisible() for name in STATS)
    capped = replace(detail, capacity=None)
    header.show_event(capped, None)
    assert header.stats["places"].value.text() == str(detail.expected)
    header.set_save_state("invalid")
    assert header.save_state_label.property("role") == "error"
    header.clear()
    assert header.title_label.text() == "" and not header.status_pill.isVisible()
    assert not any(header.stats[name].isVisible() for name in STATS)


def test_shop_header_shows_a_shop_and_asks_the_page(qtbot: QtBot, ctx: AppContext) -> None:
    shop_id = ctx.store.db.execute("SELECT id FROM shops WHERE deleted = 0 LIMIT 1").fetchone()[0]
    detail = shop_detail(ctx.store.db, shop_id)
    assert detail is not None
    header = ShopHeader(ctx)
    qtbot.addWidget(header)
    header.retranslate()
    header.show_shop(detail)
    assert header.name_label.text() == detail.name
    assert header.cloud_store.currentData() == str(detail.cloud_store)
    assert header.gps_label.text().startswith("GPS") or header.gps_label.text() == "No GPS"
    with qtbot.waitSignal(header.edit):
        header.edit_button.click()
    with qtbot.waitSignal(header.visit):
        header.visit_button.click()


def test_koc_relations_load_and_empty(qtbot: QtBot, ctx: AppContext) -> None:
    koc_id = ctx.store.db.execute(
        "SELECT koc_id FROM koc_shops WHERE deleted = 0 LIMIT 1"
    ).fetchone()[0]
    koc = ctx.store.kocs.get(koc_id)
    notified: list[tuple[str, ...]] = []
    lists = KocRelations(ctx, lambda: koc, lambda *tables: notified.append(tables))
    qtbot.addWidget(lists)
    lists.retranslate()
    lists.load(koc)
    shops = views_kocs.koc_shops(ctx.store.db, koc_id=koc_id)
    assert len(lists.shops_model.items) == len(shops) > 0
    assert lists.tabText(0).endswith(f"({len(shops)})")
    assert lists.tabText(lists.indexOf(lists.push_log)).startswith("Pushes")
    link = lists.shops_model.items[0]
    lists.remove("koc_shops", link.id)  # the page asked first
    assert len(lists.shops_model.items) == len(shops) - 1 and notified == [("koc_shops",)]
    lists.load(None)
    assert all(not model.items for model in lists.models())


def test_dashboard_grid_draws_what_it_is_given(qtbot: QtBot, ctx: AppContext) -> None:
    grid = DashboardGrid()
    qtbot.addWidget(grid)
    assert set(grid.cards) >= {"density", "funnel", "visits", "events", "reps", "shelf", "chain"}
    assert all(card.loading() for card in grid.cards.values())  # nothing computed yet
    standing = metrics.standing_numbers(ctx.store.db, today=ctx.today())
    grid.show_standing(standing, one_rep=False)
    assert not grid.density_card.loading() and not grid.levels_card.loading()
    assert grid.visits_card.loading()  # the period's part is still on its way
    grid.show_reps([], [])
    assert grid.cards["reps"].model.rows() == [] and grid.cards["reps"].showing_table()


class _Words(QAbstractTableModel):
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 2

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        return "1" if role == Qt.ItemDataRole.DisplayRole else None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        return "Order value" if role == Qt.ItemDataRole.DisplayRole else None


def test_compact_header_keeps_the_arrow_room_for_the_sorted_column(qtbot: QtBot) -> None:
    def widths(header_class: type[QHeaderView] | None) -> list[int]:
        table = QTableView()
        qtbot.addWidget(table)
        if header_class is not None:
            table.setHorizontalHeader(header_class(table))
        table.setModel(_Words())
        table.setSortingEnabled(True)
        table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.show()
        return [table.columnWidth(0), table.columnWidth(1)]

    plain, compact = widths(None), widths(CompactHeader)
    assert compact[0] == plain[0]  # the sorted column keeps its arrow's room
    assert compact[1] < plain[1]  # the others fit their words
