"""One KOC: traits, stage, consent and contact, notes, and what hangs off them.

Left: the profile (name, county, stage, the four traits), the consent record, the
contact details and notes. Right: tabs with the linked shops (who introduced them and
when), the community groups they run, the events they were invited to, and the stage
history. ``open(arg)`` takes the KOC id (or ``{"id": …}``).

Saving: every edit is validated as it is typed and saved on its own half a second after
the last keystroke (Ctrl+S, leaving the page or closing the window save at once); the
outbox folds the keystrokes of one field into one mutation. A stage change is saved at
once through ``store.kocs.set_stage`` and so lands in the stage history. Nothing invalid
is ever written: the message stays next to the field until it is fixed.

Contact details are shown masked and cannot be edited while the store holds no consent
(China's PIPL: contact only with consent); recording consent (when and how) unlocks them.
Threading: UI thread; each save is one small indexed write (a few ms).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QLocale,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError, FieldError, ValidationError
from fieldapp.model import (
    BUSINESS_UTC_OFFSET,
    CommunityGroup,
    ConsentMethod,
    GroupKind,
    Koc,
    KocShop,
    KocStage,
)
from fieldapp.store import views_kocs
from fieldapp.validation import check_form

from ..context import AppContext
from ..forms import Form
from ..labels import choices, label
from ..models import Column, QueryTableModel
from ..page import Page
from .kocs import (
    HEADING_STYLE,
    MUTED_STYLE,
    RowTable,
    error_label,
    fill_counties,
    first_error,
    show_error,
)

WARNING_STYLE = (
    "background: #fff4e5; color: #8a4b00; border: 1px solid #f0c36d;"
    " border-radius: 4px; padding: 6px;"
)
SAVE_DELAY_MS = 500
#: Tables whose changes (made elsewhere) the page shows.
_WATCHED = frozenset(
    (
        "kocs",
        "koc_shops",
        "koc_stage_changes",
        "community_groups",
        "invitations",
        "events",
        "shops",
        "owners",
        "counties",
    )
)


# --------------------------------------------------------------------------- formatting


def local_datetime(value: datetime | None) -> str:
    """A stored UTC time as Beijing wall-clock time, e.g. ``2026-11-24 17:30``."""
    if value is None:
        return ""
    return (value.astimezone(UTC) + BUSINESS_UTC_OFFSET).strftime("%Y-%m-%d %H:%M")


def iso_date(value: Any) -> str:
    return "" if value is None else value.isoformat()


def stage_or_new(value: Any) -> str:
    if value is None:
        return QCoreApplication.translate("KocPage", "(new)")
    return label(value)


def feedback_text(value: Any) -> str:
    return "" if value is None else "★" * int(value) + "☆" * (5 - int(value))


def mask_mobile(value: str | None) -> str:
    """138****8000: enough to tell numbers apart, not enough to call."""
    if not value:
        return ""
    return value[:3] + "****" + value[-4:] if len(value) > 7 else "****"


def mask_wechat(value: str | None) -> str:
    if not value:
        return ""
    return value[:2] + "****" + value[-2:] if len(value) > 4 else "****"


def _same(old: Any, new: Any) -> bool:
    """Whether a form value equals the stored one (datetimes to the minute the form shows)."""
    if isinstance(old, datetime) and isinstance(new, datetime):
        return old.replace(second=0, microsecond=0) == new.replace(second=0, microsecond=0)
    if old is None or new is None:
        return old is None and new is None
    return str(old) == str(new) if isinstance(old, str) or isinstance(new, str) else old == new


SHOP_COLUMNS = (
    Column("shop", QT_TRANSLATE_NOOP("Columns", "Shop")),
    Column("shop_code", QT_TRANSLATE_NOOP("Columns", "Code")),
    Column("introduced_by", QT_TRANSLATE_NOOP("Columns", "Introduced by")),
    Column("introduced_at", QT_TRANSLATE_NOOP("Columns", "Introduced on"), fmt=iso_date),
    Column("note", QT_TRANSLATE_NOOP("Columns", "Note")),
)
GROUP_COLUMNS = (
    Column("kind", QT_TRANSLATE_NOOP("Columns", "Kind"), fmt=label),
    Column("name", QT_TRANSLATE_NOOP("Columns", "Group")),
    Column("size", QT_TRANSLATE_NOOP("Columns", "Members"), align_right=True),
    Column("notes", QT_TRANSLATE_NOOP("Columns", "Notes")),
)
EVENT_COLUMNS = (
    Column("starts_at", QT_TRANSLATE_NOOP("Columns", "Date"), fmt=local_datetime),
    Column("title", QT_TRANSLATE_NOOP("Columns", "Event")),
    Column("kind", QT_TRANSLATE_NOOP("Columns", "Kind"), fmt=label),
    Column("status", QT_TRANSLATE_NOOP("Columns", "Invitation"), fmt=label),
    Column("feedback", QT_TRANSLATE_NOOP("Columns", "Feedback"), fmt=feedback_text),
)
HISTORY_COLUMNS = (
    Column("changed_at", QT_TRANSLATE_NOOP("Columns", "When"), fmt=local_datetime),
    Column("from_stage", QT_TRANSLATE_NOOP("Columns", "From"), fmt=stage_or_new),
    Column("to_stage", QT_TRANSLATE_NOOP("Columns", "To"), fmt=label),
)


class _ListModel(QueryTableModel):
    """A QueryTableModel over a list the page already holds (a KOC's few shops or events)."""

    def __init__(self, columns: tuple[Column, ...], parent: QWidget) -> None:
        self.items: list[Any] = []
        super().__init__(
            columns,
            lambda _order, _desc, limit, offset: self.items[offset : offset + limit],
            lambda: len(self.items),
            context="Columns",
            parent=parent,
        )

    def set_items(self, items: list[Any]) -> None:
        self.items = list(items)
        self.reload()


def _box(layout: QVBoxLayout | QFormLayout, name: str) -> QGroupBox:
    box = QGroupBox()
    box.setObjectName(name)
    box.setLayout(layout)
    return box


# --------------------------------------------------------------------------- the page


class KocPage(Page):
    page_id = "koc"
    title_source = QT_TRANSLATE_NOOP("MainWindow", "KOC")
    in_nav = False

    _TRAITS = (
        ("trait_acquaintances", QT_TRANSLATE_NOOP("KocPage", "Many close acquaintances")),
        ("trait_trying", QT_TRANSLATE_NOOP("KocPage", "Loves trying new things")),
        ("trait_sharing", QT_TRANSLATE_NOOP("KocPage", "Loves sharing")),
        ("trait_expertise", QT_TRANSLATE_NOOP("KocPage", "Knows the category")),
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.koc: Koc | None = None
        self.detail: views_kocs.KocDetail | None = None
        self._notifying = False

        # header
        self.back_button = QPushButton()
        self.back_button.setObjectName("backToKocs")
        self.back_button.setFlat(True)
        self.back_button.clicked.connect(lambda: self.ctx.go("kocs"))
        self.heading = QLabel()
        self.heading.setObjectName("kocHeading")
        self.heading.setStyleSheet(HEADING_STYLE)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("kocSubtitle")
        self.subtitle.setStyleSheet(MUTED_STYLE)
        self.save_state = QLabel()
        self.save_state.setObjectName("saveState")
        self.save_state.setStyleSheet(MUTED_STYLE)

        # profile: name, county, stage, traits
        self.profile = Form(Koc, "KocPage", base=self._base)
        self.profile.add_line("name", QT_TRANSLATE_NOOP("KocPage", "Name"))
        profile_layout = self.profile.layout()
        assert isinstance(profile_layout, QFormLayout)
        self.county = QComboBox()
        self.county.setObjectName("county_id")
        self.county_label = QLabel()
        self.county_label.setBuddy(self.county)
        self.county.activated.connect(lambda _i: self._edited("county_id"))
        profile_layout.addRow(self.county_label, self.county)
        self.stage = QComboBox()
        self.stage.setObjectName("stage")
        self.stage_label = QLabel()
        self.stage_label.setBuddy(self.stage)
        self.stage.activated.connect(lambda _i: self.set_stage(self.stage.currentData()))
        profile_layout.addRow(self.stage_label, self.stage)
        for name, text in self._TRAITS:
            self.profile.add_int(name, text, minimum=1, maximum=5)
        self.total = QLabel()
        self.total.setObjectName("traitTotal")
        self.total_label = QLabel()
        profile_layout.addRow(self.total_label, self.total)

        # consent and contact
        self.consent_form = Form(Koc, "KocPage", base=self._base)
        self.consent_form.add_check(
            "consent", QT_TRANSLATE_NOOP("KocPage", "Agreed to be contacted")
        )
        self.consent_form.add_datetime("consent_at", QT_TRANSLATE_NOOP("KocPage", "Given on"))
        self.consent_form.add_choice(
            "consent_method",
            QT_TRANSLATE_NOOP("KocPage", "Given by"),
            ConsentMethod,
            optional=True,
        )
        self.contact_warning = QLabel()
        self.contact_warning.setObjectName("contactWarning")
        self.contact_warning.setWordWrap(True)
        self.contact_warning.setStyleSheet(WARNING_STYLE)
        self.contact = Form(Koc, "KocPage", base=self._base)
        self.mobile = self.contact.add_line("mobile", QT_TRANSLATE_NOOP("KocPage", "Mobile"))
        self.wechat = self.contact.add_line("wechat", QT_TRANSLATE_NOOP("KocPage", "WeChat ID"))
        self.erase_button = QPushButton()
        self.erase_button.setObjectName("eraseKoc")
        self.erase_button.clicked.connect(self.ask_erase)
        self.erased_note = QLabel()
        self.erased_note.setObjectName("erasedNote")
        self.erased_note.setWordWrap(True)
        self.erased_note.setStyleSheet(WARNING_STYLE)
        self.notes_form = Form(Koc, "KocPage", base=self._base)
        self.notes = self.notes_form.add_text("notes", QT_TRANSLATE_NOOP("KocPage", "Notes"))
        notes_layout = self.notes_form.layout()
        assert isinstance(notes_layout, QFormLayout)
        notes_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for note_label in _labels(self.notes_form):
            note_label.hide()  # the box title says it
        self.forms = (self.profile, self.consent_form, self.contact, self.notes_form)
        for form in self.forms:
            form.edited.connect(self._edited)

        left_inner = QWidget()
        left = QVBoxLayout(left_inner)
        left.setContentsMargins(0, 0, 6, 0)
        profile_box_layout = QVBoxLayout()
        profile_box_layout.addWidget(self.profile)
        self.profile_box = _box(profile_box_layout, "profileBox")
        consent_layout = QVBoxLayout()
        consent_layout.addWidget(self.consent_form)
        consent_layout.addWidget(self.contact_warning)
        consent_layout.addWidget(self.contact)
        consent_layout.addWidget(self.erased_note)
        consent_layout.addWidget(self.erase_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.consent_box = _box(consent_layout, "consentBox")
        notes_layout = QVBoxLayout()
        notes_layout.addWidget(self.notes_form)
        self.notes_box = _box(notes_layout, "notesBox")
        left.addWidget(self.profile_box)
        left.addWidget(self.consent_box)
        left.addWidget(self.notes_box)
        left.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("kocDetails")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(left_inner)
        scroll.setMinimumWidth(420)
        scroll.setMaximumWidth(470)

        # tabs: shops, groups, events, history
        self.shops_model = _ListModel(SHOP_COLUMNS, self)
        self.groups_model = _ListModel(GROUP_COLUMNS, self)
        self.events_model = _ListModel(EVENT_COLUMNS, self)
        self.history_model = _ListModel(HISTORY_COLUMNS, self)
        self.shops_table = RowTable("kocShopsTable")
        self.shops_table.setModel(self.shops_model)
        self.shops_table.rowActivated.connect(self._open_shop)
        self.groups_table = RowTable("kocGroupsTable")
        self.groups_table.setModel(self.groups_model)
        self.groups_table.rowActivated.connect(self._edit_group_row)
        self.events_table = RowTable("kocEventsTable")
        self.events_table.setModel(self.events_model)
        self.events_table.rowActivated.connect(self._open_event)
        self.history_table = RowTable("kocHistoryTable")
        self.history_table.setModel(self.history_model)

        self.link_button = QPushButton()
        self.link_button.setObjectName("addShopLink")
        self.link_button.clicked.connect(self.link_shop)
        self.open_shop_button = QPushButton()
        self.open_shop_button.setObjectName("openShop")
        self.open_shop_button.clicked.connect(
            lambda: self._open_shop(self.shops_table.current_row())
        )
        self.unlink_button = QPushButton()
        self.unlink_button.setObjectName("unlinkShop")
        self.unlink_button.clicked.connect(
            lambda: self.ask_remove("koc_shops", self.shops_table.current_row())
        )
        self.delete_group_button = QPushButton()
        self.delete_group_button.setObjectName("deleteGroup")
        self.delete_group_button.clicked.connect(
            lambda: self.ask_remove("community_groups", self.groups_table.current_row())
        )
        self.add_group_button = QPushButton()
        self.add_group_button.setObjectName("addGroup")
        self.add_group_button.clicked.connect(lambda: self.edit_group(None))
        self.edit_group_button = QPushButton()
        self.edit_group_button.setObjectName("editGroup")
        self.edit_group_button.clicked.connect(
            lambda: self._edit_group_row(self.groups_table.current_row())
        )
        self.open_event_button = QPushButton()
        self.open_event_button.setObjectName("openEvent")
        self.open_event_button.clicked.connect(
            lambda: self._open_event(self.events_table.current_row())
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("kocTabs")
        self.tabs.addTab(
            _tab(self.shops_table, self.link_button, self.open_shop_button, self.unlink_button),
            "",
        )
        self.tabs.addTab(
            _tab(
                self.groups_table,
                self.add_group_button,
                self.edit_group_button,
                self.delete_group_button,
            ),
            "",
        )
        self.tabs.addTab(_tab(self.events_table, self.open_event_button), "")
        self.tabs.addTab(_tab(self.history_table), "")

        top = QHBoxLayout()
        title_col = QVBoxLayout()
        title_col.setSpacing(2)
        title_col.addWidget(self.heading)
        title_col.addWidget(self.subtitle)
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(title_col, 1)
        top.addWidget(self.save_state, 0, Qt.AlignmentFlag.AlignBottom)
        body = QHBoxLayout()
        body.addWidget(scroll)
        body.addWidget(self.tabs, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 8, 16, 8)
        column.addLayout(top)
        column.addLayout(body, 1)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save)
        self._save_message = ""
        ctx.signals.changed.connect(self._store_changed)
        fill_counties(self.county, ctx, any_text=None)
        self.retranslate()
        self._show(None)

    # ------------------------------------------------------------------ loading

    def open(self, arg: object = None) -> None:
        koc_id = arg.get("id") if isinstance(arg, dict) else arg
        if koc_id is None:
            self.refresh()
            return
        self.save()
        self.load(str(koc_id))

    def refresh(self) -> None:
        if self.koc is not None:
            self.save()
            self.load(self.koc.id)

    def load(self, koc_id: str) -> None:
        """Read the KOC and its lists from the store and show them."""
        db = self.ctx.store.db
        fill_counties(self.county, self.ctx, any_text=None)
        detail = views_kocs.koc_detail(db, koc_id=koc_id)
        self._show(detail)
        if detail is not None:
            self.shops_model.set_items(views_kocs.koc_shops(db, koc_id=koc_id))
            self.groups_model.set_items(views_kocs.koc_groups(db, koc_id=koc_id))
            self.events_model.set_items(views_kocs.koc_events(db, koc_id=koc_id))
            self.history_model.set_items(views_kocs.koc_history(db, koc_id=koc_id))
        else:
            for model in (
                self.shops_model,
                self.groups_model,
                self.events_model,
                self.history_model,
            ):
                model.set_items([])
        self._retranslate_tabs()

    def _show(self, detail: views_kocs.KocDetail | None) -> None:
        self.detail = detail
        self.koc = None if detail is None else detail.koc
        enabled = self.koc is not None
        for widget in (self.profile_box, self.consent_box, self.notes_box, self.tabs):
            widget.setEnabled(enabled)
        if self.koc is not None:
            koc = self.koc
            data = koc.model_dump()
            for form in (self.profile, self.consent_form, self.notes_form):
                form.set_values(data)
            if self.county.findData(koc.county_id) < 0:
                # A county deleted elsewhere: keep it rather than move the KOC silently.
                self.county.addItem(detail.county or koc.county_id, koc.county_id)
            self.county.setCurrentIndex(self.county.findData(koc.county_id))
            self.stage.setCurrentIndex(max(self.stage.findData(str(koc.stage)), 0))
        else:
            self.profile.set_values({"name": None})
            self.notes_form.set_values({"notes": None})
        self._apply_consent()
        self._save_message = "saved" if enabled else ""
        self._update_header()

    def _apply_consent(self) -> None:
        """Contact editable only with recorded consent; otherwise masked and locked."""
        koc = self.koc
        allowed = koc is not None and koc.consent
        self.contact_warning.setVisible(koc is not None and not koc.consent)
        if koc is None:
            self.contact.set_values({"mobile": None, "wechat": None})
        elif allowed:
            self.contact.set_values({"mobile": koc.mobile, "wechat": koc.wechat})
        else:
            self.contact.set_values(
                {"mobile": mask_mobile(koc.mobile), "wechat": mask_wechat(koc.wechat)}
            )
        self.contact.setEnabled(allowed)
        erased = koc is not None and koc.erased_at is not None
        self.erased_note.setVisible(erased)
        self.erase_button.setVisible(koc is not None and not erased)
        if erased:
            self.contact_warning.hide()
            for form in (self.profile, self.consent_form, self.contact, self.notes_form):
                form.setEnabled(False)
        else:
            for form in (self.profile, self.consent_form, self.notes_form):
                form.setEnabled(True)
        self._retranslate_erased()

    def _retranslate_erased(self) -> None:
        koc = self.koc
        if koc is None or koc.erased_at is None:
            return
        when = QLocale().toString(
            koc.erased_at.astimezone().replace(tzinfo=None), QLocale.FormatType.ShortFormat
        )
        self.erased_note.setText(
            self.tr(
                "This person's personal data was erased on %1 at their request: name,"
                " contact, notes and consent are gone from this laptop, and head office and"
                " colleagues' laptops drop them at their next sync. Their stage, traits and"
                " links still count."
            ).replace("%1", when)
        )

    def ask_erase(self) -> None:
        """Confirm, then erase this KOC's personal data (China's PIPL)."""
        koc = self.koc
        if koc is None:
            return
        answer = QMessageBox.warning(
            self,
            self.tr("Erase this person"),
            self.tr(
                "Erase %1's personal data? Name, mobile, WeChat, notes and the consent record"
                " are removed here now and from head office and every colleague's laptop at the"
                " next sync. This cannot be undone. Their stage, traits and shop links stay so"
                " that the counts stay right."
            ).replace("%1", koc.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.erase()

    def erase(self) -> None:
        """Erase without asking (tests, and after :meth:`ask_erase`)."""
        if self.koc is None:
            return
        try:
            self.ctx.store.kocs.erase(self.koc.id)
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        self.load(self.koc.id)

    def contact_allowed(self) -> bool:
        return self.koc is not None and self.koc.consent

    # ------------------------------------------------------------------ editing

    def _base(self) -> dict[str, Any]:
        """The whole row as it would be saved: stored values overlaid by every form."""
        return self._values(self.koc.data() if self.koc is not None else {})

    def _values(self, start: dict[str, Any]) -> dict[str, Any]:
        values = dict(start)
        values.update(self.profile.values())
        values.update(self.consent_form.values())
        values.update(self.notes_form.values())
        if self.contact_allowed():
            values.update(self.contact.values())
        values["county_id"] = self.county.currentData()
        return values

    def _edited(self, name: str) -> None:
        if self.koc is None:
            return
        if name == "consent" and self.consent_form.value("consent"):
            if self.consent_form.value("consent_at") is None:
                # Consent is usually recorded the moment it is given; the rep can change it.
                now = self.ctx.store.now().replace(second=0, microsecond=0)
                self.consent_form.set_values({"consent_at": now})
            self.consent_form.check()
        if name.startswith("trait_") or name == "name":
            self._update_header()
        self._save_message = "pending"
        self._update_save_state()
        self._save_timer.start()

    def save(self) -> bool:
        """Write what was edited, if valid (Ctrl+S; also runs by itself after typing stops)."""
        self._save_timer.stop()
        koc = self.koc
        if koc is None:
            return False
        errors: list[FieldError] = []
        for form in self.forms:
            if form is self.contact and not self.contact_allowed():
                continue
            errors += form.check()
        if errors:
            self._save_message = "invalid"
            self._update_save_state()
            return False
        values = self._values({})
        changes = {k: v for k, v in values.items() if not _same(getattr(koc, k), v)}
        if not changes:
            self._save_message = "saved"
            self._update_save_state()
            return False
        try:
            updated = self.ctx.store.kocs.update(koc.id, **changes)
        except ValidationError as exc:
            for form in self.forms:
                form.show_errors([e for e in exc.errors if e.field in form.names()])
            self._save_message = "invalid"
            self._update_save_state()
            return False
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return False
        consent_changed = updated.consent != koc.consent
        self.koc = updated
        if self.detail is not None:
            county = self.county.currentText() or self.detail.county
            self.detail = _replace_detail(self.detail, koc=updated, county=county)
        if consent_changed:
            self._apply_consent()
        self._save_message = "saved"
        self._update_header()
        self._notify("kocs")
        return True

    def set_stage(self, stage: KocStage | str | None) -> None:
        """Move the KOC to ``stage`` now; the store records it in the stage history."""
        koc = self.koc
        if koc is None or stage is None or str(stage) == str(koc.stage):
            return
        self.save()
        try:
            updated = self.ctx.store.kocs.set_stage(koc.id, stage)
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            self.stage.setCurrentIndex(max(self.stage.findData(str(koc.stage)), 0))
            return
        self.koc = updated
        if self.detail is not None:
            self.detail = _replace_detail(self.detail, koc=updated)
        self.history_model.set_items(views_kocs.koc_history(self.ctx.store.db, koc_id=koc.id))
        self._retranslate_tabs()
        self._update_header()
        self._notify("kocs", "koc_stage_changes")

    def _notify(self, *tables: str) -> None:
        # Our own writes must not reload the forms under the user's cursor.
        self._notifying = True
        try:
            self.ctx.notify(*tables)
        finally:
            self._notifying = False

    def _store_changed(self, table: str) -> None:
        if self._notifying or self.koc is None:
            return
        # Hidden, it re-reads in open(); while an edit waits to be saved it stays put.
        if table in _WATCHED and self.isVisible() and not self._save_timer.isActive():
            self.load(self.koc.id)

    def hideEvent(self, event: QHideEvent) -> None:
        self.save()  # leaving the page keeps what was typed
        super().hideEvent(event)

    # ------------------------------------------------------------------ lists

    def _open_shop(self, row: int) -> None:
        link = self.shops_model.row_at(row)
        if link is not None:
            self.ctx.go("shop", link.shop_id)

    def _open_event(self, row: int) -> None:
        event = self.events_model.row_at(row)
        if event is not None:
            self.ctx.go("event", event.event_id)

    def _edit_group_row(self, row: int) -> None:
        group = self.groups_model.row_at(row)
        if group is not None:
            self.edit_group(group.id)

    def link_shop_dialog(self) -> LinkShopDialog | None:
        """The "link a shop" dialog for this KOC, not yet shown."""
        if self.koc is None:
            return None
        linked = {row.shop_id for row in self.shops_model.items}
        dialog = LinkShopDialog(self.ctx, self.koc, linked=linked, parent=self)
        dialog.saved.connect(lambda: self._list_changed("koc_shops"))
        return dialog

    def group_dialog(self, group_id: str | None) -> GroupDialog | None:
        """The add (``None``) or edit community group dialog, not yet shown."""
        if self.koc is None:
            return None
        group = None if group_id is None else self.ctx.store.community_groups.find(group_id)
        dialog = GroupDialog(self.ctx, self.koc, group, parent=self)
        dialog.saved.connect(lambda: self._list_changed("community_groups"))
        return dialog

    def ask_remove(self, table: str, row: int) -> None:
        """Confirm, then remove the selected shop link or community group."""
        model = self.shops_model if table == "koc_shops" else self.groups_model
        item = model.row_at(row)
        if item is None:
            return
        if table == "koc_shops":
            title = self.tr("Unlink shop")
            text = self.tr("Unlink %1 from this KOC? The shop itself stays.").replace(
                "%1", item.shop
            )
        else:
            title = self.tr("Delete group")
            text = self.tr("Delete the group %1?").replace("%1", item.name)
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove(table, item.id)

    def remove(self, table: str, row_id: str) -> None:
        """Remove a shop link or community group of this KOC (synced like any delete)."""
        try:
            self.ctx.store.repo(table).delete(row_id)
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        self._list_changed(table)

    def link_shop(self) -> None:
        dialog = self.link_shop_dialog()
        if dialog is not None:
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

    def edit_group(self, group_id: str | None) -> None:
        dialog = self.group_dialog(group_id)
        if dialog is not None:
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

    def _list_changed(self, table: str) -> None:
        if self.koc is None:
            return
        db = self.ctx.store.db
        if table == "koc_shops":
            self.shops_model.set_items(views_kocs.koc_shops(db, koc_id=self.koc.id))
        else:
            self.groups_model.set_items(views_kocs.koc_groups(db, koc_id=self.koc.id))
        self._retranslate_tabs()
        self._notify(table)

    # ------------------------------------------------------------------ language

    def _update_header(self) -> None:
        koc, detail = self.koc, self.detail
        if koc is None or detail is None:
            self.heading.setText(self.tr("No KOC selected"))
            self.subtitle.setText(self.tr("Open a KOC from the KOC list."))
            self.total.setText("")
            self._update_save_state()
            return
        name = self.profile.value("name") or koc.name
        self.heading.setText(name)
        parts = [detail.county or "", label(koc.stage)]
        if detail.source_shop:
            parts.append(
                self.tr("found at %1 on %2")
                .replace("%1", detail.source_shop)
                .replace("%2", iso_date(detail.source_visit_date))
            )
        elif detail.source_event:
            parts.append(self.tr("found at the event %1").replace("%1", detail.source_event))
        if detail.rep:
            parts.append(self.tr("rep: %1").replace("%1", detail.rep))
        self.subtitle.setText(" · ".join(p for p in parts if p))
        traits = [self.profile.value(name) or 0 for name, _ in self._TRAITS]
        self.total.setText(self.tr("%1 of 20").replace("%1", str(sum(traits))))
        self._update_save_state()

    def _update_save_state(self) -> None:
        texts = {
            "saved": self.tr("All changes saved"),
            "pending": self.tr("Saving…"),
            "invalid": self.tr("Not saved: correct the marked fields"),
        }
        self.save_state.setText(texts.get(self._save_message, ""))
        color = "#c0392b" if self._save_message == "invalid" else "#5f6b7a"
        self.save_state.setStyleSheet(f"color: {color};")

    def _retranslate_tabs(self) -> None:
        titles = (
            (self.tr("Shops (%1)"), self.shops_model),
            (self.tr("Groups they run (%1)"), self.groups_model),
            (self.tr("Events (%1)"), self.events_model),
            (self.tr("Stage history (%1)"), self.history_model),
        )
        for i, (text, model) in enumerate(titles):
            self.tabs.setTabText(i, text.replace("%1", str(len(model.items))))

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("← All KOCs"))
        self.profile_box.setTitle(self.tr("Profile"))
        self.consent_box.setTitle(self.tr("Consent and contact"))
        self.notes_box.setTitle(self.tr("Notes"))
        self.county_label.setText(self.tr("County"))
        self.stage_label.setText(self.tr("Stage"))
        self.total_label.setText(self.tr("Trait score"))
        current = self.stage.currentData()
        self.stage.blockSignals(True)
        self.stage.clear()
        for value, text in choices(KocStage):
            self.stage.addItem(text, str(value))
        self.stage.setCurrentIndex(max(self.stage.findData(current), 0))
        self.stage.blockSignals(False)
        self.contact_warning.setText(
            self.tr(
                "No consent recorded: the contact details are hidden. Under China's Personal"
                " Information Protection Law this KOC may be contacted only after agreeing to it."
                " Record the consent (when and how) above first."
            )
        )
        self.erase_button.setText(self.tr("Erase this person…"))
        self.erase_button.setToolTip(
            self.tr("At their request: remove their personal data everywhere (PIPL)")
        )
        self._retranslate_erased()
        self.link_button.setText(self.tr("Link a shop…"))
        self.open_shop_button.setText(self.tr("Open shop"))
        self.unlink_button.setText(self.tr("Unlink…"))
        self.delete_group_button.setText(self.tr("Delete group…"))
        self.add_group_button.setText(self.tr("Add group…"))
        self.edit_group_button.setText(self.tr("Edit group…"))
        self.open_event_button.setText(self.tr("Open event"))
        self._retranslate_tabs()
        self._update_header()
        for model in (self.shops_model, self.groups_model, self.events_model, self.history_model):
            model.retranslate()
        # The forms re-label themselves after this (children get LanguageChange later).
        QTimer.singleShot(0, self._align_labels)

    def _align_labels(self) -> None:
        """One label column width for the stacked forms, so their fields line up."""
        labels = [
            lab for form in (self.profile, self.consent_form, self.contact) for lab in _labels(form)
        ]
        # Measured from the text: a QLabel's cached size hint keeps its old minimum width.
        width = max(
            (
                lab.fontMetrics().horizontalAdvance(lab.text()) + 6
                for lab in labels
                if isinstance(lab, QLabel)
            ),
            default=0,
        )
        for lab in labels:
            lab.setFixedWidth(width)


def _labels(form: Form) -> list[QWidget]:
    layout = form.layout()
    assert isinstance(layout, QFormLayout)
    found = []
    for row in range(layout.rowCount()):
        item = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
        if item is not None and item.widget() is not None:
            found.append(item.widget())
    return found


def _tab(table: RowTable, *buttons: QPushButton) -> QWidget:
    page = QWidget()
    column = QVBoxLayout(page)
    column.setContentsMargins(6, 6, 6, 6)
    if buttons:
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
    column.addWidget(table, 1)
    return page


def _replace_detail(detail: views_kocs.KocDetail, **changes: Any) -> views_kocs.KocDetail:
    return replace(detail, **changes)


# --------------------------------------------------------------------------- dialogs


class LinkShopDialog(QDialog):
    """Link the KOC to another shop: find the shop, who introduced them, when."""

    saved = Signal()

    def __init__(
        self, ctx: AppContext, koc: Koc, *, linked: set[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.koc = koc
        self.linked = linked
        self.setObjectName("linkShopDialog")
        self.setMinimumSize(460, 480)
        self.search = QLineEdit()
        self.search.setObjectName("shopSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._search_later.start())
        self.results = QListWidget()
        self.results.setObjectName("shopResults")
        self.results.currentItemChanged.connect(lambda *_: self._shop_chosen())
        self.shop_error = error_label("shop_id")
        self.owner = QComboBox()
        self.owner.setObjectName("introduced_by_owner_id")
        self.owner_label = QLabel()
        self.form = Form(KocShop, "LinkShopDialog", base=self._base)
        form_layout = self.form.layout()
        assert isinstance(form_layout, QFormLayout)
        form_layout.addRow(self.owner_label, self.owner)
        self.form.add_date("introduced_at", QT_TRANSLATE_NOOP("LinkShopDialog", "Introduced on"))
        self.form.add_line("note", QT_TRANSLATE_NOOP("LinkShopDialog", "Note"))
        self.form.set_values({"introduced_at": ctx.today()})
        self.form.edited.connect(lambda _n: self._update_ok())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("linkShopOk")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.hint = QLabel()
        self.hint.setStyleSheet(MUTED_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.hint)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.shop_error)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self._search_later = QTimer(self)
        self._search_later.setSingleShot(True)
        self._search_later.setInterval(150)
        self._search_later.timeout.connect(self.find)
        self.retranslate()
        self.find()
        self.search.setFocus()

    def find(self) -> None:
        """List matching shops (the KOC's county when nothing is typed), minus linked ones."""
        self._search_later.stop()
        text = self.search.text().strip()
        store = self.ctx.store
        if text:
            found = [(h.id, h.title, h.subtitle) for h in store.search.shops(text, limit=50)]
        else:
            shops = store.shops.list(where={"county_id": self.koc.county_id}, limit=500)
            shops.sort(key=lambda s: s.name)
            found = [(s.id, s.name, s.address or "") for s in shops[:50]]
        self.results.clear()
        for shop_id, title, subtitle in found:
            if shop_id in self.linked:
                continue
            item = QListWidgetItem(f"{title}   {subtitle}".strip())
            item.setData(Qt.ItemDataRole.UserRole, shop_id)
            self.results.addItem(item)
        self._shop_chosen()

    def shop_id(self) -> str | None:
        item = self.results.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _shop_chosen(self) -> None:
        self.owner.clear()
        self.owner.addItem(self.tr("— not recorded"), None)
        shop_id = self.shop_id()
        if shop_id is not None:
            for owner in self.ctx.store.owners.list(where={"shop_id": shop_id}, order_by="name"):
                self.owner.addItem(owner.name, owner.id)
            if self.owner.count() == 2:
                self.owner.setCurrentIndex(1)  # the shop's only owner is the usual introducer
        show_error(self.shop_error, None)
        self._update_ok()

    def _base(self) -> dict[str, Any]:
        return {"koc_id": self.koc.id, "shop_id": self.shop_id() or ""}

    def values(self) -> dict[str, Any]:
        return {
            **self._base(),
            **self.form.values(),
            "introduced_by_owner_id": self.owner.currentData(),
        }

    def _update_ok(self) -> None:
        self.ok.setEnabled(self.shop_id() is not None and not check_form(KocShop, self.values()))

    def save(self) -> None:
        if self.form.check() or self.shop_id() is None:
            self._update_ok()
            return
        try:
            self.ctx.store.koc_shops.create(**self.values())
        except ValidationError as exc:
            show_error(self.shop_error, first_error(exc.errors, "shop_id"))
            self.form.show_errors(exc.errors)
            return
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        self.accept()
        self.saved.emit()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Link %1 to a shop").replace("%1", self.koc.name))
        self.search.setPlaceholderText(self.tr("Find a shop: name, pinyin, initials, code"))
        self.hint.setText(self.tr("Shops already linked are not listed."))
        self.owner_label.setText(self.tr("Introduced by"))
        if self.owner.count():
            self.owner.setItemText(0, self.tr("— not recorded"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class GroupDialog(QDialog):
    """Add or edit a community group the KOC runs: kind, name, rough size, notes."""

    saved = Signal()

    def __init__(
        self,
        ctx: AppContext,
        koc: Koc,
        group: CommunityGroup | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.koc = koc
        self.group = group
        self.setObjectName("groupDialog")
        self.setMinimumWidth(400)
        self.form = Form(CommunityGroup, "GroupDialog")
        self.form.add_choice("kind", QT_TRANSLATE_NOOP("GroupDialog", "Kind"), GroupKind)
        self.form.add_line("name", QT_TRANSLATE_NOOP("GroupDialog", "Group name"))
        self.form.add_int(
            "size",
            QT_TRANSLATE_NOOP("GroupDialog", "Members (about)"),
            minimum=1,
            maximum=100000,
            optional=True,
        )
        self.form.add_text("notes", QT_TRANSLATE_NOOP("GroupDialog", "Notes"), lines=2)
        if group is not None:
            self.form.set_values(group.model_dump())
        self.form.edited.connect(lambda _n: self._update_ok())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("groupOk")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._update_ok()

    def _update_ok(self) -> None:
        self.ok.setEnabled(not check_form(CommunityGroup, self.form.values()))

    def save(self) -> None:
        if self.form.check():
            self._update_ok()
            return
        groups = self.ctx.store.community_groups
        try:
            if self.group is None:
                groups.create(
                    **self.form.values(), admin_koc_id=self.koc.id, county_id=self.koc.county_id
                )
            else:
                groups.update(self.group.id, **self.form.values())
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            return
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        self.accept()
        self.saved.emit()

    def retranslate(self) -> None:
        if self.group is None:
            self.setWindowTitle(self.tr("New community group"))
        else:
            self.setWindowTitle(self.tr("Edit community group"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


__all__ = ["GroupDialog", "KocPage", "LinkShopDialog"]
