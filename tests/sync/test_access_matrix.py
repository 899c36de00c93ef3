"""Access control as a matrix: caller (rep, supervisor, admin, revoked device, expired
token, no token, unknown token) x every endpoint x a row of the caller's team, of the
other team, and a row that does not exist.

Only what the scope rules of docs/sync-protocol.md allow succeeds; a row of another
team is answered exactly like a missing one (nothing is learned about it); a refused
request changes nothing on the server. Also: tokens are stored hashed, and neither
passwords nor tokens reach the server's logs (application loggers and uvicorn's access
log, captured while a real uvicorn serves the app).
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from dataclasses import dataclass
from typing import Any

import pytest
import requests
import sqlalchemy as sa
from client_harness import LiveServer
from sync_harness import PASSWORD, Device, Server, shop_fields

from sync import protocol as p
from sync.server import service
from sync.server.db import change_log, devices, photos_blobs, rows

JPEG_A = b"\xff\xd8\xff\xe0" + b"team A photo" * 50
JPEG_B = b"\xff\xd8\xff\xe0" + b"team B photo" * 50


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Scene:
    server: Server
    world: dict[str, Any]
    devs: dict[str, Device]
    headers: dict[str, dict[str, str]]
    shop: dict[str, str]  # "own" / "other" / "missing" -> shop id (own = team A)
    visit: dict[str, str]
    photo: dict[str, str]  # -> sha256


def _upload(server: Server, dev: Device, data: bytes) -> None:
    headers = dev.headers | {
        p.UPLOAD_OFFSET_HEADER: "0",
        p.UPLOAD_LENGTH_HEADER: str(len(data)),
    }
    r = server.client.patch(f"/v1/photos/{sha(data)}", content=data, headers=headers)
    assert r.status_code == 200 and r.json()["complete"], r.text


def _seed_team(server: Server, world: dict[str, Any], team: str, data: bytes) -> tuple[str, str]:
    dev = server.device(f"rep{team}")
    shop, visit, photo = (str(uuid.uuid4()) for _ in range(3))
    res = dev.push(
        dev.mut("shops", shop, "insert", **shop_fields(world, f"rep{team}")),
        dev.mut("visits", visit, "insert", shop_id=shop, review_status="submitted"),
        dev.mut(
            "photos",
            photo,
            "insert",
            sha256=sha(data),
            size=len(data),
            mime="image/jpeg",
            shop_id=shop,
        ),
    )
    assert [r["status"] for r in res] == ["applied"] * 3, res
    _upload(server, dev, data)
    return shop, visit


@pytest.fixture
def scene(server: Server, world: dict[str, Any]) -> Scene:
    own_shop, own_visit = _seed_team(server, world, "A", JPEG_A)
    # A rep in the unassigned pool (released by an admin): read by supervisors only.
    world["repP"] = server.user("repP", "rep", "B")
    admin = server.device("admin")
    (pooled,) = admin.push(admin.mut("users", world["repP"], base=10**9, team_id=None))
    assert pooled["status"] == "applied", pooled
    other_shop, other_visit = _seed_team(server, world, "B", JPEG_B)
    devs = {
        "rep": server.device("repA"),
        "supervisor": server.device("supA"),
        "admin": server.device("admin"),
        "revoked": server.device("repA"),
        "expired": server.device("repA"),
    }
    service.revoke_device(server.engine, devs["revoked"].device_id)
    with server.engine.begin() as c:
        c.execute(
            sa.update(devices)
            .where(devices.c.id == devs["expired"].device_id)
            .values(expires_at=int(server.clock.now) - 1)
        )
    headers = {name: d.headers for name, d in devs.items()}
    headers["none"] = {p.SCHEMA_HEADER: str(p.SCHEMA_VERSION)}
    headers["unknown"] = headers["none"] | {"Authorization": "Bearer " + "x" * 43}
    return Scene(
        server,
        world,
        devs,
        headers,
        shop={"own": own_shop, "other": other_shop, "missing": str(uuid.uuid4())},
        visit={"own": own_visit, "other": other_visit, "missing": str(uuid.uuid4())},
        photo={"own": sha(JPEG_A), "other": sha(JPEG_B), "missing": sha(b"never uploaded")},
    )


def server_state(server: Server) -> tuple[Any, ...]:
    """Everything a write would move: the counter, the change log, rows and blobs.

    On PostgreSQL the change sequence is a database sequence and a push draws its numbers
    at once (service/scopes.py ``reserve``), so a refused push may leave a gap that no
    device ever sees; there the change log, not the sequence, says nothing was written."""
    with server.engine.connect() as c:
        counter = None if c.dialect.name == "postgresql" else service.last_seq(c)
        log = c.execute(sa.select(sa.func.count()).select_from(change_log)).scalar_one()
        data = sorted(
            (r.table_name, r.row_id, r.version, r.deleted)
            for r in c.execute(
                sa.select(rows.c.table_name, rows.c.row_id, rows.c.version, rows.c.deleted)
            )
        )
        blobs = sorted(
            tuple(r) for r in c.execute(sa.select(photos_blobs.c.sha256, photos_blobs.c.received))
        )
    return counter, log, data, blobs


# --------------------------------------------------------------------------- no valid token

BAD_CALLERS = {
    "revoked": "device_revoked",
    "expired": "token_expired",
    "none": "unauthorized",
    "unknown": "invalid_token",
}


def _requests(s: Scene, caller: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(method, path, kwargs) of a request to every authenticated endpoint."""
    h = s.headers[caller]
    device = s.devs[caller].device_id if caller in s.devs else "someone"
    mut = {
        "mutation_id": str(uuid.uuid4()),
        "seq": 10_000,
        "table": "shops",
        "row_id": s.shop["own"],
        "op": "update",
        "changes": {"name": {"old": None, "new": "hijacked"}},
        "base_version": 0,
        "created_at": "",
    }
    upload = h | {p.UPLOAD_OFFSET_HEADER: "0", p.UPLOAD_LENGTH_HEADER: "5"}
    return [
        ("POST", "/v1/push", {"json": {"device_id": device, "mutations": [mut]}, "headers": h}),
        ("GET", "/v1/pull", {"params": {"cursor": 0}, "headers": h}),
        ("GET", "/v1/verify", {"headers": h}),
        ("HEAD", f"/v1/photos/{s.photo['own']}", {"headers": h}),
        ("GET", f"/v1/photos/{s.photo['own']}", {"headers": h}),
        ("PATCH", f"/v1/photos/{sha(b'12345')}", {"content": b"12345", "headers": upload}),
    ]


