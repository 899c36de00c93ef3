"""The visit's own fields, saved as they are typed: the checklist, the talk with the
owner and the level after it, and the next actions.

Each edit writes that one field through ``store.visits.update`` (the outbox folds the
keystrokes of one field into one mutation); an invalid value is shown next to the
field, kept as a draft and not written. After check-out the note and level also live
in the owner interaction: the level updates it at once, the note once typing pauses.
``saved(tables)`` after a write; ``synced()`` after the owner interaction was updated.
Threading: UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QPlainTextEdit, QWidget

from fieldapp.errors import FieldappError, ValidationError
from fieldapp.model import CompetitorCheck, DisplayCheck, PriceCheck, StockCheck, Visit
from fieldapp.store import views_visits as vv
from ui.translate_noop import QT_TRANSLATE_NOOP

from .. import theme
from ..context import AppContext
from ..forms import Form
from .record_summary import RecordSummary, form_rows
from .visit_bits import CONTEXT, VisitState, group


class VisitFields(QObject):
    saved = Signal(list)
    synced = Signal()

    def __init__(self, ctx: AppContext, state: VisitState, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx, self.state = ctx, state
        self._interaction_later = QTimer(self)
        self._interaction_later.setSingleShot(True)
        self._interaction_later.setInterval(1500)
        self._interaction_later.timeout.connect(self.sync_interaction)

        self.checklist_box, checklist = group("checklistBox")
        self.checklist = self._form()
        add = self.checklist.add_choice
        add("check_display", QT_TRANSLATE_NOOP("VisitPage", "Display"), DisplayCheck, optional=True)
        add("check_stock", QT_TRANSLATE_NOOP("VisitPage", "Stock"), StockCheck, optional=True)
        add("check_price", QT_TRANSLATE_NOOP("VisitPage", "Price"), PriceCheck, optional=True)
        add(
            "check_competitor",
            QT_TRANSLATE_NOOP("VisitPage", "Competitors"),
            CompetitorCheck,
            optional=True,
        )
        self.checklist.add_text("check_notes", QT_TRANSLATE_NOOP("VisitPage", "Notes"), lines=3)
        checklist.addWidget(self.checklist)

        self.relationship_box, rel = group("relationshipBox")
        self.relationship = self._form()
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
        theme.set_role(self.level_hint, "muted")
        self.level_hint.setWordWrap(True)
        rel.addWidget(self.level_hint)

        self.next_box, nxt = group("nextBox")
        self.next_form = self._form()
        self.next_form.add_text(
            "next_actions", QT_TRANSLATE_NOOP("VisitPage", "What, and by when"), lines=3
        )
        nxt.addWidget(self.next_form)

        # A visit nobody edits any more (submitted, approved) reads as text, not as a
        # greyed-out form: each box shows a summary in place of its form.
        self.summaries: dict[str, RecordSummary] = {}
        for box in self.boxes():
            summary = RecordSummary(box.objectName().replace("Box", "Summary"))
            summary.hide()
            layout = box.layout()
            assert layout is not None
            layout.addWidget(summary)
            self.summaries[box.objectName()] = summary

    def _form(self) -> Form:
        state = self.state
        form = Form(Visit, CONTEXT, base=lambda: state.visit.data() if state.visit else {})
        form_layout = form.layout()
        assert form_layout is not None
        form_layout.setContentsMargins(0, 0, 0, 0)
        form.keep_drafts(
            self.ctx.store,
            lambda: f"visits/{state.visit.id}" if state.visit else None,
            self.ctx.saves,
        )
        form.edited.connect(lambda name, f=form: self.autosave(f, name))
        return form

    def forms(self) -> tuple[Form, ...]:
        return (self.checklist, self.relationship, self.next_form)

    def boxes(self) -> tuple[QGroupBox, QGroupBox, QGroupBox]:
        return (self.checklist_box, self.relationship_box, self.next_box)

    def load(self, visit: Visit) -> None:
        values = visit.model_dump()
        for form in self.forms():
            form.set_values(values)

    def show_detail(self, d: vv.VisitDetail) -> None:
        if d.owner_name:
            self.level_hint.setText(
                self.tr(
                    "1 = distant, 5 = close. Now: %1. Recorded for the owner at check-out."
                ).replace("%1", str(d.owner_level))
            )
        else:
            self.level_hint.setText(self.tr("1 = distant, 5 = close."))

    def set_editable(self, editable: bool) -> None:
        for box, form in zip(self.boxes(), self.forms(), strict=True):
            summary = self.summaries[box.objectName()]
            if not editable:
                summary.set_rows(form_rows(form))
            summary.setVisible(not editable)
            form.setVisible(editable)
        self.level_hint.setVisible(editable)
        for form in self.forms():
            for name in form.names():
                editor = form.editor(name)
                if isinstance(editor, QPlainTextEdit):
                    editor.setReadOnly(not editable)
                else:
                    editor.setEnabled(editable)

    def has_errors(self) -> bool:
        return any(form.errors for form in self.forms())

    def autosave(self, form: Form, name: str) -> None:
        state = self.state
        if state.visit is None or state.detail is None or state.detail.read_only:
            return
        if name in form.errors:
            return  # the message is next to the field, the text kept as a draft
        value = form.value(name)
        try:
            state.visit = self.ctx.store.visits.update(state.visit.id, **{name: value})
        except ValidationError as exc:
            mine = [e for e in exc.errors if e.field in form.names()]
            if mine:
                form.show_errors([*form.errors.values(), *mine])
            else:
                self.ctx.saves.set_problem(self, True)
                self.ctx.errors.show(exc)
            return
        except FieldappError as exc:
            self.ctx.saves.set_problem(self, True)
            self.ctx.errors.show(exc)
            return
        self.ctx.saves.set_problem(self, False)
        tables = ["visits"]
        if name in ("relationship_note", "relationship_level") and state.visit.checkout_at:
            if name == "relationship_level":
                self.sync_interaction()
                tables += ["interactions", "owners"]
            else:
                self._interaction_later.start()
        self.saved.emit(tables)

    def sync_interaction(self) -> None:
        self._interaction_later.stop()
        state = self.state
        if state.visit is None or state.visit.checkout_at is None:
            return
        if state.detail is not None and state.detail.read_only:
            return
        try:
            vv.record_visit_interaction(
                self.ctx.store, visit_id=state.visit.id, day=self.ctx.today()
            )
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        self.synced.emit()

    def flush_interaction(self) -> None:
        if self._interaction_later.isActive():
            self.sync_interaction()

    def stop_interaction(self) -> None:
        self._interaction_later.stop()

    def retranslate(self) -> None:
        self.checklist_box.setTitle(self.tr("Checklist"))
        self.relationship_box.setTitle(self.tr("Relationship with the owner"))
        self.next_box.setTitle(self.tr("Next actions"))
