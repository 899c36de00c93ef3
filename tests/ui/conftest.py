"""UI test fixtures: offscreen Qt, a demo store, a context with an inline task runner.

``ui_store`` is a rep-scale demo store built once per session on disk and copied
per test (so tests may write); ``ctx`` wraps it with a ``SyncTaskRunner`` and a
quiet error presenter whose ``last_message`` tests can read; ``lang`` switches
the interface language.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import QApplication

from fieldapp.demo.generator import generate
from fieldapp.store import Store
from ui import theme
from ui.app import create_context
from ui.context import AppContext
from ui.errors import ErrorPresenter
from ui.first_start import adopt_demo_user
from ui.i18n import Translations
from ui.tasks import SyncTaskRunner

DEMO_TODAY = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def _own_qsettings(tmp_path: Path) -> None:
    """Never the user's real QSettings (window state, language, data file) in tests, and
    a fresh one for each test."""
    folder = tmp_path / "qsettings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store.open(path) as store:
        generate(store, scale="rep", seed=7, today=DEMO_TODAY)
        adopt_demo_user(store)
    return path


@pytest.fixture
def ui_store(demo_template: Path, tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "store.db"
    shutil.copy(demo_template, path)
    store = Store.open(path, photos_dir=tmp_path / "photos")
    yield store
    store.close()


@pytest.fixture(autouse=True, scope="session")
def _theme(qapp: QApplication) -> None:
    """Every UI test sees the application's look (ui/theme.py), as the app does."""
    theme.apply(qapp)


@pytest.fixture(autouse=True)
def _close_windows(qapp: QApplication) -> Iterator[None]:
    """Delete every top-level widget a test leaves behind, before its store closes.

    A closed but living window would still react to the next test's language
    switch and reach for a store that is gone.
    """
    yield
    delete_windows()


def delete_windows() -> None:
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[Translations]:
    t = Translations(qapp)
    t.install("en")
    yield t
    t.install("en")


@pytest.fixture
def ctx(ui_store: Store, translations: Translations) -> Iterator[AppContext]:
    presenter = ErrorPresenter()
    presenter.quiet = True
    context = create_context(
        ui_store,
        runner=SyncTaskRunner(on_error=presenter.show),
        errors=presenter,
        today=lambda: DEMO_TODAY,
        translations=translations,
    )
    yield context
    delete_windows()  # before the store closes (this fixture is torn down first)
