"""Chinese for the few strings of Qt's own dialogs that qtbase_zh_CN.qm lacks.

Qt's file dialog labels changed ("Look in:" became "&Look in:") after its Chinese
translation was last updated, so those labels stayed English in the Chinese interface.
Listed here in Qt's own context, lupdate puts them in our .ts and our .qm (installed
after qtbase's, so consulted first) carries their Chinese. Nothing imports this module.
Threading: none (data only).
"""

from __future__ import annotations

from ui.translate_noop import QT_TRANSLATE_NOOP

QT_WORDS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)
