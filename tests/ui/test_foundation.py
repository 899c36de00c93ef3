"""The UI foundation: task runner, errors in words, table model, forms, window, languages."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QVBoxLayout
from pytestqt.qtbot import QtBot

from fieldapp.errors import FieldError, InUse, NotFound, ValidationError
from fieldapp.model import Owner, Shop
from fieldapp.store import Store
from ui.context import AppContext
from ui.errors import ErrorPresenter, describe
from ui.forms import Form, refill_combo
from ui.i18n import Translations, system_language
from ui.labels import error_text, label
from ui.main_window import MainWindow
from ui.models import Column, QueryTableModel
from ui.page import Page
from ui.tasks import Cancelled, SyncTaskRunner, Task, TaskRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import i18n as i18n_tool

# ---------------------------------------------------------------------------- tasks


def test_task_runner_runs_off_the_ui_thread_and_reports_back(qtbot: QtBot) -> None:
    runner = TaskRunner()
    seen: dict[str, Any] = {}
    ui_thread = threading.get_ident()

    def work(task: Task) -> int:
        seen["thread"] = threading.get_ident()
        task.progress(1, 2, "half")
        return 42

    runner.run(
        work,
        on_done=lambda r: seen.setdefault("result", r),
        on_progress=lambda d, t, s: seen.setdefault("progress", (d, t, s)),
    )
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["result"] == 42
    assert seen["thread"] != ui_thread
    qtbot.waitUntil(lambda: "progress" in seen, timeout=5000)
    assert seen["progress"] == (1, 2, "half")


def test_task_errors_reach_the_handler_and_cancel_stays_silent(qtbot: QtBot) -> None:
    errors: list[BaseException] = []
    runner = TaskRunner(on_error=lambda exc, tb: errors.append(exc))

    def boom(task: Task) -> None:
        raise RuntimeError("disk full")

    runner.run(boom)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], RuntimeError)

    started = threading.Event()
    done: list[object] = []

    def slow(task: Task) -> None:
        started.set()
        while True:
            task.check()

    stopped: list[bool] = []
    task = runner.run(slow, on_done=done.append, on_cancel=lambda: stopped.append(True))
    assert started.wait(5)
    task.cancel()
    assert runner.wait(5000)
    qtbot.waitUntil(lambda: stopped == [True], timeout=5000)  # told, once
    assert done == [] and len(errors) == 1  # not reported as an error


def test_a_finished_tasks_signal_object_dies_on_the_ui_thread(qtbot: QtBot) -> None:
    """Not with the pool's job on the worker thread: Qt would lock its connections
    there and wait for the GIL, a deadlock with a UI thread waiting for that lock."""
    from PySide6.QtCore import QCoreApplication, QEvent

    runner = TaskRunner()
    died_on: list[bool] = []
    results: list[int] = []
    runner.run(lambda task: 7, on_done=results.append)
    (signals,) = runner._live
    signals.destroyed.connect(
        lambda: died_on.append(threading.current_thread() is threading.main_thread())
    )
    qtbot.waitUntil(lambda: results == [7], timeout=5000)
    assert runner.wait(5000)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.waitUntil(lambda: died_on != [], timeout=5000)
    assert died_on == [True]
    assert runner._live == set()  # and the runner forgot it


def test_a_progress_dialogs_task_outlives_the_worker(qtbot: QtBot) -> None:
    """The dialog's Cancel keeps the Task alive, so the Task never dies with the pool's
    job on the worker thread (its disconnect there deadlocked with a UI thread closing
    the dialog: CI hung in test_first_start)."""
    import gc
    import weakref

    from PySide6.QtWidgets import QWidget

    from ui.tasks import run_with_progress

    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner()
    done: list[int] = []
    ref = weakref.ref(run_with_progress(runner, parent, "t", lambda task: 7, on_done=done.append))
    qtbot.waitUntil(lambda: done == [7], timeout=5000)
    assert runner.wait(5000)
    gc.collect()
    assert ref() is not None  # held with the dialog, on the UI thread


def test_sync_runner_is_inline() -> None:
    out: list[int] = []
    SyncTaskRunner().run(lambda task: 7, on_done=out.append)
    assert out == [7]
    failures: list[BaseException] = []
    SyncTaskRunner(on_error=lambda e, tb: failures.append(e)).run(
        lambda task: (_ for _ in ()).throw(ValueError("x"))
    )
    assert isinstance(failures[0], ValueError)

    def cancelled(task: Task) -> None:
        raise Cancelled()

    stopped: list[bool] = []
    SyncTaskRunner().run(cancelled, on_done=out.append, on_cancel=lambda: stopped.append(True))
    assert out == [7] and stopped == [True]


# ---------------------------------------------------------------------------- errors and labels


def test_expected_errors_become_words_in_the_current_language(translations: Translations) -> None:
    err = ValidationError([FieldError("mobile", "invalid_mobile")])
    assert "11" in describe(err)  # type: ignore[operator]
    translations.install("zh_CN")
    assert describe(err) == "手机号无效（应为 1 开头的 11 位数字）"
    assert "3" in describe(InUse("shops", "s1", "visits", 3))  # type: ignore[operator]
    assert describe(NotFound("shops", "s1")) == "这条记录已不存在，可能已被删除。"
    assert describe(RuntimeError("bug")) is None
    assert label("tobacco_liquor") == "烟酒店"
    assert error_text("out_of_range", {"ge": 1, "le": 5}) == "必须在 1 到 5 之间"


def test_unexpected_error_is_logged_and_shown(caplog: pytest.LogCaptureFixture) -> None:
    presenter = ErrorPresenter(log_path="/tmp/fieldapp.log")
    presenter.quiet = True
    with caplog.at_level(logging.ERROR, logger="fieldapp.ui"):
        presenter.show(RuntimeError("kaput"), "Traceback: kaput")
    assert "kaput" in caplog.text
    assert presenter.last_message and "/tmp/fieldapp.log" in presenter.last_message
    presenter.last_message = None
    presenter.show(Cancelled())
    assert presenter.last_message is None


def test_qt_own_buttons_are_chinese_too(qtbot: QtBot, translations: Translations) -> None:
    translations.install("zh_CN")
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(box)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts & {"确定", "取消"} == {"确定", "取消"}


def test_system_language_is_a_supported_one() -> None:
    assert system_language() in ("zh_CN", "en")


def test_every_ui_string_has_a_chinese_translation() -> None:
    """Fails when a ui/ string is missing from the .ts files or untranslated (the .qm files
    are built from the .ts files: tests/ui/test_translation_build.py)."""
    problems = i18n_tool.check()
    assert problems == [], "\n".join(problems[:30])


# ---------------------------------------------------------------------------- table model


def _shop_model(store: Store) -> QueryTableModel:
    orders = {"name": "name", "tier": "tier"}

    def fetch(order: str | None, desc: bool, limit: int, offset: int) -> list[Any]:
        key = orders.get(order or "name", "name")
        return store.shops.list(order_by=key, descending=desc, limit=limit, offset=offset)

    return QueryTableModel(
        [
            Column("name", QT_TRANSLATE_NOOP("Columns", "Name"), sort="name"),
            Column("tier", QT_TRANSLATE_NOOP("Columns", "Tier"), sort="tier", fmt=label),
        ],
        fetch,
        store.shops.count,
        page_size=50,
    )


def test_query_model_pages_sorts_and_passes_the_model_tester(
    ctx: AppContext, qtmodeltester: Any
) -> None:
    model = _shop_model(ctx.store)
    model.reload()
    assert model.rowCount() == 50 and model.total() == ctx.store.shops.count()
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 100
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 1)) == "Tier C"
    qtmodeltester.check(model)


def test_a_first_page_that_knows_its_total_saves_the_count(qtmodeltester: Any) -> None:
    """QueryTableModel takes the first page's ``total`` (views_today.Rows) instead of
    asking ``count``; without one, or on a short page, it behaves as before."""
    from fieldapp.store.views_today import Rows

    items = [{"n": i} for i in range(25)]
    counted: list[int] = []

    def fetch(_o: str | None, _d: bool, limit: int, offset: int) -> Rows[dict[str, int]]:
        page: Rows[dict[str, int]] = Rows(items[offset : offset + limit])
        page.total = len(items) if offset == 0 else None
        return page

    def count() -> int:
        counted.append(1)
        return len(items)

    model = QueryTableModel([Column("N", "n")], fetch, count, page_size=10)
    model.reload()
    assert model.rowCount() == 10 and model.total() == 25 and counted == []
    model.fetchMore()
    assert model.rowCount() == 20 and counted == []
    qtmodeltester.check(model)
    plain = QueryTableModel(
        [Column("N", "n")], lambda o, d, n, off: items[off : off + n], count, page_size=10
    )
    plain.reload()
    assert plain.total() == 25 and counted == [1]  # no total on the page: asked


# ---------------------------------------------------------------------------- forms


def test_form_validates_as_you_type_and_relabels(qtbot: QtBot, translations: Translations) -> None:
    form = Form(Owner, "ShopDialog", base=lambda: {"shop_id": "s1"})
    qtbot.addWidget(form)
    name = form.add_line("name", QT_TRANSLATE_NOOP("ShopDialog", "Name"))
    mobile = form.add_line("mobile", QT_TRANSLATE_NOOP("ShopDialog", "Mobile"))
    form.add_int("level", QT_TRANSLATE_NOOP("ShopDialog", "Level"), minimum=1, maximum=5)
    edited: list[str] = []
    form.edited.connect(edited.append)
    qtbot.keyClicks(name, "Wang Fang")  # QTest cannot type CJK; the form takes any text
    qtbot.keyClicks(mobile, "1380013")
    qtbot.keyClicks(form.editor("level"), "1")
    error = form.findChild(QLabel, "mobileError")
    assert error is not None and not error.isHidden() and error.text()
    assert "mobile" in edited
    english = error.text()
    translations.install("zh_CN")
    assert error.text() != english and "手机号" in error.text()
    assert mobile.text() == "1380013"  # typed text survives the switch
    qtbot.keyClicks(mobile, "8000")
    assert error.isHidden()
    assert form.values() == {"name": "Wang Fang", "mobile": "13800138000", "level": 1}
    edited.clear()
    form.set_values({"name": "李娜"})
    assert edited == [] and name.text() == "李娜"


def test_form_choice_and_optional_number(qtbot: QtBot) -> None:
    form = Form(Shop, "ShopDialog")
    qtbot.addWidget(form)
    from fieldapp.model import Channel

    combo = form.add_choice("channel", QT_TRANSLATE_NOOP("ShopDialog", "Channel"), Channel)
    form.add_int(
        "x", QT_TRANSLATE_NOOP("ShopDialog", "Capacity"), minimum=1, maximum=30, optional=True
    )
    form.set_values({"channel": "restaurant", "x": None})
    assert form.value("channel") == "restaurant" and combo.currentText() == "Restaurant"
    assert form.value("x") is None
    form.set_values({"x": 12})
    assert form.value("x") == 12


# ---------------------------------------------------------------------------- main window


class _Probe(Page):
    title_source = QT_TRANSLATE_NOOP("MainWindow", "Today")

    def __init__(self, ctx: AppContext, page_id: str) -> None:
        self.page_id = page_id  # type: ignore[misc]
        super().__init__(ctx)
        self.opened: list[object] = []
        self.saved = 0
        QVBoxLayout(self).addWidget(QLabel(page_id))

    def open(self, arg: object = None) -> None:
        self.opened.append(arg)

    def save(self) -> bool:
        self.saved += 1
        return True


def test_window_navigation_and_shortcuts(qtbot: QtBot, ctx: AppContext) -> None:
    pages = [_Probe(ctx, "one"), _Probe(ctx, "two"), _Probe(ctx, "three")]
    window = MainWindow(ctx, pages)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts need the active window
    assert window.current_page() is pages[0]
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is pages[1]
    ctx.go("three", "row-7")
    assert window.current_page() is pages[2] and pages[2].opened[-1] == "row-7"
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_page() is pages[1]
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert pages[1].saved == 1
    qtbot.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is pages[0]
    assert window.width() <= 1366 and window.minimumHeight() <= 768


def test_status_bar_counts_changes_waiting_to_sync(qtbot: QtBot, ctx: AppContext) -> None:
    window = MainWindow(ctx, [_Probe(ctx, "one")])
    qtbot.addWidget(window)
    before = window.status_pending.text()
    county = ctx.store.counties.list(limit=1)[0]
    ctx.store.shops.create(name="新店", channel="other", county_id=county.id)
    ctx.notify("shops")
    qtbot.waitUntil(lambda: window.status_pending.text() != before, timeout=2000)
    assert str(ctx.store.outbox.count(state="pending")) in window.status_pending.text()


def test_enums_sharing_a_value_keep_their_own_words() -> None:
    from fieldapp.model import CloudStore, CompetitorCheck, InteractionKind, PriceCheck, StockCheck

    assert label(CloudStore.NONE) == "No cloud store"
    assert label(CompetitorCheck.NONE) == "None seen"
    assert label(InteractionKind.WECHAT) == "WeChat"
    assert label(StockCheck.OK) == "In stock" and label(PriceCheck.OK) == "As agreed"


def test_pages_given_as_classes_are_built_when_first_shown(qtbot: QtBot, ctx: AppContext) -> None:
    from ui.pages import build_pages

    window = MainWindow(ctx, build_pages(ctx))
    qtbot.addWidget(window)
    built = {p.page_id for p in window.pages.built()}
    assert built == {"today"}  # the first page in the side bar, nothing else
    assert window.nav.count() == 9 and "shop" in window.pages
    ctx.go("events")
    assert {p.page_id for p in window.pages.built()} == {"today", "events"}
    assert window.current_page().page_id == "events"


def test_page_references_match_their_classes() -> None:
    from ui.pages import PAGES

    for ref in PAGES:
        cls = ref.load()
        assert (cls.page_id, cls.title_source, cls.in_nav) == (
            ref.page_id,
            ref.title_source,
            ref.in_nav,
        ), ref


def test_uncaught_exceptions_reach_the_presenter() -> None:
    from ui.errors import install_excepthook

    presenter = ErrorPresenter()
    presenter.quiet = True
    old = sys.excepthook
    try:
        install_excepthook(presenter)
        try:
            raise NotFound("shops", "s1")
        except NotFound as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        assert presenter.last_message == "This record no longer exists. It may have been deleted."
    finally:
        sys.excepthook = old


def test_an_error_escaping_a_thread_is_shown_on_the_ui_thread(qtbot: QtBot) -> None:
    from ui.errors import install_excepthook

    shown: list[tuple[BaseException, bool]] = []
    presenter = ErrorPresenter()
    presenter.quiet = True
    presenter.show = lambda exc, tb=None: shown.append(  # type: ignore[method-assign]
        (exc, threading.current_thread() is threading.main_thread())
    )
    old = sys.excepthook
    try:
        install_excepthook(presenter)

        def worker() -> None:
            try:
                raise NotFound("shops", "s1")
            except NotFound as exc:
                sys.excepthook(type(exc), exc, exc.__traceback__)

        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: shown != [], timeout=5000)
        assert isinstance(shown[0][0], NotFound)
        assert shown[0][1] is True  # on the UI thread, never a dialog off it
    finally:
        sys.excepthook = old


def test_refill_combo_keeps_the_choice_prefers_then_falls_back_silently(qtbot: QtBot) -> None:
    combo = QComboBox()
    qtbot.addWidget(combo)
    changes: list[int] = []
    combo.currentIndexChanged.connect(changes.append)
    refill_combo(combo, [("全部", None), ("金水区", "c1"), ("中牟县", "c2")], prefer="c2")
    assert combo.currentData() == "c2"  # nothing chosen yet: the preferred item
    combo.setCurrentIndex(1)
    changes.clear()
    refill_combo(combo, [("All", None), ("Jinshui", "c1"), ("Zhongmu", "c2")], prefer="c2")
    assert (combo.currentData(), combo.currentText()) == ("c1", "Jinshui")  # kept, relabelled
    refill_combo(combo, [("All", None), ("Zhongmu", "c2")])
    assert combo.currentData() is None  # the choice is gone: the first item
    assert changes == []  # a refill is not a user's choice
