"""The counties, settings, conflicts, visit and event pages take their colours from the
theme (issue 17): a label gets a role, a pill or banner a state, a chart the theme's
colours; no page or widget they are built from writes a colour of its own."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from ui import theme

UI = Path(__file__).resolve().parents[2] / "ui"
PAGES = ("counties", "settings", "conflicts", "visit", "event")
#: A colour written into the code: "#1e8449", "#fff".
HEX = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")


def _widget_modules(source: Path, seen: set[Path]) -> None:
    """``source`` and every ui/widgets module it imports, and theirs."""
    if source in seen:
        return
    seen.add(source)
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom) or not node.module:
            continue
        parts = node.module.split(".")
        if source.parent.name == "widgets" and node.level == 1:
            target = UI / "widgets" / (parts[0] + ".py")
        elif node.level == 2 and parts[0] == "widgets" and len(parts) > 1:
            target = UI / "widgets" / (parts[1] + ".py")
        else:
            continue
        if target.exists():
            _widget_modules(target, seen)


def _colours_in_code(path: Path, root: Path = UI.parent) -> list[str]:
    """Hex colours in string literals of ``path`` (docstrings aside)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if "\n" in node.value:  # a docstring or a comment-like block of text
                continue
            found += [
                f"{path.relative_to(root)}:{node.lineno}: {m}" for m in HEX.findall(node.value)
            ]
    return found


def test_the_pages_and_their_widgets_write_no_colours_of_their_own() -> None:
    modules: set[Path] = set()
    for page in PAGES:
        _widget_modules(UI / "pages" / f"{page}.py", modules)
    assert UI / "widgets" / "visit_header.py" in modules  # the walk follows the imports
    assert UI / "widgets" / "event_header.py" in modules
    found = [hit for path in sorted(modules) for hit in _colours_in_code(path)]
    assert found == [], "use a theme role, state or constant:\n" + "\n".join(found)


def test_colours_in_code_are_found(tmp_path: Path) -> None:
    code = tmp_path / "sample.py"
    code.write_text(
        '"""A docstring may say #1e8449.\n"""\nSTYLE = "color: #1e8449; border: 1px solid #fff"\n',
        encoding="utf-8",
    )
    assert [hit.split(": ")[-1] for hit in _colours_in_code(code, tmp_path)] == ["#1e8449", "#fff"]


def test_event_kinds_carry_white_words() -> None:
    for colour in (*theme.KINDS.values(), theme.KIND_CANCELLED):
        assert theme.contrast(theme.ON_ACCENT, colour) >= 4.5, colour
