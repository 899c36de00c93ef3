"""Head office's campaigns on the device (issue 19): a campaign written on the console
reaches a rep's store at the next sync; the visit to a shop its filter takes shows its
task (others do not); the rep's record of it reaches head office's progress; the rules
of ``fieldapp.campaigns`` refuse the same rows with the same field and code on the
device and at head office; a rep's store may not write a campaign."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from client_harness import MakeDevice
from sync_harness import Server, shop_fields

from fieldapp.errors import ValidationError
from fieldapp.model import Campaign, CampaignResult
from fieldapp.store.campaigns import open_for_shop, record_result
from fieldapp.validation import check_form
from sync.server.service import campaigns as hq_campaigns, master

T0 = datetime(2026, 12, 3, 1, 30, tzinfo=UTC)

#: (table, fields, field, code): refused on both sides alike.
BROKEN: list[tuple[str, dict[str, Any], str, str]] = [
    ("campaigns", {"starts_on": "2026-12-02", "ends_on": "2026-12-01"}, "ends_on",
     "end_before_start"),
    ("campaigns", {"task_kind": "placement"}, "product_id", "required"),
    ("campaigns", {"task_kind": "dance"}, "task_kind", "invalid_choice"),
    ("campaign_results", {"done": False, "answer": " "}, "answer", "reason_required"),
]  # fmt: skip
MODELS = {"campaigns": Campaign, "campaign_results": CampaignResult}


def _campaign(**over: Any) -> dict[str, Any]:
    base = {"name": "冬季铺货", "task_kind": "question", "task": "备货够过节吗？",
            "starts_on": "2026-12-01", "ends_on": "2026-12-31"}  # fmt: skip
    return base | over


def _push(server: Server, user: str, table: str, row_id: str, **fields: Any) -> Any:
    dev = server.device(user)
    (answer,) = dev.push(dev.mut(table, row_id, "insert", **fields))
    return answer


@pytest.mark.parametrize(("table", "fields", "field", "code"), BROKEN)
def test_head_office_refuses_what_the_device_refuses_with_the_same_code(
    server: Server, world: dict[str, Any], table: str, fields: dict[str, Any], field: str,
    code: str,
) -> None:  # fmt: skip
    (campaign,) = master.write_shared(server.engine, "campaigns", [(None, _campaign())], 0)
    shop, visit = str(uuid.uuid4()), str(uuid.uuid4())
    assert _push(server, "repA", "shops", shop, **shop_fields(world, "repA"))["status"] == "applied"
    draft = {"shop_id": shop, "review_status": "draft", "planned_date": "2026-12-03"}
    assert _push(server, "repA", "visits", visit, **draft)["status"] == "applied"
    row = {
        "campaigns": _campaign(),
        "campaign_results": {"visit_id": visit, "campaign_id": campaign, "done": True},
    }[table]
    row |= fields
    device = [(e.field, e.code) for e in check_form(MODELS[table], row)]
    assert device == [(field, code)]
    answer = _push(server, "admin", table, str(uuid.uuid4()), **row)
    assert answer["status"] == "rejected", answer
    assert (answer["error"]["field"], answer["error"]["code"]) == (field, code)


def test_a_campaign_reaches_the_visit_and_its_record_head_office(
    server: Server, world: dict[str, Any], device: MakeDevice
) -> None:
    rep = device("repA")
    assert rep.sync().rejected == 0
    county = world["county"]
    shop = rep.store.shops.create(name="鑫旺便利店", code="S1", channel="convenience", tier="A",
                                  county_id=county, rep_id=rep.user_id)  # fmt: skip
    market = rep.store.shops.create(name="华联超市", code="S2", channel="supermarket", tier="A",
                                    county_id=county, rep_id=rep.user_id)  # fmt: skip
    # Head office: a photo task for team A's convenience stores, and one for team B.
    ours, theirs = (
        master.write_shared(server.engine, "campaigns", [(None, row)], 0)[0]
        for row in (
            _campaign(task_kind="photo", task="拍新品端架", team_id=world["A"],
                      channel="convenience"),
            _campaign(name="B 组任务", team_id=world["B"]),
        )
    )  # fmt: skip
    report = rep.sync()
    assert (report.rejected, report.conflicts) == (0, 0), report
    assert rep.store.campaigns.count() == 2
    day = date(2026, 12, 3)
    assert [c["id"] for c in open_for_shop(rep.store.db, shop_id=shop.id, day=day)] == [ours]
    assert open_for_shop(rep.store.db, shop_id=market.id, day=day) == []
    assert open_for_shop(rep.store.db, shop_id=shop.id, day=date(2027, 1, 1)) == []
    assert theirs not in {c["id"] for c in open_for_shop(rep.store.db, shop_id=shop.id, day=day)}
    # A rep's store keeps campaigns head office's.
    with pytest.raises(ValidationError):
        rep.store.campaigns.update(ours, name="改名")
    visit = rep.store.visits.create(shop_id=shop.id, rep_id=rep.user_id, planned_date=T0.date())
    rep.store.visits.check_in(visit.id, at=T0)
    # A photo task done names its photo.
    with pytest.raises(ValidationError) as refused:
        record_result(rep.store, visit_id=visit.id, campaign_id=ours, done=True)
    assert refused.value.codes() == {"photo_id": "required"}
    record_result(rep.store, visit_id=visit.id, campaign_id=ours, done=False, answer="老板不在")
    report = rep.sync()
    assert (report.rejected, report.conflicts) == (0, 0), report
    (prog,) = hq_campaigns.progress(server.engine, [ours])
    assert [(s.code, s.state, s.day, s.answer) for s in prog.shops] == [
        ("S1", "not_done", "2026-12-03", "老板不在")
    ]
