"""Display agreements at head office (issue 16): the rules of ``fieldapp.display`` refuse
the same rows with the same field and code on the device and at head office; a rep may
not write a payout; an agreement checked on one device reaches the supervisor's, who
approves the month's payout."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from client_harness import MakeDevice, rows_of
from sync_harness import Server, shop_fields

from fieldapp.model import DisplayAgreement, DisplayAgreementCheck, DisplayPayout
from fieldapp.store.display import (
    agreement_skus,
    approve_payout,
    payouts,
    record_check,
    save_agreement,
)
from fieldapp.validation import check_form

T0 = datetime(2026, 11, 24, 1, 30, tzinfo=UTC)

#: (table, fields, field, code): refused on both sides alike.
BROKEN: list[tuple[str, dict[str, Any], str, str]] = [
    ("display_agreements", {"starts_on": "2026-12-02", "ends_on": "2026-12-01"}, "ends_on",
     "end_before_start"),
    ("display_agreements", {"facings": 0}, "facings", "out_of_range"),
    ("display_agreements", {"position": "roof"}, "position", "invalid_choice"),
    ("display_checks", {"passed": False, "note": "  "}, "note", "required"),
    ("display_checks", {"passed": True, "skus_ok": False}, "passed", "term_failed"),
    ("display_payouts", {"amount": 100.0}, "comment", "required"),
    ("display_payouts", {"month": "2026-13"}, "month", "invalid_format"),
]  # fmt: skip
MODELS = {"display_agreements": DisplayAgreement, "display_checks": DisplayAgreementCheck,
          "display_payouts": DisplayPayout}  # fmt: skip


def _push(server: Server, user: str, table: str, row_id: str, **fields: Any) -> Any:
    dev = server.device(user)
    (answer,) = dev.push(dev.mut(table, row_id, "insert", **fields))
    return answer


def _parents(server: Server, world: dict[str, Any]) -> dict[str, Any]:
    shop, visit, agreement = (str(uuid.uuid4()) for _ in range(3))
    assert _push(server, "repA", "shops", shop, **shop_fields(world, "repA"))["status"] == "applied"
    draft = {"shop_id": shop, "review_status": "draft", "planned_date": "2026-11-24"}
    assert _push(server, "repA", "visits", visit, **draft)["status"] == "applied"
    base = {"shop_id": shop, "position": "end_cap", "facings": 4, "starts_on": "2026-11-01",
            "ends_on": "2026-12-31", "monthly_fee": 300.0}  # fmt: skip
    assert _push(server, "repA", "display_agreements", agreement, **base)["status"] == "applied"
    return {
        "display_agreements": base,
        "display_checks": {"visit_id": visit, "agreement_id": agreement, "passed": True},
        "display_payouts": {
            "agreement_id": agreement,
            "month": "2026-11",
            "computed": 300.0,
            "amount": 300.0,
        },
    }


@pytest.mark.parametrize(("table", "fields", "field", "code"), BROKEN)
def test_head_office_refuses_what_the_device_refuses_with_the_same_code(
    server: Server, world: dict[str, Any], table: str, fields: dict[str, Any], field: str,
    code: str,
) -> None:  # fmt: skip
    row = _parents(server, world)[table] | fields
    device = [(e.field, e.code) for e in check_form(MODELS[table], row)]
    assert device == [(field, code)]
    answer = _push(server, "supA", table, str(uuid.uuid4()), **row)
    assert answer["status"] == "rejected", answer
    assert (answer["error"]["field"], answer["error"]["code"]) == (field, code)


def test_a_rep_may_not_write_a_payout(server: Server, world: dict[str, Any]) -> None:
    row = _parents(server, world)["display_payouts"]
    answer = _push(server, "repA", "display_payouts", str(uuid.uuid4()), **row)
    assert (answer["status"], answer["error"]["code"]) == ("rejected", "forbidden")
    assert _push(server, "supA", "display_payouts", str(uuid.uuid4()), **row)["status"] == (
        "applied"
    )


def test_a_check_reaches_the_supervisor_who_approves_the_payout(
    world: dict[str, Any], device: MakeDevice
) -> None:
    rep, sup = device("repA"), device("supA")
    assert rep.sync().rejected == 0  # the team, the county and the rep's own row
    shop = rep.store.shops.create(name="鑫旺便利店", channel="convenience", tier="A",
                                  county_id=world["county"], rep_id=rep.user_id)  # fmt: skip
    agreement = rep.store.display_agreements.create(
        shop_id=shop.id, position="cooler", facings=2, starts_on="2026-11-01",
        ends_on="2026-11-30", monthly_fee=200, accepted_on="2026-10-30",
    )  # fmt: skip
    visit = rep.store.visits.create(shop_id=shop.id, rep_id=rep.user_id, planned_date=T0.date())
    rep.store.visits.check_in(visit.id, at=T0)
    record_check(rep.store, visit_id=visit.id, agreement_id=agreement.id, passed=False,
                 note="冰柜里放了竞品")  # fmt: skip
    report = rep.sync()
    assert (report.rejected, report.conflicts) == (0, 0), report
    assert sup.sync().rejected == 0
    assert rows_of(sup.store, "display_checks") == rows_of(rep.store, "display_checks")
    (month,) = payouts(sup.store.db, agreement_id=agreement.id)
    assert (month.failed, month.payout) == (1, 100.0)
    approve_payout(sup.store, agreement_id=agreement.id, month="2026-11", amount=100.0)
    report = sup.sync()
    assert (report.rejected, report.conflicts) == (0, 0), report
    assert rep.sync().rejected == 0
    assert rep.store.display_payouts.count() == 1


def test_skus_sync_and_head_office_locks_a_paid_agreement_as_the_device_does(
    server: Server, world: dict[str, Any], device: MakeDevice
) -> None:
    """An agreement's SKUs reach the supervisor; once a month is paid head office refuses
    its delete (``has_payouts``), a change of its fee or SKUs (``not_editable``) and an
    end before the paid month (``before_paid_month``), and takes an end after it."""
    rep, sup = device("repA"), device("supA")
    assert rep.sync().rejected == 0
    admin = device("admin")
    tea = admin.store.products.create(name="冰红茶", price=3.0).id
    water = admin.store.products.create(name="矿泉水", price=2.0).id
    assert admin.sync().rejected == 0 and rep.sync().rejected == 0
    shop = rep.store.shops.create(name="鑫旺便利店", channel="convenience", tier="A",
                                  county_id=world["county"], rep_id=rep.user_id)  # fmt: skip
    made = save_agreement(rep.store, product_ids=[tea, water], shop_id=shop.id,
                          position="cooler", facings=2, starts_on="2026-11-01",
                          ends_on="2027-04-30", monthly_fee=200.0)  # fmt: skip
    report = rep.sync()
    assert (report.rejected, report.conflicts) == (0, 0), report
    assert sup.sync().rejected == 0
    assert sorted(agreement_skus(sup.store.db, made.id)) == sorted([tea, water])
    approve_payout(sup.store, agreement_id=made.id, month="2026-11", amount=200.0)
    assert sup.sync().rejected == 0

    raw = server.device("repA")
    sku = rep.store.display_agreement_skus.list(where={"agreement_id": made.id})[0]
    version = sup.store.display_agreements.get(made.id).version
    attempts = [
        (raw.mut("display_agreements", made.id, "delete", base=version), (None, "has_payouts")),
        (raw.mut("display_agreements", made.id, "update", base=version, monthly_fee=300.0),
         ("monthly_fee", "not_editable")),
        (raw.mut("display_agreement_skus", sku.id, "delete", base=sku.version),
         ("product_id", "not_editable")),
        (raw.mut("display_agreement_skus", str(uuid.uuid4()), "insert", agreement_id=made.id,
                 product_id=tea), ("product_id", "not_editable")),
        (raw.mut("display_agreements", made.id, "update", base=version, ends_on="2026-11-20"),
         ("ends_on", "before_paid_month")),
    ]  # fmt: skip
    for mutation, (field, code) in attempts:
        (answer,) = raw.push(mutation)
        assert answer["status"] == "rejected", (mutation, answer)
        assert answer["error"]["code"] == code, answer
        if field is not None:
            assert answer["error"]["field"] == field, answer
    (answer,) = raw.push(
        raw.mut("display_agreements", made.id, "update", base=version, ends_on="2026-12-31")
    )
    assert answer["status"] == "applied", answer
