"""The interface font has Chinese glyphs (ui.fonts), in both languages."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontInfo
from PySide6.QtWidgets import QApplication

from ui.app import create_window
from ui.context import AppContext
from ui.fonts import CHINESE_FAMILIES, add_bundled_fonts, has_chinese, use_chinese_font


@pytest.fixture
def default_font(qapp: QApplication) -> Iterator[QFont]:
    before = QFont(qapp.font())
    qapp.setFont(QFont("DejaVu Sans", before.pointSize()))  # a font without Han glyphs
    yield qapp.font()
    qapp.setFont(before)


def test_a_font_without_chinese_is_replaced_by_a_chinese_one(
    qapp: QApplication, default_font: QFont
) -> None:
    assert not has_chinese(QFontInfo(default_font).family())
    chosen = use_chinese_font(qapp)
    assert chosen in CHINESE_FAMILIES  # ./dev setup installs WenQuanYi Micro Hei
    assert QFontInfo(qapp.font()).family() == chosen
    assert has_chinese(chosen)
    assert qapp.font().pointSize() == default_font.pointSize()  # the size is kept
    assert use_chinese_font(qapp) is None  # once is enough


def test_the_window_is_drawn_in_it(
    qapp: QApplication, default_font: QFont, ctx: AppContext
) -> None:
    window = create_window(ctx)
    assert has_chinese(QFontInfo(window.font()).family())
    assert has_chinese(QFontInfo(window.current_page().font()).family())


def test_fonts_the_package_carries_are_registered(qapp: QApplication, tmp_path: Path) -> None:
    """The Linux package carries WenQuanYi Micro Hei in ui/font_files (./dev package)."""
    source = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")  # ./dev setup's
    shutil.copy(source, tmp_path / source.name)
    (tmp_path / "README").write_text("not a font")
    families = add_bundled_fonts(tmp_path)
    assert "WenQuanYi Micro Hei" in families
    assert add_bundled_fonts(tmp_path / "missing") == []
