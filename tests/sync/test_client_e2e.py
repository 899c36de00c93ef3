"""The real sync client against the real server over loopback HTTP, on SQLite and
PostgreSQL server databases; client stores are real fieldapp store files.

No mocks: the server is ``create_app`` served by uvicorn on 127.0.0.1; faults (a lost
response, a bad page) are made by a requests transport adapter that forwards the real
request first.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from client_harness import (
    SYNCED,
    Device,
    ForwardThenFail,
    LiveServer,
    MakeDevice,
    MangleFirstPull,
    rows_of,
    session_with,
)
from sync_harness import PASSWORD, Server

from fieldapp.store import Store
from sync import protocol as p
from sync.client import (
    AuthError,
    Cancelled,
    ConflictError,
    NetworkError,
    ProtocolError,
    SchemaError,
)
from sync.server import service
from sync.server.db import conflicts, rows


@pytest.fixture
def team(server: Server, world: dict[str, Any]) -> dict[str, Any]:
    """conftest's world (teams A and B, repA, supA, repB, supB, admin, a county) plus a
    second rep in team A."""
    world["repA2"] = server.user("repA2", "rep", "A")
    return world


def new_shop(d: Device, county: str, **over: Any) -> Any:
    fields = {
        "name": "鑫旺便利店",
        "channel": "convenience",
        "tier": "B",
        "county_id": county,
        "rep_id": d.user_id,
    }
    return d.store.shops.create(**(fields | over))


def server_row(server: Server, table: str, row_id: str) -> Any:
    with server.engine.connect() as c:
        return c.execute(
            sa.select(rows).where(rows.c.table_name == table, rows.c.row_id == row_id)
        ).first()


def server_count(server: Server, table: str) -> int:
    with server.engine.connect() as c:
        q = sa.select(sa.func.count()).select_from(rows).where(rows.c.table_name == table)
        return int(c.execute(q).scalar_one())


def schema_of(store: Store) -> set[tuple[str, str, str]]:
    """The store's indexes and triggers, with their SQL."""
    return set(
        store.db.execute(
            "SELECT type, name, sql FROM sqlite_master"
            " WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
        ).fetchall()
    )


def server_conflicts(server: Server) -> list[Any]:
    with server.engine.connect() as c:
        return list(c.execute(sa.select(conflicts).order_by(conflicts.c.id)))


# --------------------------------------------------------------------------- 1


def test_one_rep_two_devices_hold_identical_rows(
    team: dict[str, Any], device: MakeDevice, server: Server
) -> None:
    d1 = device("repA")
    first = d1.sync()  # brings the team, its users and the county
    assert first.verified and first.pulled >= 3
    assert d1.store.counties.get(team["county"]).name == "金水区"

    progress: list[tuple[str, int, int | None]] = []
    d1.client.progress = lambda *a: progress.append(a)
    shop = new_shop(d1, team["county"], code="S001")
    owner = d1.store.owners.create(shop_id=shop.id, name="王建国", level=3)
    visit = d1.store.visits.create(shop_id=shop.id, rep_id=d1.user_id, planned_date="2026-11-24")
    d1.store.visits.update(visit.id, check_display="good")
    report = d1.sync()
    assert (report.applied, report.conflicts, report.rejected) == (report.pushed, 0, 0)
    assert report.pushed >= 3 and report.verified
    assert set(d1.outbox_states()) == {"applied"}
    assert {s for s, *_ in progress} >= {"push", "pull", "verify"}
    assert d1.store.replica.last_sync_at() is not None
    assert server_row(server, "owners", owner.id).data["name"] == "王建国"

    d2 = device("repA", name="repA-laptop2")
    r2 = d2.sync()
    assert r2.verified and r2.pushed == 0
    for table in SYNCED:
        assert rows_of(d2.store, table) == rows_of(d1.store, table), table
    assert d2.store.visits.get(visit.id).check_display == "good"
    assert rows_of(d2.store, "shops")[shop.id]["version"] > 0
    assert d1.store.replica.checksums() == d2.store.replica.checksums()
    # d2's first sync was a first load (indexes and sum triggers set aside): all back.
    with Store.open(":memory:") as fresh:
        assert schema_of(d2.store) == schema_of(fresh)
    assert d2.store.replica.checksums() == d2.store.replica.checksums_by_rows()


# --------------------------------------------------------------------------- 2


