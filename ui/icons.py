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

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QIcon,
    QIconEngine,
    QPainter,
    QPixmap,
)

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
_font: tuple[str, _Charmap] | None = None


class _Charmap:
    """The charmap's name → code point, each name looked up in its text when first asked
    for: parsing all ~7,400 names took ~5 ms before the first paint, for a dozen icons."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._codes: dict[str, int] = {}

    def __getitem__(self, name: str) -> int:
        code = self._codes.get(name)
        if code is None:
            key = f'"{name}": "'
            at = self._text.find(key)
            end = self._text.find('"', at + len(key)) if at >= 0 else -1
            if end < 0:  # not in the file as written: read it as JSON
                code = int(json.loads(self._text)[name], 16)
            else:
                code = int(self._text[at + len(key) : end], 16)
            self._codes[name] = code
        return code


def _fonts_folder() -> Path | None:
    """qtawesome's fonts folder, found without importing the package."""
    spec = importlib.util.find_spec("qtawesome")
    for location in (spec.submodule_search_locations or []) if spec else []:
        folder = Path(location) / "fonts"
        if (folder / MDI_FONT).is_file() and (folder / MDI_CHARMAP).is_file():
            return folder
    return None


def _mdi_font() -> tuple[str, _Charmap] | None:
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
        _font = (families[0], _Charmap((folder / MDI_CHARMAP).read_text(encoding="utf-8")))
    return _font


def _draw_glyph(family: str, code: int, colour: str, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    font = QFont(family)
    font.setPixelSize(round(size * GLYPH_SHARE))
    painter.setFont(font)
    painter.setPen(QColor(colour))
    painter.drawText(QRect(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, chr(code))
    painter.end()
    return pixmap


class _GlyphEngine(QIconEngine):
    """A glyph drawn when a size is first asked for, then kept: drawing every size in
    both modes up front (14 pixmaps an icon) cost the side bar's icons ~10 ms before the
    first paint, for sizes that are mostly never shown. Sizes are those of ``SIZES``
    (the nearest one up, as an icon of those pixmaps gave), so every icon looks the same
    wherever it is shown."""

    def __init__(self, family: str, code: int, colour: str) -> None:
        super().__init__()
        self._glyph = (family, code, colour)
        self._drawn: dict[tuple[int, bool], QPixmap] = {}

    def _size(self, wanted: QSize) -> int:
        side = min(wanted.width(), wanted.height())
        return next((s for s in SIZES if s >= side), SIZES[-1])

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        side = min(self._size(size), size.width(), size.height())
        return QSize(side, side)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        side = self._size(size)
        disabled = mode == QIcon.Mode.Disabled
        found = self._drawn.get((side, disabled))
        if found is None:
            family, code, colour = self._glyph
            found = _draw_glyph(family, code, theme.DISABLED if disabled else colour, side)
            self._drawn[(side, disabled)] = found
        wanted = self.actualSize(size, mode, state)
        if found.size() != wanted:
            return found.scaled(
                wanted,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        return found

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        pixmap = QPixmap(self.pixmap(rect.size() * ratio, mode, state))  # a copy to scale
        pixmap.setDevicePixelRatio(ratio)
        painter.drawPixmap(rect, pixmap)

    def availableSizes(
        self,
        mode: QIcon.Mode = QIcon.Mode.Normal,
        state: QIcon.State = QIcon.State.Off,
    ) -> list[QSize]:
        return [QSize(s, s) for s in SIZES]

    def clone(self) -> QIconEngine:
        copy = _GlyphEngine(*self._glyph)
        copy._drawn = dict(self._drawn)
        return copy


def _glyph_icon(family: str, code: int, colour: str) -> QIcon:
    return QIcon(_GlyphEngine(family, code, colour))


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
