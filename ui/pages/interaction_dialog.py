"""Edit or delete one owner interaction (the shop page's relationship timeline).

The fields are validated as they are typed (``Form``); Save writes them through
``store.interactions.update`` and Delete (after a yes) tombstones the row: both travel as
outbox mutations, and the store recomputes the owner's relationship level.
Threading: UI thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from fieldapp.errors import FieldappError, ValidationError
from fieldapp.model import Interaction, InteractionKind
from ui.translate_noop import QT_TRANSLATE_NOOP

from ..ask import ask_yes_no
from ..context import AppContext
from ..forms import ERROR_STYLE, Form
from ..labels import field_error_text

CONTEXT = "InteractionDialog"


class InteractionDialog(QDialog):
    """One interaction, editable; ``changed`` after a save or a delete."""

    changed = Signal()

    def __init__(self, ctx: AppContext, interaction_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("interactionDialog")
        self.ctx = ctx
        self.interaction = ctx.store.interactions.get(interaction_id)
        self.form = Form(Interaction, CONTEXT, base=self._base)
        self.form.add_date("date", QT_TRANSLATE_NOOP("InteractionDialog", "Date"), optional=False)
        self.form.add_choice(
            "kind", QT_TRANSLATE_NOOP("InteractionDialog", "Kind"), InteractionKind
        )
        self.form.add_text("note", QT_TRANSLATE_NOOP("InteractionDialog", "Note"), lines=4)
        self.form.add_int(
            "level_after",
            QT_TRANSLATE_NOOP("InteractionDialog", "Level after (1–5)"),
            minimum=1,
            maximum=5,
            optional=True,
        )
        self.form.set_values(self.interaction.model_dump())
        self.message = QLabel()
        self.message.setObjectName("interactionDialogError")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.delete_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.delete_button.setObjectName("deleteInteraction")
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setObjectName("saveInteraction")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.delete_button.clicked.connect(self.ask_delete)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.message)
        layout.addStretch(1)  # the form keeps its rows together when the dialog grows
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())
        self.retranslate()

    def _base(self) -> dict[str, Any]:
        return {"owner_id": self.interaction.owner_id, "rep_id": self.interaction.rep_id}

    def save(self) -> bool:
        """Write the edited fields; True (and the dialog closes) when saved."""
        errors = self.form.check()
        if errors:
            self.form.editor(errors[0].field).setFocus()
            return False
        try:
            self.ctx.store.interactions.update(self.interaction.id, **self.form.values())
        except ValidationError as exc:
            mine = [e for e in exc.errors if e.field in self.form.names()]
            self.form.show_errors(mine)
            self._say("\n".join(field_error_text(e) for e in exc.errors if e not in mine))
            return False
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return False
        self._done()
        return True

    def ask_delete(self) -> bool:
        """Delete after a yes; True when deleted."""
        if not ask_yes_no(
            self,
            "confirmDeleteInteraction",
            self.tr("Delete interaction"),
            self.tr(
                "Delete this interaction from the timeline? The owner's relationship level"
                " is then taken from the interactions that are left."
            ),
        ):
            return False
        return self.delete()

    def delete(self) -> bool:
        try:
            self.ctx.store.interactions.delete(self.interaction.id)
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return False
        self._done()
        return True

    def _done(self) -> None:
        self.ctx.notify("interactions", "owners")
        self.changed.emit()
        self.accept()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Interaction with the owner"))
        self.delete_button.setText(self.tr("Delete"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
