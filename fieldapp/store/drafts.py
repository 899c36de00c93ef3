"""Drafts: text a person typed that could not be saved yet (it fails validation).

Kept on this device only (the ``meta`` table, never synced, never in the outbox) under a
key naming what it belongs to (e.g. ``visits/<id>``), one text per field, until the
field is fixed (its draft goes) or the person discards it. A draft survives leaving the
page, closing the window and a crash, so typed text is never lost.
Threading: the store's thread.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import Store

_PREFIX = "draft."


def get(store: Store, key: str) -> dict[str, str]:
    """The drafts kept under ``key``: field name to the text typed."""
    raw = store.get_meta(_PREFIX + key)
    if not raw:
        return {}
    try:
        found = json.loads(raw)
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def put(
    store: Store, key: str, texts: Mapping[str, str], *, fields: Iterable[str] | None = None
) -> None:
    """Keep ``texts`` as the drafts of their fields under ``key``; the drafts of the other
    ``fields`` (all, when None) go. Writes only when something changes."""
    before = get(store, key)
    after = dict(before)
    for name in list(after) if fields is None else fields:
        after.pop(name, None)
    after.update(texts)
    if after == before:
        return
    store.set_meta(_PREFIX + key, json.dumps(after, ensure_ascii=False) if after else None)


def drop(store: Store, key: str) -> None:
    """Forget every draft under ``key``."""
    if store.get_meta(_PREFIX + key) is not None:
        store.set_meta(_PREFIX + key, None)


def keys(store: Store) -> list[str]:
    """Keys that have drafts now."""
    return [
        str(r["key"])[len(_PREFIX) :]
        for r in store.db.query(
            "SELECT key FROM meta WHERE key LIKE 'draft.%' AND value IS NOT NULL ORDER BY key"
        )
    ]
