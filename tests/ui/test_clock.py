"""One clock: every time shown is Beijing time, taken from the store's clock, never from
the laptop's own zone (the visit's "Saved" stamp was UTC while check-in said 09:52)."""

from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.ui.test_visit import make_page, shop_to_visit, type_text
from ui.clock import datetime_text, time_text
from ui.context import AppContext

UI = Path(__file__).resolve().parents[2] / "ui"


def test_the_saved_stamp_is_beijing_time(qtbot: QtBot, ctx: AppContext) -> None:
    moment = datetime(2026, 11, 24, 1, 52, 11, tzinfo=UTC)
    ctx.store._clock = lambda: moment  # type: ignore[attr-defined]
    shop, _ = shop_to_visit(ctx.store)
    page = make_page(qtbot, ctx)
    page.open({"shop_id": shop.id, "new": True})
    type_text(qtbot, page.checklist.editor("check_notes"), "好")
    qtbot.waitUntil(lambda: "09:52:11" in page.saved_label.text(), timeout=3000)


def test_times_are_beijing_whatever_their_zone() -> None:
    utc = datetime(2026, 11, 24, 16, 5, tzinfo=UTC)
    assert time_text(utc) == "00:05"
    assert datetime_text(utc) == "2026-11-25 00:05"
    assert datetime_text(utc.replace(tzinfo=None)) == "2026-11-25 00:05"  # naive = UTC
    assert time_text(None) == ""


def test_no_page_reads_the_system_clock() -> None:
    found = []
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and (node.func.value.id, node.func.attr) in {("datetime", "now"), ("date", "today")}
            ):
                found.append(f"{path.relative_to(UI)}:{node.lineno}")
    assert found == []
