"""The design system: palette, state colours, type scale, spacing and radii, applied to
the whole application by one palette and one style sheet (``apply``).

Pages and widgets never set colours or fonts themselves: they give a widget a ``role``
(``set_role(label, "heading")``) or a ``state`` (``set_state(pill, "overdue")``) and the
application style sheet draws it. Every state (due, overdue, done, returned, approved,
flagged, conflict, plus in progress and neutral) has one foreground and one background
colour used the same way on every page, with text contrast of at least 4.5:1 (WCAG AA)
on its own background and on white; ``contrast`` computes the ratio and the tests hold
every pair to it. Nothing is smaller than 12 px at 100 % scaling.

Every focusable widget class gets a 2 px focus ring in the accent colour, drawn in place
of its 1 px border with the padding reduced by 1 px, so focus never moves a layout.
Threading: UI thread (``apply``); the constants and ``contrast`` anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

# --------------------------------------------------------------------------- palette

ACCENT = "#1a5fd0"  # actions, links, selection, the focus ring
ACCENT_HOVER = "#154fb0"
ACCENT_PRESSED = "#103f8e"
ON_ACCENT = "#ffffff"
TEXT = "#1f2933"  # body text
MUTED = "#52606d"  # secondary text (5.9:1 on white)
PLACEHOLDER = "#66717e"  # placeholders and hints (4.9:1 on white)
DISABLED = "#9aa5b1"
BORDER = "#c5ced8"  # input and card borders
DIVIDER = "#e4e8ee"  # table rules, separators
SURFACE = "#ffffff"  # cards, inputs, tables
PAGE = "#f3f5f8"  # behind the cards
ALTERNATE = "#f8fafc"  # every other table row
HOVER = "#eaf1fc"  # a row or button under the mouse
SELECTED = "#d6e4fa"  # a selected row (text stays TEXT)
FOCUS = ACCENT
ERROR = "#b42318"
NAV = "#1b2838"  # the side bar
NAV_TEXT = "#e6edf5"
NAV_HOVER = "#27384d"


@dataclass(frozen=True)
class StateColours:
    """A state's text colour and the background of its pill."""

    fg: str
    bg: str


#: One colour per state, the same on every page (pills, chips, calendar blocks).
STATES: dict[str, StateColours] = {
    "due": StateColours("#1e4fa8", "#e3ecfb"),  # planned, to do, waiting
    "progress": StateColours("#5b34b5", "#eee8fb"),  # checked in, under way
    "overdue": StateColours("#b42318", "#fde8e6"),
    "done": StateColours("#1d6b3a", "#e2f3e8"),
    "returned": StateColours("#9a3c0a", "#fdebd8"),
    "approved": StateColours("#0b6b64", "#dcf3f0"),
    "flagged": StateColours("#7a5200", "#fdf1cf"),
    "conflict": StateColours("#a01a66", "#fbe6f1"),
    "neutral": StateColours("#4a5562", "#e8ecf0"),  # cancelled, none, unknown
}
#: One colour per event kind (a category, not a state: white words on it, 4.5:1 or more),
#: the same on the calendar, the agenda and the event's header; cancelled events are grey.
KINDS: dict[str, str] = {
    "tasting": "#a93226",
    "scene": "#1f7a8c",
    "banquet": "#7d3c98",
}
KIND_CANCELLED = "#6b7785"
KIND_OTHER = MUTED

#: The states the issue names; ``STATES`` adds "progress" and "neutral".
REQUIRED_STATES = ("due", "overdue", "done", "returned", "approved", "flagged", "conflict")

# --------------------------------------------------------------------------- type, space

FONT_BODY_PX = 14
FONT_SECONDARY_PX = 13
FONT_CAPTION_PX = 12  # the smallest text anywhere
FONT_H1_PX = 22  # a page or record heading
FONT_H2_PX = 17  # a section
FONT_H3_PX = 15  # a card title
MIN_FONT_PX = FONT_CAPTION_PX