def test_two_reps_same_field_later_sync_wins_with_conflict(
    team: dict[str, Any], device: MakeDevice, server: Server
) -> None:
    a, b = device("repA"), device("repA2")
    a.sync()
    shop = new_shop(a, team["county"])
    a.sync()
    b.sync()
    assert b.store.shops.get(shop.id).name == "鑫旺便利店"  # A's edit reached B

    a.store.shops.update(shop.id, name="甲店")
    b.store.shops.update(shop.id, name="乙店")
    ra = a.sync()
    assert (ra.applied, ra.conflicts) == (1, 0)
    rb = b.sync()  # later in server order: wins, and records the value it replaced
    assert (rb.applied, rb.conflicts) == (0, 1)
    last = b.store.outbox.list()[-1]
    assert last.state == "conflict" and last.result and last.result["conflict_id"]
    found = server_conflicts(server)
    assert len(found) == 1
    assert (found[0].field, found[0].winning_value, found[0].losing_value) == (
        "name",
        "乙店",
        "甲店",
    )
    a.sync()
    assert a.store.shops.get(shop.id).name == b.store.shops.get(shop.id).name == "乙店"
    assert server_row(server, "shops", shop.id).data["name"] == "乙店"


def test_two_reps_different_fields_both_kept(
    team: dict[str, Any], device: MakeDevice, server: Server
) -> None:
    a, b = device("repA"), device("repA2")
    a.sync()
    shop = new_shop(a, team["county"])
    a.sync()
    b.sync()
    a.store.shops.update(shop.id, name="甲店")
    b.store.shops.update(shop.id, tier="A", address="金水路1号")
    assert a.sync().conflicts == 0
    rb = b.sync()
    assert (rb.applied, rb.conflicts) == (1, 0)
    ra = a.sync()
    assert ra.verified
    for d in (a, b):
        s = d.store.shops.get(shop.id)
        assert (s.name, s.tier, s.address) == ("甲店", "A", "金水路1号")
    assert server_conflicts(server) == []
    assert rows_of(a.store, "shops") == rows_of(b.store, "shops")


# --------------------------------------------------------------------------- 3


def test_edit_against_delete_is_a_conflict_and_row_stays_deleted(
    team: dict[str, Any], device: MakeDevice, server: Server
) -> None:
    a, b = device("repA"), device("repA2")
    a.sync()
    shop = new_shop(a, team["county"])
    owner = a.store.owners.create(shop_id=shop.id, name="王建国", level=3)
    a.sync()
    b.sync()
    a.store.owners.delete(owner.id)
    b.store.owners.update(owner.id, name="王建华")
    assert a.sync().applied == 1
    rb = b.sync()
    assert rb.conflicts == 1 and rb.verified
    assert b.store.outbox.list()[-1].state == "conflict"
    assert server_row(server, "owners", owner.id).deleted
    assert b.store.owners.find(owner.id) is None
    assert b.store.owners.find(owner.id, include_deleted=True) is not None
    kinds = [(c.kind, c.losing_value) for c in server_conflicts(server)]
    assert kinds == [("edit_delete", "王建华")]


# --------------------------------------------------------------------------- 4


def _is_push(req: Any) -> bool:
    return req.method == "POST" and "/v1/push" in (req.url or "")


def test_lost_push_response_is_resent_next_sync_without_duplicates(
    team: dict[str, Any], device: MakeDevice, server: Server
) -> None:
    adapter = ForwardThenFail(_is_push, times=1)
    a = device("repA", session=session_with(adapter), retries=0)
    a.sync()
    shop = new_shop(a, team["county"])
    a.store.owners.create(shop_id=shop.id, name="王建国", level=3)
    with pytest.raises(NetworkError):
        a.sync()
    assert adapter.dropped == 1
    assert server_count(server, "shops") == 1  # the server did commit
    assert set(a.outbox_states()) == {"pending"}  # requeued, nothing left 'sending'
    r = a.sync()
    assert (r.pushed, r.applied) == (2, 2) and r.verified
    assert set(a.outbox_states()) == {"applied"}
    assert server_count(server, "shops") == 1
    assert server_count(server, "owners") == 1
    assert a.store.shops.get(shop.id).version == server_row(server, "shops", shop.id).version


def test_lost_push_response_is_retried_within_one_sync(
    team: dict[str, Any], device: MakeDevice, server: Server
) -> None:
    adapter = ForwardThenFail(_is_push, times=1)
    a = device("repA", session=session_with(adapter), retries=2)
    a.sync()
    new_shop(a, team["county"])
    r = a.sync()  # the retry is answered from the server's stored answers
    assert adapter.dropped == 1
    assert (r.pushed, r.applied) == (1, 1) and r.verified
    assert server_count(server, "shops") == 1