@pytest.mark.parametrize("caller", sorted(BAD_CALLERS))
def test_no_valid_token_gets_401_on_every_endpoint_and_changes_nothing(
    scene: Scene, caller: str
) -> None:
    before = server_state(scene.server)
    for method, path, kw in _requests(scene, caller):
        r = scene.server.client.request(method, path, **kw)
        assert r.status_code == 401, (caller, method, path, r.status_code, r.text)
        if method != "HEAD":
            assert r.json()["error"]["code"] == BAD_CALLERS[caller], (method, path, r.text)
    assert server_state(scene.server) == before


def test_revoked_device_cannot_log_in_again(scene: Scene) -> None:
    r = scene.server.login_raw("repA", device_id=scene.devs["revoked"].device_id)
    assert r.status_code == 401 and r.json()["error"]["code"] == "device_revoked"
    r = scene.server.login_raw("repA", password="wrong password", device_id="fresh")
    assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_credentials"


# --------------------------------------------------------------------------- push

ROLES = ("rep", "supervisor", "admin")
TARGETS = ("own", "other", "missing")


def _strip(answer: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in answer.items() if k not in ("mutation_id", "seq")}


def _allowed(role: str, target: str) -> bool:
    return target == "own" or (target == "other" and role == "admin")


@pytest.mark.parametrize("role", ROLES)
def test_push_matrix(scene: Scene, role: str) -> None:
    """Each role writes to a row of its team, of the other team and a missing row; a
    refused write is answered as for the missing row and changes nothing."""
    dev = scene.devs[role]
    for op in ("update", "insert_child", "insert_same_id", "delete"):
        answers: dict[str, dict[str, Any]] = {}
        for target in TARGETS:
            shop = scene.shop[target]
            if op == "update":
                m = dev.mut("shops", shop, base=10**9, notes=f"{role} was here")
            elif op == "delete":
                m = dev.mut("visits", scene.visit[target], "delete", base=10**9)
            elif op == "insert_child":  # a new owner of that shop
                m = dev.mut("owners", str(uuid.uuid4()), "insert", shop_id=shop, name="王", level=3)
            else:  # an insert reusing the row's id
                m = dev.mut("shops", shop, "insert", **shop_fields(scene.world, "repA"))
            before = server_state(scene.server)
            answers[target] = dev.push(m)[0]
            allowed = _allowed(role, target)
            if op == "insert_same_id" and target == "missing":
                allowed = True
            where = (op, target, answers[target])
            if allowed:
                assert answers[target]["status"] in ("applied", "conflict"), where
            else:
                assert answers[target]["status"] == "rejected", where
                assert answers[target]["error"]["code"] == "not_found", where
                assert server_state(scene.server) == before, where
        if role != "admin" and op != "insert_same_id":
            # nothing tells a row of another team from a row that does not exist
            assert _strip(answers["other"]) == _strip(answers["missing"]), (op, answers)


