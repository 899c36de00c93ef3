"""A push costs a fixed few statements, not one round of queries per mutation
(service/batch.py): the rows it names are read at once; the rows it writes, the device
state, the answers, the change log and the verify sums are written once per push; no
savepoint is taken for a mutation the rules refuse before it writes; and a query the
cache cannot answer still sees the push's own earlier writes. Counted, not timed (the
time is benchmarks/load_bench.py's)."""

from __future__ import annotations

import threading
import uuid
from typing import Any
from unittest import mock

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sync_harness import Server, shop_fields

from sync.server import service
from sync.server.db import change_log, conflicts, mutation_results, rows, scope_sums


def _statements(server: Server, work: Any) -> tuple[int, Any]:
    """The statements ``service.push`` sends while ``work`` runs (not the token check
    before it, nor the device's last error noted after the answer)."""
    seen: list[str] = []
    pushing = threading.Event()
    real = service.push

    def counted(*args: Any, **kwargs: Any) -> Any:
        pushing.set()
        try:
            return real(*args, **kwargs)
        finally:
            pushing.clear()

    def count(_conn: Any, _cur: Any, statement: str, *_args: Any) -> None:
        # The token check runs inside ``service.push`` now (in the push's own
        # transaction on PostgreSQL, a reading one before it on SQLite): not counted.
        if pushing.is_set() and "token_hash" not in statement and statement != "BEGIN":
            seen.append(statement)

    event.listen(server.engine, "before_cursor_execute", count)
    try:
        with mock.patch.object(service, "push", counted):
            result = work()
    finally:
        event.remove(server.engine, "before_cursor_execute", count)
    return len(seen), result


def test_a_push_of_fifty_costs_a_few_statements_per_mutation(
    server: Server, world: dict[str, Any]
) -> None:
    dev = server.device("repA")
    shops = [str(uuid.uuid4()) for _ in range(10)]
    dev.push(*(dev.mut("shops", s, "insert", **shop_fields(world, "repA")) for s in shops))
    with server.engine.connect() as c:
        versions = dict(
            c.execute(
                sa.select(rows.c.row_id, rows.c.version).where(rows.c.row_id.in_(shops))
            ).all()
        )
    muts = []
    for i in range(50):
        kind = i % 3
        if kind == 0:
            muts.append(dev.mut("shops", str(uuid.uuid4()), "insert", **shop_fields(world, "repA")))
        elif kind == 1:
            s = shops[i % 10]
            muts.append(dev.mut("shops", s, "update", versions[s], notes=f"第{i}次"))
        else:
            muts.append(dev.mut("shops", str(uuid.uuid4()), "update", 0, notes="不存在"))
    n, answers = _statements(server, lambda: dev.push(*muts))
    assert all(a["status"] == "rejected" for a in answers[2::3])  # refused, isolated
    assert all(a["status"] in ("applied", "conflict") for a in answers[0::3] + answers[1::3])
    # Today a fixed dozen whatever the number of mutations (locks, device state, the
    # batch's rows read, new rows, changed rows, change log, sums, answers); it was
    # about 16 per mutation, then about 3.
    assert n <= 15, n
    with server.engine.connect() as c:  # what was written once per push is all there
        stored = c.execute(sa.select(sa.func.count()).select_from(mutation_results)).scalar()
        logged = c.execute(
            sa.select(sa.func.count())
            .select_from(change_log)
            .where(change_log.c.table_name == "shops")
        ).scalar()
        shop_sum = c.execute(
            sa.select(scope_sums.c.row_count).where(
                scope_sums.c.team_key == world["A"], scope_sums.c.table_name == "shops"
            )
        ).scalar()
    assert stored == 1 + 10 + 50  # the world's county, the first ten shops, these
    assert logged == 10 + 17  # one entry per shop (inserted, or updated again)
    assert shop_sum == 10 + 17


