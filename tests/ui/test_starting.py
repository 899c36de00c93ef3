"""Starting the app: the window fits the screen and remembers its place; ``--as`` holds for
one start; the interface language is the person's choice whatever data file opens; Qt's
own dialogs speak Chinese in the Chinese interface.

Starts run ``main.start`` in a fresh process (it makes its own QApplication) with its own
home folder, so QSettings and the log are the test's.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
)
from pytestqt.qtbot import QtBot

from ui import window_state
from ui.app import create_window
from ui.context import AppContext
from ui.i18n import Translations

ROOT = Path(__file__).resolve().parents[2]

_SCRIPT = r"""
import json, sys
from datetime import date
import main

args = json.loads(sys.argv[1])
started = main.start(args["argv"], today=lambda: date(2026, 11, 24))
window, store = started.window, started.store
if args.get("language"):
    window.pages["settings"].set_language(args["language"])
user = store.users.find(store.user_id)
print("RESULT " + json.dumps({
    "role": str(user.role),
    "language": window.ctx.extra["translations"].language,
}))
window.close()
store.close()
"""


def start(home: Path, *argv: str, **extra: object) -> dict[str, str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        LANG="en_US.UTF-8",
        LC_ALL="en_US.UTF-8",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_DATA_HOME=str(home / "data"),
    )
    out = subprocess.run(
        [sys.executable, "-c", _SCRIPT, json.dumps({"argv": list(argv), **extra})],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("RESULT ")]
    assert out.returncode == 0 and lines, out.stderr[-3000:]
    result: dict[str, str] = json.loads(lines[-1][len("RESULT ") :])
    return result


def test_as_supervisor_holds_for_that_start_only(demo_template: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    shutil.copy(demo_template, db)
    assert start(tmp_path, "--db", str(db), "--as", "supervisor")["role"] == "supervisor"
    assert start(tmp_path, "--db", str(db))["role"] == "rep"


def test_the_chosen_language_opens_every_data_file(demo_template: Path, tmp_path: Path) -> None:
    first, other = tmp_path / "first.db", tmp_path / "other.db"
    shutil.copy(demo_template, first)
    shutil.copy(demo_template, other)
    assert start(tmp_path, "--db", str(first))["language"] == "en"  # the system's
    start(tmp_path, "--db", str(first), language="zh_CN")  # chosen in Settings
    assert start(tmp_path, "--db", str(other))["language"] == "zh_CN"
    # --lang is for one start; the choice stays.
    assert start(tmp_path, "--db", str(other), "--lang", "en")["language"] == "en"
    assert start(tmp_path, "--db", str(first))["language"] == "zh_CN"


# --------------------------------------------------------------------------- window


def test_the_first_start_fits_a_laptop_screen_with_a_task_bar() -> None:
    title_bar, border = 40, 8
    for available in (QRect(0, 0, 1366, 728), QRect(0, 24, 1366, 744), QRect(0, 0, 1280, 680)):
        inner = window_state.fitted(available)
        assert inner.top() - title_bar >= available.top(), (available, inner)
        assert inner.bottom() + border <= available.bottom(), (available, inner)
        assert inner.left() - border >= available.left()
        assert inner.right() + border <= available.right()
    assert window_state.fitted(QRect(0, 0, 1920, 1040)).size().toTuple() == (1280, 720)


def test_closing_the_window_remembers_its_place(qtbot: QtBot, ctx: AppContext) -> None:
    """(The offscreen screen is 800×600: tests/ui/test_platform.py checks the whole round
    trip on a real 1366×768 X11 screen.)"""
    window = create_window(ctx)
    qtbot.addWidget(window)
    window.show()
    window.resize(1100, 650)
    window.close()
    saved = QSettings().value(window_state.GEOMETRY_KEY)
    assert isinstance(saved, QByteArray)
    again = create_window(ctx)
    qtbot.addWidget(again)
    assert again.height() == 650  # (restoreGeometry narrows it to the 800 px screen)


# --------------------------------------------------------------------------- Qt's dialogs

_LATIN = re.compile(r"[A-Za-z]{2,}")


def _english_in(dialog: QFileDialog) -> list[str]:
    texts: list[str] = []
    for label in dialog.findChildren(QLabel):
        texts.append(label.text())
    for button in dialog.findChildren(QAbstractButton):
        texts += [button.text(), button.toolTip()]
    for combo in dialog.findChildren(QComboBox):
        if combo.objectName() != "lookInCombo":  # folder paths
            texts += [combo.itemText(i) for i in range(combo.count())]
    for header in dialog.findChildren(QHeaderView):
        model = header.model()
        if model is not None:
            texts += [
                str(model.headerData(i, Qt.Orientation.Horizontal) or "")
                for i in range(model.columnCount())
            ]
    # What is left once the mnemonic "(&X)" and file patterns like "*.db" are taken out.
    cleaned = [re.sub(r"\(&\w\)|\*\.\w+|&", "", t) for t in texts]
    return [t for t in cleaned if _LATIN.search(t)]


def test_the_file_dialog_is_chinese_in_the_chinese_interface(
    qtbot: QtBot, ctx: AppContext, translations: Translations
) -> None:
    translations.install("zh_CN")
    window = create_window(ctx)
    qtbot.addWidget(window)
    window.show()
    assert QApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    found: list[list[str]] = []

    def inspect() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, inspect)
            return
        qtbot.wait(50)
        found.append(_english_in(dialog))
        name = dialog.findChild(QLineEdit)
        assert name is not None
        dialog.reject()

    QTimer.singleShot(0, inspect)
    window.show_page("settings")
    window.current_page().choose_store_file()  # type: ignore[attr-defined]
    assert found == [[]]
