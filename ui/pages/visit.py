"""The visit page: one visit to a shop, from check-in to "submit for review".

Opened with ``{"visit_id": id}`` (an existing visit), ``{"shop_id": id, "new": True}``
(start a visit there: the rep's unfinished visit to that shop today is reused, else a
new one planned for today), or ``{"new": True}`` (Ctrl+N: pick the shop first). Once
a visit is made, its id is written back into the argument dict, so going back in the
window history reopens it instead of starting another.

Every field is saved as it is typed (``ui.widgets.visit_fields``); an invalid value is
shown next to the field and not written. Nothing typed is lost when the window closes
or the power goes. Submitted and approved visits are read-only; a returned one shows
the supervisor's comment.

The page is a composition of widgets from ``ui/widgets/``: the shop picker, the
header, the steps (check in, check out, submit) and footer, the visit's own fields,
photos, the order, the shelf audit and KOCs spotted. They share one ``VisitState``
and report writes by signal; the page re-reads the visit and shows it in every part.

Threading: UI thread; photos are prepared on the task runner.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from fieldapp.errors import FieldappError, NotFound
from fieldapp.model import Visit
from fieldapp.store import views_visits as vv
from ui.translate_noop import QT_TRANSLATE_NOOP

from ..clock import time_text
from ..context import AppContext
from ..forms import Form
from ..page import Page
from ..shelf_audit_box import ShelfAuditBox
from ..widgets.shop_picker import ShopPicker
from ..widgets.visit_bits import CONTEXT, VisitState, local_time, money, show_message
from ..widgets.visit_campaigns import VisitCampaigns
from ..widgets.visit_display_checks import VisitDisplayChecks
from ..widgets.visit_fields import VisitFields
from ..widgets.visit_header import VisitHeader
from ..widgets.visit_kocs import VisitKocs
from ..widgets.visit_order import VisitOrder
from ..widgets.visit_photos import VisitPhotos
from ..widgets.visit_steps import VisitSteps

_money = money  # tests format amounts as the page does

__all__ = ["CONTEXT", "VisitPage", "local_time"]


class VisitPage(Page):
    page_id = "visit"
    title_source = QT_TRANSLATE_NOOP("MainWindow", "Visit")
    in_nav = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.state = VisitState()
        self._arg: dict[str, Any] | None = None
        self.stack = QStackedWidget()
        self.stack.setObjectName("visitStack")
        self.picker = ShopPicker(ctx)
        self.picker.picked.connect(self.start_at_shop)
        self.shop_search, self.shop_results = self.picker.search, self.picker.results
        self.editor = self._build_editor()
        self.stack.addWidget(self.picker)
        self.stack.addWidget(self.editor)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self._tab_order()
        self.retranslate()
        self._show_picker()

    @property
    def _visit(self) -> Visit | None:
        return self.state.visit

    @property
    def _detail(self) -> vv.VisitDetail | None:
        return self.state.detail

    # ================================================================== building

    def _build_editor(self) -> QWidget:
        page = QWidget()
        page.setObjectName("visitEditor")
        outer = QVBoxLayout(page)
        outer.setContentsMargins(12, 8, 12, 6)
        outer.setSpacing(6)
        self.header = h = VisitHeader(self.ctx)
        self.back_button, self.shop_label, self.saved_label = (
            h.back_button,
            h.shop_label,
            h.saved_label,
        )
        self.returned_banner, self.read_only_banner = h.returned_banner, h.read_only_banner
        self.supervisor_comment = h.supervisor_comment
        outer.addWidget(h)

        self.fields = f = VisitFields(self.ctx, self.state, self)
        f.saved.connect(self._saved)
        f.synced.connect(self._interaction_synced)
        self.checklist, self.relationship, self.next_form = f.forms()
        self.checklist_box, self.relationship_box, self.next_box = f.boxes()
        self.steps = s = VisitSteps(self.ctx, self.state, f, self)
        s.saved.connect(self._part_saved)
        s.checked_in.connect(lambda: self.checklist.editor("check_display").setFocus())
        self.start_box, self.check_in_button, self.check_in_time = (
            s.start_box,
            s.check_in_button,
            s.check_in_time,
        )
        self.check_out_button, self.submit_button = (
            s.footer.check_out_button,
            s.footer.submit_button,
        )
        self.submit_message, self.undo_bar = s.message, s.undo_bar
        self.photos = p = VisitPhotos(self.ctx)
        p.saved.connect(self._photos_saved)
        self.photos_box, self.photo_list, self.photo_message = p, p.photo_list, p.message
        self.attach_button, self.remove_photo_button = p.attach_button, p.remove_button
        self.order = o = VisitOrder(self.ctx)
        o.saved.connect(self._part_saved)
        self.order_box, self.product_picker, self.quantity = o, o.product_picker, o.quantity
        self.add_line_button, self.add_reason, self.order_message = (
            o.add_button,
            o.add_reason,
            o.message,
        )
        self.order_model, self.order_table, self.order_total = o.model, o.table, o.total
        self.remove_line_button, self.line_editor = o.remove_button, o.line_editor
        self.shelf_box = ShelfAuditBox(self.ctx)  # issue 16: the SKU audit grid
        self.display_checks = VisitDisplayChecks(self.ctx)  # and the display agreements
        self.display_checks.saved.connect(self._part_saved)
        self.campaigns = VisitCampaigns(self.ctx)  # head office's campaign tasks (issue 19)
        self.campaigns.saved.connect(self._part_saved)
        self.kocs = k = VisitKocs(self.ctx)
        k.saved.connect(self._part_saved)
        k.problem.connect(lambda text: show_message(self.submit_message, text))
        self.koc_box, self.koc_form, self.koc_name, self.koc_mobile = k, k.form, k.name, k.mobile
        self.traits, self.add_koc_button, self.koc_list = k.traits, k.add_button, k.koc_list

        body = QWidget()
        body.setObjectName("visitBody")
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(10)
        # Three columns (4:5:4); the middle one holds the order table, whose product
        # names are long. The shelf audit's seven columns need more than a third of a
        # 1366-pixel window without sideways scrolling: it spans the middle and right
        # columns, under the order and the KOCs.
        columns.addLayout(
            _column(self.start_box, self.checklist_box, self.campaigns, self.photos), 4
        )
        wide = QVBoxLayout()
        wide.setSpacing(8)
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addLayout(_column(self.order), 5)
        top.addLayout(_column(self.kocs, self.next_box), 4)
        wide.addLayout(top)
        wide.addWidget(self.shelf_box)
        bottom = QHBoxLayout()
        bottom.setSpacing(10)
        bottom.addLayout(_column(self.display_checks, self.relationship_box), 5)
        bottom.addStretch(4)
        wide.addLayout(bottom)
        wide.addStretch(1)
        columns.addLayout(wide, 9)
        scroll = QScrollArea()
        scroll.setObjectName("visitScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        outer.addWidget(s.footer)
        return page

    def _tab_order(self) -> None:
        chain: list[QWidget] = [self.check_in_button]
        chain += [self.checklist.editor(n) for n in self.checklist.names()]
        self.campaigns.tab_after = chain[-1]  # its rows follow the checklist (load)
        chain += [self.attach_button, self.remove_photo_button, self.photo_list]
        chain += [self.product_picker, self.quantity, self.add_line_button, self.add_reason]
        chain += [self.order_table, self.remove_line_button]
        editor = self.line_editor
        chain += [editor.quantity, editor.price, editor.reason]
        chain += [self.shelf_box.grid, self.shelf_box.save_button]
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
        if self.state.visit is not None:
            self.refresh()
        else:
            self._show_picker()

    def refresh(self) -> None:
        """Re-read the visit's parts (not the fields being typed into)."""
        if self.state.visit is None:
            return
        visit = self.ctx.store.visits.find(self.state.visit.id)
        detail = vv.visit_detail(self.ctx.store.db, visit_id=self.state.visit.id)
        if visit is None or detail is None:
            self.state.visit = self.state.detail = None
            self._show_picker()
            return
        self.state.visit, self.state.detail = visit, detail
        self.order_model.reload()
        self._show_parts()

    def load(self, visit_id: str) -> None:
        """Show a visit: fill every editor from the store."""
        self.undo_bar.flush()
        self.fields.flush_interaction()
        store = self.ctx.store
        visit = store.visits.find(visit_id)
        detail = vv.visit_detail(store.db, visit_id=visit_id)
        if visit is None or detail is None:
            self.ctx.errors.show(NotFound("visits", visit_id))
            self._show_picker()
            return
        self.state.visit, self.state.detail = visit, detail
        self.fields.load(visit)
        self.kocs.reset()
        self.order.load(detail)
        self.shelf_box.load(visit_id, read_only=detail.read_only)
        self.display_checks.load(detail)
        self.campaigns.load(detail)
        self.saved_label.clear()
        show_message(self.submit_message, "")
        show_message(self.photo_message, "")
        self._show_parts()
        self.stack.setCurrentWidget(self.editor)
        if detail.read_only:
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
        return None if self.state.visit is None else self.state.visit.id

    def _visit_forms(self) -> tuple[Form, ...]:
        return self.fields.forms()

    def _show_picker(self) -> None:
        self.undo_bar.flush()
        self.fields.flush_interaction()
        self.state.visit = self.state.detail = None
        for part in (self.order, self.kocs, self.photos):
            part.forget()
        self.stack.setCurrentWidget(self.picker)
        self.picker.reset()

    def focus_search(self) -> bool:
        if self.stack.currentWidget() is self.picker:
            self.shop_search.setFocus()
            self.shop_search.selectAll()
            return True
        return False

    def save(self) -> bool:
        """Everything valid is already saved; a check-out or submit waiting for an undo is
        taken now; bring the owner interaction up to date."""
        self.undo_bar.flush()
        self.fields.flush_interaction()
        return self.state.visit is not None

    def attach_files(self, files: Sequence[str | Path]) -> None:
        """Attach pictures to this visit (``VisitPhotos.attach_files``)."""
        self.photos.attach_files(files)

    def _autosave(self, form: Form, name: str) -> None:
        self.fields.autosave(form, name)

    # ================================================================== showing

    def _show_parts(self) -> None:
        d = self.state.detail
        if d is None:
            return
        today = self.ctx.today()
        self.header.show_detail(d, today)
        self.fields.show_detail(d)
        self.order.show_detail(d)
        self.kocs.show_detail(d)
        self.photos.show_photos(d)
        self.fields.set_editable(not d.read_only)
        for part in (self.order, self.kocs, self.photos):
            part.set_editable(not d.read_only)
        self.steps.show_detail(d, today)

    def _saved(self, tables: Sequence[str]) -> None:
        self.saved_label.setText(
            self.tr("Saved %1").replace("%1", time_text(self.ctx.store.now(), seconds=True))
        )
        self.ctx.notify(*tables)

    def _part_saved(self, tables: list[str]) -> None:
        self._saved(tables)
        self._reload_detail()

    def _interaction_synced(self) -> None:
        self.ctx.notify("interactions", "owners")
        self._reload_detail()

    def _photos_saved(self, visit_id: str) -> None:
        self._saved(["photos"])
        if self.state.visit is not None and self.state.visit.id == visit_id:
            self._reload_detail()
            if self.state.detail is not None:  # a new photo to choose as proof
                self.display_checks.load(self.state.detail)
                self.campaigns.load(self.state.detail)

    def _reload_detail(self) -> None:
        if self.state.visit is None:
            return
        self.state.visit = self.ctx.store.visits.get(self.state.visit.id)
        self.state.detail = vv.visit_detail(self.ctx.store.db, visit_id=self.state.visit.id)
        self._show_parts()

    # ================================================================== language

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the page takes a check-out or submit that waits for an undo.
        self.undo_bar.flush()
        super().hideEvent(event)

    def retranslate(self) -> None:
        for part in (self.picker, self.header, self.steps, self.fields, self.photos):
            part.retranslate()
        for box in (self.order, self.kocs, self.shelf_box, self.display_checks, self.campaigns):
            box.retranslate()
        if self.state.detail is not None:
            self._show_parts()
        if self.saved_label.text():
            self.saved_label.clear()


def _column(*parts: QWidget) -> QVBoxLayout:
    """Parts stacked at their natural height, the room left below them."""
    column = QVBoxLayout()
    column.setSpacing(8)
    for part in parts:
        column.addWidget(part)
    column.addStretch(1)
    return column
