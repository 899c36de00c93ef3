"""Mine or the whole team: the one switch the Shops, KOCs and Events lists share.

A rep at team scale would otherwise scroll through 3,000 shops and 15,000 KOCs of
colleagues; a rep's lists open on their own rows, a supervisor's on the team's, and
one click switches.
Threading: UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget

from fieldapp.kinds import Role

from .context import AppContext


class ScopeSwitch(QWidget):
    """Two exclusive buttons, "Mine" and "Whole team"; ``changed`` when the choice changes."""

    changed = Signal(bool)  # True: mine

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("scopeSwitch")
        self.mine_button = QPushButton()
        self.mine_button.setObjectName("scopeMine")
        self.team_button = QPushButton()
        self.team_button.setObjectName("scopeTeam")
        self.group = QButtonGroup(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        for button in (self.mine_button, self.team_button):
            button.setCheckable(True)
            self.group.addButton(button)
            row.addWidget(button)
        self.reset()
        self.mine_button.toggled.connect(self.changed.emit)
        self.retranslate()

    def reset(self) -> None:
        """The default for the current user: a rep's own rows, everyone else's team."""
        mine = self.ctx.store.role_of(self.ctx.store.user_id) == Role.REP
        self.set_mine(mine)

    def set_mine(self, mine: bool) -> None:
        (self.mine_button if mine else self.team_button).setChecked(True)

    def is_mine(self) -> bool:
        return self.mine_button.isChecked() and self.ctx.store.user_id is not None

    def rep_id(self) -> str | None:
        """The rep to filter by: the current user for "Mine", else None (everyone)."""
        return self.ctx.store.user_id if self.is_mine() else None

    def retranslate(self) -> None:
        self.mine_button.setText(self.tr("Mine"))
        self.team_button.setText(self.tr("Whole team"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


__all__ = ["ScopeSwitch"]
