"""Languages: pick one from the system locale, install Qt's and our translators, switch live.

Our strings are compiled into ``ui/i18n/fieldapp_zh_CN.qm`` from the .ts files (see
tools/i18n.py). The .qm files are built, not committed: ``./dev setup`` builds them, the
package's spec too, and a source checkout that lacks them (or whose .ts files are newer)
builds them here on the first ``Translations`` (``ensure_qm``, PySide6's lrelease);
Qt's own (standard buttons, dialogs) come from ``qtbase_zh_CN.qm`` in the PySide6
wheel. English is the source language: its one file, ``fieldapp_en.qm``, holds only
the plural forms of counted strings (``%n``: "1 event this week", "2 events …").
Switching installs the new translators; Qt then sends every widget a LanguageChange event and pages
re-translate their texts without losing what is typed.
The chosen language is the person's preference (QSettings ``ui/language``), not a
property of a data file: every store opens in it.
Threading: UI thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

LANGUAGES: tuple[str, ...] = ("zh_CN", "en")
#: QSettings key of the interface language the person chose.
LANGUAGE_KEY = "ui/language"


class _HasSettings(Protocol):
    def get_setting(self, key: str, default: object = None) -> object: ...


I18N_DIR = Path(__file__).resolve().parent / "i18n"


def system_language() -> str:
    """zh_CN on a Chinese system (any Chinese locale), else English."""
    name = QLocale.system().name()
    return "zh_CN" if name.lower().startswith("zh") else "en"


def preferred_language(settings: QSettings, store: _HasSettings | None = None) -> str:
    """The language chosen in Settings; else one a data file remembers from before the
    choice moved to QSettings; else the system's."""
    for value in (settings.value(LANGUAGE_KEY), store and store.get_setting("language")):
        if isinstance(value, str) and value in LANGUAGES:
            return value
    return system_language()


def remember_language(settings: QSettings, lang: str) -> None:
    settings.setValue(LANGUAGE_KEY, lang)
    settings.sync()


def our_qm(lang: str) -> Path:
    return I18N_DIR / f"fieldapp_{lang}.qm"


#: Each compiled file and the folder of .ts files it is compiled from.
QM_SOURCES: dict[str, str] = {"zh_CN": "zh_CN", "en": "en"}


def compile_qm(sources: list[Path], target: Path) -> None:
    """Compile .ts files into one .qm with PySide6's lrelease."""
    import shutil
    import subprocess
    import sys

    here = Path(sys.executable).parent / "pyside6-lrelease"
    tool = str(here) if here.exists() else shutil.which("pyside6-lrelease")
    if tool is None:
        raise FileNotFoundError("pyside6-lrelease not found (install PySide6)")
    done = subprocess.run(
        [tool, "-silent", *map(str, sources), "-qm", str(target)],
        capture_output=True,  # its notes on duplicate messages are no news at a start
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"pyside6-lrelease failed: {done.stderr.strip()}")


def ensure_qm() -> list[Path]:
    """Build each .qm that is missing or older than one of its .ts files (a source
    checkout); the .qm files built. Nothing to do in the packaged app (no .ts there)."""
    built = []
    for lang, folder in QM_SOURCES.items():
        sources = sorted((I18N_DIR / folder).glob("*.ts"))
        target = our_qm(lang)
        if not sources:
            continue
        newest = max(p.stat().st_mtime for p in sources)
        if target.exists() and target.stat().st_mtime >= newest:
            continue
        compile_qm(sources, target)
        built.append(target)
    return built


class Translations:
    """Owns the installed translators of the application."""

    def __init__(self, app: QCoreApplication) -> None:
        ensure_qm()  # a fresh clone not set up by ./dev builds its translations here
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
        if lang == "en":
            # English needs no words, only its plural forms ("1 event" / "2 events").
            translator = QTranslator(self._app)
            if our_qm("en").exists() and translator.load(str(our_qm("en"))):
                self._app.installTranslator(translator)
                self._installed.append(translator)
        else:
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
