"""The KOC list: instant search, filters, a sortable paged table, and "New KOC".

Search matches Chinese names, full pinyin, pinyin initials and phone digits
(``fieldapp.store.views_kocs``); filters narrow by county, stage, consent and minimum
trait scores. Enter or a double-click opens the KOC page (``ctx.go("koc", id)``).
``open(arg)`` accepts ``{"county_id": …, "stage": …}`` to show a filtered list (the
counties page uses it). Also home of the small table helpers the KOC pages share.
Threading: UI thread. The list queries are paged and indexed (< 50 ms on a team store);
a broad search over the whole store shows its first page before its count, which a
worker brings (``views_kocs_first``, ``list_count``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from fieldapp.errors import FieldappError, FieldError, ValidationError
from fieldapp.model import ConsentMethod, Koc, KocStage
from fieldapp.store import duplicates, views_kocs
from fieldapp.store.views_kocs_first import koc_rows_uncounted
from fieldapp.validation import check_form
from ui.translate_noop import QT_TRANSLATE_NOOP

from ..context import AppContext
from ..duplicates import go_ahead
from ..forms import ERROR_STYLE, Form, refill_combo
from ..labels import TRAIT_FIELDS, choices, field_error_text, label, translate_in, word
from ..models import Column
from ..numbers import NumberEdit
from ..page import Page
from ..scope import ScopeSwitch
from .list_count import ListCount, ListCounter
from .list_model import Rows, UncountedTableModel

HEADING_STYLE = "font-size: 20px; font-weight: 600;"
MUTED_STYLE = "color: #5f6b7a;"


# --------------------------------------------------------------------------- shared helpers


class RowTable(QTableView):
    """A read-only table of whole rows; Enter or a double-click emits ``rowActivated``."""

    rowActivated = Signal(int)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.doubleClicked.connect(lambda index: self.rowActivated.emit(index.row()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.rowActivated.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1


def consent_text(value: Any) -> str:
    if value:
        return QCoreApplication.translate("KocsPage", "Given")
    return QCoreApplication.translate("KocsPage", "Not given")


def fill_counties(combo: QComboBox, ctx: AppContext, *, any_text: str | None) -> None:
    """(Re)fill a county combo from the store, keeping the current choice."""
    counties = [(c.name, c.id) for c in ctx.store.counties.list(order_by="name")]
    refill_combo(combo, counties if any_text is None else [(any_text, None), *counties])


def error_label(name: str) -> QLabel:
    """A red message under a field, like the ones ``Form`` makes (``<field>Error``)."""
    lab = QLabel()
    lab.setObjectName(f"{name}Error")
    lab.setStyleSheet(ERROR_STYLE)
    lab.setWordWrap(True)
    lab.hide()
    return lab


def first_error(errors: list[FieldError], field: str) -> FieldError | None:
    return next((e for e in errors if e.field == field), None)


def show_error(lab: QLabel, error: FieldError | None) -> None:
    if error is None:
        lab.clear()
        lab.hide()
    else:
        lab.setText(field_error_text(error))
        lab.show()


# --------------------------------------------------------------------------- the list page

#: The trait filters: the minimum of each trait (labels: ui/labels.py, one set everywhere).
_TRAITS: tuple[tuple[str, str], ...] = tuple(
    ("min_" + name.removeprefix("trait_"), word(name)) for name in TRAIT_FIELDS
)

COLUMNS = (
    Column("name", QT_TRANSLATE_NOOP("Columns", "Name"), sort="name"),
    Column("county", QT_TRANSLATE_NOOP("Columns", "County"), sort="county"),
    Column("stage", QT_TRANSLATE_NOOP("Columns", "Stage"), sort="stage", fmt=label),
    *(
        Column(name, word(name), sort=name.removeprefix("trait_"), align_right=True)
        for name in TRAIT_FIELDS
    ),
    Column("total", QT_TRANSLATE_NOOP("Columns", "Total"), sort="total", align_right=True),
    Column("consent", QT_TRANSLATE_NOOP("Columns", "Consent"), sort="consent", fmt=consent_text),
    Column("shops", QT_TRANSLATE_NOOP("Columns", "Shops"), sort="shops", align_right=True),
    Column("groups", QT_TRANSLATE_NOOP("Columns", "Groups"), sort="groups", align_right=True),
)


class KocsPage(Page):
    page_id = "kocs"
    title_source = QT_TRANSLATE_NOOP("MainWindow", "KOCs")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._filters: dict[str, Any] = {}
        self._stale = True
        self.heading = QLabel()
        self.heading.setObjectName("kocsHeading")
        self.heading.setStyleSheet(HEADING_STYLE)
        self.count_label = QLabel()
        self.count_label.setObjectName("kocCount")
        self.count_label.setStyleSheet(MUTED_STYLE)
        self.new_button = QPushButton()
        self.new_button.setObjectName("newKoc")
        self.new_button.clicked.connect(self.new_koc)

        self.search = QLineEdit()
        self.search.setObjectName("kocSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._open_first)
        self.search.installEventFilter(self)
        self.county = QComboBox()
        self.county.setObjectName("kocCountyFilter")
        self.county.setMinimumContentsLength(6)
        self.stage = QComboBox()
        self.stage.setObjectName("kocStageFilter")
        self.consent = QComboBox()
        self.consent.setObjectName("kocConsentFilter")
        self.min_total_label = QLabel()
        # Empty means any KOC (4 is the lowest possible total).
        self.min_total = NumberEdit(minimum=4, maximum=20, optional=True)
        self.min_total.setObjectName("kocMinTotal")
        self.min_total.setMaximumWidth(56)
        self.min_total_label.setBuddy(self.min_total)
        self.traits_button = QToolButton()
        self.traits_button.setObjectName("kocTraitFilter")
        self.traits_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.traits_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.traits_button.setMinimumWidth(90)
        self.trait_spins: dict[str, NumberEdit] = {}
        self.trait_labels: dict[str, QLabel] = {}
        self._build_trait_menu()
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("kocClearFilters")
        self.clear_button.setFlat(True)
        self.clear_button.clicked.connect(self.clear_filters)
        for combo in (self.county, self.stage, self.consent):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.min_total.textChanged.connect(lambda _v: self.apply_filters())

        self.model = UncountedTableModel(COLUMNS, self._fetch, page_size=200)
        # A broad search's first page comes without its count: a worker counts it.
        self.counter = ListCounter(ctx, views_kocs.koc_count, self)
        self._count = ListCount(self.counter, self.model, self._update_count)
        self.model.modelReset.connect(self._model_reset)
        self.table = RowTable("kocTable")
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # search rank, then name
        self.table.setSortingEnabled(True)
        # Sized once per language, not on every reload: ResizeToContents re-measures all
        # loaded rows after each query, which costs more than the query itself.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.rowActivated.connect(self._open_row)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addSpacing(12)
        top.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch(1)
        top.addWidget(self.new_button)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.county, 1)
        filters.addWidget(self.stage, 1)
        filters.addWidget(self.consent, 1)
        self.scope = ScopeSwitch(ctx)  # a rep's own KOCs, or the whole team's
        self.scope.changed.connect(lambda _mine: self.apply_filters())
        filters.addWidget(self.scope)
        filters.addWidget(self.min_total_label)
        filters.addWidget(self.min_total)
        filters.addWidget(self.traits_button)
        filters.addWidget(self.clear_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 12, 16, 8)
        column.addLayout(top)
        column.addLayout(filters)
        column.addWidget(self.table, 1)

        self._debounce: QTimer = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.apply_filters)
        ctx.signals.changed.connect(self._store_changed)
        self.retranslate()
        fill_counties(self.county, ctx, any_text=self.tr("All counties"))
        self.apply_filters()

    # ------------------------------------------------------------------ building

    def _build_trait_menu(self) -> None:
        menu = QMenu(self.traits_button)
        menu.setObjectName("kocTraitMenu")
        box = QWidget()
        form = QFormLayout(box)
        form.setContentsMargins(12, 8, 12, 8)
        for key, _source in _TRAITS:
            # Empty means any (1 is the lowest score).
            spin = NumberEdit(minimum=1, maximum=5, optional=True)
            spin.setObjectName("kocMin" + key.removeprefix("min_").title())
            spin.setMaximumWidth(56)
            spin.textChanged.connect(lambda _v: self.apply_filters())
            lab = QLabel()
            lab.setBuddy(spin)
            form.addRow(lab, spin)
            self.trait_spins[key] = spin
            self.trait_labels[key] = lab
        action = QWidgetAction(menu)
        action.setDefaultWidget(box)
        menu.addAction(action)
        self.traits_button.setMenu(menu)

    # ------------------------------------------------------------------ filters and data

    def filters(self) -> dict[str, Any]:
        """The current filters as keyword arguments of ``views_kocs.koc_rows``."""
        out: dict[str, Any] = {
            "search": self.search.text().strip() or None,
            "county_id": self.county.currentData(),
            "stage": self.stage.currentData(),
            "consent": self.consent.currentData(),
            "min_total": _at_least(self.min_total, 4),
            "rep_id": self.scope.rep_id(),
        }
        for key, spin in self.trait_spins.items():
            out[key] = _at_least(spin, 1)
        return out

    def _fetch(self, order: str | None, desc: bool, limit: int, offset: int) -> Rows:
        rows, total = koc_rows_uncounted(
            self.ctx.store.db,
            **self._filters,
            sort=order,
            descending=desc,
            limit=limit,
            offset=offset,
        )
        return Rows(rows, total)

    def _model_reset(self) -> None:
        # The rows were read again (new filters, a sort): the count of their filters.
        self._count.rows_read(self._filters)

    def apply_filters(self) -> None:
        """Query again with what the filters say now (keeps the selected KOC if still listed)."""
        self._debounce.stop()
        self._filters = self.filters()
        current = self.model.row_at(self.table.current_row())
        self._count.forget()  # counted again, even for the same filters (a write)
        self.model.reload()
        self._stale = False
        if current is not None:
            for row in range(self.model.rowCount()):
                if self.model.row_at(row).id == current.id:
                    self.table.selectRow(row)
                    break
        self._update_count()
        self._update_trait_button()

    def clear_filters(self) -> None:
        widgets = [
            self.county,
            self.stage,
            self.consent,
            self.min_total,
            *self.trait_spins.values(),
        ]
        for w in widgets:
            w.blockSignals(True)
        self.county.setCurrentIndex(0)
        self.stage.setCurrentIndex(0)
        self.consent.setCurrentIndex(0)
        self.min_total.setValue(None)
        for spin in self.trait_spins.values():
            spin.setValue(None)
        for w in widgets:
            w.blockSignals(False)
        self.search.clear()
        self.apply_filters()

    def _update_count(self) -> None:
        n = self.model.known_total()
        if n is None:
            # Never a number of an older search: none until this one's is counted.
            self.count_label.setText(self.tr("Counting KOCs…"))
            return
        self.count_label.setText(self.tr("%1 KOCs").replace("%1", f"{n:,}"))

    def _update_trait_button(self) -> None:
        active = sum(1 for spin in self.trait_spins.values() if _at_least(spin, 1) is not None)
        if active:
            self.traits_button.setText(self.tr("Traits (%1)").replace("%1", str(active)))
        else:
            self.traits_button.setText(self.tr("Traits"))

    def _store_changed(self, table: str) -> None:
        if table == "counties":
            fill_counties(self.county, self.ctx, any_text=self.tr("All counties"))
        if table in ("kocs", "koc_shops", "community_groups", "counties"):
            if self.isVisible():
                self.apply_filters()
            else:
                self._stale = True

    # ------------------------------------------------------------------ Page API

    def open(self, arg: object = None) -> None:
        if isinstance(arg, dict):
            fill_counties(self.county, self.ctx, any_text=self.tr("All counties"))
            for key, combo in (("county_id", self.county), ("stage", self.stage)):
                if key in arg:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(max(combo.findData(arg[key]), 0))
                    combo.blockSignals(False)
            self._stale = True
        # Coming back from a KOC unchanged keeps the scroll position and selection.
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        fill_counties(self.county, self.ctx, any_text=self.tr("All counties"))
        self.apply_filters()

    def focus_search(self) -> bool:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
        return True

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        # Down from the search box goes to the list, so the keyboard alone finds and opens.
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

    def _open_row(self, row: int) -> None:
        koc = self.model.row_at(row)
        if koc is not None:
            self.ctx.go("koc", koc.id)

    def _open_first(self) -> None:
        row = max(self.table.current_row(), 0)
        if self.model.rowCount():
            self._open_row(row)

    # ------------------------------------------------------------------ new KOC

    def new_koc_dialog(self) -> NewKocDialog:
        """The "New KOC" dialog, not yet shown (tests drive it directly)."""
        dialog = NewKocDialog(self.ctx, self, county_id=self.county.currentData())
        dialog.created.connect(lambda koc_id: self.ctx.go("koc", koc_id))
        return dialog

    def new_koc(self) -> None:
        dialog = self.new_koc_dialog()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # ------------------------------------------------------------------ language

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.new_button.setText(self.tr("New KOC…"))
        self.search.setPlaceholderText(self.tr("Search: name, pinyin, initials or phone"))
        if self.county.count():
            self.county.setItemText(0, self.tr("All counties"))
        stages = [(text, value) for value, text in choices(KocStage)]
        refill_combo(self.stage, [(self.tr("All stages"), None), *stages])
        refill_combo(
            self.consent,
            [
                (self.tr("Consent: any"), None),
                (self.tr("Consent given"), True),
                (self.tr("No consent"), False),
            ],
        )
        self.min_total_label.setText(self.tr("Total score at least"))
        self.min_total.setPlaceholderText(self.tr("any"))
        self.min_total.setToolTip(self.tr("The four traits added up (4 to 20)"))
        for key, source in _TRAITS:
            self.trait_labels[key].setText(translate_in("KocsPage", source))
            self.trait_spins[key].setPlaceholderText(self.tr("any"))
        self.traits_button.setToolTip(self.tr("Minimum score per trait"))
        self.clear_button.setText(self.tr("Clear filters"))
        self._update_trait_button()
        self._update_count()
        self.model.retranslate()
        self._size_columns()

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        samples = {
            "county": ["确山县县"],
            "stage": [label(s) for s in KocStage],
            "consent": [consent_text(True), consent_text(False)],
        }
        for i, col in enumerate(COLUMNS[1:], start=1):
            texts = [
                QCoreApplication.translate("Columns", col.header),
                *samples.get(col.key, ["20"]),
            ]
            header.resizeSection(i, max(metrics.horizontalAdvance(t) for t in texts) + 24)


# --------------------------------------------------------------------------- new KOC dialog


class NewKocDialog(QDialog):
    """Name, county, stage, the four traits, consent (when and how) and contact.

    Validated as the user types; OK stays disabled while anything is wrong. Contact
    fields are enabled only with consent ticked (PIPL: no contact data without consent).
    """

    created = Signal(str)

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, county_id: str | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("newKocDialog")
        self.setMinimumWidth(460)
        ctx_name = "NewKocDialog"
        self.form = Form(Koc, ctx_name, base=self._base)
        self.form.add_line("name", QT_TRANSLATE_NOOP("NewKocDialog", "Name"))
        self.county = QComboBox()
        self.county.setObjectName("county_id")
        fill_counties(self.county, ctx, any_text=None)
        if county_id is not None:
            self.county.setCurrentIndex(max(self.county.findData(county_id), 0))
        self.county_label = QLabel()
        self.county_error = error_label("county_id")
        county_box = QWidget()
        county_col = QVBoxLayout(county_box)
        county_col.setContentsMargins(0, 0, 0, 0)
        county_col.setSpacing(2)
        county_col.addWidget(self.county)
        county_col.addWidget(self.county_error)
        form_layout = self.form.layout()
        assert isinstance(form_layout, QFormLayout)
        form_layout.addRow(self.county_label, county_box)
        self.county.currentIndexChanged.connect(lambda _i: self._changed("county_id"))
        self.form.add_choice("stage", QT_TRANSLATE_NOOP("NewKocDialog", "Stage"), KocStage)
        for name in TRAIT_FIELDS:
            self.form.add_int(name, word(name), minimum=1, maximum=5).setValue(3)
        self.consent = self.form.add_check(
            "consent", QT_TRANSLATE_NOOP("NewKocDialog", "Agreed to be contacted")
        )
        self.form.add_datetime("consent_at", QT_TRANSLATE_NOOP("NewKocDialog", "Consent given on"))
        self.form.add_choice(
            "consent_method",
            QT_TRANSLATE_NOOP("NewKocDialog", "Consent given by"),
            ConsentMethod,
            optional=True,
        )
        self.contact_note = QLabel()
        self.contact_note.setObjectName("contactNote")
        self.contact_note.setWordWrap(True)
        self.contact_note.setStyleSheet(MUTED_STYLE)
        form_layout.addRow(self.contact_note)
        self.mobile = self.form.add_line(
            "mobile", QT_TRANSLATE_NOOP("NewKocDialog", "Mobile"), placeholder="138 0013 8000"
        )
        self.wechat = self.form.add_line("wechat", QT_TRANSLATE_NOOP("NewKocDialog", "WeChat ID"))
        self.form.add_text("notes", QT_TRANSLATE_NOOP("NewKocDialog", "Notes"), lines=2)
        # An optional date editor starts at Qt's default date (2000-01-01), not blank.
        self.form.set_values({"consent_at": None})
        self.form.edited.connect(self._changed)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.setObjectName("newKocButtons")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("newKocOk")
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self._contact_enabled(False)
        self._update_ok()
        self.retranslate()
        self.form.editor("name").setFocus()

    def _base(self) -> dict[str, Any]:
        return {"county_id": self.county.currentData()}

    def values(self) -> dict[str, Any]:
        values = {**self.form.values(), "county_id": self.county.currentData()}
        if not values.get("consent"):
            values["mobile"] = values["wechat"] = None
        return values

    def _problems(self) -> list[FieldError]:
        return check_form(Koc, self.values())

    def _changed(self, name: str) -> None:
        if name == "consent":
            given = bool(self.form.value("consent"))
            if given and self.form.value("consent_at") is None:
                # Consent is usually recorded the moment it is given; the rep can change it.
                now = self.ctx.store.now().replace(second=0, microsecond=0)
                self.form.set_values({"consent_at": now})
            self._contact_enabled(given)
            self.form.check()
        if name == "county_id":
            self.form.check()
        show_error(
            self.county_error,
            first_error(self._problems(), "county_id"),
        )
        self._update_ok()

    def _contact_enabled(self, enabled: bool) -> None:
        for edit in (self.mobile, self.wechat):
            if not enabled:
                edit.clear()
            edit.setEnabled(enabled)
        self.contact_note.setVisible(not enabled)

    def _update_ok(self) -> None:
        self.ok.setEnabled(not self._problems())

    def save(self) -> None:
        """Create the KOC (attributed to this computer's user) and close; or show what is wrong."""
        problems = self._problems()
        if problems:
            self.form.show_errors(problems)
            show_error(self.county_error, first_error(problems, "county_id"))
            self._update_ok()
            return
        store = self.ctx.store
        values = self.values()
        if not go_ahead(self, duplicates.koc_matches(store, mobile=values.get("mobile"))):
            return
        try:
            koc = store.kocs.create(**values, rep_id=store.user_id)
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            show_error(self.county_error, first_error(exc.errors, "county_id"))
            return
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        self.ctx.notify("kocs", "koc_stage_changes")
        self.accept()
        self.created.emit(koc.id)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New KOC"))
        self.county_label.setText(self.tr("County"))
        self.contact_note.setText(
            self.tr("Contact details can be recorded only after the KOC agreed to be contacted.")
        )
        show_error(
            self.county_error,
            None if self.county_error.isHidden() else first_error(self._problems(), "county_id"),
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


__all__ = ["COLUMNS", "KocsPage", "NewKocDialog", "RowTable"]


def _at_least(edit: NumberEdit, lowest: int) -> int | None:
    """A "score at least" filter: None (any) when empty, at the lowest, or not a score the
    filter can take (the edit's own message says why; the text is never changed)."""
    value = edit.value()
    return int(value) if value is not None and value > lowest else None
