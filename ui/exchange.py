"""Spreadsheets for head office: the export dialog and the shop-list import dialog.

``ExportDialog`` writes the workbook (or CSV files) off the UI thread with a progress
bar and Cancel; ``ImportShopsDialog`` reads a shop list, lets the person map unknown
columns with combo boxes, previews every row with its problems, and imports only when
asked (all rows, or the valid ones by explicit choice). The work is
``fieldapp.exchange``; workers open their own store (``ctx.open_worker_store``).
Threading: UI thread; file work runs on the task runner.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from fieldapp.exchange import import_orders as orders_imp, import_shops as imp, labels as xlabels
from fieldapp.exchange.export import ExportError, ExportFilters, ExportSummary
from fieldapp.model import Role
from fieldapp.store import Store

from .context import AppContext
from .tasks import Cancelled, Task
from .widgets.import_steps import (
    FileStep,
    MappingStep,
    PreviewStep,
    field_word,
    file_error_text,
    mapping_error_text,
    problem_text,
    ui_language,
)


def _open_store(ctx: AppContext) -> tuple[Store, bool]:
    """A store for a worker: its own connection when the store is a file."""
    if ctx.open_worker_store is not None:
        return ctx.open_worker_store(), True
    return ctx.store, False  # an in-memory store (tests): the runner is inline there


# --------------------------------------------------------------------------- export


def _day(value: QDate) -> date:
    """A ``QDate`` as a ``date`` (PySide6's stubs type ``toPython()`` as ``object``)."""
    day = value.toPython()
    assert isinstance(day, date)
    return day


class ExportDialog(QDialog):
    """Choose format, file, language and filters; export with progress and Cancel."""

    exported = Signal(object)  # ExportSummary

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task: Task | None = None
        self.summary: ExportSummary | None = None
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export for head office"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)

        self.format = QComboBox()
        self.format.setObjectName("exportFormat")
        self.format.addItem(self.tr("Excel workbook (.xlsx)"), "xlsx")
        self.format.addItem(self.tr("CSV files, one per sheet (a folder)"), "csv")
        self.format.currentIndexChanged.connect(self._format_changed)
        form.addRow(self.tr("Format"), self.format)

        target_row = QHBoxLayout()
        self.target = QLineEdit()
        self.target.setObjectName("exportTarget")
        self.browse = QPushButton(self.tr("Choose…"))
        self.browse.setObjectName("exportBrowse")
        self.browse.clicked.connect(self._choose)
        target_row.addWidget(self.target, 1)
        target_row.addWidget(self.browse)
        form.addRow(self.tr("Save to"), target_row)

        self.lang = QComboBox()
        self.lang.setObjectName("exportLang")
        self.lang.addItem("中文", "zh_CN")
        self.lang.addItem("English", "en")
        self.lang.setCurrentIndex(0 if ui_language() == "zh_CN" else 1)
        form.addRow(self.tr("Headers and words in"), self.lang)

        period_row = QHBoxLayout()
        self.period = QCheckBox(self.tr("Only from"))
        self.period.setObjectName("exportPeriod")
        today = ctx.today()
        start = today - timedelta(days=30)
        self.date_from = QDateEdit(QDate(start.year, start.month, start.day))
        self.date_from.setObjectName("exportFrom")
        self.date_to = QDateEdit(QDate(today.year, today.month, today.day))
        self.date_to.setObjectName("exportTo")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.period.toggled.connect(self.date_from.setEnabled)
        self.period.toggled.connect(self.date_to.setEnabled)
        period_row.addWidget(self.period)
        period_row.addWidget(self.date_from)
        period_row.addWidget(QLabel(self.tr("to")))
        period_row.addWidget(self.date_to)
        period_row.addStretch(1)
        form.addRow(self.tr("Period"), period_row)

        store = ctx.store
        self.team = QComboBox()
        self.team.setObjectName("exportTeam")
        self.team.addItem(self.tr("All teams"), None)
        for team in store.teams.list(order_by="name"):
            self.team.addItem(team.name, team.id)
        form.addRow(self.tr("Team"), self.team)
        self.rep = QComboBox()
        self.rep.setObjectName("exportRep")
        self.rep.addItem(self.tr("All reps"), None)
        for user in store.users.list(where={"role": Role.REP.value}, order_by="name"):
            self.rep.addItem(user.name, user.id)
        form.addRow(self.tr("Rep"), self.rep)
        self.county = QComboBox()
        self.county.setObjectName("exportCounty")
        self.county.addItem(self.tr("All counties"), None)
        for county in store.counties.list(order_by="name"):
            self.county.addItem(county.name, county.id)
        form.addRow(self.tr("County"), self.county)

        note = QLabel(
            self.tr(
                "The period applies to visits, order lines, reviews, interactions and events;"
                " shops, owners, KOCs and groups are exported as they are now. Times are"
                " Beijing time."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)

        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        layout.addWidget(self.progress)
        self.status = QLabel()
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.start = QPushButton(self.tr("Export"))
        self.start.setObjectName("exportStart")
        self.start.setDefault(True)
        self.start.clicked.connect(self.run_export)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("exportCancel")
        self.cancel_button.clicked.connect(self._cancel)
        buttons.addWidget(self.start)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self._format_changed()

    # ------------------------------------------------------------------ inputs

    def _format_changed(self) -> None:
        self.target.setPlaceholderText(
            self.tr("e.g. D:/head office/visits.xlsx")
            if self.format.currentData() == "xlsx"
            else self.tr("a folder for the CSV files")
        )

    def _choose(self) -> None:
        if self.format.currentData() == "xlsx":
            path, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Save workbook"), self.target.text(), self.tr("Workbook (*.xlsx)")
            )
            if path and not path.lower().endswith(".xlsx"):
                path += ".xlsx"
        else:
            path = QFileDialog.getExistingDirectory(
                self, self.tr("Folder for the CSV files"), self.target.text()
            )
        if path:
            self.target.setText(path)

    def filters(self) -> ExportFilters:
        """The filters as chosen in the dialog."""
        team, rep, county = (
            self.team.currentData(),
            self.rep.currentData(),
            self.county.currentData(),
        )
        return ExportFilters(
            date_from=_day(self.date_from.date()) if self.period.isChecked() else None,
            date_to=_day(self.date_to.date()) if self.period.isChecked() else None,
            teams=(team,) if team else (),
            reps=(rep,) if rep else (),
            counties=(county,) if county else (),
        )

    # ------------------------------------------------------------------ running

    def run_export(self) -> None:
        from fieldapp.exchange.export import export_csv, export_xlsx
        from fieldapp.exchange.from_store import StoreSource

        text = self.target.text().strip()
        if not text:
            self.status.setText(self.tr("Choose where to save the export first."))
            return
        target = Path(text)
        fmt = self.format.currentData()
        lang = self.lang.currentData()
        filters = self.filters()
        ctx = self.ctx
        self._busy(True)
        self.status.setText(self.tr("Exporting…"))
        self.progress.setValue(0)
        sheet_words = {k: xlabels.sheet_name(k, ui_language()) for k in xlabels.SHEETS}

        def work(task: Task) -> ExportSummary | None:
            store, own = _open_store(ctx)
            try:
                write = export_xlsx if fmt == "xlsx" else export_csv
                return write(
                    StoreSource(store),
                    target,
                    lang=lang,
                    filters=filters,
                    progress=lambda done, total, key: task.progress(done, total, key),
                )
            except Cancelled:
                return None  # the files were removed; the dialog says so
            finally:
                if own:
                    store.close()

        def progress(done: int, total: int, key: str) -> None:
            self.progress.setValue(int(100 * done / total) if total else 0)
            if key:
                self.status.setText(self.tr("Writing %1…").replace("%1", sheet_words.get(key, key)))

        self.task = ctx.runner.run(
            work, on_done=self._done, on_error=self._failed, on_progress=progress
        )

    def _busy(self, busy: bool) -> None:
        for widget in (
            self.start,
            self.format,
            self.target,
            self.browse,
            self.lang,
            self.period,
            self.team,
            self.rep,
            self.county,
        ):
            widget.setEnabled(not busy)
        self.date_from.setEnabled(not busy and self.period.isChecked())
        self.date_to.setEnabled(not busy and self.period.isChecked())

    def _done(self, summary: ExportSummary | None) -> None:
        if not isValid(self):  # closed (and deleted) while the worker ran
            return
        self.task = None
        self._busy(False)
        if summary is None:
            self.progress.setValue(0)
            self.status.setText(self.tr("Export cancelled; nothing was written."))
            return
        self.summary = summary
        self.progress.setValue(100)
        rows = sum(summary.rows.values())
        self.status.setText(
            self.tr("Exported %1 rows to %2")
            .replace("%1", QLocale().toString(rows))
            .replace("%2", summary.path)
        )
        self.cancel_button.setText(self.tr("Close"))
        self.exported.emit(summary)

    def _failed(self, exc: BaseException, tb: str) -> None:
        if not isValid(self):  # closed (and deleted) while the worker ran
            return
        self.task = None
        self._busy(False)
        self.progress.setValue(0)
        if isinstance(exc, ExportError):
            self.status.setText(export_error_text(exc))
            return
        self.status.setText(self.tr("The export failed."))
        self.ctx.errors.show(exc, tb)

    def _cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText(self.tr("Cancelling…"))
            return
        self.reject()

    def reject(self) -> None:
        if self.task is not None:  # closing the window cancels a running export
            self.task.cancel()
        super().reject()


def export_error_text(exc: ExportError) -> str:
    words = {
        "unknown_rep": QCoreApplication.translate("Exchange", "No such rep: %1"),
        "unknown_team": QCoreApplication.translate("Exchange", "No such team: %1"),
        "unknown_county": QCoreApplication.translate("Exchange", "No such county: %1"),
        "bad_period": QCoreApplication.translate("Exchange", "The period ends before it starts."),
        "no_folder": QCoreApplication.translate("Exchange", "The folder does not exist: %1"),
        "not_a_folder": QCoreApplication.translate("Exchange", "Not a folder: %1"),
        "not_a_file": QCoreApplication.translate("Exchange", "That is a folder, not a file: %1"),
        "unwritable": QCoreApplication.translate("Exchange", "Cannot write there: %1"),
    }
    return words.get(
        exc.code, QCoreApplication.translate("Exchange", "The export failed.")
    ).replace("%1", exc.detail)


# --------------------------------------------------------------------------- import


class ImportShopsDialog(QDialog):
    """File → column mapping → preview with problems → import (all, or the valid rows).

    The shop list's; :class:`ImportOrdersDialog` is the same dialog over the cloud-store
    order export (its class attributes and the hooks ``_read``/``_plan``/``_apply``)."""

    imported = Signal(object)  # ImportResult
    #: What the file's columns map to (``fieldapp.exchange``'s ``Columns``).
    COLUMNS = imp.SHOP_COLUMNS
    #: The tables a finished import changed (pages refresh).
    CHANGED: tuple[str, ...] = ("shops", "outbox")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table: imp.Table | None = None
        self.plan: imp.ImportPlan | None = None
        self.import_result: imp.ImportResult | None = None
        self.combos: list[QComboBox] = []
        self.setObjectName("importShopsDialog")
        self.setWindowTitle(self._title())
        self.resize(860, 560)
        layout = QVBoxLayout(self)
        self.steps = QStackedWidget()
        self.steps.setObjectName("importSteps")
        layout.addWidget(self.steps, 1)

        # Step 1: the file.
        self.file_step = FileStep()
        self.file = self.file_step.file
        self.file_error = self.file_step.file_error
        self.file_step.browse.clicked.connect(self._choose)
        self.steps.addWidget(self.file_step)

        # Step 2: the columns.
        self.mapping_step = MappingStep(self.COLUMNS.fields)
        self.mapping_intro = self.mapping_step.mapping_intro
        self.mapping = self.mapping_step.mapping
        self.mapping_error = self.mapping_step.mapping_error
        self.steps.addWidget(self.mapping_step)

        # Step 3: the preview.
        self.preview_step = PreviewStep(orders=self.COLUMNS is not imp.SHOP_COLUMNS)
        self.summary = self.preview_step.summary
        self.preview = self.preview_step.preview
        self.create_counties = self.preview_step.create_counties
        self.valid_only = self.preview_step.valid_only
        self.create_counties.toggled.connect(self._counties_agreed)
        self.valid_only.toggled.connect(self._update_buttons)
        self.steps.addWidget(self.preview_step)

        self.status = QLabel()
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.back = QPushButton(self.tr("Back"))
        self.back.setObjectName("importBack")
        self.back.clicked.connect(self._back)
        self.next = QPushButton(self.tr("Next"))
        self.next.setObjectName("importNext")
        self.next.setDefault(True)
        self.next.clicked.connect(self._next)
        self.apply = QPushButton(self.tr("Import"))
        self.apply.setObjectName("importApply")
        self.apply.clicked.connect(self.run_import)
        self.close_button = QPushButton(self.tr("Cancel"))
        self.close_button.setObjectName("importClose")
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.back)
        buttons.addStretch(1)
        for b in (self.next, self.apply, self.close_button):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        self._show_step(0)

    # ------------------------------------------------------------------ steps

    def _show_step(self, step: int) -> None:
        self.steps.setCurrentIndex(step)
        self.back.setVisible(step > 0)
        self.next.setVisible(step < 2)
        self.apply.setVisible(step == 2)
        self._update_buttons()

    def _back(self) -> None:
        self.status.clear()
        self._show_step(max(0, self.steps.currentIndex() - 1))

    def _next(self) -> None:
        if self.steps.currentIndex() == 0:
            self.read_file()
        else:
            self.make_plan()

    # ------------------------------------------------------------------ the kind of file

    def _title(self) -> str:
        return self.tr("Import shops from head office")

    def _file_word(self) -> str:
        return self.tr("Shop list")

    def _rows_text(self, rows: int) -> str:
        return self.tr("%Ln rows. Check which shop field each column holds;", "", rows)

    @staticmethod
    def _read(path: Path) -> imp.Table:
        return imp.read_table(path)

    @staticmethod
    def _plan(store: Store, table: Any, mapping: Any, progress: Any, agreed: Any) -> Any:
        return imp.plan_import(store, table, mapping, progress=progress, new_counties=agreed)

    @staticmethod
    def _apply(store: Store, plan: Any, valid_only: bool, progress: Any) -> Any:
        return imp.apply_import(store, plan, valid_only=valid_only, progress=progress)

    def _choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self._file_word(),
            self.file.text(),
            self.tr("Spreadsheets (*.xlsx *.csv);;All files (*)"),
        )
        if path:
            self.file.setText(path)

    # ------------------------------------------------------------------ step 1: read

    def read_file(self) -> None:
        text = self.file.text().strip()
        if not text:
            self.file_error.show_message(self.tr("Choose a file first."))
            return
        path = Path(text)
        self.file_error.show_message("")
        self.status.setText(self.tr("Reading the file…"))
        self.next.setEnabled(False)

        read = self._read

        def work(task: Task) -> imp.Table:
            return read(path)

        self.ctx.runner.run(work, on_done=self._file_read, on_error=self._file_failed)

    def _file_read(self, table: imp.Table) -> None:
        if not isValid(self):  # closed (and deleted) while the worker ran
            return
        self.table = table
        self.status.clear()
        self.next.setEnabled(True)
        mapping, unknown = self.COLUMNS.guess(table.headers)
        self.mapping_intro.setText(
            self._rows_text(len(table.rows))
            + ("" if ui_language() == "zh_CN" else " ")
            + (
                self.tr("%n columns were not recognised.", "", len(unknown))
                if unknown
                else self.tr("all columns were recognised.")
            )
        )
        self.combos = self.mapping_step.fill(table, mapping, unknown)
        for combo in self.combos:
            combo.currentIndexChanged.connect(self._mapping_changed)
        self._mapping_changed()
        self._show_step(1)

    def _file_failed(self, exc: BaseException, tb: str) -> None:
        if not isValid(self):  # closed (and deleted) while the worker ran
            return
        self.status.clear()
        self.next.setEnabled(True)
        if isinstance(exc, imp.ImportFileError):
            self.file_error.show_message(file_error_text(exc.code))
            return
        self.ctx.errors.show(exc, tb)

    # ------------------------------------------------------------------ step 2: map

    def current_mapping(self) -> dict[int, str]:
        return {i: c.currentData() for i, c in enumerate(self.combos) if c.currentData()}

    def set_mapping(self, column: int, fname: str | None) -> None:
        """Choose the field of a column (what a person does with the combo box)."""
        combo = self.combos[column]
        combo.setCurrentIndex(max(0, combo.findData(fname)))

    def _mapping_changed(self) -> None:
        try:
            self.COLUMNS.check(self.current_mapping())
        except imp.MappingError as exc:
            self.mapping_error.show_message(mapping_error_text(exc))
        else:
            self.mapping_error.show_message("")
        self._update_buttons()

    # ------------------------------------------------------------------ step 3: plan

    def make_plan(self) -> None:
        table = self.table
        if table is None:
            return
        mapping = self.current_mapping()
        try:
            self.COLUMNS.check(mapping)
        except imp.MappingError as exc:
            self.mapping_error.show_message(mapping_error_text(exc))
            return
        ctx = self.ctx
        self.status.setText(self.tr("Checking every row…"))
        self.next.setEnabled(False)
        plan = self.plan
        agreed = plan.unknown_counties if plan and self.create_counties.isChecked() else ()

        plan_import = self._plan

        def work(task: Task) -> Any:  # the hook's plan: shops' or orders'
            store, own = _open_store(ctx)
            try:
                return plan_import(store, table, mapping, lambda d, t: task.progress(d, t), agreed)
            finally:
                if own:
                    store.close()

        ctx.runner.run(work, on_done=self._planned, on_error=self._plan_failed)

    def _planned(self, plan: imp.ImportPlan) -> None:
        if not isValid(self):  # closed (and deleted) while the worker ran
            return
        self.plan = plan
        self.status.clear()
        self.next.setEnabled(True)
        self.preview_step.show_plan(plan)
        self._show_step(2)

    def _counties_agreed(self, _on: bool) -> None:
        """Check every row again, with or without the new counties."""
        self.make_plan()

    def _plan_failed(self, exc: BaseException, tb: str) -> None:
        if not isValid(self):  # closed (and deleted) while the worker ran
            return
        self.status.clear()
        self.next.setEnabled(True)
        if isinstance(exc, imp.MappingError):
            self.mapping_error.show_message(mapping_error_text(exc))
            return
        self.ctx.errors.show(exc, tb)

    def _update_buttons(self) -> None:
        step = self.steps.currentIndex()
        if step == 1:
            try:
                self.COLUMNS.check(self.current_mapping())
                self.next.setEnabled(True)
            except imp.MappingError:
                self.next.setEnabled(False)
        elif step == 0:
            self.next.setEnabled(True)
        plan = self.plan
        ok = (
            step == 2
            and plan is not None
            and self.import_result is None
            and plan.writes > 0
            and (plan.count("invalid") == 0 or self.valid_only.isChecked())
        )
        self.apply.setEnabled(bool(ok))

    # ------------------------------------------------------------------ import

    def run_import(self) -> None:
        plan = self.plan
        if plan is None:
            return
        valid_only = self.valid_only.isChecked()
        ctx = self.ctx
        self.apply.setEnabled(False)
        self.back.setEnabled(False)
        self.status.setText(self.tr("Importing…"))

        apply_import = self._apply

        def work(task: Task) -> Any:  # the hook's result: shops' or orders'
            store, own = _open_store(ctx)
            try:
                return apply_import(store, plan, valid_only, lambda d, t: task.progress(d, t))
            finally:
                if own:
                    store.close()

        ctx.runner.run(work, on_done=self._imported, on_error=self._import_failed)

    def _imported(self, result: imp.ImportResult) -> None:
        if not isValid(self):  # closed while the worker ran: the shops still changed
            self.ctx.notify(*self.CHANGED)
            return
        self.import_result = result
        self.back.setEnabled(True)
        self.status.setText(
            self.tr("Imported: %1 new, %2 updated, %3 unchanged.")
            .replace("%1", str(result.created))
            .replace("%2", str(result.updated))
            .replace("%3", str(result.unchanged))
            + (
                " " + self.tr("%n rows with problems were left out.", "", result.skipped)
                if result.skipped
                else ""
            )
        )
        self.close_button.setText(self.tr("Close"))
        self._update_buttons()
        self.ctx.notify(*self.CHANGED)
        self.imported.emit(result)

    def _import_failed(self, exc: BaseException, tb: str) -> None:
        if not isValid(self):  # closed (and deleted) while the worker ran
            return
        self.back.setEnabled(True)
        self._update_buttons()
        self.status.setText(self.tr("Nothing was imported."))
        self.ctx.errors.show(exc, tb)


