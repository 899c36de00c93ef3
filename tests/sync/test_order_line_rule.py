"""Order lines: returns and price overrides need a reason, 0 is refused — one rule with
the same codes on the device (fieldapp.model) and at head office (sync.protocol), held
to one table here, and the real server refusing what the store refuses."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sync_harness import Server, shop_fields

from fieldapp.model import order_line_problem
from sync import protocol as p

# (quantity, unit_price, list_price, reason[, net_price]) -> (field, code) or None
CASES: list[tuple[tuple[Any, ...], tuple[str, str] | None]] = [
    ((5, 25.0, 25.0, None), None),
    ((5, None, None, None), None),
    ((5, 25.0, None, None), None),  # a line made before list prices were kept
    ((0, 25.0, 25.0, None), ("quantity", "not_zero")),
    ((0, 25.0, 25.0, "退货"), ("quantity", "not_zero")),
    ((-2, 25.0, 25.0, None), ("reason", "reason_required")),
    ((-2, 25.0, 25.0, "  "), ("reason", "reason_required")),
    ((-2, 25.0, 25.0, "瓶子破损"), None),
    ((5, 20.0, 25.0, None), ("reason", "reason_required")),
    ((5, None, 25.0, None), ("reason", "reason_required")),
    ((5, 20.0, 25.0, "老客户优惠"), None),
    # a promotion's net price is the agreed price: no reason at it, one apart from it
    ((5, 22.5, 25.0, None, 22.5), None),
    ((5, 25.0, 25.0, None, 22.5), ("reason", "reason_required")),
    ((5, 20.0, 25.0, None, 22.5), ("reason", "reason_required")),
    ((5, 20.0, 25.0, "清仓", 22.5), None),
    ((-1, 22.5, 25.0, None, 22.5), ("reason", "reason_required")),
]


@pytest.mark.parametrize(("fields", "expected"), CASES)
def test_device_and_head_office_apply_one_rule(
    fields: tuple[Any, ...], expected: tuple[str, str] | None
) -> None:
    device = order_line_problem(*fields)
    quantity, unit_price, list_price, reason, *net = fields
    row = {
        "quantity": quantity,
        "unit_price": unit_price,
        "list_price": list_price,
        "reason": reason,
        "net_price": net[0] if net else None,
    }
    office = p.cross_field_error("order_lines", row, set(row))
    assert (None if device is None else (device.field, device.code)) == expected
    assert office == expected


def test_the_new_fields_are_declared_for_the_wire_and_hidden_from_older_devices() -> None:
    spec = p.TABLES["order_lines"]
    assert {"list_price", "reason"} <= set(spec)
    assert spec["quantity"].min_value == -1_000_000
    assert p.hidden_from(p.SCHEMA_VERSION - 1)["order_lines"] == (
        "list_price", "reason", "promotion_id", "net_price", "free_quantity"
    )  # fmt: skip
    assert "order_lines" not in p.hidden_from(p.SCHEMA_VERSION)


def test_head_office_refuses_what_the_store_refuses_and_hides_new_fields_from_old_devices(
    server: Server, world: dict[str, Any]
) -> None:
    admin = server.device("admin")
    product = str(uuid.uuid4())
    (ok,) = admin.push(admin.mut("products", product, "insert", name="窖藏 12", price=25.0))
    assert ok["status"] == "applied", ok
    dev = server.device("repA")

    def push(table: str, row_id: str, op: str = "update", **fields: Any) -> Any:
        (answer,) = dev.push(dev.mut(table, row_id, op, base=10**9, **fields))
        return answer

    shop, visit = str(uuid.uuid4()), str(uuid.uuid4())
    assert push("shops", shop, "insert", **shop_fields(world, "repA"))["status"] == "applied"
    draft = {"shop_id": shop, "review_status": "draft", "planned_date": "2026-11-24"}
    assert push("visits", visit, "insert", **draft)["status"] == "applied"
    line = {"visit_id": visit, "product_id": product, "unit_price": 25.0, "list_price": 25.0}
    returned = str(uuid.uuid4())
    answer = push("order_lines", returned, "insert", **line, quantity=-2)
    assert answer["status"] == "rejected"
    assert (answer["error"]["field"], answer["error"]["code"]) == ("reason", "reason_required")
    answer = push("order_lines", returned, "insert", **line, quantity=-2, reason="瓶子破损")
    assert answer["status"] == "applied", answer
    ordered = str(uuid.uuid4())
    assert push("order_lines", ordered, "insert", **line, quantity=6)["status"] == "applied"
    answer = push("order_lines", ordered, unit_price=20.0)
    assert (answer["status"], answer["error"]["code"]) == ("rejected", "reason_required")
    assert push("order_lines", ordered, unit_price=20.0, reason="老客户")["status"] == "applied"
    answer = push("order_lines", ordered, quantity=0)
    assert (answer["status"], answer["error"]["code"]) == ("rejected", "not_zero")

    # A device of the previous schema gets the lines without the fields it cannot store.
    old = dict(dev.headers) | {p.SCHEMA_HEADER: str(p.SCHEMA_VERSION - 1)}
    page = server.client.get("/v1/pull", headers=old).json()
    rows = [c["row"] for c in page["changes"] if c["table"] == "order_lines"]
    assert rows and all("reason" not in r and "list_price" not in r for r in rows)
    rows = [c["row"] for c in dev.pull()["changes"] if c["table"] == "order_lines"]
    assert {r["reason"] for r in rows} == {"瓶子破损", "老客户"}
