"""``QT_TRANSLATE_NOOP`` typed as what it returns: the message, a ``str``.

PySide6's stub declares ``QT_TRANSLATE_NOOP(context: object, message: object) -> object``;
at run time it returns ``message`` unchanged. Import it from here instead of
``PySide6.QtCore`` and mypy sees a ``str``. pyside6-lupdate finds the marks by the name
``QT_TRANSLATE_NOOP("Context", "text")``, not by where it was imported from, so the
calls keep their exact form and are still extracted.
Threading: none (a pure function).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:

    def QT_TRANSLATE_NOOP(context: str, message: str, /) -> str: ...

else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP

__all__ = ["QT_TRANSLATE_NOOP"]
