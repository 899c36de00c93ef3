"""Forms that validate as you type and say what is wrong next to the field.

A ``Form`` builds labelled editors for an entity's fields, reads and writes
their values as plain Python values (``None`` for empty), and checks them with
``fieldapp.validation.check_form`` on every edit: the message appears in a red
label under the field (objectName ``<field>Error``) in the current language.
Labels are source texts translated in the page's context, so a language switch
re-labels the form without touching what was typed.
Threading: UI thread.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QEvent, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldError
from fieldapp.model import BUSINESS_UTC_OFFSET, Entity
from fieldapp.store import drafts
from fieldapp.validation import check_form

from .labels import choices, field_error_text, translate_in
from .numbers import Number, NumberEdit
from .widgets.field_message import FieldMessage


def refill_combo(combo: QComboBox, items: Iterable[tuple[str, Any]], *, prefer: Any = None) -> None:
    """Replace a combo's (text, data) items without emitting change signals, keeping the
    chosen data when it is still offered; with nothing chosen, ``prefer`` (when offered);
    else the first item."""
    wanted = combo.currentData()
    if wanted is None and prefer is not None:
        wanted = prefer
    combo.blockSignals(True)
    try:
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(combo.findData(wanted), 0))
    finally:
        combo.blockSignals(False)


_NULL_DATE = QDate(1900, 1, 1)
_NULL_DATETIME = QDateTime(_NULL_DATE, QTime(0, 0))
#: Red message text for pages that still style their own labels (theme.ERROR, 12 px+).
ERROR_STYLE = "color: #b42318;"


class _Field:
    """One editor with its getter, setter and change signal."""

    def __init__(
        self,
        name: str,
        label: str,
        editor: QWidget,
        get: Callable[[], Any],
        put: Callable[[Any], None],
        signal: Any,
        *,
        raw: Callable[[], str] | None = None,
        restore: Callable[[str], None] | None = None,
        problem: Callable[[], FieldError | None] | None = None,
    ) -> None:
        self.name = name
        self.label_source = label
        self.editor = editor
        self.get = get
        self.put = put
        self.signal = signal
        #: The text as typed and how to put it back (text fields: kept as a draft).
        self.raw = raw
        self.restore = restore
        #: The editor's own verdict (numbers), taken before the model's.
        self.problem = problem
        self.label = QLabel()
        # Its line is reserved (hidden, it keeps its height): a message never moves a field.
        self.error = FieldMessage(f"{name}Error")


class Form(QWidget):
    """Labelled, validated editors for some fields of one entity."""

    #: A field's value changed through the editor (its name).
    edited = Signal(str)

    def __init__(
        self,
        entity: type[Entity],
        context: str,
        *,
        base: Callable[[], dict[str, Any]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.entity = entity
        self.context = context
        #: Values of fields not on the form that validation needs (e.g. a visit's check-in).
        self._base = base or dict
        self._fields: dict[str, _Field] = {}
        self._layout = QFormLayout(self)
        self._layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._loading = False
        self.errors: dict[str, FieldError] = {}
        #: The values last loaded (what "discard" goes back to).
        self._stored: dict[str, Any] = {}
        self._drafts_store: Any = None
        self._draft_key: Callable[[], str | None] | None = None
        self._status: Any = None

    # ------------------------------------------------------------------ building

    def _add(self, field: _Field) -> QWidget:
        self._fields[field.name] = field
        field.editor.setObjectName(field.name)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field.editor)
        column.addWidget(field.error)
        field.label.setBuddy(field.editor)
        self._layout.addRow(field.label, box)
        field.signal.connect(lambda *_: self._changed(field.name))
        self._retranslate_field(field)
        return field.editor

    def add_widget(
        self,
        name: str,
        label: str,
        editor: QWidget,
        get: Callable[[], Any],
        put: Callable[[Any], None],
        signal: Any,
    ) -> QWidget:
        """A field edited by a widget of the caller's (``get``/``put`` its value, ``signal``
        when the person changed it); checked and saved like every other field."""
        return self._add(_Field(name, label, editor, get, put, signal))

    def add_line(self, name: str, label: str, *, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setClearButtonEnabled(True)
        edit.setProperty("placeholderSource", placeholder)
        self._add(
            _Field(
                name,
                label,
                edit,
                lambda: edit.text().strip() or None,
                lambda v: edit.setText("" if v is None else str(v)),
                edit.textEdited,
                raw=edit.text,
                restore=edit.setText,
            )
        )
        return edit

    def add_text(self, name: str, label: str, *, lines: int = 3) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
        self._add(
            _Field(
                name,
                label,
                edit,
                lambda: edit.toPlainText().strip() or None,
                lambda v: edit.setPlainText("" if v is None else str(v)),
                edit.textChanged,
                raw=edit.toPlainText,
                restore=edit.setPlainText,
            )
        )
        return edit

    def add_choice(
        self, name: str, label: str, enum: type[StrEnum], *, optional: bool = False
    ) -> QComboBox:
        combo = QComboBox()
        combo.setProperty("enum", enum)
        combo.setProperty("optional", optional)
        self._fill_combo(combo)

        def put(value: Any) -> None:
            i = combo.findData(None if value is None else str(value))
            combo.setCurrentIndex(max(i, 0))

        self._add(_Field(name, label, combo, lambda: combo.currentData(), put, combo.activated))
        return combo

    def add_number(
        self,
        name: str,
        label: str,
        *,
        minimum: Number,
        maximum: Number,
        decimals: int = 0,
        optional: bool = False,
        unusual: Callable[[Number], FieldError | None] | None = None,
    ) -> NumberEdit:
        """A number typed as text (``ui.numbers``): never clamped or changed; what it
        cannot take is shown next to it, an unusual value waits for a confirmation."""
        edit = NumberEdit(
            minimum=minimum, maximum=maximum, decimals=decimals, optional=optional, unusual=unusual
        )
        edit.setMaximumWidth(160)
        self._add(
            _Field(
                name,
                label,
                edit,
                edit.number,
                edit.setValue,
                edit.textChanged,
                raw=edit.text,
                restore=edit.setText,
                problem=edit.problem,
            )
        )
        return edit

    def add_int(
        self,
        name: str,
        label: str,
        *,
        minimum: int,
        maximum: int,
        optional: bool = False,
        unusual: Callable[[Number], FieldError | None] | None = None,
    ) -> NumberEdit:
        return self.add_number(
            name, label, minimum=minimum, maximum=maximum, optional=optional, unusual=unusual
        )

    def add_money(self, name: str, label: str) -> NumberEdit:
        return self.add_number(
            name, label, minimum=0, maximum=1_000_000_000, decimals=2, optional=True
        )

    def add_check(self, name: str, label: str) -> QCheckBox:
        box = QCheckBox()
        self._add(
            _Field(name, label, box, box.isChecked, lambda v: box.setChecked(bool(v)), box.toggled)
        )
        return box

    def add_date(self, name: str, label: str, *, optional: bool = True) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        if optional:
            edit.setMinimumDate(_NULL_DATE)
            edit.setSpecialValueText(" ")
            edit.setDate(_NULL_DATE)  # start blank, not at Qt's default day

        def get() -> date | None:
            d = edit.date()
            return None if optional and d == _NULL_DATE else d.toPython()  # type: ignore[return-value]

        def put(value: Any) -> None:
            edit.setDate(_NULL_DATE if value is None else QDate(value))

        self._add(_Field(name, label, edit, get, put, edit.dateChanged))
        return edit

    def add_datetime(self, name: str, label: str, *, optional: bool = True) -> QDateTimeEdit:
        """Date and time shown in Beijing time, returned as an aware UTC datetime."""
        edit = QDateTimeEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        if optional:
            edit.setMinimumDateTime(_NULL_DATETIME)
            edit.setSpecialValueText(" ")
            edit.setDateTime(_NULL_DATETIME)

        def get() -> datetime | None:
            v = edit.dateTime()
            if optional and v == _NULL_DATETIME:
                return None
            local: datetime = v.toPython()  # type: ignore[assignment]
            return (local - BUSINESS_UTC_OFFSET).replace(tzinfo=UTC)

        def put(value: Any) -> None:
            if value is None:
                edit.setDateTime(_NULL_DATETIME)
            else:
                local = value.astimezone(UTC).replace(tzinfo=None) + BUSINESS_UTC_OFFSET
                edit.setDateTime(QDateTime(local))

        self._add(_Field(name, label, edit, get, put, edit.dateTimeChanged))
        return edit

    # ------------------------------------------------------------------ values

    def names(self) -> Sequence[str]:
        return list(self._fields)

    def editor(self, name: str) -> QWidget:
        return self._fields[name].editor

    def label_text(self, name: str) -> str:
        """The field's label in the current language, without its mnemonic."""
        return self._fields[name].label.text().replace("&", "")

    def values(self) -> dict[str, Any]:
        return {name: f.get() for name, f in self._fields.items()}

    def value(self, name: str) -> Any:
        return self._fields[name].get()

    def set_values(self, values: dict[str, Any]) -> None:
        """Fill the editors (without counting as edits) and clear the messages; a field
        with a draft (text that could not be saved) shows the draft and its message."""
        self._loading = True
        try:
            for name, f in self._fields.items():
                if name in values:
                    f.put(values[name])
                    self._stored[name] = values[name]
            kept = self._read_drafts()
            for name, text in kept.items():
                f = self._fields[name]
                if f.restore is not None:
                    f.restore(text)
            if kept:
                self.show_errors([e for e in self._problems() if e.field in kept])
            else:
                self.show_errors([])
        finally:
            self._loading = False

    # ------------------------------------------------------------------ drafts

    def keep_drafts(self, store: Any, key: Callable[[], str | None], status: Any = None) -> None:
        """Keep the text of a field that fails validation in a local draft until it is
        fixed or discarded (``fieldapp.store.drafts`` under ``key()``, e.g. the row id),
        and report whether everything typed is saved to ``status`` (``ui.saving``)."""
        self._drafts_store = store
        self._draft_key = key
        self._status = status
        if status is not None:
            self.destroyed.connect(functools.partial(status.forget, id(self)))

    @property
    def autosaved(self) -> bool:
        return self._draft_key is not None

    def _read_drafts(self) -> dict[str, str]:
        key = self._draft_key() if self._draft_key else None
        if key is None or self._drafts_store is None:
            return {}
        found = drafts.get(self._drafts_store, key)
        return {k: v for k, v in found.items() if k in self._fields}

    def _write_drafts(self) -> None:
        key = self._draft_key() if self._draft_key else None
        if key is None or self._drafts_store is None:
            return
        texts = {
            name: f.raw()
            for name, f in self._fields.items()
            if name in self.errors and f.raw is not None
        }
        mine = [n for n, f in self._fields.items() if f.raw is not None]
        drafts.put(self._drafts_store, key, texts, fields=mine)

    def invalid_fields(self) -> list[str]:
        return list(self.errors)

    def discard_invalid(self) -> None:
        """Throw away what was typed in the fields that could not be saved: they show the
        saved value again and their drafts go."""
        self._loading = True
        try:
            for name in list(self.errors):
                f = self._fields.get(name)
                if f is not None:
                    f.put(self._stored.get(name))
        finally:
            self._loading = False
        self.show_errors([])

    # ------------------------------------------------------------------ validation

    def _problems(self) -> list[FieldError]:
        data = {**self._base(), **self.values()}
        own = {
            name: found
            for name, f in self._fields.items()
            if f.problem is not None and (found := f.problem()) is not None
        }
        errors = [
            e
            for e in check_form(self.entity, data)
            if e.field in self._fields and e.field not in own
        ]
        return [*own.values(), *errors]

    def check(self) -> list[FieldError]:
        """Validate what is on the form now and show the messages; return them."""
        errors = self._problems()
        self.show_errors(errors)
        return errors

    def show_errors(self, errors: Sequence[FieldError]) -> None:
        self.errors = {}
        for e in errors:
            self.errors.setdefault(e.field, e)
        for name, f in self._fields.items():
            err = self.errors.get(name)
            if err is None:
                f.error.hide()
                f.error.clear()
            else:
                f.error.setText(field_error_text(self._with_length(err)))
                f.error.show()
        if not self._loading:
            self._write_drafts()
        if self._status is not None:
            self._status.set_problem(self, bool(self.errors))

    def _with_length(self, err: FieldError) -> FieldError:
        """A "too long" message says how long the text is now."""
        f = self._fields.get(err.field)
        if err.code != "too_long" or f is None or f.raw is None:
            return err
        return FieldError(err.field, err.code, {**err.params, "length": len(f.raw().strip())})

    def _changed(self, name: str) -> None:
        if self._loading:
            return
        self.check()
        self.edited.emit(name)

    # ------------------------------------------------------------------ language

    def _fill_combo(self, combo: QComboBox) -> None:
        enum = combo.property("enum")
        items = [(text, str(value)) for value, text in choices(enum)]
        refill_combo(combo, [("—", None), *items] if combo.property("optional") else items)

    def _retranslate_field(self, f: _Field) -> None:
        f.label.setText(translate_in(self.context, f.label_source))
        if isinstance(f.editor, QComboBox):
            self._loading = True
            try:
                self._fill_combo(f.editor)
            finally:
                self._loading = False
        placeholder = f.editor.property("placeholderSource")
        if isinstance(f.editor, QLineEdit) and placeholder:
            f.editor.setPlaceholderText(QCoreApplication.translate(self.context, placeholder))
        err = self.errors.get(f.name)
        if err is not None:
            f.error.setText(field_error_text(self._with_length(err)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            for f in self._fields.values():
                self._retranslate_field(f)
        super().changeEvent(event)
