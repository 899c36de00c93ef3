"""fieldapp's desktop entry point:
``python main.py [--db PATH] [--lang zh_CN|en] [--as rep|supervisor] [--version]``.

Wiring only: logging, QApplication, translators, the store, the main window.
``start`` does everything up to the shown window (the start-up benchmark and test run
it); ``main`` adds the event loop.
Threading: main (UI) thread.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from platformdirs import user_log_path

from fieldapp import APP_NAME, __version__, default_store_path

if TYPE_CHECKING:
    from fieldapp.store import Store
    from ui.main_window import MainWindow


@dataclass
class Started:
    """The running application: the QApplication, its store and the shown main window."""

    app: Any  # QApplication (PySide6 is imported inside start, after argument parsing)
    store: Store
    window: MainWindow


def main(argv: Sequence[str] | None = None) -> int:
    started = start(argv)
    if isinstance(started, int):
        return started
    code = int(started.app.exec())
    started.store.close()
    return code


def start(
    argv: Sequence[str] | None = None, *, today: Callable[[], date] | None = None
) -> Started | int:
    """Parse the arguments, open the store and show the main window; an exit code instead
    when the user leaves at the first start or the store cannot be opened. ``today``
    fixes the calendar day (the benchmark and tests; the app uses Beijing's today)."""
    parser = argparse.ArgumentParser(prog="fieldapp-gui", description="fieldapp desktop app")
    parser.add_argument("--db", type=Path, default=None, help="store file")
    parser.add_argument("--lang", choices=("zh_CN", "en"), default=None, help="interface language")
    parser.add_argument(
        "--as",
        dest="as_role",
        choices=("rep", "supervisor"),
        default=None,
        help="demo data: work as its first rep or its first supervisor (review queue, dashboard)",
    )
    parser.add_argument("--version", action="version", version=f"fieldapp {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open every page in both languages, then quit (exit 0 when all worked)",
    )
    args = parser.parse_args(argv)

    log_dir = user_log_path(APP_NAME, appauthor=False)
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / "fieldapp.log"
    logging.basicConfig(
        filename=log_file,
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )

    from fieldapp.errors import FieldappError, StoreDamaged
    from fieldapp.store import Store
    from ui.app import (
        after_first_paint,
        create_context,
        create_window,
        import_in_turns,
        install_enter_clicks,
        page_modules,
        warm_up,
    )
    from ui.errors import ErrorPresenter, describe, install_excepthook
    from ui.i18n import Translations, preferred_language
    from ui.store_safety import install as install_store_safety
    from ui.theme import new_application

    app = new_application(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    translations = Translations(app)
    presenter = ErrorPresenter(log_path=str(log_file))
    install_excepthook(presenter)

    from PySide6.QtCore import QSettings

    # The data file chosen in Settings ("Use another data file…") applies from the next start.
    qsettings = QSettings()
    chosen = qsettings.value("store/path")
    db = args.db or (Path(str(chosen)) if chosen else default_store_path())
    try:
        store = Store.open(db)
    except StoreDamaged:
        # The ways out (latest backup, fresh copy from head office) before any window.
        from ui.store_safety import open_damaged

        translations.install(args.lang or preferred_language(qsettings))
        opened = open_damaged(db, presenter)
        if opened is None:
            return 1
        store = opened
    except FieldappError as exc:
        from PySide6.QtWidgets import QMessageBox  # only here: its class costs ms at start

        translations.install(args.lang or preferred_language(qsettings))
        QMessageBox.critical(None, "fieldapp", f"{db}\n\n{describe(exc)}")
        return 1
    translations.install(args.lang or preferred_language(qsettings, store))

    if getattr(sys, "frozen", False):  # the packaged app: a downloaded update goes in now
        from ui.update_ui import apply_at_start

        applied = apply_at_start(store, list(sys.argv[1:] if argv is None else argv))
        if applied == "started":
            return 0
        if applied == "failed":  # this version goes on, on the same store
            store = Store.open(db)

    # Not for a read-only store (nothing can be written), nor for a fresh copy of a damaged
    # store waiting for its first sync from head office.
    first_start = store.is_empty() and not store.read_only and store.replica.server_url() is None
    if first_start:
        # Only then: the dialog and the demo generator are no part of a usual start.
        from ui.first_start import FirstStartDialog, adopt_demo_user, load_demo, start_empty

    while first_start and store.is_empty():
        dialog = FirstStartDialog()
        if not dialog.exec():
            store.close()
            return 0
        if dialog.wants_demo():
            # Cancelled or failed (the error was shown): nothing was kept; ask again.
            if load_demo(store, presenter):
                adopt_demo_user(store)
        else:
            start_empty(store, dialog.user_name(), dialog.chosen())
    if args.as_role:
        from fieldapp.demo import adopt_first

        adopt_first(store, args.as_role, remember=False)  # this start only

    ctx = create_context(store, errors=presenter, translations=translations, today=today)
    presenter.defer_damage = True  # until the safety below shows the ways out
    window = create_window(ctx, enter_clicks=False)  # installed once painted, below
    # The read-only and damaged banner, and the store check and backup after the paint.
    safety = install_store_safety(ctx, window)

    def install_sync() -> None:
        if not window.isVisible():  # closed while the warm-up ran: start nothing new
            return
        from ui.sync_ui import install
        from ui.update_ui import install as install_updates

        tray = None
        if not store.read_only:  # a sync writes what it pulls
            tray = install(ctx, window).tray
        install_updates(ctx, window, notify=None if tray is None else tray.notify)
        import_in_turns(page_modules())
        safety.check_in_background()

    # Once the window is painted: load on a worker what the next clicks need (the models,
    # sqlite-utils, pinyin, the HTTP client), then install sync on the UI thread, then
    # import the pages' own modules there, one per turn of the event loop.
    def after_paint() -> None:
        install_enter_clicks()  # Enter on a focused button clicks it from now on
        warm_up(ctx, then=install_sync)

    after_first_paint(window, after_paint)
    if args.self_test:
        from ui.self_test import run as self_test

        after_first_paint(window, lambda: self_test(window, translations))
    window.show()
    return Started(app=app, store=store, window=window)


if __name__ == "__main__":
    sys.exit(main())
