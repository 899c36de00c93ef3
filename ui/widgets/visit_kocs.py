"""KOCs spotted on a visit: name, mobile and the four traits, added to the shop's
KOCs (a live KOC with the same mobile is shown and asked about first), and the list
of those spotted so far (a mobile stays masked until consent is recorded).
``saved(tables)`` after each KOC added; ``problem(text)`` for a trait score it cannot take.
Threading: UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError, ValidationError
from fieldapp.model import Koc
from fieldapp.store import duplicates, views_visits as vv
from ui.translate_noop import QT_TRANSLATE_NOOP

from ..context import AppContext
from ..duplicates import go_ahead
from ..forms import Form
from ..labels import TRAIT_FIELDS, concept, field_error_text, label, trait_hint
from ..numbers import NumberEdit
from ..pages.koc import mask_mobile
from .visit_bits import CONTEXT, Keys

#: The KOC traits: field, short label, what it means (tooltip).
#: (One label set for the traits on every page: ui/labels.py.)
TRAITS: tuple[tuple[str, str, str], ...] = tuple((name, name, name) for name in TRAIT_FIELDS)
DEFAULT_TRAIT = 3


class VisitKocs(QGroupBox):
    saved = Signal(list)
    problem = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("kocBox")
        self.detail: vv.VisitDetail | None = None
        koc = QVBoxLayout(self)
        koc.setContentsMargins(8, 6, 8, 8)
        koc.setSpacing(4)
        self.form = Form(Koc, CONTEXT)
        form_layout = self.form.layout()
        assert form_layout is not None
        form_layout.setContentsMargins(0, 0, 0, 0)
        self.name = self.form.add_line("name", QT_TRANSLATE_NOOP("VisitPage", "Name"))
        self.mobile = self.form.add_line(
            "mobile",
            QT_TRANSLATE_NOOP("VisitPage", "Mobile"),
            placeholder=QT_TRANSLATE_NOOP("VisitPage", "Optional"),
        )
        self.name.returnPressed.connect(self.add_koc)
        self.mobile.returnPressed.connect(self.add_koc)
        koc.addWidget(self.form)
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        self.trait_labels: dict[str, QLabel] = {}
        self.traits: dict[str, NumberEdit] = {}
        for i, (name, _short, _long) in enumerate(TRAITS):
            lbl = QLabel()
            spin = NumberEdit(minimum=1, maximum=5)
            spin.setObjectName(name)
            spin.setMaximumWidth(48)
            spin.setValue(DEFAULT_TRAIT)
            lbl.setBuddy(spin)
            Keys(spin, [Qt.Key.Key_Return, Qt.Key.Key_Enter], self.add_koc)
            self.trait_labels[name] = lbl
            self.traits[name] = spin
            grid.addWidget(lbl, i // 2, (i % 2) * 2)
            grid.addWidget(spin, i // 2, (i % 2) * 2 + 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)
        koc.addLayout(grid)
        row = QHBoxLayout()
        self.add_button = QPushButton()
        self.add_button.setObjectName("addKocButton")
        self.add_button.clicked.connect(self.add_koc)
        row.addStretch(1)
        row.addWidget(self.add_button)
        koc.addLayout(row)
        self.koc_list = QListWidget()
        self.koc_list.setObjectName("spottedKocs")
        self.koc_list.setMaximumHeight(78)
        self.koc_list.itemActivated.connect(self._open_koc)
        koc.addWidget(self.koc_list)

    def reset(self) -> None:
        self.form.set_values({"name": None, "mobile": None})
        for spin in self.traits.values():
            spin.setValue(DEFAULT_TRAIT)

    def forget(self) -> None:
        """No visit shown (the shop picker is up)."""
        self.detail = None

    def show_detail(self, detail: vv.VisitDetail | None) -> None:
        self.detail = detail
        self.koc_list.clear()
        if detail is None:
            return
        for k in detail.kocs:
            parts = [k.name, label(k.stage)]
            if k.mobile:
                # China's PIPL: no usable number on screen until consent is recorded.
                parts.insert(1, k.mobile if k.consent else mask_mobile(k.mobile))
            item = QListWidgetItem("  ·  ".join(parts))
            item.setData(Qt.ItemDataRole.UserRole, k.koc_id)
            self.koc_list.addItem(item)

    def set_editable(self, editable: bool) -> None:
        for widget in (self.form, self.add_button, *self.traits.values()):
            widget.setEnabled(editable)
        # Read-only: the KOCs spotted, without a greyed-out form for adding one.
        for widget in (self.form, self.add_button, *self.traits.values()):
            widget.setVisible(editable)
        for text in self.trait_labels.values():
            text.setVisible(editable)

    def add_koc(self) -> None:
        if self.detail is None or self.detail.read_only:
            return
        errors = self.form.check()
        if errors:
            self.form.editor(errors[0].field).setFocus()
            return
        for spin in self.traits.values():
            problem = spin.problem()
            if problem is not None:  # never a silently changed score
                self.problem.emit(field_error_text(problem))
                spin.setFocus()
                spin.selectAll()
                return
        fields = {**self.form.values(), **{n: s.value() for n, s in self.traits.items()}}
        matches = duplicates.koc_matches(self.ctx.store, mobile=fields.get("mobile"))
        if not go_ahead(self, matches):
            self.mobile.setFocus()
            return
        try:
            vv.add_spotted_koc(
                self.ctx.store, visit_id=self.detail.visit_id, day=self.ctx.today(), **fields
            )
        except ValidationError as exc:
            mine = [e for e in exc.errors if e.field in self.form.names()]
            if mine:
                self.form.show_errors(mine)
            else:
                self.ctx.errors.show(exc)
            return
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        self.reset()
        self.saved.emit(["kocs", "koc_shops"])
        self.name.setFocus()

    def _open_koc(self, item: QListWidgetItem) -> None:
        koc_id = item.data(Qt.ItemDataRole.UserRole)
        pages = getattr(self.window(), "pages", None)
        if pages is None or "koc" in pages:
            self.ctx.go("koc", koc_id)

    def retranslate(self) -> None:
        self.setTitle(self.tr("KOCs spotted"))
        for name, short, long in TRAITS:
            self.trait_labels[name].setText(concept(short))
            tip = trait_hint(long)
            self.trait_labels[name].setToolTip(tip)
            self.traits[name].setToolTip(tip)
        self.add_button.setText(self.tr("Add KOC"))
