"""Team membership by supervisors (docs/sync-protocol.md "Team membership"), with real
client stores against the real server on a loopback port: a supervisor takes a pool rep
in or releases one of their reps; every device of both scopes converges, the moved rep's
own device included, and verify agrees everywhere without a repair pull."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from client_harness import Device, MakeDevice
from sync_harness import Server, shop_fields

from fieldapp.errors import ValidationError
from sync.server import service
from sync.server.db import change_log, rows

KOC = {"trait_acquaintances": 3, "trait_trying": 3, "trait_sharing": 4, "trait_expertise": 2,
       "stage": "spotted", "consent": False}  # fmt: skip


@pytest.fixture
def team(server: Server, world: dict[str, Any]) -> dict[str, Any]:
    """conftest's world plus repA2 (team A, no data yet) and repP in the pool (made in
    team B, released by an admin before anyone syncs)."""
    world["repA2"] = server.user("repA2", "rep", "A")
    world["repP"] = server.user("repP", "rep", "B")
    admin = server.device("admin")
    (res,) = admin.push(admin.mut("users", world["repP"], base=10**9, team_id=None))
    assert res["status"] == "applied", res
    return world


def synced(*devices: Device) -> None:
    """Sync each device; every one verifies at once (no repair pull, no kept rows)."""
    for d in devices:
        report = d.sync()
        assert report.verified and not report.repaired, (d.user["name"], report.summary())


def user_ids(d: Device) -> dict[str, str | None]:
    return {u.id: u.team_id for u in d.store.users.list()}


def held(d: Device, table: str) -> set[str]:
    return {e.id for e in d.store.repo(table).list(include_deleted=True)}


def answer(d: Device) -> tuple[str, str | None]:
    (m,) = [m for m in d.store.outbox.list() if m.table == "users"][-1:]
    return m.state, m.error_code


def new_shop(d: Device, county: str) -> str:
    fields = {"name": "鑫旺便利店", "channel": "convenience", "tier": "B", "county_id": county,
              "rep_id": d.user_id}  # fmt: skip
    return str(d.store.shops.create(**fields).id)


def test_pool_is_read_by_supervisors_only_and_taking_a_rep_in_converges(
    team: dict[str, Any], device: MakeDevice
) -> None:
    sup_a, rep_a, sup_b, rep_b, rep_p = (
        device(n) for n in ("supA", "repA", "supB", "repB", "repP")
    )
    synced(rep_a)
    shop = new_shop(rep_a, team["county"])
    synced(rep_a, sup_a, sup_b, rep_b, rep_p)
    pool = team["repP"]
    assert user_ids(sup_a)[pool] is None and user_ids(sup_b)[pool] is None
    assert pool not in user_ids(rep_a) and pool not in user_ids(rep_b)  # privacy
    assert user_ids(rep_p) == {}  # a pool rep reads no team, not even the pool
    assert held(rep_p, "shops") == set()

    sup_a.store.users.take_in(pool)  # type: ignore[attr-defined]
    synced(sup_a)
    assert answer(sup_a) == ("applied", None)
    synced(rep_p, rep_a, sup_b, rep_b)
    assert shop in held(rep_p, "shops")  # the team's data reached the rep taken in
    assert user_ids(rep_p)[pool] == team["A"] and user_ids(rep_a)[pool] == team["A"]
    assert pool not in user_ids(sup_b) and pool not in user_ids(rep_b)
    # The rep now works in team A: their new shop reaches the team.
    theirs = new_shop(rep_p, team["county"])
    synced(rep_p, sup_a, rep_a)
    assert theirs in held(sup_a, "shops") and theirs in held(rep_a, "shops")
    synced(sup_b, rep_b)


def test_releasing_a_rep_without_data_empties_their_device_and_fills_the_pool(
    team: dict[str, Any], device: MakeDevice
) -> None:
    sup_a, rep_a, rep_a2, sup_b = (device(n) for n in ("supA", "repA", "repA2", "supB"))
    synced(rep_a)
    shop = new_shop(rep_a, team["county"])
    synced(rep_a, sup_a, rep_a2, sup_b)
    assert shop in held(rep_a2, "shops") and team["A"] in held(rep_a2, "teams")
    leaver = team["repA2"]

    sup_a.store.users.release(leaver)  # type: ignore[attr-defined]
    synced(sup_a)
    assert answer(sup_a) == ("applied", None)
    assert user_ids(sup_a)[leaver] is None  # still read: in the pool now
    synced(rep_a2, rep_a, sup_b)
    # The released rep's device holds no team row any more, only the shared tables.
    for table in ("shops", "users", "teams"):
        assert held(rep_a2, table) == set(), table
    assert team["county"] in held(rep_a2, "counties")
    assert leaver not in user_ids(rep_a)
    assert user_ids(sup_b)[leaver] is None  # another supervisor sees them in the pool

    # Team B's supervisor takes them in: both supervisors and the rep converge.
    sup_b.store.users.take_in(leaver)  # type: ignore[attr-defined]
    synced(sup_b, rep_a2, sup_a, rep_a)
    assert leaver not in user_ids(sup_a)
    assert user_ids(rep_a2)[leaver] == team["B"]
    assert shop not in held(rep_a2, "shops")


def test_release_is_refused_while_the_rep_owns_live_data(
    server: Server, team: dict[str, Any], device: MakeDevice
) -> None:
    sup_a, rep_a = device("supA"), device("repA")
    synced(rep_a)
    shop = new_shop(rep_a, team["county"])
    koc = rep_a.store.kocs.create(
        name="李姐", county_id=team["county"], rep_id=rep_a.user_id, **KOC
    )
    synced(rep_a, sup_a)
    # The supervisor's device refuses it offline, with head office's code.
    with pytest.raises(ValidationError) as info:
        sup_a.store.users.release(team["repA"])  # type: ignore[attr-defined]
    assert info.value.codes() == {"team_id": "rep_has_data"}
    assert sup_a.store.outbox.list() == []
    raw = server.device("supA")
    for cleanup in (None, ("shops", shop), ("kocs", str(koc.id))):
        if cleanup is not None:
            rep_a.store.repo(cleanup[0]).delete(cleanup[1])
            synced(rep_a)
        (res,) = raw.push(raw.mut("users", team["repA"], base=10**9, team_id=None))
        if cleanup != ("kocs", str(koc.id)):
            assert res["status"] == "rejected", res
            assert res["error"] == {"code": "rep_has_data", "field": "team_id"}
        else:  # only tombstones left: they go with the rep, nothing live is orphaned
            assert res["status"] == "applied", res
    synced(sup_a, rep_a)
    assert held(rep_a, "shops") == set()
    assert team["repA"] in user_ids(sup_a)


def test_supervisor_writes_only_team_id_of_reps_between_own_team_and_pool(
    server: Server, team: dict[str, Any]
) -> None:
    sup, rep, admin = server.device("supA"), server.device("repA"), server.device("admin")
    before = _state(server)
    big = 10**9
    tries = [
        (sup, sup.mut("users", team["repB"], base=big, team_id=None), "not_found"),
        (sup, sup.mut("users", team["repB"], base=big, team_id=team["A"]), "not_found"),
        (sup, sup.mut("users", team["supB"], base=big, team_id=team["A"]), "not_found"),
        (sup, sup.mut("users", team["admin"], base=big, team_id=team["A"]), "not_found"),
        (sup, sup.mut("users", team["supA"], base=big, team_id=None), "forbidden"),
        (sup, sup.mut("users", team["repA"], base=big, team_id=team["B"]), "forbidden"),
        (sup, sup.mut("users", team["repP"], base=big, team_id=team["B"]), "forbidden"),
        (sup, sup.mut("users", team["repA2"], base=big, name="改名"), "forbidden"),
        (sup, sup.mut("users", team["repA2"], base=big, mobile="13800138000"), "forbidden"),
        (sup, sup.mut("users", team["repP"], base=big, role="supervisor"), "forbidden"),
        (sup, sup.mut("users", team["repP"], base=big, team_id=team["A"], name="x"), "forbidden"),
        (sup, sup.mut("users", team["repA2"], "delete", base=big), "forbidden"),
        (
            sup,
            sup.mut(
                "users", str(uuid.uuid4()), "insert", name="新人", role="rep", team_id=team["A"]
            ),
            "forbidden",
        ),
        (rep, rep.mut("users", team["repA2"], base=big, team_id=None), "forbidden"),
        (rep, rep.mut("users", team["repP"], base=big, team_id=team["A"]), "not_found"),
        (rep, rep.mut("users", team["repA"], base=big, team_id=None), "forbidden"),
    ]
    for dev, mutation, code in tries:
        (res,) = dev.push(mutation)
        assert res["status"] == "rejected" and res["error"]["code"] == code, (mutation, res)
    assert _state(server) == before
    # What a supervisor may do, and an admin too; releasing a teammate with data is
    # refused for admins as well (the data would be orphaned).
    (ok,) = sup.push(sup.mut("users", team["repP"], base=big, team_id=team["A"]))
    assert ok["status"] == "applied", ok
    shop = str(uuid.uuid4())
    (made,) = rep.push(rep.mut("shops", shop, "insert", **shop_fields(team, "repA")))
    assert made["status"] == "applied"
    (refused,) = admin.push(admin.mut("users", team["repA"], base=big, team_id=None))
    assert refused["error"]["code"] == "rep_has_data"


def _state(server: Server) -> Any:
    with server.engine.connect() as c:
        log = c.execute(sa.select(sa.func.count()).select_from(change_log)).scalar_one()
        data = sorted(
            (r.table_name, r.row_id, r.version, r.team_id)
            for r in c.execute(
                sa.select(rows.c.table_name, rows.c.row_id, rows.c.version, rows.c.team_id)
            )
        )
    return log, data


def test_a_move_larger_than_a_page_is_never_split(server: Server, world: dict[str, Any]) -> None:
    rep_a, sup_b = server.device("repA"), server.device("supB")
    made = set()
    for _ in range(12):
        shop = str(uuid.uuid4())
        (res,) = rep_a.push(rep_a.mut("shops", shop, "insert", **shop_fields(world, "repA")))
        assert res["status"] == "applied"
        made.add(shop)
    cursor = sup_b.pull_all()[-1]["seq"]
    service.move_user(server.engine, "repA", "B", server.clock())
    got = {c["row_id"] for c in sup_b.pull_all(cursor, limit=5) if c["table"] == "shops"}
    assert got == made
    # The moved rep's own device too, from its old cursor, in small pages.
    again = {c["row_id"]: c["op"] for c in rep_a.pull_all(cursor, limit=5)}
    assert all(again[s] == "upsert" for s in made)


def test_migration_0004_moves_reps_without_a_team_into_the_pool(
    server: Server, world: dict[str, Any]
) -> None:
    """A rep whose team an admin cleared before the pool existed (no team in ``rows``)
    is in the pool after the upgrade, and supervisors' verify sums hold them."""
    from alembic import command

    from sync.server.migrate import alembic_config

    rep = world["repA"]
    with server.engine.begin() as c:  # as 0003 left it: the row and its log with no team
        for table in (rows, change_log):
            c.execute(
                sa.update(table)
                .where(table.c.table_name == "users", table.c.row_id == rep)
                .values(team_id=None)
            )
        c.execute(
            sa.update(rows)
            .where(rows.c.table_name == "users", rows.c.row_id == rep)
            .values(data=sa.func.json_set(rows.c.data, "$.team_id", None))
            if c.dialect.name == "sqlite"
            else sa.text(
                "UPDATE rows SET data = jsonb_set(data::jsonb, '{team_id}', 'null')::json"
                " WHERE table_name = 'users' AND row_id = :r"
            ).bindparams(r=rep)
        )
        service.rebuild_scope_sums(c)
        c.execute(sa.text("UPDATE alembic_version SET version_num = '0003'"))
    cfg = alembic_config()  # 0004 again (later migrations' tables are there already)
    with server.engine.begin() as c:
        cfg.attributes["connection"] = c
        command.upgrade(cfg, "0004")
    with server.engine.connect() as c:
        team = c.execute(
            sa.select(rows.c.team_id).where(rows.c.table_name == "users", rows.c.row_id == rep)
        ).scalar()
    assert team == service.POOL
    callers = [
        service.authenticate(server.engine, server.device(name).token, server.clock())
        for name in ("supA", "supB", "repB")
    ]
    for caller in callers:  # 0004's own recount: the ids-and-versions sums
        assert service.verify(server.engine, caller, schema=2) == service.verify_by_rows(
            server.engine, caller, schema=2
        )
    with server.engine.begin() as c:  # what 0009 does after it: the content sums too
        service.rebuild_scope_sums(c)
    for caller in callers:
        assert service.verify(server.engine, caller) == service.verify_by_rows(
            server.engine, caller
        )
    sup_b = server.device("supB")
    assert rep in {c["row_id"] for c in sup_b.pull_all() if c["table"] == "users"}


def test_cli_releases_a_rep_to_the_pool_only_without_live_data(
    server: Server, world: dict[str, Any]
) -> None:
    import io

    from sync.server import cli

    world["repA2"] = server.user("repA2", "rep", "A")
    rep_a = server.device("repA")
    (made,) = rep_a.push(rep_a.mut("shops", str(uuid.uuid4()), "insert",
                                   **shop_fields(world, "repA")))  # fmt: skip
    assert made["status"] == "applied"

    def run(*args: str) -> tuple[int, str]:
        out = io.StringIO()
        code = cli.run(["move-user", *args, "--database", server.url], io.StringIO(), out)
        return code, out.getvalue()

    assert run("repA2", "--pool") == (0, "moved repA2 and 0 rows\n")
    for name, code in (("repA", "rep_has_data"), ("supA", "invalid_role")):
        with pytest.raises(service.ServiceError) as info:
            run(name, "--pool")
        assert info.value.code == code
    pool = {c["row_id"] for c in server.device("supB").pull_all() if c["table"] == "users"}
    assert world["repA2"] in pool and world["repA"] not in pool
    assert run("repA2", "--team", "B")[0] == 0  # and out again into a team
