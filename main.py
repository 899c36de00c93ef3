"""fieldapp's desktop entry point:
``python main.py [--db PATH] [--lang zh_CN|en] [--as rep|supervisor]``.

Wiring only: logging, QApplication, translators, the store, the main window.
Threading: main (UI) thread.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from platformdirs import user_log_path

from fieldapp import APP_NAME, default_store_path


def main(argv: Sequence[str] | None = None) -> int:
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
    args = parser.parse_args(argv)

    log_dir = user_log_path(APP_NAME, appauthor=False)
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / "fieldapp.log"
    logging.basicConfig(
        filename=log_file,
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )

    from PySide6.QtWidgets import QApplication, QMessageBox

    from fieldapp.errors import FieldappError
    from fieldapp.store import Store
    from ui.app import after_first_paint, create_context, create_window
    from ui.errors import ErrorPresenter, describe, install_excepthook
    from ui.first_start import (
        FirstStartDialog,
        adopt_demo_user,
        load_demo,
        start_empty,
        store_is_empty,
    )
    from ui.i18n import Translations, system_language

    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    translations = Translations(app)
    presenter = ErrorPresenter(log_path=str(log_file))
    install_excepthook(presenter)

    from PySide6.QtCore import QSettings

    # The data file chosen in Settings ("Use another data file…") applies from the next start.
    chosen = QSettings().value("store/path")
    db = args.db or (Path(str(chosen)) if chosen else default_store_path())
    try:
        store = Store.open(db)
    except FieldappError as exc:
        translations.install(args.lang or system_language())
        QMessageBox.critical(None, "fieldapp", f"{db}\n\n{describe(exc)}")
        return 1
    translations.install(args.lang or store.get_setting("language") or system_language())

    while store_is_empty(store):
        dialog = FirstStartDialog()
        if not dialog.exec():
            return 0
        if dialog.wants_demo():
            # Cancelled or failed (the error was shown): nothing was kept; ask again.
            if load_demo(store, presenter):
                adopt_demo_user(store)
        else:
            start_empty(store, dialog.user_name())
    if args.as_role:
        from fieldapp.demo import adopt_first

        adopt_first(store, args.as_role)

    ctx = create_context(store, errors=presenter, translations=translations)
    window = create_window(ctx)

    def install_sync() -> None:
        # Sync imports the HTTP client (requests …): a fifth of a second that the first
        # paint does not wait for.
        from ui.sync_ui import install

        install(ctx, window)

    after_first_paint(window, install_sync)
    window.show()
    code = app.exec()
    store.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
