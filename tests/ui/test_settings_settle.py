"""Numbers on the Settings page are saved once typing settles, never per keystroke
(issue 14, "never alter typed input"): typing 800 stores 800, not 8 and then 80 on the
way; a value the field cannot take shows the shared message and is never stored; leaving
the page or Ctrl+S saves what was typed a moment ago."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from fieldapp.store import Store
from fieldapp.store.evidence_photos import FAR_M_SETTING, MIN_MINUTES_SETTING
from ui.context import AppContext
from ui.numbers import SETTLE_MS
from ui.pages.settings import PHOTO_MAX_PX, SettingsPage


@pytest.fixture
def writes(ui_store: Store, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any]]:
    """Every setting written to the store, in order."""
    seen: list[tuple[str, Any]] = []
    real = ui_store.set_setting

    def spy(key: str, value: Any) -> None:
        seen.append((key, value))
        real(key, value)

    monkeypatch.setattr(ui_store, "set_setting", spy)
    return seen


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> SettingsPage:
    ctx.extra["qsettings"] = QSettings(str(tmp_path / "fieldapp.ini"), QSettings.Format.IniFormat)
    found = SettingsPage(ctx)
    qtbot.addWidget(found)
    found.show()
    return found


def _retype(qtbot: QtBot, edit: Any, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def test_typing_800_stores_800_not_8_or_80(
    qtbot: QtBot, page: SettingsPage, ui_store: Store, writes: list[tuple[str, Any]]
) -> None:
    notified: list[str] = []
    page.ctx.signals.changed.connect(notified.append)
    far = page.evidence.edits[FAR_M_SETTING]
    _retype(qtbot, far, "800")
    assert writes == [] and ui_store.get_setting(FAR_M_SETTING) is None  # still typing
    qtbot.keyClick(far, Qt.Key.Key_Return)
    assert writes == [(FAR_M_SETTING, 800)]
    assert notified.count("settings") == 1
    # Enter again, or leaving the field: nothing new to write.
    qtbot.keyClick(far, Qt.Key.Key_Return)
    page.evidence.edits[MIN_MINUTES_SETTING].setFocus()
    assert writes == [(FAR_M_SETTING, 800)]


def test_a_pause_in_typing_saves_once(
    qtbot: QtBot, page: SettingsPage, ui_store: Store, writes: list[tuple[str, Any]]
) -> None:
    px = page.max_px
    _retype(qtbot, px, "6400")  # 640 on the way is a value it takes: never stored
    assert writes == []
    qtbot.waitUntil(lambda: bool(writes), timeout=SETTLE_MS * 4)
    qtbot.wait(SETTLE_MS // 2)
    assert writes == [(PHOTO_MAX_PX, 6400)]
    assert ui_store.get_setting(PHOTO_MAX_PX) == 6400


def test_a_value_it_cannot_take_is_named_and_never_saved(
    qtbot: QtBot, page: SettingsPage, writes: list[tuple[str, Any]]
) -> None:
    px = page.max_px
    error = page.findChild(type(page.heading), "photoMaxPxError")
    assert error is not None
    for typed in ("80", "9000", "1e3"):
        _retype(qtbot, px, typed)
        qtbot.keyClick(px, Qt.Key.Key_Return)
        assert px.text() == typed  # kept as typed
        assert error.isVisible() and error.text(), typed
    qtbot.wait(SETTLE_MS + 200)
    assert writes == []


def test_leaving_or_ctrl_s_saves_what_was_just_typed(
    qtbot: QtBot, page: SettingsPage, ui_store: Store, writes: list[tuple[str, Any]]
) -> None:
    _retype(qtbot, page.max_px, "1200")
    _retype(qtbot, page.evidence.edits[MIN_MINUTES_SETTING], "12")
    assert writes == [(PHOTO_MAX_PX, 1200)]  # the field it left is saved
    assert page.save() is True  # Ctrl+S and closing the window call this
    assert writes == [(PHOTO_MAX_PX, 1200), (MIN_MINUTES_SETTING, 12)]
    _retype(qtbot, page.max_px, "2000")
    assert page.can_leave()
    assert ui_store.get_setting(PHOTO_MAX_PX) == 2000
    qtbot.wait(SETTLE_MS + 200)
    assert writes.count((PHOTO_MAX_PX, 2000)) == 1  # the timer found nothing left to do
