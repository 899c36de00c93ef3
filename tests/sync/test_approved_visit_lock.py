"""Head office locks an approved visit with its parts (``fieldapp.kinds.LOCKED_WHEN``,
the device's rule too): by raw HTTP a rep can neither change its order lines (6 → 600),
add or move one, delete one, nor delete the visit. On SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from typing import Any

from sync_harness import Server, shop_fields


def test_a_rep_cannot_touch_an_approved_visit_or_its_parts(
    server: Server, world: dict[str, Any]
) -> None:
    rep, sup, admin = server.device("repA"), server.device("supA"), server.device("admin")
    product = str(uuid.uuid4())
    assert (
        admin.push(admin.mut("products", product, "insert", name="青花瓷 52度"))[0]["status"]
        == "applied"
    )
    shop, visit, other, line = (str(uuid.uuid4()) for _ in range(4))
    res = rep.push(
        rep.mut("shops", shop, "insert", **shop_fields(world, "repA")),
        rep.mut("visits", visit, "insert", shop_id=shop, review_status="submitted"),
        rep.mut("visits", other, "insert", shop_id=shop, review_status="draft"),
        rep.mut("order_lines", line, "insert", visit_id=visit, product_id=product, quantity=6),
    )
    assert [r["status"] for r in res] == ["applied"] * 4, res
    answer = sup.push(sup.mut("visits", visit, base=10**9, review_status="approved"))[0]
    assert answer["status"] == "applied", answer

    attempts = {
        "600": rep.mut("order_lines", line, base=10**9, quantity=600),
        "add": rep.mut(
            "order_lines", str(uuid.uuid4()), "insert", visit_id=visit, product_id=product,
            quantity=1,
        ),
        "move": rep.mut("order_lines", line, base=10**9, visit_id=other),
        "delete line": rep.mut("order_lines", line, "delete", base=10**9),
        "delete visit": rep.mut("visits", visit, "delete", base=10**9),
    }  # fmt: skip
    for what, m in attempts.items():
        answer = rep.push(m)[0]
        assert (answer["status"], answer["error"]["code"]) == ("rejected", "not_editable"), what
    rows = {c["row_id"]: c for c in admin.pull_all()}
    assert rows[line]["row"]["quantity"] == 6 and rows[line]["row"]["visit_id"] == visit
    assert rows[visit]["op"] == rows[line]["op"] == "upsert", (rows[visit], rows[line])
    # The other visit's lines stay the rep's.
    free = str(uuid.uuid4())
    answer = rep.push(
        rep.mut("order_lines", free, "insert", visit_id=other, product_id=product, quantity=2)
    )[0]
    assert answer["status"] == "applied", answer


def test_the_supervisor_corrects_an_approved_visit_and_a_reps_edit_is_not_editable(
    server: Server, world: dict[str, Any]
) -> None:
    """The lock binds reps, not the supervisor whose record it is
    (``fieldapp.kinds.lock_binds``, the device's rule too), and a rep's change of the
    visit itself is refused with the device's code."""
    rep, sup, admin = server.device("repA"), server.device("supA"), server.device("admin")
    product = str(uuid.uuid4())
    admin.push(admin.mut("products", product, "insert", name="青花瓷 52度"))
    shop, visit, line = (str(uuid.uuid4()) for _ in range(3))
    res = rep.push(
        rep.mut("shops", shop, "insert", **shop_fields(world, "repA")),
        rep.mut("visits", visit, "insert", shop_id=shop, review_status="submitted"),
        rep.mut("order_lines", line, "insert", visit_id=visit, product_id=product, quantity=6),
    )
    assert [r["status"] for r in res] == ["applied"] * 3, res
    assert (
        sup.push(sup.mut("visits", visit, base=10**9, review_status="approved"))[0]["status"]
        == "applied"
    )

    answer = rep.push(rep.mut("visits", visit, base=10**9, check_notes="改了"))[0]
    assert (answer["status"], answer["error"]) == (
        "rejected",
        {"code": "not_editable", "field": "check_notes"},
    ), answer
    res = sup.push(
        sup.mut("order_lines", line, base=10**9, quantity=12),
        sup.mut("visits", visit, base=10**9, check_notes="主管更正"),
    )
    assert [r["status"] for r in res] == ["applied"] * 2, res
    rows = {c["row_id"]: c["row"] for c in admin.pull_all()}
    assert rows[line]["quantity"] == 12 and rows[visit]["check_notes"] == "主管更正"


def test_a_submitted_visit_takes_only_its_review_at_head_office(
    server: Server, world: dict[str, Any]
) -> None:
    """A submitted visit is what its supervisor is reviewing: the app changes nothing on
    it but the review (``fieldapp.kinds.locked_fields``), and by raw HTTP head office
    refuses a rep's (or anyone's) change of its fields with the device's code; the
    review itself goes through, and a returned visit is the rep's to edit again."""
    rep, sup, admin = server.device("repA"), server.device("supA"), server.device("admin")
    shop, visit = str(uuid.uuid4()), str(uuid.uuid4())
    res = rep.push(
        rep.mut("shops", shop, "insert", **shop_fields(world, "repA")),
        rep.mut("visits", visit, "insert", shop_id=shop, review_status="draft", check_notes="原"),
        rep.mut("visits", visit, base=10**9, review_status="submitted"),
    )
    assert [r["status"] for r in res] == ["applied"] * 3, res

    for who, device in (("rep", rep), ("supervisor", sup)):
        answer = device.push(device.mut("visits", visit, base=10**9, check_notes="改了"))[0]
        assert (answer["status"], answer.get("error")) == (
            "rejected",
            {"code": "not_editable", "field": "check_notes"},
        ), (who, answer)
    rows = {c["row_id"]: c["row"] for c in admin.pull_all()}
    assert rows[visit]["check_notes"] == "原"

    answer = sup.push(
        sup.mut("visits", visit, base=10**9, review_status="returned", supervisor_comment="补照片")
    )[0]
    assert answer["status"] == "applied", answer
    answer = rep.push(rep.mut("visits", visit, base=10**9, check_notes="补了"))[0]
    assert answer["status"] == "applied", answer
