"""AppContext.read_latest: only the answer to a widget's latest ask is shown, none after
the widget is gone, and drop_read forgets a pending ask."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ui.context import AppContext


def test_only_the_latest_ask_is_shown(qtbot: QtBot, ctx: AppContext, monkeypatch: Any) -> None:
    waiting: list[Any] = []
    monkeypatch.setattr(ctx, "read_later", lambda compute, done: waiting.append((compute, done)))
    label, shown = QLabel(), []
    qtbot.addWidget(label)
    for n in (1, 2):
        ctx.read_latest(label, lambda _db, n=n: n, shown.append)
    second, first = waiting[1], waiting[0]
    second[1](second[0](None))
    first[1](first[0](None))  # the older answer arrives last: not shown
    assert shown == [2]
    ctx.read_latest(label, lambda _db: 3, shown.append)
    ctx.drop_read(label)
    waiting[-1][1](3)
    assert shown == [2]


def test_no_answer_after_the_widget_is_gone(
    qtbot: QtBot, ctx: AppContext, monkeypatch: Any
) -> None:
    waiting: list[Any] = []
    monkeypatch.setattr(ctx, "read_later", lambda compute, done: waiting.append(done))
    label, shown = QLabel(), []
    ctx.read_latest(label, lambda _db: 1, shown.append)
    label.deleteLater()
    qtbot.wait(10)
    waiting[0](1)
    assert shown == []