class ImportOrdersDialog(ImportShopsDialog):
    """The cloud-store platform's order export (issue 18): the same steps, reader,
    mapping and all-or-nothing rule (``fieldapp.exchange.import_orders``)."""

    COLUMNS = orders_imp.ORDER_COLUMNS
    CHANGED = ("cloud_orders", "outbox")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("importOrdersDialog")

    def _title(self) -> str:
        return self.tr("Import cloud-store orders")

    def _file_word(self) -> str:
        return self.tr("Order export")

    def _rows_text(self, rows: int) -> str:
        return self.tr("%Ln rows. Check which order field each column holds;", "", rows)

    @staticmethod
    def _read(path: Path) -> imp.Table:
        return orders_imp.read(path)

    @staticmethod
    def _plan(store: Store, table: Any, mapping: Any, progress: Any, agreed: Any) -> Any:
        return orders_imp.plan_import(store, table, mapping, progress=progress)

    @staticmethod
    def _apply(store: Store, plan: Any, valid_only: bool, progress: Any) -> Any:
        return orders_imp.apply_import(store, plan, valid_only=valid_only, progress=progress)


__all__ = [
    "ExportDialog",
    "ImportOrdersDialog",
    "ImportShopsDialog",
    "field_word",
    "file_error_text",
    "mapping_error_text",
    "problem_text",
    "ui_language",
]
