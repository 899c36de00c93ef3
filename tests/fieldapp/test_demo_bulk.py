"""Demo data loaded in bulk (``Store.bulk_loading``, fieldapp/store/bulk.py) is the
store the row-by-row load made: the same schema, rows, rowids and search index.

The slow way is the same generator with ``bulk_loading`` taken away (every index and
search trigger kept up to date row by row). Threading: plain single-threaded tests.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import nullcontext
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from fieldapp.demo import generate
from fieldapp.kinds import TABLES
from fieldapp.store import Store, bulk
from fieldapp.store.replica import DEFERRED_SCHEMA

TODAY = date(2026, 5, 20)
#: Tables whose bytes depend on how the rows went in, not on what they are: FTS5's
#: segments (their content is compared through the index itself) and when each
#: migration ran.
_LAYOUT = ("_data", "_idx")


def _schema(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    return sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall())


def _content(conn: sqlite3.Connection) -> dict[str, str]:
    """A digest of every table's rows in rowid order, and of each search index's terms."""
    out: dict[str, str] = {}
    tables = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    for table, sql in tables:
        if table.endswith(_LAYOUT) or table.startswith("sqlite_") or table == "meta":
            continue
        if table == "_sqlite_migrations":
            rows = conn.execute("SELECT migration_set, name FROM _sqlite_migrations").fetchall()
        elif table.endswith("_terms"):  # fts5vocab: every term, its rows and count
            rows = conn.execute(f"SELECT * FROM {table} ORDER BY term").fetchall()
        elif "WITHOUT ROWID" in sql.upper():
            rows = conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
        else:
            rows = conn.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid").fetchall()
        out[table] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return out


def _build(path: Path, *, bulk_load: bool) -> None:
    with Store.open(str(path)) as store:
        if not bulk_load:
            store.bulk_loading = lambda *a, **k: nullcontext()  # type: ignore[method-assign,assignment]
        generate(store, scale="rep", seed=3, today=TODAY)


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    folder = tmp_path_factory.mktemp("demo_bulk")
    slow, fast = folder / "slow.db", folder / "fast.db"
    _build(slow, bulk_load=False)
    _build(fast, bulk_load=True)
    yield slow, fast


def test_bulk_load_gives_the_same_schema_and_rows(stores: tuple[Path, Path]) -> None:
    slow, fast = (sqlite3.connect(p) for p in stores)
    assert _schema(fast) == _schema(slow)
    a, b = _content(slow), _content(fast)
    assert {"shops", "visits", "kocs", "kocs_search", "kocs_search_terms"} <= a.keys()
    assert b == a
    assert fast.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    for table in ("shops", "owners", "kocs"):
        fts = f"{table}_search"
        fast.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
        assert (
            fast.execute(f"SELECT count(*) FROM {fts}").fetchone()
            == fast.execute(f"SELECT count(*) FROM {table}").fetchone()
        )


def test_search_finds_the_same_rows(stores: tuple[Path, Path]) -> None:
    slow, fast = (Store.open(str(p)) for p in stores)
    with slow, fast:
        for text in ("张", "烟酒", "wang", "zw", "138", "l"):
            hits = [(h.kind, h.id, h.rank) for h in fast.search(text)]
            assert hits, text
            assert hits == [(h.kind, h.id, h.rank) for h in slow.search(text)], text


def test_a_failed_load_builds_the_indexes_again(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "s.db")) as store:
        before = _schema(store.db.conn)
        with pytest.raises(RuntimeError), store.bulk_loading():
            assert store.replica.get_state(DEFERRED_SCHEMA)
            assert _schema(store.db.conn) != before
            raise RuntimeError("boom")
        assert _schema(store.db.conn) == before
        assert store.replica.get_state(DEFERRED_SCHEMA) is None


def test_a_killed_load_is_mended_at_the_next_open(tmp_path: Path) -> None:
    path = str(tmp_path / "s.db")
    with Store.open(path) as store:
        before = _schema(store.db.conn)
        bulk.set_aside(store, TABLES)  # and the process dies while loading
        store.bulk_insert(
            "users",
            [
                {
                    "id": "u1",
                    "name": "张伟",
                    "role": "rep",
                    "created_at": "2026-01-01T00:00:00+00:00",
                }
            ],
        )
        store.bulk_insert(
            "shops",
            [
                {
                    "id": "s1",
                    "name": "老王烟酒",
                    "code": "S1",
                    "channel": "convenience",
                    "tier": "A",
                    "rep_id": "u1",
                    "county_id": "c1",
                    "created_at": "2026-01-01T00:00:00+00:00",
                }
            ],
            validate=True,  # fills the defaults
        )
        aside = json.loads(store.replica.get_state(DEFERRED_SCHEMA) or "[]")
        assert {name for _, name, _, _ in aside} >= {"shops_search_insert", "shops_live_name"}
    with Store.open(path) as store:
        assert _schema(store.db.conn) == before
        assert store.replica.get_state(DEFERRED_SCHEMA) is None
        assert [h.id for h in store.search("laowang")] == ["s1"]
