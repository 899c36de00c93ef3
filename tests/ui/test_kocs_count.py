"""The KOC list's count when the first page comes without it (a broad search over the
whole store at region scale): the label says it is counting, never a number of an older
search; the shared counter (``ui.pages.list_count``) brings it from a worker, and the
table scrolls to the end without knowing the total."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.store import views_kocs_first
from fieldapp.store.views_kocs import koc_count
from tests.ui.conftest import DEMO_TODAY
from tests.ui.test_shops_count import HeldRunner
from ui.app import create_context
from ui.context import AppContext
from ui.i18n import Translations
from ui.pages.kocs import KocsPage


@pytest.fixture(autouse=True)
def _walk_always(monkeypatch: pytest.MonkeyPatch) -> None:
    # The rep-scale demo's searches are all narrow enough to be counted with the page:
    # here a broad one is walked, as at region scale.
    monkeypatch.setattr(views_kocs_first, "_most", lambda *_: 0)


def _page(qtbot: QtBot, ctx: AppContext) -> KocsPage:
    page = KocsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.open()
    page.scope.set_mine(False)  # the whole team's KOCs (a rep's own are counted at once)
    return page


def _search(page: KocsPage, text: str) -> None:
    page.search.setText(text)
    page.apply_filters()


def test_the_label_counts_and_never_shows_an_older_searchs_number(
    qtbot: QtBot, ctx: AppContext, translations: Translations
) -> None:
    runner = HeldRunner()
    ctx.runner = runner
    page = _page(qtbot, ctx)
    runner.held.clear()
    _search(page, "a")
    assert page.model.known_total() is None and page.model.rowCount() == 200
    assert page.count_label.text() == "Counting KOCs…"
    translations.install("zh_CN")
    assert page.count_label.text() == "正在统计 KOC…"
    translations.install("en")
    _search(page, "an")  # the next keystroke, before the first count is back
    runner.finish(0)  # the older search's count was stopped: nothing arrives
    page.counter._answer((page.counter._ask - 1, 12345))  # nor an older ask's answer
    assert page.count_label.text() == "Counting KOCs…"
    assert page.model.known_total() is None
    runner.finish(1)
    expected = koc_count(ctx.store.db, search="an")
    assert page.model.known_total() == expected > 200
    assert page.count_label.text() == f"{expected:,} KOCs"
    # Sorted by name, the same search: the count stays, no new one is asked.
    asked = len(runner.held)
    page.table.sortByColumn(0, page.table.horizontalHeader().sortIndicatorOrder())
    assert page.model.known_total() == expected and len(runner.held) == asked
    assert page.count_label.text() == f"{expected:,} KOCs"
    # A search whose page tells its count asks none and shows it at once.
    _search(page, "没有这位")
    assert page.count_label.text() == "0 KOCs" and len(runner.held) == asked
    # A rep's own KOCs come with their count.
    page.scope.set_mine(True)
    _search(page, "z")
    assert page.model.known_total() is not None and len(runner.held) == asked


def test_the_table_scrolls_to_the_end_without_the_total(
    qtbot: QtBot, ctx: AppContext, qtmodeltester: Any
) -> None:
    ctx.runner = HeldRunner()
    page = _page(qtbot, ctx)
    _search(page, "n")
    model = page.model
    assert model.known_total() is None
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    expected = koc_count(ctx.store.db, search="n")
    assert model.rowCount() == expected > 3 * 200
    assert len({model.row_at(i).id for i in range(model.rowCount())}) == expected
    model.set_total(expected)
    assert model.known_total() == model.total() == expected and not model.canFetchMore()


def test_a_worker_counts(qtbot: QtBot, ui_store: Any) -> None:
    ctx = create_context(ui_store, today=lambda: DEMO_TODAY)  # a real thread pool
    page = _page(qtbot, ctx)
    with qtbot.waitSignal(page.counter.counted, timeout=5000):
        _search(page, "n")
    assert page.model.known_total() == koc_count(ui_store.db, search="n")
    assert ctx.wait(5000)
