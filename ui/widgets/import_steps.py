"""The shop import's three steps as widgets: the file, the column mapping, the preview
with each row's problems. The dialog (``ui.exchange.ImportShopsDialog``) runs the
steps; these only show.

Threading: UI thread only.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.exchange import import_shops as imp
from fieldapp.kinds import BUSINESS_UTC_OFFSET

from .. import icons
from ..labels import concept, error_text
from .field_message import FieldMessage


def ui_language() -> str:
    """The interface language: the default locale follows it (ui/i18n.py)."""
    return "zh_CN" if QLocale().name().lower().startswith("zh") else "en"


def field_word(fname: str) -> str:
    words = {
        "code": QCoreApplication.translate("Exchange", "Shop code"),
        "name": QCoreApplication.translate("Exchange", "Shop name"),
        "channel": QCoreApplication.translate("Exchange", "Channel"),
        "tier": concept("tier"),
        "county": QCoreApplication.translate("Exchange", "County"),
        "address": QCoreApplication.translate("Exchange", "Address"),
        "phone": QCoreApplication.translate("Exchange", "Phone"),
        "latitude": QCoreApplication.translate("Exchange", "Latitude"),
        "longitude": QCoreApplication.translate("Exchange", "Longitude"),
        "cloud_store": QCoreApplication.translate("Exchange", "Cloud store"),
        "rep": QCoreApplication.translate("Exchange", "Rep"),
        "notes": QCoreApplication.translate("Exchange", "Notes"),
        # The cloud-store order export's (issue 18).
        "order_no": QCoreApplication.translate("Exchange", "Order ID"),
        "ordered_at": QCoreApplication.translate("Exchange", "Order time"),
        "shop": QCoreApplication.translate("Exchange", "Shop (code or name)"),
        "items": QCoreApplication.translate("Exchange", "Items"),
        "amount": QCoreApplication.translate("Exchange", "Amount (¥)"),
        "buyer_ref": QCoreApplication.translate("Exchange", "Buyer"),
        "referrer_code": QCoreApplication.translate("Exchange", "Referrer code"),
        "group_name": QCoreApplication.translate("Exchange", "Group"),
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
    if problem.code == "duplicate_order":
        return QCoreApplication.translate(
            "Exchange", "The same order ID is also in row %1"
        ).replace("%1", str(problem.params.get("row", "")))
    if problem.code in ("unknown_shop", "ambiguous_shop"):
        word = (
            QCoreApplication.translate("Exchange", "No shop has this code or name: %1")
            if problem.code == "unknown_shop"
            else QCoreApplication.translate("Exchange", "Several shops have this name: %1")
        )
        return word.replace("%1", value)
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
        "too_big": QCoreApplication.translate(
            "Exchange",
            "The file is too big to import (at most 100,000 rows and 256 columns, or it"
            " unpacks to far more than it holds): split it into smaller files.",
        ),
        "unknown_encoding": QCoreApplication.translate(
            "Exchange",
            "The text encoding cannot be told for sure (Big5 or GBK?): save the file as"
            " CSV UTF-8 or as .xlsx.",
        ),
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


class FileStep(QWidget):
    """Step 1: which file (with a Choose… button) and why it cannot be read."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(
            QCoreApplication.translate(
                "ImportShopsDialog",
                "Choose the shop list from head office (.xlsx or .csv, Chinese or English"
                " headers). Shops are matched by their head-office code: a shop already here"
                " is updated, never added twice. Nothing is written before you confirm.",
            )
        )
        intro.setWordWrap(True)
        col.addWidget(intro)
        row = QHBoxLayout()
        self.file = QLineEdit()
        self.file.setObjectName("importFile")
        self.browse = browse = QPushButton(
            QCoreApplication.translate("ImportShopsDialog", "Choose…")
        )
        browse.setObjectName("importBrowse")
        browse.setIcon(icons.icon("file"))
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        col.addLayout(row)
        self.file_error = FieldMessage("importFileError", lines=2)
        col.addWidget(self.file_error)
        col.addStretch(1)


class MappingStep(QWidget):
    """Step 2: which field (of ``fields``: a shop's, an order's) each column holds."""

    def __init__(self, fields: tuple[str, ...] = imp.FIELDS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields = fields
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        self.mapping_intro = QLabel()
        self.mapping_intro.setWordWrap(True)
        col.addWidget(self.mapping_intro)
        self.mapping = QTableWidget(0, 3)
        self.mapping.setObjectName("importMapping")
        self.mapping.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("ImportShopsDialog", "Column in the file"),
                QCoreApplication.translate("ImportShopsDialog", "First value"),
                QCoreApplication.translate("ImportShopsDialog", "Shop field")
                if fields == imp.FIELDS
                else QCoreApplication.translate("ImportShopsDialog", "Order field"),
            ]
        )
        self.mapping.verticalHeader().setVisible(False)
        self.mapping.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.mapping.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        col.addWidget(self.mapping, 1)
        self.mapping_error = FieldMessage("importMappingError")
        col.addWidget(self.mapping_error)

    def fill(
        self, table: imp.Table, mapping: dict[int, str], unknown: list[str]
    ) -> list[QComboBox]:
        """One row per column of ``table``, with the guessed field chosen; the combos."""
        first = table.rows[0][1] if table.rows else []
        self.mapping.setRowCount(len(table.headers))
        combos: list[QComboBox] = []
        for i, head in enumerate(table.headers):
            self.mapping.setItem(i, 0, QTableWidgetItem(head))
            sample = first[i] if i < len(first) else None
            self.mapping.setItem(i, 1, QTableWidgetItem("" if sample is None else str(sample)))
            combo = QComboBox()
            combo.setObjectName(f"mapColumn{i}")
            combo.addItem(
                QCoreApplication.translate("ImportShopsDialog", "(ignore this column)"), None
            )
            for fname in self.fields:
                combo.addItem(field_word(fname), fname)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(i))))
            if head in unknown:
                item = self.mapping.item(i, 0)
                if item is not None:
                    item.setBackground(QBrush(QColor("#fff4ce")))
            self.mapping.setCellWidget(i, 2, combo)
            combos.append(combo)
        return combos