@pytest.mark.parametrize("role", ROLES)
def test_review_fields_only_by_supervisor_or_admin_within_scope(scene: Scene, role: str) -> None:
    dev = scene.devs[role]
    for target in TARGETS:
        before = server_state(scene.server)
        m = dev.mut(
            "visits",
            scene.visit[target],
            base=10**9,
            review_status="approved",
            supervisor_comment="好",
        )
        answer = dev.push(m)[0]
        if target == "missing" or (target == "other" and role != "admin"):
            assert (answer["status"], answer["error"]["code"]) == ("rejected", "not_found")
        elif role == "rep":
            assert (answer["status"], answer["error"]["code"]) == ("rejected", "forbidden")
        else:
            assert answer["status"] == "applied", (target, answer)
            continue
        assert server_state(scene.server) == before, target


@pytest.mark.parametrize("role", ("rep", "supervisor"))
def test_teams_and_users_rows_are_admin_only(scene: Scene, role: str) -> None:
    """Teams and users rows are the admin's, except team membership (next test)."""
    dev = scene.devs[role]
    before = server_state(scene.server)
    res = dev.push(
        dev.mut("users", scene.world["repA"], base=10**9, role="admin"),
        dev.mut("users", scene.world["repB"], base=10**9, team_id=scene.world["A"]),
        dev.mut("teams", scene.world["A"], base=10**9, name="mine now"),
        dev.mut("users", str(uuid.uuid4()), "insert", name="x", role="admin"),
        dev.mut("users", scene.world["repP"], base=10**9, name="x"),
    )
    pool = "forbidden" if role == "supervisor" else "not_found"  # reps never see the pool
    assert [r["error"]["code"] for r in res] == [
        "forbidden",
        "not_found",
        "forbidden",
        "forbidden",
        pool,
    ], res
    assert server_state(scene.server) == before


@pytest.mark.parametrize("role", ("rep", "supervisor"))
def test_team_membership_only_by_the_supervisor_between_own_team_and_pool(
    scene: Scene, role: str
) -> None:
    """A supervisor takes a pool rep in and releases a rep of the team without live
    data; a rep does neither; nobody releases a rep whose data would be orphaned."""
    dev, w = scene.devs[role], scene.world
    before = server_state(scene.server)
    refused = dev.push(
        dev.mut("users", w["repA"], base=10**9, team_id=None),  # owns the seeded shop
        dev.mut("users", w["supA"], base=10**9, team_id=None),
        dev.mut("users", w["repP"], base=10**9, team_id=w["B"]),
    )
    expected = {
        "rep": ["forbidden", "forbidden", "not_found"],
        "supervisor": ["rep_has_data", "forbidden", "forbidden"],
    }[role]
    assert [r["error"]["code"] for r in refused] == expected, refused
    assert server_state(scene.server) == before
    (take,) = dev.push(dev.mut("users", w["repP"], base=10**9, team_id=w["A"]))
    (release,) = dev.push(dev.mut("users", w["repP"], base=10**9, team_id=None))
    if role == "rep":
        assert take["error"]["code"] == "not_found" and release["error"]["code"] == "not_found"
        assert server_state(scene.server) == before
    else:
        assert take["status"] == release["status"] == "applied", (take, release)


def test_push_for_another_device_is_refused(scene: Scene) -> None:
    dev = scene.devs["rep"]
    before = server_state(scene.server)
    m = dev.mut("shops", scene.shop["own"], base=10**9, notes="x")
    body = {"device_id": scene.devs["supervisor"].device_id, "mutations": [m]}
    r = scene.server.client.post("/v1/push", json=body, headers=dev.headers)
    assert r.status_code == 403 and r.json()["error"]["code"] == "device_mismatch"
    assert server_state(scene.server) == before


# --------------------------------------------------------------------------- pull, verify


@pytest.mark.parametrize("role", ROLES)
def test_pull_and_verify_hold_exactly_the_scope(scene: Scene, role: str) -> None:
    dev = scene.devs[role]
    pulled = dev.pull_all()
    ids = {(c["table"], c["row_id"]) for c in pulled}
    own = {("shops", scene.shop["own"]), ("visits", scene.visit["own"])}
    other = {("shops", scene.shop["other"]), ("visits", scene.visit["other"])}
    assert own <= ids
    if role == "admin":
        assert other <= ids
    else:
        assert not (other & ids)
        teams = {c["row"].get("team_id") for c in pulled if c["table"] == "users"}
        # Supervisors also read the pool (reps without a team), and only its reps.
        assert teams == ({scene.world["A"], None} if role == "supervisor" else {scene.world["A"]})
        pooled = {c["row_id"] for c in pulled if c["table"] == "users" and not c["row"]["team_id"]}
        assert pooled == ({scene.world["repP"]} if role == "supervisor" else set())
        assert {c["row_id"] for c in pulled if c["table"] == "teams"} == {scene.world["A"]}
        assert ("counties", scene.world["county"]) in ids  # shared
    # verify counts what pull hands out, table by table
    counted: dict[str, int] = {}
    for c in pulled:
        counted[c["table"]] = counted.get(c["table"], 0) + 1
    verify = dev.get("/v1/verify").json()["tables"]
    assert {t: s["count"] for t, s in verify.items() if s["count"]} == counted


