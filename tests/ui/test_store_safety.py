"""The window on a read-only or damaged data file: a banner that says why, inputs locked,
a damaged file never shown as an empty, all-good day but as its ways out (backup, fresh
copy from head office), and a window that always closes."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from fieldapp.errors import StoreReadOnly
from fieldapp.store import Store, backup
from tests.ui.conftest import DEMO_TODAY
from ui.app import create_context, create_window
from ui.context import AppContext
from ui.errors import ErrorPresenter, install_excepthook
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.page import Page
from ui.store_safety import StoreSafety, install, open_damaged
from ui.tasks import SyncTaskRunner, Task, TaskRunner

NOBODY = 65534


@contextlib.contextmanager
def as_other_user() -> Iterator[None]:
    """File modes apply (root ignores them)."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="fieldapp-ui-ro-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _context(store: Store, translations: Translations) -> AppContext:
    presenter = ErrorPresenter()
    presenter.quiet = True
    return create_context(
        store,
        runner=SyncTaskRunner(on_error=presenter.show),
        errors=presenter,
        today=lambda: DEMO_TODAY,
        translations=translations,
    )


class _Restart:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> None:
        self.calls += 1


def _window(ctx: AppContext, qtbot: QtBot) -> tuple[MainWindow, StoreSafety, _Restart]:
    ctx.errors.defer_damage = True  # as main.py: until the safety is installed
    window = create_window(ctx)
    qtbot.addWidget(window)
    restart = _Restart()
    safety = install(ctx, window, restart=restart)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    return window, safety, restart


# --------------------------------------------------------------------------- read-only


def _inputs(root: QWidget) -> list[QWidget]:
    kinds = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)
    found = []
    for w in root.findChildren(QWidget):
        name = w.objectName().lower()
        if any(p in name for p in ("search", "filter", "mine", "show", "language", "period")):
            continue
        if isinstance(w.parentWidget(), QComboBox | QAbstractSpinBox):
            continue
        if isinstance(w, kinds) and w.isVisibleTo(root):
            found.append(w)
    return found


@pytest.fixture
def closing() -> Iterator[list[Store]]:
    """Stores to close at the very end of a test (request it first: torn down last)."""
    stores: list[Store] = []
    yield stores
    for store in stores:
        store.close()


def test_a_read_only_store_says_why_and_locks_every_input(
    closing: list[Store],
    demo_template: Path,
    shared_dir: Path,
    translations: Translations,
    qtbot: QtBot,
) -> None:
    path = shared_dir / "store.db"
    shutil.copy(demo_template, path)
    path.chmod(0o444)
    with as_other_user():
        store = Store.open(path, photos_dir=shared_dir / "photos")
    try:
        assert store.read_only == "file_read_only"
        ctx = _context(store, translations)
        window, safety, _ = _window(ctx, qtbot)
        assert safety.banner.state == "read_only" and safety.banner.isVisible()
        assert str(path) in safety.banner.text.text()
        assert not window.import_shops_action.isEnabled()
        assert not window.status_pending.text().startswith("All changes saved")
        shop_id = next(store.db.query("SELECT id FROM shops WHERE deleted = 0 LIMIT 1"))["id"]
        for page_id, arg in (("shop", shop_id), ("settings", None), ("shops", None)):
            window.show_page(page_id, arg)
            QApplication.processEvents()
            page = window.current_page()
            editable = [
                w.objectName() or type(w).__name__
                for w in _inputs(page)
                if not w.isReadOnly()  # type: ignore[attr-defined]
            ]
            assert not editable, (page_id, editable)
        # Typing does nothing, and closing works at once.
        window.show_page("shop", shop_id)
        edits = [w for w in _inputs(window.current_page()) if isinstance(w, QLineEdit)]
        assert edits
        before = edits[0].text()
        qtbot.keyClicks(edits[0], "typed")
        assert edits[0].text() == before
        assert window.close()
        assert ctx.errors.last_message is None
    finally:
        # closed after the windows and the language switch-back are torn down, so that no
        # page is asked to re-label itself from a closed store
        closing.append(store)


