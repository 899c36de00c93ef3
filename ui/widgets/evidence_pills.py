"""A visit's stored evidence flags (``visits.evidence_flags``, worked out on the rep's
device and synced) as pills, one per kind of flag, with the sentence about each flag
under them: what the supervisor reviews. Photos are numbered in the order given (the
photo list's). Nothing at all for a visit without flags.
Threading: UI thread only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from fieldapp import evidence

from .. import theme
from ..labels import flag_name, flag_text
from .status_pill import StatusPill


class EvidencePills(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidencePills")
        self._text: str | None = None
        self._photos: tuple[str, ...] = ()
        self.pills: list[StatusPill] = []
        self._row = QHBoxLayout()
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(6)
        self._row.addStretch(1)
        self.details = QLabel()
        self.details.setObjectName("evidenceDetails")
        self.details.setWordWrap(True)
        theme.set_role(self.details, "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self._row)
        layout.addWidget(self.details)
        self.setVisible(False)

    def show_flags(self, text: str | None, photos: Sequence[str] = ()) -> None:
        """Show the stored ``text``; ``photos`` are the visit's photo ids in shown order."""
        self._text, self._photos = text, tuple(photos)
        self._fill()

    def _fill(self) -> None:
        for pill in self.pills:
            self._row.removeWidget(pill)
            pill.hide()
            pill.deleteLater()
        self.pills = []
        flags = evidence.decode_flags(self._text)
        self.setVisible(bool(flags))
        if not flags:
            self.details.clear()
            return
        counts = Counter(f.code for f in flags)
        for code in evidence.codes(self._text):
            pill = StatusPill(f"evidence_{code}", "flagged", self)
            pill.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            n = counts[code]
            pill.setText(flag_name(code) + (f" ×{n}" if n > 1 else ""))
            self._row.insertWidget(len(self.pills), pill)
            self.pills.append(pill)
        layout = self.layout()
        if layout is not None:  # the new pills placed now, not at the next layout pass
            layout.activate()
        numbers = {pid: str(n) for n, pid in enumerate(self._photos, start=1)}
        self.details.setText(
            "\n".join(flag_text(f.code, numbers.get(f.photo or "", "?"), f.amount) for f in flags)
        )

    def retranslate(self) -> None:
        self._fill()
