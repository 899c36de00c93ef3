"""Team membership on the device: ``store.users`` refuses what head office refuses, with
its codes (docs/sync-protocol.md "Team membership"), and a refusal changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from fieldapp.errors import ValidationError
from fieldapp.model import User
from fieldapp.store import Store
from fieldapp.store.repo import UserRepo


@dataclass
class World:
    store: Store
    users: UserRepo
    team: str
    other: str
    sup: User
    rep: User
    idle: User
    pool: User
    other_rep: User
    admin: User
    county: str


@pytest.fixture
def w() -> World:
    s = Store.open(":memory:")
    team, other = s.teams.create(name="郑州一组").id, s.teams.create(name="郑州二组").id
    users = s.users
    assert isinstance(users, UserRepo)
    made = {
        "sup": users.create(name="王强", role="supervisor", team_id=team),
        "rep": users.create(name="李娜", role="rep", team_id=team),
        "idle": users.create(name="赵敏", role="rep", team_id=team),
        "pool": users.create(name="孙丽", role="rep"),
        "other_rep": users.create(name="周杰", role="rep", team_id=other),
        "admin": users.create(name="总部", role="admin"),
    }
    county = s.counties.create(name="金水区").id
    s.shops.create(name="鑫旺便利店", channel="convenience", county_id=county,
                   rep_id=made["rep"].id)  # fmt: skip
    s.set_user(made["sup"].id)
    return World(s, users, team, other, county=county, **made)


def _outbox(w: World) -> int:
    return len(w.store.outbox.list())


def test_supervisor_takes_in_and_releases_through_the_outbox(w: World) -> None:
    before = _outbox(w)
    assert [u.id for u in w.users.pool()] == [w.pool.id]
    assert w.users.take_in(w.pool.id).team_id == w.team
    assert w.users.pool() == []
    assert w.users.release(w.idle.id).team_id is None
    assert {u.id for u in w.users.team_members(w.team)} == {w.sup.id, w.rep.id, w.pool.id}
    muts = w.store.outbox.list()[before:]
    assert [(m.table, m.row_id, sorted(m.changes)) for m in muts] == [
        ("users", w.pool.id, ["team_id"]),
        ("users", w.idle.id, ["team_id"]),
    ]


def test_release_is_refused_while_the_rep_owns_live_data(w: World) -> None:
    before = _outbox(w)
    with pytest.raises(ValidationError) as info:
        w.users.release(w.rep.id)
    assert info.value.codes() == {"team_id": "rep_has_data"}
    assert info.value.errors[0].params == {"shops": 1, "kocs": 0, "events": 0}
    assert w.users.get(w.rep.id).team_id == w.team and _outbox(w) == before
    (shop,) = w.store.shops.list(where={"rep_id": w.rep.id})
    w.store.shops.update(shop.id, rep_id=w.sup.id)  # handed on: now the release goes
    assert w.users.release(w.rep.id).team_id is None


@pytest.mark.parametrize(
    ("who", "target", "changes", "field"),
    [
        ("sup", "other_rep", {"team_id": None}, "team_id"),
        ("sup", "other_rep", {"team_id": "own"}, "team_id"),
        ("sup", "sup", {"team_id": None}, "team_id"),
        ("sup", "admin", {"team_id": "own"}, "team_id"),
        ("sup", "pool", {"team_id": "other"}, "team_id"),
        ("sup", "idle", {"team_id": "other"}, "team_id"),
        ("sup", "idle", {"name": "改名"}, "name"),
        ("sup", "pool", {"mobile": "13800138000"}, "mobile"),
        ("sup", "pool", {"role": "supervisor"}, "role"),
        ("rep", "idle", {"team_id": None}, "team_id"),
        ("rep", "pool", {"team_id": "own"}, "team_id"),
    ],
)
def test_what_head_office_refuses_is_refused_offline(
    w: World, who: str, target: str, changes: dict[str, str | None], field: str
) -> None:
    w.store.set_user(getattr(w, who).id)
    teams = {"own": w.team, "other": w.other}
    values = {k: teams.get(v, v) if v else v for k, v in changes.items()}
    row = getattr(w, target)
    before = (_outbox(w), w.users.get(row.id))
    with pytest.raises(ValidationError) as info:
        w.users.update(row.id, **values)
    assert info.value.codes() == {field: "forbidden"}
    assert (_outbox(w), w.users.get(row.id)) == before


def test_admin_may_move_anyone_but_orphans_nobody(w: World) -> None:
    w.store.set_user(w.admin.id)
    w.users.update(w.other_rep.id, team_id=w.team)
    with pytest.raises(ValidationError) as info:
        w.users.release(w.rep.id)
    assert info.value.codes() == {"team_id": "rep_has_data"}
