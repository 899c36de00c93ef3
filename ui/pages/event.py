"""The event page: one tasting, scene event or banquet from planning to what it paid back.

Open with ``ctx.go("event", event_id)`` (or ``{"id": event_id, "tab": "checkin"}``). The
header shows when and where, the invitation numbers and the outcome summary
(``metrics.event_outcomes``) and warns when more people are invited than there are places.
Five tabs:

* Details: the event's fields and products, validated as you type and saved by themselves
  half a second after the last change, like every other page (Ctrl+S and leaving the page
  save at once; a field that cannot be saved keeps its text as a draft), with the
  double-booking warning.
* Invite: KOCs (search, county, stage) and owners (search, relationship level) not yet
  invited; select several and press Invite.
* Check-in: everyone invited with their status; A / N / C / I set attended, no-show,
  confirmed, invited for the selected people, 1–5 the feedback, 0 clears it.
* Outcomes: feedback per attendee, KOCs found at the event (quick add, linked to the
  venue shop), community pushes that followed (logged in one step), notes and photos.
* Economics: costs, bottles and tables, a banquet's own fields, and what the event paid
  back (``ui.widgets.event_economics``).
The page composes widgets of ``ui/widgets/``: the invitation model and tables
(``event_invitations``), the Invite and Check-in tabs (``event_invite``, ``event_checkin``),
the push log (``push_log``).

Threading: UI thread. Reads come from ``fieldapp.store.views_events`` (fast, indexed);
each write is one short store transaction on the UI thread's store.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QTableView, QTabWidget, QVBoxLayout, QWidget

from fieldapp.errors import FieldappError, ValidationError
from fieldapp.model import BUSINESS_UTC_OFFSET
from fieldapp.store import metrics, views_events as ve
from ui.translate_noop import QT_TRANSLATE_NOOP

from .. import theme
from ..context import AppContext
from ..labels import field_error_text
from ..page import Page
from ..widgets.event_checkin import EventCheckin
from ..widgets.event_details import EventDetails
from ..widgets.event_economics import EventEconomics
from ..widgets.event_header import EventHeader
from ..widgets.event_invitations import (
    InvitationModel,
    table_rows,
)
from ..widgets.event_invite import EventInvite
from ..widgets.event_outcomes import EventOutcomes
from .events import capacity_text, follow_start, make_warning_label, show_warning

# --------------------------------------------------------------------------- the page

#: The tables the page shows rows of: a change elsewhere reloads it.
_SHOWN_TABLES = frozenset(
    [
        "events",
        "event_products",
        "invitations",
        "kocs",
        "owners",
        "photos",
        "community_pushes",
        "cloud_orders",
        "community_groups",
    ]
)


class _EventPageNames(Page):
    """The names the event page keeps for its parts' widgets (its tests and keyboard
    use them), one method per part."""

    def _keep_header_names(self, part: EventHeader) -> None:
        self.back_button = part.back_button
        self.title_label = part.title_label
        self.kind_pill = part.kind_pill
        self.status_pill = part.status_pill
        self.save_state_label = part.save_state_label
        self.info = part.info
        self.stats = part.stats

    def _keep_details_names(self, part: EventDetails) -> None:
        self.form = part.form
        self.venue = part.venue
        self.venue_label = part.venue_label
        self.overlap_warning = part.overlap_warning
        self.save_error = part.save_error
        self.products_label = part.products_label
        self.products = part.products

    def _keep_invite_panel_names(self, part: EventInvite) -> None:
        self.koc_box = part.koc_box
        self.koc_search = part.koc_search
        self.koc_county = part.koc_county
        self.koc_stage = part.koc_stage
        self.koc_show_invited = part.koc_show_invited
        self.koc_model = part.koc_model
        self.koc_table = part.koc_table
        self.koc_found = part.koc_found
        self.invite_kocs_button = part.invite_kocs_button
        self.owner_box = part.owner_box
        self.owner_search = part.owner_search
        self.owner_level = part.owner_level
        self.owner_show_invited = part.owner_show_invited
        self.owner_model = part.owner_model
        self.owner_table = part.owner_table
        self.owner_found = part.owner_found
        self.invite_owners_button = part.invite_owners_button
        self.invite_result = part.invite_result

    def _keep_checkin_panel_names(self, part: EventCheckin) -> None:
        self.checkin_search = part.checkin_search
        self.checkin_filter = part.checkin_filter
        self.attended_button = part.attended_button
        self.no_show_button = part.no_show_button
        self.confirmed_button = part.confirmed_button
        self.remove_button = part.remove_button
        self.checkin_proxy = part.checkin_proxy
        self.checkin_table = part.checkin_table
        self.checkin_hint = part.checkin_hint
        self.checkin_message = part.checkin_message
        self.checkin_summary = part.checkin_summary

    def _keep_outcomes_names(self, part: EventOutcomes) -> None:
        self.feedback_box = part.feedback_box
        self.feedback_proxy = part.feedback_proxy
        self.feedback_table = part.feedback_table
        self.feedback_hint = part.feedback_hint
        self.found_box = part.found_box
        self.found_list = part.found_list
        self.koc_form = part.koc_form
        self.found_county = part.found_county
        self.found_county_label = part.found_county_label
        self.found_link = part.found_link
        self.add_koc_button = part.add_koc_button
        self.notes_box = part.notes_box
        self.notes_form = part.notes_form
        self.photo_list = part.photo_list
        self.attach_button = part.attach_button
        self.push_log = part.push_log


class EventPage(_EventPageNames):
    page_id = "event"
    title_source = QT_TRANSLATE_NOOP("MainWindow", "Event")
    in_nav = False

    TABS = ("details", "invite", "checkin", "outcomes", "economics")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.event_id: str | None = None
        self.detail: ve.EventDetail | None = None
        self.dirty = False
        self._loading = False
        self._own_write = False
        self._stale = False
        self._duration = timedelta(hours=3)
        self._outcome: metrics.EventOutcome | None = None
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(500)
        self._save_timer.timeout.connect(lambda: self.save(quiet=True))

        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 10, 16, 8)
        outer.setSpacing(6)
        self.header = EventHeader(ctx)
        self._keep_header_names(self.header)
        outer.addWidget(self.header)
        self.capacity_warning = make_warning_label("capacityWarning")
        outer.addWidget(self.capacity_warning)
        self.missing = QLabel()
        self.missing.setObjectName("eventMissing")
        theme.set_role(self.missing, "empty")
        self.missing.setContentsMargins(40, 40, 40, 40)
        self.missing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.missing.hide()
        outer.addWidget(self.missing)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("eventTabs")
        self.details = EventDetails(ctx.store, self._form_base)
        self._keep_details_names(self.details)
        self.details.edited.connect(self._form_edited)
        self.tabs.addTab(self.details, "")
        self.invite_panel = EventInvite(ctx)
        self._keep_invite_panel_names(self.invite_panel)
        self.invite_panel.invited.connect(self._invited)
        self.tabs.addTab(self.invite_panel, "")
        self.invitations = InvitationModel(self.ctx, self)
        self.checkin_panel = EventCheckin(self.invitations)
        self._keep_checkin_panel_names(self.checkin_panel)
        self.checkin_panel.feedback.connect(lambda v: self.give_feedback(v, self.checkin_table))
        self.invitations.written.connect(self._invitations_written)
        self.invitations.refused.connect(self._refused)
        self.tabs.addTab(self.checkin_panel, "")
        self.outcomes = EventOutcomes(ctx, self.invitations, self._notes_base, self._notify)
        self._keep_outcomes_names(self.outcomes)
        self.outcomes.feedback.connect(lambda v: self.give_feedback(v, self.feedback_table))
        self.outcomes.koc_added.connect(lambda _id: self._after_invitations())
        self.notes_form.edited.connect(lambda _n: self._mark_dirty())
        self.push_log.logged.connect(lambda _id: self._show_payback())
        for form in (self.form, self.notes_form):
            form.keep_drafts(
                self.ctx.store,
                lambda: f"events/{self.event_id}" if self.event_id else None,
                self.ctx.saves,
            )
        self.tabs.addTab(self.outcomes, "")
        # Economics (issue 18): costs, bottles, tables, a banquet's fields, the payback.
        self.economics = EventEconomics(ctx.store, self._notes_base)
        self.economics.edited.connect(self._mark_dirty)
        self.economics.window_changed.connect(lambda _d: self._show_payback())
        self.tabs.addTab(self.economics, "")
        outer.addWidget(self.tabs, 1)

        ctx.signals.changed.connect(self._table_changed)
        self.retranslate()

    # ------------------------------------------------------------------ opening and loading

    def open(self, arg: object = None) -> None:
        tab = None
        if isinstance(arg, dict):
            tab = arg.get("tab")
            arg = arg.get("id")
        if self.dirty and self.event_id is not None and arg != self.event_id:
            self.save()
        self.event_id = arg if isinstance(arg, str) else None
        self.dirty = False
        self.load()
        if tab in self.TABS:
            self.tabs.setCurrentIndex(self.TABS.index(str(tab)))
        elif arg is not None:
            self.tabs.setCurrentIndex(0)

    def refresh(self) -> None:
        self.load(keep_edits=True)

    def load(self, *, keep_edits: bool = False) -> None:
        """Read the event again; with ``keep_edits`` unsaved details stay on the form."""
        self._stale = False
        db = self.ctx.store.db
        self.invite_panel.set_event(self.event_id)
        self.detail = None if self.event_id is None else ve.event_detail(db, event_id=self.event_id)
        self.outcomes.set_event(self.detail)
        found = self.detail is not None
        self.tabs.setVisible(found)
        self.missing.setVisible(not found)
        self.save_state_label.setVisible(found)
        if self.detail is None:
            self.header.clear()
            show_warning(self.capacity_warning, "")
            self.invitations.load(None)
            return
        if not (keep_edits and self.dirty):
            self._fill_form()
        self._load_outcome()
        self._fill_header()
        self._fill_counties()
        self.invitations.load(self.event_id)
        self.invite_panel.reload_invitable()
        self.outcomes.fill_found()
        self.outcomes.fill_photos()
        self.outcomes.fill_pushes(self.invitations.rows())
        self._show_payback()
        self.checkin_panel.update_summary()

    def _fill_form(self) -> None:
        d = self.detail
        assert d is not None
        self._loading = True
        try:
            self.details.fill(d, self.ctx.store.products.list(order_by="name"), self.ctx.today())
            self.notes_form.set_values({"notes": d.notes})
            self.economics.set_event(self.ctx.store.events.get(d.id))
        finally:
            self._loading = False
        self._duration = d.ends_at - d.starts_at
        self.dirty = False
        self._set_save_state("saved")
        self.details.update_overlap(self.detail)

    def _load_outcome(self) -> None:
        d = self.detail
        found = (
            []
            if d is None
            else metrics.event_outcomes(
                self.ctx.store.db, event_ids=[d.id], utc_offset=BUSINESS_UTC_OFFSET
            )
        )
        self._outcome = found[0] if found else None

    def _fill_header(self) -> None:
        """Show the header from what was read (no store access: a language switch only
        re-labels)."""
        assert self.detail is not None
        self.header.show_event(self.detail, self._outcome)
        self._update_capacity()

    def _update_capacity(self) -> None:
        d = self.detail
        if d is None:
            return
        capacity = self.form.value("capacity") if self.dirty else d.capacity
        show_warning(self.capacity_warning, capacity_text(d.expected, capacity))

    def _fill_counties(self) -> None:
        d = self.detail
        counties = self.ctx.store.counties.list(order_by="name")
        venue = d.venue_county_id if d is not None else None
        items = [(c.name, c.id) for c in counties]
        self.invite_panel.fill_counties(items, venue)
        self.outcomes.fill_counties(items, venue)

    # ------------------------------------------------------------------ details

    def _form_base(self) -> dict[str, Any]:
        return {
            "venue_shop_id": self.venue.shop_id,
            "rep_id": self.detail.rep_id if self.detail else None,
            "notes": self.notes_form.value("notes") if hasattr(self, "notes_form") else None,
        }

    def _notes_base(self) -> dict[str, Any]:
        return {**self.form.values(), **self._form_base()}

    def _form_edited(self, name: str) -> None:
        if name == "kind":
            self.economics.set_kind(str(self.form.value("kind")))
        if name not in ("venue", "products"):
            self._duration = follow_start(self.form, name, self._duration)
        self._mark_dirty()
        if name in ("starts_at", "ends_at", "venue"):
            self.details.update_overlap(self.detail)
        if name == "capacity":
            self._update_capacity()

    def _mark_dirty(self) -> None:
        if self._loading or self.detail is None:
            return
        self.dirty = True
        self._set_save_state("pending")
        self._save_timer.start()

    def save(self, *, quiet: bool = False) -> bool:
        """Save the details, products and notes now (by itself after typing stops, Ctrl+S,
        leaving the page); False when nothing was saved. ``quiet``: the autosave, which
        never moves the cursor or the tab."""
        self._save_timer.stop()
        d = self.detail
        if d is None or not self.dirty:
            return False
        self.save_error.hide()
        errors = self.form.check()
        note_errors = self.notes_form.check()
        money_errors = self.economics.check()
        if self.economics.supplier_unpicked():
            self.details.show_error(self.tr("Pick the supplying shop from the list, or clear it."))
            money_errors.append(None)
        if self.details.venue_unpicked():
            if not quiet:
                self.tabs.setCurrentIndex(0)
            self.details.show_error(self.tr("Pick the venue shop from the list, or clear it."))
            self._set_save_state("invalid")
            return False
        if errors or note_errors or money_errors:
            self._set_save_state("invalid")
            if not quiet and not errors and not note_errors:
                self.tabs.setCurrentIndex(self.TABS.index("economics"))
            elif not quiet and errors:
                self.tabs.setCurrentIndex(0)
                self.form.editor(errors[0].field).setFocus()
            elif not quiet:
                self.tabs.setCurrentIndex(3)
                self.notes_form.editor("notes").setFocus()
            return False
        changes = {**self.form.values(), **self.notes_form.values(), **self.economics.values()}
        changes["venue_shop_id"] = self.venue.shop_id
        store = self.ctx.store
        try:
            with store.transaction():
                store.events.update(d.id, **changes)
                self.details.write_products(store, d)
        except ValidationError as exc:
            self.form.show_errors([e for e in exc.errors if e.field in self.form.names()])
            self.details.show_error("\n".join(field_error_text(e) for e in exc.errors))
            self._set_save_state("invalid")
            if not quiet:
                self.tabs.setCurrentIndex(0)
            return False
        except FieldappError as exc:
            self.ctx.saves.set_problem(self, True)
            self._set_save_state("invalid")
            self.ctx.errors.show(exc)
            return False
        self.ctx.saves.set_problem(self, False)
        self._notify("events", "event_products")
        self.load(keep_edits=True)  # still dirty here: what is being typed stays put
        self.dirty = False
        self._set_save_state("saved")
        return True

    def _set_save_state(self, state: str) -> None:
        self.header.set_save_state(state)

    # ------------------------------------------------------------------ inviting (the panel)

    def invite(self, *, kocs: Sequence[str] = (), owners: Sequence[str] = ()) -> tuple[int, int]:
        """Invite people (one transaction); return (invited, skipped as already invited)."""
        return self.invite_panel.invite(kocs=kocs, owners=owners)

    def _invited(self) -> None:
        self._notify("invitations")
        self.invitations.load(self.event_id)
        self._after_invitations()

    # ------------------------------------------------------------------ check-in and feedback

    def mark_selected(self, status: str) -> int:
        """Set the status of the people selected in the check-in table."""
        return self.checkin_panel.mark_selected(status)

    def give_feedback(self, value: int | None, table: QTableView | None = None) -> int:
        rows = table_rows(table or self.feedback_table)
        if not rows:
            return 0
        return self.invitations.set_feedback(rows, value)

    def _invitations_written(self) -> None:
        self.checkin_message.clear()
        self._notify("invitations")
        self._after_invitations()

    def _after_invitations(self) -> None:
        if self.event_id is not None:
            self.detail = ve.event_detail(self.ctx.store.db, event_id=self.event_id)
            self.outcomes.set_event(self.detail)
            self._load_outcome()
        if self.detail is not None:
            self._fill_header()
            self.outcomes.fill_pushes(self.invitations.rows())
            self._show_payback()
        self.checkin_panel.update_summary()

    def _refused(self, text: str) -> None:
        self.checkin_message.setText(text)

    # ------------------------------------------------------------------ KOCs found, photos

    def add_found_koc(self) -> str | None:
        """Create a KOC found at this event (and link them to the venue shop); their id."""
        return self.outcomes.add_found_koc()

    def attach_photos(self, paths: Sequence[str]) -> int:
        """Copy pictures into the store and attach them to the event; how many were added."""
        return self.outcomes.attach_photos(paths)

    # ------------------------------------------------------------------ state

    def _notify(self, *tables: str) -> None:
        self._own_write = True
        try:
            self.ctx.notify(*tables)
        finally:
            self._own_write = False

    def _table_changed(self, table: str) -> None:
        if self._own_write or self.event_id is None:
            return
        if table in _SHOWN_TABLES:
            if self.isVisible():
                self.load(keep_edits=True)
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.load(keep_edits=True)
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the page keeps what was typed: save it when it is valid.
        if self.dirty:
            self.save()
        super().hideEvent(event)

    def focus_search(self) -> bool:
        index = self.tabs.currentIndex()
        target = {1: self.koc_search, 2: self.checkin_search}.get(index)
        if target is None:
            self.tabs.setCurrentIndex(2)
            target = self.checkin_search
        target.setFocus()
        target.selectAll()
        return True

    # ------------------------------------------------------------------ language

    def retranslate(self) -> None:
        self.header.retranslate()
        self.missing.setText(self.tr("This event no longer exists."))
        for n, text in enumerate(
            (
                self.tr("Details"),
                self.tr("Invite"),
                self.tr("Check-in"),
                self.tr("Outcomes"),
                self.tr("Economics"),
            )
        ):
            self.tabs.setTabText(n, text)
        self.economics.retranslate()
        self.details.retranslate()
        self.invite_panel.retranslate()
        self.checkin_panel.retranslate()
        self.outcomes.retranslate()
        self.invitations.retranslate()
        if self.detail is not None:
            self._fill_header()
            self.checkin_panel.update_summary()
            self.details.show_overlap()

    # ------------------------------------------------------------------ the loop (issue 18)

    def _show_payback(self) -> None:
        self.economics.load_payback(self.ctx, self.event_id)
