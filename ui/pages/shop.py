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

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QSize,
    Qt,
    QTimer,
    QUrl,
)
from PySide6.QtGui import QDesktopServices, QIcon, QImage, QImageReader, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError, ValidationError
from fieldapp.model import (
    CloudStore,
    EventKind,
    EventStatus,
    InteractionKind,
    KocStage,
    Photo,
    ReviewStatus,
)
from fieldapp.store.views_shops import (
    ShopDetail,
    ShopEventRow,
    ShopKocRow,
    ShopVisitRow,
    shop_detail,
    shop_events,
    shop_interactions,
    shop_kocs,
    shop_photos,
    shop_visits,
)

from ..context import AppContext
from ..forms import ERROR_STYLE, refill_combo
from ..labels import field_error_text, label
from ..models import Column, QueryTableModel
from ..page import Page
from ..tasks import Task
from .shops import (
    DATE_SAMPLE,
    PERSON_SAMPLE,
    OpenTable,
    Sample,
    ShopDialog,
    enum_choices,
    enum_label,
    iso_date,
    stars,
)

#: How many rows each list on the page shows (newest first).
LIST_LIMIT = 200
#: How many photo thumbnails the page shows, and their size in pixels.
PHOTO_LIMIT = 24
THUMB = 140


def _visit_status(status: Any) -> str:
    if status == "planned":
        return QCoreApplication.translate("ShopPage", "Planned")
    if status == "in_progress":
        return QCoreApplication.translate("ShopPage", "Checked in")
    try:
        return label(ReviewStatus(status))
    except ValueError:
        return str(status)


_VISIT_STATUSES = ("planned", "in_progress", *(str(s) for s in ReviewStatus))


def _minutes(value: Any) -> str:
    if value is None:
        return ""
    return QCoreApplication.translate("ShopPage", "%1 min").replace("%1", str(value))


TIMELINE_COLUMNS: tuple[Column, ...] = (
    Column("date", QT_TRANSLATE_NOOP("Columns", "Date"), fmt=iso_date),
    Column("kind", QT_TRANSLATE_NOOP("Columns", "Kind"), fmt=enum_label),
    Column("note", QT_TRANSLATE_NOOP("Columns", "Note")),
    Column("level_after", QT_TRANSLATE_NOOP("Columns", "Level after"), fmt=stars),
)
VISIT_COLUMNS: tuple[Column, ...] = (
    Column("day", QT_TRANSLATE_NOOP("Columns", "Date"), fmt=iso_date),
    Column("status", QT_TRANSLATE_NOOP("Columns", "Status"), fmt=_visit_status),
    Column(
        "duration_minutes", QT_TRANSLATE_NOOP("Columns", "Duration"), fmt=_minutes, align_right=True
    ),
    Column("rep", QT_TRANSLATE_NOOP("Columns", "Rep")),
)
KOC_COLUMNS: tuple[Column, ...] = (
    Column("name", QT_TRANSLATE_NOOP("Columns", "KOC")),
    Column("stage", QT_TRANSLATE_NOOP("Columns", "Stage"), fmt=enum_label),
    Column("introduced_by", QT_TRANSLATE_NOOP("Columns", "Introduced by")),
    Column("introduced_at", QT_TRANSLATE_NOOP("Columns", "Introduced on"), fmt=iso_date),
    Column("mobile", QT_TRANSLATE_NOOP("Columns", "Mobile")),
)
EVENT_COLUMNS: tuple[Column, ...] = (
    Column("day", QT_TRANSLATE_NOOP("Columns", "Date"), fmt=iso_date),
    Column("kind", QT_TRANSLATE_NOOP("Columns", "Kind"), fmt=enum_label),
    Column("title", QT_TRANSLATE_NOOP("Columns", "Event")),
    Column("status", QT_TRANSLATE_NOOP("Columns", "Status"), fmt=enum_label),
    Column("turnout", QT_TRANSLATE_NOOP("Columns", "Attended"), align_right=True),
)

_CHIP_STYLE = (
    "QLabel { background: #e8eef6; color: #1f2d3d; border-radius: 8px; padding: 2px 8px; }"
)


