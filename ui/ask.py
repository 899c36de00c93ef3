"""Questions that need a person's answer before something is kept or thrown away.

One helper for every such question (an unusual number, leaving a page with a field
that could not be saved, a possible duplicate, a step that cannot be taken back):
a message box with an ``objectName`` and named buttons, so a test answers it the way
a person would, by clicking the button with that name.
Threading: UI thread.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def ask(
    parent: QWidget | None,
    name: str,
    title: str,
    text: str,
    choices: Sequence[tuple[str, str]],
    *,
    default: str | None = None,
    escape: str | None = None,
    details: str = "",
) -> str:
    """Ask, and return the name of the choice clicked; ``escape`` (else the last choice)
    on Escape or when the box is closed.

    ``choices`` are (name, button text); the buttons get objectName ``<name>Button``.
    """
    box = QMessageBox(parent)
    box.setObjectName(name)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    if details:
        box.setInformativeText(details)
    buttons = {}
    for i, (key, label) in enumerate(choices):
        role = (
            QMessageBox.ButtonRole.AcceptRole
            if i == 0
            else QMessageBox.ButtonRole.RejectRole
            if i == len(choices) - 1
            else QMessageBox.ButtonRole.DestructiveRole
        )
        button = box.addButton(label, role)
        button.setObjectName(key + "Button")
        buttons[key] = button
        if key == default:
            box.setDefaultButton(button)
    escape = escape or choices[-1][0]
    box.setEscapeButton(buttons[escape])
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    for key, button in buttons.items():
        if button is clicked:
            return key
    return escape


def ask_yes_no(parent: QWidget | None, name: str, title: str, text: str) -> bool:
    """A yes/no question; True for yes."""
    yes = QCoreApplication.translate("Ask", "Yes")
    no = QCoreApplication.translate("Ask", "No")
    return ask(parent, name, title, text, [("yes", yes), ("no", no)], default="no") == "yes"
