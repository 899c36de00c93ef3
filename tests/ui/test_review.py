"""The review queue page, as a supervisor of the demo team: filters, the read-only visit,
approve and return through the widgets, and which users get the page at all."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from fieldapp.demo import adopt_first, adopt_first_rep
from fieldapp.model import ReviewDecision, ReviewStatus
from fieldapp.store import views_visits as vv
from ui.context import AppContext
from ui.pages import build_pages
from ui.pages.review import ReviewPage, queue_ids


@pytest.fixture
def sup_ctx(ctx: AppContext) -> AppContext:
    assert adopt_first(ctx.store, "supervisor") is not None
    return ctx


@pytest.fixture
def page(qtbot: QtBot, sup_ctx: AppContext) -> ReviewPage:
    p = ReviewPage(sup_ctx)
    qtbot.addWidget(p)
    p.resize(1200, 700)
    p.show()
    p.open()
    return p


def _team(ctx: AppContext) -> str | None:
    user = ctx.store.users.get(ctx.store.user_id or "")
    return user.team_id


def test_only_supervisors_and_admins_get_review_and_team_pages(ctx: AppContext) -> None:
    adopt_first_rep(ctx.store)
    rep_pages = {p.page_id for p in build_pages(ctx)}
    assert "review" not in rep_pages and "dashboard" not in rep_pages
    adopt_first(ctx.store, "supervisor")
    sup_pages = [p.page_id for p in build_pages(ctx)]
    assert sup_pages[:3] == ["review", "dashboard", "today"]


def test_queue_shows_the_teams_submitted_visits_and_filters(
    page: ReviewPage, sup_ctx: AppContext, qtmodeltester: Any
) -> None:
    db = sup_ctx.store.db
    team = _team(sup_ctx)
    expected = [r.visit_id for r in vv.review_queue(db, team_id=team)]
    assert expected, "the demo has submitted visits"
    assert queue_ids(page) == expected
    assert page.count_label.text() == f"{len(expected)} visits waiting"
    qtmodeltester.check(page.queue_model)

    # Rep filter: the combo lists the team's reps; choosing one narrows the queue.
    rep_id = page.queue_model.row_at(0).rep_id
    page.rep_filter.setCurrentIndex(page.rep_filter.findData(rep_id))
    assert queue_ids(page) == [r.visit_id for r in vv.review_queue(db, team_id=team, rep_id=rep_id)]
    assert all(
        page.queue_model.row_at(i).rep_id == rep_id for i in range(page.queue_model.rowCount())
    )
    page.rep_filter.setCurrentIndex(0)

    tier = page.queue_model.row_at(0).tier
    page.tier_filter.setCurrentIndex(page.tier_filter.findData(tier.value))
    tiers = {page.queue_model.row_at(i).tier for i in range(page.queue_model.rowCount())}
    assert tiers == {tier}
    page.tier_filter.setCurrentIndex(0)

    county = page.queue_model.row_at(0).county_id
    page.county_filter.setCurrentIndex(page.county_filter.findData(county))
    assert queue_ids(page) == [
        r.visit_id for r in vv.review_queue(db, team_id=team, county_id=county)
    ]
    page.county_filter.setCurrentIndex(0)

    # A date range: only visits checked in on those (Beijing) days.
    first = page.queue_model.row_at(0).visit_date
    page.since_edit.setDate(first)
    page.until_edit.setDate(first)
    page.date_filter.setChecked(True)
    assert page.since_edit.isEnabled()
    shown = queue_ids(page)
    assert shown and shown == [
        r.visit_id for r in vv.review_queue(db, team_id=team, since=first, until=first)
    ]
    assert len(shown) < len(expected)
    page.date_filter.setChecked(False)
    assert queue_ids(page) == expected


def test_the_visit_shows_read_only_with_everything_recorded(
    page: ReviewPage, sup_ctx: AppContext, qtmodeltester: Any
) -> None:
    store = sup_ctx.store
    # The queued visit with the most recorded: order lines if any.
    rows = vv.review_queue(store.db, team_id=_team(sup_ctx), order="lines", descending=True)
    target = rows[0]
    assert page.select(target.visit_id)
    view = page.view
    visit = store.visits.get(target.visit_id)
    assert view.title.text().startswith(target.shop_name)
    assert view.values["check_notes"].text() == (visit.check_notes or "—")
    assert view.values["next_actions"].text() == (visit.next_actions or "—")
    assert view.lines_model.rowCount() == target.order_lines > 0
    qtmodeltester.check(view.lines_model)
    qtmodeltester.check(view.history_model)
    # Read-only: the page has no editors for what the rep recorded.
    assert all(isinstance(w, QLabel) for w in view.values.values())
    assert view.photos.count() == target.photos


def test_return_needs_a_comment_then_approve_after_the_rep_resubmits(
    page: ReviewPage, sup_ctx: AppContext, qtbot: QtBot
) -> None:
    store = sup_ctx.store
    visit_id = queue_ids(page)[0]
    before = len(queue_ids(page))
    assert page.select(visit_id)
    qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
    assert page.comment_error.isVisible()
    assert store.visits.get(visit_id).review_status == ReviewStatus.SUBMITTED

    page.comment.setPlainText("陈列照片看不清，请补拍")
    with qtbot.waitSignal(sup_ctx.signals.changed):
        qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
    assert not page.comment_error.isVisible()
    returned = store.visits.get(visit_id)
    assert returned.review_status == ReviewStatus.RETURNED
    assert returned.supervisor_comment == "陈列照片看不清，请补拍"
    assert visit_id not in queue_ids(page) and len(queue_ids(page)) == before - 1
    assert page.view.visit_id is not None and page.comment.toPlainText() == ""

    # The rep (same store in this test) fixes it and sends it again.
    sup = store.user_id
    store.set_user(returned.rep_id)
    store.visits.update(visit_id, check_notes="已补拍")
    store.visits.submit(visit_id)
    store.set_user(sup)
    sup_ctx.notify("visits")  # as a sync would: the visible queue reloads shortly after
    qtbot.waitUntil(lambda: visit_id in queue_ids(page), timeout=2000)
    assert page.select(visit_id)
    assert page.view.history_model.rowCount() == 1
    assert page.queue_model.row_at(queue_ids(page).index(visit_id)).times_returned == 1
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    assert store.visits.get(visit_id).review_status == ReviewStatus.APPROVED
    assert [r.decision for r in store.visits.reviews(visit_id)] == [
        ReviewDecision.RETURNED,
        ReviewDecision.APPROVED,
    ]
    assert visit_id not in queue_ids(page)


def test_supervisor_sets_a_county_density_target(ctx: AppContext, qtbot: QtBot) -> None:
    from ui.pages.counties import CountiesPage

    adopt_first_rep(ctx.store)
    rep_page = CountiesPage(ctx)
    qtbot.addWidget(rep_page)
    assert rep_page.target_box.isHidden()  # reps see the targets, they do not set them

    adopt_first(ctx.store, "supervisor")
    page = CountiesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert not page.target_box.isHidden()
    assert not page.target_button.isEnabled()  # no county chosen yet
    page.table.selectRow(1)
    county = page.model.row_at(1).d
    assert page.target_edit.value() == county.koc_target
    page.target_edit.setValue(county.koc_target + 25)
    with qtbot.waitSignal(ctx.signals.changed):
        qtbot.mouseClick(page.target_button, Qt.MouseButton.LeftButton)
    assert ctx.store.counties.get(county.county_id).koc_target == county.koc_target + 25
    shown = {page.model.row_at(i).d.county_id: page.model.row_at(i).d for i in range(3)}
    assert shown[county.county_id].koc_target == county.koc_target + 25
    assert page.target_county() is not None
    assert page.target_county().county_id == county.county_id  # type: ignore[union-attr]
    (change,) = ctx.store.outbox.list(table="counties", row_id=county.county_id)
    assert change.changes["koc_target"].new == county.koc_target + 25
