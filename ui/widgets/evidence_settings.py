"""Settings: the rules a visit's evidence is checked by (issue 15), settings of this data
file read by ``fieldapp.store.evidence_photos``: how far from the shop a photo (or the
check-in) may be taken (``evidence.far_m``, metres), how long before check-in or after
check-out a photo may be taken (``evidence.tolerance_minutes``) and the shortest visit
that is not flagged (``evidence.min_visit_minutes``). Each is a ``NumberEdit``: what is
typed stays as typed, what it cannot take is named beside it and nothing is written; a
number it takes is saved once typing settles (``SaveWhenSettled``: the field left, Enter,
or a pause), never per keystroke: typing 800 does not store 80 (and tell every page the
rules changed) on the way. Unset, the rules' defaults (``fieldapp.evidence``) show.
Threading: UI thread.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QWidget

from fieldapp import evidence
from fieldapp.store.evidence_photos import (
    FAR_M_SETTING,
    MIN_MINUTES_SETTING,
    TOLERANCE_SETTING,
)

from .. import theme
from ..context import AppContext
from ..numbers import Number, NumberEdit, SaveWhenSettled, error_label

#: Each rule: setting key, object name, default, smallest and largest value taken.
RULES: tuple[tuple[str, str, float, int, int], ...] = (
    (FAR_M_SETTING, "evidenceFarM", evidence.FAR_M, 50, 10_000),
    (TOLERANCE_SETTING, "evidenceTolerance", evidence.TOLERANCE.total_seconds() / 60, 1, 720),
    (MIN_MINUTES_SETTING, "evidenceMinMinutes", evidence.MIN_VISIT_MINUTES, 1, 240),
)


class EvidenceSettings(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceSettings")
        self.ctx = ctx
        grid = QGridLayout(self)
        grid.setColumnStretch(2, 1)
        # setting key -> its field
        self.edits: dict[str, NumberEdit] = {}
        self.labels: dict[str, QLabel] = {}
        self.savers: dict[str, SaveWhenSettled] = {}
        for r, (key, name, _default, low, high) in enumerate(RULES):
            edit = NumberEdit(minimum=low, maximum=high)
            edit.setObjectName(name)
            edit.setMinimumWidth(100)
            edit.setMaximumWidth(100)
            caption = QLabel()
            caption.setBuddy(edit)
            # The message stands beside the field: nothing under it moves when it shows.
            grid.addWidget(caption, r, 0)
            grid.addWidget(edit, r, 1)
            grid.addWidget(error_label(edit), r, 2)
            self.savers[key] = SaveWhenSettled(edit, functools.partial(self._save, key))
            self.edits[key] = edit
            self.labels[key] = caption
        self.hint = QLabel()
        theme.set_role(self.hint, "muted")
        self.hint.setWordWrap(True)
        grid.addWidget(self.hint, len(RULES), 0, 1, 3)
        self.retranslate()
        self.refresh()

    def refresh(self) -> None:
        for key, _name, default, _low, _high in RULES:
            value = self.ctx.store.get_setting(key, default)
            try:
                number = float(value)
            except (TypeError, ValueError):
                number = float(default)  # what the rules use then (evidence_photos)
            edit = self.edits[key]
            edit.blockSignals(True)
            edit.setValue(int(number) if number.is_integer() else number)
            edit.blockSignals(False)
            self.savers[key].loaded(edit.value())

    def save(self) -> bool:
        """Save any number still being typed now; True when one was saved."""
        saved = [saver.flush() for saver in self.savers.values()]
        return any(saved)

    def _save(self, key: str, value: Number) -> None:
        self.ctx.store.set_setting(key, int(value))
        self.ctx.notify("settings")

    def retranslate(self) -> None:
        self.setTitle(self.tr("Visit evidence"))
        far, tolerance, shortest = (self.labels[key] for key, *_ in RULES)
        far.setText(self.tr("Photo or check-in far from the shop, over (m)"))
        tolerance.setText(self.tr("Photo outside the visit's time, by more than (minutes)"))
        shortest.setText(self.tr("Visit shorter than (minutes)"))
        for key, _name, _default, low, high in RULES:
            self.edits[key].setToolTip(
                self.tr("%1 to %2").replace("%1", str(low)).replace("%2", str(high))
            )
        self.hint.setText(
            self.tr(
                "A visit that breaks one of these rules is flagged for the supervisor;"
                " it is never stopped from being saved."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
