"""The interface font: one with Chinese glyphs, in either interface language.

Shop, owner and KOC names are Chinese whatever the interface language. Where the
system's default interface font has no Han glyphs (Segoe UI on Windows, DejaVu Sans on
many Linux desktops), Qt draws every Chinese run in a fallback font: a line mixes two
fonts' sizes and weights, and finding the fallback for each piece of text costs paint
time (a quarter of the Today page's paint, measured here). So the application uses the
font Chinese software uses on that system, at the default size; a default font that
has the glyphs already (a Chinese system's) is kept. The packaged app for Linux carries
WenQuanYi Micro Hei in ``ui/font_files/`` (``./dev package``), for desktops that have no
Chinese font; those files are registered only when no preferred font is installed.
Threading: UI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

#: In order of preference: Windows, macOS, then the free fonts of Linux desktops.
CHINESE_FAMILIES: tuple[str, ...] = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
)


#: Fonts the packaged app carries (absent when run from source: the system's are used).
BUNDLED_FONTS = Path(__file__).resolve().parent / "font_files"


def add_bundled_fonts(folder: Path = BUNDLED_FONTS) -> list[str]:
    """Register the font files in ``folder`` with Qt; the families they add."""
    families: list[str] = []
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in (".ttf", ".ttc", ".otf"):
                font_id = QFontDatabase.addApplicationFont(str(path))
                families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def has_chinese(family: str) -> bool:
    return QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)


def use_chinese_font(app: QApplication) -> str | None:
    """Make the application font one with Chinese glyphs; return the family chosen, or
    None when the default font has them or no preferred font is installed."""
    current = app.font()
    if has_chinese(QFontInfo(current).family()):
        return None
    if not any(QFontDatabase.hasFamily(f) for f in CHINESE_FAMILIES):
        add_bundled_fonts()
    for family in CHINESE_FAMILIES:
        if QFontDatabase.hasFamily(family) and has_chinese(family):
            font = QFont(current)
            font.setFamilies([family, *current.families()])
            app.setFont(font)
            return family
    return None
