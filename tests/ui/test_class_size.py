"""No class in ui/ over 400 lines: pages compose small widgets of ui/widgets/ (issue 17).

The lines of a class are counted from the parsed source (``ast``): from its ``class``
line (or first decorator) to its last statement, docstring and comments inside included.
"""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"
MAX_CLASS_LINES = 400


def class_sizes(source: str) -> dict[str, int]:
    """Every class in ``source`` (nested ones too) and its length in lines."""
    sizes = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            assert node.end_lineno is not None
            sizes[node.name] = node.end_lineno - first + 1
    return sizes


def test_class_sizes_counts_every_line_of_a_class() -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_CLASS_LINES))
    sizes = class_sizes(f"@decorated\nclass Big:\n{body}\n\nclass Small:\n    pass\n")
    assert sizes == {"Big": MAX_CLASS_LINES + 2, "Small": 2}


def test_no_class_in_ui_is_over_400_lines() -> None:
    files = sorted(p for p in UI.rglob("*.py") if "__pycache__" not in p.parts)
    assert len(files) > 50  # the walk found the package
    too_long = [
        f"{path.relative_to(UI.parent)}: {name} has {lines} lines"
        for path in files
        for name, lines in class_sizes(path.read_text(encoding="utf-8")).items()
        if lines > MAX_CLASS_LINES
    ]
    assert too_long == [], "compose these from widgets in ui/widgets/:\n" + "\n".join(too_long)
