"""Head office's campaign tasks in the visit (issue 19): a visit to a shop a campaign's
filter takes shows its task, one to another shop does not; done and not done by
keyboard; not done without why and a photo task done without its photo are refused
with the reason named and focus on the field, nothing written."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.conftest import as_head_office
from tests.ui.conftest import DEMO_TODAY
from tests.ui.test_visit import make_page, shop_to_visit
from ui.context import AppContext
from ui.widgets.visit_campaigns import VisitCampaigns

START, END = DEMO_TODAY.replace(day=1).isoformat(), "2099-12-31"


def test_a_visit_shows_the_shops_campaign_tasks_and_records_them(
    qtbot: QtBot, ctx: AppContext
) -> None:
    store = ctx.store
    shop, _owner = shop_to_visit(store)
    other = "supermarket" if shop.channel != "supermarket" else "convenience"
    with as_head_office(store):
        ask = store.campaigns.create(name="冬季备货", task_kind="question",
                                     task="备货够过节吗？", channel=shop.channel,
                                     starts_on=START, ends_on=END)  # fmt: skip
        photo = store.campaigns.create(name="新品端架", task_kind="photo", task="拍端架",
                                       tier=shop.tier, starts_on=START, ends_on=END)  # fmt: skip
        store.campaigns.create(name="别的渠道", task_kind="checklist", task="x", channel=other,
                               starts_on=START, ends_on=END)  # fmt: skip
        store.campaigns.create(name="已结束", task_kind="checklist", task="x",
                               starts_on="2020-01-01", ends_on="2020-01-31")  # fmt: skip
    visit = store.visits.create(shop_id=shop.id, rep_id=store.user_id, planned_date=DEMO_TODAY)
    page = make_page(qtbot, ctx)
    page.load(visit.id)
    box = page.findChild(VisitCampaigns, "campaignsBox")
    assert box is not None and box.isVisible()
    shown = {r.campaign["name"] for r in box.rows}  # the demo's own campaigns too
    assert {"冬季备货", "新品端架"} <= shown and not {"别的渠道", "已结束"} & shown
    asked = next(r for r in box.rows if r.campaign["id"] == ask.id)
    assert "备货够过节吗？" in asked.label.text() and not asked.photo.isVisibleTo(box)
    # Not done without why: refused, named, focus on the answer; nothing written.
    asked.result.setFocus()
    qtbot.keyClick(asked.result, Qt.Key.Key_Down)
    qtbot.keyClick(asked.result, Qt.Key.Key_Down)  # "Not done"
    assert store.campaign_results.list(where={"visit_id": visit.id})[0].done is True
    assert box.message.text() and page.focusWidget() is asked.answer
    asked.answer.insert("老板出差")
    qtbot.keyClick(asked.answer, Qt.Key.Key_Return)
    (record,) = store.campaign_results.list(where={"visit_id": visit.id})
    assert (record.campaign_id, record.done, record.answer) == (ask.id, False, "老板出差")
    # A photo task done without its photo: refused, focus on the photo.
    shot = next(r for r in box.rows if r.campaign["id"] == photo.id)
    assert shot.photo.isVisibleTo(box)
    shot.result.setFocus()
    qtbot.keyClick(shot.result, Qt.Key.Key_Down)  # "Done"
    assert box.message.text() and page.focusWidget() is shot.photo
    assert store.campaign_results.count(where={"campaign_id": photo.id}) == 0


def test_the_push_log_offers_the_campaigns_open_on_its_day(qtbot: QtBot, ctx: AppContext) -> None:
    from ui.widgets.push_log import PushLog

    store = ctx.store
    with as_head_office(store):
        store.campaigns.create(name="春节团购", task_kind="checklist", task="群里发团购链接",
                               starts_on=START, ends_on=END)  # fmt: skip
        store.campaigns.create(name="国庆回顾", task_kind="checklist", task="x",
                               starts_on="2020-10-01", ends_on="2020-10-07")  # fmt: skip
    log = PushLog(ctx)
    qtbot.addWidget(log)
    log.set_context(people=[("测试张姐", None, None)], products=[], day=DEMO_TODAY)
    offered = log.campaign_names.stringList()
    assert "春节团购" in offered and "国庆回顾" not in offered
    completer = log.campaign.completer()
    completer.setCompletionPrefix("团购")
    assert completer.currentCompletion() == "春节团购"


def test_an_approved_visit_shows_its_tasks_as_a_summary_not_greyed_inputs(
    qtbot: QtBot, ctx: AppContext
) -> None:
    store = ctx.store
    visit = store.visits.list(where={"review_status": "approved", "rep_id": store.user_id})[0]
    with as_head_office(store):  # every shop, every day
        store.campaigns.create(name="老品陈列", task_kind="question", task="货架几层？",
                               starts_on="2000-01-01", ends_on=END)  # fmt: skip
    page = make_page(qtbot, ctx)
    page.open({"visit_id": visit.id})
    box = page.findChild(VisitCampaigns, "campaignsBox")
    assert box is not None and box.isVisible()
    assert box.summary.isVisible() and not box.editors.isVisible()
    assert not any(r.result.isVisible() or r.answer.isVisible() for r in box.rows)
    assert box.summary.captions() == [str(r.campaign["name"]) for r in box.rows]
    asked = next(r for r in box.rows if r.campaign["name"] == "老品陈列")
    shown = box.summary.value("老品陈列")
    assert "货架几层？" in shown and shown.endswith(asked.result.currentText())
    # A visit still being worked on shows the inputs again.
    returned = store.visits.list(where={"review_status": "returned", "rep_id": store.user_id})
    page.open({"visit_id": returned[0].id})
    assert box.editors.isVisible() and not box.summary.isVisible()
