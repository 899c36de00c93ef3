"""Community pushes (社群推送, issue 18): the list, and logging one in one step.

A push is a KOC (or an owner) sharing in one of their groups. The event page offers its
attendees and fixes the event; the KOC page fixes the KOC and offers the events they
attended. Pick the person (their groups follow), check the day, product or campaign (head
office's campaigns open on the day are offered as it is typed) and note, press *Log
push*: one store write (``store.community_pushes.create``), a refused value is named
under the button and nothing is written.
Threading: UI thread; each write is one short store transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError, ValidationError
from fieldapp.store import campaigns as store_campaigns, loop

from .. import theme
from ..labels import field_error_text

#: A person who may push: (name shown, KOC id, owner id) — exactly one id set.
Person = tuple[str, str | None, str | None]


class PushLog(QGroupBox):
    """The pushes of an event or a KOC, with a one-step form to log one more."""

    #: A push was written (its id).
    logged = Signal(str)

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pushLog")
        self.ctx = ctx
        self.event_id: str | None = None
        self.koc_id: str | None = None
        column = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setObjectName("pushList")
        column.addWidget(self.list, 1)
        form = QFormLayout()
        self.who = QComboBox()
        self.who.setObjectName("pushWho")
        self.group = QComboBox()
        self.group.setObjectName("pushGroup")
        self.day = QDateEdit()
        self.day.setObjectName("pushDate")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.event_pick = QComboBox()
        self.event_pick.setObjectName("pushEvent")
        self.product = QComboBox()
        self.product.setObjectName("pushProduct")
        self.campaign = QLineEdit()
        self.campaign.setObjectName("pushCampaign")
        # Head office's campaigns open on the push's day, offered as it is typed (any
        # other text stays as typed).
        self.campaign_names = QStringListModel(self)
        completer = QCompleter(self.campaign_names, self.campaign)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.campaign.setCompleter(completer)
        self.note = QLineEdit()
        self.note.setObjectName("pushNote")
        self.labels = [QLabel() for _ in range(7)]
        for label, editor in zip(
            self.labels,
            (
                self.who,
                self.group,
                self.day,
                self.event_pick,
                self.product,
                self.campaign,
                self.note,
            ),
            strict=True,
        ):
            label.setBuddy(editor)
            form.addRow(label, editor)
        column.addLayout(form)
        self.button = QPushButton()
        self.button.setObjectName("logPush")
        self.button.clicked.connect(self.log_push)
        column.addWidget(self.button)
        self.error = QLabel()
        self.error.setObjectName("pushError")
        theme.set_role(self.error, "error")
        self.error.setWordWrap(True)
        self.error.hide()
        column.addWidget(self.error)
        self.who.currentIndexChanged.connect(lambda _i: self._fill_groups())
        self.retranslate()

    # ------------------------------------------------------------------ filling

    def set_context(
        self,
        *,
        people: Sequence[Person],
        products: Sequence[tuple[str, str]],
        day: date,
        event_id: str | None = None,
        koc_id: str | None = None,
        events: Sequence[tuple[str, str]] = (),
    ) -> None:
        """Who may push (the first is chosen), the products to name, the default day; an
        event page fixes ``event_id``, a KOC page ``koc_id`` and offers ``events``."""
        self.event_id, self.koc_id = event_id, koc_id
        self.who.blockSignals(True)
        self.who.clear()
        for name, koc, owner in people:
            self.who.addItem(name, (koc, owner))
        self.who.blockSignals(False)
        self.product.clear()
        self.product.addItem("—", None)
        for name, product_id in products:
            self.product.addItem(name, product_id)
        self.event_pick.clear()
        self.event_pick.addItem("—", None)
        for title, eid in events:
            self.event_pick.addItem(title, eid)
        self.event_pick.setVisible(event_id is None)
        self.labels[3].setVisible(event_id is None)
        self.day.setDate(QDate(day.year, day.month, day.day))
        self.campaign_names.setStringList(store_campaigns.names_open(self.ctx.store.db, day=day))
        self._fill_groups()
        self.reload()
        self.button.setEnabled(self.who.count() > 0)

    def _fill_groups(self) -> None:
        self.group.clear()
        self.group.addItem("—", None)
        who = self.who.currentData()
        if who and who[0]:
            for gid, name in loop.groups_of(self.ctx.store.db, koc_id=who[0]):
                self.group.addItem(name, gid)
            if self.group.count() > 1:
                self.group.setCurrentIndex(1)

    def reload(self) -> None:
        db = self.ctx.store.db
        rows = (
            loop.pushes(db, event_id=self.event_id)
            if self.event_id
            else loop.pushes(db, koc_id=self.koc_id)
            if self.koc_id
            else []
        )
        self.list.clear()
        for r in rows:
            bits = [r.date, r.who]
            bits += [x for x in (r.group, r.product, r.campaign) if x]
            if r.event_title and not self.event_id:
                bits.append(self.tr("after: %1").replace("%1", r.event_title))
            item = QListWidgetItem(" · ".join(bits))
            item.setData(256, r.push_id)
            if r.note:
                item.setToolTip(r.note)
            self.list.addItem(item)

    # ------------------------------------------------------------------ writing

    def log_push(self) -> str | None:
        """Write the push on the form; its id, or None when refused (named under it)."""
        self.error.hide()
        who = self.who.currentData()
        if not who:
            return None
        koc, owner = who
        qd = self.day.date()
        fields: dict[str, Any] = {
            "koc_id": koc,
            "owner_id": owner,
            "group_id": self.group.currentData(),
            "date": date(qd.year(), qd.month(), qd.day()),
            "product_id": self.product.currentData(),
            "campaign": self.campaign.text().strip() or None,
            "event_id": self.event_id or self.event_pick.currentData(),
            "note": self.note.text().strip() or None,
            "rep_id": self.ctx.store.user_id,
        }
        try:
            push = self.ctx.store.community_pushes.create(**fields)
        except ValidationError as exc:
            self.error.setText("\n".join(field_error_text(e) for e in exc.errors))
            self.error.show()
            return None
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return None
        self.campaign.clear()
        self.note.clear()
        self.ctx.notify("community_pushes")
        self.reload()
        self.logged.emit(push.id)
        return str(push.id)

    # ------------------------------------------------------------------ language

    def retranslate(self) -> None:
        self.setTitle(self.tr("Community pushes"))
        for label, text in zip(
            self.labels,
            (
                self.tr("Who pushed"),
                self.tr("Group"),
                self.tr("Date"),
                self.tr("After the event"),
                self.tr("Product"),
                self.tr("Campaign"),
                self.tr("Note"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.campaign.setPlaceholderText(self.tr("e.g. New Year group order"))
        self.button.setText(self.tr("Log push"))
        self.reload()
