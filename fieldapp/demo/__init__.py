"""Deterministic demo data: a year of a deep-distribution team's work in 河南省.

``generate(store, scale=..., seed=..., today=...)`` fills an empty store; see
:mod:`fieldapp.demo.generator`. ``corpus`` holds the word lists it draws from.
Threading: ``generate`` runs on the thread that owns the store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .generator import SCALES, DemoSummary, generate

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["SCALES", "DemoSummary", "adopt_first", "adopt_first_rep", "generate"]


def adopt_first_rep(store: Store) -> str | None:
    """Work as the demo's first rep (by name), so "today" shows someone's day.

    Returns the user id, or None when the store has no rep.
    """
    reps = store.users.list(where={"role": "rep"}, order_by="name", limit=1)
    if not reps:
        return None
    store.set_user(reps[0].id)
    return reps[0].id


def adopt_first(store: Store, role: str, *, remember: bool = True) -> str | None:
    """Work as the demo's first user of ``role`` (rep, supervisor or admin) by name.

    A supervisor sees the review queue and the team dashboard. Returns the user id, or
    None when the store has no such user (nothing changes then). With ``remember``
    False it holds for this connection only (the desktop's ``--as``: one start).
    """
    users = store.users.list(where={"role": role}, order_by="name", limit=1)
    if not users:
        return None
    store.set_user(users[0].id, remember=remember)
    return users[0].id
