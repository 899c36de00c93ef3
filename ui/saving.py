"""Whether everything typed is saved: one answer for the status bar and the pages.

Each source of edits (a form that saves as it is typed, a page's own save) reports
``set_problem(source, True)`` when its last save failed or a field could not be saved,
and ``False`` once it saved; the status bar says "not saved" while any source has a
problem, never "all changes saved".
Threading: UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class SaveStatus(QObject):
    """The sources whose last save failed."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._failing: set[int] = set()

    def set_problem(self, source: object, problem: bool) -> None:
        key = id(source)
        before = key in self._failing
        if problem:
            self._failing.add(key)
        else:
            self._failing.discard(key)
        if before != problem:
            self.changed.emit()

    def forget(self, key: int) -> None:
        """A source went away (``id`` of it): its problem goes with it."""
        if key in self._failing:
            self._failing.discard(key)
            self.changed.emit()

    def failed(self) -> bool:
        """True while some save failed (something typed is kept only as a draft)."""
        return bool(self._failing)
