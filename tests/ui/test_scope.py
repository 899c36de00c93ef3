"""A rep's Shops, KOCs and Events lists open on their own rows, with one click to the
whole team's; a supervisor's open on the team's."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.demo import adopt_first
from fieldapp.store import Store
from ui.context import AppContext
from ui.pages.events import EventsPage
from ui.pages.kocs import KocsPage
from ui.pages.shops import ShopsPage
from ui.scope import ScopeSwitch


def _colleague_rows(store: Store) -> None:
    """Rows of another rep of the same team: one shop, one KOC, one event."""
    me = store.users.get(store.user_id or "")
    county = store.counties.list(limit=1)[0].id
    other = store.users.create(name="同事小周", role="rep", team_id=me.team_id).id
    store.shops.create(name="同事的店", channel="convenience", county_id=county, rep_id=other)
    store.kocs.create(name="同事的KOC", county_id=county, rep_id=other)
    store.events.create(
        kind="tasting",
        title="同事的品鉴会",
        starts_at="2026-11-20T10:00:00+00:00",
        ends_at="2026-11-20T12:00:00+00:00",
        rep_id=other,
    )


def _total(page: Any) -> int:
    if isinstance(page, EventsPage):
        page.set_view(page.LIST)
        page.reload()
    else:
        page.apply_filters()
    return int(page.model.total())


@pytest.mark.parametrize("page_class", [ShopsPage, KocsPage, EventsPage])
def test_a_rep_sees_their_own_rows_first_and_the_team_in_one_click(
    qtbot: QtBot, ctx: AppContext, page_class: type
) -> None:
    _colleague_rows(ctx.store)
    page = page_class(ctx)
    qtbot.addWidget(page)
    switch = page.findChild(ScopeSwitch, "scopeSwitch")
    assert switch is not None and switch.is_mine()
    mine = _total(page)
    switch.team_button.click()
    team = _total(page)
    assert team == mine + 1
    switch.mine_button.click()
    assert _total(page) == mine


def test_a_supervisor_starts_on_the_team(qtbot: QtBot, ctx: AppContext) -> None:
    adopt_first(ctx.store, "supervisor")
    page = ShopsPage(ctx)
    qtbot.addWidget(page)
    switch = page.findChild(ScopeSwitch, "scopeSwitch")
    assert switch is not None and not switch.is_mine()
    assert switch.rep_id() is None
