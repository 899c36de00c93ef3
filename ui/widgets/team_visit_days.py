"""A team's visit frequency per shop tier (days between visits), set by its supervisor:
empty means the usual 7 / 14 / 30 days for A / B / C. Each field is saved as it is
typed (``store.teams.update``, synced; head office takes these fields, and only these,
from the team's supervisor); a value the store refuses is shown next to its field.
A shop's own frequency (shop dialog) comes before its tier's.
Threading: UI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from fieldapp.errors import FieldappError, ValidationError
from fieldapp.model import Team
from fieldapp.store.overdue import DEFAULT_OVERDUE_DAYS
from ui.translate_noop import QT_TRANSLATE_NOOP

from .. import theme
from ..context import AppContext
from ..forms import Form

FIELDS = (
    ("visit_days_a", QT_TRANSLATE_NOOP("TeamVisitDays", "Tier A: visit every (days)")),
    ("visit_days_b", QT_TRANSLATE_NOOP("TeamVisitDays", "Tier B: visit every (days)")),
    ("visit_days_c", QT_TRANSLATE_NOOP("TeamVisitDays", "Tier C: visit every (days)")),
)


class TeamVisitDays(QGroupBox):
    """A few whole-number fields of the supervisor's own team, saved as typed; a subclass
    names other fields (``FIELDS``, ``CONTEXT``, ``NAME``, their bounds)."""

    FIELDS: tuple[tuple[str, str], ...] = FIELDS
    CONTEXT = "TeamVisitDays"
    NAME = "teamVisitDays"
    MINIMUM, MAXIMUM = 1, 365

    def __init__(
        self, ctx: AppContext, team_id: Callable[[], str | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(self.NAME)
        self.ctx = ctx
        self._team_id = team_id
        self.form = Form(Team, self.CONTEXT, base=self._base)
        for name, label in self.FIELDS:
            self.form.add_int(name, label, minimum=self.MINIMUM, maximum=self.MAXIMUM,
                              optional=True)  # fmt: skip
        self.form.edited.connect(self._save)
        self.note = QLabel()
        self.note.setObjectName(self.NAME + "Note")
        self.note.setWordWrap(True)
        theme.set_role(self.note, "muted")
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.note)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _base(self) -> dict[str, object]:
        team = self._team()
        return team.data() if team is not None else {}

    def _team(self) -> Team | None:
        team_id = self._team_id()
        return self.ctx.store.teams.find(team_id) if team_id else None

    def refresh(self) -> None:
        team = self._team()
        self.setVisible(team is not None)
        if team is not None:
            self.form.set_values(team.model_dump())

    def _save(self, name: str) -> None:
        team = self._team()
        if team is None or name in self.form.errors:
            return
        try:
            self.ctx.store.teams.update(team.id, **{name: self.form.value(name)})
        except ValidationError as exc:
            self.form.show_errors([e for e in exc.errors if e.field in self.form.names()])
            return
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        self.ctx.notify("teams")

    def retranslate(self) -> None:
        self.setTitle(self.tr("Visit frequency by tier"))
        a, b, c = (DEFAULT_OVERDUE_DAYS[t] for t in sorted(DEFAULT_OVERDUE_DAYS))
        self.note.setText(
            self.tr(
                "Empty: every %1 / %2 / %3 days. A shop's own frequency comes first. "
                "The day plan counts a shop as due from these."
            )
            .replace("%1", str(a))
            .replace("%2", str(b))
            .replace("%3", str(c))
        )


class TeamDisplayShares(TeamVisitDays):
    """The share of a month's display fee a failed check deducts (issue 16,
    ``fieldapp.display``): the first failure of a month, a second or later; empty means
    the usual 50 % / 100 %. The team's supervisor sets them; head office takes these
    fields, and only these, from them (``sync.protocol.SUPERVISOR_TEAM_FIELDS``)."""

    FIELDS = (
        ("display_fail_first_pct",
         QT_TRANSLATE_NOOP("TeamDisplayShares", "First failed check in a month: deduct (%)")),
        ("display_fail_second_pct",
         QT_TRANSLATE_NOOP("TeamDisplayShares", "Second failed check: deduct (%)")),
    )  # fmt: skip
    CONTEXT = "TeamDisplayShares"
    NAME = "teamDisplayShares"
    MINIMUM, MAXIMUM = 0, 100

    def retranslate(self) -> None:
        from fieldapp.display import DEFAULT_FIRST_FAIL_PCT, DEFAULT_SECOND_FAIL_PCT

        self.setTitle(self.tr("Display agreements: deductions"))
        self.note.setText(
            self.tr(
                "Empty: %1 % of the month's fee for the first failed check, %2 % from the "
                "second. The month's payout is computed from these; you approve or adjust it."
            )
            .replace("%1", str(DEFAULT_FIRST_FAIL_PCT))
            .replace("%2", str(DEFAULT_SECOND_FAIL_PCT))
        )
