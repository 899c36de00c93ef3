"""The Team tab of the counties page: a supervisor's team membership (add a rep from the
unassigned pool, release one), through the widgets, the store and its outbox."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from fieldapp.demo import adopt_first
from fieldapp.model import User
from ui.context import AppContext
from ui.pages.counties import CountiesPage, TeamPanel


def _answer(reply: QMessageBox.StandardButton, asked: list[str]) -> Any:
    def question(_parent: Any, _title: str, text: str, *_a: Any, **_k: Any) -> Any:
        asked.append(text)
        return reply

    return question


def _select(table: Any, model: Any, user_id: str) -> None:
    for row in range(model.rowCount()):
        if model.row_at(row).id == user_id:
            table.setCurrentIndex(model.index(row, 0))
            return
    raise AssertionError(f"{user_id} not listed")


def _ids(rows: list[Any]) -> set[str]:
    return {r.id for r in rows}


@pytest.fixture
def people(ctx: AppContext) -> dict[str, User]:
    """The demo's supervisor (the store's user) and team, a rep of the team without data
    and one in the pool (made before the supervisor is adopted: the store had no user)."""
    store = ctx.store
    store.set_user(None)
    sup = store.users.list(where={"role": "supervisor"}, order_by="name", limit=1)[0]
    idle = store.users.create(name="赵敏", role="rep", team_id=sup.team_id)
    pooled = store.users.create(name="孙丽", role="rep", mobile="13912345678")
    busy = max(
        store.users.list(where={"role": "rep", "team_id": sup.team_id}),
        key=lambda u: store.shops.count(where={"rep_id": u.id}),
    )
    assert adopt_first(store, "supervisor") == sup.id
    return {"sup": sup, "idle": idle, "pool": pooled, "busy": busy}


@pytest.fixture
def team(qtbot: QtBot, ctx: AppContext, people: dict[str, User]) -> TeamPanel:
    page = CountiesPage(ctx)
    qtbot.addWidget(page)
    assert page.tabs.count() == 2 and page.tabs.tabBar().isVisible() is not None
    page.show_team()
    assert page.tabs.currentWidget() is page.team
    return page.team


def test_team_tab_lists_the_reps_with_their_counts_and_the_pool(
    team: TeamPanel, ctx: AppContext, people: dict[str, User]
) -> None:
    store = ctx.store
    sup = people["sup"]
    reps = store.users.list(where={"role": "rep", "team_id": sup.team_id})
    assert _ids(team.members) == {u.id for u in reps}  # reps only, not the supervisor
    assert _ids(team.pool) == {people["pool"].id}
    busy = next(r for r in team.members if r.id == people["busy"].id)
    assert busy.shops == store.shops.count(where={"rep_id": busy.id}) > 0
    assert busy.kocs == store.kocs.count(where={"rep_id": busy.id})
    assert team.member_model.rowCount() == len(reps)
    assert team.pool_model.index(0, 1).data() == "13912345678"
    assert not team.add_button.isEnabled() and not team.release_button.isEnabled()


def test_add_and_release_through_the_buttons_after_asking(
    team: TeamPanel, ctx: AppContext, people: dict[str, User], monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:  # fmt: skip
    store, sup = ctx.store, people["sup"]
    pooled, idle = people["pool"], people["idle"]
    asked: list[str] = []
    before = len(store.outbox.list())

    _select(team.pool_table, team.pool_model, pooled.id)
    monkeypatch.setattr(QMessageBox, "question", _answer(QMessageBox.StandardButton.Cancel, asked))
    qtbot.mouseClick(team.add_button, Qt.MouseButton.LeftButton)
    assert store.users.get(pooled.id).team_id is None and len(store.outbox.list()) == before
    monkeypatch.setattr(QMessageBox, "question", _answer(QMessageBox.StandardButton.Yes, asked))
    qtbot.mouseClick(team.add_button, Qt.MouseButton.LeftButton)
    assert "孙丽" in asked[-1]
    assert store.users.get(pooled.id).team_id == sup.team_id
    assert pooled.id in _ids(team.members) and team.pool == []
    assert team.pool_empty.isVisibleTo(team)

    _select(team.member_table, team.member_model, idle.id)
    qtbot.mouseClick(team.release_button, Qt.MouseButton.LeftButton)
    assert store.users.get(idle.id).team_id is None
    assert _ids(team.pool) == {idle.id} and idle.id not in _ids(team.members)
    # Both went to the outbox (folded into the rows' waiting inserts: made in this test).
    sent = {m.row_id: m.changes["team_id"].new for m in store.outbox.list() if m.table == "users"}
    assert sent[pooled.id] == sup.team_id and sent[idle.id] is None


def test_release_of_a_rep_with_data_is_refused_in_plain_words_and_changes_nothing(
    team: TeamPanel, ctx: AppContext, people: dict[str, User], monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:  # fmt: skip
    store, busy = ctx.store, people["busy"]
    monkeypatch.setattr(QMessageBox, "question", _answer(QMessageBox.StandardButton.Yes, []))
    before = (len(store.outbox.list()), store.users.get(busy.id))
    members = _ids(team.members)
    _select(team.member_table, team.member_model, busy.id)
    qtbot.mouseClick(team.release_button, Qt.MouseButton.LeftButton)
    message = ctx.errors.last_message or ""
    assert "Reassign their shops, KOCs and events" in message
    assert str(store.shops.count(where={"rep_id": busy.id})) in message
    assert (len(store.outbox.list()), store.users.get(busy.id)) == before
    assert _ids(team.members) == members


def test_reps_never_get_the_team_tab(qtbot: QtBot, ctx: AppContext) -> None:
    adopt_first(ctx.store, "rep")
    page = CountiesPage(ctx)
    qtbot.addWidget(page)
    assert page.tabs.count() == 1 and page.tabs.indexOf(page.team) == -1
    assert not page.tabs.tabBar().isVisibleTo(page)
    assert all(not b.isVisibleTo(page) for b in page.findChildren(QPushButton, "addRepButton"))
    # A login as the supervisor gives the tab to the page already built.
    adopt_first(ctx.store, "supervisor")
    page.open()
    assert page.tabs.indexOf(page.team) == 1


def test_the_supervisor_sets_the_teams_visit_frequency_per_tier(
    qtbot: QtBot, team: TeamPanel, ctx: AppContext, people: dict[str, User]
) -> None:
    from fieldapp.store import plan
    from tests.ui.test_shops import type_into

    box = team.visit_days
    assert box.isVisibleTo(team)
    team_id = people["sup"].team_id
    assert team_id is not None
    edit_b = box.form.editor("visit_days_b")
    type_into(qtbot, edit_b, "10")
    assert ctx.store.teams.get(team_id).visit_days_b == 10
    assert plan.tier_days(ctx.store, team_id)[plan.Tier.B] == 10
    # Saved as typed: 4, 40, then 400 days is refused next to the field, not written.
    edit_a = box.form.editor("visit_days_a")
    type_into(qtbot, edit_a, "400")
    assert "visit_days_a" in box.form.errors
    assert ctx.store.teams.get(team_id).visit_days_a == 40
    # Emptied again: the usual days.
    edit_b.clear()  # type: ignore[attr-defined]
    qtbot.keyClick(edit_b, Qt.Key.Key_Backspace)
    assert ctx.store.teams.get(team_id).visit_days_b is None


def test_the_supervisor_sets_the_teams_display_deductions(
    qtbot: QtBot, team: TeamPanel, ctx: AppContext, people: dict[str, User]
) -> None:
    from tests.ui.test_shops import type_into

    box = team.display_shares
    assert box.isVisibleTo(team) and "50" in box.note.text()
    team_id = people["sup"].team_id
    assert team_id is not None
    type_into(qtbot, box.form.editor("display_fail_first_pct"), "30")
    assert ctx.store.teams.get(team_id).display_fail_first_pct == 30
    type_into(qtbot, box.form.editor("display_fail_second_pct"), "120")  # 1, 12, 120
    assert "display_fail_second_pct" in box.form.errors
    assert ctx.store.teams.get(team_id).display_fail_second_pct == 12
