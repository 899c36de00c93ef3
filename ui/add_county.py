"""Add a county the store does not have yet (a rep or a supervisor, from the Counties page).

The county is picked from China's county list (fieldapp.reference) by province, or typed
when it is not on the list (a development zone a team treats as a county). A county
from the list gets the id every device gives it, so two reps adding it make one row.
Threading: UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldapp import reference
from fieldapp.errors import FieldappError, ValidationError
from fieldapp.model import County
from fieldapp.reference import RefCounty

from .context import AppContext
from .labels import field_error_text


class AddCountyDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.added: County | None = None
        self.setObjectName("addCountyDialog")
        self.setWindowTitle(self.tr("Add a county"))
        self.province = QComboBox()
        self.province.setObjectName("countyProvince")
        for name in reference.provinces():
            self.province.addItem(name, name)
        self.name = QComboBox()
        self.name.setObjectName("countyName")
        self.name.setEditable(True)
        self.name.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.name.setMinimumContentsLength(16)
        self.prefecture = QLineEdit()
        self.prefecture.setObjectName("countyPrefecture")
        self.hint = QLabel(
            self.tr("Pick the county from the list, or type its name if it is not there.")
        )
        self.hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("addCountyError")
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Province"), self.province)
        form.addRow(self.tr("County"), self.name)
        form.addRow(self.tr("Prefecture"), self.prefecture)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.add)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.hint)
        column.addLayout(form)
        column.addWidget(self.error)
        column.addWidget(self.buttons)
        self.province.currentIndexChanged.connect(lambda _i: self._fill_names())
        self.name.currentIndexChanged.connect(lambda _i: self._picked())
        # Start in the province the store's counties are in, if any.
        have = [c.province for c in ctx.store.counties.list() if c.province]
        if have:
            usual = max(set(have), key=have.count)
            self.province.setCurrentIndex(max(self.province.findData(usual), 0))
        self._fill_names()

    def _fill_names(self) -> None:
        have = {(c.province, c.name) for c in self.ctx.store.counties.list()}
        self.name.blockSignals(True)
        self.name.clear()
        for ref in reference.counties(self.province.currentData()):
            if (ref.province, ref.name) not in have:
                self.name.addItem(ref.name, ref)
        self.name.setCurrentIndex(-1)
        self.name.setEditText("")
        self.name.blockSignals(False)
        self.prefecture.clear()

    def _picked(self) -> None:
        ref = self._ref()
        if ref is not None:
            self.prefecture.setText(ref.prefecture or "")

    def _ref(self) -> RefCounty | None:
        text = self.name.currentText().strip()
        for ref in reference.find(text, self.province.currentData()):
            if ref.name == text:
                return ref
        return None

    def add(self) -> bool:
        """Create the county; on success the dialog closes and ``added`` holds it."""
        text = self.name.currentText().strip()
        ref = self._ref()
        province = self.province.currentData()
        if any(c.name == text and c.province == province for c in self.ctx.store.counties.list()):
            self.error.setText(self.tr("%1 is already in the list.").replace("%1", text))
            return False
        try:
            if ref is not None:
                county = reference.add_counties(self.ctx.store, [ref])[0]
            else:
                county = self.ctx.store.counties.create(
                    name=text,
                    province=self.province.currentData(),
                    prefecture=self.prefecture.text().strip() or None,
                )
        except ValidationError as exc:
            self.error.setText(field_error_text(exc.errors[0]))
            return False
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return False
        self.added = county
        self.ctx.notify("counties")
        self.accept()
        return True

    def set_county(self, province: str, name: str) -> None:
        """Choose a province and a county name (tests)."""
        self.province.setCurrentIndex(self.province.findData(province))
        index = self.name.findText(name, Qt.MatchFlag.MatchExactly)
        if index >= 0:
            self.name.setCurrentIndex(index)
        else:
            self.name.setEditText(name)


__all__ = ["AddCountyDialog"]
