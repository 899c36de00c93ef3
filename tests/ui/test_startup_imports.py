"""The first screen loads neither the pydantic models nor sqlite-utils (nor the HTTP
client): together they were more than half of the window's start-up time. A fresh
process starts the app on a demo store (``main.start``, all of main.py but the event
loop) and lists what was imported when the window was first painted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ui.app import WARM_MODULES, import_in_turns, page_modules, warm_up
from ui.context import AppContext
from ui.tasks import TaskRunner

_SCRIPT = """
import json, sys
from datetime import date
from PySide6.QtCore import QEvent, QObject
import main

from ui.app import EnterClicks

class FirstPaint(QObject):
    modules = None
    enter_clicks = None
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and self.modules is None:
            self.modules = sorted(sys.modules)  # what the first screen loaded
            self.enter_clicks = started.app.findChild(EnterClicks) is not None
        return False

started = main.start(["--db", sys.argv[1], "--lang", "zh_CN"], today=lambda: date(2026, 11, 24))
# PySide makes a class's Python type on its first use (this event filter makes some)
qstyle = "QStyle" in sys.modules["PySide6.QtWidgets"].__dict__
paint = FirstPaint()
started.window.installEventFilter(paint)
started.app.processEvents()
window = started.window
rows = window.current_page().planned_model.rowCount()
started.app.processEvents()  # the turn after the first paint
enter_clicks = len(started.app.findChildren(EnterClicks))
print(json.dumps({"page": window.current_page().page_id, "rows": rows,
                  "modules": paint.modules, "enter_clicks_at_paint": paint.enter_clicks,
                  "enter_clicks": enter_clicks, "qstyle": qstyle}))
"""

NOT_AT_START = (
    "pydantic",
    "sqlite_utils",
    "fieldapp.model",
    "fieldapp.store.repo",
    "fieldapp.store.metrics",  # the Today page needs only fieldapp.store.overdue
    "requests",
    "uuid",  # loads platform; only writes make ids
    "hashlib",  # verify sums; only sync and migrations
    "qtpy",  # qtawesome's import: a dozen Qt modules; ui.icons draws its font's glyphs
    "pandas",  # sqlite-utils' optional import (fieldapp.store.db refuses it), 0.3 s
    "numpy",  # the map's, imported on the warm-up's worker
)


def test_the_first_screen_needs_no_models_and_no_sqlite_utils(
    demo_template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "store.db"
    db.write_bytes(demo_template.read_bytes())
    # Its own settings and log folders: QSettings' "store/path" must not point elsewhere.
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_STATE_HOME=str(tmp_path / "state"),
    )
    out = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(db)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["page"] == "today"
    assert seen["rows"] > 0  # painted with data
    loaded = [m for m in NOT_AT_START if m in seen["modules"]]
    assert loaded == []
    # Enter clicks a focused button (ui.app.EnterClicks) once the window is painted, not
    # before: an application-wide Python event filter sees every event of the start-up
    # and made Python types (and their enums) for every Qt class it saw.
    assert seen["enter_clicks_at_paint"] is False
    assert seen["enter_clicks"] == 1
    # Fusion is the style from the QApplication's start (ui.theme.new_application):
    # setting it later handed Python the QStyle, whose type PySide makes with all its
    # enums (566 members, about 4 ms) before the first paint; the window is built
    # without it.
    assert seen["qstyle"] is False


def test_the_application_is_made_with_fusion_from_the_start() -> None:
    """ui.theme.new_application makes Fusion the style by Qt's ``-style`` argument,
    which wins over the desktop's choice (here QT_STYLE_OVERRIDE), as the setStyle it
    replaces did; ``apply`` then leaves the style alone."""
    code = (
        "from PySide6.QtWidgets import QApplication\n"
        "from ui import theme\n"
        "app = theme.new_application(['fieldapp'])\n"
        "before = app.style().name()\n"
        "theme.apply(app)\n"
        "print(before, app.property('fieldappTheme'))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_STYLE_OVERRIDE="Windows")
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert out.stdout.split() == ["fusion", "True"]


def test_warm_up_loads_the_rest_on_a_worker_then_installs_sync(
    qtbot: QtBot, ctx: AppContext
) -> None:
    """What the first screen leaves out is loaded on a worker after the first paint
    (``ui.app.warm_up``), then ``then`` runs on the UI thread."""
    calls: list[bool] = []
    ctx.runner = TaskRunner()
    warm_up(ctx, then=lambda: calls.append(threading.current_thread() is threading.main_thread()))
    qtbot.waitUntil(lambda: calls != [], timeout=20000)
    assert calls == [True]
    assert all(name in sys.modules for name in WARM_MODULES)


def test_warm_up_loads_no_qt() -> None:
    """It imports on a worker thread: only plain Python, never a Qt module."""
    code = (
        "import sys, importlib\n"
        "names = " + repr(WARM_MODULES) + "\n"
        "[importlib.import_module(m) for m in names]\n"
        "print(any(m.startswith(('PySide6', 'shiboken6', 'ui')) for m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert out.stdout.strip() == "False"


def test_the_pages_modules_are_imported_one_per_turn_of_the_event_loop(qtbot: QtBot) -> None:
    """After the warm-up, the pages' Qt modules load on the UI thread in idle turns
    (ui.app.import_in_turns): one import per turn, then the callback."""
    names = page_modules()
    assert "ui.pages.counties" in names and "ui.exchange" in names
    assert len(names) == len(set(names))
    fresh = "ui.fonts"  # loaded already: skipped, but the callback still runs
    order: list[str] = []
    import_in_turns([fresh, *names], then=lambda: order.append("then"))
    assert order == []  # nothing happens before the event loop turns
    qtbot.waitUntil(lambda: order == ["then"], timeout=10000)
    assert all(name in sys.modules for name in names)


def test_a_module_that_fails_to_import_does_not_stop_the_others(qtbot: QtBot) -> None:
    done: list[bool] = []
    import_in_turns(["ui.no_such_module", "ui.pages.settings"], then=lambda: done.append(True))
    qtbot.waitUntil(lambda: done == [True], timeout=10000)
    assert "ui.pages.settings" in sys.modules


def test_a_failed_warm_up_import_is_logged_and_sync_is_still_installed(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import ui.app

    monkeypatch.setattr(ui.app, "WARM_MODULES", ("fieldapp.no_such_module", "fieldapp.kinds"))
    calls: list[bool] = []
    ctx.runner = TaskRunner()
    warm_up(ctx, then=lambda: calls.append(True))
    qtbot.waitUntil(lambda: calls == [True], timeout=10000)
    assert "warm-up import failed" in caplog.text and "no_such_module" in caplog.text