SPACE_XS, SPACE_S, SPACE_M, SPACE_L, SPACE_XL = 4, 8, 12, 16, 24
RADIUS_S, RADIUS_M, RADIUS_L = 4, 6, 10
HEADER_PAD_X = 8  # a table header section's padding left and right

# --------------------------------------------------------------------------- contrast


def _linear(channel: float) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    q = QColor(colour)
    return 0.2126 * _linear(q.red()) + 0.7152 * _linear(q.green()) + 0.0722 * _linear(q.blue())


def contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


# --------------------------------------------------------------------------- roles


def _repolish(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def set_role(widget: QWidget, role: str) -> None:
    """Give ``widget`` a role the style sheet draws (heading, title, muted, error, …)."""
    if widget.property("role") != role:
        widget.setProperty("role", role)
        _repolish(widget)


def set_state(widget: QWidget, state: str | None) -> None:
    """Colour ``widget`` (a pill or chip) for ``state`` (a key of ``STATES``)."""
    value = state if state in STATES else "neutral"
    if widget.property("state") != value:
        widget.setProperty("state", value)
        _repolish(widget)


#: Label roles and how they look.
ROLES: dict[str, str] = {
    "heading": f"font-size: {FONT_H1_PX}px; font-weight: 600; color: {TEXT};",
    "section": f"font-size: {FONT_H2_PX}px; font-weight: 600; color: {TEXT};",
    "title": f"font-size: {FONT_H3_PX}px; font-weight: 600; color: {TEXT};",
    "muted": f"color: {MUTED};",
    "caption": f"color: {MUTED}; font-size: {FONT_CAPTION_PX}px;",
    "error": f"color: {ERROR};",
    # Something to know, not wrong (takes effect at the next start, checked with a flag).
    "notice": f"color: {STATES['flagged'].fg};",
    # Something went as asked (invited, clean evidence).
    "success": f"color: {STATES['done'].fg};",
    "warning": (
        f"background: {STATES['flagged'].bg}; color: {STATES['flagged'].fg};"
        f" border: 1px solid #efd48a; border-radius: {RADIUS_M}px; padding: 6px 8px;"
    ),
    "chip": (
        f"background: {STATES['neutral'].bg}; color: {TEXT}; border-radius: 9px;"
        f" padding: 2px 9px; font-size: {FONT_SECONDARY_PX}px;"
    ),
    "empty": f"color: {MUTED}; font-size: {FONT_H3_PX}px;",
    "stars": f"color: #b25e00; font-size: {FONT_H3_PX}px;",  # 4.6:1 on white
}

#: Every widget class that can take keyboard focus, and so gets the focus ring.
FOCUSABLE = (
    "QPushButton",
    "QToolButton",
    "QLineEdit",
    "QPlainTextEdit",
    "QTextEdit",
    "QComboBox",
    "QSpinBox",
    "QDoubleSpinBox",
    "QDateEdit",
    "QTimeEdit",
    "QDateTimeEdit",
    "QCheckBox",
    "QRadioButton",
    "QTableView",
    "QTableWidget",
    "QListView",
    "QListWidget",
    "QTreeView",
    "QTabBar",
    "QSlider",
    "QAbstractScrollArea",
    "QTabWidget",
)
#: Custom-painted widgets that draw their own focus (the events calendar rings the day).
PAINTS_OWN_FOCUS = ("CalendarView",)
_INPUTS = (
    "QLineEdit",
    "QPlainTextEdit",
    "QTextEdit",
    "QComboBox",
    "QSpinBox",
    "QDoubleSpinBox",
    "QDateEdit",
    "QTimeEdit",
    "QDateTimeEdit",
)
_VIEWS = ("QTableView", "QTableWidget", "QListView", "QListWidget", "QTreeView")


def _sel(classes: tuple[str, ...], suffix: str = "") -> str:
    return ", ".join(f"{c}{suffix}" for c in classes)


def stylesheet() -> str:
    """The application's one style sheet."""
    parts = [
        # Inputs: a 1 px border and padding; on focus a 2 px ring with 1 px less padding.
        f"{_sel(_INPUTS)} {{ background: {SURFACE}; color: {TEXT};"
        f" border: 1px solid {BORDER}; border-radius: {RADIUS_M}px; padding: 4px 7px;"
        f" selection-background-color: {SELECTED}; selection-color: {TEXT}; }}",
        f"{_sel(_INPUTS, ':hover')} {{ border-color: #8fa3b8; }}",
        f"{_sel(_INPUTS, ':focus')} {{ border: 2px solid {FOCUS}; padding: 3px 6px; }}",
        f"{_sel(_INPUTS, ':disabled')} {{ background: {PAGE}; color: {MUTED}; }}",
        "QComboBox::drop-down { border: none; width: 22px; }",
        f"QComboBox QAbstractItemView {{ background: {SURFACE}; border: 1px solid {BORDER};"
        f" selection-background-color: {SELECTED}; selection-color: {TEXT}; outline: none; }}",
        # Buttons: white with a border; the default (or role=primary) one filled.
        f"QPushButton {{ background: {SURFACE}; color: {TEXT}; border: 1px solid {BORDER};"
        f" border-radius: {RADIUS_M}px; padding: 5px 13px; min-height: 20px; }}",
        f"QPushButton:hover {{ background: {HOVER}; border-color: {ACCENT}; }}",
        f"QPushButton:pressed {{ background: {SELECTED}; }}",
        f"QPushButton:checked {{ background: {SELECTED}; border-color: {ACCENT};"
        f" color: {ACCENT_PRESSED}; }}",
        f"QPushButton:disabled {{ background: {PAGE}; color: {DISABLED};"
        f" border-color: {DIVIDER}; }}",
        f'QPushButton[role="primary"], QPushButton:default {{ background: {ACCENT};'
        f" color: {ON_ACCENT}; border: 1px solid {ACCENT}; font-weight: 600; }}",
        f'QPushButton[role="primary"]:hover, QPushButton:default:hover {{'
        f" background: {ACCENT_HOVER}; }}",
        f'QPushButton[role="primary"]:pressed, QPushButton:default:pressed {{'
        f" background: {ACCENT_PRESSED}; }}",
        f'QPushButton[role="primary"]:disabled {{ background: #9db8e6; border-color: #9db8e6;'
        f" color: {ON_ACCENT}; }}",
        f'QPushButton[role="danger"] {{ color: {ERROR}; border-color: #e5a29b; }}',
        f'QPushButton[role="danger"]:hover {{ background: {STATES["overdue"].bg}; }}',
        f'QPushButton[role="link"] {{ border: 2px solid transparent; background: transparent;'
        f" color: {ACCENT}; padding: 4px 6px; }}",
        f'QPushButton[role="link"]:hover {{ background: {HOVER}; }}',
        f"QPushButton:focus {{ border: 2px solid {FOCUS}; padding: 4px 12px; }}",
        f'QPushButton[role="primary"]:focus, QPushButton:default:focus {{'
        f" border: 2px solid {ACCENT_PRESSED}; }}",
        f'QPushButton[role="link"]:focus {{ border: 2px solid {FOCUS}; }}',
        f"QToolButton {{ border: 2px solid transparent; border-radius: {RADIUS_M}px;"
        f" padding: 3px; color: {TEXT}; background: transparent; }}",
        f"QToolButton:hover {{ background: {HOVER}; }}",
        f"QToolButton:checked {{ background: {SELECTED}; }}",
        f"QToolButton:focus {{ border: 2px solid {FOCUS}; }}",
        # Check boxes and radio buttons: the ring around the whole control.
        "QCheckBox, QRadioButton { border: 2px solid transparent;"
        f" border-radius: {RADIUS_S}px; padding: 1px 3px; spacing: 6px; }}",
        f"QCheckBox:focus, QRadioButton:focus {{ border: 2px solid {FOCUS}; }}",
        # Tables and lists: no heavy grid, light rules, hover and selection tints.
        f"{_sel(_VIEWS)} {{ background: {SURFACE}; alternate-background-color: {ALTERNATE};"
        f" border: 1px solid {BORDER}; border-radius: {RADIUS_M}px;"
        f" gridline-color: {DIVIDER}; selection-background-color: {SELECTED};"
        f" selection-color: {TEXT}; outline: none; }}",
        f"{_sel(_VIEWS, ':focus')} {{ border: 2px solid {FOCUS}; }}",
        f"{_sel(_VIEWS, '::item:hover')} {{ background: {HOVER}; }}",
        f"{_sel(_VIEWS, '::item:selected')} {{ background: {SELECTED}; color: {TEXT}; }}",
        f"QHeaderView::section {{ background: {PAGE}; color: {MUTED}; border: none;"
        f" border-bottom: 1px solid {BORDER}; border-right: 1px solid {DIVIDER};"
        f" padding: 5px {HEADER_PAD_X}px; font-weight: 600; }}",
        f"QTableCornerButton::section {{ background: {PAGE}; border: none; }}",
        f"QAbstractScrollArea:focus {{ border-color: {FOCUS}; }}",
        # Group boxes are cards: white, rounded, the title as a card title.
        f"QGroupBox {{ background: {SURFACE}; border: 1px solid {BORDER};"
        f" border-radius: {RADIUS_L}px; margin-top: 26px; padding: 10px 10px 8px 10px; }}",
        "QGroupBox::title { subcontrol-origin: margin; subcontrol-position: top left;"
        f" left: 4px; padding: 0 4px 4px 4px; color: {TEXT}; }}",
        f'QFrame[role="card"] {{ background: {SURFACE}; border: 1px solid {BORDER};'
        f" border-radius: {RADIUS_L}px; }}",
        'QFrame[role="card"] QLabel { background: transparent; border: none; }',
        # A number with its caption (a record header's figures).
        f'QFrame[role="stat"] {{ background: {SURFACE}; border: 1px solid {DIVIDER};'
        f" border-radius: {RADIUS_M}px; }}",
        'QFrame[role="stat"] QLabel { background: transparent; border: none; }',
        # Tabs: flat, the chosen one underlined in the accent.
        f"QTabWidget::pane {{ background: {SURFACE}; border: 1px solid {BORDER};"
        f" border-radius: {RADIUS_L}px; top: -1px; }}",
        f"QTabBar::tab {{ background: transparent; color: {MUTED}; padding: 7px 14px;"
        " border: none; border-bottom: 3px solid transparent; margin-right: 2px; }",
        f"QTabBar::tab:hover {{ color: {TEXT}; background: {HOVER}; }}",
        f"QTabBar::tab:selected {{ color: {ACCENT_PRESSED}; border-bottom: 3px solid {ACCENT};"
        " font-weight: 600; }",
        f"QTabBar::tab:focus {{ border: 2px solid {FOCUS}; border-bottom: 3px solid {ACCENT}; }}",
        f"QTabBar:focus {{ border: 2px solid {FOCUS}; border-radius: {RADIUS_S}px; }}",
        f"QSlider:focus {{ border: 2px solid {FOCUS}; border-radius: {RADIUS_S}px; }}",
        f"QTabWidget:focus {{ border: 2px solid {FOCUS}; border-radius: {RADIUS_S}px; }}",
        # Scroll bars: thin and quiet.
        "QScrollBar:vertical { background: transparent; width: 12px; margin: 0; }",
        "QScrollBar:horizontal { background: transparent; height: 12px; margin: 0; }",
        "QScrollBar::handle:vertical, QScrollBar::handle:horizontal {"
        " background: #b9c3ce; border-radius: 5px; margin: 2px; min-height: 28px;"
        " min-width: 28px; }",
        "QScrollBar::handle:hover { background: #8fa3b8; }",
        "QScrollBar::add-line, QScrollBar::sub-line { width: 0; height: 0; }",
        "QScrollBar::add-page, QScrollBar::sub-page { background: transparent; }",
        f"QToolTip {{ background: {TEXT}; color: {SURFACE}; border: none; padding: 5px 8px;"
        f" border-radius: {RADIUS_S}px; }}",
        f"QMenu {{ background: {SURFACE}; border: 1px solid {BORDER}; padding: 4px; }}",
        f"QMenu::item {{ padding: 6px 18px; border-radius: {RADIUS_S}px; color: {TEXT}; }}",
        f"QMenu::item:selected {{ background: {HOVER}; }}",
        f"QStatusBar {{ background: {SURFACE}; border-top: 1px solid {DIVIDER}; color: {MUTED}; }}",
        # The side bar.
        f"QListWidget#nav {{ background: {NAV}; color: {NAV_TEXT}; border: none;"
        f" border-radius: 0; font-size: {FONT_H3_PX}px; padding-top: 8px; }}",
        "QListWidget#nav::item { padding: 10px 14px; border-left: 3px solid transparent; }",
        f"QListWidget#nav::item:hover {{ background: {NAV_HOVER}; color: {NAV_TEXT}; }}",
        f"QListWidget#nav::item:selected {{ background: {ACCENT}; color: {ON_ACCENT};"
        f" border-left: 3px solid #8fb7f5; }}",
        "QListWidget#nav:focus { border: 2px solid #8fb7f5; }",
        # Old ticks and crosses on dialog buttons: never.
        "QDialogButtonBox { dialogbuttonbox-buttons-have-icons: 0; }",
    ]
    for role, css in ROLES.items():
        parts.append(f'QLabel[role="{role}"] {{ {css} }}')
    for name, colours in STATES.items():
        parts.append(
            f'QLabel[role="pill"][state="{name}"] {{ background: {colours.bg};'
            f" color: {colours.fg}; border-radius: 10px; padding: 2px 10px;"
            f" font-size: {FONT_SECONDARY_PX}px; font-weight: 600; }}"
        )
        # A banner across a page (a returned visit, a read-only one) in a state's colours.
        parts.append(
            f'QFrame[role="banner"][state="{name}"] {{ background: {colours.bg};'
            f" border: 1px solid {BORDER}; border-left: 4px solid {colours.fg};"
            f" border-radius: {RADIUS_M}px; }}"
        )
        parts.append(
            f'QFrame[role="banner"][state="{name}"] QLabel {{ color: {colours.fg};'
            " background: transparent; border: none; }"
        )
    return "\n".join(parts)


def palette() -> QPalette:
    """The application palette (what the style sheet does not cover: charts, painters)."""
    p = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, PAGE),
        (roles.WindowText, TEXT),
        (roles.Base, SURFACE),
        (roles.AlternateBase, ALTERNATE),
        (roles.Text, TEXT),
        (roles.Button, SURFACE),
        (roles.ButtonText, TEXT),
        (roles.Highlight, SELECTED),
        (roles.HighlightedText, TEXT),
        (roles.ToolTipBase, TEXT),
        (roles.ToolTipText, SURFACE),
        (roles.PlaceholderText, PLACEHOLDER),
        (roles.Link, ACCENT),
        (roles.Mid, BORDER),
        (roles.Midlight, DIVIDER),
    ):
        p.setColor(role, QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED))
    return p


#: The property ``new_application`` sets: Fusion is the style already.
_FUSION_FROM_START = "fieldappFusionFromStart"


def new_application(argv: list[str]) -> QApplication:
    """The application, with Fusion as its style from the start (Qt's ``-style``
    argument), so that ``apply`` has no style to set. Setting it afterwards hands
    Python the QStyle object, and PySide then makes the QStyle type with all its enums
    (566 members, about 4 ms before the first paint); this way it is made only when
    some code asks for the style."""
    app = QApplication([*argv, "-style", "Fusion"])
    app.setProperty(_FUSION_FROM_START, True)
    return app


def apply(app: QApplication) -> None:
    """Fusion, the palette, the body font size and the style sheet, once per application."""
    if app.property("fieldappTheme"):
        return
    if not app.property(_FUSION_FROM_START):
        fusion = QStyleFactory.create("Fusion")
        if fusion is not None:
            app.setStyle(fusion)
    app.setPalette(palette())
    font = QFont(app.font())
    font.setPixelSize(FONT_BODY_PX)
    app.setFont(font)
    app.setStyleSheet(stylesheet())
    app.setProperty("fieldappTheme", True)
