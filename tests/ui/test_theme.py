"""The design system (ui/theme.py, ui/icons.py): contrast of every state colour, a focus
ring for every focusable widget class, no text under 12 px on the rendered pages, no
Qt standard pixmaps anywhere in ui/, one icon per action."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.demo import adopt_first
from ui import icons, theme
from ui.app import create_window
from ui.context import AppContext
from ui.i18n import Translations

UI = Path(__file__).resolve().parents[2] / "ui"


def _rules(sheet: str) -> list[tuple[list[str], str]]:
    """(selectors, declarations) of every rule of a style sheet."""
    return [
        ([s.strip() for s in m.group(1).split(",")], m.group(2))
        for m in re.finditer(r"([^{}]+)\{([^{}]*)\}", sheet)
    ]


@pytest.mark.parametrize("state", theme.REQUIRED_STATES)
def test_every_state_colour_reads_at_wcag_aa(state: str) -> None:
    colours = theme.STATES[state]
    assert theme.contrast(colours.fg, colours.bg) >= 4.5
    assert theme.contrast(colours.fg, theme.SURFACE) >= 4.5


def test_states_are_told_apart_and_text_colours_read() -> None:
    assert set(theme.REQUIRED_STATES) <= set(theme.STATES)
    fgs = [c.fg for c in theme.STATES.values()]
    bgs = [c.bg for c in theme.STATES.values()]
    assert len(set(fgs)) == len(fgs) and len(set(bgs)) == len(bgs)
    for fg in (theme.TEXT, theme.MUTED, theme.PLACEHOLDER, theme.ERROR, theme.ACCENT):
        assert theme.contrast(fg, theme.SURFACE) >= 4.5, fg
    for fg in (theme.TEXT, theme.MUTED):
        assert theme.contrast(fg, theme.PAGE) >= 4.5, fg
    assert theme.contrast(theme.ON_ACCENT, theme.ACCENT) >= 4.5
    assert theme.contrast(theme.NAV_TEXT, theme.NAV) >= 4.5
    assert theme.contrast(theme.FOCUS, theme.SURFACE) >= 3  # a non-text indicator


def test_contrast_is_wcag_arithmetic() -> None:
    assert theme.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("cls", theme.FOCUSABLE)
def test_every_focusable_class_has_a_focus_ring(cls: str) -> None:
    rings = [
        decl
        for selectors, decl in _rules(theme.stylesheet())
        if f"{cls}:focus" in selectors or f"{cls}::tab:focus" in selectors
    ]
    assert rings, f"no :focus rule for {cls}"
    assert any(re.search(r"border(-color)?:\s*(2px solid )?" + theme.FOCUS, d) for d in rings)


def test_focus_ring_does_not_move_an_input() -> None:
    """A 1 px border becomes 2 px with 1 px less padding: the content stays put."""
    rules = dict((sel[0], decl) for sel, decl in _rules(theme.stylesheet()))
    normal, focus = rules["QLineEdit"], rules["QLineEdit:focus"]
    assert "border: 1px" in normal and "padding: 4px 7px" in normal
    assert "border: 2px" in focus and "padding: 3px 6px" in focus


def test_no_qt_standard_pixmaps_in_the_ui() -> None:
    pattern = re.compile(r"standardIcon|standardPixmap|StandardPixmap|\bSP_[A-Z]")
    found = [
        f"{path.relative_to(UI)}:{n}"
        for path in UI.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert found == []


def test_every_action_has_an_icon(qapp: QApplication) -> None:
    for action in icons.ACTIONS:
        assert not icons.icon(action).isNull(), action
    assert icons.icon("approve") is icons.icon("approve")  # one icon, cached
    with pytest.raises(KeyError):
        icons.icon("no such action")


def _focusable(root: QWidget) -> list[QWidget]:
    """Widgets the keyboard reaches (Tab): the ones that need a visible ring."""
    tab = Qt.FocusPolicy.TabFocus.value
    return [
        w
        for w in root.findChildren(QWidget)
        if w.isVisible() and w.focusPolicy().value & tab and not _is_viewport(w)
    ]


def _is_viewport(w: QWidget) -> bool:
    """A scroll area's viewport: the ring is drawn by the scroll area around it."""
    parent = w.parentWidget()
    return isinstance(parent, QAbstractScrollArea) and parent.viewport() is w


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_rendered_pages_use_no_font_under_12px_and_every_focusable_gets_the_ring(
    qtbot: QtBot, ctx: AppContext, translations: Translations, language: str
) -> None:
    adopt_first(ctx.store, "supervisor")
    translations.install(language)
    window = create_window(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    shop = ctx.store.db.execute("SELECT id FROM shops WHERE deleted = 0 LIMIT 1").fetchone()[0]
    koc = ctx.store.db.execute("SELECT id FROM kocs WHERE deleted = 0 LIMIT 1").fetchone()[0]
    small: list[str] = []
    unringed: list[str] = []
    for page_id, arg in (
        ("review", None),
        ("dashboard", None),
        ("events", None),
        ("shop", shop),
        ("koc", koc),
    ):
        window.show_page(page_id, arg)
        QApplication.processEvents()
        page = window.current_page()
        for w in page.findChildren(QWidget):
            if not w.isVisible():
                continue
            px = QFontInfo(w.font()).pixelSize()
            if px < theme.MIN_FONT_PX:
                small.append(f"{page_id}: {type(w).__name__} {w.objectName()} {px}px")
        for w in _focusable(page):
            own = any(c.__name__ in theme.PAINTS_OWN_FOCUS for c in type(w).__mro__)
            if not own and not any(w.inherits(cls) for cls in theme.FOCUSABLE):
                unringed.append(f"{page_id}: {type(w).__name__} {w.objectName()}")
    assert small == [], "\n".join(small)
    assert unringed == [], "\n".join(unringed)
