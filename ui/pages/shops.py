"""The shop list: search as you type, filters, a sortable paged table, and the shop dialog.

``ShopsPage`` (page id ``shops``, in the side bar) lists the shops of the local store
through :mod:`fieldapp.store.views_shops`: search by Chinese, pinyin, initials, phone or
code (of the shop or its owner), filter by county, tier, channel, owner level and
"overdue only", sort any column in SQL. Enter or a double-click opens the shop page
(``ctx.go("shop", shop_id)``). ``ShopDialog`` creates a shop with its owner in one store
transaction, or edits both; the shop page uses it too.
Threading: UI thread. The list's pages are indexed queries (tens of ms on a region's
60,000 shops: ``views_shops_first``), so they run inline; a broad search's count of
every match, which took hundreds of ms there, runs on a worker (``shops_count``) and
the label says "Counting shops…" until it is in.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Any, cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError, FieldError, ValidationError
from fieldapp.model import Channel, CloudStore, Owner, Shop, Tier
from fieldapp.store import duplicates
from fieldapp.store.views_shops import ShopRow, shop_detail
from fieldapp.store.views_shops_first import shop_page_uncounted
from ui.translate_noop import QT_TRANSLATE_NOOP

from ..context import AppContext
from ..duplicates import go_ahead
from ..forms import ERROR_STYLE, Form, refill_combo
from ..labels import field_error_text, label, word
from ..models import ROW_ROLE, Column
from ..page import Page
from ..scope import ScopeSwitch
from ..widgets.route_days import RouteDaysEdit
from .list_count import ListCount
from .shops_count import ShopCounter
from .shops_model import Rows, ShopTableModel
from .shops_table import DATE_SAMPLE, PERSON_SAMPLE, OpenTable, Sample

#: How long typing may pause before the list is searched again.
SEARCH_DELAY_MS = 150


def _load_search() -> None:
    """Import what the first search needs and the app's start leaves out: fieldapp.pinyin
    builds its tables at import (about 5 ms), which otherwise the first keystroke waits for."""
    import fieldapp.pinyin  # noqa: F401


def stars(level: Any) -> str:
    """A 1–5 relationship level as five stars (language-neutral); blank without a level."""
    if level is None:
        return ""
    n = max(0, min(5, int(level)))
    return "★" * n + "☆" * (5 - n)


def enum_label(value: Any) -> str:
    """The word for an enum member or code (``ui.labels.label``)."""
    return label(value)


def enum_choices(enum: type[StrEnum]) -> list[tuple[str, str]]:
    """(word, value) for every member of an enum, in declaration order."""
    return [(enum_label(member), str(member)) for member in enum]


def iso_date(value: Any) -> str:
    return "—" if value is None else value.isoformat()


def _days(value: Any) -> str:
    return "—" if value is None else str(value)


SHOP_COLUMNS: tuple[Column, ...] = (
    Column("code", QT_TRANSLATE_NOOP("Columns", "Code"), sort="code"),
    Column("name", QT_TRANSLATE_NOOP("Columns", "Shop"), sort="name"),
    Column("channel", QT_TRANSLATE_NOOP("Columns", "Channel"), sort="channel", fmt=enum_label),
    Column("tier", word("tier"), sort="tier", fmt=enum_label),
    Column("county", QT_TRANSLATE_NOOP("Columns", "County"), sort="county"),
    Column("owner", QT_TRANSLATE_NOOP("Columns", "Owner"), sort="owner"),
    Column("level", QT_TRANSLATE_NOOP("Columns", "Level"), sort="level", fmt=stars),
    Column(
        "last_visit", QT_TRANSLATE_NOOP("Columns", "Last visit"), sort="last_visit", fmt=iso_date
    ),
    Column(
        "days_since",
        QT_TRANSLATE_NOOP("Columns", "Days since"),
        sort="days_since",
        fmt=_days,
        align_right=True,
    ),
    Column(
        "cloud_store",
        QT_TRANSLATE_NOOP("Columns", "Cloud store"),
        sort="cloud_store",
        fmt=enum_label,
    ),
)

_SHOP_SAMPLES: dict[str, Sample] = {
    "code": ("HN00010148",),
    "channel": Channel,
    "tier": Tier,
    "county": ("确山县县",),
    "owner": PERSON_SAMPLE,
    "level": (stars(5),),
    "last_visit": DATE_SAMPLE,
    "days_since": ("9999",),
    "cloud_store": CloudStore,
}


# --------------------------------------------------------------------------- the dialog


class ShopDialog(QDialog):
    """Create a shop and its owner (one transaction), or edit both.

    Every field is checked as it is typed; Save checks again and writes nothing unless
    everything is valid, showing each message next to its field (``<field>Error``).
    After a successful save ``saved_shop_id`` names the shop.
    """

    def __init__(
        self, ctx: AppContext, shop_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("shopDialog")
        self.shop_id = shop_id
        self.owner_id: str | None = None
        self.saved_shop_id: str | None = None
        self._county_error: FieldError | None = None

        self.shop_form = Form(Shop, "ShopDialog", base=self._shop_base)
        self.shop_form.setObjectName("shopForm")
        f = self.shop_form
        f.add_line("name", QT_TRANSLATE_NOOP("ShopDialog", "Shop name"))
        f.add_line(
            "code",
            QT_TRANSLATE_NOOP("ShopDialog", "Code"),
            placeholder=QT_TRANSLATE_NOOP("ShopDialog", "Head-office code, e.g. HN-0001"),
        )
        f.add_choice("channel", QT_TRANSLATE_NOOP("ShopDialog", "Channel"), Channel)
        f.add_choice("tier", word("tier"), Tier)
        # A county is a reference, not an enum: the form has no editor for it, so it is
        # a combo in the form's layout with its own message label.
        self.county, self.county_label, self.county_error = self._extra_combo("county_id")
        self.county.activated.connect(lambda _i: self._check_county())
        f.add_line("address", QT_TRANSLATE_NOOP("ShopDialog", "Address"))
        f.add_line(
            "phone",
            QT_TRANSLATE_NOOP("ShopDialog", "Phone"),
            placeholder=QT_TRANSLATE_NOOP("ShopDialog", "Mobile, or area code and number"),
        )
        f.add_line(
            "latitude",
            QT_TRANSLATE_NOOP("ShopDialog", "GPS latitude"),
            placeholder=QT_TRANSLATE_NOOP("ShopDialog", "e.g. 34.7466"),
        )
        f.add_line(
            "longitude",
            QT_TRANSLATE_NOOP("ShopDialog", "GPS longitude"),
            placeholder=QT_TRANSLATE_NOOP("ShopDialog", "e.g. 113.6253"),
        )
        # Not add_choice: its words come from labels.choices, which reads CloudStore.NONE
        # as "None seen" (see enum_label).
        self.cloud, self.cloud_label, _error = self._extra_combo("cloud_store")
        # The day plan (PJP): route days, the shop's own visit frequency, opening hours.
        self.route_days = RouteDaysEdit()
        f.add_widget(
            "route_days",
            QT_TRANSLATE_NOOP("ShopDialog", "Route days"),
            self.route_days,
            self.route_days.value,
            self.route_days.setValue,
            self.route_days.changed,
        )
        self.every_days = f.add_int(
            "visit_every_days",
            QT_TRANSLATE_NOOP("ShopDialog", "Visit every (days)"),
            minimum=1,
            maximum=365,
            optional=True,
        )
        f.add_line(
            "opens_at",
            QT_TRANSLATE_NOOP("ShopDialog", "Opens at"),
            placeholder=QT_TRANSLATE_NOOP("ShopDialog", "e.g. 08:30"),
        )
        f.add_line(
            "closes_at",
            QT_TRANSLATE_NOOP("ShopDialog", "Closes at"),
            placeholder=QT_TRANSLATE_NOOP("ShopDialog", "e.g. 21:00"),
        )
        f.add_text("notes", QT_TRANSLATE_NOOP("ShopDialog", "Notes"), lines=2)

        self.owner_form = Form(Owner, "ShopDialog", base=lambda: {"shop_id": "new"})
        self.owner_form.setObjectName("ownerForm")
        o = self.owner_form
        o.add_line("name", QT_TRANSLATE_NOOP("ShopDialog", "Owner name"))
        o.add_line("mobile", QT_TRANSLATE_NOOP("ShopDialog", "Mobile"))
        o.add_line("wechat", QT_TRANSLATE_NOOP("ShopDialog", "WeChat ID"))
        o.add_int(
            "level", QT_TRANSLATE_NOOP("ShopDialog", "Relationship level"), minimum=1, maximum=5
        )
        o.add_date("birthday", QT_TRANSLATE_NOOP("ShopDialog", "Birthday"))
        o.add_text("cares_about", QT_TRANSLATE_NOOP("ShopDialog", "Cares about"), lines=3)

        self.shop_box = QGroupBox()
        shop_column = QVBoxLayout(self.shop_box)
        # The shop's fields scroll inside the box: with the day plan's rows the form is
        # taller than a 1366x768 screen leaves for a dialog.
        shop_scroll = QScrollArea()
        shop_scroll.setObjectName("shopFormScroll")
        shop_scroll.setWidgetResizable(True)
        shop_scroll.setFrameShape(QFrame.Shape.NoFrame)
        shop_scroll.setWidget(self.shop_form)
        shop_column.addWidget(shop_scroll, 1)
        self.owner_box = QGroupBox()
        owner_column = QVBoxLayout(self.owner_box)
        owner_column.addWidget(self.owner_form)
        owner_column.addStretch(1)
        forms = QHBoxLayout()
        forms.addWidget(self.shop_box, 3)
        forms.addWidget(self.owner_box, 2)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.setObjectName("shopDialogButtons")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(forms)
        layout.addWidget(self.buttons)

        self._fill_counties()
        self._fill_cloud()
        self._load()
        self.retranslate()
        self.resize(880, 660)

    def _extra_combo(self, name: str) -> tuple[QComboBox, QLabel, QLabel]:
        """A combo (objectName ``name``) with its label and message in the shop form."""
        combo = QComboBox()
        combo.setObjectName(name)
        caption = QLabel()
        caption.setBuddy(combo)
        error = QLabel()
        error.setObjectName(f"{name}Error")
        error.setStyleSheet(ERROR_STYLE)
        error.hide()
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(combo)
        column.addWidget(error)
        cast(QFormLayout, self.shop_form.layout()).addRow(caption, box)
        return combo, caption, error

    # ------------------------------------------------------------------ data

    def _shop_base(self) -> dict[str, Any]:
        # The form validates a whole row: county and cloud store come from their combos.
        return {
            "county_id": self.county.currentData() or "?",
            "cloud_store": self.cloud.currentData(),
        }

    def _fill_counties(self) -> None:
        counties = [(c.name, c.id) for c in self.ctx.store.counties.list(order_by="name")]
        refill_combo(self.county, [(self.tr("Choose a county"), None), *counties])

    def _fill_cloud(self) -> None:
        refill_combo(self.cloud, enum_choices(CloudStore))

    def set_county(self, county_id: str | None) -> None:
        self.county.setCurrentIndex(max(self.county.findData(county_id), 0))

    def _load(self) -> None:
        if self.shop_id is None:
            self.shop_form.set_values({"channel": Channel.CONVENIENCE, "tier": Tier.C})
            self.cloud.setCurrentIndex(0)
            # Every field explicitly: an optional date editor left alone reads 2000-01-01.
            self.owner_form.set_values(dict.fromkeys(self.owner_form.names()) | {"level": 1})
            return
        shop = self.ctx.store.shops.get(self.shop_id)
        self.shop_form.set_values(shop.model_dump())
        self.set_county(shop.county_id)
        self.cloud.setCurrentIndex(max(self.cloud.findData(str(shop.cloud_store)), 0))
        detail = shop_detail(self.ctx.store.db, self.shop_id)
        if detail is not None and detail.owner is not None:
            self.owner_id = detail.owner.id
            self.owner_form.set_values(self.ctx.store.owners.get(self.owner_id).model_dump())
        else:
            self.owner_form.set_values(dict.fromkeys(self.owner_form.names()) | {"level": 1})

    def _check_county(self) -> bool:
        if self.county.currentData() is None:
            self._show_county_error(FieldError("county_id", "required"))
            return False
        self._show_county_error(None)
        return True

    def _show_county_error(self, error: FieldError | None) -> None:
        self._county_error = error
        if error is None:
            self.county_error.hide()
            self.county_error.clear()
        else:
            self.county_error.setText(field_error_text(error))
            self.county_error.show()

    def save(self) -> bool:
        """Validate both forms and write shop and owner in one transaction; True when saved."""
        shop_errors = self.shop_form.check()
        owner_errors = self.owner_form.check()
        county_ok = self._check_county()
        if shop_errors or owner_errors or not county_ok:
            self._focus_first_error()
            return False
        store = self.ctx.store
        shop_data = {
            **self.shop_form.values(),
            "county_id": self.county.currentData(),
            "cloud_store": self.cloud.currentData(),
        }
        owner_data = self.owner_form.values()
        if self.shop_id is None:
            matches = duplicates.shop_matches(
                store,
                name=shop_data.get("name"),
                phone=shop_data.get("phone"),
                latitude=shop_data.get("latitude"),
                longitude=shop_data.get("longitude"),
                county_id=shop_data.get("county_id"),
            )
            if not go_ahead(self, matches):
                return False
        try:
            with store.transaction():
                if self.shop_id is None:
                    rep = (
                        store.user_id if store.user_id and store.users.find(store.user_id) else None
                    )
                    shop = store.shops.create(**shop_data, rep_id=rep)
                    store.owners.create(shop_id=shop.id, **owner_data)
                else:
                    shop = store.shops.update(self.shop_id, **shop_data)
                    if self.owner_id is not None:
                        store.owners.update(self.owner_id, **owner_data)
                    else:
                        store.owners.create(shop_id=shop.id, **owner_data)
        except ValidationError as exc:
            self._show_store_errors(exc)
            return False
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return False
        self.saved_shop_id = shop.id
        self.ctx.notify("shops", "owners")
        self.accept()
        return True

    def _show_store_errors(self, exc: ValidationError) -> None:
        """Messages the store found on save (a duplicate code …) next to their fields."""
        form = self.owner_form if exc.entity == "owners" else self.shop_form
        shown = [e for e in exc.errors if e.field in form.names()]
        form.show_errors(shown)
        county = next((e for e in exc.errors if e.field == "county_id"), None)
        if exc.entity == "shops" and county is not None:
            self._show_county_error(county)
        if not shown and county is None:
            self.ctx.errors.show(exc)
        self._focus_first_error()

    def _focus_first_error(self) -> None:
        for form in (self.shop_form, self.owner_form):
            for name in form.names():
                if name in form.errors:
                    form.editor(name).setFocus()
                    return
        if self._county_error is not None:
            self.county.setFocus()

    # ------------------------------------------------------------------ language

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New shop") if self.shop_id is None else self.tr("Edit shop"))
        self.shop_box.setTitle(self.tr("Shop"))
        self.owner_box.setTitle(self.tr("Owner"))
        self.county_label.setText(self.tr("County"))
        self.county.setItemText(0, self.tr("Choose a county"))
        self.cloud_label.setText(self.tr("Cloud store"))
        self.every_days.setToolTip(self.tr("Empty: the team's default for the tier"))
        self._fill_cloud()
        if self._county_error is not None:
            self.county_error.setText(field_error_text(self._county_error))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


# --------------------------------------------------------------------------- the page


class ShopsPage(Page):
    """All shops: search, filters, a sortable table; opens the shop page."""

    page_id = "shops"
    title_source = QT_TRANSLATE_NOOP("MainWindow", "Shops")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._dirty = True
        self.counter = ShopCounter(ctx, self)
        self.dialog: ShopDialog | None = None

        # Typing restarts the timer: the list is searched once typing pauses.
        self._search_later = QTimer(self)
        self._search_later.setSingleShot(True)
        self._search_later.setInterval(SEARCH_DELAY_MS)
        self._search_later.timeout.connect(self.apply_filters)
        self._reload_later = QTimer(self)
        self._reload_later.setSingleShot(True)
        self._reload_later.setInterval(0)
        self._reload_later.timeout.connect(self.apply_filters)
        self.search = QLineEdit()
        self.search.setObjectName("shopSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(360)
        self.search.textChanged.connect(lambda _t: self._search_later.start())
        self.search.returnPressed.connect(self._search_enter)
        self.search.installEventFilter(self)

        self.new_button = QPushButton()
        self.new_button.setObjectName("newShop")
        self.new_button.clicked.connect(self.new_shop)

        self.county_filter = self._combo("countyFilter")
        self.tier_filter = self._combo("tierFilter")
        self.channel_filter = self._combo("channelFilter")
        self.level_filter = self._combo("levelFilter")
        self.overdue_filter = QCheckBox()
        self.overdue_filter.setObjectName("overdueFilter")
        self.overdue_filter.toggled.connect(lambda _on: self.apply_filters())
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.setFlat(True)
        self.clear_button.clicked.connect(self.clear_filters)

        self.model = self.make_model(self)
        self._count = ListCount(self.counter, self.model, self._update_count)
        self.model.modelReset.connect(self._model_reset)
        self.table = OpenTable()
        self.table.setObjectName("shopTable")
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        # No sort indicator at first: the best search matches come first.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setSortingEnabled(True)
        self.table.fit_columns(_SHOP_SAMPLES, stretch="name")
        self.table.opened.connect(self._open_row)
        self.count_label = QLabel()
        self.count_label.setObjectName("shopCount")

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        filters = QHBoxLayout()
        self.filter_label = QLabel()
        filters.addWidget(self.filter_label)
        for widget in (self.county_filter, self.tier_filter, self.channel_filter):
            filters.addWidget(widget)
        filters.addWidget(self.level_filter)
        filters.addWidget(self.overdue_filter)
        filters.addWidget(self.clear_button)
        self.scope = ScopeSwitch(ctx)  # a rep's own shops, or the whole team's
        self.scope.changed.connect(lambda _mine: self.apply_filters())
        filters.addWidget(self.scope)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

        ctx.signals.changed.connect(self._changed)
        self._counties: list[tuple[str, str]] = []
        self._load_counties()
        self.retranslate()

    # ------------------------------------------------------------------ building

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        return combo

    def _load_counties(self) -> None:
        self._counties = [(c.name, c.id) for c in self.ctx.store.counties.list(order_by="name")]
        self._fill_filters()

    def _fill_filters(self) -> None:
        # No store access here: it also runs on a language change.
        refill_combo(self.county_filter, [(self.tr("All counties"), None), *self._counties])
        refill_combo(
            self.tier_filter,
            [(self.tr("All tiers"), None), *enum_choices(Tier)],
        )
        refill_combo(
            self.channel_filter,
            [(self.tr("All channels"), None), *enum_choices(Channel)],
        )
        refill_combo(
            self.level_filter,
            [(self.tr("All levels"), None), *((stars(n), n) for n in range(5, 0, -1))],
        )

    # ------------------------------------------------------------------ queries

    def filters(self) -> dict[str, Any]:
        """The filters as chosen now (keyword arguments of the view queries)."""
        return {
            "text": self.search.text(),
            "county_id": self.county_filter.currentData(),
            "tier": self.tier_filter.currentData(),
            "channel": self.channel_filter.currentData(),
            "level": self.level_filter.currentData(),
            "overdue": self.overdue_filter.isChecked(),
            "today": self.ctx.today(),
            "rep_id": self.scope.rep_id(),
        }

    def make_model(self, parent: QObject | None = None) -> ShopTableModel:
        """A shop table model over this page's search and filters."""
        # A screenful and a little more: the rest comes as the user scrolls (fetchMore).
        return ShopTableModel(SHOP_COLUMNS, self._fetch, page_size=60, parent=parent)

    def _fetch(self, order: str | None, desc: bool, limit: int, offset: int) -> Rows:
        # A broad search's page comes without its count (views_shops_first): the
        # counter brings that after (apply_filters).
        rows, total = shop_page_uncounted(
            self.ctx.store.db,
            **self.filters(),
            order_by=order,
            descending=desc,
            limit=limit,
            offset=offset,
        )
        return Rows(rows, total)

    def apply_filters(self) -> None:
        """Query the list again with the current search text and filters; count the
        matches on a worker when the first page did not tell how many."""
        self._search_later.stop()
        self._reload_later.stop()
        selected = self.selected_shop_id()
        self._count.forget()  # counted again, even for the same filters (a write)
        self.model.reload()
        self._dirty = False
        self._select(selected)

    def _model_reset(self) -> None:
        """After the rows were read again (new filters, a sort): the count of the filters
        they were read with."""
        self._count.rows_read(self.filters())

    def clear_filters(self) -> None:
        for combo in (self.county_filter, self.tier_filter, self.channel_filter, self.level_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.overdue_filter.blockSignals(True)
        self.overdue_filter.setChecked(False)
        self.overdue_filter.blockSignals(False)
        self.apply_filters()

    def _update_count(self) -> None:
        n = self.model.known_total()
        if n is None:
            # Never a number of an older search: none until this one's is counted.
            self.count_label.setText(self.tr("Counting shops…"))
            return
        text = self.tr("1 shop") if n == 1 else self.tr("%1 shops").replace("%1", f"{n:,}")
        self.count_label.setText(text)

    def selected_shop_id(self) -> str | None:
        row = (
            self.table.currentIndex().data(ROW_ROLE)
            if self.table.currentIndex().isValid()
            else None
        )
        return row.id if isinstance(row, ShopRow) else None

    def _select(self, shop_id: str | None) -> None:
        if shop_id is None:
            return
        for i in range(self.model.rowCount()):
            row = self.model.row_at(i)
            if row is not None and row.id == shop_id:
                self.table.selectRow(i)
                return

    # ------------------------------------------------------------------ actions

    def _open_row(self, row: object) -> None:
        if isinstance(row, ShopRow):
            self.ctx.go("shop", row.id)

    def _search_enter(self) -> None:
        # Enter in the search box: search now, then open the chosen (or the first) shop.
        if self._search_later.isActive():
            self.apply_filters()
        self.table.open_current()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount()
        ):
            self.table.setFocus()
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    def new_shop(self) -> ShopDialog:
        """Open the new-shop dialog (window-modal, not blocking); returns it."""
        dialog = ShopDialog(self.ctx, parent=self)
        dialog.set_county(self.county_filter.currentData())
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self._created(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _created(self, dialog: ShopDialog) -> None:
        self.apply_filters()
        if dialog.saved_shop_id is not None:
            self.ctx.go("shop", dialog.saved_shop_id)

    def _changed(self, table: str) -> None:
        if table == "counties":
            self._load_counties()
        if table in ("shops", "owners", "visits", "counties", "interactions"):
            self._dirty = True
            if self.isVisible():
                # One save notifies several tables: re-query once, when control returns.
                self._reload_later.start()

    # ------------------------------------------------------------------ Page API

    def open(self, arg: object = None) -> None:
        if self._dirty:
            self.refresh()
        if "fieldapp.pinyin" not in sys.modules:
            # Once the page is shown, before the user can type.
            QTimer.singleShot(0, _load_search)

    def refresh(self) -> None:
        self._load_counties()
        self.apply_filters()

    def focus_search(self) -> bool:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
        return True

    def retranslate(self) -> None:
        self.search.setPlaceholderText(
            self.tr("Search shops: name, pinyin, initials, phone, code or owner")
        )
        self.new_button.setText(self.tr("New shop"))
        self.filter_label.setText(self.tr("Filter:"))
        self.overdue_filter.setText(self.tr("Overdue only"))
        self.overdue_filter.setToolTip(
            self.tr("Not visited for 7 days (tier A), 14 days (B) or 30 days (C), or never")
        )
        self.clear_button.setText(self.tr("Clear filters"))
        self._fill_filters()
        self.model.retranslate()
        self._update_count()


__all__ = [
    "DATE_SAMPLE",
    "PERSON_SAMPLE",
    "SHOP_COLUMNS",
    "OpenTable",
    "Sample",
    "ShopDialog",
    "ShopTableModel",
    "ShopsPage",
    "enum_choices",
    "enum_label",
    "iso_date",
    "stars",
]
