"""The tray icon: state at a glance, "Open" and "Sync now" in its menu, one notice when
sync has failed longer than the setting, one when a sync brings visits a supervisor
returned; its words follow the interface language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from fieldapp.kinds import ReviewStatus
from ui.app import create_window
from ui.context import AppContext
from ui.i18n import Translations
from ui.sync_ui import SyncController
from ui.tray import FAILED_AFTER_KEY, TrayIcon


class _Controller(SyncController):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.syncs = 0

    def sync_now(self) -> None:
        self.syncs += 1


class _Clock:
    def __init__(self) -> None:
        self.t = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.t


def _tray(qtbot: QtBot, ctx: AppContext) -> tuple[TrayIcon, _Controller, _Clock]:
    window = create_window(ctx)
    qtbot.addWidget(window)
    controller = _Controller(ctx)
    clock = _Clock()
    return TrayIcon(ctx, controller, window, now=clock), controller, clock


def test_menu_opens_the_window_and_syncs(qtbot: QtBot, ctx: AppContext) -> None:
    tray, controller, _ = _tray(qtbot, ctx)
    names = [a.objectName() for a in tray.menu.actions()]
    assert names == ["trayOpen", "traySyncNow"]
    tray.sync_action.trigger()
    assert controller.syncs == 1
    tray.window.hide()
    tray.open_action.trigger()
    assert tray.window.isVisible()
    tray.window.hide()
    tray._activated(QSystemTrayIcon.ActivationReason.Trigger)
    assert tray.window.isVisible()


def test_the_tooltip_and_icon_follow_the_state(qtbot: QtBot, ctx: AppContext) -> None:
    tray, controller, _ = _tray(qtbot, ctx)
    pending = ctx.store.outbox.count(state="pending")
    controller._set_state("offline")
    assert "Offline" in tray.icon.toolTip() and f": {pending}" in tray.icon.toolTip()
    offline = (tray.colour, tray.icon.icon().cacheKey())
    controller._set_state("ok")
    assert "Synced" in tray.icon.toolTip()
    ok = (tray.colour, tray.icon.icon().cacheKey())
    assert offline[0] != ok[0] and offline[1] != ok[1]
    assert not tray.icon.icon().isNull()


def test_a_long_failure_is_told_once(qtbot: QtBot, ctx: AppContext) -> None:
    ctx.store.set_setting(FAILED_AFTER_KEY, 90)
    tray, controller, clock = _tray(qtbot, ctx)
    controller._set_state("offline")
    clock.t += timedelta(minutes=89)
    tray._tick()
    controller._set_state("syncing")  # tries again, still failing after
    controller._set_state("offline")
    assert tray.last_message is None
    clock.t += timedelta(minutes=31)
    tray._tick()
    assert tray.last_message is not None and "2 h" in tray.last_message[0]
    tray.last_message = None
    clock.t += timedelta(hours=5)
    tray._tick()
    controller._set_state("error")
    assert tray.last_message is None  # once per failure
    controller._set_state("ok")
    controller._set_state("offline")
    clock.t += timedelta(minutes=90)
    tray._tick()
    assert tray.last_message is not None  # a new failure


def test_visits_returned_by_a_sync_are_told(qtbot: QtBot, ctx: AppContext) -> None:
    tray, controller, _ = _tray(qtbot, ctx)
    controller.synced.emit(None)
    assert tray.last_message is None  # those returned before the start are on Today
    db = ctx.store.db
    visit_id, shop = db.execute(
        "SELECT v.id, s.name FROM visits v JOIN shops s ON s.id = v.shop_id"
        " WHERE v.rep_id = ? AND v.review_status = ? AND v.deleted = 0 LIMIT 1",
        [ctx.store.user_id, ReviewStatus.SUBMITTED.value],
    ).fetchone()
    db.execute(
        "UPDATE visits SET review_status = ?, supervisor_comment = '补拍陈列' WHERE id = ?",
        [ReviewStatus.RETURNED.value, visit_id],
    )
    controller.synced.emit(None)
    assert tray.last_message is not None
    assert tray.last_message[0].endswith("1") and shop in tray.last_message[1]
    tray.last_message = None
    controller.synced.emit(None)
    assert tray.last_message is None  # told once


def test_words_follow_the_language(
    qtbot: QtBot, ctx: AppContext, translations: Translations
) -> None:
    tray, controller, _ = _tray(qtbot, ctx)
    translations.install("zh_CN")
    assert tray.sync_action.text() == "立即同步"
    assert tray.open_action.text() == "打开 fieldapp"
    controller._set_state("offline")
    assert "离线" in tray.icon.toolTip()
