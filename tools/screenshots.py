"""Render every page of the main window, in Chinese and English, into docs/screenshots/.

    QT_QPA_PLATFORM=offscreen python tools/screenshots.py [OUT_DIR] [--pages review,dashboard]

Uses the rep-scale demo (seed 1, today 2026-11-24) as the rep sees it, at 1366x768,
so the README's pictures can be made again after any UI change. The supervisor's pages
(review queue, team dashboard) are rendered as the demo's supervisor sees them.
``--pages`` renders only the pages named. Besides the pages: ``map_cached`` (the map
offline with generated tiles in its cache, the server unreachable) and ``route_sheet``
(the day's route sheet PDF, first page), ``review_evidence`` (the review queue's
flagged visits, the first with its evidence), ``order_import`` (the cloud-store order
import's preview and the orders not attributed). ``dialogs``: the first-start,
add-county and photo-viewer dialogs.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from fieldapp.demo import adopt_first, adopt_first_rep, generate
from fieldapp.store import Store
from ui.app import create_context, create_window
from ui.i18n import Translations
from ui.sync_ui import install as install_sync

TODAY = date(2026, 11, 24)
#: The demo's now (14:00 Beijing time on TODAY): the store's clock, so that what is due,
#: overdue or planned reads as it does on the demo's day, not on the machine's date.
NOW = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
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
    from fieldapp.store import loop

    paid = [e for e in loop.event_payback(db) if e.kind != "banquet" and e.cost]
    paid.sort(key=lambda e: (e.revenue[30], e.pushes), reverse=True)
    banquet = next(
        db.query("SELECT id FROM events WHERE kind = 'banquet' AND deleted = 0 LIMIT 1"), None
    )
    return {
        "paid_event": paid[0].event_id if paid else None,
        "banquet": banquet["id"] if banquet else None,
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
    if not supervisor and (pages is None or "shelf_audit" in pages):
        _shelf_audit(app, ctx, args, out / f"shelf_audit_{lang}.png")
    if supervisor and (pages is None or "review_evidence" in pages):
        _review_evidence(app, window, ctx, out / f"review_evidence_{lang}.png")
    if supervisor and (pages is None or "shelf_card" in pages):
        _shelf_card(app, window, ctx, out / f"shelf_card_{lang}.png")
    if supervisor and (pages is None or "chain_card" in pages):
        _card(app, window, ctx, "chainCard", out / f"chain_card_{lang}.png")
    if supervisor and (pages is None or "display_card" in pages):
        _display_card(app, window, ctx, out / f"display_card_{lang}.png")
    if not supervisor:
        for name, event_key, tab in (
            ("event_economics", "paid_event", "economics"),
            ("banquet", "banquet", "economics"),
            ("push_log", "paid_event", "outcomes"),
        ):
            if (pages is None or name in pages) and args.get(event_key):
                window.show_page("events", None)
                window.show_page("event", {"id": args[event_key], "tab": tab})
                ctx.runner.wait(30000)  # the payback is read off the UI thread
                for _ in range(3):
                    app.processEvents()
                path = out / f"{name}_{lang}.png"
                window.grab().save(str(path))
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    if not supervisor and (pages is None or "order_import" in pages):
        _order_dialogs(app, window, ctx, store, out, lang)
    if not supervisor and (pages is None or "map_cached" in pages):
        _map_cached(app, window, ctx, store, out / f"map_cached_{lang}.png")
    if not supervisor and (pages is None or "route_sheet" in pages):
        _route_sheet(store, out / f"route_sheet_{lang}.png")
    if not supervisor and (pages is None or "dialogs" in pages):
        _dialogs(app, window, ctx, out, lang)
    if not supervisor and (pages is None or "visit_evidence" in pages):
        _visit_evidence(app, window, ctx, store, out / f"visit_evidence_{lang}.png")
    if pages is None or "agreements" in pages:
        _agreements(app, window, ctx, out, lang, supervisor=supervisor)
    window.close()
    window.deleteLater()
    app.processEvents()


def _order_dialogs(
    app: QApplication, window: object, ctx: object, store: Store, out: Path, lang: str
) -> None:
    """The order import's preview of a small export (one row with a problem) and the
    orders not attributed, with a KOC found to attach one to (issue 18)."""
    import csv

    shops = [s for s in store.shops.list(limit=3) if s.code]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "orders.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["订单号", "下单时间", "门店", "商品", "实付金额", "推荐码", "群名"])
            w.writerow(["YZ20261124001", "2026-11-24 10:12", shops[0].code, "金典 x2",
                        "¥1,200", "", ""])  # fmt: skip
            w.writerow(["YZ20261124002", "2026-11-24 11:40", shops[1].code, "窖藏 x1",
                        "388元", "", "幸福里邻居群"])  # fmt: skip
            w.writerow(["YZ20261124003", "昨天", shops[2].code, "", "128", "", ""])
        dialog = window.open_import_orders()  # type: ignore[attr-defined]
        dialog.file.setText(str(path))
        dialog.next.click()
        ctx.runner.wait(30000)  # type: ignore[attr-defined]
        app.processEvents()
        dialog.next.click()
        ctx.runner.wait(30000)  # type: ignore[attr-defined]
        for _ in range(3):
            app.processEvents()
        dialog.resize(1000, 560)
        app.processEvents()
        dialog.grab().save(str(out / f"order_import_{lang}.png"))
        dialog.close()
    dialog = window.open_attribute_orders()  # type: ignore[attr-defined]
    ctx.runner.wait(30000)  # type: ignore[attr-defined]
    app.processEvents()
    dialog.resize(1000, 600)
    dialog.table.selectRow(0)
    koc = store.kocs.list(limit=1)[0]
    dialog.search.setText(koc.name[:1])
    for _ in range(3):
        app.processEvents()
    dialog.grab().save(str(out / f"attribute_orders_{lang}.png"))
    dialog.close()
    print(out / f"order_import_{lang}.png", out / f"attribute_orders_{lang}.png")


def _review_evidence(app: QApplication, window: object, ctx: object, path: Path) -> None:
    """The review queue narrowed to flagged visits (the demo's doubtful photos), the
    first one shown with its evidence pills (issue 15)."""
    from fieldapp.store import views_visits as vv

    window.show_page("review", None)  # type: ignore[attr-defined]
    page = window.pages["review"]  # type: ignore[attr-defined]
    page.flag_filter.setCurrentIndex(page.flag_filter.findData(vv.ANY_FLAG))
    if page.queue_model.rowCount():
        page.select(page.queue_model.row_at(0).visit_id)
    for _ in range(3):
        app.processEvents()
    page.view.ensure_evidence_visible()
    app.processEvents()
    window.grab().save(str(path))  # type: ignore[attr-defined]
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    page.clear_filters()


def _shelf_audit(app: QApplication, ctx: object, args: dict[str, object], path: Path) -> None:
    """The visit's SKU audit grid on its own (issue 16), prefilled from the last audit."""
    from ui.shelf_audit_box import ShelfAuditBox

    visit = args.get("visit")
    visit_id = visit.get("visit_id") if isinstance(visit, dict) else None
    if visit_id is None:
        return
    box = ShelfAuditBox(ctx)  # type: ignore[arg-type]
    box.load(str(visit_id))
    box.resize(980, 380)
    box.show()
    for _ in range(3):
        app.processEvents()
    box.grab().save(str(path))
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    box.close()
    box.deleteLater()


def _tile_png(z: int, x: int, y: int) -> bytes:
    """A generated tile (land colour, a road grid, its z/x/y): what the loopback tile
    server of the tests serves, so the picture shows the cache at work, not real streets."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage, QPainter, QPen

    image = QImage(256, 256, QImage.Format.Format_RGB32)
    image.fill(QColor("#e9ecdf" if (x + y) % 2 else "#e4e8da"))
    painter = QPainter(image)
    painter.setPen(QPen(QColor("#ffffff"), 3))
    for i in (64, 192):
        painter.drawLine(i, 0, i, 256)
        painter.drawLine(0, i, 256, i)
    painter.setPen(QColor("#b8bfae"))
    painter.drawRect(0, 0, 255, 255)
    painter.drawText(6, 16, f"{z}/{x}/{y}")
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def _map_cached(app: QApplication, window: object, ctx: object, store: Store, path: Path) -> None:
    """The map offline with its tiles from the cache only (the server unreachable)."""
    from fieldapp.tiles import TileCache
    from ui.map_tiles import TILE_DATUM, TILE_URL, cache_path

    store.set_setting(TILE_URL, "http://127.0.0.1:9/{z}/{x}/{y}.png")  # nothing listens
    store.set_setting(TILE_DATUM, "wgs84")
    ctx.notify("settings")  # type: ignore[attr-defined]
    window.show_page("map", None)  # type: ignore[attr-defined]
    page = window.pages["map"]  # type: ignore[attr-defined]
    view = page.view
    for _ in range(3):
        app.processEvents()
    s = 2**view.zoom
    left = view.center[0] * s - view.width() / 2
    top = view.center[1] * s - view.height() / 2
    cache = TileCache(cache_path(store.path, path.parent / "tiles.mbtiles"))
    for tx in range(int(left // 256), int((left + view.width()) // 256) + 1):
        for ty in range(int(top // 256), int((top + view.height()) // 256) + 1):
            cache.put(view.zoom, tx, ty, _tile_png(view.zoom, tx, ty))
    cache.close()
    ctx.notify("settings")  # type: ignore[attr-defined]
    page.refresh()
    for _ in range(3):
        app.processEvents()
    window.grab().save(str(path))  # type: ignore[attr-defined]
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    store.set_setting(TILE_URL, None)
    ctx.notify("settings")  # type: ignore[attr-defined]


def _evidence_photo(
    path: Path, seed: int, gps: tuple[float, float] | None, taken: str | None
) -> Path:
    """A drawn shelf picture with the EXIF time and GPS given (None: no EXIF)."""
    import random

    from PIL import Image, ImageDraw

    rnd = random.Random(seed)
    image = Image.new("RGB", (900, 675), (235, 230, 220))
    draw = ImageDraw.Draw(image)
    for row in range(4):
        y = 40 + row * 155
        draw.rectangle((20, y + 130, 880, y + 142), fill=(120, 90, 60))
        x = 30
        while x < 860:
            w = rnd.randint(24, 56)
            colour = tuple(rnd.randint(30, 220) for _ in range(3))
            draw.rectangle((x, y + rnd.randint(10, 50), x + w, y + 130), fill=colour)
            x += w + rnd.randint(3, 10)
    exif = Image.Exif()
    if taken is not None:
        exif.get_ifd(0x8769)[0x9003] = taken
    if gps is not None:
        g = exif.get_ifd(0x8825)
        for ref, tag, value, pos in (("N", 2, gps[0], 1), ("E", 4, gps[1], 3)):
            d = int(value)
            m = int((value - d) * 60)
            g[pos], g[tag] = ref, (float(d), float(m), round(((value - d) * 60 - m) * 60, 4))
    image.save(path, "JPEG", exif=exif, quality=88)
    return path


def _visit_evidence(
    app: QApplication, window: object, ctx: object, store: Store, path: Path
) -> None:
    """A visit whose photos are flagged: one far from the shop, one without EXIF, one
    reused from another visit of the shop."""
    from datetime import timedelta

    shop = next(
        s for s in store.shops.list(where={"rep_id": store.user_id}, order_by="name") if s.latitude
    )
    lat, lon = shop.latitude or 0.0, shop.longitude or 0.0
    folder = path.parent / f".evidence-{path.stem}"
    folder.mkdir(exist_ok=True)
    store.set_setting("photo.keep_original", True)
    checkin = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
    before = store.visits.create(
        shop_id=shop.id, rep_id=store.user_id, planned_date=TODAY - timedelta(days=7)
    )
    store.visits.check_in(before.id, at=checkin - timedelta(days=7))
    store.photos.add_file(
        _evidence_photo(folder / "old.jpg", 3, (lat, lon), "2026:11:17 10:05:00"),
        visit_id=before.id,
    )
    visit = store.visits.create(shop_id=shop.id, rep_id=store.user_id, planned_date=TODAY)
    store.visits.check_in(visit.id, at=checkin)
    store.visits.check_out(visit.id, at=checkin + timedelta(minutes=4))
    for name, seed, gps, taken in (
        ("near.jpg", 1, (lat, lon), "2026:11:24 10:02:00"),
        ("far.jpg", 2, (lat + 0.006, lon), "2026:11:24 10:03:00"),
        ("bare.jpg", 4, None, None),
        ("again.jpg", 3, (lat, lon), "2026:11:24 10:03:30"),
    ):
        store.photos.add_file(_evidence_photo(folder / name, seed, gps, taken), visit_id=visit.id)
    window.show_page("today", None)  # type: ignore[attr-defined]
    window.show_page("visit", {"visit_id": visit.id})  # type: ignore[attr-defined]
    for _ in range(5):
        app.processEvents()
    ctx.runner.wait(30000)  # type: ignore[attr-defined]  # the photos are read on a worker
    for _ in range(3):
        app.processEvents()
    from PySide6.QtWidgets import QScrollArea

    page = window.pages["visit"]  # type: ignore[attr-defined]
    scroll = page.findChild(QScrollArea, "visitScroll")
    if scroll is not None:  # the photos and their evidence in view
        scroll.ensureWidgetVisible(page.photos.evidence, 0, 20)
    for _ in range(3):
        app.processEvents()
    window.grab().save(str(path))  # type: ignore[attr-defined]
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    window.show_page("today", None)  # type: ignore[attr-defined]
    for made in (visit, before):  # the next language's picture starts from the demo again
        for p in store.photos.list(where={"visit_id": made.id}):
            store.photos.delete(p.id)
        store.visits.delete(made.id)
    store.set_setting("photo.keep_original", False)
    for f in folder.iterdir():
        f.unlink()
    folder.rmdir()


def _route_sheet(store: Store, path: Path) -> None:
    """The day's route sheet PDF, its first page as a picture (QtPdf)."""
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    from fieldapp.store.route_sheet import route_sheet
    from ui.route_sheet import write_pdf

    pdf = write_pdf(route_sheet(store, store.user_id or "", TODAY), path.with_suffix(".pdf"))
    doc = QPdfDocument()
    doc.load(str(pdf))
    size = doc.pagePointSize(0)
    image = doc.render(0, QSize(int(size.width() * 1.6), int(size.height() * 1.6)))
    image.save(str(path))
    doc.close()
    pdf.unlink()
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def _shelf_card(app: QApplication, window: object, ctx: object, path: Path) -> None:
    """The dashboard's shelf card (issue 16), as the supervisor sees it."""
    from ui.shelf_card import ShelfCard

    window.show_page("dashboard", None)  # type: ignore[attr-defined]
    ctx.runner.wait(30000)  # type: ignore[attr-defined]
    card = window.findChild(ShelfCard, "shelfCard")  # type: ignore[attr-defined]
    if card is None:
        return
    card.resize(1300, card.minimumHeight())
    for _ in range(3):
        app.processEvents()
    card.grab().save(str(path))
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def _card(app: QApplication, window: object, ctx: object, name: str, path: Path) -> None:
    """One dashboard card on its own (the B→KOC→C card of issue 18), as the supervisor
    sees it."""
    from ui.widgets.chart_card import ChartCard

    window.show_page("dashboard", None)  # type: ignore[attr-defined]
    ctx.runner.wait(30000)  # type: ignore[attr-defined]
    card = window.findChild(ChartCard, name)  # type: ignore[attr-defined]
    if card is None:
        return
    card.resize(1300, max(card.minimumHeight(), 320))
    for _ in range(3):
        app.processEvents()
    card.grab().save(str(path))
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def _display_card(app: QApplication, window: object, ctx: object, path: Path) -> None:
    """Issue 16: the dashboard scrolled to the display-payout card, and the team tab's
    deduction shares (``display_shares_*``), as the supervisor sees them at 1366×768."""
    from ui.widgets.chart_card import ChartCard

    window.show_page("dashboard", None)  # type: ignore[attr-defined]
    ctx.runner.wait(30000)  # type: ignore[attr-defined]
    for _ in range(3):
        app.processEvents()
    page = window.pages["dashboard"]  # type: ignore[attr-defined]
    card = window.findChild(ChartCard, "displayCard")  # type: ignore[attr-defined]
    page.grid.ensureWidgetVisible(card, 0, 0)
    page.grid.verticalScrollBar().setValue(card.y())
    _grab(app, window, path)
    window.show_page("counties", None)  # type: ignore[attr-defined]
    counties = window.pages["counties"]  # type: ignore[attr-defined]
    counties.tabs.setCurrentWidget(counties.team)
    _grab(app, window, path.with_name(path.name.replace("display_card", "display_shares")))


def _save(app: QApplication, widget: object, path: Path) -> None:
    for _ in range(3):
        app.processEvents()
    widget.grab().save(str(path))  # type: ignore[attr-defined]
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    widget.close()  # type: ignore[attr-defined]
    widget.deleteLater()  # type: ignore[attr-defined]


def _dialogs(app: QApplication, window: object, ctx: object, out: Path, lang: str) -> None:
    """The first-start, add-county and photo-viewer dialogs (issue 14), as they open."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QImage, QPainter

    from ui.add_county import AddCountyDialog
    from ui.first_start import FirstStartDialog
    from ui.photo_viewer import PhotoViewer

    first = FirstStartDialog(window)  # type: ignore[arg-type]
    first.show()
    _save(app, first, out / f"first_start_{lang}.png")
    county = AddCountyDialog(ctx, window)  # type: ignore[arg-type]
    county.show()
    _save(app, county, out / f"add_county_{lang}.png")
    store = ctx.store  # type: ignore[attr-defined]
    row = next(store.db.query("SELECT id FROM photos WHERE deleted = 0 LIMIT 1"), None)
    if row is not None:
        photo_path = str(store.photos.path_of(store.photos.get(row["id"])))
    else:  # a drawn shelf, for a demo without photos
        photo_path = str(Path(tempfile.mkdtemp()) / "shelf.png")
        image = QImage(1200, 800, QImage.Format.Format_RGB32)
        image.fill(QColor("#e9e2d4"))
        painter = QPainter(image)
        for shelf in range(4):
            painter.fillRect(60, 150 + shelf * 170, 1080, 18, QColor("#8a6a4a"))
            for bottle in range(14):
                painter.fillRect(
                    80 + bottle * 76,
                    60 + shelf * 170,
                    44,
                    90,
                    QColor("#a93226" if bottle % 3 else "#1f7a8c"),
                )
        painter.setPen(Qt.GlobalColor.black)
        painter.end()
        image.save(photo_path)
    viewer = PhotoViewer([photo_path], 0, window)  # type: ignore[arg-type]
    viewer.resize(900, 640)
    viewer.show()
    _save(app, viewer, out / f"photo_viewer_{lang}.png")


def _grab(app: QApplication, widget: object, path: Path) -> None:
    """Save a widget as it is, leaving it open (the window goes on to other pages)."""
    for _ in range(3):
        app.processEvents()
    widget.grab().save(str(path))  # type: ignore[attr-defined]
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def _agreements(
    app: QApplication, window: object, ctx: object, out: Path, lang: str, *, supervisor: bool
) -> None:
    """Issue 16: an order with the promotion of the day and a visit's display checks (the
    rep), a shop's assortment and agreements with their payouts (rep and supervisor)."""

    from fieldapp.store.display import record_check
    from fieldapp.store.views_visits import add_order_line
    from ui.widgets.shop_agreements import ShopAgreements
    from ui.widgets.shop_assortment import ShopAssortment
    from ui.widgets.visit_display_checks import VisitDisplayChecks
    from ui.widgets.visit_order import VisitOrder

    store: Store = ctx.store  # type: ignore[attr-defined]
    shop = next(
        store.db.query(
            "SELECT a.shop_id FROM display_agreements a WHERE a.deleted = 0"
            " AND a.starts_on < ? AND a.ends_on >= ? ORDER BY a.starts_on, a.id LIMIT 1",
            [TODAY.isoformat()[:7] + "-01", TODAY.isoformat()],
        )
    )["shop_id"]
    if not supervisor:
        visit = store.visits.create(shop_id=shop, rep_id=store.user_id, planned_date=TODAY)
        # Before the demo rep's first stop (08:05 Beijing time), and checked out below:
        # the later pictures' Today keeps its one visit in progress, nothing after now.
        store.visits.check_in(visit.id, at=datetime(2026, 11, 24, 0, 5, tzinfo=UTC))
        for code, quantity in (("DEMO-PCT", 6), ("DEMO-CASE", 24)):
            promo = store.promotions.list(where={"code": code})[0]
            assert promo.product_id is not None
            add_order_line(store, visit_id=visit.id, product_id=promo.product_id, quantity=quantity)
        for i, a in enumerate(store.display_agreements.list(where={"shop_id": shop})):
            record_check(store, visit_id=visit.id, agreement_id=a.id, passed=i % 2 == 1,
                         note=None if i % 2 else "端架放了竞品",
                         terms={"position_ok": i % 2 == 1, "facings_ok": True,
                                "skus_ok": True})  # fmt: skip
        window.show_page("visit", {"visit_id": visit.id})  # type: ignore[attr-defined]
        order = window.findChild(VisitOrder, "orderBox")  # type: ignore[attr-defined]
        _grab(app, order, out / f"order_promotion_{lang}.png")
        checks = window.findChild(VisitDisplayChecks, "displayChecksBox")  # type: ignore[attr-defined]
        _grab(app, checks, out / f"display_checks_{lang}.png")
        store.visits.check_out(visit.id, at=datetime(2026, 11, 24, 0, 25, tzinfo=UTC))
    window.show_page("shop", shop)  # type: ignore[attr-defined]
    page = window.pages["shop"]  # type: ignore[attr-defined]
    who = "supervisor" if supervisor else "rep"
    for kind, name in ((ShopAgreements, "shopAgreements"), (ShopAssortment, "shopAssortment")):
        tab = page.findChild(kind, name)
        page.tabs.setCurrentWidget(tab)
        if kind is ShopAgreements and supervisor:
            tab.payouts.table.selectRow(0)
        label = "agreements" if kind is ShopAgreements else "assortment"
        if kind is ShopAgreements or not supervisor:
            _grab(app, window, out / f"shop_{label}_{who}_{lang}.png")


def main(out: Path, pages: set[str] | None = None) -> None:
    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "demo.db", clock=lambda: NOW)
        generate(store, scale="rep", seed=1, today=TODAY, now=NOW)
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
