"""One shop: header, owner, relationship timeline, KOCs, visits, events and photos.

``ShopPage`` (page id ``shop``, not in the side bar) is opened with a shop id
(``ctx.go("shop", shop_id)``). It shows the shop's header (cloud-store status editable
in place), its owner with their relationship level, and the relationship timeline with
a one-step "add an interaction" row (Enter saves; ``store.interactions.create`` also
moves the owner's level). Tabs list the KOCs the shop introduced (→ ``ctx.go("koc", id)``),
its visits (→ ``ctx.go("visit", {"visit_id": id})``, "Start visit" →
``ctx.go("visit", {"shop_id": id, "new": True})``), the events held here
(→ ``ctx.go("event", id)``) and photo thumbnails.
Threading: UI thread. The page's queries are indexed and limited (well under 100 ms in
all on a team's data); photo thumbnails are decoded on a worker through ``ctx.runner``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QDate,
    QEvent,
    QObject,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError, FieldError, ValidationError
from fieldapp.model import (
    InteractionKind,
    Photo,
)
from fieldapp.store.shelf import disorder_share
from fieldapp.store.views_shops import (
    ShopDetail,
    ShopEventRow,
    ShopInteractionRow,
    ShopKocRow,
    ShopVisitRow,
    shop_detail,
    shop_events,
    shop_interactions,
    shop_kocs,
    shop_photos,
    shop_visits,
)
from ui.translate_noop import QT_TRANSLATE_NOOP

from ..context import AppContext
from ..forms import refill_combo
from ..models import ROW_ROLE, Column
from ..page import Page
from ..photo_viewer import open_from_list
from ..widgets.interaction_row import InteractionRow
from ..widgets.owner_card import OwnerCard
from ..widgets.shop_agreements import ShopAgreements
from ..widgets.shop_assortment import ShopAssortment
from ..widgets.shop_header import ShopHeader
from ..widgets.shop_loop import ShopLoopLine
from ..widgets.shop_tabs import ListTab, ShopTabs
from .shops import (
    DATE_SAMPLE,
    ShopDialog,
    enum_choices,
    enum_label,
    iso_date,
    stars,
)

if TYPE_CHECKING:
    from .interaction_dialog import InteractionDialog

#: How many rows each list on the page shows (newest first).
LIST_LIMIT = 200
#: How many photo thumbnails the page shows, and their size in pixels.
PHOTO_LIMIT = 24
THUMB = 140


TIMELINE_COLUMNS: tuple[Column, ...] = (
    Column("date", QT_TRANSLATE_NOOP("Columns", "Date"), fmt=iso_date),
    Column("kind", QT_TRANSLATE_NOOP("Columns", "Kind"), fmt=enum_label),
    Column("note", QT_TRANSLATE_NOOP("Columns", "Note")),
    Column("level_after", QT_TRANSLATE_NOOP("Columns", "Level after"), fmt=stars),
)


class ShopPage(Page):
    """One shop with its owner, relationship timeline, KOCs, visits, events and photos."""

    page_id = "shop"
    title_source = QT_TRANSLATE_NOOP("MainWindow", "Shop")
    in_nav = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.shop_id: str | None = None
        self.detail: ShopDetail | None = None
        self.dialog: ShopDialog | None = None
        self.interaction_dialog: InteractionDialog | None = None
        self._writing = False
        self._photo_token = object()
        self._interaction_error: Any = None
        self._refresh_later = QTimer(self)
        self._refresh_later.setSingleShot(True)
        self._refresh_later.setInterval(0)
        self._refresh_later.timeout.connect(self.refresh)

        # ---- header
        self.header = ShopHeader(ctx)
        # The page keeps its parts' names for their widgets (its tests use them).
        self.back_button = self.header.back_button
        self.name_label = self.header.name_label
        self.code_label = self.header.code_label
        self.tier_label = self.header.tier_label
        self.channel_label = self.header.channel_label
        self.edit_button = self.header.edit_button
        self.visit_button = self.header.visit_button
        self.address_label = self.header.address_label
        self.phone_label = self.header.phone_label
        self.gps_label = self.header.gps_label
        self.cloud_caption = self.header.cloud_caption
        self.cloud_store = self.header.cloud_store
        self.header.edit.connect(self.edit_shop)
        self.header.visit.connect(self.start_visit)
        self.header.cloud_store_chosen.connect(self.set_cloud_store)

        # ---- owner card
        self.owner_box = OwnerCard()
        self.owner_box.erase_confirmed.connect(self.erase_owner)
        self.owner_name = self.owner_box.owner_name
        self.owner_level = self.owner_box.owner_level
        self.owner_mobile = self.owner_box.owner_mobile
        self.owner_wechat = self.owner_box.owner_wechat
        self.owner_birthday = self.owner_box.owner_birthday
        self.owner_cares = self.owner_box.owner_cares
        self.no_owner = self.owner_box.no_owner

        # ---- relationship timeline with the one-step add row
        self.timeline_box = QGroupBox()
        self.timeline_box.setObjectName("relationship")
        self.add_row = InteractionRow()
        self.add_row.submitted.connect(self.add_interaction)
        self.interaction_kind = self.add_row.interaction_kind
        self.interaction_date = self.add_row.interaction_date
        self.interaction_note = self.add_row.interaction_note
        self.interaction_level = self.add_row.interaction_level
        self.add_button = self.add_row.add_button
        self.interaction_error = self.add_row.interaction_error
        self.timeline = ListTab(
            self,
            "timeline",
            TIMELINE_COLUMNS,
            {"date": DATE_SAMPLE, "kind": InteractionKind, "level_after": (stars(5),)},
            "note",
        )
        self.timeline.view.opened.connect(self.edit_interaction)
        self.timeline.view.setToolTip("")
        self.timeline.view.installEventFilter(self)
        timeline_layout = QVBoxLayout(self.timeline_box)
        timeline_layout.addWidget(self.add_row)
        timeline_layout.addWidget(self.timeline.view, 1)

        # ---- tabs: visits, KOCs, events, photos, shelf audits
        self.tabs = ShopTabs(THUMB)
        self.visits = self.tabs.visits
        self.kocs = self.tabs.kocs
        self.events = self.tabs.events
        self.photo_grid = self.tabs.photo_grid
        self.photos = self.tabs.photos
        self.no_photos = self.tabs.no_photos
        self.sku_history = self.tabs.sku_history
        self.assortment = ShopAssortment(self.ctx)  # issue 16: the SKUs it should carry
        self.agreements = ShopAgreements(self.ctx)  # and its display agreements
        self.tabs.addTab(self.assortment, "")
        self.tabs.addTab(self.agreements, "")
        self.assortment.changed.connect(self._retranslate_counts)
        self.agreements.changed.connect(self._retranslate_counts)
        self.visits.view.opened.connect(self._open_visit)
        self.tabs.visits_empty.set_action(self.start_visit)
        self.tabs.kocs_empty.set_action(self.start_visit)
        self.tabs.events_empty.set_action(lambda: ctx.go("events"))
        self.kocs.view.opened.connect(self._open_koc)
        self.events.view.opened.connect(self._open_event)
        self.photos.itemDoubleClicked.connect(self._open_photo)

        left = QVBoxLayout()
        left.addWidget(self.owner_box)
        left.addWidget(self.timeline_box, 1)
        body = QHBoxLayout()
        body.addLayout(left, 11)
        body.addWidget(self.tabs, 9)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.header)
        self.loop_line = ShopLoopLine(ctx)  # issue 18: its cloud store and its KOCs' part
        content_layout.addWidget(self.loop_line)
        content_layout.addLayout(body, 1)
        self.missing = QLabel()
        self.missing.setObjectName("missingShop")
        self.missing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(content)
        self.stack.addWidget(self.missing)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(self.stack)

        ctx.signals.changed.connect(self._changed)
        self.retranslate()
        self._show(None)

    # ------------------------------------------------------------------ building

    def _today(self) -> QDate:
        today = self.ctx.today()
        return QDate(today.year, today.month, today.day)

    def _fill_combos(self) -> None:
        for combo, items in (
            (self.interaction_kind, enum_choices(InteractionKind)),
            (
                self.interaction_level,
                [("—", None), *((stars(n), n) for n in range(1, 6))],
            ),
        ):
            refill_combo(combo, items)

    # ------------------------------------------------------------------ loading

    def open(self, arg: object = None) -> None:
        self.shop_id = arg if isinstance(arg, str) else None
        self.interaction_note.clear()
        self._show_interaction_error(None)
        self.interaction_date.setDate(self._today())
        self.refresh()

    def refresh(self) -> None:
        self._refresh_later.stop()
        db = self.ctx.store.db
        detail = shop_detail(db, self.shop_id) if self.shop_id else None
        self._show(detail)
        if detail is None:
            return
        self.timeline.load(shop_interactions(db, detail.id, limit=LIST_LIMIT))
        self.visits.load(shop_visits(db, detail.id, limit=LIST_LIMIT))
        self.kocs.load(shop_kocs(db, detail.id, limit=LIST_LIMIT))
        self.events.load(shop_events(db, detail.id, limit=LIST_LIMIT))
        self._load_photos(shop_photos(db, detail.id, limit=PHOTO_LIMIT))
        self.sku_history.load(db, shop_id=detail.id, share=disorder_share(self.ctx.store))
        self.assortment.load(shop_id=detail.id)
        self.agreements.load(shop_id=detail.id)
        self.loop_line.load(detail.id)
        self._retranslate_counts()

    def _show(self, detail: ShopDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.stack.setCurrentIndex(1)
            for tab in (self.timeline, self.visits, self.kocs, self.events):
                tab.load([])
            self.photos.clear()
            return
        self.stack.setCurrentIndex(0)
        self.header.show_shop(detail)
        owner = detail.owner
        self.owner_box.show_owner(owner)
        self.add_row.setEnabled(owner is not None)
        if owner is not None:
            self.interaction_level.setCurrentIndex(
                max(self.interaction_level.findData(owner.level), 0)
            )
        self.interaction_date.setMaximumDate(self._today())
        self._retranslate_counts()

    def _load_photos(self, photos: list[Photo]) -> None:
        self.photo_grid.load(
            [(str(self.ctx.store.photos.path_of(photo)), photo) for photo in photos],
            self.ctx.runner,
        )

    def _changed(self, table: str) -> None:
        if self._writing or self.shop_id is None or not self.isVisible():
            return
        if table in ("shops", "owners", "interactions", "visits", "kocs", "koc_shops", "events"):
            # One save notifies several tables: re-read once, when control returns.
            self._refresh_later.start()
        elif table == "photos":
            self._load_photos(shop_photos(self.ctx.store.db, self.shop_id, limit=PHOTO_LIMIT))

    # ------------------------------------------------------------------ actions

    def erase_owner(self, owner_id: str) -> None:
        """Erase the owner's personal data (PIPL; the card asked first)."""
        try:
            self.ctx.store.owners.erase(owner_id)
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        self.refresh()
        self.ctx.notify("owners", "invitations")

    def add_interaction(self) -> bool:
        """Save the add row as an interaction with the owner; True when saved."""
        detail = self.detail
        if detail is None or detail.owner is None:
            return False
        store = self.ctx.store
        if not self.interaction_note.text().strip():
            # Enter on an empty note (or in the date box) never makes an empty interaction.
            self._show_interaction_error(FieldError("note", "empty_interaction"))
            self.interaction_note.setFocus()
            return False
        rep = store.user_id if store.user_id and store.users.find(store.user_id) else None
        try:
            self._writing = True
            store.interactions.create(
                owner_id=detail.owner.id,
                rep_id=rep,
                date=self.interaction_date.date().toPython(),
                kind=self.interaction_kind.currentData(),
                note=self.interaction_note.text().strip() or None,
                level_after=self.interaction_level.currentData(),
            )
        except ValidationError as exc:
            self._show_interaction_error(exc.errors[0])
            return False
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return False
        finally:
            self._writing = False
        self._show_interaction_error(None)
        self.interaction_note.clear()
        self.interaction_date.setDate(self._today())
        self.refresh()
        self.ctx.notify("interactions", "owners")
        self.interaction_note.setFocus()
        return True

    def edit_interaction(self, row: object = None) -> InteractionDialog | None:
        """Open the interaction (a timeline row) to edit or delete it (window-modal, not
        blocking); returns the dialog."""
        if not isinstance(row, ShopInteractionRow):
            return None
        from .interaction_dialog import InteractionDialog

        dialog = InteractionDialog(self.ctx, row.id, parent=self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.changed.connect(self.refresh)
        self.interaction_dialog = dialog
        dialog.open()
        return dialog

    def delete_interaction(self, row: object = None) -> bool:
        """Delete the interaction (a timeline row, else the selected one) after a yes."""
        if row is None:
            index = self.timeline.view.currentIndex()
            row = index.data(ROW_ROLE) if index.isValid() else None
        if not isinstance(row, ShopInteractionRow):
            return False
        from .interaction_dialog import InteractionDialog

        dialog = InteractionDialog(self.ctx, row.id, parent=self)
        dialog.changed.connect(self.refresh)
        done = dialog.ask_delete()
        dialog.deleteLater()
        return done

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.timeline.view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Delete
        ):
            self.delete_interaction()
            return True
        return super().eventFilter(watched, event)

    def _show_interaction_error(self, error: Any) -> None:
        self._interaction_error = error
        self.add_row.show_error(error)

    def set_cloud_store(self) -> bool:
        """Write the cloud-store status chosen in the header; True when it changed."""
        if self.detail is None:
            return False
        value = self.cloud_store.currentData()
        if value == str(self.detail.cloud_store):
            return False
        try:
            self._writing = True
            self.ctx.store.shops.update(self.detail.id, cloud_store=value)
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            self.refresh()
            return False
        finally:
            self._writing = False
        self.refresh()
        self.ctx.notify("shops")
        return True

    def edit_shop(self) -> ShopDialog | None:
        """Open the shop dialog on this shop (window-modal, not blocking); returns it."""
        if self.detail is None:
            return None
        dialog = ShopDialog(self.ctx, self.detail.id, parent=self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(self.refresh)
        self.dialog = dialog
        dialog.open()
        return dialog

    def start_visit(self) -> None:
        if self.detail is not None:
            self.ctx.go("visit", {"shop_id": self.detail.id, "new": True})

    def _open_visit(self, row: object) -> None:
        if isinstance(row, ShopVisitRow):
            self.ctx.go("visit", {"visit_id": row.id})

    def _open_koc(self, row: object) -> None:
        if isinstance(row, ShopKocRow):
            self.ctx.go("koc", row.koc_id)

    def _open_event(self, row: object) -> None:
        if isinstance(row, ShopEventRow):
            self.ctx.go("event", row.id)

    def _open_photo(self, item: QListWidgetItem) -> None:
        open_from_list(self.photos, self.photos.row(item))

    # ------------------------------------------------------------------ Page API

    def title(self) -> str:
        if self.detail is not None:
            return self.detail.name
        return super().title()

    def focus_search(self) -> bool:
        # No search here: Ctrl+F puts the cursor in the interaction note instead.
        if self.detail is not None and self.detail.owner is not None:
            self.interaction_note.setFocus()
            return True
        return False

    def save(self) -> bool:
        if self.interaction_note.hasFocus() and self.interaction_note.text().strip():
            return self.add_interaction()
        return False

    def retranslate(self) -> None:
        self.loop_line.retranslate()
        self.header.retranslate()
        self.owner_box.retranslate()
        self.add_row.retranslate()
        self.tabs.retranslate()
        self.assortment.retranslate()
        self.agreements.retranslate()
        self.missing.setText(self.tr("This shop no longer exists. It may have been deleted."))
        self._fill_combos()
        for tab in (self.timeline, self.visits, self.kocs, self.events):
            tab.model.retranslate()
        self._retranslate_counts()

    def _retranslate_counts(self) -> None:
        d = self.detail
        counts = (0, 0, 0, 0) if d is None else (d.visits, d.kocs, d.events, d.photos)
        self.tabs.retranslate_counts(*counts)
        for part in (self.assortment, self.agreements):
            self.tabs.setTabText(self.tabs.indexOf(part), part.title())
        self.timeline_box.setTitle(
            self.tr("Relationship (%n contacts)", "", 0 if d is None else d.interactions)
        )


__all__ = ["ShopPage"]