def test_a_mutation_refused_after_it_wrote_is_still_isolated(
    server: Server, world: dict[str, Any], monkeypatch: Any
) -> None:
    """No rule refuses after writing today; should one, the push starts over with a
    savepoint per mutation: the refused mutation's writes are undone, the others stand.
    (A rule is replaced by one that writes, then refuses a marked shop.)"""
    import importlib

    from sync.server.service.core import Reject

    push_module = importlib.import_module("sync.server.service.push")

    real = push_module._check_refs

    def writes_then_refuses(conn: Any, caller: Any, spec: Any, new: dict[str, Any]) -> None:
        real(conn, caller, spec, new)
        if new.get("name") == "写了又拒":
            conn.execute(sa.delete(mutation_results))  # a write the refusal must undo
            raise Reject("invalid_format", "name")

    monkeypatch.setattr(push_module, "_check_refs", writes_then_refuses)
    dev = server.device("repA")
    a, b, c = (str(uuid.uuid4()) for _ in range(3))
    answers = dev.push(
        dev.mut("shops", a, "insert", **shop_fields(world, "repA")),
        dev.mut("shops", b, "insert", **shop_fields(world, "repA", name="写了又拒")),
        dev.mut("shops", c, "insert", **shop_fields(world, "repA")),
    )
    assert [x["status"] for x in answers] == ["applied", "rejected", "applied"]
    with server.engine.connect() as conn:
        stored = conn.execute(sa.select(sa.func.count()).select_from(mutation_results)).scalar()
        ids = set(
            conn.execute(sa.select(rows.c.row_id).where(rows.c.table_name == "shops")).scalars()
        )
    assert stored == 1 + 3  # the county's answer survived the refused mutation's delete
    assert ids == {a, c}


def test_queries_in_a_push_see_its_own_earlier_writes(
    server: Server, world: dict[str, Any]
) -> None:
    """Rows written by a push are kept until its end, but a rule that asks the database
    (a delete's referrers, the shop-code check) sees them: the batch writes what it kept
    first."""
    dev = server.device("repA")
    shop, visit, twin = (str(uuid.uuid4()) for _ in range(3))
    answers = dev.push(
        dev.mut("shops", shop, "insert", **shop_fields(world, "repA", code="SC-1")),
        dev.mut(
            "visits", visit, "insert", shop_id=shop, rep_id=world["repA"],
            planned_date="2026-12-07", review_status="draft",
        ),
        dev.mut("shops", shop, "delete"),  # the visit must refer to it: a conflict
        dev.mut("shops", twin, "insert", **shop_fields(world, "repA", code="sc-1")),
    )  # fmt: skip
    assert [a["status"] for a in answers] == ["applied", "applied", "conflict", "rejected"]
    assert answers[3]["error"] == {"code": "duplicate", "field": "code"}
    with server.engine.connect() as c:
        kept = dict(
            c.execute(
                sa.select(rows.c.row_id, rows.c.deleted).where(
                    rows.c.row_id.in_([shop, visit, twin])
                )
            ).all()
        )
    assert kept == {shop: False, visit: False}