class _Snapshot:
    """Rows read once per page load, served to a ``QueryTableModel`` page by page."""

    def __init__(self) -> None:
        self.rows: list[Any] = []

    def fetch(self, _order: str | None, _desc: bool, limit: int, offset: int) -> list[Any]:
        return self.rows[offset : offset + limit]

    def count(self) -> int:
        return len(self.rows)


class _ListTab:
    """A read-only table over a snapshot of rows."""

    def __init__(
        self,
        page: QWidget,
        name: str,
        columns: Sequence[Column],
        samples: dict[str, Sample],
        stretch: str | None = None,
    ) -> None:
        self.snapshot = _Snapshot()
        self.model = QueryTableModel(columns, self.snapshot.fetch, self.snapshot.count, parent=page)
        self.view = OpenTable()
        self.view.setObjectName(name)
        self.view.setModel(self.model)
        self.view.fit_columns(samples, stretch=stretch)

    def load(self, rows: list[Any]) -> None:
        self.snapshot.rows = rows
        self.model.reload()


class _AddRow(QWidget):
    """The one-step interaction row: Enter anywhere in it saves."""

    def __init__(self, save: Any) -> None:
        super().__init__()
        self._save = save

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._save()
            return
        super().keyPressEvent(event)


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
        self._writing = False
        self._photo_token = object()
        self._interaction_error: Any = None
        self._refresh_later = QTimer(self)
        self._refresh_later.setSingleShot(True)
        self._refresh_later.setInterval(0)
        self._refresh_later.timeout.connect(self.refresh)

        # ---- header
        self.back_button = QPushButton()
        self.back_button.setObjectName("backToShops")
        self.back_button.setFlat(True)
        self.back_button.clicked.connect(lambda: self.ctx.go("shops"))
        self.name_label = QLabel()
        self.name_label.setObjectName("shopName")
        self.name_label.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label = self._chip("shopCode")
        self.tier_label = self._chip("shopTier")
        self.channel_label = self._chip("shopChannel")
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("editShop")
        self.edit_button.clicked.connect(self.edit_shop)
        self.visit_button = QPushButton()
        self.visit_button.setObjectName("startVisit")
        self.visit_button.setDefault(False)
        self.visit_button.clicked.connect(self.start_visit)
        self.address_label = QLabel()
        self.address_label.setObjectName("shopAddress")
        self.address_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.phone_label = QLabel()
        self.phone_label.setObjectName("shopPhone")
        self.phone_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.gps_label = QLabel()
        self.gps_label.setObjectName("shopGps")
        self.gps_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cloud_caption = QLabel()
        self.cloud_store = QComboBox()
        self.cloud_store.setObjectName("cloudStore")
        self.cloud_store.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.cloud_store.activated.connect(lambda _i: self.set_cloud_store())
        self.cloud_caption.setBuddy(self.cloud_store)

        title_row = QHBoxLayout()
        title_row.addWidget(self.back_button)
        title_row.addWidget(self.name_label)
        title_row.addWidget(self.code_label)
        title_row.addWidget(self.tier_label)
        title_row.addWidget(self.channel_label)
        title_row.addStretch(1)
        title_row.addWidget(self.edit_button)
        title_row.addWidget(self.visit_button)
        info_row = QHBoxLayout()
        info_row.addWidget(self.address_label)
        info_row.addSpacing(16)
        info_row.addWidget(self.phone_label)
        info_row.addSpacing(16)
        info_row.addWidget(self.gps_label)
        info_row.addStretch(1)
        info_row.addWidget(self.cloud_caption)
        info_row.addWidget(self.cloud_store)

        # ---- owner card
        self.owner_box = QGroupBox()
        self.owner_box.setObjectName("ownerCard")
        owner_form = QFormLayout(self.owner_box)
        owner_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.owner_name = QLabel()
        self.owner_name.setObjectName("ownerName")
        self.owner_name.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.owner_level = QLabel()
        self.owner_level.setObjectName("ownerLevel")
        self.owner_level.setStyleSheet("color: #e67e22; font-size: 15px;")
        name_row = QHBoxLayout()
        name_row.addWidget(self.owner_name)
        name_row.addWidget(self.owner_level)
        name_row.addStretch(1)
        self.owner_mobile = self._value("ownerMobile")
        self.owner_wechat = self._value("ownerWechat")
        self.owner_birthday = self._value("ownerBirthday")
        self.owner_cares = self._value("ownerCares")
        self.owner_cares.setWordWrap(True)
        self.no_owner = QLabel()
        self.no_owner.setObjectName("noOwner")
        self.no_owner.setWordWrap(True)
        self._captions: list[tuple[QLabel, str]] = []
        owner_form.addRow(name_row)
        for caption_source, widget in (
            (QT_TRANSLATE_NOOP("ShopPage", "Mobile"), self.owner_mobile),
            (QT_TRANSLATE_NOOP("ShopPage", "WeChat"), self.owner_wechat),
            (QT_TRANSLATE_NOOP("ShopPage", "Birthday"), self.owner_birthday),
            (QT_TRANSLATE_NOOP("ShopPage", "Cares about"), self.owner_cares),
        ):
            caption = QLabel()
            self._captions.append((caption, caption_source))
            owner_form.addRow(caption, widget)
        owner_form.addRow(self.no_owner)

        # ---- relationship timeline with the one-step add row
        self.timeline_box = QGroupBox()
        self.timeline_box.setObjectName("relationship")
        self.add_row = _AddRow(self.add_interaction)
        self.add_row.setObjectName("addInteractionRow")
        self.interaction_kind = QComboBox()
        self.interaction_kind.setObjectName("interactionKind")
        self.interaction_date = QDateEdit()
        self.interaction_date.setObjectName("interactionDate")
        self.interaction_date.setCalendarPopup(True)
        self.interaction_date.setDisplayFormat("yyyy-MM-dd")
        self.interaction_note = QLineEdit()
        self.interaction_note.setObjectName("interactionNote")
        self.interaction_level = QComboBox()
        self.interaction_level.setObjectName("interactionLevel")
        self.add_button = QPushButton()
        self.add_button.setObjectName("addInteraction")
        self.add_button.clicked.connect(self.add_interaction)
        add_layout = QHBoxLayout(self.add_row)
        add_layout.setContentsMargins(0, 0, 0, 0)
        add_layout.addWidget(self.interaction_kind)
        add_layout.addWidget(self.interaction_date)
        add_layout.addWidget(self.interaction_note, 1)
        add_layout.addWidget(self.interaction_level)
        add_layout.addWidget(self.add_button)
        self.interaction_error = QLabel()
        self.interaction_error.setObjectName("interactionError")
        self.interaction_error.setStyleSheet(ERROR_STYLE)
        self.interaction_error.hide()
        self.timeline = _ListTab(
            self,
            "timeline",
            TIMELINE_COLUMNS,
            {"date": DATE_SAMPLE, "kind": InteractionKind, "level_after": (stars(5),)},
            "note",
        )
        timeline_layout = QVBoxLayout(self.timeline_box)
        timeline_layout.addWidget(self.add_row)
        timeline_layout.addWidget(self.interaction_error)
        timeline_layout.addWidget(self.timeline.view, 1)

        # ---- tabs: visits, KOCs, events, photos
        self.visits = _ListTab(
            self,
            "shopVisits",
            VISIT_COLUMNS,
            {
                "day": DATE_SAMPLE,
                "status": lambda: [_visit_status(s) for s in _VISIT_STATUSES],
                "duration_minutes": lambda: [_minutes(999)],
            },
            "rep",
        )
        self.visits.view.opened.connect(self._open_visit)
        self.kocs = _ListTab(
            self,
            "shopKocs",
            KOC_COLUMNS,
            {
                "name": PERSON_SAMPLE,
                "stage": KocStage,
                "introduced_by": PERSON_SAMPLE,
                "introduced_at": DATE_SAMPLE,
            },
            "mobile",
        )
        self.kocs.view.opened.connect(self._open_koc)
        self.events = _ListTab(
            self,
            "shopEvents",
            EVENT_COLUMNS,
            {
                "day": DATE_SAMPLE,
                "kind": EventKind,
                "status": EventStatus,
                "turnout": ("99/99",),
            },
            "title",
        )
        self.events.view.opened.connect(self._open_event)
        self.photos = QListWidget()
        self.photos.setObjectName("shopPhotos")
        self.photos.setViewMode(QListView.ViewMode.IconMode)
        self.photos.setIconSize(QSize(THUMB, THUMB))
        self.photos.setResizeMode(QListView.ResizeMode.Adjust)
        self.photos.setMovement(QListView.Movement.Static)
        self.photos.setSpacing(8)
        self.photos.itemDoubleClicked.connect(self._open_photo)
        self.no_photos = QLabel()
        self.no_photos.setObjectName("noPhotos")
        self.no_photos.setAlignment(Qt.AlignmentFlag.AlignCenter)
        photo_tab = QWidget()
        photo_layout = QVBoxLayout(photo_tab)
        photo_layout.addWidget(self.no_photos)
        photo_layout.addWidget(self.photos, 1)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("shopTabs")
        self.tabs.addTab(self.visits.view, "")
        self.tabs.addTab(self.kocs.view, "")
        self.tabs.addTab(self.events.view, "")
        self.tabs.addTab(photo_tab, "")

        left = QVBoxLayout()
        left.addWidget(self.owner_box)
        left.addWidget(self.timeline_box, 1)
        body = QHBoxLayout()
        body.addLayout(left, 11)
        body.addWidget(self.tabs, 9)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addLayout(title_row)
        content_layout.addLayout(info_row)
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

    def _chip(self, name: str) -> QLabel:
        chip = QLabel()
        chip.setObjectName(name)
        chip.setStyleSheet(_CHIP_STYLE)
        chip.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        return chip

    def _value(self, name: str) -> QLabel:
        value = QLabel()
        value.setObjectName(name)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return value

    def _fill_combos(self) -> None:
        for combo, items in (
            (self.interaction_kind, enum_choices(InteractionKind)),
            (self.cloud_store, enum_choices(CloudStore)),
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
        self.interaction_date.setDate(QDate(self.ctx.today()))
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
        self.name_label.setText(detail.name)
        self.code_label.setText(detail.code or "")
        self.code_label.setVisible(bool(detail.code))
        self.tier_label.setText(enum_label(detail.tier))
        self.channel_label.setText(enum_label(detail.channel))
        self.address_label.setText(
            " · ".join(x for x in (detail.county, detail.address) if x) or "—"
        )
        self.phone_label.setText("☎ " + (detail.phone or "—"))
        self.cloud_store.setCurrentIndex(max(self.cloud_store.findData(str(detail.cloud_store)), 0))
        owner = detail.owner
        has_owner = owner is not None
        for widget in (self.owner_mobile, self.owner_wechat, self.owner_birthday, self.owner_cares):
            widget.setVisible(has_owner)
        for caption, _source in self._captions:
            caption.setVisible(has_owner)
        self.owner_level.setVisible(has_owner)
        self.no_owner.setVisible(not has_owner)
        self.add_row.setEnabled(has_owner)
        if owner is not None:
            self.owner_name.setText(owner.name)
            self.owner_level.setText(stars(owner.level))
            self.owner_level.setToolTip(str(owner.level))
            self.owner_mobile.setText(owner.mobile or "—")
            self.owner_wechat.setText(owner.wechat or "—")
            self.owner_birthday.setText(iso_date(owner.birthday))
            self.owner_cares.setText(owner.cares_about or "—")
            self.interaction_level.setCurrentIndex(
                max(self.interaction_level.findData(owner.level), 0)
            )
        else:
            self.owner_name.setText("")
        self.interaction_date.setMaximumDate(QDate(self.ctx.today()))
        self._retranslate_details()

    def _load_photos(self, photos: list[Photo]) -> None:
        self.photos.clear()
        token = object()
        self._photo_token = token
        paths: list[tuple[int, str]] = []
        for i, photo in enumerate(photos):
            path = str(self.ctx.store.photos.path_of(photo))
            when = photo.taken_at or photo.created_at
            item = QListWidgetItem(photo.caption or when.date().isoformat())
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(photo.caption or "")
            item.setSizeHint(QSize(THUMB + 16, THUMB + 36))
            self.photos.addItem(item)
            paths.append((i, path))
        self.no_photos.setVisible(not photos)
        self.photos.setVisible(bool(photos))
        if not paths:
            return

        def work(task: Task) -> list[tuple[int, QImage]]:
            # QImage (not QPixmap) may be made off the UI thread; no widget is touched.
            out = []
            for i, path in paths:
                task.check()
                reader = QImageReader(path)
                reader.setAutoTransform(True)
                size = reader.size()
                if size.isValid():
                    reader.setScaledSize(
                        size.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio)
                    )
                out.append((i, reader.read()))
            return out

        def done(images: list[tuple[int, QImage]]) -> None:
            if self._photo_token is not token:
                return  # another shop was opened meanwhile
            for i, image in images:
                item = self.photos.item(i)
                if item is not None and not image.isNull():
                    item.setIcon(QIcon(QPixmap.fromImage(image)))

        # A missing or unreadable file just has no thumbnail.
        self.ctx.runner.run(work, on_done=done, on_error=lambda _exc, _tb: None)

    def _changed(self, table: str) -> None:
        if self._writing or self.shop_id is None or not self.isVisible():
            return
        if table in ("shops", "owners", "interactions", "visits", "kocs", "koc_shops", "events"):
            # One save notifies several tables: re-read once, when control returns.
            self._refresh_later.start()
        elif table == "photos":
            self._load_photos(shop_photos(self.ctx.store.db, self.shop_id, limit=PHOTO_LIMIT))

    # ------------------------------------------------------------------ actions

    def add_interaction(self) -> bool:
        """Save the add row as an interaction with the owner; True when saved."""
        detail = self.detail
        if detail is None or detail.owner is None:
            return False
        store = self.ctx.store
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
        self.interaction_date.setDate(QDate(self.ctx.today()))
        self.refresh()
        self.ctx.notify("interactions", "owners")
        self.interaction_note.setFocus()
        return True

    def _show_interaction_error(self, error: Any) -> None:
        self._interaction_error = error
        if error is None:
            self.interaction_error.hide()
            self.interaction_error.clear()
        else:
            self.interaction_error.setText(field_error_text(error))
            self.interaction_error.show()

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
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))

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
        self.back_button.setText(self.tr("← Shops"))
        self.edit_button.setText(self.tr("Edit shop"))
        self.visit_button.setText(self.tr("Start visit"))
        self.cloud_caption.setText(self.tr("Cloud store:"))
        self.owner_box.setTitle(self.tr("Owner"))
        for caption, source in self._captions:
            caption.setText(QCoreApplication.translate("ShopPage", source))
        self.no_owner.setText(self.tr("No owner recorded yet. Add one with Edit shop."))
        self.interaction_kind.setToolTip(self.tr("What kind of contact"))
        self.interaction_date.setToolTip(self.tr("When"))
        self.interaction_note.setPlaceholderText(self.tr("What was talked about; Enter saves"))
        self.interaction_level.setToolTip(self.tr("Relationship level after this contact"))
        self.add_button.setText(self.tr("Add"))
        self.no_photos.setText(self.tr("No photos of this shop yet."))
        self.missing.setText(self.tr("This shop no longer exists. It may have been deleted."))
        self._fill_combos()
        if self._interaction_error is not None:
            self.interaction_error.setText(field_error_text(self._interaction_error))
        for tab in (self.timeline, self.visits, self.kocs, self.events):
            tab.model.retranslate()
        self._retranslate_details()

    def _retranslate_details(self) -> None:
        detail = self.detail
        if detail is None:
            self._retranslate_counts()
            return
        self.tier_label.setText(enum_label(detail.tier))
        self.channel_label.setText(enum_label(detail.channel))
        if detail.latitude is not None and detail.longitude is not None:
            self.gps_label.setText(
                self.tr("GPS %1, %2")
                .replace("%1", f"{detail.latitude:.5f}")
                .replace("%2", f"{detail.longitude:.5f}")
            )
        else:
            self.gps_label.setText(self.tr("No GPS"))
        self._retranslate_counts()

    def _retranslate_counts(self) -> None:
        d = self.detail
        counts = (0, 0, 0, 0) if d is None else (d.visits, d.kocs, d.events, d.photos)
        titles = (self.tr("Visits (%1)"), self.tr("KOCs (%1)"), self.tr("Events (%1)"))
        for i, (text, n) in enumerate(zip(titles, counts, strict=False)):
            self.tabs.setTabText(i, text.replace("%1", str(n)))
        self.tabs.setTabText(3, self.tr("Photos (%1)").replace("%1", str(counts[3])))
        self.timeline_box.setTitle(
            self.tr("Relationship (%1 contacts)").replace(
                "%1", str(0 if d is None else d.interactions)
            )
        )


__all__ = ["ShopPage"]
