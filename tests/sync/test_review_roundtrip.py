"""Visit review across two devices through the real server (loopback HTTP, SQLite and
PostgreSQL): the rep submits, the supervisor returns it with a comment, the rep fixes and
resubmits, the supervisor approves; both devices end with both decisions. A rep may not
write the review history.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from client_harness import Device, MakeDevice, rows_of
from sync_harness import Server

from fieldapp.errors import ValidationError
from fieldapp.model import ReviewDecision, ReviewStatus

T0 = datetime(2026, 11, 24, 1, 30, tzinfo=UTC)


def _submitted_visit(rep: Device, county: str) -> str:
    shop = rep.store.shops.create(
        name="鑫旺便利店", channel="convenience", tier="A", county_id=county, rep_id=rep.user_id
    )
    visit = rep.store.visits.create(shop_id=shop.id, rep_id=rep.user_id, planned_date=T0.date())
    rep.store.visits.check_in(visit.id, at=T0)
    rep.store.visits.update(visit.id, check_display="poor", check_notes="货架被挡住")
    rep.store.visits.check_out(visit.id, at=T0 + timedelta(minutes=25))
    rep.store.visits.submit(visit.id)
    return visit.id


def _clean(report: Any) -> None:
    assert (report.conflicts, report.rejected) == (0, 0), report
    assert report.verified


def test_return_fix_resubmit_approve_reaches_both_devices(
    world: dict[str, Any], device: MakeDevice
) -> None:
    rep, sup = device("repA"), device("supA")
    _clean(rep.sync())
    visit_id = _submitted_visit(rep, world["county"])
    _clean(rep.sync())

    _clean(sup.sync())
    assert sup.store.visits.get(visit_id).review_status == ReviewStatus.SUBMITTED
    sup.store.visits.review(visit_id, decision="returned", comment="陈列照片看不清，请补拍")
    _clean(sup.sync())

    _clean(rep.sync())
    returned = rep.store.visits.get(visit_id)
    assert returned.review_status == ReviewStatus.RETURNED
    assert returned.supervisor_comment == "陈列照片看不清，请补拍"
    assert returned.reviewed_by == sup.user_id
    rep.store.visits.update(visit_id, check_display="good", check_notes="已整理货架，补拍")
    rep.store.visits.submit(visit_id)
    _clean(rep.sync())

    _clean(sup.sync())
    resubmitted = sup.store.visits.get(visit_id)
    assert resubmitted.review_status == ReviewStatus.SUBMITTED
    assert resubmitted.check_notes == "已整理货架，补拍"
    sup.store.visits.review(visit_id, decision="approved", comment="好")
    _clean(sup.sync())
    _clean(rep.sync())

    for d in (rep, sup):
        history = d.store.visits.reviews(visit_id)
        assert [(r.decision, r.reviewer_id) for r in history] == [
            (ReviewDecision.RETURNED, sup.user_id),
            (ReviewDecision.APPROVED, sup.user_id),
        ]
        assert d.store.visits.get(visit_id).review_status == ReviewStatus.APPROVED
    assert rows_of(rep.store, "visit_reviews") == rows_of(sup.store, "visit_reviews")
    assert rows_of(rep.store, "visits") == rows_of(sup.store, "visits")


def test_a_rep_may_not_write_the_review_history(world: dict[str, Any], device: MakeDevice) -> None:
    rep = device("repA")
    _clean(rep.sync())
    visit_id = _submitted_visit(rep, world["county"])
    _clean(rep.sync())
    # The store lets anyone record a decision locally; head office decides who may.
    own = rep.store.visits.review(visit_id, decision="approved")
    report = rep.sync()
    assert report.rejected == 2  # the history row and the visit's review fields
    states = {(m.table, m.error_code) for m in rep.store.outbox.list() if m.state == "rejected"}
    assert states == {("visit_reviews", "forbidden"), ("visits", "forbidden")}
    sup = device("supA")
    _clean(sup.sync())
    assert sup.store.visits.reviews(visit_id) == []
    assert sup.store.repo("visit_reviews").find(own.id) is None


def test_density_target_is_set_by_the_supervisor_not_a_rep(
    world: dict[str, Any], device: MakeDevice, server: Server
) -> None:
    rep, sup = device("repA"), device("supA")
    _clean(rep.sync())
    _clean(sup.sync())
    county = world["county"]
    # The app refuses a rep's target (fieldapp.kinds.SHARED_EDITS) ...
    with pytest.raises(ValidationError) as refused:
        rep.store.counties.update(county, koc_target=80)
    assert [(e.field, e.code) for e in refused.value.errors] == [("koc_target", "forbidden")]
    # ... and head office refuses it from a client that does not know the rule.
    raw = server.device("repA")
    version = rep.store.counties.get(county).version
    (answer,) = raw.push(raw.mut("counties", county, base=version, koc_target=80))
    assert (answer["status"], answer["error"]["code"]) == ("rejected", "forbidden")
    # A rep may still add a county; the supervisor sets the target everyone gets.
    rep.store.counties.create(name="新密市", koc_target=40)
    assert rep.sync().rejected == 0
    sup.store.counties.update(county, koc_target=60)
    _clean(sup.sync())
    rep.sync()
    assert sup.store.counties.get(county).koc_target == 60
    assert rep.store.counties.get(county).koc_target == 60


def test_a_rep_cannot_reopen_or_edit_an_approved_visit(
    world: dict[str, Any], device: MakeDevice, server: Server
) -> None:
    rep, sup = device("repA"), device("supA")
    _clean(rep.sync())
    visit_id = _submitted_visit(rep, world["county"])
    _clean(rep.sync())
    _clean(sup.sync())
    sup.store.visits.review(visit_id, decision="approved")
    _clean(sup.sync())
    _clean(rep.sync())
    version = rep.store.visits.get(visit_id).version
    # The app refuses; a raw push (another client, an old app) is refused by head office.
    raw = server.device("repA")
    answers = raw.push(
        raw.mut("visits", visit_id, base=version, review_status="submitted"),
        raw.mut("visits", visit_id, base=version, check_notes="改过了"),
    )
    assert [(a["status"], a["error"]) for a in answers] == [
        ("rejected", {"code": "forbidden", "field": "review_status"}),
        ("rejected", {"code": "not_editable", "field": "check_notes"}),  # the device's code
    ]
    # Untouched fields sent again unchanged are no change.
    (same,) = raw.push(raw.mut("visits", visit_id, base=version, review_status="approved"))
    assert same["status"] == "applied"
    _clean(sup.sync())
    assert sup.store.visits.get(visit_id).review_status == ReviewStatus.APPROVED