class PreviewStep(QWidget):
    """Step 3: what happens to each row, with its problems, before anything is written.
    ``orders``: the rows are cloud-store orders (their order ID, no name)."""

    def __init__(self, parent: QWidget | None = None, *, orders: bool = False) -> None:
        super().__init__(parent)
        self.orders = orders
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        col.addWidget(self.summary)
        self.preview = QTableWidget(0, 5)
        self.preview.setObjectName("importPreview")
        self.preview.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("ImportShopsDialog", "Row"),
                QCoreApplication.translate("ImportShopsDialog", "Order ID")
                if orders
                else QCoreApplication.translate("ImportShopsDialog", "Shop code"),
                QCoreApplication.translate("ImportShopsDialog", "Order time")
                if orders
                else QCoreApplication.translate("ImportShopsDialog", "Shop name"),
                QCoreApplication.translate("ImportShopsDialog", "What happens"),
                QCoreApplication.translate("ImportShopsDialog", "Problems"),
            ]
        )
        self.preview.verticalHeader().setVisible(False)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.preview.horizontalHeader()
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        col.addWidget(self.preview, 1)
        # Counties the file names that the store lacks: created once the person agrees.
        self.create_counties = QCheckBox()
        self.create_counties.setObjectName("importCreateCounties")
        col.addWidget(self.create_counties)
        self.valid_only = QCheckBox()
        self.valid_only.setObjectName("importValidOnly")
        col.addWidget(self.valid_only)

    def show_plan(self, plan: Any) -> None:
        """An ``ImportPlan`` (shops) or an ``OrderPlan`` (orders)."""
        words = {
            "create": QCoreApplication.translate("ImportShopsDialog", "New order")
            if self.orders
            else QCoreApplication.translate("ImportShopsDialog", "New shop"),
            "update": QCoreApplication.translate("ImportShopsDialog", "Update"),
            "unchanged": QCoreApplication.translate("ImportShopsDialog", "No change"),
            "invalid": QCoreApplication.translate("ImportShopsDialog", "Not imported"),
        }
        self.preview.setRowCount(len(plan.rows))
        bad = QBrush(QColor("#fde7e9"))
        lang = ui_language()
        sep, colon = ("；", "：") if lang == "zh_CN" else ("; ", ": ")
        for i, r in enumerate(plan.rows):
            problems = sep.join(f"{p.where(lang)}{colon}{problem_text(p)}" for p in r.problems)
            if self.orders:
                moment = r.changes.get("ordered_at") if r.changes else None
                when = (  # stored UTC, shown in Beijing time as the file had it
                    (datetime.fromisoformat(str(moment)) + BUSINESS_UTC_OFFSET).strftime(
                        "%Y-%m-%d %H:%M"
                    )
                    if moment
                    else ""
                )
                key, second = r.order_no or "", when
            else:
                key, second = r.code or "", r.name or ""
            cells = [str(r.row), key, second, words[r.action], problems]
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
        counts = (
            QCoreApplication.translate(
                "ImportShopsDialog", "Orders: %1 new, %2 changed, %3 unchanged, %4 with problems."
            )
            if self.orders
            else QCoreApplication.translate(
                "ImportShopsDialog", "%1 new, %2 changed, %3 unchanged, %4 with problems."
            )
        )
        self.summary.setText(
            counts.replace("%1", str(plan.count("create")))
            .replace("%2", str(plan.count("update")))
            .replace("%3", str(plan.count("unchanged")))
            .replace("%4", str(invalid))
            + " "
            + (
                QCoreApplication.translate(
                    "ImportShopsDialog",
                    "Nothing is imported while rows have problems, unless you choose so below.",
                )
                if invalid
                else QCoreApplication.translate(
                    "ImportShopsDialog", "Nothing has been written yet."
                )
            )
        )
        self.create_counties.blockSignals(True)
        self.create_counties.setChecked(bool(plan.new_counties))
        self.create_counties.blockSignals(False)
        self.create_counties.setVisible(bool(plan.unknown_counties))
        self.create_counties.setText(
            QCoreApplication.translate(
                "ImportShopsDialog", "Create the counties not in the list yet: %1"
            ).replace("%1", "、".join(plan.unknown_counties))
        )
        self.valid_only.setChecked(False)
        self.valid_only.setVisible(invalid > 0)
        self.valid_only.setText(
            QCoreApplication.translate(
                "ImportShopsDialog",
                "Import only the %1 valid rows and leave out the rows with problems",
            ).replace("%1", str(len(plan.rows) - invalid))
        )
