"""The version: ``--version`` on the app and the command line, and in the About box
(Help menu) with the data file's place."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from fieldapp import __version__
from ui.app import create_window
from ui.context import AppContext
from ui.i18n import Translations

ROOT = Path(__file__).resolve().parents[2]


def test_version_on_the_app_and_the_cli() -> None:
    for args in (["main.py"], ["-m", "fieldapp"]):
        done = subprocess.run(
            [sys.executable, *args, "--version"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"fieldapp {__version__}"


def test_about_names_the_version_and_the_data_file(
    qtbot: QtBot, ctx: AppContext, translations: Translations
) -> None:
    window = create_window(ctx)
    qtbot.addWidget(window)
    assert window.help_menu.actions() == [window.about_action]
    box = window.open_about()
    assert isinstance(box, QMessageBox) and box.objectName() == "aboutBox"
    assert __version__ in box.text() and ctx.store.path in box.text()
    box.close()
    translations.install("zh_CN")
    assert window.about_action.text() == "关于 fieldapp"
    box = window.open_about()
    assert "数据文件" in box.text() and __version__ in box.text()
