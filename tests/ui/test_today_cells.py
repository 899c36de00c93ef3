"""Today's cells: texts made from whole rows, the whole text as the tooltip of an elided
cell, the lists that scroll read a page at a time and still count everything."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.store import views_visits as vv
from tests.ui.conftest import DEMO_TODAY
from ui.context import AppContext
from ui.i18n import Translations
from ui.models import ROW_ROLE
from ui.pages.today import PAGE, TodayPage


def test_cells_tooltips_and_paging(qtbot: QtBot, ctx: AppContext) -> None:
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 740)
    page.show()
    store = ctx.store
    model = page.koc_model
    index = model.index(0, 0)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == index.data() == index.data(ROW_ROLE).name
    total = vv.count_kocs_to_follow_up(store.db, today=DEMO_TODAY, rep_id=store.user_id)
    assert model.total() == total
    assert model.rowCount() == min(PAGE, total)
    if total > PAGE:
        assert model.canFetchMore()
        model.fetchMore()
        assert model.rowCount() == min(2 * PAGE, total)
    # A list shorter than a page is the whole list.
    assert (
        page.event_model.total()
        == page.event_model.rowCount()
        == len(vv.upcoming_events(store.db, today=DEMO_TODAY, rep_id=store.user_id))
    )


def test_columns_fit_their_rows_and_words(
    qtbot: QtBot, ctx: AppContext, translations: Translations
) -> None:
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 740)
    page.show()
    view, tier = page.planned_table, 1  # shop (stretches), tier, status, time

    def fitted(column: int) -> bool:
        hint = max(view.sizeHintForColumn(column), view.horizontalHeader().sectionSizeHint(column))
        return view.columnWidth(column) == hint

    assert page.planned_model.rowCount() > 0
    assert all(fitted(c) for c in (1, 2, 3))
    english = view.columnWidth(tier)
    translations.install("zh_CN")  # other words, other widths
    assert all(fitted(c) for c in (1, 2, 3))
    assert view.columnWidth(tier) != english
    view.sortByColumn(tier, Qt.SortOrder.DescendingOrder)  # rows read again
    assert all(fitted(c) for c in (1, 2, 3))
