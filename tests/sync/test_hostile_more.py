"""More hostile input, beyond test_hostile.py: SQL and path fragments in every string the
server reads (ids, table and field names, values, login fields, query parameters, the
photo path), unknown tables and fields, numbers at and past every bound, wrong JSON types,
duplicated and reordered mutations, and writes aimed at another team's rows.

Each request-level refusal is a 4xx whose body names a code and says what is wrong in a
message; each refused mutation is a ``rejected`` answer with a code; and nothing that
was refused changes the server (change counter, change log, rows, blobs, files).
A value that is valid text (``'; DROP TABLE rows; --``) is stored verbatim.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from sync_harness import Device, Server, shop_fields

from sync import protocol as p
from sync.server import service
from sync.server.db import change_log, photos_blobs, rows

SQL = [
    "'; DROP TABLE rows; --",
    '" OR 1=1 --',
    "shops WHERE 1=1; DELETE FROM rows",
    "1; UPDATE sync_counter SET value = 0",
    "x' UNION SELECT token_hash FROM devices --",
]
PATHS = ["../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/shadow", "a/../../b", "%2e%2e%2f"]
ODD = ["\x00", "\u202e\u0644", "\ud7ff" * 3, "😀" * 20, " ", "\n\r\t"]
HOSTILE_STRINGS = SQL + PATHS + ODD


def state(server: Server) -> tuple[Any, ...]:
    with server.engine.connect() as c:
        counter = service.last_seq(c)
        log = c.execute(sa.select(sa.func.count()).select_from(change_log)).scalar_one()
        data = sorted(
            (r.table_name, r.row_id, r.version, json.dumps(r.data, sort_keys=True))
            for r in c.execute(sa.select(rows))
        )
        blobs = c.execute(sa.select(sa.func.count()).select_from(photos_blobs)).scalar_one()
    files = sorted(str(f) for f in server.app.state.photos.root.rglob("*"))
    return counter, log, data, blobs, files


def tables_intact(server: Server) -> None:
    names = set(sa.inspect(server.engine).get_table_names())
    assert {"rows", "devices", "users", "change_log", "sync_counter"} <= names


def clear_error(r: Any) -> dict[str, Any]:
    assert 400 <= r.status_code < 500, (r.status_code, r.text)
    err = r.json()["error"]
    assert isinstance(err["code"], str) and err["code"], r.text
    assert isinstance(err["message"], str) and err["message"].strip(), r.text
    return dict(err)


@pytest.fixture
def rep(server: Server, world: dict[str, Any]) -> Device:
    return server.device("repA")


@pytest.fixture
def shop(rep: Device, world: dict[str, Any]) -> str:
    sid = str(uuid.uuid4())
    assert (
        rep.push(rep.mut("shops", sid, "insert", **shop_fields(world, "repA")))[0]["status"]
        == "applied"
    )
    return sid


# --------------------------------------------------------------------------- strings


def test_sql_and_path_fragments_in_ids_tables_and_fields_are_rejected(
    server: Server, rep: Device, shop: str
) -> None:
    before = state(server)
    muts = []
    for s in HOSTILE_STRINGS:
        muts.append(rep.mut(s[:64] or "x", shop, base=1, name="x"))  # table
        muts.append(rep.mut("shops", shop, base=1, **{s[:64]: "x"}))  # field
        muts.append(rep.mut("shops", s[:64], base=1, name="x"))  # row id (update)
        muts.append(rep.mut("owners", str(uuid.uuid4()), "insert", shop_id=s, name="x", level=1))
    answers = rep.push(*muts)
    assert len(answers) == len(muts)
    for m, a in zip(muts, answers, strict=True):
        assert a["status"] == "rejected", (m, a)
        assert a["error"]["code"] in ("unknown_table", "unknown_field", "not_found", "required"), a
    tables_intact(server)
    # only the device's bookkeeping moved (last seq and stored answers), no data
    after = state(server)
    assert after[1:] == before[1:]


def test_sql_fragments_as_values_are_stored_verbatim(
    server: Server, rep: Device, shop: str, world: dict[str, Any]
) -> None:
    for s in SQL + PATHS + ["😀" * 20, "\u202e\u0644"]:
        a = rep.push(rep.mut("shops", shop, base=10**9, notes=s))[0]
        assert a["status"] == "applied", a
        with server.engine.connect() as c:
            data = c.execute(
                sa.select(rows.c.data).where(rows.c.table_name == "shops", rows.c.row_id == shop)
            ).scalar_one()
        assert data["notes"] == s
    tables_intact(server)
    # new rows whose ids are odd but valid text are kept as they are, in scope
    odd_id = "'; DROP TABLE rows; --"
    a = rep.push(rep.mut("shops", odd_id, "insert", **shop_fields(world, "repA")))[0]
    assert a["status"] == "applied"
    assert any(c["row_id"] == odd_id for c in rep.pull_all())
    other = server.device("repB")
    assert not any(c["row_id"] == odd_id for c in other.pull_all())


def test_nul_and_control_characters_in_values(server: Server, rep: Device, shop: str) -> None:
    """PostgreSQL cannot store NUL in text or JSON; whatever the backend, the answer is
    an answer (applied or rejected), never a 5xx."""
    for value in ("\x00", "a\x00b", "\x1b[31m", "\ud7ff"):
        r = rep.push_raw(rep.mut("shops", shop, base=10**9, notes=value))
        assert r.status_code == 200, (value, r.status_code, r.text)
        assert r.json()["results"][0]["status"] in ("applied", "rejected")


def test_login_with_injection_in_fields(server: Server, world: dict[str, Any]) -> None:
    before = state(server)
    for username in SQL + PATHS + ["repA' --", "REPA", "repA\n"]:
        for body in (
            {"username": username, "password": "x' OR '1'='1", "device_id": "d-1"},
            {"username": "repA", "password": username, "device_id": "d-2"},
            {"username": "repA", "password": "nope nope", "device_id": username[:64]},
        ):
            r = server.client.post("/v1/login", json=body, headers=server.headers)
            if r.status_code == 429:  # throttled, not checked: wait it out, try again
                server.clock.now += int(r.headers["Retry-After"])
                r = server.client.post("/v1/login", json=body, headers=server.headers)
            assert r.status_code in (401, 422), (body, r.status_code, r.text)
            clear_error(r)
    assert state(server) == before


def test_photo_paths_with_traversal_or_sql(server: Server, rep: Device) -> None:
    before = state(server)
    for bad in PATHS + SQL + ["A" * 64, "0" * 63, "0" * 65, "..", "%00", "%2F" * 3]:
        for method in ("HEAD", "GET", "PATCH"):
            headers = rep.headers | {p.UPLOAD_OFFSET_HEADER: "0", p.UPLOAD_LENGTH_HEADER: "3"}
            r = server.client.request(method, f"/v1/photos/{bad}", content=b"abc", headers=headers)
            assert r.status_code in (404, 405, 422), (method, bad, r.status_code)
            if method != "HEAD":
                clear_error(r)
    assert state(server) == before


def test_query_parameters_with_injection(server: Server, rep: Device) -> None:
    for params in (
        {"cursor": "0; DROP TABLE rows"},
        {"cursor": "0 OR 1=1"},
        {"limit": "1 UNION SELECT 1"},
        {"cursor": "1e3"},
        {"cursor": "0x10"},
        {"limit": str(p.MAX_PULL_LIMIT + 1)},
        {"cursor": str(2**63)},
    ):
        r = server.client.get("/v1/pull", params=params, headers=rep.headers)
        assert r.status_code == 422, (params, r.text)
        assert clear_error(r)["field"] in ("cursor", "limit")
    tables_intact(server)


# --------------------------------------------------------------------------- numbers and types


def test_numbers_at_and_past_every_bound(server: Server, rep: Device, shop: str) -> None:
    # GPS comes in pairs (head office refuses half a pair: gps_incomplete)
    cases: list[tuple[dict[str, Any], str | None]] = [
        ({"latitude": 90.0000001, "longitude": 0.0}, "out_of_range"),
        ({"latitude": -90.0000001, "longitude": 0.0}, "out_of_range"),
        ({"latitude": 0.0, "longitude": 1e308}, "out_of_range"),
        ({"latitude": 5e-324, "longitude": 0.0}, None),
        ({"latitude": 90, "longitude": -180}, None),
        ({"latitude": True, "longitude": 0.0}, "not_a_number"),
        ({"latitude": "45", "longitude": 0.0}, "not_a_number"),
    ]
    for change, code in cases:
        a = rep.push(rep.mut("shops", shop, base=10**9, **change))[0]
        if code is None:
            assert a["status"] == "applied", (change, a)
        else:
            assert (a["status"], a["error"]["code"]) == ("rejected", code), (change, a)
    # an owner's level: an integer 1..5
    owner = str(uuid.uuid4())
    assert (
        rep.push(rep.mut("owners", owner, "insert", shop_id=shop, name="王", level=3))[0]["status"]
        == "applied"
    )
    for level, code in (
        (0, "out_of_range"),
        (6, "out_of_range"),
        (2**63 - 1, "out_of_range"),
        (-(2**63) + 1, "out_of_range"),
        (3.0, "not_a_whole_number"),
        (3.5, "not_a_whole_number"),
        (False, "not_a_whole_number"),
        (None, "required"),
        ("3", "not_a_whole_number"),
    ):
        a = rep.push(rep.mut("owners", owner, base=10**9, level=level))[0]
        assert (a["status"], a["error"]["code"]) == ("rejected", code), (level, a)
    # past int64: refused by the wire format (422) or by the field's rules (rejected)
    for huge in (2**63, -(2**63) - 1, 10**100):
        m = rep.mut("owners", owner, base=10**9, level=3)
        m["changes"]["level"]["new"] = huge
        r = rep.push_raw(m)
        if r.status_code == 200:
            a = r.json()["results"][0]
            assert (a["status"], a["error"]["code"]) == ("rejected", "not_a_whole_number"), a
        else:
            assert clear_error(r)["code"] == "invalid_request"


@pytest.mark.parametrize(
    "raw",
    [
        '{"device_id": "D", "mutations": [{"seq": 1e400}]}',
        '{"device_id": "D", "mutations": [], "mutations": "x"}',
        '{"device_id": "D", "mutations": [], "extra": 1}',
        '{"device_id": "D", "mutations": [{"mutation_id": "m", "seq": 1, "table": "shops",'
        ' "row_id": "r", "op": "update", "changes": {"name": {"new": NaN}}}]}',
        '{"device_id": "D", "mutations": [{"mutation_id": "m", "seq": 1, "table": "shops",'
        ' "row_id": "r", "op": "update", "changes": {"name": {"new": Infinity}}}]}',
        '{"device_id": "D", "mutations": [{"mutation_id": "m", "seq": 1, "table": "shops",'
        ' "row_id": "r", "op": "update", "changes": {"name": {"new": "x", "evil": 1}}}]}',
        '{"device_id": "D", "mutations": [{"mutation_id": "m", "seq": 1, "table": "shops",'
        ' "row_id": "r", "op": "update", "changes": []}]}',
        '{"device_id": "D", "mutations": [{"mutation_id": "", "seq": 1, "table": "shops",'
        ' "row_id": "r", "op": "update", "changes": {}}]}',
        '{"device_id": "D", "mutations": [{"mutation_id": "m", "seq": 1, "table": "",'
        ' "row_id": "r", "op": "update", "changes": {}}]}',
        '{"device_id": "D", "mutations": [{"mutation_id": "m", "seq": 1, "table": "shops",'
        ' "row_id": "' + "r" * 65 + '", "op": "update", "changes": {}}]}',
        '\ufeff{"device_id": "D", "mutations": []}',
        '{"device_id": "D", "mutations": [' + ",".join(["{}"] * 3) + "]}",
    ],
)
def test_wrong_types_and_malformed_json(server: Server, rep: Device, raw: str) -> None:
    before = state(server)
    body = raw.replace('"D"', json.dumps(rep.device_id)).encode()
    r = server.client.post("/v1/push", content=body, headers=rep.headers)
    clear_error(r)
    assert state(server) == before


def test_too_many_changes_and_keys_too_long(server: Server, rep: Device, shop: str) -> None:
    before = state(server)
    m = rep.mut("shops", shop, base=1)
    m["changes"] = {f"f{i}": {"old": None, "new": 1} for i in range(p.MAX_CHANGES + 1)}
    assert clear_error(rep.push_raw(m))["code"] == "invalid_request"
    m = rep.mut("shops", shop, base=1)
    m["changes"] = {"n" * 65: {"old": None, "new": 1}}
    assert clear_error(rep.push_raw(m))["code"] == "invalid_request"
    m = rep.mut("shops", shop, base=1, notes="x" * 10_001)
    assert clear_error(rep.push_raw(m))["code"] == "invalid_request"
    assert state(server) == before


# --------------------------------------------------------------------------- sequences


def test_replayed_reordered_and_forged_sequences(server: Server, rep: Device, shop: str) -> None:
    first = rep.mut("shops", shop, base=10**9, notes="one")
    a1 = rep.push(first)[0]
    assert a1["status"] == "applied"
    before = state(server)
    # the same mutation again, and again with another id: the stored answer, nothing moves
    assert rep.push(first)[0] == a1
    forged = dict(
        first, mutation_id=str(uuid.uuid4()), changes={"notes": {"old": None, "new": "forged"}}
    )
    assert rep.push(forged)[0] == a1
    # an older seq that was never sent: stale
    rep.seq += 5
    later = rep.mut("shops", shop, base=10**9, notes="later")
    assert rep.push(later)[0]["status"] == "applied"
    mid = state(server)
    skipped = dict(later, seq=later["seq"] - 2, mutation_id=str(uuid.uuid4()))
    a = rep.push(skipped)[0]
    assert (a["status"], a["error"]["code"]) == ("rejected", "stale_seq")
    assert state(server) == mid
    assert before != mid


# --------------------------------------------------------------------------- other teams


def test_mutations_aimed_at_another_team_change_nothing(
    server: Server, world: dict[str, Any], rep: Device, shop: str
) -> None:
    intruder = server.device("repB")
    before = state(server)
    county = world["county"]
    muts = [
        intruder.mut("shops", shop, base=10**9, name="taken"),
        intruder.mut("shops", shop, "delete", base=10**9),
        intruder.mut("shops", shop, "insert", **shop_fields(world, "repB")),
        # move the shop to my team by naming my rep: the row is out of scope first
        intruder.mut("shops", shop, base=10**9, rep_id=world["repB"]),
        # a new row in my team that points into the other team
        intruder.mut("owners", str(uuid.uuid4()), "insert", shop_id=shop, name="x", level=1),
        intruder.mut("visits", str(uuid.uuid4()), "insert", shop_id=shop, review_status="draft"),
        # a new shop filed under the other team's rep: lands outside my scope
        intruder.mut(
            "shops", str(uuid.uuid4()), "insert", **shop_fields(world, "repA", county_id=county)
        ),
        # conflicts rows of the other team, and inventing one
        intruder.mut("conflicts", "1", base=10**9, resolved=True),
        dict(
            intruder.mut("conflicts", str(uuid.uuid4()), "insert", field="name"),
            changes={
                "table_name": {"old": None, "new": "shops"},
                "row_id": {"old": None, "new": shop},
            },
        ),
    ]
    answers = intruder.push(*muts)
    for m, a in zip(muts, answers, strict=True):
        assert a["status"] == "rejected", (m, a)
        assert a["error"]["code"] in ("not_found", "forbidden"), (m, a)
    after = state(server)
    assert after[1:] == before[1:]
    assert not any(c["row_id"] == shop for c in intruder.pull_all())


def test_numeric_strings_for_seq_are_coerced_and_change_nothing(
    server: Server, rep: Device
) -> None:
    """Known leniency: the wire models are not strict for ``seq``/``base_version``
    (``"1"`` and ``true`` are read as 1). It is harmless: the mutation is judged like
    any other and a rejected one changes no data."""
    before = state(server)
    for seq in ('"1"', "true"):
        raw = (
            '{"device_id": "D", "mutations": [{"mutation_id": "m", "seq": ' + seq + ","
            ' "table": "shops", "row_id": "r", "op": "update", "changes": {}}]}'
        ).replace('"D"', json.dumps(rep.device_id))
        r = server.client.post("/v1/push", content=raw.encode(), headers=rep.headers)
        assert r.status_code == 200, r.text
        assert r.json()["results"][0]["status"] == "rejected"
    assert state(server)[1:] == before[1:]


def test_nul_characters_are_4xx_or_rejected_never_a_500(
    server: Server, world: dict[str, Any], rep: Device, shop: str
) -> None:
    """Regression: PostgreSQL text cannot hold NUL; ids, names, references, mutation ids
    and client times with NUL answered 500 there (psycopg DataError)."""
    from fastapi.testclient import TestClient

    client = TestClient(server.app, raise_server_exceptions=False)
    before = state(server)
    for body in (
        {"username": "a\x00b", "password": "x", "device_id": "d"},
        {"username": "repA", "password": "correct horse", "device_id": "d\x00"},
        {"username": "repA", "password": "correct horse", "device_id": "d", "device_name": "\x00"},
    ):
        r = client.post("/v1/login", json=body, headers=server.headers)
        assert r.status_code in (401, 422), (body, r.status_code, r.text)
        clear_error(r)
    muts = [
        rep.mut("shops", "a\x00b", base=1, name="x"),
        rep.mut("shops", "\x00", "insert", **shop_fields(world, "repA")),
        rep.mut("owners", str(uuid.uuid4()), "insert", shop_id="a\x00b", name="x", level=1),
        rep.mut("shops", shop, base=10**9, county_id="\x00"),
    ]
    r = client.post(
        "/v1/push", json={"device_id": rep.device_id, "mutations": muts}, headers=rep.headers
    )
    assert r.status_code == 200, r.text
    answers = r.json()["results"]
    assert [(a["status"], a["error"]["code"]) for a in answers] == [("rejected", "not_found")] * 4
    for name in ("mutation_id", "created_at"):
        m = rep.mut("shops", shop, base=10**9, notes="x")
        m[name] = "a\x00"
        r = client.post(
            "/v1/push", json={"device_id": rep.device_id, "mutations": [m]}, headers=rep.headers
        )
        assert r.status_code == 422 and clear_error(r)["field"] == f"mutations.0.{name}", r.text
    assert state(server)[1:] == before[1:]


def test_a_clashing_shop_code_does_not_block_teammates_sync(
    server: Server, world: dict[str, Any], tmp_path: Any
) -> None:
    from client_harness import Device as Laptop, LiveServer

    live = LiveServer(server)
    try:
        a = Laptop(live, tmp_path / "a.db", "repA")
        a.sync()
        a.store.shops.create(
            name="甲",
            channel="convenience",
            tier="B",
            county_id=world["county"],
            rep_id=a.user_id,
            code="HN-001",
        )
        a.sync()
        # a teammate's (or a hostile) device pushes another shop with that code
        rep = server.device("repA")
        rep.push(
            rep.mut(
                "shops", str(uuid.uuid4()), "insert", **shop_fields(world, "repA", code="hn-001")
            )
        )
        report = a.sync()  # raises ProtocolError bad_page:duplicate today
        assert report.verified
        a.close()
    finally:
        live.stop()
