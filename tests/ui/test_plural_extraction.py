"""Every count in ui/ reaches the translations with its plural forms (issue 14: "1 lines").

Qt's lupdate (PySide6 6.11) extracts a %n plural only from a ``Name.tr(text, "", n)``
call (``self.tr`` in a class, or ``Class.tr``); a ``QCoreApplication.translate(context,
text, "", n)`` is extracted without its plural, so its hand-written forms were lost at
the next ``tools/i18n.py update`` and English showed "1 lines". This test reads every
translated call in ui/ that passes a count and checks that its message is in the zh_CN
.ts as a plural with a translation, and in the English .ts with a singular and a plural
that differ wherever the source says "(s)" or ends a word in s; and renders a few.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from ui.i18n import Translations

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"
ZH = UI / "i18n" / "zh_CN"
EN = UI / "i18n" / "en"


def _text(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


class _Counts(ast.NodeVisitor):
    """(module, line, context, source, extractable) of each translated call with a count."""

    def __init__(self, module: Path) -> None:
        self.module = module
        self.classes: list[str] = []
        self.found: list[tuple[str, int, str, str, bool]] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            owner, name = func.value.id, func.attr
            counted = any(k.arg == "n" for k in node.keywords)
            if name == "tr" and (len(node.args) >= 3 or counted):
                context = (self.classes[-1] if self.classes else "?") if owner == "self" else owner
                self._add(node, context, _text(node.args[0]), extractable=not counted)
            elif name == "translate" and (len(node.args) >= 4 or counted):
                self._add(node, _text(node.args[0]) or "?", _text(node.args[1]), extractable=False)
        self.generic_visit(node)

    def _add(self, node: ast.Call, context: str, source: str | None, *, extractable: bool) -> None:
        where = str(self.module.relative_to(ROOT))
        self.found.append((where, node.lineno, context, source or "?", extractable))


def _plural_calls() -> list[tuple[str, int, str, str, bool]]:
    found = []
    for module in sorted(UI.rglob("*.py")):
        visitor = _Counts(module)
        visitor.visit(ast.parse(module.read_text(encoding="utf-8")))
        found += visitor.found
    return found


def _plurals(folder: Path) -> dict[tuple[str, str], list[str]]:
    """(context, source) -> the plural forms of every numerus message in the folder."""
    out: dict[tuple[str, str], list[str]] = {}
    for ts in folder.glob("*.ts"):
        for context in ET.parse(ts).getroot().iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                if message.get("numerus") != "yes":
                    continue
                translation = message.find("translation")
                if translation is None or translation.get("type") in ("unfinished", "vanished"):
                    continue
                forms = [f.text or "" for f in translation.findall("numerusform")]
                out[(name, message.findtext("source") or "")] = forms
    return out


CALLS = _plural_calls()


def test_the_counts_are_found() -> None:
    """The scan sees the counts of the pages named in the issue (it cannot pass empty)."""
    contexts = {context for _w, _l, context, _s, _e in CALLS}
    assert {"TodayPage", "ReviewPage", "UnsyncedBox", "VisitOrder", "EventsPage"} <= contexts


@pytest.mark.parametrize(
    ("where", "line", "context", "source", "extractable"),
    CALLS,
    ids=[f"{w}:{line}" for w, line, *_ in CALLS],
)
def test_every_count_keeps_its_plural_forms(
    where: str, line: int, context: str, source: str, extractable: bool
) -> None:
    assert extractable, (
        f"{where}:{line}: write a count as self.tr(text, '', n) or Class.tr(text, '', n):"
        " lupdate drops the plural of QCoreApplication.translate(context, text, '', n)"
    )
    zh = _plurals(ZH).get((context, source))
    assert zh and all(f.strip() for f in zh), f"{where}:{line}: no zh_CN plural for {source!r}"
    en = _plurals(EN).get((context, source))
    assert en is not None and len(en) == 2, f"{where}:{line}: no English forms for {source!r}"
    one, many = en
    assert one.strip() and re.search("%L?n", many), f"{where}:{line}: {en!r}"
    assert "(s)" not in one + many, f"{where}:{line}: English forms still say '(s)'"


@pytest.mark.parametrize(
    ("context", "source", "one", "three"),
    [
        ("TodayPage", "%n days ago", "1 day ago", "3 days ago"),
        ("TodayPage", "Quiet for %n days", "Quiet for 1 day", "Quiet for 3 days"),
        ("ReviewPage", "%n visits waiting", "1 visit waiting", "3 visits waiting"),
        ("VisitOrder", "%n lines, total ¥%1", "1 line, total ¥%1", "3 lines, total ¥%1"),
    ],
)
def test_english_says_one_line(
    translations: Translations, context: str, source: str, one: str, three: str
) -> None:
    translations.install("en")
    assert QCoreApplication.translate(context, source, "", 1) == one
    assert QCoreApplication.translate(context, source, "", 3) == three


def test_unsynced_box_counts_in_english_and_chinese(translations: Translations) -> None:
    from ui.unsynced_box import UnsyncedBox

    translations.install("en")
    assert UnsyncedBox().waiting(1).startswith("1 change made on this computer has not")
    assert UnsyncedBox().before_deleting(2).startswith("2 changes made on this computer have")
    translations.install("zh_CN")
    assert UnsyncedBox().waiting(1).startswith("本机有 1 项修改尚未送达总部")