class _FailingPage(Page):
    page_id = "failing"
    title_source = "Failing"

    def save(self) -> bool:
        raise StoreReadOnly("file_read_only", "/data/store.db")


def _answer(name: str, button: str) -> None:
    def click() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.objectName() == name and w.isVisible():
                w.findChild(QPushButton, button).click()
                return
        QTimer.singleShot(20, click)

    QTimer.singleShot(0, click)


def test_closing_never_fails_when_the_last_save_does(ctx: AppContext, qtbot: QtBot) -> None:
    window = MainWindow(ctx, [_FailingPage(ctx)])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    _answer("closeUnsavedBox", "stayButton")
    assert not window.close()
    assert window.isVisible()  # what was typed is still on screen
    _answer("closeUnsavedBox", "closeButton")
    assert window.close()
    assert not window.isVisible()


# --------------------------------------------------------------------------- damaged


def _corrupt(path: Path, table: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    conn.close()
    with path.open("r+b") as fh:
        for page in range(root, root + 1):
            fh.seek((page - 1) * page_size)
            fh.write(b"\xa5" * page_size)


@pytest.fixture
def hook() -> Iterator[None]:
    """The app's excepthook (errors in slots reach the presenter), as main.py installs it."""
    saved = sys.excepthook
    yield
    sys.excepthook = saved


@pytest.mark.qt_no_exception_capture
def test_a_damaged_store_never_looks_like_an_all_good_day(
    demo_template: Path, tmp_path: Path, translations: Translations, qtbot: QtBot, hook: None
) -> None:
    path = tmp_path / "store.db"
    shutil.copy(demo_template, path)
    made = backup.make_backup(path, now=datetime(2026, 11, 23, 1, 0, tzinfo=UTC))
    _corrupt(path, "visits")  # what Today reads first
    store = Store.open(path, photos_dir=tmp_path / "photos")
    ctx = _context(store, translations)
    install_excepthook(ctx.errors)
    window, safety, restart = _window(ctx, qtbot)
    qtbot.waitUntil(lambda: safety.damaged_view is not None)
    view = safety.damaged_view
    assert view is not None and view.isVisible()
    assert not window.stack.isVisible()  # Today's "no shop is overdue" is not shown
    assert safety.banner.state == "damaged" and str(path) in safety.banner.text.text()
    assert not window.status_pending.text().startswith("All changes saved")
    assert ctx.errors.last_message is None  # no generic "something went wrong"
    assert str(path) in view.findChild(QWidget, "damagedText").text()  # type: ignore[union-attr]
    assert not view.findChild(QPushButton, "freshCopyButton").isVisibleTo(view)  # never synced
    view.findChild(QPushButton, "restoreBackupButton").click()
    assert restart.calls == 1
    kept = list(tmp_path.glob("store.damaged-*.db"))
    assert len(kept) == 1
    with Store.open(path, verify=True) as restored:
        assert restored.visits.count() > 0
    assert made.path.exists()


def test_the_check_after_the_first_paint_finds_damage_the_first_page_does_not_read(
    demo_template: Path, tmp_path: Path, translations: Translations, qtbot: QtBot
) -> None:
    path = tmp_path / "store.db"
    shutil.copy(demo_template, path)
    _corrupt(path, "koc_stage_changes")
    store = Store.open(path, photos_dir=tmp_path / "photos")
    ctx = _context(store, translations)
    window, safety, _ = _window(ctx, qtbot)
    assert safety.damaged_view is None and window.stack.isVisible()
    safety.check_in_background()
    assert safety.damaged_view is not None and safety.damaged_view.isVisible()
    assert not list((tmp_path / "store-backups").glob("*.db"))  # a damaged file is not backed up
    store.close()


def test_the_check_after_the_first_paint_makes_the_days_backup(
    ctx: AppContext, qtbot: QtBot
) -> None:
    window, safety, _ = _window(ctx, qtbot)
    safety.check_in_background()
    assert isinstance(safety.last_check, backup.Backup)
    assert backup.list_backups(ctx.store.path)[0].reason == "daily"
    assert safety.damaged_view is None and window.stack.isVisible()


def test_a_synced_damaged_store_offers_a_fresh_copy_from_head_office(
    demo_template: Path, tmp_path: Path, translations: Translations, qtbot: QtBot
) -> None:
    path = tmp_path / "store.db"
    shutil.copy(demo_template, path)
    with Store.open(path) as store:
        store.replica.set_server_url("https://head.example")
        store.replica.set_last_sync_at()
        device = store.device_id
        unsent = store.outbox.count(state="pending")
    _corrupt(path, "koc_stage_changes")
    store = Store.open(path, photos_dir=tmp_path / "photos")
    ctx = _context(store, translations)
    _, safety, restart = _window(ctx, qtbot)
    safety.check_in_background()
    view = safety.damaged_view
    assert view is not None
    assert not view.findChild(QPushButton, "restoreBackupButton").isVisibleTo(view)  # none yet
    fresh = view.findChild(QPushButton, "freshCopyButton")
    assert fresh.isVisibleTo(view)
    fresh.click()
    assert restart.calls == 1
    with Store.open(path) as copy:
        assert copy.device_id == device and copy.is_empty()
        assert copy.outbox.count(state="pending") == unsent
    assert list(tmp_path.glob("store.damaged-*.db"))


def test_a_store_damaged_at_start_offers_its_backup_before_any_window(
    demo_template: Path, tmp_path: Path, translations: Translations, qtbot: QtBot
) -> None:
    path = tmp_path / "store.db"
    shutil.copy(demo_template, path)
    backup.make_backup(path)
    with path.open("r+b") as fh:
        fh.truncate(path.stat().st_size // 3)
    presenter = ErrorPresenter()
    presenter.quiet = True

    def choose() -> None:
        for w in QApplication.topLevelWidgets():
            if w.objectName() == "damagedDialog" and w.isVisible():
                w.findChild(QPushButton, "restoreBackupButton").click()
                return
        QTimer.singleShot(20, choose)

    QTimer.singleShot(0, choose)
    store = open_damaged(path, presenter)
    assert store is not None
    with store:
        assert store.visits.count() > 0
    assert list(tmp_path.glob("store.damaged-*.db"))


# --------------------------------------------------------------------------- Settings


def test_settings_backs_up_now_and_restores_a_backup(ctx: AppContext, qtbot: QtBot) -> None:
    window, _, restart = _window(ctx, qtbot)
    window.show_page("settings")
    page = window.current_page()
    path = ctx.store.path
    assert not backup.list_backups(path)
    page.findChild(QPushButton, "backupNow").click()
    made = backup.list_backups(path)
    assert [b.reason for b in made] == ["manual"]
    assert page.findChild(QPushButton, "restoreBackup").isEnabled()
    counties = ctx.store.counties.count()
    ctx.store.counties.create(name="新加的区")

    def pick() -> None:
        for w in QApplication.topLevelWidgets():
            if w.objectName() == "restoreBackupDialog" and w.isVisible():
                _answer("confirmRestoreBox", "restoreButton")
                w._accept()  # type: ignore[attr-defined]  # OK on the selected (newest) row
                return
        QTimer.singleShot(20, pick)

    QTimer.singleShot(0, pick)
    page.findChild(QPushButton, "restoreBackup").click()
    assert restart.calls == 1
    with Store.open(path) as restored:
        assert restored.counties.count() == counties
    assert list(Path(path).parent.glob("store.replaced-*.db"))


def test_closing_does_not_wait_for_background_work(ctx: AppContext, qtbot: QtBot) -> None:
    runner = TaskRunner()
    ctx.runner = runner
    window = create_window(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    started = threading.Event()

    def work(task: Task) -> None:  # a warm-up or a store check: minutes if not stopped
        started.set()
        for _ in range(6000):
            task.check()
            time.sleep(0.01)

    runner.run(work, background=True)
    assert started.wait(5)
    began = time.perf_counter()
    assert window.close()
    assert time.perf_counter() - began < 1.0
    assert runner.wait(1000)
