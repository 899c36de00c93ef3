"""The event page's Outcomes tab: feedback per attendee (1–5 keys), KOCs found at the
event (quick add, linked to the venue shop), the community pushes that followed (logged
in one step, ``push_log``), notes and photos.

The tab writes KOCs found and photos itself (one short transaction each) and tells the
page through ``notify`` (the page's own-write guard) and the ``koc_added`` signal; the
notes are part of the event, saved by the page with its details.
Threading: UI thread; each write is one short store transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError, ValidationError
from fieldapp.model import BUSINESS_UTC_OFFSET, Event, InvitationStatus, Koc, KocStage
from fieldapp.store import duplicates, views_events as ve
from ui.translate_noop import QT_TRANSLATE_NOOP

from .. import theme
from ..context import AppContext
from ..duplicates import go_ahead
from ..forms import Form, refill_combo
from ..labels import label
from .event_invitations import (
    CheckinTable,
    InvitationDelegate,
    InvitationFilter,
    InvitationModel,
    setup_table,
)
from .event_time import to_local
from .push_log import PushLog


class EventOutcomes(QWidget):
    """What came of an event: feedback, KOCs found, pushes, notes and photos."""

    #: A feedback key (1-5, 0 clears) pressed in the feedback table: the page writes it.
    feedback = Signal(object)
    #: A KOC found here was created (their id).
    koc_added = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        invitations: InvitationModel,
        notes_base: Callable[[], dict[str, Any]],
        notify: Callable[..., None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("eventOutcomes")
        self.ctx = ctx
        self.notify = notify
        self.detail: ve.EventDetail | None = None
        self.found: list[ve.FoundKoc] = []
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(12)
        grid.addWidget(self._build_feedback(invitations), 0, 0)
        grid.addWidget(self._build_found(), 0, 1)
        # Community pushes that followed, logged in one step (issue 18).
        self.push_log = PushLog(ctx)
        grid.addWidget(self.push_log, 0, 2)
        grid.addWidget(self._build_notes(notes_base), 0, 3)
        for column in range(4):
            grid.setColumnStretch(column, 3)

    def _build_feedback(self, invitations: InvitationModel) -> QGroupBox:
        self.feedback_box = QGroupBox()
        column = QVBoxLayout(self.feedback_box)
        self.feedback_proxy = InvitationFilter(self)
        self.feedback_proxy.setSourceModel(invitations)
        self.feedback_proxy.set_statuses([InvitationStatus.ATTENDED])
        table = self.feedback_table = CheckinTable()
        table.setObjectName("feedbackTable")
        table.setModel(self.feedback_proxy)
        table.setItemDelegate(InvitationDelegate(table))
        setup_table(table)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        for c in (InvitationModel.DETAIL, InvitationModel.MOBILE, InvitationModel.STATUS):
            table.setColumnHidden(c, True)
        table.setColumnWidth(InvitationModel.NAME, 90)
        table.setColumnWidth(InvitationModel.WHO, 56)
        table.setColumnWidth(InvitationModel.FEEDBACK, 100)
        table.horizontalHeader().setStretchLastSection(True)
        self.feedback_hint = QLabel()
        self.feedback_hint.setObjectName("feedbackHint")
        theme.set_role(self.feedback_hint, "muted")
        self.feedback_hint.setWordWrap(True)
        column.addWidget(table, 1)
        column.addWidget(self.feedback_hint)
        table.feedbackKey.connect(self.feedback.emit)
        table.statusKey.connect(lambda _s: None)
        return self.feedback_box

    def _build_found(self) -> QGroupBox:
        self.found_box = QGroupBox()
        column = QVBoxLayout(self.found_box)
        self.found_list = QListWidget()
        self.found_list.setObjectName("kocsFoundList")
        column.addWidget(self.found_list, 1)
        self.koc_form = Form(Koc, "EventPage", base=self._koc_base)
        self.koc_form.setObjectName("kocFoundForm")
        kf = self.koc_form
        kf.add_line("name", QT_TRANSLATE_NOOP("EventPage", "Name"))
        kf.add_line("mobile", QT_TRANSLATE_NOOP("EventPage", "Mobile"))
        kf.add_line("wechat", QT_TRANSLATE_NOOP("EventPage", "WeChat ID"))
        kf.add_choice("stage", QT_TRANSLATE_NOOP("EventPage", "Stage"), KocStage)
        # They came to the event, so they have had the experience (domain: experienced).
        kf.set_values({"stage": KocStage.EXPERIENCED})
        self.found_county = QComboBox()
        self.found_county.setObjectName("foundCounty")
        self.found_county_label = QLabel()
        self.found_county_label.setBuddy(self.found_county)
        layout = kf.layout()
        assert isinstance(layout, QFormLayout)
        layout.addRow(self.found_county_label, self.found_county)
        column.addWidget(kf)
        self.found_link = QLabel()
        self.found_link.setObjectName("foundLink")
        theme.set_role(self.found_link, "caption")
        self.found_link.setWordWrap(True)
        column.addWidget(self.found_link)
        self.add_koc_button = QPushButton()
        self.add_koc_button.setObjectName("addKocButton")
        self.add_koc_button.clicked.connect(self.add_found_koc)
        column.addWidget(self.add_koc_button)
        return self.found_box

    def _build_notes(self, notes_base: Callable[[], dict[str, Any]]) -> QGroupBox:
        self.notes_box = QGroupBox()
        column = QVBoxLayout(self.notes_box)
        self.notes_form = Form(Event, "EventPage", base=notes_base)
        self.notes_form.setObjectName("notesForm")
        self.notes_form.add_text("notes", QT_TRANSLATE_NOOP("EventPage", "Notes"), lines=5)
        column.addWidget(self.notes_form)
        self.photo_list = QListWidget()
        self.photo_list.setObjectName("photoList")
        self.photo_list.setViewMode(QListWidget.ViewMode.IconMode)
        self.photo_list.setIconSize(QSize(88, 88))
        self.photo_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.photo_list.setMovement(QListWidget.Movement.Static)
        column.addWidget(self.photo_list, 1)
        self.attach_button = QPushButton()
        self.attach_button.setObjectName("attachPhotos")
        self.attach_button.clicked.connect(self._choose_photos)
        column.addWidget(self.attach_button)
        return self.notes_box

    # ------------------------------------------------------------------ filling

    @property
    def event_id(self) -> str | None:
        return self.detail.id if self.detail is not None else None

    def set_event(self, detail: ve.EventDetail | None) -> None:
        self.detail = detail

    def fill_counties(self, items: list[tuple[str, Any]], venue: str | None) -> None:
        refill_combo(self.found_county, items, prefer=venue)
        if venue:
            self.found_county.setCurrentIndex(max(self.found_county.findData(venue), 0))

    def fill_found(self) -> None:
        self.found = (
            []
            if self.event_id is None
            else ve.kocs_found(self.ctx.store.db, event_id=self.event_id)
        )
        self.show_found()

    def show_found(self) -> None:
        self.found_list.clear()
        for k in self.found:
            parts = [k.name, label(k.stage)]
            if k.mobile:
                parts.append(k.mobile)
            if k.county_name:
                parts.append(k.county_name)
            item = QListWidgetItem(" · ".join(parts))
            item.setData(Qt.ItemDataRole.UserRole, k.id)
            self.found_list.addItem(item)
        d = self.detail
        if d is not None and d.venue_name:
            self.found_link.setText(
                self.tr("New KOCs are linked to the venue shop %1.").replace("%1", d.venue_name)
            )
        else:
            self.found_link.setText(self.tr("The event has no venue shop to link new KOCs to."))

    def fill_photos(self) -> None:
        self.photo_list.clear()
        if self.event_id is None:
            return
        store = self.ctx.store
        for photo in store.photos.list(where={"event_id": self.event_id}, order_by="created_at"):
            path = store.photos.path_of(photo)
            item = QListWidgetItem(photo.caption or "")
            item.setData(Qt.ItemDataRole.UserRole, photo.id)
            item.setToolTip(str(path))
            reader = QImageReader(str(path))
            size = reader.size()
            if size.isValid():
                reader.setScaledSize(
                    size.scaled(QSize(176, 176), Qt.AspectRatioMode.KeepAspectRatio)
                )
            image = reader.read()
            if not image.isNull():
                item.setIcon(QIcon(QPixmap.fromImage(image)))
            self.photo_list.addItem(item)

    def fill_pushes(self, rows: Sequence[ve.InvitationRow]) -> None:
        """The push log: the event's attendees may push, naming its products."""
        d = self.detail
        if d is None:
            return
        people = [
            (r.name, r.person_id if r.person == "koc" else None,
             r.person_id if r.person == "owner" else None)
            for r in rows
            if r.status == InvitationStatus.ATTENDED
        ]  # fmt: skip
        day = (d.starts_at + BUSINESS_UTC_OFFSET).date()
        products = [(p.name, p.product_id) for p in d.products]
        self.push_log.set_context(people=people, products=products, day=day, event_id=d.id)

    # ------------------------------------------------------------------ KOCs found

    def _koc_base(self) -> dict[str, Any]:
        return {
            "county_id": self.found_county.currentData(),
            "rep_id": self.ctx.store.user_id,
            "source_event_id": self.event_id,
        }

    def add_found_koc(self) -> str | None:
        """Create a KOC found at this event (and link them to the venue shop); their id."""
        d = self.detail
        if d is None:
            return None
        errors = self.koc_form.check()
        if errors:
            self.koc_form.editor(errors[0].field).setFocus()
            return None
        data = {k: v for k, v in self.koc_form.values().items() if v is not None}
        store = self.ctx.store
        if not go_ahead(self, duplicates.koc_matches(store, mobile=data.get("mobile"))):
            return None
        try:
            with store.transaction():
                koc = store.kocs.create(**data, **self._koc_base())
                if d.venue_shop_id is not None:
                    store.koc_shops.create(
                        koc_id=koc.id,
                        shop_id=d.venue_shop_id,
                        introduced_at=to_local(d.starts_at).date(),
                    )
        except ValidationError as exc:
            self.koc_form.show_errors([e for e in exc.errors if e.field in self.koc_form.names()])
            if not any(e.field in self.koc_form.names() for e in exc.errors):
                self.ctx.errors.show(exc)
            return None
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return None
        self.koc_form.set_values({"name": None, "mobile": None, "wechat": None})
        self.notify("kocs", "koc_shops")
        self.fill_found()
        self.koc_added.emit(koc.id)
        self.koc_form.editor("name").setFocus()
        return koc.id

    # ------------------------------------------------------------------ photos

    def _choose_photos(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Attach photos"),
            str(Path.home()),
            self.tr("Pictures (*.jpg *.jpeg *.png *.webp *.heic)"),
        )
        if paths:
            self.attach_photos(paths)

    def attach_photos(self, paths: Sequence[str]) -> int:
        """Copy pictures into the store and attach them to the event; how many were added."""
        if self.event_id is None:
            return 0
        added = 0
        for path in paths:
            try:
                self.ctx.store.photos.add_file(path, event_id=self.event_id)
            except FieldappError as exc:
                self.ctx.errors.show(exc)
                continue
            added += 1
        if added:
            self.notify("photos")
            self.fill_photos()
        return added

    def retranslate(self) -> None:
        self.push_log.retranslate()
        self.feedback_box.setTitle(self.tr("Feedback from attendees"))
        self.feedback_hint.setText(
            self.tr("Select a person and press 1–5 (0 clears). Only people who attended.")
        )
        self.found_box.setTitle(self.tr("KOCs found at this event"))
        self.found_county_label.setText(self.tr("County"))
        self.add_koc_button.setText(self.tr("Add KOC found here"))
        self.notes_box.setTitle(self.tr("Notes and photos"))
        self.attach_button.setText(self.tr("Attach photos…"))
        if self.detail is not None:
            self.show_found()
