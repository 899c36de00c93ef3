"""The visit page: one visit to a shop, from check-in to "submit for review".

Opened with ``{"visit_id": id}`` (an existing visit), ``{"shop_id": id, "new": True}``
(start a visit there: the rep's unfinished visit to that shop today is reused, else a
new one planned for today), or ``{"new": True}`` (Ctrl+N: pick the shop first). Once
a visit is made, its id is written back into the argument dict, so going back in the
window history reopens it instead of starting another.

Every field is saved as it is typed: each edit writes that one field through
``store.visits.update`` (the outbox folds the keystrokes of one field into one
mutation); an invalid value is shown next to the field and not written. Nothing
typed is lost when the window closes or the power goes. Submitted and approved
visits are read-only; a returned one shows the supervisor's comment.

Photos larger than the ``photo.max_px`` setting (1600) are scaled down to a JPEG
before they are stored. With ``photo.keep_original`` on, the original file is
attached as it is instead (one picture, one photo row: never two copies).

Threading: UI thread; photos are prepared on the task runner.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QObject,
    QSize,
    Qt,
    QTimer,
    QUrl,
)
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError, NotFound, ValidationError
from fieldapp.model import (
    BUSINESS_UTC_OFFSET,
    CompetitorCheck,
    DisplayCheck,
    Koc,
    PriceCheck,
    ReviewStatus,
    StockCheck,
    Visit,
)
from fieldapp.store import views_visits as vv

from ..context import AppContext
from ..forms import ERROR_STYLE, Form
from ..labels import field_error_text, label
from ..models import Column, QueryTableModel
from ..page import Page
from ..photos import choose_photos, prepare_photo, preparing_text, thumbnail_icon
from ..tasks import Task, run_with_progress
from .koc import mask_mobile

CONTEXT = "VisitPage"

#: The KOC traits: field, short label, what it means (tooltip).
TRAITS: tuple[tuple[str, str, str], ...] = (
    (
        "trait_acquaintances",
        QT_TRANSLATE_NOOP("VisitPage", "Acquaintances"),
        QT_TRANSLATE_NOOP("VisitPage", "Has many close acquaintances"),
    ),
    (
        "trait_trying",
        QT_TRANSLATE_NOOP("VisitPage", "Tries new things"),
        QT_TRANSLATE_NOOP("VisitPage", "Loves trying new things"),
    ),
    (
        "trait_sharing",
        QT_TRANSLATE_NOOP("VisitPage", "Shares"),
        QT_TRANSLATE_NOOP("VisitPage", "Loves sharing"),
    ),
    (
        "trait_expertise",
        QT_TRANSLATE_NOOP("VisitPage", "Knows the category"),
        QT_TRANSLATE_NOOP("VisitPage", "Knows the category and can teach others"),
    ),
)
DEFAULT_TRAIT = 3

BANNER_STYLE = (
    "QFrame#{name} {{ background: {bg}; border: 1px solid {border}; border-radius: 4px; }}"
)


def _money(value: Any) -> str:
    return "" if value is None else f"{value:,.2f}"


ORDER_COLUMNS: tuple[Column, ...] = (
    Column("product_name", QT_TRANSLATE_NOOP("VisitPage", "Product"), sort="product"),
    Column("quantity", QT_TRANSLATE_NOOP("VisitPage", "Qty"), sort="quantity", align_right=True),
    Column("unit", QT_TRANSLATE_NOOP("VisitPage", "Unit")),
    Column(
        "unit_price",
        QT_TRANSLATE_NOOP("VisitPage", "Unit price"),
        sort="unit_price",
        fmt=_money,
        align_right=True,
    ),
    Column(
        "amount",
        QT_TRANSLATE_NOOP("VisitPage", "Amount"),
        sort="amount",
        fmt=_money,
        align_right=True,
    ),
)


def local_time(value: datetime | None, today: date) -> str:
    """Beijing time of a stored UTC time: "09:19" today, else with the date."""
    if value is None:
        return ""
    local = value.astimezone(UTC).replace(tzinfo=None) + BUSINESS_UTC_OFFSET
    return local.strftime("%H:%M" if local.date() == today else "%Y-%m-%d %H:%M")


class _Keys(QObject):
    """Calls back on some keys pressed in a widget (Enter to add, Delete to remove)."""

    def __init__(self, widget: QWidget, keys: Sequence[Qt.Key], callback: Callable[[], None]):
        super().__init__(widget)
        self._keys = set(keys)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if event.key() in self._keys and mods == Qt.KeyboardModifier.NoModifier:
                self._callback()
                return True
        return False


def _group(name: str) -> tuple[QGroupBox, QVBoxLayout]:
    box = QGroupBox()
    box.setObjectName(name)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(8, 6, 8, 8)
    layout.setSpacing(4)
    return box, layout


def _message_label(name: str) -> QLabel:
    lbl = QLabel()
    lbl.setObjectName(name)
    lbl.setStyleSheet(ERROR_STYLE)
    lbl.setWordWrap(True)
    lbl.hide()
    return lbl


class VisitPage(Page):
    page_id = "visit"
    title_source = QT_TRANSLATE_NOOP("MainWindow", "Visit")
    in_nav = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._visit: Visit | None = None
        self._detail: vv.VisitDetail | None = None
        self._arg: dict[str, Any] | None = None
        # After check-out the visit's note also lives in the owner interaction; typing
        # updates that row once the typing pauses, not on every key.
        self._interaction_later = QTimer(self)
        self._interaction_later.setSingleShot(True)
        self._interaction_later.setInterval(1500)
        self._interaction_later.timeout.connect(self._sync_interaction)

        self.stack = QStackedWidget()
        self.stack.setObjectName("visitStack")
        self.picker = self._build_picker()
        self.editor = self._build_editor()
        self.stack.addWidget(self.picker)
        self.stack.addWidget(self.editor)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self._tab_order()
        self.retranslate()
        self._show_picker()

    # ================================================================== building

    def _build_picker(self) -> QWidget:
        page = QWidget()
        page.setObjectName("shopPicker")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 20, 24, 20)
        self.picker_title = QLabel()
        self.picker_title.setObjectName("pickerTitle")
        self.picker_title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.shop_search = QLineEdit()
        self.shop_search.setObjectName("shopSearch")
        self.shop_search.setClearButtonEnabled(True)
        self.shop_search.setMaximumWidth(520)
        self.shop_results = QListWidget()
        self.shop_results.setObjectName("shopResults")
        self.shop_results.setMaximumWidth(520)
        self.shop_results.setStyleSheet("QListWidget#shopResults::item { padding: 4px 2px; }")
        self.picker_hint = QLabel()
        self.picker_hint.setObjectName("pickerHint")
        self.picker_hint.setStyleSheet("color: #666;")
        layout.addWidget(self.picker_title)
        layout.addWidget(self.shop_search)
        layout.addWidget(self.picker_hint)
        layout.addWidget(self.shop_results, 1)
        self.shop_search.textChanged.connect(self._search_shops)
        self.shop_search.returnPressed.connect(self._pick_first)
        _Keys(self.shop_search, [Qt.Key.Key_Down], self._into_results)
        self.shop_results.itemActivated.connect(self._pick_item)
        self.shop_results.itemClicked.connect(self._pick_item)
        return page

    def _build_editor(self) -> QWidget:
        page = QWidget()
        page.setObjectName("visitEditor")
        outer = QVBoxLayout(page)
        outer.setContentsMargins(12, 8, 12, 6)
        outer.setSpacing(6)
        outer.addWidget(self._build_header())

        body = QWidget()
        body.setObjectName("visitBody")
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(10)
        # The middle column holds the order table, whose product names are long.
        for build, stretch in (
            (self._column_one, 4),
            (self._column_two, 5),
            (self._column_three, 4),
        ):
            column = QVBoxLayout()
            column.setSpacing(8)
            build(column)
            column.addStretch(1)
            columns.addLayout(column, stretch)
        scroll = QScrollArea()
        scroll.setObjectName("visitScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        outer.addWidget(self._build_footer())
        return page

    def _build_header(self) -> QWidget:
        header = QWidget()
        header.setObjectName("visitHeader")
        layout = QVBoxLayout(header)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.shop_label = QLabel()
        self.shop_label.setObjectName("shopName")
        self.shop_label.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.status_label = QLabel()
        self.status_label.setObjectName("reviewStatus")
        self.status_label.setStyleSheet(
            "background: #e8edf2; border-radius: 3px; padding: 2px 8px; color: #1f2d3d;"
        )
        top.addWidget(self.shop_label)
        top.addWidget(self.status_label)
        top.addStretch(1)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedAt")
        self.saved_label.setStyleSheet("color: #2e7d32;")
        top.addWidget(self.saved_label)
        layout.addLayout(top)
        self.meta_label = QLabel()
        self.meta_label.setObjectName("shopMeta")
        self.meta_label.setStyleSheet("color: #555;")
        layout.addWidget(self.meta_label)

        self.returned_banner = QFrame()
        self.returned_banner.setObjectName("returnedBanner")
        self.returned_banner.setStyleSheet(
            BANNER_STYLE.format(name="returnedBanner", bg="#fff4e5", border="#f0ad4e")
        )
        row = QVBoxLayout(self.returned_banner)
        row.setContentsMargins(8, 4, 8, 4)
        self.returned_title = QLabel()
        self.returned_title.setObjectName("returnedTitle")
        self.returned_title.setStyleSheet("font-weight: bold; color: #8a5300;")
        self.supervisor_comment = QLabel()
        self.supervisor_comment.setObjectName("supervisorComment")
        self.supervisor_comment.setWordWrap(True)
        self.supervisor_comment.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        row.addWidget(self.returned_title)
        row.addWidget(self.supervisor_comment)
        layout.addWidget(self.returned_banner)

        self.read_only_banner = QFrame()
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setStyleSheet(
            BANNER_STYLE.format(name="readOnlyBanner", bg="#eef4fb", border="#8fb3de")
        )
        ro = QVBoxLayout(self.read_only_banner)
        ro.setContentsMargins(8, 4, 8, 4)
        self.read_only_text = QLabel()
        self.read_only_text.setObjectName("readOnlyText")
        self.read_only_text.setWordWrap(True)
        ro.addWidget(self.read_only_text)
        layout.addWidget(self.read_only_banner)
        return header

    def _visit_form(self) -> Form:
        form = Form(Visit, CONTEXT, base=lambda: self._visit.data() if self._visit else {})
        form.layout().setContentsMargins(0, 0, 0, 0)
        form.edited.connect(lambda name, f=form: self._autosave(f, name))
        return form

    def _column_one(self, column: QVBoxLayout) -> None:
        self.start_box, start = _group("startBox")
        row = QHBoxLayout()
        self.check_in_button = QPushButton()
        self.check_in_button.setObjectName("checkInButton")
        self.check_in_button.clicked.connect(self._check_in)
        self.check_in_time = QLabel()
        self.check_in_time.setObjectName("checkInTime")
        row.addWidget(self.check_in_button)
        row.addWidget(self.check_in_time, 1)
        start.addLayout(row)
        column.addWidget(self.start_box)

        self.checklist_box, checklist = _group("checklistBox")
        self.checklist = self._visit_form()
        self.checklist.add_choice(
            "check_display", QT_TRANSLATE_NOOP("VisitPage", "Display"), DisplayCheck, optional=True
        )
        self.checklist.add_choice(
            "check_stock", QT_TRANSLATE_NOOP("VisitPage", "Stock"), StockCheck, optional=True
        )
        self.checklist.add_choice(
            "check_price", QT_TRANSLATE_NOOP("VisitPage", "Price"), PriceCheck, optional=True
        )
        self.checklist.add_choice(
            "check_competitor",
            QT_TRANSLATE_NOOP("VisitPage", "Competitors"),
            CompetitorCheck,
            optional=True,
        )
        self.checklist.add_text("check_notes", QT_TRANSLATE_NOOP("VisitPage", "Notes"), lines=3)
        checklist.addWidget(self.checklist)
        column.addWidget(self.checklist_box)

        self.photos_box, photos = _group("photosBox")
        buttons = QHBoxLayout()
        self.attach_button = QPushButton()
        self.attach_button.setObjectName("attachPhotosButton")
        self.attach_button.clicked.connect(self._choose_photos)
        self.remove_photo_button = QPushButton()
        self.remove_photo_button.setObjectName("removePhotoButton")
        self.remove_photo_button.clicked.connect(self._remove_photo)
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.remove_photo_button)
        buttons.addStretch(1)
        photos.addLayout(buttons)
        self.photo_list = QListWidget()
        self.photo_list.setObjectName("photoList")
        self.photo_list.setViewMode(QListView.ViewMode.IconMode)
        self.photo_list.setFlow(QListView.Flow.LeftToRight)
        self.photo_list.setWrapping(False)
        self.photo_list.setIconSize(self.photo_list.iconSize().expandedTo(_icon_size()))
        self.photo_list.setFixedHeight(_icon_size().height() + 26)
        self.photo_list.setMovement(QListView.Movement.Static)
        self.photo_list.itemActivated.connect(self._open_photo)
        photos.addWidget(self.photo_list)
        self.photo_message = _message_label("photoError")
        photos.addWidget(self.photo_message)
        column.addWidget(self.photos_box)

    def _column_two(self, column: QVBoxLayout) -> None:
        self.order_box, order = _group("orderBox")
        row = QHBoxLayout()
        self.product_picker = QComboBox()
        self.product_picker.setObjectName("productPicker")
        self.product_picker.setEditable(True)
        self.product_picker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.product_picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.product_picker.setMinimumContentsLength(12)
        self.product_picker.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        completer = QCompleter(self.product_picker.model(), self.product_picker)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.product_picker.setCompleter(completer)
        completer.activated[str].connect(lambda _text: self._product_chosen())
        line_edit = self.product_picker.lineEdit()
        line_edit.returnPressed.connect(self._product_chosen)
        self.quantity = QSpinBox()
        self.quantity.setObjectName("quantity")
        self.quantity.setRange(1, 1_000_000)
        self.quantity.setValue(1)
        self.quantity.setMinimumWidth(64)
        _Keys(self.quantity, [Qt.Key.Key_Return, Qt.Key.Key_Enter], self._add_line)
        self.add_line_button = QPushButton()
        self.add_line_button.setObjectName("addLineButton")
        self.add_line_button.clicked.connect(self._add_line)
        row.addWidget(self.product_picker, 1)
        row.addWidget(self.quantity)
        row.addWidget(self.add_line_button)
        order.addLayout(row)
        self.order_message = _message_label("orderError")
        order.addWidget(self.order_message)

        self.order_model = _TipModel(
            ORDER_COLUMNS,
            self._fetch_lines,
            self._count_lines,
            context=CONTEXT,
            parent=self,
        )
        self.order_table = QTableView()
        self.order_table.setObjectName("orderLines")
        self.order_table.setModel(self.order_model)
        _compact_table(self.order_table)
        self.order_table.setMinimumHeight(120)
        self.order_table.setMaximumHeight(170)
        header = self.order_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for i in range(1, len(ORDER_COLUMNS)):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        _Keys(self.order_table, [Qt.Key.Key_Delete, Qt.Key.Key_Backspace], self._remove_line)
        order.addWidget(self.order_table)
        below = QHBoxLayout()
        self.order_total = QLabel()
        self.order_total.setObjectName("orderTotal")
        self.remove_line_button = QPushButton()
        self.remove_line_button.setObjectName("removeLineButton")
        self.remove_line_button.clicked.connect(self._remove_line)
        below.addWidget(self.order_total, 1)
        below.addWidget(self.remove_line_button)
        order.addLayout(below)
        column.addWidget(self.order_box)

        self.relationship_box, rel = _group("relationshipBox")
        self.relationship = self._visit_form()
        self.relationship.add_text(
            "relationship_note", QT_TRANSLATE_NOOP("VisitPage", "What we talked about"), lines=3
        )
        self.relationship.add_int(
            "relationship_level",
            QT_TRANSLATE_NOOP("VisitPage", "Level after this visit"),
            minimum=1,
            maximum=5,
            optional=True,
        )
        rel.addWidget(self.relationship)
        self.level_hint = QLabel()
        self.level_hint.setObjectName("levelHint")
        self.level_hint.setStyleSheet("color: #666;")
        self.level_hint.setWordWrap(True)
        rel.addWidget(self.level_hint)
        column.addWidget(self.relationship_box)

    def _column_three(self, column: QVBoxLayout) -> None:
        self.koc_box, koc = _group("kocBox")
        self.koc_form = Form(Koc, CONTEXT)
        self.koc_form.layout().setContentsMargins(0, 0, 0, 0)
        self.koc_name = self.koc_form.add_line("name", QT_TRANSLATE_NOOP("VisitPage", "Name"))
        self.koc_mobile = self.koc_form.add_line(
            "mobile",
            QT_TRANSLATE_NOOP("VisitPage", "Mobile"),
            placeholder=QT_TRANSLATE_NOOP("VisitPage", "Optional"),
        )
        self.koc_name.returnPressed.connect(self._add_koc)
        self.koc_mobile.returnPressed.connect(self._add_koc)
        koc.addWidget(self.koc_form)
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        self.trait_labels: dict[str, QLabel] = {}
        self.traits: dict[str, QSpinBox] = {}
        for i, (name, _short, _long) in enumerate(TRAITS):
            lbl = QLabel()
            spin = QSpinBox()
            spin.setObjectName(name)
            spin.setRange(1, 5)
            spin.setValue(DEFAULT_TRAIT)
            lbl.setBuddy(spin)
            _Keys(spin, [Qt.Key.Key_Return, Qt.Key.Key_Enter], self._add_koc)
            self.trait_labels[name] = lbl
            self.traits[name] = spin
            grid.addWidget(lbl, i // 2, (i % 2) * 2)
            grid.addWidget(spin, i // 2, (i % 2) * 2 + 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)
        koc.addLayout(grid)
        row = QHBoxLayout()
        self.add_koc_button = QPushButton()
        self.add_koc_button.setObjectName("addKocButton")
        self.add_koc_button.clicked.connect(self._add_koc)
        row.addStretch(1)
        row.addWidget(self.add_koc_button)
        koc.addLayout(row)
        self.koc_list = QListWidget()
        self.koc_list.setObjectName("spottedKocs")
        self.koc_list.setMaximumHeight(78)
        self.koc_list.itemActivated.connect(self._open_koc)
        koc.addWidget(self.koc_list)
        column.addWidget(self.koc_box)

        self.next_box, nxt = _group("nextBox")
        self.next_form = self._visit_form()
        self.next_form.add_text(
            "next_actions", QT_TRANSLATE_NOOP("VisitPage", "What, and by when"), lines=3
        )
        nxt.addWidget(self.next_form)
        column.addWidget(self.next_box)

    def _build_footer(self) -> QWidget:
        footer = QFrame()
        footer.setObjectName("visitFooter")
        footer.setFrameShape(QFrame.Shape.NoFrame)
        row = QHBoxLayout(footer)
        row.setContentsMargins(0, 4, 0, 0)
        self.end_title = QLabel()
        self.end_title.setObjectName("endTitle")
        self.end_title.setStyleSheet("font-weight: bold;")
        self.check_out_button = QPushButton()
        self.check_out_button.setObjectName("checkOutButton")
        self.check_out_button.clicked.connect(self._check_out)
        self.check_out_time = QLabel()
        self.check_out_time.setObjectName("checkOutTime")
        self.submit_button = QPushButton()
        self.submit_button.setObjectName("submitButton")
        self.submit_button.clicked.connect(self._submit)
        self.submit_message = _message_label("submitError")
        self.submit_message.setStyleSheet(ERROR_STYLE.replace("11px", "13px"))
        row.addWidget(self.end_title)
        row.addWidget(self.check_out_button)
        row.addWidget(self.check_out_time)
        row.addSpacing(16)
        row.addWidget(self.submit_button)
        row.addSpacing(8)
        row.addWidget(self.submit_message, 1)
        row.addStretch(1)
        return footer

    def _tab_order(self) -> None:
        chain: list[QWidget] = [self.check_in_button]
        chain += [self.checklist.editor(n) for n in self.checklist.names()]
        chain += [self.attach_button, self.remove_photo_button, self.photo_list]
        chain += [self.product_picker, self.quantity, self.add_line_button]
        chain += [self.order_table, self.remove_line_button]
        chain += [self.relationship.editor(n) for n in self.relationship.names()]
        chain += [self.koc_name, self.koc_mobile, *self.traits.values(), self.add_koc_button]
        chain += [self.koc_list, self.next_form.editor("next_actions")]
        chain += [self.check_out_button, self.submit_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # ================================================================== opening

    def open(self, arg: object = None) -> None:
        if isinstance(arg, str):
            arg = {"visit_id": arg}
        if isinstance(arg, dict):
            self._arg = arg
            if arg.get("visit_id"):
                self.load(str(arg["visit_id"]))
                return
            if arg.get("new") and arg.get("shop_id"):
                self.start_at_shop(str(arg["shop_id"]))
                return
            if arg.get("new"):
                self._show_picker()
                return
        if self._visit is not None:
            self.refresh()
        else:
            self._show_picker()

    def refresh(self) -> None:
        """Re-read the visit's parts (not the fields being typed into)."""
        if self._visit is None:
            return
        visit = self.ctx.store.visits.find(self._visit.id)
        detail = vv.visit_detail(self.ctx.store.db, visit_id=self._visit.id)
        if visit is None or detail is None:
            self._visit = self._detail = None
            self._show_picker()
            return
        self._visit, self._detail = visit, detail
        self.order_model.reload()
        self._show_parts()

    def load(self, visit_id: str) -> None:
        """Show a visit: fill every editor from the store."""
        self._flush_interaction()
        store = self.ctx.store
        visit = store.visits.find(visit_id)
        detail = vv.visit_detail(store.db, visit_id=visit_id)
        if visit is None or detail is None:
            self.ctx.errors.show(NotFound("visits", visit_id))
            self._show_picker()
            return
        self._visit, self._detail = visit, detail
        values = visit.model_dump()
        for form in self._visit_forms():
            form.set_values(values)
        self._reset_koc_form()
        self._fill_products()
        self._reset_product_picker()
        self.order_model.reload()
        self.saved_label.clear()
        self._message(self.submit_message, "")
        self._message(self.order_message, "")
        self._message(self.photo_message, "")
        self._show_parts()
        self.stack.setCurrentWidget(self.editor)
        if self._detail.read_only:
            self.submit_button.setFocus()
        elif visit.checkin_at is None:
            self.check_in_button.setFocus()
        else:
            self.checklist.editor("check_display").setFocus()

    def start_at_shop(self, shop_id: str) -> None:
        """Open the rep's unfinished visit to the shop today, or start one."""
        try:
            visit, created = vv.open_or_create_visit(
                self.ctx.store, shop_id=shop_id, rep_id=self.ctx.store.user_id, day=self.ctx.today()
            )
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            self._show_picker()
            return
        if self._arg is not None:
            self._arg["visit_id"] = visit.id
        if created:
            self.ctx.notify("visits")
        self.load(visit.id)

    def visit_id(self) -> str | None:
        return None if self._visit is None else self._visit.id

    def _visit_forms(self) -> tuple[Form, ...]:
        return (self.checklist, self.relationship, self.next_form)

    # ------------------------------------------------------------------ shop picker

    def _show_picker(self) -> None:
        self._flush_interaction()
        self._visit = self._detail = None
        self.shop_search.clear()
        self.shop_results.clear()
        self.stack.setCurrentWidget(self.picker)
        self.shop_search.setFocus()

    def _search_shops(self, text: str) -> None:
        self.shop_results.clear()
        for hit in self.ctx.store.search.shops(text, limit=30):
            item = QListWidgetItem(hit.title + ("  ·  " + hit.subtitle if hit.subtitle else ""))
            item.setData(Qt.ItemDataRole.UserRole, hit.id)
            self.shop_results.addItem(item)
        if self.shop_results.count():
            self.shop_results.setCurrentRow(0)

    def _into_results(self) -> None:
        if self.shop_results.count():
            self.shop_results.setFocus()
            self.shop_results.setCurrentRow(min(1, self.shop_results.count() - 1))

    def _pick_first(self) -> None:
        item = self.shop_results.currentItem() or self.shop_results.item(0)
        if item is not None:
            self._pick_item(item)

    def _pick_item(self, item: QListWidgetItem) -> None:
        self.start_at_shop(item.data(Qt.ItemDataRole.UserRole))

    def focus_search(self) -> bool:
        if self.stack.currentWidget() is self.picker:
            self.shop_search.setFocus()
            self.shop_search.selectAll()
            return True
        return False

    def save(self) -> bool:
        """Everything valid is already saved; bring the owner interaction up to date."""
        self._flush_interaction()
        return self._visit is not None

    # ================================================================== showing

    def _show_parts(self) -> None:
        d = self._detail
        if d is None:
            return
        today = self.ctx.today()
        self.shop_label.setText(d.shop_name)
        status = label(d.review_status)
        progress = {
            vv.Progress.NOT_STARTED: self.tr("Not started"),
            vv.Progress.IN_PROGRESS: self.tr("In progress"),
            vv.Progress.DONE: self.tr("Finished"),
        }[d.progress]
        self.status_label.setText(status + " · " + progress)
        meta = [label(d.shop_tier)]
        if d.owner_name:
            meta.append(
                self.tr("Owner %1, relationship level %2")
                .replace("%1", d.owner_name)
                .replace("%2", str(d.owner_level))
            )
            if d.owner_mobile:
                meta.append(d.owner_mobile)
        else:
            meta.append(self.tr("No owner on record"))
        if d.planned_date is not None:
            meta.append(self.tr("Planned for %1").replace("%1", d.planned_date.isoformat()))
        if d.shop_address:
            meta.append(d.shop_address)
        self.meta_label.setText("  ·  ".join(meta))

        returned = d.review_status is ReviewStatus.RETURNED
        self.returned_banner.setVisible(returned)
        if returned:
            self.supervisor_comment.setText(d.supervisor_comment or "")
        self.read_only_banner.setVisible(d.read_only)
        if d.review_status is ReviewStatus.APPROVED:
            self.read_only_text.setText(
                self.tr("Your supervisor approved this visit. It can no longer be changed.")
            )
        else:
            self.read_only_text.setText(
                self.tr("This visit was submitted for review. It can no longer be changed.")
            )

        if d.checkin_at is None:
            self.check_in_time.setText(self.tr("Not checked in yet"))
        else:
            self.check_in_time.setText(
                self.tr("Checked in at %1").replace("%1", local_time(d.checkin_at, today))
            )
        if d.checkout_at is None:
            self.check_out_time.setText("")
        else:
            self.check_out_time.setText(
                self.tr("Checked out at %1").replace("%1", local_time(d.checkout_at, today))
            )
        if d.owner_name:
            self.level_hint.setText(
                self.tr(
                    "1 = distant, 5 = close. Now: %1. Recorded for the owner at check-out."
                ).replace("%1", str(d.owner_level))
            )
        else:
            self.level_hint.setText(self.tr("1 = distant, 5 = close."))
        self._show_total()
        self._show_kocs()
        self._show_photos()
        self._apply_mode()

    def _show_total(self) -> None:
        d = self._detail
        if d is None:
            return
        total = sum(line.amount or 0 for line in d.lines)
        if d.lines:
            self.order_total.setText(
                self.tr("%1 lines, total ¥%2")
                .replace("%1", str(len(d.lines)))
                .replace("%2", _money(total))
            )
        else:
            self.order_total.setText(self.tr("No order yet"))

    def _show_kocs(self) -> None:
        self.koc_list.clear()
        if self._detail is None:
            return
        for k in self._detail.kocs:
            parts = [k.name, label(k.stage)]
            if k.mobile:
                # China's PIPL: no usable number on screen until consent is recorded.
                parts.insert(1, k.mobile if k.consent else mask_mobile(k.mobile))
            item = QListWidgetItem("  ·  ".join(parts))
            item.setData(Qt.ItemDataRole.UserRole, k.koc_id)
            self.koc_list.addItem(item)

    def _show_photos(self) -> None:
        self.photo_list.clear()
        if self._detail is None:
            return
        size = _icon_size().width()
        for p in self._detail.photos:
            path = self.ctx.store.photos.path_for(p.sha256, p.mime)
            item = QListWidgetItem(thumbnail_icon(path, size), "")
            item.setData(Qt.ItemDataRole.UserRole, p.photo_id)
            item.setData(Qt.ItemDataRole.UserRole + 1, str(path))
            item.setToolTip(f"{p.size // 1024} KB")
            self.photo_list.addItem(item)
        self.remove_photo_button.setEnabled(
            bool(self._detail.photos) and not self._detail.read_only
        )

    def _apply_mode(self) -> None:
        d = self._detail
        if d is None:
            return
        editable = not d.read_only
        for form in self._visit_forms():
            for name in form.names():
                editor = form.editor(name)
                if isinstance(editor, QPlainTextEdit):
                    editor.setReadOnly(not editable)
                else:
                    editor.setEnabled(editable)
        for widget in (
            self.product_picker,
            self.quantity,
            self.add_line_button,
            self.remove_line_button,
            self.koc_form,
            self.add_koc_button,
            self.attach_button,
            *self.traits.values(),
        ):
            widget.setEnabled(editable)
        if not editable:
            self.remove_photo_button.setEnabled(False)
        self.check_in_button.setEnabled(editable and d.checkin_at is None)
        self.check_out_button.setEnabled(
            editable and d.checkin_at is not None and d.checkout_at is None
        )
        self.submit_button.setEnabled(editable)

    @staticmethod
    def _message(target: QLabel, text: str) -> None:
        target.setText(text)
        target.setVisible(bool(text))

    def _saved(self, tables: Sequence[str]) -> None:
        self.saved_label.setText(
            self.tr("Saved %1").replace("%1", datetime.now().strftime("%H:%M:%S"))
        )
        self.ctx.notify(*tables)

    def _reload_detail(self) -> None:
        if self._visit is None:
            return
        self._visit = self.ctx.store.visits.get(self._visit.id)
        self._detail = vv.visit_detail(self.ctx.store.db, visit_id=self._visit.id)
        self._show_parts()

    # ================================================================== autosave

    def _autosave(self, form: Form, name: str) -> None:
        if self._visit is None or self._detail is None or self._detail.read_only:
            return
        if name in form.errors:
            return  # the message is next to the field; nothing is written
        value = form.value(name)
        try:
            self._visit = self.ctx.store.visits.update(self._visit.id, **{name: value})
        except ValidationError as exc:
            mine = [e for e in exc.errors if e.field in form.names()]
            if mine:
                form.show_errors([*form.errors.values(), *mine])
            else:
                self.ctx.errors.show(exc)
            return
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        tables = ["visits"]
        if name in ("relationship_note", "relationship_level") and self._visit.checkout_at:
            if name == "relationship_level":
                self._sync_interaction()
                tables += ["interactions", "owners"]
            else:
                self._interaction_later.start()
        self._saved(tables)

    def _sync_interaction(self) -> None:
        self._interaction_later.stop()
        if self._visit is None or self._visit.checkout_at is None:
            return
        if self._detail is not None and self._detail.read_only:
            return
        try:
            vv.record_visit_interaction(
                self.ctx.store, visit_id=self._visit.id, day=self.ctx.today()
            )
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        self.ctx.notify("interactions", "owners")
        self._reload_detail()

    def _flush_interaction(self) -> None:
        if self._interaction_later.isActive():
            self._sync_interaction()

    # ================================================================== start, end, submit

    def _check_in(self) -> None:
        if self._visit is None:
            return
        try:
            self.ctx.store.visits.check_in(self._visit.id)
        except ValidationError as exc:
            self._message(self.submit_message, _words(exc))
            return
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        self._message(self.submit_message, "")
        self._saved(["visits"])
        self._reload_detail()
        self.checklist.editor("check_display").setFocus()

    def _check_out(self) -> None:
        if self._visit is None:
            return
        try:
            vv.finish_visit(self.ctx.store, visit_id=self._visit.id, day=self.ctx.today())
        except ValidationError as exc:
            self._message(self.submit_message, _words(exc))
            return
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        self._message(self.submit_message, "")
        self._saved(["visits", "interactions", "owners"])
        self._reload_detail()
        self.submit_button.setFocus()

    def _submit(self) -> None:
        if self._visit is None:
            return
        if any(form.errors for form in self._visit_forms()):
            self._message(
                self.submit_message,
                self.tr("Some fields are marked in red. Correct them before submitting."),
            )
            return
        self._interaction_later.stop()
        store = self.ctx.store
        try:
            with store.transaction():
                vv.record_visit_interaction(store, visit_id=self._visit.id, day=self.ctx.today())
                store.visits.submit(self._visit.id)
        except ValidationError as exc:
            self._message(self.submit_message, _words(exc))
            return
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        self._message(self.submit_message, "")
        self._saved(["visits", "interactions", "owners"])
        self._reload_detail()

    # ================================================================== order lines

    def _fetch_lines(self, order: str | None, desc: bool, limit: int, offset: int) -> list[Any]:
        if self._visit is None:
            return []
        return vv.order_lines(
            self.ctx.store.db,
            visit_id=self._visit.id,
            order=order,
            descending=desc,
            limit=limit,
            offset=offset,
        )

    def _count_lines(self) -> int:
        if self._visit is None:
            return 0
        return vv.count_order_lines(self.ctx.store.db, visit_id=self._visit.id)

    def _fill_products(self) -> None:
        self.product_picker.blockSignals(True)
        self.product_picker.clear()
        for p in vv.products(self.ctx.store.db):
            text = f"{p.code} {p.name}" if p.code else p.name
            self.product_picker.addItem(text, p.product_id)
            tip = " · ".join(x for x in (p.unit, _money(p.price)) if x)
            self.product_picker.setItemData(
                self.product_picker.count() - 1, tip, Qt.ItemDataRole.ToolTipRole
            )
        self.product_picker.blockSignals(False)

    def _reset_product_picker(self) -> None:
        self.product_picker.setCurrentIndex(-1)
        self.product_picker.setEditText("")
        self.quantity.setValue(1)

    def _resolve_product(self) -> str | None:
        """The product meant by what is in the picker: the chosen item, or the only match."""
        combo = self.product_picker
        text = combo.currentText().strip()
        if not text:
            return None
        i = combo.currentIndex()
        if i >= 0 and combo.itemText(i) == text:
            return str(combo.itemData(i))
        needle = text.casefold()
        items = [(j, combo.itemText(j).casefold()) for j in range(combo.count())]
        matches = [j for j, t in items if t == needle] or [j for j, t in items if needle in t]
        if len(matches) == 1:
            combo.setCurrentIndex(matches[0])
            return str(combo.itemData(matches[0]))
        return None

    def _product_chosen(self) -> None:
        if self._resolve_product() is None:
            if self.product_picker.currentText().strip():
                self._message(
                    self.order_message,
                    self.tr("Several or no products match. Choose one from the list."),
                )
                self.product_picker.completer().complete()
            return
        self._message(self.order_message, "")
        self.product_picker.completer().popup().hide()
        self.quantity.setFocus()
        self.quantity.selectAll()

    def _add_line(self) -> None:
        if self._visit is None or (self._detail and self._detail.read_only):
            return
        product_id = self._resolve_product()
        if product_id is None:
            self._message(self.order_message, self.tr("Choose a product first."))
            self.product_picker.setFocus()
            return
        self.quantity.interpretText()
        try:
            vv.add_order_line(
                self.ctx.store,
                visit_id=self._visit.id,
                product_id=product_id,
                quantity=self.quantity.value(),
            )
        except ValidationError as exc:
            self._message(self.order_message, _words(exc))
            return
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        self._message(self.order_message, "")
        self._reset_product_picker()
        self.order_model.reload()
        self._saved(["order_lines"])
        self._reload_detail()
        self.product_picker.setFocus()

    def _remove_line(self) -> None:
        if self._detail is None or self._detail.read_only:
            return
        index = self.order_table.currentIndex()
        row = self.order_model.row_at(index.row()) if index.isValid() else None
        if row is None:
            self._message(self.order_message, self.tr("Select the line to remove."))
            return
        try:
            self.ctx.store.order_lines.delete(row.line_id)
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        self._message(self.order_message, "")
        self.order_model.reload()
        self._saved(["order_lines"])
        self._reload_detail()

    # ================================================================== KOCs

    def _reset_koc_form(self) -> None:
        self.koc_form.set_values({"name": None, "mobile": None})
        for spin in self.traits.values():
            spin.setValue(DEFAULT_TRAIT)

    def _add_koc(self) -> None:
        if self._visit is None or (self._detail and self._detail.read_only):
            return
        errors = self.koc_form.check()
        if errors:
            self.koc_form.editor(errors[0].field).setFocus()
            return
        fields = {**self.koc_form.values(), **{n: s.value() for n, s in self.traits.items()}}
        try:
            vv.add_spotted_koc(
                self.ctx.store, visit_id=self._visit.id, day=self.ctx.today(), **fields
            )
        except ValidationError as exc:
            mine = [e for e in exc.errors if e.field in self.koc_form.names()]
            if mine:
                self.koc_form.show_errors(mine)
            else:
                self.ctx.errors.show(exc)
            return
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        self._reset_koc_form()
        self._saved(["kocs", "koc_shops"])
        self._reload_detail()
        self.koc_name.setFocus()

    def _open_koc(self, item: QListWidgetItem) -> None:
        koc_id = item.data(Qt.ItemDataRole.UserRole)
        pages = getattr(self.window(), "pages", None)
        if pages is None or "koc" in pages:
            self.ctx.go("koc", koc_id)

    # ================================================================== photos

    def _choose_photos(self) -> None:
        if self._visit is None:
            return
        files = choose_photos(self)
        if files:
            self.attach_files(files)

    def attach_files(self, files: Sequence[str | Path]) -> None:
        """Scale the pictures down on a worker if needed, then attach them to this visit."""
        if self._visit is None or (self._detail and self._detail.read_only):
            return
        store = self.ctx.store
        visit_id = self._visit.id
        max_px = int(store.get_setting("photo.max_px", 1600))
        keep = bool(store.get_setting("photo.keep_original", False))
        folder = Path(tempfile.mkdtemp(prefix="fieldapp-photos-"))
        sources = [Path(f) for f in files]

        def work(task: Task) -> list[Any]:
            prepared = []
            for i, source in enumerate(sources):
                task.progress(i, len(sources), source.name)
                prepared.append(
                    prepare_photo(source, max_px=max_px, keep_original=keep, out_dir=folder)
                )
            return prepared

        def done(prepared: list[Any]) -> None:
            problems = []
            try:
                for p in prepared:
                    try:
                        store.photos.add_file(p.path, visit_id=visit_id)
                    except ValidationError as exc:
                        problems.append(p.source.name + ": " + _words(exc))
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            self._message(self.photo_message, "\n".join(problems))
            self._saved(["photos"])
            if self._visit is not None and self._visit.id == visit_id:
                self._reload_detail()

        def failed(exc: BaseException, tb: str) -> None:
            shutil.rmtree(folder, ignore_errors=True)
            self.ctx.errors.show(exc, tb)

        run_with_progress(
            self.ctx.runner,
            self,
            preparing_text(),
            work,
            on_done=done,
            on_error=failed,
            on_cancel=lambda: shutil.rmtree(folder, ignore_errors=True),
        )

    def _remove_photo(self) -> None:
        item = self.photo_list.currentItem()
        if item is None or self._detail is None or self._detail.read_only:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove photo"),
            self.tr("Remove the selected photo from this visit?"),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.ctx.store.photos.delete(item.data(Qt.ItemDataRole.UserRole))
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        self._saved(["photos"])
        self._reload_detail()

    def _open_photo(self, item: QListWidgetItem) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(item.data(Qt.ItemDataRole.UserRole + 1)))

    # ================================================================== language

    def retranslate(self) -> None:
        self.picker_title.setText(self.tr("Which shop are you visiting?"))
        self.shop_search.setPlaceholderText(self.tr("Shop name, pinyin, initials or code"))
        self.picker_hint.setText(
            self.tr("Type to search, then press Enter or click the shop to start the visit.")
        )
        self.returned_title.setText(self.tr("Returned by your supervisor:"))
        self.start_box.setTitle(self.tr("Start"))
        self.check_in_button.setText(self.tr("Check in"))
        self.checklist_box.setTitle(self.tr("Checklist"))
        self.photos_box.setTitle(self.tr("Photos"))
        self.attach_button.setText(self.tr("Attach photos…"))
        self.remove_photo_button.setText(self.tr("Remove"))
        self.order_box.setTitle(self.tr("Order"))
        self.product_picker.lineEdit().setPlaceholderText(self.tr("Product: name or code"))
        self.quantity.setToolTip(self.tr("Quantity; press Enter to add the line"))
        self.add_line_button.setText(self.tr("Add"))
        self.remove_line_button.setText(self.tr("Remove line"))
        self.relationship_box.setTitle(self.tr("Relationship with the owner"))
        self.koc_box.setTitle(self.tr("KOCs spotted"))
        for name, short, long in TRAITS:
            self.trait_labels[name].setText(QCoreApplication.translate(CONTEXT, short))
            tip = QCoreApplication.translate(CONTEXT, long)
            self.trait_labels[name].setToolTip(tip)
            self.traits[name].setToolTip(tip)
        self.add_koc_button.setText(self.tr("Add KOC"))
        self.next_box.setTitle(self.tr("Next actions"))
        self.end_title.setText(self.tr("End:"))
        self.check_out_button.setText(self.tr("Check out"))
        self.submit_button.setText(self.tr("Submit for review"))
        self.order_model.retranslate()
        if self._detail is not None:
            self._show_parts()
        if self.saved_label.text():
            self.saved_label.clear()


class _TipModel(QueryTableModel):
    """Shows a cell's whole text as its tooltip (product names are long)."""

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            role = Qt.ItemDataRole.DisplayRole
        return super().data(index, role)


def _words(exc: ValidationError) -> str:
    return "\n".join(field_error_text(e) for e in exc.errors)


def _icon_size() -> QSize:
    return QSize(72, 72)


def _compact_table(view: QTableView) -> None:
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
