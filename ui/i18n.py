"""Languages: pick one from the system locale, install Qt's and our translators, switch live.

Our strings are compiled into ``ui/i18n/fieldapp_zh_CN.qm`` (see tools/i18n.py);
Qt's own (standard buttons, dialogs) come from ``qtbase_zh_CN.qm`` in the PySide6
wheel. English is the source language and needs no file. Switching installs the
new translators; Qt then sends every widget a LanguageChange event and pages
re-translate their texts without losing what is typed.
Threading: UI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

LANGUAGES: tuple[str, ...] = ("zh_CN", "en")
I18N_DIR = Path(__file__).resolve().parent / "i18n"


def system_language() -> str:
    """zh_CN on a Chinese system (any Chinese locale), else English."""
    name = QLocale.system().name()
    return "zh_CN" if name.lower().startswith("zh") else "en"


def our_qm(lang: str) -> Path:
    return I18N_DIR / f"fieldapp_{lang}.qm"


class Translations:
    """Owns the installed translators of the application."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = "en"

    def install(self, lang: str) -> None:
        """Make ``lang`` the interface language (``zh_CN`` or ``en``)."""
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported language {lang!r}")
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed = []
        if lang != "en":
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            for name, folder in ((f"qtbase_{lang}", qt_dir), (f"fieldapp_{lang}", str(I18N_DIR))):
                translator = QTranslator(self._app)
                if not translator.load(name, folder):
                    raise FileNotFoundError(f"translation {name}.qm not found in {folder}")
                self._app.installTranslator(translator)
                self._installed.append(translator)
        # Dates, numbers and the calendar popup follow the interface language.
        QLocale.setDefault(QLocale("zh_CN" if lang == "zh_CN" else "en_GB"))
        self.language = lang
        # Deliver the LanguageChange events now, so every widget is re-labelled
        # before the caller goes on (they are posted, not sent).
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        QCoreApplication.sendPostedEvents(None, 0)
