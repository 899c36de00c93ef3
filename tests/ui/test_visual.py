"""Visual regression: key pages rendered offscreen at 1366x768 from the tests' demo store
(seed 7, today 2026-11-24), in Chinese and English, compared with the reference pictures
in tests/ui/visual/ (issue 17).

The window's side bar and page are compared (its menu and status bar name the temporary
data file). Two pictures match when at most ``MAX_CHANGED`` of their pixels differ by
more than ``PIXEL_TOLERANCE`` in any channel (Pillow's ``ImageChops.difference``): font
anti-aliasing may move, a page may not. A failing test writes the new picture and a
picture of the differences next to each other and names them.

A change to a page that is meant: look at the new pictures, then make them the
references with one command (docs/design-system.md):

    ./dev visuals            # = FIELDAPP_UPDATE_VISUALS=1 pytest tests/ui/test_visual.py
"""

from __future__ import annotations

import os
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.demo import adopt_first
from ui.app import create_window
from ui.context import AppContext
from ui.i18n import Translations

REFERENCES = Path(__file__).resolve().parent / "visual"
UPDATE = os.environ.get("FIELDAPP_UPDATE_VISUALS") == "1"
#: A pixel counts as changed when a channel moved by more than this (of 255).
PIXEL_TOLERANCE = 48
#: A picture matches while at most this share of its pixels changed.
MAX_CHANGED = 0.001

#: Page, the SQL that picks what it shows (None: the page as opened from the side bar),
#: and whether the demo's supervisor looks at it.
PAGES: dict[str, tuple[str, str | None, bool]] = {
    "today": ("today", None, False),
    "shop": (
        "shop",
        "SELECT s.id FROM shops s JOIN visits v ON v.shop_id = s.id AND v.deleted = 0"
        " WHERE s.deleted = 0 GROUP BY s.id ORDER BY count(*) DESC, s.name LIMIT 1",
        False,
    ),
    "visit_approved": (
        "visit",
        "SELECT v.id FROM visits v JOIN shops s ON s.id = v.shop_id"
        " WHERE v.review_status = 'approved' AND v.deleted = 0 AND v.check_notes IS NOT NULL"
        " ORDER BY v.planned_date DESC, s.name LIMIT 1",
        False,
    ),
    "event": (
        "event",
        "SELECT e.id FROM events e JOIN invitations i ON i.event_id = e.id"
        " AND i.deleted = 0 AND i.status = 'attended' WHERE e.deleted = 0"
        " GROUP BY e.id ORDER BY count(*) DESC, e.title LIMIT 1",
        False,
    ),
    "settings": ("settings", None, False),
    "review": ("review", None, True),
}


#: Where a rep's data lives (platformdirs on Linux): shown instead of the test's temporary
#: folder, whose name changes from run to run (pytest-0, pytest-4 …) and would move pixels.
SHOWN_FOLDER = "/home/rep/.local/share/fieldapp"


def _fix_store_paths(window: QWidget, ctx: AppContext) -> None:
    """Pages that name the data file (Settings) show it in a fixed folder."""
    folder = str(Path(ctx.store.path).parent)
    for widget in window.findChildren(QLabel) + window.findChildren(QLineEdit):
        text = widget.text()
        if folder in text:
            widget.setText(text.replace(folder, SHOWN_FOLDER))


def _render(qtbot: QtBot, ctx: AppContext, name: str) -> Image.Image:
    page_id, sql, supervisor = PAGES[name]
    if supervisor:
        adopt_first(ctx.store, "supervisor")
    arg: object = None
    if sql is not None:
        arg = ctx.store.db.execute(sql).fetchone()[0]
        if page_id == "visit":
            arg = {"visit_id": arg}
    window = create_window(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_page(page_id, arg)
    for _ in range(5):
        QApplication.processEvents()
    _fix_store_paths(window, ctx)
    body = window.centralWidget()
    assert isinstance(body, QWidget)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    body.grab().save(buffer, "PNG")
    return Image.open(BytesIO(bytes(buffer.data()))).convert("RGB")


def changed_share(reference: Image.Image, new: Image.Image) -> tuple[float, Image.Image]:
    """The share of pixels that changed beyond ``PIXEL_TOLERANCE``, and a picture of them."""
    if reference.size != new.size:
        return 1.0, new
    diff = ImageChops.difference(reference.convert("RGB"), new.convert("RGB"))
    # The largest channel change of each pixel, then changed (255) or not (0).
    largest = ImageChops.lighter(ImageChops.lighter(*diff.split()[:2]), diff.split()[2])
    mask = largest.point(lambda v: 255 if v > PIXEL_TOLERANCE else 0)
    changed = mask.histogram()[255]
    return changed / (mask.width * mask.height), mask


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_looks_as_its_reference(
    qtbot: QtBot,
    ctx: AppContext,
    translations: Translations,
    tmp_path: Path,
    name: str,
    lang: str,
) -> None:
    translations.install(lang)
    new = _render(qtbot, ctx, name)
    reference_path = REFERENCES / f"{name}_{lang}.png"
    if UPDATE:
        REFERENCES.mkdir(exist_ok=True)
        # 256 colours (no dithering) keep the file a third as large; what they change is
        # far under the tolerance.
        small = new.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        small.save(reference_path, optimize=True)
        return
    assert reference_path.exists(), f"no reference {reference_path}: run ./dev visuals"
    share, mask = changed_share(Image.open(reference_path), new)
    if share > MAX_CHANGED:
        new.save(tmp_path / reference_path.name)
        mask.save(tmp_path / f"diff_{reference_path.name}")
        pytest.fail(
            f"{name} ({lang}) changed in {share:.2%} of its pixels (at most {MAX_CHANGED:.2%}):"
            f" the new picture is {tmp_path / reference_path.name}, the changed pixels"
            f" {tmp_path / ('diff_' + reference_path.name)}. If the change is meant, look at it"
            " and run ./dev visuals."
        )


def test_the_comparison_sees_a_change_and_forgives_noise() -> None:
    base = Image.new("RGB", (200, 100), "white")
    noisy = base.copy()
    noisy.putpixel((5, 5), (230, 230, 230))  # anti-aliasing sized: under the tolerance
    assert changed_share(base, noisy)[0] == 0
    moved = base.copy()
    for x in range(40):
        for y in range(10):
            moved.putpixel((x, y), (0, 0, 0))  # a block of text that moved
    share, mask = changed_share(base, moved)
    assert share == pytest.approx(400 / 20000) and share > MAX_CHANGED
    assert mask.getpixel((0, 0)) == 255 and mask.getpixel((100, 50)) == 0
    assert changed_share(base, Image.new("RGB", (201, 100), "white"))[0] == 1.0
