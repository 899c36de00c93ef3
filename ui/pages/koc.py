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
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    Qt,
    QTimer,
)
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError, FieldError, ValidationError
from fieldapp.model import (
    Koc,
    KocStage,
)
from fieldapp.store import views_kocs
from ui.translate_noop import QT_TRANSLATE_NOOP

from ..back_link import BackLink
from ..context import AppContext
from ..page import Page
from ..widgets.koc_details import TRAITS, KocDetails, koc_subtitle, mask_mobile, mask_wechat
from ..widgets.koc_loop import KocLoopLine
from ..widgets.koc_relations import KocRelations
from ..widgets.record_header import RecordHeader
from .koc_dialogs import GroupDialog, LinkShopDialog, confirm_erase
from .kocs import (
    fill_counties,
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


def _same(old: Any, new: Any) -> bool:
    """Whether a form value equals the stored one (datetimes to the minute the form shows)."""
    if isinstance(old, datetime) and isinstance(new, datetime):
        return old.replace(second=0, microsecond=0) == new.replace(second=0, microsecond=0)
    if old is None or new is None:
        return old is None and new is None
    return str(old) == str(new) if isinstance(old, str) or isinstance(new, str) else old == new


# --------------------------------------------------------------------------- the page


class KocPage(Page):
    page_id = "koc"
    title_source = QT_TRANSLATE_NOOP("MainWindow", "KOC")
    in_nav = False

    _TRAITS = TRAITS

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.koc: Koc | None = None
        self.detail: views_kocs.KocDetail | None = None
        self._notifying = False

        # header
        self.back_button = BackLink(ctx, "kocs", QT_TRANSLATE_NOOP("MainWindow", "KOCs"))
        self.header = RecordHeader(
            self.back_button, heading_name="kocHeading", subtitle_name="kocSubtitle"
        )
        self.heading = self.header.heading
        self.subtitle = self.header.subtitle
        self.save_state = self.header.save_state

        # left: the forms; right: the lists (aliases keep the page's names for its tests)
        self.details = KocDetails(
            ctx, base=self._base, draft_key=lambda: f"kocs/{self.koc.id}" if self.koc else None
        )
        self.profile = self.details.profile
        self.county = self.details.county
        self.county_label = self.details.county_label
        self.stage = self.details.stage
        self.stage_label = self.details.stage_label
        self.total = self.details.total
        self.total_label = self.details.total_label
        self.consent_form = self.details.consent_form
        self.contact_warning = self.details.contact_warning
        self.contact = self.details.contact
        self.mobile = self.details.mobile
        self.wechat = self.details.wechat
        self.erase_button = self.details.erase_button
        self.erased_note = self.details.erased_note
        self.notes_form = self.details.notes_form
        self.notes = self.details.notes
        self.forms = self.details.forms
        self.profile_box = self.details.profile_box
        self.consent_box = self.details.consent_box
        self.notes_box = self.details.notes_box
        self.county.activated.connect(lambda _i: self._edited("county_id"))
        self.stage.activated.connect(lambda _i: self.set_stage(self.stage.currentData()))
        self.erase_button.clicked.connect(self.ask_erase)
        for form in self.forms:
            form.edited.connect(self._edited)
        scroll = QScrollArea()
        scroll.setObjectName("kocDetails")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.details)
        scroll.setMinimumWidth(420)
        scroll.setMaximumWidth(470)

        self.tabs = KocRelations(ctx, lambda: self.koc, self._notify)
        self.shops_model = self.tabs.shops_model
        self.groups_model = self.tabs.groups_model
        self.events_model = self.tabs.events_model
        self.history_model = self.tabs.history_model
        self.shops_table = self.tabs.shops_table
        self.groups_table = self.tabs.groups_table
        self.events_table = self.tabs.events_table
        self.history_table = self.tabs.history_table
        self.link_button = self.tabs.link_button
        self.open_shop_button = self.tabs.open_shop_button
        self.unlink_button = self.tabs.unlink_button
        self.delete_group_button = self.tabs.delete_group_button
        self.add_group_button = self.tabs.add_group_button
        self.edit_group_button = self.tabs.edit_group_button
        self.open_event_button = self.tabs.open_event_button
        self.push_log = self.tabs.push_log
        self.link_shop_dialog = self.tabs.link_shop_dialog
        self.group_dialog = self.tabs.group_dialog
        self.ask_remove = self.tabs.ask_remove
        self.remove = self.tabs.remove
        self.link_shop = self.tabs.link_shop
        self.edit_group = self.tabs.edit_group

        body = QHBoxLayout()
        body.addWidget(scroll)
        body.addWidget(self.tabs, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 8, 16, 8)
        column.addWidget(self.header)
        self.loop_line = KocLoopLine(ctx)  # issue 18: what this KOC's chain paid back
        column.addWidget(self.loop_line)
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
        self.tabs.load(self.koc)
        self.loop_line.load(None if self.koc is None else self.koc.id)

    def _show(self, detail: views_kocs.KocDetail | None) -> None:
        self.detail = detail
        self.koc = None if detail is None else detail.koc
        enabled = self.koc is not None
        for widget in (self.profile_box, self.consent_box, self.notes_box, self.tabs):
            widget.setEnabled(enabled)
        if detail is not None:
            koc = detail.koc
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
        self.details.show_consent(self.koc)

    def _retranslate_erased(self) -> None:
        self.details.retranslate_erased(self.koc)

    def ask_erase(self) -> None:
        """Confirm, then erase this KOC's personal data (China's PIPL)."""
        if self.koc is not None and confirm_erase(self, self.koc.name):
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
            self.ctx.saves.set_problem(self, True)
            self.ctx.errors.show(exc)
            return False
        self.ctx.saves.set_problem(self, False)
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
        self.tabs.load_history(updated)
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
        self.subtitle.setText(koc_subtitle(detail, koc))
        traits = [self.profile.value(name) or 0 for name, _ in self._TRAITS]
        self.total.setText(self.tr("%1 of 20").replace("%1", str(sum(traits))))
        self._update_save_state()

    def _update_save_state(self) -> None:
        self.header.set_save_state(self._save_message)

    def retranslate(self) -> None:
        self.loop_line.retranslate()
        self.details.retranslate()
        self._retranslate_erased()
        self.tabs.retranslate()
        self._update_header()
        # The forms re-label themselves after this (children get LanguageChange later).
        QTimer.singleShot(0, self.details.align_labels)


def _replace_detail(detail: views_kocs.KocDetail, **changes: Any) -> views_kocs.KocDetail:
    return replace(detail, **changes)


__all__ = ["GroupDialog", "KocPage", "LinkShopDialog", "mask_mobile", "mask_wechat"]