def test_deletes_read_their_referrers_once_per_push(server: Server, world: dict[str, Any]) -> None:
    """The rows that refer to what a push deletes are read in one query at its start
    (integrity.prefetch_referrers); with the push's own writes since, they decide each
    delete as the database would: a part stored before goes with its row, so does a part
    written earlier in the same push, an optional reference is cleared, and a row that
    must refer to it makes the delete a conflict."""
    admin, dev = server.device("admin"), server.device("repA")
    product = str(uuid.uuid4())
    admin.push(admin.mut("products", product, "insert", name="青花瓷 52度"))
    shop = str(uuid.uuid4())
    v1, v2, v3, v4, line1, line2, koc = (str(uuid.uuid4()) for _ in range(7))

    def visit(row_id: str) -> dict[str, Any]:
        return dev.mut(
            "visits", row_id, "insert", shop_id=shop, rep_id=world["repA"],
            planned_date="2026-12-07", review_status="draft",
        )  # fmt: skip

    def line(row_id: str, visit_id: str) -> dict[str, Any]:
        return dev.mut(
            "order_lines", row_id, "insert", visit_id=visit_id, product_id=product, quantity=6
        )

    first = dev.push(
        dev.mut("shops", shop, "insert", **shop_fields(world, "repA")),
        visit(v1), line(line1, v1), visit(v3), visit(v4),
        dev.mut("kocs", koc, "insert", county_id=world["county"], source_visit_id=v3,
                name="李姐", stage="spotted", consent=False, trait_acquaintances=3,
                trait_trying=3, trait_sharing=3, trait_expertise=3),
    )  # fmt: skip
    assert {a["status"] for a in first} == {"applied"}, first
    deletes = [
        dev.mut("visits", v1, "delete"),  # its stored order line goes with it
        visit(v2),
        line(line2, v2),
        dev.mut("visits", v2, "delete"),  # so does the one written just before
        dev.mut("visits", v3, "delete"),  # the KOC's optional source is cleared
        dev.mut("visits", v4, "delete"),
    ]
    selects: list[str] = []

    def count(_conn: Any, _cur: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "FROM rows" in statement:
            selects.append(statement)

    event.listen(server.engine, "before_cursor_execute", count)
    try:
        answers = dev.push(*deletes)
    finally:
        event.remove(server.engine, "before_cursor_execute", count)
    assert [a["status"] for a in answers] == ["applied"] * 6, answers
    # The batch's rows and the deletes' referrers: two reads of ``rows``, not two more
    # per delete.
    assert len(selects) == 2, selects
    with server.engine.connect() as c:
        state = {
            r.row_id: (r.deleted, r.data.get("source_visit_id"))
            for r in c.execute(
                sa.select(rows).where(rows.c.row_id.in_([v1, v2, v3, v4, line1, line2, koc]))
            )
        }
    assert state == {
        v1: (True, None), v2: (True, None), v3: (True, None), v4: (True, None),
        line1: (True, None), line2: (True, None), koc: (False, None),
    }  # fmt: skip


def test_conflicts_of_a_push_are_written_at_once(server: Server, world: dict[str, Any]) -> None:
    """Twenty field conflicts in one push cost no statement each: their ids are drawn
    ahead and the conflicts written in one insert before commit. Each answer names its
    own conflict, stored and published as a synced row under that id."""
    phone, laptop = server.device("repA"), server.device("repA")
    shops = [str(uuid.uuid4()) for _ in range(20)]
    phone.push(*(phone.mut("shops", s, "insert", **shop_fields(world, "repA")) for s in shops))
    phone.push(*(phone.mut("shops", s, "update", 10**9, notes="手机上改的") for s in shops))
    stale = [laptop.mut("shops", s, "update", 1, notes="电脑上改的") for s in shops]
    n, answers = _statements(server, lambda: laptop.push(*stale))
    assert [a["status"] for a in answers] == ["conflict"] * 20
    ids = [a["conflict_id"] for a in answers]
    assert len(set(ids)) == 20
    assert n <= 17, n  # the dozen of any push, the ids drawn, the conflicts written
    with server.engine.connect() as c:
        stored = dict(
            c.execute(
                sa.select(conflicts.c.id, conflicts.c.row_id).where(conflicts.c.id.in_(ids))
            ).all()
        )
        published = set(
            c.execute(
                sa.select(rows.c.row_id).where(
                    rows.c.table_name == "conflicts", rows.c.row_id.in_([str(i) for i in ids])
                )
            ).scalars()
        )
    assert stored == dict(zip(ids, shops, strict=True))
    assert published == {str(i) for i in ids}


def test_records_written_at_once_are_stored_as_sqlalchemy_writes_them(server: Server) -> None:
    """``batch.insert_many`` (PostgreSQL: one statement whose one parameter is the records
    as a JSON array) stores every column as SQLAlchemy's ``executemany`` does, JSON text
    included (JSON null, non-ASCII, nested values, big numbers, NUL), in the order given."""
    from sync.server.service import batch

    value: dict[str, Any] = {"a": '中文 "q" \\ \n 😀', "n": None, "f": 1.5, "big": 2**62,
                             "fl": 1e16, "l": [1, "x", None, {"k": []}], "e": {},
                             "t": True}  # fmt: skip
    records: dict[sa.Table, list[dict[str, Any]]] = {
        rows: [
            {"table_name": "shops", "row_id": f"r{i}", "team_id": None if i % 2 else "t1",
             "data": value | {"i": i}, "version": 2**40 + i, "deleted": bool(i % 3),
             "field_versions": {"a": [i, "u", None]}, "created_at": "2026-12-07T10:00:00Z",
             "updated_at": "x'y", "created_by": None, "updated_by": "u1"}
            for i in range(4)
        ],
        conflicts: [
            {"id": i + 1, "table_name": "shops", "row_id": "r", "team_id": None, "field": "a",
             "winning_value": None if i == 0 else value, "losing_value": "s",
             "winning_user": None, "losing_user": "u", "winning_device": None,
             "losing_device": "d", "winning_seq": None, "losing_seq": i, "kind": "field",
             "client_created_at": None, "resolved": bool(i)}
            for i in range(3)
        ],
        mutation_results: [
            {"device_id": "d", "seq": i, "mutation_id": "m", "answer": {"error": None, "x": "é"}}
            for i in range(3)
        ],
        change_log: [
            {"seq": 10 - i, "table_name": "shops", "row_id": f"r{i}",
             "team_id": None if i else "t", "op": "upsert"}
            for i in range(4)
        ],
    }  # fmt: skip
    replaced = [r | {"data": {"z": "中"}, "version": 7} for r in records[rows][:2]]

    def stored(at_once: bool, sent: bool = False) -> list[Any]:
        with server.engine.begin() as c:
            send = batch.sender(c) if sent else None  # PostgreSQL: queued, sent at once
            for table, recs in records.items():
                if at_once:
                    batch.insert_many(c, table, recs, send=send)
                else:
                    c.execute(sa.insert(table), recs)
            if at_once:
                batch.insert_many(c, rows, replaced, upsert=True, send=send)
            else:
                c.execute(batch._upsert(c), replaced)
            if send is not None:
                send.drain()
            found = []
            for table in records:
                cols = [sa.cast(col, sa.Text) for col in table.c if col.name != "id"]
                found.append(c.execute(sa.select(*cols).order_by(*table.primary_key)).all())
            for table in records:
                c.execute(sa.delete(table))
            return found

    first = stored(False)
    assert stored(True) == first
    assert stored(True, sent=True) == first
    # A NUL in a JSON value (an answer naming a rejected field "\x00"): kept as well.
    records[mutation_results][1]["answer"] = {"error": {"field": "\x00"}}
    first = stored(False)
    assert stored(True) == first
    assert stored(True, sent=True) == first


def test_verify_sums_are_added_modulo_two_to_the_64(server: Server) -> None:
    """``batch.write_sums`` (PostgreSQL: one upsert that adds in the database, no read;
    SQLite: read, add, write) keeps each sum modulo 2**64 as a signed 64-bit integer,
    across both ends of the range, for keys already there and new ones, queued and sent
    at once too."""
    from sync.server.service import batch

    top, low = 2**63 - 1, -(2**63)
    start = {("t1", "shops"): (5, top - 1, low + 1), ("t2", "shops"): (1, low, top)}
    deltas = {
        ("t1", "shops"): [2, 5, -3],  # past the top, past the bottom
        ("t2", "shops"): [-1, -(2**64) - 1, 2**65 + 1],  # big deltas: their value mod 2**64
        ("", "visits"): [3, 2**64 + 7, -7],  # a new key
        ("t3", "shops"): [0, 2**64, 0],  # nothing changes: not written
    }
    expected = {
        ("t1", "shops"): (7, batch._signed64(top - 1 + 5), batch._signed64(low + 1 - 3)),
        ("t2", "shops"): (0, batch._signed64(low - 2**64 - 1), batch._signed64(top + 2**65 + 1)),
        ("", "visits"): (3, 7, -7),
    }
    for sent in (False, True):
        with server.engine.begin() as c:
            c.execute(sa.delete(scope_sums))
            c.execute(
                sa.insert(scope_sums),
                [
                    {"team_key": t, "table_name": n, "row_count": a, "checksum": b, "content": d}
                    for (t, n), (a, b, d) in start.items()
                ],
            )
            send = batch.sender(c) if sent else None
            batch.write_sums(c, {k: list(v) for k, v in deltas.items()}, send=send)
            if send is not None:
                send.drain()
            found = {
                (r.team_key, r.table_name): (r.row_count, r.checksum, r.content)
                for r in c.execute(sa.select(scope_sums))
            }
            c.execute(sa.delete(scope_sums))
        assert found == expected


def test_writes_sent_at_once_fail_as_sqlalchemy_errors(server: Server) -> None:
    """PostgreSQL: a write of the one round trip that fails (here a deadlock PostgreSQL
    broke) comes as SQLAlchemy's error with its SQLSTATE, which ``retry_deadlocks`` looks
    for, and what was sent before it in the transaction is rolled back."""
    from sync.server.service import batch

    if server.engine.dialect.name != "postgresql":
        pytest.skip("SQLite writes one statement at a time")
    with server.engine.begin() as c:
        c.execute(
            sa.insert(mutation_results).values(device_id="d", seq=1, mutation_id="m", answer={})
        )
    failing = "DO $$ BEGIN RAISE EXCEPTION 'broken' USING ERRCODE = '40P01'; END $$"
    with pytest.raises(sa.exc.OperationalError) as caught, server.engine.begin() as c:
        send = batch.Sender(c)
        send.add("DELETE FROM mutation_results", {})
        send.add(failing, {})
        send.drain()
    assert getattr(caught.value.orig, "sqlstate", None) == "40P01"
    with server.engine.connect() as c:
        assert c.execute(sa.select(sa.func.count()).select_from(mutation_results)).scalar() == 1
