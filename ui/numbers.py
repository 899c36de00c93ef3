"""The one numeric input of the app: what is typed stays as typed.

A ``QSpinBox`` changes what it cannot take without a word: ``-5`` becomes ``5`` (the
minus is refused), ``1e12`` becomes ``112``, ``1000000000000`` is clamped to the
maximum. ``NumberEdit`` is a line edit instead: the text is never changed, ``problem()``
names what is wrong with it (not a number, not whole, out of range) and the owner
shows that next to the field; Up/Down and the wheel still step it like a spin box.
Values far outside the usual (``unusual``) are taken only once a person confirms them:
Enter on such a value asks, and until then ``problem()`` says it needs confirming.
Full-width digits (１２), thousands separators and a leading ¥ are read as typed by an
input method or pasted from a spreadsheet.
Threading: UI thread.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from fieldapp.errors import FieldError

_INT_RE = re.compile(r"[+-]?[0-9]+")
_DECIMAL_RE = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")

Number = int | float


def read_number(text: str, *, decimals: int = 0) -> Number | str | None:
    """The number in ``text``: None when empty, the cleaned text when it is not one."""
    clean = unicodedata.normalize("NFKC", text).strip()
    clean = clean.removeprefix("¥").replace(",", "").replace(" ", "").replace("，", "")
    if not clean:
        return None
    if _INT_RE.fullmatch(clean):
        return int(clean)
    if decimals and _DECIMAL_RE.fullmatch(clean):
        return float(clean)
    return clean


def number_problem(
    value: Number | str | None,
    *,
    minimum: Number,
    maximum: Number,
    decimals: int = 0,
    optional: bool = False,
    field: str = "",
) -> FieldError | None:
    """What is wrong with ``value`` (as read by :func:`read_number`); None when fine."""
    if value is None:
        return None if optional else FieldError(field, "required")
    if isinstance(value, str):
        if not decimals and _DECIMAL_RE.fullmatch(value):
            return FieldError(field, "not_a_whole_number")
        return FieldError(field, "not_a_number")
    if isinstance(value, float) and round(value, decimals) != value:
        return FieldError(field, "too_many_decimals", {"decimals": decimals})
    if not minimum <= value <= maximum:
        return FieldError(field, "out_of_range", {"ge": minimum, "le": maximum})
    return None


def format_number(value: Number | None, decimals: int = 0) -> str:
    if value is None:
        return ""
    if decimals and not float(value).is_integer():
        return f"{value:.{decimals}f}"
    return str(int(value))


class NumberEdit(QLineEdit):
    """A whole number (or money, with ``decimals``) typed as text and never altered."""

    #: The value was stepped by a key or the wheel (typing emits ``textEdited``).
    stepped = Signal()
    #: Enter was pressed on a value that is fine (and confirmed, when unusual).
    committed = Signal()

    def __init__(
        self,
        *,
        minimum: Number,
        maximum: Number,
        decimals: int = 0,
        optional: bool = False,
        unusual: Callable[[Number], FieldError | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.minimum = minimum
        self.maximum = maximum
        self.decimals = decimals
        self.optional = optional
        #: Says why a value that can be taken is far outside the usual; None when usual.
        self.unusual = unusual
        self._confirmed: Number | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.returnPressed.connect(self._enter)

    # ------------------------------------------------------------------ values

    def parsed(self) -> Number | str | None:
        """What is typed: a number, None when empty, or the text when it is no number."""
        return read_number(self.text(), decimals=self.decimals)

    def number(self) -> Number | None:
        """The number typed, in range or not; None when empty or no number."""
        v = self.parsed()
        return None if isinstance(v, str) else v

    def value(self) -> Number | None:
        """The number typed when it is one this field takes, else None."""
        v = self.parsed()
        if isinstance(v, str) or self.problem(confirming=False) is not None:
            return None
        return v

    def setValue(self, value: Number | None) -> None:  # Qt naming, as QSpinBox
        self._confirmed = value
        self.setText(format_number(value, self.decimals))

    def problem(self, *, confirming: bool = True) -> FieldError | None:
        """What is wrong with the text now (with ``confirming``, an unconfirmed unusual
        value counts); None when it can be saved."""
        v = self.parsed()
        found = number_problem(
            v,
            minimum=self.minimum,
            maximum=self.maximum,
            decimals=self.decimals,
            optional=self.optional,
            field=self.objectName(),
        )
        if found is not None or not confirming or v is None or isinstance(v, str):
            return found
        if self.unusual is not None and v != self._confirmed:
            odd = self.unusual(v)
            if odd is not None:
                return FieldError(self.objectName(), "needs_confirmation", dict(odd.params))
        return None

    def confirm(self) -> None:
        """Take the unusual value typed now (a person said yes)."""
        v = self.parsed()
        if not isinstance(v, str):
            self._confirmed = v

    # ------------------------------------------------------------------ keys

    def settle(self) -> FieldError | None:
        """Ask about an unusual value now; the problem that remains (None: take it)."""
        found = self.problem()
        if found is not None and found.code == "needs_confirmation" and self._ask(found):
            self.confirm()
            self.textChanged.emit(self.text())  # owners re-check and save as after typing
            found = None
        return found

    def _enter(self) -> None:
        if self.settle() is None:
            self.committed.emit()

    def _ask(self, found: FieldError) -> bool:
        from .ask import ask_yes_no
        from .labels import field_error_text

        return ask_yes_no(
            self,
            "confirmNumber",
            QCoreApplication.translate("NumberEdit", "Unusual value"),
            field_error_text(found)
            + "\n\n"
            + QCoreApplication.translate("NumberEdit", "Keep %1?").replace("%1", self.text()),
        )

    def _step(self, delta: int) -> None:
        v = self.parsed()
        if isinstance(v, str):
            return
        start = self.minimum if v is None else v
        new = start if v is None else start + delta
        new = min(max(new, self.minimum), self.maximum)
        self.setText(format_number(new, self.decimals))
        self.textEdited.emit(self.text())
        self.stepped.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Up:
            self._step(1)
            return
        if event.key() == Qt.Key.Key_Down:
            self._step(-1)
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus() and event.angleDelta().y():
            self._step(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)


#: How long typing must pause before a settled number is saved (ms): long enough that 8,
#: 80 on the way to 800 are never stored, short enough that a pause means "done".
SETTLE_MS = 800


class SaveWhenSettled(QObject):
    """Saves ``edit``'s number once typing settles, never each keystroke: when the field
    is left or Enter pressed (``editingFinished``), or ``SETTLE_MS`` after the last key
    or step. Typing 800 stores 800, not 8 then 80. A value the field cannot take is
    never saved (its message shows beside it); one equal to the last saved is not saved
    again. ``flush()`` saves a pending value at once (leaving the page, Ctrl+S, closing).
    """

    def __init__(
        self, edit: NumberEdit, save: Callable[[Number], None], *, delay_ms: int = SETTLE_MS
    ) -> None:
        super().__init__(edit)
        self.edit = edit
        self._save = save
        self._saved: Number | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        edit.textEdited.connect(lambda _t: self._timer.start())
        edit.editingFinished.connect(self.flush)
        edit.committed.connect(self.flush)

    def loaded(self, value: Number | None) -> None:
        """The field now shows ``value`` as stored: nothing is pending."""
        self._timer.stop()
        self._saved = value

    def pending(self) -> bool:
        return self._timer.isActive()

    def flush(self) -> bool:
        """Save what is typed now if it can be taken and differs from what is stored;
        True when something was saved."""
        self._timer.stop()
        if self.edit.problem() is not None:
            return False
        value = self.edit.value()
        if value is None or value == self._saved:
            return False
        self._save(value)
        self._saved = value
        return True


def error_label(edit: NumberEdit) -> QLabel:
    """A label that says what is wrong with ``edit`` as it is typed (objectName
    ``<edit>Error``), for a number that is not on a ``Form``; in the theme's error role
    (its colour and type size, from the one style sheet)."""
    from . import theme
    from .labels import field_error_text

    label = QLabel()
    label.setObjectName(edit.objectName() + "Error")
    theme.set_role(label, "error")
    label.setWordWrap(True)
    label.hide()

    def show() -> None:
        found = edit.problem()
        label.setText("" if found is None else field_error_text(found))
        label.setVisible(found is not None)

    edit.textChanged.connect(lambda _t: show())
    return label
