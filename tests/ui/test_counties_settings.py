"""The counties page (density, coverage, funnel) and the settings page (language, data, photos)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from fieldapp.model import FUNNEL_STAGES, KocStage
from fieldapp.store import Store, metrics
from ui.context import AppContext
from ui.i18n import Translations, preferred_language
from ui.main_window import MainWindow
from ui.pages.counties import CountiesPage
from ui.pages.koc import KocPage
from ui.pages.kocs import KocsPage
from ui.pages.settings import STORE_PATH_KEY, SettingsPage, next_store_path


@pytest.fixture
def settings_ctx(ctx: AppContext, tmp_path: Path) -> AppContext:
    # Never the user's real QSettings in tests.
    ctx.extra["qsettings"] = QSettings(str(tmp_path / "fieldapp.ini"), QSettings.Format.IniFormat)
    return ctx


def rows(page: CountiesPage) -> list[Any]:
    return [page.model.row_at(i).d for i in range(page.model.rowCount())]


# --------------------------------------------------------------------------- counties


def test_counties_match_the_density_metric(
    qtbot: QtBot, ctx: AppContext, qtmodeltester: Any
) -> None:
    page = CountiesPage(ctx)
    qtbot.addWidget(page)
    expected = metrics.county_density(ctx.store.db)
    assert len(expected) == 3
    shown = {r.county_id: r for r in rows(page)}
    assert shown == {d.county_id: d for d in expected}
    model = page.model
    for i in range(model.rowCount()):
        d = model.row_at(i).d
        assert model.index(i, 1).data() == f"{d.kocs}/{d.koc_target}"  # e.g. 37/50
        assert model.index(i, 2).data() == str(d.dormant)
        assert model.index(i, 3).data() == str(d.shops)
        assert model.index(i, 4).data() == str(d.covered)
        assert model.index(i, 5).data() == f"{d.coverage_ratio:.0%}"
    assert f"{sum(d.kocs for d in expected):,}" in page.summary.text()
    qtmodeltester.check(model)

    funnel = metrics.stage_funnel(ctx.store.db)
    stages = (*FUNNEL_STAGES, KocStage.DORMANT)
    assert [page.bars.at(i) for i in range(page.bars.count())] == [
        float(funnel.count(s)) for s in stages
    ]


def test_counties_filter_to_one_county(qtbot: QtBot, ctx: AppContext) -> None:
    page = CountiesPage(ctx)
    qtbot.addWidget(page)
    county = ctx.store.counties.list(order_by="name")[0]
    page.county.setCurrentIndex(page.county.findData(county.id))
    assert [d.county_id for d in rows(page)] == [county.id]
    assert rows(page) == metrics.county_density(ctx.store.db, county_ids=[county.id])
    funnel = metrics.stage_funnel(ctx.store.db, county_id=county.id)
    assert page.funnel == funnel
    assert page.bars.at(0) == funnel.spotted
    assert county.name in page.funnel_title.text()


def test_counties_sort_and_open_the_county_kocs(qtbot: QtBot, ctx: AppContext) -> None:
    page = CountiesPage(ctx)
    qtbot.addWidget(page)
    page.model.sort(4)  # shops covered, ascending
    covered = [d.covered for d in rows(page)]
    assert covered == sorted(covered)
    with qtbot.waitSignal(ctx.signals.navigate) as blocker:
        page.table.doubleClicked.emit(page.model.index(0, 0))
    assert blocker.args == ["kocs", {"county_id": rows(page)[0].county_id}]


def test_counties_follow_store_changes(qtbot: QtBot, ctx: AppContext) -> None:
    page = CountiesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    county = ctx.store.counties.list(order_by="name")[0]
    before = next(d for d in rows(page) if d.county_id == county.id)
    ctx.store.kocs.create(name="新朋友", county_id=county.id)
    ctx.notify("kocs")
    after = next(d for d in rows(page) if d.county_id == county.id)
    assert after.kocs == before.kocs + 1


# --------------------------------------------------------------------------- settings: language


def test_language_switch_relabels_other_pages_and_keeps_typing(
    qtbot: QtBot, settings_ctx: AppContext, translations: Translations
) -> None:
    ctx = settings_ctx
    kocs, koc, counties, settings = (
        KocsPage(ctx),
        KocPage(ctx),
        CountiesPage(ctx),
        SettingsPage(ctx),
    )
    window = MainWindow(ctx, [kocs, koc, counties, settings])
    qtbot.addWidget(window)
    window.show()
    assert [window.nav.item(i).text() for i in range(window.nav.count())][-1] == "Settings"

    kocs.search.setText("zw")
    kocs.apply_filters()
    matches = kocs.model.total()
    koc_id = kocs.model.row_at(0).id
    window.show_page("koc", koc_id)
    name_editor = koc.profile.editor("name")
    assert isinstance(name_editor, QLineEdit)
    name_editor.setText("正在输入")  # typed, not saved yet

    horizontal = Qt.Orientation.Horizontal
    english = {
        "new": kocs.new_button.text(),
        "header": kocs.model.headerData(0, horizontal),
        "counties": counties.heading.text(),
        "back": koc.back_button.text(),
        "nav": window.nav.item(0).text(),
    }
    # The settings page switches while the KOC page is on screen.
    with qtbot.waitSignal(ctx.signals.language_changed) as blocker:
        settings.language_buttons["zh_CN"].click()
    assert blocker.args == ["zh_CN"]
    qtbot.waitUntil(lambda: kocs.new_button.text() != english["new"], timeout=3000)

    assert translations.language == "zh_CN"
    assert preferred_language(settings.qsettings) == "zh_CN"  # the person's, not the file's
    assert ctx.store.get_setting("language") is None
    assert kocs.new_button.text() == QCoreApplication.translate("KocsPage", "New KOC…")
    assert kocs.model.headerData(0, horizontal) == QCoreApplication.translate("Columns", "Name")
    assert kocs.model.headerData(0, horizontal) != english["header"]
    assert counties.heading.text() != english["counties"]
    assert koc.back_button.text() != english["back"]
    assert window.nav.item(0).text() != english["nav"]
    # Work in progress survives the switch.
    assert kocs.search.text() == "zw"
    assert kocs.model.total() == matches
    assert name_editor.text() == "正在输入"
    assert window.current_page() is koc

    settings.language_buttons["en"].click()
    qtbot.waitUntil(lambda: kocs.new_button.text() == "New KOC…", timeout=3000)
    assert preferred_language(settings.qsettings) == "en"
    assert kocs.search.text() == "zw"

    # Closing the window saves what was being typed (and lets its status timer run out
    # while the store is still open).
    window.close()
    qtbot.wait(300)
    assert ctx.store.kocs.get(koc_id).name == "正在输入"


def test_settings_page_is_last_in_the_side_bar(qtbot: QtBot, settings_ctx: AppContext) -> None:
    ctx = settings_ctx
    pages = [KocsPage(ctx), KocPage(ctx), CountiesPage(ctx), SettingsPage(ctx)]
    window = MainWindow(ctx, pages)
    qtbot.addWidget(window)
    ids = [window.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.nav.count())]
    assert ids == ["kocs", "counties", "settings"]  # the KOC page is reached from the list


# --------------------------------------------------------------------------- settings: the rest


def test_photo_settings_persist_in_the_store(
    qtbot: QtBot, settings_ctx: AppContext, ui_store: Store
) -> None:
    page = SettingsPage(settings_ctx)
    qtbot.addWidget(page)
    assert page.max_px.value() == 1600
    assert not page.keep_original.isChecked()
    assert ui_store.get_setting("photo.max_px") is None  # defaults are not written

    page.max_px.selectAll()
    qtbot.keyClicks(page.max_px, "1200")
    qtbot.keyClick(page.max_px, Qt.Key.Key_Return)
    page.keep_original.click()
    assert ui_store.get_setting("photo.max_px") == 1200
    assert ui_store.get_setting("photo.keep_original") is True

    # Read back from the file by another connection, as the next start would.
    with Store.open(ui_store.path) as again:
        assert again.get_setting("photo.max_px") == 1200
        assert again.get_setting("photo.keep_original") is True
    fresh = SettingsPage(settings_ctx)
    qtbot.addWidget(fresh)
    assert fresh.max_px.value() == 1200 and fresh.keep_original.isChecked()


def test_data_folder_and_another_data_file(
    qtbot: QtBot, settings_ctx: AppContext, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ctx = settings_ctx
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    assert page.store_path.text() == ctx.store.path
    assert page.photos_path.text() == str(ctx.store.photos_dir)

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    page.open_photo_folder.click()
    assert opened[-1].toLocalFile() == str(ctx.store.photos_dir)
    assert ctx.store.photos_dir.is_dir()
    page.open_store_folder.click()
    assert opened[-1].toLocalFile() == str(Path(ctx.store.path).parent)

    other = str(tmp_path / "other.db")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (other, ""))
    page.other_file.click()
    qsettings = ctx.extra["qsettings"]
    assert isinstance(qsettings, QSettings)
    assert next_store_path(qsettings) == other
    assert (
        QSettings(qsettings.fileName(), QSettings.Format.IniFormat).value(STORE_PATH_KEY) == other
    )
    assert not page.next_start.isHidden() and other in page.next_start.text()
    assert not Path(other).exists()  # nothing happens before the next start

    page.default_file.click()
    assert next_store_path(qsettings) is None
    assert page.next_start.isHidden()


def test_who_this_computer_works_as(qtbot: QtBot, settings_ctx: AppContext) -> None:
    page = SettingsPage(settings_ctx)
    qtbot.addWidget(page)
    user = settings_ctx.store.users.get(settings_ctx.store.user_id)
    assert user.name in page.user_name.text()
