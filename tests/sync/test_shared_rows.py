"""Shared rows (counties, products) are head office's: anyone signed in adds one, only an
admin changes or deletes one, a supervisor sets a county's target
(``fieldapp.kinds.SHARED_EDITS``, the device's rule too); a county or product still
referenced is never deleted, whichever team refers to it. On SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from typing import Any

from sync_harness import Server, shop_fields


def _status(answer: dict[str, Any]) -> tuple[str, str | None, str | None]:
    err = answer.get("error") or {}
    return answer["status"], err.get("code"), err.get("field")


def test_only_admins_edit_shared_rows_and_supervisors_set_targets(
    server: Server, world: dict[str, Any]
) -> None:
    rep, sup, admin = server.device("repA"), server.device("supA"), server.device("admin")
    county, product = world["county"], str(uuid.uuid4())
    mine = str(uuid.uuid4())
    assert (
        rep.push(rep.mut("counties", mine, "insert", name="惠济区", koc_target=10))[0]["status"]
        == "applied"
    )  # anyone adds a missing county
    assert (
        rep.push(rep.mut("products", product, "insert", name="青花瓷 52度"))[0]["status"]
        == "applied"
    )
    refused = [
        (rep, rep.mut("counties", county, base=10**9, name="改名区")),
        (rep, rep.mut("counties", county, base=10**9, koc_target=99)),
        (rep, rep.mut("counties", mine, "delete", base=10**9)),  # even one they added
        (rep, rep.mut("products", product, base=10**9, name="改名")),
        (rep, rep.mut("products", product, "delete", base=10**9)),
        (sup, sup.mut("counties", county, base=10**9, name="改名区")),
        (sup, sup.mut("products", product, "delete", base=10**9)),
    ]
    for dev, m in refused:
        status, code, _ = _status(dev.push(m)[0])
        assert (status, code) == ("rejected", "forbidden"), (dev.user["name"], m["changes"])
    assert _status(sup.push(sup.mut("counties", county, base=10**9, koc_target=80))[0])[0] == (
        "applied"
    )
    for m in (
        admin.mut("counties", county, base=10**9, name="金水区（新）"),
        admin.mut("products", product, base=10**9, name="青花瓷 53度"),
        admin.mut("counties", mine, "delete", base=10**9),
    ):
        assert _status(admin.push(m)[0])[0] == "applied", m


def test_a_county_another_team_uses_is_not_deleted(server: Server, world: dict[str, Any]) -> None:
    rep_b, rep_a, admin = server.device("repB"), server.device("repA"), server.device("admin")
    shop = str(uuid.uuid4())
    assert (
        rep_b.push(rep_b.mut("shops", shop, "insert", **shop_fields(world, "repB")))[0]["status"]
        == "applied"
    )
    answer = rep_a.push(rep_a.mut("counties", world["county"], "delete", base=10**9))[0]
    assert _status(answer)[:2] == ("rejected", "forbidden")
    answer = admin.push(admin.mut("counties", world["county"], "delete", base=10**9))[0]
    assert answer["status"] == "conflict"  # in use: the county stays
    rows = {c["row_id"]: c for c in rep_b.pull_all()}
    assert rows[world["county"]]["op"] == "upsert" and rows[shop]["row"]["county_id"]