# --------------------------------------------------------------------------- photos


@pytest.mark.parametrize("role", ROLES)
def test_photo_download_and_probe_matrix(scene: Scene, role: str) -> None:
    dev = scene.devs[role]
    got = {t: dev.get(f"/v1/photos/{scene.photo[t]}") for t in TARGETS}
    assert got["own"].status_code == 200 and got["own"].content == JPEG_A
    assert got["missing"].status_code == 404
    if role == "admin":
        assert got["other"].status_code == 200 and got["other"].content == JPEG_B
    else:
        assert got["other"].status_code == 404
        assert got["other"].json() == got["missing"].json()


# --------------------------------------------------------------------------- secrets at rest


def test_tokens_are_stored_hashed_and_passwords_as_argon2(scene: Scene) -> None:
    tokens = {d.token for d in scene.devs.values()}
    with scene.server.engine.connect() as c:
        stored = [dict(r._mapping) for r in c.execute(sa.select(devices))]
        users = [dict(r._mapping) for r in c.execute(sa.text("SELECT * FROM users"))]
        every_cell = [
            str(v)
            for table in ("devices", "users", "device_state", "mutation_results", "rows")
            for r in c.execute(sa.text(f"SELECT * FROM {table}"))
            for v in r
        ]
    hashes = {r["token_hash"] for r in stored}
    assert {hashlib.sha256(t.encode()).hexdigest() for t in tokens} <= hashes
    for token in tokens:
        assert not any(token in cell for cell in every_cell), "a raw token is stored"
    for u in users:
        assert u["password_hash"].startswith("$argon2")
        assert PASSWORD not in u["password_hash"]
    assert not any(PASSWORD in cell for cell in every_cell)


# --------------------------------------------------------------------------- secrets in logs


def test_no_password_or_token_in_server_logs(
    server: Server,
    world: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A real uvicorn with its access log on: log in, fail a login, push, pull, verify
    and upload; nothing logged by any logger, or printed, holds a password or token."""
    import uvicorn

    original = uvicorn.Config

    def config_with_access_log(app: Any, **kw: Any) -> Any:
        kw.update(log_level="debug", access_log=True, log_config=None)
        return original(app, **kw)

    monkeypatch.setattr(uvicorn, "Config", config_with_access_log)
    caplog.set_level(logging.DEBUG)
    for name in ("uvicorn", "uvicorn.access", "uvicorn.error", "sqlalchemy", "fastapi"):
        # caplog puts each level back after the test
        caplog.set_level(logging.DEBUG, logger=name)
    live = LiveServer(server)
    secrets_seen: list[str] = [PASSWORD, "wrong horse battery"]
    try:
        s = requests.Session()
        base = {p.SCHEMA_HEADER: str(p.SCHEMA_VERSION)}
        bad = {"username": "repA", "password": secrets_seen[1], "device_id": "log-1"}
        assert s.post(live.url + "/v1/login", json=bad, headers=base).status_code == 401
        good = {"username": "repA", "password": PASSWORD, "device_id": "log-1"}
        r = s.post(live.url + "/v1/login", json=good, headers=base)
        assert r.status_code == 200
        token = r.json()["token"]
        secrets_seen.append(token)
        h = base | {"Authorization": f"Bearer {token}"}
        body = {"device_id": "log-1", "mutations": []}
        assert s.post(live.url + "/v1/push", json=body, headers=h).status_code == 200
        assert s.get(live.url + "/v1/pull", params={"cursor": 0}, headers=h).status_code == 200
        assert s.get(live.url + "/v1/verify", headers=h).status_code == 200
        bogus = base | {"Authorization": "Bearer " + token[::-1]}
        secrets_seen.append(token[::-1])
        assert s.get(live.url + "/v1/verify", headers=bogus).status_code == 401
        # a token in the query string is not how clients send it, but must not be needed
        assert s.get(live.url + "/v1/pull", headers=base).status_code == 401
    finally:
        live.stop()
    logged = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    out, err = capfd.readouterr()
    assert "/v1/login" in logged, "the access log was not captured"
    for secret in secrets_seen:
        assert secret not in logged, f"a secret reached the logs: {secret[:4]}…"
        assert secret not in out and secret not in err
