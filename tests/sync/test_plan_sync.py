"""The day plan's fields travel like any other: head office keeps them, a client of the
previous schema never sees them, a planned visit's position reaches the supervisor."""

from __future__ import annotations

from typing import Any

from sync_harness import Server, shop_fields

from sync import protocol as p


def test_plan_fields_reach_head_office_and_stay_hidden_from_the_previous_schema(
    server: Server, world: dict[str, Any]
) -> None:
    dev = server.device("repA")
    shop = shop_fields(world, "repA") | {
        "route_days": "135",
        "visit_every_days": 10,
        "opens_at": "08:00",
        "closes_at": "21:00",
    }
    (answer,) = dev.push(dev.mut("shops", "shop-plan", "insert", **shop))
    assert answer["status"] == "applied", answer
    visit = {"shop_id": "shop-plan", "review_status": "draft", "planned_date": "2026-11-25",
             "plan_seq": 2}  # fmt: skip
    (answer,) = dev.push(dev.mut("visits", "visit-plan", "insert", **visit))
    assert answer["status"] == "applied", answer
    old = dict(dev.headers) | {p.SCHEMA_HEADER: str(p.SCHEMA_VERSION - 1)}
    page = server.client.get("/v1/pull", headers=old).json()
    (row,) = [c["row"] for c in page["changes"] if c["row_id"] == "shop-plan"]
    assert not {"route_days", "visit_every_days", "opens_at", "closes_at"} & row.keys()
    (row,) = [c["row"] for c in page["changes"] if c["row_id"] == "visit-plan"]
    assert "plan_seq" not in row
    sup = server.device("supA")
    now = server.client.get("/v1/pull", headers=sup.headers).json()
    (row,) = [c["row"] for c in now["changes"] if c["row_id"] == "shop-plan"]
    assert (row["route_days"], row["visit_every_days"], row["opens_at"]) == ("135", 10, "08:00")
    (row,) = [c["row"] for c in now["changes"] if c["row_id"] == "visit-plan"]
    assert row["plan_seq"] == 2


def test_a_supervisor_sets_their_teams_visit_frequency_and_nothing_else(
    server: Server, world: dict[str, Any]
) -> None:
    sup = server.device("supA")
    (answer,) = sup.push(sup.mut("teams", world["A"], base=10**9, visit_days_b=10))
    assert answer["status"] == "applied", answer
    for device, team, fields in [
        ("supA", world["A"], {"name": "改名"}),
        ("supA", world["A"], {"visit_days_a": 5, "notes": "x"}),
        ("supA", world["B"], {"visit_days_b": 9}),
        ("repA", world["A"], {"visit_days_b": 9}),
    ]:
        dev = server.device(device)
        (answer,) = dev.push(dev.mut("teams", team, base=10**9, **fields))
        assert answer["status"] == "rejected", (device, fields)
        assert answer["error"]["code"] in ("forbidden", "not_found"), answer
    (answer,) = sup.push(sup.mut("teams", world["A"], "delete", base=10**9))
    assert answer["status"] == "rejected"
    rep = server.device("repA")
    page = server.client.get("/v1/pull", headers=rep.headers).json()
    (team,) = [c["row"] for c in page["changes"] if c["row_id"] == world["A"]]
    assert team["visit_days_b"] == 10 and team["name"] != "改名"
