"""Push: apply, retry, per-field merge and conflicts, rejections that never block."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sync_harness import Server, shop_fields

from sync.server import service
from sync.server.db import conflicts, rows

#: A base version newer than anything in these small tests: "the client is up to date".
UP_TO_DATE = 10_000


def _row(server: Server, table: str, row_id: str) -> Any:
    with server.engine.connect() as conn:
        return conn.execute(
            sa.select(rows).where(rows.c.table_name == table, rows.c.row_id == row_id)
        ).one()


def _conflicts(server: Server) -> list[Any]:
    with server.engine.connect() as conn:
        return list(conn.execute(sa.select(conflicts).order_by(conflicts.c.id)))


def _counter(server: Server) -> int:
    with server.engine.connect() as conn:
        return service.last_seq(conn)


def test_insert_update_delete_applied(server: Server, world: dict[str, Any]) -> None:
    dev = server.device("repA")
    sid = str(uuid.uuid4())
    r1 = dev.push(dev.mut("shops", sid, "insert", **shop_fields(world, "repA")))
    assert r1[0]["status"] == "applied" and r1[0]["seq"] == 1
    v1 = r1[0]["version"]
    r2 = dev.push(dev.mut("shops", sid, "update", base=v1, name="新名字", tier="A"))
    assert r2[0]["status"] == "applied" and r2[0]["version"] > v1
    row = _row(server, "shops", sid)
    assert row.data["name"] == "新名字" and row.data["tier"] == "A"
    assert row.team_id == world["A"] and row.version == r2[0]["version"]
    r3 = dev.push(dev.mut("shops", sid, "delete", base=r2[0]["version"]))
    assert r3[0]["status"] == "applied"
    row = _row(server, "shops", sid)
    assert row.deleted is True and row.version == r3[0]["version"]
    pulled = [c for c in dev.pull_all() if c["row_id"] == sid]
    assert len(pulled) == 1 and pulled[0]["row"]["deleted"] is True
    assert pulled[0]["row"]["name"] == "新名字"


def test_retry_returns_the_stored_answer_and_changes_nothing(
    server: Server, world: dict[str, Any]
) -> None:
    dev = server.device("repA")
    sid = str(uuid.uuid4())
    m1 = dev.mut("shops", sid, "insert", **shop_fields(world, "repA"))
    m2 = dev.mut("shops", sid, "update", base=0, name="x" * 300)  # rejected: too long
    first = dev.push(m1, m2)
    assert [r["status"] for r in first] == ["applied", "rejected"]
    counter, row = _counter(server), _row(server, "shops", sid)
    # The response was lost: the client sends the same batch again, even changed.
    m1_again = m1 | {"changes": {"name": {"old": None, "new": "另一个"}}}
    assert dev.push(m1_again, m2) == first
    assert _counter(server) == counter
    assert _row(server, "shops", sid) == row


def test_same_field_on_two_devices_later_wins_with_a_conflict(
    server: Server, world: dict[str, Any]
) -> None:
    a1, a2 = server.device("repA"), server.device("supA")
    sid = str(uuid.uuid4())
    v = a1.push(a1.mut("shops", sid, "insert", **shop_fields(world, "repA")))[0]["version"]
    r1 = a1.push(a1.mut("shops", sid, base=v, name="甲"))[0]
    assert r1["status"] == "applied"
    r2 = a2.push(a2.mut("shops", sid, base=v, name="乙"))[0]
    assert r2["status"] == "conflict" and r2["conflict_id"]
    assert _row(server, "shops", sid).data["name"] == "乙"
    (c,) = _conflicts(server)
    assert c.id == r2["conflict_id"] and c.field == "name" and c.kind == "field"
    assert (c.winning_value, c.losing_value) == ("乙", "甲")
    assert (c.winning_user, c.losing_user) == (world["supA"], world["repA"])
    assert (c.winning_device, c.losing_device) == (a2.device_id, a1.device_id)
    assert (c.winning_seq, c.losing_seq) == (r2["version"], r1["version"])
    assert c.client_created_at == "2026-11-24T01:00:00+00:00" and c.resolved is False
    # The same new value as the server's is no conflict.
    r3 = a1.push(a1.mut("shops", sid, base=v, name="乙"))[0]
    assert r3["status"] == "applied"


def test_different_fields_merge_silently(server: Server, world: dict[str, Any]) -> None:
    a1, a2 = server.device("repA"), server.device("repA")
    sid = str(uuid.uuid4())
    v = a1.push(a1.mut("shops", sid, "insert", **shop_fields(world, "repA")))[0]["version"]
    assert a1.push(a1.mut("shops", sid, base=v, name="甲"))[0]["status"] == "applied"
    assert a2.push(a2.mut("shops", sid, base=v, tier="A"))[0]["status"] == "applied"
    row = _row(server, "shops", sid)
    assert (row.data["name"], row.data["tier"]) == ("甲", "A")
    assert _conflicts(server) == []


def test_edit_against_delete_is_a_conflict(server: Server, world: dict[str, Any]) -> None:
    a1, a2 = server.device("repA"), server.device("repA")
    sid = str(uuid.uuid4())
    v = a1.push(a1.mut("shops", sid, "insert", **shop_fields(world, "repA")))[0]["version"]
    deleted = a1.push(a1.mut("shops", sid, "delete", base=v))[0]
    r = a2.push(a2.mut("shops", sid, base=v, notes="还在营业"))[0]
    assert r["status"] == "conflict" and r["version"] == deleted["version"]
    row = _row(server, "shops", sid)
    assert row.deleted is True and row.data["notes"] is None
    (c,) = _conflicts(server)
    assert (c.kind, c.field, c.losing_value, c.losing_device) == (
        "edit_delete",
        "notes",
        "还在营业",
        a2.device_id,
    )
    # Deleting a deleted row is no conflict.
    assert a2.push(a2.mut("shops", sid, "delete", base=v))[0]["status"] == "applied"


def test_insert_of_an_existing_id_is_an_update_against_version_0(
    server: Server, world: dict[str, Any]
) -> None:
    a1, a2 = server.device("repA"), server.device("repA")
    sid = str(uuid.uuid4())
    a1.push(a1.mut("shops", sid, "insert", **shop_fields(world, "repA")))
    r = a2.push(a2.mut("shops", sid, "insert", **shop_fields(world, "repA", name="别的")))[0]
    assert r["status"] == "conflict"
    assert [c.field for c in _conflicts(server)] == ["name"]


def test_rejections_never_block_the_next_mutation(server: Server, world: dict[str, Any]) -> None:
    rep_a, rep_b = server.device("repA"), server.device("repB")
    b_shop = str(uuid.uuid4())
    assert rep_b.push(rep_b.mut("shops", b_shop, "insert", **shop_fields(world, "repB")))[0][
        "status"
    ] == ("applied")
    sid = str(uuid.uuid4())
    visit = str(uuid.uuid4())
    bad_and_good = [
        (rep_a.mut("nope", sid, "insert", name="x"), ("unknown_table", None)),
        (rep_a.mut("shops", sid, "insert", colour="red"), ("unknown_field", "colour")),
        (rep_a.mut("shops", sid, "insert", **shop_fields(world, "repA", tier="Z")), None),
        (rep_a.mut("shops", sid, "insert", **shop_fields(world, "repA", name=5)), None),
        (rep_a.mut("shops", sid, "insert", **shop_fields(world, "repA", version=3)), None),
        (rep_a.mut("shops", b_shop, base=1, name="偷改"), ("not_found", None)),
        (rep_a.mut("shops", str(uuid.uuid4()), base=1, name="无"), ("not_found", None)),
        (rep_a.mut("shops", sid, "insert", **shop_fields(world, "repB")), ("not_found", "rep_id")),
        (rep_a.mut("shops", sid, "insert", **shop_fields(world, "repA")), "applied"),
        (
            rep_a.mut(
                "visits",
                visit,
                "insert",
                shop_id=sid,
                planned_date="2026-11-25",
                review_status="draft",
            ),
            "applied",
        ),
        (
            rep_a.mut("visits", visit, base=UP_TO_DATE, review_status="approved"),
            ("forbidden", None),
        ),
        (rep_a.mut("visits", visit, base=UP_TO_DATE, supervisor_comment="好"), ("forbidden", None)),
        (
            rep_a.mut("visits", visit, base=UP_TO_DATE, planned_date="2026-13-01"),
            ("invalid_date", None),
        ),
        (rep_a.mut("visits", visit, base=UP_TO_DATE, review_status="submitted"), "applied"),
    ]
    results = rep_a.push(*(m for m, _ in bad_and_good))
    codes = {
        2: ("invalid_choice", "tier"),
        3: ("invalid_type", "name"),
        4: ("read_only", "version"),
        10: ("forbidden", "review_status"),
        11: ("forbidden", "supervisor_comment"),
        12: ("invalid_date", "planned_date"),
    }
    for i, ((_, expected), got) in enumerate(zip(bad_and_good, results, strict=True)):
        if expected == "applied":
            assert got["status"] == "applied", (i, got)
            continue
        assert got["status"] == "rejected", (i, got)
        want = codes.get(i, expected)
        assert want is not None
        assert got["error"]["code"] == want[0], (i, got)
        if want[1] is not None:
            assert got["error"]["field"] == want[1], (i, got)
    assert _row(server, "shops", b_shop).data["name"] == "鑫旺便利店"
    # Out of scope and missing look the same: nothing leaks.
    assert results[5]["error"] == results[6]["error"]
    # The team's supervisor may review.
    sup = server.device("supA")
    r = sup.push(
        sup.mut(
            "visits", visit, base=UP_TO_DATE, supervisor_comment="很好", reviewed_by=world["supA"]
        )
    )[0]
    assert r["status"] == "applied", r
    # Another team's supervisor cannot even see it.
    sup_b = server.device("supB")
    assert sup_b.push(sup_b.mut("visits", visit, base=UP_TO_DATE, supervisor_comment="x"))[0][
        "error"
    ]["code"] == ("not_found")


def test_push_for_another_device_is_refused(server: Server, world: dict[str, Any]) -> None:
    dev = server.device("repA")
    r = server.client.post(
        "/v1/push", json={"device_id": "someone-else", "mutations": []}, headers=dev.headers
    )
    assert r.status_code == 403 and r.json()["error"]["code"] == "device_mismatch"
