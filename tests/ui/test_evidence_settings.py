"""The visit-evidence rules on the Settings page (issue 15): the defaults show and are not
written; a number it takes is saved once typing settles (Enter here) and read back; what
it cannot take stays as typed, is named beside the field and is not written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from fieldapp.store import Store
from fieldapp.store.evidence_photos import (
    FAR_M_SETTING,
    MIN_MINUTES_SETTING,
    TOLERANCE_SETTING,
    evidence_photos,
)
from ui.context import AppContext
from ui.pages.settings import SettingsPage


def make_page(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> SettingsPage:
    ctx.extra["qsettings"] = QSettings(str(tmp_path / "fieldapp.ini"), QSettings.Format.IniFormat)
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def test_evidence_rules_are_set_on_the_settings_page(
    qtbot: QtBot, ctx: AppContext, ui_store: Store, tmp_path: Path
) -> None:
    page = make_page(qtbot, ctx, tmp_path)
    edits = page.evidence.edits
    assert [edits[k].text() for k in (FAR_M_SETTING, TOLERANCE_SETTING, MIN_MINUTES_SETTING)] == [
        "300",
        "30",
        "5",
    ]
    assert ui_store.get_setting(FAR_M_SETTING) is None  # defaults are not written

    far = edits[FAR_M_SETTING]
    error = page.findChild(type(page.heading), "evidenceFarMError")
    assert error is not None
    far.selectAll()
    qtbot.keyClicks(far, "500")
    qtbot.keyClick(far, Qt.Key.Key_Return)
    assert ui_store.get_setting(FAR_M_SETTING) == 500
    visit = ui_store.visits.list(limit=1)[0]
    assert evidence_photos(ui_store, visit.id).far_m == 500  # the rules use it

    # Not a number, out of range: named in words beside the field, kept, not written.
    for typed in ("5OO", "20", "-1"):
        far.selectAll()
        qtbot.keyClicks(far, typed)
        qtbot.keyClick(far, Qt.Key.Key_Return)
        assert far.text() == typed
        assert error.isVisible() and error.text(), typed
        assert ui_store.get_setting(FAR_M_SETTING) == 500, typed
    far.selectAll()
    qtbot.keyClicks(far, "800")
    qtbot.keyClick(far, Qt.Key.Key_Return)
    assert not error.isVisible() and ui_store.get_setting(FAR_M_SETTING) == 800

    shortest = edits[MIN_MINUTES_SETTING]
    shortest.selectAll()
    qtbot.keyClicks(shortest, "12")
    qtbot.keyClick(shortest, Qt.Key.Key_Return)
    # Read back from the file, as the next start would.
    with Store.open(ui_store.path) as again:
        assert again.get_setting(MIN_MINUTES_SETTING) == 12
    fresh = make_page(qtbot, ctx, tmp_path)
    assert fresh.evidence.edits[MIN_MINUTES_SETTING].text() == "12"
    assert fresh.evidence.edits[FAR_M_SETTING].text() == "800"
