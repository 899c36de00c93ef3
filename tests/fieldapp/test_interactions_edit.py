"""Interactions can be edited and deleted: each through the outbox, the owner's level
recomputed from what is left (docs/guarantees.md "Typed input")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fieldapp.store import Store

if TYPE_CHECKING:
    from conftest import Maker


def test_editing_and_deleting_interactions_recompute_the_owners_level(
    store: Store, make: Maker
) -> None:
    owner = make.owner(level=2)
    older = store.interactions.create(
        owner_id=owner.id, date="2026-11-01", kind="call", level_after=3
    )
    latest = store.interactions.create(
        owner_id=owner.id, date="2026-11-20", kind="gift", level_after=5
    )
    assert store.owners.get(owner.id).level == 5

    # Editing the latest one's level moves the owner's level with it.
    store.interactions.update(latest.id, level_after=4, note="送了两瓶")
    assert store.owners.get(owner.id).level == 4
    # Moving it before the other one makes the other one the latest.
    store.interactions.update(latest.id, date="2026-10-01")
    assert store.owners.get(owner.id).level == 3
    store.interactions.update(latest.id, date="2026-11-20")
    assert store.owners.get(owner.id).level == 4

    # Deleting it leaves the level of the one before.
    store.interactions.delete(latest.id)
    assert store.interactions.find(latest.id) is None
    assert store.owners.get(owner.id).level == 3
    # The edits and the delete travel as outbox mutations of that row.
    ops = [m.op for m in store.outbox.list(row_id=latest.id)]
    assert ops[0] == "insert" and ops[-1] == "delete"
    assert [m.op for m in store.outbox.list(row_id=older.id)] == ["insert"]
    # The last one with a level gone, the owner keeps their level.
    store.interactions.delete(older.id)
    assert store.owners.get(owner.id).level == 3
