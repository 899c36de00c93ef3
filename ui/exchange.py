"""Spreadsheets for head office: the export dialog and the shop-list import dialog.

``ExportDialog`` writes the workbook (or CSV files) off the UI thread with a progress
bar and Cancel; ``ImportShopsDialog`` reads a shop list, lets the person map unknown
columns with combo boxes, previews every row with its problems, and imports only when
asked (all rows, or the valid ones by explicit choice). The work is
``fieldapp.exchange``; workers open their own store (``ctx.open_worker_store``).
Threading: UI thread; file work runs on the task runner.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from fieldapp.exchange import import_shops as imp, labels as xlabels
from fieldapp.exchange.export import ExportError, ExportFilters, ExportSummary
from fieldapp.model import Role
from fieldapp.store import Store

from .context import AppContext
from .labels import error_text
from .tasks import Cancelled, Task


def ui_language() -> str:
    """The interface language: the default locale follows it (ui/i18n.py)."""
    return "zh_CN" if QLocale().name().lower().startswith("zh") else "en"


def _open_store(ctx: AppContext) -> tuple[Store, bool]:
    """A store for a worker: its own connection when the store is a file."""
    if ctx.open_worker_store is not None:
        return ctx.open_worker_store(), True
    return ctx.store, False  # an in-memory store (tests): the runner is inline there


# --------------------------------------------------------------------------- export


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
        self.date_from = QDateEdit(QDate(today - timedelta(days=30)))
        self.date_from.setObjectName("exportFrom")
        self.date_to = QDateEdit(QDate(today))
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
            date_from=self.date_from.date().toPython() if self.period.isChecked() else None,
            date_to=self.date_to.date().toPython() if self.period.isChecked() else None,
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


def field_word(fname: str) -> str:
    words = {
        "code": QCoreApplication.translate("Exchange", "Shop code"),
        "name": QCoreApplication.translate("Exchange", "Shop name"),
        "channel": QCoreApplication.translate("Exchange", "Channel"),
        "tier": QCoreApplication.translate("Exchange", "Tier"),
        "county": QCoreApplication.translate("Exchange", "County"),
        "address": QCoreApplication.translate("Exchange", "Address"),
        "phone": QCoreApplication.translate("Exchange", "Phone"),
        "latitude": QCoreApplication.translate("Exchange", "Latitude"),
        "longitude": QCoreApplication.translate("Exchange", "Longitude"),
        "cloud_store": QCoreApplication.translate("Exchange", "Cloud store"),
        "rep": QCoreApplication.translate("Exchange", "Rep"),
        "notes": QCoreApplication.translate("Exchange", "Notes"),
    }
    return words.get(fname, fname)


def problem_text(problem: imp.Problem) -> str:
    """The words for one row problem in the interface language."""
    value = str(problem.params.get("value", ""))
    if problem.code == "unknown_county":
        return QCoreApplication.translate("Exchange", "Unknown county: %1").replace("%1", value)
    if problem.code == "unknown_rep":
        return QCoreApplication.translate("Exchange", "Unknown rep: %1").replace("%1", value)
    if problem.code == "duplicate_in_file":
        return QCoreApplication.translate(
            "Exchange", "The same shop code is also in row %1"
        ).replace("%1", str(problem.params.get("row", "")))
    if problem.code == "invalid_choice":
        return QCoreApplication.translate("Exchange", "Not one of the known values")
    if problem.code == "duplicate":
        return QCoreApplication.translate("Exchange", "Already used by another shop")
    return error_text(problem.code, problem.params)


def file_error_text(code: str) -> str:
    words = {
        "not_a_spreadsheet": QCoreApplication.translate(
            "Exchange", "The file is not a spreadsheet (.xlsx or .csv)."
        ),
        "old_excel": QCoreApplication.translate(
            "Exchange", "Old Excel format (.xls): save it as .xlsx first."
        ),
        "empty": QCoreApplication.translate(
            "Exchange", "The file is empty (no header row or no rows)."
        ),
        "truncated": QCoreApplication.translate("Exchange", "The file is truncated or damaged."),
        "unreadable": QCoreApplication.translate("Exchange", "The file cannot be read."),
    }
    return words.get(code, QCoreApplication.translate("Exchange", "The file cannot be read."))


def mapping_error_text(exc: imp.MappingError) -> str:
    if exc.code == "missing_column":
        names = "、".join(field_word(f) for f in exc.detail.split(","))
        return QCoreApplication.translate("Exchange", "Choose the columns for: %1").replace(
            "%1", names
        )
    if exc.code == "mapped_twice":
        return QCoreApplication.translate(
            "Exchange", "Two columns are set to %1; choose one."
        ).replace("%1", field_word(exc.detail))
    return QCoreApplication.translate("Exchange", "This column mapping cannot be used.")


class ImportShopsDialog(QDialog):
    """File → column mapping → preview with problems → import (all, or the valid rows)."""

    imported = Signal(object)  # ImportResult

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table: imp.Table | None = None
        self.plan: imp.ImportPlan | None = None
        self.result: imp.ImportResult | None = None
        self.combos: list[QComboBox] = []
        self.setObjectName("importShopsDialog")
        self.setWindowTitle(self.tr("Import shops from head office"))
        self.resize(860, 560)
        layout = QVBoxLayout(self)
        self.steps = QStackedWidget()
        self.steps.setObjectName("importSteps")
        layout.addWidget(self.steps, 1)

        # Step 1: the file.
        page = QWidget()
        col = QVBoxLayout(page)
        intro = QLabel(
            self.tr(
                "Choose the shop list from head office (.xlsx or .csv, Chinese or English"
                " headers). Shops are matched by their head-office code: a shop already here"
                " is updated, never added twice. Nothing is written before you confirm."
            )
        )
        intro.setWordWrap(True)
        col.addWidget(intro)
        row = QHBoxLayout()
        self.file = QLineEdit()
        self.file.setObjectName("importFile")
        browse = QPushButton(self.tr("Choose…"))
        browse.setObjectName("importBrowse")
        browse.clicked.connect(self._choose)
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        col.addLayout(row)
        self.file_error = QLabel()
        self.file_error.setObjectName("importFileError")
        self.file_error.setStyleSheet("color: #b00020;")
        self.file_error.setWordWrap(True)
        col.addWidget(self.file_error)
        col.addStretch(1)
        self.steps.addWidget(page)

        # Step 2: the columns.
        page = QWidget()
        col = QVBoxLayout(page)
        self.mapping_intro = QLabel()
        self.mapping_intro.setWordWrap(True)
        col.addWidget(self.mapping_intro)
        self.mapping = QTableWidget(0, 3)
        self.mapping.setObjectName("importMapping")
        self.mapping.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("First value"), self.tr("Shop field")]
        )
        self.mapping.verticalHeader().setVisible(False)
        self.mapping.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.mapping.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        col.addWidget(self.mapping, 1)
        self.mapping_error = QLabel()
        self.mapping_error.setObjectName("importMappingError")
        self.mapping_error.setStyleSheet("color: #b00020;")
        col.addWidget(self.mapping_error)
        self.steps.addWidget(page)

        # Step 3: the preview.
        page = QWidget()
        col = QVBoxLayout(page)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        col.addWidget(self.summary)
        self.preview = QTableWidget(0, 5)
        self.preview.setObjectName("importPreview")
        self.preview.setHorizontalHeaderLabels(
            [
                self.tr("Row"),
                self.tr("Shop code"),
                self.tr("Shop name"),
                self.tr("What happens"),
                self.tr("Problems"),
            ]
        )
        self.preview.verticalHeader().setVisible(False)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.preview.horizontalHeader()
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        col.addWidget(self.preview, 1)
        self.valid_only = QCheckBox()
        self.valid_only.setObjectName("importValidOnly")
        self.valid_only.toggled.connect(self._update_buttons)
        col.addWidget(self.valid_only)
        self.steps.addWidget(page)

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

    def _choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Shop list"),
            self.file.text(),
            self.tr("Spreadsheets (*.xlsx *.csv);;All files (*)"),
        )
        if path:
            self.file.setText(path)

    # ------------------------------------------------------------------ step 1: read

    def read_file(self) -> None:
        text = self.file.text().strip()
        if not text:
            self.file_error.setText(self.tr("Choose a file first."))
            return
        path = Path(text)
        self.file_error.clear()
        self.status.setText(self.tr("Reading the file…"))
        self.next.setEnabled(False)

        def work(task: Task) -> imp.Table:
            return imp.read_table(path)

        self.ctx.runner.run(work, on_done=self._file_read, on_error=self._file_failed)

    def _file_read(self, table: imp.Table) -> None:
        if not isValid(self):  # closed (and deleted) while the worker ran
            return
        self.table = table
        self.status.clear()
        self.next.setEnabled(True)
        mapping, unknown = imp.guess_mapping(table.headers)
        self.mapping_intro.setText(
            self.tr("%1 rows. Check which shop field each column holds;").replace(
                "%1", QLocale().toString(len(table.rows))
            )
            + ("" if ui_language() == "zh_CN" else " ")
            + (
                self.tr("%1 column(s) were not recognised.").replace("%1", str(len(unknown)))
                if unknown
                else self.tr("all columns were recognised.")
            )
        )
        first = table.rows[0][1] if table.rows else []
        self.mapping.setRowCount(len(table.headers))
        self.combos = []
        for i, head in enumerate(table.headers):
            self.mapping.setItem(i, 0, QTableWidgetItem(head))
            sample = first[i] if i < len(first) else None
            self.mapping.setItem(i, 1, QTableWidgetItem("" if sample is None else str(sample)))
            combo = QComboBox()
            combo.setObjectName(f"mapColumn{i}")
            combo.addItem(self.tr("(ignore this column)"), None)
            for fname in imp.FIELDS:
                combo.addItem(field_word(fname), fname)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(i))))
            if head in unknown:
                item = self.mapping.item(i, 0)
                item.setBackground(QBrush(QColor("#fff4ce")))
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.mapping.setCellWidget(i, 2, combo)
            self.combos.append(combo)
        self._mapping_changed()
        self._show_step(1)

    def _file_failed(self, exc: BaseException, tb: str) -> None:
        if not isValid(self):  # closed (and deleted) while the worker ran
            return
        self.status.clear()
        self.next.setEnabled(True)
        if isinstance(exc, imp.ImportFileError):
            self.file_error.setText(file_error_text(exc.code))
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
            imp.check_mapping(self.current_mapping())
        except imp.MappingError as exc:
            self.mapping_error.setText(mapping_error_text(exc))
        else:
            self.mapping_error.clear()
        self._update_buttons()

    # ------------------------------------------------------------------ step 3: plan

    def make_plan(self) -> None:
        table = self.table
        if table is None:
            return
        mapping = self.current_mapping()
        try:
            imp.check_mapping(mapping)
        except imp.MappingError as exc:
            self.mapping_error.setText(mapping_error_text(exc))
            return
        ctx = self.ctx
        self.status.setText(self.tr("Checking every row…"))
        self.next.setEnabled(False)

        def work(task: Task) -> imp.ImportPlan:
            store, own = _open_store(ctx)
            try:
                return imp.plan_import(
                    store, table, mapping, progress=lambda d, t: task.progress(d, t)
                )
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
        words = {
            "create": self.tr("New shop"),
            "update": self.tr("Update"),
            "unchanged": self.tr("No change"),
            "invalid": self.tr("Not imported"),
        }
        self.preview.setRowCount(len(plan.rows))
        bad = QBrush(QColor("#fde7e9"))
        lang = ui_language()
        sep, colon = ("；", "：") if lang == "zh_CN" else ("; ", ": ")
        for i, r in enumerate(plan.rows):
            problems = sep.join(f"{p.where(lang)}{colon}{problem_text(p)}" for p in r.problems)
            cells = [str(r.row), r.code or "", r.name or "", words[r.action], problems]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if r.action == "invalid":
                    item.setBackground(bad)
                if j == 0:
                    item.setData(Qt.ItemDataRole.UserRole, r.row)
                if j == 4 and text:
                    item.setToolTip(text)
                self.preview.setItem(i, j, item)
        self.preview.resizeColumnsToContents()
        self.preview.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        invalid = plan.count("invalid")
        self.summary.setText(
            self.tr("%1 new, %2 changed, %3 unchanged, %4 with problems.")
            .replace("%1", str(plan.count("create")))
            .replace("%2", str(plan.count("update")))
            .replace("%3", str(plan.count("unchanged")))
            .replace("%4", str(invalid))
            + " "
            + (
                self.tr("Nothing is imported while rows have problems, unless you choose so below.")
                if invalid
                else self.tr("Nothing has been written yet.")
            )
        )
        self.valid_only.setChecked(False)
        self.valid_only.setVisible(invalid > 0)
        self.valid_only.setText(
            self.tr("Import only the %1 valid rows and leave out the rows with problems").replace(
                "%1", str(len(plan.rows) - invalid)
            )
        )
        self._show_step(2)

    def _plan_failed(self, exc: BaseException, tb: str) -> None:
        if not isValid(self):  # closed (and deleted) while the worker ran
            return
        self.status.clear()
        self.next.setEnabled(True)
        if isinstance(exc, imp.MappingError):
            self.mapping_error.setText(mapping_error_text(exc))
            return
        self.ctx.errors.show(exc, tb)

    def _update_buttons(self) -> None:
        step = self.steps.currentIndex()
        if step == 1:
            try:
                imp.check_mapping(self.current_mapping())
                self.next.setEnabled(True)
            except imp.MappingError:
                self.next.setEnabled(False)
        elif step == 0:
            self.next.setEnabled(True)
        plan = self.plan
        ok = (
            step == 2
            and plan is not None
            and self.result is None
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

        def work(task: Task) -> imp.ImportResult:
            store, own = _open_store(ctx)
            try:
                return imp.apply_import(
                    store, plan, valid_only=valid_only, progress=lambda d, t: task.progress(d, t)
                )
            finally:
                if own:
                    store.close()

        ctx.runner.run(work, on_done=self._imported, on_error=self._import_failed)

    def _imported(self, result: imp.ImportResult) -> None:
        if not isValid(self):  # closed while the worker ran: the shops still changed
            self.ctx.notify("shops", "outbox")
            return
        self.result = result
        self.back.setEnabled(True)
        self.status.setText(
            self.tr("Imported: %1 new, %2 updated, %3 unchanged.")
            .replace("%1", str(result.created))
            .replace("%2", str(result.updated))
            .replace("%3", str(result.unchanged))
            + (
                " "
                + self.tr("%1 rows with problems were left out.").replace("%1", str(result.skipped))
                if result.skipped
                else ""
            )
        )
        self.close_button.setText(self.tr("Close"))
        self._update_buttons()
        self.ctx.notify("shops", "outbox")
        self.imported.emit(result)

    def _import_failed(self, exc: BaseException, tb: str) -> None:
        if not isValid(self):  # closed (and deleted) while the worker ran
            return
        self.back.setEnabled(True)
        self._update_buttons()
        self.status.setText(self.tr("Nothing was imported."))
        self.ctx.errors.show(exc, tb)
