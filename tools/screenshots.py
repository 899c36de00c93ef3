"""Render every page of the main window, in Chinese and English, into docs/screenshots/.

    QT_QPA_PLATFORM=offscreen python tools/screenshots.py [OUT_DIR] [--pages review,dashboard]

Uses the rep-scale demo (seed 1, today 2026-11-24) as the rep sees it, at 1366x768,
so the README's pictures can be made again after any UI change. The supervisor's pages
(review queue, team dashboard) are rendered as the demo's supervisor sees them.
``--pages`` renders only the pages named.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from fieldapp.demo import adopt_first, adopt_first_rep, generate
from fieldapp.store import Store
from ui.app import create_context, create_window
from ui.i18n import Translations
from ui.sync_ui import install as install_sync

TODAY = date(2026, 11, 24)
#: The list a detail page is opened from (it stays highlighted in the side bar).
PARENT = {"shop": "shops", "visit": "today", "koc": "kocs", "event": "events"}
#: Pages the demo leaves empty: conflicts_*.png were rendered once with conflict rows
#: like those of tests/ui/test_sync_ui.py, and are kept as they are.
SKIP = {"conflicts"}
#: Pages rendered as the demo's supervisor (a rep's window has no such pages).
SUPERVISOR = ("review", "dashboard")
ROOT = Path(__file__).resolve().parent.parent


def _pick(store: Store) -> dict[str, object]:
    """Arguments that show each detail page with something on it."""
    db = store.db
    shop = next(
        db.query(
            "SELECT shop_id FROM visits WHERE deleted = 0 AND rep_id = ?"
            " GROUP BY shop_id ORDER BY count(*) DESC LIMIT 1",
            [store.user_id],
        )
    )["shop_id"]
    visit = next(
        db.query(
            "SELECT id FROM visits WHERE rep_id = ? AND planned_date = ? AND checkout_at IS NULL"
            " AND checkin_at IS NOT NULL LIMIT 1",
            [store.user_id, TODAY.isoformat()],
        ),
        None,
    )
    koc = next(
        db.query(
            "SELECT k.id FROM kocs k JOIN community_groups g ON g.admin_koc_id = k.id"
            " WHERE k.consent = 1 AND k.stage = 'advocating' AND k.deleted = 0 LIMIT 1"
        )
    )["id"]
    event = next(
        db.query(
            "SELECT event_id FROM invitations WHERE deleted = 0 AND status = 'attended'"
            " GROUP BY event_id ORDER BY count(*) DESC LIMIT 1"
        )
    )["event_id"]
    return {
        "shop": shop,
        "visit": {"visit_id": visit["id"]} if visit else {"shop_id": shop, "new": True},
        "koc": koc,
        "event": event,
        "events": TODAY,
    }


def _render(
    app: QApplication,
    store: Store,
    translations: Translations,
    lang: str,
    pages: set[str] | None,
    args: dict[str, object],
    out: Path,
    *,
    supervisor: bool,
) -> None:
    ctx = create_context(store, today=lambda: TODAY, translations=translations)
    window = create_window(ctx)
    install_sync(ctx, window)  # the status bar as the app shows it (no server set)
    window.resize(1366, 768)
    window.show()
    for page_id in window.pages:
        if page_id in SKIP or (page_id in SUPERVISOR) != supervisor:
            continue
        if pages is not None and page_id not in pages:
            continue
        if page_id in PARENT:  # arrive from the list, as a rep would
            window.show_page(PARENT[page_id], None)
        window.show_page(page_id, args.get(page_id))
        ctx.runner.wait(30000)  # pages that load off the UI thread (the dashboard)
        for _ in range(3):
            app.processEvents()
        path = out / f"{page_id}_{lang}.png"
        window.grab().save(str(path))
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    window.close()
    window.deleteLater()
    app.processEvents()


def main(out: Path, pages: set[str] | None = None) -> None:
    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "demo.db")
        generate(store, scale="rep", seed=1, today=TODAY)
        rep = adopt_first_rep(store)
        args = _pick(store)
        translations = Translations(app)
        for lang in ("zh_CN", "en"):
            translations.install(lang)
            store.set_user(rep)
            _render(app, store, translations, lang, pages, args, out, supervisor=False)
            adopt_first(store, "supervisor")
            _render(app, store, translations, lang, pages, args, out, supervisor=True)
        store.close()


if __name__ == "__main__":
    argv = sys.argv[1:]
    only: set[str] | None = None
    if "--pages" in argv:
        at = argv.index("--pages")
        only = set(argv[at + 1].split(","))
        del argv[at : at + 2]
    main(Path(argv[0]) if argv else ROOT / "docs" / "screenshots", only)
