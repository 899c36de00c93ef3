"""Pull paging, scope, team moves (``left``), and verify against a client-side checksum."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

import sqlalchemy as sa
from alembic import command
from sync_harness import Server, shop_fields

from sync import protocol as p
from sync.server import service
from sync.server.db import scope_sums
from sync.server.migrate import alembic_config, upgrade_engine


def test_pull_pages_in_order_and_only_the_team(server: Server, world: dict[str, Any]) -> None:
    rep_a, rep_b = server.device("repA"), server.device("repB")
    a_ids = [str(uuid.uuid4()) for _ in range(7)]
    b_id = str(uuid.uuid4())
    for sid in a_ids[:4]:
        rep_a.push(rep_a.mut("shops", sid, "insert", **shop_fields(world, "repA")))
    rep_b.push(rep_b.mut("shops", b_id, "insert", **shop_fields(world, "repB")))
    for sid in a_ids[4:]:
        rep_a.push(rep_a.mut("shops", sid, "insert", **shop_fields(world, "repA")))
    pages = []
    cursor = 0
    while True:
        page = rep_a.pull(cursor, limit=3)
        pages.append(page)
        assert page["cursor"] >= cursor
        cursor = page["cursor"]
        if not page["more"]:
            break
    changes = [c for page in pages for c in page["changes"]]
    seqs = [c["seq"] for c in changes]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert all(len(page["changes"]) <= 3 for page in pages) and len(pages) >= 3
    shops = [c["row_id"] for c in changes if c["table"] == "shops"]
    assert shops == a_ids  # in commit order; team B's shop is not there
    tables = {c["table"] for c in changes}
    assert tables == {"teams", "users", "counties", "shops"}
    assert {c["row_id"] for c in changes if c["table"] == "teams"} == {world["A"]}
    # Nothing new after the last cursor; one entry per row (its current state).
    assert rep_a.pull(cursor)["changes"] == []
    rep_a.push(rep_a.mut("shops", a_ids[0], base=10_000, name="改名"))
    again = rep_a.pull_all()
    assert [c["row_id"] for c in again if c["table"] == "shops"] == [*a_ids[1:], a_ids[0]]
    assert again[-1]["row"]["name"] == "改名"
    assert rep_a.pull(cursor)["changes"] == [again[-1]]
    # Admins see everything.
    admin = server.device("admin")
    assert {c["row_id"] for c in admin.pull_all() if c["table"] == "shops"} == {*a_ids, b_id}


def test_a_row_moving_team_leaves_the_old_team(server: Server, world: dict[str, Any]) -> None:
    rep_a, rep_b, admin = server.device("repA"), server.device("repB"), server.device("admin")
    sid = str(uuid.uuid4())
    rep_a.push(rep_a.mut("shops", sid, "insert", **shop_fields(world, "repA")))
    cursor_a = rep_a.pull_all()[-1]["seq"]
    cursor_b = rep_b.pull_all()[-1]["seq"]
    moved = admin.push(admin.mut("shops", sid, base=10_000, rep_id=world["repB"]))[0]
    assert moved["status"] == "applied"
    (left,) = rep_a.pull(cursor_a)["changes"]
    assert (left["op"], left["row_id"], left["row"]) == ("left", sid, None)
    (arrived,) = rep_b.pull(cursor_b)["changes"]
    assert (arrived["op"], arrived["row_id"]) == ("upsert", sid)
    assert arrived["row"]["rep_id"] == world["repB"]
    # A later edit in team B does not take the `left` entry away from team A's log.
    rep_b.push(rep_b.mut("shops", sid, base=10_000, name="乙店"))
    assert [c["op"] for c in rep_a.pull(cursor_a)["changes"]] == ["left"]
    assert rep_a.push(rep_a.mut("shops", sid, base=10_000, name="x"))[0]["status"] == "rejected"
    # Admin pulls never carry `left` entries.
    assert all(c["op"] == "upsert" for c in admin.pull_all())


def _client_checksums(
    changes: list[dict[str, Any]], *, content: bool = True
) -> dict[str, dict[str, int]]:
    """What the client computes over its rows with version > 0 (docs/sync-protocol.md)."""
    local: dict[tuple[str, str], dict[str, Any]] = {}
    for c in changes:
        if c["op"] == "left":
            local.pop((c["table"], c["row_id"]), None)
        else:
            local[(c["table"], c["row_id"])] = c["row"]
    out = {t: {"count": 0, "checksum": 0} for t in p.TABLES}
    for (table, row_id), row in local.items():
        if content:  # the rows' content (schema 3 on)
            h = p.row_hash(table, row_id, row["version"], row["deleted"], row)
        else:  # ids and versions, for older clients
            digest = hashlib.sha256(f"{row_id}:{row['version']}".encode()).digest()
            h = int.from_bytes(digest[:8], "big")
        out[table]["count"] += 1
        out[table]["checksum"] = (out[table]["checksum"] + h) % 2**64
    return out


def test_verify_matches_a_client_side_computation(server: Server, world: dict[str, Any]) -> None:
    rep_a, admin = server.device("repA"), server.device("admin")
    ids = [str(uuid.uuid4()) for _ in range(5)]
    for sid in ids:
        rep_a.push(rep_a.mut("shops", sid, "insert", **shop_fields(world, "repA")))
    rep_a.push(rep_a.mut("shops", ids[0], "delete", base=10_000))  # tombstones count too
    admin.push(admin.mut("shops", ids[1], base=10_000, rep_id=world["repB"]))
    pulled = rep_a.pull_all()
    r = rep_a.get("/v1/verify")
    assert r.status_code == 200
    assert r.json()["tables"] == _client_checksums(pulled)
    assert r.json()["tables"]["shops"]["count"] == 4
    assert admin.get("/v1/verify").json()["tables"] == _client_checksums(admin.pull_all())


def _busy_history(server: Server, world: dict[str, Any]) -> None:
    """Inserts, edits, a delete, a conflict, a shop moving team and a user moving team."""
    rep_a, rep_b, admin = server.device("repA"), server.device("repB"), server.device("admin")
    other_a = server.device("repA")
    ids = [str(uuid.uuid4()) for _ in range(6)]
    for sid in ids:
        rep_a.push(rep_a.mut("shops", sid, "insert", **shop_fields(world, "repA")))
    rep_b.push(rep_b.mut("shops", str(uuid.uuid4()), "insert", **shop_fields(world, "repB")))
    rep_a.push(rep_a.mut("shops", ids[0], base=10_000, name="改名店"))
    rep_a.push(rep_a.mut("shops", ids[1], "delete", base=10_000))
    (answer,) = other_a.push(other_a.mut("shops", ids[0], base=1, name="另一名"))
    assert answer["status"] == "conflict"  # publishes a synced conflicts row
    admin.push(admin.mut("shops", ids[2], base=10_000, rep_id=world["repB"]))
    admin.push(admin.mut("counties", world["county"], base=10_000, koc_target=60))
    # the CLI's way of moving a user to another team: repA's shops go with them
    assert service.move_user(server.engine, "repA", "B", server.clock()) > 0


def test_running_verify_sums_equal_a_recount_of_the_rows(
    server: Server, world: dict[str, Any]
) -> None:
    _busy_history(server, world)
    for name in ("repA", "repB", "supA", "supB", "admin"):
        device = server.device(name)
        caller = service.authenticate(server.engine, device.token, server.clock())
        expected = service.verify_by_rows(server.engine, caller)
        assert service.verify(server.engine, caller) == expected, name
        answer = device.get("/v1/verify").json()
        assert answer == expected.model_dump(mode="json", exclude_none=True), name
        # every shop went to team B with repA: team A's supervisor is left with none
        assert (expected.tables["shops"].count == 0) == (name == "supA"), name


def test_the_migration_backfills_the_running_sums(server: Server, world: dict[str, Any]) -> None:
    _busy_history(server, world)
    admin = server.device("admin")
    caller = service.authenticate(server.engine, admin.token, server.clock())
    before = service.verify(server.engine, caller)
    cfg = alembic_config()
    with server.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
    with server.engine.connect() as conn:
        assert "scope_sums" not in sa.inspect(conn).get_table_names()
    upgrade_engine(server.engine)
    assert service.verify(server.engine, caller) == before
    assert before.tables["shops"].count == 7


def test_rebuilding_the_sums_gives_what_the_writes_kept(
    server: Server, world: dict[str, Any]
) -> None:
    _busy_history(server, world)
    admin = server.device("admin")
    caller = service.authenticate(server.engine, admin.token, server.clock())
    kept = service.verify(server.engine, caller)
    with server.engine.begin() as conn:
        conn.execute(sa.delete(scope_sums))
    assert service.verify(server.engine, caller) != kept
    with server.engine.begin() as conn:
        service.rebuild_scope_sums(conn)
    assert service.verify(server.engine, caller) == kept


def test_verify_sums_content_and_older_clients_get_ids_and_versions(
    server: Server, world: dict[str, Any]
) -> None:
    """Schema 3 on, verify's checksum covers every synced field: two rows with the same
    id and version but another value differ (an edit head office refused, kept on a
    device, was invisible before). A client of schema 2 still gets ids and versions."""
    rep_a = server.device("repA")
    sid = str(uuid.uuid4())
    rep_a.push(rep_a.mut("shops", sid, "insert", **shop_fields(world, "repA")))
    pulled = rep_a.pull_all()
    assert rep_a.get("/v1/verify").json()["tables"] == _client_checksums(pulled)
    # The same id and version with another name is another checksum.
    (shop,) = [c for c in pulled if c["row_id"] == sid]
    other = [*pulled, {**shop, "row": {**shop["row"], "name": "别的名字"}}]
    assert _client_checksums(other)["shops"] != _client_checksums(pulled)["shops"]
    older = rep_a.headers | {p.SCHEMA_HEADER: "2"}
    r = server.client.get("/v1/verify", headers=older)
    assert r.status_code == 200, r.text
    expected = _client_checksums(pulled, content=False)
    hidden = {t for t, f in p.hidden_from(2).items() if not f}
    assert r.json()["tables"] == {t: s for t, s in expected.items() if t not in hidden}
