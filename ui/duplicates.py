"""Ask before creating what may already exist (``fieldapp.store.duplicates``).

Called where a person creates a KOC or a shop: the possible matches are listed with why
they match, and the person chooses to create the new row anyway or not to.
Threading: UI thread.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from fieldapp.store.duplicates import Match

from .ask import ask


def _why(match: Match) -> str:
    if match.reason == "mobile":
        return QCoreApplication.translate("Duplicates", "same mobile %1").replace(
            "%1", match.detail
        )
    if match.reason == "phone":
        return QCoreApplication.translate("Duplicates", "same phone %1").replace("%1", match.detail)
    if match.reason == "gps":
        return QCoreApplication.translate("Duplicates", "%1 m away").replace(
            "%1", str(int(match.metres or 0))
        )
    return QCoreApplication.translate("Duplicates", "a name that sounds the same")


def go_ahead(parent: QWidget | None, matches: Sequence[Match]) -> bool:
    """True when there is no match or the person chose to create it anyway."""
    if not matches:
        return True
    kocs = matches[0].table == "kocs"
    text = (
        QCoreApplication.translate("Duplicates", "This KOC may already be recorded:")
        if kocs
        else QCoreApplication.translate("Duplicates", "This shop may already be recorded:")
    )
    lines = "\n".join(f"• {m.name} ({_why(m)})" for m in matches)
    return (
        ask(
            parent,
            "possibleDuplicate",
            QCoreApplication.translate("Duplicates", "Possible duplicate"),
            text + "\n" + lines,
            [
                ("create", QCoreApplication.translate("Duplicates", "Create it anyway")),
                ("cancel", QCoreApplication.translate("Duplicates", "Do not create it")),
            ],
            default="cancel",
        )
        == "create"
    )
