"""One icon per action, everywhere: the registry over qtawesome's Material Design Icons.

``icon("approve")`` is the same picture on the review page, in a dialog and in a menu;
an action missing here is a KeyError, not a stock Qt pixmap. Icons are drawn in the
theme's text colour (white on a primary button) and cached per (action, colour).

The pictures are qtawesome's Material Design Icons font (its TTF and charmap), drawn here
as glyphs: importing qtawesome itself goes through qtpy, which imports a dozen Qt modules
and loads every bundled font (more than half a second before the first screen could
paint). Where the font files cannot be found, qtawesome draws them instead.
Threading: UI thread (glyphs are drawn with an application font).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPainter, QPixmap

from . import theme

#: action → Material Design Icons name (qtawesome's ``mdi6`` set).
ACTIONS: dict[str, str] = {
    "add": "mdi6.plus",
    "edit": "mdi6.pencil-outline",
    "delete": "mdi6.delete-outline",
    "open": "mdi6.open-in-new",
    "back": "mdi6.arrow-left",
    "search": "mdi6.magnify",
    "refresh": "mdi6.refresh",
    "save": "mdi6.content-save-outline",
    "approve": "mdi6.check-circle-outline",
    "return": "mdi6.undo-variant",
    "visit": "mdi6.map-marker-check-outline",
    "event": "mdi6.calendar-plus",
    "previous": "mdi6.chevron-left",
    "next": "mdi6.chevron-right",
    "today": "mdi6.calendar-today",
    "month": "mdi6.calendar-month-outline",
    "week": "mdi6.calendar-week",
    "list": "mdi6.format-list-bulleted",
    "chart": "mdi6.chart-bar",
    "table": "mdi6.table",
    "link": "mdi6.link-variant",
    "unlink": "mdi6.link-variant-off",
    "erase": "mdi6.account-remove-outline",
    "group": "mdi6.account-group-outline",
    "photo": "mdi6.image-outline",
    "file": "mdi6.folder-open-outline",
    "import": "mdi6.upload",
    "export": "mdi6.download",
    "sync": "mdi6.sync",
    "empty": "mdi6.inbox-outline",
    "warning": "mdi6.alert-outline",
    # the side bar
    "nav.today": "mdi6.home-outline",
    "nav.shops": "mdi6.store-outline",
    "nav.kocs": "mdi6.account-star-outline",
    "nav.events": "mdi6.calendar-star",
    "nav.visit": "mdi6.map-marker-check-outline",
    "nav.review": "mdi6.clipboard-check-outline",
    "nav.dashboard": "mdi6.view-dashboard-outline",
    "nav.counties": "mdi6.map-outline",
    "nav.conflicts": "mdi6.source-branch",
    "nav.settings": "mdi6.cog-outline",
    "nav.plan": "mdi6.routes",
    "nav.map": "mdi6.map-marker-radius-outline",
}

#: qtawesome's ``mdi6`` font: the file names in its ``fonts`` folder.
MDI_FONT = "materialdesignicons6-webfont-6.9.96.ttf"
MDI_CHARMAP = "materialdesignicons6-webfont-charmap-6.9.96.json"
#: Pixel sizes drawn for each icon (Qt picks the nearest; 2x for high-DPI screens).
SIZES = (16, 20, 24, 32, 40, 48, 64)
#: The glyph's share of the icon's height (as qtawesome draws it).
GLYPH_SHARE = 0.875

_cache: dict[tuple[str, str], QIcon] = {}
_font: tuple[str, dict[str, int]] | None = None


def _fonts_folder() -> Path | None:
    """qtawesome's fonts folder, found without importing the package."""
    spec = importlib.util.find_spec("qtawesome")
    for location in (spec.submodule_search_locations or []) if spec else []:
        folder = Path(location) / "fonts"
        if (folder / MDI_FONT).is_file() and (folder / MDI_CHARMAP).is_file():
            return folder
    return None


def _mdi_font() -> tuple[str, dict[str, int]] | None:
    """(font family, name → code point) of the mdi6 font, loaded once; None if missing."""
    global _font
    if _font is None:
        folder = _fonts_folder()
        if folder is None:
            return None
        font_id = QFontDatabase.addApplicationFont(str(folder / MDI_FONT))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            return None
        charmap = json.loads((folder / MDI_CHARMAP).read_text(encoding="utf-8"))
        _font = (families[0], {name: int(code, 16) for name, code in charmap.items()})
    return _font


def _glyph_icon(family: str, code: int, colour: str) -> QIcon:
    found = QIcon()
    font = QFont(family)
    for mode, pen in ((QIcon.Mode.Normal, colour), (QIcon.Mode.Disabled, theme.DISABLED)):
        for size in SIZES:
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            font.setPixelSize(round(size * GLYPH_SHARE))
            painter.setFont(font)
            painter.setPen(QColor(pen))
            painter.drawText(QRect(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, chr(code))
            painter.end()
            found.addPixmap(pixmap, mode)
    return found


def icon(action: str, colour: str = theme.TEXT) -> QIcon:
    """The icon for ``action`` (a key of ``ACTIONS``) in ``colour``."""
    key = (action, colour)
    found = _cache.get(key)
    if found is None:
        name = ACTIONS[action]
        mdi = _mdi_font()
        if mdi is not None and name.startswith("mdi6."):
            family, codes = mdi
            found = _glyph_icon(family, codes[name.removeprefix("mdi6.")], colour)
        else:
            import qtawesome  # the slow way: qtpy, a dozen Qt modules, every font

            found = qtawesome.icon(name, color=colour, color_disabled=theme.DISABLED)
        _cache[key] = found
    return found


def nav_icon(page_id: str) -> QIcon | None:
    """The side bar's icon for a page, or None for a page without one."""
    action = f"nav.{page_id}"
    return icon(action, theme.NAV_TEXT) if action in ACTIONS else None
