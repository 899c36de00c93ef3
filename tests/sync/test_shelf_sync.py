"""Shelf audits at head office (issue 16): the server refuses what the device refuses,
with the same field and code (one rule table below, two callers); a supervisor's
assortment rule and a rep's audit lines reach a teammate's device, where the next
visit's grid is prefilled from them; a rep may not write the team's assortment rules.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from client_harness import MakeDevice, rows_of
from sync_harness import Server, shop_fields

from fieldapp.model import ShelfAudit
from fieldapp.store.shelf import audit_grid, save_audit
from fieldapp.validation import check_form

T0 = datetime(2026, 11, 24, 1, 30, tzinfo=UTC)

#: (fields of a line, field, code): the device's code and head office's are the same.
BROKEN: list[tuple[dict[str, Any], str, str]] = [
    ({"in_distribution": True, "facings": 1000}, "facings", "out_of_range"),
    ({"in_distribution": True, "facings": -1}, "facings", "out_of_range"),
    ({"in_distribution": True, "competitor_facings": 1000}, "competitor_facings", "out_of_range"),
    ({"in_distribution": True, "shelf_price": 0}, "shelf_price", "out_of_range"),
    ({"in_distribution": True, "competitor_price": -3.5}, "competitor_price", "out_of_range"),
    ({"in_distribution": False, "facings": 3}, "facings", "facings_not_on_shelf"),
    (
        {"in_distribution": True, "out_of_stock": True, "facings": 2},
        "facings",
        "facings_not_on_shelf",
    ),
]


def _push(
    server: Server, user: str, table: str, row_id: str, op: str = "insert", **fields: Any
) -> Any:
    dev = server.device(user)
    (answer,) = dev.push(dev.mut(table, row_id, op, base=10**9, **fields))
    return answer


@pytest.mark.parametrize(("fields", "field", "code"), BROKEN)
def test_head_office_refuses_a_line_the_device_refuses_with_the_same_code(
    server: Server, world: dict[str, Any], fields: dict[str, Any], field: str, code: str
) -> None:
    product, shop, visit = (str(uuid.uuid4()) for _ in range(3))
    assert (
        _push(server, "admin", "products", product, name="啤酒 500ml", price=5.0)["status"]
        == "applied"
    )
    assert _push(server, "repA", "shops", shop, **shop_fields(world, "repA"))["status"] == (
        "applied"
    )
    assert (
        _push(
            server,
            "repA",
            "visits",
            visit,
            shop_id=shop,
            review_status="draft",
            planned_date="2026-11-24",
        )["status"]
        == "applied"
    )
    line = {
        "visit_id": visit,
        "product_id": product,
        "in_distribution": True,
        "out_of_stock": False,
    }
    device = [(e.field, e.code) for e in check_form(ShelfAudit, line | fields)]
    assert device == [(field, code)]
    answer = _push(server, "repA", "shelf_audits", str(uuid.uuid4()), **(line | fields))
    assert answer["status"] == "rejected", answer
    assert (answer["error"]["field"], answer["error"]["code"]) == (field, code)
    good = _push(
        server, "repA", "shelf_audits", str(uuid.uuid4()), **line, facings=4, shelf_price=4.5
    )
    assert good["status"] == "applied", good


def test_a_rep_may_not_write_the_teams_assortment_rules(
    server: Server, world: dict[str, Any]
) -> None:
    product = str(uuid.uuid4())
    _push(server, "admin", "products", product, name="啤酒 500ml", price=5.0)
    rule = {"team_id": world["A"], "channel": "convenience", "tier": "A", "product_id": product}
    answer = _push(server, "repA", "assortment_rules", str(uuid.uuid4()), **rule)
    assert answer["status"] == "rejected" and answer["error"]["code"] == "forbidden"
    assert _push(server, "supA", "assortment_rules", str(uuid.uuid4()), **rule)["status"] == (
        "applied"
    )


def test_audit_lines_reach_a_teammate_and_prefill_the_next_visit(
    world: dict[str, Any], device: MakeDevice
) -> None:
    admin, sup, rep, rep2 = device("admin"), device("supA"), device("repA"), device("supA", "b")
    beer = admin.store.products.create(name="啤酒 500ml", category="啤酒", price=5.0)
    tea = admin.store.products.create(name="冰红茶", category="饮料", price=3.0)
    assert admin.sync().rejected == 0
    assert sup.sync().rejected == 0
    for p in (beer, tea):
        sup.store.assortment_rules.create(
            team_id=world["A"], channel="convenience", tier="A", product_id=p.id
        )
    assert sup.sync().rejected == 0
    assert rep.sync().rejected == 0
    shop = rep.store.shops.create(
        name="鑫旺便利店",
        channel="convenience",
        tier="A",
        county_id=world["county"],
        rep_id=rep.user_id,
    )
    visit = rep.store.visits.create(shop_id=shop.id, rep_id=rep.user_id, planned_date=T0.date())
    rep.store.visits.check_in(visit.id, at=T0)
    grid = audit_grid(rep.store.db, visit_id=visit.id)
    assert [r.product_id for r in grid] == [beer.id, tea.id]  # category, then name
    grid = [
        grid[0].with_value("in_distribution", True).with_value("facings", 6),
        grid[1].with_value("in_distribution", True).with_value("shelf_price", 2.4),
    ]
    save_audit(rep.store, visit_id=visit.id, rows=grid)
    report = rep.sync()
    assert (report.rejected, report.conflicts) == (0, 0), report

    report = rep2.sync()
    assert (report.rejected, report.conflicts) == (0, 0), report
    assert rows_of(rep2.store, "shelf_audits") == rows_of(rep.store, "shelf_audits")
    nxt = rep2.store.visits.create(shop_id=shop.id, planned_date=(T0 + timedelta(days=7)).date())
    again = audit_grid(rep2.store.db, visit_id=nxt.id)
    assert [(r.facings, r.shelf_price, r.line_id) for r in again] == [
        (6, None, None),
        (None, 2.4, None),
    ]
    assert again[1].price_disorder(0.15)  # 2.4 < 3 × 0.85
    assert not again[1].price_disorder(0.25)
