"""The shop list's count when the first page comes without it (a broad search at region
scale): the label says it is counting, never a number of an older search; the count
comes from a worker, a newer keystroke interrupts a running one, and the table scrolls
to the end without knowing the total."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.store import views_shops_first
from fieldapp.store.views_shops import shop_count
from tests.ui.conftest import DEMO_TODAY
from ui.app import create_context
from ui.context import AppContext
from ui.i18n import Translations
from ui.pages import shops_count
from ui.pages.shops import ShopsPage
from ui.tasks import Cancelled, Task, TaskRunner


class HeldRunner(TaskRunner):
    """Keeps each job until the test lets it run (inline), in any order."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[tuple[Callable[[Task], Any], Any, Any]] = []

    def run(self, work: Any, *, on_done: Any = None, on_cancel: Any = None, **_: Any) -> Task:
        self.held.append((work, on_done, on_cancel))
        return Task()

    def finish(self, i: int) -> None:
        work, on_done, on_cancel = self.held[i]
        try:
            result = work(Task())
        except Cancelled:
            on_cancel and on_cancel()
        else:
            on_done(result)


@pytest.fixture(autouse=True)
def _walk_always(monkeypatch: pytest.MonkeyPatch) -> None:
    # The rep-scale demo's searches are all narrow enough to be counted with the page:
    # here a broad one is walked, as at region scale.
    monkeypatch.setattr(views_shops_first, "_most", lambda *_: 0)


def _page(qtbot: QtBot, ctx: AppContext) -> ShopsPage:
    page = ShopsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.open()
    page.scope.set_mine(False)  # the whole team's shops (a rep's own are few)
    return page


def _search(page: ShopsPage, text: str) -> None:
    page.search.setText(text)
    page.apply_filters()


def test_the_label_counts_and_never_shows_an_older_searchs_number(
    qtbot: QtBot, ctx: AppContext, translations: Translations
) -> None:
    runner = HeldRunner()
    ctx.runner = runner
    page = _page(qtbot, ctx)
    runner.held.clear()
    _search(page, "HN-0")
    assert page.model.known_total() is None and page.model.rowCount() == 60
    assert page.count_label.text() == "Counting shops…"
    translations.install("zh_CN")
    assert page.count_label.text() == "正在统计门店…"
    translations.install("en")
    _search(page, "ang")  # the next keystroke, before the first count is back
    assert page.count_label.text() == "Counting shops…"
    runner.finish(0)  # the older search's count was stopped: nothing arrives
    assert page.count_label.text() == "Counting shops…"
    # Nor does an answer to an older ask that was under way when it was stopped.
    page.counter._answer((page.counter._ask - 1, 12345))
    assert page.count_label.text() == "Counting shops…"
    assert page.model.known_total() is None
    runner.finish(1)
    expected = shop_count(ctx.store.db, text="ang", today=DEMO_TODAY)
    assert page.model.known_total() == expected > 60
    assert page.count_label.text() == f"{expected} shops"
    # Sorted by name, the same search: the count stays, no new one is asked.
    asked = len(runner.held)
    page.table.sortByColumn(1, page.table.horizontalHeader().sortIndicatorOrder())
    assert page.model.known_total() == expected and len(runner.held) == asked
    # A search whose page tells its count asks none and shows it at once.
    _search(page, "没有这家")
    assert page.count_label.text() == "0 shops" and len(runner.held) == asked


def test_the_table_scrolls_to_the_end_without_the_total(
    qtbot: QtBot, ctx: AppContext, qtmodeltester: Any
) -> None:
    runner = HeldRunner()
    ctx.runner = runner
    page = _page(qtbot, ctx)
    model = page.make_model()
    page.search.setText("HN-0")
    model.reload()
    assert model.known_total() is None
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    expected = shop_count(ctx.store.db, text="HN-0", today=DEMO_TODAY)
    assert model.rowCount() == expected > 2 * 60
    assert len({model.row_at(i).id for i in range(model.rowCount())}) == expected
    model.set_total(expected)
    assert model.known_total() == model.total() == expected and not model.canFetchMore()


def test_a_worker_counts_and_a_new_ask_interrupts_it(
    qtbot: QtBot, ui_store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = create_context(ui_store, today=lambda: DEMO_TODAY)  # a real thread pool
    page = _page(qtbot, ctx)
    with qtbot.waitSignal(page.counter.counted, timeout=5000):
        _search(page, "HN-0")
    assert page.model.known_total() == shop_count(ui_store.db, text="HN-0", today=DEMO_TODAY)
    # A count that would run for ages: the next ask interrupts it on its connection.
    started: list[float] = []

    def endless(db: Any, **_: Any) -> int:
        started.append(time.perf_counter())
        sql = (
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
        )
        return int(db.execute(sql).fetchone()[0])

    monkeypatch.setattr(shops_count, "shop_count", endless)
    got: list[tuple[int, int]] = []
    page.counter.counted.connect(lambda ask, n: got.append((ask, n)))
    _search(page, "ang")
    qtbot.waitUntil(lambda: bool(started), timeout=5000)
    time.sleep(0.05)
    monkeypatch.setattr(shops_count, "shop_count", shop_count)
    _search(page, "ian")  # interrupts the endless count, then counts this one
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    assert ctx.wait(5000)
    expected = shop_count(ui_store.db, text="ian", today=DEMO_TODAY)
    assert [n for _, n in got] == [expected]
    assert page.count_label.text() == f"{expected} shops"


def test_a_sort_before_the_typed_text_is_searched_counts_that_text(
    qtbot: QtBot, ctx: AppContext
) -> None:
    runner = HeldRunner()
    ctx.runner = runner
    page = _page(qtbot, ctx)
    runner.held.clear()
    _search(page, "HN-0")
    runner.finish(0)
    before = page.model.known_total()
    assert before == shop_count(ctx.store.db, text="HN-0", today=DEMO_TODAY)
    # Typed, and the header clicked before the search's pause is over: the rows are the
    # new text's, so is the count (never HN-0's on them).
    page.search.setText("ang")
    page.table.sortByColumn(1, page.table.horizontalHeader().sortIndicatorOrder())
    assert page.model.known_total() is None
    assert page.count_label.text() == "Counting shops…"
    runner.finish(1)
    expected = shop_count(ctx.store.db, text="ang", today=DEMO_TODAY)
    assert page.model.known_total() == expected != before
    assert page.count_label.text() == f"{expected} shops"
    # The search then runs when the pause is over: counted again, the same number.
    page.apply_filters()
    runner.finish(2)
    assert page.count_label.text() == f"{expected} shops"


def test_a_count_arrives_while_the_task_runner_is_busy(qtbot: QtBot, ui_store: Any) -> None:
    """A sync and a warm-up (or a store check) hold both of the task runner's threads:
    the list's count still arrives (it runs on a thread of its own, ``ctx.reads``), the
    label does not stay on "Counting…" until they end."""
    ctx = create_context(ui_store, today=lambda: DEMO_TODAY)  # real thread pools
    release = threading.Event()
    for _ in range(2):
        ctx.runner.run(lambda _task: release.wait(30))
    try:
        page = _page(qtbot, ctx)
        with qtbot.waitSignal(page.counter.counted, timeout=5000):
            _search(page, "HN-0")
        assert page.model.known_total() == shop_count(ui_store.db, text="HN-0", today=DEMO_TODAY)
    finally:
        release.set()
        assert ctx.wait(5000)
