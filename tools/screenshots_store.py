"""Render the window on a read-only and on a damaged data file, and the damaged-file
dialog shown at start, in Chinese and English, into docs/screenshots/.

    QT_QPA_PLATFORM=offscreen python tools/screenshots_store.py [OUT_DIR]

Uses the rep-scale demo (seed 1, today 2026-11-24) at 1366x768. The read-only file is
made read-only for real (run as root, the window opens it as ``nobody``); the damaged one
has the root page of its visits table overwritten, and one automatic backup.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from fieldapp.demo import adopt_first_rep, generate
from fieldapp.store import Store, backup
from ui.app import create_context, create_window
from ui.damaged import DamagedDialog, ways_out
from ui.errors import install_excepthook
from ui.i18n import Translations
from ui.store_safety import install

TODAY = date(2026, 11, 24)
ROOT = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def _as_nobody() -> Iterator[None]:
    if os.geteuid() != 0:
        yield
        return
    os.setegid(65534)
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def _corrupt_visits(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'visits'").fetchone()[0]
    conn.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * size)
        fh.write(b"\xa5" * size)


def _window(app: QApplication, store: Store, translations: Translations) -> object:
    ctx = create_context(store, today=lambda: TODAY, translations=translations)
    ctx.errors.quiet = True
    ctx.errors.defer_damage = True
    install_excepthook(ctx.errors)  # as main.py: errors in slots reach the presenter
    window = create_window(ctx)
    install(ctx, window, restart=lambda: None)
    window.resize(1366, 768)
    window.show()
    for _ in range(5):
        app.processEvents()
    return window


def main(out: Path) -> None:
    app = QApplication(sys.argv[:1])
    translations = Translations(app)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        folder.chmod(0o755)
        demo = folder / "demo.db"
        with Store.open(demo) as store:
            generate(store, scale="rep", seed=1, today=TODAY)
            adopt_first_rep(store)
        for lang in ("zh_CN", "en"):
            translations.install(lang)
            ro = folder / f"fieldapp-{lang}.db"
            shutil.copy(demo, ro)
            ro.chmod(0o444)
            with _as_nobody():
                store = Store.open(ro)
            window = _window(app, store, translations)
            window.grab().save(str(out / f"store_read_only_{lang}.png"))  # type: ignore[attr-defined]
            window.close()  # type: ignore[attr-defined]
            window.deleteLater()  # type: ignore[attr-defined]
            app.processEvents()
            store.close()

            bad = folder / f"damaged-{lang}" / "fieldapp.db"
            bad.parent.mkdir()
            shutil.copy(demo, bad)
            backup.make_backup(bad, now=datetime(2026, 11, 23, 12, 30, tzinfo=UTC))
            _corrupt_visits(bad)
            dialog = DamagedDialog(ways_out(bad))
            dialog.show()
            app.processEvents()
            dialog.grab().save(str(out / f"store_damaged_dialog_{lang}.png"))
            dialog.close()
            store = Store.open(bad)
            window = _window(app, store, translations)
            window.store_safety.show_damaged()  # type: ignore[attr-defined]
            for _ in range(3):
                app.processEvents()
            window.grab().save(str(out / f"store_damaged_{lang}.png"))  # type: ignore[attr-defined]
            window.hide()  # type: ignore[attr-defined]
            window.deleteLater()  # type: ignore[attr-defined]
            app.processEvents()
            store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