def test_server_down_is_a_network_error_and_outbox_is_kept(
    team: dict[str, Any], device: MakeDevice, live: LiveServer
) -> None:
    a = device("repA")
    a.sync()
    new_shop(a, team["county"])
    live.stop()
    with pytest.raises(NetworkError):
        a.sync()
    assert set(a.outbox_states()) == {"pending"}


# --------------------------------------------------------------------------- 5


def test_bad_page_leaves_cursor_and_rows_unchanged(
    team: dict[str, Any], device: MakeDevice, server: Server
) -> None:
    b = device("repA2")
    b.sync()
    s1 = new_shop(b, team["county"], code="S1", name="一号店")
    new_shop(b, team["county"], code="S2", name="二号店")
    b.sync()

    def nameless_copy(page: dict[str, Any]) -> None:
        # a second shop without its required name: fails INSIDE apply_page's transaction
        # (NOT NULL), after the page's earlier rows were written
        first = next(c for c in page["changes"] if c["row_id"] == s1.id)
        clone = json.loads(json.dumps(first))
        clone["row_id"] = clone["row"]["id"] = "ffffffff-0000-0000-0000-000000000000"
        clone["row"]["name"] = None
        clone["row"]["code"] = "S9"
        page["changes"].append(clone)

    adapter = MangleFirstPull(nameless_copy)
    a = device("repA", session=session_with(adapter))
    a.store.replica.apply_page([], 0)  # cursor 0 stored, nothing else
    with pytest.raises(ProtocolError) as exc:
        a.sync()
    assert exc.value.code == "bad_page:constraint"
    assert a.store.replica.cursor() == 0
    assert a.store.shops.count() == 0 and a.store.counties.count() == 0
    r = a.sync()
    assert r.verified and a.store.shops.count() == 2


# --------------------------------------------------------------------------- 6


def test_other_team_rows_never_arrive_and_writes_to_them_are_rejected(
    team: dict[str, Any], device: MakeDevice, server: Server
) -> None:
    a = device("repA")
    a.sync()
    shop_a = new_shop(a, team["county"], name="甲队店")
    a.sync()

    b = device("repB")
    rb = b.sync()
    assert rb.verified
    assert b.store.shops.count(include_deleted=True) == 0
    assert {t.id for t in b.store.teams.list(include_deleted=True)} == {team["B"]}
    assert team["repA"] not in {u.id for u in b.store.users.list(include_deleted=True)}

    # B makes a row with A's shop id (it cannot know it, but a hostile client could)
    new_shop(b, team["county"], id=shop_a.id, name="偷来的")
    r = b.sync()
    assert (r.pushed, r.rejected) == (1, 1) and r.verified
    m = b.store.outbox.list()[-1]
    assert (m.state, m.error_code) == ("rejected", "not_found")
    assert server_row(server, "shops", shop_a.id).data["name"] == "甲队店"
    a.sync()
    assert a.store.shops.get(shop_a.id).name == "甲队店"


# --------------------------------------------------------------------------- 7


def test_old_schema_is_a_schema_error(
    team: dict[str, Any], device: MakeDevice, live: LiveServer
) -> None:
    a = device("repA")
    a.client.schema_version = p.SCHEMA_VERSION - 2
    with pytest.raises(SchemaError) as exc:
        a.sync()
    assert exc.value.supported == list(p.SUPPORTED_SCHEMAS)


def test_revoked_device_gets_device_revoked_and_keeps_its_data(
    team: dict[str, Any], device: MakeDevice, server: Server
) -> None:
    a = device("repA")
    a.sync()
    shop = new_shop(a, team["county"])
    service.revoke_device(server.engine, a.store.device_id)
    with pytest.raises(AuthError) as exc:
        a.sync()
    assert exc.value.code == "device_revoked"
    assert a.store.shops.get(shop.id)  # the client wipes nothing itself
    assert set(a.outbox_states()) == {"pending"}


def test_expired_token_is_an_auth_error_and_login_again_works(
    team: dict[str, Any], device: MakeDevice, server: Server
) -> None:
    a = device("repA")
    a.sync()
    server.clock.now += 3601  # token_ttl of the harness is one hour
    with pytest.raises(AuthError) as exc:
        a.sync()
    assert exc.value.code == "token_expired"
    a.client.login("repA", PASSWORD)
    assert a.sync().verified


