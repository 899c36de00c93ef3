"""Loading many rows at once (the demo generator): indexes built once, not kept in order.

Every table is keyed by random UUIDs and most carry several secondary indexes, and the
three searchable tables feed an FTS5 index through ``AFTER INSERT`` triggers (client
migration 0030). Inserted row by row, each row lands on a page scattered over each of
those B-trees; once they outgrow the page cache every row costs page reads, and every
commit writes back (and checkpoints) a page per index per row, so the cost of a row
grew with the store: region-scale demo data took 21 times the team scale's time for 10
times the rows. :func:`loading` sets the non-unique indexes and the search index's
insert triggers of the tables being filled aside (their SQL kept in ``sync_state``
under :data:`DEFERRED_SCHEMA`, as a sync's first load does, ``Replica.pulling``), and
builds them again at the end: ``CREATE INDEX`` sorts a finished table once, and the
search index is filled from the finished tables in one statement each. The schema and
every row are the same as loaded the slow way (tests/fieldapp/test_demo_bulk.py).

A process killed while loading leaves them aside until ``Replica.restore_schema`` runs
(at the next ``Store.open``), which builds them the same way (``search.rebuild``).
Threading: the store's thread (it uses the store's connection).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING

from . import search

if TYPE_CHECKING:
    from . import Store
    from .db import Db

__all__ = ["DEFERRED_SCHEMA", "LOAD_CACHE_KIB", "loading", "schema_aside", "set_aside"]

#: ``sync_state`` key: the indexes and triggers set aside, by a bulk load or by a sync's
#: first load (``Replica.pulling``), as JSON ``[[type, name, table, sql], …]``, until
#: ``Replica.restore_schema`` builds them again.
DEFERRED_SCHEMA = "deferred_schema"
#: Page cache while loading (KiB; SQLite only takes what it uses): the primary-key
#: indexes, which stay, and a batch's new pages fit at region scale (about 600 MB).
LOAD_CACHE_KIB = 1024 * 1024


def schema_aside(db: Db, tables: Collection[str], triggers: Collection[str]) -> list[list[str]]:
    """What a load sets aside: the non-unique indexes of ``tables`` and those of their
    triggers named in ``triggers``, as ``[type, name, table, sql]`` in name order (the
    form kept under :data:`DEFERRED_SCHEMA`)."""
    return [
        [kind, name, table, sql]
        for kind, name, table, sql in db.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master"
            " WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name"
        )
        if table in tables
        and (
            (kind == "index" and not sql.lstrip().upper().startswith("CREATE UNIQUE"))
            or (kind == "trigger" and name in triggers)
        )
    ]


def _aside(db: Db, tables: Collection[str]) -> list[list[str]]:
    """The non-unique indexes of ``tables`` and their search-index insert triggers."""
    inserts = {search.trigger_names(t)[0] for t in search.INDEXED_TABLES if t in tables}
    inserts.update(n for n in search.SHORT_TRIGGERS if n.split("_")[0] in tables)
    return schema_aside(db, tables, inserts)


def set_aside(store: Store, tables: Collection[str]) -> None:
    """Drop the non-unique indexes of ``tables`` and their search-index insert triggers,
    keeping their SQL for ``Replica.restore_schema`` (one transaction)."""
    db = store.db
    # In a caller's transaction, no savepoint: once one has journaled more than 64 kB,
    # SQLite writes every later statement's journal to a file until the end.
    with contextlib.nullcontext() if store.in_transaction else store.transaction():
        aside = _aside(db, tables)
        if aside:
            store.replica.set_state(DEFERRED_SCHEMA, json.dumps(aside))
        for kind, name, _table, _sql in aside:
            db.execute(f"DROP {kind.upper()} {name}")


@contextlib.contextmanager
def loading(store: Store, tables: Collection[str]) -> Iterator[None]:
    """Inside, rows inserted into ``tables`` update no secondary index and no search
    index; at the end (also when the block fails) they are built from the rows.

    Also lets commits inside skip waiting for the disk (``synchronous = NORMAL``; WAL
    keeps each one atomic) and gives the page cache :data:`LOAD_CACHE_KIB`, both put
    back at the end. Inside a caller's transaction (the window's all-or-nothing demo
    load) the set-aside and the rebuild are part of it: a rollback undoes both.
    """
    db = store.db
    conn = db.conn
    outer = conn.in_transaction
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    sync = None if outer else conn.execute("PRAGMA synchronous").fetchone()[0]
    store.replica.restore_schema()  # one set aside at a time
    conn.execute(f"PRAGMA cache_size = -{LOAD_CACHE_KIB}")
    if sync is not None:
        conn.execute("PRAGMA synchronous = NORMAL")  # not allowed inside a transaction
    try:
        set_aside(store, tables)
        try:
            yield
        finally:
            if not (outer and not conn.in_transaction):  # not after a rollback of the caller's
                store.replica.restore_schema()
    finally:
        conn.execute(f"PRAGMA cache_size = {int(cache)}")
        if sync is not None and not conn.in_transaction:
            conn.execute(f"PRAGMA synchronous = {int(sync)}")
