"""The export and shop-import dialogs: export with filters, cancel and a real worker
thread; import through file → column mapping → preview → accept, with bad rows held back
unless the person chooses the valid rows; menu entries in the main window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
from PySide6.QtWidgets import QComboBox

from fieldapp.exchange.export import SHEET_KEYS
from fieldapp.exchange.labels import sheet_name
from fieldapp.store import Store
from ui.app import create_window
from ui.context import AppContext
from ui.exchange import ExportDialog, ImportShopsDialog
from ui.tasks import SyncTaskRunner, Task, TaskRunner


def test_export_dialog_writes_the_workbook(ctx: AppContext, tmp_path: Path) -> None:
    dialog = ExportDialog(ctx)
    out = tmp_path / "head office.xlsx"
    dialog.target.setText(str(out))
    dialog.lang.setCurrentIndex(dialog.lang.findData("en"))
    got: list[Any] = []
    dialog.exported.connect(got.append)
    dialog.start.click()
    assert out.exists() and got and got[0].path == str(out)
    assert dialog.progress.value() == 100
    wb = openpyxl.load_workbook(out, read_only=True)
    assert wb.sheetnames == [sheet_name(k, "en") for k in SHEET_KEYS]
    assert got[0].rows["shops"] == ctx.store.shops.count()


def test_export_dialog_filters(ctx: AppContext, tmp_path: Path) -> None:
    store: Store = ctx.store
    dialog = ExportDialog(ctx)
    rep_id = dialog.rep.itemData(1)
    dialog.rep.setCurrentIndex(1)
    dialog.period.setChecked(True)
    filters = dialog.filters()
    assert filters.reps == (rep_id,) and filters.date_from is not None
    assert filters.date_to == ctx.today()
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    dialog.target.setText(str(tmp_path / "csv"))
    got: list[Any] = []
    dialog.exported.connect(got.append)
    dialog.start.click()
    assert got[0].rows["shops"] == store.shops.count(where={"rep_id": rep_id})
    assert (tmp_path / "csv" / "visits.csv").read_bytes().startswith(b"\xef\xbb\xbf")


class _CancellingRunner(SyncTaskRunner):
    """Runs inline and presses Cancel at the first progress report."""

    def run(
        self,
        work: Callable[[Task], Any],
        *,
        on_done: Any = None,
        on_error: Any = None,
        on_progress: Any = None,
    ) -> Task:
        task = Task()
        task._report = lambda done, total, text: task.cancel()
        result = work(task)
        if on_done is not None:
            on_done(result)
        return task


def test_export_cancel_leaves_no_file(ctx: AppContext, tmp_path: Path) -> None:
    ctx.runner = _CancellingRunner()
    dialog = ExportDialog(ctx)
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "x.xlsx"
    dialog.target.setText(str(out))
    dialog.start.click()
    assert not out.exists() and list(folder.iterdir()) == []
    assert dialog.summary is None and dialog.start.isEnabled()
    assert dialog.progress.value() == 0


def test_export_runs_off_the_ui_thread(ctx: AppContext, tmp_path: Path, qtbot: Any) -> None:
    ctx.runner = TaskRunner()
    dialog = ExportDialog(ctx)
    out = tmp_path / "t.xlsx"
    dialog.target.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=60000):
        dialog.start.click()
        assert not dialog.start.isEnabled()  # busy while the worker writes
    assert out.exists() and dialog.start.isEnabled()
    ctx.runner.wait()


def test_export_dialog_bad_target(ctx: AppContext, tmp_path: Path) -> None:
    dialog = ExportDialog(ctx)
    dialog.target.setText(str(tmp_path / "missing" / "x.xlsx"))
    dialog.start.click()
    assert dialog.summary is None and "missing" in dialog.status.text()


def _shop_file(path: Path, ctx: AppContext, rows: list[list[Any]]) -> Path:
    county = ctx.store.counties.list(limit=1)[0].name
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["网点号", "门店名称", "渠道", "区县", "经销商"])
    for r in rows:
        ws.append([county if v == "<county>" else v for v in r])
    wb.save(path)
    return path


def test_import_dialog_map_preview_accept(ctx: AppContext, tmp_path: Path) -> None:
    store = ctx.store
    before = store.shops.count()
    path = _shop_file(
        tmp_path / "shops.xlsx",
        ctx,
        [
            ["ZB-1", "总部一号店", "便利店", "<county>", "某商贸"],
            ["ZB-2", "总部二号店", "超市", "<county>", None],
            ["ZB-3", None, "超市", "火星区", None],
        ],
    )
    changed: list[str] = []
    ctx.signals.changed.connect(changed.append)
    dialog = ImportShopsDialog(ctx)
    dialog.file.setText(str(path))
    dialog.next.click()
    assert dialog.steps.currentIndex() == 1
    assert dialog.mapping.rowCount() == 5
    assert not dialog.next.isEnabled()  # no column for the shop code yet
    assert dialog.mapping_error.text()
    combo = dialog.findChild(QComboBox, "mapColumn0")
    assert combo is not None and combo.currentData() is None
    dialog.set_mapping(0, "code")
    assert dialog.next.isEnabled() and not dialog.mapping_error.text()
    dialog.next.click()
    assert dialog.steps.currentIndex() == 2
    assert dialog.preview.rowCount() == 3
    assert dialog.preview.item(2, 0).text() == "4"  # spreadsheet row number
    assert dialog.preview.item(2, 4).text()  # its problems
    assert not dialog.apply.isEnabled()  # a bad row: all or nothing …
    assert dialog.valid_only.isVisible() or not dialog.isVisible()
    dialog.valid_only.setChecked(True)  # … unless the valid rows are chosen
    assert dialog.apply.isEnabled()
    dialog.apply.click()
    assert dialog.import_result is not None and dialog.import_result.created == 2
    assert store.shops.count() == before + 2
    assert "shops" in changed
    assert not dialog.apply.isEnabled()

    again = ImportShopsDialog(ctx)
    again.file.setText(str(path))
    again.next.click()
    again.set_mapping(0, "code")
    again.next.click()
    assert again.plan is not None and again.plan.count("unchanged") == 2
    again.valid_only.setChecked(True)
    assert not again.apply.isEnabled()  # nothing to write


def test_import_dialog_bad_file(ctx: AppContext, tmp_path: Path) -> None:
    bad = tmp_path / "photo.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    dialog = ImportShopsDialog(ctx)
    dialog.file.setText(str(bad))
    dialog.next.click()
    assert dialog.steps.currentIndex() == 0 and dialog.file_error.text()


def test_main_window_menu_opens_dialogs(ctx: AppContext) -> None:
    window = create_window(ctx)
    assert window.export_action.text() and window.import_shops_action.text()
    dialog = window.open_export()
    assert isinstance(dialog, ExportDialog)
    dialog.close()
    dialog2 = window.open_import_shops()
    assert isinstance(dialog2, ImportShopsDialog)
    dialog2.close()


def test_closing_the_dialog_during_an_export_cancels_it_quietly(
    ctx: AppContext, tmp_path: Path, qtbot: Any
) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent, Qt

    ctx.runner = TaskRunner()
    dialog = ExportDialog(ctx)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    folder = tmp_path / "out"
    folder.mkdir()
    dialog.target.setText(str(folder / "x.xlsx"))
    dialog.show()
    dialog.start.click()
    dialog.close()  # cancels; the dialog is deleted before the worker answers
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert ctx.runner.wait(60000)
    qtbot.wait(50)  # the worker's answer arrives for a deleted dialog: no error
    assert not [p for p in folder.iterdir() if p.suffix == ".part"]


def test_import_dialog_creates_unknown_counties_once_agreed(
    ctx: AppContext, tmp_path: Path
) -> None:
    path = _shop_file(
        tmp_path / "new-county.xlsx",
        ctx,
        [
            ["LK-1", "兰考一号店", "便利店", "兰考县", None],
            ["LK-2", "二号店", "超市", "<county>", None],
        ],
    )
    counties = ctx.store.counties.count()
    dialog = ImportShopsDialog(ctx)
    dialog.file.setText(str(path))
    dialog.next.click()
    dialog.set_mapping(0, "code")
    dialog.next.click()
    assert dialog.plan is not None and dialog.plan.unknown_counties == ("兰考县",)
    assert not dialog.create_counties.isHidden() and "兰考县" in dialog.create_counties.text()
    assert not dialog.apply.isEnabled()
    dialog.create_counties.setChecked(True)  # the person agrees: every row is checked again
    assert dialog.plan.count("invalid") == 0 and dialog.apply.isEnabled()
    dialog.apply.click()
    assert dialog.import_result is not None and dialog.import_result.created == 2
    assert ctx.store.counties.count() == counties + 1
    lankao = next(c for c in ctx.store.counties.list() if c.name == "兰考县")
    assert lankao.prefecture == "开封市"