def test_wrong_password_and_cancel(team: dict[str, Any], device: MakeDevice) -> None:
    a = device("repA")
    with pytest.raises(AuthError) as exc:
        a.client.login("repA", "wrong")
    assert exc.value.code == "invalid_credentials"
    a.client.progress = lambda stage, *_: a.client.cancel() if stage == "push" else None
    with pytest.raises(Cancelled):
        a.sync()
    assert a.store.replica.cursor() is None


def test_device_of_another_user_is_a_conflict_error(
    team: dict[str, Any], device: MakeDevice
) -> None:
    a = device("repA")
    with pytest.raises(ConflictError) as exc:
        a.client.login("repB", PASSWORD)
    assert exc.value.code == "device_in_use"
    assert a.store.user_id == a.user_id


# --------------------------------------------------------------------------- CLI


def test_cli_login_and_sync(team: dict[str, Any], live: LiveServer, tmp_path: Path) -> None:
    db = tmp_path / "cli.db"

    def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "sync", "--db", str(db), *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
            cwd=Path(__file__).resolve().parents[2],
        )

    r = cli("sync", "--server", live.url)
    assert r.returncode == 1 and "not_logged_in" in r.stderr and "Traceback" not in r.stderr
    r = cli("login", "--server", live.url, "--user", "repA", "--password-stdin", stdin="bad\n")
    assert r.returncode == 1 and "invalid_credentials" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    r = cli("login", "--server", live.url, "--user", "repA", "--password-stdin", stdin=PASSWORD)
    assert r.returncode == 0, r.stderr
    token_file = tmp_path / "fieldapp-sync-tokens.json"
    assert token_file.exists() and token_file.stat().st_mode & 0o777 == 0o600
    r = cli("sync")
    assert r.returncode == 0, r.stderr
    assert "verify ok" in r.stdout
    r = cli("sync", "--server", "http://127.0.0.1:9")
    assert r.returncode == 1 and "Traceback" not in r.stderr


def test_fieldapp_cli_sync_logs_in_and_syncs(
    team: dict[str, Any], live: LiveServer, tmp_path: Path
) -> None:
    """``python -m fieldapp --db PATH sync --server URL --user NAME --password-stdin``: the
    sync package's command, found through the ``fieldapp.commands`` entry point."""
    db = tmp_path / "fa.db"

    def fieldapp(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "fieldapp", *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
            cwd=Path(__file__).resolve().parents[2],
        )

    r = fieldapp("--help")
    assert r.returncode == 0 and " sync " in r.stdout
    common = ("--db", str(db), "sync", "--server", live.url, "--user", "repA", "--password-stdin")
    r = fieldapp(*common, stdin="wrong\n")
    assert r.returncode == 1 and "invalid_credentials" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    r = fieldapp(*common, stdin=PASSWORD + "\n")
    assert r.returncode == 0, r.stderr
    assert "logged in as repA" in r.stdout and "verify ok" in r.stdout
    with Store.open(db) as store:
        assert store.counties.get(team["county"]).name  # pulled from head office
    r = fieldapp("--db", str(db), "sync")  # the server and token are remembered
    assert r.returncode == 0 and "verify ok" in r.stdout, r.stderr


# --------------------------------------------------------------------------- verify


def test_verify_mismatch_is_repaired(team: dict[str, Any], device: MakeDevice) -> None:
    a = device("repA")
    a.sync()
    shop = new_shop(a, team["county"])
    a.sync()
    good = a.store.shops.get(shop.id).version
    a.store.db.execute("UPDATE shops SET version = 1 WHERE id = ?", [shop.id])
    a.store.db.conn.commit()
    r = a.sync()
    assert r.repaired and r.verified and r.mismatched == []
    assert a.store.shops.get(shop.id).version == good


def test_verify_mismatch_that_persists_is_reported_not_overwritten(
    team: dict[str, Any], device: MakeDevice
) -> None:
    a = device("repA")
    a.sync()
    shop = new_shop(a, team["county"])
    a.sync()
    before = a.store.replica.last_sync_at()
    a.store.db.execute(
        "UPDATE shops SET version = 1000000000, name = '本地' WHERE id = ?", [shop.id]
    )
    a.store.db.conn.commit()
    r = a.sync()
    assert r.repaired and not r.verified and r.mismatched == ["shops"]
    assert a.store.shops.get(shop.id).name == "本地"  # never silently overwritten
    assert a.store.replica.last_sync_at() == before
