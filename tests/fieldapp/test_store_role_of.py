"""``store.role_of``: a user's role read without building the model (the window's start-up
asks it to choose its pages); ``store.replica`` made when first used, once per store."""

from __future__ import annotations

from fieldapp.model import Role
from fieldapp.store import Store
from tests.conftest import World


def test_role_of(world: World) -> None:
    store = world.store
    boss = store.users.create(name="王主管", role="supervisor", team_id=world.team_id)
    admin = store.users.create(name="总部", role="admin")
    assert store.role_of(world.rep_id) is Role.REP
    assert store.role_of(boss.id) is Role.SUPERVISOR
    assert store.role_of(admin.id) is Role.ADMIN
    assert store.role_of(None) is None
    assert store.role_of("nobody") is None
    store.users.delete(boss.id)
    assert store.role_of(boss.id) is None  # as users.find: a deleted user is no one
    # A role a newer version wrote comes back as its text, not as an error.
    store.db.execute("UPDATE users SET role = 'auditor' WHERE id = ?", [admin.id])
    assert store.role_of(admin.id) == "auditor"


def test_replica_is_made_once_when_first_used(world: World) -> None:
    store = world.store
    assert "replica" not in vars(store)
    replica = store.replica
    assert store.replica is replica
    other = Store.open(":memory:")
    try:
        assert other.replica is not replica
    finally:
        other.close()
