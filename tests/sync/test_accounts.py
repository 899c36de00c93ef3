"""Accounts mean what they say: a deactivated account stops at once (rows kept), a new
password ends every session, an admin's change of a user's role or team changes the
account (or is refused), new devices can be made to wait for an admin and every device
is listed with its state. On SQLite and PostgreSQL, through the CLI and raw HTTP."""

from __future__ import annotations

import io
import uuid
from typing import Any

from sync_harness import Server, shop_fields

from sync.server import cli


def _cli(server: Server, *args: str, stdin: str = "") -> str:
    out = io.StringIO()
    assert cli.run([*args, "--database", server.url], io.StringIO(stdin), out) == 0
    return out.getvalue()


def _code(r: Any) -> str:
    return str(r.json()["error"]["code"]) if r.status_code != 200 else "ok"


def test_a_deactivated_account_stops_at_once_and_its_rows_stay(
    server: Server, world: dict[str, Any]
) -> None:
    rep = server.device("repA")
    shop = str(uuid.uuid4())
    assert (
        rep.push(rep.mut("shops", shop, "insert", **shop_fields(world, "repA")))[0]["status"]
        == "applied"
    )
    assert "deactivated" in _cli(server, "deactivate-user", "repA")
    for path in ("/v1/pull", "/v1/verify"):  # the token stops at once, not at its expiry
        r = rep.get(path)
        assert r.status_code == 401 and _code(r) == "account_disabled", path
    r = rep.push_raw(rep.mut("shops", shop, base=10**9, name="改名"))
    assert r.status_code == 401 and _code(r) == "account_disabled"
    r = server.login_raw("repA", device_id="another-pc")  # the right password: refused
    assert r.status_code == 401 and _code(r) == "account_disabled"
    assert _code(server.login_raw("repA", password="wrong one")) == "invalid_credentials"
    admin = server.device("admin")
    kept = {c["row_id"]: c for c in admin.pull_all()}
    assert kept[shop]["row"]["name"] == "鑫旺便利店" and kept[world["repA"]]
    assert "deactivated-user" in _cli(server, "list-devices")
    _cli(server, "activate-user", "repA")
    assert rep.get("/v1/verify").status_code == 200


def test_a_new_password_ends_every_session(server: Server, world: dict[str, Any]) -> None:
    laptop, phone = server.device("repA"), server.device("repA")
    assert laptop.get("/v1/verify").status_code == 200
    out = _cli(server, "reset-password", "repA", "--password-stdin", stdin="brand new pass\n")
    assert "2 devices" in out
    for dev in (laptop, phone):
        r = dev.get("/v1/verify")
        assert r.status_code == 401 and _code(r) == "token_expired"
    assert _code(server.login_raw("repA", device_id=laptop.device_id)) == "invalid_credentials"
    r = server.login_raw("repA", password="brand new pass", device_id=laptop.device_id)
    assert r.status_code == 200


def _submitted_visit(server: Server, world: dict[str, Any]) -> str:
    rep = server.device("repA")
    shop, visit = str(uuid.uuid4()), str(uuid.uuid4())
    res = rep.push(
        rep.mut("shops", shop, "insert", **shop_fields(world, "repA")),
        rep.mut("visits", visit, "insert", shop_id=shop, review_status="submitted"),
    )
    assert [r["status"] for r in res] == ["applied", "applied"], res
    return visit


def test_an_admins_role_change_changes_the_account(server: Server, world: dict[str, Any]) -> None:
    visit = _submitted_visit(server, world)
    sup, admin = server.device("supA"), server.device("admin")
    users = {c["row_id"]: c for c in admin.pull_all() if c["table"] == "users"}
    row = users[world["supA"]]
    res = admin.push(admin.mut("users", world["supA"], base=row["version"], role="rep"))
    assert res[0]["status"] == "applied", res
    # The demoted supervisor approves nothing more, with the token they already hold.
    answer = sup.push(sup.mut("visits", visit, base=10**9, review_status="approved"))[0]
    assert (answer["status"], answer["error"]["code"]) == ("rejected", "forbidden")
    r = server.login_raw("supA", device_id="sup-new")
    assert r.json()["user"]["role"] == "rep"
    # Admins are made by the CLI only: a push that would make or unmake one is refused.
    for target, role in ((world["repB"], "admin"), (world["admin"], "rep")):
        row = {c["row_id"]: c for c in admin.pull_all()}[target]
        answer = admin.push(admin.mut("users", target, base=row["version"], role=role))[0]
        assert (answer["status"], answer["error"]["code"], answer["error"]["field"]) == (
            "rejected",
            "forbidden",
            "role",
        )
    assert server.login_raw("repB", device_id="b-new").json()["user"]["role"] == "rep"


def test_an_admins_team_change_moves_the_account(server: Server, world: dict[str, Any]) -> None:
    rep, admin = server.device("repA"), server.device("admin")
    row = {c["row_id"]: c for c in admin.pull_all()}[world["repA"]]
    res = admin.push(admin.mut("users", world["repA"], base=row["version"], team_id=world["B"]))
    assert res[0]["status"] == "applied", res
    b_shop = str(uuid.uuid4())
    b = server.device("repB")
    assert (
        b.push(b.mut("shops", b_shop, "insert", **shop_fields(world, "repB")))[0]["status"]
        == "applied"
    )
    seen = {c["row_id"] for c in rep.pull_all()}  # the same token: the account moved
    assert b_shop in seen
    assert server.login_raw("repA", device_id="a-new").json()["user"]["team_id"] == world["B"]


def test_new_devices_can_wait_for_an_admin_and_every_device_is_listed(
    server: Server, world: dict[str, Any]
) -> None:
    old = server.device("repA", "old-laptop")
    before = server.device("repB", "b-before")
    _cli(server, "revoke-device", "old-laptop")
    _cli(server, "require-device-approval", "on")
    r = server.login_raw("repA", device_id="new-laptop")  # the revoked user tries anew
    assert r.status_code == 403 and _code(r) == "device_pending"
    listed = _cli(server, "list-devices").splitlines()
    states = {line.split("\t")[0]: line.split("\t")[3] for line in listed}
    assert states["old-laptop"] == "revoked" and states["new-laptop"] == "pending"
    again = server.login_raw("repA", device_id="new-laptop")  # still waiting
    assert again.status_code == 403 and _code(again) == "device_pending"
    assert old.get("/v1/verify").status_code == 401
    # Devices known before the switch go on, and log in again.
    assert before.get("/v1/verify").status_code == 200
    assert server.login_raw("repB", device_id="b-before").status_code == 200
    _cli(server, "approve-device", "new-laptop")
    r = server.login_raw("repA", device_id="new-laptop")
    assert r.status_code == 200, r.text
    _cli(server, "require-device-approval", "off")
    assert server.login_raw("repB", device_id="b-pc").status_code == 200
