"""``--self-test``: what CI can check of a packaged app without a person.

Once the window is up: every page of the side bar is opened in English and in Chinese
(our translations and Qt's own must load), the county list that ships with the app is
read, and the interface font must have Chinese glyphs; then the app quits, 0 when all
of it worked, 1 with the reason on stderr otherwise. ``tests/ui/test_package.py`` runs
it on the packaged binary, offscreen, on the demo store.
Threading: UI thread (steps run from the event loop, one turn each).
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication

from .fonts import has_chinese
from .i18n import Translations
from .main_window import MainWindow


def _steps(window: MainWindow, translations: Translations) -> list[Callable[[], str]]:
    page_ids = [
        str(window.nav.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(window.nav.count())
    ]

    def language(lang: str) -> Callable[[], str]:
        def step() -> str:
            translations.install(lang)  # raises when a .qm file is missing
            return f"language {lang}"

        return step

    def page(page_id: str) -> Callable[[], str]:
        def step() -> str:
            window.show_page(page_id)
            if window.current_page() is not window.pages[page_id]:
                raise RuntimeError(f"page {page_id} did not open")
            window.current_page().repaint()
            return f"page {page_id}"

        return step

    def counties() -> str:
        from fieldapp import reference

        n = len(reference.all_counties())
        if n < 2000:
            raise RuntimeError(f"the county list has {n} counties")
        return f"{n} counties"

    def font() -> str:
        family = QFontInfo(QApplication.font()).family()
        if not has_chinese(family):
            raise RuntimeError(f"the interface font {family} has no Chinese glyphs")
        return f"font {family}"

    steps: list[Callable[[], str]] = [counties, font]
    for lang in ("en", "zh_CN"):
        steps.append(language(lang))
        steps.extend(page(p) for p in page_ids)
    return steps


def run(window: MainWindow, translations: Translations) -> None:
    """Run the checks from the event loop, then quit the application with 0 or 1."""
    pending = _steps(window, translations)
    done: list[str] = []

    def step() -> None:
        if not pending:
            print("self-test ok: " + ", ".join(done), flush=True)
            QApplication.exit(0)
            return
        try:
            done.append(pending.pop(0)())
        except Exception:
            print("self-test failed after: " + ", ".join(done), file=sys.stderr)
            traceback.print_exc()
            sys.stderr.flush()
            QApplication.exit(1)
            return
        QTimer.singleShot(0, step)

    QTimer.singleShot(0, step)
